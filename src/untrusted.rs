//! Reading files that an untrusted pull request controls. fairlint runs in CI on articles from
//! pull requests, and a pull request can commit a symlink (`.fairlint.yaml` →
//! `/proc/self/environ`), a FIFO or a huge file. Every file fairlint finds by itself (a config
//! found upward from an article, an original named in front matter or a folder, the default
//! archive) goes through here, so that it is read only when it is a regular file inside the
//! project root, and never past a size limit.
//!
//! The project root of an article (or of the working directory) is the nearest folder above it
//! that holds `.fairlint.yaml` or `.git`, else the working directory. A config's own root is the
//! git work tree that holds it (so a monorepo's configs may link to a shared one), else its
//! folder. Roots are found from the path as written, before symlinks are resolved, and the file
//! must resolve inside it.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// At most this many characters of a message that quotes an input file (a YAML error quoting a
/// value, an unknown key) are shown: enough to recognise it, never a whole file.
pub const MAX_ECHO_CHARS: usize = 400;

/// Reads a file named by the user or found by discovery: refuses anything that is not a regular
/// file (a FIFO would block, a device never ends), and anything over `limit` bytes, reading at
/// most `limit + 1` bytes whatever the file claims its size is (`/proc` files claim 0).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(format!("is {}, not a regular file", kind(&meta)));
    }
    if meta.len() > limit {
        return Err(over_limit(limit));
    }
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    // The path could have been swapped between the two looks; the open file decides.
    let opened = file.metadata().map_err(|e| io_reason(&e))?;
    if !opened.is_file() {
        return Err(format!("is {}, not a regular file", kind(&opened)));
    }
    read_bounded(file, limit)
}

/// Reads stdin, refusing it past `limit` bytes rather than growing without end.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, String> {
    read_bounded(std::io::stdin().lock(), limit)
}

fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(over_limit(limit));
    }
    Ok(bytes)
}

fn over_limit(limit: u64) -> String {
    if limit >= 1024 * 1024 {
        format!("is over the {} MiB limit", limit / (1024 * 1024))
    } else {
        format!("is over the {} KiB limit", limit / 1024)
    }
}

fn kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

/// Refuses a file found by discovery whose real path leaves `root` (a symlink pointing out).
pub fn require_inside(path: &Path, root: &Path) -> Result<(), String> {
    if is_inside(path, root) {
        return Ok(());
    }
    Err(format!(
        "leaves the project root {} (a symlink pointing outside it?); fairlint does not read it",
        root.display()
    ))
}

/// Is `path` inside `root`, after resolving `..` and symlinks? A path that does not exist yet
/// is judged by its components alone.
pub fn is_inside(path: &Path, root: &Path) -> bool {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| lexical(&absolute(root)));
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| lexical(&absolute(path)));
    resolved.starts_with(&root)
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// `path` made absolute against the working directory, `..` resolved without following links.
pub fn absolute_lexical(path: &Path) -> PathBuf {
    lexical(&absolute(path))
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Does `dir` hold an entry called `name`, whatever it is (a symlink to nowhere included)?
pub fn has_entry(dir: &Path, name: &str) -> bool {
    std::fs::symlink_metadata(dir.join(name)).is_ok()
}

/// The root a config file may resolve inside: the git work tree holding it, else its folder.
pub fn config_root(config: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let folder = match config.parent() {
        Some(p) if !p.as_os_str().is_empty() => lexical(&cwd.join(p)),
        _ => cwd,
    };
    folder
        .ancestors()
        .find(|d| has_entry(d, ".git"))
        .map_or_else(|| folder.clone(), Path::to_path_buf)
}

/// Text from an input file as a message may echo it: at most [`MAX_ECHO_CHARS`] characters,
/// with `…` where it was cut.
pub fn cap(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_root_are_refused() {
        let root = std::env::temp_dir().join(format!("fairlint-untrusted-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "An original.").unwrap();
        assert!(is_inside(&root.join("sub/a.txt"), &root));
        assert!(is_inside(&root.join("sub/../sub/a.txt"), &root));
        assert!(!is_inside(&root.join("../../etc/passwd"), &root));
        assert!(!is_inside(Path::new("/etc/passwd"), &root));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", root.join("sub/link.txt")).unwrap();
            assert!(require_inside(&root.join("sub/link.txt"), &root).is_err());
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn reads_stop_at_the_limit() {
        let err = read_bounded(std::io::repeat(b'a'), 1024).unwrap_err();
        assert!(err.contains("1 KiB limit"), "{err}");
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
        #[cfg(unix)]
        assert!(
            read_file(Path::new("/dev/zero"), 1024)
                .unwrap_err()
                .contains("device")
        );
    }

    #[test]
    fn echoed_text_is_capped() {
        let long = "x".repeat(1000);
        assert_eq!(cap(&long).chars().count(), MAX_ECHO_CHARS + 1);
        assert_eq!(cap("short"), "short");
    }
}
