//! The calls the journal names.

/// A method or entry point, as journaled. The numeric values are the `MOCKMAPI_METHOD_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Method {
    None = 0,
    QueryInterface = 1,
    AddRef = 2,
    Release = 3,
    QueryFastShutdown = 4,
    NotifyProcessShutdown = 5,
    DoFastShutdown = 6,
    Shutdown = 7,
    Logoff = 8,
    MAPIInitialize = 9,
    MAPIUninitialize = 10,
    MAPILogonEx = 11,
    MAPIAllocateBuffer = 12,
    MAPIAllocateMore = 13,
    MAPIFreeBuffer = 14,
    AddProvider = 15,
    Registry = 16,
    Reset = 17,
    Journal = 18,
    ClientFastShutdown = 19,
    GetLastError = 20,
    GetMsgStoresTable = 21,
    OpenMsgStore = 22,
    OpenAddressBook = 23,
    OpenProfileSection = 24,
    GetStatusTable = 25,
    OpenEntry = 26,
    CompareEntryIDs = 27,
    Advise = 28,
    Unadvise = 29,
    MessageOptions = 30,
    QueryDefaultMessageOpt = 31,
    EnumAdrTypes = 32,
    QueryIdentity = 33,
    SetDefaultStore = 34,
    AdminServices = 35,
    ShowForm = 36,
    PrepareForm = 37,
    ExitTest = 38,
    FakeProvider = 39,
    FreeProws = 40,
    FreePadrlist = 41,
    HrGetOneProp = 42,
    HrSetOneProp = 43,
    HrQueryAllRows = 44,
    CreateIProp = 45,
    CreateTable = 46,
    PpropFindProp = 47,
    ScCountProps = 48,
    ScCopyProps = 49,
    PropCopyMore = 50,
    LPropCompareProp = 51,
    UlPropSize = 52,
    FEqualNames = 53,
    PropData = 54,
    TableData = 55,
    Table = 56,
    OpenTnefStream = 57,
    OpenTnefStreamEx = 58,
    GetTnefStreamCodepage = 59,
}

impl Method {
    /// Every method, for lookups by number.
    pub const ALL: [Method; 60] = [
        Method::None,
        Method::QueryInterface,
        Method::AddRef,
        Method::Release,
        Method::QueryFastShutdown,
        Method::NotifyProcessShutdown,
        Method::DoFastShutdown,
        Method::Shutdown,
        Method::Logoff,
        Method::MAPIInitialize,
        Method::MAPIUninitialize,
        Method::MAPILogonEx,
        Method::MAPIAllocateBuffer,
        Method::MAPIAllocateMore,
        Method::MAPIFreeBuffer,
        Method::AddProvider,
        Method::Registry,
        Method::Reset,
        Method::Journal,
        Method::ClientFastShutdown,
        Method::GetLastError,
        Method::GetMsgStoresTable,
        Method::OpenMsgStore,
        Method::OpenAddressBook,
        Method::OpenProfileSection,
        Method::GetStatusTable,
        Method::OpenEntry,
        Method::CompareEntryIDs,
        Method::Advise,
        Method::Unadvise,
        Method::MessageOptions,
        Method::QueryDefaultMessageOpt,
        Method::EnumAdrTypes,
        Method::QueryIdentity,
        Method::SetDefaultStore,
        Method::AdminServices,
        Method::ShowForm,
        Method::PrepareForm,
        Method::ExitTest,
        Method::FakeProvider,
        Method::FreeProws,
        Method::FreePadrlist,
        Method::HrGetOneProp,
        Method::HrSetOneProp,
        Method::HrQueryAllRows,
        Method::CreateIProp,
        Method::CreateTable,
        Method::PpropFindProp,
        Method::ScCountProps,
        Method::ScCopyProps,
        Method::PropCopyMore,
        Method::LPropCompareProp,
        Method::UlPropSize,
        Method::FEqualNames,
        Method::PropData,
        Method::TableData,
        Method::Table,
        Method::OpenTnefStream,
        Method::OpenTnefStreamEx,
        Method::GetTnefStreamCodepage,
    ];

    /// The method for a `MOCKMAPI_METHOD_*` value.
    pub fn from_u32(v: u32) -> Option<Method> {
        Method::ALL.iter().copied().find(|m| *m as u32 == v)
    }

    /// The method a name (as [`Method::name`] gives it) stands for.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// The method's name as MAPI spells it (control calls use the mockmapi function name).
    pub fn name(self) -> &'static str {
        self.c_name().to_str().expect("ASCII")
    }

    /// The name as a NUL-terminated C string with static lifetime.
    pub fn c_name(self) -> &'static std::ffi::CStr {
        match self {
            Method::None => c"",
            Method::QueryInterface => c"QueryInterface",
            Method::AddRef => c"AddRef",
            Method::Release => c"Release",
            Method::QueryFastShutdown => c"QueryFastShutdown",
            Method::NotifyProcessShutdown => c"NotifyProcessShutdown",
            Method::DoFastShutdown => c"DoFastShutdown",
            Method::Shutdown => c"Shutdown",
            Method::Logoff => c"Logoff",
            Method::MAPIInitialize => c"MAPIInitialize",
            Method::MAPIUninitialize => c"MAPIUninitialize",
            Method::MAPILogonEx => c"MAPILogonEx",
            Method::MAPIAllocateBuffer => c"MAPIAllocateBuffer",
            Method::MAPIAllocateMore => c"MAPIAllocateMore",
            Method::MAPIFreeBuffer => c"MAPIFreeBuffer",
            Method::AddProvider => c"mockmapi_session_add_provider",
            Method::Registry => c"mockmapi_registry",
            Method::Reset => c"mockmapi_reset",
            Method::Journal => c"mockmapi_journal",
            Method::ClientFastShutdown => c"mockmapi_client_fast_shutdown",
            Method::ExitTest => c"mockmapi_exit_test",
            Method::FakeProvider => c"mockmapi_fake_provider",
            Method::FreeProws => c"FreeProws",
            Method::FreePadrlist => c"FreePadrlist",
            Method::HrGetOneProp => c"HrGetOneProp",
            Method::HrSetOneProp => c"HrSetOneProp",
            Method::HrQueryAllRows => c"HrQueryAllRows",
            Method::CreateIProp => c"CreateIProp",
            Method::CreateTable => c"CreateTable",
            Method::PpropFindProp => c"PpropFindProp",
            Method::ScCountProps => c"ScCountProps",
            Method::ScCopyProps => c"ScCopyProps",
            Method::PropCopyMore => c"PropCopyMore",
            Method::LPropCompareProp => c"LPropCompareProp",
            Method::UlPropSize => c"UlPropSize",
            Method::FEqualNames => c"FEqualNames",
            Method::PropData => c"IPropData",
            Method::TableData => c"ITableData",
            Method::Table => c"IMAPITable",
            Method::OpenTnefStream => c"OpenTnefStream",
            Method::OpenTnefStreamEx => c"OpenTnefStreamEx",
            Method::GetTnefStreamCodepage => c"GetTnefStreamCodepage",
            Method::GetLastError => c"GetLastError",
            Method::GetMsgStoresTable => c"GetMsgStoresTable",
            Method::OpenMsgStore => c"OpenMsgStore",
            Method::OpenAddressBook => c"OpenAddressBook",
            Method::OpenProfileSection => c"OpenProfileSection",
            Method::GetStatusTable => c"GetStatusTable",
            Method::OpenEntry => c"OpenEntry",
            Method::CompareEntryIDs => c"CompareEntryIDs",
            Method::Advise => c"Advise",
            Method::Unadvise => c"Unadvise",
            Method::MessageOptions => c"MessageOptions",
            Method::QueryDefaultMessageOpt => c"QueryDefaultMessageOpt",
            Method::EnumAdrTypes => c"EnumAdrTypes",
            Method::QueryIdentity => c"QueryIdentity",
            Method::SetDefaultStore => c"SetDefaultStore",
            Method::AdminServices => c"AdminServices",
            Method::ShowForm => c"ShowForm",
            Method::PrepareForm => c"PrepareForm",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Method;

    #[test]
    fn numbers_round_trip_and_names_are_distinct() {
        let mut names = std::collections::HashSet::new();
        for m in Method::ALL {
            assert_eq!(Method::from_u32(m as u32), Some(m));
            assert_eq!(Method::from_name(m.name()), Some(m));
            assert!(names.insert(m.name()), "duplicate name {}", m.name());
        }
        assert_eq!(Method::from_u32(60), None);
        assert_eq!(Method::Logoff.name(), "Logoff");
    }
}
