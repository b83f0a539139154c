//! Project configuration: `.fairlint.yaml`, found upward from each article or named with
//! `--config`. It changes severities, turns rules off, sets rule options, extends lexicons and
//! aliases, and ignores paths. Mistakes are errors that point at the line and column, with a
//! "did you mean" for misspelled keys and rule ids, because a silently ignored setting is worse
//! than none.

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

pub const FILE_NAMES: &[&str] = &[".fairlint.yaml", ".fairlint.yml"];

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
}

const TOP_KEYS: &[&str] = &["rules", "lexicons", "aliases", "ignore"];

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

    pub fn float(&self, name: &str) -> f64 {
        self.options
            .get(name)
            .and_then(serde_yaml::Value::as_f64)
            .unwrap_or(0.0)
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
    ignore: GlobSet,
    root: PathBuf,
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
            ignore: GlobSet::empty(),
            root: PathBuf::from("."),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleSettings> {
        self.rules.get(id).filter(|r| r.severity.is_some())
    }

    /// The article is excluded by an `ignore:` glob (relative to the config's folder).
    pub fn ignores(&self, path: &Path) -> bool {
        if self.ignore.is_empty() {
            return false;
        }
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let relative = absolute.strip_prefix(&root).unwrap_or(path);
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        self.ignore.is_match(relative)
    }

    /// Loads a config file. One found by discovery (`discovered`) must be a regular file inside
    /// its project root; one named with `--config` may be anywhere, but its text is echoed in
    /// errors only when it is inside the root, so that no outside file reaches a CI log.
    pub fn load(path: &Path, discovered: bool) -> Result<Settings, Box<ConfigError>> {
        let (text, echo) = read(path, discovered)?;
        Settings::parse(path, &text).map_err(|mut err| {
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

    pub fn parse(path: &Path, text: &str) -> Result<Settings, Box<ConfigError>> {
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
        let mut settings = Settings::builtin();
        settings.path = Some(path.to_path_buf());
        // `.fairlint.yaml` found in the working folder has an empty parent: that folder is the
        // root ("" would make every `ignore:` glob meet an absolute path and never match).
        settings.root = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
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
            let entry = settings
                .rules
                .get_mut(&id)
                .expect("every rule has defaults");
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
                    entry.severity = match level {
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
                    };
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
        let outlets: Vec<OutletEntry> = file
            .aliases
            .iter()
            .map(|(name, aliases)| OutletEntry {
                name: name.clone(),
                aliases: aliases.clone(),
            })
            .collect();
        settings.lexicon = Lexicon::with_extensions(&file.lexicons, &outlets);
        settings.names = Names::new(&settings.lexicon.outlets);
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
        settings.ignore = globs
            .build()
            .map_err(|e| error(format!("invalid ignore globs: {e}"), None, "", None))?;
        Ok(settings)
    }
}

/// A config is small; anything larger is not one (and must not fill memory).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

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
pub fn find_upward(dir: &Path) -> Option<PathBuf> {
    let absolute = crate::untrusted::absolute_lexical(dir);
    let mut current = Some(absolute.as_path());
    while let Some(d) = current {
        if let Some(name) = FILE_NAMES
            .iter()
            .find(|n| crate::untrusted::has_entry(d, n))
        {
            return Some(d.join(name));
        }
        current = d.parent();
    }
    None
}

/// Finds and caches the config that applies to each article.
#[derive(Default)]
pub struct ConfigFinder {
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
    pub fn for_path(&mut self, path: Option<&Path>) -> Result<Arc<Settings>, Box<ConfigError>> {
        if let Some(explicit) = &self.explicit {
            return Ok(explicit.clone());
        }
        let dir = match path.and_then(Path::parent) {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let found = self.find_upward(&dir);
        match found {
            Some(config) => {
                if let Some(settings) = self.loaded.get(&config) {
                    return Ok(settings.clone());
                }
                let settings = Arc::new(Settings::load(&config, true)?);
                self.loaded.insert(config, settings.clone());
                Ok(settings)
            }
            None => Ok(self
                .builtin
                .get_or_insert_with(|| Arc::new(Settings::builtin()))
                .clone()),
        }
    }

    fn find_upward(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.by_dir.get(dir) {
            return hit.clone();
        }
        let found = find_upward(dir);
        // Shown in diagnostics: relative to the working directory when it is below it.
        let found = found.map(|path| {
            std::env::current_dir()
                .ok()
                .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
                .unwrap_or(path)
        });
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }
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
        let err = parse("rules:\n  source-unused: false\n").err().unwrap();
        assert!(
            err.message
                .contains("expected a severity or a table of options"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("untagged"));
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
}
