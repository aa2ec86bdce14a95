//! Tests of redirects from a hostile API server: a redirect to another origin (here a second
//! local server, on another port) reaches it with nothing, neither the token nor the caller's
//! headers, and the caller gets `Error::CrossOriginRedirect`; a redirect within the origin is
//! followed. Also a base URL holding a password, which is refused and never shown, and paths
//! and base URLs spelt to name another host, which send nothing there.

mod common;

use common::{SEED_IMAGE_JSON, TOKEN, api_call, setup};
use digitalocean_images::types::ImageUpdate;
use digitalocean_images::{Client, Error};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server standing for another origin, which answers anything it gets.
async fn other_origin() -> MockServer {
    let other = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200)).mount(&other).await;
    other
}

fn redirect(status: u16, location: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("location", location)
}

/// Checks that `err` refuses a `status` redirect to `other`, naming only its origin.
fn assert_refused(err: &Error, status: u16, other: &MockServer) {
    match err {
        Error::CrossOriginRedirect { status: got, origin } => {
            assert_eq!(got.as_u16(), status);
            assert_eq!(origin, &other.uri());
        }
        unexpected => panic!("expected Error::CrossOriginRedirect, got {unexpected:?}"),
    }
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    let shown = format!("{err} {err:?}");
    assert!(shown.contains(&other.uri()), "{shown}");
    for secret in [TOKEN, "/steal", "leak=1"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_reaches_it_with_nothing() {
    for status in [302, 307] {
        let (api, client) = setup().await;
        let other = other_origin().await;
        let location = format!("{}/steal?leak=1", other.uri());
        Mock::given(any()).respond_with(redirect(status, &location)).mount(&api).await;

        let read = client.images().get(7).header("x-session", "private").send().await;
        let update = ImageUpdate::new().name("renamed");
        let write = client.images().update(7, update).header("x-session", "private").send().await;

        for err in [read.unwrap_err(), write.unwrap_err()] {
            assert_refused(&err, status, &other);
        }
        assert!(other.received_requests().await.unwrap().is_empty(), "{status}");
        // Each request went to the API once: a refusal is not retried.
        assert_eq!(api.received_requests().await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_chain_through_the_origin_may_not_leave_it() {
    let (api, client) = setup().await;
    let other = other_origin().await;
    Mock::given(path("/v2/images/7"))
        .respond_with(redirect(302, "/v2/images/8"))
        .expect(1)
        .mount(&api)
        .await;
    let location = format!("{}/steal?leak=1", other.uri());
    Mock::given(path("/v2/images/8"))
        .respond_with(redirect(307, &location))
        .expect(1)
        .mount(&api)
        .await;

    let err = client.images().get(7).header("x-session", "private").send().await.unwrap_err();

    assert_refused(&err, 307, &other);
    assert!(other.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_the_token() {
    let (api, client) = setup().await;
    Mock::given(path("/v2/images/7"))
        .respond_with(redirect(301, "/v2/images/7555620"))
        .expect(1)
        .mount(&api)
        .await;
    api_call("GET", "/v2/images/7555620")
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED_IMAGE_JSON, "application/json"))
        .expect(1)
        .mount(&api)
        .await;

    let image = client.images().get(7).send().await.unwrap();

    assert_eq!(image.image.id, Some(7555620));
    let requests = api.received_requests().await.unwrap();
    assert!(requests[1].headers.get("referer").is_none(), "{:?}", requests[1].headers);
}

#[test]
fn a_base_url_with_a_password_is_refused_and_never_shown() {
    for base_url in ["https://user:hunter2@api.example.com", "https://hunter2@api.example.com/v2"] {
        let builder = Client::builder().token(TOKEN).base_url(base_url);
        assert!(!format!("{builder:?}").contains("hunter2"), "{builder:?}");

        let err = builder.build().unwrap_err();

        assert!(matches!(err, Error::Config(_)), "{err:?}");
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("user name or password"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    // Not a URL at all, but perhaps a password all the same.
    let err = Client::builder().base_url("user:hunter2@host").build().unwrap_err();
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
}

#[tokio::test]
async fn no_path_value_or_base_url_spelling_reaches_another_origin() {
    // Appended to the base URL, each of these would name the other server if it were pasted
    // in as it is (`http://127.0.0.1:1@127.0.0.1:2/…` is a user name and another host). The
    // runtime escapes values as one segment and checks the origin of every URL it builds
    // (`runtime/request.rs` tests a path that does leave it, which only the crate can make).
    let (api, client) = setup().await;
    let other = other_origin().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(404)).mount(&api).await;
    let host = other.address().to_string();
    for value in [
        format!("@{host}"),
        format!("//{host}/x"),
        format!("\\\\{host}/x"),
        format!("..%2F..%2F@{host}"),
        format!("x?@{host}#"),
    ] {
        let _ = client.images().get(value.as_str()).send().await;
    }
    for base_url in [
        format!("{}?", api.uri()),
        format!("{}#", api.uri()),
        format!("{}\\@{host}", api.uri()),
        format!("{}/ ", api.uri()),
    ] {
        let Ok(client) = Client::builder().token(TOKEN).base_url(&base_url).max_retries(0).build()
        else {
            continue;
        };
        let _ = client.images().get(7).send().await;
    }

    assert!(other.received_requests().await.unwrap().is_empty());
    assert!(api.received_requests().await.unwrap().len() >= 5);
}
