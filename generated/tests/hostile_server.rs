//! Tests of what a hostile server can make of the client: error messages stay short whatever
//! it sends (while the accessors keep all of it); extreme `Retry-After` and rate-limit values
//! neither panic nor make the client wait past its cap; oversized or lying response heads,
//! bodies and nesting end in an error, not a panic or an endless read. Waits run on tokio's
//! paused clock with a timer-free `reqwest::Client`, as in `retries.rs`.

mod common;

use std::time::Duration;

use common::{TOKEN, api_call, setup};
use digitalocean_images::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The longest message an error may have: 4 KiB and the `…` that marks the cut.
const MESSAGE_LIMIT: usize = 4096 + '…'.len_utf8();

/// Ten megabytes of two-byte characters, so a cut in the wrong place would split one.
fn flood() -> String {
    "é".repeat(5 * 1024 * 1024)
}

/// The longest `Debug` an error may have: 16 KiB and the `…`.
const DEBUG_LIMIT: usize = 16 * 1024 + '…'.len_utf8();

fn assert_bounded(err: &Error) {
    let message = err.to_string();
    assert!(message.len() <= MESSAGE_LIMIT, "{} bytes", message.len());
    assert!(message.ends_with('…'), "the cut is marked: {:?}", &message[message.len() - 20..]);
    for debug in [format!("{err:?}"), format!("{err:#?}")] {
        assert!(debug.len() <= DEBUG_LIMIT, "{} bytes", debug.len());
    }
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

/// What a server puts in an error message to clear a terminal, forge a log line or reverse
/// the text after it: none of it reaches the message raw, and all of it stays in the fields.
const TERMINAL_ATTACK: &str =
    "\u{1b}[2J\u{1b}[1;1Hdone\r\nINFO login ok user=admin\u{9b}31m\u{202e}desrever\u{7}";

fn assert_one_visible_line(message: &str) {
    let raw = message.chars().find(|&c| {
        c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(raw, None, "{message:?}");
    // The text itself is kept, escaped by serde_json (`\u001b`) or by the message (`\u{1b}`).
    assert!(message.contains("[2J") && message.contains("\\u{202e}desrever"), "{message}");
}

#[tokio::test]
async fn control_characters_from_the_server_are_escaped_in_messages() {
    let (server, client) = setup().await;
    let body = serde_json::json!({"id": "not_found", "message": TERMINAL_ATTACK});
    api_call("GET", "/v2/images/7")
        .respond_with(ResponseTemplate::new(404).set_body_json(&body))
        .mount(&server)
        .await;
    api_call("GET", "/v2/images/8")
        .respond_with(ResponseTemplate::new(502).set_body_raw(TERMINAL_ATTACK, "text/plain"))
        .mount(&server)
        .await;
    let decode = serde_json::json!({"image": {"id": TERMINAL_ATTACK}});
    api_call("GET", "/v2/images/9")
        .respond_with(ResponseTemplate::new(200).set_body_json(&decode))
        .mount(&server)
        .await;

    let api = client.images().get(7).send().await.unwrap_err();
    let unexpected = client.images().get(8).max_retries(0).send().await.unwrap_err();
    let undecodable = client.images().get(9).send().await.unwrap_err();

    // serde_json escapes C0 controls in JSON, but not C1 ones (U+009B opens a CSI sequence) or
    // bidi controls; a plain-text body escapes nothing.
    for err in [&api, &unexpected, &undecodable] {
        assert_one_visible_line(&err.to_string());
        assert_one_visible_line(&format!("{err:?}"));
    }
    assert!(matches!(&api, Error::Api(response) if response.body().message == TERMINAL_ATTACK));
    assert!(
        matches!(&unexpected, Error::UnexpectedResponse(response) if response.body() == TERMINAL_ATTACK)
    );
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

/// A client of `base_url` with the default retry policy and an HTTP client without timers, for
/// tokio's paused clock.
fn untimed_client(base_url: &str) -> digitalocean_images::ClientBuilder {
    let http = reqwest::Client::builder().pool_idle_timeout(None).build().unwrap();
    Client::builder().token(TOKEN).base_url(base_url).http_client(http)
}

/// A 503 or 429 with `headers`, answered to every request.
async fn busy_server(status: u16, headers: &[(&str, &str)]) -> MockServer {
    let server = MockServer::start().await;
    let mut busy = ResponseTemplate::new(status)
        .set_body_raw(r#"{"id": "busy", "message": "try again"}"#, "application/json");
    for (name, value) in headers {
        busy = busy.insert_header(*name, *value);
    }
    Mock::given(any()).respond_with(busy).mount(&server).await;
    server
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_of_u64_max_seconds_returns_the_error_at_once() {
    let server = busy_server(503, &[("retry-after", &u64::MAX.to_string())]).await;

    let err = untimed_client(&server.uri()).build().unwrap().images().get(1).send().await;

    assert_eq!(err.unwrap_err().attempts(), Some(1));
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_of_u64_max_seconds_with_no_wait_cap_does_not_panic() {
    let server = busy_server(503, &[("retry-after", &u64::MAX.to_string())]).await;
    let client = untimed_client(&server.uri()).max_retry_wait(Duration::MAX).build().unwrap();

    // The paused clock jumps over each wait, however long.
    let err = client.images().get(1).send().await.unwrap_err();

    assert_eq!(err.attempts(), Some(3));
}

#[tokio::test(start_paused = true)]
async fn a_rate_limit_reset_beyond_any_time_does_not_panic() {
    for reset in [u64::MAX, i64::MAX as u64, 9_000_000_000_000_000_000] {
        let reset = reset.to_string();
        let headers = [
            ("ratelimit-limit", "5000"),
            ("ratelimit-remaining", "0"),
            ("ratelimit-reset", reset.as_str()),
        ];
        let server = busy_server(429, &headers).await;
        let client = untimed_client(&server.uri()).build().unwrap();

        let err = client.images().get(1).send().await.unwrap_err();

        // A reset the platform's time can hold is waited for, which is past the cap, so the
        // 429 returns at once; one it cannot hold is no rate limit, so the usual backoff applies.
        let expected = if err.rate_limit().is_some() { 1 } else { 3 };
        assert_eq!(err.attempts(), Some(expected), "reset {reset}: {:?}", err.rate_limit());
        if let Some(limit) = err.rate_limit() {
            assert!(limit.reset_after() > Duration::from_secs(3600 * 24 * 365));
        }
        // The reset is no problem for the client's record of it either.
        assert_eq!(client.last_rate_limit(), err.rate_limit());
    }
}

/// A server that answers each request on 127.0.0.1 with `response`, byte for byte, then closes
/// the connection; for answers no well-behaved server library would write.
async fn raw_server(response: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(read) => head.extend_from_slice(&buffer[..read]),
                    }
                }
                let _ = socket.write_all(&response).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://{address}")
}

async fn get_from(response: Vec<u8>) -> Error {
    let base_url = raw_server(response).await;
    let client = Client::builder().token(TOKEN).base_url(base_url).max_retries(0).build().unwrap();
    client.images().get(1).send().await.unwrap_err()
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    // No body follows: reading it would fail with a transport error instead.
    let head =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10000000000\r\n\r\n";

    let err = get_from(head.to_vec()).await;

    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn a_body_shorter_than_its_declared_length_is_a_transport_error() {
    let response =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{}";

    let err = get_from(response.to_vec()).await;

    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn a_huge_or_crowded_response_head_is_a_transport_error() {
    let huge = format!(
        "HTTP/1.1 200 OK\r\nx-filler: {}\r\ncontent-length: 2\r\n\r\n{{}}",
        "a".repeat(4 << 20)
    );
    let mut crowded = "HTTP/1.1 200 OK\r\n".to_owned();
    for n in 0..10_000 {
        crowded.push_str(&format!("x-{n}: a\r\n"));
    }
    crowded.push_str("content-length: 2\r\n\r\n{}");

    for response in [huge, crowded] {
        let err = get_from(response.into_bytes()).await;

        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert!(err.to_string().len() <= MESSAGE_LIMIT);
    }
}

#[tokio::test]
async fn json_nested_a_million_deep_is_an_error_not_a_stack_overflow() {
    let (server, client) = setup().await;
    let deep = format!("{{\"image\": {{\"id\": 1, \"tags\": {}}}}}", "[".repeat(1_000_000));
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(200).set_body_raw(deep.clone(), "application/json"))
        .mount(&server)
        .await;
    api_call("GET", "/v2/images/2")
        .respond_with(ResponseTemplate::new(404).set_body_raw(deep, "application/json"))
        .mount(&server)
        .await;

    let success = client.images().get(1).send().await.unwrap_err();
    let failure = client.images().get(2).send().await.unwrap_err();

    assert!(matches!(success, Error::Decode { .. }), "{success}");
    assert!(matches!(failure, Error::UnexpectedResponse(_)), "{failure}");
}
