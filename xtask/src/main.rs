//! `cargo xtask`: the project's automation. It is the only code that writes files, and knows
//! nothing of OpenAPI: generation is the `generator` library's job.

mod bench;
mod codegen;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME]
cargo xtask bench-scale [--no-check]

Generates a Rust client crate from an OpenAPI 3.0 document. With no options it regenerates
generated/ (crate digitalocean-images) from spec/images.yaml.

  --check             write nothing; exit 1 and show a diff if any file is out of date
  --spec FILE         the OpenAPI document (YAML or JSON)        [spec/images.yaml]
  --out DIR           the crate directory to write                [generated]
  --crate-name NAME   the package name of the generated crate     [digitalocean-images]
  -h, --help          show this help

bench-scale times generation and peak memory for synthetic specs of 1x to 400x spec/images.yaml
and `cargo check`s the 1,000-operation crate (--no-check skips that). Run it in release:
`cargo run --release -p xtask -- bench-scale`; BENCHMARKS.md has the figures.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benchmark = match args.first().map(String::as_str) {
        Some("bench-scale") => {
            Some(bench::scale(args.get(1).map(String::as_str) != Some("--no-check")))
        }
        // The child process of `bench-scale`, one per measurement.
        Some("bench-generate") => Some(match args.get(1) {
            Some(spec) => bench::generate_once(std::path::Path::new(spec)),
            None => Err("`bench-generate` needs a spec".into()),
        }),
        _ => None,
    };
    if let Some(result) = benchmark {
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        };
    }
    match parse(&args) {
        Ok(Some(options)) => codegen::run(&options),
        Ok(None) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(None)` asks for help.
fn parse(args: &[String]) -> Result<Option<codegen::Options>, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("codegen") => {}
        None | Some("-h" | "--help" | "help") => return Ok(None),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut options = codegen::Options::default_for_images();
    while let Some(arg) = args.next() {
        let mut value =
            |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec = PathBuf::from(value("--spec")?),
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--crate-name" => options.crate_name = value("--crate-name")?,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Some(options))
}
