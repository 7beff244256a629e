//! The configuration file (`mockmapi.yaml`, documented default in `config/mockmapi.yaml`) and where the runtime
//! finds it.
//!
//! ```yaml
//! office_version: "16.0"      # the emulated Office version
//! registry:                   # the emulated hive, in the YAML hive format
//!   HKEY_CURRENT_USER:
//!     Software\Policies\Microsoft\Office\16.0\Outlook\Options\Shutdown:
//!       FastShutdownBehavior: 1
//! provider_call_budget_ms: 0  # report provider calls slower than this (0 = off)
//! default_profile: Outlook     # the profile a NULL or empty profile name logs on to
//! profiles:                   # profile name -> providers, loaded by MAPILogonEx
//!   Outlook:
//!     - { kind: transport, name: My transport, library: ../build/libmyxp.so }   # relative to this file
//!     - { kind: store, name: Slow store, fake: { do_fast_shutdown_delay_ms: 200 } }
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

/// The settings a configuration file may hold.
pub const SETTINGS: [&str; 5] = [
    "office_version",
    "registry",
    "profiles",
    "default_profile",
    "provider_call_budget_ms",
];

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

/// The longest profile name, in characters (UTF-16 code units, as Windows counts them): MAPI's
/// `cchProfileNameMax`. Longer names are refused by `MAPILogonEx` (`E_INVALIDARG`) and by the configuration file.
pub const MAX_PROFILE_NAME_CHARS: usize = 64;

/// The longest provider display name, in bytes of UTF-8 (`MOCKMAPI_MAX_PROVIDER_NAME_BYTES`): names are kept for
/// the life of the process, so a runaway length is refused instead of kept — in the configuration file as in
/// `mockmapi_session_add_provider`.
pub const MAX_PROVIDER_NAME_BYTES: usize = 1024;

/// A profile name MAPI would accept: at most [`MAX_PROFILE_NAME_CHARS`] characters. The error says why.
pub fn check_profile_name(name: &str) -> Result<(), String> {
    let n = name.encode_utf16().count();
    if n > MAX_PROFILE_NAME_CHARS {
        let shown: String = name.chars().take(40).collect();
        return Err(format!(
            "profile name '{shown}...' has {n} characters; MAPI allows at most {MAX_PROFILE_NAME_CHARS} \
             (cchProfileNameMax): use a shorter name"
        ));
    }
    Ok(())
}

/// A parsed configuration file: what it sets (`None` = not set there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub office_version: Option<String>,
    /// `profiles:`, in file order; library paths as written (relative ones are relative to the file).
    pub profiles: Vec<ConfigProfile>,
    pub default_profile: Option<String>,
    /// `provider_call_budget_ms:`; 0 or absent = off.
    pub provider_call_budget_ms: Option<u32>,
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
                SETTINGS.join(", ")
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
                    "unknown setting '{key}'{hint}; a configuration file knows {}",
                    SETTINGS.join(", ")
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
            "profiles" => out.profiles = profiles_from_node(value, &at)?,
            "default_profile" => match value {
                Node::Str(s) if !s.is_empty() => {
                    check_profile_name(s).map_err(|why| Problem::new(&at, why))?;
                    out.default_profile = Some(s.clone())
                }
                other => {
                    return Err(Problem::new(
                        &at,
                        format!("default_profile is {}; write the name of a profile", other.describe()),
                    ))
                }
            },
            "provider_call_budget_ms" => match value {
                Node::Int(n) if (0..=i128::from(u32::MAX)).contains(n) => {
                    out.provider_call_budget_ms = Some(*n as u32)
                }
                other => {
                    return Err(Problem::new(
                        &at,
                        format!(
                            "provider_call_budget_ms is {}; write a whole number of milliseconds (0 turns it off)",
                            other.describe()
                        ),
                    ))
                }
            },
            _ => unreachable!("listed in SETTINGS"),
        }
    }
    Ok(out)
}

const PROVIDER_KINDS: [&str; 3] = ["transport", "address-book", "store"];
const PROVIDER_KEYS: [&str; 6] = ["kind", "name", "library", "entry", "fake", "properties"];
const FAKE_KEYS: [&str; 9] = [
    "without_provider_shutdown",
    "query_fast_shutdown",
    "notify_process_shutdown",
    "do_fast_shutdown",
    "shutdown",
    "query_fast_shutdown_delay_ms",
    "notify_process_shutdown_delay_ms",
    "do_fast_shutdown_delay_ms",
    "shutdown_delay_ms",
];

/// `profiles:` — a mapping of profile name → list of providers.
fn profiles_from_node(node: &Node, at: &[Step]) -> Result<Vec<ConfigProfile>, Problem> {
    let Node::Map(entries) = node else {
        return Err(Problem::new(
            at,
            format!(
                "profiles is {}; write a mapping of profile names to lists of providers",
                node.describe()
            ),
        ));
    };
    let mut out: Vec<ConfigProfile> = Vec::new();
    for (i, (name, value)) in entries.iter().enumerate() {
        let here = [at, &[Step::Value(i)]].concat();
        if let Some(first) = out.iter().position(|p| p.name.eq_ignore_ascii_case(name)) {
            return Err(Problem {
                path: [at, &[Step::Key(i)]].concat(),
                earlier: Some([at, &[Step::Key(first)]].concat()),
                message: format!("profile '{name}' is written twice (names compare case-insensitively), here and at {{earlier}}"),
            });
        }
        check_profile_name(name)
            .map_err(|why| Problem::new(&[at, &[Step::Key(i)]].concat(), why))?;
        let Node::Seq(items) = value else {
            return Err(Problem::new(
                &here,
                format!("profile '{name}' is {}; write a list of providers (- kind: ..., name: ..., library: ...)", value.describe()),
            ));
        };
        let mut providers = Vec::new();
        for (j, item) in items.iter().enumerate() {
            providers.push(provider_from_node(
                item,
                &[here.as_slice(), &[Step::Item(j)]].concat(),
            )?);
        }
        out.push(ConfigProfile {
            name: name.clone(),
            providers,
        });
    }
    Ok(out)
}

fn provider_from_node(node: &Node, at: &[Step]) -> Result<ConfigProvider, Problem> {
    let Node::Map(entries) = node else {
        return Err(Problem::new(
            at,
            format!(
                "a provider is {}; write a mapping with kind, name and library (or fake)",
                node.describe()
            ),
        ));
    };
    let (mut kind, mut name, mut library, mut entry, mut fake) = (None, None, None, None, None);
    let mut properties = Vec::new();
    for (i, (key, value)) in entries.iter().enumerate() {
        let here = [at, &[Step::Value(i)]].concat();
        let text = |what: &str| match value {
            Node::Str(s) if !s.is_empty() => Ok(s.clone()),
            other => Err(Problem::new(
                &here,
                format!("{what} is {}; write text", other.describe()),
            )),
        };
        match key.as_str() {
            "kind" => {
                let k = text("kind")?;
                if !PROVIDER_KINDS.contains(&k.as_str()) {
                    return Err(Problem::new(
                        &here,
                        format!(
                            "unknown provider kind '{k}'; use {}",
                            PROVIDER_KINDS.join(", ")
                        ),
                    ));
                }
                kind = Some(k);
            }
            "name" => {
                let n = text("name")?;
                if n.len() > MAX_PROVIDER_NAME_BYTES {
                    return Err(Problem::new(
                        &here,
                        format!(
                            "the provider name is {} bytes long; the limit is {MAX_PROVIDER_NAME_BYTES} bytes \
                             (MOCKMAPI_MAX_PROVIDER_NAME_BYTES): use a shorter name",
                            n.len()
                        ),
                    ));
                }
                name = Some(n);
            }
            "library" => library = Some(text("library")?),
            "entry" => entry = Some(text("entry")?),
            "fake" => fake = Some(fake_from_node(value, &here)?),
            "properties" => properties = properties_from_node(value, &here)?,
            other => {
                return Err(Problem::new(
                    &[at, &[Step::Key(i)]].concat(),
                    format!(
                        "unknown provider setting '{other}'; a provider knows {}",
                        PROVIDER_KEYS.join(", ")
                    ),
                ))
            }
        }
    }
    let Some(kind) = kind else {
        return Err(Problem::new(
            at,
            format!(
                "this provider has no kind; add kind: with one of {}",
                PROVIDER_KINDS.join(", ")
            ),
        ));
    };
    let source =
        match (library, fake) {
            (Some(path), None) => ConfigProviderSource::Library {
                path: PathBuf::from(path),
                entry,
            },
            (None, Some(f)) if entry.is_none() => ConfigProviderSource::Fake(f),
            (None, Some(_)) => {
                return Err(Problem::new(
                    at,
                    "entry: goes with library:, not with fake:",
                ))
            }
            (Some(_), Some(_)) => {
                return Err(Problem::new(
                    at,
                    "a provider has either library: or fake:, not both",
                ))
            }
            (None, None) => return Err(Problem::new(
                at,
                "this provider has neither library: (a shared library) nor fake: (a fake provider)",
            )),
        };
    let name = name.unwrap_or_else(|| kind.clone());
    Ok(ConfigProvider {
        kind,
        name,
        source,
        properties,
    })
}

/// `properties:` of a provider — its profile section: a mapping of `PR_*` names (as `mapitags.h` spells them) or
/// tags (`0x6700001F`) to values of the tag's type.
fn properties_from_node(node: &Node, at: &[Step]) -> Result<Vec<ConfigProperty>, Problem> {
    let entries = match node {
        Node::Map(e) => e.as_slice(),
        Node::Null => &[],
        other => {
            return Err(Problem::new(
                at,
                format!(
                    "properties is {}; write a mapping of property names (PR_DISPLAY_NAME_W, or a tag such as \
                     0x6700001F) to values",
                    other.describe()
                ),
            ))
        }
    };
    let mut out: Vec<ConfigProperty> = Vec::new();
    for (i, (key, value)) in entries.iter().enumerate() {
        let key_at = [at, &[Step::Key(i)]].concat();
        let here = [at, &[Step::Value(i)]].concat();
        let tag = match key.strip_prefix("0x").or_else(|| key.strip_prefix("0X")) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => crate::mapiutil::tags::tag_from_name(key),
        };
        let Some(tag) = tag else {
            return Err(Problem::new(
                &key_at,
                format!(
                    "unknown property '{key}'; write a PR_* name from mapitags.h (PR_DISPLAY_NAME_W, \
                     PR_PST_PATH_W, ...) or a property tag in hex (0x6700001F)"
                ),
            ));
        };
        if let Some(j) = out.iter().position(|p| p.tag == tag) {
            return Err(Problem {
                path: key_at,
                earlier: Some([at, &[Step::Key(j)]].concat()),
                message: format!(
                    "property '{key}' (tag 0x{tag:08X}) is written twice, here and at {{earlier}}"
                ),
            });
        }
        let ty = tag & 0xFFFF;
        let type_name = crate::mapiutil::tags::type_name(ty);
        let wrong = |want: &str| {
            Problem::new(
                &here,
                format!(
                    "{key} is a {type_name} property but its value is {}; write {want}",
                    value.describe()
                ),
            )
        };
        use crate::com::mapidefs::{
            PT_BINARY, PT_BOOLEAN, PT_I2, PT_I8, PT_LONG, PT_STRING8, PT_UNICODE,
        };
        let value = match (ty, value) {
            (PT_STRING8 | PT_UNICODE, Node::Str(s)) => ConfigValue::String(s.clone()),
            (PT_STRING8 | PT_UNICODE, _) => return Err(wrong("text")),
            (PT_I2, Node::Int(n)) if (i128::from(i16::MIN)..=i128::from(u16::MAX)).contains(n) => {
                ConfigValue::Integer(*n as i64)
            }
            (PT_I2, _) => return Err(wrong("a whole number from -32768 to 65535")),
            (PT_LONG, Node::Int(n)) if (i128::from(i32::MIN)..=i128::from(u32::MAX)).contains(n) => {
                ConfigValue::Integer(*n as i64)
            }
            (PT_LONG, _) => return Err(wrong("a whole number from -2147483648 to 4294967295")),
            (PT_I8, Node::Int(n)) if (i128::from(i64::MIN)..=i128::from(u64::MAX)).contains(n) => {
                ConfigValue::Integer(*n as i64)
            }
            (PT_I8, _) => return Err(wrong("a 64-bit whole number")),
            (PT_BOOLEAN, Node::Bool(b)) => ConfigValue::Boolean(*b),
            (PT_BOOLEAN, _) => return Err(wrong("true or false")),
            (PT_BINARY, Node::Str(s)) => ConfigValue::Binary(hex_bytes(s).map_err(|why| {
                Problem::new(&here, format!("{key} is a PT_BINARY property: {why}"))
            })?),
            (PT_BINARY, _) => return Err(wrong("its bytes in hex, quoted (\"DEADBEEF\")")),
            _ => {
                return Err(Problem::new(
                    &key_at,
                    format!(
                        "{key} is a {type_name} property, a type the configuration does not write; properties \
                         are text (PT_STRING8, PT_UNICODE), whole numbers (PT_I2, PT_LONG, PT_I8), booleans \
                         (PT_BOOLEAN) or bytes in hex (PT_BINARY)"
                    ),
                ))
            }
        };
        out.push(ConfigProperty { tag, value });
    }
    Ok(out)
}

/// Bytes written in hex, two digits each; spaces between bytes are allowed.
fn hex_bytes(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err(format!(
            "'{text}' has an odd number of hex digits; write two per byte (\"0A1B\")"
        ));
    }
    digits
        .chunks(2)
        .map(|pair| {
            let s: String = pair.iter().collect();
            u8::from_str_radix(&s, 16).map_err(|_| {
                format!("'{s}' in '{text}' is not a hex byte; write digits 0-9 and A-F")
            })
        })
        .collect()
}

fn fake_from_node(node: &Node, at: &[Step]) -> Result<ConfigFake, Problem> {
    let mut fake = ConfigFake::default();
    let entries = match node {
        Node::Map(e) => e.as_slice(),
        Node::Null => &[],
        other => {
            return Err(Problem::new(
                at,
                format!(
                    "fake is {}; write a mapping of settings, or {{}}",
                    other.describe()
                ),
            ))
        }
    };
    for (i, (key, value)) in entries.iter().enumerate() {
        let here = [at, &[Step::Value(i)]].concat();
        let Some(slot) = FAKE_KEYS.iter().position(|k| k == key) else {
            return Err(Problem::new(
                &[at, &[Step::Key(i)]].concat(),
                format!(
                    "unknown fake setting '{key}'; a fake knows {}",
                    FAKE_KEYS.join(", ")
                ),
            ));
        };
        match (slot, value) {
            (0, Node::Bool(b)) => fake.without_provider_shutdown = *b,
            (1..=4, v) => fake.results[slot - 1] = hresult_from_node(v, &here, key)?,
            (5..=8, Node::Int(n)) if (0..=i128::from(u32::MAX)).contains(n) => {
                fake.delays_ms[slot - 5] = *n as u32
            }
            (_, v) => {
                let want = if slot == 0 {
                    "true or false"
                } else {
                    "a whole number of milliseconds"
                };
                return Err(Problem::new(
                    &here,
                    format!("{key} is {}; write {want}", v.describe()),
                ));
            }
        }
    }
    Ok(fake)
}

fn hresult_from_node(node: &Node, at: &[Step], key: &str) -> Result<i32, Problem> {
    match node {
        Node::Str(s) => crate::com::hresult_from_name(s).ok_or_else(|| {
            Problem::new(at, format!("{key}: unknown HRESULT name '{s}'; write a name such as S_OK or MAPI_E_NO_SUPPORT, or a number"))
        }),
        Node::Int(n) if (i128::from(i32::MIN)..=i128::from(u32::MAX)).contains(n) => Ok(*n as i64 as u32 as i32),
        other => Err(Problem::new(at, format!("{key} is {}; write an HRESULT name or number", other.describe()))),
    }
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

    /// Every file [`discover`] would read with these inputs (whether or not it exists): the configuration file
    /// (`MOCKMAPI_CONFIG`, else `mockmapi.yaml` in the working directory) and the hive file (`MOCKMAPI_REGISTRY`).
    pub fn files(&self) -> Vec<PathBuf> {
        let config = match set(&self.config_env) {
            Some(p) => Some(self.resolve(p)),
            None => self.cwd.as_ref().map(|cwd| cwd.join(CONFIG_FILE_NAME)),
        };
        config
            .into_iter()
            .chain(set(&self.registry_env).map(|p| self.resolve(p)))
            .collect()
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
    /// `provider_call_budget_ms:`, if set.
    pub provider_call_budget_ms: Option<u32>,
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
    /// `properties:`, its profile section (what `IMAPISupport::OpenProfileSection` returns), in file order.
    pub properties: Vec<ConfigProperty>,
}

/// One property of a provider's profile section, as the configuration writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProperty {
    pub tag: u32,
    pub value: ConfigValue,
}

/// A profile-section value: the tag's type says which one is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue {
    /// `PT_STRING8` / `PT_UNICODE`.
    String(String),
    /// `PT_I2`, `PT_LONG`, `PT_I8` (the range was checked against the type).
    Integer(i64),
    /// `PT_BOOLEAN`.
    Boolean(bool),
    /// `PT_BINARY`.
    Binary(Vec<u8>),
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
        provider_call_budget_ms: None,
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
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                out.profiles = file
                    .profiles
                    .into_iter()
                    .map(|mut p| {
                        for prov in &mut p.providers {
                            if let ConfigProviderSource::Library { path: lib, .. } =
                                &mut prov.source
                            {
                                *lib = folder.join(&*lib);
                            }
                        }
                        p
                    })
                    .collect();
                out.default_profile = file.default_profile;
                out.provider_call_budget_ms = file.provider_call_budget_ms;
                out.config_path = Some(path);
            }
            Err(e) => {
                // A configuration that failed to load never falls back to the real Windows registry: the test
                // would run under whatever the machine's policy happens to be.
                out.emulated = true;
                out.errors.push(e);
            }
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
    fn profiles_parse_with_libraries_fakes_and_defaults() {
        let text = "default_profile: Outlook\nprovider_call_budget_ms: 250\nprofiles:\n  Outlook:\n    - kind: transport\n      name: XP\n      library: libs/libxp.so\n      entry: MyInit\n    - kind: store\n      fake:\n        query_fast_shutdown: MAPI_E_NO_SUPPORT\n        do_fast_shutdown: 0x80004005\n        shutdown_delay_ms: 5\n        without_provider_shutdown: true\n";
        let c = parse_config("c.yaml", text).unwrap();
        assert_eq!(c.default_profile.as_deref(), Some("Outlook"));
        assert_eq!(c.provider_call_budget_ms, Some(250));
        let p = &c.profiles[0];
        assert_eq!(p.name, "Outlook");
        assert_eq!(
            p.providers[0].source,
            ConfigProviderSource::Library {
                path: PathBuf::from("libs/libxp.so"),
                entry: Some("MyInit".into())
            }
        );
        let ConfigProviderSource::Fake(f) = &p.providers[1].source else {
            panic!("a fake")
        };
        assert_eq!(
            p.providers[1].name, "store",
            "the kind names an unnamed provider"
        );
        assert_eq!(
            f.results,
            [crate::com::MAPI_E_NO_SUPPORT, 0, crate::com::E_FAIL, 0]
        );
        assert_eq!(f.delays_ms, [0, 0, 0, 5]);
        assert!(f.without_provider_shutdown);
    }

    #[test]
    fn provider_properties_parse_by_name_or_tag_with_typed_values() {
        let text = "profiles:\n  P:\n    - kind: store\n      name: S\n      fake: {}\n      properties:\n        PR_DISPLAY_NAME_W: My store\n        PR_DISPLAY_NAME_A: narrow\n        0x67200003: -7\n        0x67210002: 65535\n        0x67220014: 9000000000\n        0x6723000B: true\n        0x67240102: \"de ad BE EF\"\n";
        let c = parse_config("c.yaml", text).unwrap();
        let props = &c.profiles[0].providers[0].properties;
        let want = [
            (0x3001_001F, ConfigValue::String("My store".into())),
            (0x3001_001E, ConfigValue::String("narrow".into())),
            (0x6720_0003, ConfigValue::Integer(-7)),
            (0x6721_0002, ConfigValue::Integer(65535)),
            (0x6722_0014, ConfigValue::Integer(9_000_000_000)),
            (0x6723_000B, ConfigValue::Boolean(true)),
            (
                0x6724_0102,
                ConfigValue::Binary(vec![0xDE, 0xAD, 0xBE, 0xEF]),
            ),
        ];
        assert_eq!(props.len(), want.len());
        for (p, (tag, value)) in props.iter().zip(want) {
            assert_eq!((p.tag, &p.value), (tag, &value));
        }
    }

    #[test]
    fn provider_property_errors_name_the_place_and_the_fix() {
        let head = "profiles:\n  P:\n    - kind: store\n      fake: {}\n      properties:\n";
        let cases = [
            (
                "        PR_NO_SUCH: 1\n",
                "6:9",
                "unknown property 'PR_NO_SUCH'",
            ),
            ("        0xZZ: 1\n", "6:9", "unknown property '0xZZ'"),
            (
                "        PR_DISPLAY_NAME_W: 5\n",
                "6:28",
                "PT_UNICODE property but its value is",
            ),
            (
                "        0x67200003: 4294967296\n",
                "6:21",
                "from -2147483648 to 4294967295",
            ),
            ("        0x6723000B: yes please\n", "6:21", "true or false"),
            (
                "        0x67240102: \"ABC\"\n",
                "6:21",
                "odd number of hex digits",
            ),
            ("        0x67240102: \"GG\"\n", "6:21", "not a hex byte"),
            (
                "        0x67250040: 1\n",
                "6:9",
                "PT_SYSTIME property, a type the configuration does not write",
            ),
            (
                "        PR_DISPLAY_NAME: a\n        PR_DISPLAY_NAME_A: b\n",
                "7:9",
                "written twice",
            ),
        ];
        for (props, at, what) in cases {
            let text = format!("{head}{props}");
            let e = parse_config("c.yaml", &text).unwrap_err().to_string();
            assert!(e.contains(&format!("c.yaml:{at}")), "{props:?}: {e}");
            assert!(e.contains(what), "{props:?}: {e}");
        }
        let e = parse_config(
            "c.yaml",
            "profiles:\n  P:\n    - kind: store\n      fake: {}\n      properties: [a]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("c.yaml:5:19") && e.contains("properties is a list"),
            "{e}"
        );
    }

    #[test]
    fn profile_errors_name_the_place_and_the_fix() {
        let cases = [
            (
                "profiles:\n  A:\n    - kind: printer\n      library: x.so\n",
                "3:13",
                "unknown provider kind 'printer'",
            ),
            (
                "profiles:\n  A:\n    - kind: store\n",
                "3:7",
                "neither library:",
            ),
            (
                "profiles:\n  A:\n    - kind: store\n      fake: {shutdown: S_MAYBE}\n",
                "4:24",
                "unknown HRESULT name 'S_MAYBE'",
            ),
            ("profiles:\n  A: []\n  a: []\n", "3:3", "written twice"),
            (
                "profiles:\n  A:\n    - kind: store\n      libary: x.so\n",
                "4:7",
                "unknown provider setting 'libary'",
            ),
            ("profiles: [a]\n", "1:11", "profiles is a list"),
        ];
        for (text, at, what) in cases {
            let e = parse_config("c.yaml", text).unwrap_err().to_string();
            assert!(e.contains(&format!("c.yaml:{at}")), "{text:?}: {e}");
            assert!(e.contains(what), "{text:?}: {e}");
        }
        // Provider names: at most MAX_PROVIDER_NAME_BYTES, as mockmapi_session_add_provider.
        let text = format!(
            "profiles:\n  P:\n    - kind: store\n      name: {}\n      library: x.so\n",
            "n".repeat(MAX_PROVIDER_NAME_BYTES + 1)
        );
        let e = parse_config("c.yaml", &text).unwrap_err().to_string();
        assert!(
            e.contains("c.yaml:4:13") && e.contains("the limit is 1024 bytes"),
            "{e}"
        );
        // Profile names: at most MAX_PROFILE_NAME_CHARS (cchProfileNameMax), as MAPILogonEx.
        let fits = "p".repeat(MAX_PROFILE_NAME_CHARS);
        let c = parse_config(
            "c.yaml",
            &format!(
                "default_profile: {fits}
profiles:
  {fits}: []
"
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.profiles[0].name, fits);
        let long = "p".repeat(MAX_PROFILE_NAME_CHARS + 1);
        for (text, at) in [
            (format!("profiles:\n  {long}: []\n"), "2:3"),
            (format!("default_profile: {long}\n"), "1:18"),
        ] {
            let e = parse_config("c.yaml", &text).unwrap_err().to_string();
            assert!(e.contains(&format!("c.yaml:{at}")), "{text:?}: {e}");
            assert!(e.contains("at most 64 (cchProfileNameMax)"), "{e}");
        }
    }

    #[test]
    fn library_paths_are_relative_to_the_configuration_file() {
        let dir =
            std::env::temp_dir().join(format!("mockmapi-config-profiles-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("conf")).unwrap();
        std::fs::write(
            dir.join("conf/mockmapi.yaml"),
            "profiles:\n  P:\n    - {kind: store, library: ../lib/libms.so}\n",
        )
        .unwrap();
        let found = discover(&DiscoveryInputs {
            config_env: Some(dir.join("conf/mockmapi.yaml").into_os_string()),
            registry_env: None,
            cwd: Some(dir.clone()),
        });
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        let ConfigProviderSource::Library { path, .. } = &found.profiles[0].providers[0].source
        else {
            panic!()
        };
        assert_eq!(path, &dir.join("conf").join("../lib/libms.so"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn settings_and_errors() {
        let c = parse_config("c.yaml", "office_version: 14.0\nprofiles: {}\n").unwrap();
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
