//! Spec descriptions → `///` docs that render well and never fail `cargo doc` or doctests.
//!
//! Markdown from specs is written for web renderers. Rustdoc differs in ways that break builds:
//! unlabelled and indented code blocks are compiled as doctests, `[words]` are taken as
//! intra-doc links, bare URLs and stray HTML tags are warned about.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text`, one per line; nothing for `None` or blank text.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        Some(text) => lines_to_attrs(&sanitize(text)),
        None => TokenStream::new(),
    }
}

/// `#[doc]` attributes for text that is already valid rustdoc (written by the generator).
pub fn raw_doc_attrs(text: &str) -> TokenStream {
    lines_to_attrs(text)
}

/// `#![doc]` attributes (`//!` lines) for text written by the generator.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#![doc = #lines])* }
}

fn lines_to_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #(#[doc = #lines])* }
}

/// Lines with the leading space that `///` comments have.
fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") })
}

/// Rewrites markdown so rustdoc renders it as the spec author meant, without warnings.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    let mut indented = false;
    let mut previous_blank = true;
    for line in text.lines() {
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
                out.push("```".to_owned());
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if indented {
            if line.is_empty() || line.starts_with("    ") || line.starts_with('\t') {
                out.push(
                    line.strip_prefix("    ")
                        .or_else(|| line.strip_prefix('\t'))
                        .unwrap_or(line)
                        .to_owned(),
                );
                continue;
            }
            indented = false;
            while out.last().is_some_and(String::is_empty) {
                out.pop();
            }
            out.push("```".to_owned());
            out.push(String::new());
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|marker| trimmed.starts_with(marker))
        {
            // Only blocks labelled with a language other than Rust keep their label.
            let label = trimmed.trim_start_matches(marker).trim();
            let label = if label.is_empty() || label.contains("rust") { "text" } else { label };
            out.push(format!("```{label}"));
            fence = Some(marker.to_owned());
        } else if previous_blank
            && (line.starts_with("    ") || line.starts_with('\t'))
            && !is_list_item(trimmed)
        {
            indented = true;
            out.push("```text".to_owned());
            out.push(line.trim_start().to_owned());
        } else {
            out.push(inline(line));
        }
        previous_blank = line.is_empty();
    }
    if fence.is_some() || indented {
        out.push("```".to_owned());
    }
    out.join("\n")
}

fn is_list_item(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
}

/// Escapes what rustdoc misreads in running text, leaving `code spans` alone.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // For each open bracket: whether it starts a real markdown link.
    let mut brackets: Vec<bool> = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            // A code span is copied as it is, up to its closing backtick (or the line's end).
            let len = rest[1..].find('`').map_or(rest.len(), |end| end + 2);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if let Some(url_len) =
            bare_url_len(rest).filter(|_| !out.ends_with('(') && !out.ends_with('<'))
        {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        match c {
            // `[text](url)` and `[text][ref]` are links; any other bracket would be an intra-doc link.
            '[' => {
                let link = is_markdown_link(rest);
                brackets.push(link);
                out.push_str(if link { "[" } else { "\\[" });
            }
            ']' => out.push_str(if brackets.pop().unwrap_or(false) { "]" } else { "\\]" }),
            '<' if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                && bare_url_len(&rest[1..]).is_none() =>
            {
                out.push_str("&lt;")
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether the `[` starting `text` closes, outside code spans, with `](` or `][`.
fn is_markdown_link(text: &str) -> bool {
    let mut in_code = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '`' => in_code = !in_code,
            ']' if !in_code => {
                let after = &text[i + 1..];
                return after.starts_with('(') || after.starts_with('[');
            }
            _ => {}
        }
    }
    false
}

/// The length of an `http(s)://` URL at the start of `text`, trailing punctuation excluded.
fn bare_url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']'))
        .unwrap_or(text.len());
    Some(text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']).len())
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn unlabelled_fences_become_text() {
        assert_eq!(sanitize("a\n```\nlet x = 1;\n```\nb"), "a\n```text\nlet x = 1;\n```\nb");
        assert_eq!(sanitize("```rust\nx\n```"), "```text\nx\n```");
        assert_eq!(sanitize("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(sanitize("~~~\nx"), "```text\nx\n```");
    }

    #[test]
    fn indented_code_is_fenced() {
        assert_eq!(
            sanitize("Run:\n\n    curl -X GET x\n\nDone."),
            "Run:\n\n```text\ncurl -X GET x\n```\n\nDone."
        );
    }

    #[test]
    fn bare_urls_are_wrapped() {
        assert_eq!(sanitize("See https://docs.x.com/a."), "See <https://docs.x.com/a>.");
        assert_eq!(sanitize("[docs](https://x.com)"), "[docs](https://x.com)");
        assert_eq!(sanitize("<https://x.com>"), "<https://x.com>");
        assert_eq!(sanitize("`https://x.com`"), "`https://x.com`");
    }

    #[test]
    fn stray_brackets_and_tags_are_escaped() {
        assert_eq!(sanitize("one of [a, b]"), "one of \\[a, b\\]");
        assert_eq!(sanitize("a<br>b and </p>"), "a&lt;br>b and &lt;/p>");
        assert_eq!(sanitize("x < 3"), "x < 3");
        assert_eq!(sanitize("`[not, a, link]`"), "`[not, a, link]`");
    }

    #[test]
    fn links_may_hold_code_spans() {
        let link = "See [the `directors_provided` parameter](https://x.com/a) and [a](b).";
        assert_eq!(sanitize(link), link);
        assert_eq!(sanitize("[`a]`] x"), "\\[`a]`\\] x");
    }
}
