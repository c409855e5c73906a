//! Lists the HTML fixtures for the in-browser parity test (tests/wasm.rs),
//! so a new fixture is covered without editing the test.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for dir in ["seed", "labelled"] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "html") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("pub const FIXTURES: &[(&str, &str)] = &[\n");
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixtures.rs");
    std::fs::write(dest, out).unwrap();
}
