//! Pretty output for people: each finding rendered by miette with its span underlined, the rule
//! id, a message and a hint, then a one-line summary. Colour only on a terminal.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Style;
use crate::finding::Finding;
use crate::report::RunReport;
use crate::rules::Severity;

/// An article as miette reads it. miette counts columns in bytes; people count characters, and
/// so do the short and JSON formats, so the column is recomputed here.
#[derive(Clone)]
struct ArticleSource {
    name: String,
    text: Arc<str>,
}

impl SourceCode for ArticleSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_ref()
                .read_span(span, context_lines_before, context_lines_after)?;
        let offset = span.offset().min(self.text.len());
        let line_start = self.text[..crate::position::floor_char_boundary(&self.text, offset)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let column = crate::position::char_offset(&self.text[line_start..], offset - line_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

struct Report {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: ArticleSource,
    /// The original passages beside a copy finding, each rendered with its own source.
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn miette_severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

pub fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

fn finding_report(finding: &Finding, source: &ArticleSource) -> Report {
    let span = finding.span.start..finding.span.end.max(finding.span.start);
    Report {
        message: finding.message.clone(),
        code: finding.rule.clone(),
        severity: miette_severity(finding.severity),
        help: finding.help.clone(),
        labels: vec![LabeledSpan::new_with_span(
            Some(finding.label.clone()),
            span,
        )],
        source: source.clone(),
        related: finding.related.iter().filter_map(related_report).collect(),
    }
}

/// The original passage as its own small report, shown under the finding.
fn related_report(related: &crate::finding::Related) -> Option<Report> {
    let text = related.source.clone()?;
    let label = match related.similarity {
        Some(s) => format!("original ({:.0}% similar)", s * 100.0),
        None => "original".to_string(),
    };
    Some(Report {
        message: format!("the original, in {}", related.path),
        code: String::new(),
        severity: miette::Severity::Advice,
        help: None,
        labels: vec![LabeledSpan::new_with_span(
            Some(label),
            related.span.clone(),
        )],
        source: ArticleSource {
            name: related.path.clone(),
            text,
        },
        related: Vec::new(),
    })
}

pub fn emit(report: &RunReport, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for file in &report.files {
        if let Some(analysis) = &file.analysis {
            let source = ArticleSource {
                name: file.path.clone(),
                text: analysis.article.source.clone(),
            };
            let problems = file.errors.iter().map(|e| Finding {
                rule: "input".into(),
                severity: Severity::Error,
                message: e.message.clone(),
                span: e.span.clone().unwrap_or(0..0),
                label: "here".into(),
                help: None,
                related: Vec::new(),
            });
            for finding in file.findings.iter().cloned().chain(problems) {
                let mut text = String::new();
                handler
                    .render_report(&mut text, &finding_report(&finding, &source))
                    .map_err(io::Error::other)?;
                writeln!(out, "{text}")?;
            }
            continue;
        }
        for e in &file.errors {
            writeln!(out, "  × {}: {}\n", file.path, e.message)?;
        }
    }
    writeln!(out, "{}", report.summary().line())
}
