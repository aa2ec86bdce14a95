//! Finds the list operations whose responses follow a paging convention the runtime can walk.
//!
//! Detection reads the lowered types, so it sees through `$ref`s and inline schemas alike, and
//! through `allOf` (merged into one struct) and `anyOf` of objects (one struct holding all the
//! members' properties); aliases are followed to the struct they name. The one convention
//! today: an object with exactly one array property and `links.pages.next`, a string holding
//! the next page's URL. A response that only nearly fits gets no pagination.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Field, Group, Pagination, Success, TypeDef, TypeKind, TypeRef};

/// Sets `pagination` on every operation whose success response is a page.
pub(super) fn detect(types: &BTreeMap<String, TypeDef>, groups: &mut [Group]) {
    // Once per response type, however many operations return it.
    let mut pages: HashMap<String, Option<Pagination>> = HashMap::new();
    for op in groups.iter_mut().flat_map(|group| group.operations.iter_mut()) {
        if op.http_method == "GET" {
            if let Success::Json { ty, or_empty: false } = &op.success {
                op.pagination = struct_name(types, ty).and_then(|page| {
                    let found =
                        pages.entry(page.to_owned()).or_insert_with(|| next_link(types, page));
                    found.clone()
                });
            }
        }
    }
}

/// The `links.pages.next` convention, if the type `page` follows it.
fn next_link(types: &BTreeMap<String, TypeDef>, page: &str) -> Option<Pagination> {
    let fields = struct_fields(types, page)?;
    let mut arrays = fields.iter().filter_map(|field| match &field.ty {
        TypeRef::Vec(item) => Some((field, item)),
        _ => None,
    });
    let (items, item) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let links = field(fields, "links")?;
    let pages = field(struct_fields(types, struct_name(types, &links.ty)?)?, "pages")?;
    let next = field(struct_fields(types, struct_name(types, &pages.ty)?)?, "next")?;
    if resolved(types, &next.ty) != Some(&TypeRef::String) {
        return None;
    }
    Some(Pagination::NextLink {
        page: page.to_owned(),
        items: items.clone(),
        item: (**item).clone(),
        next: vec![links.clone(), pages.clone(), next.clone()],
    })
}

fn struct_fields<'t>(types: &'t BTreeMap<String, TypeDef>, name: &str) -> Option<&'t [Field]> {
    match &types.get(name)?.kind {
        TypeKind::Struct { fields, .. } => Some(fields),
        _ => None,
    }
}

fn field<'f>(fields: &'f [Field], wire: &str) -> Option<&'f Field> {
    fields.iter().find(|field| field.wire == wire)
}

/// The struct `ty` names, through aliases (a component that is only a `$ref` to another).
fn struct_name<'t>(types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef) -> Option<&'t str> {
    match resolved(types, ty)? {
        TypeRef::Named(name) => struct_fields(types, name).map(|_| name.as_str()),
        _ => None,
    }
}

/// `ty` with aliases followed to what they stand for; `None` for a cycle of them.
fn resolved<'t>(types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef) -> Option<&'t TypeRef> {
    let mut ty = ty;
    for _ in 0..32 {
        match ty {
            TypeRef::Named(name) => match &types.get(name)?.kind {
                TypeKind::Alias(target) => ty = target,
                _ => return Some(ty),
            },
            _ => return Some(ty),
        }
    }
    None
}
