//! What overlays changed in each spec file, so that a problem found afterwards still names what
//! the user wrote: the overlay file for a node an overlay inserted, the original pointer for a
//! node that was there before (which a removal from its array may have moved).

use std::collections::HashMap;

use crate::error::{Error, Location, Pointer};

/// One change to a file, by path segments inside it.
#[derive(Debug, Clone)]
enum Edit {
    /// The node at `at` came from the overlay `file`, at `pointer` inside it.
    Inserted { at: Vec<String>, file: String, pointer: String },
    /// Item `index` of the array at `array` was removed; the items after it moved up by one.
    RemovedItem { array: Vec<String>, index: usize },
}

/// The changes overlays made, per spec file as shown to people, in the order they were made.
#[derive(Debug, Clone, Default)]
pub struct Edits(HashMap<String, Vec<Edit>>);

impl Edits {
    /// Notes that the node at `at` in `file` is now the overlay's value at `from` in `overlay`.
    pub fn inserted(&mut self, file: &str, at: Vec<String>, overlay: &str, from: &Pointer) {
        let edit =
            Edit::Inserted { at, file: overlay.to_owned(), pointer: from.as_str().to_owned() };
        self.0.entry(file.to_owned()).or_default().push(edit);
    }

    /// Notes that item `index` of the array at `array` in `file` was removed.
    pub fn removed_item(&mut self, file: &str, array: Vec<String>, index: usize) {
        self.0.entry(file.to_owned()).or_default().push(Edit::RemovedItem { array, index });
    }

    /// `error`, about a spec file as the overlays left it, moved to what the user wrote.
    pub fn locate(&self, error: Error) -> Error {
        let (Location::Pointer(pointer), Some(edits)) = (&error.location, self.0.get(&error.file))
        else {
            return error;
        };
        let mut segments: Vec<String> = Pointer::keys(pointer.as_str()).collect();
        for edit in edits.iter().rev() {
            match edit {
                Edit::Inserted { at, file, pointer } if segments.starts_with(at) => {
                    let inside = segments[at.len()..]
                        .iter()
                        .fold(Pointer::from_escaped(pointer.clone()), |p, s| p.join(s));
                    return Error::new(file, Location::Pointer(inside.clone()), error.what);
                }
                Edit::RemovedItem { array, index } if segments.starts_with(array) => {
                    let moved = segments.get_mut(array.len());
                    if let Some(item) = moved {
                        match item.parse::<usize>() {
                            Ok(at) if at >= *index => *item = (at + 1).to_string(),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let pointer = segments.iter().fold(Pointer::default(), |p, s| p.join(s));
        Error { location: Location::Pointer(pointer.clone()), ..error }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, pointer: &str) -> Error {
        Error::new(file, Location::Pointer(pointer.into()), "w")
    }

    fn path(segments: &[&str]) -> Vec<String> {
        segments.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn inserted_nodes_point_into_the_overlay_and_others_stay_or_move_back() {
        let mut edits = Edits::default();
        let update = Pointer::default().join("actions").join(2).join("update");
        edits.removed_item("spec.yaml", path(&["paths", "/a", "get", "parameters"]), 1);
        edits.inserted("spec.yaml", path(&["paths", "/a", "get", "x-new"]), "fix.yaml", &update);
        let moved = edits.locate(at("spec.yaml", "/paths/~1a/get/x-new/deep~1er"));
        assert_eq!(moved, at("fix.yaml", "/actions/2/update/deep~1er"));
        // Parameter 1 was removed, so what is parameter 1 now was parameter 2 in the file.
        let moved = edits.locate(at("spec.yaml", "/paths/~1a/get/parameters/1/schema"));
        assert_eq!(moved, at("spec.yaml", "/paths/~1a/get/parameters/2/schema"));
        let moved = edits.locate(at("spec.yaml", "/paths/~1a/get/parameters/0"));
        assert_eq!(moved, at("spec.yaml", "/paths/~1a/get/parameters/0"));
        assert_eq!(edits.locate(at("other.yaml", "/x")), at("other.yaml", "/x"));
    }

    #[test]
    fn later_edits_are_undone_first() {
        let mut edits = Edits::default();
        let update = Pointer::default().join("actions").join(0).join("update");
        // Item 3 is appended by the overlay, then item 0 removed: the inserted one is now 2.
        edits.inserted("s.yaml", path(&["list", "3"]), "o.yaml", &update);
        edits.removed_item("s.yaml", path(&["list"]), 0);
        assert_eq!(edits.locate(at("s.yaml", "/list/2/x")), at("o.yaml", "/actions/0/update/x"));
        assert_eq!(edits.locate(at("s.yaml", "/list/1")), at("s.yaml", "/list/2"));
    }
}
