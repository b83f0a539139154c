//! Turns byte offsets into the positions people and protocols use. Everything inside fairlint
//! works on byte ranges into one shared source; line/column (in characters, 1-based) is computed
//! only here, at the edge, when a finding is shown.

/// Byte offsets of every line start, for binary-search lookups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
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
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        LineCol {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Is `range` inside one of `sorted` (ranges sorted by start and not overlapping)? Binary search,
/// so that checking every token of a long article against every quote stays linear.
pub fn within_any(sorted: &[std::ops::Range<usize>], range: &std::ops::Range<usize>) -> bool {
    let after = sorted.partition_point(|r| r.start <= range.start);
    after > 0 && range.end <= sorted[after - 1].end
}

/// Code-point offset of a byte offset.
pub fn char_offset(text: &str, offset: usize) -> usize {
    text[..floor_char_boundary(text, offset)].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
