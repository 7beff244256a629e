/* Rules MM-FS-ONE-IFACE, MM-FS-EXITED, MM-FS-QUERY-FIRST and MM-NS-ORDER (RULES.md), as a provider author tests
 * them: each provider logs every call it receives — QueryInterface, AddRef and Release on either interface,
 * the three IMAPIProviderShutdown methods and Shutdown — and the test compares the log with what the provider
 * sees under Outlook up to the process exit.
 *
 * Log letters: I = QueryInterface(IID_IMAPIProviderShutdown), i = any other QueryInterface, A = AddRef,
 * R = Release, Q/N/D = QueryFastShutdown/NotifyProcessShutdown/DoFastShutdown, S = Shutdown. */
#define _POSIX_C_SOURCE 200809L
#include "mm_test.h"

#include <pthread.h>

#define AFTER_EXIT "MAPI call after DoFastShutdown"

typedef struct lp lp;
typedef void (*lp_hook)(lp *self, char method);

struct lp {
    const mockmapi_provider_vtbl *lpVtbl;
    IMAPIProviderShutdown shutdown;
    atomic_long refs;
    uint32_t kind;
    const char *name;
    int has_shutdown;
    HRESULT hr_query;
    char log[128];
    atomic_int len;
    int saved; /* a store that saves only in its destructor (the final Release) */
    lp_hook hook;
    void *ctx;
};

#define LP_FROM_SHUTDOWN(s) ((lp *)((char *)(s)-offsetof(lp, shutdown)))

static void lp_note(lp *p, char c) {
    int i = atomic_fetch_add(&p->len, 1);
    if (i < (int)sizeof p->log - 1) p->log[i] = c;
    if (p->hook) p->hook(p, c);
}

static const char *lp_log(lp *p) {
    int n = atomic_load(&p->len);
    if (n > (int)sizeof p->log - 1) n = (int)sizeof p->log - 1;
    p->log[n] = '\0';
    return p->log;
}

static void lp_clear(lp *p) { atomic_store(&p->len, 0); }

static HRESULT STDMETHODCALLTYPE lp_QueryInterface(mockmapi_provider *This, REFIID riid, void **ppv) {
    lp *p = (lp *)This;
    if (ppv == NULL) return E_POINTER;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        lp_note(p, 'I');
        if (!p->has_shutdown) {
            *ppv = NULL;
            return E_NOINTERFACE;
        }
        atomic_fetch_add(&p->refs, 1);
        *ppv = &p->shutdown;
        return S_OK;
    }
    lp_note(p, 'i');
    if (IsEqualIID(riid, &IID_IUnknown)) {
        atomic_fetch_add(&p->refs, 1);
        *ppv = p;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE lp_AddRef(mockmapi_provider *This) {
    lp *p = (lp *)This;
    lp_note(p, 'A');
    return (ULONG)(atomic_fetch_add(&p->refs, 1) + 1);
}
static ULONG STDMETHODCALLTYPE lp_Release(mockmapi_provider *This) {
    lp *p = (lp *)This;
    lp_note(p, 'R');
    long left = atomic_fetch_sub(&p->refs, 1) - 1;
    if (left == 0) p->saved = 1; /* the "destructor" */
    return (ULONG)left;
}
static HRESULT STDMETHODCALLTYPE lp_Shutdown(mockmapi_provider *This, ULONG *flags) {
    (void)flags;
    lp_note((lp *)This, 'S');
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE lp_ps_QueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    return lp_QueryInterface((mockmapi_provider *)LP_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE lp_ps_AddRef(IMAPIProviderShutdown *This) {
    return lp_AddRef((mockmapi_provider *)LP_FROM_SHUTDOWN(This));
}
static ULONG STDMETHODCALLTYPE lp_ps_Release(IMAPIProviderShutdown *This) {
    return lp_Release((mockmapi_provider *)LP_FROM_SHUTDOWN(This));
}
static HRESULT STDMETHODCALLTYPE lp_ps_Query(IMAPIProviderShutdown *This) {
    lp *p = LP_FROM_SHUTDOWN(This);
    lp_note(p, 'Q');
    return p->hr_query;
}
static HRESULT STDMETHODCALLTYPE lp_ps_Notify(IMAPIProviderShutdown *This) {
    lp_note(LP_FROM_SHUTDOWN(This), 'N');
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE lp_ps_Do(IMAPIProviderShutdown *This) {
    lp_note(LP_FROM_SHUTDOWN(This), 'D');
    return S_OK;
}

static const mockmapi_provider_vtbl lp_vtbl = {lp_QueryInterface, lp_AddRef, lp_Release, lp_Shutdown};
static const IMAPIProviderShutdownVtbl lp_shutdown_vtbl = {lp_ps_QueryInterface, lp_ps_AddRef, lp_ps_Release,
                                                           lp_ps_Query,          lp_ps_Notify, lp_ps_Do};

static void lp_init(lp *p, uint32_t kind, const char *name, int has_shutdown) {
    memset(p, 0, sizeof *p);
    p->lpVtbl = &lp_vtbl;
    p->shutdown.lpVtbl = &lp_shutdown_vtbl;
    atomic_store(&p->refs, 1);
    p->kind = kind;
    p->name = name;
    p->has_shutdown = has_shutdown;
    p->hr_query = S_OK;
}

/* Attach, then drop the test's own reference: the runtime holds the only one, as MAPI does for a provider
 * its entry point created. The log starts empty after that. */
static HRESULT lp_attach(IMAPISession *s, lp *p) {
    HRESULT hr = mockmapi_session_add_provider(s, p->kind, p->name, (IUnknown *)(void *)p);
    if (hr == S_OK) p->lpVtbl->Release((mockmapi_provider *)p);
    lp_clear(p);
    return hr;
}

static int check_log(lp *p, const char *want, const char *what) {
    const char *got = lp_log(p);
    if (strcmp(got, want) != 0) {
        atomic_fetch_add(&mm_failures, 1);
        fprintf(stderr, "%s: provider \"%s\" saw \"%s\", expected \"%s\"\n", what, p->name, got, want);
        return 0;
    }
    return 1;
}

/* No Q/N/D anywhere after an S in the provider's log. */
static int nothing_fast_after_shutdown(lp *p) {
    const char *s = strchr(lp_log(p), 'S');
    return s == NULL || strpbrk(s, "QND") == NULL;
}

/* Whether the runtime is in the exited state: MAPIAllocateBuffer is refused then (outside a DoFastShutdown
 * fan-out), with a violation. */
static int runtime_exited(void) {
    void *b = NULL;
    HRESULT hr = MAPIAllocateBuffer(8, &b);
    if (b) MAPIFreeBuffer(b);
    return hr == MAPI_E_CALL_FAILED;
}

typedef struct fixture {
    lp xp, ab, ab2, ms;
    IMAPISession *s;
    IMAPIClientShutdown *cs;
} fixture;

/* One session: a transport, an address book, an address book without IMAPIProviderShutdown and a store. */
static int fixture_setup(fixture *f) {
    memset(f, 0, sizeof *f);
    lp_init(&f->xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    lp_init(&f->ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab", 1);
    lp_init(&f->ab2, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab2 (no interface)", 0);
    lp_init(&f->ms, MOCKMAPI_PROVIDER_STORE, "ms", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("fidelity");
    if (f->s == NULL) return 0;
    CHECK_HR(lp_attach(f->s, &f->ms), S_OK);
    CHECK_HR(lp_attach(f->s, &f->xp), S_OK);
    CHECK_HR(lp_attach(f->s, &f->ab), S_OK);
    CHECK_HR(lp_attach(f->s, &f->ab2), S_OK);
    f->cs = mm_client_shutdown(f->s);
    return f->cs != NULL;
}

static void client_drops_everything(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    f->cs = NULL;
    f->s = NULL;
}

static void test_MM_FS_ONE_IFACE_each_provider_sees_query_notify_do_and_nothing_else(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        /* What a client does on its way out, then what a careless one does too. */
        mm_mark m = mm_mark_now();
        client_drops_everything(&f);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_CLIENT_CALL, "Release after DoFastShutdown: allowed"), 2);
        MAPIUninitialize();
        /* Up to the exit: exactly what Outlook's process shows. */
        check_log(&f.xp, "IQND", "up to the exit");
        check_log(&f.ab, "IQND", "up to the exit");
        check_log(&f.ms, "IQND", "up to the exit");
        check_log(&f.ab2, "I", "up to the exit");
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_RELEASE), 0);
        CHECK_EQ(mockmapi_violation_count(), 1); /* the MAPIUninitialize */
        /* The harness's teardown releases what the runtime held: the interface, then the object. */
        mockmapi_reset();
        check_log(&f.xp, "IQNDRR", "after mockmapi_reset");
        check_log(&f.ms, "IQNDRR", "after mockmapi_reset");
        check_log(&f.ab2, "IR", "after mockmapi_reset");
        CHECK_EQ(atomic_load(&f.ms.refs), 0);
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_FS_ONE_IFACE_repeated_queries_keep_one_interface(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        check_log(&f.ms, "IQQD", "two queries, then Do without Notify");
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* The store keeps its data in memory and writes it only when its last reference goes: it loses it. */
static void test_MM_FS_SAVED_store_saving_in_its_destructor_never_saves_before_the_exit(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), MAPI_E_CALL_FAILED);
        client_drops_everything(&f);
        MAPIUninitialize();
        CHECK(!f.ms.saved, "the destructor of a store ran after DoFastShutdown: the real process never runs it");
        mockmapi_reset(); /* the harness's teardown, not MAPI's */
        CHECK(f.ms.saved, "mockmapi_reset released the runtime's last reference");
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_FS_QUERY_FIRST_provider_attached_after_the_query_invalidates_it(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        lp late;
        lp_init(&late, MOCKMAPI_PROVIDER_STORE, "late", 1);
        CHECK_HR(lp_attach(f.s, &late), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        CHECK_VIOLATIONS(m, 2, "store \"late\" was attached to session 1");
        CHECK_VIOLATIONS(m, 2, "MM-FS-QUERY-FIRST");
        check_log(&late, "", "attached after the query");
        check_log(&f.ms, "IQ", "the query was invalidated");
        /* Not exited: a new query asks everyone, and the sequence runs. */
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        check_log(&late, "IQND", "queried again");
        check_log(&f.ms, "IQQND", "queried again");
        client_drops_everything(&f);
        mockmapi_reset();
        check_log(&late, "IQNDRR", "after mockmapi_reset");
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_FS_QUERY_FIRST_logon_after_the_query_invalidates_it(void) {
    fixture f;
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        IMAPISession *s2 = mm_logon("second");
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        CHECK_VIOLATIONS(m, 1, "session 2 logged on");
        check_log(&f.ms, "IQ", "the query was invalidated");
        CHECK(!runtime_exited(), "a refused DoFastShutdown does not exit");
        if (s2) {
            CHECK_HR(s2->lpVtbl->Logoff(s2, 0, 0, 0), S_OK);
            s2->lpVtbl->Release(s2);
        }
        /* A Logoff does not invalidate the query (every remaining provider was asked), but the earlier logon
         * still does. */
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* ---- re-entrant and concurrent calls during a fan-out ---- */

typedef struct reentry {
    fixture *f;
    char on;
    HRESULT hr;
    HRESULT alloc_hr;
    int ran;
} reentry;

static void logoff_inside(lp *self, char method) {
    reentry *r = (reentry *)self->ctx;
    if (method != r->on || r->ran++) return;
    r->hr = r->f->s->lpVtbl->Logoff(r->f->s, 0, 0, 0);
    void *buffer = NULL;
    r->alloc_hr = MAPIAllocateBuffer(16, &buffer);
    if (buffer) MAPIFreeBuffer(buffer);
}

static void test_MM_FS_EXITED_logoff_from_inside_do_fast_shutdown_is_refused(void) {
    fixture f;
    reentry r = {0};
    if (fixture_setup(&f)) {
        r.f = &f;
        r.on = 'D';
        f.ab.hook = logoff_inside;
        f.ab.ctx = &r;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_HR(r.hr, MAPI_E_CALL_FAILED);
        CHECK_HR(r.alloc_hr, S_OK); /* the process is alive while providers save */
        CHECK_VIOLATIONS(m, 1, AFTER_EXIT);
        check_log(&f.xp, "IQND", "Logoff inside the address book's DoFastShutdown");
        check_log(&f.ab, "IQND", "Logoff inside the address book's DoFastShutdown");
        check_log(&f.ms, "IQND", "Logoff inside the address book's DoFastShutdown");
        check_log(&f.ab2, "I", "Logoff inside the address book's DoFastShutdown");
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_NS_ORDER_logoff_from_inside_query_fast_shutdown(void) {
    fixture f;
    reentry r = {0};
    if (fixture_setup(&f)) {
        r.f = &f;
        r.on = 'Q';
        f.ab.hook = logoff_inside;
        f.ab.ctx = &r;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(r.hr, S_OK);
        /* The session is gone: the rest of the sequence is refused on it. */
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_CALL_FAILED);
        lp *all[] = {&f.xp, &f.ab, &f.ab2, &f.ms};
        for (int i = 0; i < 4; i++) {
            if (!CHECK(nothing_fast_after_shutdown(all[i]), "no fast-shutdown call after Shutdown"))
                fprintf(stderr, "    provider %s saw %s\n", all[i]->name, lp_log(all[i]));
        }
        /* Shutdown once each, then the held interface and the object are released. */
        check_log(&f.xp, "IQSRR", "Logoff inside the address book's QueryFastShutdown");
        check_log(&f.ab, "IQSRR", "Logoff inside the address book's QueryFastShutdown");
        check_log(&f.ab2, "SR", "Logoff inside the address book's QueryFastShutdown");
        check_log(&f.ms, "SR", "Logoff inside the address book's QueryFastShutdown");
    }
    client_drops_everything(&f);
    mm_test_end();
}

typedef struct racer {
    IMAPIClientShutdown *cs;
    char on;
    HRESULT hr;
    int ran;
} racer;

static void *do_on_thread(void *arg) {
    racer *r = (racer *)arg;
    r->hr = r->cs->lpVtbl->DoFastShutdown(r->cs);
    return NULL;
}

/* Inside a provider method, another thread calls the client DoFastShutdown and this one waits for it. */
static void do_from_another_thread(lp *self, char method) {
    racer *r = (racer *)self->ctx;
    if (method != r->on || r->ran++) return;
    pthread_t t;
    if (pthread_create(&t, NULL, do_on_thread, r) != 0) {
        CHECK(0, "pthread_create");
        return;
    }
    pthread_join(t, NULL);
}

static void test_MM_FS_EXITED_second_do_fast_shutdown_during_the_fan_out_is_refused(void) {
    fixture f;
    racer r = {0};
    if (fixture_setup(&f)) {
        r.cs = f.cs;
        r.on = 'D';
        f.xp.hook = do_from_another_thread;
        f.xp.ctx = &r;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), S_OK);
        CHECK_HR(r.hr, MAPI_E_CALL_FAILED);
        CHECK_VIOLATIONS(m, 1, AFTER_EXIT);
        CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 3);
        check_log(&f.xp, "IQND", "two DoFastShutdown at once");
        check_log(&f.ab, "IQND", "two DoFastShutdown at once");
        check_log(&f.ms, "IQND", "two DoFastShutdown at once");
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_FS_EXITED_notify_fan_out_under_way_stops_at_do_fast_shutdown(void) {
    fixture f;
    racer r = {0};
    if (fixture_setup(&f)) {
        r.cs = f.cs;
        r.on = 'N';
        f.xp.hook = do_from_another_thread;
        f.xp.ctx = &r;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(r.hr, S_OK); /* the other thread's Do reached every provider */
        /* The Notify fan-out that was under way called nobody after that Do began. */
        check_log(&f.xp, "IQND", "Do on another thread during Notify");
        check_log(&f.ab, "IQD", "Do on another thread during Notify");
        check_log(&f.ms, "IQD", "Do on another thread during Notify");
        CHECK(runtime_exited(), "exited");
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* Inside the transport's NotifyProcessShutdown: log the second session off, then let another thread's
 * DoFastShutdown run to the end. */
typedef struct teardown {
    IMAPISession *other;
    racer r;
    int ran;
} teardown;

static void logoff_then_do(lp *self, char method) {
    teardown *t = (teardown *)self->ctx;
    if (method != 'N' || t->ran++) return;
    t->other->lpVtbl->Logoff(t->other, 0, 0, 0);
    pthread_t th;
    if (pthread_create(&th, NULL, do_on_thread, &t->r) != 0) {
        CHECK(0, "pthread_create");
        return;
    }
    pthread_join(th, NULL);
}

/* The logged-off session's providers got Shutdown before the exit began; the Notify fan-out that was under way
 * still held them when DoFastShutdown began. Dropping that fan-out afterwards must not Release them. */
static void test_MM_FS_EXITED_no_release_from_a_fan_out_ending_after_do_fast_shutdown(void) {
    fixture f;
    teardown t;
    memset(&t, 0, sizeof t);
    if (fixture_setup(&f)) {
        lp other;
        lp_init(&other, MOCKMAPI_PROVIDER_STORE, "other", 1);
        t.other = mm_logon("other");
        if (t.other) CHECK_HR(lp_attach(t.other, &other), S_OK);
        t.r.cs = f.cs;
        f.xp.hook = logoff_then_do;
        f.xp.ctx = &t;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        CHECK_HR(t.r.hr, S_OK);
        check_log(&other, "IQS", "logged off during Notify, then the process exited");
        check_log(&f.ms, "IQD", "the exit began during Notify");
        if (t.other) t.other->lpVtbl->Release(t.other);
        client_drops_everything(&f);
        mockmapi_reset();
        check_log(&other, "IQSRR", "released by the harness's teardown");
    }
    client_drops_everything(&f);
    mm_test_end();
}

static void test_MM_FS_POLICY_policy_2_calls_no_provider_and_says_how_many(void) {
    fixture f;
    if (fixture_setup(&f)) {
        mm_set_behavior(MM_POLICY_KEY, 2);
        mm_mark m = mm_mark_now();
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_CLIENT_CALL, "none of the 4 provider(s) was called"), 1);
        CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
        check_log(&f.xp, "", "policy 2");
        check_log(&f.ab2, "", "policy 2");
    }
    client_drops_everything(&f);
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_FS_ONE_IFACE_each_provider_sees_query_notify_do_and_nothing_else);
    MM_RUN(test_MM_FS_ONE_IFACE_repeated_queries_keep_one_interface);
    MM_RUN(test_MM_FS_SAVED_store_saving_in_its_destructor_never_saves_before_the_exit);
    MM_RUN(test_MM_FS_QUERY_FIRST_provider_attached_after_the_query_invalidates_it);
    MM_RUN(test_MM_FS_QUERY_FIRST_logon_after_the_query_invalidates_it);
    MM_RUN(test_MM_FS_EXITED_logoff_from_inside_do_fast_shutdown_is_refused);
    MM_RUN(test_MM_NS_ORDER_logoff_from_inside_query_fast_shutdown);
    MM_RUN(test_MM_FS_EXITED_second_do_fast_shutdown_during_the_fan_out_is_refused);
    MM_RUN(test_MM_FS_EXITED_notify_fan_out_under_way_stops_at_do_fast_shutdown);
    MM_RUN(test_MM_FS_EXITED_no_release_from_a_fan_out_ending_after_do_fast_shutdown);
    MM_RUN(test_MM_FS_POLICY_policy_2_calls_no_provider_and_says_how_many);
    return mm_finish("fidelity");
}
