//! The YAML hive loader: any input gives a hive or an error naming its place, never a panic or a hang; a hive
//! that loads dumps to YAML that loads back to the same hive; through the runtime, a file that fails leaves the
//! previous hive untouched (`fuzz/checks.rs`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::yaml_hive(data));
