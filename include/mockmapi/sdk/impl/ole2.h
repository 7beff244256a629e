/*
 * ole2.h — for mockmapi's SDK-compatible headers (see ../README.md): the COM base (objbase.h: IUnknown,
 * IMalloc) and the storage interfaces (objidl.h: IStream, IStorage, ILockBytes). No OLE runtime function is
 * declared.
 */
#ifndef MOCKMAPI_SDK_OLE2_H
#define MOCKMAPI_SDK_OLE2_H
#include "objbase.h"
#include "objidl.h"
#endif
