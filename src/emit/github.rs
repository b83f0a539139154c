//! `--format github`: GitHub Actions workflow commands.

use std::io::{self, Write};

use crate::report::RunReport;

pub fn emit(_report: &RunReport, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::other("not implemented yet"))
}
