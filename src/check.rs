//! The analysis model and the one pipeline from text to findings that every front end runs:
//! article → source list → claims → attributions (phase 1), then the originals the source list
//! and the run name → overlaps (phase 2), then the rules' checks (`checks/`). The analysis is
//! bounded by a budget, so a pathological file is an input error, never a stall.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::attribution::{Attributions, attribute};
use crate::claims::{Claim, extract_claims};
use crate::config::Settings;
use crate::document::{Article, Format, InputProblem};
use crate::finding::Finding;
use crate::input::FileError;
use crate::originals::Original;
use crate::overlap::{Overlaps, find_overlaps};
pub use crate::run_originals::RunOriginals;
use crate::run_originals::article_originals;
use crate::sources::{Names, SourceList, collect_names};

pub use crate::analysis::Analysis;
pub(crate) use crate::analysis::{BUDGET, Budget};

/// Both phases of the analysis with no originals at hand: what tests of the analysis itself
/// need.
pub fn analyse(article: Article, settings: &Settings) -> Analysis {
    let Ok(mut analysis) = analyse_until(article, settings, &Never);
    compare(&mut analysis, &[], settings);
    analysis
}

/// Asked between the steps of an analysis whether to go on.
pub(crate) trait Stop {
    type Stopped;
    fn check(&self) -> Result<(), Self::Stopped>;
}

/// Goes on to the end.
pub(crate) struct Never;

impl Stop for Never {
    type Stopped = std::convert::Infallible;
    fn check(&self) -> Result<(), Self::Stopped> {
        Ok(())
    }
}

/// The analysis was given up: its text changed meanwhile.
#[derive(Debug)]
pub(crate) struct Cancelled;

/// Set from another thread to give an analysis up (the language server, on an edit).
impl Stop for AtomicBool {
    type Stopped = Cancelled;
    fn check(&self) -> Result<(), Cancelled> {
        if self.load(Ordering::Relaxed) {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Phase 1, what the article says: its source list, the names it uses, its claims and who
/// they are attributed to. Gives up between its steps once `stop` says so. The overlaps are
/// left empty: they need the originals, which the source list names ([`compare`]).
pub(crate) fn analyse_until<S: Stop>(
    mut article: Article,
    settings: &Settings,
    stop: &S,
) -> Result<Analysis, S::Stopped> {
    let lex = &settings.lexicon;
    let list = SourceList::extract(&article, lex);
    let names = collect_names(&article, &list, &settings.names);
    let skip = list_blocks(&article, &list);
    stop.check()?;
    let claims = quotes_within_budget(&article, &BUDGET)
        .and_then(|()| {
            extract_claims(&article, &skip, lex, BUDGET.claims).ok_or_else(|| {
                format!(
                    "{TOO_MUCH}: more than {} quotes and figures; split the file",
                    BUDGET.claims
                )
            })
        })
        .and_then(|claims| {
            within_budget(&article, &claims, &skip, (&list, &names), lex, &BUDGET).map(|()| claims)
        });
    let claims = match claims {
        Ok(claims) => claims,
        Err(message) => {
            article.problems.push(InputProblem {
                message,
                span: None,
            });
            return Ok(Analysis {
                article,
                list,
                names,
                claims: Vec::new(),
                attributions: Attributions::default(),
                overlaps: Overlaps::default(),
                over_budget: true,
            });
        }
    };
    stop.check()?;
    let attributions = attribute(&article, &claims, &skip, &list, &names, lex);
    Ok(Analysis {
        article,
        list,
        names,
        claims,
        attributions,
        overlaps: Overlaps::default(),
        over_budget: false,
    })
}

/// Phase 2, what the article shares with its originals. An article over the budget is not
/// compared: it was not analysed past its claims.
pub fn compare(analysis: &mut Analysis, originals: &[Arc<Original>], settings: &Settings) {
    if analysis.over_budget {
        return;
    }
    let skip = list_blocks(&analysis.article, &analysis.list);
    analysis.overlaps = find_overlaps(
        &analysis.article,
        &analysis.claims,
        &skip,
        originals,
        &settings.lexicon,
    );
}

/// Per block of the article, whether it belongs to the source list (whose names are not
/// claims, nor copied prose).
fn list_blocks(article: &Article, list: &SourceList) -> Vec<bool> {
    let mut skip = vec![false; article.blocks.len()];
    for &block in &list.blocks {
        if let Some(slot) = skip.get_mut(block) {
            *slot = true;
        }
    }
    skip
}

const TOO_MUCH: &str = "too much to analyse in one file";

/// Whether finding the quotes stays within `budget`, estimated before: each quotation mark
/// looks back over the words of its sentence.
fn quotes_within_budget(article: &Article, budget: &Budget) -> Result<(), String> {
    let mut work: u64 = 0;
    for sentence in &article.sentences {
        let tokens = article.tokens_of(sentence);
        let marks = tokens
            .iter()
            .filter(|t| article.lower(t).chars().any(is_quote_mark))
            .count() as u64;
        work += marks * tokens.len() as u64;
        if work > budget.quotes {
            let line = article.lines.line_of(sentence.range.start) + 1;
            return Err(format!(
                "{TOO_MUCH}: the sentence at line {line} has {marks} quotation marks among {} \
                 words and signs, more than fairlint reads in one file; split the sentence or \
                 the file",
                tokens.len()
            ));
        }
    }
    Ok(())
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›' | '「' | '」' | '‚'
    )
}

/// Whether attributing `claims` stays within `budget`, estimated before the work is done: per
/// paragraph, its claims × its cues × its length, the text a claim–cue pair may have to scan.
/// The cues are found on their own first (with no claims to attribute, that is linear).
fn within_budget(
    article: &Article,
    claims: &[Claim],
    skip: &[bool],
    (list, names): (&SourceList, &Names),
    lex: &crate::lexicon::Lexicon,
    budget: &Budget,
) -> Result<(), String> {
    let mut per_block = vec![(0u128, 0u128); article.blocks.len()];
    for claim in claims {
        if let Some((count, _)) = per_block.get_mut(claim.block) {
            *count += 1;
        }
    }
    // Every cue starts at a token, so tokens bound cues: most files are within the budget by
    // that bound already, and are spared finding their cues twice.
    let bound: u128 = article
        .blocks
        .iter()
        .zip(&per_block)
        .map(|(block, (claims, _))| {
            let tokens: usize = (article.sentences)
                .get(block.sentences.clone())
                .unwrap_or_default()
                .iter()
                .map(|s| article.tokens_of(s).len())
                .sum();
            claims * tokens as u128 * block.range.len() as u128
        })
        .sum();
    if bound <= budget.attribution {
        return Ok(());
    }
    for cue in attribute(article, &[], skip, list, names, lex).cues {
        if let Some((_, count)) = per_block.get_mut(cue.block) {
            *count += 1;
        }
    }
    let mut work: u128 = 0;
    for (block, (claims, cues)) in article.blocks.iter().zip(per_block) {
        work += claims * cues * block.range.len() as u128;
        if work > budget.attribution {
            let line = article.lines.line_of(block.range.start) + 1;
            return Err(format!(
                "{TOO_MUCH}: the paragraph at line {line} has {claims} quotes and figures and \
                 {cues} attributions in {} bytes, more than fairlint attributes in one file; \
                 split the paragraph or the file",
                block.range.len()
            ));
        }
    }
    Ok(())
}

/// One text as a front end has it: the file it was read from (`None`: stdin, an editor's
/// unsaved buffer), the path shown to people, which also decides Markdown or plain text, and
/// the text itself.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub path: Option<&'a Path>,
    pub display: &'a str,
    pub text: &'a Arc<str>,
}

/// How far to go: `claims` shows what was understood, every other front end wants findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Analysis,
    Findings,
}

/// What the pipeline made of one text. `problems` is the one channel for everything that is
/// not a finding: an original that cannot be read, a broken front matter, a text over the
/// budget, a suppression comment naming no rule. All are the article's; one about an original
/// names it in its message.
#[derive(Debug, Clone)]
pub struct Checked {
    pub analysis: Analysis,
    pub findings: Vec<Finding>,
    pub problems: Vec<FileError>,
}

/// The pipeline every front end runs (the command line, the language server, `--fix`, the
/// library's [`check_text`]): parse, analyse what the article says, load the originals its
/// source list and the run name, compare, check.
pub fn check_article(
    text: Text<'_>,
    settings: &Settings,
    originals: &RunOriginals,
    depth: Depth,
) -> Checked {
    let Ok(checked) = check_article_until(text, settings, originals, depth, &Never);
    checked
}

/// [`check_article`] that gives up between its steps once `stop` says so.
pub(crate) fn check_article_until<S: Stop>(
    text: Text<'_>,
    settings: &Settings,
    originals: &RunOriginals,
    depth: Depth,
    stop: &S,
) -> Result<Checked, S::Stopped> {
    let article = parse(text.display, text.text.clone(), settings);
    let mut analysis = analyse_until(article, settings, stop)?;
    let mut problems = Vec::new();
    if !analysis.over_budget {
        stop.check()?;
        let (found, errors) = article_originals(
            text.path,
            text.display,
            text.text,
            &analysis.list,
            originals,
        );
        problems = errors
            .into_iter()
            .map(|e| about_original(e, text.display))
            .collect();
        compare(&mut analysis, &found, settings);
    }
    let about = |p: InputProblem| FileError {
        path: text.display.to_string(),
        message: p.message,
        span: p.span,
        position: None,
        fatal: false,
    };
    problems.extend(analysis.article.problems.iter().cloned().map(about));
    let mut findings = Vec::new();
    if depth == Depth::Findings {
        let (found, check_problems) = check(&analysis, settings);
        findings = found;
        problems.extend(check_problems.into_iter().map(about));
    }
    Ok(Checked {
        analysis,
        findings,
        problems,
    })
}

/// A problem with one of the article's originals as a problem of the article, naming the
/// original: every front end shows an article's problems with the article.
fn about_original(mut error: FileError, article: &str) -> FileError {
    if error.path != article {
        error.message = format!("{}: {}", error.path, error.message);
        error.path = article.to_string();
    }
    error
}

/// The article in `text`; its path decides Markdown or plain text.
pub fn parse(path: &str, text: Arc<str>, settings: &Settings) -> Article {
    let format = Format::for_path(path, &text);
    Article::parse(path, text, format, &settings.lexicon)
}

/// Parses, analyses and checks one text in memory: the pipeline for callers that have a string
/// (tests, benchmarks, fuzzing). The path decides Markdown or plain text; nothing is read from
/// disk.
pub fn check_text(path: &str, text: &str, settings: &Settings) -> (Analysis, Vec<Finding>) {
    check_text_with(path, text, settings, &[])
}

/// [`check_text`] against originals.
pub fn check_text_with(
    path: &str,
    text: &str,
    settings: &Settings,
    originals: &[Arc<Original>],
) -> (Analysis, Vec<Finding>) {
    let text = Text {
        path: None,
        display: path,
        text: &Arc::from(text),
    };
    let checked = check_article(
        text,
        settings,
        &RunOriginals::only(originals),
        Depth::Findings,
    );
    (checked.analysis, checked.findings)
}

pub use crate::checks::check;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowded_paragraph_is_over_budget_and_an_ordinary_one_is_not() {
        let settings = Settings::builtin();
        let crowded: String = (0..300)
            .map(|i| format!("“Part {i},” said officials, according to Harbour Wire. "))
            .collect();
        let (analysis, findings) = check_text("a.md", &crowded, &settings);
        assert!(analysis.over_budget && findings.is_empty());
        assert!(
            analysis.article.problems[0]
                .message
                .contains("too much to analyse")
        );
        let ordinary = "“We stay out,” said Mira Holt, according to Harbour Wire.\n";
        let (analysis, _) = check_text("a.md", ordinary, &settings);
        assert!(!analysis.over_budget);
        assert_eq!(analysis.claims.len(), 1);
    }

    #[test]
    fn a_file_of_more_claims_than_the_limit_is_refused_and_one_at_the_limit_is_not() {
        let settings = Settings::builtin();
        let figures = |n: usize| -> String {
            (0..n)
                .map(|i| format!("Crews cleared {},{:03} homes.\n\n", 1 + i / 1000, i % 1000))
                .collect()
        };
        let (analysis, findings) = check_text("a.md", &figures(BUDGET.claims + 1), &settings);
        assert!(analysis.over_budget && findings.is_empty());
        assert!(
            analysis.article.problems[0]
                .message
                .contains("more than 20000 quotes and figures"),
            "{:?}",
            analysis.article.problems
        );
        let (analysis, _) = check_text("a.md", &figures(BUDGET.claims), &settings);
        assert!(!analysis.over_budget);
        assert_eq!(analysis.claims.len(), BUDGET.claims);
    }

    /// Quotes are counted as they close, after split quotes merge: two marked parts around a
    /// tag are one claim, so a file of them at the limit is not refused.
    #[test]
    fn split_quotes_count_once_against_the_limit() {
        let settings = Settings::builtin();
        let quotes = |n: usize, split: bool| -> String {
            (0..n)
                .map(|i| match split {
                    true => format!("“We cleared {i} streets,” she said, “and more remain.”\n\n"),
                    false => format!("“We cleared {i} streets.”\n\n"),
                })
                .collect()
        };
        let (analysis, _) = check_text("a.md", &quotes(BUDGET.claims, true), &settings);
        assert!(!analysis.over_budget);
        assert_eq!(analysis.claims.len(), BUDGET.claims);
        let (analysis, _) = check_text("a.md", &quotes(BUDGET.claims + 1, false), &settings);
        assert!(analysis.over_budget);
    }
}
