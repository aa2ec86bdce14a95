//! Applying overlays to the spec's files, before they are bundled, so that hoisting,
//! normalising, cycle checks and `openapiv3` all see the fixed spec, and a `$ref` an overlay
//! inserts is followed like any other.
//!
//! A target selects from the spec as people read it: the root document with every reference to
//! another file replaced by what it names (`Bundler::view`), so
//! `$.paths['/v2/images'].get.responses['200']` reaches into DigitalOcean's split files. Each
//! selected node is then changed where it really is, in its own file; a part that several
//! places share changes for all of them, as editing that file would. `$ref`s inside an update are
//! read as if written in the root document (the document the overlay changes), and are rewritten
//! for the file they land in. Every change is noted in `Edits`, for error locations.

use std::cmp::Reverse;

use serde_json::Value;
use serde_json_path::PathElement;

use super::bundle::{Bundler, View};
use super::edits::Edits;
use super::merge;
use super::overlay::{Action, Change, Overlay};
use super::refs;
use crate::error::{Error, Location, Pointer};

/// A node where it really is: a file (relative to the root spec's directory) and path segments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    file: String,
    segments: Vec<String>,
}

/// Applies `overlays` in order, each action to the result of the ones before (so the view is
/// built again for every action), and returns the problems; what changed is noted in `edits`.
pub fn apply(bundler: &mut Bundler, overlays: &[Overlay], edits: &mut Edits) -> Vec<Error> {
    let mut errors = Vec::new();
    for overlay in overlays {
        for action in &overlay.actions {
            let view = match bundler.view() {
                Ok(view) => view,
                Err(refused) => {
                    errors.push(refused);
                    return errors;
                }
            };
            let problem = apply_action(bundler, &view, overlay, action, edits);
            errors.extend(problem.map(|(pointer, what)| {
                Error::new(
                    overlay.file.clone(),
                    Location::Pointer(pointer.clone()),
                    format!("action {}: {what}", action.index),
                )
            }));
        }
    }
    errors
}

/// A node the target selected: its normalized path (as shown), its steps, and its kind.
struct Selected {
    shown: String,
    steps: Vec<String>,
    kind: &'static str,
    container: bool,
}

/// Applies one action; a problem is a pointer inside the overlay and what is wrong.
fn apply_action(
    bundler: &mut Bundler,
    view: &View,
    overlay: &Overlay,
    action: &Action,
    edits: &mut Edits,
) -> Option<(Pointer, String)> {
    let at = Pointer::default().join("actions").join(action.index);
    let selected: Vec<Selected> = action
        .path
        .query_located(&view.document)
        .iter()
        .map(|node| Selected {
            shown: node.location().to_string(),
            steps: node.location().iter().map(step).collect(),
            kind: merge::kind(node.node()),
            container: node.node().is_object() || node.node().is_array(),
        })
        .collect();
    let target = &action.target;
    // Overlay 1.1.0 lets an action select nothing; here it is an error, so that an overlay made
    // stale by a vendor's update is not silently ignored.
    if selected.is_empty() {
        return Some((at.join("target"), format!("`{target}` matches nothing in the spec")));
    }
    if let Some(primitive) = selected.iter().find(|s| !s.container) {
        let what = format!(
            "`{target}` selects {} at {}; an overlay 1.0 target selects only objects and arrays",
            primitive.kind, primitive.shown
        );
        return Some((at.join("target"), what));
    }
    let root = bundler.root().to_owned();
    match &action.change {
        Change::Remove => {
            let mut removals = Vec::new();
            for node in &selected {
                let Some((container, key)) = place_of(view, &root, &node.steps).1 else {
                    let what =
                        format!("`{target}` selects the whole document, which cannot be removed");
                    return Some((at.join("target"), what));
                };
                if !removals.contains(&(container.clone(), key.clone())) {
                    removals.push((container, key));
                }
            }
            // Deepest first, and the last item of an array first, so that no removal moves a
            // node another one is about to remove.
            removals.sort_by_key(|(container, key)| {
                let index = key.parse::<usize>().ok();
                (Reverse(container.segments.len()), container.clone(), Reverse(index))
            });
            for (container, key) in removals {
                remove(bundler, &container, &key, edits);
            }
            None
        }
        Change::Update(update) => {
            let mut places: Vec<(Place, &str)> = Vec::new();
            for node in &selected {
                let place = place_of(view, &root, &node.steps).0;
                if !places.iter().any(|(p, _)| *p == place) {
                    places.push((place, &node.shown));
                }
            }
            for (place, shown) in places {
                let shown_file = bundler.display(&place.file);
                let Some(node) =
                    bundler.document_mut(&place.file).and_then(|d| node_mut(d, &place.segments))
                else {
                    let what = format!(
                        "{shown} is reached through a reference to a reference inside \
                         {shown_file}, which overlays cannot change"
                    );
                    return Some((at.join("target"), what));
                };
                let mut merged = node.clone();
                let inserted = match merge::update(&mut merged, update) {
                    Ok(inserted) => inserted,
                    Err(conflict) => {
                        let pointer = conflict.at.iter().fold(at.join("update"), |p, s| p.join(s));
                        return Some((pointer, format!("{} (updating {shown})", conflict.what)));
                    }
                };
                for insertion in &inserted {
                    if place.file != root {
                        if let Some(new) = node_mut(&mut merged, &insertion.at) {
                            let key = insertion.at.last().map(String::as_str);
                            let parent = insertion.at.iter().rev().nth(1).map(String::as_str);
                            rebase(new, key, parent, &root, &place.file);
                        }
                    }
                    let mut segments = place.segments.clone();
                    segments.extend(insertion.at.iter().cloned());
                    let from = insertion.from.iter().fold(at.join("update"), |p, s| p.join(s));
                    edits.inserted(&shown_file, segments, &overlay.file, &from);
                }
                *node = merged;
            }
            None
        }
    }
}

fn step(element: &PathElement) -> String {
    match element {
        PathElement::Name(name) => (*name).to_owned(),
        PathElement::Index(index) => index.to_string(),
    }
}

/// Where the node at `steps` of the view really is, and where its container is with the key it
/// has there (none for the document itself). A reference the view replaced leads into its
/// target, so a selected reference is changed in what it names, but removed where it stands.
fn place_of(view: &View, root: &str, steps: &[String]) -> (Place, Option<(Place, String)>) {
    let mut place = Place { file: root.to_owned(), segments: Vec::new() };
    let mut container = None;
    let mut pointer = Pointer::default();
    for step in steps {
        container = Some((place.clone(), step.clone()));
        pointer = pointer.join(step);
        place.segments.push(step.clone());
        if let Some(target) = view.expansions.get(pointer.as_str()) {
            place = Place { file: target.file.clone(), segments: target.segments.clone() };
        }
    }
    (place, container)
}

/// The node at `segments` inside `value`, taking each step literally.
fn node_mut<'v>(value: &'v mut Value, segments: &[String]) -> Option<&'v mut Value> {
    segments.iter().try_fold(value, |node, segment| match node {
        Value::Object(entries) => entries.get_mut(segment),
        Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Removes `key` from the object or array at `container`; a node already gone with an ancestor
/// is left alone.
fn remove(bundler: &mut Bundler, container: &Place, key: &str, edits: &mut Edits) {
    let shown = bundler.display(&container.file);
    let Some(node) =
        bundler.document_mut(&container.file).and_then(|d| node_mut(d, &container.segments))
    else {
        return;
    };
    match node {
        Value::Object(entries) => {
            entries.shift_remove(key);
        }
        Value::Array(items) => {
            if let Some(index) = key.parse::<usize>().ok().filter(|index| *index < items.len()) {
                items.remove(index);
                edits.removed_item(&shown, container.segments.clone(), index);
            }
        }
        _ => {}
    }
}

/// Rewrites the references in `value`, inserted under `key` (whose parent key is `parent`) into
/// `file`, from the root document's point of view to that file's.
fn rebase(value: &mut Value, key: Option<&str>, parent: Option<&str>, root: &str, file: &str) {
    match value {
        Value::String(reference) if key == Some("$ref") => {
            if let Some(rebased) = rebased(reference, root, file) {
                *reference = rebased;
            }
        }
        // `discriminator.mapping` values may be references too (a bare name is a schema name).
        Value::Object(mapping) if key == Some("mapping") && parent == Some("discriminator") => {
            for value in mapping.values_mut() {
                if let Value::String(reference) = value {
                    if let Some(rebased) = rebased(reference, root, file)
                        .filter(|_| reference.contains(['#', '/', '.']))
                    {
                        *reference = rebased;
                    }
                }
            }
        }
        Value::Object(entries) => {
            for (child, value) in entries.iter_mut() {
                rebase(value, Some(child), key, root, file);
            }
        }
        Value::Array(items) => {
            for item in items {
                rebase(item, None, key, root, file);
            }
        }
        _ => {}
    }
}

/// `reference`, written in the root document `root`, as written in `file`; `None` for one that
/// bundling will refuse anyway (a URL, or a path above the root's directory).
fn rebased(reference: &str, root: &str, file: &str) -> Option<String> {
    let target = refs::parse(reference, root).ok()?;
    let from: Vec<&str> = file.split('/').collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = target.file.split('/').collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count().min(to.len() - 1);
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - shared];
    parts.extend(to[shared..].iter().map(|part| part.replace('%', "%25").replace('#', "%23")));
    let path = parts.join("/");
    if target.segments.is_empty() {
        return Some(path);
    }
    Some(format!("{path}#{}", target.pointer().replace('%', "%25")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_updates_are_read_from_the_root_document() {
        let in_part = |reference| rebased(reference, "root.yaml", "resources/images/get.yml");
        assert_eq!(
            in_part("resources/actions/models/action.yml").as_deref(),
            Some("../actions/models/action.yml")
        );
        assert_eq!(
            in_part("#/components/schemas/Error").as_deref(),
            Some("../../root.yaml#/components/schemas/Error")
        );
        assert_eq!(
            in_part("resources/images/shared.yml#/a~1b").as_deref(),
            Some("shared.yml#/a~1b")
        );
        assert_eq!(rebased("x.yml", "spec.yaml", "a/b.yml").as_deref(), Some("../x.yml"));
        assert_eq!(in_part("https://example.com/x.yml"), None);
        assert_eq!(in_part("../outside.yml"), None);
        // What `refs::parse` reads back is what was meant.
        let target = refs::parse("../../root%25.yaml#/a%25", "resources/images/get.yml").unwrap();
        assert_eq!((target.file.as_str(), target.pointer()), ("root%.yaml", "/a%".to_owned()));
        assert_eq!(
            rebased("root%25.yaml#/a%25", "root%.yaml", "resources/images/get.yml").as_deref(),
            Some("../../root%25.yaml#/a%25")
        );
    }
}
