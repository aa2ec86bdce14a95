//! Rust source text from a `proc_macro2::TokenStream`, laid out as rustfmt would in the shapes
//! generated code has, without building a syntax tree.
//!
//! The generator used to parse every file it made back into `syn`'s tree for prettyplease to
//! print: half of its time. This prints the tokens directly, in three passes over one flat list
//! (`tokens`): how each token is spaced and what each brace holds (`roles`), then where lines
//! break (`layout`). The text always lexes back into the same tokens (doc attributes become
//! `///` and `//!` comments of the same value), so layout can only change how code looks.

mod doc;
mod layout;
mod roles;
mod tokens;

use proc_macro2::TokenStream;

/// The lines a formatted file keeps to, where its tokens allow.
pub const MAX_WIDTH: usize = 100;

/// Formats `tokens` as the items of a file (or a run of them), one per line, each line ended.
pub fn format(tokens: TokenStream) -> String {
    let tokens = tokens::Tokens::new(tokens);
    let roles = roles::Roles::new(&tokens);
    layout::print(&tokens, &roles)
}

/// The value of a Rust string literal as `proc_macro2` writes it (`"…"` with escapes, or raw),
/// or `None` for any other literal; for tests that compare doc attributes with doc comments.
pub fn string_value(literal: &str) -> Option<String> {
    doc::string_value(literal)
}
