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
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fairlint");

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
        let mut child = Command::new(BIN)
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
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if child.try_wait().unwrap().is_some() {
                return child.wait_with_output().unwrap();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("fairlint {args:?} did not finish within 60 s");
            }
            std::thread::sleep(Duration::from_millis(20));
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
    let out = Command::new(BIN)
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
