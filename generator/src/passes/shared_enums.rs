//! Inline string enums with the same values emitted once: of the names that share a value
//! list, the first in sort order keeps the enum and the others become aliases of it, so every
//! name (and `Name::Variant`) still works, and a new copy in the spec adds one alias line, or
//! moves the enum's body when its name sorts first.
//!
//! Only inline enums, which the generator names after where they stand, are shared. A
//! component enum is a type the spec author named: it stays a type of its own, so two of them
//! keep their own `From` impls in a union and a caller's impls for each.

use std::collections::{HashMap, HashSet};

use crate::model::{EnumVariant, TypeKind, TypeName, TypeRef, Types};

/// Turns every inline string enum that repeats an earlier one's variants (same wire values in
/// the same order, same catch-all) into an alias of that earlier one. Each keeps its own docs.
pub(super) fn share(types: &mut Types, components: &HashSet<&str>) {
    let mut first: HashMap<(&[EnumVariant], &str), &TypeName> = HashMap::new();
    let mut aliases: Vec<(TypeName, TypeName)> = Vec::new();
    // `types` is sorted by name, so the first met of equal enums is the smallest name.
    for (name, def) in types.iter() {
        let TypeKind::StringEnum { variants, other } = &def.kind else { continue };
        if components.contains(name.as_str()) {
            continue;
        }
        match first.get(&(variants.as_slice(), other.as_str())) {
            Some(canonical) => aliases.push((name.clone(), (*canonical).clone())),
            None => {
                first.insert((variants, other), name);
            }
        }
    }
    for (name, canonical) in aliases {
        if let Some(def) = types.get_mut(&name) {
            def.kind = TypeKind::Alias(TypeRef::Named(canonical));
        }
    }
}
