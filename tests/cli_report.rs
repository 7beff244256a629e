//! `mockmapi report`: a journal with a violation drawn as SVG and as HTML, read back as XML: every lifeline
//! (client, MAPI, session, each provider), every call in journal order with its result, and the violation.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use mockmapi::com::*;
use mockmapi::runtime::Runtime;

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-report");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A real journal: three providers in one session; a DoFastShutdown before any query (a violation), then the
/// documented sequence; the store fails its DoFastShutdown.
fn journal_with_a_violation(name: &str) -> PathBuf {
    let rt = Runtime::default();
    rt.initialize(std::ptr::null_mut());
    let s = rt.logon(Some("Outlook"), 0).unwrap();
    let xp = TestProvider::new(true);
    let ab = TestProvider::new(true);
    let ms = TestProvider::new(true);
    ms.hr_do.store(E_FAIL, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(rt.add_provider(s, 3, Some("the store"), ms.unknown()), S_OK);
    assert_eq!(
        rt.add_provider(s, 1, Some("the transport"), xp.unknown()),
        S_OK
    );
    assert_eq!(
        rt.add_provider(s, 2, Some("the address book"), ab.unknown()),
        S_OK
    );
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(
            do_fast(cs),
            MAPI_E_NO_SUPPORT,
            "DoFastShutdown without a query"
        );
        assert_eq!(query(cs), S_OK);
        assert_eq!(notify(cs), S_OK);
        assert_eq!(do_fast(cs), MAPI_E_NO_SUPPORT, "the store failed");
        release_cs(cs);
    }
    assert!(rt.violation_count() >= 1);
    let path = dir().join(format!("{name}.jsonl"));
    std::fs::write(&path, rt.journal().to_json_lines()).unwrap();
    // The runtime releases its provider references before the providers go away.
    rt.reset();
    path
}

fn report(journal: &Path, out: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("report")
        .arg(journal)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run mockmapi report");
    let t = output_text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    std::fs::read_to_string(out).expect("the report was written")
}

/// The `(class, data-sequence, method, text)` of every call arrow and mark, in document order.
fn items(doc: &roxmltree::Document) -> Vec<(String, u64, String, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-sequence").is_some())
        .filter(|n| !n.attribute("class").unwrap_or("").starts_with("bar"))
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|t| t.has_tag_name("text"))
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ");
            (
                n.attribute("class").unwrap().to_owned(),
                n.attribute("data-sequence").unwrap().parse().unwrap(),
                n.attribute("data-method").unwrap_or("").to_owned(),
                text,
            )
        })
        .collect()
}

fn check_picture(doc: &roxmltree::Document, journal: &Path) {
    let lifelines: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("lifeline"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.attribute("class") == Some("title"))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect();
    assert_eq!(
        lifelines,
        [
            "client",
            "MAPI",
            "session 1",
            "the transport",
            "the address book",
            "the store"
        ],
        "one lifeline each, providers in fan-out order"
    );

    // Every event of the journal is drawn, once, in journal order, with its method and result.
    let events: Vec<serde_json::Value> = std::fs::read_to_string(journal)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let drawn = items(doc);
    assert_eq!(drawn.len(), events.len(), "{drawn:#?}");
    for (d, e) in drawn.iter().zip(&events) {
        assert_eq!(d.1, e["sequence"].as_u64().unwrap());
        assert_eq!(d.2, e["method"].as_str().unwrap());
        match e["type"].as_str().unwrap() {
            "violation" => {
                assert!(d.0.contains("violation"), "{d:?}");
                assert!(d.3.contains("VIOLATION"), "{d:?}");
            }
            "provider" | "client" => {
                assert!(d.3.contains(e["method"].as_str().unwrap()), "{d:?}");
                assert!(d.3.contains(e["hresult_name"].as_str().unwrap()), "{d:?}");
            }
            _ => {}
        }
    }
    // The provider calls of the documented sequence, in fan-out order: transport, address book, store.
    let provider_calls: Vec<&(String, u64, String, String)> =
        drawn.iter().filter(|d| d.0.contains("provider")).collect();
    let methods: Vec<&str> = provider_calls.iter().map(|d| d.2.as_str()).collect();
    assert_eq!(
        methods,
        [
            "QueryFastShutdown",
            "QueryFastShutdown",
            "QueryFastShutdown",
            "NotifyProcessShutdown",
            "NotifyProcessShutdown",
            "NotifyProcessShutdown",
            "DoFastShutdown",
            "DoFastShutdown",
            "DoFastShutdown"
        ]
    );
    let failed: Vec<&(String, u64, String, String)> =
        drawn.iter().filter(|d| d.0.contains("failed")).collect();
    assert!(
        failed
            .iter()
            .any(|d| d.0.contains("provider") && d.2 == "DoFastShutdown"),
        "the store's failed DoFastShutdown is marked: {failed:?}"
    );
    assert!(
        drawn.iter().any(|d| d.0.contains("violation")),
        "the violation is marked"
    );

    // The timeline: one bar per provider call, and the budget line.
    let bars = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("bar")))
        .count();
    assert_eq!(bars, 9);
    assert!(doc
        .descendants()
        .any(|n| n.attribute("class") == Some("budget")));
}

#[test]
fn svg_report_names_every_lifeline_and_call_in_order_and_marks_the_violation() {
    let journal = journal_with_a_violation("svg");
    let svg = report(&journal, &dir().join("report.svg"));
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert!(doc
        .root_element()
        .has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    check_picture(&doc, &journal);
}

#[test]
fn html_report_embeds_the_picture_and_lists_every_event() {
    let journal = journal_with_a_violation("html");
    let html = report(&journal, &dir().join("report.html"));
    let opt = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opt).expect("the HTML is well-formed");
    check_picture(&doc, &journal);
    let rows = doc.descendants().filter(|n| n.has_tag_name("tr")).count();
    let lines = std::fs::read_to_string(&journal).unwrap().lines().count();
    assert_eq!(rows, lines + 1, "a header row and one row per event");
    assert!(doc
        .descendants()
        .any(|n| n.has_tag_name("tr") && n.attribute("class") == Some("violation")));
}

#[test]
fn a_file_that_is_not_a_journal_is_refused_and_bad_lines_are_named() {
    let bad = dir().join("not-a-journal.jsonl");
    std::fs::write(&bad, "hello\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .args(["report"])
        .arg(&bad)
        .arg("-o")
        .arg(dir().join("bad.svg"))
        .output()
        .unwrap();
    let t = output_text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(
        t.contains("not-a-journal.jsonl") && t.contains("no journal event"),
        "{t}"
    );

    // One bad line among good ones: drawn without it, and the line is named.
    let journal = journal_with_a_violation("mixed-source");
    let mut text = std::fs::read_to_string(&journal).unwrap();
    text.push_str("{\"truncated\n");
    let mixed = dir().join("mixed.jsonl");
    std::fs::write(&mixed, text).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("report")
        .arg(&mixed)
        .arg("-o")
        .arg(dir().join("mixed.svg"))
        .output()
        .unwrap();
    let t = output_text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(
        t.contains("mixed.jsonl:") && t.contains("line skipped"),
        "{t}"
    );

    let o = Command::new(env!("CARGO_BIN_EXE_mockmapi"))
        .arg("report")
        .arg(&journal)
        .arg("-o")
        .arg(dir().join("report.png"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(output_text(&o).contains(".html or .svg"));
}
