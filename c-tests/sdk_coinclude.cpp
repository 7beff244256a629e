// mockmapi-ctest: sdk
/*
 * One truth, in C++: the SDK-compatible headers (interfaces as abstract classes) and mockmapi.h (the control
 * API) in one file. The static assertions check sizes, constants and the types of the entry points; then every
 * IMAPISession method is called through the C++ class, by name, and the runtime's journal must name the same
 * method (so the class's virtual functions are the runtime's vtable slots, in order); and a provider class is
 * handed to mockmapi_session_add_provider as it is, without a cast.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>

#include "mockmapi.h"
#include "mm_test.hpp"

#include <cstddef>
#include <string>
#include <type_traits>

constexpr std::size_t P = sizeof(void *);

/* ---- one definition of each type ---- */
static_assert(sizeof(HRESULT) == 4 && sizeof(SCODE) == 4 && sizeof(LONG) == 4 && sizeof(ULONG) == 4, "32-bit");
static_assert(sizeof(ULONG_PTR) == P && sizeof(GUID) == 16 && offsetof(GUID, Data4) == 8, "ULONG_PTR, GUID");
static_assert(std::is_abstract<IUnknown>::value && std::is_abstract<IMAPISession>::value &&
                  std::is_abstract<IXPProvider>::value && std::is_abstract<IMAPIProviderShutdown>::value,
              "in C++ the interfaces are abstract classes");
static_assert(std::is_base_of<IUnknown, IMSProvider>::value && std::is_base_of<IUnknown, IMAPIClientShutdown>::value,
              "deriving from IUnknown");
static_assert(sizeof(IUnknown) == P && sizeof(IMAPISession) == P && sizeof(IMAPIClientShutdown) == P &&
                  sizeof(IMAPIProviderShutdown) == P && sizeof(IXPProvider) == P && sizeof(IABProvider) == P &&
                  sizeof(IMSProvider) == P,
              "an interface object is one vtable pointer, as { lpVtbl } is in C");
static_assert(std::is_same<LPMAPISESSION, IMAPISession *>::value && std::is_same<LPUNKNOWN, IUnknown *>::value &&
                  std::is_same<LPMAPIPROVIDERSHUTDOWN, IMAPIProviderShutdown *>::value,
              "pointer typedefs");
static_assert(std::is_same<REFIID, const IID &>::value && std::is_same<LPCIID, const IID *>::value, "REFIID, LPCIID");
static_assert(sizeof(MAPIINIT_0) == 8 && offsetof(MAPIINIT_0, ulFlags) == 4, "MAPIINIT_0");
static_assert(sizeof(mockmapi_event) >= 64 && offsetof(mockmapi_event, sequence) == 0, "mockmapi.h's own types");

/* ---- constants ---- */
static_assert(MAPI_E_NO_SUPPORT == MAKE_MAPI_E(0x102) && MAPI_E_VERSION == MAKE_MAPI_E(0x110) &&
                  MAPI_E_NOT_INITIALIZED == MAKE_MAPI_E(0x605) && MAPI_E_NOT_FOUND == MAKE_MAPI_E(0x10F),
              "mockmapi.h's MAPI_E_* are the SDK's");
static_assert(E_NOINTERFACE == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4002) &&
                  E_INVALIDARG == HRESULT_FROM_WIN32(87) && MAPI_E_CALL_FAILED == E_FAIL,
              "E_* and aliases");
static_assert(CURRENT_SPI_VERSION == PDK3_SPI_VERSION && MOCKMAPI_PROVIDER_STORE == 3, "versions, kinds");

/* ---- the entry points have the SDK's types ---- */
static_assert(std::is_same<decltype(&MAPIInitialize), LPMAPIINITIALIZE>::value, "MAPIInitialize");
static_assert(std::is_same<decltype(&MAPIUninitialize), LPMAPIUNINITIALIZE>::value, "MAPIUninitialize");
static_assert(std::is_same<decltype(&MAPILogonEx), LPMAPILOGONEX>::value, "MAPILogonEx");
static_assert(std::is_same<decltype(&MAPIAllocateBuffer), LPALLOCATEBUFFER>::value &&
                  std::is_same<decltype(&MAPIAllocateMore), LPALLOCATEMORE>::value &&
                  std::is_same<decltype(&MAPIFreeBuffer), LPFREEBUFFER>::value,
              "allocators");
static_assert(std::is_same<decltype(IID_IMAPIProviderShutdown), const GUID>::value, "IIDs");

/* ---- a provider class (single inheritance, the shape of many samples) ---- */
class CStore : public IMSProvider {
  public:
    CStore() : m_cRef(1), m_cShutdown(0) {}
    virtual ~CStore() {}

    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppvObj) {
        if (!ppvObj) return E_POINTER;
        *ppvObj = nullptr;
        if (riid == IID_IUnknown || riid == IID_IMSProvider) {
            *ppvObj = static_cast<IMSProvider *>(this);
            AddRef();
            return S_OK;
        }
        return E_NOINTERFACE; /* no IMAPIProviderShutdown: does not take part in fast shutdown */
    }
    STDMETHODIMP_(ULONG) AddRef() { return static_cast<ULONG>(InterlockedIncrement(&m_cRef)); }
    STDMETHODIMP_(ULONG) Release() {
        LONG cRef = InterlockedDecrement(&m_cRef);
        if (cRef == 0) delete this;
        return static_cast<ULONG>(cRef);
    }
    STDMETHODIMP Shutdown(ULONG *lpulFlags) {
        m_cShutdown++;
        return lpulFlags != nullptr && *lpulFlags == 0 ? S_OK : MAPI_E_UNKNOWN_FLAGS;
    }
    STDMETHODIMP Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *,
                       LPMAPIERROR *, LPMSLOGON *, LPMDB *) {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE,
                              LPMAPIERROR *, LPMSLOGON *, LPMDB *) {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *) { return MAPI_E_NO_SUPPORT; }

    LONG m_cRef;
    int m_cShutdown;
};

/* Call one session method through the class; the journal's last client call must be that method. */
#define SESSION_CALL(name, call)                                                                      \
    do {                                                                                              \
        HRESULT hr_ = session->call;                                                                  \
        CHECK_HR(hr_, MAPI_E_NO_SUPPORT);                                                             \
        CHECK(mm_last_client_call() == name, "the class's " name " is the runtime's " name " slot");  \
        if (mm_last_client_call() != name)                                                            \
            std::fprintf(stderr, "   called %s, the runtime ran %s\n", name, mm_last_client_call().c_str()); \
    } while (0)

int main() {
    mockmapi_reset();
    MAPIINIT_0 init = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    LPMAPISESSION session = nullptr;
    CHECK_HR(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED | MAPI_NEW_SESSION, &session), S_OK);
    if (session == nullptr) return mm_finish("sdk_coinclude_cxx");

    /* Every slot but the IUnknown ones and Logoff: the mock does not model them and journals each by name. */
    LPMAPIERROR error = nullptr;
    LPMAPITABLE table = nullptr;
    LPMDB mdb = nullptr;
    LPADRBOOK adrbook = nullptr;
    LPPROFSECT profsect = nullptr;
    LPUNKNOWN unknown = nullptr;
    LPSERVICEADMIN admin = nullptr;
    LPSPropValue options = nullptr;
    LPENTRYID entryid = nullptr;
    LPTSTR *adrtypes = nullptr;
    ULONG count = 0, objtype = 0, result = 0;
    ULONG_PTR connection = 0;
    SESSION_CALL("GetLastError", GetLastError(MAPI_E_NO_SUPPORT, 0, &error));
    SESSION_CALL("GetMsgStoresTable", GetMsgStoresTable(0, &table));
    SESSION_CALL("OpenMsgStore", OpenMsgStore(0, 0, nullptr, nullptr, 0, &mdb));
    SESSION_CALL("OpenAddressBook", OpenAddressBook(0, nullptr, 0, &adrbook));
    SESSION_CALL("OpenProfileSection", OpenProfileSection(nullptr, nullptr, 0, &profsect));
    SESSION_CALL("GetStatusTable", GetStatusTable(0, &table));
    SESSION_CALL("OpenEntry", OpenEntry(0, nullptr, nullptr, 0, &objtype, &unknown));
    SESSION_CALL("CompareEntryIDs", CompareEntryIDs(0, nullptr, 0, nullptr, 0, &result));
    SESSION_CALL("Advise", Advise(0, nullptr, 0, nullptr, &connection));
    SESSION_CALL("Unadvise", Unadvise(connection));
    SESSION_CALL("MessageOptions", MessageOptions(0, 0, nullptr, nullptr));
    SESSION_CALL("QueryDefaultMessageOpt", QueryDefaultMessageOpt(nullptr, 0, &count, &options));
    SESSION_CALL("EnumAdrTypes", EnumAdrTypes(0, &count, &adrtypes));
    SESSION_CALL("QueryIdentity", QueryIdentity(&count, &entryid));
    SESSION_CALL("SetDefaultStore", SetDefaultStore(MAPI_DEFAULT_STORE, 0, nullptr));
    SESSION_CALL("AdminServices", AdminServices(0, &admin));
    SESSION_CALL("ShowForm", ShowForm(0, nullptr, nullptr, nullptr, 0, nullptr, 0, 0, 0, 0, nullptr));
    ULONG_PTR token = 0;
    SESSION_CALL("PrepareForm", PrepareForm(nullptr, nullptr, &token));

    /* A provider object goes to the control API without a cast (IMSProvider derives from IUnknown). */
    CStore *store = new CStore();
    CHECK_HR(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_STORE, "C++ store", store), S_OK);
    CHECK_EQ(store->m_cRef, 2);

    LPMAPICLIENTSHUTDOWN cs = nullptr;
    CHECK_HR(session->QueryInterface(IID_IMAPIClientShutdown, reinterpret_cast<LPVOID *>(&cs)), S_OK);
    CHECK(mm_last_client_call() == "QueryInterface", "slot 0");
    if (cs != nullptr) {
        /* Policy absent (0): a provider without IMAPIProviderShutdown does not block. */
        CHECK_HR(cs->QueryFastShutdown(), S_OK);
        CHECK(mm_last_client_call() == "QueryFastShutdown", "IMAPIClientShutdown slot 3");
        cs->Release();
    }
    CHECK_HR(session->Logoff(0, MAPI_LOGOFF_SHARED, 0), S_OK);
    CHECK(mm_last_client_call() == "Logoff", "slot 17");
    CHECK_EQ(store->m_cShutdown, 1);
    CHECK_EQ(session->Release(), 0);
    MAPIUninitialize();
    CHECK_EQ(store->m_cRef, 1);
    CHECK_EQ(mockmapi_violation_count(), 0);
    store->Release();
    return mm_finish("sdk_coinclude_cxx");
}
