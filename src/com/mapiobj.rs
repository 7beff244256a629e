//! The interfaces of the MAPI utility objects, `#[repr(C)]`, parent slots first, in the SDK's order:
//! `IMAPIProp` → `IPropData` (`CreateIProp`), `IMAPITable` (a view), `ITableData` (`CreateTable`), and the
//! `IMAPIAdviseSink` that table notifications go to.
//!
//! Hidden from cbindgen like `mapidefs.rs`: C declares these in the SDK-compatible headers. The names
//! `IMAPITable` and `IMAPIAdviseSink` here are the complete interfaces; `com::opaque` keeps the opaque forms
//! that the session's signatures use (the same objects, seen through a pointer only).
#![allow(non_camel_case_types, non_snake_case, clippy::type_complexity)]

use core::ffi::c_void;

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
}
