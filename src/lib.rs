//! mockmapi: a cross-platform mock of the MAPI subsystem's fast-shutdown protocol, exported as a C ABI.
//!
//! - [`com`]: the COM ABI (types, IIDs, HRESULTs, vtables).
//! - [`policy`]: the emulated registry and the `FastShutdownBehavior` decision.
//! - [`runtime`]: the subsystem model ([`runtime::Runtime`]), usable directly from Rust.
//! - [`ffi`]: the exported C surface, declared in `include/mockmapi.h`.
//! - [`mapiutil`]: the MAPI utility model (properties, restrictions, sorting, `IPropData`, `ITableData`).
//! - [`check`]: the conformance checks of a provider library (`mockmapi check`).
//! - [`rules`]: the stable identifiers of the rules (defined in `RULES.md`).
#![allow(clippy::missing_safety_doc)]

pub mod check;
pub mod com;
pub mod ffi;
/// cbindgen:ignore
pub mod mapiutil;
pub mod policy;
pub mod rules;
pub mod runtime;
