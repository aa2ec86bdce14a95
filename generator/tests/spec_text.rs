//! Spec text that tries to become code or markup outside its place, written as an attacker
//! would; the fixture `attack-spec-text.yaml` holds the doctest attempts, which `.ci/run`
//! builds and runs with a canary.

use generator::Settings;

const SPEC: &str = r#"
openapi: 3.0.3
info:
  title: "Evil \"quoted\" \\ API\nbuild = \"evil.rs\"\n[dependencies]\nevil = \"1\"\u0000e\u0301\u202E"
  version: "1\n```should_panic\nrun()\n```"
paths: {}
"#;

fn generate(spec_path: &str) -> Vec<generator::File> {
    generator::generate(SPEC, &Settings::new(spec_path, "evil"))
        .unwrap_or_else(|errors| panic!("{errors}"))
        .files
}

#[test]
fn cargo_toml_holds_the_title_as_one_toml_string() {
    let files = generate("spec.yaml");
    let manifest = files.iter().find(|file| file.path == "Cargo.toml").unwrap();
    let parsed: toml::Table = toml::from_str(&manifest.contents).expect("Cargo.toml is TOML");
    let package = parsed["package"].as_table().unwrap();
    assert!(!package.contains_key("build"), "{}", manifest.contents);
    let description = package["description"].as_str().unwrap();
    assert!(description.contains(r#"Evil "quoted" \ API\nbuild = "evil.rs""#), "{description}");
    assert!(!description.chars().any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)));
    let dependencies = parsed["dependencies"].as_table().unwrap();
    assert!(!dependencies.contains_key("evil"));
}

#[test]
fn a_spec_file_name_cannot_end_the_header_comment() {
    let name = "evil\n```should_panic\nfn injected() {}\n--> <!-- */.yaml";
    for file in generate(name) {
        let mut lines = file.contents.lines();
        let header = lines.next().unwrap();
        assert!(
            header.ends_with("Do not edit.") || header.ends_with("Do not edit. -->"),
            "{header}"
        );
        assert_eq!(
            header.matches("-->").count(),
            usize::from(file.path.ends_with(".md")),
            "{header}"
        );
        // The name may be shown again, escaped, but never begins a line of its own.
        for line in lines {
            let line = line.trim_start_matches(['/', '!', ' ']);
            assert!(!line.starts_with("fn injected") && !line.starts_with("```should"), "{line}");
        }
    }
}

#[test]
fn titles_and_versions_stay_on_their_line_in_the_docs() {
    let files = generate("spec.yaml");
    for path in ["README.md", "src/lib.rs"] {
        let file = files.iter().find(|file| file.path == path).unwrap();
        let line = file.contents.lines().find(|line| line.contains("Evil")).unwrap();
        assert!(
            line.contains(r#"\nbuild"#) && line.contains(r#"1\n```should_panic\nrun()"#),
            "{line}"
        );
        assert!(!file.contents.contains('\u{202E}') && !file.contents.contains('\0'));
    }
}

/// Stripe's descriptions are HTML: they become markdown, links resolved against the settings
/// file's `[docs] base_url`; without it a relative link is its text, and a `javascript:` link
/// never becomes one. Code inside stays a `text` block.
#[test]
fn html_descriptions_become_markdown_with_links_to_web_pages_only() {
    let spec = r#"
openapi: 3.0.3
info:
  title: Pay
  version: "1"
  description: "<p>See <a href=\"/docs/api\">the docs</a>, <a href=\"javascript:alert(1)\">this</a> and <code>id</code>.</p><pre>run()</pre>"
paths: {}
"#;
    // The crate's docs are its README.
    let readme = |settings: &Settings| {
        let files = generator::generate(spec, settings).unwrap_or_else(|errors| panic!("{errors}"));
        files.files.into_iter().find(|file| file.path == "README.md").unwrap().contents
    };
    let mut settings = Settings::new("pay.yaml", "pay");
    let plain = readme(&settings);
    assert!(plain.contains("\nSee the docs, this and `id`.\n"), "{plain}");
    assert!(plain.contains("\n```text\nrun()\n```\n"), "{plain}");
    settings.config = generator::Config::from_toml(
        "pay.codegen.toml",
        "[docs]\nbase_url = \"https://pay.example.com/guide/\"\n",
        "pay",
    )
    .unwrap();
    let linked = readme(&settings);
    assert!(linked.contains("\nSee [the docs](https://pay.example.com/docs/api), this and"));
}
