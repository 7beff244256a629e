/*
 * c_providers.c — a store provider and an address book provider written in C the way Windows C code writes
 * COM objects against the SDK (C, so the interfaces are lpVtbl structs): MSProviderInit and ABProviderInit,
 * static const vtables whose functions take the SDK's parameter types (LPMAPISUP, LPENTRYID, LPCIID,
 * LPMAPIERROR *, LPMSLOGON *, ...) with no casts, and an embedded IMAPIProviderShutdown sharing the
 * object's reference count. Built against the SDK-compatible headers only.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <stdlib.h>

#include "c_providers.h"

static const char *g_szLastCall = "";
static LONG g_cAlive = 0;

const char *c_providers_last_call(void) { return g_szLastCall; }
long c_providers_alive(void) { return (long)g_cAlive; }

/* ---- the fast-shutdown interface, shared by both providers ---------------------------------------------- */

typedef struct CProvider {
    const void *lpVtbl;              /* IMSProviderVtbl or IABProviderVtbl */
    IMAPIProviderShutdown shutdown;  /* the same object's IMAPIProviderShutdown */
    LONG cRef;
    ULONG ulKind;                    /* MAPI_STORE_PROVIDER-like tag: 'M' or 'A' */
} CProvider;

#define PROVIDER_FROM_SHUTDOWN(p) ((CProvider *)((char *)(p)-offsetof(CProvider, shutdown)))

static HRESULT Provider_QueryInterface(CProvider *p, REFIID riid, LPVOID *ppvObj)
{
    if (!ppvObj) return E_POINTER;
    *ppvObj = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || (p->ulKind == 'M' && IsEqualIID(riid, &IID_IMSProvider)) ||
        (p->ulKind == 'A' && IsEqualIID(riid, &IID_IABProvider)))
        *ppvObj = p;
    else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown))
        *ppvObj = &p->shutdown;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&p->cRef);
    return S_OK;
}

static ULONG Provider_Release(CProvider *p)
{
    LONG cRef = InterlockedDecrement(&p->cRef);
    if (cRef == 0)
    {
        InterlockedDecrement(&g_cAlive);
        free(p);
    }
    return (ULONG)cRef;
}

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppvObj)
{
    return Provider_QueryInterface(PROVIDER_FROM_SHUTDOWN(This), riid, ppvObj);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This)
{
    return (ULONG)InterlockedIncrement(&PROVIDER_FROM_SHUTDOWN(This)->cRef);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This)
{
    return Provider_Release(PROVIDER_FROM_SHUTDOWN(This));
}
static HRESULT STDMETHODCALLTYPE PS_QueryFastShutdown(LPMAPIPROVIDERSHUTDOWN This)
{
    UNREFERENCED_PARAMETER(This);
    g_szLastCall = "IMAPIProviderShutdown::QueryFastShutdown";
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_NotifyProcessShutdown(LPMAPIPROVIDERSHUTDOWN This)
{
    UNREFERENCED_PARAMETER(This);
    g_szLastCall = "IMAPIProviderShutdown::NotifyProcessShutdown";
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_DoFastShutdown(LPMAPIPROVIDERSHUTDOWN This)
{
    UNREFERENCED_PARAMETER(This);
    g_szLastCall = "IMAPIProviderShutdown::DoFastShutdown";
    return S_OK;
}

static const IMAPIProviderShutdownVtbl vtblShutdown = {
    PS_QueryInterface, PS_AddRef, PS_Release, PS_QueryFastShutdown, PS_NotifyProcessShutdown, PS_DoFastShutdown,
};

/* ---- the store provider -------------------------------------------------------------------------------- */

static HRESULT STDMETHODCALLTYPE MS_QueryInterface(LPMSPROVIDER This, REFIID riid, LPVOID *ppvObj)
{
    return Provider_QueryInterface((CProvider *)This, riid, ppvObj);
}
static ULONG STDMETHODCALLTYPE MS_AddRef(LPMSPROVIDER This)
{
    return (ULONG)InterlockedIncrement(&((CProvider *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE MS_Release(LPMSPROVIDER This)
{
    return Provider_Release((CProvider *)This);
}
static HRESULT STDMETHODCALLTYPE MS_Shutdown(LPMSPROVIDER This, ULONG *lpulFlags)
{
    UNREFERENCED_PARAMETER(This);
    g_szLastCall = "IMSProvider::Shutdown";
    return (lpulFlags && *lpulFlags == 0) ? S_OK : MAPI_E_UNKNOWN_FLAGS;
}
static HRESULT STDMETHODCALLTYPE MS_Logon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                          ULONG ulFlags, LPCIID lpInterface, ULONG *lpcbSpoolSecurity,
                                          LPBYTE *lppbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                          LPMSLOGON *lppMSLogon, LPMDB *lppMDB)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(lpMAPISup);
    UNREFERENCED_PARAMETER(ulUIParam);
    UNREFERENCED_PARAMETER(lpszProfileName);
    UNREFERENCED_PARAMETER(cbEntryID);
    UNREFERENCED_PARAMETER(lpEntryID);
    UNREFERENCED_PARAMETER(ulFlags);
    UNREFERENCED_PARAMETER(lpInterface);
    g_szLastCall = "IMSProvider::Logon";
    if (lpcbSpoolSecurity) *lpcbSpoolSecurity = 0;
    if (lppbSpoolSecurity) *lppbSpoolSecurity = NULL;
    if (lppMAPIError) *lppMAPIError = NULL;
    if (lppMSLogon) *lppMSLogon = NULL;
    if (lppMDB) *lppMDB = NULL;
    return MAPI_E_LOGON_FAILED;
}
static HRESULT STDMETHODCALLTYPE MS_SpoolerLogon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                                 LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                                 ULONG ulFlags, LPCIID lpInterface, ULONG cbSpoolSecurity,
                                                 LPBYTE lpbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                                 LPMSLOGON *lppMSLogon, LPMDB *lppMDB)
{
    ULONG cb = cbSpoolSecurity;
    LPBYTE pb = lpbSpoolSecurity;
    HRESULT hr = MS_Logon(This, lpMAPISup, ulUIParam, lpszProfileName, cbEntryID, lpEntryID, ulFlags,
                          lpInterface, &cb, &pb, lppMAPIError, lppMSLogon, lppMDB);
    g_szLastCall = "IMSProvider::SpoolerLogon";
    /* The spooler passes the security data Logon returned: it arrives by value, in slots 9 and 10. */
    if (cbSpoolSecurity != 4 || lpbSpoolSecurity == NULL || memcmp(lpbSpoolSecurity, "SPSC", 4) != 0)
        return MAPI_E_INVALID_PARAMETER;
    return hr == MAPI_E_LOGON_FAILED ? MAPI_E_NO_SUPPORT : hr;
}
static HRESULT STDMETHODCALLTYPE MS_CompareStoreIDs(LPMSPROVIDER This, ULONG cbEntryID1, LPENTRYID lpEntryID1,
                                                    ULONG cbEntryID2, LPENTRYID lpEntryID2, ULONG ulFlags,
                                                    ULONG *lpulResult)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(ulFlags);
    g_szLastCall = "IMSProvider::CompareStoreIDs";
    if (!lpulResult || !lpEntryID1 || !lpEntryID2) return MAPI_E_INVALID_PARAMETER;
    *lpulResult = cbEntryID1 == cbEntryID2 && memcmp(lpEntryID1, lpEntryID2, cbEntryID1) == 0;
    return S_OK;
}

static const IMSProviderVtbl vtblMS = {
    MS_QueryInterface, MS_AddRef, MS_Release, MS_Shutdown, MS_Logon, MS_SpoolerLogon, MS_CompareStoreIDs,
};

/* ---- the address book provider ------------------------------------------------------------------------- */

static HRESULT STDMETHODCALLTYPE AB_QueryInterface(LPABPROVIDER This, REFIID riid, LPVOID *ppvObj)
{
    return Provider_QueryInterface((CProvider *)This, riid, ppvObj);
}
static ULONG STDMETHODCALLTYPE AB_AddRef(LPABPROVIDER This)
{
    return (ULONG)InterlockedIncrement(&((CProvider *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE AB_Release(LPABPROVIDER This)
{
    return Provider_Release((CProvider *)This);
}
static HRESULT STDMETHODCALLTYPE AB_Shutdown(LPABPROVIDER This, ULONG *lpulFlags)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(lpulFlags);
    g_szLastCall = "IABProvider::Shutdown";
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE AB_Logon(LPABPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG ulFlags, ULONG *lpulcbSecurity,
                                          LPBYTE *lppbSecurity, LPMAPIERROR *lppMAPIError, LPABLOGON *lppABLogon)
{
    UNREFERENCED_PARAMETER(This);
    UNREFERENCED_PARAMETER(lpMAPISup);
    UNREFERENCED_PARAMETER(ulUIParam);
    UNREFERENCED_PARAMETER(lpszProfileName);
    UNREFERENCED_PARAMETER(ulFlags);
    g_szLastCall = "IABProvider::Logon";
    if (lpulcbSecurity) *lpulcbSecurity = 0;
    if (lppbSecurity) *lppbSecurity = NULL;
    if (lppMAPIError) *lppMAPIError = NULL;
    if (lppABLogon) *lppABLogon = NULL;
    return MAPI_E_USER_CANCEL;
}

static const IABProviderVtbl vtblAB = {
    AB_QueryInterface, AB_AddRef, AB_Release, AB_Shutdown, AB_Logon,
};

/* ---- entry points -------------------------------------------------------------------------------------- */

static CProvider *NewProvider(const void *lpVtbl, ULONG ulKind)
{
    CProvider *p = (CProvider *)calloc(1, sizeof(CProvider));
    if (!p) return NULL;
    p->lpVtbl = lpVtbl;
    p->shutdown.lpVtbl = &vtblShutdown;
    p->cRef = 1;
    p->ulKind = ulKind;
    InterlockedIncrement(&g_cAlive);
    return p;
}

static HRESULT CheckVersion(ULONG ulMAPIVer, ULONG *lpulProviderVer)
{
    if (!lpulProviderVer) return MAPI_E_INVALID_PARAMETER;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    return ulMAPIVer < CURRENT_SPI_VERSION ? MAPI_E_VERSION : S_OK;
}

HRESULT STDMAPIINITCALLTYPE MSProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc, LPALLOCATEBUFFER lpAllocateBuffer,
                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer, ULONG ulFlags,
                                           ULONG ulMAPIVer, ULONG *lpulProviderVer, LPMSPROVIDER *lppMSProvider)
{
    UNREFERENCED_PARAMETER(hInstance);
    UNREFERENCED_PARAMETER(lpMalloc);
    UNREFERENCED_PARAMETER(lpAllocateBuffer);
    UNREFERENCED_PARAMETER(lpAllocateMore);
    UNREFERENCED_PARAMETER(lpFreeBuffer);
    UNREFERENCED_PARAMETER(ulFlags);
    HRESULT hr = CheckVersion(ulMAPIVer, lpulProviderVer);
    if (FAILED(hr) || !lppMSProvider) return FAILED(hr) ? hr : MAPI_E_INVALID_PARAMETER;
    CProvider *p = NewProvider(&vtblMS, 'M');
    if (!p) return MAPI_E_NOT_ENOUGH_MEMORY;
    *lppMSProvider = (LPMSPROVIDER)p;
    return S_OK;
}

HRESULT STDMAPIINITCALLTYPE ABProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc, LPALLOCATEBUFFER lpAllocateBuffer,
                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer, ULONG ulFlags,
                                           ULONG ulMAPIVer, ULONG *lpulProviderVer, LPABPROVIDER *lppABProvider)
{
    UNREFERENCED_PARAMETER(hInstance);
    UNREFERENCED_PARAMETER(lpMalloc);
    UNREFERENCED_PARAMETER(lpAllocateBuffer);
    UNREFERENCED_PARAMETER(lpAllocateMore);
    UNREFERENCED_PARAMETER(lpFreeBuffer);
    UNREFERENCED_PARAMETER(ulFlags);
    HRESULT hr = CheckVersion(ulMAPIVer, lpulProviderVer);
    if (FAILED(hr) || !lppABProvider) return FAILED(hr) ? hr : MAPI_E_INVALID_PARAMETER;
    CProvider *p = NewProvider(&vtblAB, 'A');
    if (!p) return MAPI_E_NOT_ENOUGH_MEMORY;
    *lppABProvider = (LPABPROVIDER)p;
    return S_OK;
}
