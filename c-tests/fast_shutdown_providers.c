/* SPEC §2.2, §2.7, §3 (the table) and §4: how the providers' answers and the policy make the client's answers —
 * policy 2 calls nobody, providers without IMAPIProviderShutdown under 0 and 1, opting out, S_FALSE, and
 * providers failing NotifyProcessShutdown or DoFastShutdown. */
#include "mm_test.h"

typedef struct fixture {
    tp_provider xp, ab, ms, xp2; /* session 1: xp, ab, ms; session 2: xp2 */
    IMAPISession *s1, *s2;
    IMAPIClientShutdown *cs;
} fixture;

static tp_provider *all(fixture *f, int i) {
    tp_provider *p[] = {&f->xp, &f->ab, &f->ms, &f->xp2};
    return p[i];
}

/* Providers are configured by the caller between tp_init (done here) and fixture_attach. */
static void fixture_init(fixture *f) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    tp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    tp_init(&f->xp2, MOCKMAPI_PROVIDER_TRANSPORT, "xp2", 1);
}

static int fixture_attach(fixture *f) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s1 = mm_logon("one");
    f->s2 = mm_logon("two");
    if (f->s1 == NULL || f->s2 == NULL) return 0;
    CHECK_HR(tp_attach(f->s1, &f->ms), S_OK);
    CHECK_HR(tp_attach(f->s1, &f->ab), S_OK);
    CHECK_HR(tp_attach(f->s1, &f->xp), S_OK);
    CHECK_HR(tp_attach(f->s2, &f->xp2), S_OK);
    f->cs = mm_client_shutdown(f->s1);
    return f->cs != NULL;
}

static void fixture_end(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s1) f->s1->lpVtbl->Release(f->s1);
    if (f->s2) f->s2->lpVtbl->Release(f->s2);
    mm_test_end();
    for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&all(f, i)->refs), 1);
}

/* ---- policy 2 ---------------------------------------------------------------------------------------- */

static void test_MM_FS_POLICY_2_calls_no_provider(void) {
    const char *keys[] = {MM_POLICY_KEY, MM_PREFERENCE_KEY};
    for (int k = 0; k < 2; k++) {
        fixture f;
        fixture_init(&f);
        if (fixture_attach(&f)) {
            mm_set_behavior(keys[k], 2);
            mm_mark m = mm_mark_now();
            CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
            CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
            CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
            /* Not even QueryInterface(IID_IMAPIProviderShutdown), in any phase. */
            for (int i = 0; i < 4; i++) {
                tp_provider *p = all(&f, i);
                if (!CHECK_EQ(atomic_load(&p->n_qi_shutdown), 0)) fprintf(stderr, "    provider %s\n", p->name);
                CHECK_EQ(atomic_load(&p->n_query), 0);
                CHECK_EQ(atomic_load(&p->n_notify), 0);
                CHECK_EQ(atomic_load(&p->n_do), 0);
                CHECK_EQ(atomic_load(&p->n_shutdown), 0);
                CHECK_EQ(atomic_load(&p->n_release), 0);
            }
            CHECK_EQ(tp_log_since(m), 0);
            CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_PROVIDER_CALL, NULL), 0);
            /* Notify and Do after the refused query are the client's violations (one each). */
            CHECK_VIOLATIONS(m, 2, NULL);
            /* The fallback, normal shutdown, still works. */
            CHECK_HR(f.s1->lpVtbl->Logoff(f.s1, 0, 0, 0), S_OK);
            CHECK_EQ(atomic_load(&f.ms.n_shutdown), 1);
        }
        fixture_end(&f);
    }
}

/* ---- providers without IMAPIProviderShutdown --------------------------------------------------------- */

static void test_MM_FS_IFACE_policy_0_provider_without_interface_does_not_block(void) {
    fixture f;
    fixture_init(&f);
    f.ab.has_shutdown = 0;
    if (fixture_attach(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.ab.n_qi_shutdown), 1);
        CHECK_EQ(atomic_load(&f.ab.n_query), 0);
        CHECK_EQ(atomic_load(&f.xp.n_query), 1);
        CHECK_EQ(atomic_load(&f.ms.n_query), 1);
        CHECK_EQ(atomic_load(&f.xp2.n_query), 1);
        /* The sequence completes; the provider without the interface is simply not notified. */
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.ms.n_do), 1);
        CHECK_EQ(atomic_load(&f.ab.n_do), 0);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

static void test_MM_FS_IFACE_policy_0_explicit_value_provider_without_interface_does_not_block(void) {
    fixture f;
    fixture_init(&f);
    f.xp2.has_shutdown = 0;
    if (fixture_attach(&f)) {
        mm_set_behavior(MM_POLICY_KEY, 0);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.xp2.n_qi_shutdown), 1);
    }
    fixture_end(&f);
}

static void test_MM_FS_POLICY_1_provider_without_interface_blocks(void) {
    fixture f;
    fixture_init(&f);
    f.ab.has_shutdown = 0;
    if (fixture_attach(&f)) {
        mm_set_behavior(MM_POLICY_KEY, 1);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        /* Every other provider is still asked. */
        CHECK_EQ(atomic_load(&f.xp.n_query), 1);
        CHECK_EQ(atomic_load(&f.ms.n_query), 1);
        CHECK_EQ(atomic_load(&f.xp2.n_query), 1);
        CHECK_EQ(atomic_load(&f.ab.n_qi_shutdown), 1);
    }
    fixture_end(&f);
}

static void test_MM_FS_POLICY_1_every_provider_opts_in(void) {
    fixture f;
    fixture_init(&f);
    if (fixture_attach(&f)) {
        mm_set_behavior(MM_PREFERENCE_KEY, 1);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&all(&f, i)->n_do), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* ---- opting out ------------------------------------------------------------------------------------- */

static void check_opt_out(uint32_t behavior, HRESULT answer) {
    fixture f;
    fixture_init(&f);
    f.ab.hr_query = answer;
    if (fixture_attach(&f)) {
        mm_set_behavior(MM_POLICY_KEY, behavior);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        /* Every provider is queried even after one opted out (the journal shows every opt-out). */
        for (int i = 0; i < 4; i++) {
            tp_provider *p = all(&f, i);
            if (!CHECK_EQ(atomic_load(&p->n_query), 1))
                fprintf(stderr, "    provider %s, policy %u, opt-out with %s\n", p->name, behavior, mm_hr_text(answer));
        }
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), 4);
        mockmapi_event e;
        int found = 0;
        for (size_t i = 0; mockmapi_journal_get(i, &e) == S_OK; i++)
            if (e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL && e.method == MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN &&
                strcmp(e.provider_name, "ab") == 0)
                found = e.hresult == answer;
        CHECK(found, "the journal records the provider's opt-out answer");
        /* The client falls back to normal shutdown; fast shutdown was not started. */
        CHECK_EQ(atomic_load(&f.xp.n_notify), 0);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

static void test_MM_FS_QUERY_provider_opt_out_blocks_and_every_provider_is_still_queried(void) {
    check_opt_out(0, MAPI_E_NO_SUPPORT);
    check_opt_out(1, MAPI_E_NO_SUPPORT);
}

/* Any failure from a provider's QueryFastShutdown opts out, not only MAPI_E_NO_SUPPORT. */
static void test_MM_FS_QUERY_provider_failing_query_counts_as_opt_out(void) {
    check_opt_out(0, E_FAIL);
    check_opt_out(0, E_NOTIMPL);
}

/* The first provider and the last provider opting out, too (nothing special about the middle one). */
static void test_MM_FS_QUERY_provider_opt_out_at_either_end_blocks(void) {
    for (int which = 0; which < 2; which++) {
        fixture f;
        fixture_init(&f);
        (which == 0 ? &f.xp : &f.xp2)->hr_query = MAPI_E_NO_SUPPORT;
        if (fixture_attach(&f)) {
            CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
            for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&all(&f, i)->n_query), 1);
        }
        fixture_end(&f);
    }
}

/* A success code other than S_OK counts as support, and is reported as a diagnostic. */
static void test_MM_FS_QUERY_provider_s_false_counts_as_support_with_diagnostic(void) {
    for (uint32_t behavior = 0; behavior <= 1; behavior++) {
        fixture f;
        fixture_init(&f);
        f.ms.hr_query = S_FALSE;
        if (fixture_attach(&f)) {
            mm_set_behavior(MM_POLICY_KEY, behavior);
            mm_mark m = mm_mark_now();
            if (!CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK)) fprintf(stderr, "    policy %u\n", behavior);
            CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "S_FALSE is reported as a diagnostic");
            CHECK_VIOLATIONS(m, 0, NULL);
            CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
            CHECK_EQ(atomic_load(&f.ms.n_notify), 1);
        }
        fixture_end(&f);
    }
}

/* S_OK answers alone give no diagnostic (so the one above is about S_FALSE). */
static void test_MM_FS_QUERY_provider_s_ok_answers_give_no_diagnostic(void) {
    fixture f;
    fixture_init(&f);
    if (fixture_attach(&f)) {
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL), 0);
    }
    fixture_end(&f);
}

/* ---- failures during Notify and Do ------------------------------------------------------------------- */

static void test_provider_notify_failure_does_not_stop_fan_out(void) {
    fixture f;
    fixture_init(&f);
    f.xp.hr_notify = E_FAIL;
    f.ab.hr_notify = MAPI_E_NO_SUPPORT;
    if (fixture_attach(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        for (int i = 0; i < 4; i++) {
            tp_provider *p = all(&f, i);
            if (!CHECK_EQ(atomic_load(&p->n_notify), 1)) fprintf(stderr, "    provider %s\n", p->name);
        }
        /* A failed notification does not make DoFastShutdown fail. */
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&all(&f, i)->n_do), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

static void test_provider_do_failure_does_not_stop_fan_out_and_client_gets_no_support(void) {
    fixture f;
    fixture_init(&f);
    f.xp.hr_do = E_FAIL; /* the very first provider fails */
    if (fixture_attach(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        for (int i = 0; i < 4; i++) {
            tp_provider *p = all(&f, i);
            if (!CHECK_EQ(atomic_load(&p->n_do), 1)) fprintf(stderr, "    provider %s\n", p->name);
        }
        /* DoFastShutdown reached providers: the subsystem is exited all the same. */
        mm_mark m = mm_mark_now();
        CHECK_HR(MAPIInitialize(NULL), MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, "MAPI call after DoFastShutdown");
    }
    fixture_end(&f);
}

static void test_provider_do_failure_of_last_provider_gives_no_support(void) {
    fixture f;
    fixture_init(&f);
    f.xp2.hr_do = MAPI_E_NO_SUPPORT;
    if (fixture_attach(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&all(&f, i)->n_do), 1);
    }
    fixture_end(&f);
}

/* Every provider's DoFastShutdown succeeded (S_FALSE is a success) → S_OK. */
static void test_provider_do_success_codes_give_s_ok(void) {
    fixture f;
    fixture_init(&f);
    f.ab.hr_do = S_FALSE;
    if (fixture_attach(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 4);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

int main(void) {
    MM_RUN(test_MM_FS_POLICY_2_calls_no_provider);
    MM_RUN(test_MM_FS_IFACE_policy_0_provider_without_interface_does_not_block);
    MM_RUN(test_MM_FS_IFACE_policy_0_explicit_value_provider_without_interface_does_not_block);
    MM_RUN(test_MM_FS_POLICY_1_provider_without_interface_blocks);
    MM_RUN(test_MM_FS_POLICY_1_every_provider_opts_in);
    MM_RUN(test_MM_FS_QUERY_provider_opt_out_blocks_and_every_provider_is_still_queried);
    MM_RUN(test_MM_FS_QUERY_provider_failing_query_counts_as_opt_out);
    MM_RUN(test_MM_FS_QUERY_provider_opt_out_at_either_end_blocks);
    MM_RUN(test_MM_FS_QUERY_provider_s_false_counts_as_support_with_diagnostic);
    MM_RUN(test_MM_FS_QUERY_provider_s_ok_answers_give_no_diagnostic);
    MM_RUN(test_provider_notify_failure_does_not_stop_fan_out);
    MM_RUN(test_provider_do_failure_does_not_stop_fan_out_and_client_gets_no_support);
    MM_RUN(test_provider_do_failure_of_last_provider_gives_no_support);
    MM_RUN(test_provider_do_success_codes_give_s_ok);
    return mm_finish("fast_shutdown_providers");
}
