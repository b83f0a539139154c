//! Scores claim detection and attribution against the hand-labelled corpus in `tests/labelled/`.
//! Run `cargo test --test labelled -- --nocapture` to see the figures; set
//! `FAIRLINT_SCORE_VERBOSE=1` to list every miss. The asserted floors sit a little under the
//! measured figures so that a regression fails the build.

use std::collections::BTreeMap;

use fairlint::attribution::Status;
use fairlint::check::analyse;
use fairlint::claims::ClaimKind;
use fairlint::config::Settings;
use fairlint::document::{Article, Format};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    claims: Vec<Label>,
}

#[derive(Deserialize)]
struct Label {
    quote: Option<String>,
    figure: Option<String>,
    status: Status,
}

struct Predicted {
    kind: ClaimKind,
    text: String,
    status: Status,
}

fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            c => c,
        })
        .filter(|c| {
            c.is_alphanumeric()
                || *c == '\''
                || *c == ' '
                || *c == '%'
                || *c == '$'
                || *c == '€'
                || *c == '£'
        })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn matches(label: &str, predicted: &str) -> bool {
    let (a, b) = (fold(label), fold(predicted));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[derive(Default)]
struct Detection {
    labels: usize,
    found_labels: usize,
    predicted: usize,
    true_predicted: usize,
}

impl Detection {
    fn precision(&self) -> f64 {
        ratio(self.true_predicted, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.found_labels, self.labels)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Named => "named",
        Status::Vague => "vague",
        Status::None => "none",
    }
}

struct Scores {
    detection: BTreeMap<&'static str, Detection>,
    accuracy: BTreeMap<&'static str, f64>,
}

#[test]
fn labelled_corpus_precision_and_recall() {
    let scores = score("tests/labelled");
    for name in ["quotes", "figures"] {
        assert!(
            scores.detection[name].labels >= 150,
            "{name}: too few labels"
        );
    }
    // Figure recall sits at 0.967: this set was labelled before public results (an election's
    // count, a market's move, a vote's tally) stopped being claims, and still counts them as
    // figures. They are deliberate misses, listed by FAIRLINT_SCORE_VERBOSE=1.
    assert_floors(&scores, [(0.97, 0.97, 0.94), (0.95, 0.96, 0.93)]);
}

/// A second corpus written apart from the code and never tuned against: its figures are the
/// honest estimate of how fairlint does on text it has not seen. The floors only catch
/// regressions.
#[test]
fn held_out_corpus_precision_and_recall() {
    assert_floors(
        &score("tests/labelled-holdout"),
        [(0.95, 0.95, 0.80), (0.95, 0.95, 0.88)],
    );
}

/// Detection precision, detection recall and attribution accuracy floors, for quotes then
/// figures.
fn assert_floors(scores: &Scores, floors: [(f64, f64, f64); 2]) {
    for (name, (p, r, a)) in ["quotes", "figures"].into_iter().zip(floors) {
        let d = &scores.detection[name];
        assert!(
            d.precision() >= p,
            "{name} detection precision {:.3} < {p}",
            d.precision()
        );
        assert!(
            d.recall() >= r,
            "{name} detection recall {:.3} < {r}",
            d.recall()
        );
        let accuracy = scores.accuracy[name];
        assert!(
            accuracy >= a,
            "{name} attribution accuracy {accuracy:.3} < {a}"
        );
    }
}

fn score(dir: &str) -> Scores {
    let settings = Settings::builtin();
    let verbose = std::env::var_os("FAIRLINT_SCORE_VERBOSE").is_some();
    let mut detection: BTreeMap<&'static str, Detection> = BTreeMap::new();
    // (kind, expected, predicted) → count
    let mut confusion: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    println!("\n== {dir}");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    {
        let corpus: Corpus = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in corpus.cases {
            let article = Article::parse(
                "case.md",
                case.text.clone().into(),
                Format::Markdown,
                &settings.lexicon,
            );
            let analysis = analyse(article, &settings);
            let predicted: Vec<Predicted> = analysis
                .claims
                .iter()
                .zip(&analysis.attributions.claims)
                .map(|(c, a)| Predicted {
                    kind: c.kind,
                    text: c.text(&analysis.article.source),
                    status: a.status,
                })
                .collect();
            for kind in [ClaimKind::Quote, ClaimKind::Figure] {
                let name = if kind == ClaimKind::Quote {
                    "quotes"
                } else {
                    "figures"
                };
                let labels: Vec<(&str, Status)> = case
                    .claims
                    .iter()
                    .filter_map(|l| match kind {
                        ClaimKind::Quote => l.quote.as_deref().map(|t| (t, l.status)),
                        ClaimKind::Figure => l.figure.as_deref().map(|t| (t, l.status)),
                    })
                    .collect();
                let preds: Vec<&Predicted> = predicted.iter().filter(|p| p.kind == kind).collect();
                let d = detection.entry(name).or_default();
                d.labels += labels.len();
                d.predicted += preds.len();
                for (label, expected) in &labels {
                    match preds.iter().find(|p| matches(label, &p.text)) {
                        Some(p) => {
                            d.found_labels += 1;
                            *confusion
                                .entry((name, status_name(*expected), status_name(p.status)))
                                .or_default() += 1;
                            if verbose && p.status != *expected {
                                println!(
                                    "STATUS {name}: {label:?} expected {} got {}",
                                    status_name(*expected),
                                    status_name(p.status)
                                );
                            }
                        }
                        None if verbose => {
                            println!("MISSED {name}: {label:?} in {:?}", case.text.trim())
                        }
                        None => {}
                    }
                }
                for p in &preds {
                    if labels.iter().any(|(l, _)| matches(l, &p.text)) {
                        d.true_predicted += 1;
                    } else if verbose {
                        println!("EXTRA {name}: {:?} in {:?}", p.text, case.text.trim());
                    }
                }
            }
        }
    }
    println!("\ndetection      labels  precision  recall");
    for (name, d) in &detection {
        println!(
            "{name:<14} {:>6}  {:>9.3}  {:>6.3}",
            d.labels,
            d.precision(),
            d.recall()
        );
    }
    println!("\nattribution (on detected claims)   precision  recall  (per status)");
    let mut accuracy: BTreeMap<&'static str, f64> = BTreeMap::new();
    for name in ["quotes", "figures"] {
        let total: usize = confusion
            .iter()
            .filter(|(k, _)| k.0 == name)
            .map(|(_, v)| v)
            .sum();
        let right: usize = confusion
            .iter()
            .filter(|(k, _)| k.0 == name && k.1 == k.2)
            .map(|(_, v)| v)
            .sum();
        for status in ["named", "vague", "none"] {
            let tp = confusion.get(&(name, status, status)).copied().unwrap_or(0);
            let predicted: usize = confusion
                .iter()
                .filter(|(k, _)| k.0 == name && k.2 == status)
                .map(|(_, v)| v)
                .sum();
            let actual: usize = confusion
                .iter()
                .filter(|(k, _)| k.0 == name && k.1 == status)
                .map(|(_, v)| v)
                .sum();
            println!(
                "{name:<8} {status:<6} (n={actual:>3})                {:>9.3}  {:>6.3}",
                ratio(tp, predicted),
                ratio(tp, actual)
            );
        }
        println!(
            "{name:<8} accuracy {:.3} ({right}/{total})",
            ratio(right, total)
        );
        accuracy.insert(name, ratio(right, total));
    }
    Scores {
        detection,
        accuracy,
    }
}
