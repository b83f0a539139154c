//! The lexical layer: a key per word that reworded text shares with its original where the
//! words themselves differ. Snowball English stems ("reported", "reports"), classes of the
//! substitutions sub-editors make most ("residents" / "locals", "said" / "told", "rose" /
//! "increased"), and numbers by value ("2m" / "two million", "$200bn" / "200 billion dollars").
//! The close-paraphrase check compares sentences on these keys; `figure-not-in-source` compares
//! figures by [`figure_value`]. Exact copying is still found on the folded words themselves.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::fingerprint::FastMap;
use super::thesaurus::{self, Entry as ThesaurusEntry};
use super::{Word, hash_word};

/// Words that carry no meaning of their own once numbers are read by value: scale words after a
/// number, currency names and "percent". They all get this key (add it to a stopword set).
pub fn filler_key() -> u64 {
    hash_word("\u{0}filler")
}

/// The lexical key of every word of `text` (`words` as [`super::words`] gives them), as words
/// with the same byte ranges and the key in `hash`. Empty words (paragraph barriers) keep their
/// hash. Numbers written in words or figures, with a scale word or suffix, get one key per value:
/// "2m", "2 million" and "two million" all read 2,000,000 (the scale word becomes filler).
pub fn lexical_words(text: &str, words: &[Word]) -> Vec<Word> {
    let mut out: Vec<Word> = words.to_vec();
    let mut at = 0;
    for_each_lexical_key(text, words, |key, _| {
        out[at].hash = key;
        at += 1;
    });
    out
}

/// The keys of [`lexical_words`], one per word in order, each with the word's entry in the
/// thesaurus (`None` for numbers and for words WordNet gives no synonyms), without storing
/// them: a long original is read in constant memory.
pub fn for_each_lexical_key(
    text: &str,
    words: &[Word],
    mut emit: impl FnMut(u64, Option<ThesaurusEntry>),
) {
    let surface = |w: &Word| -> String {
        let raw = text.get(w.start as usize..w.end as usize).unwrap_or("");
        let lower = raw.to_lowercase().replace(['\u{2019}', '`'], "'");
        match lower.strip_suffix("'s") {
            Some(stem) if !stem.is_empty() => stem.to_string(),
            _ => lower,
        }
    };
    let lexicon = Lexicon::get();
    // Words with one folded form read alike: each distinct word is read (and stemmed) once, so
    // a long original costs a hash lookup per word, not a stem.
    let mut memo: FastMap<u64, Reading> = FastMap::default();
    let mut reading = |w: &Word| {
        *memo
            .entry(w.hash)
            .or_insert_with(|| Reading::of(&surface(w), lexicon))
    };
    let mut i = 0;
    // The reading of word `i`, when it was read as the word after the one before.
    let mut ahead: Option<Reading> = None;
    while i < words.len() {
        if words[i].start == words[i].end {
            emit(words[i].hash, None);
            ahead = None;
            i += 1;
            continue;
        }
        let current = ahead.take().unwrap_or_else(|| reading(&words[i]));
        let next = words
            .get(i + 1)
            .filter(|w| w.end > w.start)
            .map(&mut reading);
        let (key, entry, joined) = match (current, next) {
            (Reading::Number(value), Some(Reading::Scale(scale, _))) => {
                (number_key(value * scale), None, true)
            }
            (Reading::Number(value), _) => (number_key(value), None, false),
            (Reading::Per(_), Some(Reading::Cent(_))) => (filler_key(), None, true),
            (Reading::Filler, _) => (filler_key(), None, false),
            (Reading::Key(key, entry), _) => (key, entry, false),
            (Reading::Scale(_, key) | Reading::Per(key) | Reading::Cent(key), _) => {
                (key, None, false)
            }
        };
        emit(key, entry);
        if joined {
            emit(filler_key(), None);
            i += 1;
        } else {
            ahead = next;
        }
        i += 1;
    }
}

/// The key of one word (lower case) read on its own: its substitution class or stem, a number's
/// value, or [`filler_key`]. [`lexical_words`] gives the same key unless the word joins the
/// next ("2 million").
pub fn word_key(word: &str) -> u64 {
    match Reading::of(word, Lexicon::get()) {
        Reading::Number(value) => number_key(value),
        Reading::Filler => filler_key(),
        Reading::Scale(_, key) | Reading::Per(key) | Reading::Cent(key) | Reading::Key(key, _) => {
            key
        }
    }
}

/// How the lexical layer reads one word.
#[derive(Clone, Copy)]
enum Reading {
    Number(f64),
    /// A scale word or suffix ("million", "bn"), and its key when no number comes before it.
    Scale(f64, u64),
    Filler,
    /// "per" and "cent", which together are "percent".
    Per(u64),
    Cent(u64),
    /// A word's class or stem, and its thesaurus entry.
    Key(u64, Option<ThesaurusEntry>),
}

impl Reading {
    fn of(word: &str, lexicon: &Lexicon) -> Reading {
        if let Some(value) = number_value(word) {
            return Reading::Number(value);
        }
        if FILLERS.contains(&word) {
            return Reading::Filler;
        }
        let (key, entry) = lexicon.key(word);
        match (scale_of(word), word) {
            (Some(scale), _) => Reading::Scale(scale, key),
            (None, "per") => Reading::Per(key),
            (None, "cent") => Reading::Cent(key),
            _ => Reading::Key(key, entry),
        }
    }
}

/// The value of a figure as claims give it (`6,430`, `$200 bn`, `two million`, `40%`, `£1.2
/// billion`), currency aside, so that two ways of writing one figure compare equal: the number
/// with its scale applied, and "%" for a percentage. `None` when no number is found.
pub fn figure_value(key: &str) -> Option<String> {
    let lower = key.to_lowercase();
    let percent = lower.contains('%') || lower.contains("percent") || lower.contains("per cent");
    let mut value: Option<f64> = None;
    for token in lower
        .split(|c: char| c.is_whitespace() || c == '%')
        .map(|t| t.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
    {
        match (value, number_value(token), scale_of(token)) {
            (None, Some(v), _) => value = Some(v),
            (Some(v), _, Some(scale)) => value = Some(v * scale),
            _ => {}
        }
    }
    value.map(|v| format!("{}{}", format_value(v), if percent { "%" } else { "" }))
}

/// The key of a number: its value, rounded to a millionth.
fn number_key(value: f64) -> u64 {
    hash_word(&format!("#{}", format_value(value)))
}

fn format_value(value: f64) -> String {
    let rounded = (value * 1e6).round() / 1e6;
    if rounded.fract() == 0.0 && rounded.abs() < 1e18 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// The value of a number written in figures ("6,430", "1.2", "2m", "200bn") or as a word up to
/// ninety ("two", "forty").
fn number_value(word: &str) -> Option<f64> {
    if let Some(&(_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == word) {
        return Some(value);
    }
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    if digits_end == 0 || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (number, suffix) = word.split_at(digits_end);
    let value: f64 = number.replace(',', "").trim_end_matches('.').parse().ok()?;
    match suffix {
        "" => Some(value),
        _ => scale_of(suffix).map(|scale| value * scale),
    }
}

/// The factor of a scale word or suffix ("million", "bn", "k").
fn scale_of(word: &str) -> Option<f64> {
    SCALES
        .iter()
        .find(|(names, _)| names.contains(&word))
        .map(|&(_, scale)| scale)
}

const SCALES: &[(&[&str], f64)] = &[
    (&["hundred"], 1e2),
    (&["thousand", "k"], 1e3),
    (&["million", "millions", "m", "mn", "mln"], 1e6),
    (&["billion", "billions", "bn", "b"], 1e9),
    (&["trillion", "trillions", "tn", "trn"], 1e12),
];

/// The numbers written as words that [`number_value`] reads.
pub(super) const NUMBER_WORD_LIST: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety",
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Currency names and "percent": said or not, the figure is the same.
const FILLERS: &[&str] = &[
    "dollar", "dollars", "pound", "pounds", "euro", "euros", "sterling", "usd", "gbp", "eur",
    "percent",
];

/// Words a rewrite commonly swaps for one another in news copy, one class per line, the first
/// word naming the class. Written for fairlint; inflected forms the stemmer does not join
/// ("rose", "fell", "bought") are listed.
const CLASSES: &[&str] = &[
    "say said says saying told tells stated states added adds explained remarked noted",
    "resident residents locals inhabitants householders villagers",
    "rise rises rose risen rising increase increased increases climb climbed grew grow growth \
     jump jumped surge surged soar soared",
    "fall falls fell fallen falling drop dropped decline declined decrease decreased slump \
     slumped slide slid plunge plunged",
    "kill killed kills slain",
    "die died dies perished",
    "injure injured injuries hurt wounded",
    "police officers detectives constabulary",
    "buy bought buys purchase purchased acquire acquired",
    "start started begin began begun launch launched commence commenced",
    "finish finished end ended conclude concluded",
    "help helped aid assist assisted",
    "big large major huge significant substantial",
    "small minor little",
    "show showed shown reveal revealed indicate indicated demonstrate demonstrated",
    "warn warned caution cautioned",
    "plan plans proposal proposals scheme schemes",
    "fire blaze flames",
    "car cars vehicle vehicles",
    "company companies firm firms business businesses",
    "cost costs price prices",
    "money funds funding cash",
    "home homes house houses property properties dwellings",
    "child children kids youngsters",
    "pupil pupils student students",
    "worker workers employee employees staff",
    "job jobs post posts role roles",
    "boss bosses chief head",
    "arrest arrested detain detained",
    "jail jailed prison imprisoned",
    "charge charged accused",
    "damage damaged harm harmed",
    "build built construct constructed",
    "area areas region regions district districts",
    "announce announced unveil unveiled",
    "approve approved endorse endorsed authorise authorised authorize authorized",
    "reject rejected refuse refused dismissed",
    "need needs require required requires",
    "try tried attempt attempted seek sought",
    "about around roughly approximately nearly almost",
    "use used utilise utilised employ",
    "get got receive received obtain obtained",
    "give gave given provide provided offer offered grant granted",
    "find found discover discovered uncover uncovered",
    "stop stopped halt halted suspend suspended",
    "close closed shut closure",
    "quickly rapidly swiftly",
    "site location",
    "hospital hospitals infirmary",
    "later subsequently afterwards",
];

/// Stems and classes, built once.
struct Lexicon {
    stemmer: Stemmer,
    /// Stem of a class member → the class's key.
    classes: HashMap<String, u64>,
}

impl Lexicon {
    fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let stemmer = Stemmer::create(Algorithm::English);
            let mut classes = HashMap::new();
            for line in CLASSES {
                let mut members = line.split_whitespace();
                let Some(name) = members.next() else { continue };
                let key = hash_word(&format!("\u{0}class {name}"));
                for member in std::iter::once(name).chain(members) {
                    classes.insert(stemmer.stem(member).into_owned(), key);
                }
            }
            Lexicon { stemmer, classes }
        })
    }

    /// The key of a lower-case word (its class, else its stem) and its thesaurus entry.
    fn key(&self, word: &str) -> (u64, Option<ThesaurusEntry>) {
        let stem = self.stemmer.stem(word);
        let key = self
            .classes
            .get(stem.as_ref())
            .copied()
            .unwrap_or_else(|| hash_word(&stem));
        (key, thesaurus::entry(&stem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::words;

    fn keys(text: &str) -> Vec<u64> {
        lexical_words(text, &words(text))
            .iter()
            .map(|w| w.hash)
            .filter(|&h| h != filler_key())
            .collect()
    }

    #[test]
    fn inflections_and_substitutions_share_a_key() {
        assert_eq!(keys("reported"), keys("reports"));
        assert_eq!(keys("residents"), keys("locals"));
        assert_eq!(keys("said"), keys("told"));
        assert_eq!(keys("prices rose"), keys("price increased"));
        assert_eq!(keys("Iran’s"), keys("iran"));
        assert_ne!(keys("rose"), keys("fell"));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(keys("2m"), keys("two million"));
        assert_eq!(keys("$200bn"), keys("200 billion dollars"));
        assert_eq!(keys("6,430"), keys("6430"));
        assert_eq!(keys("40 percent"), keys("40"));
        assert_ne!(keys("6,430"), keys("6,340"));
        assert_eq!(figure_value("$200 bn"), figure_value("200 billion"));
        assert_eq!(figure_value("two million"), figure_value("2 m"));
        assert_eq!(figure_value("40%"), Some("40%".into()));
        assert_ne!(figure_value("6430"), figure_value("6340"));
        assert_eq!(figure_value("£1.2 billion"), Some("1200000000".into()));
        assert_eq!(figure_value("hundreds"), None);
    }

    #[test]
    fn barriers_and_ranges_are_kept() {
        let text = "Locals said";
        let ws = words(text);
        let lexical = lexical_words(text, &ws);
        assert_eq!(
            ws.iter().map(Word::range).collect::<Vec<_>>(),
            lexical.iter().map(Word::range).collect::<Vec<_>>()
        );
    }
}
