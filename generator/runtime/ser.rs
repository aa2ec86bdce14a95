//! Encoding of generated structs: each writes one call per field, and the branching on errors
//! and absent fields lives here, checked once, rather than a `?` per field in every struct.
//!
//! It writes what serde's `#[derive(Serialize)]` wrote with the attributes the generator used
//! to give (`rename`, `skip_serializing_if = "Option::is_none"`, a struct's `tag` and
//! `rename` for its constant): the same calls of the serializer, in the same order, with the
//! same `len`.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// A struct being written field by field. The first error is kept, later fields are not
/// written, and [`end`](Self::end) returns it.
pub(crate) struct StructWriter<S: Serializer> {
    state: Result<S::SerializeStruct, S::Error>,
}

impl<S: Serializer> StructWriter<S> {
    /// Starts the struct `name`, whose `always` fields are written whatever their value and
    /// whose optional ones are written when `set`: the `len` it gives the serializer counts
    /// those written, as the derive's does (MessagePack, for one, writes it out).
    pub(crate) fn new(serializer: S, name: &'static str, always: usize, set: &[bool]) -> Self {
        let len = always + set.iter().filter(|set| **set).count();
        Self { state: serializer.serialize_struct(name, len) }
    }

    /// Writes a field, whatever its value (`None` as `null`).
    pub(crate) fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) {
        if let Ok(state) = &mut self.state {
            if let Err(error) = state.serialize_field(key, value) {
                self.state = Err(error);
            }
        }
    }

    /// Writes an optional field when it is set (the whole `Option`, as the derive passes it),
    /// and tells the serializer it was skipped when it is not.
    pub(crate) fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Ok(state) = &mut self.state {
            let written = match value {
                Some(_) => state.serialize_field(key, value),
                None => state.skip_field(key),
            };
            if let Err(error) = written {
                self.state = Err(error);
            }
        }
    }

    /// Ends the struct, or returns the first error.
    pub(crate) fn end(self) -> Result<S::Ok, S::Error> {
        self.state?.end()
    }
}
