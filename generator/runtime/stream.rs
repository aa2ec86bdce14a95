//! `ByteStream`: a response body read chunk by chunk, for `text/event-stream` and the like.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::Error;

/// A response body as a stream of chunks, in the order they arrive. A failure while reading
/// ends the stream with [`Error::Transport`] or [`Error::Timeout`].
pub struct ByteStream {
    chunks: Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>,
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response) -> ByteStream {
        ByteStream { chunks: Box::pin(response.bytes_stream()) }
    }

    pub(crate) fn from_bytes(bytes: Bytes) -> ByteStream {
        ByteStream { chunks: Box::pin(stream::once(async move { Ok(bytes) })) }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.poll_next_unpin(cx).map(|chunk| {
            chunk.map(|chunk| {
                chunk.map_err(|source| match source.is_timeout() {
                    true => Error::Timeout { attempts: 1, source },
                    false => Error::Transport { attempts: 1, source },
                })
            })
        })
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}
