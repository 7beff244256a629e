//! The HRESULT values of SPEC §1, and their names for journals and messages.

use super::types::HRESULT;

pub const S_OK: HRESULT = 0x0000_0000;
pub const S_FALSE: HRESULT = 0x0000_0001;
pub const E_NOTIMPL: HRESULT = 0x8000_4001_u32 as HRESULT;
pub const E_NOINTERFACE: HRESULT = 0x8000_4002_u32 as HRESULT;
pub const MAPI_E_INTERFACE_NOT_SUPPORTED: HRESULT = E_NOINTERFACE;
pub const E_POINTER: HRESULT = 0x8000_4003_u32 as HRESULT;
pub const E_FAIL: HRESULT = 0x8000_4005_u32 as HRESULT;
pub const MAPI_E_CALL_FAILED: HRESULT = E_FAIL;
pub const E_UNEXPECTED: HRESULT = 0x8000_FFFF_u32 as HRESULT;
pub const E_OUTOFMEMORY: HRESULT = 0x8007_000E_u32 as HRESULT;
pub const MAPI_E_NOT_ENOUGH_MEMORY: HRESULT = E_OUTOFMEMORY;
pub const E_INVALIDARG: HRESULT = 0x8007_0057_u32 as HRESULT;
pub const MAPI_E_INVALID_PARAMETER: HRESULT = E_INVALIDARG;
pub const MAPI_E_NO_SUPPORT: HRESULT = 0x8004_0102_u32 as HRESULT;
pub const MAPI_E_INVALID_OBJECT: HRESULT = 0x8004_0108_u32 as HRESULT;
pub const MAPI_E_NOT_FOUND: HRESULT = 0x8004_010F_u32 as HRESULT;
pub const MAPI_E_VERSION: HRESULT = 0x8004_0110_u32 as HRESULT;
pub const MAPI_E_LOGON_FAILED: HRESULT = 0x8004_0111_u32 as HRESULT;
pub const MAPI_E_USER_CANCEL: HRESULT = 0x8004_0113_u32 as HRESULT;
pub const MAPI_E_TIMEOUT: HRESULT = 0x8004_0401_u32 as HRESULT;
pub const MAPI_E_NOT_INITIALIZED: HRESULT = 0x8004_0605_u32 as HRESULT;
/// The SPI version the mock subsystem speaks (`ulMAPIVer` passed to provider entry points).
pub const CURRENT_SPI_VERSION: u32 = 0x0001_0010;

/// `SUCCEEDED(hr)`.
#[inline]
pub const fn succeeded(hr: HRESULT) -> bool {
    hr >= 0
}

/// The SDK name of a known HRESULT (the MAPI alias where both exist, as MAPI code reads them).
pub fn hresult_c_name(hr: HRESULT) -> Option<&'static core::ffi::CStr> {
    Some(match hr {
        S_OK => c"S_OK",
        S_FALSE => c"S_FALSE",
        E_NOTIMPL => c"E_NOTIMPL",
        E_NOINTERFACE => c"E_NOINTERFACE",
        E_POINTER => c"E_POINTER",
        E_FAIL => c"MAPI_E_CALL_FAILED",
        E_UNEXPECTED => c"E_UNEXPECTED",
        E_OUTOFMEMORY => c"MAPI_E_NOT_ENOUGH_MEMORY",
        E_INVALIDARG => c"E_INVALIDARG",
        MAPI_E_NO_SUPPORT => c"MAPI_E_NO_SUPPORT",
        MAPI_E_INVALID_OBJECT => c"MAPI_E_INVALID_OBJECT",
        MAPI_E_NOT_FOUND => c"MAPI_E_NOT_FOUND",
        MAPI_E_VERSION => c"MAPI_E_VERSION",
        MAPI_E_LOGON_FAILED => c"MAPI_E_LOGON_FAILED",
        MAPI_E_USER_CANCEL => c"MAPI_E_USER_CANCEL",
        MAPI_E_TIMEOUT => c"MAPI_E_TIMEOUT",
        MAPI_E_NOT_INITIALIZED => c"MAPI_E_NOT_INITIALIZED",
        super::mapidefs::MAPI_E_NO_ACCESS => c"MAPI_E_NO_ACCESS",
        super::mapidefs::MAPI_E_TOO_COMPLEX => c"MAPI_E_TOO_COMPLEX",
        super::mapidefs::MAPI_E_INVALID_TYPE => c"MAPI_E_INVALID_TYPE",
        super::mapidefs::MAPI_E_TABLE_TOO_BIG => c"MAPI_E_TABLE_TOO_BIG",
        super::mapidefs::MAPI_E_INVALID_BOOKMARK => c"MAPI_E_INVALID_BOOKMARK",
        super::mapidefs::MAPI_W_ERRORS_RETURNED => c"MAPI_W_ERRORS_RETURNED",
        _ => return None,
    })
}

/// The HRESULT an SDK name stands for (`"MAPI_E_NO_SUPPORT"`, `"E_FAIL"`, ...), aliases included.
pub fn hresult_from_name(name: &str) -> Option<HRESULT> {
    const ALIASES: [(&str, HRESULT); 4] = [
        ("E_FAIL", E_FAIL),
        ("E_OUTOFMEMORY", E_OUTOFMEMORY),
        ("MAPI_E_INVALID_PARAMETER", E_INVALIDARG),
        ("MAPI_E_INTERFACE_NOT_SUPPORTED", E_NOINTERFACE),
    ];
    const KNOWN: [HRESULT; 23] = [
        S_OK,
        S_FALSE,
        E_NOTIMPL,
        E_NOINTERFACE,
        E_POINTER,
        E_FAIL,
        E_UNEXPECTED,
        E_OUTOFMEMORY,
        E_INVALIDARG,
        MAPI_E_NO_SUPPORT,
        MAPI_E_INVALID_OBJECT,
        MAPI_E_NOT_FOUND,
        MAPI_E_VERSION,
        MAPI_E_LOGON_FAILED,
        MAPI_E_USER_CANCEL,
        MAPI_E_TIMEOUT,
        MAPI_E_NOT_INITIALIZED,
        super::mapidefs::MAPI_E_NO_ACCESS,
        super::mapidefs::MAPI_E_TOO_COMPLEX,
        super::mapidefs::MAPI_E_INVALID_TYPE,
        super::mapidefs::MAPI_E_TABLE_TOO_BIG,
        super::mapidefs::MAPI_E_INVALID_BOOKMARK,
        super::mapidefs::MAPI_W_ERRORS_RETURNED,
    ];
    KNOWN
        .into_iter()
        .find(|hr| hresult_name(*hr) == Some(name))
        .or_else(|| ALIASES.iter().find(|(n, _)| *n == name).map(|(_, hr)| *hr))
}

/// [`hresult_c_name`] as text.
pub fn hresult_name(hr: HRESULT) -> Option<&'static str> {
    hresult_c_name(hr).map(|c| c.to_str().expect("ASCII"))
}

/// `NAME (0x8004...)` or just the hex form for an unknown code.
pub fn hresult_display(hr: HRESULT) -> String {
    match hresult_name(hr) {
        Some(name) => format!("{name} (0x{:08X})", hr as u32),
        None => format!("0x{:08X}", hr as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_spec_table() {
        assert_eq!(E_NOINTERFACE as u32, 0x80004002);
        assert_eq!(MAPI_E_NO_SUPPORT as u32, 0x80040102);
        assert_eq!(MAPI_E_NOT_INITIALIZED as u32, 0x80040605);
        assert_eq!(E_INVALIDARG as u32, 0x80070057);
        assert_eq!(MAPI_E_CALL_FAILED, E_FAIL);
        assert!(succeeded(S_FALSE));
        assert!(!succeeded(MAPI_E_NO_SUPPORT));
    }

    #[test]
    fn names_map_back_to_values() {
        assert_eq!(
            hresult_from_name("MAPI_E_NO_SUPPORT"),
            Some(MAPI_E_NO_SUPPORT)
        );
        assert_eq!(hresult_from_name("E_FAIL"), Some(E_FAIL));
        assert_eq!(hresult_from_name("MAPI_E_CALL_FAILED"), Some(E_FAIL));
        assert_eq!(hresult_from_name("S_MAYBE"), None);
    }

    #[test]
    fn display_names_known_and_unknown_codes() {
        assert_eq!(
            hresult_display(MAPI_E_NO_SUPPORT),
            "MAPI_E_NO_SUPPORT (0x80040102)"
        );
        assert_eq!(hresult_display(0x1234), "0x00001234");
    }
}
