//! Follows `$ref`s into other files and gathers everything into one document, so lowering only
//! ever sees local `#/components/...` references.
//!
//! A reference to a shared object (a schema, parameter, response…) elsewhere is hoisted: the
//! target is copied into `components` under a name taken from the pointer's last segment or the
//! file's stem (`models/image.yml` → `image`), once per target, and the reference is rewritten to
//! point there. A reference to anything else (a path item, or an operation as DigitalOcean
//! writes them) is replaced by its target. Every copied subtree remembers where it came from
//! (`Origins`), so later errors still name the right file and pointer.

use std::collections::{HashMap, HashSet, VecDeque};

use serde_json::{Map, Value};

mod view;

pub use view::View;
use view::Viewing;

use super::kinds::{Holds, Kind};
use super::origins::Origins;
use super::refs::{self, Target};
use super::{cycles, normalise, parse};
use crate::error::{Distinct, Error, Location, Pointer};
use crate::Files;

/// The root document with every reference local, where each part came from, and the problems.
pub struct Bundled {
    pub document: Value,
    pub origins: Origins,
    pub errors: Vec<Error>,
}

impl<'f> Bundler<'f> {
    /// A bundler for `document`, the root spec named `root` (relative to its directory, which is
    /// shown to people as `display_dir`), reading other files through `files`. Overlays may
    /// change the documents (`document_mut`) before `finish` bundles them.
    pub fn new(document: Value, root: &str, display_dir: &str, files: &'f dyn Files) -> Self {
        Bundler {
            root: root.to_owned(),
            display_dir: display_dir.to_owned(),
            files,
            documents: HashMap::from([(root.to_owned(), Some(document))]),
            hoisted: HashMap::new(),
            taken: HashMap::new(),
            pending: VecDeque::new(),
            additions: Vec::new(),
            inlining: Vec::new(),
            view: None,
            origins: Origins::default(),
            errors: Distinct::default(),
        }
    }

    /// The root document with every reference local.
    pub fn finish(mut self) -> Bundled {
        let root = self.root.clone();
        let mut document =
            self.documents.get(&root).cloned().flatten().unwrap_or(Value::Object(Map::new()));
        self.reserve_root_components(&document);
        let place =
            Place { file: root.clone(), origin: Pointer::default(), bundled: Pointer::default() };
        self.visit(&mut document, Kind::Document, &place);
        // Hoisted objects are walked one after another rather than inside each other, so a long
        // chain of files cannot exhaust the stack.
        while let Some(Hoisted { section, name, mut value, kind, place }) = self.pending.pop_front()
        {
            self.visit(&mut value, kind, &place);
            self.additions.push((section, name, value));
        }
        let additions = !self.additions.is_empty();
        if let Some(Value::Object(components)) = document
            .as_object_mut()
            .filter(|_| additions)
            .map(|d| d.entry("components").or_insert_with(|| Value::Object(Map::new())))
        {
            for (section, name, value) in std::mem::take(&mut self.additions) {
                if let Value::Object(entries) =
                    components.entry(section).or_insert_with(|| Value::Object(Map::new()))
                {
                    entries.insert(name, value);
                }
            }
        }
        if self.errors.is_empty() {
            let shown = self.display(&root);
            for (pointer, what) in cycles::find(&document) {
                let location = Location::Pointer(pointer.clone());
                let at = Error::new(shown.clone(), location, what);
                self.errors.push(self.origins.locate(&shown, at));
            }
        }
        Bundled { document, origins: self.origins, errors: self.errors.into_vec() }
    }

    /// The document `file` (relative to the root spec's directory), if it has been read.
    pub fn document_mut(&mut self, file: &str) -> Option<&mut Value> {
        self.documents.get_mut(file)?.as_mut()
    }

    /// The root spec's name, relative to its directory.
    pub fn root(&self) -> &str {
        &self.root
    }
}

/// Where a node is: its file, its pointer in that file, and its pointer in the bundled document.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    origin: Pointer,
    bundled: Pointer,
}

impl Place {
    fn join(&self, key: &str) -> Place {
        Place {
            file: self.file.clone(),
            origin: self.origin.join(key),
            bundled: self.bundled.join(key),
        }
    }
}

/// An object copied into `components` whose own references are still to be followed.
struct Hoisted {
    section: &'static str,
    name: String,
    value: Value,
    kind: Kind,
    place: Place,
}

/// How deeply objects replaced by their targets (path items, operations) may contain each other;
/// deeper nesting is refused so that no spec can exhaust the stack.
const MAX_INLINED_DEPTH: usize = 16;

/// What a chain of references ends at.
enum End {
    /// `#/components/<section>/<name>…` of the root document, which lowering resolves itself.
    RootComponent(String),
    /// Any other node, with its contents.
    Node(Target, Value),
}

pub struct Bundler<'f> {
    root: String,
    display_dir: String,
    files: &'f dyn Files,
    /// Every document read so far by path; `None` when it could not be read (already reported).
    documents: HashMap<String, Option<Value>>,
    /// The component name given to each hoisted target, per section.
    hoisted: HashMap<(Target, &'static str), String>,
    /// Component names in use, per section.
    taken: HashMap<&'static str, HashSet<String>>,
    /// Hoisted objects not walked yet.
    pending: VecDeque<Hoisted>,
    /// Hoisted components to add to the root's `components`, in the order they were walked.
    additions: Vec<(&'static str, String, Value)>,
    /// The targets being inlined, innermost last, to catch references that contain themselves.
    inlining: Vec<Target>,
    /// While building a view for overlays: what has been expanded.
    view: Option<Viewing>,
    origins: Origins,
    errors: Distinct,
}

impl Bundler<'_> {
    /// `file` (relative to the root spec's directory) as shown to people.
    pub fn display(&self, file: &str) -> String {
        if self.display_dir.is_empty() {
            file.to_owned()
        } else {
            format!("{}/{file}", self.display_dir)
        }
    }

    fn error(&mut self, place: &Place, what: String) {
        let error =
            Error::new(self.display(&place.file), Location::Pointer(place.origin.clone()), what);
        self.errors.push(error);
    }

    /// Root component names are kept as they are. A root component that is only a reference to
    /// another file (`Image: {$ref: models/image.yml}`) gives its name to that target.
    fn reserve_root_components(&mut self, document: &Value) {
        let Some(components) = document.get("components").and_then(Value::as_object) else {
            return;
        };
        for (section, entries) in components {
            let (Some(kind), Some(entries)) = (Kind::of_section(section), entries.as_object())
            else {
                continue;
            };
            let section = kind.section().unwrap_or_default();
            self.taken.entry(section).or_default().extend(entries.keys().cloned());
            for (name, entry) in entries {
                let Some(reference) = refs::reference_of(entry) else { continue };
                let place = Place {
                    file: self.root.clone(),
                    origin: Pointer::component(section, name),
                    bundled: Pointer::component(section, name),
                };
                if let Some(End::Node(target, _)) = self.chase(reference, &place, true) {
                    self.hoisted.entry((target, section)).or_insert_with(|| name.clone());
                }
            }
        }
    }

    fn visit(&mut self, node: &mut Value, kind: Kind, place: &Place) {
        if let Some(reference) = refs::reference_of(node) {
            let reference = reference.to_owned();
            self.follow(node, kind, &reference, place);
            return;
        }
        let Value::Object(object) = node else { return };
        // Text given by reference (DigitalOcean's `description: {$ref: description.yml#/intro}`)
        // is put in place, like any `$ref` where OpenAPI expects no Reference Object. (Overlay
        // targets see such references as they are written.)
        let texts: &[&str] = if self.view.is_none() { &["description", "summary"] } else { &[] };
        for &field in texts {
            let Some(value) = object.get_mut(field) else { continue };
            let Some(reference) = refs::reference_of(value).map(str::to_owned) else { continue };
            let at = place.join(field);
            if let Some((target, text)) = self.container(&reference, &at) {
                self.record_origin(&at.bundled, &target);
                *value = text;
            }
        }
        if kind == Kind::Schema && self.view.is_none() {
            normalise::schema(object);
            self.discriminator_mapping(object, place);
        }
        for (field, holds, child) in kind.children() {
            if holds == Holds::Entries {
                for (key, value) in object.iter_mut().filter(|(key, _)| !key.starts_with("x-")) {
                    self.visit(value, child, &place.join(key));
                }
                continue;
            }
            let Some(value) = object.get_mut(field) else { continue };
            let mut at = place.join(field);
            // JSON Reference lets a `$ref` stand for a whole map or list (DigitalOcean writes
            // `properties: {$ref: attributes.yml#/droplet_ids}`); bundlers put the target in
            // its place, and so does this.
            let reference =
                refs::reference_of(value).filter(|_| holds != Holds::One && self.view.is_none());
            let inlined = match reference.map(str::to_owned) {
                Some(reference) => {
                    let Some((target, node)) = self.container(&reference, &at) else { continue };
                    *value = node;
                    self.record_origin(&at.bundled, &target);
                    at = Place {
                        file: target.file.clone(),
                        origin: pointer_of(&target),
                        bundled: at.bundled,
                    };
                    self.inlining.push(target);
                    true
                }
                None => false,
            };
            match (holds, value) {
                (Holds::One, value) => self.visit(value, child, &at),
                (Holds::Map, Value::Object(entries)) => {
                    for (key, value) in entries.iter_mut() {
                        self.visit(value, child, &at.join(key));
                    }
                }
                (Holds::List, Value::Array(items)) => {
                    for (index, value) in items.iter_mut().enumerate() {
                        self.visit(value, child, &at.join(&index.to_string()));
                    }
                }
                // A wrong shape is left for `openapiv3` to report.
                _ => {}
            }
            if inlined {
                self.inlining.pop();
            }
        }
    }

    /// The map, list or text that a `$ref` in place of one names, following references it is
    /// made of, unless it contains itself or nests too deep.
    fn container(&mut self, reference: &str, place: &Place) -> Option<(Target, Value)> {
        let Some(End::Node(target, node)) = self.chase(reference, place, false) else {
            return None;
        };
        if self.inlining.contains(&target) || self.inlining.len() >= MAX_INLINED_DEPTH {
            self.error(place, format!("$ref `{reference}` contains itself or nests too deep"));
            return None;
        }
        Some((target, node))
    }

    /// Makes the reference object `node` (of `kind`, at `place`) local, or replaces it by its target.
    fn follow(&mut self, node: &mut Value, kind: Kind, reference: &str, place: &Place) {
        let Some(end) = self.chase(reference, place, true) else { return };
        if self.view.is_some() {
            self.expand(node, kind, reference, end, place);
            return;
        }
        let (target, mut value) = match end {
            End::RootComponent(local) => {
                if place.file != self.root {
                    relink(node, &local);
                }
                return;
            }
            End::Node(target, value) => (target, value),
        };
        let Some(section) = kind.section() else {
            // Not a shared object: the target takes the reference's place.
            if self.inlining.contains(&target) {
                let what = format!("$ref `{reference}` contains itself");
                self.error(place, what);
                return;
            }
            if self.inlining.len() >= MAX_INLINED_DEPTH {
                let what = format!(
                    "$ref `{reference}`: path items and operations given by reference nest more \
                     than {MAX_INLINED_DEPTH} deep"
                );
                self.error(place, what);
                return;
            }
            self.record_origin(&place.bundled, &target);
            let at = Place {
                file: target.file.clone(),
                origin: pointer_of(&target),
                bundled: place.bundled.clone(),
            };
            self.inlining.push(target);
            self.visit(&mut value, kind, &at);
            self.inlining.pop();
            *node = value;
            return;
        };
        let key = (target.clone(), section);
        let here = place.bundled.parent().parent().as_str() == "/components"
            && self
                .hoisted
                .get(&key)
                .is_some_and(|name| Pointer::component(section, name) == place.bundled);
        if here {
            // A root component naming another file: that file's contents become the component.
            self.record_origin(&place.bundled, &target);
            let at = Place {
                file: target.file.clone(),
                origin: pointer_of(&target),
                bundled: place.bundled.clone(),
            };
            self.visit(&mut value, kind, &at);
            *node = value;
            return;
        }
        let name = match self.hoisted.get(&key) {
            Some(name) => name.clone(),
            None => {
                let name = self.claim(section, &target);
                self.hoisted.insert(key, name.clone());
                let bundled = Pointer::component(section, &name);
                self.record_origin(&bundled, &target);
                let place =
                    Place { file: target.file.clone(), origin: pointer_of(&target), bundled };
                self.pending.push_back(Hoisted { section, name: name.clone(), value, kind, place });
                name
            }
        };
        relink(node, &format!("#{}", Pointer::component(section, &name).as_str()));
    }

    /// Follows `reference` (and any references its target is made of) to where it ends; at a
    /// root component, if `local_components`.
    fn chase(&mut self, reference: &str, place: &Place, local_components: bool) -> Option<End> {
        let mut reference = reference.to_owned();
        let mut from = place.file.clone();
        let mut seen = Vec::new();
        loop {
            let target = match refs::parse(&reference, &from) {
                Ok(target) => target,
                Err(what) => {
                    self.error(place, what);
                    return None;
                }
            };
            // Anything under a root component, such as `#/components/schemas/Pet/properties/kind`,
            // stays a local reference for lowering, which shares the type of what it names;
            // except a 3.1 schema's own definitions (`$defs`), which lowering cannot see into,
            // so they are hoisted like another file's schemas.
            if target.file == self.root && local_components && !in_definitions(&target.segments) {
                if let [components, section, _, ..] = target.segments.as_slice() {
                    if components == "components" && Kind::of_section(section).is_some() {
                        return Some(End::RootComponent(format!("#{}", target.pointer())));
                    }
                }
            }
            if seen.contains(&target) {
                let chain: Vec<String> =
                    seen.iter().chain([&target]).map(|t| self.show(t)).collect();
                self.error(place, format!("$ref cycle: {}", chain.join(" → ")));
                return None;
            }
            let node = self.node(&target, &reference, place)?;
            match refs::reference_of(&node) {
                Some(next) => {
                    reference = next.to_owned();
                    from = target.file.clone();
                    seen.push(target);
                }
                None => return Some(End::Node(target, node)),
            }
        }
    }

    /// The node `target` names, reading its file if need be.
    fn node(&mut self, target: &Target, reference: &str, place: &Place) -> Option<Value> {
        if !self.documents.contains_key(&target.file) {
            let document = self.read(&target.file, reference, place);
            self.documents.insert(target.file.clone(), document);
        }
        let document = self.documents.get(&target.file)?.as_ref()?;
        let found = refs::lookup(document, &target.segments).cloned();
        if found.is_none() {
            let what = format!(
                "unresolvable $ref `{reference}`: {} has nothing at #{}",
                self.display(&target.file),
                target.pointer()
            );
            self.error(place, what);
        }
        found
    }

    fn read(&mut self, file: &str, reference: &str, place: &Place) -> Option<Value> {
        let text = match self.files.read(file) {
            Ok(text) => text,
            Err(e) => {
                let what = format!("$ref `{reference}`: cannot read {}: {e}", self.display(file));
                self.error(place, what);
                return None;
            }
        };
        match parse::parse(&text) {
            Ok(document) => Some(document),
            Err((location, what)) => {
                self.errors.push(Error::new(self.display(file), location, what));
                None
            }
        }
    }

    /// A component name for `target` that is not yet used in `section`.
    fn claim(&mut self, section: &'static str, target: &Target) -> String {
        let stem = target.file.rsplit('/').next().unwrap_or_default();
        let stem = stem.split('.').next().unwrap_or_default();
        let wanted = target.segments.last().map_or(stem, String::as_str);
        let base: String = wanted
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') { c } else { '_' })
            .collect();
        let base = if base.is_empty() { "shared".to_owned() } else { base };
        let taken = self.taken.entry(section).or_default();
        let name = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}{n}") })
            .find(|name| !taken.contains(name))
            .unwrap_or(base);
        taken.insert(name.clone());
        name
    }

    fn record_origin(&mut self, bundled: &Pointer, target: &Target) {
        self.origins.add(bundled.as_str(), &self.display(&target.file), &target.pointer());
    }

    fn show(&self, target: &Target) -> String {
        match target.pointer() {
            pointer if pointer.is_empty() => self.display(&target.file),
            pointer => format!("{}#{pointer}", self.display(&target.file)),
        }
    }

    /// `discriminator.mapping` values may be references too; they are made local like `$ref`s.
    fn discriminator_mapping(&mut self, schema: &mut Map<String, Value>, place: &Place) {
        let Some(Value::Object(mapping)) =
            schema.get_mut("discriminator").and_then(|d| d.get_mut("mapping"))
        else {
            return;
        };
        let at = place.join("discriminator").join("mapping");
        for (key, value) in mapping.iter_mut() {
            let Some(reference) = value.as_str() else { continue };
            // A bare name (`cat`) is a schema name, not a reference.
            if !reference.contains(['#', '/', '.']) {
                continue;
            }
            let mut node = reference_to(reference);
            self.visit(&mut node, Kind::Schema, &at.join(key));
            if let Some(local) = refs::reference_of(&node) {
                *value = Value::String(local.to_owned());
            }
        }
    }
}

/// Points the reference object `node` at `reference`, keeping what stands beside its `$ref` (an
/// OpenAPI 3.1 schema's `description`, say).
fn relink(node: &mut Value, reference: &str) {
    match node {
        Value::Object(object) => {
            object.insert("$ref".into(), Value::String(reference.to_owned()));
        }
        other => *other = reference_to(reference),
    }
}

/// Whether a pointer goes through a schema's `$defs` (not a property that happens to be called so).
fn in_definitions(segments: &[String]) -> bool {
    segments.windows(2).any(|pair| {
        pair[1] == "$defs"
            && !matches!(
                pair[0].as_str(),
                "properties" | "patternProperties" | "dependentSchemas" | "$defs"
            )
    })
}

fn reference_to(reference: &str) -> Value {
    let mut object = Map::new();
    object.insert("$ref".into(), Value::String(reference.to_owned()));
    Value::Object(object)
}

fn pointer_of(target: &Target) -> Pointer {
    target.segments.iter().fold(Pointer::default(), |pointer, segment| pointer.join(segment))
}
