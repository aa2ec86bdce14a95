//! Fixture tests: each `fixtures/<case>.yaml` (or `.json`) is generated and compared with
//! `fixtures/<case>/`. A fixture may refer to other files (`fixtures/<case>-parts/…`), and may
//! have a settings file beside it (`fixtures/<case>.codegen.toml`), read as `cargo xtask codegen`
//! reads one, with the overlays it lists (kept in `<case>-parts/`, since every `.yaml` directly
//! in `fixtures/` is taken for a spec).
//!
//! Fixtures are ours, so they give no warnings, except a fixture made to: its expected warnings,
//! one a line as xtask prints them without `warning: `, are in `fixtures/<case>.warnings` and
//! compared exactly (re-blessed with the snapshots once the file exists; create it by hand).
//!
//! The runtime (`src/runtime/`) is copied verbatim into every crate, so it is left out of the
//! snapshots; `Cargo.toml` and `README.md` are kept for one fixture, `package-metadata`, whose
//! settings shape them most (the others' differ only in names, and `.ci/run` builds them all).
//! To accept new output after a deliberate change, run
//! `UPDATE_SNAPSHOTS=1 cargo test -p generator --test snapshots` and review the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use generator::{Config, Overlay, Settings};

/// The one fixture whose `Cargo.toml` and `README.md` are snapshots.
const MANIFEST_FIXTURE: &str = "package-metadata";

#[test]
fn fixtures_match_their_snapshots() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<PathBuf> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures found in {}", fixtures.display());
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let file_name = case.file_name().unwrap().to_string_lossy();
        let mut settings = Settings::new(format!("fixtures/{file_name}"), name.clone());
        let settings_file = case.with_extension("codegen.toml");
        if let Ok(text) = fs::read_to_string(&settings_file) {
            let shown = format!("fixtures/{name}.codegen.toml");
            settings.config = Config::from_toml(&shown, &text, &name).unwrap();
            for path in &settings.config.overlays {
                let text = fs::read_to_string(fixtures.join(path)).unwrap();
                settings.overlays.push(Overlay { path: format!("fixtures/{path}"), text });
            }
        }
        let read = |path: &str| fs::read_to_string(fixtures.join(path)).map_err(|e| e.to_string());
        let text = fs::read_to_string(case).unwrap();
        let output = generator::generate_with_files(&text, &read, &settings)
            .unwrap_or_else(|errors| panic!("fixture {name} does not generate:\n{errors}"));
        let again = generator::generate_with_files(&text, &read, &settings).unwrap();
        assert_eq!(output, again, "fixture {name}: two runs gave different output");
        // Fixtures are ours: a warning is a mistake in the fixture, unless `<case>.warnings`
        // expects it (a fixture of what the crate leaves out), line for line.
        let warnings: String =
            output.warnings.iter().map(|warning| format!("{warning}\n")).collect();
        let warnings_file = fixtures.join(format!("{name}.warnings"));
        let expected_warnings = fs::read_to_string(&warnings_file).unwrap_or_default();
        // Re-blessing rewrites an existing `.warnings` file only: creating one is deliberate.
        if update && warnings_file.exists() {
            fs::write(&warnings_file, &warnings).unwrap();
        } else if warnings != expected_warnings {
            failures.push(format!(
                "{name}: warnings differ from {name}.warnings; found:\n{warnings}expected:\n{expected_warnings}"
            ));
        }
        let files = output.files;
        let expected_dir = fixtures.join(&name);
        let kept = |path: &str| {
            !path.starts_with("src/runtime/")
                && (name == MANIFEST_FIXTURE || !matches!(path, "Cargo.toml" | "README.md"))
        };
        let produced: BTreeSet<String> =
            files.iter().map(|file| file.path.clone()).filter(|path| kept(path)).collect();
        for file in files.iter().filter(|file| produced.contains(&file.path)) {
            let path = expected_dir.join(&file.path);
            if update {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, &file.contents).unwrap();
            } else if fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
                failures.push(format!("{name}: {} differs from the snapshot", file.path));
            }
        }
        for stale in files_under(&expected_dir).difference(&produced) {
            if update {
                fs::remove_file(expected_dir.join(stale)).unwrap();
            } else {
                failures
                    .push(format!("{name}: snapshot has {stale}, which is no longer generated"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nrerun with UPDATE_SNAPSHOTS=1 to accept the new output",
        failures.join("\n")
    );
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.insert(path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}
