#![no_main]
//! Page bytes through the whole native pipeline, then the wire round trip.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    chaff_fuzz::checks::html_pipeline(data);
});
