//! `src/types.rs`: one Rust type per named schema, in sorted order.

use std::collections::BTreeSet;
use std::ops::Range;

use proc_macro2::TokenStream;
use quote::quote;

use super::features::Features;
use super::spec_text::{doc_attrs, Doc};
use super::{constructors, deserialize, serialize};
use super::{ident, large_variants, rust_type};
use crate::model::{
    Api, Constant, EnumVariant, Field, TypeDef, TypeKind, TypeQuery, TypeRef, Types,
    UntaggedVariant,
};

/// The types of `part` (indices in sorted order) with their impls; the first part opens the
/// file.
pub fn types_rs(api: &Api, features: &Features, part: Range<usize>) -> TokenStream {
    let module_docs = (part.start == 0).then(|| {
        quote! {
            //! Request and response types, one per schema of the spec.
        }
    });
    let types = api.types.values().skip(part.start).take(part.len()).map(|def| {
        let cfg = features.of_type(&TypeRef::Named(def.name.clone()));
        let built = (def.buildable)
            .then(|| builders(def, &api.types))
            .flatten()
            .map(|built| quote!(#cfg #built));
        let def = type_def(def, &api.types, &cfg);
        quote!(#def #built)
    });
    quote! {
        #module_docs
        #(#types)*
    }
}

/// How a caller builds a type the API takes, which `#[non_exhaustive]` keeps literals from.
fn builders(def: &TypeDef, types: &Types) -> Option<TokenStream> {
    match &def.kind {
        TypeKind::Struct { fields, additional, .. } => {
            Some(constructors::struct_impl(&def.name, fields, additional.as_ref(), types))
        }
        TypeKind::Tagged { variants, setters, .. } => {
            Some(constructors::tagged_impl(&def.name, variants, setters, types))
        }
        TypeKind::Newtype(ty) => Some(constructors::newtype_from(&def.name, ty)),
        TypeKind::StringEnum { .. } | TypeKind::Untagged { .. } | TypeKind::Alias(_) => None,
    }
}

/// The type and the impls that make it usable, each compiled under `cfg`.
fn type_def(def: &TypeDef, types: &Types, cfg: &Option<TokenStream>) -> TokenStream {
    let docs = doc_attrs(&def.docs);
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct { fields, additional, constant } => {
            let default = fields.iter().all(Field::is_option).then(|| quote!(Default,));
            // The runtime's lean coding has no place for the rest of an object's properties,
            // which serde's derive gathers by `#[serde(flatten)]`.
            let (derived, coded) = match additional {
                None => (None, Some(lean_impls(&def.name, fields, constant, cfg, types))),
                Some(_) => (Some(quote!(serde::Serialize, serde::Deserialize,)), None),
            };
            let constant = constant.as_ref().map(|constant| {
                let docs = Doc::new()
                    .docs(&constant.docs)
                    .ours("Always ")
                    .code(&constant.value)
                    .ours(" on the wire, as ")
                    .code(&constant.wire)
                    .ours(": written when encoding, checked when decoding.")
                    .attrs();
                let const_name = ident(&constant.name);
                let value = &constant.value;
                quote! {
                    #cfg
                    impl #name {
                        #docs
                        pub const #const_name: &'static str = #value;
                    }
                }
            });
            // serde's derives read the fields' attributes, and a date-time through the runtime's
            // seed as the lean impl does; the lean impls read no attribute.
            let derived_query = additional.is_some().then(|| TypeQuery::new(types));
            let fields = fields.iter().map(|field| field_tokens(field, quote!(pub), derived_query));
            let additional = additional.as_ref().map(|additional| {
                let name = ident(&additional.name);
                let ty = rust_type(&TypeRef::Map(Box::new(additional.ty.clone())), &quote!());
                quote! {
                    /// Properties beyond those named above, as sent.
                    #[serde(flatten)]
                    pub #name: #ty,
                }
            });
            quote! {
                #[derive(Debug, Clone, PartialEq, #default #derived)]
                #[non_exhaustive]
                pub struct #name { #(#fields)* #additional }
                #coded
                #constant
            }
        }
        TypeKind::StringEnum { variants, other } => string_enum(&name, variants, other, cfg),
        TypeKind::Untagged { variants } => untagged(def, variants, types, cfg),
        TypeKind::Tagged { tag, variants, other, .. } => {
            let large_variants = large_variants();
            let variants = variants.iter().map(|variant| {
                let docs = doc_attrs(&variant.docs);
                let variant_name = ident(&variant.name);
                let wire = &variant.wire;
                let fields = (variant.fields.iter())
                    .map(|field| field_tokens(field, quote!(), Some(TypeQuery::new(types))));
                let body = (!variant.fields.is_empty()).then(|| quote!({ #(#fields)* }));
                // Also a variant without fields: one may come with a later spec.
                quote! {
                    #docs
                    #[serde(rename = #wire)]
                    #[non_exhaustive]
                    #variant_name #body,
                }
            });
            let other = ident(other);
            // serde tries an `untagged` variant when no tagged one fits, and writes it as it is.
            quote! {
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                #large_variants
                #[serde(tag = #tag)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants)*
                    /// An object whose tag this crate does not know yet (or that does not fit the
                    /// variant its tag names), kept as it was sent.
                    #[serde(untagged, deserialize_with = "crate::runtime::deserialize_caught")]
                    #other(serde_json::Value),
                }
            }
        }
        TypeKind::Alias(ty) => {
            let ty = rust_type(ty, &quote!());
            quote!(pub type #name = #ty;)
        }
        TypeKind::Newtype(ty) => {
            let ty = rust_type(ty, &quote!());
            quote! {
                #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
                #[serde(transparent)]
                #[non_exhaustive]
                pub struct #name(pub #ty);
            }
        }
    };
    quote! { #cfg #docs #body }
}

/// A field of a struct or a tagged union's variant; `derived` when serde's derives code it,
/// which read its `#[serde(..)]` attributes and a date-time through the runtime's seed, `None`
/// for the lean impls, which read no attribute.
fn field_tokens(field: &Field, visibility: TokenStream, derived: Option<TypeQuery>) -> TokenStream {
    let docs = doc_attrs(&field.docs);
    let name = ident(&field.name);
    let ty = rust_type(&field.ty, &quote!());
    let ty = if field.boxed { quote!(Box<#ty>) } else { ty };
    let ty = if field.is_option() { quote!(Option<#ty>) } else { ty };
    let mut serde = Vec::new();
    if derived.is_some() && field.name != field.wire {
        let wire = &field.wire;
        serde.push(quote!(rename = #wire));
    }
    // Absent and `null` both read as `None`; `None` is left out when writing optional fields.
    if derived.is_some() && !field.required {
        serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
    }
    if let Some(seed) = derived.and_then(|query| deserialize::field_seed(field, query)) {
        let with = deserialize::deserialize_with(&seed);
        serde.push(quote!(deserialize_with = #with));
        // serde reads an absent `Option` as `None` only without a `deserialize_with`.
        if field.required && field.is_option() {
            serde.push(quote!(default));
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    quote! { #docs #deprecated #serde #visibility #name: #ty, }
}

/// A struct's written-out `Serialize` and `Deserialize`, which read no `#[serde(..)]` attribute.
fn lean_impls(
    name: &str,
    fields: &[Field],
    constant: &Option<Constant>,
    cfg: &Option<TokenStream>,
    types: &Types,
) -> TokenStream {
    let serialize = serialize::struct_impl(name, fields, constant, cfg);
    let deserialize = deserialize::struct_impls(name, fields, constant, cfg, TypeQuery::new(types));
    quote!(#serialize #deserialize)
}

/// A string enum that keeps unknown values, so a new value on the server never breaks decoding.
fn string_enum(
    name: &proc_macro2::Ident,
    variants: &[EnumVariant],
    other: &str,
    cfg: &Option<TokenStream>,
) -> TokenStream {
    let other = ident(other);
    let names: Vec<_> = variants.iter().map(|variant| ident(&variant.name)).collect();
    let wires: Vec<_> = variants.iter().map(|variant| variant.wire.as_str()).collect();
    let docs = wires.iter().map(|wire| Doc::new().code(wire).attrs());
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#docs #names,)*
            /// A value this crate does not know yet, kept as it was sent.
            #other(String),
        }

        #cfg
        crate::runtime::str_enum!(#name, #other; #(#names(#wires)),*);
    }
}

/// An untagged union, with a `From` for each variant and `Display` when all are scalars.
fn untagged(
    def: &TypeDef,
    variants: &[UntaggedVariant],
    types: &Types,
    cfg: &Option<TokenStream>,
) -> TokenStream {
    let name = &ident(&def.name);
    let names: Vec<_> = variants.iter().map(|variant| ident(&variant.name)).collect();
    let rust_types: Vec<_> =
        variants.iter().map(|variant| rust_type(&variant.ty, &quote!())).collect();
    let held: Vec<_> = (rust_types.iter().zip(variants))
        .map(|(ty, variant)| if variant.boxed { quote!(Box<#ty>) } else { ty.clone() })
        .collect();
    // A `From` per distinct Rust type, aliases seen through (two would clash), and none from
    // the union itself (core has that one); a second variant of a type is reached by name.
    let mut seen = BTreeSet::from([TypeRef::Named(def.name.clone())]);
    let query = TypeQuery::new(types);
    let unaliased: Vec<TypeRef> =
        variants.iter().map(|variant| query.unalias(&variant.ty)).collect();
    let froms = variants.iter().enumerate().filter_map(|(i, variant)| {
        if !seen.insert(unaliased[i].clone()) {
            return None;
        }
        let (variant_name, ty) = (&names[i], &rust_types[i]);
        let from_str = (unaliased[i] == TypeRef::String).then(|| {
            quote! {
                #cfg
                impl From<&str> for #name {
                    fn from(value: &str) -> Self { Self::#variant_name(value.to_owned()) }
                }
            }
        });
        let value = if variant.boxed { quote!(Box::new(value)) } else { quote!(value) };
        Some(quote! {
            #cfg
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self { Self::#variant_name(#value) }
            }
            #from_str
        })
    });
    let display = query.displays_as_wire(&TypeRef::Named(def.name.clone())).then(|| {
        quote! {
            #cfg
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self { #(Self::#names(value) => value.fmt(f),)* }
                }
            }
        }
    });
    let with = (variants.iter().zip(&unaliased)).map(|(variant, ty)| {
        let with = deserialize::seed(ty).filter(|_| !variant.boxed)?;
        let with = deserialize::deserialize_with(&with);
        Some(quote!(#[serde(deserialize_with = #with)]))
    });
    let large_variants = large_variants();
    quote! {
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #large_variants
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name { #(#with #names(#held),)* }
        #(#froms)*
        #display
    }
}
