//! Precision of the attribution rules on real rewritten news nobody on this project wrote: the
//! 101 public-domain Wikinews articles in `../shared/data/wikinews/`. Every finding fairlint
//! makes there was judged by hand, as a standards editor would, in
//! `tests/real/wikinews-judged.tsv` (article, rule, byte offset, verdict, a reason in our own
//! words: no sentence of the articles is copied). This test checks the articles again, looks each
//! finding up, prints per-rule precision for the tuned part (wn000–wn049) and the held-back part
//! (wn050 and up) and asserts floors. A finding nobody judged yet fails the test with its place,
//! so a change that makes new findings is judged before it lands.
//!
//! `cargo test --release --test wikinews -- --nocapture` prints the table.

use std::collections::{BTreeMap, HashMap};

use fairlint::check::check_text;
use fairlint::config::Settings;

const DIR: &str = "../shared/data/wikinews";
const JUDGED: &str = "tests/real/wikinews-judged.tsv";

/// Every rule is judged here, a new one included, with no list to keep: its findings must be
/// judged, and its precision over both parts must reach the goal, 0.90, unless it has a floor
/// below. Where the measured figure is below the goal, the floor sits just under the
/// measurement so a regression fails, and the gap is tracked in the issue.
const GOAL: f64 = 0.90;

/// Precision floors below the goal; a rule with no findings has nothing to assert.
const FLOORS: &[(&str, f64)] = &[
    // 3 findings left of 32 at 78100fa, none right: see the issue note.
    ("quote-unattributed", 0.0),
    // 42/80 (0.525) and 14/23 (0.609) over both parts on 2026-12-02.
    ("figure-unattributed", 0.50),
    ("attribution-vague", 0.58),
    ("source-unlisted", 0.35),
];

#[derive(Default, Clone, Copy)]
struct Count {
    right: usize,
    wrong: usize,
}

impl Count {
    fn precision(self) -> Option<f64> {
        let n = self.right + self.wrong;
        (n > 0).then(|| self.right as f64 / n as f64)
    }
}

fn judged() -> HashMap<(String, String, usize), bool> {
    let text = std::fs::read_to_string(JUDGED).expect("the judged findings file");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(
                cols.len() >= 4,
                "{JUDGED}: a line needs 4 columns: {line:?}"
            );
            let byte: usize = cols[2].parse().expect("a byte offset");
            let verdict = match cols[3] {
                "right" => true,
                "wrong" => false,
                other => panic!("{JUDGED}: verdict must be right or wrong, got {other:?}"),
            };
            ((cols[0].to_string(), cols[1].to_string(), byte), verdict)
        })
        .collect()
}

fn print(name: &str, counts: &BTreeMap<String, Count>) {
    println!("\n== Wikinews {name}");
    println!(
        "{:<22} {:>8} {:>6} {:>10}",
        "rule", "findings", "right", "precision"
    );
    for (rule, c) in counts {
        let p = c.precision().map_or("-".to_string(), |p| format!("{p:.3}"));
        println!("{rule:<22} {:>8} {:>6} {p:>10}", c.right + c.wrong, c.right);
    }
}

#[test]
fn judged_precision_on_wikinews() {
    let Ok(entries) = std::fs::read_dir(DIR) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{DIR} is missing; CI has ../shared beside the checkout"
        );
        println!("{DIR} not found: skipped");
        return;
    };
    let mut paths: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "all articles are read");
    let judged = judged();
    let settings = Settings::builtin();
    let mut tuned: BTreeMap<String, Count> = BTreeMap::new();
    let mut held: BTreeMap<String, Count> = BTreeMap::new();
    let mut unjudged = Vec::new();
    for path in &paths {
        let id = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let (_, findings) = check_text(&path.display().to_string(), &text, &settings);
        let held_back = id.as_str() >= "wn050";
        for finding in findings {
            let key = (id.clone(), finding.rule.clone(), finding.span.start);
            let Some(&right) = judged.get(&key) else {
                unjudged.push(format!(
                    "{id}\t{}\t{}\t{}",
                    finding.rule, finding.span.start, finding.message
                ));
                continue;
            };
            let counts = if held_back { &mut held } else { &mut tuned };
            let c = counts.entry(finding.rule.clone()).or_default();
            if right {
                c.right += 1;
            } else {
                c.wrong += 1;
            }
        }
    }
    print("held back (wn050 and up)", &held);
    print("tuned (wn000-wn049)", &tuned);
    assert!(
        unjudged.is_empty(),
        "{} finding(s) not judged yet; add them to {JUDGED}:\n{}",
        unjudged.len(),
        unjudged.join("\n")
    );
    let rules: std::collections::BTreeSet<&String> = tuned.keys().chain(held.keys()).collect();
    for rule in rules {
        let floor = FLOORS
            .iter()
            .find(|(r, _)| r == rule)
            .map_or(GOAL, |(_, f)| *f);
        let total = Count {
            right: tuned.get(rule).map_or(0, |c| c.right) + held.get(rule).map_or(0, |c| c.right),
            wrong: tuned.get(rule).map_or(0, |c| c.wrong) + held.get(rule).map_or(0, |c| c.wrong),
        };
        if let Some(p) = total.precision() {
            assert!(p >= floor, "{rule}: precision {p:.3} < {floor}");
        }
    }
}
