/* SPEC §3: the registry policy FastShutdownBehavior — where it is read (policy key, then preference key, then
 * 0), what each value does, values that count as 0 with a diagnostic, values under another Office version,
 * the emulated Office version, and that the policy is read at each client QueryFastShutdown. */
#include "mm_test.h"

#define POLICY_KEY_14 "HKCU\\Software\\Policies\\Microsoft\\Office\\14.0\\Outlook\\Options\\Shutdown"
#define PREFERENCE_KEY_14 "HKCU\\Software\\Microsoft\\Office\\14.0\\Outlook\\Options\\Shutdown"
#define VALUE "FastShutdownBehavior"

/* One session with a transport that implements IMAPIProviderShutdown and answers S_OK, and an address book
 * that does not implement it. The three values then give three different observations:
 *   0 → S_OK, the transport queried;  1 → MAPI_E_NO_SUPPORT, the transport queried;
 *   2 → MAPI_E_NO_SUPPORT, nobody asked anything. */
typedef struct fixture {
    tp_provider xp, ab;
    IMAPISession *s;
    IMAPIClientShutdown *cs;
} fixture;

static int fixture_setup(fixture *f) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab-without-interface", 0);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("policy");
    if (f->s == NULL) return 0;
    CHECK_HR(tp_attach(f->s, &f->xp), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab), S_OK);
    f->cs = mm_client_shutdown(f->s);
    return f->cs != NULL;
}

static void fixture_teardown(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    mm_test_end();
}

/* Run one client QueryFastShutdown and deduce the behavior that was applied (-1: none of the three). */
static int observed_behavior(fixture *f) {
    int asked_before = tp_shutdown_iface_calls(&f->xp) + tp_shutdown_iface_calls(&f->ab);
    HRESULT hr = f->cs->lpVtbl->QueryFastShutdown(f->cs);
    int asked = tp_shutdown_iface_calls(&f->xp) + tp_shutdown_iface_calls(&f->ab) - asked_before;
    if (hr == S_OK && asked > 0) return 0;
    if (hr == MAPI_E_NO_SUPPORT && asked > 0) return 1;
    if (hr == MAPI_E_NO_SUPPORT && asked == 0) return 2;
    fprintf(stderr, "    QueryFastShutdown returned %s after %d provider call(s)\n", mm_hr_text(hr), asked);
    return -1;
}

static uint32_t reported_behavior(void) {
    uint32_t b = 99;
    CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
    return b;
}

static void check_each_value_under(const char *key) {
    for (uint32_t v = 0; v <= 2; v++) {
        fixture f;
        if (fixture_setup(&f)) {
            mm_set_behavior(key, v);
            CHECK_EQ(reported_behavior(), v);
            mm_mark m = mm_mark_now();
            if (!CHECK_EQ(observed_behavior(&f), v)) fprintf(stderr, "    value %u under %s\n", v, key);
            CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, VALUE), 0);
            CHECK_EQ(mockmapi_violation_count(), 0);
        }
        fixture_teardown(&f);
    }
}

static void test_MM_FS_POLICY_value_under_policy_key(void) { check_each_value_under(MM_POLICY_KEY); }

static void test_MM_FS_POLICY_value_under_preference_key(void) { check_each_value_under(MM_PREFERENCE_KEY); }

static void test_MM_FS_POLICY_key_wins_over_preference_key(void) {
    static const uint32_t pairs[][2] = {{0, 2}, {2, 0}, {1, 2}, {2, 1}, {0, 1}, {1, 0}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        fixture f;
        if (fixture_setup(&f)) {
            mm_set_behavior(MM_POLICY_KEY, pairs[i][0]);
            mm_set_behavior(MM_PREFERENCE_KEY, pairs[i][1]);
            CHECK_EQ(reported_behavior(), pairs[i][0]);
            if (!CHECK_EQ(observed_behavior(&f), pairs[i][0]))
                fprintf(stderr, "    policy %u, preference %u\n", pairs[i][0], pairs[i][1]);
        }
        fixture_teardown(&f);
    }
}

static void test_MM_FS_POLICY_absent_counts_as_0(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_EQ(reported_behavior(), 0);
        mm_mark m = mm_mark_now();
        CHECK_EQ(observed_behavior(&f), 0);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, VALUE), 0);
        /* A value that was set and deleted again is absent too. */
        mm_set_behavior(MM_POLICY_KEY, 2);
        CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, VALUE), S_OK);
        CHECK_EQ(reported_behavior(), 0);
        CHECK_EQ(observed_behavior(&f), 0);
    }
    fixture_teardown(&f);
}

/* A DWORD other than 0, 1, 2 counts as 0 and is reported as a diagnostic, under either key. */
static void test_MM_FS_POLICY_out_of_range_dword_counts_as_0_with_diagnostic(void) {
    const char *keys[] = {MM_POLICY_KEY, MM_PREFERENCE_KEY};
    const uint32_t values[] = {7, 3, 0xFFFFFFFFu};
    for (size_t k = 0; k < 2; k++) {
        for (size_t v = 0; v < 3; v++) {
            fixture f;
            if (fixture_setup(&f)) {
                mm_set_behavior(keys[k], values[v]);
                CHECK_EQ(reported_behavior(), 0);
                mm_mark m = mm_mark_now();
                if (!CHECK_EQ(observed_behavior(&f), 0)) fprintf(stderr, "    %u under %s\n", values[v], keys[k]);
                if (!CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1,
                           "an out-of-range FastShutdownBehavior is reported as a diagnostic"))
                    fprintf(stderr, "    %u under %s\n", values[v], keys[k]);
                CHECK_EQ(mockmapi_violation_count(), 0);
            }
            fixture_teardown(&f);
        }
    }
}

/* The policy key holds the value, so it decides — even when its value is invalid and counts as 0. */
static void test_MM_FS_POLICY_out_of_range_policy_value_is_not_replaced_by_preference(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(MM_POLICY_KEY, 7);
        mm_set_behavior(MM_PREFERENCE_KEY, 2);
        CHECK_EQ(reported_behavior(), 0);
        mm_mark m = mm_mark_now();
        CHECK_EQ(observed_behavior(&f), 0);
        CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "the invalid policy value is diagnosed");
    }
    fixture_teardown(&f);
}

/* The documented 14.0 location, while 16.0 is emulated: no effect, but a diagnostic says where it was found. */
static void test_MM_FS_POLICY_value_only_under_other_office_version_is_diagnosed(void) {
    const char *keys[] = {POLICY_KEY_14, PREFERENCE_KEY_14};
    for (size_t k = 0; k < 2; k++) {
        fixture f;
        if (fixture_setup(&f)) {
            mm_set_behavior(keys[k], 2);
            CHECK_EQ(reported_behavior(), 0);
            mm_mark m = mm_mark_now();
            if (!CHECK_EQ(observed_behavior(&f), 0)) fprintf(stderr, "    value under %s\n", keys[k]);
            if (!CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, "found under 14.0") >= 1,
                       "a diagnostic says the value was found under 14.0"))
                fprintf(stderr, "    value under %s\n", keys[k]);
            CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, "emulating 16.0") >= 1,
                  "the diagnostic names the emulated version");
            CHECK_EQ(mockmapi_violation_count(), 0);
        }
        fixture_teardown(&f);
    }
}

/* A value under the emulated version decides; a value under another version never overrides it. */
static void test_MM_FS_POLICY_value_under_emulated_version_beats_other_version(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(POLICY_KEY_14, 2);
        mm_set_behavior(MM_POLICY_KEY, 1);
        CHECK_EQ(reported_behavior(), 1);
        CHECK_EQ(observed_behavior(&f), 1);
    }
    fixture_teardown(&f);
}

static void test_MM_FS_POLICY_set_office_version_makes_that_version_effective(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(POLICY_KEY_14, 2);
        mm_set_behavior(MM_POLICY_KEY, 1);
        CHECK_HR(mockmapi_policy_set_office_version("14.0"), S_OK);
        CHECK_EQ(reported_behavior(), 2);
        mm_mark m = mm_mark_now();
        CHECK_EQ(observed_behavior(&f), 2);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, "found under 14.0"), 0);
        /* Back to 16.0: the 16.0 value decides again. */
        CHECK_HR(mockmapi_policy_set_office_version("16.0"), S_OK);
        CHECK_EQ(reported_behavior(), 1);
        CHECK_EQ(observed_behavior(&f), 1);
        /* The preference key of the emulated version is read too. */
        CHECK_HR(mockmapi_registry_delete_value(POLICY_KEY_14, VALUE), S_OK);
        mm_set_behavior(PREFERENCE_KEY_14, 1);
        CHECK_HR(mockmapi_policy_set_office_version("14.0"), S_OK);
        CHECK_EQ(reported_behavior(), 1);
        CHECK_EQ(observed_behavior(&f), 1);
    }
    fixture_teardown(&f);
    /* mockmapi_reset returns to the configured version (16.0 by default). */
    mm_set_behavior(POLICY_KEY_14, 2);
    CHECK_EQ(reported_behavior(), 0);
    mm_test_end();
}

static void test_MM_FS_POLICY_set_office_version_rejects_non_versions(void) {
    mm_mark m = mm_mark_now();
    CHECK_HR(mockmapi_policy_set_office_version(NULL), E_INVALIDARG);
    CHECK_HR(mockmapi_policy_set_office_version(""), E_INVALIDARG);
    CHECK_HR(mockmapi_policy_set_office_version("sixteen"), E_INVALIDARG);
    CHECK_HR(mockmapi_policy_set_office_version("16.0\\..\\14.0"), E_INVALIDARG);
    CHECK_VIOLATIONS(m, 4, NULL);
    /* Nothing changed: 16.0 is still emulated. */
    mm_set_behavior(MM_POLICY_KEY, 2);
    CHECK_EQ(reported_behavior(), 2);
    mm_test_end();
}

/* get_behavior tells what a QueryFastShutdown would apply, and neither calls nor journals anything. */
static void test_MM_FS_POLICY_get_behavior_reports_without_side_effects(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(MM_PREFERENCE_KEY, 1);
        mm_mark m = mm_mark_now();
        uint32_t b = 42;
        CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
        CHECK_EQ(b, 1);
        CHECK_EQ(mockmapi_journal_count(), m.events);
        CHECK_EQ(tp_log_since(m), 0);
        mm_set_behavior(MM_POLICY_KEY, 2);
        CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
        CHECK_EQ(b, 2);
        m = mm_mark_now();
        CHECK_HR(mockmapi_policy_get_behavior(NULL), E_INVALIDARG);
        CHECK_VIOLATIONS(m, 1, NULL);
    }
    fixture_teardown(&f);
}

/* The policy is read at each client QueryFastShutdown, so a change between two calls takes effect. */
static void test_MM_FS_POLICY_is_read_at_each_query_fast_shutdown(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_EQ(observed_behavior(&f), 0);
        mm_set_behavior(MM_POLICY_KEY, 2);
        CHECK_EQ(observed_behavior(&f), 2);
        mm_set_behavior(MM_POLICY_KEY, 1);
        CHECK_EQ(observed_behavior(&f), 1);
        mm_set_behavior(MM_PREFERENCE_KEY, 2);
        CHECK_EQ(observed_behavior(&f), 1);
        CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, VALUE), S_OK);
        CHECK_EQ(observed_behavior(&f), 2);
        CHECK_HR(mockmapi_registry_delete_value(MM_PREFERENCE_KEY, VALUE), S_OK);
        CHECK_EQ(observed_behavior(&f), 0);
        /* And the last answer is what Notify/Do go by: 0 now, so the sequence completes. */
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.xp.n_notify), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_teardown(&f);
}

/* Registry paths compare case-insensitively; HKEY_CURRENT_USER and HKCU name the same hive. */
static void test_MM_FS_POLICY_paths_compare_case_insensitively(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(mockmapi_registry_set_dword(
                     "HKEY_CURRENT_USER\\SOFTWARE\\policies\\MICROSOFT\\office\\16.0\\OUTLOOK\\options\\shutdown",
                     "fastshutdownbehavior", 2),
                 S_OK);
        CHECK_EQ(reported_behavior(), 2);
        CHECK_EQ(observed_behavior(&f), 2);
        uint32_t v = 0;
        CHECK_HR(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, &v), S_OK);
        CHECK_EQ(v, 2);
        CHECK_HR(mockmapi_registry_delete_value("hkcu\\software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown",
                                                "FASTSHUTDOWNBEHAVIOR"),
                 S_OK);
        CHECK_EQ(reported_behavior(), 0);
    }
    fixture_teardown(&f);
}

/* mockmapi_reset returns the registry to its configured contents (empty by default). */
static void test_MM_FS_POLICY_reset_restores_the_registry(void) {
    mm_set_behavior(MM_POLICY_KEY, 2);
    CHECK_EQ(reported_behavior(), 2);
    mockmapi_reset();
    CHECK_EQ(reported_behavior(), 0);
    uint32_t v = 77;
    CHECK_HR(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, &v), MAPI_E_NOT_FOUND);
    CHECK_EQ(v, 77);
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_FS_POLICY_value_under_policy_key);
    MM_RUN(test_MM_FS_POLICY_value_under_preference_key);
    MM_RUN(test_MM_FS_POLICY_key_wins_over_preference_key);
    MM_RUN(test_MM_FS_POLICY_absent_counts_as_0);
    MM_RUN(test_MM_FS_POLICY_out_of_range_dword_counts_as_0_with_diagnostic);
    MM_RUN(test_MM_FS_POLICY_out_of_range_policy_value_is_not_replaced_by_preference);
    MM_RUN(test_MM_FS_POLICY_value_only_under_other_office_version_is_diagnosed);
    MM_RUN(test_MM_FS_POLICY_value_under_emulated_version_beats_other_version);
    MM_RUN(test_MM_FS_POLICY_set_office_version_makes_that_version_effective);
    MM_RUN(test_MM_FS_POLICY_set_office_version_rejects_non_versions);
    MM_RUN(test_MM_FS_POLICY_get_behavior_reports_without_side_effects);
    MM_RUN(test_MM_FS_POLICY_is_read_at_each_query_fast_shutdown);
    MM_RUN(test_MM_FS_POLICY_paths_compare_case_insensitively);
    MM_RUN(test_MM_FS_POLICY_reset_restores_the_registry);
    return mm_finish("policy");
}
