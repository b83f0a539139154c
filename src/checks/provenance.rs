//! Provenance: the article against the originals its sources stand for. Text that overlaps an
//! original whose source is not on the list (`source-undeclared`), and quotes or figures that
//! the credited source's original does not contain (`quote-not-in-source`,
//! `figure-not-in-source`).

use super::Check;
use super::copy::{finding, related};
use crate::analysis::Analysis;
use crate::attribution::SourceKind;
use crate::claims::ClaimKind;
use crate::config::RuleSettings;
use crate::finding::Finding;
use crate::overlap::closest_wording;
use crate::report::plural_of;

/// This family's rules: card id → check. Adding a rule here is the one change outside its
/// card (`CONTRIBUTING.md`).
pub(super) const CHECKS: &[(&str, Check)] = &[
    ("source-undeclared", source_undeclared),
    ("quote-not-in-source", quote_not_in_source),
    ("figure-not-in-source", figure_not_in_source),
];

pub(super) fn source_undeclared(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        if a.names
            .find_entry(&a.list, &original.original.source)
            .is_some()
        {
            continue;
        }
        let first = m
            .passages
            .iter()
            .chain(&m.chains)
            .chain(&m.kept)
            .map(|p| (p.article.clone(), p.original.clone(), p.similarity))
            .chain(
                m.paraphrases
                    .iter()
                    .map(|p| (p.article.clone(), p.original.clone(), p.score)),
            )
            .min_by_key(|(article, _, _)| article.start);
        let Some((article, orig, similarity)) = first else {
            continue;
        };
        let shared: usize = m
            .passages
            .iter()
            .chain(&m.chains)
            .chain(&m.kept)
            .map(|p| o.word_count(&p.article))
            .sum::<usize>()
            + m.paraphrases
                .iter()
                .map(|p| o.word_count(&p.article))
                .sum::<usize>();
        out.push(finding(
            o.bytes(&article),
            format!(
                "{} of this article come from {} ({}), which is not on the source list",
                plural_of(shared, "word"),
                original.original.source,
                original.original.describe()
            ),
            "from an uncredited source",
            &format!(
                "add “{}” to the source list, and rewrite what was copied",
                original.original.source
            ),
            vec![related(original, original.bytes(&orig), Some(similarity))],
        ));
    }
    out
}

/// The original a quote or figure is credited to: the one whose source the attribution names
/// ("told the Valley Courier"), else, for a person speaking, the originals that name that person
/// (a quote by "Brandt" is checked against the story that quoted Brandt).
fn credited_original(a: &Analysis, claim: usize) -> Option<usize> {
    let at = &a.attributions.claims[claim];
    let cue = &a.attributions.cues[at.cue?];
    let mentions: Vec<&crate::attribution::Mention> = cue
        .speaker
        .iter()
        .chain(cue.outlet.iter())
        .filter(|m| m.kind != SourceKind::Vague)
        .collect();
    let originals = &a.overlaps.originals;
    let by_source = originals.iter().position(|o| {
        !o.original.archived()
            && mentions
                .iter()
                .any(|m| a.names.same(&m.text, &o.original.source))
    });
    if by_source.is_some() {
        return by_source;
    }
    let person = mentions.iter().find(|m| m.kind == SourceKind::Person)?;
    let surname = person.text.split_whitespace().last()?;
    if surname.chars().count() < 3 {
        return None;
    }
    originals
        .iter()
        .position(|o| !o.original.archived() && o.original.text.contains(surname))
}

pub(super) fn quote_not_in_source(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let threshold = rule.float("min-similarity");
    let mut out = Vec::new();
    for (i, claim) in a.claims.iter().enumerate() {
        if claim.kind != ClaimKind::Quote {
            continue;
        }
        let Some(index) = credited_original(a, i) else {
            continue;
        };
        let original = &a.overlaps.originals[index];
        let text = claim.text(&a.article.source);
        let Some((window, similarity)) = closest_wording(&text, original) else {
            continue;
        };
        if similarity >= threshold {
            continue;
        }
        out.push(finding(
            claim.span.clone(),
            format!(
                "quote not found in {} ({}); the closest wording is {:.0}% similar",
                original.original.source,
                original.original.describe(),
                similarity * 100.0
            ),
            "not in the credited original",
            "quote the original exactly, or drop the quotation marks and paraphrase",
            vec![related(original, original.bytes(&window), Some(similarity))],
        ));
    }
    out
}

pub(super) fn figure_not_in_source(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, claim) in a.claims.iter().enumerate() {
        if claim.kind != ClaimKind::Figure || claim.approximate {
            continue;
        }
        let Some(index) = credited_original(a, i) else {
            continue;
        };
        let figures = &a.overlaps.figures[index];
        // "$200bn" and "200 billion dollars", "2m" and "two million" are one figure: compared by
        // value, as the copy checks' lexical layer reads numbers.
        let value = crate::align::figure_value(&claim.key);
        if figures.iter().any(|(key, _)| {
            key == &claim.key || (value.is_some() && crate::align::figure_value(key) == value)
        }) {
            continue;
        }
        let original = &a.overlaps.originals[index];
        let given: Vec<String> = figures
            .iter()
            .take(8)
            .map(|(_, span)| mid_sentence(&original.original.text[span.clone()]))
            .collect();
        let related = figures
            .iter()
            .take(3)
            .map(|(_, span)| related(original, span.clone(), None))
            .collect();
        let listing = if given.is_empty() {
            "it gives no figures".to_string()
        } else {
            format!("it gives {}", given.join(", "))
        };
        out.push(finding(
            claim.span.clone(),
            format!(
                "figure “{}” is not in {} ({}); {listing}",
                claim.text(&a.article.source),
                original.original.source,
                original.original.describe()
            ),
            "not in the credited original",
            "check the number against the original",
            related,
        ));
    }
    out
}

/// A figure that opened a sentence in the original ("About 11,400") as it reads inside a list:
/// "about 11,400". A word in capitals ("US$") keeps them.
fn mid_sentence(figure: &str) -> String {
    let first_word = figure.split_whitespace().next().unwrap_or("");
    let capitalised_word = first_word.chars().skip(1).all(|c| !c.is_uppercase())
        && first_word.chars().next().is_some_and(char::is_uppercase)
        && first_word.chars().count() > 1;
    if !capitalised_word {
        return figure.to_string();
    }
    let mut chars = figure.chars();
    let first = chars.next().expect("a capitalised word has a first letter");
    first.to_lowercase().chain(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::mid_sentence;

    #[test]
    fn figures_listed_mid_sentence_lose_a_sentence_capital() {
        assert_eq!(mid_sentence("About 11,400"), "about 11,400");
        assert_eq!(mid_sentence("More than 500"), "more than 500");
        assert_eq!(mid_sentence("4.2 million"), "4.2 million");
        assert_eq!(mid_sentence("US$4 billion"), "US$4 billion");
    }
}
