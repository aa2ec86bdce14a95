//! Tests of the `Images` operations (list, create_custom, get, update, delete) against a mock
//! server: the request each one sends and how its response is decoded.

mod common;

use chrono::{TimeZone, Utc};
use common::{
    SEED_IMAGE_JSON, api_call, api_call_with_body, assert_bodyless, body_of, only_request, setup,
};
use digitalocean_images::Error;
use digitalocean_images::types::{
    Distribution, ImageNewCustom, ImageStatus, ImageType, ImageUpdate, ImagesListType, RegionSlug,
};
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_json, query_param, query_param_is_missing};

/// The `all_images` response example of the spec.
const ALL_IMAGES_JSON: &str = r#"{
  "images": [
    {"id": 7555620, "created_at": "2020-05-04T22:23:02Z", "description": "",
     "distribution": "Ubuntu", "error_message": "", "min_disk_size": 20,
     "name": "Nifty New Snapshot", "public": false, "regions": ["nyc1", "nyc2"],
     "size_gigabytes": 2.34, "slug": null, "status": "available",
     "tags": ["base-image", "prod"], "type": "snapshot"},
    {"id": 129211873, "created_at": "2023-04-25T16:42:18Z", "description": "Ubuntu 22.04 x64",
     "distribution": "Ubuntu", "error_message": "", "min_disk_size": 7,
     "name": "22.04 (LTS) x64", "public": true,
     "regions": ["ams3", "fra1", "lon1", "nyc1", "nyc3", "sfo3", "sgp1", "tor1"],
     "size_gigabytes": 2.36, "slug": "ubuntu-22-04-x64", "status": "available",
     "tags": [], "type": "base"}
  ],
  "links": {"pages": {
    "next": "https://api.digitalocean.com/v2/images?page=2&per_page=2",
    "last": "https://api.digitalocean.com/v2/images?page=96&per_page=2"}},
  "meta": {"total": 192}
}"#;

fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

#[tokio::test]
async fn list_without_parameters_sends_no_query_and_decodes_the_page() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .and(query_param_is_missing("type"))
        .and(query_param_is_missing("page"))
        .respond_with(json_response(200, ALL_IMAGES_JSON))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.images().list().send().await.unwrap();

    assert_bodyless(&only_request(&server).await);
    assert_eq!(page.meta.total, 192);
    assert_eq!(page.images.len(), 2);
    let first = &page.images[0];
    assert_eq!(first.id, Some(7555620));
    assert_eq!(first.slug, None);
    assert_eq!(first.public, Some(false));
    assert_eq!(first.status, Some(ImageStatus::Available));
    assert_eq!(first.type_, Some(ImageType::Snapshot));
    assert_eq!(first.description.as_deref(), Some(""));
    let second = &page.images[1];
    assert_eq!(second.id, Some(129211873));
    assert_eq!(second.name.as_deref(), Some("22.04 (LTS) x64"));
    assert_eq!(second.slug.as_deref(), Some("ubuntu-22-04-x64"));
    assert_eq!(second.created_at, Some(Utc.with_ymd_and_hms(2023, 4, 25, 16, 42, 18).unwrap()));
    assert_eq!(second.min_disk_size, Some(7));
    assert_eq!(second.size_gigabytes, Some(2.36));
    assert_eq!(second.type_, Some(ImageType::Base));
    assert_eq!(second.tags, Some(vec![]));
    let regions = second.regions.as_ref().unwrap();
    assert_eq!(regions.len(), 8);
    assert_eq!(regions[0], RegionSlug::Ams3);
    assert_eq!(regions[7], RegionSlug::Tor1);
    let pages = page.links.unwrap().pages.unwrap();
    assert_eq!(pages.first, None);
    assert_eq!(pages.prev, None);
    assert_eq!(
        pages.next.as_deref(),
        Some("https://api.digitalocean.com/v2/images?page=2&per_page=2")
    );
    assert_eq!(
        pages.last.as_deref(),
        Some("https://api.digitalocean.com/v2/images?page=96&per_page=2")
    );
}

#[tokio::test]
async fn list_sends_every_query_parameter_that_is_set() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .and(query_param("type", "distribution"))
        .and(query_param("private", "true"))
        .and(query_param("tag_name", "x"))
        .and(query_param("per_page", "2"))
        .and(query_param("page", "3"))
        .respond_with(json_response(200, r#"{"images": [], "meta": {"total": 0}}"#))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .images()
        .list()
        .type_(ImagesListType::Distribution)
        .private(true)
        .tag_name("x")
        .per_page(2)
        .page(3)
        .send()
        .await
        .unwrap();

    assert!(page.images.is_empty());
    assert_eq!(page.links, None);
    assert_eq!(page.meta.total, 0);
    let request = only_request(&server).await;
    let mut sent: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    sent.sort();
    let mut expected: Vec<(String, String)> = [
        ("page", "3"),
        ("per_page", "2"),
        ("private", "true"),
        ("tag_name", "x"),
        ("type", "distribution"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    expected.sort();
    assert_eq!(sent, expected);
}

#[tokio::test]
async fn list_escapes_query_values_and_accepts_a_type_as_text() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .and(query_param("type", "application"))
        .and(query_param("tag_name", "a&b=c d"))
        .and(query_param_is_missing("private"))
        .respond_with(json_response(200, r#"{"images": [], "meta": {"total": 0}}"#))
        .expect(1)
        .mount(&server)
        .await;

    client.images().list().type_("application").tag_name("a&b=c d").send().await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.url.query_pairs().count(), 2);
}

#[tokio::test]
async fn create_custom_posts_the_body_and_decodes_the_new_image() {
    let (server, client) = setup().await;
    let url = "http://cloud-images.ubuntu.com/minimal/releases/bionic/release/ubuntu-18.04-minimal-cloudimg-amd64.img";
    let expected_body = json!({
        "name": "ubuntu-18.04-minimal",
        "url": url,
        "region": "nyc3",
        "distribution": "Ubuntu",
        "description": "Cloud-optimized image with the web stack preinstalled.",
        "tags": ["base-image", "prod"]
    });
    // The spec's `new_custom_image` response example.
    let response = r#"{"image": {"id": 38413969, "created_at": "2018-09-20T19:28:00Z",
        "description": "Cloud-optimized image with the web stack preinstalled.",
        "distribution": "Ubuntu", "error_message": "", "min_disk_size": null,
        "name": "ubuntu-18.04-minimal", "public": false, "regions": [],
        "size_gigabytes": null, "slug": null, "status": "NEW",
        "tags": ["base-image", "prod"], "type": "custom"}}"#;
    api_call_with_body("POST", "/v2/images")
        .and(body_json(&expected_body))
        .respond_with(json_response(202, response))
        .expect(1)
        .mount(&server)
        .await;

    let body = ImageNewCustom::new("ubuntu-18.04-minimal", url, RegionSlug::Nyc3)
        .distribution(Distribution::Ubuntu)
        .description("Cloud-optimized image with the web stack preinstalled.")
        .tags(["base-image", "prod"]);
    let created = client.images().create_custom(body).send().await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(body_of(&request), expected_body);
    assert_eq!(request.url.query(), None);
    let image = created.image;
    assert_eq!(image.id, Some(38413969));
    assert_eq!(image.status, Some(ImageStatus::New));
    assert_eq!(image.type_, Some(ImageType::Custom));
    assert_eq!(image.regions, Some(vec![]));
    assert_eq!(image.min_disk_size, None);
    assert_eq!(image.size_gigabytes, None);
    assert_eq!(image.slug, None);
    assert_eq!(image.created_at, Some(Utc.with_ymd_and_hms(2018, 9, 20, 19, 28, 0).unwrap()));
}

#[tokio::test]
async fn create_custom_leaves_unset_optional_fields_out_of_the_body() {
    let (server, client) = setup().await;
    let expected_body = json!({"name": "n", "url": "https://example.com/i.img", "region": "syd1"});
    api_call_with_body("POST", "/v2/images")
        .and(body_json(&expected_body))
        .respond_with(json_response(202, r#"{"image": {}}"#))
        .expect(1)
        .mount(&server)
        .await;

    let body = ImageNewCustom::new("n", "https://example.com/i.img", RegionSlug::Syd1);
    client.images().create_custom(body).send().await.unwrap();

    assert_eq!(body_of(&only_request(&server).await), expected_body);
}

#[tokio::test]
async fn get_by_numeric_id_requests_the_id_path() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/7555620")
        .respond_with(json_response(200, SEED_IMAGE_JSON))
        .expect(1)
        .mount(&server)
        .await;

    let image = client.images().get(7555620).send().await.unwrap().image;

    assert_bodyless(&only_request(&server).await);
    assert_eq!(image.id, Some(7555620));
    assert_eq!(image.slug.as_deref(), Some("nifty1"));
}

#[tokio::test]
async fn get_by_slug_requests_the_slug_path() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/ubuntu-24-04-x64")
        .respond_with(json_response(200, SEED_IMAGE_JSON))
        .expect(1)
        .mount(&server)
        .await;

    let image = client.images().get("ubuntu-24-04-x64").send().await.unwrap().image;

    assert_bodyless(&only_request(&server).await);
    assert_eq!(image.name.as_deref(), Some("Nifty New Snapshot"));
}

#[tokio::test]
async fn get_with_a_slash_in_the_slug_stays_one_path_segment() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/..%2Faccount")
        .respond_with(json_response(200, r#"{"image": {}}"#))
        .expect(1)
        .mount(&server)
        .await;

    client.images().get("../account").send().await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/images/..%2Faccount");
}

#[tokio::test]
async fn get_refuses_dot_segments_and_empty_ids_without_sending() {
    let (server, client) = setup().await;
    for bad in ["..", ".", ""] {
        let err = client.images().get(bad).send().await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{bad:?} gave {err:?}");
        assert_eq!(err.status(), None);
    }
    let requests = server.received_requests().await.unwrap();
    assert!(requests.is_empty(), "sent {requests:?}");
}

#[tokio::test]
async fn update_puts_only_the_set_fields_and_decodes_the_image() {
    let (server, client) = setup().await;
    let expected_body = json!({
        "name": "new-image-name",
        "distribution": "Ubuntu",
        "description": "Snapshot of the web frontend before the upgrade."
    });
    // The spec's `updated_image` response example.
    let response = r#"{"image": {"id": 7938391, "created_at": "2014-11-14T16:44:03Z",
        "description": "Snapshot of the web frontend before the upgrade.",
        "distribution": "Ubuntu", "error_message": "", "min_disk_size": 20,
        "name": "new-image-name", "public": false, "regions": ["nyc3"],
        "size_gigabytes": 2.34, "slug": null, "status": "available", "tags": [],
        "type": "snapshot"}}"#;
    api_call_with_body("PUT", "/v2/images/7938391")
        .and(body_json(&expected_body))
        .respond_with(json_response(200, response))
        .expect(1)
        .mount(&server)
        .await;

    let body = ImageUpdate::new()
        .name("new-image-name")
        .distribution(Distribution::Ubuntu)
        .description("Snapshot of the web frontend before the upgrade.");
    let updated = client.images().update(7938391, body).send().await.unwrap();

    assert_eq!(body_of(&only_request(&server).await), expected_body);
    let image = updated.image;
    assert_eq!(image.id, Some(7938391));
    assert_eq!(image.name.as_deref(), Some("new-image-name"));
    assert_eq!(image.regions, Some(vec![RegionSlug::Nyc3]));
    assert_eq!(image.status, Some(ImageStatus::Available));
    assert_eq!(image.tags, Some(vec![]));
}

#[tokio::test]
async fn update_with_only_a_name_sends_only_the_name() {
    let (server, client) = setup().await;
    api_call_with_body("PUT", "/v2/images/62137902")
        .and(body_json(json!({"name": "renamed"})))
        .respond_with(json_response(200, r#"{"image": {"name": "renamed"}}"#))
        .expect(1)
        .mount(&server)
        .await;

    let body = ImageUpdate::new().name("renamed");
    let updated = client.images().update(62137902, body).send().await.unwrap();

    assert_eq!(body_of(&only_request(&server).await), json!({"name": "renamed"}));
    assert_eq!(updated.image.name.as_deref(), Some("renamed"));
}

#[tokio::test]
async fn delete_sends_a_delete_and_accepts_204_without_a_body() {
    let (server, client) = setup().await;
    api_call("DELETE", "/v2/images/62137902")
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let result = client.images().delete(62137902).send().await;

    assert!(matches!(result, Ok(())), "{result:?}");
    assert_bodyless(&only_request(&server).await);
}
