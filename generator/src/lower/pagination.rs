//! Finds the list operations whose responses follow a paging convention the runtime can walk.
//!
//! Detection reads the lowered types, so it sees through `$ref`s and inline schemas alike. The
//! one convention today: an object with exactly one array property and `links.pages.next`, a
//! string holding the next page's URL. A response that only nearly fits gets no pagination.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Field, Group, Pagination, Success, TypeDef, TypeKind, TypeRef};

/// Sets `pagination` on every operation whose success response is a page.
pub(super) fn detect(types: &BTreeMap<String, TypeDef>, groups: &mut [Group]) {
    // Once per response type, however many operations return it.
    let mut pages: HashMap<String, Option<Pagination>> = HashMap::new();
    for op in groups.iter_mut().flat_map(|group| group.operations.iter_mut()) {
        if op.http_method == "GET" {
            if let Success::Json { ty: TypeRef::Named(page), or_empty: false } = &op.success {
                let found = pages.entry(page.clone()).or_insert_with(|| next_link(types, page));
                op.pagination = found.clone();
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
    let pages = field(struct_fields(types, named(links)?)?, "pages")?;
    let next = field(struct_fields(types, named(pages)?)?, "next")?;
    if next.ty != TypeRef::String {
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

fn named(field: &Field) -> Option<&str> {
    match &field.ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}
