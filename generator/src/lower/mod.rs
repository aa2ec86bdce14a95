//! `openapiv3` → `model`: resolves references, names inline schemas from where they stand, and
//! collects every problem instead of stopping at the first.

mod constraints;
mod content;
mod examples;
mod inheritance;
mod method_name;
mod object;
mod operation;
mod param;
mod schema;
mod schema_ref;
mod security;
mod server;
mod union;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Distinct, Error, Location, Pointer};
use crate::model::{Api, TypeName, TypeRef, Types};
use crate::naming::{self, Scope};
use crate::reserved;

/// What lowering hands to the passes: the model as the spec writes it, what the passes need to
/// name and place the types they make, and the problems found so far.
pub struct Lowered {
    pub api: Api,
    /// The names `src/types.rs` has taken.
    pub type_names: Scope,
    /// Where each named type was defined, for problems found later.
    pub pointers: HashMap<TypeName, Pointer>,
    /// The Rust names of `#/components/schemas/*`.
    pub component_names: Vec<TypeName>,
    /// What the passes must check once every type is lowered and alias cycles are broken, each
    /// at the pointer to report it at.
    pub requirements: Vec<(Pointer, Requirement)>,
    pub errors: Distinct,
    /// What the crate leaves out or loosens.
    pub warnings: Vec<Error>,
}

/// Something the request must be able to write, which depends on types not all lowered yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// The parameter `name` is written as text in its style.
    ParamText { name: String, ty: TypeRef },
    /// A form or multipart body (its media type's `essence`) has one field per property.
    ObjectBody { essence: &'static str, ty: TypeRef },
}

/// Lowers a loaded document into the model, collecting every problem on the way; `methods` are
/// the method names the settings file chooses, by operationId.
pub fn lower(file: &str, spec: &OpenAPI, methods: &BTreeMap<String, String>) -> Lowered {
    let mut lowerer = Lowerer::new(file, spec);
    lowerer.chosen_methods =
        methods.iter().map(|(id, name)| (id.clone(), (name.clone(), false))).collect();
    lowerer.component_schemas();
    let mut groups = lowerer.operations();
    for (id, (_, used)) in &lowerer.chosen_methods {
        if !used {
            let what = format!("the settings file names a method for the operation `{}`, which the spec does not have (`methods` is keyed by operationId, or `get /path` for an operation without one)", id.escape_debug());
            lowerer.errors.push(Error::new(file, Location::File, what));
        }
    }
    let error_body = lowerer.error_body();
    let auth = lowerer.auth();
    let examples = lowerer.examples();
    lowerer.attach_body_examples(&mut groups);
    let base_url = match spec.servers.first().map(server::base_url).transpose() {
        Ok(url) => url,
        Err((pointer, what)) => {
            lowerer.error(&pointer, what);
            None
        }
    };
    let api = Api {
        title: spec.info.title.clone(),
        description: spec.info.description.clone(),
        version: spec.info.version.clone(),
        base_url,
        types: lowerer.types,
        groups,
        error_body,
        auth,
        examples,
        request_id_headers: lowerer.request_id_headers.into_iter().collect(),
    };
    Lowered {
        api,
        type_names: lowerer.type_names,
        pointers: lowerer.pointers,
        component_names: lowerer.component_names.into_values().collect(),
        requirements: lowerer.requirements,
        errors: lowerer.errors,
        warnings: lowerer.warnings.into_vec(),
    }
}

/// The model of the single-document spec `text`, passes run, for unit tests of emit.
#[cfg(test)]
pub fn lowered(file: &str, text: &str) -> Api {
    let no_files = |_: &str| Err("one document".to_owned());
    let loaded = crate::load::load(file, text, &no_files, &[]).unwrap();
    crate::passes::run(file, lower(file, &loaded.spec, &BTreeMap::new())).unwrap().0
}

/// A component found through `$ref`s (or the item itself, when written in place).
struct Resolved<'a, T> {
    /// The component's name, when reached through a `$ref`.
    key: Option<&'a str>,
    value: &'a T,
    /// Where the value is written, for errors about what is inside it.
    pointer: Pointer,
}

struct Lowerer<'a> {
    file: &'a str,
    spec: &'a OpenAPI,
    types: Types,
    type_names: Scope,
    /// Rust names of `#/components/schemas/*`, fixed before anything else is named, so a name the
    /// spec's author chose never depends on inline schemas met earlier: an inline `owner` beside
    /// a component `CheckoutSessionOwner` is the one that becomes `CheckoutSessionOwner2`.
    component_names: HashMap<String, TypeName>,
    /// The type of each inline schema already lowered, by JSON pointer, so that a schema reached
    /// twice (a shared response, a union variant) is lowered and named once.
    lowered: HashMap<String, TypeRef>,
    /// `$ref`s into schemas being lowered, to stop at one that leads back to itself.
    following: Vec<String>,
    /// Where each named type was defined, for problems found once all are lowered.
    pointers: HashMap<TypeName, Pointer>,
    /// The body types of error responses, counted to pick the API's error type.
    error_bodies: Vec<TypeRef>,
    /// How many schema uses are being lowered inside one another (`schema::MAX_NESTING`).
    nesting: usize,
    /// Which schemas extend which through `allOf`, made when a discriminator first needs it.
    extending: Option<inheritance::Extending<'a>>,
    /// Each `anyOf` of objects merged so far, by pointer (and left-out tag), or `None` if it
    /// was not all objects.
    any_of_unions: HashMap<String, Option<object::AnyOfUnion>>,
    /// What `lower/examples.rs` needs: each schema's type by pointer, and schema examples met.
    example_notes: examples::Notes,
    /// How many operations use each `#/components/parameters/*`, for naming its type.
    parameter_uses: HashMap<String, usize>,
    /// The spec's paths, sorted, for naming methods (`lower/method_name.rs`).
    sorted_paths: BTreeSet<&'a str>,
    /// Response headers the spec declares that carry the server's id for a request.
    request_id_headers: BTreeSet<String>,
    /// The settings file's method names by operationId, each with whether an operation had it.
    chosen_methods: BTreeMap<String, (String, bool)>,
    requirements: Vec<(Pointer, Requirement)>,
    errors: Distinct,
    /// What the generator read but cannot express, and so left out or loosened.
    warnings: Distinct,
}

impl<'a> Lowerer<'a> {
    fn new(file: &'a str, spec: &'a OpenAPI) -> Self {
        let mut type_names = Scope::reserving(reserved::TYPES_MODULE);
        let component_names = spec
            .components
            .iter()
            .flat_map(|c| c.schemas.keys())
            .map(|key| (key.clone(), TypeName::new(type_names.claim(naming::type_name(key)))))
            .collect();
        Lowerer {
            file,
            spec,
            types: BTreeMap::new(),
            type_names,
            component_names,
            lowered: HashMap::new(),
            pointers: HashMap::new(),
            following: Vec::new(),
            error_bodies: Vec::new(),
            parameter_uses: param::parameter_uses(spec),
            sorted_paths: operation::sorted_paths(spec),
            request_id_headers: BTreeSet::new(),
            chosen_methods: BTreeMap::new(),
            extending: None,
            nesting: 0,
            any_of_unions: HashMap::new(),
            example_notes: examples::Notes::default(),
            requirements: Vec::new(),
            errors: Distinct::default(),
            warnings: Distinct::default(),
        }
    }

    /// Records a problem; one met again through another use of a shared component is not repeated.
    fn error(&mut self, pointer: &Pointer, what: impl Into<String>) {
        let error = Error::new(self.file, Location::Pointer(pointer.clone()), what.into());
        self.errors.push(error);
    }

    /// Records something of the spec that the crate leaves out or loosens, which does not stop
    /// generation. Worded `<what> is not supported: <what the crate does instead>`.
    fn warn(&mut self, pointer: &Pointer, what: impl Into<String>) {
        let warning = Error::new(self.file, Location::Pointer(pointer.clone()), what.into());
        self.warnings.push(warning);
    }

    /// A fresh type name, close to `wanted`.
    fn claim_type_name(&mut self, wanted: &str) -> TypeName {
        TypeName::new(self.type_names.claim(naming::type_name(wanted)))
    }

    /// Follows a local `$ref` into one section of `components` (`schemas`, `responses`…),
    /// returning the component's key and value, or reporting where the ref stands.
    fn resolve<T: 'a>(
        &mut self,
        item: &'a ReferenceOr<T>,
        section: &str,
        lookup: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        pointer: &Pointer,
    ) -> Option<Resolved<'a, T>> {
        let mut item = item;
        let mut key = None;
        let mut at = pointer.clone();
        // A component may itself be a `$ref`. Loading refuses cycles of them, but the chain is
        // still followed only while it meets names it has not met.
        let mut met: Vec<&str> = Vec::new();
        loop {
            let reference = match item {
                ReferenceOr::Item(value) => return Some(Resolved { key, value, pointer: at }),
                ReferenceOr::Reference { reference } => reference,
            };
            let prefix = format!("#/components/{section}/");
            let Some(name) = reference.strip_prefix(&prefix) else {
                let what =
                    format!("unsupported $ref `{reference}`: expected `{prefix}<name>` here");
                self.error(pointer, what);
                return None;
            };
            let found =
                self.spec.components.as_ref().map(&lookup).and_then(|map| map.get_key_value(name));
            let Some((name, next)) = found else {
                self.error(pointer, format!("unresolvable $ref `{reference}`: no such component"));
                return None;
            };
            if met.contains(&name.as_str()) {
                self.error(pointer, format!("$ref `{reference}` leads back to itself"));
                return None;
            }
            met.push(name);
            key = Some(name.as_str());
            at = Pointer::component(section, name);
            item = next;
        }
    }

    /// The error body type most operations use; other error bodies are still reported as raw text.
    fn error_body(&self) -> Option<TypeRef> {
        // Each body's count and where it was first seen; the most used wins, the first-seen of equals.
        let mut counts: BTreeMap<&TypeRef, (usize, usize)> = BTreeMap::new();
        for (at, body) in self.error_bodies.iter().enumerate() {
            counts.entry(body).or_insert((0, at)).0 += 1;
        }
        let best = counts
            .into_iter()
            .max_by_key(|(_, (count, first))| (*count, std::cmp::Reverse(*first)));
        best.map(|(body, _)| body.clone())
    }
}
