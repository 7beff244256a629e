//! Expectations on the journal: "these calls happened, in this order", with a readable diff when not.

use std::fmt::Write as _;

use crate::com::{hresult_display, HRESULT};

use super::journal::{Event, EventType};
use super::method::Method;
use super::provider::ProviderKind;

/// What to match; every field that is `None` matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub event_type: Option<EventType>,
    pub session: Option<u32>,
    pub provider_kind: Option<ProviderKind>,
    pub provider_name: Option<String>,
    pub method: Option<Method>,
    pub hresult: Option<HRESULT>,
}

impl Filter {
    /// Whether `e` matches.
    pub fn matches(&self, e: &Event) -> bool {
        // The cheap comparisons first: a long journal is walked event by event.
        self.event_type.is_none_or(|t| t == e.event_type)
            && self.method.is_none_or(|m| m == e.method)
            && self.session.is_none_or(|s| s == e.session)
            && self
                .provider_kind
                .is_none_or(|k| Some(k) == e.provider_kind)
            && self.hresult.is_none_or(|h| h == e.hresult)
            && self.provider_name.as_deref().is_none_or(|n| {
                e.provider
                    .as_deref()
                    .is_some_and(|p| p.to_bytes() == n.as_bytes())
            })
    }

    /// How the filter reads in a diff.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        match self.session {
            Some(id) => {
                let _ = write!(s, "session {id} ");
            }
            None => s.push_str("any session "),
        }
        match (self.provider_kind, &self.provider_name) {
            (Some(k), Some(n)) => {
                let _ = write!(s, "{} \"{}\" ", k.label(), super::text::one_line(n));
            }
            (Some(k), None) => {
                let _ = write!(s, "{} ", k.label());
            }
            (None, Some(n)) => {
                let _ = write!(s, "\"{}\" ", super::text::one_line(n));
            }
            (None, None) => s.push_str("any provider "),
        }
        s.push_str(self.method.map_or("any method", Method::name));
        if let Some(h) = self.hresult {
            let _ = write!(s, " -> {}", hresult_display(h));
        }
        s
    }
}

fn describe_event(e: &Event) -> String {
    let mut s = format!("#{} session {} ", e.sequence, e.session);
    if let Some(k) = e.provider_kind {
        let _ = write!(
            s,
            "{} \"{}\" ",
            k.label(),
            super::text::one_line(e.provider_str())
        );
    }
    let _ = write!(s, "{} -> {}", e.method.name(), hresult_display(e.hresult));
    s
}

/// How expectations are compared with the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The matching events are exactly the expected ones, one for one, in order.
    Exact,
    /// The expected events appear in this order; other events may come between them.
    InOrder,
}

/// Compare `expected` with the events of `events` that the comparison applies to (provider calls, unless an
/// expectation names another event type). `Ok(())` or `Err(diff)`.
pub fn expect<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    expected: &[Filter],
    mode: Mode,
) -> Result<(), String> {
    let types: Vec<EventType> = {
        let mut t: Vec<EventType> = expected.iter().filter_map(|f| f.event_type).collect();
        if t.is_empty() || expected.iter().any(|f| f.event_type.is_none()) {
            t.push(EventType::ProviderCall);
        }
        t
    };
    let expected: Vec<Filter> = expected
        .iter()
        .map(|f| Filter {
            event_type: Some(f.event_type.unwrap_or(EventType::ProviderCall)),
            ..f.clone()
        })
        .collect();
    let observed: Vec<&Event> = events
        .into_iter()
        .filter(|e| types.contains(&e.event_type))
        .collect();
    match mode {
        Mode::Exact => exact(&observed, &expected),
        Mode::InOrder => in_order(&observed, &expected),
    }
}

fn exact(observed: &[&Event], expected: &[Filter]) -> Result<(), String> {
    let n = observed.len().max(expected.len());
    let first_bad = (0..n).find(|&i| match (observed.get(i), expected.get(i)) {
        (Some(o), Some(x)) => !x.matches(o),
        _ => true,
    });
    let Some(first_bad) = first_bad else {
        return Ok(());
    };
    let mut diff = format!(
        "expected exactly {} call(s), observed {}; first difference at position {}:\n",
        expected.len(),
        observed.len(),
        first_bad + 1
    );
    let width = expected
        .iter()
        .map(|x| x.describe().len())
        .max()
        .unwrap_or(0)
        .max(8);
    let _ = writeln!(diff, "   {:<3} {:<width$}   observed", "", "expected");
    for i in 0..n {
        let x = expected
            .get(i)
            .map_or_else(|| "(nothing more)".to_owned(), Filter::describe);
        let o = observed
            .get(i)
            .map_or_else(|| "(nothing more)".to_owned(), |e| describe_event(e));
        let ok = matches!((observed.get(i), expected.get(i)), (Some(o), Some(x)) if x.matches(o));
        let _ = writeln!(
            diff,
            " {} {:<3} {:<width$}   {}",
            if ok { ' ' } else { '!' },
            i + 1,
            x,
            o
        );
    }
    Err(diff)
}

fn in_order(observed: &[&Event], expected: &[Filter]) -> Result<(), String> {
    let mut next = 0;
    let mut found = Vec::with_capacity(expected.len());
    for (i, x) in expected.iter().enumerate() {
        match observed[next..].iter().position(|e| x.matches(e)) {
            Some(p) => {
                found.push(next + p);
                next += p + 1;
            }
            None => {
                let mut diff = format!(
                    "expected call {} of {} not found in order: {}\n",
                    i + 1,
                    expected.len(),
                    x.describe()
                );
                for (j, f) in found.iter().enumerate() {
                    let _ = writeln!(
                        diff,
                        "   matched {:<3} {}",
                        j + 1,
                        describe_event(observed[*f])
                    );
                }
                let _ = writeln!(diff, "observed calls after the last match:");
                if next == observed.len() {
                    let _ = writeln!(diff, "   (none)");
                }
                for e in &observed[next..] {
                    let _ = writeln!(diff, "   {}", describe_event(e));
                }
                if let Some(earlier) = observed[..next].iter().find(|e| x.matches(e)) {
                    let _ = writeln!(
                        diff,
                        "(a matching call happened earlier, out of order: {})",
                        describe_event(earlier)
                    );
                }
                return Err(diff);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::com::{MAPI_E_NO_SUPPORT, S_OK};

    fn call(
        seq: u64,
        session: u32,
        kind: ProviderKind,
        name: &str,
        method: Method,
        hr: HRESULT,
    ) -> Event {
        Event {
            sequence: seq,
            session,
            provider_kind: Some(kind),
            provider: Some(crate::runtime::journal::name(name).into()),
            hresult: hr,
            ..Event::new(EventType::ProviderCall, method)
        }
    }

    fn want(name: &str, method: Method) -> Filter {
        Filter {
            provider_name: Some(name.into()),
            method: Some(method),
            ..Filter::default()
        }
    }

    fn journal() -> Vec<Event> {
        vec![
            Event::new(EventType::ClientCall, Method::QueryFastShutdown),
            call(
                2,
                1,
                ProviderKind::Transport,
                "xp",
                Method::QueryFastShutdown,
                S_OK,
            ),
            call(
                3,
                1,
                ProviderKind::Store,
                "ms",
                Method::QueryFastShutdown,
                MAPI_E_NO_SUPPORT,
            ),
        ]
    }

    #[test]
    fn exact_match_ignores_client_calls() {
        let x = [
            want("xp", Method::QueryFastShutdown),
            want("ms", Method::QueryFastShutdown),
        ];
        assert_eq!(expect(&journal(), &x, Mode::Exact), Ok(()));
    }

    #[test]
    fn exact_mismatch_shows_both_columns_and_marks_the_difference() {
        let x = [
            want("xp", Method::QueryFastShutdown),
            Filter {
                hresult: Some(S_OK),
                ..want("ms", Method::QueryFastShutdown)
            },
        ];
        let diff = expect(&journal(), &x, Mode::Exact).unwrap_err();
        assert!(diff.contains("first difference at position 2"), "{diff}");
        assert!(diff.contains("! 2"), "{diff}");
        assert!(
            diff.contains("store \"ms\" QueryFastShutdown -> MAPI_E_NO_SUPPORT"),
            "{diff}"
        );
    }

    #[test]
    fn in_order_allows_gaps_and_reports_out_of_order_calls() {
        assert_eq!(
            expect(
                &journal(),
                &[want("ms", Method::QueryFastShutdown)],
                Mode::InOrder
            ),
            Ok(())
        );
        let x = [
            want("ms", Method::QueryFastShutdown),
            want("xp", Method::QueryFastShutdown),
        ];
        let diff = expect(&journal(), &x, Mode::InOrder).unwrap_err();
        assert!(diff.contains("expected call 2 of 2 not found"), "{diff}");
        assert!(diff.contains("happened earlier, out of order"), "{diff}");
    }

    #[test]
    fn missing_calls_are_listed() {
        let x = [
            want("xp", Method::QueryFastShutdown),
            want("ms", Method::QueryFastShutdown),
            want("ms", Method::DoFastShutdown),
        ];
        let diff = expect(&journal(), &x, Mode::Exact).unwrap_err();
        assert!(diff.contains("(nothing more)"), "{diff}");
    }
}
