/* Expectations on the journal, queries, and the per-call budget. */
#include "mm_test.h"

static IMAPISession *setup_three(tp_provider *xp, tp_provider *ab, tp_provider *ms) {
    tp_init(xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    tp_init(ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    tp_attach(s, ms);
    tp_attach(s, xp);
    tp_attach(s, ab);
    return s;
}

static void test_expectation_that_matches(void) {
    tp_provider xp, ab, ms;
    IMAPISession *s = setup_three(&xp, &ab, &ms);
    ms.hr_query = S_FALSE;
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    mockmapi_event_filter want[] = {
        {0, 1, MOCKMAPI_PROVIDER_TRANSPORT, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "xp", 1, S_OK},
        {0, 1, MOCKMAPI_PROVIDER_ADDRESS_BOOK, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "ab", 0, 0},
        {0, 0, MOCKMAPI_PROVIDER_STORE, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, NULL, 1, S_FALSE},
    };
    char diff[2048] = "unchanged";
    size_t len = 99;
    CHECK_HR(mockmapi_journal_expect(want, 3, MOCKMAPI_EXPECT_EXACT, diff, sizeof diff, &len), S_OK);
    CHECK_EQ(len, 0);
    CHECK(diff[0] == '\0', "no diff on a match");
    /* In order, with gaps: the store call alone. */
    CHECK_HR(mockmapi_journal_expect(&want[2], 1, MOCKMAPI_EXPECT_IN_ORDER, NULL, 0, NULL), S_OK);
    /* A diagnostic expectation mixed in: S_FALSE is reported. */
    mockmapi_event_filter diag = {MOCKMAPI_EVENT_DIAGNOSTIC, 0, 0, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, NULL, 0, 0};
    CHECK_EQ(mockmapi_journal_count_matching(&diag), 1);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
}

static void test_expectation_mismatch_gives_a_readable_diff(void) {
    tp_provider xp, ab, ms;
    IMAPISession *s = setup_three(&xp, &ab, &ms);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    /* Wrong order: store before transport. */
    mockmapi_event_filter want[] = {
        {0, 0, MOCKMAPI_PROVIDER_STORE, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, NULL, 0, 0},
        {0, 0, MOCKMAPI_PROVIDER_TRANSPORT, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, NULL, 0, 0},
    };
    char diff[4096];
    size_t len = 0;
    CHECK_HR(mockmapi_journal_expect(want, 2, MOCKMAPI_EXPECT_EXACT, diff, sizeof diff, &len), MAPI_E_NOT_FOUND);
    CHECK(len == strlen(diff), "diff_length is the full length");
    CHECK(strstr(diff, "expected exactly 2 call(s), observed 3; first difference at position 1") != NULL, diff);
    CHECK(strstr(diff, "transport \"xp\" QueryFastShutdown -> S_OK") != NULL, diff);
    CHECK(strstr(diff, "(nothing more)") != NULL, diff);
    CHECK_HR(mockmapi_journal_expect(want, 2, MOCKMAPI_EXPECT_IN_ORDER, diff, sizeof diff, NULL), MAPI_E_NOT_FOUND);
    CHECK(strstr(diff, "expected call 2 of 2 not found in order") != NULL, diff);
    CHECK(strstr(diff, "happened earlier, out of order") != NULL, diff);
    /* A small buffer still gets a NUL-terminated prefix and the full length. */
    char small[16];
    CHECK_HR(mockmapi_journal_expect(want, 2, MOCKMAPI_EXPECT_EXACT, small, sizeof small, &len), MAPI_E_NOT_FOUND);
    CHECK(strlen(small) == 15 && len > 15, "truncated with snprintf rules");
    /* Bad arguments. */
    size_t before = mockmapi_violation_count();
    CHECK_HR(mockmapi_journal_expect(NULL, 2, MOCKMAPI_EXPECT_EXACT, NULL, 0, NULL), E_INVALIDARG);
    CHECK_HR(mockmapi_journal_expect(want, 2, 7, NULL, 0, NULL), E_INVALIDARG);
    mockmapi_event_filter bad = {9, 0, 0, 0, NULL, 0, 0};
    CHECK_HR(mockmapi_journal_expect(&bad, 1, MOCKMAPI_EXPECT_EXACT, NULL, 0, NULL), E_INVALIDARG);
    CHECK_EQ(mockmapi_violation_count(), before + 3);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
}

static void test_find_walks_matching_events(void) {
    tp_provider xp, ab, ms;
    IMAPISession *s = setup_three(&xp, &ab, &ms);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    mockmapi_event_filter calls = {MOCKMAPI_EVENT_PROVIDER_CALL, 0, 0, 0, NULL, 0, 0};
    size_t i = 0, found = 0;
    const char *names[3] = {"xp", "ab", "ms"};
    while (mockmapi_journal_find(&calls, i, &i) == S_OK) {
        mockmapi_event e;
        CHECK_HR(mockmapi_journal_get(i, &e), S_OK);
        if (found < 3) CHECK(strcmp(e.provider_name, names[found]) == 0, "find returns events in journal order");
        found++;
        i++;
    }
    CHECK_EQ(found, 3);
    CHECK_EQ(mockmapi_journal_count_matching(&calls), 3);
    CHECK_EQ(mockmapi_journal_count_matching(NULL), mockmapi_journal_count());
    CHECK_HR(mockmapi_journal_find(&calls, 0, NULL), E_INVALIDARG);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();
}

static void test_MM_FS_QUICK_provider_call_over_budget_is_a_diagnostic_with_the_time(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    mockmapi_fake_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.kind = MOCKMAPI_PROVIDER_STORE;
    spec.name = "slow store";
    spec.do_fast_shutdown_delay_ms = 40;
    IUnknown *fake = NULL;
    CHECK_HR(mockmapi_fake_provider_create(&spec, &fake), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_STORE, "slow store", fake), S_OK);
    mockmapi_journal_set_call_budget_ms(10);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "DoFastShutdown took"), "over-budget call reported");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "over the provider call budget of 10.0 ms"), "budget named");
    CHECK(!mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "QueryFastShutdown took"), "fast calls are not reported");
    mockmapi_journal_set_call_budget_ms(0);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    fake->lpVtbl->Release(fake);
    mockmapi_reset();
}

int main(void) {
    test_expectation_that_matches();
    test_expectation_mismatch_gives_a_readable_diff();
    test_find_walks_matching_events();
    test_MM_FS_QUICK_provider_call_over_budget_is_a_diagnostic_with_the_time();
    return mm_finish("harness_expect");
}
