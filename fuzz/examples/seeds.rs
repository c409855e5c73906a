//! Writes wire_decode seeds: each HTML file given is parsed and encoded as the
//! browser would send it, then wrapped in the target's input format.
//!
//!   cargo run --release --example seeds -- OUT_DIR FILE...

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, files) = args.split_first().expect("usage: seeds OUT_DIR FILE...");
    std::fs::create_dir_all(out).expect("output folder");
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).expect("input file");
        let Ok(page) = chaff::page::Page::from_bytes(&bytes) else {
            continue;
        };
        let (structure, strings) = chaff::wire::encode(&page.snapshot);
        let seed = chaff_fuzz::checks::wire_seed(&structure, &strings);
        std::fs::write(format!("{out}/seed-{i:04}"), seed).expect("write seed");
    }
}
