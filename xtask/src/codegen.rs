//! `cargo xtask codegen`: regenerate a crate from a spec, or (`--check`) show what is stale.
//!
//! Writing and checking go through one function, `sync`; only the `check` flag differs, and in
//! check mode nothing is written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::{Config, File, Overlay, Settings};

use crate::out_dir::{self, Entry};
use crate::spec_files::SpecFiles;

/// What to generate and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub crate_name: String,
    pub check: bool,
    /// Whether a warning about the spec (such as an example that contradicts its schema) stops
    /// the run like an error; on for our own spec, which has no excuse.
    pub deny_warnings: bool,
    /// Overlays given on the command line, applied after those of the settings file.
    pub overlays: Vec<PathBuf>,
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
            deny_warnings: true,
            overlays: Vec::new(),
        }
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ lives in the workspace root")
        .to_path_buf()
}

/// A path as shown in messages: relative to the workspace root when inside it. Only Windows
/// separators become `/`; elsewhere a `\\` is part of a name and kept, like any other character.
fn display(path: &Path) -> String {
    let path = path.strip_prefix(workspace_root()).unwrap_or(path).to_string_lossy();
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.into_owned()
    }
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
    crate::crate_name::check(&options.crate_name)?;
    let spec_files = SpecFiles::beside(&options.spec)
        .map_err(|e| format!("error: {}: cannot read the spec: {e}", display(&options.spec)))?;
    let text = spec_files
        .root(&options.spec)
        .map_err(|e| format!("error: {}: cannot read the spec: {e}", display(&options.spec)))?;
    let config = read_config(&spec_files, &options.spec, &options.crate_name)?;
    let overlays = read_overlays(&spec_files, &options.spec, &config, &options.overlays)?;
    let settings = Settings {
        spec_path: header_name(&options.spec),
        crate_name: options.crate_name.clone(),
        config,
        overlays,
    };
    // Files the spec refers to (`$ref: models/image.yml`) are read beside it.
    let output = generator::generate_with_files(&text, &spec_files, &settings)
        .map_err(|errors| errors.to_string())?;
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    if options.deny_warnings && !output.warnings.is_empty() {
        return Err(format!(
            "error: {} warning(s) about {}, which this run treats as errors; nothing is written",
            output.warnings.len(),
            display(&options.spec)
        ));
    }
    let files = output.files;
    let changes =
        plan(&options.out, &files).map_err(|e| format!("error: {}: {e}", display(&options.out)))?;
    let out = display(&options.out);
    let semver = report.then(|| semver_report(&changes)).flatten();
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
        print!("{}", semver.unwrap_or_default());
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
    print!("{}", semver.unwrap_or_default());
    Ok(true)
}

/// What the changes do to the crate's public API, if there was a crate before and it changed.
fn semver_report(changes: &[Change]) -> Option<String> {
    let old = changes.iter().filter(|c| c.kind != Kind::Created);
    let new = changes.iter().filter(|c| c.kind != Kind::Removed);
    crate::semver::report(
        &old.map(|c| (c.path.as_str(), c.old.as_str())).collect(),
        &new.map(|c| (c.path.as_str(), c.new.as_str())).collect(),
    )
}

/// The settings file beside the spec (`images.codegen.toml` for `images.yaml`), if there is one,
/// for the crate `crate_name`.
fn read_config(spec_files: &SpecFiles, spec: &Path, crate_name: &str) -> Result<Config, String> {
    let path = display(&spec.with_extension("codegen.toml"));
    match spec_files.settings(spec) {
        Ok(Some(text)) => {
            Config::from_toml(&path, &text, crate_name).map_err(|e| format!("error: {e}"))
        }
        Ok(None) => Ok(Config::default()),
        Err(e) => Err(format!("error: {path}: cannot read the settings: {e}")),
    }
}

/// The overlays to apply: the settings file's, which travel with the spec and so are read as
/// its parts (`Config` gives them relative to the spec's directory, checked as written), then
/// `extra`, which the user typed, read wherever they are.
fn read_overlays(
    spec_files: &SpecFiles,
    spec: &Path,
    config: &Config,
    extra: &[PathBuf],
) -> Result<Vec<Overlay>, String> {
    let beside = spec.parent().unwrap_or(Path::new(""));
    let listed = config
        .overlays
        .iter()
        .map(|relative| (beside.join(relative), spec_files.part(Path::new(relative))));
    let typed = extra.iter().map(|path| (path.clone(), spec_files.overlay(path)));
    listed
        .chain(typed)
        .map(|(path, text)| {
            let shown = display(&path);
            let text = text.map_err(|e| format!("error: {shown}: cannot read the overlay: {e}"))?;
            Ok(Overlay { path: shown, text })
        })
        .collect()
}

/// Writes every new file into a staging directory inside `out` first; only when all of them are
/// written are they moved into place (a rename, on the same file system) and stale files removed.
/// A full disk or a read-only file therefore leaves `out` as it was. The list of generated files
/// is moved last, so if a rename fails the old list still names every file to remove.
fn apply(out: &Path, changes: &[Change]) -> Result<(), String> {
    let shown = display(out);
    let staging = out.join(format!(".xtask-staging-{}", std::process::id()));
    let written = || changes.iter().filter(|c| matches!(c.kind, Kind::Updated | Kind::Created));
    let stage = || -> io::Result<()> {
        fs::create_dir_all(out)?;
        // `create_dir` fails on anything already there, a link included, so nothing is staged
        // outside `out`.
        fs::create_dir(&staging)?;
        for change in written() {
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
    let (list, others): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|change| change.path == out_dir::LIST);
    let move_into_place = || -> io::Result<()> {
        for change in others.into_iter().chain(list) {
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

/// Compares the generated files, and the list of them, with what is on disk, including files
/// generated last time that are no longer produced.
fn plan(out: &Path, files: &[File]) -> Result<Vec<Change>, String> {
    let mut produced = BTreeSet::new();
    for file in files {
        // Defence in depth: the generator only makes such paths, but nothing is written
        // outside `out` even if it did not.
        out_dir::check_path(&file.path)
            .map_err(|e| format!("the generator produced a file at {e}; nothing was written"))?;
        if file.path == out_dir::LIST || !produced.insert(file.path.as_str()) {
            return Err(format!("the generator produced {} twice; nothing was written", file.path));
        }
    }
    let list = File { path: out_dir::LIST.into(), contents: out_dir::list(&produced) };
    let mut changes = Vec::new();
    for file in files.iter().chain([&list]) {
        let (kind, old) = match out_dir::look(out, &file.path)? {
            Entry::Missing => (Kind::Created, String::new()),
            Entry::Directory => {
                return Err(format!("{} is a directory, where codegen writes a file", file.path))
            }
            Entry::File => {
                let old = out_dir::read(out, &file.path)?;
                if old == file.contents {
                    (Kind::Unchanged, old)
                } else if out_dir::is_marked(&old) {
                    (Kind::Updated, old)
                } else {
                    return Err(format!(
                        "{} has no `{}` first line, so it is taken as hand-written and left \
                         alone; move it away to let codegen write that file",
                        file.path,
                        out_dir::MARKER
                    ));
                }
            }
        };
        changes.push(Change { path: file.path.clone(), kind, old, new: file.contents.clone() });
    }
    let previous = match out_dir::look(out, out_dir::LIST)? {
        Entry::File => out_dir::parse_list(&out_dir::read(out, out_dir::LIST)?)?,
        Entry::Missing | Entry::Directory => out_dir::before_the_list(out, &produced)?,
    };
    for path in previous {
        if produced.contains(path.as_str()) || out_dir::look(out, &path)? != Entry::File {
            continue;
        }
        // A listed file someone has since taken over (its marker removed) stays.
        if let Ok(old) = out_dir::read(out, &path) {
            if out_dir::is_marked(&old) {
                changes.push(Change { path, kind: Kind::Removed, old, new: String::new() });
            }
        }
    }
    Ok(changes)
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

    /// The header is the generator's to make safe; xtask hands it the name as the file has it.
    #[test]
    fn the_spec_name_reaches_the_generator_unchanged() {
        let outside = Path::new("/nonexistent-xtask-test");
        for name in ["a\nb.yaml", "a\\b.yaml", "a\rb\tc.yaml", "<!-- -->.yaml"] {
            let expected = if cfg!(windows) { name.replace('\\', "/") } else { name.to_owned() };
            assert_eq!(header_name(&outside.join(name)), expected);
        }
    }
}
