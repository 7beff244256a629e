// mockmapi.h used from C++17: REFIID is `const IID &`, IIDs are passed by reference, IsEqualIID compares
// references. A C++ provider (one per kind) and a C++ client run the documented fast shutdown over one session,
// then check the results, the exited state, and that mockmapi_reset releases the runtime's references.
#include "mockmapi.h"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const char *what, int line) {
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "cpp_client.cpp:%d: CHECK failed: %s\n", line, what);
    }
}

void check_hr(HRESULT got, HRESULT want, const char *what, int line) {
    if (got != want) {
        ++failures;
        std::fprintf(stderr, "cpp_client.cpp:%d: %s returned 0x%08X (%s), expected 0x%08X (%s)\n", line, what,
                     static_cast<unsigned>(got), mockmapi_hresult_name(got), static_cast<unsigned>(want),
                     mockmapi_hresult_name(want));
    }
}

#define CHECK(cond) check((cond), #cond, __LINE__)
#define CHECK_HR(expr, want) check_hr((expr), (want), #expr, __LINE__)

std::vector<std::string> calls; // "name:Method", in the order providers saw them

// A provider object laid out as COM requires: lpVtbl first, the IMAPIProviderShutdown interface embedded.
struct Provider {
    const mockmapi_provider_vtbl *lpVtbl;
    IMAPIProviderShutdown shutdown;
    std::atomic<long> refs;
    uint32_t kind;
    const char *name;

    static Provider *from(mockmapi_provider *p) { return reinterpret_cast<Provider *>(p); }
    static Provider *from(IMAPIProviderShutdown *s) {
        return reinterpret_cast<Provider *>(reinterpret_cast<char *>(s) - offsetof(Provider, shutdown));
    }
    void log(const char *method) { calls.push_back(std::string(name) + ":" + method); }

    static HRESULT STDMETHODCALLTYPE QueryInterface(mockmapi_provider *This, REFIID riid, void **ppv) {
        Provider *p = from(This);
        if (ppv == nullptr) return E_POINTER;
        if (IsEqualIID(riid, IID_IMAPIProviderShutdown)) {
            ++p->refs;
            *ppv = &p->shutdown;
            return S_OK;
        }
        if (IsEqualIID(riid, IID_IUnknown) ||
            (p->kind == MOCKMAPI_PROVIDER_TRANSPORT && IsEqualIID(riid, IID_IXPProvider)) ||
            (p->kind == MOCKMAPI_PROVIDER_ADDRESS_BOOK && IsEqualIID(riid, IID_IABProvider)) ||
            (p->kind == MOCKMAPI_PROVIDER_STORE && IsEqualIID(riid, IID_IMSProvider))) {
            ++p->refs;
            *ppv = p;
            return S_OK;
        }
        *ppv = nullptr;
        return E_NOINTERFACE;
    }
    static ULONG STDMETHODCALLTYPE AddRef(mockmapi_provider *This) { return static_cast<ULONG>(++from(This)->refs); }
    static ULONG STDMETHODCALLTYPE Release(mockmapi_provider *This) {
        from(This)->log("Release");
        return static_cast<ULONG>(--from(This)->refs);
    }
    static HRESULT STDMETHODCALLTYPE Shutdown(mockmapi_provider *This, ULONG *flags) {
        from(This)->log("Shutdown");
        return flags != nullptr && *flags == 0 ? S_OK : E_INVALIDARG;
    }

    static HRESULT STDMETHODCALLTYPE PsQueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
        return QueryInterface(reinterpret_cast<mockmapi_provider *>(from(This)), riid, ppv);
    }
    static ULONG STDMETHODCALLTYPE PsAddRef(IMAPIProviderShutdown *This) { return static_cast<ULONG>(++from(This)->refs); }
    static ULONG STDMETHODCALLTYPE PsRelease(IMAPIProviderShutdown *This) {
        return static_cast<ULONG>(--from(This)->refs);
    }
    static HRESULT STDMETHODCALLTYPE PsQuery(IMAPIProviderShutdown *This) {
        from(This)->log("QueryFastShutdown");
        return S_OK;
    }
    static HRESULT STDMETHODCALLTYPE PsNotify(IMAPIProviderShutdown *This) {
        from(This)->log("NotifyProcessShutdown");
        return S_OK;
    }
    static HRESULT STDMETHODCALLTYPE PsDo(IMAPIProviderShutdown *This) {
        from(This)->log("DoFastShutdown");
        return S_OK;
    }
};

const mockmapi_provider_vtbl provider_vtbl = {Provider::QueryInterface, Provider::AddRef, Provider::Release,
                                              Provider::Shutdown};
const IMAPIProviderShutdownVtbl shutdown_vtbl = {Provider::PsQueryInterface, Provider::PsAddRef, Provider::PsRelease,
                                                 Provider::PsQuery,          Provider::PsNotify, Provider::PsDo};

void init(Provider &p, uint32_t kind, const char *name) {
    p.lpVtbl = &provider_vtbl;
    p.shutdown.lpVtbl = &shutdown_vtbl;
    p.refs = 1;
    p.kind = kind;
    p.name = name;
}

IUnknown *unknown(Provider &p) { return reinterpret_cast<IUnknown *>(&p); }

size_t count_events(uint32_t type, uint32_t method) {
    size_t n = 0;
    mockmapi_event e;
    for (size_t i = 0; mockmapi_journal_get(i, &e) == S_OK; ++i)
        if (e.event_type == type && e.method == method) ++n;
    return n;
}

} // namespace

int main() {
    Provider xp{}, ab{}, ms{};
    init(xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp");
    init(ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab");
    init(ms, MOCKMAPI_PROVIDER_STORE, "ms");

    mockmapi_reset();
    CHECK_HR(MAPIInitialize(nullptr), S_OK);
    LPMAPISESSION s = nullptr;
    char profile[] = "cpp";
    CHECK_HR(MAPILogonEx(0, profile, nullptr, 0, &s), S_OK);
    if (s == nullptr) return 1;
    CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_STORE, "ms", unknown(ms)), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", unknown(ab)), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, "xp", unknown(xp)), S_OK);
    CHECK(xp.refs == 2 && ms.refs == 2);

    // REFIID is a reference in C++: the IID is passed as is.
    LPMAPICLIENTSHUTDOWN cs = nullptr;
    CHECK_HR(s->lpVtbl->QueryInterface(s, IID_IMAPIClientShutdown, reinterpret_cast<void **>(&cs)), S_OK);
    if (cs == nullptr) return 1;
    void *none = &xp;
    CHECK_HR(s->lpVtbl->QueryInterface(s, IID_IMAPIProviderShutdown, &none), E_NOINTERFACE);
    CHECK(none == nullptr);
    void *u1 = nullptr, *u2 = nullptr;
    CHECK_HR(s->lpVtbl->QueryInterface(s, IID_IUnknown, &u1), S_OK);
    CHECK_HR(cs->lpVtbl->QueryInterface(cs, IID_IUnknown, &u2), S_OK);
    CHECK(u1 != nullptr && u1 == u2);
    if (u1) static_cast<IUnknown *>(u1)->lpVtbl->Release(static_cast<IUnknown *>(u1));
    if (u2) static_cast<IUnknown *>(u2)->lpVtbl->Release(static_cast<IUnknown *>(u2));

    uint32_t behavior = 9;
    CHECK_HR(mockmapi_policy_get_behavior(&behavior), S_OK);
    CHECK(behavior == 0);

    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);

    const std::vector<std::string> expected = {
        "xp:QueryFastShutdown",     "ab:QueryFastShutdown",     "ms:QueryFastShutdown",
        "xp:NotifyProcessShutdown", "ab:NotifyProcessShutdown", "ms:NotifyProcessShutdown",
        "xp:DoFastShutdown",        "ab:DoFastShutdown",        "ms:DoFastShutdown",
    };
    CHECK(calls == expected);
    if (calls != expected)
        for (const std::string &c : calls) std::fprintf(stderr, "    provider call: %s\n", c.c_str());
    CHECK(count_events(MOCKMAPI_EVENT_PROVIDER_CALL, MOCKMAPI_METHOD_DO_FAST_SHUTDOWN) == 3);
    CHECK(mockmapi_violation_count() == 0);

    // Exited: a later MAPI call fails and is a violation; no provider is called, not even Release.
    const size_t calls_before = calls.size();
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), MAPI_E_CALL_FAILED);
    MAPIUninitialize();
    CHECK(mockmapi_violation_count() == 2);
    mockmapi_event v{};
    bool mentions = false;
    for (size_t i = 0; mockmapi_journal_get(i, &v) == S_OK; ++i)
        if (v.event_type == MOCKMAPI_EVENT_VIOLATION && std::strstr(v.message, "MAPI call after DoFastShutdown"))
            mentions = true;
    CHECK(mentions);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    CHECK(calls.size() == calls_before);
    // The test's own, the runtime's, and the IMAPIProviderShutdown it holds (never released after DoFastShutdown).
    CHECK(xp.refs == 3 && ab.refs == 3 && ms.refs == 3);

    // mockmapi_reset releases the runtime's references.
    mockmapi_reset();
    CHECK(xp.refs == 1 && ab.refs == 1 && ms.refs == 1);
    CHECK(mockmapi_journal_count() == 0);

    if (failures != 0) {
        std::fprintf(stderr, "cpp_client: %d check(s) failed\n", failures);
        return 1;
    }
    std::printf("cpp_client: PASS\n");
    return 0;
}
