//! The MAPI data structures of `MAPIDefS.h` that the utility functions and objects (`src/mapiutil/`) read and
//! write: `SPropValue` with its whole `__UPV` union, `SPropTagArray`, `SRow`/`SRowSet`, `ADRLIST`,
//! `SPropProblemArray`, `SRestriction` (every kind), `SSortOrderSet`, `NOTIFICATION`, `MAPINAMEID`, and the
//! constants that give them meaning (`PT_*`, `RES_*`, `RELOP_*`, `FL_*`, `TABLE_*`, ...).
//!
//! Layouts follow the SDK's declarations member for member (locked by the tests below and, from C, by
//! `c-tests/mapiutil_layout.c`). C sees these through the SDK-compatible headers (`include/mockmapi/sdk/`),
//! never through the generated `mockmapi.h`: this module is hidden from cbindgen.
#![allow(
    non_camel_case_types,
    non_snake_case,
    non_upper_case_globals,
    clippy::upper_case_acronyms
)]

use core::ffi::{c_char, c_void};

use super::types::{GUID, HRESULT, SCODE, ULONG};

/// `WCHAR` as the SDK-compatible headers declare it (`wchar_t`; 16 bits on Windows).
pub type WCHAR = libc::wchar_t;
/// `BOOKMARK`: a table position.
pub type BOOKMARK = usize;

// ---- property types ------------------------------------------------------------------------------------
pub const MV_FLAG: ULONG = 0x1000;
pub const PT_UNSPECIFIED: ULONG = 0;
pub const PT_NULL: ULONG = 1;
pub const PT_I2: ULONG = 2;
pub const PT_LONG: ULONG = 3;
pub const PT_R4: ULONG = 4;
pub const PT_DOUBLE: ULONG = 5;
pub const PT_CURRENCY: ULONG = 6;
pub const PT_APPTIME: ULONG = 7;
pub const PT_ERROR: ULONG = 10;
pub const PT_BOOLEAN: ULONG = 11;
pub const PT_OBJECT: ULONG = 13;
pub const PT_I8: ULONG = 20;
pub const PT_STRING8: ULONG = 30;
pub const PT_UNICODE: ULONG = 31;
pub const PT_SYSTIME: ULONG = 64;
pub const PT_CLSID: ULONG = 72;
pub const PT_BINARY: ULONG = 258;
pub const PT_PTR: ULONG = 259;

/// `PROP_TYPE(tag)`.
pub const fn prop_type(tag: ULONG) -> ULONG {
    tag & 0xFFFF
}
/// `PROP_ID(tag)`.
pub const fn prop_id(tag: ULONG) -> ULONG {
    tag >> 16
}
/// `PROP_TAG(type, id)`.
pub const fn prop_tag(ty: ULONG, id: ULONG) -> ULONG {
    (id << 16) | ty
}
/// `CHANGE_PROP_TYPE(tag, type)`.
pub const fn change_prop_type(tag: ULONG, ty: ULONG) -> ULONG {
    (tag & 0xFFFF_0000) | ty
}

// ---- restrictions, sort orders, tables, notifications --------------------------------------------------
pub const RES_AND: ULONG = 0;
pub const RES_OR: ULONG = 1;
pub const RES_NOT: ULONG = 2;
pub const RES_CONTENT: ULONG = 3;
pub const RES_PROPERTY: ULONG = 4;
pub const RES_COMPAREPROPS: ULONG = 5;
pub const RES_BITMASK: ULONG = 6;
pub const RES_SIZE: ULONG = 7;
pub const RES_EXIST: ULONG = 8;
pub const RES_SUBRESTRICTION: ULONG = 9;
pub const RES_COMMENT: ULONG = 10;
pub const RES_COUNT: ULONG = 11;
pub const RES_ANNOTATION: ULONG = 12;

pub const RELOP_LT: ULONG = 0;
pub const RELOP_LE: ULONG = 1;
pub const RELOP_GT: ULONG = 2;
pub const RELOP_GE: ULONG = 3;
pub const RELOP_EQ: ULONG = 4;
pub const RELOP_NE: ULONG = 5;
pub const RELOP_RE: ULONG = 6;

pub const BMR_EQZ: ULONG = 0;
pub const BMR_NEZ: ULONG = 1;

pub const FL_FULLSTRING: ULONG = 0x0000_0000;
pub const FL_SUBSTRING: ULONG = 0x0000_0001;
pub const FL_PREFIX: ULONG = 0x0000_0002;
pub const FL_IGNORECASE: ULONG = 0x0001_0000;
pub const FL_IGNORENONSPACE: ULONG = 0x0002_0000;
pub const FL_LOOSE: ULONG = 0x0004_0000;

pub const TABLE_SORT_ASCEND: ULONG = 0;
pub const TABLE_SORT_DESCEND: ULONG = 1;
pub const TABLE_SORT_COMBINE: ULONG = 2;

pub const BOOKMARK_BEGINNING: BOOKMARK = 0;
pub const BOOKMARK_CURRENT: BOOKMARK = 1;
pub const BOOKMARK_END: BOOKMARK = 2;

pub const TBL_NOADVANCE: ULONG = 0x0000_0001;
pub const DIR_BACKWARD: ULONG = 0x0000_0001;
pub const TBL_ALL_COLUMNS: ULONG = 0x0000_0001;

pub const TBLSTAT_COMPLETE: ULONG = 0;
pub const TBLTYPE_SNAPSHOT: ULONG = 0;
pub const TBLTYPE_KEYSET: ULONG = 1;
pub const TBLTYPE_DYNAMIC: ULONG = 2;

pub const fnevTableModified: ULONG = 0x0000_0100;
pub const TABLE_CHANGED: ULONG = 1;
pub const TABLE_ERROR: ULONG = 2;
pub const TABLE_ROW_ADDED: ULONG = 3;
pub const TABLE_ROW_DELETED: ULONG = 4;
pub const TABLE_ROW_MODIFIED: ULONG = 5;
pub const TABLE_SORT_DONE: ULONG = 6;
pub const TABLE_RESTRICT_DONE: ULONG = 7;
pub const TABLE_SETCOL_DONE: ULONG = 8;
pub const TABLE_RELOAD: ULONG = 9;

// ---- access (IPropData) and names -----------------------------------------------------------------------
pub const IPROP_READONLY: ULONG = 0x0000_0001;
pub const IPROP_READWRITE: ULONG = 0x0000_0002;
pub const IPROP_CLEAN: ULONG = 0x0001_0000;
pub const IPROP_DIRTY: ULONG = 0x0002_0000;
pub const MAPI_ACCESS_MODIFY: ULONG = 0x0000_0001;
pub const MAPI_ACCESS_READ: ULONG = 0x0000_0002;

pub const MNID_ID: ULONG = 0;
pub const MNID_STRING: ULONG = 1;

// ---- the status codes these functions return beyond SPEC §1 (MAPICode.h values) ---------------------------
pub const MAPI_E_NO_ACCESS: HRESULT = 0x8007_0005_u32 as HRESULT;
pub const MAPI_E_TOO_COMPLEX: HRESULT = 0x8004_0117_u32 as HRESULT;
pub const MAPI_E_INVALID_TYPE: HRESULT = 0x8004_0302_u32 as HRESULT;
pub const MAPI_E_TABLE_TOO_BIG: HRESULT = 0x8004_0403_u32 as HRESULT;
pub const MAPI_E_INVALID_BOOKMARK: HRESULT = 0x8004_0405_u32 as HRESULT;
pub const MAPI_W_ERRORS_RETURNED: HRESULT = 0x0004_0380;

// ---- structures --------------------------------------------------------------------------------------
/// `FILETIME`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FILETIME {
    pub dwLowDateTime: u32,
    pub dwHighDateTime: u32,
}

/// `SBinary`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SBinary {
    pub cb: ULONG,
    pub lpb: *mut u8,
}

/// The multi-valued arrays of `__UPV` (`SShortArray`, `SLongArray`, ... `SLargeIntegerArray`): a count and a
/// pointer, the same layout for every element type.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SArray<T> {
    pub cValues: ULONG,
    pub lp: *mut T,
}

/// `union __UPV`: the value of an `SPropValue`. Member names as in the SDK; the multi-valued members share
/// [`SArray`]. `CY`, `LARGE_INTEGER` and `currency` values are read as 64-bit integers.
#[repr(C)]
#[derive(Clone, Copy)]
pub union __UPV {
    pub i: i16,
    pub l: i32,
    pub ul: ULONG,
    pub flt: f32,
    pub dbl: f64,
    pub b: u16,
    pub cur: i64,
    pub at: f64,
    pub ft: FILETIME,
    pub lpszA: *mut c_char,
    pub bin: SBinary,
    pub lpszW: *mut WCHAR,
    pub lpguid: *mut GUID,
    pub li: i64,
    pub MVi: SArray<i16>,
    pub MVl: SArray<i32>,
    pub MVflt: SArray<f32>,
    pub MVdbl: SArray<f64>,
    pub MVcur: SArray<i64>,
    pub MVat: SArray<f64>,
    pub MVft: SArray<FILETIME>,
    pub MVbin: SArray<SBinary>,
    pub MVszA: SArray<*mut c_char>,
    pub MVszW: SArray<*mut WCHAR>,
    pub MVguid: SArray<GUID>,
    pub MVli: SArray<i64>,
    pub err: SCODE,
    pub x: i32,
    pub lpv: *mut c_void,
}

/// `SPropValue`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SPropValue {
    pub ulPropTag: ULONG,
    pub dwAlignPad: ULONG,
    pub Value: __UPV,
}

impl SPropValue {
    /// A zeroed value with this tag.
    pub fn zeroed(tag: ULONG) -> SPropValue {
        // SAFETY: every member of the union is valid as all-zero bytes (integers and NULL pointers).
        SPropValue {
            ulPropTag: tag,
            dwAlignPad: 0,
            Value: unsafe { core::mem::zeroed() },
        }
    }
}

/// `SPropTagArray` (with `MAPI_DIM` = 1: `aulPropTag` continues past the struct).
#[repr(C)]
pub struct SPropTagArray {
    pub cValues: ULONG,
    pub aulPropTag: [ULONG; 1],
}

/// `SPropProblem`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SPropProblem {
    pub ulIndex: ULONG,
    pub ulPropTag: ULONG,
    pub scode: SCODE,
}

/// `SPropProblemArray`.
#[repr(C)]
pub struct SPropProblemArray {
    pub cProblem: ULONG,
    pub aProblem: [SPropProblem; 1],
}

/// `SRow`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SRow {
    pub ulAdrEntryPad: ULONG,
    pub cValues: ULONG,
    pub lpProps: *mut SPropValue,
}

/// `SRowSet`.
#[repr(C)]
pub struct SRowSet {
    pub cRows: ULONG,
    pub aRow: [SRow; 1],
}

/// `ADRENTRY`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ADRENTRY {
    pub ulReserved1: ULONG,
    pub cValues: ULONG,
    pub rgPropVals: *mut SPropValue,
}

/// `ADRLIST`.
#[repr(C)]
pub struct ADRLIST {
    pub cEntries: ULONG,
    pub aEntries: [ADRENTRY; 1],
}

/// `SSortOrder`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SSortOrder {
    pub ulPropTag: ULONG,
    pub ulOrder: ULONG,
}

/// `SSortOrderSet`.
#[repr(C)]
pub struct SSortOrderSet {
    pub cSorts: ULONG,
    pub cCategories: ULONG,
    pub cExpanded: ULONG,
    pub aSort: [SSortOrder; 1],
}

/// `SAndRestriction` / `SOrRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SAndRestriction {
    pub cRes: ULONG,
    pub lpRes: *mut SRestriction,
}
/// `SNotRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SNotRestriction {
    pub ulReserved: ULONG,
    pub lpRes: *mut SRestriction,
}
/// `SContentRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SContentRestriction {
    pub ulFuzzyLevel: ULONG,
    pub ulPropTag: ULONG,
    pub lpProp: *mut SPropValue,
}
/// `SPropertyRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SPropertyRestriction {
    pub relop: ULONG,
    pub ulPropTag: ULONG,
    pub lpProp: *mut SPropValue,
}
/// `SComparePropsRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SComparePropsRestriction {
    pub relop: ULONG,
    pub ulPropTag1: ULONG,
    pub ulPropTag2: ULONG,
}
/// `SBitMaskRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SBitMaskRestriction {
    pub relBMR: ULONG,
    pub ulPropTag: ULONG,
    pub ulMask: ULONG,
}
/// `SSizeRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SSizeRestriction {
    pub relop: ULONG,
    pub ulPropTag: ULONG,
    pub cb: ULONG,
}
/// `SExistRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SExistRestriction {
    pub ulReserved1: ULONG,
    pub ulPropTag: ULONG,
    pub ulReserved2: ULONG,
}
/// `SSubRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SSubRestriction {
    pub ulSubObject: ULONG,
    pub lpRes: *mut SRestriction,
}
/// `SCommentRestriction` / `SAnnotationRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SCommentRestriction {
    pub cValues: ULONG,
    pub lpRes: *mut SRestriction,
    pub lpProp: *mut SPropValue,
}
/// `SCountRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SCountRestriction {
    pub ulCount: ULONG,
    pub lpRes: *mut SRestriction,
}

/// The `res` union of `SRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union SRestrictionRes {
    pub resCompareProps: SComparePropsRestriction,
    pub resAnd: SAndRestriction,
    pub resOr: SAndRestriction,
    pub resNot: SNotRestriction,
    pub resContent: SContentRestriction,
    pub resProperty: SPropertyRestriction,
    pub resBitMask: SBitMaskRestriction,
    pub resSize: SSizeRestriction,
    pub resExist: SExistRestriction,
    pub resSub: SSubRestriction,
    pub resComment: SCommentRestriction,
    pub resAnnotation: SCommentRestriction,
    pub resCount: SCountRestriction,
}

/// `SRestriction`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SRestriction {
    pub rt: ULONG,
    pub res: SRestrictionRes,
}

/// `MAPINAMEID`: a named property (GUID and a number or a wide-string name).
#[repr(C)]
pub struct MAPINAMEID {
    pub lpguid: *mut GUID,
    pub ulKind: ULONG,
    pub Kind: MAPINAMEIDKind,
}

/// The `Kind` union of `MAPINAMEID`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union MAPINAMEIDKind {
    pub lID: i32,
    pub lpwstrName: *mut WCHAR,
}

/// `TABLE_NOTIFICATION`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct TABLE_NOTIFICATION {
    pub ulTableEvent: ULONG,
    pub hResult: HRESULT,
    pub propIndex: SPropValue,
    pub propPrior: SPropValue,
    pub row: SRow,
    pub ulPad: ULONG,
}

/// `OBJECT_NOTIFICATION`: declared for the size of the `info` union only.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct OBJECT_NOTIFICATION {
    pub cbEntryID: ULONG,
    pub lpEntryID: *mut c_void,
    pub ulObjType: ULONG,
    pub cbParentID: ULONG,
    pub lpParentID: *mut c_void,
    pub cbOldID: ULONG,
    pub lpOldID: *mut c_void,
    pub cbOldParentID: ULONG,
    pub lpOldParentID: *mut c_void,
    pub lpPropTagArray: *mut SPropTagArray,
}

/// The `info` union of `NOTIFICATION` (the kinds this library sends, and the largest others for its size).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NOTIFICATION_info {
    pub tab: TABLE_NOTIFICATION,
    pub obj: OBJECT_NOTIFICATION,
}

/// `NOTIFICATION`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NOTIFICATION {
    pub ulEventType: ULONG,
    pub ulAlignPad: ULONG,
    pub info: NOTIFICATION_info,
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};

    const P: usize = size_of::<*const u8>();

    #[test]
    fn property_values_have_the_sdk_layout() {
        assert_eq!(size_of::<__UPV>(), if P == 8 { 16 } else { 8 });
        assert_eq!(offset_of!(SPropValue, Value), 8);
        assert_eq!(size_of::<SPropValue>(), if P == 8 { 24 } else { 16 });
        assert_eq!(size_of::<SBinary>(), 2 * P);
        assert_eq!(offset_of!(SBinary, lpb), P);
        assert_eq!(offset_of!(SRow, lpProps), 8);
        assert_eq!(size_of::<SRow>(), 8 + P);
        assert_eq!(offset_of!(SRowSet, aRow), P);
        assert_eq!(offset_of!(ADRLIST, aEntries), P);
        assert_eq!(size_of::<SPropProblem>(), 12);
        assert_eq!(offset_of!(SPropProblemArray, aProblem), 4);
        assert_eq!(offset_of!(SPropTagArray, aulPropTag), 4);
    }

    #[test]
    fn restrictions_sorts_names_and_notifications_have_the_sdk_layout() {
        assert_eq!(offset_of!(SRestriction, res), P);
        assert_eq!(size_of::<SRestriction>(), P + if P == 8 { 24 } else { 12 });
        assert_eq!(offset_of!(SContentRestriction, lpProp), 8);
        assert_eq!(offset_of!(SAndRestriction, lpRes), P);
        assert_eq!(size_of::<SSortOrder>(), 8);
        assert_eq!(offset_of!(SSortOrderSet, aSort), 12);
        assert_eq!(offset_of!(MAPINAMEID, ulKind), P);
        assert_eq!(offset_of!(MAPINAMEID, Kind), 2 * P);
        assert_eq!(offset_of!(NOTIFICATION, info), 8);
        assert_eq!(offset_of!(TABLE_NOTIFICATION, propIndex), 8);
        assert_eq!(
            offset_of!(TABLE_NOTIFICATION, row),
            8 + 2 * size_of::<SPropValue>()
        );
        assert_eq!(size_of::<NOTIFICATION>(), if P == 8 { 88 } else { 64 });
    }

    #[test]
    fn tag_macros() {
        assert_eq!(prop_tag(PT_STRING8, 0x3001), 0x3001_001E);
        assert_eq!(prop_type(0x3001_001E), PT_STRING8);
        assert_eq!(prop_id(0x3001_001E), 0x3001);
        assert_eq!(change_prop_type(0x3001_001E, PT_UNICODE), 0x3001_001F);
    }
}
