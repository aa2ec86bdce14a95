//! A struct's `Deserialize`, written out short instead of derived: serde's derive expands to
//! about 600 lines a struct, most of a big crate's `cargo check`, where this is a slot per
//! field over the runtime's `de.rs`, which reads keys, skips unknown ones and reports
//! duplicate and missing fields as the derive does.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Constant, Field, TypeQuery, TypeRef};

/// `impl Deserialize` and `impl DecodeStruct` for the struct `name` of these fields, each
/// compiled under the struct's `cfg`.
///
/// The slots are one tuple, named `slots`, and the struct is built as `Self { .. }`, so no
/// name from the spec (a field, a wire name, a type) can meet a local name of this code.
pub fn struct_impls(
    name: &str,
    fields: &[Field],
    constant: &Option<Constant>,
    cfg: &Option<TokenStream>,
    query: TypeQuery,
) -> TokenStream {
    let type_name = ident(name);
    // The constant's slot is the last, and holds `()` once its one value was read.
    let wires = (fields.iter().map(|field| field.wire.as_str()))
        .chain(constant.iter().map(|constant| constant.wire.as_str()));
    let numbers: Vec<syn::Index> = (0..fields.len()).map(syn::Index::from).collect();
    let (constant_read, constant_check) = match constant {
        Some(Constant { wire, value, .. }) => {
            let number = syn::Index::from(fields.len());
            (
                Some(quote!(fields.constant(&mut slots.#number, #value)?)),
                Some(quote!(fields.required(slots.#number, #wire)?;)),
            )
        }
        None => (None, None),
    };
    let constant_arm = constant_read.as_ref().map(|read| {
        let number = syn::Index::from(fields.len());
        quote!(#number => #read,)
    });
    let reads: Vec<TokenStream> = fields
        .iter()
        .zip(&numbers)
        .map(|(field, number)| match field_seed(field, query).map(|seed| seed.parse()) {
            Some(Ok(seed)) => {
                let seed: TokenStream = seed;
                quote!(fields.fill_with::<#seed>(&mut slots.#number)?)
            }
            _ => quote!(fields.fill(&mut slots.#number)?),
        })
        .collect();
    let only_read = constant_read.clone().or_else(|| reads.first().cloned()).unwrap_or_default();
    let slot_count = fields.len() + usize::from(constant.is_some());
    let built = fields.iter().zip(&numbers).map(|(field, number)| {
        let name = ident(&field.name);
        let wire = &field.wire;
        // Absent is `None` for an `Option` as for the derive, whether required or not.
        let value = if field.is_option() {
            quote!(slots.#number.flatten())
        } else {
            quote!(fields.required(slots.#number, #wire)?)
        };
        quote!(#name: #value,)
    });
    let slots = (0..slot_count).map(|_| quote!(None,));
    // `next_slot` gives only numbers below the number of fields.
    let read = match slot_count {
        0 => quote! { while fields.next_slot()?.is_some() {} },
        1 => quote! {
            let mut slots = (None,);
            while fields.next_slot()?.is_some() {
                #only_read;
            }
        },
        _ => quote! {
            let mut slots = (#(#slots)*);
            while let Some(slot) = fields.next_slot()? {
                match slot {
                    #(#numbers => #reads,)*
                    #constant_arm
                    _ => {}
                }
            }
        },
    };
    let deprecated =
        fields.iter().any(|field| field.deprecated).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #type_name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_struct(deserializer)
            }
        }

        #cfg
        #deprecated
        impl crate::runtime::DecodeStruct for #type_name {
            const NAME: &'static str = #name;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];

            fn decode<'de, A: serde::de::MapAccess<'de>>(
                mut fields: crate::runtime::Fields<'de, A>,
            ) -> Result<Self, A::Error> {
                #read
                #constant_check
                Ok(Self { #(#built)* })
            }
        }
    }
}

/// The runtime's seed for a field whose type it decodes better than the type's own
/// `Deserialize` does (a date-time, through lists, maps and aliases), as Rust source (the
/// type, which `Default` builds), or `None`.
pub fn field_seed(field: &Field, query: TypeQuery) -> Option<String> {
    // A boxed field's type contains its struct, so it is no date-time nor list of them.
    if field.boxed {
        return None;
    }
    let seed = seed(&query.unalias(&field.ty))?;
    Some(if field.is_option() { format!("crate::runtime::Nullable<{seed}>") } else { seed })
}

/// The runtime's seed for a value of `ty` (aliases already seen through), as for a field.
pub fn seed(ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::DateTime => Some("crate::runtime::Rfc3339".into()),
        TypeRef::Vec(item) => seed(item).map(|seed| format!("crate::runtime::ListOf<{seed}>")),
        TypeRef::Map(value) => seed(value).map(|seed| format!("crate::runtime::MapOf<{seed}>")),
        _ => None,
    }
}

/// serde's `deserialize_with` for a seed, where serde's derive decodes (unions, and structs
/// with `additionalProperties`).
pub fn deserialize_with(seed: &str) -> String {
    format!("crate::runtime::deserialize_seeded::<{seed}, _>")
}
