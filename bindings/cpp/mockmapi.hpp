/*
 * mockmapi.hpp — header-only C++17 helpers for testing MAPI providers with mockmapi (see README.md):
 *
 *   mockmapi::ComPtr<I>                 an owning interface pointer: Release when it goes away
 *   mockmapi::ComObject<I...>           a base for provider classes: IUnknown with an atomic reference count
 *                                       and a QueryInterface over IUnknown and the listed interfaces
 *   mockmapi::iid_of<I>()               the IID of an interface (MOCKMAPI_DECLARE_IID adds more)
 *   mockmapi::call_provider_init(...)   call XPProviderInit/ABProviderInit/MSProviderInit as MAPI does
 *   mockmapi::journal_text(), set_fast_shutdown_behavior(), ...   the control API in C++ terms
 *
 * It needs the interfaces in their C++ class form: build with -I include/mockmapi/sdk (mockmapi's
 * SDK-compatible headers), which also finds mockmapi.h.
 */
#ifndef MOCKMAPI_HPP
#define MOCKMAPI_HPP

#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>

#if !defined(MOCKMAPI_SDK_CLASSES)
#error "mockmapi.hpp needs the C++ class form of the MAPI interfaces: compile as C++ without CINTERFACE."
#endif

namespace mockmapi {

// ---- IIDs ------------------------------------------------------------------------------------------------

/// Specialized for every interface ComPtr::As and ComObject know; see MOCKMAPI_DECLARE_IID.
template <class Interface>
struct interface_traits;

/// The IID of `Interface`.
template <class Interface>
const IID &iid_of() {
    return interface_traits<Interface>::iid();
}

}  // namespace mockmapi

/// Teach the helpers an interface's IID (at global scope): `MOCKMAPI_DECLARE_IID(IMyInterface, IID_IMyInterface);`
#define MOCKMAPI_DECLARE_IID(Interface, iid_object)           \
    namespace mockmapi {                                      \
    template <>                                               \
    struct interface_traits<Interface> {                      \
        static const IID &iid() { return (iid_object); }      \
    };                                                        \
    }                                                         \
    static_assert(true, "MOCKMAPI_DECLARE_IID needs a semicolon")

MOCKMAPI_DECLARE_IID(IUnknown, IID_IUnknown);
MOCKMAPI_DECLARE_IID(IMAPISession, IID_IMAPISession);
MOCKMAPI_DECLARE_IID(IMAPIClientShutdown, IID_IMAPIClientShutdown);
MOCKMAPI_DECLARE_IID(IMAPIProviderShutdown, IID_IMAPIProviderShutdown);
MOCKMAPI_DECLARE_IID(IXPProvider, IID_IXPProvider);
MOCKMAPI_DECLARE_IID(IABProvider, IID_IABProvider);
MOCKMAPI_DECLARE_IID(IMSProvider, IID_IMSProvider);

namespace mockmapi {

/// IID_IMalloc, kept here because libmockmapi does not export it (the SDK headers only declare it).
inline constexpr IID iid_imalloc = {0x00000002, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

template <>
struct interface_traits<IMalloc> {
    static const IID &iid() { return iid_imalloc; }
};

// ---- ComPtr ----------------------------------------------------------------------------------------------

/// An owning pointer to a COM interface. Constructing from a raw pointer or copying AddRefs; Attach adopts a
/// reference without AddRef (what an out-parameter hands you); destruction, Reset and assignment Release.
template <class Interface>
class ComPtr {
  public:
    ComPtr() noexcept = default;
    ComPtr(std::nullptr_t) noexcept {}
    ComPtr(Interface *p) noexcept : p_(p) {
        if (p_ != nullptr) p_->AddRef();
    }
    ComPtr(const ComPtr &other) noexcept : ComPtr(other.p_) {}
    ComPtr(ComPtr &&other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    ~ComPtr() { Reset(); }
    ComPtr &operator=(ComPtr other) noexcept {
        std::swap(p_, other.p_);
        return *this;
    }

    /// Take over a reference the caller owns (no AddRef), releasing the current one.
    void Attach(Interface *p) noexcept {
        Reset();
        p_ = p;
    }
    /// Give up ownership of the reference without releasing it.
    Interface *Detach() noexcept { return std::exchange(p_, nullptr); }
    /// Release the reference now (if any).
    void Reset() noexcept {
        if (Interface *p = std::exchange(p_, nullptr)) p->Release();
    }
    Interface *Get() const noexcept { return p_; }
    Interface *operator->() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }
    /// For an out-parameter `Interface **`: releases the current reference first.
    Interface **ReleaseAndGetAddressOf() noexcept {
        Reset();
        return &p_;
    }
    /// For an out-parameter `void **` (QueryInterface): releases the current reference first.
    void **ReleaseAndGetVoidAddressOf() noexcept { return reinterpret_cast<void **>(ReleaseAndGetAddressOf()); }

    /// QueryInterface for `Other` (its IID from iid_of); `*out` is empty on failure.
    template <class Other>
    HRESULT As(ComPtr<Other> *out) const noexcept {
        return As(iid_of<Other>(), out);
    }
    template <class Other>
    HRESULT As(REFIID iid, ComPtr<Other> *out) const noexcept {
        if (out == nullptr) return E_POINTER;
        if (p_ == nullptr) {
            out->Reset();
            return E_POINTER;
        }
        return p_->QueryInterface(iid, out->ReleaseAndGetVoidAddressOf());
    }

  private:
    Interface *p_ = nullptr;
};

// ---- ComObject -------------------------------------------------------------------------------------------

/// A base for COM classes: `class CStore : public mockmapi::ComObject<IMSProvider, IMAPIProviderShutdown>`.
///
/// Implements QueryInterface, AddRef and Release for every listed interface (one object, one atomic reference
/// count). QueryInterface answers IID_IUnknown with the first interface and each listed interface's IID
/// (iid_of) with that interface, AddRef'ing; for anything else it calls QueryInterfaceFallback, which
/// answers E_NOINTERFACE unless overridden (forward to an inner object there, for instance). A new object
/// holds one reference, its creator's; the last Release deletes it. The virtual members the base adds come
/// after every interface method in the vtables, so the interface layouts are untouched.
template <class First, class... Rest>
class ComObject : public First, public Rest... {
  public:
    ComObject() = default;
    ComObject(const ComObject &) = delete;
    ComObject &operator=(const ComObject &) = delete;
    virtual ~ComObject() = default;

    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppv) override {
        if (ppv == nullptr) return E_POINTER;
        *ppv = nullptr;
        if (IsEqualIID(riid, IID_IUnknown)) {
            *ppv = static_cast<IUnknown *>(static_cast<First *>(this));
        } else if (!Find<First, Rest...>(riid, ppv)) {
            return QueryInterfaceFallback(riid, ppv);
        }
        AddRef();
        return S_OK;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return refs_.fetch_add(1, std::memory_order_relaxed) + 1; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete this;
        return left;
    }

    /// The current reference count (informational, as COM's AddRef/Release results are).
    ULONG RefCount() const noexcept { return refs_.load(); }

  protected:
    /// QueryInterface for an IID none of the listed interfaces has; sets nothing and returns E_NOINTERFACE
    /// by default. An override that succeeds must AddRef what it returns (forwarding to another object's
    /// QueryInterface does).
    virtual HRESULT QueryInterfaceFallback(REFIID riid, LPVOID *ppv) {
        (void)riid;
        (void)ppv;
        return E_NOINTERFACE;
    }

  private:
    template <class Interface, class... More>
    bool Find(REFIID riid, LPVOID *ppv) {
        if (IsEqualIID(riid, iid_of<Interface>())) {
            *ppv = static_cast<Interface *>(this);
            return true;
        }
        if constexpr (sizeof...(More) > 0) {
            return Find<More...>(riid, ppv);
        } else {
            return false;
        }
    }

    std::atomic<ULONG> refs_{1};
};

// ---- calling provider entry points -------------------------------------------------------------------------

/// An IMalloc over malloc/free: what call_provider_init hands providers as lpMalloc.
class Malloc final : public ComObject<IMalloc> {
  public:
    STDMETHODIMP_(void *) Alloc(SIZE_T cb) override { return std::malloc(cb); }
    STDMETHODIMP_(void *) Realloc(void *pv, SIZE_T cb) override { return std::realloc(pv, cb); }
    STDMETHODIMP_(void) Free(void *pv) override { std::free(pv); }
    STDMETHODIMP_(SIZE_T) GetSize(void *) override { return static_cast<SIZE_T>(-1); }
    STDMETHODIMP_(int) DidAlloc(void *) override { return -1; }
    STDMETHODIMP_(void) HeapMinimize() override {}
};

/// Call a provider entry point (XPProviderInit, ABProviderInit, MSProviderInit, or one reached through a
/// pointer) the way MAPI does: a fresh IMalloc, mockmapi's MAPIAllocateBuffer/MAPIAllocateMore/MAPIFreeBuffer,
/// ulMAPIVer = CURRENT_SPI_VERSION. `*provider` receives the provider object (one reference, the caller's);
/// `*provider_version`, if given, the SPI version the provider reported.
template <class Provider>
HRESULT call_provider_init(HRESULT(STDMAPIINITCALLTYPE *init)(HINSTANCE, LPMALLOC, LPALLOCATEBUFFER,
                                                              LPALLOCATEMORE, LPFREEBUFFER, ULONG, ULONG,
                                                              ULONG *, Provider **),
                           Provider **provider, ULONG *provider_version = nullptr, ULONG flags = 0) {
    if (init == nullptr || provider == nullptr) return E_INVALIDARG;
    ComPtr<IMalloc> malloc;
    malloc.Attach(new (std::nothrow) Malloc());
    if (!malloc) return E_OUTOFMEMORY;
    ULONG version = 0;
    HRESULT hr = init(nullptr, malloc.Get(), &MAPIAllocateBuffer, &MAPIAllocateMore, &MAPIFreeBuffer, flags,
                      CURRENT_SPI_VERSION, &version, provider);
    if (provider_version != nullptr) *provider_version = version;
    return hr;
}

// ---- the control API -------------------------------------------------------------------------------------

/// The whole journal, one line per event (mockmapi_journal_render).
inline std::string journal_text() {
    std::string text(mockmapi_journal_render(nullptr, 0) + 1, '\0');
    size_t length = mockmapi_journal_render(&text[0], text.size());
    text.resize(length < text.size() ? length : text.size() - 1);  // the journal may have grown meanwhile
    return text;
}

/// `MAPI_E_NO_SUPPORT (0x80040102)`, or just the hex form for a code mockmapi does not name.
inline std::string hresult_text(HRESULT hr) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08X", static_cast<unsigned>(hr));
    const char *name = mockmapi_hresult_name(hr);
    return name[0] != '\0' ? std::string(name) + " (" + hex + ")" : std::string(hex);
}

/// The key of the FastShutdownBehavior policy for an Office version ("16.0" is mockmapi's default).
inline std::string policy_key(const std::string &office_version = "16.0") {
    return "HKCU\\Software\\Policies\\Microsoft\\Office\\" + office_version + "\\Outlook\\Options\\Shutdown";
}

/// Set the FastShutdownBehavior policy (0, 1 or 2; other values count as 0) in the emulated registry.
inline HRESULT set_fast_shutdown_behavior(DWORD value, const std::string &office_version = "16.0") {
    return mockmapi_registry_set_dword(policy_key(office_version).c_str(), "FastShutdownBehavior", value);
}

/// Remove the FastShutdownBehavior policy value; S_OK also when it was not set.
inline HRESULT clear_fast_shutdown_behavior(const std::string &office_version = "16.0") {
    HRESULT hr = mockmapi_registry_delete_value(policy_key(office_version).c_str(), "FastShutdownBehavior");
    return hr == MAPI_E_NOT_FOUND ? S_OK : hr;
}

}  // namespace mockmapi

#endif  // MOCKMAPI_HPP
