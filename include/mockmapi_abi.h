/*
 * mockmapi_abi.h — the hand-written part of the mockmapi C ABI.
 *
 * Included by the generated mockmapi.h; include mockmapi.h, not this file. It holds what cbindgen cannot
 * generate: the MAPI primitive types (with the Windows SDK's own include guards, so the SDK's headers and
 * these can meet in one translation unit), the calling-convention macros, IsEqualIID, the forward and
 * pointer typedefs of the interfaces, and the MAPI entry points, which are __stdcall on 32-bit Windows.
 *
 * Coexistence with a real SDK: mockmapi.h may be included after Microsoft's or mingw-w64's MAPI headers
 * (mapidefs.h, mapix.h, mapispi.h). It then adds only what they lack. Every interface the SDK already
 * declares is left out (MOCKMAPI_SDK_IUNKNOWN, _SESSION, _SPI, _SHUTDOWN below, from the SDK's include
 * guards), every MAPI constant mockmapi.h defines yields to the SDK's (#ifndef), ENTRYID is the SDK's type,
 * and the fast-shutdown interfaces the SDK may lack are declared in its own style (classes in C++).
 */
#ifndef MOCKMAPI_ABI_H
#define MOCKMAPI_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- which interfaces are already declared ------------------------------------------------------------
 * MOCKMAPI_SDK_CLASSES: mockmapi's SDK-compatible MAPI headers declare all seven as C++ classes. Otherwise a
 * real SDK's headers included before this one are recognised by their include guards (MOCKMAPI_FOREIGN_*);
 * mockmapi's own SDK-compatible MAPI headers (MOCKMAPI_SDK_HEADERS, which share those guard names) are not
 * one. mockmapi's Windows base layer (include/mockmapi/sdk/windows.h, ...) declares IUnknown and the
 * primitive types itself (MOCKMAPI_SDK_BASE_IUNKNOWN, MOCKMAPI_PRIMITIVES_DEFINED); over it, Microsoft's own
 * MAPI headers count as a real SDK. */
#if !defined(MOCKMAPI_SDK_HEADERS)
#if defined(__IUnknown_INTERFACE_DEFINED__) || defined(__unknwn_h__)
#define MOCKMAPI_FOREIGN_IUNKNOWN 1
#endif
#if defined(MAPIDEFS_H)
#define MOCKMAPI_FOREIGN_MAPIDEFS 1
#endif
#if defined(MAPIX_H)
#define MOCKMAPI_FOREIGN_MAPIX 1
#endif
#if defined(MAPISPI_H)
#define MOCKMAPI_FOREIGN_MAPISPI 1
#endif
#if defined(MAPI_IMAPICLIENTSHUTDOWN_METHODS)
#define MOCKMAPI_FOREIGN_SHUTDOWN 1
#endif
#if defined(_WINNT_) || defined(MAPIDEFS_H)
#define MOCKMAPI_FOREIGN_LPTSTR 1
#endif
#endif
#if defined(MOCKMAPI_SDK_BASE)
#define MOCKMAPI_FOREIGN_LPTSTR 1
#endif
#if defined(MOCKMAPI_SDK_CLASSES) || defined(MOCKMAPI_FOREIGN_IUNKNOWN) || defined(MOCKMAPI_SDK_BASE_IUNKNOWN)
#define MOCKMAPI_SDK_IUNKNOWN 1
#endif
#if defined(MOCKMAPI_SDK_CLASSES) || defined(MOCKMAPI_FOREIGN_MAPIX)
#define MOCKMAPI_SDK_SESSION 1
#endif
#if defined(MOCKMAPI_SDK_CLASSES) || defined(MOCKMAPI_FOREIGN_MAPISPI)
#define MOCKMAPI_SDK_SPI 1
#endif
#if defined(MOCKMAPI_SDK_CLASSES) || defined(MOCKMAPI_FOREIGN_SHUTDOWN)
#define MOCKMAPI_SDK_SHUTDOWN 1
#endif

/* ---- calling conventions ------------------------------------------------------------------------------ */
#if defined(_WIN32) && !defined(_WIN64) && (defined(_M_IX86) || defined(__i386__))
#define MOCKMAPI_STDCALL __stdcall
#else
#define MOCKMAPI_STDCALL
#endif
#ifndef STDMETHODCALLTYPE
#define STDMETHODCALLTYPE MOCKMAPI_STDCALL
#endif
#ifndef STDAPICALLTYPE
#define STDAPICALLTYPE MOCKMAPI_STDCALL
#endif
#ifndef STDMAPIINITCALLTYPE
#define STDMAPIINITCALLTYPE /* cdecl on every platform */
#endif

/* ---- primitive types: 32-bit HRESULT/ULONG everywhere (never C long off Windows) --------------------- */
#ifndef MOCKMAPI_PRIMITIVES_DEFINED
#define MOCKMAPI_PRIMITIVES_DEFINED 1
#if defined(_WIN32)
#ifndef _HRESULT_DEFINED
#define _HRESULT_DEFINED
typedef long HRESULT;
#endif
typedef long LONG;
typedef LONG SCODE;
typedef unsigned long ULONG;
typedef unsigned long DWORD;
#if defined(_WIN64)
typedef unsigned long long ULONG_PTR;
#else
typedef unsigned long ULONG_PTR;
#endif
#else
typedef int32_t HRESULT;
typedef int32_t LONG;
typedef int32_t SCODE;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef uintptr_t ULONG_PTR;
#endif
#endif /* MOCKMAPI_PRIMITIVES_DEFINED */
/** The SDK's ANSI string pointer: MAPILogonEx takes char * profile names (wchar_t * with MAPI_UNICODE).
 * Windows' own winnt.h defines it (as the SDK's mapidefs.h does without it). */
#if !defined(MOCKMAPI_FOREIGN_LPTSTR)
typedef char *LPTSTR;
#endif

#ifndef GUID_DEFINED
#define GUID_DEFINED
/** A GUID: 16 bytes, compared bytewise. */
typedef struct _GUID {
#if defined(_WIN32)
    unsigned long Data1;
#else
    uint32_t Data1;
#endif
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;
#endif
#ifndef __IID_DEFINED__
#define __IID_DEFINED__
typedef GUID IID;
#endif
#ifndef _REFIID_DEFINED
#define _REFIID_DEFINED
#ifdef __cplusplus
#define REFIID const IID &
#else
#define REFIID const IID *
#endif
#endif
/** A pointer to an IID in C and C++ alike: the type of MAPI's lpInterface parameters (MAPIDefS.h). */
typedef const IID *LPCIID;

/** IsEqualIID(a, b): in C pass pointers (&IID_IUnknown), in C++ references (IID_IUnknown), as in the SDK. */
#if !defined(IsEqualIID)
#ifdef __cplusplus
inline bool mockmapi_is_equal_guid(const GUID &a, const GUID &b) { return memcmp(&a, &b, sizeof(GUID)) == 0; }
#define IsEqualIID(a, b) mockmapi_is_equal_guid((a), (b))
#else
#define IsEqualIID(a, b) (!memcmp((a), (b), sizeof(GUID)))
#endif
#endif

#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#endif
#ifndef FAILED
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#endif

/* ---- interfaces: forward and pointer typedefs (their layouts are generated into mockmapi.h) ---------- */
typedef struct IUnknown IUnknown;
typedef struct IMAPISession IMAPISession;
typedef struct IMAPIClientShutdown IMAPIClientShutdown;
typedef struct IMAPIProviderShutdown IMAPIProviderShutdown;
typedef struct IXPProvider IXPProvider;
typedef struct IABProvider IABProvider;
typedef struct IMSProvider IMSProvider;
typedef struct mockmapi_provider mockmapi_provider;
/** ENTRYID: a real SDK's mapidefs.h defines it (Microsoft's as an untagged struct); else the tag is declared
 * here and mockmapi's SDK-compatible mapidefs.h completes it. */
#if !defined(MOCKMAPI_FOREIGN_MAPIDEFS)
typedef struct ENTRYID ENTRYID;
#endif
typedef IUnknown *LPUNKNOWN;
typedef IMAPISession *LPMAPISESSION;
typedef IMAPIClientShutdown *LPMAPICLIENTSHUTDOWN;
typedef IMAPIProviderShutdown *LPMAPIPROVIDERSHUTDOWN;
typedef IXPProvider *LPXPPROVIDER;
typedef IABProvider *LPABPROVIDER;
typedef IMSProvider *LPMSPROVIDER;

/* ---- the fast-shutdown interfaces for a real SDK that lacks them (mingw-w64's) ----------------------------
 * In C++ (without CINTERFACE) after such an SDK's mapidefs.h, they are declared as that SDK declares every
 * interface: classes made with its DECLARE_MAPI_INTERFACE_ and MAPIMETHOD macros (the vtable is the same:
 * IUnknown, QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown). In C mockmapi.h's structs serve. */
#if defined(__cplusplus) && !defined(CINTERFACE) && !defined(MOCKMAPI_SDK_SHUTDOWN) && \
    defined(MOCKMAPI_FOREIGN_MAPIDEFS) && defined(MAPI_IUNKNOWN_METHODS)
#define MOCKMAPI_SDK_SHUTDOWN 1
#define MAPI_IMAPICLIENTSHUTDOWN_METHODS(IPURE)    \
    MAPIMETHOD(QueryFastShutdown)(THIS) IPURE;     \
    MAPIMETHOD(NotifyProcessShutdown)(THIS) IPURE; \
    MAPIMETHOD(DoFastShutdown)(THIS) IPURE;
#define MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(IPURE)  \
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
#undef INTERFACE
#define INTERFACE IMAPIProviderShutdown
DECLARE_MAPI_INTERFACE_(IMAPIProviderShutdown, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(PURE)
};
#undef INTERFACE
#endif

/* ---- MAPI entry points (STDMETHODCALLTYPE: __stdcall on 32-bit Windows, as in the SDK) ---------------- */
#ifdef __cplusplus
extern "C" {
#endif

/** Initialize MAPI. Reference counted: every successful call must be balanced by MAPIUninitialize.
 * lpMapiInit may be NULL or point to a MAPIINIT_0; it is not retained. Returns S_OK, or MAPI_E_CALL_FAILED
 * after a client DoFastShutdown. Thread-safe. */
HRESULT STDMETHODCALLTYPE MAPIInitialize(void *lpMapiInit);

/** Balance one MAPIInitialize. The last one logs off the sessions still logged on (a diagnostic each:
 * Shutdown then Release on their providers). Without a matching MAPIInitialize: a violation, nothing else. */
void STDMETHODCALLTYPE MAPIUninitialize(void);

/** Log on: *lppSession receives a new IMAPISession with one reference, owned by the caller (Release it).
 * lpszProfileName: NUL-terminated, may be NULL (wchar_t * when ulFlags has MAPI_UNICODE), at most
 * MOCKMAPI_MAX_PROFILE_NAME_CHARS (64, MAPI's cchProfileNameMax) characters; lpszPassword is ignored.
 * Returns S_OK; E_INVALIDARG if lppSession is NULL or the profile name is too long (in any state: arguments are
 * checked first);
 * MAPI_E_CALL_FAILED after a client DoFastShutdown; MAPI_E_NOT_INITIALIZED before MAPIInitialize. *lppSession is
 * written only on success. Thread-safe. */
HRESULT STDMETHODCALLTYPE MAPILogonEx(ULONG_PTR ulUIParam, LPTSTR lpszProfileName, LPTSTR lpszPassword,
                                      ULONG ulFlags, LPMAPISESSION *lppSession);

/** Allocate cbSize bytes (16-byte aligned) into *lppBuffer; free with MAPIFreeBuffer. Returns S_OK;
 * MAPI_E_NOT_INITIALIZED before MAPIInitialize; MAPI_E_CALL_FAILED after a client DoFastShutdown;
 * E_INVALIDARG if lppBuffer is NULL (checked first, as every argument is: docs/bad-input.md);
 * MAPI_E_NOT_ENOUGH_MEMORY (and a diagnostic) when cbSize is over MOCKMAPI_MAX_BUFFER_BYTES (256 MiB) or memory
 * runs out. */
SCODE STDMETHODCALLTYPE MAPIAllocateBuffer(ULONG cbSize, void **lppBuffer);

/** Allocate cbSize bytes chained to lpObject (a MAPIAllocateBuffer buffer, or one chained to it): freed when
 * that root buffer is freed, never on its own. E_INVALIDARG for NULL arguments or an unknown lpObject;
 * MAPI_E_NOT_ENOUGH_MEMORY over MOCKMAPI_MAX_BUFFER_BYTES, as for MAPIAllocateBuffer. */
SCODE STDMETHODCALLTYPE MAPIAllocateMore(ULONG cbSize, void *lpObject, void **lppBuffer);

/** Free a MAPIAllocateBuffer buffer and every buffer chained to it; returns S_OK. NULL is accepted. A buffer
 * that is not a live root (never allocated, already freed, or a MAPIAllocateMore buffer) is a violation and
 * returns E_INVALIDARG; nothing is freed then. Like every MAPI call: MAPI_E_NOT_INITIALIZED before
 * MAPIInitialize, MAPI_E_CALL_FAILED after a client DoFastShutdown (a violation each; nothing is freed). */
ULONG STDMETHODCALLTYPE MAPIFreeBuffer(void *lpBuffer);

#ifdef __cplusplus
}
#endif

#endif /* MOCKMAPI_ABI_H */
