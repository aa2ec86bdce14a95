//! The specs of `bench-scale`: `spec/images.yaml` copied n times into one document, every name
//! the spec defines given the copy's number (`Image` → `Image7`, `/v2/images` → `/c7/v2/images`),
//! so the copies grow like one real API rather than collide.

use serde_json::{Map, Value};

/// `copies` copies of everything in `images` under new names, in one spec.
pub fn copies_of(images: &Value, copies: usize) -> Value {
    let mut spec = images.clone();
    let mut paths = Map::new();
    let mut components: Map<String, Value> = Map::new();
    let mut tags = Vec::new();
    for copy in 1..=copies {
        let renamed = rename(images, copy);
        paths.extend(renamed["paths"].as_object().cloned().unwrap_or_default());
        for (section, entries) in renamed["components"].as_object().cloned().unwrap_or_default() {
            let target = components.entry(section).or_insert_with(|| Value::Object(Map::new()));
            if let (Value::Object(target), Value::Object(entries)) = (target, entries) {
                target.extend(entries);
            }
        }
        // Ten copies share a tag, so groups grow like a real API's rather than one per copy.
        if copy % 10 == 1 || copies == 1 {
            tags.extend(renamed["tags"].as_array().cloned().unwrap_or_default());
        }
    }
    spec["paths"] = Value::Object(paths);
    spec["components"] = Value::Object(components);
    spec["tags"] = Value::Array(tags);
    spec
}

/// A copy of `value` in which names defined by the spec carry the suffix of copy `copy`.
fn rename(value: &Value, copy: usize) -> Value {
    let suffix = |name: &str| format!("{name}{copy}");
    let tag = |name: &str| format!("{name} {}", (copy - 1) / 10 + 1);
    let mut spec = value.clone();
    if let Some(Value::Object(paths)) = spec.get_mut("paths") {
        let renamed =
            std::mem::take(paths).into_iter().map(|(path, item)| (format!("/c{copy}{path}"), item));
        *paths = renamed.collect();
    }
    if let Some(Value::Object(components)) = spec.get_mut("components") {
        for (section, entries) in components.iter_mut() {
            if section == "securitySchemes" {
                continue;
            }
            if let Value::Object(entries) = entries {
                *entries =
                    std::mem::take(entries).into_iter().map(|(k, v)| (suffix(&k), v)).collect();
            }
        }
    }
    if let Some(Value::Array(tags)) = spec.get_mut("tags") {
        for entry in tags {
            if let Some(Value::String(name)) = entry.get_mut("name") {
                *name = tag(name);
            }
        }
    }
    walk(&mut spec, &mut |key, value| match (key, value) {
        ("$ref", Value::String(reference)) if reference.starts_with("#/components/") => {
            *reference = suffix(reference)
        }
        ("operationId", Value::String(id)) => *id = format!("{id}_{copy}"),
        ("tags", Value::Array(names)) => {
            for name in names.iter_mut() {
                if let Value::String(text) = name {
                    *text = tag(text);
                }
            }
        }
        _ => {}
    });
    spec
}

/// Calls `visit` on every key and value under `value`, outermost first.
fn walk(value: &mut Value, visit: &mut dyn FnMut(&str, &mut Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                visit(key, child);
                walk(child, visit);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, visit)),
        _ => {}
    }
}
