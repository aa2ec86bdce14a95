//! `Response<T>`: a decoded body together with what else the response said.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::RateLimit;

/// The header that carries the server's id for a request, quoted in support requests.
const REQUEST_ID: &str = "x-request-id";

/// A response: its status, headers and rate limit, how many attempts it took, and the body.
///
/// Returned by every request's `send_with_response`, and carried by [`Error::Api`](crate::Error::Api)
/// with the API's error body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    rate_limit: Option<RateLimit>,
    attempts: u32,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, attempts: u32, body: T) -> Self {
        let rate_limit = RateLimit::from_headers(&headers);
        Response { status, headers, rate_limit, attempts, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every response header.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate limit the response reported, if it sent the `ratelimit-*` headers.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The server's id for the request (`x-request-id`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get(REQUEST_ID)?.to_str().ok()
    }

    /// How many times the request was sent: 1, plus one per retry.
    pub fn attempts(&self) -> u32 {
        self.attempts
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
        let Response { status, headers, rate_limit, attempts, body } = self;
        Response { status, headers, rate_limit, attempts, body: f(body) }
    }
}
