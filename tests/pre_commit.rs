//! The pre-commit hook as users meet it: the real `pre-commit` runs the hook this repository
//! defines (`.pre-commit-hooks.yaml`) and the local hook `docs/ci.md` documents, on a staged
//! article with one warning. The hook must show the warning even when it passes (pre-commit
//! hides a passing hook's output unless it is verbose), and the documented gate must fail on it.
//!
//! The hook's `language: rust` would build fairlint from source inside pre-commit (minutes);
//! here it runs as `language: system` with this build's binary, which is what the definition's
//! other fields are tested with. pre-commit is installed by `scripts/setup-test-deps.sh`: in CI
//! a missing pre-commit fails the test, on a laptop without it the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ARTICLE: &str = "# Storm damage\n\nThe storm damaged 40 homes in the valley, officials said.\n\nSources: Valley Courier\n";

fn pre_commit_available() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn skip() -> bool {
    if pre_commit_available() {
        return false;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "pre-commit is missing in CI: .ci/run must call scripts/setup-test-deps.sh"
    );
    eprintln!("skipping: pre-commit not found (run scripts/setup-test-deps.sh)");
    true
}

/// A git repository with the article staged and `config` as its `.pre-commit-config.yaml`.
fn repository(name: &str, config: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pre-commit")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("story.md"), ARTICLE).unwrap();
    std::fs::write(dir.join(".pre-commit-config.yaml"), config).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "story.md", ".pre-commit-config.yaml"]);
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// `pre-commit run --all-files` in `dir`, with fairlint's folder first on PATH and a cache of
/// its own.
fn run_pre_commit(dir: &Path) -> Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_fairlint"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("pre-commit")
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(dir)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", dir.join(".cache"))
        .env_remove("FAIRLINT_ARCHIVE")
        .output()
        .expect("pre-commit runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The hook this repository publishes, as a local hook run by this build: every field of the
/// definition kept but `language` (system instead of rust) and `entry` (this build's binary).
fn published_hook_as_local() -> String {
    let definition = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let mut hook = String::new();
    for line in definition.lines() {
        let line = line.trim_start_matches("- ").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = match line.split_once(':') {
            Some(("language", _)) => "language: system".to_string(),
            Some(("entry", rest)) => format!(
                "entry: {} {}",
                env!("CARGO_BIN_EXE_fairlint"),
                rest.trim().trim_start_matches("fairlint").trim()
            ),
            _ => line.to_string(),
        };
        hook.push_str(&format!("        {line}\n"));
    }
    let hook = hook.replacen("        id:", "      - id:", 1);
    format!("repos:\n  - repo: local\n    hooks:\n{hook}")
}

#[test]
fn the_published_hook_shows_warnings_when_it_passes() {
    if skip() {
        return;
    }
    let dir = repository("published", &published_hook_as_local());
    let out = run_pre_commit(&dir);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("Passed"), "{all}");
    assert!(
        all.contains("attribution-vague") && all.contains("story.md"),
        "the passing hook hid its warning:\n{all}"
    );
}

#[test]
fn the_documented_gate_fails_on_a_warning() {
    if skip() {
        return;
    }
    let docs = std::fs::read_to_string("docs/ci.md").unwrap();
    let start = docs
        .find("repos:\n  - repo: local")
        .expect("docs/ci.md shows a local hook");
    let end = start + docs[start..].find("```").expect("the block ends");
    let dir = repository("documented", &docs[start..end]);
    let out = run_pre_commit(&dir);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("Failed"), "{all}");
    assert!(all.contains("attribution-vague"), "{all}");
}
