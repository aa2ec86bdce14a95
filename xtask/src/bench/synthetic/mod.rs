//! The synthetic specs the benchmarks measure, deterministic so that every run measures the same
//! document: shapes of the big public APIs for `bench-compile` (`github`, `stripe`), built by one
//! builder, and copies of `spec/images.yaml` for `bench-scale` (`copies`).
//!
//! A shape describes its schemas and the operations of one resource; `spec` does the rest: the
//! dice, the document, and as many resources as it takes to reach the operations asked for.

mod copies;
pub mod github;
pub mod stripe;
mod words;

use serde_json::{json, Map, Value};

pub use copies::copies_of;
pub use words::{noun, FIELDS, REPEATED_ENUMS};

/// A flavour of synthetic spec: what its schemas and operations look like.
pub trait Shape {
    /// The API the spec is shaped like, in its title.
    const TITLE: &'static str;
    /// The seed of the dice, one per shape, so shapes do not share their random choices.
    const SEED: u64;
    /// The shape's plan for a spec of `operations` operations and `schemas` component schemas.
    fn sized(operations: usize, schemas: usize) -> Self;
    /// Everything the operations refer to: component schemas, shared parameters, tags.
    fn definitions(&self, spec: &mut Builder);
    /// The operations of resource `r`, in order, as (path, method, operation); at least one.
    fn operations(&self, dice: &mut Dice, r: usize) -> Vec<(String, &'static str, Value)>;
}

/// A spec of shape `S` with exactly `operations` operations (and as many schemas as the shape
/// makes of `schemas`: exactly that many for both shapes here).
pub fn spec<S: Shape>(operations: usize, schemas: usize) -> Value {
    let shape = S::sized(operations, schemas);
    let mut spec = Builder {
        dice: Dice::new(S::SEED),
        schemas: Map::new(),
        parameters: Map::new(),
        tags: Vec::new(),
    };
    shape.definitions(&mut spec);
    let mut paths = Map::new();
    let (mut made, mut r) = (0, 0);
    // Resource by resource; the last may give fewer than all its operations.
    while made < operations {
        for (path, method, operation) in shape.operations(&mut spec.dice, r) {
            if made == operations {
                break;
            }
            made += 1;
            paths.entry(path).or_insert_with(|| json!({}))[method] = operation;
        }
        r += 1;
    }
    let mut components = json!({"schemas": spec.schemas});
    if !spec.parameters.is_empty() {
        components["parameters"] = Value::Object(spec.parameters);
    }
    document(S::TITLE, spec.tags, paths, components)
}

/// What a shape's `definitions` fill in, and the dice every choice is made with.
pub struct Builder {
    pub dice: Dice,
    /// `components/schemas`.
    pub schemas: Map<String, Value>,
    /// `components/parameters`, left out when empty.
    pub parameters: Map<String, Value>,
    /// The document's `tags`, left out when empty.
    pub tags: Vec<Value>,
}

/// A small deterministic generator (SplitMix64), so sizes and shapes vary without a seed file.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(seed)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// A plain scalar property, nullable or not, with a description as long as a real one's.
pub fn scalar(dice: &mut Dice, field: &str, nullable: bool) -> Value {
    let description =
        format!("The {} of this object, as the API reports it.", field.replace('_', " "));
    let mut schema = match dice.below(4) {
        0 => json!({"type": "integer"}),
        1 => json!({"type": "boolean"}),
        2 => json!({"type": "integer", "format": "unix-time"}),
        _ => json!({"type": "string", "maxLength": 5000}),
    };
    schema["description"] = json!(description);
    if nullable {
        schema["nullable"] = json!(true);
    }
    schema
}

/// `count` scalar properties added to `properties`, named by `FIELDS` from index `first` on, each
/// nullable as `nullable` decides; their names, in order.
pub fn scalars(
    dice: &mut Dice,
    properties: &mut Map<String, Value>,
    count: usize,
    first: usize,
    mut nullable: impl FnMut(&mut Dice) -> bool,
) -> Vec<&'static str> {
    let names: Vec<&'static str> = (0..count).map(|f| FIELDS[(first + f) % FIELDS.len()]).collect();
    for field in &names {
        let nullable = nullable(dice);
        properties.insert((*field).into(), scalar(dice, field, nullable));
    }
    names
}

/// A string enum of `values`.
pub fn string_enum(values: impl Into<Value>) -> Value {
    json!({"type": "string", "enum": values.into()})
}

/// A `$ref` to a component schema.
pub fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// A response of `description` whose JSON body is `schema`.
pub fn json_response(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

/// The document around the parts.
fn document(title: &str, tags: Vec<Value>, paths: Map<String, Value>, components: Value) -> Value {
    let mut spec = json!({
        "openapi": "3.0.0",
        "info": {"title": title, "version": "2024-01-01", "description": format!("A synthetic spec shaped like the {title}.")},
        "servers": [{"url": "https://api.example.com/"}],
        "paths": paths,
        "components": components,
    });
    if !tags.is_empty() {
        spec["tags"] = Value::Array(tags);
    }
    spec
}

/// The number of operations and of component schemas of a spec.
pub fn counts(spec: &Value) -> (usize, usize) {
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let paths = spec["paths"].as_object().into_iter().flat_map(Map::values);
    let operations =
        paths.map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count()).sum();
    let schemas = spec["components"]["schemas"].as_object().map_or(0, Map::len);
    (operations, schemas)
}

#[cfg(test)]
mod tests {
    use super::*;
    use github::GitHub;
    use stripe::Stripe;

    /// Each synthetic spec, at a small size, has the counts asked for and generates a crate
    /// without errors or warnings.
    #[test]
    fn synthetic_specs_generate_with_the_counts_asked_for() {
        let cases = [("stripe", spec::<Stripe>(40, 70)), ("github", spec::<GitHub>(60, 50))];
        for (name, spec) in cases {
            let text = serde_json::to_string(&spec).unwrap();
            let (operations, schemas) = counts(&spec);
            let (want_operations, want_schemas) =
                if name == "stripe" { (40, 70) } else { (60, 50) };
            assert_eq!((operations, schemas), (want_operations, want_schemas), "{name}");
            let settings = generator::Settings::new("synthetic.json", "synthetic");
            let output = generator::generate(&text, &settings)
                .unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
            assert!(output.warnings.is_empty(), "{name}: {:?}", output.warnings);
            let types =
                output.files.iter().find(|file| file.path == "src/types.rs").expect("types.rs");
            assert!(types.contents.contains("pub struct"), "{name}");
        }
    }

    #[test]
    fn the_same_size_gives_the_same_spec() {
        assert_eq!(spec::<Stripe>(30, 40), spec::<Stripe>(30, 40));
        assert_eq!(spec::<GitHub>(30, 40), spec::<GitHub>(30, 40));
    }

    #[test]
    fn nouns_are_unique() {
        let nouns: std::collections::BTreeSet<String> = (0..2000).map(noun).collect();
        assert_eq!(nouns.len(), 2000);
    }
}
