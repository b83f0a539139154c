//! Attribution: quotes and figures with no source (`quote-unattributed`,
//! `figure-unattributed`), with only a vague one (`attribution-vague`), and a quotation whose
//! closing mark never comes (`quote-unbalanced`).

use super::{Check, draft};
use crate::analysis::Analysis;
use crate::attribution::Status;
use crate::claims::ClaimKind;
use crate::config::RuleSettings;
use crate::finding::Finding;

/// This family's rules: card id → check. Adding a rule here is the one change outside its
/// card (`CONTRIBUTING.md`).
pub(super) const CHECKS: &[(&str, Check)] = &[
    ("quote-unattributed", quote_unattributed),
    ("figure-unattributed", figure_unattributed),
    ("quote-unbalanced", quote_unbalanced),
    ("attribution-vague", attribution_vague),
];

fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        return words.join(" ");
    }
    format!("{} …", words[..8].join(" "))
}

pub(super) fn quote_unattributed(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
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

pub(super) fn quote_unbalanced(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
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

pub(super) fn figure_unattributed(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let include_approximate = rule.bool("include-approximate");
    let required = rule.strings("require-source-for");
    a.claims
        .iter()
        .zip(&a.attributions.claims)
        .filter(|(c, at)| c.kind == ClaimKind::Figure && at.status == Status::None)
        .filter(|(c, _)| include_approximate || !c.approximate)
        .filter(|(c, _)| c.figure.is_none_or(|kind| required.contains(&kind.as_str())))
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

pub(super) fn attribution_vague(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
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
