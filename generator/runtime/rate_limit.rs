//! The `ratelimit-*` response headers (the IETF draft's), or the `x-ratelimit-*` ones GitHub and
//! many others send, read on every response.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The API's rate limit as of one response: how many requests the window allows, how many are
/// left, and when the window resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window (`ratelimit-limit` or `x-ratelimit-limit`).
    pub limit: u64,
    /// Requests left in the current window (`ratelimit-remaining` or `x-ratelimit-remaining`).
    pub remaining: u64,
    /// When the window resets (`ratelimit-reset` or `x-ratelimit-reset`).
    pub reset: SystemTime,
}

/// `ratelimit-reset` values above this are Unix times; smaller ones are seconds from now, as
/// the IETF RateLimit header draft has them. Ten years of seconds separates the two safely.
const UNIX_TIME_THRESHOLD: u64 = 10 * 365 * 24 * 60 * 60;

impl RateLimit {
    /// Reads the three headers of one prefix, the draft's first; `None` unless all three of
    /// one are present and numeric.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        RateLimit::with_prefix(headers, "").or_else(|| RateLimit::with_prefix(headers, "x-"))
    }

    fn with_prefix(headers: &HeaderMap, prefix: &str) -> Option<RateLimit> {
        let number = |name: &str| {
            let value = headers.get(format!("{prefix}ratelimit-{name}"))?;
            value.to_str().ok()?.trim().parse::<u64>().ok()
        };
        let reset = number("reset")?;
        let reset = if reset > UNIX_TIME_THRESHOLD {
            UNIX_EPOCH.checked_add(Duration::from_secs(reset))?
        } else {
            SystemTime::now().checked_add(Duration::from_secs(reset))?
        };
        Some(RateLimit { limit: number("limit")?, remaining: number("remaining")?, reset })
    }

    /// Whether a response says the window is spent: a 429, or (as GitHub answers) a 403 whose
    /// rate limit has nothing remaining.
    pub(crate) fn exhausted(status: StatusCode, headers: &HeaderMap) -> bool {
        status == StatusCode::TOO_MANY_REQUESTS
            || (status == StatusCode::FORBIDDEN
                && RateLimit::from_headers(headers).is_some_and(|limit| limit.remaining == 0))
    }

    /// How long from now until the window resets; zero if it already has.
    pub fn reset_after(&self) -> Duration {
        self.reset.duration_since(SystemTime::now()).unwrap_or_default()
    }
}
