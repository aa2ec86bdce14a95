//! The names each scope of a generated crate already uses, which no name from the spec may take.
//!
//! One table per scope. `lower` claims a table's names in the scope before any name from the
//! spec, so a spec can name a tag `request`, an operation `send` or a schema `Option` and still
//! get a crate that compiles. The tests below check the tables against the runtime's source and
//! against the code `emit` writes, so a method added there without a name here fails a test.

/// A scope's taken names, as lists that several scopes share.
pub type Table = &'static [&'static [&'static str]];

/// Module and accessor names of tags (`operations::<tag>`, `client.<tag>()`): the methods
/// `Client` has, and `operations`, so that no module sits in `operations::operations`.
pub const TAG_MODULES: Table = &[CLIENT_METHODS, &["operations"]];

/// Operation methods on a tag's accessor struct (`#[derive(Debug, Clone, Copy)]`). The
/// struct is used by value (`client.pets().into()`), where a blanket trait's method that takes
/// `self` is found before an inherent one that takes `&self`.
pub const GROUP_METHODS: Table = &[&["client"], DERIVED_METHODS, &["into", "try_into"]];

/// Parameter setters of a request builder: its fields, the methods `emit/operations.rs` writes,
/// those the runtime's `request_options!` adds, and the derived `Clone` and `Debug`.
pub const BUILDER_MEMBERS: Table = &[
    &["client", "body", "options"],
    &["send", "send_with_response", "pages", "items", "request"],
    &["header", "timeout", "max_retries", "idempotent"],
    DERIVED_METHODS,
];

/// Types in `src/types.rs`: the prelude names it uses.
pub const TYPES_MODULE: Table = &[PRELUDE];

/// Types in each `src/operations/<tag>.rs` (the tag's accessor struct, its builders and their
/// response enums): what the module imports, and the prelude names it, and the
/// `request_options!` macro expanded in it, use.
pub const OPERATIONS_MODULE: Table = &[OPERATIONS_IMPORTS, PRELUDE];

/// Methods of the runtime's `Client`, its own and those of the traits it has: a tag's accessor
/// is one more method on `Client`.
const CLIENT_METHODS: &[&str] = &[
    // `impl Client` in `runtime/client.rs` and `runtime/request.rs`.
    "new",
    "from_env",
    "builder",
    "base_url",
    "last_rate_limit",
    "record_rate_limit",
    "http",
    "credentials",
    "retry_policy",
    "max_response_size",
    "request",
    // `Clone`, `Debug`, and the blanket traits every type has.
    "clone",
    "clone_from",
    "fmt",
    "to_owned",
    "clone_into",
    "into",
    "try_into",
    "from",
    "try_from",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// Methods of `#[derive(Debug, Clone)]`.
const DERIVED_METHODS: &[&str] = &["clone", "clone_from", "fmt"];

/// What each operations module imports.
const OPERATIONS_IMPORTS: &[&str] =
    &["Client", "Error", "PathPart", "Request", "RequestOptions", "Response"];

/// Types, traits and constructors of the prelude that generated code names unqualified
/// (`Option<T>`, `impl Into<String>`, `+ Send`, `.collect::<Vec<_>>()`) or needs in scope for
/// a method (`.to_owned()` needs `ToOwned`, `.into_iter()` `IntoIterator`). A type of that name
/// would shadow it.
const PRELUDE: &[&str] = &[
    "Box",
    "Err",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Result",
    "Send",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Vec",
];
