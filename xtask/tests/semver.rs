//! The semver report of `cargo xtask codegen` and `--check`: one spec edit of each kind, made to a
//! crate generated from a small spec, and the report it gets.

mod common;

use std::fs;
use std::path::Path;

use common::{codegen, scratch, stderr, stdout};

const SPEC: &str = r##"openapi: 3.0.3
info: {title: Widget API, version: "1.0"}
paths:
  /widgets:
    get:
      tags: [Widgets]
      operationId: widgets_list
      parameters:
        - {name: per_page, in: query, schema: {type: integer}}
      responses:
        "200":
          description: The widgets.
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Widget"}}
    post:
      tags: [Widgets]
      operationId: widgets_create
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/WidgetNew"}
      responses:
        "201": {description: Created.}
  /widgets/{id}:
    delete:
      tags: [Widgets]
      operationId: widgets_delete
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "204": {description: Gone.}
components:
  schemas:
    Widget:
      type: object
      description: A widget.
      required: [id]
      properties:
        id: {type: integer}
        colour: {$ref: "#/components/schemas/Colour"}
    WidgetNew:
      type: object
      required: [name]
      properties:
        name: {type: string}
        colour: {$ref: "#/components/schemas/Colour"}
    Colour:
      type: string
      enum: [red, green]
    Gauge:
      type: object
      properties:
        level: {type: number}
"##;

/// The report lines of `--check` after replacing `from` with `to` in the spec, once the crate was
/// generated from the unedited spec; regenerating must print the same report.
fn report(name: &str, from: &str, to: &str) -> Vec<String> {
    let dir = scratch(&format!("semver-{name}"));
    let (spec, out) = (dir.join("spec.yaml"), dir.join("crate"));
    fs::write(&spec, SPEC).unwrap();
    let first = codegen(&spec, &out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!has_report(&stdout(&first)), "a new crate has nothing to compare with");
    assert!(SPEC.contains(from), "{name}: the edit must apply");
    fs::write(&spec, SPEC.replacen(from, to, 1)).unwrap();

    let check = codegen(&spec, &out, &["--check"]);
    assert_eq!(check.status.code(), Some(1), "{name}: {}", stderr(&check));
    let write = codegen(&spec, &out, &[]);
    assert!(write.status.success(), "{}", stderr(&write));
    let lines = |text: String| -> Vec<String> {
        let start = text.lines().position(|line| line.starts_with("semver:"));
        let start = start.unwrap_or_else(|| panic!("{name}: no semver report in {text}"));
        let report = text.lines().skip(start);
        report
            .take_while(|line| line.starts_with("semver:") || line.starts_with("  "))
            .map(str::to_owned)
            .collect()
    };
    let checked = lines(stdout(&check));
    eprintln!("{name}:\n{}", checked.join("\n"));
    assert_eq!(checked, lines(stdout(&write)), "{name}: check and write report alike");
    checked
}

fn has_report(output: &str) -> bool {
    output.lines().any(|line| line.starts_with("semver:"))
}

/// Whether the crate generated from `SPEC` marks the struct or enum `name` `#[non_exhaustive]`,
/// which decides whether adding to it breaks callers. Read with syn, not from the file's columns.
fn non_exhaustive(name: &str) -> bool {
    let dir = scratch(&format!("semver-base-{name}"));
    fs::write(dir.join("spec.yaml"), SPEC).unwrap();
    assert!(codegen(&dir.join("spec.yaml"), &dir.join("crate"), &[]).status.success());
    let types = fs::read_to_string(dir.join("crate/src/types.rs")).unwrap();
    let file = syn::parse_file(&types).expect("types.rs parses");
    let attributes = file.items.iter().find_map(|item| match item {
        syn::Item::Struct(item) if item.ident == name => Some(&item.attrs),
        syn::Item::Enum(item) if item.ident == name => Some(&item.attrs),
        _ => None,
    });
    let attributes = attributes.expect("the item is generated");
    attributes.iter().any(|attribute| attribute.path().is_ident("non_exhaustive"))
}

/// Asserts that the report's first line names `level` and that a line marked `mark` says `what`.
#[track_caller]
fn assert_reports(report: &[String], level: &str, mark: &str, what: &str) {
    assert!(report[0].starts_with(&format!("semver: {level}")), "{report:#?}");
    let found = report.iter().any(|line| {
        line.trim_start().strip_prefix(mark).is_some_and(|rest| rest.trim_start().starts_with(what))
    });
    assert!(found, "no `{mark} {what}` line in {report:#?}");
}

const BREAKING: &str = "breaking changes";
const MINOR: &str = "compatible additions";

#[test]
fn operations_added_and_removed() {
    let added = report(
        "operation-added",
        "  /widgets/{id}:\n",
        "  /widgets/count:\n    get:\n      tags: [Widgets]\n      operationId: widgets_count\n      responses:\n        \"204\": {description: Counted.}\n  /widgets/{id}:\n",
    );
    assert_reports(&added, MINOR, "minor", "operation added: client.widgets().count");
    assert_reports(&added, MINOR, "minor", "struct added: `operations::widgets::WidgetsCount`");

    let removed = report(
        "operation-removed",
        "    delete:\n      tags: [Widgets]\n      operationId: widgets_delete\n",
        "    x-gone:\n      tags: [Widgets]\n      operationId: widgets_delete\n",
    );
    assert_reports(&removed, BREAKING, "breaking", "operation removed: client.widgets().delete");
}

#[test]
fn types_added_and_removed() {
    let added = report(
        "type-added",
        "    Gauge:\n",
        "    Dial:\n      type: object\n      properties:\n        angle: {type: number}\n    Gauge:\n",
    );
    assert_reports(&added, MINOR, "minor", "struct added: `types::Dial`");
    let gauge =
        "    Gauge:\n      type: object\n      properties:\n        level: {type: number}\n";
    let removed = report("type-removed", gauge, "");
    assert_reports(&removed, BREAKING, "breaking", "struct removed: `types::Gauge`");
}

#[test]
fn fields_added_and_changed() {
    // A new required field: every way of building the body needs it, so it always breaks.
    let required = report(
        "required-field",
        "      required: [name]\n      properties:\n",
        "      required: [name, size]\n      properties:\n        size: {type: integer}\n",
    );
    assert_reports(&required, BREAKING, "breaking", "field added: `types::WidgetNew::size`");

    // A new optional field breaks only a struct that callers may write as a literal.
    let optional = report(
        "optional-field",
        "      required: [name]\n      properties:\n",
        "      required: [name]\n      properties:\n        note: {type: string}\n",
    );
    if non_exhaustive("WidgetNew") {
        assert_reports(&optional, MINOR, "minor", "field added: `types::WidgetNew::note`");
    } else {
        assert_reports(&optional, BREAKING, "breaking", "field added: `types::WidgetNew::note`");
    }

    let retyped =
        report("field-type", "        id: {type: integer}\n", "        id: {type: string}\n");
    assert_reports(
        &retyped,
        BREAKING,
        "breaking",
        "field changed: `types::Widget::id`: `i64` → `String`",
    );
}

#[test]
fn enum_variants_added_and_removed() {
    let added = report("variant-added", "enum: [red, green]", "enum: [red, green, blue]");
    if non_exhaustive("Colour") {
        assert_reports(&added, MINOR, "minor", "variant added: `types::Colour::Blue`");
    } else {
        assert_reports(&added, BREAKING, "breaking", "variant added: `types::Colour::Blue`");
    }
    let removed = report("variant-removed", "enum: [red, green]", "enum: [red]");
    assert_reports(&removed, BREAKING, "breaking", "variant removed: `types::Colour::Green`");
}

#[test]
fn a_parameter_made_required_changes_the_operation() {
    let report = report(
        "param-required",
        "{name: per_page, in: query, schema",
        "{name: per_page, in: query, required: true, schema",
    );
    assert_reports(&report, BREAKING, "breaking", "operation changed: client.widgets().list");
    assert_reports(
        &report,
        BREAKING,
        "breaking",
        "method removed: `operations::widgets::WidgetsList::per_page`",
    );
}

#[test]
fn a_documentation_edit_is_a_patch() {
    let report = report("docs", "description: A widget.", "description: A widget, round.");
    assert_eq!(report.len(), 1, "{report:#?}");
    assert!(
        report[0].starts_with("semver: no change to the public API, a patch release"),
        "{report:#?}"
    );
}

#[test]
fn nothing_changed_means_no_report() {
    let dir = scratch("semver-none");
    fs::write(dir.join("spec.yaml"), SPEC).unwrap();
    let spec = dir.join("spec.yaml");
    assert!(codegen(&spec, &dir.join("crate"), &[]).status.success());
    let again = codegen(&spec, &dir.join("crate"), &[]);
    let check = codegen(&spec, &dir.join("crate"), &["--check"]);
    assert!(!has_report(&stdout(&again)) && !has_report(&stdout(&check)));
    assert!(Path::new(&dir.join("crate/src/types.rs")).is_file());
}

#[test]
fn the_version_in_the_settings_file_is_checked_against_the_change() {
    let dir = scratch("semver-version");
    let (spec, out) = (dir.join("spec.yaml"), dir.join("crate"));
    let settings = dir.join("spec.codegen.toml");
    fs::write(&spec, SPEC).unwrap();
    assert!(codegen(&spec, &out, &[]).status.success());
    fs::write(&spec, SPEC.replace("enum: [red, green]", "enum: [red]")).unwrap();
    let first_line = |version: &str| {
        fs::write(&settings, format!("[package]\nversion = \"{version}\"\n")).unwrap();
        let check = codegen(&spec, &out, &["--check"]);
        let text = stdout(&check);
        text.lines().find(|line| line.starts_with("semver:")).unwrap_or_default().to_owned()
    };
    assert!(first_line("0.1.1").ends_with("(0.1.0 → 0.1.1 is not enough: 0.2.0 at least)"));
    assert!(first_line("0.2.0").ends_with("a major release (0.1.0 → 0.2.0)"));
    assert!(first_line("1.0.0").ends_with("a major release (0.1.0 → 1.0.0)"));
}

#[test]
fn a_large_change_is_summed_up_after_sixty_lines() {
    let many: String = (0..70)
        .map(|i| format!("    Extra{i:02}:\n      type: object\n      properties:\n        n: {{type: integer}}\n"))
        .collect();
    let report = report("many", "    Gauge:\n", &format!("{many}    Gauge:\n"));
    assert_eq!(report.len(), 1 + 60 + 1, "{report:#?}");
    assert_reports(&report, MINOR, "minor", "struct added: `types::Extra00`");
    assert_eq!(report[61], "  … and 10 more changes, 0 of them breaking");
}
