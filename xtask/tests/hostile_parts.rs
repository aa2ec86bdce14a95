//! `cargo xtask codegen` on a spec whose parts and settings file reach for the secrets that sit
//! beside specs in a checkout (`.env`, `.git/config`, a file outside the spec's directory, the
//! process's environment): none is read, each refusal names the file and the place, and
//! nothing is written.

#![cfg(unix)] // links as the attacker makes them

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use common::{codegen, scratch, stderr};

/// What must never appear in a message or a generated file.
const SECRET: &str = "sk_live_leaked";

const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1', description: {$ref: 'notes.md'}}
paths:
  /a:
    get:
      operationId: a_get
      responses: {'204': {description: none}}
";

/// A spec in `dir/spec/` whose description is `notes.md`, beside a `.env` and a `.git/config`.
fn spec_beside_secrets(dir: &Path) -> PathBuf {
    let spec = dir.join("spec");
    fs::create_dir_all(spec.join(".git")).unwrap();
    fs::write(spec.join(".env"), format!("STRIPE_SECRET_KEY={SECRET}\n")).unwrap();
    fs::write(spec.join(".git/config"), format!("token: {SECRET}\n")).unwrap();
    fs::write(spec.join("secrets.txt"), format!("{SECRET}\n")).unwrap();
    fs::write(spec.join("api.yaml"), SPEC).unwrap();
    spec.join("api.yaml")
}

/// Runs codegen and returns its error, checking that it failed, wrote nothing and leaked nothing.
fn refused(spec: &Path, out: &Path, extra: &[&str]) -> String {
    let run = codegen(spec, out, extra);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!out.exists(), "nothing is written");
    let message = stderr(&run);
    assert!(!message.contains(SECRET), "{message}");
    message
}

#[test]
fn a_link_inside_the_spec_to_a_hidden_or_other_file_is_refused() {
    let dir = scratch("parts-links");
    let spec = spec_beside_secrets(&dir);
    let notes = spec.with_file_name("notes.md");
    for (target, why) in [
        (".env", "it resolves to .env, and `.env` is hidden"),
        (".git/config", "it resolves to .git/config, and `.git` is hidden"),
        ("secrets.txt", "`secrets.txt` is not a .yaml, .yml, .json or .md file"),
    ] {
        let _ = fs::remove_file(&notes);
        symlink(target, &notes).unwrap();
        let message = refused(&spec, &dir.join("crate"), &[]);
        assert!(
            message.contains("api.yaml#/info/description: $ref `notes.md`: cannot read"),
            "{message}"
        );
        assert!(message.contains(why), "{target}: {message}");
    }
    // A link to a Markdown file inside is fine.
    fs::write(spec.with_file_name("real.md"), "The real notes.").unwrap();
    let _ = fs::remove_file(&notes);
    symlink("real.md", &notes).unwrap();
    let run = codegen(&spec, &dir.join("crate"), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn overlays_of_the_settings_file_are_confined_like_refs() {
    let dir = scratch("parts-overlays");
    let spec = spec_beside_secrets(&dir);
    fs::write(spec.with_file_name("notes.md"), "Notes.").unwrap();
    // An overlay outside the spec's directory that would be harmless to apply: only where it
    // is decides.
    let outside = dir.join("outside.yaml");
    let harmless = "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.info\n    update: {title: overlaid}\n";
    fs::write(&outside, harmless).unwrap();
    fs::create_dir_all(dir.join("spec/fixes")).unwrap();
    fs::write(dir.join("spec/fixes/ok.yaml"), harmless).unwrap();
    symlink("../../outside.yaml", dir.join("spec/fixes/linked.yaml")).unwrap();
    let settings = spec.with_extension("codegen.toml");
    for (listed, why) in [
        ("../outside.yaml", "`../outside.yaml` leaves the directory of the root spec"),
        ("/proc/self/environ", "`/proc/self/environ` is an absolute path or a URL"),
        (".env", "`.env`: `.env` is hidden"),
        ("fixes/../.git/config", "`fixes/../.git/config`: `.git` is hidden"),
        ("secrets.txt", "`secrets.txt`: `secrets.txt` is not a .yaml, .yml, .json or .md file"),
    ] {
        fs::write(&settings, format!("overlays = [\"fixes/ok.yaml\", \"{listed}\"]\n")).unwrap();
        let message = refused(&spec, &dir.join("crate"), &[]);
        let expected = format!("api.codegen.toml: overlays[1]: {why}");
        assert!(message.contains(&expected), "{expected}\n{message}");
    }
    fs::write(&settings, "overlays = [\"fixes/linked.yaml\"]\n").unwrap();
    let message = refused(&spec, &dir.join("crate"), &[]);
    assert!(
        message.contains("fixes/linked.yaml: cannot read the overlay: it resolves to"),
        "{message}"
    );
    assert!(message.contains("outside the spec's directory"), "{message}");

    // The same file given on the command line is the user's choice.
    fs::write(&settings, "").unwrap();
    let run = codegen(&spec, &dir.join("crate"), &["--overlay", outside.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_settings_file_cannot_send_another_services_credential() {
    let dir = scratch("parts-token-env");
    let spec = spec_beside_secrets(&dir);
    fs::write(spec.with_file_name("notes.md"), "Notes.").unwrap();
    let settings = spec.with_extension("codegen.toml");
    let out = dir.join("crate");
    // The crate is `fixture` (see `codegen`): `AWS_…`, `GITHUB_TOKEN` or `OPENAI_API_KEY` would
    // go to whatever server the spec names.
    for name in ["AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "OPENAI_API_KEY", "FIXTURES_TOKEN"] {
        fs::write(&settings, format!("[client]\ntoken_env = [\"FIXTURE_TOKEN\", \"{name}\"]\n"))
            .unwrap();
        let message = refused(&spec, &out, &[]);
        let expected = format!("api.codegen.toml: client.token_env[1]: `{name}` is not named for");
        assert!(message.contains(&expected), "{message}");
    }
    // Whatever the crate is called, a build's own credentials are refused.
    fs::write(&settings, "[client]\ntoken_env = [\"CARGO_REGISTRY_TOKEN\"]\n").unwrap();
    let message = refused(&spec, &out, &["--crate-name", "cargo-registry"]);
    assert!(message.contains("client.token_env[0]: `CARGO_REGISTRY_TOKEN`"), "{message}");

    // The crate's own names are read, and the README says which.
    fs::write(&settings, "[client]\ntoken_env = [\"FIXTURE_TOKEN\", \"Fixture_Api_Key\"]\n")
        .unwrap();
    let run = codegen(&spec, &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    assert!(
        readme.contains(
            "`Client::from_env()` reads the token from `FIXTURE_TOKEN`, else `Fixture_Api_Key`"
        ),
        "{readme}"
    );
}
