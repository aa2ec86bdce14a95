//! Tests of the image account-transfer operations (create to a user or a team, accept, cancel,
//! decline) against a mock server: the request each one sends, how its answer is decoded, and
//! each error status the spec gives them.

mod common;

use common::{api_call_with_body, body_of, only_request, setup};
use digitalocean_images::types::{
    AccountTransfer, AccountTransferAcceptance, AccountTransferEmailRecipient,
    AccountTransferReference, AccountTransferTeamRecipient,
};
use digitalocean_images::{Client, Error, Response};
use serde_json::json;
use wiremock::ResponseTemplate;
use wiremock::matchers::body_json;

const TEAM: &str = "b3d1f6a2-7c4e-4a9b-8e21-5f0c9d3a6e47";

fn json_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json")
}

fn to_user(email: &str) -> AccountTransfer {
    AccountTransferEmailRecipient::new(email).into()
}

fn to_team(uuid: &str) -> AccountTransfer {
    AccountTransferTeamRecipient::new(uuid).into()
}

#[tokio::test]
async fn create_to_a_user_posts_only_the_email_and_decodes_the_transfer_id() {
    let (server, client) = setup().await;
    let expected = json!({"recipient_email": "dana.okafor@example.net"});
    api_call_with_body("POST", "/v2/images/62137902/account_transfer")
        .and(body_json(&expected))
        .respond_with(json_response(201, r#"{"transfer_id": 5120387}"#))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .images()
        .post_account_transfer_create(62137902, to_user("dana.okafor@example.net"))
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.body().transfer_id, 5120387);
    let request = only_request(&server).await;
    assert_eq!(body_of(&request), expected);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn create_to_a_team_posts_only_the_uuid_and_reads_an_immediate_acceptance() {
    let (server, client) = setup().await;
    let expected = json!({"recipient_uuid": TEAM});
    api_call_with_body("POST", "/v2/images/7938269/account_transfer")
        .and(body_json(&expected))
        .respond_with(json_response(201, r#"{"transfer_id": 0}"#))
        .expect(1)
        .mount(&server)
        .await;

    let started =
        client.images().post_account_transfer_create(7938269, to_team(TEAM)).send().await.unwrap();

    // `0`: the team took the image at once, there is nothing pending.
    assert_eq!(started.transfer_id, 0);
    assert_eq!(body_of(&only_request(&server).await), expected);
}

#[tokio::test]
async fn create_refuses_an_answer_without_its_transfer_id() {
    let (server, client) = setup().await;
    api_call_with_body("POST", "/v2/images/1/account_transfer")
        .respond_with(json_response(201, "{}"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client.images().post_account_transfer_create(1, to_team(TEAM)).send().await;

    match err {
        Err(Error::Decode { status, source, .. }) => {
            assert_eq!(status.as_u16(), 201);
            assert!(source.to_string().contains("missing field `transfer_id`"), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn accept_posts_the_transfer_and_team_and_takes_a_201_without_a_body() {
    let (server, client) = setup().await;
    let expected = json!({"transfer_id": 5120387, "recipient_uuid": TEAM});
    api_call_with_body("POST", "/v2/images/62137902/account_transfer/accept")
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;

    let body = AccountTransferAcceptance::new(5120387, TEAM);
    let response = client
        .images()
        .post_account_transfer_accept(62137902, body)
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 201);
    let request = only_request(&server).await;
    assert_eq!(body_of(&request), expected);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn cancel_posts_the_transfer_id_and_takes_a_204() {
    let (server, client) = setup().await;
    let expected = json!({"transfer_id": 5120387});
    api_call_with_body("POST", "/v2/images/62137902/account_transfer/cancel")
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let body = AccountTransferReference::new(5120387);
    let result = client.images().post_account_transfer_cancel(62137902, body).send().await;

    assert!(matches!(result, Ok(())), "{result:?}");
    assert_eq!(body_of(&only_request(&server).await), expected);
}

#[tokio::test]
async fn decline_posts_the_transfer_id_and_takes_a_204() {
    let (server, client) = setup().await;
    let expected = json!({"transfer_id": 77});
    api_call_with_body("POST", "/v2/images/7938269/account_transfer/decline")
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let body = AccountTransferReference::new(77);
    let result = client.images().post_account_transfer_decline(7938269, body).send().await;

    assert!(matches!(result, Ok(())), "{result:?}");
    assert_eq!(body_of(&only_request(&server).await), expected);
}

/// Sends the transfer operation at `which` (the path after the image id) for image 9 and returns
/// the success status, so that every operation can be checked alike.
async fn call(client: &Client, which: &str) -> Result<u16, Error> {
    let reference = || AccountTransferReference::new(5120387);
    fn status<T>(response: Response<T>) -> u16 {
        response.status().as_u16()
    }
    let images = client.images();
    match which {
        "account_transfer" => images
            .post_account_transfer_create(9, to_user("dana.okafor@example.net"))
            .send_with_response()
            .await
            .map(status),
        "account_transfer/accept" => images
            .post_account_transfer_accept(9, AccountTransferAcceptance::new(5120387, TEAM))
            .send_with_response()
            .await
            .map(status),
        "account_transfer/cancel" => images
            .post_account_transfer_cancel(9, reference())
            .send_with_response()
            .await
            .map(status),
        "account_transfer/decline" => images
            .post_account_transfer_decline(9, reference())
            .send_with_response()
            .await
            .map(status),
        other => unreachable!("no operation {other}"),
    }
}

/// Each error status the spec gives the transfer operations (and one only `default` covers)
/// comes back as `Error::Api` with the decoded error body, for every one of the four.
#[tokio::test]
async fn every_error_status_of_every_transfer_operation_is_a_typed_api_error() {
    let (server, client) = setup().await;
    let operations = [
        "account_transfer",
        "account_transfer/accept",
        "account_transfer/cancel",
        "account_transfer/decline",
    ];
    let errors = [
        (400, "bad_request"),
        (401, "unauthorized"),
        (404, "not_found"),
        (409, "conflict"),
        (429, "too_many_requests"),
        (500, "server_error"),
    ];
    for operation in operations {
        for (status, id) in errors {
            server.reset().await;
            let body = json!({"id": id, "message": format!("{operation} failed with {status}"),
                "request_id": "3a7c2e91-4d6b-4f08-b5e3-9c1a7d2f8e64"});
            api_call_with_body("POST", &format!("/v2/images/9/{operation}"))
                .respond_with(json_response(status, &body.to_string()))
                .expect(1)
                .mount(&server)
                .await;

            let what = format!("{operation} answered {status}");
            match call(&client, operation).await {
                Err(Error::Api(response)) => {
                    assert_eq!(response.status().as_u16(), status, "{what}");
                    assert_eq!(response.attempts(), 1, "{what}: a POST is not retried");
                    let error = response.body();
                    assert_eq!(error.id, id, "{what}");
                    assert_eq!(error.message, format!("{operation} failed with {status}"));
                    assert_eq!(
                        error.request_id.as_deref(),
                        Some("3a7c2e91-4d6b-4f08-b5e3-9c1a7d2f8e64")
                    );
                }
                other => panic!("{what}: expected Error::Api, got {other:?}"),
            }
            server.verify().await;
        }
    }
}

#[test]
fn transfer_bodies_serialise_to_exactly_one_recipient() {
    assert_eq!(
        serde_json::to_value(to_user("dana.okafor@example.net")).unwrap(),
        json!({"recipient_email": "dana.okafor@example.net"})
    );
    assert_eq!(serde_json::to_value(to_team(TEAM)).unwrap(), json!({"recipient_uuid": TEAM}));
}

#[test]
fn a_transfer_body_decodes_into_the_alternative_it_names() {
    let user: AccountTransfer =
        serde_json::from_value(json!({"recipient_email": "dana.okafor@example.net"})).unwrap();
    assert_eq!(user, to_user("dana.okafor@example.net"));
    let team: AccountTransfer = serde_json::from_value(json!({"recipient_uuid": TEAM})).unwrap();
    assert_eq!(team, to_team(TEAM));
    let neither = serde_json::from_value::<AccountTransfer>(json!({"recipient": "someone"}));
    assert!(neither.is_err(), "{neither:?}");
}
