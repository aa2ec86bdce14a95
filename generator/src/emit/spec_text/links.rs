//! Link targets from spec HTML (`<a href="/docs/api">`), resolved against the documentation
//! base URL of the settings file (`[docs] base_url`) and written so markdown cannot misread them.
//!
//! Stripe links to its own docs with paths (`/docs/api/customers`) and anchors
//! (`#create_charge`), which lead nowhere from a crate's docs. A target becomes a link only as
//! an `http(s)` URL: relative ones with a base, by RFC 3986's rules (section 5.2); without one,
//! and for any other scheme (`javascript:`, `data:`), there is no link, only its text.

/// The parts of a base URL a relative target keeps: `https://stripe.com`, `/docs/api`, `?v=1`.
struct Base<'a> {
    scheme: &'a str,
    origin: &'a str,
    path: &'a str,
    query: &'a str,
}

impl<'a> Base<'a> {
    /// `base` split into its parts, if it is an `http(s)` URL with a host (the settings file is
    /// checked for that, so this fails only for text it never allowed).
    fn parse(base: &'a str) -> Option<Base<'a>> {
        let base = base.split('#').next().unwrap_or_default();
        let (scheme, rest) = base.split_once("://")?;
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return None;
        }
        let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if host_end == 0 {
            return None;
        }
        let origin = &base[..scheme.len() + 3 + host_end];
        let rest = &rest[host_end..];
        let (path, query) = rest.split_at(rest.find('?').unwrap_or(rest.len()));
        Some(Base { scheme, origin, path, query })
    }
}

/// The `http(s)` URL `href` leads to from a page at `base`, written for a markdown link
/// destination; `None` when it leads to no web page the docs can link to.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    // Browsers drop surrounding whitespace and any tab or line break inside a URL.
    let href: String = href.trim().chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if let Some(scheme) = scheme_of(&href) {
        let rest = &href[scheme.len() + 1..];
        let http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        let host = rest.strip_prefix("//").and_then(|rest| rest.split(['/', '?', '#']).next());
        return (http && host.is_some_and(|host| !host.is_empty())).then(|| destination(&href));
    }
    let base = Base::parse(base?)?;
    let resolved = if href.is_empty() {
        return None;
    } else if let Some(network) = href.strip_prefix("//") {
        if network.split(['/', '?', '#']).next().unwrap_or_default().is_empty() {
            return None;
        }
        format!("{}:{href}", base.scheme)
    } else if href.starts_with('#') {
        format!("{}{}{}{href}", base.origin, base.path, base.query)
    } else if href.starts_with('?') {
        format!("{}{}{href}", base.origin, base.path)
    } else {
        let end = href.find(['?', '#']).unwrap_or(href.len());
        let (path, tail) = href.split_at(end);
        let merged = if path.starts_with('/') {
            path.to_owned()
        } else {
            // RFC 3986 5.2.3: the base path up to its last `/` (`/` itself for an empty one).
            let dir = base.path.rfind('/').map_or("/", |at| &base.path[..=at]);
            format!("{dir}{path}")
        };
        format!("{}{}{tail}", base.origin, remove_dot_segments(&merged))
    };
    Some(destination(&resolved))
}

/// The scheme of an absolute URL (`https` in `https://…`), if `href` has one.
fn scheme_of(href: &str) -> Option<&str> {
    let (scheme, _) = href.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// RFC 3986 5.2.4: `path` with its `.` and `..` steps taken, never above the root.
fn remove_dot_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    kept.pop();
                }
                // `a/..` and `a/.` name the directory, so the path keeps its final `/`.
                if last {
                    kept.push("");
                }
            }
            segment => kept.push(segment),
        }
    }
    format!("/{}", kept.join("/"))
}

/// `url` with every character a markdown link destination or the docs sanitiser would read
/// (spaces, brackets, parentheses, backticks, angle brackets, quotes, backslashes, controls,
/// anything not ASCII) percent-encoded, so the destination ends where the URL does.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~:/?#@!$&'*+,;=%".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::resolve;

    const STRIPE: Option<&str> = Some("https://stripe.com/docs/api");

    #[test]
    fn relative_targets_resolve_against_the_base() {
        let cases = [
            ("/docs/connect", "https://stripe.com/docs/connect"),
            ("#create_charge", "https://stripe.com/docs/api#create_charge"),
            ("?tab=x", "https://stripe.com/docs/api?tab=x"),
            ("customers", "https://stripe.com/docs/customers"),
            ("../../a/./b/..", "https://stripe.com/a/"),
            ("//example.com/x", "https://example.com/x"),
            ("https://dashboard.stripe.com/coupons", "https://dashboard.stripe.com/coupons"),
        ];
        for (href, expected) in cases {
            assert_eq!(resolve(STRIPE, href).as_deref(), Some(expected), "{href}");
        }
        assert_eq!(resolve(Some("https://x.com"), "a/b").as_deref(), Some("https://x.com/a/b"));
        assert_eq!(resolve(Some("https://x.com?q#f"), "#g").as_deref(), Some("https://x.com?q#g"));
    }

    #[test]
    fn only_web_pages_become_links() {
        assert_eq!(resolve(None, "/docs/api"), None);
        assert_eq!(resolve(None, "#anchor"), None);
        assert_eq!(resolve(STRIPE, ""), None);
        assert_eq!(resolve(STRIPE, "javascript:alert(1)"), None);
        assert_eq!(resolve(STRIPE, " JavaScript:alert(1)"), None);
        assert_eq!(resolve(STRIPE, "data:text/html,x"), None);
        assert_eq!(resolve(STRIPE, "mailto:a@b.c"), None);
        assert_eq!(resolve(STRIPE, "https:///path"), None);
        assert_eq!(resolve(STRIPE, "///path"), None);
        assert_eq!(resolve(None, "https://x.com/a").as_deref(), Some("https://x.com/a"));
    }

    #[test]
    fn destinations_cannot_end_early_or_hold_markup() {
        let url = resolve(STRIPE, "/a b)(c)[d]`e`<f>\"g\\é\n").unwrap();
        assert_eq!(url, "https://stripe.com/a%20b%29%28c%29%5Bd%5D%60e%60%3Cf%3E%22g%5C%C3%A9");
    }
}
