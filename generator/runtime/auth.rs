//! Where the client's credentials go, as the API's security scheme says.

use std::fmt;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use super::Error;

/// How the API takes a secret: the generated crate's `AUTH` names one.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AuthScheme {
    /// The spec names no scheme; a token is sent as a bearer token.
    None,
    Bearer,
    /// HTTP basic authentication, set with `ClientBuilder::basic_auth`.
    Basic,
    ApiKeyHeader(&'static str),
    ApiKeyQuery(&'static str),
    ApiKeyCookie(&'static str),
}

/// The credentials every request carries, ready to put on the wire. Values are marked
/// sensitive, and `Debug` shows none of them.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// A query parameter `(name, value)`; its presence keeps URLs out of errors.
    pub(crate) query: Option<(&'static str, String)>,
    /// A cookie `name=value`, joined with any cookie parameters of a request.
    pub(crate) cookie: Option<String>,
}

impl Credentials {
    /// The credentials for `token` and/or `basic` (user, password) under `scheme`.
    pub(crate) fn new(
        scheme: AuthScheme,
        token: Option<&str>,
        basic: Option<(&str, &str)>,
    ) -> Result<Credentials, Error> {
        let mut credentials = Credentials::default();
        if let Some((user, password)) = basic {
            let encoded =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            credentials.headers.push((AUTHORIZATION, sensitive(&format!("Basic {encoded}"))?));
        }
        let Some(token) = token else { return Ok(credentials) };
        match scheme {
            AuthScheme::None | AuthScheme::Bearer => {
                credentials.headers.push((AUTHORIZATION, sensitive(&format!("Bearer {token}"))?));
            }
            AuthScheme::Basic => {
                return Err(Error::Config(
                    "this API uses HTTP basic authentication: give a user and password with basic_auth, not a token".into(),
                ))
            }
            AuthScheme::ApiKeyHeader(name) => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::Config(format!("{name:?} is not a valid header name")))?;
                credentials.headers.push((name, sensitive(token)?));
            }
            AuthScheme::ApiKeyQuery(name) => credentials.query = Some((name, token.to_owned())),
            AuthScheme::ApiKeyCookie(name) => {
                if token.contains([';', ',', ' ']) {
                    return Err(invalid_token());
                }
                credentials.cookie = Some(format!("{name}={token}"));
            }
        }
        Ok(credentials)
    }
}

fn sensitive(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value).map_err(|_| invalid_token())?;
    value.set_sensitive(true);
    Ok(value)
}

fn invalid_token() -> Error {
    Error::Config("the credentials contain characters not allowed in a header".into())
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = !self.headers.is_empty() || self.query.is_some() || self.cookie.is_some();
        f.write_str(if set { "<redacted>" } else { "None" })
    }
}

#[cfg(test)]
mod tests {
    //! Each scheme against a real local server: where the secret goes, and that it shows
    //! nowhere else.

    use wiremock::matchers::{any, header};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::AuthScheme;
    use crate::runtime::{Client, Endpoint, PathPart, RequestOptions};

    /// A GET with a cookie parameter, to see it joined with a cookie credential.
    async fn send(client: &Client) -> Result<(), crate::Error> {
        let mut request = client.request(
            Endpoint::test(reqwest::Method::GET),
            [PathPart::Literal("/probe")],
            RequestOptions::default(),
        );
        request.cookie("session", Some(&"a b;c"));
        request.finish()?.send().await.map(drop)
    }

    fn client(server: &MockServer, scheme: AuthScheme) -> Client {
        let builder = Client::builder().scheme(scheme).base_url(server.uri()).max_retries(0);
        builder.token("s3cret").build().unwrap()
    }

    #[tokio::test]
    async fn each_scheme_puts_the_token_in_its_place() {
        let server = MockServer::start().await;
        let ok = ResponseTemplate::new(204);

        for (scheme, check) in [
            (AuthScheme::Bearer, "authorization: Bearer s3cret"),
            (AuthScheme::None, "authorization: Bearer s3cret"),
            (AuthScheme::ApiKeyHeader("X-Api-Key"), "x-api-key: s3cret"),
            (AuthScheme::ApiKeyQuery("api_key"), "?api_key=s3cret"),
            (AuthScheme::ApiKeyCookie("token"), "cookie: token=s3cret; session=a%20b%3Bc"),
        ] {
            server.reset().await;
            Mock::given(any()).respond_with(ok.clone()).mount(&server).await;
            send(&client(&server, scheme)).await.unwrap();
            let request = &server.received_requests().await.unwrap()[0];
            let mut seen = format!("?{}", request.url.query().unwrap_or_default());
            for (name, value) in &request.headers {
                seen.push_str(&format!("\n{name}: {}", value.to_str().unwrap()));
            }
            assert!(seen.contains(check), "{scheme:?}: {seen}");
            assert_eq!(seen.matches("s3cret").count(), 1, "{scheme:?} sent the token once: {seen}");
        }
    }

    #[tokio::test]
    async fn basic_auth_is_encoded_and_a_token_is_refused_for_a_basic_api() {
        let server = MockServer::start().await;
        // "user:pa ss" in base64.
        Mock::given(header("authorization", "Basic dXNlcjpwYSBzcw=="))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let client = Client::builder()
            .scheme(AuthScheme::Basic)
            .base_url(server.uri())
            .basic_auth("user", "pa ss")
            .build()
            .unwrap();
        send(&client).await.unwrap();
        assert!(!format!("{client:?}").contains("dXNlcjpwYSBzcw"));

        let refused = Client::builder().scheme(AuthScheme::Basic).token("t").build().unwrap_err();
        assert!(matches!(refused, crate::Error::Config(_)), "{refused:?}");
    }

    #[tokio::test]
    async fn a_query_key_never_shows_in_an_error() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let client = Client::builder()
            .scheme(AuthScheme::ApiKeyQuery("api_key"))
            .base_url(format!("http://127.0.0.1:{port}"))
            .token("s3cret")
            .max_retries(0)
            .build()
            .unwrap();
        let err = send(&client).await.unwrap_err();
        assert!(matches!(err, crate::Error::Transport { .. }), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("s3cret"), "{err:?}");
    }

    #[tokio::test]
    async fn an_extra_query_parameter_cannot_take_the_place_of_a_query_key() {
        let server = MockServer::start().await;
        let client = client(&server, AuthScheme::ApiKeyQuery("api_key"));
        let mut options = RequestOptions::default();
        options.extra_query.push(("api_key".into(), "another".into()));

        let refused = client
            .request(Endpoint::test(reqwest::Method::GET), [PathPart::Literal("/probe")], options)
            .finish()
            .unwrap_err();

        assert!(matches!(refused, crate::Error::InvalidRequest(_)), "{refused:?}");
        assert!(refused.to_string().contains("api_key"), "{refused}");
        assert!(!refused.to_string().contains("another"), "{refused}");
    }
}
