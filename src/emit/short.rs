//! `path:line:col: severity[rule] message`, one line per finding: for editors' quickfix lists
//! and for grep.

use std::io::{self, Write};

use crate::report::RunReport;

pub fn emit(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        if let Some(analysis) = &file.analysis {
            let article = &analysis.article;
            for f in &file.findings {
                let at = article.lines.line_col(&article.source, f.span.start);
                writeln!(
                    out,
                    "{}:{}:{}: {}[{}] {}",
                    file.path,
                    at.line,
                    at.column,
                    f.severity.as_str(),
                    f.rule,
                    f.message
                )?;
            }
        }
        for e in &file.errors {
            let at = match (&file.analysis, &e.span) {
                (Some(a), Some(span)) => {
                    let lc = a.article.lines.line_col(&a.article.source, span.start);
                    format!("{}:{}:", lc.line, lc.column)
                }
                _ => String::new(),
            };
            writeln!(out, "{}:{at} error[input] {}", file.path, e.message)?;
        }
    }
    Ok(())
}
