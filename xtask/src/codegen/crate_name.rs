//! Which `--crate-name`s are accepted: cargo's rules for a new package and crates.io's for a
//! published one, checked before anything is generated, since the name lands in `Cargo.toml` and,
//! with `-` as `_`, in Rust code (`use my_client::Client`).

/// The longest name crates.io accepts.
const MAX_LEN: usize = 64;

/// Rust keywords of every edition, strict and reserved (cargo's list, and `gen` of 2024).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Crates of Rust's standard library (cargo refuses `test` and warns about the others). Cargo's
/// build directory names (`build`, `examples`…) are refused only for packages with a binary,
/// which a generated crate is not, so they are allowed.
const STANDARD_LIBRARY: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

/// `Ok` when `name` can be the generated crate's package name.
pub fn check(name: &str) -> Result<(), String> {
    let refuse = |why: &str| Err(format!("error: crate name {name:?}: {why}"));
    let Some(first) = name.chars().next() else {
        return refuse("it is empty");
    };
    if !first.is_ascii_alphabetic() {
        return refuse("it must start with an ASCII letter");
    }
    if let Some(bad) = name.chars().find(|c| !c.is_ascii_alphanumeric() && !matches!(c, '-' | '_'))
    {
        return refuse(&format!(
            "{bad:?} cannot appear in it, only ASCII letters, digits, `-` and `_` can"
        ));
    }
    if name.len() > MAX_LEN {
        return refuse(&format!("it is longer than {MAX_LEN} characters"));
    }
    let lib_name = name.replace('-', "_");
    if KEYWORDS.contains(&lib_name.as_str()) {
        return refuse("it is a Rust keyword");
    }
    if STANDARD_LIBRARY.contains(&lib_name.as_str()) {
        return refuse("it is a crate of Rust's standard library");
    }
    if generator::WINDOWS_DEVICES.contains(&name.to_ascii_lowercase().as_str()) {
        return refuse("it is a device name on Windows");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_ordinary_names() {
        for name in ["digitalocean-images", "x", "My_Client2", "a-b_c", "examples", &"a".repeat(64)]
        {
            assert_eq!(check(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn refuses_what_cargo_or_crates_io_would() {
        for (name, why) in [
            ("", "empty"),
            ("x\"\nbuild = \"evil.rs", "cannot appear"),
            ("1password", "must start with an ASCII letter"),
            ("_private", "must start with an ASCII letter"),
            ("-x", "must start with an ASCII letter"),
            ("größe", "cannot appear"),
            ("a b", "cannot appear"),
            ("a.b", "cannot appear"),
            ("a/b", "cannot appear"),
            (&"a".repeat(65), "longer than 64"),
            ("self", "keyword"),
            ("async", "keyword"),
            ("gen", "keyword"),
            ("Self", "keyword"),
            ("test", "standard library"),
            ("std", "standard library"),
            ("core", "standard library"),
            ("proc-macro", "standard library"),
            ("NUL", "Windows"),
            ("com1", "Windows"),
        ] {
            let message = check(name).expect_err(name);
            assert!(message.contains(why), "{name:?}: {message}");
        }
    }

    #[test]
    fn the_refusal_shows_the_name_escaped_on_one_line() {
        let message = check("x\"\nbuild = \"evil.rs").unwrap_err();
        assert!(!message.contains('\n'), "{message}");
        assert!(message.contains(r#""x\"\nbuild = \"evil.rs""#), "{message}");
    }
}
