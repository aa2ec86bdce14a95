//! `oneOf`/`anyOf` → tagged enums (with a `discriminator`), structs (an `anyOf` of objects) or
//! untagged enums, whose order `passes/untagged.rs` settles once every type is known.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

use super::schema::{catch_all_name, docs_of_schema, SchemaRef, SCHEMA_PREFIX};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{TaggedVariant, TypeKind, TypeRef, UntaggedVariant, VariantSetter};
use crate::naming::{self, Scope};
use crate::reserved;

impl<'a> Lowerer<'a> {
    /// `anyOf` (at `pointer`): tagged when there is a discriminator; an object matching one or
    /// more of several objects written in place (DigitalOcean's partial link sets) is one struct
    /// holding all their properties (nothing is lost, as it would be by picking one variant);
    /// anything else, and named schemas each a type of its own (Stripe's `anyOf: [customer,
    /// deleted_customer]`), is an untagged union, whose variants `passes/untagged.rs` merges
    /// where JSON cannot tell them apart.
    pub(super) fn any_of(
        &mut self,
        name: &str,
        members: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
        pointer: &Pointer,
    ) -> TypeKind {
        let named = |member: &ReferenceOr<Schema>| match member {
            ReferenceOr::Reference { reference } => {
                reference.strip_prefix(SCHEMA_PREFIX).is_some_and(|key| !key.contains('/'))
            }
            ReferenceOr::Item(_) => false,
        };
        if discriminator.is_none() && members.len() > 1 && !members.iter().all(named) {
            if let Some(object) = self.any_of_object(name, members, pointer) {
                return TypeKind::Struct {
                    fields: object.fields,
                    additional: object.additional,
                    constant: None,
                };
            }
        }
        self.union(name, members, discriminator, pointer)
    }

    /// `oneOf`/`anyOf` (at `pointer`): a tagged enum when there is a discriminator, otherwise an
    /// untagged one.
    pub(super) fn union(
        &mut self,
        name: &str,
        variants: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
        pointer: &Pointer,
    ) -> TypeKind {
        if let Some(discriminator) = discriminator {
            if let Some(kind) = self.tagged_union(name, variants, discriminator, pointer) {
                return kind;
            }
        }
        // `oneOf: []` allows nothing and `anyOf: []` is invalid; neither is worth refusing a spec.
        if variants.is_empty() {
            return TypeKind::Alias(TypeRef::Json);
        }
        if let [only] = variants {
            return TypeKind::Alias(self.type_ref(only.into(), name, &pointer.join(0)));
        }
        let mut scope = Scope::default();
        let variants: Vec<UntaggedVariant> = variants
            .iter()
            .enumerate()
            .map(|(i, variant)| {
                // An inline member is named from its `title` ("Transfer To Email"), else from
                // its shape when that tells it apart, else by its place.
                let label = match variant {
                    ReferenceOr::Item(schema) => {
                        schema.schema_data.title.clone().or_else(|| shape_label(schema, variants))
                    }
                    ReferenceOr::Reference { .. } => None,
                };
                let hint = match &label {
                    Some(label) => format!("{name} {label}"),
                    None => format!("{name} variant {}", i + 1),
                };
                let ty = self.type_ref(variant.into(), &hint, &pointer.join(i));
                // A member that is no type of its own (a string, a list) is named after what
                // it holds, whatever its label.
                let wanted = match (&label, &ty) {
                    (Some(label), TypeRef::Named(_)) => naming::variant_name(label),
                    _ => variant_name(&ty),
                };
                UntaggedVariant { name: scope.claim(wanted), ty, boxed: false }
            })
            .collect();
        TypeKind::Untagged { variants }
    }

    fn tagged_union(
        &mut self,
        name: &str,
        variants: &'a [ReferenceOr<Schema>],
        discriminator: &'a Discriminator,
        pointer: &Pointer,
    ) -> Option<TypeKind> {
        let candidates = variants
            .iter()
            .enumerate()
            .map(|(i, variant)| Candidate {
                schema: variant.into(),
                pointer: pointer.join(i),
                key: match variant {
                    ReferenceOr::Reference { reference } => reference.strip_prefix(SCHEMA_PREFIX),
                    ReferenceOr::Item(_) => None,
                },
            })
            .collect();
        self.tagged(name, candidates, discriminator)
    }

    /// A tagged enum with a variant per candidate, or `None` if some candidate is not an object
    /// or has no tag value of its own.
    pub(super) fn tagged(
        &mut self,
        name: &str,
        candidates: Vec<Candidate<'a>>,
        discriminator: &'a Discriminator,
    ) -> Option<TypeKind> {
        let tag = discriminator.property_name.as_str();
        let mut scope = Scope::default();
        let mut constructors = Scope::reserving(reserved::TYPE_METHODS);
        let mut tagged = Vec::new();
        let mapped = mapped_values(discriminator);
        // Tag values already selecting a variant.
        let mut taken: HashSet<String> = HashSet::new();
        // Variants whose `additionalProperties` a tagged variant cannot keep.
        let mut loosened = Vec::new();
        for (i, candidate) in candidates.into_iter().enumerate() {
            let (target, target_pointer) =
                self.schema_target(candidate.schema, &candidate.pointer)?;
            let (wires, parent) = match candidate.key {
                Some(key) => (
                    mapped.get(key).cloned().unwrap_or_else(|| vec![key.to_owned()]),
                    self.component_names
                        .get(key)
                        .map_or_else(|| name.to_owned(), |name| name.to_string()),
                ),
                None => (tag_values(target, tag), format!("{name} {}", i + 1)),
            };
            // Each tag value selects one variant, and each value of a schema that several
            // select is a variant of its own with the same fields (`reboot` and `power_off`
            // are both a droplet action of no other field). A schema without a value of its own
            // (or one that is not an object) makes the union untagged instead.
            let wires: Vec<String> =
                wires.into_iter().filter(|wire| taken.insert(wire.clone())).collect();
            if wires.is_empty() {
                return None;
            }
            let object = self.object(&parent, target, &target_pointer, Some(tag))?;
            if object.additional.is_some() {
                loosened.push(target_pointer);
            }
            let docs = docs_of_schema(target);
            for wire in wires {
                tagged.push(TaggedVariant {
                    name: scope.claim(naming::variant_name(&wire)),
                    constructor: constructors.claim(naming::snake_name(&wire)),
                    wire,
                    docs: docs.clone(),
                    fields: object.fields.clone(),
                });
            }
        }
        for pointer in loosened {
            self.warn(&pointer, "`additionalProperties` on a variant of a discriminated union is not supported: other properties are ignored");
        }
        let other = catch_all_name(&mut scope);
        let setters = variant_setters(&tagged, &mut constructors);
        Some(TypeKind::Tagged { tag: tag.to_owned(), variants: tagged, other, setters })
    }
}

/// A setter per optional field of the variants, shared by the variants whose field of that name
/// has the same type, named after the field in the scope of the variant constructors.
fn variant_setters(variants: &[TaggedVariant], methods: &mut Scope) -> Vec<VariantSetter> {
    let mut setters: Vec<VariantSetter> = Vec::new();
    // (field name, type) → its setter, so that a variant of 100,000 fields stays linear.
    let mut index: BTreeMap<(&str, &TypeRef), usize> = BTreeMap::new();
    for variant in variants {
        for field in variant.fields.iter().filter(|field| field.is_option()) {
            match index.entry((&field.name, &field.ty)) {
                Entry::Occupied(at) => setters[*at.get()].variants.push(variant.name.clone()),
                Entry::Vacant(at) => {
                    at.insert(setters.len());
                    setters.push(VariantSetter {
                        name: methods.claim(field.name.clone()),
                        field: field.name.clone(),
                        ty: field.ty.clone(),
                        variants: vec![variant.name.clone()],
                    });
                }
            }
        }
    }
    setters
}

/// A schema a discriminator may select: where it stands, and its component key if it has one.
pub(super) struct Candidate<'a> {
    pub schema: SchemaRef<'a>,
    pub pointer: Pointer,
    pub key: Option<&'a str>,
}

/// The discriminator values that select each component schema, by key, from the `mapping`
/// (whose targets may be refs or bare schema names); a schema it does not name is selected by
/// its key.
fn mapped_values(discriminator: &Discriminator) -> HashMap<&str, Vec<String>> {
    let mut values: HashMap<&str, Vec<String>> = HashMap::new();
    for (value, target) in &discriminator.mapping {
        values.entry(mapping_key(target)).or_default().push(value.clone());
    }
    values
}

/// The component key a `mapping` target names, whether written as a `$ref` or a bare name.
pub(super) fn mapping_key(target: &str) -> &str {
    target.strip_prefix(SCHEMA_PREFIX).unwrap_or(target)
}

/// The values an inline variant allows for the discriminator property (its `enum`).
fn tag_values(schema: &Schema, tag: &str) -> Vec<String> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return Vec::new(),
    };
    match properties.get(tag) {
        Some(ReferenceOr::Item(property)) => match &property.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                string.enumeration.iter().flatten().cloned().collect()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A name for an untitled inline member of an untagged union from its shape, where that is
/// plain: an enum of one value is named after it (`''`, Stripe's "empty string unsets" member,
/// is `empty`); the only inline object among the members is `object` (GitHub's labels, a
/// string or an object); one of several is named after the property only it requires (`{id}`
/// or `{head_ref}`), if there is exactly one. Anything else is left to its place (`None`).
fn shape_label(schema: &Schema, members: &[ReferenceOr<Schema>]) -> Option<String> {
    if let SchemaKind::Type(Type::String(string)) = &schema.schema_kind {
        return match string.enumeration.as_slice() {
            [Some(value)] if value.is_empty() => Some("empty".to_owned()),
            [Some(value)] => Some(value.clone()),
            _ => None,
        };
    }
    let required = object_required(schema)?;
    let others: Vec<&Vec<String>> = (members.iter())
        .filter_map(|member| member.as_item())
        .filter(|member| !std::ptr::eq(*member, schema))
        .filter_map(object_required)
        .collect();
    if others.is_empty() {
        return Some("object".to_owned());
    }
    let mut own = required.iter().filter(|name| others.iter().all(|other| !other.contains(name)));
    match (own.next(), own.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// The required properties of an inline object schema, `None` if it is no object.
fn object_required(schema: &Schema) -> Option<&Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(&object.required),
        SchemaKind::Any(any) if !any.properties.is_empty() => Some(&any.required),
        _ => None,
    }
}

/// A variant of an untagged union is named after what it holds.
pub(super) fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "Integer".into(),
        TypeRef::F64 => "Number".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Named(name) => name.to_string(),
        TypeRef::Vec(item) => format!("{}List", variant_name(item)),
        TypeRef::Map(value) => format!("{}Map", variant_name(value)),
    }
}
