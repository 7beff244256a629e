/* SPEC §4: a provider that calls back into the runtime from inside one of its methods never deadlocks — no runtime
 * lock is held while provider code runs. The test provider's hook re-enters the runtime from inside
 * QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Shutdown and Release. A deadlock shows as a hang
 * (the test driver kills the program). */
#include "mm_test.h"

typedef struct reentry {
    IMAPISession *session; /* the session the provider calls back into */
    int on_method;         /* TP_* method whose hook re-enters (0: every method but TP_QI_SHUTDOWN) */
    int entered;           /* how many times the hook ran its calls to the end */
    int failures;          /* calls inside the hook that returned something unexpected */
    HRESULT qi_hr;         /* the last session QueryInterface result from inside the hook */
    size_t journal_seen;
} reentry;

static void note(reentry *r, int ok, const char *what, int method) {
    if (!ok) {
        r->failures++;
        fprintf(stderr, "    inside provider method %d: %s\n", method, what);
    }
}

/* Everything a provider might call from inside one of its methods. */
static void reenter(tp_provider *self, int method, void *ctx) {
    reentry *r = (reentry *)ctx;
    if (method == TP_QI_SHUTDOWN) return;
    if (r->on_method != 0 && method != r->on_method) return;
    (void)self;

    r->journal_seen = mockmapi_journal_count();
    note(r, r->journal_seen > 0, "mockmapi_journal_count", method);
    (void)mockmapi_violation_count();
    (void)mockmapi_journal_count_type(MOCKMAPI_EVENT_PROVIDER_CALL);
    mockmapi_event e;
    note(r, mockmapi_journal_get(0, &e) == S_OK, "mockmapi_journal_get", method);
    size_t n = mockmapi_journal_render(NULL, 0);
    note(r, n > 0, "mockmapi_journal_render", method);

    void *buffer = NULL, *more = NULL;
    HRESULT hr = MAPIAllocateBuffer(32, &buffer);
    note(r, hr == S_OK && buffer != NULL, "MAPIAllocateBuffer", method);
    if (buffer) {
        note(r, MAPIAllocateMore(32, buffer, &more) == S_OK, "MAPIAllocateMore", method);
        memset(buffer, 1, 32);
        note(r, MAPIFreeBuffer(buffer) == S_OK, "MAPIFreeBuffer", method);
    }

    note(r, mockmapi_registry_set_dword("HKCU\\Software\\mockmapi-reentrancy", "Seen", (uint32_t)method) == S_OK,
         "mockmapi_registry_set_dword", method);
    uint32_t behavior = 99;
    note(r, mockmapi_policy_get_behavior(&behavior) == S_OK && behavior <= 2, "mockmapi_policy_get_behavior", method);

    if (r->session) {
        void *p = NULL;
        r->qi_hr = r->session->lpVtbl->QueryInterface(r->session, &IID_IMAPISession, &p);
        if (SUCCEEDED(r->qi_hr) && p != NULL) ((IUnknown *)p)->lpVtbl->Release((IUnknown *)p);
        note(r, SUCCEEDED(r->qi_hr) || p == NULL, "session QueryInterface left *ppv set on failure", method);
        r->session->lpVtbl->AddRef(r->session);
        r->session->lpVtbl->Release(r->session);
    }
    r->entered++;
}

typedef struct fixture {
    tp_provider xp, ab, ms;
    reentry r;
    IMAPISession *s;
    IMAPIClientShutdown *cs;
} fixture;

static int fixture_setup(fixture *f, int on_method) {
    memset(f, 0, sizeof *f);
    tp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    tp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    f->r.on_method = on_method;
    /* The address book re-enters; the others are plain, so the fan-out continues around it. */
    f->ab.hook = reenter;
    f->ab.hook_ctx = &f->r;
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("reentrant");
    if (f->s == NULL) return 0;
    f->r.session = f->s;
    CHECK_HR(tp_attach(f->s, &f->ms), S_OK);
    CHECK_HR(tp_attach(f->s, &f->ab), S_OK);
    CHECK_HR(tp_attach(f->s, &f->xp), S_OK);
    f->cs = mm_client_shutdown(f->s);
    return f->cs != NULL;
}

static void fixture_end(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    f->ab.hook = NULL;
    mm_test_end();
}

static void test_reentrancy_from_query_fast_shutdown_does_not_deadlock(void) {
    fixture f;
    if (fixture_setup(&f, TP_QUERY)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(f.r.entered, 1);
        CHECK_EQ(f.r.failures, 0);
        CHECK_HR(f.r.qi_hr, S_OK); /* a live session answers QueryInterface from inside a provider too */
        /* The fan-out went on after the re-entrant provider. */
        CHECK_EQ(atomic_load(&f.ms.n_query), 1);
        /* And the sequence still completes. */
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.ms.n_do), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* A registry change from inside QueryFastShutdown affects the next query (the policy is read per call) and
 * does not disturb the running one. */
static void set_policy_2(tp_provider *self, int method, void *ctx) {
    (void)self;
    (void)ctx;
    if (method == TP_QUERY) mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 2);
}

static void test_reentrancy_policy_change_from_query_applies_to_next_query(void) {
    fixture f;
    if (fixture_setup(&f, TP_QUERY)) {
        f.ab.hook = set_policy_2;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&f.ms.n_query), 1);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        CHECK_EQ(atomic_load(&f.ms.n_query), 1); /* policy 2: nobody asked the second time */
    }
    fixture_end(&f);
}

static void test_reentrancy_from_notify_process_shutdown_does_not_deadlock(void) {
    fixture f;
    if (fixture_setup(&f, TP_NOTIFY)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_EQ(f.r.entered, 1);
        CHECK_EQ(f.r.failures, 0);
        CHECK_EQ(atomic_load(&f.ms.n_notify), 1);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

static void test_reentrancy_from_do_fast_shutdown_does_not_deadlock(void) {
    fixture f;
    if (fixture_setup(&f, TP_DO)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_EQ(f.r.entered, 1);
        CHECK_EQ(f.r.failures, 0);
        CHECK_EQ(atomic_load(&f.xp.n_do), 1);
        CHECK_EQ(atomic_load(&f.ms.n_do), 1);
        /* The exited state holds afterwards. */
        mm_mark m = mm_mark_now();
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, "MAPI call after DoFastShutdown");
        CHECK_EQ(atomic_load(&f.ab.n_shutdown), 0);
    }
    fixture_end(&f);
}

/* Re-entering from the normal-shutdown calls the runtime makes: Shutdown during Logoff, and Release. */
static void test_reentrancy_from_shutdown_and_release_does_not_deadlock(void) {
    fixture f;
    if (fixture_setup(&f, 0)) {
        f.r.session = NULL; /* the session is being logged off: only session-independent calls */
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), S_OK);
        CHECK_EQ(f.r.entered, 2); /* Shutdown and Release */
        CHECK_EQ(f.r.failures, 0);
        CHECK_EQ(atomic_load(&f.ms.n_shutdown), 1);
        CHECK_EQ(atomic_load(&f.ms.n_release), 1);
    }
    fixture_end(&f);
}

/* The implicit logoff at the last MAPIUninitialize runs provider code too. */
static void count_calls(tp_provider *self, int method, void *ctx) {
    (void)self;
    (void)method;
    int *n = (int *)ctx;
    if (mockmapi_journal_count() > 0) (*n)++;
}

static void test_reentrancy_from_implicit_logoff_does_not_deadlock(void) {
    fixture f;
    if (fixture_setup(&f, 0)) {
        int n = 0;
        f.ab.hook = count_calls;
        f.ab.hook_ctx = &n;
        f.cs->lpVtbl->Release(f.cs);
        f.cs = NULL;
        f.s->lpVtbl->Release(f.s);
        f.s = NULL;
        MAPIUninitialize();
        CHECK_EQ(n, 2); /* Shutdown and Release */
        CHECK_EQ(atomic_load(&f.ab.refs), 1);
    }
    fixture_end(&f);
}

/* A provider that logs on and attaches a provider from inside QueryFastShutdown: the running fan-out is not
 * disturbed, and the next one sees the new provider. */
typedef struct nested {
    tp_provider late;
    IMAPISession *s;
    HRESULT attach_hr;
} nested;

static void attach_from_inside(tp_provider *self, int method, void *ctx) {
    (void)self;
    nested *n = (nested *)ctx;
    if (method != TP_QUERY || n->s != NULL) return;
    n->attach_hr = MAPILogonEx(0, (LPTSTR) "nested", NULL, 0, &n->s);
    if (n->s) n->attach_hr = mockmapi_session_add_provider(n->s, MOCKMAPI_PROVIDER_STORE, "late", tp_unknown(&n->late));
}

static void test_reentrancy_logon_and_attach_from_query_does_not_deadlock(void) {
    fixture f;
    nested n;
    memset(&n, 0, sizeof n);
    tp_init(&n.late, MOCKMAPI_PROVIDER_STORE, "late", 1);
    if (fixture_setup(&f, TP_QUERY)) {
        f.ab.hook = attach_from_inside;
        f.ab.hook_ctx = &n;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(n.attach_hr, S_OK);
        CHECK_EQ(atomic_load(&n.late.refs), 2);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_EQ(atomic_load(&n.late.n_query), 1);
        if (n.s) n.s->lpVtbl->Release(n.s);
    }
    fixture_end(&f);
    CHECK_EQ(atomic_load(&n.late.refs), 1);
}

int main(void) {
    MM_RUN(test_reentrancy_from_query_fast_shutdown_does_not_deadlock);
    MM_RUN(test_reentrancy_policy_change_from_query_applies_to_next_query);
    MM_RUN(test_reentrancy_from_notify_process_shutdown_does_not_deadlock);
    MM_RUN(test_reentrancy_from_do_fast_shutdown_does_not_deadlock);
    MM_RUN(test_reentrancy_from_shutdown_and_release_does_not_deadlock);
    MM_RUN(test_reentrancy_from_implicit_logoff_does_not_deadlock);
    MM_RUN(test_reentrancy_logon_and_attach_from_query_does_not_deadlock);
    return mm_finish("reentrancy");
}
