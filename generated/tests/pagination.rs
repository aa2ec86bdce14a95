//! Tests of auto-pagination: `.items()` and `.pages()` follow `links.pages.next` lazily, keep
//! the caller's parameters, stay on the client's server, and stop at the end, the first error, a
//! link back to a page already fetched, or the client's page limit.

mod common;

use common::{api_call, setup};
use digitalocean_images::Error;
use digitalocean_images::types::ImagesListType;
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

/// A page of images with the given ids, linking to `next` when there is one. The links name
/// the real API's host, as the API does; the client must stay on its own server.
fn page(ids: &[i64], next: Option<&str>) -> ResponseTemplate {
    let images: Vec<Value> =
        ids.iter().map(|id| json!({"id": id, "name": format!("image {id}")})).collect();
    let pages = match next {
        Some(query) => json!({"next": format!("https://api.digitalocean.com/v2/images?{query}")}),
        None => json!({}),
    };
    let body = json!({"images": images, "links": {"pages": pages}, "meta": {"total": 7}});
    ResponseTemplate::new(200).set_body_json(body)
}

async fn three_pages(server: &MockServer) {
    let first = page(&[1, 2, 3], Some("page=2&per_page=3&type=distribution"));
    let second = page(&[4, 5, 6], Some("page=3&per_page=3&type=distribution"));
    api_call("GET", "/v2/images")
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .expect(1)
        .mount(server)
        .await;
    api_call("GET", "/v2/images")
        .and(query_param("page", "2"))
        .respond_with(second)
        .expect(1)
        .mount(server)
        .await;
    api_call("GET", "/v2/images")
        .and(query_param("page", "3"))
        .respond_with(page(&[7], None))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn items_returns_every_item_of_three_pages_in_order() {
    let (server, client) = setup().await;
    three_pages(&server).await;

    let images: Vec<_> = client
        .images()
        .list()
        .type_(ImagesListType::Distribution)
        .per_page(3)
        .items()
        .try_collect()
        .await
        .unwrap();

    let ids: Vec<i64> = images.iter().map(|image| image.id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);
    // Every request kept the caller's filter and page size.
    for request in server.received_requests().await.unwrap() {
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        assert!(query.contains(&("type".into(), "distribution".into())), "{query:?}");
        assert!(query.contains(&("per_page".into(), "3".into())), "{query:?}");
    }
}

#[tokio::test]
async fn pages_yields_whole_pages() {
    let (server, client) = setup().await;
    three_pages(&server).await;

    let pages: Vec<_> = client
        .images()
        .list()
        .type_(ImagesListType::Distribution)
        .per_page(3)
        .pages()
        .try_collect()
        .await
        .unwrap();

    let sizes: Vec<usize> = pages.iter().map(|page| page.images.len()).collect();
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(pages[0].meta.total, 7);
}

/// Takes a stream only if it can be polled without pinning and moved onto another task.
fn unpin_send_static<S: futures::Stream + Unpin + Send + 'static>(stream: S) -> S {
    stream
}

#[tokio::test]
async fn the_streams_need_no_pinning_and_move_onto_other_tasks() {
    let (server, client) = setup().await;
    three_pages(&server).await;
    let list = || client.images().list().type_(ImagesListType::Distribution).per_page(3);

    // Polled where it stands, `try_next` needing `Unpin`.
    let mut items = unpin_send_static(list().items());
    let mut ids = Vec::new();
    while let Some(image) = items.try_next().await.unwrap() {
        ids.push(image.id.unwrap());
    }
    assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7]);

    // Spawned, while the client stays here.
    server.reset().await;
    three_pages(&server).await;
    let mut pages = unpin_send_static(list().pages());
    let sizes = tokio::spawn(async move {
        let mut sizes = Vec::new();
        while let Some(page) = pages.try_next().await.unwrap() {
            sizes.push(page.images.len());
        }
        sizes
    });
    assert_eq!(sizes.await.unwrap(), [3, 3, 1]);
}

#[tokio::test]
async fn parameters_the_next_link_leaves_out_are_kept() {
    let (server, client) = setup().await;
    let first = page(&[1], Some("page=2"));
    api_call("GET", "/v2/images")
        .and(query_param_is_missing("page"))
        .respond_with(first)
        .mount(&server)
        .await;
    api_call("GET", "/v2/images")
        .and(query_param("page", "2"))
        .and(query_param("per_page", "1"))
        .and(query_param("tag_name", "prod"))
        .respond_with(page(&[2], None))
        .expect(1)
        .mount(&server)
        .await;

    let images: Vec<_> =
        client.images().list().per_page(1).tag_name("prod").items().try_collect().await.unwrap();

    assert_eq!(images.len(), 2);
}

#[tokio::test]
async fn pages_are_fetched_only_when_the_stream_is_polled_for_them() {
    let (server, client) = setup().await;
    three_pages(&server).await;
    server.reset().await;
    api_call("GET", "/v2/images")
        .respond_with(page(&[1, 2, 3], Some("page=2")))
        .mount(&server)
        .await;

    let mut items = client.images().list().items();
    let first = items.next().await.unwrap().unwrap();

    assert_eq!(first.id, Some(1));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_stream_stops_at_the_first_error() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images")
        .and(query_param_is_missing("page"))
        .respond_with(page(&[1, 2], Some("page=2")))
        .mount(&server)
        .await;
    let failure = ResponseTemplate::new(404)
        .set_body_raw(r#"{"id":"not_found","message":"gone"}"#, "application/json");
    api_call("GET", "/v2/images")
        .and(query_param("page", "2"))
        .respond_with(failure)
        .expect(1)
        .mount(&server)
        .await;
    api_call("GET", "/v2/images")
        .and(query_param("page", "3"))
        .respond_with(page(&[5], None))
        .expect(0)
        .mount(&server)
        .await;

    let results: Vec<Result<_, Error>> = client.images().list().items().collect().await;

    assert_eq!(results.len(), 3, "two items, then the error, then nothing");
    assert_eq!(results[0].as_ref().unwrap().id, Some(1));
    assert_eq!(results[1].as_ref().unwrap().id, Some(2));
    assert_eq!(results[2].as_ref().unwrap_err().status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_single_page_with_empty_or_missing_links_ends_the_stream() {
    for body in [
        json!({"images": [{"id": 1}], "links": {"pages": {}}, "meta": {"total": 1}}),
        json!({"images": [{"id": 1}], "links": {}, "meta": {"total": 1}}),
        json!({"images": [{"id": 1}], "meta": {"total": 1}}),
    ] {
        let (server, client) = setup().await;
        api_call("GET", "/v2/images")
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            .expect(1)
            .mount(&server)
            .await;

        let images: Vec<_> = client.images().list().items().try_collect().await.unwrap();

        assert_eq!(images.len(), 1, "{body}");
    }
}

#[tokio::test]
async fn a_next_link_to_the_same_page_ends_the_stream() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images").respond_with(page(&[1], Some("page=1"))).mount(&server).await;

    let pages: Vec<_> = client.images().list().page(1).pages().try_collect().await.unwrap();

    assert_eq!(pages.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_invalid_request_is_the_streams_only_item() {
    let (_server, client) = setup().await;

    let results: Vec<_> =
        client.image_actions().list(7).header("bad header", "x").items().collect().await;

    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Err(Error::InvalidRequest(_))), "{:?}", results[0]);
}

#[tokio::test]
async fn image_actions_page_through_their_own_list() {
    let (server, client) = setup().await;
    let action = |id: i64| json!({"id": id, "status": "completed", "type": "transfer"});
    let first = json!({"actions": [action(1)], "links": {"pages": {"next": "https://api.digitalocean.com/v2/images/7/actions?page=2"}}, "meta": {"total": 2}});
    let second = json!({"actions": [action(2)], "links": {"pages": {}}, "meta": {"total": 2}});
    api_call("GET", "/v2/images/7/actions")
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&server)
        .await;
    api_call("GET", "/v2/images/7/actions")
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&server)
        .await;

    let actions: Vec<_> = client.image_actions().list(7).items().try_collect().await.unwrap();

    let ids: Vec<_> = actions.iter().map(|action| action.id).collect();
    assert_eq!(ids, [Some(1), Some(2)]);
}

/// Mounts pages `1..=count` (image `n` on page `n`), page `n` linking to the query `next(n)`,
/// each to be fetched once.
async fn linked_pages(server: &MockServer, count: usize, next: impl Fn(usize) -> String) {
    for number in 1..=count {
        api_call("GET", "/v2/images")
            .and(query_param("page", number.to_string()))
            .respond_with(page(&[number as i64], Some(&next(number))))
            .expect(1)
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn next_links_that_go_round_in_a_circle_yield_each_page_once() {
    // 1 → 2 → 1, and 1 → 2 → 3 → 1 with the parameters of the link back in another order.
    for (length, back) in [(2, "page=1&per_page=1"), (3, "per_page=1&page=1")] {
        let (server, client) = setup().await;
        linked_pages(&server, length, |number| match number {
            n if n == length => back.to_owned(),
            n => format!("page={}&per_page=1", n + 1),
        })
        .await;

        let images: Vec<_> =
            client.images().list().page(1).per_page(1).items().try_collect().await.unwrap();

        let ids: Vec<i64> = images.iter().map(|image| image.id.unwrap()).collect();
        assert_eq!(ids, (1..=length as i64).collect::<Vec<_>>());
        assert_eq!(server.received_requests().await.unwrap().len(), length);
    }
}

/// A server whose every page links to the next one, without end.
struct Endless;

impl wiremock::Respond for Endless {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let number: i64 = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "page")
            .map_or(1, |(_, value)| value.parse().unwrap());
        page(&[number], Some(&format!("page={}", number + 1)))
    }
}

#[tokio::test]
async fn a_list_without_end_stops_at_the_page_limit_with_an_error() {
    let server = MockServer::start().await;
    api_call("GET", "/v2/images").respond_with(Endless).mount(&server).await;
    let client = digitalocean_images::Client::builder()
        .token(common::TOKEN)
        .base_url(server.uri())
        .max_pages(3)
        .build()
        .unwrap();

    // `take` so that a missing limit fails the test rather than running for ever.
    let results: Vec<_> = client.images().list().pages().take(5).collect().await;

    assert_eq!(results.len(), 4, "three pages, then the error: {results:?}");
    let ids: Vec<i64> =
        results[..3].iter().map(|page| page.as_ref().unwrap().images[0].id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert!(matches!(results[3], Err(Error::TooManyPages { limit: 3 })), "{:?}", results[3]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
