//! `#[repr(C)]` interface objects and vtables, parent slots first, in exact MAPI order (SPEC §1).
//!
//! Every slot is an `Option` of an `extern "system"` function pointer: the same C layout as a plain
//! function pointer, but a NULL slot in a vtable that a provider hands us is detected instead of
//! being called. Parameter types that the mock does not model are opaque (see `opaque.rs`).
//!
//! The seven MAPI interfaces carry a `#[cfg(not(mockmapi_sdk_*))]` naming the header that declares them in
//! the Windows SDK: `mockmapi_sdk_iunknown` (unknwn.h), `mockmapi_sdk_shutdown` (mapidefs.h),
//! `mockmapi_sdk_spi` (mapispi.h: the three provider interfaces), `mockmapi_sdk_session` (mapix.h). These
//! cfgs are never set in Rust, so the types always exist here; cbindgen turns each into
//! `#if !defined(MOCKMAPI_SDK_*)` around their C definitions, and `mockmapi_abi.h` defines those macros when
//! the interfaces are already declared: as C++ classes by mockmapi's SDK-compatible headers
//! (`MOCKMAPI_SDK_CLASSES`), or by a real SDK's headers (Microsoft's, mingw-w64's) included first.
//! `mockmapi_provider` is the mock's own type and stays visible in every case.
// The slots spell out the SDK signatures in place: aliases would become typedefs in the generated header.
#![allow(non_snake_case, clippy::upper_case_acronyms, clippy::type_complexity)]

use core::ffi::{c_char, c_void};

use super::opaque::{
    _SPropValue, IABLogon, IAddrBook, IMAPIAdviseSink, IMAPIFolder, IMAPISupport, IMAPITable,
    IMSLogon, IMessage, IMsgServiceAdmin, IMsgStore, IProfSect, IXPLogon, _MAPIERROR, _MAPIUID,
    ENTRYID,
};
use super::types::{HRESULT, LPCIID, LPTSTR, REFIID, ULONG, ULONG_PTR};

/// `IUnknown`: the first field of every COM object is its `lpVtbl`.
#[cfg(not(mockmapi_sdk_iunknown))]
#[repr(C)]
pub struct IUnknown {
    pub lpVtbl: *const IUnknownVtbl,
}

/// The three `IUnknown` slots.
#[cfg(not(mockmapi_sdk_iunknown))]
#[repr(C)]
pub struct IUnknownVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IUnknown,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IUnknown) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IUnknown) -> ULONG>,
}

/// `IMAPIClientShutdown`: what a client gets from `IMAPISession::QueryInterface(IID_IMAPIClientShutdown)`.
#[cfg(not(mockmapi_sdk_shutdown))]
#[repr(C)]
pub struct IMAPIClientShutdown {
    pub lpVtbl: *const IMAPIClientShutdownVtbl,
}

/// IUnknown, then QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown.
#[cfg(not(mockmapi_sdk_shutdown))]
#[repr(C)]
pub struct IMAPIClientShutdownVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPIClientShutdown,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPIClientShutdown) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPIClientShutdown) -> ULONG>,
    pub QueryFastShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIClientShutdown) -> HRESULT>,
    pub NotifyProcessShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIClientShutdown) -> HRESULT>,
    pub DoFastShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIClientShutdown) -> HRESULT>,
}

/// `IMAPIProviderShutdown`: what a provider exposes through `QueryInterface(IID_IMAPIProviderShutdown)`.
#[cfg(not(mockmapi_sdk_shutdown))]
#[repr(C)]
pub struct IMAPIProviderShutdown {
    pub lpVtbl: *const IMAPIProviderShutdownVtbl,
}

/// IUnknown, then QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown.
#[cfg(not(mockmapi_sdk_shutdown))]
#[repr(C)]
pub struct IMAPIProviderShutdownVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPIProviderShutdown,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPIProviderShutdown) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPIProviderShutdown) -> ULONG>,
    pub QueryFastShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIProviderShutdown) -> HRESULT>,
    pub NotifyProcessShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIProviderShutdown) -> HRESULT>,
    pub DoFastShutdown:
        Option<unsafe extern "system" fn(This: *mut IMAPIProviderShutdown) -> HRESULT>,
}

/// The prefix every provider object shares: IUnknown, then `Shutdown(ULONG *lpulFlags)` in slot 3.
/// The runtime calls a provider object only through this prefix.
#[repr(C)]
pub struct mockmapi_provider {
    pub lpVtbl: *const mockmapi_provider_vtbl,
}

/// IUnknown, then `Shutdown`.
#[repr(C)]
pub struct mockmapi_provider_vtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut mockmapi_provider,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut mockmapi_provider) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut mockmapi_provider) -> ULONG>,
    pub Shutdown: Option<
        unsafe extern "system" fn(This: *mut mockmapi_provider, lpulFlags: *mut ULONG) -> HRESULT,
    >,
}

/// `IXPProvider`: a transport provider object, as returned by `XPProviderInit`.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IXPProvider {
    pub lpVtbl: *const IXPProviderVtbl,
}

/// IUnknown, Shutdown, TransportLogon.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IXPProviderVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IXPProvider,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IXPProvider) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IXPProvider) -> ULONG>,
    pub Shutdown:
        Option<unsafe extern "system" fn(This: *mut IXPProvider, lpulFlags: *mut ULONG) -> HRESULT>,
    pub TransportLogon: Option<
        unsafe extern "system" fn(
            This: *mut IXPProvider,
            lpMAPISup: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            lpszProfileName: LPTSTR,
            lpulFlags: *mut ULONG,
            lppMAPIError: *mut *mut _MAPIERROR,
            lppXPLogon: *mut *mut IXPLogon,
        ) -> HRESULT,
    >,
}

/// `IABProvider`: an address book provider object, as returned by `ABProviderInit`.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IABProvider {
    pub lpVtbl: *const IABProviderVtbl,
}

/// IUnknown, Shutdown, Logon.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IABProviderVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IABProvider,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IABProvider) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IABProvider) -> ULONG>,
    pub Shutdown:
        Option<unsafe extern "system" fn(This: *mut IABProvider, lpulFlags: *mut ULONG) -> HRESULT>,
    pub Logon: Option<
        unsafe extern "system" fn(
            This: *mut IABProvider,
            lpMAPISup: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            lpszProfileName: LPTSTR,
            ulFlags: ULONG,
            lpulpcbSecurity: *mut ULONG,
            lppbSecurity: *mut *mut u8,
            lppMAPIError: *mut *mut _MAPIERROR,
            lppABLogon: *mut *mut IABLogon,
        ) -> HRESULT,
    >,
}

/// `IMSProvider`: a message store provider object, as returned by `MSProviderInit`.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IMSProvider {
    pub lpVtbl: *const IMSProviderVtbl,
}

/// IUnknown, Shutdown, Logon, SpoolerLogon, CompareStoreIDs.
#[cfg(not(mockmapi_sdk_spi))]
#[repr(C)]
pub struct IMSProviderVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMSProvider,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMSProvider) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMSProvider) -> ULONG>,
    pub Shutdown:
        Option<unsafe extern "system" fn(This: *mut IMSProvider, lpulFlags: *mut ULONG) -> HRESULT>,
    pub Logon: Option<
        unsafe extern "system" fn(
            This: *mut IMSProvider,
            lpMAPISup: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            lpszProfileName: LPTSTR,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
            ulFlags: ULONG,
            lpInterface: LPCIID,
            lpcbSpoolSecurity: *mut ULONG,
            lppbSpoolSecurity: *mut *mut u8,
            lppMAPIError: *mut *mut _MAPIERROR,
            lppMSLogon: *mut *mut IMSLogon,
            lppMDB: *mut *mut IMsgStore,
        ) -> HRESULT,
    >,
    pub SpoolerLogon: Option<
        unsafe extern "system" fn(
            This: *mut IMSProvider,
            lpMAPISup: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            lpszProfileName: LPTSTR,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
            ulFlags: ULONG,
            lpInterface: LPCIID,
            cbSpoolSecurity: ULONG,
            lpbSpoolSecurity: *mut u8,
            lppMAPIError: *mut *mut _MAPIERROR,
            lppMSLogon: *mut *mut IMSLogon,
            lppMDB: *mut *mut IMsgStore,
        ) -> HRESULT,
    >,
    pub CompareStoreIDs: Option<
        unsafe extern "system" fn(
            This: *mut IMSProvider,
            cbEntryID1: ULONG,
            lpEntryID1: *mut ENTRYID,
            cbEntryID2: ULONG,
            lpEntryID2: *mut ENTRYID,
            ulFlags: ULONG,
            lpulResult: *mut ULONG,
        ) -> HRESULT,
    >,
}

/// `IMAPISession`: what `MAPILogonEx` returns.
#[cfg(not(mockmapi_sdk_session))]
#[repr(C)]
pub struct IMAPISession {
    pub lpVtbl: *const IMAPISessionVtbl,
}

/// IUnknown, then the 19 IMAPISession methods in SDK order (`Logoff` is slot 17).
#[cfg(not(mockmapi_sdk_session))]
#[repr(C)]
pub struct IMAPISessionVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPISession) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPISession) -> ULONG>,
    pub GetLastError: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            hResult: HRESULT,
            ulFlags: ULONG,
            lppMAPIError: *mut *mut _MAPIERROR,
        ) -> HRESULT,
    >,
    pub GetMsgStoresTable: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulFlags: ULONG,
            lppTable: *mut *mut IMAPITable,
        ) -> HRESULT,
    >,
    pub OpenMsgStore: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulUIParam: ULONG_PTR,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lppMDB: *mut *mut IMsgStore,
        ) -> HRESULT,
    >,
    pub OpenAddressBook: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulUIParam: ULONG_PTR,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lppAdrBook: *mut *mut IAddrBook,
        ) -> HRESULT,
    >,
    pub OpenProfileSection: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            lpUID: *mut _MAPIUID,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lppProfSect: *mut *mut IProfSect,
        ) -> HRESULT,
    >,
    pub GetStatusTable: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulFlags: ULONG,
            lppTable: *mut *mut IMAPITable,
        ) -> HRESULT,
    >,
    pub OpenEntry: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lpulObjType: *mut ULONG,
            lppUnk: *mut *mut IUnknown,
        ) -> HRESULT,
    >,
    pub CompareEntryIDs: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            cbEntryID1: ULONG,
            lpEntryID1: *mut ENTRYID,
            cbEntryID2: ULONG,
            lpEntryID2: *mut ENTRYID,
            ulFlags: ULONG,
            lpulResult: *mut ULONG,
        ) -> HRESULT,
    >,
    pub Advise: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
            ulEventMask: ULONG,
            lpAdviseSink: *mut IMAPIAdviseSink,
            lpulConnection: *mut ULONG_PTR,
        ) -> HRESULT,
    >,
    pub Unadvise: Option<
        unsafe extern "system" fn(This: *mut IMAPISession, ulConnection: ULONG_PTR) -> HRESULT,
    >,
    pub MessageOptions: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulUIParam: ULONG_PTR,
            ulFlags: ULONG,
            lpszAdrType: LPTSTR,
            lpMessage: *mut IMessage,
        ) -> HRESULT,
    >,
    pub QueryDefaultMessageOpt: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            lpszAdrType: LPTSTR,
            ulFlags: ULONG,
            lpcValues: *mut ULONG,
            lppOptions: *mut *mut _SPropValue,
        ) -> HRESULT,
    >,
    pub EnumAdrTypes: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulFlags: ULONG,
            lpcAdrTypes: *mut ULONG,
            lpppszAdrTypes: *mut *mut LPTSTR,
        ) -> HRESULT,
    >,
    pub QueryIdentity: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            lpcbEntryID: *mut ULONG,
            lppEntryID: *mut *mut ENTRYID,
        ) -> HRESULT,
    >,
    pub Logoff: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulUIParam: ULONG_PTR,
            ulFlags: ULONG,
            ulReserved: ULONG,
        ) -> HRESULT,
    >,
    pub SetDefaultStore: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulFlags: ULONG,
            cbEntryID: ULONG,
            lpEntryID: *mut ENTRYID,
        ) -> HRESULT,
    >,
    pub AdminServices: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulFlags: ULONG,
            lppServiceAdmin: *mut *mut IMsgServiceAdmin,
        ) -> HRESULT,
    >,
    pub ShowForm: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            ulUIParam: ULONG_PTR,
            lpMsgStore: *mut IMsgStore,
            lpParentFolder: *mut IMAPIFolder,
            lpInterface: LPCIID,
            ulMessageToken: ULONG_PTR,
            lpMessageSent: *mut IMessage,
            ulFlags: ULONG,
            ulMessageStatus: ULONG,
            ulMessageFlags: ULONG,
            ulAccess: ULONG,
            lpszMessageClass: *mut c_char,
        ) -> HRESULT,
    >,
    pub PrepareForm: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISession,
            lpInterface: LPCIID,
            lpMessage: *mut IMessage,
            lpulMessageToken: *mut ULONG_PTR,
        ) -> HRESULT,
    >,
}

/// `IMalloc`: the allocator MAPI hands to provider entry points (`LPMALLOC`).
#[repr(C)]
pub struct IMalloc {
    pub lpVtbl: *const IMallocVtbl,
}

/// IUnknown, then Alloc, Realloc, Free, GetSize, DidAlloc, HeapMinimize (the OLE order).
#[repr(C)]
pub struct IMallocVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMalloc,
            riid: REFIID,
            ppvObject: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMalloc) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMalloc) -> ULONG>,
    pub Alloc: Option<unsafe extern "system" fn(This: *mut IMalloc, cb: usize) -> *mut c_void>,
    pub Realloc: Option<
        unsafe extern "system" fn(This: *mut IMalloc, pv: *mut c_void, cb: usize) -> *mut c_void,
    >,
    pub Free: Option<unsafe extern "system" fn(This: *mut IMalloc, pv: *mut c_void)>,
    pub GetSize: Option<unsafe extern "system" fn(This: *mut IMalloc, pv: *mut c_void) -> usize>,
    pub DidAlloc: Option<unsafe extern "system" fn(This: *mut IMalloc, pv: *mut c_void) -> i32>,
    pub HeapMinimize: Option<unsafe extern "system" fn(This: *mut IMalloc)>,
}

/// `MAPIAllocateBuffer` as a function pointer (`LPALLOCATEBUFFER`).
pub type LPALLOCATEBUFFER =
    Option<unsafe extern "system" fn(cbSize: ULONG, lppBuffer: *mut *mut c_void) -> HRESULT>;
/// `MAPIAllocateMore` as a function pointer (`LPALLOCATEMORE`).
pub type LPALLOCATEMORE = Option<
    unsafe extern "system" fn(
        cbSize: ULONG,
        lpObject: *mut c_void,
        lppBuffer: *mut *mut c_void,
    ) -> HRESULT,
>;
/// `MAPIFreeBuffer` as a function pointer (`LPFREEBUFFER`).
pub type LPFREEBUFFER = Option<unsafe extern "system" fn(lpBuffer: *mut c_void) -> ULONG>;

/// The provider entry point shape shared by `XPProviderInit`, `ABProviderInit` and `MSProviderInit`
/// (`STDMAPIINITCALLTYPE`: cdecl everywhere). The last argument receives the provider object.
pub type ProviderInit = unsafe extern "C" fn(
    hInstance: *mut c_void,
    lpMalloc: *mut IMalloc,
    lpAllocateBuffer: LPALLOCATEBUFFER,
    lpAllocateMore: LPALLOCATEMORE,
    lpFreeBuffer: LPFREEBUFFER,
    ulFlags: ULONG,
    ulMAPIVer: ULONG,
    lpulProviderVer: *mut ULONG,
    lppProvider: *mut *mut mockmapi_provider,
) -> HRESULT;

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};

    const P: usize = size_of::<*const ()>();

    #[test]
    fn iunknown_prefix_is_shared_by_every_vtable() {
        assert_eq!(offset_of!(IUnknownVtbl, Release), 2 * P);
        assert_eq!(
            offset_of!(IMAPIClientShutdownVtbl, QueryFastShutdown),
            3 * P
        );
        assert_eq!(
            offset_of!(IMAPIClientShutdownVtbl, NotifyProcessShutdown),
            4 * P
        );
        assert_eq!(offset_of!(IMAPIClientShutdownVtbl, DoFastShutdown), 5 * P);
        assert_eq!(
            offset_of!(IMAPIProviderShutdownVtbl, QueryFastShutdown),
            3 * P
        );
        assert_eq!(offset_of!(IMAPIProviderShutdownVtbl, DoFastShutdown), 5 * P);
        assert_eq!(size_of::<IMAPIProviderShutdownVtbl>(), 6 * P);
    }

    #[test]
    fn provider_vtables_put_shutdown_in_slot_3() {
        assert_eq!(offset_of!(mockmapi_provider_vtbl, Shutdown), 3 * P);
        assert_eq!(offset_of!(IXPProviderVtbl, Shutdown), 3 * P);
        assert_eq!(offset_of!(IABProviderVtbl, Shutdown), 3 * P);
        assert_eq!(offset_of!(IMSProviderVtbl, Shutdown), 3 * P);
        assert_eq!(size_of::<IXPProviderVtbl>(), 5 * P);
        assert_eq!(size_of::<IABProviderVtbl>(), 5 * P);
        assert_eq!(size_of::<IMSProviderVtbl>(), 7 * P);
    }

    #[test]
    fn session_vtable_has_22_slots_with_logoff_at_17() {
        assert_eq!(size_of::<IMAPISessionVtbl>(), 22 * P);
        assert_eq!(offset_of!(IMAPISessionVtbl, GetLastError), 3 * P);
        assert_eq!(offset_of!(IMAPISessionVtbl, QueryIdentity), 16 * P);
        assert_eq!(offset_of!(IMAPISessionVtbl, Logoff), 17 * P);
        assert_eq!(offset_of!(IMAPISessionVtbl, PrepareForm), 21 * P);
    }

    #[test]
    fn objects_start_with_lpvtbl() {
        assert_eq!(offset_of!(IMAPISession, lpVtbl), 0);
        assert_eq!(size_of::<IMAPISession>(), P);
        assert_eq!(offset_of!(crate::com::types::GUID, Data4), 8);
    }
}
