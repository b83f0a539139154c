use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    ExitCode::from(fairlint::app::run(fairlint::cli::Cli::parse()))
}
