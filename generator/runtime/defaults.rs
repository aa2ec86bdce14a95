//! The client's defaults and limits, in plain `std` types. The generator compiles this file too
//! (`emit/facts.rs`), so the README it writes states these very numbers.

use std::time::Duration;

/// The statuses a request is retried on: a timeout, throttling, or a passing server fault.
pub(crate) const RETRY_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

/// Retries after the first attempt, unless the builder or the request says otherwise.
pub(crate) const MAX_RETRIES: u32 = 2;

/// The longest single wait before a retry; a server asking for more gets its error at once.
pub(crate) const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// The first backoff ceiling, doubled each attempt up to [`BACKOFF_CAP`].
pub(crate) const BACKOFF_BASE: Duration = Duration::from_millis(500);

/// The highest backoff ceiling.
pub(crate) const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// The longest one attempt may take, response body included.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(60);

/// The longest connecting may take.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest response body accepted: far above any page the API sends.
pub(crate) const MAX_RESPONSE_SIZE: usize = 64 * 1024 * 1024;

/// The most pages `pages()` and `items()` fetch: a million items at 100 a page.
pub(crate) const MAX_PAGES: usize = 10_000;

/// The most redirects within the origin followed for one request; an API needs one or two.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// The methods retried without the request's `.idempotent(true)`: those HTTP defines as
/// idempotent, so a repeat cannot do more than the first.
pub(crate) const IDEMPOTENT_METHODS: [&str; 5] = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];
