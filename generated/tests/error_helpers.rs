//! Tests of the checks on `Error`: `is_not_found`, `is_rate_limited`, `is_retryable` (which must
//! agree with what the client really retries), `api_error` and `request_id`. Retry waits run on
//! tokio's paused clock with a timer-free HTTP client, as in `retries.rs`.

mod common;

use common::TOKEN;
use digitalocean_images::{Client, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const ERROR_BODY: &str = r#"{"id": "oops", "message": "something happened"}"#;

/// A mock for `verb` on `route` that checks the token; the timer-free HTTP client of these
/// tests sends no user agent, so `common::api_call` would not match.
fn api_call(verb: &str, route: &str) -> MockBuilder {
    Mock::given(method(verb)).and(path(route)).and(header("authorization", "Bearer test-token"))
}

fn client(server: &MockServer, retries: u32) -> Client {
    let http = reqwest::Client::builder().pool_idle_timeout(None).build().unwrap();
    Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .http_client(http)
        .max_retries(retries)
        .build()
        .unwrap()
}

async fn answer(server: &MockServer, template: ResponseTemplate) {
    server.reset().await;
    api_call("GET", "/v2/images/1").respond_with(template).mount(server).await;
}

#[tokio::test(start_paused = true)]
async fn is_retryable_says_what_the_client_retries() {
    let server = MockServer::start().await;
    let client = client(&server, 1);
    let mut retried = Vec::new();
    for status in [400, 401, 403, 404, 408, 409, 410, 422, 429, 500, 501, 502, 503, 504, 505, 599] {
        answer(&server, ResponseTemplate::new(status).set_body_raw(ERROR_BODY, "application/json"))
            .await;
        let error = client.images().get(1).send().await.unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        // One retry allowed: a second attempt is the client's own verdict.
        let client_retried = error.attempts() == Some(2);
        assert_eq!(error.is_retryable(), client_retried, "{status}: {error:?}");
        if client_retried {
            retried.push(status);
        }
    }
    // The set itself, so that a client retrying nothing (or everything) cannot pass.
    assert_eq!(retried, [408, 429, 500, 502, 503, 504]);
}

#[tokio::test(start_paused = true)]
async fn a_connection_failure_is_retryable_and_was_retried() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let http = reqwest::Client::builder().pool_idle_timeout(None).build().unwrap();
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .http_client(http)
        .max_retries(1)
        .build()
        .unwrap();

    let error = client.images().get(1).send().await.unwrap_err();

    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.attempts(), Some(2));
    assert!(!error.is_not_found() && !error.is_rate_limited());
    assert!(error.api_error().is_none() && error.request_id().is_none());
}

#[tokio::test]
async fn not_found_and_rate_limited_are_told_by_the_status() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    for (status, not_found, rate_limited) in
        [(404, true, false), (410, false, false), (429, false, true), (500, false, false)]
    {
        answer(&server, ResponseTemplate::new(status).set_body_raw(ERROR_BODY, "application/json"))
            .await;
        let error = client.images().get(1).send().await.unwrap_err();
        assert_eq!(error.is_not_found(), not_found, "{status}");
        assert_eq!(error.is_rate_limited(), rate_limited, "{status}");
    }
    // A body in no known format does not hide the status.
    answer(&server, ResponseTemplate::new(404).set_body_string("<h1>Not Found</h1>")).await;
    let error = client.images().get(1).send().await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error:?}");
    assert!(error.is_not_found());
}

#[tokio::test]
async fn api_error_and_request_id_reach_the_body_and_the_header() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    let template = ResponseTemplate::new(422)
        .insert_header("x-request-id", "4d9d8375-3c56-4925-a3e7-eb137fed17e9")
        .set_body_raw(ERROR_BODY, "application/json");
    answer(&server, template).await;

    let error = client.images().get(1).send().await.unwrap_err();

    let body = error.api_error().expect("a documented error body");
    assert_eq!((body.id.as_str(), body.message.as_str()), ("oops", "something happened"));
    assert_eq!(error.request_id(), Some("4d9d8375-3c56-4925-a3e7-eb137fed17e9"));
    assert!(!error.is_retryable() && !error.is_not_found());

    // Another format: no API error, the request id still there.
    let template = ResponseTemplate::new(502)
        .insert_header("x-request-id", "edge-7")
        .set_body_string("bad gateway");
    answer(&server, template).await;
    let error = client.images().get(1).send().await.unwrap_err();
    assert!(error.api_error().is_none());
    assert_eq!(error.request_id(), Some("edge-7"));
}

#[tokio::test]
async fn the_request_id_is_read_from_each_header_the_crate_knows_in_its_order() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    assert_eq!(digitalocean_images::REQUEST_ID_HEADERS, ["x-request-id", "request-id"]);
    // Stripe's header, when the first is absent; the first when both are.
    let stripe = ResponseTemplate::new(404).insert_header("request-id", "req_stripe");
    answer(&server, stripe.set_body_raw(ERROR_BODY, "application/json")).await;
    assert_eq!(client.images().get(1).send().await.unwrap_err().request_id(), Some("req_stripe"));
    let both = ResponseTemplate::new(404)
        .insert_header("request-id", "second")
        .insert_header("x-request-id", "first");
    answer(&server, both.set_body_raw(ERROR_BODY, "application/json")).await;
    assert_eq!(client.images().get(1).send().await.unwrap_err().request_id(), Some("first"));
}

#[tokio::test]
async fn a_success_that_does_not_decode_is_none_of_these() {
    let server = MockServer::start().await;
    let client = client(&server, 0);
    answer(&server, ResponseTemplate::new(200).set_body_raw("{\"image\": 5}", "application/json"))
        .await;

    let error = client.images().get(1).send().await.unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(!error.is_retryable() && !error.is_not_found() && !error.is_rate_limited());
    assert!(error.api_error().is_none());
}
