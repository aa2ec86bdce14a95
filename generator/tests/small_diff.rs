//! Regeneration is reviewable: a small change to the spec makes a small, local change to the
//! output. Each test edits a fixture spec programmatically, generates before and after, and
//! compares file by file and line by line.

use std::collections::BTreeMap;

mod common;

use common::changed_lines;
use generator::Settings;
use serde_yaml::{Mapping, Value};

const FIXTURE: &str = include_str!("fixtures/examples.yaml");

fn spec() -> Value {
    serde_yaml::from_str(FIXTURE).unwrap()
}

/// The generated files of `spec`, by path.
fn generate(spec: &Value) -> BTreeMap<String, String> {
    let text = serde_yaml::to_string(spec).unwrap();
    let settings = Settings::new("fixtures/examples.yaml", "examples");
    let files = generator::generate(&text, &settings).unwrap_or_else(|e| panic!("{e}")).files;
    files.into_iter().map(|file| (file.path, file.contents)).collect()
}

fn schemas(spec: &mut Value) -> &mut Mapping {
    spec["components"]["schemas"].as_mapping_mut().unwrap()
}

#[test]
fn adding_an_optional_property_changes_only_that_struct() {
    let before = spec();
    let mut after = before.clone();
    let order = schemas(&mut after)["Order"]["properties"].as_mapping_mut().unwrap();
    let property = "type: string\ndescription: Who the order is a gift for.";
    order.insert("gift_for".into(), serde_yaml::from_str(property).unwrap());
    let (old, new) = (generate(&before), generate(&after));

    assert_eq!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());
    for (path, old_text) in &old {
        if path != "src/types.rs" {
            assert!(old_text == &new[path], "{path} changed, but only src/types.rs should");
        }
    }
    let new_types = &new["src/types.rs"];
    let (deleted, inserted) = changed_lines(&old["src/types.rs"], new_types);
    let new_lines: Vec<&str> = new_types.lines().collect();
    let start = new_lines.iter().position(|line| *line == "pub struct Order {").unwrap();
    let end = start + new_lines[start..].iter().position(|line| *line == "}").unwrap();
    let (in_struct, in_impls): (Vec<_>, Vec<_>) =
        inserted.iter().partition(|(at, _)| (start..end).contains(at));
    let expected = ["    /// Who the order is a gift for.", "    pub gift_for: Option<String>,"];
    let lines: Vec<&str> = in_struct.iter().map(|(_, line)| line.as_str()).collect();
    assert_eq!(lines, expected, "exactly the field and its docs are added");
    let first = in_struct[0].0;
    assert!(in_struct.iter().enumerate().all(|(i, (at, _))| *at == first + i), "in one block");
    // The block sits inside `struct Order`, right before its closing brace.
    assert!(first + expected.len() == end, "{first} not right before {end}");

    // The rest is within `Order`'s `Serialize` and `DecodeStruct` impls.
    let impl_lines = |opening: &str| {
        let start = new_lines.iter().position(|line| *line == opening).unwrap();
        start..start + new_lines[start..].iter().position(|line| *line == "}").unwrap()
    };
    let (in_encode, in_decode): (Vec<_>, Vec<_>) = in_impls
        .into_iter()
        .partition(|(at, _)| impl_lines("impl serde::Serialize for Order {").contains(at));
    // Its encoding gains the field's count if set, and its write.
    let lines: Vec<&str> = in_encode.iter().map(|(_, line)| line.trim()).collect();
    assert_eq!(
        lines,
        ["self.gift_for.is_some(),", "fields.optional(\"gift_for\", &self.gift_for);"]
    );
    // Its decoding gains the wire name, a slot, the slot's arm and the field's value, and
    // changes the list of slots and the pattern that takes them.
    let decode = impl_lines("impl crate::runtime::DecodeStruct for Order {");
    assert!(in_decode.iter().all(|(at, _)| decode.contains(at)), "{in_decode:?}");
    let lines: Vec<&str> = in_decode.iter().map(|(_, line)| line.trim()).collect();
    assert_eq!(
        lines,
        [
            "\"gift_for\",",
            "let mut slots = (None, None, None, None, None, None);",
            "5 => fields.fill(&mut slots.5),",
            "(Some(slot0), slot1, slot2, slot3, slot4, slot5) => {",
            "gift_for: slot5.flatten(),",
        ]
    );
    let deleted: Vec<&str> = deleted.iter().map(|(_, line)| line.trim()).collect();
    assert_eq!(
        deleted,
        [
            "let mut slots = (None, None, None, None, None);",
            "(Some(slot0), slot1, slot2, slot3, slot4) => {"
        ],
        "only the slots and the pattern that takes them"
    );
}

/// Replaces `from` with `to` where it stands as a whole word (not inside a longer identifier).
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before_ok = !rest[..at].chars().next_back().is_some_and(is_word);
        let after_ok = !rest[at + from.len()..].chars().next().is_some_and(is_word);
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// The top-level items of a prettyplease-formatted file: each runs from its docs and attributes
/// to a column-0 line that closes it (`}`, or an item ending in `;`).
fn items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        current.push_str(line);
        current.push('\n');
        let top_level = !line.starts_with([' ', '#', '/']);
        if top_level && (line == "}" || line.ends_with(';')) {
            items.push(std::mem::take(&mut current));
        }
    }
    items.push(current);
    items
}

#[test]
fn renaming_a_schema_changes_only_the_places_that_use_it() {
    let before = spec();
    let mut after = before.clone();
    // `State` → `Lifecycle`, in place, with every `$ref` to it.
    let renamed: Mapping = schemas(&mut after)
        .iter()
        .map(|(key, value)| match key.as_str() {
            Some("State") => ("Lifecycle".into(), value.clone()),
            _ => (key.clone(), value.clone()),
        })
        .collect();
    *schemas(&mut after) = renamed;
    let text = serde_yaml::to_string(&after)
        .unwrap()
        .replace("'#/components/schemas/State'", "'#/components/schemas/Lifecycle'")
        .replace("\"#/components/schemas/State\"", "\"#/components/schemas/Lifecycle\"")
        .replace("#/components/schemas/State\n", "#/components/schemas/Lifecycle\n");
    assert!(text.contains("#/components/schemas/Lifecycle"), "{text}");
    let after: Value = serde_yaml::from_str(&text).unwrap();
    let (old, new) = (generate(&before), generate(&after));
    assert_eq!(old.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>());

    // What renaming should do to the old text: the type's name, and the test named after its
    // pointer in the examples file.
    let rename = |text: &str| {
        replace_word(text, "State", "Lifecycle").replace(
            "fn components_schemas_state_example",
            "fn components_schemas_lifecycle_example",
        )
    };
    let mentions = |line: &str| line.contains("State") || line.contains("schemas_state");
    for (path, old_text) in &old {
        let new_text = &new[path];
        if path == "src/types.rs" {
            // Types are emitted sorted by name, so the renamed type's items move; every item is
            // otherwise the same, and the items that do not mention it keep their order.
            let mut expected = items(&rename(old_text));
            let mut got = items(new_text);
            let untouched = |items: &[String]| {
                items.iter().filter(|item| !item.contains("Lifecycle")).cloned().collect::<Vec<_>>()
            };
            assert_eq!(untouched(&expected), untouched(&got), "{path}: unrelated items changed");
            expected.sort();
            got.sort();
            assert_eq!(expected, got, "{path}: more changed than the renamed type and its uses");
            continue;
        }
        assert_eq!(&rename(old_text), new_text, "{path}: more changed than the uses of the name");
        let (deleted, inserted) = changed_lines(old_text, new_text);
        assert_eq!(deleted.len(), inserted.len(), "{path}: lines changed in place");
        assert!(deleted.iter().all(|(_, line)| mentions(line)), "{path}: {deleted:?}");
        if !old_text.contains("State") {
            assert!(deleted.is_empty(), "{path} does not use the type, yet changed");
        }
    }
    let changed: Vec<&String> = old.keys().filter(|path| old[*path] != new[*path]).collect();
    assert_eq!(changed, ["src/types.rs", "tests/spec_examples.rs"]);
}
