//! `openapiv3` → `model`: resolves references, names inline schemas from where they stand, and
//! collects every problem instead of stopping at the first.

mod constants;
mod constraints;
mod content;
mod example_fit;
mod examples;
mod inheritance;
mod object;
mod operation;
mod pagination;
mod param;
mod recursion;
mod schema;
mod schema_ref;
mod security;
mod server;
mod shared_enums;
mod union;
mod untagged;

use std::collections::{BTreeMap, HashMap};

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Distinct, Error, Errors, Location, Pointer};
use crate::model::{Api, TypeDef, TypeRef};
use crate::naming::{self, Scope};
use crate::reserved;

/// Lowers a loaded document into the model, or reports everything wrong with it.
/// The API, and the problems that do not stop generation: what the crate leaves out or loosens,
/// then examples that contradict their schema.
pub fn lower(file: &str, spec: &OpenAPI) -> Result<(Api, Vec<Error>), Errors> {
    let mut lowerer = Lowerer::new(file, spec);
    lowerer.component_schemas();
    let mut groups = lowerer.operations();
    let error_body = lowerer.error_body();
    let auth = lowerer.auth();
    untagged::settle(&mut lowerer.types, &mut lowerer.type_names, &mut lowerer.pointers);
    let components = lowerer.component_names.values().map(String::as_str).collect();
    shared_enums::share(&mut lowerer.types, &components);
    let cycles = recursion::break_alias_cycles(&mut lowerer.types);
    let examples = lowerer.examples();
    recursion::box_recursive_fields(&mut lowerer.types);
    for name in cycles {
        let pointer = lowerer.pointers[&name].clone();
        lowerer.error(
            &pointer,
            format!("schema `{name}` is only another name for itself (a cycle of `$ref`s or one-part `allOf`/`oneOf`/`anyOf`); it needs a type of its own"),
        );
    }
    pagination::detect(&lowerer.types, &mut groups);
    let base_url = match spec.servers.first().map(server::base_url).transpose() {
        Ok(url) => url,
        Err((pointer, what)) => {
            lowerer.error(&pointer, what);
            None
        }
    };
    if !lowerer.errors.is_empty() {
        return Err(Errors(lowerer.errors.into_vec()));
    }
    let mut warnings = lowerer.warnings.into_vec();
    warnings.extend(example_fit::misfits(file, &lowerer.types, &examples));
    // After the examples are checked against the properties as the spec writes them.
    constants::make_constants(&mut lowerer.types, &groups, &error_body, &examples);
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
    };
    Ok((api, warnings))
}

/// The model of the single-document spec `text`, for unit tests of what comes after lowering.
#[cfg(test)]
pub fn lowered(file: &str, text: &str) -> Api {
    let no_files = |_: &str| Err("one document".to_owned());
    let loaded = crate::load::load(file, text, &no_files, &[]).unwrap();
    lower(file, &loaded.spec).unwrap().0
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
    types: BTreeMap<String, TypeDef>,
    type_names: Scope,
    /// Rust names of `#/components/schemas/*`, fixed before anything else is named.
    component_names: HashMap<String, String>,
    /// The type of each inline schema already lowered, by JSON pointer, so that a schema reached
    /// twice (a shared response, a union variant) is lowered and named once.
    lowered: HashMap<String, TypeRef>,
    /// `$ref`s into schemas being lowered, to stop at one that leads back to itself.
    following: Vec<String>,
    /// Where each named type was defined, for problems found once all are lowered.
    pointers: HashMap<String, Pointer>,
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
            .map(|key| (key.clone(), type_names.claim(naming::type_name(key))))
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
            extending: None,
            nesting: 0,
            any_of_unions: HashMap::new(),
            example_notes: examples::Notes::default(),
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
    fn claim_type_name(&mut self, wanted: &str) -> String {
        self.type_names.claim(naming::type_name(wanted))
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
        // A component may itself be a `$ref`; follow a bounded chain so cycles end in an error.
        for _ in 0..32 {
            match item {
                ReferenceOr::Item(value) => return Some(Resolved { key, value, pointer: at }),
                ReferenceOr::Reference { reference } => {
                    let prefix = format!("#/components/{section}/");
                    let Some(name) = reference.strip_prefix(&prefix) else {
                        self.error(
                            pointer,
                            format!(
                                "unsupported $ref `{reference}`: expected `{prefix}<name>` here"
                            ),
                        );
                        return None;
                    };
                    let found = self
                        .spec
                        .components
                        .as_ref()
                        .map(&lookup)
                        .and_then(|map| map.get_key_value(name));
                    let Some((name, next)) = found else {
                        self.error(
                            pointer,
                            format!("unresolvable $ref `{reference}`: no such component"),
                        );
                        return None;
                    };
                    key = Some(name.as_str());
                    at = Pointer::component(section, name);
                    item = next;
                }
            }
        }
        self.error(pointer, "$ref chain too long or cyclic");
        None
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
