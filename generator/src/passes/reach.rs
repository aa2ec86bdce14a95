//! Who needs each type: the groups whose operations reach it, which become the cargo features
//! that compile it, and whether a caller builds it (it is reachable from a request body or a
//! parameter). Decided last, once every type is settled; emit spells it out as `cfg`
//! attributes and constructors.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Api, Body, TypeName, TypeQuery, TypeRef};

/// Sets every type's `buildable` and `features`.
pub fn decide(api: &mut Api) {
    let query = TypeQuery::new(&api.types);
    let operations = api.groups.iter().flat_map(|group| &group.operations);
    let params = operations.clone().flat_map(|op| op.params.iter().map(|param| &param.ty));
    let bodies = operations.filter_map(|op| match &op.body {
        Some(Body::Json(ty) | Body::Form(ty) | Body::Multipart(ty)) => Some(ty),
        _ => None,
    });
    let buildable: BTreeSet<TypeName> =
        query.reachable(params.chain(bodies)).into_iter().cloned().collect();
    let mut reached_by: BTreeMap<TypeName, BTreeSet<usize>> = BTreeMap::new();
    for (index, group) in api.groups.iter().enumerate() {
        let roots = group.operations.iter().flat_map(|op| op.type_refs());
        for name in query.reachable(roots) {
            reached_by.entry(name.clone()).or_default().insert(index);
        }
    }
    // What an always compiled type uses is always compiled too: the error body's types, and
    // those of a schema no operation uses (which may use a type that some groups reach).
    let unused: Vec<TypeRef> = (api.types.keys())
        .filter(|name| !reached_by.contains_key(*name))
        .map(|name| TypeRef::Named(name.clone()))
        .collect();
    for name in query.reachable(api.error_body.iter().chain(&unused)) {
        reached_by.remove(name);
    }
    let groups = api.groups.len();
    for (name, def) in &mut api.types {
        def.buildable = buildable.contains(name);
        def.features = match reached_by.get(name) {
            Some(indices) if indices.len() < groups => {
                indices.iter().map(|&index| api.groups[index].feature.clone()).collect()
            }
            _ => Vec::new(),
        };
    }
}
