//! The configuration file (`mockmapi.yaml`, documented default in `config/mockmapi.yaml`) and where the runtime
//! finds it.
//!
//! ```yaml
//! office_version: "16.0"      # the emulated Office version
//! registry:                   # the emulated hive, in the YAML hive format
//!   HKEY_CURRENT_USER:
//!     Software\Policies\Microsoft\Office\16.0\Outlook\Options\Shutdown:
//!       FastShutdownBehavior: 1
//! profiles: ...               # reserved for a later version: accepted and ignored
//! ```
//!
//! Lookup order ([`discover`]): the file named by `MOCKMAPI_CONFIG`, else `mockmapi.yaml` in the working
//! directory, else the built-in defaults (empty hive, Office 16.0). `MOCKMAPI_REGISTRY` names a YAML or `.reg`
//! hive file that replaces the configuration's `registry:` section. A file that fails to load is reported and
//! replaced by the built-in defaults; nothing is ever half-loaded.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::hive::Registry;
use super::load::{self, Format, LoadError};
use super::resolve::DEFAULT_OFFICE_VERSION;
use super::yaml::{self, Node, Problem, Step};

/// The environment variable naming the configuration file.
pub const CONFIG_ENV: &str = "MOCKMAPI_CONFIG";
/// The environment variable naming a YAML or `.reg` hive file that replaces the configuration's `registry:`.
pub const REGISTRY_ENV: &str = "MOCKMAPI_REGISTRY";
/// The configuration file looked for in the working directory.
pub const CONFIG_FILE_NAME: &str = "mockmapi.yaml";

/// The settings a configuration file may hold (`profiles` is reserved and ignored for now).
pub const SETTINGS: [&str; 3] = ["office_version", "registry", "profiles"];

/// Whether `v` is an Office version as the registry spells it: digits, a dot, digits (`16.0`, `15.0`, `14.0`).
pub fn is_office_version(v: &str) -> bool {
    match v.split_once('.') {
        Some((major, minor)) => {
            !major.is_empty()
                && !minor.is_empty()
                && major.bytes().all(|b| b.is_ascii_digit())
                && minor.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// A parsed configuration file: what it sets (`None` = not set there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub office_version: Option<String>,
    /// The `registry:` section; present (even empty) selects the emulated hive on Windows.
    pub registry: Option<Registry>,
}

/// Parse the text of a configuration file.
pub fn parse_config(origin: &str, text: &str) -> Result<ConfigFile, LoadError> {
    if load::detect(origin, text) == Format::Reg {
        return Err(LoadError::at(
            origin,
            1,
            1,
            format!(
                "this is a .reg file, not a configuration file; point {REGISTRY_ENV} at it instead (or load it \
                 with mockmapi_registry_load_file)"
            ),
        ));
    }
    if text.lines().all(|l| {
        let l = l.trim().trim_start_matches('\u{FEFF}');
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(load::empty_error(
            origin,
            "write {} for the built-in defaults, or remove the file",
        ));
    }
    let node = yaml::parse_document(origin, text)?;
    config_from_node(&node).map_err(|p| p.into_error(origin, text))
}

fn config_from_node(node: &Node) -> Result<ConfigFile, Problem> {
    let Node::Map(entries) = node else {
        return Err(Problem::new(
            &[],
            format!(
                "the top level is {}, but a configuration file is a mapping of settings ({}); write {{}} for the \
                 built-in defaults",
                node.describe(),
                SETTINGS[..2].join(", ")
            ),
        ));
    };
    let mut out = ConfigFile::default();
    let mut seen: Vec<&str> = Vec::new();
    for (i, (key, value)) in entries.iter().enumerate() {
        let Some(setting) = SETTINGS.iter().find(|s| **s == key.as_str()) else {
            let hint = if super::hive::RootKey::parse(key).is_some() {
                format!(
                    " (a hive belongs under registry:, or in a hive file named by {REGISTRY_ENV})"
                )
            } else {
                String::new()
            };
            return Err(Problem::new(
                &[Step::Key(i)],
                format!(
                    "unknown setting '{key}'{hint}; a configuration file knows office_version and registry \
                     (profiles is reserved)"
                ),
            ));
        };
        if let Some(first) = seen.iter().position(|s| s == setting) {
            return Err(Problem {
                path: vec![Step::Key(i)],
                earlier: Some(vec![Step::Key(first)]),
                message: format!(
                    "setting '{key}' is written twice, here and at {{earlier}}; keep one"
                ),
            });
        }
        seen.push(setting);
        let at = [Step::Value(i)];
        match *setting {
            "office_version" => {
                let text = match value {
                    Node::Str(s) => s.clone(),
                    // `office_version: 16.0` is a YAML number: take it as the version it was meant to be.
                    Node::Float(f) if f.is_finite() && *f >= 0.0 => format!("{f:?}"),
                    other => {
                        return Err(Problem::new(
                            &at,
                            format!(
                                "office_version is {}; write a version such as \"16.0\", \"15.0\" or \"14.0\"",
                                other.describe()
                            ),
                        ))
                    }
                };
                if !is_office_version(&text) {
                    return Err(Problem::new(
                        &at,
                        format!(
                            "office_version '{text}' is not a version such as \"16.0\", \"15.0\" or \"14.0\" \
                             (digits, a dot, digits)"
                        ),
                    ));
                }
                out.office_version = Some(text);
            }
            "registry" => out.registry = Some(yaml::hive_from_node(value, &at)?),
            _ => {} // profiles: reserved for a later version
        }
    }
    Ok(out)
}

/// Read and parse a configuration file.
pub fn load_config_file(path: &Path) -> Result<ConfigFile, LoadError> {
    let bytes = load::read_limited(path)?;
    let origin = path.display().to_string();
    let text = load::decode(&origin, &bytes)?;
    parse_config(&origin, &text)
}

/// What configuration discovery looks at, passed in so that it can be tested without touching the process.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiscoveryInputs {
    /// The value of `MOCKMAPI_CONFIG` (unset or empty: not set).
    pub config_env: Option<OsString>,
    /// The value of `MOCKMAPI_REGISTRY` (unset or empty: not set).
    pub registry_env: Option<OsString>,
    /// The working directory: where `mockmapi.yaml` is looked for and relative paths start.
    pub cwd: Option<PathBuf>,
}

impl DiscoveryInputs {
    /// The process's environment and working directory, now.
    pub fn from_process() -> DiscoveryInputs {
        DiscoveryInputs {
            config_env: std::env::var_os(CONFIG_ENV),
            registry_env: std::env::var_os(REGISTRY_ENV),
            cwd: std::env::current_dir().ok(),
        }
    }

    fn resolve(&self, p: &OsString) -> PathBuf {
        let p = Path::new(p);
        match &self.cwd {
            Some(cwd) => cwd.join(p),
            None => p.to_path_buf(),
        }
    }
}

/// The outcome of discovery: the configuration to use, where it came from, and what failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub office_version: String,
    pub registry: Registry,
    /// The emulated hive was selected (`MOCKMAPI_REGISTRY` set, or a `registry:` section): on Windows the real
    /// registry is read only when this is false.
    pub emulated: bool,
    /// The configuration file read, if any.
    pub config_path: Option<PathBuf>,
    /// The hive file read (`MOCKMAPI_REGISTRY`), if any.
    pub registry_path: Option<PathBuf>,
    /// Files that failed to load; each was replaced by the built-in defaults.
    pub errors: Vec<LoadError>,
    /// The `profiles:` section, in file order.
    pub profiles: Vec<ConfigProfile>,
    /// `default_profile:`, the profile a NULL or empty profile name logs on to.
    pub default_profile: Option<String>,
}

/// A profile as the configuration file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProfile {
    pub name: String,
    pub providers: Vec<ConfigProvider>,
}

/// One provider of a profile as the configuration file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProvider {
    /// `transport`, `address-book` or `store`.
    pub kind: String,
    /// Display name for the journal.
    pub name: String,
    pub source: ConfigProviderSource,
}

/// Where a configured provider comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProviderSource {
    /// A shared library (resolved against the configuration file's folder) and an optional entry point.
    Library {
        path: PathBuf,
        entry: Option<String>,
    },
    /// A fake provider.
    Fake(ConfigFake),
}

/// A fake provider's settings (`fake:`): results are HRESULTs, delays in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFake {
    pub without_provider_shutdown: bool,
    /// QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Shutdown.
    pub results: [i32; 4],
    pub delays_ms: [u32; 4],
}

impl Discovered {
    /// One line for the trace: what was read.
    pub fn describe(&self) -> String {
        let config = self.config_path.as_ref().map_or_else(
            || "built-in defaults".to_owned(),
            |p| p.display().to_string(),
        );
        let hive = match (&self.registry_path, self.emulated) {
            (Some(p), _) => format!("hive from {}", p.display()),
            (None, true) => "hive from the configuration's registry: section".to_owned(),
            (None, false) => "no registry: section".to_owned(),
        };
        format!(
            "configuration: {config}; Office {}; {hive} ({} key(s)); {} error(s)",
            self.office_version,
            self.registry.keys().count(),
            self.errors.len()
        )
    }
}

fn set(v: &Option<OsString>) -> Option<&OsString> {
    v.as_ref().filter(|s| !s.is_empty())
}

/// Find and load the configuration: `MOCKMAPI_CONFIG`, else `mockmapi.yaml` in the working directory, else the
/// built-in defaults; then `MOCKMAPI_REGISTRY`, which replaces the `registry:` section. A file that fails is
/// recorded in `errors` and the built-in defaults take its place.
pub fn discover(inputs: &DiscoveryInputs) -> Discovered {
    let mut out = Discovered {
        office_version: DEFAULT_OFFICE_VERSION.to_owned(),
        registry: Registry::new(),
        emulated: false,
        config_path: None,
        registry_path: None,
        errors: Vec::new(),
        profiles: Vec::new(),
        default_profile: None,
    };
    let config_path = match set(&inputs.config_env) {
        Some(p) => Some(inputs.resolve(p)),
        None => inputs
            .cwd
            .as_ref()
            .map(|cwd| cwd.join(CONFIG_FILE_NAME))
            .filter(|p| p.exists()),
    };
    if let Some(path) = config_path {
        match load_config_file(&path) {
            Ok(file) => {
                if let Some(v) = file.office_version {
                    out.office_version = v;
                }
                if let Some(r) = file.registry {
                    out.registry = r;
                    out.emulated = true;
                }
                out.config_path = Some(path);
            }
            Err(e) => out.errors.push(e),
        }
    }
    if let Some(p) = set(&inputs.registry_env) {
        let path = inputs.resolve(p);
        out.emulated = true;
        match load::load_registry_file(&path) {
            Ok(r) => {
                out.registry = r;
                out.registry_path = Some(path);
            }
            Err(e) => {
                out.registry = Registry::new();
                out.errors.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::RegValue;

    #[test]
    fn office_versions() {
        for ok in ["16.0", "14.0", "100.25"] {
            assert!(is_office_version(ok), "{ok}");
        }
        for bad in ["", "16", "16.", ".0", "1..0", "16.0.1", "x16.0", "16.0 "] {
            assert!(!is_office_version(bad), "{bad}");
        }
    }

    #[test]
    fn settings_and_errors() {
        let c = parse_config(
            "c.yaml",
            "office_version: 14.0\nprofiles:\n  any: [thing, {deep: 1}]\n",
        )
        .unwrap();
        assert_eq!(c.office_version.as_deref(), Some("14.0"));
        assert_eq!(c.registry, None);
        let c = parse_config("c.yaml", "registry:\n").unwrap();
        assert_eq!(c.registry, Some(Registry::new()));
        let c = parse_config(
            "c.yaml",
            "office_version: \"15.0\"\nregistry:\n  HKCU:\n    A:\n      v: 2\n",
        )
        .unwrap();
        assert_eq!(
            c.registry.unwrap().get_value("HKCU\\A", "V").unwrap(),
            Some(&RegValue::Dword(2))
        );
        let e = parse_config("c.yaml", "office_version: 16.0\nofice_version: 15.0\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("unknown setting 'ofice_version'"), "{e}");
        let e = parse_config("c.yaml", "HKCU: {}\n").unwrap_err();
        assert!(e.message.contains("belongs under registry:"), "{e}");
        let e = parse_config("c.yaml", "office_version: 16\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 17), "{e}");
        let e = parse_config(
            "c.yaml",
            "office_version: \"16.0\"\noffice_version: \"14.0\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("line 1 column 1"), "{e}");
        let e = parse_config("c.yaml", "registry:\n  HKCU:\n    A:\n      v: -1\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 10), "{e}");
        let e = parse_config("c.yaml", "# nothing\n").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = parse_config("c.yaml", "REGEDIT4\n").unwrap_err();
        assert!(e.message.contains(REGISTRY_ENV), "{e}");
        let e = parse_config("c.yaml", "- 1\n").unwrap_err();
        assert!(e.message.contains("top level is a list"), "{e}");
    }
}
