//! The types of other crates in the client's API, named only through the client's own
//! re-exports, as a caller without `reqwest`, `http`, `chrono`, `bytes` or `serde_json` among
//! its dependencies would name them. Not one path in this file starts with those crates: each
//! goes through `digitalocean_images::`, so a missing re-export fails to compile.

mod common;

use common::{SEED_IMAGE_JSON, TOKEN, api_call};
use digitalocean_images::chrono::{DateTime, TimeZone, Utc};
use digitalocean_images::{Client, HeaderMap, StatusCode, bytes, reqwest, serde_json};
use wiremock::{MockServer, ResponseTemplate};

#[tokio::test]
async fn a_caller_names_every_foreign_type_through_the_crate() {
    let server = MockServer::start().await;
    api_call("GET", "/v2/images/7555620")
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED_IMAGE_JSON, "application/json"))
        .mount(&server)
        .await;
    api_call("GET", "/v2/images/404")
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-request-id", "req-1")
                .set_body_raw(r#"{"id":"not_found","message":"gone"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    // The HTTP client of the caller's own, from the re-exported reqwest.
    let http: reqwest::Client = reqwest::Client::builder()
        .user_agent("digitalocean-images/caller")
        .redirect(Client::redirect_policy())
        .referer(false)
        .build()
        .unwrap();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .http_client(http)
        .max_retries(0)
        .build()
        .unwrap();

    let found = client.images().get(7555620).send_with_response().await.unwrap();
    let status: StatusCode = found.status();
    assert_eq!(status, StatusCode::OK);
    let headers: &HeaderMap = found.headers();
    assert_eq!(headers["content-type"], "application/json");
    let raw: &bytes::Bytes = found.raw_body();
    assert_eq!(raw.as_ref(), SEED_IMAGE_JSON.as_bytes());
    let created: Option<DateTime<Utc>> = found.body().image.created_at;
    assert_eq!(created, Some(Utc.with_ymd_and_hms(2020, 5, 4, 22, 23, 2).unwrap()));
    let json: serde_json::Value = serde_json::from_slice(raw).unwrap();
    assert_eq!(json["image"]["id"], 7555620);

    let error = client.images().get(404).send().await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    let headers: &HeaderMap = error.headers().unwrap();
    assert_eq!(headers["x-request-id"], "req-1");
}
