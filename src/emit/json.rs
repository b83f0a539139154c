//! `--format json`: the machine contract (version 1). Field names and meanings are documented in
//! the README and only ever added to; a breaking change bumps `version`.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::Fix;
use crate::report::{FileReport, Summary};

pub(crate) const VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic<'a>>,
    errors: Vec<ErrorOut<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
    text: &'a str,
    related: Vec<RelatedOut<'a>>,
    /// Only when the finding has a fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixOut<'a>>,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    edits: Vec<EditOut<'a>>,
}

/// Replace the span with `text` (an empty span inserts).
#[derive(Serialize)]
struct EditOut<'a> {
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    path: &'a str,
    byte_start: usize,
    byte_end: usize,
    char_start: usize,
    char_end: usize,
    text: &'a str,
    similarity: Option<f64>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
}

/// `{"version": 1, "files": [...], "summary": {...}}`, the files written as they complete.
#[derive(Default)]
pub(crate) struct Stream {
    files: super::JsonArray,
}

impl super::Emitter for Stream {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [")
    }

    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.files.push(&file_out(file), 2, out)
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        self.files.close(2, out)?;
        write!(out, ",\n  \"summary\": ")?;
        super::write_nested(summary, 1, out)?;
        writeln!(out, "\n}}")
    }
}

fn file_out(file: &FileReport) -> FileOut<'_> {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    if let Some(analysis) = &file.analysis {
        let article = &analysis.article;
        for f in &file.findings {
            let (start, end) = super::line_cols(&article.source, &article.lines, &f.span);
            diagnostics.push(Diagnostic {
                rule: &f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                help: f.help.as_deref(),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: f.span.start,
                byte_end: f.span.end,
                char_start: article.lines.char_offset(&article.source, f.span.start),
                char_end: article.lines.char_offset(&article.source, f.span.end),
                text: &article.source[f.span.clone()],
                related: f
                    .related
                    .iter()
                    .map(|r| RelatedOut {
                        path: &r.path,
                        byte_start: r.span.start,
                        byte_end: r.span.end,
                        char_start: r.char_span.start,
                        char_end: r.char_span.end,
                        text: &r.text,
                        similarity: r.similarity,
                    })
                    .collect(),
                fix: f.fix.as_ref().map(|fix| fix_out(article, fix)),
            });
        }
    }
    for e in &file.errors {
        let at = file.error_position(e);
        errors.push(ErrorOut {
            message: &e.message,
            line: at.map(|a| a.line),
            column: at.map(|a| a.column),
        });
    }
    FileOut {
        path: &file.path,
        diagnostics,
        errors,
    }
}

fn fix_out<'a>(article: &crate::document::Article, fix: &'a Fix) -> FixOut<'a> {
    let source: &str = &article.source;
    FixOut {
        title: &fix.title,
        edits: fix
            .edits
            .iter()
            .map(|e| EditOut {
                byte_start: e.range.start,
                byte_end: e.range.end,
                char_start: article.lines.char_offset(source, e.range.start),
                char_end: article.lines.char_offset(source, e.range.end),
                text: &e.text,
            })
            .collect(),
    }
}
