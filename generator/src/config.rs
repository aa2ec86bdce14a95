//! The settings file beside a spec (`images.codegen.toml` for `images.yaml`): what a client
//! needs that an OpenAPI document cannot say, and the overlays that fix the spec.

mod package;

use serde::Deserialize;

use crate::error::{Error, Location};

pub use package::PackageConfig;

/// Everything the settings file may set; each has a default, so the file is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub client: ClientConfig,
    /// The generated crate's package metadata (version, license, `publish`…).
    #[serde(default)]
    pub package: PackageConfig,
    /// Overlay documents to apply to the spec, in order, as paths relative to the settings file;
    /// the caller reads them (`Settings::overlays`).
    #[serde(default)]
    pub overlays: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Environment variables `Client::from_env` reads the token from, in order of preference.
    #[serde(default)]
    pub token_env: Vec<String>,
}

impl Config {
    /// Parses the settings file `file` (named as shown to people).
    pub fn from_toml(file: &str, text: &str) -> Result<Config, Error> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let location = e.span().map_or(Location::File, |span| line_column(text, span.start));
            Error {
                file: file.to_owned(),
                location,
                what: format!("not valid settings: {}", e.message()),
            }
        })?;
        for name in &config.client.token_env {
            let valid = !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !name.starts_with(|c: char| c.is_ascii_digit());
            if !valid {
                return Err(Error {
                    file: file.to_owned(),
                    location: Location::File,
                    what: format!("client.token_env: {name:?} is not an environment variable name"),
                });
            }
        }
        if let Err(what) = config.package.check() {
            return Err(Error { file: file.to_owned(), location: Location::File, what });
        }
        if config.overlays.iter().any(String::is_empty) {
            let what = "overlays: an overlay path is empty".to_owned();
            return Err(Error { file: file.to_owned(), location: Location::File, what });
        }
        Ok(config)
    }
}

fn line_column(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    Location::LineColumn { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_token_variables_and_rejects_unknown_keys_and_bad_names() {
        let config = Config::from_toml("s.toml", "[client]\ntoken_env = [\"A_TOKEN\", \"B\"]\n");
        assert_eq!(config.unwrap().client.token_env, ["A_TOKEN", "B"]);
        assert_eq!(Config::from_toml("s.toml", "").unwrap(), Config::default());
        let unknown = Config::from_toml("s.toml", "[client]\ntoken = 1\n").unwrap_err();
        assert!(
            unknown
                .to_string()
                .starts_with("s.toml:2:1: not valid settings: unknown field `token`"),
            "{unknown}"
        );
        let bad = Config::from_toml("s.toml", "[client]\ntoken_env = [\"A-B\"]\n").unwrap_err();
        assert!(bad.to_string().starts_with("s.toml: client.token_env: \"A-B\""), "{bad}");
    }

    #[test]
    fn reads_package_metadata_and_names_the_file_in_its_errors() {
        let text =
            "[package]\nversion = \"1.2.0\"\nlicense = \"MIT OR Apache-2.0\"\npublish = true\n";
        let package = Config::from_toml("s.toml", text).unwrap().package;
        assert_eq!(package.version.as_deref(), Some("1.2.0"));
        assert!(package.publish);
        let bad = Config::from_toml("s.toml", "[package]\nlicense = \"MIT or Apache\"\n");
        assert!(bad
            .unwrap_err()
            .to_string()
            .starts_with("s.toml: package.license: \"MIT or Apache\""));
        let unknown = Config::from_toml("s.toml", "[package]\nname = \"x\"\n").unwrap_err();
        assert!(
            unknown.to_string().starts_with("s.toml:2:1: not valid settings: unknown field `name`"),
            "{unknown}"
        );
    }

    #[test]
    fn lists_overlays_in_order() {
        let config = Config::from_toml("s.toml", "overlays = [\"b.yaml\", \"fixes/a.yaml\"]\n");
        assert_eq!(config.unwrap().overlays, ["b.yaml", "fixes/a.yaml"]);
        let empty = Config::from_toml("s.toml", "overlays = [\"\"]\n").unwrap_err();
        assert_eq!(empty.to_string(), "s.toml: overlays: an overlay path is empty");
        let wrong = Config::from_toml("s.toml", "overlays = \"a.yaml\"\n").unwrap_err();
        assert!(wrong.to_string().starts_with("s.toml:1:12: not valid settings"), "{wrong}");
    }
}
