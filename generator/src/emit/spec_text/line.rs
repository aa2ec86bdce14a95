//! Spec text that must stay on one line: names, values and paths in docs, the title in
//! `Cargo.toml`, the spec's file name in header comments.

use super::markdown::inline;

/// Bidirectional controls, which rustc refuses in comments and rustdoc in docs, since they can
/// make text read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with line breaks, other control characters and bidi controls written as escapes
/// (`\n`, `\u{202e}`), so it is one visible line.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' => push_escaped(&mut out, c),
            c => push_visible(&mut out, c),
        }
    }
    out
}

/// Multi-line `text` with control characters other than line breaks and tabs, and bidi
/// controls, written as escapes: what is left is what a reader of the comment sees.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(c),
            c => push_visible(&mut out, c),
        }
    }
    out
}

fn push_visible(out: &mut String, c: char) {
    if c.is_control() || is_bidi_control(c) {
        push_escaped(out, c);
    } else {
        out.push(c);
    }
}

fn push_escaped(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", c as u32));
}

/// `text` as an inline code span on one line, delimited by one backtick more than its longest
/// run, so no backtick inside ends it.
pub fn code_span(text: &str) -> String {
    let text = one_line(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space to tell it from its delimiter.
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// `text` as running markdown on one line.
pub fn plain(text: &str) -> String {
    inline(&one_line(text))
}

/// `text` as a TOML basic string on one line, quotes included. Control characters are escaped
/// beforehand too: TOML could carry them, but cargo passes the manifest's strings to rustc in
/// environment variables (`CARGO_PKG_DESCRIPTION`), where a NUL fails every build.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(one_line(text)).to_string()
}

/// `text` for a `//`, `#` or `<!-- -->` comment: one line, and no `--` to end an HTML comment.
pub fn comment_text(text: &str) -> String {
    one_line(text).replace("--", "-\\-")
}

#[cfg(test)]
mod tests {
    use super::{code_span, comment_text, one_line, toml_string, visible};

    #[test]
    fn spec_text_stays_on_one_line() {
        assert_eq!(one_line("a\n```should_panic\nrun()"), "a\\n```should_panic\\nrun()");
        assert_eq!(one_line("x\u{202E}y\u{2066}\0"), "x\\u{202e}y\\u{2066}\\u{0}");
        assert_eq!(comment_text("spec\n--> x.yaml"), "spec\\n-\\-> x.yaml");
    }

    #[test]
    fn multi_line_text_keeps_its_lines_and_shows_the_rest() {
        assert_eq!(visible("a\u{202E}b\n\tc\u{1b}[2J"), "a\\u{202e}b\n\tc\\u{1b}[2J");
    }

    #[test]
    fn code_spans_outlast_their_backticks() {
        assert_eq!(code_span("available"), "`available`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("```x"), "```` ```x ````");
    }

    #[test]
    fn toml_strings_are_toml() {
        for title in ["plain", "quote \" and \\ and\nnewline", "e\u{301}\u{0}\u{7f}", "\u{202E}"] {
            assert!(!one_line(title).chars().any(char::is_control));
            let line = format!("x = {}", toml_string(title));
            let parsed: toml::Table = toml::from_str(&line).expect("valid TOML");
            assert_eq!(parsed["x"].as_str(), Some(one_line(title).as_str()), "{line}");
        }
    }
}
