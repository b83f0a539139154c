//! The part of a source people are shown beside a diagnostic: the lines around a span, each cut
//! to a window of characters around it. miette renders whole lines, so a 65 KB one-line article
//! would print 65 KB per finding (and miette panics past column 65,535); a window keeps human
//! output proportional to the findings, whatever the input. Line numbers and columns stay those
//! of the whole source. The window fits the terminal: each line shown, with miette's gutter,
//! stays within the width, so the terminal never wraps a line and the underline stays under its
//! words.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::position::{LineIndex, floor_char_boundary};
use crate::visible::visible_lines;

/// The width assumed where there is no terminal to ask (a pipe, a file, a config error).
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest line a window gets, whatever the terminal says: a span needs some room.
const MIN_LINE_CHARS: usize = 30;

/// A longer span is shown (and underlined) up to this many characters, then `…`.
pub const MAX_SPAN_CHARS: usize = 240;

/// How far (in bytes) a cut may move to fall between words.
const WORD_SLACK: usize = 24;

/// Where a window cuts a line.
const CUT: &str = "…";

/// A windowed excerpt of one source, with one span in it, that miette renders.
#[derive(Debug, Clone)]
pub struct Snippet {
    name: String,
    data: String,
    /// The 0-based line number of the excerpt's first line in the whole source.
    first_line: usize,
    /// The span in `data`.
    span: Range<usize>,
    /// The span start's 0-based column in the whole source, in characters.
    column: usize,
}

impl Snippet {
    /// A source with nothing to show (an error without a place).
    pub fn empty(name: impl Into<String>) -> Snippet {
        Snippet {
            name: name.into(),
            data: String::new(),
            first_line: 0,
            span: 0..0,
            column: 0,
        }
    }

    /// The lines of `text` around `span` (one before, one after), each windowed to fit a
    /// terminal `width` characters wide. `lines` is the text's line index when the caller has
    /// one (it saves counting lines).
    pub fn new(
        name: impl Into<String>,
        text: &str,
        span: Range<usize>,
        lines: Option<&LineIndex>,
        width: usize,
    ) -> Snippet {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let end = advance(text, start, MAX_SPAN_CHARS).min(end);
        let line_of = |offset: usize| match lines {
            Some(index) => index.line_of(offset),
            None => text.as_bytes()[..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
        };
        let own = line_start(text, start);
        let context_start = if own == 0 {
            0
        } else {
            line_start(text, own - 1)
        };
        let first_line = line_of(start).saturating_sub(1);
        let mut data = String::new();
        let mut mapped = 0..0;
        let mut at = context_start;
        let last_line = line_of(end) + 1;
        let line_chars = line_chars(width, last_line + 1);
        for _ in first_line..=last_line {
            let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let focus = if end < at {
                at..at
            } else if start > line_end {
                line_end..line_end
            } else {
                start.max(at)..end.min(line_end)
            };
            let (from, to) = window(text, at..line_end, focus.clone(), line_chars);
            // Cut between words when there is a space near the cut.
            let from = match text[from..focus.start].find(' ') {
                Some(i) if from > at && i < WORD_SLACK => from + i + 1,
                _ => from,
            };
            let to = match text[focus.end.min(to)..to].rfind(' ') {
                Some(i) if to < line_end && focus.end + i + WORD_SLACK > to => focus.end + i,
                _ => to,
            };
            if from > at {
                data.push_str(CUT);
            }
            // Control characters are shown as codes, so the span is mapped piece by piece.
            let shown = text[from..to].trim_end_matches('\r');
            let shown = if to < line_end {
                shown.trim_end_matches(' ')
            } else {
                shown
            };
            let shown_end = from + shown.len();
            let has_start = (at..=line_end).contains(&start) && start >= from;
            let has_end = (at..=line_end).contains(&end) && end >= from;
            let p1 = if has_start {
                start.clamp(from, shown_end)
            } else {
                from
            };
            let p2 = if has_end {
                end.clamp(p1, shown_end)
            } else {
                shown_end
            };
            data.push_str(&visible_lines(&text[from..p1]));
            if has_start {
                mapped.start = data.len();
            }
            data.push_str(&visible_lines(&text[p1..p2]));
            if has_end {
                mapped.end = data.len();
            }
            data.push_str(&visible_lines(&text[p2..shown_end]));
            if to < line_end {
                data.push_str(CUT);
            }
            if line_end >= text.len() {
                break;
            }
            data.push('\n');
            at = line_end + 1;
        }
        let column = text[line_start(text, start)..start].chars().count();
        Snippet {
            name: name.into(),
            data,
            first_line,
            span: mapped.start..mapped.end.max(mapped.start),
            column,
        }
    }

    /// The span to label, in the snippet's own offsets.
    pub fn span(&self) -> SourceSpan {
        SourceSpan::from(self.span.clone())
    }
}

/// Characters of source a line may show: the width less miette's gutter (" 12 │ ") and a
/// column spare, so that the terminal does not wrap.
fn line_chars(width: usize, last_line_number: usize) -> usize {
    let gutter = last_line_number.to_string().len() + 4;
    width.saturating_sub(gutter + 1).max(MIN_LINE_CHARS)
}

/// Where to cut `line` to show `focus` (the part of the span on it, or an empty range at the
/// line's end or start for a line of context) in `chars` characters, the cut marks included:
/// the room left beside the focus is shared between its sides, and a side the line does not
/// fill gives its share to the other. A focus too long for the room is shown from its start.
fn window(text: &str, line: Range<usize>, focus: Range<usize>, chars: usize) -> (usize, usize) {
    if text[line.clone()].chars().nth(chars).is_none() {
        return (line.start, line.end);
    }
    let room = chars.saturating_sub(2);
    let focus_chars = text[focus.clone()].chars().count();
    if focus_chars >= room {
        return (focus.start, advance(text, focus.start, room).min(line.end));
    }
    let spare = room - focus_chars;
    let available_before = text[line.start..focus.start].chars().count();
    let available_after = text[focus.end..line.end].chars().count();
    let mut before = spare / 2;
    let mut after = spare - before;
    if available_before < before {
        after += before - available_before;
        before = available_before;
    }
    if available_after < after {
        before += after - available_after;
        after = available_after;
    }
    let from = back(text, focus.start, before).max(line.start);
    let to = advance(text, focus.end, after).min(line.end);
    (from, to)
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset `chars` characters after `from` (or the end).
fn advance(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The offset `chars` characters before `from` (or the start).
fn back(text: &str, from: usize, chars: usize) -> usize {
    if chars == 0 {
        return from;
    }
    text[..from]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i)
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.data
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes of the excerpt; people count characters of the line.
        let column = if span.offset() == self.span.start {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole_with_their_neighbours() {
        let text = "one\ntwo three\nfour\nfive";
        let s = Snippet::new("t", text, 8..13, None, DEFAULT_WIDTH);
        assert_eq!(s.data, "one\ntwo three\nfour\n");
        assert_eq!(&s.data[s.span.clone()], "three");
        assert_eq!((s.first_line, s.column), (0, 4));
        let s = Snippet::new("t", text, 19..23, None, DEFAULT_WIDTH);
        assert_eq!(s.data, "four\nfive");
        assert_eq!(&s.data[s.span.clone()], "five");
        assert_eq!(s.first_line, 2);
    }

    #[test]
    fn a_long_line_is_windowed_around_the_span() {
        let text = format!("{}NEEDLE{}", "a".repeat(70_000), "b".repeat(70_000));
        let s = Snippet::new("t", &text, 70_000..70_006, None, DEFAULT_WIDTH);
        assert_eq!(&s.data[s.span.clone()], "NEEDLE");
        assert!(s.data.starts_with('…') && s.data.ends_with('…'));
        assert_eq!(s.column, 70_000);
        // With the gutter (" 1 │ ") the line fits the width, one column spare.
        assert_eq!(s.data.chars().count(), DEFAULT_WIDTH - 6);
        let narrow = Snippet::new("t", &text, 70_000..70_006, None, 80);
        assert_eq!(narrow.data.chars().count(), 80 - 6);
        assert_eq!(&narrow.data[narrow.span.clone()], "NEEDLE");
    }

    #[test]
    fn a_long_span_is_cut() {
        let text = "word ".repeat(20_000);
        let s = Snippet::new("t", &text, 0..text.len(), None, DEFAULT_WIDTH);
        assert!(s.data.ends_with('…'));
        assert!(s.data.chars().count() <= DEFAULT_WIDTH - 6);
        assert_eq!(s.span.len(), s.data.len() - CUT.len());
    }

    #[test]
    fn control_characters_are_shown_as_codes_and_the_span_follows() {
        let text = "a\u{1b}[2J b \u{202e}SPAN c";
        let at = text.find("SPAN").unwrap();
        let s = Snippet::new("t", text, at..at + 4, None, DEFAULT_WIDTH);
        assert_eq!(s.data, "a\\u{1b}[2J b \\u{202e}SPAN c");
        assert_eq!(&s.data[s.span.clone()], "SPAN");
    }

    #[test]
    fn empty_and_end_spans() {
        let s = Snippet::new("t", "abc\n", 4..4, None, DEFAULT_WIDTH);
        assert_eq!(s.data, "abc\n");
        assert_eq!(s.span, 4..4);
        let s = Snippet::new("t", "", 0..0, None, DEFAULT_WIDTH);
        assert_eq!(s.data, "");
    }
}
