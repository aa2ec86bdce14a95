//! What a schema says about its values that the Rust type cannot: ranges, lengths, item counts,
//! patterns and formats, as one line of docs (`From 1 to 200.`). The client does not check them;
//! the server does, and the docs tell the caller what it will accept.

use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

/// The schema's constraints as sentences, or `None` when it has none worth saying.
pub(super) fn constraints(schema: &Schema) -> Option<String> {
    let mut said: Vec<String> = Vec::new();
    match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            let bound = |value: Option<i64>, exclusive| value.map(|v| (v.to_string(), exclusive));
            said.extend(range(
                bound(integer.minimum, integer.exclusive_minimum),
                bound(integer.maximum, integer.exclusive_maximum),
            ));
            said.extend(integer.multiple_of.map(|step| format!("A multiple of {step}.")));
        }
        SchemaKind::Type(Type::Number(number)) => {
            let bound = |value: Option<f64>, exclusive| value.map(|v| (v.to_string(), exclusive));
            said.extend(range(
                bound(number.minimum, number.exclusive_minimum),
                bound(number.maximum, number.exclusive_maximum),
            ));
            said.extend(number.multiple_of.map(|step| format!("A multiple of {step}.")));
        }
        SchemaKind::Type(Type::String(string)) => {
            said.extend(count(string.min_length, string.max_length, "character", "characters"));
            said.extend(
                string.pattern.as_deref().map(|pattern| {
                    format!("Matches the pattern {}.", super::schema::code(pattern))
                }),
            );
            let format = match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte (base64)"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
                // Dates and times are typed as such.
                VariantOrUnknownOrEmpty::Item(StringFormat::Date | StringFormat::DateTime)
                | VariantOrUnknownOrEmpty::Empty => None,
            };
            said.extend(format.map(|format| format!("Format: {}.", super::schema::code(format))));
        }
        SchemaKind::Type(Type::Array(array)) => {
            said.extend(count(array.min_items, array.max_items, "item", "items"));
            if array.unique_items {
                said.push("No item may appear twice.".to_owned());
            }
        }
        SchemaKind::Type(Type::Object(object)) => {
            said.extend(count(
                object.min_properties,
                object.max_properties,
                "property",
                "properties",
            ));
        }
        _ => {}
    }
    (!said.is_empty()).then(|| said.join(" "))
}

/// `From 1 to 200.`, `At least 1.`, `Greater than 0 and at most 10.`, from the two bounds, each
/// with whether it is exclusive.
fn range(min: Option<(String, bool)>, max: Option<(String, bool)>) -> Option<String> {
    let lower = min.map(|(value, exclusive)| {
        if exclusive {
            format!("greater than {value}")
        } else {
            format!("at least {value}")
        }
    });
    let upper =
        max.map(
            |(value, exclusive)| {
                if exclusive {
                    format!("less than {value}")
                } else {
                    format!("at most {value}")
                }
            },
        );
    let text = match (lower, upper) {
        (Some(lower), Some(upper)) => {
            match (lower.strip_prefix("at least "), upper.strip_prefix("at most ")) {
                (Some(from), Some(to)) if from == to => format!("exactly {from}"),
                (Some(from), Some(to)) => format!("from {from} to {to}"),
                _ => format!("{lower} and {upper}"),
            }
        }
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => return None,
    };
    Some(format!("{}{}.", text[..1].to_ascii_uppercase(), &text[1..]))
}

/// `1 to 255 characters.`, `At least 1 item.`, `At most 10 properties.`
fn count(min: Option<usize>, max: Option<usize>, one: &str, many: &str) -> Option<String> {
    let unit = |n: usize| if n == 1 { one } else { many };
    match (min.filter(|&n| n > 0), max) {
        (Some(min), Some(max)) if min == max => Some(format!("Exactly {min} {}.", unit(min))),
        (Some(min), Some(max)) => Some(format!("{min} to {max} {many}.")),
        (Some(min), None) => Some(format!("At least {min} {}.", unit(min))),
        (None, Some(max)) => Some(format!("At most {max} {}.", unit(max))),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::constraints;

    fn said(schema: serde_json::Value) -> Option<String> {
        constraints(&serde_json::from_value(schema).unwrap())
    }

    #[test]
    fn ranges_lengths_counts_patterns_and_formats_are_said() {
        use serde_json::json;
        let cases = [
            (json!({"type": "integer", "minimum": 1, "maximum": 200}), "From 1 to 200."),
            (json!({"type": "integer", "minimum": 1}), "At least 1."),
            (json!({"type": "integer", "minimum": 3, "maximum": 3}), "Exactly 3."),
            (
                json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1.5}),
                "Greater than 0 and at most 1.5.",
            ),
            (json!({"type": "integer", "maximum": 10, "exclusiveMaximum": true}), "Less than 10."),
            (json!({"type": "integer", "multipleOf": 5}), "A multiple of 5."),
            (json!({"type": "string", "minLength": 1, "maxLength": 255}), "1 to 255 characters."),
            (json!({"type": "string", "minLength": 1}), "At least 1 character."),
            (
                json!({"type": "string", "pattern": "^[a-z]+$", "format": "uuid"}),
                "Matches the pattern `^[a-z]+$`. Format: `uuid`.",
            ),
            (
                json!({"type": "array", "items": {}, "maxItems": 10, "uniqueItems": true}),
                "At most 10 items. No item may appear twice.",
            ),
            (json!({"type": "object", "minProperties": 2}), "At least 2 properties."),
        ];
        for (schema, expected) in cases {
            assert_eq!(said(schema.clone()).as_deref(), Some(expected), "{schema}");
        }
        // What the Rust type says already is not repeated.
        assert_eq!(said(json!({"type": "string", "format": "date-time"})), None);
        assert_eq!(said(json!({"type": "integer", "format": "int32"})), None);
        assert_eq!(said(json!({"type": "string", "minLength": 0})), None);
    }
}
