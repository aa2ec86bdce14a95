//! A caller written against the client of `v1.yaml`, in every way the crate lets one: bodies
//! from constructors and setters, `match`es with a wildcard arm, struct and variant patterns with
//! `..`. `.ci/upgrade-check` compiles it unchanged against the clients of `v1.yaml` and
//! `v2.yaml`, which adds optional fields and an enum value: both must compile.

use upgrade_check::types::{NewVolume, Volume, VolumeAction, Zone};
use upgrade_check::{Client, Error};

pub fn new_volume() -> NewVolume {
    NewVolume::new("db-data", Zone::Fra1A).tags(["db"])
}

pub fn actions() -> [VolumeAction; 2] {
    [VolumeAction::resize(200), VolumeAction::detach()]
}

pub fn zone_name(zone: &Zone) -> &str {
    match zone {
        Zone::Fra1A => "Frankfurt A",
        Zone::Fra1B => "Frankfurt B",
        other => other.as_str(),
    }
}

pub fn describe(volume: &Volume) -> String {
    let Volume { id, zone, .. } = volume;
    format!("{id} in {}", zone_name(zone))
}

pub fn describe_action(action: &VolumeAction) -> String {
    match action {
        VolumeAction::Resize { size_gigabytes, .. } => format!("resize to {size_gigabytes} GB"),
        VolumeAction::Detach { .. } => "detach".to_owned(),
        _ => "another action".to_owned(),
    }
}

/// Requests own their client, so they can be spawned.
pub fn create_in_background(client: &Client) -> tokio::task::JoinHandle<Result<Volume, Error>> {
    tokio::spawn(client.volumes().create(new_volume()).send())
}
