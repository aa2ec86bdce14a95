//! Paths and operations → groups of operations, one group per tag (per resource when untagged).

use std::collections::{BTreeSet, HashMap};

use openapiv3::{Parameter, ReferenceOr};

use super::method_name::{self, PathShape};
use super::Lowerer;
use crate::error::Pointer;
use crate::model::{
    Group, GroupBy, HttpMethod, Operation, Param, ParamLocation, PathPart, Success,
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
        by: GroupBy,
        docs: Option<String>,
        module_names: &mut Scope,
        type_names: &mut Scope,
    ) -> GroupScope {
        // `other` reads better than `default`, which is also a prelude trait.
        let wanted = match &by {
            GroupBy::Tag(name) => naming::snake_name(name),
            GroupBy::Resource(path) => naming::snake_name(resource_name(path)),
            GroupBy::Untagged => "other".to_owned(),
        };
        let module = module_names.claim(wanted);
        // The group's accessor struct lives in the same module as the builders.
        let mut builders = Scope::reserving(reserved::OPERATIONS_MODULE);
        let type_name =
            claim_apart(&mut builders, type_names, naming::type_name(&module), "Operations");
        let feature = module.strip_prefix("r#").unwrap_or(&module).to_owned();
        let group = Group { by, docs, type_name, module, feature, operations: Vec::new() };
        GroupScope { group, methods: Scope::reserving(reserved::GROUP_METHODS), builders }
    }
}

impl<'a> Lowerer<'a> {
    /// Every operation, grouped by its first tag, or by its resource when it has none; groups
    /// follow the spec's tag list, then the order operations first name them.
    pub(super) fn operations(&mut self) -> Vec<Group> {
        let mut module_names = Scope::reserving(reserved::TAG_MODULES);
        let mut groups: Vec<GroupScope> = (self.spec.tags.iter())
            .map(|tag| {
                let (by, docs) = (GroupBy::Tag(tag.name.clone()), tag.description.clone());
                GroupScope::new(by, docs, &mut module_names, &mut self.type_names)
            })
            .collect();
        // The first group of each tag (a tag listed twice keeps its first).
        let mut by_key: HashMap<GroupBy, usize> = HashMap::new();
        for (index, scope) in groups.iter().enumerate() {
            by_key.entry(scope.group.by.clone()).or_insert(index);
        }
        // Then the tags operations use that the list leaves out, so every tag has its group
        // before an untagged operation looks for one to join.
        let used_tags = (self.spec.paths.iter())
            .filter_map(|(_, item)| item.as_item())
            .flat_map(|item| item.iter())
            .filter_map(|(_, op)| op.tags.first());
        for tag in used_tags {
            let by = GroupBy::Tag(tag.clone());
            if !by_key.contains_key(&by) {
                by_key.insert(by.clone(), groups.len());
                groups.push(GroupScope::new(by, None, &mut module_names, &mut self.type_names));
            }
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
                let by = match op.tags.first() {
                    Some(tag) => GroupBy::Tag(tag.clone()),
                    None => resource(path).map_or(GroupBy::Untagged, GroupBy::Resource),
                };
                // An untagged operation under `/widgets` joins the tag `widgets` if there is one.
                let joined = match &by {
                    GroupBy::Resource(path) => {
                        by_key.get(&GroupBy::Tag(resource_name(path).to_owned())).copied()
                    }
                    _ => None,
                };
                let index = match joined.or_else(|| by_key.get(&by).copied()) {
                    Some(index) => index,
                    None => {
                        let scope = GroupScope::new(
                            by.clone(),
                            None,
                            &mut module_names,
                            &mut self.type_names,
                        );
                        groups.push(scope);
                        by_key.insert(by, groups.len() - 1);
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
        // The settings file's name; else the REST name when the operationId says no more
        // than method and path, unless an earlier operation of the group took it.
        let chosen = self.chosen_methods.get_mut(&id).map(|(name, used)| {
            *used = true;
            name.clone()
        });
        if let Some(name) = chosen.as_ref().filter(|name| scope.methods.contains(name)) {
            self.error(pointer, format!("the settings file names this operation's method `{name}`, which its group already has"));
        }
        let rest_name = method_name::rest_name(&id, http_method, path, self.path_shape(path))
            .filter(|name| !scope.methods.contains(name));
        let method_name = scope.methods.claim(
            chosen
                .or(rest_name)
                .unwrap_or_else(|| naming::snake_name(short_name.unwrap_or(&full_name))),
        );
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
        let (body, body_required) = match body {
            Some((body, required)) => (Some(body), required),
            None => (None, false),
        };
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
            body_required,
            success,
            pagination: None,
            deprecated: op.deprecated,
            body_examples: Vec::new(),
        })
    }

    /// What the other paths of the spec say of `path` (see `method_name`).
    fn path_shape(&self, path: &str) -> PathShape {
        let item = self.spec.paths.paths.get(path).and_then(ReferenceOr::as_item);
        let only_post = item.is_some_and(|item| item.post.is_some() && item.get.is_none());
        let below = format!("{}/", path.trim_end_matches('/'));
        let mut after = self.sorted_paths.range(below.as_str()..);
        let extended = after.next().is_some_and(|other| other.starts_with(&below));
        let (segments, _, end) = method_name::leading_words(path);
        let parent = format!("/{}", segments[..end.saturating_sub(1)].join("/"));
        let word_of_parent = end > 0 && self.spec.paths.paths.contains_key(&parent);
        PathShape { only_post, extended, word_of_parent }
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

/// The resource a path is under: its first segment after any version prefix, the grain of a
/// spec without tags (Stripe's: `/v1/customers/{customer}/sources` is under `/v1/customers`).
/// `None` when no literal segment is left.
fn resource(path: &str) -> Option<String> {
    let mut prefix = String::new();
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        prefix.push('/');
        prefix.push_str(segment);
        if segment.contains('{') {
            return None;
        }
        if !is_version(segment) {
            return Some(prefix);
        }
    }
    None
}

/// The last segment of a resource's path, `customers` for `/v1/customers`.
fn resource_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Every path of the spec, sorted, so that whether another goes on below one is a range
/// look-up (a set of every prefix would grow with the square of a long path).
pub(super) fn sorted_paths(spec: &openapiv3::OpenAPI) -> BTreeSet<&str> {
    spec.paths.paths.keys().map(String::as_str).collect()
}

/// `v1`, `v2beta1`, `api`: path segments that say which API rather than which resource.
pub(super) fn is_version(segment: &str) -> bool {
    let digit_after_v = segment
        .strip_prefix('v')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    digit_after_v || segment.eq_ignore_ascii_case("api")
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

#[cfg(test)]
mod tests {
    use super::resource;

    #[test]
    fn a_resource_is_the_first_segment_after_any_version_prefix() {
        let cases = [
            ("/v1/customers", Some("/v1/customers")),
            ("/v1/customers/{customer}/sources", Some("/v1/customers")),
            ("/v2beta1/widgets/{id}", Some("/v2beta1/widgets")),
            ("/api/v3/users", Some("/api/v3/users")),
            ("/health", Some("/health")),
            ("/v1/3d_secure", Some("/v1/3d_secure")),
            ("/vault/items", Some("/vault")),
            ("/{tenant}/users", None),
            ("/v1/{id}", None),
            ("/v1", None),
            ("/", None),
        ];
        for (path, expected) in cases {
            assert_eq!(resource(path).as_deref(), expected, "{path}");
        }
    }
}
