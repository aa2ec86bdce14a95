//! The tables against what they describe: the runtime's source, and the code `emit` writes.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::punctuated::Punctuated;

use super::*;
use crate::emit::runtime::SOURCES;

fn names(table: Table) -> BTreeSet<&'static str> {
    table.iter().copied().flatten().copied().collect()
}

/// The methods a derived or implemented trait gives a type, for the traits generated and
/// runtime types have; any other trait fails the test, so that it is added here.
fn trait_methods(name: &str) -> &'static [&'static str] {
    match name {
        "Debug" => &["fmt"],
        "Clone" => &["clone", "clone_from"],
        "Copy" => &[],
        "PartialEq" => &["eq", "ne"],
        "Eq" | "Hash" => &["hash"],
        "Default" => &["default"],
        "Serialize" => &["serialize"],
        "Deserialize" => &["deserialize", "deserialize_in_place"],
        "From" => &["from"],
        "Display" => &["fmt"],
        other => panic!("trait `{other}` is new here: add its methods to the tables"),
    }
}

fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let paths = attrs.iter().filter(|attr| attr.path().is_ident("derive")).flat_map(|attr| {
        attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated).unwrap()
    });
    paths.map(|path| path.segments.last().unwrap().ident.to_string()).collect()
}

fn type_is(ty: &syn::Type, name: &str) -> bool {
    matches!(ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == name))
}

/// Every method of `name`'s inherent impls and of the traits it implements or derives, and
/// with `fields` its fields, in `files`.
fn members(files: &[syn::File], name: &str, fields: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for item in files.iter().flat_map(|file| &file.items) {
        match item {
            syn::Item::Struct(item) if item.ident == name => {
                let fields = item.fields.iter().filter(|_| fields);
                found.extend(fields.filter_map(|f| f.ident.as_ref()).map(ToString::to_string));
                for derived in derives(&item.attrs) {
                    found.extend(trait_methods(&derived).iter().map(|m| (*m).to_owned()));
                }
            }
            syn::Item::Impl(item) if type_is(&item.self_ty, name) => match &item.trait_ {
                Some((_, path, _)) => {
                    let trait_name = path.segments.last().unwrap().ident.to_string();
                    found.extend(trait_methods(&trait_name).iter().map(|m| (*m).to_owned()));
                }
                None => found.extend(item.items.iter().filter_map(|member| match member {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                })),
            },
            _ => {}
        }
    }
    found
}

fn parse(text: &str) -> syn::File {
    syn::parse_file(text).unwrap()
}

fn runtime() -> Vec<syn::File> {
    SOURCES.iter().map(|(_, text)| parse(text)).collect()
}

/// A spec with one of each kind of builder: a paged list, a JSON body with two success
/// bodies (a response enum), text, bytes and an event stream; no setters.
const BUILDERS: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    get:
      tags: [pets]
      operationId: list
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
    post:
      tags: [pets]
      operationId: create
      requestBody: {required: true, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string, format: date}}}}
        "202": {description: ok, content: {text/plain: {schema: {type: string}}}}
        "204": {description: none}
    put:
      tags: [pets]
      operationId: upload
      requestBody: {required: true, content: {application/octet-stream: {schema: {type: string, format: binary}}}}
      responses:
        "200": {description: ok, content: {text/event-stream: {schema: {type: string}}}}
    patch:
      tags: [pets]
      operationId: text
      requestBody: {required: true, content: {text/plain: {schema: {type: string}}}}
      responses:
        "200": {description: ok, content: {image/png: {schema: {type: string, format: binary}}}}
components:
  schemas:
    Page:
      type: object
      properties:
        pets: {type: array, items: {type: string}}
        links: {type: object, properties: {pages: {type: object, properties: {next: {type: string}}}}}
"##;

fn generated(spec: &str) -> Vec<crate::File> {
    crate::generate(spec, &crate::Settings::new("t.yaml", "t")).unwrap().files
}

/// Each tag is a file `src/operations/<tag>.rs`; Windows opens a device for `aux.rs`, `CON.rs`
/// or `com1.rs`, whatever the case, so such a crate could not be checked out there.
#[test]
fn tags_named_like_windows_devices_get_files_windows_can_open() {
    let tags = ["aux", "CON", "Nul", "prn", "com1", "LPT9", "com0"];
    let paths: String = tags
        .iter()
        .map(|tag| format!("  /{tag}:\n    get: {{tags: [{tag}], operationId: {tag}, responses: {{\"204\": {{description: x}}}}}}\n"))
        .collect();
    let spec = format!("openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths:\n{paths}");
    let files = generated(&spec);
    let modules: Vec<_> = (files.iter())
        .filter_map(|file| file.path.strip_prefix("src/operations/")?.strip_suffix(".rs"))
        .filter(|module| *module != "mod")
        .collect();
    assert_eq!(modules.len(), tags.len(), "{modules:?}");
    for module in modules {
        let stem = module.split('.').next().unwrap_or(module).to_ascii_lowercase();
        assert!(!crate::WINDOWS_DEVICES.contains(&stem.as_str()), "src/operations/{module}.rs");
    }
}

#[test]
fn client_methods_are_all_in_the_table() {
    let taken = names(TAG_MODULES);
    let methods = members(&runtime(), "Client", false);
    assert!(methods.contains("request") && methods.contains("clone"), "{methods:?}");
    let missing: Vec<_> = methods.iter().filter(|m| !taken.contains(m.as_str())).collect();
    assert!(missing.is_empty(), "`Client` methods missing from TAG_MODULES: {missing:?}");
}

#[test]
fn builder_members_are_all_in_the_table() {
    let taken = names(BUILDER_MEMBERS);
    // What `request_options!` adds: every `fn` in the macro's body.
    let options = runtime().into_iter().flat_map(|file| file.items).find_map(|item| match item {
        syn::Item::Macro(item) if item.ident.as_ref().is_some_and(|i| i == "request_options") => {
            Some(item.mac.tokens)
        }
        _ => None,
    });
    let mut found: BTreeSet<String> =
        functions(options.expect("the runtime defines request_options!"));
    assert!(found.contains("timeout"), "{found:?}");
    let files = generated(BUILDERS);
    let module = files.iter().find(|f| f.path == "src/operations/pets.rs").unwrap();
    let module = parse(&module.contents);
    for builder in ["List", "Create", "Upload", "Text"] {
        found.extend(members(std::slice::from_ref(&module), builder, true));
    }
    assert!(found.contains("pages") && found.contains("send_with_response"), "{found:?}");
    let missing: Vec<_> = found.iter().filter(|m| !taken.contains(m.as_str())).collect();
    assert!(missing.is_empty(), "builder members missing from BUILDER_MEMBERS: {missing:?}");
    // The tag's accessor struct, the same way.
    let group = members(std::slice::from_ref(&module), "Pets", true);
    let group: Vec<_> = group
        .iter()
        .filter(|m| !["list", "create", "upload", "text"].contains(&m.as_str()))
        .collect();
    let taken = names(GROUP_METHODS);
    assert!(group.iter().all(|m| taken.contains(m.as_str())), "{group:?}");
}

/// Every method a type of `types.rs` has besides its setters (its derived and implemented
/// traits' and `new`) is in `TYPE_METHODS`, for a struct, a tagged union and a newtype that
/// a request takes.
#[test]
fn type_methods_are_all_in_the_table() {
    let spec = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    post:
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/Body"}}}}
      responses: {"204": {description: none}}
components:
  schemas:
    Body:
      type: object
      required: [a]
      properties:
        a: {type: string}
        b: {type: integer}
        pet: {$ref: "#/components/schemas/Pet"}
        tree: {$ref: "#/components/schemas/Tree"}
      additionalProperties: {type: string}
    Tree: {type: array, items: {$ref: "#/components/schemas/Tree"}}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}]
      discriminator: {propertyName: kind, mapping: {cat: "#/components/schemas/Cat"}}
    Cat: {type: object, required: [kind], properties: {kind: {type: string}, lives: {type: integer}}}
"##;
    let files = generated(spec);
    let types = files.iter().find(|f| f.path == "src/types.rs").unwrap();
    let types = parse(&types.contents);
    let taken = names(TYPE_METHODS);
    let setters = ["b", "pet", "tree", "additional_properties", "cat", "lives"];
    for name in ["Body", "Pet", "Tree"] {
        let found = members(std::slice::from_ref(&types), name, false);
        assert!(!found.is_empty(), "{name}");
        let missing: Vec<_> = found
            .iter()
            .filter(|m| !taken.contains(m.as_str()) && !setters.contains(&m.as_str()))
            .collect();
        assert!(missing.is_empty(), "`{name}` methods missing from TYPE_METHODS: {missing:?}");
    }
    assert!(members(std::slice::from_ref(&types), "Body", false).contains("new"));
}

/// The names after `fn` in `tokens`, nested groups included.
fn functions(tokens: TokenStream) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut after_fn = false;
    for token in tokens {
        match &token {
            TokenTree::Ident(ident) if after_fn => {
                found.insert(ident.to_string());
            }
            TokenTree::Group(group) => found.extend(functions(group.stream())),
            _ => {}
        }
        after_fn = matches!(&token, TokenTree::Ident(ident) if ident == "fn");
    }
    found
}

/// Capitalised names `tokens` uses without a path (`Option`, not `std::option::Option` or
/// `Self::Other`), outside attributes, less single-letter generics and `Self`: the names
/// that a type defined in the same module would shadow.
fn unqualified(tokens: TokenStream, found: &mut BTreeSet<String>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        let before = |back: usize| i.checked_sub(back).map(|at| &tokens[at]);
        let punct = |token: Option<&TokenTree>, c: char| matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c);
        match token {
            // An attribute: `#[derive(Debug)]`, `#[doc = "…"]`.
            TokenTree::Group(_)
                if punct(before(1), '#') || (punct(before(1), '!') && punct(before(2), '#')) => {}
            TokenTree::Group(group) => unqualified(group.stream(), found),
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let qualified =
                    (punct(before(1), ':') && punct(before(2), ':')) || punct(before(1), '.');
                // `const NAME` defines an associated constant, in its impl's scope.
                let defining = matches!(before(1), Some(TokenTree::Ident(word)) if word == "const");
                // `Item = T` in `Stream<Item = T>` names an associated type.
                let binding = punct(tokens.get(i + 1), '=')
                    && !punct(tokens.get(i + 2), '=')
                    && !punct(tokens.get(i + 2), '>');
                if name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name.len() > 1
                    && name != "Self"
                    && !qualified
                    && !binding
                    && !defining
                {
                    found.insert(name);
                }
            }
            _ => {}
        }
    }
}

/// The names `file` defines: its types and their variants.
fn defined(file: &syn::File) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(item) => {
                found.insert(item.ident.to_string());
            }
            syn::Item::Type(item) => {
                found.insert(item.ident.to_string());
            }
            syn::Item::Enum(item) => {
                found.insert(item.ident.to_string());
                found.extend(item.variants.iter().map(|v| v.ident.to_string()));
            }
            _ => {}
        }
    }
    found
}

#[test]
fn generated_modules_name_unqualified_only_what_their_tables_hold() {
    let specs = [
        BUILDERS,
        include_str!("../../../spec/images.yaml"),
        include_str!("../../tests/fixtures/bodies-and-responses.yaml"),
        include_str!("../../tests/fixtures/parameters.yaml"),
        include_str!("../../tests/fixtures/schemas.yaml"),
        include_str!("../../tests/fixtures/attack-names.yaml"),
    ];
    // `request_options!` expands in each operations module, so what it names counts there.
    let options = SOURCES.iter().find(|(path, _)| *path == "options.rs").unwrap().1;
    let options = parse(options).items.into_iter().find_map(|item| match item {
        syn::Item::Macro(item) => Some(item.mac.tokens),
        _ => None,
    });
    let mut in_operations = BTreeSet::new();
    unqualified(options.unwrap(), &mut in_operations);
    let mut in_types = BTreeSet::new();
    for spec in specs {
        for file in generated(spec) {
            let table = if file.path == "src/types.rs" {
                &mut in_types
            } else if file.path.starts_with("src/operations/") && !file.path.ends_with("/mod.rs") {
                &mut in_operations
            } else {
                continue;
            };
            let own = defined(&parse(&file.contents));
            let mut used = BTreeSet::new();
            unqualified(file.contents.parse().unwrap(), &mut used);
            table.extend(used.into_iter().filter(|name| !own.contains(name)));
        }
    }
    for (scope, used, table) in
        [("types", in_types, TYPES_MODULE), ("operations", in_operations, OPERATIONS_MODULE)]
    {
        let taken = names(table);
        assert!(used.contains("Option"), "{scope}: {used:?}");
        let missing: Vec<_> = used.iter().filter(|name| !taken.contains(name.as_str())).collect();
        assert!(missing.is_empty(), "{scope} modules name {missing:?}, which their table lacks");
    }
}

/// Every name of every table, in every place a spec can put a name: as tags, operation ids,
/// parameters, schemas, properties (of a body, and of a tagged union's variants) and enum
/// and tag values. None of the names handed out may be one its scope reserves (that the
/// crate compiles is the `attack-names` fixture's job).
/// A discriminated union with a variant per name, tagged with the name and pointing at the
/// schema of that name.
fn tagged_union_of(all: &BTreeSet<&str>) -> serde_json::Value {
    let reference = |name: &str| format!("#/components/schemas/{name}");
    let members: Vec<_> =
        all.iter().map(|name| serde_json::json!({"$ref": reference(name)})).collect();
    let mapping: serde_json::Map<_, _> =
        all.iter().map(|name| (name.to_string(), reference(name).into())).collect();
    serde_json::json!({"oneOf": members, "discriminator": {"propertyName": "kind", "mapping": mapping}})
}

/// A type's inherent methods (setters named after fields, variant constructors and setters)
/// take no name of `TYPE_METHODS`, and a union's methods are distinct.
fn assert_no_type_method_is_taken(type_name: &str, kind: &crate::model::TypeKind) {
    use crate::model::TypeKind;
    let clash = |name: &str| names(TYPE_METHODS).contains(name);
    match kind {
        TypeKind::Struct { fields, additional, .. } => {
            let fields = fields.iter().map(|field| &field.name);
            for name in fields.chain(additional.iter().map(|additional| &additional.name)) {
                assert!(!clash(name), "field `{name}` of `{type_name}`");
            }
        }
        TypeKind::Tagged { variants, setters, .. } => {
            let constructors = variants.iter().map(|variant| &variant.constructor);
            let methods: Vec<_> =
                constructors.chain(setters.iter().map(|setter| &setter.name)).collect();
            for name in &methods {
                assert!(!clash(name), "method `{name}` of `{type_name}`");
            }
            let distinct: BTreeSet<_> = methods.iter().collect();
            assert_eq!(distinct.len(), methods.len(), "methods of `{type_name}`");
        }
        _ => {}
    }
}

#[test]
fn no_reserved_name_is_handed_out_in_any_position() {
    let all: BTreeSet<&str> = [
        TAG_MODULES,
        GROUP_METHODS,
        BUILDER_MEMBERS,
        TYPE_METHODS,
        TYPES_MODULE,
        OPERATIONS_MODULE,
    ]
    .into_iter()
    .flat_map(names)
    .collect();
    let string = serde_json::json!({"type": "string"});
    let params: Vec<_> = all
        .iter()
        .map(|name| serde_json::json!({"name": name, "in": "query", "schema": string}))
        .collect();
    let mut paths = serde_json::Map::new();
    for (i, name) in all.iter().enumerate() {
        let op = serde_json::json!({
            "tags": [name],
            "operationId": name,
            "parameters": if i == 0 { params.clone() } else { Vec::new() },
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": string}}},
                "202": {"description": "ok", "content": {"text/plain": {"schema": string}}},
            },
        });
        // The same operation id again in the first tag, for its accessor struct's methods;
        // the first two take a body, so that their types get constructors and setters.
        let mut again = serde_json::json!({"tags": [all.first()], "operationId": name, "responses": {"204": {"description": "none"}}});
        let body = match i {
            0 => Some("#/components/schemas/Union".to_owned()),
            1 => Some(format!("#/components/schemas/{name}")),
            _ => None,
        };
        if let Some(body) = body {
            again["requestBody"] =
                serde_json::json!({"content": {"application/json": {"schema": {"$ref": body}}}});
        }
        paths.insert(format!("/{i}"), serde_json::json!({"get": op, "post": again}));
    }
    let properties: serde_json::Map<_, _> =
        all.iter().map(|name| (name.to_string(), string.clone())).collect();
    let values: Vec<_> = all.iter().collect();
    let schemas: serde_json::Map<_, _> = all
        .iter()
        .map(|name| {
            (name.to_string(), serde_json::json!({"type": "object", "properties": properties}))
        })
        .chain([("Values".to_owned(), serde_json::json!({"type": "string", "enum": values}))])
        .chain([("Union".to_owned(), tagged_union_of(&all))])
        .collect();
    let spec = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    });
    let text = spec.to_string();
    let api = crate::lower::lowered("t.json", &text);
    let clash = |name: &str, table: Table| names(table).contains(name);
    assert_eq!(api.groups.len(), all.len());
    for group in &api.groups {
        assert!(!clash(&group.module, TAG_MODULES), "tag module `{}`", group.module);
        assert!(!clash(&group.type_name, OPERATIONS_MODULE), "tag type `{}`", group.type_name);
        for op in &group.operations {
            assert!(!clash(&op.method_name, GROUP_METHODS), "operation `{}`", op.method_name);
            assert!(!clash(&op.builder, OPERATIONS_MODULE), "builder `{}`", op.builder);
            if let crate::model::Success::ByStatus { name, .. } = &op.success {
                assert!(!clash(name, OPERATIONS_MODULE), "response enum `{name}`");
            }
            for param in &op.params {
                assert!(!clash(&param.name, BUILDER_MEMBERS), "parameter `{}`", param.name);
            }
        }
    }
    assert!(api.groups[0].operations.len() > all.len());
    assert!(api.types.len() > all.len());
    for (name, def) in &api.types {
        assert!(!clash(name, TYPES_MODULE), "type `{name}`");
        assert_no_type_method_is_taken(name, &def.kind);
    }
    let union = api.types.values().find_map(|def| match &def.kind {
        crate::model::TypeKind::Tagged { setters, .. } => Some(setters.len()),
        _ => None,
    });
    assert!(union.is_some_and(|setters| setters >= all.len()), "{union:?}");
    crate::emit::emit(&api, &crate::Settings::new("t.json", "t")).unwrap();
}
