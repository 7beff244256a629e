/*
 * A client compiled with a real SDK's declarations (mingw-w64's windows.h and mapix.h) links against mockmapi's
 * import library and runs (ci/windows.sh builds it for both Windows targets and runs it under Wine; not a program
 * of the C suite, which has no SDK of its own on Linux). On 32-bit Windows the SDK declares MAPIInitialize,
 * MAPILogonEx, ... __stdcall, so this program references the decorated names (_MAPIInitialize@4): the import
 * library must resolve them, and the DLL must export both spellings, as the real mapi32.dll does
 * (MAPIInitialize and MAPIInitialize@4).
 */
#include <windows.h>
#include <mapix.h>

#include "mockmapi.h"

#include <stdio.h>

static int failures;

static void check(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

/* The DLL this program loaded exports `name`. */
static int exported(const char *name) {
    HMODULE dll = GetModuleHandleA("mockmapi.dll");
    return dll != NULL && GetProcAddress(dll, name) != NULL;
}

int main(void) {
    check(MAPIInitialize(NULL) == S_OK, "MAPIInitialize through the SDK's declaration");
    LPMAPISESSION session = NULL;
    check(MAPILogonEx(0, (LPTSTR) "sdk", NULL, 0, &session) == S_OK && session != NULL,
          "MAPILogonEx through the SDK's declaration");
    LPVOID buffer = NULL;
    check(MAPIAllocateBuffer(16, &buffer) == S_OK && buffer != NULL, "MAPIAllocateBuffer");
    check(MAPIFreeBuffer(buffer) == 0, "MAPIFreeBuffer");
    if (session != NULL) {
        check(session->lpVtbl->Logoff(session, 0, 0, 0) == S_OK, "IMAPISession::Logoff");
        session->lpVtbl->Release(session);
    }
    MAPIUninitialize();
    check(mockmapi_violation_count() == 0, "no violation");

    static const char *const names[] = {"MAPIInitialize", "MAPIUninitialize", "MAPILogonEx",
                                        "MAPIAllocateBuffer", "MAPIAllocateMore", "MAPIFreeBuffer"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) check(exported(names[i]), names[i]);
#if defined(_WIN32) && !defined(_WIN64)
    static const char *const decorated[] = {"MAPIInitialize@4",    "MAPIUninitialize@0", "MAPILogonEx@20",
                                            "MAPIAllocateBuffer@8", "MAPIAllocateMore@12", "MAPIFreeBuffer@4"};
    for (size_t i = 0; i < sizeof decorated / sizeof decorated[0]; i++) check(exported(decorated[i]), decorated[i]);
#endif
    if (failures == 0) printf("sdk_link: ok\n");
    return failures == 0 ? 0 : 1;
}
