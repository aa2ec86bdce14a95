//! Tests that a success whose body does not decode names where in the body it failed, as a
//! path (`images[1].id`) beside the line and column, through the generated types' hand-written
//! decoding (struct keys, lists, nullable fields, date-times), and that the path stays bounded
//! and escaped whatever keys the server sends.

mod common;

use common::{api_call, only_request, setup};
use digitalocean_images::Error;
use wiremock::ResponseTemplate;

/// Serves `body` as the answer to `GET /v2/images` and returns the client's error.
async fn list_error(body: &str) -> Error {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client.images().list().send().await.expect_err("the body must not decode");
    only_request(&server).await;
    error
}

/// The `path` of a decode error.
fn path_of(error: &Error) -> &str {
    match error {
        Error::Decode { path, .. } => path,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

const META: &str = r#""meta": {"total": 2}"#;

#[tokio::test]
async fn a_wrong_type_in_the_second_image_names_its_index_and_field() {
    let body = format!(r#"{{"images": [{{"id": 1}}, {{"name": "b", "id": "seven"}}], {META}}}"#);

    let error = list_error(&body).await;

    assert_eq!(path_of(&error), "images[1].id");
    let message = error.to_string();
    assert!(
        message.contains(
            r#"invalid type: string "seven", expected i64 at images[1].id (line 1 column 50)"#
        ),
        "{message}"
    );
    // Said once: the position is not repeated after the path.
    assert_eq!(message.matches("line 1").count(), 1, "{message}");
    assert!(format!("{error:?}").contains(r#"path: "images[1].id""#), "{error:?}");
}

#[tokio::test]
async fn the_path_goes_through_lists_of_enums_and_nullable_date_times() {
    let region = format!(r#"{{"images": [{{"regions": ["nyc1", "nyc3", 3]}}], {META}}}"#);
    assert_eq!(path_of(&list_error(&region).await), "images[0].regions[2]");

    let date = format!(r#"{{"images": [{{}}, {{}}, {{"created_at": "yesterday"}}], {META}}}"#);
    let error = list_error(&date).await;
    assert_eq!(path_of(&error), "images[2].created_at");
    assert!(error.to_string().contains("at images[2].created_at (line 1"), "{error}");

    let meta = r#"{"images": [], "meta": {"total": null}}"#;
    assert_eq!(path_of(&list_error(meta).await), "meta.total");
}

#[tokio::test]
async fn an_error_at_the_top_level_has_an_empty_path_and_the_message_it_had() {
    let error = list_error(r#"{"meta": {"total": 0}}"#).await;

    assert_eq!(path_of(&error), "");
    assert!(
        error.to_string().contains(": missing field `images` at line 1 column 22; the body starts"),
        "{error}"
    );

    let trailing = list_error(r#"{"images": [], "meta": {"total": 0}} x"#).await;
    assert_eq!(path_of(&trailing), "");
    assert!(
        trailing.to_string().contains(": trailing characters at line 1 column 38;"),
        "{trailing}"
    );
}

#[tokio::test]
async fn a_body_cut_short_names_where_it_ended() {
    let error = list_error(r#"{"images": [{"id": 1}, {"name": "#).await;

    assert_eq!(path_of(&error), "images[1].name");
    assert!(error.to_string().contains("EOF while parsing a value at images[1].name (line 1"));
}

#[tokio::test]
async fn keys_from_the_server_in_the_path_are_bounded_and_escaped() {
    // An unknown key is skipped, but a syntax error inside its value is reported there.
    let key = format!("\u{1b}[31m{}", "k".repeat(100_000));
    let body = format!(r#"{{"images": [{{"{}": [1, }}]}}"#, key.replace('\u{1b}', "\\u001b"));

    let error = list_error(&body).await;

    let path = path_of(&error);
    assert!(path.starts_with("images[0].\u{1b}[31mkkk"), "{path:.40}");
    assert!(path.len() <= 1024 + '…'.len_utf8() && path.ends_with('…'), "{}", path.len());
    let message = error.to_string();
    assert!(message.len() <= 4096 + '…'.len_utf8(), "{}", message.len());
    assert!(message.contains("images[0].\\u{1b}[31mkkk") && !message.contains('\u{1b}'));
    assert!(format!("{error:?}").len() <= 16 * 1024 + '…'.len_utf8());
}

#[tokio::test]
async fn a_message_cut_for_length_still_ends_with_the_path_and_position() {
    let long = "x".repeat(5_000);
    let body = format!(r#"{{"images": [{{"id": "{long}"}}], {META}}}"#);

    let error = list_error(&body).await;

    let message = error.to_string();
    assert!(message.contains(r#"invalid type: string "xxx"#), "{message:.200}");
    assert!(message.contains("xxx… at images[0].id (line 1 column 5021); the body"), "{message}");
    assert_eq!(message.matches("line 1").count(), 1, "{message}");
}
