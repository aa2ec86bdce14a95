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
/// like prelude types (`Box`, `None`); only keywords are avoided. The empty string (an enum
/// value Stripe uses to unset a field) is `Empty`.
pub fn variant_name(raw: &str) -> String {
    if raw.is_empty() {
        return "Empty".to_owned();
    }
    let name = upper_camel(raw);
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

fn upper_camel(raw: &str) -> String {
    let name = acronyms(&spell_leading_digit(words(raw))).to_upper_camel_case();
    let name = if name.is_empty() { "Value".to_owned() } else { name };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{name}")
    } else {
        name
    }
}

/// `snake_case` for fields, methods, modules and parameters: `imageActions_post` → `image_actions_post`.
pub fn snake_name(raw: &str) -> String {
    let name = acronyms(&spell_leading_digit(words(raw))).to_snake_case();
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

/// A leading digit that is a word of its own before other words, spelled out (`1-Click
/// Applications` → `one Click Applications`): the `n`/`V` prefix every other leading digit gets
/// would read as part of the name (`n1_click_applications`). A digit joined to letters (`3d`,
/// `5m`) or to more digits (`2024-01-01`) stays a number, prefixed as before.
fn spell_leading_digit(words: String) -> String {
    const DIGITS: [&str; 10] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let bytes = words.as_bytes();
    let spelled = match bytes {
        [digit @ b'0'..=b'9', b' ', rest @ ..]
            if rest.first().is_some_and(u8::is_ascii_alphabetic) =>
        {
            DIGITS[usize::from(digit - b'0')]
        }
        _ => return words,
    };
    format!("{spelled}{}", &words[1..])
}

/// The words with each acronym that heck would cut in two made one word: heck ends a run of
/// capitals before its last capital when a lower-case letter follows (`XMLHttp` → `XML Http`),
/// which is right for a new word but cuts a plural (`IPs` → `I Ps`, `VPCs` → `VP Cs`) or a
/// version (`IPv6` → `I Pv6`). A run of two or more capitals followed by an `s` that ends the
/// word, or by `v` and a digit, is written with only its first letter a capital (`Ips`, `Ipv6`),
/// which heck keeps whole.
fn acronyms(words: &str) -> String {
    let chars: Vec<char> = words.chars().collect();
    let mut out = String::with_capacity(words.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let after = &chars[i + run..];
        let plural =
            after.first() == Some(&'s') && !after.get(1).is_some_and(char::is_ascii_lowercase);
        let version = matches!(after, ['v', digit, ..] if digit.is_ascii_digit());
        let run_chars = &chars[i..i + run];
        if run >= 2 && (plural || version) {
            out.push(run_chars[0]);
            out.extend(run_chars[1..].iter().map(char::to_ascii_lowercase));
        } else {
            out.extend(run_chars);
        }
        i += run;
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

    /// Claims `name`, or `name2`, `name3`… (`name_2` for snake case) if it is taken. A name
    /// the generated code uses here is escaped first, as keywords are: a type name gets `Value`
    /// (`StringValue`), a snake-case one a trailing `_` (`from_`, `default_`), which reads as
    /// the spec's name where a suffix `_2` would read as a second one.
    pub fn claim(&mut self, name: String) -> String {
        let camel = name.contains(|c: char| c.is_ascii_uppercase());
        let name = match self.reserved.contains(name.as_str()) {
            true if camel => format!("{name}Value"),
            true => format!("{name}_"),
            false => name,
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
            ("Floating IPs", "FloatingIps"),
            ("FloatingIPs", "FloatingIps"),
            ("Reserved IPv6", "ReservedIpv6"),
            ("VPCs", "Vpcs"),
            ("SSH Keys", "SshKeys"),
            ("CDN Endpoints", "CdnEndpoints"),
            ("1-Click Applications", "OneClickApplications"),
            ("XMLHttpRequest", "XmlHttpRequest"),
            ("IPsec", "IPsec"),
            ("HTTPS", "Https"),
            ("5m", "V5m"),
            ("1024x1024", "V1024x1024"),
            ("2024-01-01", "V20240101"),
        ];
        for (raw, expected) in cases {
            assert_eq!(type_name(raw), expected, "type_name({raw:?})");
        }
    }

    #[test]
    fn variant_names_may_be_prelude_names_but_not_keywords() {
        let cases = [
            ("None", "None"),
            ("box", "Box"),
            ("Self", "SelfValue"),
            ("NoneValue", "NoneValue"),
            ("", "Empty"),
            ("€", "Value"),
        ];
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
            ("Floating IPs", "floating_ips"),
            ("floatingIPs", "floating_ips"),
            ("Reserved IPv6", "reserved_ipv6"),
            ("IPv6Address", "ipv6_address"),
            ("VPCs", "vpcs"),
            ("listVPCs_get", "list_vpcs_get"),
            ("SSH Keys", "ssh_keys"),
            ("CDN Endpoints", "cdn_endpoints"),
            ("Image Actions", "image_actions"),
            ("image_actions", "image_actions"),
            ("user_IDs", "user_ids"),
            ("XMLHttpRequest", "xml_http_request"),
            ("OAuth", "o_auth"),
            ("IPsec", "i_psec"),
            ("HTTP", "http"),
            ("1-Click Applications", "one_click_applications"),
            ("1-clicks", "one_clicks"),
            ("3d_secure", "n3d_secure"),
            ("1_2", "n1_2"),
            ("1", "n1"),
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
        assert_eq!(scope.claim(snake_name("timeout")), "timeout_");
        assert_eq!(scope.claim(snake_name("Timeout")), "timeout_2");
        assert_eq!(scope.claim(snake_name("per_page")), "per_page");
        let mut scope = Scope::reserving(crate::reserved::TYPE_METHODS);
        assert_eq!(scope.claim(snake_name("from")), "from_");
        assert_eq!(scope.claim(snake_name("default")), "default_");
        assert_eq!(scope.claim(snake_name("default_")), "default_2");
        let mut scope = Scope::reserving(crate::reserved::TAG_MODULES);
        assert_eq!(scope.claim(snake_name("Credentials")), "credentials_");
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
