//! What the spec defines once is generated once, however many operations use it.

use generator::{Location, Settings};

fn generate(spec: &str) -> Result<String, generator::Errors> {
    let settings = Settings::new("shared.yaml", "shared");
    let files = generator::generate(spec, &settings)?.files;
    Ok(files.into_iter().find(|file| file.path == "src/types.rs").unwrap().contents)
}

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: a_list
      parameters: [{$ref: '#/components/parameters/sort'}]
      responses:
        '200': {$ref: '#/components/responses/page'}
  /b:
    get:
      operationId: b_list
      parameters: [{$ref: '#/components/parameters/sort'}]
      responses:
        '200': {$ref: '#/components/responses/page'}
components:
  parameters:
    sort:
      name: sort
      in: query
      schema: {type: string, enum: [asc, desc]}
  responses:
    page:
      description: A page.
      content:
        application/json:
          schema:
            type: object
            properties:
              items: {type: array, items: {type: string}}
              next: {$ref: '#/components/schemas/Cursor'}
  schemas:
    Cursor: {type: string}
";

#[test]
fn shared_parameters_and_responses_make_one_type_each() {
    let types = generate(SPEC).unwrap();
    assert_eq!(types.matches("pub enum Sort {").count(), 1, "{types}");
    assert_eq!(types.matches("pub struct Page {").count(), 1, "{types}");
    assert!(!types.contains("Sort2") && !types.contains("Page2"), "{types}");
}

#[test]
fn problems_inside_a_shared_component_point_into_the_component() {
    let spec = SPEC.replace("'#/components/schemas/Cursor'", "'#/components/schemas/Nope'");
    let errors = generate(&spec).unwrap_err();
    let pointers: Vec<&Location> = errors.0.iter().map(|error| &error.location).collect();
    let expected = Location::Pointer(
        "/components/responses/page/content/application~1json/schema/properties/next".into(),
    );
    assert_eq!(pointers, [&expected], "reported once, where the mistake is: {errors}");
}
