//! Per-request options (headers, timeout, retries), shared by every request builder.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

/// What a caller may change for one request, beside its parameters.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// A header that could not be parsed; reported when the request is sent.
    pub(crate) invalid_header: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    /// The caller vouches that sending the request twice is harmless.
    pub(crate) idempotent: bool,
}

impl RequestOptions {
    pub(crate) fn header<K, V>(&mut self, name: K, value: V)
    where
        HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        let name = HeaderName::try_from(name);
        let value = HeaderValue::try_from(value);
        match (name, value) {
            (Ok(name), Ok(mut value)) => {
                // Headers added by callers often carry credentials; keep them out of `Debug`.
                value.set_sensitive(true);
                self.headers.push((name, value));
            }
            (Ok(name), Err(_)) => {
                self.invalid_header
                    .get_or_insert(format!("the value of header {name} is not valid"));
            }
            (Err(_), _) => {
                self.invalid_header.get_or_insert("a header name is not valid".to_owned());
            }
        }
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only header names: values may be secrets.
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("idempotent", &self.idempotent)
            .finish()
    }
}

/// The per-request option methods of a request builder with an `options: RequestOptions` field.
macro_rules! request_options {
    ($builder:ident) => {
        impl $builder {
            /// Adds a header to this request, after the client's own; an invalid name or value
            /// fails the request when it is sent.
            pub fn header<K, V>(mut self, name: K, value: V) -> Self
            where
                reqwest::header::HeaderName: TryFrom<K>,
                reqwest::header::HeaderValue: TryFrom<V>,
            {
                self.options.header(name, value);
                self
            }

            /// The longest this request may take, each attempt, instead of the client's timeout.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// How many times this request may be retried, instead of the client's setting;
            /// 0 turns retries off.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }

            /// Declares that sending this request twice is harmless, so it may be retried even
            /// though its method is not idempotent (such as `POST`). Only opt in when a repeat
            /// cannot create a duplicate.
            pub fn idempotent(mut self, idempotent: bool) -> Self {
                self.options.idempotent = idempotent;
                self
            }
        }
    };
}
pub(crate) use request_options;
