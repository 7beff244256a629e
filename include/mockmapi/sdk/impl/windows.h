/*
 * windows.h — the part of <windows.h> that MAPI providers and clients use, for building them unchanged on
 * Linux and macOS against mockmapi (see ../README.md): the base types (windef.h), SAL annotations (sal.h),
 * HRESULTs (winerror.h), the COM declaration macros (basetyps.h), GUIDs (guiddef.h), IUnknown and IMalloc
 * (objbase.h), and a few platform functions sample code calls around the MAPI calls: Sleep, the Interlocked
 * reference-count helpers and the memory macros.
 */
#ifndef MOCKMAPI_SDK_WINDOWS_H
#define MOCKMAPI_SDK_WINDOWS_H
#ifndef _WINDOWS_
#define _WINDOWS_
#endif

#include "windef.h"
#include "sal.h"
#include "winerror.h"
#include "basetyps.h"
#include "guiddef.h"
#include "objbase.h"

/* Suspend the calling thread (mockmapi_thread_sleep; 0 yields). */
static inline void Sleep(DWORD dwMilliseconds) { mockmapi_thread_sleep(dwMilliseconds); }

/* Atomic reference-count helpers, as COM objects use them; each returns the resulting value. */
static inline LONG InterlockedIncrement(LONG volatile *addend) {
    return __atomic_add_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedDecrement(LONG volatile *addend) {
    return __atomic_sub_fetch(addend, 1, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedExchange(LONG volatile *target, LONG value) {
    return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}
static inline LONG InterlockedCompareExchange(LONG volatile *destination, LONG exchange, LONG comparand) {
    __atomic_compare_exchange_n(destination, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}

#define ZeroMemory(destination, length) memset((destination), 0, (length))
#define FillMemory(destination, length, fill) memset((destination), (fill), (length))
#define CopyMemory(destination, source, length) memcpy((destination), (source), (length))
#define MoveMemory(destination, source, length) memmove((destination), (source), (length))
#define SecureZeroMemory(destination, length) memset((destination), 0, (length))

#endif /* MOCKMAPI_SDK_WINDOWS_H */
