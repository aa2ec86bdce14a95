//! `cargo xtask codegen` with overlays: the settings file's list, then `--overlay`s, in order;
//! problems name the overlay; an overlay must be a regular file.

mod common;

use std::fs;
use std::path::Path;

use common::{codegen, scratch, stderr, stdout};

const SPEC: &str = "openapi: 3.0.3
info: {title: Overlaid, version: '1'}
paths:
  /base:
    get:
      operationId: base_get
      responses: {'204': {description: none}}
";

/// An overlay document with `actions`.
fn overlay(actions: &str) -> String {
    format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}")
}

/// Each overlay targets what the one before it added, so only this order succeeds: the settings
/// file's (`fixes/first.yaml`), then `--overlay second.yaml`, then `--overlay third.yaml`.
fn write_spec(dir: &Path) -> std::path::PathBuf {
    let spec = dir.join("spec/api.yaml");
    fs::create_dir_all(dir.join("spec/fixes")).unwrap();
    fs::write(&spec, SPEC).unwrap();
    fs::write(dir.join("spec/api.codegen.toml"), "overlays = [\"fixes/first.yaml\"]\n").unwrap();
    let first = "  - target: $.paths
    update: {/first: {get: {operationId: first_get, responses: {'204': {description: none}}}}}
";
    fs::write(dir.join("spec/fixes/first.yaml"), overlay(first)).unwrap();
    let second = "  - target: $.paths['/first'].get
    update: {operationId: renamed_by_second}
";
    fs::write(dir.join("second.yaml"), overlay(second)).unwrap();
    let third = "  - target: $.paths[?@.get.operationId == 'renamed_by_second'].get
    update: {summary: Touched by the third overlay}
";
    fs::write(dir.join("third.yaml"), overlay(third)).unwrap();
    spec
}

#[test]
fn settings_file_overlays_then_command_line_overlays_apply_in_order() {
    let dir = scratch("overlays-order");
    let spec = write_spec(&dir);
    let out = dir.join("crate");
    let (second, third) = (dir.join("second.yaml"), dir.join("third.yaml"));
    let args = ["--overlay", second.to_str().unwrap(), "--overlay", third.to_str().unwrap()];
    let run = codegen(&spec, &out, &args);
    assert!(run.status.success(), "{}", stderr(&run));
    // Every operations module, one after another: the operations are grouped by resource.
    let mut modules: Vec<_> = fs::read_dir(out.join("src/operations")).unwrap().collect();
    modules.sort_by_key(|entry| entry.as_ref().unwrap().path());
    let operations: String = modules
        .into_iter()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert!(operations.contains("fn renamed_by_second("), "{operations}");
    assert!(operations.contains("Touched by the third overlay"), "{operations}");
    assert!(operations.contains("fn get("), "{operations}");
    // Checking with the same overlays finds nothing stale; without them, the crate is stale.
    let check = codegen(&spec, &out, &[&["--check"][..], &args].concat());
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    assert!(!codegen(&spec, &out, &["--check"]).status.success());

    // The other order: the third overlay's target matches nothing yet.
    let swapped = ["--overlay", third.to_str().unwrap(), "--overlay", second.to_str().unwrap()];
    let run = codegen(&spec, &dir.join("swapped"), &swapped);
    assert!(!run.status.success());
    let message = stderr(&run);
    assert!(
        message.contains("third.yaml#/actions/0/target: action 0: `$.paths[?@.get.operationId"),
        "{message}"
    );
    assert!(message.contains("matches nothing in the spec"), "{message}");
    assert!(!dir.join("swapped").exists(), "nothing is written");
}

#[test]
fn an_overlay_that_is_not_a_regular_file_is_refused_by_name() {
    let dir = scratch("overlays-unreadable");
    let spec = write_spec(&dir);
    // Named like an overlay (the settings file may name only YAML, JSON or Markdown), but a
    // directory.
    fs::create_dir_all(dir.join("spec/fixes/all.yaml")).unwrap();
    fs::write(dir.join("spec/api.codegen.toml"), "overlays = [\"fixes/all.yaml\"]\n").unwrap();
    let run = codegen(&spec, &dir.join("crate"), &[]);
    assert!(!run.status.success());
    let message = stderr(&run);
    assert!(
        message.contains("spec/fixes/all.yaml: cannot read the overlay: it is a directory"),
        "{message}"
    );
    fs::write(dir.join("spec/api.codegen.toml"), "").unwrap();
    let missing = dir.join("missing.yaml");
    let run = codegen(&spec, &dir.join("crate"), &["--overlay", missing.to_str().unwrap()]);
    assert!(stderr(&run).contains("missing.yaml: cannot read the overlay"), "{}", stderr(&run));
    assert!(!dir.join("crate").exists(), "nothing is written");
}
