//! `chaff`: extract articles, show block labels, write cleaned pages, score
//! extraction on a corpus.

mod args;
mod batch;
mod classify_cmd;
mod eval_cmd;
mod extract_cmd;

use std::process::ExitCode;

const USAGE: &str = "\
chaff: cleans article pages of paywall teasers, app promotions, link farms and the like

Usage:
  chaff extract [--format text|json|markdown|html|jsonl] FILE...
  chaff classify [--format table|json] FILE
  chaff clean [--hide KINDS] [--output OUT] FILE
  chaff eval [--format table|json] DIR

FILE may be - for standard input. With several files, or --format jsonl,
extract prints one JSON object per line: {\"file\", \"title\", \"byline\", \"articleBody\"}.
KINDS is a comma-separated list of labels (default: paywall,app-promo,link-farm,
newsletter,social,ad,consent).
eval reads Readability's layout (DIR/*/source.html + expected.html) or a
benchmark layout (DIR/html/*.html + DIR/ground-truth.json).

Exit status: 0 on success, 1 when a file could not be read or parsed,
2 on bad usage, 3 when extract found no article.";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = argv.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let parsed = match args::Args::parse(rest) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let result = match command.as_str() {
        "extract" => extract_cmd::run(&parsed),
        "classify" => classify_cmd::run(&parsed),
        "clean" => classify_cmd::clean(&parsed),
        "eval" => eval_cmd::run(&parsed),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("chaff {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        other => return usage_error(&format!("unknown command '{other}'")),
    };
    match result {
        Ok(code) => code,
        Err(args::Failure::Usage(e)) => usage_error(&e),
        Err(args::Failure::Io(e)) => {
            eprintln!("chaff: {e}");
            ExitCode::from(1)
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("chaff: {message}\n(run 'chaff --help' for usage)");
    ExitCode::from(2)
}
