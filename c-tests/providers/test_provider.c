/*
 * A provider library for the loader tests, written against mockmapi.h: one transport object per init call,
 * with IMAPIProviderShutdown, and extra entry points that fail in each documented way.
 */
#include "mockmapi.h"

#include <stdlib.h>

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
    } else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        *ppv = &p->shutdown;
    } else {
        return E_NOINTERFACE;
    }
    p->refs++;
    return S_OK;
}
static ULONG STDMETHODCALLTYPE AddRef(IXPProvider *This) { return ++((Provider *)This)->refs; }
static ULONG STDMETHODCALLTYPE Release(IXPProvider *This) {
    Provider *p = (Provider *)This;
    ULONG n = --p->refs;
    if (n == 0) free(p);
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
static const IMAPIProviderShutdownVtbl sd_vtbl = {SD_QueryInterface, SD_AddRef, SD_Release, SD_Ok, SD_Ok, SD_Ok};

/* Set by the last successful init: what the subsystem passed. */
EXPORT void *test_provider_last_instance;
EXPORT void *test_provider_last_malloc;

EXPORT HRESULT XPProviderInit(void *hInstance, void *lpMalloc, void *lpAllocateBuffer, void *lpAllocateMore,
                              void *lpFreeBuffer, ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                              IXPProvider **lppXPProvider) {
    (void)lpAllocateMore;
    (void)ulFlags;
    if (hInstance == NULL || lpMalloc == NULL || lpAllocateBuffer == NULL || lpFreeBuffer == NULL) return E_INVALIDARG;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    Provider *p = (Provider *)calloc(1, sizeof *p);
    if (p == NULL) return E_OUTOFMEMORY;
    p->lpVtbl = &vtbl;
    p->shutdown.lpVtbl = &sd_vtbl;
    p->refs = 1;
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
