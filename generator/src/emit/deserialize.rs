//! A struct's `Deserialize`, written out short instead of derived: serde's derive expands to
//! about 600 lines a struct, most of a big crate's `cargo check`, where this is a slot per
//! field over the runtime's `de.rs`, which reads keys, skips unknown ones and reports
//! duplicate and missing fields as the derive does.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::model::{Constant, Field, TypeQuery, TypeRef};

/// `impl Deserialize` and `impl DecodeStruct` for the struct `name` of these fields, each
/// compiled under the struct's `cfg`.
///
/// The slots are one tuple, named `slots`, their values are bound as `slot0`, `slot1`… (no
/// type is named in lower case), and the struct is built as `Self { .. }`, so no name from
/// the spec (a field, a wire name, a type) can meet a local name of this code.
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
    let numbers: Vec<Literal> = (0..fields.len()).map(Literal::usize_unsuffixed).collect();
    let constant_number = Literal::usize_unsuffixed(fields.len());
    let constant_read = constant
        .as_ref()
        .map(|Constant { value, .. }| quote!(fields.constant(&mut slots.#constant_number, #value)));
    let constant_arm = constant_read.as_ref().map(|read| quote!(#constant_number => #read,));
    let reads: Vec<TokenStream> = fields
        .iter()
        .zip(&numbers)
        .map(|(field, number)| match field_seed(field, query).map(|seed| seed.parse()) {
            Some(Ok(seed)) => {
                let seed: TokenStream = seed;
                quote!(fields.fill_with::<#seed>(&mut slots.#number))
            }
            _ => quote!(fields.fill(&mut slots.#number)),
        })
        .collect();
    let only_read = constant_read.clone().or_else(|| reads.first().cloned()).unwrap_or_default();
    let slot_count = fields.len() + usize::from(constant.is_some());
    let slots = (0..slot_count).map(|_| quote!(None,));
    // `next_slot` gives only numbers below the number of slots; each arm gives its `Result`,
    // and one `?` after the `match` serves them all.
    let read = match slot_count {
        0 => quote! { while fields.next_slot()?.is_some() {} },
        1 => quote! {
            let mut slots = (None,);
            while fields.next_slot()?.is_some() {
                #only_read?;
            }
        },
        _ => quote! {
            let mut slots = (#(#slots)*);
            while let Some(slot) = fields.next_slot()? {
                match slot {
                    #(#numbers => #reads,)*
                    #constant_arm
                    _ => Ok(()),
                }?;
            }
        },
    };
    let build = build(fields, constant);
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
                #build
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

/// Builds `Self` from the filled `slots`: an `Option` field from its slot as it is (absent is
/// `None`, as for the derive, whether required or not), any other from its slot's value.
///
/// One `match` over the whole tuple of slots takes every value that must be there, each bound
/// as `slot` and its number; when one is absent, the runtime names the first in the order
/// serde checks them (the constant, then the fields in order).
fn build(fields: &[Field], constant: &Option<Constant>) -> TokenStream {
    let bound = |number: usize| quote::format_ident!("slot{number}");
    let values = fields.iter().enumerate().map(|(number, field)| {
        let name = ident(&field.name);
        let slot = bound(number);
        if field.is_option() {
            quote!(#name: #slot.flatten(),)
        } else {
            quote!(#name: #slot,)
        }
    });
    let needed: Vec<(usize, &str)> = (constant.iter())
        .map(|constant| (fields.len(), constant.wire.as_str()))
        .chain(
            (fields.iter().enumerate())
                .filter(|(_, field)| !field.is_option())
                .map(|(number, field)| (number, field.wire.as_str())),
        )
        .collect();
    if needed.is_empty() {
        let values = fields.iter().zip(0..).map(|(field, number)| {
            let name = ident(&field.name);
            let number = Literal::usize_unsuffixed(number);
            quote!(#name: slots.#number.flatten(),)
        });
        return quote!(Ok(Self { #(#values)* }));
    }
    let patterns = fields.iter().enumerate().map(|(number, field)| {
        let slot = bound(number);
        if field.is_option() {
            quote!(#slot,)
        } else {
            quote!(Some(#slot),)
        }
    });
    let constant_pattern = constant.as_ref().map(|_| quote!(Some(()),));
    let absent = needed.iter().map(|(number, wire)| {
        let number = Literal::usize_unsuffixed(*number);
        quote!((slots.#number.is_none(), #wire),)
    });
    quote! {
        match slots {
            (#(#patterns)* #constant_pattern) => Ok(Self { #(#values)* }),
            slots => Err(fields.missing(&[#(#absent)*])),
        }
    }
}
