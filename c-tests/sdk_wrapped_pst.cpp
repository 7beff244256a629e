// mockmapi-ctest: sdk
/*
 * The "wrapped PST" pattern: a store provider whose MSProviderInit loads the real PST provider (here
 * PSTProviderInit, reached through a pointer as GetProcAddress would give it), wraps the object it returns,
 * implements IMSProvider by forwarding, and forwards every IID it does not know to the inner provider. The
 * runtime then finds IMAPIProviderShutdown on the *inner* object, and the journal's `object` says so: the
 * fast-shutdown calls journaled under the wrapper's name went to the PST's interface, not to the wrapper.
 * A second wrapper that implements IMAPIProviderShutdown itself shows the other case.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.h"
#include "mockmapi.hpp"
#include "mm_test.hpp"

#include <string>

/* ---- the "real" PST provider (what MSPST32.DLL would be), written with mockmapi::ComObject ---------------- */

static int g_pst_fast_shutdowns = 0;
static IMAPIProviderShutdown *g_pst_shutdown_interface = nullptr; /* the last PST object's, not owned */

class CPSTProvider final : public mockmapi::ComObject<IMSProvider, IMAPIProviderShutdown> {
  public:
    STDMETHODIMP Shutdown(ULONG *) override { return S_OK; }
    STDMETHODIMP Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *,
                       LPMAPIERROR *, LPMSLOGON *, LPMDB *) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE,
                              LPMAPIERROR *, LPMSLOGON *, LPMDB *) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP QueryFastShutdown() override { return S_OK; }
    STDMETHODIMP NotifyProcessShutdown() override { return S_OK; }
    STDMETHODIMP DoFastShutdown() override {
        g_pst_fast_shutdowns++;
        return S_OK;
    }
};

static HRESULT STDMAPIINITCALLTYPE PSTProviderInit(HINSTANCE, LPMALLOC, LPALLOCATEBUFFER, LPALLOCATEMORE,
                                                   LPFREEBUFFER, ULONG, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                   LPMSPROVIDER *lppMSProvider) {
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    CPSTProvider *pst = new CPSTProvider();
    g_pst_shutdown_interface = pst;
    *lppMSProvider = pst;
    return S_OK;
}

/* ---- the wrapper, written the way the wrapped-PST sample is ---------------------------------------------- */

typedef MSPROVIDERINIT *LPMSPROVIDERINIT;
static LPMSPROVIDERINIT g_pfnPSTProviderInit = PSTProviderInit; /* GetProcAddress(hPST, "MSProviderInit") */

class CMSProvider : public IMSProvider {
  public:
    explicit CMSProvider(LPMSPROVIDER pInner) : m_cRef(1), m_pInner(pInner) {}
    virtual ~CMSProvider() { m_pInner->Release(); }

    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppvObj) {
        if (!ppvObj) return MAPI_E_INVALID_PARAMETER;
        *ppvObj = nullptr;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IMSProvider)) {
            *ppvObj = static_cast<IMSProvider *>(this);
            AddRef();
            return S_OK;
        }
        /* Anything else is the PST's business. */
        return m_pInner->QueryInterface(riid, ppvObj);
    }
    STDMETHODIMP_(ULONG) AddRef() { return static_cast<ULONG>(InterlockedIncrement(&m_cRef)); }
    STDMETHODIMP_(ULONG) Release() {
        LONG cRef = InterlockedDecrement(&m_cRef);
        if (cRef == 0) delete this;
        return static_cast<ULONG>(cRef);
    }
    STDMETHODIMP Shutdown(ULONG *lpulFlags) { return m_pInner->Shutdown(lpulFlags); }
    STDMETHODIMP Logon(LPMAPISUP a, ULONG_PTR b, LPTSTR c, ULONG d, LPENTRYID e, ULONG f, LPCIID g, ULONG *h,
                       LPBYTE *i, LPMAPIERROR *j, LPMSLOGON *k, LPMDB *l) {
        return m_pInner->Logon(a, b, c, d, e, f, g, h, i, j, k, l);
    }
    STDMETHODIMP SpoolerLogon(LPMAPISUP a, ULONG_PTR b, LPTSTR c, ULONG d, LPENTRYID e, ULONG f, LPCIID g,
                              ULONG h, LPBYTE i, LPMAPIERROR *j, LPMSLOGON *k, LPMDB *l) {
        return m_pInner->SpoolerLogon(a, b, c, d, e, f, g, h, i, j, k, l);
    }
    STDMETHODIMP CompareStoreIDs(ULONG a, LPENTRYID b, ULONG c, LPENTRYID d, ULONG e, ULONG *f) {
        return m_pInner->CompareStoreIDs(a, b, c, d, e, f);
    }

  protected:
    LONG m_cRef;
    LPMSPROVIDER m_pInner;
};

/* A wrapper that answers IMAPIProviderShutdown itself (and asks the PST in turn). */
static int g_wrapper_fast_shutdowns = 0;

class CMSProviderWithShutdown : public CMSProvider, public IMAPIProviderShutdown {
  public:
    explicit CMSProviderWithShutdown(LPMSPROVIDER pInner) : CMSProvider(pInner) {}

    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppvObj) {
        if (ppvObj != nullptr && IsEqualIID(riid, IID_IMAPIProviderShutdown)) {
            *ppvObj = static_cast<IMAPIProviderShutdown *>(this);
            AddRef();
            return S_OK;
        }
        return CMSProvider::QueryInterface(riid, ppvObj);
    }
    STDMETHODIMP_(ULONG) AddRef() { return CMSProvider::AddRef(); }
    STDMETHODIMP_(ULONG) Release() { return CMSProvider::Release(); }
    STDMETHODIMP QueryFastShutdown() { return Inner() ? Inner()->QueryFastShutdown() : S_OK; }
    STDMETHODIMP NotifyProcessShutdown() { return Inner() ? Inner()->NotifyProcessShutdown() : S_OK; }
    STDMETHODIMP DoFastShutdown() {
        g_wrapper_fast_shutdowns++;
        return Inner() ? Inner()->DoFastShutdown() : S_OK;
    }

  private:
    IMAPIProviderShutdown *Inner() {
        if (!m_pInnerShutdown)
            m_pInner->QueryInterface(IID_IMAPIProviderShutdown, m_pInnerShutdown.ReleaseAndGetVoidAddressOf());
        return m_pInnerShutdown.Get();
    }
    mockmapi::ComPtr<IMAPIProviderShutdown> m_pInnerShutdown;
};

template <class Wrapper>
static HRESULT WrappedMSProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc, LPALLOCATEBUFFER lpAllocateBuffer,
                                     LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer, ULONG ulFlags,
                                     ULONG ulMAPIVer, ULONG *lpulProviderVer, LPMSPROVIDER *lppMSProvider) {
    if (!lppMSProvider || !lpulProviderVer) return MAPI_E_INVALID_PARAMETER;
    *lppMSProvider = nullptr;
    LPMSPROVIDER pPST = nullptr;
    HRESULT hRes = g_pfnPSTProviderInit(hInstance, lpMalloc, lpAllocateBuffer, lpAllocateMore, lpFreeBuffer,
                                        ulFlags, ulMAPIVer, lpulProviderVer, &pPST);
    if (FAILED(hRes)) return hRes;
    *lppMSProvider = new Wrapper(pPST);
    return S_OK;
}

/* ---- the test -------------------------------------------------------------------------------------------- */

/* Attach one wrapped store, run the fast shutdown, and return the journal's provider calls. */
template <class Wrapper>
static std::vector<mockmapi_event> run(const char *name, IMSProvider **wrapper_out) {
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(nullptr), S_OK);
    mockmapi::ComPtr<IMAPISession> session;
    CHECK_HR(MAPILogonEx(0, nullptr, nullptr, MAPI_EXTENDED, session.ReleaseAndGetAddressOf()), S_OK);
    LPMSPROVIDER wrapper = nullptr;
    CHECK_HR(mockmapi::call_provider_init(WrappedMSProviderInit<Wrapper>, &wrapper), S_OK);
    if (!session || wrapper == nullptr) return {};
    CHECK_HR(mockmapi_session_add_provider(session.Get(), MOCKMAPI_PROVIDER_STORE, name, wrapper), S_OK);
    *wrapper_out = wrapper; /* the caller's reference */
    mockmapi::ComPtr<IMAPIClientShutdown> cs;
    CHECK_HR(session.As(&cs), S_OK);
    if (cs) {
        CHECK_HR(cs->QueryFastShutdown(), S_OK);
        CHECK_HR(cs->NotifyProcessShutdown(), S_OK);
        CHECK_HR(cs->DoFastShutdown(), S_OK);
    }
    std::vector<mockmapi_event> calls;
    for (const mockmapi_event &e : mm_events())
        if (e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL) calls.push_back(e);
    return calls;
}

int main() {
    /* 1. The plain wrapper: IMAPIProviderShutdown comes from the PST. */
    IMSProvider *wrapper = nullptr;
    std::vector<mockmapi_event> calls = run<CMSProvider>("wrapped PST", &wrapper);
    CHECK_EQ(calls.size(), 3);
    for (const mockmapi_event &e : calls) {
        CHECK(std::string(e.provider_name) == "wrapped PST", "journaled under the name the profile gave it");
        CHECK(e.object == g_pst_shutdown_interface, "the PST's own IMAPIProviderShutdown answered");
        CHECK(e.object != static_cast<const void *>(wrapper), "not the wrapper object");
    }
    CHECK_EQ(g_pst_fast_shutdowns, 1);
    std::printf("---- wrapped PST: the journal's provider calls and the objects that answered ----\n");
    std::printf("wrapper %p, PST's IMAPIProviderShutdown %p\n", static_cast<void *>(wrapper),
                static_cast<void *>(g_pst_shutdown_interface));
    for (const mockmapi_event &e : calls)
        std::printf("  %s \"%s\" -> %s, object %p\n", e.method_name, e.provider_name, mm_hr_text(e.hresult), e.object);
    std::printf("%s", mm_journal_text().c_str());
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();
    if (wrapper != nullptr) CHECK_EQ(wrapper->Release(), 0);

    /* 2. A wrapper that answers IMAPIProviderShutdown itself. */
    wrapper = nullptr;
    calls = run<CMSProviderWithShutdown>("wrapping store", &wrapper);
    CHECK_EQ(calls.size(), 3);
    const void *wrapper_shutdown =
        static_cast<IMAPIProviderShutdown *>(static_cast<CMSProviderWithShutdown *>(wrapper));
    for (const mockmapi_event &e : calls) {
        CHECK(e.object == wrapper_shutdown, "the wrapper's own interface answered");
        CHECK(e.object != g_pst_shutdown_interface, "not the PST's");
    }
    CHECK_EQ(g_wrapper_fast_shutdowns, 1);
    CHECK_EQ(g_pst_fast_shutdowns, 2); /* the wrapper passed it on */
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();
    if (wrapper != nullptr) CHECK_EQ(wrapper->Release(), 0);
    return mm_finish("sdk_wrapped_pst");
}
