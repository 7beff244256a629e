//! The MAPI interface identifiers of SPEC §1, exported under their SDK names.
#![allow(non_upper_case_globals)]

use super::types::GUID;

/// `{00000000-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IUnknown: GUID = GUID::ole(0x0000_0000);
/// `{00020300-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IMAPISession: GUID = GUID::ole(0x0002_0300);
/// `{00020310-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IMSProvider: GUID = GUID::ole(0x0002_0310);
/// `{00020311-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IABProvider: GUID = GUID::ole(0x0002_0311);
/// `{00020312-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IXPProvider: GUID = GUID::ole(0x0002_0312);
/// `{00020397-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IMAPIClientShutdown: GUID = GUID::ole(0x0002_0397);
/// `{00020398-0000-0000-C000-000000000046}`
#[no_mangle]
pub static IID_IMAPIProviderShutdown: GUID = GUID::ole(0x0002_0398);

/// The SDK name of a known IID, for journals and messages.
pub fn iid_name(iid: &GUID) -> Option<&'static str> {
    let known: [(&GUID, &str); 7] = [
        (&IID_IUnknown, "IID_IUnknown"),
        (&IID_IMAPISession, "IID_IMAPISession"),
        (&IID_IMSProvider, "IID_IMSProvider"),
        (&IID_IABProvider, "IID_IABProvider"),
        (&IID_IXPProvider, "IID_IXPProvider"),
        (&IID_IMAPIClientShutdown, "IID_IMAPIClientShutdown"),
        (&IID_IMAPIProviderShutdown, "IID_IMAPIProviderShutdown"),
    ];
    known.iter().find(|(g, _)| *g == iid).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ole_form_and_names() {
        assert_eq!(
            IID_IMAPIProviderShutdown.to_string(),
            "{00020398-0000-0000-C000-000000000046}"
        );
        assert_eq!(
            iid_name(&GUID::ole(0x20397)),
            Some("IID_IMAPIClientShutdown")
        );
        assert_eq!(iid_name(&GUID::ole(0x12345)), None);
        assert_eq!(core::mem::size_of::<GUID>(), 16);
    }
}
