//! `mockmapi run SCENARIO.yaml` end to end.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::output_text as text;

fn run(scenario: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("run")
        .arg(scenario)
        .output()
        .expect("run mockmapi")
}

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-run")
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("config/examples/fake-profile.yaml"),
        d.join("fake-profile.yaml"),
    )
    .unwrap();
    d
}

#[test]
fn the_shipped_example_scenario_passes() {
    let o = run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/examples/scenario.yaml"));
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("scenario: PASS"), "{t}");
    assert!(
        t.contains("store \"Fake store\""),
        "the journal table names the providers: {t}"
    );
}

#[test]
fn a_mismatch_prints_the_diff_and_exits_1() {
    let d = dir("mismatch");
    let s = d.join("wrong.yaml");
    std::fs::write(
        &s,
        "config: fake-profile.yaml\npolicy: 2\nclient: documented\nexpect:\n  result: S_OK\n  calls:\n    \
         - { provider: Fake transport, method: QueryFastShutdown }\n",
    )
    .unwrap();
    let o = run(&s);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("MISMATCH result: expected S_OK (0x00000000), the last client call returned MAPI_E_NO_SUPPORT"), "{t}");
    assert!(t.contains("MISMATCH provider calls:"), "{t}");
    assert!(t.contains("expected exactly 1 call(s), observed 0"), "{t}");
    assert!(
        t.contains("\"Fake transport\" QueryFastShutdown"),
        "the diff shows the expected call: {t}"
    );
    assert!(t.contains("scenario: FAIL"), "{t}");
}

#[test]
fn a_client_call_list_and_in_order_expectations() {
    let d = dir("calls");
    let s = d.join("calls.yaml");
    std::fs::write(
        &s,
        "config: fake-profile.yaml\nclient: [NotifyProcessShutdown, QueryFastShutdown, DoFastShutdown]\nexpect:\n  \
         mode: in-order\n  violations: 1\n  calls:\n    - { kind: store, method: QueryFastShutdown }\n    \
         - { kind: store, method: DoFastShutdown }\n",
    )
    .unwrap();
    let o = run(&s);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(
        t.contains("VIOLATION"),
        "Notify before any query is a violation: {t}"
    );
}

#[test]
fn bad_files_cannot_run_and_say_why() {
    let d = dir("bad");
    let cases = [
        ("unknown.yaml", "config: fake-profile.yaml\nclient: documented\nexpected: {}\n", "unknown field `expected`"),
        ("style.yaml", "config: fake-profile.yaml\nclient: sometimes\n", "client 'sometimes'"),
        ("method.yaml", "config: fake-profile.yaml\nclient: documented\nexpect:\n  calls:\n    - { method: Flush }\n", "unknown method 'Flush'"),
        ("config.yaml", "config: nowhere.yaml\nclient: documented\n", "nowhere.yaml"),
    ];
    for (name, body, needle) in cases {
        let s = d.join(name);
        std::fs::write(&s, body).unwrap();
        let o = run(&s);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", text(&o));
        assert!(text(&o).contains(needle), "{name}: {}", text(&o));
    }
    // A configuration that does not parse: exit 2, and the error names file:line:column.
    std::fs::write(
        d.join("broken-config.yaml"),
        "profiles:\n  Outlook:\n    - kind: printer\n      fake: {}\n",
    )
    .unwrap();
    let s = d.join("uses-broken-config.yaml");
    std::fs::write(&s, "config: broken-config.yaml\nclient: documented\n").unwrap();
    let o = run(&s);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("broken-config.yaml:3:13: unknown provider kind 'printer'"),
        "{}",
        text(&o)
    );
    let o = run(&d.join("missing.yaml"));
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("cannot read"), "{}", text(&o));
}

/// `--journal FILE` (or `MOCKMAPI_JOURNAL`) keeps the run's journal as JSON Lines, one object per event of the
/// printed table, for `mockmapi report`; the file is written whatever the verdict.
#[test]
fn the_journal_is_written_for_report_with_the_option_or_the_variable() {
    let d = dir("journal");
    let s = d.join("violation.yaml");
    std::fs::write(
        &s,
        "config: fake-profile.yaml\npolicy: 1\nclient: [DoFastShutdown]\nexpect:\n  violations: 0\n",
    )
    .unwrap();
    let by_option = d.join("by-option.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("run")
        .arg(&s)
        .arg("--journal")
        .arg(&by_option)
        .env_remove("MOCKMAPI_JOURNAL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let by_variable = d.join("by-variable.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("run")
        .arg(&s)
        .env("MOCKMAPI_JOURNAL", &by_variable)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    for file in [&by_option, &by_variable] {
        let events: Vec<serde_json::Value> = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert!(types.contains(&"violation"), "{types:?}");
        let methods: Vec<&str> = events.iter().filter_map(|e| e["method"].as_str()).collect();
        assert!(methods.contains(&"DoFastShutdown"), "{methods:?}");
        let svg = d.join("report.svg");
        let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
            .arg("report")
            .arg(file)
            .arg("-o")
            .arg(&svg)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(text(&o).contains("1 violation,"), "{}", text(&o));
    }
    let unwritable = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("run")
        .arg(&s)
        .arg("--journal")
        .arg(d.join("no-such-folder/j.jsonl"))
        .output()
        .unwrap();
    assert_eq!(unwritable.status.code(), Some(2), "{}", text(&unwritable));
    assert!(
        text(&unwritable).contains("cannot write the journal"),
        "{}",
        text(&unwritable)
    );
}
