//! Runs a parsed command and returns the exit code: 0 clean, 1 findings (or an input problem),
//! 2 usage or config errors, or nothing could be checked. Errors in one file are reported and the
//! run goes on.

mod archive;
mod fix;

use std::collections::BTreeSet;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;

use clap::CommandFactory;

use crate::archive::pool::{POOL_SIZE, Pool};
use crate::check::{Depth, Text, check_article};
use crate::cli::{
    CheckArgs, ClaimsArgs, Cli, Color, Command, FailOn, InputArgs, OutputArg, ReportArgs, RuleArgs,
};
use crate::config::{ConfigError, ConfigFinder, Settings};
use crate::emit::{self, Emitter, Style};
use crate::input::{self, FileError, Input, Loaded};
use crate::originals::{OriginalOptions, load_shared, project_root};
use crate::report::{FileReport, RunReport, Summary};
use crate::rules::{self, Severity};
use crate::run_originals::RunOriginals;
use crate::visible::visible;

pub(crate) const EXIT_CLEAN: u8 = 0;
pub(crate) const EXIT_FINDINGS: u8 = 1;
pub(crate) const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Claims(args) => run_claims(args),
        Command::Report(args) => run_check(report_as_check(args)),
        Command::Rules(args) => {
            let mut out = io::stdout().lock();
            emit::rules::emit_list(rules::builtin(), args.format, &mut out).map(|_| EXIT_CLEAN)
        }
        Command::Explain(args) => run_explain(&args.rule),
        Command::Archive(command) => archive::run(command),
        Command::Completions(args) => print_completions(args.shell),
        Command::Man => print_man_page(),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(code) => Ok(code),
            Err(err) => {
                eprintln!("fairlint lsp: {err}");
                Ok(EXIT_ERROR)
            }
        },
    };
    match result {
        Ok(code) => code,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(err) => {
            eprintln!("fairlint: {err}");
            EXIT_ERROR
        }
    }
}

/// The completion script for `shell`, generated from the same clap definition that parses the
/// arguments, so it cannot fall behind a new flag.
fn print_completions(shell: clap_complete::Shell) -> io::Result<u8> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, "fairlint", &mut out);
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// The man page for `fairlint` with a section per subcommand (`fairlint-check`, …), in roff.
fn print_man_page() -> io::Result<u8> {
    let command = Cli::command();
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = format!("fairlint-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name)
            .version(env!("CARGO_PKG_VERSION"));
        writeln!(out)?;
        clap_mangen::Man::new(sub).render(&mut out)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn run_explain(id: &str) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    if let Some(rule) = rules::find(id) {
        emit::rules::emit_explain(rule, &mut out)?;
        return Ok(EXIT_CLEAN);
    }
    let known = rules::builtin().iter().map(|r| r.id.as_str());
    let hint =
        rules::did_you_mean(id, known).map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
    eprintln!("fairlint: unknown rule `{id}`{hint}; `fairlint rules` lists every rule");
    Ok(EXIT_ERROR)
}

fn run_check(args: CheckArgs) -> io::Result<u8> {
    let choice = match RuleChoice::parse(&args.rules) {
        Ok(choice) => choice,
        Err(message) => {
            eprintln!("fairlint: {message}");
            return Ok(EXIT_ERROR);
        }
    };
    if args.fix && args.input.paths.iter().any(|p| p == "-") {
        eprintln!(
            "fairlint: --fix writes the fixes back to the article files, and stdin is not a file; \
             use --diff to see them as a diff"
        );
        return Ok(EXIT_ERROR);
    }
    if args.statistics && !emit::statistics::supports(args.format) {
        eprintln!(
            "fairlint: --statistics prints a table (--format human or short) or JSON (--format \
             json), not --format {}",
            format_name(args.format)
        );
        return Ok(EXIT_ERROR);
    }
    let Some((mut out, terminal)) = open_output(&args.output)? else {
        return Ok(EXIT_ERROR);
    };
    if args.diff {
        return run_diff(&args, &choice, &mut out);
    }
    if terminal && args.format == emit::Format::Html {
        // A page of HTML scrolling past helps nobody; it is meant for a file.
        eprintln!(
            "fairlint: the HTML report is a page to open in a browser: write it with -o report.html \
             (or redirect stdout)"
        );
        return Ok(EXIT_ERROR);
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => auto_color(terminal),
    };
    let style = Style {
        color,
        width: if terminal {
            terminal_width(terminal_size::terminal_size())
        } else {
            DEFAULT_WIDTH
        },
        quiet: args.quiet,
    };
    let fail_on = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    // What decides the exit code, counted file by file.
    let mut files = 0;
    let mut checked = 0;
    let mut fails = false;
    let mut tally = |file: &FileReport| {
        files += 1;
        checked += usize::from(file.analysis.is_some());
        fails |= match fail_on {
            Some(level) => file.fails(level),
            None => !file.errors.is_empty(),
        };
    };
    let mut fixes = fix::Tally::default();
    if args.statistics {
        // Only counts are kept: each file is dropped once counted.
        let mut summary = Summary::default();
        let mut counts = emit::statistics::Counts::default();
        let run = each_file(&args.input, Some(&choice), args.fix, &mut |file, fixed| {
            let file = fixes.record(file, fixed, fix::Mode::Write);
            counts.add(&file);
            summary.add(&file);
            tally(&file);
            Ok(())
        });
        match run {
            Ok(result) => result?,
            Err(err) => return report_setup_error(&*err),
        }
        summary.finish();
        emit::statistics::emit(&counts, &summary, args.format, args.quiet, &mut out)?;
    } else {
        // Each file is written (in the order given) and dropped as soon as it and the files
        // before it are checked. A document format opens only once the setup succeeded, so
        // that a config error never leaves half a document on stdout.
        let mut emitter = emit::emitter(args.format, style);
        let mut begun = false;
        let mut summary = Summary::default();
        let run = each_file(&args.input, Some(&choice), args.fix, &mut |file, fixed| {
            let file = fixes.record(file, fixed, fix::Mode::Write);
            if !begun {
                emitter.begin(&mut out)?;
                begun = true;
            }
            emitter.file(&file, &mut out)?;
            summary.add(&file);
            tally(&file);
            Ok(())
        });
        match run {
            Ok(result) => result?,
            Err(err) => return report_setup_error(&*err),
        }
        summary.finish();
        if !begun {
            emitter.begin(&mut out)?;
        }
        emitter.end(&summary, &mut out)?;
    }
    out.flush()?;
    if args.fix && !args.quiet {
        eprintln!("{}", fixes.message(fix::Mode::Write));
    }
    if files > 0 && checked == 0 {
        return Ok(EXIT_ERROR);
    }
    Ok(if fails { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// `check --diff`: the diff of what `--fix` would change is the output, and nothing is written;
/// problems reading a file go to stderr. Exit 1 when there is something to fix (as ruff does) or
/// a file could not be read.
fn run_diff(args: &CheckArgs, choice: &RuleChoice, out: &mut dyn Write) -> io::Result<u8> {
    let mut fixes = fix::Tally::default();
    let (mut files, mut checked) = (0, 0);
    let run = each_file(&args.input, Some(choice), true, &mut |file, fixed| {
        if let Some(fixed) = &fixed {
            emit::diff::write(&file.path, &fixed.before, &fixed.after, out)?;
        }
        for error in &file.errors {
            eprintln!(
                "fairlint: {}: {}",
                visible(&file.path),
                visible(&error.message)
            );
        }
        files += 1;
        checked += usize::from(file.analysis.is_some());
        fixes.record(file, fixed, fix::Mode::Diff);
        Ok(())
    });
    match run {
        Ok(result) => result?,
        Err(err) => return report_setup_error(&*err),
    }
    out.flush()?;
    if !args.quiet {
        eprintln!("{}", fixes.message(fix::Mode::Diff));
    }
    if files > 0 && checked == 0 {
        return Ok(EXIT_ERROR);
    }
    // A file that could not be read fails the run, as in `check`: its fixes are unknown.
    Ok(if fixes.fixed > 0 || checked < files {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `fairlint report` is `check --format html`, so that it can gate CI as `check` does while
/// the page is kept as an artefact.
fn report_as_check(args: ReportArgs) -> CheckArgs {
    CheckArgs {
        input: args.input,
        format: emit::Format::Html,
        fail_on: args.fail_on,
        color: Color::Never,
        rules: args.rules,
        quiet: false,
        statistics: false,
        fix: false,
        diff: false,
        output: args.output,
    }
}

fn run_claims(args: ClaimsArgs) -> io::Result<u8> {
    let Some((mut out, _)) = open_output(&args.output)? else {
        return Ok(EXIT_ERROR);
    };
    let mut emitter = emit::claims::Stream::new(args.format);
    let mut begun = false;
    let (mut files, mut checked) = (0, 0);
    let run = each_report(&args.input, None, &mut |file| {
        if !begun {
            emitter.begin(&mut out)?;
            begun = true;
        }
        files += 1;
        checked += usize::from(file.analysis.is_some());
        emitter.file(&file, &mut out)
    });
    match run {
        Ok(result) => result?,
        Err(err) => return report_setup_error(&*err),
    }
    if !begun {
        emitter.begin(&mut out)?;
    }
    emitter.end(&Summary::default(), &mut out)?;
    out.flush()?;
    Ok(if files > 0 && checked == 0 {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    })
}

fn format_name(format: emit::Format) -> String {
    use clap::ValueEnum;
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Where the report goes (`-o FILE`, else stdout) and whether that is a terminal. `None` when
/// the file cannot be created: that is reported, and the run is a usage error.
fn open_output(arg: &OutputArg) -> io::Result<Option<(Box<dyn Write>, bool)>> {
    match &arg.output {
        Some(path) if path.as_os_str() != "-" => match std::fs::File::create(path) {
            Ok(file) => Ok(Some((Box::new(io::BufWriter::new(file)), false))),
            Err(err) => {
                eprintln!("fairlint: cannot write {}: {err}", path.display());
                Ok(None)
            }
        },
        _ => Ok(Some((
            Box::new(io::stdout().lock()),
            io::stdout().is_terminal(),
        ))),
    }
}

/// Human output's width when it is not a terminal (a file, a pipe, a CI log).
use crate::snippet::DEFAULT_WIDTH;

/// The width of a terminal: its real width, else `COLUMNS` (a terminal that reports no size),
/// else the default; never so narrow that the frame leaves no room for the text.
fn terminal_width(size: Option<(terminal_size::Width, terminal_size::Height)>) -> usize {
    width_from(
        size.map(|(w, _)| usize::from(w.0)),
        std::env::var("COLUMNS").ok().as_deref(),
    )
}

fn width_from(terminal: Option<usize>, columns: Option<&str>) -> usize {
    terminal
        .filter(|&w| w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse::<usize>().ok())
                .filter(|&w| w > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

const MIN_WIDTH: usize = 40;

/// `--select` and `--ignore`, checked against the rules: which rules run, on top of each
/// article's config.
#[derive(Debug, Default)]
pub(crate) struct RuleChoice {
    /// Only these run (`None`: every rule the config turns on).
    select: Option<BTreeSet<String>>,
    /// These never run; wins over `select`.
    ignore: BTreeSet<String>,
}

impl RuleChoice {
    /// An unknown id is an error naming the flag, with the closest rule id.
    pub fn parse(args: &RuleArgs) -> Result<RuleChoice, String> {
        let ids = |flag: &str, given: &[String]| -> Result<BTreeSet<String>, String> {
            let mut ids = BTreeSet::new();
            for id in given.iter().map(|id| id.trim()).filter(|id| !id.is_empty()) {
                if rules::find(id).is_none() {
                    let known = rules::builtin().iter().map(|r| r.id.as_str());
                    let hint = rules::did_you_mean(id, known)
                        .map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
                    return Err(format!(
                        "unknown rule `{id}` in {flag}{hint}; `fairlint rules` lists every rule"
                    ));
                }
                ids.insert(id.to_string());
            }
            Ok(ids)
        };
        let select = ids("--select", &args.select)?;
        Ok(RuleChoice {
            select: (!select.is_empty()).then_some(select),
            ignore: ids("--ignore", &args.ignore)?,
        })
    }

    fn is_everything(&self) -> bool {
        self.select.is_none() && self.ignore.is_empty()
    }

    /// The config's settings with the choice applied. A selected rule the config turns off
    /// runs at its default severity, with the config's options: naming it is asking for it.
    fn apply(&self, settings: &Settings) -> Settings {
        let mut narrowed = settings.clone();
        for (id, rule) in &mut narrowed.rules {
            if self.ignore.contains(id) {
                rule.severity = None;
            } else if let Some(select) = &self.select {
                rule.severity = if select.contains(id) {
                    rule.severity
                        .or_else(|| rules::find(id).map(|def| def.severity))
                } else {
                    None
                };
            }
        }
        narrowed
    }
}

/// Colour when `--color auto`: `FORCE_COLOR` (set and not empty or "0") turns it on even when
/// piped, as CI logs that render ANSI want; `NO_COLOR` turns it off only when set and not
/// empty (no-color.org); otherwise colour on a terminal.
fn auto_color(terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let forced = set("FORCE_COLOR") && std::env::var_os("FORCE_COLOR").is_some_and(|v| v != "0");
    if forced {
        return true;
    }
    terminal && !set("NO_COLOR")
}

/// A problem that stops the run before any article is read: a config error, an archive that
/// cannot be opened.
pub(crate) type SetupError = Box<dyn miette::Diagnostic + Send + Sync>;

fn report_setup_error(err: &dyn miette::Diagnostic) -> io::Result<u8> {
    let terminal = io::stderr().is_terminal();
    let width = if terminal {
        terminal_width(terminal_size::terminal_size_of(io::stderr()))
    } else {
        DEFAULT_WIDTH
    };
    let handler = emit::human::handler(Style {
        color: auto_color(terminal),
        width,
        quiet: false,
    });
    let mut text = String::new();
    handler
        .render_report(&mut text, err)
        .map_err(io::Error::other)?;
    eprint!("{text}");
    Ok(EXIT_ERROR)
}

/// Reads, analyses and (when `with_findings`) checks every input. Only a config error stops the
/// run; everything else is recorded per file.
pub fn build_report(args: &InputArgs, with_findings: bool) -> Result<RunReport, SetupError> {
    let everything = RuleChoice::default();
    collect_report(args, with_findings.then_some(&everything))
}

/// [`build_report`]: with the findings of the rules `rules` chooses, or (`None`) without
/// findings.
fn collect_report(args: &InputArgs, rules: Option<&RuleChoice>) -> Result<RunReport, SetupError> {
    let mut files = Vec::new();
    each_report(args, rules, &mut |file| {
        files.push(file);
        Ok(())
    })?
    .map_err(|e| usage_error(e.to_string()) as SetupError)?;
    Ok(RunReport { files })
}

/// How many files may be checked (or waiting to be handed on) at once: enough to keep every
/// thread busy when one file is slow, few enough that memory does not grow with the run.
fn window() -> usize {
    rayon::current_num_threads() * 4
}

/// [`build_report`], handing each file's report to `sink` in the order given, as soon as it and
/// the ones before it are checked. Stops at the first error from `sink` (and returns it).
/// Findings are made with the rules `rules` chooses; `None`: no findings (`claims`).
pub(crate) fn each_report(
    args: &InputArgs,
    rules: Option<&RuleChoice>,
    sink: &mut dyn FnMut(FileReport) -> io::Result<()>,
) -> Result<io::Result<()>, SetupError> {
    each_file(args, rules, false, &mut |file, _| sink(file))
}

/// [`each_report`]; with `fixing`, each article's fixes are applied (in memory) before it is
/// handed on, with what they changed.
fn each_file(
    args: &InputArgs,
    rules: Option<&RuleChoice>,
    fixing: bool,
    sink: &mut dyn FnMut(FileReport, Option<fix::Fixed>) -> io::Result<()>,
) -> Result<io::Result<()>, SetupError> {
    let paths = if args.paths.is_empty() {
        vec![".".to_string()]
    } else {
        args.paths.clone()
    };
    let mut configs = ConfigFinder::new(args.config.as_deref()).map_err(|e| e as SetupError)?;
    let options = OriginalOptions::parse(
        &args.original,
        args.originals.as_deref(),
        args.allow_outside_root,
    )
    .map_err(|m| usage_error(m) as SetupError)?;
    let (shared, original_errors) = load_shared(&options, &project_root(None));
    let archive = match crate::archive::Location::named(args.archive.as_deref()) {
        Some(location) => {
            Some(Pool::open(location, POOL_SIZE).map_err(|e| Box::new(e) as SetupError)?)
        }
        None => None,
    };
    let originals = RunOriginals {
        shared: shared.into_iter().map(Arc::new).collect(),
        allow_outside_root: options.allow_outside_root,
        archive,
        in_memory: false,
    };
    // Settings are resolved in order (the config cache is not shared between threads); the
    // articles are then checked in parallel and reported in the order given.
    let mut jobs: Vec<Result<(Input, Arc<Settings>), FileError>> =
        original_errors.into_iter().map(Err).collect();
    // Keyed by the config's address: `configs` keeps every config alive for the whole loop.
    let mut narrowed: std::collections::HashMap<*const Settings, Arc<Settings>> =
        std::collections::HashMap::new();
    for input in input::collect(&paths, args.stdin_filename.as_deref()) {
        let input = match input {
            Ok(input) => input,
            Err(error) => {
                jobs.push(Err(error));
                continue;
            }
        };
        let mut settings = configs
            .for_path(input.path())
            .map_err(|e| e as SetupError)?;
        if let Some(choice) = rules.filter(|c| !c.is_everything()) {
            // One narrowed copy per config, not per article.
            settings = narrowed
                .entry(Arc::as_ptr(&settings))
                .or_insert_with(|| Arc::new(choice.apply(&settings)))
                .clone();
        }
        // `ignore:` applies to files named on the command line too: pre-commit and CI pass
        // explicit paths, and the project's config must still win.
        if let Input::File(path) = &input
            && settings.ignores(path)
        {
            continue;
        }
        jobs.push(Ok((input, settings)));
    }
    // Files are checked on rayon's threads, at most `window()` ahead of the first one not yet
    // handed on; reports that finish early wait in `done` for the ones before them.
    let depth = if rules.is_some() {
        Depth::Findings
    } else {
        Depth::Analysis
    };
    let originals = Arc::new(originals);
    let (finished, results) =
        crossbeam_channel::unbounded::<(usize, (FileReport, Option<fix::Fixed>))>();
    let total = jobs.len();
    let mut jobs = jobs.into_iter().enumerate();
    let mut start_next = || {
        let Some((index, job)) = jobs.next() else {
            return;
        };
        let originals = originals.clone();
        let finished = finished.clone();
        rayon::spawn(move || {
            let report = match job {
                Ok((input, settings)) => {
                    // A report must come back for every file, or the run would wait forever.
                    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let file = check_input(&input, &settings, depth, &originals);
                        if !fixing {
                            return (file, None);
                        }
                        fix_input(&input, file, &settings, &originals)
                    }));
                    checked.unwrap_or_else(|_| {
                        let path = input.display();
                        let message = "fairlint failed on this file; please report it".into();
                        let errors = vec![problem(&path, message, None)];
                        (FileReport::unchecked(path, errors), None)
                    })
                }
                Err(error) => (FileReport::unchecked(error.path.clone(), vec![error]), None),
            };
            let _ = finished.send((index, report));
        });
    };
    for _ in 0..window() {
        start_next();
    }
    let mut done = std::collections::BTreeMap::new();
    let mut next = 0;
    while next < total {
        let Ok((index, report)) = results.recv() else {
            break;
        };
        done.insert(index, report);
        while let Some((report, fixed)) = done.remove(&next) {
            next += 1;
            start_next();
            if let Err(err) = sink(report, fixed) {
                return Ok(Err(err));
            }
        }
    }
    // The settings (rule cards, word lists) serve until the process ends: freeing them word
    // by word cost a tenth of checking a short file, which is how hooks and copy checks run.
    std::mem::forget(configs);
    std::mem::forget(narrowed);
    Ok(Ok(()))
}

fn usage_error(message: String) -> Box<ConfigError> {
    Box::new(ConfigError {
        message,
        source_code: crate::snippet::Snippet::empty("command line"),
        span: None,
        label: String::new(),
        help: Some("see `fairlint check --help`".into()),
    })
}

fn problem(path: &str, message: String, span: Option<std::ops::Range<usize>>) -> FileError {
    FileError {
        path: path.to_string(),
        message,
        span,
        position: None,
        fatal: false,
    }
}

fn check_input(
    input: &Input,
    settings: &Settings,
    depth: Depth,
    originals: &RunOriginals,
) -> FileReport {
    let path = input.display();
    let mut file = FileReport::unchecked(path.clone(), Vec::new());
    let text = match input::read(input, originals.allow_outside_root) {
        Ok(Loaded::Text(text)) => text,
        Ok(Loaded::Empty) => {
            file.errors.push(problem(
                &path,
                "file is empty: nothing to check".into(),
                None,
            ));
            return file;
        }
        Err(err) => {
            file.errors.push(err);
            return file;
        }
    };
    check_text_of(input, text, settings, depth, originals)
}

/// [`check_input`] once the text is read (or fixed): the pipeline's result as the file's
/// report.
fn check_text_of(
    input: &Input,
    text: Arc<str>,
    settings: &Settings,
    depth: Depth,
    originals: &RunOriginals,
) -> FileReport {
    let display = input.display();
    let text = Text {
        path: input.path(),
        display: &display,
        text: &text,
    };
    let checked = check_article(text, settings, originals, depth);
    FileReport {
        path: display,
        analysis: Some(checked.analysis),
        findings: checked.findings,
        errors: checked.problems,
    }
}

/// `--fix`/`--diff`: the article's fixes applied pass by pass, checking the new text after
/// each (see `fix.rs`); `None` when nothing was fixed.
fn fix_input(
    input: &Input,
    first: FileReport,
    settings: &Settings,
    originals: &RunOriginals,
) -> (FileReport, Option<fix::Fixed>) {
    let Some(analysis) = &first.analysis else {
        return (first, None);
    };
    if first.findings.iter().all(|f| f.fix.is_none()) {
        return (first, None);
    }
    let before = analysis.article.source.clone();
    let settled = crate::fix::settle(
        before.clone(),
        first.clone(),
        |file| &file.findings,
        |text| check_text_of(input, text, settings, Depth::Findings, originals),
    );
    if settled.fixed == 0 {
        return (first, None);
    }
    let fixed = fix::Fixed {
        path: match input {
            Input::File(path) => Some(path.clone()),
            Input::Stdin { .. } => None,
        },
        before,
        after: settled.text,
        count: settled.fixed,
        unfixed: first,
    };
    (settled.report, Some(fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_from_the_terminal_then_columns_then_the_default() {
        assert_eq!(width_from(Some(132), Some("90")), 132);
        assert_eq!(width_from(Some(0), Some("90")), 90);
        assert_eq!(width_from(None, Some(" 90 ")), 90);
        assert_eq!(width_from(None, Some("wide")), DEFAULT_WIDTH);
        assert_eq!(width_from(None, None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some(12), None), MIN_WIDTH);
    }

    fn choice(select: &[&str], ignore: &[&str]) -> Result<RuleChoice, String> {
        RuleChoice::parse(&RuleArgs {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
        })
    }

    fn running(choice: &RuleChoice, settings: &Settings) -> Vec<String> {
        let narrowed = choice.apply(settings);
        narrowed
            .rules
            .keys()
            .filter(|id| narrowed.rule(id).is_some())
            .cloned()
            .collect()
    }

    #[test]
    fn select_and_ignore_narrow_the_config() {
        let builtin = Settings::builtin();
        let all = running(&choice(&[], &[]).unwrap(), &builtin);
        assert!(all.len() > 3);
        let only = choice(&["quote-unattributed", "figure-unattributed"], &[]).unwrap();
        assert_eq!(
            running(&only, &builtin),
            ["figure-unattributed", "quote-unattributed"]
        );
        let both = choice(
            &["quote-unattributed", "figure-unattributed"],
            &["quote-unattributed"],
        )
        .unwrap();
        assert_eq!(running(&both, &builtin), ["figure-unattributed"]);
        let ignore = choice(&[], &["quote-unattributed"]).unwrap();
        assert_eq!(running(&ignore, &builtin).len(), all.len() - 1);
        // Empty items (a trailing comma) are skipped.
        assert!(choice(&["", " "], &[]).unwrap().is_everything());
    }

    #[test]
    fn a_selected_rule_the_config_turns_off_runs_at_its_default() {
        let mut settings = Settings::builtin();
        settings.rules.get_mut("source-unused").unwrap().severity = None;
        let narrowed = choice(&["source-unused"], &[]).unwrap().apply(&settings);
        let default = rules::find("source-unused").unwrap().severity;
        assert_eq!(
            narrowed.rule("source-unused").unwrap().severity,
            Some(default)
        );
    }

    #[test]
    fn an_unknown_rule_names_the_flag_and_the_closest_rule() {
        let err = choice(&[], &["quote-unatributed"]).unwrap_err();
        assert!(err.contains("`quote-unatributed` in --ignore"), "{err}");
        assert!(err.contains("did you mean `quote-unattributed`"), "{err}");
    }
}
