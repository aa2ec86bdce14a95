//! Tests of retrying: which failures and methods are retried, how long the client waits
//! (`Retry-After`, rate-limit resets, the wait cap), and what the caller gets in the end.
//! Waits run on tokio's paused clock, so they cost no real time yet are measured exactly.
//! A paused clock jumps ahead whenever the runtime is idle, which would fire a request timeout
//! while the mock server answers; so these clients use a `reqwest::Client` without timers:
//! no timeouts and no idle-connection expiry (`options.rs` tests timeouts in real time).

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::TOKEN;
use digitalocean_images::types::{ImageAction, ImageNewCustom, RegionSlug};
use digitalocean_images::{Client, ClientBuilder, Error};
use tokio::time::Instant;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const IMAGE: &str = r#"{"image": {"id": 1, "name": "one"}}"#;

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(IMAGE, "application/json")
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code)
        .set_body_raw(r#"{"id": "busy", "message": "try again"}"#, "application/json")
}

/// A builder for a client with the default retry policy and no timers, pointed at `server`.
fn builder(server: &MockServer) -> ClientBuilder {
    let http = reqwest::Client::builder().pool_idle_timeout(None).build().unwrap();
    Client::builder().token(TOKEN).base_url(server.uri()).http_client(http)
}

fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

/// A mock for `verb` on `route`.
fn api_call(verb: &str, route: &str) -> MockBuilder {
    Mock::given(method(verb)).and(path(route))
}

/// Mounts `first` for the first `times` matching requests, and `then` for the rest.
async fn answer(
    server: &MockServer,
    verb: &str,
    route: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    api_call(verb, route).respond_with(first).up_to_n_times(times).mount(server).await;
    api_call(verb, route).respond_with(then).mount(server).await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn new_custom() -> ImageNewCustom {
    ImageNewCustom::new("x", "http://example.com/x.img", RegionSlug::Nyc3)
}

#[tokio::test(start_paused = true)]
async fn two_503s_then_a_200_succeeds_on_the_third_attempt() {
    let server = MockServer::start().await;
    answer(&server, "GET", "/v2/images/1", status(503), 2, ok()).await;

    let response = client(&server).images().get(1).send_with_response().await.unwrap();

    assert_eq!(response.attempts(), 3);
    assert_eq!(response.body().image.name.as_deref(), Some("one"));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn every_retryable_status_is_retried_and_others_are_not() {
    for code in [408, 429, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        answer(&server, "GET", "/v2/images/1", status(code), 1, ok()).await;
        let response = client(&server).images().get(1).send_with_response().await;
        assert_eq!(response.unwrap().attempts(), 2, "status {code}");
    }
    for code in [400, 401, 403, 404, 409, 422, 501] {
        let server = MockServer::start().await;
        answer(&server, "GET", "/v2/images/1", status(code), 1, ok()).await;
        let err = client(&server).images().get(1).send().await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(code));
        assert_eq!(err.attempts(), Some(1), "status {code}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_post_is_not_retried_unless_the_request_opts_in() {
    let server = MockServer::start().await;
    answer(&server, "POST", "/v2/images", status(503), 1, ok()).await;
    let client = client(&server);

    let err = client.images().create_custom(new_custom()).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(requests(&server).await, 1);

    // The 503 mock is used up; reset the server's answers and try again with the opt-in.
    server.reset().await;
    answer(&server, "POST", "/v2/images", status(503), 1, ok()).await;
    let response =
        client.images().create_custom(new_custom()).idempotent(true).send_with_response().await;
    assert_eq!(response.unwrap().attempts(), 2);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn a_post_action_is_not_retried_on_a_timeout_status_either() {
    let server = MockServer::start().await;
    answer(&server, "POST", "/v2/images/7/actions", status(504), 5, ok()).await;

    let err =
        client(&server).image_actions().post(7, ImageAction::convert()).send().await.unwrap_err();

    assert_eq!(err.attempts(), Some(1));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn the_last_error_is_the_real_one_and_counts_the_attempts() {
    let server = MockServer::start().await;
    api_call("GET", "/v2/images/1").respond_with(status(503)).mount(&server).await;

    let err = client(&server).images().get(1).send().await.unwrap_err();

    match &err {
        Error::Api(response) => {
            assert_eq!(response.status().as_u16(), 503);
            assert_eq!(response.attempts(), 3);
            assert_eq!(response.body().message, "try again");
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    assert!(err.to_string().contains("3 attempts"), "{err}");
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn max_retries_is_set_per_client_and_per_request() {
    let server = MockServer::start().await;
    api_call("GET", "/v2/images/1").respond_with(status(500)).mount(&server).await;
    let once = builder(&server).max_retries(1).build().unwrap();

    assert_eq!(once.images().get(1).send().await.unwrap_err().attempts(), Some(2));
    assert_eq!(once.images().get(1).max_retries(4).send().await.unwrap_err().attempts(), Some(5));
    assert_eq!(once.images().get(1).max_retries(0).send().await.unwrap_err().attempts(), Some(1));
    assert_eq!(requests(&server).await, 2 + 5 + 1);
}

#[tokio::test(start_paused = true)]
async fn backoff_waits_grow_but_stay_within_their_ceilings() {
    let server = MockServer::start().await;
    api_call("GET", "/v2/images/1").respond_with(status(502)).mount(&server).await;
    let client = client(&server);

    let started = Instant::now();
    let err = client.images().get(1).max_retries(5).send().await.unwrap_err();

    assert_eq!(err.attempts(), Some(6));
    // Full jitter: each wait is at most 0.5 s, 1 s, 2 s, 4 s, 8 s.
    assert!(started.elapsed() <= Duration::from_millis(15_500), "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn retry_after_in_seconds_is_waited_on() {
    let server = MockServer::start().await;
    let busy = status(503).insert_header("retry-after", "2");
    answer(&server, "GET", "/v2/images/1", busy, 1, ok()).await;

    let started = Instant::now();
    let response = client(&server).images().get(1).send_with_response().await.unwrap();

    assert_eq!(response.attempts(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(2), "waited only {waited:?}");
    assert!(waited < Duration::from_millis(2_500), "waited {waited:?}");
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date_is_waited_on() {
    let server = MockServer::start().await;
    let at = SystemTime::now() + Duration::from_secs(30);
    let busy = status(429).insert_header("retry-after", httpdate::fmt_http_date(at).as_str());
    answer(&server, "GET", "/v2/images/1", busy, 1, ok()).await;

    let started = Instant::now();
    client(&server).images().get(1).send().await.unwrap();

    // The date has one-second resolution, and the client reads it against the real clock some
    // time after it was written (the test's clock is paused, the wall clock is not): the wait
    // is a little under 29 to 30 seconds, far from the default backoff's.
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(28) && waited <= Duration::from_secs(30), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_past_the_cap_returns_the_error_at_once() {
    let server = MockServer::start().await;
    let busy = status(503).insert_header("retry-after", "120");
    answer(&server, "GET", "/v2/images/1", busy, 1, ok()).await;

    let started = Instant::now();
    let err = client(&server).images().get(1).send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.attempts(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn the_wait_cap_is_configurable() {
    let server = MockServer::start().await;
    let busy = status(503).insert_header("retry-after", "5");
    answer(&server, "GET", "/v2/images/1", busy, 1, ok()).await;
    let client = builder(&server).max_retry_wait(Duration::from_secs(4)).build().unwrap();

    let err = client.images().get(1).send().await.unwrap_err();

    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test(start_paused = true)]
async fn a_429_with_no_requests_remaining_waits_until_the_reset() {
    let server = MockServer::start().await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let limited = status(429)
        .insert_header("ratelimit-limit", "5000")
        .insert_header("ratelimit-remaining", "0")
        .insert_header("ratelimit-reset", (now + 30).to_string().as_str());
    answer(&server, "GET", "/v2/images/1", limited, 1, ok()).await;

    let started = Instant::now();
    let response = client(&server).images().get(1).send_with_response().await.unwrap();

    assert_eq!(response.attempts(), 2);
    // The reset is a whole second, read against the real clock some time after it was written
    // (the test's clock is paused, the wall clock is not): the wait is a little under 29 to 30
    // seconds.
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(28) && waited <= Duration::from_secs(30), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn a_reset_past_the_cap_returns_the_429_at_once() {
    let server = MockServer::start().await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let limited = status(429)
        .insert_header("ratelimit-limit", "5000")
        .insert_header("ratelimit-remaining", "0")
        .insert_header("ratelimit-reset", (now + 3600).to_string().as_str());
    answer(&server, "GET", "/v2/images/1", limited, 1, ok()).await;

    let err = client(&server).images().get(1).send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(err.attempts(), Some(1));
    let rate_limit = err.rate_limit().expect("the 429 carried rate-limit headers");
    assert_eq!(rate_limit.remaining, 0);
}

#[tokio::test(start_paused = true)]
async fn githubs_403_with_its_x_ratelimit_spent_waits_until_the_reset_and_says_so() {
    let server = MockServer::start().await;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let spent = |reset: u64| {
        status(403)
            .insert_header("x-ratelimit-limit", "5000")
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", reset.to_string().as_str())
    };
    answer(&server, "GET", "/v2/images/1", spent(now + 30), 1, ok()).await;

    let started = Instant::now();
    let response = client(&server).images().get(1).send_with_response().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(28) && waited <= Duration::from_secs(30), "{waited:?}");

    // A reset past the cap: the 403 comes back at once, and says it is a rate limit.
    server.reset().await;
    answer(&server, "GET", "/v2/images/1", spent(now + 3600), 1, ok()).await;
    let err = client(&server).images().get(1).send().await.unwrap_err();
    assert!(err.is_rate_limited() && err.is_retryable(), "{err:?}");
    assert_eq!((err.attempts(), err.rate_limit().map(|limit| limit.limit)), (Some(1), Some(5000)));

    // A 403 with requests left is a refusal, not a rate limit: not retried.
    server.reset().await;
    let forbidden = status(403).insert_header("x-ratelimit-remaining", "12");
    answer(&server, "GET", "/v2/images/1", forbidden, 1, ok()).await;
    let err = client(&server).images().get(1).send().await.unwrap_err();
    assert!(!err.is_rate_limited() && !err.is_retryable());
    assert_eq!(err.attempts(), Some(1));
}
