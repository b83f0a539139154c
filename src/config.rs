//! Project configuration: `.fairlint.yaml`, found upward from each article or named with
//! `--config`. It changes severities, turns rules off, sets rule options, extends lexicons and
//! aliases, and ignores paths. Mistakes are errors that point at the line and column, with a
//! "did you mean" for misspelled keys and rule ids, because a silently ignored setting is worse
//! than none.
//!
//! A desk's folder may hold a config of its own that changes a few settings for its articles:
//! a found config extends the nearest one above it (up to the top of the git work tree, or up to
//! a config marked `root: true`), as ESLint's and Vale's per-folder files do. Each file is
//! parsed on its own into a [`Layer`] (so that an error names that file), and the layers are
//! applied from the top down: a rule's severity and options per key, lexicons and aliases
//! appended, `ignore:` globs kept each with its own folder.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, SourceSpan};
use serde::Deserialize;

use crate::lexicon::{self, Lexicon, OutletEntry};
use crate::rules::{self, Severity};
use crate::snippet::Snippet;
use crate::sources::Names;

pub(crate) const FILE_NAMES: &[&str] = &[".fairlint.yaml", ".fairlint.yml"];

#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    /// The lines around the mistake, windowed (a config line can be any length).
    #[source_code]
    pub source_code: Snippet,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// A severity or a table of options per rule; checked by hand so that a wrong kind of value
    /// gets a message naming the rule and what it takes.
    #[serde(default)]
    rules: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    lexicons: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    suppress: Vec<SuppressEntry>,
    /// Do not extend the configs above this one.
    #[serde(default)]
    root: bool,
}

const TOP_KEYS: &[&str] = &["rules", "lexicons", "aliases", "ignore", "suppress", "root"];

/// A finding an editor reviewed and accepted, kept in the config rather than in the article:
/// plain text has no comment that stays out of the published copy.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuppressEntry {
    /// A glob relative to the config's folder.
    path: String,
    rule: String,
    /// Words of the finding's text; without them the rule is off for the whole file.
    text: Option<String>,
}

/// One rule's effective settings: `None` severity means off.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub severity: Option<Severity>,
    pub options: BTreeMap<String, serde_yaml::Value>,
}

impl RuleSettings {
    pub fn bool(&self, name: &str) -> bool {
        self.options
            .get(name)
            .and_then(serde_yaml::Value::as_bool)
            .unwrap_or(false)
    }

    pub(crate) fn float(&self, name: &str) -> f64 {
        self.options
            .get(name)
            .and_then(serde_yaml::Value::as_f64)
            .unwrap_or(0.0)
    }

    /// A list option's values that are strings.
    pub fn strings(&self, name: &str) -> Vec<&str> {
        self.options
            .get(name)
            .and_then(serde_yaml::Value::as_sequence)
            .map(|items| items.iter().filter_map(serde_yaml::Value::as_str).collect())
            .unwrap_or_default()
    }

    pub fn usize(&self, name: &str) -> usize {
        self.options
            .get(name)
            .and_then(serde_yaml::Value::as_u64)
            .map_or(0, |v| v as usize)
    }
}

/// Everything a check needs to know about the project.
#[derive(Debug, Clone)]
pub struct Settings {
    pub path: Option<PathBuf>,
    pub rules: BTreeMap<String, RuleSettings>,
    pub lexicon: Lexicon,
    pub names: Names,
    /// The lexicon and alias extensions of every config applied, from which `lexicon` and
    /// `names` are built.
    extensions: Extensions,
    /// The `ignore:` globs of every config applied, each with its folder.
    ignore: Vec<IgnoreGlobs>,
    /// The `suppress:` entries of every config applied.
    suppress: Vec<Suppression>,
}

/// One `suppress:` entry, checked: its path glob with the config's folder.
#[derive(Debug, Clone)]
struct Suppression {
    path: IgnoreGlobs,
    rule: String,
    /// Folded as [`fold`] folds the finding's text.
    text: Option<String>,
}

/// One article's `suppress:` entries.
pub(crate) struct ConfigSuppressions<'a>(Vec<&'a Suppression>);

impl ConfigSuppressions<'_> {
    /// An entry covers `rule` where the finding's text is `text` (the entry's words anywhere in
    /// it, or any text for an entry without words).
    pub(crate) fn covers(&self, rule: &str, text: &str) -> bool {
        let mut folded = None;
        self.0.iter().any(|s| {
            if s.rule != rule {
                return false;
            }
            let Some(words) = &s.text else {
                return true;
            };
            folded
                .get_or_insert_with(|| fold(text))
                .contains(words.as_str())
        })
    }
}

/// Whitespace runs as one space, so that a wrapped line in the article still matches.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, Default)]
struct Extensions {
    lexicons: BTreeMap<String, Vec<String>>,
    outlets: Vec<OutletEntry>,
}

/// One config's `ignore:` globs, matched against paths relative to that config's folder.
#[derive(Debug, Clone)]
struct IgnoreGlobs {
    root: PathBuf,
    globs: GlobSet,
}

impl IgnoreGlobs {
    fn matches(&self, path: &Path) -> bool {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let relative = absolute.strip_prefix(&root).unwrap_or(path);
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        self.globs.is_match(relative)
    }
}

/// What one config file says, checked, before it is applied over the settings it extends.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    path: PathBuf,
    /// `root: true`: extends nothing.
    pub root: bool,
    rules: BTreeMap<String, RuleLayer>,
    extensions: Extensions,
    ignore: Option<IgnoreGlobs>,
    suppress: Vec<Suppression>,
}

/// A rule as one config sets it: a severity (`Some(None)`: off) and options, each only if given.
#[derive(Debug, Clone, Default)]
struct RuleLayer {
    severity: Option<Option<Severity>>,
    options: BTreeMap<String, serde_yaml::Value>,
}

impl Layer {
    /// The settings `base` (built-in, or the configs above) with this config applied.
    pub fn apply(&self, base: &Settings) -> Settings {
        let mut settings = base.clone();
        settings.path = Some(self.path.clone());
        for (id, rule) in &self.rules {
            let entry = settings.rules.get_mut(id).expect("every rule has defaults");
            if let Some(severity) = rule.severity {
                entry.severity = severity;
            }
            entry.options.extend(rule.options.clone());
        }
        let extensions = &mut settings.extensions;
        for (key, words) in &self.extensions.lexicons {
            extensions
                .lexicons
                .entry(key.clone())
                .or_default()
                .extend(words.iter().cloned());
        }
        (extensions.outlets).extend(self.extensions.outlets.iter().cloned());
        if !self.extensions.lexicons.is_empty() || !self.extensions.outlets.is_empty() {
            settings.lexicon = Lexicon::with_extensions(&extensions.lexicons, &extensions.outlets);
            settings.names = Names::new(&settings.lexicon.outlets);
        }
        settings.ignore.extend(self.ignore.clone());
        settings.suppress.extend(self.suppress.iter().cloned());
        settings
    }
}

impl Settings {
    pub fn builtin() -> Settings {
        let lexicon = Lexicon::builtin();
        let names = Names::new(&lexicon.outlets);
        Settings {
            path: None,
            rules: default_rules(),
            lexicon,
            names,
            extensions: Extensions::default(),
            ignore: Vec::new(),
            suppress: Vec::new(),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleSettings> {
        self.rules.get(id).filter(|r| r.severity.is_some())
    }

    /// The article is excluded by an `ignore:` glob (relative to its config's folder).
    pub fn ignores(&self, path: &Path) -> bool {
        self.ignore.iter().any(|globs| globs.matches(path))
    }

    /// The `suppress:` entries whose path matches the article at `path`, matched once per
    /// article: a path match resolves both paths on disk.
    pub(crate) fn suppressions_for(&self, path: &Path) -> ConfigSuppressions<'_> {
        ConfigSuppressions(
            self.suppress
                .iter()
                .filter(|s| s.path.matches(path))
                .collect(),
        )
    }

    /// Loads a config file. One found by discovery (`discovered`) must be a regular file inside
    /// its project root; one named with `--config` may be anywhere, but its text is echoed in
    /// errors only when it is inside the root, so that no outside file reaches a CI log.
    pub fn load(path: &Path, discovered: bool) -> Result<Settings, Box<ConfigError>> {
        let (text, echo) = read(path, discovered)?;
        Layer::parse(path, &text).map(|layer| layer.apply(&Settings::builtin())).map_err(|mut err| {
            if !echo {
                // The message quotes the file too ("invalid type: string …").
                err.message = format!(
                    "config {} is not valid; it is outside the project root, so its text is not shown",
                    path.display()
                );
                err.source_code = Snippet::empty(path.display().to_string());
                err.span = None;
                err.help = None;
            }
            err
        })
    }

    /// One config on its own, over the built-in settings.
    pub fn parse(path: &Path, text: &str) -> Result<Settings, Box<ConfigError>> {
        Ok(Layer::parse(path, text)?.apply(&Settings::builtin()))
    }

    /// The settings of `config` (`None`: the built-in ones) with `overrides` merged over its
    /// top-level keys, the overrides winning: a map is merged key by key (one rule set, the
    /// others kept), anything else replaced. A discovered config extends the configs above it,
    /// as on the command line; a named one stands alone, as `--config` does. The result is
    /// checked as any config is. (The language server's options.)
    pub(crate) fn with_overrides(
        config: Option<&Path>,
        discovered: bool,
        overrides: &serde_yaml::Mapping,
    ) -> Result<Settings, Box<ConfigError>> {
        let text = match config {
            Some(path) => read(path, discovered)?.0,
            None => String::new(),
        };
        let path = config.map_or_else(|| PathBuf::from(FILE_NAMES[0]), Path::to_path_buf);
        let resolve = |text: &str| {
            if discovered && config.is_some() {
                ConfigFinder::default().resolve(&path, text)
            } else {
                Settings::parse(&path, text)
            }
        };
        if overrides.is_empty() {
            return match config {
                Some(_) => resolve(&text),
                None => Ok(Settings::builtin()),
            };
        }
        let mut merged = if text.trim().is_empty() {
            serde_yaml::Mapping::new()
        } else {
            match crate::yaml::from_str(&text) {
                Ok(serde_yaml::Value::Mapping(map)) => map,
                // A broken file (or one that is not a map) is reported against its own text.
                _ => return Settings::parse(&path, &text),
            }
        };
        for (key, value) in overrides {
            let slot = merged.entry(key.clone()).or_insert(serde_yaml::Value::Null);
            match (slot, value) {
                (serde_yaml::Value::Mapping(existing), serde_yaml::Value::Mapping(new)) => {
                    existing.extend(new.clone())
                }
                (slot, value) => *slot = value.clone(),
            }
        }
        let merged = serde_yaml::to_string(&merged).unwrap_or_default();
        resolve(&merged)
    }
}

impl Layer {
    /// Checks one config file's text; nothing here depends on the configs it extends, so a
    /// mistake is always reported against the file that holds it.
    pub fn parse(path: &Path, text: &str) -> Result<Layer, Box<ConfigError>> {
        let error =
            |message: String, span: Option<Range<usize>>, label: &str, help: Option<String>| {
                let source_code = match &span {
                    Some(r) => Snippet::new(
                        path.display().to_string(),
                        text,
                        r.clone(),
                        None,
                        crate::snippet::DEFAULT_WIDTH,
                    ),
                    None => Snippet::empty(path.display().to_string()),
                };
                Box::new(ConfigError {
                    // Messages quote keys and values from the file: never more than a line.
                    message: crate::visible::visible(&crate::untrusted::cap(&message)).into_owned(),
                    span: span.map(|_| source_code.span()),
                    source_code,
                    label: label.to_string(),
                    help,
                })
            };
        let file: ConfigFile = if text.trim().is_empty() {
            crate::yaml::from_str("{}").expect("empty mapping")
        } else {
            crate::yaml::from_str(text).map_err(|e| {
                let at = e.location().map(|l| l.index().min(text.len()));
                let message = crate::document::strip_location(&e);
                let help = unknown_field(&message)
                    .and_then(|f| rules::did_you_mean(f, TOP_KEYS.iter().copied()))
                    .map(|k| format!("did you mean `{k}`?"));
                error(
                    format!("invalid config: {message}"),
                    at.map(|a| a..a + 1),
                    "here",
                    help,
                )
            })?
        };
        let mut layer = Layer {
            path: path.to_path_buf(),
            root: file.root,
            rules: BTreeMap::new(),
            extensions: Extensions::default(),
            ignore: None,
            suppress: Vec::new(),
        };
        for (id, value) in file.rules {
            let Some(def) = rules::find(&id) else {
                let help = rules::did_you_mean(&id, rules::builtin().iter().map(|r| r.id.as_str()))
                    .map(|k| format!("did you mean `{k}`? `fairlint rules` lists every rule"));
                return Err(error(
                    format!("unknown rule id `{id}`"),
                    find_key(text, &id),
                    "not a rule",
                    help.or(Some("`fairlint rules` lists every rule".into())),
                ));
            };
            let entry = layer.rules.entry(id.clone()).or_default();
            let table = match value {
                serde_yaml::Value::String(level) => {
                    BTreeMap::from([("severity".to_string(), serde_yaml::Value::String(level))])
                }
                serde_yaml::Value::Mapping(map) => {
                    crate::yaml::from_value(serde_yaml::Value::Mapping(map)).map_err(|_| {
                        error(
                            format!("rule `{id}`: option names must be text"),
                            find_key(text, &id),
                            "here",
                            None,
                        )
                    })?
                }
                other => {
                    return Err(error(
                        format!(
                            "rule `{id}`: expected a severity or a table of options, got `{}`",
                            yaml_inline(&other)
                        ),
                        find_key(text, &id),
                        "expected error, warning, info, off or options",
                        Some(format!(
                            "write `{id}: off` to turn it off, or `{id}: {{severity: warning}}`"
                        )),
                    ));
                }
            };
            for (key, value) in table {
                if key == "severity" {
                    let level = value.as_str().unwrap_or("");
                    entry.severity = Some(match level {
                        "off" => None,
                        other => Some(Severity::parse(other).ok_or_else(|| {
                            error(
                                format!("rule `{id}`: `{level}` is not a severity"),
                                find_value(text, &id, level),
                                "expected error, warning, info or off",
                                rules::did_you_mean(level, ["error", "warning", "info", "off"])
                                    .map(|k| format!("did you mean `{k}`?")),
                            )
                        })?),
                    });
                    continue;
                }
                let Some(option) = def.options.get(&key) else {
                    let known: Vec<&str> = def.options.keys().map(String::as_str).collect();
                    let help = rules::did_you_mean(&key, known.iter().copied())
                        .map(|k| format!("did you mean `{k}`?"))
                        .or_else(|| {
                            Some(format!(
                                "`{id}` takes: severity{}",
                                known.iter().map(|k| format!(", {k}")).collect::<String>()
                            ))
                        });
                    return Err(error(
                        format!("rule `{id}` has no option `{key}`"),
                        find_key(text, &key),
                        "unknown option",
                        help,
                    ));
                };
                if let Err(allowed) = check_option(&option.default, &value) {
                    return Err(error(
                        format!(
                            "rule `{id}`: option `{key}` must be {allowed}; got `{}`",
                            yaml_inline(&value)
                        ),
                        find_key(text, &key),
                        "not allowed here",
                        Some(format!("the default is `{}`", yaml_inline(&option.default))),
                    ));
                }
                entry.options.insert(key, value);
            }
        }
        for key in file.lexicons.keys() {
            if !lexicon::KEYS.contains(&key.as_str()) {
                return Err(error(
                    format!("unknown lexicon `{key}`"),
                    find_key(text, key),
                    "not a lexicon",
                    rules::did_you_mean(key, lexicon::KEYS.iter().copied())
                        .map(|k| format!("did you mean `{k}`?")),
                ));
            }
        }
        layer.extensions = Extensions {
            outlets: file
                .aliases
                .iter()
                .map(|(name, aliases)| OutletEntry {
                    name: name.clone(),
                    aliases: aliases.clone(),
                })
                .collect(),
            lexicons: file.lexicons,
        };
        let mut globs = GlobSetBuilder::new();
        for pattern in &file.ignore {
            let glob = Glob::new(pattern).map_err(|e| {
                error(
                    format!("invalid ignore glob `{pattern}`: {e}"),
                    find_value_anywhere(text, pattern),
                    "here",
                    None,
                )
            })?;
            globs.add(glob);
        }
        let globs = globs
            .build()
            .map_err(|e| error(format!("invalid ignore globs: {e}"), None, "", None))?;
        // `.fairlint.yaml` found in the working folder has an empty parent: that folder is the
        // root ("" would make every `ignore:` glob meet an absolute path and never match).
        let root = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        layer.ignore = (!file.ignore.is_empty()).then_some(IgnoreGlobs {
            root: root.clone(),
            globs,
        });
        for entry in file.suppress {
            if rules::find(&entry.rule).is_none() {
                return Err(error(
                    format!("suppress: unknown rule id `{}`", entry.rule),
                    find_value_anywhere(text, &entry.rule),
                    "not a rule",
                    rules::did_you_mean(
                        &entry.rule,
                        rules::builtin().iter().map(|r| r.id.as_str()),
                    )
                    .map(|k| format!("did you mean `{k}`?")),
                ));
            }
            let glob = Glob::new(&entry.path)
                .and_then(|g| GlobSetBuilder::new().add(g).build())
                .map_err(|e| {
                    error(
                        format!("suppress: invalid path glob `{}`: {e}", entry.path),
                        find_value_anywhere(text, &entry.path),
                        "here",
                        None,
                    )
                })?;
            layer.suppress.push(Suppression {
                path: IgnoreGlobs {
                    root: root.clone(),
                    globs: glob,
                },
                rule: entry.rule,
                text: entry.text.as_deref().map(fold).filter(|t| !t.is_empty()),
            });
        }
        Ok(layer)
    }
}

/// A config is small; anything larger is not one (and must not fill memory).
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A config file's text, and whether its bytes may be echoed in an error (it is a regular file
/// inside its project root). A discovered config that leaves the root is refused unread.
pub fn read(path: &Path, discovered: bool) -> Result<(String, bool), Box<ConfigError>> {
    let fail = |reason: String| {
        Box::new(ConfigError {
            message: crate::visible::visible(&format!(
                "cannot read config {}: {reason}",
                path.display()
            ))
            .into_owned(),
            source_code: Snippet::empty(path.display().to_string()),
            span: None,
            label: String::new(),
            help: discovered.then(|| {
                "fairlint found this file upward from an article; pass --config to use another"
                    .to_string()
            }),
        })
    };
    let inside = crate::untrusted::require_inside(path, &crate::untrusted::config_root(path));
    if discovered && let Err(reason) = &inside {
        return Err(fail(reason.clone()));
    }
    let bytes = crate::untrusted::read_file(path, MAX_CONFIG_BYTES).map_err(fail)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, inside.is_ok()))
}

fn default_rules() -> BTreeMap<String, RuleSettings> {
    rules::builtin()
        .iter()
        .map(|def| {
            let options = def
                .options
                .iter()
                .map(|(k, o)| (k.clone(), o.default.clone()))
                .collect();
            (
                def.id.clone(),
                RuleSettings {
                    severity: Some(def.severity),
                    options,
                },
            )
        })
        .collect()
}

/// Checks an option's value against the kind its default has: a flag takes true or false, a
/// count a whole number (0 or more), and a fractional default is a share or a similarity, a
/// number from 0 to 1 (NaN and infinities are not numbers here). Returns what is allowed.
fn check_option(
    default: &serde_yaml::Value,
    value: &serde_yaml::Value,
) -> Result<(), &'static str> {
    use serde_yaml::Value;
    let fits = match default {
        Value::Bool(_) => return value.is_bool().then_some(()).ok_or("true or false"),
        // A list default names every value the option takes; a project picks some of them.
        Value::Sequence(allowed) => {
            let chosen = value
                .as_sequence()
                .is_some_and(|items| items.iter().all(|item| allowed.contains(item)));
            return chosen
                .then_some(())
                .ok_or("a list of values drawn from the default");
        }
        Value::Number(n) if n.is_u64() => {
            return value
                .as_u64()
                .map(|_| ())
                .ok_or("a whole number, 0 or more");
        }
        Value::Number(_) => value
            .as_f64()
            .is_some_and(|x| x.is_finite() && (0.0..=1.0).contains(&x)),
        _ => std::mem::discriminant(default) == std::mem::discriminant(value),
    };
    if fits {
        return Ok(());
    }
    match default {
        Value::Number(_) => Err("a number from 0 to 1"),
        _ => Err("a value of the same kind as the default"),
    }
}

fn yaml_inline(value: &serde_yaml::Value) -> String {
    if let serde_yaml::Value::Sequence(items) = value {
        let items: Vec<String> = items.iter().map(yaml_inline).collect();
        return format!("[{}]", items.join(", "));
    }
    serde_yaml::to_string(value)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// "unknown field `rulez`, expected one of …" → "rulez".
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// Where `key:` is written, for labels.
fn find_key(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches("- ");
        let lead = trimmed.len() - bare.len();
        for candidate in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
            if bare.starts_with(&candidate) && bare[candidate.len()..].trim_start().starts_with(':')
            {
                let start = offset + indent + lead;
                return Some(start..start + candidate.len());
            }
        }
        offset += line.len();
    }
    None
}

/// Where `value` is written after `key`'s line, for labels on bad values.
fn find_value(text: &str, key: &str, value: &str) -> Option<Range<usize>> {
    let from = find_key(text, key)?.start;
    let at = text[from..].find(value)? + from;
    Some(at..at + value.len())
}

fn find_value_anywhere(text: &str, value: &str) -> Option<Range<usize>> {
    text.find(value).map(|at| at..at + value.len())
}

/// The config that applies in `dir`: the nearest `.fairlint.yaml` (or `.yml`) at or above it.
/// Anything by that name counts, a symlink or a FIFO included, so that a config that cannot be
/// used is refused by name rather than skipped for one further up.
pub(crate) fn find_upward(dir: &Path) -> Option<PathBuf> {
    let absolute = crate::untrusted::absolute_lexical(dir);
    absolute.ancestors().find_map(config_in)
}

/// The project root of an article (or, for `None`, of the working directory): the nearest
/// folder above it holding `.fairlint.yaml` or `.git`, else the working directory.
pub fn project_root(start: Option<&Path>) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let from = match start.and_then(Path::parent) {
        Some(p) if !p.as_os_str().is_empty() => crate::untrusted::absolute_lexical(p),
        _ => cwd.clone(),
    };
    from.ancestors()
        .find(|d| config_in(d).is_some() || crate::untrusted::has_entry(d, ".git"))
        .map_or(cwd, Path::to_path_buf)
}

/// The config file in `dir`, if it holds one; the one place that knows its names.
pub(crate) fn config_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .find(|n| crate::untrusted::has_entry(dir, n))
        .map(|name| dir.join(name))
}

/// Finds and caches the config that applies to each article.
#[derive(Default)]
pub(crate) struct ConfigFinder {
    explicit: Option<Arc<Settings>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Arc<Settings>>,
    builtin: Option<Arc<Settings>>,
}

impl ConfigFinder {
    pub fn new(explicit: Option<&Path>) -> Result<ConfigFinder, Box<ConfigError>> {
        let mut finder = ConfigFinder::default();
        if let Some(path) = explicit {
            finder.explicit = Some(Arc::new(Settings::load(path, false)?));
        }
        Ok(finder)
    }

    /// The settings for an article at `path` (stdin: the current folder).
    pub(crate) fn for_path(
        &mut self,
        path: Option<&Path>,
    ) -> Result<Arc<Settings>, Box<ConfigError>> {
        if let Some(explicit) = &self.explicit {
            return Ok(explicit.clone());
        }
        let dir = match path.and_then(Path::parent) {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match self.find_upward(&dir) {
            Some(config) => self.load(&config),
            None => Ok(self.builtin()),
        }
    }

    /// A found config over the configs it extends, each loaded once.
    fn load(&mut self, config: &Path) -> Result<Arc<Settings>, Box<ConfigError>> {
        if let Some(settings) = self.loaded.get(config) {
            return Ok(settings.clone());
        }
        let (text, _) = read(config, true)?;
        let settings = Arc::new(self.resolve(config, &text)?);
        self.loaded.insert(config.to_path_buf(), settings.clone());
        Ok(settings)
    }

    /// The found config at `path`, whose text is `text`, applied over the configs above it
    /// (none when it says `root: true`).
    pub(crate) fn resolve(
        &mut self,
        path: &Path,
        text: &str,
    ) -> Result<Settings, Box<ConfigError>> {
        let layer = Layer::parse(path, text)?;
        let parent = if layer.root {
            None
        } else {
            parent_config(path)
        };
        let base = match parent {
            Some(parent) => self.load(&shown(parent))?,
            None => self.builtin(),
        };
        Ok(layer.apply(&base))
    }

    fn builtin(&mut self) -> Arc<Settings> {
        self.builtin
            .get_or_insert_with(|| Arc::new(Settings::builtin()))
            .clone()
    }

    fn find_upward(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.by_dir.get(dir) {
            return hit.clone();
        }
        let found = find_upward(dir).map(shown);
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// A config's path as diagnostics show it: relative to the working directory when below it.
fn shown(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

/// The config that the one at `config` extends: the nearest above its folder, not looking past
/// the top of the git work tree (a folder holding `.git`), so that a repository's settings
/// never depend on a file outside it. A config at the top of the work tree extends nothing.
pub(crate) fn parent_config(config: &Path) -> Option<PathBuf> {
    let folder = crate::untrusted::absolute_lexical(config.parent()?);
    if crate::untrusted::has_entry(&folder, ".git") {
        return None;
    }
    for dir in folder.ancestors().skip(1) {
        if let Some(config) = config_in(dir) {
            return Some(config);
        }
        if crate::untrusted::has_entry(dir, ".git") {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, Box<ConfigError>> {
        Settings::parse(Path::new(".fairlint.yaml"), text)
    }

    #[test]
    fn severities_options_and_off() {
        let s = parse("rules:\n  source-unused: off\n  figure-unattributed:\n    severity: warning\n    include-approximate: true\n").unwrap();
        assert!(s.rule("source-unused").is_none());
        let fig = s.rule("figure-unattributed").unwrap();
        assert_eq!(fig.severity, Some(Severity::Warning));
        assert!(fig.bool("include-approximate"));
    }

    #[test]
    fn unknown_rule_id_suggests_the_closest() {
        let err = parse("rules:\n  quote-unatributed: warning\n")
            .err()
            .unwrap();
        assert!(err.message.contains("quote-unatributed"));
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `quote-unattributed`? `fairlint rules` lists every rule")
        );
        assert_eq!(err.span.unwrap().offset(), 9);
    }

    #[test]
    fn unknown_top_level_key_suggests_the_closest() {
        let err = parse("rulez:\n  x: y\n").err().unwrap();
        assert_eq!(err.help.as_deref(), Some("did you mean `rules`?"));
    }

    #[test]
    fn lexicons_and_aliases_extend_the_builtins() {
        let s = parse("lexicons:\n  vague-sources: [insiders close to the talks]\naliases:\n  Kyiv Independent: [KI]\n").unwrap();
        assert!(
            s.lexicon
                .vague_sources
                .iter()
                .any(|p| p.join(" ") == "insiders close to the talks")
        );
        assert!(s.names.same("KI", "Kyiv Independent"));
        let err = parse("lexicons:\n  vauge-sources: [x]\n").err().unwrap();
        assert_eq!(err.help.as_deref(), Some("did you mean `vague-sources`?"));
    }

    #[test]
    fn option_values_are_checked_against_their_kind_and_range() {
        let bad = [
            (
                "copy-verbatim:\n    min-words: -5",
                "a whole number, 0 or more",
            ),
            (
                "copy-verbatim:\n    min-words: 1.5",
                "a whole number, 0 or more",
            ),
            (
                "copy-near-verbatim:\n    min-similarity: .nan",
                "a number from 0 to 1",
            ),
            (
                "copy-near-verbatim:\n    min-similarity: -1",
                "a number from 0 to 1",
            ),
            (
                "copy-near-verbatim:\n    min-similarity: \"high\"",
                "a number from 0 to 1",
            ),
            ("source-unlisted:\n    once-per-source: 1", "true or false"),
            (
                "figure-unattributed:\n    require-source-for: [money, moeny]",
                "a list of values drawn from the default",
            ),
            (
                "figure-unattributed:\n    require-source-for: money",
                "a list of values drawn from the default",
            ),
        ];
        for (rule, allowed) in bad {
            let err = parse(&format!("rules:\n  {rule}\n")).err().unwrap();
            assert!(err.message.contains(allowed), "{rule}: {}", err.message);
            assert!(err.message.starts_with("rule `"), "{}", err.message);
        }
        let ok = parse(
            "rules:\n  copy-near-verbatim:\n    min-similarity: 1\n  copy-verbatim:\n    min-words: 20\n",
        );
        assert!(ok.is_ok());
        let ok = parse("rules:\n  figure-unattributed:\n    require-source-for: [people, money]\n");
        let ok = ok.unwrap();
        let figures = ok.rule("figure-unattributed").unwrap();
        assert_eq!(figures.strings("require-source-for"), ["people", "money"]);
        let err = parse("rules:\n  source-unused: false\n").err().unwrap();
        assert!(
            err.message
                .contains("expected a severity or a table of options"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("untagged"));
    }

    /// A repository (`.git` at its top, with a config there) with a desk folder of its own.
    fn newsroom(name: &str, desk: &str) -> PathBuf {
        let top =
            std::env::temp_dir().join(format!("fairlint-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        std::fs::create_dir_all(top.join(".git")).unwrap();
        std::fs::create_dir_all(top.join("desk/drafts")).unwrap();
        std::fs::write(
            top.join(".fairlint.yaml"),
            "rules:\n  source-unused: off\n  copy-verbatim:\n    severity: warning\n    min-words: 20\n\
             lexicons:\n  reporting-verbs: [quipped]\naliases:\n  Kessa Independent: [KI]\n\
             ignore: [\"desk/drafts/**\"]\n",
        )
        .unwrap();
        std::fs::write(top.join("desk/.fairlint.yaml"), desk).unwrap();
        top
    }

    #[test]
    fn a_nested_config_extends_the_one_above() {
        let top = newsroom(
            "extends",
            "rules:\n  copy-verbatim: error\naliases:\n  Kessa Independent: [KIND]\nignore: [\"old/**\"]\n",
        );
        let mut finder = ConfigFinder::default();
        let s = finder.for_path(Some(&top.join("desk/a.md"))).unwrap();
        assert!(
            s.rule("source-unused").is_none(),
            "the parent's rule stays off"
        );
        let copy = s.rule("copy-verbatim").unwrap();
        assert_eq!(copy.severity, Some(Severity::Error), "the child's severity");
        assert_eq!(copy.usize("min-words"), 20, "the parent's option");
        assert!(s.lexicon.reporting_verbs.contains("quipped"));
        assert!(s.names.same("KI", "Kessa Independent"));
        assert!(s.names.same("KIND", "Kessa Independent"));
        assert!(
            s.ignores(&top.join("desk/drafts/wip.md")),
            "relative to the top"
        );
        assert!(s.ignores(&top.join("desk/old/x.md")), "relative to desk/");
        assert!(!s.ignores(&top.join("old/x.md")));
        let _ = std::fs::remove_dir_all(&top);
    }

    #[test]
    fn root_true_extends_nothing_and_a_work_tree_top_is_a_root() {
        let top = newsroom("root", "root: true\nrules:\n  copy-verbatim: error\n");
        let mut finder = ConfigFinder::default();
        let s = finder.for_path(Some(&top.join("desk/a.md"))).unwrap();
        assert!(s.rule("source-unused").is_some(), "the built-in severity");
        assert_eq!(s.rule("copy-verbatim").unwrap().usize("min-words"), 12);
        assert!(!s.names.same("KI", "Kessa Independent"));
        assert!(!s.ignores(&top.join("desk/drafts/wip.md")));
        assert_eq!(
            parent_config(&top.join(".fairlint.yaml")),
            None,
            "the top of the work tree"
        );
        let _ = std::fs::remove_dir_all(&top);
    }

    #[test]
    fn ignore_globs_match_relative_paths() {
        let s = Settings::parse(
            Path::new("proj/.fairlint.yaml"),
            "ignore: [\"drafts/**\"]\n",
        )
        .unwrap();
        assert!(s.ignores(Path::new("proj/drafts/a.md")));
        assert!(!s.ignores(Path::new("proj/stories/a.md")));
    }

    /// Overrides win key by key: a rule set in them leaves the config's other rules as they
    /// are; a list (`ignore`) replaces the config's.
    #[test]
    fn overrides_merge_over_a_config() {
        let dir = std::env::temp_dir().join(format!("fairlint-overrides-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let config = dir.join(".fairlint.yaml");
        std::fs::write(
            &config,
            "rules:\n  source-unused: off\nignore: [\"drafts/**\"]\n",
        )
        .unwrap();
        let overrides: serde_yaml::Mapping =
            crate::yaml::from_str("rules:\n  copy-verbatim: off\nignore: [\"wire/**\"]\n").unwrap();
        let s = Settings::with_overrides(Some(&config), true, &overrides).unwrap();
        assert!(s.rule("source-unused").is_none(), "the config's rule stays");
        assert!(s.rule("copy-verbatim").is_none(), "the override's rule");
        assert!(s.ignores(&dir.join("wire/a.md")));
        assert!(!s.ignores(&dir.join("drafts/a.md")), "the list is replaced");
        let none = Settings::with_overrides(None, false, &serde_yaml::Mapping::new()).unwrap();
        assert!(none.rule("source-unused").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
