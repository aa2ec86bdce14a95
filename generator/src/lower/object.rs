//! Objects → struct fields: properties, `required`, `allOf` merging and `additionalProperties`.
//!
//! `allOf` parts are merged as the intersection they describe: their properties are concatenated
//! in order, a name required by any part is required, and `additionalProperties` of any part
//! applies. When parts give one property different types, the last part that says more than
//! "any JSON" wins; every valid value satisfies each part, so it decodes with either type.
//!
//! `anyOf` members that are all object-like are merged as the union they describe: every
//! member's properties, a name required only when every member requires it (a value need match
//! just one member), and a property the members type differently holds any of their types (an
//! untagged enum of them, `serde_json::Value` when one member allows anything). A `{}` member
//! adds nothing, so a value that is not an object fails to decode where it would match `{}`
//! rather than being kept: a pragmatic reading, as such specs mean "an object with some of these".

use std::collections::{HashMap, HashSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{docs_of_schema, SchemaRef, MAX_NESTING, SCHEMA_PREFIX};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{Additional, Docs, Field, Note, TypeKind, TypeRef, UntaggedVariant};
use crate::naming::{self, Scope};
use crate::reserved;

/// The fields of an object-like schema, before its `required` list is applied.
struct Collected {
    fields: Vec<Field>,
    /// Where each property's field is in `fields`, by wire name.
    field_index: HashMap<String, usize>,
    required: HashSet<String>,
    additional: Option<TypeRef>,
    names: Scope,
    /// Pointers of the `allOf` parts being merged, to stop at a part that includes itself.
    visiting: HashSet<String>,
    /// Pointers of the parts merged already: merging one again changes nothing, and skipping it
    /// keeps a spec that names each part twice at every level from taking exponential time.
    merged: HashSet<String>,
}

impl Default for Collected {
    fn default() -> Self {
        Collected {
            fields: Vec::new(),
            field_index: HashMap::new(),
            required: HashSet::new(),
            additional: None,
            // A field's name is also its setter's, beside the struct's other methods.
            names: Scope::reserving(reserved::TYPE_METHODS),
            visiting: HashSet::new(),
            merged: HashSet::new(),
        }
    }
}

/// The union of an `anyOf`'s members, kept so that an `anyOf` reached again (through another
/// schema's `allOf`) gives the same types, once.
#[derive(Clone)]
pub(super) struct AnyOfUnion {
    fields: Vec<Field>,
    required: HashSet<String>,
    additional: Option<TypeRef>,
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
        Some(finish(collected))
    }

    /// The `anyOf` members at `pointer` merged into one struct's contents (see the module's
    /// docs), or `None` if some member is not object-like.
    pub(super) fn any_of_object(
        &mut self,
        parent: &str,
        members: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
    ) -> Option<Object> {
        let mut collected = Collected::default();
        collected.visiting.insert(pointer.parent().as_str().to_owned());
        if !self.collect_any_of(parent, members, pointer, None, &mut collected) {
            return None;
        }
        Some(finish(collected))
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
            SchemaKind::AnyOf { any_of } => {
                return self.collect_any_of(parent, any_of, &pointer.join("anyOf"), skip, collected)
            }
            _ => return false,
        };
        let mut object_like = true;
        if let SchemaKind::Any(any) = &schema.schema_kind {
            // A scalar `type` or a `oneOf` beside the object keywords is not an object to merge.
            if !any.one_of.is_empty() || any.typ.as_deref().is_some_and(|typ| typ != "object") {
                return false;
            }
            if !any.any_of.is_empty() {
                object_like &= self.collect_any_of(
                    parent,
                    &any.any_of,
                    &pointer.join("anyOf"),
                    skip,
                    collected,
                );
            }
        }
        if let Some(all_of) = all_of.filter(|parts| !parts.is_empty()) {
            object_like &=
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
            docs: Docs::default(),
            ty,
            required: true,
            nullable: false,
            boxed: false,
            deprecated: false,
        };
        if let Some((target, _)) = self.schema_target(property, pointer) {
            let marks = self.marks(property, pointer);
            let mut docs = match property {
                SchemaRef::Inline(_) => docs_of_schema(target),
                SchemaRef::Ref(_) => Docs::default(),
            };
            if marks.read_only && marks.write_only {
                // OpenAPI forbids it: such a property would travel in neither direction.
                self.warn(pointer, "a property both `readOnly` and `writeOnly` is not supported: it is an optional field in both directions");
            } else if marks.read_only {
                docs.notes.push(Note::ReadOnly);
            }
            if marks.write_only && !marks.read_only {
                docs.notes.push(Note::WriteOnly);
            }
            field.docs = docs;
            field.nullable = marks.nullable;
            field.deprecated = marks.deprecated;
            field.required = !marks.read_only && !marks.write_only;
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
            match self.collect_part(parent, part, &pointer.join(i), skip, collected) {
                Some(object_like) => all_objects &= object_like,
                None => return false,
            }
        }
        all_objects
    }

    /// Collects one `allOf` part or `anyOf` member (at `part_pointer`): whether it is an object,
    /// or `None` (reported) when it cannot be found or includes itself.
    fn collect_part(
        &mut self,
        parent: &str,
        part: &'a ReferenceOr<Schema>,
        part_pointer: &Pointer,
        skip: Option<&str>,
        collected: &mut Collected,
    ) -> Option<bool> {
        let Some((target, target_pointer)) = self.schema_target(part.into(), part_pointer) else {
            if let ReferenceOr::Reference { reference } = part {
                self.error(
                    part_pointer,
                    format!("unresolvable $ref `{reference}`: no such schema"),
                );
            }
            return None;
        };
        // A part reached through a `$ref` names its inline schemas after its own type.
        let part_parent = match part {
            ReferenceOr::Reference { reference } => {
                let key = reference.trim_start_matches(SCHEMA_PREFIX);
                self.component_names
                    .get(key)
                    .map_or_else(|| parent.to_owned(), |name| name.to_string())
            }
            ReferenceOr::Item(_) => parent.to_owned(),
        };
        if collected.visiting.len() + self.nesting >= MAX_NESTING {
            self.error(part_pointer, format!("schemas nest more than {MAX_NESTING} deep here (through `allOf`); the generator stops at that depth"));
            return None;
        }
        if collected.visiting.contains(target_pointer.as_str()) {
            self.error(part_pointer, "`allOf` cycle: this part includes the schema itself");
            return None;
        }
        if !collected.merged.insert(target_pointer.as_str().to_owned()) {
            return Some(true);
        }
        collected.visiting.insert(target_pointer.as_str().to_owned());
        let object_like =
            self.collect_object(&part_parent, target, &target_pointer, skip, collected);
        collected.visiting.remove(target_pointer.as_str());
        Some(object_like)
    }

    /// Merges the `anyOf` members at `pointer` into `collected`, as their union; false (having
    /// collected nothing) unless every member is object-like.
    fn collect_any_of(
        &mut self,
        parent: &str,
        members: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        skip: Option<&str>,
        collected: &mut Collected,
    ) -> bool {
        let key = format!("{}#{}", pointer.as_str(), skip.unwrap_or_default());
        let union = match self.any_of_unions.get(&key) {
            Some(known) => known.clone(),
            None => {
                let union = self.any_of_union(parent, members, pointer, skip, collected);
                self.any_of_unions.insert(key, union.clone());
                union
            }
        };
        let Some(union) = union else { return false };
        collected.required.extend(union.required);
        for field in union.fields {
            match collected.fields.iter_mut().find(|earlier| earlier.wire == field.wire) {
                Some(earlier) => merge(earlier, field),
                None => {
                    let name = collected.names.claim(naming::snake_name(&field.wire));
                    collected.fields.push(Field { name, ..field });
                }
            }
        }
        if let Some(additional) = union.additional {
            if additional != TypeRef::Json || collected.additional.is_none() {
                collected.additional = Some(additional);
            }
        }
        true
    }

    /// The members' union, or `None` (having lowered nothing) unless all are object-like.
    fn any_of_union(
        &mut self,
        parent: &str,
        members: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        skip: Option<&str>,
        collected: &Collected,
    ) -> Option<AnyOfUnion> {
        let mut seen = HashMap::new();
        let all_objects = members
            .iter()
            .enumerate()
            .all(|(i, member)| self.object_like(member.into(), &pointer.join(i), &mut seen));
        if !all_objects {
            return None;
        }
        let mut views = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let mut view =
                Collected { visiting: collected.visiting.clone(), ..Collected::default() };
            if self.collect_part(parent, member, &pointer.join(i), skip, &mut view) != Some(true) {
                return None;
            }
            views.push(view);
        }
        Some(self.union_of(parent, views, pointer))
    }

    /// The union of `anyOf` members' views: every property of any member, required where every
    /// member requires it, typed with any of the types the members give it.
    fn union_of(&mut self, parent: &str, views: Vec<Collected>, pointer: &Pointer) -> AnyOfUnion {
        let mut union =
            AnyOfUnion { fields: Vec::new(), required: HashSet::new(), additional: None };
        let mut types: Vec<Vec<TypeRef>> = Vec::new();
        let mut required: Option<HashSet<String>> = None;
        let mut additional: Vec<TypeRef> = Vec::new();
        for view in views {
            for field in view.fields {
                match union.fields.iter().position(|earlier| earlier.wire == field.wire) {
                    Some(at) => {
                        let earlier = &mut union.fields[at];
                        earlier.nullable |= field.nullable;
                        earlier.required &= field.required;
                        if earlier.docs.is_empty() {
                            earlier.docs = field.docs;
                        }
                        if !types[at].contains(&field.ty) {
                            types[at].push(field.ty);
                        }
                    }
                    None => {
                        types.push(vec![field.ty.clone()]);
                        union.fields.push(field);
                    }
                }
            }
            required = Some(match required {
                None => view.required,
                Some(so_far) => so_far.intersection(&view.required).cloned().collect(),
            });
            if let Some(ty) = view.additional {
                if !additional.contains(&ty) {
                    additional.push(ty);
                }
            }
        }
        for (field, types) in union.fields.iter_mut().zip(types) {
            field.ty = self.any_of_types(&format!("{parent} {}", field.wire), types, pointer);
        }
        union.required = required.unwrap_or_default();
        // Properties beyond the named ones are kept if any member keeps them.
        if !additional.is_empty() {
            union.additional =
                Some(self.any_of_types(&format!("{parent} value"), additional, pointer));
        }
        union
    }

    /// One type for a property the `anyOf` members type as `types` (in member order): that type
    /// when they agree, any JSON when one allows anything, else an untagged enum of them.
    fn any_of_types(&mut self, hint: &str, types: Vec<TypeRef>, pointer: &Pointer) -> TypeRef {
        if types.contains(&TypeRef::Json) {
            return TypeRef::Json;
        }
        if let [only] = types.as_slice() {
            return only.clone();
        }
        let name = self.claim_type_name(hint);
        let mut scope = Scope::default();
        let variants = types
            .into_iter()
            .map(|ty| UntaggedVariant {
                name: scope.claim(super::union::variant_name(&ty)),
                ty,
                boxed: false,
            })
            .collect();
        self.define(name.clone(), Docs::default(), TypeKind::Untagged { variants }, pointer);
        TypeRef::Named(name)
    }

    /// Whether `schema` describes objects only (or anything, as `{}` does), so that it can be
    /// merged into a struct; without lowering anything. `seen` holds each schema's answer by
    /// pointer (`false` while it is being looked at, so a schema containing itself is not).
    fn object_like(
        &self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        seen: &mut HashMap<String, bool>,
    ) -> bool {
        let Some((target, at)) = self.schema_target(schema, pointer) else { return false };
        if let Some(known) = seen.get(at.as_str()) {
            return *known;
        }
        seen.insert(at.as_str().to_owned(), false);
        let mut parts_like = |keyword: &str, parts: &'a [ReferenceOr<Schema>]| {
            let at = at.join(keyword);
            parts
                .iter()
                .enumerate()
                .all(|(i, part)| self.object_like(part.into(), &at.join(i), seen))
        };
        let object_like = match &target.schema_kind {
            SchemaKind::Type(Type::Object(_)) => true,
            SchemaKind::AllOf { all_of } => parts_like("allOf", all_of),
            SchemaKind::AnyOf { any_of } => {
                target.schema_data.discriminator.is_none() && parts_like("anyOf", any_of)
            }
            SchemaKind::Any(any) => {
                any.one_of.is_empty()
                    && any.enumeration.is_empty()
                    && any.typ.as_deref().map_or(true, |typ| typ == "object")
                    && (any.typ.is_some() || any.items.is_none())
                    && parts_like("allOf", &any.all_of)
                    && parts_like("anyOf", &any.any_of)
            }
            _ => false,
        };
        seen.insert(at.as_str().to_owned(), object_like);
        object_like
    }
}

/// The struct's contents from what was collected, with the `required` list applied.
fn finish(collected: Collected) -> Object {
    let Collected { mut fields, required, additional, mut names, .. } = collected;
    for field in &mut fields {
        // A read-only property is absent from requests and a write-only one from responses,
        // so even a required one may be missing half the time.
        field.required &= required.contains(&field.wire);
    }
    let additional = additional
        .map(|ty| Additional { name: names.claim("additional_properties".to_owned()), ty });
    Object { fields, additional }
}

/// Folds a later `allOf` part's view of a property into the earlier one.
fn merge(earlier: &mut Field, later: Field) {
    if later.ty != TypeRef::Json {
        earlier.ty = later.ty;
    }
    earlier.nullable |= later.nullable;
    earlier.required &= later.required;
    if earlier.docs.is_empty() {
        earlier.docs = later.docs;
    }
}
