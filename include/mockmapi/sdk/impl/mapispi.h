/*
 * mapispi.h — the MAPI service provider interface, for mockmapi's SDK-compatible headers (see
 * ../README.md): CURRENT_SPI_VERSION, IMAPIProviderShutdown, IXPProvider, IABProvider and IMSProvider with all
 * their methods, and the provider entry points XPProviderInit, ABProviderInit and MSProviderInit
 * (XPPROVIDERINIT, ... are their types; a provider source file defines the one it implements).
 *
 * In C++ (without CINTERFACE) the interfaces are abstract classes; in C they are mockmapi.h's lpVtbl structs.
 * Both describe the same vtables. IMAPISupport and the provider logon objects (IXPLogon, IABLogon, IMSLogon)
 * are declared but incomplete: mockmapi never logs a provider on.
 */
#ifndef MAPISPI_H
#define MAPISPI_H

#include "mapidefs.h"
#include "mapicode.h"
#include "mapiguid.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef CURRENT_SPI_VERSION
#define CURRENT_SPI_VERSION 0x00010010L
#endif
#define PDK1_SPI_VERSION 0x00010000L
#define PDK2_SPI_VERSION 0x00010008L
#define PDK3_SPI_VERSION 0x00010010L

DECLARE_MAPI_INTERFACE_PTR(IMAPISupport, LPMAPISUP);
DECLARE_MAPI_INTERFACE_PTR(IXPLogon, LPXPLOGON);
DECLARE_MAPI_INTERFACE_PTR(IABLogon, LPABLOGON);
DECLARE_MAPI_INTERFACE_PTR(IMSLogon, LPMSLOGON);

/* Logon flags handed to providers */
#define LOGON_SP_TRANSPORT ((ULONG)0x00000001)
#define LOGON_SP_PROMPT ((ULONG)0x00000002)
#define LOGON_SP_NEWPW ((ULONG)0x00000004)
#define LOGON_CHANGED ((ULONG)0x00000008)


/* ---- IXPProvider: IUnknown, Shutdown, TransportLogon -------------------------------------------------- */
#define MAPI_IXPPROVIDER_METHODS(IPURE)                                                                      \
    MAPIMETHOD(Shutdown)(THIS_ ULONG * lpulFlags) IPURE;                                                     \
    MAPIMETHOD(TransportLogon)(THIS_ LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName,       \
                               ULONG * lpulFlags, LPMAPIERROR * lppMAPIError, LPXPLOGON * lppXPLogon) IPURE;

#if defined(MOCKMAPI_SDK_CLASSES)
#undef INTERFACE
#define INTERFACE IXPProvider
DECLARE_MAPI_INTERFACE_(IXPProvider, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IXPPROVIDER_METHODS(PURE)
};
#endif

/* ---- IABProvider: IUnknown, Shutdown, Logon ----------------------------------------------------------- */
#define MAPI_IABPROVIDER_METHODS(IPURE)                                                                      \
    MAPIMETHOD(Shutdown)(THIS_ ULONG * lpulFlags) IPURE;                                                     \
    MAPIMETHOD(Logon)(THIS_ LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName, ULONG ulFlags, \
                      ULONG * lpulpcbSecurity, LPBYTE * lppbSecurity, LPMAPIERROR * lppMAPIError,            \
                      LPABLOGON * lppABLogon) IPURE;

#if defined(MOCKMAPI_SDK_CLASSES)
#undef INTERFACE
#define INTERFACE IABProvider
DECLARE_MAPI_INTERFACE_(IABProvider, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IABPROVIDER_METHODS(PURE)
};
#endif

/* ---- IMSProvider: IUnknown, Shutdown, Logon, SpoolerLogon, CompareStoreIDs ---------------------------- */
#define MAPI_IMSPROVIDER_METHODS(IPURE)                                                                      \
    MAPIMETHOD(Shutdown)(THIS_ ULONG * lpulFlags) IPURE;                                                     \
    MAPIMETHOD(Logon)(THIS_ LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName,                \
                      ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulFlags, LPCIID lpInterface,               \
                      ULONG * lpcbSpoolSecurity, LPBYTE * lppbSpoolSecurity, LPMAPIERROR * lppMAPIError,     \
                      LPMSLOGON * lppMSLogon, LPMDB * lppMDB) IPURE;                                         \
    MAPIMETHOD(SpoolerLogon)(THIS_ LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName,         \
                             ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulFlags, LPCIID lpInterface,        \
                             ULONG * lpcbSpoolSecurity, LPBYTE * lppbSpoolSecurity,                          \
                             LPMAPIERROR * lppMAPIError, LPMSLOGON * lppMSLogon, LPMDB * lppMDB) IPURE;      \
    MAPIMETHOD(CompareStoreIDs)(THIS_ ULONG cbEntryID1, LPENTRYID lpEntryID1, ULONG cbEntryID2,              \
                                LPENTRYID lpEntryID2, ULONG ulFlags, ULONG * lpulResult) IPURE;

#if defined(MOCKMAPI_SDK_CLASSES)
#undef INTERFACE
#define INTERFACE IMSProvider
DECLARE_MAPI_INTERFACE_(IMSProvider, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMSPROVIDER_METHODS(PURE)
};
#endif

/* ---- provider entry points (STDMAPIINITCALLTYPE: cdecl everywhere) ------------------------------------ */
typedef HRESULT(STDMAPIINITCALLTYPE XPPROVIDERINIT)(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                    LPALLOCATEBUFFER lpAllocateBuffer,
                                                    LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                    ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                    LPXPPROVIDER *lppXPProvider);
XPPROVIDERINIT XPProviderInit;

typedef HRESULT(STDMAPIINITCALLTYPE ABPROVIDERINIT)(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                    LPALLOCATEBUFFER lpAllocateBuffer,
                                                    LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                    ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                    LPABPROVIDER *lppABProvider);
ABPROVIDERINIT ABProviderInit;

typedef HRESULT(STDMAPIINITCALLTYPE MSPROVIDERINIT)(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                    LPALLOCATEBUFFER lpAllocateBuffer,
                                                    LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                    ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                    LPMSPROVIDER *lppMSProvider);
MSPROVIDERINIT MSProviderInit;

#ifdef __cplusplus
}
#endif

#endif /* MAPISPI_H */
