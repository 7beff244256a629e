//! Provider records: the runtime's reference to a provider object, and the only code that calls providers.
//!
//! Every call here runs provider code, so none of it may run under the runtime lock.

use std::cell::RefCell;
use std::ffi::c_void;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

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
/// a runaway length is refused (`E_INVALIDARG`) instead of kept. The configuration file has the same limit.
pub const MAX_NAME_BYTES: usize = crate::policy::config::MAX_PROVIDER_NAME_BYTES;

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

/// One provider attached to one session. Dropping the last `Arc` releases the runtime's references (the
/// `IMAPIProviderShutdown` it holds, then the provider object) and journals that `Release` — unless the runtime
/// has exited (a client `DoFastShutdown` started calling providers): then nothing is called and the references
/// are kept by [`ExitLatch`] until `mockmapi_reset`, as the real process would never release them.
#[derive(Debug)]
pub struct ProviderRecord {
    pub session: u32,
    pub kind: ProviderKind,
    pub name: super::journal::Name,
    pub object: ComPtr,
    pub(crate) journal: Arc<Journal>,
    /// The library the provider came from, kept loaded while the record lives (dropped after the Release).
    pub(crate) library: Option<Arc<super::loader::Library>>,
    /// The `IMAPIProviderShutdown` obtained at the first client `QueryFastShutdown` that reached this provider,
    /// held (one reference) until the normal path releases the record. NULL: not obtained (yet).
    pub(crate) iface: AtomicPtr<IMAPIProviderShutdown>,
    /// Set (before `Shutdown` is called) when the normal path logs the provider off: no fast-shutdown call
    /// reaches it afterwards.
    pub(crate) closed: AtomicBool,
    pub(crate) latch: Arc<ExitLatch>,
    /// What the provider's logon gave the runtime (`mockmapi_session_logon_provider`); empty when not logged on.
    pub(crate) logon: Mutex<LogonObjects>,
}

/// The objects of one provider logon the runtime holds a reference on: the support object it handed the
/// provider (released last, after the provider object), the logon object the provider returned
/// (`IXPLogon`/`IABLogon`/`IMSLogon`), and a store's `IMsgStore`.
#[derive(Debug, Default)]
pub struct LogonObjects {
    pub support: Option<ComPtr>,
    pub logon: Option<ComPtr>,
    pub store: Option<ComPtr>,
}

impl LogonObjects {
    /// Release what is held: logon object and store first, the support object last. Returns what each
    /// Release answered, for the journal.
    ///
    /// # Safety
    /// The pointers are references the runtime owns.
    unsafe fn release_all(&mut self) -> Vec<(&'static str, Result<u32, &'static str>)> {
        let mut out = Vec::new();
        if let Some(store) = self.store.take() {
            out.push(("IMsgStore", store.release()));
        }
        if let Some(logon) = self.logon.take() {
            out.push(("logon object", logon.release()));
        }
        if let Some(support) = self.support.take() {
            out.push(("IMAPISupport", support.release()));
        }
        out
    }
}

/// `LOGON_NO_DIALOG` / `AB_NO_DIALOG` / `MDB_NO_DIALOG`: the logon flags the runtime passes (there is no UI).
const LOGON_NO_DIALOG: u32 = 0x0000_0001;

/// The exited state as provider records see it, the gate that keeps every other provider call out of the way
/// of a client `DoFastShutdown`, and the references the runtime keeps once exited.
///
/// The gate (RULES.md `MM-FS-EXITED`): every code path that may call a provider outside the `DoFastShutdown`
/// fan-out (the Query and Notify fan-outs, a Logoff's `Shutdown`s, a record's `Release`) holds a `Pass` for
/// its whole run and checks [`ExitLatch::is_exited`] before each provider call. `DoFastShutdown` sets the exited
/// flag, then waits until no pass of another thread is left before its first provider call. Both sides use
/// `SeqCst`: either the pass holder sees the flag (and calls nobody), or `DoFastShutdown` sees the pass (and
/// waits for it to end). A pass held by the thread that calls `DoFastShutdown` (a provider calling it from
/// inside a Query or Notify fan-out) is not waited for; that fan-out stops at its next check.
#[derive(Debug, Default)]
pub struct ExitLatch {
    exited: AtomicBool,
    /// Bumped after every logoff marks its providers closed: a fan-out that sees the value it started with
    /// needs no look at each provider record's `closed` flag.
    closes: AtomicU64,
    /// Passes held, all threads together.
    passes: AtomicUsize,
    /// Signalled when a pass ends after the exited state began.
    wake: Mutex<()>,
    ended: Condvar,
    kept: Mutex<Vec<Kept>>,
}

thread_local! {
    /// Passes this thread holds, per latch (by address): a handful at most, nested by re-entrant calls.
    // The initializer is const: clippy 1.96 says otherwise for windows-gnu targets built with -Zbuild-std.
    #[allow(clippy::missing_const_for_thread_local)]
    static OWN_PASSES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
}

/// A provider-calling run outside the `DoFastShutdown` fan-out (see [`ExitLatch`]). Ends when dropped.
#[must_use]
pub(crate) struct Pass<'a> {
    latch: &'a ExitLatch,
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        self.latch.own_passes_add(false);
        self.latch.passes.fetch_sub(1, Ordering::SeqCst);
        if self.latch.is_exited() {
            // Taking the lock orders this wake-up after a waiter's check (no lost wake-up).
            let _g = self.latch.wake.lock();
            self.latch.ended.notify_all();
        }
    }
}

/// How long a client `DoFastShutdown` waits for provider calls other threads began before it (RULES.md
/// `MM-FS-EXITED`) before it records a violation and calls its providers anyway.
pub const DO_WAITS_FOR_OTHER_CALLS: Duration = Duration::from_secs(5);

/// References the runtime holds on a provider after the exited state began: never released by MAPI.
#[derive(Debug)]
struct Kept {
    session: u32,
    kind: ProviderKind,
    name: super::journal::Name,
    object: ComPtr,
    iface: *mut IMAPIProviderShutdown,
    logon: LogonObjects,
    #[allow(dead_code)] // held, never read: it keeps the provider's code mapped
    library: Option<Arc<super::loader::Library>>,
}

// SAFETY: the pointers are COM objects documented as callable from any thread; they are only released by `reset`.
unsafe impl Send for Kept {}

impl ExitLatch {
    /// Whether the exited state began.
    pub fn is_exited(&self) -> bool {
        self.exited.load(Ordering::SeqCst)
    }

    /// How many logoffs closed providers so far (see `closes`).
    #[inline]
    pub(crate) fn closes(&self) -> u64 {
        self.closes.load(Ordering::SeqCst)
    }

    /// A logoff marked its providers closed (called after the marks, under the state lock).
    pub(crate) fn note_closed(&self) {
        self.closes.fetch_add(1, Ordering::SeqCst);
    }

    /// Enter (or leave, at reset) the exited state.
    pub(crate) fn set_exited(&self, exited: bool) {
        self.exited.store(exited, Ordering::SeqCst);
    }

    /// Begin a provider-calling run outside the `DoFastShutdown` fan-out; check [`ExitLatch::is_exited`]
    /// before each provider call made under it.
    pub(crate) fn pass(&self) -> Pass<'_> {
        self.passes.fetch_add(1, Ordering::SeqCst);
        self.own_passes_add(true);
        Pass { latch: self }
    }

    fn key(&self) -> usize {
        self as *const ExitLatch as usize
    }

    fn own_passes_add(&self, up: bool) {
        let key = self.key();
        // `try_with`: a record dropped while this thread's locals are being destroyed counts as no thread's.
        let _ = OWN_PASSES.try_with(|own| {
            let mut own = own.borrow_mut();
            match own.iter().position(|(k, _)| *k == key) {
                Some(i) if up => own[i].1 += 1,
                Some(i) => {
                    own[i].1 -= 1;
                    if own[i].1 == 0 {
                        own.swap_remove(i);
                    }
                }
                None if up => own.push((key, 1)),
                // A pass that began while this thread's locals were being destroyed: nothing to undo.
                None => {}
            }
        });
    }

    fn own_passes(&self) -> usize {
        let key = self.key();
        OWN_PASSES
            .try_with(|own| {
                own.borrow()
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(0, |(_, n)| *n)
            })
            .unwrap_or(0)
    }

    /// How many passes other threads hold now.
    pub(crate) fn others_passes(&self) -> usize {
        self.passes
            .load(Ordering::SeqCst)
            .saturating_sub(self.own_passes())
    }

    /// After entering the exited state: wait until no other thread holds a pass, at most `limit`.
    /// `Err` carries how many were still held then.
    pub(crate) fn wait_for_others(&self, limit: Duration) -> Result<(), usize> {
        let deadline = Instant::now() + limit;
        let mut g = self.wake.lock();
        loop {
            let others = self.others_passes();
            if others == 0 {
                return Ok(());
            }
            if self.ended.wait_until(&mut g, deadline).timed_out() {
                let others = self.others_passes();
                return if others == 0 { Ok(()) } else { Err(others) };
            }
        }
    }

    /// Keep a reference the runtime may no longer release (a provider object given to it after exit).
    pub(crate) fn keep_object(
        &self,
        object: ComPtr,
        kind: ProviderKind,
        name: super::journal::Name,
    ) {
        self.kept.lock().push(Kept {
            session: 0,
            kind,
            name,
            object,
            iface: std::ptr::null_mut(),
            logon: LogonObjects::default(),
            library: None,
        });
    }

    /// The test harness's teardown (`mockmapi_reset` after an exit): release every kept reference, journaled
    /// as the harness's, not as MAPI's.
    pub(crate) fn release_kept(&self, journal: &Journal) {
        let kept = std::mem::take(&mut *self.kept.lock());
        for mut k in kept {
            // SAFETY: references the runtime took and never released: the logon objects before the provider,
            // the support object (the mock's own) after it.
            let support = k.logon.support.take();
            unsafe { k.logon.release_all() };
            let left = unsafe { release_pair(k.iface, k.object) };
            if let Some(support) = support {
                let _ = unsafe { support.release() };
            }
            journal.record(Event {
                session: k.session,
                provider: Some(k.name.into()),
                provider_kind: Some(k.kind),
                object: k.object.as_ptr() as usize,
                message: Some(c_string(format!(
                    "test harness teardown (mockmapi_reset after DoFastShutdown), not a MAPI call: {}",
                    describe_release(left)
                ))),
                ..Event::new(EventType::ProviderCall, Method::Release)
            });
        }
    }

    /// Give up the kept references without releasing them and leave the exited state (a forked child must not
    /// touch the parent's objects). They stay reachable for the rest of the process.
    pub(crate) fn abandon(&self) {
        static ABANDONED: Mutex<Vec<Kept>> = Mutex::new(Vec::new());
        let kept = std::mem::take(&mut *self.kept.lock());
        ABANDONED.lock().extend(kept);
        self.set_exited(false);
        // A forked child has only this thread: passes other threads of the parent held do not exist here.
        self.passes.store(self.own_passes(), Ordering::SeqCst);
    }
}

/// What releasing the held interface and then the object found.
enum Released {
    /// The object's Release returned this count.
    Count(u32),
    /// Releasing the held `IMAPIProviderShutdown` already brought the count to 0: its QueryInterface did not
    /// AddRef, so the object was not released again (it is gone).
    InterfaceFreedObject,
    Failed(&'static str),
}

fn describe_release(r: Released) -> String {
    match r {
        Released::Count(n) => format!("reference count now {n}"),
        Released::InterfaceFreedObject => "releasing the IMAPIProviderShutdown the runtime held brought the count \
             to 0 before the runtime released its own reference to the provider object: QueryInterface \
             returned S_OK without AddRef (the provider object was not released again) [rule MM-COM-QI]"
            .to_owned(),
        Released::Failed(why) => format!("cannot Release the provider: {why}"),
    }
}

/// Release the held interface (if any), then the object.
///
/// # Safety
/// Both are references the caller owns.
unsafe fn release_pair(iface: *mut IMAPIProviderShutdown, object: ComPtr) -> Released {
    if !iface.is_null() {
        let left = (*iface)
            .lpVtbl
            .as_ref()
            .and_then(|v| v.Release)
            .map(|release| release(iface));
        if left == Some(0) {
            return Released::InterfaceFreedObject;
        }
    }
    match object.release() {
        Ok(n) => Released::Count(n),
        Err(why) => Released::Failed(why),
    }
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
            provider: Some(self.name.clone().into()),
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

    /// The `IMAPIProviderShutdown` the runtime holds for this provider, obtained by QueryInterface the first
    /// time (once per record: the interface is held until the normal path releases the record, never released
    /// between calls). `Err` carries the QueryInterface failure.
    pub(crate) fn shutdown_interface(&self) -> Result<*mut IMAPIProviderShutdown, HRESULT> {
        let held = self.iface.load(Ordering::Acquire);
        if !held.is_null() {
            return Ok(held);
        }
        // SAFETY: the record holds a reference on `object`, so it is alive.
        let (hr, iface) = unsafe { self.query_provider_shutdown() };
        if !succeeded(hr) || iface.is_null() {
            return Err(if succeeded(hr) { E_NOINTERFACE } else { hr });
        }
        match self.iface.compare_exchange(
            std::ptr::null_mut(),
            iface,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => Ok(iface),
            Err(existing) => {
                // Another thread's fan-out obtained it first: give back this second reference (before any exit,
                // since fan-outs stop calling providers once exited).
                // SAFETY: the reference QueryInterface just gave us.
                unsafe {
                    if let Some(release) = (*iface).lpVtbl.as_ref().and_then(|v| v.Release) {
                        release(iface);
                    }
                }
                Ok(existing)
            }
        }
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
        if succeeded(hr) && out.is_null() {
            self.problem(
                Method::QueryInterface,
                format!(
                    "QueryInterface(IID_IMAPIProviderShutdown) returned {} but a NULL pointer; treated as E_NOINTERFACE",
                    crate::com::hresult_display(hr)
                ),
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

    /// Call `which` on `iface`, reporting a NULL vtable or slot.
    ///
    /// # Safety
    /// `iface` is a live `IMAPIProviderShutdown` the record holds a reference on.
    pub(crate) unsafe fn invoke(
        &self,
        iface: *mut IMAPIProviderShutdown,
        which: ShutdownMethod,
    ) -> HRESULT {
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

    /// Release logon objects the runtime holds, each `Release` journaled (the support object's too: it is the
    /// mock's own, but a provider may still hold it).
    fn release_logon_objects(&self, logon: &mut LogonObjects) {
        // SAFETY: references the runtime owns (see `LogonObjects`).
        for (what, result) in unsafe { logon.release_all() } {
            let text = match result {
                Ok(n) => format!("{what}: reference count now {n}"),
                Err(why) => format!("{what}: cannot Release it: {why}"),
            };
            self.journal.record(Event {
                message: Some(c_string(text)),
                ..self.event(EventType::ProviderCall, Method::Release)
            });
        }
    }

    /// Log the provider on, as MAPI does after the entry point: `IXPProvider::TransportLogon`,
    /// `IABProvider::Logon` or `IMSProvider::Logon` with `support` (whose reference the record now owns, released
    /// after the provider object), no UI (`*_NO_DIALOG`) and the session's profile name. On success the logon
    /// object (and a store's `IMsgStore`) are kept until normal shutdown logs them off. A `MAPIERROR` or
    /// security buffer the provider returns is freed with `free`. The call is journaled with its result.
    pub(crate) fn call_logon(
        &self,
        support: ComPtr,
        profile: &std::ffi::CStr,
        free: Option<unsafe extern "system" fn(*mut c_void) -> u32>,
    ) -> HRESULT {
        use crate::com::{IABProvider, IMAPISupport, IMSProvider, IXPProvider, _MAPIERROR};
        self.logon.lock().support = Some(support);
        let method = match self.kind {
            ProviderKind::Transport => Method::TransportLogon,
            _ => Method::Logon,
        };
        let obj = self.object.as_ptr();
        let slot = self.journal.begin(Event {
            object: obj as usize,
            ..self.event(EventType::ProviderCall, method)
        });
        let sup = support.as_ptr() as *mut IMAPISupport;
        let name = profile.as_ptr() as *mut std::ffi::c_char;
        let mut error: *mut _MAPIERROR = std::ptr::null_mut();
        let mut security: *mut u8 = std::ptr::null_mut();
        let mut cb_security: u32 = 0;
        let mut logon: *mut c_void = std::ptr::null_mut();
        let mut store: *mut c_void = std::ptr::null_mut();
        let mut flags: u32 = LOGON_NO_DIALOG;
        // SAFETY: the record holds a reference on the provider; its vtable is the kind's (SPEC §1).
        let hr = unsafe {
            match self.kind {
                ProviderKind::Transport => {
                    let p = obj as *mut IXPProvider;
                    match (*p).lpVtbl.as_ref().and_then(|v| v.TransportLogon) {
                        Some(f) => f(
                            p,
                            sup,
                            0,
                            name,
                            &mut flags,
                            &mut error,
                            (&mut logon as *mut *mut c_void).cast(),
                        ),
                        None => E_POINTER,
                    }
                }
                ProviderKind::AddressBook => {
                    let p = obj as *mut IABProvider;
                    match (*p).lpVtbl.as_ref().and_then(|v| v.Logon) {
                        Some(f) => f(
                            p,
                            sup,
                            0,
                            name,
                            flags,
                            &mut cb_security,
                            &mut security,
                            &mut error,
                            (&mut logon as *mut *mut c_void).cast(),
                        ),
                        None => E_POINTER,
                    }
                }
                ProviderKind::Store => {
                    let p = obj as *mut IMSProvider;
                    match (*p).lpVtbl.as_ref().and_then(|v| v.Logon) {
                        Some(f) => f(
                            p,
                            sup,
                            0,
                            name,
                            0,
                            std::ptr::null_mut(),
                            flags,
                            std::ptr::null(),
                            &mut cb_security,
                            &mut security,
                            &mut error,
                            (&mut logon as *mut *mut c_void).cast(),
                            (&mut store as *mut *mut c_void).cast(),
                        ),
                        None => E_POINTER,
                    }
                }
            }
        };
        if hr == E_POINTER && logon.is_null() {
            self.problem(
                method,
                format!("the provider's lpVtbl or {} slot is NULL", method.name()),
            );
        }
        if let Some(free) = free {
            // SAFETY: buffers the provider allocated with the allocators it was given.
            unsafe {
                if !error.is_null() {
                    free(error.cast());
                }
                if !security.is_null() {
                    free(security.cast());
                }
            }
        }
        let mut held = self.logon.lock();
        let text = if succeeded(hr) {
            held.logon = ComPtr::new(logon.cast());
            held.store = ComPtr::new(store.cast());
            if held.logon.is_none() {
                drop(held);
                self.problem(
                    method,
                    format!(
                        "{} returned {} but no logon object; nothing will be logged off",
                        method.name(),
                        crate::com::hresult_display(hr)
                    ),
                );
                "no logon object returned".to_owned()
            } else {
                drop(held);
                let mut t = format!("logon object {:p}", logon);
                if self.kind == ProviderKind::Store {
                    t.push_str(&format!(", IMsgStore {:p}", store));
                }
                if self.kind == ProviderKind::Transport {
                    t.push_str(&format!(", flags returned 0x{flags:08X}"));
                }
                t
            }
        } else {
            drop(held);
            self.problem(
                method,
                format!(
                    "{} failed with {}: the provider is not logged on",
                    method.name(),
                    crate::com::hresult_display(hr)
                ),
            );
            "logon failed".to_owned()
        };
        self.journal.complete(slot, |e| {
            e.hresult = hr;
            e.message = Some(c_string(text));
        });
        hr
    }

    /// Normal shutdown of a logged-on provider, before its `Shutdown`: `IXPLogon::TransportLogoff(0)`,
    /// `IABLogon::Logoff(0)` or `IMSLogon::Logoff(&0)`, each journaled, then the runtime's references to the
    /// store and the logon object are released. The support object stays until the provider is released.
    fn log_off(&self) {
        use crate::com::mapiobj::{IABLogonVtblPrefix, IMSLogonVtblPrefix, IXPLogonVtblPrefix};
        let mut logon = {
            let mut held = self.logon.lock();
            LogonObjects {
                support: None,
                logon: held.logon.take(),
                store: held.store.take(),
            }
        };
        let Some(obj) = logon.logon else {
            return;
        };
        let method = match self.kind {
            ProviderKind::Transport => Method::TransportLogoff,
            ProviderKind::AddressBook => Method::ABLogoff,
            ProviderKind::Store => Method::MSLogoff,
        };
        let p = obj.as_ptr() as *mut c_void;
        let slot = self.journal.begin(Event {
            object: p as usize,
            ..self.event(EventType::ProviderCall, method)
        });
        // SAFETY: the runtime holds a reference on the logon object; its vtable is the kind's logon interface.
        let hr = unsafe {
            let vtbl = *(p as *const *const c_void);
            let f = if vtbl.is_null() {
                None
            } else {
                match self.kind {
                    ProviderKind::Transport => (*(vtbl as *const IXPLogonVtblPrefix))
                        .TransportLogoff
                        .map(|f| f(p, 0)),
                    ProviderKind::AddressBook => (*(vtbl as *const IABLogonVtblPrefix))
                        .Logoff
                        .map(|f| f(p, 0)),
                    ProviderKind::Store => {
                        let mut flags: u32 = 0;
                        (*(vtbl as *const IMSLogonVtblPrefix))
                            .Logoff
                            .map(|f| f(p, &mut flags))
                    }
                }
            };
            f.unwrap_or(E_POINTER)
        };
        self.journal.complete(slot, |e| e.hresult = hr);
        if hr == E_POINTER {
            self.problem(method, format!("cannot call {}: the logon object's lpVtbl or slot is NULL (or it returned E_POINTER)", method.name()));
        }
        self.release_logon_objects(&mut logon);
    }

    /// The normal-shutdown call: `Shutdown(&flags)` with flags 0, journaled.
    pub fn call_shutdown(&self) -> HRESULT {
        self.log_off();
        let obj = self.object.as_ptr() as *mut crate::com::mockmapi_provider;
        let slot = self.journal.begin(Event {
            object: obj as usize,
            ..self.event(EventType::ProviderCall, Method::Shutdown)
        });
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
        self.journal.complete(slot, |e| e.hresult = hr);
        hr
    }
}

impl Drop for ProviderRecord {
    fn drop(&mut self) {
        let iface = *self.iface.get_mut();
        let latch = self.latch.clone();
        let _pass = latch.pass();
        if latch.is_exited() {
            self.latch.kept.lock().push(Kept {
                session: self.session,
                kind: self.kind,
                name: self.name.clone(),
                object: self.object,
                iface,
                logon: std::mem::take(self.logon.get_mut()),
                library: self.library.take(),
            });
            return;
        }
        // A logon that was not logged off (reset, a failed logon): its objects go before the provider.
        let mut logon = std::mem::take(self.logon.get_mut());
        let support = logon.support.take();
        self.release_logon_objects(&mut logon);
        let slot = self.journal.begin(Event {
            object: self.object.as_ptr() as usize,
            ..self.event(EventType::ProviderCall, Method::Release)
        });
        // SAFETY: the references the runtime took in `add_provider` and at the first QueryFastShutdown.
        let result = unsafe { release_pair(iface, self.object) };
        let problem = !matches!(result, Released::Count(_));
        let text = describe_release(result);
        self.journal
            .complete(slot, |e| e.message = Some(c_string(text.clone())));
        if problem {
            self.problem(Method::Release, text);
        }
        // The support object last: the provider may use it until its final Release.
        logon.support = support;
        self.release_logon_objects(&mut logon);
    }
}

#[cfg(test)]
mod tests {
    use super::{ExitLatch, ProviderKind};
    use std::sync::Arc;
    use std::time::Duration;

    #[allow(non_snake_case)] // test names carry the rule id (RULES.md)
    /// MM-FS-EXITED: DoFastShutdown waits for the passes of other threads, never for its own thread's (a
    /// provider calling DoFastShutdown from inside a fan-out), and the wait is bounded.
    #[test]
    fn test_MM_FS_EXITED_do_waits_for_other_threads_passes_only_and_boundedly() {
        let latch = Arc::new(ExitLatch::default());
        let own = latch.pass();
        latch.set_exited(true);
        assert_eq!(
            latch.others_passes(),
            0,
            "this thread's pass is not another's"
        );
        assert_eq!(latch.wait_for_others(Duration::from_secs(60)), Ok(()));
        drop(own);

        let (held_tx, held_rx) = std::sync::mpsc::channel();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let other = {
            let latch = latch.clone();
            std::thread::spawn(move || {
                let _pass = latch.pass();
                held_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            })
        };
        held_rx.recv().unwrap();
        assert_eq!(latch.others_passes(), 1);
        // A pass that never ends: the wait gives up (bounded) and says how many were left.
        assert_eq!(latch.wait_for_others(Duration::from_millis(20)), Err(1));
        go_tx.send(()).unwrap();
        // Once it ends, the wait returns (woken, not timed out: the limit is far away).
        assert_eq!(latch.wait_for_others(Duration::from_secs(60)), Ok(()));
        other.join().unwrap();
        assert_eq!(latch.others_passes(), 0);
    }

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
