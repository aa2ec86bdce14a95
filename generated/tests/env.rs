//! Tests of `Client::from_env`. The environment is process-wide, so this file holds a single
//! test that runs its cases in order.

use digitalocean_images::{Client, Error, TOKEN_ENV_VARS};
use wiremock::matchers::header;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The bearer token a client built from the environment sends.
async fn token_sent(server: &MockServer) -> String {
    server.reset().await;
    Mock::given(header("x-probe", "1"))
        .respond_with(ResponseTemplate::new(204))
        .mount(server)
        .await;
    let client =
        Client::builder().token_from_env().unwrap().base_url(server.uri()).build().unwrap();
    client.images().delete(1).header("x-probe", "1").send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    requests[0].headers["authorization"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn from_env_reads_the_first_token_variable_set_and_explains_when_none_is() {
    assert_eq!(TOKEN_ENV_VARS, ["DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN"]);
    for name in TOKEN_ENV_VARS {
        std::env::remove_var(name);
    }

    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("DIGITALOCEAN_TOKEN or DIGITALOCEAN_ACCESS_TOKEN"), "{message}");

    // An empty variable counts as unset.
    std::env::set_var("DIGITALOCEAN_TOKEN", "");
    assert!(Client::from_env().is_err());

    let server = MockServer::start().await;
    std::env::set_var("DIGITALOCEAN_ACCESS_TOKEN", "fallback-secret");
    assert!(!format!("{:?}", Client::from_env().unwrap()).contains("fallback-secret"));
    assert_eq!(token_sent(&server).await, "Bearer fallback-secret");

    std::env::set_var("DIGITALOCEAN_TOKEN", "first-secret");
    assert_eq!(token_sent(&server).await, "Bearer first-secret");
    let debug = format!("{:?}", Client::builder().token_from_env().unwrap());
    assert!(!debug.contains("first-secret") && debug.contains("<redacted>"), "{debug}");
}
