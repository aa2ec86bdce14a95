//! model → model: what can be settled only once every type is lowered, in one declared order.
//!
//! None of these reads `openapiv3`; each takes the model as the passes before it left it.

mod constants;
mod example_fit;
mod pagination;
mod reach;
mod recursion;
mod shared_enums;
mod untagged;
mod writable;

use crate::error::{Error, Errors, Location};
use crate::lower::Lowered;
use crate::model::{Api, TypeName};

/// Runs the passes over what lowering made: the API, and the problems that do not stop
/// generation (what the crate leaves out or loosens, then examples that contradict their
/// schema); or every problem, lowering's and the passes'.
pub fn run(file: &str, lowered: Lowered) -> Result<(Api, Vec<Error>), Errors> {
    let Lowered {
        mut api,
        mut type_names,
        mut pointers,
        component_names,
        requirements,
        mut errors,
        mut warnings,
    } = lowered;
    // First, so that every question asked of the types after it ends: from here on, following
    // aliases never comes back to where it started.
    let endless = recursion::break_alias_cycles(&mut api.types);
    if !endless.is_empty() {
        for name in endless {
            let pointer = pointers.get(name.as_str()).cloned().unwrap_or_default();
            let what = format!("schema `{name}` is only another name for itself (a cycle of `$ref`s or one-part `allOf`/`oneOf`/`anyOf`); it needs a type of its own");
            errors.push(Error::new(file, Location::Pointer(pointer), what));
        }
        return Err(Errors(errors.into_vec()));
    }
    for (pointer, what) in writable::unmet(&api.types, &requirements) {
        errors.push(Error::new(file, Location::Pointer(pointer), what));
    }
    // Merging an untagged union's variants makes new structs, which every later pass sees.
    untagged::settle(&mut api.types, &mut type_names, &mut pointers);
    let components = component_names.iter().map(TypeName::as_str).collect();
    shared_enums::share(&mut api.types, &components);
    recursion::box_recursive_fields(&mut api.types);
    pagination::detect(&api.types, &mut api.groups);
    if !errors.is_empty() {
        return Err(Errors(errors.into_vec()));
    }
    warnings.extend(example_fit::misfits(file, &api.types, &api.examples));
    // After the examples are checked against the properties as the spec writes them.
    constants::make_constants(&mut api.types, &api.groups, &api.error_body, &api.examples);
    reach::decide(&mut api);
    Ok((api, warnings))
}
