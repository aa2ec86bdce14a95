//! When to retry a request, and how long to wait first.

use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use super::defaults::{
    BACKOFF_BASE, BACKOFF_CAP, IDEMPOTENT_METHODS, MAX_RETRIES, MAX_RETRY_WAIT, RETRY_STATUSES,
};
use super::RateLimit;

/// The client-wide retry settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub(crate) max_retries: u32,
    /// The longest single wait; a server asking for more gets its error returned at once.
    pub(crate) max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: MAX_RETRIES, max_wait: MAX_RETRY_WAIT }
    }
}

/// Methods that the HTTP spec defines as idempotent, so a repeat cannot do more than the first.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    IDEMPOTENT_METHODS.contains(&method.as_str())
}

/// Answers that say "try again": a timeout, throttling (also a 403 that says the rate limit is
/// spent, as GitHub's is), or a passing server fault.
pub(crate) fn is_retryable_response(status: StatusCode, headers: &HeaderMap) -> bool {
    RETRY_STATUSES.contains(&status.as_u16()) || RateLimit::exhausted(status, headers)
}

/// Failures where the request most likely did not reach the API, or took too long.
pub(crate) fn is_retryable_failure(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_timeout() || error.is_request()
}

/// How long to wait before retrying after a retryable response to attempt number `attempt`:
/// what the server asked for (`Retry-After`, or the rate-limit reset when the window is spent),
/// else exponential backoff with full jitter.
pub(crate) fn wait_after_response(
    status: StatusCode,
    headers: &HeaderMap,
    attempt: u32,
) -> Duration {
    if let Some(wait) = retry_after(headers) {
        return wait;
    }
    if RateLimit::exhausted(status, headers) {
        if let Some(limit) = RateLimit::from_headers(headers).filter(|limit| limit.remaining == 0) {
            return limit.reset_after().max(backoff(attempt));
        }
    }
    backoff(attempt)
}

/// `Retry-After` as seconds or as an HTTP date; a date in the past means now.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or_default())
}

/// A random wait between zero and `BACKOFF_BASE * 2^(attempt - 1)`, capped at `BACKOFF_CAP`
/// ("full jitter", which spreads out clients that failed together).
pub(crate) fn backoff(attempt: u32) -> Duration {
    let ceiling =
        BACKOFF_BASE.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(BACKOFF_CAP);
    let fraction = random_u64() as f64 / u64::MAX as f64;
    ceiling.mul_f64(fraction)
}

/// A random number from the standard library's randomly keyed hasher; jitter needs no more.
pub(crate) fn random_u64() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(SystemTime::now())
}
