//! `$ref` strings: which file (relative to the root spec's directory) and which JSON pointer.
//!
//! Only relative file paths are followed, by `confine`'s rule: absolute paths, URLs, paths that
//! climb above the root spec's directory, hidden names (`.env`) and files other than YAML, JSON
//! and Markdown are refused, so a spec can only read its own parts that ship beside it.

use serde_json::Value;

use super::confine;
use crate::error::Pointer;

/// Where a `$ref` points: a file (`/`-separated, relative to the root spec's directory) and a
/// JSON pointer inside it (`""` for the whole file), unescaped into its segments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub file: String,
    pub segments: Vec<String>,
}

impl Target {
    /// The pointer as text, escaped per RFC 6901 (`/components/schemas/A`).
    pub fn pointer(&self) -> String {
        self.segments.iter().map(|s| format!("/{}", Pointer::escape(s))).collect()
    }
}

/// Parses `reference`, written in file `from`, into the target it names.
pub fn parse(reference: &str, from: &str) -> Result<Target, String> {
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let fragment = percent_decode(fragment);
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(format!(
            "$ref `{reference}` has a fragment that is not a JSON pointer; expected `#/…`"
        ));
    }
    let segments = Pointer::keys(&fragment).collect();
    let file = if path.is_empty() { from.to_owned() } else { join(from, reference, path)? };
    Ok(Target { file, segments })
}

/// The path `relative`, written in file `from`, as a path relative to the root spec's directory,
/// if `confine`'s rule lets the spec read it.
fn join(from: &str, reference: &str, relative: &str) -> Result<String, String> {
    confine::join(from, &percent_decode(relative), &format!("$ref `{reference}`"))
}

/// `%20` → ` `; malformed escapes are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The node at `segments` inside `document`.
pub fn lookup<'v>(document: &'v Value, segments: &[String]) -> Option<&'v Value> {
    lookup_within(document, segments, 0)
}

/// How many references one lookup follows before it gives up on a cycle.
const MAX_HOPS: usize = 64;

/// `lookup`, following local references met on the way: a pointer through an alias
/// (`#/components/schemas/Alias/properties/kind`, where `Alias` is a `$ref`) reaches what the
/// alias names.
fn lookup_within<'v>(document: &'v Value, segments: &[String], hops: usize) -> Option<&'v Value> {
    let mut node = document;
    for segment in segments {
        if let Some(reference) = reference_of(node).filter(|r| r.starts_with('#')) {
            if hops >= MAX_HOPS {
                return None;
            }
            let target = parse(reference, "").ok()?;
            node = lookup_within(document, &target.segments, hops + 1)?;
        }
        node = match node {
            Value::Object(map) => map.get(segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The `$ref` of a node that is a reference object.
pub fn reference_of(node: &Value) -> Option<&str> {
    node.as_object()?.get("$ref")?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(file: &str, pointer: &[&str]) -> Target {
        Target { file: file.into(), segments: pointer.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn relative_paths_are_relative_to_the_referring_file() {
        let from = "resources/images/images_list.yml";
        assert_eq!(
            parse("models/image.yml", from),
            Ok(target("resources/images/models/image.yml", &[]))
        );
        assert_eq!(
            parse("../../shared.yaml#/components/schemas/X", from),
            Ok(target("shared.yaml", &["components", "schemas", "X"]))
        );
        assert_eq!(parse("./a%20b.yml#/x~1y/0", "root.yaml"), Ok(target("a b.yml", &["x/y", "0"])));
        assert_eq!(
            parse("#/components/schemas/A", from),
            Ok(target(from, &["components", "schemas", "A"]))
        );
    }

    #[test]
    fn escaping_refs_are_refused() {
        for reference in
            ["/etc/passwd", "https://example.com/a.yaml", "../up.yaml", "C:/a.yaml", "a.yml#x"]
        {
            assert!(parse(reference, "root.yaml").is_err(), "{reference}");
        }
    }

    #[test]
    fn pointers_escape_again() {
        assert_eq!(target("a", &["paths", "/v2/images"]).pointer(), "/paths/~1v2~1images");
    }
}
