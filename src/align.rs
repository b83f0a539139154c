//! Placeholder while the alignment engine is written.
