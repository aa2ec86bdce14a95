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

/// Sets or (with `None`) removes a variable.
fn set_env(name: &str, value: Option<&str>) {
    // SAFETY: this file's one test is the only test of its binary, and no thread of it reads
    // the environment while this runs (wiremock's server reads none).
    unsafe {
        match value {
            Some(value) => std::env::set_var(name, value),
            None => std::env::remove_var(name),
        }
    }
}

#[tokio::test]
async fn from_env_reads_the_first_token_variable_set_and_explains_when_none_is() {
    assert_eq!(TOKEN_ENV_VARS, ["DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN"]);
    for name in TOKEN_ENV_VARS {
        set_env(name, None);
    }

    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("DIGITALOCEAN_TOKEN or DIGITALOCEAN_ACCESS_TOKEN"), "{message}");

    // An empty variable counts as unset.
    set_env("DIGITALOCEAN_TOKEN", Some(""));
    assert!(Client::from_env().is_err());

    let server = MockServer::start().await;
    set_env("DIGITALOCEAN_ACCESS_TOKEN", Some("fallback-secret"));
    assert!(!format!("{:?}", Client::from_env().unwrap()).contains("fallback-secret"));
    assert_eq!(token_sent(&server).await, "Bearer fallback-secret");

    set_env("DIGITALOCEAN_TOKEN", Some("first-secret"));
    assert_eq!(token_sent(&server).await, "Bearer first-secret");
    let debug = format!("{:?}", Client::builder().token_from_env().unwrap());
    assert!(!debug.contains("first-secret") && debug.contains("<redacted>"), "{debug}");
}
