//! Problems found in a spec: each names the file and the place, and many are collected before giving up.

use std::collections::HashSet;
use std::fmt;

/// Where in the spec file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// A JSON pointer into the document, such as `#/paths/~1v2~1images/get`.
    Pointer(Pointer),
    /// A line and column, for text that did not even parse.
    LineColumn { line: usize, column: usize },
    /// The file as a whole (for example, it could not be read).
    File,
}

/// One problem that stops generation: with the spec, or a bug of the generator's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Error {
    /// The spec file, as the caller named it.
    pub file: String,
    pub location: Location,
    /// What was found and, where it helps, what is supported instead.
    pub what: String,
    pub kind: Kind,
}

/// Whose the problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The spec's: what it says cannot be generated.
    Spec,
    /// The generator's own bug, found while generating; fuzzing counts it as a crash.
    Internal,
}

impl Error {
    /// A problem with the spec `file`, at `location`.
    pub fn new(file: impl Into<String>, location: Location, what: impl Into<String>) -> Error {
        Error { file: file.into(), location, what: what.into(), kind: Kind::Spec }
    }

    /// A bug of the generator, found while generating from `file`.
    pub fn internal(file: &str, what: impl fmt::Display) -> Error {
        Error { kind: Kind::Internal, ..Error::new(file, Location::File, what.to_string()) }
    }

    /// Whether this is the generator's bug rather than a problem with the spec.
    pub fn is_internal(&self) -> bool {
        self.kind == Kind::Internal
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whose = match self.kind {
            Kind::Spec => "",
            Kind::Internal => "internal error: ",
        };
        write!(f, "{}{}: {whose}{}", self.file, self.location, self.what)
    }
}

impl std::error::Error for Error {}

/// Something the generated crate leaves out or loosens, or an example that contradicts its
/// schema: said, but generation goes on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Warning {
    /// The spec file, as the caller named it.
    pub file: String,
    pub location: Location,
    pub what: String,
}

impl Warning {
    /// A warning found and located as a problem is, through the same passes.
    pub(crate) fn from_located(problem: Error) -> Warning {
        Warning { file: problem.file, location: problem.location, what: problem.what }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}: {}", self.file, self.location, self.what)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pointer(pointer) => write!(f, "#{}", pointer.as_str()),
            Location::LineColumn { line, column } => write!(f, ":{line}:{column}"),
            Location::File => Ok(()),
        }
    }
}

/// Every problem found in one run, in the order they were met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

/// Problems in the order they were met, each kept once: one met again through another use of a
/// shared part is not repeated. Telling a repeat takes constant time, however many there are.
#[derive(Debug, Default)]
pub struct Distinct {
    errors: Vec<Error>,
    seen: HashSet<Error>,
}

impl Distinct {
    pub fn push(&mut self, error: Error) {
        if self.seen.insert(error.clone()) {
            self.errors.push(error);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_vec(self) -> Vec<Error> {
        self.errors
    }
}

/// A JSON pointer, escaped per RFC 6901: built a key at a time with [`Pointer::join`], or
/// from text already escaped (`"/paths/~1v2~1images".into()`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pointer(String);

impl From<&str> for Pointer {
    fn from(escaped: &str) -> Pointer {
        Pointer(escaped.to_owned())
    }
}

impl From<String> for Pointer {
    fn from(escaped: String) -> Pointer {
        Pointer(escaped)
    }
}

impl Pointer {
    /// A pointer already written out and escaped, such as `/components/schemas/A`.
    pub fn from_escaped(pointer: String) -> Pointer {
        Pointer(pointer)
    }

    /// The pointer one step further down, at `key`.
    pub fn join(&self, key: impl fmt::Display) -> Pointer {
        Pointer(format!("{}/{}", self.0, Pointer::escape(&key.to_string())))
    }

    /// `key` as one token of a pointer: `~` as `~0`, then `/` as `~1` (RFC 6901). The one place
    /// pointers are escaped.
    pub fn escape(key: &str) -> String {
        key.replace('~', "~0").replace('/', "~1")
    }

    /// One token of a pointer as the key it stands for: `~1` as `/`, then `~0` as `~`.
    pub fn unescape(token: &str) -> String {
        token.replace("~1", "/").replace("~0", "~")
    }

    /// The keys of an escaped pointer `text` (`/a~1b/c` → `a/b`, `c`).
    pub fn keys(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split('/').skip(1).map(Pointer::unescape)
    }

    /// The pointer to `#/components/<section>/<name>`.
    pub fn component(section: &str, name: &str) -> Pointer {
        Pointer::default().join("components").join(section).join(name)
    }

    /// The pointer one step up.
    pub fn parent(&self) -> Pointer {
        Pointer(self.0.rfind('/').map_or_else(String::new, |at| self.0[..at].to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let pointer = Pointer::default().join("paths").join("/v2/images").join("get");
        assert_eq!(pointer.as_str(), "/paths/~1v2~1images/get");
        assert_eq!(Pointer::default().join("a~b").as_str(), "/a~0b");
    }

    #[test]
    fn errors_name_file_and_place() {
        let error = Error::new(
            "spec/images.yaml",
            Location::Pointer("/paths/~1v2~1images".into()),
            "unresolvable $ref `#/components/schemas/nope`",
        );
        assert_eq!(
            error.to_string(),
            "spec/images.yaml#/paths/~1v2~1images: unresolvable $ref `#/components/schemas/nope`"
        );
        let error = Error::new("a.yaml", Location::LineColumn { line: 3, column: 7 }, "bad");
        assert_eq!(error.to_string(), "a.yaml:3:7: bad");
    }
}
