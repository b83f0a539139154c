//! Golden-file tests of the real `fairlint` binary: every `tests/cmd/*.toml` is one command
//! (args, stdin, expected exit code) with its expected `.stdout`/`.stderr` beside it and its
//! fixture articles in a `.in/` folder, which is the command's working directory.
//!
//! After an intended change of output: `TRYCMD=overwrite cargo test --test cli`, then read the
//! diff of every golden file before committing it.

/// Cases whose golden files hold the correct behaviour for a bug not fixed yet: they fail until
/// it is. `TRYCMD=overwrite` skips them so that it cannot bless the bug; take a case off this
/// list once it passes.
const KNOWN_BUGS: &[&str] = &[];

#[test]
fn cli() {
    // Ignored by walk.in/.gitignore on purpose, so `git add` skips it: add it with `git add -f`.
    // Without it the walk test would pass without testing that .gitignore is honoured.
    let ignored = std::path::Path::new("tests/cmd/walk.in/desk/old-draft.md");
    assert!(
        ignored.is_file(),
        "{} is missing: it is committed with `git add -f`",
        ignored.display()
    );

    let cases = trycmd::TestCases::new();
    cases.case("tests/cmd/*.toml");
    if std::env::var_os("TRYCMD").is_some_and(|mode| mode == "overwrite") {
        for case in KNOWN_BUGS {
            cases.skip(format!("tests/cmd/{case}.toml"));
        }
    }
}

/// `check --diff` prints a real unified diff: `patch` applies it to a copy of the articles, and
/// the result is what `check --fix` writes (the golden files of tests/cmd/fix.out).
#[test]
fn the_diff_applies_with_patch_and_gives_what_fix_writes() {
    use std::process::{Command, Stdio};
    let copy = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fix-diff");
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap();
    let fixtures = std::path::Path::new("tests/cmd/fix.in");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let diff = Command::new(env!("CARGO_BIN_EXE_fairlint"))
        .args(["check", "--diff", "."])
        .current_dir(&copy)
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1), "there is something to fix");
    let mut patch = match Command::new("patch")
        .args(["-p0", "--quiet", "--force"])
        .current_dir(&copy)
        .stdin(Stdio::piped())
        .spawn()
    {
        Ok(patch) => patch,
        Err(err) => {
            eprintln!("skipped: no `patch` to apply the diff with ({err})");
            return;
        }
    };
    use std::io::Write;
    patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
    assert!(patch.wait().unwrap().success(), "patch refused the diff");
    for name in ["ferry.md", "quay.txt", "tram.md", "stalls.md"] {
        let patched = std::fs::read_to_string(copy.join(name)).unwrap();
        let fixed = std::fs::read_to_string(format!("tests/cmd/fix.out/{name}")).unwrap();
        assert_eq!(patched, fixed, "{name}");
    }
}
