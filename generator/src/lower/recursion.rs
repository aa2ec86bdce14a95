//! Boxes the fields through which a type contains itself, so that every type has a finite size.
//!
//! `Vec` and maps already put their items on the heap; only direct containment (a field or
//! variant of a named type, optional or not) can make a type infinitely large. Aliases that
//! contain themselves become newtypes; a type that is only another name for itself is reported.

use std::collections::{BTreeMap, HashSet};

use crate::model::{TypeDef, TypeKind, TypeRef};

pub(super) fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>) {
    let contains: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_targets(&def.kind).map(str::to_owned).collect()))
        .collect();
    let cycles_back = |from: &str, to: &str| reaches(&contains, from, to);
    for (name, def) in types.iter_mut() {
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    field.boxed = named(&field.ty).is_some_and(|target| cycles_back(target, name));
                }
            }
            TypeKind::Tagged { variants, .. } => {
                for field in variants.iter_mut().flat_map(|variant| &mut variant.fields) {
                    field.boxed = named(&field.ty).is_some_and(|target| cycles_back(target, name));
                }
            }
            TypeKind::Untagged { variants } => {
                for variant in variants {
                    variant.boxed =
                        named(&variant.ty).is_some_and(|target| cycles_back(target, name));
                }
            }
            TypeKind::StringEnum { .. } | TypeKind::Alias(_) | TypeKind::Newtype(_) => {}
        }
    }
}

/// Aliases that lead back to themselves through other aliases (`type A = B; type B = Vec<A>;`)
/// cannot be expanded. Those that are an array or map become newtypes, which ends the cycle and
/// keeps a finite size; the names of the rest (pure `type A = B; type B = A;`) are returned.
pub(super) fn break_alias_cycles(types: &mut BTreeMap<String, TypeDef>) -> Vec<String> {
    let cyclic = alias_cycles(types);
    for name in &cyclic {
        if let Some(def) = types.get_mut(name) {
            if let TypeKind::Alias(ty @ (TypeRef::Vec(_) | TypeRef::Map(_))) = &def.kind {
                def.kind = TypeKind::Newtype(ty.clone());
            }
        }
    }
    alias_cycles(types)
}

fn alias_cycles(types: &BTreeMap<String, TypeDef>) -> Vec<String> {
    let aliased: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(ty) => {
                let mut targets = Vec::new();
                named_within(ty, &mut targets);
                Some((name.clone(), targets))
            }
            _ => None,
        })
        .collect();
    aliased
        .iter()
        .filter(|(name, targets)| targets.iter().any(|target| reaches(&aliased, target, name)))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every named type a type use mentions, at any depth.
fn named_within(ty: &TypeRef, found: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => found.push(name.clone()),
        TypeRef::Vec(inner) | TypeRef::Map(inner) => named_within(inner, found),
        _ => {}
    }
}

/// The named types a type holds in place (not behind a `Vec` or map).
fn direct_targets(kind: &TypeKind) -> Box<dyn Iterator<Item = &str> + '_> {
    match kind {
        TypeKind::Struct { fields, .. } => {
            Box::new(fields.iter().filter_map(|field| named(&field.ty)))
        }
        TypeKind::Tagged { variants, .. } => Box::new(
            variants
                .iter()
                .flat_map(|variant| &variant.fields)
                .filter_map(|field| named(&field.ty)),
        ),
        TypeKind::Untagged { variants } => {
            Box::new(variants.iter().filter_map(|variant| named(&variant.ty)))
        }
        TypeKind::Alias(ty) => Box::new(named(ty).into_iter()),
        // A newtype only wraps arrays and maps, which hold their items on the heap.
        TypeKind::StringEnum { .. } | TypeKind::Newtype(_) => Box::new(std::iter::empty()),
    }
}

fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

/// Whether `to` can be reached from `from` (itself included) through direct containment.
fn reaches(contains: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = HashSet::new();
    let mut pending = vec![from];
    while let Some(current) = pending.pop() {
        if current == to {
            return true;
        }
        if seen.insert(current) {
            pending.extend(contains.get(current).into_iter().flatten().map(String::as_str));
        }
    }
    false
}
