//! A compile-time check, in each operations module, that every request builder is
//! `Send + 'static`, so that a request can be moved onto another task before it is sent.
//!
//! A builder holds the operation's parameter and body types, so whether it is `Send` depends on
//! each operation; without this check a type change could take that away unnoticed. The
//! futures of `send` and `send_with_response` are runtime types, `Send + 'static` and `Unpin`
//! whatever the body, which `runtime/future.rs` checks once; the streams of `pages()`/`items()`
//! say `Send + Unpin + 'static` in their signatures, which the compiler holds their bodies to.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::Group;

pub fn assertions(group: &Group) -> TokenStream {
    let checks = group.operations.iter().map(|op| {
        let builder = ident(&op.builder);
        quote!(spawnable::<#builder>();)
    });
    quote! {
        // Type-checked when the crate compiles, never called.
        const _: fn() = || {
            fn spawnable<T: Send + 'static>() {}
            #(#checks)*
        };
    }
}
