/*
 * reference_address_book.c — an address book provider (ABProviderInit) whose only state is a cache.
 *
 * Many providers hold nothing of their own that is not already somewhere else: an address book caches
 * entries whose true copy lives in a directory (a server, an LDAP tree, a file someone else maintains). Such
 * data is derived: it can always be rebuilt at the next start. For these providers fast shutdown is the
 * easiest case of all, and the right DoFastShutdown is the one that does nothing slow:
 *
 *   QueryFastShutdown      S_OK: nothing can be lost, so take part.
 *   NotifyProcessShutdown  stop background work and start no new work: from now on no refresh of the cache
 *                          begins (this example has no refresh thread; a real one would stop it here, as
 *                          reference_transport.c stops its poller).
 *   DoFastShutdown         drop the cache and return S_OK at once. No writing the cache to disk "to start
 *                          faster next time", no walking a large structure to free every node: the process
 *                          is about to exit and the operating system takes the memory back in one go. Every
 *                          millisecond spent here delays Outlook's exit, which is what fast shutdown is for.
 *                          (This small cache is freed because that costs nothing; a big one could just be
 *                          forgotten.)
 *   Shutdown (normal path) drop the cache too. MAPI calls Shutdown(&flags) after Logoff, then Release.
 *
 *   cc -std=c11 -shared -fPIC -I include/mockmapi/sdk examples/providers/reference_address_book.c \
 *      -o libreference_address_book.so
 *   cargo run --release -- check libreference_address_book.so
 */
#include <windows.h>
/* Define the IIDs this library uses in the library itself, the SDK's way: it needs nothing from its host. */
#include <initguid.h>
#define USES_IID_IABProvider
#define USES_IID_IMAPIProviderShutdown
#include <mapiguid.h>
DEFINE_OLEGUID(IID_IUnknown, 0x00000000, 0, 0);
#include <mapispi.h>

#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#define PROVIDER_EXPORT __declspec(dllexport)
#else
#define PROVIDER_EXPORT __attribute__((visibility("default")))
#endif

/* The directory: the true copy of the data, which a real provider would query over the network. */
typedef struct Entry {
    const char *pszDisplayName;
    const char *pszAddress;
} Entry;

static const Entry rgDirectory[] = {
    {"Ada Lovelace", "ada@example.com"},
    {"Alan Turing", "alan@example.com"},
    {"Grace Hopper", "grace@example.com"},
    {"Edsger Dijkstra", "edsger@example.com"},
};
#define DIRECTORY_SIZE (sizeof rgDirectory / sizeof rgDirectory[0])

typedef struct AddressBook {
    const IABProviderVtbl *lpVtbl;  /* IABProvider: the first member, as COM requires */
    IMAPIProviderShutdown shutdown; /* the same object seen as IMAPIProviderShutdown */
    LONG cRef;
    Entry *rgCache; /* derived data: a copy of the directory, loaded at init */
    ULONG cCache;
    BOOL fShuttingDown; /* NotifyProcessShutdown came: start no refresh */
} AddressBook;

#define AB_FROM_SHUTDOWN(p) ((AddressBook *)((char *)(p)-offsetof(AddressBook, shutdown)))

/* Fill the cache from the directory. Slow in real life, which is why a provider caches at all. */
static HRESULT LoadCache(AddressBook *ab) {
    if (ab->fShuttingDown) return MAPI_E_CALL_FAILED;
    ab->rgCache = (Entry *)malloc(sizeof rgDirectory);
    if (ab->rgCache == NULL) return E_OUTOFMEMORY;
    memcpy(ab->rgCache, rgDirectory, sizeof rgDirectory);
    ab->cCache = (ULONG)DIRECTORY_SIZE;
    return S_OK;
}

/* Forget the cache: no I/O, nothing to save, since the directory still has every entry. */
static void DropCache(AddressBook *ab) {
    free(ab->rgCache);
    ab->rgCache = NULL;
    ab->cCache = 0;
}

static HRESULT AddressBook_QueryInterface(AddressBook *ab, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IABProvider))
        *ppv = ab;
    else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown))
        *ppv = &ab->shutdown;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&ab->cRef); /* what QueryInterface returns, the caller will Release */
    return S_OK;
}

static ULONG AddressBook_Release(AddressBook *ab) {
    LONG cRef = InterlockedDecrement(&ab->cRef);
    if (cRef == 0) {
        DropCache(ab);
        free(ab);
    }
    return (ULONG)cRef;
}

/* ---- IABProvider -------------------------------------------------------------------------------------- */

static HRESULT STDMETHODCALLTYPE AB_QueryInterface(LPABPROVIDER This, REFIID riid, LPVOID *ppv) {
    return AddressBook_QueryInterface((AddressBook *)This, riid, ppv);
}
static ULONG STDMETHODCALLTYPE AB_AddRef(LPABPROVIDER This) {
    return (ULONG)InterlockedIncrement(&((AddressBook *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE AB_Release(LPABPROVIDER This) { return AddressBook_Release((AddressBook *)This); }

/* The normal shutdown: after Logoff, MAPI calls Shutdown(&flags) (flags 0), then Release. */
static HRESULT STDMETHODCALLTYPE AB_Shutdown(LPABPROVIDER This, ULONG *lpulFlags) {
    UNREFERENCED_PARAMETER(lpulFlags);
    ((AddressBook *)This)->fShuttingDown = TRUE;
    DropCache((AddressBook *)This);
    return S_OK;
}

/* Logging on (the IABLogon object with the containers) is beyond this example. */
static HRESULT STDMETHODCALLTYPE AB_Logon(LPABPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG ulFlags, ULONG *lpulcbSecurity,
                                          LPBYTE *lppbSecurity, LPMAPIERROR *lppMAPIError, LPABLOGON *lppABLogon) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)ulFlags, (void)lpulcbSecurity;
    (void)lppbSecurity, (void)lppMAPIError, (void)lppABLogon;
    return MAPI_E_NO_SUPPORT;
}

static const IABProviderVtbl vtblAddressBook = {
    AB_QueryInterface, AB_AddRef, AB_Release, AB_Shutdown, AB_Logon,
};

/* ---- IMAPIProviderShutdown ---------------------------------------------------------------------------- */

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppv) {
    return AddressBook_QueryInterface(AB_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This) {
    return (ULONG)InterlockedIncrement(&AB_FROM_SHUTDOWN(This)->cRef);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This) {
    return AddressBook_Release(AB_FROM_SHUTDOWN(This));
}

/* "Can you take part?" Yes: a cache has nothing to lose. */
static HRESULT STDMETHODCALLTYPE PS_QueryFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    UNREFERENCED_PARAMETER(This);
    return S_OK;
}

/* "The process is going to exit." No new work: LoadCache refuses from now on. */
static HRESULT STDMETHODCALLTYPE PS_NotifyProcessShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    AB_FROM_SHUTDOWN(This)->fShuttingDown = TRUE;
    return S_OK;
}

/* "The process exits as soon as you return." Derived data needs no saving: drop it and return at once. */
static HRESULT STDMETHODCALLTYPE PS_DoFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    AddressBook *ab = AB_FROM_SHUTDOWN(This);
    ab->fShuttingDown = TRUE;
    DropCache(ab);
    return S_OK;
}

static const IMAPIProviderShutdownVtbl vtblShutdown = {
    PS_QueryInterface, PS_AddRef, PS_Release, PS_QueryFastShutdown, PS_NotifyProcessShutdown, PS_DoFastShutdown,
};

/* ---- the entry point: one new object per call, its cache loaded -------------------------------------- */

PROVIDER_EXPORT HRESULT STDMAPIINITCALLTYPE ABProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                           LPALLOCATEBUFFER lpAllocateBuffer,
                                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                           ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                           LPABPROVIDER *lppABProvider) {
    AddressBook *ab;
    HRESULT hr;
    (void)hInstance, (void)lpMalloc, (void)lpAllocateBuffer, (void)lpAllocateMore, (void)lpFreeBuffer;
    (void)ulFlags;
    if (lpulProviderVer == NULL || lppABProvider == NULL) return E_INVALIDARG;
    *lppABProvider = NULL;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    ab = (AddressBook *)calloc(1, sizeof *ab);
    if (ab == NULL) return E_OUTOFMEMORY;
    ab->lpVtbl = &vtblAddressBook;
    ab->shutdown.lpVtbl = &vtblShutdown;
    ab->cRef = 1;
    hr = LoadCache(ab);
    if (FAILED(hr)) {
        AddressBook_Release(ab);
        return hr;
    }
    *lppABProvider = (LPABPROVIDER)ab;
    return S_OK;
}
