//! The archive in one local SQLite file: nothing to install or run, and the file can be copied,
//! backed up or committed like any other. Write-ahead logging lets a check read while `archive
//! add` writes, and makes a committed batch survive a killed process. The page cache is set to
//! 256 MiB: fingerprints arrive in hash order, which is random order for the B-tree, and with
//! SQLite's default 2 MiB cache a large `add` spends its time re-reading pages.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::{
    Added, ArchiveError, ArchivedText, FINGERPRINT_FORMAT, Location, MAX_POSTINGS, MIGRATIONS,
    Prepared, Removal, SCHEMA_VERSION, SourceCount, Stats, Store, check_version, fingerprints_of,
    record_format_sql, record_version_sql,
};

/// SQLite's default limit on bound parameters is 32,766; stay well under it.
const PARAMETERS_PER_QUERY: usize = 10_000;

pub(crate) struct SqliteStore {
    location: Location,
    conn: Connection,
}

impl SqliteStore {
    pub fn open(path: &Path, create: bool) -> Result<SqliteStore, ArchiveError> {
        let location = Location::Sqlite(path.to_path_buf());
        if path.is_dir() {
            return Err(
                ArchiveError::new(&location, "is a directory, not an archive file").with_help(
                    format!(
                        "name a file for the archive, such as {}",
                        path.join("archive.db").display()
                    ),
                ),
            );
        }
        if !path.exists() {
            if !create {
                return Err(ArchiveError::new(&location, "no archive here").with_help(
                    "create one with `fairlint archive add --archive PATH FILES…`, or check the path",
                ));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    ArchiveError::new(&location, format!("cannot create {}: {e}", dir.display()))
                })?;
            }
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| ArchiveError::new(&location, format!("cannot open: {e}")))?;
        let mut store = SqliteStore { location, conn };
        store
            .conn
            .busy_timeout(Duration::from_secs(30))
            .map_err(|e| store.error(e))?;
        store.migrate()?;
        // Set after the version check, so that an archive this build refuses is not changed.
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144;",
            )
            .map_err(|e| store.error(e))?;
        Ok(store)
    }

    fn error(&self, err: rusqlite::Error) -> ArchiveError {
        sqlite_error(&self.location, err)
    }

    /// The schema version, or 0 for an empty database. A database with other tables and no
    /// version is not an archive and is left alone.
    fn version(&self) -> Result<i64, ArchiveError> {
        let tables: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))?;
        let has_version: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'fairlint_schema'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.error(e))?
            > 0;
        if !has_version {
            if tables > 0 {
                return Err(ArchiveError::new(
                    &self.location,
                    "is an SQLite database but not a fairlint archive",
                )
                .with_help("point --archive at another file; fairlint did not change this one"));
            }
            return Ok(0);
        }
        self.conn
            .query_row("SELECT version FROM fairlint_schema", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
            .map(|v| v.unwrap_or(0))
    }

    fn migrate(&mut self) -> Result<(), ArchiveError> {
        let found = self.version()?;
        check_version(&self.location, found)?;
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let location = self.location.clone();
        let fail = |e: rusqlite::Error| sqlite_error(&location, e);
        let tx = self.begin()?;
        // Another process may have created or migrated the archive since the version was read.
        let found: i64 = tx
            .query_row(
                "SELECT coalesce((SELECT version FROM fairlint_schema), 0)",
                [],
                |r| r.get(0),
            )
            .unwrap_or(found);
        for m in MIGRATIONS.iter().filter(|m| m.version > found) {
            tx.execute_batch(m.sqlite).map_err(|e| {
                ArchiveError::new(&location, format!("migration {}: {e}", m.version))
            })?;
        }
        tx.execute_batch(&record_version_sql("INTEGER"))
            .map_err(fail)?;
        if found == 0 {
            tx.execute_batch(&record_format_sql()).map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// A write transaction, taken at once so that two writers queue instead of failing half way.
    fn begin(&mut self) -> Result<rusqlite::Transaction<'_>, ArchiveError> {
        let location = self.location.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sqlite_error(&location, e))
    }

    fn removal_targets(&self, which: &Removal) -> Result<Vec<(i64, String)>, ArchiveError> {
        let (sql, values): (&str, Vec<rusqlite::types::Value>) = match which {
            Removal::Ids(ids) => (
                "SELECT id, body FROM fairlint_texts WHERE id = ?",
                ids.iter().map(|i| (*i).into()).collect(),
            ),
            Removal::Paths(paths) => (
                "SELECT id, body FROM fairlint_texts WHERE path = ?",
                paths.iter().map(|p| p.clone().into()).collect(),
            ),
            Removal::Source(source) => (
                "SELECT id, body FROM fairlint_texts WHERE source = ?",
                vec![source.clone().into()],
            ),
        };
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.error(e))?;
        let mut out = Vec::new();
        for value in values {
            let rows = stmt
                .query_map([value], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.error(e))?;
            for row in rows {
                out.push(row.map_err(|e| self.error(e))?);
            }
        }
        Ok(out)
    }
}

/// Every SQLite error as an archive error; a damaged file says so whichever statement met it.
fn sqlite_error(location: &Location, err: rusqlite::Error) -> ArchiveError {
    let damaged = matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    );
    if damaged {
        return ArchiveError::new(
            location,
            format!("is not an SQLite database, or is damaged ({err})"),
        )
        .with_help(
            "restore it from a backup or point --archive at another file; fairlint did not change it",
        );
    }
    ArchiveError::new(location, err.to_string())
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

impl Store for SqliteStore {
    fn add(&mut self, batch: &[Prepared]) -> Result<Added, ArchiveError> {
        let location = self.location.clone();
        let fail = |e: rusqlite::Error| sqlite_error(&location, e);
        let tx = self.begin()?;
        let mut added = Added::default();
        {
            let mut text = tx
                .prepare_cached(
                    "INSERT INTO fairlint_texts (digest, source, path, date, words, bytes, body)
                     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                )
                .map_err(fail)?;
            let mut fingerprint = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO fairlint_fingerprints (hash, text_id) VALUES (?, ?)",
                )
                .map_err(fail)?;
            // Fingerprints are inserted after the texts, in hash order: in arrival order each
            // would land on a random page of the index, and every page touched is written to
            // the log again at commit.
            let mut rows: Vec<(i64, i64)> = Vec::new();
            for p in batch {
                let inserted = text
                    .execute(params![
                        p.digest,
                        p.text.source,
                        p.text.path,
                        p.text.date,
                        p.words as i64,
                        p.text.body.len() as i64,
                        p.text.body,
                    ])
                    .map_err(fail)?;
                if inserted == 0 {
                    added.duplicates += 1;
                    continue;
                }
                let id = tx.last_insert_rowid();
                rows.extend(p.fingerprints.iter().map(|&hash| (hash, id)));
                added.added += 1;
            }
            rows.sort_unstable();
            for (hash, id) in rows {
                fingerprint.execute(params![hash, id]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(added)
    }

    fn remove(&mut self, which: &Removal) -> Result<usize, ArchiveError> {
        let targets = self.removal_targets(which)?;
        let location = self.location.clone();
        let fail = |e: rusqlite::Error| sqlite_error(&location, e);
        let tx = self.begin()?;
        let mut removed = 0;
        {
            let mut fingerprint = tx
                .prepare_cached("DELETE FROM fairlint_fingerprints WHERE hash = ? AND text_id = ?")
                .map_err(fail)?;
            let mut text = tx
                .prepare_cached("DELETE FROM fairlint_texts WHERE id = ?")
                .map_err(fail)?;
            for (id, body) in &targets {
                for hash in fingerprints_of(body) {
                    fingerprint.execute(params![hash, id]).map_err(fail)?;
                }
                removed += text.execute(params![id]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(removed)
    }

    fn stats(&mut self) -> Result<Stats, ArchiveError> {
        let fingerprint_format = self.fingerprint_format()?;
        let c = &self.conn;
        let (texts, words, text_bytes, oldest, newest): (i64, i64, i64, Option<String>, Option<String>) = c
            .query_row(
                // Only dates in YYYY-MM-DD form, which compare as dates; an archive from before
                // dates were checked may hold free text there.
                "SELECT count(*), coalesce(sum(words), 0), coalesce(sum(bytes), 0),
                        min(CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date END),
                        max(CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date END)
                 FROM fairlint_texts",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .map_err(|e| self.error(e))?;
        let fingerprints: i64 = c
            .query_row("SELECT count(*) FROM fairlint_fingerprints", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.error(e))?;
        let pages: i64 = c
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(|e| self.error(e))?;
        let page_size: i64 = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(|e| self.error(e))?;
        let mut stmt = c
            .prepare(
                "SELECT source, count(*) AS n FROM fairlint_texts GROUP BY source
                 ORDER BY n DESC, source",
            )
            .map_err(|e| self.error(e))?;
        let sources = stmt
            .query_map([], |r| {
                Ok(SourceCount {
                    source: r.get(0)?,
                    texts: r.get::<_, i64>(1)? as u64,
                })
            })
            .map_err(|e| self.error(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        Ok(Stats {
            location: self.location.to_string(),
            schema_version: SCHEMA_VERSION,
            fingerprint_format,
            texts: texts as u64,
            words: words as u64,
            text_bytes: text_bytes as u64,
            fingerprints: fingerprints as u64,
            size_bytes: (pages * page_size) as u64,
            sources,
            oldest,
            newest,
        })
    }

    fn candidates(
        &mut self,
        kgrams: &[i64],
        limit: usize,
    ) -> Result<Vec<(i64, u64)>, ArchiveError> {
        let mut shared: HashMap<i64, u64> = HashMap::new();
        for chunk in kgrams.chunks(PARAMETERS_PER_QUERY) {
            let list = placeholders(chunk.len());
            let sql = format!(
                "SELECT text_id, count(*) FROM fairlint_fingerprints
                 WHERE hash IN (
                     SELECT hash FROM fairlint_fingerprints WHERE hash IN ({list})
                     GROUP BY hash HAVING count(*) <= {MAX_POSTINGS})
                 GROUP BY text_id"
            );
            let mut stmt = self.conn.prepare(&sql).map_err(|e| self.error(e))?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(chunk), |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })
                .map_err(|e| self.error(e))?;
            for row in rows {
                let (id, n) = row.map_err(|e| self.error(e))?;
                *shared.entry(id).or_default() += n as u64;
            }
        }
        let mut out: Vec<(i64, u64)> = shared.into_iter().collect();
        out.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        out.truncate(limit);
        Ok(out)
    }

    fn fingerprint_format(&mut self) -> Result<i64, ArchiveError> {
        self.conn
            .query_row("SELECT fingerprints FROM fairlint_format", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    fn reindex(&mut self) -> Result<usize, ArchiveError> {
        let location = self.location.clone();
        let fail = |e: rusqlite::Error| sqlite_error(&location, e);
        let tx = self.begin()?;
        let ids: Vec<i64> = {
            let mut stmt = tx
                .prepare("SELECT id FROM fairlint_texts ORDER BY id")
                .map_err(fail)?;
            stmt.query_map([], |r| r.get(0))
                .map_err(fail)?
                .collect::<Result<_, _>>()
                .map_err(fail)?
        };
        tx.execute("DELETE FROM fairlint_fingerprints", [])
            .map_err(fail)?;
        {
            let mut body = tx
                .prepare_cached("SELECT body FROM fairlint_texts WHERE id = ?")
                .map_err(fail)?;
            let mut words = tx
                .prepare_cached("UPDATE fairlint_texts SET words = ? WHERE id = ?")
                .map_err(fail)?;
            let mut fingerprint = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO fairlint_fingerprints (hash, text_id) VALUES (?, ?)",
                )
                .map_err(fail)?;
            // In hash order, as `add` inserts them.
            let mut rows: Vec<(i64, i64)> = Vec::new();
            for &id in &ids {
                let text: String = body.query_row([id], |r| r.get(0)).map_err(fail)?;
                let (count, hashes) = super::index_body(&text);
                words.execute(params![count as i64, id]).map_err(fail)?;
                rows.extend(hashes.into_iter().map(|hash| (hash, id)));
            }
            rows.sort_unstable();
            for (hash, id) in rows {
                fingerprint.execute(params![hash, id]).map_err(fail)?;
            }
        }
        tx.execute(
            "UPDATE fairlint_format SET fingerprints = ?",
            [FINGERPRINT_FORMAT],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(ids.len())
    }

    fn texts(&mut self, ids: &[i64]) -> Result<Vec<ArchivedText>, ArchiveError> {
        let mut found: HashMap<i64, ArchivedText> = HashMap::new();
        for chunk in ids.chunks(PARAMETERS_PER_QUERY) {
            let sql = format!(
                "SELECT id, source, path, date, body FROM fairlint_texts WHERE id IN ({})",
                placeholders(chunk.len())
            );
            let mut stmt = self.conn.prepare(&sql).map_err(|e| self.error(e))?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(chunk), |r| {
                    Ok(ArchivedText {
                        id: r.get(0)?,
                        source: r.get(1)?,
                        path: r.get(2)?,
                        date: r.get(3)?,
                        body: r.get(4)?,
                    })
                })
                .map_err(|e| self.error(e))?;
            for row in rows {
                let text = row.map_err(|e| self.error(e))?;
                found.insert(text.id, text);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }
}
