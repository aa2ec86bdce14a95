//! The `ratelimit-*` response headers, read on every response.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// The API's rate limit as of one response: how many requests the window allows, how many are
/// left, and when the window resets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window (`ratelimit-limit`).
    pub limit: u64,
    /// Requests left in the current window (`ratelimit-remaining`).
    pub remaining: u64,
    /// When the window resets (`ratelimit-reset`).
    pub reset: SystemTime,
}

/// `ratelimit-reset` values above this are Unix times; smaller ones are seconds from now, as
/// the IETF RateLimit header draft has them. Ten years of seconds separates the two safely.
const UNIX_TIME_THRESHOLD: u64 = 10 * 365 * 24 * 60 * 60;

impl RateLimit {
    /// Reads the three headers; `None` unless all are present and numeric.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let reset = number("ratelimit-reset")?;
        let reset = if reset > UNIX_TIME_THRESHOLD {
            UNIX_EPOCH.checked_add(Duration::from_secs(reset))?
        } else {
            SystemTime::now().checked_add(Duration::from_secs(reset))?
        };
        Some(RateLimit {
            limit: number("ratelimit-limit")?,
            remaining: number("ratelimit-remaining")?,
            reset,
        })
    }

    /// How long from now until the window resets; zero if it already has.
    pub fn reset_after(&self) -> Duration {
        self.reset.duration_since(SystemTime::now()).unwrap_or_default()
    }
}
