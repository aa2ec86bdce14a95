//! The client runtime: what every generated API shares (configuration, sending, decoding,
//! errors). Written by hand in the generator's `runtime/` folder and copied verbatim.

mod client;
mod enums;
mod error;
mod request;

pub use client::{Client, ClientBuilder};
pub(crate) use enums::deserialize_str_enum;
pub use error::Error;
pub(crate) use request::PathPart;
