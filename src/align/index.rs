//! Many originals: an inverted index from fingerprint to original, so one article is aligned
//! only with the originals it shares fingerprints with.

use super::Word;
use super::fingerprint::{FastMap, fingerprints};

/// Many originals at once: an inverted index from fingerprint to (original id, word index), so
/// that one article is compared only with the originals that share fingerprints with it.
///
/// Build it with [`AlignParams::index`], which uses longer k-grams than [`align`] (see
/// [`INDEX_K`]); `Index::new(params.k, params.w)` works too, but lets nearly every original
/// through. Ids are the caller's; add each original once.
pub struct Index {
    k: usize,
    w: usize,
    /// fingerprint → (slot of the original, word index), slots in the order added.
    postings: FastMap<u64, Vec<(u32, u32)>>,
    /// slot → the caller's id.
    ids: Vec<usize>,
}

impl Index {
    pub fn new(k: usize, w: usize) -> Index {
        Index {
            k: k.max(1),
            w: w.max(1),
            postings: FastMap::default(),
            ids: Vec::new(),
        }
    }

    pub fn add(&mut self, id: usize, words: &[Word]) {
        let slot = self.ids.len() as u32;
        self.ids.push(id);
        for (hash, pos) in fingerprints(words, self.k, self.w) {
            self.postings.entry(hash).or_default().push((slot, pos));
        }
    }

    /// Number of originals added.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Originals sharing at least `min_shared` fingerprints with `article`, most shared first
    /// (ties by id), as (id, number of distinct shared fingerprints). `min_shared` 0 counts as 1:
    /// an original sharing nothing is never a candidate.
    pub fn candidates(&self, article: &[Word], min_shared: usize) -> Vec<(usize, usize)> {
        let mut hashes: Vec<u64> = fingerprints(article, self.k, self.w)
            .into_iter()
            .map(|(hash, _)| hash)
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let mut shared: FastMap<u32, usize> = FastMap::default();
        for postings in hashes.iter().filter_map(|h| self.postings.get(h)) {
            // One original's postings for a hash are contiguous (added together): count it once.
            let mut previous = None;
            for &(slot, _) in postings {
                if previous != Some(slot) {
                    *shared.entry(slot).or_default() += 1;
                    previous = Some(slot);
                }
            }
        }
        let mut out: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|&(_, count)| count >= min_shared.max(1))
            .map(|(slot, count)| (self.ids[slot as usize], count))
            .collect();
        out.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::testgen::{Rng, random_words};

    // -- index -----------------------------------------------------------------------------

    #[test]
    fn index_ranks_candidates_by_shared_fingerprints() {
        let mut rng = Rng(42);
        let article = random_words(&mut rng, 600, 0);
        let a = [random_words(&mut rng, 300, 1), article[100..300].to_vec()].concat();
        let b = [article[400..440].to_vec(), random_words(&mut rng, 300, 2)].concat();
        let c = random_words(&mut rng, 500, 3);
        let mut index = Index::new(4, 4);
        index.add(10, &c);
        index.add(20, &b);
        index.add(30, &a);
        let got = index.candidates(&article, 1);
        let ids: Vec<usize> = got.iter().map(|&(id, _)| id).collect();
        assert_eq!(ids, [30, 20], "{got:?}");
        assert!(got[0].1 > got[1].1 && got[1].1 >= 3);
        assert_eq!(index.candidates(&article, got[0].1).len(), 1);
    }
}
