//! Scores attribution on real news sentences nobody on this project wrote: the FactAppeal
//! training split in `../shared/data/factappeal/` (CC BY 4.0), whose tags say who each factual
//! claim is attributed to. Every tenth sentence (index % 10 == 0) is held back: its figures are
//! printed first and were never looked at while tuning. Run
//! `cargo test --release --test factappeal -- --nocapture` for the figures;
//! `FAIRLINT_SCORE_VERBOSE=1` lists the misses of the tuned part only.
//!
//! What is measured, per sentence (each sentence is checked as a one-paragraph article):
//! - quote detection: a tagged direct quote that holds a quotation mark is found when a quote
//!   claim overlaps it;
//! - source status: `named` when a Named source is tagged, `vague` when only Unnamed ones are,
//!   `none` otherwise; predicted from the attribution cues fairlint finds in the sentence. An
//!   unresolved pronoun counts as vague here because the tags call a pronoun Unnamed (a lone
//!   sentence has no antecedent);
//! - source span: on sentences both call named, the named speaker or outlet overlaps a tagged
//!   Named source.

use std::ops::Range;
use std::sync::Arc;

use fairlint::attribution::{SourceKind, Status};
use fairlint::check::analyse;
use fairlint::claims::ClaimKind;
use fairlint::config::Settings;
use fairlint::document::{Article, Format};

const DATA: &str = "../shared/data/factappeal/train.csv";

struct Sentence {
    text: String,
    /// (tag, byte range in `text`)
    tags: Vec<(String, Range<usize>)>,
}

/// Reads the two-column CSV (`sentence,annotation`) with RFC 4180 quoting.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Strips the inline tags, keeping where each one stood in the plain sentence.
fn parse_annotation(annotation: &str) -> Sentence {
    let mut text = String::new();
    let mut tags = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut rest = annotation;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            text.push_str(&rest[lt..]);
            rest = "";
            break;
        };
        let name = &after[..gt];
        let is_tag = !name.is_empty()
            && name
                .trim_start_matches('/')
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
        if !is_tag {
            text.push('<');
            rest = after;
            continue;
        }
        if let Some(closing) = name.strip_prefix('/') {
            if let Some(at) = open.iter().rposition(|(n, _)| n == closing) {
                let (n, start) = open.remove(at);
                tags.push((n, start..text.len()));
            }
        } else {
            open.push((name.to_string(), text.len()));
        }
        rest = &after[gt + 1..];
    }
    text.push_str(rest);
    Sentence { text, tags }
}

fn load() -> Option<Vec<Sentence>> {
    let Ok(csv) = std::fs::read_to_string(DATA) else {
        return None;
    };
    let rows = read_csv(&csv);
    let sentences = rows
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 2)
        .map(|r| {
            let parsed = parse_annotation(&r[1]);
            assert_eq!(parsed.text, r[0], "tags strip to the sentence");
            parsed
        })
        .collect();
    Some(sentences)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[derive(Default)]
struct Scores {
    sentences: usize,
    quotes: usize,
    quotes_found: usize,
    /// [gold][predicted], named / vague / none
    confusion: [[usize; 3]; 3],
    span_pairs: usize,
    span_agree: usize,
    /// Sentences where `figure-unattributed` would fire (a figure, not approximate, with no
    /// source), by gold status: named / vague / none.
    figure_flagged: [usize; 3],
}

fn index(status: Status) -> usize {
    match status {
        Status::Named => 0,
        Status::Vague => 1,
        Status::None => 2,
    }
}

impl Scores {
    fn quote_recall(&self) -> f64 {
        self.quotes_found as f64 / self.quotes.max(1) as f64
    }

    fn f1(&self, class: usize) -> f64 {
        let tp = self.confusion[class][class] as f64;
        let predicted: usize = (0..3).map(|g| self.confusion[g][class]).sum();
        let actual: usize = self.confusion[class].iter().sum();
        let p = tp / predicted.max(1) as f64;
        let r = tp / actual.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn macro_f1(&self) -> f64 {
        (0..3).map(|c| self.f1(c)).sum::<f64>() / 3.0
    }

    fn span_agreement(&self) -> f64 {
        self.span_agree as f64 / self.span_pairs.max(1) as f64
    }

    fn print(&self, name: &str) {
        println!("\n== FactAppeal {name}: {} sentences", self.sentences);
        println!(
            "quotes found            {:.3} ({}/{})",
            self.quote_recall(),
            self.quotes_found,
            self.quotes
        );
        println!(
            "status macro-F1         {:.3} (named {:.3}, vague {:.3}, none {:.3})",
            self.macro_f1(),
            self.f1(0),
            self.f1(1),
            self.f1(2)
        );
        println!(
            "source span agreement   {:.3} ({}/{})",
            self.span_agreement(),
            self.span_agree,
            self.span_pairs
        );
        let flagged: usize = self.figure_flagged.iter().sum();
        println!(
            "figure-unattributed     {:.3} of {flagged} flagged sentences have no source in the tags \
             (tagged named {}, unnamed {})",
            self.figure_flagged[2] as f64 / flagged.max(1) as f64,
            self.figure_flagged[0],
            self.figure_flagged[1]
        );
        println!("confusion (rows gold named/vague/none, columns predicted)");
        for (row, label) in self.confusion.iter().zip(["named", "vague", "none"]) {
            println!("  {label:<6} {:>5} {:>5} {:>5}", row[0], row[1], row[2]);
        }
    }
}

fn gold_status(sentence: &Sentence) -> Status {
    let has = |prefix: &str| sentence.tags.iter().any(|(t, _)| t.starts_with(prefix));
    if has("Source:Named") {
        Status::Named
    } else if has("Source:Unnamed") {
        Status::Vague
    } else {
        Status::None
    }
}

fn score(sentences: &[&Sentence], verbose: bool) -> Scores {
    let settings = Settings::builtin();
    let mut scores = Scores::default();
    for sentence in sentences {
        scores.sentences += 1;
        let article = Article::parse(
            "sentence.txt",
            Arc::from(sentence.text.as_str()),
            Format::Plain,
            &settings.lexicon,
        );
        let analysis = analyse(article, &settings);
        let quotes: Vec<&Range<usize>> = analysis
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Quote)
            .map(|c| &c.span)
            .collect();
        for (tag, range) in &sentence.tags {
            let marked = sentence.text[range.clone()].contains(['"', '“', '”', '‘', '’', '\'']);
            if tag != "Fact_Appeal:Direct_Quote" || !marked {
                continue;
            }
            scores.quotes += 1;
            if quotes.iter().any(|q| overlaps(q, range)) {
                scores.quotes_found += 1;
            } else if verbose {
                println!("MISSED QUOTE {:?}", sentence.text);
            }
        }
        let mut predicted = Status::None;
        let mut named_spans = Vec::new();
        for cue in &analysis.attributions.cues {
            let unresolved = cue
                .speaker
                .as_ref()
                .is_some_and(|m| m.kind == SourceKind::Pronoun)
                && cue.outlet.is_none();
            let status = if unresolved {
                Status::Vague
            } else {
                cue.status()
            };
            predicted = predicted.min(status);
            if status == Status::Named {
                named_spans.extend(
                    cue.speaker
                        .iter()
                        .chain(cue.outlet.iter())
                        .filter(|m| m.kind != SourceKind::Vague && m.kind != SourceKind::Pronoun)
                        .map(|m| m.span.clone()),
                );
            }
        }
        let gold = gold_status(sentence);
        scores.confusion[index(gold)][index(predicted)] += 1;
        let unattributed_figure = analysis
            .claims
            .iter()
            .zip(&analysis.attributions.claims)
            .any(|(c, at)| {
                c.kind == ClaimKind::Figure && !c.approximate && at.status == Status::None
            });
        if unattributed_figure {
            scores.figure_flagged[index(gold)] += 1;
            if verbose && gold != Status::None {
                println!("FIGURE gold {gold:?}: {:?}", sentence.text);
            }
        }
        if verbose && gold != predicted {
            // Who each cue named, so a wrong status shows which reading made it.
            let sources: Vec<String> = analysis
                .attributions
                .cues
                .iter()
                .flat_map(|c| c.speaker.iter().chain(c.outlet.iter()))
                .map(|m| format!("{:?} {:?}", m.kind, m.text))
                .collect();
            println!(
                "STATUS gold {gold:?} got {predicted:?}: {:?} SOURCES {sources:?}",
                sentence.text
            );
        }
        if gold == Status::Named && predicted == Status::Named {
            scores.span_pairs += 1;
            let gold_spans = sentence
                .tags
                .iter()
                .filter(|(t, _)| t.starts_with("Source:Named"))
                .map(|(_, r)| r);
            if gold_spans
                .clone()
                .any(|g| named_spans.iter().any(|p| overlaps(p, g)))
            {
                scores.span_agree += 1;
            } else if verbose {
                println!(
                    "SPAN gold {:?} got {:?}",
                    gold_spans
                        .map(|r| &sentence.text[r.clone()])
                        .collect::<Vec<_>>(),
                    named_spans
                        .iter()
                        .map(|r| &sentence.text[r.clone()])
                        .collect::<Vec<_>>()
                );
            }
        }
    }
    scores
}

#[test]
fn factappeal_sentences() {
    let Some(sentences) = load() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{DATA} is missing; CI has ../shared beside the checkout"
        );
        println!("{DATA} not found: skipped (it is beside the checkout in CI)");
        return;
    };
    assert!(sentences.len() > 2000, "the whole training split is read");
    let verbose = std::env::var_os("FAIRLINT_SCORE_VERBOSE").is_some();
    let held: Vec<&Sentence> = sentences.iter().step_by(10).collect();
    let tuned: Vec<&Sentence> = sentences
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(_, s)| s)
        .collect();
    let held = score(&held, false);
    held.print("held back (every tenth sentence)");
    let tuned = score(&tuned, verbose);
    tuned.print("tuned (the other nine tenths)");
    for (name, s, floors) in [
        ("held back", &held, FLOORS_HELD),
        ("tuned", &tuned, FLOORS_TUNED),
    ] {
        let (quotes, f1, span) = floors;
        assert!(
            s.quote_recall() >= quotes,
            "{name}: quotes found {:.3} < {quotes}",
            s.quote_recall()
        );
        assert!(
            s.macro_f1() >= f1,
            "{name}: macro-F1 {:.3} < {f1}",
            s.macro_f1()
        );
        assert!(
            s.span_agreement() >= span,
            "{name}: span agreement {:.3} < {span}",
            s.span_agreement()
        );
        let flagged: usize = s.figure_flagged.iter().sum();
        let agreed = s.figure_flagged[2] as f64 / flagged.max(1) as f64;
        assert!(
            agreed >= FIGURE_FLOOR,
            "{name}: figure-unattributed agrees with the tags on {agreed:.3} < {FIGURE_FLOOR}"
        );
    }
}

/// The share of sentences `figure-unattributed` would flag that the tags also give no source: a
/// flagged figure in a sentence that names its source is a false alarm whatever the house
/// style. First measurement (this floor's commit): held back 0.929 (13/14), tuned 0.937
/// (133/142).
const FIGURE_FLOOR: f64 = 0.90;

/// Quote recall, status macro-F1, source-span agreement: a little under the measured figures.
/// First measurement (78100fa): held back 0.920 / 0.716 / 0.976, tuned 0.956 / 0.667 / 0.932.
const FLOORS_HELD: (f64, f64, f64) = (0.92, 0.70, 0.95);
const FLOORS_TUNED: (f64, f64, f64) = (0.97, 0.68, 0.91);
