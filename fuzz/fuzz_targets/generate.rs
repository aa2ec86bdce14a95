//! `generate` never panics and never reports a bug of its own (an internal error, such as
//! invalid Rust or spec text in a doctest), whatever the documents. The input is the root spec, optionally
//! followed by more files, each introduced by a line `#@file <path>`, which `$ref`s may reach.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.split("\n#@file ");
    let root = parts.next().unwrap_or_default();
    let files: Vec<(&str, &str)> =
        parts.map(|part| part.split_once('\n').unwrap_or((part, ""))).collect();
    let read = |path: &str| {
        files.iter().find(|(name, _)| *name == path).map(|(_, text)| text.to_string()).ok_or_else(|| "no such file".to_owned())
    };
    let settings = generator::Settings::new("fuzz/root.yaml", "fuzzed");
    if let Err(errors) = generator::generate_with_files(root, &read, &settings) {
        if let Some(bug) = errors.0.iter().find(|error| error.is_internal()) {
            panic!("{bug}");
        }
    }
});
