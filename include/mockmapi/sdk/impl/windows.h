/*
 * windows.h — the part of <windows.h> that MAPI providers and clients use, for building them unchanged on
 * Linux and macOS against mockmapi (see ../README.md): the base types (windef.h), SAL annotations (sal.h),
 * HRESULTs (winerror.h), the COM declaration macros (basetyps.h), GUIDs (guiddef.h), IUnknown and IMalloc
 * (objbase.h: IUnknown, IMalloc and the storage interfaces of objidl.h), language identifiers (winnt.h), the
 * base services providers call around their MAPI code (winbase.h: critical sections, Interlocked*, Sleep,
 * GetLastError, lstr*) and the memory macros.
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
#include "winnt.h"
#include "winbase.h"

#define ZeroMemory(destination, length) memset((destination), 0, (length))
#define FillMemory(destination, length, fill) memset((destination), (fill), (length))
#define CopyMemory(destination, source, length) memcpy((destination), (source), (length))
#define MoveMemory(destination, source, length) memmove((destination), (source), (length))
#define SecureZeroMemory(destination, length) memset((destination), 0, (length))

#endif /* MOCKMAPI_SDK_WINDOWS_H */
