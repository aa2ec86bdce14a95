//! Specs split across files: relative `$ref`s are followed through the caller's `Files`, and
//! problems name the file and pointer where they stand, all at once, never a panic.

mod common;

use common::at;
use generator::{Errors, Location, Settings};

/// Generates `spec/root.yaml` (given as `root`) beside the files `others`, paths relative to `spec/`.
fn generate(root: &str, others: &[(&str, &str)]) -> Result<generator::Output, Errors> {
    common::generate_split(root, others, &Settings::new("spec/root.yaml", "split"))
}

fn problems(root: &str, others: &[(&str, &str)]) -> Vec<(String, Location, String)> {
    common::problems_of(generate(root, others))
}

fn types_of(files: &[generator::File]) -> &str {
    common::file(files, "src/types.rs")
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn root_with_response(schema_ref: &str) -> String {
    format!(
        "{HEAD}paths:
  /a:
    get:
      operationId: a_get
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '{schema_ref}'}}
"
    )
}

#[test]
fn a_schema_in_another_file_becomes_one_named_type() {
    let root = format!(
        "{HEAD}paths:
  /a:
    get:
      operationId: a_get
      responses:
        '200': {{$ref: 'responses.yml#/one'}}
        '201': {{$ref: 'responses.yml#/many'}}
"
    );
    let responses = "one:
  description: one
  content:
    application/json:
      schema: {$ref: 'models/widget.yml'}
many:
  description: many
  content:
    application/json:
      schema: {type: array, items: {$ref: './models/../models/widget.yml'}}
";
    let widget = "type: object\nproperties:\n  name: {type: string}\n  child: {$ref: widget.yml}\n";
    let files = generate(&root, &[("responses.yml", responses), ("models/widget.yml", widget)])
        .unwrap()
        .files;
    let types = types_of(&files);
    assert_eq!(types.matches("pub struct Widget {").count(), 1, "{types}");
    assert!(types.contains("pub child: Option<Box<Widget>>"), "{types}");
}

#[test]
fn an_example_that_contradicts_its_schema_in_another_file_is_a_warning_there() {
    let root = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Widget: {{$ref: 'models/widget.yml'}}\n"
    );
    let widget =
        "type: object\nrequired: [id]\nproperties:\n  id: {type: integer}\nexample: {id: seven}\n";
    let output = generate(&root, &[("models/widget.yml", widget)]).unwrap();
    let warnings: Vec<_> =
        output.warnings.into_iter().map(|e| (e.file, e.location, e.what)).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        (warnings[0].0.as_str(), &warnings[0].1),
        ("spec/models/widget.yml", &at("/example/id"))
    );
    assert!(
        warnings[0].2.ends_with("expected a whole number, found the string \"seven\""),
        "{}",
        warnings[0].2
    );
    assert!(!output.files.is_empty(), "a warning does not stop generation");
}

#[test]
fn problems_inside_other_files_name_those_files() {
    let root = format!("{HEAD}paths:\n  /up:\n    post:\n      $ref: 'ops/upload.yml'\n");
    let upload = "operationId: upload
requestBody:
  content:
    application/json:
      schema: {$ref: '../root.yaml#/components/schemas/Missing'}
responses:
  '200': {$ref: '../shared.yaml#/components/responses/Broken'}
";
    let shared = "components:\n  responses:\n    Broken:\n      description: d\n      content:\n        application/json:\n          schema: {$ref: '#/components/schemas/Gone'}\n";
    let found = problems(&root, &[("ops/upload.yml", upload), ("shared.yaml", shared)]);
    assert_eq!(found.len(), 1, "loading stops before lowering: {found:?}");
    assert_eq!(
        (found[0].0.as_str(), &found[0].1),
        ("spec/shared.yaml", &at("/components/responses/Broken/content/application~1json/schema")),
    );
    assert!(
        found[0].2.contains("shared.yaml has nothing at #/components/schemas/Gone"),
        "{found:?}"
    );

    // With that fixed, lowering finds the missing root schema, and the error names the part.
    let shared =
        shared.replace("schema: {$ref: '#/components/schemas/Gone'}", "schema: {type: object}");
    let found = problems(&root, &[("ops/upload.yml", upload), ("shared.yaml", &shared)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), &found[0].1),
        ("spec/ops/upload.yml", &at("/requestBody/content/application~1json/schema"))
    );
    assert!(found[0].2.contains("#/components/schemas/Missing"), "{found:?}");
}

#[test]
fn every_unreadable_or_unresolvable_ref_is_reported() {
    let root = format!(
        "{HEAD}paths:
  /a:
    get:
      parameters:
        - $ref: 'missing.yml#/p'
        - $ref: 'params.yml#/nope'
        - $ref: 'https://example.com/params.yml#/p'
        - $ref: '/etc/params.yml'
        - $ref: '../outside.yml'
        - $ref: 'broken.yml'
      responses:
        '204': {{description: none}}
"
    );
    let found =
        problems(&root, &[("params.yml", "p: {name: p, in: query}\n"), ("broken.yml", "a: [\n")]);
    let summary: Vec<(&str, &Location, &str)> =
        found.iter().map(|(f, l, w)| (f.as_str(), l, w.as_str())).collect();
    let parameter = |i: usize| at(&format!("/paths/~1a/get/parameters/{i}"));
    assert_eq!(summary.len(), 6, "{summary:#?}");
    assert_eq!(summary[0].0, "spec/root.yaml");
    assert_eq!(summary[0].1, &parameter(0));
    assert!(summary[0].2.contains("cannot read spec/missing.yml: no such file"), "{summary:?}");
    assert!(summary[1].2.contains("spec/params.yml has nothing at #/nope"), "{summary:?}");
    assert!(summary[2].2.contains("only relative file paths are supported"), "{summary:?}");
    assert!(summary[3].2.contains("only relative file paths are supported"), "{summary:?}");
    assert!(summary[4].2.contains("leaves the directory of the root spec"), "{summary:?}");
    assert_eq!(summary[5].0, "spec/broken.yml");
    assert!(matches!(summary[5].1, Location::LineColumn { line: 2, .. }), "{summary:?}");
}

#[test]
fn reference_cycles_are_errors() {
    let found = problems(
        &root_with_response("a.yml"),
        &[("a.yml", "$ref: b.yml\n"), ("b.yml", "$ref: a.yml#\n")],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "spec/root.yaml");
    assert_eq!(found[0].2, "$ref cycle: spec/a.yml → spec/b.yml → spec/a.yml");

    let root = format!("{HEAD}paths:\n  /a:\n    $ref: 'item.yml'\n");
    let item = "get:\n  callbacks:\n    again:\n      '{$request.body#/url}':\n        $ref: 'item.yml'\n  responses:\n    '204': {description: none}\n";
    let found = problems(&root, &[("item.yml", item)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "spec/item.yml");
    assert_eq!(found[0].1, at("/get/callbacks/again/{$request.body#~1url}"));
    assert!(found[0].2.contains("contains itself"), "{found:?}");
}

#[test]
fn a_single_document_cannot_reach_other_files() {
    let settings = Settings::new("one.yaml", "one");
    let errors = generator::generate(&root_with_response("models/a.yml"), &settings).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert!(errors.0[0].what.contains("only a single document was given"), "{errors}");
}

/// A long chain of files (each schema refers to the next) is walked without deep recursion;
/// this runs on a test thread's small stack.
#[test]
fn long_chains_of_files_do_not_exhaust_the_stack() {
    let count = 1000;
    let parts: Vec<(String, String)> = (0..count)
        .map(|i| {
            let next = if i + 1 < count {
                format!("{{$ref: f{}.yml}}", i + 1)
            } else {
                "{type: string}".to_owned()
            };
            (format!("f{i}.yml"), format!("properties: {{x: {next}}}\n"))
        })
        .collect();
    let parts: Vec<(&str, &str)> = parts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let files = generate(&root_with_response("f0.yml"), &parts).unwrap().files;
    assert!(types_of(&files).contains("pub struct F999 {"));

    // Path items replace their references, so how deeply they nest is limited.
    let root = format!("{HEAD}paths:\n  /a: {{$ref: p0.yml}}\n");
    let parts: Vec<(String, String)> = (0..100)
        .map(|i| {
            let item = format!(
                "get:\n  responses: {{'204': {{description: d}}}}\n  callbacks:\n    c:\n      '{{$url}}': {{$ref: p{}.yml}}\n",
                i + 1
            );
            (format!("p{i}.yml"), item)
        })
        .collect();
    let parts: Vec<(&str, &str)> = parts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let found = problems(&root, &parts);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "spec/p15.yml");
    assert!(found[0].2.contains("nest more than 16 deep"), "{found:?}");
}

#[test]
fn a_ref_may_stand_for_a_whole_map_of_properties_or_a_description() {
    // DigitalOcean's shapes: `properties` and a tag's `description` given by reference.
    let root = format!(
        "{HEAD}tags:\n  - name: things\n    description: {{$ref: 'text.yml#/things'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      description: {{$ref: 'text.yml#/thing'}}\n      properties: {{$ref: 'attributes.yml#/thing_ids'}}\n      required: [ids]\n"
    );
    let attributes = "thing_ids:\n  ids: {type: array, items: {type: integer}}\n  owner: {$ref: 'models/owner.yml'}\n";
    let owner = "type: object\nproperties:\n  name: {type: string}\n";
    let text = "things: Things we keep.\nthing: One thing we keep.\n";
    let parts = [("attributes.yml", attributes), ("models/owner.yml", owner), ("text.yml", text)];
    let files = generate(&root, &parts).unwrap_or_else(|e| panic!("{e}")).files;
    let types = types_of(&files);
    assert!(types.contains("/// One thing we keep.\n"), "{types}");
    assert!(types.contains("pub ids: Vec<i64>,"), "{types}");
    assert!(types.contains("pub owner: Option<Owner>,"), "{types}");
}

#[test]
fn a_map_given_by_a_ref_that_contains_itself_is_an_error() {
    let root = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties: {{$ref: 'props.yml#/node'}}\n");
    let props = "node:\n  child:\n    type: object\n    properties: {$ref: '#/node'}\n";
    let found = problems(&root, &[("props.yml", props)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("contains itself"), "{found:?}");
    assert_eq!(found[0].0, "spec/props.yml", "{found:?}");
}

#[test]
fn paths_given_by_reference_are_checked_where_they_are_written() {
    let root = format!("{HEAD}paths: {{$ref: 'paths.yml'}}\n");
    let paths = "/fine:\n  get:\n    responses: {'204': {description: none}}\n'@evil.example/steal':\n  get:\n    responses: {'204': {description: none}}\n";
    let found = problems(&root, &[("paths.yml", paths)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "spec/paths.yml", "{found:?}");
    assert_eq!(found[0].1, at("/@evil.example~1steal"), "{found:?}");
}

/// What an attacker would have a spec read: the secrets that sit beside specs in a checkout.
const DOT_ENV: &str =
    "STRIPE_SECRET_KEY=sk_live_leaked\nDATABASE_URL=postgres://admin:hunter2@db\n";

#[test]
fn a_ref_to_a_hidden_file_is_refused_and_its_text_published_nowhere() {
    // `.env` read as YAML is one plain string, `KEY=VALUE KEY=VALUE`: a fine description, which
    // went into README.md and the crate docs.
    let root = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: {$ref: '.env'}\npaths:\n  /a:\n    get:\n      summary: {$ref: 'docs/../.git/config'}\n      description: {$ref: 'docs/.secrets/key.md'}\n      responses: {'204': {description: none}}\n";
    let parts = [
        (".env", DOT_ENV),
        (".git/config", "[remote]\ntoken = leaked\n"),
        ("docs/.secrets/key.md", "leaked"),
    ];
    let found = problems(root, &parts);
    let summary: Vec<(&str, &Location, &str)> =
        found.iter().map(|(f, l, w)| (f.as_str(), l, w.as_str())).collect();
    assert_eq!(summary.len(), 3, "{summary:#?}");
    assert_eq!(summary[0].1, &at("/info/description"), "{summary:#?}");
    assert!(summary[0].2.starts_with("$ref `.env`: `.env` is hidden"), "{summary:#?}");
    // Descriptions are read before summaries.
    assert_eq!(summary[1].1, &at("/paths/~1a/get/description"), "{summary:#?}");
    assert!(summary[1].2.contains("`.secrets` is hidden"), "{summary:#?}");
    assert_eq!(summary[2].1, &at("/paths/~1a/get/summary"), "{summary:#?}");
    assert!(
        summary[2].2.starts_with("$ref `docs/../.git/config`: `.git` is hidden"),
        "{summary:#?}"
    );
    for (file, _, what) in &summary {
        assert_eq!(*file, "spec/root.yaml");
        assert!(!what.contains("leaked") && !what.contains("hunter2"), "{what}");
    }
}

#[test]
fn a_ref_reads_only_yaml_json_and_markdown_files() {
    // A fragment makes any `key: value` file a mapping: `.ini`, `.toml`, `.properties`, a
    // private key's armour line…
    let root = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      summary: {{$ref: 'deploy.ini#/password'}}\n      description: {{$ref: 'id_rsa'}}\n      responses: {{'204': {{description: none}}}}\n"
    );
    let parts = [("deploy.ini", "password: hunter2\n"), ("id_rsa", "leaked")];
    let found = problems(&root, &parts);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].2.contains("`id_rsa` is not a .yaml, .yml, .json or .md file"), "{found:#?}");
    assert!(
        found[1].2.contains("`deploy.ini` is not a .yaml, .yml, .json or .md file"),
        "{found:#?}"
    );
    assert!(found.iter().all(|(_, _, what)| !what.contains("hunter2")), "{found:#?}");

    // What specs do write: Markdown for text, `./` and `../` that stay inside, any case.
    let root = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: {$ref: './docs/intro.md'}\npaths:\n  /a:\n    get:\n      summary: {$ref: 'docs/../text/Summary.YML#/a'}\n      responses: {'204': {description: none}}\n";
    let parts = [("docs/intro.md", "Welcome to the API."), ("text/Summary.YML", "a: Gets an a.\n")];
    let files = generate(root, &parts).unwrap_or_else(|e| panic!("{e}")).files;
    let readme = &files.iter().find(|file| file.path == "README.md").unwrap().contents;
    assert!(readme.contains("Welcome to the API."), "{readme}");
}
