//! The settings file's `[package]` table as `cargo xtask codegen` reads it: metadata reaches the
//! generated `Cargo.toml`, and bad metadata is one error naming the settings file.

mod common;

use std::fs;

use common::{codegen, scratch, stderr, FIXTURE};

#[test]
fn package_metadata_reaches_the_manifest() {
    let dir = scratch("package-good");
    let spec = dir.join("spec.yaml");
    fs::copy(FIXTURE, &spec).unwrap();
    let settings = "[package]\nversion = \"3.0.1\"\nlicense = \"Apache-2.0\"\n\
                    keywords = [\"pets\"]\npublish = true\n";
    fs::write(dir.join("spec.codegen.toml"), settings).unwrap();
    let run = codegen(&spec, &dir.join("crate"), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let manifest = fs::read_to_string(dir.join("crate/Cargo.toml")).unwrap();
    let package = manifest.split("\n[dependencies]").next().unwrap();
    for line in ["version = \"3.0.1\"", "license = \"Apache-2.0\"", "keywords = [\"pets\"]"] {
        assert!(package.lines().any(|l| l == line), "no `{line}` in {package}");
    }
    assert!(!package.contains("publish"), "publishing is cargo's default: {package}");
}

#[test]
fn bad_metadata_names_the_settings_file_and_writes_nothing() {
    let cases = [
        ("version = \"1.0\"", "package.version: \"1.0\" is not a semver version"),
        ("license = \"MIT/Apache-2.0\"", "package.license: \"MIT/Apache-2.0\" is not an SPDX"),
        (
            "keywords = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
            "package.keywords: crates.io takes at most 5",
        ),
        ("publish = true", "package.publish: crates.io needs a `license`"),
        ("authors = [\"me\"]", "unknown field `authors`"),
    ];
    for (index, (line, message)) in cases.into_iter().enumerate() {
        let dir = scratch(&format!("package-bad-{index}"));
        let spec = dir.join("spec.yaml");
        fs::copy(FIXTURE, &spec).unwrap();
        fs::write(dir.join("spec.codegen.toml"), format!("[package]\n{line}\n")).unwrap();
        let run = codegen(&spec, &dir.join("crate"), &[]);
        assert_eq!(run.status.code(), Some(1), "{line}");
        let error = stderr(&run);
        assert!(error.contains("spec.codegen.toml") && error.contains(message), "{line}: {error}");
        assert!(!dir.join("crate").exists(), "{line}: nothing is written");
    }
}
