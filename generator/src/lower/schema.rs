//! Schemas → named types and type uses.
//!
//! An inline schema that needs a Rust type of its own (an object, a string enum, a union) is
//! named from where it stands: `Image` + `status` → `ImageStatus`. Its JSON pointer is its
//! identity, so a schema reached twice (directly and through a union) is lowered once.

use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use crate::error::Pointer;
use crate::model::{EnumVariant, Field, TypeDef, TypeKind, TypeRef};
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
                SchemaRef::Inline(schema) => self.type_kind(&name, schema, &pointer),
                reference => TypeKind::Alias(self.type_ref(reference, &name, &pointer)),
            };
            self.define(name, docs_of(schema), kind);
        }
    }

    fn define(&mut self, name: String, docs: Option<String>, kind: TypeKind) {
        self.types.insert(name.clone(), TypeDef { name, docs, kind });
    }

    /// The Rust type for a use of `schema`, defining a named type if it needs one.
    pub(super) fn type_ref(
        &mut self,
        schema: SchemaRef<'a>,
        hint: &str,
        pointer: &Pointer,
    ) -> TypeRef {
        let ty = self.lower_type_ref(schema, hint, pointer);
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
        if let Some(ty) = self.lowered.get(pointer.as_str()) {
            return ty.clone();
        }
        let name = self.claim_type_name(hint);
        let ty = TypeRef::Named(name.clone());
        self.lowered.insert(pointer.as_str().to_owned(), ty.clone());
        let kind = self.type_kind(&name, schema, pointer);
        self.define(name, docs_of_schema(schema), kind);
        ty
    }

    fn named_ref(&mut self, reference: &str, pointer: &Pointer) -> TypeRef {
        let name =
            reference.strip_prefix(SCHEMA_PREFIX).and_then(|key| self.component_names.get(key));
        match name {
            Some(name) => TypeRef::Named(name.clone()),
            None if reference.starts_with(SCHEMA_PREFIX) => {
                self.error(pointer, format!("unresolvable $ref `{reference}`: no such schema"));
                TypeRef::Json
            }
            None => {
                self.error(
                    pointer,
                    format!("unsupported $ref `{reference}`: expected `{SCHEMA_PREFIX}<name>`"),
                );
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
        let mut schema = schema;
        let mut pointer = pointer.clone();
        for _ in 0..32 {
            match schema {
                SchemaRef::Inline(found) => return Some((found, pointer)),
                SchemaRef::Ref(reference) => {
                    let key = reference.strip_prefix(SCHEMA_PREFIX)?;
                    let next = self.spec.components.as_ref()?.schemas.get(key)?;
                    pointer = Pointer::component("schemas", key);
                    schema = SchemaRef::from(next);
                }
            }
        }
        None
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
                    Some("array") => self.array_of(any.items.as_ref(), hint, pointer),
                    Some("object") => {
                        self.map_of(any.additional_properties.as_ref(), hint, pointer)
                    }
                    _ if !any.enumeration.is_empty()
                        && any.enumeration.iter().all(|v| v.is_string()) =>
                    {
                        return None
                    }
                    _ => TypeRef::Json,
                }
            }
            SchemaKind::Not { .. } => TypeRef::Json,
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
                self.union(name, any_of, discriminator, &pointer.join("anyOf"))
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.union(name, &any.one_of, discriminator, &pointer.join("oneOf"))
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                self.union(name, &any.any_of, discriminator, &pointer.join("anyOf"))
            }
            SchemaKind::Any(any)
                if !any.enumeration.is_empty()
                    && any.properties.is_empty()
                    && any.all_of.is_empty() =>
            {
                string_enum(any.enumeration.iter().filter_map(|v| v.as_str()))
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => TypeKind::Alias(self.type_ref(
                (&all_of[0]).into(),
                name,
                &pointer.join("allOf").join(0),
            )),
            _ => match self.object_fields(name, schema, pointer, None) {
                Some(fields) => TypeKind::Struct { fields },
                None => {
                    TypeKind::Alias(self.plain_type(schema, name, pointer).unwrap_or(TypeRef::Json))
                }
            },
        }
    }

    /// The properties of an object, merging `allOf` parts; `None` if the schema is not object-like.
    pub(super) fn object_fields(
        &mut self,
        parent: &str,
        schema: &'a Schema,
        pointer: &Pointer,
        skip: Option<&str>,
    ) -> Option<Vec<Field>> {
        let mut fields = Vec::new();
        let mut scope = Scope::default();
        self.collect_fields(parent, schema, pointer, skip, &mut fields, &mut scope)
            .then_some(fields)
    }

    fn collect_fields(
        &mut self,
        parent: &str,
        schema: &'a Schema,
        pointer: &Pointer,
        skip: Option<&str>,
        fields: &mut Vec<Field>,
        scope: &mut Scope,
    ) -> bool {
        let (properties, required, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required, None),
            SchemaKind::Any(any) => (&any.properties, &any.required, Some(&any.all_of)),
            SchemaKind::AllOf { all_of } => {
                return self.collect_parts(
                    parent,
                    all_of,
                    &pointer.join("allOf"),
                    skip,
                    fields,
                    scope,
                )
            }
            _ => return false,
        };
        if let Some(all_of) = all_of.filter(|parts| !parts.is_empty()) {
            self.collect_parts(parent, all_of, &pointer.join("allOf"), skip, fields, scope);
        }
        for (wire, property) in properties {
            if Some(wire.as_str()) == skip || fields.iter().any(|field| &field.wire == wire) {
                continue;
            }
            let property_pointer = pointer.join("properties").join(wire);
            let property = SchemaRef::from(property);
            let ty = self.type_ref(property, &format!("{parent} {wire}"), &property_pointer);
            let (docs, nullable) = match self.schema_target(property, &property_pointer) {
                Some((target, _)) => {
                    let docs = match property {
                        SchemaRef::Inline(_) => docs_of_schema(target),
                        SchemaRef::Ref(_) => None,
                    };
                    (docs, target.schema_data.nullable)
                }
                None => (None, false),
            };
            fields.push(Field {
                name: scope.claim(naming::snake_name(wire)),
                wire: wire.clone(),
                docs,
                ty,
                required: required.contains(wire),
                nullable,
                boxed: false,
            });
        }
        true
    }

    fn collect_parts(
        &mut self,
        parent: &str,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        skip: Option<&str>,
        fields: &mut Vec<Field>,
        scope: &mut Scope,
    ) -> bool {
        let mut all_objects = true;
        for (i, part) in parts.iter().enumerate() {
            let part_pointer = pointer.join(i);
            let Some((target, target_pointer)) = self.schema_target(part.into(), &part_pointer)
            else {
                if let ReferenceOr::Reference { reference } = part {
                    self.error(
                        &part_pointer,
                        format!("unresolvable $ref `{reference}`: no such schema"),
                    );
                }
                return false;
            };
            // A part reached through a `$ref` names its inline schemas after its own type.
            let part_parent = match part {
                ReferenceOr::Reference { reference } => {
                    let key = reference.trim_start_matches(SCHEMA_PREFIX);
                    self.component_names.get(key).cloned().unwrap_or_else(|| parent.to_owned())
                }
                ReferenceOr::Item(_) => parent.to_owned(),
            };
            all_objects &=
                self.collect_fields(&part_parent, target, &target_pointer, skip, fields, scope);
        }
        all_objects
    }
}

fn string_enum<'s>(values: impl Iterator<Item = &'s str>) -> TypeKind {
    let mut scope = Scope::default();
    let mut variants: Vec<EnumVariant> = Vec::new();
    for wire in values {
        if variants.iter().all(|variant| variant.wire != wire) {
            variants.push(EnumVariant {
                name: scope.claim(naming::type_name(wire)),
                wire: wire.to_owned(),
            });
        }
    }
    let other = ["Other", "UnknownValue", "OtherValue"]
        .into_iter()
        .find(|name| !scope.contains(name))
        .map_or_else(|| scope.claim("Other".to_owned()), str::to_owned);
    TypeKind::StringEnum { variants, other }
}

fn docs_of(schema: &ReferenceOr<Schema>) -> Option<String> {
    match schema {
        ReferenceOr::Item(schema) => docs_of_schema(schema),
        ReferenceOr::Reference { .. } => None,
    }
}

pub(super) fn docs_of_schema(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    data.description.clone().or_else(|| data.title.clone())
}
