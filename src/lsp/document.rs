//! The documents the editor has open: their text as the editor sees it (not as saved), kept up
//! to date with incremental edits, and the latest analysis of each.

use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::check::Checked;
use crate::emit::lsp::byte_range;
use crate::position::{Encoding, LineIndex};

pub struct Document {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub text: String,
    pub version: i32,
    /// The last check of the text; `None` until the document is checked.
    pub checked: Option<Checked>,
    /// The text grew over [`super::MAX_DOCUMENT`]: it is dropped, not checked, and edits to it
    /// are ignored until the editor sends the whole text again (or reopens it) within the limit.
    pub too_large: bool,
    /// Counts changes to the text (and to what it is checked with): a check's result is kept
    /// only if it is of the current generation.
    pub generation: u64,
}

impl Document {
    pub fn new(uri: Uri, text: String, version: i32) -> Document {
        let mut document = Document {
            path: crate::emit::lsp::uri_path(&uri),
            uri,
            text: String::new(),
            version,
            checked: None,
            too_large: false,
            generation: 0,
        };
        document.replace(text);
        document
    }

    /// Replaces the whole text, dropping it when it is over the limit.
    pub fn replace(&mut self, text: String) {
        self.too_large = text.len() > super::MAX_DOCUMENT;
        self.text = if self.too_large { String::new() } else { text };
        self.invalidate();
    }

    /// Drops the analysis: the text, or what it is checked with, changed.
    pub(crate) fn invalidate(&mut self) {
        self.checked = None;
        self.generation += 1;
    }

    /// Applies the editor's changes in order. A change without a range replaces the text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            let Some(range) = change.range else {
                self.replace(change.text);
                continue;
            };
            if self.too_large {
                continue;
            }
            let lines = LineIndex::new(&self.text);
            let bytes = byte_range(&self.text, &lines, range, encoding);
            if self.text.len() - bytes.len() + change.text.len() > super::MAX_DOCUMENT {
                self.replace(String::new());
                self.too_large = true;
                continue;
            }
            self.text.replace_range(bytes, &change.text);
        }
        self.version = version;
        self.invalidate();
    }

    /// The name fairlint shows and uses to pick Markdown or plain text.
    pub(crate) fn display_path(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => self.uri.as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use lsp_types::{Position, Range};

    use super::*;

    fn change(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_in_utf16() {
        let uri = Uri::from_str("file:///tmp/a.md").unwrap();
        let mut doc = Document::new(uri, "😀 said “hi”\nline two".into(), 1);
        doc.apply(vec![change(0, 3, 0, 7, "told")], 2, Encoding::Utf16);
        assert_eq!(doc.text, "😀 told “hi”\nline two");
        doc.apply(
            vec![change(1, 5, 1, 8, "2"), change(0, 0, 0, 2, "")],
            3,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, " told “hi”\nline 2");
        assert_eq!(doc.version, 3);
    }
}
