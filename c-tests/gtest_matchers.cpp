// mockmapi-ctest: sdk
// mockmapi-ctest: gtest
// mockmapi-ctest: fail-run --gtest_also_run_disabled_tests --gtest_filter=Matchers.DISABLED_WrongOrderFailsWithTheDiff
// mockmapi-ctest: fail-output [  FAILED  ] Matchers.DISABLED_WrongOrderFailsWithTheDiff
// mockmapi-ctest: fail-output the journal does not hold the expected calls:
// mockmapi-ctest: fail-output expected call 2 of 2 not found in order
// The GoogleTest matchers of bindings/cpp/mockmapi_gtest.hpp: passing expectations, the diff of a failing one,
// and a deliberately wrong test (disabled; the driver runs it and checks that it fails with the diff).
#include <windows.h>
#include <mapix.h>

#include "mockmapi_gtest.hpp"

#include <string>

namespace {

class Matchers : public mockmapi::Test {
  protected:
    // Two fake providers: a transport and a store, both answering S_OK.
    void SetUpSession() {
        session_ = Logon();
        for (uint32_t kind : {MOCKMAPI_PROVIDER_STORE, MOCKMAPI_PROVIDER_TRANSPORT}) {
            mockmapi_fake_spec spec{};
            spec.kind = kind;
            spec.name = kind == MOCKMAPI_PROVIDER_STORE ? "store" : "transport";
            IUnknown *fake = nullptr;
            ASSERT_EQ(mockmapi_fake_provider_create(&spec, &fake), S_OK);
            AddProvider(session_, kind, spec.name, fake);
            fake->Release();
        }
        client_ = ClientShutdown(session_);
        ASSERT_EQ(client_->QueryFastShutdown(), S_OK);
        ASSERT_EQ(client_->NotifyProcessShutdown(), S_OK);
    }
    mockmapi::ComPtr<IMAPISession> session_;
    mockmapi::ComPtr<IMAPIClientShutdown> client_;
};

TEST_F(Matchers, ExactAndInOrderExpectationsPass) {
    SetUpSession();
    using mockmapi::Call;
    EXPECT_TRUE(mockmapi::CallsHappened({
        Call().Transport().Query().Result(S_OK),
        Call().Provider("store").Query(),
        Call().Transport().Notify(),
        Call().Store().Notify().Session(1),
    }));
    EXPECT_TRUE(mockmapi::CallsHappenedInOrder({Call().Store().Query(), Call().Transport().Notify()}));
    EXPECT_TRUE(mockmapi::NoViolations());
}

TEST_F(Matchers, AFailingExpectationCarriesTheDiff) {
    SetUpSession();
    using mockmapi::Call;
    ::testing::AssertionResult r = mockmapi::CallsHappened({Call().Store().Do()});
    EXPECT_FALSE(r);
    std::string message = r.message();
    EXPECT_NE(message.find("expected exactly 1 call(s), observed 4"), std::string::npos) << message;
    EXPECT_NE(message.find("transport \"transport\" QueryFastShutdown -> S_OK"), std::string::npos) << message;
}

TEST_F(Matchers, ViolationsAreListed) {
    session_ = Logon();
    client_ = ClientShutdown(session_);
    EXPECT_EQ(client_->DoFastShutdown(), MAPI_E_NO_SUPPORT);  // no query first: a violation
    ::testing::AssertionResult r = mockmapi::NoViolations();
    EXPECT_FALSE(r);
    EXPECT_NE(std::string(r.message()).find("DoFastShutdown: DoFastShutdown without a successful QueryFastShutdown"),
              std::string::npos)
        << r.message();
    mockmapi_journal_clear();  // the violation was the point of this test
}

// Deliberately wrong (store before transport): the driver runs it and expects the failure and the diff.
TEST_F(Matchers, DISABLED_WrongOrderFailsWithTheDiff) {
    SetUpSession();
    using mockmapi::Call;
    EXPECT_TRUE(mockmapi::CallsHappenedInOrder({Call().Store().Notify(), Call().Transport().Notify()}));
}

}  // namespace
