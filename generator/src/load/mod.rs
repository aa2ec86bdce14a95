//! Spec text → `openapiv3::OpenAPI`: the only place that sees raw YAML or JSON, and the only
//! place that follows `$ref`s into other files.
//!
//! The steps: `parse` (text → JSON value), the `overlay`s `apply`'d to the files as read,
//! `bundle` (other files' parts copied in, every reference made local, each schema
//! `normalise`d), for OpenAPI 3.1 `openapi31` (the document rewritten as 3.0), the keys of
//! `paths` that `openapiv3` would drop (`paths`), then `openapiv3` deserialisation.

mod apply;
mod bundle;
pub(crate) mod confine;
mod cycles;
mod edits;
mod kinds;
mod merge;
mod normalise;
mod openapi31;
mod origins;
mod overlay;
mod parse;
mod paths;
mod refs;

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use self::bundle::Bundler;
use self::edits::Edits;
use self::origins::Origins;
use crate::error::{Error, Errors, Location, Pointer};
use crate::{Files, Overlay};

/// A loaded spec, where the parts copied from other files came from, what overlays changed, and
/// the problems that do not stop generation (such as 3.1 keywords no Rust type expresses), at
/// bundled pointers.
#[derive(Debug)]
pub struct Loaded {
    pub spec: OpenAPI,
    origins: Origins,
    edits: Edits,
    pub warnings: Vec<Error>,
}

impl Loaded {
    /// `error`, found in the bundled document (named `root`), moved to the file and pointer the
    /// user wrote: a spec part, or the overlay that inserted the node.
    pub fn locate(&self, root: &str, error: Error) -> Error {
        self.edits.locate(self.origins.locate(root, error))
    }
}

/// Parses the root document `text` (shown to people as `file`), reading the files it refers to
/// through `files`, applies `overlays` in order, and gives an OpenAPI 3.0 description (3.1
/// documents are rewritten as 3.0).
pub fn load(
    file: &str,
    text: &str,
    files: &dyn Files,
    overlays: &[Overlay],
) -> Result<Loaded, Errors> {
    let error = |location, what: String| Error::new(file, location, what);
    let value = parse::parse(text).map_err(|(location, what)| error(location, what))?;
    let version_31 = match value.get("openapi").and_then(|v| v.as_str()) {
        Some(version) if version.starts_with("3.0") => false,
        Some(version) if openapi31::is_31(version) => true,
        Some(version) => {
            return Err(error(
                Location::Pointer("/openapi".into()),
                format!(
                "OpenAPI version {version} is not supported; this generator reads 3.0.x and 3.1.x"
            ),
            )
            .into())
        }
        None => {
            return Err(error(
                Location::File,
                "no `openapi: 3.0.x` or `3.1.x` field; is this an OpenAPI 3 document?".into(),
            )
            .into())
        }
    };
    let (directory, name) = file.rsplit_once('/').unwrap_or(("", file));
    let mut bundler = Bundler::new(value, name, directory, files);
    let mut edits = Edits::default();
    if !overlays.is_empty() {
        let mut read = Vec::new();
        let mut errors = Vec::new();
        for overlay in overlays {
            match overlay::read(&overlay.path, &overlay.text) {
                Ok(overlay) => read.push(overlay),
                Err(problems) => errors.extend(problems),
            }
        }
        if errors.is_empty() {
            errors = apply::apply(&mut bundler, &read, &mut edits);
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
    }
    let mut bundled = bundler.finish();
    if !bundled.errors.is_empty() {
        return Err(Errors(bundled.errors.into_iter().map(|e| edits.locate(e)).collect()));
    }
    let mut value = bundled.document;
    let warnings = match version_31 {
        true => openapi31::convert(&mut value, &mut bundled.origins, file),
        false => Vec::new(),
    };
    let locate = |pointer: Pointer, what: String| {
        let at = error(Location::Pointer(pointer.clone()), what);
        edits.locate(bundled.origins.locate(file, at))
    };
    // Never an operation left out without a word.
    let dropped: Vec<Error> =
        paths::dropped(&value).into_iter().map(|(pointer, what)| locate(pointer, what)).collect();
    let spec = deserialize::<OpenAPI>(&value, Pointer::default()).map_err(|first| {
        // `openapiv3` stops at the first problem and flattens maps such as `paths`, which hides
        // where inside them it failed; trying the entries one by one finds each bad entry.
        let mut failures = bad_entries(&value);
        if failures.is_empty() {
            failures.push(first);
        }
        let errors = failures
            .into_iter()
            .map(|(pointer, what)| locate(pointer, format!("not a valid OpenAPI object: {what}")));
        Errors(dropped.iter().cloned().chain(errors).collect())
    })?;
    if !dropped.is_empty() {
        return Err(Errors(dropped));
    }
    Ok(Loaded { spec, origins: bundled.origins, edits, warnings })
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

/// Every bad entry among the paths and components, each with its own pointer.
fn bad_entries(value: &serde_json::Value) -> Vec<Failure> {
    use openapiv3::{Header, Parameter, PathItem, RequestBody, Response, Schema};
    type Check = fn(&serde_json::Value, Pointer) -> Result<(), Failure>;
    let sections: [(&[&str], Check); 6] = [
        (&["paths"], |v, p| deserialize::<PathItem>(v, p).map(drop)),
        (&["components", "schemas"], |v, p| deserialize::<Schema>(v, p).map(drop)),
        (&["components", "parameters"], |v, p| deserialize::<Parameter>(v, p).map(drop)),
        (&["components", "responses"], |v, p| deserialize::<Response>(v, p).map(drop)),
        (&["components", "requestBodies"], |v, p| deserialize::<RequestBody>(v, p).map(drop)),
        (&["components", "headers"], |v, p| deserialize::<Header>(v, p).map(drop)),
    ];
    let mut failures = Vec::new();
    for (section, check) in sections {
        let mut pointer = Pointer::default();
        let mut node = Some(value);
        for key in section {
            pointer = pointer.join(key);
            node = node.and_then(|node| node.get(key));
        }
        let Some(entries) = node.and_then(serde_json::Value::as_object) else { continue };
        for (key, entry) in entries {
            // A `$ref` entry is checked where it points; `ReferenceOr` would hide the path anyway.
            if entry.get("$ref").is_none() {
                failures.extend(check(entry, pointer.join(key)).err());
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files for tests: a list of paths and texts.
    pub fn files(list: &[(&str, &str)]) -> impl Files {
        let list: Vec<(String, String)> =
            list.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect();
        move |path: &str| {
            list.iter()
                .find(|(p, _)| p == path)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| "no such file".to_owned())
        }
    }

    fn load_one(file: &str, text: &str) -> Result<Loaded, Error> {
        load(file, text, &files(&[]), &[]).map_err(|mut errors| {
            assert_eq!(errors.0.len(), 1, "{errors}");
            errors.0.remove(0)
        })
    }

    #[test]
    fn yaml_syntax_errors_carry_line_and_column() {
        let error = load_one("bad.yaml", "openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert_eq!(error.file, "bad.yaml");
        assert!(matches!(error.location, Location::LineColumn { line: 3, .. }), "{error}");
    }

    #[test]
    fn wrong_shapes_carry_a_pointer() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = load_one("bad.yaml", text).unwrap_err();
        assert_eq!(error.location, Location::Pointer("/paths/~1a/get/responses".into()), "{error}");
    }

    #[test]
    fn other_versions_are_refused_by_name() {
        let error = load_one("v32.json", r#"{"openapi": "3.2.0"}"#).unwrap_err();
        assert!(error.what.contains("3.2.0"), "{error}");
        let error = load_one("v310.json", r#"{"openapi": "3.10.0"}"#).unwrap_err();
        assert!(error.what.contains("3.10.0"), "{error}");
        assert!(load_one("x.yaml", "swagger: '2.0'").unwrap_err().what.contains("openapi"));
    }

    #[test]
    fn json_loads_too() {
        let loaded = load_one(
            "a.json",
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
        )
        .unwrap();
        assert_eq!(loaded.spec.info.title, "t");
    }
}
