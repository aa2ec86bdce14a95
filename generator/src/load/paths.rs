//! The keys of `paths` and of each path item, checked before `openapiv3` reads them, since it
//! drops without a word what it does not know, and the operations with it: a path that does not
//! start with `/` (`@evil.example/steal`, which appended to `https://api.example.com` would name
//! another host), and a path item's field that is no method it knows (`GET`).

use serde_json::Value;

use crate::error::Pointer;

/// The fixed fields of a path item; any other is an extension (`x-…`) or a mistake.
const FIELDS: [&str; 13] = [
    "$ref",
    "summary",
    "description",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "servers",
    "parameters",
];

/// Every path and path item field of `document` (bundled, so every path item is in place) that
/// `openapiv3` would drop, at its pointer, with why.
pub fn dropped(document: &Value) -> Vec<(Pointer, String)> {
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let at = Pointer::default().join("paths");
    let mut found = Vec::new();
    for (path, item) in paths.iter().filter(|(key, _)| !key.starts_with("x-")) {
        if !path.starts_with('/') {
            let what = format!(
                "path `{path}` does not start with `/`: a path is appended to the server's URL, \
                 so without its `/` it could name another host; OpenAPI requires the `/`"
            );
            found.push((at.join(path), what));
            continue;
        }
        // A path item of the wrong shape is `openapiv3`'s to report.
        let Some(item) = item.as_object() else { continue };
        for field in item.keys() {
            if !field.starts_with("x-") && !FIELDS.contains(&field.as_str()) {
                let what = format!(
                    "`{field}` is not a field of a path item, and its operation would be left \
                     out; methods are written in lower case (`get`, `put`, `post`, `delete`, \
                     `options`, `head`, `patch`, `trace`)"
                );
                found.push((at.join(path).join(field), what));
            }
        }
    }
    found
}
