//! Copying: passages that repeat an original word for word (`copy-verbatim`), with light edits
//! (`copy-near-verbatim`) or as close paraphrase (`copy-paraphrase`), an article derived as a
//! whole from one original (`copy-derived`), and quoting too much of one (`quote-excessive`).
//! The overlaps are found in `overlap.rs` and `align/`; here they become findings, each with the
//! original passage beside it.

use std::collections::HashMap;

use super::{Check, draft};
use crate::align::Evidence;
use crate::analysis::Analysis;
use crate::claims::ClaimKind;
use crate::config::RuleSettings;
use crate::finding::{Finding, Related};
use crate::overlap::{OriginalText, closest_wording};
use crate::report::plural_of;

/// This family's rules: card id → check. Adding a rule here is the one change outside its
/// card (`CONTRIBUTING.md`).
pub(super) const CHECKS: &[(&str, Check)] = &[
    ("copy-verbatim", copy_verbatim),
    ("copy-near-verbatim", copy_near_verbatim),
    ("copy-paraphrase", copy_paraphrase),
    ("copy-derived", copy_derived),
    ("quote-excessive", quote_excessive),
];

pub(super) fn finding(
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
pub(super) fn related(
    original: &OriginalText,
    bytes: std::ops::Range<usize>,
    similarity: Option<f64>,
) -> Related {
    let text = &original.original.text;
    Related {
        path: original.original.path.clone(),
        char_span: original.chars.offset(text, bytes.start)..original.chars.offset(text, bytes.end),
        text: text[bytes.clone()].to_string(),
        span: bytes,
        similarity,
        source: Some(original.original.text.clone()),
    }
}

pub(super) fn copy_verbatim(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
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
                    plural_of(o.word_count(&p.article), "word"),
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

pub(super) fn copy_near_verbatim(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
    let min = rule.usize("min-words").max(1);
    let max_exact = rule.usize("max-exact-run");
    let threshold = rule.float("min-similarity");
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        for p in &m.passages {
            if o.word_count(&p.article) < min
                || p.similarity < threshold
                || p.longest_exact >= max_exact
            {
                continue;
            }
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "{} follow {} ({}) with light edits ({:.0}% similar)",
                    plural_of(o.word_count(&p.article), "word"),
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
        // In an article wholly derived from the original, a shorter run kept word for word.
        for p in &m.kept {
            out.push(finding(
                o.bytes(&p.article),
                format!(
                    "{} kept word for word from {} ({}), which this article follows throughout",
                    plural_of(p.longest_exact, "word"),
                    original.original.source,
                    original.original.describe(),
                ),
                "kept phrase",
                "a story derived from one original keeps its phrases: say this in your own words",
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
                    plural_of(o.word_count(&p.article), "word"),
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

pub(super) fn copy_paraphrase(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
    let o = &a.overlaps;
    let mut out = Vec::new();
    for m in &o.matches {
        let original = &o.originals[m.original];
        for p in &m.paraphrases {
            // A sentence found through its run shares too little on its own to explain the
            // finding; the run is what the writer needs to see.
            let run = match p.evidence {
                Evidence::Alone => String::new(),
                Evidence::Run => format!(
                    "; one of {} sentences in a row that follow its order",
                    p.run
                ),
                Evidence::KeptRun => format!(
                    "; one of {} sentences in a row that keep its wording in its order ({} kept here)",
                    p.run,
                    plural_of(p.kept, "word")
                ),
                Evidence::DerivedRun => format!(
                    "; one of {} sentences in a row that follow its order, in an article wholly derived from it",
                    p.run
                ),
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
pub(super) fn copy_derived(a: &Analysis, _rule: &RuleSettings) -> Vec<Finding> {
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
                plural_of(d.longest_run, "word"),
            ),
            "derived from one original",
            "report the story in your own order and words, or say plainly that it is based on the original",
            Vec::new(),
        ));
    }
    out
}

pub(super) fn quote_excessive(a: &Analysis, rule: &RuleSettings) -> Vec<Finding> {
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
                plural_of(count, "word"),
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
