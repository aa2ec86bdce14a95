//! Measurements taken in a child process, so that each starts cold and has its own peak memory
//! (no allocator's high-water mark is shared): generation (this binary's `bench-generate`), which
//! every benchmark measures through, and the bare parse `bench-compile` compares it with
//! (`bench-parse`).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

pub struct Sample {
    pub seconds: f64,
    pub cpu: f64,
    pub peak_kib: u64,
    pub files: usize,
    pub bytes: usize,
    /// Problems the generator reported (then `files` and `bytes` are 0).
    pub errors: usize,
}

/// Generates `spec` in a child process and reads what it measured.
pub fn measure(spec: &Path) -> Result<Sample, String> {
    let text = child("bench-generate", spec)?;
    let fields: Vec<&str> = text.split_whitespace().collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or_default();
    Ok(Sample {
        seconds: field(0).parse().map_err(|_| format!("bad output: {text}"))?,
        peak_kib: field(1).parse().unwrap_or_default(),
        files: field(2).parse().unwrap_or_default(),
        bytes: field(3).parse().unwrap_or_default(),
        cpu: field(4).parse().unwrap_or_default(),
        errors: field(5).parse().unwrap_or_default(),
    })
}

/// The child's side: reads `spec`, generates, and prints seconds, peak KiB, files, bytes, CPU
/// seconds and the number of problems reported (a spec full of problems is measured too).
pub fn generate_once(spec: &Path) -> Result<(), String> {
    let text = fs::read_to_string(spec).map_err(|e| e.to_string())?;
    let settings = generator::Settings::new("bench.json", "bench");
    let (started, cpu_started) = (Instant::now(), cpu_seconds());
    let generated = generator::generate(&text, &settings);
    let (seconds, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu_started);
    let (files, errors) = match &generated {
        Ok(output) => (output.files.as_slice(), 0),
        Err(errors) => (&[][..], errors.0.len()),
    };
    let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
    println!("{seconds} {} {} {bytes} {cpu} {errors}", peak_kib(), files.len());
    Ok(())
}

/// CPU time this process has run, on all its threads, finished ones included (generation
/// formats files on several), from `/proc/self/stat`'s user and system times; on a busy machine
/// it shows the work better than wall time does. In clock ticks, which Linux fixes at 100 a
/// second for user space. 0 where `/proc` is missing.
fn cpu_seconds() -> f64 {
    const TICKS_PER_SECOND: f64 = 100.0;
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces: the
    // 14th and 15th of the line, utime and stime, are the 12th and 13th after it.
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: f64 = (after_name.split_whitespace().skip(11).take(2))
        .filter_map(|field| field.parse::<f64>().ok())
        .sum();
    ticks / TICKS_PER_SECOND
}

/// This process's peak resident set (`VmHWM`), in KiB; 0 where `/proc` is missing.
fn peak_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_default()
}

/// A bare parse of `spec` into `serde_json::Value`, in a child process so it starts cold.
pub fn parse_seconds(spec: &Path) -> Result<f64, String> {
    let text = child("bench-parse", spec)?;
    text.trim().parse().map_err(|_| format!("bench-parse failed: {text}"))
}

/// Runs this binary's `command` on `spec` and returns what it printed, or why it failed.
fn child(command: &str, spec: &Path) -> Result<String, String> {
    let output = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .arg(command)
        .arg(spec)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{command} failed: {text}{stderr}"));
    }
    Ok(text)
}

/// The child's side of `parse_seconds`: prints the seconds `serde_json` (or `serde_yaml`, for a
/// YAML file) takes to parse the file, once read.
pub fn parse_once(spec: &Path) -> Result<(), String> {
    let text = fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let started = Instant::now();
    let value: serde_json::Value = if is_json(spec) {
        serde_json::from_str(&text).map_err(|e| e.to_string())?
    } else {
        serde_yaml::from_str(&text).map_err(|e| e.to_string())?
    };
    let seconds = started.elapsed().as_secs_f64();
    std::hint::black_box(value);
    println!("{seconds}");
    Ok(())
}

pub fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "json")
}
