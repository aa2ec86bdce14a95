//! Finds the list operations whose responses follow a paging convention the runtime can walk.
//!
//! Detection reads the lowered types, so it sees through `$ref`s and inline schemas alike, and
//! through `allOf` (merged into one struct) and `anyOf` of objects (one struct holding all the
//! members' properties); aliases are followed to the struct they name. The one convention
//! today: an object with exactly one array property and `links.pages.next`, a string holding
//! the next page's URL. A response that only nearly fits gets no pagination.

use std::collections::HashMap;

use crate::model::{
    Field, Group, HttpMethod, Pagination, Success, TypeName, TypeQuery, TypeRef, Types,
};

/// Sets `pagination` on every operation whose success response is a page.
pub(super) fn detect(types: &Types, groups: &mut [Group]) {
    let query = TypeQuery::new(types);
    // Once per response type, however many operations return it.
    let mut pages: HashMap<TypeName, Option<Pagination>> = HashMap::new();
    for op in groups.iter_mut().flat_map(|group| group.operations.iter_mut()) {
        if op.http_method == HttpMethod::Get {
            if let Success::Json { ty, or_empty: false } = &op.success {
                op.pagination = query.struct_of(ty).and_then(|page| {
                    let found = (pages.entry(page.name.clone()))
                        .or_insert_with(|| next_link(query, page.name, page.fields));
                    found.clone()
                });
            }
        }
    }
}

/// The `links.pages.next` convention, if the struct `page` follows it.
fn next_link(query: TypeQuery<'_>, page: &TypeName, fields: &[Field]) -> Option<Pagination> {
    let mut arrays = fields.iter().filter_map(|field| match &field.ty {
        TypeRef::Vec(item) => Some((field, item)),
        _ => None,
    });
    let (items, item) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let links = field(fields, "links")?;
    let pages = field(query.struct_of(&links.ty)?.fields, "pages")?;
    let next = field(query.struct_of(&pages.ty)?.fields, "next")?;
    if query.resolve(&next.ty) != &TypeRef::String {
        return None;
    }
    Some(Pagination::NextLink {
        page: page.clone(),
        items: items.clone(),
        item: (**item).clone(),
        next: vec![links.clone(), pages.clone(), next.clone()],
    })
}

fn field<'f>(fields: &'f [Field], wire: &str) -> Option<&'f Field> {
    fields.iter().find(|field| field.wire == wire)
}
