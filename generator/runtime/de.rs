//! Decoding of generated structs: each writes only a short `decode` over its fields' slots,
//! and the key lookup, duplicate and missing-field checks live here, mostly not generic.
//!
//! It reads what serde's `#[derive(Deserialize)]` reads and fails where it fails, with its
//! messages (`missing field `id``, `duplicate field `id``, `expected struct Image`), except that
//! a struct is read from a JSON object only, never from an array of its fields in order. A
//! struct's constant (a property with one value) is checked here too.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// A generated struct that decodes through [`deserialize_struct`].
pub(crate) trait DecodeStruct: Sized {
    /// The struct's Rust name, for errors (`expected struct Image`).
    const NAME: &'static str;
    /// Its fields' wire names in field order: a key's position here is its slot's number.
    const FIELDS: &'static [&'static str];

    /// Reads the fields from `fields` into slots and builds the struct from them.
    fn decode<'de, A: MapAccess<'de>>(fields: Fields<'de, A>) -> Result<Self, A::Error>;
}

/// The body of every generated struct's `Deserialize::deserialize`.
pub(crate) fn deserialize_struct<'de, T: DecodeStruct, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeStruct> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode(Fields { map, names: T::FIELDS, next: 0, lifetime: PhantomData })
    }
}

/// An object being read into a struct's slots, key by key.
pub(crate) struct Fields<'de, A> {
    map: A,
    names: &'static [&'static str],
    /// The slot after the key read last, where the next key most often is.
    next: usize,
    lifetime: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Fields<'de, A> {
    /// The slot of the next key the struct has, skipping (and reading past) those it does not.
    pub(crate) fn next_slot(&mut self) -> Result<Option<usize>, A::Error> {
        loop {
            let seed = KeySeed { names: self.names, hint: self.next };
            match self.map.next_key_seed(seed)? {
                None => return Ok(None),
                Some(Some(slot)) => {
                    self.next = slot + 1;
                    return Ok(Some(slot));
                }
                Some(None) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
            }
        }
    }

    /// Reads the value of the key just found into its slot; a second one is an error.
    pub(crate) fn fill<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(self.name()));
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Reads the value of the key just found, which must be the string `value`; a second one
    /// is an error, as for a field.
    pub(crate) fn constant(
        &mut self,
        slot: &mut Option<()>,
        value: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(self.name()));
        }
        *slot = Some(self.map.next_value_seed(ConstantSeed { name: self.name(), value })?);
        Ok(())
    }

    /// The error serde gives for the first of a struct's needed slots found empty, each given
    /// as whether it is empty and its wire name, in the order serde checks them.
    pub(crate) fn missing(&self, needed: &[(bool, &'static str)]) -> A::Error {
        // The generated code asks only once one is empty; were none, the first is named.
        let first = needed.iter().find(|(empty, _)| *empty).or(needed.first());
        de::Error::missing_field(first.map_or("", |(_, name)| name))
    }

    fn name(&self) -> &'static str {
        self.names.get(self.next.wrapping_sub(1)).copied().unwrap_or_default()
    }
}

/// Reads the one value a property may have, without allocating: any other is an error that
/// names the property and the value.
struct ConstantSeed {
    name: &'static str,
    value: &'static str,
}

impl<'de> DeserializeSeed<'de> for ConstantSeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for ConstantSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`, the only value of field `{}`", self.value, self.name)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        if value == self.value {
            Ok(())
        } else {
            Err(de::Error::invalid_value(de::Unexpected::Str(value), &self))
        }
    }
}

/// Reads a key into its slot number, `None` for a key the struct does not have, without
/// allocating when the input lends the key.
struct KeySeed {
    names: &'static [&'static str],
    /// Where to look first.
    hint: usize,
}

impl KeySeed {
    fn slot(&self, key: &str) -> Option<usize> {
        if self.names.get(self.hint).is_some_and(|name| *name == key) {
            return Some(self.hint);
        }
        self.names.iter().position(|name| *name == key)
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(index).ok().filter(|&index| index < self.names.len()))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.slot(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(key).ok().and_then(|key| self.slot(key)))
    }
}
