//! The benchmarks: `bench-scale` (generation against spec size), `bench-hostile` (specs built to
//! be slow) and `bench-compile` (what a big API's crate costs its user), with the synthetic
//! specs they measure and the child processes that measure them.

mod anatomy;
mod compile;
mod hostile;
mod measure;
mod scale;
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

/// The lines of `cargo xtask --help` about these commands.
pub const USAGE: &str = "\
cargo xtask bench-scale [--no-check]
cargo xtask bench-hostile [--small] [--only TEXT]
cargo xtask bench-compile [--quick] [--no-doc] [--spec FILE]...
";
pub const HELP: &str = "\
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
";

/// The commands of this group, the two children the others start included.
pub const COMMANDS: &[&str] =
    &["bench-scale", "bench-hostile", "bench-compile", "bench-generate", "bench-parse"];

pub enum Command {
    Scale {
        check: bool,
    },
    Hostile {
        divisor: usize,
        /// Only the cases whose name holds this text (all, when empty).
        only: String,
    },
    Compile(compile::Options),
    /// The child process of `bench-scale`, `bench-hostile` and `bench-compile`, one per
    /// measurement of generation.
    Generate(PathBuf),
    /// The child process of `bench-compile` that times a bare parse.
    Parse(PathBuf),
}

/// The options after `command`, one of `COMMANDS`; `Ok(None)` asks for help.
pub fn parse(command: &str, args: &[String]) -> Result<Option<Command>, String> {
    let mut args = args.iter();
    let parsed = match command {
        "bench-scale" => {
            Command::Scale { check: args.next().map(String::as_str) != Some("--no-check") }
        }
        "bench-hostile" => {
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
            Command::Hostile { divisor, only }
        }
        "bench-compile" => {
            let mut options = compile::Options { quick: false, specs: Vec::new(), doc: true };
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
            Command::Compile(options)
        }
        "bench-generate" => {
            Command::Generate(PathBuf::from(args.next().ok_or("`bench-generate` needs a spec")?))
        }
        "bench-parse" => {
            Command::Parse(PathBuf::from(args.next().ok_or("`bench-parse` needs a spec")?))
        }
        other => return Err(format!("unknown command `{other}`")),
    };
    Ok(Some(parsed))
}

pub fn run(command: Command) -> ExitCode {
    let outcome = match command {
        Command::Scale { check } => scale::scale(check),
        Command::Hostile { divisor, only } => hostile::hostile(divisor, &only),
        Command::Compile(options) => compile::compile(&options),
        Command::Generate(spec) => measure::generate_once(&spec),
        Command::Parse(spec) => measure::parse_once(&spec),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
