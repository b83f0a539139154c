//! The same article must give the same findings however it arrives: as a file, on stdin, hard
//! wrapped at a fixed width (wire feeds, e-mail), or with classic-Mac CR line endings. Each case
//! runs the real binary and compares the findings (rule and message, positions aside).

use std::io::Write;
use std::process::{Command, Stdio};

/// An article in the shape of plain-text rewrites: one paragraph a line, a `Sources` line
/// straight after the last paragraph, bullets under it.
const ARTICLE: &str = "The harbour board voted on Tuesday to close the old ferry berth, a decision that \
dock workers had fought for two years. “We were never asked what the berth means to this town,” \
said Mara Ekwueme, who has run the fish stall beside it since the 1990s.\n\
The board said repairs would cost more than 4 million euros, and officials told the Coast Courier \
that 60 jobs would move to the new terminal. Critics called the plan “a quiet sell-off”.\n\
The closure is set for March. “We will keep fighting until the last boat leaves,” Ekwueme said.\n\
Sources\n\
- Coast Courier: Harbour board closes old berth\n\
- Harbour Wire: Ferry berth vote\n";

fn fairlint(args: &[&str], stdin: Option<&str>, dir: &std::path::Path) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fairlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// rule and message of every finding, in order.
fn findings(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}: {}", d["rule"], d["message"]))
        .collect()
}

/// Wraps every line of `text` at `width` columns, paragraphs separated by a blank line.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("- ") || line == "Sources" {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push_str("\n\n");
    }
    out
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fairlint-routes-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn file_stdin_hard_wrapped_and_cr_only_give_the_same_findings() {
    let dir = scratch("all");
    std::fs::write(dir.join("story.txt"), ARTICLE).unwrap();
    let from_file = findings(&fairlint(
        &["check", "--format", "json", "story.txt"],
        None,
        &dir,
    ));
    assert!(
        from_file.iter().any(|f| f.contains("attribution-vague")),
        "the article has findings to compare: {from_file:?}"
    );
    assert!(
        !from_file.iter().any(|f| f.contains("sources-missing")),
        "the Sources line after the last paragraph is the list: {from_file:?}"
    );
    let from_stdin = findings(&fairlint(
        &["check", "--format", "json", "-"],
        Some(ARTICLE),
        &dir,
    ));
    assert_eq!(from_stdin, from_file, "stdin");

    std::fs::write(dir.join("wrapped.txt"), hard_wrap(ARTICLE, 68)).unwrap();
    let wrapped = findings(&fairlint(
        &["check", "--format", "json", "wrapped.txt"],
        None,
        &dir,
    ));
    assert_eq!(wrapped, from_file, "hard-wrapped at 68 columns");

    std::fs::write(dir.join("mac.txt"), ARTICLE.replace('\n', "\r")).unwrap();
    let cr = findings(&fairlint(
        &["check", "--format", "json", "mac.txt"],
        None,
        &dir,
    ));
    assert_eq!(cr, from_file, "CR-only line endings");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cr_only_lines_are_lines_for_positions() {
    let dir = scratch("cr-lines");
    std::fs::write(
        dir.join("mac.txt"),
        "First line.\rSecond line: 12% of berths “closed for good” this year.\r",
    )
    .unwrap();
    let out = fairlint(&["check", "--format", "short", "mac.txt"], None, &dir);
    assert!(out.contains("mac.txt:2:"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
