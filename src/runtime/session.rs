//! The session COM object: `IMAPISession` with an embedded `IMAPIClientShutdown`, sharing one reference count.
//!
//! Every method is an `extern "system"` function that finds its object, upgrades to the runtime, and runs
//! inside the runtime's panic boundary. The logic lives in `lifecycle.rs` and `coordinator.rs`.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void};
use std::mem::offset_of;
use std::sync::{Arc, Weak};

use crate::com::refcount::{RefCount, RefError};
use crate::com::{
    _SPropValue, IAddrBook, IMAPIAdviseSink, IMAPIFolder, IMAPITable, IMessage, IMsgServiceAdmin,
    IMsgStore, IProfSect, _MAPIERROR, _MAPIUID, ENTRYID,
};
use crate::com::{
    IID_IMAPIClientShutdown, IID_IMAPISession, IID_IUnknown, IMAPIClientShutdown,
    IMAPIClientShutdownVtbl, IMAPISession, IMAPISessionVtbl, IUnknown, E_INVALIDARG, E_NOINTERFACE,
    E_POINTER, E_UNEXPECTED, GUID, HRESULT, LPCIID, LPTSTR, MAPI_E_INVALID_OBJECT,
    MAPI_E_NOT_INITIALIZED, MAPI_E_NO_SUPPORT, REFIID, S_OK, ULONG, ULONG_PTR,
};

use super::journal::{Event, EventType};
use super::method::Method;
use super::Inner;

/// One session object. `#[repr(C)]` with the `IMAPISession` interface first, so the object pointer is the
/// `IMAPISession *` (and the `IUnknown *`) the client holds.
#[repr(C)]
pub struct SessionObject {
    session: IMAPISession,
    client_shutdown: IMAPIClientShutdown,
    refs: RefCount,
    /// 1-based, in logon order since the last reset.
    pub id: u32,
    /// The runtime generation (reset count) the session belongs to.
    pub generation: u64,
    runtime: Weak<Inner>,
}

// SAFETY: the only raw pointers are to the static vtables; all mutable state is atomic.
unsafe impl Send for SessionObject {}
// SAFETY: as above.
unsafe impl Sync for SessionObject {}

impl std::fmt::Debug for SessionObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionObject")
            .field("id", &self.id)
            .field("refs", &self.refs.get())
            .finish()
    }
}

impl SessionObject {
    pub(crate) fn new(id: u32, generation: u64, runtime: Weak<Inner>) -> Arc<SessionObject> {
        Arc::new(SessionObject {
            session: IMAPISession {
                lpVtbl: &SESSION_VTBL,
            },
            client_shutdown: IMAPIClientShutdown {
                lpVtbl: &CLIENT_SHUTDOWN_VTBL,
            },
            refs: RefCount::default(),
            id,
            generation,
            runtime,
        })
    }

    /// The `IMAPISession *` for this object.
    pub fn as_session(self: &Arc<Self>) -> *mut IMAPISession {
        Arc::as_ptr(self) as *mut IMAPISession
    }

    /// The `IMAPIClientShutdown *` for this object.
    pub fn as_client_shutdown(&self) -> *mut IMAPIClientShutdown {
        &self.client_shutdown as *const IMAPIClientShutdown as *mut IMAPIClientShutdown
    }

    /// The current reference count.
    pub fn ref_count(&self) -> u32 {
        self.refs.get()
    }

    /// # Safety
    /// `p` must be NULL or a pointer that was passed to one of this module's vtable methods.
    unsafe fn from_session<'a>(p: *mut IMAPISession) -> Option<&'a SessionObject> {
        (p as *const SessionObject).as_ref()
    }

    /// # Safety
    /// `p` must be NULL or point at the `client_shutdown` field of a `SessionObject`.
    unsafe fn from_client_shutdown<'a>(p: *mut IMAPIClientShutdown) -> Option<&'a SessionObject> {
        if p.is_null() {
            return None;
        }
        ((p as *const u8).sub(offset_of!(SessionObject, client_shutdown)) as *const SessionObject)
            .as_ref()
    }

    fn add_ref(&self) -> ULONG {
        match self.refs.add_ref() {
            Ok(n) => n,
            Err(_) => {
                if let Some(rt) = self.runtime.upgrade() {
                    rt.journal.violation(
                        Method::AddRef,
                        self.id,
                        format!("AddRef on session {} after its last Release; the object stays released [rule {}]", self.id, crate::rules::COM_REFCOUNT),
                    );
                }
                0
            }
        }
    }

    fn release(&self) -> ULONG {
        match self.refs.release() {
            Ok(n) => {
                if let Some(rt) = self.runtime.upgrade().filter(|rt| rt.latch.is_exited()) {
                    rt.journal.record(Event {
                        session: self.id,
                        message: Some(super::journal::c_string(format!(
                            "Release after DoFastShutdown: allowed (the client drops what it holds on its way out; \
                             no provider is called) [rule {}]; reference count now {n}",
                            crate::rules::NOTHING_AFTER_DO
                        ))),
                        ..Event::new(EventType::ClientCall, Method::Release)
                    });
                }
                n
            }
            Err(RefError::OverRelease | RefError::Resurrect) => {
                if let Some(rt) = self.runtime.upgrade() {
                    rt.journal.violation(
                        Method::Release,
                        self.id,
                        format!("over-release: Release on session {} whose reference count is already 0 [rule {}]", self.id, crate::rules::COM_REFCOUNT),
                    );
                }
                0
            }
        }
    }

    fn query_interface(&self, riid: REFIID, ppv: *mut *mut c_void) -> HRESULT {
        let Some(rt) = self.runtime.upgrade() else {
            return null_out(ppv, MAPI_E_NOT_INITIALIZED);
        };
        if self.released(&rt, Method::QueryInterface) {
            return null_out(ppv, MAPI_E_INVALID_OBJECT);
        }
        rt.guard(Method::QueryInterface, null_out(ppv, E_UNEXPECTED), || {
            rt.session_query_interface(self, riid, ppv)
        })
    }

    /// What `QueryInterface` hands out for `iid`, without AddRef.
    pub(crate) fn interface_for(&self, iid: &GUID) -> Option<*mut c_void> {
        if *iid == IID_IUnknown || *iid == IID_IMAPISession {
            Some(self as *const SessionObject as *mut c_void)
        } else if *iid == IID_IMAPIClientShutdown {
            Some(self.as_client_shutdown().cast())
        } else {
            None
        }
    }

    pub(crate) fn add_ref_for_qi(&self) {
        let _ = self.refs.add_ref();
    }

    fn with_runtime(&self, method: Method, f: impl FnOnce(&Inner) -> HRESULT) -> HRESULT {
        match self.runtime.upgrade() {
            Some(rt) if self.released(&rt, method) => MAPI_E_INVALID_OBJECT,
            Some(rt) => rt.guard(method, E_UNEXPECTED, || f(&rt)),
            None => MAPI_E_NOT_INITIALIZED,
        }
    }

    /// A call through this object after its last `Release` (the client's pointer is dangling as far as COM is
    /// concerned; the runtime keeps the memory, so it says so instead of crashing): a violation, answered
    /// `MAPI_E_INVALID_OBJECT` before any other check.
    fn released(&self, rt: &Inner, method: Method) -> bool {
        if self.ref_count() > 0 {
            return false;
        }
        rt.journal.violation(
            method,
            self.id,
            format!(
                "{} through session {} after its last Release; the object is released (hold a reference \
                 while you use it) [rule {}]",
                method.name(),
                self.id,
                crate::rules::COM_REFCOUNT
            ),
        );
        true
    }
}

fn null_out(ppv: *mut *mut c_void, hr: HRESULT) -> HRESULT {
    if !ppv.is_null() {
        // SAFETY: the caller passed a writable out-pointer (COM contract); NULL was excluded.
        unsafe { *ppv = std::ptr::null_mut() };
    }
    hr
}

impl Inner {
    pub(crate) fn session_query_interface(
        &self,
        obj: &SessionObject,
        riid: REFIID,
        ppv: *mut *mut c_void,
    ) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::QueryInterface)
        });
        let (hr, msg) = self.session_query_interface_inner(obj, riid, ppv);
        self.journal.finish(slot, hr, msg);
        hr
    }

    fn session_query_interface_inner(
        &self,
        obj: &SessionObject,
        riid: REFIID,
        ppv: *mut *mut c_void,
    ) -> (HRESULT, Option<String>) {
        if ppv.is_null() {
            self.journal.violation(
                Method::QueryInterface,
                obj.id,
                format!(
                    "QueryInterface called with a NULL ppvObject [rule {}]",
                    crate::rules::ARGUMENTS
                ),
            );
            return (E_POINTER, None);
        }
        // SAFETY: a non-NULL riid points to an IID (COM contract).
        let Some(iid) = (unsafe { riid.as_ref() }) else {
            self.journal.violation(
                Method::QueryInterface,
                obj.id,
                format!(
                    "QueryInterface called with a NULL riid [rule {}]",
                    crate::rules::ARGUMENTS
                ),
            );
            return (null_out(ppv, E_INVALIDARG), None);
        };
        if let Err(hr) = self.check_session(obj, Method::QueryInterface) {
            return (null_out(ppv, hr), None);
        }
        let name = crate::com::iid_name(iid)
            .map(str::to_owned)
            .unwrap_or_else(|| iid.to_string());
        match obj.interface_for(iid) {
            Some(p) => {
                obj.add_ref_for_qi();
                // SAFETY: checked non-NULL above.
                unsafe { *ppv = p };
                (S_OK, Some(name))
            }
            None => (null_out(ppv, E_NOINTERFACE), Some(name)),
        }
    }

    /// A session slot the mock does not model: the gate, then `MAPI_E_NO_SUPPORT`.
    pub(crate) fn unsupported(&self, obj: &SessionObject, method: Method) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, method)
        });
        let hr = match self.check_session(obj, method) {
            Err(hr) => hr,
            Ok(()) => MAPI_E_NO_SUPPORT,
        };
        self.journal.finish(
            slot,
            hr,
            (hr == MAPI_E_NO_SUPPORT).then(|| "not modelled by mockmapi".to_owned()),
        );
        hr
    }
}

// ---- IMAPISession vtable ----

unsafe extern "system" fn session_QueryInterface(
    This: *mut IMAPISession,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    match SessionObject::from_session(This) {
        Some(obj) => obj.query_interface(riid, ppv),
        None => null_out(ppv, E_INVALIDARG),
    }
}

unsafe extern "system" fn session_AddRef(This: *mut IMAPISession) -> ULONG {
    SessionObject::from_session(This).map_or(0, SessionObject::add_ref)
}

unsafe extern "system" fn session_Release(This: *mut IMAPISession) -> ULONG {
    SessionObject::from_session(This).map_or(0, SessionObject::release)
}

unsafe extern "system" fn session_Logoff(
    This: *mut IMAPISession,
    _ui: ULONG_PTR,
    flags: ULONG,
    reserved: ULONG,
) -> HRESULT {
    match SessionObject::from_session(This) {
        Some(obj) => obj.with_runtime(Method::Logoff, |rt| rt.logoff(obj, flags, reserved)),
        None => MAPI_E_INVALID_OBJECT,
    }
}

/// Defines a session slot that the mock does not model.
macro_rules! unsupported_slot {
    ($fn_name:ident, $method:ident, ($($arg:ident : $ty:ty),*)) => {
        unsafe extern "system" fn $fn_name(This: *mut IMAPISession, $($arg: $ty),*) -> HRESULT {
            $(let _ = $arg;)*
            match SessionObject::from_session(This) {
                Some(obj) => obj.with_runtime(Method::$method, |rt| rt.unsupported(obj, Method::$method)),
                None => MAPI_E_INVALID_OBJECT,
            }
        }
    };
}

unsupported_slot!(session_GetLastError, GetLastError, (a: HRESULT, b: ULONG, c: *mut *mut _MAPIERROR));
unsupported_slot!(session_GetMsgStoresTable, GetMsgStoresTable, (a: ULONG, b: *mut *mut IMAPITable));
unsupported_slot!(session_OpenMsgStore, OpenMsgStore, (a: ULONG_PTR, b: ULONG, c: *mut ENTRYID, d: LPCIID, e: ULONG, f: *mut *mut IMsgStore));
unsupported_slot!(session_OpenAddressBook, OpenAddressBook, (a: ULONG_PTR, b: LPCIID, c: ULONG, d: *mut *mut IAddrBook));
unsupported_slot!(session_OpenProfileSection, OpenProfileSection, (a: *mut _MAPIUID, b: LPCIID, c: ULONG, d: *mut *mut IProfSect));
unsupported_slot!(session_GetStatusTable, GetStatusTable, (a: ULONG, b: *mut *mut IMAPITable));
unsupported_slot!(session_OpenEntry, OpenEntry, (a: ULONG, b: *mut ENTRYID, c: LPCIID, d: ULONG, e: *mut ULONG, f: *mut *mut IUnknown));
unsupported_slot!(session_CompareEntryIDs, CompareEntryIDs, (a: ULONG, b: *mut ENTRYID, c: ULONG, d: *mut ENTRYID, e: ULONG, f: *mut ULONG));
unsupported_slot!(session_Advise, Advise, (a: ULONG, b: *mut ENTRYID, c: ULONG, d: *mut IMAPIAdviseSink, e: *mut ULONG_PTR));
unsupported_slot!(session_Unadvise, Unadvise, (a: ULONG_PTR));
unsupported_slot!(session_MessageOptions, MessageOptions, (a: ULONG_PTR, b: ULONG, c: LPTSTR, d: *mut IMessage));
unsupported_slot!(session_QueryDefaultMessageOpt, QueryDefaultMessageOpt, (a: LPTSTR, b: ULONG, c: *mut ULONG, d: *mut *mut _SPropValue));
unsupported_slot!(session_EnumAdrTypes, EnumAdrTypes, (a: ULONG, b: *mut ULONG, c: *mut *mut LPTSTR));
unsupported_slot!(session_QueryIdentity, QueryIdentity, (a: *mut ULONG, b: *mut *mut ENTRYID));
unsupported_slot!(session_SetDefaultStore, SetDefaultStore, (a: ULONG, b: ULONG, c: *mut ENTRYID));
unsupported_slot!(session_AdminServices, AdminServices, (a: ULONG, b: *mut *mut IMsgServiceAdmin));
unsupported_slot!(session_ShowForm, ShowForm, (a: ULONG_PTR, b: *mut IMsgStore, c: *mut IMAPIFolder, d: LPCIID, e: ULONG_PTR, f: *mut IMessage, g: ULONG, h: ULONG, i: ULONG, j: ULONG, k: *mut c_char));
unsupported_slot!(session_PrepareForm, PrepareForm, (a: LPCIID, b: *mut IMessage, c: *mut ULONG_PTR));

static SESSION_VTBL: IMAPISessionVtbl = IMAPISessionVtbl {
    QueryInterface: Some(session_QueryInterface),
    AddRef: Some(session_AddRef),
    Release: Some(session_Release),
    GetLastError: Some(session_GetLastError),
    GetMsgStoresTable: Some(session_GetMsgStoresTable),
    OpenMsgStore: Some(session_OpenMsgStore),
    OpenAddressBook: Some(session_OpenAddressBook),
    OpenProfileSection: Some(session_OpenProfileSection),
    GetStatusTable: Some(session_GetStatusTable),
    OpenEntry: Some(session_OpenEntry),
    CompareEntryIDs: Some(session_CompareEntryIDs),
    Advise: Some(session_Advise),
    Unadvise: Some(session_Unadvise),
    MessageOptions: Some(session_MessageOptions),
    QueryDefaultMessageOpt: Some(session_QueryDefaultMessageOpt),
    EnumAdrTypes: Some(session_EnumAdrTypes),
    QueryIdentity: Some(session_QueryIdentity),
    Logoff: Some(session_Logoff),
    SetDefaultStore: Some(session_SetDefaultStore),
    AdminServices: Some(session_AdminServices),
    ShowForm: Some(session_ShowForm),
    PrepareForm: Some(session_PrepareForm),
};

// ---- IMAPIClientShutdown vtable ----

unsafe extern "system" fn cs_QueryInterface(
    This: *mut IMAPIClientShutdown,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    match SessionObject::from_client_shutdown(This) {
        Some(obj) => obj.query_interface(riid, ppv),
        None => null_out(ppv, E_INVALIDARG),
    }
}

unsafe extern "system" fn cs_AddRef(This: *mut IMAPIClientShutdown) -> ULONG {
    SessionObject::from_client_shutdown(This).map_or(0, SessionObject::add_ref)
}

unsafe extern "system" fn cs_Release(This: *mut IMAPIClientShutdown) -> ULONG {
    SessionObject::from_client_shutdown(This).map_or(0, SessionObject::release)
}

unsafe extern "system" fn cs_QueryFastShutdown(This: *mut IMAPIClientShutdown) -> HRESULT {
    match SessionObject::from_client_shutdown(This) {
        Some(obj) => obj.with_runtime(Method::QueryFastShutdown, |rt| {
            rt.client_query_fast_shutdown(obj)
        }),
        None => MAPI_E_INVALID_OBJECT,
    }
}

unsafe extern "system" fn cs_NotifyProcessShutdown(This: *mut IMAPIClientShutdown) -> HRESULT {
    match SessionObject::from_client_shutdown(This) {
        Some(obj) => obj.with_runtime(Method::NotifyProcessShutdown, |rt| {
            rt.client_notify_process_shutdown(obj)
        }),
        None => MAPI_E_INVALID_OBJECT,
    }
}

unsafe extern "system" fn cs_DoFastShutdown(This: *mut IMAPIClientShutdown) -> HRESULT {
    match SessionObject::from_client_shutdown(This) {
        Some(obj) => obj.with_runtime(Method::DoFastShutdown, |rt| rt.client_do_fast_shutdown(obj)),
        None => MAPI_E_INVALID_OBJECT,
    }
}

static CLIENT_SHUTDOWN_VTBL: IMAPIClientShutdownVtbl = IMAPIClientShutdownVtbl {
    QueryInterface: Some(cs_QueryInterface),
    AddRef: Some(cs_AddRef),
    Release: Some(cs_Release),
    QueryFastShutdown: Some(cs_QueryFastShutdown),
    NotifyProcessShutdown: Some(cs_NotifyProcessShutdown),
    DoFastShutdown: Some(cs_DoFastShutdown),
};

/// Whether `p` is one of this runtime's session objects (by address; nothing is dereferenced).
pub(crate) fn find_object(
    objects: &std::collections::HashMap<usize, Arc<SessionObject>>,
    p: *const c_void,
) -> Option<&Arc<SessionObject>> {
    objects.get(&(p as usize))
}

const _: () = assert!(offset_of!(SessionObject, session) == 0);
