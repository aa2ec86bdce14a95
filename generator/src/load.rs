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
        None => return Err(error(Location::File, "no `openapi: 3.0.x` field; is this an OpenAPI 3.0 document?".into())),
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut pointer = Pointer::default();
        for segment in e.path().iter() {
            pointer = match segment {
                Segment::Seq { index } => pointer.join(index),
                Segment::Map { key } => pointer.join(key),
                Segment::Enum { .. } | Segment::Unknown => pointer,
            };
        }
        error(Location::Pointer(pointer.as_str().to_owned()), format!("not a valid OpenAPI 3.0 object: {}", e.inner()))
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
        let api = load("a.json", r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#).unwrap();
        assert_eq!(api.info.title, "t");
    }
}
