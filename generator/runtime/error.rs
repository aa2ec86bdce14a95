//! The one error type of the client.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::{RateLimit, Response};

/// Everything that can go wrong with a request.
///
/// Errors that come from a response keep it: [`Error::Api`] has the API's decoded error body,
/// [`Error::UnexpectedResponse`] the start of a body in no known format. Errors after retries
/// are the last attempt's, and [`Error::attempts`] says how many were made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status and a body in its documented error format.
    #[error("the API answered {} ({}): {}", .0.status(), count_attempts(.0.attempts()), json(.0.body()))]
    Api(Box<Response<crate::ApiErrorBody>>),
    /// The API answered with an error status and a body in no documented format; the body is
    /// the start of the text (at most 4 KiB).
    #[error(
        "the API answered {} ({}) with an unexpected body: {}",
        .0.status(),
        count_attempts(.0.attempts()),
        .0.body()
    )]
    UnexpectedResponse(Box<Response<String>>),
    /// A successful response whose body did not decode into the expected type.
    #[error("could not decode the {status} response: {source}; the body starts: {snippet}")]
    Decode {
        status: StatusCode,
        /// The start of the body as text (at most 4 KiB).
        snippet: String,
        #[source]
        source: serde_json::Error,
    },
    /// The response body was larger than the client accepts (see
    /// [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)).
    #[error("the {status} response body is larger than the {limit} bytes allowed")]
    TooLarge { status: StatusCode, limit: usize },
    /// No response came in time: the request's or the client's timeout passed.
    #[error("the request timed out ({})", count_attempts(*.attempts))]
    Timeout {
        attempts: u32,
        #[source]
        source: reqwest::Error,
    },
    /// The request could not be sent, or the response could not be read.
    #[error("the request failed ({}): {source}", count_attempts(*.attempts))]
    Transport {
        attempts: u32,
        #[source]
        source: reqwest::Error,
    },
    /// The request was not sent because something in it cannot be put on the wire.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client could not be set up, such as when no token is configured.
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl Error {
    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedResponse(response) => Some(response.status()),
            Error::Decode { status, .. } | Error::TooLarge { status, .. } => Some(*status),
            Error::Timeout { source, .. } | Error::Transport { source, .. } => source.status(),
            Error::InvalidRequest(_) | Error::Config(_) => None,
        }
    }

    /// The rate limit the error response reported, if any.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        match self {
            Error::Api(response) => response.rate_limit(),
            Error::UnexpectedResponse(response) => response.rate_limit(),
            _ => None,
        }
    }

    /// The headers of the error response, if there was one.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(response) => Some(response.headers()),
            Error::UnexpectedResponse(response) => Some(response.headers()),
            _ => None,
        }
    }

    /// How many times the request was sent before this error, if it was sent at all.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Api(response) => Some(response.attempts()),
            Error::UnexpectedResponse(response) => Some(response.attempts()),
            Error::Timeout { attempts, .. } | Error::Transport { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// Whether this is the timeout variant.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }
}

fn count_attempts(count: u32) -> String {
    match count {
        1 => "1 attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

fn json(body: &impl serde::Serialize) -> String {
    serde_json::to_string(body).unwrap_or_default()
}

/// The most of a body kept in an error, so a huge body cannot flood logs or memory.
const SNIPPET_LIMIT: usize = 4096;

/// The start of `body` as text, cut at a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LIMIT)]);
    text.trim_end_matches('\u{FFFD}').to_owned()
}
