//! An OpenAPI 3.0 and 3.1 client generator: spec text in, the files of a Rust crate out.
//!
//! The pipeline is `load` (text → `openapiv3`), `lower` (→ our `model`), `passes` (model →
//! model, once every type is lowered), `emit` (→ files). It does
//! no I/O: reading the spec and writing the files is the caller's job (`cargo xtask codegen`).

mod config;
mod emit;
mod error;
mod load;
mod lower;
mod model;
mod naming;
mod passes;
mod reserved;

pub use config::{ClientConfig, Config, DocsConfig, PackageConfig};
pub use error::{Error, Errors, Kind, Location, Pointer, Warning};
pub use reserved::WINDOWS_DEVICES;

use error::Distinct;

/// How to generate: what the spec is called in messages and headers, and what the crate is called.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The spec's path as shown to people, such as `spec/images.yaml`; never an absolute path.
    pub spec_path: String,
    /// The package name of the generated crate, such as `digitalocean-images`.
    pub crate_name: String,
    /// What the settings file beside the spec says, or the defaults.
    pub config: Config,
    /// Overlays to apply to the spec before it is read, in order: those the settings file
    /// lists, then those given on the command line.
    pub overlays: Vec<Overlay>,
}

/// An overlay document (OpenAPI Overlay Specification 1.0.0): changes to a spec kept apart from
/// it, such as fixes to a vendor's spec.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The overlay's path as shown to people in errors.
    pub path: String,
    /// Its text, YAML or JSON.
    pub text: String,
}

impl Settings {
    /// Settings with the default configuration (no settings file).
    pub fn new(spec_path: impl Into<String>, crate_name: impl Into<String>) -> Settings {
        Settings {
            spec_path: spec_path.into(),
            crate_name: crate_name.into(),
            config: Config::default(),
            overlays: Vec::new(),
        }
    }

    /// The crate's name in Rust code: the package name with `-` as `_`.
    pub fn lib_name(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}

/// What a successful run produced: the crate's files, and the problems that did not stop it
/// (such as an example that contradicts its schema), each naming its file and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: Vec<File>,
    pub warnings: Vec<Warning>,
}

/// One generated file, with a `/`-separated path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Reads the other files of a spec split across several files, for relative `$ref`s such as
/// `models/image.yml`. Paths are `/`-separated and relative to the root spec's directory; they
/// never start with `/`, never climb above that directory, never go through a hidden name
/// (`.env`, `.git/`) and always end in `.yaml`, `.yml`, `.json` or `.md` (see
/// [`check_part_path`]). Any `Fn(&str) -> Result<String, String>` is one.
pub trait Files {
    /// The text of the file at `path`, or why it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// Why the file at `path` may not be read as a part of a spec (a `$ref`'s file, or an overlay
/// its settings file lists), if it may not: `path` is `/`-separated, relative to the root spec's
/// directory and without `.` or `..` steps. The generator checks every path as written; a
/// caller that resolves links checks the path a link resolves to with this, so that a link
/// (`notes.md` → `.env`) reaches no more than a path could.
pub fn check_part_path(path: &str) -> Result<(), String> {
    load::confine::check(path)
}

impl<F: Fn(&str) -> Result<String, String>> Files for F {
    fn read(&self, path: &str) -> Result<String, String> {
        self(path)
    }
}

/// Generates every file of the client crate for the single-document spec `text`, or reports
/// all that is wrong. A `$ref` to another file is an error here; see [`generate_with_files`].
pub fn generate(text: &str, settings: &Settings) -> Result<Output, Errors> {
    let no_files = |_: &str| Err("only a single document was given".to_owned());
    generate_with_files(text, &no_files, settings)
}

/// Generates the client crate for the root document `text`, reading the files it refers to
/// through `files`. Errors inside those files name them.
pub fn generate_with_files(
    text: &str,
    files: &dyn Files,
    settings: &Settings,
) -> Result<Output, Errors> {
    let loaded = load::load(&settings.spec_path, text, files, &settings.overlays)?;
    let locate = |errors: Vec<Error>| {
        // Two copies of one part of another file report the same problem once.
        let mut located = Distinct::default();
        for error in errors {
            located.push(loaded.locate(&settings.spec_path, error));
        }
        located.into_vec()
    };
    let lowered = lower::lower(&settings.spec_path, &loaded.spec, &settings.config.methods);
    let (mut api, warnings) = passes::run(&settings.spec_path, lowered)
        .map_err(|Errors(errors)| Errors(locate(errors)))?;
    emit::markdown_from_html(&mut api, settings.config.docs.base_url.as_deref());
    let files = emit::emit(&api, settings).map_err(|error| Errors(locate(vec![error])))?;
    let warnings = loaded.warnings.iter().cloned().chain(warnings).collect();
    let warnings = locate(warnings).into_iter().map(Warning::from_located).collect();
    Ok(Output { files, warnings })
}
