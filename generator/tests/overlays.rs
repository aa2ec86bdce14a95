//! Overlays (OpenAPI Overlay 1.0.0) applied to split specs: targets that reach through
//! references into other files, the merge and removal rules, the order of overlays, and errors
//! that name the overlay (for what it wrote) or the spec part (for what was there).

mod common;

use common::{at, file};
use generator::{Errors, File, Location, Overlay, Settings};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// `spec/root.yaml`: `/widgets` and `/gadgets` given by reference to operation files, both
/// answering with the shared `models/widget.yml` through a shared response.
fn root() -> String {
    format!(
        "{HEAD}paths:
  /widgets:
    get: {{$ref: 'ops/widgets.yml'}}
  /gadgets:
    get: {{$ref: 'ops/gadgets.yml'}}
components:
  schemas:
    Note: {{type: object, properties: {{text: {{type: string}}}}}}
"
    )
}

const WIDGETS: &str = "operationId: widgets_get
parameters:
  - {name: keep, in: query, schema: {type: string}}
  - {name: drop, in: query, schema: {type: string}}
  - {$ref: '../parameters.yml#/also_drop'}
responses:
  '200': {$ref: '../responses.yml#/widget'}
";

const GADGETS: &str = "operationId: gadgets_get
responses:
  '200': {$ref: '../responses.yml#/widget'}
";

const PARAMETERS: &str = "also_drop: {name: drop, in: header, schema: {type: string}}\n";

const RESPONSES: &str = "widget:
  description: a widget
  content:
    application/json:
      schema: {$ref: 'models/widget.yml'}
      example: {widget: {name: w}}
";

const WIDGET: &str = "type: object
required: [name]
properties:
  name: {type: string}
  size: {type: integer}
  tags: {type: array, items: {type: string}, example: [red]}
  child: {$ref: widget.yml}
";

const PARTS: [(&str, &str); 5] = [
    ("ops/widgets.yml", WIDGETS),
    ("ops/gadgets.yml", GADGETS),
    ("parameters.yml", PARAMETERS),
    ("responses.yml", RESPONSES),
    ("models/widget.yml", WIDGET),
];

fn overlay(path: &str, actions: &str) -> Overlay {
    Overlay {
        path: path.into(),
        text: format!("overlay: 1.0.0\ninfo: {{title: fix, version: '1'}}\nactions:\n{actions}"),
    }
}

fn generate_from(
    root: &str,
    parts: &[(&str, &str)],
    overlays: Vec<Overlay>,
) -> Result<Vec<File>, Errors> {
    let mut settings = Settings::new("spec/root.yaml", "split");
    settings.overlays = overlays;
    common::generate_split(root, parts, &settings).map(|output| output.files)
}

fn generate(overlays: Vec<Overlay>) -> Result<Vec<File>, Errors> {
    generate_from(&root(), &PARTS, overlays)
}

/// Every operations module, one after another: the operations are grouped by resource.
fn all_operations(files: &[File]) -> String {
    let modules = files.iter().filter(|file| file.path.starts_with("src/operations/"));
    modules.map(|file| file.contents.as_str()).collect()
}

fn problems(overlays: Vec<Overlay>) -> Vec<(String, Location, String)> {
    common::problems_of(generate(overlays))
}

/// The wrapping fix: the answer's schema removed, and a wrapping one put in its place, with a
/// `$ref` written as in the root document.
const WRAP: &str =
    "  - target: $.paths['/widgets'].get.responses['200'].content['application/json'].schema
    remove: true
  - target: $.paths['/widgets'].get.responses['200'].content['application/json']
    update:
      schema:
        type: object
        required: [widget]
        properties:
          widget: {$ref: 'models/widget.yml'}
          note: {$ref: '#/components/schemas/Note'}
  - target: $.paths['/gadgets'].get
    update:
      parameters: [{$ref: 'parameters.yml#/also_drop'}]
";

#[test]
fn a_target_reaches_through_references_into_other_files() {
    let plain = generate(vec![]).unwrap();
    assert!(all_operations(&plain).contains("BodyFuture<crate::types::Widget>"));

    let files = generate(vec![overlay("fix.yaml", WRAP)]).unwrap();
    let types = file(&files, "src/types.rs");
    // The shared response changed for both operations, as editing its file would.
    let operations = all_operations(&files);
    let wrapped = "pub fn send(self) -> BodyFuture<crate::types::WidgetResponse>";
    assert_eq!(operations.matches(wrapped).count(), 2, "{operations}");
    assert!(types.contains("pub struct WidgetResponse {"), "{types}");
    // The inserted references reach the schemas the spec already had, not copies of them.
    assert_eq!(types.matches("pub struct Widget {").count(), 1, "{types}");
    assert!(!types.contains("Widget2") && !types.contains("Note2"), "{types}");
    assert!(types.contains("pub widget: Widget,"), "{types}");
    assert!(types.contains("pub note: Option<Note>,"), "{types}");
    // `ops/gadgets.yml` now refers to the parameter as `../parameters.yml#/also_drop`.
    assert!(operations.contains("pub fn drop("), "{operations}");
}

#[test]
fn shared_parts_are_changed_once_however_many_paths_select_them() {
    // Both operations reach the one widget schema; its lists get one more entry each, once.
    let files = generate(vec![overlay(
        "fix.yaml",
        "  - target: $.paths.*.get.responses['200'].content['application/json'].schema.required
    update: size
  - target: $.paths.*.get.responses['200'].content['application/json'].schema.properties.tags.example
    update: blue
",
    )])
    .unwrap();
    let types = file(&files, "src/types.rs");
    assert!(types.contains("pub size: i64,"), "{types}");
    let examples = file(&files, "tests/spec_examples.rs");
    assert!(examples.contains("[\n  \"red\",\n  \"blue\"\n]"), "{examples}");
    // A descendant query sees through the references too.
    let files = generate(vec![overlay(
        "fix.yaml",
        "  - target: $..[?@.type == 'object' && @.properties.size]
    update: {properties: {colour: {type: string}}}
",
    )])
    .unwrap();
    assert_eq!(file(&files, "src/types.rs").matches("pub colour: Option<String>,").count(), 1);
}

#[test]
fn removal_takes_every_selected_node_from_where_it_stands() {
    // The second and third parameters, one written in place and one given by reference.
    let files = generate(vec![overlay(
        "fix.yaml",
        "  - target: $.paths['/widgets'].get.parameters[?@.name == 'drop']
    remove: true
",
    )])
    .unwrap();
    let operations = all_operations(&files);
    assert!(operations.contains("pub fn keep("), "{operations}");
    assert!(!operations.contains("drop"), "{operations}");
    // Removing a reference leaves what it named: `gadgets_get` still answers with a widget.
    let files = generate(vec![overlay(
        "fix.yaml",
        "  - target: $.paths['/widgets'].get.responses['200']
    remove: true
",
    )])
    .unwrap();
    let operations = all_operations(&files);
    assert_eq!(operations.matches("BodyFuture<crate::types::Widget>").count(), 1);
}

#[test]
fn actions_and_overlays_apply_in_order_each_to_the_result_of_the_last() {
    let first = overlay(
        "one.yaml",
        "  - target: $.paths['/widgets']
    remove: true
  - target: $.paths
    update: {/widgets: {get: {operationId: recreated, responses: {'204': {description: none}}}}}
",
    );
    let second = overlay(
        "two.yaml",
        "  - target: $.paths['/widgets'].get
    update: {operationId: renamed}
",
    );
    let files = generate(vec![first, second]).unwrap();
    let operations = all_operations(&files);
    assert!(operations.contains("fn renamed("), "{operations}");
    assert!(!operations.contains("recreated") && !operations.contains("widgets_get"));
    let again = generate(vec![
        overlay("one.yaml", "  - {target: $.info, update: {title: First}}\n"),
        overlay("two.yaml", "  - {target: $.info, update: {title: Second}}\n"),
    ])
    .unwrap();
    assert!(file(&again, "src/lib.rs").contains("Second"));
    assert!(!file(&again, "src/lib.rs").contains("First"));
}

#[test]
fn an_action_that_matches_nothing_names_the_overlay_and_the_action() {
    let found = problems(vec![overlay(
        "spec/fix.yaml",
        "  - {target: $.info, update: {x-ok: true}}\n  - {target: \"$.paths['/nope'].get\", remove: true}\n",
    )]);
    assert_eq!(
        found,
        [(
            "spec/fix.yaml".to_owned(),
            at("/actions/1/target"),
            "action 1: `$.paths['/nope'].get` matches nothing in the spec".to_owned()
        )]
    );
}

#[test]
fn malformed_overlays_name_the_pointer_inside_them() {
    let wrong_version = Overlay {
        path: "old.yaml".into(),
        text:
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $, remove: true}]\n"
                .into(),
    };
    let found = problems(vec![
        wrong_version,
        overlay("path.yaml", "  - {target: '$.paths[?@.', remove: true}\n"),
    ]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].0.as_str(), &found[0].1), ("old.yaml", &at("/overlay")));
    assert!(found[0].2.contains("2.0.0 is not supported"), "{}", found[0].2);
    assert_eq!((found[1].0.as_str(), &found[1].1), ("path.yaml", &at("/actions/0/target")));
    assert!(found[1].2.contains("is not a JSONPath query (RFC 9535)"), "{}", found[1].2);

    let kinds = |actions: &str| problems(vec![overlay("kind.yaml", actions)]);
    let found = kinds("  - {target: $.info, update: just text}\n");
    assert_eq!(found[0].1, at("/actions/0/update"));
    assert!(found[0].2.contains("must be an object, not a string"), "{}", found[0].2);
    let found = kinds(
        "  - target: $.paths['/widgets'].get.responses['200'].content['application/json'].schema
    update: {properties: {name: {type: [string]}}}
",
    );
    assert_eq!(found[0].1, at("/actions/0/update/properties/name/type"), "{found:?}");
    assert!(found[0].2.contains("cannot merge an array into a string"), "{}", found[0].2);
    let found = kinds("  - {target: $.info.title, update: {a: 1}}\n");
    assert_eq!(found[0].1, at("/actions/0/target"));
    assert!(found[0].2.contains("selects a string at $['info']['title']"), "{}", found[0].2);
    let found = kinds("  - {target: $, remove: true}\n");
    assert!(found[0].2.contains("the whole document"), "{}", found[0].2);
}

#[test]
fn what_an_overlay_inserted_is_reported_in_the_overlay() {
    // A parameter of no text form (an array of arrays) appended to a list in a spec part.
    let found = problems(vec![overlay(
        "fix.yaml",
        "  - target: $.paths['/widgets'].get.parameters
    update: {name: q, in: query, schema: {type: array, items: {type: array, items: {}}}}
",
    )]);
    let found: Vec<_> =
        found.iter().map(|(file, at, what)| (file.as_str(), at, &what[..50])).collect();
    assert_eq!(
        found,
        [(
            "fix.yaml",
            &at("/actions/0/update"),
            "parameter `q` has a type that cannot be written in"
        )]
    );
    // A reference the bundler cannot follow, merged deep into a shared schema.
    let found = problems(vec![overlay(
        "fix.yaml",
        "  - target: $.paths['/gadgets'].get.responses['200'].content['application/json'].schema
    update: {properties: {broken: {$ref: 'models/missing.yml'}}}
",
    )]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].0.as_str(), &found[0].1),
        ("fix.yaml", &at("/actions/0/update/properties/broken"))
    );
    assert!(found[0].2.contains("cannot read spec/models/missing.yml"), "{}", found[0].2);
}

#[test]
fn what_was_there_before_keeps_its_file_and_pointer() {
    // The unsupported parameter stands third in its part; the overlay removes the first, so it
    // is second in the changed file, but the error names the place the user can find.
    let widgets = WIDGETS.replace(
        "  - {$ref: '../parameters.yml#/also_drop'}",
        "  - {name: bad, in: query, schema: {type: array, items: {type: array, items: {}}}}",
    );
    let mut parts = PARTS;
    parts[0].1 = &widgets;
    let fix = overlay(
        "fix.yaml",
        "  - target: $.paths['/widgets'].get.parameters[?@.name == 'keep']
    remove: true
  - target: $.paths['/widgets'].get
    update: {x-touched: true, parameters: [{name: extra, in: query, schema: {type: string}}]}
",
    );
    let errors = generate_from(&root(), &parts, vec![fix]).unwrap_err();
    let found: Vec<(String, Location)> =
        errors.0.into_iter().map(|e| (e.file, e.location)).collect();
    assert_eq!(found, [("spec/ops/widgets.yml".to_owned(), at("/parameters/2"))]);
}

#[test]
fn output_is_the_same_every_time() {
    let overlays = || {
        vec![
            overlay("fix.yaml", WRAP),
            overlay(
                "more.yaml",
                "  - {target: '$..[?@.type == \"object\"]', update: {x-seen: true}}\n",
            ),
        ]
    };
    let first = generate(overlays()).unwrap();
    assert_eq!(first, generate(overlays()).unwrap());
    assert_ne!(first, generate(vec![]).unwrap());
}

/// The fixture `overlay-wrapped-answer`: without its overlay the vendor's own example warns
/// that it would lose its one property; with it, nothing is left to warn about.
#[test]
fn the_fixture_overlay_fixes_what_the_example_warns_about() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let spec = std::fs::read_to_string(format!("{fixtures}/overlay-wrapped-answer.yaml")).unwrap();
    let fix = "overlay-wrapped-answer-parts/wrap.overlay.yaml";
    let fix = Overlay {
        path: fix.into(),
        text: std::fs::read_to_string(format!("{fixtures}/{fix}")).unwrap(),
    };
    let read = |path: &str| {
        std::fs::read_to_string(format!("{fixtures}/{path}")).map_err(|e| e.to_string())
    };
    let mut settings = Settings::new("vendor.yaml", "vendor");
    let bare = generator::generate_with_files(&spec, &read, &settings).unwrap();
    let warnings: Vec<String> = bare.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("/example: this example does not match"), "{warnings:?}");
    assert!(warnings[0].contains("so decoding would drop it"), "{warnings:?}");
    settings.overlays = vec![fix];
    assert_eq!(generator::generate_with_files(&spec, &read, &settings).unwrap().warnings, vec![]);
}
