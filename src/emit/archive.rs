//! What the `archive` commands print: the line that says what `add`, `remove` or `reindex` did,
//! and `archive stats` as a table, one line or JSON. Problems go to stderr from the command.

use std::io::{self, Write};

use crate::archive::{Added, FINGERPRINT_FORMAT, Location, Stats};
use crate::emit::ListFormat;
use crate::report::plural_of;
use crate::visible::visible;

/// What an `archive` command changed.
pub enum Done {
    Added {
        added: Added,
        /// Files that could not be read (each already reported).
        failed: usize,
        /// Bytes of text read, for the rate.
        bytes: usize,
        seconds: f64,
        location: Location,
    },
    Removed {
        texts: usize,
        location: Location,
    },
    Reindexed {
        texts: usize,
        seconds: f64,
        location: Location,
    },
}

/// The one line saying what was done.
pub fn done(done: &Done, out: &mut dyn Write) -> io::Result<()> {
    match done {
        Done::Added {
            added,
            failed,
            bytes,
            seconds,
            location,
        } => {
            let unread = if *failed > 0 {
                format!(", {failed} could not be read")
            } else {
                String::new()
            };
            writeln!(
                out,
                "added {} ({} already archived{unread}) in {seconds:.1} s, {:.1} MB/s, to {location}",
                plural_of(added.added, "text"),
                added.duplicates,
                *bytes as f64 / 1e6 / seconds.max(1e-9),
            )
        }
        Done::Removed { texts, location } => {
            writeln!(out, "removed {} from {location}", plural_of(*texts, "text"))
        }
        Done::Reindexed {
            texts,
            seconds,
            location,
        } => writeln!(
            out,
            "reindexed {} in {location} (fingerprint format {FINGERPRINT_FORMAT}) in {seconds:.1} s",
            plural_of(*texts, "text"),
        ),
    }
}

/// `archive stats`.
pub fn stats(stats: &Stats, format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &StatsJson { version: 1, stats })?;
            writeln!(out)
        }
        ListFormat::Short => writeln!(
            out,
            "{}: {} texts, {} words, {} sources, {:.1} MiB",
            stats.location,
            stats.texts,
            stats.words,
            stats.sources.len(),
            mib(stats.size_bytes)
        ),
        ListFormat::Human => table(stats, out),
    }
}

#[derive(serde::Serialize)]
struct StatsJson<'a> {
    version: u32,
    #[serde(flatten)]
    stats: &'a Stats,
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1048576.0
}

fn table(stats: &Stats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "archive {} (schema {}, fingerprint format {})",
        stats.location, stats.schema_version, stats.fingerprint_format
    )?;
    let dates = match (&stats.oldest, &stats.newest) {
        (Some(a), Some(b)) => format!(", dated {} to {}", visible(a), visible(b)),
        _ => String::new(),
    };
    writeln!(
        out,
        "  texts         {} from {}{dates}",
        stats.texts,
        plural_of(stats.sources.len(), "source")
    )?;
    writeln!(out, "  words         {}", stats.words)?;
    writeln!(out, "  text          {:.1} MiB", mib(stats.text_bytes))?;
    writeln!(out, "  fingerprints  {}", stats.fingerprints)?;
    let ratio = if stats.text_bytes > 0 {
        format!(
            " ({:.2} MiB per MiB of text)",
            stats.size_bytes as f64 / stats.text_bytes as f64
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "  size          {:.1} MiB{ratio}",
        mib(stats.size_bytes)
    )?;
    for s in stats.sources.iter().take(10) {
        writeln!(out, "  {:>8}  {}", s.texts, visible(&s.source))?;
    }
    if stats.sources.len() > 10 {
        writeln!(out, "  … and {} more sources", stats.sources.len() - 10)?;
    }
    Ok(())
}
