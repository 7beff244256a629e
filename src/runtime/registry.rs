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
    /// The configuration files failed to load: `MAPIInitialize` returns this HRESULT (with this text) until they
    /// load (rule MM-CONFIG).
    failure: Option<(HRESULT, String)>,
    /// Errors already printed on stderr (each is printed once).
    told: std::collections::HashSet<String>,
    /// The last discovery and the files it read as they were then: a reset reads the files again only when
    /// one of them changed.
    cache: Option<DiscoveryCache>,
}

/// The last discovery, and the files it read as they were then.
#[derive(Debug)]
struct DiscoveryCache {
    files: Vec<FileStamp>,
    /// When the files were looked at.
    at: std::time::SystemTime,
    found: crate::policy::config::Discovered,
}

/// A file as discovery saw it: its path, size, modification time and contents (`None`: it did not exist or
/// could not be read).
#[derive(Debug)]
struct FileStamp {
    path: std::path::PathBuf,
    seen: Option<(u64, std::time::SystemTime)>,
    contents: Option<Vec<u8>>,
}

impl FileStamp {
    fn seen(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
        std::fs::metadata(path)
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)))
    }
}

/// How old a file's modification time must be, when it was read, for its size and modification time alone to
/// prove it unchanged: file systems keep modification times in coarse ticks, so a file rewritten within the
/// same tick keeps its time (and, often, its size). A file modified more recently is compared by contents.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// Discover the configuration, or reuse `cache` when none of the files it read changed: same path, size and
/// modification time (and, for a file modified shortly before it was read, the same contents).
fn discover_cached(
    inputs: &DiscoveryInputs,
    cache: &mut Option<DiscoveryCache>,
) -> crate::policy::config::Discovered {
    let paths = inputs.files();
    let now = std::time::SystemTime::now();
    if let Some(c) = cache.as_mut() {
        let same = c.files.len() == paths.len()
            && c.files.iter().zip(&paths).all(|(f, path)| {
                f.path == *path
                    && f.seen == FileStamp::seen(path)
                    && match f.seen {
                        None => true,
                        Some((_, modified)) if modified + SETTLED <= c.at => true,
                        Some(_) => std::fs::read(path).ok() == f.contents,
                    }
            });
        if same {
            // The files were just found unchanged: what settles from now on is proven by its time alone.
            c.at = now;
            return c.found.clone();
        }
    }
    let at = now;
    let files = paths
        .into_iter()
        .map(|path| FileStamp {
            seen: FileStamp::seen(&path),
            contents: std::fs::read(&path).ok(),
            path,
        })
        .collect();
    let found = discover(inputs);
    *cache = Some(DiscoveryCache {
        files,
        at,
        found: found.clone(),
    });
    found
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
        let (inputs, mut cache) = {
            let mut files = self.inner.files.lock();
            let inputs = match &files.discovery {
                Some(d) if again || !files.loaded => d.inputs(),
                _ => return,
            };
            (inputs, files.cache.take())
        };
        let found = discover_cached(&inputs, &mut cache);
        let mut files = self.inner.files.lock();
        files.cache = cache;
        if files.discovery.is_none() || (!again && files.loaded) {
            return;
        }
        self.apply_config(&mut files, found, method);
    }

    /// Why `MAPIInitialize` must fail: the configuration files did not load (rule MM-CONFIG). They are read
    /// again first, since the file may have been fixed since.
    pub(crate) fn config_failure(&self) -> Option<(HRESULT, String)> {
        let failed = self.inner.files.lock().failure.is_some();
        if !failed {
            return None;
        }
        self.reload_config(Method::MAPIInitialize);
        self.inner.files.lock().failure.clone()
    }

    /// Stop reading configuration files: `set_config` fixed the configuration.
    pub(crate) fn fix_config(&self) {
        let mut files = self.inner.files.lock();
        files.discovery = None;
        files.failure = None;
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
        files.failure = found.errors.first().map(|first| {
            let hr = if first.kind == LoadErrorKind::NotFound {
                MAPI_E_NOT_FOUND
            } else {
                E_INVALIDARG
            };
            (hr, files.last_error.clone().unwrap_or_default())
        });
        for e in &found.errors {
            let text = e.to_string();
            if files.told.insert(text.clone()) {
                // Loud without any log setting: a test must not run silently under the defaults.
                eprintln!(
                    "mockmapi: {text}\nmockmapi: MAPIInitialize fails with {} until this file loads: fix it (or \
                     unset MOCKMAPI_CONFIG / MOCKMAPI_REGISTRY), then call MAPIInitialize again or mockmapi_reset \
                     [rule {}]",
                    crate::com::hresult_display(files.failure.as_ref().map_or(E_INVALIDARG, |f| f.0)),
                    crate::rules::CONFIGURATION
                );
            }
        }
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
                format!(
                    "{e} (this file was not used; MAPIInitialize fails until it loads) [rule {}]",
                    crate::rules::CONFIGURATION
                ),
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
                    format!(
                        "mockmapi_registry_load_file: {e} (the emulated hive is unchanged) [rule {}]",
                        crate::rules::CONFIGURATION
                    ),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::RegValue;
    use std::time::{Duration, SystemTime};

    fn value(rt: &Runtime) -> Option<RegValue> {
        rt.with_registry(|r| r.get_value(r"HKCU\Software\T", "V").unwrap().cloned())
    }

    fn write(path: &Path, text: &str, modified: SystemTime) {
        std::fs::write(path, text).unwrap();
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(modified).unwrap();
    }

    /// A reset reads the hive file again only when its size or modification time changed, or, for a file
    /// modified shortly before it was read, its contents.
    #[test]
    fn a_reset_rereads_the_hive_file_only_when_it_changed() {
        let dir = std::env::temp_dir().join(format!("mockmapi-cache-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let hive = dir.join("hive.yaml");
        let old = SystemTime::now() - Duration::from_secs(3600);
        write(&hive, "HKCU:\n  Software\\T:\n    V: 1\n", old);
        let rt = Runtime::discovering(
            Discovery::Given(DiscoveryInputs {
                config_env: None,
                registry_env: Some(hive.clone().into_os_string()),
                cwd: Some(dir.clone()),
            }),
            super::super::loader::EntryPoints::PLAIN,
        );
        assert_eq!(value(&rt), Some(RegValue::Dword(1)));
        // Same size, same modification time: the file is not read again.
        write(&hive, "HKCU:\n  Software\\T:\n    V: 3\n", old);
        rt.reset();
        assert_eq!(value(&rt), Some(RegValue::Dword(1)), "the cached hive");
        // A newer modification time: read again.
        write(
            &hive,
            "HKCU:\n  Software\\T:\n    V: 3\n",
            old + Duration::from_secs(1),
        );
        rt.reset();
        assert_eq!(value(&rt), Some(RegValue::Dword(3)));
        // Rewritten just now with the same size, within one tick of the file system clock: the contents
        // decide.
        let now = SystemTime::now();
        write(&hive, "HKCU:\n  Software\\T:\n    V: 4\n", now);
        rt.reset();
        assert_eq!(value(&rt), Some(RegValue::Dword(4)));
        write(&hive, "HKCU:\n  Software\\T:\n    V: 5\n", now);
        rt.reset();
        assert_eq!(value(&rt), Some(RegValue::Dword(5)));
        // Another size: read again; a removed file is noticed too.
        write(&hive, "HKCU:\n  Software\\T:\n    V: 66\n", now);
        rt.reset();
        assert_eq!(value(&rt), Some(RegValue::Dword(66)));
        std::fs::remove_file(&hive).unwrap();
        rt.reset();
        assert!(
            rt.registry_last_error().is_some(),
            "a missing hive file is an error"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
