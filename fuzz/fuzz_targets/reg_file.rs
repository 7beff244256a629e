//! The `.reg` loader, from raw bytes (encoding detection included): a hive or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mockmapi::policy::{load, regfile};

fuzz_target!(|data: &[u8]| {
    let _ = load::parse_registry_bytes("fuzz.reg", data);
    if let Ok(text) = load::decode("fuzz.reg", data) {
        let _ = regfile::parse_reg("fuzz.reg", &text);
    }
});
