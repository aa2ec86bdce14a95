//! Auto-pagination: a list operation's pages, or their items, as a lazily fetched stream.
//!
//! One strategy today, the next-page link (`links.pages.next`): the generator implements
//! [`Page`] for each list response that follows that convention. Other conventions (a cursor
//! with `has_more`, an RFC 8288 `Link` header) would be further strategies beside it.

use futures_core::Stream;
use futures_util::stream::{self, StreamExt, TryStreamExt};
use reqwest::Url;
use serde::de::DeserializeOwned;

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
/// stream ends after the last page or after the first error.
pub(crate) fn pages<P: Page>(
    first: Result<Request, Error>,
) -> impl Stream<Item = Result<P, Error>> + Send + 'static {
    stream::unfold(Some(first), |next| async move {
        let request = match next? {
            Ok(request) => request,
            Err(error) => return Some((Err(error), None)),
        };
        match request.clone().send_json::<P>().await {
            Ok(response) => {
                let page = response.into_body();
                let next = page.next_link().and_then(|link| request.follow(link)).map(Ok);
                Some((Ok(page), next))
            }
            Err(error) => Some((Err(error), None)),
        }
    })
}

/// Every item of every page, in order; see [`pages`].
pub(crate) fn items<P: Page>(
    first: Result<Request, Error>,
) -> impl Stream<Item = Result<P::Item, Error>> + Send + 'static {
    pages::<P>(first).map_ok(|page| stream::iter(page.into_items()).map(Ok)).try_flatten()
}

impl Request {
    /// The same request with the query parameters of `link` (a next-page URL) in place of its
    /// own of the same name. Only the query is taken, so the request keeps its base URL, path,
    /// credentials and other parameters whatever host the link names. `None` if `link` is not a
    /// URL or would ask for this very page again.
    fn follow(&self, link: &str) -> Option<Request> {
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
}
