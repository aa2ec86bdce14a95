//! Where lines break: a group goes on one line if it fits, else each element of it on a line of
//! its own, one indent deeper; statements, items, fields and arms always take a line each.

use proc_macro2::Delimiter;

use crate::roles::{Brace, Roles};
use crate::tokens::{Kind, Tokens};
use crate::MAX_WIDTH;

const INDENT: usize = 4;

/// The widest lone argument that is not put on a line of its own.
const SHORT: usize = 30;

/// The text of `tokens`: each top-level element (an item) on lines of its own.
pub fn print(tokens: &Tokens, roles: &Roles) -> String {
    let mut printer = Printer {
        t: tokens,
        r: roles,
        out: String::with_capacity(roles.width(0..tokens.list.len()) * 5 / 4),
        column: 0,
        indent: 0,
        line_start: true,
        reserve: 0,
    };
    let mut start = 0;
    while start < tokens.list.len() {
        let end = printer.element_end(start);
        printer.element(start, end);
        if !printer.line_start {
            printer.newline();
        }
        start = end;
    }
    printer.out
}

struct Printer<'a> {
    t: &'a Tokens,
    r: &'a Roles,
    out: String,
    column: usize,
    indent: usize,
    line_start: bool,
    /// Columns that must stay free after the run being printed, on its last line: the closing
    /// delimiters and comma that follow it.
    reserve: usize,
}

impl Printer<'_> {
    /// The end of the element starting at `start`: one past its last token.
    fn element_end(&self, start: usize) -> usize {
        let mut i = start;
        loop {
            if let Kind::Open { close, .. } = self.t.list[i].kind {
                i = close;
            }
            if self.r.ends[i] {
                return i + 1;
            }
            i += 1;
        }
    }

    /// One element at the start of a line: its attributes and doc comments each on a line,
    /// then the rest.
    fn element(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            if self.t.list[i].kind == Kind::Doc {
                self.token(i);
                i += 1;
                continue;
            }
            match self.attribute_end(i) {
                Some(close) if close + 1 < end => {
                    self.flat(i, close + 1);
                    self.newline();
                    i = close + 1;
                }
                _ => break,
            }
        }
        self.run(i, end);
    }

    /// The closing bracket of an attribute (`#[…]`, `#![…]`) starting at `i`.
    fn attribute_end(&self, i: usize) -> Option<usize> {
        if !self.t.is_punct(i, '#') {
            return None;
        }
        let open = if self.t.is_punct(i + 1, '!') { i + 2 } else { i + 1 };
        match self.t.list.get(open)?.kind {
            Kind::Open { delimiter: Delimiter::Bracket, close } => Some(close),
            _ => None,
        }
    }

    /// Tokens `start..end` of one element: a chain of method calls that does not fit takes a
    /// line per call, as rustfmt lays it out.
    fn run(&mut self, start: usize, end: usize) {
        let (calls, chain_end) = self.chain(start, end);
        let reserve = if chain_end == end { self.reserve } else { 0 };
        if !self.is_chain(&calls, chain_end) || self.fits(start, chain_end, reserve) {
            return self.plain(start, end);
        }
        // A root shorter than an indent keeps its first call: `f.debug_struct("A")`.
        let short_root = calls.len() > 1
            && calls[0] > start
            && matches!(self.t.list[calls[0] - 1].kind, Kind::Ident)
            && self.t.list[calls[0] - 1].width <= INDENT
            && !(calls[0] >= 2
                && (self.t.is_punct(calls[0] - 2, '.') || self.t.is_punct(calls[0] - 2, ':')));
        let breaks = &calls[usize::from(short_root)..];
        let reserve = std::mem::replace(&mut self.reserve, 0);
        self.plain(start, breaks[0]);
        self.indent += 1;
        for (k, &at) in breaks.iter().enumerate() {
            self.newline();
            let next = breaks.get(k + 1).copied();
            if next.is_none() {
                self.reserve = reserve;
            }
            self.plain(at, next.unwrap_or(end));
        }
        self.indent -= 1;
    }

    /// The `.` of each method call `.name(…)` or `.name::<…>(…)` of the first chain of two or
    /// more calls directly in `start..end`, and where that chain ends.
    fn chain(&self, start: usize, end: usize) -> (Vec<usize>, usize) {
        let t = self.t;
        let mut calls = Vec::new();
        let mut turbofish = 0usize;
        let mut i = start;
        while i < end {
            let next_is =
                |k: usize, f: fn(Kind) -> bool| t.list.get(i + k).is_some_and(|x| f(x.kind));
            // A token no chain goes through: an operator, a keyword, a block (`if x.a().b() {`).
            let stops = match t.list[i].kind {
                Kind::Open { delimiter: Delimiter::Brace, .. } => true,
                Kind::Open { close, .. } => {
                    i = close;
                    false
                }
                Kind::Punct { ch: '.', joint: false }
                    if !(i > 0
                        && matches!(t.list[i - 1].kind, Kind::Punct { ch: '.', joint: true }))
                        && next_is(1, |k| k == Kind::Ident)
                        && (next_is(2, |k| {
                            matches!(k, Kind::Open { delimiter: Delimiter::Parenthesis, .. })
                        }) || t.is_punct(i + 2, ':')) =>
                {
                    calls.push(i);
                    false
                }
                Kind::Punct { ch: '<', .. } if i > 0 && t.is_punct(i - 1, ':') => {
                    turbofish += 1;
                    false
                }
                Kind::Punct { ch: '>', .. } if turbofish > 0 => {
                    turbofish -= 1;
                    false
                }
                Kind::Punct { ch: '.' | ':' | '?' | '\'' | '!' | '#', .. } => false,
                _ if turbofish > 0 => false,
                Kind::Punct { .. } | Kind::Doc => true,
                Kind::Ident => crate::roles::is_keyword(t.text(i)),
                _ => false,
            };
            if stops {
                if self.is_chain(&calls, i) {
                    return (calls, i);
                }
                calls.clear();
                if let Kind::Open { close, .. } = t.list[i].kind {
                    i = close;
                }
            }
            i += 1;
        }
        (calls, end)
    }

    /// Whether `calls`, ending at `end`, make a chain worth a line per call: two calls, one on
    /// a call (`f(x).map_err(…)`), or one that then fits on its line (`fields\n.fill(…)`).
    fn is_chain(&self, calls: &[usize], end: usize) -> bool {
        match calls {
            [] => false,
            &[call] => {
                matches!(
                    self.t.list[call - 1].kind,
                    Kind::Close { delimiter: Delimiter::Parenthesis }
                ) || self.t.is_punct(call - 1, '?')
                    || (self.indent + 1) * INDENT + self.r.width(call..end) + self.reserve
                        <= MAX_WIDTH
            }
            _ => true,
        }
    }

    /// Whether tokens `start..end` fit on the rest of the line with `reserve` columns to spare,
    /// none of them having to break.
    fn fits(&self, start: usize, end: usize, reserve: usize) -> bool {
        let mut i = start;
        while i < end {
            if let Kind::Open { close, .. } = self.t.list[i].kind {
                if self.r.forced[i] {
                    return false;
                }
                i = close;
            }
            i += 1;
        }
        self.column + self.r.width(start..end) + reserve <= MAX_WIDTH
    }

    /// Tokens `start..end`, breaking the groups that do not fit.
    fn plain(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i < end {
            match self.t.list[i].kind {
                Kind::Open { close, .. } => {
                    self.group(i, close, end);
                    i = close + 1;
                }
                _ => {
                    self.token(i);
                    i += 1;
                }
            }
        }
    }

    /// The group `open..=close`, whose element (or run) ends at `end`.
    fn group(&mut self, open: usize, close: usize, end: usize) {
        let flat = self.r.width(open..close + 1);
        // What follows the group up to the next place a line can break stays on its line.
        let mut tail = close + 1;
        while tail < end {
            match self.t.list[tail].kind {
                Kind::Open { close, .. } if close == tail + 1 => tail = close + 1,
                Kind::Open { .. } => break,
                _ => tail += 1,
            }
        }
        // The next group's opening delimiter stays on the line too.
        let after = if tail == end {
            self.r.width(close + 1..tail) + self.reserve
        } else {
            self.r.width(close + 1..tail + 1)
        };
        let fits = self.column + flat + after <= MAX_WIDTH;
        if close == open + 1 || (fits && !self.r.forced[open]) {
            return self.flat(open, close + 1);
        }
        let Kind::Open { delimiter, .. } = self.t.list[open].kind else { unreachable!("an open") };
        let elements = self.elements(open + 1, close);
        if delimiter != Delimiter::Brace && elements.len() == 1 {
            // One argument that ends in a group hugs the delimiters: `Some(Value {` … `})`;
            // a short one stays, as a line of its own would gain little.
            if matches!(self.t.list[close - 1].kind, Kind::Close { .. }) {
                self.token(open);
                // What follows must stay free on the line where the contents end.
                let reserve = std::mem::replace(&mut self.reserve, 1 + after);
                self.run(open + 1, close);
                self.reserve = reserve;
                return self.token(close);
            }
            if self.r.width(open + 1..close) <= SHORT {
                return self.flat(open, close + 1);
            }
        }
        self.token(open);
        self.indent += 1;
        let comma = self.wants_trailing_comma(open, &elements);
        let reserve = std::mem::replace(&mut self.reserve, 0);
        for (k, &(start, end)) in elements.iter().enumerate() {
            self.newline();
            self.reserve = usize::from(comma && k + 1 == elements.len());
            self.element(start, end);
        }
        self.reserve = reserve;
        if comma {
            self.out.push(',');
        }
        self.indent -= 1;
        self.newline();
        self.token(close);
    }

    /// The elements of a group's contents `start..end`.
    fn elements(&self, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut elements = Vec::new();
        let mut i = start;
        while i < end {
            let next = self.element_end(i);
            elements.push((i, next));
            i = next;
        }
        elements
    }

    /// Whether a broken list (arguments, elements, fields) takes a comma after its last, as
    /// rustfmt writes it: not after one element (`(x)` is not a tuple), a `..rest`, or in a
    /// macro's or attribute's arguments, whose grammar is their own.
    fn wants_trailing_comma(&self, open: usize, elements: &[(usize, usize)]) -> bool {
        let &[.., (last_start, last_end)] = elements else { return false };
        let list = match self.t.list[open].kind {
            Kind::Open { delimiter: Delimiter::Brace, .. } => {
                matches!(self.r.brace[open], Brace::Literal | Brace::Fields)
            }
            _ => true,
        };
        list && elements.len() > 1
            && !self.t.is_punct(last_end - 1, ',')
            && !self.t.is_punct(last_start, '.')
            && !self.r.macro_group[open]
            && !self.t.is_punct(open.wrapping_sub(1), '#')
    }

    /// Tokens `start..end` on the current line.
    fn flat(&mut self, start: usize, end: usize) {
        for i in start..end {
            if !self.r.trailing[i] {
                self.token(i);
            }
        }
    }

    fn token(&mut self, i: usize) {
        let doc = self.t.list[i].kind == Kind::Doc;
        if doc && !self.line_start {
            self.newline();
        }
        if !self.line_start && self.r.space[i] {
            self.out.push(' ');
            self.column += 1;
        }
        let text = self.t.text(i);
        self.out.push_str(text);
        self.column = match text.rfind('\n') {
            Some(at) => text[at + 1..].chars().count(),
            None => self.column + self.t.list[i].width,
        };
        self.line_start = false;
        if doc {
            // A comment runs to the end of its line.
            self.newline();
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.column = self.indent * INDENT;
        self.out.extend(std::iter::repeat(' ').take(self.column));
        self.line_start = true;
    }
}
