//! The last check before files leave the generator: no doc comment of the crate holds a code
//! block that rustdoc would compile or run, other than the generator's own `no_run` examples.
//!
//! `spec_text` makes spec text safe piece by piece; this reads the finished files as rustdoc
//! will, doc comments joined per item, so a piece that slipped past it, or two pieces that only
//! together open a block, fail the run instead of reaching a user's `cargo test`.

use super::spec_text::only_safe_blocks;
use crate::File;

/// The first file holding a doc comment with a block that is neither `text` nor ours.
pub fn unsafe_doc(files: &[File]) -> Option<&str> {
    files.iter().find(|file| !file_is_safe(file)).map(|file| file.path.as_str())
}

fn file_is_safe(file: &File) -> bool {
    if file.path.ends_with(".md") {
        return only_safe_blocks(&file.contents);
    }
    if !file.path.ends_with(".rs") || file.path.starts_with("src/runtime/") {
        return true;
    }
    doc_comments(&file.contents).iter().all(|doc| only_safe_blocks(doc))
}

/// The text of each run of `///` or `//!` lines, as rustdoc joins them.
fn doc_comments(source: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        let text = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!"));
        match (text, &mut current) {
            (Some(text), Some(doc)) => {
                doc.push('\n');
                doc.push_str(text.strip_prefix(' ').unwrap_or(text));
            }
            (Some(text), None) => current = Some(text.strip_prefix(' ').unwrap_or(text).into()),
            (None, _) => docs.extend(current.take()),
        }
    }
    docs.extend(current);
    docs
}

#[cfg(test)]
mod tests {
    use super::unsafe_doc;
    use crate::File;

    fn file(path: &str, contents: &str) -> File {
        File { path: path.into(), contents: contents.into() }
    }

    #[test]
    fn blocks_split_over_lines_of_one_comment_are_found() {
        let ours = file("src/a.rs", "/// ```no_run\n/// f();\n/// ```\nfn a() {}\n");
        assert_eq!(unsafe_doc(&[ours]), None);
        let smuggled = file("src/b.rs", "/// Text.\n///\n///     run();\nfn b() {}\n");
        assert_eq!(unsafe_doc(&[smuggled]), Some("src/b.rs"));
        let readme = file("README.md", "```should_panic\nrun();\n```\n");
        assert_eq!(unsafe_doc(&[readme]), Some("README.md"));
    }
}
