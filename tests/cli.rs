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
