//! The MAPI entry points under their MAPI names (SPEC §1). They are `extern "system"` (`__stdcall` on
//! 32-bit Windows, as in the SDK), so cbindgen skips them: `include/mockmapi_abi.h` declares them.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void, CStr};

use crate::com::{
    IMAPISession, E_INVALIDARG, HRESULT, LPTSTR, MAPI_E_NOT_ENOUGH_MEMORY, SCODE, S_OK, ULONG,
    ULONG_PTR,
};
use crate::runtime::alloc::AllocError;
use crate::runtime::{Method, Runtime};

use super::{with_runtime, write_out};

/// `MAPI_UNICODE`: the profile name and password are wide strings.
pub const MAPI_UNICODE: ULONG = 0x8000_0000;

/// Initialize (reference counted); see `include/mockmapi_abi.h`.
#[no_mangle]
pub unsafe extern "system" fn MAPIInitialize(lpMapiInit: *mut c_void) -> HRESULT {
    with_runtime(Method::MAPIInitialize, crate::com::E_UNEXPECTED, |rt| {
        rt.initialize(lpMapiInit)
    })
}

/// Balance one MAPIInitialize; the last one tears the subsystem down.
#[no_mangle]
pub unsafe extern "system" fn MAPIUninitialize() {
    with_runtime(Method::MAPIUninitialize, (), |rt| rt.uninitialize())
}

/// Log on: a new session; see `include/mockmapi_abi.h`.
#[no_mangle]
pub unsafe extern "system" fn MAPILogonEx(
    ulUIParam: ULONG_PTR,
    lpszProfileName: LPTSTR,
    lpszPassword: LPTSTR,
    ulFlags: ULONG,
    lppSession: *mut *mut IMAPISession,
) -> HRESULT {
    let _ = (ulUIParam, lpszPassword);
    with_runtime(Method::MAPILogonEx, crate::com::E_UNEXPECTED, |rt| {
        if lppSession.is_null() {
            return rt.reject(
                Method::MAPILogonEx,
                E_INVALIDARG,
                "MAPILogonEx: lppSession is NULL",
            );
        }
        let profile = profile_name(lpszProfileName, ulFlags);
        match rt.logon(profile.as_deref(), ulFlags) {
            Ok(session) => {
                write_out(lppSession, session);
                S_OK
            }
            Err(hr) => hr,
        }
    })
}

/// The profile name as text: ANSI (taken as UTF-8, lossily) or, with `MAPI_UNICODE`, a `wchar_t` string.
unsafe fn profile_name(p: LPTSTR, flags: ULONG) -> Option<String> {
    if p.is_null() {
        return None;
    }
    if flags & MAPI_UNICODE != 0 {
        let mut w = p as *const libc::wchar_t;
        let mut units = Vec::new();
        // One unit past the limit is enough for the runtime to refuse the name; never read further.
        let most = crate::policy::config::MAX_PROFILE_NAME_CHARS + 1;
        while *w != 0 && units.len() < most {
            units.push(*w as u32);
            w = w.add(1);
        }
        return Some(wide_to_string(&units));
    }
    Some(
        CStr::from_ptr(p as *const c_char)
            .to_string_lossy()
            .into_owned(),
    )
}

fn wide_to_string(units: &[u32]) -> String {
    if std::mem::size_of::<libc::wchar_t>() == 2 {
        let u16s: Vec<u16> = units.iter().map(|&u| u as u16).collect();
        String::from_utf16_lossy(&u16s)
    } else {
        units
            .iter()
            .map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect()
    }
}

/// Allocate a root buffer; see `include/mockmapi_abi.h`.
#[no_mangle]
pub unsafe extern "system" fn MAPIAllocateBuffer(
    cbSize: ULONG,
    lppBuffer: *mut *mut c_void,
) -> SCODE {
    with_runtime(Method::MAPIAllocateBuffer, crate::com::E_UNEXPECTED, |rt| {
        if lppBuffer.is_null() {
            return rt.reject(
                Method::MAPIAllocateBuffer,
                E_INVALIDARG,
                "MAPIAllocateBuffer: lppBuffer is NULL",
            );
        }
        if let Err(hr) = rt.check_ready(Method::MAPIAllocateBuffer) {
            return hr;
        }
        match rt.allocations().allocate(cbSize) {
            Ok(p) => {
                write_out(lppBuffer, p.cast());
                S_OK
            }
            Err(e) => alloc_error(rt, Method::MAPIAllocateBuffer, e),
        }
    })
}

/// Allocate a buffer chained to `lpObject`; see `include/mockmapi_abi.h`.
#[no_mangle]
pub unsafe extern "system" fn MAPIAllocateMore(
    cbSize: ULONG,
    lpObject: *mut c_void,
    lppBuffer: *mut *mut c_void,
) -> SCODE {
    with_runtime(Method::MAPIAllocateMore, crate::com::E_UNEXPECTED, |rt| {
        if lppBuffer.is_null() || lpObject.is_null() {
            return rt.reject(
                Method::MAPIAllocateMore,
                E_INVALIDARG,
                "MAPIAllocateMore: lpObject or lppBuffer is NULL",
            );
        }
        if let Err(hr) = rt.check_ready(Method::MAPIAllocateMore) {
            return hr;
        }
        match rt.allocations().allocate_more(cbSize, lpObject.cast()) {
            Ok(p) => {
                write_out(lppBuffer, p.cast());
                S_OK
            }
            Err(e) => alloc_error(rt, Method::MAPIAllocateMore, e),
        }
    })
}

/// Free a root buffer and everything chained to it; see `include/mockmapi_abi.h`.
#[no_mangle]
pub unsafe extern "system" fn MAPIFreeBuffer(lpBuffer: *mut c_void) -> ULONG {
    with_runtime(
        Method::MAPIFreeBuffer,
        crate::com::E_UNEXPECTED as ULONG,
        |rt| {
            if let Err(hr) = rt.check_ready(Method::MAPIFreeBuffer) {
                return hr as ULONG;
            }
            match rt.allocations().free(lpBuffer.cast()) {
                Ok(()) => S_OK as ULONG,
                Err(e) => alloc_error(rt, Method::MAPIFreeBuffer, e) as ULONG,
            }
        },
    )
}

fn alloc_error(rt: &Runtime, method: Method, e: AllocError) -> SCODE {
    match e {
        AllocError::OutOfMemory => {
            rt.journal().diagnostic(
                method,
                0,
                format!(
                    "{}: not enough memory for the requested size (the limit is {} bytes per buffer)",
                    method.name(),
                    crate::runtime::alloc::MAX_BUFFER_BYTES
                ),
            );
            MAPI_E_NOT_ENOUGH_MEMORY
        }
        AllocError::UnknownBuffer => rt.reject(
            method,
            E_INVALIDARG,
            format!("{}: the buffer was not allocated by MAPIAllocateBuffer/MAPIAllocateMore, or is already freed", method.name()),
        ),
        AllocError::NotARoot => rt.reject(
            method,
            E_INVALIDARG,
            "MAPIFreeBuffer on a buffer from MAPIAllocateMore: free the MAPIAllocateBuffer buffer it is chained to instead",
        ),
    }
}
