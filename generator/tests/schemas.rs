//! Schema shapes that Rust cannot express become errors at their pointer; the rest generate, with
//! distinct names for distinct schemas.

use generator::{Location, Settings};

fn generate(schemas: &str) -> Result<String, generator::Errors> {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let settings = Settings::new("s.yaml", "s");
    let files = generator::generate(&spec, &settings)?.files;
    Ok(files.into_iter().find(|file| file.path == "src/types.rs").unwrap().contents)
}

fn pointers(errors: &generator::Errors) -> Vec<String> {
    errors
        .0
        .iter()
        .map(|error| match &error.location {
            Location::Pointer(pointer) => pointer.as_str().to_owned(),
            other => panic!("expected a pointer, got {other:?}"),
        })
        .collect()
}

#[test]
fn schemas_that_are_only_other_names_for_themselves_are_errors() {
    let errors = generate(
        "    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
    Fine: {type: array, items: {$ref: '#/components/schemas/Fine2'}}
    Fine2: {type: object, properties: {up: {$ref: '#/components/schemas/Fine'}}}
",
    )
    .unwrap_err();
    assert_eq!(pointers(&errors), ["/components/schemas/A"], "{errors}");
    // Loading reports the circle once, naming every step of it.
    let what = &errors.0[0].what;
    assert!(what.contains("$ref cycle: #/components/schemas/A → #/components/schemas/B"), "{what}");
}

#[test]
fn one_part_unions_that_name_each_other_are_errors_before_anything_asks_about_them() {
    // Loading sees no `$ref` cycle here; lowering makes `A` and `B` aliases of each other.
    // Both are used where the client must know their shape, which is asked only once the cycle
    // is known: the cycle alone is reported, and nothing loops.
    let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    post:
      parameters:
        - {name: a, in: query, schema: {$ref: '#/components/schemas/A'}}
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/B'}}
      responses: {'204': {description: done}}
components:
  schemas:
    A: {oneOf: [{$ref: '#/components/schemas/B'}]}
    B: {anyOf: [{$ref: '#/components/schemas/A'}]}
";
    let errors = generator::generate(spec, &Settings::new("s.yaml", "s")).unwrap_err();
    assert_eq!(pointers(&errors), ["/components/schemas/A", "/components/schemas/B"], "{errors}");
    assert!(errors.0.iter().all(|error| error.what.contains("only another name for itself")));
}

#[test]
fn a_union_left_with_one_variant_that_holds_itself_stays_a_union() {
    // Both variants have one shape, so one is dropped; an alias `U = Vec<U>` would be endless.
    let types = generate(
        "    U:
      oneOf:
        - {type: array, items: {$ref: '#/components/schemas/U'}}
        - {type: array, items: {$ref: '#/components/schemas/U'}}
",
    );
    let types = types.unwrap_or_else(|errors| panic!("{errors}"));
    assert!(types.contains("pub enum U"), "{types}");
    assert!(!types.contains("pub type U"), "{types}");
}

#[test]
fn arrays_and_maps_that_contain_themselves_are_newtypes() {
    let types = generate(
        "    Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    Forest: {type: object, additionalProperties: {$ref: '#/components/schemas/Woods'}}
    Woods: {$ref: '#/components/schemas/Forest'}
",
    )
    .unwrap();
    assert!(types.contains("pub struct Tree(pub Vec<Tree>);"), "{types}");
    assert!(
        types.contains("pub struct Forest(pub std::collections::BTreeMap<String, Woods>);"),
        "{types}"
    );
    assert!(types.contains("pub type Woods = Forest;"), "{types}");
}

#[test]
fn schemas_whose_names_differ_in_case_or_punctuation_get_distinct_types() {
    let types = generate(
        "    foo_bar: {type: object, properties: {a: {type: string}}}
    FooBar: {type: object, properties: {b: {type: string}}}
    foo-bar: {type: object, properties: {c: {type: string}}}
",
    )
    .unwrap();
    for (name, field) in [("FooBar", "a"), ("FooBar2", "b"), ("FooBar3", "c")] {
        let at = types.find(&format!("pub struct {name} {{")).unwrap_or_else(|| panic!("{types}"));
        let body = &types[at..];
        let body = &body[..body.find('}').unwrap()];
        assert!(body.contains(&format!("pub {field}:")), "{name} should hold `{field}`: {body}");
    }
}

#[test]
fn empty_and_mixed_schemas_are_any_json() {
    let types = generate(
        "    Anything: {}
    Mixed: {enum: [1, two]}
    Described: {description: Anything at all.}
    NoChoice: {oneOf: []}
    NoParts: {allOf: []}
    NoValues: {enum: []}
",
    )
    .unwrap();
    for name in ["Anything", "Mixed", "Described", "NoChoice", "NoParts", "NoValues"] {
        assert!(types.contains(&format!("pub type {name} = serde_json::Value;")), "{types}");
    }
}

#[test]
fn all_of_parts_that_include_themselves_are_errors_not_a_stack_overflow() {
    let errors = generate(
        "    A:
      allOf:
        - $ref: '#/components/schemas/B'
        - {type: object, properties: {a: {type: string}}}
    B:
      allOf:
        - $ref: '#/components/schemas/A'
    C:
      type: object
      properties: {x: {type: string}}
      allOf: [{$ref: '#/components/schemas/C'}]
    Loop: {allOf: [{$ref: '#/components/schemas/Loop'}]}
",
    )
    .unwrap_err();
    // Loading finds each cycle once, at the schema where it is first met.
    assert_eq!(
        pointers(&errors),
        ["/components/schemas/A", "/components/schemas/C", "/components/schemas/Loop"],
        "{errors}"
    );
    assert!(errors.0.iter().all(|error| error.what.contains("allOf cycle")), "{errors}");
}

#[test]
fn refs_into_schemas_share_the_type_and_cycles_among_them_are_errors() {
    let types = generate(
        "    Early:
      type: object
      properties:
        kind: {$ref: '#/components/schemas/Alias/properties/kind'}
        tag: {$ref: '#/components/schemas/Pet/properties/tags/items'}
    Pet:
      type: object
      properties:
        kind: {type: string, enum: [cat, dog]}
        tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
    Alias: {$ref: '#/components/schemas/Pet'}
",
    )
    .unwrap();
    assert!(types.contains("pub kind: Option<PetKind>,"), "{types}");
    assert!(types.contains("pub tag: Option<PetTagsItem>,"), "{types}");
    assert!(types.contains("pub tags: Option<Vec<PetTagsItem>>,"), "{types}");
    assert_eq!(types.matches("pub enum PetKind {").count(), 1, "{types}");

    let errors = generate(
        "    Loop: {type: array, items: {$ref: '#/components/schemas/Loop/items'}}
    Bad: {type: object, properties: {x: {$ref: '#/components/schemas/Loop/properties/x'}}}
",
    )
    .unwrap_err();
    assert_eq!(
        pointers(&errors),
        ["/components/schemas/Loop/items", "/components/schemas/Bad/properties/x"],
        "{errors}"
    );
    assert!(errors.0[0].what.contains("leads back to itself"), "{errors}");
    assert!(errors.0[1].what.contains("no such schema"), "{errors}");
}

#[test]
fn a_base_with_a_discriminator_is_an_enum_of_the_schemas_that_extend_it() {
    let types = generate(
        "    Pet:
      type: object
      required: [kind]
      properties: {kind: {type: string}, name: {type: string}}
      discriminator: {propertyName: kind, mapping: {cat: Cat, kitty: '#/components/schemas/Cat'}}
    Cat:
      allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {lives: {type: integer}}}]
    Dog:
      allOf: [{$ref: '#/components/schemas/Pet'}]
    Lonely:
      type: object
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind}
",
    )
    .unwrap();
    // The mapping decides: `Dog` extends `Pet` but is not listed, so it is not a variant.
    assert!(
        types.contains("#[serde(tag = \"kind\")]\n#[non_exhaustive]\npub enum Pet {"),
        "{types}"
    );
    // Two values for one schema: two variants with its fields, each read and written as itself.
    for (wire, variant) in [("cat", "Cat"), ("kitty", "Kitty")] {
        let written =
            format!("#[serde(rename = \"{wire}\")]\n    #[non_exhaustive]\n    {variant} {{");
        assert!(types.contains(&written), "{types}");
    }
    assert!(!types.contains("    Dog {"), "{types}");
    // Nothing extends `Lonely`: a plain struct.
    assert!(types.contains("pub struct Lonely {"), "{types}");
}

#[test]
fn unions_that_include_themselves_or_repeat_a_variant_still_generate() {
    let types = generate(
        "    Loop:
      anyOf:
        - $ref: '#/components/schemas/Loop'
        - {type: object, properties: {a: {type: string}}}
    Twice:
      oneOf:
        - $ref: '#/components/schemas/Leaf'
        - $ref: '#/components/schemas/Leaf'
    Nested:
      anyOf:
        - anyOf:
            - anyOf: [{$ref: '#/components/schemas/Nested'}, {type: object}]
            - {type: object, properties: {b: {type: integer}}}
        - {type: object, properties: {c: {type: integer}}}
    Leaf: {type: object, required: [x], properties: {x: {type: string}}}
",
    );
    let types = types.unwrap_or_else(|errors| panic!("{errors}"));
    // A variant repeated can never be chosen the second time; one left is the type itself.
    assert!(types.contains("pub type Twice = Leaf;"), "{types}");
    assert!(types.contains("pub enum Loop"), "{types}");
}

#[test]
fn compositions_naming_each_part_twice_at_every_level_are_merged_in_linear_time() {
    // Merged naively, each level doubles the work: 2^40 merges for these 40 levels.
    let mut schemas = String::new();
    for i in 0..40 {
        let next = format!("{{$ref: '#/components/schemas/S{}'}}", i + 1);
        let keyword = if i % 2 == 0 { "allOf" } else { "anyOf" };
        schemas
            .push_str(&format!("    S{i}: {{{keyword}: [{next}, {{allOf: [{next}]}}, {next}]}}\n"));
    }
    schemas.push_str("    S40: {type: object, required: [x], properties: {x: {type: string}}}\n");
    let types = generate(&schemas).unwrap_or_else(|errors| panic!("{errors}"));
    assert!(types.contains("pub struct S0 {\n    pub x: String,\n}"), "{types}");
}

#[test]
fn an_all_of_that_only_annotates_a_ref_is_the_ref_and_a_real_mix_warns() {
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:
    Tags: {type: array, items: {type: string}}
    Holder:
      type: object
      properties:
        tags:
          allOf:
            - $ref: '#/components/schemas/Tags'
            - {description: The tags., example: [a], maxItems: 3}
        mixed:
          allOf:
            - $ref: '#/components/schemas/Tags'
            - {type: object, properties: {x: {type: string}}}
";
    let output = generator::generate(spec, &Settings::new("s.yaml", "s")).unwrap();
    let types = &output.files.iter().find(|file| file.path == "src/types.rs").unwrap().contents;
    assert!(types.contains("pub tags: Option<Tags>,"), "{types}");
    assert!(types.contains("pub type HolderMixed = serde_json::Value;"), "{types}");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["s.yaml#/components/schemas/Holder/properties/mixed: an object combined with a union or a scalar (`allOf`, or properties beside `oneOf`) is not supported: any JSON is accepted"]
    );
}
