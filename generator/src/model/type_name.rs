//! The name of a type of `src/types.rs`: what a `TypeRef::Named` points at and the key of the
//! API's types.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;

use super::TypeDef;

/// Every named type, keyed (and so emitted) in sorted order of its Rust name.
pub type Types = BTreeMap<TypeName, TypeDef>;

/// A Rust type name claimed in the types module's scope: a valid identifier, unique there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeName(String);

impl TypeName {
    /// A name already claimed (through `naming::Scope`), or one a test writes.
    pub fn new(claimed: impl Into<String>) -> TypeName {
        TypeName(claimed.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for TypeName {
    fn from(claimed: &str) -> TypeName {
        TypeName::new(claimed)
    }
}

/// A name is written out as text wherever emit spells it; only lowering makes one.
impl Deref for TypeName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// So that the types can be looked up by a `&str`; the order of both is the string's.
impl Borrow<str> for TypeName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for TypeName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}
