//! Synthetic specs shaped like the big public APIs, for `bench-compile`: deterministic, so that
//! every run measures the same document.

mod copies;
pub mod github;
pub mod stripe;

pub use copies::copies_of;

use serde_json::{json, Map, Value};

/// Resource nouns; past the end of the list they take a suffix (`customer_link`), so names stay
/// word-like and unique at any size.
const NOUNS: &[&str] = &[
    "account",
    "balance",
    "charge",
    "coupon",
    "credit_note",
    "customer",
    "dispute",
    "event",
    "file",
    "invoice",
    "mandate",
    "order",
    "payment_intent",
    "payment_method",
    "payout",
    "plan",
    "price",
    "product",
    "promotion_code",
    "quote",
    "refund",
    "review",
    "setup_intent",
    "source",
    "subscription",
    "tax_rate",
    "token",
    "topup",
    "transfer",
    "webhook_endpoint",
    "application",
    "capability",
    "country_spec",
    "discount",
    "invoice_item",
    "issuing_card",
    "cardholder",
    "reader",
    "location",
    "report_run",
    "session",
    "shipping_rate",
    "tax_code",
    "transaction",
    "value_list",
    "early_fraud_warning",
    "apple_pay_domain",
    "bank_account",
];
const SUFFIXES: &[&str] = &["", "_link", "_schedule", "_entry", "_session", "_report", "_record"];

/// The `i`-th resource noun.
pub fn noun(i: usize) -> String {
    let word = NOUNS[i % NOUNS.len()];
    let suffix = SUFFIXES[(i / NOUNS.len()) % SUFFIXES.len()];
    let round = i / (NOUNS.len() * SUFFIXES.len());
    if round == 0 {
        format!("{word}{suffix}")
    } else {
        format!("{word}{suffix}_{round}")
    }
}

/// Field names for the plain properties of objects, cycled through.
pub const FIELDS: &[&str] = &[
    "description",
    "amount",
    "currency",
    "email",
    "name",
    "phone",
    "statement_descriptor",
    "receipt_email",
    "amount_refunded",
    "application_fee",
    "balance_transaction",
    "billing_reason",
    "cancel_at",
    "canceled_at",
    "collection_method",
    "country",
    "default_tax_rate",
    "due_date",
    "ending_balance",
    "footer",
    "hosted_url",
    "last_four",
    "number",
    "period_end",
    "period_start",
    "quantity",
    "reason",
    "starting_balance",
    "subtotal",
    "total",
    "trial_end",
    "unit_amount",
    "url",
    "version",
    "weight",
    "width",
    "height",
    "label",
    "login_url",
    "note",
];

/// Value lists of the inline string enums that big specs repeat, identical, in many schemas.
pub const REPEATED_ENUMS: &[(&str, &[&str])] = &[
    (
        "status",
        &[
            "active",
            "canceled",
            "incomplete",
            "incomplete_expired",
            "past_due",
            "trialing",
            "unpaid",
        ],
    ),
    ("tax_behavior", &["exclusive", "inclusive", "unspecified"]),
    ("interval", &["day", "month", "week", "year"]),
    ("type", &["bank_account", "card", "sepa_debit", "us_bank_account"]),
    ("setup_future_usage", &["off_session", "on_session"]),
    ("capture_method", &["automatic", "automatic_async", "manual"]),
];

/// A small deterministic generator (SplitMix64), so sizes and shapes vary without a seed file.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(seed)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// A plain scalar property, nullable or not, with a description as long as a real one's.
pub fn scalar(dice: &mut Dice, field: &str, nullable: bool) -> Value {
    let description =
        format!("The {} of this object, as the API reports it.", field.replace('_', " "));
    let mut schema = match dice.below(4) {
        0 => json!({"type": "integer"}),
        1 => json!({"type": "boolean"}),
        2 => json!({"type": "integer", "format": "unix-time"}),
        _ => json!({"type": "string", "maxLength": 5000}),
    };
    schema["description"] = json!(description);
    if nullable {
        schema["nullable"] = json!(true);
    }
    schema
}

/// A `$ref` to a component schema.
pub fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The document around the parts.
pub fn document(
    title: &str,
    tags: Vec<Value>,
    paths: Map<String, Value>,
    components: Value,
) -> Value {
    let mut spec = json!({
        "openapi": "3.0.0",
        "info": {"title": title, "version": "2024-01-01", "description": format!("A synthetic spec shaped like the {title}.")},
        "servers": [{"url": "https://api.example.com/"}],
        "paths": paths,
        "components": components,
    });
    if !tags.is_empty() {
        spec["tags"] = Value::Array(tags);
    }
    spec
}

/// The number of operations and of component schemas of a spec.
pub fn counts(spec: &Value) -> (usize, usize) {
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let paths = spec["paths"].as_object().into_iter().flat_map(Map::values);
    let operations =
        paths.map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count()).sum();
    let schemas = spec["components"]["schemas"].as_object().map_or(0, Map::len);
    (operations, schemas)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each synthetic spec, at a small size, has the counts asked for and generates a crate
    /// without errors or warnings.
    #[test]
    fn synthetic_specs_generate_with_the_counts_asked_for() {
        let cases = [("stripe", stripe::spec(40, 70)), ("github", github::spec(60, 50))];
        for (name, spec) in cases {
            let text = serde_json::to_string(&spec).unwrap();
            let (operations, schemas) = counts(&spec);
            let (want_operations, want_schemas) =
                if name == "stripe" { (40, 70) } else { (60, 50) };
            assert_eq!((operations, schemas), (want_operations, want_schemas), "{name}");
            let settings = generator::Settings::new("synthetic.json", "synthetic");
            let output = generator::generate(&text, &settings)
                .unwrap_or_else(|errors| panic!("{name}: {errors:?}"));
            assert!(output.warnings.is_empty(), "{name}: {:?}", output.warnings);
            let types =
                output.files.iter().find(|file| file.path == "src/types.rs").expect("types.rs");
            assert!(types.contents.contains("pub struct"), "{name}");
        }
    }

    #[test]
    fn the_same_size_gives_the_same_spec() {
        assert_eq!(stripe::spec(30, 40), stripe::spec(30, 40));
        assert_eq!(github::spec(30, 40), github::spec(30, 40));
    }

    #[test]
    fn nouns_are_unique() {
        let nouns: std::collections::BTreeSet<String> = (0..2000).map(noun).collect();
        assert_eq!(nouns.len(), 2000);
    }
}
