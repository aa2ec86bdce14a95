//! The `[package]` table of the settings file: the generated crate's metadata for publishing,
//! checked by cargo's and crates.io's rules before any of it reaches `Cargo.toml`.

use serde::Deserialize;

/// Package metadata of the generated crate; every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageConfig {
    /// The crate's version (semver), `0.1.0` when not given.
    pub version: Option<String>,
    /// Replaces the description made from the spec's title.
    pub description: Option<String>,
    /// An SPDX license expression, such as `MIT OR Apache-2.0`.
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// crates.io category slugs, such as `api-bindings`.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Whether the crate may be published; `publish = false` is written unless this is true.
    #[serde(default)]
    pub publish: bool,
}

/// crates.io takes at most this many keywords and as many categories.
const MAX_LIST: usize = 5;
/// crates.io's longest keyword.
const MAX_KEYWORD: usize = 20;

/// Whether `url` is an `http(s)` URL with a host, on one line, without spaces.
pub(super) fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl PackageConfig {
    /// The first thing wrong with the metadata, as `package.<key>: …`.
    pub fn check(&self) -> Result<(), String> {
        if let Some(version) = &self.version {
            semver::Version::parse(version).map_err(|e| {
                format!("package.version: {version:?} is not a semver version such as 1.2.0: {e}")
            })?;
        }
        if let Some(license) = &self.license {
            spdx_expression(license).map_err(|why| {
                format!("package.license: {license:?} is not an SPDX license expression: {why}")
            })?;
        }
        for (key, url) in [
            ("repository", &self.repository),
            ("homepage", &self.homepage),
            ("documentation", &self.documentation),
        ] {
            let Some(url) = url else { continue };
            if !is_http_url(url) {
                return Err(format!("package.{key}: {url:?} is not an http(s) URL"));
            }
        }
        if self.description.as_deref().is_some_and(|text| text.trim().is_empty()) {
            return Err("package.description: the description is empty".to_owned());
        }
        if self.keywords.len() > MAX_LIST {
            return Err(format!(
                "package.keywords: crates.io takes at most {MAX_LIST} keywords, not {}",
                self.keywords.len()
            ));
        }
        for keyword in &self.keywords {
            let valid = keyword.len() <= MAX_KEYWORD
                && keyword.starts_with(|c: char| c.is_ascii_alphanumeric())
                && keyword.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b));
            if !valid {
                return Err(format!(
                    "package.keywords: {keyword:?} is not a crates.io keyword (at most \
                     {MAX_KEYWORD} ASCII letters, digits, `_`, `-` or `+`, starting with a letter \
                     or digit)"
                ));
            }
        }
        if self.categories.len() > MAX_LIST {
            return Err(format!(
                "package.categories: crates.io takes at most {MAX_LIST} categories, not {}",
                self.categories.len()
            ));
        }
        for category in &self.categories {
            let slug = |part: &str| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            if !category.split("::").all(slug) {
                return Err(format!(
                    "package.categories: {category:?} is not a crates.io category slug such as \
                     `api-bindings` or `web-programming::http-client`"
                ));
            }
        }
        if self.publish && self.license.is_none() {
            return Err("package.publish: crates.io needs a `license` to publish".to_owned());
        }
        Ok(())
    }
}

/// Checks the syntax of an SPDX license expression (SPDX 2.3, annex D): license ids (with `+`)
/// joined by `AND` and `OR`, `WITH` an exception, parentheses. Whether an id is on SPDX's list is
/// crates.io's to say; the syntax is what keeps a typo from reaching it.
fn spdx_expression(text: &str) -> Result<(), String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    expression(&tokens, &mut at)?;
    match tokens.get(at) {
        None => Ok(()),
        Some(token) => Err(format!("unexpected `{token}`")),
    }
}

/// `expression = and ("OR" and)*`, `and = with ("AND" with)*`.
fn expression(tokens: &[&str], at: &mut usize) -> Result<(), String> {
    loop {
        loop {
            with(tokens, at)?;
            if tokens.get(*at) != Some(&"AND") {
                break;
            }
            *at += 1;
        }
        if tokens.get(*at) != Some(&"OR") {
            return Ok(());
        }
        *at += 1;
    }
}

/// `with = simple ("WITH" exception)? | "(" expression ")"`.
fn with(tokens: &[&str], at: &mut usize) -> Result<(), String> {
    let Some(&token) = tokens.get(*at) else {
        return Err("a license is missing at the end".to_owned());
    };
    *at += 1;
    if token == "(" {
        expression(tokens, at)?;
        if tokens.get(*at) != Some(&")") {
            return Err("a `(` is not closed".to_owned());
        }
        *at += 1;
        return Ok(());
    }
    license_id(token.strip_suffix('+').unwrap_or(token))?;
    if tokens.get(*at) == Some(&"WITH") {
        let exception = tokens.get(*at + 1).ok_or("`WITH` needs an exception")?;
        license_id(exception)?;
        *at += 2;
    }
    Ok(())
}

/// An idstring: letters, digits, `-` and `.`; not an operator or a parenthesis.
fn license_id(token: &str) -> Result<(), String> {
    let operator =
        ["AND", "OR", "WITH", "(", ")"].contains(&token) || ["and", "or", "with"].contains(&token);
    let valid = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if operator || !valid {
        return Err(format!("`{token}` is not a license id (operators are AND, OR and WITH)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions_by_their_grammar() {
        for good in [
            "MIT",
            "MIT OR Apache-2.0",
            "Apache-2.0 WITH LLVM-exception",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0+",
            "LicenseRef-Proprietary",
        ] {
            assert_eq!(spdx_expression(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "MIT OR",
            "MIT/Apache-2.0",
            "MIT or Apache-2.0",
            "(MIT",
            "MIT)",
            "MIT Apache-2.0",
            "MIT WITH",
            "\"MIT\"",
        ] {
            assert!(spdx_expression(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn keywords_categories_urls_and_versions_by_crates_io_rules() {
        let check = |package: PackageConfig| package.check().unwrap_err();
        let keywords = |words: &[&str]| PackageConfig {
            keywords: words.iter().map(|w| w.to_string()).collect(),
            ..PackageConfig::default()
        };
        assert_eq!(keywords(&["api", "digital-ocean", "c++", "x_y"]).check(), Ok(()));
        assert!(check(keywords(&["a", "b", "c", "d", "e", "f"])).contains("at most 5 keywords"));
        assert!(check(keywords(&["twenty-one-characters"])).contains("\"twenty-one-characters\""));
        assert!(check(keywords(&["-api"])).contains("not a crates.io keyword"));
        assert!(check(keywords(&["café"])).contains("not a crates.io keyword"));

        let categories =
            PackageConfig { categories: vec!["Web Programming".into()], ..Default::default() };
        assert!(check(categories).starts_with("package.categories: \"Web Programming\""));
        let url =
            PackageConfig { repository: Some("git@github.com:a/b".into()), ..Default::default() };
        assert!(check(url)
            .starts_with("package.repository: \"git@github.com:a/b\" is not an http(s) URL"));
        let version = PackageConfig { version: Some("1.0".into()), ..Default::default() };
        assert!(check(version).starts_with("package.version: \"1.0\" is not a semver version"));
        let unlicensed = PackageConfig { publish: true, ..Default::default() };
        assert_eq!(check(unlicensed), "package.publish: crates.io needs a `license` to publish");
    }
}
