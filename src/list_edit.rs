//! Adding a source to the article's source list, where and as the writer keeps it: a line in
//! the front matter's `sources:`, a name at the end of a `Sources:` line, an item under a
//! `Sources` heading (bullet or next number), or, with no list at all, a new `Sources:` line.
//! It is the fix of `source-unlisted`, so the editor and `check --fix` make the same edit.
//! An added line ends as the article's lines do (LF, CRLF, or a lone CR), since `--fix` writes
//! the file back and a mixed file is a diff nobody asked for.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::document::list_marker_len;
use crate::finding::Edit;

/// Inserts `name` where the article keeps its sources: front matter, a `Sources:` line, a list
/// under a `Sources` heading; with no list at all, a new `Sources:` line at the end.
pub fn add_to_list(analysis: &Analysis, name: &str) -> Edit {
    let article = &analysis.article;
    let source = &article.source;
    let list = &analysis.list;
    let nl = line_break(source);
    if let Some(front) = &article.front_matter
        && front.sources.is_some()
    {
        return add_to_front_matter(source, front.range.clone(), name, nl);
    }
    let Some(&first) = list.blocks.first() else {
        let end = source.len();
        let gap = if source.ends_with(&nl.repeat(2)) {
            String::new()
        } else if source.ends_with(nl) {
            nl.to_string()
        } else {
            nl.repeat(2)
        };
        return Edit {
            range: end..end,
            text: format!("{gap}Sources: {name}{nl}"),
        };
    };
    let last = *list.blocks.last().expect("a list has a block");
    if list.blocks.len() == 1 && source[article.blocks[first].range.clone()].contains(':') {
        let block = article.blocks[first].range.clone();
        let line = source[block.clone()].trim_end();
        let end = block.start + line.len();
        let at = if line.ends_with('.') { end - 1 } else { end };
        return Edit {
            range: at..at,
            text: format!(", {name}"),
        };
    }
    let line_no = article.lines.line_of(article.blocks[last].range.start);
    let line_start = article.lines.line_start(line_no);
    // Before the line's break, whatever it is: the new item takes the break after it.
    let line_end = source[line_start..]
        .find(['\r', '\n'])
        .map_or(source.len(), |i| line_start + i);
    let marker = last_marker(&source[line_start..line_end]);
    Edit {
        range: line_end..line_end,
        text: format!("{nl}{marker}{name}"),
    }
}

/// The article's line break, as its first line ends: CRLF, a lone CR (text as printed), or LF.
fn line_break(source: &str) -> &'static str {
    let Some(at) = source.find(['\r', '\n']) else {
        return "\n";
    };
    if source[at..].starts_with("\r\n") {
        "\r\n"
    } else if source[at..].starts_with('\r') {
        "\r"
    } else {
        "\n"
    }
}

/// The bullet of the last item, or the next number: "- ", "* ", "3. ".
fn last_marker(line: &str) -> String {
    let Some(len) = list_marker_len(line) else {
        return "- ".into();
    };
    let marker = &line[..len];
    let trimmed = marker.trim_start();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(n) => format!(
            "{}{}{}",
            &marker[..marker.len() - trimmed.len()],
            n + 1,
            &trimmed[digits.len()..]
        ),
        Err(_) => marker.to_string(),
    }
}

fn add_to_front_matter(source: &str, range: Range<usize>, name: &str, nl: &str) -> Edit {
    let text = &source[range.clone()];
    let mut offset = range.start;
    let mut insert_at = None;
    let mut indent = "  ".to_string();
    let mut in_sources = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if line.starts_with("sources:") {
            in_sources = true;
            insert_at = Some(offset + line.len());
        } else if in_sources {
            let continues =
                (line.starts_with([' ', '\t']) || line.starts_with("- ")) && !trimmed.is_empty();
            if !continues {
                break;
            }
            if trimmed.starts_with("- ") {
                indent = line[..line.len() - trimmed.len()].to_string();
            }
            insert_at = Some(offset + line.len());
        }
        offset += line.len();
    }
    let at = insert_at.unwrap_or(range.start);
    Edit {
        range: at..at,
        text: format!("{indent}- {name}{nl}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_text;
    use crate::config::Settings;

    fn added(path: &str, text: &str) -> String {
        let (analysis, _) = check_text(path, text, &Settings::builtin());
        let edit = add_to_list(&analysis, "NPR");
        let mut out = text.to_string();
        out.replace_range(edit.range.clone(), &edit.text);
        out
    }

    #[test]
    fn adds_to_every_kind_of_list() {
        assert_eq!(
            added("a.txt", "Body.\nSOURCES: CNN, BBC.\n"),
            "Body.\nSOURCES: CNN, BBC, NPR.\n"
        );
        assert_eq!(
            added("a.md", "Body.\n\n## Sources\n\n- CNN: One\n- BBC: Two\n"),
            "Body.\n\n## Sources\n\n- CNN: One\n- BBC: Two\n- NPR\n"
        );
        assert_eq!(
            added(
                "a.md",
                "Body.\n\nSources:\n\n1. CNN, \"One\"\n2. BBC, \"Two\"\n"
            ),
            "Body.\n\nSources:\n\n1. CNN, \"One\"\n2. BBC, \"Two\"\n3. NPR\n"
        );
        assert_eq!(
            added(
                "a.md",
                "---\ntitle: x\nsources:\n  - CNN\n  - name: BBC\n    aliases: [B]\n---\nBody.\n"
            ),
            "---\ntitle: x\nsources:\n  - CNN\n  - name: BBC\n    aliases: [B]\n  - NPR\n---\nBody.\n"
        );
        assert_eq!(added("a.md", "Body only."), "Body only.\n\nSources: NPR\n");
    }

    #[test]
    fn added_lines_end_as_the_article_s_lines_do() {
        assert_eq!(
            added("a.md", "Body.\r\n\r\n## Sources\r\n\r\n- CNN: One\r\n"),
            "Body.\r\n\r\n## Sources\r\n\r\n- CNN: One\r\n- NPR\r\n"
        );
        assert_eq!(
            added("a.txt", "Body.\r\rSources:\r\r1. CNN, \"One\"\r"),
            "Body.\r\rSources:\r\r1. CNN, \"One\"\r2. NPR\r"
        );
        assert_eq!(
            added("a.md", "Body only.\r\n"),
            "Body only.\r\n\r\nSources: NPR\r\n"
        );
        assert_eq!(
            added("a.md", "---\r\nsources:\r\n  - CNN\r\n---\r\nBody.\r\n"),
            "---\r\nsources:\r\n  - CNN\r\n  - NPR\r\n---\r\nBody.\r\n"
        );
    }
}
