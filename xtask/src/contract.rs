//! `cargo xtask contract`: runs the generated crate's contract suite (`generated/tests/contract.rs`)
//! against Stoplight Prism mocking `spec/images.yaml`, so the client is checked by a server that
//! nobody here wrote.
//!
//! Prism runs in its plain mock mode, not `--errors`: the suite calls every operation with valid
//! arguments and fails on a success that carries Prism's `sl-violations` header, and sends some
//! deliberately invalid requests, which must come back as `Error::Api` with the spec's own error
//! example. A body missing a required field is not among them: the typed API cannot build one.
//! The second run, against made-up answers (`--dynamic --seed 1`), checks decoding only.
//!
//! Prism is installed with `npm ci` from `xtask/prism/package-lock.json` (so every package it
//! pulls in is pinned) into `.prism/` (git-ignored), started with node directly so that we hold
//! its real process id, and stopped by a guard's `Drop`, so it goes away however the run ends.
//! To move to another Prism release, change `PRISM_VERSION` and `xtask/prism/package.json`, then
//! run `npm install --package-lock-only` in `xtask/prism/`.

use std::fs;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::codegen::workspace_root;

/// The Prism release used; the newest that runs on Node 20.
const PRISM_VERSION: &str = "5.14.2";
/// The oldest Node.js that Prism 5.14 supports.
const NODE_MAJOR_MIN: u32 = 18;
/// The environment variable through which the suite learns Prism's URL.
const URL_VARIABLE: &str = "PRISM_URL";
/// Set for the run against Prism's made-up answers, when the suite checks decoding only.
const DYNAMIC_VARIABLE: &str = "PRISM_DYNAMIC";
/// How long Prism may take to start listening.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// Loaded into Prism's node before Prism itself: it exits when its stdin (a pipe from us) closes,
/// so Prism cannot outlive an xtask killed without unwinding (Ctrl-C, SIGKILL).
const WATCHDOG_JS: &str = "\
// Written by `cargo xtask contract`: ends this node process when the xtask that started it is gone.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
";

/// The lines of `cargo xtask --help` about this command.
pub const USAGE: &str = "cargo xtask contract [-- TEST-ARGS]\n";
pub const HELP: &str = "\
contract: runs the generated crate's contract suite (generated/tests/contract.rs) against
Stoplight Prism mocking spec/images.yaml. Needs Node.js 18+ and npm. Installs Prism into .prism/
on first use (npm ci of xtask/prism), starts it on a free port of 127.0.0.1, runs
`cargo test -p digitalocean-images --test contract` with PRISM_URL set, and stops Prism; then
does the same against Prism making up schema-valid answers (--dynamic, PRISM_DYNAMIC set).
Arguments after `--` go to the test binary.
";

/// The arguments after `contract`: those for the test binary; `Ok(None)` asks for help.
pub fn parse(args: &[String]) -> Result<Option<Vec<String>>, String> {
    match args.split_first() {
        None => Ok(Some(Vec::new())),
        Some((first, rest)) if first == "--" => Ok(Some(rest.to_vec())),
        Some((first, _)) if first == "-h" || first == "--help" => Ok(None),
        Some((other, _)) => Err(format!("unknown option `{other}`")),
    }
}

/// `cargo xtask contract [-- TEST-ARGS]`.
pub fn run(test_args: &[String]) -> ExitCode {
    match contract(test_args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `Ok(false)` means the suite ran and failed.
fn contract(test_args: &[String]) -> Result<bool, String> {
    let root = workspace_root();
    check_node()?;
    let prefix = root.join(".prism");
    let entry = install_prism(&root, &prefix)?;
    let spec = root.join("spec/images.yaml");
    // Build first, so that Prism runs only while the tests do.
    let test = |extra: &[&str]| {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command.current_dir(&root).args([
            "test",
            "-p",
            "digitalocean-images",
            "--test",
            "contract",
        ]);
        command.args(extra);
        command
    };
    let built =
        test(&["--no-run"]).status().map_err(|e| format!("cannot run `cargo test`: {e}"))?;
    if !built.success() {
        return Err("the contract suite does not build".into());
    }
    for mode in [Mode::Examples, Mode::Dynamic] {
        // One Prism per run, stopped (by `Drop`) before the next starts or on any early return.
        let prism = Prism::start(&entry, &prefix, &spec, mode)?;
        println!(
            "prism {PRISM_VERSION} is mocking spec/images.yaml at {} ({})",
            prism.url,
            mode.describe()
        );
        let mut run = test(&["--"]);
        if mode == Mode::Dynamic {
            // One request at a time, so the seeded answers come in the same order every run.
            run.arg("--test-threads=1").env(DYNAMIC_VARIABLE, "1");
        }
        let status = run
            .args(test_args)
            .env(URL_VARIABLE, &prism.url)
            .status()
            .map_err(|e| format!("cannot run `cargo test`: {e}"))?;
        if !status.success() {
            eprintln!(
                "the contract suite failed against Prism {}; its log (with each request's violations) is {}",
                mode.describe(),
                prism.log.display()
            );
            return Ok(false);
        }
    }
    Ok(true)
}

/// How Prism makes its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The spec's examples, whose values the suite checks.
    Examples,
    /// Made up from the schemas (seeded), which the client must decode too.
    Dynamic,
}

impl Mode {
    fn describe(self) -> &'static str {
        match self {
            Mode::Examples => "answering with the spec's examples",
            Mode::Dynamic => "making up schema-valid answers, seed 1",
        }
    }

    fn flags(self) -> &'static [&'static str] {
        match self {
            Mode::Examples => &[],
            Mode::Dynamic => &["--dynamic", "--seed", "1"],
        }
    }
}

/// Fails with a clear message unless `node` (recent enough) and `npm` can be run.
fn check_node() -> Result<(), String> {
    let version = tool_version("node")?;
    let major: Option<u32> =
        version.trim_start_matches('v').split('.').next().and_then(|m| m.parse().ok());
    match major {
        Some(major) if major >= NODE_MAJOR_MIN => {}
        _ => {
            return Err(format!(
                "node {version} is too old: Prism {PRISM_VERSION} needs Node.js {NODE_MAJOR_MIN} or newer"
            ))
        }
    }
    tool_version("npm")?;
    Ok(())
}

/// The output of `<tool> --version`, or why it cannot be run.
fn tool_version(tool: &str) -> Result<String, String> {
    let hint = "cargo xtask contract needs Node.js and npm (https://nodejs.org) to run Prism";
    match Command::new(tool).arg("--version").stdin(Stdio::null()).output() {
        Ok(output) if output.status.success() => {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        }
        Ok(output) => Err(format!("`{tool} --version` failed ({}); {hint}", output.status)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(format!("`{tool}` is not installed or not on PATH; {hint}"))
        }
        Err(e) => Err(format!("cannot run `{tool}`: {e}; {hint}")),
    }
}

/// Installs Prism under `prefix` exactly as `xtask/prism/package-lock.json` pins it (Prism and
/// every package it needs), unless that install is there already; returns Prism's JS entry.
fn install_prism(root: &Path, prefix: &Path) -> Result<PathBuf, String> {
    let package = prefix.join("node_modules/@stoplight/prism-cli");
    let entry = package.join("dist/index.js");
    let pinned = root.join("xtask/prism");
    let lock = read(&pinned.join("package-lock.json"))?;
    let installed_lock = fs::read_to_string(prefix.join("package-lock.json")).unwrap_or_default();
    let installed = installed_version(&package).as_deref() == Some(PRISM_VERSION);
    if installed && installed_lock == lock && entry.is_file() {
        return Ok(entry);
    }
    println!("installing @stoplight/prism-cli@{PRISM_VERSION} into {} (npm ci)", prefix.display());
    fs::create_dir_all(prefix).map_err(|e| format!("{}: {e}", prefix.display()))?;
    for file in ["package.json", "package-lock.json"] {
        fs::write(prefix.join(file), read(&pinned.join(file))?)
            .map_err(|e| format!("{}: {e}", prefix.join(file).display()))?;
    }
    let status = Command::new("npm")
        .arg("ci")
        .arg("--prefix")
        .arg(prefix)
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run `npm ci`: {e}"))?;
    if !status.success() {
        return Err(format!("`npm ci` of xtask/prism/package-lock.json failed ({status})"));
    }
    match installed_version(&package) {
        Some(version) if version == PRISM_VERSION && entry.is_file() => Ok(entry),
        other => Err(format!(
            "npm finished but {} holds Prism {other:?}, not {PRISM_VERSION}; \
             does xtask/prism/package.json pin it?",
            package.display()
        )),
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `version` of the package installed at `package`, read from its `package.json`.
fn installed_version(package: &Path) -> Option<String> {
    let text = fs::read_to_string(package.join("package.json")).ok()?;
    // The first `"version": "…"` of a package.json is the package's own.
    let rest = &text[text.find("\"version\"")? + "\"version\"".len()..];
    let rest = &rest[rest.find('"')? + 1..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// A running Prism, stopped when dropped.
struct Prism {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Prism {
    /// Starts Prism on a free port of 127.0.0.1 and waits until it accepts connections.
    fn start(entry: &Path, prefix: &Path, spec: &Path, mode: Mode) -> Result<Prism, String> {
        let port = free_port().map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))?;
        let watchdog = prefix.join("watchdog.js");
        fs::write(&watchdog, WATCHDOG_JS).map_err(|e| format!("{}: {e}", watchdog.display()))?;
        let log = prefix.join(match mode {
            Mode::Examples => "prism.log",
            Mode::Dynamic => "prism-dynamic.log",
        });
        let output = fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let errors = output.try_clone().map_err(|e| format!("{}: {e}", log.display()))?;
        let mut command = Command::new("node");
        command
            .arg("--require")
            .arg(&watchdog)
            .arg(entry)
            .arg("mock")
            .arg(spec)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .args(mode.flags())
            .stdin(Stdio::piped())
            .stdout(output)
            .stderr(errors);
        in_own_process_group(&mut command);
        let child = command.spawn().map_err(|e| format!("cannot start Prism with node: {e}"))?;
        let mut prism = Prism { child, url: format!("http://127.0.0.1:{port}"), log };
        prism.wait_until_listening(port)?;
        Ok(prism)
    }

    /// Waits, bounded, until Prism accepts connections; shows its output if it exits instead.
    fn wait_until_listening(&mut self, port: u16) -> Result<(), String> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let started = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "Prism exited ({status}) before listening; its output:\n{}",
                    self.output()
                ));
            }
            if started.elapsed() > STARTUP_LIMIT {
                return Err(format!(
                    "Prism did not listen on port {port} within {} s; its output:\n{}",
                    STARTUP_LIMIT.as_secs(),
                    self.output()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn output(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_else(|e| format!("({}: {e})", self.log.display()))
    }
}

/// A port that was free a moment ago; Prism takes it next.
fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?.local_addr()?.port())
}

impl Drop for Prism {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Starts the command as the leader of a new process group, so that stopping it reaches any
/// child it forks (and a Ctrl-C meant for us reaches it only through the watchdog).
fn in_own_process_group(command: &mut Command) {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(command, 0);
    #[cfg(not(unix))]
    let _ = command;
}

/// Stops the child and its process group: politely first, then for sure.
fn stop(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    #[cfg(unix)]
    {
        let group = format!("-{}", child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                // The leader is gone; make sure no member of its group stays behind.
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &group])
                    .stderr(Stdio::null())
                    .status();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::io::{BufRead, BufReader};

    use super::*;

    /// Whether `pid` is a live process (a zombie awaiting its reaper counts as gone).
    fn alive(pid: u32) -> bool {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
        state.is_some_and(|state| state != 'Z')
    }

    #[test]
    fn stopping_ends_the_child_and_what_it_forked() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 300 & echo $!; wait"]).stdout(Stdio::piped());
        in_own_process_group(&mut command);
        let mut child = command.spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let forked: u32 = line.trim().parse().unwrap();
        assert!(alive(child.id()) && alive(forked));

        stop(&mut child);
        let deadline = Instant::now() + Duration::from_secs(5);
        while alive(forked) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(child.id()), "the child survived");
        assert!(!alive(forked), "the process it forked survived");
    }
}
