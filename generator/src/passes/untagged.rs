//! Untagged unions tried most specific first, with no variant left that could never be chosen.
//!
//! serde decodes an untagged enum into the first variant that accepts the JSON, and a struct
//! ignores fields it does not know, so it accepts every object that has its required fields.
//! Once every type is lowered (a variant may name a component lowered later), each untagged
//! union's variants are sorted, keeping spec order among equals: integers and dates first;
//! then numbers, booleans, string enums, arrays and structs, the structs by how many fields
//! they require (most first), then by how many they know; then plain strings and maps; then
//! tagged unions (whose catch-all takes any object); any JSON last. A variant that an earlier
//! one accepts in full can never be chosen: it is dropped when the earlier one keeps everything
//! it would hold, and otherwise (two structs requiring the same fields, each knowing optional
//! fields of its own) the two become one struct with the fields of both. A union left with one
//! variant is an alias of it.
//!
//! Structs are not made to refuse unknown fields (`deny_unknown_fields`), which would tell such
//! variants apart but fail on every field a server adds later.
//!
//! Field types are compared by kind (a string enum takes any string, since its catch-all keeps
//! any; a struct in a field is known by name only), so two variants told apart only by the value
//! of a string-enum field, with no discriminator, become one: the second's value lands in the
//! first's catch-all. A `discriminator` is how a spec tells such variants apart.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::Pointer;
use crate::model::{
    Additional, Docs, Field, Note, TypeDef, TypeKind, TypeName, TypeQuery, TypeRef, Types,
    UntaggedVariant,
};
use crate::naming::{self, Scope};
use crate::reserved;

/// What JSON a type accepts, as far as telling variants apart needs.
#[derive(Clone, PartialEq)]
enum Shape {
    Integer(TypeRef),
    Number,
    Bool,
    Date,
    DateTime,
    /// Any string: `String`, or a string enum (`enumerated`), whose catch-all keeps any.
    Strings {
        enumerated: bool,
    },
    Array(Box<Shape>),
    /// A struct: with its fields when it is a variant, by name only when it is a field's type.
    Object {
        name: TypeName,
        fields: Option<ObjectShape>,
    },
    /// Objects whose values all have this (not any-JSON) type.
    Map(TypeRef),
    /// Any object: a map of any JSON, or a tagged union, whose catch-all keeps any.
    AnyObject,
    Anything,
    /// A type this pass does not look into (a nested untagged union, a newtype).
    Opaque(TypeRef),
}

#[derive(Clone, PartialEq)]
struct ObjectShape {
    /// Wire names of the fields that must be present (not `Option`).
    required: BTreeSet<String>,
    /// Every field by wire name, with its shape and whether it takes `null`.
    known: BTreeMap<String, (Shape, bool)>,
    /// The type of the flattened map of other properties, if there is one.
    additional: Option<Box<Shape>>,
}

/// Sorts every untagged union's variants and drops or merges those that could never be chosen.
/// Merged structs are new types, named in `type_names` and defined at the union's pointer.
pub(super) fn settle(
    types: &mut Types,
    type_names: &mut Scope,
    pointers: &mut HashMap<TypeName, Pointer>,
) {
    let unions: Vec<TypeName> = types
        .values()
        .filter(|def| matches!(def.kind, TypeKind::Untagged { .. }))
        .map(|def| def.name.clone())
        .collect();
    for union in unions {
        let TypeKind::Untagged { variants } = &types[&union].kind else { continue };
        let mut ranked: Vec<(UntaggedVariant, Shape)> = variants
            .iter()
            .map(|variant| (variant.clone(), shape_of(types, &variant.ty, true)))
            .collect();
        ranked.sort_by_key(|(_, shape)| rank(shape));
        let mut kept: Vec<(UntaggedVariant, Shape)> = Vec::new();
        for (variant, shape) in ranked {
            match kept.iter().position(|(_, earlier)| covers(earlier, &shape)) {
                None => kept.push((variant, shape)),
                Some(at) if keeps_all(&kept[at].1, &shape) => {}
                Some(at) => {
                    let Some(merged) = merge(types, type_names, &union, &kept, at, &variant) else {
                        continue;
                    };
                    let name = merged.name.clone();
                    let ty = TypeRef::Named(name.clone());
                    if let Some(pointer) = pointers.get(&union).cloned() {
                        pointers.insert(name.clone(), pointer);
                    }
                    types.insert(name, merged.def);
                    let shape = shape_of(types, &ty, true);
                    kept[at] = (UntaggedVariant { name: merged.variant, ty, boxed: false }, shape);
                }
            }
        }
        // One variant left is another name for it, unless that name would lead back to the
        // union (`oneOf: [{type: array, items: {$ref: U}}]`) and make a cycle of aliases.
        let kind = match kept.as_slice() {
            [(only, _)] if !TypeQuery::new(types).aliases_back_to(&only.ty, &union) => {
                TypeKind::Alias(only.ty.clone())
            }
            _ => TypeKind::Untagged { variants: kept.into_iter().map(|(v, _)| v).collect() },
        };
        if let Some(def) = types.get_mut(&union) {
            def.kind = kind;
        }
    }
}

/// The shape of `ty`, through aliases; a struct's fields are looked at when `expand`.
fn shape_of(types: &Types, ty: &TypeRef, expand: bool) -> Shape {
    let query = TypeQuery::new(types);
    let ty = query.resolve(ty);
    match ty {
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => Shape::Integer(ty.clone()),
        TypeRef::F64 => Shape::Number,
        TypeRef::Bool => Shape::Bool,
        TypeRef::Date => Shape::Date,
        TypeRef::DateTime => Shape::DateTime,
        TypeRef::String => Shape::Strings { enumerated: false },
        TypeRef::Json => Shape::Anything,
        TypeRef::Vec(item) => Shape::Array(Box::new(shape_of(types, item, false))),
        TypeRef::Map(value) if **value == TypeRef::Json => Shape::AnyObject,
        TypeRef::Map(value) => Shape::Map((**value).clone()),
        TypeRef::Named(name) => match query.kind(ty) {
            Some(TypeKind::StringEnum { .. }) => Shape::Strings { enumerated: true },
            Some(TypeKind::Tagged { .. }) => Shape::AnyObject,
            Some(TypeKind::Struct { fields, additional, .. }) => Shape::Object {
                name: name.clone(),
                fields: expand.then(|| object_shape(types, fields, additional.as_ref())),
            },
            _ => Shape::Opaque(ty.clone()),
        },
    }
}

fn object_shape(types: &Types, fields: &[Field], additional: Option<&Additional>) -> ObjectShape {
    ObjectShape {
        required: fields
            .iter()
            .filter(|field| !field.is_option())
            .map(|field| field.wire.clone())
            .collect(),
        known: fields
            .iter()
            .map(|field| {
                (field.wire.clone(), (shape_of(types, &field.ty, false), field.is_option()))
            })
            .collect(),
        additional: additional.map(|additional| Box::new(shape_of(types, &additional.ty, false))),
    }
}

/// Where a variant goes: the narrowest kinds of JSON first, structs requiring most first.
fn rank(shape: &Shape) -> (u8, Reverse<usize>, Reverse<usize>) {
    let class = |class| (class, Reverse(0), Reverse(0));
    match shape {
        Shape::Integer(_) | Shape::Date | Shape::DateTime => class(0),
        Shape::Object { fields: Some(fields), .. } => {
            (1, Reverse(fields.required.len()), Reverse(fields.known.len()))
        }
        Shape::Array(item) => rank(item),
        Shape::Strings { enumerated: false } | Shape::Map(_) => class(2),
        Shape::AnyObject => class(3),
        Shape::Anything => class(4),
        _ => class(1),
    }
}

/// Whether every JSON value that `later` accepts is also accepted by `earlier`.
fn covers(earlier: &Shape, later: &Shape) -> bool {
    match (earlier, later) {
        (Shape::Anything, _) => true,
        (Shape::AnyObject, Shape::Object { .. } | Shape::Map(_) | Shape::AnyObject) => true,
        (Shape::Strings { .. }, Shape::Strings { .. } | Shape::Date | Shape::DateTime) => true,
        (Shape::Number, Shape::Number | Shape::Integer(_)) => true,
        (Shape::Integer(wide), Shape::Integer(narrow)) => {
            wide == narrow
                || (*wide == TypeRef::I64 && matches!(narrow, TypeRef::I32 | TypeRef::U32))
                || (*wide == TypeRef::U64 && *narrow == TypeRef::U32)
        }
        (Shape::Bool, Shape::Bool)
        | (Shape::Date, Shape::Date)
        | (Shape::DateTime, Shape::DateTime) => true,
        (Shape::Array(wide), Shape::Array(narrow)) => covers(wide, narrow),
        (Shape::Map(wide), Shape::Map(narrow)) => wide == narrow,
        (Shape::Object { name: a, fields: wide }, Shape::Object { name: b, fields: narrow }) => {
            a == b
                || match (wide, narrow) {
                    (Some(wide), Some(narrow)) => object_covers(wide, narrow),
                    _ => false,
                }
        }
        (Shape::Opaque(a), Shape::Opaque(b)) => a == b,
        _ => false,
    }
}

/// Whether the struct `wide` decodes every object the struct `narrow` describes: it requires
/// nothing `narrow` may leave out, and takes every value `narrow` allows in a field both know
/// (or in its map of other properties).
fn object_covers(wide: &ObjectShape, narrow: &ObjectShape) -> bool {
    let takes = |wide: &Shape, wide_null: bool, narrow: &Shape, narrow_null: bool| {
        (wide_null || !narrow_null || *wide == Shape::Anything) && covers(wide, narrow)
    };
    wide.required.is_subset(&narrow.required)
        && narrow.known.iter().all(|(wire, (shape, null))| match wide.known.get(wire) {
            Some((wide_shape, wide_null)) => takes(wide_shape, *wide_null, shape, *null),
            None => {
                wide.additional.as_ref().map_or(true, |other| takes(other, false, shape, *null))
            }
        })
        && match (&wide.additional, &narrow.additional) {
            (Some(wide), Some(narrow)) => covers(wide, narrow),
            _ => true,
        }
}

/// Whether decoding `later`'s JSON as `earlier` (which `covers` it) loses nothing: true but for
/// a struct that knows fields the earlier one does not (and has no map to keep them in).
fn keeps_all(earlier: &Shape, later: &Shape) -> bool {
    match (earlier, later) {
        (
            Shape::Object { name: a, fields: Some(wide) },
            Shape::Object { name: b, fields: Some(narrow) },
        ) => {
            a == b
                || wide.additional.is_some()
                || (narrow.additional.is_none()
                    && narrow.known.keys().all(|wire| wide.known.contains_key(wire)))
        }
        _ => true,
    }
}

/// A struct made of two that JSON cannot tell apart.
struct Merged {
    name: TypeName,
    variant: String,
    def: TypeDef,
}

/// One struct with the fields of the kept variant at `at` and then the new ones of `later`,
/// which requires the same fields (so the merged one requires them too), as a variant of
/// `union`.
fn merge(
    types: &Types,
    type_names: &mut Scope,
    union: &str,
    kept: &[(UntaggedVariant, Shape)],
    at: usize,
    later: &UntaggedVariant,
) -> Option<Merged> {
    let earlier = &kept[at].0;
    let (first, first_additional) = struct_of(types, &earlier.ty)?;
    let (second, second_additional) = struct_of(types, &later.ty)?;
    let mut names = Scope::reserving(reserved::TYPE_METHODS);
    let mut fields: Vec<Field> = Vec::new();
    for field in first.iter().chain(second) {
        if fields.iter().all(|seen| seen.wire != field.wire) {
            fields.push(Field {
                name: names.claim(naming::snake_name(&field.wire)),
                ..field.clone()
            });
        }
    }
    let additional = first_additional.or(second_additional).map(|additional| Additional {
        name: names.claim(additional.name.clone()),
        ..additional.clone()
    });
    let variant_wanted = format!("{}Or{}", earlier.name, later.name);
    let mut variants = Scope::default();
    for (i, (other, _)) in kept.iter().enumerate() {
        if i != at {
            variants.claim(other.name.clone());
        }
    }
    let variant = variants.claim(variant_wanted);
    let name = TypeName::new(type_names.claim(naming::type_name(&format!("{union} {variant}"))));
    let merged = Note::MergedVariants { first: earlier.name.clone(), second: later.name.clone() };
    let docs = Docs { description: None, notes: vec![merged] };
    let def =
        TypeDef::new(name.clone(), docs, TypeKind::Struct { fields, additional, constant: None });
    Some(Merged { name, variant, def })
}

/// The fields of the struct `ty` names, through aliases.
fn struct_of<'t>(types: &'t Types, ty: &TypeRef) -> Option<(&'t [Field], Option<&'t Additional>)> {
    let found = TypeQuery::new(types).struct_of(ty)?;
    Some((found.fields, found.additional))
}
