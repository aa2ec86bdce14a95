//! `cargo xtask codegen`: regenerate a crate from a spec, or (`--check`) show what is stale.
//!
//! Writing and checking go through one function, `sync`; only the `check` flag differs, and in
//! check mode nothing is written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::{Config, File, Settings};

/// What to generate and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub crate_name: String,
    pub check: bool,
}

impl Options {
    /// The checked-in crate: `spec/images.yaml` → `generated/`.
    pub fn default_for_images() -> Options {
        let root = workspace_root();
        Options {
            spec: root.join("spec/images.yaml"),
            out: root.join("generated"),
            crate_name: "digitalocean-images".into(),
            check: false,
        }
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ lives in the workspace root")
        .to_path_buf()
}

/// A path as shown in messages: relative to the workspace root when inside it.
fn display(path: &Path) -> String {
    let path = path.strip_prefix(workspace_root()).unwrap_or(path);
    path.to_string_lossy().replace('\\', "/")
}

/// The spec's name in file headers: relative to the workspace root or the current directory,
/// else just the file name, so the output never depends on where a checkout lives.
fn header_name(spec: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative =
        [workspace_root(), cwd].into_iter().find_map(|base| spec.strip_prefix(base).ok());
    match relative {
        Some(relative) => display(relative),
        None if spec.is_relative() => display(spec),
        None => spec
            .file_name()
            .map_or_else(|| display(spec), |name| name.to_string_lossy().into_owned()),
    }
}

pub fn run(options: &Options) -> ExitCode {
    match sync(options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Generates the crate and compares it with `options.out`, writing the differences unless
/// checking. `Ok(false)` means a check found stale files; `Err` is a problem to report.
pub fn sync(options: &Options) -> Result<bool, String> {
    sync_reporting(options, true)
}

/// `sync` without the per-file lines, for tools that only need the files written.
pub fn sync_quietly(options: &Options) -> Result<(), String> {
    sync_reporting(options, false).map(drop)
}

fn sync_reporting(options: &Options, report: bool) -> Result<bool, String> {
    let text = fs::read_to_string(&options.spec)
        .map_err(|e| format!("error: {}: cannot read the spec: {e}", display(&options.spec)))?;
    let config = read_config(&options.spec)?;
    let settings = Settings {
        spec_path: header_name(&options.spec),
        crate_name: options.crate_name.clone(),
        config,
    };
    // Files the spec refers to (`$ref: models/image.yml`) are read beside it.
    let directory = options.spec.parent().unwrap_or(Path::new("")).to_path_buf();
    let read = |path: &str| fs::read_to_string(directory.join(path)).map_err(|e| e.to_string());
    let files = generator::generate_with_files(&text, &read, &settings)
        .map_err(|errors| errors.to_string())?;
    let changes =
        plan(&options.out, &files).map_err(|e| format!("error: {}: {e}", display(&options.out)))?;
    let out = display(&options.out);
    if options.check {
        let stale: Vec<&Change> =
            changes.iter().filter(|change| change.kind != Kind::Unchanged).collect();
        if stale.is_empty() {
            println!("{out} is up to date ({} files)", changes.len());
            return Ok(true);
        }
        for change in &stale {
            println!("stale: {out}/{} ({})", change.path, change.kind.verb());
            print!("{}", change.diff());
        }
        println!(
            "{} file(s) in {out} are out of date; run `cargo xtask codegen` to regenerate",
            stale.len()
        );
        return Ok(false);
    }
    apply(&options.out, &changes)?;
    for change in changes.iter().filter(|_| report) {
        println!("{:9} {out}/{}", change.kind.verb(), change.path);
    }
    Ok(true)
}

/// The settings file beside the spec (`images.codegen.toml` for `images.yaml`), if there is one.
fn read_config(spec: &Path) -> Result<Config, String> {
    let path = spec.with_extension("codegen.toml");
    match fs::read_to_string(&path) {
        Ok(text) => Config::from_toml(&display(&path), &text).map_err(|e| format!("error: {e}")),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(format!("error: {}: cannot read the settings: {e}", display(&path))),
    }
}

/// Writes every new file into a staging directory inside `out` first; only when all of them are
/// written are they moved into place (a rename, on the same file system) and stale files removed.
/// A full disk or a read-only file therefore leaves `out` as it was.
fn apply(out: &Path, changes: &[Change]) -> Result<(), String> {
    let shown = display(out);
    let staging = out.join(format!(".xtask-staging-{}", std::process::id()));
    let stage = || -> io::Result<()> {
        for change in changes.iter().filter(|c| matches!(c.kind, Kind::Updated | Kind::Created)) {
            let staged = staging.join(&change.path);
            fs::create_dir_all(staged.parent().unwrap_or(&staging))?;
            fs::write(staged, &change.new)?;
        }
        Ok(())
    };
    if let Err(e) = stage() {
        let _ = fs::remove_dir_all(&staging);
        return Err(format!(
            "error: {shown}: cannot write the new files, nothing was changed: {e}"
        ));
    }
    let move_into_place = || -> io::Result<()> {
        for change in changes {
            let path = out.join(&change.path);
            match change.kind {
                Kind::Unchanged => {}
                Kind::Removed => fs::remove_file(path)?,
                Kind::Updated | Kind::Created => {
                    fs::create_dir_all(path.parent().unwrap_or(out))?;
                    fs::rename(staging.join(&change.path), path)?;
                }
            }
        }
        Ok(())
    };
    let moved = move_into_place();
    let _ = fs::remove_dir_all(&staging);
    moved.map_err(|e| format!("error: {shown}: {e}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unchanged,
    Updated,
    Created,
    Removed,
}

impl Kind {
    fn verb(self) -> &'static str {
        match self {
            Kind::Unchanged => "unchanged",
            Kind::Updated => "updated",
            Kind::Created => "created",
            Kind::Removed => "removed",
        }
    }
}

/// One file's fate: its path under the output directory, old and new contents.
#[derive(Debug)]
struct Change {
    path: String,
    kind: Kind,
    old: String,
    new: String,
}

/// Compares the generated files with what is on disk, including generated files no longer produced.
fn plan(out: &Path, files: &[File]) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for file in files {
        let (kind, old) = match fs::read_to_string(out.join(&file.path)) {
            Ok(old) if old == file.contents => (Kind::Unchanged, old),
            Ok(old) if !is_marked(&old) => {
                return Err(io::Error::other(format!(
                "{} has no `{MARKER}` first line, so it is taken as hand-written and left alone; \
                     move it away to let codegen write that file",
                file.path
            )))
            }
            Ok(old) => (Kind::Updated, old),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (Kind::Created, String::new()),
            Err(e) => return Err(e),
        };
        changes.push(Change { path: file.path.clone(), kind, old, new: file.contents.clone() });
    }
    let produced: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    for path in generated_files_on_disk(out)? {
        if !produced.contains(path.as_str()) {
            let old = fs::read_to_string(out.join(&path))?;
            changes.push(Change { path, kind: Kind::Removed, old, new: String::new() });
        }
    }
    Ok(changes)
}

/// Files under `out` whose first line carries the marker, in `tests/` too. Hand-written files
/// (any file without the marker) and build output are never touched.
fn generated_files_on_disk(out: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = match fs::read_dir(out.join(&relative)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = relative.join(&name);
            if entry.file_type()?.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    pending.push(path);
                }
            } else if has_marker(&out.join(&path)) {
                found.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// What the generator writes in the first line of every file (after `//`, `#` or `<!--`).
const MARKER: &str = "@generated by `cargo xtask codegen`";

fn has_marker(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| is_marked(&text))
}

fn is_marked(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(MARKER))
}

impl Change {
    /// A short unified diff of the change.
    fn diff(&self) -> String {
        const MAX_LINES: usize = 40;
        let diff = similar::TextDiff::from_lines(&self.old, &self.new);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
            .to_string();
        let lines: Vec<&str> = text.lines().collect();
        let mut shown =
            lines.iter().take(MAX_LINES).map(|line| format!("    {line}\n")).collect::<String>();
        if lines.len() > MAX_LINES {
            shown.push_str(&format!("    … {} more diff lines\n", lines.len() - MAX_LINES));
        }
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test --workspace` fails when `generated/` does not match `spec/images.yaml`.
    #[test]
    fn generated_crate_is_fresh() {
        let options = Options { check: true, ..Options::default_for_images() };
        assert_eq!(sync(&options), Ok(true), "generated/ is stale: run `cargo xtask codegen`");
    }
}
