//! The command line's grammar (clap, derive): commands, flags, help texts.

use chaff::label::Label;
use clap::{Parser, Subcommand, ValueEnum};

pub const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  a file could not be read or parsed
  2  bad usage
  3  extract found no article (in at least one page)";

/// Cleans article pages of paywall teasers, app promotions, link farms and the like.
#[derive(Parser)]
#[command(
    name = "chaff",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    after_help = EXIT_STATUS
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print the article of each page, without its chrome
    #[command(after_help = EXTRACT_NOTES)]
    Extract(ExtractArgs),
    /// List every block of a page: label, confidence, reason, text
    #[command(after_help = EXIT_STATUS)]
    Classify(ClassifyArgs),
    /// Write the page without its chrome or scripts
    #[command(after_help = clean_notes())]
    Clean(CleanArgs),
    /// Score extraction on a corpus
    #[command(after_help = EVAL_NOTES)]
    Eval(EvalArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(after_help = "\
Install, for example:
  bash:  chaff completions bash > ~/.local/share/bash-completion/completions/chaff
  zsh:   chaff completions zsh > ~/.zfunc/_chaff   (with fpath+=~/.zfunc before compinit)
  fish:  chaff completions fish > ~/.config/fish/completions/chaff.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const EXTRACT_NOTES: &str = "\
FILE may be - for standard input; gzip-compressed pages are read as such.
With several files, or --format jsonl, extract prints one JSON object per line:
{\"file\", \"title\", \"byline\", \"date\", \"articleBody\"}, or {\"file\", \"error\"} for a
file that failed; the other files go on.

Exit status:
  0  success
  1  a file could not be read or parsed
  2  bad usage
  3  extract found no article (in at least one page)";

/// The labels and the default kinds come from the core's policy.
fn clean_notes() -> String {
    let names = |pick: fn(&chaff::Label) -> bool| {
        chaff::Label::ALL
            .iter()
            .filter(|l| pick(l))
            .map(|l| l.name())
            .collect::<Vec<_>>()
    };
    format!(
        "KINDS is a comma-separated list of labels: {} (default: {}).\n\
         Article labels ({}) and the elements {} are never hidden.\n\n\
         Exit status:\n  0  success\n  1  a file could not be read or parsed\n  2  bad usage",
        names(|_| true).join(", "),
        names(|l| l.hidden_by_default()).join(","),
        names(|l| l.is_article()).join(", "),
        chaff::policy::NEVER_HIDDEN_TAGS
            .iter()
            .map(|t| format!("<{t}>"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

const EVAL_NOTES: &str = "\
DIR is either Readability's layout (DIR/*/source.html + expected.html) or a
benchmark layout (DIR/html/*.html[.gz] + DIR/ground-truth.json).

Exit status:
  0  success
  1  a file could not be read or parsed
  2  bad usage";

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// The pages' address: relative links and images in markdown and html
    /// output are made absolute against it (or against the page's <base href>)
    #[arg(long, value_name = "URL", value_parser = absolute_url)]
    pub url: Option<String>,
    /// Keep figure captions and photo credits in the article's text. By
    /// default they are left out, but for a photo story whose captions hold
    /// most of its text; gallery controls always are
    #[arg(long)]
    pub captions: bool,
    /// Pages to read (- for standard input)
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Plain text, one block per line
    Text,
    /// Title, byline, date and text as one JSON object
    Json,
    /// Markdown, headed by the title
    Markdown,
    /// The article's HTML
    Html,
    /// One JSON object per line
    Jsonl,
}

#[derive(clap::Args)]
pub struct ClassifyArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Page to read (- for standard input)
    #[arg(value_name = "FILE")]
    pub file: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for people
    Table,
    /// Pretty-printed JSON
    Json,
}

#[derive(clap::Args)]
pub struct CleanArgs {
    /// Kinds of block to leave out, comma-separated
    #[arg(long, value_name = "KINDS", value_parser = kinds)]
    pub hide: Option<Kinds>,
    /// Write the page to OUT instead of standard output
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<String>,
    /// The page's address: relative links and images are made absolute
    /// against it (or against the page's <base href>)
    #[arg(long, value_name = "URL", value_parser = absolute_url)]
    pub url: Option<String>,
    /// Page to read (- for standard input)
    #[arg(value_name = "FILE")]
    pub file: String,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Output format
    #[arg(short, long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Corpus folder
    #[arg(value_name = "DIR")]
    pub dir: String,
}

/// A list of labels, as `--hide` takes it.
#[derive(Clone)]
pub struct Kinds(pub Vec<Label>);

fn kinds(list: &str) -> Result<Kinds, String> {
    list.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| Label::parse(k).ok_or_else(|| format!("unknown kind '{k}'")))
        .collect::<Result<_, _>>()
        .map(Kinds)
}

fn absolute_url(s: &str) -> Result<String, String> {
    url::Url::parse(s.trim())
        .map(|_| s.trim().to_string())
        .map_err(|e| format!("not an absolute URL ({e})"))
}

/// A failed command: bad usage (exit 2) or a file that could not be read or
/// written (exit 1).
pub enum Failure {
    #[allow(dead_code)]
    Usage(String),
    Io(String),
}
