//! HTML descriptions as the markdown they become, before the sanitiser reads it.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

use super::{is_html, to_markdown};
use crate::emit::spec_text::{guard, Doc};

const BASE: Option<&str> = Some("https://stripe.com/docs/api");

fn md(html: &str) -> String {
    to_markdown(html, BASE)
}

#[test]
fn only_text_that_opens_with_a_block_tag_is_html() {
    for html in
        ["<p>Creates a customer.</p>", " \n<UL><li>a</ul>", "<pre>x</pre>", "<div\nclass=x>"]
    {
        assert!(is_html(html), "{html}");
    }
    let markdown = [
        "Plain *markdown* with <br> and <a href=\"/x\">a link</a>",
        "<br><br>Text",
        "Authorization: Basic <api_key>",
        "<paragraph>",
        "<p",
        "`<p>`",
    ];
    for text in markdown {
        assert!(!is_html(text), "{text}");
    }
}

#[test]
fn paragraphs_emphasis_and_code() {
    assert_eq!(md("<p>Creates a new customer object.</p>"), "Creates a new customer object.");
    assert_eq!(
        md("<p>If you pass the <strong>source</strong> or <b>b</b>, <em>c</em> <i>i</i> and\n  <code>past_due</code>.</p>\n\n<p>Two.</p>"),
        "If you pass the **source** or **b**, *c* *i* and `past_due`.\n\nTwo."
    );
    // Emphasis keeps its spaces outside, where markdown needs them; empty elements vanish.
    assert_eq!(md("<p>a<strong> b </strong>c<em></em><code> </code></p>"), "a **b** c");
    assert_eq!(md("<p><code>a`b</code> <code>\n x\n y </code></p>"), "``a`b`` `x y`");
    assert_eq!(md("<h2>Title</h2><p>x</p>"), "**Title**\n\nx");
}

#[test]
fn links_resolve_against_the_base_or_stay_text() {
    assert_eq!(
        md("<p>Via <a href=\"/docs/connect\">Connect</a>, <a href=\"#create_charge\">a charge</a>.</p>"),
        "Via [Connect](https://stripe.com/docs/connect), [a charge](https://stripe.com/docs/api#create_charge)."
    );
    assert_eq!(
        to_markdown("<p>Via <a href=\"/docs/connect\">Connect</a>.</p>", None),
        "Via Connect."
    );
    assert_eq!(
        md("<p><a href=\"https://dashboard.stripe.com/x\"><code>balance</code></a></p>"),
        "[`balance`](https://dashboard.stripe.com/x)"
    );
    assert_eq!(md("<p><a href=\"javascript:alert(1)\">no</a> <a>bare</a></p>"), "no bare");
    assert_eq!(md("<a href=\"/a\"><p>x</p><p>y</p></a>"), "[x](https://stripe.com/a)\n\ny");
    // A link inside a link is its text.
    assert_eq!(
        md("<p><a href=\"/a\">x <a href=\"/b\">y</a></a></p>"),
        "[x y](https://stripe.com/a)"
    );
}

#[test]
fn lists_quotes_and_breaks() {
    let html = "<p>Any of:</p>\n<ul>\n <li>Refund: <code>refund</code>.</li>\n <li>Credit.<br>Later.</li>\n</ul><p>After.</p>";
    assert_eq!(md(html), "Any of:\n\n- Refund: `refund`.\n- Credit.\\\n  Later.\n\nAfter.");
    assert_eq!(md("<ol start=\"9\"><li>a<li>b</ol>"), "9. a\n10. b");
    assert_eq!(md("<ul><li>a<ul><li>b</li></ul></li></ul>"), "- a\n\n  - b");
    assert_eq!(md("<blockquote><p>a</p><p>b</p></blockquote>"), "> a\n>\n> b");
    assert_eq!(md("<p>a<br><br>b<br></p>"), "a\n\nb");
}

#[test]
fn pre_is_a_text_fence_longer_than_its_backticks() {
    assert_eq!(md("<pre><code>\nfn main() {}\n</code></pre>"), "```text\nfn main() {}\n```");
    assert_eq!(md("<pre>```\nx\n```</pre>"), "````text\n```\nx\n```\n````");
    assert_eq!(md("<ul><li><pre>a\n  b</pre></li></ul>"), "- ```text\n  a\n    b\n  ```");
    // Tags inside are dropped, entities read; an unclosed one ends with the text.
    assert_eq!(md("<pre><b>a</b> &lt;b&gt;\n<p>x"), "```text\na <b>\nx\n```");
}

#[test]
fn text_reads_as_text_not_markdown() {
    assert_eq!(md("<p>5 * 3 `x` ~y~ \\ a_b _c_</p>"), "5 \\* 3 \\`x\\` \\~y\\~ \\\\ a_b \\_c_");
    assert_eq!(md("<p>&lt;p&gt; &amp;lt; &amp; AT&amp;T</p>"), "&lt;p> &amp;lt; & AT&amp;T");
    assert_eq!(md("<p>[a](b) ![c][d]</p>"), "[a]&#40;b) !&#91;c]&#91;d]");
    assert_eq!(
        md("<p># a</p><p>1. b<br>- c<br>&gt; d<br>=</p>"),
        "\\# a\n\n1\\. b\\\n\\- c\\\n\\> d\\\n\\="
    );
    assert_eq!(md("<p>a<script>run()</script><style>x</style> b<!-- c --></p>"), "a b");
    assert_eq!(md("<p>100 <currency>USD</currency></p>"), "100 USD");
}

/// Each closing tag rewrites what its element holds: nesting is bounded, so a hostile depth
/// costs linear time.
#[test]
fn deep_nesting_stays_linear() {
    let depth = 100_000;
    let html = format!("<p>{}x{}</p>", "<em>".repeat(depth), "</em>".repeat(depth));
    let markdown = md(&html);
    assert!(markdown.len() < 100, "{markdown}");
    let lists = format!("<ul>{}x", "<li><ul>".repeat(depth));
    assert!(md(&lists).len() < 1_000);
    // A link around many paragraphs is made once, not once a paragraph.
    let long = format!("<a href=\"/{}\">{}</a>", "x".repeat(10_000), "<p>y</p>".repeat(1_000));
    assert!(md(&long).len() < 2 * long.len(), "{}", md(&long).len());
}

/// The markdown is still spec text: the sanitiser and its guard take it like any description.
#[test]
fn converted_code_never_becomes_a_doctest() {
    let attacks = [
        "<pre>```\n```rust\nrun()\n```</pre>",
        "<p>&#96;&#96;&#96;<br>run()<br>&#96;&#96;&#96;</p>",
        "<p>x<br>\n        run()</p>",
        "<ul><li><blockquote><pre>    run()</pre></blockquote></li></ul>",
        "<p><code>\n```\nrun()\n```</code></p>",
        "<div><pre>\n~~~\nrun()",
    ];
    for html in attacks {
        let doc = Doc::new().prose(&to_markdown(html, None)).into_markdown();
        assert!(guard::only_safe_blocks(&doc), "{html:?} gave {doc:?}");
        // Not even the generator's own `no_run` label: every block is `text`.
        for event in Parser::new_ext(&doc, Options::all()) {
            if let Event::Start(Tag::CodeBlock(kind)) = event {
                assert_eq!(kind, CodeBlockKind::Fenced("text".into()), "{html:?} gave {doc:?}");
            }
        }
    }
}
