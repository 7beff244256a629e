//! The YAML hive and configuration loaders: any input gives a hive or an error, never a panic or a hang, and a
//! hive that loads dumps to YAML that loads back to the same hive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mockmapi::policy::{config, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(registry) = yaml::parse_hive("fuzz.yaml", text) {
        let dumped = yaml::dump(&registry);
        match yaml::parse_hive("dump.yaml", &dumped) {
            Ok(again) => assert_eq!(again, registry, "the dump loads back to another hive:\n{dumped}"),
            Err(e) => panic!("the dump does not load: {e}\n{dumped}"),
        }
    }
    let _ = config::parse_config("fuzz.yaml", text);
});
