//! The COM ABI and nothing else: the primitive MAPI/COM types, the IID and HRESULT constants,
//! the `#[repr(C)]` vtable structs, the one reference-counted object helper and the panic boundary.
//! No policy, no globals.

pub mod boundary;
pub mod hresult;
pub mod iid;
/// cbindgen:ignore
pub mod mapidefs;
/// cbindgen:ignore
pub mod mapiobj;
pub mod opaque;
pub mod refcount;
pub mod types;
pub mod vtbl;

pub use hresult::*;
pub use iid::*;
pub use opaque::*;
pub use types::*;
pub use vtbl::*;
