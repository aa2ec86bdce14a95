//! Required properties that allow one string become constants of their struct, not fields of
//! a one-value enum: Stripe puts `object: {type: string, enum: [customer]}` on every resource.
//!
//! Only a struct's first such property (serde writes one tag a struct), and only required ones
//! that are not nullable: an optional one, or one used elsewhere (a parameter, an array's items,
//! a union's variant), keeps its enum. An enum left with no use is dropped.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Constant, Example, Group, TypeKind, TypeName, TypeQuery, TypeRef, Types};

/// Turns the properties into constants, then drops the enums nothing names any more.
pub(super) fn make_constants(
    types: &mut Types,
    groups: &[Group],
    error_body: &Option<TypeRef>,
    examples: &[Example],
) {
    let single: BTreeMap<TypeName, String> = (types.values())
        .filter_map(|def| match &def.kind {
            TypeKind::StringEnum { variants, .. } if variants.len() == 1 => {
                Some((def.name.clone(), variants[0].wire.clone()))
            }
            _ => None,
        })
        .collect();
    if single.is_empty() {
        return;
    }
    let mut maybe_unused = BTreeSet::new();
    for def in types.values_mut() {
        let TypeKind::Struct { fields, additional: None, constant: constant @ None } =
            &mut def.kind
        else {
            continue;
        };
        let one_value = |field: &crate::model::Field| match &field.ty {
            TypeRef::Named(name) if field.required && !field.nullable && !field.boxed => {
                single.get(name).map(|value| (name.clone(), value.clone()))
            }
            _ => None,
        };
        let Some((at, (enum_name, value))) =
            fields.iter().enumerate().find_map(|(at, field)| Some((at, one_value(field)?)))
        else {
            continue;
        };
        let field = fields.remove(at);
        // A keyword's field is `type_`; its constant `TYPE` is no keyword. The name is claimed
        // in no scope: it is upper case only, so no setter or method (snake case) can meet it.
        let bare = field.name.trim_end_matches('_');
        let name = if bare.is_empty() { &field.name } else { bare }.to_ascii_uppercase();
        *constant = Some(Constant { name, wire: field.wire, value, docs: field.docs });
        maybe_unused.insert(enum_name);
    }
    let others = (types.keys())
        .filter(|name| !maybe_unused.contains(*name))
        .map(|name| TypeRef::Named(name.clone()))
        .collect::<Vec<_>>();
    let roots = (groups.iter().flat_map(|group| &group.operations))
        .flat_map(|operation| operation.type_refs())
        .chain(error_body)
        .chain(examples.iter().map(|example| &example.ty))
        .chain(&others);
    let used: BTreeSet<TypeName> =
        TypeQuery::new(types).reachable(roots).into_iter().cloned().collect();
    types.retain(|name, _| !maybe_unused.contains(name) || used.contains(name));
}
