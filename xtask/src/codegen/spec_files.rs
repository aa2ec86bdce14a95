//! The spec's files: the root document, the settings file beside it, the overlays, and every
//! file a `$ref` reaches. Beside the root, only regular files inside the root spec's directory
//! (after resolving links) are read, and no more than `read_file::MAX_BYTES` in all, so a
//! hostile spec can neither pull a file from elsewhere on the machine into the crate, nor hang
//! on a FIFO, nor exhaust memory on `/dev/zero`. The spec's parts (what a `$ref` names, and the
//! overlays its settings file lists) also pass the generator's rule for the names of parts
//! (`generator::check_part_path`: no hidden name, YAML, JSON or Markdown) once links are
//! resolved, so that a link inside the directory (`notes.md` → `.env`) reaches no more than a
//! path could.

use std::cell::Cell;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::read_file::{self, MAX_BYTES};

#[derive(Debug)]
pub struct SpecFiles {
    /// The root spec's directory, links resolved: nothing outside it is read.
    directory: PathBuf,
    /// How many more bytes may be read.
    remaining: Cell<u64>,
}

impl SpecFiles {
    /// The files beside `spec`.
    pub fn beside(spec: &Path) -> io::Result<SpecFiles> {
        let parent = spec.parent().filter(|parent| !parent.as_os_str().is_empty());
        let directory = fs::canonicalize(parent.unwrap_or(Path::new(".")))?;
        Ok(SpecFiles { directory, remaining: Cell::new(MAX_BYTES) })
    }

    /// The root spec. The user named it, so it may be a link or a pipe (`--spec <(…)`); it only
    /// counts towards the size cap.
    pub fn root(&self, spec: &Path) -> io::Result<String> {
        let bytes = read_file::capped(fs::File::open(spec)?, self.remaining.get(), &limit())?;
        self.count(bytes)
    }

    /// The settings file beside the spec (`images.codegen.toml` for `images.yaml`), if any.
    pub fn settings(&self, spec: &Path) -> io::Result<Option<String>> {
        let name = spec.with_extension("codegen.toml");
        let name = name.file_name().unwrap_or_default();
        match self.inside(Path::new(name)).and_then(|resolved| self.read(&resolved)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// An overlay given on the command line. The user named it, so it may be anywhere, but must
    /// be a regular file, and counts towards the size cap. (The settings file's overlays travel
    /// with the spec and are its parts: `part`.)
    pub fn overlay(&self, path: &Path) -> io::Result<String> {
        self.read(path)
    }

    /// A part of the spec, at `relative` to the root spec's directory (as the generator gives it,
    /// checked as written): a regular file inside that directory once links are resolved (a
    /// link within it is fine), whose resolved path passes the rule for parts' names too.
    pub fn part(&self, relative: &Path) -> io::Result<String> {
        let resolved = self.inside(relative)?;
        let within: Vec<String> = resolved
            .strip_prefix(&self.directory)
            .unwrap_or(&resolved)
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let within = within.join("/");
        generator::check_part_path(&within)
            .map_err(|why| io::Error::other(format!("it resolves to {within}, and {why}")))?;
        self.read(&resolved)
    }

    /// `relative` to the root spec's directory with links resolved, if it stays inside.
    fn inside(&self, relative: &Path) -> io::Result<PathBuf> {
        let resolved = fs::canonicalize(self.directory.join(relative))?;
        if !resolved.starts_with(&self.directory) {
            return Err(io::Error::other(format!(
                "it resolves to {}, outside the spec's directory {}",
                resolved.display(),
                self.directory.display()
            )));
        }
        Ok(resolved)
    }

    /// The regular file at `path`, within what is left of the size cap.
    fn read(&self, path: &Path) -> io::Result<String> {
        let bytes = read_file::regular(path, self.remaining.get(), &limit())?;
        self.count(bytes)
    }

    fn count(&self, bytes: Vec<u8>) -> io::Result<String> {
        self.remaining.set(self.remaining.get().saturating_sub(bytes.len() as u64));
        String::from_utf8(bytes)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"))
    }
}

/// What the size cap says when a file breaks it.
fn limit() -> String {
    format!(
        "a spec, its overlays and the files it refers to may hold {} MiB in all",
        MAX_BYTES >> 20
    )
}

/// How the generator reads the files `$ref`s name; its error names the file and the `$ref`.
impl generator::Files for SpecFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        self.part(Path::new(path)).map_err(|e| e.to_string())
    }
}
