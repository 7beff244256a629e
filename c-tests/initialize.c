/* SPEC §1 (entry points) and §4: MAPIInitialize is reference counted and the last balanced MAPIUninitialize tears
 * the subsystem down; any MAPI call before MAPIInitialize returns MAPI_E_NOT_INITIALIZED; MAPIUninitialize without
 * a matching MAPIInitialize records a violation and does nothing else. */
#include "mm_test.h"

static void test_MM_INIT_calls_before_initialize_return_not_initialized(void) {
    IMAPISession *sentinel = (IMAPISession *)(void *)&sentinel;
    IMAPISession *s = sentinel;
    CHECK_HR(MAPILogonEx(0, (LPTSTR) "early", NULL, 0, &s), MAPI_E_NOT_INITIALIZED);
    CHECK(s == sentinel, "*lppSession is written only on success");

    void *p = &s;
    CHECK_HR(MAPIAllocateBuffer(16, &p), MAPI_E_NOT_INITIALIZED);
    CHECK(p == (void *)&s, "*lppBuffer is written only on success");
    CHECK_HR(MAPIAllocateMore(16, &s, &p), MAPI_E_NOT_INITIALIZED);
    CHECK(p == (void *)&s, "*lppBuffer is written only on success");

    /* Then MAPIInitialize makes them work. */
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    s = mm_logon("now");
    if (s) s->lpVtbl->Release(s);
    CHECK_HR(MAPIAllocateBuffer(16, &p), S_OK);
    CHECK_EQ(MAPIFreeBuffer(p), 0);
    MAPIUninitialize();
    mm_test_end();
}

/* MAPIFreeBuffer is a MAPI call like the others ("any MAPI call before MAPIInitialize"). */
static void test_MM_INIT_free_buffer_before_initialize_returns_not_initialized(void) {
    CHECK_HR((HRESULT)MAPIFreeBuffer(NULL), MAPI_E_NOT_INITIALIZED);
    int not_a_buffer = 0;
    CHECK_HR((HRESULT)MAPIFreeBuffer(&not_a_buffer), MAPI_E_NOT_INITIALIZED);
    mm_test_end();
}

/* After the last MAPIUninitialize the subsystem is back to "not initialized": calls that need no session return
 * MAPI_E_NOT_INITIALIZED, while calls on a session the client still holds, and the control API on it, are calls on a
 * logged-off session (the last MAPIUninitialize logged it off) and return MAPI_E_CALL_FAILED (SPEC §5; the order of
 * checks is in docs/bad-input.md). */
static void test_MM_INIT_calls_after_last_uninitialize_return_not_initialized(void) {
    tp_provider xp;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("held");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    MAPIUninitialize();
    if (cs) {
        int log_before = atomic_load(&tp_log_len);
        CHECK_HR(tp_attach(s, &xp), MAPI_E_CALL_FAILED);
        CHECK_EQ(atomic_load(&xp.refs), 1);
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), MAPI_E_CALL_FAILED);
        void *p = NULL;
        CHECK_HR(MAPIAllocateBuffer(8, &p), MAPI_E_NOT_INITIALIZED);
        IMAPISession *s2 = NULL;
        CHECK_HR(MAPILogonEx(0, NULL, NULL, 0, &s2), MAPI_E_NOT_INITIALIZED);
        CHECK(s2 == NULL, "no session");
        CHECK_EQ(atomic_load(&tp_log_len), log_before);
        cs->lpVtbl->Release(cs);
    }
    if (s) s->lpVtbl->Release(s);
    mm_test_end();
}

static void test_MM_INIT_unbalanced_uninitialize_is_a_violation_and_nothing_else(void) {
    mm_mark m = mm_mark_now();
    MAPIUninitialize();
    CHECK_VIOLATIONS(m, 1, NULL);

    /* The count did not go below zero: one MAPIInitialize is balanced by exactly one MAPIUninitialize. */
    tp_provider xp;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("after-unbalanced");
    if (s) {
        CHECK_HR(tp_attach(s, &xp), S_OK);
        s->lpVtbl->Release(s);
    }
    m = mm_mark_now();
    MAPIUninitialize(); /* the last one: tears down */
    CHECK_VIOLATIONS(m, 0, NULL);
    CHECK_EQ(atomic_load(&xp.n_shutdown), 1);
    CHECK_EQ(atomic_load(&xp.refs), 1);

    /* Unbalanced again after a full cycle: a violation, no provider call. */
    m = mm_mark_now();
    MAPIUninitialize();
    CHECK_VIOLATIONS(m, 1, NULL);
    CHECK_EQ(tp_log_since(m), 0);

    /* And a later MAPIInitialize/logon still works. */
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    s = mm_logon("still-works");
    if (s) {
        CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
        s->lpVtbl->Release(s);
    }
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 2);
    mm_test_end();
}

/* An unbalanced MAPIUninitialize does not leave a debt: after it, two MAPIInitialize calls need two
 * MAPIUninitialize calls, and the first of them leaves the sessions working. */
static void test_MM_INIT_unbalanced_uninitialize_does_not_lower_a_later_count(void) {
    MAPIUninitialize(); /* unbalanced: violation */
    tp_provider xp;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("two-inits");
    if (s) {
        CHECK_HR(tp_attach(s, &xp), S_OK);
        MAPIUninitialize();
        CHECK_EQ(atomic_load(&xp.n_shutdown), 0);
        IMAPIClientShutdown *cs = mm_client_shutdown(s);
        if (cs) {
            CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
            cs->lpVtbl->Release(cs);
        }
        s->lpVtbl->Release(s);
    }
    MAPIUninitialize();
    CHECK_EQ(atomic_load(&xp.n_shutdown), 1);
    CHECK_EQ(mockmapi_violation_count(), 1);
    mm_test_end();
}

static void test_MM_INIT_initialize_is_reference_counted(void) {
    tp_provider xp, ms;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("counted");
    if (s) {
        CHECK_HR(tp_attach(s, &ms), S_OK);
        CHECK_HR(tp_attach(s, &xp), S_OK);

        /* One of two: sessions keep working, nothing is shut down. */
        mm_mark m = mm_mark_now();
        MAPIUninitialize();
        CHECK_EQ(tp_log_since(m), 0);
        CHECK_EQ(atomic_load(&xp.n_shutdown), 0);
        IMAPIClientShutdown *cs = mm_client_shutdown(s);
        if (cs) {
            CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
            CHECK_EQ(atomic_load(&ms.n_query), 1);
            cs->lpVtbl->Release(cs);
        }
        IMAPISession *s2 = mm_logon("second-logon-still-allowed");
        if (s2) s2->lpVtbl->Release(s2);

        /* The second tears down: the session (never logged off) is logged off implicitly. */
        m = mm_mark_now();
        MAPIUninitialize();
        CHECK_EQ(atomic_load(&xp.n_shutdown), 1);
        CHECK_EQ(atomic_load(&ms.n_shutdown), 1);
        CHECK_EQ(atomic_load(&xp.refs), 1);
        CHECK_EQ(atomic_load(&ms.refs), 1);
        CHECK(tp_log_nth(TP_SHUTDOWN, 0) == &xp && tp_log_nth(TP_SHUTDOWN, 1) == &ms,
              "teardown order: transport then store");
        CHECK(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, NULL) >= 1, "implicit Logoff is a diagnostic");

        CHECK_EQ(mockmapi_violation_count(), 0);

        /* Torn down: not initialized any more. */
        IMAPISession *s3 = NULL;
        CHECK_HR(MAPILogonEx(0, NULL, NULL, 0, &s3), MAPI_E_NOT_INITIALIZED);
        s->lpVtbl->Release(s);
    }
    mm_test_end();
}

/* MAPIInitialize accepts a MAPIINIT_0 (version, flags) or NULL and does not keep it. */
static void test_MM_INIT_initialize_accepts_mapiinit(void) {
    struct {
        ULONG ulVersion;
        ULONG ulFlags;
    } init = {0, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    IMAPISession *s = mm_logon("with-mapiinit");
    if (s) s->lpVtbl->Release(s);
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 0);
    mm_test_end();
}

/* mockmapi_reset returns to the state before the first MAPIInitialize. */
static void test_MM_INIT_reset_returns_to_not_initialized(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    mockmapi_reset();
    IMAPISession *s = NULL;
    CHECK_HR(MAPILogonEx(0, NULL, NULL, 0, &s), MAPI_E_NOT_INITIALIZED);
    mm_mark m = mm_mark_now();
    MAPIUninitialize();
    CHECK_VIOLATIONS(m, 1, NULL);
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_INIT_calls_before_initialize_return_not_initialized);
    MM_RUN(test_MM_INIT_free_buffer_before_initialize_returns_not_initialized);
    MM_RUN(test_MM_INIT_calls_after_last_uninitialize_return_not_initialized);
    MM_RUN(test_MM_INIT_unbalanced_uninitialize_is_a_violation_and_nothing_else);
    MM_RUN(test_MM_INIT_unbalanced_uninitialize_does_not_lower_a_later_count);
    MM_RUN(test_MM_INIT_initialize_is_reference_counted);
    MM_RUN(test_MM_INIT_initialize_accepts_mapiinit);
    MM_RUN(test_MM_INIT_reset_returns_to_not_initialized);
    return mm_finish("initialize");
}
