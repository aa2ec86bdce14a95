//! The spec's security schemes → the one way the client sends its credentials.
//!
//! A client takes one secret (`Client::new(token)`), plus HTTP basic credentials when asked. The
//! scheme that decides where the secret goes is the first one the top-level `security`
//! requirement names, else the first declared. Schemes the client cannot fill in by itself
//! (OAuth 2 and OpenID Connect flows) take their access token as a bearer token.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};

use super::Lowerer;
use crate::error::Pointer;
use crate::model::Auth;

impl Lowerer<'_> {
    pub(super) fn auth(&mut self) -> Auth {
        let Some(components) = &self.spec.components else { return Auth::None };
        let schemes = &components.security_schemes;
        let required = (self.spec.security.iter().flatten())
            .flat_map(|requirement| requirement.keys())
            .find_map(|name| schemes.get_key_value(name));
        let Some((name, scheme)) = required.or_else(|| schemes.first()) else { return Auth::None };
        let pointer = scheme_pointer(name);
        let scheme = match scheme {
            ReferenceOr::Item(scheme) => scheme,
            ReferenceOr::Reference { .. } => {
                self.error(
                    &pointer,
                    "a security scheme given by $ref is not supported; write it in place",
                );
                return Auth::None;
            }
        };
        let auth = match scheme_auth(scheme) {
            Ok(auth) => auth,
            Err(problem) => {
                self.error(&pointer, problem);
                return Auth::None;
            }
        };
        // The client sends its secret one way; a scheme that wants it elsewhere goes unused.
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
}

fn scheme_pointer(name: &str) -> Pointer {
    Pointer::default().join("components").join("securitySchemes").join(name)
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
