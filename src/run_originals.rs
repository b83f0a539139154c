//! The originals one article is compared with: those the run shares (command line, folder,
//! editor settings), those its own front matter names, and the archived texts most like it. Its
//! own module because it joins the two places originals come from, files (`originals.rs`) and
//! the archive (`archive/`), which themselves depend only one way, the archive on the files'
//! types.

use std::path::Path;
use std::sync::Arc;

use crate::archive::pool::Pool;
use crate::input::FileError;
use crate::originals::{Original, load_from_front_matter, project_root};
use crate::sources::SourceList;

/// The originals every article of a run is compared with, whether front matter may name
/// originals outside the project root, and the archive to look for more in. The command line
/// fills it from its flags, the language server from its options; the pipeline adds each
/// article's own.
#[derive(Default)]
pub struct RunOriginals {
    pub shared: Vec<Arc<Original>>,
    pub allow_outside_root: bool,
    /// A few connections, shared by the threads checking articles; each takes one for a query.
    pub archive: Option<Pool>,
    /// Front matter names no files: the text is not a file of a project (a test, a benchmark,
    /// a fuzzer's input), so what its front matter names must not be read from disk.
    pub in_memory: bool,
}

impl RunOriginals {
    /// Only `originals`, for a text that is not a file.
    pub fn only(originals: &[Arc<Original>]) -> RunOriginals {
        RunOriginals {
            shared: originals.to_vec(),
            in_memory: true,
            ..RunOriginals::default()
        }
    }
}

/// Every original one article is compared with: those its front matter names, those shared by
/// the run, and the archived texts most like it. Problems (a missing original, a failed archive
/// query) are for this article only.
pub(crate) fn article_originals(
    path: Option<&Path>,
    display: &str,
    text: &str,
    list: &SourceList,
    originals: &RunOriginals,
) -> (Vec<Arc<Original>>, Vec<FileError>) {
    let (mut found, mut errors) = if originals.in_memory {
        (Vec::new(), Vec::new())
    } else {
        let root = project_root(path);
        load_from_front_matter(path, list, &root, originals.allow_outside_root)
    };
    found.extend(originals.shared.iter().map(|o| (**o).clone()));
    if let Some(store) = &originals.archive {
        found.extend(archived_originals(store, text, display, &mut errors));
    }
    // One text reached by two routes (the source list and `--originals`, or the archive) is
    // one original: checked twice it would report every copied passage twice. The first route
    // wins, the source list's, which carries the list's name for it.
    let mut unique: Vec<Original> = Vec::with_capacity(found.len());
    for original in found {
        if !unique.iter().any(|u| u.text == original.text) {
            unique.push(original);
        }
    }
    (unique.into_iter().map(Arc::new).collect(), errors)
}

/// The archived texts most like the article; a failed query is a problem for this file only.
fn archived_originals(
    pool: &Pool,
    text: &str,
    display: &str,
    errors: &mut Vec<FileError>,
) -> Vec<Original> {
    match pool.with(|store| crate::archive::originals_for(store, text)) {
        Ok(found) => found,
        Err(err) => {
            errors.push(FileError {
                path: display.to_string(),
                message: err.to_string(),
                span: None,
                position: None,
                fatal: false,
            });
            Vec::new()
        }
    }
}
