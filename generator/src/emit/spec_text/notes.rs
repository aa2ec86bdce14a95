//! The docs lowering decided ([`Docs`]) in words: the spec's description as prose, then its
//! notes, with every value from the spec as a code span or one line of text. Notes become text
//! here and nowhere else.

use super::Doc;
use crate::model::{Bound, Counted, Docs, Note};

impl Doc {
    /// An item's docs: its description, then one paragraph of what its values may be (`From 1
    /// to 200. Default: `20`.`), then a paragraph for each note on the item itself.
    pub fn docs(self, docs: &Docs) -> Doc {
        let mut doc = self.prose(docs.description.as_deref().unwrap_or_default());
        let (values, own): (Vec<&Note>, Vec<&Note>) =
            docs.notes.iter().partition(|note| on_values(note));
        for (i, note) in values.iter().enumerate() {
            doc = words(doc.ours(if i == 0 { "" } else { " " }), note);
        }
        if !values.is_empty() {
            doc = doc.ours("\n\n");
        }
        for note in own {
            doc = words(doc, note).ours("\n\n");
        }
        doc
    }
}

/// Whether a note is about the values an item takes, which share one paragraph, rather than
/// about the item, which gets a paragraph of its own.
fn on_values(note: &Note) -> bool {
    !matches!(
        note,
        Note::ReadOnly | Note::WriteOnly | Note::Deprecated | Note::MergedVariants { .. }
    )
}

/// One note as a sentence.
fn words(doc: Doc, note: &Note) -> Doc {
    match note {
        Note::OneOf(values) => {
            let mut doc = doc.ours("One of ");
            for (i, value) in values.iter().enumerate() {
                doc = doc.ours(if i == 0 { "" } else { ", " }).code(value);
            }
            doc.ours(".")
        }
        Note::Range { min, max } => range(doc, min.as_ref(), max.as_ref()).ours("."),
        Note::MultipleOf(step) => doc.ours("A multiple of ").plain(step).ours("."),
        Note::Count { min, max, of } => count(doc, *min, *max, *of).ours("."),
        Note::Pattern(pattern) => doc.ours("Matches the pattern ").code(pattern).ours("."),
        Note::Format(format) => {
            let format = if format == "byte" { "byte (base64)" } else { format };
            doc.ours("Format: ").code(format).ours(".")
        }
        Note::UniqueItems => doc.ours("No item may appear twice."),
        Note::Default(value) => doc.ours("Default: ").code(value).ours("."),
        Note::ReadOnly => doc.ours("Read-only: sent by the server, ignored in requests."),
        Note::WriteOnly => doc.ours("Write-only: sent in requests, never returned."),
        Note::Deprecated => doc.ours("Deprecated."),
        Note::MergedVariants { first, second } => (doc.ours("The fields of ").code(first))
            .ours(" and of ")
            .code(second)
            .ours(", which JSON cannot tell apart, in one struct."),
    }
}

/// `From 1 to 200`, `At least 1`, `Greater than 0 and at most 10`.
fn range(doc: Doc, min: Option<&Bound>, max: Option<&Bound>) -> Doc {
    match (min, max) {
        (Some(min), Some(max)) if !min.exclusive && !max.exclusive && min.value == max.value => {
            doc.ours("Exactly ").plain(&min.value)
        }
        (Some(min), Some(max)) if !min.exclusive && !max.exclusive => {
            doc.ours("From ").plain(&min.value).ours(" to ").plain(&max.value)
        }
        (Some(min), Some(max)) => upper(lower(doc, min).ours(" and "), max, false),
        (Some(min), None) => lower(doc, min),
        (None, Some(max)) => upper(doc, max, true),
        (None, None) => doc,
    }
}

/// The lower bound, which starts its sentence.
fn lower(doc: Doc, min: &Bound) -> Doc {
    doc.ours(if min.exclusive { "Greater than " } else { "At least " }).plain(&min.value)
}

/// The upper bound, starting the sentence or after the lower bound.
fn upper(doc: Doc, max: &Bound, starts: bool) -> Doc {
    let words = match (max.exclusive, starts) {
        (true, true) => "Less than ",
        (true, false) => "less than ",
        (false, true) => "At most ",
        (false, false) => "at most ",
    };
    doc.ours(words).plain(&max.value)
}

/// `1 to 255 characters`, `At least 1 item`, `Exactly 2 properties`.
fn count(doc: Doc, min: Option<usize>, max: Option<usize>, of: Counted) -> Doc {
    let (one, many) = match of {
        Counted::Characters => ("character", "characters"),
        Counted::Items => ("item", "items"),
        Counted::Properties => ("property", "properties"),
    };
    let unit = |n: usize| if n == 1 { one } else { many };
    let text = match (min, max) {
        (Some(min), Some(max)) if min == max => format!("Exactly {min} {}", unit(min)),
        (Some(min), Some(max)) => format!("{min} to {max} {many}"),
        (Some(min), None) => format!("At least {min} {}", unit(min)),
        (None, Some(max)) => format!("At most {max} {}", unit(max)),
        (None, None) => String::new(),
    };
    doc.ours(&text)
}

#[cfg(test)]
mod tests {
    use crate::emit::spec_text::Doc;
    use crate::model::{Bound, Counted, Docs, Note};

    fn said(notes: Vec<Note>) -> String {
        Doc::new().docs(&Docs { description: None, notes }).into_markdown().trim_end().to_owned()
    }

    fn bound(value: &str, exclusive: bool) -> Option<Bound> {
        Some(Bound { value: value.to_owned(), exclusive })
    }

    #[test]
    fn ranges_lengths_counts_patterns_and_formats_are_said() {
        let range = |min, max| Note::Range { min, max };
        let count = |min, max, of| Note::Count { min, max, of };
        let cases = [
            (range(bound("1", false), bound("200", false)), "From 1 to 200."),
            (range(bound("1", false), None), "At least 1."),
            (range(bound("3", false), bound("3", false)), "Exactly 3."),
            (range(bound("0", true), bound("1.5", false)), "Greater than 0 and at most 1.5."),
            (range(None, bound("10", true)), "Less than 10."),
            (Note::MultipleOf("5".into()), "A multiple of 5."),
            (count(Some(1), Some(255), Counted::Characters), "1 to 255 characters."),
            (count(Some(1), None, Counted::Characters), "At least 1 character."),
            (count(None, Some(10), Counted::Items), "At most 10 items."),
            (count(Some(2), None, Counted::Properties), "At least 2 properties."),
            (Note::Pattern("^[a-z]+$".into()), "Matches the pattern `^[a-z]+$`."),
            (Note::Format("byte".into()), "Format: `byte (base64)`."),
            (Note::OneOf(vec!["1".into(), "null".into()]), "One of `1`, `null`."),
        ];
        for (note, expected) in cases {
            assert_eq!(said(vec![note.clone()]), expected, "{note:?}");
        }
    }

    #[test]
    fn value_notes_share_a_paragraph_and_the_rest_stand_alone() {
        let docs = Docs {
            description: Some("The size.".into()),
            notes: vec![Note::UniqueItems, Note::Default("[]".into()), Note::ReadOnly],
        };
        assert_eq!(
            Doc::new().docs(&docs).into_markdown(),
            "The size.\n\nNo item may appear twice. Default: `[]`.\n\n\
             Read-only: sent by the server, ignored in requests.\n\n"
        );
    }

    /// A pattern or default is spec text: it stays one code span on one line, however many
    /// backticks and line breaks it holds, so it can open no block.
    #[test]
    fn spec_values_in_notes_stay_in_their_code_span() {
        let fence = "a\n```should_panic\nrun()\n```";
        let notes = vec![Note::Pattern(fence.into()), Note::Default("\"`x`\"".into())];
        assert_eq!(
            said(notes),
            "Matches the pattern ```` a\\n```should_panic\\nrun()\\n``` ````. Default: ``\"`x`\"``."
        );
    }
}
