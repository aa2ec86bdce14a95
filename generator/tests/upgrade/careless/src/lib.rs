//! A caller written as if nothing were `#[non_exhaustive]`: struct literals and exhaustive
//! `match`es. Against a spec's next version it would break (a new field is missing from the
//! literal, a new value from the match), so `.ci/upgrade-check` requires that it does not compile
//! even against `v1.yaml`'s client, with exactly these errors: E0639 for each literal, E0004 for
//! each match.

use upgrade_check::types::{NewVolume, VolumeAction, Zone};

pub fn new_volume() -> NewVolume {
    NewVolume { name: "db-data".into(), zone: Zone::Fra1A, tags: None }
}

pub fn resize() -> VolumeAction {
    VolumeAction::Resize { size_gigabytes: 200 }
}

pub fn zone_name(zone: &Zone) -> &str {
    match zone {
        Zone::Fra1A => "Frankfurt A",
        Zone::Fra1B => "Frankfurt B",
        Zone::Other(other) => other,
    }
}
