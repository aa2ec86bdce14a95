//! A spec shaped like GitHub's REST API: operations under about forty tags, paths under
//! `/repos/{owner}/{repo}`, `/orgs/{org}` and `/users/{username}` with shared parameters by
//! `$ref`, many query filters (inline enums among them), wide objects with nullable fields and
//! inline sub-objects, `nullable-*` copies of schemas, and inline response objects.

use serde_json::{json, Map, Value};

use super::{
    json_response, noun, scalars, schema_ref, string_enum, Builder, Dice, Shape, REPEATED_ENUMS,
};

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

/// The GitHub shape: `schemas` component schemas (at least three: `basic-error`,
/// `validation-error` and one resource), five operations a resource.
pub struct GitHub {
    /// How many of `TAGS` the operations are spread over.
    tags: usize,
    resource_schemas: usize,
}

impl Shape for GitHub {
    const TITLE: &'static str = "GitHub v3 REST API";
    const SEED: u64 = 0x0006_174B;

    fn sized(operations: usize, schemas: usize) -> Self {
        GitHub {
            tags: (operations / 30).clamp(1, TAGS.len()),
            resource_schemas: schemas.saturating_sub(2).max(1),
        }
    }

    fn definitions(&self, spec: &mut Builder) {
        let schemas = &mut spec.schemas;
        schemas.insert("basic-error".into(), json!({"type": "object", "title": "Basic Error", "properties": {
            "message": {"type": "string"}, "documentation_url": {"type": "string"}, "url": {"type": "string"}, "status": {"type": "string"},
        }}));
        schemas.insert("validation-error".into(), json!({"type": "object", "required": ["message", "documentation_url"], "properties": {
            "message": {"type": "string"}, "documentation_url": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "required": ["code"], "properties": {
                "resource": {"type": "string"}, "field": {"type": "string"}, "message": {"type": "string"}, "code": {"type": "string"},
                "index": {"type": "integer"}, "value": {"oneOf": [{"type": "string", "nullable": true}, {"type": "integer", "nullable": true}, {"type": "array", "nullable": true, "items": {"type": "string"}}]},
            }}},
        }}));
        for s in 0..self.resource_schemas {
            let (name, schema) = if s % 10 == 9 {
                // GitHub's 3.0 spec spells "this or null" as a copy of the schema with `nullable`.
                let mut copy = schemas[&schema_name(s - 1)].clone();
                copy["nullable"] = json!(true);
                (format!("nullable-{}", schema_name(s - 1)), copy)
            } else {
                (schema_name(s), object(&mut spec.dice, s))
            };
            schemas.insert(name, schema);
        }
        if let Value::Object(parameters) = shared_parameters() {
            spec.parameters = parameters;
        }
        for tag in &TAGS[..self.tags] {
            let description = format!("Interact with GitHub {tag}.");
            spec.tags.push(json!({"name": tag, "description": description}));
        }
    }

    /// List, create, get, update and delete, the resources spread over the tags and over three
    /// path prefixes.
    fn operations(&self, dice: &mut Dice, r: usize) -> Vec<(String, &'static str, Value)> {
        let tag = TAGS[r % self.tags];
        let resource = noun(r).replace('_', "-");
        let schema = resource_schema(r % self.resource_schemas);
        let (prefix, in_path) = match r % 3 {
            0 => ("/repos/{owner}/{repo}", vec![parameter_ref("owner"), parameter_ref("repo")]),
            1 => ("/orgs/{org}", vec![parameter_ref("org")]),
            _ => ("/users/{username}", vec![parameter_ref("username")]),
        };
        let collection = format!("{prefix}/{tag}/{resource}s");
        let id = format!("{}_id", noun(r));
        let item = format!("{collection}/{{{id}}}");
        let id_parameter = json!({"name": id, "in": "path", "required": true, "schema": {"type": "integer"}, "description": "The unique identifier of the item."});
        let not_found = json_response("Resource not found", schema_ref("basic-error"));
        let one = json_response("Response", schema_ref(&schema));

        let mut list_parameters = in_path.clone();
        list_parameters.extend(["per-page", "page", "direction", "since"].map(parameter_ref));
        list_parameters.push(json!({"name": "state", "in": "query", "schema": {"type": "string", "enum": ["open", "closed", "all"], "default": "open"}}));
        list_parameters.push(json!({"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["created", "updated", "pushed", "full_name"], "default": "created"}}));
        let mut filters = Map::new();
        let count = dice.below(4);
        scalars(dice, &mut filters, count, r, |_| false);
        for (field, schema) in filters {
            list_parameters.push(json!({"name": field, "in": "query", "schema": schema}));
        }
        let body = if r % 3 == 0 {
            // Inline "count and items" objects, as in GitHub's Actions endpoints.
            json!({"type": "object", "required": ["total_count", "items"], "properties": {
                "total_count": {"type": "integer"}, "items": {"type": "array", "items": schema_ref(&schema)},
            }})
        } else {
            json!({"type": "array", "items": schema_ref(&schema)})
        };
        let mut listed = json_response("Response", body);
        listed["headers"] =
            json!({"Link": {"schema": {"type": "string"}, "description": "Pagination links."}});
        let list = json!({"responses": {"200": listed, "404": not_found}});

        let body = json!({"required": true, "content": {"application/json": {"schema": request_object(dice, r)}}});
        let created = json_response("Response", schema_ref(&schema));
        let invalid = json_response("Validation failed", schema_ref("validation-error"));
        let create = json!({"requestBody": body, "responses": {"201": created, "422": invalid}});

        let get = json!({"responses": {"200": one, "404": not_found}});

        let body = json!({"required": false, "content": {"application/json": {"schema": request_object(dice, r + 1)}}});
        let update = json!({"requestBody": body, "responses": {"200": one, "404": not_found}});

        let delete = json!({"responses": {"204": {"description": "Response"}, "404": not_found}});

        let mut with_id = in_path.clone();
        with_id.push(id_parameter);
        let described = |verb: &str, parameters: &[Value], mut operation: Value| {
            let summary = format!("{verb} {}", resource.replace('-', " "));
            operation["tags"] = json!([tag]);
            operation["operationId"] = json!(format!("{tag}/{verb}-{resource}"));
            operation["summary"] = json!(summary);
            operation["description"] =
                json!(format!("{summary}. Anyone with read access can use this endpoint."));
            operation["externalDocs"] = json!({"description": "API method documentation", "url": format!("https://docs.github.com/rest/{tag}/{resource}")});
            operation["parameters"] = json!(parameters);
            operation
        };
        vec![
            (collection.clone(), "get", described("list", &list_parameters, list)),
            (collection, "post", described("create", &in_path, create)),
            (item.clone(), "get", described("get", &with_id, get)),
            (item.clone(), "patch", described("update", &with_id, update)),
            (item, "delete", described("delete", &with_id, delete)),
        ]
    }
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
    properties.insert("id".into(), json!({"type": "integer", "format": "int64", "example": 42}));
    properties.insert("node_id".into(), json!({"type": "string", "example": "MDQ6VXNlcjE="}));
    properties.insert("url".into(), json!({"type": "string", "format": "uri"}));
    let count = 10 + dice.below(21);
    let fields = scalars(dice, &mut properties, count, s, |dice| dice.one_in(2));
    let required: Vec<&str> =
        ["id", "node_id", "url"].into_iter().chain(fields.into_iter().step_by(3)).collect();
    for url in ["html_url", "events_url", "repos_url"] {
        properties.insert(url.into(), json!({"type": "string", "format": "uri"}));
    }
    properties.insert("created_at".into(), json!({"type": "string", "format": "date-time"}));
    properties.insert(
        "updated_at".into(),
        json!({"type": "string", "format": "date-time", "nullable": true}),
    );
    let (enum_name, values) = REPEATED_ENUMS[s % REPEATED_ENUMS.len()];
    properties.insert(enum_name.into(), string_enum(values));
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

/// An inline request object: a few scalars, an inline enum and an inline sub-object.
fn request_object(dice: &mut Dice, r: usize) -> Value {
    let mut properties = Map::new();
    let count = 3 + dice.below(8);
    scalars(dice, &mut properties, count, r * 3, |_| false);
    properties.insert("visibility".into(), string_enum(["all", "private", "selected"].as_slice()));
    properties.insert("settings".into(), json!({"type": "object", "properties": {
        "enabled": {"type": "boolean"}, "allowed_actions": {"type": "string", "enum": ["all", "local_only", "selected"]},
    }}));
    let first = super::FIELDS[(r * 3) % super::FIELDS.len()];
    json!({"type": "object", "properties": properties, "required": [first]})
}
