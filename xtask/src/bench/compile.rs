//! `cargo xtask bench-compile`: what a big API's crate costs its user: lines, `cargo check` time
//! and rustc's peak memory, doctests, and the time of `cargo xtask codegen` against a bare parse.
//!
//! The specs are synthetic ones shaped like Stripe's and GitHub's (`synthetic/`), or given with
//! `--spec`. Each crate is written outside the workspace (the temporary directory's
//! `bench-compile-<hash of the target directory>/`) and built with the workspace's `target/`, its
//! dependencies built first by a tiny warm-up crate and not counted. Every rustc runs under
//! `/usr/bin/time` through `RUSTC_WRAPPER`, which logs its peak resident memory, so the figure is
//! rustc's, not cargo's.
//! Specs, logs and the tables are left in `target/bench-compile/`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::anatomy::Anatomy;
use super::measure;
use super::synthetic::{self, github::GitHub, stripe::Stripe};

pub struct Options {
    /// Small sizes, to try the command in minutes.
    pub quick: bool,
    /// Real specs to measure instead of the synthetic ones.
    pub specs: Vec<PathBuf>,
    /// Whether to build the crate for doctests and run them.
    pub doc: bool,
}

struct Bench {
    root: PathBuf,
    target: PathBuf,
    scratch: PathBuf,
    crates: PathBuf,
    wrapper: PathBuf,
}

/// One spec to measure: a crate name and the file.
struct Case {
    name: String,
    spec: PathBuf,
}

pub fn compile(options: &Options) -> Result<(), String> {
    let root = crate::codegen::workspace_root();
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let scratch = root.join("target/bench-compile");
    // One directory of crates per target directory, so that runs from two checkouts at once do
    // not overwrite each other's crates.
    let crates = {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        target.hash(&mut hasher);
        std::env::temp_dir().join(format!("bench-compile-{:016x}", hasher.finish()))
    };
    fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    fs::create_dir_all(&crates).map_err(|e| e.to_string())?;
    let wrapper = scratch.join("rustc-peak");
    fs::write(&wrapper, WRAPPER).map_err(|e| format!("{}: {e}", wrapper.display()))?;
    set_executable(&wrapper)?;
    let bench = Bench { root, target, scratch, crates, wrapper };

    let cases = if options.specs.is_empty() {
        let (scale, suffix) = if options.quick { (10, "-quick") } else { (1, "") };
        let shapes = [
            ("stripe-shaped", synthetic::spec::<Stripe>(470 / scale, 820 / scale)),
            ("github-shaped", synthetic::spec::<GitHub>(1200 / scale, 1000 / scale)),
        ];
        let mut cases = Vec::new();
        for (name, spec) in shapes {
            let path = bench.scratch.join(format!("{name}{suffix}.json"));
            let text = serde_json::to_string_pretty(&spec).map_err(|e| e.to_string())?;
            fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            cases.push(Case { name: format!("{name}{suffix}"), spec: path });
        }
        cases
    } else {
        options
            .specs
            .iter()
            .map(|spec| Case { name: crate_name_for(spec), spec: spec.clone() })
            .collect()
    };

    eprintln!("building the dev xtask (the user's `cargo xtask codegen`) and the dependencies…");
    bench.cargo(&bench.root, &["build", "--quiet", "-p", "xtask"], "xtask.log")?;
    bench.warm_up(options.doc)?;

    let mut crate_table = String::from(
        "| spec | operations | schemas | spec size | lines | `types.rs` | structs | enums | `cargo check` | rustc peak |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut anatomy_table = String::from(
        "| spec | struct items | string enums | their lines (impls) | single-value | distinct value lists | aliases of them | other enums | other |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut doc_table = String::from(
        "| spec | build for doctests (rustc peak) | doctests | `cargo test --doc` after that | per doctest |\n|---|---:|---:|---:|---:|\n",
    );
    let mut codegen_table = String::from(
        "| spec | size | `cargo xtask codegen` (dev) | per MiB | `generate` (release) | bare parse (release) | dev ÷ parse |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for case in &cases {
        eprintln!("{}: generating…", case.name);
        let out = bench.crates.join(&case.name);
        let text =
            fs::read_to_string(&case.spec).map_err(|e| format!("{}: {e}", case.spec.display()))?;
        let spec: serde_json::Value = if measure::is_json(&case.spec) {
            serde_json::from_str(&text).map_err(|e| e.to_string())?
        } else {
            serde_yaml::from_str(&text).map_err(|e| e.to_string())?
        };
        let (operations, schemas) = synthetic::counts(&spec);
        let mib = text.len() as f64 / 1048576.0;

        let codegen = best_of(3, || bench.codegen(&case.spec, &out, &case.name))?;
        let release = best_of(2, || measure::measure(&case.spec).map(|sample| sample.seconds))?;
        let parse = best_of(3, || measure::parse_seconds(&case.spec))?;
        writeln!(
            codegen_table,
            "| {} | {mib:.1} MiB | {codegen:.2} s | {:.2} s | {release:.2} s | {parse:.3} s | {:.1}× |",
            case.name,
            codegen / mib,
            codegen / parse
        )
        .expect("a string");

        let lines = count_lines(&out.join("src"))?;
        let total: usize = lines.iter().map(|(_, n)| n).sum();
        let types = fs::read_to_string(out.join("src/types.rs")).unwrap_or_default();
        let anatomy = Anatomy::of(&types)?;
        fs::write(bench.scratch.join(format!("{}.lines.txt", case.name)), lines_report(&lines))
            .map_err(|e| e.to_string())?;

        eprintln!("{}: cargo check…", case.name);
        // A crate that does not compile is a finding too: the table says so and the run goes on.
        let checked = bench.measured(&out, &case.name, &["check"]);
        let figures = match &checked {
            Ok((check, peak)) => format!("{check:.1} s | {:.2} GiB", gib(*peak)),
            Err(message) => {
                eprintln!("{}: {message}", case.name);
                "does not compile | –".to_owned()
            }
        };
        writeln!(
            crate_table,
            "| {} | {operations} | {schemas} | {mib:.1} MiB | {total} | {} | {} | {} | {figures} |",
            case.name,
            types.lines().count(),
            anatomy.structs,
            anatomy.string_enums + anatomy.other_enums,
        )
        .expect("a string");
        writeln!(
            anatomy_table,
            "| {} | {} lines | {} | {} ({}) | {} | {} | {} | {} lines | {} lines |",
            case.name,
            anatomy.struct_lines,
            anatomy.string_enums,
            anatomy.string_enum_lines,
            anatomy.string_enum_impl_lines,
            anatomy.single_value,
            anatomy.distinct_value_lists,
            anatomy.string_enum_aliases,
            anatomy.other_enum_lines,
            anatomy.other_lines,
        )
        .expect("a string");

        if options.doc && checked.is_ok() {
            eprintln!("{}: doctests…", case.name);
            let row = bench.doctests(&out, &case.name)?;
            writeln!(doc_table, "| {} | {row} |", case.name).expect("a string");
        }
    }
    let mut report = format!("{crate_table}\n{anatomy_table}\n");
    if options.doc {
        report += &format!("{doc_table}\n");
    }
    report += &codegen_table;
    print!("{report}");
    let results = bench.scratch.join("results.md");
    fs::write(&results, &report).map_err(|e| e.to_string())?;
    eprintln!("(also in {})", results.display());
    Ok(())
}

/// The `RUSTC_WRAPPER`: runs rustc under `/usr/bin/time`, appending its peak resident memory
/// (KiB), wall seconds and crate to `$BENCH_COMPILE_LOG`.
const WRAPPER: &str = "#!/bin/sh\n\
# bench-compile's RUSTC_WRAPPER: one line per rustc, peak KiB, seconds and crate name.\n\
exec /usr/bin/time -a -o \"$BENCH_COMPILE_LOG\" -f \"%M %e ${CARGO_CRATE_NAME:--}\" \"$@\"\n";

#[cfg(unix)]
fn set_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

#[cfg(not(unix))]
fn set_executable(_: &Path) -> Result<(), String> {
    Err("bench-compile needs a Unix machine with /usr/bin/time".into())
}

impl Bench {
    /// Runs cargo in `dir` with the shared target directory and the wrapper, output to `log`.
    fn cargo(&self, dir: &Path, args: &[&str], log: &str) -> Result<(), String> {
        self.cargo_output(dir, args, log).map(drop)
    }

    fn cargo_output(&self, dir: &Path, args: &[&str], log: &str) -> Result<String, String> {
        let log_path = self.scratch.join(log);
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("RUSTC_WRAPPER", &self.wrapper)
            .env("BENCH_COMPILE_LOG", self.scratch.join("rustc-peak.log"))
            // A user's first build of a dependency is not incremental either.
            .env("CARGO_INCREMENTAL", "0")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let text = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
        fs::write(&log_path, &text).map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("cargo {} failed; see {}", args.join(" "), log_path.display()));
        }
        Ok(stdout)
    }

    /// Builds every dependency (check, dev and doctest builds) with a tiny crate of the same
    /// dependencies, so that no measured build includes them.
    fn warm_up(&self, doc: bool) -> Result<(), String> {
        let spec = self.scratch.join("warm-up.json");
        let text =
            serde_json::to_string(&synthetic::spec::<Stripe>(5, 8)).map_err(|e| e.to_string())?;
        fs::write(&spec, text).map_err(|e| e.to_string())?;
        let out = self.crates.join("warm-up");
        self.codegen(&spec, &out, "warm-up")?;
        fs::copy(self.root.join("Cargo.lock"), out.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        self.cargo(&out, &["check", "--quiet"], "warm-up.log")?;
        if doc {
            self.cargo(&out, &["test", "--quiet", "--doc"], "warm-up.log")?;
        }
        Ok(())
    }

    /// The user's command: the dev-profile xtask, already built. Its wall time in seconds.
    fn codegen(&self, spec: &Path, out: &Path, name: &str) -> Result<f64, String> {
        let xtask =
            self.target.join("debug").join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
        let started = Instant::now();
        let output = Command::new(&xtask)
            .arg("codegen")
            .arg("--spec")
            .arg(spec)
            .arg("--out")
            .arg(out)
            .args(["--crate-name", name])
            .current_dir(&self.root)
            .output()
            .map_err(|e| format!("{}: {e}", xtask.display()))?;
        let seconds = started.elapsed().as_secs_f64();
        let log = self.scratch.join(format!("{name}.codegen.log"));
        fs::write(&log, [output.stdout, output.stderr].concat()).map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!("codegen of {} failed; see {}", spec.display(), log.display()));
        }
        Ok(seconds)
    }

    /// Touches `src/lib.rs` (so only the crate is rebuilt), runs cargo with `args`, and returns
    /// the wall time and the peak resident memory (KiB) of the crate's rustc.
    fn measured(&self, out: &Path, name: &str, args: &[&str]) -> Result<(f64, u64), String> {
        fs::copy(self.root.join("Cargo.lock"), out.join("Cargo.lock"))
            .map_err(|e| e.to_string())?;
        touch(&out.join("src/lib.rs"))?;
        let log = self.scratch.join("rustc-peak.log");
        let before = fs::read_to_string(&log).unwrap_or_default().lines().count();
        let started = Instant::now();
        let mut all = args.to_vec();
        all.insert(1, "--quiet");
        self.cargo(out, &all, &format!("{name}.{}.log", args[0]))?;
        let seconds = started.elapsed().as_secs_f64();
        let crate_name = name.replace('-', "_");
        let peak = fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .skip(before)
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let kib: u64 = fields.next()?.parse().ok()?;
                (fields.nth(1)? == crate_name).then_some(kib)
            })
            .max()
            .ok_or_else(|| format!("no rustc of {name} ran: was the crate already built?"))?;
        Ok((seconds, peak))
    }

    /// Builds the library for doctests (timed, with its peak) while listing them, then times
    /// `cargo test --doc`, which compiles and runs every one. One table row.
    fn doctests(&self, out: &Path, name: &str) -> Result<String, String> {
        let (build, peak) = self.measured(out, name, &["test", "--doc", "--", "--list"])?;
        let listed =
            fs::read_to_string(self.scratch.join(format!("{name}.test.log"))).unwrap_or_default();
        let count = listed.lines().filter(|line| line.ends_with(": test")).count();
        let started = Instant::now();
        let ran =
            self.cargo_output(out, &["test", "--quiet", "--doc"], &format!("{name}.doctests.log"))?;
        let seconds = started.elapsed().as_secs_f64();
        if !ran.contains(&format!("{count} passed")) {
            return Err(format!("not all {count} doctests of {name} passed; see its doctests.log"));
        }
        Ok(format!(
            "{build:.1} s ({:.2} GiB) | {count} | {seconds:.1} s | {:.2} s",
            gib(peak),
            seconds / count.max(1) as f64
        ))
    }
}

/// Rewrites a file with the same contents, so cargo sees it changed.
fn touch(path: &Path) -> Result<(), String> {
    let text = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn best_of(runs: usize, mut run: impl FnMut() -> Result<f64, String>) -> Result<f64, String> {
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        best = best.min(run()?);
    }
    Ok(best)
}

/// `bench-` and the file's stem in lower case, other characters as `-`: a valid crate name.
fn crate_name_for(spec: &Path) -> String {
    let stem = spec.file_stem().unwrap_or_default().to_string_lossy().to_lowercase();
    let stem: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("bench-{}", stem.trim_matches('-'))
}

fn gib(kib: u64) -> f64 {
    kib as f64 / 1048576.0
}

/// Lines of every `.rs` file under `dir`, by path, sorted.
fn count_lines(src: &Path) -> Result<Vec<(String, usize)>, String> {
    let mut found = Vec::new();
    let mut pending = vec![src.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
                let shown = path.strip_prefix(src.parent().unwrap_or(src)).unwrap_or(&path);
                found.push((shown.to_string_lossy().into_owned(), text.lines().count()));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn lines_report(lines: &[(String, usize)]) -> String {
    lines.iter().map(|(path, n)| format!("{n:>8} {path}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_for_specs_are_valid() {
        let name = crate_name_for(Path::new("/x/api.github.com.json"));
        assert_eq!(name, "bench-api-github-com");
        assert_eq!(crate::codegen::crate_name::check(&name), Ok(()));
    }
}
