/*
 * cycle_mockmapi.c — one fast-shutdown test cycle written against mockmapi, timed N times.
 *
 * The cycle: MAPIInitialize, MAPILogonEx, attach 3 providers (transport, address book, store),
 * QueryInterface(IID_IMAPIClientShutdown), QueryFastShutdown / NotifyProcessShutdown / DoFastShutdown,
 * the checks a test makes (HRESULTs, no violation, each provider called once per method, no Shutdown),
 * Release, mockmapi_reset. The provider objects are created once, outside the timed loop, as in
 * benches/fast_shutdown.rs (the gmock version builds its mocks inside the loop, as a gmock test must).
 *
 * Usage: cycle_mockmapi [N]   (default 200000). Prints "mockmapi: <ns> ns/cycle".
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */

#include "mockmapi.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct bench_provider {
    const mockmapi_provider_vtbl *lpVtbl;
    IMAPIProviderShutdown shutdown;
    atomic_uint refs;
    uint32_t kind;
    unsigned n_query, n_notify, n_do, n_shutdown;
} bench_provider;

#define FROM_SHUTDOWN(s) ((bench_provider *)((char *)(s)-offsetof(bench_provider, shutdown)))

static HRESULT STDMETHODCALLTYPE bp_QueryInterface(mockmapi_provider *This, REFIID riid, void **ppv) {
    bench_provider *p = (bench_provider *)This;
    if (ppv == NULL) return E_POINTER;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        atomic_fetch_add(&p->refs, 1);
        *ppv = &p->shutdown;
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IUnknown)) {
        atomic_fetch_add(&p->refs, 1);
        *ppv = p;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE bp_AddRef(mockmapi_provider *This) {
    return atomic_fetch_add(&((bench_provider *)This)->refs, 1) + 1;
}
static ULONG STDMETHODCALLTYPE bp_Release(mockmapi_provider *This) {
    return atomic_fetch_sub(&((bench_provider *)This)->refs, 1) - 1;
}
static HRESULT STDMETHODCALLTYPE bp_Shutdown(mockmapi_provider *This, ULONG *flags) {
    (void)flags;
    ((bench_provider *)This)->n_shutdown++;
    return S_OK;
}
static const mockmapi_provider_vtbl bp_vtbl = {bp_QueryInterface, bp_AddRef, bp_Release, bp_Shutdown};

static HRESULT STDMETHODCALLTYPE ps_QueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    return bp_QueryInterface((mockmapi_provider *)FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE ps_AddRef(IMAPIProviderShutdown *This) {
    return atomic_fetch_add(&FROM_SHUTDOWN(This)->refs, 1) + 1;
}
static ULONG STDMETHODCALLTYPE ps_Release(IMAPIProviderShutdown *This) {
    return atomic_fetch_sub(&FROM_SHUTDOWN(This)->refs, 1) - 1;
}
static HRESULT STDMETHODCALLTYPE ps_Query(IMAPIProviderShutdown *This) {
    FROM_SHUTDOWN(This)->n_query++;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE ps_Notify(IMAPIProviderShutdown *This) {
    FROM_SHUTDOWN(This)->n_notify++;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE ps_Do(IMAPIProviderShutdown *This) {
    FROM_SHUTDOWN(This)->n_do++;
    return S_OK;
}
static const IMAPIProviderShutdownVtbl ps_vtbl = {ps_QueryInterface, ps_AddRef, ps_Release,
                                                  ps_Query,          ps_Notify, ps_Do};

static void bp_init(bench_provider *p, uint32_t kind) {
    p->lpVtbl = &bp_vtbl;
    p->shutdown.lpVtbl = &ps_vtbl;
    atomic_store(&p->refs, 1);
    p->kind = kind;
}

static int failures;
#define EXPECT(cond)                                                              \
    do {                                                                          \
        if (!(cond)) {                                                            \
            failures++;                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                         \
    } while (0)

static bench_provider providers[3];
static const char *const names[3] = {"transport", "address-book", "store"};

static void cycle(void) {
    for (int i = 0; i < 3; i++) providers[i].n_query = providers[i].n_notify = providers[i].n_do = 0;

    EXPECT(MAPIInitialize(NULL) == S_OK);
    IMAPISession *s = NULL;
    EXPECT(MAPILogonEx(0, (LPTSTR) "default", NULL, 0, &s) == S_OK);
    for (int i = 0; i < 3; i++)
        EXPECT(mockmapi_session_add_provider(s, providers[i].kind, names[i], (IUnknown *)(void *)&providers[i]) ==
               S_OK);
    IMAPIClientShutdown *cs = NULL;
    EXPECT(s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs) == S_OK);

    EXPECT(cs->lpVtbl->QueryFastShutdown(cs) == S_OK);
    EXPECT(cs->lpVtbl->NotifyProcessShutdown(cs) == S_OK);
    EXPECT(cs->lpVtbl->DoFastShutdown(cs) == S_OK);

    EXPECT(mockmapi_violation_count() == 0);
    for (int i = 0; i < 3; i++) {
        EXPECT(providers[i].n_query == 1 && providers[i].n_notify == 1 && providers[i].n_do == 1);
        EXPECT(providers[i].n_shutdown == 0);
    }
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    bp_init(&providers[0], MOCKMAPI_PROVIDER_TRANSPORT);
    bp_init(&providers[1], MOCKMAPI_PROVIDER_ADDRESS_BOOK);
    bp_init(&providers[2], MOCKMAPI_PROVIDER_STORE);

    for (long i = 0; i < n / 10 + 1; i++) cycle(); /* warm-up */
    double t0 = now_ns();
    for (long i = 0; i < n; i++) cycle();
    double t1 = now_ns();

    for (int i = 0; i < 3; i++) EXPECT(atomic_load(&providers[i].refs) == 1);
    if (failures != 0) {
        fprintf(stderr, "cycle_mockmapi: %d check(s) failed\n", failures);
        return 1;
    }
    printf("mockmapi: %.0f ns/cycle (%ld cycles)\n", (t1 - t0) / (double)n, n);
    return 0;
}
