//! Paths and operations → groups of operations, one group per tag.

use std::collections::HashMap;

use openapiv3::{Parameter, ReferenceOr};

use super::Lowerer;
use crate::error::Pointer;
use crate::model::{Group, HttpMethod, Operation, Param, ParamLocation, PathPart, Success};
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
            // `bundle` inlines every path item given by `$ref` (another path, another file,
            // 3.1's `components/pathItems`), so none should be left here.
            let ReferenceOr::Item(item) = item else {
                self.error(
                    &path_pointer,
                    "a $ref in place of a path item was left unresolved; write the path item in place",
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
