//! `src/lib.rs`: crate docs, module declarations and the few items that tie the runtime to the API.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc_attrs;
use super::rust_type;
use crate::model::Api;
use crate::Settings;

pub fn lib_rs(api: &Api, settings: &Settings) -> TokenStream {
    let docs = inner_doc_attrs(&format!(
        "A typed async client for the {} (version {}), generated from `{}`.\n\n\
         Start with [`Client`]; the operations are grouped by tag in [`operations`], and every \
         request and response type is in [`types`]. The crate's README follows.\n",
        api.title, api.version, settings.spec_path
    ));
    let base_url = api.base_url.as_deref().unwrap_or_default();
    let error_body = match &api.error_body {
        Some(ty) => rust_type(ty, &quote!(types::)),
        None => quote!(serde_json::Value),
    };
    // The runtime is copied whole, and an API without, say, string enums or query parameters
    // leaves parts of it unused; that must not warn in the generated crate.
    quote! {
        #docs
        #![doc = ""]
        #![doc = include_str!("../README.md")]
        #![forbid(unsafe_code)]

        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        #[allow(dead_code, unused_imports)]
        mod runtime;
        #[rustfmt::skip]
        pub mod types;

        pub use runtime::{Client, ClientBuilder, Error};

        /// The server the spec names first, used unless the builder is given another.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// The body of the API's error responses, as carried by [`Error::Api`].
        pub type ApiErrorBody = #error_body;
    }
}
