//! WordNet's synonyms, for close paraphrase: a rewrite keeps an original's meaning in other
//! words ("traders" / "dealers", "kept" / "held", "wagers" / "bets"), more of them than the
//! hand-written substitution classes of [`super::lexical`] can list. The table is built from
//! the thesaurus-wordnet crate by `build.rs` (stems of one-word entries, sorted, each with the
//! stems of its synonyms), so nothing is loaded at run time.
//!
//! Synonymy is a relation, not a partition: "hold" stands for "keep" and for "arrest", which
//! do not stand for each other. So a word gets an [`Entry`], and two entries are compared,
//! rather than folding both into one key.

mod table {
    include!(concat!(env!("OUT_DIR"), "/thesaurus.rs"));
}

/// A stem the thesaurus lists synonyms for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry(u32);

/// Stem `i` of the table.
fn stem(i: usize) -> &'static str {
    let start = i.checked_sub(1).map_or(0, |j| table::STEM_ENDS[j] as usize);
    &table::STEMS[start..table::STEM_ENDS[i] as usize]
}

/// The entry of a stem (Snowball English, as [`super::lexical`] stems), if it has one.
pub fn entry(word_stem: &str) -> Option<Entry> {
    let mask = table::SLOTS.len() - 1;
    let mut slot = stem_hash(word_stem) as usize & mask;
    loop {
        let i = table::SLOTS[slot].checked_sub(1)? as usize;
        if stem(i) == word_stem {
            return Some(Entry(i as u32));
        }
        slot = (slot + 1) & mask;
    }
}

/// FNV-1a over a stem's bytes, as `build.rs` placed the stems.
fn stem_hash(stem: &str) -> u64 {
    stem.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether WordNet lists one as a synonym of the other (in either direction).
pub fn synonyms(a: Entry, b: Entry) -> bool {
    let (start, end) = (
        table::STARTS[a.0 as usize] as usize,
        table::STARTS[a.0 as usize + 1] as usize,
    );
    table::LINKS[start..end].binary_search(&b.0).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn related(a: &str, b: &str) -> bool {
        match (entry(a), entry(b)) {
            (Some(a), Some(b)) => synonyms(a, b),
            _ => false,
        }
    }

    #[test]
    fn synonyms_are_found_both_ways() {
        assert!(related("trader", "dealer"));
        assert!(related("dealer", "trader"));
        assert!(related("wager", "bet"));
        assert!(related("keep", "hold"));
    }

    #[test]
    fn words_of_other_meanings_are_not_synonyms() {
        assert!(!related("trader", "wager"));
        assert!(!related("rose", "fell"));
        assert!(entry("qzxv").is_none());
    }

    #[test]
    fn every_entry_links_to_entries_and_is_sorted() {
        let stems = table::STEM_ENDS.len();
        assert!((1..stems).all(|i| stem(i - 1) < stem(i)));
        assert!((0..stems).all(|i| entry(stem(i)) == Some(Entry(i as u32))));
        assert_eq!(table::STARTS.len(), stems + 1);
        assert!(table::LINKS.iter().all(|&i| (i as usize) < stems));
    }
}
