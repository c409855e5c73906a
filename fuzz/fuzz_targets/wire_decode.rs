#![no_main]
//! Arbitrary wire data: decode never panics, classify never panics on Ok.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    chaff_fuzz::checks::wire_decode(data);
});
