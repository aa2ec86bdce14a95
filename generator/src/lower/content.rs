//! Request bodies and responses: which media type the client uses, and the type of its body.
//!
//! A request body is sent as JSON when the spec allows it, else as a form, multipart, text or
//! raw bytes, in that order. A successful response is decoded from JSON, or handed over as
//! text, bytes or (`text/event-stream`) a stream of chunks. Error responses are only looked at
//! for the API-wide error body type.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, MediaType, ReferenceOr, RequestBody, Response, SchemaKind, StatusCode,
    Type,
};

use super::schema::SchemaRef;
use super::{Lowerer, Requirement, Resolved};
use crate::config::headers::is_header_name;
use crate::error::Pointer;
use crate::model::{Body, CaseBody, StatusCase, Success, TypeRef};
use crate::naming;

impl<'a> Lowerer<'a> {
    /// The body, and whether the spec requires it; none for an optional body whose schema can
    /// hold nothing (Stripe's `GET`s declare `properties: {}` with no others allowed).
    pub(super) fn request_body(
        &mut self,
        body: &'a ReferenceOr<RequestBody>,
        builder: &str,
        pointer: &Pointer,
    ) -> Option<(Body, bool)> {
        let Resolved { key, value: body, pointer } =
            self.resolve(body, "requestBodies", |c| &c.request_bodies, pointer)?;
        let content = &body.content;
        let holds_nothing = |(media_type, media): (&String, &'a MediaType)| {
            self.holds_nothing(media_type, media, &pointer)
        };
        if !body.required && !content.is_empty() && content.iter().all(holds_nothing) {
            return None;
        }
        let hint = key.map_or_else(|| format!("{builder} request"), str::to_owned);
        Some((self.request_content(content, &hint, &pointer)?, body.required))
    }

    /// Whether a body of this media type can only be an object without properties.
    fn holds_nothing(&self, media_type: &str, media: &'a MediaType, pointer: &Pointer) -> bool {
        let Some(schema) = &media.schema else { return false };
        let at = pointer.join("content").join(media_type).join("schema");
        let Some((schema, _)) = self.schema_target(SchemaRef::from(schema), &at) else {
            return false;
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                object.properties.is_empty()
                    && matches!(
                        object.additional_properties,
                        Some(AdditionalProperties::Any(false))
                    )
            }
            _ => false,
        }
    }

    /// The body in the media type the client sends (see the module's header).
    fn request_content(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        hint: &str,
        pointer: &Pointer,
    ) -> Option<Body> {
        if let Some(ty) = self.json_content(content, hint, pointer) {
            return Some(Body::Json(ty));
        }
        for (essence, make) in [
            ("application/x-www-form-urlencoded", Body::Form as fn(TypeRef) -> Body),
            ("multipart/form-data", Body::Multipart),
        ] {
            if let Some((media_type, media)) = find(content, |found| found == essence) {
                let schema_pointer = pointer.join("content").join(media_type).join("schema");
                let ty = self.media_type(media, hint, &schema_pointer);
                let requirement = Requirement::ObjectBody { essence, ty: ty.clone() };
                self.requirements.push((schema_pointer, requirement));
                return Some(make(ty));
            }
        }
        if let Some((media_type, _)) = find(content, |essence| essence.starts_with("text/")) {
            return Some(Body::Text(media_type.clone()));
        }
        match content.keys().next() {
            Some(media_type) if media_type.contains("*") => {
                Some(Body::Bytes("application/octet-stream".into()))
            }
            Some(media_type) => Some(Body::Bytes(media_type.clone())),
            None => {
                self.error(pointer, "the request body has no media type in `content`");
                None
            }
        }
    }

    /// What a successful call returns, from the 2XX responses; error bodies are noted for the
    /// error type. 2XX responses with bodies of different types make an enum by status.
    pub(super) fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        builder: &str,
        pointer: &Pointer,
    ) -> Success {
        let mut successes: Vec<(Option<u16>, Read)> = Vec::new();
        let statuses =
            op.responses.responses.iter().map(|(status, response)| (Some(status), response));
        for (status, response) in statuses.chain(op.responses.default.iter().map(|r| (None, r))) {
            let status_pointer =
                pointer.join(status.map_or_else(|| "default".to_owned(), ToString::to_string));
            let success_code = match status {
                Some(StatusCode::Code(code @ 200..=299)) => Some(Some(*code)),
                Some(StatusCode::Range(2)) => Some(None),
                _ => None,
            };
            let hint = if success_code.is_some() {
                format!("{builder} response")
            } else {
                format!("{builder} error")
            };
            let Some(Resolved { key, value: response, pointer }) =
                self.resolve(response, "responses", |c| &c.responses, &status_pointer)
            else {
                continue;
            };
            if !response.links.is_empty() {
                self.warn(
                    &pointer.join("links"),
                    "response links are not supported: the operations they name are not followed",
                );
            }
            // Headers that carry the server's id for the request, wherever the spec declares
            // them (`x-request-id`, Stripe's `request-id`, `x-amzn-requestid`).
            let ids = response.headers.keys().map(|name| name.to_ascii_lowercase());
            self.request_id_headers.extend(ids.filter(|name| {
                let bare = name.replace(['-', '_'], "");
                bare.ends_with("requestid") && is_header_name(name)
            }));
            let hint = self.response_hint(key, hint);
            if let Some(code) = success_code {
                successes.push((code, self.success(response, &hint, &pointer)));
            } else if let Some(ty) = self.json_content(&response.content, &hint, &pointer) {
                self.error_bodies.push(ty);
            }
        }
        let empty = Read::Body(CaseBody::None);
        let mut bodies = successes.iter().map(|(_, s)| s).filter(|s| **s != empty);
        let Some(first) = bodies.next().cloned() else { return Success::None };
        // A 204 beside a 200 with a body: an empty body is `None`.
        let or_empty = successes.iter().any(|(_, success)| *success == empty);
        if bodies.any(|other| *other != first) {
            return by_status(successes);
        }
        match first {
            Read::Stream => Success::Stream,
            Read::Body(CaseBody::None) => Success::None,
            Read::Body(CaseBody::Json(ty)) => Success::Json { ty, or_empty },
            Read::Body(CaseBody::Bytes) => Success::Bytes,
            Read::Body(CaseBody::Text) => Success::Text,
        }
    }

    /// A response component names its inline schema; `Response` is added if a schema took the name.
    fn response_hint(&self, key: Option<&str>, hint: String) -> String {
        match key {
            Some(key) if self.type_names.contains(&naming::type_name(key)) => {
                format!("{key} response")
            }
            Some(key) => key.to_owned(),
            None => hint,
        }
    }

    fn success(&mut self, response: &'a Response, hint: &str, pointer: &Pointer) -> Read {
        let content = &response.content;
        if let Some(ty) = self.json_content(content, hint, pointer) {
            return Read::Body(CaseBody::Json(ty));
        }
        match content.keys().next().map(|media_type| essence(media_type)) {
            None => Read::Body(CaseBody::None),
            Some("text/event-stream") => Read::Stream,
            Some(essence) if essence.starts_with("text/") => Read::Body(CaseBody::Text),
            Some(_) => Read::Body(CaseBody::Bytes),
        }
    }

    /// The type of the JSON media type among `content`, if there is one.
    pub(super) fn json_content(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        hint: &str,
        pointer: &Pointer,
    ) -> Option<TypeRef> {
        let (media_type, media) = find(content, is_json)?;
        let schema_pointer = pointer.join("content").join(media_type).join("schema");
        Some(self.media_type(media, hint, &schema_pointer))
    }

    fn media_type(&mut self, media: &'a MediaType, hint: &str, pointer: &Pointer) -> TypeRef {
        match &media.schema {
            Some(schema) => self.type_ref(schema.into(), hint, pointer),
            None => TypeRef::Json,
        }
    }
}

/// How one success response is read: a body in full, or (`text/event-stream`) as a stream.
#[derive(Debug, Clone, PartialEq)]
enum Read {
    Body(CaseBody),
    Stream,
}

/// An enum by status for 2XX responses with different bodies; its name is given by the caller.
fn by_status(successes: Vec<(Option<u16>, Read)>) -> Success {
    let cases = successes
        .into_iter()
        .map(|(status, body)| StatusCase {
            variant: status.map_or_else(|| "Status2xx".to_owned(), |code| format!("Status{code}")),
            status,
            // A stream among other bodies is read in full, like any other.
            body: match body {
                Read::Body(body) => body,
                Read::Stream => CaseBody::Bytes,
            },
        })
        .collect();
    Success::ByStatus { name: String::new(), cases }
}

/// The first media type of `content` whose essence passes `test`.
fn find(
    content: &IndexMap<String, MediaType>,
    test: impl Fn(&str) -> bool,
) -> Option<(&String, &MediaType)> {
    content.iter().find(|(media_type, _)| test(essence(media_type)))
}

/// A media type without its parameters, such as `charset`.
pub(super) fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

pub(super) fn is_json(essence: &str) -> bool {
    essence == "application/json" || essence.ends_with("+json")
}
