//! The one seam for output: `--format` picks an emitter, and emitters are the only code that
//! writes to stdout. Each format is one module; all of them read the same [`RunReport`].

use std::io::{self, Write};

use crate::position::LineCol;
use crate::report::RunReport;

pub mod claims;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod lsp;
pub mod rules;
pub mod sarif;
pub mod short;
pub mod statistics;

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
    /// A self-contained HTML provenance page (what `fairlint report` writes).
    Html,
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
        Format::Html => html::emit(report, out),
    }
}

/// Formats written file by file as the files are checked, so that a run's memory does not
/// grow with its number of files. JSON, SARIF, LSP and HTML are one document each and are
/// written once the run is done.
pub fn streams(format: Format) -> bool {
    matches!(format, Format::Human | Format::Short | Format::Github)
}

/// The part of a streamed format ([`streams`]) for some of the files, without what ends it.
pub fn emit_files(
    report: &RunReport,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::emit_files(report, style, out),
        Format::Short => short::emit(report, out),
        Format::Github => github::emit(report, out),
        Format::Json | Format::Sarif | Format::Lsp | Format::Html => Ok(()),
    }
}

/// What a streamed format writes after the last file.
pub fn emit_end(
    summary: &crate::report::Summary,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => writeln!(out, "{}", summary.line()),
        _ => Ok(()),
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
