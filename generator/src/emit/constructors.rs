//! Constructors and setters of the types a caller builds: request bodies, parameter types, and
//! every type they contain.
//!
//! Every generated type is `#[non_exhaustive]`, so that a field or variant the spec gains later
//! breaks no caller; a caller then builds a struct with `new(required…)` and a setter per
//! optional field, and a tagged union's variant with its constructor. Response-only types stay
//! plain data. Setters are one line each and generic only through `impl Into` (and
//! `impl IntoIterator` for lists and maps), so they cost the crate's build little.

use proc_macro2::TokenStream;
use quote::quote;

use super::spec_text::{doc_attrs, Doc};
use super::{ident, rust_type};
use crate::model::{Additional, Field, TaggedVariant, TypeQuery, TypeRef, Types, VariantSetter};

/// Lints a setter's name may trip: a field may be called `to_string`, `is_public` or `add`.
fn setter_lints() -> TokenStream {
    quote!(#[allow(deprecated, clippy::wrong_self_convention, clippy::should_implement_trait)])
}

/// `new` with the required fields, and a setter per optional one.
pub fn struct_impl(
    name: &str,
    fields: &[Field],
    additional: Option<&Additional>,
    types: &Types,
) -> TokenStream {
    let type_name = ident(name);
    let (args, inits) = arguments(fields, types);
    let additional_init = additional.map(|additional| {
        let name = ident(&additional.name);
        quote!(#name: std::collections::BTreeMap::new(),)
    });
    let setters = fields.iter().filter(|field| field.is_option()).map(|field| {
        let setter = ident(&field.name);
        let docs = doc_attrs(&field.docs);
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let (arg, value) = argument(&field.ty, types, quote!(value));
        let value = if field.boxed { quote!(Box::new(#value)) } else { value };
        quote! {
            #docs
            #deprecated
            pub fn #setter(mut self, value: #arg) -> Self { self.#setter = Some(#value); self }
        }
    });
    let additional_setter = additional.map(|additional| {
        let setter = ident(&additional.name);
        let item = rust_type(&additional.ty, &quote!());
        quote! {
            /// Properties beyond those the spec names, added to those set already.
            pub fn #setter(mut self, value: impl IntoIterator<Item = (impl Into<String>, impl Into<#item>)>) -> Self {
                self.#setter.extend(value.into_iter().map(|(key, item)| (key.into(), item.into())));
                self
            }
        }
    });
    let docs = Doc::new()
        .ours("Builds a [`")
        .ours(name)
        .ours("`] from its required fields; the optional ones are set with the methods below.")
        .attrs();
    let allow_many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let lints = setter_lints();
    quote! {
        #lints
        impl #type_name {
            #docs
            #allow_many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #additional_init }
            }
            #(#setters)*
            #additional_setter
        }
    }
}

/// A constructor per variant of a tagged union, taking the variant's required fields, and a
/// setter per optional field.
pub fn tagged_impl(
    name: &str,
    variants: &[TaggedVariant],
    setters: &[VariantSetter],
    types: &Types,
) -> TokenStream {
    let type_name = ident(name);
    let constructors = variants.iter().map(|variant| {
        let constructor = ident(&variant.constructor);
        let variant_name = ident(&variant.name);
        let (args, inits) = arguments(&variant.fields, types);
        let body = (!variant.fields.is_empty()).then(|| quote!({ #(#inits,)* }));
        let docs = Doc::new()
            .ours("Builds the ")
            .code(&variant.wire)
            .ours(" variant from its required fields; the optional ones are `None`.")
            .attrs();
        let allow_many = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #docs
            #allow_many
            pub fn #constructor(#(#args),*) -> Self { Self::#variant_name #body }
        }
    });
    let setters = setters.iter().map(|setter| variant_setter(setter, variants, types));
    let lints = setter_lints();
    quote! {
        #lints
        impl #type_name { #(#constructors)* #(#setters)* }
    }
}

/// Sets an optional field on the variants that have it; on any other variant it does nothing,
/// as a setter cannot fail (`Pet::cat(name).lives(9)`).
fn variant_setter(
    setter: &VariantSetter,
    variants: &[TaggedVariant],
    types: &Types,
) -> TokenStream {
    let fields: Vec<(&TaggedVariant, &Field)> = setter
        .variants
        .iter()
        .filter_map(|name| variants.iter().find(|variant| variant.name == *name))
        .filter_map(|variant| {
            let field = variant.fields.iter().find(|field| field.name == setter.field)?;
            Some((variant, field))
        })
        .collect();
    let (arg, value) = argument(&setter.ty, types, quote!(value));
    let field_name = ident(&setter.field);
    let arms: Vec<(TokenStream, TokenStream)> = fields
        .iter()
        .map(|(variant, field)| {
            let variant_name = ident(&variant.name);
            let value = if field.boxed { quote!(Box::new(#value)) } else { value.clone() };
            // A field called `slot` is bound by its own name (rustc warns on `slot: slot`).
            let binding = (setter.field != "slot").then(|| quote!(#field_name:));
            (quote!(Self::#variant_name { #binding slot, .. }), quote!(*slot = Some(#value)))
        })
        .collect();
    // One variant is an `if let`, which clippy prefers to a `match` with one arm.
    let set = match arms.as_slice() {
        [(pattern, set)] => quote!(if let #pattern = &mut self { #set; }),
        _ => {
            let arms = arms.iter().map(|(pattern, set)| quote!(#pattern => #set,));
            quote!(match &mut self { #(#arms)* _ => {} })
        }
    };
    let first = fields.first().map(|(_, field)| *field);
    let mut doc = Doc::new();
    if let Some(field) = first {
        doc = doc.docs(&field.docs);
    }
    doc = doc.ours("Sets ").code(first.map_or("", |field| field.wire.as_str())).ours(" on the ");
    for (i, (variant, _)) in fields.iter().enumerate() {
        let last = i + 1 == fields.len();
        doc = doc
            .ours(if i == 0 {
                ""
            } else if last {
                " and "
            } else {
                ", "
            })
            .code(&variant.wire);
    }
    let doc = doc.ours(if fields.len() == 1 { " variant" } else { " variants" });
    let docs = doc.ours("; any other variant is returned as it is.").attrs();
    let deprecated =
        fields.iter().all(|(_, field)| field.deprecated).then(|| quote!(#[deprecated]));
    let setter_name = ident(&setter.name);
    quote! {
        #docs
        #deprecated
        pub fn #setter_name(mut self, value: #arg) -> Self {
            #set
            self
        }
    }
}

/// A struct around a list or map is built from what it holds.
pub fn newtype_from(name: &str, ty: &TypeRef) -> TokenStream {
    let type_name = ident(name);
    let inner = rust_type(ty, &quote!());
    quote! {
        impl From<#inner> for #type_name {
            fn from(value: #inner) -> Self { Self(value) }
        }
    }
}

/// The arguments of a constructor (the required fields) and every field's initialiser.
fn arguments(fields: &[Field], types: &Types) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for field in fields {
        let name = ident(&field.name);
        if field.is_option() {
            inits.push(quote!(#name: None));
            continue;
        }
        let (arg, value) = argument(&field.ty, types, quote!(#name));
        let value = if field.boxed { quote!(Box::new(#value)) } else { value };
        args.push(quote!(#name: #arg));
        let shorthand = name == value.to_string();
        inits.push(if shorthand { quote!(#name) } else { quote!(#name: #value) });
    }
    (args, inits)
}

/// The argument type that sets a value of type `ty`, and the expression turning the argument
/// `value` into it: `impl Into` for strings, JSON and named types, items of lists and maps
/// likewise; scalars as they are.
fn argument(ty: &TypeRef, types: &Types, value: TokenStream) -> (TokenStream, TokenStream) {
    let converts = |ty: &TypeRef| {
        matches!(
            TypeQuery::new(types).unalias(ty),
            TypeRef::String | TypeRef::Json | TypeRef::Named(_)
        )
    };
    let spelled = |ty: &TypeRef| rust_type(ty, &quote!());
    match TypeQuery::new(types).unalias(ty) {
        TypeRef::Vec(item) if converts(&item) => {
            let item = spelled(&item);
            (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(#value.into_iter().map(Into::into).collect()),
            )
        }
        TypeRef::Vec(item) => {
            let item = spelled(&item);
            (quote!(impl IntoIterator<Item = #item>), quote!(#value.into_iter().collect()))
        }
        TypeRef::Map(item) => {
            let item = spelled(&item);
            (
                quote!(impl IntoIterator<Item = (impl Into<String>, impl Into<#item>)>),
                quote!(#value.into_iter().map(|(key, item)| (key.into(), item.into())).collect()),
            )
        }
        _ if converts(ty) => {
            let ty = spelled(ty);
            (quote!(impl Into<#ty>), quote!(#value.into()))
        }
        _ => (spelled(ty), value),
    }
}
