//! What hovering over a finding or a claim shows: the finding with its hint, who the claim is
//! attributed to, and the source-list entry that backs it (or the original passage, for copy
//! findings), so the editor answers "where did this come from?" without leaving the text.

use std::fmt::Write as _;

use crate::attribution::Status;
use crate::check::Analysis;
use crate::claims::ClaimKind;
use crate::finding::Finding;

/// Markdown for the hover at byte `offset`, or `None` when there is nothing to say there.
pub(crate) fn hover_text(
    analysis: &Analysis,
    findings: &[Finding],
    offset: usize,
) -> Option<String> {
    let mut out = String::new();
    let touches = |span: &std::ops::Range<usize>| {
        span.start <= offset && offset <= span.end.max(span.start + 1)
    };
    for finding in findings.iter().filter(|f| touches(&f.span)) {
        let _ = writeln!(
            out,
            "**{}** ({}): {}",
            finding.rule,
            finding.severity.as_str(),
            finding.message
        );
        if let Some(help) = &finding.help {
            let _ = writeln!(out, "\n{help}");
        }
        for related in &finding.related {
            let similarity = related
                .similarity
                .map_or(String::new(), |s| format!(", similarity {:.0}%", s * 100.0));
            let _ = writeln!(
                out,
                "\n> {}\n\n— {}{similarity}",
                related.text.trim(),
                related.path
            );
        }
        if finding.rule == "source-unlisted" {
            let _ = writeln!(out, "\n{}", list_summary(analysis));
        }
        out.push_str("\n---\n\n");
    }
    if let Some((claim, at)) = analysis
        .claims
        .iter()
        .zip(&analysis.attributions.claims)
        .find(|(c, _)| touches(&c.span))
    {
        let kind = match claim.kind {
            ClaimKind::Quote => "Quote",
            ClaimKind::Figure => "Figure",
        };
        let cue = at.cue.map(|i| &analysis.attributions.cues[i]);
        let speaker = cue
            .and_then(|c| c.speaker.as_ref())
            .or(at.subject.as_ref())
            .map(|m| m.text.as_str());
        let outlet = cue.and_then(|c| c.outlet.as_ref()).map(|m| m.text.as_str());
        let status = match at.status {
            Status::Named => "named source",
            Status::Vague => "vague source",
            Status::None => "no attribution",
        };
        let _ = write!(
            out,
            "**{kind}** “{}” — {status}",
            claim.text(&analysis.article.source)
        );
        if let Some(speaker) = speaker {
            let _ = write!(out, ": {speaker}");
        }
        if let Some(outlet) = outlet {
            let _ = write!(out, " (via {outlet})");
        }
        out.push('\n');
        for name in speaker.into_iter().chain(outlet) {
            if let Some(i) = analysis.names.find_entry(&analysis.list, name) {
                let entry = &analysis.list.entries[i];
                let _ = write!(out, "\nSource list: **{}**", entry.name);
                if let Some(title) = &entry.title {
                    let _ = write!(out, " — {title}");
                }
                if let Some(url) = &entry.url {
                    let _ = write!(out, " <{url}>");
                }
                out.push('\n');
            }
        }
    }
    let out = out
        .trim_end()
        .trim_end_matches("---")
        .trim_end()
        .to_string();
    (!out.is_empty()).then_some(out)
}

fn list_summary(analysis: &Analysis) -> String {
    if analysis.list.entries.is_empty() {
        return "The article has no source list yet.".into();
    }
    let names: Vec<&str> = analysis
        .list
        .entries
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    format!("Source list: {}", names.join("; "))
}
