//! The MAPI utility functions and objects through their exported C entry points, from Rust (the C programs
//! `c-tests/mapiutil_*.c` test the same surface from C): CreateIProp, CreateTable and views, HrQueryAllRows,
//! FreeProws, HrGetOneProp/HrSetOneProp, the gate and the journal.
#![allow(non_snake_case)]

use std::ffi::c_void;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use mockmapi::com::mapidefs::*;
use mockmapi::com::mapiobj::*;
use mockmapi::com::{MAPI_E_NOT_FOUND, S_OK};
use mockmapi::ffi::mapi::{
    MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, MAPIInitialize, MAPIUninitialize,
};
use mockmapi::ffi::mapiutil::*;

/// The tests share the process-wide runtime.
static SERIAL: Mutex<()> = Mutex::new(());

const PR_ID: u32 = prop_tag(PT_LONG, 0x0FFF);
const PR_NAME: u32 = prop_tag(PT_STRING8, 0x3001);

fn long(tag: u32, v: i32) -> SPropValue {
    let mut p = SPropValue::zeroed(tag);
    p.Value.l = v;
    p
}

fn string(tag: u32, s: &'static std::ffi::CStr) -> SPropValue {
    let mut p = SPropValue::zeroed(tag);
    p.Value.lpszA = s.as_ptr() as *mut _;
    p
}

/// The vtable of an object made by the library.
trait Object {
    type V: 'static;
    unsafe fn vt(self) -> &'static Self::V;
}
impl Object for *mut ITableData {
    type V = ITableDataVtbl;
    unsafe fn vt(self) -> &'static ITableDataVtbl {
        &*(*self).lpVtbl
    }
}
impl Object for *mut IMAPITable {
    type V = IMAPITableVtbl;
    unsafe fn vt(self) -> &'static IMAPITableVtbl {
        &*(*self).lpVtbl
    }
}
impl Object for *mut IPropData {
    type V = IPropDataVtbl;
    unsafe fn vt(self) -> &'static IPropDataVtbl {
        &*(*self).lpVtbl
    }
}

unsafe fn vt<T: Object>(o: T) -> &'static T::V {
    o.vt()
}

unsafe fn table() -> *mut ITableData {
    let mut cols = [0u32; 3];
    cols[0] = 2;
    cols[1] = PR_ID;
    cols[2] = PR_NAME;
    let mut td: *mut ITableData = std::ptr::null_mut();
    let sc = CreateTable(
        std::ptr::null(),
        Some(MAPIAllocateBuffer),
        Some(MAPIAllocateMore),
        Some(MAPIFreeBuffer),
        std::ptr::null_mut(),
        TBLTYPE_DYNAMIC,
        PR_ID,
        cols.as_mut_ptr().cast(),
        &mut td,
    );
    assert_eq!(sc, S_OK);
    for (id, name) in [(1, c"carol"), (2, c"alice"), (3, c"Bob")] {
        let mut vals = [long(PR_ID, id), string(PR_NAME, name)];
        let mut row = SRow {
            ulAdrEntryPad: 0,
            cValues: 2,
            lpProps: vals.as_mut_ptr(),
        };
        assert_eq!(vt(td).HrModifyRow.unwrap()(td, &mut row), S_OK);
    }
    td
}

unsafe fn ids(rows: *mut SRowSet) -> Vec<i32> {
    let s = &*rows;
    std::slice::from_raw_parts(s.aRow.as_ptr(), s.cRows as usize)
        .iter()
        .map(|r| (*r.lpProps).Value.l)
        .collect()
}

static NOTIFIED: AtomicU32 = AtomicU32::new(0);
static LAST_EVENT: AtomicU32 = AtomicU32::new(0);

unsafe extern "system" fn sink_ref(_: *mut IMAPIAdviseSink) -> u32 {
    1
}
unsafe extern "system" fn sink_qi(
    _: *mut IMAPIAdviseSink,
    _: *const mockmapi::com::GUID,
    _: *mut *mut c_void,
) -> i32 {
    mockmapi::com::E_NOINTERFACE
}
unsafe extern "system" fn on_notify(
    _: *mut IMAPIAdviseSink,
    n: u32,
    notif: *mut NOTIFICATION,
) -> u32 {
    assert_eq!(n, 1);
    assert_eq!((*notif).ulEventType, fnevTableModified);
    NOTIFIED.fetch_add(1, Ordering::SeqCst);
    LAST_EVENT.store((*notif).info.tab.ulTableEvent, Ordering::SeqCst);
    0
}
static SINK_VTBL: IMAPIAdviseSinkVtbl = IMAPIAdviseSinkVtbl {
    QueryInterface: Some(sink_qi),
    AddRef: Some(sink_ref),
    Release: Some(sink_ref),
    OnNotify: Some(on_notify),
};

#[test]
fn tables_restrict_sort_notify_and_query_all_rows() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    unsafe {
        assert_eq!(MAPIInitialize(std::ptr::null_mut()), S_OK);
        let td = table();
        let mut view: *mut IMAPITable = std::ptr::null_mut();
        assert_eq!(
            vt(td).HrGetView.unwrap()(td, std::ptr::null_mut(), None, 0, &mut view),
            S_OK
        );
        let v = vt(view);

        let mut sink = IMAPIAdviseSink { lpVtbl: &SINK_VTBL };
        let mut conn = 0usize;
        assert_eq!(
            v.Advise.unwrap()(view, fnevTableModified, &mut sink, &mut conn),
            S_OK
        );

        // Sort by name descending, restrict to id >= 2.
        let mut sort = SSortOrderSet {
            cSorts: 1,
            cCategories: 0,
            cExpanded: 0,
            aSort: [SSortOrder {
                ulPropTag: PR_NAME,
                ulOrder: TABLE_SORT_DESCEND,
            }],
        };
        assert_eq!(v.SortTable.unwrap()(view, &mut sort, 0), S_OK);
        let mut two = long(PR_ID, 2);
        let mut res = SRestriction {
            rt: RES_PROPERTY,
            res: std::mem::zeroed(),
        };
        res.res.resProperty = SPropertyRestriction {
            relop: RELOP_GE,
            ulPropTag: PR_ID,
            lpProp: &mut two,
        };
        assert_eq!(v.Restrict.unwrap()(view, &mut res, 0), S_OK);
        let mut n = 0;
        assert_eq!(v.GetRowCount.unwrap()(view, 0, &mut n), S_OK);
        assert_eq!(n, 2);
        let mut rows: *mut SRowSet = std::ptr::null_mut();
        assert_eq!(v.QueryRows.unwrap()(view, 10, 0, &mut rows), S_OK);
        assert_eq!(ids(rows), vec![3, 2]);
        FreeProws(rows);

        // A change to a shown row reaches the sink; one the restriction hides does not.
        let mut vals = [long(PR_ID, 2), string(PR_NAME, c"alicia")];
        let mut row = SRow {
            ulAdrEntryPad: 0,
            cValues: 2,
            lpProps: vals.as_mut_ptr(),
        };
        assert_eq!(vt(td).HrModifyRow.unwrap()(td, &mut row), S_OK);
        assert_eq!(
            (
                NOTIFIED.load(Ordering::SeqCst),
                LAST_EVENT.load(Ordering::SeqCst)
            ),
            (1, TABLE_ROW_MODIFIED)
        );
        let mut one = long(PR_ID, 1);
        assert_eq!(vt(td).HrDeleteRow.unwrap()(td, &mut one), S_OK);
        assert_eq!(NOTIFIED.load(Ordering::SeqCst), 1);
        assert_eq!(vt(td).HrDeleteRow.unwrap()(td, &mut one), MAPI_E_NOT_FOUND);
        assert_eq!(v.Unadvise.unwrap()(view, conn), S_OK);
        assert_eq!(v.Unadvise.unwrap()(view, conn), MAPI_E_NOT_FOUND);

        // HrQueryAllRows lifts nothing the caller did not ask for: the view keeps its restriction.
        let mut all: *mut SRowSet = std::ptr::null_mut();
        assert_eq!(
            HrQueryAllRows(
                view,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
                &mut all
            ),
            S_OK
        );
        assert_eq!(ids(all), vec![3, 2]);
        FreeProws(all);
        assert_eq!(
            HrQueryAllRows(
                view,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                1,
                &mut all
            ),
            MAPI_E_TABLE_TOO_BIG
        );

        assert_eq!(v.Release.unwrap()(view), 0);
        assert_eq!(vt(td).Release.unwrap()(td), 0);
        let journal = mockmapi::ffi::runtime().journal().render();
        assert!(journal.contains("HrQueryAllRows"), "{journal}");
        assert!(journal.contains("CreateTable"), "{journal}");
        assert_eq!(
            mockmapi::ffi::runtime().allocations().live(),
            0,
            "every buffer was freed"
        );
        MAPIUninitialize();
    }
}

#[test]
fn prop_data_get_set_access_and_the_one_prop_helpers() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    unsafe {
        let mut pd: *mut IPropData = std::ptr::null_mut();
        let sc = CreateIProp(
            std::ptr::null(),
            Some(MAPIAllocateBuffer),
            Some(MAPIAllocateMore),
            Some(MAPIFreeBuffer),
            std::ptr::null_mut(),
            &mut pd,
        );
        assert_eq!(sc, S_OK, "no MAPIInitialize needed, as in MAPI");
        assert_eq!(vt(pd).base.Release.unwrap()(pd), 0);
        assert_eq!(MAPIInitialize(std::ptr::null_mut()), S_OK);
        let sc = CreateIProp(
            std::ptr::null(),
            Some(MAPIAllocateBuffer),
            Some(MAPIAllocateMore),
            Some(MAPIFreeBuffer),
            std::ptr::null_mut(),
            &mut pd,
        );
        assert_eq!(sc, S_OK);
        let v = vt(pd);
        let prop = pd as *mut IMAPIProp;
        let mut name = string(PR_NAME, c"store");
        assert_eq!(HrSetOneProp(prop, &mut name), S_OK);
        let mut got: *mut SPropValue = std::ptr::null_mut();
        assert_eq!(HrGetOneProp(prop, PR_NAME, &mut got), S_OK);
        assert_eq!(std::ffi::CStr::from_ptr((*got).Value.lpszA), c"store");
        assert_eq!(MAPIFreeBuffer(got.cast()), 0);
        got = std::ptr::null_mut();
        assert_eq!(HrGetOneProp(prop, PR_ID, &mut got), MAPI_E_NOT_FOUND);
        assert!(got.is_null(), "out-parameter untouched on failure");

        let mut tags = [1u32, PR_NAME];
        let mut access = [IPROP_READONLY | IPROP_CLEAN];
        assert_eq!(
            v.HrSetPropAccess.unwrap()(pd, tags.as_mut_ptr().cast(), access.as_mut_ptr()),
            S_OK
        );
        let mut other = string(PR_NAME, c"changed");
        assert_eq!(HrSetOneProp(prop, &mut other), MAPI_E_NO_ACCESS);
        assert_eq!(v.HrSetObjAccess.unwrap()(pd, IPROP_READONLY), S_OK);
        let mut id = long(PR_ID, 5);
        assert_eq!(HrSetOneProp(prop, &mut id), MAPI_E_NO_ACCESS);
        assert_eq!(v.base.Release.unwrap()(pd), 0);
        assert_eq!(mockmapi::ffi::runtime().allocations().live(), 0);
        MAPIUninitialize();
    }
}
