//! The last check before files leave the generator: no doc comment of the crate holds a code
//! block that rustdoc would compile or run, other than the generator's own `no_run` examples.
//!
//! `spec_text` makes spec text safe piece by piece; this reads the finished files as rustdoc
//! will, doc comments joined per item, so a piece that slipped past it, or two pieces that only
//! together open a block, fail the run instead of reaching a user's `cargo test`.

use super::spec_text::only_safe_blocks;

/// Whether the file at `path` (or a run of whole items of it) holds no doc comment with a block
/// that is neither `text` nor ours.
pub fn is_safe(path: &str, contents: &str) -> bool {
    if path.ends_with(".md") {
        return only_safe_blocks(contents);
    }
    if !path.ends_with(".rs") || path.starts_with("src/runtime/") {
        return true;
    }
    doc_comments(contents).is_some_and(|docs| docs.iter().all(|doc| only_safe_blocks(doc)))
}

/// The text of each run of `///` or `//!` lines, as rustdoc joins them; `None` if a doc is
/// written another way, which this check does not read. prettyplease writes a doc attribute
/// as a comment line, on a line of its own, unless its text holds a line break or an outer
/// doc's text starts with `/` (`////` would be a plain comment); those it writes as a block comment
/// (`/** … */`, `/*! … */`) or leaves an attribute. `spec_text` makes a doc line by line, each
/// empty or starting with a space, so neither is ever written, and the generator writes no
/// other comments; only the crate docs' `include_str!` of the README, checked as a file of its
/// own, is an attribute.
fn doc_comments(source: &str) -> Option<Vec<String>> {
    let mut docs = Vec::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with(['/', '#']) {
            docs.extend(current.take());
            continue;
        }
        let attribute = trimmed.strip_prefix("#[doc").or_else(|| trimmed.strip_prefix("#![doc"));
        let attribute = attribute.is_some_and(|rest| rest.trim_start().starts_with('='))
            && trimmed != "#![doc = include_str!(\"../README.md\")]";
        if attribute || trimmed.starts_with("/*") {
            return None;
        }
        let text = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!"));
        match (text, &mut current) {
            (Some(text), Some(doc)) => {
                doc.push('\n');
                doc.push_str(text.strip_prefix(' ').unwrap_or(text));
            }
            (Some(text), None) => current = Some(text.strip_prefix(' ').unwrap_or(text).into()),
            (None, _) => docs.extend(current.take()),
        }
    }
    docs.extend(current);
    Some(docs)
}

#[cfg(test)]
mod tests {
    use super::is_safe;

    #[test]
    fn blocks_split_over_lines_of_one_comment_are_found() {
        assert!(is_safe("src/a.rs", "/// ```no_run\n/// f();\n/// ```\nfn a() {}\n"));
        assert!(!is_safe("src/b.rs", "/// Text.\n///\n///     run();\nfn b() {}\n"));
        assert!(!is_safe("README.md", "```should_panic\nrun();\n```\n"));
    }

    #[test]
    fn docs_written_as_attributes_or_blocks_are_refused_unread() {
        assert!(!is_safe("src/a.rs", "#[doc = \"```\\nrun();\\n```\"]\nfn a() {}\n"));
        assert!(!is_safe("src/a.rs", "#![doc = \"text\"]\n"));
        assert!(!is_safe("src/a.rs", "/**\n```\nrun();\n```\n*/\nfn a() {}\n"));
        assert!(!is_safe("src/a.rs", "/*! Text. */\n"));
        assert!(is_safe(
            "src/lib.rs",
            "#![doc = include_str!(\"../README.md\")]\n#[doc(hidden)]\npub use a::b;\n"
        ));
    }
}
