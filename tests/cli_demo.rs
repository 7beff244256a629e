//! `mockmapi demo` end to end: needs no arguments and no setup.

use std::process::Command;

#[test]
fn the_demo_shows_fast_shutdown_under_0_and_1_and_the_normal_path_under_2() {
    let keep = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("demo");
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("demo")
        .arg("--keep")
        .arg(&keep)
        .output()
        .expect("run mockmapi");
    let t = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert_eq!(
        t.matches("-> fast shutdown: the process would exit now")
            .count(),
        3,
        "{t}"
    );
    let disabled = t
        .split("== FastShutdownBehavior = 2")
        .nth(1)
        .expect("the policy 2 section");
    assert!(
        disabled.contains("-> normal shutdown (MAPI_E_NO_SUPPORT"),
        "{disabled}"
    );
    assert!(
        disabled.contains("store \"Reference store\"                Shutdown"),
        "{disabled}"
    );
    assert!(
        !disabled.contains("DoFastShutdown  "),
        "no provider call under policy 2: {disabled}"
    );
    for name in [
        "Reference transport",
        "Reference address book",
        "Reference store",
    ] {
        assert!(t.contains(&format!("\"{name}\"")), "{name} took part: {t}");
    }
    assert!(
        keep.join("store.dat").exists(),
        "the reference store saved its file"
    );
}
