//! Decoding of forward-compatible enums, shared by every generated enum: string enums that
//! keep unknown values, and the count of values that fell into such a catch-all.

use std::cell::Cell;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

thread_local! {
    /// Values this thread put into a catch-all variant (an unknown enum value or union tag).
    static CAUGHT: Cell<u64> = const { Cell::new(0) };
}

/// Notes a value that fell into a catch-all variant.
pub(crate) fn note_caught() {
    CAUGHT.with(|caught| caught.set(caught.get() + 1));
}

/// Not part of the API: how many values this thread has put into a catch-all variant. The
/// generated round trip of the spec's examples fails when decoding one raises it, since an
/// example the crate does not know would otherwise pass unnoticed as `Other`.
#[doc(hidden)]
pub fn caught_count() -> u64 {
    CAUGHT.with(Cell::get)
}

/// Reads the value of a union's catch-all variant, noting it.
pub(crate) fn deserialize_caught<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<serde_json::Value, D::Error> {
    note_caught();
    serde_json::Value::deserialize(deserializer)
}

/// Reads a string into an enum whose `From<&str>` keeps unknown values, borrowing when it can.
pub(crate) fn deserialize_str_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}
