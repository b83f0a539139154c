//! Scores copy detection on the labelled original/rewrite pairs in `tests/copy/`,
//! `tests/copy-holdout/` and `tests/copy-derived/{tuned,holdout}/` with the PAN measures:
//! character-level precision and recall (macro-averaged over cases and detections), granularity,
//! and plagdet = F1 / log2(1 + granularity), with recall per edit level; and, where pairs carry
//! a document-level label, derived / not-derived precision and recall of the `summary.reuse`
//! verdict. Independent texts on the same story must raise nothing. `cargo test --test
//! copy_scores -- --nocapture` prints the figures; `FAIRLINT_SCORE_VERBOSE=1` lists misses and
//! false alarms.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use fairlint::check::check_text_with;
use fairlint::config::Settings;
use fairlint::originals::Original;
use fairlint::position::char_offset;
use serde::Deserialize;

/// One labelled pair: `tests/copy*/` give a `kind` and spans; `tests/copy-derived/` a
/// document-level `level` (wholly / partially / not), and spans unless the texts are
/// hard-wrapped.
#[derive(Deserialize)]
struct Pair {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    level: Option<String>,
    original: String,
    rewrite: String,
    #[serde(default)]
    spans: Option<Vec<Span>>,
}

#[derive(Deserialize)]
struct Span {
    rewrite: String,
    kind: String,
}

const COPY_RULES: &[&str] = &[
    "copy-verbatim",
    "copy-near-verbatim",
    "copy-paraphrase",
    "copy-derived",
];

/// The rules whose findings are passages (scored against labelled spans).
const PASSAGE_RULES: &[&str] = &["copy-verbatim", "copy-near-verbatim", "copy-paraphrase"];

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Characters of `range` covered by the union of `others`.
fn covered(range: &Range<usize>, others: &[Range<usize>]) -> usize {
    let mut marks = vec![false; range.len()];
    for o in others {
        for i in o.start.max(range.start)..o.end.min(range.end) {
            marks[i - range.start] = true;
        }
    }
    marks.iter().filter(|m| **m).count()
}

#[derive(Default)]
struct Totals {
    recall_sum: f64,
    cases: usize,
    precision_sum: f64,
    detections: usize,
    /// Characters detected, and of those the ones inside a labelled span: precision over all
    /// detected text, which joining two detections into one does not move.
    detected_chars: usize,
    detected_chars_in_spans: usize,
    granularity_sum: usize,
    detected_cases: usize,
    per_kind: BTreeMap<String, (f64, usize)>,
    independent_pairs: usize,
    independent_alarms: usize,
    /// Document level: (label, verdict, any copy finding) per pair with a level.
    documents: Vec<(String, String, bool)>,
}

/// The PAN figures of one corpus, and the document-level ones where pairs have a level.
struct Scores {
    pairs: usize,
    precision: f64,
    plagdet: f64,
    independent_pairs: usize,
    independent_alarms: usize,
    /// Derived (wholly or partially) against not, by `summary.reuse` verdict.
    derived_precision: f64,
    derived_recall: f64,
    /// Not-derived pairs given a derived verdict or a `copy-derived` finding.
    not_derived_alarms: usize,
}

/// The pair files of a corpus folder, in name order.
fn pair_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// An original as the wire service's text.
fn wire(text: &str) -> Arc<Original> {
    Arc::new(Original {
        source: "Wire".into(),
        path: "original.txt".into(),
        text: Arc::from(text),
        archive: None,
    })
}

fn score(dir: &str) -> Scores {
    let verbose = std::env::var_os("FAIRLINT_SCORE_VERBOSE").is_some();
    let settings = Settings::builtin();
    let paths = pair_files(dir);
    let mut t = Totals::default();
    for path in &paths {
        let pair: Pair = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let original = wire(pair.original.as_str());
        let text = &pair.rewrite;
        let (analysis, findings) = check_text_with("rewrite.md", text, &settings, &[original]);
        let to_chars = |r: Range<usize>| char_offset(text, r.start)..char_offset(text, r.end);
        let detections: Vec<Range<usize>> = findings
            .iter()
            .filter(|f| PASSAGE_RULES.contains(&f.rule.as_str()))
            .map(|f| to_chars(f.span.clone()))
            .collect();
        if let Some(level) = &pair.level {
            let verdict = analysis
                .overlaps
                .matches
                .first()
                .map_or("not", |m| m.derivation.verdict().as_str());
            let any = findings
                .iter()
                .any(|f| COPY_RULES.contains(&f.rule.as_str()));
            let derived_finding = findings.iter().any(|f| f.rule == "copy-derived");
            if verbose && (level.as_str() != verdict || (level == "not" && derived_finding)) {
                println!(
                    "DOCUMENT {}: labelled {level}, verdict {verdict}",
                    path.display()
                );
            }
            t.documents.push((level.clone(), verdict.to_string(), any));
        }
        // Hard-wrapped derived pairs carry no spans: they count at document level only.
        let Some(spans) = &pair.spans else {
            continue;
        };
        let cases: Vec<(Range<usize>, &str)> = spans
            .iter()
            .map(|s| {
                let at = text.find(&s.rewrite).expect("span is a substring");
                (to_chars(at..at + s.rewrite.len()), s.kind.as_str())
            })
            .collect();
        if pair.kind.as_deref() == Some("independent") || pair.level.as_deref() == Some("not") {
            t.independent_pairs += 1;
            if !detections.is_empty() {
                t.independent_alarms += 1;
                if verbose {
                    println!(
                        "ALARM {}: {:?}",
                        path.display(),
                        findings
                            .iter()
                            .filter(|f| PASSAGE_RULES.contains(&f.rule.as_str()))
                            .map(|f| &text[f.span.clone()])
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        let case_ranges: Vec<Range<usize>> = cases.iter().map(|(r, _)| r.clone()).collect();
        for (range, kind) in &cases {
            let hitting: Vec<Range<usize>> = detections
                .iter()
                .filter(|d| overlap(d, range) > 0)
                .cloned()
                .collect();
            let recall = covered(range, &hitting) as f64 / range.len().max(1) as f64;
            t.recall_sum += recall;
            t.cases += 1;
            let entry = t.per_kind.entry(kind.to_string()).or_default();
            entry.0 += recall;
            entry.1 += 1;
            if !hitting.is_empty() {
                t.detected_cases += 1;
                t.granularity_sum += hitting.len();
            } else if verbose {
                println!(
                    "MISSED {} ({kind}): {:?}",
                    path.display(),
                    text.chars()
                        .skip(range.start)
                        .take(range.len())
                        .collect::<String>()
                );
            }
        }
        for d in &detections {
            let hitting: Vec<Range<usize>> = case_ranges
                .iter()
                .filter(|c| overlap(c, d) > 0)
                .cloned()
                .collect();
            let precision = covered(d, &hitting) as f64 / d.len().max(1) as f64;
            if verbose && precision < 0.5 {
                println!(
                    "STRAY {} ({precision:.2} in spans): {:?}",
                    path.display(),
                    text.chars().skip(d.start).take(d.len()).collect::<String>()
                );
            }
            t.precision_sum += precision;
            t.detections += 1;
            t.detected_chars += d.len();
            t.detected_chars_in_spans += covered(d, &hitting);
        }
    }
    let recall = t.recall_sum / t.cases.max(1) as f64;
    let precision = if t.detections == 0 {
        1.0
    } else {
        t.precision_sum / t.detections as f64
    };
    let granularity = if t.detected_cases == 0 {
        1.0
    } else {
        t.granularity_sum as f64 / t.detected_cases as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let plagdet = f1 / (1.0 + granularity).log2();
    println!(
        "\ncopy detection on {dir}: {} pairs, {} labelled spans, {} detections",
        paths.len(),
        t.cases,
        t.detections
    );
    println!(
        "precision {precision:.3}  recall {recall:.3}  granularity {granularity:.3}  plagdet {plagdet:.3}"
    );
    println!(
        "  precision over all detected characters (not per detection): {:.3}",
        t.detected_chars_in_spans as f64 / t.detected_chars.max(1) as f64
    );
    for (kind, (sum, n)) in &t.per_kind {
        println!(
            "  recall on {kind:<11} spans (n={n:>3}): {:.3}",
            sum / *n as f64
        );
    }
    println!(
        "independent or not-derived pairs with a passage finding: {} of {}",
        t.independent_alarms, t.independent_pairs
    );
    let docs = &t.documents;
    let derived = |label: &str| label != "not";
    let count = |f: &dyn Fn(&(String, String, bool)) -> bool| docs.iter().filter(|d| f(d)).count();
    let pr = |predicted: &dyn Fn(&(String, String, bool)) -> bool| {
        let tp = count(&|d| derived(&d.0) && predicted(d));
        let fp = count(&|d| !derived(&d.0) && predicted(d));
        let fn_ = count(&|d| derived(&d.0) && !predicted(d));
        let p = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            1.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f1)
    };
    let by_verdict = pr(&|d| derived(&d.1));
    let not_derived_alarms = count(&|d| !derived(&d.0) && derived(&d.1));
    if !docs.is_empty() {
        let by_finding = pr(&|d| d.2);
        let exact = count(&|d| d.0 == d.1);
        println!(
            "documents: {} ({} wholly, {} partially, {} not)",
            docs.len(),
            count(&|d| d.0 == "wholly"),
            count(&|d| d.0 == "partially"),
            count(&|d| d.0 == "not")
        );
        println!(
            "  derived by summary.reuse verdict: precision {:.3}  recall {:.3}  F1 {:.3}",
            by_verdict.0, by_verdict.1, by_verdict.2
        );
        println!(
            "  derived by any copy finding:      precision {:.3}  recall {:.3}  F1 {:.3}",
            by_finding.0, by_finding.1, by_finding.2
        );
        for level in ["wholly", "partially", "not"] {
            println!(
                "  labelled {level:<9}: verdict wholly {:>2}, partially {:>2}, not {:>2}",
                count(&|d| d.0 == level && d.1 == "wholly"),
                count(&|d| d.0 == level && d.1 == "partially"),
                count(&|d| d.0 == level && d.1 == "not"),
            );
        }
        println!(
            "  three-way verdict accuracy {:.3}; wholly derived with no copy finding: {} of {}",
            exact as f64 / docs.len() as f64,
            count(&|d| d.0 == "wholly" && !d.2),
            count(&|d| d.0 == "wholly")
        );
    }
    Scores {
        pairs: paths.len(),
        precision,
        plagdet,
        independent_pairs: t.independent_pairs,
        independent_alarms: t.independent_alarms,
        derived_precision: by_verdict.0,
        derived_recall: by_verdict.1,
        not_derived_alarms,
    }
}

#[test]
fn copy_detection_plagdet() {
    let s = score("tests/copy");
    assert!(s.pairs >= 40, "the labelled set needs at least 40 pairs");
    assert_eq!(
        s.independent_alarms, 0,
        "independent texts on the same story must raise nothing"
    );
    assert!(
        s.plagdet >= PLAGDET_FLOOR,
        "plagdet {:.3} fell below {PLAGDET_FLOOR}",
        s.plagdet
    );
    assert!(
        s.precision >= PRECISION_FLOOR,
        "precision {:.3}",
        s.precision
    );
}

/// The thresholds were chosen on `tests/copy`; this set was written apart from them, to show
/// whether they carry over.
#[test]
fn held_out_copy_detection() {
    let s = score("tests/copy-holdout");
    assert!(s.independent_pairs >= 8);
    assert_eq!(
        s.independent_alarms, 0,
        "independent texts on the same story must raise nothing"
    );
    assert!(
        s.plagdet >= HOLDOUT_PLAGDET_FLOOR,
        "plagdet {:.3} fell below {HOLDOUT_PLAGDET_FLOOR}",
        s.plagdet
    );
    assert!(
        s.precision >= PRECISION_FLOOR,
        "precision {:.3}",
        s.precision
    );
}

/// Wire stories and newspaper rewrites labelled wholly / partially / not derived by
/// journalists' standards. The derivation levels were calibrated on `tuned/`.
#[test]
fn derived_tuned() {
    let s = score("tests/copy-derived/tuned");
    assert!(s.pairs >= 30);
    assert_eq!(
        s.not_derived_alarms, 0,
        "a not-derived rewrite was called derived"
    );
    assert!(s.derived_precision >= DERIVED_PRECISION_FLOOR);
    assert!(
        s.derived_recall >= DERIVED_RECALL_FLOOR,
        "recall {:.3}",
        s.derived_recall
    );
    assert!(
        s.plagdet >= DERIVED_PLAGDET_FLOOR,
        "plagdet {:.3}",
        s.plagdet
    );
}

/// Written apart from the calibration, and never tuned on.
#[test]
fn derived_held_out() {
    let s = score("tests/copy-derived/holdout");
    assert!(s.pairs >= 18);
    assert!(
        s.derived_precision >= HOLDOUT_DERIVED_PRECISION_FLOOR,
        "precision {:.3}",
        s.derived_precision
    );
    assert!(
        s.derived_recall >= HOLDOUT_DERIVED_RECALL_FLOOR,
        "recall {:.3}",
        s.derived_recall
    );
    assert!(
        s.plagdet >= HOLDOUT_DERIVED_PLAGDET_FLOOR,
        "plagdet {:.3}",
        s.plagdet
    );
}

/// Under the measured figures (tuned: derived precision 1.000, recall 0.975, plagdet 0.810;
/// held out: 1.000, 0.950, 0.807), so that a regression fails the build.
const DERIVED_PRECISION_FLOOR: f64 = 0.95;
const DERIVED_RECALL_FLOOR: f64 = 0.9;
const DERIVED_PLAGDET_FLOOR: f64 = 0.79;
const HOLDOUT_DERIVED_PRECISION_FLOOR: f64 = 0.9;
const HOLDOUT_DERIVED_RECALL_FLOOR: f64 = 0.85;
const HOLDOUT_DERIVED_PLAGDET_FLOOR: f64 = 0.8;

/// A little under the measured figures (0.765 and 0.511; precision 0.955 and 0.961), so that
/// a regression fails the build. The held-out figure is low because most of its spans are
/// paraphrase, which word overlap cannot see (docs/copy.md).
const PLAGDET_FLOOR: f64 = 0.73;
const HOLDOUT_PLAGDET_FLOOR: f64 = 0.49;
/// Detections outside labelled spans are the false alarms writers would see.
const PRECISION_FLOOR: f64 = 0.9;

/// Hard-wraps every paragraph of `text` at `width` columns, as wire copy and e-mail are, keeping
/// Markdown headings and list items as they are.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for paragraph in text.trim_end().split("\n\n") {
        if paragraph.starts_with(['#', '-', '*']) {
            out.push(paragraph.to_string());
            continue;
        }
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
        out.push(lines.join("\n"));
    }
    out.join("\n\n") + "\n"
}

/// The copy findings of `rewrite` against `original`, as (rule, flagged words), whitespace
/// folded so that wrapped and unwrapped text compare.
fn copy_findings(name: &str, rewrite: &str, original: &str) -> Vec<(String, String)> {
    let original = wire(original);
    let (_, findings) = check_text_with(name, rewrite, &Settings::builtin(), &[original]);
    findings
        .iter()
        .filter(|f| COPY_RULES.contains(&f.rule.as_str()))
        .map(|f| {
            let words: Vec<&str> = rewrite[f.span.clone()].split_whitespace().collect();
            (f.rule.clone(), words.join(" "))
        })
        .collect()
}

/// A copied passage continues across the line breaks of hard-wrapped text, in the article and
/// in the original: wrapping either changes no finding.
#[test]
fn hard_wrapped_copies_give_the_same_findings() {
    let mut compared = 0;
    for entry in std::fs::read_dir("tests/copy").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let pair: Pair = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let wrapped_original = hard_wrap(&pair.original, 70);
        let wrapped_rewrite = hard_wrap(&pair.rewrite, 70);
        // As Markdown, and as plain text, whose paragraphs the article model may take line by
        // line.
        for name in ["rewrite.md", "rewrite.txt"] {
            let plain = copy_findings(name, &pair.rewrite, &pair.original);
            for (rewrite, original, what) in [
                (&pair.rewrite, &wrapped_original, "original"),
                (&wrapped_rewrite, &pair.original, "rewrite"),
                (&wrapped_rewrite, &wrapped_original, "both"),
            ] {
                let wrapped = copy_findings(name, rewrite, original);
                assert_eq!(
                    plain,
                    wrapped,
                    "{} as {name}: {what} hard-wrapped changes the findings",
                    path.display()
                );
            }
            compared += 1;
        }
    }
    assert!(compared >= 80);
}

#[derive(Deserialize)]
struct DerivedPair {
    level: String,
    original: String,
    rewrite: String,
}

#[test]
#[ignore = "calibration: cargo test --test copy_scores derived_features -- --ignored --nocapture"]
fn derived_features() {
    let dir = std::env::var("DERIVED_DIR").unwrap_or("tests/copy-derived/tuned".into());
    let paths = pair_files(&dir);
    for path in paths {
        let pair: DerivedPair =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let original = wire(pair.original.as_str());
        let (analysis, findings) = check_text_with(
            "rewrite.md",
            &pair.rewrite,
            &Settings::builtin(),
            &[original],
        );
        let copies = findings
            .iter()
            .filter(|f| COPY_RULES.contains(&f.rule.as_str()))
            .count();
        let d = &analysis.overlaps.matches[0].derivation;
        println!(
            "{:<10} {:<45} share {:.2} ({:>2}/{:>2}) contain {:.2} longest {:>3} copies {:>2}",
            pair.level,
            path.file_name().unwrap().to_string_lossy(),
            d.share(),
            d.following,
            d.sentences,
            d.containment,
            d.longest_run,
            copies
        );
    }
}

/// Every article sentence of the pairs in `PARAPHRASE_DIRS` (default: the tuned sets) with the
/// original sentence that keeps most of its wording and the measures of close paraphrase, as
/// tab-separated lines, labelled with the kind of span it lies in (`indep` in independent and
/// not-derived pairs, `none` outside spans): what the paraphrase levels are chosen from.
#[test]
#[ignore = "calibration: cargo test --release --test copy_scores paraphrase_features -- --ignored --nocapture"]
fn paraphrase_features() {
    let dirs =
        std::env::var("PARAPHRASE_DIRS").unwrap_or("tests/copy tests/copy-derived/tuned".into());
    let stopwords = fairlint::align::stopwords();
    for dir in dirs.split_whitespace() {
        let paths = pair_files(dir);
        for path in paths {
            let pair: Pair =
                serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let original = wire(pair.original.as_str());
            let text = &pair.rewrite;
            let (analysis, findings) =
                check_text_with("rewrite.md", text, &Settings::builtin(), &[original]);
            let o = &analysis.overlaps;
            let Some(m) = o.matches.first() else { continue };
            let orig = &o.originals[m.original];
            let sentences = &o.sentences;
            let pairs = fairlint::align::sentence_pairs(
                &fairlint::align::Sentences::new(text, &o.words, sentences),
                &fairlint::align::Sentences::new(&orig.original.text, &orig.words, &orig.sentences),
                &stopwords,
            );
            let negative =
                pair.kind.as_deref() == Some("independent") || pair.level.as_deref() == Some("not");
            let spans: Vec<(Range<usize>, &str)> = pair
                .spans
                .iter()
                .flatten()
                .map(|s| {
                    let at = text.find(&s.rewrite).unwrap();
                    (at..at + s.rewrite.len(), s.kind.as_str())
                })
                .collect();
            for p in pairs {
                let bytes = o.bytes(&p.article);
                let label = if negative {
                    "indep".to_string()
                } else if pair.spans.is_none() {
                    format!("doc-{}", pair.level.as_deref().unwrap_or("?"))
                } else {
                    spans
                        .iter()
                        .find(|(r, _)| 2 * overlap(r, &bytes) >= bytes.len())
                        .map_or("none".to_string(), |(_, k)| k.to_string())
                };
                let found = findings.iter().any(|f| {
                    PASSAGE_RULES.contains(&f.rule.as_str())
                        && 2 * overlap(&f.span, &bytes) >= bytes.len()
                });
                let osent = orig
                    .sentences
                    .iter()
                    .position(|r| *r == p.original)
                    .unwrap_or(0);
                let asent = sentences.iter().position(|r| *r == p.article).unwrap_or(0);
                println!(
                    "ROW\t{}\t{label}\t{asent}\t{osent}\t{}\t{:.3}\t{}\t{:.3}\t{:.3}\t{}\t{}\t{:.3}\t{:.3}",
                    path.display(),
                    p.kept,
                    p.kept_share,
                    p.wording,
                    p.content_overlap,
                    p.score,
                    u8::from(found),
                    p.article.len(),
                    m.derivation.share(),
                    m.derivation.containment,
                );
            }
        }
    }
}

/// One generated verbatim-reuse case: an article of the writer's own paragraphs with a stretch
/// of the original's paragraphs copied into it, and where that stretch lies (characters).
struct ReuseCase {
    original: String,
    article: String,
    copied: Range<usize>,
}

/// Verbatim reuse as the public benchmarks build it: a passage of 1 to 4 paragraphs of the
/// original (starting and ending mid-paragraph at a sentence) copied word for word into an
/// article of other paragraphs, a third of the pairs hard-wrapped at 70 columns. The text is
/// drawn from `align::testgen`'s news vocabulary, so the article's own paragraphs share words
/// and stock phrases with the original, as reports of one story do.
fn verbatim_reuse_case(seed: u64) -> ReuseCase {
    use fairlint::align::testgen::Writer;
    let mut writer = Writer::new(0x5eed_0000 + seed);
    let sentences = |text: String| -> Vec<String> {
        text.split(". ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("{}.", s.trim_end_matches('.')))
            .collect()
    };
    let original: Vec<Vec<String>> = (0..10).map(|_| sentences(writer.text(90))).collect();
    let first = 2 + (seed as usize % 4);
    let span = 1 + (seed as usize / 4) % 4;
    let mut copied: Vec<Vec<String>> = original[first..first + span].to_vec();
    // Start after the first sentence of the first paragraph, end before the last sentence of
    // the last (a paragraph keeps at least one sentence).
    if copied[0].len() > 1 {
        copied[0].remove(0);
    }
    let last = copied.len() - 1;
    if copied[last].len() > 1 {
        copied[last].pop();
    }
    let own: Vec<Vec<String>> = (0..6).map(|_| sentences(writer.text(80))).collect();
    let join = |paragraphs: &[Vec<String>]| -> String {
        paragraphs
            .iter()
            .map(|p| p.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let wrapped = seed.is_multiple_of(3);
    let layout = |text: String| {
        if wrapped {
            hard_wrap(&text, 70)
        } else {
            text + "\n"
        }
    };
    let before = join(&own[..3]) + "\n\n";
    let passage = join(&copied);
    let after = "\n\n".to_string() + &join(&own[3..]);
    let article = layout(format!("{before}{passage}{after}"));
    let passage = if wrapped {
        hard_wrap(&passage, 70).trim_end().to_string()
    } else {
        passage
    };
    let at = article
        .find(&passage)
        .expect("the copied passage is in the article");
    ReuseCase {
        original: layout(join(&original)),
        copied: char_offset(&article, at)..char_offset(&article, at + passage.len()),
        article,
    }
}

/// A verbatim passage copied over several paragraphs is one finding, with a granularity of 1
/// (PAN: the detections per detected case), in plain and hard-wrapped text.
#[test]
fn verbatim_reuse_over_paragraphs_is_one_finding() {
    const CASES: u64 = 48;
    let (mut recall, mut precision, mut detections, mut granularity) = (0.0, 0.0, 0, 0);
    for seed in 0..CASES {
        let case = verbatim_reuse_case(seed);
        let original = wire(&case.original);
        let (_, findings) = check_text_with(
            "article.txt",
            &case.article,
            &Settings::builtin(),
            &[original],
        );
        let found: Vec<Range<usize>> = findings
            .iter()
            .filter(|f| PASSAGE_RULES.contains(&f.rule.as_str()))
            .map(|f| {
                char_offset(&case.article, f.span.start)..char_offset(&case.article, f.span.end)
            })
            .collect();
        let hitting: Vec<Range<usize>> = found
            .iter()
            .filter(|d| overlap(d, &case.copied) > 0)
            .cloned()
            .collect();
        recall += covered(&case.copied, &hitting) as f64 / case.copied.len() as f64;
        granularity += hitting.len();
        for d in &found {
            precision += covered(d, std::slice::from_ref(&case.copied)) as f64 / d.len() as f64;
            detections += 1;
        }
    }
    let recall = recall / CASES as f64;
    let precision = precision / detections.max(1) as f64;
    let granularity = granularity as f64 / CASES as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    let plagdet = f1 / (1.0 + granularity).log2();
    println!(
        "\nverbatim reuse over 1-4 paragraphs ({CASES} generated pairs): precision {precision:.3}  \
         recall {recall:.3}  granularity {granularity:.3}  plagdet {plagdet:.3}"
    );
    assert!(granularity <= 1.0 + 1e-9, "granularity {granularity:.3}");
    assert!(plagdet >= 0.95, "plagdet {plagdet:.3}");
}
