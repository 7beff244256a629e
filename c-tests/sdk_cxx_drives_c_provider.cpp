// mockmapi-ctest: sdk
// mockmapi-ctest: source support/c_providers.c
/*
 * Binary compatibility from C++ to C: providers written in C (support/c_providers.c, lpVtbl structs) are
 * called through the SDK headers' C++ class declarations. Every method of IMSProvider, IABProvider and
 * IMAPIProviderShutdown is called by name and must land in the C function of that slot; then the runtime drives
 * the same objects through a fast shutdown.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.h"
#include "mockmapi.hpp"
#include "mm_test.hpp"
#include "support/c_providers.h"

/* IID_IMsgStore is not one of the IIDs libmockmapi exports: this file defines it, as it would on Windows. */
#include <initguid.h>
#define USES_IID_IMsgStore
#include <mapiguid.h>

#include <string>

static void check_last(const char *want, const char *why) {
    CHECK(std::string(c_providers_last_call()) == want, why);
    if (std::string(c_providers_last_call()) != want)
        std::fprintf(stderr, "   last call was %s, expected %s\n", c_providers_last_call(), want);
}

static void check_shutdown_interface(IUnknown *provider) {
    mockmapi::ComPtr<IMAPIProviderShutdown> ps;
    CHECK_HR(provider->QueryInterface(IID_IMAPIProviderShutdown, ps.ReleaseAndGetVoidAddressOf()), S_OK);
    if (!ps) return;
    CHECK_HR(ps->QueryFastShutdown(), S_OK);
    check_last("IMAPIProviderShutdown::QueryFastShutdown", "slot 3 of IMAPIProviderShutdown");
    CHECK_HR(ps->NotifyProcessShutdown(), S_OK);
    check_last("IMAPIProviderShutdown::NotifyProcessShutdown", "slot 4");
    CHECK_HR(ps->DoFastShutdown(), S_OK);
    check_last("IMAPIProviderShutdown::DoFastShutdown", "slot 5");
    /* QueryInterface through the embedded interface comes back to the provider object itself. */
    mockmapi::ComPtr<IUnknown> unknown;
    CHECK_HR(ps->QueryInterface(IID_IUnknown, unknown.ReleaseAndGetVoidAddressOf()), S_OK);
    CHECK(unknown.Get() == provider, "IUnknown identity from the embedded interface");
}

int main() {
    mockmapi_reset();
    MAPIINIT_0 init = {MAPI_INIT_VERSION, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);

    /* ---- the store provider, method by method ---- */
    LPMSPROVIDER ms = nullptr;
    CHECK_HR(mockmapi::call_provider_init(MSProviderInit, &ms), S_OK);
    if (ms == nullptr) return mm_finish("sdk_cxx_drives_c_provider");
    CHECK_EQ(c_providers_alive(), 1);

    ULONG flags = 0;
    CHECK_HR(ms->Shutdown(&flags), S_OK);
    check_last("IMSProvider::Shutdown", "slot 3 of IMSProvider");
    ULONG cb = 1;
    LPBYTE pb = reinterpret_cast<LPBYTE>(1);
    LPMAPIERROR error = reinterpret_cast<LPMAPIERROR>(1);
    LPMSLOGON logon = reinterpret_cast<LPMSLOGON>(1);
    LPMDB mdb = reinterpret_cast<LPMDB>(1);
    CHECK_HR(ms->Logon(nullptr, 0, nullptr, 0, nullptr, 0, &IID_IMsgStore, &cb, &pb, &error, &logon, &mdb),
             MAPI_E_LOGON_FAILED);
    check_last("IMSProvider::Logon", "slot 4");
    CHECK(cb == 0 && pb == nullptr && error == nullptr && logon == nullptr && mdb == nullptr,
          "all thirteen parameters arrived where the C function reads them");
    BYTE spool_security[4] = {'S', 'P', 'S', 'C'};
    CHECK_HR(ms->SpoolerLogon(nullptr, 0, nullptr, 0, nullptr, 0, nullptr, sizeof spool_security, spool_security,
                              &error, &logon, &mdb),
             MAPI_E_NO_SUPPORT);
    check_last("IMSProvider::SpoolerLogon", "slot 5");
    BYTE id1[8] = {0, 0, 0, 0, 1, 2, 3, 4}, id2[8] = {0, 0, 0, 0, 1, 2, 3, 4};
    ULONG same = 0;
    CHECK_HR(ms->CompareStoreIDs(sizeof id1, reinterpret_cast<LPENTRYID>(id1), sizeof id2,
                                 reinterpret_cast<LPENTRYID>(id2), 0, &same),
             S_OK);
    check_last("IMSProvider::CompareStoreIDs", "slot 6");
    CHECK_EQ(same, 1);
    check_shutdown_interface(ms);

    /* ---- the address book provider ---- */
    LPABPROVIDER ab = nullptr;
    CHECK_HR(mockmapi::call_provider_init(ABProviderInit, &ab), S_OK);
    if (ab == nullptr) return mm_finish("sdk_cxx_drives_c_provider");
    CHECK_HR(ab->Shutdown(&flags), S_OK);
    check_last("IABProvider::Shutdown", "slot 3 of IABProvider");
    LPABLOGON ablogon = reinterpret_cast<LPABLOGON>(1);
    CHECK_HR(ab->Logon(nullptr, 0, nullptr, 0, &cb, &pb, &error, &ablogon), MAPI_E_USER_CANCEL);
    check_last("IABProvider::Logon", "slot 4");
    CHECK(ablogon == nullptr, "Logon's last parameter arrived");
    check_shutdown_interface(ab);

    /* ---- and the runtime drives the same C objects ---- */
    LPMAPISESSION session = nullptr;
    CHECK_HR(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, &session), S_OK);
    if (session == nullptr) return mm_finish("sdk_cxx_drives_c_provider");
    CHECK_HR(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_STORE, "C store", ms), S_OK);
    CHECK_HR(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "C address book", ab), S_OK);
    mockmapi::ComPtr<IMAPIClientShutdown> cs;
    CHECK_HR(session->QueryInterface(IID_IMAPIClientShutdown, cs.ReleaseAndGetVoidAddressOf()), S_OK);
    if (cs) {
        CHECK_HR(cs->QueryFastShutdown(), S_OK);
        CHECK_HR(cs->NotifyProcessShutdown(), S_OK);
        CHECK_HR(cs->DoFastShutdown(), S_OK);
        check_last("IMAPIProviderShutdown::DoFastShutdown", "the runtime reached the C providers last");
        std::vector<mockmapi_event> calls = mm_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN);
        CHECK_EQ(calls.size(), 2);
        if (calls.size() == 2)
            CHECK(std::string(calls[0].provider_name) == "C address book" &&
                      std::string(calls[1].provider_name) == "C store",
                  "address book before store");
    }
    cs.Reset();
    session->Release();
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset(); /* releases the runtime's references */
    ms->Release();
    ab->Release();
    CHECK_EQ(c_providers_alive(), 0);
    return mm_finish("sdk_cxx_drives_c_provider");
}
