//! Every identifier decision: case conversion, keywords, awkward characters and collisions.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves, in any edition we emit for; such names get a trailing `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Prelude names the types module uses unqualified; a schema may not shadow them there.
const RESERVED_TYPES: &[&str] =
    &["Box", "Option", "Result", "Some", "None", "Ok", "Err", "String", "Vec"];

/// `UpperCamelCase` for types and variants: `image_action` → `ImageAction`, `+1` → `Plus1`.
pub fn type_name(raw: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    let name = if name.is_empty() { "Value".to_owned() } else { name };
    let name =
        if name.starts_with(|c: char| c.is_ascii_digit()) { format!("V{name}") } else { name };
    if KEYWORDS.contains(&name.as_str()) || RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// `snake_case` for fields, methods, modules and parameters: `imageActions_post` → `image_actions_post`.
pub fn snake_name(raw: &str) -> String {
    let name = words(raw).to_snake_case();
    let name = if name.is_empty() { "value".to_owned() } else { name };
    let name =
        if name.starts_with(|c: char| c.is_ascii_digit()) { format!("n{name}") } else { name };
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The words of a wire name, with signs spelled out and anything not ASCII alphanumeric as a break.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push_str("plus "),
            '-' if i == 0 && raw[1..].starts_with(|c: char| c.is_ascii_digit()) => {
                out.push_str("minus ")
            }
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// A namespace where each name is handed out once; a second claim gets a numeric suffix.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// Claims `name`, or `name2`, `name3`… (`name_2` for snake case) if it is taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.contains(|c: char| c.is_ascii_uppercase()) { "" } else { "_" };
        let base = name.trim_end_matches('_');
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        let cases = [
            ("image", "Image"),
            ("image_new_custom", "ImageNewCustom"),
            ("page-links", "PageLinks"),
            ("checkout.session", "CheckoutSession"),
            ("Arch Linux", "ArchLinux"),
            ("in-progress", "InProgress"),
            ("NEW", "New"),
            ("openSUSE", "OpenSuse"),
            ("2fa", "V2fa"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("Self", "SelfValue"),
            ("String", "StringValue"),
            ("Result", "ResultValue"),
            ("", "Value"),
            ("émoji", "Moji"),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_name(raw), expected, "type_name({raw:?})");
        }
    }

    #[test]
    fn snake_names() {
        let cases = [
            ("imageActions_post", "image_actions_post"),
            ("per_page", "per_page"),
            ("ratelimit-limit", "ratelimit_limit"),
            ("type", "type_"),
            ("self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("gen", "gen_"),
            ("async", "async_"),
            ("Image Actions", "image_actions"),
            ("2fa", "n2fa"),
            ("+1", "plus_1"),
            ("-1", "minus_1"),
            ("a.b.c", "a_b_c"),
        ];
        for (raw, expected) in cases {
            assert_eq!(snake_name(raw), expected, "snake_name({raw:?})");
        }
    }

    #[test]
    fn collisions_get_deterministic_suffixes() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim(type_name("page-links")), "PageLinks");
        assert_eq!(scope.claim(type_name("page_links")), "PageLinks2");
        assert_eq!(scope.claim(type_name("PageLinks")), "PageLinks3");
        let mut scope = Scope::default();
        assert_eq!(scope.claim(snake_name("type")), "type_");
        assert_eq!(scope.claim(snake_name("Type")), "type_2");
        assert_eq!(scope.claim(snake_name("a-b")), "a_b");
        assert_eq!(scope.claim(snake_name("a.b")), "a_b_2");
    }
}
