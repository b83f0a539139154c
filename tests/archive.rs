//! The archive through the real binary, one suite for both stores: an SQLite file, and a real
//! PostgreSQL server on loopback (`scripts/pg-test-server.sh`, started here when it is not
//! running; `.ci/run` installs Debian's package through `scripts/setup-test-deps.sh`). Each test
//! gets an archive of its own: a fresh file, or a fresh database on the shared server.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_fairlint");

#[derive(Clone, Copy, Debug, PartialEq)]
enum Store {
    Sqlite,
    Postgres,
}

/// One test's archive and scratch folder.
struct Archive {
    store: Store,
    location: String,
    dir: PathBuf,
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("archive-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The superuser URL of the test server, started once per test binary.
fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg("start")
            .output()
            .expect("run scripts/pg-test-server.sh");
        assert!(
            out.status.success(),
            "could not start the test PostgreSQL server:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    })
}

fn pg_client(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("connect to the test server")
}

fn archive(store: Store, name: &str) -> Archive {
    let dir = scratch(&format!("{name}-{store:?}"));
    let location = match store {
        Store::Sqlite => dir.join("archive.db").display().to_string(),
        Store::Postgres => {
            let db = format!("fairlint_{name}").replace('-', "_");
            let mut admin = pg_client(server());
            admin
                .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                .unwrap();
            admin
                .batch_execute(&format!("CREATE DATABASE {db}"))
                .unwrap();
            server().replace("/postgres", &format!("/{db}"))
        }
    };
    Archive {
        store,
        location,
        dir,
    }
}

impl Archive {
    fn run(&self, args: &[&str]) -> Output {
        run_with(&self.location, args)
    }

    /// Texts in the archive, read directly from the store (not through fairlint).
    fn count(&self) -> i64 {
        match self.store {
            Store::Sqlite => rusqlite::Connection::open(&self.location)
                .unwrap()
                .query_row("SELECT count(*) FROM fairlint_texts", [], |r| r.get(0))
                .unwrap(),
            Store::Postgres => pg_client(&self.location)
                .query_one("SELECT count(*) FROM fairlint_texts", &[])
                .unwrap()
                .get(0),
        }
    }

    fn ids(&self) -> Vec<i64> {
        let sql = "SELECT id FROM fairlint_texts ORDER BY id";
        match self.store {
            Store::Sqlite => {
                let conn = rusqlite::Connection::open(&self.location).unwrap();
                let mut stmt = conn.prepare(sql).unwrap();
                stmt.query_map([], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            }
            Store::Postgres => pg_client(&self.location)
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect(),
        }
    }

    fn execute(&self, sql: &str) {
        match self.store {
            Store::Sqlite => rusqlite::Connection::open(&self.location)
                .unwrap()
                .execute_batch(sql)
                .unwrap(),
            Store::Postgres => pg_client(&self.location).batch_execute(sql).unwrap(),
        }
    }

    fn stats(&self) -> serde_json::Value {
        let out = self.run(&["archive", "stats", "--format", "json"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// What libpq (and fairlint) read from the environment: none of it is inherited by a test.
const PG_ENVIRONMENT: &[&str] = &[
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGPASSWORD",
    "PGPASSFILE",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSYSCONFDIR",
    "PGSSLMODE",
    "PGSSLROOTCERT",
    "PGCONNECT_TIMEOUT",
    "PGOPTIONS",
    "PGAPPNAME",
    "PGTARGETSESSIONATTRS",
];

/// The binary with `args` against the archive at `location`, from the repository root, with no
/// archive or PostgreSQL settings inherited from the environment.
fn fairlint(location: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .arg("--archive")
        .arg(location)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FAIRLINT_ARCHIVE")
        .env("NO_COLOR", "1");
    for var in PG_ENVIRONMENT {
        cmd.env_remove(var);
    }
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// A miette report on one line: its frame characters and line wrapping taken out.
fn flat(bytes: &[u8]) -> String {
    text(bytes)
        .replace(['│', '×', '╭', '╰', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn write(dir: &Path, name: &str, content: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

const TEXTS: &str = "examples/archive/texts";
const STORY: &str = "examples/archive/story.md";
const COPIED: &str = "2025-04-02-harbour-wire-ferry-fares.md";

fn copy_findings(out: &Output) -> Vec<String> {
    text(&out.stdout)
        .lines()
        .filter(|l| l.contains("[copy-") || l.contains("[source-undeclared]"))
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The suite, for each store
// ---------------------------------------------------------------------------------------------

fn finds_the_uncredited_archived_text(store: Store) {
    let a = archive(store, "finds");
    let out = a.run(&["archive", "add", TEXTS]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("added 5 texts (0 already archived)"));
    let out = a.run(&["check", "--format", "short", STORY]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let findings = copy_findings(&out);
    assert!(
        findings.iter().any(|f| f.contains("[source-undeclared]")
            && f.contains(COPIED)
            && f.contains("Harbour Wire")),
        "{findings:#?}"
    );
    assert!(findings.iter().all(|f| f.contains(COPIED)), "{findings:#?}");
    // The listed Coast Courier piece on the same story is in the archive too, and stays quiet.
    assert!(!text(&out.stdout).contains("coast-courier"));
    // JSON names the archived text in `related`.
    let out = a.run(&["check", "--format", "json", STORY]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["files"][0]["diagnostics"].as_array().unwrap();
    let undeclared = findings
        .iter()
        .find(|f| f["rule"] == "source-undeclared")
        .expect("source-undeclared");
    assert!(
        undeclared["related"][0]["path"]
            .as_str()
            .unwrap()
            .contains(COPIED)
    );
}

fn stats_and_duplicates(store: Store) {
    let a = archive(store, "stats");
    a.run(&["archive", "add", TEXTS]);
    let stats = a.stats();
    assert_eq!(stats["texts"], 5);
    assert_eq!(stats["version"], 1);
    assert_eq!(stats["schema_version"], 2);
    assert_eq!(stats["fingerprint_format"], 1);
    assert_eq!(stats["oldest"], "2025-02-27");
    assert_eq!(stats["newest"], "2025-04-10");
    assert_eq!(stats["sources"][0]["source"], "Harbour Wire");
    assert_eq!(stats["sources"][0]["texts"], 3);
    assert!(stats["fingerprints"].as_u64().unwrap() > 100);
    assert!(stats["size_bytes"].as_u64().unwrap() > 0);
    // The same texts again, and one of them under another name with other line endings.
    let body = std::fs::read_to_string(format!("{TEXTS}/{COPIED}")).unwrap();
    let again = write(
        &a.dir,
        "copy-of-it.md",
        body.replace('\n', "\r\n").as_bytes(),
    );
    let out = a.run(&["archive", "add", TEXTS, &again]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("added 0 texts (6 already archived)"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(a.count(), 5);
    let human = a.run(&["archive", "stats"]);
    assert!(
        text(&human.stdout).contains("5 from 3 sources"),
        "{}",
        text(&human.stdout)
    );
}

fn remove_by_path_id_and_source(store: Store) {
    let a = archive(store, "remove");
    a.run(&["archive", "add", TEXTS]);
    let copied = format!("{TEXTS}/{COPIED}");
    let out = a.run(&["archive", "remove", &copied]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).lines().next().unwrap().split(' ').nth(1),
        Some("1")
    );
    assert_eq!(a.count(), 4);
    let out = a.run(&["check", "--format", "short", STORY]);
    assert!(copy_findings(&out).is_empty(), "{}", text(&out.stdout));
    // Removing what is not there says so and fails.
    let out = a.run(&["archive", "remove", &copied]);
    assert_eq!(out.status.code(), Some(1));
    let out = a.run(&["archive", "remove", "--source", "Harbour Wire"]);
    assert!(
        text(&out.stdout).starts_with("removed 2 texts"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(a.count(), 2);
    let ids = a.ids();
    assert_eq!(ids.len(), 2);
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    let out = a.run(&["archive", "remove", "--id", &first, "--id", &second]);
    assert!(out.status.success());
    assert_eq!(a.count(), 0);
    // Fingerprints left behind would make removed texts candidates forever.
    let fingerprints = a.stats()["fingerprints"].as_u64().unwrap();
    assert_eq!(fingerprints, 0);
    // Nothing to remove named at all is a usage error.
    assert_eq!(a.run(&["archive", "remove"]).status.code(), Some(2));
}

fn bad_files_are_named_and_the_rest_added(store: Store) {
    let a = archive(store, "bad-files");
    let good = "---\nsource: Harbour Wire\n---\nThe coastguard said winds reached fifty knots off the islands overnight, and two sailors were lifted from a yacht.\n";
    write(&a.dir, "in/good.md", good.as_bytes());
    write(
        &a.dir,
        "in/latin1.md",
        b"---\nsource: X\n---\nCaf\xe9 owners said trade fell.\n",
    );
    write(&a.dir, "in/binary.md", b"\x00\x01\x02\x03 binary");
    write(
        &a.dir,
        "in/no-source.md",
        b"A text without front matter or --source.\n",
    );
    write(
        &a.dir,
        "in/broken.md",
        b"---\nsource: [unclosed\n---\nSome text.\n",
    );
    write(&a.dir, "in/empty.md", b"");
    // PostgreSQL cannot store a NUL: written as an escape in front matter, it failed the whole
    // batch on every rerun.
    write(
        &a.dir,
        "in/nul.md",
        b"---\nsource: \"Harbour\\0Wire\"\n---\nThe ferry ran late again on Tuesday.\n",
    );
    write(
        &a.dir,
        "in/undated.md",
        b"---\nsource: X\ndate: last Tuesday\n---\nThe ferry ran late again.\n",
    );
    let dir = a.dir.join("in").display().to_string();
    let out = a.run(&["archive", "add", &dir]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for (file, says) in [
        ("latin1.md", "invalid UTF-8 at line 4"),
        ("binary.md", "binary file"),
        ("no-source.md", "no source"),
        ("broken.md", "front matter is not valid YAML"),
        ("empty.md", "empty"),
        ("nul.md", "NUL character"),
        ("undated.md", "date `last Tuesday` is not a date"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {says}\n{stderr}"
        );
    }
    assert!(
        text(&out.stdout).contains("added 1 text (0 already archived, 7 could not be read)"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(a.count(), 1);
    // --source stands in for missing front matter.
    let out = a.run(&[
        "archive",
        "add",
        "--source",
        "Northern Post",
        &format!("{dir}/no-source.md"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(a.count(), 2);
}

/// `stats`, `add` and `check` all stop with exit 2, print nothing, and say every one of `says`.
fn assert_every_command_refused(a: &Archive, says: &[&str]) {
    for args in [
        vec!["archive", "stats"],
        vec!["archive", "add", TEXTS],
        vec!["check", STORY],
    ] {
        let out = a.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = flat(&out.stderr);
        for expected in says {
            assert!(stderr.contains(expected), "{args:?}: {stderr}");
        }
        assert!(stdout_is_empty(&out), "{args:?}");
    }
}

fn newer_schema_is_refused_untouched(store: Store) {
    let a = archive(store, "newer");
    a.run(&["archive", "add", TEXTS]);
    a.execute("UPDATE fairlint_schema SET version = 99");
    assert_every_command_refused(
        &a,
        &[
            "schema version 99 is newer than this fairlint reads (2)",
            "upgrade fairlint",
        ],
    );
    assert_eq!(a.count(), 5);
}

/// Fingerprints made another way would stop matching without a word: such an archive is
/// refused, untouched, until `archive reindex` rebuilds them from the stored texts. An archive
/// from before the format was recorded (schema 1) holds format 1.
fn other_fingerprint_format_is_refused_until_reindexed(store: Store) {
    let a = archive(store, "format");
    a.run(&["archive", "add", TEXTS]);
    let before = copy_findings(&a.run(&["check", "--format", "short", STORY]));
    assert!(!before.is_empty());
    let fingerprints = a.stats()["fingerprints"].clone();
    // Schema 1 had no format: it migrates to format 1 and works as before.
    a.execute("DROP TABLE fairlint_format; UPDATE fairlint_schema SET version = 1");
    assert_eq!(a.stats()["fingerprint_format"], 1);
    // Another format, and its fingerprints gone: refused, and left as it was.
    a.execute("UPDATE fairlint_format SET fingerprints = 0; DELETE FROM fairlint_fingerprints");
    assert_every_command_refused(
        &a,
        &[
            "fingerprint format 0 is not the one this fairlint makes (1)",
            "fairlint archive reindex",
        ],
    );
    assert_eq!(a.count(), 5);
    let out = a.run(&["archive", "reindex"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("reindexed 5 texts"),
        "{}",
        text(&out.stdout)
    );
    let stats = a.stats();
    assert_eq!(stats["fingerprint_format"], 1);
    assert_eq!(stats["fingerprints"], fingerprints);
    let after = copy_findings(&a.run(&["check", "--format", "short", STORY]));
    assert_eq!(before, after);
}

fn stdout_is_empty(out: &Output) -> bool {
    out.stdout.is_empty()
}

/// Texts numerous and long enough that `add` is still writing when it is killed.
fn many_texts(dir: &Path, n: usize) -> String {
    let folder = dir.join("many");
    for i in 0..n {
        let mut body = format!("---\nsource: Wire {}\n---\n", i % 7);
        for s in 0..12 {
            body.push_str(&format!(
                "Report {i} sentence {s} says the council of district {} met on day {} to weigh plan {} for the harbour road. ",
                i * 31 % 997,
                s * 17 + i % 13,
                i * 7 + s
            ));
        }
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("t{i:05}.md")), body).unwrap();
    }
    folder.display().to_string()
}

fn killed_add_keeps_every_committed_batch(store: Store) {
    let a = archive(store, "killed");
    let n = 4000;
    let folder = many_texts(&a.dir, n);
    // A first batch makes the archive exist before the add that will be killed.
    a.run(&["archive", "add", "--source", "Desk", STORY]);
    assert_eq!(a.count(), 1);
    let mut child = fairlint(
        &a.location,
        &["archive", "add", "--batch-size", "50", &folder],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let started = Instant::now();
    while a.count() < 1 + 100 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "add committed nothing in a minute"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "add finished before it could be killed: make the input larger"
    );
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let kept = a.count();
    assert!(kept > 1 && (kept as usize) < 1 + n, "kept {kept}");
    assert_eq!((kept - 1) % 50, 0, "a batch was half written: {kept} texts");
    // The archive still works: stats, a check, and the add run again completes the rest.
    let stats = a.stats();
    assert_eq!(stats["texts"], kept);
    let out = a.run(&["check", "--format", "short", STORY]);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&out.stderr)
    );
    let out = a.run(&["archive", "add", "--batch-size", "500", &folder]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&format!("({} already archived)", kept - 1)),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(a.count() as usize, 1 + n);
}

/// Three `add`s of the same folder at once, as three CI runners might: every text once.
fn concurrent_adds_store_each_text_once(store: Store) {
    let a = archive(store, "concurrent");
    let folder = many_texts(&a.dir, 300);
    let children: Vec<_> = (0..3)
        .map(|_| {
            fairlint(
                &a.location,
                &["archive", "add", "--batch-size", "40", &folder],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(a.count(), 300);
}

/// Adds of the same texts in opposite orders, all in one batch each: with rows inserted in
/// input order, each waited for a digest the other had inserted (a deadlock, and one add
/// failed: about one round in three before the fix). Several rounds, since a deadlock depends
/// on timing.
fn overlapping_adds_in_opposite_orders_both_succeed(store: Store) {
    let n = 1500;
    for round in 0..4 {
        let a = archive(store, &format!("opposite-{round}"));
        let folder = many_texts(&a.dir, n);
        // The archive exists before: this is about adds, not about creating it.
        a.run(&["archive", "add", "--source", "Desk", STORY]);
        let files: Vec<String> = (0..n).map(|i| format!("{folder}/t{i:05}.md")).collect();
        let forward: Vec<&str> = files.iter().map(String::as_str).collect();
        let backward: Vec<&str> = files.iter().rev().map(String::as_str).collect();
        let children: Vec<_> = [forward.clone(), backward, forward]
            .into_iter()
            .map(|files| {
                let mut args = vec!["archive", "add", "--batch-size", "5000"];
                args.extend(files);
                fairlint(&a.location, &args)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", text(&out.stderr));
        }
        assert_eq!(a.count(), 1 + n as i64, "round {round}");
    }
}

/// Dates are calendar dates: a timestamp keeps its day, free text is refused by name, and the
/// oldest and newest are found as dates (free text left by an older fairlint is passed over).
fn dates_are_checked_and_compared_as_dates(store: Store) {
    let a = archive(store, "dates");
    let dated = |name: &str, date: &str, words: &str| {
        write(
            &a.dir,
            &format!("in/{name}"),
            format!("---\nsource: Desk\ndate: {date}\n---\nThe harbour {words} on the day in question.\n")
                .as_bytes(),
        )
    };
    dated("feb.md", "2025-02-27", "board met at noon");
    dated("dec.md", "2024-12-31T23:00:00Z", "lights were lit");
    dated("words.md", "March 3", "road was closed");
    dated("month13.md", "2025-13-01", "ferry was late");
    let dir = a.dir.join("in").display().to_string();
    let out = a.run(&["archive", "add", &dir]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    for (file, date) in [("words.md", "March 3"), ("month13.md", "2025-13-01")] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(&format!("date `{date}` is not a date"))),
            "{stderr}"
        );
    }
    assert_eq!(a.count(), 2);
    let stats = a.stats();
    assert_eq!(stats["oldest"], "2024-12-31");
    assert_eq!(stats["newest"], "2025-02-27");
    // A free-text date from before dates were checked sorts after any digit as text.
    a.execute("UPDATE fairlint_texts SET date = 'Zebra day' WHERE date = '2024-12-31'");
    let stats = a.stats();
    assert_eq!(stats["oldest"], "2025-02-27");
    assert_eq!(stats["newest"], "2025-02-27");
}

/// Symlinked texts in a folder given to `archive add`: one that stays inside the folder is
/// archived; one leaving it, one to a folder and a broken one are each named, not skipped in
/// silence.
#[cfg(unix)]
fn symlinks_in_a_folder_are_followed_inside_or_named(store: Store) {
    use std::os::unix::fs::symlink;
    let a = archive(store, "symlinks");
    let body = |words: &str| {
        format!("---\nsource: Desk\n---\nThe council said {words} would reopen in the spring.\n")
    };
    write(&a.dir, "in/sub/real.md", body("the pool").as_bytes());
    let outside = write(
        &a.dir,
        "elsewhere/secret.md",
        body("the library").as_bytes(),
    );
    let folder = a.dir.join("in");
    symlink(folder.join("sub/real.md"), folder.join("inside.md")).unwrap();
    symlink(&outside, folder.join("outside.md")).unwrap();
    symlink(a.dir.join("elsewhere"), folder.join("linked-folder")).unwrap();
    symlink(a.dir.join("gone.md"), folder.join("broken.md")).unwrap();
    let out = a.run(&["archive", "add", &folder.display().to_string()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for (link, says) in [
        ("outside.md", "outside"),
        ("linked-folder", "symlink to a folder"),
        ("broken.md", "symlink to nothing"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(link) && l.contains(says)),
            "{link}: {says}\n{stderr}"
        );
    }
    // inside.md, and sub/real.md as the same text.
    assert!(
        text(&out.stdout).starts_with("added 1 text (1 already archived, 3 could not be read)"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(a.count(), 1);
}

macro_rules! suite {
    ($store:ident, $module:ident) => {
        mod $module {
            use super::*;

            #[test]
            fn finds_the_uncredited_archived_text() {
                super::finds_the_uncredited_archived_text(Store::$store);
            }
            #[test]
            fn stats_and_duplicates() {
                super::stats_and_duplicates(Store::$store);
            }
            #[test]
            fn remove_by_path_id_and_source() {
                super::remove_by_path_id_and_source(Store::$store);
            }
            #[test]
            fn bad_files_are_named_and_the_rest_added() {
                super::bad_files_are_named_and_the_rest_added(Store::$store);
            }
            #[test]
            fn newer_schema_is_refused_untouched() {
                super::newer_schema_is_refused_untouched(Store::$store);
            }
            #[test]
            fn other_fingerprint_format_is_refused_until_reindexed() {
                super::other_fingerprint_format_is_refused_until_reindexed(Store::$store);
            }
            #[test]
            fn concurrent_adds_store_each_text_once() {
                super::concurrent_adds_store_each_text_once(Store::$store);
            }
            #[test]
            fn killed_add_keeps_every_committed_batch() {
                super::killed_add_keeps_every_committed_batch(Store::$store);
            }
            #[test]
            fn overlapping_adds_in_opposite_orders_both_succeed() {
                super::overlapping_adds_in_opposite_orders_both_succeed(Store::$store);
            }
            #[test]
            fn dates_are_checked_and_compared_as_dates() {
                super::dates_are_checked_and_compared_as_dates(Store::$store);
            }
            #[cfg(unix)]
            #[test]
            fn symlinks_in_a_folder_are_followed_inside_or_named() {
                super::symlinks_in_a_folder_are_followed_inside_or_named(Store::$store);
            }
        }
    };
}

suite!(Sqlite, on_sqlite);
suite!(Postgres, on_postgres);

// ---------------------------------------------------------------------------------------------
// What only one store can get wrong
// ---------------------------------------------------------------------------------------------

fn run_with(location: &str, args: &[&str]) -> Output {
    fairlint(location, args).output().unwrap()
}

#[test]
fn damaged_sqlite_file_is_refused_and_left_as_it_was() {
    let dir = scratch("damaged");
    let path = dir.join("archive.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let location = path.display().to_string();
    for args in [
        vec!["archive", "stats"],
        vec!["archive", "add", TEXTS],
        vec!["check", STORY],
    ] {
        let out = run_with(&location, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = flat(&out.stderr);
        assert!(stderr.contains(&location), "{stderr}");
        assert!(
            stderr.contains("is not an SQLite database, or is damaged"),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn other_sqlite_databases_are_not_archives() {
    let dir = scratch("foreign");
    let path = dir.join("other.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")
        .unwrap();
    let out = run_with(&path.display().to_string(), &["archive", "add", TEXTS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("not a fairlint archive"),
        "{}",
        flat(&out.stderr)
    );
    let tables: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn a_missing_archive_is_not_created_by_check_or_stats() {
    let dir = scratch("missing");
    let path = dir.join("nowhere.db");
    let location = path.display().to_string();
    for args in [
        vec!["check", STORY],
        vec!["archive", "stats"],
        vec!["archive", "remove", "x"],
    ] {
        let out = run_with(&location, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = flat(&out.stderr);
        assert!(stderr.contains("no archive here"), "{stderr}");
        assert!(stderr.contains("fairlint archive add"), "{stderr}");
    }
    assert!(!path.exists());
}

#[test]
fn unreachable_database_is_a_clear_error_without_the_password() {
    // Port 9 (discard) on loopback: nothing listens there.
    let location = "postgres://ann:s3cret@127.0.0.1:9/news";
    let started = Instant::now();
    for args in [vec!["check", STORY], vec!["archive", "stats"]] {
        let out = run_with(location, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = flat(&out.stderr);
        assert!(
            stderr.contains("postgres://ann:***@127.0.0.1:9/news"),
            "{stderr}"
        );
        assert!(stderr.contains("cannot connect"), "{stderr}");
        // The cause, which the driver's own message leaves out.
        assert!(stderr.contains("Connection refused"), "{stderr}");
        assert!(!stderr.contains("s3cret"), "{stderr}");
    }
    assert!(started.elapsed() < Duration::from_secs(30));
    let out = run_with("postgres://[bad", &["archive", "stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("not a valid PostgreSQL URL"),
        "{}",
        flat(&out.stderr)
    );
}

#[test]
fn the_archive_location_can_come_from_the_environment() {
    let a = archive(Store::Sqlite, "env");
    a.run(&["archive", "add", TEXTS]);
    let out = Command::new(BIN)
        .args(["check", "--format", "short", STORY])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("FAIRLINT_ARCHIVE", &a.location)
        .output()
        .unwrap();
    assert!(!copy_findings(&out).is_empty(), "{}", text(&out.stdout));
}

#[test]
fn the_articles_own_archived_copy_is_not_a_source() {
    let a = archive(Store::Sqlite, "own");
    let out = a.run(&["archive", "add", "--source", "Our Desk", STORY]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = a.run(&["check", "--format", "short", STORY]);
    assert!(copy_findings(&out).is_empty(), "{}", text(&out.stdout));
    // An edited version of it is still compared with the archived one.
    let story = std::fs::read_to_string(STORY).unwrap();
    let edited = write(
        &a.dir,
        "edited.md",
        format!("{story}\nA late line.\n").as_bytes(),
    );
    let out = a.run(&["check", "--format", "short", &edited]);
    assert!(
        copy_findings(&out).iter().any(|f| f.contains("Our Desk")),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_directory_is_not_an_archive() {
    let dir = scratch("directory");
    let location = dir.display().to_string();
    for args in [
        vec!["archive", "add", TEXTS],
        vec!["archive", "stats"],
        vec!["check", STORY],
    ] {
        let out = run_with(&location, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = flat(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "archive {location}: is a directory, not an archive file"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("archive.db"), "{stderr}");
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL connections: how the location is read, passwords, timeouts, TLS
// ---------------------------------------------------------------------------------------------

/// The test server's port.
fn port() -> u16 {
    let url = server();
    let after_host = url.rsplit_once(':').unwrap().1;
    after_host.split('/').next().unwrap().parse().unwrap()
}

/// The test server's certificate, the root a client trusts to verify it.
fn server_cert() -> String {
    server();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("cert")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The password nowhere in what fairlint printed.
fn assert_hidden(out: &Output, password: &str) {
    for stream in [&out.stdout, &out.stderr] {
        assert!(!text(stream).contains(password), "{}", text(stream));
    }
}

/// A libpq `key=value` string is PostgreSQL: before, it was an SQLite file name, and `archive
/// add` created a file named after it, password and all.
#[test]
fn a_keyword_string_is_postgresql_and_never_a_file() {
    let dir = scratch("keywords");
    let location = "host=127.0.0.1 port=9 dbname=news user=ann password=s3cret";
    let texts = Path::new(env!("CARGO_MANIFEST_DIR")).join(TEXTS);
    let out = fairlint(location, &["archive", "add", &texts.display().to_string()])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = flat(&out.stderr);
    assert!(
        stderr.contains(
            "archive host=127.0.0.1 port=9 dbname=news user=ann password=*** : cannot connect"
        ) || stderr.contains(
            "archive host=127.0.0.1 port=9 dbname=news user=ann password=***: cannot connect"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Connection refused"), "{stderr}");
    assert_hidden(&out, "s3cret");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a file was created"
    );
    // An unknown keyword is refused by name, not taken for a file.
    let out = fairlint(
        "archive=old.db",
        &["archive", "add", &texts.display().to_string()],
    )
    .current_dir(&dir)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("`archive` is not a connection parameter"),
        "{}",
        flat(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "a file was created"
    );
}

/// However the password is given, and whatever the server answers, it is never printed.
#[test]
fn passwords_are_never_printed() {
    let p = port();
    for (location, password) in [
        (
            "postgres://ann@127.0.0.1:9/news?password=s3cret1".to_string(),
            "s3cret1",
        ),
        (
            format!(
                "postgres://fairlint@127.0.0.1:{p}/no_such_db?sslmode=disable&password=s3cret2"
            ),
            "s3cret2",
        ),
        (
            format!("postgresql://fairlint:s3cret3@127.0.0.1:{p}/no_such_db"),
            "s3cret3",
        ),
        (
            "host=127.0.0.1 port=9 dbname=news user=ann password='s3cret4 x'".to_string(),
            "s3cret4",
        ),
        (
            format!("host=127.0.0.1 port={p} dbname=no_such_db user=fairlint password = s3cret5"),
            "s3cret5",
        ),
        (
            format!("host=127.0.0.1 port={p} dbname=no_such_db user=fairlint password='s3cret6"),
            "s3cret6",
        ),
        // Written without the escaping they need: still hidden whole.
        (
            format!("postgres://fairlint:s3?cret7@127.0.0.1:{p}/no_such_db"),
            "cret7",
        ),
        (
            "host=127.0.0.1 port=9 password=s3 cret8=x".to_string(),
            "cret8",
        ),
    ] {
        for args in [vec!["archive", "stats"], vec!["check", STORY]] {
            let out = run_with(&location, &args);
            assert_eq!(out.status.code(), Some(2), "{location}");
            assert_hidden(&out, password);
            let stderr = flat(&out.stderr);
            assert!(stderr.contains("***"), "{stderr}");
            if location.contains("no_such_db") && !location.ends_with("s3cret6") {
                assert!(stderr.contains("does not exist"), "{stderr}");
            }
        }
    }
}

/// A database owned by the login that must give its password (`fairlint_pw`).
fn password_database(name: &str) -> String {
    let db = format!("fairlint_pw_{name}");
    let mut admin = pg_client(server());
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {db} OWNER fairlint_pw"))
        .unwrap();
    db
}

/// The password comes from the location, `PGPASSWORD`, a service file or `.pgpass`, as libpq
/// takes it; a `.pgpass` others can read is ignored with a warning.
#[cfg(unix)]
#[test]
fn the_password_comes_from_where_libpq_finds_it() {
    use std::os::unix::fs::PermissionsExt;
    let p = port();
    let db = password_database("sources");
    let home = scratch("pgpass-home");
    let location = format!("host=127.0.0.1 port={p} dbname={db} user=fairlint_pw sslmode=disable");
    let stats = |location: &str, env: &[(&str, &str)]| {
        let mut cmd = fairlint(location, &["archive", "stats", "--format", "json"]);
        cmd.env("HOME", &home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    // No password anywhere: refused by the server, saying why.
    let out = stats(&location, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("password"),
        "{}",
        flat(&out.stderr)
    );
    // A wrong one: the server's reason, and the password not shown.
    let out = stats(&location, &[("PGPASSWORD", "wrong-pw")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("password authentication failed"),
        "{}",
        flat(&out.stderr)
    );
    assert_hidden(&out, "wrong-pw");
    // PGPASSWORD.
    let out = stats(&location, &[("PGPASSWORD", "fairlint-pw")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // In the location, it wins over PGPASSWORD.
    let out = stats(
        &format!("{location} password=fairlint-pw"),
        &[("PGPASSWORD", "wrong-pw")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // ~/.pgpass, with an escaped colon in a line that does not match and a wildcard port.
    let pgpass = home.join(".pgpass");
    std::fs::write(
        &pgpass,
        format!("# test\n127.0.0.1:{p}:other\\:db:fairlint_pw:no\n127.0.0.1:*:{db}:fairlint_pw:fairlint-pw\n"),
    )
    .unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = stats(&location, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Readable by others: ignored, as libpq ignores it, and said.
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = stats(&location, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("has group or world access and is ignored"),
        "{}",
        text(&out.stderr)
    );
    // PGPASSFILE names another.
    let elsewhere = write(
        &home,
        "elsewhere.pgpass",
        b"*:*:*:fairlint_pw:fairlint-pw\n",
    );
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = stats(&location, &[("PGPASSFILE", &elsewhere)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A service (PGSERVICE, ~/.pg_service.conf) gives host, port, database and user; the
    // password from the environment.
    std::fs::write(
        home.join(".pg_service.conf"),
        format!(
            "[newsroom]\nhost=127.0.0.1\nport={p}\ndbname={db}\nuser=fairlint_pw\nsslmode=disable\n"
        ),
    )
    .unwrap();
    let out = stats("service=newsroom", &[("PGPASSWORD", "fairlint-pw")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = stats(
        "dbname=postgres",
        &[("PGSERVICE", "newsroom"), ("PGPASSWORD", "fairlint-pw")],
    );
    // The location's own dbname wins over the service's: `postgres` is not fairlint_pw's to
    // create tables in, and the error says so.
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        flat(&out.stderr).contains("permission denied"),
        "{}",
        flat(&out.stderr)
    );
    let out = stats("service=nowhere", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("service `nowhere` is not defined"),
        "{}",
        flat(&out.stderr)
    );
}

/// A listener that accepts connections and never says a word.
fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    port
}

/// A listener that answers every SSLRequest with 'N' (no TLS here), as a server without TLS does.
fn server_without_tls() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut request = [0u8; 8];
                if stream.read_exact(&mut request).is_ok() {
                    let _ = stream.write_all(b"N");
                    let mut rest = Vec::new();
                    let _ = stream.read_to_end(&mut rest);
                }
            });
        }
    });
    port
}

/// The command's output, or a failure (and the process killed) if it runs past `limit`: a
/// regression here would otherwise hang the suite instead of failing it. Its output is a few
/// lines, well within a pipe's buffer.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A server that accepts TCP and never answers hung `check` (and the language server) forever:
/// the whole connect, handshake included, has a deadline.
#[test]
fn a_server_that_never_answers_times_out() {
    let port = silent_server();
    for (location, limit) in [
        (
            format!("postgres://ann:s3cret@127.0.0.1:{port}/news?connect_timeout=2"),
            2,
        ),
        (
            format!("host=127.0.0.1 port={port} dbname=news user=ann password=s3cret"),
            5,
        ),
    ] {
        let started = Instant::now();
        let out = output_within(
            fairlint(&location, &["check", STORY]),
            Duration::from_secs(limit + 10),
        );
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            took >= Duration::from_secs(limit) - Duration::from_millis(200),
            "{took:?}"
        );
        assert!(took < Duration::from_secs(limit + 4), "{took:?}");
        let stderr = flat(&out.stderr);
        assert!(stderr.contains("timed out"), "{stderr}");
        assert!(
            stderr.contains("127.0.0.1") && stderr.contains("***"),
            "{stderr}"
        );
        assert_hidden(&out, "s3cret");
    }
    // Nothing is half-open after: the stub still accepts (the process is gone).
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
}

/// TLS as libpq's sslmode means it, against the test server's self-signed certificate.
#[test]
fn tls_modes_mean_what_they_mean_to_libpq() {
    let a = archive(Store::Postgres, "tls");
    let root = server_cert();
    let with = |params: &str| format!("{}?{params}", a.location);
    // Encrypted, certificate not checked.
    let out = run_with(&with("sslmode=require"), &["archive", "add", TEXTS]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Checked against the given root, host name included.
    let out = run_with(
        &with(&format!("sslmode=verify-full&sslrootcert={root}")),
        &["archive", "stats"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The same in key=value form.
    let p = port();
    let db = a.location.rsplit('/').next().unwrap().to_string();
    let keywords = format!(
        "host=localhost port={p} dbname={db} user=fairlint sslmode=verify-full sslrootcert='{root}'"
    );
    let out = run_with(&keywords, &["archive", "stats"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // No root given: the system's do not know a self-signed certificate.
    let out = run_with(&with("sslmode=verify-full"), &["archive", "stats"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = flat(&out.stderr);
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(stderr.contains("certificate"), "{stderr}");
    // A host name the certificate does not hold: verify-full refuses, verify-ca does not look.
    let misnamed = format!(
        "host=archive.invalid hostaddr=127.0.0.1 port={p} dbname={db} user=fairlint sslrootcert={root}"
    );
    let out = run_with(
        &format!("{misnamed} sslmode=verify-full"),
        &["archive", "stats"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("certificate"),
        "{}",
        flat(&out.stderr)
    );
    let out = run_with(
        &format!("{misnamed} sslmode=verify-ca"),
        &["archive", "stats"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // require with a root checks the chain, as libpq does.
    let out = run_with(
        &format!("{misnamed} sslmode=require"),
        &["archive", "stats"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A server that offers no TLS: require refuses to go on in the clear.
    let plain = server_without_tls();
    let out = output_within(
        fairlint(
            &format!("postgres://ann:s3cret@127.0.0.1:{plain}/news?sslmode=require"),
            &["check", STORY],
        ),
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = flat(&out.stderr);
    assert!(stderr.contains("server does not support TLS"), "{stderr}");
    assert_hidden(&out, "s3cret");
    // An sslmode libpq does not know is refused by name.
    let out = run_with(&with("sslmode=sometimes"), &["archive", "stats"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        flat(&out.stderr).contains("sslmode is not one of disable, prefer"),
        "{}",
        flat(&out.stderr)
    );
}
