//! What a schema says about its values that the Rust type cannot: ranges, lengths, item counts,
//! patterns and formats, as notes for the docs (`emit/spec_text` words them: `From 1 to 200.`).
//! The client does not check them; the server does, and the docs tell the caller what it will
//! accept.

use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use crate::model::{Bound, Counted, Note};

/// The schema's constraints worth noting, in the order the docs say them.
pub(super) fn constraints(schema: &Schema) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => {
            notes.extend(range(
                bound(integer.minimum, integer.exclusive_minimum),
                bound(integer.maximum, integer.exclusive_maximum),
            ));
            notes.extend(integer.multiple_of.map(|step| Note::MultipleOf(step.to_string())));
        }
        SchemaKind::Type(Type::Number(number)) => {
            notes.extend(range(
                bound(number.minimum, number.exclusive_minimum),
                bound(number.maximum, number.exclusive_maximum),
            ));
            notes.extend(number.multiple_of.map(|step| Note::MultipleOf(step.to_string())));
        }
        SchemaKind::Type(Type::String(string)) => {
            notes.extend(count(string.min_length, string.max_length, Counted::Characters));
            notes.extend(string.pattern.clone().map(Note::Pattern));
            let format = match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
                VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
                VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
                // Dates and times are typed as such.
                VariantOrUnknownOrEmpty::Item(StringFormat::Date | StringFormat::DateTime)
                | VariantOrUnknownOrEmpty::Empty => None,
            };
            notes.extend(format.map(|format| Note::Format(format.to_owned())));
        }
        SchemaKind::Type(Type::Array(array)) => {
            notes.extend(count(array.min_items, array.max_items, Counted::Items));
            if array.unique_items {
                notes.push(Note::UniqueItems);
            }
        }
        SchemaKind::Type(Type::Object(object)) => {
            notes.extend(count(object.min_properties, object.max_properties, Counted::Properties));
        }
        _ => {}
    }
    notes
}

fn bound<N: ToString>(value: Option<N>, exclusive: bool) -> Option<Bound> {
    value.map(|value| Bound { value: value.to_string(), exclusive })
}

/// A range, if either end is bounded.
fn range(min: Option<Bound>, max: Option<Bound>) -> Option<Note> {
    (min.is_some() || max.is_some()).then_some(Note::Range { min, max })
}

/// A count, if it says more than that there may be none.
fn count(min: Option<usize>, max: Option<usize>, of: Counted) -> Option<Note> {
    let min = min.filter(|&n| n > 0);
    (min.is_some() || max.is_some()).then_some(Note::Count { min, max, of })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::constraints;
    use crate::model::{Bound, Counted, Note};

    fn notes(schema: serde_json::Value) -> Vec<Note> {
        constraints(&serde_json::from_value(schema).unwrap())
    }

    fn bound(value: &str, exclusive: bool) -> Option<Bound> {
        Some(Bound { value: value.to_owned(), exclusive })
    }

    #[test]
    fn ranges_lengths_counts_patterns_and_formats_are_noted() {
        let number =
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1.5});
        assert_eq!(
            notes(number),
            [Note::Range { min: bound("0", true), max: bound("1.5", false) }]
        );
        assert_eq!(
            notes(json!({"type": "integer", "multipleOf": 5})),
            [Note::MultipleOf("5".into())]
        );
        let string =
            json!({"type": "string", "minLength": 1, "pattern": "^[a-z]+$", "format": "byte"});
        let expected = [
            Note::Count { min: Some(1), max: None, of: Counted::Characters },
            Note::Pattern("^[a-z]+$".into()),
            Note::Format("byte".into()),
        ];
        assert_eq!(notes(string), expected);
        let array = json!({"type": "array", "items": {}, "maxItems": 10, "uniqueItems": true});
        let expected =
            [Note::Count { min: None, max: Some(10), of: Counted::Items }, Note::UniqueItems];
        assert_eq!(notes(array), expected);
        // What the Rust type says already is not repeated.
        assert_eq!(notes(json!({"type": "string", "format": "date-time"})), []);
        assert_eq!(notes(json!({"type": "integer", "format": "int32"})), []);
        assert_eq!(notes(json!({"type": "string", "minLength": 0})), []);
    }
}
