//! The semver report of a regeneration: what the new code does to the crate's public API, each
//! change marked breaking or not, and the version to release. It compares the Rust on disk with
//! the Rust generated, so it judges what callers compile against, whatever the spec edit was.

mod compare;
mod surface;

use std::collections::BTreeMap;

use compare::{Change, Level};
use surface::Surface;

/// The most changes listed; a larger change is summed up in one more line.
const MAX_LINES: usize = 60;

/// A crate's files: path under the crate (`src/types.rs`, `Cargo.toml`) → contents.
pub type Files<'a> = BTreeMap<&'a str, &'a str>;

/// The report comparing the crate as it was with the crate as it is generated now, or `None`
/// when there was no crate before (nothing to compare with) or nothing changed.
pub fn report(old: &Files, new: &Files) -> Option<String> {
    if !old.contains_key("src/lib.rs") || old == new {
        return None;
    }
    let (old_surface, new_surface) = match (surface_of(old), surface_of(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => {
            return Some(format!("semver: cannot compare the public APIs: {e}\n"));
        }
    };
    let changes = compare::compare(&old_surface, &new_surface);
    let level = changes.iter().map(|change| change.level).max().unwrap_or(Level::Patch);
    let mut text = format!("semver: {}{}\n", summary(level), versions(old, new, level));
    for Change { level, what } in changes.iter().take(MAX_LINES) {
        let mark = if *level == Level::Major { "breaking" } else { "minor" };
        text.push_str(&format!("  {mark:9} {what}\n"));
    }
    if let Some(rest) = changes.get(MAX_LINES..).filter(|rest| !rest.is_empty()) {
        let breaking = rest.iter().filter(|change| change.level == Level::Major).count();
        text.push_str(&format!(
            "  … and {} more changes, {breaking} of them breaking\n",
            rest.len()
        ));
    }
    let runtime = |files: &Files| -> Vec<(String, String)> {
        let inside = files.iter().filter(|(path, _)| path.starts_with("src/runtime/"));
        inside.map(|(path, text)| (path.to_string(), text.to_string())).collect()
    };
    if runtime(old) != runtime(new) {
        text.push_str(
            "  note      src/runtime/ changed: its API is not compared, review it by hand\n",
        );
    }
    Some(text)
}

fn summary(level: Level) -> &'static str {
    match level {
        Level::Major => "breaking changes, a major release",
        Level::Minor => "compatible additions, a minor release",
        Level::Patch => "no change to the public API, a patch release",
    }
}

/// The public items of the crate's public modules, starting at `src/lib.rs`.
fn surface_of(files: &Files) -> Result<Surface, String> {
    let mut surface = Surface::new();
    let mut modules = vec![String::new()];
    while let Some(module) = modules.pop() {
        let base = if module.is_empty() { "lib".to_owned() } else { module.replace("::", "/") };
        let candidates = [format!("src/{base}.rs"), format!("src/{base}/mod.rs")];
        // A `pub mod` declared inline or in a file we do not generate has nothing to compare.
        let Some((path, text)) =
            candidates.iter().find_map(|path| files.get(path.as_str()).map(|text| (path, text)))
        else {
            continue;
        };
        let file = syn::parse_file(text).map_err(|e| format!("{path} is not valid Rust: {e}"))?;
        surface::add_file(&mut surface, &module, &file);
        modules.extend(surface::public_modules(&module, &file));
    }
    Ok(surface)
}

/// `(0.1.0 → 0.2.0)`: the version the change needs after the one released, or whether the
/// version the settings file now gives is enough.
fn versions(old: &Files, new: &Files, level: Level) -> String {
    let version = |files: &Files| {
        files
            .get("Cargo.toml")
            .and_then(|text| package_version(text))
            .and_then(|v| semver::Version::parse(v).ok())
    };
    let (Some(was), Some(now)) = (version(old), version(new)) else {
        return String::new();
    };
    let needed = next(&was, level);
    if now == was {
        format!(" ({was} → {needed}; set `version` in the settings file)")
    } else if now >= needed {
        format!(" ({was} → {now})")
    } else {
        format!(" ({was} → {now} is not enough: {needed} at least)")
    }
}

/// The first version after `was` that a change of `level` may have, by cargo's rules: the
/// leftmost non-zero number is the major one (0.3.1 → 0.4.0 breaks, 0.3.1 → 0.3.2 adds).
fn next(was: &semver::Version, level: Level) -> semver::Version {
    let (major, minor, patch) = (was.major, was.minor, was.patch);
    let (major, minor, patch) = match level {
        Level::Major if major > 0 => (major + 1, 0, 0),
        Level::Major if minor > 0 => (0, minor + 1, 0),
        Level::Minor if major > 0 => (major, minor + 1, 0),
        // 0.0.x: every change is a new "major" one, and a patch is the only number left.
        Level::Major | Level::Minor | Level::Patch => (major, minor, patch + 1),
    };
    semver::Version::new(major, minor, patch)
}

/// The `version` of a manifest's `[package]` table, as the generator writes it.
fn package_version(manifest: &str) -> Option<&str> {
    let package = manifest.split("\n[package]\n").nth(1)?;
    let table = package.split("\n[").next()?;
    let line = table.lines().find_map(|line| line.strip_prefix("version = "))?;
    line.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_version_follows_cargos_rules() {
        let v = |text: &str| semver::Version::parse(text).unwrap();
        let cases = [
            ("1.2.3", Level::Major, "2.0.0"),
            ("1.2.3", Level::Minor, "1.3.0"),
            ("1.2.3", Level::Patch, "1.2.4"),
            ("0.3.1", Level::Major, "0.4.0"),
            ("0.3.1", Level::Minor, "0.3.2"),
            ("0.0.4", Level::Major, "0.0.5"),
        ];
        for (was, level, needed) in cases {
            assert_eq!(next(&v(was), level), v(needed), "{was} {level:?}");
        }
    }

    #[test]
    fn reads_the_package_version_only() {
        let manifest = "# header\n[package]\nname = \"x\"\nversion = \"1.4.0\"\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(manifest), Some("1.4.0"));
        assert_eq!(package_version("[dependencies]\nversion = \"9\"\n"), None);
    }
}
