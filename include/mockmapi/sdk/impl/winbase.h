/*
 * winbase.h — the Win32 base services MAPI providers call around their MAPI code, for mockmapi's
 * SDK-compatible headers (see ../README.md), as static inline functions over POSIX and the compiler's
 * atomics:
 *  - CRITICAL_SECTION with InitializeCriticalSection(AndSpinCount), Enter/TryEnter/LeaveCriticalSection and
 *    DeleteCriticalSection: a mutex the owning thread re-enters, as on Windows;
 *  - the Interlocked* family on LONG, LONGLONG and pointers (full barriers, as on Windows);
 *  - Sleep, GetCurrentThreadId, GetTickCount(64), GetLastError/SetLastError (per thread);
 *  - the lstr* string functions (ANSI and wide; the plain names are the ANSI ones).
 */
#ifndef MOCKMAPI_SDK_WINBASE_H
#define MOCKMAPI_SDK_WINBASE_H

#include "windef.h"
#include "winerror.h"

#include <pthread.h>
#include <ctype.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- critical sections ----------------------------------------------------------------------------------- */
/* A mutex, the owning thread and its recursion count (the owner re-enters without blocking, as on Windows). */
typedef struct _RTL_CRITICAL_SECTION {
    pthread_mutex_t mutex;
    pthread_t owner;
    LONG recursion;
    LONG initialized;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION, CRITICAL_SECTION, *PCRITICAL_SECTION, *LPCRITICAL_SECTION;

static inline void InitializeCriticalSection(LPCRITICAL_SECTION cs) {
    pthread_mutex_init(&cs->mutex, NULL);
    memset(&cs->owner, 0, sizeof cs->owner);
    __atomic_store_n(&cs->recursion, 0, __ATOMIC_SEQ_CST);
    cs->initialized = 1;
}
static inline BOOL InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION cs, DWORD dwSpinCount) {
    (void)dwSpinCount;
    InitializeCriticalSection(cs);
    return TRUE;
}
static inline BOOL InitializeCriticalSectionEx(LPCRITICAL_SECTION cs, DWORD dwSpinCount, DWORD Flags) {
    (void)Flags;
    return InitializeCriticalSectionAndSpinCount(cs, dwSpinCount);
}
/* Whether the calling thread holds cs: only the owner itself can have made both true. */
static inline BOOL mockmapi_cs_owned(LPCRITICAL_SECTION cs) {
    return __atomic_load_n(&cs->recursion, __ATOMIC_SEQ_CST) > 0 && pthread_equal(cs->owner, pthread_self());
}
static inline void EnterCriticalSection(LPCRITICAL_SECTION cs) {
    if (mockmapi_cs_owned(cs)) {
        __atomic_add_fetch(&cs->recursion, 1, __ATOMIC_SEQ_CST);
        return;
    }
    pthread_mutex_lock(&cs->mutex);
    cs->owner = pthread_self();
    __atomic_store_n(&cs->recursion, 1, __ATOMIC_SEQ_CST);
}
static inline BOOL TryEnterCriticalSection(LPCRITICAL_SECTION cs) {
    if (mockmapi_cs_owned(cs)) {
        __atomic_add_fetch(&cs->recursion, 1, __ATOMIC_SEQ_CST);
        return TRUE;
    }
    if (pthread_mutex_trylock(&cs->mutex) != 0) return FALSE;
    cs->owner = pthread_self();
    __atomic_store_n(&cs->recursion, 1, __ATOMIC_SEQ_CST);
    return TRUE;
}
static inline void LeaveCriticalSection(LPCRITICAL_SECTION cs) {
    if (!mockmapi_cs_owned(cs)) return; /* leaving a section this thread does not hold: ignored */
    if (__atomic_sub_fetch(&cs->recursion, 1, __ATOMIC_SEQ_CST) == 0) pthread_mutex_unlock(&cs->mutex);
}
static inline void DeleteCriticalSection(LPCRITICAL_SECTION cs) {
    if (cs->initialized) pthread_mutex_destroy(&cs->mutex);
    cs->initialized = 0;
}

/* ---- interlocked operations (each returns what the Windows function returns) ------------------------------ */
static inline LONG InterlockedIncrement(LONG volatile *addend) {
    return __atomic_add_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedDecrement(LONG volatile *addend) {
    return __atomic_sub_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchange(LONG volatile *target, LONG value) {
    return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchangeAdd(LONG volatile *addend, LONG value) {
    return __atomic_fetch_add(addend, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedCompareExchange(LONG volatile *destination, LONG exchange, LONG comparand) {
    __atomic_compare_exchange_n(destination, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline LONG InterlockedAnd(LONG volatile *destination, LONG value) {
    return __atomic_fetch_and(destination, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedOr(LONG volatile *destination, LONG value) {
    return __atomic_fetch_or(destination, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedXor(LONG volatile *destination, LONG value) {
    return __atomic_fetch_xor(destination, value, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedIncrement64(LONGLONG volatile *addend) {
    return __atomic_add_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedDecrement64(LONGLONG volatile *addend) {
    return __atomic_sub_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedExchange64(LONGLONG volatile *target, LONGLONG value) {
    return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedExchangeAdd64(LONGLONG volatile *addend, LONGLONG value) {
    return __atomic_fetch_add(addend, value, __ATOMIC_SEQ_CST);
}
static inline LONGLONG InterlockedCompareExchange64(LONGLONG volatile *destination, LONGLONG exchange,
                                                    LONGLONG comparand) {
    __atomic_compare_exchange_n(destination, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *target, PVOID value) {
    return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *destination, PVOID exchange, PVOID comparand) {
    __atomic_compare_exchange_n(destination, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline void MemoryBarrier(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

/* ---- threads, time, last error ---------------------------------------------------------------------------- */
/* IsBadReadPtr, IsBadWritePtr, IsBadStringPtr, IsBadCodePtr: Windows probes the memory; that has no portable
 * equivalent, so these reject only what is certainly bad, a NULL pointer with something to access (which is
 * also all that the SDK's own parameter checks usually catch). */
static inline BOOL IsBadReadPtr(const void *lp, UINT_PTR ucb) { return lp == NULL && ucb != 0; }
static inline BOOL IsBadWritePtr(void *lp, UINT_PTR ucb) { return lp == NULL && ucb != 0; }
static inline BOOL IsBadStringPtrA(LPCSTR lpsz, UINT_PTR ucchMax) { return lpsz == NULL && ucchMax != 0; }
static inline BOOL IsBadStringPtrW(LPCWSTR lpsz, UINT_PTR ucchMax) { return lpsz == NULL && ucchMax != 0; }
#define IsBadStringPtr IsBadStringPtrA
static inline BOOL IsBadCodePtr(FARPROC lpfn) { return lpfn == NULL; }

/* Suspend the calling thread (mockmapi_thread_sleep, in libmockmapi; 0 yields). */
EXTERN_C void mockmapi_thread_sleep(uint32_t milliseconds);
static inline void Sleep(DWORD dwMilliseconds) { mockmapi_thread_sleep(dwMilliseconds); }
static inline DWORD GetCurrentThreadId(void) {
    /* A stable per-thread number: the address of a thread-local variable, folded to 32 bits. */
    static __thread char mockmapi_thread_marker;
    uintptr_t v = (uintptr_t)&mockmapi_thread_marker;
    return (DWORD)(v ^ (v >> 16 >> 16));
}
/* Milliseconds from the C library's clock (timespec_get; not guaranteed monotonic). */
static inline ULONGLONG GetTickCount64(void) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (ULONGLONG)ts.tv_sec * 1000u + (ULONGLONG)ts.tv_nsec / 1000000u;
}
static inline DWORD GetTickCount(void) { return (DWORD)GetTickCount64(); }

/* The calling thread's last error: one per thread for the whole program (a weak definition, merged across
 * translation units by the linker, as Windows keeps it in the thread's environment block). */
__attribute__((weak)) __thread DWORD mockmapi_sdk_last_error;
static inline DWORD GetLastError(void) { return mockmapi_sdk_last_error; }
static inline void SetLastError(DWORD dwErrCode) { mockmapi_sdk_last_error = dwErrCode; }

/* ---- lstr* (ANSI; the W forms take WCHAR, which is wchar_t here) ------------------------------------------ */
static inline int lstrlenA(LPCSTR s) { return s == NULL ? 0 : (int)strlen(s); }
static inline int lstrlenW(LPCWSTR s) { return s == NULL ? 0 : (int)wcslen(s); }
static inline LPSTR lstrcpyA(LPSTR dst, LPCSTR src) { return strcpy(dst, src); }
static inline LPWSTR lstrcpyW(LPWSTR dst, LPCWSTR src) { return wcscpy(dst, src); }
/* Copies at most iMaxLength - 1 characters and always terminates (when iMaxLength > 0), as Windows does. */
static inline LPSTR lstrcpynA(LPSTR dst, LPCSTR src, int iMaxLength) {
    if (iMaxLength <= 0) return dst;
    size_t n = strlen(src);
    if (n > (size_t)iMaxLength - 1) n = (size_t)iMaxLength - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}
static inline LPWSTR lstrcpynW(LPWSTR dst, LPCWSTR src, int iMaxLength) {
    if (iMaxLength <= 0) return dst;
    size_t n = wcslen(src);
    if (n > (size_t)iMaxLength - 1) n = (size_t)iMaxLength - 1;
    wmemcpy(dst, src, n);
    dst[n] = L'\0';
    return dst;
}
static inline LPSTR lstrcatA(LPSTR dst, LPCSTR src) { return strcat(dst, src); }
static inline LPWSTR lstrcatW(LPWSTR dst, LPCWSTR src) { return wcscat(dst, src); }
static inline int lstrcmpA(LPCSTR a, LPCSTR b) { return strcmp(a, b); }
static inline int lstrcmpW(LPCWSTR a, LPCWSTR b) { return wcscmp(a, b); }
static inline int lstrcmpiA(LPCSTR a, LPCSTR b) {
    for (;; ++a, ++b) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y) return x < y ? -1 : 1;
        if (x == 0) return 0;
    }
}
static inline int lstrcmpiW(LPCWSTR a, LPCWSTR b) {
    for (;; ++a, ++b) {
        wint_t x = towlower((wint_t)*a), y = towlower((wint_t)*b);
        if (x != y) return x < y ? -1 : 1;
        if (x == 0) return 0;
    }
}
#define lstrlen lstrlenA
#define lstrcpy lstrcpyA
#define lstrcpyn lstrcpynA
#define lstrcat lstrcatA
#define lstrcmp lstrcmpA
#define lstrcmpi lstrcmpiA

#ifdef __cplusplus
}
#endif

#endif /* MOCKMAPI_SDK_WINBASE_H */
