#include "store_provider.h"

#include "mockmapi_gtest.hpp"

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
        mockmapi::Test::TearDown();
        EXPECT_EQ(store_->Release(), 0u);
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
    ASSERT_EQ(client->DoFastShutdown(), S_OK);
    EXPECT_EQ(saves_, 1);
    EXPECT_EQ(Violations(), 0u) << Journal();
}

TEST_F(StoreTest, LogoffShutsTheStoreDown) {
    ASSERT_EQ(session_->Logoff(0, 0, 0), S_OK);
    EXPECT_EQ(saves_, 1);
}

TEST_F(StoreTest, PolicyTwoDisablesFastShutdown) {
    SetFastShutdownBehavior(2);
    mockmapi::ComPtr<IMAPIClientShutdown> client = ClientShutdown(session_);
    ASSERT_TRUE(client);
    EXPECT_EQ(client->QueryFastShutdown(), MAPI_E_NO_SUPPORT);
    EXPECT_EQ(saves_, 0);
}

TEST(Version, HeaderMatchesLibrary) { EXPECT_STREQ(mockmapi_version(), MOCKMAPI_VERSION_STRING); }
