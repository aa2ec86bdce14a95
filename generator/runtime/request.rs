//! Building and sending one request, with retries: the code every operation calls.

use bytes::{Bytes, BytesMut};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, COOKIE,
};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::snippet;
use super::retry::{
    backoff, is_idempotent, is_retryable_failure, is_retryable_status, wait_after_response,
};
use super::{Client, Error, RateLimit, RequestOptions, Response};

/// Everything but RFC 3986's unreserved characters is escaped, `/` included, so a value
/// stays one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What a cookie value may not hold as it is (RFC 6265's cookie-octet excludes these).
const COOKIE_VALUE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');

/// A piece of a request path: template text, or a parameter value to escape.
#[derive(Debug)]
pub(crate) enum PathPart {
    Literal(&'static str),
    Param(String),
}

/// A request ready to send, and to send again: retries and later pages reuse it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    client: Client,
    method: Method,
    url: Url,
    query: Vec<(String, String)>,
    /// Header and cookie parameters of the operation.
    headers: Vec<(HeaderName, HeaderValue)>,
    cookies: Vec<String>,
    body: Option<Bytes>,
    options: RequestOptions,
}

/// A response read in full, before its body is decoded.
struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Client {
    /// Starts a request to the base URL plus `path`.
    pub(crate) fn request(
        &self,
        method: Method,
        path: &[PathPart],
        options: RequestOptions,
    ) -> Result<Request, Error> {
        let mut url = self.base_url().trim_end_matches('/').to_owned();
        for part in path {
            match part {
                PathPart::Literal(text) => url.push_str(text),
                // Empty, `.` and `..` segments would address another resource once the URL is normalised.
                PathPart::Param(value) if matches!(value.as_str(), "" | "." | "..") => {
                    return Err(Error::InvalidRequest(format!(
                        "{value:?} cannot be used as a path parameter"
                    )));
                }
                PathPart::Param(value) => url.extend(utf8_percent_encode(value, SEGMENT)),
            }
        }
        let url =
            Url::parse(&url).map_err(|e| Error::InvalidRequest(format!("bad URL {url:?}: {e}")))?;
        if let Some(problem) = &options.invalid_header {
            return Err(Error::InvalidRequest(problem.clone()));
        }
        Ok(Request {
            client: self.clone(),
            method,
            url,
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            options,
        })
    }
}

impl Request {
    /// Adds `name=value` to the query once per value; nothing for `None` or an empty list.
    pub(crate) fn query(&mut self, name: &str, values: impl IntoIterator<Item = String>) {
        self.query.extend(values.into_iter().map(|value| (name.to_owned(), value)));
    }

    /// Adds an object parameter as `name[key]=value` pairs (`deepObject`): nested objects add
    /// further `[key]`s, arrays `[0]`, `[1]`…, and nulls nothing.
    pub(crate) fn deep_object(
        &mut self,
        name: &str,
        value: Option<&impl Serialize>,
    ) -> Result<(), Error> {
        let Some(value) = value else { return Ok(()) };
        let value = serde_json::to_value(value).map_err(|e| {
            Error::InvalidRequest(format!("parameter {name} does not serialise: {e}"))
        })?;
        bracketed(name.to_owned(), &value, &mut self.query);
        Ok(())
    }

    /// Adds a header parameter; a value that cannot be a header value is refused.
    pub(crate) fn header(
        &mut self,
        name: &'static str,
        value: Option<String>,
    ) -> Result<(), Error> {
        let Some(value) = value else { return Ok(()) };
        let invalid =
            || Error::InvalidRequest(format!("the value of header parameter {name} is not valid"));
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let value = HeaderValue::try_from(value).map_err(|_| invalid())?;
        self.headers.push((name, value));
        Ok(())
    }

    /// Adds a cookie parameter, its value percent-encoded where a cookie cannot hold it.
    pub(crate) fn cookie(&mut self, name: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.cookies.push(format!("{name}={}", utf8_percent_encode(&value, COOKIE_VALUE)));
        }
    }

    /// Sets a JSON body.
    pub(crate) fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidRequest(format!("body does not serialise: {e}")))?;
        self.body = Some(Bytes::from(bytes));
        Ok(())
    }

    /// The same request with the query parameters of `link` (a next-page URL) in place of its
    /// own of the same name. Only the query is taken, so the request keeps its base URL, path,
    /// credentials and other parameters whatever host the link names. `None` if `link` is not a
    /// URL or would ask for this very page again.
    pub(crate) fn follow(&self, link: &str) -> Option<Request> {
        let link = Url::parse(link).or_else(|_| self.url.join(link)).ok()?;
        let given: Vec<(String, String)> = link.query_pairs().into_owned().collect();
        let mut next = self.clone();
        next.query.retain(|(name, _)| !given.iter().any(|(given, _)| given == name));
        next.query.extend(given);
        let same = |a: &Request| {
            let mut query = a.query.clone();
            query.sort();
            query
        };
        (same(&next) != same(self)).then_some(next)
    }

    /// Sends the request, retrying as the client and the request allow, and returns the
    /// response with its body undecoded. A status other than 2XX becomes an error.
    async fn send(self) -> Result<Response<Bytes>, Error> {
        let policy = self.client.retry_policy();
        let max_retries = self.options.max_retries.unwrap_or(policy.max_retries);
        let may_retry = is_idempotent(&self.method) || self.options.idempotent;
        let mut attempts = 1;
        loop {
            let outcome = self.send_once().await;
            if let Some(rate_limit) =
                outcome.as_ref().ok().and_then(|raw| RateLimit::from_headers(&raw.headers))
            {
                self.client.record_rate_limit(rate_limit);
            }
            let retries_left = may_retry && attempts <= max_retries;
            let wait = match &outcome {
                Ok(raw) if retries_left && is_retryable_status(raw.status) => {
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
                    tokio::time::sleep(wait).await;
                    attempts += 1;
                }
                _ => return self.finish(outcome, attempts),
            }
        }
    }

    /// One attempt: send, and read the whole body within the client's size limit.
    async fn send_once(&self) -> Result<RawResponse, Failure> {
        let credentials = self.client.credentials();
        let mut url = self.url.clone();
        let secret_query = credentials.query.as_ref().map(|(name, value)| (*name, value.as_str()));
        if !self.query.is_empty() || secret_query.is_some() {
            let mut pairs = url.query_pairs_mut();
            pairs.extend_pairs(&self.query);
            pairs.extend_pairs(secret_query);
        }
        let mut request = self.client.http().request(self.method.clone(), url);
        request = request.header(ACCEPT, HeaderValue::from_static("application/json"));
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
        if let Some(body) = &self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone());
        }
        for (name, value) in &self.options.headers {
            request = request.header(name, value);
        }
        if let Some(timeout) = self.options.timeout {
            request = request.timeout(timeout);
        }
        // An error's URL would show a query-parameter credential.
        let hide_url = |error: reqwest::Error| {
            Failure::Http(if secret_query.is_some() { error.without_url() } else { error })
        };
        let mut response = request.send().await.map_err(hide_url)?;
        let status = response.status();
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
        Ok(RawResponse { status, headers, body: body.freeze() })
    }

    /// Turns the last attempt's outcome into the caller's result.
    fn finish(
        &self,
        outcome: Result<RawResponse, Failure>,
        attempts: u32,
    ) -> Result<Response<Bytes>, Error> {
        let raw = match outcome {
            Ok(raw) => raw,
            Err(Failure::Http(source)) if source.is_timeout() => {
                return Err(Error::Timeout { attempts, source })
            }
            Err(Failure::Http(source)) => return Err(Error::Transport { attempts, source }),
            Err(Failure::TooLarge(status)) => {
                return Err(Error::TooLarge { status, limit: self.client.max_response_size() })
            }
            Err(Failure::Invalid(problem)) => return Err(Error::InvalidRequest(problem)),
        };
        let response = Response::new(raw.status, raw.headers, attempts, raw.body);
        if response.status().is_success() {
            return Ok(response);
        }
        Err(match serde_json::from_slice::<crate::ApiErrorBody>(response.body()) {
            Ok(body) => Error::Api(Box::new(response.map(|_| body))),
            Err(_) => Error::UnexpectedResponse(Box::new(response.map(|body| snippet(&body)))),
        })
    }

    /// Sends the request and decodes the JSON body of its successful response.
    pub(crate) async fn send_json<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let response = self.send().await?;
        match serde_json::from_slice(response.body()) {
            Ok(body) => Ok(response.map(|_| body)),
            Err(source) => Err(Error::Decode {
                status: response.status(),
                snippet: snippet(response.body()),
                source,
            }),
        }
    }

    /// Sends the request, for operations whose successful response has no body; whatever was
    /// sent is ignored.
    pub(crate) async fn send_empty(self) -> Result<Response<()>, Error> {
        Ok(self.send().await?.map(drop))
    }
}

/// `value` under `key` as bracketed `key[inner]=text` pairs, the encoding of `deepObject`
/// parameters and of form bodies.
fn bracketed(key: String, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (inner, value) in map {
                bracketed(format!("{key}[{inner}]"), value, out);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                bracketed(format!("{key}[{index}]"), value, out);
            }
        }
        Value::String(text) => out.push((key, text.clone())),
        Value::Bool(_) | Value::Number(_) => out.push((key, value.to_string())),
    }
}

/// Why an attempt got no complete response.
enum Failure {
    Http(reqwest::Error),
    TooLarge(StatusCode),
    /// Something in the request cannot be sent; found only when putting it on the wire.
    Invalid(String),
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::bracketed;

    #[test]
    fn nested_values_become_bracketed_pairs_in_order() {
        let value = json!({"status": "active", "owner": {"id": 7, "admin": true},
            "tags": ["a", "b"], "gone": null});
        let mut pairs = Vec::new();
        bracketed("filter".into(), &value, &mut pairs);
        let pairs: Vec<(&str, &str)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("filter[status]", "active"),
                ("filter[owner][id]", "7"),
                ("filter[owner][admin]", "true"),
                ("filter[tags][0]", "a"),
                ("filter[tags][1]", "b"),
            ]
        );
    }
}
