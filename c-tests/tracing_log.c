/* MOCKMAPI_LOG=debug prints the runtime's decisions to stderr: which provider, which policy value and where
 * it came from, why the answer is what it is. */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

static char *read_all(const char *path) {
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

int main(void) {
    /* stderr goes to a file this program reads back; failures are reported on stdout. */
    mm_setenv("MOCKMAPI_LOG", "debug");
    if (!freopen("trace.txt", "w", stderr)) return 2;
    tp_provider ms;
    tp_init(&ms, MOCKMAPI_PROVIDER_STORE, "traced store", 1);
    MAPIInitialize(NULL);
    IMAPISession *s = NULL;
    MAPILogonEx(0, (LPTSTR) "p", NULL, 0, &s);
    tp_attach(s, &ms);
    mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 1);
    IMAPIClientShutdown *cs = NULL;
    s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs);
    HRESULT hr = cs->lpVtbl->QueryFastShutdown(cs);
    fflush(stderr);
    char *trace = read_all("trace.txt");
    int ok = hr == S_OK && trace != NULL && strstr(trace, "QueryFastShutdown: policy resolved") != NULL &&
             strstr(trace, "behavior=1") != NULL && strstr(trace, "Options\\\\Shutdown") != NULL && strstr(trace, "\x1b[") == NULL &&
             strstr(trace, "client     session 1 QueryFastShutdown -> S_OK") != NULL &&
             strstr(trace, "\"traced store\" QueryFastShutdown -> S_OK") != NULL;
    if (!ok) printf("tracing_log: the trace lacks the decision:\n%s\n", trace ? trace : "(no file)");
    /* Policy 2: the log line says how many providers were not called (RULES.md MM-FS-POLICY). */
    mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 2);
    HRESULT hr2 = cs->lpVtbl->QueryFastShutdown(cs);
    fflush(stderr);
    trace = read_all("trace.txt");
    int ok2 = hr2 == MAPI_E_NO_SUPPORT && trace != NULL && strstr(trace, "providers_not_called=1") != NULL &&
              strstr(trace, "none of the 1 provider(s) was called") != NULL && strstr(trace, "providers=0") == NULL;
    if (!ok2) printf("tracing_log: the policy-2 line does not say how many providers were not called:\n%s\n",
                     trace ? trace : "(no file)");
    ok = ok && ok2;
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
    if (ok) printf("tracing_log: PASS\n");
    return ok ? 0 : 1;
}
