//! The pipeline from text to findings: article → source list → claims → attributions → rules.
//! Each rule's check is one function here, registered under the id of its YAML file; the YAML
//! holds everything else about the rule.

use std::collections::HashSet;

use std::sync::Arc;

use crate::attribution::{Attributions, SourceKind, Status, attribute};
use crate::claims::{Claim, ClaimKind, extract_claims};
use crate::config::{RuleSettings, Settings};
use crate::copy;
use crate::document::Article;
use crate::finding::Finding;
use crate::originals::Original;
use crate::overlap::{Overlaps, find_overlaps};
use crate::rules::Severity;
use crate::sources::{Names, SourceList, collect_names};
use crate::suppress::Suppressions;

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
    let lex = &settings.lexicon;
    let list = SourceList::extract(&article, lex);
    let names = collect_names(&article, &list, &settings.names);
    let mut skip = vec![false; article.blocks.len()];
    for &block in &list.blocks {
        skip[block] = true;
    }
    let claims = extract_claims(&article, &skip, lex);
    let attributions = attribute(&article, &claims, &skip, &list, &names, lex);
    let originals = originals(&list);
    let overlaps = find_overlaps(&article, &claims, &skip, &originals, lex);
    Analysis {
        article,
        list,
        names,
        claims,
        attributions,
        overlaps,
    }
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
        crate::document::Format::for_path(path),
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
    let suppressions = Suppressions::parse(&article.source, &article.lines, &mut problems);
    let mut findings = Vec::new();
    for (id, check) in CHECKS {
        let Some(rule) = settings.rule(id) else {
            continue;
        };
        let severity = rule.severity.unwrap_or(Severity::Info);
        for mut finding in check(analysis, rule) {
            if suppressions.suppresses(id, &finding.span) {
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
    (findings, problems)
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
        .filter(|(c, _)| c.key.split(' ').count() >= min_words)
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
        .map(|(c, at)| {
            let source = at
                .cue
                .and_then(|i| cues[i].speaker.as_ref())
                .map_or("an unnamed source".to_string(), |m| format!("“{}”", m.text));
            let kind = match c.kind {
                ClaimKind::Quote => "quote",
                ClaimKind::Figure => "figure",
            };
            draft(
                c.span.clone(),
                format!("{kind} “{}” is attributed only to {source}", short(&c.text(&a.article.source))),
                "vague source",
                Some("name the group, report or outlet: “according to Human Rights Watch”, not “according to rights groups”".into()),
            )
        })
        .collect()
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
            out.push(draft(
                mention.span.clone(),
                format!("“{}” is cited but not on the source list", mention.text),
                "not on the source list",
                Some(format!(
                    "add “{}” to the source list, or attribute the claim to a listed source",
                    mention.text
                )),
            ));
        }
    }
    out
}

fn source_unused(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    if a.list.unknown {
        return Vec::new();
    }
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
                cited.extend(entries_of_office(&entry_words, &mention.text));
            }
        }
    }
    let body = body_text(a);
    a.list
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !cited.contains(i))
        .filter(|(_, e)| !contains_name(&body, &e.name))
        .map(|(_, e)| {
            let span = e.span.clone().unwrap_or(0..0);
            draft(
                span,
                format!("source “{}” is listed but never cited", e.name),
                "never cited in the body",
                Some("credit it where its reporting is used (“…, Reuters reported”), or drop it from the list".into()),
            )
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
        format!("the article makes {quotes} quote(s) and {figures} figure(s) but has no source list"),
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
}
