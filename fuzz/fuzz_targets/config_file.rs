//! The configuration file parser (`mockmapi.yaml`), with the invariants of `fuzz/checks.rs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::config_file(data));
