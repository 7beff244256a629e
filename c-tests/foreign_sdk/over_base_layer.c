/*
 * A client written against a vendored MAPI SDK (Microsoft's published headers, or mingw-w64's), built on
 * Linux over mockmapi's Windows base layer, with mockmapi.h included last: the base layer must define only
 * Windows things (the SDK's headers define the MAPI ones) and mockmapi.h must add only what the SDK lacks.
 * Compiled by tests/sdk_headers.rs with the vendored headers first on the include path (see README.md).
 */
#include <windows.h>
#include <mapix.h>
#include <mockmapi.h>

#include <stddef.h>

/* One layout: the SDK's session and shutdown interfaces, mockmapi's entry points and IIDs. */
_Static_assert(offsetof(IMAPISessionVtbl, Logoff) == 17 * sizeof(void *), "Logoff is slot 17");
_Static_assert(offsetof(IMAPIClientShutdownVtbl, DoFastShutdown) == 5 * sizeof(void *), "DoFastShutdown is slot 5");
_Static_assert(sizeof(HRESULT) == 4 && sizeof(ULONG) == 4 && sizeof(LONG) == 4, "32-bit HRESULT, ULONG, LONG");
_Static_assert(sizeof(GUID) == 16, "GUID is 16 bytes");
_Static_assert(offsetof(ENTRYID, ab) == 4, "ENTRYID: four flag bytes, then the bytes");

static HRESULT client_fast_shutdown(LPMAPISESSION session) {
    LPMAPICLIENTSHUTDOWN client = NULL;
    HRESULT hr = session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, (LPVOID *)&client);
    if (FAILED(hr)) return hr;
    hr = client->lpVtbl->QueryFastShutdown(client);
    if (hr == S_OK) {
        client->lpVtbl->NotifyProcessShutdown(client);
        hr = client->lpVtbl->DoFastShutdown(client);
    }
    client->lpVtbl->Release(client);
    return hr;
}

int main(void) {
    LPMAPISESSION session = NULL;
    TCHAR profile[] = TEXT("Outlook");
    if (FAILED(MAPIInitialize(NULL))) return 1;
    if (FAILED(MAPILogonEx(0, profile, NULL, 0x20, &session))) return 2;
    if (mockmapi_violation_count() != 0) return 3;
    return client_fast_shutdown(session) == S_OK ? 0 : 4;
}
