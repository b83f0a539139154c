//! The article's source list and the names it goes by. Writers list sources in many shapes
//! (a `SOURCES:` line, a `Sources` heading with bullets, front matter); this module reads them
//! all into one [`SourceList`], and [`Names`] decides when two spellings name the same outlet:
//! aliases from the list, from parentheticals in the body, from the built-in outlet table and
//! from config, then small spelling slips.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use crate::document::{Article, BlockKind, FrontSource, list_marker_len, trim_range};
use crate::lexicon::{Lexicon, OutletEntry};

#[derive(Debug, Clone, PartialEq)]
pub struct SourceEntry {
    pub name: String,
    pub aliases: Vec<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub original: Option<String>,
    /// Where the entry's name is written (in the body list or the front matter).
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct SourceList {
    pub entries: Vec<SourceEntry>,
    /// Blocks that hold the list; they are not checked as claims.
    pub blocks: Vec<usize>,
    /// The list exists, even if it is empty (`sources: []` in front matter).
    pub present: bool,
    /// Broken front matter may hold the list: the list rules stay quiet rather than guess.
    pub unknown: bool,
}

impl SourceList {
    pub fn extract(article: &Article, lex: &Lexicon) -> SourceList {
        let mut list = SourceList {
            unknown: article.front_matter.as_ref().is_some_and(|f| f.broken),
            ..SourceList::default()
        };
        if let Some(front) = article.front_matter.as_ref()
            && let Some(sources) = &front.sources
        {
            list.present = true;
            for source in sources {
                list.entries
                    .push(front_entry(article, front.range.clone(), source));
            }
        }
        read_body_list(article, lex, &mut list);
        list
    }
}

fn front_entry(article: &Article, range: Range<usize>, source: &FrontSource) -> SourceEntry {
    let (name, mut aliases) = split_alias(&source.name);
    aliases.extend(source.aliases.iter().cloned());
    let span = article.source[range.clone()]
        .find(source.name.as_str())
        .map(|i| range.start + i..range.start + i + source.name.len());
    SourceEntry {
        name,
        aliases,
        title: source.title.clone(),
        url: source.url.clone(),
        original: source.original.clone(),
        span,
    }
}

/// "Sources: A, B (C), D." on one line, or a heading/line "Sources" followed by items.
fn read_body_list(article: &Article, lex: &Lexicon, list: &mut SourceList) {
    for (index, block) in article.blocks.iter().enumerate() {
        let whole = &article.text[block.range.clone()];
        let text = last_line_label(whole, lex).unwrap_or(whole);
        let Some((label, rest)) = split_label(text) else {
            continue;
        };
        if !lex.source_headings.contains(&label) {
            continue;
        }
        if !rest.trim().is_empty() {
            // `text` may be the block's last line: `rest`, a part of it, is placed by where it
            // lies in the block.
            let rest_start = block.range.start + (rest.as_ptr() as usize - whole.as_ptr() as usize);
            list.present = true;
            list.blocks.push(index);
            for item in split_inline_list(&article.source, rest_start..block.range.end) {
                list.entries.push(parse_item(&article.source, item));
            }
            continue;
        }
        let items = following_items(article, index);
        if items.is_empty() && block.kind != BlockKind::Heading {
            continue;
        }
        if block.kind == BlockKind::Paragraph && whole.trim_end().contains('\n') {
            // "Sources" as the last line of the paragraph before the bullets (Markdown runs
            // the line into that paragraph): the items are the list, the paragraph is body.
            list.present = true;
            for item in items {
                list.blocks.push(item);
                let range = item_line(article, item);
                list.entries.push(parse_item(&article.source, range));
            }
            continue;
        }
        list.present = true;
        list.blocks.push(index);
        for item in items {
            list.blocks.push(item);
            let range = item_line(article, item);
            list.entries.push(parse_item(&article.source, range));
        }
    }
}

/// A paragraph whose last line is only a source heading ("…the end of the story.\nSources").
fn last_line_label<'a>(text: &'a str, lex: &Lexicon) -> Option<&'a str> {
    let trimmed = text.trim_end();
    let (_, last) = trimmed.rsplit_once('\n')?;
    let label = last
        .trim()
        .trim_end_matches(':')
        .trim_matches(['*', '_'])
        .to_lowercase();
    lex.source_headings.contains(&label).then_some(last)
}

/// "Sources: rest" → ("sources", "rest"); "## Sources" → ("sources", "").
fn split_label(text: &str) -> Option<(String, &str)> {
    let trimmed = text.trim_start_matches(['#', ' ', '*', '_']);
    let (label, rest) = match trimmed.find(':') {
        Some(i) if i < 40 => (&trimmed[..i], &trimmed[i + 1..]),
        _ => (trimmed, ""),
    };
    let label = label.trim().trim_matches(['*', '_', ' ']).to_lowercase();
    if label.split_whitespace().count() > 5 {
        return None;
    }
    Some((label, rest))
}

/// Items after a "Sources" heading: list items, or short "Outlet: Headline" lines in plain text.
fn following_items(article: &Article, heading: usize) -> Vec<usize> {
    let mut items = Vec::new();
    for (index, block) in article.blocks.iter().enumerate().skip(heading + 1) {
        let text = &article.text[block.range.clone()];
        let looks_like_entry = block.kind == BlockKind::ListItem
            || (text.len() < 160 && (text.contains(": ") || text.contains(" — ")));
        if !looks_like_entry {
            break;
        }
        items.push(index);
    }
    items
}

/// The whole source line of a list item, without its marker: Markdown hides link targets from the
/// masked text, and the list needs them.
fn item_line(article: &Article, item: usize) -> Range<usize> {
    let block = &article.blocks[item];
    let source = &article.source;
    let line = article.lines.line_of(block.range.start);
    let start = article.lines.line_start(line);
    let next = if line + 1 < article.lines.line_count() {
        article.lines.line_start(line + 1)
    } else {
        source.len()
    };
    let end = start + source[start..next].trim_end_matches(['\n', '\r']).len();
    let end = end.max(block.range.end.min(source.len()));
    let text = &source[start..end];
    let marker = list_marker_len(text).unwrap_or(text.len() - text.trim_start().len());
    trim_range(source, start + marker..end)
}

/// Comma- or semicolon-separated names, not splitting inside parentheses.
fn split_inline_list(source: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = range.start;
    for (i, c) in source[range.clone()].char_indices() {
        let at = range.start + i;
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(start..at);
                start = at + 1;
            }
            _ => {}
        }
    }
    out.push(start..range.end);
    out.into_iter()
        .map(|r| {
            let r = trim_range(source, r);
            let text = &source[r.clone()];
            let text_trimmed = text.trim_end_matches('.');
            let mut r = r.start..r.start + text_trimmed.len();
            if let Some(rest) = source[r.clone()].strip_prefix("and ") {
                r.start = r.end - rest.len();
            }
            r
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// One entry in any of the shapes writers use.
fn parse_item(source: &str, range: Range<usize>) -> SourceEntry {
    let text = &source[range.clone()];
    let mut entry = SourceEntry {
        name: String::new(),
        aliases: Vec::new(),
        title: None,
        url: None,
        original: None,
        span: None,
    };
    let mut name_range = range.clone();
    if let Some((title, url, after)) = markdown_link(text) {
        entry.url = Some(url.to_string());
        let outlet = after
            .trim_start_matches([' ', '—', '–', '-', ',', ':'])
            .trim();
        if outlet.is_empty() {
            let at = range.start + text.find(title).unwrap_or(0);
            name_range = at..at + title.len();
        } else {
            entry.title = Some(title.to_string());
            let at = range.start + text.rfind(outlet).unwrap_or(0);
            name_range = at..at + outlet.len();
        }
    } else if let Some((name_len, title)) = split_name_title(text) {
        name_range = range.start..range.start + name_len;
        entry.title = Some(title.trim().trim_matches(['"', '“', '”']).to_string());
    }
    let name_range = trim_range(source, name_range);
    let raw_name = source[name_range.clone()].trim_matches(['*', '_', '[', ']', ' ']);
    let (name, aliases) = split_alias(raw_name);
    let (name, url) = split_trailing_url(&name);
    if entry.url.is_none() {
        entry.url = url;
    }
    entry.name = name;
    entry.aliases = aliases;
    entry.span = Some(name_range);
    entry
}

/// `[Title](url) rest` → (title, url, rest).
fn markdown_link(text: &str) -> Option<(&str, &str, &str)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find("](")?;
    let title = &rest[..close];
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    Some((title, &after[..end], &after[end + 1..]))
}

/// "Outlet: Headline", "Outlet — Headline", "Outlet - Headline", `Outlet, "Headline"`.
/// The first separator wins: "The Guardian: Headline - LIVE" is the Guardian's.
fn split_name_title(text: &str) -> Option<(usize, &str)> {
    let (i, sep) = [" — ", " – ", " - ", ": ", ", “", ", \"", " —", "—"]
        .iter()
        .filter_map(|sep| text.find(sep).map(|i| (i, *sep)))
        .filter(|(i, _)| *i > 0 && !text[..*i].contains("http"))
        .min_by_key(|(i, sep)| (*i, std::cmp::Reverse(sep.len())))?;
    let title_start = i + sep.len()
        - if sep.ends_with(['“', '"']) {
            sep.chars().last().map_or(0, char::len_utf8)
        } else {
            0
        };
    Some((i, &text[title_start..]))
}

fn split_trailing_url(name: &str) -> (String, Option<String>) {
    for marker in ["(http", "<http", " http"] {
        if let Some(i) = name.find(marker) {
            let url = name[i..]
                .trim_matches(['(', ')', '<', '>', ' '])
                .to_string();
            return (name[..i].trim().to_string(), Some(url));
        }
    }
    (name.to_string(), None)
}

/// "Iran Human Rights (IHR)" → ("Iran Human Rights", ["IHR"]).
pub fn split_alias(text: &str) -> (String, Vec<String>) {
    let text = text.trim();
    if let Some(open) = text.rfind('(')
        && text.ends_with(')')
    {
        let alias = text[open + 1..text.len() - 1].trim();
        let name = text[..open].trim();
        if !alias.is_empty() && !name.is_empty() && alias.split_whitespace().count() <= 4 {
            return (name.to_string(), vec![alias.to_string()]);
        }
    }
    (text.to_string(), Vec::new())
}

/// Folds a name for comparison: case, a leading "the", dots in "U.N.", possessives.
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '\''], "'");
    let lower = lower.strip_suffix("'s").unwrap_or(&lower);
    let folded: String = lower
        .chars()
        .filter(|c| *c != '.')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// Which spellings name the same source. Built per article: the outlet table and config aliases,
/// plus the article's own list and body parentheticals.
#[derive(Debug, Default)]
pub struct Names {
    parent: HashMap<String, String>,
    known: HashMap<String, String>,
    /// `find_entry` answers, by the name as cited. An article's `Names` serves only that
    /// article's list, and the same outlets are cited again and again, so this spares the
    /// folding (a tenth of the run time when it was keyed by the folded name) and the fuzzy
    /// match.
    entries: Mutex<HashMap<String, Option<usize>>>,
    /// The article's list folded once, for `find_entry`: folding every entry again for every
    /// cited name was most of its cost.
    folded_list: OnceLock<FoldedList>,
}

/// The source list folded for matching, with the first entry of each root, so that a name the
/// list holds is found without a pass over the list.
#[derive(Debug)]
struct FoldedList {
    entries: Vec<FoldedEntry>,
    by_root: HashMap<String, usize>,
}

/// A list entry as `find_entry` compares it: its folded name, the roots of its name and
/// aliases, and its folded title.
#[derive(Debug)]
struct FoldedEntry {
    name: String,
    roots: Vec<String>,
    title: Option<String>,
}

impl Clone for Names {
    fn clone(&self) -> Names {
        Names {
            parent: self.parent.clone(),
            known: self.known.clone(),
            entries: Mutex::default(),
            folded_list: OnceLock::new(),
        }
    }
}

impl Names {
    pub fn new(outlets: &[OutletEntry]) -> Names {
        let mut names = Names::default();
        for outlet in outlets {
            names.add_known(&outlet.name);
            for alias in &outlet.aliases {
                names.add_known(alias);
                names.join(&outlet.name, alias);
            }
        }
        names
    }

    fn add_known(&mut self, name: &str) {
        self.known.insert(normalize_name(name), name.to_string());
    }

    fn root(&self, name: &str) -> String {
        let mut current = name.to_string();
        while let Some(parent) = self.parent.get(&current) {
            if *parent == current {
                break;
            }
            current = parent.clone();
        }
        current
    }

    /// Records that `a` and `b` name the same source.
    pub fn join(&mut self, a: &str, b: &str) {
        let (a, b) = (self.root(&normalize_name(a)), self.root(&normalize_name(b)));
        if a != b && !a.is_empty() && !b.is_empty() {
            self.parent.insert(b, a);
        }
    }

    pub fn same(&self, a: &str, b: &str) -> bool {
        let (a, b) = (normalize_name(a), normalize_name(b));
        a == b || self.root(&a) == self.root(&b)
    }

    /// A well-known outlet (or an alias of one).
    pub fn is_known_outlet(&self, name: &str) -> bool {
        self.known.contains_key(&normalize_name(name))
    }

    /// The list entry a cited name refers to: same name or alias, else a small spelling slip.
    pub fn find_entry(&self, list: &SourceList, name: &str) -> Option<usize> {
        if let Some(hit) = self.entries.lock().ok().and_then(|m| m.get(name).copied()) {
            return hit;
        }
        let found = self.match_entry(list, &normalize_name(name));
        if let Ok(mut memo) = self.entries.lock() {
            memo.insert(name.to_string(), found);
        }
        found
    }

    fn match_entry(&self, list: &SourceList, folded: &str) -> Option<usize> {
        let folded_list = self.folded_list.get_or_init(|| self.fold_list(list));
        if let Some(&exact) = folded_list.by_root.get(&self.root(folded)) {
            return Some(exact);
        }
        let entries = &folded_list.entries;
        let variant = entries.iter().position(|e| {
            same_outlet_variant(folded, &e.name)
                || e.title
                    .as_deref()
                    .is_some_and(|t| names_the_title(folded, t))
        });
        let length = folded.chars().count();
        if variant.is_some() || length < 6 {
            return variant;
        }
        entries
            .iter()
            .position(|e| close_spelling(folded, length, &e.name))
    }

    fn fold_list(&self, list: &SourceList) -> FoldedList {
        let entries: Vec<FoldedEntry> = list
            .entries
            .iter()
            .map(|e| {
                let name = normalize_name(&e.name);
                let roots = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| self.root(&normalize_name(n)))
                    .collect();
                FoldedEntry {
                    name,
                    roots,
                    title: e.title.as_deref().map(normalize_name),
                }
            })
            .collect();
        let mut by_root = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            for root in &entry.roots {
                by_root.entry(root.clone()).or_insert(index);
            }
        }
        FoldedList { entries, by_root }
    }
}

/// A small spelling slip: at most one edit in eight. The edit distance is at least the
/// difference in length, so most names are ruled out by their lengths, without the distance.
fn close_spelling(a: &str, a_chars: usize, b: &str) -> bool {
    const MIN_SIMILARITY: f64 = 0.88;
    let b_chars = b.chars().count();
    // An eighth, a little over the 12% the similarity allows, so rounding never rules out a
    // name the distance would accept.
    if a_chars.abs_diff(b_chars) * 8 > a_chars.max(b_chars) {
        return false;
    }
    strsim::normalized_damerau_levenshtein(a, b) >= MIN_SIMILARITY
}

/// "BBC News" and "BBC", "Reuters AlertNet" and "Reuters": one name is the other with a word or
/// two of edition or service after it. The shorter must be a real name (three letters or more).
fn same_outlet_variant(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || short == long {
        return false;
    }
    let Some(rest) = long.strip_prefix(short) else {
        return false;
    };
    rest.starts_with(' ') && rest.split_whitespace().count() <= 2
}

/// "Federation of American Scientists: Secrecy News 11": the body may cite the entry by the
/// publication its headline names. Two words or more, at the start of the title.
fn names_the_title(name: &str, title: &str) -> bool {
    name.contains(' ')
        && title
            .strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Aliases the list and the body define: entry aliases, and "Full Name (ABBR)" in the text.
pub fn collect_names(article: &Article, list: &SourceList, base: &Names) -> Names {
    let mut names = base.clone();
    for entry in &list.entries {
        for alias in &entry.aliases {
            names.join(&entry.name, alias);
        }
    }
    for (name, alias) in body_parentheticals(article) {
        names.join(&name, &alias);
    }
    names
}

/// "the Human Rights Activists News Agency (HRANA)": a capitalised name and its short form.
fn body_parentheticals(article: &Article) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sentence in &article.sentences {
        let tokens = article.tokens_of(sentence);
        for (i, token) in tokens.iter().enumerate() {
            if article.lower(token) != "("
                || i + 2 >= tokens.len()
                || article.lower(&tokens[i + 2]) != ")"
            {
                continue;
            }
            let alias = &article.text[tokens[i + 1].range()];
            if !tokens[i + 1].capitalised() {
                continue;
            }
            let mut start = i;
            while start > 0 {
                let prev = &tokens[start - 1];
                let connector = matches!(article.lower(prev), "of" | "for" | "and" | "the" | "-");
                if !(connector || prev.is_word() && prev.capitalised()) {
                    break;
                }
                start -= 1;
            }
            while start < i && !tokens[start].capitalised() {
                start += 1;
            }
            if start < i {
                let name = &article.text[tokens[start].range().start..tokens[i - 1].range().end];
                out.push((name.to_string(), alias.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::Format;

    fn list(text: &str, format: Format) -> SourceList {
        let lex = Lexicon::builtin();
        let article = Article::parse("t", Arc::from(text), format, &lex);
        SourceList::extract(&article, &lex)
    }

    fn names(list: &SourceList) -> Vec<&str> {
        list.entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn sources_line_with_aliases() {
        let l = list(
            "Body.\nSOURCES: HRANA, Iran Human Rights (IHR), BBC; Office of the Presidency.\n",
            Format::Plain,
        );
        assert_eq!(
            names(&l),
            [
                "HRANA",
                "Iran Human Rights",
                "BBC",
                "Office of the Presidency"
            ]
        );
        assert_eq!(l.entries[1].aliases, ["IHR"]);
        assert_eq!(l.blocks, [1]);
    }

    #[test]
    fn heading_with_bullets_in_every_shape() {
        let text = "Body text.\n\n## Sources\n\n- Reuters: A headline\n* The Washington Post — Another\n- [Third headline](https://ex.org/a) — Al Jazeera\n\n1. BBC, \"Fourth\"\n";
        let l = list(text, Format::Markdown);
        assert_eq!(
            names(&l),
            ["Reuters", "The Washington Post", "Al Jazeera", "BBC"]
        );
        assert_eq!(l.entries[2].url.as_deref(), Some("https://ex.org/a"));
        assert_eq!(l.entries[0].title.as_deref(), Some("A headline"));
    }

    #[test]
    fn plain_text_sources_heading() {
        let text = "Body.\nSources\n- Washington Post: Headline one\n- TIME: Headline two\n";
        assert_eq!(
            names(&list(text, Format::Plain)),
            ["Washington Post", "TIME"]
        );
    }

    #[test]
    fn names_match_through_aliases_and_slips() {
        let lex = Lexicon::builtin();
        let names = Names::new(&lex.outlets);
        let l = list(
            "x\nSources: Washington Post, Associated Press, Amnesty International\n",
            Format::Plain,
        );
        assert_eq!(names.find_entry(&l, "The Washington Post"), Some(0));
        assert_eq!(names.find_entry(&l, "AP"), Some(1));
        assert_eq!(names.find_entry(&l, "Amnesty Internationl"), Some(2));
        assert_eq!(names.find_entry(&l, "CNN"), None);
    }
}
