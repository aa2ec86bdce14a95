//! An operation's parameters: which place and style each is sent in, and its type, from its
//! `schema` or from the one media type of its `content`.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr,
    Schema,
};

use super::content::{essence, is_json};
use super::schema::SchemaRef;
use super::{Lowerer, Requirement, Resolved};
use crate::config::headers::is_header_name;
use crate::error::Pointer;
use crate::model::{Docs, Note};
use crate::model::{Param, ParamEncoding, ParamLocation, ParamStyle, TypeRef};
use crate::naming::{self, Scope};
use crate::reserved;

impl<'a> Lowerer<'a> {
    /// Path-item parameters, overridden by the operation's own of the same name and place.
    pub(super) fn params(
        &mut self,
        operation: &str,
        op: &'a openapiv3::Operation,
        shared: &'a [ReferenceOr<Parameter>],
        pointer: &Pointer,
    ) -> Vec<Param> {
        let mut resolved: Vec<Resolved<'a, Parameter>> = Vec::new();
        let mut seen = HashSet::new();
        let own =
            op.parameters.iter().enumerate().map(|(i, p)| (p, pointer.join("parameters").join(i)));
        let path_pointer = pointer.parent();
        let inherited =
            shared.iter().enumerate().map(|(i, p)| (p, path_pointer.join("parameters").join(i)));
        for (param, param_pointer) in own.chain(inherited) {
            let Some(param) = self.resolve(param, "parameters", |c| &c.parameters, &param_pointer)
            else {
                continue;
            };
            let name = param.value.parameter_data_ref().name.as_str();
            if seen.insert((name, std::mem::discriminant(param.value))) {
                resolved.push(param);
            }
        }
        // Names the builder uses for itself are claimed first, so parameters never shadow them.
        let mut scope = Scope::reserving(reserved::BUILDER_MEMBERS);
        resolved.into_iter().filter_map(|param| self.param(operation, &param, &mut scope)).collect()
    }

    fn param(
        &mut self,
        operation: &str,
        param: &Resolved<'a, Parameter>,
        scope: &mut Scope,
    ) -> Option<Param> {
        let Resolved { key, value: param, pointer } = param;
        let (location, data, style) = match param {
            Parameter::Path { parameter_data, style } => {
                let explode = parameter_data.explode.unwrap_or(false);
                let style = match style {
                    PathStyle::Simple => ParamStyle::Joined(','),
                    PathStyle::Label => ParamStyle::Label { explode },
                    PathStyle::Matrix => ParamStyle::Matrix { explode },
                };
                (ParamLocation::Path, parameter_data, style)
            }
            Parameter::Query { parameter_data, style, .. } => {
                // `form` explodes unless told not to; the other styles only when told to, and
                // then are `form`'s repeated pairs (OpenAPI 3.0's style table).
                let explode = parameter_data.explode;
                let style = match style {
                    QueryStyle::Form if explode.unwrap_or(true) => ParamStyle::Repeated,
                    QueryStyle::Form => ParamStyle::Joined(','),
                    QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited
                        if explode == Some(true) =>
                    {
                        ParamStyle::Repeated
                    }
                    QueryStyle::SpaceDelimited => ParamStyle::Joined(' '),
                    QueryStyle::PipeDelimited => ParamStyle::Joined('|'),
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                };
                (ParamLocation::Query, parameter_data, style)
            }
            Parameter::Header { parameter_data, .. } => {
                if !is_header_name(&parameter_data.name) {
                    self.error(
                        pointer,
                        format!("`{}` is not a valid HTTP header name", parameter_data.name),
                    );
                    return None;
                }
                (ParamLocation::Header, parameter_data, ParamStyle::Joined(','))
            }
            Parameter::Cookie { parameter_data, .. } => {
                (ParamLocation::Cookie, parameter_data, ParamStyle::Joined(','))
            }
        };
        let (schema, encoding, schema_pointer) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                (Some(schema), ParamEncoding::Text, pointer.join("schema"))
            }
            ParameterSchemaOrContent::Content(content) => {
                self.param_content(&data.name, content, pointer)?
            }
        };
        // Named after the operation, also when the parameter is a component only it uses
        // (DigitalOcean's `type` is `ImagesListType`): a bare parameter name says little. One
        // that several operations share is named after itself.
        let hint = match key {
            Some(key) if self.parameter_uses.get(*key).is_some_and(|&uses| uses > 1) => {
                (*key).to_owned()
            }
            _ => format!("{operation} {}", data.name),
        };
        let ty = match schema {
            Some(schema) => self.type_ref(SchemaRef::from(schema), &hint, &schema_pointer),
            None => TypeRef::Json,
        };
        // Whether the type can be written in its style is known only once every type is lowered.
        if encoding == ParamEncoding::Text && style != ParamStyle::DeepObject {
            let requirement = Requirement::ParamText { name: data.name.clone(), ty: ty.clone() };
            self.requirements.push((pointer.clone(), requirement));
        }
        // A JSON text is one value, whatever the style says of arrays and objects.
        let style = match (encoding, location.clone()) {
            (ParamEncoding::Json, ParamLocation::Query) => ParamStyle::Repeated,
            (ParamEncoding::Json, _) => ParamStyle::Joined(','),
            (ParamEncoding::Text, _) => style,
        };
        Some(Param {
            name: scope.claim(naming::snake_name(&data.name)),
            wire: data.name.clone(),
            location,
            docs: param_docs(data, schema),
            ty,
            required: data.required,
            style,
            encoding,
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    /// The schema of a parameter's `content`, how its value is written, and the schema's
    /// pointer. OpenAPI allows exactly one media type there.
    fn param_content(
        &mut self,
        name: &str,
        content: &'a IndexMap<String, MediaType>,
        pointer: &Pointer,
    ) -> Option<(Option<&'a ReferenceOr<Schema>>, ParamEncoding, Pointer)> {
        let content_pointer = pointer.join("content");
        let mut media_types = content.iter();
        let (Some((media_type, media)), None) = (media_types.next(), media_types.next()) else {
            self.error(
                &content_pointer,
                format!("parameter `{name}` must have exactly one media type in `content`"),
            );
            return None;
        };
        let media_pointer = content_pointer.join(media_type);
        let encoding = match essence(media_type) {
            essence if is_json(essence) || essence.ends_with("/json") => ParamEncoding::Json,
            "text/plain" => ParamEncoding::Text,
            _ => {
                self.error(&media_pointer, format!("parameter `{name}` has media type `{media_type}`, which is not supported: `application/json` (also `*/json` and `+json`) and `text/plain` are"));
                return None;
            }
        };
        if encoding == ParamEncoding::Text && media.schema.is_none() {
            self.error(
                &media_pointer,
                format!("the `text/plain` parameter `{name}` needs a scalar `schema`"),
            );
            return None;
        }
        Some((media.schema.as_ref(), encoding, media_pointer.join("schema")))
    }
}

/// How many operations use each parameter component, directly or through their path item.
pub(super) fn parameter_uses(spec: &OpenAPI) -> HashMap<String, usize> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for (_, item) in spec.paths.iter() {
        let ReferenceOr::Item(item) = item else { continue };
        for (_, op) in item.iter() {
            let keys: HashSet<&str> = (op.parameters.iter().chain(&item.parameters))
                .filter_map(|param| match param {
                    ReferenceOr::Reference { reference } => {
                        reference.strip_prefix("#/components/parameters/")
                    }
                    ReferenceOr::Item(_) => None,
                })
                .collect();
            for key in keys {
                *uses.entry(key.to_owned()).or_default() += 1;
            }
        }
    }
    uses
}

/// A parameter's description, then what its inline schema says that its type cannot (range,
/// default…), and whether it is deprecated. A `$ref`'d schema is documented on its type.
fn param_docs(
    data: &openapiv3::ParameterData,
    schema: Option<&ReferenceOr<openapiv3::Schema>>,
) -> Docs {
    let mut notes = match schema {
        Some(ReferenceOr::Item(schema)) => super::schema::notes(schema),
        Some(ReferenceOr::Reference { .. }) | None => Vec::new(),
    };
    if data.deprecated.unwrap_or(false) {
        notes.push(Note::Deprecated);
    }
    Docs { description: data.description.clone(), notes }
}
