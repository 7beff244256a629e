/*
 * unknwn.h — IUnknown, for mockmapi's SDK-compatible headers (see ../README.md).
 *
 * In C (and with CINTERFACE) IUnknown is mockmapi.h's struct { const IUnknownVtbl *lpVtbl; }. In C++ it is
 * the abstract class below, whose three virtual methods are the same three vtable slots.
 */
#ifndef MOCKMAPI_SDK_UNKNWN_H
#define MOCKMAPI_SDK_UNKNWN_H

#include "basetyps.h"
#include "guiddef.h"
#include "winerror.h"

#if defined(MOCKMAPI_SDK_CLASSES)
#undef INTERFACE
#define INTERFACE IUnknown
DECLARE_INTERFACE(IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    END_INTERFACE
};
#endif

typedef IUnknown *PUNKNOWN;

#endif /* MOCKMAPI_SDK_UNKNWN_H */
