//! Helpers the generator's integration tests share: generating from a spec split over files,
//! reading the problems and files that come out, and diffing two outputs by line.
//!
//! Each test binary uses some of them, so the rest are dead code there.
#![allow(dead_code)]

use generator::{Errors, File, Location, Output, Settings};
use similar::{ChangeTag, TextDiff};

/// Generates with `settings` from the root document `root`, beside the files `others` (paths
/// relative to the root's directory); a file not among them cannot be read.
pub fn generate_split(
    root: &str,
    others: &[(&str, &str)],
    settings: &Settings,
) -> Result<Output, Errors> {
    let read = |path: &str| {
        (others.iter())
            .find(|(name, _)| *name == path)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| "no such file".to_owned())
    };
    generator::generate_with_files(root, &read, settings)
}

/// Each problem of a refused spec as its file, place and text.
pub fn problems_of<T>(result: Result<T, Errors>) -> Vec<(String, Location, String)> {
    match result {
        Ok(_) => panic!("the spec should be refused"),
        Err(errors) => errors.0.into_iter().map(|e| (e.file, e.location, e.what)).collect(),
    }
}

/// The place `#<pointer>`.
pub fn at(pointer: &str) -> Location {
    Location::Pointer(pointer.into())
}

/// The contents of the generated file at `path`.
pub fn file<'f>(files: &'f [File], path: &str) -> &'f str {
    match files.iter().find(|file| file.path == path) {
        Some(file) => &file.contents,
        None => panic!("no file {path} was generated"),
    }
}

/// A line of a diff: its index in its side, and its text without the line end.
pub type Line = (usize, String);

/// The lines deleted from `old` and inserted into `new`.
pub fn changed_lines(old: &str, new: &str) -> (Vec<Line>, Vec<Line>) {
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    for change in TextDiff::from_lines(old, new).iter_all_changes() {
        let line = change.value().trim_end().to_owned();
        match (change.tag(), change.old_index(), change.new_index()) {
            (ChangeTag::Delete, Some(at), _) => deleted.push((at, line)),
            (ChangeTag::Insert, _, Some(at)) => inserted.push((at, line)),
            _ => {}
        }
    }
    (deleted, inserted)
}
