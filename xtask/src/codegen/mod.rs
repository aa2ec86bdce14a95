//! `cargo xtask codegen`: regenerate a crate from a spec, or (`--check`) show what is stale.
//!
//! Writing and checking go through one function, `sync`; only the `check` flag differs, and in
//! check mode nothing is written.

mod changes;
pub mod crate_name;
mod out_dir;
mod read_file;
mod semver;
mod spec_files;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generator::{Config, Overlay, Settings};

use changes::{apply, plan, Change, Kind};
use spec_files::SpecFiles;

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

/// The lines of `cargo xtask --help` about this command.
pub const USAGE: &str = "\
cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME] [--overlay FILE]...
                    [--deny-warnings]
";
pub const HELP: &str = "\
codegen: generates a Rust client crate from an OpenAPI 3.0 or 3.1 document. With no options it
regenerates generated/ (crate digitalocean-images) from spec/images.yaml.

  --check             write nothing; exit 1 and show a diff if any file is out of date
  --spec FILE         the OpenAPI document (YAML or JSON)        [spec/images.yaml]
  --out DIR           the crate directory to write                [generated]
  --crate-name NAME   the package name of the generated crate     [digitalocean-images]
  --overlay FILE      an overlay (OpenAPI Overlay 1.0.0) to apply to the spec; repeatable,
                      applied in order after those the settings file lists
  --deny-warnings     treat warnings about the spec (an example that contradicts its schema)
                      as errors; always on for spec/images.yaml
";

/// The options after `codegen`; `Ok(None)` asks for help.
pub fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options::default_for_images();
    let mut deny_warnings = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value =
            |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec = PathBuf::from(value("--spec")?),
            "--deny-warnings" => deny_warnings = true,
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--crate-name" => options.crate_name = value("--crate-name")?,
            "--overlay" => options.overlays.push(PathBuf::from(value("--overlay")?)),
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    // Our own spec has no excuse for a warning; another may be the vendor's, warts and all.
    options.deny_warnings = deny_warnings || options.spec == Options::default_for_images().spec;
    Ok(Some(options))
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
    crate_name::check(&options.crate_name)?;
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
    semver::report(
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
