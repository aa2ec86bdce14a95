//! The base URL: the first server's URL with its variables' defaults filled in.

use crate::error::Pointer;

/// The longest base URL the generator writes. Real ones are a few dozen bytes; the bound keeps a
/// spec whose defaults name one another from growing the URL without end.
const MAX_URL_LEN: usize = 8 * 1024;

/// The first server's URL with each `{variable}` replaced by its default, in one pass from left
/// to right: a default is written as it is, never searched for variables again. A `{name}` that
/// names no variable is left as written. Fails with the pointer and the reason when the result
/// would pass `MAX_URL_LEN`.
pub fn base_url(server: &openapiv3::Server) -> Result<String, (Pointer, String)> {
    let variables = server.variables.as_ref();
    let default_of = |name: &str| variables.and_then(|all| all.get(name)).map(|v| &v.default);
    let mut url = String::with_capacity(server.url.len());
    let mut rest = server.url.as_str();
    while !rest.is_empty() {
        // The text up to the next `{…}` with no brace inside, and that name; each byte is
        // looked at once, so `{{{{…` takes linear time.
        let (text, name, next) = match rest.find('{') {
            Some(open) => match rest[open + 1..].find(['{', '}']).map(|at| open + 1 + at) {
                Some(close) if rest.as_bytes()[close] == b'}' => {
                    (&rest[..open], Some(&rest[open + 1..close]), &rest[close + 1..])
                }
                Some(brace) => (&rest[..brace], None, &rest[brace..]),
                None => (rest, None, ""),
            },
            None => (rest, None, ""),
        };
        let value = match name {
            Some(name) => default_of(name).map_or_else(|| format!("{{{name}}}"), String::clone),
            None => String::new(),
        };
        if url.len() + text.len() + value.len() > MAX_URL_LEN {
            let pointer = Pointer::default().join("servers").join(0).join("url");
            let what = format!(
                "the server URL with its variables' defaults filled in is over {MAX_URL_LEN} bytes"
            );
            return Err((pointer, what));
        }
        url.push_str(text);
        url.push_str(&value);
        rest = next;
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use openapiv3::{Server, ServerVariable};

    use super::{base_url, MAX_URL_LEN};

    fn server(url: &str, variables: &[(&str, &str)]) -> Server {
        let variables = variables.iter().map(|(name, default)| {
            let variable = ServerVariable { default: (*default).to_owned(), ..Default::default() };
            ((*name).to_owned(), variable)
        });
        Server { url: url.to_owned(), variables: Some(variables.collect()), ..Default::default() }
    }

    #[test]
    fn variables_take_their_defaults_once() {
        let chain = server("https://{a}.example.com/{b}/{c}", &[("a", "{b}"), ("b", "v2")]);
        assert_eq!(base_url(&chain).unwrap(), "https://{b}.example.com/v2/{c}");
        assert_eq!(base_url(&server("https://{x", &[("x", "y")])).unwrap(), "https://{x");
        assert_eq!(base_url(&server("{{x}}", &[("x", "y")])).unwrap(), "{y}");
    }

    /// Each default names the next variable twice: substituted over and over, 40 of them would
    /// make a URL of 2^40 bytes.
    #[test]
    fn defaults_naming_variables_cannot_grow_the_url() {
        let names: Vec<String> = (0..40).map(|i| format!("v{i}")).collect();
        let defaults: Vec<String> = (0..40).map(|i| format!("{{v{0}}}{{v{0}}}", i + 1)).collect();
        let variables: Vec<(&str, &str)> =
            names.iter().zip(&defaults).map(|(n, d)| (n.as_str(), d.as_str())).collect();
        assert_eq!(base_url(&server("https://x/{v0}", &variables)).unwrap(), "https://x/{v1}{v1}");
        let long = "a".repeat(MAX_URL_LEN);
        let (pointer, what) = base_url(&server("https://x/{v}{v}", &[("v", &long)])).unwrap_err();
        assert_eq!(pointer.as_str(), "/servers/0/url");
        assert!(what.contains("over 8192 bytes"), "{what}");
    }
}
