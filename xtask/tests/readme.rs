//! The README's usage example is `generated/examples/quickstart.rs`, which cargo compiles; this
//! keeps the two from drifting apart.

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
}

#[test]
fn readme_gives_the_two_set_up_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let setup = readme.split("```sh\n").nth(1).and_then(|block| block.split("```").next()).unwrap();
    assert_eq!(setup, "cargo xtask codegen\ncargo test --workspace\n");
}
