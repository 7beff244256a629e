/*
 * mockmapi.h after a real SDK's MAPI headers (mingw-w64's; built by tests/sdk_headers.rs with the mingw-w64
 * compilers, -fsyntax-only, once per selection of headers: MM_MAPIDEFS, MM_MAPIX, MM_MAPISPI, MM_MAPIUTIL).
 * Not a program of the C suite (it lives in a subdirectory). mockmapi.h must add only what the SDK lacks:
 * a redefinition of ENTRYID, IUnknown, IMAPISession, the provider interfaces, S_OK, CURRENT_SPI_VERSION, ...
 * is a compile error here, and so is a missing IMAPIClientShutdown or IMAPIProviderShutdown.
 */
#include <windows.h>
#if defined(MM_MAPIDEFS)
#include <mapidefs.h>
#endif
#if defined(MM_MAPIX)
#include <mapix.h>
#endif
#if defined(MM_MAPISPI)
#include <mapispi.h>
#endif
#if defined(MM_MAPIUTIL)
#include <mapiutil.h>
#endif

#include "mockmapi.h"

#include <stddef.h>

#if defined(MAPIDEFS_H)
_Static_assert(sizeof(ENTRYID) == 5 && offsetof(ENTRYID, ab) == 4, "ENTRYID is the SDK's");
#endif
_Static_assert(CURRENT_SPI_VERSION == 0x00010010, "CURRENT_SPI_VERSION");
_Static_assert(MAPI_E_NO_SUPPORT == (HRESULT)0x80040102 && E_NOINTERFACE == (HRESULT)0x80004002, "codes");
_Static_assert(sizeof(IMAPIClientShutdownVtbl) == 6 * sizeof(void *), "IMAPIClientShutdown: 6 slots");
_Static_assert(sizeof(IMAPIProviderShutdownVtbl) == 6 * sizeof(void *), "IMAPIProviderShutdown: 6 slots");

/* A client's fast shutdown, written against whichever declarations are in effect. */
HRESULT client_fast_shutdown(LPMAPISESSION session) {
    LPMAPICLIENTSHUTDOWN cs = NULL;
    HRESULT hr = session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, (void **)&cs);
    if (FAILED(hr)) return hr;
    hr = cs->lpVtbl->QueryFastShutdown(cs);
    if (hr == S_OK) {
        cs->lpVtbl->NotifyProcessShutdown(cs);
        hr = cs->lpVtbl->DoFastShutdown(cs);
    }
    cs->lpVtbl->Release(cs);
    return hr;
}

/* A provider's IMAPIProviderShutdown, C style. */
static HRESULT STDMETHODCALLTYPE ps_query_interface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    (void)riid;
    *ppv = This;
    return S_OK;
}
static ULONG STDMETHODCALLTYPE ps_add_ref(IMAPIProviderShutdown *This) { return (void)This, 2; }
static ULONG STDMETHODCALLTYPE ps_release(IMAPIProviderShutdown *This) { return (void)This, 1; }
static HRESULT STDMETHODCALLTYPE ps_method(IMAPIProviderShutdown *This) { return (void)This, S_OK; }
const IMAPIProviderShutdownVtbl provider_shutdown_vtbl = {ps_query_interface, ps_add_ref, ps_release,
                                                           ps_method, ps_method, ps_method};

/* The control API and the entry points. */
HRESULT attach(LPMAPISESSION session, IUnknown *provider) {
    HRESULT hr = MAPIInitialize(NULL);
    if (FAILED(hr)) return hr;
    hr = mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_STORE, "store", provider);
    MAPIUninitialize();
    return hr;
}
