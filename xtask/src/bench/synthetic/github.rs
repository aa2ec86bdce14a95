//! A spec shaped like GitHub's REST API: operations under about forty tags, paths under
//! `/repos/{owner}/{repo}`, `/orgs/{org}` and `/users/{username}` with shared parameters by
//! `$ref`, many query filters (inline enums among them), wide objects with nullable fields and
//! inline sub-objects, `nullable-*` copies of schemas, and inline response objects.

use serde_json::{json, Map, Value};

use super::{document, noun, scalar, schema_ref, Dice, FIELDS, REPEATED_ENUMS};

const TAGS: &[&str] = &[
    "actions",
    "activity",
    "apps",
    "billing",
    "checks",
    "code-scanning",
    "codespaces",
    "copilot",
    "dependabot",
    "gists",
    "git",
    "issues",
    "licenses",
    "markdown",
    "meta",
    "migrations",
    "orgs",
    "packages",
    "pulls",
    "reactions",
    "repos",
    "search",
    "secret-scanning",
    "teams",
    "users",
    "projects",
    "interactions",
    "security-advisories",
    "oidc",
    "emojis",
    "gitignore",
    "rate-limit",
    "classroom",
    "credentials",
    "hosted-compute",
    "private-registries",
    "campaigns",
    "code-security",
    "dependency-graph",
    "enterprise-teams",
];

/// A GitHub-shaped spec of exactly `operations` operations and `schemas` component schemas (at
/// least three: `basic-error`, `validation-error` and one resource).
pub fn spec(operations: usize, schemas: usize) -> Value {
    let tags = (operations / 30).clamp(1, TAGS.len());
    let resource_schemas = schemas.saturating_sub(2).max(1);
    let mut dice = Dice::new(0x0006_174B);
    let mut components = Map::new();
    components.insert("basic-error".into(), json!({"type": "object", "title": "Basic Error", "properties": {
        "message": {"type": "string"}, "documentation_url": {"type": "string"}, "url": {"type": "string"}, "status": {"type": "string"},
    }}));
    components.insert("validation-error".into(), json!({"type": "object", "required": ["message", "documentation_url"], "properties": {
        "message": {"type": "string"}, "documentation_url": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "required": ["code"], "properties": {
            "resource": {"type": "string"}, "field": {"type": "string"}, "message": {"type": "string"}, "code": {"type": "string"},
            "index": {"type": "integer"}, "value": {"oneOf": [{"type": "string", "nullable": true}, {"type": "integer", "nullable": true}, {"type": "array", "nullable": true, "items": {"type": "string"}}]},
        }}},
    }}));
    for s in 0..resource_schemas {
        let (name, schema) = if s % 10 == 9 {
            // GitHub's 3.0 spec spells "this or null" as a copy of the schema with `nullable`.
            let mut copy = components[&schema_name(s - 1)].clone();
            copy["nullable"] = json!(true);
            (format!("nullable-{}", schema_name(s - 1)), copy)
        } else {
            (schema_name(s), object(&mut dice, s))
        };
        components.insert(name, schema);
    }
    let parameters = shared_parameters();
    let mut paths = Map::new();
    let mut tag_list = Vec::new();
    for tag in &TAGS[..tags] {
        tag_list.push(json!({"name": tag, "description": format!("Interact with GitHub {tag}.")}));
    }
    for o in 0..operations {
        let (path, method, operation) = operation(&mut dice, o, tags, resource_schemas);
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[method] = operation;
    }
    document(
        "GitHub v3 REST API",
        tag_list,
        paths,
        json!({"schemas": components, "parameters": parameters}),
    )
}

/// The component name of resource schema `s` (those at `s % 10 == 9` are `nullable-` copies).
fn schema_name(s: usize) -> String {
    noun(s).replace('_', "-")
}

/// A referable resource schema for `s`: the nearest below it that is not a `nullable-` copy.
fn resource_schema(s: usize) -> String {
    schema_name(if s % 10 == 9 { s - 1 } else { s })
}

/// A wide object: ten to thirty scalar fields, urls, an inline enum, an inline `permissions`
/// object, references to earlier schemas (plain, nullable copies, arrays).
fn object(dice: &mut Dice, s: usize) -> Value {
    let mut properties = Map::new();
    let mut required = vec!["id", "node_id", "url"];
    properties.insert("id".into(), json!({"type": "integer", "format": "int64", "example": 42}));
    properties.insert("node_id".into(), json!({"type": "string", "example": "MDQ6VXNlcjE="}));
    properties.insert("url".into(), json!({"type": "string", "format": "uri"}));
    for f in 0..10 + dice.below(21) {
        let field = FIELDS[(s + f) % FIELDS.len()];
        let nullable = dice.one_in(2);
        properties.insert(field.into(), scalar(dice, field, nullable));
        if f % 3 == 0 {
            required.push(field);
        }
    }
    for url in ["html_url", "events_url", "repos_url"] {
        properties.insert(url.into(), json!({"type": "string", "format": "uri"}));
    }
    properties.insert("created_at".into(), json!({"type": "string", "format": "date-time"}));
    properties.insert(
        "updated_at".into(),
        json!({"type": "string", "format": "date-time", "nullable": true}),
    );
    let (enum_name, values) = REPEATED_ENUMS[s % REPEATED_ENUMS.len()];
    properties.insert(enum_name.into(), json!({"type": "string", "enum": values}));
    properties.insert(
        "state".into(),
        json!({"type": "string", "enum": ["open", "closed"], "description": "State of the item."}),
    );
    if dice.one_in(2) {
        properties.insert("permissions".into(), json!({"type": "object", "required": ["admin", "pull", "push"], "properties": {
            "admin": {"type": "boolean"}, "maintain": {"type": "boolean"}, "push": {"type": "boolean"},
            "triage": {"type": "boolean"}, "pull": {"type": "boolean"},
        }}));
    }
    if s >= 10 {
        let earlier = dice.below(s / 10) * 10 + 8;
        properties
            .insert("owner".into(), schema_ref(&format!("nullable-{}", schema_name(earlier))));
        properties.insert("parent".into(), schema_ref(&resource_schema(dice.below(s))));
        properties.insert(
            "labels".into(),
            json!({"type": "array", "items": schema_ref(&resource_schema(dice.below(s)))}),
        );
    }
    json!({
        "type": "object",
        "title": noun(s).replace('_', " "),
        "description": format!("A {}.", noun(s).replace('_', " ")),
        "properties": properties,
        "required": required,
    })
}

fn shared_parameters() -> Value {
    json!({
        "owner": {"name": "owner", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The account owner of the repository."},
        "repo": {"name": "repo", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The name of the repository."},
        "org": {"name": "org", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The organization name."},
        "username": {"name": "username", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The handle for the GitHub user account."},
        "per-page": {"name": "per_page", "in": "query", "schema": {"type": "integer", "default": 30}, "description": "The number of results per page (max 100)."},
        "page": {"name": "page", "in": "query", "schema": {"type": "integer", "default": 1}, "description": "The page number of the results to fetch."},
        "direction": {"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}, "description": "The direction to sort the results by."},
        "since": {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}, "description": "Only show results that were last updated after the given time."},
    })
}

fn parameter_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/parameters/{name}")})
}

/// Operation `o`: five per resource (list, create, get, update, delete), resources spread over
/// the tags and over three path prefixes.
fn operation(
    dice: &mut Dice,
    o: usize,
    tags: usize,
    schemas: usize,
) -> (String, &'static str, Value) {
    let r = o / 5;
    let tag = TAGS[r % tags];
    let resource = noun(r).replace('_', "-");
    let schema = resource_schema(r % schemas);
    let (prefix, mut parameters) = match r % 3 {
        0 => ("/repos/{owner}/{repo}", vec![parameter_ref("owner"), parameter_ref("repo")]),
        1 => ("/orgs/{org}", vec![parameter_ref("org")]),
        _ => ("/users/{username}", vec![parameter_ref("username")]),
    };
    let collection = format!("{prefix}/{tag}/{resource}s");
    let id = format!("{}_id", noun(r));
    let item = format!("{collection}/{{{id}}}");
    let id_parameter = json!({"name": id, "in": "path", "required": true, "schema": {"type": "integer"}, "description": "The unique identifier of the item."});
    let not_found = json!({"description": "Resource not found", "content": {"application/json": {"schema": schema_ref("basic-error")}}});
    let one = json!({"description": "Response", "content": {"application/json": {"schema": schema_ref(&schema)}}});
    let summary = |verb: &str| format!("{verb} {}", resource.replace('-', " "));
    let docs = json!({"description": "API method documentation", "url": format!("https://docs.github.com/rest/{tag}/{resource}")});
    let (path, method, id_suffix, mut operation) = match o % 5 {
        0 => {
            parameters.extend([
                parameter_ref("per-page"),
                parameter_ref("page"),
                parameter_ref("direction"),
                parameter_ref("since"),
            ]);
            parameters.push(json!({"name": "state", "in": "query", "schema": {"type": "string", "enum": ["open", "closed", "all"], "default": "open"}}));
            parameters.push(json!({"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["created", "updated", "pushed", "full_name"], "default": "created"}}));
            for f in 0..dice.below(4) {
                let field = FIELDS[(r + f) % FIELDS.len()];
                parameters.push(
                    json!({"name": field, "in": "query", "schema": scalar(dice, field, false)}),
                );
            }
            let body = if r % 3 == 0 {
                // Inline "count and items" objects, as in GitHub's Actions endpoints.
                json!({"type": "object", "required": ["total_count", "items"], "properties": {
                    "total_count": {"type": "integer"}, "items": {"type": "array", "items": schema_ref(&schema)},
                }})
            } else {
                json!({"type": "array", "items": schema_ref(&schema)})
            };
            let ok = json!({"description": "Response", "content": {"application/json": {"schema": body}},
                "headers": {"Link": {"schema": {"type": "string"}, "description": "Pagination links."}}});
            (collection, "get", "list", json!({"responses": {"200": ok, "404": not_found}}))
        }
        1 => {
            let body = json!({"required": true, "content": {"application/json": {"schema": request_object(dice, r)}}});
            let created = json!({"description": "Response", "content": {"application/json": {"schema": schema_ref(&schema)}}});
            let invalid = json!({"description": "Validation failed", "content": {"application/json": {"schema": schema_ref("validation-error")}}});
            (
                collection,
                "post",
                "create",
                json!({"requestBody": body, "responses": {"201": created, "422": invalid}}),
            )
        }
        2 => {
            parameters.push(id_parameter);
            (item, "get", "get", json!({"responses": {"200": one, "404": not_found}}))
        }
        3 => {
            parameters.push(id_parameter);
            let body = json!({"required": false, "content": {"application/json": {"schema": request_object(dice, r + 1)}}});
            (
                item,
                "patch",
                "update",
                json!({"requestBody": body, "responses": {"200": one, "404": not_found}}),
            )
        }
        _ => {
            parameters.push(id_parameter);
            (
                item,
                "delete",
                "delete",
                json!({"responses": {"204": {"description": "Response"}, "404": not_found}}),
            )
        }
    };
    operation["tags"] = json!([tag]);
    operation["operationId"] = json!(format!("{tag}/{id_suffix}-{resource}"));
    operation["summary"] = json!(summary(id_suffix));
    operation["description"] =
        json!(format!("{}. Anyone with read access can use this endpoint.", summary(id_suffix)));
    operation["externalDocs"] = docs;
    operation["parameters"] = Value::Array(parameters);
    (path, method, operation)
}

/// An inline request object: a few scalars, an inline enum and an inline sub-object.
fn request_object(dice: &mut Dice, r: usize) -> Value {
    let mut properties = Map::new();
    for f in 0..3 + dice.below(8) {
        let field = FIELDS[(r * 3 + f) % FIELDS.len()];
        properties.insert(field.into(), scalar(dice, field, false));
    }
    properties.insert(
        "visibility".into(),
        json!({"type": "string", "enum": ["all", "private", "selected"]}),
    );
    properties.insert("settings".into(), json!({"type": "object", "properties": {
        "enabled": {"type": "boolean"}, "allowed_actions": {"type": "string", "enum": ["all", "local_only", "selected"]},
    }}));
    let first = FIELDS[(r * 3) % FIELDS.len()];
    json!({"type": "object", "properties": properties, "required": [first]})
}
