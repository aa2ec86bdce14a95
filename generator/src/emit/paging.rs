//! `src/paging.rs`: how each list response links to its next page, for the runtime's streams.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::Features;
use super::{ident, rust_type};
use crate::model::{Api, Field, Pagination, TypeRef};

/// Whether the API has list operations to page through, and so a `paging` module.
pub fn needed(api: &Api) -> bool {
    paginations(api).next().is_some()
}

pub fn paging_rs(api: &Api, features: &Features) -> TokenStream {
    // One impl per response type, however many operations return it.
    let by_page: BTreeMap<&str, &Pagination> =
        paginations(api).map(|p| (p.page().as_str(), p)).collect();
    let impls = by_page.values().map(|pagination| match pagination {
        Pagination::NextLink { page, items, item, next } => {
            let cfg = features.of_type(&TypeRef::Named(page.clone()));
            let page = ident(page);
            let item = rust_type(item, &quote!(crate::types::));
            let items_field = ident(&items.name);
            let items = if items.is_option() {
                quote!(self.#items_field.unwrap_or_default())
            } else {
                quote!(self.#items_field)
            };
            let link = next_link(next);
            // The fields on the way may be deprecated; following them is the crate's own use.
            quote! {
                #cfg
                #[allow(deprecated)]
                impl crate::runtime::Page for crate::types::#page {
                    type Item = #item;

                    fn next_link(&self) -> Option<&str> {
                        #link
                    }

                    fn into_items(self) -> Vec<#item> {
                        #items
                    }
                }
            }
        }
    });
    quote! {
        //! How each list response links to its next page, so that `pages()` and `items()` can
        //! follow it.
        #(#impls)*
    }
}

fn paginations(api: &Api) -> impl Iterator<Item = &Pagination> {
    api.groups.iter().flat_map(|group| &group.operations).filter_map(|op| op.pagination.as_ref())
}

/// `self.links.as_ref()?.pages.as_ref()?.next.as_deref()`, with `?` only where a field is optional.
fn next_link(path: &[Field]) -> TokenStream {
    let mut expr = quote!(self);
    let Some((last, steps)) = path.split_last() else { return quote!(None) };
    for field in steps {
        let name = ident(&field.name);
        expr = if field.is_option() { quote!(#expr.#name.as_ref()?) } else { quote!(#expr.#name) };
    }
    let name = ident(&last.name);
    if last.is_option() {
        quote!(#expr.#name.as_deref())
    } else {
        quote!(Some(#expr.#name.as_str()))
    }
}
