//! A request body for an operation's doc example, built from the spec's own example value with
//! the types' constructors and setters (`ImageNewCustom::new("…", "…", RegionSlug::Nyc3)
//! .tags(["base"])`).
//!
//! The value is spec text: every string becomes a Rust string literal in which anything but
//! letters, digits, ASCII punctuation and spaces is escaped, so no quote, line break or bidi
//! control leaves it. An example this cannot build faithfully (a union without a tag, a
//! property the type does not have, an optional field of a tagged variant) gives `None`, and the
//! doc example takes the body as an argument instead.

use serde_json::Value;

use crate::model::{Api, Body, Field, Operation, TypeDef, TypeKind, TypeRef, Types};

/// The body expression for `op`'s example, from the example given for its request body (or,
/// failing that, one given for the body's type).
pub fn body(krate: &str, api: &Api, op: &Operation) -> Option<String> {
    let (Body::Json(ty) | Body::Form(ty) | Body::Multipart(ty)) = op.body.as_ref()? else {
        return None;
    };
    // The operation's own examples first, in spec order; then any other of the type.
    let of_type = api.examples.iter().filter(|example| example.ty == *ty);
    let mut candidates = op.body_examples.iter().chain(of_type.map(|example| &example.value));
    let builder = Builder { krate, types: &api.types };
    candidates.find_map(|value| builder.value(value, ty, Position::Exact))
}

/// What an expression is handed to: a parameter of exactly its type, `impl Into<T>` (where a
/// literal `[…]` would not convert into a list), or `impl IntoIterator` (a setter of a list).
#[derive(Clone, Copy, PartialEq)]
enum Position {
    Exact,
    Into,
    Iter,
}

struct Builder<'a> {
    krate: &'a str,
    types: &'a Types,
}

impl Builder<'_> {
    fn value(&self, value: &Value, ty: &TypeRef, at: Position) -> Option<String> {
        match (ty, value) {
            (TypeRef::String, Value::String(text)) => Some(string_literal(text)),
            (TypeRef::Bool, Value::Bool(b)) => Some(b.to_string()),
            // Handed to `impl Into<u64>`, a bare `5` would be an `i32`: the suffix says which.
            (TypeRef::I32, Value::Number(n)) => {
                whole(n, i32::MIN.into(), i32::MAX.into(), at, "i32")
            }
            (TypeRef::I64, Value::Number(n)) => {
                whole(n, i64::MIN.into(), i64::MAX.into(), at, "i64")
            }
            (TypeRef::U32, Value::Number(n)) => whole(n, 0, u32::MAX.into(), at, "u32"),
            (TypeRef::U64, Value::Number(n)) => whole(n, 0, u64::MAX.into(), at, "u64"),
            (TypeRef::F64, Value::Number(n)) => n.as_f64().map(|f| format!("{f:?}")),
            // `.parse()` needs to know its type, which `impl Into<…>` does not say.
            (TypeRef::DateTime | TypeRef::Date, _) if at == Position::Into => None,
            (TypeRef::DateTime, Value::String(text)) => {
                Some(format!("{}.parse().expect(\"an RFC 3339 time\")", string_literal(text)))
            }
            (TypeRef::Date, Value::String(text)) => {
                Some(format!("{}.parse().expect(\"a date\")", string_literal(text)))
            }
            (TypeRef::Json, value) => Some(format!("serde_json::json!({})", json(value))),
            (TypeRef::Vec(item), Value::Array(items)) if at == Position::Iter => {
                if items.is_empty() {
                    return Some(format!("Vec::<{}>::new()", self.type_text(item)));
                }
                let item_at = if self.converts(item) { Position::Into } else { Position::Exact };
                let items: Option<Vec<String>> =
                    items.iter().map(|item_value| self.value(item_value, item, item_at)).collect();
                Some(format!("[{}]", items?.join(", ")))
            }
            (TypeRef::Map(item), Value::Object(entries)) if at == Position::Iter => {
                if entries.is_empty() {
                    let item = self.type_text(item);
                    return Some(format!("std::collections::BTreeMap::<String, {item}>::new()"));
                }
                let entries: Option<Vec<String>> = entries
                    .iter()
                    .map(|(key, item_value)| {
                        let item_value = self.value(item_value, item, Position::Into)?;
                        Some(format!("({}, {item_value})", string_literal(key)))
                    })
                    .collect();
                Some(format!("[{}]", entries?.join(", ")))
            }
            (TypeRef::Named(name), value) => self.named(name, value, at),
            _ => None,
        }
    }

    fn named(&self, name: &str, value: &Value, at: Position) -> Option<String> {
        let path = format!("{}::types::{name}", self.krate);
        let kind = &self.types.get(name)?.kind;
        // An alias of a string enum (a shared inline enum) is written by its own name.
        let kind = match kind {
            TypeKind::Alias(TypeRef::Named(target)) => match self.types.get(target) {
                Some(def @ TypeDef { kind: TypeKind::StringEnum { .. }, .. }) => &def.kind,
                _ => kind,
            },
            _ => kind,
        };
        match kind {
            TypeKind::Alias(target) => self.value(value, target, at),
            TypeKind::StringEnum { variants, .. } => {
                let text = value.as_str()?;
                let variant = variants.iter().find(|variant| variant.wire == text)?;
                Some(format!("{path}::{}", variant.name))
            }
            TypeKind::Struct { fields, additional, constant } => {
                let object = value.as_object()?;
                // A constant is written by the type itself: nothing to set.
                let known = |key: &String| {
                    fields.iter().any(|field| field.wire == *key)
                        || constant.as_ref().is_some_and(|constant| constant.wire == *key)
                };
                if additional.is_none() && !object.keys().all(known) {
                    return None;
                }
                let mut text = format!("{path}::new({})", self.arguments(fields, object)?);
                text.push_str(&self.setter_calls(fields, object, |field| Some(&field.name))?);
                if let Some(additional) = additional {
                    let extra: serde_json::Map<String, Value> = object
                        .iter()
                        .filter(|(key, _)| !known(key))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    if !extra.is_empty() {
                        let map = TypeRef::Map(Box::new(additional.ty.clone()));
                        let extra = self.value(&Value::Object(extra), &map, Position::Iter)?;
                        text.push_str(&format!("\n    .{}({extra})", additional.name));
                    }
                }
                Some(text)
            }
            TypeKind::Tagged { tag, variants, setters, .. } => {
                let object = value.as_object()?;
                let wire = object.get(tag)?.as_str()?;
                let variant = variants.iter().find(|variant| variant.wire == wire)?;
                let known =
                    |key: &String| key == tag || variant.fields.iter().any(|f| f.wire == *key);
                if !object.keys().all(known) {
                    return None;
                }
                let arguments = self.arguments(&variant.fields, object)?;
                let mut text = format!("{path}::{}({arguments})", variant.constructor);
                let setter_of = |field: &Field| {
                    let setter = setters.iter().find(|setter| {
                        setter.field == field.name && setter.variants.contains(&variant.name)
                    })?;
                    Some(setter.name.as_str())
                };
                text.push_str(&self.setter_calls(&variant.fields, object, setter_of)?);
                Some(text)
            }
            TypeKind::Untagged { .. } | TypeKind::Newtype(_) => None,
        }
    }

    /// A call of its setter (named by `setter_of`) per optional field that `object` gives.
    fn setter_calls<'f>(
        &self,
        fields: &'f [Field],
        object: &serde_json::Map<String, Value>,
        setter_of: impl Fn(&'f Field) -> Option<&'f str>,
    ) -> Option<String> {
        let mut text = String::new();
        for field in fields.iter().filter(|field| field.is_option()) {
            let Some(field_value) = object.get(&field.wire).filter(|v| !v.is_null()) else {
                continue;
            };
            let field_value = self.value(field_value, &field.ty, self.position(field))?;
            // A nested builder's setters one step further in.
            let field_value = field_value.replace('\n', "\n    ");
            text.push_str(&format!("\n    .{}({field_value})", setter_of(field)?));
        }
        Some(text)
    }

    /// The required fields' values, as the constructor's arguments.
    fn arguments(
        &self,
        fields: &[Field],
        object: &serde_json::Map<String, Value>,
    ) -> Option<String> {
        let values: Option<Vec<String>> = fields
            .iter()
            .filter(|field| !field.is_option())
            .map(|field| self.value(object.get(&field.wire)?, &field.ty, self.position(field)))
            .collect();
        Some(values?.join(", "))
    }

    /// How a constructor argument or setter takes a field (see `constructors::argument`).
    fn position(&self, field: &Field) -> Position {
        match self.unaliased(&field.ty) {
            TypeRef::Vec(_) | TypeRef::Map(_) => Position::Iter,
            _ if self.converts(&field.ty) => Position::Into,
            _ => Position::Exact,
        }
    }

    fn converts(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty), TypeRef::String | TypeRef::Json | TypeRef::Named(_))
    }

    fn unaliased(&self, ty: &TypeRef) -> TypeRef {
        crate::model::TypeQuery::new(self.types).unalias(ty)
    }

    fn type_text(&self, ty: &TypeRef) -> String {
        let tokens = super::rust_type(ty, &quote::quote!(crate::types::));
        super::operations::type_text(self.krate, tokens)
    }
}

/// A whole number within `min..=max`, as a literal, suffixed with its type where the
/// parameter does not say it.
fn whole(
    n: &serde_json::Number,
    min: i128,
    max: i128,
    at: Position,
    suffix: &str,
) -> Option<String> {
    let n = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))?;
    let suffix = if at == Position::Into { suffix } else { "" };
    (min..=max).contains(&n).then(|| format!("{n}{suffix}"))
}

/// A JSON value in `serde_json::json!` syntax, its strings as Rust literals.
fn json(value: &Value) -> String {
    match value {
        Value::String(text) => string_literal(text),
        Value::Array(items) => {
            format!("[{}]", items.iter().map(json).collect::<Vec<_>>().join(", "))
        }
        Value::Object(entries) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(key, v)| format!("{}: {}", string_literal(key), json(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// `text` as a Rust string literal: letters, digits, ASCII punctuation and spaces as they are,
/// anything else (quotes and backslashes aside) as a `\u{…}` escape.
fn string_literal(text: &str) -> String {
    let mut literal = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            c if c.is_ascii_graphic() || c == ' ' || c.is_alphanumeric() => literal.push(c),
            c => literal.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    literal.push('"');
    literal
}

#[cfg(test)]
mod tests {
    use super::{body, string_literal};

    /// An operation's docs build its body from its own example, also when the body is a shared
    /// `requestBodies` component, whose examples stand under `/components`, not the path.
    #[test]
    fn an_operation_shows_its_own_body_example_wherever_it_is_written() {
        let spec = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /b:
    post:
      operationId: board
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}, example: {name: tom}}}
      responses: {"204": {description: ok}}
  /a:
    post:
      operationId: adopt
      requestBody: {$ref: "#/components/requestBodies/Adoption"}
      responses: {"204": {description: ok}}
components:
  requestBodies:
    Adoption:
      content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}, example: {name: rex}}}
  schemas:
    Pet: {type: object, required: [name], properties: {name: {type: string}}}
"##;
        let api = crate::lower::lowered("t.yaml", spec);
        let shown = |id: &str| {
            let mut ops = api.groups.iter().flat_map(|group| &group.operations);
            ops.find(|op| op.id == id).and_then(|op| body("t", &api, op)).unwrap_or_default()
        };
        // `tom`, met first, is the other operation's.
        assert!(shown("adopt").contains("\"rex\""), "{}", shown("adopt"));
        assert!(shown("board").contains("\"tom\""), "{}", shown("board"));
    }

    #[test]
    fn string_literals_hold_no_quote_line_break_or_control_of_the_spec() {
        assert_eq!(string_literal("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(string_literal("line\nbreak\u{202e}"), r#""line\u{a}break\u{202e}""#);
        assert_eq!(string_literal("größe 日本"), "\"größe 日本\"");
        assert_eq!(string_literal("```\n# hidden"), r#""```\u{a}# hidden""#);
    }
}
