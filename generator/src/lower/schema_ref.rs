//! Following `$ref`s to schemas: to a component (`#/components/schemas/Pet`) or to a schema
//! inside one (`#/components/schemas/Pet/properties/kind`).
//!
//! A schema inside a component is identified by its JSON pointer, as every inline schema is, so a
//! `$ref` to it and the place where it is written share one Rust type.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{SchemaRef, SCHEMA_PREFIX};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{TypeName, TypeRef};

/// How many `$ref`s one lookup may pass through. Refs into other schemas' insides can form
/// cycles that loading does not see, and nest so that one lookup would follow very many; real
/// specs pass through two or three.
const MAX_REFS: usize = 32;

impl<'a> Lowerer<'a> {
    /// The type a `$ref` (standing at `pointer`) names, or `Json` after reporting why not.
    pub(super) fn named_ref(&mut self, reference: &str, pointer: &Pointer) -> TypeRef {
        let Some(path) = reference.strip_prefix(SCHEMA_PREFIX) else {
            self.error(
                pointer,
                format!("unsupported $ref `{reference}`: expected `{SCHEMA_PREFIX}<name>`"),
            );
            return TypeRef::Json;
        };
        if let Some(name) = self.component_names.get(path) {
            return TypeRef::Named(name.clone());
        }
        if self.following.iter().any(|seen| seen == path) {
            self.error(pointer, format!("$ref `{reference}` leads back to itself"));
            return TypeRef::Json;
        }
        let mut budget = MAX_REFS;
        match self.follow(path, &mut budget) {
            Some((target, at, hint)) => {
                self.following.push(path.to_owned());
                let ty = self.type_ref(target, &hint, &at);
                self.following.pop();
                ty
            }
            None => {
                self.error(pointer, format!("unresolvable $ref `{reference}`: no such schema"));
                TypeRef::Json
            }
        }
    }

    /// The schema a `$ref` points at, with the pointer of its definition.
    pub(super) fn schema_target(
        &self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
    ) -> Option<(&'a Schema, Pointer)> {
        let mut budget = MAX_REFS;
        self.target_within(schema, pointer, &mut budget)
    }

    fn target_within(
        &self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        budget: &mut usize,
    ) -> Option<(&'a Schema, Pointer)> {
        let mut schema = schema;
        let mut pointer = pointer.clone();
        loop {
            match schema {
                SchemaRef::Inline(found) => return Some((found, pointer)),
                SchemaRef::Ref(reference) => {
                    *budget = budget.checked_sub(1)?;
                    let path = reference.strip_prefix(SCHEMA_PREFIX)?;
                    (schema, pointer, _) = self.follow(path, budget)?;
                }
            }
        }
    }

    /// The schema at `path` below `#/components/schemas/`, with its pointer and a name hint made
    /// as inline schemas are named (`Pet kind`, `Pet tags item`).
    fn follow(&self, path: &str, budget: &mut usize) -> Option<(SchemaRef<'a>, Pointer, String)> {
        let mut segments = path.split('/').map(Pointer::unescape);
        let key = segments.next()?;
        let components = self.spec.components.as_ref()?;
        let mut current = SchemaRef::from(components.schemas.get(&key)?);
        let mut pointer = Pointer::component("schemas", &key);
        let mut hint = self.component_names.get(&key)?.to_string();
        while let Some(segment) = segments.next() {
            let (schema, at) = self.target_within(current, &pointer, budget)?;
            if at != pointer {
                // Through a `$ref` to another component: name what is inside after that one.
                if let Some(name) = self.component_at(&at) {
                    hint = name.to_string();
                }
            }
            pointer = at.join(&segment);
            current = match (segment.as_str(), &schema.schema_kind) {
                ("properties", kind) => {
                    let name = segments.next()?;
                    pointer = pointer.join(&name);
                    hint = format!("{hint} {name}");
                    properties(kind)?.get(&name)?.into()
                }
                ("items", SchemaKind::Type(Type::Array(array))) => {
                    hint = format!("{hint} item");
                    array.items.as_ref()?.into()
                }
                ("items", SchemaKind::Any(any)) => {
                    hint = format!("{hint} item");
                    any.items.as_ref()?.into()
                }
                ("additionalProperties", kind) => match additional(kind)? {
                    AdditionalProperties::Schema(value) => {
                        hint = format!("{hint} value");
                        (&**value).into()
                    }
                    AdditionalProperties::Any(_) => return None,
                },
                (keyword @ ("allOf" | "oneOf" | "anyOf"), kind) => {
                    let index = segments.next()?;
                    pointer = pointer.join(&index);
                    parts(keyword, kind)?.get(index.parse::<usize>().ok()?)?.into()
                }
                _ => return None,
            };
        }
        Some((current, pointer, hint))
    }
}

impl<'a> Lowerer<'a> {
    /// The Rust name of the component schema whose pointer is `pointer`, if it is one.
    fn component_at(&self, pointer: &Pointer) -> Option<&TypeName> {
        self.component_names.get(self.component_key_at(pointer)?)
    }

    /// The key of the component schema whose pointer is `pointer`, if it is one.
    pub(super) fn component_key_at(&self, pointer: &Pointer) -> Option<&'a str> {
        let escaped = pointer.as_str().strip_prefix("/components/schemas/")?;
        if escaped.contains('/') {
            return None;
        }
        let key = Pointer::unescape(escaped);
        let schemas = &self.spec.components.as_ref()?.schemas;
        schemas.get_key_value(&key).map(|(key, _)| key.as_str())
    }
}

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

fn properties(kind: &SchemaKind) -> Option<&Properties> {
    match kind {
        SchemaKind::Type(Type::Object(object)) => Some(&object.properties),
        SchemaKind::Any(any) => Some(&any.properties),
        _ => None,
    }
}

fn additional(kind: &SchemaKind) -> Option<&AdditionalProperties> {
    match kind {
        SchemaKind::Type(Type::Object(object)) => object.additional_properties.as_ref(),
        SchemaKind::Any(any) => any.additional_properties.as_ref(),
        _ => None,
    }
}

fn parts<'s>(keyword: &str, kind: &'s SchemaKind) -> Option<&'s [ReferenceOr<Schema>]> {
    match (keyword, kind) {
        ("allOf", SchemaKind::AllOf { all_of }) => Some(all_of),
        ("oneOf", SchemaKind::OneOf { one_of }) => Some(one_of),
        ("anyOf", SchemaKind::AnyOf { any_of }) => Some(any_of),
        ("allOf", SchemaKind::Any(any)) => Some(&any.all_of),
        ("oneOf", SchemaKind::Any(any)) => Some(&any.one_of),
        ("anyOf", SchemaKind::Any(any)) => Some(&any.any_of),
        _ => None,
    }
}
