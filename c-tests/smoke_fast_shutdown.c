/* The documented sequence over one session with one provider of each kind, policy absent (0). */
#include "mm_test.h"

int main(void) {
    tp_provider xp, ab, ms;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    tp_init(&ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("default");
    CHECK_HR(tp_attach(s, &ms), S_OK); /* attached out of order on purpose */
    CHECK_HR(tp_attach(s, &xp), S_OK);
    CHECK_HR(tp_attach(s, &ab), S_OK);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);

    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);

    CHECK(tp_log_nth(TP_QUERY, 0) == &xp && tp_log_nth(TP_QUERY, 1) == &ab && tp_log_nth(TP_QUERY, 2) == &ms,
          "QueryFastShutdown reaches transport, address book, store in that order");
    CHECK(tp_log_nth(TP_DO, 0) == &xp && tp_log_nth(TP_DO, 2) == &ms, "DoFastShutdown order");
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 3);
    CHECK_EQ(mockmapi_violation_count(), 0);
    CHECK_EQ(atomic_load(&ms.n_shutdown), 0);
    CHECK_EQ(atomic_load(&ms.n_release), 0);

    /* The exited state: every later MAPI call fails and is a violation. */
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), MAPI_E_CALL_FAILED);
    CHECK_EQ(mockmapi_violation_count(), 1);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "MAPI call after DoFastShutdown"), "violation text");
    CHECK_EQ(atomic_load(&xp.n_shutdown), 0);

    int rc = mm_finish("smoke_fast_shutdown");
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset(); /* releases the runtime's references */
    CHECK_EQ(atomic_load(&xp.refs), 1);
    return rc | (atomic_load(&mm_failures) != 0);
}
