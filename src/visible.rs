//! Text from input as a terminal or a CI log may show it. Articles, file names, front matter and
//! archived source names come from pull requests; printed raw, an ESC starts a terminal escape
//! sequence (retitle the window, hide text, fake a clean run), a CR overwrites the line, a
//! newline in a file name starts a forged `::error` workflow command, and a bidi override makes a
//! line read differently from its bytes. Every text emitter passes input through here, and each
//! such character is shown as its code (`\u{1b}`), as Rust's `{:?}` does. JSON, SARIF and LSP
//! output carry the text exactly: their encoders escape what their formats need.

use std::borrow::Cow;

/// `text` for a one-line field (a path, a message): every control character, line breaks
/// included, shown as its code.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` that may span lines (a source excerpt, a message with its help below): as
/// [`visible`], but `\n` stays a line break.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let hidden = |c: char| !(c == '\t' || (keep_newlines && c == '\n')) && is_hidden(c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&code(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How a hidden character is shown: `\u{1b}`.
pub fn code(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// C0 and C1 controls and DEL (ESC, BEL, CR, NUL, CSI …), Unicode line and paragraph
/// separators, and the bidi formatting characters of "Trojan Source" (CVE-2021-42574).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_as_codes() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("x\ny\rz\u{7}"), "x\\u{a}y\\u{d}z\\u{7}");
        assert_eq!(visible("\u{202e}abc\u{9b}\0"), "\\u{202e}abc\\u{9b}\\u{0}");
        assert_eq!(visible_lines("one\ntwo\u{1b}"), "one\ntwo\\u{1b}");
        assert!(matches!(visible("plain “text” é\ttab"), Cow::Borrowed(_)));
    }
}
