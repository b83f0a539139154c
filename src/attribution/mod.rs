//! Ties each claim to whoever it is attributed to. First every *cue* in the article is found: a
//! reporting verb with its speaker ("Graham told Fox News"), a phrase that names a source
//! ("according to Reuters"), a measure ("by official measures"). Each cue's source is named, vague
//! or not a source at all ("the outreach suggests" attributes nothing). Then each claim takes the
//! best cue in its sentence, else inherits from the quote just before it, else takes one from its
//! paragraph; a claim repeated elsewhere with a named source shares that source.
//!
//! The work is split by question: `cues` finds the words that attribute, `names` reads the noun
//! phrases and names around them, `speakers` works out who a pronoun, a title or "the report"
//! points back to. This module holds the model and chooses each claim's cue.

mod cues;
mod names;
mod speakers;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::claims::{Claim, ClaimKind};
use crate::document::{Article, BlockKind};
use crate::lexicon::Lexicon;
use crate::position::within_any;
use crate::sources::{Names, SourceList};
use crate::text::Token;

use speakers::{Antecedents, Gender, Genders, NameIndex, resolve_pronoun, resolve_title};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Named,
    Vague,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Person,
    /// An outlet, agency or organisation: these belong on the source list.
    Organisation,
    /// A government body ("Iranian authorities", "the Health Ministry"): named, but a primary
    /// source rather than an outlet the story was rewritten from.
    Body,
    /// "protesters chanted": the crowd is the source of its own slogan.
    Crowd,
    Vague,
    Pronoun,
    /// "the union", "the club": a named organisation referred to by its kind.
    Anaphor,
}

/// A source as written in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub text: String,
    pub span: Range<usize>,
    pub kind: SourceKind,
}

impl Mention {
    /// A pronoun left unresolved still points at somebody the writer named: a reader looks one
    /// sentence up, so it is not a vague source.
    fn is_named(&self) -> bool {
        matches!(
            self.kind,
            SourceKind::Person
                | SourceKind::Organisation
                | SourceKind::Body
                | SourceKind::Crowd
                | SourceKind::Pronoun
        )
    }
}

/// A word or phrase that attributes, with the source it names.
#[derive(Debug, Clone)]
pub struct Cue {
    pub span: Range<usize>,
    pub sentence: usize,
    pub block: usize,
    pub speaker: Option<Mention>,
    pub outlet: Option<Mention>,
}

impl Cue {
    pub fn status(&self) -> Status {
        let named = self.outlet.is_some() || self.speaker.as_ref().is_some_and(Mention::is_named);
        if named { Status::Named } else { Status::Vague }
    }

    /// The cited outlets and organisations, for checking against the source list.
    pub fn organisations(&self) -> impl Iterator<Item = &Mention> {
        self.speaker
            .iter()
            .chain(self.outlet.iter())
            .filter(|m| m.kind == SourceKind::Organisation)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Sentence,
    PreviousQuote,
    Paragraph,
    SentenceSubject,
    Elsewhere,
    None,
}

#[derive(Debug, Clone)]
pub struct Attribution {
    pub status: Status,
    pub cue: Option<usize>,
    pub scope: Scope,
    /// The speaker or outlet is on the article's source list.
    pub listed: bool,
    /// For `SentenceSubject`: the subject taken as speaker.
    pub subject: Option<Mention>,
}

impl Attribution {
    fn none() -> Attribution {
        Attribution {
            status: Status::None,
            cue: None,
            scope: Scope::None,
            listed: false,
            subject: None,
        }
    }
}

/// Everything attribution found: the cues, and one attribution per claim (same order).
#[derive(Debug, Clone, Default)]
pub struct Attributions {
    pub cues: Vec<Cue>,
    pub claims: Vec<Attribution>,
}

pub fn attribute(
    article: &Article,
    claims: &[Claim],
    skip: &[bool],
    list: &SourceList,
    names: &Names,
    lex: &Lexicon,
) -> Attributions {
    let finder = CueFinder {
        article,
        lex,
        names,
        list,
        usage: std::cell::OnceCell::new(),
        name_index: NameIndex::new(&article.text),
        introductions: std::cell::OnceCell::new(),
    };
    let quote_parts: Vec<Range<usize>> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .flat_map(|c| c.parts.iter().cloned())
        .collect();
    let mut cues: Vec<Cue> = Vec::new();
    // What "he" and "she" point back to: the people this sentence names, after the one an
    // earlier sentence is most likely about, its first-named person ("Ridge thanked President
    // Bush … He cited" is Ridge). Keeping every name of a long file was a tenth of its memory.
    let mut people: Vec<Mention> = Vec::new();
    let mut carried: Option<Mention> = None;
    let mut genders = Genders::default();
    for (index, sentence) in article.sentences.iter().enumerate() {
        if skip[sentence.block] || article.blocks[sentence.block].disclaimer {
            continue;
        }
        let tokens: Vec<&Token> = article
            .tokens_of(sentence)
            .iter()
            .filter(|t| !within_any(&quote_parts, &t.range()))
            .collect();
        people.clear();
        people.extend(carried.clone());
        let named_here = finder.people_in(&tokens);
        if let Some(first) = named_here.first() {
            carried = Some(first.clone());
        }
        for person in &named_here {
            genders.learn_honorific(&article.text, person);
        }
        people.extend(named_here);
        let mut found = finder.cues_in(&tokens, index, sentence.block);
        lend_interview_outlet(&mut found, &article.text, lex);
        for mut cue in found {
            let pronoun = (cue.speaker.as_ref())
                .filter(|m| m.kind == SourceKind::Pronoun)
                .and_then(|m| Gender::of_word(&m.text));
            let antecedents = Antecedents {
                cues: &cues,
                genders: &genders,
                names: &finder.name_index,
                people: &people,
                lex,
            };
            resolve_pronoun(&mut cue, &antecedents, list);
            resolve_title(&mut cue, &cues, &article.text, &finder.name_index);
            genders.learn_pronoun(pronoun, cue.speaker.as_ref());
            cues.push(cue);
        }
    }
    let mut out: Vec<Attribution> = Vec::with_capacity(claims.len());
    for i in 0..claims.len() {
        let attribution = attribute_claim(article, claims, i, &cues, &out, &finder);
        out.push(attribution);
    }
    share_repeated_claims(article, claims, &mut out);
    for attribution in &mut out {
        attribution.listed = attribution
            .cue
            .is_some_and(|c| cue_is_listed(&cues[c], list, names));
    }
    Attributions { cues, claims: out }
}

/// The outlet a sentence's interview phrase names goes to the speakers of its other cues that
/// name none: the speaker said it to that outlet, as with "told CNN".
fn lend_interview_outlet(cues: &mut [Cue], text: &str, lex: &Lexicon) {
    // Only a cue that names an outlet and nobody else can be an interview phrase; its words are
    // read (lower-cased) only then, not for every cue of every sentence.
    let interview = cues
        .iter()
        .filter(|c| c.speaker.is_none() && c.outlet.is_some())
        .find(|c| {
            let written = text.get(c.span.clone()).unwrap_or("").to_lowercase();
            lex.interview_phrases.iter().any(|p| written.starts_with(p))
        })
        .and_then(|c| c.outlet.clone());
    let Some(outlet) = interview else {
        return;
    };
    for cue in cues.iter_mut() {
        let speaks = cue
            .speaker
            .as_ref()
            .is_some_and(|m| matches!(m.kind, SourceKind::Person | SourceKind::Pronoun));
        if speaks && cue.outlet.is_none() {
            cue.outlet = Some(outlet.clone());
        }
    }
}

pub fn cue_is_listed(cue: &Cue, list: &SourceList, names: &Names) -> bool {
    cue.speaker
        .iter()
        .chain(cue.outlet.iter())
        .any(|m| m.kind != SourceKind::Vague && names.find_entry(list, &m.text).is_some())
}

fn attribute_claim(
    article: &Article,
    claims: &[Claim],
    index: usize,
    cues: &[Cue],
    done: &[Attribution],
    finder: &CueFinder,
) -> Attribution {
    let claim = &claims[index];
    // Cues come in document order, so each scope is a contiguous run of them.
    let first = article
        .sentences
        .partition_point(|s| s.range.end <= claim.span.start);
    let last = article
        .sentences
        .partition_point(|s| s.range.start < claim.span.end);
    let sentences = first..last.max(first + 1);
    let in_sentences = cues.partition_point(|c| c.sentence < sentences.start)
        ..cues.partition_point(|c| c.sentence < sentences.end);
    if let Some(cue) = best_cue(&article.text, cues, claim, in_sentences) {
        return found(cues, cue, Scope::Sentence);
    }
    let is_quote = claim.kind == ClaimKind::Quote;
    if let Some(inherited) = is_quote
        .then(|| previous_quote(article, claims, index))
        .flatten()
        .and_then(|previous| inherit(done, previous))
    {
        return inherited;
    }
    // A colon right before the claim introduces it; a paragraph ending in a colon introduces
    // the next one, whose own attributions come first.
    let colon = introduction(article, claim, finder);
    let own_block = article.blocks[claim.block].range.clone();
    let introduced = |colon: usize| introduced_by(article, claim, colon, cues, finder);
    if let Some(at) = colon.filter(|c| own_block.contains(c))
        && let Some(attribution) = introduced(at)
    {
        return attribution;
    }
    let in_block = cues.partition_point(|c| c.block < claim.block)
        ..cues.partition_point(|c| c.block <= claim.block);
    if let Some(cue) = best_cue(&article.text, cues, claim, in_block) {
        return found(cues, cue, Scope::Paragraph);
    }
    if let Some(at) = colon.filter(|c| !own_block.contains(c))
        && let Some(attribution) = introduced(at)
    {
        return attribution;
    }
    if let Some(inherited) = (is_quote && in_block_is_empty(cues, claim.block))
        .then(|| remarks_continued(article, claims, index))
        .flatten()
        .and_then(|previous| inherit(done, previous))
    {
        return inherited;
    }
    let short = claim.key.split(' ').count() <= SUBJECT_QUOTE_WORDS;
    if claim.kind == ClaimKind::Quote
        && short
        && sentences.start < article.sentences.len()
        && let Some(subject) = finder.subject_before(sentences.start, claim.span.start)
    {
        let mut attribution = Attribution::none();
        attribution.status = Status::Named;
        attribution.scope = Scope::SentenceSubject;
        attribution.subject = Some(subject);
        return attribution;
    }
    // A paragraph that opens "The report …" goes on giving the report's figures.
    let paragraph_opening = article.blocks[claim.block].sentences.start;
    let document = (claim.kind == ClaimKind::Figure && sentences.start < article.sentences.len())
        .then(|| {
            finder
                .document_subject(sentences.start, claim.span.start)
                .or_else(|| {
                    let opening = paragraph_opening;
                    (opening < sentences.start)
                        .then(|| {
                            let end = article.sentences[opening].range.end;
                            finder.document_subject(opening, end)
                        })
                        .flatten()
                })
        })
        .flatten();
    if let Some(document) = document {
        let mut attribution = Attribution::none();
        attribution.status = Status::Named;
        attribution.scope = Scope::SentenceSubject;
        attribution.subject = Some(document);
        return attribution;
    }
    Attribution::none()
}

/// Where the colon that introduces the claim stands: "… the minister said: “…”", a speaker's
/// label ("Secretary Ana Lutz: “…”"), or a paragraph ending in a colon before the quote, list
/// or block quote that the claim opens.
fn introduction(article: &Article, claim: &Claim, finder: &CueFinder) -> Option<usize> {
    let block = &article.blocks[claim.block];
    let before = article.text[block.range.start..claim.span.start].trim_end();
    if before.ends_with(':') {
        return Some(block.range.start + before.len() - 1);
    }
    finder.introductions()[claim.block]
}

/// For every block, the colon that introduces it: the paragraph before ends with one ("The
/// report lists its findings:"), or the block is an item of a list or block quote that one
/// introduces. Found in one pass: walking back from every item of a long list to its
/// introduction made the list cost the square of its length.
fn block_introductions(article: &Article) -> Vec<Option<usize>> {
    let text = &article.text;
    let mut out: Vec<Option<usize>> = vec![None; article.blocks.len()];
    let mut previous: Option<usize> = None;
    for (index, block) in article.blocks.iter().enumerate() {
        if let Some(p) = previous {
            let before = &article.blocks[p];
            let words = text[before.range.clone()].trim_end();
            out[index] = if words.ends_with(':') {
                Some(before.range.start + words.len() - 1)
            } else if before.kind != block.kind || block.kind == BlockKind::Paragraph {
                None
            } else {
                out[p]
            };
        }
        if !text[block.range.clone()].trim_end().is_empty() {
            previous = Some(index);
        }
    }
    out
}

/// The source the introduction names: a cue in its sentence, else the name right before the
/// colon (a speaker's label), else a document it labels ("From the Kessa Council review:"),
/// else the named person the sentence is about.
fn introduced_by(
    article: &Article,
    claim: &Claim,
    colon: usize,
    cues: &[Cue],
    finder: &CueFinder,
) -> Option<Attribution> {
    let sentence = article.sentence_at(colon)?;
    let in_sentence = cues.partition_point(|c| c.sentence < sentence)
        ..cues.partition_point(|c| c.sentence <= sentence);
    if let Some(cue) = best_cue(&article.text, cues, claim, in_sentence) {
        return Some(found(cues, cue, Scope::Paragraph));
    }
    let subject = finder
        .label_before(sentence, colon)
        .or_else(|| finder.document_label(sentence, colon))
        .or_else(|| finder.person_before(sentence, colon))?;
    Some(Attribution {
        status: Status::Named,
        cue: None,
        scope: Scope::SentenceSubject,
        listed: false,
        subject: Some(subject),
    })
}

/// A short quote in a sentence about a named person is taken as that person's words.
const SUBJECT_QUOTE_WORDS: usize = 4;

fn found(cues: &[Cue], cue: usize, scope: Scope) -> Attribution {
    Attribution {
        status: cues[cue].status(),
        cue: Some(cue),
        scope,
        listed: false,
        subject: None,
    }
}

/// The nearest cue that names its source; failing that, the nearest vague one.
/// The cue in the claim's own clause first ("Organisers said 550,000; police said 37,000"), then
/// the one that names its source, then the nearest.
fn best_cue(text: &str, cues: &[Cue], claim: &Claim, candidates: Range<usize>) -> Option<usize> {
    let between = |c: &Cue| {
        if c.span.end <= claim.span.start {
            c.span.end..claim.span.start
        } else {
            claim.span.end..c.span.start.max(claim.span.end)
        }
    };
    let other_clause = |c: &Cue| text[between(c)].contains([';', '—']);
    let offset = candidates.start;
    cues[candidates]
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| (other_clause(c), c.status(), between(c).len()))
        .map(|(i, _)| offset + i)
}

/// The quote right before this one: in the same paragraph, or ending the paragraph before when
/// this quote opens its own.
fn previous_quote(article: &Article, claims: &[Claim], index: usize) -> Option<usize> {
    let claim = &claims[index];
    let previous = (0..index)
        .rev()
        .find(|&i| claims[i].kind == ClaimKind::Quote)?;
    let prev = &claims[previous];
    if prev.block == claim.block {
        return Some(previous);
    }
    let block = &article.blocks[claim.block];
    let opens_block = article.text[block.range.start..claim.span.start]
        .trim()
        .is_empty();
    (opens_block && prev.block + 1 == claim.block).then_some(previous)
}

/// The attribution of an earlier quote, for a quote that continues it.
fn inherit(done: &[Attribution], previous: usize) -> Option<Attribution> {
    let mut inherited = done[previous].clone();
    if inherited.status == Status::None {
        return None;
    }
    inherited.scope = Scope::PreviousQuote;
    Some(inherited)
}

fn in_block_is_empty(cues: &[Cue], block: usize) -> bool {
    let start = cues.partition_point(|c| c.block < block);
    cues.get(start).is_none_or(|c| c.block != block)
}

/// A paragraph with no attribution of its own that quotes right after a paragraph of quoted
/// remarks continues them: the last quote of the paragraph before.
fn remarks_continued(article: &Article, claims: &[Claim], index: usize) -> Option<usize> {
    let claim = &claims[index];
    let previous = (0..index).rev().find(|&i| claims[i].block != claim.block)?;
    let prev = &claims[previous];
    let adjacent = prev.block + 1 == claim.block
        || (prev.block + 2 == claim.block && article.blocks[prev.block + 1].range.is_empty());
    (prev.kind == ClaimKind::Quote && adjacent).then_some(previous)
}

/// A figure or quote repeated with a named source elsewhere (the headline, the standfirst) shares
/// that source.
fn share_repeated_claims(article: &Article, claims: &[Claim], out: &mut [Attribution]) {
    let mut named: HashMap<(ClaimKind, &str), Vec<usize>> = HashMap::new();
    for (j, claim) in claims.iter().enumerate() {
        if out[j].status == Status::Named {
            named.entry((claim.kind, &claim.key)).or_default().push(j);
        }
    }
    for i in 0..claims.len() {
        if out[i].status == Status::Named {
            continue;
        }
        let Some(twins) = named.get(&(claims[i].kind, claims[i].key.as_str())) else {
            continue;
        };
        let twin = twins
            .iter()
            .copied()
            .find(|&j| j != i && same_claim(article, &claims[i], &claims[j]));
        if let Some(j) = twin {
            out[i] = out[j].clone();
            out[i].scope = Scope::Elsewhere;
        }
    }
    share_with_headline_quotes(article, claims, out);
}

/// Headline quotes looked at: a real article has a few; the bound keeps a file made of
/// headings linear.
const HEADLINE_QUOTES: usize = 64;

/// A headline that quotes a few words of a quote the body attributes ("‘We were betrayed’:
/// council leader speaks out") shares its source.
fn share_with_headline_quotes(article: &Article, claims: &[Claim], out: &mut [Attribution]) {
    let is_quote = |i: usize| claims[i].kind == ClaimKind::Quote;
    let named: Vec<usize> = (0..claims.len())
        .filter(|&j| is_quote(j) && out[j].status == Status::Named)
        .collect();
    let headlines: Vec<usize> = (0..claims.len())
        .filter(|&i| is_quote(i) && out[i].status != Status::Named)
        .filter(|&i| article.blocks[claims[i].block].kind == BlockKind::Heading)
        .take(HEADLINE_QUOTES)
        .collect();
    for i in headlines {
        let words = &claims[i].key;
        if let Some(&j) = named
            .iter()
            .find(|&&j| contains_words(&claims[j].key, words))
        {
            out[i] = out[j].clone();
            out[i].scope = Scope::Elsewhere;
        }
    }
}

/// Whether the words of `part` run, whole, inside `whole` (both keys: words joined by spaces).
fn contains_words(whole: &str, part: &str) -> bool {
    if part.is_empty() {
        return false;
    }
    whole.match_indices(part).any(|(at, _)| {
        let end = at + part.len();
        (at == 0 || whole.as_bytes()[at - 1] == b' ')
            && (end == whole.len() || whole.as_bytes()[end] == b' ')
    })
}

/// Two claims with one key are one claim repeated, except a bare number: "40 staff" and "40
/// trains" share a value, not a source. A number counts something else when the words after
/// the two differ; a figure with its unit or scale ("40%", "$3 million") says what it counts.
fn same_claim(article: &Article, a: &Claim, b: &Claim) -> bool {
    if a.kind == ClaimKind::Quote || a.key.chars().any(|c| !c.is_ascii_digit() && c != '.') {
        return true;
    }
    match (counted_noun(article, a), counted_noun(article, b)) {
        (Some(one), Some(other)) => one == other,
        // "could exceed 25,000." repeats "over 25,000 fatalities".
        _ => true,
    }
}

/// The word right after a figure, in its sentence: what the number counts.
fn counted_noun<'a>(article: &'a Article, claim: &Claim) -> Option<&'a str> {
    let at = article
        .sentences
        .partition_point(|s| s.range.end <= claim.span.end);
    let sentence = article.sentences.get(at)?;
    let next = article
        .tokens_of(sentence)
        .iter()
        .find(|t| t.range().start >= claim.span.end)?;
    next.is_word().then_some(article.lower(next))
}

/// What reading an article's sentences for cues and names needs at hand. Its methods are spread
/// over `cues` and `names`.
struct CueFinder<'a> {
    article: &'a Article,
    lex: &'a Lexicon,
    names: &'a Names,
    list: &'a SourceList,
    /// Built on first use, once per article: asking the whole text for each word made the
    /// cost grow with the square of the article.
    usage: std::cell::OnceCell<WordUsage<'a>>,
    /// Documents and office holders the article names, for "the report" and "the mayor".
    name_index: NameIndex<'a>,
    introductions: std::cell::OnceCell<Vec<Option<usize>>>,
}

/// How the article writes its words: which it capitalises where no sentence starts ("Osei" in
/// "Lena Osei said"), and which it writes in lower case ("food" in "junk food").
#[derive(Default)]
struct WordUsage<'a> {
    capitalised_inside: HashSet<&'a str>,
    lower_case: HashSet<&'a str>,
}

impl<'a> CueFinder<'a> {
    fn text(&self, range: Range<usize>) -> &str {
        &self.article.text[range]
    }

    fn introductions(&self) -> &[Option<usize>] {
        self.introductions
            .get_or_init(|| block_introductions(self.article))
    }

    fn usage(&self) -> &WordUsage<'a> {
        let article: &'a Article = self.article;
        self.usage.get_or_init(|| {
            let mut usage = WordUsage::default();
            for sentence in &article.sentences {
                for (k, token) in article.tokens_of(sentence).iter().enumerate() {
                    if !token.is_word() {
                        continue;
                    }
                    if !token.capitalised() {
                        usage.lower_case.insert(article.lower(token));
                    } else if k > 0 {
                        usage.capitalised_inside.insert(article.lower(token));
                    }
                }
            }
            usage
        })
    }

    /// The article writes the word in lower case somewhere.
    fn written_in_lower_case(&self, lower: &str) -> bool {
        self.usage().lower_case.contains(lower)
    }

    /// The article capitalises the word somewhere a sentence does not start: "Osei" of "Lena
    /// Osei said", not "Rather" of "Rather, he said".
    fn named_mid_sentence(&self, lower: &str) -> bool {
        self.usage().capitalised_inside.contains(lower)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::check::analyse;
    use crate::config::Settings;
    use crate::document::Format;

    /// (status, speaker, outlet) of each claim, in order.
    pub(super) fn attributed(text: &str) -> Vec<(Status, Option<String>, Option<String>)> {
        attributed_as(text, Format::Plain)
    }

    fn attributed_markdown(text: &str) -> Vec<(Status, Option<String>, Option<String>)> {
        attributed_as(text, Format::Markdown)
    }

    fn attributed_as(text: &str, format: Format) -> Vec<(Status, Option<String>, Option<String>)> {
        let settings = Settings::builtin();
        let article = Article::parse("t", Arc::from(text), format, &settings.lexicon);
        let a = analyse(article, &settings);
        a.attributions
            .claims
            .iter()
            .map(|at| {
                let cue = at.cue.map(|i| &a.attributions.cues[i]);
                let speaker = cue
                    .and_then(|c| c.speaker.as_ref())
                    .or(at.subject.as_ref())
                    .map(|m| m.text.clone());
                let outlet = cue.and_then(|c| c.outlet.as_ref()).map(|m| m.text.clone());
                (at.status, speaker, outlet)
            })
            .collect()
    }

    pub(super) fn speaker(text: &str) -> Option<String> {
        attributed(text)[0].1.clone()
    }

    #[test]
    fn an_interview_phrase_names_the_outlet_the_speaker_spoke_to() {
        let got = attributed("Alan Briggs, speaking to the BBC, said “no patient will lose out”.");
        assert_eq!(
            (got[0].1.as_deref(), got[0].2.as_deref()),
            (Some("Alan Briggs"), Some("BBC"))
        );
        // Without the phrase, nobody is said to have spoken to an outlet.
        let got = attributed("Alan Briggs said “no patient will lose out”.");
        assert_eq!(got[0].2, None);
    }

    #[test]
    fn a_paragraph_labelling_a_document_introduces_its_words() {
        let text = "The council published its annual transport review on Monday. From the Kessa \
            Council review:\n\n“Bus use fell by a fifth, and two routes carried fewer than ten \
            passengers a day.”\n";
        assert_eq!(speaker(text).as_deref(), Some("Kessa Council"));
        // "the review" points back to the one the article named.
        let text = "The Harrow Review found the depot unsafe.\n\nFrom the review:\n\n“Every crane \
            on the east quay needs replacing.”\n";
        assert_eq!(speaker(text).as_deref(), Some("Harrow Review"));
        // A paragraph ending on a document that is not labelled as the source introduces nothing.
        let text = "Nobody from the council came to the review:\n\n“We were left to guess.”\n";
        assert_eq!(attributed(text)[0].0, Status::None);
    }

    #[test]
    fn an_unresolved_pronoun_is_attributed_not_vague() {
        let got = attributed("“We are nearly there,” she said.");
        assert_eq!(got[0].0, Status::Named);
    }

    #[test]
    fn a_paragraph_about_a_named_report_gives_its_figures() {
        let text = "The Harrow Review found the depot unsafe.\n\nThe review lists every fault. It puts repairs at £4m, and 12 cranes need replacing.\n";
        let got = attributed(text);
        assert!(
            got.iter().all(|(status, _, _)| *status == Status::Named),
            "{got:?}"
        );
        assert_eq!(got[0].1.as_deref(), Some("Harrow Review"));
    }

    #[test]
    fn a_document_named_with_a_capitalised_noun_keeps_the_noun() {
        let got = attributed("The Harlow Commission documented 2,310 deaths.");
        assert_eq!(got[0].1.as_deref(), Some("Harlow Commission"));
    }

    #[test]
    fn a_bare_number_repeated_shares_a_source_only_when_it_counts_the_same_thing() {
        let text =
            "Police said 40 homes burned.\n\nBy night 40 homes were empty and 40 buses came.\n";
        let got = attributed(text);
        assert_eq!(got[1].0, Status::Named, "the same 40 homes");
        assert_eq!(got[2].0, Status::None, "40 buses are another count");
    }

    #[test]
    fn a_headline_quoting_part_of_an_attributed_quote_shares_its_speaker() {
        let text = "# ‘We were let down’: council leader on the fraud\n\n\
                    “We were let down by someone we trusted,” Bea Okafor said.\n";
        let got = attributed_markdown(text);
        assert_eq!(got[0].1.as_deref(), Some("Bea Okafor"));
        // Other words are not the quote.
        let text = "# ‘We were fooled by him’ in Harwell\n\n\
                    “We were let down by someone we trusted,” Bea Okafor said.\n";
        let got = attributed_markdown(text);
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn he_is_not_somebody_the_article_called_she() {
        let text = "Bea Okafor spoke first. “We will recover the money,” she said.\n\n\
                    Her deputy was less sure. “I doubt we will see it again,” he told reporters.";
        let got = attributed(text);
        assert_eq!(got[0].1.as_deref(), Some("Bea Okafor"));
        assert_ne!(got[1].1.as_deref(), Some("Bea Okafor"));
        // An honorific says it too.
        let text = "Ms Okafor spoke first.\n\n“I doubt we will see it again,” he told reporters.";
        assert_ne!(speaker(text).as_deref(), Some("Okafor"));
        let text = "Mr Okafor spoke first.\n\n“I doubt we will see it again,” he told reporters.";
        assert_eq!(speaker(text).as_deref(), Some("Okafor"));
    }

    #[test]
    fn a_paragraph_of_quotes_continues_the_speaker_before() {
        let text = "“The bridge is safe,” said engineer Tomas Reyes.\n\n“It will carry trams for fifty years, and the bearings were all replaced last spring.”\n";
        let got = attributed(text);
        assert_eq!(got[1].0, Status::Named);
        assert_eq!(got[1].1.as_deref(), Some("Tomas Reyes"));
    }
}
