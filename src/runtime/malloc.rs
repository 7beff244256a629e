//! The `IMalloc` handed to provider entry points: a process-wide object, as MAPI's is, that really
//! allocates (and knows what it allocated, for `GetSize` and `DidAlloc`).
#![allow(non_snake_case)]

use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::LazyLock;

use parking_lot::Mutex;

use crate::com::{
    IID_IUnknown, IMalloc, IMallocVtbl, E_NOINTERFACE, E_POINTER, GUID, HRESULT, REFIID, S_OK,
    ULONG,
};

/// `IID_IMalloc` `{00000002-0000-0000-C000-000000000046}`.
pub const IID_IMALLOC: GUID = GUID::ole(0x0000_0002);

struct Malloc {
    object: IMalloc,
    live: Mutex<HashMap<usize, usize>>,
}

// SAFETY: the only raw pointer is the static vtable; the table is behind a mutex.
unsafe impl Send for Malloc {}
// SAFETY: as above.
unsafe impl Sync for Malloc {}

static MALLOC: LazyLock<Malloc> = LazyLock::new(|| Malloc {
    object: IMalloc {
        lpVtbl: &MALLOC_VTBL,
    },
    live: Mutex::new(HashMap::new()),
});

/// The process-wide `IMalloc` (never freed; AddRef/Release are informational).
pub fn imalloc() -> *mut IMalloc {
    &MALLOC.object as *const IMalloc as *mut IMalloc
}

/// Blocks currently allocated through the `IMalloc`.
pub fn live_blocks() -> usize {
    MALLOC.live.lock().len()
}

unsafe extern "system" fn QueryInterface(
    This: *mut IMalloc,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    if ppv.is_null() {
        return E_POINTER;
    }
    *ppv = std::ptr::null_mut();
    match riid.as_ref() {
        Some(iid) if *iid == IID_IUnknown || *iid == IID_IMALLOC => {
            *ppv = This.cast();
            S_OK
        }
        _ => E_NOINTERFACE,
    }
}
unsafe extern "system" fn AddRef(_This: *mut IMalloc) -> ULONG {
    1
}
unsafe extern "system" fn Release(_This: *mut IMalloc) -> ULONG {
    1
}
unsafe extern "system" fn Alloc(_This: *mut IMalloc, cb: usize) -> *mut c_void {
    let p = libc::malloc(cb.max(1));
    if !p.is_null() {
        MALLOC.live.lock().insert(p as usize, cb);
    }
    p
}
unsafe extern "system" fn Realloc(This: *mut IMalloc, pv: *mut c_void, cb: usize) -> *mut c_void {
    if pv.is_null() {
        return Alloc(This, cb);
    }
    if cb == 0 {
        Free(This, pv);
        return std::ptr::null_mut();
    }
    let mut live = MALLOC.live.lock();
    if !live.contains_key(&(pv as usize)) {
        return std::ptr::null_mut();
    }
    let q = libc::realloc(pv, cb);
    if !q.is_null() {
        live.remove(&(pv as usize));
        live.insert(q as usize, cb);
    }
    q
}
unsafe extern "system" fn Free(_This: *mut IMalloc, pv: *mut c_void) {
    if !pv.is_null() && MALLOC.live.lock().remove(&(pv as usize)).is_some() {
        libc::free(pv);
    }
}
unsafe extern "system" fn GetSize(_This: *mut IMalloc, pv: *mut c_void) -> usize {
    MALLOC
        .live
        .lock()
        .get(&(pv as usize))
        .copied()
        .unwrap_or(usize::MAX)
}
unsafe extern "system" fn DidAlloc(_This: *mut IMalloc, pv: *mut c_void) -> i32 {
    if pv.is_null() {
        -1
    } else {
        i32::from(MALLOC.live.lock().contains_key(&(pv as usize)))
    }
}
unsafe extern "system" fn HeapMinimize(_This: *mut IMalloc) {}

static MALLOC_VTBL: IMallocVtbl = IMallocVtbl {
    QueryInterface: Some(QueryInterface),
    AddRef: Some(AddRef),
    Release: Some(Release),
    Alloc: Some(Alloc),
    Realloc: Some(Realloc),
    Free: Some(Free),
    GetSize: Some(GetSize),
    DidAlloc: Some(DidAlloc),
    HeapMinimize: Some(HeapMinimize),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocates_reallocates_frees_and_knows_its_blocks() {
        let m = imalloc();
        unsafe {
            let v = &*(*m).lpVtbl;
            let p = v.Alloc.unwrap()(m, 10);
            assert!(!p.is_null());
            assert_eq!(v.GetSize.unwrap()(m, p), 10);
            assert_eq!(v.DidAlloc.unwrap()(m, p), 1);
            let q = v.Realloc.unwrap()(m, p, 100);
            assert_eq!(v.GetSize.unwrap()(m, q), 100);
            v.Free.unwrap()(m, q);
            assert_eq!(v.DidAlloc.unwrap()(m, q), 0);
            let mut out = std::ptr::null_mut();
            assert_eq!(v.QueryInterface.unwrap()(m, &IID_IMALLOC, &mut out), S_OK);
            assert_eq!(out, m.cast());
        }
    }
}
