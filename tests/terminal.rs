//! Human output as people see it: the real binary in a real terminal (tmux), at 80 and at 200
//! columns, captured from the screen and compared with golden files in `tests/terminal/`. A
//! line the terminal had to wrap, or an underline that left its words, shows up here as a diff;
//! a pipe would not show it, because the width comes from the terminal.
//!
//! `FAIRLINT_BLESS=1 cargo test --test terminal` rewrites the golden files; read the diff.
//! tmux is installed by `scripts/setup-test-deps.sh`: in CI a missing tmux fails the test, on a
//! laptop without it the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CASES: &[(&str, &[&str])] = &[
    ("ceasefire", &["check", "examples/ceasefire-talks.txt"]),
    (
        "copy",
        &[
            "check",
            "examples/copy/bridge-closure.md",
            "--originals",
            "examples/copy/originals",
        ],
    ),
];

const WIDTHS: &[usize] = &[80, 200];

/// Printed after the run, so the capture knows the output is complete.
const END: &str = "__fairlint_done__";

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn human_output_fits_a_real_terminal_at_80_and_200_columns() {
    if !tmux_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing in CI: .ci/run must call scripts/setup-test-deps.sh"
        );
        eprintln!("skipping: tmux not found (run scripts/setup-test-deps.sh)");
        return;
    }
    let bless = std::env::var_os("FAIRLINT_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, args) in CASES {
        for &width in WIDTHS {
            let screen = run_in_terminal(args, width);
            for (n, line) in screen.lines().enumerate() {
                assert!(
                    line.chars().count() <= width,
                    "{name} at {width} columns: line {} is wider than the terminal:\n{line}",
                    n + 1
                );
            }
            let golden = Path::new("tests/terminal").join(format!("{name}-{width}.txt"));
            if bless {
                std::fs::write(&golden, &screen).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&golden).unwrap_or_default();
            if expected != screen {
                failures.push(format!(
                    "{} differs (FAIRLINT_BLESS=1 rewrites it); the screen was:\n{screen}",
                    golden.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The screen (with its scrollback) after running fairlint with `args` in a detached tmux
/// session `width` columns wide, trailing blank lines dropped, joined lines not rejoined: what a
/// person would see.
fn run_in_terminal(args: &[&str], width: usize) -> String {
    let socket = format!("fairlint-test-{}-{width}", std::process::id());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut command = format!(
        "cd '{}' && '{}'",
        root.display(),
        env!("CARGO_BIN_EXE_fairlint")
    );
    for arg in args {
        command.push_str(&format!(" '{arg}'"));
    }
    command.push_str(&format!("; echo {END}; sleep 60"));
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .env_remove("COLUMNS")
            .env_remove("FAIRLINT_ARCHIVE")
            .output()
            .expect("tmux runs")
    };
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        &width.to_string(),
        "-y",
        "500",
        &command,
    ]);
    assert!(
        started.status.success(),
        "tmux new-session: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let screen = loop {
        let captured = tmux(&["capture-pane", "-p", "-S", "-", "-E", "-"]);
        let text = String::from_utf8_lossy(&captured.stdout).into_owned();
        if text.lines().any(|l| l.trim() == END) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "fairlint did not finish in the terminal within 60 s:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    tmux(&["kill-server"]);
    let mut lines: Vec<&str> = screen
        .lines()
        .take_while(|l| l.trim() != END)
        .map(str::trim_end)
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n") + "\n"
}
