//! Spec text → `openapiv3::OpenAPI`: the only place that sees raw YAML or JSON.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::error::{Error, Location, Pointer};

/// Parses a YAML or JSON document (JSON is YAML) into an OpenAPI 3.0 description.
pub fn load(file: &str, text: &str) -> Result<OpenAPI, Error> {
    let error = |location, what: String| Error { file: file.to_owned(), location, what };
    let value: serde_json::Value = serde_yaml::from_str(text).map_err(|e| {
        let location = match e.location() {
            Some(at) => Location::LineColumn { line: at.line(), column: at.column() },
            None => Location::File,
        };
        error(location, format!("not valid YAML or JSON: {}", strip_location(&e.to_string())))
    })?;
    match value.get("openapi").and_then(|v| v.as_str()) {
        Some(version) if version.starts_with("3.0") => {}
        Some(version) => {
            return Err(error(
                Location::Pointer("/openapi".into()),
                format!("OpenAPI version {version} is not supported; this generator reads 3.0.x"),
            ))
        }
        None => {
            return Err(error(
                Location::File,
                "no `openapi: 3.0.x` field; is this an OpenAPI 3.0 document?".into(),
            ))
        }
    }
    deserialize::<OpenAPI>(&value, Pointer::default()).map_err(|(pointer, what)| {
        // `openapiv3` flattens maps such as `paths`, which hides where inside them deserialising
        // failed; trying the entries one by one finds the entry.
        let (pointer, what) = narrow(&value).unwrap_or((pointer, what));
        error(
            Location::Pointer(pointer.as_str().to_owned()),
            format!("not a valid OpenAPI 3.0 object: {what}"),
        )
    })
}

/// A failure to deserialise: where, and what serde said.
type Failure = (Pointer, String);

fn deserialize<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    at: Pointer,
) -> Result<T, Failure> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = at;
        for segment in e.path().iter() {
            pointer = match segment {
                Segment::Seq { index } => pointer.join(index),
                Segment::Map { key } => pointer.join(key),
                Segment::Enum { .. } | Segment::Unknown => pointer,
            };
        }
        (pointer, e.into_inner().to_string())
    })
}

/// The first bad entry among the paths and components, with its own pointer.
fn narrow(value: &serde_json::Value) -> Option<Failure> {
    use openapiv3::{Parameter, PathItem, RequestBody, Response, Schema};
    let entries = |section: &[&str]| {
        let mut pointer = Pointer::default();
        let mut node = value;
        for key in section {
            pointer = pointer.join(key);
            node = node.get(key)?;
        }
        Some(node.as_object()?.iter().map(move |(key, entry)| (pointer.join(key), entry)))
    };
    let first = |section: &[&str],
                 check: fn(&serde_json::Value, Pointer) -> Result<(), Failure>| {
        // A `$ref` entry is checked where it points; `ReferenceOr` would hide the path anyway.
        entries(section)?
            .filter(|(_, entry)| entry.get("$ref").is_none())
            .find_map(|(pointer, entry)| check(entry, pointer).err())
    };
    first(&["paths"], |v, p| deserialize::<PathItem>(v, p).map(drop))
        .or_else(|| first(&["components", "schemas"], |v, p| deserialize::<Schema>(v, p).map(drop)))
        .or_else(|| {
            first(&["components", "parameters"], |v, p| deserialize::<Parameter>(v, p).map(drop))
        })
        .or_else(|| {
            first(&["components", "responses"], |v, p| deserialize::<Response>(v, p).map(drop))
        })
        .or_else(|| {
            first(&["components", "requestBodies"], |v, p| {
                deserialize::<RequestBody>(v, p).map(drop)
            })
        })
}

/// serde_yaml appends " at line L column C"; the location is reported separately.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_syntax_errors_carry_line_and_column() {
        let error = load("bad.yaml", "openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert_eq!(error.file, "bad.yaml");
        assert!(matches!(error.location, Location::LineColumn { line: 3, .. }), "{error}");
        assert!(error.what.starts_with("not valid YAML or JSON"), "{error}");
    }

    #[test]
    fn wrong_shapes_carry_a_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = load("bad.yaml", text).unwrap_err();
        assert_eq!(error.location, Location::Pointer("/paths/~1a/get/responses".into()), "{error}");
    }

    #[test]
    fn other_versions_are_refused_by_name() {
        let error = load("v31.json", r#"{"openapi": "3.1.0"}"#).unwrap_err();
        assert!(error.what.contains("3.1.0"), "{error}");
        assert!(load("x.yaml", "swagger: '2.0'").unwrap_err().what.contains("openapi"));
    }

    #[test]
    fn json_loads_too() {
        let api = load(
            "a.json",
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        )
        .unwrap();
        assert_eq!(api.info.title, "t");
    }
}
