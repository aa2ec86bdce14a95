//! The words of the synthetic specs: resource nouns, field names and the enum value lists big
//! specs repeat, shared by every shape so that names look real and sizes are comparable.

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
