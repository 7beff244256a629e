/*
 * mapiutil.h — for mockmapi's SDK-compatible headers (see ../README.md): includes mapix.h and mapispi.h, and
 * defines UlAddRef and UlRelease. The rest of the SDK's MAPIUtil.h (HrQueryAllRows, FreeProws, the property
 * helpers, ...) lives in the real MAPI's DLL and is not declared: mockmapi does not implement it.
 */
#ifndef MAPIUTIL_H
#define MAPIUTIL_H

#include "mapix.h"
#include "mapispi.h"

/* AddRef / Release through IUnknown; 0 for NULL. */
static inline ULONG UlAddRef(LPVOID lpunk) {
    LPUNKNOWN unk = (LPUNKNOWN)lpunk;
    if (unk == NULL) return 0;
#if defined(MOCKMAPI_SDK_CLASSES)
    return unk->AddRef();
#else
    return unk->lpVtbl->AddRef(unk);
#endif
}

static inline ULONG UlRelease(LPVOID lpunk) {
    LPUNKNOWN unk = (LPUNKNOWN)lpunk;
    if (unk == NULL) return 0;
#if defined(MOCKMAPI_SDK_CLASSES)
    return unk->Release();
#else
    return unk->lpVtbl->Release(unk);
#endif
}

#include "mapiutil_functions.h"

#endif /* MAPIUTIL_H */
