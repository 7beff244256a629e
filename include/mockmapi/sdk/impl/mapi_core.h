/*
 * mapi_core.h — what mockmapi's SDK-compatible MAPI headers (mapidefs.h, mapicode.h, mapiguid.h and the
 * headers that include them) share with mockmapi.h. Included by them; not a header of the Windows SDK.
 *
 * The Windows base layer (windows.h, objbase.h, ...) is independent of mockmapi.h; the MAPI headers are
 * not: in C the seven interfaces mockmapi models (IMAPISession, IMAPIClientShutdown, IMAPIProviderShutdown,
 * IXPProvider, IABProvider, IMSProvider; IUnknown comes from the base layer) are mockmapi.h's own structs, so
 * there is one layout; in C++ MOCKMAPI_SDK_CLASSES tells mockmapi.h to leave its struct forms out, these
 * headers declaring them as classes. MOCKMAPI_SDK_HEADERS tells mockmapi.h that the MAPI include guards it
 * sees (MAPIDEFS_H, ...) are these headers', not a foreign SDK's.
 */
#ifndef MOCKMAPI_SDK_MAPI_CORE_H
#define MOCKMAPI_SDK_MAPI_CORE_H

#include "windef.h"

#if defined(__cplusplus) && !defined(CINTERFACE)
#if defined(MOCKMAPI_H) && !defined(MOCKMAPI_SDK_CLASSES)
#error "mockmapi.h was included before the MAPI SDK headers. In C++ include <windows.h>, <mapix.h>, ... first (they declare the interfaces as classes), or define MOCKMAPI_SDK_CLASSES before including mockmapi.h."
#endif
#ifndef MOCKMAPI_SDK_CLASSES
#define MOCKMAPI_SDK_CLASSES 1
#endif
#elif defined(MOCKMAPI_SDK_CLASSES)
#error "MOCKMAPI_SDK_CLASSES selects the C++ class form of the interfaces: it cannot be used in C or with CINTERFACE."
#endif

#define MOCKMAPI_SDK_HEADERS 1
#include "../../../mockmapi.h"

#endif /* MOCKMAPI_SDK_MAPI_CORE_H */
