//! Boxes the fields through which a type contains itself, so that every type has a finite size.
//!
//! `Vec` and maps already put their items on the heap; only direct containment (a field or
//! variant of a named type, optional or not) can make a type infinitely large. Aliases that
//! contain themselves become newtypes; a type that is only another name for itself is reported.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::{TypeKind, TypeRef, Types};

pub(super) fn box_recursive_fields(types: &mut Types) {
    let contains: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| {
            (name.to_string(), direct_targets(&def.kind).map(str::to_owned).collect())
        })
        .collect();
    let component = components(&contains);
    // A field closes a cycle when its type and the type holding it reach each other.
    let cycles_back = |target: &str, holder: &str| {
        component.get(target).is_some_and(|id| component.get(holder) == Some(id))
    };
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
pub(super) fn break_alias_cycles(types: &mut Types) -> Vec<String> {
    let cyclic = alias_cycles(types);
    for name in &cyclic {
        if let Some(def) = types.get_mut(name.as_str()) {
            if let TypeKind::Alias(ty @ (TypeRef::Vec(_) | TypeRef::Map(_))) = &def.kind {
                def.kind = TypeKind::Newtype(ty.clone());
            }
        }
    }
    alias_cycles(types)
}

fn alias_cycles(types: &Types) -> Vec<String> {
    let aliased: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(ty) => {
                let mut targets = Vec::new();
                named_within(ty, &mut targets);
                Some((name.to_string(), targets))
            }
            _ => None,
        })
        .collect();
    let component = components(&aliased);
    let same = |a: &str, b: &str| component.get(a).is_some_and(|id| component.get(b) == Some(id));
    aliased
        .iter()
        .filter(|(name, targets)| targets.iter().any(|target| same(target, name)))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every named type a type use mentions, at any depth.
fn named_within(ty: &TypeRef, found: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => found.push(name.to_string()),
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

/// Which strongly connected component of `graph` each node is in: two nodes share one exactly
/// when each reaches the other. Tarjan's algorithm, iterative so that a long chain of types
/// cannot exhaust the stack, and linear in the size of the graph. Edges to names that are not
/// nodes are ignored.
fn components(graph: &BTreeMap<String, Vec<String>>) -> HashMap<&str, usize> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut component: HashMap<&str, usize> = HashMap::new();
    let mut components = 0;
    for root in graph.keys() {
        if index.contains_key(root.as_str()) {
            continue;
        }
        // The depth-first path: each node with how many of its edges have been followed.
        let mut path: Vec<(&str, usize)> = vec![(root, 0)];
        index.insert(root, index.len());
        low.insert(root, index[root.as_str()]);
        stack.push(root);
        on_stack.insert(root);
        while let Some(&(node, followed)) = path.last() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(target) = edges.get(followed) {
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                let Some((target, _)) = graph.get_key_value(target) else { continue };
                let target = target.as_str();
                match index.get(target) {
                    Some(&seen) if on_stack.contains(target) => {
                        let lowest = low[node].min(seen);
                        low.insert(node, lowest);
                    }
                    Some(_) => {}
                    None => {
                        index.insert(target, index.len());
                        low.insert(target, index[target]);
                        stack.push(target);
                        on_stack.insert(target);
                        path.push((target, 0));
                    }
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                let lowest = low[parent].min(low[node]);
                low.insert(parent, lowest);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.insert(member, components);
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        edges
            .iter()
            .map(|(from, to)| (from.to_string(), to.iter().map(|t| t.to_string()).collect()))
            .collect()
    }

    #[test]
    fn nodes_share_a_component_exactly_when_they_reach_each_other() {
        let g = graph(&[
            ("A", &["B"]),
            ("B", &["C", "Gone"]),
            ("C", &["A"]),
            ("D", &["A", "D"]),
            ("E", &["D"]),
        ]);
        let c = components(&g);
        assert_eq!((c["A"], c["B"]), (c["C"], c["C"]));
        assert_ne!(c["D"], c["A"]);
        assert_ne!(c["E"], c["D"]);
        assert!(!c.contains_key("Gone"));
    }

    #[test]
    fn a_long_chain_does_not_exhaust_the_stack() {
        let names: Vec<String> = (0..20_000).map(|i| format!("T{i}")).collect();
        let mut g: BTreeMap<String, Vec<String>> =
            names.windows(2).map(|w| (w[0].clone(), vec![w[1].clone()])).collect();
        g.insert(names[19_999].clone(), vec![names[0].clone()]);
        let c = components(&g);
        assert!(names.iter().all(|name| c[name.as_str()] == c["T0"]));
    }
}
