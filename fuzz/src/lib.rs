//! Shared by the fuzz targets and the seed generator. The properties checked
//! live in `checks.rs`, which `tests/regressions.rs` in the root crate also
//! includes, so a saved crash runs through exactly what the fuzzer ran.

#[path = "checks.rs"]
pub mod checks;
