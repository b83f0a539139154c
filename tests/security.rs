//! Hostile input through the real binary: what an untrusted pull request can commit (symlinks
//! out of the project, FIFOs, huge or one-line files, YAML bombs, control characters in names
//! and text) must not leak files, crash, stall or inject into a CI log. docs/security.md lists
//! the promises; each test here holds one of them. Every case runs in a scratch project of its
//! own (a folder with `.git`, so it is its own project root) with a deadline, so a hang fails.

#![cfg(unix)]

use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The binary under test; `FAIRLINT_TEST_BIN=/path/to/older/fairlint` runs the suite against
/// another build, to see which promises it breaks.
fn bin() -> String {
    std::env::var("FAIRLINT_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_fairlint").into())
}

/// A line no output may contain: it stands for a secret in a file outside the project.
const SECRET: &str = "SECRET_TOKEN=hunter2-do-not-print";

const ARTICLE: &str =
    "The harbour authority said the ferry would resume on Monday.\n\nSources: Harbour Wire\n";

/// A scratch project (with `.git`, so it is the project root) and a folder beside it that is
/// outside the project, holding a file with [`SECRET`].
struct Project {
    root: PathBuf,
    outside: PathBuf,
}

fn project(name: &str) -> Project {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("security-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&base);
    let root = base.join("project");
    let outside = base.join("outside");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    std::fs::write(root.join("story.md"), ARTICLE).unwrap();
    Project { root, outside }
}

impl Project {
    fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn link(&self, name: &str, target: &Path) {
        let path = self.root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, path).unwrap();
    }

    fn fifo(&self, name: &str) -> PathBuf {
        let path = self.root.join(name);
        let status = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(status.success());
        path
    }

    fn secret(&self) -> PathBuf {
        self.outside.join("secret.txt")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None)
    }

    /// Runs the binary in the project with a deadline: a hang is a failure, not a stuck suite.
    fn run_with(&self, args: &[&str], stdin: Option<Vec<u8>>) -> Output {
        let mut child = Command::new(bin())
            .args(args)
            .current_dir(&self.root)
            .env_remove("FAIRLINT_ARCHIVE")
            .env("NO_COLOR", "1")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = stdin {
            let mut pipe = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
        }
        // Output is collected on another thread, so a full pipe cannot block the child.
        let pid = child.id();
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(child.wait_with_output());
        });
        match result.recv_timeout(Duration::from_secs(60)) {
            Ok(output) => output.unwrap(),
            Err(_) => {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
                panic!("fairlint {args:?} did not finish within 60 s");
            }
        }
    }
}

fn all_output(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_secret(out: &Output) {
    let text = all_output(out);
    assert!(!text.contains("hunter2"), "a secret was printed:\n{text}");
}

// ---- High 1: files found by discovery stay inside the project ----

#[test]
fn a_config_symlinked_out_of_the_project_is_refused_unread() {
    let p = project("config-symlink");
    p.link(".fairlint.yaml", &p.secret());
    let out = p.run(&["check", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("leaves the project root"),
        "{}",
        all_output(&out)
    );
    assert_no_secret(&out);
}

#[test]
fn a_config_symlinked_to_proc_environ_is_refused_unread() {
    let p = project("config-environ");
    p.link(".fairlint.yaml", Path::new("/proc/self/environ"));
    let out = Command::new(bin())
        .args(["check", "story.md"])
        .current_dir(&p.root)
        .env("FAIRLINT_TEST_SECRET", "hunter2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_secret(&out);
}

#[test]
fn a_config_that_is_not_a_regular_file_is_refused_not_read() {
    let p = project("config-fifo");
    p.fifo(".fairlint.yaml");
    let out = p.run(&["check", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("named pipe"),
        "{}",
        all_output(&out)
    );
}

#[test]
fn a_config_symlink_inside_the_git_work_tree_is_followed() {
    let p = project("config-shared");
    p.write("shared/fairlint.yaml", "rules:\n  source-unused: off\n");
    p.write("desk/story.md", ARTICLE);
    p.link("desk/.fairlint.yaml", Path::new("../shared/fairlint.yaml"));
    let out = p.run(&["check", "desk/story.md"]);
    assert_ne!(out.status.code(), Some(2), "{}", all_output(&out));
}

#[test]
fn a_named_config_outside_the_project_is_read_but_never_echoed() {
    let p = project("config-named-outside");
    p.link("named.yaml", &p.secret());
    let out = p.run(&["check", "--config", "named.yaml", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert_no_secret(&out);
}

#[test]
fn a_front_matter_original_symlinked_out_is_refused() {
    let p = project("original-symlink");
    p.link("wire.txt", &p.secret());
    p.write(
        "fm.md",
        format!("---\nsources:\n  - name: Harbour Wire\n    original: wire.txt\n---\n{ARTICLE}"),
    );
    let out = p.run(&["check", "fm.md"]);
    assert!(
        all_output(&out).contains("outside the project root"),
        "{}",
        all_output(&out)
    );
    assert_no_secret(&out);
}

#[test]
fn the_default_archive_symlinked_out_is_refused() {
    let p = project("archive-symlink");
    p.link(".fairlint/archive.db", &p.secret());
    let out = p.run(&["archive", "stats"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("leaves the project root"),
        "{}",
        all_output(&out)
    );
}

// ---- High 2: long lines are windowed, never a panic, never a whole line per finding ----

/// `n` filler words on one line, each different enough not to look copied.
fn filler(n: usize) -> String {
    (0..n).map(|i| format!("w{i} ")).collect()
}

#[test]
fn a_finding_past_column_65535_is_shown_in_a_window() {
    let p = project("long-line-finding");
    let line = format!(
        "{}The mayor called the plan “a disaster for the harbour and for all of us” at the meeting.\n",
        filler(12_000)
    );
    assert!(line.len() > 70_000);
    p.write("long.md", &line);
    let out = p.run(&["check", "long.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("quote-unattributed"), "{stdout}");
    assert!(stdout.contains("long.md:1:"), "{stdout}");
    assert!(stdout.len() < 4_000, "{} bytes of output", stdout.len());
}

#[test]
fn an_original_passage_past_column_65535_is_shown_in_a_window() {
    let p = project("long-line-original");
    let copied = "the ferry company said it would replace both engines before the summer season began in earnest";
    p.write("wire.txt", format!("{}{copied}.\n", filler(12_000)));
    p.write(
        "copy.md",
        format!("According to Harbour Wire, {copied}.\n\nSources: Harbour Wire\n"),
    );
    let out = p.run(&["check", "--original", "Harbour Wire=wire.txt", "copy.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("copy-verbatim"), "{stdout}");
    assert!(stdout.contains("wire.txt:1:"), "{stdout}");
    assert!(stdout.len() < 6_000, "{} bytes of output", stdout.len());
}

#[test]
fn a_config_error_past_column_65535_is_shown_in_a_window() {
    let p = project("long-line-config");
    p.write(
        ".fairlint.yaml",
        format!("ignore: [\"{}\", \"[\"]\n", "a".repeat(70_000)),
    );
    let out = p.run(&["check", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid ignore glob"), "{stderr}");
    assert!(stderr.len() < 3_000, "{} bytes of output", stderr.len());
}

#[test]
fn human_output_grows_with_findings_not_with_line_length() {
    let p = project("long-line-many");
    let line: String = (0..300)
        .map(|i| format!("Resident {i} called it “a shame for the town, number {i}” and left. "))
        .collect();
    p.write("many.md", format!("{line}\n"));
    let out = p.run(&["check", "many.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let findings = String::from_utf8_lossy(&out.stdout)
        .matches("quote-unattributed")
        .count();
    assert!(findings >= 100, "{findings} findings");
    assert!(
        out.stdout.len() < findings * 2_000,
        "{} bytes for {findings} findings",
        out.stdout.len()
    );
}

#[test]
fn config_errors_quote_at_most_a_capped_snippet() {
    let p = project("config-long-key");
    let key = "k".repeat(5000);
    p.write(".fairlint.yaml", format!("rules:\n  {key}: warning\n"));
    let out = p.run(&["check", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    let text = all_output(&out);
    assert!(text.contains("invalid config"), "{text}");
    assert!(text.len() < 3000, "{} bytes of output", text.len());
}

// ---- High 3: YAML aliases cannot expand a small file into gigabytes ----

/// About 10 KB of YAML that expands to 8 MB: one 4 KB anchor reused 2,000 times, as the list
/// under `key` (valid where that key takes a list of strings).
fn alias_bomb(key: &str) -> String {
    format!(
        "{key}: [&big \"{}\", {}]\n",
        "z".repeat(4096),
        vec!["*big"; 2000].join(", ")
    )
}

const EXPANDED: &str = "once its aliases";

#[test]
fn front_matter_alias_amplification_is_refused_for_that_file() {
    let p = project("yaml-front-matter");
    p.write(
        "bomb.md",
        format!("---\n{}---\n{ARTICLE}", alias_bomb("sources")),
    );
    let out = p.run(&["check", "--format", "short", "bomb.md", "story.md"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(EXPANDED), "{}", all_output(&out));
    assert!(stdout.len() < 2_000, "{} bytes", stdout.len());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_alias_amplification_is_a_config_error() {
    let p = project("yaml-config");
    p.write(
        ".fairlint.yaml",
        format!("aliases:\n  {}", alias_bomb("Harbour Wire")),
    );
    let out = p.run(&["check", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(all_output(&out).contains(EXPANDED), "{}", all_output(&out));
}

#[test]
fn archived_text_alias_amplification_is_refused_by_name() {
    let p = project("yaml-archive");
    p.write(
        "wire/bomb.md",
        format!(
            "---\nsource: Wire\n{}---\nThe ferry sailed.\n",
            alias_bomb("tags")
        ),
    );
    let out = p.run(&["archive", "add", "wire/bomb.md"]);
    assert_ne!(out.status.code(), Some(0), "{}", all_output(&out));
    assert!(all_output(&out).contains("bomb.md"), "{}", all_output(&out));
    assert!(all_output(&out).contains(EXPANDED), "{}", all_output(&out));
}

#[test]
fn every_yaml_reader_goes_through_the_budgeted_wrapper() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.ends_with("yaml.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [
                "serde_yaml::from_str",
                "serde_yaml::from_slice",
                "serde_yaml::from_reader",
                "serde_yaml::Deserializer",
            ] {
                assert!(
                    !text.contains(call),
                    "{} calls {call}; use crate::yaml",
                    path.display()
                );
            }
        }
    }
}

// ---- High 4: a per-file budget on analysis work and on findings ----

/// One paragraph of `n` quotes, each with attribution cues around it.
fn crowded_paragraph(n: usize) -> String {
    let parts: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "“Word {i} here,” said officials, according to Harbour Wire, who told a \
                 gazette that {} people",
                i * 7
            )
        })
        .collect();
    format!("{}.\n\nSources: Harbour Wire\n", parts.join(" "))
}

#[test]
fn a_pathological_paragraph_is_an_input_error_for_that_file_not_a_stall() {
    let p = project("budget-crowded");
    // story.md shows that the other file is still checked, through its unnamed source.
    p.write(
        ".fairlint.yaml",
        "rules:\n  source-unused:\n    without-original: true\n",
    );
    // 300 quotes and 900 cues in one sentence: cubic attribution took minutes. 3,000: the
    // quote finder alone was quadratic.
    p.write("three-hundred.md", crowded_paragraph(300));
    p.write("three-thousand.md", crowded_paragraph(3000));
    let started = std::time::Instant::now();
    let out = p.run(&[
        "check",
        "--format",
        "short",
        "three-hundred.md",
        "three-thousand.md",
        "story.md",
    ]);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let text = all_output(&out);
    for name in ["three-hundred.md", "three-thousand.md"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(name) && l.contains("too much to analyse in one file")),
            "{name}:\n{text}"
        );
    }
    // The file is an error, not a flood of findings; the other file is still checked.
    assert!(!text.contains("quote-unattributed"), "{text}");
    assert!(
        text.contains("story.md:3:10: info[source-unused]"),
        "{text}"
    );
}

#[test]
fn findings_past_the_budget_are_one_input_error() {
    let p = project("budget-findings");
    let article: String = (0..10_050)
        .map(|i| format!("Prices rose {}% that week.\n\n", i % 90 + 1))
        .collect();
    p.write("many.md", format!("{article}Sources: Harbour Wire\n"));
    let out = p.run(&["check", "--format", "short", "many.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let text = all_output(&out);
    let findings = text.matches("figure-unattributed").count();
    assert_eq!(findings, 10_000, "{findings} findings shown");
    assert!(
        text.contains("error[input] too many findings in one file")
            && text.contains("only the first 10000 are shown"),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
}

// ---- Medium 10: reads are bounded, and what is not a regular file is refused ----

#[test]
fn endless_stdin_stops_at_the_limit() {
    let p = project("stdin-endless");
    let out = Command::new(bin())
        .args(["check", "-"])
        .current_dir(&p.root)
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("16 MiB limit"),
        "{}",
        all_output(&out)
    );
}

#[test]
fn devices_and_fifos_named_as_articles_are_refused() {
    let p = project("article-special");
    p.fifo("pipe.md");
    let out = p.run(&[
        "check",
        "--format",
        "short",
        "/dev/zero",
        "pipe.md",
        "story.md",
    ]);
    let text = all_output(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("/dev/zero:") && text.contains("a device"),
        "{text}"
    );
    assert!(
        text.contains("pipe.md:") && text.contains("named pipe"),
        "{text}"
    );
}

#[test]
fn a_device_named_as_config_is_refused() {
    let p = project("config-device");
    let out = p.run(&["check", "--config", "/dev/zero", "story.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("a device"),
        "{}",
        all_output(&out)
    );
}

#[test]
fn a_fifo_named_as_an_original_is_refused_not_waited_on() {
    let p = project("original-fifo");
    p.fifo("wire.txt");
    p.write(
        "fm.md",
        format!("---\nsources:\n  - name: Harbour Wire\n    original: wire.txt\n---\n{ARTICLE}"),
    );
    let out = p.run(&[
        "check",
        "--format",
        "short",
        "--original",
        "Other=wire.txt",
        "fm.md",
    ]);
    let text = all_output(&out);
    assert_eq!(text.matches("named pipe").count(), 2, "{text}");
}

#[test]
fn an_article_symlinked_out_of_the_project_is_refused() {
    let p = project("article-symlink");
    p.link("leak.md", &p.secret());
    let out = p.run(&["check", "leak.md"]);
    assert!(
        all_output(&out).contains("leaves the project root"),
        "{}",
        all_output(&out)
    );
    assert_no_secret(&out);
}

// ---- Medium 5 and 6: no forged workflow commands, no raw control characters ----

/// Characters that must never reach a terminal or a CI log raw.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

fn assert_clean(args: &[&str], out: &Output) {
    let text = all_output(out);
    if let Some(c) = text.chars().find(|c| hidden(*c)) {
        panic!("{args:?} printed {c:?} raw:\n{}", text.escape_debug());
    }
    for line in text.lines() {
        assert!(
            !line.starts_with("::error::forged"),
            "{args:?} forged a workflow command:\n{text}"
        );
        assert!(
            !line.starts_with("::error file=evil"),
            "{args:?} forged a workflow command:\n{text}"
        );
    }
}

/// An article whose file name, source names and text carry newlines, ESC sequences, BEL, CR,
/// NUL-free C1 controls and a bidi override.
fn hostile_project(name: &str) -> (Project, String) {
    let p = project(name);
    // The source names reach the output through source-unused, which needs this without the
    // originals at hand.
    p.write(
        ".fairlint.yaml",
        "rules:\n  source-unused:\n    without-original: true\n",
    );
    let file = "story\n::error::forged\u{1b}]0;pwned\u{7}.md".to_string();
    p.write(
        &file,
        "---\nsources:\n  - \"Harbour Wire\\n::error::forged\\e[2J\"\n  - \"Ferry\\rNews\\u202E\"\n---\n\
         Last year \u{1b}[31mthe fares\u{1b}[0m rose \u{85}by 40%\u{7} in \u{202e}March.\n\n\
         “A \u{1b}]8;;http://x\u{7}quote\rwith tricks,” a spokesman said.\n\n\
         Sources: Harbour Wire\n",
    );
    (p, file)
}

#[test]
fn text_formats_show_control_characters_as_codes() {
    let (p, file) = hostile_project("controls-text");
    for format in ["human", "short", "github", "html"] {
        let args = [
            "check",
            "--color",
            "never",
            "--format",
            format,
            file.as_str(),
        ];
        let out = p.run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
        assert_clean(&args, &out);
        assert!(
            all_output(&out).contains("\\u{1b}"),
            "{format}: {}",
            all_output(&out)
        );
    }
    for format in ["human", "short"] {
        let args = ["claims", "--format", format, file.as_str()];
        let out = p.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
        assert_clean(&args, &out);
    }
}

#[test]
fn a_newline_in_a_file_name_cannot_forge_a_workflow_command() {
    let p = project("newline-name");
    let file = "a\n::error file=evil::forged.md";
    p.write(file, "“A quote nobody said,” the text goes on.\n");
    for format in ["human", "short", "github"] {
        let args = ["check", "--format", format, file];
        let out = p.run(&args);
        assert_clean(&args, &out);
    }
    let args = ["claims", "--format", "short", file];
    assert_clean(&args, &p.run(&args));
}

#[test]
fn machine_formats_keep_the_text_exact() {
    let (p, file) = hostile_project("controls-json");
    let out = p.run(&["check", "--format", "json", file.as_str()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("Harbour Wire\\n::error::forged\\u001b[2J"),
        "{text}"
    );
    assert_eq!(json["files"][0]["path"].as_str(), Some(file.as_str()));
    let out = p.run(&["check", "--format", "sarif", file.as_str()]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(sarif.to_string().contains("\\u001b"), "{sarif}");
}

#[test]
fn archived_source_names_are_shown_as_codes() {
    let p = project("controls-archive");
    p.write(
        "wire/a.md",
        "---\nsource: \"Wire\\n::error::forged\\e[2J\"\n---\n\
         The ferry company said it would replace both engines before the summer season began in earnest.\n",
    );
    let out = p.run(&["archive", "add", "wire/a.md"]);
    assert!(out.status.success(), "{}", all_output(&out));
    p.write(
        "copy.md",
        "The ferry company said it would replace both engines before the summer season began in earnest.\n\nSources: Harbour Wire\n",
    );
    for format in ["human", "short", "github"] {
        let args = [
            "check",
            "--archive",
            ".fairlint/archive.db",
            "--format",
            format,
            "copy.md",
        ];
        let out = p.run(&args);
        assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
        assert_clean(&args, &out);
    }
}

#[test]
fn archive_stats_show_source_names_as_codes() {
    let p = project("controls-stats");
    p.write(
        "wire/a.md",
        "---\nsource: \"Wire\\n::error::forged\\e[2J\"\ndate: 2025-03-01\n---\nThe ferry sailed at dawn.\n",
    );
    // A date is a calendar date: one with control characters is refused, and the refusal shows
    // them as codes.
    p.write(
        "wire/b.md",
        "---\nsource: Wire\ndate: \"2025\\e[8m\\n::error::forged\"\n---\nThe ferry sailed at noon.\n",
    );
    let args = ["archive", "add", "wire/a.md", "wire/b.md"];
    let out = p.run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    assert!(
        all_output(&out).contains("is not a date"),
        "{}",
        all_output(&out)
    );
    assert_clean(&args, &out);
    let args = ["archive", "stats"];
    assert_clean(&args, &p.run(&args));
}

// ---- Low 11: only real comments suppress; an empty id list suppresses nothing ----

#[test]
fn suppression_comments_in_code_or_front_matter_do_not_take_effect() {
    let p = project("suppress-in-code");
    let claim = "Prices rose 12% in a week.\n\nSources: Harbour Wire\n";
    let cases = [
        (
            "fenced.md",
            format!("```\n<!-- fairlint-disable -->\n```\n\n{claim}"),
        ),
        (
            "indented.md",
            format!("    <!-- fairlint-disable -->\n\n{claim}"),
        ),
        (
            "inline.md",
            format!("Type `<!-- fairlint-disable -->` to silence it.\n\n{claim}"),
        ),
        (
            "front.md",
            format!("---\ntitle: \"<!-- fairlint-disable -->\"\n---\n\n{claim}"),
        ),
        (
            "empty-list.md",
            format!("<!-- fairlint-disable , -->\n\n{claim}"),
        ),
    ];
    for (name, text) in &cases {
        p.write(name, text);
        let out = p.run(&["check", "--format", "short", name]);
        let text = all_output(&out);
        assert!(
            text.contains("figure-unattributed"),
            "{name} was silenced:\n{text}"
        );
    }
    let out = p.run(&["check", "--format", "short", "empty-list.md"]);
    assert!(
        all_output(&out).contains("lists no rule id"),
        "{}",
        all_output(&out)
    );
    // A real comment still works.
    p.write("real.md", format!("<!-- fairlint-disable -->\n\n{claim}"));
    let out = p.run(&["check", "--format", "short", "real.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
}

// ---- Low 16: reports are written as files complete, not kept to the end ----

#[test]
fn a_file_is_reported_while_later_files_are_still_checked() {
    let p = project("streamed");
    p.write("first.md", "Prices rose 12% in a week.\n");
    // The second input is standard input, held open until first.md has been reported: a run
    // that kept its reports to the end could not report first.md before it is closed, however
    // fast the build.
    for format in ["short", "human", "github", "json", "sarif", "lsp"] {
        let (reported_first, output) = report_before_stdin_closes(&p, format);
        assert!(
            reported_first,
            "--format {format}: first.md was not reported while standard input was still open:\n{output}"
        );
        assert!(
            output.contains("9%"),
            "--format {format}: standard input was not checked:\n{output}"
        );
        if matches!(format, "json" | "sarif" | "lsp") {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&output);
            assert!(
                parsed.is_ok(),
                "--format {format} is not one JSON document:\n{output}"
            );
        }
    }
}

/// Whether a line naming first.md came out while standard input (the second input) was still
/// open, and the whole output. After 30 s with no such line, standard input is closed anyway.
fn report_before_stdin_closes(p: &Project, format: &str) -> (bool, String) {
    use std::io::BufRead;
    use std::sync::{Arc, Mutex};
    let mut child = Command::new(bin())
        .args(["check", "--format", format, "first.md", "-"])
        .current_dir(&p.root)
        .env_remove("FAIRLINT_ARCHIVE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdin = Arc::new(Mutex::new(child.stdin.take()));
    let watchdog = Arc::clone(&stdin);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(30));
        watchdog.lock().unwrap().take();
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut output = String::new();
    loop {
        let before = output.len();
        let read = stdout.read_line(&mut output).unwrap();
        if read == 0 || output[before..].contains("first.md") {
            break;
        }
    }
    let open = match stdin.lock().unwrap().take() {
        Some(mut pipe) => {
            pipe.write_all(b"Costs fell 9% overnight.\n").unwrap();
            true
        }
        None => false,
    };
    let _ = std::io::Read::read_to_string(&mut stdout, &mut output);
    let _ = child.wait();
    (open, output)
}

// ---- Low 12: option values are checked, with the rule and what it takes ----

#[test]
fn option_values_out_of_range_are_config_errors() {
    for (rule, allowed) in [
        (
            "copy-near-verbatim:\n    min-similarity: .nan",
            "a number from 0 to 1",
        ),
        (
            "copy-verbatim:\n    min-words: -5",
            "a whole number, 0 or more",
        ),
        (
            "source-unused: false",
            "expected a severity or a table of options",
        ),
    ] {
        let p = project("option-values");
        p.write(".fairlint.yaml", format!("rules:\n  {rule}\n"));
        let out = p.run(&["check", "story.md"]);
        assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
        assert!(all_output(&out).contains(allowed), "{}", all_output(&out));
    }
}

// ---- Low 14: UTF-16 is named; a NUL byte anywhere makes a file binary ----

#[test]
fn utf16_is_named_and_a_late_nul_is_binary() {
    let p = project("encodings");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    p.write("wide.md", utf16);
    let mut late = ARTICLE.repeat(200).into_bytes();
    late.extend(b"\0\x1b]0;hidden\x07 tail\n");
    p.write("late.md", late);
    let out = p.run(&["check", "--format", "short", "wide.md", "late.md"]);
    let text = all_output(&out);
    assert!(
        text.contains("wide.md: error[input] file is UTF-16 (little-endian)"),
        "{text}"
    );
    assert!(text.contains("iconv"), "{text}");
    assert!(text.contains("late.md: error[input] binary file"), "{text}");
}
