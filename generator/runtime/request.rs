//! Building, sending and decoding one request: the code every operation calls.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::snippet;
use super::{Client, Error};

/// Everything but RFC 3986's unreserved characters is escaped, `/` included, so a value
/// stays one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A piece of a request path: template text, or a parameter value to escape.
#[derive(Debug)]
pub(crate) enum PathPart {
    Literal(&'static str),
    Param(String),
}

/// A request being put together by an operation's `send`.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    client: &'a Client,
    method: Method,
    url: Url,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

/// A successful response, read in full.
#[derive(Debug)]
pub(crate) struct Response {
    status: StatusCode,
    body: bytes::Bytes,
}

impl Client {
    /// Starts a request to the base URL plus `path`.
    pub(crate) fn request(&self, method: Method, path: &[PathPart]) -> Result<Request<'_>, Error> {
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
        Ok(Request { client: self, method, url, query: Vec::new(), body: None })
    }
}

impl Request<'_> {
    /// Adds `name=value` to the query once per value; nothing for `None` or an empty list.
    pub(crate) fn query(&mut self, name: &'static str, values: impl IntoIterator<Item = String>) {
        self.query.extend(values.into_iter().map(|value| (name, value)));
    }

    /// Sets a JSON body.
    pub(crate) fn json(&mut self, body: &impl Serialize) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidRequest(format!("body does not serialise: {e}")))?;
        self.body = Some(bytes);
        Ok(())
    }

    /// Sends the request; a status other than 2XX becomes an error.
    pub(crate) async fn send(self) -> Result<Response, Error> {
        let mut url = self.url;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        let mut request = self.client.http().request(self.method, url);
        request = request.header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(authorization) = self.client.authorization() {
            request = request.header(AUTHORIZATION, authorization.clone());
        }
        if let Some(body) = self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let response = request.send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        if status.is_success() {
            return Ok(Response { status, body });
        }
        Err(match serde_json::from_slice::<crate::ApiErrorBody>(&body) {
            Ok(body) => Error::Api { status, body },
            Err(_) => Error::UnexpectedResponse { status, body: snippet(&body) },
        })
    }
}

impl Response {
    /// Decodes the body as JSON.
    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            snippet: snippet(&self.body),
            source,
        })
    }

    /// For operations whose success response has no body; whatever was sent is ignored.
    pub(crate) fn empty(self) -> Result<(), Error> {
        Ok(())
    }
}
