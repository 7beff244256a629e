//! The registry emulation and the `FastShutdownBehavior` decision (SPEC §3).
//!
//! Pure data in, decision out: nothing here knows about COM or sessions.

pub mod hive;
pub mod resolve;

pub use hive::{KeyPath, RegValue, Registry, RegistryError, RootKey};
pub use resolve::{
    resolve_fast_shutdown, resolve_native, PolicyDecision, PolicySource, DEFAULT_OFFICE_VERSION,
};
