//! A `discriminator` on a schema that others extend through `allOf` (inheritance, as Java-made
//! specs write it): the base becomes a tagged enum of the schemas that extend it.

use std::collections::{HashMap, HashSet};

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind};

use super::schema::{SchemaRef, SCHEMA_PREFIX};
use super::union::{mapping_key, Candidate};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::TypeKind;

impl<'a> Lowerer<'a> {
    /// The tagged enum for the component at `pointer` whose `discriminator` has no `oneOf` or
    /// `anyOf` beside it; `None` (a plain struct) if nothing extends it.
    pub(super) fn inheritance(
        &mut self,
        name: &str,
        discriminator: &'a Discriminator,
        pointer: &Pointer,
    ) -> Option<TypeKind> {
        let base = self.component_key_at(pointer)?;
        let schemas = &self.spec.components.as_ref()?.schemas;
        // The `mapping` lists the schemas the tag selects; without one, every schema that names
        // the base in its `allOf` does, in spec order.
        let keys: Vec<&'a String> = if discriminator.mapping.is_empty() {
            let own_ref = format!("{SCHEMA_PREFIX}{base}");
            let extending = self.extending.get_or_insert_with(|| extending(schemas));
            extending.get(own_ref.as_str()).cloned().unwrap_or_default()
        } else {
            let mut keys: Vec<&'a String> = Vec::new();
            let mut seen = HashSet::new();
            for target in discriminator.mapping.values() {
                let (key, _) = schemas.get_key_value(mapping_key(target))?;
                if seen.insert(key) {
                    keys.push(key);
                }
            }
            keys
        };
        if keys.is_empty() {
            return None;
        }
        let candidates = keys
            .into_iter()
            .map(|key| Candidate {
                schema: SchemaRef::from(&schemas[key.as_str()]),
                pointer: Pointer::component("schemas", key),
                key: Some(key.as_str()),
            })
            .collect();
        self.tagged(name, candidates, discriminator)
    }
}

/// For each `$ref` that some schema's `allOf` lists, the schemas that list it, in spec order:
/// made once, rather than a walk over every schema for every base.
pub(super) fn extending(schemas: &Schemas) -> Extending<'_> {
    let mut extending: Extending<'_> = HashMap::new();
    for (key, schema) in schemas {
        let ReferenceOr::Item(schema) = schema else { continue };
        let parts = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => continue,
        };
        let refs = parts.iter().filter_map(|part| match part {
            ReferenceOr::Reference { reference } => Some(reference.as_str()),
            ReferenceOr::Item(_) => None,
        });
        for reference in refs.collect::<HashSet<_>>() {
            extending.entry(reference).or_default().push(key);
        }
    }
    extending
}

type Schemas = indexmap::IndexMap<String, ReferenceOr<Schema>>;

/// `$ref` → the keys of the schemas whose `allOf` lists it.
pub(super) type Extending<'a> = HashMap<&'a str, Vec<&'a String>>;
