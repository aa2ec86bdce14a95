//! Parameter values as the texts they are sent as, by serde: one encoder for every type, so
//! a union of scalars sends its chosen variant, and one that may be one value or several
//! (`oneOf: [string, array of strings]`) sends whichever it holds.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::Error;

/// Everything but RFC 3986's unreserved characters is escaped, `/` included, so a value
/// stays one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

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

/// How a path parameter's value is spelled out (OpenAPI's path styles).
#[derive(Debug, Clone, Copy)]
pub(crate) enum PathStyle {
    /// `a,b`.
    Simple,
    /// `.a,b`, or exploded `.a.b`.
    Label { explode: bool },
    /// `;name=a,b`, or exploded `;name=a;name=b`; `;name` when there is no value.
    Matrix { explode: bool },
}

/// A parameter sent as the JSON text of its value (`content: {application/json: …}`): to every
/// encoder it is that text, a string.
pub(crate) struct AsJson<'v, T: ?Sized>(pub(crate) &'v T);

impl<T: Serialize + ?Sized> Serialize for AsJson<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

/// The path parameter `name` as the text that stands in the path, every value escaped.
pub(crate) fn path_text(name: &str, style: PathStyle, value: Value) -> Result<String, Error> {
    let texts = texts(name, value)?;
    let escaped: Vec<String> =
        texts.iter().map(|text| utf8_percent_encode(text, SEGMENT).to_string()).collect();
    let text = match style {
        PathStyle::Simple => escaped.join(","),
        PathStyle::Label { explode } => {
            format!(".{}", escaped.join(if explode { "." } else { "," }))
        }
        PathStyle::Matrix { explode } => {
            let key = utf8_percent_encode(name, SEGMENT).to_string();
            let pair = |text: &str| match text {
                "" => format!(";{key}"),
                text => format!(";{key}={text}"),
            };
            if explode && !escaped.is_empty() {
                escaped.iter().map(|text| pair(text)).collect()
            } else {
                pair(&escaped.join(","))
            }
        }
    };
    // Empty, `.` and `..` segments would address another resource once the URL is normalised.
    if matches!(text.as_str(), "" | "." | "..") {
        return Err(Error::InvalidRequest(format!("{text:?} cannot be the path parameter {name}")));
    }
    Ok(text)
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
    fn path_styles_follow_openapis_table() {
        use PathStyle::*;
        let path = |style, value| path_text("id", style, value).unwrap();
        assert_eq!(path(Simple, json!(["a/b", 5])), "a%2Fb,5");
        assert_eq!(path(Label { explode: false }, json!("v")), ".v");
        assert_eq!(path(Label { explode: false }, json!(["a", "b"])), ".a,b");
        assert_eq!(path(Label { explode: true }, json!(["a", "b"])), ".a.b");
        assert_eq!(path(Label { explode: true }, json!(["a.b;c"])), ".a.b%3Bc");
        assert_eq!(path(Matrix { explode: false }, json!(5)), ";id=5");
        assert_eq!(path(Matrix { explode: false }, json!(["a", "b"])), ";id=a,b");
        assert_eq!(path(Matrix { explode: true }, json!(["a", "b"])), ";id=a;id=b");
        assert_eq!(path(Matrix { explode: true }, json!([])), ";id");
        assert_eq!(path(Matrix { explode: false }, json!("x;id=y")), ";id=x%3Bid%3Dy");
        assert_eq!(path_text("a b", Matrix { explode: false }, json!(1)).unwrap(), ";a%20b=1");
    }

    #[test]
    fn path_values_that_would_leave_their_segment_are_refused() {
        use PathStyle::*;
        for (style, value) in [
            (Simple, json!("")),
            (Simple, json!("..")),
            (Simple, json!([])),
            (Label { explode: false }, json!("")),
            (Label { explode: true }, json!([])),
            (Label { explode: false }, json!(".")),
        ] {
            assert!(path_text("id", style, value.clone()).is_err(), "{style:?} {value}");
        }
    }

    #[test]
    fn a_json_parameter_is_the_json_text_of_its_value() {
        let value = json!({"a": 1, "b": ["x", null]});
        assert_eq!(to_json("f", &AsJson(&value)).unwrap(), json!(r#"{"a":1,"b":["x",null]}"#));
        assert_eq!(texts("f", to_json("f", &AsJson(&"s")).unwrap()).unwrap(), [r#""s""#]);
    }

    #[test]
    fn objects_and_nested_arrays_are_refused() {
        assert!(texts("q", json!({"a": 1})).is_err());
        assert!(texts("q", json!([["a"]])).is_err());
        assert!(texts("q", json!([{"a": 1}])).is_err());
    }
}
