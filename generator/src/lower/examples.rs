//! The spec's example values, each paired with the type it must decode into, for the generated
//! round-trip test (`emit/examples.rs`).
//!
//! Types are not worked out again here: lowering notes the type of every schema use by the
//! schema's JSON pointer (`note_for_examples`), and this module looks them up. An example whose
//! schema was never lowered (a media type that is not JSON, an unsupported parameter) is left out.

use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{MediaType, ParameterSchemaOrContent, ReferenceOr};
use serde_json::Value;

use super::schema::SchemaRef;
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{Example, Group, TypeRef};

/// What lowering noted for the examples.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// The type of each schema use, by the pointer of the schema.
    types: HashMap<String, TypeRef>,
    /// Examples written on inline schemas, in the order they were met.
    schema_examples: Vec<Example>,
    /// The request body examples of each operation, by path and method (`get`).
    body_examples: HashMap<(String, String), Vec<Value>>,
}

impl<'a> Lowerer<'a> {
    /// Called for every schema use: records its type, and its example on first meeting it.
    pub(super) fn note_for_examples(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        ty: &TypeRef,
    ) {
        let first =
            self.example_notes.types.insert(pointer.as_str().to_owned(), ty.clone()).is_none();
        if let (true, SchemaRef::Inline(schema)) = (first, schema) {
            if let Some(value) = &schema.schema_data.example {
                let pointer = pointer.join("example");
                self.example_notes.schema_examples.push(Example {
                    pointer,
                    ty: ty.clone(),
                    value: value.clone(),
                });
            }
        }
    }

    /// Every example: component schemas', then inline schemas' (in the order lowering met them),
    /// then those of parameters, request bodies and responses, in path order.
    pub(super) fn examples(&mut self) -> Vec<Example> {
        let mut examples = Vec::new();
        let components = self.spec.components.iter().flat_map(|c| &c.schemas);
        for (key, schema) in components {
            let (ReferenceOr::Item(schema), Some(name)) = (schema, self.component_names.get(key))
            else {
                continue;
            };
            if let Some(value) = &schema.schema_data.example {
                let pointer = Pointer::component("schemas", key).join("example");
                examples.push(Example {
                    pointer,
                    ty: TypeRef::Named(name.clone()),
                    value: value.clone(),
                });
            }
        }
        examples.append(&mut self.example_notes.schema_examples);
        let mut seen = std::collections::HashSet::new();
        for found in self.operation_examples() {
            if seen.insert(found.pointer.clone()) {
                examples.push(found);
            }
        }
        examples
    }

    /// Gives each operation the examples of its request body, once `examples` has found them.
    pub(super) fn attach_body_examples(&mut self, groups: &mut [Group]) {
        for op in groups.iter_mut().flat_map(|group| &mut group.operations) {
            let key = (op.path.clone(), op.http_method.as_str().to_ascii_lowercase());
            op.body_examples = self.example_notes.body_examples.remove(&key).unwrap_or_default();
        }
    }

    fn operation_examples(&mut self) -> Vec<Example> {
        let mut examples = Vec::new();
        let spec = self.spec;
        for (path, item) in &spec.paths.paths {
            let ReferenceOr::Item(item) = item else { continue };
            let path_pointer = Pointer::default().join("paths").join(path);
            let shared = item
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (p, path_pointer.join("parameters").join(i)));
            let shared: Vec<_> = shared.collect();
            for (method, operation) in item.iter() {
                let pointer = path_pointer.join(method);
                let own = operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, pointer.join("parameters").join(i)));
                for (parameter, at) in own.chain(shared.iter().cloned()) {
                    let Some(found) = self.resolve(parameter, "parameters", |c| &c.parameters, &at)
                    else {
                        continue;
                    };
                    let data = found.value.parameter_data_ref();
                    // A parameter's own examples are of its schema, or of its one media type's.
                    let schema = match &data.format {
                        ParameterSchemaOrContent::Schema(_) => found.pointer.join("schema"),
                        ParameterSchemaOrContent::Content(content) => {
                            self.media_examples(&mut examples, content, &found.pointer);
                            let Some(media_type) = content.keys().next() else { continue };
                            found.pointer.join("content").join(media_type).join("schema")
                        }
                    };
                    self.push_examples(
                        &mut examples,
                        &schema,
                        &found.pointer,
                        data.example.as_ref(),
                        &data.examples,
                    );
                }
                if let Some(body) = &operation.request_body {
                    if let Some(found) = self.resolve(
                        body,
                        "requestBodies",
                        |c| &c.request_bodies,
                        &pointer.join("requestBody"),
                    ) {
                        // The body's own: its inline schema's example, then its media type's.
                        let content = &found.value.content;
                        let schemas = content.values().filter_map(|media| match &media.schema {
                            Some(ReferenceOr::Item(schema)) => schema.schema_data.example.clone(),
                            _ => None,
                        });
                        let mut own: Vec<Value> = schemas.collect();
                        let before = examples.len();
                        self.media_examples(&mut examples, content, &found.pointer);
                        own.extend(examples[before..].iter().map(|example| example.value.clone()));
                        let key = (path.clone(), method.to_owned());
                        self.example_notes.body_examples.insert(key, own);
                    }
                }
                let responses = pointer.join("responses");
                let statuses = operation
                    .responses
                    .responses
                    .iter()
                    .map(|(status, r)| (r, responses.join(status)));
                let default =
                    operation.responses.default.iter().map(|r| (r, responses.join("default")));
                for (response, at) in statuses.chain(default) {
                    if let Some(found) = self.resolve(response, "responses", |c| &c.responses, &at)
                    {
                        self.media_examples(&mut examples, &found.value.content, &found.pointer);
                    }
                }
            }
        }
        examples
    }

    fn media_examples(
        &mut self,
        examples: &mut Vec<Example>,
        content: &'a IndexMap<String, MediaType>,
        pointer: &Pointer,
    ) {
        for (media_type, media) in content {
            let at = pointer.join("content").join(media_type);
            self.push_examples(
                examples,
                &at.join("schema"),
                &at,
                media.example.as_ref(),
                &media.examples,
            );
        }
    }

    /// The `example` and `examples` written at `at`, typed as the schema at `schema`.
    fn push_examples(
        &mut self,
        examples: &mut Vec<Example>,
        schema: &Pointer,
        at: &Pointer,
        example: Option<&Value>,
        named: &'a IndexMap<String, ReferenceOr<openapiv3::Example>>,
    ) {
        let Some(ty) = self.example_notes.types.get(schema.as_str()).cloned() else {
            return;
        };
        if let Some(value) = example {
            examples.push(Example {
                pointer: at.join("example"),
                ty: ty.clone(),
                value: value.clone(),
            });
        }
        for (name, example) in named {
            let example_pointer = at.join("examples").join(name);
            let Some(found) = self.resolve(example, "examples", |c| &c.examples, &example_pointer)
            else {
                continue;
            };
            // An example given only by `externalValue` has nothing to check here.
            if let Some(value) = &found.value.value {
                let pointer = example_pointer.join("value");
                examples.push(Example { pointer, ty: ty.clone(), value: value.clone() });
            }
        }
    }
}
