//! The names each scope of a generated crate already uses, which no name from the spec may take.
//!
//! One table per scope. `lower` claims a table's names in the scope before any name from the
//! spec, so a spec can name a tag `request`, an operation `send` or a schema `Option` and still
//! get a crate that compiles. The tests below check the tables against the runtime's source and
//! against the code `emit` writes, so a method added there without a name here fails a test.

/// A scope's taken names, as lists that several scopes share.
pub type Table = &'static [&'static [&'static str]];

/// Module and accessor names of tags (`operations::<tag>`, `client.<tag>()`): the methods
/// `Client` has, its own and its traits', `operations`, so that no module sits in
/// `operations::operations`, `default`, cargo's name for the default features, as each
/// module is also the crate's feature of that name, and Windows' device names, as each module
/// is a file `src/operations/<tag>.rs` that Windows could not open.
pub const TAG_MODULES: Table = &[
    CLIENT_METHODS,
    DERIVED_METHODS,
    BLANKET_METHODS,
    &["operations", "default"],
    WINDOWS_DEVICES,
];

/// The names Windows keeps for devices, in lower case: a file so named, whatever its extension
/// and case, opens the device instead.
pub const WINDOWS_DEVICES: &[&str] = &[
    "aux", "con", "nul", "prn", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Operation methods on a tag's accessor struct (`#[derive(Debug, Clone, Copy)]`). The
/// struct is used by value (`client.pets().into()`), where a blanket trait's method that takes
/// `self` is found before an inherent one that takes `&self`.
pub const GROUP_METHODS: Table = &[&["client"], DERIVED_METHODS, &["into", "try_into"]];

/// Parameter setters of a request builder: its fields, the methods `emit/operations.rs` writes,
/// those the runtime's `request_options!` adds, and the derived `Clone` and `Debug`.
pub const BUILDER_MEMBERS: Table = &[
    &["client", "body", "options"],
    &["send", "send_with_response", "pages", "items", "request"],
    &["header", "extra_query", "extra_body_field", "timeout", "max_retries", "idempotent"],
    DERIVED_METHODS,
];

/// Inherent methods of a type in `src/types.rs`: a struct's setters, named after its fields
/// (so a field takes a name from here only with a suffix), and a tagged union's variant
/// constructors. The constructor `new`; the methods of the traits the types derive (`Debug`,
/// `Clone`, `PartialEq`, `Default`, serde's); and the blanket ones every type has. A setter takes
/// `self`, so it would be found before any of these (`x.clone()`, `T::default()`) and break it.
pub const TYPE_METHODS: Table = &[
    &["new"],
    DERIVED_METHODS,
    &["eq", "ne", "default", "serialize", "deserialize", "deserialize_in_place"],
    BLANKET_METHODS,
];

/// Types in `src/types.rs`: the prelude names it uses.
pub const TYPES_MODULE: Table = &[PRELUDE];

/// Types in each `src/operations/<tag>.rs` (the tag's accessor struct, its builders and their
/// response enums): what the module imports, and the prelude names it, and the
/// `request_options!` macro expanded in it, use.
pub const OPERATIONS_MODULE: Table = &[OPERATIONS_IMPORTS, PRELUDE];

/// The runtime `Client`'s own methods (its traits' are `DERIVED_METHODS` and `BLANKET_METHODS`):
/// a tag's accessor is one more method on `Client`.
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
    "max_pages",
    "redirect_policy",
    "request",
];

/// Methods of the blanket traits every `Clone` type has.
const BLANKET_METHODS: &[&str] = &[
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
    &["BodyFuture", "Client", "Error", "PathPart", "Request", "RequestOptions", "ResponseFuture"];

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
    "Unpin",
    "Vec",
];

#[cfg(test)]
mod tests;
