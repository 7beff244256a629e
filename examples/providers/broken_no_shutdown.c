/*
 * broken_no_shutdown.c — COMMON MISTAKE: a store provider (MSProviderInit) with no IMAPIProviderShutdown.
 *
 * The store below was written before Outlook 2010, when the normal shutdown was the only one: it saves its
 * changes in IMSProvider::Shutdown, which MAPI calls after Logoff, and that was enough. It does not implement
 * IMAPIProviderShutdown, so QueryInterface(IID_IMAPIProviderShutdown) answers E_NOINTERFACE.
 *
 * Why that is wrong now: under Outlook's default policy (FastShutdownBehavior 0) a provider without the
 * interface does not block fast shutdown. It is simply not asked. Outlook calls DoFastShutdown on the other
 * providers and exits the process; this store's Shutdown never runs and its unsaved changes are lost. Under
 * policy 1 ("only if every provider opts in") the same provider blocks fast shutdown for everyone.
 *
 * What `mockmapi check libbroken_no_shutdown.so` reports:
 *   FAIL  IMAPIProviderShutdown  QueryInterface(IID_IMAPIProviderShutdown) returned E_NOINTERFACE (0x80004002):
 *                                the provider cannot take part in fast shutdown (under policy 1 it blocks it);
 *                                implement the interface
 *   verdict: NOT READY for fast shutdown
 * The fix: expose IMAPIProviderShutdown and save in DoFastShutdown, as reference_store.c does.
 */
#include <windows.h>
#include <initguid.h>
#define USES_IID_IMSProvider
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
    LONG cRef;
    BOOL fDirty; /* changes only in memory */
} Store;

static HRESULT STDMETHODCALLTYPE MS_QueryInterface(LPMSPROVIDER This, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (riid == NULL) return E_INVALIDARG;
    /* THE MISTAKE: IID_IMAPIProviderShutdown is not answered, so it falls through to E_NOINTERFACE. */
    if (!IsEqualIID(riid, &IID_IUnknown) && !IsEqualIID(riid, &IID_IMSProvider)) return E_NOINTERFACE;
    *ppv = This;
    InterlockedIncrement(&((Store *)This)->cRef);
    return S_OK;
}
static ULONG STDMETHODCALLTYPE MS_AddRef(LPMSPROVIDER This) {
    return (ULONG)InterlockedIncrement(&((Store *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE MS_Release(LPMSPROVIDER This) {
    LONG cRef = InterlockedDecrement(&((Store *)This)->cRef);
    if (cRef == 0) free(This);
    return (ULONG)cRef;
}

/* The only place the changes are saved: under fast shutdown, never reached. */
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
    s->cRef = 1;
    s->fDirty = TRUE; /* some unsaved work, as a store always has */
    *lppMSProvider = (LPMSPROVIDER)s;
    return S_OK;
}
