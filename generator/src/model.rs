//! Our own small description of an API, between the OpenAPI document and the emitted Rust.
//!
//! Every name here is already a valid, unique Rust identifier: `lower` decides names (through
//! `naming`), `emit` only spells them out. Nothing from `openapiv3` appears here.

pub use crate::error::Pointer;

mod docs;
mod query;
mod type_name;
pub use docs::{Bound, Counted, Docs, Note};
pub use query::{ParamShape, TypeQuery};
pub use type_name::{TypeName, Types};

/// The whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    /// The first server's URL, the client's default base URL.
    pub base_url: Option<String>,
    pub types: Types,
    /// Operation groups, one per tag, in the order the spec lists its tags.
    pub groups: Vec<Group>,
    /// The body type of error responses, shared by all operations.
    pub error_body: Option<TypeRef>,
    /// Where the client puts its credentials.
    pub auth: Auth,
    /// Every example value of the spec with the type it must decode into, in spec order.
    pub examples: Vec<Example>,
    /// Response headers the spec declares that carry the server's id for a request, lower
    /// case, sorted.
    pub request_id_headers: Vec<String>,
}

impl Api {
    /// Whether any type holds another through a `Box`, the sign of a cycle of types.
    pub fn boxes_anything(&self) -> bool {
        self.types.values().any(|def| match &def.kind {
            TypeKind::Struct { fields, .. } => fields.iter().any(|field| field.boxed),
            TypeKind::Tagged { variants, .. } => {
                variants.iter().flat_map(|variant| &variant.fields).any(|field| field.boxed)
            }
            TypeKind::Untagged { variants } => variants.iter().any(|variant| variant.boxed),
            TypeKind::StringEnum { .. } | TypeKind::Alias(_) | TypeKind::Newtype(_) => false,
        })
    }
}

/// How the API takes the client's secret, from its security schemes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No security scheme: requests carry no credentials unless `basic_auth` is set.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic …`, from a user name and password.
    Basic,
    /// The token in the named header, query parameter or cookie.
    ApiKeyHeader(String),
    ApiKeyQuery(String),
    ApiKeyCookie(String),
}

/// An `example` (or one of `examples`) of the spec, for the generated round-trip test.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where the value is written, `/components/schemas/image/example`.
    pub pointer: Pointer,
    /// The type the value must decode into.
    pub ty: TypeRef,
    pub value: serde_json::Value,
}

/// The operations of one tag, or untagged ones of one resource, reached through `client.<accessor>()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub by: GroupBy,
    pub docs: Option<String>,
    /// Module and accessor name, `image_actions`.
    pub module: String,
    /// The cargo feature that compiles it: its module's name, without `r#`.
    pub feature: String,
    /// Type name of the accessor struct, `ImageActions`.
    pub type_name: String,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
}

/// What its operations have in common.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// Their first tag, as written in the spec.
    Tag(String),
    /// No tag, and paths under one resource: `/v1/customers` for `/v1/customers/{id}`.
    Resource(String),
    /// No tag and no resource (`/`, or a path that is all parameters).
    Untagged,
}

/// A named Rust type made from a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: TypeName,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Whether a caller may need to build one (it is reachable from a request body or a
    /// parameter), so that it gets a constructor and setters. Decided by `passes/reach.rs`.
    pub buildable: bool,
    /// The features (of groups, in group order) that compile it; none when it is always
    /// compiled, as what every group or no group reaches is. Decided by `passes/reach.rs`.
    pub features: Vec<String>,
}

impl TypeDef {
    /// A type as lowering makes it, before the passes decide who builds and compiles it.
    pub fn new(name: TypeName, docs: Docs, kind: TypeKind) -> TypeDef {
        TypeDef { name, docs, kind, buildable: false, features: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties, and perhaps others of one type (`additionalProperties`);
    /// `constant` is a required property that has only one value, which is no field.
    Struct { fields: Vec<Field>, additional: Option<Additional>, constant: Option<Constant> },
    /// A string enum that keeps values it does not know in a catch-all variant.
    StringEnum { variants: Vec<EnumVariant>, other: String },
    /// One of several shapes told apart by trying each in turn (`oneOf`/`anyOf`).
    Untagged { variants: Vec<UntaggedVariant> },
    /// One of several objects told apart by a property (`discriminator`); `other` is the
    /// catch-all variant that keeps objects whose tag is unknown; `setters` set the variants'
    /// optional fields.
    Tagged { tag: String, variants: Vec<TaggedVariant>, other: String, setters: Vec<VariantSetter> },
    /// Another name for a type, such as an array.
    Alias(TypeRef),
    /// A struct around an array or map that contains itself (`A = Vec<A>` cannot be an alias).
    Newtype(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub wire: String,
    pub docs: Docs,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// Held in a `Box`, because the type contains itself through this field.
    pub boxed: bool,
    /// `deprecated: true` in the spec.
    pub deprecated: bool,
}

impl Field {
    /// Optional or nullable fields are `Option<T>` in Rust. An optional and nullable one is one
    /// `Option<T>` too, not `Option<Option<T>>`: absent and `null` both read as `None`, and `None`
    /// is left out, so an explicit `null` cannot be sent; the nested form would cost every user
    /// for a rare need.
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A required property whose schema allows one string (Stripe's `object: {enum: [customer]}`):
/// an associated constant of its struct, written when encoding and checked when decoding.
#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    /// The associated constant's name, the field's in upper case: `OBJECT`.
    pub name: String,
    pub wire: String,
    /// The one value.
    pub value: String,
    pub docs: Docs,
}

/// The properties of an object beyond those it names, gathered into one map field.
#[derive(Debug, Clone, PartialEq)]
pub struct Additional {
    /// The field's name, unique among the struct's fields.
    pub name: String,
    /// The type of each value.
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumVariant {
    pub name: String,
    pub wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub name: String,
    pub ty: TypeRef,
    /// Held in a `Box`, because the type contains itself through this variant.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    pub name: String,
    /// The enum's associated function that builds this variant, `transfer`.
    pub constructor: String,
    /// The discriminator value. A schema several values select is a variant per value, so
    /// that each value decodes and encodes as itself.
    pub wire: String,
    pub docs: Docs,
    /// The variant's properties, less the discriminator itself.
    pub fields: Vec<Field>,
}

/// A method of a tagged union that sets an optional field on whichever variant has it, as
/// `#[non_exhaustive]` variants cannot be written as literals outside the crate.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantSetter {
    /// The method's name, unique among the union's methods (its variant constructors too).
    pub name: String,
    /// The field's name in each variant that has it.
    pub field: String,
    /// The field's type, the same in each of them.
    pub ty: TypeRef,
    /// The names of the variants that have the field.
    pub variants: Vec<String>,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F64,
    DateTime,
    Date,
    /// Any JSON value, for schemas that say nothing usable.
    Json,
    Named(TypeName),
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
}

/// One API call.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId, or one made from method and path.
    pub id: String,
    /// Method name on the group, `create_custom`.
    pub method_name: String,
    /// The request builder's type name, `ImagesCreateCustom`.
    pub builder: String,
    pub http_method: HttpMethod,
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The path template cut into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// Parameters in spec order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// Whether the spec requires the body (`requestBody.required`): a required body is an
    /// argument of the method, another one a setter of the builder.
    pub body_required: bool,
    /// What a successful response carries.
    pub success: Success,
    /// How to reach the next page, for list operations that follow a paging convention.
    pub pagination: Option<Pagination>,
    /// `deprecated: true` in the spec.
    pub deprecated: bool,
    /// The examples given for its request body, where it is written (a shared `requestBodies`
    /// component's too), in spec order: what its docs build a body from first.
    pub body_examples: Vec<serde_json::Value>,
}

impl Operation {
    /// Every type the operation names: parameters, body, and success responses.
    pub fn type_refs(&self) -> impl Iterator<Item = &TypeRef> {
        let body = match &self.body {
            Some(Body::Json(ty) | Body::Form(ty) | Body::Multipart(ty)) => Some(ty),
            _ => None,
        };
        let success: Vec<&TypeRef> = match &self.success {
            Success::Json { ty, .. } => vec![ty],
            Success::ByStatus { cases, .. } => (cases.iter())
                .filter_map(|case| match &case.body {
                    CaseBody::Json(ty) => Some(ty),
                    _ => None,
                })
                .collect(),
            Success::None | Success::Bytes | Success::Text | Success::Stream => Vec::new(),
        };
        (self.params.iter().map(|param| &param.ty)).chain(body).chain(success)
    }
}

/// The HTTP methods an OpenAPI path item can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// The method of a path item's field name (`get`, `put`…).
    pub fn from_field(field: &str) -> Option<HttpMethod> {
        Some(match field {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    /// The method as sent, `GET`; also the name of `reqwest::Method`'s constant.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// A request body, in the media type the client sends (JSON when the spec allows it).
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`, nested values as `key[inner]=value`.
    Form(TypeRef),
    /// `multipart/form-data`, one part per top-level property.
    Multipart(TypeRef),
    /// Raw bytes sent with this content type (`application/octet-stream`, `image/png`…).
    Bytes(String),
    /// Text sent with this content type (`text/plain`, `text/csv`…).
    Text(String),
}

/// The body of a successful response, as the client hands it over.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// No body (or one the spec does not describe).
    None,
    /// A JSON body; `or_empty` when another 2XX status has no body, so the type is an `Option`.
    Json { ty: TypeRef, or_empty: bool },
    /// Raw bytes, read in full.
    Bytes,
    /// Text, read in full.
    Text,
    /// `text/event-stream`: the body as a stream of byte chunks, read as they arrive.
    Stream,
    /// 2XX statuses with bodies of different kinds: an enum named `name` (in the operation's
    /// module) with one variant per status, in spec order; the first is the fallback.
    ByStatus { name: String, cases: Vec<StatusCase> },
}

/// One success status of a [`Success::ByStatus`].
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCase {
    /// The status, or `None` for the `2XX` range.
    pub status: Option<u16>,
    /// The variant's name, `Status201`.
    pub variant: String,
    pub body: CaseBody,
}

/// The body of one [`StatusCase`]: read in full, never streamed.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseBody {
    None,
    Json(TypeRef),
    Bytes,
    Text,
}

/// A paging convention a list response follows; each is one strategy in the runtime.
#[derive(Debug, Clone, PartialEq)]
pub enum Pagination {
    /// The response links to the next page's URL (`links.pages.next`, DigitalOcean's style).
    NextLink {
        /// The response type.
        page: TypeName,
        /// The array field holding the page's items, and the item type.
        items: Field,
        item: TypeRef,
        /// The fields from the response down to the link, `links`, `pages`, `next`.
        next: Vec<Field>,
    },
}

impl Pagination {
    /// The type of one page.
    pub fn page(&self) -> &TypeName {
        match self {
            Pagination::NextLink { page, .. } => page,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// Index into `Operation::params`.
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a parameter's value is spelled out when it is not a single scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// An array as one `name=value` pair per item (query `form` with `explode`).
    Repeated,
    /// An array joined into one value with this separator (`form` without `explode`: `,`;
    /// `spaceDelimited`: ` `; `pipeDelimited`: `|`; header and cookie arrays: `,`).
    Joined(char),
    /// An object as `name[key]=value` pairs, nested keys in further brackets (`deepObject`).
    DeepObject,
    /// A path value after a `.`, items joined with `,`, or (exploded) each after its own `.`.
    Label { explode: bool },
    /// A path value as `;name=value`, items joined with `,`, or (exploded) each as its own
    /// `;name=item`.
    Matrix { explode: bool },
}

/// What text a parameter's value is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamEncoding {
    /// The value's own text, by `style` (a parameter with a `schema`, or `text/plain` content).
    Text,
    /// The JSON text of the whole value, as one value (`content: {application/json: …}`).
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: ParamLocation,
    pub docs: Docs,
    pub ty: TypeRef,
    pub required: bool,
    pub style: ParamStyle,
    pub encoding: ParamEncoding,
    /// `deprecated: true` in the spec.
    pub deprecated: bool,
}

impl Param {
    /// Required parameters are arguments of the method; the rest are builder setters.
    pub fn is_positional(&self) -> bool {
        self.required || self.location == ParamLocation::Path
    }
}
