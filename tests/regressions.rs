//! Inputs the fuzzers once crashed on (minimized), fed through the very
//! checks the fuzz targets run (`fuzz/src/checks.rs`): one folder per target
//! under tests/regressions/. See fuzz/README.md.

use std::path::Path;

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

/// Refuses any single allocation over 4 GiB, as libFuzzer's `-malloc_limit_mb`
/// (which follows `-rss_limit_mb=4096`) does: natively such a request may
/// succeed on overcommitted memory, while the Wasm build cannot make it.
struct Capped;

const MALLOC_LIMIT: usize = 4 << 30;

unsafe impl std::alloc::GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.size() > MALLOC_LIMIT {
            return std::ptr::null_mut();
        }
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        if new > MALLOC_LIMIT {
            return std::ptr::null_mut();
        }
        unsafe { std::alloc::System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOCATOR: Capped = Capped;

fn run_all(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    let mut failed = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).expect("regression input");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        // Each input on its own thread, so one failure names its file and
        // the rest still run.
        let ok = std::thread::Builder::new()
            .name(name.clone())
            .stack_size(8 << 20)
            .spawn(move || check(&bytes))
            .expect("spawn")
            .join()
            .is_ok();
        if !ok {
            failed.push(name);
        }
    }
    eprintln!("regressions/{target}: {} inputs", files.len());
    assert!(failed.is_empty(), "{target}: failing inputs: {failed:?}");
}

#[test]
fn html_pipeline_regressions() {
    run_all("html_pipeline", checks::html_pipeline);
}

#[test]
fn wire_decode_regressions() {
    run_all("wire_decode", checks::wire_decode);
}
