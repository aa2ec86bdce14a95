//! The one error type of the client.

use reqwest::StatusCode;

/// Everything that can go wrong with a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status and a body in its documented error format.
    #[error("the API answered {status}: {}", serde_json::to_string(body).unwrap_or_default())]
    Api { status: StatusCode, body: crate::ApiErrorBody },
    /// The API answered with an error status and a body not in its documented error format.
    #[error("the API answered {status} with an unexpected body: {body}")]
    UnexpectedResponse {
        status: StatusCode,
        /// The start of the body as text (at most 4 KiB).
        body: String,
    },
    /// A successful response whose body did not decode into the expected type.
    #[error("could not decode the {status} response: {source}; the body starts: {snippet}")]
    Decode {
        status: StatusCode,
        /// The start of the body as text (at most 4 KiB).
        snippet: String,
        #[source]
        source: serde_json::Error,
    },
    /// The request could not be sent, or the response could not be read.
    #[error("the request failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// The request was not sent because something in it cannot be put on the wire.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedResponse { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::InvalidRequest(_) => None,
        }
    }
}

/// The most of a body kept in an error, so a huge body cannot flood logs or memory.
const SNIPPET_LIMIT: usize = 4096;

/// The start of `body` as text, cut at a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LIMIT)]);
    text.trim_end_matches('\u{FFFD}').to_owned()
}
