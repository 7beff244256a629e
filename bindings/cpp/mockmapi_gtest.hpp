/*
 * mockmapi_gtest.hpp — a GoogleTest fixture for provider tests (header-only, C++17; see README.md):
 *
 *     class MyStoreTest : public mockmapi::Test {};
 *     TEST_F(MyStoreTest, SavesOnFastShutdown) {
 *         SetFastShutdownBehavior(1);
 *         mockmapi::ComPtr<IMAPISession> session = Logon();
 *         ...
 *     }
 *
 * Each test starts from a reset mockmapi (mockmapi_reset) with MAPIInitialize done, and ends with
 * MAPIUninitialize and another reset. When a test has failed, the fixture prints mockmapi's journal (every
 * client call, provider call, violation and diagnostic, in order) to stdout, after GoogleTest's report of
 * the failed assertions.
 */
#ifndef MOCKMAPI_GTEST_HPP
#define MOCKMAPI_GTEST_HPP

#include "mockmapi.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace mockmapi {

class Test : public ::testing::Test {
  protected:
    void SetUp() override {
        mockmapi_reset();
        MAPIINIT_0 init = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
        ASSERT_EQ(MAPIInitialize(&init), S_OK) << journal_text();
        initialized_ = true;
    }

    void TearDown() override {
        if (HasFailure()) PrintJournal();
        if (initialized_) MAPIUninitialize();
        initialized_ = false;
        mockmapi_reset();
    }

    /// Set the FastShutdownBehavior policy (0, 1, 2) for the emulated Office version.
    void SetFastShutdownBehavior(DWORD value) {
        ASSERT_EQ(set_fast_shutdown_behavior(value, office_version_), S_OK) << "setting the policy";
    }

    /// Remove the policy value (the behaviour is then 0 unless the user preference says otherwise).
    void ClearFastShutdownBehavior() {
        ASSERT_EQ(clear_fast_shutdown_behavior(office_version_), S_OK) << "removing the policy";
    }

    /// Emulate another Office version ("16.0" by default); the policy setters follow it.
    void SetOfficeVersion(const std::string &version) {
        ASSERT_EQ(mockmapi_policy_set_office_version(version.c_str()), S_OK) << version;
        office_version_ = version;
    }

    /// MAPILogonEx with a profile name; an empty pointer (and a test failure) if it fails.
    ComPtr<IMAPISession> Logon(const char *profile = "default", ULONG flags = MAPI_EXTENDED | MAPI_NEW_SESSION) {
        ComPtr<IMAPISession> session;
        HRESULT hr = MAPILogonEx(0, const_cast<LPTSTR>(profile), nullptr, flags, session.ReleaseAndGetAddressOf());
        EXPECT_EQ(hr, S_OK) << "MAPILogonEx returned " << hresult_text(hr);
        return session;
    }

    /// The session's IMAPIClientShutdown; an empty pointer (and a test failure) if QueryInterface fails.
    static ComPtr<IMAPIClientShutdown> ClientShutdown(const ComPtr<IMAPISession> &session) {
        ComPtr<IMAPIClientShutdown> client;
        HRESULT hr = session.As(&client);
        EXPECT_EQ(hr, S_OK) << "QueryInterface(IID_IMAPIClientShutdown) returned " << hresult_text(hr);
        return client;
    }

    /// Attach a provider object to a session as the profile would list it (kind: MOCKMAPI_PROVIDER_*).
    void AddProvider(const ComPtr<IMAPISession> &session, uint32_t kind, const char *name, IUnknown *provider) {
        ASSERT_EQ(mockmapi_session_add_provider(session.Get(), kind, name, provider), S_OK) << name;
    }

    static std::string Journal() { return journal_text(); }
    static size_t Violations() { return mockmapi_violation_count(); }

    /// Print the journal to stdout (where GoogleTest reports), as the fixture does after a failed test.
    void PrintJournal() const {
        const ::testing::TestInfo *info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::printf("---- mockmapi journal of %s.%s (%zu events, %zu violations) ----\n%s----\n",
                     info != nullptr ? info->test_suite_name() : "?", info != nullptr ? info->name() : "?",
                    mockmapi_journal_count(), mockmapi_violation_count(), journal_text().c_str());
        std::fflush(stdout);
    }

  private:
    bool initialized_ = false;
    std::string office_version_ = "16.0";
};

}  // namespace mockmapi

#endif  // MOCKMAPI_GTEST_HPP
