//! An OpenAPI 3.0 client generator: spec text in, the files of a Rust crate out.
//!
//! The pipeline is `load` (text → `openapiv3`), `lower` (→ our `model`), `emit` (→ files). It does
//! no I/O: reading the spec and writing the files is the caller's job (`cargo xtask codegen`).

mod config;
mod emit;
mod error;
mod load;
mod lower;
mod model;
mod naming;

pub use config::{ClientConfig, Config};
pub use error::{Error, Errors, Location};

/// How to generate: what the spec is called in messages and headers, and what the crate is called.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The spec's path as shown to people, such as `spec/images.yaml`; never an absolute path.
    pub spec_path: String,
    /// The package name of the generated crate, such as `digitalocean-images`.
    pub crate_name: String,
    /// What the settings file beside the spec says, or the defaults.
    pub config: Config,
}

impl Settings {
    /// The crate's name in Rust code: the package name with `-` as `_`.
    pub fn lib_name(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}

/// One generated file, with a `/`-separated path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Generates every file of the client crate for the spec `text`, or reports all that is wrong.
pub fn generate(text: &str, settings: &Settings) -> Result<Vec<File>, Errors> {
    let spec = load::load(&settings.spec_path, text)?;
    let api = lower::lower(&settings.spec_path, &spec)?;
    Ok(emit::emit(&api, settings)?)
}
