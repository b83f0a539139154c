//! What fairlint understood of one article, as plain data: the model the checks read and the
//! front ends show, apart from the pipeline that builds it (`check.rs`), so that the checks
//! depend on the model and the pipeline on the checks, never both ways. Also the budget every
//! file's analysis stays within.

use crate::attribution::Attributions;
use crate::claims::Claim;
use crate::document::Article;
use crate::overlap::Overlaps;
use crate::sources::{Names, SourceList};

/// How much work one file may ask for. Attribution compares every claim of a paragraph with
/// every cue in it, over the text between them, so a paragraph of thousands of quotes and
/// reporting verbs took minutes; output grows with the findings. Past a limit the file is an
/// input error ("too much to analyse"), never a stall, and the other files are still checked.
/// Real articles stay far below every limit: a long feature has a few hundred claims, paragraphs
/// of a few dozen claims and cues, and some hundred findings at worst.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Finding quotes: over each sentence, its quotation marks × its tokens.
    pub quotes: u64,
    /// Claims (quotes and figures) in one file.
    pub claims: usize,
    /// Attribution work: over each paragraph, its claims × its possible cues × its bytes.
    pub attribution: u128,
    /// Findings in one file.
    pub findings: usize,
    /// Bytes of findings' text (messages, labels, help, related passages) in one file.
    pub finding_bytes: usize,
}

/// The budget every file is checked within.
pub(crate) const BUDGET: Budget = Budget {
    quotes: 10_000_000,
    claims: 20_000,
    attribution: 1_000_000_000,
    findings: 10_000,
    finding_bytes: 8 * 1024 * 1024,
};

/// What fairlint understood of one article.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub article: Article,
    pub list: SourceList,
    pub names: Names,
    pub claims: Vec<Claim>,
    pub attributions: Attributions,
    /// What the article shares with its originals (empty when none are at hand).
    pub overlaps: Overlaps,
    /// The article asked for more work than [`BUDGET`] allows: it was not analysed past its
    /// claims, `article.problems` says why, and it has no findings.
    pub over_budget: bool,
}
