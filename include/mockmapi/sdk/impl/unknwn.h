/*
 * unknwn.h — IUnknown, for mockmapi's Windows base layer (see ../README.md).
 *
 * In C (and with CINTERFACE) IUnknown is struct IUnknown { const IUnknownVtbl *lpVtbl; }, in C++ the abstract
 * class below; both have the same three vtable slots. mockmapi.h, included later, uses this declaration
 * (MOCKMAPI_SDK_BASE_IUNKNOWN); in C, when mockmapi.h came first, its identical struct is kept.
 */
#ifndef MOCKMAPI_SDK_UNKNWN_H
#define MOCKMAPI_SDK_UNKNWN_H

#include "basetyps.h"
#include "guiddef.h"
#include "winerror.h"

#if defined(MOCKMAPI_SDK_BASE_CLASSES)
#define MOCKMAPI_SDK_BASE_IUNKNOWN 1
#undef INTERFACE
#define INTERFACE IUnknown
DECLARE_INTERFACE(IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    END_INTERFACE
};
#elif !defined(MOCKMAPI_H)
#define MOCKMAPI_SDK_BASE_IUNKNOWN 1
typedef struct IUnknown IUnknown;
typedef struct IUnknownVtbl {
    BEGIN_INTERFACE
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IUnknown *This, REFIID riid, void **ppvObject);
    ULONG(STDMETHODCALLTYPE *AddRef)(IUnknown *This);
    ULONG(STDMETHODCALLTYPE *Release)(IUnknown *This);
    END_INTERFACE
} IUnknownVtbl;
struct IUnknown {
    const struct IUnknownVtbl *lpVtbl;
};
#endif

/* Defined by libmockmapi (and by Windows' uuid library). */
EXTERN_C const IID IID_IUnknown;

typedef IUnknown *PUNKNOWN;
typedef IUnknown *LPUNKNOWN;

#endif /* MOCKMAPI_SDK_UNKNWN_H */
