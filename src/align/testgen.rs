//! Deterministic news-like text for the engine's tests, measurements and benchmarks
//! (`benches/align.rs`): one xorshift generator and the vocabularies it draws from.

use super::Word;
use super::fingerprint::mix;

// -- synthetic news-like text (tests and measurement) --------------------------------------

/// xorshift64*: deterministic, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A rank in 0..n, Zipf-like (probability ∝ 1 / (rank + 1)).
    pub fn zipf(&mut self, n: usize) -> usize {
        let harmonic: f64 = (1..=n).map(|r| 1.0 / r as f64).sum();
        let mut target = self.unit() * harmonic;
        for r in 0..n {
            target -= 1.0 / (r + 1) as f64;
            if target <= 0.0 {
                return r;
            }
        }
        n - 1
    }

    /// A rank in 0..n with probability roughly ∝ 1 / (rank + 1), from a precomputed table of
    /// cumulative weights (faster than [`Rng::zipf`] for long texts).
    pub fn zipf_table(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative[cumulative.len() - 1];
        let target = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        cumulative
            .partition_point(|&c| c < target)
            .min(cumulative.len() - 1)
    }
}

/// Words with random hashes from a stream private to `salt`, so texts built with different
/// salts share nothing.
pub fn random_words(rng: &mut Rng, n: usize, salt: u64) -> Vec<Word> {
    (0..n)
        .map(|i| Word {
            start: i as u32,
            end: i as u32 + 1,
            hash: mix(rng.next_u64() ^ salt.rotate_left(32)),
        })
        .collect()
}

pub const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "had", "are", "but", "from", "or", "have", "an", "they",
    "which", "one", "were", "her", "all", "she", "there", "would", "their", "we", "him", "been",
    "has", "when", "who", "will", "more", "no", "if", "out", "so", "said", "what", "up", "its",
    "about", "into", "than", "them", "can", "only", "other", "new",
];

pub const TOPIC_WORDS: &[&str] = &[
    "talks",
    "ministry",
    "foreign",
    "minister",
    "government",
    "officials",
    "delegation",
    "agreement",
    "ceasefire",
    "sanctions",
    "nuclear",
    "enrichment",
    "uranium",
    "inspectors",
    "president",
    "parliament",
    "protesters",
    "police",
    "security",
    "forces",
    "capital",
    "border",
    "refugees",
    "aid",
    "humanitarian",
    "convoy",
    "strike",
    "drone",
    "missile",
    "attack",
    "killed",
    "wounded",
    "civilians",
    "hospital",
    "report",
    "statement",
    "spokesman",
    "agency",
    "rights",
    "groups",
    "activists",
    "arrested",
    "detained",
    "executions",
    "prison",
    "court",
    "judge",
    "trial",
    "sentence",
    "election",
    "vote",
    "opposition",
    "party",
    "coalition",
    "budget",
    "economy",
    "inflation",
    "currency",
    "oil",
    "exports",
    "gas",
    "pipeline",
    "shipping",
    "port",
    "grain",
    "corridor",
    "navy",
    "vessel",
    "tanker",
    "seized",
    "crew",
    "negotiators",
    "envoy",
    "summit",
    "leaders",
    "Tehran",
    "Washington",
    "Istanbul",
    "Moscow",
    "Kyiv",
    "Brussels",
    "Geneva",
    "Araghchi",
    "Witkoff",
    "Erdogan",
    "IAEA",
    "UN",
    "EU",
    "NATO",
    "Reuters",
    "AP",
    "deal",
    "proposal",
    "demands",
    "guarantees",
    "deadline",
    "weeks",
    "months",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "2,000",
    "217",
    "500",
    "25,000",
    "6,430",
    "percent",
    "million",
    "billion",
    "dollars",
    "figures",
    "data",
    "toll",
    "victims",
    "families",
    "witnesses",
    "video",
    "footage",
    "images",
    "claims",
    "denied",
    "confirmed",
    "warned",
    "threatened",
    "urged",
    "called",
    "accused",
    "rejected",
    "welcomed",
    "condemned",
    "announced",
    "resumed",
    "collapsed",
    "stalled",
    "progress",
    "round",
    "meeting",
    "mediator",
    "Oman",
    "Qatar",
    "Egypt",
    "Turkey",
    "Iran",
    "Israel",
    "Gaza",
    "Lebanon",
    "Syria",
    "Iraq",
    "Ukraine",
    "Russia",
    "Europe",
    "region",
    "crisis",
];

pub const STOCK_PHRASES: &[&str] = &[
    "the prime minister said",
    "according to the",
    "in a statement",
    "the foreign ministry said",
    "on tuesday",
    "on wednesday",
    "human rights groups",
    "at least",
    "the united nations",
    "security forces",
    "told reporters",
    "state media reported",
    "the white house",
    "a senior official",
    "in the capital",
    "last week",
    "earlier this month",
    "the european union",
    "it was not clear",
    "did not respond to a request for comment",
    "the two sides",
    "the interior ministry",
    "officials said",
    "more than",
    "the death toll",
    "in recent weeks",
    "the defence minister",
    "a spokesperson for",
    "news agency",
    "the supreme leader",
    "at least 217 people",
    "iran human rights",
    "abbas araghchi",
    "the grain corridor",
    "were killed in",
    "as many as 2,000",
];

/// Words of the general vocabulary: pronounceable nonsense, the same in every run.
pub fn general_vocabulary() -> Vec<String> {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "st",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
    let mut rng = Rng(0x0bad_5eed);
    (0..GENERAL_WORDS)
        .map(|_| {
            (0..2 + rng.below(2))
                .map(|_| {
                    format!(
                        "{}{}",
                        ONSETS[rng.below(ONSETS.len())],
                        VOWELS[rng.below(VOWELS.len())]
                    )
                })
                .collect()
        })
        .collect()
}

pub const GENERAL_WORDS: usize = 2_000;

/// News-like text: function words (45%), the story's own vocabulary of names, numbers and
/// topic words (20%), a general vocabulary (25%), all Zipf-distributed, and stock phrases
/// (10% of draws, 3-8 words each). Every text on "the story" draws from the same lists, as
/// two independent reports of one event do.
pub fn news_text(rng: &mut Rng, general: &[String], n_words: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    while out.len() < n_words {
        let sentence_len = 12 + rng.below(17);
        let end = out.len() + sentence_len;
        while out.len() < end {
            let roll = rng.unit();
            if roll < 0.10 {
                out.extend(STOCK_PHRASES[rng.zipf(STOCK_PHRASES.len())].split(' '));
            } else if roll < 0.55 {
                out.push(FUNCTION_WORDS[rng.zipf(FUNCTION_WORDS.len())]);
            } else if roll < 0.75 {
                out.push(TOPIC_WORDS[rng.zipf(TOPIC_WORDS.len())]);
            } else {
                out.push(&general[rng.zipf(general.len())]);
            }
        }
        out.push(".");
    }
    out.join(" ")
}

/// `copy` with `edits` random light edits (substitute, insert, drop, swap two words).
pub fn edit(rng: &mut Rng, copy: &[Word], edits: usize, vocabulary: &[Word]) -> Vec<Word> {
    let mut out = copy.to_vec();
    for _ in 0..edits {
        if out.len() < 4 {
            break;
        }
        let at = 1 + rng.below(out.len() - 2);
        let fresh = vocabulary[rng.below(vocabulary.len())];
        match rng.below(4) {
            0 => out[at] = fresh,
            1 => out.insert(at, fresh),
            2 => {
                out.remove(at);
            }
            _ => out.swap(at, at + 1),
        }
    }
    out
}

// -- the benchmarks' text ---------------------------------------------------------------------

/// About 400 English news words, for `benches/align.rs`: drawn Zipf-like, so unrelated texts
/// share common phrases as real ones do.
pub const VOCABULARY: &str =
    "the of and to a in that is was he for it with as his on be at by had are
but from or have an they which one were her all she there would their we him been has when who
will more no if out so said what up its about into than them can only other new some could time
these two may then do first any my now such like our over man me even most made after also did
many before must through back years where much your way well down should because each just those
people mr how too little state good very make world still own see men work long get here between
both life being under never day same another know while last might us great old year off come
since against go came right used take three government minister ministry foreign officials talks
delegation agreement ceasefire sanctions nuclear enrichment uranium inspectors president
parliament protesters police security forces capital border refugees aid humanitarian convoy
strike drone missile attack killed wounded civilians hospital report statement spokesman agency
rights groups activists arrested detained executions prison court judge trial sentence election
vote opposition party coalition budget economy inflation currency oil exports gas pipeline
shipping port grain corridor navy vessel tanker seized crew negotiators envoy summit leaders
tehran washington istanbul moscow kyiv brussels geneva araghchi witkoff erdogan un eu nato
reuters deal proposal demands guarantees deadline weeks months monday tuesday wednesday thursday
friday percent million billion dollars figures data toll victims families witnesses video
footage images claims denied confirmed warned threatened urged called accused rejected welcomed
condemned announced resumed collapsed stalled progress round meeting mediator oman qatar egypt
turkey iran israel gaza lebanon syria iraq ukraine russia europe region crisis water farmers
drought harvest prices bread fuel electricity blackout schools teachers students university
doctors nurses vaccine outbreak cases deaths flood storm earthquake rescue teams survivors
rubble villages province governor mayor council residents housing rent wages workers union
factory jobs unemployment bank rates loan debt bonds investors markets shares company
chief executive profits losses contract tender bid airport flights passengers railway bridge
road project construction companies energy solar wind power plant coal climate emissions
pledge target funding donors charity volunteers camp tents winter cold heat wave fires
forest smoke evacuated homes destroyed damaged repairs insurance compensation lawsuit";

/// Generates news-like text from the vocabulary.
pub struct Writer {
    vocabulary: Vec<&'static str>,
    cumulative: Vec<f64>,
    rng: Rng,
}

impl Writer {
    pub fn new(seed: u64) -> Self {
        let vocabulary: Vec<&str> = VOCABULARY.split_whitespace().collect();
        let cumulative = (1..=vocabulary.len())
            .scan(0.0, |sum, rank| {
                *sum += 1.0 / rank as f64;
                Some(*sum)
            })
            .collect();
        Writer {
            vocabulary,
            cumulative,
            rng: Rng(seed),
        }
    }

    pub fn word(&mut self) -> &'static str {
        self.vocabulary[self.rng.zipf_table(&self.cumulative)]
    }

    /// About `n` words in sentences of 8 to 30 words.
    pub fn text(&mut self, n: usize) -> String {
        let mut out = String::new();
        let mut written = 0;
        while written < n {
            let len = 8 + self.rng.below(23);
            for i in 0..len {
                let word = self.word();
                if i == 0 {
                    let mut chars = word.chars();
                    out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(chars.as_str());
                } else {
                    out.push_str(word);
                }
                out.push_str(if i + 1 == len {
                    ". "
                } else if self.rng.below(12) == 0 {
                    ", "
                } else {
                    " "
                });
            }
            written += len;
        }
        out
    }

    /// `passage` with `edits` light edits: a word substituted, inserted or dropped, or two
    /// neighbours swapped, at random places.
    pub fn edit(&mut self, passage: &str, edits: usize) -> String {
        let mut tokens: Vec<String> = passage.split(' ').map(str::to_owned).collect();
        for _ in 0..edits {
            let at = 1 + self.rng.below(tokens.len() - 3);
            let fresh = self.word().to_owned();
            match self.rng.below(4) {
                0 => tokens[at] = fresh,
                1 => tokens.insert(at, fresh),
                2 => {
                    tokens.remove(at);
                }
                _ => tokens.swap(at, at + 1),
            }
        }
        tokens.join(" ")
    }
}

/// A stretch of `len` whitespace-separated words of `text`, starting at word `from`.
pub fn stretch(text: &str, from: usize, len: usize) -> String {
    text.split(' ')
        .skip(from)
        .take(len)
        .collect::<Vec<_>>()
        .join(" ")
}
