// mockmapi-ctest: sdk
// mockmapi-ctest: source support/sample_xp_provider.cpp
/*
 * Binary compatibility from C to C++: C code, with the interfaces as lpVtbl structs, calls a provider written
 * as a C++ class with multiple inheritance (support/sample_xp_provider.cpp), slot by slot, including through
 * the IMAPIProviderShutdown base, whose vtable entries adjust `this` back to the object. Then a C client runs
 * the fast-shutdown sequence against it through the runtime.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mm_test.h"
#include "support/read_file.h"

static int log_has(const char *text) {
    char *log = mm_read_file("sample_xp.log");
    int found = log != NULL && strstr(log, text) != NULL;
    free(log);
    return found;
}

int main(void) {
    MAPIINIT_0 init = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    remove("sample_xp.log");
    CHECK_HR(MAPIInitialize(&init), S_OK);

    LPXPPROVIDER xp = NULL;
    ULONG version = 0;
    CHECK_HR(XPProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, CURRENT_SPI_VERSION,
                            &version, &xp),
             S_OK);
    CHECK_EQ(version, CURRENT_SPI_VERSION);
    if (xp == NULL) return mm_finish("sdk_c_drives_cxx_provider");
    LPXPPROVIDER old = NULL;
    CHECK_HR(XPProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, PDK1_SPI_VERSION,
                            &version, &old),
             MAPI_E_VERSION);

    /* IXPProvider, slot by slot. */
    LPMAPIPROVIDERSHUTDOWN ps = NULL;
    CHECK_HR(xp->lpVtbl->QueryInterface(xp, &IID_IMAPIProviderShutdown, (void **)&ps), S_OK);
    CHECK(ps != NULL && (void *)ps != (void *)xp, "the shutdown interface is the second base");
    LPMAPIERROR error = NULL;
    LPXPLOGON logon = NULL;
    ULONG flags = 0;
    CHECK_HR(xp->lpVtbl->TransportLogon(xp, NULL, 0, NULL, &flags, &error, &logon), MAPI_E_INVALID_PARAMETER);
    CHECK(log_has("TransportLogon"), "slot 4 is TransportLogon");
    CHECK_HR(xp->lpVtbl->Shutdown(xp, &flags), S_OK);
    CHECK(log_has("Shutdown(flags 0)"), "slot 3 is Shutdown");

    /* IMAPIProviderShutdown, through the C++ object's second vtable. */
    if (ps != NULL) {
        CHECK_HR(ps->lpVtbl->QueryFastShutdown(ps), S_OK);
        CHECK(log_has("QueryFastShutdown"), "slot 3 of the second base");
        CHECK_HR(ps->lpVtbl->NotifyProcessShutdown(ps), S_OK);
        CHECK(log_has("NotifyProcessShutdown"), "slot 4");
        CHECK_HR(ps->lpVtbl->DoFastShutdown(ps), S_OK);
        CHECK(log_has("DoFastShutdown: saved"), "slot 5");
        LPXPPROVIDER back = NULL;
        CHECK_HR(ps->lpVtbl->QueryInterface(ps, &IID_IXPProvider, (void **)&back), S_OK);
        CHECK(back == xp, "QueryInterface through the second base returns the same object");
        if (back != NULL) CHECK_EQ(back->lpVtbl->Release(back), 2);
        CHECK_EQ(ps->lpVtbl->AddRef(ps), 3);
        CHECK_EQ(ps->lpVtbl->Release(ps), 2);
        CHECK_EQ(ps->lpVtbl->Release(ps), 1);
    }
    CHECK(!log_has("~CXPProvider"), "still alive");
    CHECK_EQ(xp->lpVtbl->Release(xp), 0);
    CHECK(log_has("~CXPProvider"), "the last Release, made from C, deleted the C++ object");

    /* A C client, the runtime and the C++ provider. */
    remove("sample_xp.log");
    IMAPISession *s = mm_logon("C client");
    xp = NULL;
    CHECK_HR(XPProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, CURRENT_SPI_VERSION,
                            &version, &xp),
             S_OK);
    if (s == NULL || xp == NULL) return mm_finish("sdk_c_drives_cxx_provider");
    CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, "C++ transport", (LPUNKNOWN)xp), S_OK);
    xp->lpVtbl->Release(xp);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    if (cs != NULL) {
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
        CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
        CHECK(log_has("DoFastShutdown: saved 3 queued message(s)"), "the runtime reached the C++ provider");
        cs->lpVtbl->Release(cs);
    }
    s->lpVtbl->Release(s);
    CHECK_EQ(mockmapi_violation_count(), 0);
    int rc = mm_finish("sdk_c_drives_cxx_provider");
    mockmapi_reset();
    CHECK(log_has("~CXPProvider"), "reset released the runtime's reference, the last one");
    return rc | (atomic_load(&mm_failures) != 0);
}
