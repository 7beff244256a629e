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
