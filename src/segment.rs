//! Unicode sentence boundaries (UAX #29) for the characters news copy is made of. The
//! `unicode-segmentation` crate looks every character up in its property tables, and that was a
//! tenth of a whole check. Nearly every paragraph of English news is ASCII plus curly quotes,
//! dashes and Latin-1 letters, whose sentence-break classes fit in one small match, so those
//! paragraphs are split here by the same rules; any other paragraph goes to the crate. A test
//! compares the two on random text over the whole fast alphabet. (Words stay with the crate: the
//! same treatment bought nothing measurable there.)

use unicode_segmentation::UnicodeSegmentation;

/// The sentence-break classes of UAX #29 that the fast alphabet uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The class of `c`, or `None` outside the fast alphabet.
fn class(c: char) -> Option<Class> {
    let class = match c {
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Numeric,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' => Class::Sp,
        '.' => Class::ATerm,
        '!' | '?' => Class::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Class::Close,
        '«' | '»' | '‘' | '’' | '“' | '”' | '„' | '‹' | '›' => Class::Close,
        ',' | '-' | ':' | ';' | '–' | '—' => Class::SContinue,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => Class::Upper,
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' | 'ª' | 'µ' | 'º' => Class::Lower,
        '#' | '$' | '%' | '&' | '*' | '+' | '/' | '<' | '=' | '>' | '@' | '\\' | '^' | '_'
        | '`' | '|' | '~' | '…' | '€' | '£' | '¥' | '°' | '×' | '÷' | '§' | '©' | '®' | '•'
        | '·' | '±' | '¢' => Class::Other,
        _ => return None,
    };
    Some(class)
}

/// Where a sentence may end: after a terminator, through closing punctuation and spaces.
#[derive(Debug, Clone, Copy)]
struct Terminated {
    aterm: bool,
    /// The terminator is the last character seen (rules SB6 and SB7 need it adjacent).
    adjacent: bool,
    /// An upper- or lower-case letter stands right before the terminator (SB7).
    after_letter: bool,
    /// A space has followed the terminator, so closing punctuation no longer continues (SB9).
    spaced: bool,
}

/// The sentences of `text` with their byte offsets, as
/// `UnicodeSegmentation::split_sentence_bound_indices` gives them.
pub fn sentence_bound_indices(text: &str) -> Vec<(usize, &str)> {
    fast(text).unwrap_or_else(|| text.split_sentence_bound_indices().collect())
}

fn fast(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut breaks = vec![0];
    let mut context: Option<Terminated> = None;
    let mut previous: Option<Class> = None;
    for (at, c) in text.char_indices() {
        let class = class(c)?;
        if let Some(t) = context
            && breaks_before(t, class, &text[at..])?
        {
            breaks.push(at);
        }
        context = next_context(context, previous, class);
        previous = Some(class);
    }
    breaks.push(text.len());
    breaks.dedup();
    Some(
        breaks
            .windows(2)
            .map(|w| (w[0], &text[w[0]..w[1]]))
            .collect(),
    )
}

/// Whether a sentence ends before a character of `class`, `ahead` starting with it.
fn breaks_before(t: Terminated, class: Class, ahead: &str) -> Option<bool> {
    if t.aterm && t.adjacent && class == Class::Numeric {
        return Some(false); // SB6
    }
    if t.aterm && t.adjacent && t.after_letter && class == Class::Upper {
        return Some(false); // SB7
    }
    if t.aterm && lower_case_follows(ahead)? {
        return Some(false); // SB8
    }
    let continues = match class {
        Class::SContinue | Class::ATerm | Class::STerm => true, // SB8a
        Class::Close => !t.spaced,                              // SB9
        Class::Sp => true,                                      // SB9, SB10
        _ => false,
    };
    Some(!continues) // SB11
}

/// SB8: after "etc." a sentence goes on when the next letter, past anything that is not a
/// letter or a terminator, is lower case. (The fast alphabet has no letters of other scripts,
/// which would also stop the search.)
fn lower_case_follows(ahead: &str) -> Option<bool> {
    for c in ahead.chars() {
        match class(c)? {
            Class::Lower => return Some(true),
            Class::Upper | Class::ATerm | Class::STerm => return Some(false),
            _ => {}
        }
    }
    Some(false)
}

fn next_context(
    context: Option<Terminated>,
    previous: Option<Class>,
    class: Class,
) -> Option<Terminated> {
    match class {
        Class::ATerm | Class::STerm => Some(Terminated {
            aterm: class == Class::ATerm,
            adjacent: true,
            after_letter: matches!(previous, Some(Class::Upper | Class::Lower)),
            spaced: false,
        }),
        Class::Close => context.filter(|t| !t.spaced).map(|t| Terminated {
            adjacent: false,
            ..t
        }),
        Class::Sp => context.map(|t| Terminated {
            adjacent: false,
            spaced: true,
            ..t
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the fast alphabet, the ones the rules turn on several times over.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = (0u32..0x100)
            .filter_map(char::from_u32)
            .chain("…€£¥°×÷§©®•·±¢«»‘’“”„‹›–—".chars())
            .filter(|c| class(*c).is_some())
            .collect();
        for _ in 0..4 {
            chars.extend(". .?!\"”’)( aAeTx5,;—".chars());
        }
        chars
    }

    fn crate_split(text: &str) -> Vec<(usize, &str)> {
        text.split_sentence_bound_indices().collect()
    }

    #[test]
    fn agrees_with_the_unicode_crate_on_random_text() {
        let alphabet = alphabet();
        // A fixed seed, so a failure names a text that fails again.
        let mut rng = crate::align::testgen::Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let len = rng.below(12);
            let text: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            assert_eq!(fast(&text).unwrap(), crate_split(&text), "{text:?}");
        }
    }

    #[test]
    fn agrees_on_news_copy_and_falls_back_outside_the_alphabet() {
        for text in [
            "He left at 5 p.m. on Friday. “We stay,” she said. Was it? Yes!",
            "The U.S. economy grew 2.5%. Shares (of the firm.) fell. etc. 5 apples.",
            "Prices — in €, £ and ¥ — rose… Then: “Why?” he asked.  Twice.",
            "",
            "   ",
            "Zürich’s café. Ça va. Ñandú!",
        ] {
            assert_eq!(sentence_bound_indices(text), crate_split(text), "{text:?}");
            assert!(fast(text).is_some(), "{text:?}");
        }
        let other = "Ἀθῆναι. Σπάρτη! 東京。大阪";
        assert!(fast(other).is_none());
        assert_eq!(sentence_bound_indices(other), crate_split(other));
    }
}
