//! `--format html` and `fairlint report`: the provenance report as one page that an editor would
//! rather look at than read. Each article is shown as fairlint read it (Markdown markup and front
//! matter left out), every quote and figure marked by its attribution status with the attribution
//! on hover, the findings in the margin beside their paragraph, each copy finding's passage beside
//! the original with the shared words marked, and a small chart of how much of each original the
//! article reused. Several articles make one page with a section each, so that `-o report.html`
//! always means one file to open or attach.
//!
//! Articles, originals, paths and messages come from pull requests: everything from input goes
//! through [`escape`]. The page has no script at all and its Content-Security-Policy forbids
//! loading anything, so it works offline, and text that slipped through could still not run or
//! call home.

use std::collections::HashSet;
use std::io::{self, Write};
use std::ops::Range;

use crate::attribution::Status;
use crate::check::Analysis;
use crate::claims::ClaimKind;
use crate::emit::claims::{ClaimOut, claim_out};
use crate::finding::{Finding, Related};
use crate::report::{FileReport, Reuse, RunReport, Summary, plural_of};
use crate::visible;

const STYLE: &str = include_str!("html.css");

/// Nothing may be fetched or run: styles are inline, images (none today) could only be data.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The page needs the run's summary and a table of contents above the first article, so each
/// article's section is rendered as its file completes (the file's report is then dropped)
/// and the page is written once the last one is in.
#[derive(Default)]
pub(crate) struct Stream {
    sections: String,
    /// Each article's path and counts, for the contents.
    entries: Vec<(String, String)>,
}

impl super::Emitter for Stream {
    fn file(&mut self, file: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let number = self.entries.len() + 1;
        file_section(&mut self.sections, number, file);
        self.entries
            .push((file.path.clone(), file_counts(&file_summary(file))));
        Ok(())
    }

    fn end(&mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let mut html = String::new();
        head(&mut html, &self.entries);
        html.push_str("<body>\n");
        header(&mut html, summary, &self.entries);
        out.write_all(html.as_bytes())?;
        out.write_all(self.sections.as_bytes())?;
        out.write_all(
            "<footer class=\"ui\">Made by fairlint. This page is self-contained: it loads nothing.</footer>\n</body>\n</html>\n"
                .as_bytes(),
        )
    }
}

/// The whole page for a run at once.
pub fn page(report: &RunReport) -> String {
    use super::Emitter;
    let mut out = Vec::new();
    let mut page = Stream::default();
    // Writing to a Vec cannot fail.
    let _ = page.begin(&mut out);
    for file in &report.files {
        let _ = page.file(file, &mut out);
    }
    let _ = page.end(&report.summary(), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A one-line field from input (a path, a message, a name) as HTML text or an attribute value:
/// the characters that open markup or end an attribute become entities, and control and bidi
/// characters, line breaks included, are shown as their codes as every text emitter shows them,
/// so that nothing reads differently from its bytes and no line of the page starts where the
/// input chose (a CI log that prints the file must not see a forged `::error`).
pub fn escape(text: &str) -> String {
    escape_with(text, |c| visible::code(c).into())
}

/// Prose from input (an article's or an original's text): as [`escape`], but a line break is a
/// space, which is all it is in HTML.
pub(crate) fn escape_text(text: &str) -> String {
    escape_with(text, |c| match c {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => " ".into(),
        c => visible::code(c).into(),
    })
}

fn escape_with(text: &str, hidden: impl Fn(char) -> std::borrow::Cow<'static, str>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push(c),
            c if visible::is_hidden(c) => out.push_str(&hidden(c)),
            c => out.push(c),
        }
    }
    out
}

fn head(html: &mut String, entries: &[(String, String)]) {
    let title = match entries {
        [(path, _)] => format!("Provenance report: {path}"),
        entries => format!("Provenance report: {}", plural_of(entries.len(), "article")),
    };
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n",
        escape(&title)
    ));
}

/// What the marks mean, in words and symbols as well as colour.
const LEGEND: &str = "<p class=\"legend\">\
<span><mark class=\"claim named key\">named</mark> a named source</span>\
<span><mark class=\"claim vague key\">vague</mark> a vague source (“officials”)</span>\
<span><mark class=\"claim none key\">none</mark> no source at all</span>\
<span><mark class=\"claim term key\">term</mark> a title or term: needs no source</span>\
<span><span class=\"copied key\">copied</span> comes from an original</span>\
<span>Hover over (or tab to) a mark for its attribution.</span></p>\n";

fn header(html: &mut String, summary: &Summary, entries: &[(String, String)]) {
    let line = summary.line();
    let first = line.lines().next().unwrap_or_default();
    html.push_str("<header class=\"page\">\n<h1>Provenance report</h1>\n");
    html.push_str(&format!("<p class=\"summary\">{}</p>\n", escape(first)));
    html.push_str(LEGEND);
    if entries.len() > 1 {
        contents(html, entries);
    }
    html.push_str("</header>\n");
}

/// With several articles: a list linking to each one's section.
fn contents(html: &mut String, entries: &[(String, String)]) {
    html.push_str("<nav><ol>\n");
    for (index, (path, counts)) in entries.iter().enumerate() {
        html.push_str(&format!(
            "<li><a href=\"#article-{}\">{}</a>: {}</li>\n",
            index + 1,
            escape(path),
            escape(counts)
        ));
    }
    html.push_str("</ol></nav>\n");
}

fn file_summary(file: &FileReport) -> Summary {
    let mut summary = Summary::default();
    summary.add(file);
    summary.finish();
    summary
}

/// "6 quotes, 5 figures: 6 named, 3 vague, 2 without a source; 3 errors, 4 warnings, 0 infos"
fn file_counts(s: &Summary) -> String {
    if s.files == 0 {
        return "could not be checked".to_string();
    }
    format!(
        "{}, {}: {} named, {} vague, {} without a source; {}, {}, {}",
        plural_of(s.quotes, "quote"),
        plural_of(s.figures, "figure"),
        s.attributed,
        s.vague,
        s.unattributed,
        plural_of(s.errors, "error"),
        plural_of(s.warnings, "warning"),
        plural_of(s.infos, "info"),
    )
}

fn file_section(html: &mut String, number: usize, file: &FileReport) {
    let summary = file_summary(file);
    html.push_str(&format!(
        "<section class=\"article\" id=\"article-{number}\">\n<h2>{}</h2>\n<p class=\"counts\">{}</p>\n",
        escape(&file.path),
        escape(&file_counts(&summary))
    ));
    problems(html, file);
    if let Some(analysis) = &file.analysis {
        let pairs = Pairs::of(number, &file.findings);
        let places = Places::of(analysis, &file.findings);
        general_findings(html, analysis, &file.findings, &places, &pairs);
        article_text(html, analysis, &file.findings, &places, &pairs);
        beside_originals(html, analysis, &file.findings, &pairs);
        reuse_chart(html, &summary.reuse);
    }
    html.push_str("</section>\n");
}

/// Input problems (not findings): what could not be read, and where.
fn problems(html: &mut String, file: &FileReport) {
    if file.errors.is_empty() {
        return;
    }
    html.push_str("<ul class=\"problems\">\n");
    for error in &file.errors {
        let at = file.error_position(error).map_or(String::new(), |p| {
            format!("line {}, column {}: ", p.line, p.column)
        });
        html.push_str(&format!("<li>{}{}</li>\n", at, escape(&error.message)));
    }
    html.push_str("</ul>\n");
}

/// Findings with a passage beside them, numbered for the links between the margin and the pairs.
struct Pairs {
    article: usize,
    /// Per finding (same order): its pair's number, if it has one.
    numbers: Vec<Option<usize>>,
}

impl Pairs {
    fn of(article: usize, findings: &[Finding]) -> Pairs {
        let mut next = 0;
        let numbers = findings
            .iter()
            .map(|f| {
                if !has_passages(f) {
                    return None;
                }
                next += 1;
                Some(next)
            })
            .collect();
        Pairs { article, numbers }
    }

    fn id(&self, number: usize) -> String {
        format!("article-{}-pair-{number}", self.article)
    }
}

/// Copy findings, and misquotes with the closest wording of the original: passages worth
/// reading side by side. (`figure-not-in-source` lists the original's figures in its message.)
fn has_passages(finding: &Finding) -> bool {
    let compared = is_copy(finding) || finding.rule == "quote-not-in-source";
    compared && finding.related.iter().any(|r| !r.text.trim().is_empty())
}

/// Copying rules mark their passage in the text as well as in the margin.
fn is_copy(finding: &Finding) -> bool {
    finding.rule.starts_with("copy-") || finding.rule == "source-undeclared"
}

/// Where each claim and finding goes, worked out once per article: the page is built in time
/// proportional to the article and its findings, and a file may hold thousands of each.
struct Places {
    /// Per block: the claims marked in it.
    claims: Vec<Vec<usize>>,
    /// Per block: the findings in its margin (those whose span starts in it).
    notes: Vec<Vec<usize>>,
    /// Per block: the copy findings whose passage runs through it.
    copies: Vec<Vec<usize>>,
    /// Findings about the whole article: an empty span, or one outside the text (front matter).
    general: Vec<usize>,
}

impl Places {
    fn of(analysis: &Analysis, findings: &[Finding]) -> Places {
        let blocks = analysis.article.blocks.len();
        let mut places = Places {
            claims: vec![Vec::new(); blocks],
            notes: vec![Vec::new(); blocks],
            copies: vec![Vec::new(); blocks],
            general: Vec::new(),
        };
        for (i, claim) in analysis.claims.iter().enumerate() {
            // A quote running over several paragraphs is marked in each.
            for block in blocks_over(analysis, &claim.span) {
                places.claims[block].push(i);
            }
        }
        for (i, finding) in findings.iter().enumerate() {
            let over = blocks_over(analysis, &finding.span);
            match over.clone().next() {
                Some(first) if !finding.span.is_empty() => places.notes[first].push(i),
                _ => places.general.push(i),
            }
            if is_copy(finding) {
                over.for_each(|block| places.copies[block].push(i));
            }
        }
        places
    }
}

/// The blocks a byte range overlaps: blocks are in text order and do not overlap.
fn blocks_over(analysis: &Analysis, span: &Range<usize>) -> Range<usize> {
    let blocks = &analysis.article.blocks;
    if span.is_empty() {
        return 0..0;
    }
    let first = blocks.partition_point(|b| b.range.end <= span.start);
    let end = blocks.partition_point(|b| b.range.start < span.end);
    first..end.max(first)
}

fn general_findings(
    html: &mut String,
    analysis: &Analysis,
    findings: &[Finding],
    places: &Places,
    pairs: &Pairs,
) {
    if places.general.is_empty() {
        return;
    }
    html.push_str("<div class=\"general\">\n<h3>About the whole article</h3>\n");
    for &i in &places.general {
        note(
            html,
            analysis,
            &findings[i],
            pairs.numbers[i].map(|n| pairs.id(n)),
        );
    }
    html.push_str("</div>\n");
}

/// One finding as a margin note: severity in words, rule, line, message; the help folded away
/// (a note per finding must not stretch its paragraph); a link to the original passage.
fn note(html: &mut String, analysis: &Analysis, finding: &Finding, pair: Option<String>) {
    let article = &analysis.article;
    let at = article.lines.line_col(&article.source, finding.span.start);
    let severity = finding.severity.as_str();
    html.push_str(&format!(
        "<div class=\"note {severity}\" data-rule=\"{rule}\"><p class=\"head\"><span class=\"sev\">{severity}</span> \
         <code>{rule}</code> line {}</p><p>{}</p>",
        at.line,
        escape(&finding.message),
        rule = escape(&finding.rule),
    ));
    if let Some(help) = &finding.help {
        html.push_str(&format!(
            "<details><summary>How to fix</summary><p class=\"help\">{}</p></details>",
            escape(help)
        ));
    }
    if let Some(id) = pair {
        html.push_str(&format!(
            "<p><a href=\"#{id}\">The original beside it ↓</a></p>"
        ));
    }
    html.push_str("</div>\n");
}

/// The article, block by block, each with its findings in the margin.
fn article_text(
    html: &mut String,
    analysis: &Analysis,
    findings: &[Finding],
    places: &Places,
    pairs: &Pairs,
) {
    let article = &analysis.article;
    html.push_str("<div class=\"text\">\n");
    for (index, block) in article.blocks.iter().enumerate() {
        let text = article.text.get(block.range.clone()).unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        html.push_str("<div class=\"row\">");
        let mut marks = claim_marks(analysis, &places.claims[index]);
        marks.extend(copy_marks(findings, &places.copies[index]));
        block_html(html, analysis, index, marks);
        html.push_str("<aside>");
        for &i in &places.notes[index] {
            note(
                html,
                analysis,
                &findings[i],
                pairs.numbers[i].map(|n| pairs.id(n)),
            );
        }
        html.push_str("</aside></div>\n");
    }
    html.push_str("</div>\n");
}

fn block_html(html: &mut String, analysis: &Analysis, index: usize, marks: Vec<Mark>) {
    use crate::document::BlockKind;
    let article = &analysis.article;
    let block = &article.blocks[index];
    let (tag, class) = match block.kind {
        BlockKind::Heading => ("h3", "heading"),
        BlockKind::ListItem => ("p", "item"),
        BlockKind::Paragraph => ("p", "paragraph"),
    };
    let aside = set_apart(analysis, index);
    let class = if aside.is_some() {
        format!("{class} aside-text")
    } else {
        class.to_string()
    };
    html.push_str(&format!("<{tag} class=\"block {class}\">"));
    // Named once, on the first block of the list or disclaimer.
    let first = index == 0 || set_apart(analysis, index - 1) != aside;
    if let Some(kind) = aside.filter(|_| first) {
        html.push_str(&format!("<span class=\"kind\">{kind}</span>"));
    }
    html.push_str(&marked(&article.text, block.range.clone(), marks));
    html.push_str(&format!("</{tag}>"));
}

/// The source list and a fair-use disclaimer are not checked as claims: shown, set apart.
fn set_apart(analysis: &Analysis, index: usize) -> Option<&'static str> {
    if analysis.list.blocks.contains(&index) {
        return Some("source list");
    }
    analysis.article.blocks[index]
        .disclaimer
        .then_some("disclaimer")
}

/// A tag wrapped around a byte range of the text.
struct Mark {
    range: Range<usize>,
    open: String,
    close: &'static str,
}

/// The claims `claims` (indices), marked by kind and status, the attribution in `data-tip`
/// (shown on hover and focus by the style sheet).
fn claim_marks(analysis: &Analysis, claims: &[usize]) -> Vec<Mark> {
    claims
        .iter()
        .filter_map(|&i| Some((analysis.claims.get(i)?, analysis.attributions.claims.get(i)?)))
        .map(|(claim, at)| {
            let out = claim_out(analysis, claim, at);
            let kind = kind_name(claim.kind);
            let status = if claim.term && at.status == Status::None {
                "term"
            } else {
                status_name(at.status)
            };
            Mark {
                range: claim.span.clone(),
                open: format!(
                    "<mark class=\"claim {kind} {status}\" data-kind=\"{kind}\" data-status=\"{status}\" tabindex=\"0\" data-tip=\"{}\">",
                    tip(&out, status).iter().map(|l| escape(l)).collect::<Vec<_>>().join("&#10;")
                ),
                close: "</mark>",
            }
        })
        .collect()
}

fn kind_name(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => "quote",
        ClaimKind::Figure => "figure",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Named => "named",
        Status::Vague => "vague",
        Status::None => "none",
    }
}

/// The attribution as a few lines a person reads on hover.
fn tip(claim: &ClaimOut, status: &str) -> Vec<String> {
    let kind = if claim.kind == ClaimKind::Quote {
        "Quote"
    } else {
        "Figure"
    };
    let at = &claim.attribution;
    let mut lines = vec![match status {
        "named" => format!("{kind}: named source"),
        "vague" => format!("{kind}: vague source"),
        "term" => format!("{kind}: a title or term, which needs no source"),
        _ => format!("{kind}: no source found in its sentence or paragraph"),
    }];
    if let Some(speaker) = &at.speaker {
        lines.push(format!("Speaker: {speaker}"));
    }
    if let Some(outlet) = &at.outlet {
        lines.push(format!("Outlet: {outlet}"));
    }
    if let Some(cue) = &at.cue {
        lines.push(format!(
            "Cue: “{}”",
            cue.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    if at.listable {
        lines.push(if at.listed {
            "On the source list".to_string()
        } else {
            "Not on the source list".to_string()
        });
    }
    lines
}

/// The copied passages, lightly marked in the text; their originals are shown further down.
fn copy_marks(findings: &[Finding], copies: &[usize]) -> Vec<Mark> {
    copies
        .iter()
        .map(|&i| &findings[i])
        .map(|f| Mark {
            range: f.span.clone(),
            open: format!(
                "<span class=\"copied\" data-rule=\"{}\" title=\"{}\">",
                escape(&f.rule),
                escape(&f.message)
            ),
            close: "</span>",
        })
        .collect()
}

/// `text[range]`, escaped, with each mark's tags around its part of the range. Marks open outer
/// first (earlier start, then later end); one that runs past the end of the mark around it is
/// cut there, so that the tags always nest.
fn marked(text: &str, range: Range<usize>, marks: Vec<Mark>) -> String {
    let mut marks: Vec<Mark> = marks
        .into_iter()
        .filter_map(|mut m| {
            m.range = m.range.start.max(range.start)..m.range.end.min(range.end);
            (!m.range.is_empty()).then_some(m)
        })
        .collect();
    marks.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end))
            .cmp(&(b.range.start, std::cmp::Reverse(b.range.end)))
    });
    let slice = |from: usize, to: usize| escape_text(text.get(from..to).unwrap_or_default());
    let mut out = String::new();
    let mut at = range.start;
    let mut open: Vec<(usize, &'static str)> = Vec::new();
    for mark in marks {
        while let Some(&(end, close)) = open.last() {
            if end > mark.range.start {
                break;
            }
            out.push_str(&slice(at, end));
            out.push_str(close);
            at = end;
            open.pop();
        }
        let end = open
            .last()
            .map_or(mark.range.end, |&(outer, _)| mark.range.end.min(outer));
        out.push_str(&slice(at, mark.range.start));
        out.push_str(&mark.open);
        at = mark.range.start;
        open.push((end, mark.close));
    }
    while let Some((end, close)) = open.pop() {
        out.push_str(&slice(at, end));
        out.push_str(close);
        at = end;
    }
    out.push_str(&slice(at, range.end));
    out
}

/// Each finding with an original passage: the article's passage beside it, the words they
/// share marked on both sides.
fn beside_originals(html: &mut String, analysis: &Analysis, findings: &[Finding], pairs: &Pairs) {
    if pairs.numbers.iter().all(Option::is_none) {
        return;
    }
    html.push_str("<h3>Beside the originals</h3>\n<div class=\"pairs\">\n");
    for (finding, number) in findings.iter().zip(&pairs.numbers) {
        if let Some(number) = number {
            pair(html, analysis, finding, &pairs.id(*number));
        }
    }
    html.push_str("</div>\n");
}

fn pair(html: &mut String, analysis: &Analysis, finding: &Finding, id: &str) {
    let article = &analysis.article;
    let line = article
        .lines
        .line_col(&article.source, finding.span.start)
        .line;
    let passage = article.text.get(finding.span.clone()).unwrap_or_default();
    let passage = passage.split_whitespace().collect::<Vec<_>>().join(" ");
    let severity = finding.severity.as_str();
    html.push_str(&format!(
        "<div class=\"pair\" id=\"{id}\" data-rule=\"{rule}\">\n<h4><span class=\"sev\">{severity}</span> \
         <code>{rule}</code> line {line}: {}</h4>\n<div class=\"sides\">\n",
        escape(&finding.message),
        rule = escape(&finding.rule),
    ));
    let originals: Vec<&Related> = finding
        .related
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    let all_original = originals
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    side(
        html,
        "article-side",
        &format!("This article, line {line}"),
        &passage,
        &all_original,
    );
    for related in originals {
        let similarity = related
            .similarity
            .map_or(String::new(), |s| format!(", {:.0}% similar", s * 100.0));
        let caption = format!("The original: {}{similarity}", related.path);
        side(html, "original-side", &caption, &related.text, &passage);
    }
    html.push_str("</div>\n</div>\n");
}

/// One side of a pair: `text` with the words it shares with `other` marked.
fn side(html: &mut String, class: &str, caption: &str, text: &str, other: &str) {
    let marks = shared_words(text, other)
        .into_iter()
        .map(|range| Mark {
            range,
            open: "<mark class=\"shared\">".to_string(),
            close: "</mark>",
        })
        .collect();
    html.push_str(&format!(
        "<figure class=\"side {class}\"><figcaption>{}</figcaption><blockquote>{}</blockquote></figure>\n",
        escape(caption),
        marked(text, 0..text.len(), marks)
    ));
}

/// The words of `text` that `other` also has, folded as the aligner folds them (case, curly
/// quotes, dashes, thousands separators); neighbouring shared words make one range, so a copied
/// run reads as one mark.
fn shared_words(text: &str, other: &str) -> Vec<Range<usize>> {
    let theirs: HashSet<u64> = crate::align::words(other).iter().map(|w| w.hash).collect();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut previous_shared = false;
    for word in crate::align::words(text) {
        let shared = theirs.contains(&word.hash);
        match runs.last_mut() {
            Some(run) if shared && previous_shared => run.end = word.end as usize,
            _ if shared => runs.push(word.range()),
            _ => {}
        }
        previous_shared = shared;
    }
    runs
}

/// The reuse share per original as a bar chart: how much of the original the article took, and
/// how much of the article came from it, with the numbers written beside the bars.
fn reuse_chart(html: &mut String, reuse: &[Reuse]) {
    if reuse.is_empty() {
        return;
    }
    const WIDTH: usize = 640;
    const ROW: usize = 78;
    let height = reuse.len() * ROW + 4;
    html.push_str("<h3>Reuse per original</h3>\n<div class=\"chart\">\n");
    html.push_str(&format!(
        "<svg class=\"reuse-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\">\
         <title>How much of each original this article reused</title>\n"
    ));
    for (i, r) in reuse.iter().enumerate() {
        reuse_row(html, i * ROW, r);
    }
    html.push_str("</svg>\n</div>\n");
}

fn reuse_row(html: &mut String, y: usize, r: &Reuse) {
    html.push_str(&format!(
        "<g class=\"reuse\" data-source=\"{source}\"><text x=\"0\" y=\"{}\"><tspan font-weight=\"600\">{source}</tspan> ({}): {} derived</text>\n",
        y + 14,
        escape(&r.original),
        r.verdict.as_str(),
        source = escape(&r.source),
    ));
    bar(
        html,
        y + 22,
        "bar-original",
        "of the original reused",
        r.original_reused,
    );
    bar(
        html,
        y + 40,
        "bar-article",
        "of the article derived",
        r.article_derived,
    );
    html.push_str(&format!(
        "<text class=\"muted\" x=\"0\" y=\"{}\">longest word-for-word run: {}; {:.0}% of the article's sentences follow it</text></g>\n",
        y + 68,
        plural_of(r.longest_run, "word"),
        r.sentences_following * 100.0
    ));
}

fn bar(html: &mut String, y: usize, class: &str, label: &str, share: f64) {
    const LEFT: f64 = 160.0;
    const LENGTH: f64 = 400.0;
    let share = share.clamp(0.0, 1.0);
    html.push_str(&format!(
        "<text x=\"0\" y=\"{}\">{label}</text>\
         <rect class=\"track\" x=\"{LEFT}\" y=\"{y}\" width=\"{LENGTH}\" height=\"13\" rx=\"2\"/>\
         <rect class=\"{class}\" x=\"{LEFT}\" y=\"{y}\" width=\"{:.1}\" height=\"13\" rx=\"2\"/>\
         <text x=\"{}\" y=\"{}\">{:.0}%</text>\n",
        y + 11,
        LENGTH * share,
        LEFT + LENGTH + 8.0,
        y + 11,
        share * 100.0
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, name: &str) -> Mark {
        Mark {
            range: start..end,
            open: format!("<{name}>"),
            close: if name == "a" { "</a>" } else { "</b>" },
        }
    }

    #[test]
    fn markup_and_hidden_characters_are_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{202e}b\u{1b}c\nd"), "a\\u{202e}b\\u{1b}c\\u{a}d");
        assert_eq!(escape_text("one\ntwo\rthree\u{1b}"), "one two three\\u{1b}");
    }

    #[test]
    fn marks_nest_and_a_crossing_mark_is_cut_at_the_outer_end() {
        let text = "one two three four";
        assert_eq!(
            marked(
                text,
                0..text.len(),
                vec![mark(4, 13, "a"), mark(8, 18, "b")]
            ),
            "one <a>two <b>three</b></a> four"
        );
        assert_eq!(
            marked(text, 4..13, vec![mark(0, 7, "a")]),
            "<a>two</a> three"
        );
        assert_eq!(marked("a<b", 0..3, Vec::new()), "a&lt;b");
    }

    #[test]
    fn shared_words_fold_case_and_join_neighbours() {
        let text = "The Bridge will stay shut, officials said.";
        let ranges = shared_words(text, "the bridge will remain shut");
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["The Bridge will", "shut"]);
    }
}
