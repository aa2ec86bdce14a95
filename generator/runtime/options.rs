//! Per-request options (headers, extra query parameters and body fields, timeout, retries),
//! shared by every request builder.

use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

/// What a caller may change for one request, beside its parameters.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query parameters the spec does not describe, sent after the operation's own. Their
    /// values may be secrets, so a request with any keeps its URL out of errors.
    pub(crate) extra_query: Vec<(String, String)>,
    /// Body fields the spec does not describe, merged into the body object.
    pub(crate) extra_body: serde_json::Map<String, serde_json::Value>,
    /// The first option that could not be taken; reported when the request is built.
    pub(crate) invalid: Option<String>,
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
                self.invalid.get_or_insert(format!("the value of header {name} is not valid"));
            }
            (Err(_), _) => {
                self.invalid.get_or_insert("a header name is not valid".to_owned());
            }
        }
    }

    pub(crate) fn extra_body_field(&mut self, name: String, value: impl serde::Serialize) {
        match serde_json::to_value(value) {
            Ok(value) => {
                self.extra_body.insert(name, value);
            }
            Err(e) => {
                self.invalid
                    .get_or_insert(format!("extra body field {name} does not serialise: {e}"));
            }
        }
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only names: values may be secrets.
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        let query: Vec<&str> = self.extra_query.iter().map(|(name, _)| name.as_str()).collect();
        let body: Vec<&str> = self.extra_body.keys().map(String::as_str).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("extra_query", &query)
            .field("extra_body", &body)
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

            /// Adds `name=value` to this request's query, after the operation's own parameters:
            /// for a parameter the spec does not describe yet. Like a header's, its value is
            /// kept out of errors, traces and `Debug`. The name of a query parameter that carries
            /// the client's credential is refused when the request is sent.
            pub fn extra_query(
                mut self,
                name: impl Into<String>,
                value: impl Into<String>,
            ) -> Self {
                self.options.extra_query.push((name.into(), value.into()));
                self
            }

            /// Sets a field of this request's body that the spec does not describe yet,
            /// replacing the body's own field of that name. The body must be a JSON object (or
            /// a form or multipart body made from one); otherwise, or when `value` does not
            /// serialise, sending fails with [`Error::InvalidRequest`](crate::Error::InvalidRequest).
            pub fn extra_body_field(
                mut self,
                name: impl Into<String>,
                value: impl serde::Serialize,
            ) -> Self {
                self.options.extra_body_field(name.into(), value);
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
