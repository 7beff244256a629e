/*
 * strsafe.h — the Windows SDK's bounded string functions, for mockmapi's SDK-compatible headers (see
 * ../README.md), as static inline functions. Cch functions count characters, Cb functions bytes; every
 * result is NUL-terminated when the destination has room for at least one character, and a result that does
 * not fit is truncated and reported as STRSAFE_E_INSUFFICIENT_BUFFER, as the SDK documents. The plain names
 * (StringCchCopy, ...) are the ANSI (A) forms: these headers implement the ANSI mapping.
 */
#ifndef MOCKMAPI_SDK_STRSAFE_H
#define MOCKMAPI_SDK_STRSAFE_H

#include "windef.h"
#include "winerror.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007A)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026)

/* ---- copy and concatenate --------------------------------------------------------------------------------- */
static inline HRESULT mockmapi_strsafe_copy_a(char *dst, size_t cch, const char *src, size_t max_src) {
    if (cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    size_t n = 0;
    while (n < max_src && src[n] != '\0' && n < cch - 1) {
        dst[n] = src[n];
        ++n;
    }
    dst[n] = '\0';
    return (n < max_src && src[n] != '\0') ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
}
static inline HRESULT mockmapi_strsafe_copy_w(wchar_t *dst, size_t cch, const wchar_t *src, size_t max_src) {
    if (cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    size_t n = 0;
    while (n < max_src && src[n] != L'\0' && n < cch - 1) {
        dst[n] = src[n];
        ++n;
    }
    dst[n] = L'\0';
    return (n < max_src && src[n] != L'\0') ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
}

static inline HRESULT StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc) {
    return mockmapi_strsafe_copy_a(pszDest, cchDest, pszSrc, (size_t)-1);
}
static inline HRESULT StringCchCopyW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc) {
    return mockmapi_strsafe_copy_w(pszDest, cchDest, pszSrc, (size_t)-1);
}
static inline HRESULT StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToCopy) {
    return mockmapi_strsafe_copy_a(pszDest, cchDest, pszSrc, cchToCopy);
}
static inline HRESULT StringCchCopyNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                                      size_t cchToCopy) {
    return mockmapi_strsafe_copy_w(pszDest, cchDest, pszSrc, cchToCopy);
}
static inline HRESULT StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc) {
    return StringCchCopyA(pszDest, cbDest / sizeof(char), pszSrc);
}
static inline HRESULT StringCbCopyW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc) {
    return StringCchCopyW(pszDest, cbDest / sizeof(wchar_t), pszSrc);
}
static inline HRESULT StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc, size_t cbToCopy) {
    return StringCchCopyNA(pszDest, cbDest / sizeof(char), pszSrc, cbToCopy / sizeof(char));
}
static inline HRESULT StringCbCopyNW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc, size_t cbToCopy) {
    return StringCchCopyNW(pszDest, cbDest / sizeof(wchar_t), pszSrc, cbToCopy / sizeof(wchar_t));
}

static inline HRESULT StringCchLengthA(STRSAFE_LPCSTR psz, size_t cchMax, size_t *pcchLength) {
    if (psz == NULL || cchMax > STRSAFE_MAX_CCH) {
        if (pcchLength != NULL) *pcchLength = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    size_t n = 0;
    while (n < cchMax && psz[n] != '\0') ++n;
    if (pcchLength != NULL) *pcchLength = n < cchMax ? n : 0;
    return n < cchMax ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}
static inline HRESULT StringCchLengthW(STRSAFE_LPCWSTR psz, size_t cchMax, size_t *pcchLength) {
    if (psz == NULL || cchMax > STRSAFE_MAX_CCH) {
        if (pcchLength != NULL) *pcchLength = 0;
        return STRSAFE_E_INVALID_PARAMETER;
    }
    size_t n = 0;
    while (n < cchMax && psz[n] != L'\0') ++n;
    if (pcchLength != NULL) *pcchLength = n < cchMax ? n : 0;
    return n < cchMax ? S_OK : STRSAFE_E_INVALID_PARAMETER;
}
static inline HRESULT StringCbLengthA(STRSAFE_LPCSTR psz, size_t cbMax, size_t *pcbLength) {
    size_t n = 0;
    HRESULT hr = StringCchLengthA(psz, cbMax / sizeof(char), &n);
    if (pcbLength != NULL) *pcbLength = n * sizeof(char);
    return hr;
}
static inline HRESULT StringCbLengthW(STRSAFE_LPCWSTR psz, size_t cbMax, size_t *pcbLength) {
    size_t n = 0;
    HRESULT hr = StringCchLengthW(psz, cbMax / sizeof(wchar_t), &n);
    if (pcbLength != NULL) *pcbLength = n * sizeof(wchar_t);
    return hr;
}

static inline HRESULT StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc) {
    size_t used = 0;
    if (FAILED(StringCchLengthA(pszDest, cchDest, &used))) return STRSAFE_E_INVALID_PARAMETER;
    return mockmapi_strsafe_copy_a(pszDest + used, cchDest - used, pszSrc, (size_t)-1);
}
static inline HRESULT StringCchCatW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc) {
    size_t used = 0;
    if (FAILED(StringCchLengthW(pszDest, cchDest, &used))) return STRSAFE_E_INVALID_PARAMETER;
    return mockmapi_strsafe_copy_w(pszDest + used, cchDest - used, pszSrc, (size_t)-1);
}
static inline HRESULT StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc, size_t cchToAppend) {
    size_t used = 0;
    if (FAILED(StringCchLengthA(pszDest, cchDest, &used))) return STRSAFE_E_INVALID_PARAMETER;
    return mockmapi_strsafe_copy_a(pszDest + used, cchDest - used, pszSrc, cchToAppend);
}
static inline HRESULT StringCchCatNW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszSrc,
                                     size_t cchToAppend) {
    size_t used = 0;
    if (FAILED(StringCchLengthW(pszDest, cchDest, &used))) return STRSAFE_E_INVALID_PARAMETER;
    return mockmapi_strsafe_copy_w(pszDest + used, cchDest - used, pszSrc, cchToAppend);
}
static inline HRESULT StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc) {
    return StringCchCatA(pszDest, cbDest / sizeof(char), pszSrc);
}
static inline HRESULT StringCbCatW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszSrc) {
    return StringCchCatW(pszDest, cbDest / sizeof(wchar_t), pszSrc);
}

/* ---- formatted output -------------------------------------------------------------------------------------- */
static inline HRESULT StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
                                        va_list argList) {
    if (cchDest == 0 || cchDest > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    int n = vsnprintf(pszDest, cchDest, pszFormat, argList);
    if (n < 0) {
        pszDest[0] = '\0';
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return (size_t)n < cchDest ? S_OK : STRSAFE_E_INSUFFICIENT_BUFFER;
}
/* The wide forms take the C library's wide format (%ls for a wide string, %s for a narrow one). */
static inline HRESULT StringCchVPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat,
                                        va_list argList) {
    if (cchDest == 0 || cchDest > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
    int n = vswprintf(pszDest, cchDest, pszFormat, argList);
    if (n < 0) {
        /* vswprintf reports truncation as an error too: keep what fits, terminated. */
        pszDest[cchDest - 1] = L'\0';
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    return S_OK;
}
static inline HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 3, 4)));
static inline HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...) {
    va_list args;
    va_start(args, pszFormat);
    HRESULT hr = StringCchVPrintfA(pszDest, cchDest, pszFormat, args);
    va_end(args);
    return hr;
}
static inline HRESULT StringCchPrintfW(STRSAFE_LPWSTR pszDest, size_t cchDest, STRSAFE_LPCWSTR pszFormat, ...) {
    va_list args;
    va_start(args, pszFormat);
    HRESULT hr = StringCchVPrintfW(pszDest, cchDest, pszFormat, args);
    va_end(args);
    return hr;
}
static inline HRESULT StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat,
                                       va_list argList) {
    return StringCchVPrintfA(pszDest, cbDest / sizeof(char), pszFormat, argList);
}
static inline HRESULT StringCbVPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat,
                                       va_list argList) {
    return StringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, argList);
}
static inline HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
    __attribute__((format(printf, 3, 4)));
static inline HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...) {
    va_list args;
    va_start(args, pszFormat);
    HRESULT hr = StringCchVPrintfA(pszDest, cbDest / sizeof(char), pszFormat, args);
    va_end(args);
    return hr;
}
static inline HRESULT StringCbPrintfW(STRSAFE_LPWSTR pszDest, size_t cbDest, STRSAFE_LPCWSTR pszFormat, ...) {
    va_list args;
    va_start(args, pszFormat);
    HRESULT hr = StringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, args);
    va_end(args);
    return hr;
}

/* The plain names: ANSI. */
#define StringCchCopy StringCchCopyA
#define StringCchCopyN StringCchCopyNA
#define StringCbCopy StringCbCopyA
#define StringCbCopyN StringCbCopyNA
#define StringCchCat StringCchCatA
#define StringCchCatN StringCchCatNA
#define StringCbCat StringCbCatA
#define StringCchLength StringCchLengthA
#define StringCbLength StringCbLengthA
#define StringCchPrintf StringCchPrintfA
#define StringCbPrintf StringCbPrintfA
#define StringCchVPrintf StringCchVPrintfA
#define StringCbVPrintf StringCbVPrintfA

#ifdef __cplusplus
}
#endif

#endif /* MOCKMAPI_SDK_STRSAFE_H */
