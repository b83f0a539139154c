//! `check --diff`: what `--fix` would change, as a unified diff with three lines of context, each
//! changed file headed by its path as reported, without a leading `./` (`--- desk/story.md` /
//! `+++ desk/story.md`), so that `patch -p0` or `git apply -p0` applies it. A file with nothing
//! to fix prints nothing. Article text is shown as other text output shows it (`visible.rs`).

use std::io::{self, Write};

/// The diff of one article from `before` to `after`.
pub fn write(path: &str, before: &str, after: &str, out: &mut dyn Write) -> io::Result<()> {
    if before == after {
        return Ok(());
    }
    // `git apply` refuses `./desk/story.md`; `desk/story.md` suits it and `patch -p0` alike.
    let path = super::sarif::normalize_path(path);
    let path = crate::visible::visible(&path);
    let diff = similar::TextDiff::from_lines(before, after);
    let unified = diff
        .unified_diff()
        .context_radius(3)
        .header(&path, &path)
        .to_string();
    for line in unified.split_inclusive('\n') {
        out.write_all(visible_line(line).as_bytes())?;
    }
    Ok(())
}

/// A diff line as a terminal or CI log may show it (see `visible.rs`): control characters shown
/// as their code, but the line break kept, and the CR of a CRLF line too, so that a patch of a
/// Windows file still applies. A line with an ESC in it no longer applies: that is the price of
/// never printing one.
fn visible_line(line: &str) -> String {
    let (body, end) = match line.strip_suffix("\r\n") {
        Some(body) => (body, "\r\n"),
        None => match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        },
    };
    format!("{}{end}", crate::visible::visible(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(before: &str, after: &str) -> String {
        let mut out = Vec::new();
        write("a.md", before, after, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn control_characters_are_shown_as_codes_but_crlf_stays() {
        assert_eq!(
            diff(
                "a\x1b[2J\r\nSources: CNN\r\n",
                "a\x1b[2J\r\nSources: CNN, NPR\r\n"
            ),
            "--- a.md\n+++ a.md\n@@ -1,2 +1,2 @@\n a\\u{1b}[2J\r\n-Sources: CNN\r\n+Sources: CNN, NPR\r\n"
        );
    }

    #[test]
    fn one_hunk_with_context_and_the_missing_newline_marked() {
        assert_eq!(diff("same\n", "same\n"), "");
        assert_eq!(
            diff("Body.\n\nSources: CNN\n", "Body.\n\nSources: CNN, NPR\n"),
            "--- a.md\n+++ a.md\n@@ -1,3 +1,3 @@\n Body.\n \n-Sources: CNN\n+Sources: CNN, NPR\n"
        );
        assert_eq!(
            diff("Body only.", "Body only.\n\nSources: NPR\n"),
            "--- a.md\n+++ a.md\n@@ -1 +1,3 @@\n-Body only.\n\\ No newline at end of file\n+Body only.\n+\n+Sources: NPR\n"
        );
    }
}
