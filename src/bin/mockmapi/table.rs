//! The journal as an aligned table for a person.

use mockmapi::com::hresult_name;
use mockmapi::runtime::journal::format_duration;
use mockmapi::runtime::text::one_line;
use mockmapi::runtime::{Event, EventType};

/// Render events as aligned columns: #, what, session, provider, method, result, time, note.
pub fn render(events: &[Event]) -> String {
    let rows: Vec<[String; 8]> = events
        .iter()
        .map(|e| {
            let provider = match e.provider_kind {
                Some(k) => format!("{} \"{}\"", k.label(), one_line(e.provider_str())),
                None => String::new(),
            };
            let (result, time) = match e.event_type {
                EventType::ProviderCall | EventType::ClientCall if e.pending => {
                    ("(in progress)".to_owned(), String::new())
                }
                EventType::ProviderCall | EventType::ClientCall => (
                    hresult_name(e.hresult)
                        .map_or_else(|| format!("0x{:08X}", e.hresult as u32), str::to_owned),
                    if e.duration.is_zero() {
                        String::new()
                    } else {
                        format_duration(e.duration)
                    },
                ),
                _ => (String::new(), String::new()),
            };
            [
                e.sequence.to_string(),
                e.event_type.label().to_owned(),
                if e.session == 0 {
                    String::new()
                } else {
                    e.session.to_string()
                },
                provider,
                e.method.name().to_owned(),
                result,
                time,
                one_line(e.message_str()).into_owned(),
            ]
        })
        .collect();
    let header = [
        "#", "event", "session", "provider", "method", "result", "time", "note",
    ];
    let mut width = header.map(str::len);
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r.iter()).take(7) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: [&str; 8]| {
        for (i, c) in cells.iter().enumerate().take(7) {
            let pad = width[i].saturating_sub(c.chars().count());
            if i == 0 || i == 6 {
                out.push_str(&" ".repeat(pad));
                out.push_str(c);
            } else {
                out.push_str(c);
                out.push_str(&" ".repeat(pad));
            }
            out.push_str("  ");
        }
        out.push_str(cells[7]);
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
    };
    line(&mut out, header);
    for r in &rows {
        line(
            &mut out,
            [&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7]],
        );
    }
    out
}
