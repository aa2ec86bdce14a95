//! `src/operations/*.rs`: per tag, an accessor on `Client` and a request builder per operation.
//! One file per tag, so a spec change to one tag's operations leaves the other tags' files
//! untouched, and the reviewed diff of the crate stays small.
//!
//! Builders are declarations plus calls into the runtime's `Draft` and futures; the sending,
//! decoding and error handling all live in the runtime, so each operation costs a few lines of
//! code, with no `async fn` and no `?` (rustc's cost for a big API's crate is mostly the MIR of
//! every body, and coroutines and early returns are the largest part of an operation's).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::Features;
use super::spec_text::{doc_attrs, Doc};
use super::{ident, large_variants, rust_type};
use crate::model::{
    Api, Body, CaseBody, Group, GroupBy, Operation, Pagination, Param, ParamEncoding,
    ParamLocation, ParamStyle, PathPart, StatusCase, Success, TypeRef,
};

pub fn mod_rs(api: &Api) -> TokenStream {
    let modules = api.groups.iter().map(|group| {
        let module = ident(&group.module);
        let type_name = ident(&group.type_name);
        let docs = group_summary(group).attrs();
        let cfg = Features::of_group(group);
        // `self::`, as a tag module named like a crate (`std`, `serde`) makes a bare path ambiguous.
        quote! { #docs #cfg pub mod #module; #cfg pub use self::#module::#type_name; }
    });
    quote! {
        //! The API's operations, one module per tag (per resource for
        //! untagged ones), each reached through an accessor on
        //! [`Client`](crate::Client).
        #(#modules)*
    }
}

/// `krate` is the crate's name in Rust code, for doc examples.
pub fn group_rs(krate: &str, api: &Api, group: &Group) -> TokenStream {
    let type_name = ident(&group.type_name);
    let accessor = ident(&group.module);
    let module_docs = group_summary(group).inner_attrs();
    let group_docs = Doc::new().prose(group.docs.as_deref().unwrap_or_default()).attrs();
    let accessor_docs = group_summary(group).attrs();
    let constructors = group.operations.iter().map(|op| constructor(krate, api, group, op));
    let builders = group.operations.iter().map(builder);
    let spawnable = super::spawnable::assertions(group);
    quote! {
        #module_docs
        use crate::runtime::{PathPart, Request, RequestOptions};
        use crate::{BodyFuture, Client, Error, ResponseFuture};

        #group_docs
        #[derive(Debug, Clone, Copy)]
        #[non_exhaustive]
        pub struct #type_name<'a> {
            client: &'a Client,
        }

        impl Client {
            #accessor_docs
            pub fn #accessor(&self) -> #type_name<'_> {
                #type_name { client: self }
            }
        }

        impl<'a> #type_name<'a> {
            #(#constructors)*
        }

        #(#builders)*

        #spawnable
    }
}

/// The method on the group that starts a request: positional arguments in, builder out.
fn constructor(krate: &str, api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.builder);
    let docs = operation_docs(krate, api, group, op).attrs();
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for param in &op.params {
        let name = ident(&param.name);
        if param.is_positional() {
            let (arg_ty, into) = argument(&param.ty);
            args.push(quote!(#name: #arg_ty));
            inits.push(if into { quote!(#name: #name.into()) } else { quote!(#name) });
        } else {
            inits.push(quote!(#name: None));
        }
    }
    match &op.body {
        Some(body) if op.body_required => {
            let (arg_ty, _, into) = body_types(body);
            args.push(quote!(body: #arg_ty));
            inits.push(if into { quote!(body: body.into()) } else { quote!(body) });
        }
        Some(_) => inits.push(quote!(body: None)),
        None => {}
    }
    // Required parameters are positional, however many the spec has (clippy's limit is 7).
    let allow = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    // The builder owns a clone of the client (an `Arc`), so a request outlives the borrow.
    quote! {
        #docs
        #allow
        #deprecated
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder { client: self.client.clone(), #(#inits,)* options: RequestOptions::default() }
        }
    }
}

/// The argument type for a parameter of type `ty`, and whether it needs `.into()` to be stored.
fn argument(ty: &TypeRef) -> (TokenStream, bool) {
    let stored = api_type(ty);
    match ty {
        TypeRef::String | TypeRef::Named(_) => (quote!(impl Into<#stored>), true),
        _ => (stored, false),
    }
}

fn operation_docs(krate: &str, api: &Api, group: &Group, op: &Operation) -> Doc {
    Doc::new()
        .prose(op.summary.as_deref().unwrap_or_default())
        .prose(op.description.as_deref().unwrap_or_default())
        .code(&format!("{} {}", op.http_method.as_str(), op.path))
        .ours(" (operation ")
        .code(&op.id)
        .ours(").\n\n")
        .ours(&example(krate, api, group, op))
}

/// A `no_run` doc example of the call. The body is built from the spec's example where there is
/// one (`doc_example.rs`); the other arguments come in as the hidden function's parameters, so
/// the example compiles whatever their types take to build.
fn example(krate: &str, api: &Api, group: &Group, op: &Operation) -> String {
    let mut inputs = vec![format!("client: {krate}::Client")];
    let mut args = Vec::new();
    for param in op.params.iter().filter(|param| param.is_positional()) {
        inputs.push(format!("{}: {}", param.name, type_text(krate, api_type(&param.ty))));
        args.push(param.name.clone());
    }
    let mut built = String::new();
    // An optional body is shown only when the spec gives an example of it.
    let mut with_body = false;
    if let Some(body) = &op.body {
        match super::doc_example::body(krate, api, op) {
            Some(expression) => {
                built = format!("let body = {expression};\n");
                with_body = true;
            }
            None if op.body_required => {
                let (_, stored, _) = body_types(body);
                inputs.push(format!("body: {}", type_text(krate, stored)));
                with_body = true;
            }
            None => {}
        }
    }
    // The crate's own example of a deprecated operation is no reason for a warning.
    let allow = if op.deprecated { "# #![allow(deprecated)]\n" } else { "" };
    let call = format!("{}.send().await?", call(group, op, &args, with_body));
    let call = match op.success {
        Success::None => format!("{call};"),
        _ => format!("let response = {call};\nprintln!(\"{{response:?}}\");"),
    };
    format!(
        "# Example\n\n```no_run\n\
         {allow}\
         # async fn example({}) -> Result<(), {krate}::Error> {{\n\
         {built}\
         {call}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        inputs.join(", ")
    )
}

/// `client.images().create(body)` or, for an optional body, `client.customers().create()
/// .body(body)`: the call as written in examples, the body passed as `body` when `with_body`.
pub(super) fn call(group: &Group, op: &Operation, args: &[String], with_body: bool) -> String {
    let mut args = args.to_vec();
    let required_body = with_body && op.body_required;
    if required_body {
        args.push("body".to_owned());
    }
    let optional_body = if with_body && !required_body { ".body(body)" } else { "" };
    format!("client.{}().{}({}){optional_body}", group.module, op.method_name, args.join(", "))
}

/// A type (as spelled inside the crate) as written in a doc example, from outside it.
pub(super) fn type_text(krate: &str, ty: TokenStream) -> String {
    // Types hold no spaces but those after commas, so the token spacing is easy to undo.
    let text = ty.to_string().replace(' ', "").replace(',', ", ");
    text.replace("crate::", &format!("{krate}::"))
}

fn builder(op: &Operation) -> TokenStream {
    let builder = ident(&op.builder);
    let next = if op.params.iter().any(|param| !param.is_positional()) {
        "set optional parameters, then"
    } else {
        "ready to"
    };
    let docs = Doc::new()
        .ours("A ")
        .code(&format!("{} {}", op.http_method.as_str(), op.path))
        .ours(&format!(" request: {next} [`send`]({}::send) it.", op.builder))
        .attrs();
    let fields = op.params.iter().map(|param| {
        let name = ident(&param.name);
        let ty = api_type(&param.ty);
        if param.is_positional() {
            quote!(#name: #ty)
        } else {
            quote!(#name: Option<#ty>)
        }
    });
    let body_field = op.body.as_ref().map(|body| {
        let (_, stored, _) = body_types(body);
        if op.body_required {
            quote!(body: #stored,)
        } else {
            quote!(body: Option<#stored>,)
        }
    });
    let setters = op.params.iter().filter(|param| !param.is_positional()).map(setter);
    let body_setter = op.body.as_ref().filter(|_| !op.body_required).map(body_setter);
    let send = send(op);
    let status_enum = status_enum(op);
    quote! {
        #docs
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent"]
        #[non_exhaustive]
        pub struct #builder {
            client: Client,
            #(#fields,)*
            #body_field
            options: RequestOptions,
        }

        impl #builder {
            #(#setters)*
            #body_setter
            #send
        }

        crate::runtime::request_options!(#builder);

        #status_enum
    }
}

fn setter(param: &Param) -> TokenStream {
    let name = ident(&param.name);
    let docs = doc_attrs(&param.docs);
    let (arg_ty, into) = argument(&param.ty);
    let value = if into { quote!(value.into()) } else { quote!(value) };
    let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        pub fn #name(mut self, value: #arg_ty) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// The setter of a body the spec does not require, which is sent only when set.
fn body_setter(body: &Body) -> TokenStream {
    let (arg_ty, _, into) = body_types(body);
    let value = if into { quote!(body.into()) } else { quote!(body) };
    quote! {
        /// Sets the request body, which the API does not require: without it, none is sent.
        pub fn body(mut self, body: #arg_ty) -> Self {
            self.body = Some(#value);
            self
        }
    }
}

/// `send`, `send_with_response`, `pages` and `items` for paged lists, and the private
/// `request` they all start from.
fn send(op: &Operation) -> TokenStream {
    // The body type, and the runtime's future that sends the request and decodes it.
    let runtime = |kind: &str| {
        let kind = format_ident!("{kind}");
        quote!(ResponseFuture::#kind(self.request()))
    };
    let (output, receive) = match &op.success {
        Success::None => (quote!(()), runtime("empty")),
        Success::Json { ty, or_empty: false } => (api_type(ty), runtime("json")),
        Success::Json { ty, or_empty: true } => {
            let ty = api_type(ty);
            (quote!(Option<#ty>), runtime("json"))
        }
        Success::Bytes => (quote!(bytes::Bytes), runtime("bytes")),
        Success::Text => (quote!(String), runtime("text")),
        Success::Stream => (quote!(crate::ByteStream), runtime("stream")),
        Success::ByStatus { name, cases } => {
            let enum_name = ident(name);
            (quote!(#enum_name), by_status(&enum_name, cases))
        }
    };
    let paging = op.pagination.as_ref().map(|pagination| {
        let page = api_type(&TypeRef::Named(pagination.page().to_owned()));
        let Pagination::NextLink { item, .. } = pagination;
        let item = api_type(item);
        quote! {
            /// Every page, from the one this request asks for to the last, each fetched when
            /// the stream is polled for it. The stream ends after the first error.
            pub fn pages(self) -> impl futures_core::Stream<Item = Result<#page, Error>> + Send + Unpin + 'static {
                crate::runtime::pages(self.request())
            }

            /// Every item of every page, in order, fetching pages as the stream is polled. The
            /// stream ends after the first error.
            pub fn items(self) -> impl futures_core::Stream<Item = Result<#item, Error>> + Send + Unpin + 'static {
                crate::runtime::items::<#page>(self.request())
            }
        }
    });
    let request = request(op);
    quote! {
        /// Sends the request and returns the decoded response body. The future owns the
        /// request (and a clone of the client), so it can be spawned onto another task.
        pub fn send(self) -> BodyFuture<#output> {
            BodyFuture::new(self.send_with_response())
        }

        /// Sends the request and returns the body with the status, headers and rate limit.
        pub fn send_with_response(self) -> ResponseFuture<#output> {
            #receive
        }

        #paging
        #request
    }
}

fn request(op: &Operation) -> TokenStream {
    let method = format_ident!("{}", op.http_method.as_str());
    let (operation_id, path) = (&op.id, &op.path);
    let endpoint = quote! {
        crate::runtime::Endpoint { operation_id: #operation_id, method: reqwest::Method::#method, path: #path }
    };
    let parts = op.path_parts.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(PathPart::Literal(#text)),
        PathPart::Param(index) => {
            let param = &op.params[*index];
            let name = ident(&param.name);
            let wire = &param.wire;
            let style = match param.style {
                ParamStyle::Label { explode } => quote!(Label { explode: #explode }),
                ParamStyle::Matrix { explode } => quote!(Matrix { explode: #explode }),
                _ => quote!(Simple),
            };
            let value = match param.encoding {
                ParamEncoding::Text => quote!(&self.#name),
                ParamEncoding::Json => quote!(&crate::runtime::AsJson(&self.#name)),
            };
            quote!(PathPart::param(#wire, crate::runtime::PathStyle::#style, #value))
        }
    });
    let params =
        op.params.iter().filter(|param| param.location != ParamLocation::Path).map(param_value);
    // An optional body is sent only when set: the same statement, on what `if let` found.
    let (borrowed, owned) = match op.body_required {
        true => (quote!(&self.body), quote!(self.body)),
        false => (quote!(body), quote!(body)),
    };
    let body = op.body.as_ref().map(|body| match body {
        Body::Json(_) => quote!(request.json(#borrowed);),
        Body::Form(_) => quote!(request.form(#borrowed);),
        Body::Multipart(_) => quote!(request.multipart(#borrowed);),
        Body::Bytes(content_type) => quote!(request.bytes(#owned, #content_type);),
        Body::Text(content_type) => quote!(request.bytes(#owned.into(), #content_type);),
    });
    let body = body.map(|statement| match (op.body_required, op.body.as_ref()) {
        (true, _) => statement,
        (false, Some(Body::Bytes(_) | Body::Text(_))) => {
            quote!(if let Some(body) = self.body { #statement })
        }
        (false, _) => quote!(if let Some(body) = &self.body { #statement }),
    });
    let mutable = (op.body.is_some()
        || op.params.iter().any(|p| p.location != ParamLocation::Path))
    .then(|| quote!(mut));
    // The runtime's `Draft` keeps the first problem of any step, so no step checks for one.
    quote! {
        fn request(self) -> Result<Request, Error> {
            let #mutable request = self.client.request(#endpoint, [#(#parts),*], self.options);
            #(#params)*
            #body
            request.finish()
        }
    }
}

/// The future of `send_with_response` for 2XX statuses with different bodies: the response's
/// bytes are decoded by its status into the operation's enum, declared beside the builder, by
/// a plain function (a closure that captures nothing) that the runtime calls.
fn by_status(name: &proc_macro2::Ident, cases: &[StatusCase]) -> TokenStream {
    let arms = cases.iter().map(|case| {
        let variant = ident(&case.variant);
        let decode = match &case.body {
            CaseBody::Json(_) => {
                quote!(crate::runtime::decode_json(response).map(|r| r.map(#name::#variant)))
            }
            CaseBody::Text => {
                quote!(Ok(response.map(|body| #name::#variant(crate::runtime::text(body)))))
            }
            CaseBody::None => quote!(Ok(response.map(|_| #name::#variant))),
            CaseBody::Bytes => quote!(Ok(response.map(#name::#variant))),
        };
        (case.status, decode)
    });
    let arms: Vec<(Option<u16>, TokenStream)> = arms.collect();
    // A status the spec does not list decodes as the `2XX` range, else as the first status.
    let fallback = arms.iter().find(|(status, _)| status.is_none()).or(arms.first());
    let fallback = fallback.map(|(_, decode)| decode.clone()).unwrap_or_default();
    let listed = arms.iter().filter_map(|(status, decode)| {
        let code = proc_macro2::Literal::u16_unsuffixed((*status)?);
        Some(quote!(#code => #decode,))
    });
    quote! {
        ResponseFuture::decoded(self.request(), |response| match response.status().as_u16() {
            #(#listed)*
            _ => #fallback,
        })
    }
}

/// The enum of an operation's success bodies by status, if it has one.
fn status_enum(op: &Operation) -> Option<TokenStream> {
    let Success::ByStatus { name, cases } = &op.success else { return None };
    let docs = Doc::new()
        .ours("What a successful ")
        .code(&format!("{} {}", op.http_method.as_str(), op.path))
        .ours(" returns, by status.")
        .attrs();
    let name = ident(name);
    let variants = cases.iter().map(|case| {
        let variant = ident(&case.variant);
        let status =
            case.status.map_or_else(|| "A 2XX status".to_owned(), |code| format!("`{code}`"));
        let (docs, body) = match &case.body {
            CaseBody::Json(ty) => {
                let ty = api_type(ty);
                (format!("{status}, with its JSON body."), quote!((#ty)))
            }
            CaseBody::Text => (format!("{status}, with its text."), quote!((String))),
            CaseBody::None => (format!("{status}, with no body."), quote!()),
            CaseBody::Bytes => (format!("{status}, with its bytes."), quote!((bytes::Bytes))),
        };
        let docs = Doc::new().ours(&docs).attrs();
        quote!(#docs #variant #body)
    });
    let large_variants = large_variants();
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #large_variants
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    })
}

/// A body's argument type, its stored type, and whether the argument needs `.into()`.
fn body_types(body: &Body) -> (TokenStream, TokenStream, bool) {
    match body {
        Body::Json(ty) | Body::Form(ty) | Body::Multipart(ty) => {
            let ty = api_type(ty);
            (ty.clone(), ty, false)
        }
        Body::Bytes(_) => (quote!(impl Into<bytes::Bytes>), quote!(bytes::Bytes), true),
        Body::Text(_) => (quote!(impl Into<String>), quote!(String), true),
    }
}

/// The statement that puts a query, header or cookie parameter on the request; the runtime
/// spells the value out, whatever its type.
fn param_value(param: &Param) -> TokenStream {
    let name = ident(&param.name);
    let wire = &param.wire;
    // Every parameter is handled as an `Option`, whether it is required or not.
    let value = match (param.is_positional(), param.encoding) {
        (true, ParamEncoding::Text) => quote!(Some(&self.#name)),
        (true, ParamEncoding::Json) => quote!(Some(&crate::runtime::AsJson(&self.#name))),
        (false, ParamEncoding::Text) => quote!(self.#name.as_ref()),
        (false, ParamEncoding::Json) => {
            quote!(self.#name.as_ref().map(crate::runtime::AsJson).as_ref())
        }
    };
    match param.location {
        ParamLocation::Header => quote!(request.header(#wire, #value);),
        ParamLocation::Cookie => quote!(request.cookie(#wire, #value);),
        ParamLocation::Query | ParamLocation::Path => {
            let style = match param.style {
                ParamStyle::Repeated => quote!(Repeated),
                ParamStyle::Joined(separator) => {
                    let separator = separator.to_string();
                    quote!(Joined(#separator))
                }
                ParamStyle::DeepObject => quote!(DeepObject),
                // Path styles; `lower` never gives them to a query parameter.
                ParamStyle::Label { .. } | ParamStyle::Matrix { .. } => quote!(Repeated),
            };
            quote!(request.query(#wire, crate::runtime::Style::#style, #value);)
        }
    }
}

/// A type as named from an operations module.
fn api_type(ty: &TypeRef) -> TokenStream {
    rust_type(ty, &quote!(crate::types::))
}

/// The one-line description of a group, for its module, accessor and re-export.
fn group_summary(group: &Group) -> Doc {
    match &group.by {
        GroupBy::Tag(tag) => Doc::new().ours("Operations tagged ").code(tag).ours("."),
        GroupBy::Resource(path) => Doc::new().ours("Operations on ").code(path).ours("."),
        GroupBy::Untagged => Doc::new().ours("Operations the spec gives no tag."),
    }
}
