//! MAPIInitialize / MAPILogonEx / providers / Logoff / MAPIUninitialize / reset: everything but fast shutdown.

use std::ffi::{c_void, CStr};
use std::sync::Arc;

use crate::com::{
    IMAPISession, IUnknown, E_INVALIDARG, HRESULT, MAPI_E_CALL_FAILED, MAPI_E_NOT_FOUND, S_OK,
};
use crate::policy::{PolicyDecision, RegValue, Registry, RegistryError};

use super::journal::{c_string, Event, EventType};
use super::method::Method;
use super::provider::{ComPtr, ProviderKind, ProviderRecord};
use super::session::{find_object, SessionObject};
use super::{Config, Inner, Runtime, SessionEntry, State};

impl Inner {
    /// The gate of a call on a session object: exited, initialized, then the session still logged on.
    pub(crate) fn check_session(&self, obj: &SessionObject, method: Method) -> Result<(), HRESULT> {
        let st = self.state.lock();
        self.check_session_locked(&st, obj, method)
    }

    pub(crate) fn check_session_locked(
        &self,
        st: &State,
        obj: &SessionObject,
        method: Method,
    ) -> Result<(), HRESULT> {
        self.gate(st, method, obj.id)?;
        if obj.generation != st.generation {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} on a session from before mockmapi_reset; log on again",
                    method.name()
                ),
            );
            return Err(MAPI_E_CALL_FAILED);
        }
        if !st.sessions.contains_key(&obj.id) {
            self.journal.violation(
                method,
                obj.id,
                format!(
                    "{} on session {}, which is logged off; only Release is allowed on a logged-off session",
                    method.name(),
                    obj.id
                ),
            );
            return Err(MAPI_E_CALL_FAILED);
        }
        Ok(())
    }

    pub(crate) fn logoff(&self, obj: &SessionObject, flags: u32, reserved: u32) -> HRESULT {
        let slot = self.journal.begin(Event {
            session: obj.id,
            ..Event::new(EventType::ClientCall, Method::Logoff)
        });
        let entry = {
            let mut st = self.state.lock();
            if let Err(hr) = self.check_session_locked(&st, obj, Method::Logoff) {
                drop(st);
                self.journal.finish(slot, hr, None);
                return hr;
            }
            st.sessions.remove(&obj.id).expect("checked above")
        };
        if reserved != 0 {
            self.journal.diagnostic(
                Method::Logoff,
                obj.id,
                format!("Logoff ulReserved is {reserved}; it must be 0"),
            );
        }
        let n = entry.providers.len();
        tracing::debug!(
            session = obj.id,
            providers = n,
            flags,
            "Logoff: normal shutdown of the session's providers"
        );
        shut_down_providers(entry);
        let msg = format!("normal shutdown: Shutdown then Release on {n} provider(s)");
        self.journal.finish(slot, S_OK, Some(msg));
        S_OK
    }
}

/// Normal shutdown of one session's providers, in order: each gets `Shutdown(&0)`, then the runtime's
/// reference is released (the `Release` is journaled when the record's last `Arc` goes).
fn shut_down_providers(entry: SessionEntry) {
    for record in entry.providers {
        record.call_shutdown();
        drop(record);
    }
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
                    "MAPIUninitialize without a matching MAPIInitialize; ignored",
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
            st.last_query_ok = false;
            st.notified = false;
            std::mem::take(&mut st.sessions)
        };
        let n = leftover.len();
        for (id, entry) in leftover {
            rt.journal.diagnostic(
                Method::MAPIUninitialize,
                id,
                format!(
                    "session {id} (profile '{}') was never logged off; logging it off implicitly (Shutdown then Release on its providers)",
                    entry.profile
                ),
            );
            shut_down_providers(entry);
        }
        rt.journal.finish(
            slot,
            S_OK,
            Some(format!(
                "last MAPIUninitialize: {n} session(s) logged off implicitly"
            )),
        );
    }

    /// `MAPILogonEx`: a new session for `profile` (any name gives an empty session).
    pub fn logon(&self, profile: Option<&str>, flags: u32) -> Result<*mut IMAPISession, HRESULT> {
        let rt = &self.inner;
        let slot = rt
            .journal
            .begin(Event::new(EventType::ClientCall, Method::MAPILogonEx));
        let result = {
            let mut st = rt.state.lock();
            match rt.gate(&st, Method::MAPILogonEx, 0) {
                Err(hr) => Err(hr),
                Ok(()) => {
                    let id = st.next_session;
                    st.next_session += 1;
                    let obj = SessionObject::new(id, st.generation, Arc::downgrade(&self.inner));
                    let p = obj.as_session();
                    st.objects.push(obj);
                    let profile = profile.unwrap_or("").to_owned();
                    st.sessions.insert(
                        id,
                        SessionEntry {
                            profile,
                            providers: Vec::new(),
                        },
                    );
                    Ok((id, p))
                }
            }
        };
        match result {
            Ok((id, p)) => {
                let msg = format!(
                    "session {id}, profile '{}', flags 0x{flags:08X}",
                    profile.unwrap_or("")
                );
                rt.journal.finish(slot, S_OK, Some(msg));
                Ok(p)
            }
            Err(hr) => {
                rt.journal.finish(slot, hr, None);
                Err(hr)
            }
        }
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
        let (hr, msg) = self.add_provider_inner(session, kind, name, provider);
        rt.journal.finish(slot, hr, msg);
        hr
    }

    fn add_provider_inner(
        &self,
        session: *mut IMAPISession,
        kind: u32,
        name: Option<&str>,
        provider: *mut IUnknown,
    ) -> (HRESULT, Option<String>) {
        let rt = &self.inner;
        let bad = |msg: String| {
            rt.journal.violation(Method::AddProvider, 0, msg);
            (E_INVALIDARG, None)
        };
        if session.is_null() {
            return bad("mockmapi_session_add_provider: session is NULL; pass the IMAPISession from MAPILogonEx".into());
        }
        let Some(object) = ComPtr::new(provider) else {
            return bad(
                "mockmapi_session_add_provider: provider is NULL; pass the provider object".into(),
            );
        };
        let Some(kind) = ProviderKind::from_u32(kind) else {
            return bad(format!(
                "mockmapi_session_add_provider: unknown provider kind {kind}; use MOCKMAPI_PROVIDER_TRANSPORT (1), \
                 MOCKMAPI_PROVIDER_ADDRESS_BOOK (2) or MOCKMAPI_PROVIDER_STORE (3)"
            ));
        };
        let id = {
            let st = rt.state.lock();
            let Some(obj) = find_object(&st.objects, session as *const c_void).cloned() else {
                drop(st);
                return bad("mockmapi_session_add_provider: session is not an IMAPISession returned by MAPILogonEx \
                            since the last mockmapi_reset"
                    .into());
            };
            if let Err(hr) = rt.check_session_locked(&st, &obj, Method::AddProvider) {
                return (hr, None);
            }
            obj.id
        };
        // The runtime's own reference, taken outside the lock (AddRef is provider code).
        // SAFETY: the caller passes a live COM object (documented contract).
        if let Err(why) = unsafe { object.add_ref() } {
            return bad(format!(
                "mockmapi_session_add_provider: cannot AddRef the provider: {why}"
            ));
        }
        let mut st = rt.state.lock();
        let still_on = st.sessions.contains_key(&id) && !st.exited;
        if !still_on {
            drop(st);
            // SAFETY: releasing the reference taken just above.
            let _ = unsafe { object.release() };
            rt.journal.violation(
                Method::AddProvider,
                id,
                format!("session {id} was logged off while the provider was being added"),
            );
            return (MAPI_E_CALL_FAILED, None);
        }
        let entry = st.sessions.get_mut(&id).expect("checked");
        let name = match name {
            Some(n) => n.to_owned(),
            None => format!(
                "{}-{}",
                kind.label(),
                entry.providers.iter().filter(|p| p.kind == kind).count() + 1
            ),
        };
        let record = Arc::new(ProviderRecord {
            session: id,
            kind,
            name: Arc::from(c_string(name.clone()).as_c_str()),
            object,
            journal: rt.journal.clone(),
        });
        let at = entry
            .providers
            .iter()
            .position(|p| p.kind > kind)
            .unwrap_or(entry.providers.len());
        entry.providers.insert(at, record);
        drop(st);
        tracing::debug!(session = id, kind = kind.label(), name = %name, "provider attached");
        (
            S_OK,
            Some(format!(
                "session {id}: {} \"{name}\" attached",
                kind.label()
            )),
        )
    }

    /// Back to the state before the first `MAPIInitialize`: sessions dropped (the runtime's provider
    /// references released), registry and Office version back to the configuration, journal cleared,
    /// exited state cleared. Session objects the client still holds stay valid memory but are stale.
    pub fn reset(&self) {
        let rt = &self.inner;
        let (sessions, objects) = {
            let mut st = rt.state.lock();
            let generation = st.generation + 1;
            let config = st.config.clone();
            let old = std::mem::replace(&mut *st, State::new(config, generation));
            // Objects the client still holds must stay allocated; released ones can go.
            let (held, released): (Vec<_>, Vec<_>) =
                old.objects.into_iter().partition(|o| o.ref_count() > 0);
            st.objects = held;
            (old.sessions, released)
        };
        drop(sessions);
        drop(objects);
        rt.journal.clear();
        self.reload_config(Method::Reset);
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
                    "Office version '{version}' is not a version number such as 16.0, 15.0 or 14.0"
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
                self.inner.journal.violation(Method::Registry, 0, msg);
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

    /// Record a violation for bad input detected by a caller (the FFI layer's argument checks).
    pub fn reject(&self, method: Method, hr: HRESULT, message: impl Into<String>) -> HRESULT {
        self.inner.journal.violation(method, 0, message);
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
