//! The MAPI utility objects as C sees them: `IPropData` (`CreateIProp`), `ITableData` (`CreateTable`) and the
//! `IMAPITable` views it hands out. Each method checks its arguments, runs inside the panic boundary, reads
//! C structures into the model (`crate::mapiutil`), calls it, and writes the result with the allocators the
//! object was created with. Bad input is a violation in the journal and the documented HRESULT.
//!
//! Objects are registered while alive, so a call through a released (or never created) object answers
//! `MAPI_E_INVALID_OBJECT` instead of touching freed memory. A view holds a reference on its table; the table's
//! data and every view's state share one lock, which is never held while an advise sink or a
//! `CALLERRELEASE` callback runs (they may call back into the table). Thread-safety: every method may be called
//! from any thread.
#![allow(non_snake_case)]

use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::LazyLock;

use parking_lot::Mutex;

use crate::com::mapidefs::*;
use crate::com::mapiobj::*;
use crate::com::refcount::RefCount;
use crate::com::{
    IID_IUnknown, _MAPIERROR, E_INVALIDARG, E_NOINTERFACE, E_POINTER, E_UNEXPECTED, GUID, HRESULT,
    LPCIID, MAPI_E_INVALID_OBJECT, MAPI_E_NO_SUPPORT, REFIID, SCODE, S_OK, ULONG, ULONG_PTR,
};
use crate::mapiutil::cabi::{self, Allocators, More};
use crate::mapiutil::propbag::PropBag;
use crate::mapiutil::restriction::Restriction;
use crate::mapiutil::table::{check_sort, Change, Event, Table, View};
use crate::mapiutil::value::Prop;
use crate::runtime::{Method, Runtime};

use super::{with_runtime, write_out};

/// `IID_IMAPIProp`.
pub const IID_IMAPIPROP: GUID = GUID::ole(0x0002_0303);
/// `IID_IMAPIPropData`.
pub const IID_IMAPIPROPDATA: GUID = GUID::ole(0x0002_031A);
/// `IID_IMAPITable`.
pub const IID_IMAPITABLE: GUID = GUID::ole(0x0002_0301);
/// `IID_IMAPITableData`.
pub const IID_IMAPITABLEDATA: GUID = GUID::ole(0x0002_0316);

/// `MAPI_MOVE` (CopyTo, CopyProps).
const MAPI_MOVE: ULONG = 0x0000_0001;
/// `MAPI_NOREPLACE` (CopyTo, CopyProps).
const MAPI_NOREPLACE: ULONG = 0x0000_0002;
/// `TAD_ALL_ROWS` (HrModifyRows, HrDeleteRows).
const TAD_ALL_ROWS: ULONG = 0x0000_0001;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    PropData,
    TableData,
    View,
}

/// The live objects, by address.
static LIVE: LazyLock<Mutex<HashMap<usize, Kind>>> = LazyLock::new(Default::default);

fn is_live(p: *const c_void, kind: Kind) -> bool {
    !p.is_null() && LIVE.lock().get(&(p as usize)) == Some(&kind)
}

unsafe fn iid_is(riid: REFIID, iids: &[GUID]) -> bool {
    riid.as_ref().is_some_and(|g| iids.contains(g))
}

/// The common QueryInterface: E_POINTER, E_INVALIDARG, E_NOINTERFACE with `*ppv = NULL`, or AddRef'd `this`.
unsafe fn query_interface(
    rt: &Runtime,
    method: Method,
    this: *mut c_void,
    riid: REFIID,
    ppv: *mut *mut c_void,
    iids: &[GUID],
    add_ref: impl FnOnce(),
) -> HRESULT {
    if ppv.is_null() {
        return rt.reject(
            method,
            E_POINTER,
            format!("{}::QueryInterface: ppvObj is NULL", method.name()),
        );
    }
    if riid.is_null() {
        *ppv = std::ptr::null_mut();
        return rt.reject(
            method,
            E_INVALIDARG,
            format!("{}::QueryInterface: riid is NULL", method.name()),
        );
    }
    if iid_is(riid, iids) {
        add_ref();
        *ppv = this;
        S_OK
    } else {
        *ppv = std::ptr::null_mut();
        E_NOINTERFACE
    }
}

/// Write a result to an out-parameter the caller checked, or return its error.
unsafe fn deliver<T>(out: *mut T, r: Result<T, SCODE>) -> HRESULT {
    match r {
        Ok(v) => {
            *out = v;
            S_OK
        }
        Err(e) => e,
    }
}

/// A Release that went below zero, or a call through a dead object: a violation.
fn dead(rt: &Runtime, method: Method, what: &str) -> HRESULT {
    rt.reject(
        method,
        MAPI_E_INVALID_OBJECT,
        format!(
            "{what} called on an object that is not a live {} (released, or never created) [rule {}]",
            method.name(),
            crate::rules::COM_REFCOUNT
        ),
    )
}

// ================================================================================================== IPropData

/// The object behind `CreateIProp`.
#[repr(C)]
pub struct PropDataObject {
    iface: IPropData,
    refs: RefCount,
    alloc: Allocators,
    bag: Mutex<PropBag>,
}

impl PropDataObject {
    /// A new object with one reference, registered as live.
    pub fn create(alloc: Allocators) -> *mut IPropData {
        let obj = Box::into_raw(Box::new(PropDataObject {
            iface: IPropData {
                lpVtbl: &PROPDATA_VTBL,
            },
            refs: RefCount::default(),
            alloc,
            bag: Mutex::new(PropBag::default()),
        }));
        LIVE.lock().insert(obj as usize, Kind::PropData);
        obj.cast()
    }

    /// A new object with one reference holding `props` (a profile section, for example).
    pub fn create_with(alloc: Allocators, props: Vec<Prop>) -> Result<*mut IPropData, SCODE> {
        let p = PropDataObject::create(alloc);
        // SAFETY: just created, not shared yet.
        let set = unsafe { (*(p as *const PropDataObject)).bag.lock().set(props) };
        match set {
            Ok(_) => Ok(p),
            Err(e) => {
                // SAFETY: the one reference, given back.
                unsafe { pd_release(p) };
                Err(e)
            }
        }
    }
}

/// Run a method body on a live property-data object.
unsafe fn with_prop<R: From<HRESULT>>(
    this: *mut IPropData,
    what: &str,
    f: impl FnOnce(&Runtime, &PropDataObject) -> R,
) -> R {
    with_runtime(Method::PropData, R::from(E_UNEXPECTED), |rt| {
        if !is_live(this.cast(), Kind::PropData) {
            return R::from(dead(rt, Method::PropData, what));
        }
        f(rt, &*(this as *const PropDataObject))
    })
}

/// Write problems (or NULL when there are none) to an optional out-parameter.
unsafe fn out_problems(
    alloc: &Allocators,
    problems: &[SPropProblem],
    out: *mut *mut SPropProblemArray,
) -> HRESULT {
    if out.is_null() {
        return S_OK;
    }
    if problems.is_empty() {
        *out = std::ptr::null_mut();
        return S_OK;
    }
    deliver(out, alloc.problems(problems))
}

unsafe extern "system" fn pd_query_interface(
    This: *mut IPropData,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    with_prop(This, "QueryInterface", |rt, o| {
        query_interface(
            rt,
            Method::PropData,
            This.cast(),
            riid,
            ppv,
            &[IID_IUnknown, IID_IMAPIPROP, IID_IMAPIPROPDATA],
            || {
                let _ = o.refs.add_ref();
            },
        )
    })
}

unsafe extern "system" fn pd_add_ref(This: *mut IPropData) -> ULONG {
    with_runtime(Method::PropData, 0, |rt| {
        if !is_live(This.cast(), Kind::PropData) {
            dead(rt, Method::PropData, "AddRef");
            return 0;
        }
        (*(This as *const PropDataObject))
            .refs
            .add_ref()
            .unwrap_or(0)
    })
}

unsafe extern "system" fn pd_release(This: *mut IPropData) -> ULONG {
    with_runtime(Method::PropData, 0, |rt| {
        if !is_live(This.cast(), Kind::PropData) {
            dead(rt, Method::PropData, "Release");
            return 0;
        }
        let o = This as *mut PropDataObject;
        let n = (*o).refs.release().unwrap_or(0);
        if n == 0 {
            LIVE.lock().remove(&(o as usize));
            drop(Box::from_raw(o));
        }
        n
    })
}

unsafe extern "system" fn pd_get_last_error(
    This: *mut IPropData,
    _hr: HRESULT,
    _flags: ULONG,
    lpp: *mut *mut _MAPIERROR,
) -> HRESULT {
    with_prop(This, "GetLastError", |rt, _| {
        if lpp.is_null() {
            return rt.reject(
                Method::PropData,
                E_INVALIDARG,
                "IPropData::GetLastError: lppMAPIError is NULL",
            );
        }
        *lpp = std::ptr::null_mut();
        S_OK
    })
}

unsafe extern "system" fn pd_save_changes(This: *mut IPropData, _flags: ULONG) -> HRESULT {
    with_prop(This, "SaveChanges", |_, _| S_OK)
}

unsafe extern "system" fn pd_get_props(
    This: *mut IPropData,
    lpTags: *mut SPropTagArray,
    _flags: ULONG,
    lpcValues: *mut ULONG,
    lppProps: *mut *mut SPropValue,
) -> HRESULT {
    with_prop(This, "GetProps", |rt, o| {
        if lpcValues.is_null() || lppProps.is_null() {
            return rt.reject(
                Method::PropData,
                E_INVALIDARG,
                "IPropData::GetProps: lpcValues or lppPropArray is NULL",
            );
        }
        let tags = if lpTags.is_null() {
            None
        } else {
            match cabi::read_tags(lpTags) {
                Ok(t) => Some(t),
                Err(e) => {
                    return rt.reject(
                        Method::PropData,
                        e,
                        "IPropData::GetProps: the property tag array is not valid",
                    )
                }
            }
        };
        let (props, errors) = o.bag.lock().get(tags.as_deref());
        match o.alloc.props(&props) {
            Ok(p) => {
                *lpcValues = props.len() as ULONG;
                *lppProps = p;
                if errors {
                    MAPI_W_ERRORS_RETURNED
                } else {
                    S_OK
                }
            }
            Err(e) => e,
        }
    })
}

unsafe extern "system" fn pd_get_prop_list(
    This: *mut IPropData,
    _flags: ULONG,
    lpp: *mut *mut SPropTagArray,
) -> HRESULT {
    with_prop(This, "GetPropList", |rt, o| {
        if lpp.is_null() {
            return rt.reject(
                Method::PropData,
                E_INVALIDARG,
                "IPropData::GetPropList: lppPropTagArray is NULL",
            );
        }
        let list = o.bag.lock().list();
        deliver(lpp, o.alloc.tags(&list))
    })
}

unsafe extern "system" fn pd_open_property(
    This: *mut IPropData,
    _tag: ULONG,
    _iid: LPCIID,
    _opts: ULONG,
    _flags: ULONG,
    _lpp: *mut *mut c_void,
) -> HRESULT {
    with_prop(This, "OpenProperty", |_, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn pd_set_props(
    This: *mut IPropData,
    cValues: ULONG,
    lpProps: *mut SPropValue,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    with_prop(This, "SetProps", |rt, o| {
        let props = match cabi::read_props(lpProps, cValues) {
            Ok(p) => p,
            Err(e) => return rt.reject(Method::PropData, e, "IPropData::SetProps: the property values are not valid (NULL array or data, or an unknown type)"),
        };
        match o.bag.lock().set(props) {
            Ok(problems) => out_problems(&o.alloc, &problems, lppProblems),
            Err(e) => e,
        }
    })
}

unsafe extern "system" fn pd_delete_props(
    This: *mut IPropData,
    lpTags: *mut SPropTagArray,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    with_prop(This, "DeleteProps", |rt, o| {
        let tags = match cabi::read_tags(lpTags) {
            Ok(t) => t,
            Err(e) => {
                return rt.reject(
                    Method::PropData,
                    e,
                    "IPropData::DeleteProps: lpPropTagArray is NULL or not valid",
                )
            }
        };
        match o.bag.lock().delete(&tags) {
            Ok(problems) => out_problems(&o.alloc, &problems, lppProblems),
            Err(e) => e,
        }
    })
}

/// CopyTo/CopyProps: the values go to the destination through its own `SetProps`, with no lock held.
unsafe fn copy_to_dest(
    rt: &Runtime,
    o: &PropDataObject,
    what: &str,
    (tags, exclude): (Option<&[u32]>, &[u32]),
    dest: *mut c_void,
    flags: ULONG,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    if dest.is_null() {
        return rt.reject(
            Method::PropData,
            E_INVALIDARG,
            format!("IPropData::{what}: lpDestObj is NULL"),
        );
    }
    let dest_obj = dest as *mut IMAPIProp;
    let Some(set_props) = (*dest_obj).lpVtbl.as_ref().and_then(|v| v.SetProps) else {
        return rt.reject(
            Method::PropData,
            E_INVALIDARG,
            format!("IPropData::{what}: lpDestObj has no SetProps"),
        );
    };
    let mut props: Vec<Prop> = {
        let bag = o.bag.lock();
        let (vals, _) = bag.get(tags);
        vals.into_iter()
            .filter(|p| !p.is_error() && !exclude.iter().any(|t| prop_id(*t) == p.id()))
            .collect()
    };
    if flags & MAPI_NOREPLACE != 0 {
        if !is_live(dest, Kind::PropData) {
            return MAPI_E_NO_SUPPORT;
        }
        let existing = (*(dest as *const PropDataObject)).bag.lock().list();
        props.retain(|p| !existing.iter().any(|t| prop_id(*t) == p.id()));
    }
    let vals = match o.alloc.props(&props) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let hr = set_props(dest_obj, props.len() as ULONG, vals, lppProblems);
    (o.alloc.free)(vals.cast());
    if hr >= 0 && flags & MAPI_MOVE != 0 {
        let tags: Vec<u32> = props.iter().map(|p| p.tag).collect();
        let _ = o.bag.lock().delete(&tags);
    }
    hr
}

unsafe extern "system" fn pd_copy_to(
    This: *mut IPropData,
    _ciid: ULONG,
    _rgiid: LPCIID,
    lpExclude: *mut SPropTagArray,
    _ui: ULONG_PTR,
    _progress: *mut IMAPIProgress,
    _iface: LPCIID,
    lpDestObj: *mut c_void,
    ulFlags: ULONG,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    with_prop(This, "CopyTo", |rt, o| {
        let exclude = if lpExclude.is_null() {
            Vec::new()
        } else {
            match cabi::read_tags(lpExclude) {
                Ok(t) => t,
                Err(e) => {
                    return rt.reject(
                        Method::PropData,
                        e,
                        "IPropData::CopyTo: lpExcludeProps is not valid",
                    )
                }
            }
        };
        copy_to_dest(
            rt,
            o,
            "CopyTo",
            (None, &exclude),
            lpDestObj,
            ulFlags,
            lppProblems,
        )
    })
}

unsafe extern "system" fn pd_copy_props(
    This: *mut IPropData,
    lpInclude: *mut SPropTagArray,
    _ui: ULONG_PTR,
    _progress: *mut IMAPIProgress,
    _iface: LPCIID,
    lpDestObj: *mut c_void,
    ulFlags: ULONG,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    with_prop(This, "CopyProps", |rt, o| {
        let tags = match cabi::read_tags(lpInclude) {
            Ok(t) => t,
            Err(e) => {
                return rt.reject(
                    Method::PropData,
                    e,
                    "IPropData::CopyProps: lpIncludeProps is NULL or not valid",
                )
            }
        };
        copy_to_dest(
            rt,
            o,
            "CopyProps",
            (Some(&tags), &[]),
            lpDestObj,
            ulFlags,
            lppProblems,
        )
    })
}

unsafe extern "system" fn pd_get_names_from_ids(
    This: *mut IPropData,
    _tags: *mut *mut SPropTagArray,
    _guid: *mut GUID,
    _flags: ULONG,
    _c: *mut ULONG,
    _names: *mut *mut *mut MAPINAMEID,
) -> HRESULT {
    with_prop(This, "GetNamesFromIDs", |_, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn pd_get_ids_from_names(
    This: *mut IPropData,
    _c: ULONG,
    _names: *mut *mut MAPINAMEID,
    _flags: ULONG,
    _tags: *mut *mut SPropTagArray,
) -> HRESULT {
    with_prop(This, "GetIDsFromNames", |_, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn pd_set_obj_access(This: *mut IPropData, ulAccess: ULONG) -> HRESULT {
    with_prop(This, "HrSetObjAccess", |rt, o| {
        let hr = o.bag.lock().set_obj_access(ulAccess);
        if hr != S_OK {
            return rt.reject(Method::PropData, hr, format!("IPropData::HrSetObjAccess: ulAccess 0x{ulAccess:X} is neither IPROP_READONLY nor IPROP_READWRITE"));
        }
        hr
    })
}

unsafe extern "system" fn pd_set_prop_access(
    This: *mut IPropData,
    lpTags: *mut SPropTagArray,
    rgulAccess: *mut ULONG,
) -> HRESULT {
    with_prop(This, "HrSetPropAccess", |rt, o| {
        let tags = match cabi::read_tags(lpTags) {
            Ok(t) => t,
            Err(e) => {
                return rt.reject(
                    Method::PropData,
                    e,
                    "IPropData::HrSetPropAccess: lpPropTagArray is NULL or not valid",
                )
            }
        };
        if rgulAccess.is_null() && !tags.is_empty() {
            return rt.reject(
                Method::PropData,
                E_INVALIDARG,
                "IPropData::HrSetPropAccess: rgulAccess is NULL",
            );
        }
        let access: &[u32] = if tags.is_empty() {
            &[]
        } else {
            std::slice::from_raw_parts(rgulAccess, tags.len())
        };
        let hr = o.bag.lock().set_prop_access(&tags, access);
        if hr != S_OK {
            return rt.reject(Method::PropData, hr, "IPropData::HrSetPropAccess: each access value needs exactly one of IPROP_READONLY/IPROP_READWRITE and one of IPROP_CLEAN/IPROP_DIRTY");
        }
        hr
    })
}

unsafe extern "system" fn pd_get_prop_access(
    This: *mut IPropData,
    lppTags: *mut *mut SPropTagArray,
    lprgulAccess: *mut *mut ULONG,
) -> HRESULT {
    with_prop(This, "HrGetPropAccess", |rt, o| {
        if lppTags.is_null() || lprgulAccess.is_null() {
            return rt.reject(
                Method::PropData,
                E_INVALIDARG,
                "IPropData::HrGetPropAccess: an out-parameter is NULL",
            );
        }
        let (tags, access) = o.bag.lock().prop_access();
        let t = match o.alloc.tags(&tags) {
            Ok(t) => t,
            Err(e) => return e,
        };
        match o.alloc.ulongs(&access) {
            Ok(a) => {
                *lppTags = t;
                *lprgulAccess = a;
                S_OK
            }
            Err(e) => {
                (o.alloc.free)(t.cast());
                e
            }
        }
    })
}

unsafe extern "system" fn pd_add_obj_props(
    This: *mut IPropData,
    lpTags: *mut SPropTagArray,
    lppProblems: *mut *mut SPropProblemArray,
) -> HRESULT {
    with_prop(This, "HrAddObjProps", |rt, o| {
        let tags = match cabi::read_tags(lpTags) {
            Ok(t) => t,
            Err(e) => {
                return rt.reject(
                    Method::PropData,
                    e,
                    "IPropData::HrAddObjProps: lpPropTagArray is NULL or not valid",
                )
            }
        };
        match o.bag.lock().add_obj_props(&tags) {
            Ok(problems) => out_problems(&o.alloc, &problems, lppProblems),
            Err(e) => e,
        }
    })
}

static PROPDATA_VTBL: IPropDataVtbl = IPropDataVtbl {
    base: IMAPIPropVtbl {
        QueryInterface: Some(pd_query_interface),
        AddRef: Some(pd_add_ref),
        Release: Some(pd_release),
        GetLastError: Some(pd_get_last_error),
        SaveChanges: Some(pd_save_changes),
        GetProps: Some(pd_get_props),
        GetPropList: Some(pd_get_prop_list),
        OpenProperty: Some(pd_open_property),
        SetProps: Some(pd_set_props),
        DeleteProps: Some(pd_delete_props),
        CopyTo: Some(pd_copy_to),
        CopyProps: Some(pd_copy_props),
        GetNamesFromIDs: Some(pd_get_names_from_ids),
        GetIDsFromNames: Some(pd_get_ids_from_names),
    },
    HrSetObjAccess: Some(pd_set_obj_access),
    HrSetPropAccess: Some(pd_set_prop_access),
    HrGetPropAccess: Some(pd_get_prop_access),
    HrAddObjProps: Some(pd_add_obj_props),
};

// ================================================================================================ ITableData

/// One advise connection on a view.
struct Sink {
    connection: ULONG_PTR,
    mask: ULONG,
    sink: *mut IMAPIAdviseSink,
}

/// One view's state, kept under the table's lock.
struct ViewState {
    view: View,
    sinks: Vec<Sink>,
    release: Option<(CALLERRELEASE, ULONG_PTR)>,
}

struct TableState {
    table: Table,
    /// By view object address.
    views: HashMap<usize, ViewState>,
    next_connection: ULONG_PTR,
}

/// The object behind `CreateTable`.
#[repr(C)]
pub struct TableDataObject {
    iface: ITableData,
    refs: RefCount,
    alloc: Allocators,
    state: Mutex<TableState>,
}

/// A view (`IMAPITable`) of a table.
#[repr(C)]
pub struct ViewObject {
    iface: IMAPITable,
    refs: RefCount,
    data: *mut TableDataObject,
}

// SAFETY: the raw pointers (sinks, views, the table) are only used under the table's lock or after taking a
// reference; COM objects handed to us are callable from any thread (the same contract MAPI has).
unsafe impl Send for TableState {}

impl TableDataObject {
    /// A new object with one reference, registered as live.
    pub fn create(alloc: Allocators, table: Table) -> *mut ITableData {
        let obj = Box::into_raw(Box::new(TableDataObject {
            iface: ITableData {
                lpVtbl: &TABLEDATA_VTBL,
            },
            refs: RefCount::default(),
            alloc,
            state: Mutex::new(TableState {
                table,
                views: HashMap::new(),
                next_connection: 1,
            }),
        }));
        LIVE.lock().insert(obj as usize, Kind::TableData);
        obj.cast()
    }

    /// Apply a change to the data and tell every view's sinks about it (outside the lock). `key` names the
    /// row the change is about (None for a bulk change); it runs first, on the data before the change.
    unsafe fn change(
        &self,
        key: impl FnOnce(&Table) -> Result<Option<Prop>, SCODE>,
        apply: impl FnOnce(&mut Table) -> Result<Change, SCODE>,
    ) -> HRESULT {
        let mut deliveries: Vec<(*mut IMAPIAdviseSink, Event)> = Vec::new();
        {
            let mut st = self.state.lock();
            let st = &mut *st;
            let key = match key(&st.table) {
                Ok(k) => k,
                Err(e) => return e,
            };
            let was: Vec<(usize, Option<usize>)> = st
                .views
                .iter()
                .map(|(id, vs)| (*id, key.as_ref().and_then(|k| vs.view.shown(&st.table, k))))
                .collect();
            let change = match apply(&mut st.table) {
                Ok(c) => c,
                Err(e) => return e,
            };
            for (id, was) in was {
                let Some(vs) = st.views.get_mut(&id) else {
                    continue;
                };
                let Some(ev) = vs.view.after(&st.table, &change, was) else {
                    continue;
                };
                for s in vs.sinks.iter().filter(|s| s.mask & fnevTableModified != 0) {
                    add_ref_sink(s.sink);
                    deliveries.push((s.sink, ev.clone()));
                }
            }
        }
        for (sink, ev) in deliveries {
            self.notify(sink, &ev);
            release_sink(sink);
        }
        S_OK
    }

    /// Send one table notification; its memory lives for the duration of `OnNotify`.
    unsafe fn notify(&self, sink: *mut IMAPIAdviseSink, ev: &Event) {
        let Some(on_notify) = (*sink).lpVtbl.as_ref().and_then(|v| v.OnNotify) else {
            return;
        };
        let Ok(root) = self.alloc.root(core::mem::size_of::<NOTIFICATION>()) else {
            return;
        };
        let n = root.cast::<NOTIFICATION>();
        let mut arena = More {
            more: self.alloc.more,
            parent: root,
        };
        let built = (|| -> Result<(), SCODE> {
            let mut tab = TABLE_NOTIFICATION {
                ulTableEvent: ev.kind,
                hResult: S_OK,
                propIndex: SPropValue::zeroed(PT_NULL),
                propPrior: SPropValue::zeroed(PT_NULL),
                row: SRow {
                    ulAdrEntryPad: 0,
                    cValues: 0,
                    lpProps: std::ptr::null_mut(),
                },
                ulPad: 0,
            };
            if let Some(k) = &ev.index {
                cabi::write_value(&mut tab.propIndex, k, &mut arena)?;
            }
            if let Some(k) = &ev.prior {
                cabi::write_value(&mut tab.propPrior, k, &mut arena)?;
            }
            if !ev.row.is_empty() {
                let vals = cabi::Arena::alloc(
                    &mut arena,
                    ev.row.len() * core::mem::size_of::<SPropValue>(),
                )?
                .cast::<SPropValue>();
                for (i, p) in ev.row.iter().enumerate() {
                    cabi::write_value(vals.add(i), p, &mut arena)?;
                }
                tab.row = SRow {
                    ulAdrEntryPad: 0,
                    cValues: ev.row.len() as ULONG,
                    lpProps: vals,
                };
            }
            let mut out: NOTIFICATION = core::mem::zeroed();
            out.ulEventType = fnevTableModified;
            out.info.tab = tab;
            n.write(out);
            Ok(())
        })();
        if built.is_ok() {
            on_notify(sink, 1, n);
        }
        (self.alloc.free)(root);
    }
}

unsafe fn add_ref_sink(s: *mut IMAPIAdviseSink) {
    if let Some(f) = (*s).lpVtbl.as_ref().and_then(|v| v.AddRef) {
        f(s);
    }
}

unsafe fn release_sink(s: *mut IMAPIAdviseSink) {
    if let Some(f) = (*s).lpVtbl.as_ref().and_then(|v| v.Release) {
        f(s);
    }
}

unsafe fn with_table<R: From<HRESULT>>(
    this: *mut ITableData,
    what: &str,
    f: impl FnOnce(&Runtime, &TableDataObject) -> R,
) -> R {
    with_runtime(Method::TableData, R::from(E_UNEXPECTED), |rt| {
        if !is_live(this.cast(), Kind::TableData) {
            return R::from(dead(rt, Method::TableData, what));
        }
        f(rt, &*(this as *const TableDataObject))
    })
}

unsafe extern "system" fn td_query_interface(
    This: *mut ITableData,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    with_table(This, "QueryInterface", |rt, o| {
        query_interface(
            rt,
            Method::TableData,
            This.cast(),
            riid,
            ppv,
            &[IID_IUnknown, IID_IMAPITABLEDATA],
            || {
                let _ = o.refs.add_ref();
            },
        )
    })
}

unsafe extern "system" fn td_add_ref(This: *mut ITableData) -> ULONG {
    with_runtime(Method::TableData, 0, |rt| {
        if !is_live(This.cast(), Kind::TableData) {
            dead(rt, Method::TableData, "AddRef");
            return 0;
        }
        (*(This as *const TableDataObject))
            .refs
            .add_ref()
            .unwrap_or(0)
    })
}

unsafe fn table_release(rt: &Runtime, o: *mut TableDataObject) -> ULONG {
    if !is_live(o.cast(), Kind::TableData) {
        dead(rt, Method::TableData, "Release");
        return 0;
    }
    let n = (*o).refs.release().unwrap_or(0);
    if n == 0 {
        LIVE.lock().remove(&(o as usize));
        drop(Box::from_raw(o));
    }
    n
}

unsafe extern "system" fn td_release(This: *mut ITableData) -> ULONG {
    with_runtime(Method::TableData, 0, |rt| table_release(rt, This.cast()))
}

unsafe extern "system" fn td_get_view(
    This: *mut ITableData,
    lpSort: *mut SSortOrderSet,
    lpfCallerRelease: Option<CALLERRELEASE>,
    ulCallerData: ULONG_PTR,
    lppTable: *mut *mut IMAPITable,
) -> HRESULT {
    with_table(This, "HrGetView", |rt, o| {
        if lppTable.is_null() {
            return rt.reject(
                Method::TableData,
                E_INVALIDARG,
                "ITableData::HrGetView: lppMAPITable is NULL",
            );
        }
        let sort = if lpSort.is_null() {
            Vec::new()
        } else {
            match cabi::read_sort(lpSort).and_then(|(k, c)| check_sort(&k, c).map(|_| k)) {
                Ok(k) => k,
                Err(e) => return rt.reject(Method::TableData, e, "ITableData::HrGetView: the sort order is not valid (categories are not supported)"),
            }
        };
        let _ = o.refs.add_ref();
        let view = Box::into_raw(Box::new(ViewObject {
            iface: IMAPITable { lpVtbl: &VIEW_VTBL },
            refs: RefCount::default(),
            data: This.cast(),
        }));
        {
            let mut st = o.state.lock();
            let v = View::new(&st.table, sort);
            st.views.insert(
                view as usize,
                ViewState {
                    view: v,
                    sinks: Vec::new(),
                    release: lpfCallerRelease.map(|f| (f, ulCallerData)),
                },
            );
        }
        LIVE.lock().insert(view as usize, Kind::View);
        *lppTable = view.cast();
        S_OK
    })
}

unsafe fn read_row(rt: &Runtime, what: &str, row: *mut SRow) -> Result<Vec<Prop>, HRESULT> {
    let r = row.as_ref().ok_or_else(|| {
        rt.reject(
            Method::TableData,
            E_INVALIDARG,
            format!("ITableData::{what}: the row is NULL"),
        )
    })?;
    cabi::read_props(r.lpProps, r.cValues).map_err(|e| {
        rt.reject(
            Method::TableData,
            e,
            format!("ITableData::{what}: the row's values are not valid"),
        )
    })
}

fn need_index(rt: &Runtime, what: &str, t: &Table, row: &[Prop]) -> Result<Prop, HRESULT> {
    t.key(row).cloned().ok_or_else(|| {
        rt.reject(
            Method::TableData,
            E_INVALIDARG,
            format!(
                "ITableData::{what}: the row has no value for the index column 0x{:08X}",
                t.index_tag
            ),
        )
    })
}

unsafe extern "system" fn td_modify_row(This: *mut ITableData, lpSRow: *mut SRow) -> HRESULT {
    with_table(This, "HrModifyRow", |rt, o| {
        let row = match read_row(rt, "HrModifyRow", lpSRow) {
            Ok(r) => r,
            Err(e) => return e,
        };
        o.change(
            |t| need_index(rt, "HrModifyRow", t, &row).map(Some),
            |t| t.modify_row(row.clone()),
        )
    })
}

unsafe extern "system" fn td_insert_row(
    This: *mut ITableData,
    uliRow: ULONG,
    lpSRow: *mut SRow,
) -> HRESULT {
    with_table(This, "HrInsertRow", |rt, o| {
        let row = match read_row(rt, "HrInsertRow", lpSRow) {
            Ok(r) => r,
            Err(e) => return e,
        };
        o.change(
            |t| need_index(rt, "HrInsertRow", t, &row).map(Some),
            |t| {
                t.insert_row(uliRow as usize, row.clone()).map_err(|e| {
                    rt.reject(Method::TableData, e, "ITableData::HrInsertRow: a row with this index value exists (use HrModifyRow)")
                })
            },
        )
    })
}

unsafe extern "system" fn td_delete_row(This: *mut ITableData, lpProp: *mut SPropValue) -> HRESULT {
    with_table(This, "HrDeleteRow", |rt, o| {
        let key = match cabi::read_prop(lpProp) {
            Ok(k) => k,
            Err(e) => {
                return rt.reject(
                    Method::TableData,
                    e,
                    "ITableData::HrDeleteRow: the index value is NULL or not valid",
                )
            }
        };
        o.change(|_| Ok(Some(key.clone())), |t| t.delete_row(&key))
    })
}

unsafe extern "system" fn td_query_row(
    This: *mut ITableData,
    lpProp: *mut SPropValue,
    lppSRow: *mut *mut SRow,
    lpuliRow: *mut ULONG,
) -> HRESULT {
    with_table(This, "HrQueryRow", |rt, o| {
        if lppSRow.is_null() {
            return rt.reject(
                Method::TableData,
                E_INVALIDARG,
                "ITableData::HrQueryRow: lppSRow is NULL",
            );
        }
        let key = match cabi::read_prop(lpProp) {
            Ok(k) => k,
            Err(e) => {
                return rt.reject(
                    Method::TableData,
                    e,
                    "ITableData::HrQueryRow: the index value is NULL or not valid",
                )
            }
        };
        let found = {
            let st = o.state.lock();
            st.table
                .position(&key)
                .map(|i| (i, st.table.rows()[i].clone()))
        };
        let Some((i, row)) = found else {
            return crate::com::MAPI_E_NOT_FOUND;
        };
        match o.alloc.row(&row) {
            Ok(r) => {
                *lppSRow = r;
                write_out(lpuliRow, i as ULONG);
                S_OK
            }
            Err(e) => e,
        }
    })
}

unsafe extern "system" fn td_enum_row(
    This: *mut ITableData,
    ulRowNumber: ULONG,
    lppSRow: *mut *mut SRow,
) -> HRESULT {
    with_table(This, "HrEnumRow", |rt, o| {
        if lppSRow.is_null() {
            return rt.reject(
                Method::TableData,
                E_INVALIDARG,
                "ITableData::HrEnumRow: lppSRow is NULL",
            );
        }
        let row = o
            .state
            .lock()
            .table
            .rows()
            .get(ulRowNumber as usize)
            .cloned();
        match row {
            None => {
                *lppSRow = std::ptr::null_mut();
                S_OK
            }
            Some(r) => deliver(lppSRow, o.alloc.row(&r)),
        }
    })
}

unsafe extern "system" fn td_notify(
    This: *mut ITableData,
    _flags: ULONG,
    cValues: ULONG,
    lpProps: *mut SPropValue,
) -> HRESULT {
    with_table(This, "HrNotify", |rt, o| {
        let props = match cabi::read_props(lpProps, cValues) {
            Ok(p) => p,
            Err(e) => {
                return rt.reject(
                    Method::TableData,
                    e,
                    "ITableData::HrNotify: the values are not valid",
                )
            }
        };
        o.change(
            |t| need_index(rt, "HrNotify", t, &props).map(Some),
            |t| {
                let key = t.key(&props).cloned().ok_or(E_INVALIDARG)?;
                let i = t.position(&key).ok_or(crate::com::MAPI_E_NOT_FOUND)?;
                let row = t.rows()[i].clone();
                Ok(Change::Row {
                    before: Some(row.clone()),
                    after: Some(row),
                })
            },
        )
    })
}

unsafe extern "system" fn td_modify_rows(
    This: *mut ITableData,
    ulFlags: ULONG,
    lpSRowSet: *mut SRowSet,
) -> HRESULT {
    with_table(This, "HrModifyRows", |rt, o| {
        let rows = if lpSRowSet.is_null() && ulFlags & TAD_ALL_ROWS != 0 {
            Vec::new()
        } else {
            match cabi::read_rowset(lpSRowSet) {
                Ok(r) => r,
                Err(e) => {
                    return rt.reject(
                        Method::TableData,
                        e,
                        "ITableData::HrModifyRows: the row set is NULL or not valid",
                    )
                }
            }
        };
        o.change(
            |t| {
                for r in &rows {
                    need_index(rt, "HrModifyRows", t, r)?;
                }
                Ok(None)
            },
            |t| t.modify_rows(ulFlags & TAD_ALL_ROWS != 0, rows.clone()),
        )
    })
}

unsafe extern "system" fn td_delete_rows(
    This: *mut ITableData,
    ulFlags: ULONG,
    lpRows: *mut SRowSet,
    cRowsDeleted: *mut ULONG,
) -> HRESULT {
    with_table(This, "HrDeleteRows", |rt, o| {
        let all = ulFlags & TAD_ALL_ROWS != 0;
        let rows = if all {
            Vec::new()
        } else {
            match cabi::read_rowset(lpRows) {
                Ok(r) => r,
                Err(e) => {
                    return rt.reject(
                        Method::TableData,
                        e,
                        "ITableData::HrDeleteRows: the row set is NULL or not valid",
                    )
                }
            }
        };
        let mut deleted = 0;
        let hr = o.change(
            |t| {
                for r in &rows {
                    need_index(rt, "HrDeleteRows", t, r)?;
                }
                Ok(None)
            },
            |t| {
                let (n, c) = t.delete_rows(all, &rows)?;
                deleted = n;
                Ok(c)
            },
        );
        if hr == S_OK {
            write_out(cRowsDeleted, deleted);
        }
        hr
    })
}

static TABLEDATA_VTBL: ITableDataVtbl = ITableDataVtbl {
    QueryInterface: Some(td_query_interface),
    AddRef: Some(td_add_ref),
    Release: Some(td_release),
    HrGetView: Some(td_get_view),
    HrModifyRow: Some(td_modify_row),
    HrDeleteRow: Some(td_delete_row),
    HrQueryRow: Some(td_query_row),
    HrEnumRow: Some(td_enum_row),
    HrNotify: Some(td_notify),
    HrInsertRow: Some(td_insert_row),
    HrModifyRows: Some(td_modify_rows),
    HrDeleteRows: Some(td_delete_rows),
};

// ================================================================================================ IMAPITable

/// Run a view method with the table's state locked and this view's state at hand.
unsafe fn with_view<R: From<HRESULT>>(
    this: *mut IMAPITable,
    what: &str,
    f: impl FnOnce(&Runtime, &TableDataObject, &mut Table, &mut ViewState) -> R,
) -> R {
    with_runtime(Method::Table, R::from(E_UNEXPECTED), |rt| {
        if !is_live(this.cast(), Kind::View) {
            return R::from(dead(rt, Method::Table, what));
        }
        let data = &*(*(this as *const ViewObject)).data;
        let mut st = data.state.lock();
        let st = &mut *st;
        let Some(vs) = st.views.get_mut(&(this as usize)) else {
            return R::from(dead(rt, Method::Table, what));
        };
        f(rt, data, &mut st.table, vs)
    })
}

fn bad(rt: &Runtime, hr: HRESULT, msg: impl Into<String>) -> HRESULT {
    rt.reject(Method::Table, hr, msg)
}

unsafe extern "system" fn vw_query_interface(
    This: *mut IMAPITable,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    with_runtime(Method::Table, E_UNEXPECTED, |rt| {
        if !is_live(This.cast(), Kind::View) {
            return dead(rt, Method::Table, "QueryInterface");
        }
        let o = &*(This as *const ViewObject);
        query_interface(
            rt,
            Method::Table,
            This.cast(),
            riid,
            ppv,
            &[IID_IUnknown, IID_IMAPITABLE],
            || {
                let _ = o.refs.add_ref();
            },
        )
    })
}

unsafe extern "system" fn vw_add_ref(This: *mut IMAPITable) -> ULONG {
    with_runtime(Method::Table, 0, |rt| {
        if !is_live(This.cast(), Kind::View) {
            dead(rt, Method::Table, "AddRef");
            return 0;
        }
        (*(This as *const ViewObject)).refs.add_ref().unwrap_or(0)
    })
}

unsafe extern "system" fn vw_release(This: *mut IMAPITable) -> ULONG {
    with_runtime(Method::Table, 0, |rt| {
        if !is_live(This.cast(), Kind::View) {
            dead(rt, Method::Table, "Release");
            return 0;
        }
        let v = This as *mut ViewObject;
        let n = (*v).refs.release().unwrap_or(0);
        if n > 0 {
            return n;
        }
        LIVE.lock().remove(&(v as usize));
        let data = (*v).data;
        let state = (*data).state.lock().views.remove(&(v as usize));
        if let Some(vs) = state {
            for s in &vs.sinks {
                release_sink(s.sink);
            }
            if let Some((f, user)) = vs.release {
                f(user, data.cast(), This);
            }
        }
        drop(Box::from_raw(v));
        table_release(rt, data);
        0
    })
}

unsafe extern "system" fn vw_get_last_error(
    This: *mut IMAPITable,
    _hr: HRESULT,
    _flags: ULONG,
    lpp: *mut *mut _MAPIERROR,
) -> HRESULT {
    with_view(This, "GetLastError", |rt, _, _, _| {
        if lpp.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::GetLastError: lppMAPIError is NULL",
            );
        }
        *lpp = std::ptr::null_mut();
        S_OK
    })
}

unsafe extern "system" fn vw_advise(
    This: *mut IMAPITable,
    ulEventMask: ULONG,
    lpSink: *mut IMAPIAdviseSink,
    lpulConnection: *mut ULONG_PTR,
) -> HRESULT {
    let mut connection = 0;
    let hr = with_runtime(Method::Table, E_UNEXPECTED, |rt| {
        if !is_live(This.cast(), Kind::View) {
            return dead(rt, Method::Table, "Advise");
        }
        if lpSink.is_null() || lpulConnection.is_null() || (*lpSink).lpVtbl.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::Advise: lpAdviseSink or lpulConnection is NULL",
            );
        }
        if ulEventMask & fnevTableModified == 0 {
            return bad(rt, E_INVALIDARG, "IMAPITable::Advise: a table sends only fnevTableModified; ulEventMask does not include it");
        }
        // The sink's AddRef runs before the lock is taken.
        add_ref_sink(lpSink);
        let data = &*(*(This as *const ViewObject)).data;
        let mut st = data.state.lock();
        connection = st.next_connection;
        st.next_connection += 1;
        match st.views.get_mut(&(This as usize)) {
            Some(vs) => {
                vs.sinks.push(Sink {
                    connection,
                    mask: ulEventMask,
                    sink: lpSink,
                });
                S_OK
            }
            None => E_UNEXPECTED,
        }
    });
    if hr == S_OK {
        *lpulConnection = connection;
    }
    hr
}

unsafe extern "system" fn vw_unadvise(This: *mut IMAPITable, ulConnection: ULONG_PTR) -> HRESULT {
    let mut sink = None;
    let hr = with_view(This, "Unadvise", |rt, _, _, vs| {
        match vs.sinks.iter().position(|s| s.connection == ulConnection) {
            Some(i) => {
                sink = Some(vs.sinks.remove(i).sink);
                S_OK
            }
            None => bad(
                rt,
                crate::com::MAPI_E_NOT_FOUND,
                format!("IMAPITable::Unadvise: no advise connection {ulConnection} on this view"),
            ),
        }
    });
    if let Some(s) = sink {
        release_sink(s);
    }
    hr
}

unsafe extern "system" fn vw_get_status(
    This: *mut IMAPITable,
    lpStatus: *mut ULONG,
    lpType: *mut ULONG,
) -> HRESULT {
    with_view(This, "GetStatus", |rt, _, t, _| {
        if lpStatus.is_null() || lpType.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::GetStatus: an out-parameter is NULL",
            );
        }
        *lpStatus = TBLSTAT_COMPLETE;
        *lpType = t.table_type;
        S_OK
    })
}

unsafe extern "system" fn vw_set_columns(
    This: *mut IMAPITable,
    lpTags: *mut SPropTagArray,
    _flags: ULONG,
) -> HRESULT {
    with_view(This, "SetColumns", |rt, _, _, vs| {
        match cabi::read_tags(lpTags) {
            Ok(t) if !t.is_empty() => {
                vs.view.columns = t;
                S_OK
            }
            _ => bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::SetColumns: lpPropTagArray is NULL, empty or not valid",
            ),
        }
    })
}

unsafe extern "system" fn vw_query_columns(
    This: *mut IMAPITable,
    ulFlags: ULONG,
    lpp: *mut *mut SPropTagArray,
) -> HRESULT {
    with_view(This, "QueryColumns", |rt, o, t, vs| {
        if lpp.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::QueryColumns: lpPropTagArray is NULL",
            );
        }
        let tags = if ulFlags & TBL_ALL_COLUMNS != 0 {
            t.all_tags()
        } else {
            vs.view.columns.clone()
        };
        deliver(lpp, o.alloc.tags(&tags))
    })
}

unsafe extern "system" fn vw_get_row_count(
    This: *mut IMAPITable,
    _flags: ULONG,
    lpulCount: *mut ULONG,
) -> HRESULT {
    with_view(This, "GetRowCount", |rt, _, t, vs| {
        if lpulCount.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::GetRowCount: lpulCount is NULL",
            );
        }
        *lpulCount = vs.view.visible(t).len() as ULONG;
        S_OK
    })
}

unsafe extern "system" fn vw_seek_row(
    This: *mut IMAPITable,
    bk: BOOKMARK,
    lRowCount: i32,
    lplSought: *mut i32,
) -> HRESULT {
    with_view(This, "SeekRow", |rt, _, t, vs| {
        match vs.view.seek(t, bk, lRowCount) {
            Ok(n) => {
                write_out(lplSought, n);
                S_OK
            }
            Err(e) => bad(
                rt,
                e,
                format!("IMAPITable::SeekRow: bookmark {bk} is not valid on this view"),
            ),
        }
    })
}

unsafe extern "system" fn vw_seek_row_approx(
    This: *mut IMAPITable,
    num: ULONG,
    den: ULONG,
) -> HRESULT {
    with_view(This, "SeekRowApprox", |rt, _, t, vs| {
        match vs.view.seek_approx(t, num, den) {
            Ok(()) => S_OK,
            Err(e) => bad(rt, e, "IMAPITable::SeekRowApprox: ulDenominator is 0"),
        }
    })
}

unsafe extern "system" fn vw_query_position(
    This: *mut IMAPITable,
    lpulRow: *mut ULONG,
    lpulNum: *mut ULONG,
    lpulDen: *mut ULONG,
) -> HRESULT {
    with_view(This, "QueryPosition", |rt, _, t, vs| {
        if lpulRow.is_null() || lpulNum.is_null() || lpulDen.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::QueryPosition: an out-parameter is NULL",
            );
        }
        let (r, n, d) = vs.view.position(t);
        *lpulRow = r;
        *lpulNum = n;
        *lpulDen = d;
        S_OK
    })
}

unsafe fn read_restriction(
    rt: &Runtime,
    what: &str,
    p: *mut SRestriction,
) -> Result<Restriction, HRESULT> {
    Restriction::read(p).map_err(|e| {
        if e == MAPI_E_TOO_COMPLEX {
            rt.journal().diagnostic(
                Method::Table,
                0,
                format!("IMAPITable::{what}: MAPI_E_TOO_COMPLEX: the restriction uses RELOP_RE (a regular expression, which this table does not evaluate) or nests too deeply"),
            );
            return e;
        }
        bad(rt, e, format!("IMAPITable::{what}: the restriction is not valid (an unknown kind or operator, or a NULL pointer inside it)"))
    })
}

unsafe extern "system" fn vw_find_row(
    This: *mut IMAPITable,
    lpRes: *mut SRestriction,
    bk: BOOKMARK,
    ulFlags: ULONG,
) -> HRESULT {
    with_view(This, "FindRow", |rt, _, t, vs| {
        let res = match read_restriction(rt, "FindRow", lpRes) {
            Ok(r) => r,
            Err(e) => return e,
        };
        match vs.view.find_row(t, &res, bk, ulFlags & DIR_BACKWARD != 0) {
            Ok(()) => S_OK,
            Err(MAPI_E_INVALID_BOOKMARK) => bad(
                rt,
                MAPI_E_INVALID_BOOKMARK,
                format!("IMAPITable::FindRow: bookmark {bk} is not valid on this view"),
            ),
            Err(e) => e,
        }
    })
}

unsafe extern "system" fn vw_restrict(
    This: *mut IMAPITable,
    lpRes: *mut SRestriction,
    _flags: ULONG,
) -> HRESULT {
    with_view(This, "Restrict", |rt, _, _, vs| {
        let res = if lpRes.is_null() {
            None
        } else {
            match read_restriction(rt, "Restrict", lpRes) {
                Ok(r) => Some(r),
                Err(e) => return e,
            }
        };
        vs.view.restrict(res);
        S_OK
    })
}

unsafe extern "system" fn vw_create_bookmark(
    This: *mut IMAPITable,
    lpbk: *mut BOOKMARK,
) -> HRESULT {
    with_view(This, "CreateBookmark", |rt, _, _, vs| {
        if lpbk.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::CreateBookmark: lpbkPosition is NULL",
            );
        }
        *lpbk = vs.view.create_bookmark();
        S_OK
    })
}

unsafe extern "system" fn vw_free_bookmark(This: *mut IMAPITable, bk: BOOKMARK) -> HRESULT {
    with_view(This, "FreeBookmark", |rt, _, _, vs| {
        match vs.view.free_bookmark(bk) {
            Ok(()) => S_OK,
            Err(e) => bad(
                rt,
                e,
                format!("IMAPITable::FreeBookmark: bookmark {bk} is not valid on this view"),
            ),
        }
    })
}

unsafe extern "system" fn vw_sort_table(
    This: *mut IMAPITable,
    lpSort: *mut SSortOrderSet,
    _flags: ULONG,
) -> HRESULT {
    with_view(This, "SortTable", |rt, _, _, vs| {
        match cabi::read_sort(lpSort).and_then(|(k, c)| check_sort(&k, c).map(|_| k)) {
            Ok(k) => {
                vs.view.sort_by(k);
                S_OK
            }
            Err(e) => bad(rt, e, "IMAPITable::SortTable: lpSortCriteria is NULL or not valid (only TABLE_SORT_ASCEND/DESCEND, no categories)"),
        }
    })
}

unsafe extern "system" fn vw_query_sort_order(
    This: *mut IMAPITable,
    lpp: *mut *mut SSortOrderSet,
) -> HRESULT {
    with_view(This, "QuerySortOrder", |rt, o, _, vs| {
        if lpp.is_null() {
            return bad(
                rt,
                E_INVALIDARG,
                "IMAPITable::QuerySortOrder: lppSortCriteria is NULL",
            );
        }
        deliver(lpp, o.alloc.sort_set(&vs.view.sort))
    })
}

unsafe extern "system" fn vw_query_rows(
    This: *mut IMAPITable,
    lRowCount: i32,
    ulFlags: ULONG,
    lppRows: *mut *mut SRowSet,
) -> HRESULT {
    with_view(This, "QueryRows", |rt, o, t, vs| {
        if lppRows.is_null() {
            return bad(rt, E_INVALIDARG, "IMAPITable::QueryRows: lppRows is NULL");
        }
        if lRowCount == 0 {
            return bad(rt, E_INVALIDARG, "IMAPITable::QueryRows: lRowCount is 0");
        }
        let saved = vs.view.cursor;
        let rows = vs
            .view
            .query_rows(t, lRowCount, ulFlags & TBL_NOADVANCE != 0);
        match o.alloc.rowset(&rows) {
            Ok(p) => {
                *lppRows = p;
                S_OK
            }
            Err(e) => {
                vs.view.cursor = saved;
                e
            }
        }
    })
}

unsafe extern "system" fn vw_abort(This: *mut IMAPITable) -> HRESULT {
    with_view(This, "Abort", |_, _, _, _| S_OK)
}

unsafe extern "system" fn vw_expand_row(
    This: *mut IMAPITable,
    _cb: ULONG,
    _pb: *mut u8,
    _n: ULONG,
    _flags: ULONG,
    _rows: *mut *mut SRowSet,
    _more: *mut ULONG,
) -> HRESULT {
    with_view(This, "ExpandRow", |_, _, _, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn vw_collapse_row(
    This: *mut IMAPITable,
    _cb: ULONG,
    _pb: *mut u8,
    _flags: ULONG,
    _n: *mut ULONG,
) -> HRESULT {
    with_view(This, "CollapseRow", |_, _, _, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn vw_wait_for_completion(
    This: *mut IMAPITable,
    _flags: ULONG,
    _timeout: ULONG,
    lpStatus: *mut ULONG,
) -> HRESULT {
    with_view(This, "WaitForCompletion", |_, _, _, _| {
        write_out(lpStatus, TBLSTAT_COMPLETE);
        S_OK
    })
}

unsafe extern "system" fn vw_get_collapse_state(
    This: *mut IMAPITable,
    _flags: ULONG,
    _cb: ULONG,
    _pb: *mut u8,
    _pcb: *mut ULONG,
    _ppb: *mut *mut u8,
) -> HRESULT {
    with_view(This, "GetCollapseState", |_, _, _, _| MAPI_E_NO_SUPPORT)
}

unsafe extern "system" fn vw_set_collapse_state(
    This: *mut IMAPITable,
    _flags: ULONG,
    _cb: ULONG,
    _pb: *mut u8,
    _bk: *mut BOOKMARK,
) -> HRESULT {
    with_view(This, "SetCollapseState", |_, _, _, _| MAPI_E_NO_SUPPORT)
}

static VIEW_VTBL: IMAPITableVtbl = IMAPITableVtbl {
    QueryInterface: Some(vw_query_interface),
    AddRef: Some(vw_add_ref),
    Release: Some(vw_release),
    GetLastError: Some(vw_get_last_error),
    Advise: Some(vw_advise),
    Unadvise: Some(vw_unadvise),
    GetStatus: Some(vw_get_status),
    SetColumns: Some(vw_set_columns),
    QueryColumns: Some(vw_query_columns),
    GetRowCount: Some(vw_get_row_count),
    SeekRow: Some(vw_seek_row),
    SeekRowApprox: Some(vw_seek_row_approx),
    QueryPosition: Some(vw_query_position),
    FindRow: Some(vw_find_row),
    Restrict: Some(vw_restrict),
    CreateBookmark: Some(vw_create_bookmark),
    FreeBookmark: Some(vw_free_bookmark),
    SortTable: Some(vw_sort_table),
    QuerySortOrder: Some(vw_query_sort_order),
    QueryRows: Some(vw_query_rows),
    Abort: Some(vw_abort),
    ExpandRow: Some(vw_expand_row),
    CollapseRow: Some(vw_collapse_row),
    WaitForCompletion: Some(vw_wait_for_completion),
    GetCollapseState: Some(vw_get_collapse_state),
    SetCollapseState: Some(vw_set_collapse_state),
};
