//! A small argument parser: positional arguments and `--flag value` options.

use std::collections::HashMap;

pub struct Args {
    pub positional: Vec<String>,
    options: HashMap<String, String>,
}

pub enum Failure {
    Usage(String),
    Io(String),
}

const WITH_VALUE: &[(&str, &str)] = &[("--format", "-f"), ("--output", "-o"), ("--hide", "")];

impl Args {
    pub fn parse(argv: &[String]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = HashMap::new();
        let mut it = argv.iter();
        while let Some(arg) = it.next() {
            if arg == "-" || !arg.starts_with('-') {
                positional.push(arg.clone());
                continue;
            }
            if arg == "--" {
                positional.extend(it.by_ref().cloned());
                break;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            let Some(&(long, _)) = WITH_VALUE
                .iter()
                .find(|(l, s)| *l == name || (!s.is_empty() && *s == name))
            else {
                return Err(format!("unknown option '{arg}'"));
            };
            let value = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("option '{long}' needs a value"))?,
            };
            options.insert(long.to_string(), value);
        }
        Ok(Args {
            positional,
            options,
        })
    }

    pub fn option(&self, long: &str) -> Option<&str> {
        self.options.get(long).map(String::as_str)
    }

    pub fn format(&self, allowed: &[&str], default: &'static str) -> Result<String, Failure> {
        let f = self.option("--format").unwrap_or(default);
        if allowed.contains(&f) {
            Ok(f.to_string())
        } else {
            Err(Failure::Usage(format!(
                "--format must be one of {}, not '{f}'",
                allowed.join(", ")
            )))
        }
    }

    pub fn one_file(&self) -> Result<&str, Failure> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            [] => Err(Failure::Usage("a FILE is needed".into())),
            _ => Err(Failure::Usage("this command takes one FILE".into())),
        }
    }
}
