//! The registry as the runtime sees it: the configuration read at the first use and again at every reset,
//! whole-hive loads and dumps for the control API, and the choice between the emulated hive and (on Windows)
//! the real registry.
//!
//! Lock order: the `files` lock may take the state lock and then the journal's; nothing takes `files` while
//! holding the state lock. No file is read while any lock is held: files are read first, then applied.

use std::path::Path;

use crate::com::{E_INVALIDARG, HRESULT, MAPI_E_NOT_FOUND, S_OK};
use crate::policy::{
    discover, load_registry_file, resolve_fast_shutdown, yaml, DiscoveryInputs, LoadErrorKind,
    PolicyDecision, Registry, RegistryError,
};

use super::method::Method;
use super::{Config, Runtime, State};

/// Where a runtime's configuration comes from.
#[derive(Debug, Clone)]
pub enum Discovery {
    /// `MOCKMAPI_CONFIG`, `MOCKMAPI_REGISTRY` and the working directory of the process, read at each load.
    Process,
    /// Given inputs (tests, embedders).
    Given(DiscoveryInputs),
}

impl Discovery {
    fn inputs(&self) -> DiscoveryInputs {
        match self {
            Discovery::Process => DiscoveryInputs::from_process(),
            Discovery::Given(i) => i.clone(),
        }
    }
}

/// The configuration files' state, under its own lock (see the module comment for the order).
#[derive(Debug, Default)]
pub(crate) struct Files {
    /// `None`: the configuration is fixed (`Runtime::new`, `set_config`) and no file is read.
    discovery: Option<Discovery>,
    /// The configuration was read since the runtime was made.
    loaded: bool,
    /// The error of the most recent load (configuration or `mockmapi_registry_load_file`), if it failed.
    last_error: Option<String>,
}

impl Files {
    pub(crate) fn fixed() -> Files {
        Files::default()
    }
}

impl State {
    /// The `FastShutdownBehavior` decision now: from the emulated hive, or on Windows from the real registry
    /// when emulation was not selected.
    pub(crate) fn decide_policy(&self) -> PolicyDecision {
        #[cfg(windows)]
        if self.native_registry {
            return crate::policy::resolve_native(&self.office_version, |subkey, name| {
                crate::policy::windows::read_hkcu_value(subkey, name)
                    .map_err(|code| format!("Win32 error {code}"))
            });
        }
        resolve_fast_shutdown(&self.registry, &self.office_version)
    }
}

impl Config {
    /// The runtime configuration of a discovered configuration file (and hive file).
    pub fn from_discovered(found: &crate::policy::config::Discovered) -> Config {
        Config {
            registry: found.registry.clone(),
            office_version: found.office_version.clone(),
            profiles: found
                .profiles
                .iter()
                .map(super::profile_from_config)
                .collect(),
            default_profile: found.default_profile.clone(),
        }
    }
}

impl Runtime {
    /// A runtime that finds its configuration as the C library does (`config/README.md`): read before the first
    /// `MAPIInitialize` or registry control call, and again at every [`reset`](Runtime::reset).
    pub fn discovering(discovery: Discovery, entry_points: super::loader::EntryPoints) -> Runtime {
        let rt = Runtime::with_entry_points(Config::default(), entry_points);
        rt.inner.files.lock().discovery = Some(discovery);
        rt
    }

    /// Read the configuration if it has not been read yet (a no-op for a fixed configuration).
    pub(crate) fn ensure_config(&self, method: Method) {
        self.read_config(method, false);
    }

    /// Read the configuration again (after a reset); a no-op for a fixed configuration.
    pub(crate) fn reload_config(&self, method: Method) {
        self.read_config(method, true);
    }

    /// The files are read with no lock held (a slow or stuck file never blocks another thread's registry call);
    /// the result is applied under the `files` lock, unless another thread applied one first (`again`: a reset
    /// always applies its own).
    fn read_config(&self, method: Method, again: bool) {
        let inputs = {
            let files = self.inner.files.lock();
            match &files.discovery {
                Some(d) if again || !files.loaded => d.inputs(),
                _ => return,
            }
        };
        let found = discover(&inputs);
        let mut files = self.inner.files.lock();
        if files.discovery.is_none() || (!again && files.loaded) {
            return;
        }
        self.apply_config(&mut files, found, method);
    }

    /// Stop reading configuration files: `set_config` fixed the configuration.
    pub(crate) fn fix_config(&self) {
        let mut files = self.inner.files.lock();
        files.discovery = None;
    }

    fn apply_config(
        &self,
        files: &mut Files,
        found: crate::policy::config::Discovered,
        method: Method,
    ) {
        files.loaded = true;
        files.last_error = (!found.errors.is_empty()).then(|| {
            let all: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
            all.join("\n")
        });
        tracing::info!(target: "mockmapi", "{}", found.describe());
        {
            let mut st = self.inner.state.lock();
            st.config = Config::from_discovered(&found);
            st.registry = found.registry;
            st.office_version = found.office_version;
            st.native_registry = cfg!(windows) && !found.emulated;
        }
        self.inner
            .journal
            .set_call_budget(std::time::Duration::from_millis(u64::from(
                found.provider_call_budget_ms.unwrap_or(0),
            )));
        for e in &found.errors {
            tracing::warn!(target: "mockmapi", "{e}");
            self.inner.journal.diagnostic(
                method,
                0,
                format!("{e} (this file was not used: the built-in defaults stand in for it)"),
            );
        }
    }

    /// Run `f` on the emulated hive to change it: reads the configuration first if needed, and selects the
    /// emulated hive (on Windows the real registry is no longer read).
    pub(crate) fn edit_registry<R>(&self, f: impl FnOnce(&mut Registry) -> R) -> R {
        self.ensure_config(Method::Registry);
        let mut st = self.inner.state.lock();
        st.native_registry = false;
        f(&mut st.registry)
    }

    /// Replace the emulated hive with a YAML or `.reg` file (SPEC §6 `mockmapi_registry_load_file`). On any
    /// error the hive is unchanged, the error is journaled as a violation and kept for
    /// [`registry_last_error`](Runtime::registry_last_error); `MAPI_E_NOT_FOUND` for a missing file,
    /// `E_INVALIDARG` for any other.
    pub fn registry_load_file(&self, path: &Path) -> HRESULT {
        self.ensure_config(Method::Registry);
        // Read and parsed with no lock held; only the swap takes the locks.
        let loaded = load_registry_file(path);
        let mut files = self.inner.files.lock();
        match loaded {
            Ok(registry) => {
                let keys = registry.keys().count();
                {
                    let mut st = self.inner.state.lock();
                    st.registry = registry;
                    st.native_registry = false;
                }
                files.last_error = None;
                tracing::info!(target: "mockmapi", "emulated hive loaded from {} ({keys} key(s))", path.display());
                S_OK
            }
            Err(e) => {
                files.last_error = Some(e.to_string());
                drop(files);
                let hr = if e.kind == LoadErrorKind::NotFound {
                    MAPI_E_NOT_FOUND
                } else {
                    E_INVALIDARG
                };
                self.reject(
                    Method::Registry,
                    hr,
                    format!("mockmapi_registry_load_file: {e} (the emulated hive is unchanged)"),
                )
            }
        }
    }

    /// The error text of the most recent load (a `registry_load_file`, or the configuration read at the first
    /// use or a reset: one line per file that failed), or `None` if that load succeeded.
    pub fn registry_last_error(&self) -> Option<String> {
        self.ensure_config(Method::Registry);
        self.inner.files.lock().last_error.clone()
    }

    /// The emulated hive as YAML, in the format `registry_load_file` reads back to the same hive.
    pub fn registry_dump(&self) -> String {
        self.with_registry(|r| yaml::dump(r))
    }

    /// Empty the emulated hive (and select it, on Windows).
    pub fn registry_clear(&self) {
        self.edit_registry(|r| *r = Registry::new());
    }

    /// Delete a key and every key below it; `MAPI_E_NOT_FOUND` if there was none.
    pub fn registry_delete_key(&self, key: &str) -> HRESULT {
        match self.edit_registry(|r| r.delete_key(key)) {
            Ok(()) => S_OK,
            Err(RegistryError::NotFound(_)) => MAPI_E_NOT_FOUND,
            Err(RegistryError::BadKeyPath(msg)) => self.reject(Method::Registry, E_INVALIDARG, msg),
        }
    }

    /// Whether the policy is read from the real Windows registry (never off Windows).
    pub fn uses_native_registry(&self) -> bool {
        self.ensure_config(Method::Registry);
        self.inner.state.lock().native_registry
    }
}
