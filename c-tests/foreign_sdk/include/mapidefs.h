/* A vendored SDK's mapidefs.h, reduced to the constructs that matter to the base layer (see ../README.md). */
#ifndef MAPIDEFS_H
#define MAPIDEFS_H
#if _MSC_VER > 1000
#pragma once
#endif

#if defined(_WIN64) || defined(_WIN32)
#ifndef _WINDOWS_
#include <windows.h>
#endif
#ifndef _OLEERROR_H_
#include <winerror.h>
#endif
#ifndef _OBJBASE_H_
#include <objbase.h>
#endif
#endif
#include <stddef.h>

#pragma warning(push)
#pragma warning(disable : 4200)

#ifndef MAPI_DIM
#define MAPI_DIM 1
#endif

#ifndef STDMAPIINITCALLTYPE
#if defined(_WIN64) || defined(_WIN32)
#define STDMAPIINITCALLTYPE __cdecl
#else
#error "unknown platform"
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef wchar_t WCHAR;
typedef char TCHAR;
#if _SAL_VERSION >= 20
typedef _Null_terminated_ WCHAR FAR *LPWSTR;
#else
typedef WCHAR FAR *LPWSTR;
#endif
typedef TCHAR FAR *LPTSTR;
typedef BYTE FAR *LPBYTE;
#if !defined(_LPULONG_DEFINED)
#define _LPULONG_DEFINED
typedef ULONG FAR *LPULONG;
#endif
#if !defined(_WINBASE_) && !defined(_FILETIME_)
#define _FILETIME_
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME;
#endif
#ifndef _tagCY_DEFINED
#define _tagCY_DEFINED
typedef union tagCY {
    LONGLONG int64;
} CY;
#endif
#ifndef BEGIN_INTERFACE
#define BEGIN_INTERFACE
#endif

typedef struct {
    BYTE abFlags[4];
    BYTE ab[MAPI_DIM];
} ENTRYID, FAR *LPENTRYID;

typedef struct _SPropValue {
    ULONG ulPropTag;
    ULONG dwAlignPad;
    union {
        LONG l;
        LPTSTR lpszA;
        CY cur;
        FILETIME ft;
        LARGE_INTEGER li;
    } Value;
} SPropValue, FAR *LPSPropValue;

typedef SCODE(STDMETHODCALLTYPE ALLOCATEBUFFER)(ULONG cbSize, LPVOID FAR *lppBuffer);
typedef ALLOCATEBUFFER FAR *LPALLOCATEBUFFER;

#define DECLARE_MAPI_INTERFACE_(iface, baseiface) DECLARE_INTERFACE_(iface, baseiface)
#ifdef __cplusplus
#define DECLARE_MAPI_INTERFACE_PTR(iface, piface) \
    interface iface;                              \
    typedef iface FAR *piface
#else
#define DECLARE_MAPI_INTERFACE_PTR(iface, piface) typedef interface iface iface, FAR *piface
#endif
#define MAPIMETHOD(method) MAPIMETHOD_(HRESULT, method)
#define MAPIMETHOD_(type, method) STDMETHOD_(type, method)
#define MAPI_IUNKNOWN_METHODS(IPURE)                                               \
    MAPIMETHOD(QueryInterface)(THIS_ REFIID riid, LPVOID FAR * ppvObj) IPURE;     \
    MAPIMETHOD_(ULONG, AddRef)(THIS) IPURE;                                        \
    MAPIMETHOD_(ULONG, Release)(THIS) IPURE;

typedef const IID FAR *LPCIID;

DECLARE_MAPI_INTERFACE_PTR(IMAPIClientShutdown, LPMAPICLIENTSHUTDOWN);
#define MAPI_IMAPICLIENTSHUTDOWN_METHODS(IPURE)    \
    MAPIMETHOD(QueryFastShutdown)(THIS) IPURE;     \
    MAPIMETHOD(NotifyProcessShutdown)(THIS) IPURE; \
    MAPIMETHOD(DoFastShutdown)(THIS) IPURE;
#undef INTERFACE
#define INTERFACE IMAPIClientShutdown
DECLARE_MAPI_INTERFACE_(IMAPIClientShutdown, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPICLIENTSHUTDOWN_METHODS(PURE)
};

DECLARE_MAPI_INTERFACE_PTR(IMAPIProviderShutdown, LPMAPIPROVIDERSHUTDOWN);
#define MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(IPURE)  \
    MAPIMETHOD(QueryFastShutdown)(THIS) IPURE;     \
    MAPIMETHOD(NotifyProcessShutdown)(THIS) IPURE; \
    MAPIMETHOD(DoFastShutdown)(THIS) IPURE;
#undef INTERFACE
#define INTERFACE IMAPIProviderShutdown
DECLARE_MAPI_INTERFACE_(IMAPIProviderShutdown, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(PURE)
};

#ifdef __cplusplus
}
#endif
#pragma warning(pop)
#endif /* MAPIDEFS_H */
