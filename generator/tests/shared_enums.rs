//! Inline string enums with the same values are emitted once, under a name that a new copy
//! in the spec does not move unless the copy's name sorts first: regeneration stays a small
//! diff, and every name callers used still compiles.

use std::collections::BTreeSet;

mod common;

use generator::Settings;
use serde_yaml::Value;

const FIXTURE: &str = include_str!("fixtures/enums-shared.yaml");

fn types_rs(spec: &Value) -> String {
    let text = serde_yaml::to_string(spec).unwrap();
    let settings = Settings::new("fixtures/enums-shared.yaml", "enums-shared");
    let files = generator::generate(&text, &settings).unwrap_or_else(|e| panic!("{e}")).files;
    let types = files.into_iter().find(|file| file.path == "src/types.rs").unwrap().contents;
    without_coding(&types)
}

/// `types.rs` less each struct's `DecodeStruct` and `Serialize` impls, whose field lists and
/// counts change with any field: what these tests watch is the enums.
fn without_coding(types: &str) -> String {
    let coding = ["impl crate::runtime::DecodeStruct for ", "impl serde::Serialize for "];
    let mut kept = String::new();
    let mut in_coding = false;
    for line in types.lines() {
        if coding.iter().any(|start| line.starts_with(start)) {
            in_coding = true;
        } else if in_coding && line == "}" {
            in_coding = false;
        } else if !in_coding {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// The spec with one more inline enum of the droplet status values, at `schema.property`.
fn with_copy(schema: &str, property: &str) -> Value {
    let mut spec: Value = serde_yaml::from_str(FIXTURE).unwrap();
    let copy = "type: string\nenum: [new, active, off, archive]";
    let properties = &mut spec["components"]["schemas"][schema]["properties"];
    properties
        .as_mapping_mut()
        .unwrap()
        .insert(property.into(), serde_yaml::from_str(copy).unwrap());
    spec
}

/// The texts of the lines the diff from `old` to `new` deletes, and of those it inserts.
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let (deleted, inserted) = common::changed_lines(old, new);
    let texts = |lines: Vec<common::Line>| lines.into_iter().map(|(_, text)| text).collect();
    (texts(deleted), texts(inserted))
}

/// The public type names a file declares (`pub enum X`, `pub struct X`, `pub type X`).
fn public_types(text: &str) -> BTreeSet<String> {
    let declared = ["pub enum ", "pub struct ", "pub type "];
    text.lines()
        .filter_map(|line| declared.iter().find_map(|start| line.strip_prefix(start)))
        .map(|rest| rest.split([' ', '(', '<', '{', ';']).next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_copies_are_aliases_of_the_first_name_and_other_enums_stay_their_own() {
    let text = types_rs(&serde_yaml::from_str(FIXTURE).unwrap());
    assert!(text.contains("pub enum DropletStatus {"), "{text}");
    assert!(text.contains("pub type DropletsListStatus = DropletStatus;"), "{text}");
    assert!(text.contains("pub type VolumeState = DropletStatus;"), "{text}");
    // Another order, other values, a component's enum: each an enum of its own.
    for name in ["DropletPreviousStatus", "VolumeSizeUnit", "Lifecycle"] {
        assert!(text.contains(&format!("pub enum {name} {{")), "{name} is not an enum:\n{text}");
    }
    // Each alias keeps its own docs.
    assert!(text.contains("/// The volume's state.\npub type VolumeState"), "{text}");
}

#[test]
fn a_copy_that_sorts_after_the_enum_adds_only_its_field_and_its_alias() {
    let old = types_rs(&serde_yaml::from_str(FIXTURE).unwrap());
    let new = types_rs(&with_copy("Volume", "wanted_state"));
    let (deleted, inserted) = changed_lines(&old, &new);
    assert_eq!(deleted, Vec::<String>::new(), "nothing is removed");
    assert!(inserted.contains(&"pub type VolumeWantedState = DropletStatus;".to_owned()));
    assert!(inserted.len() <= 6, "more than a field and an alias were added: {inserted:#?}");
}

#[test]
fn a_copy_that_sorts_first_moves_the_enum_and_keeps_every_name() {
    let old = types_rs(&serde_yaml::from_str(FIXTURE).unwrap());
    let new = types_rs(&with_copy("Droplet", "a_status"));
    assert!(new.contains("pub enum DropletAStatus {"), "{new}");
    assert!(new.contains("pub type DropletStatus = DropletAStatus;"), "{new}");
    assert!(public_types(&old).is_subset(&public_types(&new)), "a public name went away");
    // What was deleted is the enum's body and the aliases' targets, which come back renamed.
    let (deleted, inserted) = changed_lines(&old, &new);
    let inserted: BTreeSet<String> = inserted.into_iter().collect();
    for line in &deleted {
        let moved = line.replace("DropletStatus", "DropletAStatus");
        let retargeted = line.replace("= DropletStatus;", "= DropletAStatus;");
        assert!(
            inserted.contains(&moved) || inserted.contains(&retargeted) || inserted.contains(line),
            "`{line}` was deleted and not moved:\n{deleted:#?}"
        );
    }
}
