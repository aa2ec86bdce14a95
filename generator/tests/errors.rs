//! Bad specs give errors that name the file and the JSON pointer, all of them at once, and never panic.

mod common;

use common::at as pointer;
use generator::{Location, Settings};

fn problems(spec: &str) -> Vec<(Location, String)> {
    let settings = Settings::new("bad.yaml", "bad");
    let found = common::problems_of(generator::generate(spec, &settings));
    (found.into_iter())
        .inspect(|(file, _, _)| assert_eq!(file, "bad.yaml"))
        .map(|(_, location, what)| (location, what))
        .collect()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn every_unresolvable_ref_is_reported_with_its_pointer() {
    let spec = format!(
        "{HEAD}paths:
  /a/{{id}}:
    get:
      parameters:
        - $ref: '#/components/parameters/missing'
      responses:
        '200':
          $ref: '#/components/responses/absent'
components:
  schemas:
    Thing:
      type: object
      properties:
        other:
          $ref: '#/components/schemas/Nowhere'
"
    );
    let found = problems(&spec);
    let expected = [
        (
            pointer("/components/schemas/Thing/properties/other"),
            "unresolvable $ref `#/components/schemas/Nowhere`: no such schema",
        ),
        (
            pointer("/paths/~1a~1{id}/get/parameters/0"),
            "unresolvable $ref `#/components/parameters/missing`: no such component",
        ),
        (
            pointer("/paths/~1a~1{id}/get"),
            "path template `/a/{id}` names `id`, but no path parameter has that name",
        ),
        (
            pointer("/paths/~1a~1{id}/get/responses/200"),
            "unresolvable $ref `#/components/responses/absent`: no such component",
        ),
    ];
    let found: Vec<(Location, &str)> =
        found.iter().map(|(location, what)| (location.clone(), what.as_str())).collect();
    assert_eq!(found, expected);
}

#[test]
fn yaml_syntax_errors_give_line_and_column() {
    let found = problems("openapi: 3.0.3\ninfo:\n  title: [oops\n");
    assert_eq!(found.len(), 1);
    assert!(matches!(found[0].0, Location::LineColumn { .. }), "{found:?}");
}

#[test]
fn ref_cycles_between_components_are_errors() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/a'
      responses:
        '204': {{description: none}}
components:
  parameters:
    a: {{$ref: '#/components/parameters/b'}}
    b: {{$ref: '#/components/parameters/a'}}
"
    );
    assert_eq!(
        problems(&spec),
        [(
            pointer("/components/parameters/a"),
            "$ref cycle: #/components/parameters/a → #/components/parameters/b → #/components/parameters/a"
                .to_owned()
        )]
    );
}

#[test]
fn unsupported_constructs_say_what_is_supported() {
    let spec = format!(
        "{HEAD}paths:
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {{type: string}}
      responses:
        '204': {{description: none}}
"
    );
    let found = problems(&spec);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].0,
        pointer("/paths/~1upload/post/requestBody/content/multipart~1form-data/schema")
    );
    assert!(found[0].1.contains("`multipart/form-data` body must be an object"), "{found:?}");
}

#[test]
fn parameters_that_cannot_go_in_a_url_are_refused() {
    let spec = format!(
        "{HEAD}paths:
  /search:
    get:
      parameters:
        - name: filter
          in: query
          schema:
            $ref: '#/components/schemas/Filter'
      responses:
        '204': {{description: none}}
components:
  schemas:
    Filter:
      type: object
      properties:
        name: {{type: string}}
"
    );
    let found = problems(&spec);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, pointer("/paths/~1search/get/parameters/0"));
    assert!(
        found[0].1.contains("`filter`") && found[0].1.contains("`deepObject` query objects"),
        "{found:?}"
    );
}

#[test]
fn every_malformed_entry_is_reported_not_only_the_first() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    get:
      responses: 7
  /b:
    get:
      parameters:
        - name: q
      responses:
        '204': {{description: none}}
components:
  schemas:
    Fine: {{type: string}}
    Bad: {{type: object, properties: [not, a, map]}}
"
    );
    let found = problems(&spec);
    let places: Vec<&Location> = found.iter().map(|(location, _)| location).collect();
    assert_eq!(
        places,
        [
            &pointer("/paths/~1a/get/responses"),
            &pointer("/paths/~1b/get/parameters/0"),
            &pointer("/components/schemas/Bad"),
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|(_, what)| what.starts_with("not a valid OpenAPI object")));
}

#[test]
fn components_that_only_refer_to_each_other_in_a_circle_are_errors() {
    let spec = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    A: {{$ref: '#/components/schemas/B'}}
    B: {{$ref: '#/components/schemas/A'}}
    C: {{$ref: '#/components/schemas/C'}}
    D: {{$ref: '#/components/schemas/A'}}
  responses:
    R: {{$ref: '#/components/responses/R'}}
"
    );
    assert_eq!(
        problems(&spec),
        [
            (
                pointer("/components/schemas/A"),
                "$ref cycle: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A"
                    .to_owned()
            ),
            (
                pointer("/components/schemas/C"),
                "$ref cycle: #/components/schemas/C → #/components/schemas/C".to_owned()
            ),
            (
                pointer("/components/responses/R"),
                "$ref cycle: #/components/responses/R → #/components/responses/R".to_owned()
            ),
        ]
    );
}

#[test]
fn schemas_that_include_themselves_through_all_of_are_errors() {
    let spec = format!(
        "{HEAD}paths: {{}}
components:
  schemas:
    Selfish:
      type: object
      properties:
        x: {{type: string}}
      allOf:
        - $ref: '#/components/schemas/Selfish'
    A:
      allOf:
        - $ref: '#/components/schemas/Alias'
        - {{type: object, properties: {{a: {{type: string}}}}}}
    Alias: {{$ref: '#/components/schemas/B'}}
    B:
      allOf:
        - $ref: '#/components/schemas/A'
"
    );
    let found = problems(&spec);
    let expected = [
        (
            pointer("/components/schemas/Selfish"),
            "allOf cycle: #/components/schemas/Selfish → #/components/schemas/Selfish; a schema \
             cannot include itself",
        ),
        (
            pointer("/components/schemas/A"),
            "allOf cycle: #/components/schemas/A → #/components/schemas/Alias → \
             #/components/schemas/B → #/components/schemas/A; a schema cannot include itself",
        ),
    ];
    let found: Vec<(Location, &str)> =
        found.iter().map(|(location, what)| (location.clone(), what.as_str())).collect();
    assert_eq!(found, expected);
}

/// `S0` includes `S1` through `allOf`, `S1` includes `S2`, and so on, `n` long.
fn all_of_chain(n: usize) -> String {
    let mut spec = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..n - 1 {
        let next = i + 1;
        spec += &format!("    S{i}: {{allOf: [{{$ref: '#/components/schemas/S{next}'}}, {{type: object, properties: {{p{i}: {{type: string}}}}}}]}}\n");
    }
    spec += &format!("    S{}: {{type: object, properties: {{last: {{type: string}}}}}}\n", n - 1);
    spec
}

/// `S0.p.q` is a `$ref` to `S1.p`, whose `q` is a `$ref` to `S2.p`, and so on: each level is
/// lowered inside the one before.
fn ref_chain(n: usize) -> String {
    let mut spec = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..n - 1 {
        let next = i + 1;
        spec += &format!("    S{i}: {{type: object, properties: {{p: {{type: object, properties: {{q: {{$ref: '#/components/schemas/S{next}/properties/p'}}}}}}}}}}\n");
    }
    spec += &format!("    S{}: {{type: object, properties: {{p: {{type: string}}}}}}\n", n - 1);
    spec
}

#[test]
fn schemas_nested_a_thousand_deep_are_refused_without_exhausting_the_stack() {
    // On a test thread's small stack, in a debug build: a depth the stack cannot take fails
    // here by crashing the test binary.
    for spec in [all_of_chain(1_000), ref_chain(1_000)] {
        let found = problems(&spec);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(_, what)| what.contains("nest more than 100 deep")),
            "{found:?}"
        );
    }
}

#[test]
fn schemas_nested_fifty_deep_still_generate() {
    let settings = Settings::new("deep.yaml", "deep");
    for spec in [all_of_chain(50), ref_chain(50)] {
        generator::generate(&spec, &settings).unwrap();
    }
}

#[test]
fn parameters_with_no_text_form_are_refused_where_they_stand() {
    let spec = format!(
        "{HEAD}paths:
  /a/{{where}}:
    get:
      parameters:
        - {{name: where, in: path, required: true, schema: {{type: object, properties: {{x: {{type: string}}}}}}}}
        - {{name: grid, in: query, schema: {{type: array, items: {{type: array, items: {{type: integer}}}}}}}}
        - {{name: either, in: header, schema: {{oneOf: [{{type: string}}, {{type: object}}]}}}}
        - {{name: fine, in: query, schema: {{oneOf: [{{type: string}}, {{type: array, items: {{type: string}}}}]}}}}
      responses:
        '204': {{description: done}}
"
    );
    let problems = problems(&spec);
    let at: Vec<&Location> = problems.iter().map(|(location, _)| location).collect();
    assert_eq!(
        at,
        [
            &pointer("/paths/~1a~1{where}/get/parameters/0"),
            &pointer("/paths/~1a~1{where}/get/parameters/1"),
            &pointer("/paths/~1a~1{where}/get/parameters/2"),
        ],
        "{problems:?}"
    );
    assert!(problems[0].1.starts_with("parameter `where` has a type that cannot be written"));
}

#[test]
fn a_security_scheme_ref_that_leads_nowhere_or_elsewhere_is_reported_on_the_scheme() {
    let spec = |target: &str| {
        format!(
            "{HEAD}paths: {{}}
security:
  - chosen: []
components:
  securitySchemes:
    chosen:
      $ref: '#/components/securitySchemes/middle'
    middle:
      $ref: '{target}'
  schemas:
    S:
      type: string
"
        )
    };
    let at = pointer("/components/securitySchemes/chosen");
    assert_eq!(
        problems(&spec("#/components/schemas/S")),
        [(at.clone(), "security scheme `chosen` leads to `#/components/schemas/S`, which is not a security scheme in `#/components/securitySchemes`".to_owned())]
    );
    let found = problems(&spec("#/components/securitySchemes/chosen"));
    assert!(found.iter().any(|(_, what)| what.contains("$ref cycle")), "{found:?}");
}

#[test]
fn parameter_content_other_than_one_json_or_text_media_type_is_refused_where_it_stands() {
    let spec = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - name: both
          in: query
          content:
            application/json: {{schema: {{type: string}}}}
            text/plain: {{schema: {{type: string}}}}
        - name: xml
          in: query
          content:
            application/xml: {{schema: {{type: string}}}}
        - name: none
          in: query
          content: {{}}
        - name: shaped
          in: header
          content:
            text/plain:
              schema: {{type: object, properties: {{a: {{type: string}}}}}}
      responses:
        '204': {{description: ok}}
"
    );
    let found = problems(&spec);
    let at = |i: usize, rest: &str| pointer(&format!("/paths/~1a/get/parameters/{i}{rest}"));
    assert_eq!(
        found,
        [
            (at(0, "/content"), "parameter `both` must have exactly one media type in `content`".to_owned()),
            (at(1, "/content/application~1xml"), "parameter `xml` has media type `application/xml`, which is not supported: `application/json` (also `*/json` and `+json`) and `text/plain` are".to_owned()),
            (at(2, "/content"), "parameter `none` must have exactly one media type in `content`".to_owned()),
            (at(3, ""), "parameter `shaped` has a type that cannot be written into a request: scalars, unions of scalars, arrays of them, `deepObject` query objects, and anything as `application/json` content are supported".to_owned()),
        ],
    );
}

#[test]
fn an_operation_under_a_path_that_would_leave_the_server_is_reported_not_dropped() {
    // The attacker's spec: `servers` names the API, but these paths, appended to it, would name
    // another host (`https://api.example.com@evil.example/steal` is `evil.example` with a user
    // name). `openapiv3` keeps only keys starting with `/`, so the operations vanished silently.
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /fine:
    get:
      operationId: fine
      responses: {'204': {description: none}}
  '@evil.example/steal':
    post:
      operationId: steal
      responses: {'204': {description: none}}
  .evil.example/x:
    get:
      responses: {'204': {description: none}}
  x-note: {anything: goes}
";
    let found = problems(spec);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, pointer("/paths/@evil.example~1steal"), "{found:#?}");
    assert_eq!(found[1].0, pointer("/paths/.evil.example~1x"), "{found:#?}");
    for (_, what) in &found {
        assert!(what.starts_with("path `"), "{what}");
        assert!(what.contains("does not start with `/`"), "{what}");
    }
}

#[test]
fn a_method_openapi_does_not_name_is_reported_not_dropped() {
    // `GET` is not `get`: `openapiv3` ignored the field, and the operation with it.
    let spec = format!(
        "{HEAD}paths:
  /items:
    GET:
      operationId: list
      responses: {{'204': {{description: none}}}}
    x-internal: true
    get:
      operationId: fetch
      responses: {{'204': {{description: none}}}}
"
    );
    let found = problems(&spec);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, pointer("/paths/~1items/GET"));
    assert!(found[0].1.contains("`GET` is not a field of a path item"), "{found:#?}");
}

#[test]
fn the_settings_file_names_methods_and_a_name_for_no_operation_or_a_taken_one_is_an_error() {
    let spec = format!(
        "{HEAD}paths:
  /v1/customers:
    get: {{operationId: GetCustomers, tags: [customers], responses: {{'204': {{description: ok}}}}}}
    post: {{operationId: PostCustomers, tags: [customers], responses: {{'204': {{description: ok}}}}}}
"
    );
    let mut settings = Settings::new("bad.yaml", "bad");
    settings.config.methods.insert("PostCustomers".into(), "add".into());
    let output = generator::generate(&spec, &settings).unwrap();
    let operations = common::file(&output.files, "src/operations/customers.rs");
    assert!(operations.contains("pub fn list(") && operations.contains("pub fn add("));

    settings.config.methods.insert("GetCustomrs".into(), "all".into());
    settings.config.methods.insert("PostCustomers".into(), "list".into());
    let found = common::problems_of(generator::generate(&spec, &settings));
    let found: Vec<(Location, String)> =
        found.into_iter().map(|(_, at, what)| (at, what)).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, pointer("/paths/~1v1~1customers/post"));
    assert!(found[0].1.contains("method `list`, which its group already has"), "{found:?}");
    assert_eq!(found[1].0, Location::File);
    assert!(found[1].1.contains("operation `GetCustomrs`, which the spec does not have"));
}
