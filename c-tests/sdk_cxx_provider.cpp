// mockmapi-ctest: sdk
// mockmapi-ctest: source support/sample_xp_provider.cpp
/*
 * A C++ provider written as Windows source (support/sample_xp_provider.cpp: XPProviderInit, a class deriving
 * from IXPProvider and IMAPIProviderShutdown, STDMETHODIMP members, IsEqualIID chains), built unchanged against
 * the SDK-compatible headers, driven by the runtime through its vtables: a full fast shutdown, and a normal
 * Logoff, under each value of the FastShutdownBehavior policy (absent, 0, 1, 2).
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.h"
#include "mockmapi.hpp"
#include "mm_test.hpp"
#include "support/read_file.h"

#include <string>

static std::string provider_log() {
    char *text = mm_read_file("sample_xp.log");
    std::string s = text != nullptr ? text : "";
    free(text);
    return s;
}

static bool in_order(const std::string &text, std::initializer_list<const char *> parts) {
    size_t at = 0;
    for (const char *part : parts) {
        at = text.find(part, at);
        if (at == std::string::npos) return false;
        at += std::strlen(part);
    }
    return true;
}

struct Setup {
    LPMAPISESSION session = nullptr;
    LPMAPIPROVIDERSHUTDOWN shutdown_interface = nullptr; /* the address QueryInterface hands out; not owned */
};

/* MAPIInitialize, MAPILogonEx, XPProviderInit, and the provider attached to the session. */
static Setup start(int policy) {
    Setup s;
    mockmapi_reset();
    std::remove("sample_xp.log");
    if (policy >= 0) CHECK_HR(mockmapi::set_fast_shutdown_behavior(static_cast<DWORD>(policy)), S_OK);

    MAPIINIT_0 init = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    CHECK_HR(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL, &s.session), S_OK);

    LPXPPROVIDER xp = nullptr;
    ULONG version = 0;
    CHECK_HR(mockmapi::call_provider_init(XPProviderInit, &xp, &version), S_OK);
    CHECK_EQ(version, CURRENT_SPI_VERSION);
    if (xp == nullptr || s.session == nullptr) return s;

    /* Multiple inheritance: the shutdown interface is a different subobject from the provider object. */
    LPMAPIPROVIDERSHUTDOWN ps = nullptr;
    CHECK_HR(xp->QueryInterface(IID_IMAPIProviderShutdown, reinterpret_cast<void **>(&ps)), S_OK);
    CHECK(ps != nullptr && static_cast<void *>(ps) != static_cast<void *>(xp),
          "IMAPIProviderShutdown is the second base subobject, not the IXPProvider one");
    s.shutdown_interface = ps;
    if (ps != nullptr) ps->Release();

    /* The provider object goes to the control API as it is: an IXPProvider is an IUnknown, no cast. */
    CHECK_HR(mockmapi_session_add_provider(s.session, MOCKMAPI_PROVIDER_TRANSPORT, "sample transport", xp), S_OK);
    xp->Release(); /* the runtime holds its own reference now */
    return s;
}

static void fast_shutdown(int policy) {
    Setup s = start(policy);
    if (s.session == nullptr) return;
    LPMAPICLIENTSHUTDOWN cs = nullptr;
    CHECK_HR(s.session->QueryInterface(IID_IMAPIClientShutdown, reinterpret_cast<void **>(&cs)), S_OK);
    if (cs == nullptr) return;

    HRESULT hr = cs->QueryFastShutdown();
    if (policy == 2) {
        /* Disabled by the administrator: no provider method is called, the client falls back to Logoff. */
        CHECK_HR(hr, MAPI_E_NO_SUPPORT);
        CHECK_EQ(mm_provider_call_count(), 0);
        CHECK(provider_log().find("QueryFastShutdown") == std::string::npos, "the provider was not asked");
        CHECK_HR(s.session->Logoff(0, 0, 0), S_OK);
        CHECK(in_order(provider_log(), {"Shutdown(flags 0)", "Shutdown: saved 3 queued message(s)"}),
              "the fallback Logoff shut the provider down and it saved its queue");
        cs->Release();
        s.session->Release();
        MAPIUninitialize();
        CHECK(provider_log().find("~CXPProvider") != std::string::npos, "the runtime released the provider");
    } else {
        CHECK_HR(hr, S_OK);
        CHECK_HR(cs->NotifyProcessShutdown(), S_OK);
        CHECK_HR(cs->DoFastShutdown(), S_OK);
        CHECK(in_order(provider_log(), {"QueryFastShutdown", "NotifyProcessShutdown", "DoFastShutdown",
                                        "DoFastShutdown: saved 3 queued message(s)"}),
              "the provider saw the three calls in order and saved its queue before DoFastShutdown returned");
        for (uint32_t method : {MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN,
                                MOCKMAPI_METHOD_DO_FAST_SHUTDOWN}) {
            std::vector<mockmapi_event> calls = mm_provider_calls(method);
            CHECK_EQ(calls.size(), 1);
            if (calls.size() == 1) {
                CHECK(calls[0].object == s.shutdown_interface,
                      "the journal names the IMAPIProviderShutdown subobject that answered");
                CHECK_HR(calls[0].hresult, S_OK);
                CHECK(std::strcmp(calls[0].provider_name, "sample transport") == 0, "provider name");
            }
        }
        CHECK(provider_log().find("Shutdown(flags") == std::string::npos, "no normal Shutdown after a fast one");
        /* The client now drops its references and exits without another MAPI call. */
        cs->Release();
        s.session->Release();
        CHECK(provider_log().find("~CXPProvider") == std::string::npos, "the runtime never releases it");
    }
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset(); /* the test harness's cleanup: releases the runtime's reference */
}

static void normal_logoff(int policy) {
    Setup s = start(policy);
    if (s.session == nullptr) return;
    CHECK_HR(s.session->Logoff(0, MAPI_LOGOFF_UI, 0), S_OK);
    CHECK_EQ(mm_provider_calls(MOCKMAPI_METHOD_SHUTDOWN).size(), 1);
    CHECK_EQ(mm_provider_calls(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN).size(), 0);
    s.session->Release();
    MAPIUninitialize();
    CHECK(in_order(provider_log(),
                   {"XPProviderInit", "Shutdown(flags 0)", "Shutdown: saved 3 queued message(s)", "~CXPProvider"}),
          "Logoff: Shutdown, the queue saved, then the last Release");
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();
}

int main() {
    for (int policy : {-1, 0, 1, 2}) {
        std::fprintf(stderr, "-- FastShutdownBehavior %s\n",
                     policy < 0 ? "absent" : std::to_string(policy).c_str());
        int before = mm_failures();
        fast_shutdown(policy);
        normal_logoff(policy);
        if (mm_failures() != before) std::fprintf(stderr, "   (failed under this policy)\n");
    }
    return mm_finish("sdk_cxx_provider");
}
