//! The discriminated union `ImageAction`: known tags decode to their variants, and an object
//! with a tag this crate does not know is kept whole and written back unchanged.

use digitalocean_images::types::{ImageAction, RegionSlug};
use serde_json::json;

#[test]
fn known_tags_decode_to_their_variants() {
    let action: ImageAction = serde_json::from_value(json!({"type": "convert"})).unwrap();
    assert_eq!(action, ImageAction::convert());
    assert!(matches!(action, ImageAction::Convert { .. }));
    let action: ImageAction =
        serde_json::from_value(json!({"type": "transfer", "region": "ams3"})).unwrap();
    assert_eq!(action, ImageAction::transfer(RegionSlug::Ams3));
    assert!(matches!(action, ImageAction::Transfer { region: RegionSlug::Ams3, .. }));
}

#[test]
fn an_unknown_tag_is_kept_whole_and_written_back_unchanged() {
    let sent = json!({"type": "resize", "size": "s-2vcpu-4gb", "nested": {"a": [1, null]}});
    let action: ImageAction = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(action, ImageAction::Other(sent.clone()));
    assert_eq!(serde_json::to_value(&action).unwrap(), sent);
}

#[test]
fn a_known_tag_whose_body_does_not_fit_is_kept_rather_than_refused() {
    // `transfer` requires a region; the object is still readable, as the catch-all.
    let sent = json!({"type": "transfer"});
    let action: ImageAction = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(action, ImageAction::Other(sent));
}
