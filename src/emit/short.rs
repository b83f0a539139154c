//! `path:line:col: severity[rule] message`, one line per finding: for editors' quickfix lists
//! and for grep.

use std::io::{self, Write};

use crate::report::FileReport;
use crate::visible::visible;

pub(crate) struct Stream;

impl super::Emitter for Stream {
    fn file(&mut self, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        emit_file(file, out)
    }
}

fn emit_file(file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    if let Some(analysis) = &file.analysis {
        let article = &analysis.article;
        for f in &file.findings {
            let at = article.lines.line_col(&article.source, f.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                visible(&file.path),
                at.line,
                at.column,
                f.severity.as_str(),
                f.rule,
                visible(&f.message)
            )?;
        }
    }
    for e in &file.errors {
        let at = file
            .error_position(e)
            .map_or(String::new(), |lc| format!("{}:{}:", lc.line, lc.column));
        writeln!(
            out,
            "{}:{at} error[input] {}",
            visible(&file.path),
            visible(&e.message)
        )?;
    }
    Ok(())
}
