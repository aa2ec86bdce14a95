//! Contract tests: every operation of `spec/images.yaml`, called through the generated client,
//! against Stoplight Prism mocking the same spec. Prism checks each request against the spec (and
//! says what is wrong in an `sl-violations` header) and answers with the spec's own examples, so a
//! client that sends what the spec forbids, or cannot decode what the spec promises, fails here.
//!
//! Run with `cargo xtask contract`, which starts Prism and sets `PRISM_URL`, then again with Prism
//! making up schema-valid answers (`--dynamic`, `PRISM_DYNAMIC` set), when only decoding is checked,
//! not the example values. Without `PRISM_URL` every test passes after saying, once, that the
//! suite was skipped.

use std::io::Write;
use std::sync::Once;

use futures::StreamExt;

use digitalocean_images::types::{
    AccountTransfer, AccountTransferAcceptance, AccountTransferEmailRecipient,
    AccountTransferReference, AccountTransferTeamRecipient, ActionStatus, Distribution,
    ImageAction, ImageNewCustom, ImageUpdate, ImagesListType, RegionSlug,
};
use digitalocean_images::{Client, Error, Response};

const URL_VARIABLE: &str = "PRISM_URL";
/// Set when Prism generates its answers from the schemas instead of returning the examples.
const DYNAMIC_VARIABLE: &str = "PRISM_DYNAMIC";

/// Whether Prism answers with the spec's examples, so that their values can be checked.
fn answers_with_examples() -> bool {
    std::env::var_os(DYNAMIC_VARIABLE).is_none()
}

/// A client for the Prism named by `PRISM_URL`, or `None` (after one line on stderr) without it.
fn prism() -> Option<Client> {
    let Ok(url) = std::env::var(URL_VARIABLE) else {
        static SKIPPED: Once = Once::new();
        SKIPPED.call_once(|| {
            // Straight to the stream: the test harness would hide a `println!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "contract tests skipped: {URL_VARIABLE} is not set (run them against Prism with `cargo xtask contract`)"
            );
        });
        return None;
    };
    Some(Client::builder().token("contract-token").base_url(url).build().unwrap())
}

/// Prism's header listing how a request breaks the spec.
const VIOLATIONS: &str = "sl-violations";

/// The body of a call that must succeed, with a request that Prism found no fault in.
#[track_caller]
fn accepted<T>(what: &str, result: Result<Response<T>, Error>) -> T {
    let response = match result {
        Ok(response) => response,
        Err(error) => panic!("{what}: {error}"),
    };
    if let Some(violations) = response.headers().get(VIOLATIONS) {
        panic!("{what}: Prism says the request breaks the spec: {violations:?}");
    }
    response.into_body()
}

/// The error body of a call that must be refused with `status` because the request breaks the
/// spec (so Prism must also have named a violation).
#[track_caller]
fn refused<T: std::fmt::Debug>(
    what: &str,
    result: Result<Response<T>, Error>,
    status: u16,
) -> digitalocean_images::ApiErrorBody {
    match result {
        Err(Error::Api(response)) if response.status().as_u16() == status => {
            assert!(
                response.headers().contains_key(VIOLATIONS),
                "{what}: refused without an `{VIOLATIONS}` header, so not for breaking the spec"
            );
            response.into_body()
        }
        other => panic!("{what}: expected an API error {status}, got {other:?}"),
    }
}

fn new_custom_image(region: RegionSlug) -> ImageNewCustom {
    ImageNewCustom::new(
        "ubuntu-18.04-minimal",
        "http://cloud-images.ubuntu.com/minimal/releases/bionic/release/ubuntu-18.04-minimal-cloudimg-amd64.img",
        region,
    )
    .distribution(Distribution::Ubuntu)
    .description("Cloud-optimized image with the web stack preinstalled.")
    .tags(["base-image", "prod"])
}

#[tokio::test]
async fn images_list() {
    let Some(client) = prism() else { return };
    let page = accepted("images_list", client.images().list().send_with_response().await);
    if answers_with_examples() {
        assert_eq!((page.images.len(), page.meta.total), (2, 192));
    }

    let filtered = client
        .images()
        .list()
        .type_(ImagesListType::Distribution)
        .private(true)
        .tag_name("base-image")
        .per_page(2)
        .page(1)
        .send_with_response()
        .await;
    let filtered = accepted("images_list with every parameter", filtered);
    if answers_with_examples() {
        assert_eq!(filtered.images[1].slug.as_deref(), Some("ubuntu-22-04-x64"));
    }
}

/// Paging follows the example's `links.pages.next` (page 2, the last one Prism's fixed example
/// points to), sending only query parameters the spec allows.
#[tokio::test]
async fn images_list_pages() {
    let Some(client) = prism() else { return };
    if !answers_with_examples() {
        // Made-up `next` links could lead anywhere; paging is checked with the examples.
        return;
    }
    let pages: Vec<_> = client.images().list().per_page(2).pages().collect().await;
    let pages: Vec<_> = pages.into_iter().map(|page| page.expect("images_list pages")).collect();
    assert_eq!(pages.len(), 2, "page 1, then page 2, whose next link is itself");
    assert!(pages.iter().all(|page| page.images.len() == 2));
}

#[tokio::test]
async fn images_create_custom() {
    let Some(client) = prism() else { return };
    let body = new_custom_image(RegionSlug::Nyc3);
    let created = accepted(
        "images_create_custom",
        client.images().create_custom(body).send_with_response().await,
    );
    if answers_with_examples() {
        assert_eq!(created.image.name.as_deref(), Some("ubuntu-18.04-minimal"));
    }
}

#[tokio::test]
async fn images_get_by_id_and_by_slug() {
    let Some(client) = prism() else { return };
    let by_id =
        accepted("images_get by id", client.images().get(62137902).send_with_response().await);
    if answers_with_examples() {
        assert_eq!(by_id.image.id, Some(7555620));
    }
    let by_slug = accepted(
        "images_get by slug",
        client.images().get("ubuntu-22-04-x64").send_with_response().await,
    );
    if answers_with_examples() {
        assert_eq!(by_slug.image, by_id.image);
    }
}

#[tokio::test]
async fn images_update() {
    let Some(client) = prism() else { return };
    let body = ImageUpdate::new()
        .name("new-image-name")
        .distribution(Distribution::Ubuntu)
        .description("Snapshot of the web frontend before the upgrade.");
    let updated =
        accepted("images_update", client.images().update(7938391, body).send_with_response().await);
    if answers_with_examples() {
        assert_eq!(updated.image.name.as_deref(), Some("new-image-name"));
    }
}

#[tokio::test]
async fn images_delete() {
    let Some(client) = prism() else { return };
    accepted("images_delete", client.images().delete(7938391).send_with_response().await);
}

/// The team every transfer test names.
const TEAM: &str = "b3d1f6a2-7c4e-4a9b-8e21-5f0c9d3a6e47";

fn to_user(email: &str) -> AccountTransfer {
    AccountTransferEmailRecipient::new(email).into()
}

fn to_team(uuid: &str) -> AccountTransfer {
    AccountTransferTeamRecipient::new(uuid).into()
}

#[tokio::test]
async fn images_post_account_transfer_create_to_a_user_and_to_a_team() {
    let Some(client) = prism() else { return };
    for (what, body) in [
        ("images_post_account_transfer_create to a user", to_user("dana.okafor@example.net")),
        ("images_post_account_transfer_create to a team", to_team(TEAM)),
    ] {
        let started =
            client.images().post_account_transfer_create(62137902, body).send_with_response().await;
        let started = accepted(what, started);
        if answers_with_examples() {
            assert_eq!(started.transfer_id, 5120387, "{what}");
        }
    }
}

#[tokio::test]
async fn images_post_account_transfer_accept() {
    let Some(client) = prism() else { return };
    let body = AccountTransferAcceptance::new(5120387, TEAM);
    let response =
        client.images().post_account_transfer_accept(62137902, body).send_with_response().await;
    let status = response.as_ref().map(|response| response.status().as_u16()).ok();
    accepted("images_post_account_transfer_accept", response);
    assert_eq!(status, Some(201));
}

#[tokio::test]
async fn images_post_account_transfer_cancel_and_decline() {
    let Some(client) = prism() else { return };
    let body = AccountTransferReference::new(5120387);
    let cancel = client.images().post_account_transfer_cancel(62137902, body.clone());
    accepted("images_post_account_transfer_cancel", cancel.send_with_response().await);
    let decline = client.images().post_account_transfer_decline(62137902, body);
    accepted("images_post_account_transfer_decline", decline.send_with_response().await);
}

#[tokio::test]
async fn image_actions_list() {
    let Some(client) = prism() else { return };
    let page = accepted(
        "imageActions_list",
        client.image_actions().list(7555620).send_with_response().await,
    );
    if answers_with_examples() {
        assert_eq!((page.actions.len(), page.meta.total), (1, 1));
    }
}

#[tokio::test]
async fn image_actions_post_convert_and_transfer() {
    let Some(client) = prism() else { return };
    let convert =
        client.image_actions().post(7938269, ImageAction::convert()).send_with_response().await;
    let convert = accepted("imageActions_post convert", convert);
    if answers_with_examples() {
        assert_eq!(convert.action.id, Some(36805527));
    }
    let transfer = ImageAction::transfer(RegionSlug::Nyc2);
    let transfer = client.image_actions().post(7938269, transfer).send_with_response().await;
    let transfer = accepted("imageActions_post transfer", transfer);
    if answers_with_examples() {
        assert_eq!(transfer.action.status, Some(ActionStatus::InProgress));
    }
}

#[tokio::test]
async fn image_actions_get() {
    let Some(client) = prism() else { return };
    let found = accepted(
        "imageActions_get",
        client.image_actions().get(7938269, 36805527).send_with_response().await,
    );
    if answers_with_examples() {
        assert_eq!(found.action.id, Some(36805527));
    }
}

/// A region the spec does not list, sent through the enum's catch-all, breaks the spec: Prism
/// answers with the spec's own 422 example, which must surface as a typed API error.
#[tokio::test]
async fn invalid_bodies_are_typed_api_errors() {
    let Some(client) = prism() else { return };
    let atlantis = RegionSlug::Other("atl1".into());
    let create = client
        .images()
        .create_custom(new_custom_image(atlantis.clone()))
        .send_with_response()
        .await;
    let body = refused("images_create_custom with an unknown region", create, 422);
    assert_eq!(
        (body.id.as_str(), body.message.as_str()),
        ("unprocessable_entity", "Name can't be blank.")
    );

    let transfer = ImageAction::transfer(atlantis);
    let transfer = client.image_actions().post(7938269, transfer).send_with_response().await;
    let body = refused("imageActions_post with an unknown region", transfer, 422);
    assert_eq!(body.id, "unprocessable_entity");
}

/// A recipient that is no email address, or a team that is no UUID, breaks the formats the spec
/// gives them: the transfer operations declare no 422, so Prism answers with their 400 example.
#[tokio::test]
async fn invalid_transfer_recipients_are_typed_api_errors() {
    let Some(client) = prism() else { return };
    let create = client
        .images()
        .post_account_transfer_create(62137902, to_user("not an email address"))
        .send_with_response()
        .await;
    let body = refused("images_post_account_transfer_create to a non-address", create, 400);
    assert_eq!(
        (body.id.as_str(), body.message.as_str()),
        ("bad_request", "The request body is not valid.")
    );

    let accept = AccountTransferAcceptance::new(5120387, "team-1");
    let accept =
        client.images().post_account_transfer_accept(62137902, accept).send_with_response().await;
    let body = refused("images_post_account_transfer_accept for a non-UUID team", accept, 400);
    assert_eq!(body.id, "bad_request");
}

/// A query value over the spec's maximum: the operation declares no 422, so Prism answers with
/// the spec's `default` response.
#[tokio::test]
async fn invalid_query_is_a_typed_api_error() {
    let Some(client) = prism() else { return };
    let list = client.images().list().per_page(201).send_with_response().await;
    let body = refused("images_list with per_page over the maximum", list, 422);
    assert_eq!(body.id, "example_error");
}

/// Without credentials the spec's security requirement is broken: its 401 example comes back.
#[tokio::test]
async fn missing_token_is_unauthorized() {
    let Some(client) = prism() else { return };
    let anonymous = Client::builder().base_url(client.base_url()).build().unwrap();
    let body = refused(
        "images_list without a token",
        anonymous.images().list().send_with_response().await,
        401,
    );
    assert_eq!(body.id, "unauthorized");
}

/// Each operation of the spec has a test above; a new operation fails here until it gets one.
#[test]
fn every_operation_of_the_spec_is_called() {
    if prism().is_none() {
        return;
    }
    const CALLED: [&str; 12] = [
        "images_list",
        "images_create_custom",
        "images_get",
        "images_update",
        "images_delete",
        "images_post_account_transfer_create",
        "images_post_account_transfer_accept",
        "images_post_account_transfer_cancel",
        "images_post_account_transfer_decline",
        "imageActions_list",
        "imageActions_post",
        "imageActions_get",
    ];
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/images.yaml"))
        .unwrap();
    let in_spec: Vec<&str> =
        spec.lines().filter_map(|line| line.trim().strip_prefix("operationId: ")).collect();
    assert_eq!(in_spec, CALLED);
}
