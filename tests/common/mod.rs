//! A provider object for Rust tests, shaped like a C provider: `lpVtbl` first, an embedded
//! `IMAPIProviderShutdown` sharing one atomic reference count, configurable results, counted calls.
#![allow(dead_code, non_snake_case)]

pub mod provider_lib;

/// Everything a finished command printed, stdout then stderr.
pub fn output_text(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

use std::ffi::c_void;
use std::mem::offset_of;
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

use mockmapi::com::*;

#[repr(C)]
pub struct TestProvider {
    lpVtbl: *const mockmapi_provider_vtbl,
    shutdown: IMAPIProviderShutdown,
    pub refs: AtomicU32,
    pub has_shutdown: bool,
    pub hr_query: AtomicI32,
    pub hr_do: AtomicI32,
    pub calls: [AtomicU32; 4], // query, notify, do, shutdown
}

impl TestProvider {
    pub fn new(has_shutdown: bool) -> Box<TestProvider> {
        Box::new(TestProvider {
            lpVtbl: &PROVIDER_VTBL,
            shutdown: IMAPIProviderShutdown {
                lpVtbl: &SHUTDOWN_VTBL,
            },
            refs: AtomicU32::new(1),
            has_shutdown,
            hr_query: AtomicI32::new(S_OK),
            hr_do: AtomicI32::new(S_OK),
            calls: Default::default(),
        })
    }

    pub fn unknown(&self) -> *mut IUnknown {
        self as *const TestProvider as *mut IUnknown
    }

    pub fn shutdown_ptr(&self) -> *const c_void {
        &self.shutdown as *const IMAPIProviderShutdown as *const c_void
    }

    pub fn count(&self, i: usize) -> u32 {
        self.calls[i].load(Ordering::SeqCst)
    }
}

unsafe fn from_shutdown<'a>(p: *mut IMAPIProviderShutdown) -> &'a TestProvider {
    &*((p as *const u8).sub(offset_of!(TestProvider, shutdown)) as *const TestProvider)
}

unsafe extern "system" fn qi(
    This: *mut mockmapi_provider,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    let p = &*(This as *const TestProvider);
    if *riid == IID_IMAPIProviderShutdown && p.has_shutdown {
        p.refs.fetch_add(1, Ordering::SeqCst);
        *ppv = p.shutdown_ptr() as *mut c_void;
        S_OK
    } else if *riid == IID_IUnknown {
        p.refs.fetch_add(1, Ordering::SeqCst);
        *ppv = This.cast();
        S_OK
    } else {
        *ppv = std::ptr::null_mut();
        E_NOINTERFACE
    }
}
unsafe extern "system" fn add_ref(This: *mut mockmapi_provider) -> ULONG {
    (*(This as *const TestProvider))
        .refs
        .fetch_add(1, Ordering::SeqCst)
        + 1
}
unsafe extern "system" fn release(This: *mut mockmapi_provider) -> ULONG {
    (*(This as *const TestProvider))
        .refs
        .fetch_sub(1, Ordering::SeqCst)
        - 1
}
unsafe extern "system" fn shutdown(This: *mut mockmapi_provider, _flags: *mut ULONG) -> HRESULT {
    (*(This as *const TestProvider)).calls[3].fetch_add(1, Ordering::SeqCst);
    S_OK
}
unsafe extern "system" fn ps_qi(
    This: *mut IMAPIProviderShutdown,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    qi(
        from_shutdown(This) as *const TestProvider as *mut mockmapi_provider,
        riid,
        ppv,
    )
}
unsafe extern "system" fn ps_add_ref(This: *mut IMAPIProviderShutdown) -> ULONG {
    from_shutdown(This).refs.fetch_add(1, Ordering::SeqCst) + 1
}
unsafe extern "system" fn ps_release(This: *mut IMAPIProviderShutdown) -> ULONG {
    from_shutdown(This).refs.fetch_sub(1, Ordering::SeqCst) - 1
}
unsafe extern "system" fn ps_query(This: *mut IMAPIProviderShutdown) -> HRESULT {
    let p = from_shutdown(This);
    p.calls[0].fetch_add(1, Ordering::SeqCst);
    p.hr_query.load(Ordering::SeqCst)
}
unsafe extern "system" fn ps_notify(This: *mut IMAPIProviderShutdown) -> HRESULT {
    from_shutdown(This).calls[1].fetch_add(1, Ordering::SeqCst);
    S_OK
}
unsafe extern "system" fn ps_do(This: *mut IMAPIProviderShutdown) -> HRESULT {
    let p = from_shutdown(This);
    p.calls[2].fetch_add(1, Ordering::SeqCst);
    p.hr_do.load(Ordering::SeqCst)
}

static PROVIDER_VTBL: mockmapi_provider_vtbl = mockmapi_provider_vtbl {
    QueryInterface: Some(qi),
    AddRef: Some(add_ref),
    Release: Some(release),
    Shutdown: Some(shutdown),
};
static SHUTDOWN_VTBL: IMAPIProviderShutdownVtbl = IMAPIProviderShutdownVtbl {
    QueryInterface: Some(ps_qi),
    AddRef: Some(ps_add_ref),
    Release: Some(ps_release),
    QueryFastShutdown: Some(ps_query),
    NotifyProcessShutdown: Some(ps_notify),
    DoFastShutdown: Some(ps_do),
};

/// The session's client shutdown interface, through its vtable.
pub unsafe fn client_shutdown(session: *mut IMAPISession) -> *mut IMAPIClientShutdown {
    let mut p: *mut c_void = std::ptr::null_mut();
    let hr =
        ((*(*session).lpVtbl).QueryInterface.unwrap())(session, &IID_IMAPIClientShutdown, &mut p);
    assert_eq!(hr, S_OK);
    p.cast()
}

pub unsafe fn query(cs: *mut IMAPIClientShutdown) -> HRESULT {
    ((*(*cs).lpVtbl).QueryFastShutdown.unwrap())(cs)
}
pub unsafe fn notify(cs: *mut IMAPIClientShutdown) -> HRESULT {
    ((*(*cs).lpVtbl).NotifyProcessShutdown.unwrap())(cs)
}
pub unsafe fn do_fast(cs: *mut IMAPIClientShutdown) -> HRESULT {
    ((*(*cs).lpVtbl).DoFastShutdown.unwrap())(cs)
}
pub unsafe fn release_cs(cs: *mut IMAPIClientShutdown) -> ULONG {
    ((*(*cs).lpVtbl).Release.unwrap())(cs)
}
pub unsafe fn release_session(s: *mut IMAPISession) -> ULONG {
    ((*(*s).lpVtbl).Release.unwrap())(s)
}
pub unsafe fn logoff(s: *mut IMAPISession) -> HRESULT {
    ((*(*s).lpVtbl).Logoff.unwrap())(s, 0, 0, 0)
}
