//! The fast-shutdown coordinator: the client `IMAPIClientShutdown` methods fanned out to every provider's
//! `IMAPIProviderShutdown` (SPEC §2–§4).
//!
//! One sequence per client `QueryFastShutdown`: the query takes the provider order under the lock (sessions in
//! logon order; transport, address book, store within a session; registration order within a kind), releases
//! the lock, obtains each provider's `IMAPIProviderShutdown` (once; the runtime holds it until the normal path
//! releases the provider) and asks it. The providers that answered become the sequence
//! ([`super::Sequence`]); `NotifyProcessShutdown` and `DoFastShutdown` call exactly those, through the held
//! pointers, and release nothing. A logon or an attached provider after the query invalidates it.
//!
//! `DoFastShutdown` enters the exited state under the lock *before* it calls any provider: from then on every
//! MAPI call is refused, fan-outs still running call no further provider, and no provider reference is
//! released (see `provider::ExitLatch`).

use std::fmt::Write as _;
use std::sync::Arc;

use crate::com::{hresult_display, succeeded, HRESULT, MAPI_E_NO_SUPPORT, S_OK};

use std::sync::atomic::Ordering;

use crate::com::IMAPIProviderShutdown;

use super::journal::{prefetch, Event, EventType, Pin};
use super::method::Method;
use super::provider::{Outcome, Pass, ShutdownMethod, DO_WAITS_FOR_OTHER_CALLS};
use super::session::SessionObject;
use super::{Call, Held, HeldSet, Inner, Order, OrderData, Sequence, SessionEntry};

/// Tally of one fan-out.
#[derive(Default)]
struct Tally {
    called: usize,
    failed: usize,
    no_interface: usize,
    first_failure: Option<String>,
    /// The runtime exited while this fan-out ran: the remaining providers were not called.
    stopped_by_exit: bool,
}

impl Tally {
    fn add(&mut self, call: &Call, outcome: Outcome) {
        match outcome {
            Outcome::NoInterface(_) => self.no_interface += 1,
            Outcome::Called(hr) => {
                self.called += 1;
                if !succeeded(hr) {
                    self.failed += 1;
                    if self.first_failure.is_none() {
                        self.first_failure = Some(format!(
                            "{} \"{}\" of session {} returned {}",
                            call.kind.label(),
                            call.record.name.to_string_lossy(),
                            call.session,
                            hresult_display(hr)
                        ));
                    }
                }
            }
        }
    }
}

/// How many providers ahead a fan-out asks the processor to fetch what the next calls touch: far enough to
/// hide a memory access behind the calls in between, near enough to stay in the cache.
const PREFETCH_AHEAD: usize = 8;

/// One fan-out: the provider order, the logoffs seen at its start, and the name list its events borrow.
struct FanOut<'a> {
    inner: &'a Inner,
    which: ShutdownMethod,
    closes: u64,
    pin: Pin<'a>,
    tally: Tally,
    /// Query and Notify run under a pass: a DoFastShutdown that begins meanwhile waits for it to end, and they
    /// call no provider once that DoFastShutdown began (checked before each call, after the pass began).
    _pass: Option<Pass<'a>>,
}

impl<'a> FanOut<'a> {
    /// Start a fan-out over `order`; `closes` is the logoff count read under the state lock when the order (or
    /// the sequence) was taken.
    fn new(
        inner: &'a Inner,
        order: &'a Order,
        which: ShutdownMethod,
        calls: usize,
        closes: u64,
    ) -> Self {
        inner.journal.reserve(calls);
        FanOut {
            inner,
            which,
            closes,
            pin: inner.journal.pin(&order.names),
            tally: Tally::default(),
            _pass: (which != ShutdownMethod::Do).then(|| inner.latch.pass()),
        }
    }

    /// Whether the fan-out goes on to the provider `call`: `Some(false)` skips it (logged off meanwhile),
    /// `None` stops the fan-out (the runtime exited, unless this is the DoFastShutdown fan-out).
    #[inline]
    fn may_call(&mut self, call: &Call) -> Option<bool> {
        let latch = &self.inner.latch;
        if self.which != ShutdownMethod::Do && latch.is_exited() {
            self.tally.stopped_by_exit = true;
            return None;
        }
        // A provider record is looked at only after a logoff during this fan-out.
        if latch.closes() != self.closes && call.record.closed.load(Ordering::SeqCst) {
            return Some(false);
        }
        Some(true)
    }

    /// One provider call: two clock reads, one journal record reserved when the call starts (so what it causes
    /// reads after it, and a call that never returns still shows) and completed when it returns. `iface` is the
    /// held `IMAPIProviderShutdown`; `None` (the query) obtains it first, and the record covers that
    /// QueryInterface.
    fn call(
        &mut self,
        at: usize,
        call: &Call,
        iface: Option<*mut IMAPIProviderShutdown>,
    ) -> (Outcome, *mut IMAPIProviderShutdown) {
        let journal = &self.inner.journal;
        let held = iface.unwrap_or_else(|| call.record.iface.load(Ordering::Acquire));
        let slot = journal.begin_pinned(
            &mut self.pin,
            at,
            Event {
                session: call.session,
                provider_kind: Some(call.kind),
                object: held as usize,
                ..Event::new(EventType::ProviderCall, self.which.method())
            },
        );
        let iface = match iface.map_or_else(|| call.record.shutdown_interface(), Ok) {
            Ok(i) => i,
            Err(hr) => {
                let object = call.object.as_ptr() as usize;
                journal.complete(slot, |e| {
                    e.method = Method::QueryInterface;
                    e.hresult = hr;
                    e.object = object;
                });
                let outcome = Outcome::NoInterface(hr);
                self.tally.add(call, outcome);
                return (outcome, std::ptr::null_mut());
            }
        };
        // SAFETY: `iface` is a live IMAPIProviderShutdown the record holds a reference on.
        let hr = unsafe { call.record.invoke(iface, self.which) };
        journal.complete(slot, |e| {
            e.hresult = hr;
            e.object = iface as usize;
        });
        let outcome = Outcome::Called(hr);
        self.tally.add(call, outcome);
        (outcome, iface)
    }
}

impl Inner {
    /// The query's fan-out: every provider of the order, obtaining (once) and holding its
    /// `IMAPIProviderShutdown`; `each` sees every provider that answered.
    fn query_fan_out(
        &self,
        order: &Order,
        closes: u64,
        mut each: impl FnMut(usize, &Call, *mut IMAPIProviderShutdown, HRESULT),
    ) -> Tally {
        let calls = &order.calls;
        let mut f = FanOut::new(self, order, ShutdownMethod::Query, calls.len(), closes);
        for (at, call) in calls.iter().enumerate() {
            if let Some(next) = calls.get(at + 2 * PREFETCH_AHEAD) {
                prefetch(next.object.as_ptr());
                // The record (the interface is obtained and kept there): every line of it.
                let record = Arc::as_ptr(&next.record).cast::<u8>();
                for line in (0..std::mem::size_of::<super::ProviderRecord>()).step_by(64) {
                    prefetch(record.wrapping_add(line));
                }
            }
            self.journal.prefetch_ahead(PREFETCH_AHEAD);
            match f.may_call(call) {
                None => break,
                Some(false) => continue,
                Some(true) => {}
            }
            if let (Outcome::Called(hr), iface) = f.call(at, call, None) {
                each(at, call, iface, hr);
            }
        }
        f.tally
    }

    /// Notify's or Do's fan-out: the providers the sequence holds, through the held interfaces.
    fn held_fan_out(&self, held: &HeldSet, closes: u64, which: ShutdownMethod) -> Tally {
        let mut f = FanOut::new(self, &held.order, which, held.calls.len(), closes);
        for (k, h) in held.calls.iter().enumerate() {
            if let Some(next) = held.calls.get(k + PREFETCH_AHEAD) {
                prefetch(next.iface);
            }
            self.journal.prefetch_ahead(PREFETCH_AHEAD);
            let call = held.call(h);
            match f.may_call(call) {
                None => break,
                Some(false) => continue,
                Some(true) => {}
            }
            f.call(h.at, call, Some(h.iface));
        }
        f.tally
    }

    /// Client `IMAPIClientShutdown::QueryFastShutdown`: begins a new sequence.
    pub(crate) fn client_query_fast_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::QueryFastShutdown)
        });
        let (decision, providers, query, added, previous, closes) = {
            let mut st = self.state.lock();
            if let Err(hr) = self.check_session_locked(&st, obj, Method::QueryFastShutdown) {
                drop(st);
                self.journal.finish(slot, hr, None);
                return hr;
            }
            // No query stands while this one runs.
            let previous = st.sequence.take();
            st.queries += 1;
            let decision = st.decide_policy();
            let providers: Order = if decision.behavior == 2 {
                Arc::new(OrderData::default())
            } else {
                st.providers_in_order()
            };
            let not_called = if decision.behavior == 2 {
                st.sessions.values().map(SessionEntry::provider_count).sum()
            } else {
                0
            };
            (
                (decision, not_called),
                providers,
                st.queries,
                st.added,
                previous,
                self.latch.closes(),
            )
        };
        drop(previous);
        let (decision, not_called) = decision;
        for d in &decision.diagnostics {
            self.journal
                .diagnostic(Method::QueryFastShutdown, obj.id, d.clone());
        }
        if decision.behavior == 2 {
            tracing::debug!(
                behavior = decision.behavior,
                source = decision.source.describe(),
                key = decision.key.as_deref().unwrap_or("-"),
                providers_not_called = not_called,
                "QueryFastShutdown: policy resolved; fast shutdown is disabled, no provider is called"
            );
        } else {
            tracing::debug!(
                behavior = decision.behavior,
                source = decision.source.describe(),
                key = decision.key.as_deref().unwrap_or("-"),
                providers = providers.calls.len(),
                "QueryFastShutdown: policy resolved"
            );
        }
        let mut msg = decision.summary();
        let mut answered: Vec<Held> = Vec::with_capacity(providers.calls.len());
        let hr = if decision.behavior == 2 {
            let _ = write!(
                msg,
                "; fast shutdown is disabled by the administrator: none of the {not_called} provider(s) was called"
            );
            MAPI_E_NO_SUPPORT
        } else {
            let tally = self.query_fan_out(&providers, closes, |at, call, iface, hr| {
                answered.push(Held { iface, at });
                if succeeded(hr) && hr != S_OK {
                    self.journal.diagnostic(
                        Method::QueryFastShutdown,
                        call.session,
                        format!(
                            "{} \"{}\" returned {} from QueryFastShutdown; a success code other than S_OK counts as support",
                            call.kind.label(),
                            call.record.name.to_string_lossy(),
                            hresult_display(hr)
                        ),
                    );
                }
            });
            let _ = write!(
                msg,
                "; {} provider(s): {} answered, {} opted out, {} without IMAPIProviderShutdown",
                providers.calls.len(),
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
            if tally.stopped_by_exit {
                msg.push_str(
                    "; stopped: a DoFastShutdown began meanwhile (the process is exiting)",
                );
            }
            if tally.failed > 0 || blocked_by_missing || tally.stopped_by_exit {
                MAPI_E_NO_SUPPORT
            } else {
                S_OK
            }
        };
        tracing::debug!(answer = %hresult_display(hr), "QueryFastShutdown: {msg}");
        let replaced = {
            let mut st = self.state.lock();
            if !st.exited && st.generation == obj.generation && st.queries == query {
                // A provider logged off meanwhile is out of the sequence (its record is looked at only if a
                // logoff happened since the query took the order).
                let mut held = HeldSet {
                    order: providers.clone(),
                    calls: answered,
                };
                if self.latch.closes() != closes {
                    held = held.retain(|call| !call.record.closed.load(Ordering::SeqCst));
                }
                let held = Arc::new(held);
                let invalidated = (st.added != added).then(|| st.added_what.clone());
                st.sequence.replace(Sequence {
                    held,
                    ok: hr == S_OK,
                    notified: false,
                    invalidated,
                })
            } else {
                None
            }
        };
        drop(replaced);
        self.journal.finish(slot, hr, Some(msg));
        hr
    }

    /// The checks Notify and Do share: gate, then "the most recent query returned S_OK and still stands".
    /// `Ok` carries the sequence's providers and whether Notify reached them. Do enters the exited state here,
    /// under the lock, before any provider is called.
    /// `Ok` also carries the logoff count read under the lock.
    fn after_query(
        &self,
        obj: &SessionObject,
        method: Method,
    ) -> Result<(Arc<HeldSet>, bool, u64), HRESULT> {
        let refuse = if method == Method::DoFastShutdown {
            MAPI_E_NO_SUPPORT
        } else {
            S_OK
        };
        let mut st = self.state.lock();
        self.check_session_locked(&st, obj, method)?;
        let Some(seq) = st.sequence.as_mut().filter(|s| s.ok) else {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} without a successful QueryFastShutdown (none was made, it failed, or policy 2 disabled \
                     fast shutdown); no provider was called. Call QueryFastShutdown first and continue only if it \
                     returns S_OK [rule {}]",
                    method.name(),
                    crate::rules::NO_DO_WITHOUT_QUERY,
                ),
            );
            return Err(refuse);
        };
        if let Some(why) = &seq.invalidated {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} after the QueryFastShutdown was invalidated: {why} after it, so not every provider was \
                     asked; no provider was called. Call QueryFastShutdown again (after the last logon or \
                     mockmapi_session_add_provider) and continue only if it returns S_OK [rule {}]",
                    method.name(),
                    crate::rules::NO_DO_WITHOUT_QUERY,
                ),
            );
            return Err(refuse);
        }
        let was_notified = seq.notified;
        let held = seq.held.clone();
        if method == Method::NotifyProcessShutdown {
            seq.notified = true;
        } else {
            st.exited = true;
            st.exit_fan_out = true;
            self.latch.set_exited(true);
        }
        Ok((held, was_notified, self.latch.closes()))
    }

    /// Client `IMAPIClientShutdown::NotifyProcessShutdown`: always `S_OK` ("the subsystem attempted to notify").
    pub(crate) fn client_notify_process_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::NotifyProcessShutdown)
        });
        let (providers, closes) = match self.after_query(obj, Method::NotifyProcessShutdown) {
            Ok((p, _, closes)) => (p, closes),
            Err(hr) => {
                self.journal.finish(slot, hr, None);
                return hr;
            }
        };
        let tally = self.held_fan_out(&providers, closes, ShutdownMethod::Notify);
        let mut msg = format!(
            "{} provider(s) notified, {} failed",
            tally.called, tally.failed
        );
        if let Some(f) = &tally.first_failure {
            let _ = write!(msg, " (first: {f}); the fan-out continued");
        }
        if tally.stopped_by_exit {
            msg.push_str("; stopped: a DoFastShutdown began meanwhile");
        }
        self.journal.finish(slot, S_OK, Some(msg));
        S_OK
    }

    /// The exited state began: wait until the provider calls other threads began before it have ended (their
    /// fan-outs stop at the next provider), so that no provider is inside another call when `DoFastShutdown`
    /// reaches it. Bounded by [`DO_WAITS_FOR_OTHER_CALLS`]: past it, a violation, and the fan-out goes on.
    fn wait_for_other_threads(&self, session: u32) {
        let others = self.latch.others_passes();
        if others == 0 {
            return;
        }
        self.journal.diagnostic(
            Method::DoFastShutdown,
            session,
            format!(
                "DoFastShutdown waits for {others} provider call(s) other threads began before it (a \
                 QueryFastShutdown or NotifyProcessShutdown fan-out, a Logoff, a Release) to end before it calls \
                 any provider; those calls reach no further provider [rule {}]",
                crate::rules::NOTHING_AFTER_DO
            ),
        );
        if let Err(left) = self.latch.wait_for_others(DO_WAITS_FOR_OTHER_CALLS) {
            self.journal.violation(
                Method::DoFastShutdown,
                session,
                format!(
                    "DoFastShutdown waited {} s for {left} provider call(s) other threads began before it and \
                     calls its providers anyway: a provider may get DoFastShutdown while it is still inside \
                     another call. Do not call MAPI from other threads during fast shutdown, and do not make a \
                     provider method wait for another thread's MAPI call [rule {}]",
                    DO_WAITS_FOR_OTHER_CALLS.as_secs(),
                    crate::rules::NOTHING_AFTER_DO
                ),
            );
        }
    }

    /// Client `IMAPIClientShutdown::DoFastShutdown`: `S_OK` only if every provider's DoFastShutdown succeeded.
    /// When it reaches providers the runtime is exited from the moment it starts calling them.
    pub(crate) fn client_do_fast_shutdown(&self, obj: &SessionObject) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::DoFastShutdown)
        });
        let (providers, was_notified, closes) = match self.after_query(obj, Method::DoFastShutdown)
        {
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
        self.wait_for_other_threads(obj.id);
        let tally = self.held_fan_out(&providers, closes, ShutdownMethod::Do);
        self.state.lock().exit_fan_out = false;
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
