//! The `.reg` loader from raw bytes (encoding detection included), with the invariants of `fuzz/checks.rs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::reg_file(data));
