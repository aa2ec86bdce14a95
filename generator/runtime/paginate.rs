//! Auto-pagination: a list operation's pages, or their items, as a lazily fetched stream.
//!
//! One strategy today, the next-page link (`links.pages.next`): the generator implements
//! [`Page`] for each list response that follows that convention. Other conventions (a cursor
//! with `has_more`, an RFC 8288 `Link` header) would be further strategies beside it.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};
use reqwest::Url;
use serde::de::DeserializeOwned;

use super::send::decode_json;
use super::{Error, Request};

/// A list response that links to the next page.
pub(crate) trait Page: DeserializeOwned + Send + 'static {
    type Item: Send + 'static;

    /// The URL of the next page; `None` on the last page.
    fn next_link(&self) -> Option<&str>;

    /// The page's items, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Every page, starting with `first`, each fetched when the stream is polled for it. The
/// stream ends after the last page, after the first error, or before a page it has already
/// fetched (a server whose next links go round in a circle); past the client's
/// [`max_pages`](crate::ClientBuilder::max_pages) it ends with [`Error::TooManyPages`]. Boxed,
/// so that it is `Unpin` and callers need not pin it.
pub(crate) fn pages<P: Page>(
    first: Result<Request, Error>,
) -> impl Stream<Item = Result<P, Error>> + Send + Unpin + 'static {
    Box::pin(stream::unfold(Some((first, Seen::default())), |state| async move {
        let (next, mut seen) = state?;
        let request = match next {
            Ok(request) => request,
            Err(error) => return Some((Err(error), None)),
        };
        let limit = request.client.max_pages();
        if seen.count >= limit {
            return Some((Err(Error::TooManyPages { limit }), None));
        }
        seen.add(&request);
        match request.clone().send().await.and_then(decode_json::<P>) {
            Ok(response) => {
                let page = response.into_body();
                let next = page
                    .next_link()
                    .and_then(|link| request.follow(link))
                    .filter(|next| !seen.contains(next));
                Some((Ok(page), next.map(|next| (Ok(next), seen))))
            }
            Err(error) => Some((Err(error), None)),
        }
    }))
}

/// The pages a stream has fetched, each known by a hash of its query, which is all that
/// differs between them. Hashes keep the memory small however long the server's links are;
/// the hasher is randomly keyed, so a server cannot aim for a collision (which would end the
/// stream early).
#[derive(Default)]
struct Seen {
    hashes: HashSet<u64>,
    hasher: RandomState,
    count: usize,
}

impl Seen {
    fn add(&mut self, request: &Request) {
        self.hashes.insert(self.hash(request));
        self.count += 1;
    }

    fn contains(&self, request: &Request) -> bool {
        self.hashes.contains(&self.hash(request))
    }

    /// The query's pairs in order, as the same parameters in another order ask for the same page.
    fn hash(&self, request: &Request) -> u64 {
        let mut query: Vec<&(String, String)> = request.query.iter().collect();
        query.sort();
        self.hasher.hash_one(query)
    }
}

/// Every item of every page, in order; see [`pages`].
pub(crate) fn items<P: Page>(
    first: Result<Request, Error>,
) -> impl Stream<Item = Result<P::Item, Error>> + Send + Unpin + 'static {
    Box::pin(pages::<P>(first).map_ok(|page| stream::iter(page.into_items()).map(Ok)).try_flatten())
}

impl Request {
    /// The same request with the query parameters of `link` (a next-page URL) in place of its
    /// own (and the caller's extra ones) of the same name. Only the query is taken, so the request keeps its base URL, path,
    /// credentials and other parameters whatever host the link names. `None` if `link` is not a
    /// URL.
    fn follow(&self, link: &str) -> Option<Request> {
        let link = Url::parse(link).or_else(|_| self.url.join(link)).ok()?;
        let given: Vec<(String, String)> = link.query_pairs().into_owned().collect();
        let mut next = self.clone();
        let taken = |name: &String| given.iter().any(|(given, _)| given == name);
        next.query.retain(|(name, _)| !taken(name));
        next.options.extra_query.retain(|(name, _)| !taken(name));
        next.query.extend(given);
        Some(next)
    }
}
