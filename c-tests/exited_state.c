/* SPEC §2.5 and §4: the subsystem is exited from the moment a client DoFastShutdown starts calling providers
 * (RULES.md MM-FS-EXITED). Every later MAPI call returns MAPI_E_CALL_FAILED and records a violation "MAPI call
 * after DoFastShutdown"; AddRef/Release on objects the client still holds are allowed; the runtime never calls a provider again (not even Release) —
 * until mockmapi_reset, which releases the runtime's references. */
#include "mm_test.h"

#define AFTER_EXIT "MAPI call after DoFastShutdown"

typedef struct fixture {
    tp_provider xp, ab, ms, ms2;
    IMAPISession *s, *s2;
    IMAPIClientShutdown *cs;
} fixture;

static tp_provider *all(fixture *f, int i) {
    tp_provider *p[] = {&f->xp, &f->ab, &f->ms, &f->ms2};
    return p[i];
}

/* Two sessions with providers, then the documented sequence up to a successful DoFastShutdown. */
static int fixture_exit(fixture *f) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 0); /* without IMAPIProviderShutdown */
    tp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    tp_init(&f->ms2, MOCKMAPI_PROVIDER_STORE, "ms2", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("exited");
    f->s2 = mm_logon("second");
    if (f->s == NULL || f->s2 == NULL) return 0;
    CHECK_HR(tp_attach(f->s, &f->xp), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ms), S_OK);
    CHECK_HR(tp_attach(f->s2, &f->ms2), S_OK);
    f->cs = mm_client_shutdown(f->s);
    if (f->cs == NULL) return 0;
    CHECK_HR(f->cs->lpVtbl->QueryFastShutdown(f->cs), S_OK);
    CHECK_HR(f->cs->lpVtbl->NotifyProcessShutdown(f->cs), S_OK);
    CHECK_HR(f->cs->lpVtbl->DoFastShutdown(f->cs), S_OK);
    CHECK_EQ(mockmapi_violation_count(), 0);
    return 1;
}

static void fixture_end(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    if (f->s2) f->s2->lpVtbl->Release(f->s2);
    mm_test_end();
}

/* `call` returned `hr`: it must be MAPI_E_CALL_FAILED with exactly one new "after DoFastShutdown" violation. */
static void check_refused(mm_mark m, HRESULT hr, const char *call) {
    if (!CHECK_HR(hr, MAPI_E_CALL_FAILED)) fprintf(stderr, "    call: %s\n", call);
    if (!CHECK_VIOLATIONS(m, 1, AFTER_EXIT)) fprintf(stderr, "    call: %s\n", call);
}

static void test_after_do_fast_shutdown_session_query_interface_fails(void) {
    fixture f;
    if (fixture_exit(&f)) {
        const IID *iids[] = {&IID_IUnknown, &IID_IMAPISession, &IID_IMAPIClientShutdown};
        for (int i = 0; i < 3; i++) {
            void *p = &f; /* any non-NULL value: it must be overwritten with NULL */
            mm_mark m = mm_mark_now();
            check_refused(m, f.s->lpVtbl->QueryInterface(f.s, iids[i], &p), "IMAPISession::QueryInterface");
            CHECK(p == NULL, "*ppv is set to NULL when QueryInterface fails");
        }
        /* Through the client shutdown interface as well. */
        void *p = &f;
        mm_mark m = mm_mark_now();
        check_refused(m, f.cs->lpVtbl->QueryInterface(f.cs, &IID_IMAPISession, &p),
                      "IMAPIClientShutdown::QueryInterface");
        CHECK(p == NULL, "*ppv is set to NULL when QueryInterface fails");
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_logoff_fails(void) {
    fixture f;
    if (fixture_exit(&f)) {
        mm_mark m = mm_mark_now();
        check_refused(m, f.s->lpVtbl->Logoff(f.s, 0, 0, 0), "Logoff");
        m = mm_mark_now();
        check_refused(m, f.s2->lpVtbl->Logoff(f.s2, 0, 0, 0), "Logoff (other session)");
        CHECK_EQ(atomic_load(&f.xp.n_shutdown), 0);
        CHECK_EQ(atomic_load(&f.ms2.n_shutdown), 0);
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_unmodelled_session_slot_fails(void) {
    fixture f;
    if (fixture_exit(&f)) {
        IMAPITable *table = NULL;
        mm_mark m = mm_mark_now();
        check_refused(m, f.s->lpVtbl->GetMsgStoresTable(f.s, 0, &table), "GetMsgStoresTable");
        CHECK(table == NULL, "the out-parameter is not written");
        m = mm_mark_now();
        IAddrBook *ab = NULL;
        check_refused(m, f.s2->lpVtbl->OpenAddressBook(f.s2, 0, NULL, 0, &ab), "OpenAddressBook");
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_mapi_entry_points_fail(void) {
    fixture f;
    if (fixture_exit(&f)) {
        IMAPISession *sentinel = (IMAPISession *)(void *)&f;
        IMAPISession *s = sentinel;
        mm_mark m = mm_mark_now();
        check_refused(m, MAPILogonEx(0, (LPTSTR) "after", NULL, 0, &s), "MAPILogonEx");
        CHECK(s == sentinel, "MAPILogonEx writes *lppSession only on success");

        m = mm_mark_now();
        check_refused(m, MAPIInitialize(NULL), "MAPIInitialize");

        m = mm_mark_now();
        MAPIUninitialize();
        CHECK_VIOLATIONS(m, 1, AFTER_EXIT);
        /* Uninitialize did not tear anything down. */
        for (int i = 0; i < 4; i++) {
            CHECK_EQ(atomic_load(&all(&f, i)->n_shutdown), 0);
            CHECK_EQ(atomic_load(&all(&f, i)->n_release), 0);
        }
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_allocate_functions_fail(void) {
    void *buffer = NULL;
    fixture f;
    memset(&f, 0, sizeof f);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(MAPIAllocateBuffer(16, &buffer), S_OK);
    MAPIUninitialize();
    if (fixture_exit(&f)) {
        void *p = NULL;
        mm_mark m = mm_mark_now();
        check_refused(m, MAPIAllocateBuffer(16, &p), "MAPIAllocateBuffer");
        CHECK(p == NULL, "MAPIAllocateBuffer writes its out-parameter only on success");
        m = mm_mark_now();
        check_refused(m, MAPIAllocateMore(16, buffer, &p), "MAPIAllocateMore");
    }
    fixture_end(&f);
}

/* MAPIFreeBuffer is a MAPI call like the others ("every later MAPI call"). */
static void test_after_do_fast_shutdown_free_buffer_fails(void) {
    void *buffer = NULL;
    fixture f;
    memset(&f, 0, sizeof f);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(MAPIAllocateBuffer(16, &buffer), S_OK);
    MAPIUninitialize();
    if (fixture_exit(&f)) {
        mm_mark m = mm_mark_now();
        check_refused(m, (HRESULT)MAPIFreeBuffer(buffer), "MAPIFreeBuffer");
        m = mm_mark_now();
        check_refused(m, (HRESULT)MAPIFreeBuffer(NULL), "MAPIFreeBuffer(NULL)");
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_client_shutdown_methods_fail(void) {
    fixture f;
    if (fixture_exit(&f)) {
        int log_before = atomic_load(&tp_log_len);
        mm_mark m = mm_mark_now();
        check_refused(m, f.cs->lpVtbl->QueryFastShutdown(f.cs), "QueryFastShutdown");
        m = mm_mark_now();
        check_refused(m, f.cs->lpVtbl->NotifyProcessShutdown(f.cs), "NotifyProcessShutdown");
        m = mm_mark_now();
        check_refused(m, f.cs->lpVtbl->DoFastShutdown(f.cs), "DoFastShutdown");
        CHECK_EQ(atomic_load(&tp_log_len), log_before);
        CHECK_EQ(atomic_load(&f.xp.n_do), 1);
        CHECK_EQ(atomic_load(&f.ms2.n_query), 1);
    }
    fixture_end(&f);
}

static void test_after_do_fast_shutdown_add_provider_fails(void) {
    fixture f;
    if (fixture_exit(&f)) {
        tp_provider late;
        tp_init(&late, MOCKMAPI_PROVIDER_TRANSPORT, "late", 1);
        mm_mark m = mm_mark_now();
        check_refused(m, tp_attach(f.s, &late), "mockmapi_session_add_provider");
        CHECK_EQ(atomic_load(&late.refs), 1);
        fixture_end(&f);
        CHECK_EQ(atomic_load(&late.refs), 1);
        CHECK_EQ(atomic_load(&late.n_release), 0);
        return;
    }
    fixture_end(&f);
}

/* AddRef/Release on objects the client still holds are allowed: no violation, no provider call. */
static void test_after_do_fast_shutdown_addref_release_are_allowed(void) {
    fixture f;
    if (fixture_exit(&f)) {
        int log_before = atomic_load(&tp_log_len);
        mm_mark m = mm_mark_now();
        ULONG a = f.s->lpVtbl->AddRef(f.s);
        ULONG b = f.s->lpVtbl->Release(f.s);
        CHECK_EQ(a, b + 1);
        a = f.cs->lpVtbl->AddRef(f.cs);
        b = f.cs->lpVtbl->Release(f.cs);
        CHECK_EQ(a, b + 1);
        /* Dropping every reference the client holds. */
        f.cs->lpVtbl->Release(f.cs);
        f.cs = NULL;
        CHECK_EQ(f.s->lpVtbl->Release(f.s), 0);
        f.s = NULL;
        CHECK_EQ(f.s2->lpVtbl->Release(f.s2), 0);
        f.s2 = NULL;
        CHECK_VIOLATIONS(m, 0, NULL);
        CHECK_EQ(atomic_load(&tp_log_len), log_before);
    }
    fixture_end(&f);
}

/* After fast shutdown the runtime calls no provider method at all — not Release, not Shutdown — whatever the
 * client does; mockmapi_reset then releases the references the runtime held. */
static void test_no_provider_call_after_do_fast_shutdown(void) {
    fixture f;
    if (fixture_exit(&f)) {
        tp_counts before[4];
        for (int i = 0; i < 4; i++) {
            before[i] = tp_counts_of(all(&f, i));
            /* The test's own, the runtime's, and the IMAPIProviderShutdown the runtime holds since the query. */
            CHECK_EQ(before[i].refs, 2 + all(&f, i)->has_shutdown);
            CHECK_EQ(before[i].shutdown, 0);
            CHECK_EQ(before[i].release, 0);
        }
        int log_before = atomic_load(&tp_log_len);

        /* Everything a client might still do on its way out. */
        f.s->lpVtbl->Logoff(f.s, 0, 0, 0);
        f.s2->lpVtbl->Logoff(f.s2, 0, 0, 0);
        f.cs->lpVtbl->QueryFastShutdown(f.cs);
        f.cs->lpVtbl->DoFastShutdown(f.cs);
        f.cs->lpVtbl->Release(f.cs);
        f.cs = NULL;
        f.s->lpVtbl->Release(f.s);
        f.s = NULL;
        f.s2->lpVtbl->Release(f.s2);
        f.s2 = NULL;
        MAPIUninitialize();
        MAPIUninitialize();

        for (int i = 0; i < 4; i++) {
            tp_provider *p = all(&f, i);
            if (!CHECK(tp_counts_equal(tp_counts_of(p), before[i]), "no provider call after DoFastShutdown"))
                fprintf(stderr, "    provider %s: shutdown %d release %d refs %ld\n", p->name,
                        atomic_load(&p->n_shutdown), atomic_load(&p->n_release), (long)atomic_load(&p->refs));
        }
        CHECK_EQ(atomic_load(&tp_log_len), log_before);
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_RELEASE), 0);
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_SHUTDOWN), 0);

        /* mockmapi_reset releases the runtime's references: back to the test's own one. */
        mockmapi_reset();
        for (int i = 0; i < 4; i++) {
            tp_provider *p = all(&f, i);
            if (!CHECK_EQ(atomic_load(&p->refs), 1)) fprintf(stderr, "    provider %s\n", p->name);
            CHECK_EQ(atomic_load(&p->n_release), 1);
        }
        /* And the exited state is gone. */
        CHECK_HR(MAPIInitialize(NULL), S_OK);
        IMAPISession *s = mm_logon("again");
        if (s) {
            CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
            s->lpVtbl->Release(s);
        }
        MAPIUninitialize();
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* A DoFastShutdown that reached no provider (refused: no successful query) does not exit the subsystem. */
static void test_refused_do_fast_shutdown_does_not_exit(void) {
    fixture f;
    memset(&f, 0, sizeof f);
    tp_init(&f.xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f.s = mm_logon("refused");
    if (f.s) {
        CHECK_HR(tp_attach(f.s, &f.xp), S_OK);
        f.cs = mm_client_shutdown(f.s);
        if (f.cs) {
            CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
            mm_mark m = mm_mark_now();
            IMAPISession *s2 = NULL;
            CHECK_HR(MAPILogonEx(0, (LPTSTR) "still-alive", NULL, 0, &s2), S_OK);
            if (s2) s2->lpVtbl->Release(s2);
            CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
            CHECK_VIOLATIONS(m, 0, NULL);
            CHECK_EQ(atomic_load(&f.xp.n_shutdown), 1);
        }
    }
    fixture_end(&f);
}

int main(void) {
    MM_RUN(test_after_do_fast_shutdown_session_query_interface_fails);
    MM_RUN(test_after_do_fast_shutdown_logoff_fails);
    MM_RUN(test_after_do_fast_shutdown_unmodelled_session_slot_fails);
    MM_RUN(test_after_do_fast_shutdown_mapi_entry_points_fail);
    MM_RUN(test_after_do_fast_shutdown_allocate_functions_fail);
    MM_RUN(test_after_do_fast_shutdown_free_buffer_fails);
    MM_RUN(test_after_do_fast_shutdown_client_shutdown_methods_fail);
    MM_RUN(test_after_do_fast_shutdown_add_provider_fails);
    MM_RUN(test_after_do_fast_shutdown_addref_release_are_allowed);
    MM_RUN(test_no_provider_call_after_do_fast_shutdown);
    MM_RUN(test_refused_do_fast_shutdown_does_not_exit);
    return mm_finish("exited_state");
}
