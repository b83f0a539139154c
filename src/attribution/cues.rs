//! Finding cues: the words in a sentence that attribute ("said", "according to", "by official
//! measures", "chanted") and the speaker and outlet each names. It is kept apart from reading
//! names because what decides here is the verb: a passive ("was announced") names nobody but its
//! agent, a plural noun that looks like a verb ("Intelligence reports") is no cue, and a person's
//! own channel ("on Truth Social") is not an outlet.

use std::ops::Range;

use super::names::{PHRASE_STOPS, is_demonym, is_possessive, without_possessive};
use super::{Cue, CueFinder, Mention, SourceKind};
use crate::lexicon::ends_with_any;
use crate::text::{Token, TokenKind};

/// Words that stand between a subject and its verb ("has also said"): skipped when reading the
/// speaker back from the verb, and where a passive shows ("was announced").
pub(super) const AUXILIARIES: &[&str] = &[
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

/// What a cue found: its span, the speaker it names and the outlet it names.
type Found = (Range<usize>, Option<Mention>, Option<Mention>);

/// A cue at `span` crediting `source`: an organisation as the outlet, anyone else as the
/// speaker ("according to Reuters", "by the council's count", "the message from Tom Reed").
fn credited(span: Range<usize>, source: Mention) -> Found {
    if source.kind == SourceKind::Organisation {
        (span, None, Some(source))
    } else {
        (span, Some(source), None)
    }
}

/// Bodies that hear evidence: what "the court heard" is attributed to the proceedings.
const HEARING_BODIES: &[&str] = &[
    "court",
    "jury",
    "tribunal",
    "inquest",
    "inquiry",
    "hearing",
    "trial",
    "committee",
    "magistrates",
    "judge",
];

/// What a publisher puts out under its name: "in a Kessa Herald editorial".
const PUBLISHED_PIECES: &[&str] = &[
    "editorial",
    "article",
    "headline",
    "column",
    "story",
    "report",
    "piece",
    "feature",
    "investigation",
    "analysis",
    "interview",
    "broadcast",
    "documentary",
    "podcast",
    "commentary",
    "survey",
    "poll",
    "study",
];

/// Whose count a figure is, after "by" and an owner: "by the council's count".
const COUNT_NOUNS: &[&str] = &[
    "count",
    "tally",
    "estimate",
    "estimates",
    "reckoning",
    "calculation",
    "calculations",
    "figures",
];

/// What somebody said, named as a noun after its owner: "In Okafor's words", "Okafor's reply".
const SPEECH_NOUNS: &[&str] = &[
    "words", "reply", "response", "answer", "message", "retort", "verdict", "comment", "remark",
    "quote", "tweet", "post",
];

/// What somebody holds, as "X's conclusion is that …" gives it.
const VIEW_NOUNS: &[&str] = &[
    "conclusion",
    "assessment",
    "view",
    "position",
    "finding",
    "findings",
    "estimate",
    "forecast",
    "argument",
    "belief",
    "verdict",
    "answer",
    "response",
];

/// Verbs that report only with "out" after them: "she pointed out that …", not "the points".
const PHRASAL_VERBS: &[&str] = &["point", "points", "pointed", "pointing"];

/// Verbs that report when a statement is what they put out ("issued a statement").
const STATEMENT_VERBS: &[&str] = &[
    "issue", "issues", "issued", "release", "releases", "released",
];

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

/// Words a finite verb never directly follows ("a series of tweets", "rebroadcasts of shows").
/// "to" is left out: "declined to say" is a verb.
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "with", "from", "about", "via", "without", "during", "after", "before",
    "under", "over", "against", "between", "among", "into", "through", "within", "upon",
];

/// Reporting words in -ing that are also nouns: "issued a travel warning", against "received a
/// complaint saying".
const NOUN_GERUNDS: &[&str] = &[
    "warning",
    "ruling",
    "finding",
    "filing",
    "posting",
    "recording",
    "writing",
    "reading",
    "showing",
    "briefing",
    "hearing",
];

/// Verbs whose past is spelt like their bare form.
const SAME_IN_THE_PAST: &[&str] = &[
    "put",
    "read",
    "forecast",
    "broadcast",
    "cast",
    "bid",
    "set",
    "cut",
    "hit",
    "let",
    "quit",
    "spread",
    "upset",
    "bet",
];

/// What follows a plural noun, never a reporting verb: "the rural states are", "its claims
/// were".
const COPULAS: &[&str] = &[
    "are", "were", "have", "had", "will", "would", "can", "could",
];

/// "A few officials say", "a dozen residents claim": "a" that opens a plural subject.
const PLURAL_QUANTIFIERS: &[&str] = &[
    "few", "dozen", "couple", "number", "lot", "majority", "minority", "handful", "host", "range",
    "total",
];

/// Reporting verbs in -ing that are more often nouns.
const GERUNDS: &[&str] = &["labelling", "labeling", "branding", "dubbing", "terming"];

/// Words that only come before a noun, never before a verb.
const NOUN_DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "my", "your",
    "every", "each",
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

impl CueFinder<'_> {
    pub(super) fn cues_in(&self, tokens: &[&Token], sentence: usize, block: usize) -> Vec<Cue> {
        let words: Vec<&str> = tokens.iter().map(|t| self.article.lower(t)).collect();
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

    fn cue_at(&self, tokens: &[&Token], words: &[&str], i: usize) -> (Option<Found>, usize) {
        let span_of =
            |from: usize, to: usize| tokens[from].range().start..tokens[to - 1].range().end;
        if let Some(phrase) = self.lex.measure_phrases.longest_at(words, i) {
            let end = i + phrase.len();
            let mention = Mention {
                text: self.text(span_of(i, end)).to_string(),
                span: span_of(i, end),
                kind: SourceKind::Vague,
            };
            return (Some((span_of(i, end), Some(mention), None)), end);
        }
        if let Some(phrase) = self.lex.source_phrases.longest_at(words, i) {
            let end = i + phrase.len();
            let Some((mention, _)) = self.phrase_after(tokens, words, end) else {
                return (None, end);
            };
            let mut mention = mention;
            let names_data = phrase.iter().any(|w| DATA_WORDS.contains(&w.as_str()));
            if names_data && mention.kind == SourceKind::Person {
                // "data from MarineTrack": whoever publishes data is an organisation, an outlet
                // only when its name says so.
                let lower = mention.text.to_lowercase();
                let words: Vec<&str> = lower.split_whitespace().collect();
                mention.kind = self.organisation_kind(&words);
            }
            return (Some(credited(span_of(i, end), mention)), end);
        }
        if let Some(phrase) = self.lex.slogan_verbs.longest_at(words, i) {
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
        if let Some((cue, end)) = self.dash_credit(tokens, words, i) {
            return (Some(cue), end);
        }
        if let Some((cue, end)) = self.by_their_count(tokens, words, i) {
            return (Some(cue), end);
        }
        if let Some((cue, end)) = self.in_named_piece(tokens, words, i) {
            return (Some(cue), end);
        }
        if let Some(cue) = self.in_their_words(tokens, words, i) {
            return (Some(cue), i + 1);
        }
        if let Some((cue, end)) = self.message_from(tokens, words, i) {
            return (Some(cue), end);
        }
        let phrasal = PHRASAL_VERBS.contains(&words[i]) && words.get(i + 1) == Some(&"out");
        // "The agency issued the following statement: …": issuing a statement is saying it.
        let statement = STATEMENT_VERBS.contains(&words[i])
            && words[i + 1..(i + 4).min(words.len())].contains(&"statement");
        // "The court heard that …", "the inquest would later hear": evidence given before a
        // body that hears it, the way court reports attribute.
        let hearing = matches!(words[i], "heard" | "hear" | "hears")
            && (i.saturating_sub(4)..i).any(|k| HEARING_BODIES.contains(&words[k]));
        if tokens[i].kind() != TokenKind::Word
            || !(phrasal || statement || hearing || self.lex.reporting_verbs.contains(words[i]))
        {
            return (None, i + 1);
        }
        if tokens[i].capitalised() && i > 0 {
            return (None, i + 1);
        }
        // "food labelling", "the branding": these are nouns unless a clause opens with them
        // (", labelling the remarks as …").
        if GERUNDS.contains(&words[i]) && (i == 0 || words[i - 1] != ",") {
            return (None, i + 1);
        }
        // "the state of the system", "a report", "its claims": a determiner makes it a noun.
        if i > 0 && NOUN_DETERMINERS.contains(&words[i - 1]) {
            return (None, i + 1);
        }
        if self.heads_noun_phrase(tokens, words, i) {
            return (None, i + 1);
        }
        if let Some(cue) = self.quoted_as_saying_passive(tokens, words, i) {
            return (Some(cue), i + 3);
        }
        if is_passive(words, i) {
            // "it was announced", "the toll was reported": the subject did not speak; only an
            // agent after "by" did.
            let agent = (words.get(i + 1).is_some_and(|w| *w == "by"))
                .then(|| self.phrase_after(tokens, words, i + 2))
                .flatten()
                .map(|(m, _)| m);
            return match agent {
                Some(m) => (Some((span_of(i, i + 1), Some(m), None)), i + 1),
                None => (None, i + 1),
            };
        }
        if self.is_naming(tokens, words, i) {
            return (None, i + 1);
        }
        if let Some(cue) = self.quoted_as_saying(tokens, words, i) {
            return (Some(cue), i + 1);
        }
        let mut speaker = self.phrase_before(tokens, words, i);
        if self.is_noun_here(tokens, words, i, speaker.as_ref()) {
            return (None, i + 1);
        }
        // "Omar Petit, spokesman for the mayor's lawyers said": the name speaks, not a noun
        // inside its description. A description that is the whole subject ("Paris, the city
        // officials said") speaks for itself.
        if !DOCUMENT_VERBS.contains(&words[i])
            && let Some((subject, description)) = self.appositive_subject(tokens, words, i)
            && speaker.as_ref().is_none_or(|m| m.span.start > description)
        {
            speaker = Some(subject);
        }
        let mut after = i + 1;
        // Only verbs of speaking invert ("…,” said the minister); "find a clean spot" is an
        // order, not a source.
        let inverted_allowed = (i == 0 || tokens[i - 1].kind() == TokenKind::Punct)
            && !DOCUMENT_VERBS.contains(&words[i])
            && !matches!(words[i], "put" | "puts" | "count" | "counts" | "record");
        if speaker.is_none()
            && inverted_allowed
            && let Some((mention, end)) = self.phrase_after(tokens, words, i + 1)
        {
            speaker = Some(mention);
            after = end;
        }
        let mut outlet = self.outlet_after(tokens, words, i, after);
        let mut speaker = speaker.map(|m| self.as_reporter(m, words[i]));
        if outlet.is_none()
            && let Some((reporter, employer)) = speaker.as_ref().and_then(|m| self.credit(m))
        {
            speaker = Some(reporter);
            outlet = Some(employer);
        }
        (Some((span_of(i, i + 1), speaker, outlet)), i + 1)
    }

    /// "By the council's count, 312 homes flooded", "by Reuters' tally": whose count it is.
    fn by_their_count(
        &self,
        tokens: &[&Token],
        words: &[&str],
        i: usize,
    ) -> Option<(Found, usize)> {
        if words[i] != "by" {
            return None;
        }
        let count = (i + 2..(i + 7).min(words.len())).find(|&k| COUNT_NOUNS.contains(&words[k]))?;
        // "Reuters' tally" may end its name with a lone apostrophe.
        let lone_apostrophe = matches!(words[count - 1], "'" | "’");
        let owner_end = if lone_apostrophe { count - 1 } else { count };
        let possessive = is_possessive(words[owner_end - 1])
            || lone_apostrophe && words[owner_end - 1].ends_with('s');
        if !possessive || owner_end <= i + 1 {
            return None;
        }
        let owner = self.possessive_owner(tokens, words, i + 1, owner_end)?;
        let span = tokens[i].range().start..tokens[count].range().end;
        Some((credited(span, owner), count + 1))
    }

    /// "In a Kessa Herald editorial, …", "in the Tribune's report": a piece named by who
    /// published it credits its publisher, as "according to" would. A place is nobody's
    /// publisher ("in a Kessa court", "in a Kenyan report").
    fn in_named_piece(
        &self,
        tokens: &[&Token],
        words: &[&str],
        i: usize,
    ) -> Option<(Found, usize)> {
        if words[i] != "in" || !matches!(words.get(i + 1), Some(&("a" | "an" | "the"))) {
            return None;
        }
        let first = i + 2;
        if !tokens.get(first)?.capitalised() {
            return None;
        }
        let mut end = self.name_end(tokens, words, first + 1);
        let possessive = end < words.len() && is_possessive(words[end - 1]);
        if !possessive && words.get(end).is_some_and(|w| matches!(*w, "’" | "'")) {
            end += 1;
        }
        let piece = words.get(end)?;
        // The piece ends its noun phrase: "in a Kessa story house" is a house.
        let phrase_ends = tokens.get(end + 1).is_none_or(|t| {
            let next = words[end + 1];
            t.kind() != TokenKind::Word
                || PHRASE_STOPS.contains(&next)
                || self.lex.reporting_verbs.contains(next)
        });
        if !PUBLISHED_PIECES.contains(piece) || !phrase_ends {
            return None;
        }
        let publisher = without_possessive(self.name(tokens, first, end));
        let known = self.names.is_known_outlet(&publisher.text)
            || self.names.find_entry(self.list, &publisher.text).is_some();
        let nation = end == first + 1 && is_demonym(&publisher.text.to_lowercase());
        if !known && (nation || self.is_place(&publisher.text)) {
            return None;
        }
        let span = tokens[i].range().start..tokens[end].range().end;
        Some((credited(span, publisher), end + 1))
    }

    /// "In Okafor's words, “…”", "Okafor's reply, “…”": the owner of the words is their
    /// speaker.
    fn in_their_words(&self, tokens: &[&Token], words: &[&str], i: usize) -> Option<Found> {
        let speech = SPEECH_NOUNS.contains(&words[i]);
        if !(speech || VIEW_NOUNS.contains(&words[i])) || i < 1 || !is_possessive(words[i - 1]) {
            return None;
        }
        if !tokens[i - 1].capitalised() {
            return None;
        }
        // The owner's name: the capitalised words that end in the possessive.
        let mut first = i - 1;
        while first > 0 && tokens[first - 1].capitalised() && words[first - 1] != "in" {
            first -= 1;
        }
        // "In Okafor's words, “…”", or the words right before the quote: "Okafor's reply,
        // “Not while I lead”, drew applause".
        let in_words = speech && first > 0 && words[first - 1] == "in";
        let quote_next = speech
            && (i + 1..(i + 3).min(words.len()))
                .take_while(|&k| k == i + 1 || matches!(words[k - 1], "," | ":"))
                .any(|k| matches!(words[k], "“" | "\"" | "‘"));
        // "“…,” Tanaka's quote reads": the words read as the owner's.
        let reads = speech && matches!(words.get(i + 1), Some(&("reads" | "read")));
        // "The agency's conclusion is that 12% of wells …": what the view holds is theirs.
        let holds =
            matches!(words.get(i + 1), Some(&("is" | "was"))) && words.get(i + 2) == Some(&"that");
        if !(in_words || quote_next || reads || holds) {
            return None;
        }
        // A sentence's opening "The" is capitalised, and no part of the name.
        while first + 1 < i && words[first] == "the" {
            first += 1;
        }
        let span = tokens[first].range().start..tokens[i - 1].range().end;
        let name: Vec<&str> = words[first..i].to_vec();
        let owner = Mention {
            text: self.text(span.clone()).to_string(),
            span,
            kind: match self.organisation_kind(&name) {
                SourceKind::Organisation => SourceKind::Organisation,
                _ => SourceKind::Person,
            },
        };
        let span = tokens[first.saturating_sub(usize::from(in_words))]
            .range()
            .start..tokens[i].range().end;
        Some((span, Some(without_possessive(owner)), None))
    }

    /// "“We will win,” was the message from coach Tom Reed", "That was the verdict of Dr Jane
    /// Kim": the words are the message of whoever it was from.
    fn message_from(&self, tokens: &[&Token], words: &[&str], i: usize) -> Option<(Found, usize)> {
        let noun = SPEECH_NOUNS.contains(&words[i]) || VIEW_NOUNS.contains(&words[i]);
        if !noun || i < 2 || words[i - 1] != "the" || !matches!(words[i - 2], "was" | "is") {
            return None;
        }
        if !matches!(words.get(i + 1), Some(&("from" | "of"))) {
            return None;
        }
        let (speaker, end) = self.phrase_after(tokens, words, i + 2)?;
        if !matches!(
            speaker.kind,
            SourceKind::Person | SourceKind::Organisation | SourceKind::Body
        ) {
            return None;
        }
        let span = tokens[i - 2].range().start..tokens[i + 1].range().end;
        Some((credited(span, speaker), end))
    }

    /// "“It was a system.” — Anjali Rao, prosecutor": a dash right after a closing quotation
    /// mark credits the quote to the name after it, as a pull quote or an epigraph does.
    fn dash_credit(&self, tokens: &[&Token], words: &[&str], i: usize) -> Option<(Found, usize)> {
        if i == 0 || !matches!(words[i], "—" | "–" | "―") {
            return None;
        }
        if !matches!(words[i - 1], "”" | "\"" | "’" | "»") {
            return None;
        }
        let (speaker, end) = self.phrase_after(tokens, words, i + 1)?;
        if !matches!(
            speaker.kind,
            SourceKind::Person | SourceKind::Organisation | SourceKind::Body
        ) {
            return None;
        }
        Some(((tokens[i].range(), Some(speaker), None), end))
    }

    /// "the Tribune's Maria Kovac reported": a reporter's credit names the outlet that
    /// reported, and the reporter.
    fn credit(&self, mention: &Mention) -> Option<(Mention, Mention)> {
        if mention.kind != SourceKind::Person {
            return None;
        }
        let text = self.text(mention.span.clone());
        let (owner, person) = text.split_once("’s ").or_else(|| text.split_once("'s "))?;
        let owner = owner.trim_start_matches("the ").trim_start_matches("The ");
        let lower = owner.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let outlet = self.names.is_known_outlet(owner)
            || self.names.find_entry(self.list, owner).is_some()
            || self.organisation_kind(&words) == SourceKind::Organisation;
        if !outlet || person.split_whitespace().count() < 2 {
            return None;
        }
        let person_start = mention.span.end - person.len();
        let employer = Mention {
            text: owner.to_string(),
            span: mention.span.start
                ..mention.span.start + text.find(owner).unwrap_or(0) + owner.len(),
            kind: SourceKind::Organisation,
        };
        let reporter = Mention {
            text: person.to_string(),
            span: person_start..mention.span.end,
            kind: SourceKind::Person,
        };
        Some((reporter, employer))
    }

    /// "The Valley Post quotes Ana Lutz, a nurse, as saying …": the person quoted speaks, the
    /// one quoting is the outlet.
    fn quoted_as_saying(&self, tokens: &[&Token], words: &[&str], verb: usize) -> Option<Found> {
        if !matches!(words[verb], "quotes" | "quoted" | "quote") {
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
        Some((tokens[verb].range(), Some(person), quoter))
    }

    /// "Petrov was quoted as saying": a passive that still names its speaker, the subject.
    fn quoted_as_saying_passive(
        &self,
        tokens: &[&Token],
        words: &[&str],
        verb: usize,
    ) -> Option<Found> {
        let saying = words[verb] == "quoted"
            && words.get(verb + 1) == Some(&"as")
            && words
                .get(verb + 2)
                .is_some_and(|w| matches!(*w, "saying" | "telling" | "stating"));
        if !saying {
            return None;
        }
        let speaker = self.phrase_before(tokens, words, verb)?;
        let span = tokens[verb].range().start..tokens[verb + 2].range().end;
        Some((span, Some(speaker), None))
    }

    /// "Iran International reported": a named organisation that reports is acting as an outlet,
    /// unless it is a public body ("police reported").
    fn as_reporter(&self, mention: Mention, verb: &str) -> Mention {
        // "report" in the present is how labs and agencies describe their own findings.
        let reports = verb.starts_with("report") && verb != "report";
        let lower = mention.text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
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
        words: &[&str],
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
        words: &[&str],
        verb: usize,
        from: usize,
    ) -> Option<Mention> {
        if matches!(words[verb], "told" | "tell" | "tells" | "telling")
            && let Some((m, _)) = self.phrase_after(tokens, words, verb + 1)
            && m.kind == SourceKind::Organisation
        {
            return Some(m);
        }
        let limit = (from + 16).min(tokens.len());
        let mut j = from;
        while j < limit {
            if PHRASE_STOPS.contains(&words[j]) && !matches!(words[j], "on" | "to" | "in") {
                return None;
            }
            if matches!(self.article.lower(tokens[j]), "“" | "\"") {
                return None;
            }
            if let Some(p) = self.lex.outlet_phrases.longest_at(words, j)
                && let Some((m, _)) = self.phrase_after(tokens, words, j + p.len())
                && m.kind == SourceKind::Organisation
            {
                return Some(m);
            }
            j += 1;
        }
        None
    }

    /// "Intelligence reports suggest", "Court records show": a plural noun after the word that
    /// opens the sentence, not a verb with a one-word name for its speaker.
    /// "a landmass called Pangea", "a breeder called Cameron": "called" names the noun before
    /// it; nobody speaks.
    fn is_naming(&self, tokens: &[&Token], words: &[&str], verb: usize) -> bool {
        if words[verb] != "called" || verb == 0 {
            return false;
        }
        let before = tokens[verb - 1];
        let noun_before = before.kind() == TokenKind::Word
            && !before.capitalised()
            && !self.lex.pronouns.contains(self.article.lower(before));
        // "a gathering called “God Bless the Base”": the name may be in quotation marks.
        let after = self.article.text[tokens[verb].range().end..].trim_start();
        let quoted_name = after
            .strip_prefix(['"', '“', '‘', '\'', '«', '„'])
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        noun_before && (quoted_name || tokens.get(verb + 1).is_some_and(|t| t.capitalised()))
    }

    /// "a series of tweets", "a blistering report", "a police state", "the rural states are":
    /// the reporting verb is the noun a phrase ends on, and nobody speaks. A verb never follows
    /// a preposition, a bare verb never has "a" or "an" in its subject ("a spokesman say"), and a
    /// plural noun is what takes "are" after it.
    fn heads_noun_phrase(&self, tokens: &[&Token], words: &[&str], verb: usize) -> bool {
        let Some(&before) = verb.checked_sub(1).and_then(|k| words.get(k)) else {
            return false;
        };
        let word = words[verb];
        if PREPOSITIONS.contains(&before) && !word.ends_with("ing") {
            return true;
        }
        if NOUN_VERBS.contains(&word) && words.get(verb + 1).is_some_and(|w| COPULAS.contains(w)) {
            return true;
        }
        let Some(article) = self.indefinite_subject(tokens, words, verb) else {
            return false;
        };
        // "as a spokesman put it", "a notice read": the past is spelt like the bare verb.
        let bare = !word.ends_with('s')
            && !word.ends_with("ed")
            && !word.ends_with("ing")
            && !SAME_IN_THE_PAST.contains(&word)
            && (self.lex.reporting_verbs.contains(&format!("{word}s"))
                || self.lex.reporting_verbs.contains(&format!("{word}es")));
        // "issued a worldwide safety warning": the object of a verb; "with a spokesman saying"
        // is a clause.
        let object = NOUN_GERUNDS.contains(&word)
            && article > 0
            && tokens[article - 1].kind() == TokenKind::Word
            && !matches!(words[article - 1], "with" | "and" | "but" | "as");
        bare || object
    }

    /// "a joint conference call", "an overloaded conference call": where "a" or "an" opens the
    /// words right before the verb, with nothing between that could be a verb or a plural
    /// quantifier.
    fn indefinite_subject(&self, tokens: &[&Token], words: &[&str], verb: usize) -> Option<usize> {
        for k in (verb.saturating_sub(4)..verb).rev() {
            let word = words[k];
            if matches!(word, "a" | "an" | "another" | "every" | "each") {
                return (k + 1 < verb).then_some(k);
            }
            // "A Kessa Herald report said": a name before the noun is its author, left to the
            // readers of names.
            let modifier = tokens[k].kind() == TokenKind::Word
                && !tokens[k].capitalised()
                && !AUXILIARIES.contains(&word)
                && !PLURAL_QUANTIFIERS.contains(&word)
                && !self.lex.pronouns.contains(word)
                && !is_adverb(word)
                && !matches!(
                    word,
                    "of" | "to" | "not" | "and" | "or" | "as" | "that" | "who" | "which"
                );
            if !modifier {
                return None;
            }
        }
        None
    }

    fn is_noun_here(
        &self,
        tokens: &[&Token],
        words: &[&str],
        verb: usize,
        speaker: Option<&Mention>,
    ) -> bool {
        let Some(speaker) = speaker else {
            return false;
        };
        // "The survey found", "figures show": documents show and find; people do not report
        // by showing ("Trump showed his hand").
        // "the Ledger found": a name after "the" is a publication or an institution.
        let speaker_at = tokens
            .iter()
            .position(|t| t.range().start == speaker.span.start);
        let the_before = speaker_at.is_some_and(|k| k > 0 && words[k - 1] == "the");
        // "…, ProPublica found.": a source named after the claim and a verb with nothing after
        // it report the clause before, whoever the source is.
        let after_claim = speaker_at.is_some_and(|k| k > 0 && words[k - 1] == ",")
            && words
                .get(verb + 1)
                .is_none_or(|w| matches!(*w, "." | "," | ";" | "in" | "last" | "this" | "on"));
        if after_claim {
            return false;
        }
        let definite = the_before
            || self.text(speaker.span.clone()).starts_with(['T', 't'])
                && self
                    .text(speaker.span.clone())
                    .to_lowercase()
                    .starts_with("the ");
        if DOCUMENT_VERBS.contains(&words[verb])
            && (speaker.kind == SourceKind::Pronoun
                || speaker.kind == SourceKind::Person && !definite)
        {
            return true;
        }
        // "Intelligence reports suggest": a plural noun with its own verb after it. "Zinni
        // estimates there are 4,000" is a verb.
        let plural_noun = NOUN_VERBS.contains(&words[verb]);
        let one_opening_word = verb == 1 && speaker.span == tokens[0].range();
        let verb_follows = words.get(verb + 1).is_some_and(|next| {
            self.lex.reporting_verbs.contains(*next) || DOCUMENT_VERBS.contains(next)
        });
        plural_noun && one_opening_word && speaker.kind == SourceKind::Person && verb_follows
    }
}

/// A form of "be" before the verb, past any adverbs: "was announced", "has been widely reported".
/// "is saying" is not passive.
fn is_passive(words: &[&str], verb: usize) -> bool {
    if words[verb].ends_with("ing") {
        return false;
    }
    let mut j = verb;
    while j > 0 && (AUXILIARIES.contains(&words[j - 1]) || is_adverb(words[j - 1])) {
        if matches!(words[j - 1], "is" | "are" | "was" | "were" | "been" | "be") {
            return true;
        }
        j -= 1;
    }
    false
}

pub(super) fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && !matches!(word, "only" | "early" | "family" | "italy" | "daily")
}

#[cfg(test)]
mod tests {
    use crate::attribution::Status;
    use crate::attribution::tests::{attributed, speaker};

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
    fn called_after_a_noun_names_it() {
        assert_eq!(
            attributed("The lake sits in a basin called Hollow Reach, 40 metres deep.")[0].0,
            Status::None
        );
        // A name in quotation marks is still a name, whoever is quoted around it.
        let text = "Pro-harbour activists planned a concurrent gathering called \"Hands Off Our \
                    Harbour Celebration,\" to honour the dockers and history of the port where \
                    the union is based. \"I know we will all be there,\" Maya Ortiz told the \
                    Kessa Herald.";
        assert_eq!(speaker(text).as_deref(), Some("Maya Ortiz"));
        assert_eq!(
            attributed("First, find a quiet room 3 metres wide.")[0].0,
            Status::None
        );
    }

    #[test]
    fn plural_nouns_that_look_like_verbs_are_not_cues() {
        // The reports are the (unnamed) source, not a person called Intelligence.
        let got = attributed("Intelligence reports suggest 300 fighters crossed.");
        assert_eq!(got[0].0, Status::Vague);
        assert_eq!(got[0].1.as_deref(), Some("Intelligence reports"));
        let got = attributed("Okafor estimates there are 4,000 eligible staff.");
        assert_eq!(got[0].1.as_deref(), Some("Okafor"));
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
    fn a_reporting_word_that_ends_a_noun_phrase_is_no_cue() {
        // After a preposition, after "a" and the words of its noun, or before "are": nouns.
        for text in [
            "The row began with a series of tweets about the 40 closures.",
            "He is best known for reruns of shows that drew 40 million viewers.",
            "The mayor was criticised in a scathing report about the 40 closures.",
            "Two ministers joined an emergency conference call about the 40 closures.",
            "Many of the coastal states are bracing for 40 centimetres of rain.",
            "The ministry issued a nationwide travel warning after 40 crashes.",
        ] {
            let got = attributed(text);
            assert_eq!((text, got.len()), (text, 1));
            assert_eq!((text, got[0].0), (text, Status::None));
        }
        // A verb after its subject, however the subject opens, is still a cue.
        let got = attributed("A few officials say 40 homes were lost.");
        assert_eq!(got[0].0, Status::Vague);
        let got = attributed("The flood took 60 homes, as a council spokesman put it.");
        assert_eq!(got[0].1.as_deref(), Some("a council spokesman"));
        // The council's own spokesman speaks for it.
        let got = attributed("The council quoted a spokesman as saying 40 homes were lost.");
        assert_eq!(got[0].0, Status::Named);
        let got = attributed(
            "Rival firms say 40 homes were lost, with a spokesman saying more may follow.",
        );
        assert_eq!(got[0].0, Status::Vague);
    }

    #[test]
    fn a_speaker_phrase_starts_at_its_article_not_in_the_clause_before() {
        // The complaint speaks; the family that received it is not part of the source.
        let got = attributed(
            "The family received a formal complaint saying 40 people had been disturbed.",
        );
        assert_eq!(got[0].0, Status::Vague);
        assert_eq!(got[0].1.as_deref(), Some("a formal complaint"));
        // Nor does a phrase run back over a verb's helper.
        let got = attributed("Sources have leaked transcripts showing 40 calls were ignored.");
        assert_ne!(got[0].1.as_deref(), Some("Sources have leaked transcripts"));
    }

    #[test]
    fn quoted_as_saying_names_its_subject_and_a_determiner_makes_a_noun() {
        let got = attributed("“We will not move on 40 percent,” Petrov was quoted as saying.");
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].1.as_deref(), Some("Petrov"));
        // "the state of" is a noun, not a reporting verb with the opening words as speaker.
        let got = attributed("In the North, the mood over the state of the 40 mills is grim.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn an_unnamed_document_is_vague_and_its_author_names_it() {
        let got = attributed("The bird flaps its wings 1% of the time, according to new research.");
        assert_eq!(got[0].0, Status::Vague);
        let got = attributed("The statement said a team of 40 officials would be formed.");
        assert_eq!(got[0].0, Status::Vague);
        let text = "According to research done by an anti-spam research company Kestrel, the country sends over 42% of all spam.";
        let got = attributed(text);
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].1.as_deref(), Some("Kestrel"));
        let got = attributed(
            "About 12% said yes, according to a poll carried out by the Harlow Institute.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Harlow Institute"));
        // A determiner starts a new phrase: the officers speak, not a capital further on.
        let got = attributed("According to officers the lawyers had offered R$200,000 in cash.");
        assert_eq!(got[0].0, Status::Vague);
        assert_eq!(got[0].1.as_deref(), Some("officers"));
    }

    #[test]
    fn a_document_s_maker_in_apposition_and_the_census_name_the_source() {
        let text = "The report, released on Tuesday by the Valech Commission, found that 1,200 \
                    people were held.";
        assert_eq!(speaker(text).as_deref(), Some("Valech Commission"));
        let text = "The study, published in the Lancet, found that 2,300 patients improved.";
        assert_eq!(speaker(text).as_deref(), Some("Lancet"));
        // A name joined by "of" is read whole, as the other readers of a name read it.
        let text = "The review, published by the Department of Health, found that 310 wards \
                    were short of staff.";
        assert_eq!(speaker(text).as_deref(), Some("Department of Health"));
        // Released somewhere, by nobody named: still an unnamed document.
        let got = attributed("The report, released in Geneva, found that 1,200 people were held.");
        assert_eq!(got[0].0, Status::Vague);
        let got = attributed("According to the 2011 census, Kessford has 5,200 residents.");
        assert_eq!(got[0].0, Status::Named);
        // The source ends at the comma when a clause of its own follows.
        let got = attributed("According to the survey, Kessford has 5,400 residents.");
        assert_eq!(got[0].0, Status::Vague);
        assert_eq!(got[0].1.as_deref(), Some("the survey"));
        let text = "According to its chief economist, Jane Doe, who spoke on Monday, rates will \
                    rise by 2%.";
        assert_eq!(speaker(text).as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn what_a_named_body_s_conclusion_holds_is_theirs() {
        let text = "The Kessa Water Board’s conclusion is that 12% of wells are polluted.";
        assert_eq!(speaker(text).as_deref(), Some("Kessa Water Board"));
        // A view nobody holds is no source, and a position is not always a view.
        let got = attributed("The conclusion is that 12% of wells are polluted.");
        assert_eq!(got[0].0, Status::None);
        let got = attributed("The Reds’ position is unclear after 40 fans were hurt.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_dated_document_a_comment_and_a_saying_clause_are_cues() {
        let got = attributed("A 2013 study found that 40% of users quit.");
        assert_eq!(
            (got[0].0, got[0].1.as_deref()),
            (Status::Vague, Some("A 2013 study"))
        );
        let got = attributed("One user commented online: “She is the prettiest bride.”");
        assert_eq!(got[0].0, Status::Vague);
        let text = "But analysts are raising concerns that the value has fallen 30%, saying worse \
                    may be ahead.";
        let got = attributed(text);
        assert_eq!(
            (got[0].0, got[0].1.as_deref()),
            (Status::Vague, Some("analysts"))
        );
        // A practice, a trust, a museum speak as bodies, like a company.
        let got = attributed("The surgery told the Kessa Echo that 42 patients were waiting.");
        assert_eq!(got[0].0, Status::Named);
        // A quantity before a noun is still no speaker.
        let got = attributed("Another 150 millimetres of rain forecast for 12 towns.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_message_from_somebody_is_theirs() {
        let text = "“We will win,” was the message from coach Tom Reed.";
        assert_eq!(speaker(text).as_deref(), Some("Tom Reed"));
        let text = "“It is a scandal” – that was the verdict of Dr Jane Kim, a virologist.";
        assert_eq!(speaker(text).as_deref(), Some("Jane Kim"));
        // A message that is the subject of its own sentence is not a tag.
        let got = attributed("The message from the club was that 40 staff would go.");
        assert_ne!(got[0].0, Status::Named);
    }

    #[test]
    fn a_brand_written_small_first_is_a_name() {
        let text = "This year, eMarketer predicts the firm will hold 1.5% of the market.";
        assert_eq!(speaker(text).as_deref(), Some("eMarketer"));
    }

    #[test]
    fn issuing_a_statement_is_saying_it_and_issuing_permits_is_not() {
        let text =
            "The Kessa Port Authority issued the following statement: “We regret the delay.”";
        assert_eq!(speaker(text).as_deref(), Some("Kessa Port Authority"));
        let got = attributed("The council released 40 new permits.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_video_or_photos_nobody_is_named_for_are_vague() {
        let got = attributed("The video, recorded Friday, shows 40 officers at the gate.");
        assert_eq!(got[0].0, Status::Vague);
        let got = attributed("Photos posted online showed 12 boats in the harbour.");
        assert_eq!(got[0].0, Status::Vague);
    }

    #[test]
    fn a_publication_finds() {
        let got = attributed("About 12 percent of the grants went to one firm, the Ledger found.");
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].1.as_deref(), Some("Ledger"));
    }

    #[test]
    fn a_source_named_after_the_claim_reports_it() {
        let got =
            attributed("The cuts meant 40 percent less reached the clinics, Dana Wirth found.");
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].1.as_deref(), Some("Dana Wirth"));
        // With an object after it the verb is not reporting anything.
        let got = attributed("Dana Wirth found 40 percent of the files in a drawer.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn pointing_out_reports_and_points_do_not() {
        let got = attributed("Rhee pointed out that the levy misses 30 percent of the lorries.");
        assert_eq!(got[0].1.as_deref(), Some("Rhee"));
        let got = attributed("The Comets’ points fell by 30 percent this season.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn whose_words_they_are_is_who_said_them() {
        let got =
            attributed("In Okafor's words, “we were betrayed by someone we trusted for years.”");
        assert_eq!(got[0].1.as_deref(), Some("Okafor"));
        let got = attributed(
            "In the words of Judge Ivo Marr, “the evidence was overwhelming from the start.”",
        );
        assert_eq!(got[0].1.as_deref(), Some("Ivo Marr"));
        let got =
            attributed("Okafor's reply, “Not while I am leader of this council,” drew applause.");
        assert_eq!(got[0].1.as_deref(), Some("Okafor"));
    }

    #[test]
    fn by_their_count_names_whose_count_it_is() {
        let got = attributed("By the Harwell council's count, 312 homes were flooded.");
        assert_eq!(got[0].0, Status::Named);
        let got = attributed("By Reuters' tally, 40 boats sank.");
        assert_eq!(got[0].0, Status::Named);
        let got = attributed("By some estimates, 40 boats sank.");
        assert_eq!(got[0].0, Status::Vague);
        // "by" with no owner's count is no source.
        let got = attributed("Prices rose by 12% in a week.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_dash_after_a_quote_credits_it() {
        let got = attributed(
            "“It was a system, built carefully and run for years.” — Anjali Rao, prosecutor",
        );
        assert_eq!(got[0].1.as_deref(), Some("Anjali Rao"));
        // A dash inside a sentence is punctuation, not a credit.
        let got = attributed("Costs rose 12% — Anjali Rao was not surprised.");
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_reporters_credit_names_the_outlet() {
        let got = attributed("At least 40 boats sank, the Tribune's Maria Kovac reported.");
        assert_eq!(got[0].1.as_deref(), Some("Maria Kovac"));
        assert_eq!(got[0].2.as_deref(), Some("Tribune"));
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
    fn what_a_court_heard_is_attributed_to_the_proceedings() {
        for text in [
            "The court heard that 40 people had been cheated.",
            "Millard had lost 40 pounds, the court would later hear.",
            "The jury heard 40 calls were made.",
        ] {
            assert_eq!(attributed(text)[0].0, Status::Named, "{text}");
        }
        // Hearing a noise is no source.
        let got = attributed("A child heard 40 shots.");
        assert_ne!(got[0].0, Status::Named);
    }

    #[test]
    fn words_that_read_as_their_owners_are_theirs() {
        let got = attributed("“We are asked to accept this,” Tanaka's quote reads.");
        assert_eq!(got[0].1.as_deref(), Some("Tanaka"));
        // What is written on somebody's things is not their words.
        let got = attributed("“We are asked to accept this,” Tanaka's car reads.");
        assert_eq!(got[0].0, crate::attribution::Status::None);
    }

    #[test]
    fn a_piece_named_by_its_publisher_credits_the_publisher() {
        for text in [
            "In a Kessa Herald editorial, the plan was called “dead on arrival”.",
            "As summarised in a Kessa Herald headline, ‘They want jobs, not promises’.",
            "As reported in the Kessa Herald, 4,000 jobs were lost.",
            "In an article in the Kessa Herald, 4,000 jobs were said to be at risk.",
        ] {
            let got = attributed(text);
            assert_eq!(got[0].0, Status::Named, "{text}");
            assert_eq!(got[0].2.as_deref(), Some("Kessa Herald"), "{text}");
        }
        // A place publishes nothing, and a piece inside a longer noun is not one.
        for text in [
            "In a Kessa court, 41 staff waited for news.",
            "He lived in a Kessa story house with 43 rooms.",
        ] {
            assert_eq!(attributed(text)[0].0, Status::None, "{text}");
        }
    }

    #[test]
    fn an_article_before_a_named_document_is_no_part_of_its_name() {
        assert_eq!(
            speaker("A Kessa Herald report said 4,600 jobs were lost.").as_deref(),
            Some("Kessa Herald")
        );
    }
}
