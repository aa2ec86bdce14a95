//! The spec as overlays see it: the root document with every reference that bundling would follow
//! replaced by what it names, and where each replacement came from. Built by the same walk as
//! bundling (`Bundler::visit`), with `Bundler::view` set, so the two never disagree on what a
//! reference is.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{pointer_of, Bundler, End, Place};
use crate::error::{Error, Location, Pointer};
use crate::load::kinds::Kind;
use crate::load::refs::Target;

impl Bundler<'_> {
    /// The root document as people read it: every reference that leaves the root document (or
    /// points anywhere but a root component) replaced by what it names, except one that would
    /// contain itself, which stays a reference. Nothing is hoisted, normalised or reported; the
    /// view only tells overlays what their targets select, and `View::expansions` where each
    /// replaced reference leads.
    pub fn view(&mut self) -> Result<View, Error> {
        let root = self.root.clone();
        let mut document =
            self.documents.get(&root).cloned().flatten().unwrap_or(Value::Object(Map::new()));
        let errors = std::mem::take(&mut self.errors);
        self.view = Some(Viewing::default());
        let place =
            Place { file: root.clone(), origin: Pointer::default(), bundled: Pointer::default() };
        self.visit(&mut document, Kind::Document, &place);
        let viewing = self.view.take().unwrap_or_default();
        // Problems are the real bundling's to report, once overlays are applied (an overlay may
        // remove a broken part); files that could not be read are read again then, to say so.
        self.errors = errors;
        self.documents.retain(|_, document| document.is_some());
        match viewing.refused {
            Some(refused) => Err(refused),
            None => Ok(View { document, expansions: viewing.expansions }),
        }
    }

    /// For a view: replaces the reference `node` by its target, unless the target is a root
    /// component or being expanded already.
    pub(super) fn expand(
        &mut self,
        node: &mut Value,
        kind: Kind,
        reference: &str,
        end: End,
        place: &Place,
    ) {
        let End::Node(target, mut value) = end else { return };
        let shown = self.display(&place.file);
        let Some(viewing) = self.view.as_mut() else { return };
        if viewing.refused.is_some() || viewing.stack.contains(&target) {
            return;
        }
        viewing.copied = viewing.copied.saturating_add(count_values(&value));
        let refused = if viewing.stack.len() >= MAX_VIEW_DEPTH {
            Some(format!("references nest more than {MAX_VIEW_DEPTH} deep"))
        } else if viewing.copied > MAX_VIEW_VALUES {
            Some(format!("references copy in more than {MAX_VIEW_VALUES} values"))
        } else {
            None
        };
        if let Some(why) = refused {
            viewing.refused = Some(Error::new(
                shown,
                Location::Pointer(place.origin.clone()),
                format!(
                    "$ref `{reference}`: overlays cannot be applied, since in the spec as they \
                     see it (every reference to another file replaced by its target) {why}"
                ),
            ));
            return;
        }
        viewing.expansions.insert(place.bundled.as_str().to_owned(), target.clone());
        viewing.stack.push(target.clone());
        let at = Place {
            file: target.file.clone(),
            origin: pointer_of(&target),
            bundled: place.bundled.clone(),
        };
        self.visit(&mut value, kind, &at);
        if let Some(viewing) = self.view.as_mut() {
            viewing.stack.pop();
        }
        *node = value;
    }
}

/// The root document as overlays see it (see `Bundler::view`).
#[derive(Debug)]
pub struct View {
    pub document: Value,
    /// The pointer in `document` of each reference replaced by its target, and that target.
    pub expansions: HashMap<String, Target>,
}

/// A view under construction.
#[derive(Debug, Default)]
pub(super) struct Viewing {
    expansions: HashMap<String, Target>,
    /// How many values have been copied in.
    copied: usize,
    /// The targets being expanded, innermost last.
    stack: Vec<Target>,
    /// Why the view cannot be built, if it cannot.
    refused: Option<Error>,
}

/// Bounds on a view, which copies shared parts once per use: the whole of DigitalOcean's spec
/// comes to about 450,000 values, nesting a few references deep.
const MAX_VIEW_VALUES: usize = 8_000_000;
const MAX_VIEW_DEPTH: usize = 64;

/// How many JSON values `value` holds, itself included.
fn count_values(value: &Value) -> usize {
    match value {
        Value::Object(entries) => 1 + entries.values().map(count_values).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(count_values).sum::<usize>(),
        _ => 1,
    }
}
