//! The archive through the real binary, one suite for both stores: an SQLite file, and a real
//! PostgreSQL server on loopback (`scripts/pg-test-server.sh`, started here when it is not
//! running; `.ci/run` installs Debian's package through `scripts/setup-test-deps.sh`). Each test
//! gets an archive of its own: a fresh file, or a fresh database on the shared server.

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

/// The binary with `args` against the archive at `location`, from the repository root, with no
/// archive inherited from the environment.
fn fairlint(location: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .arg("--archive")
        .arg(location)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FAIRLINT_ARCHIVE")
        .env("NO_COLOR", "1");
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
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(says)),
            "{file}: {says}\n{stderr}"
        );
    }
    assert!(text(&out.stdout).contains("added 1 text (0 already archived, 5 could not be read)"));
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
