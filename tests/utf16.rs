//! Property test: converting a byte offset to an LSP position and back gives the same offset,
//! in UTF-16 and UTF-8, over random text full of emoji, accents, CJK and line breaks.

use fairlint::position::{Encoding, LineIndex, from_lsp, to_lsp};

const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "\n",
    "\r\n",
    "é",
    "“",
    "”",
    "😀",
    "👩‍👩‍👧",
    "中",
    "𝄞",
    "\t",
    "’",
    "€",
];

#[test]
fn positions_round_trip_over_random_text() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..500 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let lines = LineIndex::new(&text);
        for (offset, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c == '\n' && offset > 0 && text[..offset].ends_with('\r') {
                continue;
            }
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let (line, column) = to_lsp(&text, &lines, offset, encoding);
                let back = from_lsp(&text, &lines, line, column, encoding);
                assert_eq!(
                    back, offset,
                    "{encoding:?} {text:?} offset {offset} -> {line}:{column}"
                );
            }
        }
    }
}
