//! No input makes fairlint panic, and every span it reports is a valid range of the source.
//! A deterministic generator strings together the fragments that stress the parser (quote marks
//! of every style, apostrophes, numbers, list markers, front matter, comments); the fuzz targets
//! in `fuzz/` explore further.

use fairlint::check::check_text;
use fairlint::config::Settings;

const FRAGMENTS: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "「",
    "」",
    "『",
    "』",
    " ",
    " ",
    "\n",
    "\n\n",
    ",",
    ".",
    ";",
    ":",
    "—",
    "-",
    "(",
    ")",
    "[",
    "](",
    "#",
    "- ",
    "* ",
    "1. ",
    "---\n",
    "sources:\n  - ",
    "Sources: ",
    "SOURCES: ",
    "<!-- fairlint-disable ",
    "-->",
    "<!--",
    "fairlint-enable",
    "said",
    "told",
    "according to",
    "Reuters",
    "the BBC",
    "officials",
    "he",
    "She",
    "at least",
    "more than",
    "6,430",
    "40%",
    "$1.2",
    "billion",
    "two",
    "million",
    "hundreds of",
    "December",
    "28",
    "1979",
    "10:30",
    "p.m.",
    "U.S.",
    "Mr.",
    "Dr.",
    "`",
    "```\n",
    "é",
    "🙂",
    "\u{200b}",
    "\t",
    "Iran Human Rights (IHR)",
    "Human Rights Activists News Agency",
    "fair use",
    "x",
    "Ab",
    "’s",
    "s’",
    "’90s",
    "(",
    "HRANA",
    "per cent",
    "€",
    "—",
    "Name,",
    ", 41,",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_articles_never_panic_and_spans_are_valid() {
    let settings = Settings::builtin();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let len = (rng.next() % 80) as usize;
        let text: String = (0..len)
            .map(|_| FRAGMENTS[(rng.next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        for path in ["t.md", "t.txt"] {
            let (analysis, findings) = check_text(path, &text, &settings);
            for f in &findings {
                assert!(
                    f.span.start <= f.span.end && text.get(f.span.clone()).is_some(),
                    "round {round}: bad span {:?} in {text:?}",
                    f.span
                );
            }
            for claim in &analysis.claims {
                assert!(
                    text.get(claim.span.clone()).is_some(),
                    "round {round}: bad claim span in {text:?}"
                );
            }
        }
    }
}
