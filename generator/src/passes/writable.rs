//! Whether the client can write what each request needs: a parameter's type as text in its
//! style, a form or multipart body as one field per property.
//!
//! Lowering records these as [`Requirement`]s; they are checked here, once every type exists and
//! alias cycles are broken, so that no type is asked about before it can answer.

use crate::error::Pointer;
use crate::lower::Requirement;
use crate::model::{ParamShape, TypeQuery, Types};

/// Each requirement the types cannot meet, with its pointer and what is wrong.
pub(super) fn unmet(
    types: &Types,
    requirements: &[(Pointer, Requirement)],
) -> Vec<(Pointer, String)> {
    let query = TypeQuery::new(types);
    let mut found = Vec::new();
    for (pointer, requirement) in requirements {
        let what = match requirement {
            Requirement::ParamText { name, ty } => {
                let shape = query.param_shape(ty);
                if shape.is_some_and(|shape| shape != ParamShape::Object) {
                    continue;
                }
                format!("parameter `{name}` has a type that cannot be written into a request: scalars, unions of scalars, arrays of them, `deepObject` query objects, and anything as `application/json` content are supported")
            }
            Requirement::ObjectBody { essence, ty } => {
                if query.is_object(ty) {
                    continue;
                }
                format!(
                    "a `{essence}` body must be an object, so that each property can be a field"
                )
            }
        };
        found.push((pointer.clone(), what));
    }
    found
}
