/* SPEC §2.6 and §4: NotifyProcessShutdown and DoFastShutdown reach providers only after the most recent client
 * QueryFastShutdown returned S_OK. Otherwise (no query, a failed query, policy 2) no provider is called, Notify
 * returns S_OK, Do returns MAPI_E_NO_SUPPORT, and each is a violation. Do without Notify still reaches providers
 * and is only a diagnostic. */
#include "mm_test.h"

typedef struct fixture {
    tp_provider xp, ab, ms;
    IMAPISession *s;
    IMAPIClientShutdown *cs;
} fixture;

static int fixture_setup(fixture *f) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    tp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("protocol");
    if (f->s == NULL) return 0;
    CHECK_HR(tp_attach(f->s, &f->xp), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ms), S_OK);
    f->cs = mm_client_shutdown(f->s);
    return f->cs != NULL;
}

static void fixture_end(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    mm_test_end();
    CHECK_EQ(atomic_load(&f->xp.refs), 1);
    CHECK_EQ(atomic_load(&f->ms.refs), 1);
}

/* Notify then Do, with no successful query before them: no provider called, S_OK then MAPI_E_NO_SUPPORT,
 * one violation each, and the subsystem is not exited (the normal shutdown still works). */
static void check_notify_and_do_are_refused(fixture *f, const char *situation) {
    mm_mark m = mm_mark_now();
    if (!CHECK_HR(f->cs->lpVtbl->NotifyProcessShutdown(f->cs), S_OK)) fprintf(stderr, "    %s\n", situation);
    if (!CHECK_VIOLATIONS(m, 1, NULL)) fprintf(stderr, "    %s: Notify\n", situation);
    mm_mark m2 = mm_mark_now();
    if (!CHECK_HR(f->cs->lpVtbl->DoFastShutdown(f->cs), MAPI_E_NO_SUPPORT)) fprintf(stderr, "    %s\n", situation);
    if (!CHECK_VIOLATIONS(m2, 1, NULL)) fprintf(stderr, "    %s: Do\n", situation);
    if (!CHECK_EQ(tp_log_since(m), 0)) fprintf(stderr, "    %s: a provider was called\n", situation);
    CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_PROVIDER_CALL, NULL), 0);
    CHECK_EQ(atomic_load(&f->xp.n_notify) + atomic_load(&f->ab.n_notify) + atomic_load(&f->ms.n_notify), 0);
    CHECK_EQ(atomic_load(&f->xp.n_do) + atomic_load(&f->ab.n_do) + atomic_load(&f->ms.n_do), 0);
    /* Not exited: Logoff works and reaches the providers. */
    mm_mark m3 = mm_mark_now();
    CHECK_HR(f->s->lpVtbl->Logoff(f->s, 0, 0, 0), S_OK);
    CHECK_VIOLATIONS(m3, 0, NULL);
    CHECK_EQ(atomic_load(&f->ms.n_shutdown), 1);
}

static void test_MM_FS_QUERY_FIRST_notify_and_do_without_any_query_call_no_provider(void) {
    fixture f;
    if (fixture_setup(&f)) check_notify_and_do_are_refused(&f, "no QueryFastShutdown");
    fixture_end(&f);
}

static void test_MM_FS_QUERY_FIRST_notify_and_do_after_failed_query_call_no_provider(void) {
    fixture f;
    if (fixture_setup(&f)) {
        f.ab.hr_query = MAPI_E_NO_SUPPORT;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        check_notify_and_do_are_refused(&f, "after a failed QueryFastShutdown");
    }
    fixture_end(&f);
}

static void test_MM_FS_QUERY_FIRST_notify_and_do_under_policy_2_call_no_provider(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(MM_POLICY_KEY, 2);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        check_notify_and_do_are_refused(&f, "policy 2");
    }
    fixture_end(&f);
}

/* Only the most recent query counts: S_OK, then a failed query, then Notify/Do → refused. */
static void test_MM_FS_QUERY_FIRST_notify_and_do_after_most_recent_query_failed_call_no_provider(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        mm_set_behavior(MM_PREFERENCE_KEY, 2);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        check_notify_and_do_are_refused(&f, "after S_OK then a failed QueryFastShutdown");
    }
    fixture_end(&f);
}

/* And the other way round: a failed query, then a successful one → the sequence works. */
static void test_MM_FS_QUERY_FIRST_notify_and_do_after_most_recent_query_succeeded_reach_providers(void) {
    fixture f;
    if (fixture_setup(&f)) {
        f.ab.hr_query = MAPI_E_NO_SUPPORT;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        f.ab.hr_query = S_OK;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.ab.n_notify), 1);
        CHECK_EQ(atomic_load(&f.ab.n_do), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* The query made through one session's interface enables Notify/Do through another session's interface:
 * the client shutdown interface covers the whole subsystem. */
static void test_MM_FS_QUERY_FIRST_notify_and_do_follow_query_from_any_session(void) {
    fixture f;
    if (fixture_setup(&f)) {
        IMAPISession *s2 = mm_logon("other");
        IMAPIClientShutdown *cs2 = s2 ? mm_client_shutdown(s2) : NULL;
        if (cs2 != NULL) {
            CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
            CHECK_HR(cs2->lpVtbl->NotifyProcessShutdown(cs2), S_OK);
            CHECK_HR(cs2->lpVtbl->DoFastShutdown(cs2), S_OK);
            CHECK_EQ(atomic_load(&f.xp.n_do), 1);
            CHECK_EQ(mockmapi_violation_count(), 0);
            cs2->lpVtbl->Release(cs2);
        }
        if (s2) s2->lpVtbl->Release(s2);
    }
    fixture_end(&f);
}

static void test_MM_FS_NOTIFY_do_without_notify_reaches_providers_with_diagnostic(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.xp.n_do), 1);
        CHECK_EQ(atomic_load(&f.ab.n_do), 1);
        CHECK_EQ(atomic_load(&f.ms.n_do), 1);
        CHECK_EQ(atomic_load(&f.ms.n_notify), 0);
        CHECK_VIOLATIONS(m, 0, NULL);
        CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "Do without Notify is a diagnostic");
    }
    fixture_end(&f);
}

/* With Notify in between there is nothing to report. */
static void test_MM_FS_NOTIFY_do_after_notify_gives_no_diagnostic(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL), 0);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* Notify may be repeated after one successful query; each call reaches every provider. */
static void test_MM_FS_NOTIFY_notify_twice_after_query_reaches_providers_twice(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.xp.n_notify), 2);
        CHECK_EQ(atomic_load(&f.ms.n_notify), 2);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

int main(void) {
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_without_any_query_call_no_provider);
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_after_failed_query_call_no_provider);
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_under_policy_2_call_no_provider);
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_after_most_recent_query_failed_call_no_provider);
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_after_most_recent_query_succeeded_reach_providers);
    MM_RUN(test_MM_FS_QUERY_FIRST_notify_and_do_follow_query_from_any_session);
    MM_RUN(test_MM_FS_NOTIFY_do_without_notify_reaches_providers_with_diagnostic);
    MM_RUN(test_MM_FS_NOTIFY_do_after_notify_gives_no_diagnostic);
    MM_RUN(test_MM_FS_NOTIFY_notify_twice_after_query_reaches_providers_twice);
    return mm_finish("fast_shutdown_protocol");
}
