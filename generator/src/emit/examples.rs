//! `tests/spec_examples.rs`: one test per example value of the spec, which decodes it into its
//! generated type, encodes it again and decodes that to an equal value. Regenerated with the
//! crate, so a new example is covered with no code change, and an example that drifts from the
//! types (a wrong type, a misspelt property) fails.
//!
//! A generated test rather than one driven by the spec at test time, so the crate carries its
//! own check and needs no spec parser. Not covered: examples given only by `externalValue`,
//! `null` examples, and examples on inline `allOf` parts (partial objects, no type of their own).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::features::Features;
use super::spec_text::Doc;
use super::{ident, rust_type};
use crate::model::Api;
use crate::naming::{self, Scope};
use crate::Settings;

/// The file's tokens, or `None` when the spec has no examples.
pub fn spec_examples_rs(
    api: &Api,
    settings: &Settings,
    features: &Features,
) -> Option<TokenStream> {
    if api.examples.is_empty() {
        return None;
    }
    let krate = ident(&settings.lib_name());
    let spec = &settings.spec_path;
    let mut names = Scope::default();
    let tests = api.examples.iter().map(|example| {
        // Test names read the pointer's tokens unescaped: `/paths/~1v2~1images` → `paths_v2_images`.
        let words = crate::error::Pointer::unescape(example.pointer.as_str());
        let name = ident(&names.claim(naming::snake_name(&words)));
        // The full path, as an import of `types` would be unused when no example needs it.
        let ty = rust_type(&example.ty, &quote!(::#krate::types::));
        let pointer = example.pointer.as_str();
        let docs = Doc::new().code(&format!("{spec}#{pointer}")).attrs();
        let cfg = features.of_type(&example.ty);
        let json = raw_string(&visible_json(
            &serde_json::to_string_pretty(&example.value).unwrap_or_else(|_| "null".to_owned()),
        ));
        quote! {
            #docs
            #cfg
            #[test]
            fn #name() {
                type T = #ty;
                let pointer = #pointer;
                let json = #json;
                round_trip::<T>(pointer, json);
            }
        }
    });
    let docs = Doc::new()
        .ours("Every example of ")
        .code(&settings.spec_path)
        .ours(
            " decodes into its generated type, and encodes and decodes\n\
             again to an equal value; no property of an example may be lost on the way (the sign \
             of\na misspelt or unknown property).\n",
        )
        .inner_attrs();
    Some(quote! {
        #docs
        #[rustfmt::skip]
        mod examples {
            use serde::de::DeserializeOwned;
            use serde::Serialize;
            use serde_json::Value;

            const SPEC: &str = #spec;

            #(#tests)*

            fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(pointer: &str, json: &str) {
                let source = format!("{SPEC}#{pointer}");
                let original: Value = serde_json::from_str(json).unwrap();
                let caught = ::#krate::__caught_count();
                let decoded: T = serde_json::from_value(original.clone())
                    .unwrap_or_else(|e| panic!("{source} does not decode: {e}"));
                assert_eq!(
                    ::#krate::__caught_count(), caught,
                    "{source} has a value the crate does not know (an enum value or union tag that \
                     fell into a catch-all variant): {decoded:?}"
                );
                let encoded = serde_json::to_value(&decoded)
                    .unwrap_or_else(|e| panic!("{source} does not encode again: {e}"));
                let again: T = serde_json::from_value(encoded.clone())
                    .unwrap_or_else(|e| panic!("{source} does not decode again from {encoded}: {e}"));
                assert_eq!(again, decoded, "{source} changes in a round trip");
                if let Some(lost) = lost(&original, &encoded, String::new()) {
                    panic!("{source}: `{lost}` is lost in decoding; does the type have it?");
                }
            }

            /// The first non-null value of `original` that `encoded` does not have.
            fn lost(original: &Value, encoded: &Value, at: String) -> Option<String> {
                match (original, encoded) {
                    (Value::Object(original), Value::Object(encoded)) => {
                        original.iter().filter(|(_, value)| !value.is_null()).find_map(|(key, value)| {
                            let at = format!("{at}/{key}");
                            match encoded.get(key) {
                                Some(encoded) => lost(value, encoded, at),
                                None => Some(at),
                            }
                        })
                    }
                    (Value::Array(original), Value::Array(encoded)) => {
                        original.iter().zip(encoded).enumerate().find_map(|(i, (value, encoded))| {
                            lost(value, encoded, format!("{at}/{i}"))
                        })
                    }
                    _ => None,
                }
            }
        }
    })
}

/// `text` as a raw string literal with as few `#`s as it needs.
/// JSON text with every character that is neither ASCII nor a letter or digit written as a
/// `\\u` escape: rustc refuses a literal holding a bidi control, which a spec's example may.
/// Such characters only stand inside JSON strings, where the escape means the same.
fn visible_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() || c.is_alphanumeric() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn raw_string(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    literal.parse().unwrap_or_else(|_| Literal::string(text))
}

#[cfg(test)]
mod tests {
    #[test]
    fn examples_are_written_without_bidi_controls_and_mean_the_same() {
        let value = serde_json::json!({"a\u{202e}": ["e\u{301}t\u{e9} \u{1f600}", "\u{2066}"]});
        let text = super::visible_json(&serde_json::to_string(&value).unwrap());
        assert!(!text.contains('\u{202e}') && !text.contains('\u{2066}'), "{text}");
        assert!(text.contains('\u{e9}'), "letters stay as they are: {text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }
}
