//! Requests own their client: a request, its `send()` future and its streams hold a clone of
//! the client rather than a borrow, so they can be spawned onto tokio and outlive the client
//! value they were made from. The futures are named types, `Send + Unpin + 'static`, which
//! send nothing until polled.

mod common;

use std::future::Future;

use common::{SEED_IMAGE_JSON, api_call, setup};
use digitalocean_images::types::{AllImages, ExistingImage};
use digitalocean_images::{BodyFuture, Error, Response, ResponseFuture};
use futures::TryStreamExt;
use serde_json::json;
use wiremock::ResponseTemplate;

#[tokio::test]
async fn a_sent_request_spawned_onto_tokio_outlives_its_client() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED_IMAGE_JSON, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    let request = client.images().get(1);
    // The request keeps what it needs of the client; nothing borrows `client` any more.
    drop(client);
    let found = tokio::spawn(request.send()).await.unwrap().unwrap();

    assert_eq!(found.image.name.as_deref(), Some("Nifty New Snapshot"));
}

#[tokio::test]
async fn an_items_stream_spawned_onto_tokio_walks_every_page() {
    let (server, client) = setup().await;
    let second = format!("{}/v2/images?page=2", server.uri());
    api_call("GET", "/v2/images")
        .and(wiremock::matchers::query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "images": [{"id": 1}], "links": {"pages": {"next": second}}, "meta": {"total": 2}
        })))
        .expect(1)
        .mount(&server)
        .await;
    api_call("GET", "/v2/images")
        .and(wiremock::matchers::query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "images": [{"id": 2}], "links": {"pages": {}}, "meta": {"total": 2}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let items = client.images().list().items();
    drop(client);
    let ids = tokio::spawn(async move {
        let mut items = items;
        let mut ids = Vec::new();
        while let Some(image) = items.try_next().await? {
            ids.push(image.id);
        }
        Ok::<_, digitalocean_images::Error>(ids)
    });

    assert_eq!(ids.await.unwrap().unwrap(), [Some(1), Some(2)]);
}

/// What a caller who spawns requests or selects over them needs of a future, asked of it by
/// its type, as a caller outside the crate would.
fn spawnable<F: Future + Send + Unpin + 'static>(future: F) -> F {
    future
}

#[tokio::test]
async fn send_futures_are_named_send_unpin_and_static_and_send_only_when_polled() {
    let (server, client) = setup().await;
    api_call("GET", "/v2/images/1")
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED_IMAGE_JSON, "application/json"))
        .expect(2)
        .mount(&server)
        .await;

    let body: BodyFuture<ExistingImage> = spawnable(client.images().get(1).send());
    let response: ResponseFuture<ExistingImage> =
        spawnable(client.images().get(1).send_with_response());
    drop(client);
    // Neither has been polled, so neither has sent anything.
    assert!(server.received_requests().await.unwrap().is_empty());

    let found = tokio::spawn(body).await.unwrap().unwrap();
    assert_eq!(found.image.name.as_deref(), Some("Nifty New Snapshot"));
    // `Unpin`: `select!` can poll it through `&mut` with no `pin!`.
    let mut response = response;
    let response: Response<ExistingImage> = tokio::select! {
        response = &mut response => response.unwrap(),
    };
    assert_eq!(response.status(), 200);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_the_error_of_its_spawned_future() {
    let (server, client) = setup().await;

    // A path parameter that would walk up the path, and a header that cannot be sent.
    let bad_path = tokio::spawn(client.images().get("..").send()).await.unwrap();
    let bad_header = client.images().list().header("x-note", "line\nbreak").send_with_response();
    let bad_header: Result<Response<AllImages>, Error> = tokio::spawn(bad_header).await.unwrap();

    for err in [bad_path.unwrap_err(), bad_header.unwrap_err()] {
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    }
    let requests = server.received_requests().await.unwrap();
    assert!(requests.is_empty(), "sent {requests:?}");
}
