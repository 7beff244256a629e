/*
 * A provider library for the loader and `mockmapi check` tests, written against mockmapi.h: one transport
 * object per init call, with IMAPIProviderShutdown, and extra entry points that fail in each documented way.
 * Built with one of these defined, it makes one common mistake instead:
 *   BROKEN_NO_SHUTDOWN     no IMAPIProviderShutdown
 *   BROKEN_QI_NO_ADDREF    QueryInterface does not AddRef
 *   BROKEN_QI_NO_ADDREF_HELD  the same, in a provider that keeps two references of its own on its object (so the
 *                          count never reaches 0 and only a before/after comparison can tell)
 *   BROKEN_QUERY_FAILS     QueryFastShutdown returns E_FAIL
 *   BROKEN_DO_FAILS        DoFastShutdown returns E_FAIL
 *   BROKEN_SAME_OBJECT     every init returns the same object
 *   BROKEN_INIT_ABORTS     the entry point calls abort()
 *   BROKEN_INIT_SEGFAULTS  the entry point writes through a NULL pointer
 *   BROKEN_INIT_HANGS      the entry point never returns
 *   BROKEN_UNDEFINED       the library calls a function nobody defines (it cannot be loaded with immediate binding)
 *   SAVES_IN_DESTRUCTOR    a store (MSProviderInit) that writes its data only when its last reference goes, to the
 *                          file TEST_PROVIDER_STORE_FILE names; mockmapi_exit_verify checks that file
 */
#include "mockmapi.h"

#ifdef BROKEN_QI_NO_ADDREF_HELD
#define BROKEN_QI_NO_ADDREF
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BROKEN_UNDEFINED
extern void test_provider_function_nobody_defines(void);
#endif

#if defined(_WIN32)
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

typedef struct Provider {
    const IXPProviderVtbl *lpVtbl;
    IMAPIProviderShutdown shutdown;
    ULONG refs;
} Provider;

#define FROM_SHUTDOWN(p) ((Provider *)((char *)(p)-offsetof(Provider, shutdown)))

static HRESULT STDMETHODCALLTYPE QueryInterface(IXPProvider *This, REFIID riid, void **ppv) {
    Provider *p = (Provider *)This;
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IXPProvider)) {
        *ppv = p;
#ifndef BROKEN_NO_SHUTDOWN
    } else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        *ppv = &p->shutdown;
#endif
    } else {
        return E_NOINTERFACE;
    }
#ifndef BROKEN_QI_NO_ADDREF
    p->refs++;
#endif
    return S_OK;
}
static ULONG STDMETHODCALLTYPE AddRef(IXPProvider *This) { return ++((Provider *)This)->refs; }
#ifdef SAVES_IN_DESTRUCTOR
static void save(void) {
    const char *path = getenv("TEST_PROVIDER_STORE_FILE");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fputs("saved", f);
        fclose(f);
    }
}

/* Exported for `mockmapi check --exit-test`: did the data reach the file? */
EXPORT HRESULT mockmapi_exit_verify(void) {
    const char *path = getenv("TEST_PROVIDER_STORE_FILE");
    char buf[8] = {0};
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL) return MAPI_E_NOT_FOUND;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return (n == 5 && strcmp(buf, "saved") == 0) ? S_OK : MAPI_E_NOT_FOUND;
}

EXPORT HRESULT mockmapi_exit_prepare(void) {
    const char *path = getenv("TEST_PROVIDER_STORE_FILE");
    if (path) remove(path);
    return S_OK;
}
#endif

static ULONG STDMETHODCALLTYPE Release(IXPProvider *This) {
    Provider *p = (Provider *)This;
    ULONG n = --p->refs;
    if (n == 0) {
#ifdef SAVES_IN_DESTRUCTOR
        save(); /* the mistake: data reaches the disk only in the destructor */
#endif
        free(p);
    }
    return n;
}
static HRESULT STDMETHODCALLTYPE Shutdown(IXPProvider *This, ULONG *flags) {
    (void)This;
    return (flags != NULL && *flags == 0) ? S_OK : E_INVALIDARG;
}
static const IXPProviderVtbl vtbl = {QueryInterface, AddRef, Release, Shutdown, NULL};

static HRESULT STDMETHODCALLTYPE SD_QueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    return QueryInterface((IXPProvider *)FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE SD_AddRef(IMAPIProviderShutdown *This) { return AddRef((IXPProvider *)FROM_SHUTDOWN(This)); }
static ULONG STDMETHODCALLTYPE SD_Release(IMAPIProviderShutdown *This) {
    return Release((IXPProvider *)FROM_SHUTDOWN(This));
}
static HRESULT STDMETHODCALLTYPE SD_Ok(IMAPIProviderShutdown *This) { (void)This; return S_OK; }
#if defined(BROKEN_QUERY_FAILS) || defined(BROKEN_DO_FAILS)
static HRESULT STDMETHODCALLTYPE SD_Fail(IMAPIProviderShutdown *This) { (void)This; return E_FAIL; }
#endif
#ifdef BROKEN_QUERY_FAILS
#define SD_QUERY SD_Fail
#else
#define SD_QUERY SD_Ok
#endif
#ifdef BROKEN_DO_FAILS
#define SD_DO SD_Fail
#else
#define SD_DO SD_Ok
#endif
static const IMAPIProviderShutdownVtbl sd_vtbl = {SD_QueryInterface, SD_AddRef, SD_Release, SD_QUERY, SD_Ok, SD_DO};

/* Set by the last successful init: what the subsystem passed. */
EXPORT void *test_provider_last_instance;
EXPORT void *test_provider_last_malloc;

#ifdef SAVES_IN_DESTRUCTOR
#define ENTRY_POINT MSProviderInit
#else
#define ENTRY_POINT XPProviderInit
#endif

EXPORT HRESULT ENTRY_POINT(void *hInstance, void *lpMalloc, void *lpAllocateBuffer, void *lpAllocateMore,
                           void *lpFreeBuffer, ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                           IXPProvider **lppXPProvider) {
    (void)lpAllocateMore;
    (void)ulFlags;
#ifdef BROKEN_INIT_ABORTS
    abort();
#endif
#ifdef BROKEN_INIT_SEGFAULTS
    int *volatile nowhere = NULL;
    *nowhere = 1;
#endif
#ifdef BROKEN_INIT_HANGS
    for (volatile int spin = 1; spin;) {
    }
#endif
#ifdef BROKEN_UNDEFINED
    test_provider_function_nobody_defines();
#endif
    if (hInstance == NULL || lpMalloc == NULL || lpAllocateBuffer == NULL || lpFreeBuffer == NULL) return E_INVALIDARG;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
#ifdef BROKEN_SAME_OBJECT
    static Provider the_one;
    Provider *p = &the_one;
    if (p->lpVtbl != NULL) {
        p->refs++;
        *lppXPProvider = (IXPProvider *)p;
        return S_OK;
    }
    p->refs = 1000; /* never freed */
#else
    Provider *p = (Provider *)calloc(1, sizeof *p);
    if (p == NULL) return E_OUTOFMEMORY;
#endif
    p->lpVtbl = &vtbl;
    p->shutdown.lpVtbl = &sd_vtbl;
#ifdef BROKEN_QI_NO_ADDREF_HELD
    p->refs = 3; /* the caller's, and two the provider keeps */
#elif !defined(BROKEN_SAME_OBJECT)
    p->refs = 1;
#endif
    test_provider_last_instance = hInstance;
    test_provider_last_malloc = lpMalloc;
    *lppXPProvider = (IXPProvider *)p;
    return S_OK;
}

EXPORT HRESULT FailingInit(void *a, void *b, void *c, void *d, void *e, ULONG f, ULONG g, ULONG *ver, IXPProvider **out) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)ver; (void)out;
    return E_FAIL;
}

EXPORT HRESULT OldVersionInit(void *a, void *b, void *c, void *d, void *e, ULONG f, ULONG g, ULONG *ver, IXPProvider **out) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)out;
    *ver = 0x00020000; /* another major version */
    return MAPI_E_VERSION;
}

EXPORT HRESULT NoObjectInit(void *a, void *b, void *c, void *d, void *e, ULONG f, ULONG g, ULONG *ver, IXPProvider **out) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g;
    *ver = CURRENT_SPI_VERSION;
    *out = NULL;
    return S_OK;
}
