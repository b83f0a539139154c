//! Turns byte offsets into the positions people and protocols use. Everything inside fairlint
//! works on byte ranges into one shared source; line/column (in characters, 1-based) is computed
//! only here, at the edge, when a finding is shown.

/// Where each line break ends: after `\n`, `\r\n`, or a lone `\r` (classic Mac files and
/// some CMS exports end lines with CR alone).
pub(crate) fn line_break_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, b)| match b {
        b'\n' => Some(i + 1),
        b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}

/// `text` with each lone `\r` read as `\n`, byte for byte (so every offset stays), for the
/// Markdown parser, which ends an HTML block or a comment only at a `\n`.
pub(crate) fn with_lf_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    let lone_cr = |i: usize| text.as_bytes().get(i + 1) != Some(&b'\n');
    if !text
        .bytes()
        .enumerate()
        .any(|(i, b)| b == b'\r' && lone_cr(i))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text
        .bytes()
        .enumerate()
        .map(|(i, b)| if b == b'\r' && lone_cr(i) { b'\n' } else { b })
        .collect();
    // Only ASCII bytes changed, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// Byte offsets of every line start, for binary-search lookups, and the character count at
/// regular checkpoints, so that a column or a character offset never counts from the start of
/// the text (that made the emitters quadratic in long files).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    chars: CharIndex,
}

/// Code-point offsets of byte offsets: the count before every checkpoint, and at most one
/// checkpoint's bytes counted per lookup. An ASCII text needs no table at all.
#[derive(Debug, Clone)]
pub struct CharIndex {
    ascii: bool,
    before: Vec<usize>,
}

const CHECKPOINT: usize = 1024;

/// A byte that starts a character (not a UTF-8 continuation byte).
fn starts_char(byte: &u8) -> bool {
    byte & 0xC0 != 0x80
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex {
                ascii: true,
                before: Vec::new(),
            };
        }
        let mut before = Vec::with_capacity(text.len() / CHECKPOINT + 2);
        let mut count = 0;
        for chunk in text.as_bytes().chunks(CHECKPOINT) {
            before.push(count);
            count += chunk.iter().filter(|b| starts_char(b)).count();
        }
        // The end of a text whose length is a multiple of the checkpoint is a checkpoint too.
        before.push(count);
        CharIndex {
            ascii: false,
            before,
        }
    }

    /// Characters before byte `offset` of `text` (the text the index was built on); an offset
    /// inside a character counts from that character's start.
    pub fn offset(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset);
        if self.ascii {
            return offset;
        }
        let checkpoint = offset / CHECKPOINT;
        let from = checkpoint * CHECKPOINT;
        self.before[checkpoint]
            + text.as_bytes()[from..offset]
                .iter()
                .filter(|b| starts_char(b))
                .count()
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(line_break_ends(text));
        LineIndex {
            starts,
            chars: CharIndex::new(text),
        }
    }

    /// Code-point offset of a byte offset into `text`, the text the index was built on.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        self.chars.offset(text, offset)
    }

    /// 0-based line number containing `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub(crate) fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        LineCol {
            line: line + 1,
            column: self.chars.offset(text, offset) - self.chars.offset(text, start) + 1,
        }
    }
}

/// The largest char boundary at or below `offset` (the end of the text past it).
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Is `range` inside one of `sorted` (ranges sorted by start and not overlapping)? Binary search,
/// so that checking every token of a long article against every quote stays linear.
pub(crate) fn within_any(
    sorted: &[std::ops::Range<usize>],
    range: &std::ops::Range<usize>,
) -> bool {
    let after = sorted.partition_point(|r| r.start <= range.start);
    after > 0 && range.end <= sorted[after - 1].end
}

/// Code-point offset of a byte offset.
pub fn char_offset(text: &str, offset: usize) -> usize {
    text[..floor_char_boundary(text, offset)].chars().count()
}

/// How an editor counts columns: LSP clients speak UTF-16 unless they offer UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A 0-based line and column in `encoding` units, as LSP positions are.
pub fn to_lsp(text: &str, lines: &LineIndex, offset: usize, encoding: Encoding) -> (u32, u32) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line = lines.line_of(offset);
    let start = lines.line_start(line);
    let column = match encoding {
        Encoding::Utf8 => offset - start,
        Encoding::Utf16 => text[start..offset].encode_utf16().count(),
    };
    (line as u32, column as u32)
}

/// The byte offset of an LSP position. Positions past the end of a line clamp to its end (the
/// protocol says so), and a column inside a surrogate pair or a multi-byte character rounds
/// down to the character's start.
pub fn from_lsp(
    text: &str,
    lines: &LineIndex,
    line: u32,
    column: u32,
    encoding: Encoding,
) -> usize {
    let line = line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let start = lines.line_start(line);
    let next = if line + 1 < lines.line_count() {
        lines.line_start(line + 1)
    } else {
        text.len()
    };
    let end = start + text[start..next].trim_end_matches(['\n', '\r']).len();
    let mut units = 0usize;
    for (i, c) in text[start..end].char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units + width > column as usize {
            return start + i;
        }
        units += width;
    }
    end
}

#[cfg(test)]
mod tests {
    #[test]
    fn char_offsets_count_code_points_across_checkpoints() {
        let text = "“€ a” b".repeat(500);
        let idx = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(7) {
            assert_eq!(idx.char_offset(&text, offset), char_offset(&text, offset));
        }
        let whole_checkpoints = "é".repeat(CHECKPOINT);
        let idx = LineIndex::new(&whole_checkpoints);
        assert_eq!(idx.char_offset(&whole_checkpoints, usize::MAX), CHECKPOINT);
        let ascii = "plain text".repeat(300);
        let idx = LineIndex::new(&ascii);
        assert_eq!(idx.char_offset(&ascii, 2_000), 2_000);
        assert_eq!(idx.char_offset(&ascii, 99_999), ascii.len());
    }

    use super::*;

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        let text = "a😀b\nx“y”";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(to_lsp(text, &idx, b, Encoding::Utf16), (0, 3));
        assert_eq!(to_lsp(text, &idx, b, Encoding::Utf8), (0, 5));
        assert_eq!(from_lsp(text, &idx, 0, 3, Encoding::Utf16), b);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(from_lsp(text, &idx, 0, 2, Encoding::Utf16), 1);
        // Past the end of the line: its end.
        assert_eq!(
            from_lsp(text, &idx, 0, 99, Encoding::Utf16),
            text.find('\n').unwrap()
        );
        let y = text.find('y').unwrap();
        assert_eq!(to_lsp(text, &idx, y, Encoding::Utf16), (1, 2));
        assert_eq!(from_lsp(text, &idx, 9, 0, Encoding::Utf16), text.len());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "“Hi,” she said.\nsecond";
        let idx = LineIndex::new(text);
        let said = text.find("said").unwrap();
        assert_eq!(
            idx.line_col(text, said),
            LineCol {
                line: 1,
                column: 11
            }
        );
        let second = text.find("second").unwrap();
        assert_eq!(idx.line_col(text, second), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, text.len()).line, 2);
    }
}
