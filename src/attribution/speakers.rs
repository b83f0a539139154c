//! Resolving sources named only by pointing back: "he said", "the mayor said", "the union
//! said", "the report found". Resolution needs every cue found before the one it resolves, so it
//! runs apart from finding cues, one cue at a time in document order, and can look back across
//! paragraphs to the name the article gave first.

use std::collections::HashMap;

use super::names::is_agent_noun;
use super::{Cue, Mention, SourceKind};
use crate::lexicon::Lexicon;
use crate::sources::SourceList;

/// "the union said" takes the listed source or the organisation cited earlier whose name ends
/// with that noun ("Port Workers Union"); failing both, it is a named body of its own.
fn resolve_anaphor(
    speaker: &Mention,
    earlier: &[Cue],
    list: &SourceList,
    names: &NameIndex,
) -> Mention {
    let earlier = recent(earlier);
    let noun = speaker
        .text
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    // "The paper said" with no paper named before: the newspaper cited last, below.
    let unnamed_paper =
        noun == "paper" && names.document_before(&noun, speaker.span.start).is_none();
    if DOCUMENT_NOUNS.contains(&noun.as_str()) && !unnamed_paper {
        let named = names
            .owner_in_apposition(speaker.span.end)
            .or_else(|| names.document_before(&noun, speaker.span.start));
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
    // "the newspaper termed": the outlet the article cited last.
    if OUTLET_NOUNS.contains(&noun.as_str())
        && let Some(outlet) = earlier
            .iter()
            .rev()
            .flat_map(|c| c.outlet.iter().chain(c.speaker.iter()))
            .find(|m| m.kind == SourceKind::Organisation)
    {
        return Mention {
            text: outlet.text.clone(),
            span: speaker.span.clone(),
            kind: SourceKind::Organisation,
        };
    }
    if unnamed_paper {
        return Mention {
            kind: SourceKind::Vague,
            ..speaker.clone()
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
    let business = || {
        business_named(speaker, &noun, earlier, names).map(|name| (name, SourceKind::Organisation))
    };
    let (text, kind) = listed
        .or(earlier_name)
        .or_else(business)
        .unwrap_or((speaker.text.clone(), SourceKind::Body));
    Mention {
        text,
        span: speaker.span.clone(),
        kind,
    }
}

/// "Kessa Power will raise prices by 12%, the company said": the business that opens the
/// sentence. Failing that, "the utility said" is the business an earlier "the company" turned
/// out to be.
fn business_named(
    speaker: &Mention,
    noun: &str,
    earlier: &[Cue],
    names: &NameIndex,
) -> Option<String> {
    if !BUSINESS_NOUNS.contains(&noun) {
        return None;
    }
    if let Some(name) = names.subject_before_tag(speaker.span.start) {
        return Some(name);
    }
    let described = |m: &Mention| {
        let written = names.text.get(m.span.clone()).unwrap_or("").to_lowercase();
        let mut words = written.split_whitespace();
        words.next() == Some("the")
            && words.next().is_some_and(|w| BUSINESS_NOUNS.contains(&w))
            && words.next().is_none()
    };
    earlier
        .iter()
        .rev()
        .filter_map(|c| c.speaker.as_ref())
        .find(|m| m.kind == SourceKind::Organisation && described(m))
        .map(|m| m.text.clone())
}

/// What a business is called once it has been named ("the company said", "the utility said"):
/// the article's business, which its first tag names or an earlier one did.
const BUSINESS_NOUNS: &[&str] = &[
    "company",
    "firm",
    "utility",
    "airline",
    "carrier",
    "operator",
    "retailer",
    "manufacturer",
    "insurer",
    "lender",
    "carmaker",
    "planemaker",
    "miner",
    "chain",
    "startup",
    "developer",
    "supermarket",
    "group",
];

/// What an outlet is called once it has been named ("paper" is read as a document first).
const OUTLET_NOUNS: &[&str] = &[
    "newspaper",
    "paper",
    "broadcaster",
    "channel",
    "network",
    "station",
    "magazine",
    "daily",
    "outlet",
];

/// Documents a definite noun phrase can point back to.
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
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
    "statement",
    "memo",
    "letter",
];

/// Names written before a noun or after a title, found once per article and kept in text order,
/// so "the report" or "the mayor" points back with a binary search. Searching the text before
/// each such phrase made a long article cost the square of its length.
pub(super) struct NameIndex<'t> {
    text: &'t str,
    lower: std::cell::OnceCell<String>,
    /// Per document noun: (end of the noun, name of the document), in text order.
    documents: std::cell::RefCell<HashMap<String, Vec<(usize, String)>>>,
    /// Per title, lower case: (end of the title, name after it), in text order.
    titles: std::cell::RefCell<HashMap<String, Vec<(usize, String)>>>,
}

/// Distinct titles an article may ask about; beyond this (no real article comes close), a title
/// is not looked up.
const MAX_TITLES: usize = 256;

impl<'t> NameIndex<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        NameIndex {
            text,
            lower: std::cell::OnceCell::new(),
            documents: Default::default(),
            titles: Default::default(),
        }
    }

    /// The last "Defense Science Board report" (capitalised words right before the noun) that
    /// ends by `before`: the name of the document "the report" points back to.
    pub(super) fn document_before(&self, noun: &str, before: usize) -> Option<String> {
        let mut documents = self.documents.borrow_mut();
        if !documents.contains_key(noun) {
            // ASCII folding keeps every byte where it was, so positions found in `lower` slice
            // the text (full Unicode lower-casing can change lengths: "İ" is two bytes).
            let lower = self.lower.get_or_init(|| self.text.to_ascii_lowercase());
            documents.insert(noun.to_string(), document_names(self.text, lower, noun));
        }
        last_before(&documents[noun], before)
    }

    /// "Kessa Power will raise prices by 12%, the company said": the capitalised name (two words
    /// or more, or an acronym) that opens the sentence whose tag starts at `tag`, after a comma.
    pub(super) fn subject_before_tag(&self, tag: usize) -> Option<String> {
        let before = self.text.get(..tag)?.trim_end();
        let before = before.strip_suffix(',')?;
        let start = before
            .rfind(['.', '!', '?', '\n', '“', '”', '"'])
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let sentence = before[start..].trim_start();
        let sentence = sentence.strip_prefix("The ").unwrap_or(sentence);
        let name = name_words(sentence.split_whitespace(), 5, starts_upper);
        let acronym = name.len() == 1
            && name[0].len() >= 2
            && name[0].chars().all(|c| c.is_ascii_uppercase());
        if name.len() < 2 && !acronym || name.last()?.ends_with([',', '.', ';', ':']) {
            return None;
        }
        Some(name.join(" "))
    }

    /// "The report, released on Tuesday by the Valech Commission, found": who the clause set off
    /// right after a document (from `end`) says wrote or published it, when it names them.
    pub(super) fn owner_in_apposition(&self, end: usize) -> Option<String> {
        let rest = self.text.get(end..)?.strip_prefix(',')?;
        let clause = &rest[..rest.find([',', '.', ';', '\n']).unwrap_or(rest.len())];
        let words: Vec<&str> = clause.split_whitespace().collect();
        // "released on Tuesday by X"; "published in X" only right after the verb ("released
        // in Geneva" is a place).
        let verb = words.iter().position(|w| PUBLISHING_VERBS.contains(w))?;
        let by = match words.get(verb + 1) {
            Some(&"in") if words[verb] == "published" => verb + 1,
            _ => verb + words[verb..].iter().position(|w| *w == "by")?,
        };
        let after = words[by + 1..].iter().copied().skip_while(|w| *w == "the");
        let owner = name_words(after, 5, starts_upper);
        (!owner.is_empty()).then(|| owner.join(" "))
    }

    /// The last "Mayor Ines Park" that ends by `before`: the title capitalised, then up to three
    /// capitalised words.
    fn titled_before(&self, title: &str, before: usize) -> Option<String> {
        let mut titles = self.titles.borrow_mut();
        if !titles.contains_key(title) {
            if titles.len() >= MAX_TITLES {
                return None;
            }
            titles.insert(title.to_string(), titled_names(self.text, title));
        }
        last_before(&titles[title], before)
    }
}

fn last_before(entries: &[(usize, String)], before: usize) -> Option<String> {
    let k = entries.partition_point(|(end, _)| *end <= before);
    k.checked_sub(1).map(|k| entries[k].1.clone())
}

/// Every "Defense Science Board report" in the text: the capitalised words before the noun.
fn document_names(text: &str, lower: &str, noun: &str) -> Vec<(usize, String)> {
    let needle = format!(" {noun}");
    lower
        .match_indices(&needle)
        .filter_map(|(at, _)| {
            let end = at + needle.len();
            if lower[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
            // Read backwards, a word with a stop after it ends the sentence before the name.
            let capitalised = |w: &str| starts_upper(w) && !w.ends_with([',', '.', ';', ':']);
            let words = name_words(words_back_in_paragraph(&text[..at]), 6, capitalised);
            let mut name: Vec<&str> = words.into_iter().rev().collect();
            if name.first().is_some_and(|w| ["The", "A", "An"].contains(w)) {
                name.remove(0);
            }
            if name.is_empty() {
                return None;
            }
            // "the Delmont Report", "the Harlow Commission": a capitalised noun is part of the
            // name; "the Defense Science Board report" names the board's document.
            let written = &text[at + 1..end];
            if written.starts_with(|c: char| c.is_uppercase()) {
                name.push(written);
            }
            Some((end, name.join(" ")))
        })
        .collect()
}

/// The words of a name, in the order `words` gives them (forwards or backwards): capitalised
/// words, at most `most`, joined inside by "of", "for", "and" or "&" ("Department of Health",
/// "Marks & Spencer"), never at an edge. Every reader of a name in running text goes through
/// here, so that "the Department of Health" is one name whichever way it is read.
fn name_words<'a>(
    words: impl Iterator<Item = &'a str>,
    most: usize,
    capitalised: impl Fn(&str) -> bool,
) -> Vec<&'a str> {
    let mut words = words.peekable();
    let mut name: Vec<&str> = Vec::new();
    while let Some(word) = words.next() {
        let joins = NAME_JOINS.contains(&word)
            && !name.is_empty()
            && words.peek().is_some_and(|w| capitalised(w));
        if name.len() == most || !(capitalised(word) || joins) {
            break;
        }
        name.push(word);
    }
    while name.last().is_some_and(|w| NAME_JOINS.contains(w)) {
        name.pop();
    }
    name
}

const NAME_JOINS: &[&str] = &["of", "for", "and", "&"];

fn starts_upper(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// Participles that say who made a document public: "released by", "published in".
const PUBLISHING_VERBS: &[&str] = &[
    "released",
    "published",
    "commissioned",
    "written",
    "prepared",
    "compiled",
    "produced",
    "issued",
    "conducted",
    "presented",
];

/// The words of `text` from its end backwards, up to a paragraph break: a headline's last word
/// is never the first of a name in the paragraph under it. A single line break (hard-wrapped
/// copy) is only a space.
fn words_back_in_paragraph(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let trimmed = rest.trim_end();
        if rest[trimmed.len()..].matches('\n').count() > 1 || trimmed.is_empty() {
            return None;
        }
        let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        rest = &trimmed[..start];
        Some(&trimmed[start..])
    })
}

/// "the mayor said" takes the name of the mayor the article named before ("Mayor Ines Park").
pub(super) fn resolve_title(cue: &mut Cue, earlier: &[Cue], text: &str, names: &NameIndex) {
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
    let named = recent(earlier)
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
    if let Some(name) = names.titled_before(&title, speaker.span.start) {
        speaker.text = name;
    }
}

/// Every "Mayor Ines Park" in the text: the title capitalised, then up to three capitalised
/// words, up to the end of the clause.
fn titled_names(text: &str, title: &str) -> Vec<(usize, String)> {
    let mut capitalised = String::new();
    let mut chars = title.chars();
    let Some(first) = chars.next() else {
        return Vec::new();
    };
    capitalised.extend(first.to_uppercase());
    capitalised.push_str(chars.as_str());
    let needle = format!("{capitalised} ");
    text.match_indices(&needle)
        .filter_map(|(at, _)| {
            let mut words: Vec<&str> = Vec::new();
            for raw in text[at + needle.len()..].split_whitespace().take(3) {
                let word = raw.trim_end_matches([',', '.', ';', ':', '’', '\'']);
                if !word.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                words.push(word);
                // "Mayor Ines Park. The mayor said": the name ends with its clause; an initial
                // ("Ines J. Park") does not end it.
                if raw.ends_with([',', ';', ':']) || raw.ends_with('.') && word.chars().count() > 1
                {
                    break;
                }
            }
            (!words.is_empty()).then(|| (at + needle.len(), words.join(" ")))
        })
        .collect()
}

/// How many cues back a pronoun, a title or a descriptor looks for what it points to: further
/// back than any news story needs, and a bound that keeps a long file linear.
const ANTECEDENT_CUES: usize = 512;

fn recent(cues: &[Cue]) -> &[Cue] {
    &cues[cues.len().saturating_sub(ANTECEDENT_CUES)..]
}

/// What a pronoun can point back to: earlier speakers, and every person named before.
pub(super) struct Antecedents<'a> {
    pub(super) cues: &'a [Cue],
    pub(super) genders: &'a Genders,
    pub(super) names: &'a NameIndex<'a>,
    pub(super) people: &'a [Mention],
    pub(super) lex: &'a Lexicon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Female,
    Male,
}

impl Gender {
    /// The gender a pronoun or an honorific gives: "she", "Ms", "Mrs"; "he", "Mr", "Sir".
    pub(super) fn of_word(word: &str) -> Option<Gender> {
        let word = word.trim_end_matches('.');
        let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(word));
        if is(&["she", "ms", "mrs", "miss", "lady", "dame"]) {
            return Some(Gender::Female);
        }
        is(&["he", "mr", "sir", "lord"]).then_some(Gender::Male)
    }
}

/// Who the article has called "he" or "she", or Mr or Ms, kept by surname: "he" cannot be a
/// person the article called "she".
#[derive(Default)]
pub(super) struct Genders(HashMap<String, Gender>);

impl Genders {
    /// "Ms Okafor": the honorific leads the name's span or stands just before it.
    pub(super) fn learn_honorific(&mut self, text: &str, person: &Mention) {
        let first = text[person.span.clone()].split_whitespace().next();
        let before = text[..person.span.start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next();
        let honorific = first
            .and_then(Gender::of_word)
            .or_else(|| before.and_then(Gender::of_word));
        if let Some(gender) = honorific {
            self.0.insert(surname(&person.text), gender);
        }
    }

    /// A pronoun resolved to a person says which the person is, unless the article said so
    /// first.
    pub(super) fn learn_pronoun(&mut self, pronoun: Option<Gender>, resolved: Option<&Mention>) {
        if let (Some(gender), Some(person)) = (pronoun, resolved)
            && person.kind == SourceKind::Person
        {
            self.0.entry(surname(&person.text)).or_insert(gender);
        }
    }

    fn of(&self, m: &Mention) -> Option<Gender> {
        self.0.get(&surname(&m.text)).copied()
    }
}

/// The key a person's gender is kept under: the last word of the name, lower case.
fn surname(name: &str) -> String {
    name.split_whitespace().last().unwrap_or("").to_lowercase()
}

impl Antecedents<'_> {
    /// Whether `m` may be the person `pronoun` points to: not when the article has called
    /// them by the other pronoun ("Okafor … she added" is not a later "he").
    fn fits(&self, m: &Mention, pronoun: Option<Gender>) -> bool {
        match (pronoun, self.genders.of(m)) {
            (Some(wanted), Some(known)) => wanted == known,
            _ => true,
        }
    }

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

/// "he said" takes the nearest compatible speaker before it in the article; failing one, it stays
/// a pronoun (attributed, not vague).
pub(super) fn resolve_pronoun(cue: &mut Cue, earlier: &Antecedents, list: &SourceList) {
    let Some(speaker) = &cue.speaker else {
        return;
    };
    if speaker.kind == SourceKind::Anaphor {
        cue.speaker = Some(resolve_anaphor(speaker, earlier.cues, list, earlier.names));
        return;
    }
    if speaker.kind != SourceKind::Pronoun {
        return;
    }
    let pronoun = speaker.text.to_lowercase();
    // "the 44-year-old" points back to a person, as "she" does.
    let age = pronoun.ends_with("-year-old");
    let personal = age || matches!(pronoun.as_str(), "he" | "she");
    let gender = Gender::of_word(&pronoun);
    let wanted = |m: &Mention| match pronoun.as_str() {
        _ if age => m.kind == SourceKind::Person,
        "he" | "she" | "i" | "who" => {
            (m.kind == SourceKind::Person || m.kind == SourceKind::Vague && earlier.is_somebody(m))
                && earlier.fits(m, gender)
        }
        "it" => matches!(m.kind, SourceKind::Organisation | SourceKind::Body),
        _ => m.kind != SourceKind::Pronoun,
    };
    let from_cues = recent(earlier.cues)
        .iter()
        .rev()
        .filter_map(|c| c.speaker.as_ref())
        .find(|m| wanted(m));
    let named_before = earlier
        .people
        .iter()
        .rev()
        .find(|m| personal && m.span.end <= speaker.span.start && earlier.fits(m, gender));
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

#[cfg(test)]
mod tests {

    #[test]
    fn a_document_is_found_after_letters_that_change_length_when_lowered() {
        use super::NameIndex;
        let text = "İİİİ said so. The Harrow Review found faults. The review";
        let before = text.rfind("The review").unwrap();
        assert_eq!(
            NameIndex::new(text)
                .document_before("review", before)
                .as_deref(),
            Some("Harrow Review")
        );
    }

    #[test]
    fn the_company_is_the_business_its_sentence_or_an_earlier_tag_named() {
        let text = "Kessa Power will raise prices by 12%, the company said. The utility said \
                    40,000 customers would get help.";
        let got = attributed(text);
        let speakers: Vec<Option<&str>> = got.iter().map(|(_, s, _)| s.as_deref()).collect();
        assert_eq!(speakers, [Some("Kessa Power"), Some("Kessa Power")]);
        // Nobody named opens the sentence: the company stays unnamed by name.
        let got = attributed("Prices will rise by 12%, the company said.");
        assert_eq!(got[0].1.as_deref(), Some("the company"));
        // A union is not a business: it keeps its own reading.
        let got = attributed("Kessa Power will cut 40 jobs, the union said.");
        assert_eq!(got[0].1.as_deref(), Some("the union"));
    }

    /// The document "The report" at the end of `text` points back to.
    fn report_before_the_end(text: &str) -> Option<String> {
        let before = text.rfind("The report").unwrap();
        super::NameIndex::new(text).document_before("report", before)
    }

    #[test]
    fn a_document_name_stays_in_its_paragraph_and_drops_its_article() {
        let cases = [
            ("Flood Inquiry\n\nA report found faults. The report", None),
            (
                "the Harlow Flood\nInquiry report found faults. The report",
                Some("Harlow Flood Inquiry"),
            ),
            (
                "the Department of Roads report found faults. The report",
                Some("Department of Roads"),
            ),
            (
                "A Kessler Trust report found faults. The report",
                Some("Kessler Trust"),
            ),
        ];
        for (text, name) in cases {
            assert_eq!(report_before_the_end(text).as_deref(), name, "{text}");
        }
    }
    use crate::attribution::Status;
    use crate::attribution::tests::{attributed, speaker};

    #[test]
    fn a_definite_office_holder_is_named_and_takes_the_earlier_name() {
        let got = attributed("The mayor said 4,000 jobs would follow.");
        assert_eq!(got[0].0, Status::Named);
        let text = "Mayor Ines Park opened the depot on Monday. Later the mayor said 4,000 jobs would follow.";
        assert_eq!(speaker(text).as_deref(), Some("Ines Park"));
    }

    #[test]
    fn an_office_holders_name_ends_with_its_clause() {
        let text = "The depot opened under Mayor Ines Park. Crews Worked Late. Later the mayor said 4,000 jobs would follow.";
        assert_eq!(speaker(text).as_deref(), Some("Ines Park"));
        let text =
            "Mayor Ines J. Park opened the depot. Later the mayor said 4,000 jobs would follow.";
        assert_eq!(speaker(text).as_deref(), Some("Ines J Park"));
    }

    #[test]
    fn pointing_back_finds_the_name_however_far_the_file_runs() {
        let mut text = String::from("Mayor Ines Park opened the Harbour Audit report. ");
        for _ in 0..2_000 {
            text.push_str("The mayor said the report said the union said so. ");
        }
        text.push_str("The mayor said 4,000 jobs would follow.");
        assert_eq!(speaker(&text).as_deref(), Some("Ines Park"));
    }

    #[test]
    fn an_age_points_back_to_the_person_named_before() {
        let text = "Lena Osei dismissed that. “Averages hide a great deal,” the 44-year-old told the Kessa Tribune.";
        assert_eq!(speaker(text).as_deref(), Some("Lena Osei"));
        let text = "Lena Osei spoke first. The 44-year-old said 300 jobs were at risk.";
        assert_eq!(speaker(text).as_deref(), Some("Lena Osei"));
    }

    #[test]
    fn the_newspaper_is_the_outlet_named_before_and_food_labelling_is_a_noun() {
        let text = "The Kessa Valley Tribune said the envoy often argued with officials holding what the newspaper termed “more hawkish” views.";
        assert_eq!(speaker(text).as_deref(), Some("Kessa Valley Tribune"));
        let text =
            "Food labelling would improve, with a “traffic light” system for food sold in shops.";
        let got = attributed(text);
        assert_eq!(got[0].0, Status::None);
    }

    #[test]
    fn a_pronoun_points_to_whom_the_sentence_before_is_about_and_never_to_a_place() {
        let text = "Tom Kerr thanked President Abel Marr and said the new systems had made America safer. He cited family reasons, stating that “it is time to go.”";
        assert_eq!(speaker(text).as_deref(), Some("Tom Kerr"));
        let got = attributed("Iran said 40 people were held.");
        assert_eq!(got[0].0, Status::Named);
        // "reports in Italy": the place is where, not who.
        let got =
            attributed("According to reports in Italy, Sand will earn about €9 million a year.");
        assert_eq!(got[0].0, Status::Vague);
    }

    #[test]
    fn a_pronoun_takes_a_speaker_named_paragraphs_before() {
        let text = "Lena Osei, the port director, spoke first.\n\n“Cranes arrive in May,” Osei said.\n\nThe unions met later.\n\nThe tide was high.\n\n“We will need 300 more staff,” she said.\n";
        let got = attributed(text);
        assert_eq!(got.last().unwrap().1.as_deref(), Some("Osei"));
    }

    #[test]
    fn the_paper_is_the_outlet_cited_before_unless_a_paper_was_named() {
        let text =
            "The Kessa Herald reported the closure on Monday. The paper said 4,700 jobs were lost.";
        let got = attributed(text);
        assert_eq!(got[0].1.as_deref(), Some("Kessa Herald"), "{got:?}");
        let got = attributed("“It offers nothing,” said the paper.");
        assert_eq!(got[0].0, crate::attribution::Status::Vague);
    }
}
