//! OpenAPI 3.1 documents: the same API in 3.0 and 3.1 gives the same crate, and errors and
//! warnings about a 3.1 document name the file and pointer the user wrote, also for the nodes
//! the conversion to 3.0 moved (`$ref`s given siblings, `type` lists, `$defs`, `pathItems`).

use std::fs;
use std::path::Path;

mod common;

use generator::{Error, Location, Output, Settings, Warning};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    fs::read_to_string(path).unwrap()
}

/// Generates `spec/root.yaml` (given as `root`) beside the files `others`, paths relative to `spec/`.
fn generate(root: &str, others: &[(&str, &str)]) -> Result<Output, generator::Errors> {
    common::generate_split(root, others, &Settings::new("spec/root.yaml", "v31"))
}

fn places(found: &[Error]) -> Vec<(String, Location)> {
    found.iter().map(|e| (e.file.clone(), e.location.clone())).collect()
}

fn warning_places(found: &[Warning]) -> Vec<(String, Location)> {
    found.iter().map(|w| (w.file.clone(), w.location.clone())).collect()
}

fn at(file: &str, pointer: &str) -> (String, Location) {
    (file.to_owned(), common::at(pointer))
}

fn errors(root: &str, others: &[(&str, &str)]) -> Vec<Error> {
    generate(root, others).expect_err("the spec should be refused").0
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

#[test]
fn the_same_api_in_3_0_and_3_1_gives_the_same_crate() {
    let crate_of = |name: &str| {
        let spec_path = format!("fixtures/{name}");
        let settings = Settings::new(spec_path.clone(), "twin");
        let output = generator::generate(&fixture(name), &settings).unwrap();
        assert!(output.warnings.is_empty(), "{name}: {:?}", output.warnings);
        // Only the header naming the spec may differ.
        let files: Vec<(String, String)> = output
            .files
            .into_iter()
            .map(|file| (file.path, file.contents.replace(&spec_path, "SPEC")))
            .collect();
        files
    };
    let (v30, v31) =
        (crate_of("load-openapi31-twin-v30.yaml"), crate_of("load-openapi31-twin-v31.yaml"));
    assert_eq!(
        v30.iter().map(|(path, _)| path).collect::<Vec<_>>(),
        v31.iter().map(|(path, _)| path).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in v30.iter().zip(&v31) {
        assert!(
            a == b,
            "{path} differs between the 3.0 and the 3.1 spec:\n--- 3.0\n{a}\n--- 3.1\n{b}"
        );
    }
}

#[test]
fn a_3_1_document_without_paths_generates() {
    let output =
        generate(&format!("{HEAD}components:\n  schemas:\n    A: {{type: string}}\n"), &[]);
    assert!(output.unwrap().warnings.is_empty());
}

#[test]
fn errors_inside_moved_nodes_name_what_the_user_wrote() {
    let root = format!(
        "{HEAD}paths:
  /a:
    $ref: '#/components/pathItems/A'
components:
  pathItems:
    A:
      get:
        responses: 7
  schemas:
    Listed:
      type: [string, integer]
      minLength: -1
    Described:
      type: object
      properties:
        b:
          $ref: '#/components/schemas/Missing'
          description: names nothing
    Defined:
      type: object
      properties:
        c: {{$ref: '#/components/schemas/Defined/$defs/c'}}
      $defs:
        c:
          type: object
          required: 5
"
    );
    // `openapiv3` says only which schema it could not read.
    let mut found = places(&errors(&root, &[]));
    found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    let root = "spec/root.yaml";
    let mut expected = vec![
        at(root, "/components/pathItems/A/get/responses"),
        at(root, "/components/schemas/Listed"),
        at(root, "/components/schemas/Defined/$defs/c"),
    ];
    expected.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(found, expected);
}

#[test]
fn unresolvable_refs_in_moved_nodes_are_reported_where_they_stand() {
    let root = format!(
        "{HEAD}components:
  schemas:
    Described:
      type: object
      properties:
        b:
          $ref: '#/components/schemas/Missing'
          description: names nothing
    Typed:
      type: [object, 'null', array]
      properties:
        x: {{$ref: '#/components/schemas/Missing'}}
"
    );
    let found = errors(&root, &[]);
    let expected = [
        at("spec/root.yaml", "/components/schemas/Described/properties/b"),
        at("spec/root.yaml", "/components/schemas/Typed/properties/x"),
    ];
    assert_eq!(places(&found), expected, "{found:?}");
}

#[test]
fn errors_and_warnings_in_other_files_name_those_files() {
    let root = format!(
        "{HEAD}paths:
  /a:
    get:
      operationId: a_get
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: 'models/pet.yaml'}}
"
    );
    let pet = "type: object
properties:
  tag: {$ref: '#/$defs/tag', description: the tag}
  pair:
    type: array
    prefixItems: [{type: string}, {type: integer}]
$defs:
  tag:
    type: [string, 'null']
";
    let output = generate(&root, &[("models/pet.yaml", pet)]).unwrap();
    assert_eq!(
        warning_places(&output.warnings),
        vec![at("spec/models/pet.yaml", "/properties/pair/prefixItems")]
    );
    let types = &output.files.iter().find(|f| f.path == "src/types.rs").unwrap().contents;
    assert!(types.contains("/// the tag\n"), "{types}");
    assert!(types.contains("pub tag: Option<Tag>"), "{types}");
    assert!(types.contains("pub type Tag = String;"), "{types}");

    let broken = pet.replace("type: [string, 'null']", "type: [string, integer]\n    maxLength: x");
    let found = errors(&root, &[("models/pet.yaml", &broken)]);
    assert_eq!(places(&found), vec![at("spec/models/pet.yaml", "/$defs/tag")], "{found:?}");
}

#[test]
fn webhooks_are_one_warning_and_nothing_generated() {
    let root = format!(
        "{HEAD}webhooks:
  newPet:
    post:
      operationId: new_pet_hook
      requestBody:
        content:
          application/json:
            schema: {{type: object}}
      responses:
        '200': {{description: ok}}
"
    );
    let output = generate(&root, &[]).unwrap();
    assert_eq!(warning_places(&output.warnings), vec![at("spec/root.yaml", "/webhooks")]);
    assert_eq!(output.warnings[0].what.lines().count(), 1);
    assert!(output.files.iter().all(|f| !f.contents.contains("new_pet_hook")));
}
