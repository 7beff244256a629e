//! Primitive MAPI/COM types with the widths SPEC §1 fixes on every platform.
//!
//! These are declared to C by the hand-written `include/mockmapi_abi.h` (they must match the Windows SDK's
//! own typedefs there), so cbindgen is told not to emit them.
#![allow(non_camel_case_types, non_snake_case, clippy::upper_case_acronyms)]

/// A COM result code: 32-bit signed everywhere (never C `long`).
pub type HRESULT = i32;
/// A MAPI status code; the same type as [`HRESULT`].
pub type SCODE = i32;
/// 32-bit unsigned.
pub type ULONG = u32;
/// Pointer-sized unsigned integer.
pub type ULONG_PTR = usize;
/// The SDK's ANSI string pointer (`char *`).
pub type LPTSTR = *mut core::ffi::c_char;

/// A GUID: 16 bytes, compared bytewise.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct GUID {
    pub Data1: u32,
    pub Data2: u16,
    pub Data3: u16,
    pub Data4: [u8; 8],
}

/// An interface identifier.
pub type IID = GUID;
/// A reference to an IID: `const IID *` in C, `const IID &` in C++ (the same ABI).
pub type REFIID = *const GUID;
/// A pointer to an IID in both languages (`const IID *`): the type of MAPI's `lpInterface` parameters.
pub type LPCIID = *const GUID;

impl GUID {
    /// The OLE form `{XXXXXXXX-0000-0000-C000-000000000046}` that every MAPI IID uses.
    pub const fn ole(data1: u32) -> GUID {
        GUID {
            Data1: data1,
            Data2: 0,
            Data3: 0,
            Data4: [0xC0, 0, 0, 0, 0, 0, 0, 0x46],
        }
    }
}

impl core::fmt::Display for GUID {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let d = &self.Data4;
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
            self.Data1, self.Data2, self.Data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    }
}
