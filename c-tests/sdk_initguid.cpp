// mockmapi-ctest: sdk
/*
 * The C++ side of sdk_initguid.c: with INITGUID, DEFINE_GUID gives `extern "C"` weak definitions, which link
 * against libmockmapi's own exports of the same IIDs (static and shared) and keep C linkage, so the names are
 * the ones mockmapi.h declares.
 */
#define INITGUID
#define USES_IID_IMAPIClientShutdown
#define USES_IID_IMAPIProviderShutdown
#define USES_IID_IXPProvider
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.h"
#include "mm_test.hpp"

int main() {
    CHECK(IID_IMAPIClientShutdown.Data1 == 0x00020397 && IID_IMAPIProviderShutdown.Data1 == 0x00020398 &&
              IID_IXPProvider.Data1 == 0x00020312,
          "values");
    CHECK(IID_IMAPIProviderShutdown != IID_IMAPIClientShutdown, "operator!= on GUIDs");
    CHECK_HR(MAPIInitialize(nullptr), S_OK);
    LPMAPISESSION session = nullptr;
    CHECK_HR(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, &session), S_OK);
    if (session != nullptr) {
        LPMAPICLIENTSHUTDOWN cs = nullptr;
        CHECK_HR(session->QueryInterface(IID_IMAPIClientShutdown, reinterpret_cast<LPVOID *>(&cs)), S_OK);
        if (cs != nullptr) cs->Release();
        CHECK_HR(session->Logoff(0, 0, 0), S_OK);
        session->Release();
    }
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 0);
    return mm_finish("sdk_initguid_cxx");
}
