//! The one seam for output: `--format` picks an emitter, and emitters are the only code that
//! writes to stdout. Each format is one module; all of them read the same [`RunReport`].

use std::io::{self, Write};

use crate::position::LineCol;
use crate::report::RunReport;

pub mod claims;
pub mod github;
pub mod human;
pub mod json;
pub mod lsp;
pub mod rules;
pub mod sarif;
pub mod short;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty diagnostics with the span underlined (the default on a terminal).
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Short,
    /// The versioned JSON contract described in the README.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// LSP `PublishDiagnosticsParams` per file, for editor plugins that shell out.
    Lsp,
}

/// Formats of the listing commands (`claims`, `rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table for people.
    Human,
    /// One line per item.
    Short,
    /// JSON for tools.
    Json,
}

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

pub fn emit_check(
    report: &RunReport,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::emit(report, style, out),
        Format::Short => short::emit(report, out),
        Format::Json => json::emit(report, out),
        Format::Sarif => sarif::emit(report, out),
        Format::Github => github::emit(report, out),
        Format::Lsp => lsp::emit(report, out),
    }
}

/// Start and end of a byte range as people count them.
pub fn line_cols(
    analysis_source: &str,
    lines: &crate::position::LineIndex,
    span: &std::ops::Range<usize>,
) -> (LineCol, LineCol) {
    (
        lines.line_col(analysis_source, span.start),
        lines.line_col(analysis_source, span.end),
    )
}
