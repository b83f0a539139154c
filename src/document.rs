//! The article model. A file becomes one shared source plus a *masked* copy of it of the same
//! length, in which everything that is not prose (front matter, Markdown markup, link targets,
//! code, HTML) is blanked with spaces. Every later step reads the masked text, so a URL's digits
//! never become figures, yet every byte offset it reports is valid in the original source.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::lexicon::Lexicon;
use crate::position::LineIndex;
use crate::text::{self, LowerCase, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Plain,
}

impl Format {
    /// Plain text for `.txt`/`.text`, Markdown for `.md`/`.markdown`/`.mdx`; any other name
    /// (stdin, an editor buffer without a file type) is told by its text, since a plain-text
    /// article read as Markdown runs its lines together into one paragraph.
    pub(crate) fn for_path(path: &str, text: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            return Format::Plain;
        }
        let markdown = [".md", ".markdown", ".mdx"];
        if markdown.iter().any(|e| lower.ends_with(e)) || looks_like_markdown(text) {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// Markdown shows itself early: a heading, a link, emphasis, a fence or front matter.
fn looks_like_markdown(text: &str) -> bool {
    let head = &text[..crate::position::floor_char_boundary(text, text.len().min(64 * 1024))];
    head.starts_with("---")
        || head.contains("](")
        || head.contains("```")
        || head.contains("**")
        || head.lines().any(|l| {
            let hashes = l.len() - l.trim_start_matches('#').len();
            (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
}

/// A paragraph, heading or list item: the unit of attribution scope after the sentence.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    /// A fair-use disclaimer: never checked for claims.
    pub disclaimer: bool,
    /// Inside a Markdown block quote (`> …`): an excerpt of somebody else's text, whose
    /// figures are that text's, attributed where the article introduces the excerpt.
    pub quoted: bool,
    /// Indices into [`Article::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence; the first scope in which a claim looks for its attribution.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub block: usize,
    /// Where its tokens are in [`Article::tokens`]; [`Article::tokens_of`] reads them.
    tokens: Range<u32>,
}

/// One entry of the `sources:` list in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontSource {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub original: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `None` when the front matter has no `sources:` key at all.
    pub sources: Option<Vec<FrontSource>>,
    /// The front matter could not be read, so whether it lists sources is unknown.
    pub broken: bool,
    /// Byte range of the front matter block, delimiters included.
    pub range: Range<usize>,
}

/// A problem with the input that is not a finding: reported, and the rest of the file checked.
#[derive(Debug, Clone, PartialEq)]
pub struct InputProblem {
    pub message: String,
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub path: String,
    pub source: Arc<str>,
    pub text: String,
    pub format: Format,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// Every sentence's tokens, one sentence after another. One table for the article: a
    /// vector per sentence cost a header, an allocation and the slack of growing each.
    pub tokens: Vec<Token>,
    /// The lower case of the tokens that are not lower case already; read it with
    /// [`Article::lower`].
    pub lower_case: LowerCase,
    pub front_matter: Option<FrontMatter>,
    /// Where the Markdown parser saw HTML (blocks and inline), in order: where fairlint's own
    /// comments can be. Kept from the one parse, since a second one over a long file took
    /// two and a half times the file's size in memory. Empty for plain text.
    pub html: Vec<Range<usize>>,
    pub problems: Vec<InputProblem>,
    pub lines: LineIndex,
}

impl Article {
    pub fn parse(path: &str, source: Arc<str>, format: Format, lex: &Lexicon) -> Article {
        let mut masked = source.to_string();
        let mut problems = Vec::new();
        let front_matter = split_front_matter(&source).map(|range| {
            blank(&mut masked, range.clone());
            parse_front_matter(&source, range, &mut problems)
        });
        let (mut blocks, html) = match format {
            Format::Markdown => markdown_blocks(&mut masked),
            Format::Plain => (plain_blocks(&masked), Vec::new()),
        };
        let mut sentences = Vec::new();
        // About as many tokens as news copy has (one per ~5 bytes), reserved at once: growing
        // the table by doubling left each outgrown copy behind in the heap, 3 MB at 16 MB.
        // Room not used is never touched, and is given back below.
        let mut tokens = Vec::with_capacity(masked.len() / 4);
        let mut lower_case = LowerCase::default();
        for (index, block) in blocks.iter_mut().enumerate() {
            block.disclaimer = is_disclaimer(&masked[block.range.clone()], lex);
            let first = sentences.len();
            for range in text::sentences(&masked, block.range.clone(), lex) {
                let first = tokens.len();
                text::push_tokens(&masked, range.clone(), &mut tokens, &mut lower_case);
                sentences.push(Sentence {
                    tokens: text::offset(first)..text::offset(tokens.len()),
                    range,
                    block: index,
                });
            }
            block.sentences = first..sentences.len();
        }
        // All of it lives as long as the article: give back the slack of growing.
        sentences.shrink_to_fit();
        tokens.shrink_to_fit();
        lower_case.finish();
        Article {
            sentences,
            tokens,
            lower_case,
            path: path.to_string(),
            lines: LineIndex::new(&source),
            source,
            text: masked,
            format,
            blocks,
            front_matter,
            html,
            problems,
        }
    }

    /// A sentence's tokens.
    pub fn tokens_of(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.start as usize..sentence.tokens.end as usize]
    }

    /// A token's lower case.
    pub fn lower(&self, token: &Token) -> &str {
        self.lower_case.of(&self.text, token)
    }

    /// The sentence containing byte `offset`.
    pub(crate) fn sentence_at(&self, offset: usize) -> Option<usize> {
        let after = self.sentences.partition_point(|s| s.range.start <= offset);
        (after > 0 && offset < self.sentences[after - 1].range.end).then(|| after - 1)
    }
}

/// Replaces a byte range with spaces, keeping newlines so that line numbers survive. Every byte
/// of a multi-byte character becomes a space, so the string stays valid UTF-8.
fn blank(text: &mut String, range: Range<usize>) {
    blank_ranges(text, std::iter::once(range));
}

fn blank_ranges(text: &mut String, ranges: impl Iterator<Item = Range<usize>>) {
    let mut bytes = std::mem::take(text).into_bytes();
    for range in ranges {
        for b in &mut bytes[range] {
            // Line breaks stay, a lone `\r` too: blanked, the front matter of a CR-only file
            // would run into the body's first line and indent it into a code block.
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    *text = String::from_utf8(bytes).expect("blanking keeps UTF-8 valid");
}

/// The range of a `---` … `---` (or `...`) block at the very start of the file.
pub(crate) fn split_front_matter(source: &str) -> Option<Range<usize>> {
    front_matter_yaml(source).map(|(whole, _)| whole)
}

/// The front matter as a YAML value, with the range of the whole block (fences included): the
/// one reader for the places that want a field or two (an archived text's `source:` and
/// `date:`, an original's `source:`), so that every one accepts the same fences, BOM and line
/// ends as the article model. An empty block is an empty mapping.
pub(crate) fn front_matter_value(
    source: &str,
) -> Option<(Range<usize>, Result<serde_yaml::Value, String>)> {
    let (whole, yaml) = front_matter_yaml(source)?;
    let text = &source[yaml];
    let value = if text.trim().is_empty() {
        Ok(serde_yaml::Value::Mapping(serde_yaml::Mapping::new()))
    } else {
        crate::yaml::from_str(text).map_err(|e| e.to_string())
    };
    Some((whole, value))
}

/// The front matter's whole range (fences included) and the YAML between the fences. Lines end
/// with `\n`, `\r\n` or a lone `\r`, as everywhere else.
fn front_matter_yaml(source: &str) -> Option<(Range<usize>, Range<usize>)> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_ranges_with_breaks(source, bom);
    let first = lines.next()?;
    if source[first.clone()].trim_end() != "---" {
        return None;
    }
    for line in lines {
        let text = source[line.clone()].trim_end();
        if text == "---" || text == "..." {
            return Some((0..line.end, first.end..line.start));
        }
    }
    None
}

/// Each line of `source` from `start`, with its line break.
fn line_ranges_with_breaks(source: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = start;
    let ends = crate::position::line_break_ends(source)
        .filter(move |&end| end > start)
        .chain(std::iter::once(source.len()));
    ends.filter_map(move |end| {
        if end <= at {
            return None;
        }
        let line = at..end;
        at = end;
        Some(line)
    })
}

fn parse_front_matter(
    source: &str,
    range: Range<usize>,
    problems: &mut Vec<InputProblem>,
) -> FrontMatter {
    let (start, end) = front_matter_yaml(source)
        .map(|(_, yaml)| (yaml.start, yaml.end))
        .unwrap_or((range.end, range.end));
    let yaml = &source[start..end];
    let mut fm = FrontMatter {
        sources: None,
        broken: false,
        range,
    };
    if yaml.trim().is_empty() {
        return fm;
    }
    let value: serde_yaml::Value = match crate::yaml::from_str(yaml) {
        Ok(v) => v,
        Err(err) => {
            let span = err.location().map(|loc| {
                let at = (start + loc.index()).min(end);
                at..at
            });
            problems.push(InputProblem {
                message: format!("front matter is not valid YAML: {}", strip_location(&err)),
                span,
            });
            fm.broken = true;
            return fm;
        }
    };
    let Some(list) = value.get("sources") else {
        return fm;
    };
    let Some(items) = list.as_sequence() else {
        problems.push(InputProblem {
            message: "front matter `sources:` must be a list".into(),
            span: Some(key_span(source, start..end, "sources")),
        });
        return fm;
    };
    let mut sources = Vec::new();
    for item in items {
        if let Some(name) = item.as_str() {
            sources.push(FrontSource {
                name: name.to_string(),
                ..FrontSource::default()
            });
            continue;
        }
        match serde_yaml::from_value::<FrontSource>(item.clone()) {
            Ok(entry) => sources.push(entry),
            Err(err) => problems.push(InputProblem {
                message: format!("front matter source entry: {}", strip_location(&err)),
                span: Some(key_span(source, start..end, "sources")),
            }),
        }
    }
    fm.sources = Some(sources);
    fm
}

/// The YAML error message without the "at line X column Y" tail that miette shows better.
pub(crate) fn strip_location(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Where `key:` is written inside `range`, for pointing at it.
fn key_span(source: &str, range: Range<usize>, key: &str) -> Range<usize> {
    let needle = format!("{key}:");
    match source[range.clone()].find(&needle) {
        Some(i) => range.start + i..range.start + i + key.len(),
        None => range.start..range.start,
    }
}

/// The blocks of a Markdown text, and where it has HTML.
fn markdown_blocks(masked: &mut String) -> (Vec<Block>, Vec<Range<usize>>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut keep: Vec<Range<usize>> = Vec::new();
    let mut html: Vec<Range<usize>> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<(BlockKind, Option<Range<usize>>)> = None;
    let mut item_depth = 0usize;
    let mut skip_depth = 0usize;
    let readable = crate::position::with_lf_line_ends(masked);
    let parser = Parser::new_ext(&readable, options).into_offset_iter();
    let mut quote_depth = 0usize;
    let close = |open: &mut Option<(BlockKind, Option<Range<usize>>)>,
                 blocks: &mut Vec<Block>,
                 quote_depth: usize| {
        if let Some((kind, Some(range))) = open.take() {
            blocks.push(Block {
                kind,
                range,
                disclaimer: false,
                quoted: quote_depth > 0,
                sentences: 0..0,
            });
        }
    };
    for (event, range) in parser {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            html.push(range.clone());
        }
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph) => {
                let kind = if item_depth > 0 {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                close(&mut open, &mut blocks, quote_depth);
                open = Some((kind, None));
            }
            Event::Start(Tag::Heading { .. }) => {
                close(&mut open, &mut blocks, quote_depth);
                open = Some((BlockKind::Heading, None));
            }
            Event::Start(Tag::Item) => {
                item_depth += 1;
                close(&mut open, &mut blocks, quote_depth);
                open = Some((BlockKind::ListItem, None));
            }
            Event::Start(Tag::List(_)) => close(&mut open, &mut blocks, quote_depth),
            Event::Start(Tag::BlockQuote(_)) => {
                close(&mut open, &mut blocks, quote_depth);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                close(&mut open, &mut blocks, quote_depth);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::TableCell) => {
                close(&mut open, &mut blocks, quote_depth);
                open = Some((BlockKind::Paragraph, None));
            }
            Event::End(TagEnd::Item) => {
                item_depth = item_depth.saturating_sub(1);
                close(&mut open, &mut blocks, quote_depth);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell) => {
                close(&mut open, &mut blocks, quote_depth);
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if skip_depth == 0 => {
                if open.is_none() {
                    open = Some((BlockKind::Paragraph, None));
                }
                if let Some((_, span)) = &mut open {
                    *span = Some(match span.take() {
                        Some(s) => s.start.min(range.start)..s.end.max(range.end),
                        None => range.clone(),
                    });
                }
                if matches!(event, Event::Text(_)) {
                    keep.push(range);
                }
            }
            _ => {}
        }
    }
    close(&mut open, &mut blocks, quote_depth);
    mask_except(masked, &keep);
    blocks.sort_by_key(|b| b.range.start);
    (blocks, html)
}

/// Blanks everything except the given ranges (and newlines).
fn mask_except(text: &mut String, keep: &[Range<usize>]) {
    let mut sorted = keep.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut gaps = Vec::new();
    let mut cursor = 0;
    for range in sorted {
        if range.start > cursor {
            gaps.push(cursor..range.start);
        }
        cursor = cursor.max(range.end);
    }
    if cursor < text.len() {
        gaps.push(cursor..text.len());
    }
    blank_ranges(text, gaps.into_iter());
}

/// Plain text: a line is a paragraph, unless the writer hard-wrapped the text and separated
/// paragraphs with blank lines, in which case each group of lines is one.
fn plain_blocks(text: &str) -> Vec<Block> {
    let lines = line_ranges(text);
    let wrapped = looks_hard_wrapped(text, &lines);
    let mut blocks = Vec::new();
    let mut group: Option<Range<usize>> = None;
    let flush = |group: &mut Option<Range<usize>>, blocks: &mut Vec<Block>| {
        if let Some(range) = group.take() {
            blocks.push(plain_block(text, range));
        }
    };
    for line in lines {
        let content = trim_range(text, line.clone());
        if content.is_empty() {
            flush(&mut group, &mut blocks);
            continue;
        }
        let is_item = list_marker_len(&text[content.clone()]).is_some();
        if !wrapped || is_item {
            flush(&mut group, &mut blocks);
            blocks.push(plain_block(text, content));
            continue;
        }
        group = Some(match group.take() {
            Some(g) => g.start..content.end,
            None => content,
        });
    }
    flush(&mut group, &mut blocks);
    blocks
}

fn plain_block(text: &str, range: Range<usize>) -> Block {
    let line = &text[range.clone()];
    if let Some(marker) = list_marker_len(line) {
        return Block {
            kind: BlockKind::ListItem,
            range: range.start + marker..range.end,
            disclaimer: false,
            quoted: false,
            sentences: 0..0,
        };
    }
    let kind = if looks_like_heading(line) {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    };
    Block {
        kind,
        range,
        disclaimer: false,
        quoted: false,
        sentences: 0..0,
    }
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in crate::position::line_break_ends(text) {
        let line = &text[start..end];
        out.push(start..start + line.trim_end_matches(['\n', '\r']).len());
        start = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Hard-wrapped prose has blank lines between paragraphs and short lines inside them.
fn looks_hard_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    let mut multi_line_groups = 0;
    let mut separators = 0;
    let mut run = 0;
    let mut long_lines = 0;
    let mut non_empty = 0;
    let mut blank_pending = false;
    for line in lines {
        let slice = text[line.clone()].trim();
        if slice.is_empty() {
            if run > 1 {
                multi_line_groups += 1;
            }
            run = 0;
            blank_pending = non_empty > 0;
            continue;
        }
        if blank_pending {
            separators += 1;
            blank_pending = false;
        }
        if list_marker_len(slice).is_none() {
            run += 1;
        }
        non_empty += 1;
        if slice.chars().count() > 110 {
            long_lines += 1;
        }
    }
    if run > 1 {
        multi_line_groups += 1;
    }
    separators > 0 && multi_line_groups > 0 && long_lines * 4 < non_empty
}

/// Length of a leading bullet or number marker ("- ", "* ", "• ", "1. ", "2) ").
pub(crate) fn list_marker_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    for bullet in ["- ", "* ", "• ", "– ", "+ "] {
        if trimmed.starts_with(bullet) {
            return Some(indent + bullet.len());
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &trimmed[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")).then_some(indent + digits + 2)
}

/// A short line without closing punctuation that starts with a capital (or a quotation mark):
/// "What Triggered the Outreach", "“National Interests” and Nuclear Stakes".
fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words == 0 || words > 12 {
        return false;
    }
    let last = line.chars().last().unwrap_or('.');
    if ".!?:;,".contains(last) {
        return false;
    }
    // "# Title" in plain text is a title too: the marks and the space after them are skipped.
    let first = line
        .chars()
        .find(|c| !"“\"‘'«„#".contains(*c) && !c.is_whitespace());
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_disclaimer(block: &str, lex: &Lexicon) -> bool {
    // One pass, lower-casing and dropping quotation marks as it goes: every block is folded,
    // and folding it in three passes was a twentieth of a whole check. Per character, lower
    // case differs from the whole string's only for a final sigma, so a block with a capital
    // sigma is lower-cased whole first.
    let block = if block.contains('Σ') {
        std::borrow::Cow::Owned(block.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(block)
    };
    let mut folded = String::with_capacity(block.len());
    for c in block.chars() {
        match c {
            '‘' | '’' | '\'' | '“' | '”' | '"' => {}
            c if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            c => folded.extend(c.to_lowercase()),
        }
    }
    lex.disclaimer_markers.iter().any(|m| folded.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, format: Format) -> Article {
        Article::parse("t", Arc::from(text), format, &Lexicon::builtin())
    }

    #[test]
    fn masked_text_keeps_offsets_and_hides_markup() {
        let text = "# Title\n\nSee [the report](https://x.org/2024/77) and `code 12`.\n";
        let a = parse(text, Format::Markdown);
        assert_eq!(a.text.len(), text.len());
        assert!(!a.text.contains("77"));
        assert!(!a.text.contains("12"));
        assert!(a.text.contains("the report"));
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[0].kind, BlockKind::Heading);
    }

    #[test]
    fn plain_text_lines_are_paragraphs_and_short_lines_headings() {
        let text = "First paragraph here. It goes on.\nA Heavy Toll\nSecond one, longer.\n- CNN: A headline\n";
        let a = parse(text, Format::Plain);
        let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem
            ]
        );
        assert_eq!(&a.text[a.blocks[3].range.clone()], "CNN: A headline");
    }

    #[test]
    fn hard_wrapped_plain_text_groups_lines() {
        let text =
            "One sentence that wraps\nonto a second line.\n\nAnother paragraph that\nalso wraps.\n";
        let a = parse(text, Format::Plain);
        assert_eq!(a.blocks.len(), 2);
    }

    #[test]
    fn front_matter_sources_are_read_and_masked() {
        let text = "---\ntitle: x 2024\nsources:\n  - Reuters\n  - name: Associated Press\n    aliases: [AP]\n---\nBody.\n";
        let a = parse(text, Format::Markdown);
        let fm = a.front_matter.unwrap();
        let sources = fm.sources.unwrap();
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[1].aliases, ["AP"]);
        assert!(!a.text.contains("2024"));
        assert!(a.problems.is_empty());
    }

    #[test]
    fn front_matter_with_lone_cr_line_ends_is_read() {
        let text = "---\rsources:\r  - Reuters\r---\rBody.\r";
        let a = parse(text, Format::Markdown);
        let sources = a.front_matter.unwrap().sources.unwrap();
        assert_eq!(sources.len(), 1);
        assert!(a.problems.is_empty());
        let broken = parse("---\rsources: [a\r---\rBody.\r", Format::Markdown);
        assert_eq!(broken.problems.len(), 1);
    }

    #[test]
    fn the_body_after_front_matter_with_lone_cr_line_ends_is_prose() {
        // Blanked front matter must not run into the first body line and indent it into code.
        let lone_cr = parse(
            "---\rtitle: x\r---\r“We will go,” said a source.\r",
            Format::Markdown,
        );
        let lf = parse(
            "---\ntitle: x\n---\n“We will go,” said a source.\n",
            Format::Markdown,
        );
        assert_eq!(lone_cr.sentences.len(), 1);
        assert_eq!(lone_cr.sentences.len(), lf.sentences.len());
        assert_eq!(lone_cr.text.trim(), lf.text.trim());
    }

    #[test]
    fn broken_front_matter_is_a_problem_with_a_position() {
        let text = "---\nsources: [a, b\n---\nBody.\n";
        let a = parse(text, Format::Markdown);
        assert_eq!(a.problems.len(), 1);
        assert!(a.problems[0].span.is_some());
    }

    #[test]
    fn disclaimer_paragraph_is_marked() {
        let text = "This piece was rewritten under ‘Fair Use’ for news reporting.\n";
        let a = parse(text, Format::Plain);
        assert!(a.blocks[0].disclaimer);
    }
}
