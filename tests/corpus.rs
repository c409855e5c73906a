//! The development corpus bar: `chaff eval` on Readability's test pages must
//! reach F1 >= 0.95 and recall >= 0.95. The corpus lives outside the repo
//! (../shared/corpus/readability); without it this test says so and passes.

use std::path::Path;
use std::process::Command;

#[test]
fn readability_corpus_meets_the_bar() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability");
    if !corpus.is_dir() {
        eprintln!(
            "SKIPPED: {} is not there (it ships beside the repo in CI, not in a clone)",
            corpus.display()
        );
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .arg("eval")
        .arg(&corpus)
        .output()
        .expect("run chaff eval");
    assert!(
        out.status.success(),
        "chaff eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let last = stdout.lines().last().expect("a summary line");
    eprintln!("{last}");
    let field = |name: &str| -> f64 {
        last.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name}= in '{last}'"))
    };
    assert_eq!(field("pages"), 130.0, "{last}");
    assert!(field("F1") >= 0.95, "{last}");
    assert!(field("recall") >= 0.95, "{last}");
}
