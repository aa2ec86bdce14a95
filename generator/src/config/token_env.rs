//! Which environment variables the settings file may name for `Client::from_env`.
//!
//! The settings file travels with the spec (a pull request changes both), and whatever it
//! names, `from_env` reads and sends to the spec's server. So a name must be one of the API's
//! own: it begins with a word of the crate's name and `_` (`DIGITALOCEAN_TOKEN` for
//! `digitalocean-images`), which the person running the generator chose on the command line.
//! A pattern such as "ends in `_TOKEN`" plus a list of others' credentials would not do: the
//! list is never complete (`OPENAI_API_KEY`, `HF_TOKEN`, `SLACK_BOT_TOKEN`…). A few names are
//! refused whatever the crate is called: the credentials of the tools that build, test and
//! publish a crate, which no API client reads.

/// Prefixes of the build's and CI's own credentials (cargo's registry tokens, the GitHub Actions
/// runner's, GitLab CI's job token).
const NEVER: [&str; 4] = ["CARGO_REGISTRY_TOKEN", "CARGO_REGISTRIES_", "ACTIONS_", "CI_JOB_"];

/// Why the settings file may not name the variable `name` for the crate `crate_name`, if it
/// may not: a clause that follows the name.
pub fn check(name: &str, crate_name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err("is not an environment variable name".to_owned());
    }
    let upper = name.to_ascii_uppercase();
    if NEVER.iter().any(|never| upper.starts_with(never)) {
        return Err("is a credential of the tools that build and publish crates, which no API \
                    client reads"
            .to_owned());
    }
    let prefixes: Vec<String> = crate_name
        .split(['-', '_'])
        .filter(|word| !word.is_empty())
        .map(|word| format!("{}_", word.to_ascii_uppercase()))
        .collect();
    if prefixes.iter().any(|prefix| upper.len() > prefix.len() && upper.starts_with(prefix)) {
        return Ok(());
    }
    let allowed: Vec<String> = prefixes.iter().map(|prefix| format!("`{prefix}…`")).collect();
    Err(format!(
        "is not named for the crate `{crate_name}`: a settings file may name only variables that \
         begin with a word of the crate's name ({}), so that it cannot make `Client::from_env` \
         send another service's credential to the spec's server",
        allowed.join(" or ")
    ))
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn the_crates_own_names_pass_and_others_credentials_do_not() {
        for name in ["DIGITALOCEAN_TOKEN", "DIGITALOCEAN_ACCESS_TOKEN", "images_api_key"] {
            assert_eq!(check(name, "digitalocean-images"), Ok(()), "{name}");
        }
        for name in [
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "OPENAI_API_KEY",
            "DIGITALOCEAN",
            "DIGITALOCEAN_",
            "DIGITALOCEANX_TOKEN",
        ] {
            let refused = check(name, "digitalocean-images").unwrap_err();
            assert!(refused.contains("(`DIGITALOCEAN_…` or `IMAGES_…`)"), "{name}: {refused}");
        }
        assert_eq!(check("GITHUB_TOKEN", "github"), Ok(()));
        for name in ["CARGO_REGISTRY_TOKEN", "CARGO_REGISTRIES_MINE_TOKEN", "ACTIONS_RUNTIME_TOKEN"]
        {
            let refused = check(name, "cargo-actions-registries").unwrap_err();
            assert!(refused.contains("build and publish"), "{name}: {refused}");
        }
        assert!(check("A-B", "a").unwrap_err().contains("not an environment variable name"));
    }
}
