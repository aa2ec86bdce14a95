//! The client runtime: what every generated API shares (configuration, sending, retrying,
//! decoding, errors, rate limits, pagination). Written by hand in the generator's `runtime/`
//! folder and copied verbatim. Each API uses only part of it (paging, cookies, API keys…), so
//! the generated `lib.rs` allows dead code in this module.

mod auth;
mod client;
mod date_time;
mod de;
mod defaults;
mod encode;
mod enums;
mod error;
mod future;
mod options;
mod paginate;
mod params;
mod rate_limit;
mod redirect;
mod request;
mod response;
mod retry;
mod send;
mod ser;
mod stream;
mod trace;

pub(crate) use auth::AuthScheme;
pub use client::{Client, ClientBuilder};
pub(crate) use date_time::Rfc3339;
pub(crate) use de::{
    deserialize_seeded, deserialize_struct, DecodeStruct, Fields, ListOf, MapOf, Nullable,
};
pub use enums::caught_count;
pub(crate) use enums::{deserialize_caught, deserialize_str_enum, note_caught, str_enum};
pub use error::Error;
pub use future::{BodyFuture, ResponseFuture};
pub(crate) use options::{request_options, RequestOptions};
pub(crate) use paginate::{items, pages, Page};
pub(crate) use params::{AsJson, PathStyle, Style};
pub use rate_limit::RateLimit;
pub(crate) use request::{Draft, Endpoint, PathPart, Request};
pub use response::Response;
pub(crate) use send::{decode_json, text};
pub(crate) use ser::StructWriter;
pub use stream::ByteStream;
