//! Descriptions written in HTML (Stripe's `<p>Creates a new customer object.</p>`) → markdown,
//! which then goes through the sanitiser like any description: this is no way around it.
//!
//! Only text that opens with a block tag (`<p>`, `<ul>`, `<pre>`…) is taken for HTML; markdown,
//! inline tags and all, is kept as written. html5gum reads the HTML as browsers do (entities,
//! unquoted attributes, tag soup); the elements descriptions use are mapped here: paragraphs,
//! line breaks, lists, quotes, headings (as bold lines), emphasis, code spans, `<pre>` as a fence
//! labelled `text`, and links through `links`. Other tags are dropped and their text kept, and
//! text is escaped so that it reads as the words it is, never as markdown. Elements nested
//! deeper than [`MAX_DEPTH`] are read as text, which keeps time linear in the text's size.

use html5gum::{Token, Tokenizer};

use super::{line, links};

/// The tags a description must open with to be read as HTML.
const BLOCK_TAGS: [&str; 14] = [
    "p",
    "div",
    "ul",
    "ol",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "dl",
];

/// Tags that end the paragraph before and after them.
const BLOCKS: [&str; 26] = [
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "details",
    "summary",
    "figure",
];

/// How many lists, quotes and inline elements may enclose one another; deeper ones are read as
/// their text. Each closing tag rewrites what its element encloses, so an unbounded depth would
/// make a million nested `<em>` quadratic.
const MAX_DEPTH: usize = 16;

/// Whether a description is HTML: it opens with a block tag.
pub fn is_html(text: &str) -> bool {
    let Some(rest) = text.trim_start().strip_prefix('<') else { return false };
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let name = &rest[..name_len];
    BLOCK_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
        && rest[name_len..].starts_with(['>', '/', ' ', '\t', '\n', '\r'])
}

/// The markdown for HTML `text`, links resolved against `base` (the settings file's docs URL).
pub fn to_markdown(text: &str, base: Option<&str>) -> String {
    let mut writer = Writer { base, ..Writer::default() };
    for token in Tokenizer::new(text).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attribute = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|value| String::from_utf8_lossy(&value.value).into_owned())
                };
                writer.start(&name, attribute("href"), attribute("start"));
                if tag.self_closing {
                    writer.end(&name);
                }
            }
            Token::EndTag(tag) => writer.end(&String::from_utf8_lossy(&tag.name)),
            Token::String(text) => writer.text(&String::from_utf8_lossy(&text.value)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    writer.finish()
}

/// What encloses the paragraph being written.
enum Container {
    Quote,
    List {
        ordered: bool,
        next: u64,
        items: usize,
    },
    /// A list item; its marker (`- `, `2. `) opens its first line, spaces as wide the others.
    Item {
        marker: String,
        started: bool,
    },
}

/// An open inline element, and where its text starts in the paragraph.
struct Inline {
    tag: String,
    start: usize,
    /// A link's resolved target, `None` when it leads nowhere and the text stays plain.
    link: Option<String>,
}

#[derive(Default)]
struct Writer<'a> {
    base: Option<&'a str>,
    out: String,
    /// The open paragraph as markdown; `\n` stands for a line break (`<br>`).
    para: String,
    containers: Vec<Container>,
    inline: Vec<Inline>,
    /// The text of an open `<code>` outside `<pre>`, and how deep it is nested in itself.
    code: Option<(String, usize)>,
    /// The text of an open `<pre>`, kept as written.
    pre: Option<String>,
    /// How deep the writer is in elements whose text is not prose (`<script>`, `<style>`).
    skipped: usize,
    /// Whether the next block is the next item of a list, which follows without a blank line.
    tight: bool,
}

impl Writer<'_> {
    fn start(&mut self, tag: &str, href: Option<String>, start: Option<String>) {
        if matches!(tag, "script" | "style" | "template" | "title") {
            self.skipped += 1;
        }
        // Inside `<pre>` every tag is dropped and the text kept as written, to its first `</pre>`.
        if self.skipped > 0 || self.pre.is_some() {
            return;
        }
        match tag {
            "br" => self.para.push('\n'),
            "td" | "th" => self.text(" "),
            "code" | "kbd" | "samp" | "tt" => {
                let (text, depth) = self.code.take().unwrap_or_default();
                self.code = Some((text, depth + 1));
            }
            "a" | "strong" | "b" | "em" | "i" if self.inline.len() < MAX_DEPTH => {
                // A link inside a link is its text.
                let link = if tag == "a" && !self.inline.iter().any(|open| open.tag == "a") {
                    href.and_then(|href| links::resolve(self.base, &href))
                } else {
                    None
                };
                let tag = match tag {
                    "b" => "strong",
                    "i" => "em",
                    tag => tag,
                };
                self.inline.push(Inline { tag: tag.to_owned(), start: self.para.len(), link });
            }
            tag if BLOCKS.contains(&tag) => {
                self.flush();
                let depth = self.containers.len() < MAX_DEPTH;
                match tag {
                    "pre" => self.pre = Some(String::new()),
                    "blockquote" if depth => self.containers.push(Container::Quote),
                    "ul" | "ol" if depth => self.containers.push(Container::List {
                        ordered: tag == "ol",
                        next: start.and_then(|start| start.trim().parse().ok()).unwrap_or(1),
                        items: 0,
                    }),
                    "li" if depth => self.open_item(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.inline.len() < MAX_DEPTH => {
                        self.inline.push(Inline { tag: tag.to_owned(), start: 0, link: None });
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: &str) {
        if matches!(tag, "script" | "style" | "template" | "title") {
            self.skipped = self.skipped.saturating_sub(1);
            return;
        }
        if self.skipped > 0 {
            return;
        }
        if let Some(text) = self.pre.take() {
            if tag == "pre" {
                self.fence(&text);
            } else {
                self.pre = Some(text);
            }
            return;
        }
        let tag = match tag {
            "b" => "strong",
            "i" => "em",
            tag => tag,
        };
        match tag {
            "code" | "kbd" | "samp" | "tt" => self.close_code(),
            "a" | "strong" | "em" => self.close_inline(tag),
            tag if BLOCKS.contains(&tag) => {
                if tag.starts_with('h') && tag.len() == 2 {
                    self.close_inline(tag);
                }
                self.flush();
                match tag {
                    "blockquote" => self.pop_to(|c| matches!(c, Container::Quote)),
                    "ul" | "ol" => {
                        self.pop_to(|c| matches!(c, Container::List { .. }));
                        self.tight = false;
                    }
                    "li" => self.close_item(),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Adds text, its runs of whitespace made one space as HTML renders them.
    fn text(&mut self, text: &str) {
        if self.skipped > 0 {
            return;
        }
        if let Some(pre) = &mut self.pre {
            pre.push_str(text);
            return;
        }
        if let Some((code, _)) = &mut self.code {
            code.push_str(text);
            return;
        }
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_whitespace() {
                if !(self.para.is_empty() || self.para.ends_with([' ', '\n'])) {
                    self.para.push(' ');
                }
                continue;
            }
            self.push_escaped(c, chars.peek().copied());
        }
    }

    /// Pushes one character of text, `next` the one after it if known, so that markdown reads
    /// it as that character.
    fn push_escaped(&mut self, c: char, next: Option<char>) {
        let para = &mut self.para;
        let after_word = para.chars().next_back().is_some_and(char::is_alphanumeric);
        match c {
            '\\' | '*' | '`' | '~' => {
                para.push('\\');
                para.push(c);
            }
            // `_` opens emphasis only at the start of a word: `customer_id` stays as it is.
            '_' if !after_word => para.push_str("\\_"),
            '<' => para.push_str("&lt;"),
            // `&lt;` would be read as an entity: `&` is written as one where it could start one.
            '&' if next.map_or(true, |n| n.is_ascii_alphanumeric() || n == '#') => {
                para.push_str("&amp;")
            }
            // `](`, `][` and `![` would make a link or an image of text; the sanitiser escapes
            // other brackets itself.
            '[' if para.ends_with([']', '!']) => para.push_str("&#91;"),
            '(' if para.ends_with(']') => para.push_str("&#40;"),
            c => para.push(c),
        }
    }

    fn close_code(&mut self) {
        match self.code.take() {
            Some((text, depth)) if depth > 1 => self.code = Some((text, depth - 1)),
            Some((text, _)) => self.push_code(&text),
            None => {}
        }
    }

    /// Adds a code span of `text`, its whitespace made one space.
    fn push_code(&mut self, text: &str) {
        let text = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.para.push_str(&line::code_span(&text));
        }
    }

    /// Closes the innermost open `tag` and the elements inside it.
    fn close_inline(&mut self, tag: &str) {
        let Some(at) = self.inline.iter().rposition(|open| open.tag == tag) else { return };
        while self.inline.len() > at {
            if let Some(open) = self.inline.pop() {
                self.wrap(&open);
            }
        }
    }

    /// Wraps what `open` enclosed in its markdown (`**…**`, `*…*`, `[…](url)`); whether it
    /// wrote any, as it does not around nothing, or a link that leads nowhere.
    fn wrap(&mut self, open: &Inline) -> bool {
        let start = open.start.min(self.para.len());
        let content = &self.para[start..];
        let lead = content.len() - content.trim_start_matches([' ', '\n']).len();
        let trail = content.len() - content.trim_end_matches([' ', '\n']).len();
        if lead == content.len() {
            return false;
        }
        let (before, after) = match open.tag.as_str() {
            "a" => match &open.link {
                Some(url) => ("[".to_owned(), format!("]({url})")),
                None => return false,
            },
            "em" => ("*".to_owned(), "*".to_owned()),
            _ => ("**".to_owned(), "**".to_owned()),
        };
        self.para.insert_str(self.para.len() - trail, &after);
        self.para.insert_str(start + lead, &before);
        true
    }

    fn open_item(&mut self) {
        if matches!(self.containers.last(), Some(Container::Item { .. })) {
            self.containers.pop();
        }
        let marker = match self.containers.last_mut() {
            Some(Container::List { ordered, next, items }) => {
                self.tight = *items > 0;
                *items += 1;
                let marker = if *ordered { format!("{next}. ") } else { "- ".to_owned() };
                *next = next.saturating_add(1);
                marker
            }
            _ => "- ".to_owned(),
        };
        self.containers.push(Container::Item { marker, started: false });
    }

    fn close_item(&mut self) {
        let item = self.containers.iter().rposition(|c| matches!(c, Container::Item { .. }));
        let list = self.containers.iter().rposition(|c| matches!(c, Container::List { .. }));
        if item.is_some_and(|item| list.map_or(true, |list| item > list)) {
            self.pop_to(|c| matches!(c, Container::Item { .. }));
        }
        self.tight = false;
    }

    /// Closes the innermost container `is` matches and those inside it, if one is open.
    fn pop_to(&mut self, is: impl Fn(&Container) -> bool) {
        if let Some(at) = self.containers.iter().rposition(is) {
            self.containers.truncate(at);
        }
    }

    /// Ends the open paragraph: writes it out as a block, and reopens the inline elements
    /// around it in the next one (a link as its text).
    fn flush(&mut self) {
        if let Some((text, depth)) = self.code.take() {
            self.push_code(&text);
            self.code = Some((String::new(), depth));
        }
        let mut inline = std::mem::take(&mut self.inline);
        for open in inline.iter_mut().rev() {
            // A link is made once: written again for each paragraph inside it, one long URL
            // would make the docs as long as the URL times the paragraphs.
            if self.wrap(open) {
                open.link = None;
            }
            open.start = 0;
        }
        self.inline = inline;
        let para = std::mem::take(&mut self.para);
        // A blank line (`<br><br>`) parts paragraphs; a single break is a hard line break.
        let mut lines: Vec<String> = Vec::new();
        for part in para.split('\n').map(str::trim) {
            if part.is_empty() {
                self.block(&lines);
                lines.clear();
            } else {
                if let Some(last) = lines.last_mut() {
                    last.push('\\');
                }
                lines.push(escape_line_start(part));
            }
        }
        self.block(&lines);
    }

    /// `<pre>` text as a fence labelled `text`, longer than any run of backticks inside it.
    fn fence(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.strip_prefix('\n').unwrap_or(&text).trim_end();
        if text.trim().is_empty() {
            return;
        }
        let mut longest = 0;
        let mut run = 0;
        for c in text.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let marker = "`".repeat((longest + 1).max(3));
        let mut lines = vec![format!("{marker}text")];
        lines.extend(text.lines().map(str::to_owned));
        lines.push(marker);
        self.block(&lines);
    }

    /// Writes `lines` as one block inside the open containers, after a blank line.
    fn block(&mut self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        if !self.out.is_empty() && !self.tight {
            let blank = self.prefix(false);
            self.out.push_str(blank.trim_end());
            self.out.push('\n');
        }
        self.tight = false;
        for line in lines {
            let prefix = self.prefix(true);
            self.out.push_str(&prefix);
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    /// What opens a line inside the open containers; `write` marks list items as started.
    /// A blank line before an item's first line stands outside the item.
    fn prefix(&mut self, write: bool) -> String {
        let mut prefix = String::new();
        for container in &mut self.containers {
            match container {
                Container::Quote => prefix.push_str("> "),
                Container::List { .. } => {}
                Container::Item { marker, started: true } => {
                    prefix.push_str(&" ".repeat(marker.len()))
                }
                Container::Item { marker, started } => {
                    if !write {
                        break;
                    }
                    prefix.push_str(marker);
                    *started = true;
                }
            }
        }
        prefix
    }

    fn finish(mut self) -> String {
        if let Some(text) = self.pre.take() {
            self.fence(&text);
        }
        if let Some((text, _)) = self.code.take() {
            self.push_code(&text);
        }
        while let Some(open) = self.inline.pop() {
            self.wrap(&open);
        }
        self.flush();
        self.out.trim_end().to_owned()
    }
}

/// A line of text with what would open a block at its start escaped: a heading, quote, list
/// item, rule, setext underline or table delimiter.
fn escape_line_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['#', '>', '-', '+', '=', '|', ':']) {
        return format!("\\{line}");
    }
    line.to_owned()
}

#[cfg(test)]
mod tests;
