/*
 * basetyps.h — the macros that declare and implement COM interfaces (STDMETHOD, PURE, THIS_,
 * DECLARE_INTERFACE_, STDMETHODIMP, ...), for mockmapi's SDK-compatible headers (see ../README.md).
 *
 * As in the Windows SDK they have two forms: in C++ (unless CINTERFACE is defined) an interface is an abstract
 * class with virtual methods, in C a struct { const Vtbl *lpVtbl; } whose vtable struct has one function
 * pointer per method taking the interface pointer first. The one departure: in C the vtable typedef is not
 * const-qualified (the SDK's `const struct X##Vtbl` draws gcc's "useless type qualifier" warning), which is
 * how mockmapi.h declares its vtables too.
 */
#ifndef MOCKMAPI_SDK_BASETYPS_H
#define MOCKMAPI_SDK_BASETYPS_H

#include "windef.h"

#ifndef interface
#define interface struct
#endif

#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDAPIV EXTERN_C HRESULT STDAPIVCALLTYPE
#define STDAPIV_(type) EXTERN_C type STDAPIVCALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE
#define STDMETHODIMPV HRESULT STDMETHODVCALLTYPE
#define STDMETHODIMPV_(type) type STDMETHODVCALLTYPE
#define STDINITMETHODIMP HRESULT STDMAPIINITCALLTYPE
#define STDINITMETHODIMP_(type) type STDMAPIINITCALLTYPE

#ifndef BEGIN_INTERFACE
#define BEGIN_INTERFACE
#endif
#ifndef END_INTERFACE
#define END_INTERFACE
#endif

#if defined(MOCKMAPI_SDK_BASE_CLASSES)
#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define STDMETHODV(method) virtual HRESULT STDMETHODVCALLTYPE method
#define STDMETHODV_(type, method) virtual type STDMETHODVCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) interface DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, baseiface) interface DECLSPEC_NOVTABLE iface : public baseiface
#define MIDL_INTERFACE(guid) struct DECLSPEC_UUID(guid) DECLSPEC_NOVTABLE
#else
#define STDMETHOD(method) HRESULT(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type(STDMETHODCALLTYPE *method)
#define STDMETHODV(method) HRESULT(STDMETHODVCALLTYPE *method)
#define STDMETHODV_(type, method) type(STDMETHODVCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
#define DECLARE_INTERFACE(iface)              \
    typedef interface iface iface;            \
    typedef struct iface##Vtbl iface##Vtbl;   \
    interface iface {                         \
        const struct iface##Vtbl *lpVtbl;     \
    };                                        \
    struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, baseiface) DECLARE_INTERFACE(iface)
#endif
#define DECLARE_INTERFACE_IID(iface, iid) DECLARE_INTERFACE(iface)
#define DECLARE_INTERFACE_IID_(iface, baseiface, iid) DECLARE_INTERFACE_(iface, baseiface)

#endif /* MOCKMAPI_SDK_BASETYPS_H */
