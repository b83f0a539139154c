//! `fairlint archive add | stats | remove | reindex`: filling and inspecting the archive that `check
//! --archive` compares articles with. Reading and fingerprinting happen in parallel outside the
//! transaction; each batch is then written in one, so a stopped run keeps every batch it
//! finished and nothing half-written.

use std::io::{self, IsTerminal};
use std::time::Instant;

use rayon::prelude::*;

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, report_setup_error};
use crate::archive::{self, Added, ArchiveError, Location, Prepared, Removal, Store};
use crate::cli::{
    ArchiveAddArgs, ArchiveCommand, ArchiveLocation, ArchiveReindexArgs, ArchiveRemoveArgs,
    ArchiveStatsArgs,
};
use crate::emit::{self, archive::Done};
use crate::input::{self, Input, Loaded};
use crate::originals::project_root;
use crate::visible::visible;

pub fn run(command: ArchiveCommand) -> io::Result<u8> {
    match command {
        ArchiveCommand::Add(args) => add(args),
        ArchiveCommand::Stats(args) => stats(args),
        ArchiveCommand::Remove(args) => remove(args),
        ArchiveCommand::Reindex(args) => reindex(args),
    }
}

fn location(args: &ArchiveLocation) -> Location {
    Location::named_or_default(args.archive.as_deref(), &project_root(None)).0
}

fn open(args: &ArchiveLocation, create: bool) -> Result<Box<dyn Store>, ArchiveError> {
    let (location, default) =
        Location::named_or_default(args.archive.as_deref(), &project_root(None));
    if default {
        check_default(&location)?;
    }
    archive::open(&location, create)
}

/// The default archive is found, not named, so it is held to the project root like a found
/// config: `.fairlint/archive.db` (or its folder) committed as a symlink pointing out, or as
/// something other than a regular file, is refused.
fn check_default(location: &Location) -> Result<(), ArchiveError> {
    let Location::Sqlite(path) = location else {
        return Ok(());
    };
    let root = project_root(None);
    for place in [path.as_path(), path.parent().unwrap_or(path)] {
        let Ok(meta) = std::fs::symlink_metadata(place) else {
            continue;
        };
        crate::untrusted::require_inside(place, &root)
            .map_err(|reason| ArchiveError::new(location, reason))?;
        if place == path && !std::fs::metadata(place).is_ok_and(|m| m.is_file()) {
            let what = if meta.is_dir() {
                "a directory"
            } else {
                "not a regular file"
            };
            return Err(ArchiveError::new(
                location,
                format!("is {what}; fairlint does not open it"),
            ));
        }
    }
    Ok(())
}

fn add(args: ArchiveAddArgs) -> io::Result<u8> {
    let started = Instant::now();
    let mut store = match open(&args.location, true) {
        Ok(store) => store,
        Err(err) => return report_setup_error(&err),
    };
    let mut failed = 0;
    // Symlinked texts inside a folder are taken, others named: none is left out silently.
    let inputs: Vec<Input> = input::collect_with(&args.paths, None, input::Links::FollowInside)
        .into_iter()
        .filter_map(|input| match input {
            Ok(input) => Some(input),
            Err(err) => {
                failed += 1;
                eprintln!("  × {}: {}", visible(&err.path), visible(&err.message));
                None
            }
        })
        .collect();
    let mut total = Added::default();
    let mut bytes = 0;
    let mut done = 0;
    // A large add takes minutes: show where it is, on a terminal only (CI logs stay clean).
    let progress = io::stderr().is_terminal() && inputs.len() > args.batch_size as usize;
    for batch in inputs.chunks(args.batch_size as usize) {
        let read: Vec<Result<Prepared, (String, String)>> = batch
            .par_iter()
            .map(|input| read_one(input, args.source.as_deref()))
            .collect();
        let mut prepared = Vec::with_capacity(read.len());
        for result in read {
            match result {
                Ok(p) => prepared.push(p),
                Err((path, message)) => {
                    failed += 1;
                    eprintln!("  × {}: {}", visible(&path), visible(&message));
                }
            }
        }
        bytes += prepared.iter().map(|p| p.text.body.len()).sum::<usize>();
        for part in archive::split_by_bytes(prepared, archive::MAX_BATCH_BYTES) {
            match store.add(&part) {
                Ok(added) => {
                    total.added += added.added;
                    total.duplicates += added.duplicates;
                }
                Err(err) => {
                    // Batches already written stay; this one is rolled back whole.
                    eprintln!(
                        "fairlint: stopped after {} texts; the batch being written was not added",
                        total.added
                    );
                    return report_setup_error(&err);
                }
            }
        }
        done += batch.len();
        if progress {
            eprint!(
                "\r  {} of {} files, {} added",
                done,
                inputs.len(),
                total.added
            );
        }
    }
    if progress {
        eprintln!();
    }
    let done = Done::Added {
        added: total,
        failed,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        location: location(&args.location),
    };
    emit::archive::done(&done, &mut io::stdout().lock())?;
    if inputs.is_empty() && failed > 0 {
        return Ok(EXIT_ERROR);
    }
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn read_one(input: &Input, source: Option<&str>) -> Result<Prepared, (String, String)> {
    let path = input.display();
    let text = match input::read(input, true) {
        Ok(Loaded::Text(text)) => text,
        Ok(Loaded::Empty) => return Err((path, "file is empty: nothing to archive".into())),
        Err(err) => return Err((path, err.message)),
    };
    let text = archive::read_text(&path, &text, source).map_err(|m| (path, m))?;
    Ok(archive::prepare(text))
}

fn stats(args: ArchiveStatsArgs) -> io::Result<u8> {
    let stats = match open(&args.location, false).and_then(|mut store| store.stats()) {
        Ok(stats) => stats,
        Err(err) => return report_setup_error(&err),
    };
    emit::archive::stats(&stats, args.format, &mut io::stdout().lock())?;
    Ok(EXIT_CLEAN)
}

fn remove(args: ArchiveRemoveArgs) -> io::Result<u8> {
    let mut removals = Vec::new();
    if !args.paths.is_empty() {
        removals.push(Removal::Paths(args.paths.clone()));
    }
    if !args.id.is_empty() {
        removals.push(Removal::Ids(args.id.clone()));
    }
    if let Some(source) = &args.source {
        removals.push(Removal::Source(source.clone()));
    }
    if removals.is_empty() {
        eprintln!("fairlint: say what to remove: PATH…, --id ID or --source NAME");
        return Ok(EXIT_ERROR);
    }
    let mut store = match open(&args.location, false) {
        Ok(store) => store,
        Err(err) => return report_setup_error(&err),
    };
    let mut removed = 0;
    for which in &removals {
        match store.remove(which) {
            Ok(n) => removed += n,
            Err(err) => return report_setup_error(&err),
        }
    }
    let done = Done::Removed {
        texts: removed,
        location: location(&args.location),
    };
    emit::archive::done(&done, &mut io::stdout().lock())?;
    Ok(if removed == 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn reindex(args: ArchiveReindexArgs) -> io::Result<u8> {
    let started = Instant::now();
    let reindexed = archive::open_for_reindex(&location(&args.location), false)
        .and_then(|mut store| store.reindex());
    match reindexed {
        Ok(texts) => {
            let done = Done::Reindexed {
                texts,
                seconds: started.elapsed().as_secs_f64(),
                location: location(&args.location),
            };
            emit::archive::done(&done, &mut io::stdout().lock())?;
            Ok(EXIT_CLEAN)
        }
        Err(err) => report_setup_error(&err),
    }
}
