//! The registry emulation and the `FastShutdownBehavior` decision (SPEC §3).
//!
//! Pure data in, decision out: nothing here knows about COM or sessions. The loaders read files
//! (`load`, `yaml`, `regfile`, `config`) and return a whole new hive or an error, never a part of one.

#[cfg(test)]
mod backend_cases;
pub mod config;
pub mod hive;
pub mod load;
pub mod regfile;
pub mod resolve;
#[cfg(windows)]
pub mod windows;
pub mod yaml;

pub use config::{discover, is_office_version, ConfigFile, Discovered, DiscoveryInputs};
pub use hive::{
    check_value_data, check_value_name, KeyPath, RegValue, Registry, RegistryError, RootKey,
    MAX_KEY_DEPTH, MAX_KEY_NAME_CHARS, MAX_KEY_PATH_CHARS, MAX_VALUE_DATA_BYTES,
    MAX_VALUE_NAME_CHARS,
};
pub use load::{
    load_registry_file, parse_registry_bytes, LoadError, LoadErrorKind, MAX_FILE_BYTES,
};
pub use resolve::{
    resolve_fast_shutdown, resolve_native, PolicyDecision, PolicySource, DEFAULT_OFFICE_VERSION,
};
