// mockmapi-ctest: sdk
// mockmapi-ctest: gtest
// mockmapi-ctest: fail-run --gtest_also_run_disabled_tests --gtest_filter=StoreTest.DISABLED_ExpectsFastShutdownThePolicyForbids
// mockmapi-ctest: fail-output [  FAILED  ] StoreTest.DISABLED_ExpectsFastShutdownThePolicyForbids
// mockmapi-ctest: fail-output ---- mockmapi journal of StoreTest.DISABLED_ExpectsFastShutdownThePolicyForbids
// mockmapi-ctest: fail-output fast shutdown is disabled by the administrator
/*
 * A provider's GoogleTest suite written with the C++ helpers of bindings/cpp (mockmapi.hpp, mockmapi_gtest.hpp):
 * the store provider under test is a mockmapi::ComObject, each test is a mockmapi::Test (mockmapi reset and
 * initialized around it), and a failing test prints mockmapi's journal under GoogleTest's report.
 *
 * The last test is deliberately wrong and DISABLED_, so the suite passes; the C suite also runs it alone
 * (the fail-run directive above) and requires it to fail and print the journal.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi_gtest.hpp"

/* ---- the provider under test ------------------------------------------------------------------------ */

class CStore final : public mockmapi::ComObject<IMSProvider, IMAPIProviderShutdown> {
  public:
    explicit CStore(int *saves) : saves_(saves) {}

    /* IMSProvider */
    STDMETHODIMP Shutdown(ULONG *) override { return Save(); }
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

    /* IMAPIProviderShutdown */
    STDMETHODIMP QueryFastShutdown() override { return opt_out ? MAPI_E_NO_SUPPORT : S_OK; }
    STDMETHODIMP NotifyProcessShutdown() override { return S_OK; }
    STDMETHODIMP DoFastShutdown() override { return Save(); }

    bool opt_out = false;

  private:
    HRESULT Save() {
        ++*saves_;
        return S_OK;
    }
    int *saves_;
};

/* ---- the tests ---------------------------------------------------------------------------------------- */

class StoreTest : public mockmapi::Test {
  protected:
    void SetUp() override {
        mockmapi::Test::SetUp();
        session_ = Logon("Outlook");
        store_ = new CStore(&saves_);
        if (session_) AddProvider(session_, MOCKMAPI_PROVIDER_STORE, "my store", static_cast<IMSProvider *>(store_));
    }
    void TearDown() override {
        session_.Reset();
        mockmapi::Test::TearDown(); /* the reset releases the runtime's reference to the store */
        EXPECT_EQ(store_->Release(), 0u) << "the store was released as often as it was AddRef'd";
    }

    int saves_ = 0;
    CStore *store_ = nullptr;
    mockmapi::ComPtr<IMAPISession> session_;
};

TEST_F(StoreTest, SavesBeforeDoFastShutdownReturns) {
    mockmapi::ComPtr<IMAPIClientShutdown> client = ClientShutdown(session_);
    ASSERT_TRUE(client);
    ASSERT_EQ(client->QueryFastShutdown(), S_OK);
    ASSERT_EQ(client->NotifyProcessShutdown(), S_OK);
    EXPECT_EQ(saves_, 0);
    ASSERT_EQ(client->DoFastShutdown(), S_OK);
    EXPECT_EQ(saves_, 1);
    EXPECT_EQ(Violations(), 0u) << Journal();
}

TEST_F(StoreTest, LogoffShutsTheStoreDown) {
    ASSERT_EQ(session_->Logoff(0, 0, 0), S_OK);
    EXPECT_EQ(saves_, 1);
    EXPECT_EQ(Violations(), 0u);
}

TEST_F(StoreTest, OptingOutBlocksFastShutdown) {
    store_->opt_out = true;
    mockmapi::ComPtr<IMAPIClientShutdown> client = ClientShutdown(session_);
    ASSERT_TRUE(client);
    EXPECT_EQ(client->QueryFastShutdown(), MAPI_E_NO_SUPPORT);
    /* The client falls back to the normal shutdown. */
    ASSERT_EQ(session_->Logoff(0, 0, 0), S_OK);
    EXPECT_EQ(saves_, 1);
}

class PolicyTest : public StoreTest, public ::testing::WithParamInterface<DWORD> {};

TEST_P(PolicyTest, FastShutdownFollowsThePolicy) {
    SetFastShutdownBehavior(GetParam());
    mockmapi::ComPtr<IMAPIClientShutdown> client = ClientShutdown(session_);
    ASSERT_TRUE(client);
    if (GetParam() == 2) {
        EXPECT_EQ(client->QueryFastShutdown(), MAPI_E_NO_SUPPORT);
        EXPECT_EQ(mockmapi_journal_count_type(MOCKMAPI_EVENT_PROVIDER_CALL), 0u) << "no provider is called";
    } else {
        EXPECT_EQ(client->QueryFastShutdown(), S_OK);
        EXPECT_EQ(client->NotifyProcessShutdown(), S_OK);
        EXPECT_EQ(client->DoFastShutdown(), S_OK);
        EXPECT_EQ(saves_, 1);
    }
}

INSTANTIATE_TEST_SUITE_P(FastShutdownBehavior, PolicyTest, ::testing::Values(0u, 1u, 2u));

/* Deliberately wrong: policy 2 disables fast shutdown, so QueryFastShutdown cannot return S_OK. */
TEST_F(StoreTest, DISABLED_ExpectsFastShutdownThePolicyForbids) {
    SetFastShutdownBehavior(2);
    mockmapi::ComPtr<IMAPIClientShutdown> client = ClientShutdown(session_);
    ASSERT_TRUE(client);
    EXPECT_EQ(client->QueryFastShutdown(), S_OK);
}
