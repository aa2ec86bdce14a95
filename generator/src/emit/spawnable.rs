//! A compile-time check, in each operations module, that every request builder and the future
//! of each of its `send`s is `Send + 'static`, so that any request can be spawned onto tokio.
//!
//! `send` is an `async fn`, whose future is `Send` only as long as nothing it holds across an
//! `.await` is not; without this check a runtime change could take that away unnoticed. The
//! streams of `pages()`/`items()` say `Send + Unpin + 'static` in their signatures, which the
//! compiler holds their bodies to already.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::Group;

pub fn assertions(group: &Group) -> TokenStream {
    let checks = group.operations.iter().map(|op| {
        let builder = ident(&op.builder);
        quote! {
            spawnable::<#builder>();
            spawnable_future(#builder::send);
            spawnable_future(#builder::send_with_response);
        }
    });
    quote! {
        // Type-checked when the crate compiles, never called.
        const _: fn() = || {
            fn spawnable<T: Send + 'static>() {}
            fn spawnable_future<B, F: std::future::Future + Send + 'static>(_: fn(B) -> F) {}
            #(#checks)*
        };
    }
}
