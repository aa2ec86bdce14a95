//! Decoding of generated structs: each writes only a short `decode` over its fields' slots,
//! and the key lookup, duplicate and missing-field checks live here, mostly not generic.
//!
//! It reads what serde's `#[derive(Deserialize)]` reads and fails where it fails, with its
//! messages (`missing field `id``, `duplicate field `id``, `expected struct Image`), except that
//! a struct is read from a JSON object only, never from an array of its fields in order. A
//! struct's constant (a property with one value) is checked here too.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
    /// Inlined into every struct's `decode` whatever codegen unit it lands in: left to how
    /// rustc splits the crate, a change elsewhere in the runtime once moved it out of line and
    /// decoding ran 5 % more instructions (BENCHMARKS.md).
    #[inline]
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
        self.fill_with::<PhantomData<T>>(slot)
    }

    /// [`Fields::fill`] through the seed `S`, for a type whose `Deserialize` the runtime does
    /// better (a date-time, or a list, map or `Option` of them).
    pub(crate) fn fill_with<S: DeserializeSeed<'de> + Default>(
        &mut self,
        slot: &mut Option<S::Value>,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(self.name()));
        }
        *slot = Some(self.map.next_value_seed(S::default())?);
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
        if self.names.get(self.hint).is_some_and(|name| same_key(name, key)) {
            return Some(self.hint);
        }
        self.names.iter().position(|name| same_key(name, key))
    }
}

/// `name == key`, without calling `memcmp` for the short keys objects have: that call, with
/// a length known only at run time, was a twentieth of decoding a list of structs. Two loads
/// of a word each side, which may overlap, cover a key of up to 16 bytes.
fn same_key(name: &str, key: &str) -> bool {
    let (name, key) = (name.as_bytes(), key.as_bytes());
    name.len() == key.len()
        && match name.len() {
            0..=3 => name.iter().zip(key).all(|(a, b)| a == b),
            4..=7 => {
                name.first_chunk::<4>() == key.first_chunk::<4>()
                    && name.last_chunk::<4>() == key.last_chunk::<4>()
            }
            8..=16 => {
                name.first_chunk::<8>() == key.first_chunk::<8>()
                    && name.last_chunk::<8>() == key.last_chunk::<8>()
            }
            _ => name == key,
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

/// A `deserialize_with` for the impls serde derives (unions, structs with
/// `additionalProperties`): the value read through the seed `S`, as [`Fields::fill_with`]
/// reads it for the others.
pub(crate) fn deserialize_seeded<'de, S, D>(deserializer: D) -> Result<S::Value, D::Error>
where
    S: DeserializeSeed<'de> + Default,
    D: Deserializer<'de>,
{
    S::default().deserialize(deserializer)
}

/// `Option<T>` read through the seed of `T`, as serde reads an `Option`: `null` is `None`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Nullable<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// `Vec<T>` read through the seed of `T`, as serde reads a `Vec`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ListOf<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for ListOf<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ListOf<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = items.next_element_seed(self.0)? {
            list.push(item);
        }
        Ok(list)
    }
}

/// `BTreeMap<String, T>` read through the seed of `T`, as serde reads one: a repeated key keeps
/// its last value.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct MapOf<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for MapOf<S> {
    type Value = BTreeMap<String, S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for MapOf<S> {
    type Value = BTreeMap<String, S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut map = BTreeMap::new();
        while let Some(key) = entries.next_key::<String>()? {
            map.insert(key, entries.next_value_seed(self.0)?);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::same_key;

    #[test]
    fn keys_are_equal_only_when_every_byte_is() {
        let names = ["", "a", "id", "abc", "type", "slots", "status", "created", "abcdefgh"];
        let long = ["size_gigabytes", "min_disk_size_x", "abcdefghijklmnop", "abcdefghijklmnopq"];
        for name in names.into_iter().chain(long).chain(["é", "clé", "a\u{0}b"]) {
            assert!(same_key(name, name), "{name}");
            let bytes = name.as_bytes();
            // The same length with any one byte changed, and every shorter or longer key.
            for at in 0..bytes.len() {
                let mut other = bytes.to_vec();
                other[at] ^= 0x01;
                if let Ok(other) = std::str::from_utf8(&other) {
                    assert!(!same_key(name, other), "{name} against {other}");
                }
            }
            for end in 0..bytes.len() {
                if let Some(prefix) = name.get(..end) {
                    assert!(!same_key(name, prefix) && !same_key(prefix, name), "{name}");
                }
            }
            assert!(!same_key(name, &format!("{name}x")), "{name}");
        }
    }
}
