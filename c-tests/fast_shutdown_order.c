/* SPEC §2.3 and §4 (scope): the order in which the client IMAPIClientShutdown methods reach providers —
 * every active session in logon order, inside a session transport → address book → store, registration order
 * within a kind — seen from the providers' side (tp_log) and in the journal. */
#include "mm_test.h"

enum { N_PROVIDERS = 8 };

typedef struct two_sessions {
    tp_provider xp1a, xp1b, ab1, ms1a, ms1b; /* session 1: two transports and two stores */
    tp_provider xp2, ab2, ms2;               /* session 2: one of each */
    IMAPISession *s1, *s2;
    const tp_provider *expected[N_PROVIDERS];
    uint32_t expected_session[N_PROVIDERS];
} two_sessions;

/* Two sessions; providers registered out of kind order, and session 2's providers before session 1's. */
static void two_sessions_setup(two_sessions *t) {
    tp_init(&t->xp1a, MOCKMAPI_PROVIDER_TRANSPORT, "xp1a", 1);
    tp_init(&t->xp1b, MOCKMAPI_PROVIDER_TRANSPORT, "xp1b", 1);
    tp_init(&t->ab1, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab1", 1);
    tp_init(&t->ms1a, MOCKMAPI_PROVIDER_STORE, "ms1a", 1);
    tp_init(&t->ms1b, MOCKMAPI_PROVIDER_STORE, "ms1b", 1);
    tp_init(&t->xp2, MOCKMAPI_PROVIDER_TRANSPORT, "xp2", 1);
    tp_init(&t->ab2, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab2", 1);
    tp_init(&t->ms2, MOCKMAPI_PROVIDER_STORE, "ms2", 1);

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    t->s1 = mm_logon("first");
    t->s2 = mm_logon("second");
    if (t->s1 == NULL || t->s2 == NULL) return;

    CHECK_HR(tp_attach(t->s2, &t->ms2), S_OK);
    CHECK_HR(tp_attach(t->s2, &t->ab2), S_OK);
    CHECK_HR(tp_attach(t->s2, &t->xp2), S_OK);

    CHECK_HR(tp_attach(t->s1, &t->ms1a), S_OK);
    CHECK_HR(tp_attach(t->s1, &t->xp1a), S_OK);
    CHECK_HR(tp_attach(t->s1, &t->ab1), S_OK);
    CHECK_HR(tp_attach(t->s1, &t->ms1b), S_OK);
    CHECK_HR(tp_attach(t->s1, &t->xp1b), S_OK);

    const tp_provider *order[N_PROVIDERS] = {&t->xp1a, &t->xp1b, &t->ab1, &t->ms1a,
                                             &t->ms1b, &t->xp2,  &t->ab2, &t->ms2};
    uint32_t sessions[N_PROVIDERS] = {1, 1, 1, 1, 1, 2, 2, 2};
    memcpy(t->expected, order, sizeof order);
    memcpy(t->expected_session, sessions, sizeof sessions);
}

static void two_sessions_release(two_sessions *t) {
    if (t->s1) t->s1->lpVtbl->Release(t->s1);
    if (t->s2) t->s2->lpVtbl->Release(t->s2);
}

/* The journal's provider-call events of `method` since `m` name exactly the expected providers, in order. */
static void check_journal_order(const two_sessions *t, mm_mark m, uint32_t method, const char *method_name) {
    mockmapi_event ev[N_PROVIDERS + 4];
    size_t n = mm_provider_calls_since(m, method, ev, N_PROVIDERS + 4);
    if (!CHECK_EQ(n, N_PROVIDERS)) return;
    for (size_t i = 0; i < N_PROVIDERS; i++) {
        const tp_provider *p = t->expected[i];
        if (!CHECK(strcmp(ev[i].provider_name, p->name) == 0, "journal: providers reached in fan-out order"))
            fprintf(stderr, "    %s #%zu: journal names \"%s\", expected \"%s\"\n", method_name, i,
                    ev[i].provider_name, p->name);
        CHECK_EQ(ev[i].provider_kind, p->kind);
        CHECK_EQ(ev[i].session, t->expected_session[i]);
        CHECK_HR(ev[i].hresult, S_OK);
        CHECK(strcmp(ev[i].method_name, method_name) == 0, "journal: method name of the provider call");
    }
}

static void test_MM_FS_ORDER_query_fast_shutdown_logon_order_then_kind_then_registration(void) {
    two_sessions t;
    memset(&t, 0, sizeof t);
    two_sessions_setup(&t);
    if (t.s1 == NULL || t.s2 == NULL) {
        mm_test_end();
        return;
    }
    /* The client shutdown interface of the second session covers every session. */
    IMAPIClientShutdown *cs = mm_client_shutdown(t.s2);
    if (cs != NULL) {
        mm_mark m = mm_mark_now();
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        CHECK(tp_log_order_since(m, TP_QI_SHUTDOWN, t.expected, N_PROVIDERS),
              "QueryInterface(IID_IMAPIProviderShutdown): session 1 then 2, transport, address book, store");
        CHECK(tp_log_order_since(m, TP_QUERY, t.expected, N_PROVIDERS),
              "QueryFastShutdown: session 1 then 2, transport, address book, store, registration order");
        check_journal_order(&t, m, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "QueryFastShutdown");
        cs->lpVtbl->Release(cs);
    }
    CHECK_EQ(mockmapi_violation_count(), 0);
    two_sessions_release(&t);
    mm_test_end();
}

static void test_MM_FS_ORDER_notify_and_do_follow_the_same_order(void) {
    two_sessions t;
    memset(&t, 0, sizeof t);
    two_sessions_setup(&t);
    if (t.s1 == NULL || t.s2 == NULL) {
        mm_test_end();
        return;
    }
    /* This time through the first session's interface. */
    IMAPIClientShutdown *cs = mm_client_shutdown(t.s1);
    if (cs != NULL) {
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
        CHECK(tp_log_order_since(m, TP_NOTIFY, t.expected, N_PROVIDERS), "NotifyProcessShutdown order");
        check_journal_order(&t, m, MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN, "NotifyProcessShutdown");
        m = mm_mark_now();
        CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
        CHECK(tp_log_order_since(m, TP_DO, t.expected, N_PROVIDERS), "DoFastShutdown order");
        check_journal_order(&t, m, MOCKMAPI_METHOD_DO_FAST_SHUTDOWN, "DoFastShutdown");
        /* Each provider was called exactly once per phase. */
        for (int i = 0; i < N_PROVIDERS; i++) {
            tp_provider *p = (tp_provider *)t.expected[i];
            CHECK_EQ(atomic_load(&p->n_query), 1);
            CHECK_EQ(atomic_load(&p->n_notify), 1);
            CHECK_EQ(atomic_load(&p->n_do), 1);
        }
        cs->lpVtbl->Release(cs);
    }
    CHECK_EQ(mockmapi_violation_count(), 0);
    two_sessions_release(&t);
    mm_test_end();
}

/* A logged-off session is no longer active: it drops out of the fan-out, and the others keep their order. */
static void test_MM_FS_ORDER_only_active_sessions_are_visited(void) {
    two_sessions t;
    memset(&t, 0, sizeof t);
    two_sessions_setup(&t);
    if (t.s1 == NULL || t.s2 == NULL) {
        mm_test_end();
        return;
    }
    CHECK_HR(t.s1->lpVtbl->Logoff(t.s1, 0, 0, 0), S_OK);
    IMAPIClientShutdown *cs = mm_client_shutdown(t.s2);
    if (cs != NULL) {
        mm_mark m = mm_mark_now();
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        CHECK(tp_log_order_since(m, TP_QUERY, t.expected + 5, 3), "only session 2's providers, in kind order");
        CHECK_EQ(atomic_load(&t.xp1a.n_query), 0);
        CHECK_EQ(atomic_load(&t.ms1b.n_query), 0);
        cs->lpVtbl->Release(cs);
    }
    two_sessions_release(&t);
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_FS_ORDER_query_fast_shutdown_logon_order_then_kind_then_registration);
    MM_RUN(test_MM_FS_ORDER_notify_and_do_follow_the_same_order);
    MM_RUN(test_MM_FS_ORDER_only_active_sessions_are_visited);
    return mm_finish("fast_shutdown_order");
}
