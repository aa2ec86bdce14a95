//! Which files beside a spec may be read for it: those its `$ref`s name and the overlays its
//! settings file lists, since both travel with the spec. One rule for both (xtask applies
//! `check` again to the path a link resolves to):
//!
//! - a relative path that stays inside the root spec's directory;
//! - no hidden name on the way (one that starts with `.`, other than the steps `.` and `..`):
//!   `.env`, `.git/config`, `.npmrc` and `.aws/credentials` sit beside specs in checkouts and
//!   hold secrets, and no spec is made of them;
//! - a `.yaml`, `.yml`, `.json` or `.md` file, in any case: parts are YAML or JSON and a
//!   description may be Markdown, while any other file (`deploy.ini`, `id_rsa`, `secrets.txt`)
//!   could only be wanted for what it holds, as a fragment makes any `key: value` text a mapping
//!   and a whole file read as YAML is one string, a fine description for the README.

/// The kinds of file a spec reads, by extension.
const KINDS: [&str; 4] = ["yaml", "yml", "json", "md"];

/// `written` (`/`-separated, already percent-decoded), a path in the file `from` (relative to
/// the root spec's directory), as a path relative to that directory, if the rule lets it be
/// read. Otherwise why not, after `subject` (`` $ref `x` ``, say): `` $ref `../x.yaml` leaves
/// the directory… `` or `` $ref `.env`: `.env` is hidden… ``.
pub fn join(from: &str, written: &str, subject: &str) -> Result<String, String> {
    let looks_like_uri = written.split('/').next().is_some_and(|first| first.contains(':'));
    if written.starts_with(['/', '\\']) || looks_like_uri {
        return Err(format!(
            "{subject} is an absolute path or a URL; only relative file paths are supported"
        ));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file name of `from`
    for part in written.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!(
                        "{subject} leaves the directory of the root spec; only files beside it \
                         or below it can be referenced"
                    ));
                }
            }
            // Checked as written too: `.git/../x.yaml` is refused though it ends outside `.git`.
            part => {
                hidden(part).map_err(|why| format!("{subject}: {why}"))?;
                parts.push(part);
            }
        }
    }
    let path = parts.join("/");
    check(&path).map_err(|why| format!("{subject}: {why}"))?;
    Ok(path)
}

/// Why the file at `path` (relative to the root spec's directory, without `.` or `..` steps)
/// may not be read, if it may not: a sentence of its own.
pub fn check(path: &str) -> Result<(), String> {
    for part in path.split('/') {
        hidden(part)?;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let kind = name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
    if kind.is_some_and(|kind| KINDS.contains(&kind.as_str())) {
        return Ok(());
    }
    if name.is_empty() {
        return Err("the path names a directory, not a file".to_owned());
    }
    Err(format!("`{name}` is not a .yaml, .yml, .json or .md file, the only kinds read"))
}

/// Refuses a hidden name. A `\` separates names on Windows, so it separates them here too.
fn hidden(part: &str) -> Result<(), String> {
    match part.split('\\').find(|name| name.starts_with('.') && !matches!(*name, "." | "..")) {
        Some(name) => Err(format!(
            "`{name}` is hidden (its name starts with `.`): no hidden file or directory is read"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_that_stay_inside_are_fine_and_hidden_names_are_not() {
        let subject = "$ref `x`";
        assert_eq!(join("a/b.yaml", "./c/../d.yml", subject), Ok("a/d.yml".into()));
        assert_eq!(join("a/b.yaml", "../Notes.MD", subject), Ok("Notes.MD".into()));
        assert_eq!(
            join("", "fixes/first.overlay.yaml", subject),
            Ok("fixes/first.overlay.yaml".into())
        );
        for written in
            [".env", "a/.git/config.yaml", ".git/../x.yaml", "...yaml", "a\\.env\\x.yaml"]
        {
            let refused = join("root.yaml", written, subject).unwrap_err();
            assert!(refused.starts_with("$ref `x`: `."), "{written}: {refused}");
            assert!(refused.contains("is hidden"), "{written}: {refused}");
        }
        assert!(join("root.yaml", "../x.yaml", subject).unwrap_err().contains("leaves"));
        assert!(join("root.yaml", "C:/x.yaml", subject).unwrap_err().contains("absolute"));
    }

    #[test]
    fn only_yaml_json_and_markdown_files_are_read() {
        for path in ["a.yaml", "a.YML", "b/c.json", "readme.md", "x.overlay.yaml"] {
            assert_eq!(check(path), Ok(()), "{path}");
        }
        for path in ["deploy.ini", "id_rsa", "a/secrets.txt", "yaml", "a.yaml.bak", ""] {
            assert!(check(path).is_err(), "{path}");
        }
        assert_eq!(
            join("root.yaml", "docs/..", "$ref `docs/..`"),
            Err("$ref `docs/..`: the path names a directory, not a file".into())
        );
    }
}
