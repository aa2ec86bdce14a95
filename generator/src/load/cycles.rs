//! Circles of references no type can stand for: components that are only references to each
//! other (`A: {$ref: B}`, `B: {$ref: A}`), and schemas that include themselves through `allOf`
//! (`A: {allOf: [{$ref: A}, …]}`), whose fields would be endless.
//!
//! Run on the bundled document, where every reference is a local `#/components/...` one.

use std::collections::HashMap;

use serde_json::Value;

use super::kinds::Kind;
use crate::error::Pointer;

/// Every such circle, once each, at the first of its members met: the member's pointer and what
/// is wrong.
pub fn find(document: &Value) -> Vec<(Pointer, String)> {
    let Some(components) = document.get("components").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut nodes: Vec<String> = Vec::new();
    let mut values: Vec<&Value> = Vec::new();
    for (section, entries) in components {
        let (Some(_), Some(entries)) = (Kind::of_section(section), entries.as_object()) else {
            continue;
        };
        for (name, value) in entries {
            nodes.push(Pointer::component(section, name).as_str().to_owned());
            values.push(value);
        }
    }
    let by_pointer: HashMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, node)| (node.as_str(), i)).collect();
    let index = |reference: &str| by_pointer.get(reference.strip_prefix('#')?).copied();
    let aliases: Vec<Vec<usize>> =
        values.iter().map(|value| reference(value).and_then(index).into_iter().collect()).collect();
    let includes: Vec<Vec<usize>> = nodes
        .iter()
        .zip(&values)
        .map(|(node, value)| {
            if !node.starts_with("/components/schemas/") {
                return Vec::new();
            }
            let mut targets = Vec::new();
            included(value, &mut |r| targets.extend(index(r)));
            targets
        })
        .collect();
    let show = |circle: Vec<usize>| {
        let mut shown: Vec<String> = circle.iter().map(|&i| format!("#{}", nodes[i])).collect();
        if shown.len() > 10 {
            let more = format!("… ({} references in all)", shown.len() - 1);
            shown.splice(8..shown.len() - 1, [more]);
        }
        shown.join(" → ")
    };
    let mut found = Vec::new();
    for circle in circles(&aliases) {
        let at = Pointer::from_escaped(nodes[circle[0]].clone());
        found.push((at, format!("$ref cycle: {}", show(circle))));
    }
    // A circle of plain references is the `$ref` cycle reported above.
    let plain = |circle: &Vec<usize>| circle.iter().all(|&i| reference(values[i]).is_some());
    for circle in circles(&includes).into_iter().filter(|circle| !plain(circle)) {
        let at = Pointer::from_escaped(nodes[circle[0]].clone());
        let what = format!("allOf cycle: {}; a schema cannot include itself", show(circle));
        found.push((at, what));
    }
    found
}

/// The `$ref` of a reference object.
fn reference(value: &Value) -> Option<&str> {
    value.as_object()?.get("$ref")?.as_str()
}

/// Calls `found` with each reference a schema includes the fields of: itself when it is only a
/// reference, and its `allOf` members, looking into inline members.
fn included(schema: &Value, found: &mut dyn FnMut(&str)) {
    let mut pending = vec![schema];
    while let Some(schema) = pending.pop() {
        if let Some(target) = reference(schema) {
            found(target);
            continue;
        }
        let members = schema.get("allOf").and_then(Value::as_array);
        pending.extend(members.into_iter().flatten());
    }
}

/// The circles of a graph, each as the path from its first node met back to it; one per edge
/// that closes a circle, found with an explicit stack (no recursion).
fn circles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    let mut found = Vec::new();
    for start in 0..edges.len() {
        if state[start] != State::New {
            continue;
        }
        // The current path, each node with how many of its edges have been followed.
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::OnPath;
        while let Some((node, next_edge)) = path.last_mut() {
            let node = *node;
            let Some(&target) = edges[node].get(*next_edge) else {
                state[node] = State::Done;
                path.pop();
                continue;
            };
            *next_edge += 1;
            match state[target] {
                State::New => {
                    state[target] = State::OnPath;
                    path.push((target, 0));
                }
                State::OnPath => {
                    let from = path.iter().position(|(n, _)| *n == target).unwrap_or_default();
                    let mut circle: Vec<usize> = path[from..].iter().map(|(n, _)| *n).collect();
                    circle.push(target);
                    found.push(circle);
                }
                State::Done => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_are_found_once_each_and_paths_into_them_are_not() {
        // 0 → 1 → 0, 2 → 2, 3 → 0, 4 → 5.
        let edges = vec![vec![1], vec![0], vec![2], vec![0], vec![5], vec![]];
        assert_eq!(circles(&edges), [vec![0, 1, 0], vec![2, 2]]);
    }

    #[test]
    fn all_of_through_inline_members_counts() {
        let document = serde_json::json!({"components": {"schemas": {
            "A": {"allOf": [{"allOf": [{"$ref": "#/components/schemas/B"}]}]},
            "B": {"type": "object", "allOf": [{"$ref": "#/components/schemas/A"}]},
            "C": {"allOf": [{"$ref": "#/components/schemas/A"}]},
            "D": {"properties": {"self": {"$ref": "#/components/schemas/D"}}},
        }}});
        let found = find(&document);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0.as_str(), "/components/schemas/A");
        assert!(found[0].1.starts_with(
            "allOf cycle: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A"
        ));
    }
}
