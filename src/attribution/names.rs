//! Reading the noun phrases around a cue: where a name starts and ends, and whether it is a
//! person, an organisation, a government body or an unnamed somebody. Every cue's source and
//! every person a pronoun can point back to is read here, so the decisions about capitals,
//! titles, determiners and possessives are made in one place.

use super::cues::{AUXILIARIES, is_adverb};
use super::speakers::DOCUMENT_NOUNS;
use super::{CueFinder, Mention, SourceKind};
use crate::lexicon::ends_with_any;
use crate::text::{Token, TokenKind};

/// The longest "From the … report:" read as a document's label, in words.
const MAX_DOCUMENT_LABEL_WORDS: usize = 8;

const LOCATIVES: &[&str] = &["in", "from", "at", "near", "outside", "inside"];

/// Prepositions before a place: a name after them is nobody "he" or "she" can be.
const PLACE_WORDS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "into",
    "across",
    "throughout",
    "to",
];

/// What an organisation keeps and publishes about itself, besides the documents of
/// `DOCUMENT_NOUNS`: with a named owner ("the ministry's figures"), a named source.
const OWNED_RECORDS: &[&str] = &[
    "accounts",
    "budget",
    "data",
    "figures",
    "statistics",
    "records",
    "filing",
    "filings",
    "website",
];

/// Days a subject may be dated by before its verb: "Harlow Labs today announced", "the
/// ministry on Monday said" (American copy writes "Smith Tuesday said").
const WHEN_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Verbs of going before a platform to speak: "took to Twitter to announce", "went on
/// television to say", "used a speech to warn". Not "declined to say": declining is not saying.
const TOOK_TO: &[&str] = &["took", "takes", "went", "goes", "used", "uses"];

/// Words that end a noun phrase read backwards from a verb.
pub(super) const PHRASE_STOPS: &[&str] = &[
    "with", "while", "and", "but", "or", "in", "on", "at", "to", "from", "for", "by", "that",
    "which", "what", "who", "whom", "as", "though", "although", "because", "when", "after",
    "before", "since", "if", "where", "than", "despite", "into", "about", "over", "under", "so",
    "yet", "whether", "how", "why", "once", "until", "unless",
];

/// Participles between a document and its author: "research done by", "a poll carried out by".
const AUTHORED: &[&str] = &[
    "done",
    "conducted",
    "carried",
    "published",
    "released",
    "commissioned",
    "compiled",
    "produced",
    "prepared",
    "issued",
    "written",
    "led",
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

/// Forms of be, have and do and the modals: a noun phrase never holds one ("sources have
/// leaked transcripts", "is getting microchipped like these experts").
const FINITE_AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "been", "be", "has", "have", "had", "does", "do", "did", "will",
    "would", "can", "could", "may", "might", "should", "must", "shall",
];

/// "received a formal complaint saying": an "a" or "an" after a verb opens the phrase, and what
/// comes before it is a clause the phrase is the object of. After "of", another determiner, a
/// word in the possessive (or "it's") or a hedge ("close to a minister") it does not.
fn opens_phrase(words: &[&str], at: usize) -> bool {
    if at == 0 || !matches!(words[at], "a" | "an") {
        return false;
    }
    let before = words[at - 1];
    before != "of"
        && !is_possessive(before)
        && !hedge_link(words, at - 1)
        && !DETERMINERS.contains(&before)
        && !INDEFINITE.contains(&before)
}

/// Whether the word at `k` ends "close to" or "familiar with": the links of an unnamed source
/// to whom it knows ("sources close to the presidency", "people familiar with the talks").
fn hedge_link(words: &[&str], k: usize) -> bool {
    k >= 1
        && matches!(
            (words[k - 1], words[k]),
            ("close", "to") | ("familiar", "with")
        )
}

impl CueFinder<'_> {
    /// The noun phrase ending right before token `end` (a verb), skipping auxiliaries, adverbs,
    /// a parenthetical short form and an appositive.
    pub(super) fn phrase_before(
        &self,
        tokens: &[&Token],
        words: &[&str],
        end: usize,
    ) -> Option<Mention> {
        let mut j = end;
        loop {
            if j > 0 && (AUXILIARIES.contains(&words[j - 1]) || is_adverb(words[j - 1])) {
                j -= 1;
            } else if j > 1 && WHEN_WORDS.contains(&words[j - 1]) {
                // "Harlow Labs today announced", "the ministry on Monday said": when, not who.
                j -= 1;
                if j > 1 && words[j - 1] == "on" {
                    j -= 1;
                }
            } else {
                break;
            }
        }
        if j == 0 {
            return None;
        }
        // "Ruiz then took to Twitter to announce", "the minister went on television to say":
        // whoever took to the platform speaks.
        if words[j - 1] == "to"
            && let Some(took) = (j.saturating_sub(7)..j - 1)
                .rev()
                .find(|&k| TOOK_TO.contains(&words[k]))
        {
            return self.phrase_before(tokens, words, took);
        }
        // "the Lancet, which said", "Ruiz, who told reporters": the relative pronoun stands for
        // the noun phrase before its comma.
        if j >= 3 && matches!(words[j - 1], "which" | "who") && words[j - 2] == "," {
            return self.phrase_ending(tokens, words, j - 2);
        }
        // "the 44-year-old said": somebody named before, like "she".
        if j >= 5 && age_descriptor_at(tokens, words, j - 5) {
            let start = if j >= 6 && DETERMINERS.contains(&words[j - 6]) {
                j - 6
            } else {
                j - 5
            };
            return Some(self.mention(tokens, start, j, SourceKind::Pronoun));
        }
        if words[j - 1] == ")"
            && let Some(open) = (j.saturating_sub(8)..j - 1)
                .rev()
                .find(|&k| words[k] == "(")
        {
            // "the UN refugee agency (UNHCR) said": the short form is what the list uses. Any
            // other aside ("(D-Ore.)", "(pictured)") is skipped.
            if open + 2 == j - 1 && tokens[open + 1].capitalised() {
                return Some(self.name(tokens, open + 1, j - 1));
            }
            j = open;
            if j == 0 {
                return None;
            }
        }
        // "A spokesperson declined to comment, saying only …": the sentence's subject, or the
        // agent of a passive ("It was criticised by the Kessa Medical Association, saying …").
        if j > 0 && words[j - 1] == "," && words[end].ends_with("ing") {
            // The clause the participle hangs on: "…, but Abbas has denied this, saying", "But
            // analysts …, saying" (the conjunction is no part of it).
            let opens_clause =
                |k: usize| CLAUSE_OPENERS.contains(&words[k]) && (k == 0 || words[k - 1] == ",");
            let opening = (0..j - 1)
                .rev()
                .find(|&k| opens_clause(k))
                .map_or(0, |k| k + 1);
            let clause_start = tokens.get(opening).map_or(usize::MAX, |t| t.range().start);
            if let Some(agent) = self.passive_agent(tokens, words, j - 1)
                && agent.span.start >= clause_start
            {
                return Some(agent);
            }
            return self.phrase_after(tokens, words, opening).map(|(m, _)| m);
        }
        if j > 0 && words[j - 1] == "," {
            let comma = (0..j - 1).rev().find(|&k| words[k] == ",")?;
            // "the court’s deputy prosecutor, Nadia Osei-Bonsu, told": a name in the
            // appositive is the speaker; a description ("a Republican from Ohio") is not.
            if tokens[comma + 1].capitalised()
                && !DETERMINERS.contains(&words[comma + 1])
                && (comma + 1..j - 1).all(|k| self.continues_name(tokens, words, k))
            {
                return Some(self.name(tokens, comma + 1, j - 1));
            }
            return self.phrase_ending(tokens, words, comma);
        }
        self.phrase_ending(tokens, words, j)
    }

    fn phrase_ending(&self, tokens: &[&Token], words: &[&str], end: usize) -> Option<Mention> {
        let mut end = end;
        // "Kmart Corp. announced": the full stop belongs to the abbreviation.
        if end >= 2
            && words[end - 1] == "."
            && tokens[end - 2].range().end == tokens[end - 1].range().start
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
        let lower = self.article.lower(head);
        let not_a_noun = DETERMINERS.contains(&lower)
            || INDEFINITE.contains(&lower)
            || PHRASE_STOPS.contains(&lower);
        if head.kind() != TokenKind::Word || is_possessive(lower) || not_a_noun {
            return None;
        }
        if self.lex.pronouns.contains(lower) {
            return Some(self.mention(tokens, end - 1, end, SourceKind::Pronoun));
        }
        let sentence_initial_common =
            end == 1 && (!self.is_proper(tokens, 0) || self.is_common_plural(tokens, 0));
        if head.capitalised() && !sentence_initial_common {
            let mut start = end - 1;
            while start > 0 && self.continues_name(tokens, words, start - 1) {
                start -= 1;
            }
            while start < end - 1 && !tokens[start].capitalised() {
                start += 1;
            }
            let name = self.name(tokens, start, end);
            if start >= 2 && LOCATIVES.contains(&words[start - 1]) && tokens[start - 2].is_word() {
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
        while start > 0 && end - start < 8 && tokens[start - 1].kind() == TokenKind::Word {
            let word = words[start - 1];
            // "sources close to the presidency", "officials with knowledge of the talks"
            let linked =
                hedge_link(words, start - 1) || word == "with" && words[start] == "knowledge";
            if !linked
                && (PHRASE_STOPS.contains(&word)
                    || FINITE_AUXILIARIES.contains(&word)
                    || self.lex.reporting_verbs.contains(word)
                    || self.lex.calendar_words.contains(word)
                    || self.lex.months.contains(word))
            {
                break;
            }
            start -= 1;
            if opens_phrase(words, start) {
                break;
            }
        }
        // "A 2013 study found": the year dates the noun.
        let dated =
            start >= 2 && is_year(words.get(start - 1)) && DETERMINERS.contains(&words[start - 2]);
        if dated {
            start -= 2;
        }
        // "another 150 millimetres of rain forecast": a quantity, not a speaker.
        if start > 0 && tokens[start - 1].kind() == TokenKind::Number {
            return None;
        }
        self.common_phrase(tokens, words, start, end)
    }

    /// The noun phrase starting at token `start`: a name, a pronoun, or a common phrase.
    pub(super) fn phrase_after(
        &self,
        tokens: &[&Token],
        words: &[&str],
        start: usize,
    ) -> Option<(Mention, usize)> {
        let mut i = start;
        while i < tokens.len() && DETERMINERS.contains(&words[i]) {
            i += 1;
        }
        // "the 2011 census", "a 2019 report": the year dates the noun after it.
        if i > start && is_year(words.get(i)) && tokens.get(i + 1).is_some_and(|t| !t.capitalised())
        {
            i += 1;
        }
        // "the 44-year-old" alone; "the 44-year-old driver" is a driver.
        let alone = |k: usize| tokens.get(k).is_none_or(|t| t.kind() != TokenKind::Word);
        if i < words.len() && age_descriptor_at(tokens, words, i) && alone(i + 5) {
            return Some((
                self.mention(tokens, start, i + 5, SourceKind::Pronoun),
                i + 5,
            ));
        }
        let first = tokens.get(i)?;
        // "according to 12 News Now": a station whose name opens with its channel number.
        let numbered_name = first.kind() == TokenKind::Number
            && tokens.get(i + 1).is_some_and(|t| t.capitalised())
            && tokens[i].range().end < tokens[i + 1].range().start;
        if numbered_name {
            let end = self.name_end(tokens, words, i + 2);
            return Some((self.name(tokens, i, end), end));
        }
        if first.kind() != TokenKind::Word {
            return None;
        }
        let lower = self.article.lower(first);
        if self.lex.pronouns.contains(lower) {
            return Some((self.mention(tokens, i, i + 1, SourceKind::Pronoun), i + 1));
        }
        let calendar = self.lex.months.contains(lower) || self.lex.calendar_words.contains(lower);
        if first.capitalised() && (self.lex.not_names.contains(lower) || calendar) {
            return None;
        }
        if first.capitalised() {
            let end = self.name_end(tokens, words, i + 1);
            if end + 2 < tokens.len() && words[end] == "(" && words[end + 2] == ")" {
                return Some((self.name(tokens, i, end), end + 3));
            }
            if let Some(person) = self.person_after_role(tokens, words, end) {
                return Some(person);
            }
            return Some((self.name(tokens, i, end), end));
        }
        let mut end = i;
        // "an anti-spam firm": a hyphen inside a word joins it.
        let hyphen = |k: usize| {
            words[k] == "-"
                && k > i
                && k + 1 < tokens.len()
                && tokens[k - 1].range().end == tokens[k].range().start
                && tokens[k].range().end == tokens[k + 1].range().start
        };
        let hyphens = |end: usize| (i..end).filter(|&k| hyphen(k)).count();
        while end < tokens.len()
            && end - i - hyphens(end) < 5
            && (tokens[end].kind() == TokenKind::Word || hyphen(end))
            && !PHRASE_STOPS.contains(&words[end])
            && (end == i || !DETERMINERS.contains(&words[end]))
            && (end == i || !self.is_verb_here(words[end]))
            && (end == i || !AUXILIARIES.contains(&words[end]))
        {
            if tokens[end].capitalised() {
                // "council leader Ruth Amari": a lower-case title before a name. "the research
                // company Sophos": the kind of organisation before its name.
                let (mut name, name_end) = self.phrase_after(tokens, words, end)?;
                if self.lex.organisation_nouns.contains(words[end - 1])
                    && name.kind == SourceKind::Person
                {
                    name.kind = self.organisation_kind(&words[i..name_end]);
                }
                return Some((name, name_end));
            }
            end += 1;
        }
        // The longest prefix whose last word is a source noun: "human rights groups, with…".
        let found = (i + 1..=end).rev().find_map(|e| {
            self.common_phrase(tokens, words, start.min(i), e)
                .map(|m| (m, e))
        });
        let Some((mention, e)) = found else {
            // The sentence's own subject may go on into its verb ("Shadow chancellor, Ana Dodd
            // criticised …"); a phrase after a cue may not ("According to the survey, Kessford
            // has …").
            let subject = start <= 1;
            return self.name_after_role(tokens, words, end, subject);
        };
        // "according to an estimate by Munich Re", "filings in the U.S. District Court",
        // "research done by Sophos": the document's author is the source.
        let mut by = e;
        if words.get(by).is_some_and(|w| AUTHORED.contains(w)) {
            by += 1;
            if words.get(by) == Some(&"out") {
                by += 1;
            }
        }
        if words
            .get(by)
            .is_some_and(|w| matches!(*w, "by" | "from" | "in" | "of"))
            && let Some((named, named_end)) = self.phrase_after(tokens, words, by + 1)
            && (matches!(named.kind, SourceKind::Organisation | SourceKind::Body)
                || named.kind == SourceKind::Person && matches!(words[by], "by" | "from"))
            && !self.is_place(&named.text)
        {
            return Some((named, named_end));
        }
        self.name_after_role(tokens, words, e, start <= 1)
            .or(Some((mention, e)))
    }

    /// "reports in Italy": where something happened, not who said it.
    pub(super) fn is_place(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        is_place(self.lex, &words)
    }

    /// The named agent of a passive before token `before`: "has been criticised by the Kessa
    /// Medical Association".
    fn passive_agent(&self, tokens: &[&Token], words: &[&str], before: usize) -> Option<Mention> {
        let by = (2..before).find(|&k| {
            words[k] == "by"
                && (words[k - 1].ends_with("ed") || words[k - 1].ends_with("en"))
                && matches!(words[k - 2], "been" | "was" | "were" | "is" | "are" | "be")
        })?;
        let (agent, _) = self.phrase_after(tokens, words, by + 1)?;
        let named = matches!(
            agent.kind,
            SourceKind::Person | SourceKind::Organisation | SourceKind::Body
        );
        named.then_some(agent)
    }

    /// "New Zealand batsman Scott Styris", "former Kessa coach and former player Ivo Marr": a
    /// name that qualifies a role, and the role's holder named after it. The holder speaks.
    fn person_after_role(
        &self,
        tokens: &[&Token],
        words: &[&str],
        from: usize,
    ) -> Option<(Mention, usize)> {
        const LONGEST: usize = 6;
        let mut k = from;
        let mut role = false;
        while k < tokens.len() && k - from < LONGEST {
            let token = tokens[k];
            if token.kind() != TokenKind::Word || token.capitalised() {
                break;
            }
            let word = words[k];
            if PHRASE_STOPS.contains(&word) && word != "and" {
                return None;
            }
            role |=
                self.lex.role_nouns.contains(word) || is_agent_noun(word) || self.is_title(word);
            k += 1;
        }
        if !role || k == from || !tokens.get(k)?.capitalised() {
            return None;
        }
        let end = self.name_end(tokens, words, k + 1);
        let name = self.name(tokens, k, end);
        (name.kind == SourceKind::Person).then_some((name, end))
    }

    /// "said the interior minister, Halima Ssempa", "said senior guard, Nadia Okoro": the
    /// name after the role speaks, whether or not the role is a known kind of source.
    fn name_after_role(
        &self,
        tokens: &[&Token],
        words: &[&str],
        comma: usize,
        subject: bool,
    ) -> Option<(Mention, usize)> {
        if words.get(comma) != Some(&",") || !tokens.get(comma + 1)?.capitalised() {
            return None;
        }
        let name_end = self.name_end(tokens, words, comma + 2);
        // An appositive ends where the name does ("according to its economist, Jane Doe, …"),
        // or goes on describing it ("…, Jane Doe, who …"); a name with more of its clause
        // after it starts the next clause ("According to the survey, Kessford has …").
        let describes = |w: &&str| {
            matches!(
                *w,
                "who" | "whose" | "whom" | "which" | "of" | "from" | "at" | "for" | "in" | "with"
            )
        };
        let continues = tokens
            .get(name_end)
            .is_some_and(|t| t.kind() == TokenKind::Word);
        if continues && !subject && !words.get(name_end).is_some_and(describes) {
            return None;
        }
        let name = self.name(tokens, comma + 1, name_end);
        (name.kind == SourceKind::Person).then_some((name, name_end))
    }

    /// "Lena Varga, a former city auditor who led the inquiry said": a sentence that opens
    /// with a name and a description of it, whose closing comma the writer left out. The
    /// verb's subject is the name, not the last noun of the description. Also gives where the
    /// description starts.
    pub(super) fn appositive_subject(
        &self,
        tokens: &[&Token],
        words: &[&str],
        verb: usize,
    ) -> Option<(Mention, usize)> {
        const LONGEST: usize = 30;
        // A name and its description never run longer than this: a clause opening further back
        // cannot hold one, and is not scanned once per verb.
        const REACH: usize = 64;
        let from = verb.saturating_sub(REACH);
        // “We were misled,” Mark Corallo, spokesman for the team said: the clause opens after
        // the quote.
        let clause = words[from..verb]
            .iter()
            .rposition(|w| matches!(*w, "”" | "\"" | "’"))
            .map_or(0, |q| {
                from + q + 1 + usize::from(words.get(from + q + 1) == Some(&","))
            });
        if verb - clause > REACH {
            return None;
        }
        let Some(comma) = words[clause..verb].iter().position(|w| *w == ",") else {
            return self.unpunctuated_appositive(tokens, words, clause, verb);
        };
        let comma = clause + comma;
        if comma == clause || comma + 1 >= verb || verb - comma > LONGEST {
            return None;
        }
        // A description ("a former auditor", "chair of the committee"), not a list of names.
        let opener = tokens[comma + 1];
        if opener.capitalised() && !DETERMINERS.contains(&words[comma + 1]) {
            return None;
        }
        // A comma inside a name's list ("the Digital, Culture, Media and Sport committee") is
        // part of the description; any other ends it.
        let in_name = |k: usize| tokens[k - 1].capitalised() && tokens[k + 1].capitalised();
        let interrupted = (comma + 1..verb).any(|k| match words[k] {
            "," => !in_name(k),
            w => matches!(w, ";" | ":" | "“" | "”" | "\"" | "‘" | "’"),
        });
        if interrupted {
            return None;
        }
        let subject = self.phrase_ending(tokens, words, comma)?;
        let first = tokens
            .iter()
            .position(|t| t.range().start == subject.span.start)?;
        let opens_sentence = first == clause || first == clause + 1 && words[clause] == "the";
        // A lone capitalised word before the first comma is as often "Alas," or "Fortunately,".
        let name_words = tokens[first..comma]
            .iter()
            .filter(|t| t.capitalised())
            .count();
        let known = self.names.is_known_outlet(&subject.text)
            || self.names.find_entry(self.list, &subject.text).is_some()
            || tokens[first].is_acronym(&self.article.text);
        if name_words < 2 && !known || !self.is_proper(tokens, first) {
            return None;
        }
        if PHRASE_STOPS.contains(&words[first]) {
            return None;
        }
        let named = matches!(
            subject.kind,
            SourceKind::Person | SourceKind::Organisation | SourceKind::Body
        );
        (opens_sentence && named).then_some((subject, opener.range().start))
    }

    /// "Tom Reed a historian who leads the Kessa Trust said": a person's name and a description
    /// of them with both commas left out. The description must open with "a" or "an" and hold a
    /// relative clause, so "Kessa Rail a year ago said" is not one.
    fn unpunctuated_appositive(
        &self,
        tokens: &[&Token],
        words: &[&str],
        clause: usize,
        verb: usize,
    ) -> Option<(Mention, usize)> {
        const LONGEST: usize = 20;
        const NAME_WORDS: usize = 6;
        // The article that opens the description comes within a name's length: a long run of
        // capitals before it is no name, and is not scanned once per verb.
        let end = (clause + 2..(clause + 1 + NAME_WORDS).min(verb))
            .find(|&k| matches!(words[k], "a" | "an"))?;
        let described = (clause + 1..end).all(|k| self.continues_name(tokens, words, k))
            && verb - end <= LONGEST
            && words[end..verb]
                .iter()
                .any(|w| matches!(*w, "who" | "whose"))
            && tokens[end..verb]
                .iter()
                .all(|t| t.is_word() || t.kind() == TokenKind::Number);
        if !described || !self.is_proper(tokens, clause) {
            return None;
        }
        let subject = self.name(tokens, clause, end);
        (subject.kind == SourceKind::Person).then_some((subject, tokens[end].range().start))
    }

    /// A noun for a body that acts and owns things: "union", "ministry", "council".
    fn is_body_noun(&self, word: &str) -> bool {
        self.lex.organisation_nouns.contains(word)
            || ends_with_any(&[word], 1, &self.lex.institutional_sources)
    }

    /// A one-word title: "mayor", "minister", "CEO".
    fn is_title(&self, word: &str) -> bool {
        self.lex
            .person_titles
            .longest_at(&[word], 0)
            .is_some_and(|t| t.len() == 1)
    }

    /// Where a name that runs at least to `from` ends: past every word that continues it, back
    /// to its last capitalised word ("Bank of England", not "Bank of").
    pub(super) fn name_end(&self, tokens: &[&Token], words: &[&str], from: usize) -> usize {
        let mut end = from;
        while end < tokens.len() && self.continues_name(tokens, words, end) {
            end += 1;
        }
        while end > from && !tokens[end - 1].capitalised() {
            end -= 1;
        }
        end
    }

    fn continues_name(&self, tokens: &[&Token], words: &[&str], at: usize) -> bool {
        let token = tokens[at];
        if self.lex.calendar_words.contains(words[at]) || self.lex.months.contains(words[at]) {
            return false;
        }
        if token.kind() == TokenKind::Word
            && (token.capitalised() || token.is_acronym(&self.article.text))
        {
            return true;
        }
        let glued_before = at > 0 && tokens[at - 1].range().end == token.range().start;
        let glued = glued_before
            && at + 1 < tokens.len()
            && token.range().end == tokens[at + 1].range().start;
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
            return at + 1 < tokens.len() && tokens[at + 1].capitalised();
        }
        // "Teachers’ Alliance": a plural possessive inside a name.
        if (words[at] == "’" || words[at] == "'") && glued_before && words[at - 1].ends_with('s')
        {
            return at + 1 < tokens.len() && tokens[at + 1].capitalised();
        }
        words[at] != "-" && CONNECTORS.contains(&words[at])
    }

    /// "Engineers described…" at the start of a sentence: a plural common noun, capitalised only
    /// by its position. Surnames end in -s too ("Williams said"), so the word must be a known
    /// kind of person in the singular or appear in lower case elsewhere in the article.
    fn is_common_plural(&self, tokens: &[&Token], at: usize) -> bool {
        let word = self.article.lower(tokens[at]);
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
            || self.written_in_lower_case(word)
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
        let lower = self.article.lower(token);
        token.capitalised()
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

    /// A proper word before an institution: "Iranian authorities", "Pentagon officials". At the
    /// start of a sentence every word is capitalised, so there it must be an acronym, look like a
    /// demonym the article never writes in lower case ("Veteran officials" is no nation), or be
    /// capitalised elsewhere in the article where no sentence starts.
    fn qualifies(&self, tokens: &[&Token], k: usize) -> bool {
        if !tokens[k].capitalised() || !self.is_proper(tokens, k) {
            return false;
        }
        let lower = self.article.lower(tokens[k]);
        k > 0
            || tokens[k].is_acronym(&self.article.text)
            || is_demonym(lower) && !self.written_in_lower_case(lower)
            || self.named_mid_sentence(lower)
    }

    /// The owner in "by the council's count", "by Reuters' tally": tokens `start..end`, the last
    /// one in the possessive (or followed by a lone apostrophe, which `end` leaves out).
    pub(super) fn possessive_owner(
        &self,
        tokens: &[&Token],
        words: &[&str],
        start: usize,
        end: usize,
    ) -> Option<Mention> {
        let mut first = start;
        while first < end && DETERMINERS.contains(&words[first]) {
            first += 1;
        }
        if first >= end {
            return None;
        }
        if tokens[first].capitalised() {
            return Some(without_possessive(self.name(tokens, first, end)));
        }
        self.common_phrase(tokens, words, start, end)
            .map(without_possessive)
    }

    /// A common noun phrase: vague when its head is a vague source or an unnamed person, named
    /// when a proper word qualifies an institution ("Iranian authorities"), otherwise no source.
    fn common_phrase(
        &self,
        tokens: &[&Token],
        words: &[&str],
        start: usize,
        end: usize,
    ) -> Option<Mention> {
        if start >= end {
            return None;
        }
        let phrase: Vec<&str> = words[start..end]
            .iter()
            .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
            .collect();
        let mention = |kind| Some(self.mention(tokens, start, end, kind));
        if phrase.windows(2).any(|w| {
            w == ["close", "to"] || w == ["familiar", "with"] || w == ["with", "knowledge"]
        }) {
            return mention(SourceKind::Vague);
        }
        // "supporters of the government", "a spokesperson for the ministry": the noun before
        // "of"/"for" is the head, and what follows only qualifies it.
        let split = phrase
            .iter()
            .position(|w| *w == "of" || *w == "for")
            .filter(|&k| k > 0);
        let core = &phrase[..split.unwrap_or(phrase.len())];
        let qualifier = split.map_or(start..start, |k| start + k + 1..end);
        let head = core[core.len() - 1];
        // "Small's team wrote", "Kemp's office said": the named owner speaks through the people
        // or the body it owns; "Iran's protest movement" is not a speaker.
        // "Kessa Rail's annual report shows": a named owner speaks through its documents too.
        let document = DOCUMENT_NOUNS.contains(&head) || OWNED_RECORDS.contains(&head);
        let speaks_for_owner = self.lex.role_nouns.contains(head)
            || self.lex.organisation_nouns.contains(head)
            || is_agent_noun(head)
            || document
            || matches!(
                head,
                "team" | "office" | "campaign" | "family" | "staff" | "camp"
            );
        if let Some(owner) = (start..end - 1).filter(|_| speaks_for_owner).find(|&k| {
            tokens[k].capitalised() && is_possessive(words[k]) && self.is_proper(tokens, k)
        }) {
            let mut first = owner;
            while first > start && tokens[first - 1].capitalised() {
                first -= 1;
            }
            return Some(without_possessive(self.name(tokens, first, owner + 1)));
        }
        // "the Harbour Anglers group said": a name before the kind of organisation it is. A
        // nationality alone ("the Kurdish group") names nobody.
        if split.is_none() && self.lex.organisation_nouns.contains(head) {
            let name: Vec<usize> = (start..end - 1)
                .skip_while(|&k| DETERMINERS.contains(&words[k]))
                .collect();
            let all_capitalised = !name.is_empty() && name.iter().all(|&k| tokens[k].capitalised());
            let more_than_a_nationality = name.iter().any(|&k| !is_demonym(words[k]));
            if all_capitalised && more_than_a_nationality && self.is_proper(tokens, name[0]) {
                let kind = self.organisation_kind(&phrase);
                return Some(self.mention(tokens, name[0], end, kind));
            }
        }
        // "Its annual report shows": the document of whoever "its" points back to, named.
        if document && matches!(phrase[0], "its" | "their") {
            return mention(SourceKind::Body);
        }
        // "The ministry's figures show": a body named by its kind owns the document.
        if document && DEFINITE.contains(&phrase[0]) {
            let owner = (start + 1..end - 1).find(|&k| {
                let Some(noun) = words[k]
                    .strip_suffix("’s")
                    .or_else(|| words[k].strip_suffix("'s"))
                else {
                    return false;
                };
                self.is_body_noun(noun)
            });
            if let Some(owner) = owner {
                let body = self.mention(tokens, start, owner + 1, SourceKind::Anaphor);
                return Some(without_possessive(body));
            }
        }
        let indefinite = INDEFINITE.contains(&phrase[0]);
        let is_org_token = |k: usize| {
            let upto = &words[start..=k];
            tokens[k].is_acronym(&self.article.text)
                || tokens[k].capitalised()
                    && (ends_with_any(upto, upto.len(), &self.lex.institutional_sources)
                        || ends_with_any(upto, upto.len(), &self.lex.organisation_words))
        };
        let org_modifier = (start..start + core.len() - 1).any(is_org_token);
        let org_qualifier = qualifier.clone().any(|k| tokens[k].capitalised())
            || ends_with_any(
                &words[qualifier.clone()],
                qualifier.len(),
                &self.lex.institutional_sources,
            );
        let role = self.lex.role_nouns.contains(head);
        if role && (org_modifier || org_qualifier) {
            return mention(SourceKind::Body);
        }
        // "Pentagon officials", "a Boeing spokesman", "Iranian officials": people whose job is
        // to speak for the body named before them; the body is the source.
        let body_named = (start..start + core.len() - 1).any(|k| self.qualifies(tokens, k));
        if self.lex.body_voices.contains(head) && (org_qualifier || body_named) {
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
        let definite_document =
            DEFINITE.contains(&phrase[0]) && core.len() == 2 && DOCUMENT_NOUNS.contains(&head);
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
        let definite = DEFINITE.contains(&phrase[0]);
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
        if definite && core.len() <= 3 && self.is_title(head) {
            return mention(SourceKind::Person);
        }
        // "said the taxi driver": somebody the writer did not name.
        let the_article = phrase[0] == "the";
        if the_article && core.len() <= 3 && is_agent_noun(head) && !is_adjective(head) {
            return mention(SourceKind::Vague);
        }
        None
    }

    /// A proper name: a person, an organisation, or a government body.
    pub(super) fn name(&self, tokens: &[&Token], start: usize, end: usize) -> Mention {
        let mut start = start;
        // "US-based Human Rights…": the place is not part of the name.
        if let Some(based) = (start..end)
            .rev()
            .find(|&k| self.article.lower(tokens[k]) == "based")
        {
            start = (based + 1).min(end - 1);
        }
        // "But the Defense Board": a conjunction opening the sentence is no part of a name.
        while end - start > 1
            && matches!(
                self.article.lower(tokens[start]),
                "but" | "and" | "so" | "yet"
            )
        {
            start += 1;
        }
        // "A Kessa Herald report said": the article is no part of the name.
        if end - start > 1 && matches!(self.article.lower(tokens[start]), "the" | "a" | "an") {
            start += 1;
        }
        // "Anna Kessler of the Teachers’ Alliance": the person speaks; the group is affiliation.
        // "Secretary of State Ana Lutz", "Mayor of Kessa Ivo Marr": a title's own "of" is part
        // of the office, and the person comes after it.
        let title_before = |of: usize| self.is_title(self.article.lower(tokens[of - 1]));
        if let Some(of) =
            (start + 2..end).find(|&k| self.article.lower(tokens[k]) == "of" && !title_before(k))
        {
            let person_span = tokens[start].range().start..tokens[of - 1].range().end;
            let person = self.text(person_span.clone()).to_string();
            if self.classify_name(&person, tokens, start, of) == SourceKind::Person {
                // "Professor Ann Lee of Kessa University": the person without the title.
                let name_start = self.after_titles(tokens, start, of);
                let name = tokens[name_start].range().start..person_span.end;
                return Mention {
                    text: one_line(self.text(name)),
                    span: person_span,
                    kind: SourceKind::Person,
                };
            }
        }
        let span = tokens[start].range().start..tokens[end - 1].range().end;
        let text = one_line(self.text(span.clone()).trim_end_matches(['’', '\'']));
        let kind = self.classify_name(&text, tokens, start, end);
        if kind != SourceKind::Person {
            return Mention { text, span, kind };
        }
        // "Chair Sen. Dana Whitfield": the person is Dana Whitfield; the span keeps the titles,
        // which name the office they speak for.
        let mut name_start = self.after_titles(tokens, start, end);
        // "Kessa Rail CEO Bob Marr", "Vice Foreign Minister Wu Lin": the person comes after
        // the last title inside the name.
        if let Some(title) = (name_start + 1..end - 1).rev().find(|&k| {
            let word = self.article.lower(tokens[k]);
            self.is_title(word) && tokens[k + 1].capitalised()
        }) && !(title + 1..end).any(|k| self.article.lower(tokens[k]) == "of")
        {
            name_start = title + 1;
        }
        // "Minister of Public Safety Rafe Duval": where the office ends is not written; a
        // person's name is most often a first and a last name.
        if let Some(of) =
            (start + 1..end).find(|&k| self.article.lower(tokens[k]) == "of" && title_before(k))
            && end - of > 3
            && tokens[end - 2..end].iter().all(|t| t.capitalised())
        {
            name_start = end - 2;
        }
        let text = one_line(
            self.text(tokens[name_start].range().start..tokens[end - 1].range().end)
                .trim_end_matches(['’', '\'']),
        );
        Mention { text, span, kind }
    }

    /// The first token after the titles that open a name, leaving at least one word.
    fn after_titles(&self, tokens: &[&Token], start: usize, end: usize) -> usize {
        let words: Vec<&str> = tokens[start..end]
            .iter()
            .map(|t| self.article.lower(t))
            .collect();
        let mut at = 0;
        loop {
            let abbreviation = words.get(at + 1).is_some_and(|w| *w == ".")
                && self.lex.abbreviations.contains(&format!("{}.", words[at]));
            let title = self.lex.person_titles.longest_at(&words, at).map(Vec::len);
            let skip = match (abbreviation, title) {
                (true, _) => 2,
                (false, Some(len)) => len,
                (false, None) => break,
            };
            let rest_is_name = words[at + skip..]
                .iter()
                .zip(&tokens[start + at + skip..end])
                .any(|(w, t)| t.capitalised() && *w != ".");
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
        let words: Vec<&str> = tokens[start..end]
            .iter()
            .map(|t| self.article.lower(t))
            .collect();
        let lower_text = std::cell::OnceCell::new();
        let lower = || lower_text.get_or_init(|| text.to_lowercase()).as_str();
        let lex = &self.lex;
        // "Iran said": a country speaks through its government, a public body, never a person.
        if is_place(lex, &words) {
            return SourceKind::Body;
        }
        if lex.person_titles.in_words(&words) || lex.person_titles.hyphenated_in(lower()) {
            return SourceKind::Person;
        }
        // "Health Ministry" is a body; "Kabul News Agency" is an outlet: an organisation word
        // other than the institutional head decides.
        let body_head = ends_with_any(&words, words.len(), &lex.institutional_sources);
        let head_len = words.len() - 1;
        let org_word = lex.organisation_words.in_words(&words[..head_len])
            || !body_head
                && (lex.organisation_words.in_words(&words)
                    || lex.organisation_words.hyphenated_in(lower()));
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
    pub(super) fn organisation_kind(&self, words: &[&str]) -> SourceKind {
        let outlet = self.lex.outlet_words.in_words(words);
        if outlet {
            SourceKind::Organisation
        } else {
            SourceKind::Body
        }
    }

    fn mention(&self, tokens: &[&Token], start: usize, end: usize, kind: SourceKind) -> Mention {
        let span = tokens[start].range().start..tokens[end - 1].range().end;
        Mention {
            text: one_line(self.text(span.clone())),
            span,
            kind,
        }
    }

    /// "Secretary of the Air Force Ana Lutz:" — a name that ends right at the colon labels
    /// what follows as its words.
    pub(super) fn label_before(&self, sentence: usize, colon: usize) -> Option<Mention> {
        let tokens = self.tokens_before(sentence, colon);
        let words: Vec<&str> = tokens.iter().map(|t| self.article.lower(t)).collect();
        let last = tokens.last()?;
        if !last.capitalised() {
            return None;
        }
        let mention = self.phrase_ending(&tokens, &words, tokens.len())?;
        mention.is_named().then_some(mention)
    }

    /// "The report was based on 35,000 testimonies", "The white paper puts the cost at £1bn":
    /// an article describing a document it named gives the document's figures. The sentence
    /// must open with "the"/"this" and a document noun that points back to a named document.
    pub(super) fn document_subject(&self, sentence: usize, before: usize) -> Option<Mention> {
        let sentence = &self.article.sentences[sentence];
        let tokens: Vec<&Token> = self
            .article
            .tokens_of(sentence)
            .iter()
            .filter(|t| t.range().end <= before)
            .take(3)
            .collect();
        let first = tokens.first()?;
        if !matches!(self.article.lower(first), "the" | "this" | "its") {
            return None;
        }
        let noun = tokens[1..]
            .iter()
            .find(|t| DOCUMENT_NOUNS.contains(&self.article.lower(t)))?;
        let noun_lower = self.article.lower(noun);
        let named = self
            .name_index
            .document_before(noun_lower, first.range().start)
            .or_else(|| self.name_index.document_before(noun_lower, usize::MAX))?;
        Some(Mention {
            text: named,
            span: first.range().start..noun.range().end,
            kind: SourceKind::Body,
        })
    }

    /// "From the Kessa Council review:", "From the same Zogby study:", "From the report:": a
    /// sentence that opens with "from" and ends at the colon on a document noun introduces what
    /// follows as the document's words. The document is the name written before the noun, else
    /// the one the article named earlier.
    pub(super) fn document_label(&self, sentence: usize, colon: usize) -> Option<Mention> {
        let mut tokens = self.tokens_before(sentence, colon);
        tokens.retain(|t| t.kind() == TokenKind::Word);
        let (first, last) = (tokens.first()?, tokens.last()?);
        if self.article.lower(first) != "from" || tokens.len() > MAX_DOCUMENT_LABEL_WORDS {
            return None;
        }
        let noun = self.article.lower(last);
        if !DOCUMENT_NOUNS.contains(&noun) {
            return None;
        }
        let named = self
            .name_index
            .document_before(noun, last.range().end)
            .filter(|_| tokens.len() > 2 && tokens[tokens.len() - 2].capitalised())
            .or_else(|| self.name_index.document_before(noun, first.range().start))?;
        Some(Mention {
            text: named,
            span: first.range().start..last.range().end,
            kind: SourceKind::Body,
        })
    }

    /// The first named person in the sentence before `before`: who a sentence ending in a colon
    /// introduces ("During the audience the Pope expressed his hopes: …").
    pub(super) fn person_before(&self, sentence: usize, before: usize) -> Option<Mention> {
        self.people_in(&self.tokens_before(sentence, before))
            .into_iter()
            .next()
    }

    /// The tokens of `sentence` that end by `before`: what a sentence says up to its colon.
    fn tokens_before(&self, sentence: usize, before: usize) -> Vec<&Token> {
        let sentence = &self.article.sentences[sentence];
        self.article
            .tokens_of(sentence)
            .iter()
            .filter(|t| t.range().end <= before)
            .collect()
    }

    /// The people a sentence names, in order.
    pub(super) fn people_in(&self, tokens: &[&Token]) -> Vec<Mention> {
        let words: Vec<&str> = tokens.iter().map(|t| self.article.lower(t)).collect();
        let mut people = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            if !(tokens[start].capitalised() && self.is_proper(tokens, start)) {
                start += 1;
                continue;
            }
            let end = self.name_end(tokens, &words, start + 1);
            let mention = self.name(tokens, start, end);
            // A lone capitalised word opening the sentence is a name ("Osei received …") unless
            // the article writes it in lower case too ("Topics discussed …").
            let lone_opening = start == 0 && end == 1 && !self.named_mid_sentence(words[0]);
            // "in Vienna", "at Harlow": a place, or where somebody works.
            let placed = start > 0 && PLACE_WORDS.contains(&words[start - 1]);
            // "the Labour government", "the Kessa coach": a name that qualifies a noun.
            let qualifies_a_noun = tokens.get(end).is_some_and(|t| {
                let word = words[end].trim_end_matches("’s").trim_end_matches("'s");
                t.kind() == TokenKind::Word
                    && !t.capitalised()
                    && (self.is_body_noun(word) || self.lex.role_nouns.contains(word))
            });
            if mention.kind == SourceKind::Person && !lone_opening && !qualifies_a_noun && !placed {
                people.push(without_possessive(mention));
            }
            start = end;
        }
        people
    }

    /// The named person a sentence is about, when they come before `before`: "U.S. President
    /// Donald Trump has maintained … the “biggest and best” naval assets".
    pub(super) fn subject_before(&self, sentence: usize, before: usize) -> Option<Mention> {
        let sentence = &self.article.sentences[sentence];
        let tokens: Vec<&Token> = self
            .article
            .tokens_of(sentence)
            .iter()
            .filter(|t| t.range().end <= before)
            .collect();
        let words: Vec<&str> = tokens.iter().map(|t| self.article.lower(t)).collect();
        // The subject opens the sentence, perhaps after a short lead-in ("However, …").
        let lead_in = tokens
            .iter()
            .take(4)
            .position(|t| self.article.lower(t) == ",")
            .map_or(0, |c| c + 1);
        let mut start = lead_in;
        while start < tokens.len() && start <= lead_in + 3 {
            if tokens[start].capitalised() && self.is_proper(&tokens, start) {
                let end = self.name_end(&tokens, &words, start + 1);
                let mention = self.name(&tokens, start, end);
                // "Food labelling would …": a word the article also writes in lower case is
                // capitalised only by its place.
                let common_word = start == 0 && end == 1 && self.written_in_lower_case(words[0]);
                if mention.kind == SourceKind::Person
                    && !common_word
                    && end < tokens.len()
                    && tokens[end].kind() == TokenKind::Word
                {
                    // "Okafor's reply, “…”": the owner of the words speaks.
                    return Some(without_possessive(mention));
                }
                start = end;
                continue;
            }
            start += 1;
        }
        None
    }
}

/// A noun for somebody who does something: "fisherman", "driver", "surgeon", "activist".
pub(super) fn is_agent_noun(word: &str) -> bool {
    let word = word.strip_suffix('s').unwrap_or(word);
    [
        "er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "eon", "ee", "ive",
    ]
    .iter()
    .any(|suffix| word.len() > suffix.len() + 2 && word.ends_with(suffix))
        // "movement", "agreement", "order", "river": things, not people.
        && !word.ends_with("ment")
        && !matches!(word, "order" | "river" | "paper" | "water" | "number" | "letter" | "matter")
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

/// The whole name is a place: "Iran", "the West Bank".
fn is_place(lex: &crate::lexicon::Lexicon, words: &[&str]) -> bool {
    let place = words.strip_prefix(&["the"]).unwrap_or(words);
    !place.is_empty() && lex.places.longest_at(place, 0).map(Vec::len) == Some(place.len())
}

/// Looks like a nationality or a people: "Iranian", "Kurdish", "Japanese", "Iraqi".
pub(super) fn is_demonym(word: &str) -> bool {
    ["an", "ese", "ish", "i", "ch"]
        .iter()
        .any(|s| word.ends_with(s))
}

/// "44-year-old" starts at token `i`: an age standing for a person the article named.
fn age_descriptor_at(tokens: &[&Token], words: &[&str], i: usize) -> bool {
    tokens[i].kind() == TokenKind::Number
        && words.get(i + 1..i + 5) == Some(&["-", "year", "-", "old"][..])
}

/// A name wrapped over two lines is one name.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Kessa Rail's", "Okafor’s": a word in the possessive.
pub(super) fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

/// "Kessa Rail's" → "Kessa Rail": an owner named in the possessive.
pub(super) fn without_possessive(owner: Mention) -> Mention {
    let text = owner
        .text
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    Mention { text, ..owner }
}

/// Words that open a clause after a comma (or the sentence): the participle of ", saying"
/// takes that clause's subject.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "and", "so", "yet", "as", "while", "when", "because", "although", "though", "after",
    "before", "since", "whereas",
];

/// A four-digit year of the last three centuries.
fn is_year(word: Option<&&str>) -> bool {
    word.is_some_and(|w| {
        w.len() == 4
            && w.parse::<u16>()
                .is_ok_and(|year| (1800..2100).contains(&year))
    })
}

#[cfg(test)]
mod tests {
    use crate::attribution::Status;
    use crate::attribution::tests::{attributed, speaker};

    #[test]
    fn a_name_opening_the_sentence_speaks_past_its_description() {
        // The description's closing comma is missing, as it often is in copy.
        let text = "Lena Varga, a former city auditor who led an inquiry into the contract said the council paid 3 million pounds.";
        assert_eq!(speaker(text).as_deref(), Some("Lena Varga"));
        let text = "Omar Petit, spokesman for the mayor's outside lawyers said 40 staff had left.";
        assert_eq!(speaker(text).as_deref(), Some("Omar Petit"));
        // A committee's name may hold a list of its own.
        let text = "Ana Lind, chair of the Roads, Rail and Ports committee said 40 bridges failed.";
        assert_eq!(speaker(text).as_deref(), Some("Ana Lind"));
        // After a quote, the clause that names the speaker opens where the quote ends.
        let text = "“We were misled,” Omar Petit, spokesman for the legal team said on Monday.";
        assert_eq!(speaker(text).as_deref(), Some("Omar Petit"));
        // A description that is the whole subject speaks for itself; an opening adverb or
        // place is no name.
        let got = attributed("Kessa, the city officials said, has 40 parks.");
        assert_eq!(got[0].0, Status::Vague);
        let got = attributed("Fortunately, the drivers who stopped said 12 cars were hit.");
        assert_ne!(got[0].0, Status::Named);
        let got = attributed("In Kessa, the crews who came from the coast said 12 roofs fell.");
        assert_ne!(got[0].0, Status::Named);
    }

    #[test]
    fn the_person_after_an_office_with_of_speaks() {
        let text = "“We are ready,” Minister of Public Safety Rafe Duval said on Monday.";
        assert_eq!(speaker(text).as_deref(), Some("Rafe Duval"));
        let text = "“The count is done,” said Secretary of State Jolene Barr.";
        assert_eq!(speaker(text).as_deref(), Some("Jolene Barr"));
        let text = "Anna Kessler of the Teachers’ Alliance said 40 schools would close.";
        assert_eq!(speaker(text).as_deref(), Some("Anna Kessler"));
    }

    #[test]
    fn a_named_group_and_a_role_before_a_name_are_named() {
        let got = attributed("Harbour Anglers group said 300 boats were moored in the bay.");
        assert_eq!(got[0].0, Status::Named);
        assert_eq!(got[0].1.as_deref(), Some("Harbour Anglers group"));
        let text = "“My mother was against it at first,” said senior guard, Nadia Okoro, whose parents came from Ghana.";
        assert_eq!(speaker(text).as_deref(), Some("Nadia Okoro"));
    }

    #[test]
    fn a_name_that_qualifies_a_role_gives_way_to_the_holder() {
        let text =
            "“It is the same old story,” said former Kessa coach and former test player Ivo Marr.";
        assert_eq!(speaker(text).as_deref(), Some("Ivo Marr"));
        let text = "Kessa batsman Tom Ruel went further, labelling the remarks as “a yawn”.";
        assert_eq!(speaker(text).as_deref(), Some("Tom Ruel"));
        let text = "Every crate arrives, according to Kessa Rail CEO Bob Marr, at 40 a day.";
        assert_eq!(speaker(text).as_deref(), Some("Bob Marr"));
        // "the Labour government" names no person "he" could be.
        let text = "The Tory Shadow Health Secretary has attacked the Labour government’s plan. He has described it as “gimmicks”.";
        assert_eq!(
            speaker(text).as_deref(),
            Some("Tory Shadow Health Secretary")
        );
    }

    #[test]
    fn a_pronoun_reaches_a_surname_that_opens_a_sentence_but_not_a_place_or_an_adverb() {
        let text = "Party leader Alfred Gusner won 88% in Vienna. Gusner leads the party. Albeit the low result, he has called the vote an “impressive display of confidence”.";
        assert_eq!(speaker(text).as_deref(), Some("Gusner"));
        let text = "The vote was held in Vienna. Rather, he said, the party was “united”.";
        assert_ne!(speaker(text).as_deref(), Some("Vienna"));
        assert_ne!(speaker(text).as_deref(), Some("Rather"));
        let text = "“I read it with disgust,” Deputy Undersecretary of the Navy for Supply Dara Quill wrote.";
        assert_eq!(speaker(text).as_deref(), Some("Dara Quill"));
        let text =
            "But the Harlow Review Board concluded that most buyers “do not trust the brand”.";
        assert_eq!(speaker(text).as_deref(), Some("Harlow Review Board"));
    }

    #[test]
    fn a_saying_clause_takes_the_subject_of_the_clause_it_hangs_on() {
        let text =
            "But shadow minister, Ana Dodd criticised the plan, saying it would cost 40,000 jobs.";
        assert_eq!(speaker(text).as_deref(), Some("Ana Dodd"));
        let text = "The paper said Ivo Marr was picked by the Kessa party board, but Marr has denied \
                    this, saying “nothing is decided.”";
        assert_eq!(speaker(text).as_deref(), Some("Marr"));
    }

    #[test]
    fn a_passive_agent_speaks_in_the_clause_after_it() {
        let text = "It has also been criticised by the Kessa Medical Association as too slow, saying “When lives need saving, doctors act.”";
        assert_eq!(speaker(text).as_deref(), Some("Kessa Medical Association"));
    }

    #[test]
    fn titles_and_party_labels_around_a_name_yield_the_name() {
        let text = "“We will vote no,” committee Chair Sen. Dana Whitfield (D-Ore.) said.";
        assert_eq!(speaker(text).as_deref(), Some("Dana Whitfield"));
        let text = "“Why now?” asked Councillor Ray Patel.";
        assert_eq!(speaker(text).as_deref(), Some("Ray Patel"));
        let text = "“The wall is sound,” says Professor Ann Lee of Kessa University.";
        assert_eq!(speaker(text).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn an_owner_speaks_through_their_team_and_a_station_keeps_its_number() {
        let got = attributed("“Fat and sugar together are more rewarding,” Okafor's team wrote.");
        assert_eq!(
            (got[0].0, got[0].1.as_deref()),
            (Status::Named, Some("Okafor"))
        );
        let got = attributed("At least 3 homes burned, according to 12 Coast News.");
        assert_eq!(got[0].0, Status::Named);
    }

    #[test]
    fn an_unnamed_person_by_their_trade_is_vague() {
        assert_eq!(
            attributed("“Nobody ever stops here,” said the ferry driver.")[0].0,
            Status::Vague
        );
        let text = "The clubs met twice in May, the person with knowledge of the talks said, and agreed 3 dates.";
        assert_eq!(attributed(text)[0].0, Status::Vague);
    }

    #[test]
    fn a_capitalised_opening_word_is_not_a_name() {
        assert_eq!(
            attributed("Somehow said 30 homes were lost, nobody knows why.")[0].0,
            Status::None
        );
        // Nor is an adverb that opens a sentence, or the reader addressed.
        assert_ne!(
            attributed("Sometimes called the 40 steps, the lane is steep.")[0].0,
            Status::Named
        );
        assert_ne!(
            speaker("You can call the 40 offices of the council.").as_deref(),
            Some("You")
        );
    }

    #[test]
    fn people_who_speak_for_a_named_body_name_it() {
        for text in [
            "Later, Pentagon officials said 4,000 troops would leave.",
            "Iranian officials said 300 people were arrested.",
            "A Boeing spokesman said 120 jets were delayed.",
            "Kessa Rail said delays would end. Kessa Rail officials said 40 trains were late.",
        ] {
            let got = attributed(text);
            assert_eq!(got.last().unwrap().0, Status::Named, "{text}");
        }
        // Alone, or a body's staff speaking for themselves, or a sentence's opening capital:
        // nobody is named.
        for text in [
            "Officials said 4,007 trains were late.",
            "Later, Boeing analysts said 4,008 jets were late.",
            "Iranian sources said 4,010 jets were late.",
            "Senior officials said 4,011 jets were late.",
        ] {
            assert_eq!(attributed(text)[0].0, Status::Vague, "{text}");
        }
    }

    #[test]
    fn a_relative_pronoun_speaks_for_the_noun_before_its_comma() {
        assert_eq!(
            speaker("The figures appeared in the Lancet, which said 42 patients died.").as_deref(),
            Some("Lancet")
        );
        assert_eq!(
            speaker("She thanked Ana Ruiz, who said 40 homes were saved.").as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn a_name_and_its_description_without_commas_still_speak() {
        assert_eq!(
            speaker("Tom Reed a historian who leads the Kessa Heritage Trust said 40 statues were at risk.")
                .as_deref(),
            Some("Tom Reed")
        );
        // No relative clause, no description: the trust keeps its own sentence.
        assert_eq!(
            speaker("The Kessa Heritage Trust said 40 statues were at risk.").as_deref(),
            Some("Kessa Heritage Trust")
        );
    }

    #[test]
    fn a_day_between_subject_and_verb_dates_the_saying() {
        for text in [
            "Harlow Labs today announced 42 new jobs.",
            "The Kessa Agency on Monday said 43 wells were dry.",
            "Ambassador Ana Ruiz Wednesday said 44 families had left.",
        ] {
            assert_eq!(attributed(text)[0].0, Status::Named, "{text}");
        }
    }

    #[test]
    fn whoever_takes_to_a_platform_to_speak_is_the_speaker() {
        assert_eq!(
            speaker("Mr Ruiz then took to Twitter to announce 40 new jobs.").as_deref(),
            Some("Ruiz")
        );
        assert_eq!(
            speaker("The minister went on television to say 40 schools would close.").as_deref(),
            Some("The minister")
        );
        // Declining to say is not saying.
        let got = attributed("The ministry declined to say whether 40 were hurt.");
        assert_eq!(got[0].0, Status::None);
    }
}
