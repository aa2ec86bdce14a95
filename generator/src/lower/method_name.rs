//! Method names from the REST shape of a path, for operations whose operationId only spells out
//! their method and path (Stripe's `GetCustomersCustomerSourcesId`), or that have none: in the
//! group of `/v1/customers`, `list`, `create`, `get`, `update` and `delete`, and for what is
//! nested under one customer `list_sources`, `create_source`, `get_source`, `verify_source`.
//!
//! Any other operationId names its method, as its author chose it.

use super::operation::is_version;
use crate::model::HttpMethod;
use crate::naming;

/// What the other paths of the spec say of one path.
#[derive(Debug, Clone, Copy)]
pub(super) struct PathShape {
    /// Its path item has a `post` and no `get`: a trailing word is an action (`…/{id}/verify`).
    pub only_post: bool,
    /// Another path goes on below it, so a trailing word names a collection (`…/sources`).
    pub extended: bool,
    /// The path without the last word of its leading run of words is a path too, so that word
    /// is something of that collection (`/v1/customers/search`), not part of its name
    /// (`/v1/issuing/authorizations`).
    pub word_of_parent: bool,
}

/// The path's segments, how many of them name a version, and where its leading run of words
/// ends (at the first parameter).
pub(super) fn leading_words(path: &str) -> (Vec<&str>, usize, usize) {
    let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
    let versions = segments.iter().take_while(|segment| is_version(segment)).count();
    let end = (segments.iter().skip(versions).position(|segment| is_param(segment)))
        .map_or(segments.len(), |at| versions + at);
    (segments, versions, end)
}

/// The REST name of the operation `id` (`method` on `path`), if `id` only spells out its method
/// and path and the path has a shape the name can say.
pub(super) fn rest_name(
    id: &str,
    method: HttpMethod,
    path: &str,
    shape: PathShape,
) -> Option<String> {
    let (segments, versions, end) = leading_words(path);
    let spelled = |segments: &[&str]| {
        let words: Vec<&str> = segments.iter().map(|segment| bare(segment)).collect();
        naming::snake_name(&format!("{} {}", method.as_str(), words.join(" ")))
            == naming::snake_name(id)
    };
    if !spelled(&segments) && !spelled(&segments[versions..]) {
        return None;
    }
    // The leading words name the collection (less one that is a word of its parent); the
    // name says the rest.
    let base_end = if shape.word_of_parent && end - versions >= 2 { end - 1 } else { end };
    if base_end == versions {
        return None;
    }
    let (base, rest) = (segments[base_end - 1], &segments[base_end..]);
    let verb = |item: bool| match (method, item) {
        (HttpMethod::Get, false) => Some("list"),
        (HttpMethod::Get, true) => Some("get"),
        (HttpMethod::Post, false) => Some("create"),
        (HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch, _) => Some("update"),
        (HttpMethod::Delete, _) => Some("delete"),
        _ => None,
    };
    let action = method == HttpMethod::Post && shape.only_post && !shape.extended;
    let name = match rest {
        // `GET /health` is one thing, `GET /widgets` many.
        [] if method == HttpMethod::Get && !base.ends_with('s') => "get".to_owned(),
        [] => verb(false)?.to_owned(),
        [item] if is_param(item) => verb(true)?.to_owned(),
        // `GET /v1/customers/search`: a word of the collection itself.
        [word] if matches!(method, HttpMethod::Get | HttpMethod::Post) => (*word).to_owned(),
        [item, word] if is_param(item) && !is_param(word) => match method {
            HttpMethod::Post if action => (*word).to_owned(),
            HttpMethod::Post => format!("create_{}", singular(word)),
            // `…/{customer}/discount` is one thing, `…/{customer}/sources` many.
            HttpMethod::Get if !word.ends_with('s') => format!("get_{word}"),
            _ => format!("{}_{word}", verb(false)?),
        },
        [item, word, nested] if is_param(item) && !is_param(word) && is_param(nested) => {
            format!("{}_{}", verb(true)?, singular(word))
        }
        [item, word, nested, act] if is_param(item) && is_param(nested) && action => {
            format!("{act}_{}", singular(word))
        }
        _ => return None,
    };
    Some(naming::snake_name(&name))
}

fn is_param(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn bare(segment: &str) -> &str {
    segment.trim_start_matches('{').trim_end_matches('}')
}

/// `sources` → `source`, `balance_transactions` → `balance_transaction`, `entries` → `entry`,
/// `addresses` → `address`; a word that does not end in a plural `s` is kept.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|stem| stem.len() > 1) {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') && !stem.is_empty() => {
            stem.to_owned()
        }
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLLECTION: PathShape =
        PathShape { only_post: false, extended: true, word_of_parent: false };
    const ACTION: PathShape = PathShape { only_post: true, extended: false, word_of_parent: false };
    const OF_PARENT: PathShape = PathShape { word_of_parent: true, ..COLLECTION };

    fn name(id: &str, method: HttpMethod, path: &str, shape: PathShape) -> Option<String> {
        rest_name(id, method, path, shape)
    }

    #[test]
    fn stripes_operation_ids_become_the_rest_verbs_of_their_group() {
        use HttpMethod::*;
        let cases = [
            ("GetCustomers", Get, "/v1/customers", "list"),
            ("PostCustomers", Post, "/v1/customers", "create"),
            ("GetCustomersCustomer", Get, "/v1/customers/{customer}", "get"),
            ("PostCustomersCustomer", Post, "/v1/customers/{customer}", "update"),
            ("DeleteCustomersCustomer", Delete, "/v1/customers/{customer}", "delete"),
            ("GetIssuingCards", Get, "/v1/issuing/cards", "list"),
            ("GetIssuingCardsCard", Get, "/v1/issuing/cards/{card}", "get"),
            (
                "GetCustomersCustomerSources",
                Get,
                "/v1/customers/{customer}/sources",
                "list_sources",
            ),
            (
                "PostCustomersCustomerSources",
                Post,
                "/v1/customers/{customer}/sources",
                "create_source",
            ),
            (
                "GetCustomersCustomerSourcesId",
                Get,
                "/v1/customers/{customer}/sources/{id}",
                "get_source",
            ),
            (
                "DeleteCustomersCustomerDiscount",
                Delete,
                "/v1/customers/{customer}/discount",
                "delete_discount",
            ),
            (
                "GetCustomersCustomerDiscount",
                Get,
                "/v1/customers/{customer}/discount",
                "get_discount",
            ),
            (
                "PostCustomersCustomerBalanceTransactions",
                Post,
                "/v1/customers/{customer}/balance_transactions",
                "create_balance_transaction",
            ),
        ];
        for (id, method, path, expected) in cases {
            assert_eq!(name(id, method, path, COLLECTION).as_deref(), Some(expected), "{id}");
        }
        let verify = "/v1/customers/{customer}/sources/{id}/verify";
        assert_eq!(
            name("PostCustomersCustomerSourcesIdVerify", Post, verify, ACTION).as_deref(),
            Some("verify_source")
        );
        let pay = "/v1/invoices/{invoice}/pay";
        assert_eq!(name("PostInvoicesInvoicePay", Post, pay, ACTION).as_deref(), Some("pay"));
        assert_eq!(name("GetHealth", Get, "/health", COLLECTION).as_deref(), Some("get"));
        let search = "/v1/customers/search";
        assert_eq!(name("GetCustomersSearch", Get, search, OF_PARENT).as_deref(), Some("search"));
        // No operationId: the one made from method and path is spelled out too.
        assert_eq!(
            name("get /widgets/{id}", Get, "/widgets/{id}", COLLECTION).as_deref(),
            Some("get")
        );
    }

    #[test]
    fn an_operation_id_its_author_chose_is_kept() {
        let get = HttpMethod::Get;
        assert_eq!(name("droplets_list", get, "/v2/droplets", COLLECTION), None);
        assert_eq!(name("repos/get", get, "/repos/{owner}/{repo}", COLLECTION), None);
        assert_eq!(
            name("GetThings", get, "/{tenant}/things", COLLECTION),
            None,
            "no resource first"
        );
    }

    #[test]
    fn plurals_lose_their_s_and_other_words_are_kept() {
        let cases = [
            ("sources", "source"),
            ("entries", "entry"),
            ("addresses", "address"),
            ("boxes", "box"),
            ("status", "status"),
            ("access", "access"),
            ("data", "data"),
        ];
        for (plural, one) in cases {
            assert_eq!(singular(plural), one);
        }
    }
}
