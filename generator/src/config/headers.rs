//! The API's own header conventions the settings file gives: headers sent with every request
//! (an API version: Stripe's `Stripe-Version`, GitHub's `X-GitHub-Api-Version`) and the headers
//! that carry the server's id for a request (GitHub's `x-github-request-id`).
//!
//! The file is as untrusted as the spec, so a header may not be one the client itself owns
//! (credentials, cookies, the body's framing), and names and values must be valid on the wire.

/// Headers the client sets itself, which the settings file may not set for it.
const OWNED: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "accept",
];

/// An HTTP header name: one or more RFC 9110 token characters.
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why `name` cannot be a header the settings file names, if it cannot.
pub fn check_name(name: &str) -> Result<(), String> {
    if !is_header_name(name) {
        return Err("is not a valid HTTP header name".to_owned());
    }
    if OWNED.contains(&name.to_ascii_lowercase().as_str()) {
        return Err("is a header the client sets itself".to_owned());
    }
    Ok(())
}

/// Why `value` cannot be sent as a header value, if it cannot: visible ASCII and inner spaces
/// only, so it is the same text on every platform and in every log.
pub fn check_value(value: &str) -> Result<(), String> {
    let visible = value.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    if value.is_empty() || !visible || value.trim() != value {
        return Err("is not a header value of visible ASCII characters".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values_are_checked_and_the_clients_own_headers_refused() {
        assert!(check_name("X-GitHub-Api-Version").is_ok());
        assert!(check_name("Stripe-Version").is_ok());
        assert!(check_name("Authorization").unwrap_err().contains("client sets itself"));
        assert!(check_name("bad name").unwrap_err().contains("not a valid"));
        assert!(check_value("2022-11-28").is_ok());
        assert!(check_value("a\r\nx-evil: 1").is_err());
        assert!(check_value(" padded").is_err());
        assert!(check_value("").is_err());
    }
}
