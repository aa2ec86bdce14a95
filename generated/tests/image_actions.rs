//! Tests of the `Image Actions` operations (list, post with each body variant, get) against a
//! mock server: the request each one sends and how its response is decoded.

mod common;

use chrono::{TimeZone, Utc};
use common::{api_call, api_call_with_body, assert_bodyless, body_of, only_request, setup};
use digitalocean_images::Error;
use digitalocean_images::types::{Action, ActionStatus, ImageAction, RegionSlug};
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::body_json;

/// The action of the spec's `existing_image_action` response example.
const COMPLETED_ACTION_JSON: &str = r#"{
  "id": 36805527, "status": "completed", "type": "transfer",
  "started_at": "2014-11-14T16:42:45Z", "completed_at": "2014-11-14T16:49:59Z",
  "resource_id": 7938269, "resource_type": "image",
  "region": {"name": "New York 3", "slug": "nyc3",
             "features": ["private_networking", "backups", "ipv6", "metadata"],
             "available": true, "sizes": ["s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-4gb"]},
  "region_slug": "nyc3"
}"#;

/// The action of the spec's `image_action` response example (still running).
const RUNNING_ACTION_JSON: &str = r#"{
  "id": 36805527, "status": "in-progress", "type": "transfer",
  "started_at": "2014-11-14T16:42:45Z", "completed_at": null,
  "resource_id": 7938269, "resource_type": "image",
  "region": {"name": "New York 3", "slug": "nyc3",
             "features": ["private_networking", "backups", "ipv6", "metadata"],
             "available": true, "sizes": ["s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-4gb"]},
  "region_slug": "nyc3"
}"#;

fn json_response(status: u16, body: String) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, "application/json")
}

/// Checks the fields shared by both examples' actions.
fn assert_example_action(action: &Action) {
    assert_eq!(action.id, Some(36805527));
    assert_eq!(action.type_.as_deref(), Some("transfer"));
    assert_eq!(action.started_at, Some(Utc.with_ymd_and_hms(2014, 11, 14, 16, 42, 45).unwrap()));
    assert_eq!(action.resource_id, Some(7938269));
    assert_eq!(action.resource_type.as_deref(), Some("image"));
    assert_eq!(action.region_slug.as_deref(), Some("nyc3"));
    let region = action.region.as_ref().unwrap();
    assert_eq!(region.name, "New York 3");
    assert_eq!(region.slug, "nyc3");
    assert!(region.available);
    assert_eq!(region.features, ["private_networking", "backups", "ipv6", "metadata"]);
    assert_eq!(region.sizes, ["s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-4gb"]);
}

#[tokio::test]
async fn list_gets_the_actions_of_an_image() {
    let (server, client) = setup().await;
    // The spec's `all_image_actions` response example.
    let response = r#"{"actions": [{"id": 29410565, "status": "completed", "type": "transfer",
        "started_at": "2014-07-25T15:04:21Z", "completed_at": "2014-07-25T15:10:20Z",
        "resource_id": 7555620, "resource_type": "image",
        "region": {"name": "New York 2", "slug": "nyc2",
                   "features": ["private_networking", "backups", "ipv6", "metadata"],
                   "available": true, "sizes": ["s-1vcpu-1gb", "s-1vcpu-2gb", "s-2vcpu-4gb"]},
        "region_slug": "nyc2"}],
        "links": {"pages": {}}, "meta": {"total": 1}}"#;
    api_call("GET", "/v2/images/7555620/actions")
        .respond_with(json_response(200, response.into()))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.image_actions().list(7555620).send().await.unwrap();

    assert_bodyless(&only_request(&server).await);
    assert_eq!(page.meta.total, 1);
    let pages = page.links.unwrap().pages.unwrap();
    assert_eq!((pages.first, pages.prev, pages.next, pages.last), (None, None, None, None));
    assert_eq!(page.actions.len(), 1);
    let action = &page.actions[0];
    assert_eq!(action.id, Some(29410565));
    assert_eq!(action.status, Some(ActionStatus::Completed));
    assert_eq!(action.completed_at, Some(Utc.with_ymd_and_hms(2014, 7, 25, 15, 10, 20).unwrap()));
    assert_eq!(action.resource_id, Some(7555620));
    assert_eq!(action.region_slug.as_deref(), Some("nyc2"));
}

#[tokio::test]
async fn list_accepts_a_page_without_links() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1/actions")
        .respond_with(json_response(200, r#"{"actions": [], "meta": {"total": 0}}"#.into()))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.image_actions().list(1).send().await.unwrap();

    assert!(page.actions.is_empty());
    assert_eq!(page.links, None);
}

#[tokio::test]
async fn post_transfer_sends_type_and_region() {
    let (server, client) = setup().await;
    let expected = json!({"type": "transfer", "region": "nyc2"});
    api_call_with_body("POST", "/v2/images/7938269/actions")
        .and(body_json(&expected))
        .respond_with(json_response(201, format!(r#"{{"action": {RUNNING_ACTION_JSON}}}"#)))
        .expect(1)
        .mount(&server)
        .await;

    let body = ImageAction::transfer(RegionSlug::Nyc2);
    let response = client.image_actions().post(7938269, body).send().await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(body_of(&request), expected);
    assert_eq!(request.url.query(), None);
    let action = response.action;
    assert_example_action(&action);
    assert_eq!(action.status, Some(ActionStatus::InProgress));
    assert_eq!(action.completed_at, None);
}

#[tokio::test]
async fn post_convert_sends_only_the_type() {
    let (server, client) = setup().await;
    let expected = json!({"type": "convert"});
    api_call_with_body("POST", "/v2/images/62137902/actions")
        .and(body_json(&expected))
        .respond_with(json_response(
            201,
            r#"{"action": {"id": 1, "status": "in-progress", "type": "convert"}}"#.into(),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let response =
        client.image_actions().post(62137902, ImageAction::convert()).send().await.unwrap();

    assert_eq!(body_of(&only_request(&server).await), expected);
    let action = response.action;
    assert_eq!(action.id, Some(1));
    assert_eq!(action.type_.as_deref(), Some("convert"));
    assert_eq!(action.status, Some(ActionStatus::InProgress));
    assert_eq!(action.region, None);
}

#[test]
fn image_action_bodies_serialise_as_in_the_spec_examples() {
    let transfer = ImageAction::transfer(RegionSlug::Nyc2);
    assert_eq!(
        serde_json::to_value(&transfer).unwrap(),
        json!({"type": "transfer", "region": "nyc2"})
    );
    assert_eq!(serde_json::to_value(ImageAction::convert()).unwrap(), json!({"type": "convert"}));
    let decoded: ImageAction =
        serde_json::from_str(r#"{"type":"transfer","region":"nyc2"}"#).unwrap();
    assert_eq!(decoded, transfer);
}

#[tokio::test]
async fn get_fetches_one_action_of_an_image() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/7938269/actions/36805527")
        .respond_with(json_response(200, format!(r#"{{"action": {COMPLETED_ACTION_JSON}}}"#)))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.image_actions().get(7938269, 36805527).send().await.unwrap();

    assert_bodyless(&only_request(&server).await);
    let action = response.action;
    assert_example_action(&action);
    assert_eq!(action.status, Some(ActionStatus::Completed));
    assert_eq!(action.completed_at, Some(Utc.with_ymd_and_hms(2014, 11, 14, 16, 49, 59).unwrap()));
}

#[tokio::test]
async fn an_unknown_action_status_is_kept() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/5/actions/6")
        .respond_with(json_response(
            200,
            r#"{"action": {"status": "paused", "resource_id": null, "region_slug": null}}"#.into(),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let action = client.image_actions().get(5, 6).send().await.unwrap().action;

    assert_eq!(action.status, Some(ActionStatus::Other("paused".into())));
    assert_eq!(action.resource_id, None);
    assert_eq!(action.region_slug, None);
}

/// Every field of a region is required, so an action whose region lacks one is refused rather
/// than decoded with a hole in it.
#[tokio::test]
async fn a_region_without_its_slug_is_a_decode_error() {
    let (server, client) = setup().await;
    let region = r#"{"name": "New York 3", "features": [], "available": true, "sizes": []}"#;
    api_call("GET", "/v2/images/5/actions/6")
        .respond_with(json_response(200, format!(r#"{{"action": {{"region": {region}}}}}"#)))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.image_actions().get(5, 6).send().await.unwrap_err();

    match err {
        Error::Decode { status, source, .. } => {
            assert_eq!(status.as_u16(), 200);
            assert!(source.to_string().contains("missing field `slug`"), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}
