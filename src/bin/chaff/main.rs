//! `chaff`: extract articles, show block labels, write cleaned pages, score
//! extraction on a corpus.

mod args;
mod batch;
mod classify_cmd;
mod eval_cmd;
mod extract_cmd;

use std::process::ExitCode;

use args::{Cli, Command, Failure};
use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and --version go to stdout with status 0; usage errors to
            // stderr with status 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let result = match &cli.command {
        Command::Extract(a) => extract_cmd::run(a),
        Command::Classify(a) => classify_cmd::run(a),
        Command::Clean(a) => classify_cmd::clean(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "chaff", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(e)) => {
            eprintln!("chaff: {e}\n(run 'chaff --help' for usage)");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            eprintln!("chaff: {e}");
            ExitCode::from(1)
        }
    }
}
