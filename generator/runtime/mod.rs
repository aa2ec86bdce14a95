//! The client runtime: what every generated API shares (configuration, sending, retrying,
//! decoding, errors, rate limits, pagination). Written by hand in the generator's `runtime/`
//! folder and copied verbatim.

mod client;
mod enums;
mod error;
mod options;
// Used only by APIs with paged lists (through the generated `src/paging.rs`).
#[allow(dead_code, unused_imports)]
mod paginate;
mod rate_limit;
mod request;
mod response;
mod retry;

pub use client::{Client, ClientBuilder};
pub(crate) use enums::deserialize_str_enum;
pub use error::Error;
pub(crate) use options::{request_options, RequestOptions};
#[allow(unused_imports)]
pub(crate) use paginate::{items, pages, Page};
pub use rate_limit::RateLimit;
pub(crate) use request::{PathPart, Request};
pub use response::Response;
