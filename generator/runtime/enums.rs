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

/// The impls of a string enum that keeps unknown values in a catch-all variant, from its
/// variants and their wire values: `as_str`, `From<&str>`, `Display`, `Serialize` and
/// `Deserialize`. The enum itself is written out where it is defined, with its docs;
/// `str_enum!(Status, Other; Active("active"), Off("off"))` gives it the rest.
macro_rules! str_enum {
    ($name:ident, $other:ident; $($variant:ident($wire:literal)),* $(,)?) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &::core::primitive::str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&::core::primitive::str> for $name {
            fn from(value: &::core::primitive::str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => {
                        $crate::runtime::note_caught();
                        Self::$other(::std::borrow::ToOwned::to_owned(other))
                    }
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::deserialize_str_enum(deserializer)
            }
        }
    };
}
pub(crate) use str_enum;
