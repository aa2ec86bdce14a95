//! Objects → struct fields: properties, `required`, `allOf` merging and `additionalProperties`.
//!
//! `allOf` parts are merged as the intersection they describe: their properties are concatenated
//! in order, a name required by any part is required, and `additionalProperties` of any part
//! applies. When parts give one property different types, the last part that says more than
//! "any JSON" wins; every valid value satisfies each part, so it decodes with either type.

use std::collections::{HashMap, HashSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{docs_of_schema, SchemaRef, MAX_NESTING, SCHEMA_PREFIX};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{Additional, Field, TypeRef};
use crate::naming::{self, Scope};

/// The fields of an object-like schema, before its `required` list is applied.
#[derive(Default)]
struct Collected {
    fields: Vec<Field>,
    /// Where each property's field is in `fields`, by wire name.
    field_index: HashMap<String, usize>,
    required: HashSet<String>,
    additional: Option<TypeRef>,
    names: Scope,
    /// Pointers of the `allOf` parts being merged, to stop at a part that includes itself.
    visiting: HashSet<String>,
}

/// An object schema as a struct's contents.
pub(super) struct Object {
    pub fields: Vec<Field>,
    pub additional: Option<Additional>,
}

impl<'a> Lowerer<'a> {
    /// The properties of an object, merging `allOf` parts; `None` if the schema is not object-like.
    /// `skip` is a property left out (a discriminator, which the enum's tag carries).
    pub(super) fn object(
        &mut self,
        parent: &str,
        schema: &'a Schema,
        pointer: &Pointer,
        skip: Option<&str>,
    ) -> Option<Object> {
        let mut collected = Collected::default();
        collected.visiting.insert(pointer.as_str().to_owned());
        if !self.collect_object(parent, schema, pointer, skip, &mut collected) {
            return None;
        }
        let Collected { mut fields, required, additional, mut names, .. } = collected;
        for field in &mut fields {
            // A read-only property is absent from requests and a write-only one from responses,
            // so even a required one may be missing half the time.
            field.required &= required.contains(&field.wire);
        }
        let additional = additional
            .map(|ty| Additional { name: names.claim("additional_properties".to_owned()), ty });
        Some(Object { fields, additional })
    }

    fn collect_object(
        &mut self,
        parent: &str,
        schema: &'a Schema,
        pointer: &Pointer,
        skip: Option<&str>,
        collected: &mut Collected,
    ) -> bool {
        let (properties, required, additional, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                (&object.properties, &object.required, object.additional_properties.as_ref(), None)
            }
            SchemaKind::Any(any) => (
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                Some(&any.all_of),
            ),
            SchemaKind::AllOf { all_of } => {
                return self.collect_parts(parent, all_of, &pointer.join("allOf"), skip, collected)
            }
            _ => return false,
        };
        let mut object_like = true;
        if let Some(all_of) = all_of.filter(|parts| !parts.is_empty()) {
            object_like =
                self.collect_parts(parent, all_of, &pointer.join("allOf"), skip, collected);
        }
        collected.required.extend(required.iter().cloned());
        for (wire, property) in properties {
            if Some(wire.as_str()) == skip {
                continue;
            }
            let property_pointer = pointer.join("properties").join(wire);
            let field = self.field(parent, wire, property.into(), &property_pointer);
            match collected.field_index.get(wire) {
                Some(&at) => merge(&mut collected.fields[at], field),
                None => {
                    let name = collected.names.claim(naming::snake_name(wire));
                    collected.field_index.insert(wire.clone(), collected.fields.len());
                    collected.fields.push(Field { name, ..field });
                }
            }
        }
        match additional {
            Some(AdditionalProperties::Any(true)) => {
                collected.additional.get_or_insert(TypeRef::Json);
            }
            Some(AdditionalProperties::Schema(value)) => {
                let ty = self.type_ref(
                    (&**value).into(),
                    &format!("{parent} value"),
                    &pointer.join("additionalProperties"),
                );
                if ty != TypeRef::Json || collected.additional.is_none() {
                    collected.additional = Some(ty);
                }
            }
            Some(AdditionalProperties::Any(false)) | None => {}
        }
        object_like
    }

    /// One property as a field; its name is claimed by the caller, once it is known to be new.
    fn field(
        &mut self,
        parent: &str,
        wire: &str,
        property: SchemaRef<'a>,
        pointer: &Pointer,
    ) -> Field {
        let ty = self.type_ref(property, &format!("{parent} {wire}"), pointer);
        let mut field = Field {
            name: String::new(),
            wire: wire.to_owned(),
            docs: None,
            ty,
            required: true,
            nullable: false,
            boxed: false,
        };
        if let Some((target, _)) = self.schema_target(property, pointer) {
            let data = &target.schema_data;
            let mut docs: Vec<String> = match property {
                SchemaRef::Inline(_) => docs_of_schema(target).into_iter().collect(),
                SchemaRef::Ref(_) => Vec::new(),
            };
            if data.read_only {
                docs.push("Read-only: sent by the server, ignored in requests.".to_owned());
            }
            if data.write_only {
                docs.push("Write-only: sent in requests, never returned.".to_owned());
            }
            field.docs = (!docs.is_empty()).then(|| docs.join("\n\n"));
            field.nullable = data.nullable;
            field.required = !data.read_only && !data.write_only;
        }
        field
    }

    fn collect_parts(
        &mut self,
        parent: &str,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        skip: Option<&str>,
        collected: &mut Collected,
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
            if collected.visiting.len() + self.nesting >= MAX_NESTING {
                self.error(&part_pointer, format!("schemas nest more than {MAX_NESTING} deep here (through `allOf`); the generator stops at that depth"));
                return false;
            }
            if !collected.visiting.insert(target_pointer.as_str().to_owned()) {
                self.error(&part_pointer, "`allOf` cycle: this part includes the schema itself");
                return false;
            }
            all_objects &=
                self.collect_object(&part_parent, target, &target_pointer, skip, collected);
            collected.visiting.remove(target_pointer.as_str());
        }
        all_objects
    }
}

/// Folds a later `allOf` part's view of a property into the earlier one.
fn merge(earlier: &mut Field, later: Field) {
    if later.ty != TypeRef::Json {
        earlier.ty = later.ty;
    }
    earlier.nullable |= later.nullable;
    earlier.required &= later.required;
    if earlier.docs.is_none() {
        earlier.docs = later.docs;
    }
}
