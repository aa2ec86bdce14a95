//! `cargo xtask bench-hostile`: generation time for specs built to be slow, each at two sizes.
//!
//! Each case is a spec a hostile author could write to make a naive generator quadratic: a huge
//! enum, a huge `required` list, a hundred thousand problems, names that all collide, one
//! operation id used again and again, many tags, a long `allOf` chain, a wide discriminated
//! union. Each is generated at a size and at three times that size by a child process
//! (`bench-generate`, as for `bench-scale`); linear work takes about three times as long.

use std::fs;

use serde_json::{json, Map, Value};

use super::measure::measure;

/// Makes the spec of a case at size `n`.
type Make = fn(usize) -> Value;

/// Each case: its name, its spec, and the smaller `n`.
const CASES: &[(&str, Make, usize)] = &[
    ("string enum of n values", enum_values, 100_000),
    ("object of n properties, all in `required`", required, 34_000),
    ("n properties that all snake-case to one name", colliding_properties, 33_000),
    ("n header parameters with bad names (n errors)", errors, 33_000),
    ("n operations with one operation id", same_operation_id, 10_000),
    ("n operations, each with its own tag", many_tags, 3_000),
    ("`allOf` chain of n schemas", all_of_chain, 1_000),
    ("discriminated union of n variants", tagged_union, 3_000),
    ("untagged union of n variants", untagged_union, 10_000),
    ("description of n `[`", open_brackets, 1_000_000),
    ("description of n `(http://x`", parenthesised_urls, 100_000),
    ("HTML description of n nested `<em><ul><li>`", html_nesting, 100_000),
    ("HTML description of n paragraphs in a link to a URL of n bytes", html_link, 100_000),
    ("server URL of n variables whose defaults name the next twice", doubling_variables, 30_000),
];

/// Runs every case whose name holds `only`; `divisor` shrinks the sizes (`--small` is 10), to
/// time a slow build.
pub fn hostile(divisor: usize, only: &str) -> Result<(), String> {
    let scratch = crate::codegen::workspace_root().join("target/bench-hostile");
    fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    println!("| case | n | time | 3n | time | ratio | errors at 3n |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (i, (name, spec, n)) in CASES.iter().enumerate().filter(|(_, case)| case.0.contains(only)) {
        let n = &(n / divisor).max(1);
        let mut row = Vec::new();
        for size in [*n, 3 * n] {
            let path = scratch.join(format!("case{i}-{size}.json"));
            let text = serde_json::to_string(&spec(size)).map_err(|e| e.to_string())?;
            fs::write(&path, text).map_err(|e| e.to_string())?;
            // The best of two, as the machine is shared.
            let runs = [measure(&path)?, measure(&path)?];
            let best = runs.into_iter().min_by(|a, b| a.cpu.total_cmp(&b.cpu)).expect("two runs");
            row.push(best);
        }
        println!(
            "| {name} | {n} | {:.3} s | {} | {:.3} s | {:.1}× | {} |",
            row[0].cpu,
            3 * n,
            row[1].cpu,
            row[1].cpu / row[0].cpu.max(1e-9),
            row[1].errors,
        );
    }
    Ok(())
}

fn spec(paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// One `GET /thing` returning `schema`, so that it is lowered and emitted.
fn returning(schema: &str) -> Value {
    json!({"/thing": {"get": {"operationId": "get", "responses": {"200": {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}},
    }}}}})
}

fn enum_values(n: usize) -> Value {
    let values: Vec<String> = (0..n).map(|i| format!("value-{i}")).collect();
    spec(returning("Big"), json!({"Big": {"type": "string", "enum": values}}))
}

fn required(n: usize) -> Value {
    let names: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let properties: Map<String, Value> =
        names.iter().map(|name| (name.clone(), json!({"type": "integer"}))).collect();
    spec(
        returning("Big"),
        json!({"Big": {"type": "object", "required": names, "properties": properties}}),
    )
}

/// `!a`, `#a`, `!!a`…: distinct wire names that are all `a` in snake case.
fn colliding_properties(n: usize) -> Value {
    const MARKS: &[u8] = b"!#$%&()*+,./:;<=>?@[]^_`{|}~ ";
    let name = |mut i: usize| {
        let mut marks = String::new();
        loop {
            marks.push(MARKS[i % MARKS.len()] as char);
            i /= MARKS.len();
            if i == 0 {
                return format!("{marks}a");
            }
        }
    };
    let properties: Map<String, Value> =
        (0..n).map(|i| (name(i), json!({"type": "integer"}))).collect();
    spec(returning("Big"), json!({"Big": {"type": "object", "properties": properties}}))
}

fn errors(n: usize) -> Value {
    let parameters: Vec<Value> = (0..n)
        .map(|i| json!({"name": format!("bad name {i}"), "in": "header", "schema": {"type": "string"}}))
        .collect();
    spec(
        json!({"/thing": {"get": {"parameters": parameters, "responses": {"204": {"description": "none"}}}}}),
        json!({}),
    )
}

fn same_operation_id(n: usize) -> Value {
    let paths: Map<String, Value> = (0..n)
        .map(|i| {
            let op = json!({"operationId": "op", "responses": {"204": {"description": "none"}}});
            (format!("/things/{i}"), json!({"get": op}))
        })
        .collect();
    spec(Value::Object(paths), json!({}))
}

fn many_tags(n: usize) -> Value {
    let paths: Map<String, Value> = (0..n)
        .map(|i| {
            let op = json!({"tags": [format!("tag {i}")], "responses": {"204": {"description": "none"}}});
            (format!("/things/{i}"), json!({"get": op}))
        })
        .collect();
    spec(Value::Object(paths), json!({}))
}

/// `S0` is `allOf` `S1` and a property, `S1` is `allOf` `S2` and a property, and so on: every
/// link adds a field to every schema before it, so the output itself grows as n², and only
/// the last schema's properties are given to keep it linear.
fn all_of_chain(n: usize) -> Value {
    let schemas: Map<String, Value> = (0..n)
        .map(|i| {
            let schema = if i + 1 == n {
                json!({"type": "object", "properties": {"last": {"type": "string"}}})
            } else {
                json!({"allOf": [{"$ref": format!("#/components/schemas/S{}", i + 1)}, {"type": "object"}]})
            };
            (format!("S{i}"), schema)
        })
        .collect();
    spec(returning("S0"), Value::Object(schemas))
}

fn tagged_union(n: usize) -> Value {
    let mut schemas = Map::new();
    let mut mapping = Map::new();
    let mut variants = Vec::new();
    for i in 0..n {
        let name = format!("V{i}");
        schemas.insert(
            name.clone(),
            json!({"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}),
        );
        mapping.insert(format!("v{i}"), json!(format!("#/components/schemas/{name}")));
        variants.push(json!({"$ref": format!("#/components/schemas/{name}")}));
    }
    schemas.insert(
        "Big".into(),
        json!({"oneOf": variants, "discriminator": {"propertyName": "kind", "mapping": mapping}}),
    );
    spec(returning("Big"), Value::Object(schemas))
}

fn untagged_union(n: usize) -> Value {
    let mut schemas = Map::new();
    let mut variants = Vec::new();
    for i in 0..n {
        schemas.insert(
            format!("V{i}"),
            json!({"type": "object", "properties": {"a": {"type": "string"}}}),
        );
        variants.push(json!({"$ref": format!("#/components/schemas/V{i}")}));
    }
    schemas.insert("Big".into(), json!({"oneOf": variants}));
    spec(returning("Big"), Value::Object(schemas))
}

/// A schema whose description is `text`, so that it reaches a doc comment.
fn described(text: String) -> Value {
    spec(returning("Big"), json!({"Big": {"type": "string", "description": text}}))
}

/// Each `[` asks whether a `]` follows it on the line (it never does).
fn open_brackets(n: usize) -> Value {
    described("[".repeat(n))
}

/// Each URL asks how long it is, though a `(` before it leaves it alone.
fn parenthesised_urls(n: usize) -> Value {
    described("(http://x".repeat(n))
}

/// Each closing tag rewrites what its element holds, and each line is prefixed by the lists
/// around it: unbounded nesting would make both quadratic.
fn html_nesting(n: usize) -> Value {
    described(format!("<p>{}x{}", "<em><ul><li>".repeat(n), "</em>".repeat(n)))
}

/// A link around paragraphs, written out again for each, would repeat the URL n times.
fn html_link(n: usize) -> Value {
    described(format!("<p><a href=\"/{}\">{}</a>", "x".repeat(n), "<p>y</p>".repeat(n)))
}

/// `v0` defaults to `{v1}{v1}`, `v1` to `{v2}{v2}`, and so on: filled in again and again, the
/// URL would double n times.
fn doubling_variables(n: usize) -> Value {
    let variables: Map<String, Value> = (0..n)
        .map(|i| (format!("v{i}"), json!({"default": format!("{{v{0}}}{{v{0}}}", i + 1)})))
        .collect();
    let mut spec = spec(returning("Big"), json!({"Big": {"type": "string"}}));
    spec["servers"] = json!([{"url": "https://{v0}.example.com", "variables": variables}]);
    spec
}
