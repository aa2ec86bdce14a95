//! The client and its builder: base URL, credentials, timeouts, retries and the HTTP client.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::auth::{AuthScheme, Credentials};
use super::defaults::{CONNECT_TIMEOUT, MAX_PAGES, MAX_RESPONSE_SIZE, TIMEOUT};
use super::redirect;
use super::retry::RetryPolicy;
use super::{Error, RateLimit};

/// The API client. Cheap to clone; clones share one connection pool, one configuration and one
/// [`last_rate_limit`](Client::last_rate_limit).
///
/// Neither `Debug` nor any error ever shows the token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    retry: RetryPolicy,
    max_response_size: usize,
    max_pages: usize,
    last_rate_limit: Mutex<Option<RateLimit>>,
}

impl Client {
    /// A client for the spec's server that authenticates with `token`, sent where the API's
    /// security scheme says (see the crate docs). A token that cannot be sent (as a header
    /// value, say) is refused here with [`Error::Config`], up front rather than by a panic.
    pub fn new(token: impl Into<String>) -> Result<Client, Error> {
        Client::builder().token(token).build()
    }

    /// A builder for a client with another base URL, HTTP client, timeouts or retry policy.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The redirect policy of the HTTP client the builder makes: redirects to another origin
    /// (scheme, host or port) are refused with [`Error::CrossOriginRedirect`], so no credential
    /// or header reaches it, and at most 5 redirects within the origin are followed. A
    /// client of your own for [`ClientBuilder::http_client`] gets the same with
    /// `reqwest::Client::builder().redirect(Client::redirect_policy()).referer(false)`.
    pub fn redirect_policy() -> reqwest::redirect::Policy {
        redirect::policy()
    }

    /// The URL that request paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The rate limit reported by the latest response to any request of this client or its
    /// clones; `None` until a response has carried the `ratelimit-*` headers.
    pub fn last_rate_limit(&self) -> Option<RateLimit> {
        *self.inner.last_rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn record_rate_limit(&self, rate_limit: RateLimit) {
        *self.inner.last_rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Some(rate_limit);
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }

    pub(crate) fn max_response_size(&self) -> usize {
        self.inner.max_response_size
    }

    pub(crate) fn max_pages(&self) -> usize {
        self.inner.max_pages
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    /// Where the token goes: the API's scheme, changed only by the runtime's own tests.
    scheme: AuthScheme,
    token: Option<String>,
    basic: Option<(String, String)>,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    max_response_size: Option<usize>,
    max_pages: Option<usize>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            scheme: crate::AUTH,
            token: None,
            basic: None,
            base_url: None,
            http: None,
            timeout: None,
            connect_timeout: None,
            retry: RetryPolicy::default(),
            max_response_size: None,
            max_pages: None,
        }
    }
}

impl ClientBuilder {
    #[cfg(test)]
    pub(crate) fn scheme(mut self, scheme: AuthScheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The token sent with every request, where the API's security scheme says.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// HTTP basic credentials sent with every request.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some((user.into(), password.into()));
        self
    }

    /// The token from the first of `names` that is set and not empty; an error naming them all
    /// if none is. The generated crate's `token_from_env` calls it with the variables its
    /// settings file names, and has no such method when it names none.
    pub(crate) fn token_from_vars(self, names: &[&str]) -> Result<Self, Error> {
        let found = (names.iter())
            .find_map(|name| std::env::var(name).ok().filter(|value| !value.trim().is_empty()));
        match found {
            Some(token) => Ok(self.token(token.trim())),
            None => Err(Error::Config(format!(
                "no API token: set the environment variable {}",
                names.join(" or ")
            ))),
        }
    }

    /// Another base URL, such as a test server's; the default is the spec's first server. It
    /// may not hold a user name or password (`https://user:pass@host`): give credentials with
    /// `token` or `basic_auth`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// A `reqwest::Client` of the caller's own; the builder's timeouts then do not apply, but
    /// per-request timeouts still do.
    ///
    /// Redirects then follow that client's policy, which the runtime cannot change. reqwest's
    /// default follows up to ten redirects to any host and drops only `Authorization` and
    /// `Cookie` on the way, so an API key in another header, headers added with `.header()`,
    /// and (through `Referer`) an API key in the query would reach whatever host the server
    /// names. Build the client with [`Client::redirect_policy`] and `.referer(false)` to get the
    /// builder's own guarantees back.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The longest one attempt of a request may take, response body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (default 2; 0 turns retries off). Only
    /// idempotent methods are retried, unless a request opts in with `.idempotent(true)`.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The longest the client waits before one retry (default 60 s). When the server asks
    /// for a longer wait (`Retry-After`, or a rate-limit reset), its error is returned at once.
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.retry.max_wait = wait;
        self
    }

    /// The largest response body accepted, in bytes (default 64 MiB); a larger one fails the
    /// request with [`Error::TooLarge`].
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// How many pages `pages()` and `items()` fetch at most (default 10,000); one more page
    /// ends the stream with [`Error::TooManyPages`]. A guard against a server whose next links
    /// never end; a link back to a page already fetched ends the stream anyway.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Checks the settings and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.unwrap_or_else(|| crate::DEFAULT_BASE_URL.to_owned());
        match reqwest::Url::parse(&base_url) {
            Ok(url) if !url.username().is_empty() || url.password().is_some() => {
                return Err(Error::Config(format!(
                    "base URL {} holds a user name or password: give credentials with token or basic_auth instead",
                    shown_url(&base_url)
                )))
            }
            Ok(url) if matches!(url.scheme(), "http" | "https") => {}
            _ => {
                return Err(Error::Config(format!(
                    "base URL {} is not an absolute http(s) URL",
                    shown_url(&base_url)
                )))
            }
        }
        let basic = self.basic.as_ref().map(|(user, password)| (user.as_str(), password.as_str()));
        let credentials = Credentials::new(self.scheme, self.token.as_deref(), basic)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .timeout(self.timeout.unwrap_or(TIMEOUT))
                .connect_timeout(self.connect_timeout.unwrap_or(CONNECT_TIMEOUT))
                .redirect(redirect::policy())
                .referer(false)
                .build()
                .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?,
        };
        let inner = Inner {
            http,
            base_url,
            credentials,
            retry: self.retry,
            max_response_size: self.max_response_size.unwrap_or(MAX_RESPONSE_SIZE),
            max_pages: self.max_pages.unwrap_or(MAX_PAGES),
            last_rate_limit: Mutex::new(None),
        };
        Ok(Client { inner: Arc::new(inner) })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("basic_auth", &self.basic.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url.as_deref().map(shown_url))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A base URL as it may be shown in `Debug` and errors: without a user name or password. Other
/// text is not shown at all if it has an `@`, which might follow a password (`user:pw@host`
/// parses as a URL of scheme `user`).
fn shown_url(text: &str) -> String {
    match reqwest::Url::parse(text) {
        Ok(mut url) if matches!(url.scheme(), "http" | "https") => {
            // Neither fails for an http(s) URL.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            format!("{:?}", url.as_str())
        }
        _ if text.contains('@') => "(not shown, as it contains '@')".to_owned(),
        _ => format!("{text:?}"),
    }
}
