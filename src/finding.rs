//! A finding is plain data: which rule, how severe, where (a byte range into the article source),
//! and what to tell the writer. Findings are never errors; emitters decide how they look.

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
}
