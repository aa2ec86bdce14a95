//! OpenAPI 3.1 → the 3.0 shape `openapiv3` reads, done on the bundled document.
//!
//! 3.1 schemas are JSON Schema 2020-12. Each construct becomes what a 3.0 author would have
//! written, so the same API in either version gives the same client: `type` lists become
//! `nullable` (and a `oneOf` of the types), `const` a one-value `enum`, `examples` an `example`,
//! numeric `exclusiveMinimum` a `minimum` with the 3.0 boolean, a `$ref` with keywords beside it
//! an `allOf` of the `$ref`, `contentEncoding`/`contentMediaType` a `byte`/`binary` format,
//! `unevaluatedProperties` an `additionalProperties`. `$defs` and `components/pathItems` were
//! already hoisted or inlined by `bundle`. What no 3.0 schema can say (`prefixItems`, `if`,
//! `not`…) is left out with a note in the docs and a warning, and `webhooks`, which a client
//! never receives, with a warning. Every node moved is recorded in `Origins`, so errors and
//! warnings keep naming what the user wrote.
//!
//! A `nullable` left in a 3.1 document is still read: documents converted from 3.0 keep it, and
//! accepting `null` only decodes more. Pure validation keywords (`minContains`,
//! `dependentRequired`, `propertyNames`…) are ignored without a warning: they narrow what is
//! valid, and the client does not validate.

use serde_json::{Map, Value};

use super::kinds::{Holds, Kind};
use super::normalise;
use super::origins::Origins;
use crate::error::{Error, Location, Pointer};

/// Whether the document says it is OpenAPI 3.1.
pub fn is_31(version: &str) -> bool {
    version == "3.1" || version.starts_with("3.1.")
}

/// Rewrites the bundled 3.1 document (named `root`) in place; the warnings carry bundled pointers.
pub fn convert(document: &mut Value, origins: &mut Origins, root: &str) -> Vec<Error> {
    let mut converter = Converter { origins, root, warnings: Vec::new() };
    if let Value::Object(object) = document {
        converter.document(object);
    }
    converter.visit(document, Kind::Document, &Pointer::default());
    converter.warnings
}

/// The dialects whose schemas this conversion understands.
const KNOWN_DIALECTS: [&str; 2] = [
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://json-schema.org/draft/2020-12/schema",
];

/// Keywords a 3.0 schema cannot say and the generator does not read: conditions, negations,
/// maps keyed by pattern, dynamic references.
const UNEXPRESSED: [&str; 7] =
    ["if", "then", "else", "dependentSchemas", "not", "patternProperties", "$dynamicRef"];

/// Keywords of one JSON type, given to its member when a `type` list becomes a `oneOf`.
const TYPE_KEYWORDS: [(&str, &[&str]); 5] = [
    ("string", &["minLength", "maxLength", "pattern"]),
    ("integer", &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
    ("number", &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &["properties", "required", "additionalProperties", "minProperties", "maxProperties"],
    ),
];

struct Converter<'o> {
    origins: &'o mut Origins,
    root: &'o str,
    warnings: Vec<Error>,
}

impl Converter<'_> {
    fn warn(&mut self, at: &Pointer, what: String) {
        let location = Location::Pointer(at.clone());
        self.warnings.push(Error::new(self.root, location, what));
    }

    /// Records nodes moved from one bundled pointer to another: `(to, from)`.
    fn moved(&mut self, moves: &[(Pointer, Pointer)]) {
        let moves: Vec<(String, String)> = moves
            .iter()
            .map(|(to, from)| (to.as_str().to_owned(), from.as_str().to_owned()))
            .collect();
        self.origins.moved(self.root, &moves);
    }

    /// The document's own fields.
    fn document(&mut self, document: &mut Map<String, Value>) {
        // `openapiv3` reads the 3.0 model; the version string itself is never used.
        document.insert("openapi".into(), "3.0.3".into());
        let top = Pointer::default();
        if document.remove("webhooks").is_some() {
            let what =
                "webhooks are not generated: they are calls the API makes, and this is a client";
            self.warn(&top.join("webhooks"), what.into());
        }
        if let Some(dialect) = document.remove("jsonSchemaDialect") {
            let dialect = dialect.as_str().map_or_else(|| dialect.to_string(), str::to_owned);
            if !KNOWN_DIALECTS.contains(&dialect.trim_end_matches('#')) {
                self.warn(
                    &top.join("jsonSchemaDialect"),
                    format!("schemas are read as OpenAPI 3.1's own dialect, not `{dialect}`"),
                );
            }
        }
        // A 3.1 document may have only webhooks or components.
        document.entry("paths").or_insert_with(|| Value::Object(Map::new()));
        // Root-level definitions, which `bundle` hoisted where they are referenced.
        document.remove("$defs");
        if let Some(Value::Object(info)) = document.get_mut("info") {
            // 3.0 has no `summary`: it opens the description instead.
            if let Some(Value::String(summary)) = info.remove("summary") {
                let description = match info.get("description").and_then(Value::as_str) {
                    Some(description) => format!("{summary}\n\n{description}"),
                    None => summary,
                };
                info.insert("description".into(), description.into());
            }
        }
        let Some(Value::Object(components)) = document.get_mut("components") else { return };
        // Path items shared by `$ref` were inlined where they are used.
        components.remove("pathItems");
        let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") else { return };
        let mutual: Vec<String> = schemes
            .iter()
            .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
            .map(|(name, _)| name.clone())
            .collect();
        for name in mutual {
            schemes.remove(&name);
            let at = Pointer::component("securitySchemes", &name);
            let what = "mutual TLS is not generated: give the client certificate to the \
                        `reqwest::Client` passed to `http_client`";
            self.warn(&at, what.into());
        }
    }

    fn visit(&mut self, node: &mut Value, kind: Kind, at: &Pointer) {
        let Value::Object(object) = node else { return };
        if object.contains_key("$ref") {
            if kind != Kind::Schema {
                self.reference_siblings(object, at);
                return;
            }
            if object.len() == 1 {
                return;
            }
            self.wrap_reference(object, at);
        }
        if kind == Kind::Schema {
            self.schema(object, at);
            normalise::schema(object);
        }
        for (field, holds, child) in kind.children() {
            if holds == Holds::Entries {
                for (key, value) in object.iter_mut().filter(|(key, _)| !key.starts_with("x-")) {
                    self.visit(value, child, &at.join(key));
                }
                continue;
            }
            let Some(value) = object.get_mut(field) else { continue };
            let here = at.join(field);
            let boolean = child == Kind::Schema && field != "additionalProperties";
            match (holds, value) {
                (Holds::One, value) => {
                    if boolean {
                        self.boolean_schema(value, &here);
                    }
                    self.visit(value, child, &here)
                }
                (Holds::Map, Value::Object(entries)) => {
                    for (key, value) in entries.iter_mut() {
                        let here = here.join(key);
                        if boolean {
                            self.boolean_schema(value, &here);
                        }
                        self.visit(value, child, &here);
                    }
                }
                (Holds::List, Value::Array(items)) => {
                    for (index, value) in items.iter_mut().enumerate() {
                        let here = here.join(index);
                        if boolean {
                            self.boolean_schema(value, &here);
                        }
                        self.visit(value, child, &here);
                    }
                }
                _ => {}
            }
        }
    }

    /// 3.1 lets a Reference Object carry a `summary` and `description` that override its
    /// target's; the 3.0 model has no room for them, so the target's own are used.
    fn reference_siblings(&mut self, reference: &Map<String, Value>, at: &Pointer) {
        let overrides: Vec<&str> = ["summary", "description"]
            .into_iter()
            .filter(|key| reference.contains_key(*key))
            .collect();
        if let Some(first) = overrides.first() {
            let what = format!(
                "the `{}` beside this `$ref` is not used; the docs show those of what it names",
                overrides.join("` and `")
            );
            self.warn(&at.join(first), what);
        }
    }

    /// `true` accepts anything, like `{}`; `false` accepts nothing, which no type says.
    fn boolean_schema(&mut self, value: &mut Value, at: &Pointer) {
        let Value::Bool(accepts) = *value else { return };
        if !accepts {
            let what = "a `false` schema (no value is valid) is read as any JSON value";
            self.warn(at, what.into());
        }
        *value = Value::Object(Map::new());
    }

    /// `{$ref, description, …}` → `{allOf: [{$ref}], description, …}`, the 3.0 spelling, so the
    /// keywords beside the reference still describe (or constrain) what stands here.
    fn wrap_reference(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        let Some(reference) = schema.remove("$ref") else { return };
        let mut only_reference = Map::new();
        only_reference.insert("$ref".into(), reference.clone());
        match schema.entry("allOf").or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(members) => {
                let to = at.join("allOf").join(members.len());
                members.push(Value::Object(only_reference));
                self.moved(&[(to, at.clone())]);
            }
            // Not a list: put the reference back and leave the rest to `openapiv3`'s errors.
            _ => {
                schema.insert("$ref".into(), reference);
            }
        }
    }

    /// The rewrites of one schema object (not its subschemas).
    fn schema(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        // Definitions were hoisted into `components/schemas` where they are referenced.
        schema.remove("$defs");
        if let Some(value) = schema.remove("const") {
            schema.insert("enum".into(), Value::Array(vec![value]));
            self.moved(&[(at.join("enum").join(0), at.join("const"))]);
        }
        if let Some(Value::Array(examples)) = schema.get("examples") {
            // 3.0 has one example per schema; the first stands for them all.
            let first = examples.first().cloned();
            schema.remove("examples");
            if let (Some(first), false) = (first, schema.contains_key("example")) {
                schema.insert("example".into(), first);
                self.moved(&[(at.join("example"), at.join("examples").join(0))]);
            }
        }
        self.exclusive_bounds(schema, at);
        content_format(schema);
        if let Some(value) = schema.remove("unevaluatedProperties") {
            // Beside properties, both say what other properties may be; close enough to type them.
            if !schema.contains_key("additionalProperties") {
                schema.insert("additionalProperties".into(), value);
                let from = at.join("unevaluatedProperties");
                self.moved(&[(at.join("additionalProperties"), from)]);
            }
        }
        self.unexpressed(schema, at);
        self.null_members(schema, at);
        self.types(schema, at);
    }

    /// Numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true`, unless a stricter
    /// `minimum` is there already (likewise for the maximum).
    fn exclusive_bounds(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        for (exclusive, inclusive, sign) in
            [("exclusiveMinimum", "minimum", 1.0), ("exclusiveMaximum", "maximum", -1.0)]
        {
            let Some(Value::Number(bound)) = schema.get(exclusive).cloned() else { continue };
            let (Some(value), existing) =
                (bound.as_f64(), schema.get(inclusive).and_then(Value::as_f64))
            else {
                continue;
            };
            match existing {
                Some(inclusive) if sign * inclusive > sign * value => {
                    schema.remove(exclusive);
                }
                _ => {
                    schema.insert(inclusive.into(), Value::Number(bound));
                    schema.insert(exclusive.into(), Value::Bool(true));
                    self.moved(&[(at.join(inclusive), at.join(exclusive))]);
                }
            }
        }
    }

    /// Keywords no 3.0 schema can say are left out, with a note in the docs and a warning.
    fn unexpressed(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        let mut notes = Vec::new();
        if let Some(prefix) = schema.remove("prefixItems") {
            let count = prefix.as_array().map_or(0, Vec::len);
            // The rest of the items, if any, follow the tuple; without the tuple they are untyped.
            schema.insert("items".into(), Value::Object(Map::new()));
            schema.entry("type").or_insert_with(|| "array".into());
            let what =
                "`prefixItems` (a tuple) is not generated; the items are `serde_json::Value`";
            self.warn(&at.join("prefixItems"), what.into());
            notes.push(format!(
                "In the spec, the first {count} items each have their own schema (`prefixItems`); \
                 here every item is any JSON value."
            ));
        }
        let found: Vec<&str> =
            UNEXPRESSED.into_iter().filter(|keyword| schema.contains_key(*keyword)).collect();
        if let Some(first) = found.first() {
            let listed = found.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            self.warn(
                &at.join(first),
                format!("left out, as no generated type can check it: {listed}"),
            );
            notes.push(format!("Not checked here: the spec's {listed}."));
            for keyword in &found {
                schema.remove(*keyword);
            }
        }
        if notes.is_empty() {
            return;
        }
        let mut description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .into_iter()
            .collect::<Vec<_>>();
        description.extend(notes);
        schema.insert("description".into(), description.join("\n\n").into());
    }

    /// `oneOf`/`anyOf` with a `{type: 'null'}` member (3.1's nullable `$ref`) → the other members
    /// and `nullable`.
    fn null_members(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        for keyword in ["oneOf", "anyOf"] {
            let Some(Value::Array(members)) = schema.get_mut(keyword) else { continue };
            let is_null = |member: &Value| {
                let Some(member) = member.as_object() else { return false };
                let ty = member.get("type");
                let null = ty == Some(&Value::from("null"))
                    || ty == Some(&Value::Array(vec![Value::from("null")]));
                null && member
                    .keys()
                    .all(|k| matches!(k.as_str(), "type" | "description" | "title"))
            };
            if !members.iter().any(is_null) || members.iter().all(is_null) {
                continue;
            }
            let mut moves = Vec::new();
            let mut kept = Vec::new();
            for (index, member) in std::mem::take(members).into_iter().enumerate() {
                if !is_null(&member) {
                    moves.push((at.join(keyword).join(kept.len()), at.join(keyword).join(index)));
                    kept.push(member);
                }
            }
            *members = kept;
            schema.insert("nullable".into(), true.into());
            self.moved(&moves);
        }
    }

    /// `type` lists: `"null"` among them → `nullable`; one other type → that type; several →
    /// a `oneOf` with one member per type, each taking the keywords and `enum` values of its type.
    fn types(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        let names: Vec<String> = match schema.get("type") {
            Some(Value::String(name)) if name == "null" => vec![name.clone()],
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
                let mut names: Vec<String> = Vec::new();
                for name in list.iter().filter_map(Value::as_str) {
                    if !names.iter().any(|n| n == name) {
                        names.push(name.to_owned());
                    }
                }
                names
            }
            // A single type is 3.0 already; anything else is for `openapiv3` to report.
            _ => return,
        };
        let (nulls, types): (Vec<String>, Vec<String>) =
            names.into_iter().partition(|name| name == "null");
        if !nulls.is_empty() {
            schema.insert("nullable".into(), true.into());
        }
        let members = match types.as_slice() {
            [] => {
                schema.remove("type");
                return;
            }
            [only] => {
                schema.insert("type".into(), only.clone().into());
                return;
            }
            several => several.to_vec(),
        };
        schema.remove("type");
        if ["oneOf", "anyOf", "allOf"].iter().any(|k| schema.contains_key(*k)) {
            // The composition beside says what the value is; the list only repeats it.
            let what =
                "a `type` list beside `oneOf`/`anyOf`/`allOf` is left out; the composition decides";
            self.warn(&at.join("type"), what.into());
            return;
        }
        let values = schema.remove("enum");
        let format = schema.remove("format");
        let mut taken: Vec<(String, Value)> = Vec::new();
        for (name, keywords) in TYPE_KEYWORDS {
            if members.iter().any(|m| m == name) {
                for keyword in keywords.iter() {
                    if let Some(value) = schema.get(*keyword) {
                        taken.push((keyword.to_string(), value.clone()));
                    }
                }
            }
        }
        let mut built = Vec::new();
        for name in &members {
            let mut member = Map::new();
            member.insert("type".into(), name.clone().into());
            if let Some(format) = &format {
                member.insert("format".into(), format.clone());
            }
            let own = TYPE_KEYWORDS.iter().find(|(n, _)| n == name).map_or(&[][..], |(_, k)| *k);
            for (keyword, value) in &taken {
                if own.contains(&keyword.as_str()) {
                    member.insert(keyword.clone(), value.clone());
                }
            }
            if let Some(Value::Array(values)) = &values {
                let fitting: Vec<Value> =
                    values.iter().filter(|v| fits(name, v)).cloned().collect();
                // A type no listed value has adds nothing the `enum` allows.
                if fitting.is_empty() {
                    continue;
                }
                member.insert("enum".into(), Value::Array(fitting));
            }
            built.push(member);
        }
        for (keyword, _) in &taken {
            schema.remove(keyword);
        }
        let moves: Vec<(Pointer, Pointer)> =
            (0..built.len()).map(|i| (at.join("oneOf").join(i), at.clone())).collect();
        match built.len() {
            // No listed type has any of the `enum` values: no value is valid; any JSON it is.
            0 => {}
            1 => schema.extend(built.remove(0)),
            _ => {
                let built = built.into_iter().map(Value::Object).collect();
                schema.insert("oneOf".into(), Value::Array(built));
                self.moved(&moves);
            }
        }
    }
}

/// Whether the JSON value `value` is of the JSON Schema type `name`.
fn fits(name: &str, value: &Value) -> bool {
    match name {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

/// `contentEncoding: base64` → `format: byte`; `contentMediaType` of something other than text
/// → `format: binary`: what 3.0 writes for the same strings.
fn content_format(schema: &mut Map<String, Value>) {
    let encoding = schema.remove("contentEncoding");
    let media_type = schema.remove("contentMediaType");
    if schema.contains_key("format") {
        return;
    }
    let stringy = match schema.get("type") {
        None => true,
        Some(Value::String(name)) => name == "string",
        Some(Value::Array(names)) => names.iter().any(|n| n == "string"),
        Some(_) => false,
    };
    let format = match (encoding.as_ref().and_then(Value::as_str), media_type.as_ref()) {
        (Some(encoding), _)
            if encoding.eq_ignore_ascii_case("base64")
                || encoding.eq_ignore_ascii_case("base64url") =>
        {
            "byte"
        }
        (Some(_), _) => "binary",
        (None, Some(Value::String(media_type))) if !is_text(media_type) => "binary",
        _ => return,
    };
    if !stringy {
        return;
    }
    schema.entry("type").or_insert_with(|| "string".into());
    schema.insert("format".into(), format.into());
}

/// Whether a media type is text a JSON string can hold as it is.
fn is_text(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence.starts_with("text/")
        || [
            "application/json",
            "application/xml",
            "application/yaml",
            "application/x-www-form-urlencoded",
        ]
        .contains(&essence.as_str())
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The schema `value` converted at `/s`, and the warnings.
    fn converted(value: Value) -> (Value, Vec<String>) {
        let mut document = json!({"openapi": "3.1.0", "components": {"schemas": {"s": value}}});
        let mut origins = Origins::default();
        let warnings = convert(&mut document, &mut origins, "r.yaml");
        let warnings = warnings.iter().map(|w| format!("{}: {}", w.location, w.what)).collect();
        (document["components"]["schemas"]["s"].clone(), warnings)
    }

    fn schema(value: Value) -> Value {
        let (schema, warnings) = converted(value);
        assert!(warnings.is_empty(), "{warnings:?}");
        schema
    }

    #[test]
    fn type_lists_become_nullable_and_one_of() {
        assert_eq!(
            schema(json!({"type": ["string", "null"], "maxLength": 3})),
            json!({"type": "string", "maxLength": 3, "nullable": true})
        );
        assert_eq!(schema(json!({"type": "null"})), json!({"nullable": true}));
        assert_eq!(
            schema(json!({
                "type": ["integer", "string", "null"], "minimum": 1, "minLength": 2,
                "description": "d", "enum": [1, "a", null],
            })),
            json!({"description": "d", "nullable": true, "oneOf": [
                {"type": "integer", "minimum": 1, "enum": [1]},
                {"type": "string", "minLength": 2, "enum": ["a"]},
            ]})
        );
        // A type no `enum` value has is left out, and a lone remaining type needs no `oneOf`.
        assert_eq!(
            schema(json!({"type": ["string", "integer"], "enum": ["a", "b"]})),
            json!({"type": "string", "enum": ["a", "b"]})
        );
        assert_eq!(schema(json!({"type": ["string", "integer"], "enum": [true]})), json!({}));
    }

    #[test]
    fn a_null_member_of_a_union_makes_it_nullable() {
        let reference = json!({"$ref": "#/components/schemas/A"});
        assert_eq!(
            schema(json!({"anyOf": [reference, {"type": "null"}]})),
            json!({"anyOf": [reference], "nullable": true})
        );
    }

    #[test]
    fn const_examples_and_bounds_take_their_3_0_spelling() {
        assert_eq!(schema(json!({"const": "x"})), json!({"enum": ["x"]}));
        assert_eq!(
            schema(json!({"type": "number", "examples": [2, 3]})),
            json!({"type": "number", "example": 2})
        );
        assert_eq!(
            schema(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 9.5})),
            json!({"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 9.5, "exclusiveMaximum": true})
        );
        // A stricter inclusive bound already there wins.
        assert_eq!(
            schema(json!({"type": "integer", "minimum": 5, "exclusiveMinimum": 1})),
            json!({"type": "integer", "minimum": 5})
        );
    }

    #[test]
    fn content_keywords_become_formats() {
        let format = |value: Value| schema(value).get("format").cloned();
        assert_eq!(
            format(json!({"type": "string", "contentEncoding": "base64"})),
            Some("byte".into())
        );
        assert_eq!(format(json!({"contentMediaType": "image/png"})), Some("binary".into()));
        assert_eq!(format(json!({"type": "string", "contentMediaType": "application/json"})), None);
        assert_eq!(format(json!({"type": "integer", "contentMediaType": "image/png"})), None);
    }

    #[test]
    fn keywords_beside_a_ref_stay_beside_it() {
        let reference = json!({"$ref": "#/components/schemas/A"});
        assert_eq!(
            schema(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"description": "d", "allOf": [reference]})
        );
    }

    #[test]
    fn what_no_3_0_schema_says_is_left_out_with_a_note_and_a_warning() {
        let (found, warnings) = converted(json!({
            "type": "object", "properties": {"a": {"type": "string"}},
            "if": {"required": ["a"]}, "then": {"required": ["b"]},
        }));
        assert_eq!(
            found,
            json!({"type": "object", "properties": {"a": {"type": "string"}},
                "description": "Not checked here: the spec's `if`, `then`."})
        );
        assert_eq!(
            warnings,
            ["#/components/schemas/s/if: left out, as no generated type can check it: `if`, `then`"]
        );
        let (found, warnings) =
            converted(json!({"type": "array", "prefixItems": [{"type": "string"}]}));
        assert_eq!(found["items"], json!({}));
        assert_eq!(warnings.len(), 1);
    }
}
