//! Tests of what requests leave for `tracing`: one `request` span per request with the
//! operation id, method, path template, attempts, status and duration, and one event per retry
//! with its wait, and never a credential, a header value or a query value. A layer of our own
//! records every span and event as text; retry waits run on tokio's paused clock with a
//! timer-free HTTP client, as in `retries.rs`.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use common::TOKEN;
use digitalocean_images::Client;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

type Fields = BTreeMap<String, String>;

/// What the layer saw: spans by id (name and fields), and events (their target, their span's
/// id, their fields). The HTTP client's own events (hyper's) are among them.
#[derive(Default)]
struct Seen {
    spans: HashMap<u64, (String, Fields)>,
    events: Vec<(String, Option<u64>, Fields)>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Seen>>);

struct Visitor<'a>(&'a mut Fields);

impl Visit for Visitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut fields = Fields::new();
        attrs.record(&mut Visitor(&mut fields));
        let name = attrs.metadata().name().to_owned();
        self.0.lock().unwrap().spans.insert(id.into_u64(), (name, fields));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut seen = self.0.lock().unwrap();
        if let Some((_, fields)) = seen.spans.get_mut(&id.into_u64()) {
            values.record(&mut Visitor(fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        let mut fields = Fields::new();
        event.record(&mut Visitor(&mut fields));
        let span = context.event_span(event).map(|span| span.id().into_u64());
        let target = event.metadata().target().to_owned();
        self.0.lock().unwrap().events.push((target, span, fields));
    }
}

impl Capture {
    /// The `request` spans seen, with their ids.
    fn requests(&self) -> Vec<(u64, Fields)> {
        let seen = self.0.lock().unwrap();
        let spans = seen.spans.iter().filter(|(_, (name, _))| name == "request");
        spans.map(|(id, (_, fields))| (*id, fields.clone())).collect()
    }

    /// The client's own events, with their span's id.
    fn events(&self) -> Vec<(Option<u64>, Fields)> {
        let seen = self.0.lock().unwrap();
        let ours =
            seen.events.iter().filter(|(target, ..)| target.starts_with("digitalocean_images"));
        ours.map(|(_, span, fields)| (*span, fields.clone())).collect()
    }

    /// Everything recorded, as one text.
    fn all_text(&self) -> String {
        let seen = self.0.lock().unwrap();
        let spans = seen.spans.values().map(|(name, fields)| format!("{name} {fields:?}"));
        let events = seen.events.iter().map(|(target, _, fields)| format!("{target} {fields:?}"));
        spans.chain(events).collect::<Vec<_>>().join("\n")
    }
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
}

/// A mock for `verb` on `route` that checks the token; the timer-free HTTP client of these
/// tests sends no user agent, so `common::api_call` would not match.
fn api_call(verb: &str, route: &str) -> MockBuilder {
    Mock::given(method(verb)).and(path(route)).and(header("authorization", "Bearer test-token"))
}

fn client(base_url: String) -> Client {
    let http = reqwest::Client::builder().pool_idle_timeout(None).build().unwrap();
    Client::builder().token(TOKEN).base_url(base_url).http_client(http).build().unwrap()
}

#[tokio::test(start_paused = true)]
async fn a_request_is_one_span_and_each_retry_an_event_with_its_wait() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let server = MockServer::start().await;
    let busy = ResponseTemplate::new(503)
        .insert_header("retry-after", "2")
        .set_body_raw(r#"{"id":"busy","message":"later"}"#, "application/json");
    api_call("GET", "/v2/images/7").respond_with(busy).up_to_n_times(1).mount(&server).await;
    let found =
        ResponseTemplate::new(200).set_body_raw(r#"{"image":{"id":7}}"#, "application/json");
    api_call("GET", "/v2/images/7").respond_with(found).mount(&server).await;

    client(server.uri())
        .images()
        .get(7)
        .header("x-signature", "header-s3cret")
        .extra_query("signature", "query-s3cret")
        .send()
        .await
        .unwrap();

    let requests = capture.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let (span, mut recorded) = requests.into_iter().next().unwrap();
    let duration: u64 = recorded.remove("duration_ms").expect("a duration").parse().unwrap();
    assert!(duration >= 2000, "the duration includes the 2 s wait: {duration}");
    assert_eq!(
        recorded,
        fields(&[
            ("operation_id", "images_get"),
            ("method", "GET"),
            ("path", "/v2/images/{image_id}"),
            ("attempts", "2"),
            ("status", "200"),
        ])
    );
    let retries: Vec<_> = capture.events();
    assert_eq!(retries.len(), 1, "{retries:?}");
    let (parent, mut retry) = retries.into_iter().next().unwrap();
    assert_eq!(parent, Some(span), "the retry event is inside the request's span");
    assert!(retry.remove("message").is_some_and(|m| m.contains("retrying")), "{retry:?}");
    assert_eq!(retry, fields(&[("attempt", "1"), ("wait_ms", "2000"), ("status", "503")]));
    let text = capture.all_text();
    for secret in [TOKEN, "header-s3cret", "query-s3cret", "/v2/images/7"] {
        assert!(!text.contains(secret), "{secret} was recorded: {text}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_failure_without_an_answer_has_attempts_but_no_status() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = client(format!("http://127.0.0.1:{port}"));

    client.images().delete(3).max_retries(1).send().await.unwrap_err();

    let requests = capture.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let (_, recorded) = &requests[0];
    assert_eq!(recorded["operation_id"], "images_delete");
    assert_eq!(recorded["method"], "DELETE");
    assert_eq!(recorded["attempts"], "2");
    assert!(!recorded.contains_key("status"), "{recorded:?}");
    let events = capture.events();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].1["failure"], "connection failed");
    assert!(events[0].1.contains_key("wait_ms"));
}

#[tokio::test]
async fn a_request_that_is_not_retried_leaves_no_event() {
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let server = MockServer::start().await;
    let refused = ResponseTemplate::new(422)
        .set_body_raw(r#"{"id":"bad","message":"no"}"#, "application/json");
    api_call("GET", "/v2/images/7").respond_with(refused).mount(&server).await;

    client(server.uri()).images().get(7).send().await.unwrap_err();

    let requests = capture.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].1["status"], "422");
    assert_eq!(requests[0].1["attempts"], "1");
    assert!(capture.events().is_empty(), "{:?}", capture.events());
}
