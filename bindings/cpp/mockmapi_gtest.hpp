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
#include <initializer_list>
#include <string>
#include <vector>

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

/// One expected journal event for the matchers below; every part left out matches anything. By default it
/// stands for a provider call:
///
///     EXPECT_TRUE(mockmapi::CallsHappened({
///         mockmapi::Call().Transport().Query().Result(S_OK),
///         mockmapi::Call().Provider("my store").Do().Result(S_OK),
///     }));
class Call {
  public:
    Call &Session(uint32_t id) { filter_.session = id; return *this; }
    Call &Kind(uint32_t kind) { filter_.provider_kind = kind; return *this; }
    Call &Transport() { return Kind(MOCKMAPI_PROVIDER_TRANSPORT); }
    Call &AddressBook() { return Kind(MOCKMAPI_PROVIDER_ADDRESS_BOOK); }
    Call &Store() { return Kind(MOCKMAPI_PROVIDER_STORE); }
    Call &Provider(std::string name) { name_ = std::move(name); has_name_ = true; return *this; }
    Call &Method(uint32_t method) { filter_.method = method; return *this; }
    Call &Query() { return Method(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN); }
    Call &Notify() { return Method(MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN); }
    Call &Do() { return Method(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN); }
    Call &Shutdown() { return Method(MOCKMAPI_METHOD_SHUTDOWN); }
    Call &Release() { return Method(MOCKMAPI_METHOD_RELEASE); }
    Call &Result(HRESULT hr) { filter_.check_hresult = 1; filter_.hresult = hr; return *this; }
    /// Another event type (MOCKMAPI_EVENT_*): a client call, a violation, a diagnostic.
    Call &Type(uint32_t event_type) { filter_.event_type = event_type; return *this; }

    /// The C filter; valid while this Call lives.
    mockmapi_event_filter filter() const {
        mockmapi_event_filter f = filter_;
        f.provider_name = has_name_ ? name_.c_str() : nullptr;
        return f;
    }

  private:
    mockmapi_event_filter filter_{};
    std::string name_;
    bool has_name_ = false;
};

/// Whether the journal holds these events, in this order (`mode`: MOCKMAPI_EXPECT_EXACT — exactly these, one for
/// one — or MOCKMAPI_EXPECT_IN_ORDER — others may come between). On failure the message is the diff of expected
/// versus observed calls.
inline ::testing::AssertionResult CallsHappened(std::initializer_list<Call> calls,
                                                uint32_t mode = MOCKMAPI_EXPECT_EXACT) {
    std::vector<mockmapi_event_filter> filters;
    for (const Call &c : calls) filters.push_back(c.filter());
    size_t length = 0;
    HRESULT hr = mockmapi_journal_expect(filters.data(), filters.size(), mode, nullptr, 0, &length);
    if (hr == S_OK) return ::testing::AssertionSuccess();
    if (hr != MAPI_E_NOT_FOUND) return ::testing::AssertionFailure() << "mockmapi_journal_expect: " << hresult_text(hr);
    std::string diff(length + 1, '\0');
    mockmapi_journal_expect(filters.data(), filters.size(), mode, &diff[0], diff.size(), &length);
    diff.resize(length < diff.size() ? length : diff.size() - 1);
    return ::testing::AssertionFailure() << "the journal does not hold the expected calls:\n" << diff;
}

/// `CallsHappened(calls, MOCKMAPI_EXPECT_IN_ORDER)`.
inline ::testing::AssertionResult CallsHappenedInOrder(std::initializer_list<Call> calls) {
    return CallsHappened(calls, MOCKMAPI_EXPECT_IN_ORDER);
}

/// No protocol violation was recorded; on failure the message lists them.
inline ::testing::AssertionResult NoViolations() {
    size_t n = mockmapi_violation_count();
    if (n == 0) return ::testing::AssertionSuccess();
    ::testing::AssertionResult r = ::testing::AssertionFailure();
    r << n << " violation(s):";
    for (size_t i = 0; i < mockmapi_journal_count(); i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_VIOLATION)
            r << "\n  #" << e.sequence << " " << e.method_name << ": " << e.message;
    }
    return r;
}

}  // namespace mockmapi

#endif  // MOCKMAPI_GTEST_HPP
