//! Names of the variants of untagged unions, and of the types made for their inline members:
//! from the component a member refers to, its `title`, or its shape where that is plain; a
//! member's place (`Variant2`) only where nothing else tells it apart.

use generator::Settings;

fn types_of(schemas: &str) -> String {
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let files = generator::generate(&spec, &Settings::new("s.yaml", "s")).unwrap().files;
    files.into_iter().find(|file| file.path == "src/types.rs").unwrap().contents
}

/// The variants of `pub enum <name>`, as written (`Empty(TaxRatesEmpty)`), sorted: their order
/// is the order of trying them (`passes/untagged.rs`), not these tests' business.
fn variants(types: &str, name: &str) -> Vec<String> {
    let start = types.find(&format!("pub enum {name} {{")).unwrap_or_else(|| panic!("{types}"));
    let body = &types[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("///"))
        .map(|line| line.trim_end_matches(',').to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn stripes_empty_string_that_unsets_is_empty() {
    let types = types_of(
        "    TaxRates:
      anyOf:
        - {type: array, items: {type: string}}
        - {type: string, enum: ['']}
",
    );
    assert_eq!(variants(&types, "TaxRates"), ["Empty(TaxRatesEmpty)", "StringList(Vec<String>)"]);
    assert_eq!(variants(&types, "TaxRatesEmpty"), ["Empty", "Other(String)"], "{types}");
}

#[test]
fn an_enum_of_one_value_is_named_after_it() {
    let types = types_of(
        "    Delay:
      anyOf:
        - {type: string, enum: [minimum]}
        - {type: integer}
",
    );
    assert_eq!(variants(&types, "Delay"), ["Integer(i64)", "Minimum(DelayMinimum)"]);
}

#[test]
fn githubs_labels_the_only_object_is_object() {
    let types = types_of(
        "    Label:
      oneOf:
        - {type: string}
        - type: object
          properties: {id: {type: integer}, name: {type: string}}
",
    );
    assert_eq!(variants(&types, "Label"), ["Object(LabelObject)", "String(String)"]);
}

#[test]
fn objects_are_named_after_the_one_property_only_they_require() {
    let types = types_of(
        "    Delete:
      oneOf:
        - properties: {subject_digests: {type: array, items: {type: string}}}
          required: [subject_digests]
        - properties: {attestation_ids: {type: array, items: {type: integer}}}
          required: [attestation_ids]
    Data:
      oneOf:
        - type: object
          properties: {id: {type: string}}
          required: [id]
        - type: object
          properties: {base_ref: {type: string}, head_ref: {type: string}}
          required: [base_ref, head_ref]
",
    );
    assert_eq!(
        variants(&types, "Delete"),
        ["AttestationIds(DeleteAttestationIds)", "SubjectDigests(DeleteSubjectDigests)"]
    );
    // Two properties only the second requires: neither names it, so its place does.
    assert_eq!(variants(&types, "Data"), ["DataVariant2(DataVariant2)", "Id(DataId)"]);
}

#[test]
fn components_and_titles_still_name_their_members() {
    let types = types_of(
        "    Pet:
      oneOf:
        - {$ref: '#/components/schemas/Cat'}
        - {title: Dog Pet, type: object, properties: {bark: {type: integer}}, required: [bark]}
    Cat: {type: object, properties: {meow: {type: boolean}}, required: [meow]}
",
    );
    assert_eq!(variants(&types, "Pet"), ["Cat(Cat)", "DogPet(PetDogPet)"]);
}
