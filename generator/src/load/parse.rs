//! Text → `serde_json::Value`, for YAML and JSON alike, keeping numbers that do not fit in 64 bits.
//!
//! `serde_json::Value` refuses the 128-bit integers serde_yaml hands over for literals such as
//! `18446744073709552000` (DigitalOcean's spec has one), which would reject the whole document
//! over one bound. This visitor turns such integers into the nearest `f64` instead, and makes
//! non-string mapping keys (`200:` unquoted) strings.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::Location;

/// A syntax error: where (line and column when known) and what.
pub type SyntaxError = (Location, String);

/// Parses YAML or JSON. Text that opens with `{` is read as JSON first, for JSON's messages.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let json_first = text.trim_start().starts_with('{');
    if json_first {
        match serde_json::from_str::<Loose>(text) {
            Ok(Loose(value)) => return Ok(value),
            // JSON is (nearly) YAML, and a YAML flow mapping also opens with `{`.
            Err(json) => {
                return parse_yaml(text).map_err(|_| {
                    let at = Location::LineColumn { line: json.line(), column: json.column() };
                    (at, format!("not valid JSON: {}", strip_location(&json.to_string())))
                })
            }
        }
    }
    parse_yaml(text)
}

fn parse_yaml(text: &str) -> Result<Value, SyntaxError> {
    let parsed = serde_yaml::from_str::<Loose>(text).map(|Loose(mut value)| {
        merge_keys(&mut value);
        value
    });
    parsed.map_err(|e| {
        let at = match e.location() {
            Some(at) => Location::LineColumn { line: at.line(), column: at.column() },
            None => Location::File,
        };
        (at, format!("not valid YAML or JSON: {}", strip_location(&e.to_string())))
    })
}

/// Applies YAML merge keys (`<<: *defaults`, or a list of them): the merged mappings' entries
/// are added where the mapping does not set them itself, the earlier of a list winning.
fn merge_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(merge_keys);
            let merged = match map.shift_remove("<<") {
                Some(Value::Object(one)) => vec![one],
                Some(Value::Array(many)) => {
                    many.into_iter().filter_map(|v| v.as_object().cloned()).collect()
                }
                Some(other) => {
                    map.insert("<<".into(), other);
                    return;
                }
                None => return,
            };
            for source in merged {
                for (key, entry) in source {
                    map.entry(key).or_insert(entry);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(merge_keys),
        _ => {}
    }
}

/// serde appends " at line L column C"; the location is reported separately.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |at| &message[..at])
}

/// A JSON value deserialised leniently: 128-bit integers become floats, infinities `null`.
struct Loose(Value);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor).map(Loose)
    }
}

struct LooseVisitor;

/// A float as a JSON number; JSON has no infinities nor NaN, so those become `null`.
fn float(value: f64) -> Value {
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }
    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(i64::try_from(value).map_or_else(|_| float(value as f64), |v| Value::Number(v.into())))
    }
    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(u64::try_from(value).map_or_else(|_| float(value as f64), |v| Value::Number(v.into())))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(float(value))
    }
    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }
    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Loose::deserialize(deserializer).map(|Loose(value)| value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Loose(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(Loose(key)) = map.next_key()? {
            let key = match key {
                Value::String(key) => key,
                Value::Null => "null".to_owned(),
                scalar @ (Value::Bool(_) | Value::Number(_)) => scalar.to_string(),
                Value::Array(_) | Value::Object(_) => {
                    return Err(de::Error::custom(
                        "a mapping key must be a string, not a collection",
                    ))
                }
            };
            let Loose(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let value =
            parse("maximum: 18446744073709552000\nminimum: -9223372036854775809\n").unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(value["minimum"].as_f64(), Some(-9223372036854775809.0));
        let value = parse(r#"{"maximum": 18446744073709552000}"#).unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
    }

    #[test]
    fn keys_that_are_numbers_become_strings() {
        let value = parse("responses:\n  200: {description: ok}\n").unwrap();
        assert_eq!(value["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn yaml_syntax_errors_carry_line_and_column() {
        let (at, what) = parse("openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert!(matches!(at, Location::LineColumn { line: 3, .. }), "{at:?}");
        assert!(what.starts_with("not valid YAML or JSON"), "{what}");
    }

    #[test]
    fn json_syntax_errors_name_json() {
        let (at, what) = parse("{\"openapi\": \"3.0.3\",\n \"info\": [}").unwrap_err();
        assert_eq!(at, Location::LineColumn { line: 2, column: 11 });
        assert!(what.starts_with("not valid JSON"), "{what}");
    }

    #[test]
    fn merge_keys_fill_in_what_is_not_set() {
        let text = "base: &base {type: string, description: shared}\nname:\n  <<: *base\n  description: own\n";
        let value = parse(text).unwrap();
        assert_eq!(value["name"], serde_json::json!({"description": "own", "type": "string"}));
    }

    #[test]
    fn infinities_become_null() {
        assert_eq!(parse("a: .inf").unwrap()["a"], Value::Null);
    }
}
