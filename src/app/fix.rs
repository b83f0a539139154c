//! Writing fixed articles back (`check --fix`), and counting what was fixed and what is left for
//! the line on stderr. The articles may come from an untrusted pull request, so a fix is written
//! only to a regular, writable file (not a symlink, which could point at any file the runner may
//! write) inside the article's project root, only if the file still holds the text that was
//! checked, and atomically: a temporary file in the same folder renamed over the article, so
//! that an interrupted run leaves the old text or the new, never half of each.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::input::{FileError, MAX_FILE_BYTES};
use crate::report::{FileReport, plural_of};
use crate::untrusted;

/// `--fix` writes the files; `--diff` only shows what it would write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Diff,
}

/// What fixing one article changed: its text before and after, how many findings the fixes
/// settled, and the report of the text as it was (what stands if the file cannot be written).
pub(crate) struct Fixed {
    /// The article's file (`None`: stdin, which is never written).
    pub path: Option<PathBuf>,
    pub before: Arc<str>,
    pub after: Arc<str>,
    pub count: usize,
    pub unfixed: FileReport,
}

/// Findings fixed and left over the run, for the line on stderr.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub fixed: usize,
    pub remaining: usize,
}

impl Tally {
    /// Counts one file in and returns its report. With `Mode::Write`, the fixed text is written
    /// back first; a file that cannot be written keeps its findings, with a problem saying why.
    pub(crate) fn record(
        &mut self,
        file: FileReport,
        fixed: Option<Fixed>,
        mode: Mode,
    ) -> FileReport {
        let file = match (fixed, mode) {
            (None, _) => file,
            (Some(fixed), Mode::Diff) => {
                self.fixed += fixed.count;
                file
            }
            (Some(fixed), Mode::Write) => {
                match write_to(fixed.path.as_deref(), &fixed.before, &fixed.after) {
                    Ok(()) => {
                        self.fixed += fixed.count;
                        file
                    }
                    Err(reason) => not_fixed(fixed.unfixed, &reason),
                }
            }
        };
        self.remaining += file.findings.len();
        file
    }

    /// "Fixed 2 findings (3 remaining)." or, for `--diff`, "Would fix 2 findings (3 remaining)."
    pub fn message(&self, mode: Mode) -> String {
        let verb = match mode {
            Mode::Write => "Fixed",
            Mode::Diff => "Would fix",
        };
        format!(
            "{verb} {} ({} remaining).",
            plural_of(self.fixed, "finding"),
            self.remaining
        )
    }
}

/// The report of the text as it was, with the reason its fixes were not written.
fn not_fixed(mut file: FileReport, reason: &str) -> FileReport {
    file.errors.push(FileError {
        path: file.path.clone(),
        message: format!("not fixed: the file {reason}"),
        span: None,
        position: None,
        fatal: false,
    });
    file
}

fn write_to(path: Option<&Path>, before: &str, after: &str) -> Result<(), String> {
    match path {
        Some(path) => write_back(path, before, after),
        None => Err("is stdin: --fix writes only files".into()),
    }
}

/// Replaces the article at `path`, which held `before`, with `after`. The error says why not.
pub(crate) fn write_back(path: &Path, before: &str, after: &str) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| untrusted::io_reason(&e))?;
    if meta.file_type().is_symlink() {
        return Err("is a symbolic link (--fix writes only regular files)".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.permissions().readonly() {
        // Renaming over it would succeed: the folder decides. The file's own bit says no.
        return Err("is read-only".into());
    }
    let root = crate::config::project_root(Some(path));
    if !untrusted::is_inside(path, &root) {
        return Err(format!(
            "resolves outside the project root {}",
            root.display()
        ));
    }
    let now = untrusted::read_file(path, MAX_FILE_BYTES)
        .map_err(|e| format!("cannot be read again: {e}"))?;
    if now != before.as_bytes() {
        return Err("changed while it was being checked; run again".into());
    }
    let temp = temp_path(path);
    let written = write_new(&temp, after.as_bytes(), meta.permissions())
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot be written: {}", untrusted::io_reason(&err)));
    }
    Ok(())
}

/// `desk/.story.md.fairlint-1234.tmp`: hidden, beside the article (a rename does not cross
/// file systems), and named by the process so that two runs do not share one.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "article".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.fairlint-{}.tmp", std::process::id()))
}

/// Creates `temp` (never opening a file that is already there, nor following a link planted
/// in its place) with the article's permissions, and writes `bytes` to disk.
fn write_new(temp: &Path, bytes: &[u8], permissions: std::fs::Permissions) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)?;
    // The article's permissions before its text: a private file never sits readable in the
    // temporary one.
    file.set_permissions(permissions)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fairlint-fix-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".fairlint.yaml"), "").unwrap();
        dir
    }

    #[test]
    fn writes_the_new_text_and_leaves_no_temporary_file() {
        let dir = folder("write");
        let path = dir.join("a.md");
        std::fs::write(&path, "old\n").unwrap();
        write_back(&path, "old\n", "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 2, "a.md and .fairlint.yaml only");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let dir = folder("changed");
        let path = dir.join("a.md");
        std::fs::write(&path, "edited meanwhile\n").unwrap();
        let err = write_back(&path, "old\n", "new\n").unwrap_err();
        assert!(err.contains("changed"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "edited meanwhile\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_read_only_file_is_not_written() {
        let dir = folder("readonly");
        let path = dir.join("a.md");
        std::fs::write(&path, "old\n").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let err = write_back(&path, "old\n", "new\n").unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_not_written_through() {
        let dir = folder("link");
        let outside = folder("link-target").join("target.md");
        std::fs::write(&outside, "old\n").unwrap();
        let link = dir.join("a.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        let err = write_back(&link, "old\n", "new\n").unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "old\n");
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(outside.parent().unwrap());
    }
}
