//! Tests of what a hostile server can make of the client: error messages stay short whatever
//! it sends (while the accessors keep all of it), and extreme header values neither panic nor
//! make the client wait.

mod common;

use common::{api_call, setup};
use digitalocean_images::{Client, Error};
use wiremock::ResponseTemplate;

/// The longest message an error may have: 4 KiB and the `…` that marks the cut.
const MESSAGE_LIMIT: usize = 4096 + '…'.len_utf8();

/// Ten megabytes of two-byte characters, so a cut in the wrong place would split one.
fn flood() -> String {
    "é".repeat(5 * 1024 * 1024)
}

fn assert_bounded(err: &Error) {
    let message = err.to_string();
    assert!(message.len() <= MESSAGE_LIMIT, "{} bytes", message.len());
    assert!(message.ends_with('…'), "the cut is marked: {:?}", &message[message.len() - 20..]);
}

#[tokio::test]
async fn a_10_mb_error_message_makes_a_short_error_and_keeps_the_whole_body() {
    let (server, client) = setup().await;
    let body = serde_json::json!({"id": "not_found", "message": flood()});
    api_call("GET", "/v2/images/7")
        .respond_with(ResponseTemplate::new(404).set_body_json(&body))
        .mount(&server)
        .await;

    let err = client.images().get(7).send().await.unwrap_err();

    assert_bounded(&err);
    assert!(err.to_string().starts_with("the API answered 404 Not Found (1 attempt): {\"id\""));
    match err {
        Error::Api(response) => assert_eq!(response.body().message, flood()),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_10_mb_body_in_no_known_format_makes_a_short_error() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/7")
        .respond_with(ResponseTemplate::new(500).set_body_raw(flood(), "text/html"))
        .mount(&server)
        .await;

    let err = client.images().get(7).max_retries(0).send().await.unwrap_err();

    assert_bounded(&err);
    match err {
        // The body kept is its start, as documented.
        Error::UnexpectedResponse(response) => assert!(flood().starts_with(response.body())),
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_10_mb_string_where_a_number_belongs_makes_a_short_error() {
    let (server, client) = setup().await;
    // serde's own message quotes the whole string.
    let body = serde_json::json!({"image": {"id": flood()}});
    api_call("GET", "/v2/images/7")
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;

    let err = client.images().get(7).send().await.unwrap_err();

    assert_bounded(&err);
    // The message still shows the start of the body after the serde error.
    assert!(err.to_string().contains("; the body starts: {\"image\""), "{err}");
    match err {
        Error::Decode { source, snippet, .. } => {
            assert!(source.to_string().contains(&flood()));
            assert!(snippet.starts_with("{\"image\":{\"id\":\"éé"), "{snippet}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_long_configuration_problem_makes_a_short_error() {
    let err = Client::builder().base_url(format!("ftp://{}", "é".repeat(10_000))).build();

    assert_bounded(&err.unwrap_err());
}
