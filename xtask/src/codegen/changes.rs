//! The changes a codegen run makes to the output directory: planned file by file against what is
//! on disk (`plan`), shown as short diffs by `--check`, and applied all or nothing (`apply`).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use generator::File;

use super::display;
use super::out_dir::{self, Entry};

/// Writes every new file into a staging directory inside `out` first; only when all of them are
/// written are they moved into place (a rename, on the same file system) and stale files removed.
/// A full disk or a read-only file therefore leaves `out` as it was. The list of generated files
/// is moved last, so if a rename fails the old list still names every file to remove.
pub(super) fn apply(out: &Path, changes: &[Change]) -> Result<(), String> {
    let shown = display(out);
    let staging = out.join(format!(".xtask-staging-{}", std::process::id()));
    let written = || changes.iter().filter(|c| matches!(c.kind, Kind::Updated | Kind::Created));
    let stage = || -> io::Result<()> {
        fs::create_dir_all(out)?;
        // `create_dir` fails on anything already there, a link included, so nothing is staged
        // outside `out`.
        fs::create_dir(&staging)?;
        for change in written() {
            let staged = staging.join(&change.path);
            fs::create_dir_all(staged.parent().unwrap_or(&staging))?;
            fs::write(staged, &change.new)?;
        }
        Ok(())
    };
    if let Err(e) = stage() {
        let _ = fs::remove_dir_all(&staging);
        return Err(format!(
            "error: {shown}: cannot write the new files, nothing was changed: {e}"
        ));
    }
    let (list, others): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|change| change.path == out_dir::LIST);
    let move_into_place = || -> io::Result<()> {
        for change in others.into_iter().chain(list) {
            let path = out.join(&change.path);
            match change.kind {
                Kind::Unchanged => {}
                Kind::Removed => fs::remove_file(path)?,
                Kind::Updated | Kind::Created => {
                    fs::create_dir_all(path.parent().unwrap_or(out))?;
                    fs::rename(staging.join(&change.path), path)?;
                }
            }
        }
        Ok(())
    };
    let moved = move_into_place();
    let _ = fs::remove_dir_all(&staging);
    moved.map_err(|e| format!("error: {shown}: {e}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Unchanged,
    Updated,
    Created,
    Removed,
}

impl Kind {
    pub(super) fn verb(self) -> &'static str {
        match self {
            Kind::Unchanged => "unchanged",
            Kind::Updated => "updated",
            Kind::Created => "created",
            Kind::Removed => "removed",
        }
    }
}

/// One file's fate: its path under the output directory, old and new contents.
#[derive(Debug)]
pub(super) struct Change {
    pub path: String,
    pub kind: Kind,
    pub old: String,
    pub new: String,
}

/// Compares the generated files, and the list of them, with what is on disk, including files
/// generated last time that are no longer produced.
pub(super) fn plan(out: &Path, files: &[File]) -> Result<Vec<Change>, String> {
    let mut produced = BTreeSet::new();
    for file in files {
        // Defence in depth: the generator only makes such paths, but nothing is written
        // outside `out` even if it did not.
        out_dir::check_path(&file.path)
            .map_err(|e| format!("the generator produced a file at {e}; nothing was written"))?;
        if file.path == out_dir::LIST || !produced.insert(file.path.as_str()) {
            return Err(format!("the generator produced {} twice; nothing was written", file.path));
        }
    }
    let list = File { path: out_dir::LIST.into(), contents: out_dir::list(&produced) };
    let mut changes = Vec::new();
    for file in files.iter().chain([&list]) {
        let (kind, old) = match out_dir::look(out, &file.path)? {
            Entry::Missing => (Kind::Created, String::new()),
            Entry::Directory => {
                return Err(format!("{} is a directory, where codegen writes a file", file.path))
            }
            Entry::File => {
                let old = out_dir::read(out, &file.path)?;
                if old == file.contents {
                    (Kind::Unchanged, old)
                } else if out_dir::is_marked(&old) {
                    (Kind::Updated, old)
                } else {
                    return Err(format!(
                        "{} has no `{}` first line, so it is taken as hand-written and left \
                         alone; move it away to let codegen write that file",
                        file.path,
                        out_dir::MARKER
                    ));
                }
            }
        };
        changes.push(Change { path: file.path.clone(), kind, old, new: file.contents.clone() });
    }
    let previous = match out_dir::look(out, out_dir::LIST)? {
        Entry::File => out_dir::parse_list(&out_dir::read(out, out_dir::LIST)?)?,
        Entry::Missing | Entry::Directory => out_dir::before_the_list(out, &produced)?,
    };
    for path in previous {
        if produced.contains(path.as_str()) || out_dir::look(out, &path)? != Entry::File {
            continue;
        }
        // A listed file someone has since taken over (its marker removed) stays.
        if let Ok(old) = out_dir::read(out, &path) {
            if out_dir::is_marked(&old) {
                changes.push(Change { path, kind: Kind::Removed, old, new: String::new() });
            }
        }
    }
    Ok(changes)
}

impl Change {
    /// A short unified diff of the change.
    pub(super) fn diff(&self) -> String {
        const MAX_LINES: usize = 40;
        let diff = similar::TextDiff::from_lines(&self.old, &self.new);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
            .to_string();
        let lines: Vec<&str> = text.lines().collect();
        let mut shown =
            lines.iter().take(MAX_LINES).map(|line| format!("    {line}\n")).collect::<String>();
        if lines.len() > MAX_LINES {
            shown.push_str(&format!("    … {} more diff lines\n", lines.len() - MAX_LINES));
        }
        shown
    }
}
