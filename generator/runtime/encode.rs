//! Encodings of structured values into requests: bracketed pairs (`deepObject` query
//! parameters and form bodies), form bodies and multipart bodies.

use serde_json::Value;

use super::retry::random_u64;

/// `value` under `key` as bracketed `key[inner]=text` pairs: nested objects add further
/// `[key]`s, arrays `[0]`, `[1]`…, and nulls nothing.
pub(crate) fn bracketed(key: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (inner, value) in map {
                bracketed(format!("{key}[{inner}]"), value, out);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                bracketed(format!("{key}[{index}]"), value, out);
            }
        }
        Value::String(text) => out.push((key, text.clone())),
        Value::Bool(_) | Value::Number(_) => out.push((key, value.to_string())),
    }
}

/// An `application/x-www-form-urlencoded` body: each property of `object`, nested values
/// bracketed.
pub(crate) fn form(object: &serde_json::Map<String, Value>) -> String {
    let mut pairs = Vec::new();
    for (key, value) in object {
        bracketed(key.clone(), value, &mut pairs);
    }
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

/// A `multipart/form-data` body and its content type: one part per property of `object`, the
/// text of strings as they are and of other values as JSON; nulls are left out.
pub(crate) fn multipart(object: &serde_json::Map<String, Value>) -> (Vec<u8>, String) {
    let boundary = format!("----------------{:016x}{:016x}", random_u64(), random_u64());
    let mut body = Vec::new();
    for (name, value) in object {
        let text = match value {
            Value::Null => continue,
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        // Quotes and line breaks in a field name are percent-encoded, as browsers do.
        let name = name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
        body.extend_from_slice(
            format!("--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(text.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={boundary}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_values_become_bracketed_pairs_in_order() {
        let value = json!({"status": "active", "owner": {"id": 7, "admin": true},
            "tags": ["a", "b"], "gone": null});
        let mut pairs = Vec::new();
        bracketed("filter".into(), &value, &mut pairs);
        let pairs: Vec<(&str, &str)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("filter[status]", "active"),
                ("filter[owner][id]", "7"),
                ("filter[owner][admin]", "true"),
                ("filter[tags][0]", "a"),
                ("filter[tags][1]", "b"),
            ]
        );
    }

    #[test]
    fn a_form_body_brackets_nested_values_and_escapes_text() {
        let object =
            json!({"amount": 2000, "description": "a & b=c", "metadata": {"order": "6735"}});
        let body = form(object.as_object().unwrap());
        assert_eq!(body, "amount=2000&description=a+%26+b%3Dc&metadata%5Border%5D=6735");
    }

    #[test]
    fn a_multipart_body_has_one_part_per_set_property() {
        let object = json!({"name": "disk \"one\"", "size": 20, "tags": ["a"], "gone": null});
        let (body, content_type) = multipart(object.as_object().unwrap());
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let body = String::from_utf8(body).unwrap();
        let part = |name: &str, text: &str| {
            format!(
                "--{boundary}\r\ncontent-disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
            )
        };
        let expected = [part("name", "disk \"one\""), part("size", "20"), part("tags", "[\"a\"]")]
            .concat()
            + &format!("--{boundary}--\r\n");
        assert_eq!(body, expected);
    }
}
