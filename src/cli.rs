//! Command-line arguments, and nothing else: parsing is one step, doing the work is `app.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::emit::{Format, ListFormat};

const ABOUT: &str = "Checks rewritten news articles: every quote and figure needs a named source on the \
article's source list.";

const AFTER_HELP: &str = "Examples:
  fairlint check story.md                 check one article
  fairlint check drafts/                  check every .md/.txt under drafts/ (honours .gitignore)
  fairlint check --format json story.md   machine output for CI
  fairlint check --select quote-unattributed,figure-unattributed drafts/
  fairlint check --statistics drafts/     a count per rule instead of each finding
  fairlint check --fix drafts/            apply the fixes (add unlisted outlets to the list)
  fairlint check --diff drafts/           show what --fix would change, as a unified diff
  fairlint check -q -o report.txt drafts/ findings only, written to report.txt
  cat story.md | fairlint check - --stdin-filename story.md
  fairlint claims story.md                every quote and figure with its attribution
  fairlint report story.md -o report.html a provenance page to open in a browser
  fairlint explain attribution-vague      what a rule checks and how to fix it
  fairlint archive add wire/              index texts to check articles against
  fairlint check --archive .fairlint/archive.db story.md

Exit codes: 0 clean, 1 findings at or above --fail-on (or an input problem; with --diff: something
to fix), 2 usage/config error or nothing could be checked.";

#[derive(Debug, Parser)]
#[command(name = "fairlint", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles and report findings.
    Check(CheckArgs),
    /// List every quote and figure with the source it is attributed to.
    Claims(ClaimsArgs),
    /// Write a self-contained HTML provenance page (`check --format html`).
    ///
    /// Each article with every quote and figure marked by its attribution (hover for the
    /// source), the findings beside their paragraph, copied passages beside their originals
    /// with the shared words marked, and how much of each original was reused. Several
    /// articles make one page with a section each. The page loads nothing from the network.
    /// The exit code is `check`'s.
    Report(ReportArgs),
    /// List the rules with their default severities.
    Rules(RulesArgs),
    /// Show a rule's documentation and examples.
    Explain(ExplainArgs),
    /// Run the Language Server over stdio (diagnostics as you type, hover, quick fixes).
    Lsp,
    /// Manage the archive that `check --archive` compares articles with.
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `fairlint man > fairlint.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Default, Args)]
pub struct InputArgs {
    /// Articles: files, directories, globs, or `-` for stdin. Defaults to the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// The name to show (and find config for) when reading stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Use this config file instead of looking for .fairlint.yaml upward from each article.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// An original text the articles were rewritten from, credited to source NAME (repeatable).
    #[arg(long, value_name = "NAME=PATH")]
    pub original: Vec<String>,
    /// A folder of original texts; each file's source is its front matter `source:` or its name.
    #[arg(long, value_name = "DIR")]
    pub originals: Option<PathBuf>,
    /// Read originals outside the project root (refused by default: CI checks untrusted articles,
    /// whose front matter must not make fairlint print arbitrary files).
    #[arg(long)]
    pub allow_outside_root: bool,
    /// Also compare articles with the texts of this archive: an SQLite file, or a PostgreSQL
    /// postgres:// URL or host=… dbname=… string (see `fairlint archive --help`).
    #[arg(
        long,
        value_name = "LOCATION",
        env = crate::archive::ENV_VAR,
        hide_env_values = true
    )]
    pub archive: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Only input problems fail the run.
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format. Default: human on a terminal, human without colour when piped.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value = "error", value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Print only the findings: no summary line, and nothing at all when there are none.
    #[arg(short, long)]
    pub quiet: bool,
    /// Instead of the findings, print how many each rule found, most first, then the summary
    /// (`--format json`: a JSON list).
    #[arg(long)]
    pub statistics: bool,
    /// Apply the findings' fixes to the article files (e.g. add an unlisted outlet to the source
    /// list), then report what is left. Not for stdin.
    #[arg(long)]
    pub fix: bool,
    /// Print a unified diff of what --fix would change, and write nothing. Exit 1 when there is
    /// something to fix, else 0.
    #[arg(long, conflicts_with_all = ["fix", "format", "statistics"])]
    pub diff: bool,
    #[command(flatten)]
    pub output: OutputArg,
}

/// `--select`/`--ignore`: which rules run, on top of the config.
#[derive(Debug, Default, Args)]
pub struct RuleArgs {
    /// Run only these rules (comma-separated or repeated). A rule the config turns off runs at
    /// its default severity.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never run these rules (comma-separated or repeated); wins over --select.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

/// `-o/--output`.
#[derive(Debug, Default, Args)]
pub struct OutputArg {
    /// Write the report to FILE instead of stdout (`-` is stdout). The exit code is the same.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `fairlint report`: `check --format html` under a name that says what it makes.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Exit 1 when a finding at or above this severity is found (as `check`).
    #[arg(long, value_enum, default_value = "error", value_name = "SEVERITY")]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `human` is a table; `short` one line per claim; `json` the versioned contract.
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
    #[command(flatten)]
    pub output: OutputArg,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, as `fairlint rules` lists them.
    pub rule: String,
}

const ARCHIVE_HELP: &str =
    "The archive is where `check --archive` looks for texts an article copies without
crediting them. LOCATION is an SQLite file (default .fairlint/archive.db under the project root)
or a PostgreSQL database, as a postgres://USER@HOST:PORT/DATABASE URL or libpq's
'host=HOST dbname=DATABASE user=USER'; FAIRLINT_ARCHIVE sets it too. As for psql, the password
and other settings can come from PGPASSWORD and the other PG* variables, a service file or
~/.pgpass, and sslmode=require|verify-ca|verify-full (with sslrootcert=FILE) asks for TLS.

Examples:
  fairlint archive add wire/2025/                 every .md/.txt under the folder
  fairlint archive add --source \"Harbour Wire\" feed.txt
  fairlint archive stats
  fairlint archive remove --source \"Harbour Wire\"
  fairlint archive reindex
  fairlint check --archive postgres://ci@db/news story.md";

#[derive(Debug, Subcommand)]
#[command(after_help = ARCHIVE_HELP)]
pub enum ArchiveCommand {
    /// Add texts: files, folders, globs.
    ///
    /// Each text's source and date come from its front matter (`source:`, `date:`), or
    /// --source. A text already archived (the same words, from any path) is not added again.
    Add(ArchiveAddArgs),
    /// Show how many texts the archive holds, from which sources, and its size.
    Stats(ArchiveStatsArgs),
    /// Remove texts: by the path they were added from, by --id, or by --source.
    Remove(ArchiveRemoveArgs),
    /// Rebuild every text's fingerprints from its stored body.
    ///
    /// Needed when the archive was indexed by a fairlint that folded or hashed words another
    /// way (fingerprint format): until then, it is refused rather than silently missing copies.
    Reindex(ArchiveReindexArgs),
}

#[derive(Debug, Args)]
pub struct ArchiveReindexArgs {
    #[command(flatten)]
    pub location: ArchiveLocation,
}

#[derive(Debug, Args)]
pub struct ArchiveLocation {
    /// An SQLite file, or a PostgreSQL postgres:// URL or host=… dbname=… string. Default:
    /// .fairlint/archive.db under the project root.
    #[arg(
        long,
        value_name = "LOCATION",
        env = crate::archive::ENV_VAR,
        hide_env_values = true
    )]
    pub archive: Option<String>,
}

#[derive(Debug, Args)]
pub struct ArchiveAddArgs {
    #[command(flatten)]
    pub location: ArchiveLocation,
    /// Texts: files, folders (every .md/.txt, honouring .gitignore) or globs.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// The source of every text added, instead of its front matter's `source:`.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Texts written per transaction. A run that is stopped keeps every batch it finished.
    #[arg(long, value_name = "N", default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
}

#[derive(Debug, Args)]
pub struct ArchiveStatsArgs {
    #[command(flatten)]
    pub location: ArchiveLocation,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ArchiveRemoveArgs {
    #[command(flatten)]
    pub location: ArchiveLocation,
    /// Paths as `archive add` was given them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Archive ids, as findings name them (`archive #42`).
    #[arg(long, value_name = "ID")]
    pub id: Vec<i64>,
    /// Every text of this source.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}
