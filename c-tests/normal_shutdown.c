/* SPEC §5: normal shutdown. Logoff gives each provider Shutdown(&flags == 0) then Release, transport → address
 * book → store; calls on a logged-off session (other than Release) fail with a violation; a session released
 * without Logoff is logged off implicitly at the last MAPIUninitialize, with a diagnostic. */
#include "mm_test.h"

typedef struct fixture {
    tp_provider xp, ab, ms, ab2; /* ab2: a second address book, registered after the store */
    IMAPISession *s;
} fixture;

static int fixture_setup(fixture *f) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 0);
    tp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    tp_init(&f->ab2, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab2", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("normal");
    if (f->s == NULL) return 0;
    CHECK_HR(tp_attach(f->s, &f->ms), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab), S_OK);
    CHECK_HR(tp_attach(f->s, &f->xp), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab2), S_OK);
    return 1;
}

static void fixture_end(fixture *f) {
    if (f->s) f->s->lpVtbl->Release(f->s);
    mm_test_end();
}

/* The provider log since `m` is exactly: Shutdown then Release for each provider of `order`, in that order
 * (Shutdown's flags are checked to be 0 by the test provider itself). */
static int shutdown_then_release_in_order(mm_mark m, tp_provider *const *order, int n) {
    int len = atomic_load(&tp_log_len);
    if (len - m.tp_log != 2 * n) return 0;
    for (int i = 0; i < n; i++) {
        const tp_call *a = &tp_log[m.tp_log + 2 * i], *b = &tp_log[m.tp_log + 2 * i + 1];
        if (a->provider != order[i] || a->method != TP_SHUTDOWN) return 0;
        if (b->provider != order[i] || b->method != TP_RELEASE) return 0;
    }
    return 1;
}

static void print_log_since(mm_mark m) {
    static const char *names[] = {"", "QI(ProviderShutdown)", "QueryFastShutdown", "NotifyProcessShutdown",
                                  "DoFastShutdown", "Shutdown", "Release"};
    int len = atomic_load(&tp_log_len);
    for (int i = m.tp_log; i < len && i < TP_LOG_MAX; i++)
        fprintf(stderr, "    tp_log[%d]: %s %s\n", i, tp_log[i].provider->name, names[tp_log[i].method]);
}

static void test_MM_NS_ORDER_logoff_shuts_down_providers_transport_address_book_store(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_mark m = mm_mark_now();
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
        tp_provider *const order[] = {&f.xp, &f.ab, &f.ab2, &f.ms};
        if (!CHECK(shutdown_then_release_in_order(m, order, 4),
                   "Logoff: Shutdown then Release per provider, transport, address book (registration order), store"))
            print_log_since(m);
        for (int i = 0; i < 4; i++) {
            CHECK_EQ(atomic_load(&order[i]->n_shutdown), 1);
            CHECK_EQ(atomic_load(&order[i]->refs), 1); /* the runtime's reference is gone */
        }
        /* The journal agrees. */
        mockmapi_event ev[8];
        if (CHECK_EQ(mm_provider_calls_since(m, MOCKMAPI_METHOD_SHUTDOWN, ev, 8), 4)) {
            for (int i = 0; i < 4; i++) {
                CHECK(strcmp(ev[i].provider_name, order[i]->name) == 0, "journal: Shutdown order");
                CHECK_EQ(ev[i].provider_kind, order[i]->kind);
                CHECK_EQ(ev[i].session, 1);
            }
        }
        CHECK_EQ(mm_provider_calls_since(m, MOCKMAPI_METHOD_RELEASE, ev, 8), 4);
        /* No fast-shutdown method is involved in a normal shutdown. */
        CHECK_EQ(atomic_load(&f.ms.n_qi_shutdown), 0);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* A provider whose Shutdown fails still gets its Release, and the others are still shut down. */
static void test_MM_NS_ORDER_logoff_continues_after_a_failing_shutdown(void) {
    fixture f;
    if (fixture_setup(&f)) {
        f.xp.hr_shutdown = E_FAIL;
        mm_mark m = mm_mark_now();
        f.s->lpVtbl->Logoff(f.s, 0, 0, 0);
        tp_provider *const order[] = {&f.xp, &f.ab, &f.ab2, &f.ms};
        if (!CHECK(shutdown_then_release_in_order(m, order, 4), "Shutdown then Release for every provider"))
            print_log_since(m);
        CHECK_EQ(atomic_load(&f.xp.refs), 1);
    }
    fixture_end(&f);
}

/* Logoff of one session leaves the other sessions' providers alone. */
static void test_MM_NS_ORDER_logoff_touches_only_its_own_session(void) {
    fixture f;
    if (fixture_setup(&f)) {
        tp_provider other;
        tp_init(&other, MOCKMAPI_PROVIDER_TRANSPORT, "other", 1);
        IMAPISession *s2 = mm_logon("other");
        if (s2) {
            CHECK_HR(tp_attach(s2, &other), S_OK);
            CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
            CHECK_EQ(atomic_load(&other.n_shutdown), 0);
            CHECK_EQ(atomic_load(&other.n_release), 0);
            CHECK_EQ(atomic_load(&other.refs), 2);
            mm_mark m = mm_mark_now();
            CHECK_HR(s2->lpVtbl->Logoff(s2, 0, 0, 0), S_OK);
            tp_provider *const order[] = {&other};
            CHECK(shutdown_then_release_in_order(m, order, 1), "the second session's Logoff");
            s2->lpVtbl->Release(s2);
        }
        fixture_end(&f);
        CHECK_EQ(atomic_load(&other.refs), 1);
        return;
    }
    fixture_end(&f);
}

/* After Logoff only Release is allowed on the session: everything else is MAPI_E_CALL_FAILED and a violation. */
static void test_MM_NS_LOGGED_OFF_calls_on_logged_off_session_fail_with_violation(void) {
    fixture f;
    if (fixture_setup(&f)) {
        IMAPIClientShutdown *cs = mm_client_shutdown(f.s); /* obtained while logged on */
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
        int log_before = atomic_load(&tp_log_len);

        mm_mark m = mm_mark_now();
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, NULL);

        void *p = &f;
        m = mm_mark_now();
        CHECK_HR(f.s->lpVtbl->QueryInterface(f.s, &IID_IMAPIClientShutdown, &p), MAPI_E_CALL_FAILED);
        CHECK(p == NULL, "*ppv is set to NULL when QueryInterface fails");
        CHECK_VIOLATIONS(m, 1, NULL);

        IMAPITable *table = NULL;
        m = mm_mark_now();
        CHECK_HR(f.s->lpVtbl->GetStatusTable(f.s, 0, &table), MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, NULL);

        tp_provider late;
        tp_init(&late, MOCKMAPI_PROVIDER_STORE, "late", 1);
        m = mm_mark_now();
        CHECK_HR(tp_attach(f.s, &late), MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, NULL);
        CHECK_EQ(atomic_load(&late.refs), 1);

        if (cs) {
            m = mm_mark_now();
            CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), MAPI_E_CALL_FAILED);
            CHECK_VIOLATIONS(m, 1, NULL);
            m = mm_mark_now();
            CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), MAPI_E_CALL_FAILED);
            CHECK_VIOLATIONS(m, 1, NULL);
            m = mm_mark_now();
            CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), MAPI_E_CALL_FAILED);
            CHECK_VIOLATIONS(m, 1, NULL);
        }
        CHECK_EQ(atomic_load(&tp_log_len), log_before);

        /* Release is allowed. */
        m = mm_mark_now();
        if (cs) cs->lpVtbl->Release(cs);
        CHECK_EQ(f.s->lpVtbl->Release(f.s), 0);
        f.s = NULL;
        CHECK_VIOLATIONS(m, 0, NULL);
        /* MAPIUninitialize has nothing left to log off. */
        m = mm_mark_now();
        MAPIUninitialize();
        CHECK_EQ(atomic_load(&tp_log_len), log_before);
        CHECK_VIOLATIONS(m, 0, NULL);
        fixture_end(&f);
        CHECK_EQ(atomic_load(&late.refs), 1);
        return;
    }
    fixture_end(&f);
}

static void test_MM_NS_ORDER_session_released_without_logoff_is_logged_off_at_last_uninitialize(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(MAPIInitialize(NULL), S_OK); /* count 2 */
        CHECK_EQ(f.s->lpVtbl->Release(f.s), 0);
        f.s = NULL;
        CHECK_EQ(atomic_load(&f.xp.n_shutdown), 0); /* Release alone does not shut providers down */
        CHECK_EQ(atomic_load(&f.xp.refs), 2);

        mm_mark m = mm_mark_now();
        MAPIUninitialize(); /* count 1: not the last */
        CHECK_EQ(tp_log_since(m), 0);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL), 0);

        m = mm_mark_now();
        MAPIUninitialize(); /* the last one */
        tp_provider *const order[] = {&f.xp, &f.ab, &f.ab2, &f.ms};
        if (!CHECK(shutdown_then_release_in_order(m, order, 4), "implicit Logoff: Shutdown then Release, in order"))
            print_log_since(m);
        CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "the implicit Logoff is a diagnostic");
        CHECK_VIOLATIONS(m, 0, NULL);
        for (int i = 0; i < 4; i++) CHECK_EQ(atomic_load(&order[i]->refs), 1);
    }
    fixture_end(&f);
}

/* A session still held (not released, not logged off) is logged off at the last MAPIUninitialize as well. */
static void test_MM_NS_ORDER_session_held_without_logoff_is_logged_off_at_last_uninitialize(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_mark m = mm_mark_now();
        MAPIUninitialize();
        tp_provider *const order[] = {&f.xp, &f.ab, &f.ab2, &f.ms};
        if (!CHECK(shutdown_then_release_in_order(m, order, 4), "implicit Logoff: Shutdown then Release, in order"))
            print_log_since(m);
        CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "the implicit Logoff is a diagnostic");
        /* The client's reference is still valid to release. */
        m = mm_mark_now();
        CHECK_EQ(f.s->lpVtbl->Release(f.s), 0);
        f.s = NULL;
        CHECK_VIOLATIONS(m, 0, NULL);
        CHECK_EQ(tp_log_since(m), 0);
    }
    fixture_end(&f);
}

/* A session that was logged off is not logged off again at MAPIUninitialize (no diagnostic, no call). */
static void test_MM_NS_LOGGED_OFF_logged_off_session_is_not_logged_off_again_at_uninitialize(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
        f.s->lpVtbl->Release(f.s);
        f.s = NULL;
        mm_mark m = mm_mark_now();
        MAPIUninitialize();
        CHECK_EQ(tp_log_since(m), 0);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL), 0);
        CHECK_EQ(atomic_load(&f.ms.n_shutdown), 1);
        CHECK_EQ(atomic_load(&f.ms.n_release), 1);
    }
    fixture_end(&f);
}

/* The normal path, start to end, as a client writes it: no violation. */
static void test_normal_shutdown_sequence_is_clean(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
        CHECK_EQ(f.s->lpVtbl->Release(f.s), 0);
        f.s = NULL;
        MAPIUninitialize();
        CHECK_EQ(mockmapi_violation_count(), 0);
        CHECK_EQ(atomic_load(&f.xp.refs), 1);
        CHECK_EQ(atomic_load(&f.ab2.refs), 1);
    }
    fixture_end(&f);
}

int main(void) {
    MM_RUN(test_MM_NS_ORDER_logoff_shuts_down_providers_transport_address_book_store);
    MM_RUN(test_MM_NS_ORDER_logoff_continues_after_a_failing_shutdown);
    MM_RUN(test_MM_NS_ORDER_logoff_touches_only_its_own_session);
    MM_RUN(test_MM_NS_LOGGED_OFF_calls_on_logged_off_session_fail_with_violation);
    MM_RUN(test_MM_NS_ORDER_session_released_without_logoff_is_logged_off_at_last_uninitialize);
    MM_RUN(test_MM_NS_ORDER_session_held_without_logoff_is_logged_off_at_last_uninitialize);
    MM_RUN(test_MM_NS_LOGGED_OFF_logged_off_session_is_not_logged_off_again_at_uninitialize);
    MM_RUN(test_normal_shutdown_sequence_is_clean);
    return mm_finish("normal_shutdown");
}
