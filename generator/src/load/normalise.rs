//! Rewrites of single schemas that `openapiv3` would otherwise misread, done before it sees them.
//!
//! - `type: object` (with its `properties`, `required`…) beside `allOf`/`oneOf`/`anyOf`, which
//!   `openapiv3` turns into an untyped schema: the object part becomes one more `allOf` member,
//!   so lowering sees an ordinary composition and loses neither the members nor the properties.
//! - A `oneOf`/`anyOf` whose members only list `required` properties (GitHub's "give `a` or `b`")
//!   constrains which fields are present, not their shape; it is dropped, so the object stays an
//!   object rather than becoming a union.
//! - Integer bounds that do not fit `i64` (DigitalOcean's `maximum: 18446744073709552000`) are
//!   dropped, since no `i64` can pass them anyway; fractional ones are rounded inwards. A
//!   `multipleOf` that is not a positive whole number is dropped: `openapiv3` reads an integer
//!   schema's bounds and step as `i64`s (a fraction would make it no integer schema at all), and
//!   a step below one means nothing.

use serde_json::{Map, Value};

/// The keywords that belong to the object part of a schema.
const OBJECT_KEYWORDS: [&str; 5] =
    ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];

/// Normalises the schema object `schema` in place (not its subschemas).
pub fn schema(schema: &mut Map<String, Value>) {
    compositions(schema);
    if schema.get("type").and_then(Value::as_str) == Some("integer") {
        integer_bounds(schema);
    }
}

/// Keywords that constrain which properties are present without describing any.
const PRESENCE_KEYWORDS: [&str; 5] =
    ["required", "minProperties", "maxProperties", "title", "description"];

fn compositions(schema: &mut Map<String, Value>) {
    for keyword in ["oneOf", "anyOf"] {
        let presence_only = |member: &Value| {
            member
                .as_object()
                .is_some_and(|m| m.keys().all(|k| PRESENCE_KEYWORDS.contains(&k.as_str())))
        };
        let members = schema.get(keyword).and_then(Value::as_array);
        if members.is_some_and(|m| !m.is_empty() && m.iter().all(presence_only))
            && schema.contains_key("properties")
        {
            schema.remove(keyword);
        }
    }
    let has = |key: &str| schema.contains_key(key);
    let compositions = ["allOf", "oneOf", "anyOf"].into_iter().filter(|k| has(k)).count();
    if compositions == 0 {
        return;
    }
    let typed_object = schema.get("type").and_then(Value::as_str) == Some("object");
    let object_part = OBJECT_KEYWORDS.into_iter().any(has);
    if !typed_object && !object_part && compositions == 1 {
        return;
    }
    if typed_object {
        schema.remove("type");
    }
    if !object_part && compositions == 1 {
        // `type: object` beside a single composition says nothing the members do not.
        return;
    }
    let mut members = match schema.remove("allOf") {
        Some(Value::Array(members)) => members,
        Some(other) => {
            // Not a list: leave it for `openapiv3` to report where it stands.
            schema.insert("allOf".into(), other);
            return;
        }
        None => Vec::new(),
    };
    if object_part {
        let mut object = Map::new();
        object.insert("type".into(), "object".into());
        for keyword in OBJECT_KEYWORDS {
            if let Some(value) = schema.remove(keyword) {
                object.insert(keyword.into(), value);
            }
        }
        members.push(Value::Object(object));
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(value) = schema.remove(keyword) {
            let mut union = Map::new();
            union.insert(keyword.into(), value);
            // The discriminator describes the union, so it moves with it.
            if let Some(discriminator) = schema.remove("discriminator") {
                union.insert("discriminator".into(), discriminator);
            }
            members.push(Value::Object(union));
        }
    }
    schema.insert("allOf".into(), Value::Array(members));
}

fn integer_bounds(schema: &mut Map<String, Value>) {
    for (keyword, round) in [("minimum", f64::ceil as fn(f64) -> f64), ("maximum", f64::floor)] {
        let Some(Value::Number(bound)) = schema.get(keyword) else { continue };
        if bound.is_i64() {
            continue;
        }
        let rounded = bound.as_f64().map(round).filter(|v| i64_range(*v));
        match rounded {
            Some(value) => schema.insert(keyword.into(), (value as i64).into()),
            None => schema.remove(keyword),
        };
    }
    if let Some(Value::Number(step)) = schema.get("multipleOf") {
        let whole = step.as_f64().filter(|v| v.fract() == 0.0 && i64_range(*v) && *v >= 1.0);
        match whole {
            Some(value) if !step.is_i64() => {
                schema.insert("multipleOf".into(), (value as i64).into());
            }
            Some(_) => {}
            None => {
                schema.remove("multipleOf");
            }
        }
    }
}

/// Whether `value` converts to an `i64` exactly (`i64::MAX as f64` is 2⁶³, one too many).
fn i64_range(value: f64) -> bool {
    value >= i64::MIN as f64 && value < i64::MAX as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalised(value: Value) -> Value {
        let Value::Object(mut map) = value else { unreachable!() };
        schema(&mut map);
        Value::Object(map)
    }

    #[test]
    fn object_beside_all_of_becomes_a_member() {
        let found = normalised(json!({
            "type": "object", "description": "d", "required": ["b"],
            "properties": {"b": {"type": "string"}},
            "allOf": [{"$ref": "#/components/schemas/A"}],
        }));
        assert_eq!(
            found,
            json!({"description": "d", "allOf": [
                {"$ref": "#/components/schemas/A"},
                {"type": "object", "properties": {"b": {"type": "string"}}, "required": ["b"]},
            ]})
        );
    }

    #[test]
    fn object_beside_one_of_keeps_both_and_the_discriminator() {
        let found = normalised(json!({
            "type": "object", "properties": {"kind": {"type": "string"}},
            "oneOf": [{"$ref": "#/components/schemas/A"}], "discriminator": {"propertyName": "kind"},
        }));
        assert_eq!(
            found,
            json!({"allOf": [
                {"type": "object", "properties": {"kind": {"type": "string"}}},
                {"oneOf": [{"$ref": "#/components/schemas/A"}], "discriminator": {"propertyName": "kind"}},
            ]})
        );
    }

    #[test]
    fn a_bare_type_object_beside_one_composition_is_dropped() {
        let found = normalised(json!({"type": "object", "anyOf": [{"type": "string"}]}));
        assert_eq!(found, json!({"anyOf": [{"type": "string"}]}));
        let untouched = json!({"oneOf": [{"type": "string"}], "nullable": true});
        assert_eq!(normalised(untouched.clone()), untouched);
    }

    #[test]
    fn unions_that_only_require_properties_are_dropped() {
        let found = normalised(json!({
            "type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
        }));
        assert_eq!(
            found,
            json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}})
        );
        let kept = json!({"oneOf": [{"required": ["a"]}, {"type": "string"}]});
        assert_eq!(normalised(kept.clone()), kept);
    }

    #[test]
    fn integer_bounds_beyond_i64_are_dropped_and_fractions_rounded_inwards() {
        let found = normalised(json!({
            "type": "integer", "maximum": 18446744073709552000.0_f64, "minimum": 1.5, "multipleOf": 2.0,
        }));
        assert_eq!(found, json!({"type": "integer", "minimum": 2, "multipleOf": 2}));
        let found = normalised(json!({"type": "integer", "minimum": -1e30, "maximum": 7.9}));
        assert_eq!(found, json!({"type": "integer", "maximum": 7}));
        let kept = json!({"type": "number", "maximum": 1e30});
        assert_eq!(normalised(kept.clone()), kept);
    }
}
