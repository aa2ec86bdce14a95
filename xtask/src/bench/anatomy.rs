//! What a generated `types.rs` is made of, for `bench-compile`: its items read with `syn`, each
//! counted with the type it belongs to, in the lines prettyplease prints it in (as the
//! generator does, item by item, so the count is the file's own).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::{self, Visit};
use syn::{Item, Lit, Pat};

/// What `types.rs` is made of, by top-level item (its docs and attributes included), each
/// `impl` counted with the type it is for.
#[derive(Debug, Default, PartialEq)]
pub struct Anatomy {
    pub structs: usize,
    pub struct_lines: usize,
    /// Enums with a `From<&str>` impl (written out or from `str_enum!`): open string enums.
    pub string_enums: usize,
    /// Type aliases of a string enum: inline enums with the values of another.
    pub string_enum_aliases: usize,
    pub string_enum_lines: usize,
    /// Of `string_enum_lines`, those of their `impl` blocks.
    pub string_enum_impl_lines: usize,
    /// String enums of one known value.
    pub single_value: usize,
    /// Different lists of wire values among the string enums.
    pub distinct_value_lists: usize,
    pub other_enums: usize,
    pub other_enum_lines: usize,
    pub other_lines: usize,
}

/// What the items of one type add up to.
#[derive(Default)]
struct Type {
    kind: Option<&'static str>,
    lines: usize,
    impl_lines: usize,
    from_str: bool,
    values: Vec<String>,
}

impl Anatomy {
    /// The anatomy of the Rust file `types`, or why it does not parse.
    pub fn of(types: &str) -> Result<Anatomy, String> {
        let file = syn::parse_file(types).map_err(|e| format!("types.rs does not parse: {e}"))?;
        let printed = |attrs: Vec<syn::Attribute>, items: Vec<Item>| {
            prettyplease::unparse(&syn::File { shebang: None, attrs, items }).lines().count()
        };
        let mut anatomy =
            Anatomy { other_lines: printed(file.attrs, Vec::new()), ..Anatomy::default() };
        let mut by_name: BTreeMap<String, Type> = BTreeMap::new();
        let mut aliases = Vec::new();
        for item in file.items {
            let role = role(&item);
            let lines = printed(Vec::new(), vec![item]);
            let Role::Of { name, kind, is_impl, values } = role else {
                if let Role::Alias(Some(target)) = role {
                    aliases.push(target);
                }
                anatomy.other_lines += lines;
                continue;
            };
            let found = by_name.entry(name).or_default();
            found.lines += lines;
            found.kind = kind.or(found.kind);
            if is_impl {
                found.impl_lines += lines;
            }
            if let Some(values) = values {
                found.from_str = true;
                found.values = values;
            }
        }
        anatomy.string_enum_aliases = (aliases.iter())
            .filter(|target| by_name.get(*target).is_some_and(|found| found.from_str))
            .count();
        let mut lists = BTreeSet::new();
        for mut found in by_name.into_values() {
            match (found.kind, found.from_str) {
                (Some("struct"), _) => {
                    anatomy.structs += 1;
                    anatomy.struct_lines += found.lines;
                }
                (Some("enum"), true) => {
                    anatomy.string_enums += 1;
                    anatomy.string_enum_lines += found.lines;
                    anatomy.string_enum_impl_lines += found.impl_lines;
                    anatomy.single_value += usize::from(found.values.len() == 1);
                    found.values.sort();
                    lists.insert(found.values);
                }
                (Some("enum"), false) => {
                    anatomy.other_enums += 1;
                    anatomy.other_enum_lines += found.lines;
                }
                _ => anatomy.other_lines += found.lines,
            }
        }
        anatomy.distinct_value_lists = lists.len();
        Ok(anatomy)
    }
}

/// What an item of `types.rs` is to the count.
enum Role {
    /// Part of the type `name`: its definition (`kind`), or an `impl` or macro for it, with the
    /// wire values when it makes the type a string enum.
    Of {
        name: String,
        kind: Option<&'static str>,
        is_impl: bool,
        values: Option<Vec<String>>,
    },
    /// A type alias, by the name of its target.
    Alias(Option<String>),
    Other,
}

fn role(item: &Item) -> Role {
    let of = |name: String, kind, is_impl, values| Role::Of { name, kind, is_impl, values };
    match item {
        Item::Struct(item) => of(item.ident.to_string(), Some("struct"), false, None),
        Item::Enum(item) => of(item.ident.to_string(), Some("enum"), false, None),
        Item::Impl(item) => {
            let from_str = item.trait_.as_ref().is_some_and(|(_, path, _)| {
                path.to_token_stream().to_string().replace(' ', "") == "From<&str>"
            });
            let values = from_str.then(|| string_patterns(item));
            last_name(&item.self_ty.to_token_stream())
                .map_or(Role::Other, |name| of(name, None, true, values))
        }
        Item::Macro(item)
            if item.mac.path.segments.last().is_some_and(|s| s.ident == "str_enum") =>
        {
            let values = Some(string_literals(&item.mac.tokens));
            first_name(&item.mac.tokens).map_or(Role::Other, |name| of(name, None, true, values))
        }
        Item::Type(item) => Role::Alias(last_name(&item.ty.to_token_stream())),
        _ => Role::Other,
    }
}

/// The last name of a path type such as `crate::types::Pet`.
fn last_name(tokens: &TokenStream) -> Option<String> {
    let path: syn::TypePath = syn::parse2(tokens.clone()).ok()?;
    path.path.segments.last().map(|segment| segment.ident.to_string())
}

/// The first identifier of a macro's input: the type `str_enum!` is for.
fn first_name(tokens: &TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|tree| match tree {
        TokenTree::Ident(ident) => Some(ident.to_string()),
        _ => None,
    })
}

/// Every string literal in a macro's input, at any depth: `str_enum!`'s wire values.
fn string_literals(tokens: &TokenStream) -> Vec<String> {
    let mut found = Vec::new();
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(group) => found.extend(string_literals(&group.stream())),
            TokenTree::Literal(literal) => {
                if let Ok(text) = syn::parse_str::<syn::LitStr>(&literal.to_string()) {
                    found.push(text.value());
                }
            }
            _ => {}
        }
    }
    found
}

/// The strings a `From<&str>` impl matches: its wire values.
fn string_patterns(item: &syn::ItemImpl) -> Vec<String> {
    struct Arms(Vec<String>);
    impl<'ast> Visit<'ast> for Arms {
        fn visit_arm(&mut self, arm: &'ast syn::Arm) {
            if let Pat::Lit(pattern) = &arm.pat {
                if let Lit::Str(text) = &pattern.lit {
                    self.0.push(text.value());
                }
            }
            visit::visit_arm(self, arm);
        }
    }
    let mut arms = Arms(Vec::new());
    arms.visit_item_impl(item);
    arms.0
}

#[cfg(test)]
mod tests {
    use super::Anatomy;

    /// Items as prettyplease prints them; the counts below are read off this text by hand.
    const TYPES: &str = "\
//! Request and response types.
/// A pet.
#[derive(Debug)]
pub struct Pet {
    pub kind: Kind,
}
impl Pet {
    pub fn new(kind: Kind) -> Self {
        Self { kind }
    }
}
pub enum Kind {
    Cat,
    Other(String),
}
impl From<&str> for Kind {
    fn from(value: &str) -> Self {
        match value {
            \"cat\" => Self::Cat,
            other => Self::Other(other.to_owned()),
        }
    }
}
pub enum Object {
    Cat,
    Other(String),
}
impl From<&str> for Object {
    fn from(value: &str) -> Self {
        match value {
            \"cat\" => Self::Cat,
            other => Self::Other(other.to_owned()),
        }
    }
}
pub enum Union {
    A(Pet),
}
impl std::fmt::Display for Union {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}
pub type Alias = Pet;
/// `open`
pub enum State {
    Open,
    Other(String),
}
crate::runtime::str_enum!(State, Other; Open(\"open\"));
pub type OtherState = State;
";

    #[test]
    fn the_items_are_what_prettyplease_prints() {
        let file = syn::parse_file(TYPES).unwrap();
        assert_eq!(prettyplease::unparse(&file), TYPES);
    }

    #[test]
    fn anatomy_sorts_items_by_the_type_they_belong_to() {
        assert_eq!(
            Anatomy::of(TYPES).unwrap(),
            Anatomy {
                structs: 1,
                // `Pet` (5 lines with its docs and derive) and its `impl` (5).
                struct_lines: 10,
                string_enums: 3,
                string_enum_aliases: 1,
                // `Kind` and `Object`, 4 + 8 each; `State`, 5 with its docs, and its macro, 1.
                string_enum_lines: 24 + 6,
                string_enum_impl_lines: 16 + 1,
                single_value: 3,
                // `["cat"]` twice, `["open"]`.
                distinct_value_lists: 2,
                other_enums: 1,
                // `Union`, 3, and its `Display`, 5.
                other_enum_lines: 8,
                // The module docs and the two aliases.
                other_lines: 3,
            }
        );
    }
}
