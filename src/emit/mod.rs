//! The one seam for output: `--format` picks an emitter, and emitters are the only code that
//! writes to stdout. Each format is one module; all of them read the same [`RunReport`]. The
//! other commands' output (`claims`, `rules`, `archive`) has a module each beside them.

use std::io::{self, Write};

use crate::position::LineCol;
use crate::report::{FileReport, RunReport, Summary};

pub mod archive;
pub mod claims;
pub mod diff;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod lsp;
pub mod rules;
pub mod sarif;
pub mod short;
pub(crate) mod statistics;

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
    /// No summary line after the findings (`--quiet`).
    pub quiet: bool,
}

/// Output written file by file, in the order the files were given, as each completes: a run's
/// memory does not grow with its number of files, whatever the format. A document format (JSON,
/// SARIF, LSP) writes its opening before the first file and its closing after the last; the
/// rest of the document is small (a summary, input problems).
pub(crate) trait Emitter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()>;
    fn end(&mut self, _summary: &Summary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

pub(crate) fn emitter(format: Format, style: Style) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(human::Stream::new(style)),
        Format::Short => Box::new(short::Stream),
        Format::Json => Box::new(json::Stream::default()),
        Format::Sarif => Box::new(sarif::Stream::default()),
        Format::Github => Box::new(github::Stream),
        Format::Lsp => Box::new(lsp::Stream::default()),
        Format::Html => Box::new(html::Stream::default()),
    }
}

/// A whole run at once, as the streamed output would have written it.
pub fn emit_check(
    report: &RunReport,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut emitter = emitter(format, style);
    emitter.begin(out)?;
    for file in &report.files {
        emitter.file(file, out)?;
    }
    emitter.end(&report.summary(), out)
}

/// A JSON array written one element at a time, laid out exactly as `serde_json`'s pretty printer
/// lays out the whole document, so that streaming does not change a byte of the output.
#[derive(Default)]
pub(crate) struct JsonArray {
    written: usize,
}

impl JsonArray {
    /// One element, at `depth` levels of nesting (the array's own opening `[` is the caller's).
    pub fn push(
        &mut self,
        value: &impl serde::Serialize,
        depth: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let separator = if self.written == 0 { "\n" } else { ",\n" };
        self.written += 1;
        write!(out, "{separator}{}", "  ".repeat(depth))?;
        write_nested(value, depth, out)
    }

    /// The closing `]` of an array opened at `depth - 1`.
    pub fn close(&self, depth: usize, out: &mut dyn Write) -> io::Result<()> {
        if self.written == 0 {
            return write!(out, "]");
        }
        write!(out, "\n{}]", "  ".repeat(depth.saturating_sub(1)))
    }
}

/// `value` pretty-printed as if `depth` levels deep in a larger document: every line after the
/// first indented. JSON strings escape their line breaks, so every break is the printer's.
pub(crate) fn write_nested(
    value: &impl serde::Serialize,
    depth: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let pad = format!("\n{}", "  ".repeat(depth));
    out.write_all(text.replace('\n', &pad).as_bytes())
}

/// Start and end of a byte range as people count them.
pub(crate) fn line_cols(
    analysis_source: &str,
    lines: &crate::position::LineIndex,
    span: &std::ops::Range<usize>,
) -> (LineCol, LineCol) {
    (
        lines.line_col(analysis_source, span.start),
        lines.line_col(analysis_source, span.end),
    )
}
