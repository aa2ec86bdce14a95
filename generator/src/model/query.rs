//! The one answer to questions about a type use: what it is through aliases, whether it is a
//! scalar, an array or an object, and how it can be written into a request parameter.
//!
//! The passes and `emit` both ask here, so they cannot disagree. Nothing asks before the first
//! pass has broken every cycle of aliases (`passes/recursion.rs`), so following aliases ends.

use std::collections::BTreeSet;

use super::{Additional, Field, TypeDef, TypeKind, TypeName, TypeRef, Types};

/// How a type can be written into a query, path, header or cookie parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamShape {
    /// One value with a text form: a string, number, boolean, date, date-time, string enum, or
    /// a union of those.
    Scalar,
    /// An array of scalars.
    List,
    /// A union of scalars and arrays of scalars: one value or several, as chosen.
    ScalarOrList,
    /// An object (a struct, map or tagged union): only `deepObject` query parameters.
    Object,
    /// Any JSON: scalars and arrays are sent, objects refused when sending.
    Any,
}

/// Questions about the types of one API.
#[derive(Debug, Clone, Copy)]
pub struct TypeQuery<'t> {
    types: &'t Types,
}

impl<'t> TypeQuery<'t> {
    pub fn new(types: &'t Types) -> TypeQuery<'t> {
        TypeQuery { types }
    }

    /// `ty` with aliases followed to what they stand for; a name left unknown is returned as it
    /// is. Aliases are acyclic, so a chain is never longer than there are types; the bound only
    /// keeps a broken promise from hanging.
    pub fn resolve<'a>(&self, ty: &'a TypeRef) -> &'a TypeRef
    where
        't: 'a,
    {
        let mut ty = ty;
        for _ in 0..=self.types.len() {
            match self.kind_of_name(ty) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return ty,
            }
        }
        ty
    }

    /// Whether `ty` is the type `name`, or holds it in arrays and maps, through aliases: what
    /// an alias named `name` standing for `ty` would make a cycle of.
    pub fn aliases_back_to(&self, ty: &TypeRef, name: &str) -> bool {
        let mut ty = ty;
        for _ in 0..=self.types.len() {
            match ty {
                TypeRef::Vec(inner) | TypeRef::Map(inner) => ty = inner,
                TypeRef::Named(found) if found == name => return true,
                TypeRef::Named(_) => match self.kind_of_name(ty) {
                    Some(TypeKind::Alias(target)) => ty = target,
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    /// The names of every type `roots` reach, through fields, variants, aliases and items.
    pub fn reachable<'a>(
        &self,
        roots: impl IntoIterator<Item = &'a TypeRef>,
    ) -> BTreeSet<&'t TypeName>
    where
        't: 'a,
    {
        let mut found = BTreeSet::new();
        let mut queue: Vec<&TypeRef> = roots.into_iter().collect();
        while let Some(ty) = queue.pop() {
            match ty {
                TypeRef::Vec(item) | TypeRef::Map(item) => queue.push(item),
                TypeRef::Named(name) => {
                    let Some((name, def)) = self.types.get_key_value(name) else { continue };
                    if !found.insert(name) {
                        continue;
                    }
                    match &def.kind {
                        TypeKind::Struct { fields, additional, .. } => {
                            queue.extend(fields.iter().map(|field| &field.ty));
                            queue.extend(additional.iter().map(|additional| &additional.ty));
                        }
                        TypeKind::Untagged { variants } => {
                            queue.extend(variants.iter().map(|variant| &variant.ty));
                        }
                        TypeKind::Tagged { variants, .. } => {
                            let fields = variants.iter().flat_map(|variant| &variant.fields);
                            queue.extend(fields.map(|field| &field.ty));
                        }
                        TypeKind::Alias(target) | TypeKind::Newtype(target) => queue.push(target),
                        TypeKind::StringEnum { .. } => {}
                    }
                }
                _ => {}
            }
        }
        found
    }

    /// The kind of the type `ty` names through aliases; `None` for built-ins and unknown names.
    pub fn kind(&self, ty: &TypeRef) -> Option<&'t TypeKind> {
        self.kind_of_name(self.resolve(ty))
    }

    fn kind_of_name(&self, ty: &TypeRef) -> Option<&'t TypeKind> {
        self.def_of_name(ty).map(|def| &def.kind)
    }

    fn def_of_name(&self, ty: &TypeRef) -> Option<&'t TypeDef> {
        match ty {
            TypeRef::Named(name) => self.types.get(name),
            _ => None,
        }
    }

    /// The name and fields of the struct `ty` is, through aliases.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<StructOf<'t>> {
        let def = self.def_of_name(self.resolve(ty))?;
        match &def.kind {
            TypeKind::Struct { fields, additional, .. } => {
                Some(StructOf { name: &def.name, fields, additional: additional.as_ref() })
            }
            _ => None,
        }
    }

    /// `ty` with every alias inside it replaced by what it names (`Vec<Alias>` → `Vec<String>`),
    /// the Rust type it is.
    pub fn unalias(&self, ty: &TypeRef) -> TypeRef {
        match self.resolve(ty) {
            TypeRef::Vec(item) => TypeRef::Vec(Box::new(self.unalias(item))),
            TypeRef::Map(value) => TypeRef::Map(Box::new(self.unalias(value))),
            other => other.clone(),
        }
    }

    /// Whether values of `ty` serialise as JSON objects (or may: `serde_json::Value`).
    pub fn is_object(&self, ty: &TypeRef) -> bool {
        match self.resolve(ty) {
            TypeRef::Json | TypeRef::Map(_) => true,
            ty => matches!(self.kind(ty), Some(TypeKind::Struct { .. } | TypeKind::Tagged { .. })),
        }
    }

    /// Whether `ty` is one JSON scalar with a text form: a built-in scalar, a string enum, or
    /// an untagged union of such.
    pub fn is_scalar(&self, ty: &TypeRef) -> bool {
        let builtin =
            |ty: &TypeRef| !matches!(ty, TypeRef::Json | TypeRef::Vec(_) | TypeRef::Map(_));
        self.scalar_union(ty, &builtin, &mut Vec::new())
    }

    /// Whether the Rust type's `Display` writes its wire form: the built-in scalars but
    /// date-times (chrono's `Display` is not RFC 3339), string enums, and untagged unions of
    /// such (`emit` gives those a `Display`).
    pub fn displays_as_wire(&self, ty: &TypeRef) -> bool {
        let builtin = |ty: &TypeRef| {
            !matches!(ty, TypeRef::DateTime | TypeRef::Json | TypeRef::Vec(_) | TypeRef::Map(_))
        };
        self.scalar_union(ty, &builtin, &mut Vec::new())
    }

    /// Whether `ty` is a built-in that `builtin` accepts, a string enum, or an untagged union
    /// of such. A union met again inside itself (`unions` holds those on the way) adds nothing.
    fn scalar_union(
        &self,
        ty: &TypeRef,
        builtin: &dyn Fn(&TypeRef) -> bool,
        unions: &mut Vec<&'t str>,
    ) -> bool {
        let ty = self.resolve(ty);
        let Some(def) = self.def_of_name(ty) else { return builtin(ty) };
        match &def.kind {
            TypeKind::StringEnum { .. } => true,
            TypeKind::Untagged { .. } if unions.contains(&def.name.as_str()) => true,
            TypeKind::Untagged { variants } => {
                unions.push(&def.name);
                variants.iter().all(|variant| self.scalar_union(&variant.ty, builtin, unions))
            }
            _ => false,
        }
    }

    /// How `ty` can be written into a request parameter, if at all (an array of arrays, of
    /// objects, or a union with an object among its variants cannot).
    pub fn param_shape(&self, ty: &TypeRef) -> Option<ParamShape> {
        if self.is_scalar(ty) {
            return Some(ParamShape::Scalar);
        }
        let ty = self.resolve(ty);
        match ty {
            TypeRef::Json => Some(ParamShape::Any),
            TypeRef::Vec(item) => self.is_scalar(item).then_some(ParamShape::List),
            _ if self.is_object(ty) => Some(ParamShape::Object),
            _ => match self.kind(ty) {
                Some(TypeKind::Untagged { variants }) => {
                    let one_or_many = variants.iter().all(|variant| {
                        let variant = self.resolve(&variant.ty);
                        match variant {
                            TypeRef::Vec(item) => self.is_scalar(item),
                            _ => self.is_scalar(variant),
                        }
                    });
                    one_or_many.then_some(ParamShape::ScalarOrList)
                }
                _ => None,
            },
        }
    }
}

/// A struct found through aliases.
#[derive(Debug, Clone, Copy)]
pub struct StructOf<'t> {
    pub name: &'t TypeName,
    pub fields: &'t [Field],
    pub additional: Option<&'t Additional>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, EnumVariant, UntaggedVariant};

    fn def(name: &str, kind: TypeKind) -> (TypeName, TypeDef) {
        (name.into(), TypeDef::new(name.into(), Docs::default(), kind))
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    fn variant(name: &str, ty: TypeRef) -> UntaggedVariant {
        UntaggedVariant { name: name.to_owned(), ty, boxed: false }
    }

    fn types() -> Types {
        let colour = TypeKind::StringEnum {
            variants: vec![EnumVariant { name: "Red".into(), wire: "red".into() }],
            other: "Other".into(),
        };
        let key = TypeKind::Untagged {
            variants: vec![variant("Id", named("Id")), variant("Fingerprint", TypeRef::String)],
        };
        let fields = TypeKind::Untagged {
            variants: vec![
                variant("String", TypeRef::String),
                variant("Strings", TypeRef::Vec(Box::new(TypeRef::String))),
            ],
        };
        Types::from([
            def("Colour", colour),
            def("ColourAlias", TypeKind::Alias(named("Colour"))),
            def("ColourAlias2", TypeKind::Alias(named("ColourAlias"))),
            def("Id", TypeKind::Alias(TypeRef::I64)),
            def("Key", key),
            def("Fields", fields),
            def("FieldsAlias", TypeKind::Alias(named("Fields"))),
            def("Names", TypeKind::Alias(TypeRef::Vec(Box::new(named("ColourAlias2"))))),
            def("When", TypeKind::Alias(TypeRef::DateTime)),
            def("Thing", TypeKind::Struct { fields: Vec::new(), additional: None, constant: None }),
            def("ThingAlias", TypeKind::Alias(named("Thing"))),
        ])
    }

    #[test]
    fn parameter_shapes_are_seen_through_any_number_of_aliases() {
        let types = types();
        let query = TypeQuery::new(&types);
        let shape = |ty: TypeRef| query.param_shape(&ty);
        assert_eq!(shape(named("ColourAlias2")), Some(ParamShape::Scalar));
        assert_eq!(shape(named("When")), Some(ParamShape::Scalar));
        assert_eq!(shape(named("Key")), Some(ParamShape::Scalar), "a union of scalars");
        assert_eq!(shape(named("Names")), Some(ParamShape::List));
        assert_eq!(shape(named("FieldsAlias")), Some(ParamShape::ScalarOrList));
        assert_eq!(shape(named("ThingAlias")), Some(ParamShape::Object));
        assert_eq!(shape(TypeRef::Json), Some(ParamShape::Any));
        let nested = TypeRef::Vec(Box::new(TypeRef::Vec(Box::new(TypeRef::String))));
        assert_eq!(shape(nested), None);
        assert_eq!(shape(TypeRef::Vec(Box::new(named("Thing")))), None);
    }

    #[test]
    fn aliases_resolve_to_the_end() {
        let types = types();
        let query = TypeQuery::new(&types);
        assert_eq!(query.resolve(&named("ColourAlias2")), &named("Colour"));
        assert_eq!(query.struct_of(&named("ThingAlias")).map(|s| s.name.as_str()), Some("Thing"));
        assert!(query.aliases_back_to(&named("Names"), "ColourAlias"), "through an array");
        assert!(!query.aliases_back_to(&named("ThingAlias"), "Colour"));
        assert_eq!(
            query.unalias(&named("Names")),
            TypeRef::Vec(Box::new(named("Colour"))),
            "aliases inside arrays too"
        );
    }

    #[test]
    fn only_types_whose_display_is_their_wire_text_display_as_wire() {
        let types = types();
        let query = TypeQuery::new(&types);
        assert!(query.displays_as_wire(&named("Key")));
        assert!(query.displays_as_wire(&named("ColourAlias2")));
        assert!(!query.displays_as_wire(&named("When")), "chrono's Display is not RFC 3339");
        assert!(!query.displays_as_wire(&named("Fields")));
    }
}
