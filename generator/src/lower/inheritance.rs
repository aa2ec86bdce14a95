//! A `discriminator` on a schema that others extend through `allOf` (inheritance, as Java-made
//! specs write it): the base becomes a tagged enum of the schemas that extend it.

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
            schemas
                .iter()
                .filter(|(_, schema)| extends(schema, &own_ref))
                .map(|(key, _)| key)
                .collect()
        } else {
            let mut keys: Vec<&'a String> = Vec::new();
            for target in discriminator.mapping.values() {
                let (key, _) = schemas.get_key_value(mapping_key(target))?;
                if !keys.contains(&key) {
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

/// Whether `schema` lists the `$ref` `own_ref` among its `allOf` parts.
fn extends(schema: &ReferenceOr<Schema>, own_ref: &str) -> bool {
    let ReferenceOr::Item(schema) = schema else {
        return false;
    };
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => return false,
    };
    parts
        .iter()
        .any(|part| matches!(part, ReferenceOr::Reference { reference } if reference == own_ref))
}
