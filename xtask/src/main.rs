//! `cargo xtask`: the project's automation. It is the only code that writes files, and knows
//! nothing of OpenAPI: generation is the `generator` library's job. `contract` runs the generated
//! crate against Prism.

mod anatomy;
mod bench;
mod bench_compile;
mod bench_hostile;
mod codegen;
mod contract;
mod crate_name;
mod out_dir;
mod read_file;
mod semver;
mod spec_files;
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME] [--overlay FILE]...
                    [--deny-warnings]
cargo xtask contract [-- TEST-ARGS]
cargo xtask bench-scale [--no-check]
cargo xtask bench-hostile [--small] [--only TEXT]
cargo xtask bench-compile [--quick] [--no-doc] [--spec FILE]...

codegen: generates a Rust client crate from an OpenAPI 3.0 or 3.1 document. With no options it
regenerates generated/ (crate digitalocean-images) from spec/images.yaml.

  --check             write nothing; exit 1 and show a diff if any file is out of date
  --spec FILE         the OpenAPI document (YAML or JSON)        [spec/images.yaml]
  --out DIR           the crate directory to write                [generated]
  --crate-name NAME   the package name of the generated crate     [digitalocean-images]
  --overlay FILE      an overlay (OpenAPI Overlay 1.0.0) to apply to the spec; repeatable,
                      applied in order after those the settings file lists
  --deny-warnings     treat warnings about the spec (an example that contradicts its schema)
                      as errors; always on for spec/images.yaml

contract: runs the generated crate's contract suite (generated/tests/contract.rs) against
Stoplight Prism mocking spec/images.yaml. Needs Node.js 18+ and npm. Installs Prism into .prism/
on first use (npm ci of xtask/prism), starts it on a free port of 127.0.0.1, runs
`cargo test -p digitalocean-images --test contract` with PRISM_URL set, and stops Prism; then
does the same against Prism making up schema-valid answers (--dynamic, PRISM_DYNAMIC set).
Arguments after `--` go to the test binary.

bench-scale: times generation and peak memory for synthetic specs of 1x to 400x spec/images.yaml
and `cargo check`s the 1,000-operation crate (--no-check skips that). Run it in release:
`cargo run --release -p xtask -- bench-scale`; BENCHMARKS.md has the figures.

bench-hostile: times generation of specs built to be slow (a 300,000-value enum, 100,000 colliding
names, 100,000 errors…), each at two sizes to show the time is linear (--small: a tenth of the sizes;
--only: the cases whose name holds TEXT). Run it in release.

bench-compile: what a big API's crate costs: lines of Rust, `cargo check` time and rustc's peak
memory (dependencies built beforehand), the doctests, and `cargo xtask codegen` (dev profile)
against a bare parse of the spec. Synthetic specs shaped like Stripe's (470 operations, 820
schemas) and GitHub's (1,200 operations, 1,000 schemas), or the real specs given with --spec.
Run it in release: `cargo run --release -p xtask -- bench-compile`; BENCHMARKS.md has the figures.

  --quick             a tenth of the synthetic sizes, to try it in minutes
  --no-doc            skip the build for doctests and the doctests
  --spec FILE         measure this spec instead of the synthetic ones; repeatable

Options of all:
  -h, --help          show this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match parse(&args) {
        Ok(Some(Task::Codegen(options))) => return codegen::run(&options),
        Ok(Some(Task::Contract(test_args))) => return contract::run(&test_args),
        Ok(Some(Task::BenchScale { check })) => bench::scale(check),
        Ok(Some(Task::BenchHostile { divisor, only })) => bench_hostile::hostile(divisor, &only),
        Ok(Some(Task::BenchCompile(options))) => bench_compile::compile(&options),
        Ok(Some(Task::BenchGenerate(spec))) => bench::generate_once(&spec),
        Ok(Some(Task::BenchParse(spec))) => bench_compile::parse_once(&spec),
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Task {
    Codegen(codegen::Options),
    /// Arguments for the test binary.
    Contract(Vec<String>),
    BenchScale {
        check: bool,
    },
    BenchHostile {
        divisor: usize,
        /// Only the cases whose name holds this text (all, when empty).
        only: String,
    },
    BenchCompile(bench_compile::Options),
    /// The child process of `bench-scale` and `bench-hostile`, one per measurement.
    BenchGenerate(PathBuf),
    /// The child process of `bench-compile` that times a bare parse.
    BenchParse(PathBuf),
}

/// `Ok(None)` asks for help.
fn parse(args: &[String]) -> Result<Option<Task>, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("codegen") => {}
        Some("contract") => {
            return match args.next().map(String::as_str) {
                None => Ok(Some(Task::Contract(Vec::new()))),
                Some("--") => Ok(Some(Task::Contract(args.cloned().collect()))),
                Some("-h" | "--help") => Ok(None),
                Some(other) => Err(format!("unknown option `{other}`")),
            };
        }
        Some("bench-scale") => {
            return Ok(Some(Task::BenchScale {
                check: args.next().map(String::as_str) != Some("--no-check"),
            }));
        }
        Some("bench-hostile") => {
            let (mut divisor, mut only) = (1, String::new());
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--small" => divisor = 10,
                    "--only" => {
                        only = args.next().ok_or("--only needs the text of a case")?.clone()
                    }
                    other => return Err(format!("unknown option `{other}` of bench-hostile")),
                }
            }
            return Ok(Some(Task::BenchHostile { divisor, only }));
        }
        Some("bench-compile") => {
            let mut options = bench_compile::Options { quick: false, specs: Vec::new(), doc: true };
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--quick" => options.quick = true,
                    "--no-doc" => options.doc = false,
                    "--spec" => options
                        .specs
                        .push(PathBuf::from(args.next().ok_or("`--spec` needs a value")?)),
                    "-h" | "--help" => return Ok(None),
                    other => return Err(format!("unknown option `{other}`")),
                }
            }
            return Ok(Some(Task::BenchCompile(options)));
        }
        Some("bench-parse") => {
            let spec = args.next().ok_or("`bench-parse` needs a spec")?;
            return Ok(Some(Task::BenchParse(PathBuf::from(spec))));
        }
        Some("bench-generate") => {
            let spec = args.next().ok_or("`bench-generate` needs a spec")?;
            return Ok(Some(Task::BenchGenerate(PathBuf::from(spec))));
        }
        None | Some("-h" | "--help" | "help") => return Ok(None),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut options = codegen::Options::default_for_images();
    let mut deny_warnings = false;
    while let Some(arg) = args.next() {
        let mut value =
            |flag: &str| args.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec = PathBuf::from(value("--spec")?),
            "--deny-warnings" => deny_warnings = true,
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--crate-name" => options.crate_name = value("--crate-name")?,
            "--overlay" => options.overlays.push(PathBuf::from(value("--overlay")?)),
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    // Our own spec has no excuse for a warning; another may be the vendor's, warts and all.
    options.deny_warnings =
        deny_warnings || options.spec == codegen::Options::default_for_images().spec;
    Ok(Some(Task::Codegen(options)))
}
