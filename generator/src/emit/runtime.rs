//! The hand-written runtime, emitted verbatim into every generated crate.
//!
//! It lives in `generator/runtime/` as ordinary Rust so it is read, formatted and reviewed like
//! any other source; each generated crate compiles (and so tests) it.

/// Each runtime file: its path under `src/runtime/`, and its text.
pub const SOURCES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("date_time.rs", include_str!("../../runtime/date_time.rs")),
    ("de.rs", include_str!("../../runtime/de.rs")),
    ("defaults.rs", include_str!("../../runtime/defaults.rs")),
    ("encode.rs", include_str!("../../runtime/encode.rs")),
    ("enums.rs", include_str!("../../runtime/enums.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("future.rs", include_str!("../../runtime/future.rs")),
    ("options.rs", include_str!("../../runtime/options.rs")),
    ("paginate.rs", include_str!("../../runtime/paginate.rs")),
    ("params.rs", include_str!("../../runtime/params.rs")),
    ("rate_limit.rs", include_str!("../../runtime/rate_limit.rs")),
    ("redirect.rs", include_str!("../../runtime/redirect.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("send.rs", include_str!("../../runtime/send.rs")),
    ("ser.rs", include_str!("../../runtime/ser.rs")),
    ("stream.rs", include_str!("../../runtime/stream.rs")),
    ("trace.rs", include_str!("../../runtime/trace.rs")),
];
