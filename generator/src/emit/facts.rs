//! The runtime's defaults and limits as README text, read from the runtime's own constants
//! (`runtime/defaults.rs`, compiled here as well), so no README can state other numbers.

use std::time::Duration;

#[allow(dead_code)]
#[path = "../../runtime/defaults.rs"]
mod defaults;

use defaults::*;

/// What the README says about retries, one sentence per fact. The root README must say each of
/// them too (a test reads it).
pub fn retry_facts() -> Vec<String> {
    vec![
        format!(
            "Only {} are retried, unless a request says `.idempotent(true)`.",
            list(&IDEMPOTENT_METHODS)
        ),
        format!(
            "They are retried on connection failures, timeouts, {} answers,",
            list(&RETRY_STATUSES)
        ),
        format!("{MAX_RETRIES} times by default (`max_retries`, 0 turns retries off),"),
        format!(
            "with exponential backoff and full jitter from {} up to {}.",
            seconds(BACKOFF_BASE),
            seconds(BACKOFF_CAP)
        ),
        format!(
            "A wait longer than `max_retry_wait` ({}) returns the error at once.",
            seconds(MAX_RETRY_WAIT)
        ),
    ]
}

/// What the README says about the other limits, as [`retry_facts`].
pub fn limit_facts() -> Vec<String> {
    vec![
        format!("Up to {MAX_REDIRECTS} redirects within the origin are followed."),
        format!(
            "Past `max_pages` ({} by default) a stream of pages ends with `Error::TooManyPages`.",
            thousands(MAX_PAGES)
        ),
        format!(
            "A response body larger than `max_response_size` ({}) fails the request.",
            mebibytes(MAX_RESPONSE_SIZE)
        ),
        format!(
            "One attempt may take `timeout` ({}), connecting `connect_timeout` ({}).",
            seconds(TIMEOUT),
            seconds(CONNECT_TIMEOUT)
        ),
    ]
}

/// `a, b and c`.
fn list(items: &[impl ToString]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// `0.5 s`, `60 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// `10,000`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `64 MiB`, or bytes when not a whole number of MiB.
fn mebibytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    match bytes % MIB {
        0 => format!("{} MiB", bytes / MIB),
        _ => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(list(&[408, 429, 500]), "408, 429 and 500");
        assert_eq!(list(&["GET"]), "GET");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
        assert_eq!(seconds(Duration::from_secs(8)), "8 s");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(mebibytes(64 * 1024 * 1024), "64 MiB");
        assert_eq!(mebibytes(1000), "1000 bytes");
    }

    /// What the docs of `Client` and `ClientBuilder` (`runtime/client.rs`) say of each default,
    /// by the method they document.
    fn doc_facts() -> Vec<(&'static str, String)> {
        vec![
            ("timeout", format!("(default {})", seconds(TIMEOUT))),
            ("connect_timeout", format!("(default {})", seconds(CONNECT_TIMEOUT))),
            ("max_retries", format!("(default {MAX_RETRIES};")),
            ("max_retry_wait", format!("(default {})", seconds(MAX_RETRY_WAIT))),
            ("max_response_size", format!("(default {})", mebibytes(MAX_RESPONSE_SIZE))),
            ("max_pages", format!("(default {})", thousands(MAX_PAGES))),
            ("redirect_policy", format!("at most {MAX_REDIRECTS} redirects")),
        ]
    }

    /// The doc comment of every method of the runtime, by name, its lines joined by spaces.
    fn method_docs() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for (_, text) in crate::emit::runtime::SOURCES {
            let file = syn::parse_file(text).unwrap();
            for item in &file.items {
                let syn::Item::Impl(item) = item else { continue };
                for member in &item.items {
                    let syn::ImplItem::Fn(method) = member else { continue };
                    found.push((method.sig.ident.to_string(), doc_text(&method.attrs)));
                }
            }
        }
        found
    }

    fn doc_text(attrs: &[syn::Attribute]) -> String {
        let lines = attrs.iter().filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(line), .. }) => Some(line.value()),
                _ => None,
            },
            _ => None,
        });
        lines.collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Each default the client's docs state is the runtime's constant, and no runtime doc states
    /// a default (`(default 3 s)`, `at most 7 redirects`) that is not checked here.
    #[test]
    fn the_client_docs_state_the_runtime_defaults() {
        let docs = method_docs();
        let facts = doc_facts();
        for (method, fact) in &facts {
            // `Client` has getters of the builder's settings, by the same names.
            let said = docs.iter().any(|(name, doc)| name == method && doc.contains(fact.as_str()));
            assert!(said, "no method `{method}` of the runtime says {fact:?}");
        }
        for (method, doc) in &docs {
            for stated in stated_defaults(doc) {
                let checked = facts.iter().any(|(name, fact)| name == method && *fact == stated);
                assert!(checked, "`{method}` states {stated:?}, which no test checks");
            }
        }
    }

    /// The defaults a doc states: `(default …)` up to its `)` or `;`, and `at most N …`.
    fn stated_defaults(doc: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (at, _) in doc.match_indices("(default ") {
            let rest = &doc[at..];
            let end = rest.find([')', ';']).map_or(rest.len(), |end| end + 1);
            found.push(rest[..end].to_owned());
        }
        const NUMBER_WORDS: [&str; 12] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve",
        ];
        for (at, _) in doc.match_indices("at most ") {
            let words: Vec<&str> = doc[at..].split(' ').take(4).collect();
            let count = words.get(2).copied().unwrap_or_default();
            if count.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORDS.contains(&count) {
                let phrase = words.join(" ");
                found.push(phrase.trim_end_matches(|c: char| !c.is_alphanumeric()).to_owned());
            }
        }
        found
    }

    #[test]
    fn stated_defaults_are_found_in_any_form() {
        let doc = "Waits (default 3 s). Tries (default 2; 0 never), at most (default 4) pages \
                   and at most five redirects.";
        assert_eq!(
            stated_defaults(doc),
            ["(default 3 s)", "(default 2;", "(default 4)", "at most five redirects"]
        );
    }

    /// The hand-written root README states the same facts as the generated one.
    #[test]
    fn the_root_readme_states_the_runtime_facts() {
        let readme = include_str!("../../../README.md");
        let readme: String = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        let missing: Vec<String> = retry_facts()
            .into_iter()
            .chain(limit_facts())
            .filter(|fact| !readme.contains(fact.as_str()))
            .collect();
        assert!(missing.is_empty(), "README.md does not say: {missing:#?}");
        // What it once said, while 501 and 505 were never retried.
        assert!(!readme.contains("5XX answers"), "README.md says 5XX answers are retried");
    }
}
