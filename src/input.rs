//! Which files to check, and reading them safely. Paths can be files, directories (walked,
//! honouring .gitignore), globs, or `-` for stdin. A file that cannot be read as UTF-8 text is a
//! clear error for that file and never stops the others.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobBuilder;

/// Articles larger than this are refused: a news article is kilobytes, and a huge file is almost
/// always a mistake (a data dump, a log) that would only make the run slow.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
// Tokens keep their offsets in `u32` (`text.rs`); a larger limit needs wider offsets there.
const _: () = assert!(MAX_FILE_BYTES <= u32::MAX as u64);

/// File endings taken from a directory walk; files named on the command line are always read.
pub(crate) const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt", "text"];

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Stdin { name: String },
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin { name } => name.clone(),
            Input::File(path) => path.display().to_string(),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin { name } if name != "-" => Some(Path::new(name)),
            Input::Stdin { .. } => None,
            Input::File(path) => Some(path),
        }
    }
}

/// A problem reading or understanding one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub path: String,
    pub message: String,
    pub span: Option<Range<usize>>,
    /// Line and column (1-based, in characters) when there is a position but no span into a
    /// checked source (invalid UTF-8).
    pub position: Option<(usize, usize)>,
    /// The file could not be checked at all (as opposed to checked with a problem).
    pub fatal: bool,
}

impl FileError {
    pub fn fatal(path: &str, message: impl Into<String>) -> FileError {
        FileError {
            path: path.to_string(),
            message: message.into(),
            span: None,
            position: None,
            fatal: true,
        }
    }
}

/// What a directory walk does with a symlink it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    /// Passes over it, as `check` does.
    Skip,
    /// Takes a symlinked file that resolves inside the folder walked, and reports any other
    /// symlink by name (one leaving the folder, to a folder, or to nothing): `archive add` must
    /// not leave texts out without a word, nor pull in files from elsewhere.
    FollowInside,
}

/// Expands the command-line paths into inputs, in the order given (directories in path order);
/// a path that yields nothing is an error in its place.
pub fn collect(paths: &[String], stdin_name: Option<&str>) -> Vec<Result<Input, FileError>> {
    collect_with(paths, stdin_name, Links::Skip)
}

/// [`collect`], saying what to do with symlinks met in a walk.
pub(crate) fn collect_with(
    paths: &[String],
    stdin_name: Option<&str>,
    links: Links,
) -> Vec<Result<Input, FileError>> {
    let mut out = Vec::new();
    for arg in paths {
        let mut inputs = Vec::new();
        let mut errors = Vec::new();
        collect_one(arg, stdin_name, links, &mut inputs, &mut errors);
        out.extend(errors.into_iter().map(Err));
        out.extend(inputs.into_iter().map(Ok));
    }
    out
}

fn collect_one(
    arg: &str,
    stdin_name: Option<&str>,
    links: Links,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<FileError>,
) {
    {
        if arg == "-" {
            inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("-").to_string(),
            });
            return;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let before = inputs.len();
            walk(path, links, inputs, errors);
            if inputs.len() == before {
                errors.push(FileError::fatal(
                    arg,
                    "no articles found (looked for .md, .markdown, .mdx, .txt)",
                ));
            }
        } else if path.exists() {
            inputs.push(Input::File(path.to_path_buf()));
        } else if arg.contains(['*', '?', '[']) {
            let before = inputs.len();
            glob(arg, links, inputs, errors);
            if inputs.len() == before {
                errors.push(FileError::fatal(arg, "no files match this pattern"));
            }
        } else {
            errors.push(FileError::fatal(arg, "no such file or directory"));
        }
    }
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk(dir: &Path, links: Links, inputs: &mut Vec<Input>, errors: &mut Vec<FileError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry)
                if entry.file_type().is_some_and(|t| t.is_file()) && is_article(entry.path()) =>
            {
                inputs.push(Input::File(entry.into_path()));
            }
            Ok(entry)
                if links == Links::FollowInside
                    && entry.file_type().is_some_and(|t| t.is_symlink()) =>
            {
                match symlink_inside(dir, entry.path()) {
                    Ok(true) => inputs.push(Input::File(entry.into_path())),
                    Ok(false) => {}
                    Err(reason) => errors.push(FileError::fatal(
                        &entry.path().display().to_string(),
                        reason,
                    )),
                }
            }
            Ok(_) => {}
            Err(err) => errors.push(FileError::fatal(
                &dir.display().to_string(),
                err.to_string(),
            )),
        }
    }
}

/// Whether a symlink met in walking `dir` is an article to take (`Ok(false)`: not an article by
/// its name), or why it is not followed.
fn symlink_inside(dir: &Path, link: &Path) -> Result<bool, String> {
    let target = std::fs::canonicalize(link)
        .map_err(|_| "is a symlink to nothing (broken); not archived".to_string())?;
    if target.is_dir() {
        return Err(
            "is a symlink to a folder, which is not followed; name the folder itself to take it"
                .into(),
        );
    }
    if !is_article(link) {
        return Ok(false);
    }
    let root = std::fs::canonicalize(dir).map_err(|e| format!("cannot resolve the folder: {e}"))?;
    if !target.starts_with(&root) {
        return Err(format!(
            "is a symlink to {}, outside {}; not followed (name the file itself to take it)",
            target.display(),
            dir.display()
        ));
    }
    Ok(target.is_file())
}

fn glob(pattern: &str, links: Links, inputs: &mut Vec<Input>, errors: &mut Vec<FileError>) {
    let matcher = match GlobBuilder::new(pattern).literal_separator(true).build() {
        Ok(g) => g.compile_matcher(),
        Err(err) => {
            errors.push(FileError::fatal(pattern, format!("invalid glob: {err}")));
            return;
        }
    };
    let base: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect();
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    if !base.is_dir() {
        return;
    }
    let mut found = Vec::new();
    walk(&base, links, &mut found, errors);
    for input in found {
        if let Input::File(path) = &input {
            let relative = path.strip_prefix("./").unwrap_or(path);
            if matcher.is_match(relative) || matcher.is_match(path) {
                inputs.push(input);
            }
        }
    }
}

/// What reading a file gave: text to check, or a reason it was skipped.
#[derive(Debug)]
pub enum Loaded {
    Text(Arc<str>),
    /// Nothing to check, and nothing wrong (an empty file).
    Empty,
}

/// Reads one input: stdin up to the limit, a file only when it is a regular file under the
/// limit (a FIFO would block and `/dev/zero` never ends). A file that is a symlink leaving its
/// project root is refused unless `allow_outside_root`: CI may be handed file names from a pull
/// request, and the article is printed in findings.
pub fn read(input: &Input, allow_outside_root: bool) -> Result<Loaded, FileError> {
    let name = input.display();
    let bytes = match input {
        Input::Stdin { .. } => crate::untrusted::read_stdin(MAX_FILE_BYTES)
            .map_err(|e| FileError::fatal(&name, format!("stdin {e}")))?,
        Input::File(path) => {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if link && !allow_outside_root {
                let root = crate::config::project_root(Some(path));
                crate::untrusted::require_inside(path, &root).map_err(|e| {
                    FileError::fatal(&name, format!("{e}; pass --allow-outside-root to read it"))
                })?;
            }
            crate::untrusted::read_file(path, MAX_FILE_BYTES)
                .map_err(|e| FileError::fatal(&name, describe(&e)))?
        }
    };
    decode(&name, bytes)
}

/// "is over the 16 MiB limit" reads as "file is over the 16 MiB limit for an article".
fn describe(reason: &str) -> String {
    match reason.strip_prefix("is ") {
        Some(rest) if rest.starts_with("over") => format!("file is {rest} for an article"),
        Some(rest) => format!("cannot read: this is {rest}"),
        None => format!("cannot read: {reason}"),
    }
}

/// Bytes to text: refuses binary data and invalid UTF-8 (saying where), skips empty files.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Loaded, FileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::fatal(
            name,
            format!(
                "input is over the {} MiB limit for an article",
                MAX_FILE_BYTES / 1048576
            ),
        ));
    }
    if let Some(reason) = not_text(&bytes) {
        return Err(FileError::fatal(name, reason));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let prefix = &err.as_bytes()[..at];
            let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = prefix
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&prefix[line_start..])
                .chars()
                .count()
                + 1;
            return Err(FileError {
                path: name.to_string(),
                message: format!(
                    "invalid UTF-8 at line {line}, column {column} (byte {at}); save the file as UTF-8"
                ),
                span: None,
                position: Some((line, column)),
                fatal: true,
            });
        }
    };
    if text.trim().is_empty() {
        return Ok(Loaded::Empty);
    }
    Ok(Loaded::Text(Arc::from(text)))
}

/// Why `bytes` are not UTF-8 text fairlint can read, when a look at the bytes says so: UTF-16
/// (by its byte-order mark, or by the zero byte beside every ASCII letter) is named with how to
/// convert it; any other NUL byte, wherever it is, makes the file binary.
pub(crate) fn not_text(bytes: &[u8]) -> Option<String> {
    let convert = "fairlint reads UTF-8; convert it with `iconv -f UTF-16 -t UTF-8 FILE > NEW`";
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some("little-endian"),
        [0xFE, 0xFF, ..] => Some("big-endian"),
        _ => utf16_without_bom(bytes),
    };
    if let Some(order) = utf16 {
        return Some(format!("file is UTF-16 ({order}); {convert}"));
    }
    let at = bytes.iter().position(|b| *b == 0)?;
    Some(format!(
        "binary file (a NUL byte at byte {at}); fairlint reads UTF-8 text"
    ))
}

/// UTF-16 without a byte-order mark: in the first 8 KiB, NUL bytes sit at nearly all even (big-
/// endian) or nearly all odd (little-endian) offsets, as they do beside ASCII letters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(8192)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some("little-endian")
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some("big-endian")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode("a.md", b"ok\nab\xffcd".to_vec()).unwrap_err();
        assert!(err.message.contains("line 2, column 3"), "{}", err.message);
    }

    #[test]
    fn utf16_is_named_and_late_nuls_are_binary() {
        let le: Vec<u8> = "Hi there"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Hi there"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        for (bytes, order) in [(le.clone(), "little"), (be, "big")] {
            let err = decode("a.md", bytes).unwrap_err();
            assert!(
                err.message.contains(&format!("UTF-16 ({order}-endian)")),
                "{}",
                err.message
            );
            assert!(err.message.contains("iconv"), "{}", err.message);
        }
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(le);
        assert!(decode("a.md", bom).unwrap_err().message.contains("UTF-16"));
        let mut late = "text ".repeat(4000).into_bytes();
        late.push(0);
        let err = decode("a.md", late).unwrap_err();
        assert!(
            err.message.contains("NUL byte at byte 20000"),
            "{}",
            err.message
        );
    }

    #[test]
    fn binary_and_empty_files() {
        assert!(
            decode("a.md", b"\x00\x01".to_vec())
                .unwrap_err()
                .message
                .contains("binary")
        );
        assert!(matches!(
            decode("a.md", b"  \n".to_vec()),
            Ok(Loaded::Empty)
        ));
    }
}
