//! Spec markdown → markdown that rustdoc renders as the author meant, without warnings.
//!
//! Markdown from specs is written for web renderers. Rustdoc differs in ways that break builds
//! or run code: unlabelled, Rust-labelled and indented code blocks are compiled as doctests,
//! `[words]` are taken as intra-doc links, bare URLs and stray HTML tags are warned about. This
//! is a line-by-line rewrite; `guard` checks its result with a real markdown parser.

/// Rewrites markdown so rustdoc renders it as the spec author meant, without warnings; every
/// code block comes out fenced and labelled `text`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut indented = false;
    // Whether no paragraph is open, so that an indented line starts a code block: at the start,
    // after a blank line, and after a block that ends on its own line (a heading, a rule, a
    // fence), as the attack `---` then `    run()` relies on.
    let mut no_paragraph = true;
    // The column of the text of the list item the last line belongs to, if it does.
    let mut list_content: Option<usize> = None;
    // Whether the last line belongs to a block quote.
    let mut in_quote = false;
    for line in text.lines() {
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            let inside = line.trim_start_matches([' ', '\t', '>']);
            if open.is_closed_by(inside) {
                out.push(format!("{}{}", &line[..line.len() - inside.len()], open.marker));
                fence = None;
                no_paragraph = true;
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
        let (container, rest) = line.split_at(container_len(line));
        if let Some(open) = Fence::opened_by(rest) {
            // The label is dropped whatever it says: rustdoc runs blocks labelled with its own
            // attributes, and highlights nothing but Rust.
            out.push(format!("{container}{}text", open.marker));
            fence = Some(open);
        } else if no_paragraph
            && (line.starts_with("    ") || line.starts_with('\t'))
            && !is_list_item(trimmed)
        {
            indented = true;
            out.push("```text".to_owned());
            out.push(line.trim_start().to_owned());
        } else if in_quote && lazy_paragraph_text(trimmed) {
            // A block quote's lazy continuation, which rustdoc renders inside the quote but
            // clippy warns about: given the quote's marker.
            out.push(format!("> {}", inline(trimmed)));
            no_paragraph = false;
            continue;
        } else if let Some(column) = list_content.filter(|_| !trimmed.is_empty()) {
            // A list item's lazy continuation, which rustdoc renders as the author meant but
            // clippy warns about: indented to the item's text instead.
            let indent = line.len() - trimmed.len();
            let item = list_item_content(line);
            list_content = item.or(Some(column));
            let pad = if item.is_none() && indent < column {
                " ".repeat(column - indent)
            } else {
                String::new()
            };
            out.push(format!("{pad}{}", inline(line)));
        } else {
            list_content = list_item_content(line);
            out.push(inline(line));
        }
        if line.is_empty() {
            list_content = None;
        }
        in_quote = trimmed.starts_with('>');
        no_paragraph = line.is_empty() || ends_own_block(trimmed);
    }
    if let Some(open) = fence {
        out.push(open.marker);
    } else if indented {
        out.push("```".to_owned());
    }
    out.join("\n")
}

/// An open fenced code block: its run of backticks or tildes, which only a run of the same
/// character at least as long closes.
struct Fence {
    marker: String,
}

impl Fence {
    fn opened_by(trimmed: &str) -> Option<Fence> {
        let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = trimmed.chars().take_while(|&next| next == c).count();
        // A backtick fence's label may not hold a backtick, or the line is inline code.
        let label_ok = c == '~' || !trimmed[len..].contains('`');
        (len >= 3 && label_ok).then(|| Fence { marker: c.to_string().repeat(len) })
    }

    fn is_closed_by(&self, line: &str) -> bool {
        let trimmed = line.trim();
        let c = self.marker.chars().next().unwrap_or('`');
        trimmed.len() >= self.marker.len() && trimmed.chars().all(|next| next == c)
    }
}

/// The length of the quote markers, list markers and indentation that open `line`, after which
/// a fence may start.
fn container_len(line: &str) -> usize {
    let mut rest = line;
    loop {
        let start = rest.trim_start_matches([' ', '\t', '>']);
        match list_marker_len(start) {
            // The marker and the space after it.
            Some(len) => rest = &start[len + 1..],
            None => return line.len() - start.len(),
        }
    }
}

/// The column where the text of a list item starting on `line` begins, if one does.
fn list_item_content(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let marker = list_marker_len(trimmed)?;
    let spaces = trimmed[marker..].len() - trimmed[marker..].trim_start().len();
    Some(indent + marker + spaces.clamp(1, 4))
}

/// The length of the list marker (`-`, `*`, `+`, `1.`, `1)`) that opens `trimmed`, if a space
/// follows it.
fn list_marker_len(trimmed: &str) -> Option<usize> {
    let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if is_list_item(trimmed) {
        Some(1)
    } else if digits > 0
        && (trimmed[digits..].starts_with(". ") || trimmed[digits..].starts_with(") "))
    {
        Some(digits + 1)
    } else {
        None
    }
}

/// Whether a line (without its indentation) after a paragraph only continues it: it opens no
/// block of its own (heading, quote, list, fence, HTML, rule, table row).
fn lazy_paragraph_text(trimmed: &str) -> bool {
    let starts_block = ["#", ">", "```", "~~~", "<", "---", "***", "___", "|", "="];
    !trimmed.is_empty()
        && !starts_block.iter().any(|start| trimmed.starts_with(start))
        && list_item_content(trimmed).is_none()
}

/// Whether a line (without its indentation) is a block that ends where it ends, leaving no
/// paragraph for the next line to continue: an ATX heading, a thematic break or a setext
/// underline. Taking a line for one when it is not only fences an indented line that markdown
/// would have joined to a paragraph, which shows the same text.
fn ends_own_block(trimmed: &str) -> bool {
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    let heading = (1..=6).contains(&hashes)
        && trimmed[hashes..].chars().next().map_or(true, |c| c == ' ' || c == '\t');
    let rule = |c: char| {
        let marks = trimmed.chars().filter(|&next| next == c).count();
        marks >= 3 && trimmed.chars().all(|next| next == c || next == ' ' || next == '\t')
    };
    let underline =
        |c: char| !trimmed.is_empty() && trimmed.trim_end().chars().all(|next| next == c);
    heading || rule('-') || rule('*') || rule('_') || underline('=') || underline('-')
}

fn is_list_item(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
}

/// Escapes what rustdoc misreads in running text, leaving `code spans` alone.
pub(super) fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let link_openers = link_openers(text);
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
        // A URL already in a link or angle brackets is left alone, without measuring it: measured
        // each time, `(http://(http://…` would take quadratic time.
        let linked = out.ends_with('(') || out.ends_with('<');
        if let Some(url_len) = if linked { None } else { bare_url_len(rest) } {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        match c {
            // `[text](url)` and `[text][ref]` are links; any other bracket would be an intra-doc link.
            '[' => {
                let link = link_openers.binary_search(&(text.len() - rest.len())).is_ok();
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

/// The byte offsets, in order, of each `[` in `text` whose first `]` after it, outside code
/// spans, is followed by `(` or `[`: the brackets that open a link.
///
/// The `]` is outside a code span when an even number of backticks lies between the two, that
/// is when as many backticks, modulo two, come before each. One pass from the end keeps, for
/// each parity, the nearest `]` to the right, so a line of a million `[` takes linear time
/// where looking ahead from each would take quadratic.
fn link_openers(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'[') {
        return Vec::new();
    }
    // The parity of the backticks before the byte being looked at (first: before the end).
    let mut parity = bytes.iter().filter(|&&b| b == b'`').count() % 2;
    let mut nearest_close: [Option<usize>; 2] = [None, None];
    let mut openers = Vec::new();
    for (at, &byte) in bytes.iter().enumerate().rev() {
        if byte == b'`' {
            parity ^= 1;
        }
        match byte {
            b']' => nearest_close[parity] = Some(at),
            b'[' => {
                let close = nearest_close[parity];
                if close.is_some_and(|close| matches!(bytes.get(close + 1), Some(b'(' | b'['))) {
                    openers.push(at);
                }
            }
            _ => {}
        }
    }
    openers.reverse();
    openers
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
        assert_eq!(sanitize("```json\n{}\n```"), "```text\n{}\n```");
        assert_eq!(sanitize("~~~\nx"), "~~~text\nx\n~~~");
    }

    #[test]
    fn fences_close_as_commonmark_says() {
        // A longer fence holds shorter ones; a labelled line never closes a block.
        assert_eq!(sanitize("````\n```\nx\n````"), "````text\n```\nx\n````");
        assert_eq!(sanitize("```\n```rust\nx\n```"), "```text\n```rust\nx\n```");
        assert_eq!(sanitize("~~~\n```\n~~~"), "~~~text\n```\n~~~");
    }

    #[test]
    fn fences_in_quotes_and_lists_are_relabelled() {
        assert_eq!(sanitize("> ```rust\n> x\n> ```"), "> ```text\n> x\n> ```");
        assert_eq!(sanitize("1. ```should_panic\n   x\n   ```"), "1. ```text\n   x\n   ```");
        assert_eq!(sanitize("- > ~~~\n  > x\n  > ~~~"), "- > ~~~text\n  > x\n  > ~~~");
    }

    #[test]
    fn indented_code_is_fenced() {
        assert_eq!(
            sanitize("Run:\n\n    curl -X GET x\n\nDone."),
            "Run:\n\n```text\ncurl -X GET x\n```\n\nDone."
        );
    }

    #[test]
    fn indented_code_after_a_block_of_its_own_line_is_fenced() {
        assert_eq!(sanitize("---\n    run()\n---"), "---\n```text\nrun()\n```\n\n---");
        assert_eq!(sanitize("# Title\n    run()"), "# Title\n```text\nrun()\n```");
        assert_eq!(sanitize("```\nx\n```\n    run()"), "```text\nx\n```\n```text\nrun()\n```");
        // A paragraph's indented continuation stays in the paragraph.
        assert_eq!(sanitize("Text\n    more"), "Text\n    more");
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
    fn lazy_quote_continuations_get_the_quote_marker() {
        // GitHub's notes: the last line belongs to the quote, as markdown reads it.
        assert_eq!(
            sanitize("Lists.\n> [!NOTE]\n>    Both kinds.\nUnauthorized users.\n\nAfter."),
            "Lists.\n> \\[!NOTE\\]\n>    Both kinds.\n> Unauthorized users.\n\nAfter."
        );
        // A heading or a list after a quote starts a block of its own.
        assert_eq!(sanitize("> a\n# b"), "> a\n# b");
        assert_eq!(sanitize("> a\n- b"), "> a\n- b");
    }

    #[test]
    fn lazy_list_continuations_are_indented() {
        assert_eq!(sanitize("* one\ntwo\n\nthree"), "* one\n  two\n\nthree");
        assert_eq!(sanitize("10. one\ntwo\n- three\nfour"), "10. one\n    two\n- three\n  four");
        assert_eq!(sanitize("- one\n  two"), "- one\n  two");
    }

    /// Brackets and URLs that each ask for a look ahead: at a million of them, anything but a
    /// linear pass would not finish (the timing is `bench-hostile`'s; this pins the output).
    #[test]
    fn long_runs_of_brackets_and_urls_are_escaped() {
        let brackets = "[".repeat(100_000);
        assert_eq!(sanitize(&brackets), "\\[".repeat(100_000));
        let urls = "(http://x".repeat(3);
        assert_eq!(sanitize(&urls), urls);
        assert_eq!(sanitize("[a [b](c)"), "[a [b](c)");
        assert_eq!(sanitize("[a `]` b](c) [d]"), "[a `]` b](c) \\[d\\]");
    }

    #[test]
    fn links_may_hold_code_spans() {
        let link = "See [the `directors_provided` parameter](https://x.com/a) and [a](b).";
        assert_eq!(sanitize(link), link);
        assert_eq!(sanitize("[`a]`] x"), "\\[`a]`\\] x");
    }
}
