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

/* ---- another thread's DoFastShutdown while a provider is inside another call (RULES.md MM-FS-EXITED, "the
 * order a provider observes") ----
 * A provider method blocks until the test lets it go, so the interleaving is forced, not hoped for: thread B is
 * inside that call, thread A calls the client DoFastShutdown, the test waits until A's DoFastShutdown has begun
 * (it says so in the journal: it waits for the call in progress — or, if it did not wait, a provider already
 * got DoFastShutdown), then lets B's call return. */

typedef struct hold {
    char on;            /* the provider method (log letter) that blocks */
    atomic_int entered; /* the provider is inside it */
    atomic_int go;      /* let it return */
    int ran;
    void (*first)(struct hold *); /* run inside the call before blocking */
    IMAPISession *other;
    struct lp *watch;        /* a provider of the DoFastShutdown fan-out ... */
    int do_before_return;    /* ... had got DoFastShutdown before the blocked call returned */
} hold;

static int lp_has(lp *p, char c) {
    int n = atomic_load(&p->len);
    for (int i = 0; i < n && i < (int)sizeof p->log - 1; i++)
        if (p->log[i] == c) return 1;
    return 0;
}

static void hold_inside(lp *self, char method) {
    hold *h = (hold *)self->ctx;
    if (method != h->on || h->ran++) return;
    if (h->first) h->first(h);
    atomic_store(&h->entered, 1);
    for (int i = 0; i < 60000 && !atomic_load(&h->go); i++) mockmapi_thread_sleep(1);
    if (h->watch) h->do_before_return = lp_has(h->watch, 'D');
    lp_note(self, '.'); /* the blocked call returns now */
}


static void wait_until_entered(hold *h) {
    for (int i = 0; i < 60000 && !atomic_load(&h->entered); i++) mockmapi_thread_sleep(1);
    CHECK(atomic_load(&h->entered), "the provider call that blocks was reached");
}

/* Until the other thread's DoFastShutdown has begun: it waits for the call in progress, or (wrongly) a provider
 * already got DoFastShutdown. */
static void wait_until_do_began(mm_mark m, lp *watch) {
    int i = 0;
    for (; i < 60000; i++) {
        if (mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, "DoFastShutdown waits for") > 0 || lp_has(watch, 'D')) break;
        mockmapi_thread_sleep(1);
    }
    CHECK(i < 60000, "the other thread's DoFastShutdown began");
}

typedef struct client_call {
    IMAPIClientShutdown *cs;
    IMAPISession *s;
    char what; /* 'Q', 'N', 'D': the client shutdown method; 'L': Logoff of s */
    HRESULT hr;
    pthread_t t;
} client_call;

static void *client_call_run(void *arg) {
    client_call *c = (client_call *)arg;
    switch (c->what) {
    case 'N': c->hr = c->cs->lpVtbl->NotifyProcessShutdown(c->cs); break;
    case 'Q': c->hr = c->cs->lpVtbl->QueryFastShutdown(c->cs); break;
    case 'D': c->hr = c->cs->lpVtbl->DoFastShutdown(c->cs); break;
    default: c->hr = c->s->lpVtbl->Logoff(c->s, 0, 0, 0); break;
    }
    return NULL;
}

static int client_call_start(client_call *c) {
    int ok = pthread_create(&c->t, NULL, client_call_run, c) == 0;
    CHECK(ok, "pthread_create");
    return ok;
}

/* Thread B's Notify fan-out is inside the transport's NotifyProcessShutdown when thread A's DoFastShutdown
 * begins. The transport's Notify returns before any provider gets DoFastShutdown; B's fan-out calls nobody
 * after that; a Logoff from a third thread meanwhile is refused, and nothing deadlocks. */
static void test_MM_FS_EXITED_do_waits_for_a_notify_call_in_progress_on_another_thread(void) {
    fixture f;
    hold h;
    memset(&h, 0, sizeof h);
    if (fixture_setup(&f)) {
        h.on = 'N';
        h.watch = &f.ms;
        f.xp.hook = hold_inside;
        f.xp.ctx = &h;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        client_call b = {.cs = f.cs, .s = f.s, .what = 'N', .hr = E_FAIL};
        client_call a = {.cs = f.cs, .s = f.s, .what = 'D', .hr = E_FAIL};
        if (client_call_start(&b)) {
            wait_until_entered(&h);
            mm_mark m = mm_mark_now();
            int started = client_call_start(&a);
            if (started) wait_until_do_began(m, &f.ms);
            /* Another thread's Logoff now: refused at once (the exit began), not a deadlock. */
            CHECK_HR(f.s->lpVtbl->Logoff(f.s, 0, 0, 0), MAPI_E_CALL_FAILED);
            atomic_store(&h.go, 1);
            pthread_join(b.t, NULL);
            if (started) pthread_join(a.t, NULL);
            CHECK_HR(b.hr, S_OK);
            CHECK_HR(a.hr, S_OK);
            CHECK_VIOLATIONS(m, 1, AFTER_EXIT); /* the Logoff */
        }
        CHECK(!h.do_before_return, "a provider got DoFastShutdown while the transport was inside Notify");
        check_log(&f.xp, "IQN.D", "Do on another thread while the transport was inside Notify");
        check_log(&f.ab, "IQD", "Do on another thread while the transport was inside Notify");
        check_log(&f.ms, "IQD", "Do on another thread while the transport was inside Notify");
        check_log(&f.ab2, "I", "Do on another thread while the transport was inside Notify");
        CHECK(runtime_exited(), "exited");
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* A QueryFastShutdown in progress on another thread means no query stands: a DoFastShutdown meanwhile is
 * refused, reaches no provider and does not exit. */
static void test_MM_FS_QUERY_FIRST_do_during_a_query_on_another_thread_is_refused(void) {
    fixture f;
    hold h;
    memset(&h, 0, sizeof h);
    if (fixture_setup(&f)) {
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        h.on = 'Q';
        f.ab.hook = hold_inside;
        f.ab.ctx = &h;
        client_call b = {.cs = f.cs, .s = f.s, .what = 'Q', .hr = E_FAIL};
        if (client_call_start(&b)) {
            wait_until_entered(&h);
            mm_mark m = mm_mark_now();
            CHECK_HR(f.cs->lpVtbl->DoFastShutdown(f.cs), MAPI_E_NO_SUPPORT);
            CHECK_VIOLATIONS(m, 1, "MM-FS-QUERY-FIRST");
            atomic_store(&h.go, 1);
            pthread_join(b.t, NULL);
            CHECK_HR(b.hr, S_OK);
        }
        check_log(&f.ab, "IQQ.", "Do while another thread's query runs");
        check_log(&f.ms, "IQQ", "Do while another thread's query runs");
        CHECK(!runtime_exited(), "a refused DoFastShutdown does not exit");
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* Inside the transport's NotifyProcessShutdown: log the second session off, then block while another thread's
 * DoFastShutdown begins. The logged-off session's providers got Shutdown before the exit began; the Notify
 * fan-out that was under way still held them, and dropping it afterwards must not Release them. */
static void logoff_other(hold *h) { h->other->lpVtbl->Logoff(h->other, 0, 0, 0); }

static void test_MM_FS_EXITED_no_release_from_a_fan_out_ending_after_do_fast_shutdown(void) {
    fixture f;
    hold h;
    memset(&h, 0, sizeof h);
    if (fixture_setup(&f)) {
        lp other;
        lp_init(&other, MOCKMAPI_PROVIDER_STORE, "other", 1);
        h.other = mm_logon("other");
        if (h.other) CHECK_HR(lp_attach(h.other, &other), S_OK);
        h.on = 'N';
        h.first = logoff_other;
        f.xp.hook = hold_inside;
        f.xp.ctx = &h;
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        client_call b = {.cs = f.cs, .s = f.s, .what = 'N', .hr = E_FAIL};
        client_call a = {.cs = f.cs, .s = f.s, .what = 'D', .hr = E_FAIL};
        if (client_call_start(&b)) {
            wait_until_entered(&h);
            mm_mark m = mm_mark_now();
            int started = client_call_start(&a);
            if (started) wait_until_do_began(m, &f.ms);
            atomic_store(&h.go, 1);
            pthread_join(b.t, NULL);
            if (started) pthread_join(a.t, NULL);
            CHECK_HR(a.hr, S_OK);
        }
        check_log(&other, "IQS", "logged off during Notify, then the process exited");
        check_log(&f.ms, "IQD", "the exit began during Notify");
        if (h.other) h.other->lpVtbl->Release(h.other);
        client_drops_everything(&f);
        mockmapi_reset();
        check_log(&other, "IQSRR", "released by the harness's teardown");
    }
    client_drops_everything(&f);
    mm_test_end();
}

/* Thread B's Logoff of a second session is inside a store's Shutdown when thread A's DoFastShutdown begins:
 * that Shutdown returns before any provider gets DoFastShutdown, the session's next provider gets neither
 * Shutdown nor Release, and the logged-off store gets nothing after its Shutdown. */
static void test_MM_NS_ORDER_do_waits_for_a_logoff_in_progress_on_another_thread(void) {
    fixture f;
    hold h;
    memset(&h, 0, sizeof h);
    if (fixture_setup(&f)) {
        lp first, second;
        lp_init(&first, MOCKMAPI_PROVIDER_STORE, "first", 1);
        lp_init(&second, MOCKMAPI_PROVIDER_STORE, "second", 1);
        IMAPISession *s2 = mm_logon("other");
        if (s2) {
            CHECK_HR(lp_attach(s2, &first), S_OK);
            CHECK_HR(lp_attach(s2, &second), S_OK);
        }
        CHECK_HR(f.cs->lpVtbl->QueryFastShutdown(f.cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->NotifyProcessShutdown(f.cs), S_OK);
        h.on = 'S';
        h.watch = &f.xp;
        first.hook = hold_inside;
        first.ctx = &h;
        client_call b = {.cs = f.cs, .s = s2, .what = 'L', .hr = E_FAIL};
        client_call a = {.cs = f.cs, .s = f.s, .what = 'D', .hr = E_FAIL};
        if (s2 && client_call_start(&b)) {
            wait_until_entered(&h);
            mm_mark m = mm_mark_now();
            int started = client_call_start(&a);
            if (started) wait_until_do_began(m, &f.ms);
            atomic_store(&h.go, 1);
            pthread_join(b.t, NULL);
            if (started) pthread_join(a.t, NULL);
            CHECK_HR(b.hr, S_OK);
            CHECK_HR(a.hr, S_OK);
        }
        CHECK(!h.do_before_return, "a provider got DoFastShutdown while another thread's Logoff was inside Shutdown");
        check_log(&first, "IQNS.", "logged off on another thread as DoFastShutdown began");
        check_log(&second, "IQN", "logged off on another thread as DoFastShutdown began");
        check_log(&f.xp, "IQND", "logged off on another thread as DoFastShutdown began");
        check_log(&f.ms, "IQND", "logged off on another thread as DoFastShutdown began");
        if (s2) s2->lpVtbl->Release(s2);
        client_drops_everything(&f);
        mockmapi_reset();
        check_log(&second, "IQNRR", "released by the harness's teardown");
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
    MM_RUN(test_MM_FS_EXITED_do_waits_for_a_notify_call_in_progress_on_another_thread);
    MM_RUN(test_MM_FS_QUERY_FIRST_do_during_a_query_on_another_thread_is_refused);
    MM_RUN(test_MM_FS_EXITED_no_release_from_a_fan_out_ending_after_do_fast_shutdown);
    MM_RUN(test_MM_NS_ORDER_do_waits_for_a_logoff_in_progress_on_another_thread);
    MM_RUN(test_MM_FS_POLICY_policy_2_calls_no_provider_and_says_how_many);
    return mm_finish("fidelity");
}
