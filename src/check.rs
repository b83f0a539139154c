//! The pipeline from text to findings: article → source list → claims → attributions → rules.
//! Each rule's check is one function here, registered under the id of its YAML file; the YAML
//! holds everything else about the rule.

use std::collections::HashSet;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::attribution::{Attributions, SourceKind, Status, attribute};
use crate::claims::{Claim, ClaimKind, extract_claims};
use crate::config::{RuleSettings, Settings};
use crate::copy;
use crate::document::Article;
use crate::document::InputProblem;
use crate::finding::{Finding, Fix};
use crate::originals::Original;
use crate::overlap::{Overlaps, find_overlaps};
use crate::rules::Severity;
use crate::sources::{Names, SourceList, collect_names};
use crate::suppress::Suppressions;

/// How much work one file may ask for. Attribution compares every claim of a paragraph with
/// every cue in it, over the text between them, so a paragraph of thousands of quotes and
/// reporting verbs took minutes; output grows with the findings. Past a limit the file is an
/// input error ("too much to analyse"), never a stall, and the other files are still checked.
/// Real articles stay far below every limit: a long feature has a few hundred claims, paragraphs
/// of a few dozen claims and cues, and some hundred findings at worst.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Finding quotes: over each sentence, its quotation marks × its tokens.
    pub quotes: u64,
    /// Claims (quotes and figures) in one file.
    pub claims: usize,
    /// Attribution work: over each paragraph, its claims × its possible cues × its bytes.
    pub attribution: u128,
    /// Findings in one file.
    pub findings: usize,
    /// Bytes of findings' text (messages, labels, help, related passages) in one file.
    pub finding_bytes: usize,
}

/// The budget every file is checked within.
pub const BUDGET: Budget = Budget {
    quotes: 10_000_000,
    claims: 20_000,
    attribution: 1_000_000_000,
    findings: 10_000,
    finding_bytes: 8 * 1024 * 1024,
};

/// What fairlint understood of one article.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub article: Article,
    pub list: SourceList,
    pub names: Names,
    pub claims: Vec<Claim>,
    pub attributions: Attributions,
    /// What the article shares with its originals (empty when none are at hand).
    pub overlaps: Overlaps,
    /// The article asked for more work than [`BUDGET`] allows: it was not analysed past its
    /// claims, `article.problems` says why, and it has no findings.
    pub over_budget: bool,
}

pub fn analyse(article: Article, settings: &Settings) -> Analysis {
    analyse_with(article, settings, |_| Vec::new())
}

/// [`analyse`] with originals: `originals` receives the article's source list (front matter
/// may name an original per source) and returns every original to compare against.
pub fn analyse_with(
    article: Article,
    settings: &Settings,
    originals: impl FnOnce(&SourceList) -> Vec<Arc<Original>>,
) -> Analysis {
    match analyse_until(article, settings, originals, Never) {
        Ok(analysis) => analysis,
        Err(never) => match never {},
    }
}

/// Asked between the steps of an analysis whether to go on.
pub trait Stop {
    type Stopped;
    fn check(&self) -> Result<(), Self::Stopped>;
}

/// Goes on to the end.
struct Never;

impl Stop for Never {
    type Stopped = std::convert::Infallible;
    fn check(&self) -> Result<(), Self::Stopped> {
        Ok(())
    }
}

/// The analysis was given up: its text changed meanwhile.
#[derive(Debug)]
pub struct Cancelled;

/// Set from another thread to give an analysis up (the language server, on an edit).
impl Stop for &AtomicBool {
    type Stopped = Cancelled;
    fn check(&self) -> Result<(), Cancelled> {
        if self.load(Ordering::Relaxed) {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// [`analyse_with`] that gives up between its steps once `stop` says so.
pub fn analyse_until<S: Stop>(
    mut article: Article,
    settings: &Settings,
    originals: impl FnOnce(&SourceList) -> Vec<Arc<Original>>,
    stop: S,
) -> Result<Analysis, S::Stopped> {
    let lex = &settings.lexicon;
    let list = SourceList::extract(&article, lex);
    let names = collect_names(&article, &list, &settings.names);
    let mut skip = vec![false; article.blocks.len()];
    for &block in &list.blocks {
        skip[block] = true;
    }
    stop.check()?;
    let claims = quotes_within_budget(&article, &BUDGET)
        .map(|()| extract_claims(&article, &skip, lex))
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
    stop.check()?;
    let originals = originals(&list);
    let overlaps = find_overlaps(&article, &claims, &skip, &originals, lex);
    Ok(Analysis {
        article,
        list,
        names,
        claims,
        attributions,
        overlaps,
        over_budget: false,
    })
}

const TOO_MUCH: &str = "too much to analyse in one file";

/// Whether finding the quotes stays within `budget`, estimated before: each quotation mark
/// looks back over the words of its sentence.
fn quotes_within_budget(article: &Article, budget: &Budget) -> Result<(), String> {
    let mut work: u64 = 0;
    for sentence in &article.sentences {
        let marks = sentence
            .tokens
            .iter()
            .filter(|t| t.lower.chars().any(is_quote_mark))
            .count() as u64;
        work += marks * sentence.tokens.len() as u64;
        if work > budget.quotes {
            let line = article.lines.line_of(sentence.range.start) + 1;
            return Err(format!(
                "{TOO_MUCH}: the sentence at line {line} has {marks} quotation marks among {} \
                 words and signs, more than fairlint reads in one file; split the sentence or \
                 the file",
                sentence.tokens.len()
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
    if claims.len() > budget.claims {
        return Err(format!(
            "{TOO_MUCH}: {} quotes and figures, over the limit of {}; split the file",
            claims.len(),
            budget.claims
        ));
    }
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
                .map(|s| s.tokens.len())
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

/// Parses, analyses and checks one text: the whole pipeline for callers that have a string
/// (tests, benchmarks, fuzzing, editors). The path decides Markdown or plain text.
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
    let article = Article::parse(
        path,
        std::sync::Arc::from(text),
        crate::document::Format::for_path(path, text),
        &settings.lexicon,
    );
    let analysis = analyse_with(article, settings, |_| originals.to_vec());
    let (findings, _) = check(&analysis, settings);
    (analysis, findings)
}

type Check = fn(&Analysis, &RuleSettings) -> Vec<Finding>;

/// Rule id → check. A test keeps this in step with the YAML files in `rules/`.
pub const CHECKS: &[(&str, Check)] = &[
    ("quote-unattributed", quote_unattributed),
    ("figure-unattributed", figure_unattributed),
    ("quote-unbalanced", quote_unbalanced),
    ("attribution-vague", attribution_vague),
    ("source-unlisted", source_unlisted),
    ("source-unused", source_unused),
    ("sources-missing", sources_missing),
    ("copy-verbatim", copy::copy_verbatim),
    ("copy-near-verbatim", copy::copy_near_verbatim),
    ("copy-paraphrase", copy::copy_paraphrase),
    ("copy-derived", copy::copy_derived),
    ("quote-excessive", copy::quote_excessive),
    ("source-undeclared", copy::source_undeclared),
    ("quote-not-in-source", copy::quote_not_in_source),
    ("figure-not-in-source", copy::figure_not_in_source),
];

/// Runs every enabled rule, drops suppressed findings, and sorts what is left by position.
pub fn check(
    analysis: &Analysis,
    settings: &Settings,
) -> (Vec<Finding>, Vec<crate::document::InputProblem>) {
    let article = &analysis.article;
    let mut problems = Vec::new();
    if analysis.over_budget {
        return (Vec::new(), problems);
    }
    let suppressions = Suppressions::for_article(article, &mut problems);
    let mut findings = Vec::new();
    for (id, check) in CHECKS {
        let Some(rule) = settings.rule(id) else {
            continue;
        };
        let severity = rule.severity.unwrap_or(Severity::Info);
        let path = std::path::Path::new(&article.path);
        for mut finding in check(analysis, rule) {
            if suppressions.suppresses(id, &finding.span) {
                continue;
            }
            let text = article.source.get(finding.span.clone()).unwrap_or("");
            if settings.suppresses(path, id, text) {
                continue;
            }
            finding.rule = id.to_string();
            finding.severity = severity;
            findings.push(finding);
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    if let Some(problem) = limit_findings(&mut findings, &BUDGET) {
        problems.push(problem);
    }
    (findings, problems)
}

/// Keeps the findings (in order) within the budget's count and bytes; the rest become one
/// input problem, so output grows with the budget, not with the file.
fn limit_findings(findings: &mut Vec<Finding>, budget: &Budget) -> Option<InputProblem> {
    let total = findings.len();
    let mut bytes = 0;
    let kept = findings
        .iter()
        .take_while(|f| {
            bytes += f.message.len()
                + f.label.len()
                + f.help.as_ref().map_or(0, String::len)
                + f.related
                    .iter()
                    .map(|r| r.text.len() + r.path.len())
                    .sum::<usize>()
                + f.fix.as_ref().map_or(0, |fix| {
                    fix.title.len() + fix.edits.iter().map(|e| e.text.len()).sum::<usize>()
                });
            bytes <= budget.finding_bytes
        })
        .count()
        .min(budget.findings);
    if kept == total {
        return None;
    }
    findings.truncate(kept);
    Some(InputProblem {
        message: format!(
            "too many findings in one file: {total}; only the first {kept} are shown \
             (the limit is {} findings or {} MiB of their text)",
            budget.findings,
            budget.finding_bytes / (1024 * 1024)
        ),
        span: None,
    })
}

/// A finding without its rule and severity, which `check` fills in from the settings.
pub(crate) fn draft(
    span: std::ops::Range<usize>,
    message: String,
    label: &str,
    help: Option<String>,
) -> Finding {
    Finding {
        rule: String::new(),
        severity: Severity::Info,
        message,
        span,
        label: label.to_string(),
        help,
        related: Vec::new(),
        fix: None,
    }
}

fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        return words.join(" ");
    }
    format!("{} …", words[..8].join(" "))
}

fn quote_unattributed(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min_words = rule.usize("min-words");
    a.claims
        .iter()
        .zip(&a.attributions.claims)
        .filter(|(c, at)| c.kind == ClaimKind::Quote && at.status == Status::None)
        .filter(|(c, _)| !c.term && c.key.split(' ').count() >= min_words)
        .map(|(c, _)| {
            draft(
                c.span.clone(),
                format!("quote “{}” has no attribution", short(&c.text(&a.article.source))),
                "who said this?",
                Some("name the speaker in the same sentence (“…,” she said) or the outlet it came from (told Reuters, according to AP)".into()),
            )
        })
        .collect()
}

fn quote_unbalanced(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    a.claims
        .iter()
        .filter_map(|c| c.unclosed.clone())
        .map(|mark| {
            draft(
                mark,
                "this quotation mark is never closed in its paragraph".into(),
                "opened here",
                Some(
                    "close the quotation where the speaker's words end, or remove the mark".into(),
                ),
            )
        })
        .collect()
}

fn figure_unattributed(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let include_approximate = rule.bool("include-approximate");
    a.claims
        .iter()
        .zip(&a.attributions.claims)
        .filter(|(c, at)| c.kind == ClaimKind::Figure && at.status == Status::None)
        .filter(|(c, _)| include_approximate || !c.approximate)
        .map(|(c, _)| {
            draft(
                c.span.clone(),
                format!("figure “{}” has no attribution", c.text(&a.article.source)),
                "according to whom?",
                Some("say who gave the number: “…, according to the health ministry” or “the UN said”".into()),
            )
        })
        .collect()
}

fn attribution_vague(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let cues = &a.attributions.cues;
    a.claims
        .iter()
        .zip(&a.attributions.claims)
        .filter(|(_, at)| at.status == Status::Vague)
        .filter(|(c, _)| !is_title(a, c))
        .map(|(c, at)| {
            let speaker = at.cue.and_then(|i| cues[i].speaker.as_ref());
            let source =
                speaker.map_or("an unnamed source".to_string(), |m| format!("“{}”", m.text));
            let help = vague_help(speaker.map_or("", |m| m.text.as_str()));
            let kind = match c.kind {
                ClaimKind::Quote => "quote",
                ClaimKind::Figure => "figure",
            };
            draft(
                c.span.clone(),
                format!(
                    "{kind} “{}” is attributed only to {source}",
                    short(&c.text(&a.article.source))
                ),
                "vague source",
                Some(help.into()),
            )
        })
        .collect()
}

/// A quoted title or name (“John Doe”, “Clean Streets First”): what a vague source called
/// something is not a claim that needs a better source. A lower-case fragment (“the longest in
/// a decade”) is somebody's words and still does.
fn is_title(a: &Analysis, claim: &crate::claims::Claim) -> bool {
    claim.term
        && a.article.text[claim.parts[0].clone()]
            .trim_start()
            .starts_with(char::is_uppercase)
}

/// Help that fits the kind of unnamed source: an office for officials, a study for experts, a
/// group for groups, an outlet for reports, a reason for a person left unnamed.
fn vague_help(source: &str) -> &'static str {
    let source = source.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| source.contains(w));
    if has(&[
        "official",
        "authorit",
        "government",
        "measure",
        "ministry",
        "police",
    ]) {
        return "name the office or the official: “the Interior Ministry said”, “according to Labour Department figures”";
    }
    if has(&[
        "expert",
        "analyst",
        "economist",
        "scientist",
        "researcher",
        "stud",
        "survey",
        "poll",
        "estimate",
        "data",
        "statistic",
    ]) {
        return "name the expert or the study: “said Ana Ruiz, an economist at Tarrow University”, “a 2024 survey by the Valley Institute”";
    }
    if has(&[
        "group",
        "organisation",
        "organization",
        "activist",
        "campaigner",
        "agenc",
        "monitor",
        "charit",
    ]) {
        return "name the group: “according to Human Rights Watch”, not “according to rights groups”";
    }
    if has(&["report", "media", "outlet", "press", "news"]) {
        return "name the outlet: “Reuters reported”, not “reports said”";
    }
    "name the person or the body, or say why they cannot be named: “a nurse who asked not to be named because she was not authorised to speak”"
}

fn source_unlisted(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    if !a.list.present || a.list.unknown {
        return Vec::new();
    }
    let once = rule.bool("once-per-source");
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for cue in &a.attributions.cues {
        for mention in cue.organisations() {
            if a.names.find_entry(&a.list, &mention.text).is_some() {
                continue;
            }
            if once && seen.iter().any(|s| a.names.same(s, &mention.text)) {
                continue;
            }
            seen.push(mention.text.clone());
            let mut finding = draft(
                mention.span.clone(),
                format!("“{}” is cited but not on the source list", mention.text),
                "not on the source list",
                Some(format!(
                    "add “{}” to the source list, or attribute the claim to a listed source",
                    mention.text
                )),
            );
            finding.fix = Some(add_to_list_fix(a, &mention.span));
            out.push(finding);
        }
    }
    out
}

/// "Add “NPR” to the source list", as the name is written where it is cited (on one line, if
/// the citation wraps).
fn add_to_list_fix(a: &Analysis, span: &std::ops::Range<usize>) -> Fix {
    let name = a.article.source[span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Fix {
        title: format!("Add “{name}” to the source list"),
        edits: vec![crate::list_edit::add_to_list(a, &name)],
    }
}

fn source_unused(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    if a.list.unknown {
        return Vec::new();
    }
    let without_original = rule.bool("without-original");
    let at_hand = entries_with_originals(a);
    let entry_words: Vec<Vec<String>> = a
        .list
        .entries
        .iter()
        .map(|e| {
            e.name
                .split_whitespace()
                .map(str::to_lowercase)
                .filter(|w| w.len() >= 6)
                .collect()
        })
        .collect();
    let mut cited: HashSet<usize> = HashSet::new();
    for cue in &a.attributions.cues {
        for mention in cue.speaker.iter().chain(cue.outlet.iter()) {
            if mention.kind == SourceKind::Vague {
                continue;
            }
            if let Some(entry) = a.names.find_entry(&a.list, &mention.text) {
                cited.insert(entry);
            }
            if mention.kind == SourceKind::Person {
                // The span keeps the titles that the name leaves out ("President …").
                let titled = &a.article.text[mention.span.clone()];
                cited.extend(entries_of_office(&entry_words, titled));
            }
        }
    }
    cited.extend(reused_entries(a));
    let body = body_text(a);
    a.list
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !cited.contains(i))
        .filter(|(i, _)| without_original || at_hand.contains(i))
        .filter(|(_, e)| !contains_name(&body, &e.name))
        .map(|(i, e)| {
            let span = e.span.clone().unwrap_or(0..0);
            let message = if at_hand.contains(&i) {
                format!(
                    "source “{}” is listed, but the article neither names it nor uses its original",
                    e.name
                )
            } else {
                format!("source “{}” is listed but never named in the body", e.name)
            };
            draft(
                span,
                message,
                "not used",
                Some("credit it where its reporting is used (“…, Reuters reported”), or drop it from the list".into()),
            )
        })
        .collect()
}

/// List entries whose original text is at hand (front matter, `--original(s)`): only for these
/// can fairlint tell that a source went unused, since wire copy is used without being named.
fn entries_with_originals(a: &Analysis) -> HashSet<usize> {
    a.overlaps
        .originals
        .iter()
        .filter(|o| !o.original.archived())
        .filter_map(|o| a.names.find_entry(&a.list, &o.original.source))
        .collect()
}

/// Wire copy is used without being named: a listed source whose original the article reuses
/// (any passage or close paraphrase found in it) is used.
fn reused_entries(a: &Analysis) -> Vec<usize> {
    let overlaps = &a.overlaps;
    overlaps
        .matches
        .iter()
        .filter(|m| !m.passages.is_empty() || !m.paraphrases.is_empty())
        .filter_map(|m| {
            let original = &overlaps.originals[m.original].original;
            if original.archived() {
                return None;
            }
            a.names.find_entry(&a.list, &original.source)
        })
        .collect()
}

/// A person's title names the office they speak for: "President Pezeshkian" cites an "Office of
/// the Iranian Presidency" entry, "Health Minister Ana Ruiz" a "Ministry of Health" one. Words
/// match on a shared stem of six letters or more.
fn entries_of_office(entry_words: &[Vec<String>], speaker: &str) -> Vec<usize> {
    let title_words: Vec<String> = speaker
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 6)
        .collect();
    if title_words.is_empty() {
        return Vec::new();
    }
    let same_stem =
        |a: &str, b: &str| a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count() >= 6;
    entry_words
        .iter()
        .enumerate()
        .filter(|(_, words)| {
            words
                .iter()
                .any(|w| title_words.iter().any(|t| same_stem(t, w)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The masked text of every block that is not the source list.
fn body_text(a: &Analysis) -> String {
    a.article
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| !a.list.blocks.contains(i))
        .map(|(_, b)| &a.article.text[b.range.clone()])
        .collect::<Vec<_>>()
        .join("\n")
}

fn contains_name(body: &str, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    body.match_indices(name).any(|(i, _)| {
        let before = body[..i].chars().next_back();
        let after = body[i + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn sources_missing(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min = rule.usize("min-claims").max(1);
    if a.list.present || a.list.unknown || a.claims.len() < min {
        return Vec::new();
    }
    let quotes = a
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .count();
    let figures = a.claims.len() - quotes;
    let first = a.claims[0].span.clone();
    vec![draft(
        first,
        format!(
            "the article makes {} and {} but has no source list",
            crate::report::plural_of(quotes, "quote"),
            crate::report::plural_of(figures, "figure")
        ),
        "first claim",
        Some("end the article with a source list: `Sources: Reuters, AP` or a `Sources` heading with one `- Outlet: Headline` per line".into()),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_has_a_check_and_every_check_a_rule_file() {
        let files: HashSet<&str> = crate::rules::builtin()
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let checks: HashSet<&str> = CHECKS.iter().map(|(id, _)| *id).collect();
        assert_eq!(files, checks);
    }

    #[test]
    fn findings_are_cut_by_count_and_by_bytes() {
        let finding = |n: usize| draft(n..n + 1, "m".repeat(100), "l", None);
        let budget = Budget {
            findings: 5,
            finding_bytes: 1_000,
            ..BUDGET
        };
        let mut few: Vec<Finding> = (0..5).map(finding).collect();
        assert!(limit_findings(&mut few, &budget).is_none());
        let mut many: Vec<Finding> = (0..8).map(finding).collect();
        let problem = limit_findings(&mut many, &budget).unwrap();
        assert_eq!(many.len(), 5);
        assert!(problem.message.contains("too many findings in one file: 8"));
        let budget = Budget {
            finding_bytes: 250,
            ..budget
        };
        let mut long: Vec<Finding> = (0..5).map(finding).collect();
        assert!(limit_findings(&mut long, &budget).is_some());
        assert_eq!(long.len(), 2, "101 bytes each, 250 at most");
    }

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
}
