//! The functions of the SDK's `MAPIUtil.h` that providers build on, under their SDK names and signatures
//! (`STDAPI` = `__stdcall` on 32-bit Windows, so `extern "system"`; declared for C in
//! `include/mockmapi/sdk/impl/mapiutil_functions.h`).
//!
//! As in MAPI, they work on the objects and allocators they are given and need no `MAPIInitialize` (a provider
//! builds its tables in its entry point, and saves from them inside `DoFastShutdown`). The ones that are MAPI
//! calls on objects or memory (`CreateIProp`, `CreateTable`, `HrGetOneProp`, `HrSetOneProp`, `HrQueryAllRows`,
//! `FreeProws`, `FreePadrlist`) are journaled as client calls with their result; the pure helpers
//! (`PpropFindProp`, `ScCountProps`, `ScCopyProps`, `PropCopyMore`, `LPropCompareProp`, `UlPropSize`,
//! `FEqualNames`) are not. What they free (`FreeProws`, ...) may come from `MAPIAllocateBuffer` or from the
//! allocator a provider was given. Bad input is a violation and the documented status, never a crash.
#![allow(non_snake_case)]

use std::ffi::{c_int, c_void};

use crate::com::mapidefs::*;
use crate::com::mapiobj::*;
use crate::com::{
    E_INVALIDARG, E_UNEXPECTED, HRESULT, LPCIID, MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_NO_SUPPORT,
    SCODE, S_OK, ULONG,
};
use crate::mapiutil::cabi::{self, Allocators, Bump, More};
use crate::mapiutil::compare;
use crate::mapiutil::table::Table;
use crate::runtime::{Event, EventType, Method, Runtime};

use super::mapiobj::{PropDataObject, TableDataObject, IID_IMAPIPROPDATA, IID_IMAPITABLEDATA};
use super::with_runtime;

/// Journal a MAPI call's result.
fn record(rt: &Runtime, method: Method, hr: HRESULT) -> HRESULT {
    rt.journal().record(Event {
        hresult: hr,
        ..Event::new(EventType::ClientCall, method)
    });
    hr
}

/// Run a MAPI call, journaled with its result.
fn mapi_call(method: Method, f: impl FnOnce(&Runtime) -> HRESULT) -> HRESULT {
    with_runtime(method, E_UNEXPECTED, |rt| {
        let hr = f(rt);
        record(rt, method, hr)
    })
}

/// `MAPIFreeBuffer` for a buffer from `MAPIAllocateBuffer` or from the allocator providers of a Rust-made
/// runtime get (see `runtime::alloc::plain`).
fn free_buffer(rt: &Runtime, p: *mut c_void) -> bool {
    rt.allocations().free(p.cast()).is_ok() || crate::runtime::alloc::plain().free(p.cast()).is_ok()
}

/// Free the root buffers of a row set or address list, then the list itself, through MAPI's allocator.
unsafe fn free_list(
    rt: &Runtime,
    method: Method,
    list: *mut c_void,
    entries: &[*mut SPropValue],
) -> HRESULT {
    let mut hr = S_OK;
    for p in entries.iter().filter(|p| !p.is_null()) {
        if !free_buffer(rt, p.cast()) {
            hr = rt.reject(
                method,
                E_INVALIDARG,
                format!("{}: an entry's values are not a live MAPIAllocateBuffer buffer (freed twice, or chained with MAPIAllocateMore)", method.name()),
            );
        }
    }
    if !free_buffer(rt, list) {
        hr = rt.reject(
            method,
            E_INVALIDARG,
            format!(
                "{}: the list is not a live MAPIAllocateBuffer buffer",
                method.name()
            ),
        );
    }
    hr
}

/// `FreeProws`: free each row's `lpProps` and then the row set, with `MAPIFreeBuffer`. NULL does nothing.
#[no_mangle]
pub unsafe extern "system" fn FreeProws(lpRows: *mut SRowSet) {
    mapi_call(Method::FreeProws, |rt| {
        let Some(set) = lpRows.as_ref() else {
            return S_OK;
        };
        let n = set.cRows.min(cabi::MAX_VALUES) as usize;
        let rows = std::slice::from_raw_parts(set.aRow.as_ptr(), n);
        let props: Vec<*mut SPropValue> = rows.iter().map(|r| r.lpProps).collect();
        free_list(rt, Method::FreeProws, lpRows.cast(), &props)
    });
}

/// `FreePadrlist`: free each entry's `rgPropVals` and then the list, with `MAPIFreeBuffer`. NULL does nothing.
#[no_mangle]
pub unsafe extern "system" fn FreePadrlist(lpAdrlist: *mut ADRLIST) {
    mapi_call(Method::FreePadrlist, |rt| {
        let Some(list) = lpAdrlist.as_ref() else {
            return S_OK;
        };
        let n = list.cEntries.min(cabi::MAX_VALUES) as usize;
        let entries = std::slice::from_raw_parts(list.aEntries.as_ptr(), n);
        let props: Vec<*mut SPropValue> = entries.iter().map(|e| e.rgPropVals).collect();
        free_list(rt, Method::FreePadrlist, lpAdrlist.cast(), &props)
    });
}

/// `HrGetOneProp`: one property through `IMAPIProp::GetProps`. `*lppProp` (free with `MAPIFreeBuffer`) is set
/// only on success; a missing property is `MAPI_E_NOT_FOUND` (the error the object returned in its place).
#[no_mangle]
pub unsafe extern "system" fn HrGetOneProp(
    lpMapiProp: *mut IMAPIProp,
    ulPropTag: ULONG,
    lppProp: *mut *mut SPropValue,
) -> HRESULT {
    mapi_call(Method::HrGetOneProp, |rt| {
        let get = lpMapiProp
            .as_ref()
            .and_then(|o| o.lpVtbl.as_ref())
            .and_then(|v| v.GetProps);
        let (Some(get), false) = (get, lppProp.is_null()) else {
            return rt.reject(
                Method::HrGetOneProp,
                E_INVALIDARG,
                "HrGetOneProp: lpMapiProp or lppProp is NULL",
            );
        };
        let tags = SPropTagArray {
            cValues: 1,
            aulPropTag: [ulPropTag],
        };
        let mut count: ULONG = 0;
        let mut vals: *mut SPropValue = std::ptr::null_mut();
        let hr = get(
            lpMapiProp,
            &tags as *const _ as *mut _,
            0,
            &mut count,
            &mut vals,
        );
        if hr < 0 {
            return hr;
        }
        if vals.is_null() || count != 1 {
            return E_UNEXPECTED;
        }
        if prop_type((*vals).ulPropTag) == PT_ERROR {
            let sc = (*vals).Value.err;
            free_buffer(rt, vals.cast());
            return if sc < 0 {
                sc
            } else {
                crate::com::MAPI_E_NOT_FOUND
            };
        }
        *lppProp = vals;
        S_OK
    })
}

/// `HrSetOneProp`: one property through `IMAPIProp::SetProps`; a problem the object reports becomes the
/// result.
#[no_mangle]
pub unsafe extern "system" fn HrSetOneProp(
    lpMapiProp: *mut IMAPIProp,
    lpProp: *mut SPropValue,
) -> HRESULT {
    mapi_call(Method::HrSetOneProp, |rt| {
        let set = lpMapiProp
            .as_ref()
            .and_then(|o| o.lpVtbl.as_ref())
            .and_then(|v| v.SetProps);
        let (Some(set), false) = (set, lpProp.is_null()) else {
            return rt.reject(
                Method::HrSetOneProp,
                E_INVALIDARG,
                "HrSetOneProp: lpMapiProp or lpProp is NULL",
            );
        };
        let mut problems: *mut SPropProblemArray = std::ptr::null_mut();
        let hr = set(lpMapiProp, 1, lpProp, &mut problems);
        if hr < 0 {
            return hr;
        }
        let mut out = S_OK;
        if let Some(p) = problems.as_ref() {
            if p.cProblem > 0 {
                out = p.aProblem[0].scode;
            }
            free_buffer(rt, problems.cast());
        }
        out
    })
}

/// `PpropFindProp`: the first value in the array with the tag's ID, and its type unless the tag has
/// `PT_UNSPECIFIED`; NULL when there is none. Points into the caller's array.
#[no_mangle]
pub unsafe extern "system" fn PpropFindProp(
    lpPropArray: *mut SPropValue,
    cValues: ULONG,
    ulPropTag: ULONG,
) -> *mut SPropValue {
    with_runtime(Method::PpropFindProp, std::ptr::null_mut(), |rt| {
        if cValues == 0 {
            return std::ptr::null_mut();
        }
        if lpPropArray.is_null() || cValues > cabi::MAX_VALUES {
            rt.reject(
                Method::PpropFindProp,
                E_INVALIDARG,
                "PpropFindProp: lpPropArray is NULL with cValues > 0",
            );
            return std::ptr::null_mut();
        }
        let vals = std::slice::from_raw_parts_mut(lpPropArray, cValues as usize);
        vals.iter_mut()
            .find(|v| {
                prop_id(v.ulPropTag) == prop_id(ulPropTag)
                    && (prop_type(ulPropTag) == PT_UNSPECIFIED
                        || prop_type(v.ulPropTag) == prop_type(ulPropTag))
            })
            .map_or(std::ptr::null_mut(), |v| v as *mut SPropValue)
    })
}

/// Read a C array for the counting and copying helpers, journaling what is wrong with it.
unsafe fn read_array(
    rt: &Runtime,
    method: Method,
    c: c_int,
    p: *mut SPropValue,
) -> Result<Vec<crate::mapiutil::value::Prop>, SCODE> {
    let n = u32::try_from(c).map_err(|_| {
        rt.reject(
            method,
            E_INVALIDARG,
            format!("{}: cValues is negative", method.name()),
        )
    })?;
    cabi::read_props(p, n).map_err(|e| {
        rt.reject(
            method,
            e,
            format!(
                "{}: the property values are not valid (NULL array or data, or an unknown type)",
                method.name()
            ),
        )
    })
}

fn contiguous_size(props: &[crate::mapiutil::value::Prop]) -> usize {
    props.len() * std::mem::size_of::<SPropValue>()
        + props
            .iter()
            .map(|p| cabi::extra_size(&p.value))
            .sum::<usize>()
}

/// `ScCountProps`: the bytes `ScCopyProps` needs for these values and everything they point to.
#[no_mangle]
pub unsafe extern "system" fn ScCountProps(
    cValues: c_int,
    lpPropArray: *mut SPropValue,
    lpcb: *mut ULONG,
) -> SCODE {
    with_runtime(Method::ScCountProps, E_UNEXPECTED, |rt| {
        let props = match read_array(rt, Method::ScCountProps, cValues, lpPropArray) {
            Ok(p) => p,
            Err(e) => return e,
        };
        super::write_out(
            lpcb,
            u32::try_from(contiguous_size(&props)).unwrap_or(u32::MAX),
        );
        S_OK
    })
}

/// `ScCopyProps`: copy the values and everything they point to into one block at `lpvDst` (at least the size
/// `ScCountProps` gave); `*lpcb` (optional) receives the bytes used. The copy's pointers point into the block.
#[no_mangle]
pub unsafe extern "system" fn ScCopyProps(
    cValues: c_int,
    lpPropArray: *mut SPropValue,
    lpvDst: *mut c_void,
    lpcb: *mut ULONG,
) -> SCODE {
    with_runtime(Method::ScCopyProps, E_UNEXPECTED, |rt| {
        let props = match read_array(rt, Method::ScCopyProps, cValues, lpPropArray) {
            Ok(p) => p,
            Err(e) => return e,
        };
        if lpvDst.is_null() {
            return rt.reject(
                Method::ScCopyProps,
                E_INVALIDARG,
                "ScCopyProps: lpvDst is NULL",
            );
        }
        let need = contiguous_size(&props);
        let base = lpvDst.cast::<u8>();
        let dst = base.cast::<SPropValue>();
        let mut arena = Bump {
            next: base.add(props.len() * std::mem::size_of::<SPropValue>()),
            end: base.add(need),
        };
        for (i, p) in props.iter().enumerate() {
            if let Err(e) = cabi::write_value(dst.add(i), p, &mut arena) {
                return e;
            }
        }
        super::write_out(lpcb, need as ULONG);
        S_OK
    })
}

/// `PropCopyMore`: copy one value into `*lpSPropValueDest`, its data allocated with `lpfAllocMore` chained to
/// `lpvObject`.
#[no_mangle]
pub unsafe extern "system" fn PropCopyMore(
    lpSPropValueDest: *mut SPropValue,
    lpSPropValueSrc: *mut SPropValue,
    lpfAllocMore: Option<ALLOCATEMORE>,
    lpvObject: *mut c_void,
) -> SCODE {
    with_runtime(Method::PropCopyMore, E_UNEXPECTED, |rt| {
        let (Some(more), false) = (lpfAllocMore, lpSPropValueDest.is_null()) else {
            return rt.reject(
                Method::PropCopyMore,
                E_INVALIDARG,
                "PropCopyMore: lpSPropValueDest or lpfAllocMore is NULL",
            );
        };
        let prop = match cabi::read_prop(lpSPropValueSrc) {
            Ok(p) => p,
            Err(e) => {
                return rt.reject(
                    Method::PropCopyMore,
                    e,
                    "PropCopyMore: the source value is NULL or not valid",
                )
            }
        };
        match cabi::write_value(
            lpSPropValueDest,
            &prop,
            &mut More {
                more,
                parent: lpvObject,
            },
        ) {
            Ok(()) => S_OK,
            Err(e) => e,
        }
    })
}

/// `LPropCompareProp`: negative, zero or positive as A is less than, equal to or greater than B (strings
/// case-sensitively). Values of different types compare non-zero and consistently. NULL is a violation and 0.
#[no_mangle]
pub unsafe extern "system" fn LPropCompareProp(
    lpSPropValueA: *mut SPropValue,
    lpSPropValueB: *mut SPropValue,
) -> i32 {
    with_runtime(Method::LPropCompareProp, 0, |rt| {
        match (
            cabi::read_prop(lpSPropValueA),
            cabi::read_prop(lpSPropValueB),
        ) {
            (Ok(a), Ok(b)) => compare::lprop_compare(&a, &b),
            _ => {
                rt.reject(
                    Method::LPropCompareProp,
                    E_INVALIDARG,
                    "LPropCompareProp: a value is NULL or not valid",
                );
                0
            }
        }
    })
}

/// `UlPropSize`: the size of the value (strings with their NUL, the sum over a multi-valued property); 0 for
/// NULL or an unknown type (a violation).
#[no_mangle]
pub unsafe extern "system" fn UlPropSize(lpSPropValue: *mut SPropValue) -> ULONG {
    with_runtime(Method::UlPropSize, 0, |rt| {
        match cabi::read_prop(lpSPropValue) {
            Ok(p) => p.value.size(),
            Err(_) => {
                rt.reject(
                    Method::UlPropSize,
                    E_INVALIDARG,
                    "UlPropSize: the value is NULL or not valid",
                );
                0
            }
        }
    })
}

/// `FEqualNames`: TRUE (1) when both name the same named property (see `compare::equal_names`).
#[no_mangle]
pub unsafe extern "system" fn FEqualNames(
    lpName1: *mut MAPINAMEID,
    lpName2: *mut MAPINAMEID,
) -> c_int {
    with_runtime(Method::FEqualNames, 0, |rt| {
        match (cabi::read_name(lpName1), cabi::read_name(lpName2)) {
            (Ok(a), Ok(b)) => compare::equal_names((a.0, &a.1), (b.0, &b.1)) as c_int,
            _ => {
                rt.reject(
                    Method::FEqualNames,
                    E_INVALIDARG,
                    "FEqualNames: a name is NULL, of an unknown kind, or has a NULL string",
                );
                0
            }
        }
    })
}

/// `HrQueryAllRows`: set the columns, restriction and sort order given (each optional) on the table, seek to
/// the beginning, and read every row. `crowsMax` > 0 caps the rows: a table with more is
/// `MAPI_E_TABLE_TOO_BIG`. `*lppRows` (free with `FreeProws`) is set only on success.
#[no_mangle]
pub unsafe extern "system" fn HrQueryAllRows(
    lpTable: *mut IMAPITable,
    lpPropTags: *mut SPropTagArray,
    lpRestriction: *mut SRestriction,
    lpSortOrderSet: *mut SSortOrderSet,
    crowsMax: i32,
    lppRows: *mut *mut SRowSet,
) -> HRESULT {
    mapi_call(Method::HrQueryAllRows, |rt| {
        let vtbl = lpTable.as_ref().and_then(|t| t.lpVtbl.as_ref());
        let (Some(v), false) = (vtbl, lppRows.is_null()) else {
            return rt.reject(
                Method::HrQueryAllRows,
                E_INVALIDARG,
                "HrQueryAllRows: lpTable or lppRows is NULL",
            );
        };
        let (Some(set_columns), Some(restrict), Some(sort), Some(seek), Some(count), Some(query)) = (
            v.SetColumns,
            v.Restrict,
            v.SortTable,
            v.SeekRow,
            v.GetRowCount,
            v.QueryRows,
        ) else {
            return rt.reject(
                Method::HrQueryAllRows,
                E_INVALIDARG,
                "HrQueryAllRows: the table's vtable has NULL slots",
            );
        };
        if !lpPropTags.is_null() {
            let hr = set_columns(lpTable, lpPropTags, 0);
            if hr < 0 {
                return hr;
            }
        }
        if !lpRestriction.is_null() {
            let hr = restrict(lpTable, lpRestriction, 0);
            if hr < 0 {
                return hr;
            }
        }
        if !lpSortOrderSet.is_null() {
            let hr = sort(lpTable, lpSortOrderSet, 0);
            if hr < 0 {
                return hr;
            }
        }
        let hr = seek(lpTable, BOOKMARK_BEGINNING, 0, std::ptr::null_mut());
        if hr < 0 {
            return hr;
        }
        if crowsMax > 0 {
            let mut n: ULONG = 0;
            let hr = count(lpTable, 0, &mut n);
            if hr < 0 {
                return hr;
            }
            if n > crowsMax as ULONG {
                return MAPI_E_TABLE_TOO_BIG;
            }
        }
        query_all(rt, lpTable, query, lppRows)
    })
}

/// Read every row from the cursor on: until the table returns an empty set, merging the sets when it took
/// more than one call.
unsafe fn query_all(
    rt: &Runtime,
    table: *mut IMAPITable,
    query: unsafe extern "system" fn(*mut IMAPITable, i32, ULONG, *mut *mut SRowSet) -> HRESULT,
    out: *mut *mut SRowSet,
) -> HRESULT {
    let mut sets: Vec<*mut SRowSet> = Vec::new();
    let free_sets = |sets: &[*mut SRowSet]| {
        for s in sets {
            super::mapiutil::FreeProws(*s);
        }
    };
    loop {
        let mut set: *mut SRowSet = std::ptr::null_mut();
        let hr = query(table, i32::MAX, 0, &mut set);
        if hr < 0 {
            free_sets(&sets);
            return hr;
        }
        let Some(s) = set.as_ref() else {
            free_sets(&sets);
            return E_UNEXPECTED;
        };
        if s.cRows == 0 {
            if sets.is_empty() {
                *out = set;
            } else {
                free_buffer(rt, set.cast());
                break;
            }
            return S_OK;
        }
        sets.push(set);
    }
    if sets.len() == 1 {
        *out = sets[0];
        return S_OK;
    }
    let rows: Vec<SRow> = sets
        .iter()
        .flat_map(|s| {
            std::slice::from_raw_parts((**s).aRow.as_ptr(), (**s).cRows as usize)
                .iter()
                .copied()
        })
        .collect();
    let cb = std::mem::offset_of!(SRowSet, aRow) + rows.len() * std::mem::size_of::<SRow>();
    let merged = match rt.allocations().allocate(cb as u32) {
        Ok(p) => p.cast::<SRowSet>(),
        Err(_) => {
            free_sets(&sets);
            return crate::com::MAPI_E_NOT_ENOUGH_MEMORY;
        }
    };
    (*merged).cRows = rows.len() as ULONG;
    std::ptr::copy_nonoverlapping(
        rows.as_ptr(),
        std::ptr::addr_of_mut!((*merged).aRow).cast::<SRow>(),
        rows.len(),
    );
    for s in &sets {
        free_buffer(rt, s.cast());
    }
    *out = merged;
    S_OK
}

/// The three allocators, or `MAPI_E_INVALID_PARAMETER` with a violation.
fn allocators(
    rt: &Runtime,
    method: Method,
    b: Option<ALLOCATEBUFFER>,
    m: Option<ALLOCATEMORE>,
    f: Option<FREEBUFFER>,
) -> Result<Allocators, HRESULT> {
    match (b, m, f) {
        (Some(buffer), Some(more), Some(free)) => Ok(Allocators { buffer, more, free }),
        _ => Err(rt.reject(
            method,
            E_INVALIDARG,
            format!("{}: lpAllocateBuffer, lpAllocateMore and lpFreeBuffer must all be given (pass MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer)", method.name()),
        )),
    }
}

unsafe fn interface_ok(iid: LPCIID, want: &crate::com::GUID) -> bool {
    iid.as_ref().is_none_or(|g| g == want)
}

/// `CreateIProp`: a new, empty `IPropData` (one reference, release it) whose results are allocated with the
/// given functions. `lpInterface` is NULL or `&IID_IMAPIPropData`.
#[no_mangle]
pub unsafe extern "system" fn CreateIProp(
    lpInterface: LPCIID,
    lpAllocateBuffer: Option<ALLOCATEBUFFER>,
    lpAllocateMore: Option<ALLOCATEMORE>,
    lpFreeBuffer: Option<FREEBUFFER>,
    _lpvReserved: *mut c_void,
    lppPropData: *mut *mut IPropData,
) -> SCODE {
    mapi_call(Method::CreateIProp, |rt| {
        let alloc = match allocators(
            rt,
            Method::CreateIProp,
            lpAllocateBuffer,
            lpAllocateMore,
            lpFreeBuffer,
        ) {
            Ok(a) => a,
            Err(e) => return e,
        };
        if lppPropData.is_null() {
            return rt.reject(
                Method::CreateIProp,
                E_INVALIDARG,
                "CreateIProp: lppPropData is NULL",
            );
        }
        if !interface_ok(lpInterface, &IID_IMAPIPROPDATA) {
            return rt.reject(
                Method::CreateIProp,
                MAPI_E_INTERFACE_NOT_SUPPORTED,
                "CreateIProp: lpInterface must be NULL or IID_IMAPIPropData",
            );
        }
        *lppPropData = PropDataObject::create(alloc);
        S_OK
    })
}

/// `CreateTable`: a new, empty `ITableData` (one reference, release it) with this index column and column
/// set, whose results are allocated with the given functions. `lpInterface` is NULL or
/// `&IID_IMAPITableData`; `ulTableType` is `TBLTYPE_SNAPSHOT`, `TBLTYPE_KEYSET` or `TBLTYPE_DYNAMIC`.
#[no_mangle]
pub unsafe extern "system" fn CreateTable(
    lpInterface: LPCIID,
    lpAllocateBuffer: Option<ALLOCATEBUFFER>,
    lpAllocateMore: Option<ALLOCATEMORE>,
    lpFreeBuffer: Option<FREEBUFFER>,
    _lpvReserved: *mut c_void,
    ulTableType: ULONG,
    ulPropTagIndexColumn: ULONG,
    lpSPropTagArrayColumns: *mut SPropTagArray,
    lppTableData: *mut *mut ITableData,
) -> SCODE {
    mapi_call(Method::CreateTable, |rt| {
        let alloc = match allocators(
            rt,
            Method::CreateTable,
            lpAllocateBuffer,
            lpAllocateMore,
            lpFreeBuffer,
        ) {
            Ok(a) => a,
            Err(e) => return e,
        };
        if lppTableData.is_null() {
            return rt.reject(
                Method::CreateTable,
                E_INVALIDARG,
                "CreateTable: lppTableData is NULL",
            );
        }
        if !interface_ok(lpInterface, &IID_IMAPITABLEDATA) {
            return rt.reject(
                Method::CreateTable,
                MAPI_E_INTERFACE_NOT_SUPPORTED,
                "CreateTable: lpInterface must be NULL or IID_IMAPITableData",
            );
        }
        if ulTableType > TBLTYPE_DYNAMIC {
            return rt.reject(Method::CreateTable, E_INVALIDARG, format!("CreateTable: ulTableType {ulTableType} is not TBLTYPE_SNAPSHOT, TBLTYPE_KEYSET or TBLTYPE_DYNAMIC"));
        }
        let columns = match cabi::read_tags(lpSPropTagArrayColumns) {
            Ok(c) => c,
            Err(e) => {
                return rt.reject(
                    Method::CreateTable,
                    e,
                    "CreateTable: lpSPropTagArrayColumns is NULL or not valid",
                )
            }
        };
        *lppTableData = TableDataObject::create(
            alloc,
            Table::new(ulPropTagIndexColumn, columns, ulTableType),
        );
        S_OK
    })
}

/// `OpenTnefStream` (TNEF.h): mockmapi does not encode or decode TNEF. Returns `MAPI_E_NO_SUPPORT`, journaled
/// as a client call; `*lppTNEF` is not written. The pointer arguments are not used.
#[no_mangle]
pub unsafe extern "system" fn OpenTnefStream(
    lpvSupport: *mut c_void,
    lpStream: *mut c_void,
    lpszStreamName: *mut std::ffi::c_char,
    ulFlags: ULONG,
    lpMessage: *mut c_void,
    wKeyVal: u16,
    lppTNEF: *mut *mut c_void,
) -> HRESULT {
    let _ = (
        lpvSupport,
        lpStream,
        lpszStreamName,
        ulFlags,
        lpMessage,
        wKeyVal,
        lppTNEF,
    );
    mapi_call(Method::OpenTnefStream, |_| MAPI_E_NO_SUPPORT)
}

/// `OpenTnefStreamEx` (TNEF.h): as `OpenTnefStream`, `MAPI_E_NO_SUPPORT`.
#[no_mangle]
pub unsafe extern "system" fn OpenTnefStreamEx(
    lpvSupport: *mut c_void,
    lpStream: *mut c_void,
    lpszStreamName: *mut std::ffi::c_char,
    ulFlags: ULONG,
    lpMessage: *mut c_void,
    wKeyVal: u16,
    lpAdressBook: *mut c_void,
    lppTNEF: *mut *mut c_void,
) -> HRESULT {
    let _ = (
        lpvSupport,
        lpStream,
        lpszStreamName,
        ulFlags,
        lpMessage,
        wKeyVal,
        lpAdressBook,
        lppTNEF,
    );
    mapi_call(Method::OpenTnefStreamEx, |_| MAPI_E_NO_SUPPORT)
}

/// `GetTnefStreamCodepage` (TNEF.h): as `OpenTnefStream`, `MAPI_E_NO_SUPPORT`; nothing is written.
#[no_mangle]
pub unsafe extern "system" fn GetTnefStreamCodepage(
    lpStream: *mut c_void,
    lpulCodepage: *mut ULONG,
    lpulSubCodepage: *mut ULONG,
) -> HRESULT {
    let _ = (lpStream, lpulCodepage, lpulSubCodepage);
    mapi_call(Method::GetTnefStreamCodepage, |_| MAPI_E_NO_SUPPORT)
}
