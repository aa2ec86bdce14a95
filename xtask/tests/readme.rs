//! The README's usage example is `generated/examples/quickstart.rs`, which cargo compiles, and
//! its sample semver report is what the report prints for the edit it describes; this keeps
//! them from drifting apart.

mod common;

use std::fs;

use common::{codegen, scratch, stderr, stdout};

#[test]
fn readme_example_is_the_compiled_quickstart() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let quickstart =
        std::fs::read_to_string(format!("{root}/generated/examples/quickstart.rs")).unwrap();
    let start =
        readme.find("```rust\n").expect("README.md has a ```rust block") + "```rust\n".len();
    let end = start + readme[start..].find("```").expect("the block is closed");
    assert_eq!(
        &readme[start..end],
        quickstart,
        "README.md's example differs from generated/examples/quickstart.rs"
    );
    // What the example is there to show: a body from its builder, a request spawned onto
    // tokio, and `.items()` walked as it is.
    for shown in ["types::ImageNewCustom::new(", "tokio::spawn(client.images()", ".items();"] {
        assert!(quickstart.contains(shown), "the quickstart does not show {shown:?}");
    }
    assert!(!quickstart.contains("pin!"), "the quickstart pins a stream");
}

#[test]
fn readme_gives_the_two_set_up_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let setup = readme.split("```sh\n").nth(1).and_then(|block| block.split("```").next()).unwrap();
    assert_eq!(setup, "cargo xtask codegen\ncargo test --workspace\n");
}

/// The edits the README's semver sample describes ("adding a distribution and a property of
/// `image` to `spec/images.yaml` and removing a region"), each as text replaced in the spec.
const README_EDITS: [(&str, &str); 3] = [
    ("        - Gentoo\n", "        - Gentoo\n        - NixOS\n"),
    (
        "          description: The smallest disk, in GB, that a Droplet needs in order to use this image.\n",
        "          description: The smallest disk, in GB, that a Droplet needs in order to use this image.\n        size_gb:\n          type: integer\n",
    ),
    ("        - syd1\n", ""),
];

#[test]
fn readme_semver_sample_is_what_the_report_prints() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = fs::read_to_string(format!("{root}/README.md")).unwrap();
    let start = readme.find("```text\nsemver:").expect("README.md has a sample report") + 8;
    let end = start + readme[start..].find("```").expect("the block is closed");
    let sample: Vec<&str> = readme[start..end].lines().collect();

    let dir = scratch("readme-semver");
    let (spec, out) = (dir.join("images.yaml"), dir.join("crate"));
    let original = fs::read_to_string(format!("{root}/spec/images.yaml")).unwrap();
    fs::write(&spec, &original).unwrap();
    let first = codegen(&spec, &out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let mut edited = original;
    for (from, to) in README_EDITS {
        assert!(edited.contains(from), "the edit of {from:?} must apply");
        edited = edited.replacen(from, to, 1);
    }
    fs::write(&spec, edited).unwrap();
    let check = codegen(&spec, &out, &["--check"]);
    let printed = stdout(&check);
    let report: Vec<&str> = printed
        .lines()
        .skip_while(|line| !line.starts_with("semver:"))
        .take_while(|line| line.starts_with("semver:") || line.starts_with("  "))
        .collect();
    assert_eq!(sample, report, "README.md's sample report is not what codegen prints");
}
