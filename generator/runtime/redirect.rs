//! Which redirects the client follows: only those that stay at the origin they started from.
//!
//! Credentials (a bearer token, an API key in a header, the query or a cookie) and the caller's
//! per-request headers are meant for the API's origin alone, and reqwest strips only
//! `Authorization` and `Cookie` when a redirect leaves the host. So a redirect to another origin
//! (scheme, host and port; https → http is one) is refused with an error rather than followed
//! with less, and the other origin receives nothing. Redirects within the origin are followed,
//! at most [`MAX_REDIRECTS`] in a row.

use std::fmt;

use reqwest::redirect::{Attempt, Policy};
use reqwest::{StatusCode, Url};

use super::defaults::MAX_REDIRECTS;
use super::Error;

/// Why a redirect was not followed. It travels inside a `reqwest::Error` (as a source) from
/// the policy to `send.rs`, where [`refusal`] turns it into an [`Error`].
#[derive(Debug)]
pub(crate) enum Refused {
    /// To another origin, named by its serialisation (`https://host:port`), never the full URL.
    CrossOrigin {
        status: StatusCode,
        origin: String,
    },
    TooMany {
        status: StatusCode,
    },
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::CrossOrigin { origin, .. } => write!(f, "a redirect to {origin} was refused"),
            Refused::TooMany { .. } => f.write_str("too many redirects"),
        }
    }
}

impl std::error::Error for Refused {}

/// The error for a request that failed because a redirect was refused, if it did.
pub(crate) fn refusal(error: &reqwest::Error) -> Option<Error> {
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        match error.downcast_ref::<Refused>() {
            Some(Refused::CrossOrigin { status, origin }) => {
                return Some(Error::CrossOriginRedirect { status: *status, origin: origin.clone() })
            }
            Some(Refused::TooMany { status }) => {
                return Some(Error::TooManyRedirects { status: *status, limit: MAX_REDIRECTS })
            }
            None => cause = error.source(),
        }
    }
    None
}

/// The redirect policy of the HTTP client the builder makes.
pub(crate) fn policy() -> Policy {
    Policy::custom(|attempt: Attempt<'_>| {
        match check(attempt.status(), attempt.url(), attempt.previous()) {
            Ok(()) => attempt.follow(),
            Err(refused) => attempt.error(refused),
        }
    })
}

/// Whether a redirect with `status` to `next` may be followed, after the URLs requested so far
/// (`previous`, the original request's first). Every hop is compared with the original request,
/// so a chain cannot step out of the origin through a page of its own.
fn check(status: StatusCode, next: &Url, previous: &[Url]) -> Result<(), Refused> {
    // An opaque origin (`data:`, `file:`…) equals nothing, so such a location is refused too.
    let origin = next.origin();
    if !previous.first().is_some_and(|first| first.origin() == origin) {
        return Err(Refused::CrossOrigin { status, origin: origin.ascii_serialization() });
    }
    // `previous` holds the original request and each redirect followed so far.
    if previous.len() > MAX_REDIRECTS {
        return Err(Refused::TooMany { status });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The policy's decisions, then each way of sending a secret against two real local servers
    //! (two ports, so two origins): a redirect to the other one leaves it with no request at all.

    use reqwest::{StatusCode, Url};
    use wiremock::matchers::{any, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::{check, Refused, MAX_REDIRECTS};
    use crate::runtime::{AuthScheme, Client, Endpoint, PathPart, RequestOptions};
    use crate::Error;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn only_the_original_origin_is_followed() {
        let found = StatusCode::FOUND;
        let start = [url("https://api.example.com/v2/a?api_key=k")];
        assert!(check(found, &url("https://api.example.com/v2/b"), &start).is_ok());
        // The default port is the same origin, spelt or not.
        assert!(check(found, &url("https://api.example.com:443/b"), &start).is_ok());
        for elsewhere in [
            "http://api.example.com/v2/a",
            "https://api.example.com:8443/v2/a",
            "https://evil.example.com/v2/a",
            "https://user:pw@evil.example.com/steal?api_key=k",
            "data:text/plain,hi",
        ] {
            match check(found, &url(elsewhere), &start) {
                Err(Refused::CrossOrigin { origin, .. }) => {
                    assert!(!origin.contains("steal") && !origin.contains("pw"), "{origin}");
                }
                other => panic!("{elsewhere}: {other:?}"),
            }
        }
        // A chain that stepped to a page of the origin still may not leave it.
        let chain = [url("https://api.example.com/a"), url("https://api.example.com/b")];
        assert!(check(found, &url("https://evil.example.com/"), &chain).is_err());
    }

    #[test]
    fn redirects_within_the_origin_are_limited() {
        let hops: Vec<Url> = (0..=MAX_REDIRECTS).map(|_| url("https://a.example/x")).collect();
        assert!(check(StatusCode::FOUND, &hops[0], &hops[..MAX_REDIRECTS]).is_ok());
        let refused = check(StatusCode::FOUND, &hops[0], &hops);
        assert!(matches!(refused, Err(Refused::TooMany { .. })), "{refused:?}");
    }

    /// The API server redirects every request to `other`, which would answer anything.
    async fn redirecting_servers(status: u16) -> (MockServer, MockServer) {
        let (api, other) = (MockServer::start().await, MockServer::start().await);
        let location = format!("{}/steal?next=1", other.uri());
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status).insert_header("location", location))
            .mount(&api)
            .await;
        Mock::given(any()).respond_with(ResponseTemplate::new(200)).mount(&other).await;
        (api, other)
    }

    #[tokio::test]
    async fn no_credential_of_any_scheme_follows_a_redirect_to_another_origin() {
        for status in [301, 302, 303, 307, 308] {
            for scheme in [
                AuthScheme::Bearer,
                AuthScheme::ApiKeyHeader("X-Api-Key"),
                AuthScheme::ApiKeyQuery("api_key"),
                AuthScheme::ApiKeyCookie("token"),
            ] {
                let (api, other) = redirecting_servers(status).await;
                let client = Client::builder()
                    .scheme(scheme)
                    .base_url(api.uri())
                    .token("s3cret")
                    .max_retries(0)
                    .build()
                    .unwrap();
                let mut options = RequestOptions::default();
                options.header("x-caller", "private");
                let mut request = client
                    .request(
                        Endpoint::test(reqwest::Method::POST),
                        [PathPart::Literal("/probe")],
                        options,
                    )
                    .finish()
                    .unwrap();
                request.json(&serde_json::json!({"card": "4242"})).unwrap();

                let err = request.send().await.unwrap_err();

                assert!(other.received_requests().await.unwrap().is_empty(), "{scheme:?}");
                match &err {
                    Error::CrossOriginRedirect { status: got, origin } => {
                        assert_eq!(got.as_u16(), status);
                        assert_eq!(origin, &other.uri());
                    }
                    other => panic!("{status} {scheme:?}: {other:?}"),
                }
                let shown = format!("{err} {err:?}");
                assert!(!shown.contains("s3cret") && !shown.contains("steal"), "{shown}");
                assert_eq!(api.received_requests().await.unwrap().len(), 1);
            }
        }
    }

    #[tokio::test]
    async fn a_redirect_within_the_origin_keeps_the_credentials_and_sends_no_referer() {
        let api = MockServer::start().await;
        let moved = ResponseTemplate::new(307).insert_header("location", "/new?page=2");
        Mock::given(path("/old")).respond_with(moved).mount(&api).await;
        Mock::given(path("/new")).respond_with(ResponseTemplate::new(204)).mount(&api).await;
        let client = Client::builder()
            .scheme(AuthScheme::ApiKeyHeader("X-Api-Key"))
            .base_url(api.uri())
            .token("s3cret")
            .build()
            .unwrap();
        let request = client
            .request(
                Endpoint::test(reqwest::Method::GET),
                [PathPart::Literal("/old")],
                RequestOptions::default(),
            )
            .finish()
            .unwrap();

        request.send().await.unwrap();

        let requests = api.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[1].url.path(), "/new");
        assert_eq!(requests[1].headers.get("x-api-key").unwrap(), "s3cret");
        // A Referer would repeat the first URL, query included.
        assert!(requests[1].headers.get("referer").is_none(), "{:?}", requests[1].headers);
    }

    #[tokio::test]
    async fn a_redirect_loop_within_the_origin_stops() {
        let api = MockServer::start().await;
        let again = ResponseTemplate::new(302).insert_header("location", "/loop");
        Mock::given(any()).respond_with(again).mount(&api).await;
        let client = Client::builder()
            .scheme(AuthScheme::Bearer)
            .base_url(api.uri())
            .token("t")
            .build()
            .unwrap();
        let request = client
            .request(
                Endpoint::test(reqwest::Method::GET),
                [PathPart::Literal("/loop")],
                RequestOptions::default(),
            )
            .finish()
            .unwrap();

        let err = request.send().await.unwrap_err();

        assert!(matches!(err, Error::TooManyRedirects { limit: MAX_REDIRECTS, .. }), "{err:?}");
        assert_eq!(api.received_requests().await.unwrap().len(), MAX_REDIRECTS + 1);
    }
}
