//! `--format github`: GitHub Actions workflow commands, one line per finding, which the runner
//! turns into annotations on the pull request:
//!
//! ```text
//! ::error file=desk/story.md,line=3,col=9,endLine=3,endColumn=41,title=quote-unattributed::message
//! ```
//!
//! Errors are `::error`, warnings `::warning`, infos `::notice`. The finding's help follows the
//! message on a second line. Values are escaped as GitHub's toolkit (`@actions/core`) escapes
//! them, so a `%`, a line break, or a `:` or `,` in a path cannot end or split the command.
//! Problems reading input are `::error` lines for the file.

use std::io::{self, Write};

use crate::report::FileReport;
use crate::rules::Severity;

/// The command for a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message (its data): `%`, CR and LF as the toolkit does, and every other
/// control character shown as its code (the log viewer would interpret an ESC).
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if crate::visible::is_hidden(c) && c != '\t' => {
                out.push_str(&crate::visible::code(c))
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], and `:` and `,`, which end a value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(crate) struct Stream;

impl super::Emitter for Stream {
    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        emit_file(file, out)
    }
}

fn emit_file(file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let path = escape_property(&super::sarif::normalize_path(&file.path));
    if let Some(analysis) = &file.analysis {
        let article = &analysis.article;
        for finding in &file.findings {
            let (start, end) = super::line_cols(&article.source, &article.lines, &finding.span);
            // GitHub takes columns only for an annotation on one line.
            let place = if start.line == end.line {
                format!(
                    "line={},col={},endLine={},endColumn={}",
                    start.line, start.column, end.line, end.column
                )
            } else {
                format!("line={},endLine={}", start.line, end.line)
            };
            writeln!(
                out,
                "::{} file={path},{place},title={}::{}",
                command(finding.severity),
                escape_property(&finding.rule),
                escape_data(&super::sarif::message_text(finding)),
            )?;
        }
    }
    for error in &file.errors {
        let place = file.error_position(error).map_or(String::new(), |at| {
            format!(",line={},col={}", at.line, at.column)
        });
        writeln!(
            out,
            "::error file={path}{place}::{}",
            escape_data(&error.message)
        )?;
    }
    Ok(())
}
