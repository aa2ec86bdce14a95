//! The runtime's defaults and limits as README text, read from the runtime's own constants
//! (`runtime/defaults.rs`, compiled here as well), so no README can state other numbers.

use std::time::Duration;

#[allow(dead_code)]
#[path = "../../runtime/defaults.rs"]
mod defaults;

use defaults::*;

/// What the README says about retries, one sentence per fact. The root README must say each of
/// them too (a test reads it).
pub fn retry_facts() -> Vec<String> {
    vec![
        format!(
            "Only {} are retried, unless a request says `.idempotent(true)`.",
            list(&IDEMPOTENT_METHODS)
        ),
        format!(
            "They are retried on connection failures, timeouts, {} answers,",
            list(&RETRY_STATUSES)
        ),
        format!("{MAX_RETRIES} times by default (`max_retries`, 0 turns retries off),"),
        format!(
            "with exponential backoff and full jitter from {} up to {}.",
            seconds(BACKOFF_BASE),
            seconds(BACKOFF_CAP)
        ),
        format!(
            "A wait longer than `max_retry_wait` ({}) returns the error at once.",
            seconds(MAX_RETRY_WAIT)
        ),
    ]
}

/// What the README says about the other limits, as [`retry_facts`].
pub fn limit_facts() -> Vec<String> {
    vec![
        format!("Up to {MAX_REDIRECTS} redirects within the origin are followed."),
        format!("past `max_pages` ({} by default)", thousands(MAX_PAGES)),
        format!(
            "A response body larger than `max_response_size` ({}) fails the request.",
            mebibytes(MAX_RESPONSE_SIZE)
        ),
        format!(
            "One attempt may take `timeout` ({}), connecting `connect_timeout` ({}).",
            seconds(TIMEOUT),
            seconds(CONNECT_TIMEOUT)
        ),
    ]
}

/// `a, b and c`.
fn list(items: &[impl ToString]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

/// `0.5 s`, `60 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// `10,000`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `64 MiB`, or bytes when not a whole number of MiB.
fn mebibytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    match bytes % MIB {
        0 => format!("{} MiB", bytes / MIB),
        _ => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(list(&[408, 429, 500]), "408, 429 and 500");
        assert_eq!(list(&["GET"]), "GET");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
        assert_eq!(seconds(Duration::from_secs(8)), "8 s");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(mebibytes(64 * 1024 * 1024), "64 MiB");
        assert_eq!(mebibytes(1000), "1000 bytes");
    }

    /// The hand-written root README states the same facts as the generated one.
    #[test]
    fn the_root_readme_states_the_runtime_facts() {
        let readme = include_str!("../../../README.md");
        let readme: String = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        let missing: Vec<String> = retry_facts()
            .into_iter()
            .chain(limit_facts())
            .filter(|fact| !readme.contains(fact.as_str()))
            .collect();
        assert!(missing.is_empty(), "README.md does not say: {missing:#?}");
        // What it once said, while 501 and 505 were never retried.
        assert!(!readme.contains("5XX answers"), "README.md says 5XX answers are retried");
    }
}
