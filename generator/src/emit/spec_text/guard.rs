//! The check that no spec text became a code block rustdoc would compile or run.
//!
//! The line-by-line rewrite in `markdown` is what makes docs read well; this module is what makes
//! them safe. It parses the result with pulldown-cmark, the parser rustdoc uses, and accepts
//! only fenced blocks labelled `text` (rustdoc's label for "not Rust") and, in text the generator
//! assembled, its own `no_run` examples. Anything else is written flat: one space between words
//! and every backtick and tilde escaped, which leaves markdown no way to open a code block.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

use super::markdown::{inline, sanitize};

/// The label every code block from the spec gets.
const SPEC_LABEL: &str = "text";

/// The labels of the generator's own examples, which are compiled but not run.
const OUR_LABELS: [&str; 2] = ["no_run", "rust,no_run"];

/// A spec description, rewritten for rustdoc, or flat when the rewrite is not provably safe.
pub fn prose(spec_text: &str) -> String {
    let rewritten = sanitize(spec_text);
    if blocks_only_labelled(&rewritten, &[SPEC_LABEL]) {
        rewritten
    } else {
        flat(spec_text)
    }
}

/// A whole doc the generator assembled from its own words and escaped spec text. Its own parts
/// never hold other blocks, so anything else means spec text slipped through: all of it is
/// then written flat, examples included.
pub fn whole(text: &str) -> String {
    if only_safe_blocks(text) {
        text.to_owned()
    } else {
        flat(text)
    }
}

/// Whether every code block in `markdown` is labelled `text` or is one of the generator's own.
pub fn only_safe_blocks(markdown: &str) -> bool {
    let mut allowed = OUR_LABELS.to_vec();
    allowed.push(SPEC_LABEL);
    blocks_only_labelled(markdown, &allowed)
}

/// The ways markdown is read: rustdoc's own options (`main_body_opts` in its source: tables,
/// footnotes, strikethrough, task lists, smart punctuation), plain CommonMark, and every
/// extension. Text is safe only if it is safe however it is read, so an extension that hides a
/// block from one reading (a YAML metadata block is not a thematic break and an indented block
/// to rustdoc) cannot hide it from the check.
fn readings() -> [Options; 3] {
    let rustdoc = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION;
    [rustdoc, Options::empty(), Options::all()]
}

/// Whether every code block in `markdown`, at any depth (lists, quotes, footnotes, tables), is
/// fenced with one of `labels`, in every reading.
fn blocks_only_labelled(markdown: &str, labels: &[&str]) -> bool {
    readings().into_iter().all(|options| {
        Parser::new_ext(markdown, options).all(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(label))) => {
                labels.contains(&label.as_ref())
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => false,
            _ => true,
        })
    })
}

/// Text with no code block at all: each line a paragraph of its own, whitespace inside it
/// collapsed (no indentation, so no indented block), backticks and tildes escaped (so no fence).
fn flat(text: &str) -> String {
    let lines = text.lines().map(|line| {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = String::with_capacity(words.len());
        for c in inline(&words).chars() {
            if matches!(c, '`' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    });
    lines.filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::{blocks_only_labelled, prose, whole};

    /// Every block rustdoc would test, written as an attacker would put it in a description.
    const RUNNABLE: [&str; 16] = [
        "```\nrun()\n```",
        "```rust\nrun()\n```",
        "```should_panic\nrun()\n```",
        "```no_run\nrun()\n```",
        "```edition2021\nrun()\n```",
        "```ignore,should_panic\nrun()\n```",
        "```should_panic,text\nrun()\n```",
        "````\n```\nrun()\n````",
        "text\n\n    run()",
        "> ```should_panic\n> run()\n> ```",
        "- item\n\n      run()",
        "1. ```rust\n   run()\n   ```",
        // Metadata blocks to some readers, a rule and an indented block to rustdoc.
        "Hi.\n\n---\n    run()\n---",
        "Hi.\n\n+++\n\n    run()\n+++",
        "# Heading\n    run()",
        "```json\n{}\n```\n    run()",
    ];

    #[test]
    fn no_spec_block_is_left_runnable() {
        for attack in RUNNABLE {
            assert!(!blocks_only_labelled(attack, &["text"]), "the parser misses {attack:?}");
            let safe = prose(attack);
            assert!(blocks_only_labelled(&safe, &["text"]), "{attack:?} became {safe:?}");
            assert!(safe.contains("run()"), "{attack:?} lost its text: {safe:?}");
        }
    }

    #[test]
    fn nested_blocks_are_written_flat() {
        let safe = prose("[^1]: ```should_panic\n    run()\n    ```");
        assert_eq!(safe, "\\[^1\\]: \\`\\`\\`should_panic\n\nrun()\n\n\\`\\`\\`");
    }

    #[test]
    fn our_examples_survive_but_a_smuggled_block_flattens_all() {
        let ours = "Call it:\n\n```no_run\nf();\n```";
        assert_eq!(whole(ours), ours);
        let smuggled = format!("{ours}\n\n```should_panic\nrun()\n```");
        assert!(blocks_only_labelled(&whole(&smuggled), &[]));
    }
}
