//! The settings file beside a spec (`images.codegen.toml` for `images.yaml`): what a client
//! needs that an OpenAPI document cannot say, and the overlays that fix the spec.
//!
//! It travels with the spec, so what it may reach is confined like the spec's own `$ref`s: its
//! overlays by `load::confine`'s rule, its token variables to the crate's own (`token_env`).

pub mod headers;
mod package;
mod token_env;

use std::collections::BTreeMap;

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
    /// Overlay documents to apply to the spec, in order, as paths relative to the settings file
    /// (so to the spec's directory), each a part of the spec by `$ref`'s rule; `from_toml` gives
    /// them without `.` and `..` steps. The caller reads them (`Settings::overlays`) as it reads
    /// `$ref`s, links resolved.
    #[serde(default)]
    pub overlays: Vec<String>,
    /// Method names chosen for operations, by operationId (or `get /widgets` for one without):
    /// each a snake-case name that is no keyword.
    #[serde(default)]
    pub methods: BTreeMap<String, String>,
    /// How the spec's descriptions become the crate's docs.
    #[serde(default)]
    pub docs: DocsConfig,
}

/// How the spec's descriptions become the crate's docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsConfig {
    /// The page the spec's relative links (`/docs/api/customers`, `#create_charge`) are
    /// relative to, an http(s) URL such as `https://stripe.com/docs/api`. Without it such a
    /// link is left as its text, since it leads nowhere from the crate's docs.
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Environment variables `Client::from_env` reads the token from, in order of preference;
    /// each begins with a word of the crate's name and `_` (`token_env.rs`).
    #[serde(default)]
    pub token_env: Vec<String>,
    /// Headers sent with every request unless it sets them itself, by name: the API version the
    /// crate's types are for (`Stripe-Version`, `X-GitHub-Api-Version`).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Response headers that carry the server's id for a request, tried before those the spec
    /// declares and the common `x-request-id` and `request-id`.
    #[serde(default)]
    pub request_id_headers: Vec<String>,
}

impl Config {
    /// Parses the settings file `file` (named as shown to people) for the crate `crate_name`,
    /// whose name decides which token variables the file may name.
    pub fn from_toml(file: &str, text: &str, crate_name: &str) -> Result<Config, Error> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let location = e.span().map_or(Location::File, |span| line_column(text, span.start));
            Error::new(file, location, format!("not valid settings: {}", e.message()))
        })?;
        let error = |what: String| Error::new(file, Location::File, what);
        // Names and paths are shown escaped: they may hold anything, terminal controls included.
        for (i, name) in config.client.token_env.iter().enumerate() {
            let shown = name.escape_debug();
            token_env::check(name, crate_name)
                .map_err(|why| error(format!("client.token_env[{i}]: `{shown}` {why}")))?;
        }
        for (name, value) in &config.client.headers {
            let shown = name.escape_debug();
            headers::check_name(name)
                .and_then(|()| headers::check_value(value))
                .map_err(|why| error(format!("client.headers: `{shown}` {why}")))?;
        }
        for (i, name) in config.client.request_id_headers.iter().enumerate() {
            if !headers::is_header_name(name) {
                let shown = name.escape_debug();
                return Err(error(format!(
                    "client.request_id_headers[{i}]: `{shown}` is not a valid HTTP header name"
                )));
            }
        }
        for (operation, method) in &config.methods {
            if crate::naming::snake_name(method) != *method {
                return Err(error(format!(
                    "methods.`{}`: `{}` is not a method name: use lower snake case that is no keyword, such as `list_sources`",
                    operation.escape_debug(),
                    method.escape_debug()
                )));
            }
        }
        config.package.check().map_err(error)?;
        if let Some(url) = &config.docs.base_url {
            if !package::is_http_url(url) {
                return Err(error(format!("docs.base_url: {url:?} is not an http(s) URL")));
            }
        }
        if config.overlays.iter().any(String::is_empty) {
            return Err(error("overlays: an overlay path is empty".to_owned()));
        }
        for (i, path) in config.overlays.iter_mut().enumerate() {
            let subject = format!("overlays[{i}]: `{}`", path.escape_debug());
            *path = crate::load::confine::join("", path, &subject).map_err(error)?;
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
        let text = "[client]\ntoken_env = [\"A_TOKEN\", \"B_API_KEY\"]\n";
        let config = Config::from_toml("s.toml", text, "a-b");
        assert_eq!(config.unwrap().client.token_env, ["A_TOKEN", "B_API_KEY"]);
        assert_eq!(Config::from_toml("s.toml", "", "c").unwrap(), Config::default());
        let unknown = Config::from_toml("s.toml", "[client]\ntoken = 1\n", "c").unwrap_err();
        assert!(
            unknown
                .to_string()
                .starts_with("s.toml:2:1: not valid settings: unknown field `token`"),
            "{unknown}"
        );
        let bad =
            Config::from_toml("s.toml", "[client]\ntoken_env = [\"A-B\"]\n", "a").unwrap_err();
        assert!(bad.to_string().starts_with("s.toml: client.token_env[0]: `A-B` is not"), "{bad}");
    }

    #[test]
    fn reads_the_apis_headers_and_refuses_what_cannot_be_sent() {
        let text = "[client]\nheaders = { \"X-GitHub-Api-Version\" = \"2022-11-28\" }\n\
                    request_id_headers = [\"x-github-request-id\"]\n";
        let client = Config::from_toml("s.toml", text, "c").unwrap().client;
        assert_eq!(client.headers["X-GitHub-Api-Version"], "2022-11-28");
        assert_eq!(client.request_id_headers, ["x-github-request-id"]);
        let owned = "[client]\nheaders = { Authorization = \"Bearer x\" }\n";
        let owned = Config::from_toml("s.toml", owned, "c").unwrap_err().to_string();
        assert!(owned.contains("`Authorization` is a header the client sets itself"), "{owned}");
        let split = "[client]\nheaders = { A = \"1\\r\\nB: 2\" }\n";
        let split = Config::from_toml("s.toml", split, "c").unwrap_err().to_string();
        assert!(split.contains("`A` is not a header value"), "{split}");
        let name = "[client]\nrequest_id_headers = [\"a b\"]\n";
        assert!(Config::from_toml("s.toml", name, "c").is_err());
    }

    #[test]
    fn reads_method_names_and_refuses_what_is_no_method_name() {
        let text = "[methods]\nGetCustomers = \"list\"\n\"get /health\" = \"check\"\n";
        let methods = Config::from_toml("s.toml", text, "c").unwrap().methods;
        assert_eq!(
            (methods["GetCustomers"].as_str(), methods["get /health"].as_str()),
            ("list", "check")
        );
        for bad in ["List", "type", "a-b", ""] {
            let text = format!("[methods]\nX = \"{bad}\"\n");
            let error = Config::from_toml("s.toml", &text, "c").unwrap_err().to_string();
            assert!(error.contains("is not a method name"), "{bad}: {error}");
        }
    }

    #[test]
    fn reads_package_metadata_and_names_the_file_in_its_errors() {
        let text =
            "[package]\nversion = \"1.2.0\"\nlicense = \"MIT OR Apache-2.0\"\npublish = true\n";
        let package = Config::from_toml("s.toml", text, "c").unwrap().package;
        assert_eq!(package.version.as_deref(), Some("1.2.0"));
        assert!(package.publish);
        let bad = Config::from_toml("s.toml", "[package]\nlicense = \"MIT or Apache\"\n", "c");
        assert!(bad
            .unwrap_err()
            .to_string()
            .starts_with("s.toml: package.license: \"MIT or Apache\""));
        let unknown = Config::from_toml("s.toml", "[package]\nname = \"x\"\n", "c").unwrap_err();
        assert!(
            unknown.to_string().starts_with("s.toml:2:1: not valid settings: unknown field `name`"),
            "{unknown}"
        );
    }

    #[test]
    fn reads_the_docs_base_url_and_refuses_what_is_not_a_web_page() {
        let text = "[docs]\nbase_url = \"https://stripe.com/docs/api\"\n";
        let docs = Config::from_toml("s.toml", text, "c").unwrap().docs;
        assert_eq!(docs.base_url.as_deref(), Some("https://stripe.com/docs/api"));
        for url in ["/docs", "javascript:alert(1)", "https://", "https:///x", "https://a b"] {
            let text = format!("[docs]\nbase_url = {url:?}\n");
            let error = Config::from_toml("s.toml", &text, "c").unwrap_err().to_string();
            assert!(error.starts_with("s.toml: docs.base_url: "), "{error}");
        }
    }

    #[test]
    fn lists_overlays_in_order() {
        let text = "overlays = [\"b.yaml\", \"./fixes/x/../a.yaml\"]\n";
        let config = Config::from_toml("s.toml", text, "c");
        assert_eq!(config.unwrap().overlays, ["b.yaml", "fixes/a.yaml"]);
        let outside = Config::from_toml("s.toml", "overlays = [\"../a.yaml\"]\n", "c").unwrap_err();
        assert!(outside.to_string().starts_with("s.toml: overlays[0]: `../a.yaml` leaves"));
        let empty = Config::from_toml("s.toml", "overlays = [\"\"]\n", "c").unwrap_err();
        assert_eq!(empty.to_string(), "s.toml: overlays: an overlay path is empty");
        let wrong = Config::from_toml("s.toml", "overlays = \"a.yaml\"\n", "c").unwrap_err();
        assert!(wrong.to_string().starts_with("s.toml:1:12: not valid settings"), "{wrong}");
    }
}
