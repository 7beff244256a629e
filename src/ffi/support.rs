//! `IMAPISupport`: the support object the runtime hands a provider at logon (`mockmapi_session_logon_provider`),
//! one per provider logon, with every slot of the SDK's vtable.
//!
//! Modelled, deterministically: `GetLastError` (no extended information: `*lppMAPIError = NULL`),
//! `GetMemAllocRoutines` (the library's `MAPIAllocateBuffer`/`MAPIAllocateMore`/`MAPIFreeBuffer`),
//! `OpenProfileSection` (an `IProfSect`: an `IPropData` from the `CreateIProp` machinery, holding the provider's
//! configured properties; one object per section, kept for the logon, so writes are seen by later opens),
//! `ModifyStatusRow` (the row is kept), `SetProviderUID` (the UIDs are kept), `NewUID` (`"mmui"` then a 96-bit
//! big-endian sequence number counting from 1 in the process), `MakeInvalid` and `SpoolerNotify` (recorded,
//! `S_OK`). Every other method returns `MAPI_E_NO_SUPPORT`. Every call is a journal event (a client call that
//! carries the provider's session, name and kind; method `MOCKMAPI_METHOD_SUPPORT_FIRST + slot - 3`).
//!
//! Objects are registered while alive: a call through a released object answers `MAPI_E_INVALID_OBJECT` and an
//! over-release is a violation. Thread-safety: every method may be called from any thread.
#![allow(non_snake_case)]

use std::collections::HashSet;
use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use parking_lot::Mutex;

use crate::com::mapidefs::SPropValue;
use crate::com::mapiobj::{
    IMAPISupport, IMAPISupportVtbl, IPropData, ALLOCATEBUFFER, ALLOCATEMORE, FREEBUFFER, MAPIUID,
};
use crate::com::refcount::RefCount;
use crate::com::{
    IID_IUnknown, _MAPIERROR, E_INVALIDARG, E_NOINTERFACE, E_POINTER, E_UNEXPECTED, GUID, HRESULT,
    LPCIID, MAPI_E_INVALID_OBJECT, MAPI_E_NO_SUPPORT, REFIID, S_OK, ULONG, ULONG_PTR,
};
use crate::mapiutil::cabi::{self, Allocators};
use crate::mapiutil::value::Prop;
use crate::runtime::journal::{c_string, Name};
use crate::runtime::provider::ComPtr;
use crate::runtime::{Event, EventType, Method, ProviderKind, Runtime};

use super::mapiobj::PropDataObject;
use super::with_runtime;

/// `IID_IMAPISup`.
pub const IID_IMAPISUP: GUID = GUID::ole(0x0002_030F);
/// `IID_IProfSect`.
pub const IID_IPROFSECT: GUID = GUID::ole(0x0002_0304);
/// `STATUSROW_UPDATE` (ModifyStatusRow): merge the columns into the row instead of replacing it.
const STATUSROW_UPDATE: ULONG = 0x1000_0000;

/// The live support objects, by address.
static LIVE: LazyLock<Mutex<HashSet<usize>>> = LazyLock::new(Default::default);
/// The `NewUID` sequence of the process.
static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// The object behind a provider's `IMAPISupport`.
#[repr(C)]
pub struct SupportObject {
    iface: IMAPISupport,
    refs: RefCount,
    session: u32,
    kind: ProviderKind,
    name: Name,
    state: Mutex<SupportState>,
}

#[derive(Default)]
struct SupportState {
    /// The provider's own section (`OpenProfileSection(NULL)`) before it is first opened.
    configured: Vec<Prop>,
    /// Sections opened so far (`None`: the provider's own), each an `IPropData` the object holds a reference on.
    sections: Vec<(Option<[u8; 16]>, usize)>,
    provider_uids: Vec<[u8; 16]>,
    status_row: Vec<Prop>,
}

impl SupportObject {
    /// A new support object with one reference (the caller's), for the provider `name` of `kind` in `session`,
    /// whose own profile section holds `properties`.
    pub fn create(session: u32, kind: ProviderKind, name: &str, properties: Vec<Prop>) -> ComPtr {
        let obj = Box::into_raw(Box::new(SupportObject {
            iface: IMAPISupport {
                lpVtbl: &SUPPORT_VTBL,
            },
            refs: RefCount::default(),
            session,
            kind,
            name: crate::runtime::journal::name(name),
            state: Mutex::new(SupportState {
                configured: properties,
                ..SupportState::default()
            }),
        }));
        LIVE.lock().insert(obj as usize);
        ComPtr::new(obj.cast()).expect("Box::into_raw is never NULL")
    }

    fn event(
        &self,
        this: *mut IMAPISupport,
        method: Method,
        hr: HRESULT,
        message: Option<String>,
    ) -> Event {
        Event {
            session: self.session,
            provider: Some(self.name.clone().into()),
            provider_kind: Some(self.kind),
            hresult: hr,
            message: message.map(c_string),
            object: this as usize,
            ..Event::new(EventType::ClientCall, method)
        }
    }
}

fn mapi_allocators() -> Allocators {
    Allocators {
        buffer: super::mapi::MAPIAllocateBuffer,
        more: super::mapi::MAPIAllocateMore,
        free: super::mapi::MAPIFreeBuffer,
    }
}

fn uid_text(uid: &[u8; 16]) -> String {
    uid.iter().map(|b| format!("{b:02x}")).collect()
}

/// A call through something that is not a live support object.
fn dead(rt: &Runtime, method: Method) -> HRESULT {
    rt.reject(
        method,
        MAPI_E_INVALID_OBJECT,
        format!(
            "{} called on an object that is not a live IMAPISupport (released, or never created) [rule {}]",
            method.name(),
            crate::rules::COM_REFCOUNT
        ),
    )
}

/// Run one support method: the panic boundary, the liveness check, the MAPI gate (refused before
/// `MAPIInitialize` and after `DoFastShutdown`, as every MAPI call), then the body, journaled with its result
/// and note.
unsafe fn support_call(
    this: *mut IMAPISupport,
    method: Method,
    f: impl FnOnce(&Runtime, &SupportObject) -> (HRESULT, Option<String>),
) -> HRESULT {
    with_runtime(method, E_UNEXPECTED, |rt| {
        if this.is_null() || !LIVE.lock().contains(&(this as usize)) {
            return dead(rt, method);
        }
        let o = &*(this as *const SupportObject);
        if let Err(hr) = rt.check_ready(method) {
            return hr;
        }
        let (hr, message) = match rt.support_result(o.name.to_str().unwrap_or(""), method) {
            Some(hr) => (
                hr,
                Some(
                    "result injected by mockmapi_support_set_result; the method did not run"
                        .to_owned(),
                ),
            ),
            None => f(rt, o),
        };
        rt.journal().record(o.event(this, method, hr, message));
        hr
    })
}

/// A required out-parameter that is NULL: a violation and `E_INVALIDARG`, journaled as the call's result.
fn null_arg(rt: &Runtime, method: Method, what: &str) -> (HRESULT, Option<String>) {
    let msg = format!("{}: {what} is NULL", method.name());
    (rt.reject(method, E_INVALIDARG, msg.clone()), Some(msg))
}

unsafe extern "system" fn sup_query_interface(
    This: *mut IMAPISupport,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    with_runtime(Method::QueryInterface, E_UNEXPECTED, |rt| {
        if This.is_null() || !LIVE.lock().contains(&(This as usize)) {
            return dead(rt, Method::QueryInterface);
        }
        if ppv.is_null() {
            return rt.reject(
                Method::QueryInterface,
                E_POINTER,
                "IMAPISupport::QueryInterface: ppvObj is NULL",
            );
        }
        let Some(iid) = riid.as_ref() else {
            *ppv = std::ptr::null_mut();
            return rt.reject(
                Method::QueryInterface,
                E_INVALIDARG,
                "IMAPISupport::QueryInterface: riid is NULL",
            );
        };
        if *iid == IID_IUnknown || *iid == IID_IMAPISUP {
            let _ = (*(This as *const SupportObject)).refs.add_ref();
            *ppv = This.cast();
            S_OK
        } else {
            *ppv = std::ptr::null_mut();
            E_NOINTERFACE
        }
    })
}

unsafe extern "system" fn sup_add_ref(This: *mut IMAPISupport) -> ULONG {
    with_runtime(Method::AddRef, 0, |rt| {
        if This.is_null() || !LIVE.lock().contains(&(This as usize)) {
            dead(rt, Method::AddRef);
            return 0;
        }
        (*(This as *const SupportObject))
            .refs
            .add_ref()
            .unwrap_or(0)
    })
}

unsafe extern "system" fn sup_release(This: *mut IMAPISupport) -> ULONG {
    with_runtime(Method::Release, 0, |rt| {
        if This.is_null() || !LIVE.lock().contains(&(This as usize)) {
            dead(rt, Method::Release);
            return 0;
        }
        let o = This as *mut SupportObject;
        let n = (*o).refs.release().unwrap_or(0);
        if n == 0 {
            LIVE.lock().remove(&(o as usize));
            let obj = Box::from_raw(o);
            let sections = std::mem::take(&mut obj.state.lock().sections);
            drop(obj);
            for (_, p) in sections {
                let p = p as *mut IPropData;
                if let Some(release) = (*p).lpVtbl.as_ref().and_then(|v| v.base.Release) {
                    release(p);
                }
            }
        }
        n
    })
}

unsafe extern "system" fn sup_GetLastError(
    This: *mut IMAPISupport,
    _hResult: HRESULT,
    _ulFlags: ULONG,
    lppMAPIError: *mut *mut _MAPIERROR,
) -> HRESULT {
    support_call(This, Method::SupGetLastError, |rt, _| {
        if lppMAPIError.is_null() {
            return null_arg(rt, Method::SupGetLastError, "lppMAPIError");
        }
        *lppMAPIError = std::ptr::null_mut();
        (S_OK, Some("no extended error information".into()))
    })
}

unsafe extern "system" fn sup_GetMemAllocRoutines(
    This: *mut IMAPISupport,
    lpAllocateBuffer: *mut Option<ALLOCATEBUFFER>,
    lpAllocateMore: *mut Option<ALLOCATEMORE>,
    lpFreeBuffer: *mut Option<FREEBUFFER>,
) -> HRESULT {
    support_call(This, Method::SupGetMemAllocRoutines, |rt, _| {
        if lpAllocateBuffer.is_null() || lpAllocateMore.is_null() || lpFreeBuffer.is_null() {
            return null_arg(
                rt,
                Method::SupGetMemAllocRoutines,
                "lpAllocateBuffer, lpAllocateMore or lpFreeBuffer",
            );
        }
        let a = mapi_allocators();
        *lpAllocateBuffer = Some(a.buffer);
        *lpAllocateMore = Some(a.more);
        *lpFreeBuffer = Some(a.free);
        (
            S_OK,
            Some("MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer".into()),
        )
    })
}

unsafe extern "system" fn sup_ModifyStatusRow(
    This: *mut IMAPISupport,
    cValues: ULONG,
    lpColumnVals: *mut SPropValue,
    ulFlags: ULONG,
) -> HRESULT {
    support_call(This, Method::SupModifyStatusRow, |rt, o| {
        if lpColumnVals.is_null() && cValues > 0 {
            return null_arg(rt, Method::SupModifyStatusRow, "lpColumnVals");
        }
        let props = match cabi::read_props(lpColumnVals, cValues) {
            Ok(p) => p,
            Err(e) => {
                let msg =
                    "IMAPISupport::ModifyStatusRow: the column values are not valid".to_owned();
                return (
                    rt.reject(Method::SupModifyStatusRow, e, msg.clone()),
                    Some(msg),
                );
            }
        };
        let mut st = o.state.lock();
        if ulFlags & STATUSROW_UPDATE == 0 {
            st.status_row.clear();
        }
        for p in props {
            match st.status_row.iter_mut().find(|q| q.tag == p.tag) {
                Some(q) => *q = p,
                None => st.status_row.push(p),
            }
        }
        let n = st.status_row.len();
        (
            S_OK,
            Some(format!(
                "status row kept: {n} column(s), flags 0x{ulFlags:08X}"
            )),
        )
    })
}

unsafe extern "system" fn sup_OpenProfileSection(
    This: *mut IMAPISupport,
    lpUid: *mut MAPIUID,
    _ulFlags: ULONG,
    lppProfileObj: *mut *mut c_void,
) -> HRESULT {
    support_call(This, Method::SupOpenProfileSection, |rt, o| {
        if lppProfileObj.is_null() {
            return null_arg(rt, Method::SupOpenProfileSection, "lppProfileObj");
        }
        let key = lpUid.as_ref().map(|u| u.ab);
        let what = key.map_or("the provider's section".to_owned(), |k| {
            format!("section {}", uid_text(&k))
        });
        let mut st = o.state.lock();
        let existing = st.sections.iter().find(|(k, _)| *k == key).map(|(_, p)| *p);
        let section = match existing {
            Some(p) => p as *mut IPropData,
            None => {
                let props = if key.is_none() {
                    std::mem::take(&mut st.configured)
                } else {
                    Vec::new()
                };
                let n = props.len();
                let p = match PropDataObject::create_with(mapi_allocators(), props) {
                    Ok(p) => p,
                    Err(e) => return (e, Some(format!("{what}: cannot hold its {n} properties"))),
                };
                st.sections.push((key, p as usize));
                p
            }
        };
        drop(st);
        // The caller's reference (the object keeps its own until it is released).
        if let Some(add_ref) = (*section).lpVtbl.as_ref().and_then(|v| v.base.AddRef) {
            add_ref(section);
        }
        *lppProfileObj = section.cast();
        (S_OK, Some(format!("{what} (IProfSect {section:p})")))
    })
}

unsafe extern "system" fn sup_NewUID(This: *mut IMAPISupport, lpMuid: *mut MAPIUID) -> HRESULT {
    support_call(This, Method::SupNewUID, |rt, _| {
        if lpMuid.is_null() {
            return null_arg(rt, Method::SupNewUID, "lpMuid");
        }
        let n = NEXT_UID.fetch_add(1, Ordering::Relaxed);
        let mut ab = [0u8; 16];
        ab[..4].copy_from_slice(b"mmui");
        ab[8..].copy_from_slice(&n.to_be_bytes());
        (*lpMuid).ab = ab;
        (S_OK, Some(uid_text(&ab)))
    })
}

unsafe extern "system" fn sup_MakeInvalid(
    This: *mut IMAPISupport,
    ulFlags: ULONG,
    lpObject: *mut c_void,
    ulRefCount: ULONG,
    cMethods: ULONG,
) -> HRESULT {
    support_call(This, Method::SupMakeInvalid, |rt, _| {
        if lpObject.is_null() {
            return null_arg(rt, Method::SupMakeInvalid, "lpObject");
        }
        (
            S_OK,
            Some(format!(
                "object {lpObject:p} marked invalid (reference count {ulRefCount}, {cMethods} methods, flags \
                 0x{ulFlags:08X}); the mock records it and leaves the object as it is"
            )),
        )
    })
}

unsafe extern "system" fn sup_SpoolerNotify(
    This: *mut IMAPISupport,
    ulFlags: ULONG,
    lpvData: *mut c_void,
) -> HRESULT {
    support_call(This, Method::SupSpoolerNotify, |_, _| {
        (
            S_OK,
            Some(format!("flags 0x{ulFlags:08X}, data {lpvData:p}")),
        )
    })
}

unsafe extern "system" fn sup_SetProviderUID(
    This: *mut IMAPISupport,
    lpProviderID: *mut MAPIUID,
    ulFlags: ULONG,
) -> HRESULT {
    support_call(This, Method::SupSetProviderUID, |rt, o| {
        let Some(uid) = lpProviderID.as_ref() else {
            return null_arg(rt, Method::SupSetProviderUID, "lpProviderID");
        };
        let mut st = o.state.lock();
        if !st.provider_uids.contains(&uid.ab) {
            st.provider_uids.push(uid.ab);
        }
        (
            S_OK,
            Some(format!(
                "{} registered, flags 0x{ulFlags:08X}",
                uid_text(&uid.ab)
            )),
        )
    })
}

/// A method the mock does not model: `MAPI_E_NO_SUPPORT`, journaled.
macro_rules! no_support {
    ($f:ident, $m:ident, $($arg:ident: $ty:ty),*) => {
        unsafe extern "system" fn $f(This: *mut IMAPISupport, $($arg: $ty),*) -> HRESULT {
            $(let _ = $arg;)*
            support_call(This, Method::$m, |_, _| {
                (MAPI_E_NO_SUPPORT, Some("not modelled by the mock".into()))
            })
        }
    };
}

no_support!(sup_Subscribe, SupSubscribe, lpKey: *mut c_void, ulEventMask: ULONG, ulFlags: ULONG, lpAdviseSink: *mut c_void, lpulConnection: *mut ULONG_PTR);
no_support!(sup_Unsubscribe, SupUnsubscribe, ulConnection: ULONG_PTR);
no_support!(sup_Notify, SupNotify, lpKey: *mut c_void, cNotification: ULONG, lpNotifications: *mut c_void, lpulFlags: *mut ULONG);
no_support!(sup_RegisterPreprocessor, SupRegisterPreprocessor, lpMuid: *mut MAPIUID, lpszAdrType: *mut c_char, lpszDLLName: *mut c_char, lpszPreprocess: *mut c_char, lpszRemovePreprocessInfo: *mut c_char, ulFlags: ULONG);
no_support!(sup_SpoolerYield, SupSpoolerYield, ulFlags: ULONG);
no_support!(sup_CreateOneOff, SupCreateOneOff, lpszName: *mut c_char, lpszAdrType: *mut c_char, lpszAddress: *mut c_char, ulFlags: ULONG, lpcbEntryID: *mut ULONG, lppEntryID: *mut *mut c_void);
no_support!(sup_CompareEntryIDs, SupCompareEntryIDs, cbEntry1: ULONG, lpEntry1: *mut c_void, cbEntry2: ULONG, lpEntry2: *mut c_void, ulCompareFlags: ULONG, lpulResult: *mut ULONG);
no_support!(sup_OpenTemplateID, SupOpenTemplateID, cbTemplateID: ULONG, lpTemplateID: *mut c_void, ulTemplateFlags: ULONG, lpMAPIPropData: *mut c_void, lpInterface: LPCIID, lppMAPIPropNew: *mut *mut c_void, lpMAPIPropSibling: *mut c_void);
no_support!(sup_OpenEntry, SupOpenEntry, cbEntryID: ULONG, lpEntryID: *mut c_void, lpInterface: LPCIID, ulOpenFlags: ULONG, lpulObjType: *mut ULONG, lppUnk: *mut *mut c_void);
no_support!(sup_GetOneOffTable, SupGetOneOffTable, ulFlags: ULONG, lppTable: *mut *mut c_void);
no_support!(sup_Address, SupAddress, lpulUIParam: *mut ULONG_PTR, lpAdrParms: *mut c_void, lppAdrList: *mut *mut c_void);
no_support!(sup_Details, SupDetails, lpulUIParam: *mut ULONG_PTR, lpfnDismiss: *mut c_void, lpvDismissContext: *mut c_void, cbEntryID: ULONG, lpEntryID: *mut c_void, lpfButtonCallback: *mut c_void, lpvButtonContext: *mut c_void, lpszButtonText: *mut c_char, ulFlags: ULONG);
no_support!(sup_NewEntry, SupNewEntry, ulUIParam: ULONG_PTR, ulFlags: ULONG, cbEIDContainer: ULONG, lpEIDContainer: *mut c_void, cbEIDNewEntryTpl: ULONG, lpEIDNewEntryTpl: *mut c_void, lpcbEIDNewEntry: *mut ULONG, lppEIDNewEntry: *mut *mut c_void);
no_support!(sup_DoConfigPropsheet, SupDoConfigPropsheet, ulUIParam: ULONG_PTR, ulFlags: ULONG, lpszTitle: *mut c_char, lpDisplayTable: *mut c_void, lpConfigData: *mut c_void, ulTopPage: ULONG);
no_support!(sup_CopyMessages, SupCopyMessages, lpSrcInterface: LPCIID, lpSrcFolder: *mut c_void, lpMsgList: *mut c_void, lpDestInterface: LPCIID, lpDestFolder: *mut c_void, ulUIParam: ULONG_PTR, lpProgress: *mut c_void, ulFlags: ULONG);
no_support!(sup_CopyFolder, SupCopyFolder, lpSrcInterface: LPCIID, lpSrcFolder: *mut c_void, cbEntryID: ULONG, lpEntryID: *mut c_void, lpDestInterface: LPCIID, lpDestFolder: *mut c_void, lpszNewFolderName: *mut c_char, ulUIParam: ULONG_PTR, lpProgress: *mut c_void, ulFlags: ULONG);
no_support!(sup_DoCopyTo, SupDoCopyTo, lpSrcInterface: LPCIID, lpSrcObj: *mut c_void, ciidExclude: ULONG, rgiidExclude: LPCIID, lpExcludeProps: *mut c_void, ulUIParam: ULONG_PTR, lpProgress: *mut c_void, lpDestInterface: LPCIID, lpDestObj: *mut c_void, ulFlags: ULONG, lppProblems: *mut *mut c_void);
no_support!(sup_DoCopyProps, SupDoCopyProps, lpSrcInterface: LPCIID, lpSrcObj: *mut c_void, lpIncludeProps: *mut c_void, ulUIParam: ULONG_PTR, lpProgress: *mut c_void, lpDestInterface: LPCIID, lpDestObj: *mut c_void, ulFlags: ULONG, lppProblems: *mut *mut c_void);
no_support!(sup_DoProgressDialog, SupDoProgressDialog, ulUIParam: ULONG_PTR, ulFlags: ULONG, lppProgress: *mut *mut c_void);
no_support!(sup_ReadReceipt, SupReadReceipt, ulFlags: ULONG, lpReadMessage: *mut c_void, lppEmptyMessage: *mut *mut c_void);
no_support!(sup_PrepareSubmit, SupPrepareSubmit, lpMessage: *mut c_void, lpulFlags: *mut ULONG);
no_support!(sup_ExpandRecips, SupExpandRecips, lpMessage: *mut c_void, lpulFlags: *mut ULONG);
no_support!(sup_UpdatePAB, SupUpdatePAB, ulFlags: ULONG, lpMessage: *mut c_void);
no_support!(sup_DoSentMail, SupDoSentMail, ulFlags: ULONG, lpMessage: *mut c_void);
no_support!(sup_OpenAddressBook, SupOpenAddressBook, lpInterface: LPCIID, ulFlags: ULONG, lppAdrBook: *mut *mut c_void);
no_support!(sup_Preprocess, SupPreprocess, ulFlags: ULONG, cbEntryID: ULONG, lpEntryID: *mut c_void);
no_support!(sup_CompleteMsg, SupCompleteMsg, ulFlags: ULONG, cbEntryID: ULONG, lpEntryID: *mut c_void);
no_support!(sup_StoreLogoffTransports, SupStoreLogoffTransports, lpulFlags: *mut ULONG);
no_support!(sup_StatusRecips, SupStatusRecips, lpMessage: *mut c_void, lpRecipList: *mut c_void);
no_support!(sup_WrapStoreEntryID, SupWrapStoreEntryID, cbOrigEntry: ULONG, lpOrigEntry: *mut c_void, lpcbWrappedEntry: *mut ULONG, lppWrappedEntry: *mut *mut c_void);
no_support!(sup_ModifyProfile, SupModifyProfile, ulFlags: ULONG);
no_support!(sup_IStorageFromStream, SupIStorageFromStream, lpUnkIn: *mut c_void, lpInterface: LPCIID, ulFlags: ULONG, lppStorageOut: *mut *mut c_void);
no_support!(sup_GetSvcConfigSupportObj, SupGetSvcConfigSupportObj, ulFlags: ULONG, lppSvcSupport: *mut *mut c_void);

static SUPPORT_VTBL: IMAPISupportVtbl = IMAPISupportVtbl {
    QueryInterface: Some(sup_query_interface),
    AddRef: Some(sup_add_ref),
    Release: Some(sup_release),
    GetLastError: Some(sup_GetLastError),
    GetMemAllocRoutines: Some(sup_GetMemAllocRoutines),
    Subscribe: Some(sup_Subscribe),
    Unsubscribe: Some(sup_Unsubscribe),
    Notify: Some(sup_Notify),
    ModifyStatusRow: Some(sup_ModifyStatusRow),
    OpenProfileSection: Some(sup_OpenProfileSection),
    RegisterPreprocessor: Some(sup_RegisterPreprocessor),
    NewUID: Some(sup_NewUID),
    MakeInvalid: Some(sup_MakeInvalid),
    SpoolerYield: Some(sup_SpoolerYield),
    SpoolerNotify: Some(sup_SpoolerNotify),
    CreateOneOff: Some(sup_CreateOneOff),
    SetProviderUID: Some(sup_SetProviderUID),
    CompareEntryIDs: Some(sup_CompareEntryIDs),
    OpenTemplateID: Some(sup_OpenTemplateID),
    OpenEntry: Some(sup_OpenEntry),
    GetOneOffTable: Some(sup_GetOneOffTable),
    Address: Some(sup_Address),
    Details: Some(sup_Details),
    NewEntry: Some(sup_NewEntry),
    DoConfigPropsheet: Some(sup_DoConfigPropsheet),
    CopyMessages: Some(sup_CopyMessages),
    CopyFolder: Some(sup_CopyFolder),
    DoCopyTo: Some(sup_DoCopyTo),
    DoCopyProps: Some(sup_DoCopyProps),
    DoProgressDialog: Some(sup_DoProgressDialog),
    ReadReceipt: Some(sup_ReadReceipt),
    PrepareSubmit: Some(sup_PrepareSubmit),
    ExpandRecips: Some(sup_ExpandRecips),
    UpdatePAB: Some(sup_UpdatePAB),
    DoSentMail: Some(sup_DoSentMail),
    OpenAddressBook: Some(sup_OpenAddressBook),
    Preprocess: Some(sup_Preprocess),
    CompleteMsg: Some(sup_CompleteMsg),
    StoreLogoffTransports: Some(sup_StoreLogoffTransports),
    StatusRecips: Some(sup_StatusRecips),
    WrapStoreEntryID: Some(sup_WrapStoreEntryID),
    ModifyProfile: Some(sup_ModifyProfile),
    IStorageFromStream: Some(sup_IStorageFromStream),
    GetSvcConfigSupportObj: Some(sup_GetSvcConfigSupportObj),
};

/// Make an `IMAPISupport` method return `result` without running, for one provider or for all — fault injection
/// on the support object ("what if `OpenProfileSection` fails at logon?").
///
/// - `provider_name`: the provider's name as given to `mockmapi_session_logon_provider` (UTF-8, compared
///   exactly); NULL = every provider (a setting for a named provider wins over it).
/// - `method`: `MOCKMAPI_METHOD_SUPPORT_FIRST + slot - 3` (`IMAPISupport::GetLastError` = 70 ...
///   `GetSvcConfigSupportObj` = 110); anything else gives `E_INVALIDARG`.
/// - `result`: what the method returns; out-parameters are not written. The call is journaled with it.
///
/// Lasts until `mockmapi_reset`; a later call for the same provider and method replaces it. Returns `S_OK`.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_support_set_result(
    provider_name: *const c_char,
    method: u32,
    result: HRESULT,
) -> HRESULT {
    let func = "mockmapi_support_set_result";
    with_runtime(Method::SupportSetResult, E_UNEXPECTED, |rt| {
        let name = match rt.c_str_arg(
            Method::SupportSetResult,
            &format!("{func}: provider_name"),
            provider_name,
        ) {
            Ok(n) => n,
            Err(hr) => return hr,
        };
        let first = Method::SupGetLastError as u32;
        let last = Method::SupGetSvcConfigSupportObj as u32;
        let Some(m) = Method::from_u32(method).filter(|_| (first..=last).contains(&method)) else {
            return rt.reject(
                Method::SupportSetResult,
                E_INVALIDARG,
                format!(
                    "{func}: method {method} is not an IMAPISupport method; use MOCKMAPI_METHOD_SUPPORT_FIRST + \
                     slot - 3 ({first} to {last})"
                ),
            );
        };
        rt.set_support_result(name, m, result);
        rt.journal().record(Event {
            message: Some(c_string(format!(
                "{} of {} returns {}",
                m.name(),
                name.unwrap_or("every provider"),
                crate::com::hresult_display(result)
            ))),
            ..Event::new(EventType::ClientCall, Method::SupportSetResult)
        });
        S_OK
    })
}
