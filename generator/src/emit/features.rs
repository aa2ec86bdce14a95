//! Cargo features, one per operation group and all on by default, and the `cfg` of each item:
//! a crate built with some of them compiles only those groups and the types they reach.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Group, TypeQuery, TypeRef};

/// Which features compile which types.
#[derive(Debug)]
pub struct Features<'a> {
    /// The types some groups reach and others do not, with the features of those that do.
    /// A type every group reaches, or none does (the error body, a schema no operation uses),
    /// is always compiled.
    gated: BTreeMap<&'a str, BTreeSet<usize>>,
    names: Vec<&'a str>,
}

impl<'a> Features<'a> {
    pub fn new(api: &'a Api) -> Features<'a> {
        let query = TypeQuery::new(&api.types);
        let mut reached_by: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        for (index, group) in api.groups.iter().enumerate() {
            let roots = group.operations.iter().flat_map(|op| op.type_refs());
            for name in query.reachable(roots) {
                reached_by.entry(name).or_default().insert(index);
            }
        }
        // What an always compiled type uses is always compiled too: the error body's types, and
        // those of a schema no operation uses (which may use a type that some groups reach).
        let unused: Vec<TypeRef> = (api.types.keys())
            .filter(|name| !reached_by.contains_key(name.as_str()))
            .map(|name| TypeRef::Named(name.clone()))
            .collect();
        for name in query.reachable(api.error_body.iter().chain(&unused)) {
            reached_by.remove(name);
        }
        reached_by.retain(|_, groups| groups.len() < api.groups.len());
        Features { gated: reached_by, names: api.groups.iter().map(feature).collect() }
    }

    /// The features, in group order.
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// The attribute that compiles a group's module only with its feature.
    pub fn of_group(group: &Group) -> TokenStream {
        let name = feature(group);
        quote!(#[cfg(feature = #name)])
    }

    /// The attribute that compiles an item using `ty` only when `ty` is; `None` when always.
    pub fn of_type(&self, ty: &TypeRef) -> Option<TokenStream> {
        let name = match ty {
            TypeRef::Named(name) => name,
            TypeRef::Vec(item) | TypeRef::Map(item) => return self.of_type(item),
            _ => return None,
        };
        let groups = self.gated.get(name.as_str())?;
        let names: Vec<&str> = groups.iter().map(|&index| self.names[index]).collect();
        Some(match names.as_slice() {
            [name] => quote!(#[cfg(feature = #name)]),
            names => quote!(#[cfg(any(#(feature = #names),*))]),
        })
    }
}

/// A group's feature is named like its module, `image_actions`.
fn feature(group: &Group) -> &str {
    group.module.strip_prefix("r#").unwrap_or(&group.module)
}
