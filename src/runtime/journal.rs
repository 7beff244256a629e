//! The journal: every client call, provider call, violation and diagnostic, in order.
//!
//! A provider call costs one record: a push under a short lock that is never held while provider code runs.
//! Strings are `CString`s so that C can borrow them; their heap buffers do not move when the event vector
//! grows, so a pointer handed to C stays valid until the journal is cleared.

use std::ffi::{CStr, CString};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;

use crate::com::{hresult_display, HRESULT, S_OK};

use super::method::Method;
use super::provider::ProviderKind;

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum EventType {
    /// The runtime called a provider.
    ProviderCall = 1,
    /// The client called the runtime.
    ClientCall = 2,
    /// The client broke the protocol (SPEC §4, §5).
    Violation = 3,
    /// Something a person should know that is not a violation.
    Diagnostic = 4,
}

impl EventType {
    pub fn label(self) -> &'static str {
        match self {
            EventType::ProviderCall => "provider",
            EventType::ClientCall => "client",
            EventType::Violation => "VIOLATION",
            EventType::Diagnostic => "diagnostic",
        }
    }
}

/// One journal entry.
#[derive(Debug, Clone)]
pub struct Event {
    /// 1-based position in the journal.
    pub sequence: u64,
    pub event_type: EventType,
    /// Session id (1-based, in logon order since the last reset); 0 when not about a session.
    pub session: u32,
    /// The provider's display name, when the event is about a provider.
    pub provider: Option<Arc<CStr>>,
    pub provider_kind: Option<ProviderKind>,
    pub method: Method,
    pub hresult: HRESULT,
    pub duration: Duration,
    pub message: Option<CString>,
    /// Address of the object that was called (for provider calls: the interface that answered).
    pub object: usize,
}

impl Event {
    /// A blank event of a type, to fill with struct-update syntax.
    pub fn new(event_type: EventType, method: Method) -> Event {
        Event {
            sequence: 0,
            event_type,
            session: 0,
            provider: None,
            provider_kind: None,
            method,
            hresult: S_OK,
            duration: Duration::ZERO,
            message: None,
            object: 0,
        }
    }

    /// The message as text ("" when none).
    pub fn message_str(&self) -> &str {
        self.message
            .as_deref()
            .and_then(|m| m.to_str().ok())
            .unwrap_or("")
    }

    /// The provider name as text ("" when none).
    pub fn provider_str(&self) -> &str {
        self.provider
            .as_deref()
            .and_then(|m| m.to_str().ok())
            .unwrap_or("")
    }

    /// One line, as `mockmapi_journal_render` prints it.
    pub fn render(&self, out: &mut String) {
        let _ = write!(out, "#{:<4} {:<10}", self.sequence, self.event_type.label());
        if self.session != 0 {
            let _ = write!(out, " session {}", self.session);
        }
        if let Some(kind) = self.provider_kind {
            let _ = write!(out, " {} \"{}\"", kind.label(), self.provider_str());
        }
        match self.event_type {
            EventType::ProviderCall | EventType::ClientCall => {
                let _ = write!(
                    out,
                    " {} -> {}",
                    self.method.name(),
                    hresult_display(self.hresult)
                );
                if !self.duration.is_zero() {
                    let _ = write!(out, " [{}]", format_duration(self.duration));
                }
                if self.message.is_some() {
                    let _ = write!(out, ": {}", self.message_str());
                }
            }
            EventType::Violation | EventType::Diagnostic => {
                if self.method != Method::None {
                    let _ = write!(out, " {}", self.method.name());
                }
                let _ = write!(out, ": {}", self.message_str());
            }
        }
        out.push('\n');
    }
}

fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{:.1} us", ns as f64 / 1e3)
    } else {
        format!("{:.1} ms", ns as f64 / 1e6)
    }
}

/// Make a C string from text, replacing interior NULs so nothing is lost silently.
pub fn c_string(s: impl Into<String>) -> CString {
    let s = s.into();
    CString::new(s).unwrap_or_else(|e| {
        let bytes: Vec<u8> = e
            .into_vec()
            .into_iter()
            .map(|b| if b == 0 { b'?' } else { b })
            .collect();
        CString::new(bytes).expect("NULs replaced")
    })
}

/// The journal itself.
#[derive(Debug, Default)]
pub struct Journal {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    events: Vec<Event>,
    violations: usize,
    /// Bumped by `clear`, so a slot reserved before a clear is not filled after it.
    epoch: u64,
}

/// A client-call event reserved at the start of a call and completed at its end.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    index: usize,
    epoch: u64,
    started: std::time::Instant,
}

impl Journal {
    /// Append an event, assigning its sequence number; returns it.
    pub fn record(&self, event: Event) -> u64 {
        self.push(event).0
    }

    /// Append under one lock; returns the sequence number and the journal epoch.
    fn push(&self, mut event: Event) -> (u64, u64) {
        if tracing::enabled!(tracing::Level::DEBUG) {
            let mut line = String::new();
            event.render(&mut line);
            tracing::debug!(target: "mockmapi::journal", "{}", line.trim_end());
        }
        let mut j = self.inner.lock();
        event.sequence = j.events.len() as u64 + 1;
        if event.event_type == EventType::Violation {
            j.violations += 1;
        }
        let seq = event.sequence;
        j.events.push(event);
        (seq, j.epoch)
    }

    /// Reserve a client-call event now (so it reads before the provider calls it causes).
    pub fn begin(&self, event: Event) -> Slot {
        let started = std::time::Instant::now();
        let (seq, epoch) = self.push(event);
        Slot {
            index: (seq - 1) as usize,
            epoch,
            started,
        }
    }

    /// Complete a reserved client-call event with its result.
    pub fn finish(&self, slot: Slot, hresult: HRESULT, message: Option<String>) {
        let duration = slot.started.elapsed();
        let mut j = self.inner.lock();
        if j.epoch != slot.epoch {
            return;
        }
        if let Some(e) = j.events.get_mut(slot.index) {
            e.hresult = hresult;
            e.duration = duration;
            if let Some(m) = message {
                e.message = Some(c_string(m));
            }
        }
    }

    /// Record a violation (the client broke the protocol).
    pub fn violation(&self, method: Method, session: u32, message: impl Into<String>) {
        let message = message.into();
        tracing::warn!(target: "mockmapi", method = method.name(), session, "violation: {message}");
        self.record(Event {
            session,
            message: Some(c_string(message)),
            ..Event::new(EventType::Violation, method)
        });
    }

    /// Record a diagnostic.
    pub fn diagnostic(&self, method: Method, session: u32, message: impl Into<String>) {
        let message = message.into();
        tracing::info!(target: "mockmapi", method = method.name(), session, "diagnostic: {message}");
        self.record(Event {
            session,
            message: Some(c_string(message)),
            ..Event::new(EventType::Diagnostic, method)
        });
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.inner.lock().events.len()
    }

    /// Whether the journal is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of violations.
    pub fn violation_count(&self) -> usize {
        self.inner.lock().violations
    }

    /// Run `f` on event `index` (0-based) under the lock.
    pub fn with_event<R>(&self, index: usize, f: impl FnOnce(&Event) -> R) -> Option<R> {
        self.inner.lock().events.get(index).map(f)
    }

    /// A copy of every event.
    pub fn snapshot(&self) -> Vec<Event> {
        self.inner.lock().events.clone()
    }

    /// The whole journal as text, one line per event.
    pub fn render(&self) -> String {
        let j = self.inner.lock();
        let mut out = String::with_capacity(j.events.len() * 96);
        for e in &j.events {
            e.render(&mut out);
        }
        out
    }

    /// Remove every event.
    pub fn clear(&self) {
        let old = {
            let mut j = self.inner.lock();
            j.violations = 0;
            j.epoch += 1;
            std::mem::take(&mut j.events)
        };
        drop(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_violation_count_and_clear() {
        let j = Journal::default();
        j.diagnostic(Method::None, 0, "note");
        j.violation(Method::NotifyProcessShutdown, 2, "out of order");
        assert_eq!(j.len(), 2);
        assert_eq!(j.violation_count(), 1);
        assert_eq!(j.with_event(1, |e| (e.sequence, e.session)), Some((2, 2)));
        let text = j.render();
        assert!(
            text.contains("VIOLATION  session 2 NotifyProcessShutdown: out of order"),
            "{text}"
        );
        j.clear();
        assert_eq!((j.len(), j.violation_count()), (0, 0));
    }

    #[test]
    fn a_slot_is_completed_in_place_but_not_after_a_clear() {
        let j = Journal::default();
        let s = j.begin(Event::new(EventType::ClientCall, Method::QueryFastShutdown));
        j.record(Event::new(
            EventType::ProviderCall,
            Method::QueryFastShutdown,
        ));
        j.finish(s, crate::com::MAPI_E_NO_SUPPORT, Some("why".into()));
        assert_eq!(
            j.with_event(0, |e| (e.hresult, e.message_str().to_owned())),
            Some((crate::com::MAPI_E_NO_SUPPORT, "why".to_owned()))
        );
        let s = j.begin(Event::new(EventType::ClientCall, Method::DoFastShutdown));
        j.clear();
        j.record(Event::new(EventType::Diagnostic, Method::None));
        j.finish(s, 5, None);
        assert_eq!(j.with_event(0, |e| e.hresult), Some(S_OK));
    }

    #[test]
    fn interior_nul_is_replaced_not_dropped() {
        assert_eq!(c_string("a\0b").to_str().unwrap(), "a?b");
    }
}
