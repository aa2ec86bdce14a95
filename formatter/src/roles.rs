//! What each token is to the layout: whether a space comes before it on a line, where the
//! elements of a group (statements, items, fields, arms, arguments) end, and what a brace holds.
//!
//! Tokens carry no grammar, so the role of `<`, `&`, `|` or `{` is read from its neighbours:
//! `&` after an operand is a binary operator, otherwise a reference; `{` after `match x` holds
//! arms, after a path a struct literal. A wrong guess only changes how the code looks, never its
//! tokens: two punctuation characters that would lex as one are always kept apart.

use proc_macro2::Delimiter;

use crate::tokens::{Kind, Tokens};

/// What a brace group holds, which decides how it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brace {
    /// Items: a module, an `impl` or `trait` body.
    Items,
    /// Statements: a function body or any block.
    Block,
    /// The arms of a `match`.
    Arms,
    /// The fields or variants of a `struct`, `enum` or `union`.
    Fields,
    /// A struct literal or pattern, a `use` tree, a macro's braces: laid out flat if it fits.
    Literal,
}

impl Brace {
    /// Whether a group of this kind, if not empty, always takes a line per element.
    pub fn breaks(self) -> bool {
        self != Brace::Literal
    }
}

#[derive(Debug)]
pub struct Roles {
    /// Whether a space comes before the token when it is not the first of a line.
    pub space: Vec<bool>,
    /// Whether the token ends an element of its group.
    pub ends: Vec<bool>,
    /// What each `{` holds (`Literal` for other tokens).
    pub brace: Vec<Brace>,
    /// Whether the group a token opens must break over lines (it holds statements, a doc
    /// comment, or such a group).
    pub forced: Vec<bool>,
    /// Whether the group the token opens holds a macro's arguments, whose grammar is their own.
    pub macro_group: Vec<bool>,
    /// Whether the token is a trailing comma, left out when its group goes on one line.
    pub trailing: Vec<bool>,
    /// `widths[i]`: the width of tokens `..i` laid out on one line, spaces included.
    widths: Vec<usize>,
    /// Whether the token closes a group that follows `=>`.
    arm_body: Vec<bool>,
}

impl Roles {
    pub fn new(tokens: &Tokens) -> Roles {
        let n = tokens.list.len();
        let mut roles = Roles {
            space: vec![false; n],
            ends: vec![false; n],
            brace: vec![Brace::Literal; n],
            forced: vec![false; n],
            trailing: vec![false; n],
            macro_group: vec![false; n],
            widths: Vec::with_capacity(n + 1),
            arm_body: vec![false; n],
        };
        Pass { tokens, roles: &mut roles }.level(0, n, Context::Statements);
        let mut width = 0;
        roles.widths.push(0);
        for (i, token) in tokens.list.iter().enumerate() {
            if !roles.trailing[i] {
                width += usize::from(roles.space[i]) + token.width;
            }
            roles.widths.push(width);
        }
        roles
    }

    /// The width of tokens `range` on one line, counting the space before the first.
    pub fn width(&self, range: std::ops::Range<usize>) -> usize {
        self.widths[range.end] - self.widths[range.start]
    }
}

/// How a group's elements end: statements and items at `;` (or after a block), list elements
/// at `,`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Statements,
    List,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Operand,
    Keyword,
    Binary,
    Prefix,
    /// `::`
    Path,
    /// `.`, `..`, `..=`
    Dot,
    Comma,
    Semi,
    Colon,
    Question,
    /// The `!` of a macro call.
    Bang,
    AngleOpen,
    AngleClose,
    PipeOpen,
    PipeClose,
    /// `||`, a closure without parameters.
    Closure,
    Open(Delimiter),
    Close,
    Doc,
}

impl Role {
    /// Whether a token of this role can end an operand, so that `&`, `*`, `-`, `|` or `<`
    /// after it is binary.
    fn ends_operand(self) -> bool {
        matches!(self, Role::Operand | Role::Close | Role::Question | Role::AngleClose)
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "break", "const", "continue", "dyn", "else", "enum", "extern", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "static", "struct", "trait", "type", "unsafe", "use", "where", "while", "yield",
];

/// Keywords after which `(` or `[` opens a call, an index or a visibility, not an operand.
const CALLABLE_KEYWORDS: &[&str] = &["fn", "pub"];

/// Punctuation pairs that lex as one token: never written together unless they were joint.
const PAIRS: &[[char; 2]] = &[
    [':', ':'],
    ['-', '>'],
    ['=', '>'],
    ['=', '='],
    ['!', '='],
    ['<', '='],
    ['>', '='],
    ['&', '&'],
    ['|', '|'],
    ['+', '='],
    ['-', '='],
    ['*', '='],
    ['/', '='],
    ['%', '='],
    ['^', '='],
    ['&', '='],
    ['|', '='],
    ['<', '<'],
    ['>', '>'],
    ['.', '.'],
    ['<', '-'],
    ['/', '/'],
    ['/', '*'],
    ['*', '/'],
    ['#', '#'],
];

/// The state of one element of a group, for reading its braces and punctuation.
#[derive(Default)]
struct Element {
    /// Its first word after attributes and qualifiers (`struct`, `impl`, `fn`, `let`…).
    lead: Option<usize>,
    /// Whether the brace that the lead keyword owns was seen.
    lead_brace_seen: bool,
    pending: Pending,
    angles: usize,
    pipe_open: bool,
}

/// What the next brace of an element is, after a keyword that owns one.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Pending {
    #[default]
    Nothing,
    Block,
    Arms,
    /// A pattern (`if let`, `for … in`) comes first: its braces are a struct pattern's.
    Pattern,
}

struct Pass<'a> {
    tokens: &'a Tokens,
    roles: &'a mut Roles,
}

impl Pass<'_> {
    /// Reads the tokens `start..end`, one group's contents, and returns whether that group must
    /// break (it holds a doc comment or a group that must).
    fn level(&mut self, start: usize, end: usize, context: Context) -> bool {
        let t = self.tokens;
        let mut forced = false;
        let mut prev: Option<(Role, usize)> = None;
        let mut element = Element::default();
        let mut element_start = true;
        let mut i = start;
        while i < end {
            if element_start {
                element = Element { lead: self.lead(i, end), ..Element::default() };
                element_start = false;
            }
            let (role, last) = match t.list[i].kind {
                Kind::Open { delimiter, close } => {
                    let role = Role::Open(delimiter);
                    self.roles.space[i] = space(t, prev, role, i);
                    if prev.is_some_and(|(_, at)| {
                        at > 0 && t.is_punct(at, '>') && t.is_punct(at - 1, '=')
                    }) {
                        self.roles.arm_body[close] = true;
                    }
                    // A macro's arguments (`m!(…)`, `macro_rules! m {…}`) have their own grammar.
                    let macro_group = prev.is_some_and(|(role, at)| {
                        role == Role::Bang
                            || (t.list[at].kind == Kind::Ident && at > 0 && t.is_punct(at - 1, '!'))
                    });
                    self.roles.macro_group[i] = macro_group;
                    let context = if delimiter == Delimiter::Brace {
                        let brace = self.brace(prev, &mut element, i, close);
                        self.roles.brace[i] = brace;
                        if matches!(brace, Brace::Items | Brace::Block) {
                            Context::Statements
                        } else {
                            Context::List
                        }
                    } else {
                        Context::List
                    };
                    let inner = self.level(i + 1, close, context);
                    let empty = close == i + 1;
                    // A `use` tree's braces hold no spaces: `use a::{b, c};`.
                    let in_use = prev.is_some_and(|(role, _)| role == Role::Path)
                        || element.lead.is_some_and(|lead| t.text(lead) == "use");
                    if delimiter == Delimiter::Brace && !empty && !in_use {
                        self.roles.space[i + 1] = true;
                        self.roles.space[close] = true;
                    }
                    let elements = self.element_count(i, close);
                    if !empty
                        && t.is_punct(close - 1, ',')
                        && self.drops_trailing_comma(prev, delimiter, i, elements)
                    {
                        self.roles.trailing[close - 1] = true;
                    }
                    let must = inner
                        || (!empty && self.roles.brace[i].breaks())
                        || (!in_use && self.grows(delimiter, i, elements));
                    self.roles.forced[i] = must;
                    forced |= must;
                    (Role::Close, close)
                }
                Kind::Close { .. } => unreachable!("a group's close is skipped with its open"),
                Kind::Doc => {
                    forced = true;
                    (Role::Doc, i)
                }
                Kind::Literal => {
                    self.roles.space[i] = space(t, prev, Role::Operand, i);
                    (Role::Operand, i)
                }
                Kind::Ident => {
                    let role = word_role(t.text(i));
                    self.roles.space[i] = space(t, prev, role, i);
                    self.keyword(&mut element, t.text(i));
                    (role, i)
                }
                Kind::Punct { .. } => {
                    // A doc a comment could not carry stays an attribute on a line of its own.
                    forced |= t.is_kept_doc(i);
                    let (role, last) = self.punct(prev, &mut element, i, end);
                    self.roles.space[i] = space(t, prev, role, i);
                    (role, last)
                }
            };
            prev = Some((role, last));
            i = last + 1;
            let between = element.pipe_open || element.angles > 0;
            if self.ends_element(context, last, end, between) {
                self.roles.ends[last] = true;
                element_start = true;
            }
        }
        forced
    }

    /// The first word of the element at `start`, past attributes, doc comments, visibility and
    /// qualifiers such as `async` or `unsafe`.
    fn lead(&self, start: usize, end: usize) -> Option<usize> {
        let t = self.tokens;
        let mut i = start;
        while i < end {
            match t.list[i].kind {
                Kind::Doc => i += 1,
                Kind::Punct { ch: '#', .. } => {
                    i += 1;
                    if t.is_punct(i, '!') {
                        i += 1;
                    }
                    match t.list.get(i).map(|token| token.kind) {
                        Some(Kind::Open { close, .. }) => i = close + 1,
                        _ => return None,
                    }
                }
                Kind::Ident => {
                    let word = t.text(i);
                    match word {
                        "pub" => {
                            i += 1;
                            if let Some(Kind::Open { delimiter: Delimiter::Parenthesis, close }) =
                                t.list.get(i).map(|token| token.kind)
                            {
                                i = close + 1;
                            }
                        }
                        "async" | "unsafe" | "default" => i += 1,
                        "const" if t.is_ident(i + 1, "fn") || t.is_ident(i + 1, "unsafe") => i += 1,
                        "extern"
                            if matches!(t.list.get(i + 1).map(|x| x.kind), Some(Kind::Literal)) =>
                        {
                            i += 2
                        }
                        _ => return Some(i),
                    }
                }
                _ => return None,
            }
        }
        None
    }

    fn keyword(&self, element: &mut Element, word: &str) {
        element.pending = match (word, element.pending) {
            ("if" | "while" | "else" | "loop" | "unsafe" | "async", _) => Pending::Block,
            ("match", _) => Pending::Arms,
            ("for", _) => Pending::Pattern,
            ("let", Pending::Block) => Pending::Pattern,
            ("in", Pending::Pattern) => Pending::Block,
            (_, pending) => pending,
        };
    }

    /// What the brace at `open` holds.
    fn brace(
        &self,
        prev: Option<(Role, usize)>,
        element: &mut Element,
        open: usize,
        close: usize,
    ) -> Brace {
        let t = self.tokens;
        let prev_role = prev.map(|(role, _)| role);
        if self.roles.macro_group[open] {
            // A macro's braces: statements if it has any.
            let mut i = open + 1;
            while i < close && !t.is_punct(i, ';') {
                i = match t.list[i].kind {
                    Kind::Open { close, .. } => close + 1,
                    _ => i + 1,
                };
            }
            return if i < close { Brace::Block } else { Brace::Literal };
        }
        if element.lead.is_some_and(|lead| t.text(lead) == "use") {
            return Brace::Literal;
        }
        if let (Some(lead), false) = (element.lead, element.lead_brace_seen) {
            let owned = match t.text(lead) {
                "struct" | "enum" | "union" => Some(Brace::Fields),
                "impl" | "mod" | "trait" | "extern" => Some(Brace::Items),
                "fn" => Some(Brace::Block),
                _ => None,
            };
            if let Some(brace) = owned {
                element.lead_brace_seen = true;
                return brace;
            }
        }
        match element.pending {
            Pending::Pattern => return Brace::Literal,
            Pending::Arms => {
                element.pending = Pending::Nothing;
                return Brace::Arms;
            }
            Pending::Block => {
                element.pending = Pending::Nothing;
                return Brace::Block;
            }
            Pending::Nothing => {}
        }
        match prev_role {
            Some(Role::Operand | Role::AngleClose | Role::Path) => Brace::Literal,
            _ => Brace::Block,
        }
    }

    /// How many elements the group opened at `open` and closed at `close` holds.
    fn element_count(&self, open: usize, close: usize) -> usize {
        let mut elements = 0;
        let mut i = open + 1;
        while i < close {
            if let Kind::Open { close, .. } = self.tokens.list[i].kind {
                i = close;
            }
            elements += usize::from(self.roles.ends[i]);
            i += 1;
        }
        elements
    }

    /// Whether the trailing comma of the group at `open`, of `elements` elements, may go when
    /// it is on one line: not in a macro's arguments, whose grammar is their own, nor in
    /// `(x,)`, a tuple, though in `f(x,)`.
    fn drops_trailing_comma(
        &self,
        prev: Option<(Role, usize)>,
        delimiter: Delimiter,
        open: usize,
        elements: usize,
    ) -> bool {
        let after_operand = prev.is_some_and(|(role, _)| role.ends_operand());
        // Braces, brackets, a call's arguments, a function's parameters; or another element.
        !self.roles.macro_group[open]
            && (delimiter != Delimiter::Parenthesis || after_operand || elements > 1)
    }

    /// Whether the group at `open`, of `elements` elements, is a list the spec can lengthen,
    /// laid out a line per element so that one more element is one more line: a struct literal
    /// or pattern of two fields or more, an array of three elements or more.
    fn grows(&self, delimiter: Delimiter, open: usize, elements: usize) -> bool {
        let least = match delimiter {
            _ if self.roles.macro_group[open] => return false,
            Delimiter::Brace if self.roles.brace[open] == Brace::Literal => 2,
            Delimiter::Bracket => 3,
            _ => return false,
        };
        elements >= least
    }

    /// The role of the punctuation at `i` and the last token of its operator (`::`, `=>`…).
    fn punct(
        &self,
        prev: Option<(Role, usize)>,
        element: &mut Element,
        i: usize,
        end: usize,
    ) -> (Role, usize) {
        let t = self.tokens;
        let Kind::Punct { ch, joint } = t.list[i].kind else { unreachable!("a punct") };
        let next = |k: usize| match t.list.get(i + k).map(|token| token.kind) {
            Some(Kind::Punct { ch, .. }) if i + k < end => Some(ch),
            _ => None,
        };
        let after_operand = prev.is_some_and(|(role, _)| role.ends_operand());
        let pair = if joint { next(1).map(|second| [ch, second]) } else { None };
        match pair {
            Some([':', ':']) => return (Role::Path, i + 1),
            Some(['-' | '=', '>']) => {
                if element.pending == Pending::Pattern && ch == '=' {
                    element.pending = Pending::Nothing;
                }
                return (Role::Binary, i + 1);
            }
            Some(['.', '.']) => {
                let last = if joint_at(t, i + 1) && next(2) == Some('=') { i + 2 } else { i + 1 };
                return (Role::Dot, last);
            }
            Some(['=' | '!' | '<' | '>' | '+' | '-' | '*' | '/' | '%' | '^', '=']) => {
                return (Role::Binary, i + 1)
            }
            Some(['&', '&']) if !after_operand => return (Role::Prefix, i + 1),
            Some(['|', '|']) if !after_operand => return (Role::Closure, i + 1),
            Some(['&', '&'] | ['|', '|'] | ['<', '<']) => return (Role::Binary, i + 1),
            _ => {}
        }
        let role = match ch {
            ',' => Role::Comma,
            ';' => Role::Semi,
            ':' => Role::Colon,
            '.' => Role::Dot,
            '?' if after_operand => Role::Question,
            '?' => Role::Prefix,
            '#' | '$' | '\'' => Role::Prefix,
            '!' if prev.is_some_and(|(role, at)| {
                role == Role::Operand && t.list[at].kind == Kind::Ident
            }) =>
            {
                Role::Bang
            }
            '&' | '*' | '-' | '!' if !after_operand => Role::Prefix,
            '|' if element.pipe_open => {
                element.pipe_open = false;
                Role::PipeClose
            }
            '|' if !after_operand => {
                element.pipe_open = true;
                Role::PipeOpen
            }
            '<' if opens_generics(t, prev) => {
                element.angles += 1;
                Role::AngleOpen
            }
            '>' if element.angles > 0 => {
                element.angles -= 1;
                Role::AngleClose
            }
            '=' => {
                if element.pending == Pending::Pattern {
                    element.pending = Pending::Block;
                }
                Role::Binary
            }
            _ => Role::Binary,
        };
        (role, i)
    }

    /// Whether the token `last` (a whole group, if it closes one) ends an element; `between`
    /// when it is inside a closure's `|…|` or generics' `<…>`, where commas separate less.
    fn ends_element(&self, context: Context, last: usize, end: usize, between: bool) -> bool {
        let t = self.tokens;
        if last + 1 >= end {
            return true;
        }
        let next = last + 1;
        let closes_brace = matches!(t.list[last].kind, Kind::Close { delimiter: Delimiter::Brace });
        match context {
            Context::List => {
                if t.is_punct(last, ',') || t.is_punct(last, ';') {
                    return !between;
                }
                // A match arm whose body is a block needs no comma.
                closes_brace
                    && self.after_arrow(last)
                    && !t.is_punct(next, ',')
                    && !t.is_punct(next, '.')
                    && !t.is_punct(next, '?')
            }
            Context::Statements => {
                if t.is_punct(last, ';') {
                    return true;
                }
                closes_brace
                    && !t.is_ident(next, "else")
                    && (!matches!(t.list[next].kind, Kind::Punct { .. }) || t.is_punct(next, '#'))
            }
        }
    }

    /// Whether the brace group closed at `close` follows `=>` (is a match arm's body).
    fn after_arrow(&self, close: usize) -> bool {
        self.roles.arm_body[close]
    }
}

fn joint_at(t: &Tokens, i: usize) -> bool {
    matches!(t.list.get(i).map(|token| token.kind), Some(Kind::Punct { joint: true, .. }))
}

/// Whether `word` is a keyword (other than those that stand for a value, such as `self`).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

fn word_role(word: &str) -> Role {
    if is_keyword(word) {
        Role::Keyword
    } else {
        Role::Operand
    }
}

/// Whether `<` after `prev` opens generic arguments or parameters rather than comparing.
fn opens_generics(t: &Tokens, prev: Option<(Role, usize)>) -> bool {
    let Some((role, at)) = prev else { return true };
    match role {
        Role::Path => true,
        Role::Operand if t.list[at].kind == Kind::Ident => {
            let word = t.text(at);
            // A type's name, or a name just declared (`fn name<T>`, `struct Name<T>`).
            word.starts_with(|c: char| c.is_ascii_uppercase())
                || is_primitive(word)
                || (at > 0
                    && matches!(t.list[at - 1].kind, Kind::Ident)
                    && matches!(
                        t.text(at - 1),
                        "fn" | "struct" | "enum" | "union" | "trait" | "type"
                    ))
        }
        Role::Keyword => true,
        role => !role.ends_operand(),
    }
}

fn is_primitive(word: &str) -> bool {
    matches!(
        word,
        "str"
            | "bool"
            | "char"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
    )
}

/// Whether a space comes before token `i`, of `role`, after `prev` on the same line.
fn space(t: &Tokens, prev: Option<(Role, usize)>, role: Role, i: usize) -> bool {
    let Some((prev_role, at)) = prev else { return false };
    if let Kind::Punct { joint: true, .. } = t.list[at].kind {
        return false;
    }
    if (prev_role, role) == (Role::AngleClose, Role::AngleClose) {
        // `>>` closes two lists of generics: rustc splits it where a type ends.
        return false;
    }
    let wanted = match (prev_role, role) {
        (Role::Doc, _) => false,
        (
            _,
            Role::Comma
            | Role::Semi
            | Role::Colon
            | Role::Question
            | Role::Close
            | Role::AngleClose
            | Role::PipeClose
            | Role::Bang,
        ) => false,
        (Role::Prefix | Role::Path | Role::Dot | Role::AngleOpen | Role::PipeOpen, _) => false,
        (Role::Bang, Role::Open(delimiter)) => delimiter == Delimiter::Brace,
        (Role::Bang, role) => matches!(role, Role::Operand | Role::Keyword),
        (_, Role::Path | Role::Dot) => matches!(
            prev_role,
            Role::Binary | Role::Comma | Role::Semi | Role::Colon | Role::Keyword | Role::PipeClose
        ),
        (Role::Keyword, Role::AngleOpen) => !matches!(t.text(at), "impl" | "for"),
        (_, Role::AngleOpen) => matches!(
            prev_role,
            Role::Binary | Role::Comma | Role::Semi | Role::Colon | Role::PipeClose
        ),
        (_, Role::Open(Delimiter::Brace)) => true,
        (_, Role::Open(_)) => match prev_role {
            Role::Operand | Role::Close | Role::AngleClose | Role::Question => false,
            Role::Keyword => !CALLABLE_KEYWORDS.contains(&t.text(at)),
            _ => true,
        },
        _ => true,
    };
    wanted || forms_one_token(t, at, i)
}

/// Whether punctuation `at` and `i` written together would lex as one token.
fn forms_one_token(t: &Tokens, at: usize, i: usize) -> bool {
    match (t.list[at].kind, t.list[i].kind) {
        (Kind::Punct { ch: a, .. }, Kind::Punct { ch: b, .. }) => PAIRS.contains(&[a, b]),
        _ => false,
    }
}
