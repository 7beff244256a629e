// mockmapi-ctest: sdk
// mockmapi-ctest: source support/c_providers.c
/*
 * One truth, in C: the SDK-compatible headers and mockmapi.h in one file. The SDK names and mockmapi.h's are
 * one set of definitions: the static assertions check the layouts (slots, sizes, offsets), that every
 * constant mockmapi.h defines equals the SDK's formula for it, and that the MAPI entry points and the vtable
 * members have exactly the types the SDK gives them. Then the C providers of support/c_providers.c, written
 * against the SDK types, run through a fast shutdown.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapicode.h>
#include <mapiguid.h>

#include "mockmapi.h"
#include "mm_test.h"
#include "support/c_providers.h"

#include <stddef.h>

#define P sizeof(void *)
#define SAME_TYPE(expr, type) _Generic((expr), type: 1, default: 0)

/* ---- widths and layouts ---- */
_Static_assert(sizeof(HRESULT) == 4 && sizeof(SCODE) == 4 && sizeof(LONG) == 4, "32-bit signed codes");
_Static_assert(sizeof(ULONG) == 4 && sizeof(DWORD) == 4 && sizeof(ULONG_PTR) == P, "ULONG, DWORD, ULONG_PTR");
_Static_assert(sizeof(GUID) == 16 && offsetof(GUID, Data2) == 4 && offsetof(GUID, Data4) == 8, "GUID");
_Static_assert(sizeof(IUnknown) == P && offsetof(IUnknown, lpVtbl) == 0, "IUnknown is its lpVtbl");
_Static_assert(sizeof(IUnknownVtbl) == 3 * P, "IUnknown: 3 slots");
_Static_assert(offsetof(IMAPISessionVtbl, GetLastError) == 3 * P, "IMAPISession slot 3");
_Static_assert(offsetof(IMAPISessionVtbl, Logoff) == 17 * P, "Logoff is slot 17");
_Static_assert(offsetof(IMAPISessionVtbl, PrepareForm) == 21 * P && sizeof(IMAPISessionVtbl) == 22 * P, "22 slots");
_Static_assert(offsetof(IMAPIClientShutdownVtbl, DoFastShutdown) == 5 * P && sizeof(IMAPIClientShutdownVtbl) == 6 * P,
               "IMAPIClientShutdown");
_Static_assert(offsetof(IMAPIProviderShutdownVtbl, QueryFastShutdown) == 3 * P &&
                   sizeof(IMAPIProviderShutdownVtbl) == 6 * P,
               "IMAPIProviderShutdown");
_Static_assert(offsetof(IXPProviderVtbl, Shutdown) == 3 * P && sizeof(IXPProviderVtbl) == 5 * P, "IXPProvider");
_Static_assert(offsetof(IABProviderVtbl, Logon) == 4 * P && sizeof(IABProviderVtbl) == 5 * P, "IABProvider");
_Static_assert(offsetof(IMSProviderVtbl, CompareStoreIDs) == 6 * P && sizeof(IMSProviderVtbl) == 7 * P, "IMSProvider");
_Static_assert(offsetof(mockmapi_provider_vtbl, Shutdown) == offsetof(IMSProviderVtbl, Shutdown), "provider prefix");
_Static_assert(sizeof(MAPIINIT_0) == 8 && offsetof(MAPIINIT_0, ulFlags) == 4, "MAPIINIT_0");
_Static_assert(sizeof(MAPIUID) == 16 && offsetof(ENTRYID, ab) == 4, "MAPIUID, ENTRYID");

/* ---- constants: mockmapi.h's values are the SDK's formulas ---- */
_Static_assert(S_OK == 0 && S_FALSE == 1 && SUCCEEDED(S_FALSE) && FAILED(MAPI_E_NO_SUPPORT), "S_OK, S_FALSE");
_Static_assert(E_NOTIMPL == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4001), "E_NOTIMPL");
_Static_assert(E_NOINTERFACE == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4002), "E_NOINTERFACE");
_Static_assert(E_POINTER == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4003), "E_POINTER");
_Static_assert(E_FAIL == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0x4005), "E_FAIL");
_Static_assert(E_UNEXPECTED == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_NULL, 0xFFFF), "E_UNEXPECTED");
_Static_assert(E_OUTOFMEMORY == MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIN32, 0x000E), "E_OUTOFMEMORY");
_Static_assert(E_INVALIDARG == HRESULT_FROM_WIN32(87), "E_INVALIDARG is ERROR_INVALID_PARAMETER");
_Static_assert(MAPI_E_CALL_FAILED == E_FAIL && MAPI_E_NOT_ENOUGH_MEMORY == E_OUTOFMEMORY &&
                   MAPI_E_INVALID_PARAMETER == E_INVALIDARG && MAPI_E_INTERFACE_NOT_SUPPORTED == E_NOINTERFACE,
               "MAPI aliases");
_Static_assert(MAPI_E_NO_SUPPORT == MAKE_MAPI_E(0x102) && MAPI_E_INVALID_OBJECT == MAKE_MAPI_E(0x108) &&
                   MAPI_E_NOT_FOUND == MAKE_MAPI_E(0x10F) && MAPI_E_VERSION == MAKE_MAPI_E(0x110) &&
                   MAPI_E_LOGON_FAILED == MAKE_MAPI_E(0x111) && MAPI_E_USER_CANCEL == MAKE_MAPI_E(0x113) &&
                   MAPI_E_TIMEOUT == MAKE_MAPI_E(0x401) && MAPI_E_NOT_INITIALIZED == MAKE_MAPI_E(0x605),
               "MAPI_E_* of SPEC §1");
_Static_assert(MAPI_E_NO_SUPPORT == (HRESULT)0x80040102 && MAPI_E_NOT_INITIALIZED == (HRESULT)0x80040605, "values");
_Static_assert(CURRENT_SPI_VERSION == 0x00010010 && CURRENT_SPI_VERSION == PDK3_SPI_VERSION, "SPI version");
_Static_assert(MAPI_UNICODE == 0x80000000u && MAPI_INIT_VERSION == 0 && MAPI_MULTITHREAD_NOTIFICATIONS == 1, "flags");
_Static_assert(MAPI_LOGON_UI == 0x1 && MAPI_NEW_SESSION == 0x2 && MAPI_EXTENDED == 0x20 && MAPI_NO_MAIL == 0x8000 &&
                   MAPI_LOGOFF_SHARED == 0x1 && MAPI_LOGOFF_UI == 0x2,
               "MAPILogonEx and Logoff flags");

/* ---- types: the entry points and vtable members are what the SDK says they are ---- */
_Static_assert(SAME_TYPE(&MAPIInitialize, LPMAPIINITIALIZE) && SAME_TYPE(&MAPIUninitialize, LPMAPIUNINITIALIZE),
               "MAPIInitialize, MAPIUninitialize");
_Static_assert(SAME_TYPE(&MAPILogonEx, LPMAPILOGONEX), "MAPILogonEx");
_Static_assert(SAME_TYPE(&MAPIAllocateBuffer, LPALLOCATEBUFFER) && SAME_TYPE(&MAPIAllocateMore, LPALLOCATEMORE) &&
                   SAME_TYPE(&MAPIFreeBuffer, LPFREEBUFFER),
               "the allocators MAPI hands to providers");
_Static_assert(SAME_TYPE(&XPProviderInit, XPPROVIDERINIT *) && SAME_TYPE(&MSProviderInit, MSPROVIDERINIT *),
               "provider entry points");
_Static_assert(SAME_TYPE(((IXPProviderVtbl *)0)->TransportLogon,
                         HRESULT(*)(LPXPPROVIDER, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG *, LPMAPIERROR *, LPXPLOGON *)),
               "IXPProvider::TransportLogon");
_Static_assert(SAME_TYPE(((IMSProviderVtbl *)0)->Logon,
                         HRESULT(*)(LPMSPROVIDER, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID,
                                    ULONG *, LPBYTE *, LPMAPIERROR *, LPMSLOGON *, LPMDB *)),
               "IMSProvider::Logon");
_Static_assert(SAME_TYPE(((IMAPISessionVtbl *)0)->OpenMsgStore,
                         HRESULT(*)(LPMAPISESSION, ULONG_PTR, ULONG, LPENTRYID, LPCIID, ULONG, LPMDB *)),
               "IMAPISession::OpenMsgStore");
_Static_assert(SAME_TYPE(((IMAPISessionVtbl *)0)->ShowForm,
                         HRESULT(*)(LPMAPISESSION, ULONG_PTR, LPMDB, LPMAPIFOLDER, LPCIID, ULONG_PTR, LPMESSAGE, ULONG,
                                    ULONG, ULONG, ULONG, LPSTR)),
               "IMAPISession::ShowForm");
_Static_assert(SAME_TYPE(((IMAPISessionVtbl *)0)->Logoff, HRESULT(*)(LPMAPISESSION, ULONG_PTR, ULONG, ULONG)),
               "IMAPISession::Logoff");
_Static_assert(SAME_TYPE(&IID_IMAPIProviderShutdown, const GUID *) && SAME_TYPE(&IID_IMAPIClientShutdown, LPCIID),
               "IIDs");

static LPMAPIPROVIDERSHUTDOWN shutdown_of(LPUNKNOWN provider) {
    LPMAPIPROVIDERSHUTDOWN ps = NULL;
    CHECK_HR(provider->lpVtbl->QueryInterface(provider, &IID_IMAPIProviderShutdown, (LPVOID *)&ps), S_OK);
    if (ps != NULL) ps->lpVtbl->Release(ps);
    return ps;
}

int main(void) {
    CHECK_EQ(IID_IMAPIClientShutdown.Data1, 0x00020397);
    CHECK_EQ(IID_IMAPIProviderShutdown.Data1, 0x00020398);
    CHECK(IsEqualIID(&IID_IMAPIProviderShutdown, &IID_IMAPIProviderShutdown) &&
              !IsEqualGUID(&IID_IMAPIProviderShutdown, &IID_IMAPIClientShutdown),
          "IsEqualIID/IsEqualGUID compare by value");

    MAPIINIT_0 init = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    LPALLOCATEBUFFER allocate = MAPIAllocateBuffer;
    LPFREEBUFFER free_buffer = MAPIFreeBuffer;
    LPVOID buffer = NULL;
    CHECK_HR(allocate(64, &buffer), S_OK);
    CHECK_EQ(free_buffer(buffer), S_OK);
    Sleep(0);
    Sleep(1);

    LPMAPISESSION session = NULL;
    CHECK_HR(MAPILogonEx(0, (LPTSTR) "Outlook", NULL,
                         MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_EXPLICIT_PROFILE | MAPI_NO_MAIL, &session),
             S_OK);
    LPMSPROVIDER ms = NULL;
    LPABPROVIDER ab = NULL;
    ULONG version = 0;
    CHECK_HR(MSProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, CURRENT_SPI_VERSION,
                            &version, &ms),
             S_OK);
    CHECK_HR(ABProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, CURRENT_SPI_VERSION,
                            &version, &ab),
             S_OK);
    if (session == NULL || ms == NULL || ab == NULL) return mm_finish("sdk_coinclude");
    CHECK_HR(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_STORE, "C store", (LPUNKNOWN)ms), S_OK);
    CHECK_HR(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "C address book", (LPUNKNOWN)ab),
             S_OK);

    LPMAPICLIENTSHUTDOWN cs = NULL;
    CHECK_HR(session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, (LPVOID *)&cs), S_OK);
    if (cs != NULL) {
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
        CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
        mockmapi_event e = {0};
        CHECK(mm_find_event(MOCKMAPI_EVENT_PROVIDER_CALL, 0, &e) >= 0 && e.method == MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN,
              "first provider call");
        CHECK(e.object == shutdown_of((LPUNKNOWN)ab), "the address book's embedded interface answered first");
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 2);
        CHECK(strcmp(c_providers_last_call(), "IMAPIProviderShutdown::DoFastShutdown") == 0, "the C side saw it");
        UlRelease(cs);
    }
    UlRelease(session);
    CHECK_EQ(mockmapi_violation_count(), 0);
    int rc = mm_finish("sdk_coinclude");
    mockmapi_reset();
    UlRelease(ms);
    UlRelease(ab);
    CHECK_EQ(c_providers_alive(), 0);
    return rc | (atomic_load(&mm_failures) != 0);
}
