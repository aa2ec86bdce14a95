//! The shape of an OpenAPI 3.0 (or 3.1) document as far as `$ref`s go: which fields hold which objects.
//!
//! Walking by kind (rather than looking for `$ref` keys anywhere) keeps example values and
//! extensions, which may contain a `$ref` key as plain data, untouched, and tells a schema
//! reference from a parameter reference.

/// A kind of OpenAPI object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Document,
    Info,
    Tag,
    Paths,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Encoding,
    Schema,
    Example,
    Link,
    Callback,
    SecurityScheme,
}

/// How a field holds its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// The field's value is one child.
    One,
    /// The field is a map of children.
    Map,
    /// The field is a list of children.
    List,
    /// Every entry of the object itself (except `x-` extensions) is a child; the field is unused.
    Entries,
}

use Holds::*;
use Kind::*;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Kind {
    /// The `components` section for shared objects of this kind. A `$ref` to anything else
    /// (a path item, or DigitalOcean's operation files) is inlined where it stands.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Parameter => "parameters",
            RequestBody => "requestBodies",
            Response => "responses",
            Header => "headers",
            Schema => "schemas",
            Example => "examples",
            Link => "links",
            Callback => "callbacks",
            SecurityScheme => "securitySchemes",
            Document | Info | Tag | Paths | Components | PathItem | Operation | MediaType
            | Encoding => return None,
        })
    }

    /// The kind of the entries of `components/<section>`.
    pub fn of_section(section: &str) -> Option<Kind> {
        [Parameter, RequestBody, Response, Header, Schema, Example, Link, Callback, SecurityScheme]
            .into_iter()
            .find(|kind| kind.section() == Some(section))
    }

    /// The fields of this kind that hold objects which may be, or contain, references.
    pub fn children(self) -> Vec<(&'static str, Holds, Kind)> {
        match self {
            Document => vec![
                ("info", One, Info),
                ("tags", List, Tag),
                ("paths", One, Paths),
                ("components", One, Components),
            ],
            Paths => vec![("", Entries, PathItem)],
            Callback => vec![("", Entries, PathItem)],
            Components => vec![
                ("schemas", Map, Schema),
                ("responses", Map, Response),
                ("parameters", Map, Parameter),
                ("examples", Map, Example),
                ("requestBodies", Map, RequestBody),
                ("headers", Map, Header),
                ("securitySchemes", Map, SecurityScheme),
                ("links", Map, Link),
                ("callbacks", Map, Callback),
                // OpenAPI 3.1: path items shared by `$ref`.
                ("pathItems", Map, PathItem),
            ],
            PathItem => {
                let mut fields: Vec<_> = METHODS.iter().map(|m| (*m, One, Operation)).collect();
                fields.push(("parameters", List, Parameter));
                fields
            }
            Operation => vec![
                ("parameters", List, Parameter),
                ("requestBody", One, RequestBody),
                ("responses", Map, Response),
                ("callbacks", Map, Callback),
            ],
            Parameter | Header => vec![
                ("schema", One, Schema),
                ("content", Map, MediaType),
                ("examples", Map, Example),
            ],
            RequestBody => vec![("content", Map, MediaType)],
            Response => {
                vec![("headers", Map, Header), ("content", Map, MediaType), ("links", Map, Link)]
            }
            MediaType => vec![
                ("schema", One, Schema),
                ("examples", Map, Example),
                ("encoding", Map, Encoding),
            ],
            Encoding => vec![("headers", Map, Header)],
            Schema => vec![
                ("properties", Map, Schema),
                ("items", One, Schema),
                ("additionalProperties", One, Schema),
                ("allOf", List, Schema),
                ("oneOf", List, Schema),
                ("anyOf", List, Schema),
                ("not", One, Schema),
                // JSON Schema 2020-12, which OpenAPI 3.1 schemas are.
                ("$defs", Map, Schema),
                ("prefixItems", List, Schema),
                ("unevaluatedProperties", One, Schema),
                ("unevaluatedItems", One, Schema),
                ("dependentSchemas", Map, Schema),
                ("patternProperties", Map, Schema),
                ("propertyNames", One, Schema),
                ("contains", One, Schema),
                ("if", One, Schema),
                ("then", One, Schema),
                ("else", One, Schema),
            ],
            Info | Tag | Example | Link | SecurityScheme => vec![],
        }
    }
}
