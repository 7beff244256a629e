/*
 * mockmapi.h after a real SDK's MAPI headers, in C++ (see after_sdk.c; built by tests/sdk_headers.rs with the
 * mingw-w64 compilers). With the SDK's mapidefs.h the fast-shutdown interfaces are classes, as that SDK
 * declares every interface; with its mapix.h IMAPISession is the SDK's class.
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

#include <cstddef>

#if defined(MAPIDEFS_H)
static_assert(sizeof(ENTRYID) == 5 && offsetof(ENTRYID, ab) == 4, "ENTRYID is the SDK's");
#endif
static_assert(CURRENT_SPI_VERSION == 0x00010010, "CURRENT_SPI_VERSION");
static_assert(MAPI_E_NO_SUPPORT == (HRESULT)0x80040102, "codes");

#if defined(MAPIDEFS_H)
/* Class form: a provider implements IMAPIProviderShutdown with the SDK's macros. */
struct Provider : public IMAPIProviderShutdown {
    ULONG refs = 1;
    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppv) override {
        if (riid == IID_IUnknown || riid == IID_IMAPIProviderShutdown) {
            *ppv = this;
            AddRef();
            return S_OK;
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs; }
    STDMETHODIMP_(ULONG) Release() override { return --refs; }
    STDMETHODIMP QueryFastShutdown() override { return S_OK; }
    STDMETHODIMP NotifyProcessShutdown() override { return S_OK; }
    STDMETHODIMP DoFastShutdown() override { return S_OK; }
};
HRESULT provider_attach(LPMAPISESSION session, Provider *p) {
    return mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_TRANSPORT, "xp", reinterpret_cast<IUnknown *>(p));
}
#endif

#if defined(MAPIX_H)
/* The SDK's IMAPISession class, and mockmapi's IMAPIClientShutdown class after the SDK's mapidefs.h. */
HRESULT client_fast_shutdown(LPMAPISESSION session) {
    LPMAPICLIENTSHUTDOWN cs = nullptr;
    HRESULT hr = session->QueryInterface(IID_IMAPIClientShutdown, reinterpret_cast<void **>(&cs));
    if (FAILED(hr)) return hr;
    hr = cs->QueryFastShutdown();
    if (hr == S_OK) {
        cs->NotifyProcessShutdown();
        hr = cs->DoFastShutdown();
    }
    cs->Release();
    return hr;
}
#else
/* mockmapi.h's IMAPISession struct where the SDK declares none. */
HRESULT client_logoff(LPMAPISESSION session) { return session->lpVtbl->Logoff(session, 0, 0, 0); }
#endif
