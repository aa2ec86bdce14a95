//! The public API of a generated crate as its source says it: every public item of its public
//! modules, read with `syn`, keyed by path.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;

/// Public items by path (`types::Image`, `operations::images::Images::list`).
pub type Surface = BTreeMap<String, Item>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Struct {
        non_exhaustive: bool,
        /// Public fields and their types.
        fields: BTreeMap<String, String>,
        /// Whether every field is public, so that (without `#[non_exhaustive]`) callers may
        /// build it with a struct literal, which a new field breaks.
        all_public: bool,
        /// The traits it has, derived or implemented, by name (`Serialize`, `From<&str>`).
        traits: BTreeSet<String>,
    },
    Enum {
        non_exhaustive: bool,
        /// Variants and their fields (`(String)`, `{ id: i64 }`, or nothing).
        variants: BTreeMap<String, String>,
        traits: BTreeSet<String>,
    },
    Fn {
        signature: String,
        /// The names of its arguments, which for a constructor are the required fields.
        params: Vec<String>,
        /// Whether it belongs to a type (`impl Widget { pub fn new… }`).
        method: bool,
        /// `images().list` when this is an operation: a method of a tag's accessor struct.
        operation: Option<String>,
    },
    /// Anything else public: a constant, associated constant, type alias, re-export, trait
    /// impl for a type defined elsewhere, macro in an impl.
    Other { kind: &'static str, tokens: String },
}

impl Item {
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Struct { .. } => "struct",
            Item::Enum { .. } => "enum",
            Item::Fn { operation: Some(_), .. } => "operation",
            Item::Fn { method: true, .. } => "method",
            Item::Fn { .. } => "function",
            Item::Other { kind, .. } => kind,
        }
    }
}

/// Adds the public items of one parsed file of the public module `module` to `surface`.
pub fn add_file(surface: &mut Surface, module: &str, file: &syn::File) {
    let prefix = |name: &dyn std::fmt::Display| {
        if module.is_empty() {
            name.to_string()
        } else {
            format!("{module}::{name}")
        }
    };
    // A string enum's impls come from the runtime's `str_enum!`: read as the impls it writes.
    let expanded: Vec<syn::Item> = file.items.iter().flat_map(str_enum_impls).collect();
    let items: Vec<&syn::Item> = file.items.iter().chain(&expanded).collect();
    let local_types: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let traits = implemented_traits(&items, &local_types);
    let traits_of = |name: &syn::Ident, attrs: &[syn::Attribute]| -> BTreeSet<String> {
        let implemented = traits.get(&name.to_string()).into_iter().flatten().cloned();
        derives(attrs).into_iter().chain(implemented).collect()
    };
    let accessors = tag_accessors(file);
    let mut enum_aliases: Vec<(String, String)> = Vec::new();
    for item in &items {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => {
                let fields: Vec<&syn::Field> = s.fields.iter().collect();
                let public = fields.iter().enumerate().filter(|(_, f)| is_pub(&f.vis));
                surface.insert(
                    prefix(&s.ident),
                    Item::Struct {
                        non_exhaustive: is_non_exhaustive(&s.attrs),
                        fields: public
                            .map(|(i, f)| {
                                let name =
                                    f.ident.as_ref().map_or(i.to_string(), |n| n.to_string());
                                (name, tokens(&f.ty))
                            })
                            .collect(),
                        all_public: fields.iter().all(|f| is_pub(&f.vis)),
                        traits: traits_of(&s.ident, &s.attrs),
                    },
                );
            }
            syn::Item::Enum(e) if is_pub(&e.vis) => {
                let variants =
                    e.variants.iter().map(|v| (v.ident.to_string(), tokens(&v.fields))).collect();
                surface.insert(
                    prefix(&e.ident),
                    Item::Enum {
                        non_exhaustive: is_non_exhaustive(&e.attrs),
                        variants,
                        traits: traits_of(&e.ident, &e.attrs),
                    },
                );
            }
            syn::Item::Fn(f) if is_pub(&f.vis) => {
                surface.insert(prefix(&f.sig.ident), function(&f.sig, false, None));
            }
            syn::Item::Const(c) if is_pub(&c.vis) => {
                let tokens = format!("{}: {}", c.ident, tokens(&c.ty));
                surface.insert(prefix(&c.ident), Item::Other { kind: "constant", tokens });
            }
            syn::Item::Type(t) if is_pub(&t.vis) => {
                let tokens = tokens(&t.ty);
                if local_types.contains(&tokens) {
                    enum_aliases.push((prefix(&t.ident), prefix(&tokens)));
                    continue;
                }
                surface.insert(prefix(&t.ident), Item::Other { kind: "type alias", tokens });
            }
            syn::Item::Use(u) if is_pub(&u.vis) => {
                // One entry per name, so that a name added to a `use a::{…}` is one addition.
                let mut paths = Vec::new();
                use_paths(&u.tree, String::new(), &mut paths);
                for tokens in paths {
                    surface.insert(
                        prefix(&format!("use {tokens}")),
                        Item::Other { kind: "re-export", tokens },
                    );
                }
            }
            syn::Item::Impl(block) => {
                let self_ty = type_name(&block.self_ty);
                // Methods of a type defined here are named after this module, others (such as
                // `impl Client`) after the type alone.
                let owner =
                    if local_types.contains(&self_ty) { prefix(&self_ty) } else { self_ty.clone() };
                if let Some((_, trait_path, _)) = &block.trait_ {
                    // A type defined here has its traits in its own item; a trait of the crate's
                    // runtime is not public, and neither are its impls.
                    if local_types.contains(&self_ty) || is_crate_path(trait_path) {
                        continue;
                    }
                    // Named after the type, so that it goes unmentioned when the type comes or
                    // goes with it.
                    let key = format!("{owner}::impl {}", tokens(trait_path));
                    let tokens =
                        format!("impl {} for {}", tokens(trait_path), tokens(&block.self_ty));
                    surface.insert(key, Item::Other { kind: "trait impl", tokens });
                    continue;
                }
                for member in &block.items {
                    match member {
                        syn::ImplItem::Fn(f) if is_pub(&f.vis) => {
                            let operation = accessors
                                .get(&self_ty)
                                .map(|accessor| format!("{accessor}().{}", f.sig.ident));
                            let key = format!("{owner}::{}", f.sig.ident);
                            surface.insert(key, function(&f.sig, true, operation));
                        }
                        syn::ImplItem::Const(c) if is_pub(&c.vis) => {
                            let tokens =
                                format!("{}: {} = {}", c.ident, tokens(&c.ty), tokens(&c.expr));
                            let key = format!("{owner}::{}", c.ident);
                            surface
                                .insert(key, Item::Other { kind: "associated constant", tokens });
                        }
                        syn::ImplItem::Macro(m) => {
                            let key = format!("{owner}::{}!", tokens(&m.mac.path));
                            let tokens = tokens(&m.mac);
                            surface
                                .insert(key, Item::Other { kind: "methods from a macro", tokens });
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // An alias of an enum defined here (inline enums with the same values share one) is that
    // enum under its own name, with its variants and impls: the alias and the enum can trade
    // places when a copy is added to the spec, which no caller notices.
    for (alias, target) in enum_aliases {
        let inside = format!("{target}::");
        let copies: Vec<(String, Item)> = (surface.range(target.clone()..))
            .take_while(|(key, _)| key.starts_with(&target))
            .filter(|(key, _)| **key == target || key.starts_with(&inside))
            .map(|(key, item)| (format!("{alias}{}", &key[target.len()..]), item.clone()))
            .collect();
        surface.extend(copies);
    }
}

/// The impls `str_enum!(Name, Other; Variant("wire"), …)` stands for, as they were written out
/// before the runtime's macro wrote them; none for any other item.
fn str_enum_impls(item: &syn::Item) -> Vec<syn::Item> {
    let syn::Item::Macro(m) = item else { return Vec::new() };
    if !m.mac.path.segments.last().is_some_and(|last| last.ident == "str_enum") {
        return Vec::new();
    }
    // The macro's first token is the enum's name.
    let Some(proc_macro2::TokenTree::Ident(name)) = m.mac.tokens.clone().into_iter().next() else {
        return Vec::new();
    };
    let impls: syn::File = syn::parse_quote! {
        impl #name { pub fn as_str(&self) -> &str { todo!() } }
        impl From<&str> for #name {}
        impl std::fmt::Display for #name {}
        impl serde::Serialize for #name {}
        impl<'de> serde::Deserialize<'de> for #name {}
    };
    impls.items
}

/// The modules a file declares `pub mod` (`types`, `operations`), as paths below `module`.
pub fn public_modules(module: &str, file: &syn::File) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if is_pub(&m.vis) => Some(if module.is_empty() {
                m.ident.to_string()
            } else {
                format!("{module}::{}", m.ident)
            }),
            _ => None,
        })
        .collect()
}

/// Tag structs by the `Client` method that hands them out: `impl Client { pub fn images(&self)
/// -> Images }` makes `Images` the struct whose methods are the `images()` operations.
fn tag_accessors(file: &syn::File) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(block) = item else { continue };
        if block.trait_.is_some() || type_name(&block.self_ty) != "Client" {
            continue;
        }
        for member in &block.items {
            if let syn::ImplItem::Fn(f) = member {
                if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                    found.insert(type_name(ty), f.sig.ident.to_string());
                }
            }
        }
    }
    found
}

/// Each path a `use` tree names, `runtime::{Client, Error}` as `runtime::Client` and
/// `runtime::Error`, appended to `out` after `prefix`.
fn use_paths(tree: &syn::UseTree, prefix: String, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => use_paths(&path.tree, format!("{prefix}{}::", path.ident), out),
        syn::UseTree::Name(name) => out.push(format!("{prefix}{}", name.ident)),
        syn::UseTree::Rename(rename) => {
            out.push(format!("{prefix}{} as {}", rename.ident, rename.rename))
        }
        syn::UseTree::Glob(_) => out.push(format!("{prefix}*")),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                use_paths(tree, prefix.clone(), out);
            }
        }
    }
}

fn function(sig: &syn::Signature, method: bool, operation: Option<String>) -> Item {
    // Without the comma that a signature wrapped over lines ends its arguments with (syn's
    // types are not `Clone` as the workspace builds it, so it is read again to be changed).
    let signature = match syn::parse2::<syn::Signature>(sig.to_token_stream()) {
        Ok(mut owned) => {
            owned.inputs = std::mem::take(&mut owned.inputs).into_iter().collect();
            tokens(&owned)
        }
        Err(_) => tokens(sig),
    };
    let params = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(typed) => Some(tokens(&typed.pat)),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    Item::Fn { signature, params, method, operation }
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn is_non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident("non_exhaustive"))
}

/// The traits each type defined here implements by an `impl` block, named as `derives` names
/// them (`impl serde::Serialize for A` as `Serialize`), so that a derive written out as an impl
/// changes nothing; a trait of the crate itself (`crate::runtime::…`) is not public API.
fn implemented_traits(
    items: &[&syn::Item],
    local_types: &BTreeSet<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items {
        let syn::Item::Impl(block) = item else { continue };
        let Some((_, trait_path, _)) = &block.trait_ else { continue };
        let self_ty = type_name(&block.self_ty);
        if !local_types.contains(&self_ty) || is_crate_path(trait_path) {
            continue;
        }
        let Some(last) = trait_path.segments.last() else { continue };
        // `Deserialize<'de>` is `Deserialize`; `From<&str>` keeps what it converts from.
        let only_lifetimes = match &last.arguments {
            syn::PathArguments::AngleBracketed(args) => {
                args.args.iter().all(|arg| matches!(arg, syn::GenericArgument::Lifetime(_)))
            }
            _ => true,
        };
        let name = if only_lifetimes { last.ident.to_string() } else { tokens(last) };
        found.entry(self_ty).or_default().insert(name);
    }
    found
}

fn is_crate_path(path: &syn::Path) -> bool {
    path.segments.first().is_some_and(|first| first.ident == "crate")
}

/// The traits a type derives, by their last path segment (`serde::Serialize` → `Serialize`).
fn derives(attrs: &[syn::Attribute]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                found.insert(last.ident.to_string());
            }
            Ok(())
        });
    }
    found
}

/// The last segment of a type's path, without generics (`Images<'a>` → `Images`).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => {
            path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
        }
        other => tokens(other),
    }
}

/// Code as one line, spaced the way people write it (`Option<Vec<String>>`, `&self`).
pub fn tokens(code: &dyn ToTokens) -> String {
    let spaced = code.to_token_stream().to_string();
    let mut out = spaced;
    for (from, to) in [
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" :: ", "::"),
        (":: ", "::"),
        (" ,", ","),
        ("& ", "&"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" ;", ";"),
        (" !", "!"),
        (" :", ":"),
        // A comma that ends generic arguments is layout: prettyplease writes one after the
        // last of a list it breaks over lines (`Stream<Item = Result<A, B>,>`).
        (",>", ">"),
    ] {
        out = out.replace(from, to);
    }
    out
}
