//! The MAPI subsystem model: process state, sessions, provider records, the fast-shutdown coordinator,
//! the normal shutdown path and the journal.
//!
//! [`Runtime`] is a plain Rust value; tests may create as many as they like. The C ABI (`src/ffi`) holds
//! exactly one, process-wide, as MAPI does.
//!
//! Locking: one state lock, never held while provider code runs (provider calls work on `Arc` snapshots
//! taken under the lock), and the journal's own lock, always taken last and only briefly.

pub mod alloc;
pub mod client;
pub mod clock;
mod coordinator;
#[cfg(any(unix, windows))]
pub mod exit_test;
pub mod expect;
pub mod fake;
pub mod journal;
mod lifecycle;
pub mod loader;
pub mod malloc;
pub mod method;
pub mod provider;
mod registry;
pub mod session;
pub mod text;

use std::collections::BTreeMap;
use std::sync::Arc;

use parking_lot::Mutex;

use crate::com::boundary::catch;
use crate::com::{HRESULT, MAPI_E_CALL_FAILED, MAPI_E_NOT_INITIALIZED};
use crate::policy::{Registry, DEFAULT_OFFICE_VERSION};

pub use journal::{Event, EventType, Journal};
pub use method::Method;
pub use provider::{ProviderKind, ProviderRecord};
pub use registry::Discovery;
pub use session::SessionObject;

/// What the runtime starts from, and returns to at every reset.
#[derive(Debug, Clone)]
pub struct Config {
    /// The emulated hive's contents.
    pub registry: Registry,
    /// The emulated Office version (`16.0` by default).
    pub office_version: String,
    /// The profiles `MAPILogonEx` knows, in configuration order.
    pub profiles: Vec<Profile>,
    /// The profile a NULL or empty profile name logs on to.
    pub default_profile: Option<String>,
}

/// A named profile: the providers a session logged on to it gets.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub providers: Vec<ProfileProvider>,
    /// The profile sections the configuration gives providers (`properties:`), by kind and name.
    pub sections: Vec<ProfileSection>,
}

/// A profile of the configuration file, in the runtime's terms.
pub(crate) fn profile_from_config(p: &crate::policy::config::ConfigProfile) -> Profile {
    use crate::policy::config::ConfigProviderSource;
    let providers = p
        .providers
        .iter()
        .map(|c| {
            let kind = ProviderKind::from_label(&c.kind)
                .expect("the configuration parser accepts only the kinds' labels");
            match &c.source {
                ConfigProviderSource::Library { path, entry } => {
                    ProfileProvider::Library(loader::ProviderSource {
                        kind,
                        name: c.name.clone(),
                        library: path.clone(),
                        entry: entry.clone(),
                    })
                }
                ConfigProviderSource::Fake(f) => {
                    let mut spec = fake::FakeSpec::new(kind, &c.name);
                    spec.provider_shutdown = !f.without_provider_shutdown;
                    spec.results = f.results;
                    spec.delays = f
                        .delays_ms
                        .map(|ms| std::time::Duration::from_millis(u64::from(ms)));
                    ProfileProvider::Fake(spec)
                }
            }
        })
        .collect();
    let sections = p
        .providers
        .iter()
        .filter(|c| !c.properties.is_empty())
        .map(|c| ProfileSection {
            kind: ProviderKind::from_label(&c.kind)
                .expect("the configuration parser accepts only the kinds' labels"),
            name: c.name.clone(),
            properties: c.properties.iter().map(section_prop).collect(),
        })
        .collect();
    Profile {
        name: p.name.clone(),
        providers,
        sections,
    }
}

/// A provider's profile section from the configuration: what `IMAPISupport::OpenProfileSection(NULL)` holds.
#[derive(Debug, Clone)]
pub struct ProfileSection {
    pub kind: ProviderKind,
    pub name: String,
    pub properties: Vec<crate::mapiutil::value::Prop>,
}

/// A configured property as a MAPI value of its tag's type (the parser checked that the two fit).
fn section_prop(p: &crate::policy::config::ConfigProperty) -> crate::mapiutil::value::Prop {
    use crate::com::mapidefs::{PT_I2, PT_I8, PT_UNICODE, WCHAR};
    use crate::mapiutil::value::{Prop, Value};
    use crate::policy::config::ConfigValue;
    let ty = p.tag & 0xFFFF;
    let value = match &p.value {
        ConfigValue::String(s) if ty == PT_UNICODE => Value::Unicode(
            // WCHAR is the platform's wchar_t: UTF-16 units on Windows, code points elsewhere.
            if std::mem::size_of::<WCHAR>() == 2 {
                s.encode_utf16().map(|u| u as WCHAR).collect()
            } else {
                s.chars().map(|c| c as WCHAR).collect()
            },
        ),
        ConfigValue::String(s) => Value::String8(s.as_bytes().to_vec()),
        ConfigValue::Integer(n) if ty == PT_I2 => Value::I2(*n as i16),
        ConfigValue::Integer(n) if ty == PT_I8 => Value::I8(*n),
        ConfigValue::Integer(n) => Value::Long(*n as i32),
        ConfigValue::Boolean(b) => Value::Boolean(u16::from(*b)),
        ConfigValue::Binary(b) => Value::Binary(b.clone()),
    };
    Prop::new(p.tag, value)
}

/// One provider of a profile.
#[derive(Debug, Clone)]
pub enum ProfileProvider {
    /// A provider library, loaded and initialized as Outlook does.
    Library(loader::ProviderSource),
    /// A fake provider built from a spec.
    Fake(fake::FakeSpec),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            registry: Registry::new(),
            office_version: DEFAULT_OFFICE_VERSION.to_owned(),
            profiles: Vec::new(),
            default_profile: None,
        }
    }
}

/// A mock MAPI subsystem.
#[derive(Clone)]
pub struct Runtime {
    pub(crate) inner: Arc<Inner>,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new(Config::default())
    }
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").finish_non_exhaustive()
    }
}

pub(crate) struct Inner {
    pub(crate) state: Mutex<State>,
    pub(crate) journal: Arc<Journal>,
    pub(crate) alloc: alloc::Allocations,
    /// Provider libraries loaded since the first `MAPIInitialize`; dropped at the last `MAPIUninitialize`
    /// (each provider record also keeps its library loaded). Never held while provider code runs.
    pub(crate) libraries: Mutex<Vec<Arc<loader::Library>>>,
    /// The MAPI functions handed to provider entry points.
    pub(crate) entry_points: loader::EntryPoints,
    /// The configuration files (see `registry.rs`); taken before `state`, never while holding it.
    pub(crate) files: Mutex<registry::Files>,
    /// The exited state as provider records see it (set with `State::exited`, under the state lock), and the
    /// references kept once exited.
    pub(crate) latch: Arc<provider::ExitLatch>,
}

/// One active (not logged-off) session.
pub(crate) struct SessionEntry {
    pub(crate) profile: String,
    /// The providers of each kind (transport, address book, store), in registration order: attaching one is a
    /// push, and the fan-out order is the three lists one after the other.
    pub(crate) by_kind: [Vec<Arc<ProviderRecord>>; 3],
}

impl SessionEntry {
    pub(crate) fn new(profile: String) -> SessionEntry {
        SessionEntry {
            profile,
            by_kind: [Vec::new(), Vec::new(), Vec::new()],
        }
    }

    /// The providers in fan-out order: transport → address book → store, registration order within a kind.
    pub(crate) fn providers(&self) -> impl Iterator<Item = &Arc<ProviderRecord>> {
        self.by_kind.iter().flatten()
    }

    /// The providers in fan-out order, given up.
    pub(crate) fn into_providers(self) -> impl Iterator<Item = Arc<ProviderRecord>> {
        self.by_kind.into_iter().flatten()
    }

    /// How many providers the session has.
    pub(crate) fn provider_count(&self) -> usize {
        self.by_kind.iter().map(Vec::len).sum()
    }

    /// The providers of one kind.
    pub(crate) fn of_kind(&mut self, kind: ProviderKind) -> &mut Vec<Arc<ProviderRecord>> {
        &mut self.by_kind[kind as usize - 1]
    }
}

pub(crate) struct State {
    pub(crate) config: Config,
    /// Results injected into `IMAPISupport` methods (`mockmapi_support_set_result`): provider name (`None`: every
    /// provider), method, result. Cleared by reset.
    pub(crate) support_results: Vec<(Option<String>, Method, HRESULT)>,
    pub(crate) init_count: u32,
    /// A client `DoFastShutdown` started calling providers: the process is gone as far as MAPI is concerned.
    pub(crate) exited: bool,
    /// That `DoFastShutdown` is still calling providers: the process is still alive, so the memory functions
    /// (`MAPIAllocateBuffer`, `MAPIAllocateMore`, `MAPIFreeBuffer`) a provider saving its data may use still work.
    pub(crate) exit_fan_out: bool,
    /// Bumped by every reset; a session object from an older generation is stale.
    pub(crate) generation: u64,
    pub(crate) next_session: u32,
    /// Active sessions by id; ids grow in logon order, so iteration is logon order.
    pub(crate) sessions: BTreeMap<u32, SessionEntry>,
    /// Every provider of `sessions` in fan-out order; `None` after any change to `sessions` (every code path
    /// that changes them clears it).
    pub(crate) order: Option<Order>,
    /// Every session object since the last reset, including released ones: the runtime owns their memory,
    /// so an over-release is detected instead of touching freed memory.
    /// Keyed by the object's address (the `IMAPISession *`), so the control API finds a session in O(1).
    pub(crate) objects: std::collections::HashMap<usize, Arc<SessionObject>>,
    /// Fake providers created since the last reset (the runtime owns their memory, as for sessions).
    pub(crate) fakes: Vec<Arc<fake::FakeProvider>>,
    /// Session objects and fakes from before the last reset that the client still held then.
    pub(crate) stale: Stale,
    /// The fast-shutdown sequence the most recent completed client QueryFastShutdown began (`None`: no query
    /// since the last reset, last MAPIUninitialize, or a query is running).
    pub(crate) sequence: Option<Sequence>,
    /// Bumped by every client QueryFastShutdown at its start: a query installs its sequence only if no other
    /// query started since.
    pub(crate) queries: u64,
    /// Bumped by every logon and provider attachment; `added_what` says what the latest one was. A query that
    /// saw another value at its start no longer stands.
    pub(crate) added: u64,
    pub(crate) added_what: String,
    pub(crate) registry: Registry,
    pub(crate) office_version: String,
    /// Windows only: the policy is read from the real registry (no emulation was selected).
    pub(crate) native_registry: bool,
}

impl State {
    fn new(config: Config, generation: u64) -> State {
        State {
            registry: config.registry.clone(),
            office_version: config.office_version.clone(),
            config,
            support_results: Vec::new(),
            init_count: 0,
            exited: false,
            exit_fan_out: false,
            generation,
            next_session: 1,
            sessions: BTreeMap::new(),
            order: Some(Arc::default()),
            objects: std::collections::HashMap::new(),
            fakes: Vec::new(),
            stale: Stale::default(),
            sequence: None,
            queries: 0,
            added: 0,
            added_what: String::new(),
            native_registry: false,
        }
    }

    /// Every provider of every active session, in fan-out order.
    /// Built once per change of sessions or providers and shared by every fan-out until the next change (one
    /// `Arc` clone per client call instead of one per provider).
    pub(crate) fn providers_in_order(&mut self) -> Order {
        if let Some(order) = &self.order {
            return order.clone();
        }
        let records = || self.sessions.values().flat_map(|s| s.providers());
        let order = Arc::new(OrderData {
            calls: records().map(Call::of).collect(),
            names: Arc::new(records().map(|r| r.name.clone()).collect()),
        });
        self.order = Some(order.clone());
        order
    }

    /// Keep the order cache current after the last `new` providers of session `id` were attached: when they go
    /// last in the fan-out order (`at_end`: nothing of a later kind in the session, and the session is the
    /// newest) and no fan-out shares the cache, they are appended; otherwise the cache is dropped and rebuilt
    /// by the next query. So a client that logs on and attaches in order never pays for a rebuild.
    pub(crate) fn extend_order(&mut self, id: u32, at_end: bool, new: usize) {
        let newest = self.sessions.keys().next_back() == Some(&id);
        let extended = match (self.sessions.get(&id), self.order.as_mut()) {
            (Some(entry), Some(order)) if at_end && newest => match Arc::get_mut(order) {
                Some(o) => match Arc::get_mut(&mut o.names) {
                    Some(names) => {
                        let skip = entry.provider_count().saturating_sub(new);
                        for r in entry.providers().skip(skip) {
                            o.calls.push(Call::of(r));
                            names.push(r.name.clone());
                        }
                        true
                    }
                    None => false,
                },
                None => false,
            },
            _ => false,
        };
        if !extended {
            self.order = None;
        }
    }
}

/// Objects a test left behind (still referenced by the client at a reset): kept allocated, so a late call or
/// `Release` touches valid memory, but out of the way of later tests. A reset looks only at what the last
/// test created; the stale ones are swept for released objects when their number has doubled since the last
/// sweep, so a reset costs O(1) amortized for them and memory stays bounded by what the client still holds.
#[derive(Default)]
pub(crate) struct Stale {
    pub(crate) objects: std::collections::HashMap<usize, Arc<SessionObject>>,
    pub(crate) fakes: Vec<Arc<fake::FakeProvider>>,
    /// How many there were after the last sweep.
    swept: usize,
}

impl Stale {
    /// Drop (into `released`) the stale objects the client has released since, when it is time to.
    pub(crate) fn sweep(&mut self, released: &mut Vec<Box<dyn std::any::Any + Send>>) {
        let n = self.objects.len() + self.fakes.len();
        if n < 64 || n < 2 * self.swept {
            return;
        }
        self.objects.retain(|_, o| {
            let held = o.ref_count() > 0;
            if !held {
                released.push(Box::new(o.clone()));
            }
            held
        });
        self.fakes.retain(|f| {
            let held = f.ref_count() > 0;
            if !held {
                released.push(Box::new(f.clone()));
            }
            held
        });
        self.swept = self.objects.len() + self.fakes.len();
    }
}

/// Every provider of the active sessions, in fan-out order, shared by the fan-outs that use it.
pub(crate) type Order = Arc<OrderData>;

/// The fan-out order laid out for the fan-out: one contiguous array of what a provider call needs, so a
/// fan-out streams through memory instead of visiting each separately allocated provider record (the record
/// is reached only on rare paths: obtaining the interface, a logoff during the fan-out, a problem to report).
#[derive(Default)]
pub(crate) struct OrderData {
    pub(crate) calls: Vec<Call>,
    /// The providers' names, in the same order: events borrow them (the journal keeps this list until the
    /// events are cleared), so a provider call touches no name.
    pub(crate) names: Arc<Vec<journal::Name>>,
}

/// One provider, as a fan-out calls it.
pub(crate) struct Call {
    pub(crate) object: provider::ComPtr,
    pub(crate) session: u32,
    pub(crate) kind: ProviderKind,
    pub(crate) record: Arc<ProviderRecord>,
}

impl Call {
    fn of(r: &Arc<ProviderRecord>) -> Call {
        Call {
            object: r.object,
            session: r.session,
            kind: r.kind,
            record: r.clone(),
        }
    }
}

/// The providers a sequence holds `IMAPIProviderShutdown` on: entries of the order, with the interface.
pub(crate) struct HeldSet {
    pub(crate) order: Order,
    pub(crate) calls: Vec<Held>,
}

/// One provider of a sequence: the interface the runtime holds (owned by the record) and where the provider
/// is in the order.
#[derive(Clone, Copy)]
pub(crate) struct Held {
    pub(crate) iface: *mut crate::com::IMAPIProviderShutdown,
    pub(crate) at: usize,
}

// SAFETY: the interface is a COM object documented as callable from any thread; its reference is owned by the
// record the order holds.
unsafe impl Send for Held {}
// SAFETY: as above.
unsafe impl Sync for Held {}

impl HeldSet {
    /// The order entry of a held provider.
    pub(crate) fn call(&self, h: &Held) -> &Call {
        &self.order.calls[h.at]
    }

    /// The held providers `keep` keeps, over an order of their own: a provider left out is no longer
    /// referenced by the set (so a logged-off session's records go, and are released, with their session).
    pub(crate) fn retain(&self, keep: impl Fn(&Call) -> bool) -> HeldSet {
        let mut order = OrderData::default();
        let names = Arc::get_mut(&mut order.names).expect("new");
        let mut calls = Vec::new();
        for h in &self.calls {
            let call = self.call(h);
            if keep(call) {
                calls.push(Held {
                    iface: h.iface,
                    at: order.calls.len(),
                });
                order.calls.push(Call::of(&call.record));
                names.push(self.order.names[h.at].clone());
            }
        }
        HeldSet {
            order: Arc::new(order),
            calls,
        }
    }
}

/// One fast-shutdown sequence (SPEC §4 "one interface per sequence"): the providers the client's
/// `QueryFastShutdown` reached, each holding the `IMAPIProviderShutdown` obtained then, in fan-out order.
/// `NotifyProcessShutdown` and `DoFastShutdown` call exactly these, through the held pointers.
pub(crate) struct Sequence {
    /// The providers that answered through `IMAPIProviderShutdown` (the held interface is
    /// `ProviderRecord::iface`, copied here), in fan-out order. A logged-off session's providers are removed.
    pub(crate) held: Arc<HeldSet>,
    /// The query returned `S_OK`.
    pub(crate) ok: bool,
    /// NotifyProcessShutdown reached providers since the query.
    pub(crate) notified: bool,
    /// Why the query no longer stands: a session logged on or a provider attached after it.
    pub(crate) invalidated: Option<String>,
}

impl State {
    /// Record a change that invalidates the standing query (a logon or an attached provider). The caller keeps
    /// the order cache current ([`State::extend_order`]).
    pub(crate) fn note_added(&mut self, what: String) {
        self.added += 1;
        if let Some(seq) = &mut self.sequence {
            if seq.invalidated.is_none() {
                seq.invalidated = Some(what.clone());
            }
        }
        self.added_what = what;
    }

    /// Remove a logged-off session's providers from the standing sequence and mark them closed (no
    /// fast-shutdown call reaches them from now on). Returns the old sequence's array, to drop outside the lock.
    pub(crate) fn close_providers(
        &mut self,
        id: u32,
        entry: &SessionEntry,
        latch: &provider::ExitLatch,
    ) -> Option<Arc<HeldSet>> {
        self.order = None;
        for p in entry.providers() {
            p.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        latch.note_closed();
        let seq = self.sequence.as_mut()?;
        // The set's order may hold the session's records even where they did not answer.
        if !seq.held.order.calls.iter().any(|c| c.session == id) {
            return None;
        }
        let kept = seq.held.retain(|call| call.session != id);
        Some(std::mem::replace(&mut seq.held, Arc::new(kept)))
    }
}

/// The message every call after the exited state carries.
pub const AFTER_EXIT: &str =
    "MAPI call after DoFastShutdown: the process has exited as far as MAPI is concerned \
     (no MAPI call is allowed once a client DoFastShutdown starts calling providers) [rule MM-FS-EXITED]";

impl Inner {
    /// The common gate of every MAPI call: exited, then initialized. Journals the violation it finds.
    pub(crate) fn gate(&self, st: &State, method: Method, session: u32) -> Result<(), HRESULT> {
        let memory = matches!(
            method,
            Method::MAPIAllocateBuffer | Method::MAPIAllocateMore | Method::MAPIFreeBuffer
        );
        if st.exited && !(st.exit_fan_out && memory) {
            self.journal.violation(method, session, AFTER_EXIT);
            return Err(MAPI_E_CALL_FAILED);
        }
        if st.init_count == 0 {
            self.journal.violation(
                method,
                session,
                format!(
                    "{} called while MAPI is not initialized: call MAPIInitialize first [rule {}]",
                    method.name(),
                    crate::rules::INITIALIZED
                ),
            );
            return Err(MAPI_E_NOT_INITIALIZED);
        }
        Ok(())
    }

    /// Run `f` inside the panic boundary; a panic is journaled and becomes `on_panic`.
    pub(crate) fn guard<R>(&self, method: Method, on_panic: R, f: impl FnOnce() -> R) -> R {
        match catch(f) {
            Ok(r) => r,
            Err(msg) => {
                self.journal.diagnostic(
                    method,
                    0,
                    format!(
                        "internal error (please report): panic in {}: {msg}",
                        method.name()
                    ),
                );
                on_panic
            }
        }
    }
}

impl Runtime {
    /// A runtime in its initial state (not initialized) with this configuration.
    pub fn new(config: Config) -> Runtime {
        Runtime::with_entry_points(config, loader::EntryPoints::PLAIN)
    }

    /// A runtime whose provider entry points receive these MAPI functions (the C library passes its
    /// `MAPIAllocateBuffer`, `MAPIAllocateMore` and `MAPIFreeBuffer`).
    pub fn with_entry_points(config: Config, entry_points: loader::EntryPoints) -> Runtime {
        Runtime {
            inner: Arc::new(Inner {
                state: Mutex::new(State::new(config, 1)),
                journal: Arc::new(Journal::default()),
                alloc: alloc::Allocations::default(),
                libraries: Mutex::new(Vec::new()),
                entry_points,
                files: Mutex::new(registry::Files::fixed()),
                latch: Arc::new(provider::ExitLatch::default()),
            }),
        }
    }

    /// The journal.
    pub fn journal(&self) -> &Journal {
        &self.inner.journal
    }

    /// How many violations the journal holds.
    pub fn violation_count(&self) -> usize {
        self.inner.journal.violation_count()
    }

    /// Run `f` inside this runtime's panic boundary: a panic in `f` becomes `on_panic` and a journal entry.
    pub fn guard<R>(&self, method: Method, on_panic: R, f: impl FnOnce() -> R) -> R {
        self.inner.guard(method, on_panic, f)
    }

    /// Whether a client `DoFastShutdown` has put the runtime in the exited state.
    pub fn is_exited(&self) -> bool {
        self.inner.state.lock().exited
    }

    /// The current `MAPIInitialize` count.
    pub fn init_count(&self) -> u32 {
        self.inner.state.lock().init_count
    }

    /// Number of active (logged-on) sessions.
    pub fn session_count(&self) -> usize {
        self.inner.state.lock().sessions.len()
    }

    /// The buffers allocated with `MAPIAllocateBuffer`/`MAPIAllocateMore`.
    pub fn allocations(&self) -> &alloc::Allocations {
        &self.inner.alloc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::com::{E_UNEXPECTED, S_OK};

    #[test]
    fn a_panic_inside_the_boundary_becomes_the_fallback_and_a_journal_entry() {
        let rt = Runtime::default();
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let hr = rt.guard(Method::QueryFastShutdown, E_UNEXPECTED, || -> HRESULT {
            panic!("broken invariant")
        });
        std::panic::set_hook(prev);
        assert_eq!(hr, E_UNEXPECTED);
        let text = rt.journal().render();
        assert!(
            text.contains("panic in QueryFastShutdown: broken invariant"),
            "{text}"
        );
        assert_eq!(rt.guard(Method::None, E_UNEXPECTED, || S_OK), S_OK);
    }

    /// A test that forgets to Release its session leaves one stale object; later resets do not look at it
    /// again, it stays valid (a late call is refused as stale), and once released it is swept.
    #[test]
    fn forgotten_sessions_stay_valid_and_are_swept_once_released() {
        let rt = Runtime::default();
        let leak = |rt: &Runtime| {
            assert_eq!(rt.initialize(std::ptr::null_mut()), S_OK);
            let s = rt.logon(None, 0).unwrap();
            rt.reset();
            s
        };
        let first: Vec<_> = (0..64).map(|_| leak(&rt)).collect();
        assert_eq!(rt.inner.state.lock().stale.objects.len(), 64);
        // A stale session is still recognised as one.
        assert_eq!(rt.initialize(std::ptr::null_mut()), S_OK);
        let p = 1usize as *mut crate::com::IUnknown;
        assert_eq!(rt.add_provider(first[0], 1, None, p), MAPI_E_CALL_FAILED);
        assert!(rt.journal().render().contains("from before mockmapi_reset"));
        rt.reset();
        for s in first {
            // SAFETY: the reference MAPILogonEx gave.
            unsafe { ((*(*s).lpVtbl).Release.unwrap())(s) };
        }
        let second: Vec<_> = (0..64).map(|_| leak(&rt)).collect();
        let st = rt.inner.state.lock();
        assert_eq!(st.stale.objects.len(), 64, "the released ones were swept");
        assert!(st.objects.is_empty());
        drop(st);
        for s in second {
            // SAFETY: as above.
            unsafe { ((*(*s).lpVtbl).Release.unwrap())(s) };
        }
    }

    #[test]
    fn runtimes_are_independent() {
        let a = Runtime::default();
        let b = Runtime::default();
        assert_eq!(a.initialize(std::ptr::null_mut()), S_OK);
        assert_eq!(a.init_count(), 1);
        assert_eq!(b.init_count(), 0);
        assert_eq!(b.logon(None, 0).unwrap_err(), MAPI_E_NOT_INITIALIZED);
        assert_eq!(b.violation_count(), 1);
        assert_eq!(a.violation_count(), 0);
    }
}
