//! Requests own their client: a request, its `send()` future and its streams hold a clone of
//! the client rather than a borrow, so they can be spawned onto tokio and outlive the client
//! value they were made from.

mod common;

use common::{SEED_IMAGE_JSON, api_call, setup};
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
