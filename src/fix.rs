//! Applying the fixes that findings carry to an article's text, for `check --fix` and `--diff`.
//! As ruff does: one pass takes the fixes (in the findings' order) whose edits neither overlap
//! nor touch an edit already taken, applies them from the end of the text so that no offset
//! moves under another, and the text is checked again; a fix left out meets the next pass's
//! findings, made against the new text. Passes stop when nothing is left to apply.

use std::ops::Range;
use std::sync::Arc;

use crate::finding::{Edit, Finding};

/// Passes before fixing gives up: each pass settles every fix that did not collide with another,
/// so a few suffice; the bound stops a fix that never settles its finding from looping.
pub const MAX_PASSES: usize = 10;

/// The text with one pass of fixes applied, and how many findings the pass settles (0: nothing
/// to apply). Two findings with the same fix (one outlet cited twice) are both settled by it.
pub fn apply(source: &str, findings: &[Finding]) -> (String, usize) {
    let mut taken: Vec<&[Edit]> = Vec::new();
    let mut settled = 0;
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        let edits = fix.edits.as_slice();
        if edits.is_empty() || !edits.iter().all(|e| fits(source, &e.range)) {
            continue;
        }
        if taken.contains(&edits) {
            settled += 1;
            continue;
        }
        let collides = taken
            .iter()
            .flat_map(|t| t.iter())
            .any(|t| edits.iter().any(|e| touch(&t.range, &e.range)));
        if collides {
            continue;
        }
        taken.push(edits);
        settled += 1;
    }
    let mut edits: Vec<&Edit> = taken.into_iter().flatten().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut text = source.to_string();
    for edit in edits {
        text.replace_range(edit.range.clone(), &edit.text);
    }
    (text, settled)
}

/// The range lies in `source` on character boundaries: an edit made against another text (a
/// stale one) is skipped rather than allowed to split a character.
fn fits(source: &str, range: &Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= source.len()
        && source.is_char_boundary(range.start)
        && source.is_char_boundary(range.end)
}

/// Two edits overlap or meet at a point: which goes first would change the result, so only one
/// is taken per pass (two insertions at the end of a `Sources:` line, for one).
fn touch(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Where fixing one article ended: its text, the last check of it, and how many findings the
/// fixes settled on the way.
pub struct Settled<R> {
    pub text: Arc<str>,
    pub report: R,
    pub fixed: usize,
}

/// Applies passes of fixes to `text` (checked as `report`), checking the new text with `check`
/// after each, until a pass has nothing to apply or [`MAX_PASSES`] have run.
pub fn settle<R>(
    text: Arc<str>,
    report: R,
    findings: impl Fn(&R) -> &[Finding],
    mut check: impl FnMut(Arc<str>) -> R,
) -> Settled<R> {
    let mut settled = Settled {
        text,
        report,
        fixed: 0,
    };
    for _ in 0..MAX_PASSES {
        let (text, count) = apply(&settled.text, findings(&settled.report));
        if count == 0 || *text == *settled.text {
            break;
        }
        settled.fixed += count;
        settled.text = Arc::from(text);
        settled.report = check(settled.text.clone());
    }
    settled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;
    use crate::config::Settings;
    use crate::finding::Fix;

    fn with_fix(edits: &[(Range<usize>, &str)]) -> Finding {
        let mut finding = crate::checks::draft(0..1, "m".into(), "l", None);
        finding.fix = Some(Fix {
            title: "t".into(),
            edits: edits
                .iter()
                .map(|(range, text)| Edit {
                    range: range.clone(),
                    text: text.to_string(),
                })
                .collect(),
        });
        finding
    }

    #[test]
    fn edits_apply_from_the_end_and_colliding_ones_wait() {
        let findings = [
            with_fix(&[(0..1, "A")]),
            with_fix(&[(4..4, "!")]),
            with_fix(&[(1..2, "x")]),   // touches 0..1: next pass
            with_fix(&[(4..4, "!")]),   // the same fix: settled by the first
            with_fix(&[(9..12, "no")]), // past the end: skipped
        ];
        let (text, settled) = apply("abcd", &findings);
        assert_eq!(text, "Abcd!");
        assert_eq!(settled, 3);
    }

    #[test]
    fn a_fix_that_splits_a_character_is_skipped() {
        let (text, settled) = apply("é", &[with_fix(&[(1..1, "x")])]);
        assert_eq!((text.as_str(), settled), ("é", 0));
    }

    #[test]
    fn every_unlisted_outlet_is_added_over_passes() {
        let text = "Talks stalled, Al Jazeera reported. Prices rose, the BBC reported.\n\n\
                    Sources: Reuters\n";
        let settings = Settings::builtin();
        let check = |text: Arc<str>| check_text("a.md", &text, &settings).1;
        let first = check(Arc::from(text));
        assert_eq!(
            first.iter().filter(|f| f.rule == "source-unlisted").count(),
            2
        );
        let settled = settle(Arc::from(text), first, |f| f.as_slice(), check);
        assert_eq!(settled.fixed, 2);
        assert!(
            settled.text.contains("Sources: Reuters, Al Jazeera, BBC\n"),
            "{}",
            settled.text
        );
        assert!(!settled.report.iter().any(|f| f.rule == "source-unlisted"));
    }
}
