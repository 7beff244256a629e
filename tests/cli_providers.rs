//! The example providers of `examples/providers/` under `mockmapi check`, end to end: each reference provider
//! is ready for fast shutdown (the store also survives the exit test), and each broken one fails the check
//! that names its mistake, for the right reason.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::output_text as text;
use common::provider_lib::example_provider;

/// A fresh folder of this test's own for the providers' files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_providers")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the scratch folder");
    dir
}

/// `mockmapi check <example> <args>`, with the store file and the outbox inside `dir`.
fn check(example: &str, args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("check")
        .arg(example_provider(example))
        .args(args)
        .env("MOCKMAPI_STORE_PATH", dir.join("store.txt"))
        .env("MOCKMAPI_DEMO_OUTBOX", dir.join("outbox"))
        .env("MOCKMAPI_AB_PATH", dir.join("directory.txt"))
        .output()
        .expect("run mockmapi")
}

/// The report line of the check `name` with the status `status` ("pass", "FAIL", ...).
fn line<'a>(t: &'a str, status: &str, name: &str) -> &'a str {
    t.lines()
        .find(|l| {
            let l = l.trim_start();
            l.starts_with(status) && l[status.len()..].trim_start().starts_with(name)
        })
        .unwrap_or_else(|| panic!("no '{status}' line for '{name}' in:\n{t}"))
}

fn assert_ready(example: &str, kind: &str, o: &Output) {
    let t = text(o);
    assert_eq!(o.status.code(), Some(0), "{example}: {t}");
    assert!(
        t.contains(&format!("({kind} provider, entry point ")),
        "{example}: {t}"
    );
    assert!(
        t.contains("verdict: READY for fast shutdown"),
        "{example}: {t}"
    );
    assert!(!t.contains("FAIL"), "{example}: {t}");
    for name in [
        "IMAPIProviderShutdown",
        "QueryInterface AddRefs",
        "QueryFastShutdown",
        "NotifyProcessShutdown",
        "DoFastShutdown",
        "policies 0/1/2",
        "normal shutdown",
    ] {
        line(&t, "pass", name);
    }
}

#[test]
fn the_reference_transport_is_ready() {
    let dir = scratch("transport");
    std::fs::create_dir_all(dir.join("outbox")).unwrap();
    std::fs::write(dir.join("outbox/message-1.eml"), "Subject: queued\n").unwrap();
    let o = check("reference_transport", &[], &dir);
    assert_ready("reference_transport", "transport", &o);
}

#[test]
fn the_reference_transport_makes_its_outbox() {
    let dir = scratch("transport_outbox");
    let o = check("reference_transport", &[], &dir);
    assert_ready("reference_transport", "transport", &o);
    assert!(
        dir.join("outbox").is_dir(),
        "the poller's folder, under MOCKMAPI_DEMO_OUTBOX"
    );
}

#[test]
fn the_reference_address_book_is_ready() {
    let dir = scratch("address_book");
    let o = check("reference_address_book", &[], &dir);
    assert_ready("reference_address_book", "address-book", &o);
}

#[test]
fn the_reference_store_is_ready() {
    let dir = scratch("store");
    let o = check("reference_store", &[], &dir);
    assert_ready("reference_store", "store", &o);
    let saved = std::fs::read_to_string(dir.join("store.txt")).expect("the store saved its file");
    assert!(
        saved.contains("Draft: written by the store at shutdown"),
        "{saved}"
    );
}

#[test]
fn the_reference_store_survives_the_exit_test() {
    let dir = scratch("store_exit");
    // Stale data from "an earlier run": mockmapi_exit_prepare must remove it, so only the child can pass.
    std::fs::write(dir.join("store.txt"), "not a store\n").unwrap();
    let o = check("reference_store", &["--exit-test"], &dir);
    assert_ready("reference_store", "store", &o);
    let t = text(&o);
    let exit = line(&t, "pass", "exit test");
    assert!(
        exit.contains("verify confirmed the data survived"),
        "{exit}"
    );
    // Exactly what the child's one provider object held in memory: opened once, with its draft.
    let saved = std::fs::read_to_string(dir.join("store.txt"))
        .expect("the child's DoFastShutdown wrote the store");
    assert_eq!(
        saved,
        "mockmapi-reference-store 1\nopened 1\nmessage Draft: written by the store at shutdown\nend 1\n"
    );
    assert!(
        !dir.join("store.txt.tmp").exists(),
        "the temporary file was renamed over the store"
    );
}

/// The SDK-style C++ address book (CreateTable, CreateIProp, HrQueryAllRows inside the provider) is ready, and
/// the entry that existed only in memory survives the exit.
#[test]
fn the_sample_address_book_is_ready_and_survives_the_exit_test() {
    let dir = scratch("sample_address_book");
    let o = check("sample_address_book", &["--exit-test"], &dir);
    assert_ready("sample_address_book", "address-book", &o);
    let t = text(&o);
    let exit = line(&t, "pass", "exit test");
    assert!(
        exit.contains("verify confirmed the data survived"),
        "{exit}"
    );
    let saved = std::fs::read_to_string(dir.join("directory.txt")).expect("the directory file");
    assert_eq!(
        saved,
        "mockmapi-sample-address-book 1\nprovider Sample Address Book\nentry 1\tAlice Example\talice@example.com\n\
         entry 1000\tZoe Pending\tzoe@example.com\nend\n",
        "the table's rows, sorted by display name, and the property bag's provider name"
    );
}

#[test]
fn each_broken_provider_fails_the_check_named_after_its_mistake() {
    let cases: [(&str, &[&str], &str, &str); 4] = [
        (
            "broken_no_shutdown",
            &[],
            "IMAPIProviderShutdown",
            "returned E_NOINTERFACE",
        ),
        (
            "broken_return_codes",
            &[],
            "QueryFastShutdown",
            "MAPI_E_CALL_FAILED (0x80004005): return S_OK, or MAPI_E_NO_SUPPORT to block",
        ),
        (
            "broken_qi_no_addref",
            &[],
            "QueryInterface AddRefs",
            "did not AddRef",
        ),
        (
            "broken_deferred_write",
            &["--exit-test"],
            "exit test",
            "is lost",
        ),
    ];
    for (example, args, name, reason) in cases {
        let dir = scratch(example);
        let o = check(example, args, &dir);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{example}: {t}");
        assert!(
            t.contains("(store provider, entry point MSProviderInit)"),
            "{example}: {t}"
        );
        let fail = line(&t, "FAIL", name);
        assert!(
            fail.contains(reason),
            "{example}: '{reason}' not in '{fail}'"
        );
        assert!(
            t.contains("verdict: NOT READY for fast shutdown"),
            "{example}: {t}"
        );
    }
}

#[test]
fn a_deferred_write_passes_every_call_check_and_only_the_exit_test_catches_it() {
    let dir = scratch("deferred_write_calls");
    let o = check("broken_deferred_write", &[], &dir);
    assert_ready("broken_deferred_write", "store", &o);

    let dir = scratch("deferred_write_exit");
    let o = check("broken_deferred_write", &["--exit-test"], &dir);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let fail = line(&t, "FAIL", "exit test");
    assert!(fail.contains("verify returned MAPI_E_NOT_FOUND"), "{fail}");
    assert!(
        !t.contains("FAIL    DoFastShutdown"),
        "DoFastShutdown's answer itself is S_OK: {t}"
    );
    assert!(
        !dir.join("store.txt").exists(),
        "nothing was written before the exit"
    );
}

#[test]
fn a_failing_query_fast_shutdown_hides_the_do_fast_shutdown_mistake() {
    // broken_return_codes also returns E_NOTIMPL from DoFastShutdown, but with its QueryFastShutdown failing
    // the client falls back to the normal shutdown and never calls DoFastShutdown.
    let dir = scratch("return_codes_do");
    let o = check("broken_return_codes", &[], &dir);
    let t = text(&o);
    assert!(
        !t.lines()
            .any(|l| l.split_whitespace().nth(1) == Some("DoFastShutdown")),
        "DoFastShutdown is never reached: {t}"
    );
    let policies = line(&t, "warning", "policies 0/1/2");
    assert!(
        policies
            .contains("fast shutdown does not happen (client QueryFastShutdown MAPI_E_NO_SUPPORT"),
        "{policies}"
    );
    line(&t, "pass", "normal shutdown");
}
