//! MAPIInitialize / MAPILogonEx / providers / Logoff / MAPIUninitialize / reset: everything but fast shutdown.

use std::ffi::{c_void, CStr};
use std::sync::Arc;

use crate::com::{
    IMAPISession, IUnknown, E_INVALIDARG, E_OUTOFMEMORY, HRESULT, MAPI_E_CALL_FAILED,
    MAPI_E_LOGON_FAILED, MAPI_E_NOT_FOUND, S_OK,
};
use crate::policy::{PolicyDecision, RegValue, Registry, RegistryError};

use super::journal::{Event, EventType};
use super::loader::Library;
use super::method::Method;
use super::provider::{ComPtr, ProviderKind, ProviderRecord};
use super::session::{find_object, SessionObject};
use super::{Config, Inner, ProfileProvider, Runtime, SessionEntry, State};

impl Inner {
    /// The gate of a call on a session object: exited, initialized, then the session still logged on.
    pub(crate) fn check_session(&self, obj: &SessionObject, method: Method) -> Result<(), HRESULT> {
        let st = self.state.lock();
        self.check_session_locked(&st, obj, method)
    }

    /// The state checks of a call on a session object, in the documented order (`docs/bad-input.md`): the
    /// exited state, then the session's own state (from before a reset, logged off), then MAPI initialized.
    /// A session that is logged on implies MAPI is initialized, so a call on a session after the last
    /// `MAPIUninitialize` is a call on a logged-off session (SPEC §5: `MAPI_E_CALL_FAILED`).
    pub(crate) fn check_session_locked(
        &self,
        st: &State,
        obj: &SessionObject,
        method: Method,
    ) -> Result<(), HRESULT> {
        if st.exited {
            return self.gate(st, method, obj.id);
        }
        if obj.generation != st.generation {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} on a session from before mockmapi_reset; log on again [rule {}]",
                    method.name(),
                    crate::rules::LOGGED_OFF_SESSION
                ),
            );
            return Err(MAPI_E_CALL_FAILED);
        }
        if !st.sessions.contains_key(&obj.id) {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} on session {}, which is logged off; only Release is allowed on a logged-off session [rule {}]",
                    method.name(),
                    obj.id,
                    crate::rules::LOGGED_OFF_SESSION
                ),
            );
            return Err(MAPI_E_CALL_FAILED);
        }
        self.gate(st, method, obj.id)
    }

    pub(crate) fn logoff(&self, obj: &SessionObject, flags: u32, reserved: u32) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::Logoff)
        });
        if reserved != 0 {
            self.journal.violation(
                Method::Logoff,
                obj.id,
                format!("Logoff ulReserved is {reserved}; it is reserved and must be 0 (the session stays logged on) [rule {}]", crate::rules::ARGUMENTS),
            );
            self.journal.finish(slot, E_INVALIDARG, None);
            return E_INVALIDARG;
        }
        let (entry, old_held) = {
            let mut st = self.state.lock();
            if let Err(hr) = self.check_session_locked(&st, obj, Method::Logoff) {
                drop(st);
                self.journal.finish(slot, hr, None);
                return hr;
            }
            let entry = st.sessions.remove(&obj.id).expect("checked above");
            let old_held = st.close_providers(obj.id, &entry, &self.latch);
            (entry, old_held)
        };
        drop(old_held);
        let n = entry.provider_count();
        tracing::debug!(
            session = obj.id,
            providers = n,
            flags,
            "Logoff: normal shutdown of the session's providers"
        );
        shut_down_providers(self, obj.id, entry);
        let msg = format!("normal shutdown: Shutdown then Release on {n} provider(s)");
        self.journal.finish(slot, S_OK, Some(msg));
        S_OK
    }
}

/// Normal shutdown of one session's providers (already closed to fast-shutdown calls), in order: each gets
/// `Shutdown(&0)`, then the runtime's references are released (the `Release` is journaled when the record's
/// last `Arc` goes). If a client `DoFastShutdown` began meanwhile (another thread), the remaining providers get
/// nothing: the process is exiting.
fn shut_down_providers(rt: &Inner, session: u32, entry: SessionEntry) {
    // Under a pass: a DoFastShutdown beginning meanwhile waits for this to end (see `provider::ExitLatch`).
    let _pass = rt.latch.pass();
    let mut skipped = 0;
    for record in entry.into_providers() {
        if rt.latch.is_exited() {
            skipped += 1;
        } else {
            record.call_shutdown();
        }
        drop(record);
    }
    if skipped > 0 {
        rt.journal.diagnostic(
            Method::Logoff,
            session,
            format!(
                "a DoFastShutdown began while session {session} was being logged off: {skipped} provider(s) got \
                 no Shutdown and no Release (the process is exiting) [rule {}]",
                crate::rules::NOTHING_AFTER_DO
            ),
        );
    }
}

/// A violation message with the id of the rule it breaks (RULES.md), unless it already names one.
pub(crate) fn with_rule(message: String, rule: &str) -> String {
    if message.contains("[rule ") {
        message
    } else {
        format!("{message} [rule {rule}]")
    }
}

/// States given up by [`Runtime::abandon_state`].
static ABANDONED: parking_lot::Mutex<Vec<State>> = parking_lot::Mutex::new(Vec::new());

/// A provider loaded for a profile, not yet attached.
struct Loaded {
    kind: ProviderKind,
    name: String,
    object: ComPtr,
    library: Option<Arc<Library>>,
}

/// Give back the references of providers loaded for a logon that failed (kept, not released, once exited).
fn release_loaded(rt: &Inner, loaded: Vec<Loaded>) {
    let _pass = rt.latch.pass();
    for l in loaded {
        if rt.latch.is_exited() {
            rt.latch
                .keep_object(l.object, l.kind, crate::runtime::journal::name(&l.name));
            std::mem::forget(l.library);
            continue;
        }
        // SAFETY: the reference the entry point (or fake creation) gave the runtime.
        let _ = unsafe { l.object.release() };
        drop(l.library);
    }
}

/// Attach a provider (whose reference the runtime now owns) to a session, keeping the order transport →
/// address book → store, registration order within a kind. `None` names it `<kind>-<n>`. Returns the name.
fn attach(
    entry: &mut SessionEntry,
    session: u32,
    kind: ProviderKind,
    name: Option<&str>,
    object: ComPtr,
    library: Option<Arc<Library>>,
    rt: &Inner,
) -> (String, Arc<ProviderRecord>) {
    let same_kind = entry.of_kind(kind);
    let name = match name {
        Some(n) => n.to_owned(),
        None => format!("{}-{}", kind.label(), same_kind.len() + 1),
    };
    let record = Arc::new(ProviderRecord {
        session,
        kind,
        name: crate::runtime::journal::name(&name),
        object,
        journal: rt.journal.clone(),
        library,
        iface: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
        closed: std::sync::atomic::AtomicBool::new(false),
        latch: rt.latch.clone(),
        logon: parking_lot::Mutex::new(Default::default()),
    });
    same_kind.push(record.clone());
    (name, record)
}

impl Runtime {
    /// `MAPIInitialize`: counts one more initialization. The first reads the configuration (if this runtime
    /// discovers it and no registry control call read it already).
    pub fn initialize(&self, _init: *mut c_void) -> HRESULT {
        self.ensure_config(Method::MAPIInitialize);
        let rt = &self.inner;
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::MAPIInitialize));
        if let Some((hr, why)) = self.config_failure().filter(|_| !rt.latch.is_exited()) {
            rt.journal.violation(
                Method::MAPIInitialize,
                0,
                format!(
                    "MAPIInitialize refused: the configuration did not load: {why}. Fix the file (or unset \
                     MOCKMAPI_CONFIG / MOCKMAPI_REGISTRY), then call MAPIInitialize again or mockmapi_reset \
                     [rule {}]",
                    crate::rules::CONFIGURATION
                ),
            );
            rt.journal.finish(slot, hr, None);
            return hr;
        }
        let (hr, msg) = {
            let mut st = rt.state.lock();
            if st.exited {
                rt.journal
                    .violation(Method::MAPIInitialize, 0, super::AFTER_EXIT);
                (MAPI_E_CALL_FAILED, None)
            } else {
                st.init_count += 1;
                (
                    S_OK,
                    Some(format!("initialization count {}", st.init_count)),
                )
            }
        };
        rt.journal.finish(slot, hr, msg);
        hr
    }

    /// `MAPIUninitialize`: the last balanced call logs off what is left and returns to "not initialized".
    pub fn uninitialize(&self) {
        let rt = &self.inner;
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::MAPIUninitialize));
        let leftover = {
            let mut st = rt.state.lock();
            if st.exited {
                rt.journal
                    .violation(Method::MAPIUninitialize, 0, super::AFTER_EXIT);
                drop(st);
                rt.journal.finish(slot, MAPI_E_CALL_FAILED, None);
                return;
            }
            if st.init_count == 0 {
                rt.journal.violation(
                    Method::MAPIUninitialize,
                    0,
                    "MAPIUninitialize without a matching MAPIInitialize; ignored [rule MM-INIT]",
                );
                drop(st);
                rt.journal.finish(slot, MAPI_E_CALL_FAILED, None);
                return;
            }
            st.init_count -= 1;
            if st.init_count > 0 {
                let n = st.init_count;
                drop(st);
                rt.journal
                    .finish(slot, S_OK, Some(format!("initialization count {n}")));
                return;
            }
            let sequence = st.sequence.take();
            st.order = None;
            let sessions = std::mem::take(&mut st.sessions);
            for (id, entry) in &sessions {
                st.close_providers(*id, entry, &rt.latch);
            }
            (sessions, sequence)
        };
        let (leftover, sequence) = leftover;
        drop(sequence);
        let n = leftover.len();
        self.report_leaks(Method::MAPIUninitialize);
        for (id, entry) in leftover {
            rt.journal.diagnostic(
                Method::MAPIUninitialize,
                id,
                format!(
                    "session {id} (profile '{}') was never logged off; logging it off implicitly (Shutdown then Release on its providers)",
                    entry.profile
                ),
            );
            shut_down_providers(rt, id, entry);
        }
        // The provider libraries go with the last MAPIUninitialize (a record still alive keeps its own).
        let libraries = std::mem::take(&mut *rt.libraries.lock());
        drop(libraries);
        rt.journal.finish(
            slot,
            S_OK,
            Some(format!(
                "last MAPIUninitialize: {n} session(s) logged off implicitly"
            )),
        );
    }

    /// `MAPILogonEx`: a new session for `profile`. A NULL or empty name means the configuration's default
    /// profile. A configured profile's providers are loaded (libraries) or built (fakes) and attached; any
    /// failure gives `MAPI_E_LOGON_FAILED` and a diagnostic naming the library and the reason. A name the
    /// configuration does not list gives a session without providers.
    ///
    /// A name over [`crate::policy::config::MAX_PROFILE_NAME_CHARS`] is a bad argument: `E_INVALIDARG` and a
    /// violation, checked before any state (as every argument is).
    pub fn logon(&self, profile: Option<&str>, flags: u32) -> Result<*mut IMAPISession, HRESULT> {
        let rt = &self.inner;
        if let Err(why) = profile.map_or(Ok(()), crate::policy::config::check_profile_name) {
            return Err(self.reject(
                Method::MAPILogonEx,
                crate::com::E_INVALIDARG,
                format!("MAPILogonEx: {why}"),
            ));
        }
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::MAPILogonEx));
        let result = self.logon_inner(profile);
        match &result {
            Ok((id, _, msg)) => rt.journal.finish(
                slot,
                S_OK,
                Some(format!("session {id}, {msg}, flags 0x{flags:08X}")),
            ),
            Err(hr) => rt.journal.finish(slot, *hr, None),
        }
        result.map(|(_, p, _)| p)
    }

    fn logon_inner(
        &self,
        profile: Option<&str>,
    ) -> Result<(u32, *mut IMAPISession, String), HRESULT> {
        let rt = &self.inner;
        // Under a pass: provider entry points run before any DoFastShutdown that begins meanwhile calls a
        // provider (see `provider::ExitLatch`).
        let _pass = rt.latch.pass();
        let (name, plan, has_profiles) = {
            let st = rt.state.lock();
            rt.gate(&st, Method::MAPILogonEx, 0)?;
            let name = profile
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .or_else(|| st.config.default_profile.clone());
            let plan = name
                .as_deref()
                .and_then(|n| {
                    st.config
                        .profiles
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(n))
                })
                .cloned();
            (
                name.unwrap_or_default(),
                plan,
                !st.config.profiles.is_empty(),
            )
        };
        if plan.is_none() && has_profiles {
            rt.journal.diagnostic(
                Method::MAPILogonEx,
                0,
                format!(
                    "profile '{name}' is not in the configuration; the session has no providers"
                ),
            );
        }
        // Provider code (library initializers, entry points) runs here, outside the lock.
        let mut loaded = Vec::new();
        for p in plan.iter().flat_map(|p| p.providers.iter()) {
            match self.load_profile_provider(p, &name) {
                Ok(x) => loaded.push(x),
                Err(why) => {
                    rt.journal.diagnostic(
                        Method::MAPILogonEx,
                        0,
                        format!("logon to profile '{name}' failed: {why}"),
                    );
                    release_loaded(rt, loaded);
                    return Err(MAPI_E_LOGON_FAILED);
                }
            }
        }
        let mut st = rt.state.lock();
        if let Err(hr) = rt.gate(&st, Method::MAPILogonEx, 0) {
            drop(st);
            release_loaded(rt, loaded);
            return Err(hr);
        }
        let id = st.next_session;
        st.next_session += 1;
        let obj = SessionObject::new(id, st.generation, Arc::downgrade(&self.inner));
        let p = obj.as_session();
        st.objects.insert(Arc::as_ptr(&obj) as usize, obj);
        let mut entry = SessionEntry::new(name.clone());
        let n = loaded.len();
        for l in loaded {
            attach(
                &mut entry,
                id,
                l.kind,
                Some(&l.name),
                l.object,
                l.library,
                rt,
            );
        }
        st.note_added(format!("session {id} logged on (profile '{name}')"));
        st.sessions.insert(id, entry);
        st.extend_order(id, true, n);
        Ok((id, p, format!("profile '{name}', {n} provider(s) loaded")))
    }

    /// Build or load one provider of a profile; the returned object carries one reference for the runtime.
    fn load_profile_provider(&self, p: &ProfileProvider, profile: &str) -> Result<Loaded, String> {
        match p {
            ProfileProvider::Fake(spec) => {
                let object =
                    ComPtr::new(self.create_fake_provider(spec.clone())).expect("a new object");
                Ok(Loaded {
                    kind: spec.kind,
                    name: spec.name.clone(),
                    object,
                    library: None,
                })
            }
            ProfileProvider::Library(src) => {
                let library = self.library(&src.library).map_err(|e| e.to_string())?;
                let (object, version) = library
                    .init_provider(src.entry_point(), 0, self.inner.entry_points)
                    .map_err(|e| e.to_string())?;
                tracing::debug!(profile, library = %src.library.display(), version, "provider initialized");
                Ok(Loaded {
                    kind: src.kind,
                    name: src.name.clone(),
                    object,
                    library: Some(library),
                })
            }
        }
    }

    /// The loaded library at `path`, loading it the first time.
    fn library(
        &self,
        path: &std::path::Path,
    ) -> Result<Arc<Library>, crate::runtime::loader::LoadError> {
        if let Some(l) = self.inner.libraries.lock().iter().find(|l| l.path == path) {
            return Ok(l.clone());
        }
        // Opening runs the library's initializers: outside the lock.
        let l = Arc::new(Library::open(path)?);
        self.inner.libraries.lock().push(l.clone());
        Ok(l)
    }

    /// Attach a provider object to a session (SPEC §6 `mockmapi_session_add_provider`). The runtime takes its
    /// own reference. `name` `None` gives `<kind>-<n>`.
    pub fn add_provider(
        &self,
        session: *mut IMAPISession,
        kind: u32,
        name: Option<&str>,
        provider: *mut IUnknown,
    ) -> HRESULT {
        let rt = &self.inner;
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::AddProvider));
        let (hr, msg, _) =
            self.add_provider_inner(Method::AddProvider, session, kind, name, provider);
        rt.journal.finish(slot, hr, msg);
        hr
    }

    /// Attach a provider object to a session and log it on (`mockmapi_session_logon_provider`): as
    /// [`Runtime::add_provider`], then `TransportLogon`/`Logon` with the support object `make_support` builds for
    /// the attached provider (session id, kind, name, and the properties the configuration gives the provider of
    /// that kind and name in the session's profile, if any). The provider stays attached when its logon fails;
    /// the result is the logon's.
    pub fn logon_provider(
        &self,
        session: *mut IMAPISession,
        kind: u32,
        name: Option<&str>,
        provider: *mut IUnknown,
        make_support: impl FnOnce(
            u32,
            ProviderKind,
            &str,
            Vec<crate::mapiutil::value::Prop>,
        ) -> Option<ComPtr>,
    ) -> HRESULT {
        let rt = &self.inner;
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::LogonProvider));
        // A fake provider has no logon: its later slots are placeholders that take no arguments, which a logon
        // call with arguments would unbalance on 32-bit Windows. Refused before anything is attached.
        if self
            .fake_provider(provider as *const std::ffi::c_void)
            .is_some()
        {
            rt.journal.violation(
                Method::LogonProvider,
                0,
                with_rule(
                    "mockmapi_session_logon_provider: provider is a fake provider (mockmapi_fake_provider), which \
                     has no logon; attach it with mockmapi_session_add_provider, or log on a provider object \
                     with TransportLogon/Logon"
                        .to_owned(),
                    crate::rules::ARGUMENTS,
                ),
            );
            rt.journal.finish(slot, E_INVALIDARG, None);
            return E_INVALIDARG;
        }
        let (hr, msg, record) =
            self.add_provider_inner(Method::LogonProvider, session, kind, name, provider);
        let Some(record) = record else {
            rt.journal.finish(slot, hr, msg);
            return hr;
        };
        let name = record.name.to_str().unwrap_or("").to_owned();
        let (profile, configured) = {
            let st = rt.state.lock();
            let profile = st.sessions.get(&record.session).map(|e| e.profile.clone());
            // The configuration's section for this provider: same profile, kind and name.
            let configured = profile
                .as_deref()
                .and_then(|p| {
                    st.config
                        .profiles
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(p))
                })
                .and_then(|c| {
                    c.sections
                        .iter()
                        .find(|s| s.kind == record.kind && s.name == name)
                })
                .map(|s| s.properties.clone())
                .unwrap_or_default();
            (profile.map(crate::runtime::journal::c_string), configured)
        };
        let Some(support) = make_support(record.session, record.kind, &name, configured) else {
            rt.journal.finish(slot, E_OUTOFMEMORY, msg);
            return E_OUTOFMEMORY;
        };
        // Under a pass: a DoFastShutdown beginning meanwhile waits for the logon (see `provider::ExitLatch`).
        let _pass = rt.latch.pass();
        let hr = match profile {
            Some(profile) if !rt.latch.is_exited() => {
                record.call_logon(support, &profile, rt.entry_points.free_buffer)
            }
            _ => {
                // Logged off or exited meanwhile: the support object is kept with the record, never handed out.
                record.logon.lock().support = Some(support);
                MAPI_E_CALL_FAILED
            }
        };
        rt.journal.finish(slot, hr, msg);
        hr
    }

    fn add_provider_inner(
        &self,
        method: Method,
        session: *mut IMAPISession,
        kind: u32,
        name: Option<&str>,
        provider: *mut IUnknown,
    ) -> (HRESULT, Option<String>, Option<Arc<ProviderRecord>>) {
        let rt = &self.inner;
        let func = method.name();
        let bad = |msg: String| {
            rt.journal
                .violation(method, 0, with_rule(msg, crate::rules::ARGUMENTS));
            (E_INVALIDARG, None, None)
        };
        if session.is_null() {
            return bad(format!(
                "{func}: session is NULL; pass the IMAPISession from MAPILogonEx"
            ));
        }
        let Some(object) = ComPtr::new(provider) else {
            return bad(format!(
                "{func}: provider is NULL; pass the provider object"
            ));
        };
        let Some(kind) = ProviderKind::from_u32(kind) else {
            return bad(format!(
                "{func}: unknown provider kind {kind}; use MOCKMAPI_PROVIDER_TRANSPORT (1), \
                 MOCKMAPI_PROVIDER_ADDRESS_BOOK (2) or MOCKMAPI_PROVIDER_STORE (3)"
            ));
        };
        if let Some(n) = name.filter(|n| n.len() > super::provider::MAX_NAME_BYTES) {
            return bad(format!(
                "{func}: the provider name is {} bytes long; the limit is {} bytes",
                n.len(),
                super::provider::MAX_NAME_BYTES
            ));
        }
        // Under a pass: the AddRef below (and a Release if the session went meanwhile) run before any
        // DoFastShutdown that begins meanwhile calls a provider (see `provider::ExitLatch`).
        let _pass = rt.latch.pass();
        let id = {
            let st = rt.state.lock();
            let Some(obj) = find_object(&st.objects, session as *const c_void)
                .or_else(|| find_object(&st.stale.objects, session as *const c_void))
                .cloned()
            else {
                drop(st);
                return bad(format!(
                    "{func}: session is not an IMAPISession returned by MAPILogonEx \
                            since the last mockmapi_reset"
                ));
            };
            if obj.ref_count() == 0 {
                drop(st);
                return bad(format!(
                    "{func}: session {} was released (its last Release was called); \
                     hold a reference while you use it",
                    obj.id
                ));
            }
            if let Err(hr) = rt.check_session_locked(&st, &obj, method) {
                return (hr, None, None);
            }
            obj.id
        };
        // The runtime's own reference, taken outside the lock (AddRef is provider code).
        // SAFETY: the caller passes a live COM object (documented contract).
        if let Err(why) = unsafe { object.add_ref() } {
            return bad(format!("{func}: cannot AddRef the provider: {why}"));
        }
        let mut st = rt.state.lock();
        let still_on = st.sessions.contains_key(&id) && !st.exited;
        if !still_on {
            drop(st);
            if rt.latch.is_exited() {
                rt.latch.keep_object(
                    object,
                    kind,
                    crate::runtime::journal::name(name.unwrap_or("")),
                );
                return (crate::com::MAPI_E_CALL_FAILED, None, None);
            }
            // SAFETY: releasing the reference taken just above.
            let _ = unsafe { object.release() };
            rt.journal.violation(
                method,
                id,
                format!(
                    "session {id} was logged off while the provider was being added [rule {}]",
                    crate::rules::LOGGED_OFF_SESSION
                ),
            );
            return (MAPI_E_CALL_FAILED, None, None);
        }
        let entry = st.sessions.get_mut(&id).expect("checked");
        let at_end = entry.by_kind[kind as usize..].iter().all(Vec::is_empty);
        let (name, record) = attach(entry, id, kind, name, object, None, rt);
        st.extend_order(id, at_end, 1);
        st.note_added(format!(
            "{} \"{name}\" was attached to session {id}",
            kind.label()
        ));
        drop(st);
        tracing::debug!(session = id, kind = kind.label(), name = %name, "provider attached");
        (
            S_OK,
            Some(format!(
                "session {id}: {} \"{name}\" attached",
                kind.label()
            )),
            Some(record),
        )
    }

    /// Make the `IMAPISupport` method `method` of the provider `name` (`None`: of every provider) return `result`
    /// without running, until the next reset (`mockmapi_support_set_result`). A later setting for the same
    /// provider and method replaces the earlier one.
    pub fn set_support_result(&self, name: Option<&str>, method: Method, result: HRESULT) {
        let mut st = self.inner.state.lock();
        let name = name.map(str::to_owned);
        st.support_results
            .retain(|(n, m, _)| !(*n == name && *m == method));
        st.support_results.push((name, method, result));
    }

    /// The result injected into the support method `method` of the provider `name`, if any: a setting for the
    /// provider wins over one for every provider.
    pub fn support_result(&self, name: &str, method: Method) -> Option<HRESULT> {
        let st = self.inner.state.lock();
        let find = |want: Option<&str>| {
            st.support_results
                .iter()
                .find(|(n, m, _)| n.as_deref() == want && *m == method)
                .map(|(_, _, hr)| *hr)
        };
        find(Some(name)).or_else(|| find(None))
    }

    /// What the client never released, one sentence each: session objects with references left, fake
    /// providers with references left, MAPI buffers never freed. Nothing is reported after a client
    /// `DoFastShutdown`, since the process exits without releasing anything, as documented.
    pub fn leaks(&self) -> Vec<String> {
        let st = self.inner.state.lock();
        if st.exited {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut held: Vec<&Arc<SessionObject>> = st
            .objects
            .values()
            .filter(|o| o.generation == st.generation && o.ref_count() > 0)
            .collect();
        held.sort_by_key(|o| o.id);
        for o in held {
            out.push(format!(
                "session {} was never released: {} reference(s) left (Release every IMAPISession and \
                 IMAPIClientShutdown pointer obtained from MAPILogonEx and QueryInterface)",
                o.id,
                o.ref_count()
            ));
        }
        for f in st.fakes.iter().filter(|f| f.ref_count() > 0) {
            out.push(format!(
                "fake provider \"{}\" was never released: {} reference(s) left (Release the pointer \
                 mockmapi_fake_provider_create returned)",
                super::text::one_line(f.name()),
                f.ref_count()
            ));
        }
        let buffers = self.inner.alloc.live();
        if buffers > 0 {
            out.push(format!(
                "{buffers} buffer(s) from MAPIAllocateBuffer/MAPIAllocateMore were never freed with MAPIFreeBuffer"
            ));
        }
        out
    }

    fn report_leaks(&self, method: Method) {
        for leak in self.leaks() {
            self.inner
                .journal
                .diagnostic(method, 0, format!("leak: {leak}"));
        }
    }

    /// Back to the state before the first `MAPIInitialize`: sessions dropped (the runtime's provider
    /// references released), registry and Office version back to the configuration, journal cleared,
    /// exited state cleared. Session objects the client still holds stay valid memory but are stale.
    pub fn reset(&self) {
        let rt = &self.inner;
        self.report_leaks(Method::Reset);
        // Reported once (above, unless the runtime had exited), then forgotten: a buffer from before the reset is
        // never blamed on a later test. It can still be freed.
        rt.alloc.forget();
        // Only what the last test created is looked at (see `Stale`).
        let (old, released) = {
            let mut st = rt.state.lock();
            let generation = st.generation + 1;
            let config = st.config.clone();
            let mut old = std::mem::replace(&mut *st, State::new(config, generation));
            let mut stale = std::mem::take(&mut old.stale);
            // Objects the client still holds stay allocated (and stale); released ones can go.
            let mut released: Vec<Box<dyn std::any::Any + Send>> = Vec::new();
            for (at, o) in old.objects.drain() {
                if o.ref_count() > 0 {
                    stale.objects.insert(at, o);
                } else {
                    released.push(Box::new(o));
                }
            }
            st.stale = stale;
            (old, released)
        };
        // Nothing of the old state is dropped under the lock (dropping a provider record calls its Release).
        let State {
            sessions,
            sequence,
            order,
            fakes,
            ..
        } = old;
        // Release the runtime's provider references first: a fake provider may reach zero here. After an exit
        // they are kept instead, then released below as the harness's teardown.
        drop(sequence);
        drop(order);
        drop(sessions);
        drop(released);
        rt.latch.release_kept(&rt.journal);
        rt.latch.set_exited(false);
        // Fake providers with references left (held by the client) stay allocated, stale.
        let mut released: Vec<Box<dyn std::any::Any + Send>> = Vec::new();
        {
            let mut st = rt.state.lock();
            for f in fakes {
                if f.ref_count() > 0 {
                    st.stale.fakes.push(f);
                } else {
                    released.push(Box::new(f));
                }
            }
            st.stale.sweep(&mut released);
        }
        drop(released);
        rt.journal.clear();
        self.reload_config(Method::Reset);
    }

    /// Start over without calling anything: sessions, objects and the journal are forgotten, not torn down
    /// (no provider is released); the registry and the Office version as they are now are kept. For a forked
    /// child, whose copies of the parent's objects must not be touched.
    pub fn abandon_state(&self) {
        let old = {
            let mut st = self.inner.state.lock();
            let generation = st.generation + 1;
            let mut fresh = State::new(st.config.clone(), generation);
            fresh.registry = st.registry.clone();
            fresh.office_version = st.office_version.clone();
            std::mem::replace(&mut *st, fresh)
        };
        // Kept, untouched and reachable, for the rest of the (child) process: dropping it would release the
        // parent's providers; forgetting it would read as a leak to leak checkers.
        ABANDONED.lock().push(old);
        self.inner.latch.abandon();
        self.inner.journal.discard_all();
    }

    /// Replace the configuration (what `reset` returns to) and apply it now; configuration files are no
    /// longer read.
    pub fn set_config(&self, config: Config) {
        self.fix_config();
        let mut st = self.inner.state.lock();
        st.registry = config.registry.clone();
        st.office_version = config.office_version.clone();
        st.config = config;
    }

    /// The emulated Office version.
    pub fn office_version(&self) -> String {
        self.ensure_config(Method::Registry);
        self.inner.state.lock().office_version.clone()
    }

    /// Set the emulated Office version (until the next reset). Empty or non-`N.N` text is refused.
    pub fn set_office_version(&self, version: &str) -> HRESULT {
        self.ensure_config(Method::Registry);
        if !crate::policy::is_office_version(version) {
            self.inner.journal.violation(
                Method::Registry,
                0,
                format!(
                    "Office version '{version}' is not a version number such as 16.0, 15.0 or 14.0 [rule {}]",
                    crate::rules::ARGUMENTS
                ),
            );
            return E_INVALIDARG;
        }
        self.inner.state.lock().office_version = version.to_owned();
        S_OK
    }

    /// Run `f` on the emulated registry (reading the configuration first if needed).
    pub fn with_registry<R>(&self, f: impl FnOnce(&mut Registry) -> R) -> R {
        self.ensure_config(Method::Registry);
        f(&mut self.inner.state.lock().registry)
    }

    /// Set a value in the emulated hive (SPEC §6 `mockmapi_registry_set_dword` and friends).
    pub fn registry_set(&self, key: &str, name: &str, value: RegValue) -> HRESULT {
        match self.edit_registry(|r| r.set_value(key, name, value)) {
            Ok(()) => S_OK,
            Err(e) => self.registry_error(e),
        }
    }

    /// Delete a value from the emulated hive; `MAPI_E_NOT_FOUND` if absent.
    pub fn registry_delete_value(&self, key: &str, name: &str) -> HRESULT {
        match self.edit_registry(|r| r.delete_value(key, name)) {
            Ok(_) => S_OK,
            Err(e) => self.registry_error(e),
        }
    }

    fn registry_error(&self, e: RegistryError) -> HRESULT {
        match e {
            RegistryError::NotFound(_) => MAPI_E_NOT_FOUND,
            RegistryError::BadKeyPath(msg) => {
                self.inner.journal.violation(
                    Method::Registry,
                    0,
                    with_rule(msg, crate::rules::ARGUMENTS),
                );
                E_INVALIDARG
            }
        }
    }

    /// What a client QueryFastShutdown would decide now, without calling anything.
    pub fn policy_decision(&self) -> PolicyDecision {
        self.ensure_config(Method::Registry);
        self.inner.state.lock().decide_policy()
    }

    /// The gate every MAPI call passes (exited, then initialized), journaling what it refuses.
    pub fn check_ready(&self, method: Method) -> Result<(), HRESULT> {
        let st = self.inner.state.lock();
        self.inner.gate(&st, method, 0)
    }

    /// Record a violation for bad input detected by a caller (the FFI layer's argument checks): rule
    /// `MM-ARGS` unless the message names another rule.
    pub fn reject(&self, method: Method, hr: HRESULT, message: impl Into<String>) -> HRESULT {
        self.inner.journal.violation(
            method,
            0,
            with_rule(message.into(), crate::rules::ARGUMENTS),
        );
        hr
    }

    /// Decode a `const char *` argument: NULL is `Ok(None)`, invalid UTF-8 is an error naming the argument.
    ///
    /// # Safety
    /// `p` must be NULL or a NUL-terminated string.
    pub unsafe fn c_str_arg<'a>(
        &self,
        method: Method,
        what: &str,
        p: *const std::ffi::c_char,
    ) -> Result<Option<&'a str>, HRESULT> {
        if p.is_null() {
            return Ok(None);
        }
        CStr::from_ptr(p)
            .to_str()
            .map(Some)
            .map_err(|_| self.reject(method, E_INVALIDARG, format!("{what} is not valid UTF-8")))
    }
}
