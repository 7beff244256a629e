// cycle_bench.cpp — the fast-shutdown test cycle of cycle_mockmapi.c written with gmock, timed N times.
//
// There is no MAPI subsystem here: as a gmock test must, it mocks the provider-side interface
// (QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Shutdown), sets the expected calls
// in sequence (transport, address book, store for each phase; no Shutdown), drives them with a
// minimal hand-written fan-out standing in for the subsystem, and verifies the expectations.
// Each cycle builds its mocks and expectations, as each test does.
//
// Usage: cycle_bench [N]   (default 100000). Prints "gmock: <ns> ns/cycle".
#include <gmock/gmock.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using HRESULT = std::int32_t;
using ULONG = std::uint32_t;
constexpr HRESULT S_OK = 0;
constexpr HRESULT MAPI_E_NO_SUPPORT = static_cast<HRESULT>(0x80040102u);

// The provider-side shutdown surface, as a C++ interface.
class ProviderShutdown {
public:
    virtual ~ProviderShutdown() = default;
    virtual HRESULT QueryFastShutdown() = 0;
    virtual HRESULT NotifyProcessShutdown() = 0;
    virtual HRESULT DoFastShutdown() = 0;
    virtual HRESULT Shutdown(ULONG *lpulFlags) = 0;
};

class MockProvider : public ProviderShutdown {
public:
    MOCK_METHOD(HRESULT, QueryFastShutdown, (), (override));
    MOCK_METHOD(HRESULT, NotifyProcessShutdown, (), (override));
    MOCK_METHOD(HRESULT, DoFastShutdown, (), (override));
    MOCK_METHOD(HRESULT, Shutdown, (ULONG *), (override));
};

// The stand-in for the subsystem: one fan-out per client call, in registration order.
struct FanOut {
    std::vector<ProviderShutdown *> providers;
    HRESULT query() {
        HRESULT hr = S_OK;
        for (auto *p : providers)
            if (p->QueryFastShutdown() < 0) hr = MAPI_E_NO_SUPPORT;
        return hr;
    }
    HRESULT notify() {
        for (auto *p : providers) p->NotifyProcessShutdown();
        return S_OK;
    }
    HRESULT do_shutdown() {
        HRESULT hr = S_OK;
        for (auto *p : providers)
            if (p->DoFastShutdown() < 0) hr = MAPI_E_NO_SUPPORT;
        return hr;
    }
};

static int failures;

static void cycle() {
    using ::testing::_;
    using ::testing::Return;
    ::testing::StrictMock<MockProvider> xp, ab, ms;
    MockProvider *all[3] = {&xp, &ab, &ms};
    {
        ::testing::InSequence seq;
        for (auto *p : all) EXPECT_CALL(*p, QueryFastShutdown()).WillOnce(Return(S_OK));
        for (auto *p : all) EXPECT_CALL(*p, NotifyProcessShutdown()).WillOnce(Return(S_OK));
        for (auto *p : all) EXPECT_CALL(*p, DoFastShutdown()).WillOnce(Return(S_OK));
    }
    for (auto *p : all) EXPECT_CALL(*p, Shutdown(_)).Times(0);

    FanOut sub;
    sub.providers = {&xp, &ab, &ms};
    if (sub.query() != S_OK) failures++;
    if (sub.notify() != S_OK) failures++;
    if (sub.do_shutdown() != S_OK) failures++;

    for (auto *p : all)
        if (!::testing::Mock::VerifyAndClearExpectations(p)) failures++;
}

int main(int argc, char **argv) {
    ::testing::InitGoogleMock(&argc, argv);
    long n = argc > 1 ? std::atol(argv[1]) : 100000;

    for (long i = 0; i < n / 10 + 1; i++) cycle();  // warm-up
    auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < n; i++) cycle();
    auto t1 = std::chrono::steady_clock::now();

    if (failures != 0) {
        std::fprintf(stderr, "cycle_bench: %d check(s) failed\n", failures);
        return 1;
    }
    double ns = std::chrono::duration<double, std::nano>(t1 - t0).count();
    std::printf("gmock: %.0f ns/cycle (%ld cycles)\n", ns / static_cast<double>(n), n);
    return 0;
}
