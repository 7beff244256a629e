//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and every minimized crash
//! (`tests/fuzz_regressions/<target>/`) through the fuzz targets' own checks on every `cargo test`, without
//! nightly or cargo-fuzz.

#[path = "../fuzz/checks.rs"]
mod checks;
#[path = "../src/bin/mockmapi/scenario_file.rs"]
#[allow(dead_code)]
mod scenario_file;
#[path = "../fuzz/sequence.rs"]
mod sequence;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fuzz/corpus").join(target),
        root.join("tests/fuzz_regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let files = inputs(target);
    for f in &files {
        let data = std::fs::read(f).unwrap();
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data))).is_err() {
            panic!(
                "{target}: {} breaks an invariant (message above)",
                f.display()
            );
        }
    }
    files.len()
}

#[test]
fn the_corpus_and_every_minimized_crash_pass_the_fuzz_checks() {
    let mut counts = Vec::new();
    counts.push(replay("yaml_hive", checks::yaml_hive));
    counts.push(replay("reg_file", checks::reg_file));
    counts.push(replay("config_file", checks::config_file));
    counts.push(replay("scenario_file", |data| {
        if let Err(e) = scenario_file::parse(Path::new("scenario.yaml"), data) {
            assert!(
                e.contains("scenario.yaml"),
                "the error does not name the file: {e}"
            );
        }
    }));
    counts.push(replay("api_sequence", sequence::run));
    assert!(
        counts.iter().all(|&n| n > 0),
        "every target has a committed corpus: {counts:?}"
    );
}
