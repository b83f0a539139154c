//! The archive in PostgreSQL, for a newsroom where many CI runners and editors share one index.
//! Same tables as the SQLite store (prefixed `fairlint_`, so a shared database is fine); texts
//! are inserted in one statement per batch and fingerprints streamed with binary COPY, because
//! row-by-row inserts over the network would dominate an archive load. Texts go in digest order,
//! so that concurrent adds of overlapping texts queue instead of deadlocking. Connecting (libpq's
//! settings, deadlines, TLS) is `connect`'s.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use postgres::Client;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::error::SqlState;
use postgres::types::Type;

use super::connect::{self, Failure};
use super::conninfo;
use super::{
    Added, ArchiveError, ArchivedText, FINGERPRINT_FORMAT, Location, MAX_POSTINGS, MIGRATIONS,
    Prepared, Removal, SCHEMA_VERSION, SourceCount, Stats, Store, check_version, fingerprints_of,
    record_format_sql, record_version_sql,
};

/// Serialises migrations between processes that open a new archive at the same moment.
const MIGRATION_LOCK: i64 = 0x6661_6972_6c69_6e74; // "fairlint"

/// A batch that lost a deadlock or a serialisation conflict to another writer is tried again
/// this many times in all, waiting longer each time.
const ATTEMPTS: u32 = 6;

pub(crate) struct PostgresStore {
    location: Location,
    client: Client,
}

impl PostgresStore {
    pub fn open(url: &str) -> Result<PostgresStore, ArchiveError> {
        let location = Location::Postgres(url.to_string());
        let settings = connect::settings(url).map_err(|e| {
            let what = if conninfo::is_url(url) {
                "is not a valid PostgreSQL URL"
            } else {
                "is not a valid PostgreSQL connection string"
            };
            ArchiveError::new(&location, format!("{what}: {e}"))
        })?;
        settings.warnings.iter().for_each(|w| warn_once(w));
        let client = connect::connect(settings).map_err(|failure| {
            let message = match failure {
                Failure::Settings(m) => m,
                Failure::TimedOut(after) => format!(
                    "cannot connect: timed out after {} s waiting for the server",
                    after.as_secs_f64()
                ),
                Failure::Driver(e) => format!("cannot connect: {}", detail(&e)),
            };
            ArchiveError::new(&location, message).with_help(
                "is the server running and the location right (postgres://USER@HOST:PORT/DATABASE, or host=… dbname=…)? The password can come from PGPASSWORD or ~/.pgpass",
            )
        })?;
        let mut store = PostgresStore { location, client };
        store.migrate()?;
        Ok(store)
    }

    fn error(&self, err: postgres::Error) -> ArchiveError {
        ArchiveError::new(&self.location, detail(&err))
    }

    fn migrate(&mut self) -> Result<(), ArchiveError> {
        let location = self.location.clone();
        let fail = |e: postgres::Error| ArchiveError::new(&location, detail(&e));
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(fail)?;
        let exists: bool = tx
            .query_one("SELECT to_regclass('fairlint_schema') IS NOT NULL", &[])
            .map_err(fail)?
            .get(0);
        let found: i64 = if exists {
            tx.query_opt("SELECT version FROM fairlint_schema", &[])
                .map_err(fail)?
                .map_or(0, |r| r.get(0))
        } else {
            0
        };
        check_version(&location, found)?;
        if found == SCHEMA_VERSION {
            return tx.commit().map_err(fail);
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > found) {
            tx.batch_execute(m.postgres).map_err(|e| {
                ArchiveError::new(
                    &location,
                    format!("migration {}: {}", m.version, detail(&e)),
                )
            })?;
        }
        tx.batch_execute(&record_version_sql("BIGINT"))
            .map_err(fail)?;
        if found == 0 {
            tx.batch_execute(&record_format_sql()).map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// One attempt at writing a batch, in one transaction.
    fn add_once(&mut self, unique: &[&Prepared]) -> Result<HashMap<Vec<u8>, i64>, postgres::Error> {
        let mut tx = self.client.transaction()?;
        let digests: Vec<&[u8]> = unique.iter().map(|p| p.digest.as_slice()).collect();
        let sources: Vec<&str> = unique.iter().map(|p| p.text.source.as_str()).collect();
        let paths: Vec<&str> = unique.iter().map(|p| p.text.path.as_str()).collect();
        let dates: Vec<Option<&str>> = unique.iter().map(|p| p.text.date.as_deref()).collect();
        let words: Vec<i64> = unique.iter().map(|p| p.words as i64).collect();
        let bytes: Vec<i64> = unique.iter().map(|p| p.text.body.len() as i64).collect();
        let bodies: Vec<&str> = unique.iter().map(|p| p.text.body.as_str()).collect();
        // WITH ORDINALITY keeps the rows in the (sorted) order given.
        let rows = tx.query(
            "INSERT INTO fairlint_texts (digest, source, path, date, words, bytes, body)
             SELECT d, s, p, dt, w, b, t
             FROM unnest($1::bytea[], $2::text[], $3::text[], $4::text[],
                         $5::int8[], $6::int8[], $7::text[])
                  WITH ORDINALITY AS u(d, s, p, dt, w, b, t, n)
             ORDER BY n
             ON CONFLICT (digest) DO NOTHING
             RETURNING id, digest",
            &[&digests, &sources, &paths, &dates, &words, &bytes, &bodies],
        )?;
        let ids: HashMap<Vec<u8>, i64> = rows
            .iter()
            .map(|r| (r.get::<_, Vec<u8>>(1), r.get::<_, i64>(0)))
            .collect();
        let sink =
            tx.copy_in("COPY fairlint_fingerprints (hash, text_id) FROM STDIN (FORMAT binary)")?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8]);
        for p in unique {
            let Some(id) = ids.get(&p.digest) else {
                continue;
            };
            for hash in &p.fingerprints {
                writer.write(&[hash, id])?;
            }
        }
        writer.finish()?;
        tx.commit()?;
        Ok(ids)
    }
}

/// Says a warning about the settings once per run, however many connections the pool opens.
/// The store has no emitter to hand it to; stderr is never the language server's protocol
/// channel.
fn warn_once(warning: &str) {
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(PoisonError::into_inner);
    if !said.iter().any(|w| w == warning) {
        eprintln!("fairlint: warning: {warning}");
        said.push(warning.to_string());
    }
}

/// The driver's whole story: the server's own message when there is one ("password
/// authentication failed…"), else the error and each of its causes ("error connecting to
/// server: Connection refused"), which the driver's own message leaves out.
fn detail(err: &postgres::Error) -> String {
    if let Some(db) = err.as_db_error() {
        return db.message().to_string();
    }
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
}

/// A conflict with another writer that a later attempt can win: a deadlock, or a serialisation
/// failure.
fn lost_to_another_writer(err: &postgres::Error) -> bool {
    matches!(
        err.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

/// The wait before attempt `attempt` (from 1): 50 ms doubling, with a jitter from the clock so
/// that two writers that collided do not collide again in step.
fn backoff(attempt: u32) -> Duration {
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() % 50_000_000);
    Duration::from_millis(50 << attempt.min(6)) + Duration::from_nanos(u64::from(jitter))
}

impl Store for PostgresStore {
    fn add(&mut self, batch: &[Prepared]) -> Result<Added, ArchiveError> {
        // A text twice in one batch is one text; the first path wins, as it would across batches.
        let mut seen = std::collections::HashSet::new();
        let mut unique: Vec<&Prepared> = batch.iter().filter(|p| seen.insert(&p.digest)).collect();
        // Every writer takes the digests' index entries in the same order, so two adds of
        // overlapping texts wait for each other instead of deadlocking.
        unique.sort_by(|a, b| a.digest.cmp(&b.digest));
        let mut attempt = 1;
        let ids = loop {
            match self.add_once(&unique) {
                Ok(ids) => break ids,
                Err(e) if lost_to_another_writer(&e) && attempt < ATTEMPTS => {
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                }
                Err(e) => return Err(self.error(e)),
            }
        };
        Ok(Added {
            added: ids.len(),
            duplicates: batch.len() - ids.len(),
        })
    }

    fn remove(&mut self, which: &Removal) -> Result<usize, ArchiveError> {
        let location = self.location.clone();
        let fail = |e: postgres::Error| ArchiveError::new(&location, detail(&e));
        let mut tx = self.client.transaction().map_err(fail)?;
        let rows = match which {
            Removal::Ids(ids) => tx.query(
                "SELECT id, body FROM fairlint_texts WHERE id = ANY($1) FOR UPDATE",
                &[ids],
            ),
            Removal::Paths(paths) => tx.query(
                "SELECT id, body FROM fairlint_texts WHERE path = ANY($1) FOR UPDATE",
                &[paths],
            ),
            Removal::Source(source) => tx.query(
                "SELECT id, body FROM fairlint_texts WHERE source = $1 FOR UPDATE",
                &[source],
            ),
        }
        .map_err(fail)?;
        let mut removed = 0;
        for row in rows {
            let (id, body): (i64, String) = (row.get(0), row.get(1));
            let hashes = fingerprints_of(&body);
            tx.execute(
                "DELETE FROM fairlint_fingerprints WHERE text_id = $1 AND hash = ANY($2)",
                &[&id, &hashes],
            )
            .map_err(fail)?;
            removed += tx
                .execute("DELETE FROM fairlint_texts WHERE id = $1", &[&id])
                .map_err(fail)? as usize;
        }
        tx.commit().map_err(fail)?;
        Ok(removed)
    }

    fn stats(&mut self) -> Result<Stats, ArchiveError> {
        let totals = self
            .client
            .query_one(
                // Only dates in YYYY-MM-DD form, which compare as dates; an archive from before
                // dates were checked may hold free text there.
                "SELECT count(*), coalesce(sum(words), 0)::int8, coalesce(sum(bytes), 0)::int8,
                        min(date) FILTER (WHERE date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                        max(date) FILTER (WHERE date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
                 FROM fairlint_texts",
                &[],
            )
            .map_err(|e| self.error(e))?;
        let fingerprints: i64 = self
            .client
            .query_one("SELECT count(*) FROM fairlint_fingerprints", &[])
            .map_err(|e| self.error(e))?
            .get(0);
        let size: i64 = self
            .client
            .query_one(
                "SELECT pg_total_relation_size('fairlint_texts')
                      + pg_total_relation_size('fairlint_fingerprints')",
                &[],
            )
            .map_err(|e| self.error(e))?
            .get(0);
        let sources = self
            .client
            .query(
                "SELECT source, count(*) AS n FROM fairlint_texts GROUP BY source
                 ORDER BY n DESC, source",
                &[],
            )
            .map_err(|e| self.error(e))?
            .iter()
            .map(|r| SourceCount {
                source: r.get(0),
                texts: r.get::<_, i64>(1) as u64,
            })
            .collect();
        Ok(Stats {
            location: self.location.to_string(),
            schema_version: SCHEMA_VERSION,
            fingerprint_format: self.fingerprint_format()?,
            texts: totals.get::<_, i64>(0) as u64,
            words: totals.get::<_, i64>(1) as u64,
            text_bytes: totals.get::<_, i64>(2) as u64,
            fingerprints: fingerprints as u64,
            size_bytes: size as u64,
            sources,
            oldest: totals.get(3),
            newest: totals.get(4),
        })
    }

    fn candidates(
        &mut self,
        kgrams: &[i64],
        limit: usize,
    ) -> Result<Vec<(i64, u64)>, ArchiveError> {
        // Two single-table queries, each an index scan on `hash`: a join of the table with
        // itself tempts the planner into scanning all of it, which grows with the archive.
        let usable: Vec<i64> = self
            .client
            .query(
                "SELECT hash FROM fairlint_fingerprints WHERE hash = ANY($1)
                 GROUP BY hash HAVING count(*) <= $2",
                &[&kgrams, &MAX_POSTINGS],
            )
            .map_err(|e| self.error(e))?
            .iter()
            .map(|r| r.get(0))
            .collect();
        if usable.is_empty() {
            return Ok(Vec::new());
        }
        let rows = self
            .client
            .query(
                "SELECT text_id, count(*) AS shared FROM fairlint_fingerprints
                 WHERE hash = ANY($1)
                 GROUP BY text_id ORDER BY shared DESC, text_id LIMIT $2",
                &[&usable, &(limit as i64)],
            )
            .map_err(|e| self.error(e))?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, i64>(0), r.get::<_, i64>(1) as u64))
            .collect())
    }

    fn fingerprint_format(&mut self) -> Result<i64, ArchiveError> {
        self.client
            .query_one("SELECT fingerprints FROM fairlint_format", &[])
            .map(|r| r.get(0))
            .map_err(|e| self.error(e))
    }

    fn reindex(&mut self) -> Result<usize, ArchiveError> {
        let location = self.location.clone();
        let fail = |e: postgres::Error| ArchiveError::new(&location, detail(&e));
        let mut tx = self.client.transaction().map_err(fail)?;
        let ids: Vec<i64> = tx
            .query("SELECT id FROM fairlint_texts ORDER BY id FOR UPDATE", &[])
            .map_err(fail)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        tx.execute("DELETE FROM fairlint_fingerprints", &[])
            .map_err(fail)?;
        let mut rows: Vec<(i64, i64)> = Vec::new();
        for chunk in ids.chunks(500) {
            let texts = tx
                .query(
                    "SELECT id, body FROM fairlint_texts WHERE id = ANY($1)",
                    &[&chunk],
                )
                .map_err(fail)?;
            let mut counted: Vec<(i64, i64)> = Vec::with_capacity(texts.len());
            for row in &texts {
                let id: i64 = row.get(0);
                let (count, hashes) = super::index_body(row.get::<_, &str>(1));
                counted.push((id, count as i64));
                rows.extend(hashes.into_iter().map(|hash| (hash, id)));
            }
            let (text_ids, words): (Vec<i64>, Vec<i64>) = counted.into_iter().unzip();
            tx.execute(
                "UPDATE fairlint_texts t SET words = u.words
                 FROM unnest($1::int8[], $2::int8[]) AS u(id, words) WHERE t.id = u.id",
                &[&text_ids, &words],
            )
            .map_err(fail)?;
        }
        rows.sort_unstable();
        rows.dedup();
        let sink = tx
            .copy_in("COPY fairlint_fingerprints (hash, text_id) FROM STDIN (FORMAT binary)")
            .map_err(fail)?;
        let mut writer = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8]);
        for (hash, id) in &rows {
            writer.write(&[hash, id]).map_err(fail)?;
        }
        writer.finish().map_err(fail)?;
        tx.execute(
            "UPDATE fairlint_format SET fingerprints = $1",
            &[&FINGERPRINT_FORMAT],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(ids.len())
    }

    fn texts(&mut self, ids: &[i64]) -> Result<Vec<ArchivedText>, ArchiveError> {
        let rows = self
            .client
            .query(
                "SELECT id, source, path, date, body FROM fairlint_texts WHERE id = ANY($1)",
                &[&ids],
            )
            .map_err(|e| self.error(e))?;
        let mut found: HashMap<i64, ArchivedText> = rows
            .iter()
            .map(|r| {
                let text = ArchivedText {
                    id: r.get(0),
                    source: r.get(1),
                    path: r.get(2),
                    date: r.get(3),
                    body: r.get(4),
                };
                (text.id, text)
            })
            .collect();
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }
}
