//! The spec's security schemes → the one way the client sends its credentials.
//!
//! A client takes one secret (`Client::new(token)`), plus HTTP basic credentials when asked. The
//! scheme that decides where the secret goes is one the top-level `security` names (of those it
//! offers as alternatives, a bearer token over basic credentials over an API key, as a token is
//! what a caller most often holds; Stripe lists `basicAuth` before `bearerAuth`), else the first
//! declared. Schemes the client cannot fill in by itself (OAuth 2 and OpenID Connect flows) take
//! their access token as a bearer token. A scheme may be a `$ref` to another.

use indexmap::IndexMap;
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};

use super::Lowerer;
use crate::error::Pointer;
use crate::model::Auth;

type Schemes = IndexMap<String, ReferenceOr<SecurityScheme>>;

impl Lowerer<'_> {
    pub(super) fn auth(&mut self) -> Auth {
        let Some(components) = &self.spec.components else { return Auth::None };
        let schemes = &components.security_schemes;
        let Some(name) = self.chosen_scheme(schemes) else { return Auth::None };
        let auth = match scheme(schemes, name).and_then(scheme_auth) {
            Ok(auth) => auth,
            Err(problem) => {
                self.error(&scheme_pointer(name), problem);
                return Auth::None;
            }
        };
        // The client sends its secret one way; a scheme that wants it elsewhere goes unused.
        // A `$ref` is left to the scheme it names, which is an entry too.
        for (other, scheme) in schemes {
            let ReferenceOr::Item(scheme) = scheme else { continue };
            if other != name && scheme_auth(scheme).is_ok_and(|theirs| theirs != auth) {
                self.warn(
                    &scheme_pointer(other),
                    format!("a second way to authenticate is not supported: the client uses only `{name}`"),
                );
            }
        }
        auth
    }

    /// The scheme the client uses: the most preferred one the top-level `security` names that
    /// the client can fill in (the first named if none can, to report it), else the first
    /// declared.
    fn chosen_scheme<'s>(&self, schemes: &'s Schemes) -> Option<&'s str> {
        let named: Vec<&'s String> = (self.spec.security.iter().flatten())
            .flat_map(|requirement| requirement.keys())
            .filter_map(|name| schemes.get_key_value(name).map(|(name, _)| name))
            .collect();
        let usable = named.iter().filter_map(|name| {
            let auth = scheme(schemes, name).and_then(scheme_auth).ok()?;
            Some((preference(&auth), *name))
        });
        // `min_by_key` keeps the first of equals, so the spec's order breaks ties.
        let best = usable.min_by_key(|(rank, _)| *rank).map(|(_, name)| name);
        best.or(named.first().copied()).or_else(|| schemes.keys().next()).map(String::as_str)
    }
}

/// Lower is preferred.
fn preference(auth: &Auth) -> u8 {
    match auth {
        Auth::Bearer => 0,
        Auth::Basic => 1,
        Auth::ApiKeyHeader(_) | Auth::ApiKeyQuery(_) | Auth::ApiKeyCookie(_) => 2,
        Auth::None => 3,
    }
}

fn scheme_pointer(name: &str) -> Pointer {
    Pointer::default().join("components").join("securitySchemes").join(name)
}

/// The scheme named `name`, through any `$ref`s to other schemes of the document.
fn scheme<'s>(schemes: &'s Schemes, name: &str) -> Result<&'s SecurityScheme, String> {
    let mut current = name;
    // Each step names another entry, so more steps than entries means a circle.
    for _ in 0..=schemes.len() {
        match schemes.get(current) {
            Some(ReferenceOr::Item(scheme)) => return Ok(scheme),
            Some(ReferenceOr::Reference { reference }) => {
                current = (reference.strip_prefix("#/components/securitySchemes/"))
                    .filter(|target| !target.contains('/'))
                    .ok_or_else(|| format!("security scheme `{name}` leads to `{reference}`, which is not a security scheme in `#/components/securitySchemes`"))?;
            }
            None => {
                return Err(format!(
                    "security scheme `{name}` leads to `{current}`, which is not declared"
                ))
            }
        }
    }
    Err(format!("security scheme `{name}` is a circle of $refs"))
}

/// Where a scheme puts the client's secret, or why the client cannot fill it in.
fn scheme_auth(scheme: &SecurityScheme) -> Result<Auth, String> {
    Ok(match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            Auth::Bearer
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => Auth::Basic,
        SecurityScheme::HTTP { scheme, .. } => {
            return Err(format!(
                "HTTP authentication scheme `{scheme}` is not supported; `bearer` and `basic` are"
            ))
        }
        SecurityScheme::APIKey { location, name, .. } => match location {
            APIKeyLocation::Header => Auth::ApiKeyHeader(name.clone()),
            APIKeyLocation::Query => Auth::ApiKeyQuery(name.clone()),
            APIKeyLocation::Cookie => Auth::ApiKeyCookie(name.clone()),
        },
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => Auth::Bearer,
    })
}
