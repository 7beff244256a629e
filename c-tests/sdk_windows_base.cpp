// mockmapi-ctest: sdk
/*
 * The Windows base layer in C++: with SAL 1's __in/__out/__success defined by the SDK headers, the C++ standard
 * library still compiles after them (its headers that use those names are included first); critical
 * sections guard std::thread workers; strsafe.h and lstr* work on std::string data; __declspec and the
 * keyword spellings hold in C++.
 */
#include <windows.h>
#include <strsafe.h>
#include <ole2.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapiwin.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

static int failures;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            ++failures;                                                                   \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                 \
    } while (0)

static HRESULT STDMETHODCALLTYPE annotated(__in LPCSTR in, __out_ecount(cch) LPSTR out, __in ULONG cch) {
    return StringCchCopyA(out, cch, in);
}

class Guarded {
  public:
    Guarded() { InitializeCriticalSection(&cs_); }
    ~Guarded() { DeleteCriticalSection(&cs_); }
    void add(int n) {
        EnterCriticalSection(&cs_);
        values_.push_back(n);
        if (n % 2 == 0) add_nested();
        LeaveCriticalSection(&cs_);
    }
    size_t size() const { return values_.size(); }

  private:
    void add_nested() {
        EnterCriticalSection(&cs_); /* re-entered by its owner */
        ++nested_;
        LeaveCriticalSection(&cs_);
    }
    CRITICAL_SECTION cs_;
    std::vector<int> values_;
    long nested_ = 0;
};

int main() {
    Guarded g;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&g] {
            for (int i = 0; i < 5000; ++i) g.add(i);
        });
    for (auto &t : threads) t.join();
    CHECK(g.size() == 20000);

    std::string s = "provider";
    char out[5];
    CHECK(annotated(s.c_str(), out, sizeof out) == STRSAFE_E_INSUFFICIENT_BUFFER && std::string(out) == "prov");
    CHECK(lstrlenA(s.c_str()) == 8);
    std::ostringstream text;
    text << std::hex << MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH);
    CHECK(text.str() == "40c");
    std::map<std::string, LONG> m{{"a", 1}};
    CHECK(InterlockedIncrement(&m["a"]) == 2);
    std::atomic<int> a{0};
    int expected = 0;
    CHECK(a.compare_exchange_strong(expected, 1) && a.load() == 1);
    auto p = std::make_shared<int>(5);
    CHECK(*p == 5 && std::get<0>(std::make_tuple(1, 2)) == 1);
    static_assert(sizeof(unsigned __int64) == 8, "__int64");

    if (failures != 0) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::cout << "sdk_windows_base: the C++ standard library, critical sections and strsafe together\n";
    return 0;
}
