/*
 * broken_return_codes.c — COMMON MISTAKE: a store provider (MSProviderInit) that answers the fast-shutdown
 * calls with the wrong HRESULTs.
 *
 * The three methods of IMAPIProviderShutdown each have documented answers, and failure codes are not a way
 * to say "no" or "nothing to do":
 *   QueryFastShutdown  S_OK to take part; MAPI_E_NO_SUPPORT is THE way to block fast shutdown. This store
 *                      returns E_FAIL whenever it has unsaved changes, meaning "not now". A failure is an
 *                      error, not an answer: the client stops the fast shutdown as if something broke.
 *   DoFastShutdown     S_OK once everything is saved. This store returns E_NOTIMPL because "there is nothing
 *                      to do here", which tells the client its data may be lost (its own DoFastShutdown then
 *                      fails). It should have saved its changes and returned S_OK.
 *
 * What `mockmapi check libbroken_return_codes.so` reports:
 *   FAIL     QueryFastShutdown  MAPI_E_CALL_FAILED (0x80004005): return S_OK, or MAPI_E_NO_SUPPORT to block
 *   warning  policies 0/1/2     fast shutdown does not complete (client QueryFastShutdown MAPI_E_NO_SUPPORT)
 *   verdict: NOT READY for fast shutdown
 * The failing QueryFastShutdown stops the sequence, so DoFastShutdown is never reached. Fix that alone and
 * the next run reports "FAIL DoFastShutdown E_NOTIMPL (0x80004001): the client's DoFastShutdown fails and
 * data may be lost". Compare reference_store.c.
 */
#include <windows.h>
#include <initguid.h>
#define USES_IID_IMSProvider
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

typedef struct Store {
    const IMSProviderVtbl *lpVtbl;
    IMAPIProviderShutdown shutdown; /* the same object seen as IMAPIProviderShutdown */
    LONG cRef;
    BOOL fDirty; /* changes only in memory */
} Store;

#define STORE_FROM_SHUTDOWN(p) ((Store *)((char *)(p)-offsetof(Store, shutdown)))

static HRESULT Store_QueryInterface(Store *s, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMSProvider))
        *ppv = s;
    else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown))
        *ppv = &s->shutdown;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&s->cRef);
    return S_OK;
}
static ULONG Store_Release(Store *s) {
    LONG cRef = InterlockedDecrement(&s->cRef);
    if (cRef == 0) free(s);
    return (ULONG)cRef;
}

static HRESULT STDMETHODCALLTYPE MS_QueryInterface(LPMSPROVIDER This, REFIID riid, LPVOID *ppv) {
    return Store_QueryInterface((Store *)This, riid, ppv);
}
static ULONG STDMETHODCALLTYPE MS_AddRef(LPMSPROVIDER This) {
    return (ULONG)InterlockedIncrement(&((Store *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE MS_Release(LPMSPROVIDER This) { return Store_Release((Store *)This); }
static HRESULT STDMETHODCALLTYPE MS_Shutdown(LPMSPROVIDER This, ULONG *lpulFlags) {
    UNREFERENCED_PARAMETER(lpulFlags);
    ((Store *)This)->fDirty = FALSE; /* ...write the changes here (see reference_store.c for how)... */
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE MS_Logon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                          ULONG ulFlags, LPCIID lpInterface, ULONG *lpcbSpoolSecurity,
                                          LPBYTE *lppbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                          LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)cbEntryID, (void)lpEntryID;
    (void)ulFlags, (void)lpInterface, (void)lpcbSpoolSecurity, (void)lppbSpoolSecurity, (void)lppMAPIError;
    (void)lppMSLogon, (void)lppMDB;
    return MAPI_E_NO_SUPPORT;
}
static HRESULT STDMETHODCALLTYPE MS_SpoolerLogon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                                 LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                                 ULONG ulFlags, LPCIID lpInterface, ULONG cbSpoolSecurity,
                                                 LPBYTE lpbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                                 LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)cbEntryID, (void)lpEntryID;
    (void)ulFlags, (void)lpInterface, (void)cbSpoolSecurity, (void)lpbSpoolSecurity, (void)lppMAPIError;
    (void)lppMSLogon, (void)lppMDB;
    return MAPI_E_NO_SUPPORT;
}
static HRESULT STDMETHODCALLTYPE MS_CompareStoreIDs(LPMSPROVIDER This, ULONG cbEntryID1, LPENTRYID lpEntryID1,
                                                    ULONG cbEntryID2, LPENTRYID lpEntryID2, ULONG ulFlags,
                                                    ULONG *lpulResult) {
    (void)This, (void)ulFlags;
    if (lpEntryID1 == NULL || lpEntryID2 == NULL || lpulResult == NULL) return MAPI_E_INVALID_PARAMETER;
    *lpulResult = cbEntryID1 == cbEntryID2 && memcmp(lpEntryID1, lpEntryID2, cbEntryID1) == 0;
    return S_OK;
}

static const IMSProviderVtbl vtblStore = {
    MS_QueryInterface, MS_AddRef, MS_Release, MS_Shutdown, MS_Logon, MS_SpoolerLogon, MS_CompareStoreIDs,
};

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppv) {
    return Store_QueryInterface(STORE_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This) {
    return (ULONG)InterlockedIncrement(&STORE_FROM_SHUTDOWN(This)->cRef);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This) {
    return Store_Release(STORE_FROM_SHUTDOWN(This));
}

static HRESULT STDMETHODCALLTYPE PS_QueryFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    /* THE MISTAKE: E_FAIL to mean "not now". Save in DoFastShutdown and return S_OK, or, if the store truly
     * cannot, return MAPI_E_NO_SUPPORT. */
    return STORE_FROM_SHUTDOWN(This)->fDirty ? E_FAIL : S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_NotifyProcessShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    UNREFERENCED_PARAMETER(This);
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_DoFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    /* THE MISTAKE: E_NOTIMPL for "nothing to do". The changes are not saved, and the failure tells the
     * client so; the right answer is to save them and return S_OK. */
    UNREFERENCED_PARAMETER(This);
    return E_NOTIMPL;
}

static const IMAPIProviderShutdownVtbl vtblShutdown = {
    PS_QueryInterface, PS_AddRef, PS_Release, PS_QueryFastShutdown, PS_NotifyProcessShutdown, PS_DoFastShutdown,
};

PROVIDER_EXPORT HRESULT STDMAPIINITCALLTYPE MSProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                           LPALLOCATEBUFFER lpAllocateBuffer,
                                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                           ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                           LPMSPROVIDER *lppMSProvider) {
    Store *s;
    (void)hInstance, (void)lpMalloc, (void)lpAllocateBuffer, (void)lpAllocateMore, (void)lpFreeBuffer;
    (void)ulFlags;
    if (lpulProviderVer == NULL || lppMSProvider == NULL) return E_INVALIDARG;
    *lppMSProvider = NULL;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    s = (Store *)calloc(1, sizeof *s);
    if (s == NULL) return E_OUTOFMEMORY;
    s->lpVtbl = &vtblStore;
    s->shutdown.lpVtbl = &vtblShutdown;
    s->cRef = 1;
    s->fDirty = TRUE; /* some unsaved work, as a store always has */
    *lppMSProvider = (LPMSPROVIDER)s;
    return S_OK;
}
