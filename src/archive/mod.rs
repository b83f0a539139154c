//! The archive: years of wire copy and competitor stories, indexed so that an article can be
//! checked against all of them. The worst provenance failure is copying from a text nobody
//! credited, and that text is rarely one the writer names as an original; it is somewhere in the
//! newsroom's archive.
//!
//! An archive stores each text once (by a digest of its body) with its source, path and date,
//! and the text's winnowed word k-gram fingerprints. A check asks for the archived texts that
//! share the most fingerprints with the article, loads only those, and hands them to the copy
//! rules as originals. Two stores keep the same schema: one SQLite file (the default, at
//! `.fairlint/archive.db`) and PostgreSQL (`postgres://…` or libpq's `host=… dbname=…`), which
//! many CI runners and editors can share. Both write each batch of texts in one transaction, so a killed `archive add` leaves
//! the archive as it was before the batch it was writing.

#[cfg(feature = "postgres")]
mod connect;
// Parsing and redaction of PostgreSQL locations stay in every build: a location given to a
// build without PostgreSQL is still recognised (and refused), and never printed with its
// password.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
mod conninfo;
pub mod pool;
#[cfg(feature = "postgres")]
mod postgres;
mod sqlite;
#[cfg(feature = "postgres")]
mod tls;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::align::{self, INDEX_K};
use crate::originals::{ArchiveEntry, Original};

/// Window of the winnowing the archive stores: with [`INDEX_K`], any copied run of
/// `INDEX_K + ARCHIVE_WINDOW - 1` = 12 words, copy-verbatim's default, shares a fingerprint.
pub(crate) const ARCHIVE_WINDOW: usize = 8;

/// The schema this build writes and reads. Older archives are migrated when opened; newer ones
/// are refused untouched.
pub(crate) const SCHEMA_VERSION: i64 = 2;

/// How the stored fingerprints are made: the word folding and hashing of `align::words`, the
/// k-gram hash, [`INDEX_K`] and [`ARCHIVE_WINDOW`]. An archive records the format its
/// fingerprints were made with; one made another way would silently stop matching (and leave
/// orphans on `remove`), so it is refused until `fairlint archive reindex` rebuilds them from the
/// stored texts. Bump this with any change to those.
pub(crate) const FINGERPRINT_FORMAT: i64 = 1;

/// At most this many archived texts are aligned with one article, the most similar first.
pub(crate) const MAX_CANDIDATES: usize = 16;

/// A fingerprint held by more archived texts than this is boilerplate ("Reporting by …; Editing
/// by …") and is left out of candidate ranking: it says nothing about which text was copied, and
/// its postings would dominate the query.
pub(crate) const MAX_POSTINGS: i64 = 500;

/// The environment variable that names the archive when no flag or editor option does.
pub(crate) const ENV_VAR: &str = "FAIRLINT_ARCHIVE";

/// Where the archive lives, from `--archive`, the editor's `archive` option or [`ENV_VAR`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL, or a libpq `key=value` string (its first word is
    /// `KEY=`: `host=db dbname=news`), else a path to an SQLite file.
    pub fn parse(value: &str) -> Location {
        if conninfo::is_url(value) || conninfo::is_keywords(value) {
            Location::Postgres(value.to_string())
        } else {
            Location::Sqlite(PathBuf::from(value))
        }
    }

    /// The archive articles are compared with: the location given (`--archive`, the editor's
    /// `archive` option), else [`ENV_VAR`]'s; `None` when neither names one. A blank location
    /// names none: an unset variable in a CI file is often set to nothing.
    pub fn named(given: Option<&str>) -> Option<Location> {
        let from_env = || std::env::var(ENV_VAR).ok();
        let value = given.map(str::to_string).or_else(from_env)?;
        (!value.trim().is_empty()).then(|| Location::parse(&value))
    }

    /// The archive the `archive` commands fill and show: [`Location::named`], else
    /// `.fairlint/archive.db` under the project root. `true` when it is that default, which is
    /// found rather than named and so held to the project root.
    pub(crate) fn named_or_default(given: Option<&str>, root: &Path) -> (Location, bool) {
        match Location::named(given) {
            Some(location) => (location, false),
            None => (Location::default_in(root), true),
        }
    }

    /// `.fairlint/archive.db` under the project root.
    pub(crate) fn default_in(root: &Path) -> Location {
        Location::Sqlite(root.join(".fairlint").join("archive.db"))
    }
}

impl fmt::Display for Location {
    /// A PostgreSQL location is shown without its password, however it was given: it ends up
    /// in CI logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => write!(f, "{}", conninfo::redact(url)),
        }
    }
}

/// What went wrong with an archive, always naming it. fairlint never changes an archive it
/// cannot read (a damaged file, a newer schema): the error says so.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("archive {location}: {message}")]
pub struct ArchiveError {
    pub location: String,
    pub message: String,
    pub help: Option<String>,
}

impl miette::Diagnostic for ArchiveError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("archive"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

impl ArchiveError {
    pub fn new(location: &Location, message: impl Into<String>) -> ArchiveError {
        ArchiveError {
            location: location.to_string(),
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> ArchiveError {
        self.help = Some(help.into());
        self
    }
}

/// A text to archive, as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct NewText {
    pub source: String,
    /// The path it was added from, as given: how people find it again (and remove it).
    pub path: String,
    pub date: Option<String>,
    /// The text without its front matter.
    pub body: String,
}

/// A [`NewText`] with what the store needs computed outside the transaction.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub text: NewText,
    /// SHA-256 of the body with line endings and trailing space folded: the same text added
    /// twice, from another path or after a re-save, is stored once.
    pub digest: Vec<u8>,
    pub words: usize,
    /// Distinct winnowed fingerprints, as stored (the u64 hash's bits in an i64).
    pub fingerprints: Vec<i64>,
}

pub fn prepare(text: NewText) -> Prepared {
    let words = align::words(&text.body);
    Prepared {
        digest: digest(&text.body),
        words: words.len(),
        fingerprints: stored_fingerprints(&words),
        text,
    }
}

/// The distinct winnowed fingerprints the archive stores for a text's words, sorted.
fn stored_fingerprints(words: &[align::Word]) -> Vec<i64> {
    let mut fingerprints: Vec<i64> = align::fingerprints(words, INDEX_K, ARCHIVE_WINDOW)
        .into_iter()
        .map(|(hash, _)| hash as i64)
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    fingerprints
}

fn digest(body: &str) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for line in body.trim().lines() {
        hasher.update(line.trim_end().as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_vec()
}

/// Splits a file's text into its front matter's `source:`, `date:` and the body.
pub fn read_text(path: &str, text: &str, source: Option<&str>) -> Result<NewText, String> {
    let mut front_source = None;
    let mut date = None;
    let mut body = text;
    if let Some((range, value)) = crate::document::front_matter_value(text) {
        let value = value.map_err(|e| format!("front matter is not valid YAML: {e}"))?;
        front_source = value.get("source").and_then(scalar);
        date = value.get("date").and_then(scalar);
        body = &text[range.end..];
    }
    let source = source.map(str::to_string).or(front_source).ok_or_else(|| {
        "no source: give the text `source:` front matter, or pass --source NAME".to_string()
    })?;
    if body.trim().is_empty() {
        return Err("no text to archive".into());
    }
    let date = date.map(|d| archive_date(&d)).transpose()?;
    for (what, value) in [("source", source.as_str()), ("text", body)] {
        refuse_nul(what, value)?;
    }
    Ok(NewText {
        source,
        path: path.to_string(),
        date,
        body: body.to_string(),
    })
}

/// PostgreSQL cannot store a NUL character in text: one in a batch failed the whole batch, on
/// every rerun. The file is refused by name instead (a NUL byte in a file already makes it
/// binary; this catches one written as `"\0"` in front matter).
fn refuse_nul(what: &str, value: &str) -> Result<(), String> {
    match value.find('\0') {
        Some(at) => Err(format!(
            "its {what} holds a NUL character (at byte {at}), which an archive cannot store"
        )),
        None => Ok(()),
    }
}

/// A front-matter `date:` as the archive stores it: `YYYY-MM-DD`, a real calendar date, so that
/// dates compare as dates (as text, in that form). A timestamp (`2025-03-01T09:30:00Z`,
/// `2025-03-01 09:30`) keeps its date; anything else is refused, naming the value.
fn archive_date(value: &str) -> Result<String, String> {
    let value = value.trim();
    let day = value.get(..10.min(value.len())).unwrap_or("");
    if is_calendar_date(day) && is_time_or_nothing(&value[day.len()..]) {
        return Ok(day.to_string());
    }
    Err(format!(
        "date `{}` is not a date: write YYYY-MM-DD (a timestamp such as 2025-03-01T09:30:00Z is taken as its date)",
        crate::visible::visible(value)
    ))
}

/// Nothing, or `T`/space and `HH:MM…`.
fn is_time_or_nothing(rest: &str) -> bool {
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return rest.is_empty();
    };
    let b = time.as_bytes();
    b.len() >= 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
}

fn is_calendar_date(day: &str) -> bool {
    let b = day.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let number = |r: std::ops::Range<usize>| day[r].parse::<u32>().unwrap_or(0);
    let (year, month, dom) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&dom)
}

/// What an archive may store per batch, in bytes of text, besides `--batch-size` texts: a batch
/// is one transaction (and in PostgreSQL one message per column), and a server refuses a
/// message over 1 GiB ("error communicating with the server").
pub(crate) const MAX_BATCH_BYTES: usize = 32 * 1024 * 1024;

/// Splits texts into batches of at most `max_bytes` of text each, in order; a text larger than
/// that is a batch of its own.
pub(crate) fn split_by_bytes(texts: Vec<Prepared>, max_bytes: usize) -> Vec<Vec<Prepared>> {
    let mut batches: Vec<Vec<Prepared>> = Vec::new();
    let mut size = 0;
    for text in texts {
        let bytes = text.text.body.len();
        match batches.last_mut() {
            Some(batch) if size + bytes <= max_bytes => {
                size += bytes;
                batch.push(text);
            }
            _ => {
                size = bytes;
                batches.push(vec![text]);
            }
        }
    }
    batches
}

fn scalar(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// A text as the archive holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedText {
    pub id: i64,
    pub source: String,
    pub path: String,
    pub date: Option<String>,
    pub body: String,
}

impl ArchivedText {
    /// The text as an original for the copy rules, named so that a finding says which archived
    /// text it is.
    pub(crate) fn into_original(self) -> Original {
        Original {
            source: self.source,
            path: self.path,
            text: Arc::from(self.body),
            archive: Some(ArchiveEntry {
                id: self.id,
                date: self.date,
            }),
        }
    }
}

/// What one batch added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    pub added: usize,
    /// Texts whose body was already archived (or came twice in the batch).
    pub duplicates: usize,
}

/// Which texts `archive remove` removes.
#[derive(Debug, Clone, PartialEq)]
pub enum Removal {
    Ids(Vec<i64>),
    /// Texts added from these paths, as `archive add` was given them.
    Paths(Vec<String>),
    Source(String),
}

/// The archive's size and contents, for `archive stats`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub location: String,
    pub schema_version: i64,
    pub fingerprint_format: i64,
    pub texts: u64,
    pub words: u64,
    pub text_bytes: u64,
    pub fingerprints: u64,
    /// Bytes on disk: the SQLite file, or the PostgreSQL tables with their indexes.
    pub size_bytes: u64,
    /// Texts per source, most first.
    pub sources: Vec<SourceCount>,
    pub oldest: Option<String>,
    pub newest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceCount {
    pub source: String,
    pub texts: u64,
}

/// One archive store. Every method is one transaction (or one read): a failure leaves the
/// archive as it was.
pub trait Store: Send {
    /// Adds texts not already archived, all or none.
    fn add(&mut self, batch: &[Prepared]) -> Result<Added, ArchiveError>;
    fn remove(&mut self, which: &Removal) -> Result<usize, ArchiveError>;
    fn stats(&mut self) -> Result<Stats, ArchiveError>;
    /// Archived texts sharing fingerprints with `kgrams` (sorted, distinct), as (id, shared),
    /// most shared first, at most `limit`; fingerprints held by more than [`MAX_POSTINGS`]
    /// texts are not counted.
    fn candidates(&mut self, kgrams: &[i64], limit: usize)
    -> Result<Vec<(i64, u64)>, ArchiveError>;
    fn texts(&mut self, ids: &[i64]) -> Result<Vec<ArchivedText>, ArchiveError>;
    /// The [`FINGERPRINT_FORMAT`] the stored fingerprints were made with.
    fn fingerprint_format(&mut self) -> Result<i64, ArchiveError>;
    /// Rebuilds every text's fingerprints (and word count) from its stored body in this build's
    /// format, in one transaction; returns the number of texts.
    fn reindex(&mut self) -> Result<usize, ArchiveError>;
}

/// Opens an archive. `create` makes a missing SQLite file (and its folder); without it, a
/// missing file is an error, so that a mistyped `--archive` on `check` is not an empty archive.
pub fn open(location: &Location, create: bool) -> Result<Box<dyn Store>, ArchiveError> {
    let mut store = open_for_reindex(location, create)?;
    let found = store.fingerprint_format()?;
    if found != FINGERPRINT_FORMAT {
        return Err(ArchiveError::new(
            location,
            format!(
                "fingerprint format {found} is not the one this fairlint makes ({FINGERPRINT_FORMAT}): \
                 copies of archived texts would go unfound"
            ),
        )
        .with_help(format!(
            "rebuild the fingerprints from the stored texts with `fairlint archive reindex --archive {location}`; the archive was not changed"
        )));
    }
    Ok(store)
}

/// Opens an archive whatever its fingerprint format, for `archive reindex`.
pub(crate) fn open_for_reindex(
    location: &Location,
    create: bool,
) -> Result<Box<dyn Store>, ArchiveError> {
    match location {
        Location::Sqlite(path) => Ok(Box::new(sqlite::SqliteStore::open(path, create)?)),
        #[cfg(feature = "postgres")]
        Location::Postgres(url) => Ok(Box::new(postgres::PostgresStore::open(url)?)),
        #[cfg(not(feature = "postgres"))]
        Location::Postgres(_) => Err(ArchiveError::new(
            location,
            "this fairlint was built without PostgreSQL support",
        )
        .with_help("build it with the default features (`cargo install fairlint`), which include `postgres`")),
    }
}

/// The archived texts most like an article, as originals for the copy rules.
pub(crate) fn originals_for(
    store: &mut dyn Store,
    article: &str,
) -> Result<Vec<Original>, ArchiveError> {
    let words = align::words(article);
    let kgrams: Vec<i64> = align::kgrams(&words, INDEX_K)
        .into_iter()
        .map(|h| h as i64)
        .collect();
    if kgrams.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = store
        .candidates(&kgrams, MAX_CANDIDATES)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // A newsroom archives what it publishes: the article's own archived copy is not a source.
    let own = digest(without_front_matter(article));
    Ok(store
        .texts(&ids)?
        .into_iter()
        .filter(|t| digest(&t.body) != own)
        .map(ArchivedText::into_original)
        .collect())
}

fn without_front_matter(text: &str) -> &str {
    match crate::document::split_front_matter(text) {
        Some(range) => &text[range.end..],
        None => text,
    }
}

/// The SQL of each schema version, applied in order inside one transaction. Both stores share
/// the shape; the types differ.
pub(crate) struct Migration {
    pub version: i64,
    pub sqlite: &'static str,
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub postgres: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sqlite: "
        CREATE TABLE fairlint_texts (
            id INTEGER PRIMARY KEY,
            digest BLOB NOT NULL UNIQUE,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            date TEXT,
            words INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            body TEXT NOT NULL,
            added_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX fairlint_texts_path ON fairlint_texts (path);
        CREATE INDEX fairlint_texts_source ON fairlint_texts (source);
        CREATE TABLE fairlint_fingerprints (
            hash INTEGER NOT NULL,
            text_id INTEGER NOT NULL,
            PRIMARY KEY (hash, text_id)
        ) WITHOUT ROWID;
    ",
        postgres: "
        CREATE TABLE fairlint_texts (
            id BIGSERIAL PRIMARY KEY,
            digest BYTEA NOT NULL UNIQUE,
            source TEXT NOT NULL,
            path TEXT NOT NULL,
            date TEXT,
            words BIGINT NOT NULL,
            bytes BIGINT NOT NULL,
            body TEXT NOT NULL,
            added_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX fairlint_texts_path ON fairlint_texts (path);
        CREATE INDEX fairlint_texts_source ON fairlint_texts (source);
        CREATE TABLE fairlint_fingerprints (
            hash BIGINT NOT NULL,
            text_id BIGINT NOT NULL,
            PRIMARY KEY (hash, text_id)
        );
    ",
    },
    // The fingerprint format, beside the schema version. Archives from before it were made in
    // format 1, the only one there was.
    Migration {
        version: 2,
        sqlite: "
            CREATE TABLE fairlint_format (fingerprints INTEGER NOT NULL);
            INSERT INTO fairlint_format (fingerprints) VALUES (1);
        ",
        postgres: "
            CREATE TABLE fairlint_format (fingerprints BIGINT NOT NULL);
            INSERT INTO fairlint_format (fingerprints) VALUES (1);
        ",
    },
];

/// Records this build's [`FINGERPRINT_FORMAT`] in an archive just created (no fingerprints of
/// another format can be in it).
pub(crate) fn record_format_sql() -> String {
    format!("UPDATE fairlint_format SET fingerprints = {FINGERPRINT_FORMAT};")
}

/// Records [`SCHEMA_VERSION`], as the last statement of a migration; `integer` is the store's
/// integer type.
pub(crate) fn record_version_sql(integer: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS fairlint_schema (version {integer} NOT NULL);
         DELETE FROM fairlint_schema;
         INSERT INTO fairlint_schema (version) VALUES ({SCHEMA_VERSION});"
    )
}

/// Refuses an archive written by a newer fairlint.
pub(crate) fn check_version(location: &Location, found: i64) -> Result<(), ArchiveError> {
    if found > SCHEMA_VERSION {
        return Err(ArchiveError::new(
            location,
            format!("schema version {found} is newer than this fairlint reads ({SCHEMA_VERSION})"),
        )
        .with_help("upgrade fairlint; the archive was not changed"));
    }
    Ok(())
}

/// A stored body's word count and fingerprints, as `archive add` makes them.
pub(crate) fn index_body(body: &str) -> (usize, Vec<i64>) {
    let words = align::words(body);
    (words.len(), stored_fingerprints(&words))
}

/// Fingerprints removed with a text: recomputed from its body, so the fingerprint table needs
/// no second index by text.
pub(crate) fn fingerprints_of(body: &str) -> Vec<i64> {
    stored_fingerprints(&align::words(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_from_one_to_the_current_version() {
        let versions: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=SCHEMA_VERSION).collect();
        assert_eq!(versions, expected);
        for m in MIGRATIONS {
            assert!(m.sqlite.contains("fairlint_") && m.postgres.contains("fairlint_"));
        }
    }

    #[test]
    fn locations_and_redaction() {
        assert_eq!(
            Location::parse("a/b.db"),
            Location::Sqlite(PathBuf::from("a/b.db"))
        );
        let pg = Location::parse("postgres://ann:s3cret@db.local:5432/news");
        assert_eq!(pg.to_string(), "postgres://ann:***@db.local:5432/news");
        let keywords = Location::parse("host=db dbname=news user=ann password=s3cret");
        assert!(matches!(keywords, Location::Postgres(_)));
        assert_eq!(
            keywords.to_string(),
            "host=db dbname=news user=ann password=***"
        );
        assert_eq!(
            Location::parse("postgresql://db/news").to_string(),
            "postgresql://db/news"
        );
    }

    #[test]
    fn front_matter_gives_source_and_date() {
        let text = "---\nsource: Harbour Wire\ndate: 2025-03-01\n---\nThe bridge closed.\n";
        let t = read_text("a.md", text, None).unwrap();
        assert_eq!(t.source, "Harbour Wire");
        assert_eq!(t.date.as_deref(), Some("2025-03-01"));
        assert_eq!(t.body, "The bridge closed.\n");
        assert_eq!(
            read_text("a.md", text, Some("Other")).unwrap().source,
            "Other"
        );
        assert!(read_text("a.md", "No front matter.", None).is_err());
        assert!(read_text("a.md", "---\nsource: [\n---\nx\n", None).is_err());
        assert!(read_text("a.md", "---\nsource: X\n---\n\n", None).is_err());
    }

    #[test]
    fn dates_are_calendar_dates() {
        for (given, stored) in [
            ("2025-03-01", "2025-03-01"),
            ("2024-02-29", "2024-02-29"),
            ("2025-03-01T09:30:00Z", "2025-03-01"),
            ("2025-03-01 09:30", "2025-03-01"),
        ] {
            assert_eq!(archive_date(given).as_deref(), Ok(stored), "{given}");
        }
        for bad in [
            "March 3",
            "2025-3-1",
            "2025-02-29",
            "2025-13-01",
            "2025-04-31",
            "01/03/2025",
            "2025-03-01junk",
            "2025-03-01T",
        ] {
            let err = archive_date(bad).unwrap_err();
            assert!(err.contains("is not a date"), "{bad}: {err}");
        }
        let text = "---\nsource: S\ndate: yesterday\n---\nThe bridge closed.\n";
        assert!(
            read_text("a.md", text, None)
                .unwrap_err()
                .contains("`yesterday`")
        );
    }

    #[test]
    fn a_nul_in_front_matter_is_refused() {
        let text = "---\nsource: \"Harbour\\0Wire\"\n---\nThe bridge closed.\n";
        let err = read_text("a.md", text, None).unwrap_err();
        assert!(err.contains("NUL"), "{err}");
    }

    #[test]
    fn batches_split_by_bytes() {
        let text = |n: usize| {
            prepare(NewText {
                source: "S".into(),
                path: format!("{n}.md"),
                date: None,
                body: "word ".repeat(n),
            })
        };
        // 500 + 500 + 400 bytes fit in 1,400; 1,000 more starts a new batch; a text over the
        // limit is a batch alone.
        let texts = vec![
            text(100),
            text(100),
            text(80),
            text(200),
            text(400),
            text(10),
        ];
        let sizes: Vec<Vec<usize>> = split_by_bytes(texts, 1400)
            .iter()
            .map(|b| b.iter().map(|p| p.text.body.len()).collect())
            .collect();
        assert_eq!(
            sizes,
            vec![vec![500, 500, 400], vec![1000], vec![2000], vec![50]]
        );
        assert!(split_by_bytes(Vec::new(), 10).is_empty());
    }

    #[test]
    fn the_same_body_has_one_digest() {
        let a = "The first line of the text.  \r\nAnd the second line of it.\n";
        let b = "\nThe first line of the text.\nAnd the second line of it.";
        let a = prepare(read_text("a.md", a, Some("S")).unwrap());
        let b = prepare(read_text("b.md", b, Some("T")).unwrap());
        assert_eq!(a.digest, b.digest);
        assert_eq!(a.words, 12);
        assert!(!a.fingerprints.is_empty());
        assert_eq!(a.fingerprints, b.fingerprints);
    }
}
