//! Provider records: the runtime's reference to a provider object, and the only code that calls providers.
//!
//! Every call here runs provider code, so none of it may run under the runtime lock.

use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::Arc;
use std::time::Duration;

use super::clock;

use crate::com::{
    succeeded, IID_IMAPIProviderShutdown, IMAPIProviderShutdown, IUnknown, E_NOINTERFACE,
    E_POINTER, HRESULT,
};

use super::journal::{c_string, Event, EventType, Journal};
use super::method::Method;

/// The provider kinds, in the order every fan-out visits them. Values are the `MOCKMAPI_PROVIDER_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u32)]
pub enum ProviderKind {
    Transport = 1,
    AddressBook = 2,
    Store = 3,
}

impl ProviderKind {
    /// Convert a `MOCKMAPI_PROVIDER_*` value; anything else is `None`.
    pub fn from_u32(v: u32) -> Option<ProviderKind> {
        match v {
            1 => Some(ProviderKind::Transport),
            2 => Some(ProviderKind::AddressBook),
            3 => Some(ProviderKind::Store),
            _ => None,
        }
    }

    /// The kind a label (`transport`, `address-book`, `store`) names, as configuration and scenario files write it.
    pub fn from_label(label: &str) -> Option<ProviderKind> {
        [
            ProviderKind::Transport,
            ProviderKind::AddressBook,
            ProviderKind::Store,
        ]
        .into_iter()
        .find(|k| k.label() == label)
    }

    /// The standard provider entry point of the kind.
    pub fn entry_point(self) -> &'static str {
        match self {
            ProviderKind::Transport => "XPProviderInit",
            ProviderKind::AddressBook => "ABProviderInit",
            ProviderKind::Store => "MSProviderInit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProviderKind::Transport => "transport",
            ProviderKind::AddressBook => "address-book",
            ProviderKind::Store => "store",
        }
    }
}

/// A COM pointer the runtime holds a reference on. The runtime never dereferences it under its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComPtr(NonNull<IUnknown>);

// SAFETY: COM objects given to the runtime are required (and documented) to be callable from any thread.
unsafe impl Send for ComPtr {}
// SAFETY: as above.
unsafe impl Sync for ComPtr {}

/// The longest provider display name accepted (bytes of UTF-8): names are kept for the life of the process, so
/// a runaway length is refused (`E_INVALIDARG`) instead of kept.
pub const MAX_NAME_BYTES: usize = 1024;

impl ComPtr {
    pub fn new(p: *mut IUnknown) -> Option<ComPtr> {
        NonNull::new(p).map(ComPtr)
    }

    pub fn as_ptr(self) -> *mut IUnknown {
        self.0.as_ptr()
    }

    /// Call AddRef. `Err` when the object's vtable or slot is NULL.
    ///
    /// # Safety
    /// The pointer must point to a live COM object.
    pub unsafe fn add_ref(self) -> Result<u32, &'static str> {
        let vtbl = (*self.as_ptr()).lpVtbl;
        let f = vtbl
            .as_ref()
            .ok_or("its lpVtbl is NULL")?
            .AddRef
            .ok_or("its AddRef slot is NULL")?;
        Ok(f(self.as_ptr()))
    }

    /// Call Release. `Err` when the object's vtable or slot is NULL.
    ///
    /// # Safety
    /// The pointer must point to a live COM object on which the caller holds a reference.
    pub unsafe fn release(self) -> Result<u32, &'static str> {
        let vtbl = (*self.as_ptr()).lpVtbl;
        let f = vtbl
            .as_ref()
            .ok_or("its lpVtbl is NULL")?
            .Release
            .ok_or("its Release slot is NULL")?;
        Ok(f(self.as_ptr()))
    }
}

/// One provider attached to one session. Dropping the last `Arc` releases the runtime's reference
/// (and journals that `Release`), so a provider stays alive while any fan-out still uses it.
#[derive(Debug)]
pub struct ProviderRecord {
    pub session: u32,
    pub kind: ProviderKind,
    pub name: super::journal::Name,
    pub object: ComPtr,
    pub(crate) journal: Arc<Journal>,
    /// The library the provider came from, kept loaded while the record lives (dropped after the Release).
    #[allow(dead_code)] // held, never read: it keeps the provider's code mapped
    pub(crate) library: Option<Arc<super::loader::Library>>,
}

/// The three `IMAPIProviderShutdown` methods the coordinator fans out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShutdownMethod {
    Query,
    Notify,
    Do,
}

impl ShutdownMethod {
    pub fn method(self) -> Method {
        match self {
            ShutdownMethod::Query => Method::QueryFastShutdown,
            ShutdownMethod::Notify => Method::NotifyProcessShutdown,
            ShutdownMethod::Do => Method::DoFastShutdown,
        }
    }
}

/// What a provider answered to one fan-out step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The provider does not expose `IMAPIProviderShutdown` (the QueryInterface result).
    NoInterface(HRESULT),
    /// The method ran and returned this.
    Called(HRESULT),
}

impl ProviderRecord {
    fn event(&self, event_type: EventType, method: Method) -> Event {
        Event {
            session: self.session,
            provider: Some(self.name.clone()),
            provider_kind: Some(self.kind),
            ..Event::new(event_type, method)
        }
    }

    fn problem(&self, method: Method, what: String) {
        self.journal.record(Event {
            message: Some(c_string(what)),
            ..self.event(EventType::Diagnostic, method)
        });
    }

    /// QueryInterface for `IID_IMAPIProviderShutdown`, the method, Release: two clock reads, one journal record.
    /// The recorded duration covers the QueryInterface and the method.
    pub fn call_shutdown_method(&self, which: ShutdownMethod) -> Outcome {
        let method = which.method();
        let t0 = clock::now();
        // SAFETY: the record holds a reference on `object`, so it is alive.
        let (hr, iface) = unsafe { self.query_provider_shutdown() };
        if !succeeded(hr) || iface.is_null() {
            let hr = if succeeded(hr) {
                self.problem(
                    Method::QueryInterface,
                    format!(
                        "QueryInterface(IID_IMAPIProviderShutdown) returned {} but a NULL pointer; treated as E_NOINTERFACE",
                        crate::com::hresult_display(hr)
                    ),
                );
                E_NOINTERFACE
            } else {
                hr
            };
            self.journal.record(Event {
                hresult: hr,
                duration: t0.elapsed(),
                object: self.object.as_ptr() as usize,
                ..self.event(EventType::ProviderCall, Method::QueryInterface)
            });
            return Outcome::NoInterface(hr);
        }
        // SAFETY: QueryInterface succeeded, so `iface` is a live IMAPIProviderShutdown we hold a reference on.
        let hr = unsafe { self.invoke(iface, which) };
        let t1 = clock::now();
        // SAFETY: releasing the reference QueryInterface gave us.
        let left = unsafe {
            (*iface)
                .lpVtbl
                .as_ref()
                .and_then(|v| v.Release)
                .map(|release| release(iface))
        };
        if left == Some(0) {
            self.problem(
                Method::Release,
                "reference counts do not balance: releasing the IMAPIProviderShutdown that QueryInterface returned \
                 brought the count to 0 while the runtime still holds its own reference (does QueryInterface \
                 forget to AddRef?)"
                    .into(),
            );
        }
        self.journal.record(Event {
            hresult: hr,
            duration: t0.until(t1),
            object: iface as usize,
            ..self.event(EventType::ProviderCall, method)
        });
        Outcome::Called(hr)
    }

    unsafe fn query_provider_shutdown(&self) -> (HRESULT, *mut IMAPIProviderShutdown) {
        let obj = self.object.as_ptr();
        let Some(vtbl) = (*obj).lpVtbl.as_ref() else {
            self.problem(
                Method::QueryInterface,
                "the provider object's lpVtbl is NULL; it cannot be called".into(),
            );
            return (E_POINTER, std::ptr::null_mut());
        };
        let Some(qi) = vtbl.QueryInterface else {
            self.problem(
                Method::QueryInterface,
                "the provider's QueryInterface slot is NULL".into(),
            );
            return (E_POINTER, std::ptr::null_mut());
        };
        let mut out: *mut c_void = std::ptr::null_mut();
        let hr = qi(obj, &IID_IMAPIProviderShutdown, &mut out);
        if !succeeded(hr) && !out.is_null() {
            self.problem(
                Method::QueryInterface,
                "QueryInterface failed but did not set *ppv to NULL (COM requires it)".into(),
            );
        }
        (
            hr,
            if succeeded(hr) {
                out.cast()
            } else {
                std::ptr::null_mut()
            },
        )
    }

    unsafe fn invoke(&self, iface: *mut IMAPIProviderShutdown, which: ShutdownMethod) -> HRESULT {
        let Some(vtbl) = (*iface).lpVtbl.as_ref() else {
            self.problem(
                which.method(),
                "the IMAPIProviderShutdown lpVtbl is NULL".into(),
            );
            return E_POINTER;
        };
        let slot = match which {
            ShutdownMethod::Query => vtbl.QueryFastShutdown,
            ShutdownMethod::Notify => vtbl.NotifyProcessShutdown,
            ShutdownMethod::Do => vtbl.DoFastShutdown,
        };
        match slot {
            Some(f) => f(iface),
            None => {
                self.problem(
                    which.method(),
                    format!("the {} slot is NULL", which.method().name()),
                );
                E_POINTER
            }
        }
    }

    /// The normal-shutdown call: `Shutdown(&flags)` with flags 0, journaled.
    pub fn call_shutdown(&self) -> HRESULT {
        let obj = self.object.as_ptr() as *mut crate::com::mockmapi_provider;
        let t0 = clock::now();
        let mut flags: u32 = 0;
        // SAFETY: the record holds a reference; slot 3 of every provider object is Shutdown (SPEC §1).
        let hr = unsafe {
            match (*obj).lpVtbl.as_ref().and_then(|v| v.Shutdown) {
                Some(f) => f(obj, &mut flags),
                None => {
                    self.problem(
                        Method::Shutdown,
                        "the provider's lpVtbl or Shutdown slot is NULL".into(),
                    );
                    E_POINTER
                }
            }
        };
        self.journal.record(Event {
            hresult: hr,
            duration: t0.elapsed(),
            object: obj as usize,
            ..self.event(EventType::ProviderCall, Method::Shutdown)
        });
        hr
    }
}

impl Drop for ProviderRecord {
    fn drop(&mut self) {
        let t0 = clock::now();
        // SAFETY: this is the reference the runtime took in `add_provider`.
        let result = unsafe { self.object.release() };
        let duration: Duration = t0.elapsed();
        match result {
            Ok(count) => {
                self.journal.record(Event {
                    duration,
                    object: self.object.as_ptr() as usize,
                    message: Some(c_string(format!("reference count now {count}"))),
                    ..self.event(EventType::ProviderCall, Method::Release)
                });
            }
            Err(why) => self.problem(
                Method::Release,
                format!("cannot Release the provider: {why}"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ProviderKind;

    #[test]
    fn labels_and_entry_points_of_the_kinds() {
        for k in [
            ProviderKind::Transport,
            ProviderKind::AddressBook,
            ProviderKind::Store,
        ] {
            assert_eq!(ProviderKind::from_label(k.label()), Some(k));
            assert_eq!(ProviderKind::from_u32(k as u32), Some(k));
        }
        assert_eq!(ProviderKind::from_label("printer"), None);
        assert_eq!(ProviderKind::AddressBook.entry_point(), "ABProviderInit");
    }
}
