//! Tests of decoding and re-encoding the response types: the vendor's example image, unknown
//! enum values, `null` fields and empty objects.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::{SEED_IMAGE_JSON, api_call, compact, only_request, setup};
use digitalocean_images::Error;
use digitalocean_images::types::{
    ActionStatus, Distribution, ExistingImage, Image, ImageStatus, ImageType, RegionSlug,
};
use wiremock::ResponseTemplate;

/// Serves `body` as the image 7555620 and returns what the client made of it.
async fn try_get_image(body: &str) -> Result<ExistingImage, Error> {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/7555620")
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let result = client.images().get(7555620).send().await;
    only_request(&server).await;
    result
}

/// [`try_get_image`] for a body that must decode.
async fn get_image(body: &str) -> ExistingImage {
    try_get_image(body).await.unwrap()
}

#[test]
fn the_compact_helper_keeps_strings_and_key_order() {
    assert_eq!(
        compact("{ \"b\" : \" x \\\" y\" ,\n \"a\": [1, 2] }"),
        r#"{"b":" x \" y","a":[1,2]}"#
    );
}

#[tokio::test]
async fn the_seed_example_decodes_into_typed_fields() {
    let image = get_image(SEED_IMAGE_JSON).await.image;

    assert_eq!(image.id, Some(7555620));
    let created: DateTime<Utc> = Utc.with_ymd_and_hms(2020, 5, 4, 22, 23, 2).unwrap();
    assert_eq!(image.created_at, Some(created));
    assert_eq!(image.description.as_deref(), Some(" "));
    assert_eq!(image.distribution, Some(Distribution::Ubuntu));
    assert_eq!(image.error_message.as_deref(), Some(" "));
    assert_eq!(image.min_disk_size, Some(20));
    assert_eq!(image.name.as_deref(), Some("Nifty New Snapshot"));
    assert_eq!(image.public, Some(true));
    assert_eq!(image.regions, Some(vec![RegionSlug::Nyc1, RegionSlug::Nyc2]));
    assert_eq!(image.size_gigabytes, Some(2.34));
    assert_eq!(image.slug.as_deref(), Some("nifty1"));
    assert_eq!(image.status, Some(ImageStatus::New));
    assert_eq!(image.tags, Some(vec!["base-image".to_owned(), "prod".to_owned()]));
    assert_eq!(image.type_, Some(ImageType::Snapshot));
}

#[tokio::test]
async fn the_seed_example_reserialises_byte_for_byte() {
    let decoded = get_image(SEED_IMAGE_JSON).await;

    let expected = r#"{"image":{"id":7555620,"created_at":"2020-05-04T22:23:02Z","description":" ","distribution":"Ubuntu","error_message":" ","min_disk_size":20,"name":"Nifty New Snapshot","public":true,"regions":["nyc1","nyc2"],"size_gigabytes":2.34,"slug":"nifty1","status":"NEW","tags":["base-image","prod"],"type":"snapshot"}}"#;
    assert_eq!(compact(SEED_IMAGE_JSON), expected);
    assert_eq!(serde_json::to_string(&decoded).unwrap(), expected);
}

#[tokio::test]
async fn unknown_enum_values_are_kept_and_written_back() {
    let body = r#"{"image": {"id": 1, "distribution": "NixOS", "regions": ["nyc3", "atl1"],
        "status": "archived", "type": "vendor-special"}}"#;

    let image = get_image(body).await.image;

    assert_eq!(image.distribution, Some(Distribution::Other("NixOS".into())));
    assert_eq!(image.regions, Some(vec![RegionSlug::Nyc3, RegionSlug::Other("atl1".into())]));
    assert_eq!(image.status, Some(ImageStatus::Other("archived".into())));
    assert_eq!(image.type_, Some(ImageType::Other("vendor-special".into())));
    assert_eq!(
        serde_json::to_value(&image).unwrap(),
        serde_json::json!({"id": 1, "distribution": "NixOS", "regions": ["nyc3", "atl1"],
            "status": "archived", "type": "vendor-special"})
    );
}

/// The spec-example round trip relies on this count to fail on an example the crate does not know.
#[test]
fn values_that_fall_into_a_catch_all_are_counted() {
    let before = digitalocean_images::__caught_count();
    let known: Image =
        serde_json::from_str(r#"{"distribution": "Ubuntu", "regions": ["nyc3"]}"#).unwrap();
    assert_eq!(known.distribution, Some(Distribution::Ubuntu));
    assert_eq!(digitalocean_images::__caught_count(), before);
    let unknown: Image =
        serde_json::from_str(r#"{"distribution": "Plan9", "regions": ["nyc3", "mars1"]}"#).unwrap();
    assert_eq!(unknown.distribution, Some(Distribution::Other("Plan9".into())));
    assert_eq!(digitalocean_images::__caught_count(), before + 2);
}

#[test]
fn unknown_values_serialise_to_the_same_string() {
    let cases = [
        (serde_json::to_string(&Distribution::Other("NixOS".into())), "\"NixOS\""),
        (serde_json::to_string(&RegionSlug::Other("atl1".into())), "\"atl1\""),
        (serde_json::to_string(&ImageStatus::Other("archived".into())), "\"archived\""),
        (serde_json::to_string(&ActionStatus::Other("paused".into())), "\"paused\""),
    ];
    for (written, expected) in cases {
        assert_eq!(written.unwrap(), expected);
    }
    let decoded: Distribution = serde_json::from_str("\"Nix\\u004fS\"").unwrap();
    assert_eq!(decoded, Distribution::Other("NixOS".into()));
}

#[test]
fn known_values_use_their_wire_spelling() {
    let pairs = [
        (Distribution::ArchLinux, "Arch Linux"),
        (Distribution::FedoraAtomic, "Fedora Atomic"),
        (Distribution::OpenSuse, "openSUSE"),
        (Distribution::RockyLinux, "Rocky Linux"),
        (Distribution::Unknown, "Unknown"),
    ];
    for (value, wire) in pairs {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, format!("\"{wire}\""));
        assert_eq!(serde_json::from_str::<Distribution>(&json).unwrap(), value);
    }
    assert_eq!(
        serde_json::from_str::<ActionStatus>("\"in-progress\"").unwrap(),
        ActionStatus::InProgress
    );
}

#[tokio::test]
async fn null_fields_decode_to_none() {
    let body = r#"{"image": {"id": 2, "slug": null, "min_disk_size": null,
        "size_gigabytes": null, "tags": null}}"#;

    let image = get_image(body).await.image;

    assert_eq!(image.id, Some(2));
    assert_eq!(image.slug, None);
    assert_eq!(image.min_disk_size, None);
    assert_eq!(image.size_gigabytes, None);
    assert_eq!(image.tags, None);
}

#[tokio::test]
async fn an_empty_image_object_decodes_with_every_field_none() {
    let image = get_image(r#"{"image": {}}"#).await.image;

    assert_eq!(image, Image::default());
    assert_eq!(image.id, None);
    assert_eq!(image.created_at, None);
    assert_eq!(image.description, None);
    assert_eq!(image.distribution, None);
    assert_eq!(image.error_message, None);
    assert_eq!(image.min_disk_size, None);
    assert_eq!(image.name, None);
    assert_eq!(image.public, None);
    assert_eq!(image.regions, None);
    assert_eq!(image.size_gigabytes, None);
    assert_eq!(image.slug, None);
    assert_eq!(image.status, None);
    assert_eq!(image.tags, None);
    assert_eq!(image.type_, None);
    assert_eq!(serde_json::to_string(&image).unwrap(), "{}");
}

#[tokio::test]
async fn a_response_without_the_required_image_key_is_a_decode_error() {
    match try_get_image("{}").await {
        Err(Error::Decode { status, snippet, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(snippet, "{}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let body = r#"{"image": {"id": 3, "brand_new_field": {"nested": [1, 2]}}, "extra": true}"#;

    let image = get_image(body).await.image;

    assert_eq!(image.id, Some(3));
}
