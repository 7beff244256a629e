/*
 * windef.h — the core of mockmapi's Windows base layer (see ../README.md); every other header of the set
 * includes it first. The base layer (windows.h, windef.h, winnt.h, winbase.h, winerror.h, basetyps.h,
 * guiddef.h, unknwn.h, objbase.h, objidl.h, ole2.h, sal.h, strsafe.h, tchar.h, ...) defines Windows things
 * only — nothing of MAPI and nothing of mockmapi.h — so that a project that vendors Microsoft's own MAPI
 * headers (mapidefs.h, mapix.h, mapispi.h, ...) compiles them over it; mockmapi.h included after them adds
 * only what they lack. It holds:
 *  - the choice between the two spellings of the COM interfaces, as the Windows SDK makes it:
 *      C, or C++ with CINTERFACE defined: structs whose first member is lpVtbl;
 *      C++ otherwise: abstract classes with the virtual methods in vtable order (MOCKMAPI_SDK_BASE_CLASSES);
 *  - the primitive types with the widths of SPEC §1 (HRESULT, LONG and ULONG are 32-bit on every platform),
 *    shared with mockmapi.h: whichever comes first defines them (MOCKMAPI_PRIMITIVES_DEFINED), GUID and IID
 *    under the SDK's own guards;
 *  - the other Windows base types, handles, calling-convention and declaration macros MAPI code uses.
 * These headers are for Linux and macOS. On Windows, keep the Windows SDK's headers and only link mockmapi.
 */
#ifndef MOCKMAPI_SDK_WINDEF_H
#define MOCKMAPI_SDK_WINDEF_H

#if defined(_WIN32)
#error "include/mockmapi/sdk/ builds Windows MAPI code on Linux and macOS. On Windows, keep the Windows SDK's headers and only link mockmapi."
#endif

#if defined(UNICODE) || defined(_UNICODE)
#error "mockmapi's SDK-compatible headers implement the ANSI mapping only (TCHAR is char, LPTSTR is char *): build without UNICODE and _UNICODE; wide strings can still be passed with MAPI_UNICODE."
#endif

/* The base layer is present (mockmapi.h then takes IUnknown and LPTSTR from it). */
#define MOCKMAPI_SDK_BASE 1

#if defined(__cplusplus) && !defined(CINTERFACE)
#if defined(MOCKMAPI_H) && !defined(MOCKMAPI_SDK_IUNKNOWN)
#error "mockmapi.h was included before <windows.h>. In C++ include <windows.h>, <mapix.h>, ... first (they declare the interfaces as classes), then mockmapi.h."
#endif
#define MOCKMAPI_SDK_BASE_CLASSES 1
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sal.h"

/* ---- the primitive types shared with mockmapi.h (32-bit HRESULT/LONG/ULONG: never C long off Windows) ---- */
#ifndef MOCKMAPI_PRIMITIVES_DEFINED
#define MOCKMAPI_PRIMITIVES_DEFINED 1
#ifndef _HRESULT_DEFINED
#define _HRESULT_DEFINED
#endif
typedef int32_t HRESULT;
typedef int32_t LONG;
typedef int32_t SCODE;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef uintptr_t ULONG_PTR;
#endif
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
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
#if !defined(IsEqualIID)
#ifdef __cplusplus
inline bool mockmapi_is_equal_guid(const GUID &a, const GUID &b) { return memcmp(&a, &b, sizeof(GUID)) == 0; }
#define IsEqualIID(a, b) mockmapi_is_equal_guid((a), (b))
#else
#define IsEqualIID(a, b) (!memcmp((a), (b), sizeof(GUID)))
#endif
#endif
#ifndef STDMETHODCALLTYPE
#define STDMETHODCALLTYPE
#endif
#ifndef STDAPICALLTYPE
#define STDAPICALLTYPE
#endif
/* MAPI's provider entry points are cdecl everywhere; the SDK's mapidefs.h stops on an unknown platform
 * unless this is already defined, as a Windows build environment defines it. */
#ifndef STDMAPIINITCALLTYPE
#define STDMAPIINITCALLTYPE
#endif

/* ---- declaration and calling-convention macros (all calling conventions are the platform's C one) --------- */
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif
/* MSVC's keyword spellings, mapped for gcc and clang. Calling conventions are the platform's C one here. */
#ifndef __stdcall
#define __stdcall
#endif
#ifndef _stdcall
#define _stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef _cdecl
#define _cdecl
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef _fastcall
#define _fastcall
#endif
#ifndef __thiscall
#define __thiscall
#endif
#ifndef __forceinline
#define __forceinline inline __attribute__((always_inline))
#endif
#ifndef __inline
#define __inline inline
#endif
#ifndef _inline
#define _inline inline
#endif
#ifndef __int8
#define __int8 char
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int32
#define __int32 int
#endif
#ifndef __int64
#define __int64 long long
#endif
#ifndef __w64
#define __w64
#endif
#ifndef __ptr32
#define __ptr32
#endif
#ifndef __ptr64
#define __ptr64
#endif
#ifndef __unaligned
#define __unaligned
#endif
#ifndef UNALIGNED
#define UNALIGNED
#endif
#ifndef __pragma
#define __pragma(x) _Pragma(#x)
#endif
#ifndef __noop
#define __noop(...) ((void)0)
#endif
#ifndef __assume
#define __assume(e) ((void)0)
#endif
/* __declspec(x) becomes the gcc/clang attribute for x; an unknown x is a compile error naming
 * MOCKMAPI_DECLSPEC_x, so nothing is silently dropped that would change the program. */
#ifndef __declspec
#define __declspec(x) MOCKMAPI_DECLSPEC_##x
#endif
#define MOCKMAPI_DECLSPEC_dllexport __attribute__((visibility("default")))
#define MOCKMAPI_DECLSPEC_dllimport
#define MOCKMAPI_DECLSPEC_noinline __attribute__((noinline))
#define MOCKMAPI_DECLSPEC_noreturn __attribute__((noreturn))
#define MOCKMAPI_DECLSPEC_nothrow
#define MOCKMAPI_DECLSPEC_novtable
#define MOCKMAPI_DECLSPEC_selectany __attribute__((weak))
#define MOCKMAPI_DECLSPEC_thread __thread
#define MOCKMAPI_DECLSPEC_deprecated __attribute__((deprecated))
#define MOCKMAPI_DECLSPEC_restrict
#define MOCKMAPI_DECLSPEC_noalias
#define MOCKMAPI_DECLSPEC_naked __attribute__((naked))
#define MOCKMAPI_DECLSPEC_align(n) __attribute__((aligned(n)))
#define MOCKMAPI_DECLSPEC_uuid(guid)
#define MOCKMAPI_DECLSPEC_property(...)

/* The platform macros MSVC defines, as it would for this target (the SDK's headers test them); _WIN32 is not
 * defined: C libraries take it to mean the Windows C runtime. */
#if defined(__x86_64__) || defined(__amd64__)
#ifndef _M_X64
#define _M_X64 100
#endif
#ifndef _M_AMD64
#define _M_AMD64 100
#endif
#elif defined(__i386__)
#ifndef _M_IX86
#define _M_IX86 600
#endif
#elif defined(__aarch64__)
#ifndef _M_ARM64
#define _M_ARM64 1
#endif
#elif defined(__arm__)
#ifndef _M_ARM
#define _M_ARM 7
#endif
#endif
#if (defined(__x86_64__) || defined(__aarch64__)) && !defined(_WIN64)
#define _WIN64 1
#endif
/* ... and the architecture macros Windows' own windows.h derives from them (MAPIVal.h tests _AMD64_, _X86_). */
#if defined(_M_X64) && !defined(_AMD64_)
#define _AMD64_
#elif defined(_M_IX86) && !defined(_X86_)
#define _X86_
#elif defined(_M_ARM64) && !defined(_ARM64_)
#define _ARM64_
#elif defined(_M_ARM) && !defined(_ARM_)
#define _ARM_
#endif

#define WINAPI
#define WINAPIV
#define APIENTRY
#define CALLBACK
#define PASCAL
#define CDECL
#define NTAPI
#define WINBASEAPI
#define STDMETHODVCALLTYPE
#define STDAPIVCALLTYPE
#define DECLSPEC_NOVTABLE
#define DECLSPEC_NOTHROW
#define DECLSPEC_IMPORT
#define DECLSPEC_UUID(guid)
/* What selectany gives on Windows: a definition that may appear in several objects and next to mockmapi's. */
#define DECLSPEC_SELECTANY __attribute__((weak))
#ifdef __cplusplus
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#else
#define EXTERN_C extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif

/* ---- base types ------------------------------------------------------------------------------------------- */
typedef unsigned char BYTE;
typedef uint16_t WORD;
typedef int BOOL;
/* mingw-w64's spellings, which its own MAPI headers use: a 32-bit LONG and BOOL. */
#ifndef __LONG32
#define __LONG32 int
#endif
typedef int WINBOOL;
typedef BYTE BOOLEAN;
typedef char CHAR;
typedef unsigned char UCHAR;
typedef int16_t SHORT;
typedef uint16_t USHORT;
typedef int INT;
typedef unsigned int UINT;
typedef float FLOAT;
typedef double DOUBLE;
typedef int32_t INT32;
typedef uint32_t UINT32;
typedef int64_t INT64;
typedef uint64_t UINT64;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef int64_t LONG64;
typedef uint64_t ULONG64;
typedef uint64_t DWORD64;
typedef intptr_t INT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t UINT_PTR;
typedef uintptr_t DWORD_PTR;
typedef ULONG_PTR SIZE_T;
typedef LONG_PTR SSIZE_T;
typedef DWORD LCID;
typedef WORD LANGID;

typedef void *PVOID;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef void *HANDLE;
typedef HANDLE *PHANDLE;
typedef HANDLE *LPHANDLE;
typedef BYTE *PBYTE;
typedef BYTE *LPBYTE;
typedef WORD *PWORD;
typedef WORD *LPWORD;
typedef DWORD *PDWORD;
typedef DWORD *LPDWORD;
typedef LONG *PLONG;
typedef LONG *LPLONG;
typedef ULONG *PULONG;
#ifndef _LPULONG_DEFINED
#define _LPULONG_DEFINED
typedef ULONG *LPULONG;
#endif
typedef BOOL *PBOOL;
typedef BOOL *LPBOOL;
typedef INT *PINT;
typedef INT *LPINT;
typedef UINT *PUINT;

typedef wchar_t WCHAR;
typedef WCHAR *PWCHAR;
typedef WCHAR *PWSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *PCWSTR;
typedef const WCHAR *LPCWSTR;
typedef CHAR *PCHAR;
typedef CHAR *PSTR;
typedef CHAR *LPSTR;
typedef const CHAR *PCSTR;
typedef const CHAR *LPCSTR;
/* The ANSI mapping: TCHAR is char and LPTSTR is char *. */
typedef CHAR TCHAR;
typedef TCHAR *LPTSTR;
typedef TCHAR *PTSTR;
typedef const TCHAR *PCTSTR;
typedef const TCHAR *LPCTSTR;
#define __TEXT(quote) quote
#define TEXT(quote) __TEXT(quote)

#define DECLARE_HANDLE(name) \
    struct name##__ {        \
        int unused;          \
    };                       \
    typedef struct name##__ *name
DECLARE_HANDLE(HINSTANCE);
DECLARE_HANDLE(HWND);
DECLARE_HANDLE(HKEY);
typedef HINSTANCE HMODULE;
/* A function pointer as GetProcAddress returns it (declared for the IsBadCodePtr and the SDK's typedefs). */
typedef INT_PTR(WINAPI *FARPROC)(void);
typedef HKEY *PHKEY;

#ifndef _FILETIME_
#define _FILETIME_
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

/* gcc and clang accept an anonymous struct inside a union in C++ (and C11) when it is marked __extension__. */
#if defined(__GNUC__) || defined(__clang__)
#define MOCKMAPI_ANONYMOUS __extension__
#else
#define MOCKMAPI_ANONYMOUS
#endif

/* mingw-w64's spelling of the same, used by its MAPI headers. */
#ifndef __C89_NAMELESS
#define __C89_NAMELESS MOCKMAPI_ANONYMOUS
#endif

#ifndef _LARGE_INTEGER_DEFINED
#define _LARGE_INTEGER_DEFINED
typedef union _LARGE_INTEGER {
    MOCKMAPI_ANONYMOUS struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    MOCKMAPI_ANONYMOUS struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
#endif

#ifndef _SYSTEMTIME_
#define _SYSTEMTIME_
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;
#endif

/* CURRENCY: a 64-bit integer scaled by 10000 (PT_CURRENCY); Lo/Hi are its halves, little-endian. */
#ifndef _tagCY_DEFINED
#define _tagCY_DEFINED
#define _CY_DEFINED
typedef union tagCY {
    MOCKMAPI_ANONYMOUS struct {
        ULONG Lo;
        LONG Hi;
    };
    LONGLONG int64;
} CY;
#endif
#ifndef _CURRENCY_DEFINED
#define _CURRENCY_DEFINED
typedef CY CURRENCY;
#endif

/* ---- constants and small macros ----------------------------------------------------------------------- */
#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif
#define MAX_PATH 260
#define INFINITE 0xFFFFFFFFu
#define MAKEWORD(low, high) ((WORD)(((BYTE)(low)) | ((WORD)((BYTE)(high))) << 8))
#define MAKELONG(low, high) ((LONG)(((WORD)(low)) | ((DWORD)((WORD)(high))) << 16))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l)&0xFFFF))
#define HIWORD(l) ((WORD)(((DWORD_PTR)(l) >> 16) & 0xFFFF))
#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w)&0xFF))
#define HIBYTE(w) ((BYTE)(((DWORD_PTR)(w) >> 8) & 0xFF))
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define ARRAYSIZE(a) (sizeof(a) / sizeof((a)[0]))
#ifndef _countof
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif /* MOCKMAPI_SDK_WINDEF_H */
