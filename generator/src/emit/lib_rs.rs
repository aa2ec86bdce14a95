//! `src/lib.rs`: crate docs, module declarations and the few items that tie the runtime to the API.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type;
use super::spec_text::Doc;
use crate::model::{Api, Auth};
use crate::Settings;

pub fn lib_rs(api: &Api, settings: &Settings) -> TokenStream {
    let docs = Doc::new()
        .ours("A typed async client for the ")
        .plain(&api.title)
        .ours(" (version ")
        .plain(&api.version)
        .ours("), generated from ")
        .code(&settings.spec_path)
        .ours(
            ".\n\nStart with [`Client`]; the operations are grouped by tag in [`operations`], and \
             every request and response type is in [`types`]. The crate's README follows.\n",
        )
        .inner_attrs();
    // Types that contain each other through boxes, many in one cycle (Stripe's expandable
    // fields), take rustc's drop check deeper than its default limit of 128 (error E0320).
    // Doctests are crates of their own, so they get the same limit.
    let recursion_limit = api.boxes_anything().then(|| {
        quote! {
            #![recursion_limit = "1024"]
            #![doc(test(attr(recursion_limit = "1024")))]
        }
    });
    let base_url = api.base_url.as_deref().unwrap_or_default();
    let error_body = match &api.error_body {
        Some(ty) => rust_type(ty, &quote!(types::)),
        None => quote!(serde_json::Value),
    };
    let paging = super::paging::needed(api).then(|| {
        quote! {
            #[rustfmt::skip]
            mod paging;
        }
    });
    let client = &settings.config.client;
    let from_env = (!client.token_env.is_empty()).then(|| from_env(&client.token_env));
    // The settings file's first, then the spec's, then the common ones; each once.
    let mut request_ids: Vec<String> = Vec::new();
    let named = client.request_id_headers.iter().map(|name| name.to_ascii_lowercase());
    let common = ["x-request-id", "request-id"].map(str::to_owned);
    for name in named.chain(api.request_id_headers.iter().cloned()).chain(common) {
        if !request_ids.contains(&name) {
            request_ids.push(name);
        }
    }
    let header_names = client.headers.keys().map(|name| name.to_ascii_lowercase());
    let header_values = client.headers.values();
    let auth = match &api.auth {
        Auth::None => quote!(runtime::AuthScheme::None),
        Auth::Bearer => quote!(runtime::AuthScheme::Bearer),
        Auth::Basic => quote!(runtime::AuthScheme::Basic),
        Auth::ApiKeyHeader(name) => quote!(runtime::AuthScheme::ApiKeyHeader(#name)),
        Auth::ApiKeyQuery(name) => quote!(runtime::AuthScheme::ApiKeyQuery(#name)),
        Auth::ApiKeyCookie(name) => quote!(runtime::AuthScheme::ApiKeyCookie(#name)),
    };
    quote! {
        #docs
        #![doc = ""]
        #![doc = include_str!("../README.md")]
        #![forbid(unsafe_code)]
        #recursion_limit

        // Accessors, operations and setters are named by the spec, not by clippy's conventions:
        // an operation may be called `new` or `add` without returning `Self` or being `Add`.
        #[allow(clippy::new_ret_no_self, clippy::should_implement_trait, clippy::wrong_self_convention)]
        #[rustfmt::skip]
        pub mod operations;
        #paging
        // The runtime is shared by every API, and each uses only part of it.
        #[allow(dead_code, unused_imports, unused_macros)]
        #[rustfmt::skip]
        mod runtime;
        #[rustfmt::skip]
        pub mod types;

        // Sorted as rustfmt sorts them, since `cargo fmt` formats this file.
        /// The HTTP types of this crate's API ([`Error::status`], [`Response::headers`]…),
        /// re-exported so that callers need no `http` or `reqwest` of a matching version.
        pub use reqwest::{StatusCode, header::HeaderMap};
        #[doc(hidden)]
        pub use runtime::caught_count as __caught_count;
        // Two lines, each short enough that prettyplease and rustfmt lay it out alike.
        pub use runtime::{BodyFuture, ResponseFuture};
        pub use runtime::{ByteStream, Client, ClientBuilder, Error, RateLimit, Response};
        /// The crates whose types this crate's API uses, re-exported so that callers need no
        /// matching dependency: `reqwest` ([`ClientBuilder::http_client`], errors' sources),
        /// `chrono` (dates and times), `bytes` (raw bodies), `serde_json` (free-form JSON),
        /// `serde` (the bound of `extra_body_field`) and `futures_core` (the `Stream` trait of
        /// paged lists and [`ByteStream`]).
        pub use {bytes, chrono, futures_core, reqwest, serde, serde_json};

        /// The server the spec names first, used unless the builder is given another.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// The body of the API's error responses, as carried by [`Error::Api`].
        pub type ApiErrorBody = #error_body;

        /// Where the client puts its token, from the spec's security schemes.
        const AUTH: runtime::AuthScheme = #auth;

        /// The response headers [`Response::request_id`] reads the server's id for a request
        /// from, the first present: those the settings file and the spec name, then the common
        /// ones.
        pub const REQUEST_ID_HEADERS: &[&str] = &[#(#request_ids),*];

        /// Headers sent with every request unless it sets them itself (the settings file's
        /// `client.headers`).
        const API_HEADERS: &[(&str, &str)] = &[#((#header_names, #header_values)),*];

        #from_env
    }
}

/// `Client::from_env` and `ClientBuilder::token_from_env`, for a crate whose settings file
/// names the environment variables of its token; a crate without them has neither, rather than
/// methods that can only fail.
fn from_env(names: &[String]) -> TokenStream {
    quote! {
        /// Where [`Client::from_env`] looks for the API token, in order.
        pub const TOKEN_ENV_VARS: &[&str] = &[#(#names),*];

        impl Client {
            /// A client whose token comes from the first of [`TOKEN_ENV_VARS`] that is set and
            /// not empty.
            pub fn from_env() -> Result<Client, Error> {
                Client::builder().token_from_env()?.build()
            }
        }

        impl ClientBuilder {
            /// The token from the first of [`TOKEN_ENV_VARS`] that is set and not empty; an
            /// error naming them all if none is.
            pub fn token_from_env(self) -> Result<Self, Error> {
                self.token_from_vars(TOKEN_ENV_VARS)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_crate_whose_settings_name_token_variables_reads_them() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let api = crate::lower::lowered("s.yaml", spec);
        let mut settings = Settings::new("s.yaml", "s");
        let without = lib_rs(&api, &settings).to_string();
        assert!(!without.contains("from_env") && !without.contains("TOKEN_ENV_VARS"), "{without}");
        settings.config.client.token_env = vec!["S_TOKEN".to_owned()];
        let with = lib_rs(&api, &settings).to_string();
        assert!(with.contains("pub fn from_env") && with.contains("pub fn token_from_env"));
        assert!(with.contains("TOKEN_ENV_VARS : & [& str] = & [\"S_TOKEN\"]"), "{with}");
    }
}
