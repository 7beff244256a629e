// mockmapi-ctest: sdk
// mockmapi-ctest: source support/sdk_interfaces_calls.c
/*
 * The C++ form of every MAPI interface of mapidefs.h and mapiutil.h, used the way SDK-style provider classes
 * use it: each interface is implemented by a class that declares its methods with the SDK's
 * MAPI_I<NAME>_METHODS macros (with `override`, so a macro that does not match the interface fails to
 * compile). Then:
 *  - the vtable slot of every method, read from its pointer to member, is the documented one;
 *  - C code (support/sdk_interfaces_calls.c) calls every method of each object through its lpVtbl, and the
 *    C++ method that runs is the one of that name: the C struct form and the C++ class form of each interface
 *    are one ABI.
 */
#include <windows.h>
#include <initguid.h>
#define USES_IID_IMAPIProp
#include <mapiguid.h>
#include <mapidefs.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapitags.h>

#include "support/sdk_interfaces_calls.h"

#include <type_traits>

#include <cstdint>
#include <cstdio>
#include <cstring>

static int failures;
#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        if (!(cond)) {                                                      \
            ++failures;                                                     \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s -- ", __FILE__, __LINE__, #cond); \
            std::fprintf(stderr, __VA_ARGS__);                              \
            std::fputc('\n', stderr);                                       \
        }                                                                   \
    } while (0)

/* The method that ran last (its __func__), and how many calls the C side reported. */
static const char *mm_last = "";
static const char *mm_interface = "";
static int mm_expected, mm_seen_count;

static void mm_seen(const char *method) {
    ++mm_seen_count;
    CHECK(std::strcmp(mm_last, method) == 0, "%s: C called %s through lpVtbl, C++ ran %s", mm_interface, method,
          mm_last);
    mm_last = "";
}

static void mm_expect_calls(const char *iface, int n) {
    if (mm_expected != mm_seen_count)
        CHECK(false, "%s: expected %d calls from C, saw %d", mm_interface, mm_expected, mm_seen_count);
    mm_interface = iface;
    mm_expected = n;
    mm_seen_count = 0;
}

/* The vtable slot a pointer to a virtual member function designates (Itanium C++ ABI, as gcc and clang use
 * on every target, mingw included): the vtable offset plus one, or on ARM the offset with the flag in adj. */
template <class Member>
static long mm_slot_of(Member pmf) {
    struct {
        std::uintptr_t ptr;
        std::ptrdiff_t adj;
    } raw;
    static_assert(sizeof(pmf) == sizeof(raw), "pointer to member function layout");
    std::memcpy(&raw, &pmf, sizeof raw);
#if defined(__arm__) || defined(__aarch64__)
    if ((raw.adj & 1) == 0) return -1;
    return static_cast<long>(raw.ptr / sizeof(void *));
#else
    if ((raw.ptr & 1) == 0) return -1;
    return static_cast<long>((raw.ptr - 1) / sizeof(void *));
#endif
}
#define MM_SLOT(iface, method, slot)                                                                   \
    CHECK(mm_slot_of(&iface::method) == (slot), "%s::%s is vtable slot %ld, documented %d", #iface, #method, \
          mm_slot_of(&iface::method), (slot))

/* Each implementation records its own name and returns 0 (S_OK, or a count of 0). */
#define MM_IMPL                         \
    override {                          \
        mm_last = __func__;             \
        return 0;                       \
    }

#if defined(__clang__)
#pragma clang diagnostic ignored "-Wunused-parameter"
#else
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif

#include "support/sdk_interfaces_cpp.h"

/* The SPI methods whose parameter types the SDK documents: each member function has exactly that type. */
static_assert(std::is_same<decltype(&IXPProvider::TransportLogon), HRESULT (STDMETHODCALLTYPE IXPProvider::*)(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG *, LPMAPIERROR *, LPXPLOGON *)>::value, "IXPProvider::TransportLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG *, LPMAPIERROR *, LPXPLOGON *)");
static_assert(std::is_same<decltype(&IABProvider::Logon), HRESULT (STDMETHODCALLTYPE IABProvider::*)(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, ULONG *, LPBYTE *, LPMAPIERROR *, LPABLOGON *)>::value, "IABProvider::Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, ULONG *, LPBYTE *, LPMAPIERROR *, LPABLOGON *)");
static_assert(std::is_same<decltype(&IMSProvider::Logon), HRESULT (STDMETHODCALLTYPE IMSProvider::*)(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *, LPMAPIERROR *, LPMSLOGON *, LPMDB *)>::value, "IMSProvider::Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *, LPMAPIERROR *, LPMSLOGON *, LPMDB *)");
static_assert(std::is_same<decltype(&IMSProvider::SpoolerLogon), HRESULT (STDMETHODCALLTYPE IMSProvider::*)(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE, LPMAPIERROR *, LPMSLOGON *, LPMDB *)>::value, "IMSProvider::SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE, LPMAPIERROR *, LPMSLOGON *, LPMDB *)");
static_assert(std::is_same<decltype(&IMSProvider::CompareStoreIDs), HRESULT (STDMETHODCALLTYPE IMSProvider::*)(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *)>::value, "IMSProvider::CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *)");
static_assert(std::is_same<decltype(&IXPLogon::AddressTypes), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG *, ULONG *, LPTSTR **, ULONG *, LPMAPIUID **)>::value, "IXPLogon::AddressTypes(ULONG *, ULONG *, LPTSTR **, ULONG *, LPMAPIUID **)");
static_assert(std::is_same<decltype(&IXPLogon::TransportNotify), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG *, LPVOID *)>::value, "IXPLogon::TransportNotify(ULONG *, LPVOID *)");
static_assert(std::is_same<decltype(&IXPLogon::SubmitMessage), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG, LPMESSAGE, ULONG_PTR *, ULONG_PTR *)>::value, "IXPLogon::SubmitMessage(ULONG, LPMESSAGE, ULONG_PTR *, ULONG_PTR *)");
static_assert(std::is_same<decltype(&IXPLogon::EndMessage), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG_PTR, ULONG *)>::value, "IXPLogon::EndMessage(ULONG_PTR, ULONG *)");
static_assert(std::is_same<decltype(&IXPLogon::StartMessage), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG, LPMESSAGE, ULONG_PTR *)>::value, "IXPLogon::StartMessage(ULONG, LPMESSAGE, ULONG_PTR *)");
static_assert(std::is_same<decltype(&IXPLogon::OpenStatusEntry), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)>::value, "IXPLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)");
static_assert(std::is_same<decltype(&IXPLogon::FlushQueues), HRESULT (STDMETHODCALLTYPE IXPLogon::*)(ULONG_PTR, ULONG, LPENTRYID, ULONG)>::value, "IXPLogon::FlushQueues(ULONG_PTR, ULONG, LPENTRYID, ULONG)");
static_assert(std::is_same<decltype(&IMSLogon::Logoff), HRESULT (STDMETHODCALLTYPE IMSLogon::*)(ULONG *)>::value, "IMSLogon::Logoff(ULONG *)");
static_assert(std::is_same<decltype(&IMSLogon::OpenStatusEntry), HRESULT (STDMETHODCALLTYPE IMSLogon::*)(LPCIID, ULONG, ULONG *, LPVOID *)>::value, "IMSLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPVOID *)");
static_assert(std::is_same<decltype(&IABLogon::Logoff), HRESULT (STDMETHODCALLTYPE IABLogon::*)(ULONG)>::value, "IABLogon::Logoff(ULONG)");
static_assert(std::is_same<decltype(&IABLogon::OpenStatusEntry), HRESULT (STDMETHODCALLTYPE IABLogon::*)(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)>::value, "IABLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)");
static_assert(std::is_same<decltype(&IABLogon::OpenTemplateID), HRESULT (STDMETHODCALLTYPE IABLogon::*)(ULONG, LPENTRYID, ULONG, LPMAPIPROP, LPCIID, LPMAPIPROP *, LPMAPIPROP)>::value, "IABLogon::OpenTemplateID(ULONG, LPENTRYID, ULONG, LPMAPIPROP, LPCIID, LPMAPIPROP *, LPMAPIPROP)");
static_assert(std::is_same<decltype(&IMAPISupport::SpoolerNotify), HRESULT (STDMETHODCALLTYPE IMAPISupport::*)(ULONG, LPVOID)>::value, "IMAPISupport::SpoolerNotify(ULONG, LPVOID)");
static_assert(std::is_same<decltype(&IMAPISupport::SpoolerYield), HRESULT (STDMETHODCALLTYPE IMAPISupport::*)(ULONG)>::value, "IMAPISupport::SpoolerYield(ULONG)");
static_assert(std::is_same<decltype(&IMAPISupport::StoreLogoffTransports), HRESULT (STDMETHODCALLTYPE IMAPISupport::*)(ULONG *)>::value, "IMAPISupport::StoreLogoffTransports(ULONG *)");
static_assert(std::is_same<decltype(&IAddrBook::Address), HRESULT (STDMETHODCALLTYPE IAddrBook::*)(ULONG_PTR *, LPADRPARM, LPADRLIST *)>::value, "IAddrBook::Address(ULONG_PTR *, LPADRPARM, LPADRLIST *)");
static_assert(std::is_same<decltype(&IMsgServiceAdmin::CopyMsgService), HRESULT (STDMETHODCALLTYPE IMsgServiceAdmin::*)(LPMAPIUID, LPTSTR, LPCIID, LPCIID, LPVOID, ULONG_PTR, ULONG)>::value, "IMsgServiceAdmin::CopyMsgService(LPMAPIUID, LPTSTR, LPCIID, LPCIID, LPVOID, ULONG_PTR, ULONG)");
static_assert(std::is_same<decltype(&IProfAdmin::AdminServices), HRESULT (STDMETHODCALLTYPE IProfAdmin::*)(LPTSTR, LPTSTR, ULONG_PTR, ULONG, LPSERVICEADMIN *)>::value, "IProfAdmin::AdminServices(LPTSTR, LPTSTR, ULONG_PTR, ULONG, LPSERVICEADMIN *)");

int main() {
    mm_check_every_interface();
    mm_expect_calls("", 0);

    /* A class implementing two interfaces the SDK way, called through each base. */
    struct Both final : IMAPIProp, IMAPIAdviseSink {
        ULONG refs = 1;
        STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppv) override {
            if (ppv == nullptr) return E_POINTER;
            if (riid == IID_IUnknown || riid == IID_IMAPIProp) {
                *ppv = static_cast<IMAPIProp *>(this);
            } else {
                *ppv = nullptr;
                return E_NOINTERFACE;
            }
            AddRef();
            return S_OK;
        }
        STDMETHODIMP_(ULONG) AddRef() override { return ++refs; }
        STDMETHODIMP_(ULONG) Release() override { return --refs; }
        MAPI_IMAPIPROP_METHODS(MM_IMPL)
        MAPI_IMAPIADVISESINK_METHODS(MM_IMPL)
    } both;
    IMAPIProp *prop = &both;
    IMAPIAdviseSink *sink = &both;
    SizedSPropTagArray(2, tags) = {2, {PR_DISPLAY_NAME, PR_ENTRYID}};
    ULONG count = 7;
    LPSPropValue values = nullptr;
    CHECK(prop->GetProps(reinterpret_cast<LPSPropTagArray>(&tags), fMapiUnicode, &count, &values) == S_OK, "GetProps");
    CHECK(std::strcmp(mm_last, "GetProps") == 0, "GetProps ran %s", mm_last);
    NOTIFICATION n = {};
    n.ulEventType = fnevTableModified;
    n.info.tab.ulTableEvent = TABLE_ROW_ADDED;
    CHECK(sink->OnNotify(1, &n) == 0, "OnNotify");
    CHECK(std::strcmp(mm_last, "OnNotify") == 0, "OnNotify ran %s", mm_last);
    LPUNKNOWN unk = nullptr;
    CHECK(prop->QueryInterface(IID_IMAPIProp, reinterpret_cast<LPVOID *>(&unk)) == S_OK && unk == prop, "QI");
    CHECK(UlRelease(unk) == 1, "UlRelease through IUnknown");

    if (failures != 0) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::printf("sdk_interfaces: every interface's slots and C/C++ calls agree\n");
    return 0;
}
