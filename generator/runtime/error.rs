//! The one error type of the client.

use std::fmt::{self, Write as _};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::retry::{is_retryable_failure, is_retryable_response};
use super::{RateLimit, Response};

/// Everything that can go wrong with a request.
///
/// Errors that come from a response keep it: [`Error::Api`] has the API's decoded error body,
/// [`Error::UnexpectedResponse`] the start of a body in no known format. Errors after retries
/// are the last attempt's, and [`Error::attempts`] says how many were made.
///
/// The message (`Display`) is at most about 4 KiB, and `Debug` at most about 16 KiB, cut with
/// `…`, whatever the server sent: the whole of what it said is in the variants' fields and
/// accessors. The message is one line: control characters (line breaks, escape sequences) and
/// bidirectional controls in it are written as `\u{…}` escapes, so a server cannot move a
/// terminal's cursor or forge log lines through it.
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status and a body in its documented error format.
    Api(Box<Response<crate::ApiErrorBody>>),
    /// The API answered with an error status and a body in no documented format; the body is
    /// the start of the text (at most 4 KiB).
    UnexpectedResponse(Box<Response<String>>),
    /// A successful response whose body did not decode into the expected type. The serde
    /// error is part of the message (cut to 1 KiB there, as it can quote the body), so it is
    /// not also a `source()`. The message names the path of the field too: `invalid type:
    /// string "seven", expected i64 at items[1].id (line 1 column 50)`.
    Decode {
        status: StatusCode,
        /// The start of the body as text (at most 4 KiB).
        snippet: String,
        /// Where in the body decoding failed: object keys and list indexes from the top, such
        /// as `items[1].id`, or empty for the top level. Its keys are the server's, so it is
        /// cut at 1 KiB with `…`.
        path: String,
        source: serde_json::Error,
    },
    /// The response body was larger than the client accepts (see
    /// [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)).
    TooLarge { status: StatusCode, limit: usize },
    /// The API redirected to another origin (scheme, host or port), which the client never
    /// follows, so that no credential or header reaches it. `origin` is the refused location's
    /// `scheme://host:port`, not the whole URL.
    CrossOriginRedirect { status: StatusCode, origin: String },
    /// The API redirected within its origin more than `limit` times in a row.
    TooManyRedirects { status: StatusCode, limit: usize },
    /// A paged list went on past `limit` pages (see
    /// [`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages)); the pages before it were
    /// yielded.
    TooManyPages { limit: usize },
    /// No response came in time: the request's or the client's timeout passed.
    Timeout { attempts: u32, source: reqwest::Error },
    /// The request could not be sent, or the response could not be read.
    Transport { attempts: u32, source: reqwest::Error },
    /// The request was not sent because something in it cannot be put on the wire.
    InvalidRequest(String),
    /// The client could not be set up, such as when no token is configured.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Cut(Visible(Message(self)), MESSAGE_LIMIT), f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Called directly, so `{:#?}` reaches `Cut` as the alternate flag.
        fmt::Display::fmt(&Cut(Fields(self), DEBUG_LIMIT), f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout { source, .. } | Error::Transport { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The most of an error message shown, in bytes, before it is cut with `…`.
const MESSAGE_LIMIT: usize = 4096;

/// The most of an error's `Debug` shown, in bytes: room for a response's headers too.
const DEBUG_LIMIT: usize = 16 * 1024;

/// The most of a serde error shown in [`Error::Decode`]'s message, which leaves room for the
/// start of the body.
const SOURCE_LIMIT: usize = 1024;

/// An error's whole message, which [`Cut`] bounds.
struct Message<'a>(&'a Error);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Error::Api(response) => {
                write!(f, "the API answered {} ({}): ", response.status(), attempts(response))?;
                write_json(f, response.body())
            }
            Error::UnexpectedResponse(response) => write!(
                f,
                "the API answered {} ({}) with an unexpected body: {}",
                response.status(),
                attempts(response),
                response.body()
            ),
            Error::Decode { status, snippet, path, source } => {
                write!(f, "could not decode the {status} response: ")?;
                write_decode_error(f, source, path)?;
                write!(f, "; the body starts: {snippet}")
            }
            Error::TooLarge { status, limit } => {
                write!(f, "the {status} response body is larger than the {limit} bytes allowed")
            }
            Error::CrossOriginRedirect { status, origin } => write!(
                f,
                "the API answered {status} with a redirect to {origin}, another origin, which is not followed"
            ),
            Error::TooManyRedirects { status, limit } => {
                write!(f, "the API answered {status} after redirecting {limit} times, which is not followed")
            }
            Error::TooManyPages { limit } => {
                write!(f, "the list goes on past {limit} pages, the most the client fetches")
            }
            Error::Timeout { attempts, source: _ } => {
                write!(f, "the request timed out ({})", count_attempts(*attempts))
            }
            Error::Transport { attempts, source } => {
                write!(f, "the request failed ({}): {source}", count_attempts(*attempts))
            }
            Error::InvalidRequest(problem) => write!(f, "invalid request: {problem}"),
            Error::Config(problem) => write!(f, "invalid configuration: {problem}"),
        }
    }
}

/// An error's `Debug` in full, as a derive would write it, which [`Cut`] bounds.
struct Fields<'a>(&'a Error);

impl fmt::Display for Fields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Error::Api(response) => f.debug_tuple("Api").field(response).finish(),
            Error::UnexpectedResponse(response) => {
                f.debug_tuple("UnexpectedResponse").field(response).finish()
            }
            Error::Decode { status, snippet, path, source } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("snippet", snippet)
                .field("path", path)
                .field("source", source)
                .finish(),
            Error::TooLarge { status, limit } => {
                f.debug_struct("TooLarge").field("status", status).field("limit", limit).finish()
            }
            Error::CrossOriginRedirect { status, origin } => f
                .debug_struct("CrossOriginRedirect")
                .field("status", status)
                .field("origin", origin)
                .finish(),
            Error::TooManyRedirects { status, limit } => f
                .debug_struct("TooManyRedirects")
                .field("status", status)
                .field("limit", limit)
                .finish(),
            Error::TooManyPages { limit } => {
                f.debug_struct("TooManyPages").field("limit", limit).finish()
            }
            Error::Timeout { attempts, source } => f
                .debug_struct("Timeout")
                .field("attempts", attempts)
                .field("source", source)
                .finish(),
            Error::Transport { attempts, source } => f
                .debug_struct("Transport")
                .field("attempts", attempts)
                .field("source", source)
                .finish(),
            Error::InvalidRequest(problem) => {
                f.debug_tuple("InvalidRequest").field(problem).finish()
            }
            Error::Config(problem) => f.debug_tuple("Config").field(problem).finish(),
        }
    }
}

/// Shows at most the first `.1` bytes of `.0`, cut at a character boundary and marked with `…`.
/// Text past the cut is discarded as it is written, so a huge value is never built up. `{:#}`
/// passes the alternate flag on (for `{:#?}`).
struct Cut<T>(T, usize);

impl<T: fmt::Display> fmt::Display for Cut<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let alternate = f.alternate();
        let mut out = Bounded { out: f, left: self.1, cut: false };
        match alternate {
            true => write!(out, "{:#}", self.0),
            false => write!(out, "{}", self.0),
        }
    }
}

/// A writer that passes on text until its allowance is spent, then a `…`, then nothing. It
/// never fails for being full: a `Display` that fails makes `to_string` panic.
struct Bounded<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Ok(());
        }
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let end = floor_char_boundary(text, self.left);
        self.cut = true;
        self.out.write_str(&text[..end])?;
        self.out.write_str("…")
    }
}

/// Shows `.0` with every control character and bidirectional control written as an escape
/// (`\u{1b}`), as `Debug` does for strings; the rest is written as it is.
struct Visible<T>(T);

impl<T: fmt::Display> fmt::Display for Visible<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaping(f), "{}", self.0)
    }
}

/// A writer that passes text on with [`Visible`]'s escapes.
struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl fmt::Write for Escaping<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        while let Some(at) = rest.find(|c: char| {
            c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            let c = rest[at..].chars().next().unwrap_or_default();
            self.0.write_str(&rest[..at])?;
            write!(self.0, "\\u{{{:x}}}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_str(rest)
    }
}

/// Writes serde's error with the path where it happened, which serde_json's own message
/// (`… at line 1 column 50`) lacks: `… at items[1].id (line 1 column 50)`. At the top level
/// the message is serde_json's as it is.
fn write_decode_error(
    f: &mut fmt::Formatter<'_>,
    source: &serde_json::Error,
    path: &str,
) -> fmt::Result {
    if path.is_empty() {
        return write!(f, "{}", Cut(source, SOURCE_LIMIT));
    }
    // serde_json has no accessor for its message without the position it appends, so the
    // position is taken off the end of its `Display`, keeping no more than can be shown.
    let position = match source.line() {
        0 => String::new(),
        line => format!(" at line {line} column {}", source.column()),
    };
    let mut message =
        Prefix { text: String::new(), left: SOURCE_LIMIT + position.len(), cut: false };
    let _ = write!(message, "{source}");
    // A message too long to show whole loses its position in the cut: the path and position
    // are written after it in every case.
    let shown = match message.cut {
        false => message.text.strip_suffix(position.as_str()).unwrap_or(&message.text),
        true => {
            message.text.push('…');
            &message.text
        }
    };
    write!(f, "{} at {path}", Cut(shown, SOURCE_LIMIT))?;
    match source.line() {
        0 => Ok(()),
        line => write!(f, " (line {line} column {})", source.column()),
    }
}

/// A writer that keeps the first `left` bytes written, cut at a character boundary, and drops
/// the rest; it never fails, so formatting into it cannot panic.
struct Prefix {
    text: String,
    left: usize,
    cut: bool,
}

impl fmt::Write for Prefix {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if !self.cut {
            let end = floor_char_boundary(text, self.left);
            self.cut = end < text.len();
            self.left -= end;
            self.text.push_str(&text[..end]);
        }
        Ok(())
    }
}

/// Writes `body` as JSON, serialising no more than a message can show.
fn write_json(f: &mut fmt::Formatter<'_>, body: &impl serde::Serialize) -> fmt::Result {
    let mut json = Capped(Vec::new());
    // Serialising stops with an error once the cap is reached; what was written is shown.
    let _ = serde_json::to_writer(&mut json, body);
    // A cut inside a character leaves a U+FFFD at the end, which [`Cut`] cuts off anyway.
    f.write_str(&String::from_utf8_lossy(&json.0))
}

/// Collects bytes up to one past [`MESSAGE_LIMIT`], then refuses more.
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = (MESSAGE_LIMIT + 1).saturating_sub(self.0.len());
        if room == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        let taken = bytes.len().min(room);
        self.0.extend_from_slice(&bytes[..taken]);
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Error {
    /// The HTTP status of the response, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedResponse(response) => Some(response.status()),
            Error::Decode { status, .. }
            | Error::TooLarge { status, .. }
            | Error::CrossOriginRedirect { status, .. }
            | Error::TooManyRedirects { status, .. } => Some(*status),
            Error::Timeout { source, .. } | Error::Transport { source, .. } => source.status(),
            Error::TooManyPages { .. } | Error::InvalidRequest(_) | Error::Config(_) => None,
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

    /// Whether the API answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.response_status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the API said its rate limit is spent: a 429 Too Many Requests, or a 403 whose
    /// rate-limit headers say nothing remains (GitHub's answer); [`rate_limit`](Error::rate_limit)
    /// says when the window resets, if the API said.
    pub fn is_rate_limited(&self) -> bool {
        match (self.response_status(), self.headers()) {
            (Some(status), Some(headers)) => RateLimit::exhausted(status, headers),
            (status, _) => status == Some(StatusCode::TOO_MANY_REQUESTS),
        }
    }

    /// Whether trying again later may succeed: a connection failure, a timeout, or a status the
    /// client itself retries (a 408, a 429 and passing server faults, as the crate docs list),
    /// by the very rules the client's retries follow. An error that is retryable has already been retried as often as the
    /// client and the request allow, if the request was idempotent.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { source, .. } | Error::Transport { source, .. } => {
                is_retryable_failure(source)
            }
            _ => match (self.response_status(), self.headers()) {
                (Some(status), Some(headers)) => is_retryable_response(status, headers),
                (Some(status), None) => is_retryable_response(status, &HeaderMap::new()),
                (None, _) => false,
            },
        }
    }

    /// The API's decoded error body, for an error answer in its documented format.
    pub fn api_error(&self) -> Option<&crate::ApiErrorBody> {
        match self {
            Error::Api(response) => Some(response.body()),
            _ => None,
        }
    }

    /// The server's id for the request (the first of
    /// [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS) the error answer has), to quote in a
    /// support request.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(response) => response.request_id(),
            Error::UnexpectedResponse(response) => response.request_id(),
            _ => None,
        }
    }

    /// The status of an error answer: not that of a success that did not decode.
    fn response_status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedResponse(response) => Some(response.status()),
            _ => None,
        }
    }
}

fn attempts<T>(response: &Response<T>) -> String {
    count_attempts(response.attempts())
}

fn count_attempts(count: u32) -> String {
    match count {
        1 => "1 attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

/// The most of a body kept in an error, so a huge body cannot flood logs or memory.
const SNIPPET_LIMIT: usize = 4096;

/// The most of a decode error's path kept, in bytes: its keys come from the body.
const PATH_LIMIT: usize = 1024;

/// `path` as `items[1].id` (as serde_path_to_error writes it, but empty at the top level),
/// cut at [`PATH_LIMIT`] with `…`, so a huge key is never copied whole.
pub(crate) fn decode_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut text = String::new();
    for (at, segment) in path.iter().enumerate() {
        let separator = if at == 0 { "" } else { "." };
        // No more of a key than the limit is copied; the text is cut once it is past it.
        let _ = match segment {
            Segment::Seq { index } => write!(text, "[{index}]"),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                write!(text, "{separator}{}", &key[..floor_char_boundary(key, PATH_LIMIT)])
            }
            Segment::Unknown => write!(text, "{separator}?"),
        };
        if text.len() > PATH_LIMIT {
            text.truncate(floor_char_boundary(&text, PATH_LIMIT));
            text.push('…');
            break;
        }
    }
    text
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The start of `body` as text, cut at a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LIMIT)]);
    text.trim_end_matches('\u{FFFD}').to_owned()
}
