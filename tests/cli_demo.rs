//! `mockmapi demo` end to end: needs no arguments and no setup.

use std::process::Command;

#[test]
fn the_demo_shows_fast_shutdown_under_0_and_1_and_the_normal_path_under_2() {
    let keep = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("demo");
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("demo")
        .arg("--wide")
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

#[test]
fn the_default_demo_is_one_summary_table_within_100_columns() {
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("demo")
        .output()
        .expect("run mockmapi");
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{t}");
    for line in t.lines() {
        assert!(
            line.chars().count() <= 100,
            "wider than 100 columns: {line:?}"
        );
    }
    let header = t
        .lines()
        .find(|l| l.starts_with("policy "))
        .unwrap_or_else(|| panic!("a summary table: {t}"));
    assert!(
        header.contains("longest (ns)")
            || header.contains("longest (us)")
            || header.contains("longest (ms)"),
        "one time unit, named in the header: {header}"
    );
    let rows: Vec<Vec<&str>> = t
        .lines()
        .skip_while(|l| !l.starts_with("policy "))
        .skip(1)
        .take(4)
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let policy_and_outcome: Vec<(&str, &str, &str)> =
        rows.iter().map(|r| (r[0], r[1], r[2])).collect();
    assert_eq!(
        policy_and_outcome,
        [
            ("none (default 0)", "S_OK", "fast"),
            ("0", "S_OK", "fast"),
            ("1", "S_OK", "fast"),
            ("2", "MAPI_E_NO_SUPPORT", "normal"),
        ],
        "{t}"
    );
    assert!(
        rows.iter().all(|r| r.last() == Some(&"as documented")),
        "{t}"
    );
    assert!(
        !t.contains("-> fast shutdown"),
        "no journal tables by default: {t}"
    );
    assert!(
        t.contains("mockmapi demo --wide"),
        "says how to see every call: {t}"
    );
}
