//! The journal, readable from C.

use std::ffi::{c_char, c_void};

use crate::com::{hresult_c_name, E_INVALIDARG, HRESULT, MAPI_E_NOT_FOUND, S_OK};
use crate::runtime::{Event, EventType, Method};

use super::{copy_text, with_runtime, write_out};

/// The runtime called a provider method (`method`, `provider_name`, `hresult`, `duration_ns` are set).
pub const MOCKMAPI_EVENT_PROVIDER_CALL: u32 = 1;
/// The client called the runtime (a MAPI entry point, a session or client-shutdown method, a control call).
pub const MOCKMAPI_EVENT_CLIENT_CALL: u32 = 2;
/// A protocol violation (SPEC §4, §5) or bad input from the client; counted by `mockmapi_violation_count`.
pub const MOCKMAPI_EVENT_VIOLATION: u32 = 3;
/// Something worth knowing that is not a violation (non-S_OK success codes, policy values that count as 0, ...).
pub const MOCKMAPI_EVENT_DIAGNOSTIC: u32 = 4;

pub const MOCKMAPI_METHOD_NONE: u32 = 0;
pub const MOCKMAPI_METHOD_QUERY_INTERFACE: u32 = 1;
pub const MOCKMAPI_METHOD_ADD_REF: u32 = 2;
pub const MOCKMAPI_METHOD_RELEASE: u32 = 3;
pub const MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN: u32 = 4;
pub const MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN: u32 = 5;
pub const MOCKMAPI_METHOD_DO_FAST_SHUTDOWN: u32 = 6;
pub const MOCKMAPI_METHOD_SHUTDOWN: u32 = 7;
pub const MOCKMAPI_METHOD_LOGOFF: u32 = 8;
pub const MOCKMAPI_METHOD_MAPI_INITIALIZE: u32 = 9;
pub const MOCKMAPI_METHOD_MAPI_UNINITIALIZE: u32 = 10;
pub const MOCKMAPI_METHOD_MAPI_LOGON_EX: u32 = 11;
pub const MOCKMAPI_METHOD_MAPI_ALLOCATE_BUFFER: u32 = 12;
pub const MOCKMAPI_METHOD_MAPI_ALLOCATE_MORE: u32 = 13;
pub const MOCKMAPI_METHOD_MAPI_FREE_BUFFER: u32 = 14;
pub const MOCKMAPI_METHOD_ADD_PROVIDER: u32 = 15;
pub const MOCKMAPI_METHOD_REGISTRY: u32 = 16;
pub const MOCKMAPI_METHOD_RESET: u32 = 17;
pub const MOCKMAPI_METHOD_JOURNAL: u32 = 18;
/// The IMAPISession slots the mock does not model are numbered from here in vtable order
/// (`GetLastError` = 20 ... `PrepareForm` = 37, skipping `Logoff`, which is `MOCKMAPI_METHOD_LOGOFF`).
pub const MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED: u32 = 20;
/// `IXPProvider::TransportLogon`, as `mockmapi_session_logon_provider` calls it.
pub const MOCKMAPI_METHOD_TRANSPORT_LOGON: u32 = 60;
/// `IABProvider::Logon` or `IMSProvider::Logon` (the event's provider kind says which).
pub const MOCKMAPI_METHOD_LOGON: u32 = 61;
/// `IXPLogon::TransportLogoff`, at normal shutdown.
pub const MOCKMAPI_METHOD_TRANSPORT_LOGOFF: u32 = 62;
/// `IABLogon::Logoff`, at normal shutdown.
pub const MOCKMAPI_METHOD_AB_LOGOFF: u32 = 63;
/// `IMSLogon::Logoff`, at normal shutdown.
pub const MOCKMAPI_METHOD_MS_LOGOFF: u32 = 64;
/// `mockmapi_session_logon_provider`.
pub const MOCKMAPI_METHOD_LOGON_PROVIDER: u32 = 65;
/// `mockmapi_support_set_result`.
pub const MOCKMAPI_METHOD_SUPPORT_SET_RESULT: u32 = 66;
/// The `IMAPISupport` methods a provider calls are numbered from here in vtable order:
/// `MOCKMAPI_METHOD_SUPPORT_FIRST + slot - 3`, `GetLastError` = 70 ... `GetSvcConfigSupportObj` = 110
/// (`IMAPISupport::OpenProfileSection` = 76). Their events are client calls that carry the provider's name and kind.
pub const MOCKMAPI_METHOD_SUPPORT_FIRST: u32 = 70;

/// One journal entry, as `mockmapi_journal_get` fills it.
///
/// The strings are owned by the runtime, NUL-terminated UTF-8, never NULL (`""` when not applicable), and stay
/// valid until the journal is cleared (`mockmapi_journal_clear`, `mockmapi_reset`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct mockmapi_event {
    /// 1-based position in the journal.
    pub sequence: u64,
    /// `MOCKMAPI_EVENT_*`.
    pub event_type: u32,
    /// The session id (1-based, in logon order since the last reset); 0 when not about a session.
    pub session: u32,
    /// `MOCKMAPI_PROVIDER_*`, or 0 when not about a provider.
    pub provider_kind: u32,
    /// `MOCKMAPI_METHOD_*`.
    pub method: u32,
    /// The provider's display name, or "".
    pub provider_name: *const c_char,
    /// The method's name (`"QueryFastShutdown"`, `"MAPILogonEx"`, ...), or "".
    pub method_name: *const c_char,
    /// Why: the policy decision, the violation, the diagnostic, or a note on the call; "" when none.
    pub message: *const c_char,
    /// The call's result (provider and client calls); `S_OK` for violations and diagnostics.
    pub hresult: HRESULT,
    /// Reserved, 0.
    pub reserved: u32,
    /// How long the call took, in nanoseconds: for a provider's fast-shutdown method, its QueryInterface for
    /// `IID_IMAPIProviderShutdown` plus the method; 0 for violations and diagnostics.
    pub duration_ns: u64,
    /// The object that was called (for provider calls, the interface that answered), or NULL.
    pub object: *const c_void,
}

impl mockmapi_event {
    fn from_event(e: &Event) -> mockmapi_event {
        mockmapi_event {
            sequence: e.sequence,
            event_type: e.event_type as u32,
            session: e.session,
            provider_kind: e.provider_kind.map_or(0, |k| k as u32),
            method: e.method as u32,
            provider_name: e.provider.as_deref().map_or(c"".as_ptr(), |s| s.as_ptr()),
            method_name: e.method.c_name().as_ptr(),
            message: e.message.as_deref().map_or(c"".as_ptr(), |s| s.as_ptr()),
            hresult: e.hresult,
            reserved: 0,
            duration_ns: u64::try_from(e.duration.as_nanos()).unwrap_or(u64::MAX),
            object: e.object as *const c_void,
        }
    }
}

/// Number of events in the journal. Thread-safe.
#[no_mangle]
pub extern "C" fn mockmapi_journal_count() -> usize {
    with_runtime(Method::Journal, 0, |rt| rt.journal().len())
}

/// Number of events of one type (`MOCKMAPI_EVENT_*`); 0 for an unknown type.
#[no_mangle]
pub extern "C" fn mockmapi_journal_count_type(event_type: u32) -> usize {
    with_runtime(Method::Journal, 0, |rt| {
        rt.journal().read(|events| {
            events
                .iter()
                .filter(|e| e.event_type as u32 == event_type)
                .count()
        })
    })
}

/// Copy event `index` (0-based; its `sequence` is `index + 1`) into `*event`.
///
/// Returns `S_OK`; `E_INVALIDARG` if `event` is NULL; `MAPI_E_NOT_FOUND` if `index >= mockmapi_journal_count()`
/// (then `*event` is untouched). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_journal_get(index: usize, event: *mut mockmapi_event) -> HRESULT {
    with_runtime(Method::Journal, crate::com::E_UNEXPECTED, |rt| {
        if event.is_null() {
            return rt.reject(
                Method::Journal,
                E_INVALIDARG,
                "mockmapi_journal_get: event is NULL",
            );
        }
        match rt.journal().with_event(index, mockmapi_event::from_event) {
            Some(e) => {
                write_out(event, e);
                S_OK
            }
            None => MAPI_E_NOT_FOUND,
        }
    })
}

/// Render the whole journal as text, one line per event, into `buffer` (`snprintf` rules): writes at most
/// `size - 1` bytes and a NUL when `size > 0`, and returns the length of the whole text (without the NUL), so
/// `mockmapi_journal_render(NULL, 0) + 1` is the size to allocate. A longer journal is cut at `size - 1` bytes.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_journal_render(buffer: *mut c_char, size: usize) -> usize {
    with_runtime(Method::Journal, 0, |rt| {
        copy_text(&rt.journal().render(), buffer, size)
    })
}

/// Remove every event and zero the violation count; nothing else changes. Strings from earlier
/// `mockmapi_journal_get` calls become invalid.
#[no_mangle]
pub extern "C" fn mockmapi_journal_clear() {
    with_runtime(Method::Journal, (), |rt| rt.journal().clear())
}

/// The name of a `MOCKMAPI_METHOD_*` value; "" for an unknown one. Static storage, never NULL.
#[no_mangle]
pub extern "C" fn mockmapi_method_name(method: u32) -> *const c_char {
    Method::from_u32(method).map_or(c"".as_ptr(), |m| m.c_name().as_ptr())
}

/// The SDK name of an HRESULT (`"MAPI_E_NO_SUPPORT"`, ...); "" for one the mock does not know. Static storage,
/// never NULL.
#[no_mangle]
pub extern "C" fn mockmapi_hresult_name(hr: HRESULT) -> *const c_char {
    hresult_c_name(hr).map_or(c"".as_ptr(), |n| n.as_ptr())
}

const _: () = assert!(MOCKMAPI_EVENT_PROVIDER_CALL == EventType::ProviderCall as u32);
const _: () = assert!(MOCKMAPI_EVENT_CLIENT_CALL == EventType::ClientCall as u32);
const _: () = assert!(MOCKMAPI_EVENT_VIOLATION == EventType::Violation as u32);
const _: () = assert!(MOCKMAPI_EVENT_DIAGNOSTIC == EventType::Diagnostic as u32);
const _: () = assert!(MOCKMAPI_METHOD_NONE == Method::None as u32);
const _: () = assert!(MOCKMAPI_METHOD_QUERY_INTERFACE == Method::QueryInterface as u32);
const _: () = assert!(MOCKMAPI_METHOD_ADD_REF == Method::AddRef as u32);
const _: () = assert!(MOCKMAPI_METHOD_RELEASE == Method::Release as u32);
const _: () = assert!(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN == Method::QueryFastShutdown as u32);
const _: () =
    assert!(MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN == Method::NotifyProcessShutdown as u32);
const _: () = assert!(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN == Method::DoFastShutdown as u32);
const _: () = assert!(MOCKMAPI_METHOD_SHUTDOWN == Method::Shutdown as u32);
const _: () = assert!(MOCKMAPI_METHOD_LOGOFF == Method::Logoff as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_INITIALIZE == Method::MAPIInitialize as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_UNINITIALIZE == Method::MAPIUninitialize as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_LOGON_EX == Method::MAPILogonEx as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_ALLOCATE_BUFFER == Method::MAPIAllocateBuffer as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_ALLOCATE_MORE == Method::MAPIAllocateMore as u32);
const _: () = assert!(MOCKMAPI_METHOD_MAPI_FREE_BUFFER == Method::MAPIFreeBuffer as u32);
const _: () = assert!(MOCKMAPI_METHOD_ADD_PROVIDER == Method::AddProvider as u32);
const _: () = assert!(MOCKMAPI_METHOD_REGISTRY == Method::Registry as u32);
const _: () = assert!(MOCKMAPI_METHOD_RESET == Method::Reset as u32);
const _: () = assert!(MOCKMAPI_METHOD_JOURNAL == Method::Journal as u32);
const _: () = assert!(MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED == Method::GetLastError as u32);
const _: () = assert!(MOCKMAPI_METHOD_TRANSPORT_LOGON == Method::TransportLogon as u32);
const _: () = assert!(MOCKMAPI_METHOD_LOGON == Method::Logon as u32);
const _: () = assert!(MOCKMAPI_METHOD_TRANSPORT_LOGOFF == Method::TransportLogoff as u32);
const _: () = assert!(MOCKMAPI_METHOD_AB_LOGOFF == Method::ABLogoff as u32);
const _: () = assert!(MOCKMAPI_METHOD_MS_LOGOFF == Method::MSLogoff as u32);
const _: () = assert!(MOCKMAPI_METHOD_LOGON_PROVIDER == Method::LogonProvider as u32);
const _: () = assert!(MOCKMAPI_METHOD_SUPPORT_SET_RESULT == Method::SupportSetResult as u32);
const _: () = assert!(MOCKMAPI_METHOD_SUPPORT_FIRST == Method::SupGetLastError as u32);
const _: () = assert!(MOCKMAPI_METHOD_SUPPORT_FIRST + 6 == Method::SupOpenProfileSection as u32);
const _: () =
    assert!(MOCKMAPI_METHOD_SUPPORT_FIRST + 40 == Method::SupGetSvcConfigSupportObj as u32);
