//! Fake providers: provider objects built from a spec — which interfaces they expose, what each method
//! returns, how long it takes, a callback per call, an inner object to forward unknown IIDs to — that count
//! their calls. With them a client author tests a client against opt-outs, slow providers and failures.
//!
//! The runtime owns their memory (like session objects), so a Release past zero is reported, not undefined.
#![allow(non_snake_case)]

use std::ffi::c_void;
use std::mem::offset_of;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::com::refcount::RefCount;
use crate::com::{
    mockmapi_provider, mockmapi_provider_vtbl, IID_IABProvider, IID_IMAPIProviderShutdown,
    IID_IMSProvider, IID_IUnknown, IID_IXPProvider, IMAPIProviderShutdown,
    IMAPIProviderShutdownVtbl, IUnknown, E_INVALIDARG, E_NOINTERFACE, E_POINTER, GUID, HRESULT,
    MAPI_E_NO_SUPPORT, REFIID, S_OK, ULONG,
};

use super::method::Method;
use super::provider::{ComPtr, ProviderKind};
use super::Inner;

/// Called inside every fake method (after its delay) with the result the spec plans; what it returns is what
/// the method returns. `context` is the spec's `callback_context`.
pub type FakeCallback = unsafe extern "C" fn(
    context: *mut c_void,
    provider: *mut IUnknown,
    method: u32,
    planned: HRESULT,
) -> HRESULT;

/// The four methods a fake answers with configured results, in this order in [`FakeSpec::results`].
pub const FAKE_METHODS: [Method; 4] = [
    Method::QueryFastShutdown,
    Method::NotifyProcessShutdown,
    Method::DoFastShutdown,
    Method::Shutdown,
];

/// How a fake behaves.
#[derive(Clone, Debug)]
pub struct FakeSpec {
    pub kind: ProviderKind,
    pub name: String,
    /// Whether `QueryInterface(IID_IMAPIProviderShutdown)` succeeds (otherwise it is forwarded to `inner`, if any).
    pub provider_shutdown: bool,
    /// Results of QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Shutdown.
    pub results: [HRESULT; 4],
    /// Delays of the same four methods.
    pub delays: [Duration; 4],
    pub callback: Option<(FakeCallback, usize)>,
    /// Unknown IIDs are forwarded here (the fake holds a reference until it is released).
    pub inner: Option<ComPtr>,
}

impl FakeSpec {
    /// A fake of `kind` that exposes `IMAPIProviderShutdown` and answers `S_OK` at once to everything.
    pub fn new(kind: ProviderKind, name: &str) -> FakeSpec {
        FakeSpec {
            kind,
            name: name.to_owned(),
            provider_shutdown: true,
            results: [S_OK; 4],
            delays: [Duration::ZERO; 4],
            callback: None,
            inner: None,
        }
    }
}

/// The provider object's vtable: the common provider prefix, then the kind-specific slots (`TransportLogon`,
/// `Logon`, `SpoolerLogon`, `CompareStoreIDs`), which a fake answers with `MAPI_E_NO_SUPPORT`.
#[repr(C)]
struct FakeVtbl {
    base: mockmapi_provider_vtbl,
    later: [unsafe extern "system" fn(This: *mut c_void) -> HRESULT; 3],
}

/// A fake provider object. `#[repr(C)]`, `lpVtbl` first.
#[repr(C)]
pub struct FakeProvider {
    lpVtbl: *const FakeVtbl,
    shutdown: IMAPIProviderShutdown,
    refs: RefCount,
    spec: FakeSpec,
    calls: [AtomicU32; Method::ALL.len()],
    runtime: Weak<Inner>,
}

// SAFETY: vtables are static; counts are atomic; the spec is read-only after creation; `inner` is a COM
// pointer documented as callable from any thread.
unsafe impl Send for FakeProvider {}
// SAFETY: as above.
unsafe impl Sync for FakeProvider {}

impl std::fmt::Debug for FakeProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeProvider")
            .field("name", &self.spec.name)
            .field("refs", &self.refs.get())
            .finish()
    }
}

fn slot(m: Method) -> usize {
    Method::ALL.iter().position(|x| *x == m).expect("listed")
}

impl FakeProvider {
    pub(crate) fn new(spec: FakeSpec, runtime: Weak<Inner>) -> Arc<FakeProvider> {
        Arc::new(FakeProvider {
            lpVtbl: &FAKE_VTBL,
            shutdown: IMAPIProviderShutdown {
                lpVtbl: &FAKE_SHUTDOWN_VTBL,
            },
            refs: RefCount::default(),
            spec,
            calls: std::array::from_fn(|_| AtomicU32::new(0)),
            runtime,
        })
    }

    /// The object as `IUnknown *` (also the provider object pointer).
    pub fn as_unknown(self: &Arc<Self>) -> *mut IUnknown {
        Arc::as_ptr(self) as *mut IUnknown
    }

    /// How many times `method` was called on this fake (QueryInterface, AddRef and Release count every call,
    /// through either interface).
    pub fn calls(&self, method: Method) -> u32 {
        self.calls[slot(method)].load(Ordering::SeqCst)
    }

    pub fn ref_count(&self) -> u32 {
        self.refs.get()
    }

    pub fn name(&self) -> &str {
        &self.spec.name
    }

    fn count(&self, m: Method) {
        self.calls[slot(m)].fetch_add(1, Ordering::SeqCst);
    }

    unsafe fn from_provider<'a>(p: *mut mockmapi_provider) -> Option<&'a FakeProvider> {
        (p as *const FakeProvider).as_ref()
    }

    unsafe fn from_shutdown<'a>(p: *mut IMAPIProviderShutdown) -> Option<&'a FakeProvider> {
        if p.is_null() {
            return None;
        }
        ((p as *const u8).sub(offset_of!(FakeProvider, shutdown)) as *const FakeProvider).as_ref()
    }

    fn self_unknown(&self) -> *mut IUnknown {
        self as *const FakeProvider as *mut IUnknown
    }

    fn query_interface(&self, riid: REFIID, ppv: *mut *mut c_void) -> HRESULT {
        self.count(Method::QueryInterface);
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: non-NULL out-pointer per COM contract.
        unsafe { *ppv = std::ptr::null_mut() };
        // SAFETY: a non-NULL riid points to an IID.
        let Some(iid) = (unsafe { riid.as_ref() }) else {
            return E_INVALIDARG;
        };
        let own: Option<*mut c_void> = if *iid == IID_IUnknown || *iid == self.kind_iid() {
            Some(self.self_unknown().cast())
        } else if *iid == IID_IMAPIProviderShutdown && self.spec.provider_shutdown {
            Some(&self.shutdown as *const IMAPIProviderShutdown as *mut c_void)
        } else {
            None
        };
        if let Some(p) = own {
            let _ = self.refs.add_ref();
            // SAFETY: checked non-NULL above.
            unsafe { *ppv = p };
            return S_OK;
        }
        match self.spec.inner {
            // SAFETY: the fake holds a reference on `inner`; forwarding QueryInterface is what a wrapper does.
            Some(inner) => unsafe {
                match (*inner.as_ptr())
                    .lpVtbl
                    .as_ref()
                    .and_then(|v| v.QueryInterface)
                {
                    Some(qi) => qi(inner.as_ptr(), riid, ppv),
                    None => E_NOINTERFACE,
                }
            },
            None => E_NOINTERFACE,
        }
    }

    fn kind_iid(&self) -> GUID {
        match self.spec.kind {
            ProviderKind::Transport => IID_IXPProvider,
            ProviderKind::AddressBook => IID_IABProvider,
            ProviderKind::Store => IID_IMSProvider,
        }
    }

    fn add_ref(&self) -> ULONG {
        self.count(Method::AddRef);
        match self.refs.add_ref() {
            Ok(n) => n,
            Err(_) => {
                self.report(Method::AddRef, "AddRef after the last Release");
                0
            }
        }
    }

    fn release(&self) -> ULONG {
        self.count(Method::Release);
        match self.refs.release() {
            Ok(0) => {
                if let Some(inner) = self.spec.inner {
                    // SAFETY: the reference taken at creation.
                    let _ = unsafe { inner.release() };
                }
                0
            }
            Ok(n) => n,
            Err(_) => {
                self.report(
                    Method::Release,
                    "over-release: Release on a fake provider whose reference count is 0",
                );
                0
            }
        }
    }

    fn report(&self, method: Method, what: &str) {
        if let Some(rt) = self.runtime.upgrade() {
            rt.journal.violation(
                method,
                0,
                format!(
                    "fake provider \"{}\": {what} [rule {}]",
                    self.spec.name,
                    crate::rules::COM_REFCOUNT
                ),
            );
        }
    }

    /// One of the four configured methods: count, wait, ask the callback, answer.
    fn answer(&self, index: usize) -> HRESULT {
        let method = FAKE_METHODS[index];
        self.count(method);
        let delay = self.spec.delays[index];
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        let planned = self.spec.results[index];
        match self.spec.callback {
            // SAFETY: the caller of mockmapi_fake_provider_create supplied this callback and context.
            Some((f, ctx)) => unsafe {
                f(
                    ctx as *mut c_void,
                    self.self_unknown(),
                    method as u32,
                    planned,
                )
            },
            None => planned,
        }
    }
}

unsafe extern "system" fn fake_QueryInterface(
    This: *mut mockmapi_provider,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    FakeProvider::from_provider(This).map_or(E_POINTER, |f| f.query_interface(riid, ppv))
}
unsafe extern "system" fn fake_AddRef(This: *mut mockmapi_provider) -> ULONG {
    FakeProvider::from_provider(This).map_or(0, FakeProvider::add_ref)
}
unsafe extern "system" fn fake_Release(This: *mut mockmapi_provider) -> ULONG {
    FakeProvider::from_provider(This).map_or(0, FakeProvider::release)
}
unsafe extern "system" fn fake_Shutdown(
    This: *mut mockmapi_provider,
    _flags: *mut ULONG,
) -> HRESULT {
    FakeProvider::from_provider(This).map_or(E_POINTER, |f| f.answer(3))
}
unsafe extern "system" fn fake_not_modelled(_This: *mut c_void) -> HRESULT {
    MAPI_E_NO_SUPPORT
}

static FAKE_VTBL: FakeVtbl = FakeVtbl {
    base: mockmapi_provider_vtbl {
        QueryInterface: Some(fake_QueryInterface),
        AddRef: Some(fake_AddRef),
        Release: Some(fake_Release),
        Shutdown: Some(fake_Shutdown),
    },
    later: [fake_not_modelled; 3],
};

unsafe extern "system" fn fake_ps_QueryInterface(
    This: *mut IMAPIProviderShutdown,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    FakeProvider::from_shutdown(This).map_or(E_POINTER, |f| f.query_interface(riid, ppv))
}
unsafe extern "system" fn fake_ps_AddRef(This: *mut IMAPIProviderShutdown) -> ULONG {
    FakeProvider::from_shutdown(This).map_or(0, FakeProvider::add_ref)
}
unsafe extern "system" fn fake_ps_Release(This: *mut IMAPIProviderShutdown) -> ULONG {
    FakeProvider::from_shutdown(This).map_or(0, FakeProvider::release)
}
unsafe extern "system" fn fake_ps_QueryFastShutdown(This: *mut IMAPIProviderShutdown) -> HRESULT {
    FakeProvider::from_shutdown(This).map_or(E_POINTER, |f| f.answer(0))
}
unsafe extern "system" fn fake_ps_NotifyProcessShutdown(
    This: *mut IMAPIProviderShutdown,
) -> HRESULT {
    FakeProvider::from_shutdown(This).map_or(E_POINTER, |f| f.answer(1))
}
unsafe extern "system" fn fake_ps_DoFastShutdown(This: *mut IMAPIProviderShutdown) -> HRESULT {
    FakeProvider::from_shutdown(This).map_or(E_POINTER, |f| f.answer(2))
}

static FAKE_SHUTDOWN_VTBL: IMAPIProviderShutdownVtbl = IMAPIProviderShutdownVtbl {
    QueryInterface: Some(fake_ps_QueryInterface),
    AddRef: Some(fake_ps_AddRef),
    Release: Some(fake_ps_Release),
    QueryFastShutdown: Some(fake_ps_QueryFastShutdown),
    NotifyProcessShutdown: Some(fake_ps_NotifyProcessShutdown),
    DoFastShutdown: Some(fake_ps_DoFastShutdown),
};

impl super::Runtime {
    /// Create a fake provider with one reference, owned by the caller. The runtime keeps its memory until the
    /// reset after its last Release. `spec.inner`, if any, is AddRef'd here and released with the fake.
    pub fn create_fake_provider(&self, spec: FakeSpec) -> *mut IUnknown {
        if let Some(inner) = spec.inner {
            // SAFETY: the caller passes a live COM object.
            let _ = unsafe { inner.add_ref() };
        }
        let fake = FakeProvider::new(spec, Arc::downgrade(&self.inner));
        let p = fake.as_unknown();
        self.inner.state.lock().fakes.push(fake);
        p
    }

    /// The fake provider at `p`, if `p` is one this runtime created (since the last reset, or before it and
    /// still held by the client).
    pub fn fake_provider(&self, p: *const c_void) -> Option<Arc<FakeProvider>> {
        let st = self.inner.state.lock();
        st.fakes
            .iter()
            .chain(&st.stale.fakes)
            .find(|f| Arc::as_ptr(f) as *const c_void == p)
            .cloned()
    }
}
