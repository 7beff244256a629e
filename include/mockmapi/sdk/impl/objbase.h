/*
 * objbase.h — the COM base for MAPI code: IUnknown (unknwn.h), and through objidl.h IMalloc and LPMALLOC (the
 * allocator MAPI passes to XPProviderInit/ABProviderInit/MSProviderInit) and the storage interfaces, for
 * mockmapi's SDK-compatible headers (see ../README.md). No COM runtime functions (CoInitialize, CoCreateInstance, ...) are declared: mockmapi does not
 * implement them.
 */
#ifndef MOCKMAPI_SDK_OBJBASE_H
#define MOCKMAPI_SDK_OBJBASE_H

#include "unknwn.h"

#include "objidl.h"

#endif /* MOCKMAPI_SDK_OBJBASE_H */
