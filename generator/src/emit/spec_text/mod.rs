//! The one way spec text reaches a doc comment, the README, `Cargo.toml` or a header comment.
//!
//! Spec authors are not trusted. Rustdoc compiles, and `cargo test` runs, every code block of a
//! doc comment whose fence is unlabelled or carries only rustdoc's own attributes
//! (`should_panic`, `no_run`, `edition2021`, …), and every indented block. So spec text enters
//! docs only through [`Doc`]: descriptions as [`Doc::prose`] (markdown kept, every code block
//! labelled `text`), names, values and paths as [`Doc::code`] or [`Doc::plain`] (one line,
//! nothing that markdown reads as a block); the docs lowering decided for types, fields and
//! parameters, description and notes, as [`Doc::docs`] (`notes`). Whatever was built is then checked with the same
//! parser rustdoc uses ([`guard`]), and text that could still hold a runnable block is written
//! flat instead. Invisible and bidirectional characters are escaped everywhere, since rustc
//! refuses bidi controls in comments. Descriptions written in HTML are made markdown first
//! ([`markdown_from_html`], `html`, `links`), and that markdown takes the same way.

mod guard;
mod html;
mod line;
mod links;
mod markdown;
mod notes;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Docs};

pub use guard::only_safe_blocks;
pub use line::{comment_text, toml_string};

/// Markdown for one doc comment, built from the generator's own words and escaped spec text.
#[derive(Debug, Default)]
pub struct Doc {
    text: String,
}

impl Doc {
    pub fn new() -> Doc {
        Doc::default()
    }

    /// The generator's own words (never spec text): plain prose, identifiers, its own examples.
    pub fn ours(mut self, text: &str) -> Doc {
        self.text.push_str(text);
        self
    }

    /// A spec description: its markdown kept where rustdoc reads it as the author meant, every
    /// code block labelled `text`, and a blank line after it. Blank text adds nothing.
    pub fn prose(mut self, spec_text: &str) -> Doc {
        // Tabs become the four spaces markdown reads them as; rustdoc warns on tabs in docs.
        // Bidi and other controls are shown as escapes: rustc refuses bidi controls in comments.
        let text = line::visible(spec_text.trim()).replace('\t', "    ");
        if !text.is_empty() {
            self.text.push_str(&guard::prose(&text));
            self.text.push_str("\n\n");
        }
        self
    }

    /// A name, value or path from the spec as inline code, on one line.
    pub fn code(mut self, spec_text: &str) -> Doc {
        self.text.push_str(&line::code_span(spec_text));
        self
    }

    /// A title, version or number from the spec as running text, on one line.
    pub fn plain(mut self, spec_text: &str) -> Doc {
        self.text.push_str(&line::plain(spec_text));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The finished markdown, for the README.
    pub fn into_markdown(self) -> String {
        guard::whole(&self.text)
    }

    /// `#[doc]` attributes, one per line; nothing for an empty doc.
    pub fn attrs(self) -> TokenStream {
        let lines = self.lines();
        quote! { #(#[doc = #lines])* }
    }

    /// `#![doc]` attributes (`//!` lines).
    pub fn inner_attrs(self) -> TokenStream {
        let lines = self.lines();
        quote! { #(#![doc = #lines])* }
    }

    /// Lines with the leading space that `///` comments have.
    fn lines(self) -> Vec<String> {
        if self.is_empty() {
            return Vec::new();
        }
        // Markdown ends a line at a lone carriage return too; a doc comment cannot hold one.
        let mut text = self.into_markdown();
        if text.contains('\r') {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
        text.trim_end()
            .lines()
            .map(|line| if line.is_empty() { String::new() } else { format!(" {line}") })
            .collect()
    }
}

/// Rewrites every description of `api` written in HTML (Stripe's) as markdown, its relative
/// links resolved against `docs_base`, the settings file's `[docs] base_url`. The markdown is
/// still spec text: [`Doc::prose`] sanitises it like any description.
pub fn markdown_from_html(api: &mut Api, docs_base: Option<&str>) {
    api.rewrite_descriptions(|text| {
        if html::is_html(text) {
            *text = html::to_markdown(text, docs_base);
        }
    });
}

/// `#[doc]` attributes for the docs lowering decided: description and notes.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    Doc::new().docs(docs).attrs()
}

#[cfg(test)]
mod tests {
    use super::Doc;

    #[test]
    fn tabs_in_spec_text_become_spaces_so_rustdoc_and_clippy_take_the_doc() {
        // GitHub's code-scanning limits table is aligned with tabs.
        let doc =
            Doc::new().prose("| Tags per rule |\t20\t| Only 10 |\n\n\tindented").into_markdown();
        assert!(!doc.contains('\t'), "{doc:?}");
        assert!(doc.contains("| Tags per rule |    20    | Only 10 |"), "{doc:?}");
    }

    /// rustc refuses a crate whose comments hold bidi controls (`text_direction_codepoint_in_literal`
    /// is deny-by-default), and they make text read differently from what it is.
    #[test]
    fn bidi_controls_in_descriptions_are_escaped() {
        let doc = Doc::new().prose("a\u{202E}b\n\nc\u{2067}d").into_markdown();
        assert_eq!(doc, "a\\u{202e}b\n\nc\\u{2067}d\n\n");
    }

    /// A lone carriage return ends a markdown line, and no doc comment may hold one: the doc
    /// is laid out as comment lines the audit reads, not refused.
    #[test]
    fn carriage_returns_in_spec_text_end_lines() {
        let attrs = Doc::new().prose("One\rtwo\r\nthree").attrs();
        let tokens = quote::quote!(#attrs struct A;);
        let file = crate::emit::format::parse("src/a.rs", tokens, "a.yaml").unwrap();
        let formatted = crate::emit::format::print(&file);
        assert_eq!(formatted, "/// One\n/// two\n/// three\nstruct A;\n");
    }
}
