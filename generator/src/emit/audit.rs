//! The last check before files leave the generator: no doc comment of the crate holds a code
//! block that rustdoc would compile or run, other than the generator's own `no_run` examples.
//!
//! `spec_text` makes spec text safe piece by piece; this reads the finished files as rustdoc
//! will, so a piece that slipped past it, or two pieces that only together open a block, fail
//! the run instead of reaching a user's `cargo test`. Rustdoc joins every doc attribute of an
//! item into one text, whatever other attributes stand between them, and collects doctests from
//! every item, private ones and those inside function bodies too: so does this check, on the
//! syntax tree rather than on lines.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Lit, Meta};

use super::spec_text::only_safe_blocks;

/// Whether the markdown file `contents` holds no block that is neither `text` nor ours.
pub fn markdown_is_safe(contents: &str) -> bool {
    only_safe_blocks(contents)
}

/// Whether every item of `file` (or of a run of whole items of one) has docs whose blocks are
/// all `text` or ours, read as rustdoc reads them. Docs this check cannot read (a doc attribute
/// that is not a string, a doc inside a macro's input) make the file unsafe.
pub fn rust_is_safe(file: &syn::File) -> bool {
    let mut audit = Audit { safe: true };
    audit.visit_file(file);
    audit.safe
}

struct Audit {
    safe: bool,
}

impl Audit {
    /// Checks the docs of one item, its outer and inner attributes together, as rustdoc joins
    /// them.
    fn item(&mut self, attrs: &[Attribute]) {
        if self.safe {
            self.safe = docs(attrs).is_some_and(|fragments| readings_are_safe(&fragments));
        }
    }
}

/// Each item kind's attributes checked, then its insides visited, where items may nest.
macro_rules! audited {
    ($($visit:ident($node:ty) => |$n:ident| $attrs:expr;)*) => {
        $(fn $visit(&mut self, $n: &'ast $node) {
            self.item($attrs);
            visit::$visit(self, $n);
        })*
    };
}

impl<'ast> Visit<'ast> for Audit {
    audited! {
        visit_file(syn::File) => |n| &n.attrs;
        visit_item_const(syn::ItemConst) => |n| &n.attrs;
        visit_item_enum(syn::ItemEnum) => |n| &n.attrs;
        visit_item_extern_crate(syn::ItemExternCrate) => |n| &n.attrs;
        visit_item_fn(syn::ItemFn) => |n| &n.attrs;
        visit_item_foreign_mod(syn::ItemForeignMod) => |n| &n.attrs;
        visit_item_impl(syn::ItemImpl) => |n| &n.attrs;
        visit_item_macro(syn::ItemMacro) => |n| &n.attrs;
        visit_item_mod(syn::ItemMod) => |n| &n.attrs;
        visit_item_static(syn::ItemStatic) => |n| &n.attrs;
        visit_item_struct(syn::ItemStruct) => |n| &n.attrs;
        visit_item_trait(syn::ItemTrait) => |n| &n.attrs;
        visit_item_trait_alias(syn::ItemTraitAlias) => |n| &n.attrs;
        visit_item_type(syn::ItemType) => |n| &n.attrs;
        visit_item_union(syn::ItemUnion) => |n| &n.attrs;
        visit_item_use(syn::ItemUse) => |n| &n.attrs;
        visit_impl_item_const(syn::ImplItemConst) => |n| &n.attrs;
        visit_impl_item_fn(syn::ImplItemFn) => |n| &n.attrs;
        visit_impl_item_type(syn::ImplItemType) => |n| &n.attrs;
        visit_impl_item_macro(syn::ImplItemMacro) => |n| &n.attrs;
        visit_trait_item_const(syn::TraitItemConst) => |n| &n.attrs;
        visit_trait_item_fn(syn::TraitItemFn) => |n| &n.attrs;
        visit_trait_item_type(syn::TraitItemType) => |n| &n.attrs;
        visit_trait_item_macro(syn::TraitItemMacro) => |n| &n.attrs;
        visit_foreign_item_fn(syn::ForeignItemFn) => |n| &n.attrs;
        visit_foreign_item_static(syn::ForeignItemStatic) => |n| &n.attrs;
        visit_foreign_item_type(syn::ForeignItemType) => |n| &n.attrs;
        visit_foreign_item_macro(syn::ForeignItemMacro) => |n| &n.attrs;
        visit_field(syn::Field) => |n| &n.attrs;
        visit_variant(syn::Variant) => |n| &n.attrs;
    }

    /// A macro's input is tokens, not items: a doc in it, which rustdoc would read once the
    /// macro expands, cannot be checked here, so it is refused. The generator passes macros
    /// type names only.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if holds_doc(&mac.tokens) {
            self.safe = false;
        }
        visit::visit_macro(self, mac);
    }
}

/// The text of each doc attribute of an item, in order; `None` if one is not a plain string
/// (other than the README's `include_str!`), which could hide any text.
fn docs(attrs: &[Attribute]) -> Option<Vec<String>> {
    let mut fragments = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("cfg_attr") {
            // `#[cfg_attr(…, doc = "…")]` is a doc on some builds.
            if let Meta::List(list) = &attr.meta {
                if holds_doc(&list.tokens) {
                    return None;
                }
            }
            continue;
        }
        if !attr.path().is_ident("doc") {
            continue;
        }
        match &attr.meta {
            Meta::NameValue(pair) => match &pair.value {
                Expr::Lit(expr) => match &expr.lit {
                    Lit::Str(text) => fragments.push(text.value()),
                    _ => return None,
                },
                Expr::Macro(mac) if is_readme(&mac.mac) => {}
                _ => return None,
            },
            // `#[doc(hidden)]`, `#[doc(alias = "…")]`: no text.
            Meta::List(_) => {}
            Meta::Path(_) => return None,
        }
    }
    Some(fragments)
}

/// Whether a doc's macro is `include_str!("../README.md")`, the one doc attribute that is not a
/// string: the crate docs are the README, checked as a file of its own.
fn is_readme(mac: &syn::Macro) -> bool {
    mac.path.is_ident("include_str") && mac.tokens.to_string() == "\"../README.md\""
}

/// Whether the joined docs are safe however their indentation is taken off: one space from each
/// line (what `///` comments give), and as much as every line has (rustdoc's own unindent).
/// The two differ only when every line is indented further, which the generator never writes;
/// checking both costs little and leaves nothing to how rustdoc counts.
fn readings_are_safe(fragments: &[String]) -> bool {
    if fragments.is_empty() {
        return true;
    }
    let lines: Vec<&str> = fragments.iter().flat_map(|fragment| fragment.split('\n')).collect();
    let common = (lines.iter())
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let one_space = lines.iter().map(|line| line.strip_prefix(' ').unwrap_or(line));
    let one_space = one_space.collect::<Vec<_>>().join("\n");
    let unindented = lines.iter().map(|line| line.get(common..).unwrap_or(""));
    let unindented = unindented.collect::<Vec<_>>().join("\n");
    // Most docs are indented by the one space `///` gives: one reading, read once.
    only_safe_blocks(&one_space) && (unindented == one_space || only_safe_blocks(&unindented))
}

/// Whether `tokens` hold, at any depth, `doc` as the start of an attribute (`#[doc …]`) or as
/// the key of `doc = …`.
fn holds_doc(tokens: &TokenStream) -> bool {
    let mut previous_is_hash = false;
    tokens.clone().into_iter().any(|tree| {
        let found = match &tree {
            TokenTree::Ident(ident) => ident == "doc",
            TokenTree::Group(group) => {
                let starts_doc = (group.stream().into_iter().next())
                    .is_some_and(|first| matches!(&first, TokenTree::Ident(i) if i == "doc"));
                (previous_is_hash && starts_doc) || holds_doc(&group.stream())
            }
            _ => false,
        };
        previous_is_hash = matches!(&tree, TokenTree::Punct(p) if p.as_char() == '#');
        found
    })
}

#[cfg(test)]
mod tests {
    use super::rust_is_safe;

    fn safe(source: &str) -> bool {
        rust_is_safe(&syn::parse_file(source).unwrap())
    }

    #[test]
    fn blocks_split_over_lines_of_one_comment_are_found() {
        assert!(safe("/// ```no_run\n/// f();\n/// ```\nfn a() {}\n"));
        assert!(!safe("/// Text.\n///\n///     run();\nfn b() {}\n"));
        assert!(!super::markdown_is_safe("```should_panic\nrun();\n```\n"));
    }

    /// Rustdoc joins the docs of an item across its other attributes, so what a line follows is
    /// what it follows there: after a paragraph, an indented line continues it; after a blank
    /// line, it is a block.
    #[test]
    fn docs_are_joined_across_other_attributes() {
        assert!(safe("/// Text.\n#[deprecated]\n///     more text.\nfn b() {}\n"));
        assert!(!safe("/// Text.\n///\n#[deprecated]\n///     run();\nfn b() {}\n"));
        let split = "/// ```\n#[serde(rename = \"x\")]\n/// run();\n/// ```\npub x: u8,";
        assert!(!safe(&format!("struct S {{\n{split}\n}}\n")));
    }

    /// A block doc comment is a doc attribute like any other.
    #[test]
    fn block_doc_comments_are_read() {
        assert!(!safe("/**\n```\nrun();\n```\n*/\nfn a() {}\n"));
        assert!(!safe("mod m {\n    /*!\n    ```\n    run();\n    ```\n    */\n}\n"));
    }

    #[test]
    fn docs_are_read_wherever_rustdoc_reads_them() {
        assert!(!safe("fn f() {\n    /// ```\n    /// run();\n    /// ```\n    fn g() {}\n}\n"));
        assert!(!safe("enum E {\n    /// ```\n    /// run();\n    /// ```\n    A,\n}\n"));
        assert!(!safe("impl S {\n    /// ```\n    /// run();\n    /// ```\n    fn g() {}\n}\n"));
        assert!(!safe("mod m {\n    //! ```\n    //! run();\n    //! ```\n}\n"));
    }

    #[test]
    fn docs_this_check_cannot_read_are_refused() {
        assert!(!safe("#[doc = concat!(\"```\\n\", \"run();\")]\nfn a() {}\n"));
        assert!(!safe("#[cfg_attr(all(), doc = \"```\\nrun();\\n```\")]\nfn a() {}\n"));
        assert!(!safe("m! { /// ```\n /// run();\n /// ```\n fn a() {} }\n"));
        assert!(safe("#![doc = include_str!(\"../README.md\")]\n#[doc(hidden)]\npub use a::b;\n"));
        assert!(safe("crate::runtime::request_options!(ImagesGet);\n"));
    }
}
