//! Tests of what a caller controls beyond parameters: per-request headers and timeouts,
//! `send_with_response`, rate limits, the size limit, and that no rendering shows the token.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{SEED_IMAGE_JSON, TOKEN, api_call, setup};
use digitalocean_images::{Client, Error, RateLimit};
use wiremock::ResponseTemplate;
use wiremock::matchers::header;

fn image() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(SEED_IMAGE_JSON, "application/json")
}

fn with_rate_limit(response: ResponseTemplate, remaining: u64, reset: u64) -> ResponseTemplate {
    response
        .insert_header("ratelimit-limit", "5000")
        .insert_header("ratelimit-remaining", remaining.to_string().as_str())
        .insert_header("ratelimit-reset", reset.to_string().as_str())
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

#[tokio::test]
async fn send_with_response_gives_status_headers_rate_limit_and_request_id() {
    let (server, client) = setup().await;
    let reset = unix_now() + 60;
    let answer = with_rate_limit(image(), 4999, reset).insert_header("x-request-id", "req-123");
    api_call("GET", "/v2/images/7555620").respond_with(answer).expect(1).mount(&server).await;

    let response = client.images().get(7555620).send_with_response().await.unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-123"));
    assert_eq!(response.headers()["ratelimit-limit"], "5000");
    assert_eq!(response.attempts(), 1);
    let expected =
        RateLimit { limit: 5000, remaining: 4999, reset: UNIX_EPOCH + Duration::from_secs(reset) };
    assert_eq!(response.rate_limit(), Some(expected));
    assert_eq!(client.last_rate_limit(), Some(expected));
    assert_eq!(response.into_body().image.id, Some(7555620));
}

#[tokio::test]
async fn the_rate_limit_is_read_from_an_error_response() {
    let (server, client) = setup().await;
    let reset = unix_now() + 30;
    let not_found = ResponseTemplate::new(404)
        .set_body_raw(r#"{"id":"not_found","message":"missing"}"#, "application/json");
    let answer = with_rate_limit(not_found, 12, reset);
    api_call("GET", "/v2/images/1").respond_with(answer).expect(1).mount(&server).await;

    let err = client.images().get(1).send().await.unwrap_err();

    let rate_limit = err.rate_limit().expect("the 404 carried rate-limit headers");
    assert_eq!((rate_limit.limit, rate_limit.remaining), (5000, 12));
    assert_eq!(rate_limit.reset, UNIX_EPOCH + Duration::from_secs(reset));
    assert_eq!(err.headers().unwrap()["ratelimit-remaining"], "12");
    assert_eq!(client.last_rate_limit(), Some(rate_limit));
}

#[tokio::test]
async fn a_reset_given_in_seconds_from_now_is_read_as_such() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .respond_with(with_rate_limit(image(), 1, 30))
        .mount(&server)
        .await;

    let before = SystemTime::now();
    let rate_limit = client.images().get(1).send_with_response().await.unwrap().rate_limit();

    let reset = rate_limit.unwrap().reset;
    assert!(reset >= before + Duration::from_secs(30), "{reset:?}");
    assert!(reset <= SystemTime::now() + Duration::from_secs(30), "{reset:?}");
}

#[tokio::test]
async fn missing_or_malformed_rate_limit_headers_give_none() {
    let (server, client) = setup().await;
    let partial = image().insert_header("ratelimit-limit", "5000");
    api_call("GET", "/v2/images/1").respond_with(partial).mount(&server).await;
    let garbage = with_rate_limit(image(), 1, 1).insert_header("ratelimit-remaining", "lots");
    api_call("GET", "/v2/images/2").respond_with(garbage).mount(&server).await;

    assert_eq!(client.images().get(1).send_with_response().await.unwrap().rate_limit(), None);
    assert_eq!(client.images().get(2).send_with_response().await.unwrap().rate_limit(), None);
    assert_eq!(client.last_rate_limit(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_rate_limit_is_shared_by_clones_across_tasks() {
    let (server, client) = setup().await;
    let reset = unix_now() + 60;
    for remaining in 0..16u64 {
        api_call("GET", format!("/v2/images/{remaining}").as_str())
            .respond_with(with_rate_limit(image(), remaining, reset))
            .mount(&server)
            .await;
    }

    let tasks: Vec<_> = (0..16i64)
        .map(|id| {
            let client = client.clone();
            tokio::spawn(async move {
                client.images().get(id).send().await.unwrap();
                client.last_rate_limit().expect("this task's response set it")
            })
        })
        .collect();
    for task in tasks {
        let seen = task.await.unwrap();
        assert!(seen.remaining < 16);
    }

    let last = client.last_rate_limit().unwrap();
    assert!(last.remaining < 16 && last.limit == 5000);
}

#[tokio::test]
async fn a_request_header_is_sent_and_a_bad_one_is_refused_before_sending() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .and(header("x-trace", "abc"))
        .respond_with(image())
        .expect(1)
        .mount(&server)
        .await;

    client.images().get(1).header("x-trace", "abc").send().await.unwrap();
    let bad_name = client.images().get(1).header("x trace", "abc").send().await.unwrap_err();
    let bad_value = client.images().get(1).header("x-trace", "a\nb").send().await.unwrap_err();

    assert!(matches!(bad_name, Error::InvalidRequest(_)), "{bad_name:?}");
    assert!(matches!(bad_value, Error::InvalidRequest(_)), "{bad_value:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_slow_answer_becomes_the_timeout_variant() {
    let (server, client) = setup().await;
    let slow = image().set_delay(Duration::from_secs(5));
    api_call("GET", "/v2/images/1").respond_with(slow).mount(&server).await;

    let err = client.images().get(1).timeout(Duration::from_millis(200)).send().await.unwrap_err();

    assert!(matches!(err, Error::Timeout { attempts: 1, .. }), "{err:?}");
    assert!(err.is_timeout());
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn the_client_timeout_applies_and_timeouts_are_retried() {
    let server = wiremock::MockServer::start().await;
    let slow = image().set_delay(Duration::from_secs(5));
    api_call("GET", "/v2/images/1").respond_with(slow).mount(&server).await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .build()
        .unwrap();

    let err = client.images().get(1).send().await.unwrap_err();

    assert!(matches!(err, Error::Timeout { attempts: 2, .. }), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let server = wiremock::MockServer::start().await;
    api_call("GET", "/v2/images/1").respond_with(image()).mount(&server).await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .max_response_size(100)
        .build()
        .unwrap();

    let err = client.images().get(1).send().await.unwrap_err();

    assert!(matches!(err, Error::TooLarge { limit: 100, .. }), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_its_version() {
    let (server, client) = setup().await;
    let agent = concat!("digitalocean-images/", env!("CARGO_PKG_VERSION"));
    api_call("GET", "/v2/images/1")
        .and(header("user-agent", agent))
        .respond_with(image())
        .expect(1)
        .mount(&server)
        .await;

    client.images().get(1).send().await.unwrap();
}

#[tokio::test]
async fn no_debug_or_display_shows_the_token_or_a_request_header_value() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(500).set_body_string("internal error"))
        .mount(&server)
        .await;

    let request = client.images().get(1).header("x-secret", "hunter2");
    let debug_of_request = format!("{request:?}");
    let err = request.send().await.unwrap_err();
    let renderings = [
        format!("{client:?}"),
        format!("{client:#?}"),
        debug_of_request,
        format!("{:?}", Client::builder().token(TOKEN)),
        format!("{err}"),
        format!("{err:?}"),
    ];
    for text in &renderings {
        assert!(!text.contains(TOKEN), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }
    assert!(renderings[2].contains("x-secret"), "header names stay visible: {}", renderings[2]);
}
