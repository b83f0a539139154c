//! The word lists every analysis step reads: reporting verbs, vague sources, hedges, months and
//! the rest. They are data in `lexicons/*.yaml`, embedded at build time and extendable from
//! `.fairlint.yaml`, so that a newsroom can teach fairlint its own house style without Rust.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

/// A set of lower-cased words. The analysis looks words up millions of times per megabyte of
/// text and never with keys an attacker could pick to collide (the lexicons are ours or the
/// project's own), so a fast hasher replaces the default DoS-resistant one.
pub type WordSet = HashSet<String, foldhash::fast::RandomState>;

type WordMap<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// A multi-word phrase, lower-cased and split on whitespace.
pub type Phrase = Vec<String>;

/// Every lexicon key that the embedded files define; config may only extend these.
pub const KEYS: &[&str] = &[
    "reporting-verbs",
    "slogan-verbs",
    "source-phrases",
    "outlet-phrases",
    "interview-phrases",
    "measure-phrases",
    "mention-markers",
    "vague-sources",
    "institutional-sources",
    "qualified-sources",
    "body-voices",
    "role-nouns",
    "organisation-nouns",
    "organisation-words",
    "person-titles",
    "pronouns",
    "abbreviations",
    "calendar-words",
    "source-headings",
    "disclaimer-markers",
    "hedges",
    "scales",
    "percent-units",
    "currencies",
    "glued-units",
    "number-words",
    "magnitudes",
    "months",
    "durations",
    "name-prefixes",
    "time-suffixes",
    "street-words",
    "not-names",
    "platforms",
    "places",
    "outlet-words",
    "result-units",
    "result-shares",
    "election-verbs",
    "market-words",
    "market-moves",
    "body-sizes",
    "spec-units",
    "settlement-nouns",
    "people-nouns",
    "people-verbs",
    "measure-units",
    "court-orders",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    outlets: Vec<OutletEntry>,
}

/// The lexicons, indexed for the lookups the analysis makes.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub reporting_verbs: WordSet,
    pub slogan_verbs: Phrases,
    pub source_phrases: Phrases,
    pub outlet_phrases: Phrases,
    pub measure_phrases: Phrases,
    pub mention_markers: Phrases,
    pub vague_sources: Phrases,
    pub institutional_sources: Phrases,
    pub qualified_sources: Phrases,
    /// People who speak for the body named before them ("Pentagon officials", "a Boeing
    /// spokesman"): with that name, the body is the source.
    pub body_voices: WordSet,
    pub role_nouns: WordSet,
    pub organisation_nouns: WordSet,
    pub organisation_words: Phrases,
    pub person_titles: Phrases,
    pub pronouns: WordSet,
    pub abbreviations: WordSet,
    /// Words that open sentences capitalised but never name anybody ("Somehow", "During").
    pub not_names: WordSet,
    /// Where a person speaks for themselves ("on Truth Social", "on X"): not a news source the
    /// list must hold.
    pub platforms: Phrases,
    pub places: Phrases,
    /// Words in a name that say it publishes news: such an organisation belongs on the list.
    pub outlet_words: Phrases,
    /// What a sports result counts ("30 games", "12 points"): results, not claims.
    pub result_units: WordSet,
    /// What follows a share of an election's count ("of the vote"): a public result.
    pub result_shares: Phrases,
    /// "re-elected with", "won by": what gives an election's result.
    pub election_verbs: WordSet,
    /// What trades on a public market ("shares", "the index"): its price moves are public.
    pub market_words: Phrases,
    /// How a market moves ("fell", "closed"), right before the figure.
    pub market_moves: WordSet,
    /// What a standing body's size is counted in ("the 15-member council"): a label.
    pub body_sizes: WordSet,
    /// The unit of a specification written before its object ("a 6.1-inch screen"): a label.
    pub spec_units: WordSet,
    /// Places whose population describes them ("a city of 2 million"): a label.
    pub settlement_nouns: WordSet,
    /// What a count of people counts ("14,200 people", "40 workers").
    pub people_nouns: WordSet,
    /// What is done to people counted after it ("killed 40", "evacuated 2,000").
    pub people_verbs: WordSet,
    /// Physical units ("km", "tonnes", "degrees"): a figure in one is a measure.
    pub measure_units: WordSet,
    /// What a court orders right before a figure ("fined", "ordered to pay"): public record.
    pub court_orders: Phrases,
    pub calendar_words: WordSet,
    pub source_headings: WordSet,
    pub disclaimer_markers: Vec<String>,
    /// Phrases that open a cue naming the outlet a person spoke to ("speaking to the BBC"):
    /// the person's other cues in the sentence take that outlet too.
    pub interview_phrases: Vec<String>,
    pub hedges: Phrases,
    pub scales: WordSet,
    pub percent_units: Phrases,
    pub currencies: WordSet,
    pub glued_units: WordSet,
    pub number_words: Phrases,
    pub magnitudes: Phrases,
    pub months: WordSet,
    pub durations: WordSet,
    pub name_prefixes: WordSet,
    pub time_suffixes: WordSet,
    pub street_words: WordSet,
    pub outlets: Vec<OutletEntry>,
}

impl Lexicon {
    /// The built-in lexicons. The embedded files are checked by tests, so a parse failure here
    /// is a build defect, not user input.
    pub fn builtin() -> Lexicon {
        Lexicon::with_extensions(&BTreeMap::new(), &[])
    }

    /// The built-in lexicons with a project's additions. Keys must be in [`KEYS`]; config
    /// validation guarantees that before this is called.
    pub fn with_extensions(
        extra: &BTreeMap<String, Vec<String>>,
        extra_outlets: &[OutletEntry],
    ) -> Lexicon {
        let mut lists: HashMap<String, Vec<String>> = HashMap::new();
        let mut outlets = Vec::new();
        for (file, text) in crate::embedded::LEXICON_FILES {
            if *file == "outlets.yaml" {
                let parsed: OutletFile =
                    serde_json::from_str(text).expect("embedded outlets.yaml is valid");
                outlets = parsed.outlets;
                continue;
            }
            let parsed: BTreeMap<String, Vec<String>> =
                serde_json::from_str(text).expect("embedded lexicon is valid");
            for (key, words) in parsed {
                lists.entry(key).or_default().extend(words);
            }
        }
        for (key, words) in extra {
            lists
                .entry(key.clone())
                .or_default()
                .extend(words.iter().cloned());
        }
        outlets.extend(extra_outlets.iter().cloned());
        let mut take = |key: &str| lists.remove(key).unwrap_or_default();
        Lexicon {
            reporting_verbs: set(take("reporting-verbs")),
            slogan_verbs: phrases(take("slogan-verbs")),
            source_phrases: phrases(take("source-phrases")),
            outlet_phrases: phrases(take("outlet-phrases")),
            measure_phrases: phrases(take("measure-phrases")),
            mention_markers: phrases(take("mention-markers")),
            vague_sources: phrases(take("vague-sources")),
            institutional_sources: phrases(take("institutional-sources")),
            qualified_sources: phrases(take("qualified-sources")),
            body_voices: set(take("body-voices")),
            role_nouns: set(take("role-nouns")),
            organisation_nouns: set(take("organisation-nouns")),
            organisation_words: phrases(take("organisation-words")),
            person_titles: phrases(take("person-titles")),
            pronouns: set(take("pronouns")),
            not_names: set(take("not-names")),
            platforms: phrases(take("platforms")),
            places: phrases(take("places")),
            outlet_words: phrases(take("outlet-words")),
            result_units: set(take("result-units")),
            result_shares: phrases(take("result-shares")),
            election_verbs: set(take("election-verbs")),
            market_words: phrases(take("market-words")),
            market_moves: set(take("market-moves")),
            body_sizes: set(take("body-sizes")),
            spec_units: set(take("spec-units")),
            settlement_nouns: set(take("settlement-nouns")),
            people_nouns: set(take("people-nouns")),
            people_verbs: set(take("people-verbs")),
            measure_units: set(take("measure-units")),
            court_orders: phrases(take("court-orders")),
            abbreviations: set(take("abbreviations")),
            calendar_words: set(take("calendar-words")),
            source_headings: set(take("source-headings")),
            disclaimer_markers: take("disclaimer-markers")
                .into_iter()
                .map(|w| w.to_lowercase())
                .collect(),
            interview_phrases: take("interview-phrases")
                .into_iter()
                .map(|w| w.to_lowercase())
                .collect(),
            hedges: phrases(take("hedges")),
            scales: set(take("scales")),
            percent_units: phrases(take("percent-units")),
            currencies: set(take("currencies")),
            glued_units: set(take("glued-units")),
            number_words: phrases(take("number-words")),
            magnitudes: phrases(take("magnitudes")),
            months: set(take("months")),
            durations: set(take("durations")),
            name_prefixes: set(take("name-prefixes")),
            time_suffixes: set(take("time-suffixes")),
            street_words: set(take("street-words")),
            outlets,
        }
    }
}

fn set(words: Vec<String>) -> WordSet {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

/// A list of phrases, longest first (so that "hundreds of thousands of" wins over "hundreds
/// of"), indexed by first and by last word: a lookup at one position costs the few phrases that
/// could start or end there, not a scan of the whole list per word of the article.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    list: Vec<Phrase>,
    by_first: WordMap<Vec<usize>>,
    by_last: WordMap<Vec<usize>>,
    /// One-word phrases with a hyphen ("vice-president"), which a name can hold inside a longer
    /// hyphenated word.
    hyphenated: Vec<usize>,
}

impl Phrases {
    fn new(list: Vec<Phrase>) -> Phrases {
        let mut by_first: WordMap<Vec<usize>> = WordMap::default();
        let mut by_last: WordMap<Vec<usize>> = WordMap::default();
        for (k, phrase) in list.iter().enumerate() {
            by_first.entry(phrase[0].clone()).or_default().push(k);
            by_last
                .entry(phrase[phrase.len() - 1].clone())
                .or_default()
                .push(k);
        }
        let hyphenated = (0..list.len())
            .filter(|&k| list[k].len() == 1 && list[k][0].contains('-'))
            .collect();
        Phrases {
            list,
            by_first,
            by_last,
            hyphenated,
        }
    }

    /// Some phrase starts at one of the positions of `words`.
    pub fn in_words(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|at| self.longest_at(words, at).is_some())
    }

    /// Some one-word hyphenated phrase is inside `lower_text`.
    pub fn hyphenated_in(&self, lower_text: &str) -> bool {
        self.hyphenated
            .iter()
            .any(|&k| lower_text.contains(self.list[k][0].as_str()))
    }

    /// The longest phrase that starts at `words[at]`.
    pub fn longest_at(&self, words: &[&str], at: usize) -> Option<&Phrase> {
        let first = words.get(at)?;
        self.by_first
            .get(*first)?
            .iter()
            .map(|&k| &self.list[k])
            .find(|p| phrase_at(words, at, p))
    }

    /// The longest phrase that ends just before `words[end]`.
    pub fn longest_before(&self, words: &[&str], end: usize) -> Option<&Phrase> {
        let last = words.get(end.checked_sub(1)?)?;
        self.by_last
            .get(*last)?
            .iter()
            .map(|&k| &self.list[k])
            .find(|p| phrase_before(words, end, p))
    }
}

impl std::ops::Deref for Phrases {
    type Target = [Phrase];

    fn deref(&self) -> &[Phrase] {
        &self.list
    }
}

/// Longest phrases first, so that matching "hundreds of thousands of" wins over "hundreds of".
fn phrases(words: Vec<String>) -> Phrases {
    let mut out: Vec<Phrase> = words
        .into_iter()
        .map(|w| w.split_whitespace().map(str::to_lowercase).collect())
        .filter(|p: &Phrase| !p.is_empty())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    Phrases::new(out)
}

/// Does `phrase` match the lower-cased words starting at `words[at]`? Words are borrowed from
/// the tokens (`&str`): copying them per lookup was a large share of the analysis' allocations.
fn phrase_at(words: &[&str], at: usize, phrase: &Phrase) -> bool {
    words.len() >= at + phrase.len() && same_words(&words[at..at + phrase.len()], phrase)
}

/// Does any phrase of `list` end exactly at `words[end - 1]`?
pub fn ends_with_any(words: &[&str], end: usize, list: &Phrases) -> bool {
    list.longest_before(words, end).is_some()
}

/// Does `phrase` match the lower-cased words ending just before `words[end]`?
pub fn phrase_before(words: &[&str], end: usize, phrase: &Phrase) -> bool {
    end >= phrase.len() && same_words(&words[end - phrase.len()..end], phrase)
}

fn same_words(words: &[&str], phrase: &Phrase) -> bool {
    words.iter().zip(phrase).all(|(w, p)| *w == p.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_lexicon_key_is_known() {
        for (file, text) in crate::embedded::LEXICON_FILES {
            if *file == "outlets.yaml" {
                continue;
            }
            let parsed: BTreeMap<String, Vec<String>> = serde_json::from_str(text).unwrap();
            for key in parsed.keys() {
                assert!(KEYS.contains(&key.as_str()), "{file}: unknown key {key}");
            }
        }
    }

    #[test]
    fn builtin_lexicon_has_every_list() {
        let lex = Lexicon::builtin();
        assert!(lex.reporting_verbs.contains("said"));
        assert!(lex.months.contains("december"));
        assert!(!lex.outlets.is_empty());
        assert_eq!(lex.magnitudes[0].len(), 4, "longest magnitude first");
    }
}
