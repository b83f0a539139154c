//! `check --statistics`: how many findings each rule made, most first, instead of the findings
//! (like `ruff --statistics`). A table for people, or JSON with the summary.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::report::{FileReport, Summary};

/// The formats `--statistics` writes: a table (`human`, `short`) or JSON.
pub(crate) fn supports(format: Format) -> bool {
    matches!(format, Format::Human | Format::Short | Format::Json)
}

/// Findings counted by rule and severity (a rule can have another severity in another folder's
/// config). Input problems count as the `input` rule, as human output shows them.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    by_rule: BTreeMap<(String, &'static str), usize>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct RuleCount {
    pub rule: String,
    pub severity: &'static str,
    pub count: usize,
}

impl Counts {
    pub fn add(&mut self, file: &FileReport) {
        for f in &file.findings {
            *self
                .by_rule
                .entry((f.rule.clone(), f.severity.as_str()))
                .or_default() += 1;
        }
        if !file.errors.is_empty() {
            *self
                .by_rule
                .entry(("input".to_string(), "error"))
                .or_default() += file.errors.len();
        }
    }

    /// Most first; ties by rule id.
    pub fn sorted(&self) -> Vec<RuleCount> {
        let mut rows: Vec<RuleCount> = self
            .by_rule
            .iter()
            .map(|((rule, severity), &count)| RuleCount {
                rule: rule.clone(),
                severity,
                count,
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        rows
    }
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    statistics: Vec<RuleCount>,
    summary: &'a Summary,
}

/// The table (then the summary line unless `quiet`), or the JSON document.
pub fn emit(
    counts: &Counts,
    summary: &Summary,
    format: Format,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = counts.sorted();
    if format == Format::Json {
        let output = Output {
            version: super::json::VERSION,
            statistics: rows,
            summary,
        };
        serde_json::to_writer_pretty(&mut *out, &output)?;
        return writeln!(out);
    }
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(0)
        .max(4);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    for r in &rows {
        writeln!(
            out,
            "{:>count_width$}  {:<rule_width$}  {}",
            r.count, r.rule, r.severity
        )?;
    }
    if !quiet {
        writeln!(out, "{}", summary.line())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_first_then_by_rule() {
        let mut counts = Counts::default();
        for (rule, n) in [("b-rule", 2), ("a-rule", 2), ("c-rule", 5)] {
            counts.by_rule.insert((rule.to_string(), "error"), n);
        }
        let rows: Vec<_> = counts.sorted().into_iter().map(|r| r.rule).collect();
        assert_eq!(rows, ["c-rule", "a-rule", "b-rule"]);
        let mut text = Vec::new();
        emit(&counts, &Summary::default(), Format::Human, true, &mut text).unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "   5  c-rule  error\n   2  a-rule  error\n   2  b-rule  error\n"
        );
    }
}
