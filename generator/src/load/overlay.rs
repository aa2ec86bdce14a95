//! Overlay documents (the OpenAPI Overlay Specification 1.0.0): read and checked, every problem
//! named by the overlay file and a JSON pointer inside it, before any action is applied.

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use super::parse;
use crate::error::{Error, Location, Pointer};

/// One overlay document: its file, as shown to people, and its actions in order.
#[derive(Debug)]
pub struct Overlay {
    pub file: String,
    pub actions: Vec<Action>,
}

/// One action of an overlay.
#[derive(Debug)]
pub struct Action {
    /// Its place in the overlay's `actions`.
    pub index: usize,
    /// The target as written.
    pub target: String,
    pub path: JsonPath,
    pub change: Change,
}

/// What an action does to each node its target selects.
#[derive(Debug)]
pub enum Change {
    /// Merged into a selected object, or appended to a selected array.
    Update(Value),
    /// The node is removed from the object or array holding it.
    Remove,
}

/// Targets longer than this, or nesting brackets deeper, are refused before they are parsed, so
/// that no target can exhaust the stack of the JSONPath parser.
const MAX_TARGET_LENGTH: usize = 4096;
const MAX_TARGET_NESTING: usize = 32;

/// Reads the overlay document `text`, shown to people as `file`.
pub fn read(file: &str, text: &str) -> Result<Overlay, Vec<Error>> {
    let error = |pointer: &Pointer, what: String| {
        Error::new(file, Location::Pointer(pointer.clone()), what)
    };
    let document =
        parse::parse(text).map_err(|(location, what)| vec![Error::new(file, location, what)])?;
    let Value::Object(document) = document else {
        let what = "not an overlay document: expected an object with `overlay`, `info` and \
                    `actions`";
        return Err(vec![Error::new(file, Location::File, what)]);
    };
    let root = Pointer::default();
    let mut errors = Vec::new();
    match document.get("overlay") {
        Some(Value::String(version)) if is_version_1_0(version) => {}
        Some(Value::String(version)) => errors.push(error(
            &root.join("overlay"),
            format!("overlay version {version} is not supported; this generator reads 1.0.x"),
        )),
        Some(_) => errors.push(error(&root.join("overlay"), "`overlay` must be a string".into())),
        None => {
            let what = "no `overlay: 1.0.0` field; is this an overlay document?";
            return Err(vec![error(&root, what.into())]);
        }
    }
    unknown_fields(&document, &["overlay", "info", "extends", "actions"], &root, &mut |p, w| {
        errors.push(error(p, w))
    });
    let info = root.join("info");
    match document.get("info") {
        Some(Value::Object(fields)) => {
            for name in ["title", "version"] {
                if !fields.get(name).is_some_and(Value::is_string) {
                    errors.push(error(&info.join(name), format!("`info.{name}` must be a string")));
                }
            }
        }
        Some(_) => errors.push(error(&info, "`info` must be an object".into())),
        None => errors.push(error(&root, "no `info` object with a `title` and `version`".into())),
    }
    if document.get("extends").is_some_and(|extends| !extends.is_string()) {
        errors.push(error(&root.join("extends"), "`extends` must be a string".into()));
    }
    let mut actions = Vec::new();
    match document.get("actions") {
        Some(Value::Array(list)) if !list.is_empty() => {
            for (index, value) in list.iter().enumerate() {
                let at = root.join("actions").join(index);
                match read_action(index, value, &at) {
                    Ok(action) => actions.push(action),
                    Err(problems) => {
                        errors.extend(problems.into_iter().map(|(p, what)| error(&p, what)))
                    }
                }
            }
        }
        Some(_) => errors.push(error(
            &root.join("actions"),
            "`actions` must be a list of at least one action".into(),
        )),
        None => errors.push(error(&root, "no `actions` list".into())),
    }
    if errors.is_empty() {
        Ok(Overlay { file: file.to_owned(), actions })
    } else {
        Err(errors)
    }
}

/// Patch versions do not change what an overlay means.
fn is_version_1_0(version: &str) -> bool {
    version
        .strip_prefix("1.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

fn read_action(
    index: usize,
    value: &Value,
    at: &Pointer,
) -> Result<Action, Vec<(Pointer, String)>> {
    let Value::Object(fields) = value else {
        return Err(vec![(at.clone(), format!("action {index} must be an object"))]);
    };
    let mut problems = Vec::new();
    unknown_fields(fields, &["target", "description", "update", "remove"], at, &mut |p, w| {
        problems.push((p.clone(), format!("action {index}: {w}")))
    });
    if fields.get("description").is_some_and(|d| !d.is_string()) {
        problems.push((
            at.join("description"),
            format!("action {index}: `description` must be a string"),
        ));
    }
    let remove = match fields.get("remove") {
        None => false,
        Some(Value::Bool(remove)) => *remove,
        Some(_) => {
            problems.push((
                at.join("remove"),
                format!("action {index}: `remove` must be `true` or `false`"),
            ));
            false
        }
    };
    let change = match (remove, fields.get("update")) {
        // The specification: `update` has no effect when `remove` is true.
        (true, _) => Some(Change::Remove),
        (false, Some(update)) => Some(Change::Update(update.clone())),
        (false, None) => {
            problems.push((
                at.clone(),
                format!("action {index} does nothing: give it an `update` or `remove: true`"),
            ));
            None
        }
    };
    let target = match fields.get("target") {
        Some(Value::String(target)) => match parse_target(target) {
            Ok(path) => Some((target.clone(), path)),
            Err(what) => {
                problems.push((at.join("target"), format!("action {index}: {what}")));
                None
            }
        },
        Some(_) => {
            problems
                .push((at.join("target"), format!("action {index}: `target` must be a string")));
            None
        }
        None => {
            problems.push((at.clone(), format!("action {index} has no `target`")));
            None
        }
    };
    match (target, change) {
        (Some((target, path)), Some(change)) if problems.is_empty() => {
            Ok(Action { index, target, path, change })
        }
        _ => Err(problems),
    }
}

/// Parses a target as an RFC 9535 JSONPath query.
fn parse_target(target: &str) -> Result<JsonPath, String> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in target.chars() {
        match c {
            '[' | '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if target.len() > MAX_TARGET_LENGTH || deepest > MAX_TARGET_NESTING {
        return Err(format!(
            "the target is longer than {MAX_TARGET_LENGTH} bytes or nests brackets more than \
             {MAX_TARGET_NESTING} deep"
        ));
    }
    JsonPath::parse(target).map_err(|e| {
        format!(
            "`{target}` is not a JSONPath query (RFC 9535): {} at character {}",
            e.message(),
            e.position()
        )
    })
}

/// Reports each field of `object` that is neither in `known` nor an `x-` extension.
fn unknown_fields(
    object: &Map<String, Value>,
    known: &[&str],
    at: &Pointer,
    report: &mut dyn FnMut(&Pointer, String),
) {
    for key in object.keys() {
        if !known.contains(&key.as_str()) && !key.starts_with("x-") {
            let fields = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            report(&at.join(key), format!("unknown field `{key}`; overlay 1.0 knows {fields}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        read("fix.yaml", text).unwrap_err().into_iter().map(|e| e.to_string()).collect()
    }

    const HEAD: &str = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn reads_actions_in_order() {
        let text = format!(
            "{HEAD}actions:\n  - target: $.info\n    update: {{x-a: 1}}\n  - target: $.paths['/a']\n    remove: true\n    update: {{ignored: 1}}\n"
        );
        let overlay = read("fix.yaml", &text).unwrap();
        assert_eq!(overlay.actions.len(), 2);
        assert!(matches!(&overlay.actions[0].change, Change::Update(v) if v["x-a"] == 1));
        assert!(matches!(overlay.actions[1].change, Change::Remove));
        assert_eq!(overlay.actions[1].target, "$.paths['/a']");
        let patch = text.replace("1.0.0", "1.0.7");
        assert!(read("fix.yaml", &patch).is_ok());
    }

    #[test]
    fn problems_name_the_pointer_inside_the_overlay() {
        let wrong = problems(
            "overlay: 1.1.0\ninfo: {title: t}\nactions:\n  - target: $.paths[\n    update: {}\n  - target: $.a\n  - target: $.b\n    copy: $.c\n    remove: true\n",
        );
        assert_eq!(wrong.len(), 5, "{wrong:#?}");
        assert!(wrong[0].starts_with("fix.yaml#/overlay: overlay version 1.1.0 is not supported"));
        assert!(wrong[1].starts_with("fix.yaml#/info/version: "), "{}", wrong[1]);
        assert!(
            wrong[2].starts_with(
                "fix.yaml#/actions/0/target: action 0: `$.paths[` is not a JSONPath query"
            ),
            "{}",
            wrong[2]
        );
        assert!(wrong[3].starts_with("fix.yaml#/actions/1: action 1 does nothing"), "{}", wrong[3]);
        assert!(wrong[4].starts_with("fix.yaml#/actions/2/copy: action 2: unknown field `copy`"));
    }

    #[test]
    fn refuses_what_is_no_overlay() {
        assert!(problems("[1]")[0].starts_with("fix.yaml: not an overlay document"));
        assert!(problems("openapi: 3.0.3\n")[0].contains("no `overlay: 1.0.0` field"));
        let empty = problems(&format!("{HEAD}actions: []\n"));
        assert_eq!(empty, ["fix.yaml#/actions: `actions` must be a list of at least one action"]);
        assert!(problems("a: [")[0].starts_with("fix.yaml:"), "syntax errors carry a line");
    }

    #[test]
    fn deeply_nested_targets_are_refused_before_parsing() {
        let target = format!("$.a{}", "[?@".repeat(5000));
        let text = format!("{HEAD}actions:\n  - target: '{target}'\n    remove: true\n");
        assert!(problems(&text)[0].contains("nests brackets more than 32 deep"));
    }
}
