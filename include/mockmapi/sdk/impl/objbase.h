/*
 * objbase.h — the COM base for MAPI code: IUnknown (unknwn.h), IMalloc and LPMALLOC (the allocator MAPI
 * passes to XPProviderInit/ABProviderInit/MSProviderInit), for mockmapi's SDK-compatible headers (see
 * ../README.md). No COM runtime functions (CoInitialize, CoCreateInstance, ...) are declared: mockmapi does not
 * implement them.
 */
#ifndef MOCKMAPI_SDK_OBJBASE_H
#define MOCKMAPI_SDK_OBJBASE_H

#include "unknwn.h"

/* Declared as the SDK declares it (not with DEFINE_GUID, so INITGUID does not define it here). libmockmapi
 * does not export it: a program that uses it defines it, e.g. DEFINE_OLEGUID(IID_IMalloc, 0x00000002, 0, 0)
 * after initguid.h. */
EXTERN_C const IID IID_IMalloc;

#undef INTERFACE
#define INTERFACE IMalloc
DECLARE_INTERFACE_(IMalloc, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD_(void *, Alloc)(THIS_ SIZE_T cb) PURE;
    STDMETHOD_(void *, Realloc)(THIS_ void *pv, SIZE_T cb) PURE;
    STDMETHOD_(void, Free)(THIS_ void *pv) PURE;
    STDMETHOD_(SIZE_T, GetSize)(THIS_ void *pv) PURE;
    STDMETHOD_(int, DidAlloc)(THIS_ void *pv) PURE;
    STDMETHOD_(void, HeapMinimize)(THIS) PURE;
    END_INTERFACE
};
typedef IMalloc *LPMALLOC;

#endif /* MOCKMAPI_SDK_OBJBASE_H */
