//! The journal as an aligned table for a person.
//!
//! One time unit per table (the one that suits its longest call), named in the header. By default a table fits
//! in [`WIDTH`] columns: long provider names, methods and notes are cut with `…`; `--wide` prints them whole.

use std::time::Duration;

use mockmapi::com::hresult_name;
use mockmapi::runtime::text::one_line;
use mockmapi::runtime::{Event, EventType};

/// The width a table keeps to unless `--wide` is given.
pub const WIDTH: usize = 100;

/// A time unit for every duration of one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Ns,
    Us,
    Ms,
}

impl Unit {
    /// The unit that shows the longest of `durations` with at most six digits before the point.
    pub fn for_longest(durations: impl Iterator<Item = Duration>) -> Unit {
        let longest = durations.max().unwrap_or_default();
        if longest < Duration::from_micros(1) {
            Unit::Ns
        } else if longest < Duration::from_millis(100) {
            Unit::Us
        } else {
            Unit::Ms
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Ns => "ns",
            Unit::Us => "us",
            Unit::Ms => "ms",
        }
    }

    /// `d` in this unit, without the unit's name.
    pub fn format(self, d: Duration) -> String {
        let ns = d.as_nanos() as f64;
        match self {
            Unit::Ns => format!("{ns:.0}"),
            Unit::Us => format!("{:.1}", ns / 1e3),
            Unit::Ms => format!("{:.3}", ns / 1e6),
        }
    }
}

/// At most `max` characters of `s`, cut with `…`.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Text with every line longer than `width` wrapped at spaces. A continuation line is indented to the column
/// its text started in (after the line's last run of two or more spaces before the break, else the line's own
/// indentation), so wrapped notes stay in their column.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut rest: Vec<char> = line.chars().collect();
        let mut first = true;
        let mut indent = 0;
        while rest.len() > width {
            if first {
                let lead = rest.iter().take_while(|c| **c == ' ').count();
                indent = (1..width)
                    .rev()
                    .find(|&i| rest[i] != ' ' && rest[i - 1] == ' ' && i >= 2 && rest[i - 2] == ' ')
                    .unwrap_or(lead);
                if indent > width / 2 {
                    indent = lead;
                }
            }
            let min = if first { indent.max(1) } else { indent + 1 };
            let Some(cut) = (min..=width).rev().find(|&i| rest[i] == ' ') else {
                break;
            };
            out.extend(rest[..cut].iter());
            out.push('\n');
            let next = rest[cut..].iter().skip_while(|c| **c == ' ').copied();
            rest = std::iter::repeat_n(' ', indent).chain(next).collect();
            first = false;
        }
        out.extend(rest.iter());
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Rows of cells as aligned columns, the last column free. `right` lists the right-aligned columns. With a
/// `width`, every column but the first is cut to a share of it, and the last to what is left of the line.
pub fn columns(
    header: &[&str],
    rows: &[Vec<String>],
    right: &[usize],
    width: Option<usize>,
) -> String {
    let n = header.len();
    // Caps for the middle columns when the width is limited (the last column takes what is left).
    let cap = |i: usize| -> usize {
        match width {
            Some(_) if i > 0 && i + 1 < n => 26,
            _ => usize::MAX,
        }
    };
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows.iter().cloned())
        .map(|r| {
            r.into_iter()
                .enumerate()
                .map(|(i, c)| clip(&c, cap(i)))
                .collect()
        })
        .collect();
    let mut w = vec![0; n];
    for r in &cells {
        for (i, c) in r.iter().enumerate().take(n - 1) {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in &cells {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 == n {
                let room = width.map_or(usize::MAX, |wd| wd.saturating_sub(line.chars().count()));
                line.push_str(&clip(c, room.max(1)));
                break;
            }
            let pad = " ".repeat(w[i].saturating_sub(c.chars().count()));
            if right.contains(&i) {
                line.push_str(&pad);
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Render events as aligned columns: #, what, session, provider, method, result, time, note. `wide`: no column
/// is cut; otherwise the table fits in [`WIDTH`] columns.
pub fn render(events: &[Event], wide: bool) -> String {
    let unit = Unit::for_longest(events.iter().map(|e| e.duration));
    let rows: Vec<Vec<String>> = events
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
                        unit.format(e.duration)
                    },
                ),
                _ => (String::new(), String::new()),
            };
            vec![
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
    let time = format!("time ({})", unit.name());
    let header = [
        "#", "event", "session", "provider", "method", "result", &time, "note",
    ];
    columns(
        &header,
        &rows,
        &[0, 6],
        if wide { None } else { Some(WIDTH) },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_per_table_and_the_width_is_kept() {
        assert_eq!(
            Unit::for_longest([Duration::from_nanos(500)].into_iter()),
            Unit::Ns
        );
        assert_eq!(
            Unit::for_longest([Duration::from_nanos(500), Duration::from_millis(5)].into_iter()),
            Unit::Us
        );
        assert_eq!(Unit::Us.format(Duration::from_nanos(110)), "0.1");
        assert_eq!(Unit::Ms.format(Duration::from_millis(250)), "250.000");
        let long = "x".repeat(300);
        let rows = vec![vec![
            "1".to_owned(),
            long.clone(),
            "S_OK".to_owned(),
            long.clone(),
        ]];
        let narrow = columns(&["#", "a", "b", "note"], &rows, &[0], Some(WIDTH));
        assert!(
            narrow.lines().all(|l| l.chars().count() <= WIDTH),
            "{narrow}"
        );
        assert!(narrow.contains('…'));
        let wide = columns(&["#", "a", "b", "note"], &rows, &[0], None);
        assert!(wide.contains(&long));
    }

    #[test]
    fn control_characters_in_names_and_notes_keep_one_row_per_event() {
        let e = Event {
            sequence: 1,
            session: 1,
            provider: Some(mockmapi::runtime::journal::name("evil\nname\r\u{1b}[2J").into()),
            provider_kind: Some(mockmapi::runtime::ProviderKind::Store),
            message: Some(mockmapi::runtime::journal::c_string("a\nnote")),
            ..Event::new(
                EventType::ProviderCall,
                mockmapi::runtime::Method::DoFastShutdown,
            )
        };
        for wide in [false, true] {
            let t = render(std::slice::from_ref(&e), wide);
            assert_eq!(t.lines().count(), 2, "a header and one row: {t}");
            assert!(t.contains("evil\\nname\\r\\u{1B}"), "{t}");
            assert!(!wide || t.contains("evil\\nname\\r\\u{1B}[2J"), "{t}");
            assert!(!t.contains('\u{1b}') && !t.contains('\r'), "{t}");
        }
    }

    #[test]
    fn wrapped_lines_fit_and_continue_in_their_column() {
        let line = format!("   pass    some check        {}", "word ".repeat(40));
        let w = wrap(&line, WIDTH);
        assert!(w.lines().count() > 1);
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH), "{w}");
        let col = line.find("word").unwrap();
        for l in w.lines().skip(1) {
            assert_eq!(&l[..col], " ".repeat(col), "{w}");
            assert!(l[col..].starts_with("word"), "{w}");
        }
        assert_eq!(
            w.replace('\n', " ").split_whitespace().count(),
            line.split_whitespace().count()
        );
        assert_eq!(wrap("short\n", WIDTH), "short\n");
    }
}
