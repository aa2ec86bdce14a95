//! What a request leaves for `tracing`: one `request` span per request and one event per
//! retry. Nothing is recorded unless the application installs a subscriber.
//!
//! Only what the spec names (operation id, method, path template) and what the client counts
//! (attempts, status, waits, durations) are recorded: never the URL (its path holds parameter
//! values, its query may hold a credential), a header value, a body, or an error's message
//! (a transport error's quotes the URL).

use std::time::Duration;

use tracing::field::Empty;
use tracing::Span;

use super::request::Endpoint;
use super::send::{Failure, RawResponse};
use super::{Error, Response};

/// The span of one request, its retries included; `attempts`, `status` and `duration_ms` are
/// recorded when it ends.
pub(super) fn request_span(endpoint: &Endpoint) -> Span {
    tracing::info_span!(
        "request",
        operation_id = endpoint.operation_id,
        method = endpoint.method.as_str(),
        path = endpoint.path,
        attempts = Empty,
        status = Empty,
        duration_ms = Empty,
    )
}

/// Records how the request ended on its span.
pub(super) fn record_outcome<T>(span: &Span, result: &Result<Response<T>, Error>, took: Duration) {
    let (attempts, status) = match result {
        Ok(response) => (Some(response.attempts()), Some(response.status())),
        Err(error) => (error.attempts(), error.status()),
    };
    if let Some(attempts) = attempts {
        span.record("attempts", attempts);
    }
    if let Some(status) = status {
        span.record("status", status.as_u16());
    }
    span.record("duration_ms", u64::try_from(took.as_millis()).unwrap_or(u64::MAX));
}

/// The event before a retry: which attempt failed, how, and how long the client waits.
pub(super) fn retry(attempt: u32, wait: Duration, outcome: &Result<RawResponse, Failure>) {
    let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(raw) => {
            let status = raw.status.as_u16();
            tracing::warn!(attempt, wait_ms, status, "retrying after a retryable status");
        }
        Err(failure) => {
            let failure = failure.kind();
            tracing::warn!(attempt, wait_ms, failure, "retrying after a failure");
        }
    }
}
