//! The futures that `send` and `send_with_response` return: named types made here, so that
//! the only coroutines of a generated crate are the runtime's, checked once, rather than one
//! per operation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::send::{decode_json, text};
use super::{ByteStream, Error, Request, Response};

/// How a successful response's bytes become the operation's body.
pub(crate) type Decode<T> = fn(Response<Bytes>) -> Result<Response<T>, Error>;

type Sending<T> = Pin<Box<dyn Future<Output = Result<Response<T>, Error>> + Send>>;

/// The future of a request's `send_with_response`: the decoded body with the status, headers
/// and rate limit.
///
/// Nothing is sent until it is first polled; an error found while building the request (a
/// path parameter that cannot be spelled out, a header that cannot be sent) is its output, as
/// is every other error. It owns the request and a clone of the client, so it is
/// `Send + 'static` and can be spawned onto another task; it is `Unpin` (the work is boxed),
/// so it can be polled by `select!` or through `&mut` without being pinned first.
#[must_use = "a request does nothing until its future is awaited"]
pub struct ResponseFuture<T> {
    sending: Sending<T>,
}

// No `T: Send`: the boxed work holds no body across an `.await`, only the function that makes
// one, so the future is `Send` whatever the body (and rustc has no auto trait to prove per type).
impl<T: 'static> ResponseFuture<T> {
    /// Sends `request` (or ends with the error its building gave) and decodes the successful
    /// response with `decode`.
    pub(crate) fn decoded(request: Result<Request, Error>, decode: Decode<T>) -> Self {
        ResponseFuture { sending: Box::pin(async move { decode(request?.send().await?) }) }
    }
}

impl<T: DeserializeOwned + 'static> ResponseFuture<T> {
    /// A request whose successful response is JSON.
    pub(crate) fn json(request: Result<Request, Error>) -> Self {
        Self::decoded(request, decode_json)
    }
}

impl ResponseFuture<()> {
    /// A request whose successful response has no body; whatever is sent is ignored.
    pub(crate) fn empty(request: Result<Request, Error>) -> Self {
        Self::decoded(request, |response| Ok(response.map(drop)))
    }
}

impl ResponseFuture<Bytes> {
    /// A request whose successful response's body is returned as bytes.
    pub(crate) fn bytes(request: Result<Request, Error>) -> Self {
        Self::decoded(request, Ok)
    }
}

impl ResponseFuture<String> {
    /// A request whose successful response's body is returned as text.
    pub(crate) fn text(request: Result<Request, Error>) -> Self {
        Self::decoded(request, |response| Ok(response.map(text)))
    }
}

impl ResponseFuture<ByteStream> {
    /// A request whose successful response's body is a stream of chunks, read as they arrive
    /// (and not bound by the client's size limit).
    pub(crate) fn stream(request: Result<Request, Error>) -> Self {
        ResponseFuture { sending: Box::pin(async move { request?.send_stream().await }) }
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<Response<T>, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.sending.as_mut().poll(cx)
    }
}

impl<T> fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// The future of a request's `send`: the decoded body alone.
///
/// Like [`ResponseFuture`], which it wraps, it sends nothing until first polled, ends with any
/// error building the request found, and is `Send + 'static` and `Unpin`.
#[must_use = "a request does nothing until its future is awaited"]
pub struct BodyFuture<T> {
    response: ResponseFuture<T>,
}

impl<T> BodyFuture<T> {
    pub(crate) fn new(response: ResponseFuture<T>) -> Self {
        BodyFuture { response }
    }
}

impl<T> Future for BodyFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.response).poll(cx).map(|result| result.map(Response::into_body))
    }
}

impl<T> fmt::Debug for BodyFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyFuture").finish_non_exhaustive()
    }
}

/// The futures are `Send + 'static` and `Unpin` for any body, even one that is not `Send`
/// itself, whatever a future change to sending holds across an `.await`: checked here once for
/// every operation.
const _: fn() = || {
    fn spawnable<F: Future + Send + Unpin + 'static>() {}
    type NotSend = std::rc::Rc<()>;
    spawnable::<ResponseFuture<NotSend>>();
    spawnable::<BodyFuture<NotSend>>();
};
