//! Random C-API call sequences against the model of SPEC's rules (`fuzz/sequence.rs`; the same check runs a
//! bounded number of sequences in `cargo test --test api_sequence`).
#![no_main]

#[path = "../sequence.rs"]
mod sequence;

libfuzzer_sys::fuzz_target!(|data: &[u8]| sequence::run(data));
