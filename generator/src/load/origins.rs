//! Where each part of a bundled document came from, so errors name the file the user wrote.

use crate::error::{Error, Location};

/// Subtrees of the bundled document copied from elsewhere: the bundled pointer, and the file and
/// pointer it came from. The deepest match wins, as copies nest.
#[derive(Debug, Clone, Default)]
pub struct Origins(Vec<(String, String, String)>);

impl Origins {
    pub fn add(&mut self, bundled: &str, file: &str, pointer: &str) {
        self.0.push((bundled.to_owned(), file.to_owned(), pointer.to_owned()));
    }

    /// Records that the nodes now at each `to` of the bundled document (named `root`) were at
    /// `from` before a rewrite moved them, so errors inside them still name what the user wrote.
    /// All `from`s are located before any entry is added, so moves may shift each other.
    pub fn moved(&mut self, root: &str, moves: &[(String, String)]) {
        let mut added = Vec::new();
        for (to, from) in moves {
            let probe = Error::new(root, Location::Pointer(from.as_str().into()), String::new());
            if let Error { file, location: Location::Pointer(origin), .. } =
                self.locate(root, probe)
            {
                added.push((to.clone(), file, origin.as_str().to_owned()));
            }
            // Copies nested inside the moved node move with it.
            for (bundled, file, origin) in &self.0 {
                if let Some(rest) =
                    bundled.strip_prefix(from.as_str()).filter(|r| r.starts_with('/'))
                {
                    added.push((format!("{to}{rest}"), file.clone(), origin.clone()));
                }
            }
        }
        self.0.extend(added);
    }

    /// `error`, moved from the bundled document (named `root`) to the file it is really about.
    pub fn locate(&self, root: &str, error: Error) -> Error {
        let Location::Pointer(pointer) = &error.location else { return error };
        if error.file != root {
            return error;
        }
        let inside = |prefix: &str| {
            pointer
                .as_str()
                .strip_prefix(prefix)
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let best = self
            .0
            .iter()
            .filter_map(|(bundled, file, origin)| {
                Some((bundled.len(), inside(bundled)?, file, origin))
            })
            // Of equal matches the latest wins: a later move replaces what stood there.
            .max_by_key(|(length, ..)| *length);
        match best {
            Some((_, rest, file, origin)) => Error::new(
                file.clone(),
                Location::Pointer(format!("{origin}{rest}").into()),
                error.what,
            ),
            None => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deepest_copy_names_the_file() {
        let mut origins = Origins::default();
        origins.add("/paths/~1a/get", "spec/ops/a.yml", "");
        origins.add("/components/schemas/image", "spec/models/image.yml", "/image");
        let error =
            |pointer: &str| Error::new("spec/root.yaml", Location::Pointer(pointer.into()), "w");
        let moved = origins.locate("spec/root.yaml", error("/paths/~1a/get/responses/200"));
        assert_eq!(
            (moved.file.as_str(), moved.location),
            ("spec/ops/a.yml", Location::Pointer("/responses/200".into()))
        );
        let moved = origins.locate("spec/root.yaml", error("/components/schemas/image2"));
        assert_eq!(moved, error("/components/schemas/image2"));
        let moved = origins.locate("spec/root.yaml", error("/components/schemas/image"));
        assert_eq!(moved.location, Location::Pointer("/image".into()));
    }
}
