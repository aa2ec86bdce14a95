//! Public names of a generated crate: no name is both a type in `types` and an item in
//! `operations`, and types made for a parameter are named after its operation, unless several
//! operations share it (`tests/sharing.rs`).

use std::collections::BTreeSet;

use generator::Settings;

/// DigitalOcean's shapes: a shared `type` parameter, and a request body schema named exactly
/// like the operation that takes it.
const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /images:
    get:
      operationId: images_list
      tags: [Images]
      parameters: [{$ref: '#/components/parameters/type'}]
      responses: {"200": {description: ok}}
  /images/{id}/accept:
    post:
      operationId: images_accept
      tags: [Images]
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/images_accept'}}}
      responses: {"204": {description: done}}
components:
  parameters:
    type:
      name: type
      in: query
      schema: {type: string, enum: [distribution, application]}
  schemas:
    images_accept:
      type: object
      properties: {transfer_id: {type: integer}}
    Images:
      type: object
      properties: {count: {type: integer}}
"#;

/// The names declared (`pub struct X`, `pub enum X`, `pub type X`) in the files under `prefix`.
fn declared(files: &[generator::File], prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for file in files.iter().filter(|file| file.path.starts_with(prefix)) {
        for line in file.contents.lines() {
            let line = line.trim_start();
            for keyword in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let end = rest.find(|c: char| !c.is_alphanumeric() && c != '_');
                    names.insert(rest[..end.unwrap_or(rest.len())].to_owned());
                }
            }
        }
    }
    names
}

#[test]
fn no_name_is_both_a_type_and_an_operation_item() {
    let files = generator::generate(SPEC, &Settings::new("spec.yaml", "t")).unwrap().files;
    let types = declared(&files, "src/types.rs");
    let operations = declared(&files, "src/operations/");
    assert!(types.contains("ImagesAccept") && types.contains("Images"), "{types:?}");
    assert!(operations.contains("ImagesAcceptBuilder"), "{operations:?}");
    assert!(operations.contains("ImagesOperations"), "{operations:?}");
    let both: Vec<_> = types.intersection(&operations).collect();
    assert!(both.is_empty(), "in both `types` and `operations`: {both:?}");
}

#[test]
fn a_shared_parameter_is_named_after_its_operation() {
    let files = generator::generate(SPEC, &Settings::new("spec.yaml", "t")).unwrap().files;
    let types = declared(&files, "src/types.rs");
    assert!(types.contains("ImagesListType") && !types.contains("Type"), "{types:?}");
}
