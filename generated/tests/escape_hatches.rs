//! Tests of the ways around the spec: the body's bytes as read (`Response::raw_body`), and
//! per-request query parameters and body fields the spec does not describe yet
//! (`extra_query`, `extra_body_field`), which keep the credential rules of headers.

mod common;

use std::collections::HashMap;

use common::{TOKEN, api_call, api_call_with_body, body_of, only_request, setup};
use digitalocean_images::types::ImageNewCustom;
use digitalocean_images::{Client, Error};
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::query_param;

/// A response with a field the spec does not know, in an order and spacing of its own.
const IMAGE_WITH_MORE: &str =
    r#"{"image": {"id": 1, "name": "one", "secure_boot": true},  "beta": {"x": [1, 2]}}"#;

/// A body built from JSON, as a caller could whatever the type's constructors.
fn new_custom() -> ImageNewCustom {
    serde_json::from_value(
        json!({"name": "n", "url": "https://example.com/i.img", "region": "nyc3"}),
    )
    .unwrap()
}

#[tokio::test]
async fn the_raw_body_is_the_bytes_as_sent_with_what_decoding_dropped() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(200).set_body_raw(IMAGE_WITH_MORE, "application/json"))
        .mount(&server)
        .await;

    let response = client.images().get(1).send_with_response().await.unwrap();

    assert_eq!(response.body().image.id, Some(1));
    assert_eq!(response.raw_body().as_ref(), IMAGE_WITH_MORE.as_bytes());
    let raw: serde_json::Value = serde_json::from_slice(response.raw_body()).unwrap();
    assert_eq!(raw["image"]["secure_boot"], true);
    // `Debug` names the raw body's length rather than repeating it.
    let debug = format!("{response:?}");
    assert!(debug.contains(&format!("raw_body: {} bytes", IMAGE_WITH_MORE.len())), "{debug}");
}

#[tokio::test]
async fn an_error_answer_keeps_its_whole_raw_body() {
    let (server, client) = setup().await;
    // Longer than the 4 KiB an unexpected body's text keeps.
    let page = format!("<html>{}</html>", "x".repeat(10_000));
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(500).set_body_string(page.clone()))
        .mount(&server)
        .await;

    let error = client.images().get(1).send().await.unwrap_err();

    match error {
        Error::UnexpectedResponse(response) => {
            assert!(response.body().len() <= 4096);
            assert_eq!(response.raw_body().as_ref(), page.as_bytes());
        }
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn extra_query_parameters_follow_the_operations_own_on_every_page() {
    let (server, client) = setup().await;
    let page = |next: Option<&str>| {
        let pages = next.map_or(json!({}), |next| json!({"next": next}));
        ResponseTemplate::new(200).set_body_json(
            json!({"images": [{"id": 1}], "links": {"pages": pages}, "meta": {"total": 2}}),
        )
    };
    api_call("GET", "/v2/images")
        .and(query_param("page", "2"))
        .respond_with(page(None))
        .mount(&server)
        .await;
    api_call("GET", "/v2/images")
        .respond_with(page(Some("https://api.digitalocean.com/v2/images?page=2&per_page=5")))
        .mount(&server)
        .await;

    let ids: Vec<_> = futures::TryStreamExt::try_collect::<Vec<_>>(
        client.images().list().per_page(5).extra_query("sort", "name a&b").items(),
    )
    .await
    .unwrap();

    assert_eq!(ids.len(), 2);
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries, ["per_page=5&sort=name+a%26b", "page=2&per_page=5&sort=name+a%26b"]);
}

#[tokio::test]
async fn extra_body_fields_are_set_in_the_body_object() {
    let (server, client) = setup().await;
    api_call_with_body("POST", "/v2/images")
        .respond_with(ResponseTemplate::new(202).set_body_raw(IMAGE_WITH_MORE, "application/json"))
        .mount(&server)
        .await;

    client
        .images()
        .create_custom(new_custom())
        .extra_body_field("secure_boot", true)
        .extra_body_field("labels", json!({"team": "infra"}))
        .extra_body_field("name", "renamed")
        .send()
        .await
        .unwrap();

    let sent = body_of(&only_request(&server).await);
    assert_eq!(
        sent,
        json!({"name": "renamed", "url": "https://example.com/i.img", "region": "nyc3",
            "secure_boot": true, "labels": {"team": "infra"}})
    );
}

#[tokio::test]
async fn extra_body_fields_without_a_body_to_hold_them_are_refused_unsent() {
    let (server, client) = setup().await;

    let error = client.images().get(1).extra_body_field("secret", "s3cret").send().await;

    match error {
        Err(Error::InvalidRequest(problem)) => {
            assert!(problem.contains("extra body fields (secret)"), "{problem}");
            assert!(!problem.contains("s3cret"), "{problem}");
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_extra_body_field_that_does_not_serialise_is_refused_unsent() {
    let (server, client) = setup().await;
    // JSON object keys must be strings.
    let value: HashMap<(u8, u8), u8> = [((1, 2), 3)].into();

    let error = client.images().create_custom(new_custom()).extra_body_field("bad", value).send();

    match error.await {
        Err(Error::InvalidRequest(problem)) => assert!(problem.contains("bad"), "{problem}"),
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn extra_query_values_never_show_in_errors() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();

    let request = client.images().get(1).extra_query("signature", "s3cret-sig");
    assert!(!format!("{request:?}").contains("s3cret-sig"), "{request:?}");
    let error = request.send().await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("s3cret-sig") && !shown.contains(TOKEN), "{shown}");
}
