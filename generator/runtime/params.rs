//! Parameter values as the texts they are sent as, by serde: one encoder for every type, so
//! a union of scalars sends its chosen variant, and one that may be one value or several
//! (`oneOf: [string, array of strings]`) sends whichever it holds.

use serde::Serialize;
use serde_json::Value;

use super::Error;

/// How a query parameter's values are spelled out.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Style {
    /// `name=a&name=b` (`form`, exploded).
    Repeated,
    /// `name=a,b`: one value joined with this separator (`form` unexploded, `spaceDelimited`,
    /// `pipeDelimited`).
    Joined(&'static str),
    /// `name[key][inner]=value` (`deepObject`).
    DeepObject,
}

/// `value` as JSON, the one generic step; everything after it is shared.
pub(crate) fn to_json(name: &str, value: &impl Serialize) -> Result<Value, Error> {
    serde_json::to_value(value)
        .map_err(|e| Error::InvalidRequest(format!("parameter {name} does not serialise: {e}")))
}

/// The texts of a parameter's value: none for `null`, one for a scalar, one per item for an
/// array. An object, or an array inside an array, has no such form and is refused.
pub(crate) fn texts(name: &str, value: Value) -> Result<Vec<String>, Error> {
    match value {
        Value::Array(items) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Array(_) | Value::Object(_) => return Err(not_text(name)),
                    Value::Null => {}
                    scalar => texts.push(scalar_text(scalar)),
                }
            }
            Ok(texts)
        }
        Value::Object(_) => Err(not_text(name)),
        Value::Null => Ok(Vec::new()),
        scalar => Ok(vec![scalar_text(scalar)]),
    }
}

/// The texts of `value`, joined with `,` (path, header and cookie values); `None` for `null`.
pub(crate) fn joined(name: &str, value: Value) -> Result<Option<String>, Error> {
    if value.is_null() {
        return Ok(None);
    }
    Ok(Some(texts(name, value)?.join(",")))
}

fn scalar_text(scalar: Value) -> String {
    match scalar {
        Value::String(text) => text,
        other => other.to_string(),
    }
}

fn not_text(name: &str) -> Error {
    Error::InvalidRequest(format!(
        "parameter {name} holds an object or nested array, which has no text form"
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn scalars_give_one_text_arrays_one_per_item_and_null_none() {
        assert_eq!(texts("q", json!("a b")).unwrap(), ["a b"]);
        assert_eq!(texts("q", json!(7)).unwrap(), ["7"]);
        assert_eq!(texts("q", json!(true)).unwrap(), ["true"]);
        assert_eq!(texts("q", json!(["a", 2, null, false])).unwrap(), ["a", "2", "false"]);
        assert!(texts("q", Value::Null).unwrap().is_empty());
        assert_eq!(joined("q", json!(["a", "b"])).unwrap().as_deref(), Some("a,b"));
        assert_eq!(joined("q", Value::Null).unwrap(), None);
    }

    #[test]
    fn objects_and_nested_arrays_are_refused() {
        assert!(texts("q", json!({"a": 1})).is_err());
        assert!(texts("q", json!([["a"]])).is_err());
        assert!(texts("q", json!([{"a": 1}])).is_err());
    }
}
