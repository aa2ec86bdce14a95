//! Tests of the client and its builder: base URL handling, and that the token never shows in
//! `Debug` or `Display` output.

mod common;

use common::{TOKEN, api_call, setup};
use digitalocean_images::{Client, DEFAULT_BASE_URL, Error};
use wiremock::matchers::header_exists;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_client_debug_output_hides_the_token() {
    let (server, client) = setup().await;

    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains(&server.uri()), "{debug}");
    let pretty = format!("{client:#?}");
    assert!(!pretty.contains(TOKEN), "{pretty}");
    assert!(!format!("{:?}", client.clone()).contains(TOKEN));
}

#[test]
fn the_builder_debug_output_hides_the_token() {
    let builder = Client::builder().token("secret-token-123").base_url("http://127.0.0.1:9");

    let debug = format!("{builder:?}");
    assert!(!debug.contains("secret-token-123"), "{debug}");
    assert!(!format!("{builder:#?}").contains("secret-token-123"));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains("secret-token-123"));
}

#[test]
fn a_token_that_cannot_be_a_header_is_refused_without_echoing_it() {
    let err = Client::builder().token("secret-token-123\nX-Injected: yes").build().unwrap_err();

    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(!err.to_string().contains("secret-token-123"), "{err}");
    assert!(!format!("{err:?}").contains("secret-token-123"), "{err:?}");
}

#[test]
fn the_default_base_url_is_the_specs_first_server() {
    assert_eq!(DEFAULT_BASE_URL, "https://api.digitalocean.com");
    let client = Client::new("t").unwrap();
    assert_eq!(client.base_url(), "https://api.digitalocean.com");
}

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    for bad in ["not a url", "ftp://127.0.0.1/", "/v2"] {
        let result = Client::builder().token(TOKEN).base_url(bad).build();
        assert!(matches!(result, Err(Error::Config(_))), "{bad:?} gave {result:?}");
    }
}

#[tokio::test]
async fn a_base_url_with_a_trailing_slash_does_not_double_it() {
    let server = MockServer::start().await;
    api_call("DELETE", "/v2/images/5")
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client =
        Client::builder().token(TOKEN).base_url(format!("{}/", server.uri())).build().unwrap();

    client.images().delete(5).send().await.unwrap();
}

#[tokio::test]
async fn a_client_without_a_token_sends_no_authorization() {
    let server = MockServer::start().await;
    Mock::given(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/v2/images/5"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    client.images().delete(5).send().await.unwrap();
}
