//! How an overlay's `update` changes a node: merged into an object, appended to an array.
//!
//! Overlay 1.0.0 says that the update's properties are merged recursively into the selected
//! object and that an update of a selected array is one more entry; 1.1.0 spells the recursion
//! out, which is what happens here: a property only in the update is added; where both have
//! it, a primitive (or `null`) replaces a primitive, an array is concatenated with an array, an
//! object is merged into an object, and any other pair is an error.

use serde_json::Value;

/// A node the merge put in: its path below the merged node, and the path of the value it came
/// from below the update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    pub at: Vec<String>,
    pub from: Vec<String>,
}

/// Why an update does not fit: the path below the update, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub at: Vec<String>,
    pub what: String,
}

/// Applies `update` to the object or array `node`, returning what it inserted. On a conflict
/// `node` may be changed in part, so callers merge into a copy.
pub fn update(node: &mut Value, update: &Value) -> Result<Vec<Inserted>, Conflict> {
    match node {
        Value::Array(items) => {
            items.push(update.clone());
            Ok(vec![Inserted { at: vec![(items.len() - 1).to_string()], from: Vec::new() }])
        }
        Value::Object(_) if !update.is_object() => Err(Conflict {
            at: Vec::new(),
            what: format!("an update of an object must be an object, not {}", kind(update)),
        }),
        Value::Object(_) => {
            let mut inserted = Vec::new();
            merge(node, update, &mut Vec::new(), &mut inserted)?;
            Ok(inserted)
        }
        other => Err(Conflict {
            at: Vec::new(),
            what: format!("only objects and arrays can be updated, not {}", kind(other)),
        }),
    }
}

/// Merges the object `update` into the object `node`, which sit at `path` below the merge.
fn merge(
    node: &mut Value,
    update: &Value,
    path: &mut Vec<String>,
    inserted: &mut Vec<Inserted>,
) -> Result<(), Conflict> {
    let (Value::Object(node), Value::Object(update)) = (node, update) else { return Ok(()) };
    for (key, new) in update {
        path.push(key.clone());
        match node.get_mut(key) {
            None => {
                node.insert(key.clone(), new.clone());
                inserted.push(Inserted { at: path.clone(), from: path.clone() });
            }
            Some(old) if old.is_object() && new.is_object() => merge(old, new, path, inserted)?,
            Some(Value::Array(items)) if new.is_array() => {
                for (offset, item) in new.as_array().into_iter().flatten().enumerate() {
                    let mut at = path.clone();
                    at.push(items.len().to_string());
                    let mut from = path.clone();
                    from.push(offset.to_string());
                    items.push(item.clone());
                    inserted.push(Inserted { at, from });
                }
            }
            Some(old) if is_primitive(old) && is_primitive(new) => {
                *old = new.clone();
                inserted.push(Inserted { at: path.clone(), from: path.clone() });
            }
            Some(old) => {
                return Err(Conflict {
                    at: path.clone(),
                    what: format!("cannot merge {} into {}", kind(new), kind(old)),
                })
            }
        }
        path.pop();
    }
    Ok(())
}

fn is_primitive(value: &Value) -> bool {
    !value.is_object() && !value.is_array()
}

/// A value's kind in words, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn path(segments: &[&str]) -> Vec<String> {
        segments.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn objects_merge_recursively_and_primitives_are_replaced() {
        let mut node = json!({"a": {"b": 1, "keep": true}, "s": "old", "n": null, "list": [1]});
        let inserted = update(
            &mut node,
            &json!({"a": {"b": 2, "c": {"d": 3}}, "s": null, "n": "new", "list": [2, 3], "e": 4}),
        )
        .unwrap();
        assert_eq!(
            node,
            json!({"a": {"b": 2, "keep": true, "c": {"d": 3}}, "s": null, "n": "new", "list": [1, 2, 3], "e": 4})
        );
        let at: Vec<Vec<String>> = inserted.iter().map(|i| i.at.clone()).collect();
        assert_eq!(
            at,
            [
                path(&["a", "b"]),
                path(&["a", "c"]),
                path(&["s"]),
                path(&["n"]),
                path(&["list", "1"]),
                path(&["list", "2"]),
                path(&["e"])
            ]
        );
        // An appended item remembers its own place in the update, not in the array.
        assert_eq!(inserted[5].from, path(&["list", "1"]));
    }

    #[test]
    fn an_update_of_an_array_is_one_more_entry() {
        let mut node = json!([{"name": "a"}]);
        let inserted = update(&mut node, &json!({"name": "b"})).unwrap();
        assert_eq!(node, json!([{"name": "a"}, {"name": "b"}]));
        assert_eq!(inserted, [Inserted { at: path(&["1"]), from: vec![] }]);
        // Overlay 1.0 appends the update as it is, even when it is an array itself.
        update(&mut node, &json!([1])).unwrap();
        assert_eq!(node[2], json!([1]));
    }

    #[test]
    fn mismatched_kinds_are_conflicts_at_their_path_in_the_update() {
        let mut node = json!({"schema": {"type": "string"}, "tags": ["a"]});
        let conflict =
            update(&mut node.clone(), &json!({"schema": {"type": {"x": 1}}})).unwrap_err();
        assert_eq!(conflict.at, path(&["schema", "type"]));
        assert_eq!(conflict.what, "cannot merge an object into a string");
        let conflict = update(&mut node.clone(), &json!({"tags": "b"})).unwrap_err();
        assert_eq!(
            (conflict.at, conflict.what.as_str()),
            (path(&["tags"]), "cannot merge a string into an array")
        );
        let conflict = update(&mut node, &json!(["x"])).unwrap_err();
        assert!(
            conflict.at.is_empty() && conflict.what.contains("must be an object, not an array")
        );
        assert!(update(&mut json!("text"), &json!({})).unwrap_err().what.contains("not a string"));
    }
}
