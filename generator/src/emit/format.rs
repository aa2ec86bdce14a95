//! Generated tokens → Rust text: parsed into `syn`'s tree, printed by prettyplease.
//!
//! Parsing is also the check that the generator made Rust: tokens that do not parse are a bug
//! of the generator, reported as an internal error naming the file (which the fuzz target
//! panics on). prettyplease prints each item after the last, without blank lines between
//! them, so a file made in pieces (`types.rs`) and formatted piece by piece joins into exactly
//! the text of the whole; each piece is parsed once, on the thread that made its tokens.

use proc_macro2::TokenStream;

use crate::error::Error;

/// The tree of the Rust file at `path` (or of a run of whole items of it) from its tokens;
/// `spec_path` names the spec in the error.
pub fn parse(path: &str, tokens: TokenStream, spec_path: &str) -> Result<syn::File, Error> {
    syn::parse2::<syn::File>(tokens).map_err(|e| {
        Error::internal(spec_path, format!("the generator produced invalid Rust for {path}: {e}"))
    })
}

/// The text of a tree, as prettyplease prints it.
pub fn print(file: &syn::File) -> String {
    prettyplease::unparse(file)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn tokens_that_are_not_rust_are_the_generators_bug_named_by_file() {
        let Err(error) = super::parse("src/types.rs", quote!(struct ;), "spec.yaml") else {
            panic!("tokens that are not Rust parsed");
        };
        assert!(error.is_internal(), "{error}");
        assert!(error.to_string().contains("invalid Rust for src/types.rs"), "{error}");
    }

    #[test]
    fn doc_attributes_become_doc_comment_lines() {
        let tokens = quote!(#![doc = " Crate."] #[doc = " One."] #[doc = ""] pub struct A;);
        let text = super::print(&super::parse("src/lib.rs", tokens, "spec.yaml").unwrap());
        assert_eq!(text, "//! Crate.\n/// One.\n///\npub struct A;\n");
    }
}
