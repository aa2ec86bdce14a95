//! Every identifier decision: case conversion, keywords, awkward characters and collisions.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::reserved::Table;

/// Words Rust reserves, in any edition we emit for; such names get a trailing `_`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `UpperCamelCase` for types: `image_action` → `ImageAction`, `+1` → `Plus1`. Names the
/// generated code already uses in the type's module are the [`Scope`]'s business.
pub fn type_name(raw: &str) -> String {
    let name = upper_camel(raw);
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// `UpperCamelCase` for enum variants, which live in their enum's namespace and so may be named
/// like prelude types (`Box`, `None`); only keywords are avoided.
pub fn variant_name(raw: &str) -> String {
    let name = upper_camel(raw);
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

fn upper_camel(raw: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    let name = if name.is_empty() { "Value".to_owned() } else { name };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
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

/// The words of a wire name, with signs spelled out, accented Latin letters transliterated
/// (`é` → `e`), other letters and digits as `u` + hex code point (`日` → ` u65e5 `), and anything
/// else as a break.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            '+' if i == 0 => out.push_str("plus "),
            '-' if i == 0 && raw[1..].starts_with(|c: char| c.is_ascii_digit()) => {
                out.push_str("minus ")
            }
            c if c.is_ascii_alphanumeric() => out.push(c),
            c if c.is_alphanumeric() => match latin(c) {
                Some(ascii) => out.push_str(ascii),
                None => out.push_str(&format!(" u{:x} ", u32::from(c))),
            },
            _ => out.push(' '),
        }
    }
    out
}

/// The ASCII spelling of a letter of the Latin-1 Supplement and Latin Extended-A blocks, the
/// accented letters of European languages; `None` for anything else.
fn latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐÐ", "D"),
        ("ďđð", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķĸ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇŊ", "N"),
        ("ñńņňŉŋ", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşšſ", "s"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŶŸ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "Ae"),
        ("æ", "ae"),
        ("Œ", "Oe"),
        ("œ", "oe"),
        ("Þ", "Th"),
        ("þ", "th"),
        ("ß", "ss"),
        ("Ĳ", "Ij"),
        ("ĳ", "ij"),
    ];
    TABLE.iter().find(|(letters, _)| letters.contains(c)).map(|(_, ascii)| *ascii)
}

/// A namespace where each name is handed out once; a second claim gets a numeric suffix.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: HashSet<String>,
    /// Names the generated code already uses here (`reserved.rs`).
    reserved: HashSet<&'static str>,
    /// The suffix to try first for each base name, so that a thousand claims of one name take
    /// a thousand steps, not half a million.
    next_suffix: HashMap<String, u64>,
}

impl Scope {
    /// A scope in which the names of `table` are taken.
    pub fn reserving(table: Table) -> Scope {
        let reserved: HashSet<&'static str> = table.iter().copied().flatten().copied().collect();
        Scope {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
            reserved,
            ..Scope::default()
        }
    }

    /// Claims `name`, or `name2`, `name3`… (`name_2` for snake case) if it is taken. A type
    /// name the generated code uses here gets `Value` first, as keywords do (`StringValue`).
    pub fn claim(&mut self, name: String) -> String {
        let camel = name.contains(|c: char| c.is_ascii_uppercase());
        let name = if camel && self.reserved.contains(name.as_str()) {
            format!("{name}Value")
        } else {
            name
        };
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if camel { "" } else { "_" };
        let base = name.trim_end_matches('_');
        let next = self.next_suffix.entry(base.to_owned()).or_insert(2);
        loop {
            let candidate = format!("{base}{separator}{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
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
            ("String", "String"),
            ("", "Value"),
            ("émoji", "Emoji"),
            ("Straße", "Strasse"),
            ("Œuvre", "Oeuvre"),
            ("日本", "U65e5U672c"),
            ("price-€", "Price"),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_name(raw), expected, "type_name({raw:?})");
        }
    }

    #[test]
    fn variant_names_may_be_prelude_names_but_not_keywords() {
        let cases =
            [("None", "None"), ("box", "Box"), ("Self", "SelfValue"), ("NoneValue", "NoneValue")];
        for (raw, expected) in cases {
            assert_eq!(variant_name(raw), expected, "variant_name({raw:?})");
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
            ("café-crème", "cafe_creme"),
            ("日本", "u65e5_u672c"),
            ("Self", "self_"),
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

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut scope = Scope::reserving(crate::reserved::TYPES_MODULE);
        assert_eq!(scope.claim(type_name("String")), "StringValue");
        assert_eq!(scope.claim(type_name("string")), "StringValue2");
        assert_eq!(scope.claim(type_name("Send")), "SendValue");
        assert_eq!(scope.claim(type_name("Image")), "Image");
        let mut scope = Scope::reserving(crate::reserved::BUILDER_MEMBERS);
        assert_eq!(scope.claim(snake_name("timeout")), "timeout_2");
        assert_eq!(scope.claim(snake_name("Timeout")), "timeout_3");
        assert_eq!(scope.claim(snake_name("per_page")), "per_page");
    }

    #[test]
    fn suffixes_skip_names_claimed_as_they_are() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("a_2".to_owned()), "a_2");
        assert_eq!(scope.claim("a".to_owned()), "a");
        assert_eq!(scope.claim("a".to_owned()), "a_3");
        assert_eq!(scope.claim("a_4".to_owned()), "a_4");
        assert_eq!(scope.claim("a".to_owned()), "a_5");
    }
}
