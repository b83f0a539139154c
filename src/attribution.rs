//! Ties each claim to whoever it is attributed to. First every *cue* in the article is found: a
//! reporting verb with its speaker ("Graham told Fox News"), a phrase that names a source
//! ("according to Reuters"), a measure ("by official measures"). Each cue's source is named, vague
//! or not a source at all ("the outreach suggests" attributes nothing). Then each claim takes the
//! best cue in its sentence, else inherits from the quote just before it, else takes one from its
//! paragraph; a claim repeated elsewhere with a named source shares that source.

use std::ops::Range;

use crate::claims::{Claim, ClaimKind};
use crate::document::Article;
use crate::lexicon::{Lexicon, ends_with_any, phrase_at};
use crate::position::within_any;
use crate::sources::{Names, SourceList};
use crate::text::{Token, TokenKind};

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
    };
    let quote_parts: Vec<Range<usize>> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .flat_map(|c| c.parts.iter().cloned())
        .collect();
    let mut cues: Vec<Cue> = Vec::new();
    // Every person the article names, in order: what "he" and "she" point back to.
    let mut people: Vec<Mention> = Vec::new();
    for (index, sentence) in article.sentences.iter().enumerate() {
        if skip[sentence.block] || article.blocks[sentence.block].disclaimer {
            continue;
        }
        let tokens: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| !within_any(&quote_parts, &t.range))
            .collect();
        people.extend(finder.people_in(&tokens));
        for mut cue in finder.cues_in(&tokens, index, sentence.block) {
            let antecedents = Antecedents {
                cues: &cues,
                people: &people,
                lex,
            };
            resolve_pronoun(&mut cue, &antecedents, list, &article.text);
            resolve_title(&mut cue, &cues, &article.text);
            cues.push(cue);
        }
    }
    let mut out: Vec<Attribution> = Vec::with_capacity(claims.len());
    for i in 0..claims.len() {
        let attribution = attribute_claim(article, claims, i, &cues, &out, &finder);
        out.push(attribution);
    }
    share_repeated_claims(claims, &mut out);
    for attribution in &mut out {
        attribution.listed = attribution
            .cue
            .is_some_and(|c| cue_is_listed(&cues[c], list, names));
    }
    Attributions { cues, claims: out }
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
    if claim.kind == ClaimKind::Quote
        && let Some(previous) = previous_quote(article, claims, index)
        && done[previous].status != Status::None
    {
        let mut inherited = done[previous].clone();
        inherited.scope = Scope::PreviousQuote;
        return inherited;
    }
    // A colon right before the claim introduces it; a paragraph ending in a colon introduces
    // the next one, whose own attributions come first.
    let colon = introduction(article, claim);
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
    if claim.kind == ClaimKind::Quote
        && in_block_is_empty(cues, claim.block)
        && let Some(previous) = remarks_continued(article, claims, index)
        && done[previous].status != Status::None
    {
        let mut inherited = done[previous].clone();
        inherited.scope = Scope::PreviousQuote;
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
    if claim.kind == ClaimKind::Figure
        && sentences.start < article.sentences.len()
        && let Some(document) = finder.document_subject(sentences.start, claim.span.start)
    {
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
fn introduction(article: &Article, claim: &Claim) -> Option<usize> {
    let text = &article.text;
    let block = &article.blocks[claim.block];
    let before = text[block.range.start..claim.span.start].trim_end();
    if before.ends_with(':') {
        return Some(block.range.start + before.len() - 1);
    }
    // Otherwise the paragraph before introduces this one ("The report lists its findings:"),
    // or the list or block quote this block is an item of.
    let kind = block.kind;
    let mut index = claim.block;
    while index > 0 {
        index -= 1;
        let previous = &article.blocks[index];
        let words = text[previous.range.clone()].trim_end();
        if words.is_empty() {
            continue;
        }
        if words.ends_with(':') {
            return Some(previous.range.start + words.len() - 1);
        }
        if previous.kind != kind || kind == crate::document::BlockKind::Paragraph {
            return None;
        }
    }
    None
}

/// The source the introduction names: a cue in its sentence, else the name right before the
/// colon (a speaker's label), else the named person the sentence is about.
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
fn share_repeated_claims(claims: &[Claim], out: &mut [Attribution]) {
    for i in 0..claims.len() {
        if out[i].status == Status::Named {
            continue;
        }
        let twin = (0..claims.len()).find(|&j| {
            j != i
                && out[j].status == Status::Named
                && claims[j].kind == claims[i].kind
                && claims[j].key == claims[i].key
        });
        if let Some(j) = twin {
            out[i] = out[j].clone();
            out[i].scope = Scope::Elsewhere;
        }
    }
}

/// "the union said" takes the listed source or the organisation cited earlier whose name ends
/// with that noun ("Port Workers Union"); failing both, it is a named body of its own.
fn resolve_anaphor(speaker: &Mention, earlier: &[Cue], list: &SourceList, text: &str) -> Mention {
    let noun = speaker
        .text
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    if DOCUMENT_NOUNS.contains(&noun.as_str()) {
        let named = named_document_before(text, &noun, speaker.span.start);
        return Mention {
            kind: if named.is_some() {
                SourceKind::Body
            } else {
                SourceKind::Vague
            },
            text: named.unwrap_or_else(|| speaker.text.clone()),
            span: speaker.span.clone(),
        };
    }
    let ends_with_noun = |name: &str| {
        name.split_whitespace()
            .last()
            .is_some_and(|w| w.to_lowercase() == noun)
    };
    let earlier_name = earlier
        .iter()
        .rev()
        .flat_map(|c| c.speaker.iter().chain(c.outlet.iter()))
        .find(|m| {
            matches!(m.kind, SourceKind::Organisation | SourceKind::Body) && ends_with_noun(&m.text)
        })
        .map(|m| (m.text.clone(), m.kind));
    let listed = list
        .entries
        .iter()
        .find(|e| ends_with_noun(&e.name))
        .map(|e| (e.name.clone(), SourceKind::Organisation));
    let (text, kind) = listed
        .or(earlier_name)
        .unwrap_or((speaker.text.clone(), SourceKind::Body));
    Mention {
        text,
        span: speaker.span.clone(),
        kind,
    }
}

/// Documents a definite noun phrase can point back to.
const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "study",
    "survey",
    "poll",
    "paper",
    "review",
    "audit",
    "inquiry",
    "analysis",
    "commission",
];

/// The last "Defense Science Board report" (capitalised words right before the noun) before
/// `before`: the name of the document "the report" points back to.
fn named_document_before(text: &str, noun: &str, before: usize) -> Option<String> {
    let head = &text[..before];
    let lower = head.to_lowercase();
    let needle = format!(" {noun}");
    lower.rmatch_indices(&needle).find_map(|(at, _)| {
        let after = lower[at + needle.len()..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let words: Vec<&str> = head[..at]
            .split_whitespace()
            .rev()
            .take(5)
            .take_while(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && !w.ends_with([',', '.', ';', ':'])
            })
            .collect();
        let name: Vec<&str> = words.into_iter().rev().collect();
        (!name.is_empty()).then(|| name.join(" "))
    })
}

/// "the mayor said" takes the name of the mayor the article named before ("Mayor Ines Park").
fn resolve_title(cue: &mut Cue, earlier: &[Cue], text: &str) {
    let Some(speaker) = &mut cue.speaker else {
        return;
    };
    let Some(title) = speaker
        .text
        .strip_prefix("the ")
        .or(speaker.text.strip_prefix("The "))
    else {
        return;
    };
    if speaker.kind != SourceKind::Person {
        return;
    }
    let title = title.to_lowercase();
    let named = earlier
        .iter()
        .rev()
        .filter_map(|c| c.speaker.as_ref())
        .find(|m| {
            m.kind == SourceKind::Person
                && !m.text.to_lowercase().starts_with("the ")
                && text[m.span.clone()].to_lowercase().contains(&title)
        });
    if let Some(named) = named {
        speaker.text = named.text.clone();
        return;
    }
    if let Some(name) = titled_name_before(text, &title, speaker.span.start) {
        speaker.text = name;
    }
}

/// The last "Mayor Ines Park" before `before`: the title capitalised, then up to three
/// capitalised words.
fn titled_name_before(text: &str, title: &str, before: usize) -> Option<String> {
    let head = &text[..before];
    let mut capitalised = String::new();
    let mut chars = title.chars();
    capitalised.extend(chars.next()?.to_uppercase());
    capitalised.push_str(chars.as_str());
    let needle = format!("{capitalised} ");
    head.rmatch_indices(&needle).find_map(|(at, _)| {
        let words: Vec<&str> = head[at + needle.len()..]
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_end_matches([',', '.', ';', ':', '’', '\'']))
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    })
}

/// "he said" takes the nearest compatible speaker before it in the article; failing one, it stays
/// a pronoun (attributed, not vague).
/// What a pronoun can point back to: earlier speakers, and every person named before.
struct Antecedents<'a> {
    cues: &'a [Cue],
    people: &'a [Mention],
    lex: &'a Lexicon,
}

impl Antecedents<'_> {
    /// An unnamed somebody ("a village chief") can be "he"; "a coup" cannot.
    fn is_somebody(&self, m: &Mention) -> bool {
        let head = m
            .text
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        self.lex.role_nouns.contains(&head) || is_agent_noun(&head)
    }
}

fn resolve_pronoun(cue: &mut Cue, earlier: &Antecedents, list: &SourceList, text: &str) {
    let Some(speaker) = &cue.speaker else {
        return;
    };
    if speaker.kind == SourceKind::Anaphor {
        cue.speaker = Some(resolve_anaphor(speaker, earlier.cues, list, text));
        return;
    }
    if speaker.kind != SourceKind::Pronoun {
        return;
    }
    let pronoun = speaker.text.to_lowercase();
    let personal = matches!(pronoun.as_str(), "he" | "she");
    let wanted = |m: &Mention| match pronoun.as_str() {
        "he" | "she" | "i" | "who" => {
            m.kind == SourceKind::Person || m.kind == SourceKind::Vague && earlier.is_somebody(m)
        }
        "it" => matches!(m.kind, SourceKind::Organisation | SourceKind::Body),
        _ => m.kind != SourceKind::Pronoun,
    };
    let from_cues = earlier
        .cues
        .iter()
        .rev()
        .filter_map(|c| c.speaker.as_ref())
        .find(|m| wanted(m));
    let named_before = earlier
        .people
        .iter()
        .rev()
        .find(|m| personal && m.span.end <= speaker.span.start);
    // The nearer of the last speaker and the last person named.
    let antecedent = match (from_cues, named_before) {
        (Some(c), Some(p)) if p.span.start > c.span.start => Some(p),
        (Some(c), _) => Some(c),
        (None, p) => p,
    };
    match antecedent {
        Some(m) => {
            cue.speaker = Some(Mention {
                kind: m.kind,
                text: m.text.clone(),
                span: speaker.span.clone(),
            })
        }
        // "they said" with nobody named before is a group nobody named.
        None if matches!(pronoun.as_str(), "they" | "we") => {
            cue.speaker = Some(Mention {
                kind: SourceKind::Vague,
                ..speaker.clone()
            })
        }
        None => {}
    }
}

struct CueFinder<'a> {
    article: &'a Article,
    lex: &'a Lexicon,
    names: &'a Names,
    list: &'a SourceList,
}

const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "been",
    "be",
    "also",
    "later",
    "then",
    "previously",
    "again",
    "still",
    "already",
    "now",
    "just",
    "even",
    "never",
    "once",
    "first",
    "last",
    "not",
    "had",
    "should",
    "must",
    "repeatedly",
    "often",
    "has",
    "recently",
    "earlier",
    "separately",
    "further",
    "publicly",
    "reportedly",
];

/// Verbs that attribute only when a document, a count or an organisation is their subject.
const DOCUMENT_VERBS: &[&str] = &["show", "shows", "showed", "shown", "find", "finds", "found"];

/// Reporting verbs that are also plural nouns.
const NOUN_VERBS: &[&str] = &[
    "reports",
    "claims",
    "estimates",
    "notes",
    "states",
    "calls",
    "quotes",
    "remarks",
    "tweets",
    "posts",
    "answers",
    "replies",
    "warnings",
    "counts",
    "tallies",
    "briefs",
    "forecasts",
    "projects",
    "promises",
    "pledges",
    "vows",
    "cites",
    "complains",
];

const LOCATIVES: &[&str] = &["in", "from", "at", "near", "outside", "inside"];

/// Words that end a noun phrase read backwards from a verb.
const PHRASE_STOPS: &[&str] = &[
    "with", "while", "and", "but", "or", "in", "on", "at", "to", "from", "for", "by", "that",
    "which", "what", "who", "whom", "as", "though", "although", "because", "when", "after",
    "before", "since", "if", "where", "than", "despite", "into", "about", "over", "under", "so",
    "yet", "whether", "how", "why", "once", "until", "unless",
];

/// Source phrases about published numbers or documents: a name after them is an organisation.
const DATA_WORDS: &[&str] = &[
    "data",
    "figures",
    "statistics",
    "report",
    "reports",
    "survey",
    "poll",
    "study",
    "research",
    "estimates",
    "tally",
    "count",
    "published",
    "released",
    "compiled",
    "reporting",
];

/// A phrase opening with one of these is somebody unnamed: "a fisherman", "one surgeon".
const INDEFINITE: &[&str] = &["a", "an", "one", "another", "some", "several", "many"];

const DEFINITE: &[&str] = &[
    "the", "this", "that", "these", "those", "its", "his", "her", "their", "our",
];

const DETERMINERS: &[&str] = &[
    "its", "his", "her", "their", "our", "the", "a", "an", "this", "that", "these", "those",
    "some", "one", "two", "several", "many", "other",
];

const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "al", "el", "la", "le", "du", "von", "van", "bin", "-", "&",
    "on",
];

impl CueFinder<'_> {
    fn text(&self, range: Range<usize>) -> &str {
        &self.article.text[range]
    }

    fn cues_in(&self, tokens: &[&Token], sentence: usize, block: usize) -> Vec<Cue> {
        let words: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
        let mut cues = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let (cue, next) = self.cue_at(tokens, &words, i);
            if let Some((span, speaker, outlet)) = cue
                && (speaker.is_some() || outlet.is_some())
            {
                cues.push(Cue {
                    span,
                    sentence,
                    block,
                    speaker,
                    outlet,
                });
            }
            i = next.max(i + 1);
        }
        cues
    }

    #[allow(clippy::type_complexity)]
    fn cue_at(
        &self,
        tokens: &[&Token],
        words: &[String],
        i: usize,
    ) -> (
        Option<(Range<usize>, Option<Mention>, Option<Mention>)>,
        usize,
    ) {
        let span_of = |from: usize, to: usize| tokens[from].range.start..tokens[to - 1].range.end;
        if let Some(phrase) = self
            .lex
            .measure_phrases
            .iter()
            .find(|p| phrase_at(words, i, p))
        {
            let end = i + phrase.len();
            let mention = Mention {
                text: self.text(span_of(i, end)).to_string(),
                span: span_of(i, end),
                kind: SourceKind::Vague,
            };
            return (Some((span_of(i, end), Some(mention), None)), end);
        }
        if let Some(phrase) = self
            .lex
            .source_phrases
            .iter()
            .find(|p| phrase_at(words, i, p))
        {
            let end = i + phrase.len();
            let Some((mention, _)) = self.phrase_after(tokens, words, end) else {
                return (None, end);
            };
            let mut mention = mention;
            let names_data = phrase.iter().any(|w| DATA_WORDS.contains(&w.as_str()));
            if names_data && mention.kind == SourceKind::Person {
                // "data from MarineTrack": whoever publishes data is an organisation, an outlet
                // only when its name says so.
                let words: Vec<String> = mention
                    .text
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                mention.kind = self.organisation_kind(&words);
            }
            let (speaker, outlet) = if mention.kind == SourceKind::Organisation {
                (None, Some(mention))
            } else {
                (Some(mention), None)
            };
            return (Some((span_of(i, end), speaker, outlet)), end);
        }
        if let Some(phrase) = self
            .lex
            .slogan_verbs
            .iter()
            .find(|p| phrase_at(words, i, p))
        {
            let end = i + phrase.len();
            let crowd = self.phrase_before(tokens, words, i).map_or_else(
                || Mention {
                    text: "crowd".into(),
                    span: span_of(i, end),
                    kind: SourceKind::Crowd,
                },
                |m| Mention {
                    kind: SourceKind::Crowd,
                    ..m
                },
            );
            return (Some((span_of(i, end), Some(crowd), None)), end);
        }
        if tokens[i].kind != TokenKind::Word || !self.lex.reporting_verbs.contains(&words[i]) {
            return (None, i + 1);
        }
        if tokens[i].capitalised && i > 0 {
            return (None, i + 1);
        }
        if is_passive(words, i) {
            // "it was announced", "the toll was reported": the subject did not speak; only an
            // agent after "by" did.
            let agent = (words.get(i + 1).is_some_and(|w| w == "by"))
                .then(|| self.phrase_after(tokens, words, i + 2))
                .flatten()
                .map(|(m, _)| m);
            return match agent {
                Some(m) => (Some((span_of(i, i + 1), Some(m), None)), i + 1),
                None => (None, i + 1),
            };
        }
        if let Some(cue) = self.quoted_as_saying(tokens, words, i) {
            return (Some(cue), i + 1);
        }
        let mut speaker = self.phrase_before(tokens, words, i);
        if self.is_noun_here(tokens, words, i, speaker.as_ref()) {
            return (None, i + 1);
        }
        let mut after = i + 1;
        let inverted_allowed = i == 0 || tokens[i - 1].kind == TokenKind::Punct;
        if speaker.is_none()
            && inverted_allowed
            && let Some((mention, end)) = self.phrase_after(tokens, words, i + 1)
        {
            speaker = Some(mention);
            after = end;
        }
        let outlet = self.outlet_after(tokens, words, i, after);
        let speaker = speaker.map(|m| self.as_reporter(m, &words[i]));
        (Some((span_of(i, i + 1), speaker, outlet)), i + 1)
    }

    /// "The Valley Post quotes Ana Lutz, a nurse, as saying …": the person quoted speaks, the
    /// one quoting is the outlet.
    #[allow(clippy::type_complexity)]
    fn quoted_as_saying(
        &self,
        tokens: &[&Token],
        words: &[String],
        verb: usize,
    ) -> Option<(Range<usize>, Option<Mention>, Option<Mention>)> {
        if !matches!(words[verb].as_str(), "quotes" | "quoted" | "quote") {
            return None;
        }
        let (person, _) = self.phrase_after(tokens, words, verb + 1)?;
        if person.kind != SourceKind::Person {
            return None;
        }
        let quoter = self.phrase_before(tokens, words, verb).map(|m| Mention {
            kind: SourceKind::Organisation,
            ..m
        });
        Some((tokens[verb].range.clone(), Some(person), quoter))
    }

    /// "Iran International reported": a named organisation that reports is acting as an outlet,
    /// unless it is a public body ("police reported").
    fn as_reporter(&self, mention: Mention, verb: &str) -> Mention {
        // "report" in the present is how labs and agencies describe their own findings.
        let reports = verb.starts_with("report") && verb != "report";
        let words: Vec<String> = mention
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let institutional = ends_with_any(&words, words.len(), &self.lex.institutional_sources);
        if reports && mention.kind == SourceKind::Body && !institutional {
            return Mention {
                kind: SourceKind::Organisation,
                ..mention
            };
        }
        mention
    }

    /// The outlet the words were said to or appeared on: "told CNN", "on Truth Social",
    /// "to the BBC", "in an interview with NPR".
    fn outlet_after(
        &self,
        tokens: &[&Token],
        words: &[String],
        verb: usize,
        from: usize,
    ) -> Option<Mention> {
        let outlet = self.outlet_or_platform_after(tokens, words, verb, from)?;
        let lower = outlet.text.to_lowercase();
        let platform = self
            .lex
            .platforms
            .iter()
            .any(|p| p.join(" ") == lower || p.join(" ") == lower.trim_start_matches("the "));
        (!platform).then_some(outlet)
    }

    fn outlet_or_platform_after(
        &self,
        tokens: &[&Token],
        words: &[String],
        verb: usize,
        from: usize,
    ) -> Option<Mention> {
        if matches!(words[verb].as_str(), "told" | "tell" | "tells" | "telling")
            && let Some((m, _)) = self.phrase_after(tokens, words, verb + 1)
            && m.kind == SourceKind::Organisation
        {
            return Some(m);
        }
        let limit = (from + 16).min(tokens.len());
        let mut j = from;
        while j < limit {
            if PHRASE_STOPS.contains(&words[j].as_str())
                && !matches!(words[j].as_str(), "on" | "to" | "in")
            {
                return None;
            }
            if tokens[j].lower == "“" || tokens[j].lower == "\"" {
                return None;
            }
            if let Some(p) = self
                .lex
                .outlet_phrases
                .iter()
                .find(|p| phrase_at(words, j, p))
                && let Some((m, _)) = self.phrase_after(tokens, words, j + p.len())
                && m.kind == SourceKind::Organisation
            {
                return Some(m);
            }
            j += 1;
        }
        None
    }

    /// The noun phrase ending right before token `end` (a verb), skipping auxiliaries, adverbs,
    /// a parenthetical short form and an appositive.
    fn phrase_before(&self, tokens: &[&Token], words: &[String], end: usize) -> Option<Mention> {
        let mut j = end;
        while j > 0 && (AUXILIARIES.contains(&words[j - 1].as_str()) || is_adverb(&words[j - 1])) {
            j -= 1;
        }
        if j == 0 {
            return None;
        }
        if words[j - 1] == ")"
            && let Some(open) = (j.saturating_sub(8)..j - 1)
                .rev()
                .find(|&k| words[k] == "(")
        {
            // "the UN refugee agency (UNHCR) said": the short form is what the list uses. Any
            // other aside ("(D-Ore.)", "(pictured)") is skipped.
            if open + 2 == j - 1 && tokens[open + 1].capitalised {
                return Some(self.name(tokens, open + 1, j - 1));
            }
            j = open;
            if j == 0 {
                return None;
            }
        }
        if j > 0 && words[j - 1] == "," {
            let Some(comma) = (0..j - 1).rev().find(|&k| words[k] == ",") else {
                // "A spokesperson declined to comment, saying only …": the sentence's subject.
                if words[end].ends_with("ing") {
                    return self.phrase_after(tokens, words, 0).map(|(m, _)| m);
                }
                return None;
            };
            // "the court’s deputy prosecutor, Nadia Osei-Bonsu, told": a name in the
            // appositive is the speaker; a description ("a Republican from Ohio") is not.
            if tokens[comma + 1].capitalised
                && !DETERMINERS.contains(&words[comma + 1].as_str())
                && (comma + 1..j - 1).all(|k| self.continues_name(tokens, words, k))
            {
                return Some(self.name(tokens, comma + 1, j - 1));
            }
            return self.phrase_ending(tokens, words, comma);
        }
        self.phrase_ending(tokens, words, j)
    }

    fn phrase_ending(&self, tokens: &[&Token], words: &[String], end: usize) -> Option<Mention> {
        let mut end = end;
        // "Kmart Corp. announced": the full stop belongs to the abbreviation.
        if end >= 2
            && words[end - 1] == "."
            && tokens[end - 2].range.end == tokens[end - 1].range.start
            && self
                .lex
                .abbreviations
                .contains(&format!("{}.", words[end - 2]))
        {
            end -= 1;
        }
        if end >= 3 && words[end - 1] == ")" && words[end - 3] == "(" {
            end -= 3;
        }
        if end == 0 {
            return None;
        }
        let head = tokens[end - 1];
        // "Iran’s reported decision": a possessive qualifies a noun, it does not speak; nor does
        // a determiner or a linking word ("a record for the chamber").
        let not_a_noun = DETERMINERS.contains(&head.lower.as_str())
            || INDEFINITE.contains(&head.lower.as_str())
            || PHRASE_STOPS.contains(&head.lower.as_str());
        if head.kind != TokenKind::Word
            || head.lower.ends_with("’s")
            || head.lower.ends_with("'s")
            || not_a_noun
        {
            return None;
        }
        if self.lex.pronouns.contains(&head.lower) {
            return Some(self.mention(tokens, end - 1, end, SourceKind::Pronoun));
        }
        let sentence_initial_common =
            end == 1 && (!self.is_proper(tokens, 0) || self.is_common_plural(tokens, 0));
        if head.capitalised && !sentence_initial_common {
            let mut start = end - 1;
            while start > 0 && self.continues_name(tokens, words, start - 1) {
                start -= 1;
            }
            while start < end - 1 && !tokens[start].capitalised {
                start += 1;
            }
            let name = self.name(tokens, start, end);
            if start >= 2
                && LOCATIVES.contains(&words[start - 1].as_str())
                && tokens[start - 2].is_word()
            {
                // "analysts at Barclays", "a researcher from the WHO": an organisation speaks
                // through its people; "a paediatrician in Leeds": the place does not speak.
                let affiliation = words[start - 1] == "at" || name.kind != SourceKind::Person;
                if affiliation {
                    let kind = match name.kind {
                        SourceKind::Organisation => SourceKind::Organisation,
                        _ => SourceKind::Body,
                    };
                    return Some(Mention { kind, ..name });
                }
                return self.phrase_ending(tokens, words, start - 1);
            }
            return Some(name);
        }
        let mut start = end - 1;
        while start > 0 && end - start < 8 && tokens[start - 1].kind == TokenKind::Word {
            let word = words[start - 1].as_str();
            // "sources close to the presidency", "people familiar with the talks"
            let hedge_link = start >= 2
                && matches!(
                    (words[start - 2].as_str(), word),
                    ("close", "to") | ("familiar", "with")
                );
            if !hedge_link
                && (PHRASE_STOPS.contains(&word)
                    || self.lex.reporting_verbs.contains(word)
                    || self.lex.calendar_words.contains(word)
                    || self.lex.months.contains(word))
            {
                break;
            }
            start -= 1;
        }
        // "another 150 millimetres of rain forecast": a quantity, not a speaker.
        if start > 0 && tokens[start - 1].kind == TokenKind::Number {
            return None;
        }
        self.common_phrase(tokens, words, start, end)
    }

    /// The noun phrase starting at token `start`: a name, a pronoun, or a common phrase.
    fn phrase_after(
        &self,
        tokens: &[&Token],
        words: &[String],
        start: usize,
    ) -> Option<(Mention, usize)> {
        let mut i = start;
        while i < tokens.len() && DETERMINERS.contains(&words[i].as_str()) {
            i += 1;
        }
        let first = tokens.get(i)?;
        if first.kind != TokenKind::Word {
            return None;
        }
        if self.lex.pronouns.contains(&first.lower) {
            return Some((self.mention(tokens, i, i + 1, SourceKind::Pronoun), i + 1));
        }
        let calendar = self.lex.months.contains(&first.lower)
            || self.lex.calendar_words.contains(&first.lower);
        if first.capitalised && (self.lex.not_names.contains(&first.lower) || calendar) {
            return None;
        }
        if first.capitalised {
            let mut end = i + 1;
            while end < tokens.len() && self.continues_name(tokens, words, end) {
                end += 1;
            }
            while end > i + 1 && !tokens[end - 1].capitalised {
                end -= 1;
            }
            if end + 2 < tokens.len() && words[end] == "(" && words[end + 2] == ")" {
                return Some((self.name(tokens, i, end), end + 3));
            }
            return Some((self.name(tokens, i, end), end));
        }
        let mut end = i;
        while end < tokens.len()
            && end - i < 5
            && tokens[end].kind == TokenKind::Word
            && !PHRASE_STOPS.contains(&words[end].as_str())
            && (end == i || !self.is_verb_here(&words[end]))
        {
            if tokens[end].capitalised {
                // "council leader Ruth Amari": a lower-case title before a name.
                return self.phrase_after(tokens, words, end);
            }
            end += 1;
        }
        // The longest prefix whose last word is a source noun: "human rights groups, with…".
        let (mention, e) = (i + 1..=end).rev().find_map(|e| {
            self.common_phrase(tokens, words, start.min(i), e)
                .map(|m| (m, e))
        })?;
        // "according to an estimate by Munich Re", "filings in the U.S. District Court": the
        // document's author is the source.
        if words
            .get(e)
            .is_some_and(|w| matches!(w.as_str(), "by" | "from" | "in" | "of"))
            && let Some((named, named_end)) = self.phrase_after(tokens, words, e + 1)
            && matches!(named.kind, SourceKind::Organisation | SourceKind::Body)
        {
            return Some((named, named_end));
        }
        // "said the interior minister, Halima Ssempa": the name after the role speaks.
        if words.get(e).is_some_and(|w| w == ",")
            && tokens.get(e + 1).is_some_and(|t| t.capitalised)
        {
            let mut name_end = e + 2;
            while name_end < tokens.len() && self.continues_name(tokens, words, name_end) {
                name_end += 1;
            }
            while name_end > e + 2 && !tokens[name_end - 1].capitalised {
                name_end -= 1;
            }
            let name = self.name(tokens, e + 1, name_end);
            if name.kind == SourceKind::Person {
                return Some((name, name_end));
            }
        }
        Some((mention, e))
    }

    fn continues_name(&self, tokens: &[&Token], words: &[String], at: usize) -> bool {
        let token = tokens[at];
        if self.lex.calendar_words.contains(&words[at]) || self.lex.months.contains(&words[at]) {
            return false;
        }
        if token.kind == TokenKind::Word
            && (token.capitalised || token.is_acronym(&self.article.text))
        {
            return true;
        }
        let glued_before = at > 0 && tokens[at - 1].range.end == token.range.start;
        let glued =
            glued_before && at + 1 < tokens.len() && token.range.end == tokens[at + 1].range.start;
        if words[at] == "-" && glued {
            return true;
        }
        // "Dr. Rania Haddad": the full stop of a title.
        if words[at] == "."
            && glued_before
            && self
                .lex
                .abbreviations
                .contains(&format!("{}.", words[at - 1]))
        {
            return at + 1 < tokens.len() && tokens[at + 1].capitalised;
        }
        // "Teachers’ Alliance": a plural possessive inside a name.
        if (words[at] == "’" || words[at] == "'") && glued_before && words[at - 1].ends_with('s')
        {
            return at + 1 < tokens.len() && tokens[at + 1].capitalised;
        }
        words[at] != "-" && CONNECTORS.contains(&words[at].as_str())
    }

    /// "Engineers described…" at the start of a sentence: a plural common noun, capitalised only
    /// by its position. Surnames end in -s too ("Williams said"), so the word must be a known
    /// kind of person in the singular or appear in lower case elsewhere in the article.
    fn is_common_plural(&self, tokens: &[&Token], at: usize) -> bool {
        let word = tokens[at].lower.as_str();
        let Some(singular) = word.strip_suffix('s') else {
            return false;
        };
        if word.ends_with("ss") || tokens[at].is_acronym(&self.article.text) {
            return false;
        }
        if self.names.is_known_outlet(word) || self.names.find_entry(self.list, word).is_some() {
            return false;
        }
        self.lex.role_nouns.contains(singular)
            || self.lex.role_nouns.contains(word)
            || self.article.text.contains(&format!(" {word} "))
    }

    /// "Intelligence reports suggest", "Court records show": a plural noun after the word that
    /// opens the sentence, not a verb with a one-word name for its speaker.
    fn is_noun_here(
        &self,
        tokens: &[&Token],
        words: &[String],
        verb: usize,
        speaker: Option<&Mention>,
    ) -> bool {
        let Some(speaker) = speaker else {
            return false;
        };
        // "The survey found", "figures show": documents show and find; people do not report
        // by showing ("Trump showed his hand").
        let definite = self.text(speaker.span.clone()).starts_with(['T', 't'])
            && self
                .text(speaker.span.clone())
                .to_lowercase()
                .starts_with("the ");
        if DOCUMENT_VERBS.contains(&words[verb].as_str())
            && (speaker.kind == SourceKind::Pronoun
                || speaker.kind == SourceKind::Person && !definite)
        {
            return true;
        }
        let plural_noun = NOUN_VERBS.contains(&words[verb].as_str());
        let one_opening_word = verb == 1 && speaker.span == tokens[0].range;
        plural_noun && one_opening_word && speaker.kind == SourceKind::Person
    }

    /// A reporting verb that is also a source noun ("reports", "estimates") reads as the noun
    /// inside a phrase: "according to official estimates".
    fn is_verb_here(&self, word: &str) -> bool {
        self.lex.reporting_verbs.contains(word)
            && !self
                .lex
                .vague_sources
                .iter()
                .any(|p| p.len() == 1 && p[0] == word)
    }

    fn is_proper(&self, tokens: &[&Token], at: usize) -> bool {
        let token = tokens[at];
        if token.is_acronym(&self.article.text) {
            return true;
        }
        let lower = token.lower.as_str();
        token.capitalised
            && !self
                .lex
                .vague_sources
                .iter()
                .any(|p| p.len() == 1 && p[0] == lower)
            && !self.lex.role_nouns.contains(lower)
            && !DETERMINERS.contains(&lower)
            && !self.lex.pronouns.contains(lower)
            && !self.lex.not_names.contains(lower)
            && !self.lex.months.contains(lower)
            && !self.lex.calendar_words.contains(lower)
    }

    /// A proper word before an institution: "Iranian authorities", "US officials". At the start
    /// of a sentence every word is capitalised, so there it must look like a demonym or acronym.
    fn qualifies(&self, tokens: &[&Token], k: usize) -> bool {
        if !tokens[k].capitalised || !self.is_proper(tokens, k) {
            return false;
        }
        if k > 0 || tokens[k].is_acronym(&self.article.text) {
            return true;
        }
        let word = tokens[k].lower.as_str();
        ["an", "ese", "ish", "i", "ch"]
            .iter()
            .any(|s| word.ends_with(s))
    }

    /// A common noun phrase: vague when its head is a vague source or an unnamed person, named
    /// when a proper word qualifies an institution ("Iranian authorities"), otherwise no source.
    fn common_phrase(
        &self,
        tokens: &[&Token],
        words: &[String],
        start: usize,
        end: usize,
    ) -> Option<Mention> {
        if start >= end {
            return None;
        }
        let phrase: Vec<String> = words[start..end]
            .iter()
            .map(|w| w.trim_end_matches("’s").trim_end_matches("'s").to_string())
            .collect();
        let mention = |kind| Some(self.mention(tokens, start, end, kind));
        if phrase
            .windows(2)
            .any(|w| w == ["close", "to"] || w == ["familiar", "with"])
        {
            return mention(SourceKind::Vague);
        }
        // "supporters of the government", "a spokesperson for the ministry": the noun before
        // "of"/"for" is the head, and what follows only qualifies it.
        let split = phrase
            .iter()
            .position(|w| w == "of" || w == "for")
            .filter(|&k| k > 0);
        let core = &phrase[..split.unwrap_or(phrase.len())];
        let qualifier = split.map_or(start..start, |k| start + k + 1..end);
        let head = core[core.len() - 1].as_str();
        let indefinite = INDEFINITE.contains(&phrase[0].as_str());
        let is_org_token = |k: usize| {
            let upto = &words[start..=k];
            tokens[k].is_acronym(&self.article.text)
                || tokens[k].capitalised
                    && (ends_with_any(upto, upto.len(), &self.lex.institutional_sources)
                        || ends_with_any(upto, upto.len(), &self.lex.organisation_words))
        };
        let org_modifier = (start..start + core.len() - 1).any(is_org_token);
        let org_qualifier = qualifier.clone().any(|k| tokens[k].capitalised)
            || ends_with_any(
                &words[qualifier.clone()],
                qualifier.len(),
                &self.lex.institutional_sources,
            );
        let role = self.lex.role_nouns.contains(head);
        if role && (org_modifier || org_qualifier) {
            return mention(SourceKind::Body);
        }
        if !indefinite && ends_with_any(core, core.len(), &self.lex.institutional_sources) {
            return mention(SourceKind::Body);
        }
        let qualified = (start..start + core.len() - 1).any(|k| self.qualifies(tokens, k));
        if qualified && ends_with_any(core, core.len(), &self.lex.qualified_sources) {
            return mention(SourceKind::Body);
        }
        if org_modifier && ends_with_any(core, core.len(), &self.lex.organisation_words) {
            let kind = self.organisation_kind(&phrase);
            return mention(kind);
        }
        // "the report said": the report the article named before, if it named one.
        let definite_document = DEFINITE.contains(&phrase[0].as_str())
            && core.len() == 2
            && DOCUMENT_NOUNS.contains(&head);
        if definite_document {
            return mention(SourceKind::Anaphor);
        }
        // "a fisherman", "one surgeon": an unnamed person; "a democratic (state)": an adjective
        // left behind by a noun read as a verb, no source at all.
        let unnamed_person = indefinite && !is_adjective(head);
        if role || unnamed_person || ends_with_any(core, core.len(), &self.lex.vague_sources) {
            return mention(SourceKind::Vague);
        }
        // "Prison governors warned": a bare plural is a group of unnamed people ("the engineers"
        // too, when the singular is a known kind of person).
        let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
        let definite = DEFINITE.contains(&phrase[0].as_str());
        let known_people = head
            .strip_suffix('s')
            .is_some_and(|one| self.lex.role_nouns.contains(one));
        if plural && (!definite || known_people) {
            return mention(SourceKind::Vague);
        }
        // "the union said": an organisation named earlier, referred to by its kind.
        if definite && self.lex.organisation_nouns.contains(head) {
            return mention(SourceKind::Anaphor);
        }
        // "the mayor said": the holder of one office, named by it (and by name earlier, when
        // the article gave it: see `resolve_title`).
        let title = self
            .lex
            .person_titles
            .iter()
            .any(|t| t.len() == 1 && t[0] == head);
        if definite && core.len() <= 3 && title {
            return mention(SourceKind::Person);
        }
        None
    }

    /// A proper name: a person, an organisation, or a government body.
    fn name(&self, tokens: &[&Token], start: usize, end: usize) -> Mention {
        let mut start = start;
        // "US-based Human Rights…": the place is not part of the name.
        if let Some(based) = (start..end).rev().find(|&k| tokens[k].lower == "based") {
            start = (based + 1).min(end - 1);
        }
        if end - start > 1 && tokens[start].lower == "the" {
            start += 1;
        }
        // "Anna Kessler of the Teachers’ Alliance": the person speaks; the group is affiliation.
        if let Some(of) = (start + 2..end).find(|&k| tokens[k].lower == "of") {
            let person_span = tokens[start].range.start..tokens[of - 1].range.end;
            let person = self.text(person_span.clone()).to_string();
            if self.classify_name(&person, tokens, start, of) == SourceKind::Person {
                return Mention {
                    text: person,
                    span: person_span,
                    kind: SourceKind::Person,
                };
            }
        }
        let span = tokens[start].range.start..tokens[end - 1].range.end;
        let text = one_line(self.text(span.clone()).trim_end_matches(['’', '\'']));
        let kind = self.classify_name(&text, tokens, start, end);
        if kind != SourceKind::Person {
            return Mention { text, span, kind };
        }
        // "Chair Sen. Dana Whitfield": the person is Dana Whitfield; the span keeps the titles,
        // which name the office they speak for.
        let name_start = self.after_titles(tokens, start, end);
        let text = one_line(
            self.text(tokens[name_start].range.start..tokens[end - 1].range.end)
                .trim_end_matches(['’', '\'']),
        );
        Mention { text, span, kind }
    }

    /// The first token after the titles that open a name, leaving at least one word.
    fn after_titles(&self, tokens: &[&Token], start: usize, end: usize) -> usize {
        let words: Vec<String> = tokens[start..end].iter().map(|t| t.lower.clone()).collect();
        let mut at = 0;
        loop {
            let abbreviation = words.get(at + 1).is_some_and(|w| w == ".")
                && self.lex.abbreviations.contains(&format!("{}.", words[at]));
            let title = self
                .lex
                .person_titles
                .iter()
                .filter(|p| phrase_at(&words, at, p))
                .map(Vec::len)
                .max();
            let skip = match (abbreviation, title) {
                (true, _) => 2,
                (false, Some(len)) => len,
                (false, None) => break,
            };
            let rest_is_name = words[at + skip..]
                .iter()
                .zip(&tokens[start + at + skip..end])
                .any(|(w, t)| t.capitalised && w != ".");
            if at + skip >= words.len() || !rest_is_name {
                break;
            }
            at += skip;
        }
        start + at
    }

    fn classify_name(&self, text: &str, tokens: &[&Token], start: usize, end: usize) -> SourceKind {
        if self.names.find_entry(self.list, text).is_some() || self.names.is_known_outlet(text) {
            return SourceKind::Organisation;
        }
        let words: Vec<String> = tokens[start..end].iter().map(|t| t.lower.clone()).collect();
        let has = |phrase: &Vec<String>| {
            (0..words.len()).any(|i| phrase_at(&words, i, phrase))
                || phrase.len() == 1
                    && phrase[0].contains('-')
                    && text.to_lowercase().contains(&phrase[0])
        };
        if self.lex.person_titles.iter().any(has) {
            return SourceKind::Person;
        }
        // "Health Ministry" is a body; "Kabul News Agency" is an outlet: an organisation word
        // other than the institutional head decides.
        let body_head = ends_with_any(&words, words.len(), &self.lex.institutional_sources);
        let head_len = words.len() - 1;
        let org_word = self.lex.organisation_words.iter().any(|p| {
            (0..head_len).any(|i| phrase_at(&words[..head_len], i, p)) || !body_head && has(p)
        });
        if org_word {
            return self.organisation_kind(&words);
        }
        if body_head {
            return SourceKind::Body;
        }
        if end - start == 1 && tokens[start].is_acronym(&self.article.text) {
            return SourceKind::Body;
        }
        SourceKind::Person
    }

    /// An organisation whose name says it publishes news ("Kabul News Agency", "Valley
    /// Tribune") is an outlet the source list should hold; any other ("Harlow Mills", "the
    /// Kessa Institute") speaks for itself, a primary source like a government body.
    fn organisation_kind(&self, words: &[String]) -> SourceKind {
        let outlet = self
            .lex
            .outlet_words
            .iter()
            .any(|p| (0..words.len()).any(|i| phrase_at(words, i, p)));
        if outlet {
            SourceKind::Organisation
        } else {
            SourceKind::Body
        }
    }

    fn mention(&self, tokens: &[&Token], start: usize, end: usize, kind: SourceKind) -> Mention {
        let span = tokens[start].range.start..tokens[end - 1].range.end;
        Mention {
            text: one_line(self.text(span.clone())),
            span,
            kind,
        }
    }

    /// "Secretary of the Air Force Ana Lutz:" — a name that ends right at the colon labels
    /// what follows as its words.
    fn label_before(&self, sentence: usize, colon: usize) -> Option<Mention> {
        let tokens: Vec<&Token> = self.article.sentences[sentence]
            .tokens
            .iter()
            .filter(|t| t.range.end <= colon)
            .collect();
        let words: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
        let last = tokens.last()?;
        if !last.capitalised {
            return None;
        }
        let mention = self.phrase_ending(&tokens, &words, tokens.len())?;
        mention.is_named().then_some(mention)
    }

    /// "The report was based on 35,000 testimonies", "The white paper puts the cost at £1bn":
    /// an article describing a document it named gives the document's figures. The sentence
    /// must open with "the"/"this" and a document noun that points back to a named document.
    fn document_subject(&self, sentence: usize, before: usize) -> Option<Mention> {
        let tokens: Vec<&Token> = self.article.sentences[sentence]
            .tokens
            .iter()
            .filter(|t| t.range.end <= before)
            .take(3)
            .collect();
        let first = tokens.first()?;
        if !matches!(first.lower.as_str(), "the" | "this" | "its") {
            return None;
        }
        let noun = tokens[1..]
            .iter()
            .find(|t| DOCUMENT_NOUNS.contains(&t.lower.as_str()))?;
        let text = &self.article.text;
        let named = named_document_before(text, &noun.lower, first.range.start)
            .or_else(|| named_document_before(text, &noun.lower, text.len()))?;
        Some(Mention {
            text: named,
            span: first.range.start..noun.range.end,
            kind: SourceKind::Body,
        })
    }

    /// The first named person in the sentence before `before`: who a sentence ending in a colon
    /// introduces ("During the audience the Pope expressed his hopes: …").
    fn person_before(&self, sentence: usize, before: usize) -> Option<Mention> {
        let tokens: Vec<&Token> = self.article.sentences[sentence]
            .tokens
            .iter()
            .filter(|t| t.range.end <= before)
            .collect();
        self.people_in(&tokens).into_iter().next()
    }

    /// The people a sentence names, in order.
    fn people_in(&self, tokens: &[&Token]) -> Vec<Mention> {
        let words: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
        let mut people = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            if !(tokens[start].capitalised && self.is_proper(tokens, start)) {
                start += 1;
                continue;
            }
            let mut end = start + 1;
            while end < tokens.len() && self.continues_name(tokens, &words, end) {
                end += 1;
            }
            while end > start + 1 && !tokens[end - 1].capitalised {
                end -= 1;
            }
            let mention = self.name(tokens, start, end);
            // A lone capitalised word opening the sentence is too often not a name at all.
            let lone_opening = start == 0 && end == 1;
            if mention.kind == SourceKind::Person && !lone_opening {
                people.push(mention);
            }
            start = end;
        }
        people
    }

    /// The named person a sentence is about, when they come before `before`: "U.S. President
    /// Donald Trump has maintained … the “biggest and best” naval assets".
    fn subject_before(&self, sentence: usize, before: usize) -> Option<Mention> {
        let tokens: Vec<&Token> = self.article.sentences[sentence]
            .tokens
            .iter()
            .filter(|t| t.range.end <= before)
            .collect();
        let words: Vec<String> = tokens.iter().map(|t| t.lower.clone()).collect();
        // The subject opens the sentence, perhaps after a short lead-in ("However, …").
        let lead_in = tokens
            .iter()
            .take(4)
            .position(|t| t.lower == ",")
            .map_or(0, |c| c + 1);
        let mut start = lead_in;
        while start < tokens.len() && start <= lead_in + 3 {
            if tokens[start].capitalised && self.is_proper(&tokens, start) {
                let mut end = start + 1;
                while end < tokens.len() && self.continues_name(&tokens, &words, end) {
                    end += 1;
                }
                while end > start + 1 && !tokens[end - 1].capitalised {
                    end -= 1;
                }
                let mention = self.name(&tokens, start, end);
                if mention.kind == SourceKind::Person
                    && end < tokens.len()
                    && tokens[end].kind == TokenKind::Word
                {
                    return Some(mention);
                }
                start = end;
                continue;
            }
            start += 1;
        }
        None
    }
}

/// A form of "be" before the verb, past any adverbs: "was announced", "has been widely reported".
/// "is saying" is not passive.
fn is_passive(words: &[String], verb: usize) -> bool {
    if words[verb].ends_with("ing") {
        return false;
    }
    let mut j = verb;
    while j > 0 && (AUXILIARIES.contains(&words[j - 1].as_str()) || is_adverb(&words[j - 1])) {
        if matches!(
            words[j - 1].as_str(),
            "is" | "are" | "was" | "were" | "been" | "be"
        ) {
            return true;
        }
        j -= 1;
    }
    false
}

/// A noun for somebody who does something: "fisherman", "driver", "surgeon", "activist".
fn is_agent_noun(word: &str) -> bool {
    let word = word.strip_suffix('s').unwrap_or(word);
    [
        "er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "eon", "ee", "ive",
    ]
    .iter()
    .any(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
}

/// A word that looks like an adjective by its ending: "democratic", "national", "famous".
fn is_adjective(word: &str) -> bool {
    [
        "ic", "al", "ous", "ful", "less", "able", "ible", "ary", "ive",
    ]
    .iter()
    .any(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
        && !matches!(
            word,
            "detective" | "representative" | "executive" | "official"
        )
}

fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && !matches!(word, "only" | "early" | "family" | "italy" | "daily")
}

/// A name wrapped over two lines is one name.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::check::analyse;
    use crate::config::Settings;
    use crate::document::Format;

    /// (status, speaker, outlet) of each claim, in order.
    fn attributed(text: &str) -> Vec<(Status, Option<String>, Option<String>)> {
        let settings = Settings::builtin();
        let article = Article::parse("t.txt", Arc::from(text), Format::Plain, &settings.lexicon);
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

    fn speaker(text: &str) -> Option<String> {
        attributed(text)[0].1.clone()
    }

    #[test]
    fn a_definite_office_holder_is_named_and_takes_the_earlier_name() {
        let got = attributed("The mayor said 4,000 jobs would follow.");
        assert_eq!(got[0].0, Status::Named);
        let text = "Mayor Ines Park opened the depot on Monday. Later the mayor said 4,000 jobs would follow.";
        assert_eq!(speaker(text).as_deref(), Some("Ines Park"));
    }

    #[test]
    fn titles_and_party_labels_around_a_name_yield_the_name() {
        let text = "“We will vote no,” committee Chair Sen. Dana Whitfield (D-Ore.) said.";
        assert_eq!(speaker(text).as_deref(), Some("Dana Whitfield"));
    }

    #[test]
    fn an_unresolved_pronoun_is_attributed_not_vague() {
        let got = attributed("“We are nearly there,” she said.");
        assert_eq!(got[0].0, Status::Named);
    }

    #[test]
    fn a_pronoun_takes_a_speaker_named_paragraphs_before() {
        let text = "Lena Osei, the port director, spoke first.\n\n“Cranes arrive in May,” Osei said.\n\nThe unions met later.\n\nThe tide was high.\n\n“We will need 300 more staff,” she said.\n";
        let got = attributed(text);
        assert_eq!(got.last().unwrap().1.as_deref(), Some("Osei"));
    }

    #[test]
    fn passive_reporting_verbs_name_nobody_but_their_agent() {
        assert_eq!(
            attributed("The loss of 40 jobs was announced on Friday.")[0].0,
            Status::None
        );
        let got = attributed("The loss of 40 jobs was announced by Harlow Mills on Friday.");
        assert_eq!(got[0].0, Status::Named);
    }

    #[test]
    fn plural_nouns_that_look_like_verbs_are_not_cues() {
        // The reports are the (unnamed) source, not a person called Intelligence.
        let got = attributed("Intelligence reports suggest 300 fighters crossed.");
        assert_eq!(got[0].0, Status::Vague);
        assert_eq!(got[0].1.as_deref(), Some("Intelligence reports"));
    }

    #[test]
    fn people_do_not_report_by_showing_but_documents_do() {
        assert_eq!(
            attributed("Okafor showed 12 slides to the board.")[0].0,
            Status::None
        );
        assert_eq!(
            attributed("The survey found 12% of farms had closed.")[0].0,
            Status::Vague
        );
    }

    #[test]
    fn a_persons_own_channel_is_not_an_outlet() {
        let got = attributed("“Never again,” Governor Ada Voss wrote on Truth Social.");
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].2, None);
        let got = attributed("“Never again,” Governor Ada Voss told CNN.");
        assert_eq!(got[0].2.as_deref(), Some("CNN"));
    }

    #[test]
    fn a_capitalised_opening_word_is_not_a_name() {
        assert_eq!(
            attributed("Somehow said 30 homes were lost, nobody knows why.")[0].0,
            Status::None
        );
    }

    #[test]
    fn a_paragraph_of_quotes_continues_the_speaker_before() {
        let text = "“The bridge is safe,” said engineer Tomas Reyes.\n\n“It will carry trams for fifty years, and the bearings were all replaced last spring.”\n";
        let got = attributed(text);
        assert_eq!(got[1].0, Status::Named);
        assert_eq!(got[1].1.as_deref(), Some("Tomas Reyes"));
    }
}
