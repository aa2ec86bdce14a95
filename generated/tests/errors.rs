//! Tests of how failed requests become `digitalocean_images::Error`: API error bodies,
//! unexpected bodies, undecodable successes and transport failures.

mod common;

use common::{TOKEN, api_call, setup};
use digitalocean_images::types::ImageUpdate;
use digitalocean_images::{ApiErrorBody, Client, Error};
use wiremock::ResponseTemplate;

fn raw(status: u16, body: &str, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), content_type)
}

/// Checks that neither rendering of `err` shows the test token.
fn assert_no_token(err: &Error) {
    assert!(!format!("{err}").contains(TOKEN), "{err}");
    assert!(!format!("{err:?}").contains(TOKEN), "{err:?}");
}

#[tokio::test]
async fn a_404_with_the_error_body_becomes_an_api_error() {
    let (server, client) = setup().await;
    let body = r#"{"id": "not_found", "message": "The resource you were accessing could not be found.",
        "request_id": "2c6f7a3e-9b1d-4e52-8f0a-6d3b9c1e7a24"}"#;
    api_call("GET", "/v2/images/404")
        .respond_with(raw(404, body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().get(404).send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_no_token(&err);
    match err {
        Error::Api(response) => {
            assert_eq!(response.status().as_u16(), 404);
            assert_eq!(response.attempts(), 1);
            let body = response.into_body();
            let body: &ApiErrorBody = &body;
            assert_eq!(body.id, "not_found");
            assert_eq!(body.message, "The resource you were accessing could not be found.");
            assert_eq!(body.request_id.as_deref(), Some("2c6f7a3e-9b1d-4e52-8f0a-6d3b9c1e7a24"));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_429_without_request_id_becomes_an_api_error() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .respond_with(raw(
            429,
            r#"{"id":"too_many_requests","message":"API Rate limit exceeded."}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().list().send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_no_token(&err);
    let text = err.to_string();
    assert!(text.contains("429"), "{text}");
    assert!(text.contains("API Rate limit exceeded."), "{text}");
    match err {
        Error::Api(response) => {
            assert_eq!(response.status().as_u16(), 429);
            let body = response.body();
            assert_eq!(body.id, "too_many_requests");
            assert_eq!(body.message, "API Rate limit exceeded.");
            assert_eq!(body.request_id, None);
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_422_on_a_put_becomes_an_api_error() {
    let (server, client) = setup().await;
    let body = r#"{"id": "unprocessable_entity", "message": "Name can't be blank.",
        "request_id": "7d0f3c21-5a8e-4b6f-a1c9-3e2d8b4f6a10"}"#;
    api_call("PUT", "/v2/images/9")
        .respond_with(raw(422, body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().update(9, ImageUpdate::default()).send().await.unwrap_err();

    match err {
        Error::Api(response) => {
            assert_eq!(response.status().as_u16(), 422);
            let body = response.body();
            assert_eq!(body.id, "unprocessable_entity");
            assert_eq!(body.message, "Name can't be blank.");
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_500_with_a_non_json_body_is_an_unexpected_response() {
    let (server, client) = setup().await;
    api_call("DELETE", "/v2/images/1")
        .respond_with(raw(500, "<html>oops</html>", "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().delete(1).send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_no_token(&err);
    assert!(err.to_string().contains("<html>oops</html>"), "{err}");
    match err {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status().as_u16(), 500);
            assert_eq!(response.body(), "<html>oops</html>");
        }
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_error_status_with_json_of_another_shape_is_an_unexpected_response() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/2/actions")
        .respond_with(raw(503, r#"{"error":"maintenance"}"#, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.image_actions().list(2).send().await.unwrap_err();

    match err {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status().as_u16(), 503);
            assert_eq!(response.body(), r#"{"error":"maintenance"}"#);
        }
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_huge_error_body_is_cut_to_four_kib() {
    let (server, client) = setup().await;
    let huge = "x".repeat(100_000);
    api_call("GET", "/v2/images/3")
        .respond_with(raw(502, &huge, "text/plain"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().get(3).send().await.unwrap_err();

    match err {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status().as_u16(), 502);
            assert_eq!(response.body(), &"x".repeat(4096));
        }
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_cut_error_body_ends_at_a_character_boundary() {
    let (server, client) = setup().await;
    // "é" is two bytes; the 4 KiB cut falls between them.
    let body = format!("{}é and more", "x".repeat(4095));
    api_call("GET", "/v2/images/4")
        .respond_with(raw(500, &body, "text/plain; charset=utf-8"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().get(4).send().await.unwrap_err();

    match err {
        Error::UnexpectedResponse(response) => assert_eq!(response.body(), &"x".repeat(4095)),
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_with_malformed_json_is_a_decode_error() {
    let (server, client) = setup().await;
    let body = r#"{"image": {"id": 7555620, "name": "#;
    api_call("GET", "/v2/images/7555620")
        .respond_with(raw(200, body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().get(7555620).send().await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_no_token(&err);
    // The serde error is part of the message (so it is not also the error's source).
    assert!(err.to_string().contains("EOF while parsing"), "{err}");
    assert!(std::error::Error::source(&err).is_none());
    match err {
        Error::Decode { status, snippet, source, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(snippet, body);
            assert!(source.is_eof(), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_200_with_a_wrongly_typed_field_is_a_decode_error() {
    let (server, client) = setup().await;
    let body = r#"{"images": [{"id": "seven"}], "meta": {"total": 1}}"#;
    api_call("GET", "/v2/images")
        .respond_with(raw(200, body, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().list().send().await.unwrap_err();

    match err {
        Error::Decode { status, snippet, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(snippet, body);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    // A loopback port that was just free: nothing listens there any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();

    let err = client.images().delete(1).send().await.unwrap_err();

    // A DELETE is idempotent, so the failed connection was retried twice, as by default.
    assert!(matches!(err, Error::Transport { attempts: 3, .. }), "{err:?}");
    assert_eq!(err.attempts(), Some(3));
    assert!(err.to_string().contains("3 attempts"), "{err}");
    assert_eq!(err.status(), None);
    assert_no_token(&err);
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    // A server that promises 500 bytes, sends a few, and hangs up.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await.unwrap();
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n";
        socket.write_all(format!("{head}{{\"image\": {{\"id\"").as_bytes()).await.unwrap();
    });
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("http://{address}"))
        .max_retries(0)
        .build()
        .unwrap();

    let err = client.images().get(1).send().await.unwrap_err();

    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
    assert_no_token(&err);
}
