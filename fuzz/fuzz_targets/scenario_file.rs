//! The scenario file of `mockmapi run`: checked expectations or an error naming the file, never a panic.
#![no_main]

#[path = "../../src/bin/mockmapi/scenario_file.rs"]
#[allow(dead_code)]
mod scenario_file;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("scenario.yaml");
    if let Err(e) = scenario_file::parse(path, data) {
        assert!(
            e.contains("scenario.yaml"),
            "the error does not name the file: {e}"
        );
    }
});
