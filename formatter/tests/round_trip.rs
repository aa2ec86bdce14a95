//! Formatting never changes tokens: every Rust file of the repository (the runtime, the
//! checked-in crate, each fixture's crate) formats into text that lexes back into the same
//! tokens (but for a trailing comma a broken list gains), and formatting that text again
//! changes nothing.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// A token as the compiler sees it: doc attributes and doc comments alike as their value.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Punct(char),
    Open(char),
    Close,
    Doc { inner: bool, value: String },
}

fn flatten(stream: TokenStream, out: &mut Vec<Token>, joints: &mut Vec<(usize, bool)>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        if let Some((doc, taken)) = doc(&trees[i..]) {
            out.push(doc);
            i += taken;
            continue;
        }
        match &trees[i] {
            TokenTree::Group(group) => {
                let open = match group.delimiter() {
                    Delimiter::Parenthesis => '(',
                    Delimiter::Bracket => '[',
                    Delimiter::Brace => '{',
                    Delimiter::None => ' ',
                };
                out.push(Token::Open(open));
                flatten(group.stream(), out, joints);
                // A broken list gains a trailing comma (only one of two or more elements).
                if out.last() == Some(&Token::Punct(',')) {
                    out.pop();
                    joints.retain(|&(at, _)| at < out.len());
                }
                out.push(Token::Close);
            }
            TokenTree::Ident(ident) => out.push(Token::Word(ident.to_string())),
            TokenTree::Literal(literal) => out.push(Token::Word(literal.to_string())),
            TokenTree::Punct(punct) => {
                // Whether two characters are one operator matters only where they would be one.
                if let Some(TokenTree::Punct(next)) = trees.get(i + 1) {
                    let pair: String = [punct.as_char(), next.as_char()].iter().collect();
                    // `> >` and `>>` close two lists of generics alike.
                    if PAIRS.contains(&pair.as_str()) && pair != ">>" {
                        joints.push((out.len(), punct.spacing() == Spacing::Joint));
                    }
                }
                out.push(Token::Punct(punct.as_char()));
            }
        }
        i += 1;
    }
}

const PAIRS: &[&str] = &[
    "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "^=", "&=",
    "|=", "<<", ">>", "..", "<-", "//", "/*", "*/",
];

fn doc(trees: &[TokenTree]) -> Option<(Token, usize)> {
    let TokenTree::Punct(hash) = trees.first()? else { return None };
    if hash.as_char() != '#' {
        return None;
    }
    let inner = matches!(trees.get(1), Some(TokenTree::Punct(bang)) if bang.as_char() == '!');
    let taken = if inner { 3 } else { 2 };
    let TokenTree::Group(group) = trees.get(taken - 1)? else { return None };
    let parts: Vec<TokenTree> = group.stream().into_iter().collect();
    let [TokenTree::Ident(name), TokenTree::Punct(_), TokenTree::Literal(value)] = &parts[..]
    else {
        return None;
    };
    if name != "doc" {
        return None;
    }
    let value = formatter::string_value(&value.to_string())?;
    Some((Token::Doc { inner, value: value.trim_end_matches(' ').to_owned() }, taken))
}

fn tokens(text: &str, path: &Path) -> (Vec<Token>, Vec<(usize, bool)>) {
    let stream: TokenStream =
        text.parse().unwrap_or_else(|e| panic!("{} does not lex: {e:?}", path.display()));
    let (mut out, mut joints) = (Vec::new(), Vec::new());
    flatten(stream, &mut out, &mut joints);
    (out, joints)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_of_the_repository_keeps_its_tokens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in
        ["generator/runtime", "generator/src", "generated", "generator/tests/fixtures", "xtask/src"]
    {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 300, "only {} files found", files.len());
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let stream: TokenStream = text.parse().unwrap();
        let formatted = formatter::format(stream);
        let (before, joints_before) = tokens(&text, path);
        let (after, joints_after) = tokens(&formatted, path);
        if before != after || joints_before != joints_after {
            let at = before
                .iter()
                .zip(&after)
                .position(|(a, b)| a != b)
                .unwrap_or(before.len().min(after.len()));
            panic!(
                "{} changes its tokens at token {at}: {:?} became {:?}\n{formatted}",
                path.display(),
                &before[at.saturating_sub(3)..(at + 3).min(before.len())],
                &after[at.saturating_sub(3)..(at + 3).min(after.len())],
            );
        }
        let again = formatter::format(formatted.parse().unwrap());
        assert_eq!(again, formatted, "{} formats differently the second time", path.display());
    }
}
