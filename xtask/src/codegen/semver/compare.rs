//! What changed between two public APIs, each change marked breaking or not by Rust's semver
//! rules (the Cargo book's "SemVer compatibility" chapter), read from the code itself: whether a
//! type is `#[non_exhaustive]`, whether its fields are all public, what its constructor takes.
//!
//! Where in doubt it errs towards a major release: a changed function signature is breaking even
//! where it would stay source-compatible (`i64` to `impl Into<i64>`). A type's traits are one set,
//! derived or implemented, so a derive written out as an `impl` is no change; the runtime's own
//! crate-private traits (`DecodeStruct`) are not public API and are left out (`surface.rs`).
//! Associated constants count with their values. Doc comments, and attributes other than
//! `#[non_exhaustive]` and `derive`, do not count.

use std::collections::{BTreeMap, BTreeSet};

use super::surface::{Item, Surface};

/// The release a change needs; ordered, so the largest of a set is the release to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing public changed (documentation, private code).
    Patch,
    /// Something was added that no caller can be broken by.
    Minor,
    /// Some caller may stop compiling.
    Major,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub level: Level,
    pub what: String,
}

/// Every change from `old` to `new`, breaking ones first, each group in path order.
pub fn compare(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut note = |level, what: String| changes.push(Change { level, what });
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let only = |these: &Surface, those: &Surface| -> BTreeSet<String> {
        these.keys().filter(|key| !those.contains_key(*key)).cloned().collect()
    };
    let (removed, added) = (only(old, new), only(new, old));
    for key in keys {
        match (old.get(key), new.get(key)) {
            // The methods and trait impls of a type that came or went go unmentioned.
            (Some(_), None) if inside_one_of(key, &removed) => {}
            (None, Some(_)) if inside_one_of(key, &added) => {}
            (Some(was), None) => {
                note(Level::Major, format!("{} removed: {}", was.kind(), label(key, was)))
            }
            (None, Some(now)) => {
                note(Level::Minor, format!("{} added: {}", now.kind(), label(key, now)))
            }
            (Some(was), Some(now)) if was != now => compare_item(key, was, now, new, &mut note),
            _ => {}
        }
    }
    changes.sort_by_key(|change| std::cmp::Reverse(change.level));
    changes
}

/// Whether `key` is inside a path of `set` (`types::Widget::new` inside `types::Widget`).
fn inside_one_of(key: &str, set: &BTreeSet<String>) -> bool {
    key.match_indices("::").any(|(at, _)| set.contains(&key[..at]))
}

/// An item as the report names it: an operation by its call, anything else by its path.
fn label(key: &str, item: &Item) -> String {
    match item {
        Item::Fn { operation: Some(call), .. } => format!("client.{call} (`{key}`)"),
        _ => format!("`{key}`"),
    }
}

fn compare_item(
    key: &str,
    was: &Item,
    now: &Item,
    new: &Surface,
    note: &mut impl FnMut(Level, String),
) {
    match (was, now) {
        (
            Item::Struct {
                non_exhaustive: old_ne,
                fields: old_fields,
                all_public,
                traits: old_traits,
            },
            Item::Struct { non_exhaustive: new_ne, fields: new_fields, traits: new_traits, .. },
        ) => {
            exhaustiveness(key, "struct", *old_ne, *new_ne, note);
            traits(key, old_traits, new_traits, note);
            // A struct literal must name every field: a new one breaks those literals unless
            // the struct could not be built by one (`#[non_exhaustive]` or private fields).
            let literal = *all_public && !*old_ne;
            let required = constructor_params(key, new);
            members(key, "field", old_fields, new_fields, note, |field| {
                if literal {
                    (
                        Level::Major,
                        format!("`{key}` can be written as a struct literal, which must name it"),
                    )
                } else if required.iter().any(|param| param == field) {
                    (Level::Major, format!("required: `{key}::new` takes it"))
                } else if required.is_empty() {
                    (Level::Minor, format!("`{key}` cannot be written as a struct literal"))
                } else {
                    (Level::Minor, format!("optional: `{key}::new` does not take it"))
                }
            });
        }
        (
            Item::Enum { non_exhaustive: old_ne, variants: old_variants, traits: old_traits },
            Item::Enum { non_exhaustive: new_ne, variants: new_variants, traits: new_traits },
        ) => {
            exhaustiveness(key, "enum", *old_ne, *new_ne, note);
            traits(key, old_traits, new_traits, note);
            members(key, "variant", old_variants, new_variants, note, |_| {
                if *old_ne {
                    (Level::Minor, format!("`{key}` is #[non_exhaustive]"))
                } else {
                    (Level::Major, "an exhaustive `match` misses it".to_owned())
                }
            });
        }
        (Item::Fn { signature: old_sig, .. }, Item::Fn { signature: new_sig, .. }) => note(
            Level::Major,
            format!("{} changed: {}: `{old_sig}` → `{new_sig}`", now.kind(), label(key, now)),
        ),
        (Item::Other { tokens: old_tokens, .. }, Item::Other { tokens: new_tokens, .. })
            if was.kind() == now.kind() =>
        {
            note(
                Level::Major,
                format!("{} changed: `{key}`: `{old_tokens}` → `{new_tokens}`", now.kind()),
            )
        }
        _ => {
            note(Level::Major, format!("`{key}` changed from a {} to a {}", was.kind(), now.kind()))
        }
    }
}

/// The arguments of the type's constructor `new` in the new code: its required fields.
fn constructor_params(key: &str, new: &Surface) -> Vec<String> {
    match new.get(&format!("{key}::new")) {
        Some(Item::Fn { params, .. }) => params.clone(),
        _ => Vec::new(),
    }
}

fn exhaustiveness(
    key: &str,
    kind: &str,
    was: bool,
    now: bool,
    note: &mut impl FnMut(Level, String),
) {
    match (was, now) {
        (false, true) => note(Level::Major, format!("{kind} `{key}` became #[non_exhaustive]")),
        (true, false) => {
            note(Level::Minor, format!("{kind} `{key}` is no longer #[non_exhaustive]"))
        }
        _ => {}
    }
}

fn traits(
    key: &str,
    was: &BTreeSet<String>,
    now: &BTreeSet<String>,
    note: &mut impl FnMut(Level, String),
) {
    for gone in was.difference(now) {
        note(Level::Major, format!("`{key}` no longer implements {gone}"));
    }
    for added in now.difference(was) {
        note(Level::Minor, format!("`{key}` now implements {added}"));
    }
}

/// Fields or variants: a removed or changed one breaks its users; an added one is judged by
/// `added`, which says how breaking and why.
fn members(
    key: &str,
    what: &str,
    was: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
    note: &mut impl FnMut(Level, String),
    added: impl Fn(&str) -> (Level, String),
) {
    let names: BTreeSet<&String> = was.keys().chain(now.keys()).collect();
    for name in names {
        match (was.get(name), now.get(name)) {
            (Some(_), None) => note(Level::Major, format!("{what} removed: `{key}::{name}`")),
            (None, Some(_)) => {
                let (level, why) = added(name);
                note(level, format!("{what} added: `{key}::{name}` ({why})"));
            }
            (Some(old), Some(new)) if old != new => note(
                Level::Major,
                format!("{what} changed: `{key}::{name}`: `{}` → `{}`", shown(old), shown(new)),
            ),
            _ => {}
        }
    }
}

/// A variant without fields has none to show.
fn shown(fields: &str) -> &str {
    if fields.is_empty() {
        "no fields"
    } else {
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changes from `old` to `new`, both the source of a `types` module.
    fn changes(old: &str, new: &str) -> Vec<(Level, String)> {
        let surface = |text: &str| {
            let mut surface = Surface::new();
            super::super::surface::add_file(&mut surface, "types", &syn::parse_file(text).unwrap());
            surface
        };
        let changes = compare(&surface(old), &surface(new));
        changes.into_iter().map(|change| (change.level, change.what)).collect()
    }

    const BODY: &str =
        "#[non_exhaustive] pub struct Body { pub name: String, pub tags: Option<Vec<String>> }
        impl Body { pub fn new(name: impl Into<String>) -> Self { todo!() }
                    pub fn tags(mut self, tags: Vec<String>) -> Self { todo!() } }";

    #[test]
    fn a_non_exhaustive_body_breaks_only_through_its_constructor() {
        let optional = BODY.replace("pub tags:", "pub note: Option<String>, pub tags:");
        assert_eq!(
            changes(BODY, &optional),
            [(
                Level::Minor,
                "field added: `types::Body::note` (optional: `types::Body::new` does not take it)"
                    .to_owned()
            )]
        );
        let required = BODY
            .replace("pub tags:", "pub size: i64, pub tags:")
            .replace("new(name: impl Into<String>)", "new(name: impl Into<String>, size: i64)");
        let found = changes(BODY, &required);
        assert_eq!(
            found[0],
            (
                Level::Major,
                "field added: `types::Body::size` (required: `types::Body::new` takes it)"
                    .to_owned()
            )
        );
        assert!(found[1].1.starts_with("method changed: `types::Body::new`"), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_struct_literal_or_exhaustive_match_is_what_additions_break() {
        let plain = "pub struct Reply { pub id: i64 }";
        let more = "pub struct Reply { pub id: i64, pub name: String }";
        assert_eq!(changes(plain, more)[0].0, Level::Major);
        let sealed = "pub struct Reply { pub id: i64, seen: bool }";
        assert_eq!(
            changes(sealed, &sealed.replace("seen", "pub name: String, seen"))[0].0,
            Level::Minor
        );

        let open = "#[non_exhaustive] pub enum Colour { Red, Other(String) }";
        let found = changes(open, &open.replace("Red,", "Red, Blue,"));
        assert_eq!(
            found,
            [(
                Level::Minor,
                "variant added: `types::Colour::Blue` (`types::Colour` is #[non_exhaustive])"
                    .to_owned()
            )]
        );
        let closed = open.replace("#[non_exhaustive] ", "");
        assert_eq!(changes(&closed, &closed.replace("Red,", "Red, Blue,"))[0].0, Level::Major);
        assert_eq!(
            changes(&closed, open),
            [(Level::Major, "enum `types::Colour` became #[non_exhaustive]".to_owned())]
        );
    }

    #[test]
    fn removals_derives_and_retyped_variants_break() {
        let old = "#[derive(Debug, Default)] pub struct A { pub x: i64 } pub enum E { V(i64) }";
        let new = "#[derive(Debug)] pub struct A { pub x: i64 } pub enum E { V(String) }";
        assert_eq!(
            changes(old, new),
            [
                (Level::Major, "`types::A` no longer implements Default".to_owned()),
                (Level::Major, "variant changed: `types::E::V`: `(i64)` → `(String)`".to_owned()),
            ]
        );
        let private = "pub struct A { x: i64 } impl A { fn helper(&self) {} }";
        assert_eq!(changes(private, "pub struct A { y: u8 }"), []);
    }

    #[test]
    fn a_derive_written_out_as_an_impl_is_no_change_and_the_runtime_traits_are_private() {
        let derived = "#[derive(Debug, serde::Serialize)] pub struct A { pub x: i64 }";
        let written = "#[derive(Debug)] pub struct A { pub x: i64 }
            impl serde::Serialize for A {}
            impl crate::runtime::DecodeStruct for A {}";
        assert_eq!(changes(derived, written), []);
        let gone = "#[derive(Debug)] pub struct A { pub x: i64 }";
        assert_eq!(
            changes(written, gone),
            [(Level::Major, "`types::A` no longer implements Serialize".to_owned())]
        );
    }

    #[test]
    fn associated_constants_are_public_api() {
        let bare = "pub struct A { pub x: i64 }";
        let with = |value: &str| {
            format!("{bare} impl A {{ pub const OBJECT: &'static str = \"{value}\"; }}")
        };
        let added = changes(bare, &with("account"));
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0].0, Level::Minor);
        assert!(added[0].1.contains("associated constant added: `types::A::OBJECT`"), "{added:?}");
        let changed = changes(&with("account"), &with("customer"));
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, Level::Major);
        assert_eq!(changes(&with("account"), bare)[0].0, Level::Major);
    }

    /// A string enum as generated before the runtime's `str_enum!`, its impls written out.
    const WRITTEN_OUT: &str = "#[non_exhaustive] pub enum State { On, Other(String) }
        impl State { pub fn as_str(&self) -> &str { todo!() } }
        impl From<&str> for State { fn from(value: &str) -> Self { todo!() } }
        impl std::fmt::Display for State {}
        impl serde::Serialize for State {}
        impl<'de> serde::Deserialize<'de> for State {}";

    #[test]
    fn a_string_enum_reads_the_same_with_its_impls_from_the_macro() {
        let from_macro = "#[non_exhaustive] pub enum State { On, Other(String) }
            crate::runtime::str_enum!(State, Other; On(\"on\"));";
        assert_eq!(changes(WRITTEN_OUT, from_macro), []);
        // Without the macro the impls are gone, which breaks callers.
        let bare = "#[non_exhaustive] pub enum State { On, Other(String) }";
        let removed = changes(WRITTEN_OUT, bare);
        assert_eq!(removed.len(), 5, "{removed:?}");
        assert!(removed.iter().all(|(level, _)| *level == Level::Major), "{removed:?}");
    }

    #[test]
    fn an_enum_and_its_alias_trading_places_is_no_change() {
        let enum_then_alias = |enum_name: &str, alias: &str, variants: &str| {
            format!(
                "#[non_exhaustive] pub enum {enum_name} {{ {variants} Other(String) }}
                crate::runtime::str_enum!({enum_name}, Other; On(\"on\"));
                pub type {alias} = {enum_name};"
            )
        };
        let old = enum_then_alias("BState", "CState", "On,");
        assert_eq!(changes(&old, &enum_then_alias("CState", "BState", "On,")), []);
        // A variant the shared enum gains is one of each of its names.
        let grown = changes(&old, &enum_then_alias("BState", "CState", "On, Off,"));
        let what: Vec<&str> = grown.iter().map(|(_, what)| what.as_str()).collect();
        assert_eq!(what.len(), 2, "{what:?}");
        assert!(what[0].contains("types::BState::Off") && what[1].contains("types::CState::Off"));
    }

    #[test]
    fn a_name_added_to_a_grouped_re_export_is_one_addition() {
        let old = "pub use runtime::{Client, Error, caught_count as __caught_count};";
        let new =
            "pub use runtime::{\n BodyFuture, Client, Error, caught_count as __caught_count,\n};";
        assert_eq!(
            changes(old, new),
            [(Level::Minor, "re-export added: `types::use runtime::BodyFuture`".to_owned())]
        );
        let narrowed = changes(old, "pub use runtime::{Client, caught_count as __caught_count};");
        assert_eq!(
            narrowed,
            [(Level::Major, "re-export removed: `types::use runtime::Error`".to_owned())]
        );
    }

    #[test]
    fn an_async_send_becoming_a_named_future_breaks_its_signature() {
        let old = "pub struct Get; impl Get { pub async fn send(\n self,\n) -> Result<Body, Error> { todo!() } }";
        let wrapped = "pub struct Get; impl Get { pub async fn send(self) -> Result<Body, Error> { todo!() } }";
        // A signature wrapped over lines, with a comma after its last argument, is the same.
        assert_eq!(changes(old, wrapped), []);
        let generics = "pub struct Get; impl Get { pub fn items(self) -> impl Stream<Item = Result<Body, Error>,> { todo!() } }";
        let unwrapped = generics.replace(",>", ">");
        assert_eq!(changes(generics, &unwrapped), []);
        let named =
            "pub struct Get; impl Get { pub fn send(self) -> BodyFuture<Body> { todo!() } }";
        let change = changes(old, named);
        assert_eq!(change.len(), 1, "{change:?}");
        assert_eq!(change[0].0, Level::Major);
        assert!(
            change[0].1.ends_with(
                "`async fn send(self) -> Result<Body, Error>` → `fn send(self) -> BodyFuture<Body>`"
            ),
            "{change:?}"
        );
    }
}
