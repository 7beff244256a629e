//! `mockmapi check` end to end: the built command against a correct provider and one per common mistake.

mod common;

use std::process::{Command, Output};

use common::output_text as text;
use common::provider_lib::test_provider;

/// `mockmapi check <args> --wide`: one line per check, however long, for the tests that read a check's line.
fn check(args: &[&str]) -> Output {
    narrow_check(&[args, &["--wide"]].concat())
}

/// `mockmapi check <args>` as a person runs it (wrapped at 100 columns).
fn narrow_check(args: &[&str]) -> Output {
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
    let narrow = text(&narrow_check(&[lib.to_str().unwrap()]));
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 100 || !line.contains(' '),
            "wider than 100 columns without --wide: {line:?}"
        );
    }
    let wide = text(&check(&[lib.to_str().unwrap()]));
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
        let o = check(&[lib.to_str().unwrap()]);
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

/// Rule MM-COM-QI: a QueryInterface that returns S_OK without AddRef is reported whatever other references the
/// object has (here two the provider keeps itself, so the count never reaches 0): `check` compares the count
/// before and after.
#[test]
#[allow(non_snake_case)] // named after the rule's identifier (RULES.md)
fn test_MM_COM_QI_no_addref_is_reported_whatever_other_references_exist() {
    for define in ["BROKEN_QI_NO_ADDREF", "BROKEN_QI_NO_ADDREF_HELD"] {
        let lib = test_provider(Some(define));
        let o = check(&[lib.to_str().unwrap()]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{define}: {t}");
        let line = t
            .lines()
            .find(|l| l.trim_start().starts_with("FAIL") && l.contains("QueryInterface AddRefs"))
            .unwrap_or_else(|| panic!("{define}: no failed AddRef check in:\n{t}"));
        assert!(line.contains("did not AddRef"), "{define}: {line}");
        assert!(t.contains("rule MM-COM-QI"), "{define}: {t}");
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

/// Rule MM-EXIT-TEST: the provider's code runs in a child process, so a provider that aborts, crashes, hangs
/// in its entry point or needs a symbol nobody provides gets a verdict (exit code 1, the failing check and
/// why), never a dead or hung checker (127, 134, 139, a hang), in text and in JSON.
#[test]
#[allow(non_snake_case)] // named after the rule's identifier (RULES.md)
fn test_MM_EXIT_TEST_check_survives_any_provider() {
    let cases = [
        ("BROKEN_INIT_ABORTS", "entry point", "signal 6 (SIGABRT)"),
        (
            "BROKEN_INIT_SEGFAULTS",
            "entry point",
            "signal 11 (SIGSEGV)",
        ),
        (
            "BROKEN_INIT_HANGS",
            "entry point",
            "did not return within 2 s",
        ),
        (
            "BROKEN_UNDEFINED",
            "library loads",
            "test_provider_function_nobody_defines",
        ),
    ];
    for (define, check_name, reason) in cases {
        let lib = test_provider(Some(define));
        for format in ["text", "json"] {
            let o = check(&[
                lib.to_str().unwrap(),
                "--timeout-ms",
                "2000",
                "--format",
                format,
            ]);
            let t = text(&o);
            assert_eq!(o.status.code(), Some(1), "{define} ({format}): {t}");
            if format == "json" {
                let v: serde_json::Value =
                    serde_json::from_slice(&o.stdout).expect("complete JSON on stdout");
                assert_eq!(v["verdict"], "not ready", "{define}: {t}");
                let failed = v["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["status"] == "fail")
                    .unwrap_or_else(|| panic!("{define}: no failed check in {t}"));
                assert_eq!(failed["name"], check_name, "{define}: {t}");
                assert!(
                    failed["reason"].as_str().unwrap().contains(reason),
                    "{define}: '{reason}' not in {t}"
                );
                assert_eq!(failed["rule"], "MM-ENTRY", "{define}: {t}");
            } else {
                let line = t
                    .lines()
                    .find(|l| l.trim_start().starts_with("FAIL") && l.contains(check_name))
                    .unwrap_or_else(|| {
                        panic!("{define}: no FAIL line for '{check_name}' in:\n{t}")
                    });
                assert!(
                    line.contains(reason),
                    "{define}: '{reason}' not in '{line}'"
                );
                assert!(t.contains("verdict: NOT READY"), "{t}");
            }
        }
    }
}

/// Rule MM-FS-SAVED / MM-EXIT-TEST: a store that writes its data only in its destructor (the final Release) is
/// reported lost by `check --exit-test`, since the exit-test child holds no reference beyond what Outlook would
/// and ends without releasing anything.
#[test]
#[allow(non_snake_case)] // named after the rule's identifier (RULES.md)
fn test_MM_FS_SAVED_check_exit_test_reports_a_store_saving_in_its_destructor_lost() {
    let lib = test_provider(Some("SAVES_IN_DESTRUCTOR"));
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("destructor-store.data");
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .args(["check", lib.to_str().unwrap(), "--exit-test", "--wide"])
        .env("TEST_PROVIDER_STORE_FILE", &file)
        .output()
        .expect("run mockmapi");
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("(store provider, entry point MSProviderInit)"),
        "{t}"
    );
    let line = t
        .lines()
        .find(|l| l.trim_start().starts_with("FAIL") && l.contains("exit test"))
        .unwrap_or_else(|| panic!("no failed exit test in:\n{t}"));
    assert!(line.contains("is lost"), "{line}");
    assert!(t.contains("rule MM-EXIT-TEST"), "{t}");
}

/// Rule MM-ENTRY: a bare file name is the file in the working directory; `--kind` on the wrong library names
/// the entry point the library does export; a library with no entry point is not labelled with a kind.
#[test]
#[allow(non_snake_case)] // named after the rule's identifier (RULES.md)
fn test_MM_ENTRY_bare_names_wrong_kinds_and_libraries_without_an_entry_point() {
    let lib = test_provider(None);
    let dir = lib.parent().unwrap();
    let name = lib.file_name().unwrap().to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .args(["check", name, "--wide"])
        .current_dir(dir)
        .output()
        .expect("run mockmapi");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let o = check(&[lib.to_str().unwrap(), "--kind", "store"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("exports no MSProviderInit; it exports XPProviderInit (transport provider: run with --kind transport)"),
        "{t}"
    );
    assert!(t.contains("(no provider entry point)"), "{t}");

    let o = check(&[lib.to_str().unwrap(), "--kind", "store", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(v["kind"].is_null(), "{v}");
}
