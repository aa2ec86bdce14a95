//! Cargo features, one per operation group and all on by default, and the `cfg` of each item:
//! a crate built with some of them compiles only those groups and the types they reach.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Group, TypeRef, Types};

/// The features, and the types whose `cfg` they spell out (`TypeDef::features`, decided by the
/// passes).
#[derive(Debug)]
pub struct Features<'a> {
    types: &'a Types,
    names: Vec<&'a str>,
}

impl<'a> Features<'a> {
    pub fn new(api: &'a Api) -> Features<'a> {
        let names = api.groups.iter().map(|group| group.feature.as_str()).collect();
        Features { types: &api.types, names }
    }

    /// The features, in group order.
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// The attribute that compiles a group's module only with its feature.
    pub fn of_group(group: &Group) -> TokenStream {
        let name = &group.feature;
        quote!(#[cfg(feature = #name)])
    }

    /// The attribute that compiles an item using `ty` only when `ty` is; `None` when always.
    pub fn of_type(&self, ty: &TypeRef) -> Option<TokenStream> {
        let name = match ty {
            TypeRef::Named(name) => name,
            TypeRef::Vec(item) | TypeRef::Map(item) => return self.of_type(item),
            _ => return None,
        };
        Some(match self.types.get(name)?.features.as_slice() {
            [] => return None,
            [name] => quote!(#[cfg(feature = #name)]),
            names => quote!(#[cfg(any(#(feature = #names),*))]),
        })
    }
}
