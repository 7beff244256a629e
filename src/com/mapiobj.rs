//! The interfaces of the MAPI utility objects, `#[repr(C)]`, parent slots first, in the SDK's order:
//! `IMAPIProp` → `IPropData` (`CreateIProp`), `IMAPITable` (a view), `ITableData` (`CreateTable`), and the
//! `IMAPIAdviseSink` that table notifications go to.
//!
//! Hidden from cbindgen like `mapidefs.rs`: C declares these in the SDK-compatible headers. The names
//! `IMAPITable` and `IMAPIAdviseSink` here are the complete interfaces; `com::opaque` keeps the opaque forms
//! that the session's signatures use (the same objects, seen through a pointer only).
#![allow(non_camel_case_types, non_snake_case, clippy::type_complexity)]

use core::ffi::{c_char, c_void};

use super::mapidefs::{
    SPropProblemArray, SPropTagArray, SPropValue, SRestriction, SRow, SRowSet, SSortOrderSet,
    BOOKMARK, MAPINAMEID, NOTIFICATION,
};
use super::opaque::_MAPIERROR;
use super::types::{GUID, HRESULT, LPCIID, REFIID, ULONG, ULONG_PTR};

/// `ALLOCATEBUFFER`.
pub type ALLOCATEBUFFER =
    unsafe extern "system" fn(cbSize: ULONG, lppBuffer: *mut *mut c_void) -> i32;
/// `ALLOCATEMORE`.
pub type ALLOCATEMORE = unsafe extern "system" fn(
    cbSize: ULONG,
    lpObject: *mut c_void,
    lppBuffer: *mut *mut c_void,
) -> i32;
/// `FREEBUFFER`.
pub type FREEBUFFER = unsafe extern "system" fn(lpBuffer: *mut c_void) -> ULONG;
/// `CALLERRELEASE`: called when a view from `ITableData::HrGetView` is released.
pub type CALLERRELEASE = unsafe extern "system" fn(
    ulCallerData: ULONG_PTR,
    lpTblData: *mut ITableData,
    lpVue: *mut IMAPITable,
);

/// `IMAPIProp` as an object: its first field is the vtable.
#[repr(C)]
pub struct IMAPIProp {
    pub lpVtbl: *const IMAPIPropVtbl,
}

/// `IPropData`.
#[repr(C)]
pub struct IPropData {
    pub lpVtbl: *const IPropDataVtbl,
}

/// `IMAPITable`.
#[repr(C)]
pub struct IMAPITable {
    pub lpVtbl: *const IMAPITableVtbl,
}

/// `ITableData`.
#[repr(C)]
pub struct ITableData {
    pub lpVtbl: *const ITableDataVtbl,
}

/// `IMAPIAdviseSink`.
#[repr(C)]
pub struct IMAPIAdviseSink {
    pub lpVtbl: *const IMAPIAdviseSinkVtbl,
}

/// `IMAPIProgress`: passed through only.
pub type IMAPIProgress = c_void;

/// The IUnknown + IMAPIProp slots for an interface whose `This` is `T`.
#[repr(C)]
pub struct IMAPIPropVtbl<T = IMAPIProp> {
    pub QueryInterface: Option<
        unsafe extern "system" fn(This: *mut T, riid: REFIID, ppvObj: *mut *mut c_void) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut T) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut T) -> ULONG>,
    pub GetLastError: Option<
        unsafe extern "system" fn(
            This: *mut T,
            hResult: HRESULT,
            ulFlags: ULONG,
            lppMAPIError: *mut *mut _MAPIERROR,
        ) -> HRESULT,
    >,
    pub SaveChanges: Option<unsafe extern "system" fn(This: *mut T, ulFlags: ULONG) -> HRESULT>,
    pub GetProps: Option<
        unsafe extern "system" fn(
            This: *mut T,
            lpPropTagArray: *mut SPropTagArray,
            ulFlags: ULONG,
            lpcValues: *mut ULONG,
            lppPropArray: *mut *mut SPropValue,
        ) -> HRESULT,
    >,
    pub GetPropList: Option<
        unsafe extern "system" fn(
            This: *mut T,
            ulFlags: ULONG,
            lppPropTagArray: *mut *mut SPropTagArray,
        ) -> HRESULT,
    >,
    pub OpenProperty: Option<
        unsafe extern "system" fn(
            This: *mut T,
            ulPropTag: ULONG,
            lpiid: LPCIID,
            ulInterfaceOptions: ULONG,
            ulFlags: ULONG,
            lppUnk: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub SetProps: Option<
        unsafe extern "system" fn(
            This: *mut T,
            cValues: ULONG,
            lpPropArray: *mut SPropValue,
            lppProblems: *mut *mut SPropProblemArray,
        ) -> HRESULT,
    >,
    pub DeleteProps: Option<
        unsafe extern "system" fn(
            This: *mut T,
            lpPropTagArray: *mut SPropTagArray,
            lppProblems: *mut *mut SPropProblemArray,
        ) -> HRESULT,
    >,
    pub CopyTo: Option<
        unsafe extern "system" fn(
            This: *mut T,
            ciidExclude: ULONG,
            rgiidExclude: LPCIID,
            lpExcludeProps: *mut SPropTagArray,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut IMAPIProgress,
            lpInterface: LPCIID,
            lpDestObj: *mut c_void,
            ulFlags: ULONG,
            lppProblems: *mut *mut SPropProblemArray,
        ) -> HRESULT,
    >,
    pub CopyProps: Option<
        unsafe extern "system" fn(
            This: *mut T,
            lpIncludeProps: *mut SPropTagArray,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut IMAPIProgress,
            lpInterface: LPCIID,
            lpDestObj: *mut c_void,
            ulFlags: ULONG,
            lppProblems: *mut *mut SPropProblemArray,
        ) -> HRESULT,
    >,
    pub GetNamesFromIDs: Option<
        unsafe extern "system" fn(
            This: *mut T,
            lppPropTags: *mut *mut SPropTagArray,
            lpPropSetGuid: *mut GUID,
            ulFlags: ULONG,
            lpcPropNames: *mut ULONG,
            lpppPropNames: *mut *mut *mut MAPINAMEID,
        ) -> HRESULT,
    >,
    pub GetIDsFromNames: Option<
        unsafe extern "system" fn(
            This: *mut T,
            cPropNames: ULONG,
            lppPropNames: *mut *mut MAPINAMEID,
            ulFlags: ULONG,
            lppPropTags: *mut *mut SPropTagArray,
        ) -> HRESULT,
    >,
}

/// `IPropData`: IMAPIProp, then HrSetObjAccess, HrSetPropAccess, HrGetPropAccess, HrAddObjProps.
#[repr(C)]
pub struct IPropDataVtbl {
    pub base: IMAPIPropVtbl<IPropData>,
    pub HrSetObjAccess:
        Option<unsafe extern "system" fn(This: *mut IPropData, ulAccess: ULONG) -> HRESULT>,
    pub HrSetPropAccess: Option<
        unsafe extern "system" fn(
            This: *mut IPropData,
            lpPropTagArray: *mut SPropTagArray,
            rgulAccess: *mut ULONG,
        ) -> HRESULT,
    >,
    pub HrGetPropAccess: Option<
        unsafe extern "system" fn(
            This: *mut IPropData,
            lppPropTagArray: *mut *mut SPropTagArray,
            lprgulAccess: *mut *mut ULONG,
        ) -> HRESULT,
    >,
    pub HrAddObjProps: Option<
        unsafe extern "system" fn(
            This: *mut IPropData,
            lppPropTagArray: *mut SPropTagArray,
            lprgulProblems: *mut *mut SPropProblemArray,
        ) -> HRESULT,
    >,
}

/// `IMAPITable`: IUnknown, then the 23 table methods in the SDK's order.
#[repr(C)]
pub struct IMAPITableVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            riid: REFIID,
            ppvObj: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPITable) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPITable) -> ULONG>,
    pub GetLastError: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            hResult: HRESULT,
            ulFlags: ULONG,
            lppMAPIError: *mut *mut _MAPIERROR,
        ) -> HRESULT,
    >,
    pub Advise: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulEventMask: ULONG,
            lpAdviseSink: *mut IMAPIAdviseSink,
            lpulConnection: *mut ULONG_PTR,
        ) -> HRESULT,
    >,
    pub Unadvise: Option<
        unsafe extern "system" fn(This: *mut IMAPITable, ulConnection: ULONG_PTR) -> HRESULT,
    >,
    pub GetStatus: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpulTableStatus: *mut ULONG,
            lpulTableType: *mut ULONG,
        ) -> HRESULT,
    >,
    pub SetColumns: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpPropTagArray: *mut SPropTagArray,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub QueryColumns: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulFlags: ULONG,
            lpPropTagArray: *mut *mut SPropTagArray,
        ) -> HRESULT,
    >,
    pub GetRowCount: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulFlags: ULONG,
            lpulCount: *mut ULONG,
        ) -> HRESULT,
    >,
    pub SeekRow: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            bkOrigin: BOOKMARK,
            lRowCount: i32,
            lplRowsSought: *mut i32,
        ) -> HRESULT,
    >,
    pub SeekRowApprox: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulNumerator: ULONG,
            ulDenominator: ULONG,
        ) -> HRESULT,
    >,
    pub QueryPosition: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpulRow: *mut ULONG,
            lpulNumerator: *mut ULONG,
            lpulDenominator: *mut ULONG,
        ) -> HRESULT,
    >,
    pub FindRow: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpRestriction: *mut SRestriction,
            bkOrigin: BOOKMARK,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub Restrict: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpRestriction: *mut SRestriction,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub CreateBookmark: Option<
        unsafe extern "system" fn(This: *mut IMAPITable, lpbkPosition: *mut BOOKMARK) -> HRESULT,
    >,
    pub FreeBookmark:
        Option<unsafe extern "system" fn(This: *mut IMAPITable, bkPosition: BOOKMARK) -> HRESULT>,
    pub SortTable: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lpSortCriteria: *mut SSortOrderSet,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub QuerySortOrder: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lppSortCriteria: *mut *mut SSortOrderSet,
        ) -> HRESULT,
    >,
    pub QueryRows: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            lRowCount: i32,
            ulFlags: ULONG,
            lppRows: *mut *mut SRowSet,
        ) -> HRESULT,
    >,
    pub Abort: Option<unsafe extern "system" fn(This: *mut IMAPITable) -> HRESULT>,
    pub ExpandRow: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            cbInstanceKey: ULONG,
            pbInstanceKey: *mut u8,
            ulRowCount: ULONG,
            ulFlags: ULONG,
            lppRows: *mut *mut SRowSet,
            lpulMoreRows: *mut ULONG,
        ) -> HRESULT,
    >,
    pub CollapseRow: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            cbInstanceKey: ULONG,
            pbInstanceKey: *mut u8,
            ulFlags: ULONG,
            lpulRowCount: *mut ULONG,
        ) -> HRESULT,
    >,
    pub WaitForCompletion: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulFlags: ULONG,
            ulTimeout: ULONG,
            lpulTableStatus: *mut ULONG,
        ) -> HRESULT,
    >,
    pub GetCollapseState: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulFlags: ULONG,
            cbInstanceKey: ULONG,
            lpbInstanceKey: *mut u8,
            lpcbCollapseState: *mut ULONG,
            lppbCollapseState: *mut *mut u8,
        ) -> HRESULT,
    >,
    pub SetCollapseState: Option<
        unsafe extern "system" fn(
            This: *mut IMAPITable,
            ulFlags: ULONG,
            cbCollapseState: ULONG,
            pbCollapseState: *mut u8,
            lpbkLocation: *mut BOOKMARK,
        ) -> HRESULT,
    >,
}

/// `ITableData`: IUnknown, then HrGetView, HrModifyRow, HrDeleteRow, HrQueryRow, HrEnumRow, HrNotify,
/// HrInsertRow, HrModifyRows, HrDeleteRows.
#[repr(C)]
pub struct ITableDataVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            riid: REFIID,
            ppvObj: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut ITableData) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut ITableData) -> ULONG>,
    pub HrGetView: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            lpSSortOrderSet: *mut SSortOrderSet,
            lpfCallerRelease: Option<CALLERRELEASE>,
            ulCallerData: ULONG_PTR,
            lppMAPITable: *mut *mut IMAPITable,
        ) -> HRESULT,
    >,
    pub HrModifyRow:
        Option<unsafe extern "system" fn(This: *mut ITableData, lpSRow: *mut SRow) -> HRESULT>,
    pub HrDeleteRow: Option<
        unsafe extern "system" fn(This: *mut ITableData, lpSPropValue: *mut SPropValue) -> HRESULT,
    >,
    pub HrQueryRow: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            lpsPropValue: *mut SPropValue,
            lppSRow: *mut *mut SRow,
            lpuliRow: *mut ULONG,
        ) -> HRESULT,
    >,
    pub HrEnumRow: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            ulRowNumber: ULONG,
            lppSRow: *mut *mut SRow,
        ) -> HRESULT,
    >,
    pub HrNotify: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            ulFlags: ULONG,
            cValues: ULONG,
            lpSPropValue: *mut SPropValue,
        ) -> HRESULT,
    >,
    pub HrInsertRow: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            uliRow: ULONG,
            lpSRow: *mut SRow,
        ) -> HRESULT,
    >,
    pub HrModifyRows: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            ulFlags: ULONG,
            lpSRowSet: *mut SRowSet,
        ) -> HRESULT,
    >,
    pub HrDeleteRows: Option<
        unsafe extern "system" fn(
            This: *mut ITableData,
            ulFlags: ULONG,
            lprowsetToDelete: *mut SRowSet,
            cRowsDeleted: *mut ULONG,
        ) -> HRESULT,
    >,
}

/// `IMAPIAdviseSink`: IUnknown, then OnNotify.
#[repr(C)]
pub struct IMAPIAdviseSinkVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPIAdviseSink,
            riid: REFIID,
            ppvObj: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPIAdviseSink) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPIAdviseSink) -> ULONG>,
    pub OnNotify: Option<
        unsafe extern "system" fn(
            This: *mut IMAPIAdviseSink,
            cNotif: ULONG,
            lpNotifications: *mut NOTIFICATION,
        ) -> ULONG,
    >,
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};

    const P: usize = size_of::<*const u8>();

    #[test]
    fn slots_are_in_sdk_order() {
        assert_eq!(offset_of!(IMAPIPropVtbl, GetProps) / P, 5);
        assert_eq!(offset_of!(IMAPIPropVtbl, GetIDsFromNames) / P, 13);
        assert_eq!(offset_of!(IPropDataVtbl, HrSetObjAccess) / P, 14);
        assert_eq!(offset_of!(IPropDataVtbl, HrAddObjProps) / P, 17);
        assert_eq!(size_of::<IPropDataVtbl>() / P, 18);
        assert_eq!(offset_of!(IMAPITableVtbl, Advise) / P, 4);
        assert_eq!(offset_of!(IMAPITableVtbl, SetColumns) / P, 7);
        assert_eq!(offset_of!(IMAPITableVtbl, FindRow) / P, 13);
        assert_eq!(offset_of!(IMAPITableVtbl, SortTable) / P, 17);
        assert_eq!(offset_of!(IMAPITableVtbl, QueryRows) / P, 19);
        assert_eq!(size_of::<IMAPITableVtbl>() / P, 26);
        assert_eq!(offset_of!(ITableDataVtbl, HrGetView) / P, 3);
        assert_eq!(offset_of!(ITableDataVtbl, HrNotify) / P, 8);
        assert_eq!(size_of::<ITableDataVtbl>() / P, 12);
        assert_eq!(offset_of!(IMAPIAdviseSinkVtbl, OnNotify) / P, 3);
    }

    /// IMAPISupport as MAPISPI.h and the IMAPISupport reference page list it: 3 IUnknown slots, then
    /// METHODS1 (10), METHODS2 (14), METHODS3 (17).
    #[test]
    fn support_and_logon_slots_are_in_sdk_order() {
        assert_eq!(offset_of!(IMAPISupportVtbl, GetLastError) / P, 3);
        assert_eq!(offset_of!(IMAPISupportVtbl, ModifyStatusRow) / P, 8);
        assert_eq!(offset_of!(IMAPISupportVtbl, OpenProfileSection) / P, 9);
        assert_eq!(offset_of!(IMAPISupportVtbl, NewUID) / P, 11);
        assert_eq!(offset_of!(IMAPISupportVtbl, MakeInvalid) / P, 12);
        assert_eq!(offset_of!(IMAPISupportVtbl, SpoolerYield) / P, 13);
        assert_eq!(offset_of!(IMAPISupportVtbl, SetProviderUID) / P, 16);
        assert_eq!(offset_of!(IMAPISupportVtbl, CopyFolder) / P, 26);
        assert_eq!(offset_of!(IMAPISupportVtbl, DoCopyTo) / P, 27);
        assert_eq!(offset_of!(IMAPISupportVtbl, WrapStoreEntryID) / P, 40);
        assert_eq!(offset_of!(IMAPISupportVtbl, GetSvcConfigSupportObj) / P, 43);
        assert_eq!(size_of::<IMAPISupportVtbl>() / P, 44);
        assert_eq!(offset_of!(IXPLogonVtblPrefix, TransportLogoff) / P, 7);
        assert_eq!(offset_of!(IABLogonVtblPrefix, Logoff) / P, 4);
        assert_eq!(offset_of!(IMSLogonVtblPrefix, Logoff) / P, 4);
    }
}

// ============================================================================================== IMAPISupport

/// `MAPIUID`: 16 bytes.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MAPIUID {
    pub ab: [u8; 16],
}

/// `IMAPISupport`: the support object MAPI hands a provider at logon.
#[repr(C)]
pub struct IMAPISupport {
    pub lpVtbl: *const IMAPISupportVtbl,
}

/// IUnknown, then the 41 `IMAPISupport` methods in the SDK's order (MAPISPI.h's three method groups).
#[repr(C)]
pub struct IMAPISupportVtbl {
    pub QueryInterface: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            riid: REFIID,
            ppvObj: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub AddRef: Option<unsafe extern "system" fn(This: *mut IMAPISupport) -> ULONG>,
    pub Release: Option<unsafe extern "system" fn(This: *mut IMAPISupport) -> ULONG>,
    pub GetLastError: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            hResult: HRESULT,
            ulFlags: ULONG,
            lppMAPIError: *mut *mut _MAPIERROR,
        ) -> HRESULT,
    >,
    pub GetMemAllocRoutines: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpAllocateBuffer: *mut Option<ALLOCATEBUFFER>,
            lpAllocateMore: *mut Option<ALLOCATEMORE>,
            lpFreeBuffer: *mut Option<FREEBUFFER>,
        ) -> HRESULT,
    >,
    pub Subscribe: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpKey: *mut c_void,
            ulEventMask: ULONG,
            ulFlags: ULONG,
            lpAdviseSink: *mut c_void,
            lpulConnection: *mut ULONG_PTR,
        ) -> HRESULT,
    >,
    pub Unsubscribe: Option<
        unsafe extern "system" fn(This: *mut IMAPISupport, ulConnection: ULONG_PTR) -> HRESULT,
    >,
    pub Notify: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpKey: *mut c_void,
            cNotification: ULONG,
            lpNotifications: *mut c_void,
            lpulFlags: *mut ULONG,
        ) -> HRESULT,
    >,
    pub ModifyStatusRow: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            cValues: ULONG,
            lpColumnVals: *mut SPropValue,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub OpenProfileSection: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpUid: *mut MAPIUID,
            ulFlags: ULONG,
            lppProfileObj: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub RegisterPreprocessor: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpMuid: *mut MAPIUID,
            lpszAdrType: *mut c_char,
            lpszDLLName: *mut c_char,
            lpszPreprocess: *mut c_char,
            lpszRemovePreprocessInfo: *mut c_char,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub NewUID:
        Option<unsafe extern "system" fn(This: *mut IMAPISupport, lpMuid: *mut MAPIUID) -> HRESULT>,
    pub MakeInvalid: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lpObject: *mut c_void,
            ulRefCount: ULONG,
            cMethods: ULONG,
        ) -> HRESULT,
    >,
    pub SpoolerYield:
        Option<unsafe extern "system" fn(This: *mut IMAPISupport, ulFlags: ULONG) -> HRESULT>,
    pub SpoolerNotify: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lpvData: *mut c_void,
        ) -> HRESULT,
    >,
    pub CreateOneOff: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpszName: *mut c_char,
            lpszAdrType: *mut c_char,
            lpszAddress: *mut c_char,
            ulFlags: ULONG,
            lpcbEntryID: *mut ULONG,
            lppEntryID: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub SetProviderUID: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpProviderID: *mut MAPIUID,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub CompareEntryIDs: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            cbEntry1: ULONG,
            lpEntry1: *mut c_void,
            cbEntry2: ULONG,
            lpEntry2: *mut c_void,
            ulCompareFlags: ULONG,
            lpulResult: *mut ULONG,
        ) -> HRESULT,
    >,
    pub OpenTemplateID: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            cbTemplateID: ULONG,
            lpTemplateID: *mut c_void,
            ulTemplateFlags: ULONG,
            lpMAPIPropData: *mut c_void,
            lpInterface: LPCIID,
            lppMAPIPropNew: *mut *mut c_void,
            lpMAPIPropSibling: *mut c_void,
        ) -> HRESULT,
    >,
    pub OpenEntry: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            cbEntryID: ULONG,
            lpEntryID: *mut c_void,
            lpInterface: LPCIID,
            ulOpenFlags: ULONG,
            lpulObjType: *mut ULONG,
            lppUnk: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub GetOneOffTable: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lppTable: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub Address: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpulUIParam: *mut ULONG_PTR,
            lpAdrParms: *mut c_void,
            lppAdrList: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub Details: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpulUIParam: *mut ULONG_PTR,
            lpfnDismiss: *mut c_void,
            lpvDismissContext: *mut c_void,
            cbEntryID: ULONG,
            lpEntryID: *mut c_void,
            lpfButtonCallback: *mut c_void,
            lpvButtonContext: *mut c_void,
            lpszButtonText: *mut c_char,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub NewEntry: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            ulFlags: ULONG,
            cbEIDContainer: ULONG,
            lpEIDContainer: *mut c_void,
            cbEIDNewEntryTpl: ULONG,
            lpEIDNewEntryTpl: *mut c_void,
            lpcbEIDNewEntry: *mut ULONG,
            lppEIDNewEntry: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub DoConfigPropsheet: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            ulFlags: ULONG,
            lpszTitle: *mut c_char,
            lpDisplayTable: *mut c_void,
            lpConfigData: *mut c_void,
            ulTopPage: ULONG,
        ) -> HRESULT,
    >,
    pub CopyMessages: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpSrcInterface: LPCIID,
            lpSrcFolder: *mut c_void,
            lpMsgList: *mut c_void,
            lpDestInterface: LPCIID,
            lpDestFolder: *mut c_void,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut c_void,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub CopyFolder: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpSrcInterface: LPCIID,
            lpSrcFolder: *mut c_void,
            cbEntryID: ULONG,
            lpEntryID: *mut c_void,
            lpDestInterface: LPCIID,
            lpDestFolder: *mut c_void,
            lpszNewFolderName: *mut c_char,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut c_void,
            ulFlags: ULONG,
        ) -> HRESULT,
    >,
    pub DoCopyTo: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpSrcInterface: LPCIID,
            lpSrcObj: *mut c_void,
            ciidExclude: ULONG,
            rgiidExclude: LPCIID,
            lpExcludeProps: *mut c_void,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut c_void,
            lpDestInterface: LPCIID,
            lpDestObj: *mut c_void,
            ulFlags: ULONG,
            lppProblems: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub DoCopyProps: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpSrcInterface: LPCIID,
            lpSrcObj: *mut c_void,
            lpIncludeProps: *mut c_void,
            ulUIParam: ULONG_PTR,
            lpProgress: *mut c_void,
            lpDestInterface: LPCIID,
            lpDestObj: *mut c_void,
            ulFlags: ULONG,
            lppProblems: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub DoProgressDialog: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulUIParam: ULONG_PTR,
            ulFlags: ULONG,
            lppProgress: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub ReadReceipt: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lpReadMessage: *mut c_void,
            lppEmptyMessage: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub PrepareSubmit: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpMessage: *mut c_void,
            lpulFlags: *mut ULONG,
        ) -> HRESULT,
    >,
    pub ExpandRecips: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpMessage: *mut c_void,
            lpulFlags: *mut ULONG,
        ) -> HRESULT,
    >,
    pub UpdatePAB: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lpMessage: *mut c_void,
        ) -> HRESULT,
    >,
    pub DoSentMail: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lpMessage: *mut c_void,
        ) -> HRESULT,
    >,
    pub OpenAddressBook: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lppAdrBook: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub Preprocess: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            cbEntryID: ULONG,
            lpEntryID: *mut c_void,
        ) -> HRESULT,
    >,
    pub CompleteMsg: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            cbEntryID: ULONG,
            lpEntryID: *mut c_void,
        ) -> HRESULT,
    >,
    pub StoreLogoffTransports: Option<
        unsafe extern "system" fn(This: *mut IMAPISupport, lpulFlags: *mut ULONG) -> HRESULT,
    >,
    pub StatusRecips: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpMessage: *mut c_void,
            lpRecipList: *mut c_void,
        ) -> HRESULT,
    >,
    pub WrapStoreEntryID: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            cbOrigEntry: ULONG,
            lpOrigEntry: *mut c_void,
            lpcbWrappedEntry: *mut ULONG,
            lppWrappedEntry: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub ModifyProfile:
        Option<unsafe extern "system" fn(This: *mut IMAPISupport, ulFlags: ULONG) -> HRESULT>,
    pub IStorageFromStream: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            lpUnkIn: *mut c_void,
            lpInterface: LPCIID,
            ulFlags: ULONG,
            lppStorageOut: *mut *mut c_void,
        ) -> HRESULT,
    >,
    pub GetSvcConfigSupportObj: Option<
        unsafe extern "system" fn(
            This: *mut IMAPISupport,
            ulFlags: ULONG,
            lppSvcSupport: *mut *mut c_void,
        ) -> HRESULT,
    >,
}

// ========================================================================= provider logon objects (prefixes)

/// The slots of `IXPLogon` up to `TransportLogoff` (slot 7), the one the runtime calls at normal shutdown.
#[repr(C)]
pub struct IXPLogonVtblPrefix {
    pub QueryInterface: *const c_void,
    pub AddRef: *const c_void,
    pub Release: *const c_void,
    pub AddressTypes: *const c_void,
    pub RegisterOptions: *const c_void,
    pub TransportNotify: *const c_void,
    pub Idle: *const c_void,
    pub TransportLogoff:
        Option<unsafe extern "system" fn(This: *mut c_void, ulFlags: ULONG) -> HRESULT>,
}

/// The slots of `IABLogon` up to `Logoff` (slot 4).
#[repr(C)]
pub struct IABLogonVtblPrefix {
    pub QueryInterface: *const c_void,
    pub AddRef: *const c_void,
    pub Release: *const c_void,
    pub GetLastError: *const c_void,
    pub Logoff: Option<unsafe extern "system" fn(This: *mut c_void, ulFlags: ULONG) -> HRESULT>,
}

/// The slots of `IMSLogon` up to `Logoff` (slot 4).
#[repr(C)]
pub struct IMSLogonVtblPrefix {
    pub QueryInterface: *const c_void,
    pub AddRef: *const c_void,
    pub Release: *const c_void,
    pub GetLastError: *const c_void,
    pub Logoff:
        Option<unsafe extern "system" fn(This: *mut c_void, lpulFlags: *mut ULONG) -> HRESULT>,
}
