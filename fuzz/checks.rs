//! The invariants the fuzz targets check, shared with `tests/fuzz_regressions.rs` (which replays every input
//! in `tests/fuzz_regressions/<target>/` through them on each `cargo test`). Each function takes one input
//! and panics on a broken invariant; returning is a pass.

use mockmapi::policy::{config, load, yaml, RegValue, Registry};
use mockmapi::runtime::{Config, Runtime};

/// A hive that loads, dumped to YAML and loaded again, is the same hive.
fn round_trips(registry: &Registry) {
    let dumped = yaml::dump(registry);
    match yaml::parse_hive("dump.yaml", &dumped) {
        Ok(again) => assert_eq!(
            &again, registry,
            "the dump loads back to another hive:\n{dumped}"
        ),
        Err(e) => panic!("the dump of a hive that loaded does not load: {e}\n{dumped}"),
    }
}

/// Through the runtime, from a file: a file that loads replaces the hive with exactly what the parser gives;
/// a file that fails leaves the previous hive untouched.
fn replaces_or_keeps(data: &[u8]) {
    let path = std::env::temp_dir().join(format!("mockmapi-fuzz-{}.hive", std::process::id()));
    std::fs::write(&path, data).expect("temporary file");
    let parsed = &load::parse_registry_bytes(&path.display().to_string(), data);
    let mut before = Registry::new();
    before
        .set_value(
            "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown",
            "FastShutdownBehavior",
            RegValue::Dword(2),
        )
        .expect("a valid value");
    let rt = Runtime::new(Config {
        registry: before.clone(),
        ..Config::default()
    });
    let hr = rt.registry_load_file(&path);
    let now = rt.with_registry(|r| r.clone());
    match parsed {
        Ok(registry) => {
            assert_eq!(
                hr, 0,
                "the parser accepts the file but the runtime refused it"
            );
            assert_eq!(&now, registry, "the runtime's hive is not the file's");
        }
        Err(e) => {
            assert_ne!(
                hr, 0,
                "the parser refused the file ({e}) but the runtime loaded it"
            );
            assert_eq!(now, before, "a file that failed changed the hive");
            assert!(
                rt.registry_last_error().is_some_and(|t| t == e.to_string()),
                "the last error is not the parser's"
            );
        }
    }
    let _ = std::fs::remove_file(&path);
}

/// An error names the file, and a position when it has one.
fn names_the_place(e: &load::LoadError, origin: &str) {
    let shown = e.to_string();
    assert!(
        shown.starts_with(origin),
        "the error does not name the file: {shown}"
    );
    if e.line > 0 {
        assert!(e.column > 0, "a line without a column: {shown}");
    }
}

/// The YAML hive loader (and the configuration parser on the same text).
pub fn yaml_hive(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = yaml::parse_hive("fuzz.yaml", text);
    match &parsed {
        Ok(registry) => round_trips(registry),
        Err(e) => names_the_place(e, "fuzz.yaml"),
    }
    replaces_or_keeps(data);
}

/// The `.reg` loader, from raw bytes (encoding detection included).
pub fn reg_file(data: &[u8]) {
    let parsed = load::parse_registry_bytes("fuzz.reg", data);
    match &parsed {
        Ok(registry) => round_trips(registry),
        Err(e) => names_the_place(e, "fuzz.reg"),
    }
    replaces_or_keeps(data);
}

/// The configuration file parser: a configuration or an error with its place, never a panic.
pub fn config_file(data: &[u8]) {
    let Ok(text) = load::decode("mockmapi.yaml", data) else {
        return;
    };
    match config::parse_config("mockmapi.yaml", &text) {
        Ok(c) => {
            if let Some(r) = &c.registry {
                round_trips(r);
            }
        }
        Err(e) => names_the_place(&e, "mockmapi.yaml"),
    }
}
