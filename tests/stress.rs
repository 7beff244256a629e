//! Stress from Rust through the C ABI (the counterpart of `c-tests/stress.c`, small enough to run under
//! ThreadSanitizer in CI): threads make mixed calls — logon, attach fake providers, QueryInterface, the client
//! fast-shutdown queries, registry edits, MAPI buffers, Logoff — while every provider re-enters the runtime from
//! inside every one of its methods. A watchdog turns a deadlock into a failure (a hang guard, never a pass
//! condition). Afterwards: every provider got exactly one `Shutdown` and holds only its creator's reference, no
//! leak is reported, and the journal's sequence numbers are 1, 2, 3, ... with no gap and no repeat.
//! `MOCKMAPI_STRESS_ITERATIONS=<n>` runs more iterations per thread.

use std::ffi::c_void;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mockmapi::com::*;
use mockmapi::ffi::control::*;
use mockmapi::ffi::harness::*;
use mockmapi::ffi::journal::*;
use mockmapi::ffi::mapi::*;

const THREADS: usize = 8;
const PER_SESSION: usize = 3;
const POLICY: &std::ffi::CStr =
    c"HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const PREFERENCE: &std::ffi::CStr =
    c"HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const VALUE: &std::ffi::CStr = c"FastShutdownBehavior";

static REENTERED: AtomicUsize = AtomicUsize::new(0);

/// Inside every provider method: calls back into the runtime (reads, registry writes, MAPI buffers).
unsafe extern "C" fn reenter(
    _: *mut c_void,
    _: *mut IUnknown,
    method: u32,
    planned: HRESULT,
) -> HRESULT {
    REENTERED.fetch_add(1, Ordering::Relaxed);
    let mut d = 0u32;
    let _ = mockmapi_registry_get_dword(POLICY.as_ptr(), VALUE.as_ptr(), &mut d);
    let _ = mockmapi_registry_set_dword(PREFERENCE.as_ptr(), c"Stress".as_ptr(), method);
    let _ = mockmapi_journal_count();
    let _ = mockmapi_violation_count();
    let mut buffer = null_mut();
    if MAPIAllocateBuffer(16, &mut buffer) == S_OK {
        MAPIFreeBuffer(buffer);
    }
    planned
}

/// A provider pointer handed between threads (the runtime and the fakes are thread-safe).
struct Provider(*mut IUnknown);
// SAFETY: fake providers are thread-safe objects with atomic reference counts.
unsafe impl Send for Provider {}

/// One thread's work; returns the fake providers it created (each still holding its creator's reference) and
/// the failures it saw.
unsafe fn worker(t: usize, iterations: usize) -> (Vec<Provider>, Vec<String>) {
    let mut made = Vec::new();
    let mut failures = Vec::new();
    let mut fail = |what: &str, i: usize, hr: HRESULT| {
        failures.push(format!(
            "thread {t} iteration {i}: {what} returned {}",
            hresult_display(hr)
        ))
    };
    for i in 0..iterations {
        let mut s: *mut IMAPISession = null_mut();
        let hr = MAPILogonEx(0, c"stress".as_ptr().cast_mut(), null_mut(), 0, &mut s);
        if hr != S_OK {
            fail("MAPILogonEx", i, hr);
            continue;
        }
        let vt = &*(*s).lpVtbl;
        for k in 0..PER_SESSION {
            let mut spec: mockmapi_fake_spec = std::mem::zeroed();
            spec.kind = [
                MOCKMAPI_PROVIDER_STORE,
                MOCKMAPI_PROVIDER_TRANSPORT,
                MOCKMAPI_PROVIDER_ADDRESS_BOOK,
            ][k];
            spec.without_provider_shutdown = u32::from(k == 1);
            spec.callback = Some(reenter);
            let mut p = null_mut();
            let hr = mockmapi_fake_provider_create(&spec, &mut p);
            if hr != S_OK {
                fail("mockmapi_fake_provider_create", i, hr);
                continue;
            }
            let hr = mockmapi_session_add_provider(s, spec.kind, c"stress".as_ptr(), p);
            if hr != S_OK {
                fail("mockmapi_session_add_provider", i, hr);
            }
            made.push(Provider(p));
        }
        let mut cs: *mut c_void = null_mut();
        let hr = (vt.QueryInterface.unwrap())(s, &IID_IMAPIClientShutdown, &mut cs);
        if hr != S_OK {
            fail("QueryInterface", i, hr);
        } else {
            let cs: *mut IMAPIClientShutdown = cs.cast();
            let c = &*(*cs).lpVtbl;
            // Answers depend on the other threads (their providers and policy writes); only the calls matter.
            let _ = (c.QueryFastShutdown.unwrap())(cs);
            let _ = (c.NotifyProcessShutdown.unwrap())(cs);
            (c.AddRef.unwrap())(cs);
            (c.Release.unwrap())(cs);
            (c.Release.unwrap())(cs);
        }
        let _ = mockmapi_registry_set_dword(POLICY.as_ptr(), VALUE.as_ptr(), (i % 2) as u32);
        let mut root = null_mut();
        if MAPIAllocateBuffer(64, &mut root) == S_OK {
            let mut more = null_mut();
            let _ = MAPIAllocateMore(32, root, &mut more);
            MAPIFreeBuffer(root);
        }
        let hr = (vt.Logoff.unwrap())(s, 0, 0, 0);
        if hr != S_OK {
            fail("Logoff", i, hr);
        }
        (vt.Release.unwrap())(s);
    }
    (made, failures)
}

#[test]
fn threads_reentering_providers_no_deadlock_balanced_complete_journal() {
    let iterations: usize = std::env::var("MOCKMAPI_STRESS_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    mockmapi_reset();
    // SAFETY: plain C calls.
    assert_eq!(unsafe { MAPIInitialize(null_mut()) }, S_OK);
    let (done, finished) = std::sync::mpsc::channel();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
    for t in 0..THREADS {
        let done = done.clone();
        let barrier = barrier.clone();
        std::thread::spawn(move || {
            barrier.wait();
            // SAFETY: every pointer used is one the runtime returned.
            let _ = done.send(unsafe { worker(t, iterations) });
        });
    }
    let mut providers = Vec::new();
    let mut failures = Vec::new();
    for _ in 0..THREADS {
        match finished.recv_timeout(Duration::from_secs(120)) {
            Ok((p, f)) => {
                providers.extend(p);
                failures.extend(f);
            }
            Err(_) => panic!(
                "the threads did not finish within 120 s (or one panicked): a deadlock or a hang in the runtime"
            ),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        REENTERED.load(Ordering::Relaxed) > 0,
        "providers re-entered the runtime"
    );
    assert_eq!(providers.len(), THREADS * iterations * PER_SESSION);

    // The journal: sequence numbers 1..n, strictly increasing, none missing, none repeated.
    let n = mockmapi_journal_count();
    assert!(
        n > THREADS * iterations * 10,
        "the journal holds every call: {n}"
    );
    for i in 0..n {
        // SAFETY: an all-zero mockmapi_event is valid (integers and NULL pointers).
        let mut e: mockmapi_event = unsafe { std::mem::zeroed() };
        // SAFETY: a valid out-pointer.
        assert_eq!(unsafe { mockmapi_journal_get(i, &mut e) }, S_OK);
        assert_eq!(e.sequence, i as u64 + 1, "event {i}");
    }
    // Balanced: each provider got one Shutdown and holds only its creator's reference (the runtime gave back
    // every reference and interface it took), so the creator's Release is the last.
    for (i, p) in providers.iter().enumerate() {
        let mut shutdowns = 0;
        // SAFETY: a live fake provider.
        unsafe {
            assert_eq!(
                mockmapi_fake_provider_calls(p.0, MOCKMAPI_METHOD_SHUTDOWN, &mut shutdowns),
                S_OK
            );
            assert_eq!(shutdowns, 1, "provider {i}: Shutdown calls");
            let n = ((*(*p.0).lpVtbl).Release.unwrap())(p.0);
            assert_eq!(
                n, 0,
                "provider {i}: references left after its creator's Release"
            );
        }
    }
    // Nothing leaked: every session, fake provider and buffer given back.
    // SAFETY: NULL, 0 asks for the length.
    assert_eq!(unsafe { mockmapi_leak_report(null_mut(), 0) }, 0);
    // SAFETY: balances MAPIInitialize.
    unsafe { MAPIUninitialize() };
    mockmapi_reset();
}
