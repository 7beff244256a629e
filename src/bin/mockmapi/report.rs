//! `mockmapi report JOURNAL.jsonl -o report.html|report.svg`: the journal as a picture.
//!
//! - A sequence diagram: the client, the MAPI subsystem, each session and each provider as a lifeline; every
//!   client and provider call as an arrow labelled with its method, result and duration; violations (red) and
//!   diagnostics (amber) marked on the lifeline they concern, with their message.
//! - A timeline of provider call durations against the call budget, on a logarithmic scale: calls over the
//!   budget are red.
//!
//! The journal is the JSON Lines form of `MOCKMAPI_JOURNAL` (one event object per line: `sequence`, `type`,
//! `session`, `provider`, `kind`, `method`, `hresult`, `hresult_name`, `duration_ns`, `message`); fields it does
//! not know are ignored, so journals from newer versions still draw. The SVG is self-contained; the HTML page
//! embeds it and adds the events as a table. Both are well-formed XML.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use mockmapi::runtime::journal::format_duration;

/// One journal line, as far as the picture needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ev {
    pub sequence: u64,
    /// `client`, `provider`, `violation` or `diagnostic`.
    pub kind: String,
    pub session: u64,
    pub provider: Option<String>,
    pub provider_kind: Option<String>,
    pub method: String,
    pub result: String,
    pub failed: bool,
    pub duration: Option<Duration>,
    pub message: String,
    pub pending: bool,
}

/// Read a JSON Lines journal. A line that is not an event is reported (`file:line: why`) and skipped; a file
/// with no event at all is an error.
pub fn read_journal(path: &Path) -> Result<(Vec<Ev>, Vec<String>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_event(line) {
            Ok(e) => events.push(e),
            Err(why) => skipped.push(format!("{}:{}: {why}; line skipped", path.display(), n + 1)),
        }
    }
    if events.is_empty() {
        return Err(format!(
            "{} holds no journal event (expected JSON Lines as MOCKMAPI_JOURNAL writes them){}",
            path.display(),
            skipped
                .first()
                .map(|s| format!("; first problem: {s}"))
                .unwrap_or_default()
        ));
    }
    Ok((events, skipped))
}

fn parse_event(line: &str) -> Result<Ev, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON ({e})"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let n = |k: &str| obj.get(k).and_then(|x| x.as_u64());
    let kind = s("type").ok_or("no \"type\"")?.to_ascii_lowercase();
    let sequence = n("sequence").ok_or("no \"sequence\"")?;
    let hresult = s("hresult").unwrap_or_default();
    let failed = u32::from_str_radix(hresult.trim_start_matches("0x"), 16)
        .is_ok_and(|h| h & 0x8000_0000 != 0);
    let pending = obj
        .get("pending")
        .and_then(|x| x.as_bool())
        .unwrap_or(false);
    Ok(Ev {
        sequence,
        session: n("session").unwrap_or(0),
        provider: s("provider"),
        provider_kind: s("kind"),
        method: s("method").unwrap_or_default(),
        result: s("hresult_name").unwrap_or(hresult),
        failed,
        duration: n("duration_ns").map(Duration::from_nanos),
        message: s("message").unwrap_or_default(),
        pending,
        kind,
    })
}

/// The five characters XML reserves, escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A lifeline: who it is and the key events use to find it.
struct Lifeline {
    key: String,
    title: String,
    subtitle: String,
}

const COL: f64 = 180.0;
const ROW: f64 = 30.0;
const TOP: f64 = 60.0;
const LEFT: f64 = 20.0;

fn lifeline_key(e: &Ev) -> (String, Option<String>) {
    let owner = if e.session == 0 {
        "mapi".to_owned()
    } else {
        format!("session:{}", e.session)
    };
    let provider = match (&e.provider_kind, &e.provider) {
        (Some(k), Some(p)) => Some(format!("provider:{}:{k}:{p}", e.session)),
        _ => None,
    };
    (owner, provider)
}

fn call_label(e: &Ev) -> String {
    if e.pending {
        return format!("{} (in progress)", e.method);
    }
    match e.duration {
        Some(d) if !d.is_zero() => format!("{} → {} · {}", e.method, e.result, format_duration(d)),
        _ => format!("{} → {}", e.method, e.result),
    }
}

/// The sequence diagram and its size.
fn sequence_svg(events: &[Ev]) -> (String, f64, f64) {
    // Lifelines in order of first appearance: client, MAPI, then sessions and their providers.
    let mut lines = vec![
        Lifeline {
            key: "client".into(),
            title: "client".into(),
            subtitle: String::new(),
        },
        Lifeline {
            key: "mapi".into(),
            title: "MAPI".into(),
            subtitle: "subsystem".into(),
        },
    ];
    let index = |key: &str, make: &dyn Fn() -> Lifeline, lines: &mut Vec<Lifeline>| -> usize {
        if let Some(i) = lines.iter().position(|l| l.key == key) {
            i
        } else {
            lines.push(make());
            lines.len() - 1
        }
    };
    let mut rows = Vec::with_capacity(events.len());
    for e in events {
        let (owner, provider) = lifeline_key(e);
        let session = e.session;
        let o = index(
            &owner,
            &|| Lifeline {
                key: owner.clone(),
                title: format!("session {session}"),
                subtitle: "IMAPISession".into(),
            },
            &mut lines,
        );
        let p = provider.map(|key| {
            let title = e.provider.clone().unwrap_or_default();
            let subtitle = format!(
                "{} · session {session}",
                e.provider_kind.clone().unwrap_or_default()
            );
            index(
                &key,
                &|| Lifeline {
                    key: key.clone(),
                    title: title.clone(),
                    subtitle: subtitle.clone(),
                },
                &mut lines,
            )
        });
        rows.push((o, p));
    }
    let x = |i: usize| LEFT + COL * i as f64 + COL / 2.0;
    let mut width = LEFT * 2.0 + COL * lines.len() as f64 + 260.0;
    let height = TOP + ROW * (events.len() as f64 + 1.0) + 20.0;
    let mut svg = String::new();
    let _ = writeln!(svg, r#"<g class="sequence">"#);
    for (i, l) in lines.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<g class="lifeline" data-key="{}"><rect x="{:.0}" y="8" width="{:.0}" height="40" rx="4" class="head"/><text x="{:.0}" y="25" class="title">{}</text><text x="{:.0}" y="40" class="subtitle">{}</text><line x1="{:.0}" y1="48" x2="{:.0}" y2="{:.0}" class="life"/></g>"#,
            esc(&l.key),
            x(i) - COL / 2.0 + 8.0,
            COL - 16.0,
            x(i),
            esc(&clip(&l.title, 24)),
            x(i),
            esc(&clip(&l.subtitle, 28)),
            x(i),
            x(i),
            height - 10.0
        );
    }
    for (n, (e, (o, p))) in events.iter().zip(&rows).enumerate() {
        let y = TOP + ROW * (n as f64 + 0.5);
        let title = format!(
            "#{} {} {}",
            e.sequence,
            e.kind,
            if e.message.is_empty() {
                call_label(e)
            } else {
                format!("{}: {}", call_label(e), e.message)
            }
        );
        match e.kind.as_str() {
            "client" | "provider" => {
                let (from, to) = if e.kind == "client" {
                    (0, *o)
                } else {
                    (*o, p.unwrap_or(*o))
                };
                let (x1, x2) = (x(from), x(to));
                let class = if e.pending {
                    "call pending"
                } else if e.failed {
                    "call failed"
                } else {
                    "call"
                };
                let mid = (x1 + x2) / 2.0;
                let _ = writeln!(
                    svg,
                    r#"<g class="{class} {}" data-sequence="{}" data-method="{}" data-result="{}"><title>{}</title><line x1="{x1:.0}" y1="{y:.0}" x2="{x2:.0}" y2="{y:.0}" marker-end="url(#arrow)"/><text x="{mid:.0}" y="{:.0}" class="label">#{} {}</text></g>"#,
                    esc(&e.kind),
                    e.sequence,
                    esc(&e.method),
                    esc(&e.result),
                    esc(&title),
                    y - 5.0,
                    e.sequence,
                    esc(&call_label(e)),
                );
            }
            other => {
                let class = if other == "violation" {
                    "violation"
                } else {
                    "diagnostic"
                };
                let at = p.unwrap_or(*o);
                let cx = x(at);
                let word = if class == "violation" {
                    "VIOLATION"
                } else {
                    "diagnostic"
                };
                let note = clip(&e.message, 110);
                let _ = writeln!(
                    svg,
                    r#"<g class="mark {class}" data-sequence="{}" data-method="{}"><title>{}</title><circle cx="{cx:.0}" cy="{y:.0}" r="7"/><text x="{cx:.0}" y="{:.0}" class="bang">!</text><text x="{:.0}" y="{:.0}" class="note">#{} {word}: {}</text></g>"#,
                    e.sequence,
                    esc(&e.method),
                    esc(&title),
                    y + 4.0,
                    cx + 12.0,
                    y + 4.0,
                    e.sequence,
                    esc(&note),
                );
                // The picture is as wide as its longest note (bold text, about 7.5 px a character).
                width = width
                    .max(cx + 12.0 + 7.5 * (note.chars().count() + word.len() + 8) as f64 + LEFT);
            }
        }
    }
    svg.push_str("</g>\n");
    (svg, width, height)
}

/// Position of a duration on the logarithmic axis, 0..=1 between `lo` and `hi`.
fn log_pos(d: f64, lo: f64, hi: f64) -> f64 {
    ((d.max(lo).ln() - lo.ln()) / (hi.ln() - lo.ln())).clamp(0.0, 1.0)
}

/// An axis label: `100 ns`, `1 us`, `10 ms`, `1 s`, ... (a whole number in the largest unit that fits; the
/// budget is labelled the same way, with a decimal only when it is not a whole number of that unit).
fn decade(ns: f64) -> String {
    let (value, unit) = if ns >= 1e9 {
        (ns / 1e9, "s")
    } else if ns >= 1e6 {
        (ns / 1e6, "ms")
    } else if ns >= 1e3 {
        (ns / 1e3, "us")
    } else {
        (ns, "ns")
    };
    if (value - value.round()).abs() < 1e-9 {
        format!("{} {unit}", value.round() as u64)
    } else {
        format!("{value:.1} {unit}")
    }
}

/// The timeline of provider call durations against the budget, and its size.
fn timeline_svg(events: &[Ev], budget: Duration) -> (String, f64, f64) {
    let calls: Vec<&Ev> = events
        .iter()
        .filter(|e| e.kind == "provider" && !e.pending)
        .collect();
    let label_w = 360.0;
    let plot_w = 560.0;
    let row = 18.0;
    let height = 70.0 + row * calls.len().max(1) as f64;
    let lo = 100.0; // 100 ns
    let longest = calls
        .iter()
        .filter_map(|e| e.duration)
        .max()
        .unwrap_or_default();
    let hi = (budget.as_nanos() as f64 * 10.0)
        .max(longest.as_nanos() as f64 * 2.0)
        .max(lo * 100.0);
    let px = |ns: f64| LEFT + label_w + plot_w * log_pos(ns, lo, hi);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<g class="timeline" data-budget-ns="{}">"#,
        budget.as_nanos()
    );
    // Decade ticks.
    let mut t = lo;
    while t <= hi * 1.0001 {
        let _ = writeln!(
            svg,
            r#"<line x1="{0:.1}" y1="30" x2="{0:.1}" y2="{1:.0}" class="tick"/><text x="{0:.1}" y="24" class="axis">{2}</text>"#,
            px(t),
            height - 20.0,
            esc(&decade(t))
        );
        t *= 10.0;
    }
    let bx = px(budget.as_nanos() as f64);
    let _ = writeln!(
        svg,
        r#"<line x1="{bx:.1}" y1="30" x2="{bx:.1}" y2="{:.0}" class="budget"/><text x="{bx:.1}" y="{:.0}" class="budget-label">budget {}</text>"#,
        height - 20.0,
        height - 6.0,
        esc(&decade(budget.as_nanos() as f64))
    );
    if calls.is_empty() {
        let _ = writeln!(
            svg,
            r#"<text x="{LEFT}" y="48" class="label">no provider call in this journal</text>"#
        );
    }
    for (i, e) in calls.iter().enumerate() {
        let y = 36.0 + row * i as f64;
        let d = e.duration.unwrap_or_default();
        let over = d > budget;
        let name = format!(
            "#{} {} \"{}\" {}",
            e.sequence,
            e.provider_kind.as_deref().unwrap_or(""),
            e.provider.as_deref().unwrap_or(""),
            e.method
        );
        let _ = writeln!(
            svg,
            r#"<g class="bar{}" data-sequence="{}" data-duration-ns="{}"><title>{} → {} · {}</title><text x="{:.0}" y="{:.0}" class="name">{}</text><rect x="{:.1}" y="{:.0}" width="{:.1}" height="{:.0}"/><text x="{:.1}" y="{:.0}" class="value">{}</text></g>"#,
            if over { " over" } else { "" },
            e.sequence,
            d.as_nanos(),
            esc(&name),
            esc(&e.result),
            esc(&format_duration(d)),
            LEFT,
            y + 11.0,
            esc(&clip(&name, 52)),
            px(lo),
            y,
            (px(d.as_nanos() as f64) - px(lo)).max(1.0),
            row - 5.0,
            px(d.as_nanos() as f64) + 4.0,
            y + 11.0,
            esc(&format_duration(d)),
        );
    }
    svg.push_str("</g>\n");
    (svg, LEFT * 2.0 + label_w + plot_w + 80.0, height)
}

const STYLE: &str = "text{font-family:system-ui,sans-serif;font-size:11px;fill:#222}\
.head{fill:#eef2f7;stroke:#6b7a90}.title{font-weight:bold;text-anchor:middle}.subtitle{text-anchor:middle;fill:#555}\
.life{stroke:#9aa5b5;stroke-dasharray:4 3}.call line{stroke:#2d5fa0;stroke-width:1.4}.call.failed line{stroke:#b3261e}\
.call.pending line{stroke-dasharray:2 2}.label{text-anchor:middle}.call.failed .label{fill:#b3261e}\
.mark circle{stroke:none}.violation circle{fill:#b3261e}.diagnostic circle{fill:#d99a00}\
.bang{fill:#fff;font-weight:bold;text-anchor:middle}.violation .note{fill:#b3261e;font-weight:bold}.diagnostic .note{fill:#8a6200}\
.tick{stroke:#ddd}.axis{text-anchor:middle;fill:#666}.budget{stroke:#b3261e;stroke-dasharray:5 3;stroke-width:1.5}\
.budget-label{fill:#b3261e;text-anchor:middle}.bar rect{fill:#2d5fa0}.bar.over rect{fill:#b3261e}.bar.over .value{fill:#b3261e;font-weight:bold}\
.section{font-size:14px;font-weight:bold}";

/// The whole picture as one SVG document: the sequence diagram above the timeline.
pub fn render_svg(events: &[Ev], budget: Duration) -> String {
    let (seq, sw, sh) = sequence_svg(events);
    let (tl, tw, th) = timeline_svg(events, budget);
    let width = sw.max(tw);
    let height = 30.0 + sh + 40.0 + th;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" class="mockmapi-report">"#
    );
    let _ = writeln!(out, "<style>{STYLE}</style>");
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#2d5fa0"/></marker></defs>"##);
    out.push('\n');
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#fff"/>"##);
    let _ = writeln!(
        out,
        r#"<text x="{LEFT}" y="20" class="section">{}</text>"#,
        esc(&summary(events))
    );
    let _ = writeln!(out, r#"<g transform="translate(0,30)">{seq}</g>"#);
    let _ = writeln!(
        out,
        r#"<text x="{LEFT}" y="{:.0}" class="section">Provider call durations against the budget ({}, logarithmic)</text>"#,
        30.0 + sh + 25.0,
        esc(&decade(budget.as_nanos() as f64))
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate(0,{:.0})">{tl}</g>"#,
        30.0 + sh + 30.0
    );
    out.push_str("</svg>\n");
    out
}

fn summary(events: &[Ev]) -> String {
    let count = |k: &str| events.iter().filter(|e| e.kind == k).count();
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "mockmapi journal: {}, {}, {}, {}",
        n(events.len(), "event", "events"),
        n(count("provider"), "provider call", "provider calls"),
        n(count("violation"), "violation", "violations"),
        n(count("diagnostic"), "diagnostic", "diagnostics")
    )
}

/// An HTML page: the summary, the picture, and every event as a table.
pub fn render_html(events: &[Ev], budget: Duration, source: &str) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    let _ = writeln!(out, "<title>mockmapi report: {}</title>", esc(source));
    out.push_str(
        "<style>body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:12px}\
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}tr.violation td{background:#fbe3e1}\
tr.diagnostic td{background:#fdf3d6}td.num{text-align:right}</style>\n</head>\n<body>\n",
    );
    let _ = writeln!(
        out,
        "<h1>mockmapi report</h1>\n<p>{} — {}</p>",
        esc(source),
        esc(&summary(events))
    );
    out.push_str(&render_svg(events, budget));
    out.push_str("<h2>Events</h2>\n<table>\n<tr><th>#</th><th>event</th><th>session</th><th>provider</th><th>method</th><th>result</th><th>time</th><th>note</th></tr>\n");
    for e in events {
        let provider = match (&e.provider_kind, &e.provider) {
            (Some(k), Some(p)) => format!("{k} \"{p}\""),
            _ => String::new(),
        };
        let time = e
            .duration
            .filter(|d| !d.is_zero())
            .map(format_duration)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&e.kind),
            e.sequence,
            esc(&e.kind),
            if e.session == 0 { String::new() } else { e.session.to_string() },
            esc(&provider),
            esc(&e.method),
            if matches!(e.kind.as_str(), "client" | "provider") { esc(&e.result) } else { String::new() },
            esc(&time),
            esc(&e.message)
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

/// The `report` command: read, draw, write. The format follows the output's extension (`.svg`, `.html`/`.htm`).
pub fn run(journal: &Path, output: &Path, budget: Duration) -> Result<bool, String> {
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(ext.as_str(), "svg" | "html" | "htm") {
        return Err(format!(
            "{}: the output must end in .html or .svg (the format follows the extension)",
            output.display()
        ));
    }
    let (events, skipped) = read_journal(journal)?;
    for s in &skipped {
        eprintln!("mockmapi report: {s}");
    }
    let text = if ext == "svg" {
        render_svg(&events, budget)
    } else {
        render_html(&events, budget, &journal.display().to_string())
    };
    std::fs::write(output, text).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    println!(
        "{}: {} ({})",
        output.display(),
        summary(&events),
        journal.display()
    );
    Ok(true)
}
