//! A struct's `Serialize`, written out instead of derived: one call of the runtime's
//! `StructWriter` (`ser.rs`) per field, with no `?` each, as every branch of a body repeated
//! per field of every struct is paid again by the compiler's type and borrow checks.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Constant, Field};

/// `impl Serialize` for the struct `name` of these fields, compiled under the struct's `cfg`:
/// the constant first (as serde's `tag`, with the struct's name then the constant's value, as
/// serde's `rename` made it), then every field in order, an optional one only when set.
///
/// Its only local names are `serializer` and `fields`, and the spec's names appear only as
/// field accesses and string literals, so none can meet them.
pub fn struct_impl(
    name: &str,
    fields: &[Field],
    constant: &Option<Constant>,
    cfg: &Option<TokenStream>,
) -> TokenStream {
    let type_name = ident(name);
    let written_name = constant.as_ref().map_or(name, |constant| constant.value.as_str());
    let constant_write =
        constant.as_ref().map(|Constant { wire, value, .. }| quote!(fields.field(#wire, #value);));
    // Only fields that are not required are skipped when `None`; a nullable required one is
    // written as `null`.
    let always = proc_macro2::Literal::usize_unsuffixed(
        fields.iter().filter(|field| field.required).count() + usize::from(constant.is_some()),
    );
    let mutable = (!fields.is_empty() || constant.is_some()).then(|| quote!(mut));
    let set = fields.iter().filter(|field| !field.required).map(|field| {
        let name = ident(&field.name);
        quote!(self.#name.is_some())
    });
    let writes = fields.iter().map(|field| {
        let name = ident(&field.name);
        let wire = &field.wire;
        if field.required {
            quote!(fields.field(#wire, &self.#name);)
        } else {
            quote!(fields.optional(#wire, &self.#name);)
        }
    });
    let deprecated =
        fields.iter().any(|field| field.deprecated).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #cfg
        #deprecated
        impl serde::Serialize for #type_name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #mutable fields =
                    crate::runtime::StructWriter::new(serializer, #written_name, #always, &[#(#set),*]);
                #constant_write
                #(#writes)*
                fields.end()
            }
        }
    }
}
