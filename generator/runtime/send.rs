//! Sending a request: the retry loop, one attempt on the wire, and turning the last
//! attempt's outcome into the caller's result.

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, COOKIE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::error::{decode_path, snippet};
use super::redirect::refusal;
use super::request::names;
use super::retry::{
    backoff, is_idempotent, is_retryable_failure, is_retryable_response, wait_after_response,
};
use super::{trace, ByteStream, Error, RateLimit, Request, Response};

/// A response before its body is decoded.
pub(super) struct RawResponse {
    pub(super) status: StatusCode,
    headers: HeaderMap,
    body: RawBody,
}

/// A body read in full, or (for a successful streamed request) not read yet.
enum RawBody {
    Read(Bytes),
    Unread(reqwest::Response),
}

/// Why an attempt got no complete response.
pub(super) enum Failure {
    Http(reqwest::Error),
    TooLarge(StatusCode),
    /// Something in the request cannot be sent; found only when putting it on the wire.
    Invalid(String),
}

impl Failure {
    /// What kind of failure this is, in words that quote nothing of the request.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Failure::Http(error) if error.is_timeout() => "timeout",
            Failure::Http(error) if error.is_connect() => "connection failed",
            Failure::Http(_) => "request failed",
            Failure::TooLarge(_) => "response too large",
            Failure::Invalid(_) => "invalid request",
        }
    }
}

impl Request {
    /// Sends the request and returns the successful response's body as a stream of chunks,
    /// read as they arrive (and not bound by the client's size limit).
    pub(crate) async fn send_stream(self) -> Result<Response<ByteStream>, Error> {
        let response = self.send_with(true).await?;
        Ok(response.map(|body| match body {
            RawBody::Unread(response) => ByteStream::new(response),
            RawBody::Read(bytes) => ByteStream::from_bytes(bytes),
        }))
    }

    /// Sends the request and reads the whole body of its successful response.
    pub(crate) async fn send(self) -> Result<Response<Bytes>, Error> {
        let response = self.send_with(false).await?;
        Ok(response.map(|body| match body {
            RawBody::Read(bytes) => bytes,
            // Only a streamed request leaves a body unread.
            RawBody::Unread(_) => Bytes::new(),
        }))
    }

    /// Sends the request, retrying as the client and the request allow, inside one `request`
    /// span. A status other than 2XX becomes an error; a successful body is left unread when
    /// `stream` is set.
    async fn send_with(self, stream: bool) -> Result<Response<RawBody>, Error> {
        if !self.options.extra_body.is_empty() {
            return Err(Error::InvalidRequest(format!(
                "extra body fields ({}) were given, but this request sends no JSON, form or multipart body to set them in",
                names(&self.options.extra_body)
            )));
        }
        let span = trace::request_span(&self.endpoint);
        let started = tokio::time::Instant::now();
        let result = self.send_with_retries(stream).instrument(span.clone()).await;
        trace::record_outcome(&span, &result, started.elapsed());
        result
    }

    async fn send_with_retries(&self, stream: bool) -> Result<Response<RawBody>, Error> {
        let policy = self.client.retry_policy();
        let max_retries = self.options.max_retries.unwrap_or(policy.max_retries);
        let may_retry = is_idempotent(&self.endpoint.method) || self.options.idempotent;
        let mut attempts = 1;
        loop {
            let outcome = self.send_once(stream).await;
            if let Some(rate_limit) =
                outcome.as_ref().ok().and_then(|raw| RateLimit::from_headers(&raw.headers))
            {
                self.client.record_rate_limit(rate_limit);
            }
            let retries_left = may_retry && attempts <= max_retries;
            let wait = match &outcome {
                Ok(raw) if retries_left && is_retryable_response(raw.status, &raw.headers) => {
                    Some(wait_after_response(raw.status, &raw.headers, attempts))
                }
                Err(Failure::Http(error)) if retries_left && is_retryable_failure(error) => {
                    Some(backoff(attempts))
                }
                _ => None,
            };
            match wait {
                // A server asking for a longer wait than allowed gets its answer returned now.
                Some(wait) if wait <= policy.max_wait => {
                    trace::retry(attempts, wait, &outcome);
                    tokio::time::sleep(wait).await;
                    attempts += 1;
                }
                _ => return self.finish(outcome, attempts),
            }
        }
    }

    /// One attempt: send, and read the whole body within the client's size limit (unless the
    /// response succeeded and is to be streamed).
    async fn send_once(&self, stream: bool) -> Result<RawResponse, Failure> {
        let credentials = self.client.credentials();
        let mut url = self.url.clone();
        let secret_query = credentials.query.as_ref().map(|(name, value)| (*name, value.as_str()));
        let extra_query = &self.options.extra_query;
        if !self.query.is_empty() || !extra_query.is_empty() || secret_query.is_some() {
            let mut pairs = url.query_pairs_mut();
            pairs.extend_pairs(&self.query);
            pairs.extend_pairs(extra_query);
            pairs.extend_pairs(secret_query);
        }
        let mut request = self.client.http().request(self.endpoint.method.clone(), url);
        request = request.header(ACCEPT, HeaderValue::from_static("application/json"));
        // The API's own headers (its version, from the settings file), unless the request
        // sets one of them itself.
        let own = |name: &str| {
            let mut set = self.headers.iter().chain(&self.options.headers);
            set.any(|(set, _)| set.as_str() == name)
        };
        for (name, value) in crate::API_HEADERS.iter().filter(|(name, _)| !own(name)) {
            request = request.header(*name, *value);
        }
        for (name, value) in credentials.headers.iter().chain(&self.headers) {
            request = request.header(name, value);
        }
        let cookies: Vec<&str> =
            credentials.cookie.iter().chain(&self.cookies).map(String::as_str).collect();
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| Failure::Invalid("a cookie is not valid in a header".into()))?;
            value.set_sensitive(true);
            request = request.header(COOKIE, value);
        }
        if let Some((body, content_type)) = &self.body {
            request = request.header(CONTENT_TYPE, content_type).body(body.clone());
        }
        for (name, value) in &self.options.headers {
            request = request.header(name, value);
        }
        if let Some(timeout) = self.options.timeout {
            request = request.timeout(timeout);
        }
        // An error's URL would show a query-parameter credential, or the caller's extra
        // parameters, which are treated as one.
        let secret = secret_query.is_some() || !extra_query.is_empty();
        let hide_url =
            |error: reqwest::Error| Failure::Http(if secret { error.without_url() } else { error });
        let mut response = request.send().await.map_err(hide_url)?;
        let status = response.status();
        if stream && status.is_success() {
            let headers = response.headers().clone();
            return Ok(RawResponse { status, headers, body: RawBody::Unread(response) });
        }
        let limit = self.client.max_response_size();
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > limit as u64) {
            return Err(Failure::TooLarge(status));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(hide_url)? {
            if body.len() + chunk.len() > limit {
                return Err(Failure::TooLarge(status));
            }
            body.extend_from_slice(&chunk);
        }
        let headers = std::mem::take(response.headers_mut());
        Ok(RawResponse { status, headers, body: RawBody::Read(body.freeze()) })
    }

    /// Turns the last attempt's outcome into the caller's result.
    fn finish(
        &self,
        outcome: Result<RawResponse, Failure>,
        attempts: u32,
    ) -> Result<Response<RawBody>, Error> {
        let raw = match outcome {
            Ok(raw) => raw,
            Err(Failure::Http(source)) if source.is_redirect() => {
                return Err(refusal(&source)
                    .unwrap_or(Error::Transport { attempts, source: source.without_url() }))
            }
            Err(Failure::Http(source)) if source.is_timeout() => {
                return Err(Error::Timeout { attempts, source })
            }
            Err(Failure::Http(source)) => return Err(Error::Transport { attempts, source }),
            Err(Failure::TooLarge(status)) => {
                return Err(Error::TooLarge { status, limit: self.client.max_response_size() })
            }
            Err(Failure::Invalid(problem)) => return Err(Error::InvalidRequest(problem)),
        };
        let body = match &raw.body {
            RawBody::Read(bytes) => bytes.clone(),
            RawBody::Unread(_) => Bytes::new(),
        };
        let response = Response::new(raw.status, raw.headers, attempts, body.clone(), raw.body);
        if response.status().is_success() {
            return Ok(response);
        }
        Err(match serde_json::from_slice::<crate::ApiErrorBody>(&body) {
            Ok(decoded) => Error::Api(Box::new(response.map(|_| decoded))),
            Err(_) => Error::UnexpectedResponse(Box::new(response.map(|_| snippet(&body)))),
        })
    }
}

/// Decodes a JSON body; an empty body reads as `null`, which is `None` for an optional body.
pub(crate) fn decode_json<T: DeserializeOwned>(
    response: Response<Bytes>,
) -> Result<Response<T>, Error> {
    let json: &[u8] = if response.body().is_empty() { b"null" } else { response.body() };
    match serde_json::from_slice(json) {
        Ok(body) => Ok(response.map(|_| body)),
        Err(first) => {
            let (source, path) = locate::<T>(json).unwrap_or((first, String::new()));
            Err(Error::Decode {
                status: response.status(),
                snippet: snippet(response.body()),
                path,
                source,
            })
        }
    }
}

/// Decodes `json` again, as `serde_json::from_slice` does, tracking where it is, and returns
/// the error with its path: only once a decode has failed, as tracking makes a decode run
/// about 1.6 times the instructions (BENCHMARKS.md). `None` if it decodes this time, which it
/// cannot.
fn locate<T: DeserializeOwned>(json: &[u8]) -> Option<(serde_json::Error, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        // Trailing characters after the value, as `from_slice` reports them: at the top.
        Ok(_) => deserializer.end().err().map(|source| (source, String::new())),
        Err(error) => {
            let path = decode_path(error.path());
            Some((error.into_inner(), path))
        }
    }
}

/// A body as text; bytes that are not UTF-8 become U+FFFD.
pub(crate) fn text(body: Bytes) -> String {
    String::from_utf8_lossy(&body).into_owned()
}

#[cfg(test)]
mod tests {
    //! The body kinds against a real local server; `tests/` of the generated crate cover JSON.

    use futures_util::TryStreamExt;
    use wiremock::matchers::{body_string, header, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::runtime::{Client, Endpoint, PathPart, Request, RequestOptions, ResponseFuture};

    async fn request(server: &MockServer, verb: reqwest::Method) -> Request {
        let client = Client::builder().base_url(server.uri()).max_retries(0).build().unwrap();
        client
            .request(Endpoint::test(verb), [PathPart::Literal("/thing")], RequestOptions::default())
            .finish()
            .unwrap()
    }

    #[tokio::test]
    async fn bodies_go_out_with_their_content_types() {
        let server = MockServer::start().await;
        let form = serde_json::json!({"amount": 5, "metadata": {"k": "v w"}});
        Mock::given(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string("amount=5&metadata%5Bk%5D=v+w"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(header("content-type", "image/png"))
            .and(body_string("\u{1}\u{2}"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;

        let mut sent = request(&server, reqwest::Method::POST).await;
        sent.form(&form).unwrap();
        sent.send().await.unwrap();
        let mut sent = request(&server, reqwest::Method::PUT).await;
        sent.bytes(vec![1u8, 2].into(), "image/png").unwrap();
        sent.send().await.unwrap();
        let mut sent = request(&server, reqwest::Method::POST).await;
        assert!(sent.form(&"not an object").is_err());
    }

    #[tokio::test]
    async fn extra_fields_merge_into_form_bodies_and_are_refused_beside_other_bodies() {
        let server = MockServer::start().await;
        Mock::given(body_string("amount=5&extra=x"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let with_extra = |mut request: Request| {
            request.options.extra_body_field("extra".into(), "x");
            request
        };

        let mut sent = with_extra(request(&server, reqwest::Method::POST).await);
        sent.form(&serde_json::json!({"amount": 5})).unwrap();
        sent.send().await.unwrap();

        // A JSON array holds no fields.
        let mut sent = with_extra(request(&server, reqwest::Method::POST).await);
        let refused = sent.json(&[1, 2]).unwrap_err();
        assert!(refused.to_string().contains("extra body fields (extra)"), "{refused}");
        // Raw bytes neither: refused when sending, before anything is sent.
        let mut sent = with_extra(request(&server, reqwest::Method::PUT).await);
        sent.bytes(vec![1u8].into(), "image/png").unwrap();
        let refused = sent.send().await.unwrap_err();
        assert!(matches!(refused, crate::Error::InvalidRequest(_)), "{refused:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn responses_come_back_as_text_bytes_streams_or_an_absent_body() {
        let server = MockServer::start().await;
        let text =
            ResponseTemplate::new(200).set_body_raw(b"caf\xc3\xa9 \xff".to_vec(), "text/plain");
        Mock::given(method("GET")).respond_with(text).mount(&server).await;
        Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;

        let get = || async { Ok(request(&server, reqwest::Method::GET).await) };

        let text = ResponseFuture::text(get().await).await.unwrap();
        assert_eq!(text.into_body(), "café \u{FFFD}");
        let bytes = ResponseFuture::bytes(get().await).await.unwrap();
        assert_eq!(bytes.into_body().as_ref(), b"caf\xc3\xa9 \xff");
        let stream = ResponseFuture::stream(get().await).await.unwrap();
        let chunks: Vec<bytes::Bytes> = stream.into_body().try_collect().await.unwrap();
        assert_eq!(chunks.concat(), b"caf\xc3\xa9 \xff");
        let absent = Ok(request(&server, reqwest::Method::DELETE).await);
        assert_eq!(ResponseFuture::<Option<u32>>::json(absent).await.unwrap().into_body(), None);
        let ignored = Ok(request(&server, reqwest::Method::GET).await);
        assert_eq!(ResponseFuture::empty(ignored).await.unwrap().status(), 200);
    }

    #[tokio::test]
    async fn a_streamed_request_that_fails_is_an_ordinary_error() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(503).set_body_string("down"))
            .mount(&server)
            .await;

        let sent = Ok(request(&server, reqwest::Method::GET).await);
        let err = ResponseFuture::stream(sent).await.unwrap_err();

        assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
        assert!(matches!(err, crate::Error::UnexpectedResponse(_)), "{err:?}");
    }
}
