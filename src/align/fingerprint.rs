//! k-grams and winnowing: a few fingerprints per text, so that texts sharing a copied run
//! share a fingerprint.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use super::Word;

/// Multiplier of the rolling k-gram hash (odd, so it is invertible modulo 2^64).
const KGRAM_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: spreads a polynomial hash over all 64 bits, so the minimum chosen by
/// winnowing is a fair sample and hash maps can use the value directly.
#[inline]
pub(super) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The hash of every k-word window, in order (item `i` covers words `i..i + k`), computed as a
/// rolling polynomial so each step costs O(1) whatever `k` is. Lazy, so a long original is
/// scanned without storing its k-grams.
pub(super) fn kgram_hashes(words: &[Word], k: usize) -> impl Iterator<Item = u64> + '_ {
    let k = k.max(1);
    let oldest_weight = KGRAM_BASE.wrapping_pow((k - 1) as u32);
    let mut acc = words.iter().take(k - 1).fold(0u64, |acc, w| {
        acc.wrapping_mul(KGRAM_BASE).wrapping_add(w.hash)
    });
    (k - 1..words.len()).map(move |last| {
        acc = acc.wrapping_mul(KGRAM_BASE).wrapping_add(words[last].hash);
        let hash = mix(acc);
        // Drop the window's first word now, ready for the next word.
        acc = acc.wrapping_sub(words[last + 1 - k].hash.wrapping_mul(oldest_weight));
        hash
    })
}

/// The distinct hashes of every k-word window of `words`, sorted: the query side of an index
/// of winnowed [`fingerprints`]. Querying with every k-gram, not only the winnowed ones, finds
/// any indexed fingerprint the text contains, so copies shorter than the winnowing guarantee
/// are still found when their k-gram happened to be kept.
pub fn kgrams(words: &[Word], k: usize) -> Vec<u64> {
    let mut out: Vec<u64> = kgram_hashes(words, k).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of every k-word window of `words`, in order (item `i` covers words `i..i + k`):
/// the same hashes as [`kgrams`], position by position.
pub fn kgram_sequence(words: &[Word], k: usize) -> Vec<u64> {
    kgram_hashes(words, k).collect()
}

/// The hashes of every k-word window of a stream of word hashes, in order: the same values as
/// [`kgram_sequence`] gives for words with those hashes, without holding the words.
pub fn rolling_kgrams(hashes: impl Iterator<Item = u64>, k: usize) -> impl Iterator<Item = u64> {
    let k = k.max(1);
    let oldest_weight = KGRAM_BASE.wrapping_pow((k - 1) as u32);
    let mut window: VecDeque<u64> = VecDeque::with_capacity(k);
    let mut acc = 0u64;
    hashes.filter_map(move |hash| {
        acc = acc.wrapping_mul(KGRAM_BASE).wrapping_add(hash);
        window.push_back(hash);
        if window.len() < k {
            return None;
        }
        let out = mix(acc);
        let oldest = window.pop_front().unwrap_or(0);
        acc = acc.wrapping_sub(oldest.wrapping_mul(oldest_weight));
        Some(out)
    })
}

/// Winnowed k-gram fingerprints (Schleimer et al. 2003): hash every k-word window, keep the
/// minimum hash of each window of `w` consecutive k-gram hashes (rightmost minimum on ties),
/// recording each kept fingerprint once. Returns (hash, index of the first word of the k-gram).
///
/// Guarantee: two texts that share a run of at least `w + k - 1` words share a fingerprint.
/// A text with fewer than `w` k-grams is one short window and yields its minimum. `k` and `w`
/// of 0 are taken as 1 (`w = 1` keeps every k-gram).
pub fn fingerprints(words: &[Word], k: usize, w: usize) -> Vec<(u64, u32)> {
    let hashes: Vec<u64> = kgram_hashes(words, k).collect();
    winnow(&hashes, w.max(1))
}

/// The winnowing selection over precomputed k-gram hashes. The window's minimum is kept as it
/// slides and looked for again only when it leaves the window, which for hashes happens once
/// in `w` steps on average: expected O(n), and O(n·w) at worst (hashes rising throughout).
/// A monotone deque was O(n) at worst but cost twice as much on every text.
fn winnow(hashes: &[u64], w: usize) -> Vec<(u64, u32)> {
    let w = w.min(hashes.len());
    let mut out = Vec::with_capacity(2 * hashes.len() / (w + 1) + 1);
    if w == 0 {
        return out;
    }
    // The rightmost minimum of `hashes[from..to]`.
    let rightmost_min = |from: usize, to: usize| {
        (from..to).fold(
            from,
            |min, j| if hashes[j] <= hashes[min] { j } else { min },
        )
    };
    let mut min = rightmost_min(0, w);
    out.push((hashes[min], min as u32));
    for i in w..hashes.len() {
        let previous = min;
        if min + w <= i {
            min = rightmost_min(i + 1 - w, i + 1);
        } else if hashes[i] <= hashes[min] {
            min = i;
        }
        if min != previous {
            out.push((hashes[min], min as u32));
        }
    }
    out
}

/// A hasher for keys that are already hashes (or nearly): one multiply-xorshift instead of
/// SipHash, and no per-process random seed, so iteration order never depends on the run.
#[derive(Default)]
pub(super) struct U64Hasher(u64);

impl Hasher for U64Hasher {
    #[inline]
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    #[inline]
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<U64Hasher>>;
pub(super) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<U64Hasher>>;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::align::testgen::{Rng, random_words};
    use crate::align::words;

    // -- winnowing -------------------------------------------------------------------------

    #[test]
    fn winnowing_guarantee_holds() {
        let mut rng = Rng(0x5eed);
        for (k, w) in [(1, 1), (3, 4), (4, 4), (5, 8), (4, 1), (2, 10)] {
            for _ in 0..50 {
                let shared = random_words(&mut rng, w + k - 1, 0);
                let mut noise = |salt| {
                    let n = rng.below(60);
                    random_words(&mut rng, n, salt)
                };
                let a = [noise(1), shared.clone(), noise(1)].concat();
                let b = [noise(2), shared, noise(2)].concat();
                let fa: HashSet<u64> = fingerprints(&a, k, w).into_iter().map(|(h, _)| h).collect();
                let fb = fingerprints(&b, k, w);
                assert!(fb.iter().any(|(h, _)| fa.contains(h)), "k={k} w={w}");
            }
        }
    }

    #[test]
    fn winnowing_keeps_rightmost_minimum_once() {
        // All k-grams equal: every window's rightmost minimum is its last k-gram.
        let ws = words("a a a a a a");
        let got: Vec<u32> = fingerprints(&ws, 1, 3)
            .into_iter()
            .map(|(_, i)| i)
            .collect();
        assert_eq!(got, [2, 3, 4, 5]);
        // Positions are strictly increasing and each is a k-gram start.
        let mut rng = Rng(7);
        let ws = random_words(&mut rng, 500, 0);
        let fp = fingerprints(&ws, 4, 6);
        assert!(fp.windows(2).all(|p| p[0].1 < p[1].1));
        assert!(fp.iter().all(|&(_, i)| (i as usize) + 4 <= ws.len()));
        // Density is about 2 / (w + 1).
        let density = fp.len() as f64 / 497.0;
        assert!((0.2..0.4).contains(&density), "{density}");
    }

    /// The definition, window by window: each window's rightmost minimum, kept once.
    fn winnow_by_definition(hashes: &[u64], w: usize) -> Vec<(u64, u32)> {
        let w = w.min(hashes.len());
        let mut out: Vec<(u64, u32)> = Vec::new();
        for end in w..=hashes.len() {
            if w == 0 {
                break;
            }
            let window = end - w..end;
            let min = window.clone().fold(
                window.start,
                |m, j| {
                    if hashes[j] <= hashes[m] { j } else { m }
                },
            );
            if out.last().is_none_or(|&(_, at)| at as usize != min) {
                out.push((hashes[min], min as u32));
            }
        }
        out
    }

    #[test]
    fn winnowing_is_its_definition() {
        let mut rng = Rng(0x717);
        for _ in 0..5_000 {
            let n = rng.below(40);
            // Few distinct values, so that ties are common; and rising runs.
            let hashes: Vec<u64> = (0..n)
                .map(|i| match rng.below(3) {
                    0 => i as u64,
                    _ => rng.below(5) as u64,
                })
                .collect();
            let w = 1 + rng.below(9);
            assert_eq!(
                winnow(&hashes, w),
                winnow_by_definition(&hashes, w),
                "{hashes:?} w={w}"
            );
        }
    }

    #[test]
    fn rolling_kgrams_match_kgram_sequence() {
        let ws = words("the prime minister said on Tuesday that talks would resume");
        for k in 1..5 {
            let rolled: Vec<u64> = rolling_kgrams(ws.iter().map(|w| w.hash), k).collect();
            assert_eq!(rolled, kgram_sequence(&ws, k), "k={k}");
        }
    }

    #[test]
    fn fingerprint_hash_matches_kgram_anywhere() {
        // Same k-gram, different surroundings and case: same fingerprint hash.
        let a = fingerprints(&words("x y the Prime Minister said"), 4, 1);
        let b = fingerprints(&words("the prime minister said z"), 4, 1);
        assert_eq!(a[2].0, b[0].0);
    }
}
