//! The result of a run as plain data: per file, what was understood, what was found, and what
//! went wrong reading it. Emitters turn this into text; nothing here prints.

use crate::analysis::Analysis;
use crate::attribution::Status;
use crate::claims::ClaimKind;
use crate::finding::Finding;
use crate::input::FileError;
use crate::position::LineCol;
use crate::rules::Severity;

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// `None` when the file could not be checked.
    pub analysis: Option<Analysis>,
    pub findings: Vec<Finding>,
    pub errors: Vec<FileError>,
}

impl FileReport {
    /// A file not checked (yet), with its problems.
    pub(crate) fn unchecked(path: String, errors: Vec<FileError>) -> FileReport {
        FileReport {
            path,
            analysis: None,
            findings: Vec::new(),
            errors,
        }
    }

    /// Where an input problem is, when it has a place.
    pub(crate) fn error_position(&self, error: &FileError) -> Option<LineCol> {
        match (&self.analysis, &error.span, error.position) {
            (Some(a), Some(span), _) => {
                Some(a.article.lines.line_col(&a.article.source, span.start))
            }
            (_, _, Some((line, column))) => Some(LineCol { line, column }),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
}

#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Files checked (read and analysed).
    pub files: usize,
    /// Files that could not be checked.
    pub files_failed: usize,
    pub quotes: usize,
    pub figures: usize,
    /// Claims attributed to a named source.
    pub attributed: usize,
    pub vague: usize,
    pub unattributed: usize,
    /// `attributed / (quotes + figures)`, 1.0 for an article without claims.
    pub share_attributed: f64,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Problems reading input (not findings).
    pub input_errors: usize,
    /// How much each article took from each original it overlaps.
    pub reuse: Vec<Reuse>,
}

/// What one article shares with one original.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Reuse {
    pub article: String,
    pub original: String,
    pub source: String,
    /// Share of the original's words that the article copies, edits or closely paraphrases.
    pub original_reused: f64,
    /// Share of the article's words (outside quotations) derived from the original.
    pub article_derived: f64,
    /// The longest word-for-word run, in words.
    pub longest_run: usize,
    /// Share of the article's sentences that follow the original (see `copy-derived`).
    pub sentences_following: f64,
    /// Whether the article derives from the original wholly, partially or not, by the
    /// calibrated levels of `overlap::Derivation::verdict`: what CI can gate on.
    pub verdict: crate::overlap::Verdict,
}

/// The words the union of `ranges` holds, `count` saying how many words a range holds.
fn covered(
    ranges: impl Iterator<Item = std::ops::Range<usize>>,
    count: impl Fn(std::ops::Range<usize>) -> usize,
) -> usize {
    let mut ranges: Vec<std::ops::Range<usize>> = ranges.collect();
    ranges.sort_by_key(|r| r.start);
    let mut total = 0;
    let mut end = 0;
    for r in ranges {
        let start = r.start.max(end);
        if r.end > start {
            total += count(start..r.end);
        }
        end = end.max(r.end);
    }
    total
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn reuse_of(path: &str, analysis: &Analysis) -> Vec<Reuse> {
    let overlaps = &analysis.overlaps;
    let article_words = overlaps.word_count(&(0..overlaps.words.len())).max(1);
    overlaps
        .matches
        .iter()
        .map(|m| {
            let original = &overlaps.originals[m.original];
            let in_original = covered(
                m.passages
                    .iter()
                    .chain(&m.chains)
                    .chain(&m.kept)
                    .map(|p| p.original.clone())
                    .chain(m.paraphrases.iter().map(|p| p.original.clone())),
                |r| r.len(),
            );
            let in_article = covered(
                m.passages
                    .iter()
                    .chain(&m.chains)
                    .chain(&m.kept)
                    .map(|p| p.article.clone())
                    .chain(m.paraphrases.iter().map(|p| p.article.clone())),
                |r| overlaps.word_count(&r),
            );
            Reuse {
                article: path.to_string(),
                original: original.original.path.clone(),
                source: original.original.source.clone(),
                original_reused: round3(in_original as f64 / original.words.len().max(1) as f64),
                article_derived: round3((in_article as f64 / article_words as f64).min(1.0)),
                longest_run: m
                    .passages
                    .iter()
                    .chain(&m.chains)
                    .chain(&m.kept)
                    .map(|p| p.longest_exact)
                    .max()
                    .unwrap_or(0),
                sentences_following: round3(m.derivation.share()),
                verdict: m.derivation.verdict(),
            }
        })
        .collect()
}

impl RunReport {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for file in &self.files {
            s.add(file);
        }
        s.finish();
        s
    }

    /// Findings at or above `fail_on`, or input problems: the run is not clean.
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.files.iter().any(|f| f.fails(fail_on))
    }
}

impl FileReport {
    /// An input problem, or a finding at or above `fail_on`.
    pub fn fails(&self, fail_on: Severity) -> bool {
        !self.errors.is_empty() || self.findings.iter().any(|x| x.severity >= fail_on)
    }
}

impl Summary {
    /// Counts one file in; [`Summary::finish`] once all are in.
    pub fn add(&mut self, file: &FileReport) {
        let s = self;
        s.input_errors += file.errors.len();
        let Some(analysis) = &file.analysis else {
            if file.errors.iter().any(|e| e.fatal) {
                s.files_failed += 1;
            }
            return;
        };
        s.files += 1;
        s.reuse.extend(reuse_of(&file.path, analysis));
        for (claim, at) in analysis.claims.iter().zip(&analysis.attributions.claims) {
            match claim.kind {
                ClaimKind::Quote => s.quotes += 1,
                ClaimKind::Figure => s.figures += 1,
            }
            match at.status {
                Status::Named => s.attributed += 1,
                Status::Vague => s.vague += 1,
                Status::None => s.unattributed += 1,
            }
        }
        for finding in &file.findings {
            match finding.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
    }

    /// Computes the share attributed once every file is counted.
    pub fn finish(&mut self) {
        let claims = self.quotes + self.figures;
        self.share_attributed = if claims == 0 {
            1.0
        } else {
            (self.attributed as f64 / claims as f64 * 1000.0).round() / 1000.0
        };
    }
}

impl Summary {
    /// "2 files: 14 quotes, 22 figures, 86% attributed; 3 errors, 9 warnings, 2 infos"
    pub fn line(&self) -> String {
        if self.files == 0 && self.input_errors == 0 {
            return "no files checked".to_string();
        }
        if self.files == 0 {
            return format!(
                "no files checked; {} reading input",
                plural_of(self.input_errors, "problem")
            );
        }

        let plural = plural_of;
        let mut line = format!(
            "{}: {}, {}, {:.0}% attributed to a named source; {}, {}, {}",
            plural(self.files, "file"),
            plural(self.quotes, "quote"),
            plural(self.figures, "figure"),
            self.share_attributed * 100.0,
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
        );
        if self.input_errors > 0 {
            line.push_str(&format!(
                "; {} reading input",
                plural(self.input_errors, "problem")
            ));
        }
        for r in &self.reuse {
            line.push_str(&format!(
                "\nreuse: {} ← {} ({}): {:.0}% of the original reused, {:.0}% of the article derived, longest run {}; {} derived ({:.0}% of its sentences follow it)",
                // Names from input, on a line people read: shown, never interpreted.
                crate::visible::visible(&r.article),
                crate::visible::visible(&r.source),
                crate::visible::visible(&r.original),
                r.original_reused * 100.0,
                r.article_derived * 100.0,
                plural(r.longest_run, "word"),
                r.verdict.as_str(),
                r.sentences_following * 100.0,
            ));
        }
        line
    }
}

/// "1 quote", "3 quotes": every count a person reads.
pub(crate) fn plural_of(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
