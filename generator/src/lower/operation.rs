//! Paths and operations → groups of operations, one group per tag.

use std::collections::{HashMap, HashSet};

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr};

use super::schema::SchemaRef;
use super::{Lowerer, Resolved};
use crate::error::Pointer;
use crate::model::{
    Group, HttpMethod, Operation, Param, ParamLocation, ParamShape, ParamStyle, PathPart, Success,
    TypeQuery,
};
use crate::naming::{self, Scope};
use crate::reserved;

/// A group being filled, with the names already handed out in its module.
struct GroupScope {
    group: Group,
    methods: Scope,
    builders: Scope,
}

impl GroupScope {
    fn new(
        tag: &str,
        docs: Option<String>,
        module_names: &mut Scope,
        type_names: &mut Scope,
    ) -> GroupScope {
        let module = module_names.claim(naming::snake_name(tag));
        // The group's accessor struct lives in the same module as the builders.
        let mut builders = Scope::reserving(reserved::OPERATIONS_MODULE);
        let type_name =
            claim_apart(&mut builders, type_names, naming::type_name(&module), "Operations");
        let group = Group { tag: tag.to_owned(), docs, type_name, module, operations: Vec::new() };
        GroupScope { group, methods: Scope::reserving(reserved::GROUP_METHODS), builders }
    }
}

impl<'a> Lowerer<'a> {
    /// Every operation, grouped by its first tag; groups follow the spec's tag list.
    pub(super) fn operations(&mut self) -> Vec<Group> {
        let mut module_names = Scope::reserving(reserved::TAG_MODULES);
        let mut groups: Vec<GroupScope> = (self.spec.tags.iter())
            .map(|tag| {
                let docs = tag.description.clone();
                GroupScope::new(&tag.name, docs, &mut module_names, &mut self.type_names)
            })
            .collect();
        // The first group of each tag (a tag listed twice keeps its first).
        let mut by_tag: HashMap<String, usize> = HashMap::new();
        for (index, scope) in groups.iter().enumerate() {
            by_tag.entry(scope.group.tag.clone()).or_insert(index);
        }
        for (path, item) in self.spec.paths.iter() {
            let path_pointer = Pointer::default().join("paths").join(path);
            let ReferenceOr::Item(item) = item else {
                self.error(
                    &path_pointer,
                    "a $ref in place of a path item is not supported; write the path item in place",
                );
                continue;
            };
            for (method, op) in item.iter() {
                // Untagged operations share one group; `other` reads better than `default`, which is also a
                // prelude trait.
                let tag = op.tags.first().map_or("other", String::as_str);
                let index = match by_tag.get(tag) {
                    Some(&index) => index,
                    None => {
                        let scope =
                            GroupScope::new(tag, None, &mut module_names, &mut self.type_names);
                        groups.push(scope);
                        by_tag.insert(tag.to_owned(), groups.len() - 1);
                        groups.len() - 1
                    }
                };
                let pointer = path_pointer.join(method);
                let operation = self.operation(
                    path,
                    method,
                    op,
                    &item.parameters,
                    &mut groups[index],
                    &pointer,
                );
                groups[index].group.operations.extend(operation);
            }
        }
        groups
            .into_iter()
            .map(|scope| scope.group)
            .filter(|group| !group.operations.is_empty())
            .collect()
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &'a openapiv3::Operation,
        shared_params: &'a [ReferenceOr<Parameter>],
        scope: &mut GroupScope,
        pointer: &Pointer,
    ) -> Option<Operation> {
        let Some(http_method) = HttpMethod::from_field(method) else {
            self.error(pointer, format!("`{method}` is not an HTTP method"));
            return None;
        };
        let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
        let full_name = naming::snake_name(&id);
        let short_name = full_name
            .strip_prefix(&format!("{}_", scope.group.module))
            .filter(|rest| !rest.is_empty());
        let method_name = scope.methods.claim(naming::snake_name(short_name.unwrap_or(&full_name)));
        // Types made for the operation are named after it, and never the same as its builder.
        let stem = naming::type_name(&id);
        let builder =
            claim_apart(&mut scope.builders, &mut self.type_names, stem.clone(), "Builder");

        if !op.callbacks.is_empty() {
            self.warn(
                &pointer.join("callbacks"),
                "callbacks are not supported: the requests a server makes back are not generated",
            );
        }
        let params = self.params(&stem, op, shared_params, pointer);
        let path_parts = self.path_parts(path, &params, pointer);
        let body = op
            .request_body
            .as_ref()
            .and_then(|body| self.request_body(body, &stem, &pointer.join("requestBody")));
        let mut success = self.responses(op, &stem, &pointer.join("responses"));
        if let Success::ByStatus { name, .. } = &mut success {
            let wanted = format!("{stem}Response");
            *name = claim_apart(&mut scope.builders, &mut self.type_names, wanted, "ByStatus");
        }
        Some(Operation {
            id,
            method_name,
            builder,
            http_method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            path_parts,
            params,
            body,
            success,
            pagination: None,
            deprecated: op.deprecated,
        })
    }

    /// Path-item parameters, overridden by the operation's own of the same name and place.
    fn params(
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
                if !matches!(style, PathStyle::Simple) {
                    let style = if matches!(style, PathStyle::Label) { "label" } else { "matrix" };
                    self.warn(
                        pointer,
                        format!(
                            "path parameter style `{style}` is not supported: sent as `simple`"
                        ),
                    );
                }
                (ParamLocation::Path, parameter_data, ParamStyle::Joined(','))
            }
            Parameter::Query { parameter_data, style, .. } => {
                let style = match style {
                    QueryStyle::Form if parameter_data.explode.unwrap_or(true) => {
                        ParamStyle::Repeated
                    }
                    QueryStyle::Form => ParamStyle::Joined(','),
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
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            self.error(pointer, "a parameter with `content` is not supported; give it a `schema`");
            return None;
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
        let ty = self.type_ref(SchemaRef::from(schema), &hint, &pointer.join("schema"));
        let usable = match TypeQuery::new(&self.types).param_shape(&ty) {
            _ if style == ParamStyle::DeepObject => true,
            Some(shape) => shape != ParamShape::Object,
            None => false,
        };
        if !usable {
            self.error(pointer, format!("parameter `{}` has a type that cannot be written into a request: scalars, unions of scalars, arrays of them, and `deepObject` query objects are supported", data.name));
            return None;
        }
        Some(Param {
            name: scope.claim(naming::snake_name(&data.name)),
            wire: data.name.clone(),
            location,
            docs: param_docs(data, schema),
            ty,
            required: data.required,
            style,
            deprecated: data.deprecated.unwrap_or(false),
        })
    }

    /// Cuts `/v2/images/{image_id}` into literal text and parameter slots.
    fn path_parts(&mut self, path: &str, params: &[Param], pointer: &Pointer) -> Vec<PathPart> {
        let mut parts = Vec::new();
        let path_params: HashMap<&str, usize> = (params.iter().enumerate().rev())
            .filter(|(_, p)| p.location == ParamLocation::Path)
            .map(|(index, p)| (p.wire.as_str(), index))
            .collect();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                self.error(pointer, format!("path template `{path}` has an unclosed `{{`"));
                return parts;
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let wire = &rest[open + 1..close];
            match path_params.get(wire) {
                Some(&index) => parts.push(PathPart::Param(index)),
                None => self.error(pointer, format!("path template `{path}` names `{wire}`, but no path parameter has that name")),
            }
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        parts
    }
}

/// An HTTP header name: one or more RFC 9110 token characters.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Claims a name in an operations module that is not also a name in `types`, so no public name
/// means two things (`types::X` beside `operations::X`). A name a schema already holds gets
/// `suffix` first (`ImagesPostAccountTransferAcceptBuilder`), then a number if need be.
fn claim_apart(module: &mut Scope, types: &mut Scope, wanted: String, suffix: &str) -> String {
    let wanted = if types.contains(&wanted) { format!("{wanted}{suffix}") } else { wanted };
    loop {
        let name = module.claim(wanted.clone());
        if !types.contains(&name) {
            return types.claim(name);
        }
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
/// default…). A `$ref`'d schema is documented on its type.
fn param_docs(
    data: &openapiv3::ParameterData,
    schema: &ReferenceOr<openapiv3::Schema>,
) -> Option<String> {
    let notes = match schema {
        ReferenceOr::Item(schema) => super::schema::notes(schema),
        ReferenceOr::Reference { .. } => None,
    };
    let deprecated = data.deprecated.unwrap_or(false).then(|| "Deprecated.".to_owned());
    super::schema::join_docs(data.description.clone().into_iter().chain(notes).chain(deprecated))
}
