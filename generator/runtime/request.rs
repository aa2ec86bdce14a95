//! Building one request: its path, parameters and body. `send.rs` sends it.

use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use serde_json::Value;

use super::encode::{bracketed, form, multipart};
use super::params::{joined, path_text, texts, to_json, PathStyle, Style};
use super::{Client, Error, RequestOptions};

/// What a cookie value may not hold as it is (RFC 6265's cookie-octet excludes these).
const COOKIE_VALUE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');

/// A piece of a request path: template text, a parameter's value, escaped, or why a
/// parameter's value cannot be one.
#[derive(Debug)]
pub(crate) enum PathPart {
    Literal(&'static str),
    Param(String),
    Invalid(Error),
}

impl PathPart {
    /// The path parameter `name` with `value`, spelled out in `style`; a value that cannot be
    /// spelled out is kept as the request's problem.
    pub(crate) fn param(name: &str, style: PathStyle, value: &impl Serialize) -> PathPart {
        match to_json(name, value).and_then(|json| path_text(name, style, json)) {
            Ok(text) => PathPart::Param(text),
            Err(error) => PathPart::Invalid(error),
        }
    }
}

/// An operation as the spec names it. Traces show these rather than the URL, whose path holds
/// parameter values and whose query may hold a credential.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    /// The operationId, or the name made from method and path.
    pub(crate) operation_id: &'static str,
    pub(crate) method: Method,
    /// The spec's path template, `/v2/images/{image_id}`.
    pub(crate) path: &'static str,
}

#[cfg(test)]
impl Endpoint {
    /// An endpoint for the runtime's own tests, which send requests of no operation.
    pub(crate) fn test(method: Method) -> Endpoint {
        Endpoint { operation_id: "test", method, path: "/test" }
    }
}

/// A request ready to send, and to send again: retries and later pages reuse it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(super) client: Client,
    pub(super) endpoint: Endpoint,
    pub(super) url: Url,
    pub(super) query: Vec<(String, String)>,
    /// Header and cookie parameters of the operation.
    pub(super) headers: Vec<(HeaderName, HeaderValue)>,
    pub(super) cookies: Vec<String>,
    /// The body and its content type.
    pub(super) body: Option<(Bytes, HeaderValue)>,
    pub(super) options: RequestOptions,
}

impl Client {
    /// Starts a request for `endpoint` to the base URL plus `path`.
    pub(crate) fn request<const N: usize>(
        &self,
        endpoint: Endpoint,
        path: [PathPart; N],
        options: RequestOptions,
    ) -> Draft {
        Draft { request: start(self, endpoint, path, options) }
    }
}

/// A request for `endpoint` with the operation's path, before its parameters and body (a
/// function, as any method of `Client` is a name no tag can have).
fn start<const N: usize>(
    client: &Client,
    endpoint: Endpoint,
    path: [PathPart; N],
    options: RequestOptions,
) -> Result<Request, Error> {
    let mut url = client.base_url().trim_end_matches('/').to_owned();
    for part in path {
        match part {
            PathPart::Literal(text) => url.push_str(text),
            PathPart::Param(text) => url.push_str(&text),
            PathPart::Invalid(error) => return Err(error),
        }
    }
    let url =
        Url::parse(&url).map_err(|e| Error::InvalidRequest(format!("bad URL {url:?}: {e}")))?;
    // Appended to the base URL, a path could name another host (`https://api.example.com` and
    // `@evil.example/x` make a user name and `evil.example`). The generator refuses paths that
    // do not start with `/` and escapes parameter values; this check holds whatever made the
    // path, before anything is sent. Origins only in the message: the URL holds values.
    let base = Url::parse(client.base_url()).map(|base| base.origin());
    if base.as_ref().ok() != Some(&url.origin()) {
        return Err(Error::InvalidRequest(format!(
            "the request's URL is not at the base URL's origin ({}) but at {}; it is not sent",
            base.map_or_else(|_| "none".to_owned(), |origin| origin.ascii_serialization()),
            url.origin().ascii_serialization()
        )));
    }
    if let Some(problem) = &options.invalid {
        return Err(Error::InvalidRequest(problem.clone()));
    }
    if let Some((key, _)) = &client.credentials().query {
        if options.extra_query.iter().any(|(name, _)| name == key) {
            return Err(Error::InvalidRequest(format!(
                "extra query parameter {key} is where the client sends its credential"
            )));
        }
    }
    Ok(Request {
        client: client.clone(),
        endpoint,
        url,
        query: Vec::new(),
        headers: Vec::new(),
        cookies: Vec::new(),
        body: None,
        options,
    })
}

/// A request being filled in by an operation's parameters and body. It keeps the first
/// problem and skips every step after it, so that an operation's code checks for none: the
/// problem comes out of [`finish`](Draft::finish), and from there out of the request's future.
#[derive(Debug)]
pub(crate) struct Draft {
    request: Result<Request, Error>,
}

impl Draft {
    /// The request, or the first problem found while filling it in.
    pub(crate) fn finish(self) -> Result<Request, Error> {
        self.request
    }

    /// Adds a query parameter in `style`; nothing for `None`, `null` or an empty list.
    pub(crate) fn query(&mut self, name: &str, style: Style, value: Option<&impl Serialize>) {
        self.step(|request| request.query(name, style, value));
    }

    /// Adds a header parameter (see [`Request::header`]).
    pub(crate) fn header(&mut self, name: &'static str, value: Option<&impl Serialize>) {
        self.step(|request| request.header(name, value));
    }

    /// Adds a cookie parameter (see [`Request::cookie`]).
    pub(crate) fn cookie(&mut self, name: &'static str, value: Option<&impl Serialize>) {
        self.step(|request| request.cookie(name, value));
    }

    /// Sets a JSON body (see [`Request::json`]).
    pub(crate) fn json(&mut self, body: &impl Serialize) {
        self.step(|request| request.json(body));
    }

    /// Sets a form body (see [`Request::form`]).
    pub(crate) fn form(&mut self, body: &impl Serialize) {
        self.step(|request| request.form(body));
    }

    /// Sets a multipart body (see [`Request::multipart`]).
    pub(crate) fn multipart(&mut self, body: &impl Serialize) {
        self.step(|request| request.multipart(body));
    }

    /// Sets a body of raw bytes (see [`Request::bytes`]).
    pub(crate) fn bytes(&mut self, body: Bytes, content_type: &'static str) {
        self.step(|request| request.bytes(body, content_type));
    }

    fn step(&mut self, fill: impl FnOnce(&mut Request) -> Result<(), Error>) {
        if let Ok(request) = &mut self.request {
            if let Err(problem) = fill(request) {
                self.request = Err(problem);
            }
        }
    }
}

impl Request {
    /// Adds a query parameter in `style`; nothing for `None`, `null` or an empty list.
    pub(crate) fn query(
        &mut self,
        name: &str,
        style: Style,
        value: Option<&impl Serialize>,
    ) -> Result<(), Error> {
        match value {
            Some(value) => self.query_json(name, style, to_json(name, value)?),
            None => Ok(()),
        }
    }

    fn query_json(&mut self, name: &str, style: Style, value: Value) -> Result<(), Error> {
        match style {
            Style::DeepObject => bracketed(name.to_owned(), &value, &mut self.query),
            Style::Repeated => {
                let pairs = texts(name, value)?.into_iter().map(|text| (name.to_owned(), text));
                self.query.extend(pairs);
            }
            Style::Joined(separator) => {
                let texts = texts(name, value)?;
                if !texts.is_empty() {
                    self.query.push((name.to_owned(), texts.join(separator)));
                }
            }
        }
        Ok(())
    }

    /// Adds a header parameter, a list joined with `,`; a value that cannot be a header value
    /// is refused.
    pub(crate) fn header(
        &mut self,
        name: &'static str,
        value: Option<&impl Serialize>,
    ) -> Result<(), Error> {
        let Some(value) = value else { return Ok(()) };
        self.header_json(name, to_json(name, value)?)
    }

    fn header_json(&mut self, name: &'static str, value: Value) -> Result<(), Error> {
        let Some(value) = joined(name, value)? else { return Ok(()) };
        let invalid =
            || Error::InvalidRequest(format!("the value of header parameter {name} is not valid"));
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let value = HeaderValue::try_from(value).map_err(|_| invalid())?;
        self.headers.push((name, value));
        Ok(())
    }

    /// Adds a cookie parameter, a list joined with `,`, its value percent-encoded where a
    /// cookie cannot hold it.
    pub(crate) fn cookie(
        &mut self,
        name: &'static str,
        value: Option<&impl Serialize>,
    ) -> Result<(), Error> {
        let Some(value) = value else { return Ok(()) };
        if let Some(value) = joined(name, to_json(name, value)?)? {
            self.cookies.push(format!("{name}={}", utf8_percent_encode(&value, COOKIE_VALUE)));
        }
        Ok(())
    }

    /// Sets a JSON body, with the caller's extra fields merged in.
    pub(crate) fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        if !self.options.extra_body.is_empty() {
            let body = self.with_extra_fields(body)?;
            return self.json(&body);
        }
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidRequest(format!("body does not serialise: {e}")))?;
        self.bytes(bytes.into(), "application/json")
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object.
    pub(crate) fn form(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let text = form(&self.with_extra_fields(body)?);
        self.bytes(text.into(), "application/x-www-form-urlencoded")
    }

    /// Sets a `multipart/form-data` body from an object, one part per property.
    pub(crate) fn multipart(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let (bytes, content_type) = multipart(&self.with_extra_fields(body)?);
        let content_type = HeaderValue::try_from(content_type)
            .map_err(|_| Error::InvalidRequest("bad multipart boundary".into()))?;
        self.body = Some((bytes.into(), content_type));
        Ok(())
    }

    /// Sets a body of raw bytes with its content type.
    pub(crate) fn bytes(&mut self, body: Bytes, content_type: &'static str) -> Result<(), Error> {
        let content_type = HeaderValue::from_str(content_type).map_err(|_| {
            Error::InvalidRequest(format!("{content_type:?} is not a valid content type"))
        })?;
        self.body = Some((body, content_type));
        Ok(())
    }

    /// `body` as a JSON object (for JSON with extra fields, and for encodings that make one
    /// field per property) with the caller's extra fields set in it, replacing the body's own of
    /// the same name. They are taken, so that sending can tell whether a body took them.
    fn with_extra_fields(
        &mut self,
        body: &impl Serialize,
    ) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
        let extra = std::mem::take(&mut self.options.extra_body);
        match serde_json::to_value(body) {
            Ok(serde_json::Value::Object(mut object)) => {
                object.extend(extra);
                Ok(object)
            }
            Ok(_) if !extra.is_empty() => Err(Error::InvalidRequest(format!(
                "extra body fields ({}) need a body that is a JSON object, and this one is not",
                names(&extra)
            ))),
            Ok(_) => Err(Error::InvalidRequest("the body is not an object".into())),
            Err(e) => Err(Error::InvalidRequest(format!("body does not serialise: {e}"))),
        }
    }
}

/// The keys of `fields`, for a message: never their values, which may be secrets.
pub(crate) fn names(fields: &serde_json::Map<String, serde_json::Value>) -> String {
    fields.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::{Client, Endpoint, PathPart, PathStyle, RequestOptions, Style};
    use crate::Error;

    fn client() -> Client {
        Client::builder().base_url("http://127.0.0.1:9").build().unwrap()
    }

    #[test]
    fn a_draft_keeps_its_first_problem_and_skips_every_later_step() {
        let mut draft = client().request(
            Endpoint::test(reqwest::Method::GET),
            [PathPart::Literal("/things")],
            RequestOptions::default(),
        );
        draft.query("page", Style::Repeated, Some(&2));
        draft.header("x-note", Some(&"line\nbreak"));
        draft.cookie("session", Some(&serde_json::json!(["not", {"a": "text"}])));
        let problem = draft.finish().unwrap_err();
        assert!(problem.to_string().contains("header parameter x-note"), "{problem}");

        let mut draft = client().request(
            Endpoint::test(reqwest::Method::GET),
            [PathPart::Literal("/things")],
            RequestOptions::default(),
        );
        draft.query("page", Style::Repeated, Some(&2));
        assert_eq!(draft.finish().unwrap().url.as_str(), "http://127.0.0.1:9/things");
    }

    #[test]
    fn a_path_parameter_that_cannot_be_spelled_out_is_the_requests_problem() {
        let mut draft = client().request(
            Endpoint::test(reqwest::Method::GET),
            [
                PathPart::Literal("/things/"),
                PathPart::param("id", PathStyle::Simple, &".."),
                PathPart::param("other", PathStyle::Simple, &"."),
            ],
            RequestOptions::default(),
        );
        draft.json(&serde_json::json!({}));
        let problem = draft.finish().unwrap_err();
        assert!(problem.to_string().contains("path parameter id"), "{problem}");
    }

    #[tokio::test]
    async fn a_path_that_would_name_another_host_sends_nothing_anywhere() {
        // What `@evil.example/steal` appended to `https://api.example.com` was: a user name,
        // then another host. The generator refuses such a path; the runtime does not rely on it.
        let (api, other) = (MockServer::start().await, MockServer::start().await);
        for server in [&api, &other] {
            Mock::given(any()).respond_with(ResponseTemplate::new(200)).mount(server).await;
        }
        let client =
            Client::builder().base_url(api.uri()).token("s3cret").max_retries(0).build().unwrap();
        let path: &'static str = Box::leak(format!("@{}/steal", other.address()).into_boxed_str());

        let draft = client.request(
            Endpoint::test(reqwest::Method::GET),
            [PathPart::Literal(path)],
            RequestOptions::default(),
        );
        let sent = match draft.finish() {
            Ok(request) => request.send().await.map(drop),
            Err(refused) => Err(refused),
        };

        assert!(other.received_requests().await.unwrap().is_empty(), "{sent:?}");
        assert!(api.received_requests().await.unwrap().is_empty(), "{sent:?}");
        let err = sent.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
        let shown = format!("{err} {err:?}");
        assert!(shown.contains(&other.uri()) && shown.contains(&api.uri()), "{shown}");
        assert!(!shown.contains("s3cret") && !shown.contains("steal"), "{shown}");
    }
}
