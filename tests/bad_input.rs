//! Every exported function's bad inputs and their answers, run through the C ABI, and the table
//! `docs/bad-input.md` generated from these same rows: the test fails when the document and the behaviour
//! differ, and when an exported function has no row (regenerate with `MOCKMAPI_UPDATE_DOCS=1 cargo test --test
//! bad_input` after adding rows).
//!
//! Each row: a fresh runtime (`mockmapi_reset`), its setup, then the call. The answer must be the documented
//! one; a refused input must be journaled as a violation (and only then); the emulated hive must be unchanged
//! by a refused call.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void};
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use mockmapi::com::*;
use mockmapi::ffi::control::*;
use mockmapi::ffi::harness::*;
use mockmapi::ffi::journal::*;
use mockmapi::ffi::mapi::*;
use mockmapi::ffi::platform::*;
use mockmapi::ffi::registry::*;

const KEY: &std::ffi::CStr =
    c"HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const VALUE: &std::ffi::CStr = c"FastShutdownBehavior";

/// The session of the current row's setup, and a second pointer (a buffer, a fake provider, ...).
static SESSION: AtomicPtr<IMAPISession> = AtomicPtr::new(null_mut());
static OTHER: AtomicPtr<c_void> = AtomicPtr::new(null_mut());
static COUNT: AtomicUsize = AtomicUsize::new(0);
/// The IMAPIClientShutdown obtained before the exited state.
static CS: AtomicPtr<IMAPIClientShutdown> = AtomicPtr::new(null_mut());

fn hr(h: HRESULT) -> String {
    hresult_name(h).map_or_else(|| format!("0x{:08X}", h as u32), str::to_owned)
}

fn s() -> *mut IMAPISession {
    SESSION.load(Ordering::SeqCst)
}

unsafe fn vt(p: *mut IMAPISession) -> &'static IMAPISessionVtbl {
    &*(*p).lpVtbl
}

/// The session's IMAPIClientShutdown (one reference, released by the row's cleanup at reset: the runtime keeps
/// stale objects).
unsafe fn cs() -> *mut IMAPIClientShutdown {
    let mut p: *mut c_void = null_mut();
    assert_eq!(
        (vt(s()).QueryInterface.unwrap())(s(), &IID_IMAPIClientShutdown, &mut p),
        S_OK
    );
    p.cast()
}

unsafe fn csv(p: *mut IMAPIClientShutdown) -> &'static IMAPIClientShutdownVtbl {
    &*(*p).lpVtbl
}

// ---- setups ----

fn none() {}

fn init() {
    // SAFETY: plain C calls.
    unsafe { assert_eq!(MAPIInitialize(null_mut()), S_OK) };
}

fn logged_on() {
    init();
    let mut p = null_mut();
    // SAFETY: a valid out-pointer.
    unsafe { assert_eq!(MAPILogonEx(0, null_mut(), null_mut(), 0, &mut p), S_OK) };
    SESSION.store(p, Ordering::SeqCst);
}

fn released() {
    logged_on();
    // SAFETY: the reference MAPILogonEx gave.
    unsafe { (vt(s()).Release.unwrap())(s()) };
}

fn logged_off() {
    logged_on();
    // SAFETY: a live session.
    unsafe { assert_eq!((vt(s()).Logoff.unwrap())(s(), 0, 0, 0), S_OK) };
}

fn uninitialized_holding_session() {
    logged_on();
    // SAFETY: balances `init`.
    unsafe { MAPIUninitialize() };
}

fn exited() {
    with_fake();
    // SAFETY: a live session.
    CS.store(unsafe { cs() }, Ordering::SeqCst);
    assert_eq!(
        mockmapi_client_fast_shutdown(MOCKMAPI_CLIENT_DOCUMENTED),
        S_OK
    );
}

fn with_buffer() {
    init();
    let mut p = null_mut();
    // SAFETY: a valid out-pointer.
    unsafe { assert_eq!(MAPIAllocateBuffer(8, &mut p), S_OK) };
    OTHER.store(p, Ordering::SeqCst);
}

fn with_chained_buffer() {
    with_buffer();
    let mut c = null_mut();
    // SAFETY: a live root buffer.
    unsafe {
        assert_eq!(
            MAPIAllocateMore(8, OTHER.load(Ordering::SeqCst), &mut c),
            S_OK
        )
    };
    OTHER.store(c, Ordering::SeqCst);
}

fn with_freed_buffer() {
    with_buffer();
    // SAFETY: a live root buffer.
    unsafe { assert_eq!(MAPIFreeBuffer(OTHER.load(Ordering::SeqCst)), S_OK as u32) };
}

fn fake_spec() -> mockmapi_fake_spec {
    // SAFETY: the spec is documented as zero-initialisable.
    let mut spec: mockmapi_fake_spec = unsafe { std::mem::zeroed() };
    spec.kind = MOCKMAPI_PROVIDER_STORE;
    spec
}

fn fake() -> *mut IUnknown {
    let mut p = null_mut();
    // SAFETY: valid spec and out-pointer.
    unsafe { assert_eq!(mockmapi_fake_provider_create(&fake_spec(), &mut p), S_OK) };
    OTHER.store(p.cast(), Ordering::SeqCst);
    p
}

fn with_fake() {
    logged_on();
    let p = fake();
    // SAFETY: a live session and provider.
    unsafe {
        assert_eq!(
            mockmapi_session_add_provider(s(), MOCKMAPI_PROVIDER_STORE, c"store".as_ptr(), p),
            S_OK
        )
    };
}

fn logged_on_with_fake() {
    logged_on();
    fake();
}

fn with_dword() {
    // SAFETY: valid strings.
    unsafe {
        assert_eq!(
            mockmapi_registry_set_dword(KEY.as_ptr(), VALUE.as_ptr(), 1),
            S_OK
        )
    };
}

fn with_qword() {
    // SAFETY: valid strings.
    unsafe {
        assert_eq!(
            mockmapi_registry_set_qword(KEY.as_ptr(), VALUE.as_ptr(), 1),
            S_OK
        )
    };
}

fn other() -> *mut c_void {
    OTHER.load(Ordering::SeqCst)
}

fn provider() -> *mut IUnknown {
    other().cast()
}

fn long(n: usize) -> std::ffi::CString {
    std::ffi::CString::new("x".repeat(n)).unwrap()
}

const NOT_UTF8: &[u8] = b"HKCU\\\xff\xfe\0";

fn not_utf8() -> *const c_char {
    NOT_UTF8.as_ptr().cast()
}

/// An object whose lpVtbl is NULL.
struct NullVtable(IUnknown);
// SAFETY: never written; the runtime only reads lpVtbl (and refuses it).
unsafe impl Sync for NullVtable {}
static NULL_VTABLE: NullVtable = NullVtable(IUnknown { lpVtbl: null() });

fn null_vtable() -> *mut IUnknown {
    (&NULL_VTABLE.0 as *const IUnknown).cast_mut()
}

// ---- the rows ----

/// One bad input: the function, the input in words, what must come back, whether a violation is journaled,
/// the setup and the call (returning the answer as text).
struct Row {
    function: &'static str,
    input: &'static str,
    answer: &'static str,
    violation: bool,
    setup: fn(),
    call: fn() -> String,
}

macro_rules! row {
    ($f:literal, $input:literal, $answer:literal, $violation:literal, $setup:expr, $call:expr) => {
        Row {
            function: $f,
            input: $input,
            answer: $answer,
            violation: $violation,
            setup: $setup,
            #[allow(unused_unsafe, unused_braces)]
            call: || unsafe { $call },
        }
    };
}

fn rows() -> Vec<Row> {
    let mut v = vec![
        // MAPI entry points
        row!(
            "MAPIInitialize",
            "after a client DoFastShutdown",
            "MAPI_E_CALL_FAILED",
            true,
            exited,
            hr(MAPIInitialize(null_mut()))
        ),
        row!(
            "MAPIUninitialize",
            "without a matching MAPIInitialize",
            "(nothing changes)",
            true,
            none,
            {
                MAPIUninitialize();
                "(nothing changes)".into()
            }
        ),
        row!(
            "MAPILogonEx",
            "lppSession NULL",
            "E_INVALIDARG",
            true,
            init,
            hr(MAPILogonEx(0, null_mut(), null_mut(), 0, null_mut()))
        ),
        row!(
            "MAPILogonEx",
            "lppSession NULL, before MAPIInitialize",
            "E_INVALIDARG",
            true,
            none,
            hr(MAPILogonEx(0, null_mut(), null_mut(), 0, null_mut()))
        ),
        row!(
            "MAPILogonEx",
            "profile name over MOCKMAPI_MAX_PROFILE_NAME_CHARS (65 characters)",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                let name = long(65);
                hr(MAPILogonEx(0, name.as_ptr().cast_mut(), null_mut(), 0, &mut p))
            }
        ),
        row!(
            "MAPILogonEx",
            "profile name of 1 MiB, before MAPIInitialize",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut p = null_mut();
                let name = long(1 << 20);
                hr(MAPILogonEx(0, name.as_ptr().cast_mut(), null_mut(), 0, &mut p))
            }
        ),
        row!(
            "MAPILogonEx",
            "MAPI_UNICODE profile name over MOCKMAPI_MAX_PROFILE_NAME_CHARS",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                let mut wide: Vec<libc::wchar_t> = vec![b'w' as libc::wchar_t; 4096];
                wide.push(0);
                hr(MAPILogonEx(
                    0,
                    wide.as_mut_ptr().cast(),
                    null_mut(),
                    MAPI_UNICODE,
                    &mut p,
                ))
            }
        ),
        row!(
            "MAPILogonEx",
            "before MAPIInitialize",
            "MAPI_E_NOT_INITIALIZED",
            true,
            none,
            {
                let mut p = null_mut();
                hr(MAPILogonEx(0, null_mut(), null_mut(), 0, &mut p))
            }
        ),
        row!(
            "MAPILogonEx",
            "after a client DoFastShutdown",
            "MAPI_E_CALL_FAILED",
            true,
            exited,
            {
                let mut p = null_mut();
                hr(MAPILogonEx(0, null_mut(), null_mut(), 0, &mut p))
            }
        ),
        row!(
            "MAPIAllocateBuffer",
            "lppBuffer NULL, before MAPIInitialize",
            "E_INVALIDARG",
            true,
            none,
            hr(MAPIAllocateBuffer(8, null_mut()))
        ),
        row!(
            "MAPIAllocateBuffer",
            "before MAPIInitialize",
            "MAPI_E_NOT_INITIALIZED",
            true,
            none,
            {
                let mut p = null_mut();
                hr(MAPIAllocateBuffer(8, &mut p))
            }
        ),
        row!(
            "MAPIAllocateBuffer",
            "cbSize over MOCKMAPI_MAX_BUFFER_BYTES (4 GiB - 1)",
            "MAPI_E_NOT_ENOUGH_MEMORY",
            false,
            init,
            {
                let mut p = null_mut();
                hr(MAPIAllocateBuffer(u32::MAX, &mut p))
            }
        ),
        row!(
            "MAPIAllocateMore",
            "lpObject NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                hr(MAPIAllocateMore(8, null_mut(), &mut p))
            }
        ),
        row!(
            "MAPIAllocateMore",
            "lppBuffer NULL",
            "E_INVALIDARG",
            true,
            with_buffer,
            hr(MAPIAllocateMore(8, other(), null_mut()))
        ),
        row!(
            "MAPIAllocateMore",
            "lpObject not from MAPIAllocateBuffer",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut x = 0u64;
                let mut p = null_mut();
                hr(MAPIAllocateMore(8, (&mut x as *mut u64).cast(), &mut p))
            }
        ),
        row!(
            "MAPIAllocateMore",
            "lpObject already freed",
            "E_INVALIDARG",
            true,
            with_freed_buffer,
            {
                let mut p = null_mut();
                hr(MAPIAllocateMore(8, other(), &mut p))
            }
        ),
        row!(
            "MAPIAllocateMore",
            "cbSize over MOCKMAPI_MAX_BUFFER_BYTES",
            "MAPI_E_NOT_ENOUGH_MEMORY",
            false,
            with_buffer,
            {
                let mut p = null_mut();
                hr(MAPIAllocateMore(u32::MAX, other(), &mut p))
            }
        ),
        row!(
            "MAPIFreeBuffer",
            "NULL",
            "S_OK",
            false,
            init,
            hr(MAPIFreeBuffer(null_mut()) as HRESULT)
        ),
        row!(
            "MAPIFreeBuffer",
            "a pointer not from MAPIAllocateBuffer",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut x = 0u64;
                hr(MAPIFreeBuffer((&mut x as *mut u64).cast()) as HRESULT)
            }
        ),
        row!(
            "MAPIFreeBuffer",
            "a buffer already freed",
            "E_INVALIDARG",
            true,
            with_freed_buffer,
            hr(MAPIFreeBuffer(other()) as HRESULT)
        ),
        row!(
            "MAPIFreeBuffer",
            "a MAPIAllocateMore buffer",
            "E_INVALIDARG",
            true,
            with_chained_buffer,
            hr(MAPIFreeBuffer(other()) as HRESULT)
        ),
        row!(
            "MAPIFreeBuffer",
            "before MAPIInitialize",
            "MAPI_E_NOT_INITIALIZED",
            true,
            none,
            hr(MAPIFreeBuffer(null_mut()) as HRESULT)
        ),
        // IMAPISession and IMAPIClientShutdown
        row!(
            "IMAPISession::QueryInterface",
            "ppvObject NULL",
            "E_POINTER",
            true,
            logged_on,
            hr((vt(s()).QueryInterface.unwrap())(
                s(),
                &IID_IMAPISession,
                null_mut()
            ))
        ),
        row!(
            "IMAPISession::QueryInterface",
            "riid NULL",
            "E_INVALIDARG",
            true,
            logged_on,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(s(), null(), &mut p))
            }
        ),
        row!(
            "IMAPISession::QueryInterface",
            "an interface it does not have",
            "E_NOINTERFACE",
            false,
            logged_on,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(
                    s(),
                    &IID_IMSProvider,
                    &mut p,
                ))
            }
        ),
        row!(
            "IMAPISession::QueryInterface",
            "ppvObject NULL, on a logged-off session",
            "E_POINTER",
            true,
            logged_off,
            hr((vt(s()).QueryInterface.unwrap())(
                s(),
                &IID_IMAPISession,
                null_mut()
            ))
        ),
        row!(
            "IMAPISession::QueryInterface",
            "after the session's last Release",
            "MAPI_E_INVALID_OBJECT",
            true,
            released,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(
                    s(),
                    &IID_IMAPISession,
                    &mut p,
                ))
            }
        ),
        row!(
            "IMAPISession::QueryInterface",
            "on a logged-off session",
            "MAPI_E_CALL_FAILED",
            true,
            logged_off,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(
                    s(),
                    &IID_IMAPISession,
                    &mut p,
                ))
            }
        ),
        row!(
            "IMAPISession::QueryInterface",
            "after the last MAPIUninitialize",
            "MAPI_E_CALL_FAILED",
            true,
            uninitialized_holding_session,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(
                    s(),
                    &IID_IMAPISession,
                    &mut p,
                ))
            }
        ),
        row!(
            "IMAPISession::QueryInterface",
            "after a client DoFastShutdown",
            "MAPI_E_CALL_FAILED",
            true,
            exited,
            {
                let mut p = null_mut();
                hr((vt(s()).QueryInterface.unwrap())(
                    s(),
                    &IID_IMAPISession,
                    &mut p,
                ))
            }
        ),
        row!(
            "IMAPISession::Release",
            "after the last Release (over-release)",
            "0",
            true,
            released,
            (vt(s()).Release.unwrap())(s()).to_string()
        ),
        row!(
            "IMAPISession::AddRef",
            "after the last Release",
            "0",
            true,
            released,
            (vt(s()).AddRef.unwrap())(s()).to_string()
        ),
        row!(
            "IMAPISession::Logoff",
            "ulReserved not 0",
            "E_INVALIDARG",
            true,
            logged_on,
            hr((vt(s()).Logoff.unwrap())(s(), 0, 0, 1))
        ),
        row!(
            "IMAPISession::Logoff",
            "twice",
            "MAPI_E_CALL_FAILED",
            true,
            logged_off,
            hr((vt(s()).Logoff.unwrap())(s(), 0, 0, 0))
        ),
        row!(
            "IMAPISession::Logoff",
            "after the session's last Release",
            "MAPI_E_INVALID_OBJECT",
            true,
            released,
            hr((vt(s()).Logoff.unwrap())(s(), 0, 0, 0))
        ),
        row!(
            "IMAPISession::OpenMsgStore (and every slot not modelled)",
            "any",
            "MAPI_E_NO_SUPPORT",
            false,
            logged_on,
            hr((vt(s()).OpenMsgStore.unwrap())(
                s(),
                0,
                0,
                null_mut(),
                null(),
                0,
                null_mut()
            ))
        ),
        row!(
            "IMAPIClientShutdown::NotifyProcessShutdown",
            "without a successful QueryFastShutdown",
            "S_OK",
            true,
            with_fake,
            {
                let c = cs();
                hr((csv(c).NotifyProcessShutdown.unwrap())(c))
            }
        ),
        row!(
            "IMAPIClientShutdown::DoFastShutdown",
            "without a successful QueryFastShutdown",
            "MAPI_E_NO_SUPPORT",
            true,
            with_fake,
            {
                let c = cs();
                hr((csv(c).DoFastShutdown.unwrap())(c))
            }
        ),
        row!(
            "IMAPIClientShutdown::QueryFastShutdown",
            "after a client DoFastShutdown",
            "MAPI_E_CALL_FAILED",
            true,
            exited,
            {
                let c = CS.load(Ordering::SeqCst);
                hr((csv(c).QueryFastShutdown.unwrap())(c))
            }
        ),
        // the control API
        row!(
            "mockmapi_support_set_result",
            "method not an IMAPISupport method (MOCKMAPI_METHOD_LOGOFF)",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi::ffi::support::mockmapi_support_set_result(null(), MOCKMAPI_METHOD_LOGOFF, E_FAIL))
        ),
        row!(
            "mockmapi_support_set_result",
            "provider_name not UTF-8",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi::ffi::support::mockmapi_support_set_result(
                not_utf8(),
                MOCKMAPI_METHOD_SUPPORT_FIRST,
                E_FAIL
            ))
        ),
        row!(
            "mockmapi_session_logon_provider",
            "a fake provider (it has no logon)",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_logon_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                provider(),
                0,
                null()
            ))
        ),
        row!(
            "mockmapi_session_logon_provider",
            "session NULL",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_logon_provider(
                null_mut(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                provider(),
                0,
                null()
            ))
        ),
        row!(
            "mockmapi_session_logon_provider",
            "kind 0 or 4",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_logon_provider(s(), 4, null(), provider(), 0, null()))
        ),
        row!(
            "mockmapi_session_logon_provider",
            "props_array NULL with prop_count 2",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_logon_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                provider(),
                2,
                null()
            ))
        ),
        row!(
            "mockmapi_session_logon_provider",
            "a PT_STRING8 property whose string is NULL",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            {
                let v = mockmapi::com::mapidefs::SPropValue::zeroed(0x3001_001E);
                hr(mockmapi_session_logon_provider(
                    s(),
                    MOCKMAPI_PROVIDER_STORE,
                    null(),
                    provider(),
                    1,
                    (&v as *const mockmapi::com::mapidefs::SPropValue).cast(),
                ))
            }
        ),
        row!(
            "mockmapi_session_add_provider",
            "session NULL, before MAPIInitialize",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_session_add_provider(
                null_mut(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                null_vtable()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "provider NULL",
            "E_INVALIDARG",
            true,
            logged_on,
            hr(mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                null_mut()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "kind 0 or 4",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_add_provider(s(), 4, null(), provider()))
        ),
        row!(
            "mockmapi_session_add_provider",
            "session not from MAPILogonEx",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_add_provider(
                provider().cast(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                provider()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "name over MOCKMAPI_MAX_PROVIDER_NAME_BYTES",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                long(1025).as_ptr(),
                provider()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "name not UTF-8",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                not_utf8(),
                provider()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "provider whose lpVtbl is NULL",
            "E_INVALIDARG",
            true,
            logged_on,
            hr(mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                null_vtable()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "session after its last Release",
            "E_INVALIDARG",
            true,
            released,
            hr(mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                null(),
                null_vtable()
            ))
        ),
        row!(
            "mockmapi_session_add_provider",
            "session logged off",
            "MAPI_E_CALL_FAILED",
            true,
            logged_off,
            {
                let p = fake();
                hr(mockmapi_session_add_provider(
                    s(),
                    MOCKMAPI_PROVIDER_STORE,
                    null(),
                    p,
                ))
            }
        ),
        row!(
            "mockmapi_registry_set_dword",
            "key NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_dword(null(), VALUE.as_ptr(), 1))
        ),
        row!(
            "mockmapi_registry_set_dword",
            "key with an unknown hive (HKXX\\...)",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_dword(
                c"HKXX\\Software".as_ptr(),
                VALUE.as_ptr(),
                1
            ))
        ),
        row!(
            "mockmapi_registry_set_dword",
            "key not UTF-8",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_dword(not_utf8(), VALUE.as_ptr(), 1))
        ),
        row!(
            "mockmapi_registry_set_dword",
            "a key name over 255 characters",
            "E_INVALIDARG",
            true,
            none,
            {
                let k = std::ffi::CString::new(format!("HKCU\\{}", "k".repeat(256))).unwrap();
                hr(mockmapi_registry_set_dword(k.as_ptr(), VALUE.as_ptr(), 1))
            }
        ),
        row!(
            "mockmapi_registry_set_dword",
            "a key path more than 512 keys deep",
            "E_INVALIDARG",
            true,
            none,
            {
                let k =
                    std::ffi::CString::new(format!("HKCU\\{}", vec!["k"; 513].join("\\"))).unwrap();
                hr(mockmapi_registry_set_dword(k.as_ptr(), VALUE.as_ptr(), 1))
            }
        ),
        row!(
            "mockmapi_registry_set_dword",
            "a key path over 32,767 characters",
            "E_INVALIDARG",
            true,
            none,
            {
                let k = std::ffi::CString::new(format!(
                    "HKCU\\{}",
                    vec!["k".repeat(250); 200].join("\\")
                ))
                .unwrap();
                hr(mockmapi_registry_set_dword(k.as_ptr(), VALUE.as_ptr(), 1))
            }
        ),
        row!(
            "mockmapi_registry_set_dword",
            "a value name over 16,383 characters",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_dword(
                KEY.as_ptr(),
                long(16_384).as_ptr(),
                1
            ))
        ),
        row!(
            "mockmapi_registry_get_dword",
            "data NULL, value absent",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_get_dword(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null_mut()
            ))
        ),
        row!(
            "mockmapi_registry_get_dword",
            "value absent",
            "MAPI_E_NOT_FOUND",
            false,
            none,
            {
                let mut d = 0;
                hr(mockmapi_registry_get_dword(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    &mut d,
                ))
            }
        ),
        row!(
            "mockmapi_registry_get_dword",
            "a value of another type",
            "E_INVALIDARG",
            true,
            with_qword,
            {
                let mut d = 0;
                hr(mockmapi_registry_get_dword(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    &mut d,
                ))
            }
        ),
        row!(
            "mockmapi_registry_delete_value",
            "key NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_delete_value(null(), VALUE.as_ptr()))
        ),
        row!(
            "mockmapi_registry_delete_value",
            "value absent",
            "MAPI_E_NOT_FOUND",
            false,
            none,
            hr(mockmapi_registry_delete_value(KEY.as_ptr(), VALUE.as_ptr()))
        ),
        row!(
            "mockmapi_registry_delete_key",
            "key NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_delete_key(null()))
        ),
        row!(
            "mockmapi_registry_delete_key",
            "a hive root (HKEY_CURRENT_USER)",
            "E_INVALIDARG",
            true,
            with_dword,
            hr(mockmapi_registry_delete_key(c"HKEY_CURRENT_USER".as_ptr()))
        ),
        row!(
            "mockmapi_registry_delete_key",
            "key absent",
            "MAPI_E_NOT_FOUND",
            false,
            none,
            hr(mockmapi_registry_delete_key(c"HKCU\\Absent".as_ptr()))
        ),
        row!(
            "mockmapi_registry_set_qword",
            "key NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_qword(null(), VALUE.as_ptr(), 1))
        ),
        row!(
            "mockmapi_registry_set_string",
            "data NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_string(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null()
            ))
        ),
        row!(
            "mockmapi_registry_set_string",
            "data over MOCKMAPI_MAX_REGISTRY_VALUE_BYTES (524,288 characters: 1 MiB + 2 bytes in UTF-16)",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_string(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                long(MOCKMAPI_MAX_REGISTRY_VALUE_BYTES / 2).as_ptr()
            ))
        ),
        row!(
            "mockmapi_registry_set_expand_string",
            "data over MOCKMAPI_MAX_REGISTRY_VALUE_BYTES",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_expand_string(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                long(MOCKMAPI_MAX_REGISTRY_VALUE_BYTES / 2).as_ptr()
            ))
        ),
        row!(
            "mockmapi_registry_set_expand_string",
            "data not UTF-8",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_expand_string(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                not_utf8()
            ))
        ),
        row!(
            "mockmapi_registry_set_multi_string",
            "strings NULL, count 1",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_multi_string(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null(),
                1
            ))
        ),
        row!(
            "mockmapi_registry_set_multi_string",
            "a NULL element",
            "E_INVALIDARG",
            true,
            none,
            {
                let a = [c"a".as_ptr(), null()];
                hr(mockmapi_registry_set_multi_string(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    a.as_ptr(),
                    2,
                ))
            }
        ),
        row!(
            "mockmapi_registry_set_multi_string",
            "strings over MOCKMAPI_MAX_REGISTRY_VALUE_BYTES together",
            "E_INVALIDARG",
            true,
            none,
            {
                let half = long(MOCKMAPI_MAX_REGISTRY_VALUE_BYTES / 4);
                let a = [half.as_ptr(), half.as_ptr()];
                hr(mockmapi_registry_set_multi_string(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    a.as_ptr(),
                    2,
                ))
            }
        ),
        row!(
            "mockmapi_registry_set_binary",
            "size over MOCKMAPI_MAX_REGISTRY_VALUE_BYTES",
            "E_INVALIDARG",
            true,
            none,
            {
                let data = vec![0u8; MOCKMAPI_MAX_REGISTRY_VALUE_BYTES + 1];
                hr(mockmapi_registry_set_binary(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    data.as_ptr(),
                    data.len(),
                ))
            }
        ),
        row!(
            "mockmapi_registry_set_binary",
            "data NULL, size 4",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_set_binary(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null(),
                4
            ))
        ),
        row!(
            "mockmapi_registry_get_type",
            "value_type NULL, value absent",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_get_type(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null_mut()
            ))
        ),
        row!(
            "mockmapi_registry_get_qword",
            "data NULL, value absent",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_get_qword(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null_mut()
            ))
        ),
        row!(
            "mockmapi_registry_get_string",
            "a value of another type",
            "E_INVALIDARG",
            true,
            with_dword,
            {
                let mut n = 0;
                hr(mockmapi_registry_get_string(
                    KEY.as_ptr(),
                    VALUE.as_ptr(),
                    null_mut(),
                    0,
                    &mut n,
                ))
            }
        ),
        row!(
            "mockmapi_registry_get_multi_string",
            "key NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_registry_get_multi_string(
                null(),
                VALUE.as_ptr(),
                null_mut(),
                0,
                null_mut()
            ))
        ),
        row!(
            "mockmapi_registry_get_binary",
            "a value of another type",
            "E_INVALIDARG",
            true,
            with_dword,
            hr(mockmapi_registry_get_binary(
                KEY.as_ptr(),
                VALUE.as_ptr(),
                null_mut(),
                0,
                null_mut()
            ))
        ),
        row!(
            "mockmapi_registry_load_file",
            "path NULL",
            "E_INVALIDARG",
            true,
            with_dword,
            hr(mockmapi_registry_load_file(null()))
        ),
        row!(
            "mockmapi_registry_load_file",
            "a file that does not exist",
            "MAPI_E_NOT_FOUND",
            true,
            with_dword,
            hr(mockmapi_registry_load_file(
                c"/nonexistent/mockmapi-hive.yaml".as_ptr()
            ))
        ),
        row!(
            "mockmapi_registry_load_file",
            "a directory",
            "E_INVALIDARG",
            true,
            with_dword,
            hr(mockmapi_registry_load_file(c".".as_ptr()))
        ),
        row!(
            "mockmapi_registry_last_error",
            "buffer NULL, size 8",
            "the length; nothing written",
            false,
            none,
            {
                mockmapi_registry_last_error(null_mut(), 8);
                "the length; nothing written".into()
            }
        ),
        row!(
            "mockmapi_registry_dump",
            "buffer NULL, size 8",
            "the length; nothing written",
            false,
            with_dword,
            {
                if mockmapi_registry_dump(null_mut(), 8) > 0 {
                    "the length; nothing written"
                } else {
                    "0"
                }
                .into()
            }
        ),
        row!(
            "mockmapi_registry_clear",
            "(no arguments)",
            "(always succeeds)",
            false,
            none,
            {
                mockmapi_registry_clear();
                "(always succeeds)".into()
            }
        ),
        row!(
            "mockmapi_policy_get_office_version",
            "buffer NULL, size 8",
            "the length; nothing written",
            false,
            none,
            {
                if mockmapi_policy_get_office_version(null_mut(), 8) == 4 {
                    "the length; nothing written"
                } else {
                    "?"
                }
                .into()
            }
        ),
        row!(
            "mockmapi_policy_set_office_version",
            "version NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_policy_set_office_version(null()))
        ),
        row!(
            "mockmapi_policy_set_office_version",
            "not a version number (\"abc\")",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_policy_set_office_version(c"abc".as_ptr()))
        ),
        row!(
            "mockmapi_policy_get_behavior",
            "behavior NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_policy_get_behavior(null_mut()))
        ),
        row!(
            "mockmapi_reset",
            "(no arguments)",
            "(always succeeds)",
            false,
            none,
            {
                mockmapi_reset();
                "(always succeeds)".into()
            }
        ),
        row!(
            "mockmapi_violation_count",
            "(no arguments)",
            "0",
            false,
            none,
            mockmapi_violation_count().to_string()
        ),
        row!(
            "mockmapi_journal_count",
            "(no arguments)",
            "0",
            false,
            none,
            mockmapi_journal_count().to_string()
        ),
        row!(
            "mockmapi_journal_count_type",
            "an unknown type (99)",
            "0",
            false,
            none,
            mockmapi_journal_count_type(99).to_string()
        ),
        row!(
            "mockmapi_journal_get",
            "event NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_journal_get(0, null_mut()))
        ),
        row!(
            "mockmapi_journal_get",
            "index past the end",
            "MAPI_E_NOT_FOUND",
            false,
            none,
            {
                let mut e = std::mem::zeroed();
                hr(mockmapi_journal_get(usize::MAX, &mut e))
            }
        ),
        row!(
            "mockmapi_journal_render",
            "buffer NULL, size 8",
            "the length; nothing written",
            false,
            none,
            {
                mockmapi_journal_render(null_mut(), 8);
                "the length; nothing written".into()
            }
        ),
        row!(
            "mockmapi_journal_clear",
            "(no arguments)",
            "(always succeeds)",
            false,
            none,
            {
                mockmapi_journal_clear();
                "(always succeeds)".into()
            }
        ),
        row!(
            "mockmapi_method_name",
            "an unknown method (999)",
            "\"\"",
            false,
            none,
            format!(
                "{:?}",
                std::ffi::CStr::from_ptr(mockmapi_method_name(999))
                    .to_str()
                    .unwrap()
            )
        ),
        row!(
            "mockmapi_hresult_name",
            "an unknown HRESULT",
            "\"\"",
            false,
            none,
            format!(
                "{:?}",
                std::ffi::CStr::from_ptr(mockmapi_hresult_name(0x1234_5678))
                    .to_str()
                    .unwrap()
            )
        ),
        row!(
            "mockmapi_journal_expect",
            "expected NULL, count 1",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_journal_expect(
                null(),
                1,
                MOCKMAPI_EXPECT_EXACT,
                null_mut(),
                0,
                null_mut()
            ))
        ),
        row!(
            "mockmapi_journal_expect",
            "an unknown mode (9)",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_journal_expect(
                null(),
                0,
                9,
                null_mut(),
                0,
                null_mut()
            ))
        ),
        row!(
            "mockmapi_journal_count_matching",
            "a filter with provider_name not UTF-8",
            "0",
            true,
            none,
            {
                let mut f: mockmapi_event_filter = std::mem::zeroed();
                f.provider_name = not_utf8();
                mockmapi_journal_count_matching(&f).to_string()
            }
        ),
        row!(
            "mockmapi_journal_find",
            "index NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_journal_find(null(), 0, null_mut()))
        ),
        row!(
            "mockmapi_journal_set_call_budget_ms",
            "(any value)",
            "(always succeeds)",
            false,
            none,
            {
                mockmapi_journal_set_call_budget_ms(u32::MAX);
                mockmapi_journal_set_call_budget_ms(0);
                "(always succeeds)".into()
            }
        ),
        row!(
            "mockmapi_leak_report",
            "buffer NULL, size 8",
            "the number of leaks; nothing written",
            false,
            none,
            {
                mockmapi_leak_report(null_mut(), 8);
                "the number of leaks; nothing written".into()
            }
        ),
        row!(
            "mockmapi_fake_provider_create",
            "spec NULL",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut p = null_mut();
                hr(mockmapi_fake_provider_create(null(), &mut p))
            }
        ),
        row!(
            "mockmapi_fake_provider_create",
            "provider NULL",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_fake_provider_create(&fake_spec(), null_mut()))
        ),
        row!(
            "mockmapi_fake_provider_create",
            "kind 0",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut sp = fake_spec();
                sp.kind = 0;
                let mut p = null_mut();
                hr(mockmapi_fake_provider_create(&sp, &mut p))
            }
        ),
        row!(
            "mockmapi_fake_provider_create",
            "name over MOCKMAPI_MAX_PROVIDER_NAME_BYTES",
            "E_INVALIDARG",
            true,
            none,
            {
                let n = long(1025);
                let mut sp = fake_spec();
                sp.name = n.as_ptr();
                let mut p = null_mut();
                hr(mockmapi_fake_provider_create(&sp, &mut p))
            }
        ),
        row!(
            "mockmapi_fake_provider_create",
            "inner whose lpVtbl is NULL",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut sp = fake_spec();
                sp.inner = null_vtable();
                let mut p = null_mut();
                hr(mockmapi_fake_provider_create(&sp, &mut p))
            }
        ),
        row!(
            "mockmapi_fake_provider_calls",
            "provider not a fake provider",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut n = 0;
                hr(mockmapi_fake_provider_calls(
                    null_vtable(),
                    MOCKMAPI_METHOD_RELEASE,
                    &mut n,
                ))
            }
        ),
        row!(
            "mockmapi_fake_provider_calls",
            "count NULL",
            "E_INVALIDARG",
            true,
            logged_on_with_fake,
            hr(mockmapi_fake_provider_calls(
                provider(),
                MOCKMAPI_METHOD_RELEASE,
                null_mut()
            ))
        ),
        row!(
            "mockmapi_client_fast_shutdown",
            "an unknown style (0)",
            "E_INVALIDARG",
            true,
            none,
            hr(mockmapi_client_fast_shutdown(0))
        ),
        row!(
            "mockmapi_client_fast_shutdown",
            "no session logged on",
            "MAPI_E_NOT_FOUND",
            false,
            init,
            hr(mockmapi_client_fast_shutdown(MOCKMAPI_CLIENT_DOCUMENTED))
        ),
        row!(
            "mockmapi_exit_test",
            "setup NULL",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut r = std::mem::zeroed();
                hr(mockmapi_exit_test(None, None, null_mut(), null(), &mut r))
            }
        ),
        row!(
            "mockmapi_thread_sleep",
            "0 (yields)",
            "(returns)",
            false,
            none,
            {
                mockmapi_thread_sleep(0);
                "(returns)".into()
            }
        ),
    ];
    v.push(row!(
        "mockmapi_version",
        "(no arguments)",
        "the version text, never NULL",
        false,
        none,
        if mockmapi::ffi::version::mockmapi_version().is_null() {
            "NULL".into()
        } else {
            "the version text, never NULL".into()
        }
    ));
    v.push(row!(
        "mockmapi_version_number",
        "(no arguments)",
        "the version number",
        false,
        none,
        {
            let _ = mockmapi::ffi::version::mockmapi_version_number();
            "the version number".into()
        }
    ));
    v.extend(mapiutil_rows());
    if cfg!(unix) {
        v.push(row!(
            "mockmapi_registry_load_file",
            "a device, FIFO or socket (/dev/null)",
            "E_INVALIDARG",
            true,
            with_dword,
            hr(mockmapi_registry_load_file(c"/dev/null".as_ptr()))
        ));
    }
    v
}

/// The MAPIUtil.h functions (`src/ffi/mapiutil.rs`).
fn mapiutil_rows() -> Vec<Row> {
    use mockmapi::com::mapidefs::{SPropValue, SRow, SRowSet, PT_LONG};
    use mockmapi::ffi::mapiutil::*;
    fn tags() -> [u32; 2] {
        [1, mockmapi::com::mapidefs::prop_tag(PT_LONG, 0x3000)]
    }
    vec![
        row!(
            "CreateIProp",
            "lppPropData NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                hr(CreateIProp(
                    null(),
                    Some(MAPIAllocateBuffer),
                    Some(MAPIAllocateMore),
                    Some(MAPIFreeBuffer),
                    null_mut(),
                    null_mut(),
                ))
            }
        ),
        row!(
            "CreateIProp",
            "an allocator NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                hr(CreateIProp(
                    null(),
                    None,
                    Some(MAPIAllocateMore),
                    Some(MAPIFreeBuffer),
                    null_mut(),
                    &mut p,
                ))
            }
        ),
        row!(
            "CreateIProp",
            "lpInterface not IID_IMAPIPropData",
            "E_NOINTERFACE",
            true,
            init,
            {
                let mut p = null_mut();
                hr(CreateIProp(
                    &IID_IUnknown,
                    Some(MAPIAllocateBuffer),
                    Some(MAPIAllocateMore),
                    Some(MAPIFreeBuffer),
                    null_mut(),
                    &mut p,
                ))
            }
        ),
        row!(
            "CreateTable",
            "lpSPropTagArrayColumns NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                hr(CreateTable(
                    null(),
                    Some(MAPIAllocateBuffer),
                    Some(MAPIAllocateMore),
                    Some(MAPIFreeBuffer),
                    null_mut(),
                    2,
                    0,
                    null_mut(),
                    &mut p,
                ))
            }
        ),
        row!(
            "CreateTable",
            "an unknown ulTableType",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                let mut t = tags();
                hr(CreateTable(
                    null(),
                    Some(MAPIAllocateBuffer),
                    Some(MAPIAllocateMore),
                    Some(MAPIFreeBuffer),
                    null_mut(),
                    7,
                    t[1],
                    t.as_mut_ptr().cast(),
                    &mut p,
                ))
            }
        ),
        row!(
            "HrGetOneProp",
            "lpMapiProp NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut p = null_mut();
                hr(HrGetOneProp(null_mut(), tags()[1], &mut p))
            }
        ),
        row!(
            "HrSetOneProp",
            "lpMapiProp NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut v = SPropValue::zeroed(tags()[1]);
                hr(HrSetOneProp(null_mut(), &mut v))
            }
        ),
        row!(
            "HrQueryAllRows",
            "lpTable NULL",
            "E_INVALIDARG",
            true,
            init,
            {
                let mut rows = null_mut();
                hr(HrQueryAllRows(
                    null_mut(),
                    null_mut(),
                    null_mut(),
                    null_mut(),
                    0,
                    &mut rows,
                ))
            }
        ),
        row!("FreeProws", "NULL", "nothing happens", false, init, {
            FreeProws(null_mut());
            "nothing happens".into()
        }),
        row!(
            "FreeProws",
            "a row set not from MAPIAllocateBuffer",
            "nothing is freed",
            true,
            init,
            {
                let mut set = SRowSet {
                    cRows: 0,
                    aRow: [SRow {
                        ulAdrEntryPad: 0,
                        cValues: 0,
                        lpProps: null_mut(),
                    }],
                };
                FreeProws(&mut set);
                "nothing is freed".into()
            }
        ),
        row!("FreePadrlist", "NULL", "nothing happens", false, init, {
            FreePadrlist(null_mut());
            "nothing happens".into()
        }),
        row!(
            "PpropFindProp",
            "lpPropArray NULL, cValues 1",
            "NULL",
            true,
            none,
            {
                if PpropFindProp(null_mut(), 1, tags()[1]).is_null() {
                    "NULL".into()
                } else {
                    "a pointer".into()
                }
            }
        ),
        row!(
            "ScCountProps",
            "cValues negative",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut cb = 0;
                hr(ScCountProps(-1, null_mut(), &mut cb))
            }
        ),
        row!("ScCopyProps", "lpvDst NULL", "E_INVALIDARG", true, none, {
            let mut v = SPropValue::zeroed(tags()[1]);
            hr(ScCopyProps(1, &mut v, null_mut(), null_mut()))
        }),
        row!(
            "PropCopyMore",
            "lpfAllocMore NULL",
            "E_INVALIDARG",
            true,
            none,
            {
                let mut a = SPropValue::zeroed(tags()[1]);
                let mut b = SPropValue::zeroed(tags()[1]);
                hr(PropCopyMore(&mut a, &mut b, None, null_mut()))
            }
        ),
        row!("LPropCompareProp", "a value NULL", "0", true, none, {
            let mut a = SPropValue::zeroed(tags()[1]);
            LPropCompareProp(&mut a, null_mut()).to_string()
        }),
        row!(
            "UlPropSize",
            "NULL",
            "0",
            true,
            none,
            UlPropSize(null_mut()).to_string()
        ),
        row!("FEqualNames", "a name NULL", "FALSE", true, none, {
            if FEqualNames(null_mut(), null_mut()) == 0 {
                "FALSE".into()
            } else {
                "TRUE".into()
            }
        }),
        // TNEF is not modelled: every call, NULL arguments included, is MAPI_E_NO_SUPPORT and writes nothing.
        row!(
            "OpenTnefStream",
            "lppTNEF NULL",
            "MAPI_E_NO_SUPPORT",
            false,
            init,
            hr(OpenTnefStream(
                null_mut(),
                null_mut(),
                null_mut(),
                0,
                null_mut(),
                0,
                null_mut()
            ))
        ),
        row!(
            "OpenTnefStreamEx",
            "lppTNEF NULL",
            "MAPI_E_NO_SUPPORT",
            false,
            init,
            hr(OpenTnefStreamEx(
                null_mut(),
                null_mut(),
                null_mut(),
                0,
                null_mut(),
                0,
                null_mut(),
                null_mut()
            ))
        ),
        row!(
            "GetTnefStreamCodepage",
            "lpulCodepage NULL",
            "MAPI_E_NO_SUPPORT",
            false,
            init,
            hr(GetTnefStreamCodepage(null_mut(), null_mut(), null_mut()))
        ),
    ]
}

/// The exported functions: every `#[no_mangle]` function of `src/ffi`.
fn exported() -> Vec<String> {
    let mut names = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ffi");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut after_no_mangle = false;
        for line in text.lines() {
            let line = line.trim();
            if line == "#[no_mangle]" {
                after_no_mangle = true;
            } else if after_no_mangle && line.contains(" fn ") {
                let name = line
                    .split(" fn ")
                    .nth(1)
                    .unwrap()
                    .split(['(', '<'])
                    .next()
                    .unwrap();
                names.push(name.to_owned());
                after_no_mangle = false;
            }
        }
    }
    names.sort();
    names
}

fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "# Bad input: what every exported function answers\n\n\
         Generated from `tests/bad_input.rs`, which runs every row below through the C ABI on each `cargo test`\n\
         and fails when this file and the behaviour differ (`MOCKMAPI_UPDATE_DOCS=1 cargo test --test bad_input`\n\
         rewrites it). \"Violation\" says whether the call is journaled as a violation\n\
         (`mockmapi_violation_count`). A refused call changes nothing: no state, no hive, no out-parameter\n\
         (QueryInterface's `*ppvObject = NULL` excepted, as COM requires).\n\n\
         ## Order of checks\n\n\
         Every function checks in this order and answers with the first failure:\n\n\
         1. **Arguments**, in parameter order, without looking at any state: NULL pointers where one is required\n   \
            (out-pointers included: checked before any lookup), unknown enumeration values, text that is not UTF-8\n   \
            or is over a documented limit, registry paths and names over the Windows registry's limits, and a\n   \
            COM object used after its last `Release` — `E_INVALIDARG` (`E_POINTER` for QueryInterface's\n   \
            `ppvObject`, `MAPI_E_INVALID_OBJECT` for a call through a released session).\n\
         2. **The exited state** (from the moment a client `DoFastShutdown` starts calling providers; RULES.md\n   \
            `MM-FS-EXITED`) — `MAPI_E_CALL_FAILED`.\n\
         3. **The object's own state**: a session from before `mockmapi_reset`, or logged off (by `Logoff` or by the\n   \
            last `MAPIUninitialize`) — `MAPI_E_CALL_FAILED` (SPEC §5).\n\
         4. **MAPI initialized** — `MAPI_E_NOT_INITIALIZED` before the first `MAPIInitialize` or after the last\n   \
            `MAPIUninitialize`.\n\
         5. **The lookup** — `MAPI_E_NOT_FOUND` for an absent value, key, file or event (not a violation).\n\n\
         ## Limits\n\n\
         | what | limit | answer |\n|---|---|---|\n\
         | registry key name (between two `\\\\`; `MOCKMAPI_MAX_REGISTRY_KEY_NAME_CHARS`) | 255 UTF-16 characters | `E_INVALIDARG` |\n\
         | registry key depth (`MOCKMAPI_MAX_REGISTRY_KEY_DEPTH`) | 512 keys below the hive root | `E_INVALIDARG` |\n\
         | registry key path, hive name included (`MOCKMAPI_MAX_REGISTRY_KEY_PATH_CHARS`) | 32,767 UTF-16 characters | `E_INVALIDARG` |\n\
         | registry value name (`MOCKMAPI_MAX_REGISTRY_VALUE_NAME_CHARS`) | 16,383 UTF-16 characters | `E_INVALIDARG` |\n\
         | registry value data (`MOCKMAPI_MAX_REGISTRY_VALUE_BYTES`) | 1 MiB as Windows stores it (strings in UTF-16 with their NULs): the registry's standard-format limit | `E_INVALIDARG` |\n\
         | profile name (`MOCKMAPI_MAX_PROFILE_NAME_CHARS`) | 64 characters (MAPI's `cchProfileNameMax`), in `MAPILogonEx` and the configuration file | `E_INVALIDARG` |\n\
         | registry, configuration or scenario file | 16 MiB, a regular file (no FIFO, device, socket, directory) | `E_INVALIDARG` |\n\
         | provider name (`MOCKMAPI_MAX_PROVIDER_NAME_BYTES`) | 1024 bytes of UTF-8, in the C API and the configuration file | `E_INVALIDARG` |\n\
         | one MAPI buffer (`MOCKMAPI_MAX_BUFFER_BYTES`) | 256 MiB | `MAPI_E_NOT_ENOUGH_MEMORY` (a diagnostic) |\n\n\
         The same registry limits apply to YAML and `.reg` files, reported as `file:line:column`.\n\n\
         ## Every function\n\n\
         | function | bad input | answer | violation |\n|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.function,
            r.input.replace('|', "\\|"),
            if r.answer.starts_with(|c: char| c.is_ascii_uppercase()) {
                format!("`{}`", r.answer)
            } else {
                r.answer.to_owned()
            },
            if r.violation { "yes" } else { "no" }
        ));
    }
    out
}

/// The tests of this file share the process-wide runtime: one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn every_bad_input_gets_its_documented_answer_and_the_table_matches() {
    let _one = serial();
    let rows = rows();
    let mut failures = Vec::new();
    for r in &rows {
        mockmapi_reset();
        SESSION.store(null_mut(), Ordering::SeqCst);
        OTHER.store(null_mut(), Ordering::SeqCst);
        COUNT.store(0, Ordering::SeqCst);
        (r.setup)();
        let violations = mockmapi_violation_count();
        // SAFETY: NULL/0 asks for the length.
        let hive_before = unsafe { dump() };
        let got = (r.call)();
        let journaled = mockmapi_violation_count() > violations;
        let what = format!("{} with {}", r.function, r.input);
        if got != r.answer {
            failures.push(format!("{what}: answered {got}, documented {}", r.answer));
        }
        if journaled != r.violation {
            failures.push(format!(
                "{what}: violation journaled {journaled}, documented {}",
                r.violation
            ));
        }
        // Rule MM-ARGS (RULES.md): every violation names the rule it breaks, by an id RULES.md defines.
        let text = mockmapi::ffi::runtime().journal().render();
        for line in text.lines().filter(|l| l.contains("VIOLATION")) {
            let named = line
                .split("[rule ")
                .nth(1)
                .and_then(|rest| rest.split(']').next())
                .and_then(mockmapi::rules::find);
            if named.is_none() {
                failures.push(format!(
                    "{what}: a violation without a rule id defined in RULES.md: {line}"
                ));
            }
        }
        // SAFETY: as above.
        if r.answer.starts_with("E_") && unsafe { dump() } != hive_before {
            failures.push(format!(
                "{what}: the refused call changed the emulated hive"
            ));
        }
    }
    mockmapi_reset();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let documented: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.function).collect();
    let missing: Vec<String> = exported()
        .into_iter()
        .filter(|f| !documented.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "exported functions without a row in tests/bad_input.rs (add their bad inputs, then regenerate \
         docs/bad-input.md with MOCKMAPI_UPDATE_DOCS=1 cargo test --test bad_input): {missing:?}"
    );

    if cfg!(unix) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bad-input.md");
        let text = render(&rows);
        if std::env::var_os("MOCKMAPI_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        assert!(
            committed == text,
            "docs/bad-input.md differs from the behaviour tested here; regenerate it with \
             MOCKMAPI_UPDATE_DOCS=1 cargo test --test bad_input and review the difference"
        );
    }
}

unsafe fn dump() -> String {
    let n = mockmapi_registry_dump(null_mut(), 0);
    let mut buf = vec![0u8; n + 1];
    mockmapi_registry_dump(buf.as_mut_ptr().cast(), buf.len());
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// Text the client chose (provider names, registry keys) never changes the journal's shape: one line per event in
/// the text journal and in JSON Lines, control characters shown escaped.
#[test]
fn control_characters_in_names_and_keys_keep_one_line_per_event() {
    let _one = serial();
    mockmapi_reset();
    logged_on();
    let mut spec = fake_spec();
    spec.name = c"evil\nname\r\u{1b}[2J".as_ptr();
    let mut p = null_mut();
    // SAFETY: valid arguments.
    unsafe {
        assert_eq!(mockmapi_fake_provider_create(&spec, &mut p), S_OK);
        assert_eq!(
            mockmapi_session_add_provider(
                s(),
                MOCKMAPI_PROVIDER_STORE,
                c"line1\nline2".as_ptr(),
                p
            ),
            S_OK
        );
        assert_eq!(
            mockmapi_registry_set_dword(c"HKXX\\a\nb".as_ptr(), VALUE.as_ptr(), 1),
            E_INVALIDARG
        );
        // The leak report: one line per leak (the fake provider the client still holds, named by its spec).
        let n = mockmapi_leak_report(null_mut(), 0);
        let mut buf = vec![0u8; 4096];
        mockmapi_leak_report(buf.as_mut_ptr().cast(), buf.len());
        let report = String::from_utf8_lossy(&buf)
            .trim_end_matches('\0')
            .to_owned();
        assert_eq!(report.lines().count(), n, "{report}");
        assert!(report.contains("evil\\nname\\r\\u{1B}[2J"), "{report}");
    }
    assert_eq!(
        mockmapi_client_fast_shutdown(MOCKMAPI_CLIENT_DOCUMENTED),
        S_OK
    );
    let events = mockmapi_journal_count();
    // SAFETY: NULL/0 asks for the length, then a buffer of that size.
    let text = unsafe {
        let n = mockmapi_journal_render(null_mut(), 0);
        let mut buf = vec![0u8; n + 1];
        mockmapi_journal_render(buf.as_mut_ptr().cast(), buf.len());
        String::from_utf8_lossy(&buf[..n]).into_owned()
    };
    assert_eq!(text.lines().count(), events, "{text}");
    assert!(text.contains("store \"line1\\nline2\""), "{text}");
    assert!(text.contains("HKXX\\a\\nb"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    // A mismatch report of mockmapi_journal_expect: the expected and the observed names, escaped.
    // SAFETY: an all-zero filter is valid; the strings outlive the call.
    let diff = unsafe {
        let mut f: mockmapi_event_filter = std::mem::zeroed();
        f.provider_name = c"no\nsuch".as_ptr();
        let mut len = 0usize;
        let mut buf = vec![0u8; 8192];
        assert_eq!(
            mockmapi_journal_expect(
                &f,
                1,
                MOCKMAPI_EXPECT_EXACT,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut len
            ),
            MAPI_E_NOT_FOUND
        );
        String::from_utf8_lossy(&buf[..len.min(buf.len() - 1)]).into_owned()
    };
    assert!(diff.contains("\"no\\nsuch\""), "{diff}");
    assert!(diff.contains("store \"line1\\nline2\""), "{diff}");
    assert!(
        !diff.contains("no\nsuch") && !diff.contains("line1\nline2"),
        "{diff}"
    );
    let json = mockmapi::ffi::runtime().journal().to_json_lines();
    assert_eq!(json.lines().count(), events, "{json}");
    for line in json.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v.is_object());
    }
    mockmapi_reset();
}

/// A MAPI buffer never freed is reported by the next reset, once, and then forgotten: a later test is never
/// blamed for it, even when the runtime had exited (no report then, as after a real fast shutdown).
#[test]
fn reset_reports_a_leaked_buffer_once_then_forgets_it() {
    let _one = serial();
    let leaks = || unsafe { mockmapi_leak_report(null_mut(), 0) };
    mockmapi_reset();
    with_buffer();
    let kept = other();
    assert_eq!(leaks(), 1);
    mockmapi_reset();
    assert_eq!(leaks(), 0, "forgotten after the reset that reported it");
    init();
    // SAFETY: the buffer is still allocated: the client may free it after the reset.
    assert_eq!(unsafe { MAPIFreeBuffer(kept) }, S_OK as u32);
    mockmapi_reset();

    // Allocated before a fast shutdown: the exited runtime reports nothing, and the reset forgets it.
    with_fake();
    let mut p = null_mut();
    // SAFETY: a valid out-pointer.
    assert_eq!(unsafe { MAPIAllocateBuffer(8, &mut p) }, S_OK);
    assert_eq!(
        mockmapi_client_fast_shutdown(MOCKMAPI_CLIENT_DOCUMENTED),
        S_OK
    );
    mockmapi_reset();
    init();
    assert_eq!(leaks(), 0);
    mockmapi_reset();
    assert_eq!(leaks(), 0);
}
