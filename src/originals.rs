//! Originals: the texts an article was rewritten from, named in front matter (`original:` on a
//! source entry, relative to the article), on the command line (`--original NAME=PATH`) or as a
//! folder (`--originals DIR`). Reading them is guarded: CI checks untrusted pull requests, so a
//! path that leaves the project root is refused unless `--allow-outside-root`, and anything that
//! is not UTF-8 text is refused by name rather than echoed into a log.

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::config::project_root;
use crate::input::FileError;
use crate::sources::SourceList;
pub use crate::untrusted::is_inside;

/// Originals may be far larger than articles (a wire service's full feed, a transcript); they
/// are tokenised compactly, so the cap only guards against the absurd.
pub(crate) const MAX_ORIGINAL_BYTES: u64 = 256 * 1024 * 1024;

/// One original text and the source it belongs to.
#[derive(Debug, Clone)]
pub struct Original {
    /// The source's name as the list (or the command line, or the file) gives it.
    pub source: String,
    /// The path as shown to people.
    pub path: String,
    pub text: Arc<str>,
    /// Where it sits in the archive, when it was found there rather than named for this
    /// article: it shows copying, but it is not the text a credit points to, so quotes and
    /// figures are not checked against it.
    pub archive: Option<ArchiveEntry>,
}

/// An archived text's id and date, shown beside its path in findings.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveEntry {
    pub id: i64,
    pub date: Option<String>,
}

impl Original {
    pub fn archived(&self) -> bool {
        self.archive.is_some()
    }

    /// How findings name it: its path, and for an archived text its archive id and date
    /// (`wire/bridge.md; archive #42, 2025-04-02`).
    pub(crate) fn describe(&self) -> String {
        let Some(entry) = &self.archive else {
            return self.path.clone();
        };
        match &entry.date {
            Some(date) => format!("{}; archive #{}, {date}", self.path, entry.id),
            None => format!("{}; archive #{}", self.path, entry.id),
        }
    }
}

/// Where originals come from for a run, before any article is read.
#[derive(Debug, Clone, Default)]
pub(crate) struct OriginalOptions {
    pub named: Vec<(String, PathBuf)>,
    pub dir: Option<PathBuf>,
    pub allow_outside_root: bool,
}

impl OriginalOptions {
    /// Parses `--original NAME=PATH` values.
    pub fn parse(
        named: &[String],
        dir: Option<&Path>,
        allow_outside_root: bool,
    ) -> Result<OriginalOptions, String> {
        let mut out = OriginalOptions {
            dir: dir.map(Path::to_path_buf),
            allow_outside_root,
            ..OriginalOptions::default()
        };
        for value in named {
            let Some((name, path)) = value.split_once('=') else {
                return Err(format!("--original takes NAME=PATH, got `{value}`"));
            };
            if name.trim().is_empty() || path.trim().is_empty() {
                return Err(format!("--original takes NAME=PATH, got `{value}`"));
            }
            out.named
                .push((name.trim().to_string(), PathBuf::from(path.trim())));
        }
        Ok(out)
    }
}

/// Originals shared by every article of the run (command line and folder).
pub(crate) fn load_shared(
    options: &OriginalOptions,
    root: &Path,
) -> (Vec<Original>, Vec<FileError>) {
    let mut originals = Vec::new();
    let mut errors = Vec::new();
    for (name, path) in &options.named {
        match load(path, root, options.allow_outside_root) {
            Ok(text) => originals.push(Original {
                source: name.clone(),
                path: path.display().to_string(),
                text,
                archive: None,
            }),
            Err(message) => errors.push(original_error(path, message)),
        }
    }
    if let Some(dir) = &options.dir {
        load_dir(
            dir,
            root,
            options.allow_outside_root,
            &mut originals,
            &mut errors,
        );
    }
    (originals, errors)
}

fn load_dir(
    dir: &Path,
    root: &Path,
    allow_outside: bool,
    originals: &mut Vec<Original>,
    errors: &mut Vec<FileError>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(original_error(
                dir,
                format!("cannot read the originals folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        match load(&path, root, allow_outside) {
            Ok(text) => originals.push(Original {
                source: source_of(&path, &text),
                path: path.display().to_string(),
                text,
                archive: None,
            }),
            Err(message) => errors.push(original_error(&path, message)),
        }
    }
}

/// The source an original belongs to: `source:` in its front matter, else its file name
/// ("reuters.txt" → "reuters", "associated-press.md" → "associated press").
fn source_of(path: &Path, text: &str) -> String {
    if let Some((_, Ok(value))) = crate::document::front_matter_value(text)
        && let Some(source) = value.get("source").and_then(serde_yaml::Value::as_str)
    {
        return source.to_string();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    stem.replace(['-', '_'], " ")
}

/// Originals named in the article's own front matter, relative to the article.
pub(crate) fn load_from_front_matter(
    article_path: Option<&Path>,
    list: &SourceList,
    root: &Path,
    allow_outside: bool,
) -> (Vec<Original>, Vec<FileError>) {
    let mut originals = Vec::new();
    let mut errors = Vec::new();
    let base = article_path
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    for entry in &list.entries {
        let Some(relative) = &entry.original else {
            continue;
        };
        let path = base.join(relative);
        match load(&path, root, allow_outside) {
            Ok(text) => originals.push(Original {
                source: entry.name.clone(),
                path: path.display().to_string(),
                text,
                archive: None,
            }),
            Err(message) => errors.push(original_error(&path, message)),
        }
    }
    (originals, errors)
}

fn original_error(path: &Path, message: String) -> FileError {
    FileError {
        path: path.display().to_string(),
        message: format!("original: {message}"),
        span: None,
        position: None,
        fatal: false,
    }
}

/// Reads one original, refusing what must not be read.
fn load(path: &Path, root: &Path, allow_outside: bool) -> Result<Arc<str>, String> {
    if !allow_outside && !is_inside(path, root) {
        return Err(format!(
            "is outside the project root {}; pass --allow-outside-root to read it",
            root.display()
        ));
    }
    let bytes = crate::untrusted::read_file(path, MAX_ORIGINAL_BYTES)?;
    if let Some(reason) = crate::input::not_text(&bytes) {
        return Err(format!("is not text: {reason}"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 (invalid byte at offset {}); convert it to UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Arc::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let root = std::env::temp_dir().join(format!("fairlint-orig-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "An original.").unwrap();
        // Which paths are inside is `untrusted`'s to test; here, what loading does with them.
        let err = load(Path::new("/etc/passwd"), &root, false).unwrap_err();
        assert!(err.contains("--allow-outside-root"), "{err}");
        std::fs::write(root.join("bin.txt"), b"\x00\x01").unwrap();
        assert!(
            load(&root.join("bin.txt"), &root, false)
                .unwrap_err()
                .contains("binary")
        );
        std::fs::write(root.join("latin1.txt"), b"caf\xe9").unwrap();
        assert!(
            load(&root.join("latin1.txt"), &root, false)
                .unwrap_err()
                .contains("not UTF-8")
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn source_names_come_from_front_matter_or_file_name() {
        assert_eq!(
            source_of(Path::new("x/associated-press.md"), "Text"),
            "associated press"
        );
        assert_eq!(
            source_of(Path::new("x/a.md"), "---\nsource: Reuters\n---\nText"),
            "Reuters"
        );
        assert_eq!(
            source_of(
                Path::new("x/a.md"),
                "\u{feff}---\r\nsource: AP\r\n---\r\nText"
            ),
            "AP"
        );
        assert_eq!(
            source_of(Path::new("x/a.md"), "---\rsource: AFP\r---\rText"),
            "AFP"
        );
    }

    #[test]
    fn original_flags_need_a_name_and_a_path() {
        assert!(OriginalOptions::parse(&["Reuters=a.txt".into()], None, false).is_ok());
        assert!(OriginalOptions::parse(&["a.txt".into()], None, false).is_err());
        assert!(OriginalOptions::parse(&["=a.txt".into()], None, false).is_err());
    }
}
