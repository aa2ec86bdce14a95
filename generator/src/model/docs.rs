//! What the docs of a type, field, variant or parameter say, as lowering decides it: the spec's
//! own description, and notes on what the Rust type cannot say. `emit/spec_text` words them, so
//! spec text reaches docs one way only.

/// The docs of one item: the spec's words, then the generator's notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// The spec's description (or title): markdown from an untrusted author.
    pub description: Option<String>,
    /// What else the docs say, in the order they say it.
    pub notes: Vec<Note>,
}

impl Docs {
    /// Whether the spec gave no description (not even an empty one) and there is nothing to note.
    pub fn is_empty(&self) -> bool {
        self.description.is_none() && self.notes.is_empty()
    }
}

/// One thing the docs say beyond the description. Values from the spec are kept as their text
/// (JSON text for JSON values), for emit to quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// The values a non-string enum allows, each as JSON text (`null` for a missing one).
    OneOf(Vec<String>),
    /// The bounds of a number; at least one is given.
    Range { min: Option<Bound>, max: Option<Bound> },
    /// The number every value is a multiple of, as text (`5`).
    MultipleOf(String),
    /// How many characters, items or properties a value has; at least one bound is given, and
    /// `min` is not zero.
    Count { min: Option<usize>, max: Option<usize>, of: Counted },
    /// The regular expression a string matches, as the spec wrote it.
    Pattern(String),
    /// A string's `format` that its Rust type does not show (`uuid`, `byte`), as written.
    Format(String),
    /// No item of the array may appear twice (`uniqueItems`).
    UniqueItems,
    /// The value the server assumes when none is sent, as JSON text.
    Default(String),
    /// A property only responses carry (`readOnly`).
    ReadOnly,
    /// A property only requests carry (`writeOnly`).
    WriteOnly,
    /// `deprecated: true` in the spec, for items whose docs say so.
    Deprecated,
    /// A struct holding the fields of two variants of an untagged union, which JSON cannot tell
    /// apart: the two variants' type names.
    MergedVariants { first: String, second: String },
}

/// One end of a [`Note::Range`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The number, as text (`200`, `1.5`).
    pub value: String,
    /// Whether the value itself is outside the range (`exclusiveMinimum`, `exclusiveMaximum`).
    pub exclusive: bool,
}

/// What a [`Note::Count`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Characters,
    Items,
    Properties,
}

impl super::Api {
    /// Calls `rewrite` on every description and summary the spec gave (the API's, its groups',
    /// operations', parameters', types', fields', variants'), for a change every description
    /// needs before it is worded, such as HTML made markdown.
    pub fn rewrite_descriptions(&mut self, mut rewrite: impl FnMut(&mut String)) {
        use super::TypeKind;
        let mut docs = |docs: &mut Docs| {
            if let Some(text) = &mut docs.description {
                rewrite(text);
            }
        };
        for def in self.types.values_mut() {
            docs(&mut def.docs);
            match &mut def.kind {
                TypeKind::Struct { fields, constant, .. } => {
                    fields.iter_mut().for_each(|field| docs(&mut field.docs));
                    if let Some(constant) = constant {
                        docs(&mut constant.docs);
                    }
                }
                TypeKind::Tagged { variants, .. } => {
                    for variant in variants {
                        docs(&mut variant.docs);
                        variant.fields.iter_mut().for_each(|field| docs(&mut field.docs));
                    }
                }
                TypeKind::StringEnum { .. }
                | TypeKind::Untagged { .. }
                | TypeKind::Alias(_)
                | TypeKind::Newtype(_) => {}
            }
        }
        for op in self.groups.iter_mut().flat_map(|group| &mut group.operations) {
            op.params.iter_mut().for_each(|param| docs(&mut param.docs));
        }
        for group in &mut self.groups {
            let ops = group.operations.iter_mut();
            let texts = ops.flat_map(|op| [&mut op.summary, &mut op.description]);
            texts.chain([&mut group.docs]).flatten().for_each(&mut rewrite);
        }
        if let Some(text) = &mut self.description {
            rewrite(text);
        }
    }
}
