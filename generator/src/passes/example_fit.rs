//! Whether a spec example decodes into its generated type, by the rules the generated serde code
//! follows, so an example that contradicts its schema is reported at generation time rather than
//! found by the generated round-trip test (or not at all, for a crate nobody tests).
//!
//! The rules mirror `emit/types.rs`: optional and nullable fields are `Option`s (absent or `null`
//! is `None`), other fields must be present and not `null`; integers must be whole and in range.
//! Where serde would accept an example but lose part of it, it is reported too, as the generated
//! round trip would fail on it: a property the type does not have (unless the struct gathers
//! others, `additionalProperties`), and a value that string enums and tagged unions only keep in
//! their catch-all variant.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::{Error, Location};
use crate::model::{Example, Field, TypeKind, TypeRef, Types};

/// Why an example does not fit: where inside it (a JSON pointer) and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    pub at: String,
    pub what: String,
}

/// Checks stop after this many steps, so nested unions cannot take exponential time on a
/// hostile spec; an example too complex to check is taken as fitting.
const BUDGET: usize = 100_000;

/// A warning for each example that would not decode into its type, at the place inside it
/// where decoding fails.
pub fn misfits(file: &str, types: &Types, examples: &[Example]) -> Vec<Error> {
    let misfits = examples.iter().filter_map(|example| {
        let Misfit { at, what } = misfit(types, &example.ty, &example.value)?;
        Some(Error::new(
            file.to_owned(),
            Location::Pointer(format!("{}{at}", example.pointer.as_str()).into()),
            format!("this example does not match its generated type: {what}"),
        ))
    });
    misfits.collect()
}

/// Why `value` does not decode into `ty`, if it does not.
pub fn misfit(types: &Types, ty: &TypeRef, value: &Value) -> Option<Misfit> {
    let mut checker = Checker { types, steps: 0 };
    match checker.fit(ty, value) {
        Ok(()) => None,
        Err(Stop::Misfit(misfit)) => Some(misfit),
        Err(Stop::OutOfBudget) => None,
    }
}

enum Stop {
    Misfit(Misfit),
    OutOfBudget,
}

struct Checker<'a> {
    types: &'a Types,
    steps: usize,
}

fn fail(what: impl Into<String>) -> Result<(), Stop> {
    Err(Stop::Misfit(Misfit { at: String::new(), what: what.into() }))
}

/// Adds `key` in front of the place a failure inside it names.
fn inside(key: impl std::fmt::Display, result: Result<(), Stop>) -> Result<(), Stop> {
    result.map_err(|stop| match stop {
        Stop::Misfit(misfit) => {
            let key = crate::error::Pointer::escape(&key.to_string());
            Stop::Misfit(Misfit { at: format!("/{key}{}", misfit.at), what: misfit.what })
        }
        other => other,
    })
}

impl Checker<'_> {
    fn fit(&mut self, ty: &TypeRef, value: &Value) -> Result<(), Stop> {
        self.steps += 1;
        if self.steps > BUDGET {
            return Err(Stop::OutOfBudget);
        }
        match ty {
            TypeRef::Json => Ok(()),
            TypeRef::String => expect(value.is_string(), "a string", value),
            TypeRef::Bool => expect(value.is_boolean(), "a boolean", value),
            TypeRef::F64 => expect(value.is_number(), "a number", value),
            TypeRef::I32 => integer(value, i32::MIN.into(), i32::MAX.into()),
            TypeRef::I64 => integer(value, i64::MIN.into(), i64::MAX.into()),
            TypeRef::U32 => integer(value, 0, u32::MAX.into()),
            TypeRef::U64 => integer(value, 0, u64::MAX.into()),
            TypeRef::DateTime => expect(
                value.as_str().is_some_and(is_date_time),
                "a date-time such as `2024-01-31T12:00:00Z`",
                value,
            ),
            TypeRef::Date => {
                expect(value.as_str().is_some_and(is_date), "a date such as `2024-01-31`", value)
            }
            TypeRef::Vec(item) => match value {
                Value::Array(items) => {
                    items.iter().enumerate().try_for_each(|(i, v)| inside(i, self.fit(item, v)))
                }
                _ => fail(format!("expected an array, found {}", kind_of(value))),
            },
            TypeRef::Map(item) => match value {
                Value::Object(map) => {
                    map.iter().try_for_each(|(key, v)| inside(key, self.fit(item, v)))
                }
                _ => fail(format!("expected an object, found {}", kind_of(value))),
            },
            TypeRef::Named(name) => match self.types.get(name) {
                Some(def) => self.fit_kind(&def.kind, value),
                None => Ok(()),
            },
        }
    }

    fn fit_kind(&mut self, kind: &TypeKind, value: &Value) -> Result<(), Stop> {
        match kind {
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => self.fit(ty, value),
            TypeKind::Struct { fields, additional, .. } => {
                self.fit_object(fields, additional.as_ref().map(|a| &a.ty), value, None)
            }
            TypeKind::StringEnum { variants, .. } => match value.as_str() {
                Some(text) if variants.iter().any(|variant| variant.wire == text) => Ok(()),
                Some(text) => {
                    let known: Vec<_> = variants.iter().map(|v| format!("`{}`", v.wire)).collect();
                    fail(format!("`{text}` is not one of the enum's values ({})", known.join(", ")))
                }
                None => fail(format!("expected a string, found {}", kind_of(value))),
            },
            TypeKind::Untagged { variants } => {
                let mut first = None;
                for variant in variants {
                    match self.fit(&variant.ty, value) {
                        Ok(()) => return Ok(()),
                        Err(Stop::Misfit(misfit)) => {
                            first.get_or_insert(misfit);
                        }
                        Err(stop) => return Err(stop),
                    }
                }
                let reason = first.map_or_else(String::new, |misfit| {
                    format!(" (the first: {}{})", at_text(&misfit.at), misfit.what)
                });
                fail(format!("it fits none of the union's variants{reason}"))
            }
            TypeKind::Tagged { tag, variants, .. } => {
                let Some(found) = value.get(tag) else {
                    return fail(format!("the tag property `{tag}` is missing"));
                };
                let Some(variant) =
                    found.as_str().and_then(|wire| variants.iter().find(|v| v.wire == wire))
                else {
                    return fail(format!("the tag `{tag}` is {found}, which names no variant"));
                };
                self.fit_object(&variant.fields, None, value, Some(tag))
            }
        }
    }

    /// An object into a struct's `fields`, with other properties gathered into a map of
    /// `additional` values or, without one, dropped: a non-null property the type does not know
    /// is a misfit too, as the example then shows data that decoding would lose. `tag` is the
    /// discriminator, which the variant's fields leave out.
    fn fit_object(
        &mut self,
        fields: &[Field],
        additional: Option<&TypeRef>,
        value: &Value,
        tag: Option<&str>,
    ) -> Result<(), Stop> {
        let Value::Object(object) = value else {
            return fail(format!("expected an object, found {}", kind_of(value)));
        };
        let known: HashSet<&str> =
            fields.iter().map(|field| field.wire.as_str()).chain(tag).collect();
        for field in fields {
            match object.get(&field.wire) {
                None | Some(Value::Null) if field.is_option() => {}
                None => return fail(format!("the required property `{}` is missing", field.wire)),
                Some(value) => inside(&field.wire, self.fit(&field.ty, value))?,
            }
        }
        for (key, value) in object.iter().filter(|(key, _)| !known.contains(key.as_str())) {
            match additional {
                Some(ty) => inside(key, self.fit(ty, value))?,
                None if value.is_null() => {}
                None => {
                    return fail(format!(
                        "the schema has no property `{key}`, so decoding would drop it"
                    ))
                }
            }
        }
        Ok(())
    }
}

fn at_text(at: &str) -> String {
    if at.is_empty() {
        String::new()
    } else {
        format!("at {at}: ")
    }
}

fn expect(ok: bool, expected: &str, value: &Value) -> Result<(), Stop> {
    if ok {
        Ok(())
    } else {
        fail(format!("expected {expected}, found {}", kind_of(value)))
    }
}

fn integer(value: &Value, min: i128, max: i128) -> Result<(), Stop> {
    let whole = value.as_i64().map(i128::from).or_else(|| value.as_u64().map(i128::from));
    match whole {
        Some(n) if (min..=max).contains(&n) => Ok(()),
        Some(n) => fail(format!("{n} is out of range ({min} to {max})")),
        None => fail(format!("expected a whole number, found {}", kind_of(value))),
    }
}

/// How a value is described in messages: its kind, and short scalars themselves.
fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `YYYY-MM-DD`, as chrono's `NaiveDate` reads it.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && (1..=12).contains(&number(&text[5..7]))
        && (1..=31).contains(&number(&text[8..10]))
}

/// RFC 3339, as chrono's `DateTime<Utc>` reads it: a date, `T` (or `t` or a space), a time
/// with optional fraction, and `Z` or an offset.
fn is_date_time(text: &str) -> bool {
    let (Some(date), Some(rest)) = (text.get(..10), text.get(10..)) else { return false };
    let mut rest = rest.chars();
    if !is_date(date) || !matches!(rest.next(), Some('T' | 't' | ' ')) {
        return false;
    }
    let rest = rest.as_str();
    let Some(time) = rest.get(..8) else { return false };
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = time.split(':').collect();
    if parts.len() != 3 || !parts.iter().all(|part| digits(part)) {
        return false;
    }
    if number(parts[0]) > 23 || number(parts[1]) > 59 || number(parts[2]) > 60 {
        return false;
    }
    let mut zone = &rest[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return false;
        }
        zone = &fraction[len..];
    }
    match zone.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{is_date_time, misfit};
    use crate::model::{Docs, EnumVariant, Field, TypeDef, TypeKind, TypeRef, Types};

    fn field(wire: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            name: wire.into(),
            wire: wire.into(),
            docs: Docs::default(),
            ty,
            required,
            nullable: false,
            boxed: false,
            deprecated: false,
        }
    }

    fn types() -> Types {
        let image = TypeKind::Struct {
            fields: vec![
                field("id", TypeRef::I64, true),
                field("status", TypeRef::Named("Status".into()), false),
                field("created_at", TypeRef::DateTime, false),
            ],
            additional: None,
            constant: None,
        };
        let status = TypeKind::StringEnum {
            variants: vec![EnumVariant { name: "New".into(), wire: "new".into() }],
            other: "Other".into(),
        };
        [("Image", image), ("Status", status)]
            .into_iter()
            .map(|(name, kind)| (name.into(), TypeDef::new(name.into(), Docs::default(), kind)))
            .collect()
    }

    fn check(value: serde_json::Value) -> Option<(String, String)> {
        let ty = TypeRef::Vec(Box::new(TypeRef::Named("Image".into())));
        misfit(&types(), &ty, &value).map(|misfit| (misfit.at, misfit.what))
    }

    #[test]
    fn fitting_examples_pass() {
        assert_eq!(check(json!([{"id": 1, "status": "new", "extra": null}])), None);
        assert_eq!(
            check(json!([{"id": 1, "status": null, "created_at": "2024-01-31T12:00:00Z"}])),
            None
        );
    }

    #[test]
    fn each_misfit_names_its_place() {
        let cases = [
            (json!([{"status": "new"}]), "/0", "the required property `id` is missing"),
            (json!([{"id": "7"}]), "/0/id", "expected a whole number, found the string \"7\""),
            (json!([{"id": 1.5}]), "/0/id", "expected a whole number, found the number 1.5"),
            (json!([{"id": 1}, {"id": 2, "status": "gone"}]), "/1/status", "`gone` is not one of the enum's values (`new`)"),
            (json!({"id": 1}), "", "expected an array, found an object"),
            (json!([{"image": {"id": 1}}]), "/0", "the required property `id` is missing"),
            (json!([{"id": 1, "name": "x"}]), "/0", "the schema has no property `name`, so decoding would drop it"),
            (json!([{"id": 1, "created_at": "yesterday"}]), "/0/created_at", "expected a date-time such as `2024-01-31T12:00:00Z`, found the string \"yesterday\""),
        ];
        for (value, at, what) in cases {
            assert_eq!(check(value.clone()), Some((at.into(), what.into())), "{value}");
        }
    }

    #[test]
    fn date_times_as_chrono_reads_them() {
        for good in
            ["2024-01-31T12:00:00Z", "2024-01-31 12:00:00.123+02:00", "2024-01-31t00:00:60z"]
        {
            assert!(is_date_time(good), "{good}");
        }
        for bad in
            ["2024-01-31", "2024-13-01T00:00:00Z", "2024-01-31T12:00:00", "2024-01-31T12:00Z"]
        {
            assert!(!is_date_time(bad), "{bad}");
        }
    }
}
