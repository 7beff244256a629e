// mockmapi-ctest: sdk
// mockmapi-ctest: source ../examples/providers/sample_address_book.cpp
/*
 * The sample address book provider's logon object (examples/providers/sample_address_book.cpp), driven the
 * way MAPI drives it: ABProviderInit, IABProvider::Logon for a session, the IABLogon methods, Logoff, then
 * Release of the logon and of the provider (the logon holds the provider until it goes).
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>

#include "mm_portable.h"

#include <cstdio>
#include <string>

static int failures;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            ++failures;                                                                   \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                 \
    } while (0)

int main() {
    /* The provider reads its directory from here (nothing there: it starts with its built-in entry). */
    std::string path = std::string(MOCKMAPI_SOURCE_DIR) + "/target/tmp/sdk_sample_ab_logon.txt";
    std::remove(path.c_str());
    mm_setenv("MOCKMAPI_AB_PATH", path.c_str());

    CHECK(MAPIInitialize(NULL) == S_OK);
    ULONG ulProviderVer = 0;
    LPABPROVIDER provider = NULL;
    CHECK(ABProviderInit(NULL, NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, 0, CURRENT_SPI_VERSION,
                         &ulProviderVer, &provider) == S_OK);
    CHECK(provider != NULL && ulProviderVer == CURRENT_SPI_VERSION);
    if (provider == NULL) return 1;

    ULONG cbSecurity = 7;
    LPBYTE pbSecurity = (LPBYTE)&cbSecurity;
    LPMAPIERROR error = (LPMAPIERROR)&cbSecurity;
    LPABLOGON logon = NULL;
    char profile[] = "Outlook";
    CHECK(provider->Logon(NULL, 0, profile, 0, &cbSecurity, &pbSecurity, &error, &logon) == S_OK);
    CHECK(logon != NULL && cbSecurity == 0 && pbSecurity == NULL && error == NULL);
    if (logon == NULL) return 1;
    CHECK(provider->Logon(NULL, 0, profile, 0, NULL, NULL, NULL, NULL) == MAPI_E_INVALID_PARAMETER);

    LPUNKNOWN unknown = NULL;
    CHECK(logon->QueryInterface(IID_IABLogon, (LPVOID *)&unknown) == S_OK && unknown == logon);
    CHECK(logon->Release() == 1);
    CHECK(logon->QueryInterface(IID_IABProvider, (LPVOID *)&unknown) == E_NOINTERFACE && unknown == NULL);

    BYTE id1[6] = {0, 0, 0, 0, 1, 2}, id2[6] = {0, 0, 0, 0, 1, 2}, id3[6] = {0, 0, 0, 0, 1, 3};
    ULONG result = 7;
    CHECK(logon->CompareEntryIDs(6, (LPENTRYID)id1, 6, (LPENTRYID)id2, 0, &result) == S_OK && result == 1);
    CHECK(logon->CompareEntryIDs(6, (LPENTRYID)id1, 6, (LPENTRYID)id3, 0, &result) == S_OK && result == 0);
    CHECK(logon->CompareEntryIDs(6, (LPENTRYID)id1, 5, (LPENTRYID)id2, 0, &result) == S_OK && result == 0);
    CHECK(logon->CompareEntryIDs(6, NULL, 6, (LPENTRYID)id2, 0, &result) == MAPI_E_INVALID_PARAMETER);
    error = (LPMAPIERROR)&cbSecurity;
    CHECK(logon->GetLastError(MAPI_E_NO_SUPPORT, 0, &error) == S_OK && error == NULL);
    CHECK(logon->PrepareRecips(0, NULL, NULL) == S_OK);
    LPMAPITABLE table = NULL;
    CHECK(logon->GetOneOffTable(0, &table) == MAPI_E_NO_SUPPORT && table == NULL);

    CHECK(logon->Logoff(0) == S_OK);
    CHECK(logon->Logoff(0) == MAPI_E_CALL_FAILED);
    /* The logon holds a reference to the provider: the provider goes with the last of the two. */
    CHECK(provider->Release() == 1);
    CHECK(logon->Release() == 0);

    CHECK(mockmapi_violation_count() == 0);
    MAPIUninitialize();
    std::remove(path.c_str());
    if (failures == 0) std::printf("sdk_sample_ab_logon: the sample's IABLogon behaves as MAPI expects\n");
    return failures == 0 ? 0 : 1;
}
