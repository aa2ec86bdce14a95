//! `cargo xtask`: the project's automation. It is the only code that writes files, and knows
//! nothing of OpenAPI: generation is the `generator` library's job.
//!
//! Its commands come in groups, a module each, with their options and help beside them:
//! - `codegen/`: `cargo xtask codegen [--check]`, which writes (or checks) a generated crate;
//! - `contract.rs`: `cargo xtask contract`, the generated crate's suite against Prism;
//! - `bench/`: `bench-scale`, `bench-hostile` and `bench-compile`, and the synthetic specs they
//!   measure.

mod bench;
mod codegen;
mod contract;

use std::process::ExitCode;

const OPTIONS_OF_ALL: &str = "\
Options of all:
  -h, --help          show this help
";

enum Command {
    Codegen(codegen::Options),
    /// Arguments for the test binary.
    Contract(Vec<String>),
    Bench(bench::Command),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, rest) = args.split_first().map_or(("--help", &[][..]), |(n, r)| (n.as_str(), r));
    // `Ok(None)` asks for help.
    let parsed = match name {
        "codegen" => codegen::parse(rest).map(|o| o.map(Command::Codegen)),
        "contract" => contract::parse(rest).map(|o| o.map(Command::Contract)),
        _ if bench::COMMANDS.contains(&name) => {
            bench::parse(name, rest).map(|o| o.map(Command::Bench))
        }
        "-h" | "--help" | "help" => Ok(None),
        other => Err(format!("unknown command `{other}`")),
    };
    match parsed {
        Ok(Some(Command::Codegen(options))) => codegen::run(&options),
        Ok(Some(Command::Contract(test_args))) => contract::run(&test_args),
        Ok(Some(Command::Bench(command))) => bench::run(command),
        Ok(None) => {
            print!("{}", help());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{}", help());
            ExitCode::from(2)
        }
    }
}

/// `--help`: every command's usage, then what each does.
fn help() -> String {
    let usage = [codegen::USAGE, contract::USAGE, bench::USAGE].concat();
    [usage.as_str(), codegen::HELP, contract::HELP, bench::HELP, OPTIONS_OF_ALL].join("\n")
}
