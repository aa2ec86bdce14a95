//! Schemas → named types and type uses.
//!
//! An inline schema that needs a Rust type of its own (an object, a string enum, a union) is
//! named from where it stands: `Image` + `status` → `ImageStatus`. Its JSON pointer is its
//! identity, so a schema reached twice (directly and through a union) is lowered once.

use std::collections::HashSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use crate::error::Pointer;
use crate::model::{Docs, EnumVariant, Note, TypeDef, TypeKind, TypeName, TypeRef};
use crate::naming::{self, Scope};

/// A schema as it stands in the document: a `$ref` or written in place.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

pub(super) const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How deep schemas may nest inside one another (through properties, items, unions, `allOf`
/// parts or `$ref`s into other schemas) before lowering stops with an error: lowering recurses
/// once per level, and a spec must not be able to exhaust the stack.
pub(super) const MAX_NESTING: usize = 100;

impl<'a> Lowerer<'a> {
    /// Defines one named type per entry of `#/components/schemas`, in spec order.
    pub(super) fn component_schemas(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let name = self.component_names[key].clone();
            let pointer = Pointer::component("schemas", key);
            let kind = match SchemaRef::from(schema) {
                // Scalars, arrays, maps and empty schemas become aliases, as they would inline.
                SchemaRef::Inline(schema) => match self.plain_type(schema, &name, &pointer) {
                    Some(ty) => TypeKind::Alias(ty),
                    None => self.type_kind(&name, schema, &pointer),
                },
                reference => TypeKind::Alias(self.type_ref(reference, &name, &pointer)),
            };
            self.define(name, docs_of(schema), kind, &pointer);
        }
    }

    pub(super) fn define(&mut self, name: TypeName, docs: Docs, kind: TypeKind, pointer: &Pointer) {
        self.pointers.insert(name.clone(), pointer.clone());
        self.types.insert(name.clone(), TypeDef::new(name, docs, kind));
    }

    /// The Rust type for a use of `schema`, defining a named type if it needs one.
    pub(super) fn type_ref(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &Pointer,
    ) -> TypeRef {
        if self.nesting >= MAX_NESTING {
            self.error(pointer, format!("schemas nest more than {MAX_NESTING} deep here; the generator stops at that depth"));
            return TypeRef::Json;
        }
        self.nesting += 1;
        let ty = self.lower_type_ref(schema, hint, pointer);
        self.nesting -= 1;
        self.note_for_examples(schema, pointer, &ty);
        ty
    }

    fn lower_type_ref(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &Pointer) -> TypeRef {
        let schema = match schema {
            SchemaRef::Ref(reference) => return self.named_ref(reference, pointer),
            SchemaRef::Inline(schema) => schema,
        };
        if let Some(ty) = self.plain_type(schema, hint, pointer) {
            return ty;
        }
        // `allOf: [$ref]` (the OpenAPI 3.0 way to add `nullable` or a description to a `$ref`)
        // and one-part unions are the part itself; a type of their own would only rename it.
        if let Some((part, part_pointer)) = single_part(schema, pointer) {
            return self.type_ref(part.into(), hint, &part_pointer);
        }
        if let Some(ty) = self.lowered.get(pointer.as_str()) {
            return ty.clone();
        }
        let name = self.claim_type_name(hint);
        let ty = TypeRef::Named(name.clone());
        self.lowered.insert(pointer.as_str().to_owned(), ty.clone());
        let kind = self.type_kind(&name, schema, pointer);
        self.define(name, docs_of_schema(schema), kind, pointer);
        ty
    }

    /// Types that need no definition of their own: scalars, arrays and free-form maps.
    fn plain_type(&mut self, schema: &'a Schema, hint: &str, pointer: &Pointer) -> Option<TypeRef> {
        Some(match &schema.schema_kind {
            SchemaKind::Type(Type::String(string))
                if string.enumeration.iter().all(Option::is_none) =>
            {
                match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                    _ => TypeRef::String,
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uint32" => TypeRef::U32,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uint64" => TypeRef::U64,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(_)) => TypeRef::F64,
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(array)) => {
                self.array_of(array.items.as_ref(), hint, pointer)
            }
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                self.map_of(object.additional_properties.as_ref(), hint, pointer)
            }
            SchemaKind::Any(any)
                if any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty() =>
            {
                match any.typ.as_deref() {
                    _ if string_values(&any.enumeration) => return None,
                    // Mixed enums, and `enum` besides a `type` it does not fit, accept any JSON:
                    // so does an integer `enum` with a value beyond `i64`, which `openapiv3`
                    // cannot read as an integer schema.
                    _ if !any.enumeration.is_empty() => {
                        self.warn(pointer, "an `enum` that is not all strings is not supported: any JSON is accepted");
                        TypeRef::Json
                    }
                    Some("array") => self.array_of(any.items.as_ref(), hint, pointer),
                    Some("object") => {
                        self.map_of(any.additional_properties.as_ref(), hint, pointer)
                    }
                    // A scalar `type` with keywords of another type beside it (`minimum` on a
                    // string, say), which `openapiv3` cannot place: the `type` decides.
                    Some("string") => TypeRef::String,
                    Some("integer") => TypeRef::I64,
                    Some("number") => TypeRef::F64,
                    Some("boolean") => TypeRef::Bool,
                    _ => TypeRef::Json,
                }
            }
            SchemaKind::Not { .. } => {
                self.warn(pointer, "`not` is not supported: any JSON is accepted");
                TypeRef::Json
            }
            _ => return None,
        })
    }

    fn array_of(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        hint: &str,
        pointer: &Pointer,
    ) -> TypeRef {
        let item = match items {
            Some(items) => {
                self.type_ref(items.into(), &format!("{hint} item"), &pointer.join("items"))
            }
            None => TypeRef::Json,
        };
        TypeRef::Vec(Box::new(item))
    }

    fn map_of(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        hint: &str,
        pointer: &Pointer,
    ) -> TypeRef {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self.type_ref(
                (&**schema).into(),
                &format!("{hint} value"),
                &pointer.join("additionalProperties"),
            ),
            _ => TypeRef::Json,
        };
        TypeRef::Map(Box::new(value))
    }

    /// What a named type made from `schema` looks like.
    fn type_kind(&mut self, name: &str, schema: &'a Schema, pointer: &Pointer) -> TypeKind {
        let discriminator = schema.schema_data.discriminator.as_ref();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string))
                if string.enumeration.iter().any(Option::is_some) =>
            {
                let values = string.enumeration.iter().flatten().map(String::as_str);
                string_enum(values)
            }
            SchemaKind::OneOf { one_of } => {
                self.union(name, one_of, discriminator, &pointer.join("oneOf"))
            }
            SchemaKind::AnyOf { any_of } => {
                self.any_of(name, any_of, discriminator, &pointer.join("anyOf"))
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.union(name, &any.one_of, discriminator, &pointer.join("oneOf"))
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                self.any_of(name, &any.any_of, discriminator, &pointer.join("anyOf"))
            }
            SchemaKind::Any(any)
                if string_values(&any.enumeration)
                    && any.properties.is_empty()
                    && any.all_of.is_empty() =>
            {
                string_enum(any.enumeration.iter().filter_map(|v| v.as_str()))
            }
            SchemaKind::AllOf { all_of } if all_of.is_empty() => TypeKind::Alias(TypeRef::Json),
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => TypeKind::Alias(self.type_ref(
                (&all_of[0]).into(),
                name,
                &pointer.join("allOf").join(0),
            )),
            _ => {
                // A discriminator with no union beside it: the schemas extending this one.
                let inherited = discriminator.and_then(|d| self.inheritance(name, d, pointer));
                if let Some(kind) = inherited {
                    return kind;
                }
                match self.object(name, schema, pointer, None) {
                    Some(object) => TypeKind::Struct {
                        fields: object.fields,
                        additional: object.additional,
                        constant: None,
                    },
                    None => TypeKind::Alias(match self.plain_type(schema, name, pointer) {
                        Some(ty) => ty,
                        None => {
                            self.warn(pointer, "an object combined with a union or a scalar (`allOf`, or properties beside `oneOf`) is not supported: any JSON is accepted");
                            TypeRef::Json
                        }
                    }),
                }
            }
        }
    }
}

/// The one part of a schema that is nothing but `allOf`, `oneOf` or `anyOf` of one schema (and
/// has no discriminator), with the part's pointer.
fn single_part<'a>(
    schema: &'a Schema,
    pointer: &Pointer,
) -> Option<(&'a ReferenceOr<Schema>, Pointer)> {
    if schema.schema_data.discriminator.is_some() {
        return None;
    }
    let (keyword, parts) = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => ("allOf", all_of),
        SchemaKind::OneOf { one_of } => ("oneOf", one_of),
        SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
        _ => return None,
    };
    if let [only] = parts.as_slice() {
        return Some((only, pointer.join(keyword).join(0)));
    }
    // `allOf: [$ref, {description, maxLength…}]`: the other parts say nothing of the shape.
    let mut shaped = (parts.iter().enumerate()).filter(|(_, part)| !says_nothing_of_shape(part));
    match (keyword, shaped.next(), shaped.next()) {
        ("allOf", Some((at, part)), None) => Some((part, pointer.join(keyword).join(at))),
        _ => None,
    }
}

/// Whether a schema holds only annotations and validation keywords (a description, an
/// example, `maxLength`…), no type, properties, items, enum or composition.
fn says_nothing_of_shape(schema: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = schema else { return false };
    let SchemaKind::Any(any) = &schema.schema_kind else { return false };
    any.typ.is_none()
        && any.properties.is_empty()
        && any.required.is_empty()
        && any.additional_properties.is_none()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
        && schema.schema_data.discriminator.is_none()
}

/// What the schemas a use of a type passes through say of its values: `nullable`, `readOnly`,
/// `writeOnly` and `deprecated` hold when any of them says so, the `$ref`'d schema, the
/// `allOf` that only annotates it, or one of the annotations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Marks {
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
}

impl Marks {
    fn add(&mut self, data: &openapiv3::SchemaData) {
        self.nullable |= data.nullable;
        self.read_only |= data.read_only;
        self.write_only |= data.write_only;
        self.deprecated |= data.deprecated;
    }
}

impl<'a> Lowerer<'a> {
    /// The marks of `schema` (at `pointer`), through every `$ref` and every wrapper that is only
    /// another name for its one shaped part, as `lower_type_ref` sees through them: DigitalOcean
    /// writes `allOf: [{$ref: nullable_window}, {description: …}]`.
    pub(super) fn marks(&self, schema: SchemaRef<'a>, pointer: &Pointer) -> Marks {
        let mut marks = Marks::default();
        let mut seen: Vec<Pointer> = Vec::new();
        let mut next = Some((schema, pointer.clone()));
        while let Some((schema, at)) = next.take() {
            let Some((target, at)) = self.schema_target(schema, &at) else { break };
            // One-part unions may name each other in a circle, which passes report later.
            if seen.contains(&at) {
                break;
            }
            marks.add(&target.schema_data);
            if let SchemaKind::AllOf { all_of } = &target.schema_kind {
                for part in all_of.iter().filter(|part| says_nothing_of_shape(part)) {
                    if let ReferenceOr::Item(part) = part {
                        marks.add(&part.schema_data);
                    }
                }
            }
            next = single_part(target, &at).map(|(part, at)| (SchemaRef::from(part), at));
            seen.push(at);
        }
        marks
    }
}

/// Whether an untyped `enum` lists strings (and perhaps `null`, which `nullable` covers).
fn string_values(values: &[serde_json::Value]) -> bool {
    values.iter().any(serde_json::Value::is_string)
        && values.iter().all(|value| value.is_string() || value.is_null())
}

fn string_enum<'s>(values: impl Iterator<Item = &'s str>) -> TypeKind {
    let mut scope = Scope::default();
    let mut variants: Vec<EnumVariant> = Vec::new();
    let mut seen = HashSet::new();
    for wire in values {
        if seen.insert(wire) {
            variants.push(EnumVariant {
                name: scope.claim(naming::variant_name(wire)),
                wire: wire.to_owned(),
            });
        }
    }
    let other = catch_all_name(&mut scope);
    TypeKind::StringEnum { variants, other }
}

/// The name of an enum's catch-all variant, clear of the names its known variants took.
pub(super) fn catch_all_name(scope: &mut Scope) -> String {
    ["Other", "UnknownValue", "OtherValue"]
        .into_iter()
        .find(|name| !scope.contains(name))
        .map_or_else(|| scope.claim("Other".to_owned()), str::to_owned)
}

fn docs_of(schema: &ReferenceOr<Schema>) -> Docs {
    match schema {
        ReferenceOr::Item(schema) => docs_of_schema(schema),
        ReferenceOr::Reference { .. } => Docs::default(),
    }
}

/// The description (or title) of a schema, with what its Rust type cannot say ([`notes`]).
pub(super) fn docs_of_schema(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    let description = data.description.clone().or_else(|| data.title.clone());
    Docs { description, notes: notes(schema) }
}

/// What a schema's Rust type cannot say: the values a non-string enum allows, the constraints
/// on its values, and the default the server assumes. A default is documented, not applied: the
/// server applies it, and a field left `None` (so left out of the request) lets it.
pub(super) fn notes(schema: &Schema) -> Vec<Note> {
    let values = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(integer)) => listed(&integer.enumeration),
        SchemaKind::Type(Type::Number(number)) => listed(&number.enumeration),
        SchemaKind::Type(Type::Boolean(boolean)) => listed(&boolean.enumeration),
        SchemaKind::Any(any) if !any.enumeration.iter().all(serde_json::Value::is_string) => {
            listed(&any.enumeration.iter().map(Some).collect::<Vec<_>>())
        }
        _ => Vec::new(),
    };
    let mut notes: Vec<Note> = Vec::new();
    notes.extend((!values.is_empty()).then_some(Note::OneOf(values)));
    notes.extend(super::constraints::constraints(schema));
    // A long default (a whole object, say) would crowd the docs out.
    let default = schema.schema_data.default.as_ref().map(serde_json::Value::to_string);
    notes.extend(default.filter(|text| text.len() <= 80).map(Note::Default));
    notes
}

/// Enum values as JSON text, `null` for a missing one.
fn listed<T: serde::Serialize>(values: &[Option<T>]) -> Vec<String> {
    values.iter().map(|value| serde_json::to_string(value).unwrap_or_default()).collect()
}
