//! A spec shaped like Stripe's: no tags, every path under `/v1/<resource>`, form-encoded request
//! bodies, a single-value `object` enum on every resource, repeated identical inline enums,
//! expandable `anyOf: [id, $ref]` fields, nullable `anyOf: [$ref]` wrappers, `allOf` chains and
//! many optional nullable fields.

use serde_json::{json, Map, Value};

use super::{
    json_response, noun, scalars, schema_ref, string_enum, Builder, Dice, Shape, REPEATED_ENUMS,
};

/// Words for the nested schemas a resource owns (`customer_tax`, `invoice_rendering`).
const PARTS: &[&str] = &[
    "settings",
    "details",
    "tax",
    "shipping",
    "billing_details",
    "transfer_data",
    "automatic_tax",
    "rendering",
    "thresholds",
    "payment_settings",
    "custom_field",
    "line_item",
    "status_transitions",
    "usage",
    "tiers",
    "recurring",
    "card_details",
    "ownership",
    "verification",
    "requirements",
];

/// The resources that expandable fields point at.
const HUBS: usize = 8;

/// The Stripe shape: five operations a resource, and `schemas` component schemas (at least two per
/// five operations: one per resource, plus the shared `error` and `address`), the rest nested
/// schemas the resources own.
pub struct Stripe {
    resources: usize,
    nested: usize,
}

impl Shape for Stripe {
    const TITLE: &'static str = "Stripe API";
    const SEED: u64 = 0x0057_819E;

    fn sized(operations: usize, schemas: usize) -> Self {
        let resources = operations.div_ceil(5).max(1);
        Stripe { resources, nested: schemas.saturating_sub(resources + 2) }
    }

    fn definitions(&self, spec: &mut Builder) {
        spec.schemas.insert("error".into(), error());
        spec.schemas.insert("address".into(), address());
        for r in 0..self.resources {
            // The nested schemas of resource `r`: indices `r`, `r + resources`, … below `nested`.
            let parts: Vec<String> = (r..self.nested)
                .step_by(self.resources)
                .enumerate()
                .map(|(k, _)| part(r, k))
                .collect();
            let resource = resource(&mut spec.dice, r, self.resources, &parts);
            spec.schemas.insert(noun(r), resource);
            for (k, name) in parts.iter().enumerate() {
                let previous = k.checked_sub(1).map(|k| parts[k].as_str());
                let nested = nested_schema(&mut spec.dice, name, previous, k);
                spec.schemas.insert(name.clone(), nested);
            }
        }
    }

    /// List, create, retrieve, update, and a delete or an action.
    fn operations(&self, dice: &mut Dice, r: usize) -> Vec<(String, &'static str, Value)> {
        resource_operations(dice, r)
    }
}

/// The name of nested schema `k` of resource `r`.
fn part(r: usize, k: usize) -> String {
    let word = PARTS[k % PARTS.len()];
    match k / PARTS.len() {
        0 => format!("{}_{word}", noun(r)),
        round => format!("{}_{word}_{round}", noun(r)),
    }
}

fn pascal(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn resource(dice: &mut Dice, r: usize, resources: usize, parts: &[String]) -> Value {
    let name = noun(r);
    let mut properties = Map::new();
    properties.insert("id".into(), json!({"type": "string", "maxLength": 5000, "description": "Unique identifier for the object."}));
    properties.insert("object".into(), json!({
        "type": "string", "enum": [name],
        "description": "String representing the object's type. Objects of the same type share the same value.",
    }));
    properties.insert("created".into(), json!({"type": "integer", "format": "unix-time", "description": "Time at which the object was created."}));
    properties.insert(
        "livemode".into(),
        json!({"type": "boolean", "description": "Whether the object exists in live mode."}),
    );
    properties.insert("metadata".into(), json!({
        "type": "object", "additionalProperties": {"type": "string", "maxLength": 500},
        "description": "Set of key-value pairs that you can attach to an object.", "nullable": dice.one_in(2),
    }));
    let (enum_name, values) = REPEATED_ENUMS[r % REPEATED_ENUMS.len()];
    properties.insert(
        enum_name.into(),
        json!({"type": "string", "enum": values, "description": "The state of the object."}),
    );
    let count = 8 + dice.below(7);
    scalars(dice, &mut properties, count, r, |dice| !dice.one_in(3));
    for (k, part) in parts.iter().enumerate() {
        let field = PARTS[k % PARTS.len()];
        let property = if dice.one_in(3) {
            schema_ref(part)
        } else {
            json!({"anyOf": [schema_ref(part)], "nullable": true, "description": format!("The {field} of the object.")})
        };
        properties.insert(part.strip_prefix(&format!("{name}_")).unwrap_or(part).into(), property);
    }
    // Expandable references: an id, or the object when expanded. As in Stripe's spec, they point
    // at a dozen core resources (customer, account, charge…), which also point at each other.
    for other in [r % HUBS, (r * 3 + 1) % (HUBS + 4)] {
        if other != r && other < resources {
            let other = noun(other);
            properties.insert(
                other.clone(),
                json!({
                    "anyOf": [{"type": "string", "maxLength": 5000}, schema_ref(&other)],
                    "nullable": true,
                    "description": format!("ID of the {other} this object belongs to."),
                    "x-expansionResources": {"oneOf": [schema_ref(&other)]},
                }),
            );
        }
    }
    if dice.one_in(2) {
        properties
            .insert("address".into(), json!({"anyOf": [schema_ref("address")], "nullable": true}));
    }
    json!({
        "type": "object",
        "title": pascal(&name),
        "description": format!("A {} object.", name.replace('_', " ")),
        "properties": properties,
        "required": ["id", "object", "created", "livemode", enum_name],
        "x-resourceId": name,
    })
}

/// A nested schema; every fourth extends the one before it through `allOf`, so chains form.
fn nested_schema(dice: &mut Dice, name: &str, previous: Option<&str>, k: usize) -> Value {
    let mut properties = Map::new();
    let count = 4 + dice.below(7);
    scalars(dice, &mut properties, count, k * 3, |dice| !dice.one_in(4));
    if dice.one_in(2) {
        let (enum_name, values) = REPEATED_ENUMS[dice.below(REPEATED_ENUMS.len())];
        properties.insert(
            enum_name.into(),
            json!({"type": "string", "enum": values, "nullable": dice.one_in(2)}),
        );
    } else {
        let values: Vec<String> = (0..2 + dice.below(5)).map(|v| format!("{name}_{v}")).collect();
        properties.insert(
            "kind".into(),
            json!({"type": "string", "enum": values, "description": "Which kind this is."}),
        );
    }
    let own = json!({"type": "object", "properties": properties, "description": format!("The {} part.", name.replace('_', " "))});
    match previous {
        Some(previous) if k % 4 == 3 => json!({"allOf": [schema_ref(previous), own]}),
        Some(previous) => {
            let mut own = own;
            own["properties"]["previous"] =
                json!({"anyOf": [schema_ref(previous)], "nullable": true});
            own
        }
        None => own,
    }
}

fn error() -> Value {
    json!({
        "type": "object",
        "description": "An error from the API.",
        "properties": {
            "type": {"type": "string", "enum": ["api_error", "card_error", "idempotency_error", "invalid_request_error"]},
            "code": {"type": "string", "maxLength": 5000},
            "message": {"type": "string", "maxLength": 40000},
            "param": {"type": "string", "maxLength": 5000},
        },
        "required": ["type"],
    })
}

fn address() -> Value {
    let line = json!({"type": "string", "maxLength": 5000, "nullable": true});
    let properties: Map<String, Value> =
        ["city", "country", "line1", "line2", "postal_code", "state"]
            .into_iter()
            .map(|field| (field.to_owned(), line.clone()))
            .collect();
    json!({"type": "object", "properties": properties, "title": "Address"})
}

/// Up to five operations of resource `r`: list, create, retrieve, update, and a delete or an
/// action.
fn resource_operations(dice: &mut Dice, r: usize) -> Vec<(String, &'static str, Value)> {
    let name = noun(r);
    let plural = format!("{name}s");
    let collection = format!("/v1/{plural}");
    let item = format!("/v1/{plural}/{{{name}}}");
    let (plural_type, name_type) = (pascal(&plural), pascal(&name));
    let (enum_name, values) = REPEATED_ENUMS[r % REPEATED_ENUMS.len()];
    let mut list_parameters = vec![
        json!({"in": "query", "name": "created", "required": false, "style": "deepObject", "explode": true, "schema": {"anyOf": [
            {"type": "object", "title": "range_query_specs", "properties": {
                "gt": {"type": "integer"}, "gte": {"type": "integer"}, "lt": {"type": "integer"}, "lte": {"type": "integer"},
            }},
            {"type": "integer"},
        ]}}),
        cursor("ending_before"),
        cursor("starting_after"),
        json!({"in": "query", "name": "limit", "required": false, "schema": {"type": "integer"}, "description": "A limit on the number of objects to be returned."}),
        expand(),
    ];
    if dice.one_in(2) {
        list_parameters.push(json!({"in": "query", "name": enum_name, "required": false, "schema": string_enum(values)}));
    }
    let page = json!({
        "type": "object",
        "title": format!("{name_type}List"),
        "properties": {
            "object": {"type": "string", "enum": ["list"]},
            "data": {"type": "array", "items": schema_ref(&name)},
            "has_more": {"type": "boolean"},
            "url": {"type": "string", "maxLength": 5000, "pattern": format!("^{collection}")},
        },
        "required": ["object", "data", "has_more", "url"],
    });
    let list = json!({
        "operationId": format!("Get{plural_type}"),
        "description": format!("<p>Returns a list of your {}.</p>", plural.replace('_', " ")),
        "parameters": list_parameters,
        "responses": {"200": json_response("Successful response.", page), "default": error_response()},
    });
    let id_parameter = json!({"in": "path", "name": name, "required": true, "schema": {"type": "string", "maxLength": 5000}});
    let retrieve = json!({
        "operationId": format!("Get{plural_type}{name_type}"),
        "description": format!("<p>Retrieves a {}.</p>", name.replace('_', " ")),
        "parameters": [expand(), id_parameter],
        "responses": {"200": ok(&name), "default": error_response()},
    });
    let create = json!({
        "operationId": format!("Post{plural_type}"),
        "description": format!("<p>Creates a new {}.</p>", name.replace('_', " ")),
        "requestBody": form_body(dice, r, true),
        "responses": {"200": ok(&name), "default": error_response()},
    });
    let update = json!({
        "operationId": format!("Post{plural_type}{name_type}"),
        "description": format!("<p>Updates a {}.</p>", name.replace('_', " ")),
        "parameters": [id_parameter],
        "requestBody": form_body(dice, r, false),
        "responses": {"200": ok(&name), "default": error_response()},
    });
    let mut operations = vec![
        (collection.clone(), "get", list),
        (collection, "post", create),
        (item.clone(), "get", retrieve),
        (item.clone(), "post", update),
    ];
    if r % 2 == 0 {
        let deleted = json!({
            "type": "object",
            "title": format!("Deleted{name_type}"),
            "properties": {
                "id": {"type": "string", "maxLength": 5000},
                "object": {"type": "string", "enum": [name]},
                "deleted": {"type": "boolean"},
            },
            "required": ["id", "object", "deleted"],
        });
        let deleted = json_response("Successful response.", deleted);
        let delete = json!({
            "operationId": format!("Delete{plural_type}{name_type}"),
            "parameters": [id_parameter],
            "responses": {"200": deleted, "default": error_response()},
        });
        operations.push((item, "delete", delete));
    } else {
        let cancel = json!({
            "operationId": format!("Post{plural_type}{name_type}Cancel"),
            "parameters": [id_parameter],
            "requestBody": {"required": false, "content": {"application/x-www-form-urlencoded": {
                "encoding": {"expand": {"explode": true, "style": "deepObject"}},
                "schema": {"type": "object", "additionalProperties": false, "properties": {
                    "cancellation_reason": {"type": "string", "enum": ["abandoned", "duplicate", "fraudulent", "requested_by_customer"], "maxLength": 5000},
                    "expand": {"type": "array", "items": {"type": "string", "maxLength": 5000}},
                }},
            }}},
            "responses": {"200": ok(&name), "default": error_response()},
        });
        operations.push((format!("{item}/cancel"), "post", cancel));
    }
    operations
}

/// A create or update body: scalars, the resource's status enum, `metadata` (an object, or `""`
/// to unset it), a nested inline object with an inline enum, and `expand`.
fn form_body(dice: &mut Dice, r: usize, create: bool) -> Value {
    let mut properties = Map::new();
    let count = 4 + dice.below(6);
    let fields = scalars(dice, &mut properties, count, r * 2, |_| false);
    let required: Vec<&str> = fields.into_iter().take(usize::from(create)).collect();
    let (enum_name, values) = REPEATED_ENUMS[(r + 1) % REPEATED_ENUMS.len()];
    properties.insert(enum_name.into(), string_enum(values));
    properties.insert(
        "metadata".into(),
        json!({"anyOf": [
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "string", "enum": [""]},
    ], "description": "Set of key-value pairs that you can attach to an object."}),
    );
    let (inner_enum, inner_values) = REPEATED_ENUMS[(r + 2) % REPEATED_ENUMS.len()];
    properties.insert(
        "options".into(),
        json!({
            "type": "object",
            "title": "options_param",
            "properties": {
                "enabled": {"type": "boolean"},
                inner_enum: {"type": "string", "enum": inner_values},
                "limit": {"type": "integer"},
            },
            "required": ["enabled"],
        }),
    );
    properties.insert(
        "expand".into(),
        json!({"type": "array", "items": {"type": "string", "maxLength": 5000}}),
    );
    let mut schema =
        json!({"type": "object", "additionalProperties": false, "properties": properties});
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    json!({"required": create, "content": {"application/x-www-form-urlencoded": {
        "encoding": {
            "expand": {"explode": true, "style": "deepObject"},
            "metadata": {"explode": true, "style": "deepObject"},
            "options": {"explode": true, "style": "deepObject"},
        },
        "schema": schema,
    }}})
}

fn cursor(name: &str) -> Value {
    json!({"in": "query", "name": name, "required": false, "schema": {"type": "string", "maxLength": 5000}, "description": "A cursor for use in pagination."})
}

fn expand() -> Value {
    json!({"in": "query", "name": "expand", "required": false, "style": "deepObject", "explode": true,
        "schema": {"type": "array", "items": {"type": "string", "maxLength": 5000}},
        "description": "Specifies which fields in the response should be expanded."})
}

fn ok(name: &str) -> Value {
    json_response("Successful response.", schema_ref(name))
}

fn error_response() -> Value {
    json_response(
        "Error response.",
        json!({"type": "object", "properties": {"error": schema_ref("error")}, "required": ["error"]}),
    )
}
