//! `mockmapi check` end to end: the built command against a correct provider and one per common mistake.

mod common;

use std::process::{Command, Output};

use common::output_text as text;
use common::provider_lib::test_provider;

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("check")
        .args(args)
        .output()
        .expect("run mockmapi")
}

#[test]
fn a_correct_provider_is_ready() {
    let lib = test_provider(None);
    let o = check(&[lib.to_str().unwrap()]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("verdict: READY for fast shutdown"), "{t}");
    assert!(!t.contains("FAIL"), "{t}");
    assert!(t.contains("pass    policies 0/1/2"), "{t}");
    for line in t.lines() {
        assert!(
            line.chars().count() <= 100 || !line.contains(' '),
            "wider than 100 columns without --wide: {line:?}"
        );
    }
    let wide = text(&check(&[lib.to_str().unwrap(), "--wide"]));
    assert!(
        wide.lines().any(|l| l.chars().count() > 100),
        "--wide keeps long lines whole"
    );
}

#[test]
fn json_output_for_machines() {
    let lib = test_provider(None);
    let o = check(&[
        lib.to_str().unwrap(),
        "--format",
        "json",
        "--kind",
        "transport",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["verdict"], "ready");
    assert_eq!(v["kind"], "transport");
    assert!(v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] != "fail"));
}

#[test]
fn each_common_mistake_fails_the_right_check_with_the_reason() {
    let cases = [
        (
            "BROKEN_NO_SHUTDOWN",
            "IMAPIProviderShutdown",
            "returned E_NOINTERFACE",
        ),
        (
            "BROKEN_QI_NO_ADDREF",
            "QueryInterface AddRefs",
            "did not AddRef",
        ),
        (
            "BROKEN_QUERY_FAILS",
            "QueryFastShutdown",
            "MAPI_E_CALL_FAILED",
        ),
        ("BROKEN_DO_FAILS", "DoFastShutdown", "data may be lost"),
        (
            "BROKEN_SAME_OBJECT",
            "new object per init",
            "returned the same object",
        ),
    ];
    for (define, check_name, reason) in cases {
        let lib = test_provider(Some(define));
        // --wide: each check on one line, however long its reason.
        let o = check(&[lib.to_str().unwrap(), "--wide"]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{define}: {t}");
        let line = t
            .lines()
            .find(|l| l.trim_start().starts_with("FAIL") && l.contains(check_name))
            .unwrap_or_else(|| panic!("{define}: no FAIL line for '{check_name}' in:\n{t}"));
        assert!(
            line.contains(reason),
            "{define}: '{reason}' not in '{line}'"
        );
        assert!(t.contains("verdict: NOT READY"), "{t}");
    }
}

#[test]
fn a_missing_library_or_a_wrong_kind_cannot_pass() {
    let o = check(&["/nonexistent/libprovider.so"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("does not exist"), "{}", text(&o));
    let lib = test_provider(None);
    let o = check(&[lib.to_str().unwrap(), "--kind", "store"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("exports no MSProviderInit"),
        "{}",
        text(&o)
    );
    let o = check(&[lib.to_str().unwrap(), "--kind", "nonsense"]);
    assert_eq!(o.status.code(), Some(2), "bad arguments");
}
