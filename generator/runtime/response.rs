//! `Response<T>`: a decoded body together with what else the response said.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::RateLimit;

/// A response: its status, headers and rate limit, how many attempts it took, the body, and the
/// body's bytes as they were read.
///
/// Returned by every request's `send_with_response`, and carried by [`Error::Api`](crate::Error::Api)
/// with the API's error body.
#[derive(Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    rate_limit: Option<RateLimit>,
    attempts: u32,
    raw_body: Bytes,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        attempts: u32,
        raw_body: Bytes,
        body: T,
    ) -> Self {
        let rate_limit = RateLimit::from_headers(&headers);
        Response { status, headers, rate_limit, attempts, raw_body, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every response header.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate limit the response reported, if it sent the `ratelimit-*` (or `x-ratelimit-*`)
    /// headers.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The server's id for the request, quoted in support requests, if it sent one: the first
    /// of [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS) the response has.
    pub fn request_id(&self) -> Option<&str> {
        let mut found = crate::REQUEST_ID_HEADERS.iter().filter_map(|name| self.headers.get(*name));
        found.next()?.to_str().ok()
    }

    /// How many times the request was sent: 1, plus one per retry.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The body's bytes exactly as they were read, before any decoding: for fields the spec
    /// does not describe yet, which the decoded body drops. The decoded body shares nothing with
    /// them, and they are the very buffer that was read, not a copy. Empty for a body that is
    /// streamed ([`ByteStream`](crate::ByteStream)) and for a response without one.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw_body
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping the rest.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body changed by `f`.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        let Response { status, headers, rate_limit, attempts, raw_body, body } = self;
        Response { status, headers, rate_limit, attempts, raw_body, body: f(body) }
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The raw body by its length: the decoded body shows what it says.
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("rate_limit", &self.rate_limit)
            .field("attempts", &self.attempts)
            .field("raw_body", &format_args!("{} bytes", self.raw_body.len()))
            .field("body", &self.body)
            .finish()
    }
}
