//! The copy and provenance rules: copying (verbatim, lightly edited, closely paraphrased),
//! quoting too much, using an original whose source is not credited, and quotes or figures that
//! the credited original does not contain. The overlaps themselves are found in `overlap.rs`;
//! here they become findings, each with the original passage beside it.

use std::collections::HashMap;

use crate::attribution::SourceKind;
use crate::check::{Analysis, draft};
use crate::claims::ClaimKind;
use crate::config::RuleSettings;
use crate::finding::{Finding, Related};
use crate::overlap::{OriginalText, closest_wording};

fn finding(
    span: std::ops::Range<usize>,
    message: String,
    label: &str,
    help: &str,
    related: Vec<Related>,
) -> Finding {
    let mut finding = draft(span, message, label, Some(help.to_string()));
    finding.related = related;
    finding
}

/// The original passage shown beside a finding.
pub fn related(
    original: &OriginalText,
    bytes: std::ops::Range<usize>,
    similarity: Option<f64>,
) -> Related {
    let text = &original.original.text;
    Related {
        path: original.original.path.clone(),
        char_span: crate::position::char_offset(text, bytes.start)
            ..crate::position::char_offset(text, bytes.end),
        text: text[bytes.clone()].to_string(),
        span: bytes,
        similarity,
        source: Some(original.original.text.clone()),
    }
}

fn words(n: usize) -> String {
    format!("{n} word{}", if n == 1 { "" } else { "s" })
}

pub fn copy_verbatim(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min = rule.usize("min-words").max(1);
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        for p in m.passages.iter().filter(|p| p.longest_exact >= min) {
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "{} copied from {} ({}), {} of them word for word",
                    words(p.article.len()),
                    original.original.source,
                    original.original.describe(),
                    p.longest_exact
                ),
                "copied",
                "rewrite the passage in your own words, or quote it and credit the source",
                vec![related(
                    original,
                    original.bytes(&p.original),
                    Some(p.similarity),
                )],
            ));
        }
    }
    out
}

pub fn copy_near_verbatim(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min = rule.usize("min-words").max(1);
    let max_exact = rule.usize("max-exact-run");
    let threshold = rule.float("min-similarity");
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        for p in &m.passages {
            if p.article.len() < min || p.similarity < threshold || p.longest_exact >= max_exact {
                continue;
            }
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "{} follow {} ({}) with light edits ({:.0}% similar)",
                    words(p.article.len()),
                    original.original.source,
                    original.original.describe(),
                    p.similarity * 100.0
                ),
                "lightly edited copy",
                "swapping a few words is not rewriting: tell it in your own words",
                vec![related(
                    original,
                    original.bytes(&p.original),
                    Some(p.similarity),
                )],
            ));
        }
        // Shorter runs kept in the original's order within one sentence: the light edits of a
        // sub-editor who trims and swaps between them.
        for p in &m.chains {
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "{} follow a sentence of {} ({}) in runs kept word for word, the longest {} words ({:.0}% similar)",
                    words(p.article.len()),
                    original.original.source,
                    original.original.describe(),
                    p.longest_exact,
                    p.similarity * 100.0
                ),
                "lightly edited copy",
                "keeping the original's phrases in its order is not rewriting: tell it in your own words",
                vec![related(
                    original,
                    original.bytes(&p.original),
                    Some(p.similarity),
                )],
            ));
        }
    }
    out
}

pub fn copy_paraphrase(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        for p in &m.paraphrases {
            // A sentence found through its run shares too little on its own to explain the
            // finding; the run is what the writer needs to see.
            let run = if p.run > 0 {
                format!(
                    "; one of {} sentences in a row that follow its order",
                    p.run
                )
            } else {
                String::new()
            };
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "close paraphrase of a sentence of {} ({}): {:.0}% of its content words, {:.0}% similar{run}",
                    original.original.source,
                    original.original.describe(),
                    p.content_overlap * 100.0,
                    p.similarity * 100.0
                ),
                "close paraphrase",
                "keep the facts, drop the original's structure and wording",
                vec![related(original, original.bytes(&p.original), Some(p.score))],
            ));
        }
    }
    out
}

/// The article as a whole follows one original: most of its sentences keep the original's
/// wording, in its order, though no one passage need cross a copy threshold.
pub fn copy_derived(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let d = &m.derivation;
        let Some(first) = &d.first_following else {
            continue;
        };
        if d.verdict() != crate::overlap::Verdict::Wholly {
            continue;
        }
        let original = &o.originals[m.original];
        out.push(finding(
            o.bytes(first),
            format!(
                "the article is wholly derived from {} ({}): {} of its {} sentences ({:.0}%) follow it, {:.0}% of its word sequences are in it, longest run {}",
                original.original.source,
                original.original.describe(),
                d.following,
                d.sentences,
                d.share() * 100.0,
                d.containment * 100.0,
                words(d.longest_run),
            ),
            "derived from one original",
            "report the story in your own order and words, or say plainly that it is based on the original",
            Vec::new(),
        ));
    }
    out
}

pub fn source_undeclared(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
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
            .map(|p| p.article.len())
            .sum::<usize>()
            + m.paraphrases.iter().map(|p| p.article.len()).sum::<usize>();
        out.push(finding(
            o.bytes(&article),
            format!(
                "{} of this article come from {} ({}), which is not on the source list",
                words(shared),
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

pub fn quote_not_in_source(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
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

pub fn figure_not_in_source(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
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

pub fn quote_excessive(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let max_words = rule.usize("max-words");
    let max_share = rule.float("max-share");
    let mut quoted: HashMap<usize, (usize, usize)> = HashMap::new();
    for (i, claim) in a.claims.iter().enumerate() {
        if claim.kind != ClaimKind::Quote {
            continue;
        }
        let text = claim.text(&a.article.source);
        for (index, original) in a.overlaps.originals.iter().enumerate() {
            if let Some((_, similarity)) = closest_wording(&text, original)
                && similarity >= 0.8
            {
                let entry = quoted.entry(index).or_insert((0, i));
                entry.0 += claim.key.split(' ').count();
                entry.1 = i;
            }
        }
    }
    let mut out = Vec::new();
    let mut indices: Vec<usize> = quoted.keys().copied().collect();
    indices.sort();
    for index in indices {
        let (count, last) = quoted[&index];
        let original = &a.overlaps.originals[index];
        let total = original.words.len().max(1);
        let share = count as f64 / total as f64;
        if count <= max_words && share <= max_share {
            continue;
        }
        out.push(finding(
            a.claims[last].span.clone(),
            format!(
                "the article quotes {} of {} ({}), {:.0}% of it",
                words(count),
                original.original.source,
                original.original.describe(),
                share * 100.0
            ),
            "too much quoted",
            "quote the lines that matter and tell the rest in your own words",
            Vec::new(),
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
