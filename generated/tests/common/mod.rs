//! Shared helpers for the integration tests: a mock server with a client pointed at it,
//! matchers for the headers every request must carry, and the vendor's example image JSON.
#![allow(dead_code)]

use digitalocean_images::Client;
use wiremock::matchers::{header, header_regex, method, path};
use wiremock::{MockBuilder, MockServer, Request};

/// The token every test client authenticates with.
pub const TOKEN: &str = "test-token";

/// The example response of `GET /v2/images/{image_id}`, copied from the vendor's reference
/// page (`/work/shared/seed/images-get.md`), whitespace and key order included.
pub const SEED_IMAGE_JSON: &str = r#"{
  "image": {
    "id": 7555620,
    "created_at": "2020-05-04T22:23:02Z",
    "description": " ",
    "distribution": "Ubuntu",
    "error_message": " ",
    "min_disk_size": 20,
    "name": "Nifty New Snapshot",
    "public": true,
    "regions": [
      "nyc1",
      "nyc2"
    ],
    "size_gigabytes": 2.34,
    "slug": "nifty1",
    "status": "NEW",
    "tags": [
      "base-image",
      "prod"
    ],
    "type": "snapshot"
  }
}"#;

/// Starts a mock server and builds a client for it, as an application would, but with
/// retries off so that each test sees exactly the requests it makes (`retries.rs` tests them).
pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client =
        Client::builder().token(TOKEN).base_url(server.uri()).max_retries(0).build().unwrap();
    (server, client)
}

/// A mock for `verb` on exactly `route` (the raw, percent-encoded path) that also requires
/// the headers every request must carry: bearer token, JSON accept and the crate's user agent.
pub fn api_call(verb: &str, route: &str) -> MockBuilder {
    wiremock::Mock::given(method(verb))
        .and(path(route))
        .and(header("authorization", "Bearer test-token"))
        .and(header("accept", "application/json"))
        .and(header_regex("user-agent", "^digitalocean-images/"))
}

/// [`api_call`] for a request that carries a JSON body.
pub fn api_call_with_body(verb: &str, route: &str) -> MockBuilder {
    api_call(verb, route).and(header("content-type", "application/json"))
}

/// The one request the server received; fails if there were none or several.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// Checks a request without a body: no query string, no body, no content type.
pub fn assert_bodyless(request: &Request) {
    assert_eq!(request.url.query(), None, "unexpected query string");
    assert!(request.body.is_empty(), "unexpected body");
    assert!(request.headers.get("content-type").is_none());
}

/// The request body parsed as JSON.
pub fn body_of(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("the request body is JSON")
}

/// `json` with the whitespace between tokens removed, keeping key order and string contents
/// exactly as written (unlike a round trip through `serde_json::Value`).
pub fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
