//! A token stream as one flat list: a group's delimiters become tokens of their own, so the
//! later passes look back and ahead by index, and doc attributes become doc comments.

use std::fmt::Write;
use std::ops::Range;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ident,
    Literal,
    /// A punctuation character; `joint` when the next character was written right after it.
    Punct {
        ch: char,
        joint: bool,
    },
    /// `(`, `[` or `{`, with the index of its closing token.
    Open {
        delimiter: Delimiter,
        close: usize,
    },
    Close {
        delimiter: Delimiter,
    },
    /// A `///` or `//!` line, standing for a whole doc attribute.
    Doc,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: Kind,
    text: Range<usize>,
    /// Its width in characters, as laid out.
    pub width: usize,
}

/// The flat list, and the text of every token in one buffer.
#[derive(Debug)]
pub struct Tokens {
    pub list: Vec<Token>,
    text: String,
    /// The `#` of each doc attribute a comment could not carry, in order.
    kept_docs: Vec<usize>,
}

impl Tokens {
    pub fn new(stream: TokenStream) -> Tokens {
        let mut tokens = Tokens { list: Vec::new(), text: String::new(), kept_docs: Vec::new() };
        tokens.push_stream(stream);
        tokens
    }

    pub fn text(&self, index: usize) -> &str {
        &self.text[self.list[index].text.clone()]
    }

    /// Whether `index` is the `#` of a doc attribute kept as an attribute, as its text holds a
    /// line break.
    pub fn is_kept_doc(&self, index: usize) -> bool {
        self.kept_docs.binary_search(&index).is_ok()
    }

    pub fn is_punct(&self, index: usize, ch: char) -> bool {
        matches!(self.list.get(index), Some(Token { kind: Kind::Punct { ch: c, .. }, .. }) if *c == ch)
    }

    pub fn is_ident(&self, index: usize, name: &str) -> bool {
        matches!(self.list.get(index), Some(Token { kind: Kind::Ident, .. }))
            && self.text(index) == name
    }

    fn push_stream(&mut self, stream: TokenStream) {
        let trees: Vec<TokenTree> = stream.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            if let Some(taken) = self.push_doc(&trees[i..]) {
                i += taken;
                continue;
            }
            match &trees[i] {
                TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                    // An invisible group (an interpolated fragment) has no text of its own.
                    self.push_stream(group.stream());
                }
                TokenTree::Group(group) => {
                    let delimiter = group.delimiter();
                    let (open, close) = match delimiter {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        _ => ("{", "}"),
                    };
                    let index =
                        self.push(Kind::Open { delimiter, close: 0 }, |text| text.push_str(open));
                    self.push_stream(group.stream());
                    let end = self.push(Kind::Close { delimiter }, |text| text.push_str(close));
                    self.list[index].kind = Kind::Open { delimiter, close: end };
                }
                TokenTree::Ident(ident) => {
                    self.push(Kind::Ident, |text| write!(text, "{ident}").expect("a string"));
                }
                TokenTree::Literal(literal) => {
                    self.push(Kind::Literal, |text| write!(text, "{literal}").expect("a string"));
                }
                TokenTree::Punct(punct) => {
                    let kind = Kind::Punct {
                        ch: punct.as_char(),
                        joint: punct.spacing() == Spacing::Joint,
                    };
                    self.push(kind, |text| text.push(punct.as_char()));
                }
            }
            i += 1;
        }
    }

    /// A doc attribute at the start of `trees` (`#[doc = "…"]` or `#![doc = "…"]`) whose value
    /// a comment line keeps, pushed as that line; the number of trees it took. One a comment
    /// cannot keep is noted in `kept_docs` and left to be pushed as tokens.
    fn push_doc(&mut self, trees: &[TokenTree]) -> Option<usize> {
        let TokenTree::Punct(hash) = trees.first()? else { return None };
        if hash.as_char() != '#' {
            return None;
        }
        let inner = matches!(trees.get(1), Some(TokenTree::Punct(bang)) if bang.as_char() == '!');
        let taken = if inner { 3 } else { 2 };
        let TokenTree::Group(group) = trees.get(taken - 1)? else { return None };
        if group.delimiter() != Delimiter::Bracket {
            return None;
        }
        let parts: Vec<TokenTree> = group.stream().into_iter().collect();
        let [TokenTree::Ident(name), TokenTree::Punct(equals), TokenTree::Literal(value)] =
            &parts[..]
        else {
            return None;
        };
        if name != "doc" || equals.as_char() != '=' {
            return None;
        }
        let Some(line) =
            doc::string_value(&value.to_string()).and_then(|v| doc::comment(&v, inner))
        else {
            // Pushed as it is, its `#` next.
            self.kept_docs.push(self.list.len());
            return None;
        };
        self.push(Kind::Doc, |text| text.push_str(&line));
        Some(taken)
    }

    fn push(&mut self, kind: Kind, write: impl FnOnce(&mut String)) -> usize {
        let start = self.text.len();
        write(&mut self.text);
        let text = &self.text[start..];
        // A literal over several lines (a raw string) never fits on one.
        let width = if text.contains('\n') {
            crate::MAX_WIDTH + 1
        } else if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        self.list.push(Token { kind, text: start..self.text.len(), width });
        self.list.len() - 1
    }
}
