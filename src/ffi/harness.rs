//! What no real subsystem offers: expectations on the journal, fake providers, real-client styles, the exit
//! test, call budgets and leak reports.

use std::ffi::{c_char, c_void};
use std::time::Duration;

use crate::com::{IUnknown, E_INVALIDARG, HRESULT, MAPI_E_NOT_FOUND, S_OK};
use crate::runtime::client::ClientStyle;
use crate::runtime::expect::{self, Filter, Mode};
use crate::runtime::fake::{FakeCallback, FakeSpec};
use crate::runtime::provider::{ComPtr, ProviderKind};
use crate::runtime::{EventType, Method, Runtime};

use super::{copy_text, with_runtime, write_out};

// ---- expectations and queries ----

/// A pattern over journal events; a zero field (or NULL name) matches anything. Used by
/// `mockmapi_journal_expect`, `mockmapi_journal_count_matching` and `mockmapi_journal_find`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct mockmapi_event_filter {
    /// `MOCKMAPI_EVENT_*`; 0 = any (`mockmapi_journal_expect`: 0 = provider calls).
    pub event_type: u32,
    /// Session id; 0 = any.
    pub session: u32,
    /// `MOCKMAPI_PROVIDER_*`; 0 = any.
    pub provider_kind: u32,
    /// `MOCKMAPI_METHOD_*`; 0 = any.
    pub method: u32,
    /// The provider's display name (UTF-8, compared exactly); NULL = any.
    pub provider_name: *const c_char,
    /// Nonzero: the event's HRESULT must equal `hresult`.
    pub check_hresult: u32,
    pub hresult: HRESULT,
}

/// `mockmapi_journal_expect`: the matching events are exactly the expected ones, one for one, in order.
pub const MOCKMAPI_EXPECT_EXACT: u32 = 0;
/// `mockmapi_journal_expect`: the expected events appear in this order; others may come between.
pub const MOCKMAPI_EXPECT_IN_ORDER: u32 = 1;

unsafe fn to_filter(
    rt: &Runtime,
    f: &mockmapi_event_filter,
    default_type: Option<EventType>,
) -> Result<Filter, HRESULT> {
    let bad = |what: String| rt.reject(Method::Journal, E_INVALIDARG, what);
    let event_type = match f.event_type {
        0 => default_type,
        1 => Some(EventType::ProviderCall),
        2 => Some(EventType::ClientCall),
        3 => Some(EventType::Violation),
        4 => Some(EventType::Diagnostic),
        t => {
            return Err(bad(format!(
                "event filter: unknown event_type {t}; use MOCKMAPI_EVENT_* or 0"
            )))
        }
    };
    let provider_kind = match f.provider_kind {
        0 => None,
        k => Some(ProviderKind::from_u32(k).ok_or_else(|| {
            bad(format!(
                "event filter: unknown provider_kind {k}; use MOCKMAPI_PROVIDER_* or 0"
            ))
        })?),
    };
    let method = match f.method {
        0 => None,
        m => Some(Method::from_u32(m).ok_or_else(|| {
            bad(format!(
                "event filter: unknown method {m}; use MOCKMAPI_METHOD_* or 0"
            ))
        })?),
    };
    let provider_name = rt
        .c_str_arg(
            Method::Journal,
            "event filter: provider_name",
            f.provider_name,
        )?
        .map(str::to_owned);
    Ok(Filter {
        event_type,
        session: (f.session != 0).then_some(f.session),
        provider_kind,
        provider_name,
        method,
        hresult: (f.check_hresult != 0).then_some(f.hresult),
    })
}

/// Check that the journal holds these calls in this order.
///
/// `expected` points to `count` filters (NULL allowed when `count` is 0). A filter with `event_type` 0 stands for
/// a provider call; the comparison looks at the events of the types the filters name (provider calls unless
/// stated). `mode`: `MOCKMAPI_EXPECT_EXACT` or `MOCKMAPI_EXPECT_IN_ORDER`. On a mismatch a readable diff of
/// expected versus observed is written to `diff` (`snprintf` rules; `diff` may be NULL) and `*diff_length`
/// (may be NULL) receives its full length.
///
/// Returns `S_OK` on a match, `MAPI_E_NOT_FOUND` on a mismatch, `E_INVALIDARG` for bad arguments. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_journal_expect(
    expected: *const mockmapi_event_filter,
    count: usize,
    mode: u32,
    diff: *mut c_char,
    diff_size: usize,
    diff_length: *mut usize,
) -> HRESULT {
    with_runtime(Method::Journal, crate::com::E_UNEXPECTED, |rt| {
        if expected.is_null() && count > 0 {
            return rt.reject(
                Method::Journal,
                E_INVALIDARG,
                "mockmapi_journal_expect: expected is NULL but count is not 0",
            );
        }
        let mode = match mode {
            MOCKMAPI_EXPECT_EXACT => Mode::Exact,
            MOCKMAPI_EXPECT_IN_ORDER => Mode::InOrder,
            m => {
                return rt.reject(
                    Method::Journal,
                    E_INVALIDARG,
                    format!("mockmapi_journal_expect: unknown mode {m}; use MOCKMAPI_EXPECT_EXACT or MOCKMAPI_EXPECT_IN_ORDER"),
                )
            }
        };
        let raw = if count == 0 {
            &[][..]
        } else {
            std::slice::from_raw_parts(expected, count)
        };
        let mut filters = Vec::with_capacity(count);
        for f in raw {
            match to_filter(rt, f, None) {
                Ok(f) => filters.push(f),
                Err(hr) => return hr,
            }
        }
        match rt
            .journal()
            .read(|events| expect::expect(events.iter(), &filters, mode))
        {
            Ok(()) => {
                copy_text("", diff, diff_size);
                write_out(diff_length, 0);
                S_OK
            }
            Err(text) => {
                write_out(diff_length, copy_text(&text, diff, diff_size));
                MAPI_E_NOT_FOUND
            }
        }
    })
}

/// How many events match `filter` (NULL matches every event). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_journal_count_matching(
    filter: *const mockmapi_event_filter,
) -> usize {
    with_runtime(Method::Journal, 0, |rt| {
        let f = match filter.as_ref() {
            None => Filter::default(),
            Some(f) => match to_filter(rt, f, None) {
                Ok(f) => f,
                Err(_) => return 0,
            },
        };
        rt.journal()
            .read(|events| events.iter().filter(|e| f.matches(e)).count())
    })
}

/// The index of the first event at or after `start` that matches `filter` (NULL matches any), into `*index`.
/// Returns `S_OK`; `MAPI_E_NOT_FOUND` when none does (`*index` untouched); `E_INVALIDARG` if `index` is NULL or
/// the filter is invalid. Use the index with `mockmapi_journal_get`.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_journal_find(
    filter: *const mockmapi_event_filter,
    start: usize,
    index: *mut usize,
) -> HRESULT {
    with_runtime(Method::Journal, crate::com::E_UNEXPECTED, |rt| {
        if index.is_null() {
            return rt.reject(
                Method::Journal,
                E_INVALIDARG,
                "mockmapi_journal_find: index is NULL",
            );
        }
        let f = match filter.as_ref() {
            None => Filter::default(),
            Some(f) => match to_filter(rt, f, None) {
                Ok(f) => f,
                Err(hr) => return hr,
            },
        };
        let found = rt.journal().read(|events| {
            events
                .iter_from(start)
                .position(|e| f.matches(e))
                .map(|at| start + at)
        });
        match found {
            Some(i) => {
                write_out(index, i);
                S_OK
            }
            None => MAPI_E_NOT_FOUND,
        }
    })
}

/// Report every provider call that takes longer than `budget_ms` milliseconds as a diagnostic with the
/// measured time (`provider_call_budget_ms`); 0 turns it off (the default). Lasts until changed.
#[no_mangle]
pub extern "C" fn mockmapi_journal_set_call_budget_ms(budget_ms: u32) {
    with_runtime(Method::Journal, (), |rt| {
        rt.journal()
            .set_call_budget(Duration::from_millis(u64::from(budget_ms)))
    })
}

/// What the client has not released, as text (`snprintf` rules): session objects with references left, fake
/// providers with references left, MAPI buffers never freed — one line each. Returns the number of leaks.
/// `mockmapi_reset` and the last `MAPIUninitialize` also record them as diagnostics. Nothing is reported after
/// a client `DoFastShutdown` (the process exits without releasing, as documented).
#[no_mangle]
pub unsafe extern "C" fn mockmapi_leak_report(buffer: *mut c_char, size: usize) -> usize {
    with_runtime(Method::Journal, 0, |rt| {
        let leaks = rt.leaks();
        let mut text = String::new();
        for l in &leaks {
            text.push_str(l);
            text.push('\n');
        }
        copy_text(&text, buffer, size);
        leaks.len()
    })
}

// ---- fake providers ----

/// Called inside every fake-provider method (after its delay): `method` is the `MOCKMAPI_METHOD_*` being
/// called, `planned` the result the spec gives; the callback's return value is what the method returns.
/// A plain C function (cdecl), like every function mockmapi adds: declare it without `STDMETHODCALLTYPE`,
/// which only COM methods and MAPI entry points carry (on 32-bit Windows the compiler rejects a mismatch).
pub type mockmapi_fake_callback = Option<
    unsafe extern "C" fn(
        context: *mut c_void,
        provider: *mut IUnknown,
        method: u32,
        planned: HRESULT,
    ) -> HRESULT,
>;

/// How a fake provider behaves. Zero-initialise it, then set what matters: zero results mean `S_OK`, zero
/// delays mean none.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct mockmapi_fake_spec {
    /// `MOCKMAPI_PROVIDER_*` (required).
    pub kind: u32,
    /// Display name (UTF-8, copied); NULL gives `"fake-<kind>"`.
    pub name: *const c_char,
    /// Nonzero: `QueryInterface(IID_IMAPIProviderShutdown)` fails with `E_NOINTERFACE` (or is forwarded to
    /// `inner`), as for a provider that predates fast shutdown.
    pub without_provider_shutdown: u32,
    pub query_fast_shutdown_result: HRESULT,
    pub notify_process_shutdown_result: HRESULT,
    pub do_fast_shutdown_result: HRESULT,
    pub shutdown_result: HRESULT,
    pub query_fast_shutdown_delay_ms: u32,
    pub notify_process_shutdown_delay_ms: u32,
    pub do_fast_shutdown_delay_ms: u32,
    pub shutdown_delay_ms: u32,
    /// Called inside every method; NULL for none.
    pub callback: mockmapi_fake_callback,
    pub callback_context: *mut c_void,
    /// `QueryInterface` forwards IIDs the fake does not answer itself to this object (a wrapper around an inner
    /// provider). The fake holds a reference on it until the fake is released. NULL for none.
    pub inner: *mut IUnknown,
}

/// Create a fake provider from `spec` into `*provider`, with one reference owned by the caller (attach it with
/// `mockmapi_session_add_provider`, then Release it). Its calls are counted (`mockmapi_fake_provider_calls`).
/// Returns `S_OK`, or `E_INVALIDARG` for NULL arguments or an unknown kind. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_fake_provider_create(
    spec: *const mockmapi_fake_spec,
    provider: *mut *mut IUnknown,
) -> HRESULT {
    with_runtime(Method::FakeProvider, crate::com::E_UNEXPECTED, |rt| {
        let (Some(s), false) = (spec.as_ref(), provider.is_null()) else {
            return rt.reject(
                Method::FakeProvider,
                E_INVALIDARG,
                "mockmapi_fake_provider_create: spec or provider is NULL",
            );
        };
        let Some(kind) = ProviderKind::from_u32(s.kind) else {
            return rt.reject(
                Method::FakeProvider,
                E_INVALIDARG,
                format!(
                    "mockmapi_fake_provider_create: unknown kind {}; use MOCKMAPI_PROVIDER_*",
                    s.kind
                ),
            );
        };
        let name = match rt.c_str_arg(
            Method::FakeProvider,
            "mockmapi_fake_provider_create: name",
            s.name,
        ) {
            Ok(n) => n.map_or_else(|| format!("fake-{}", kind.label()), str::to_owned),
            Err(hr) => return hr,
        };
        if name.len() > crate::runtime::provider::MAX_NAME_BYTES {
            return rt.reject(
                Method::FakeProvider,
                E_INVALIDARG,
                format!(
                    "mockmapi_fake_provider_create: the name is {} bytes long; the limit is \
                     MOCKMAPI_MAX_PROVIDER_NAME_BYTES ({})",
                    name.len(),
                    crate::runtime::provider::MAX_NAME_BYTES
                ),
            );
        }
        // An inner object must be a COM object: its vtable and IUnknown slots are called later, from inside
        // provider calls, where a NULL would crash.
        if let Some(inner) = s.inner.as_ref() {
            let ok = inner.lpVtbl.as_ref().is_some_and(|v| {
                v.QueryInterface.is_some() && v.AddRef.is_some() && v.Release.is_some()
            });
            if !ok {
                return rt.reject(
                    Method::FakeProvider,
                    E_INVALIDARG,
                    "mockmapi_fake_provider_create: spec->inner is not a COM object (its lpVtbl, or its \
                     QueryInterface, AddRef or Release slot, is NULL); pass NULL for no inner object",
                );
            }
        }
        let ms = |v: u32| Duration::from_millis(u64::from(v));
        let spec = FakeSpec {
            kind,
            name,
            provider_shutdown: s.without_provider_shutdown == 0,
            results: [
                s.query_fast_shutdown_result,
                s.notify_process_shutdown_result,
                s.do_fast_shutdown_result,
                s.shutdown_result,
            ],
            delays: [
                ms(s.query_fast_shutdown_delay_ms),
                ms(s.notify_process_shutdown_delay_ms),
                ms(s.do_fast_shutdown_delay_ms),
                ms(s.shutdown_delay_ms),
            ],
            callback: s
                .callback
                .map(|f| (f as FakeCallback, s.callback_context as usize)),
            inner: ComPtr::new(s.inner),
        };
        write_out(provider, rt.create_fake_provider(spec));
        S_OK
    })
}

/// How many times `method` (`MOCKMAPI_METHOD_*`: QueryInterface, AddRef, Release, Shutdown, QueryFastShutdown,
/// NotifyProcessShutdown, DoFastShutdown) was called on a fake provider, into `*count`. Returns `S_OK`;
/// `E_INVALIDARG` if `provider` is not a fake created since the last reset, `count` is NULL or the method unknown.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_fake_provider_calls(
    provider: *mut IUnknown,
    method: u32,
    count: *mut u32,
) -> HRESULT {
    with_runtime(Method::FakeProvider, crate::com::E_UNEXPECTED, |rt| {
        let (Some(fake), Some(m), false) = (
            rt.fake_provider(provider as *const c_void),
            Method::from_u32(method),
            count.is_null(),
        ) else {
            return rt.reject(
                Method::FakeProvider,
                E_INVALIDARG,
                "mockmapi_fake_provider_calls: provider is not a fake provider, the method is unknown, or count is NULL",
            );
        };
        write_out(count, fake.calls(m));
        S_OK
    })
}

// ---- client styles ----

/// The documented client: QueryFastShutdown; NotifyProcessShutdown and DoFastShutdown only after `S_OK`.
pub const MOCKMAPI_CLIENT_DOCUMENTED: u32 = 1;
/// A client that calls NotifyProcessShutdown even after a failed QueryFastShutdown (a recorded violation).
pub const MOCKMAPI_CLIENT_ALWAYS_NOTIFY: u32 = 2;
/// A client that calls DoFastShutdown without NotifyProcessShutdown (a recorded diagnostic).
pub const MOCKMAPI_CLIENT_NO_NOTIFY: u32 = 3;

/// Drive the client side of fast shutdown as a real client of `style` (`MOCKMAPI_CLIENT_*`) does, through the
/// first logged-on session's `IMAPIClientShutdown`. Returns `S_OK` when DoFastShutdown returned `S_OK` (the
/// runtime is then exited, as after a real client's DoFastShutdown), else the failing client result;
/// `MAPI_E_NOT_FOUND` when no session is logged on; `E_INVALIDARG` for an unknown style.
#[no_mangle]
pub extern "C" fn mockmapi_client_fast_shutdown(style: u32) -> HRESULT {
    with_runtime(Method::ClientFastShutdown, crate::com::E_UNEXPECTED, |rt| {
        match ClientStyle::from_u32(style) {
            Some(s) => rt.client_fast_shutdown(s),
            None => rt.reject(
                Method::ClientFastShutdown,
                E_INVALIDARG,
                format!(
                    "mockmapi_client_fast_shutdown: unknown style {style}; use MOCKMAPI_CLIENT_*"
                ),
            ),
        }
    })
}

// ---- the exit test ----

/// The child fast-shut-down and exited right after DoFastShutdown.
pub const MOCKMAPI_EXIT_COMPLETED: u32 = 1;
/// `setup` failed in the child.
pub const MOCKMAPI_EXIT_SETUP_FAILED: u32 = 2;
/// QueryFastShutdown did not return S_OK: no fast shutdown happened.
pub const MOCKMAPI_EXIT_NOT_FAST: u32 = 3;
/// The child died of a signal (`signal` says which).
pub const MOCKMAPI_EXIT_CRASHED: u32 = 4;
/// The child did not finish within `timeout_ms` and was killed.
pub const MOCKMAPI_EXIT_TIMED_OUT: u32 = 5;
/// The child exited by itself before the sequence ended.
pub const MOCKMAPI_EXIT_EXITED_EARLY: u32 = 6;

/// `setup` (in the child: MAPIInitialize, MAPILogonEx, attach providers) and `verify` (in the parent, after
/// the child ended: check the data) return `S_OK` on success. Plain C functions (cdecl), declared without
/// `STDMETHODCALLTYPE`, like every callback mockmapi takes.
pub type mockmapi_exit_callback = Option<unsafe extern "C" fn(userdata: *mut c_void) -> HRESULT>;

/// Options of `mockmapi_exit_test`; zero-initialise for the defaults.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct mockmapi_exit_options {
    /// `MOCKMAPI_CLIENT_*`; 0 = `MOCKMAPI_CLIENT_DOCUMENTED`.
    pub client_style: u32,
    /// How long the child may run, in milliseconds; 0 = 10000.
    pub timeout_ms: u32,
}

/// What `mockmapi_exit_test` found. The strings belong to the runtime and stay valid until the next
/// `mockmapi_exit_test` or `mockmapi_reset`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct mockmapi_exit_result {
    /// `MOCKMAPI_EXIT_*`.
    pub outcome: u32,
    /// The child's exit code, or -1 if it died of a signal.
    pub exit_code: i32,
    /// The signal that ended the child, or 0.
    pub signal: i32,
    pub setup_result: HRESULT,
    /// The client sequence's result in the child (DoFastShutdown's, or the failing QueryFastShutdown's).
    pub shutdown_result: HRESULT,
    /// `verify`'s result (`S_OK` if no verify was given or it was not run).
    pub verify_result: HRESULT,
    /// One line for a person: what happened and what it means.
    pub summary: *const c_char,
    /// The child's journal as text, as far as it got.
    pub child_journal: *const c_char,
}

/// The strings the last `mockmapi_exit_test` result points to (valid until the next call).
#[cfg(any(unix, windows))]
static EXIT_STRINGS: parking_lot::Mutex<Option<(std::ffi::CString, std::ffi::CString)>> =
    parking_lot::Mutex::new(None);

/// Does the data survive the immediate exit? In a child process, `setup(userdata)` builds sessions and
/// providers, the client fast-shutdown sequence runs, and the child ends the moment DoFastShutdown returns
/// (`_exit`; `TerminateProcess` on Windows) — no Release, no destructors, no atexit handlers, no DLL detach — as
/// the real process does. The parent then reports how the child ended (exit, signal or exception, or killed
/// after the timeout) and, if it completed, runs `verify(userdata)` (NULL to skip).
///
/// POSIX: the child is a `fork` of the caller; call it from a single-threaded program. Windows: the child is
/// the same program started again with the same arguments (as death tests do): it runs from `main` again, up
/// to the same `mockmapi_exit_test` call (the n-th of the process, with the same `setup`), where it runs the
/// test; the earlier exit tests of that run return the parent's results at once without running `setup` or
/// `verify`. So the program must make the same exit-test calls in the same order each time it runs; its output
/// in the child is discarded.
///
/// Returns `S_OK` when the child completed and `verify` returned `S_OK`; `MAPI_E_CALL_FAILED` otherwise (see
/// `*result`); `E_INVALIDARG` if `setup` or `result` is NULL or the options are invalid. `*result` is filled
/// whenever the test ran.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_exit_test(
    setup: mockmapi_exit_callback,
    verify: mockmapi_exit_callback,
    userdata: *mut c_void,
    options: *const mockmapi_exit_options,
    result: *mut mockmapi_exit_result,
) -> HRESULT {
    with_runtime(Method::ExitTest, crate::com::E_UNEXPECTED, |rt| {
        exit_test(rt, setup, verify, userdata, options, result)
    })
}

#[cfg(any(unix, windows))]
unsafe fn exit_test(
    rt: &Runtime,
    setup: mockmapi_exit_callback,
    verify: mockmapi_exit_callback,
    userdata: *mut c_void,
    options: *const mockmapi_exit_options,
    result: *mut mockmapi_exit_result,
) -> HRESULT {
    use crate::runtime::exit_test::ExitOptions;
    let (Some(setup), false) = (setup, result.is_null()) else {
        return rt.reject(
            Method::ExitTest,
            E_INVALIDARG,
            "mockmapi_exit_test: setup or result is NULL",
        );
    };
    let mut opts = ExitOptions::default();
    if let Some(o) = options.as_ref() {
        if o.client_style != 0 {
            match ClientStyle::from_u32(o.client_style) {
                Some(s) => opts.style = s,
                None => {
                    return rt.reject(
                        Method::ExitTest,
                        E_INVALIDARG,
                        format!(
                        "mockmapi_exit_test: unknown client_style {}; use MOCKMAPI_CLIENT_* or 0",
                        o.client_style
                    ),
                    )
                }
            }
        }
        if o.timeout_ms != 0 {
            opts.timeout = Duration::from_millis(u64::from(o.timeout_ms));
        }
    }
    let mut run_verify = || verify.map_or(S_OK, |v| v(userdata));
    #[cfg(unix)]
    let report = {
        let mut run_setup = || setup(userdata);
        rt.exit_test(&mut run_setup, Some(&mut run_verify), opts)
    };
    #[cfg(windows)]
    let report = match win_exit::run(rt, setup, userdata, &mut run_verify, opts) {
        win_exit::Run::Report(r) => r,
        win_exit::Run::Replayed(recorded) => {
            write_exit_result(result, &recorded.report());
            return recorded.hr;
        }
    };
    let report = match report {
        Ok(r) => r,
        Err(why) => {
            return rt.reject(
                Method::ExitTest,
                crate::com::MAPI_E_CALL_FAILED,
                format!(
                    "mockmapi_exit_test: {why} [rule {}]",
                    crate::rules::EXIT_TEST
                ),
            )
        }
    };
    write_exit_result(result, &report);
    let hr = if report.passed() {
        S_OK
    } else {
        crate::com::MAPI_E_CALL_FAILED
    };
    #[cfg(windows)]
    win_exit::record(hr, &report);
    hr
}

/// Fill `*result` from a report; its strings are kept in [`EXIT_STRINGS`].
#[cfg(any(unix, windows))]
unsafe fn write_exit_result(
    result: *mut mockmapi_exit_result,
    report: &crate::runtime::exit_test::ExitReport,
) {
    let mut strings = EXIT_STRINGS.lock();
    let (summary, journal) = strings.insert((
        crate::runtime::journal::c_string(report.summary.clone()),
        crate::runtime::journal::c_string(report.child_journal.clone()),
    ));
    write_out(
        result,
        mockmapi_exit_result {
            outcome: report.outcome as u32,
            exit_code: report.exit_code,
            signal: report.signal,
            setup_result: report.setup,
            shutdown_result: report.shutdown,
            verify_result: report.verify,
            summary: summary.as_ptr(),
            child_journal: journal.as_ptr(),
        },
    );
}

/// The exit test on Windows: the child is this program started again (see `mockmapi_exit_test`).
#[cfg(windows)]
mod win_exit {
    use std::ffi::c_void;
    use std::sync::atomic::{AtomicU64, Ordering};

    use parking_lot::Mutex;
    use serde::{Deserialize, Serialize};

    use crate::com::HRESULT;
    use crate::runtime::exit_test::{ExitOptions, ExitOutcome, ExitReport};
    use crate::runtime::Runtime;

    /// In the child: `<n>;<setup's address in its module, hex>;<file of the earlier results>`.
    const CHILD_ENV: &str = "MOCKMAPI_EXIT_TEST_CHILD";

    /// The exit tests this process has made so far (the index of the next one).
    static CALLS: AtomicU64 = AtomicU64::new(0);
    /// Their results, handed to each child so that it replays them.
    static RECORDED: Mutex<Vec<Recorded>> = Mutex::new(Vec::new());

    /// One exit test's result, as a child replays it.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub(super) struct Recorded {
        pub hr: HRESULT,
        outcome: u32,
        exit_code: i32,
        setup: HRESULT,
        shutdown: HRESULT,
        verify: HRESULT,
        summary: String,
        child_journal: String,
    }

    impl Recorded {
        pub(super) fn report(&self) -> ExitReport {
            let outcome = [
                ExitOutcome::Completed,
                ExitOutcome::SetupFailed,
                ExitOutcome::NotFast,
                ExitOutcome::Crashed,
                ExitOutcome::TimedOut,
                ExitOutcome::ExitedEarly,
            ]
            .into_iter()
            .find(|o| *o as u32 == self.outcome)
            .unwrap_or(ExitOutcome::ExitedEarly);
            ExitReport {
                outcome,
                exit_code: self.exit_code,
                signal: 0,
                crash: None,
                setup: self.setup,
                shutdown: self.shutdown,
                verify: self.verify,
                child_journal: self.child_journal.clone(),
                in_progress: None,
                last: None,
                summary: self.summary.clone(),
            }
        }
    }

    pub(super) enum Run {
        /// The test ran (in a child) here.
        Report(Result<ExitReport, String>),
        /// This process is a child, and this call one it replays.
        Replayed(Recorded),
    }

    /// Where `setup` is, relative to the module (EXE or DLL) that holds it: the same in every run of the
    /// program, wherever Windows loads it.
    fn anchor(setup: unsafe extern "C" fn(*mut c_void) -> HRESULT) -> usize {
        use windows_sys::Win32::System::LibraryLoader::{
            GetModuleHandleExW, GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
            GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
        };
        let mut module = std::ptr::null_mut();
        // SAFETY: asks which module holds an address; no reference taken.
        let ok = unsafe {
            GetModuleHandleExW(
                GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS
                    | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                setup as usize as *const u16,
                &mut module,
            )
        };
        if ok == 0 {
            return setup as usize;
        }
        (setup as usize).wrapping_sub(module as usize)
    }

    /// The parent's request, in a child: which call to run, where its setup is, the earlier results.
    fn child_request() -> Option<(u64, usize, Vec<Recorded>)> {
        let value = std::env::var(CHILD_ENV).ok()?;
        let mut parts = value.splitn(3, ';');
        let index = parts.next()?.parse().ok()?;
        let anchor = usize::from_str_radix(parts.next()?, 16).ok()?;
        let recorded = std::fs::read(parts.next()?)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Some((index, anchor, recorded))
    }

    pub(super) fn run(
        rt: &Runtime,
        setup: unsafe extern "C" fn(*mut c_void) -> HRESULT,
        userdata: *mut c_void,
        verify: &mut dyn FnMut() -> HRESULT,
        opts: ExitOptions,
    ) -> Run {
        let index = CALLS.fetch_add(1, Ordering::Relaxed);
        let here = anchor(setup);
        if let Some((target, anchor, recorded)) = child_request() {
            if index < target {
                if let Some(r) = recorded.get(index as usize) {
                    return Run::Replayed(r.clone());
                }
            }
            if index == target {
                if anchor != here {
                    rt.exit_test_child_mismatch();
                }
                // SAFETY: the caller's own setup callback and userdata.
                let mut run_setup = || unsafe { setup(userdata) };
                rt.exit_test_child(&mut run_setup);
            }
        }
        Run::Report(spawn(rt, index, here, verify, opts))
    }

    fn spawn(
        rt: &Runtime,
        index: u64,
        anchor: usize,
        verify: &mut dyn FnMut() -> HRESULT,
        opts: ExitOptions,
    ) -> Result<ExitReport, String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let replay = std::env::temp_dir().join(format!(
            "mockmapi-exit-replay-{}-{index}.json",
            std::process::id()
        ));
        let recorded = serde_json::to_vec(&*RECORDED.lock()).expect("plain data");
        std::fs::write(&replay, recorded)
            .map_err(|e| format!("cannot write {}: {e}", replay.display()))?;
        let mut cmd = std::process::Command::new(exe);
        cmd.args(std::env::args_os().skip(1)).env(
            CHILD_ENV,
            format!("{index};{anchor:x};{}", replay.display()),
        );
        let report = rt.exit_test_spawned(cmd, Some(verify), opts);
        let _ = std::fs::remove_file(&replay);
        report
    }

    /// Keep a finished test's result for the children of later tests.
    pub(super) fn record(hr: HRESULT, r: &ExitReport) {
        RECORDED.lock().push(Recorded {
            hr,
            outcome: r.outcome as u32,
            exit_code: r.exit_code,
            setup: r.setup,
            shutdown: r.shutdown,
            verify: r.verify,
            summary: r.summary.clone(),
            child_journal: r.child_journal.clone(),
        });
    }
}

#[cfg(not(any(unix, windows)))]
unsafe fn exit_test(
    rt: &Runtime,
    _setup: mockmapi_exit_callback,
    _verify: mockmapi_exit_callback,
    _userdata: *mut c_void,
    _options: *const mockmapi_exit_options,
    _result: *mut mockmapi_exit_result,
) -> HRESULT {
    rt.reject(
        Method::ExitTest,
        crate::com::MAPI_E_NO_SUPPORT,
        "mockmapi_exit_test needs child processes, which this platform does not have [rule MM-EXIT-TEST]",
    )
}

const _: () = assert!(MOCKMAPI_CLIENT_DOCUMENTED == ClientStyle::Documented as u32);
const _: () = assert!(MOCKMAPI_CLIENT_ALWAYS_NOTIFY == ClientStyle::AlwaysNotify as u32);
const _: () = assert!(MOCKMAPI_CLIENT_NO_NOTIFY == ClientStyle::NoNotify as u32);
