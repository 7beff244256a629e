/* Without MOCKMAPI_LOG the runtime prints nothing, even on violations and diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

int main(void) {
    mm_setenv("MOCKMAPI_LOG", NULL);
    if (!freopen("stderr.txt", "w", stderr)) return 2;
    MAPIInitialize(NULL);
    IMAPISession *s = NULL;
    MAPILogonEx(0, (LPTSTR) "p", NULL, 0, &s);
    IMAPIClientShutdown *cs = NULL;
    s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs);
    cs->lpVtbl->DoFastShutdown(cs);                      /* a violation */
    mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 9);
    cs->lpVtbl->QueryFastShutdown(cs);                   /* a diagnostic */
    fflush(stderr);
    FILE *f = fopen("stderr.txt", "rb");
    long size = -1;
    if (f) {
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        fclose(f);
    }
    int ok = size == 0 && mockmapi_violation_count() == 1;
    printf("tracing_silent: %s (stderr had %ld bytes)\n", ok ? "PASS" : "FAIL", size);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
    return ok ? 0 : 1;
}
