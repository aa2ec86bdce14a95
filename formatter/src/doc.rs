//! Doc attributes as doc comments: the value of their string literal, and whether a `///` or
//! `//!` line can carry it unchanged.

/// The value of a string literal as `proc_macro2` writes it: `"…"` with Rust's escapes, or raw
/// `r"…"`, `r#"…"#`. `None` for anything else (byte strings, suffixes, unknown escapes).
pub fn string_value(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw[hashes..].strip_prefix('"')?;
        let body = body.strip_suffix(&raw[..hashes])?.strip_suffix('"')?;
        return Some(body.to_owned());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            return None;
        }
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next()? {
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            '0' => value.push('\0'),
            c @ ('\\' | '\'' | '"') => value.push(c),
            'x' => {
                let digits: String = chars.by_ref().take(2).collect();
                let byte = u8::from_str_radix(&digits, 16).ok().filter(|b| b.is_ascii())?;
                value.push(char::from(byte));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let digits: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&digits.replace('_', ""), 16).ok()?;
                value.push(char::from_u32(code)?);
            }
            '\n' => {
                // A line continuation: the newline and the next line's leading whitespace go.
                let rest = chars.as_str().trim_start_matches([' ', '\t', '\n', '\r']);
                chars = rest.chars();
            }
            _ => return None,
        }
    }
    Some(value)
}

/// The comment line for a doc attribute of `value` (`inner` for `#![doc]`), or `None` when a
/// comment would not mean the same: a line break would end it early, and an outer doc starting
/// with `/` would make `////`, a plain comment. Trailing spaces go, as rustdoc ignores them.
pub fn comment(value: &str, inner: bool) -> Option<String> {
    if value.contains(['\n', '\r']) || (!inner && value.starts_with('/')) {
        return None;
    }
    let prefix = if inner { "//!" } else { "///" };
    Some(format!("{prefix}{}", value.trim_end_matches(' ')))
}

#[cfg(test)]
mod tests {
    use super::{comment, string_value};

    #[test]
    fn literals_are_read_as_rust_reads_them() {
        assert_eq!(
            string_value(r#""a \"b\" \\ \n \t \u{e9} \x41""#).unwrap(),
            "a \"b\" \\ \n \t é A"
        );
        assert_eq!(string_value(r###"r#"raw "quoted""#"###).unwrap(), r#"raw "quoted""#);
        assert_eq!(string_value("r\"plain\"").unwrap(), "plain");
        assert_eq!(string_value("\"one \\\n    two\"").unwrap(), "one two");
        for not_a_string in
            ["b\"bytes\"", "\"suffix\"x", "'c'", "1", "\"\\q\"", "\"\\x80\"", "\"a\"b\""]
        {
            assert_eq!(string_value(not_a_string), None, "{not_a_string}");
        }
    }

    #[test]
    fn only_docs_a_line_comment_keeps_become_one() {
        assert_eq!(comment(" Text.  ", false).unwrap(), "/// Text.");
        assert_eq!(comment("/ path", true).unwrap(), "//!/ path");
        assert_eq!(comment("/ path", false), None);
        assert_eq!(comment(" two\nlines", false), None);
        assert_eq!(comment(" carriage\r return", true), None);
    }
}
