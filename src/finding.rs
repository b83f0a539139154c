//! A finding is plain data: which rule, how severe, where (a byte range into the article source),
//! what to tell the writer, and, when the rule knows the edit that settles it, a fix. Findings
//! are never errors; emitters decide how they look, and the editor and `check --fix` apply the
//! fixes.

use std::ops::Range;

use crate::rules::Severity;

/// Another place that explains a finding (for copy findings: the original passage).
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub path: String,
    /// Byte range in the related file.
    pub span: Range<usize>,
    /// The same range in code points, for scorers that count characters.
    pub char_span: Range<usize>,
    pub text: String,
    pub similarity: Option<f64>,
    /// The related file's whole text, so that human output can show the passage in context.
    pub source: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    /// Short text under the span in human output.
    pub label: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// The edit that settles the finding, when the rule knows one.
    pub fix: Option<Fix>,
}

/// Edits to the article that settle a finding, under a title an editor can show ("Add “NPR” to
/// the source list"). Made where the finding is made, by the rule that knows what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    /// Non-overlapping edits of the article's source.
    pub edits: Vec<Edit>,
}

/// Replace the bytes `range` of the article's source with `text` (an empty range inserts).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}
