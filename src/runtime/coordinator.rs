//! The fast-shutdown coordinator: the client `IMAPIClientShutdown` methods fanned out to every provider's
//! `IMAPIProviderShutdown` (SPEC §2–§4).
//!
//! Each method takes a snapshot of the providers under the lock (sessions in logon order; transport,
//! address book, store within a session; registration order within a kind), releases the lock, and only
//! then calls providers. The snapshot holds the records alive, so a concurrent Logoff cannot free a
//! provider under a running fan-out.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::com::{hresult_display, succeeded, HRESULT, MAPI_E_NO_SUPPORT, S_OK};

use super::journal::{Event, EventType};
use super::method::Method;
use super::provider::{Outcome, ProviderRecord, ShutdownMethod};
use super::session::SessionObject;
use super::{Inner, Order};

/// Tally of one fan-out.
#[derive(Default)]
struct Tally {
    called: usize,
    failed: usize,
    no_interface: usize,
    first_failure: Option<String>,
}

impl Tally {
    fn add(&mut self, record: &ProviderRecord, outcome: Outcome) {
        match outcome {
            Outcome::NoInterface(_) => self.no_interface += 1,
            Outcome::Called(hr) => {
                self.called += 1;
                if !succeeded(hr) {
                    self.failed += 1;
                    if self.first_failure.is_none() {
                        self.first_failure = Some(format!(
                            "{} \"{}\" of session {} returned {}",
                            record.kind.label(),
                            record.name.to_string_lossy(),
                            record.session,
                            hresult_display(hr)
                        ));
                    }
                }
            }
        }
    }
}

impl Inner {
    fn fan_out(
        &self,
        providers: &[Arc<ProviderRecord>],
        which: ShutdownMethod,
        mut each: impl FnMut(&ProviderRecord, Outcome),
    ) -> Tally {
        self.journal.reserve(providers.len());
        let mut tally = Tally::default();
        for record in providers {
            let outcome = record.call_shutdown_method(which);
            tally.add(record, outcome);
            each(record, outcome);
        }
        tally
    }

    /// Client `IMAPIClientShutdown::QueryFastShutdown`.
    pub(crate) fn client_query_fast_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::QueryFastShutdown)
        });
        let (decision, providers) = {
            let mut st = self.state.lock();
            if let Err(hr) = self.check_session_locked(&st, obj, Method::QueryFastShutdown) {
                drop(st);
                self.journal.finish(slot, hr, None);
                return hr;
            }
            st.last_query_ok = false;
            st.notified = false;
            let decision = st.decide_policy();
            let providers: Order = if decision.behavior == 2 {
                Arc::new([])
            } else {
                st.providers_in_order()
            };
            (decision, providers)
        };
        for d in &decision.diagnostics {
            self.journal
                .diagnostic(Method::QueryFastShutdown, obj.id, d.clone());
        }
        tracing::debug!(
            behavior = decision.behavior,
            source = decision.source.describe(),
            key = decision.key.as_deref().unwrap_or("-"),
            providers = providers.len(),
            "QueryFastShutdown: policy resolved"
        );
        let mut msg = decision.summary();
        let hr = if decision.behavior == 2 {
            msg.push_str(
                "; fast shutdown is disabled by the administrator: no provider was called",
            );
            MAPI_E_NO_SUPPORT
        } else {
            let tally = self.fan_out(&providers, ShutdownMethod::Query, |record, outcome| {
                if let Outcome::Called(hr) = outcome {
                    if succeeded(hr) && hr != S_OK {
                        self.journal.diagnostic(
                            Method::QueryFastShutdown,
                            record.session,
                            format!(
                                "{} \"{}\" returned {} from QueryFastShutdown; a success code other than S_OK counts as support",
                                record.kind.label(),
                                record.name.to_string_lossy(),
                                hresult_display(hr)
                            ),
                        );
                    }
                }
            });
            let _ = write!(
                msg,
                "; {} provider(s): {} answered, {} opted out, {} without IMAPIProviderShutdown",
                providers.len(),
                tally.called,
                tally.failed,
                tally.no_interface
            );
            if let Some(f) = &tally.first_failure {
                let _ = write!(msg, "; first opt-out: {f}");
            }
            let blocked_by_missing = decision.behavior == 1 && tally.no_interface > 0;
            if blocked_by_missing {
                msg.push_str(
                    "; policy 1 requires every provider to implement IMAPIProviderShutdown",
                );
            }
            if tally.failed > 0 || blocked_by_missing {
                MAPI_E_NO_SUPPORT
            } else {
                S_OK
            }
        };
        tracing::debug!(answer = %hresult_display(hr), "QueryFastShutdown: {msg}");
        {
            let mut st = self.state.lock();
            if !st.exited && st.generation == obj.generation {
                st.last_query_ok = hr == S_OK;
                st.notified = false;
            }
        }
        self.journal.finish(slot, hr, Some(msg));
        hr
    }

    /// The checks Notify and Do share: gate, then "most recent query returned S_OK". `Ok` carries the snapshot.
    fn after_query(&self, obj: &SessionObject, method: Method) -> Result<(Order, bool), HRESULT> {
        let mut st = self.state.lock();
        self.check_session_locked(&st, obj, method)?;
        if !st.last_query_ok {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} without a successful QueryFastShutdown (none was made, it failed, or policy 2 disabled fast \
                     shutdown); no provider was called. Call QueryFastShutdown first and continue only if it returns S_OK",
                    method.name()
                ),
            );
            return Err(if method == Method::DoFastShutdown {
                MAPI_E_NO_SUPPORT
            } else {
                S_OK
            });
        }
        let was_notified = st.notified;
        if method == Method::NotifyProcessShutdown {
            st.notified = true;
        }
        Ok((st.providers_in_order(), was_notified))
    }

    /// Client `IMAPIClientShutdown::NotifyProcessShutdown`: always `S_OK` ("the subsystem attempted to notify").
    pub(crate) fn client_notify_process_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::NotifyProcessShutdown)
        });
        let providers = match self.after_query(obj, Method::NotifyProcessShutdown) {
            Ok((p, _)) => p,
            Err(hr) => {
                self.journal.finish(slot, hr, None);
                return hr;
            }
        };
        let tally = self.fan_out(&providers, ShutdownMethod::Notify, |_, _| {});
        let mut msg = format!(
            "{} provider(s) notified, {} failed",
            tally.called, tally.failed
        );
        if let Some(f) = &tally.first_failure {
            let _ = write!(msg, " (first: {f}); the fan-out continued");
        }
        self.journal.finish(slot, S_OK, Some(msg));
        S_OK
    }

    /// Client `IMAPIClientShutdown::DoFastShutdown`: `S_OK` only if every provider's DoFastShutdown succeeded.
    /// When it reaches providers the runtime enters the exited state.
    pub(crate) fn client_do_fast_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::DoFastShutdown)
        });
        let (providers, was_notified) = match self.after_query(obj, Method::DoFastShutdown) {
            Ok(x) => x,
            Err(hr) => {
                self.journal.finish(slot, hr, None);
                return hr;
            }
        };
        if !was_notified {
            self.journal.diagnostic(
                Method::DoFastShutdown,
                obj.id,
                "DoFastShutdown without NotifyProcessShutdown since the last QueryFastShutdown (as some clients do); \
                 providers get DoFastShutdown without a notification",
            );
        }
        let tally = self.fan_out(&providers, ShutdownMethod::Do, |_, _| {});
        self.state.lock().exited = true;
        let hr = if tally.failed == 0 {
            S_OK
        } else {
            MAPI_E_NO_SUPPORT
        };
        let mut msg = format!(
            "{} provider(s) shut down, {} failed",
            tally.called, tally.failed
        );
        if let Some(f) = &tally.first_failure {
            let _ = write!(msg, " (first: {f})");
        }
        msg.push_str("; the subsystem is now exited: no further MAPI call is allowed");
        tracing::debug!(answer = %hresult_display(hr), "DoFastShutdown: {msg}");
        self.journal.finish(slot, hr, Some(msg));
        hr
    }
}
