//! fairlint: checks that every quote and figure in a rewritten news article has a named source
//! on the article's source list. The library is the whole tool; `main.rs` only turns
//! [`cli::run`]'s result into an exit code.

pub mod align;
mod analysis;
pub mod app;
pub mod archive;
pub mod attribution;
pub mod check;
mod checks;
pub mod claims;
pub mod cli;
pub mod config;
pub mod document;
pub mod emit;
pub mod finding;
pub(crate) mod fix;
pub mod input;
pub mod lexicon;
pub(crate) mod list_edit;
pub mod lsp;
pub mod originals;
pub(crate) mod overlap;
pub(crate) mod percent;
pub mod position;
pub mod report;
pub mod rules;
mod run_originals;
pub(crate) mod segment;
pub(crate) mod snippet;
pub(crate) mod sources;
pub(crate) mod suppress;
pub(crate) mod text;
pub(crate) mod untrusted;
pub(crate) mod visible;
pub mod yaml;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
