/* Fake providers (every knob), real-client styles, leak reports. */
#include "mm_test.h"

static mockmapi_fake_spec spec_of(uint32_t kind, const char *name) {
    mockmapi_fake_spec s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.name = name;
    return s;
}

static uint32_t calls(IUnknown *fake, uint32_t method) {
    uint32_t n = 12345;
    CHECK_HR(mockmapi_fake_provider_calls(fake, method, &n), S_OK);
    return n;
}

typedef struct seen {
    int count;
    uint32_t methods[16];
} seen;

static HRESULT override_do(void *ctx, IUnknown *provider, uint32_t method, HRESULT planned) {
    seen *s = (seen *)ctx;
    (void)provider;
    if (s->count < 16) s->methods[s->count] = method;
    s->count++;
    return method == MOCKMAPI_METHOD_DO_FAST_SHUTDOWN ? E_FAIL : planned;
}

static void test_fake_results_counts_and_callback(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    seen log = {0, {0}};
    mockmapi_fake_spec a = spec_of(MOCKMAPI_PROVIDER_TRANSPORT, "opting out");
    a.query_fast_shutdown_result = MAPI_E_NO_SUPPORT;
    mockmapi_fake_spec b = spec_of(MOCKMAPI_PROVIDER_STORE, "with callback");
    b.callback = override_do;
    b.callback_context = &log;
    IUnknown *fa = NULL, *fb = NULL;
    CHECK_HR(mockmapi_fake_provider_create(&a, &fa), S_OK);
    CHECK_HR(mockmapi_fake_provider_create(&b, &fb), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, a.kind, a.name, fa), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, b.kind, b.name, fb), S_OK);
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_ADD_REF), 1); /* the runtime's reference */

    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), MAPI_E_NO_SUPPORT); /* the opt-out blocks */
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), 1);
    CHECK_EQ(calls(fb, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), 1);
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_QUERY_INTERFACE), 1);
    /* The runtime holds the interface QueryInterface handed out until the normal path: no Release yet. */
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_RELEASE), 0);

    /* Now let the transport agree and run the rest: the callback makes the store's Do fail. */
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    s = mm_logon("p");
    a.query_fast_shutdown_result = S_OK;
    CHECK_EQ(log.count, 1); /* the first store was queried once */
    log.count = 0;
    IUnknown *fa2 = NULL, *fb2 = NULL;
    CHECK_HR(mockmapi_fake_provider_create(&a, &fa2), S_OK);
    CHECK_HR(mockmapi_fake_provider_create(&b, &fb2), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, a.kind, a.name, fa2), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, b.kind, b.name, fb2), S_OK);
    cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), MAPI_E_NO_SUPPORT);
    CHECK_EQ(log.count, 3);
    CHECK(log.methods[0] == MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN && log.methods[2] == MOCKMAPI_METHOD_DO_FAST_SHUTDOWN,
          "the callback sees each method in turn");
    CHECK_EQ(calls(fa2, MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 1);
    /* Not a fake, unknown method, NULL count. */
    uint32_t n = 0;
    CHECK_HR(mockmapi_fake_provider_calls((IUnknown *)(void *)s, MOCKMAPI_METHOD_RELEASE, &n), E_INVALIDARG);
    CHECK_HR(mockmapi_fake_provider_calls(fa2, 999, &n), E_INVALIDARG);
    CHECK_HR(mockmapi_fake_provider_calls(fa2, MOCKMAPI_METHOD_RELEASE, NULL), E_INVALIDARG);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    fa->lpVtbl->Release(fa);
    fb->lpVtbl->Release(fb);
    fa2->lpVtbl->Release(fa2);
    fb2->lpVtbl->Release(fb2);
    mockmapi_reset();
}

static void test_fake_without_interface_and_delay_and_normal_shutdown(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    mockmapi_fake_spec a = spec_of(MOCKMAPI_PROVIDER_ADDRESS_BOOK, "legacy");
    a.without_provider_shutdown = 1;
    a.shutdown_result = E_FAIL;
    a.shutdown_delay_ms = 20;
    IUnknown *fa = NULL;
    CHECK_HR(mockmapi_fake_provider_create(&a, &fa), S_OK);
    CHECK_HR(mockmapi_session_add_provider(s, a.kind, a.name, fa), S_OK);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK); /* policy 0: no interface does not block */
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), 0);
    cs->lpVtbl->Release(cs);
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    CHECK_EQ(calls(fa, MOCKMAPI_METHOD_SHUTDOWN), 1);
    mockmapi_event e;
    CHECK(mm_find_event(MOCKMAPI_EVENT_PROVIDER_CALL, 1, &e) >= 0, "the Shutdown call is journaled");
    CHECK_EQ(e.method, MOCKMAPI_METHOD_SHUTDOWN);
    CHECK_HR(e.hresult, E_FAIL);
    CHECK(e.duration_ns >= 20u * 1000u * 1000u, "the delay is part of the measured call");
    s->lpVtbl->Release(s);
    CHECK_EQ(fa->lpVtbl->Release(fa), 0);
    MAPIUninitialize();
    mockmapi_reset();
}

static void test_wrapper_forwards_unknown_iids_to_its_inner_provider(void) {
    tp_provider inner;
    tp_init(&inner, MOCKMAPI_PROVIDER_STORE, "inner pst", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    mockmapi_fake_spec w = spec_of(MOCKMAPI_PROVIDER_STORE, "wrapper");
    w.without_provider_shutdown = 1;
    w.inner = tp_unknown(&inner);
    IUnknown *fw = NULL;
    CHECK_HR(mockmapi_fake_provider_create(&w, &fw), S_OK);
    CHECK_EQ(atomic_load(&inner.refs), 2); /* the wrapper holds the inner one */
    CHECK_HR(mockmapi_session_add_provider(s, w.kind, w.name, fw), S_OK);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_EQ(atomic_load(&inner.n_query), 1);
    mockmapi_event e;
    CHECK(mm_find_event(MOCKMAPI_EVENT_PROVIDER_CALL, 0, &e) >= 0, "a provider call");
    CHECK(e.object == (const void *)&inner.shutdown, "the journal names the inner object that answered");
    CHECK(strcmp(e.provider_name, "wrapper") == 0, "under the wrapper's name");
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Logoff(s, 0, 0, 0);
    s->lpVtbl->Release(s);
    fw->lpVtbl->Release(fw);
    CHECK_EQ(atomic_load(&inner.refs), 1); /* released with the wrapper */
    MAPIUninitialize();
    mockmapi_reset();
}

static void test_fake_bad_spec(void) {
    IUnknown *f = NULL;
    mockmapi_fake_spec bad = spec_of(0, "x");
    CHECK_HR(mockmapi_fake_provider_create(&bad, &f), E_INVALIDARG);
    CHECK_HR(mockmapi_fake_provider_create(NULL, &f), E_INVALIDARG);
    bad.kind = MOCKMAPI_PROVIDER_STORE;
    CHECK_HR(mockmapi_fake_provider_create(&bad, NULL), E_INVALIDARG);
    CHECK(f == NULL, "no object on failure");
    CHECK_EQ(mockmapi_violation_count(), 3);
    mockmapi_reset();
}

/* ---- client styles: what a recording provider sees ---- */

/* The recording provider outlives the caller's mockmapi_reset, which releases the runtime's reference. */
static tp_provider recorder;

static void run_style(uint32_t style, HRESULT provider_query, int *n_query, int *n_notify, int *n_do, HRESULT *result) {
    tp_init(&recorder, MOCKMAPI_PROVIDER_STORE, "recorder", 1);
    recorder.hr_query = provider_query;
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    tp_attach(s, &recorder);
    *result = mockmapi_client_fast_shutdown(style);
    *n_query = atomic_load(&recorder.n_query);
    *n_notify = atomic_load(&recorder.n_notify);
    *n_do = atomic_load(&recorder.n_do);
    s->lpVtbl->Release(s);
}

static void test_client_styles(void) {
    int q, n, d;
    HRESULT hr;
    run_style(MOCKMAPI_CLIENT_DOCUMENTED, S_OK, &q, &n, &d, &hr);
    CHECK(q == 1 && n == 1 && d == 1 && hr == S_OK, "documented: query, notify, do");
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();

    run_style(MOCKMAPI_CLIENT_DOCUMENTED, MAPI_E_NO_SUPPORT, &q, &n, &d, &hr);
    CHECK(q == 1 && n == 0 && d == 0 && hr == MAPI_E_NO_SUPPORT, "documented: stops after a failed query");
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();

    run_style(MOCKMAPI_CLIENT_ALWAYS_NOTIFY, MAPI_E_NO_SUPPORT, &q, &n, &d, &hr);
    CHECK(q == 1 && n == 0 && d == 0 && hr == MAPI_E_NO_SUPPORT, "always notify: the runtime refuses to notify");
    CHECK_EQ(mockmapi_violation_count(), 1); /* the deviation is marked */
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "without a successful QueryFastShutdown"), "marked");
    mockmapi_reset();

    run_style(MOCKMAPI_CLIENT_NO_NOTIFY, S_OK, &q, &n, &d, &hr);
    CHECK(q == 1 && n == 0 && d == 1 && hr == S_OK, "no notify: query then do");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "DoFastShutdown without NotifyProcessShutdown"), "marked");
    mockmapi_reset();

    CHECK_HR(mockmapi_client_fast_shutdown(9), E_INVALIDARG);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_HR(mockmapi_client_fast_shutdown(MOCKMAPI_CLIENT_DOCUMENTED), MAPI_E_NOT_FOUND); /* no session */
    mockmapi_reset();
}

/* ---- leaks ---- */

static void test_leaks_are_reported_by_name(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("leaky");
    void *buf = NULL;
    CHECK_HR(MAPIAllocateBuffer(8, &buf), S_OK);
    char text[1024];
    CHECK_EQ(mockmapi_leak_report(text, sizeof text), 2);
    CHECK(strstr(text, "session 1 was never released: 1 reference(s) left") != NULL, text);
    CHECK(strstr(text, "1 buffer(s) from MAPIAllocateBuffer/MAPIAllocateMore were never freed") != NULL, text);
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    MAPIUninitialize(); /* the session is still referenced: a diagnostic */
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "leak: session 1 was never released"), "at uninitialize");
    s->lpVtbl->Release(s);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_EQ(MAPIFreeBuffer(buf), 0);
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    MAPIUninitialize();
    mockmapi_reset();
}

int main(void) {
    test_fake_results_counts_and_callback();
    test_fake_without_interface_and_delay_and_normal_shutdown();
    test_wrapper_forwards_unknown_iids_to_its_inner_provider();
    test_fake_bad_spec();
    test_client_styles();
    test_leaks_are_reported_by_name();
    return mm_finish("harness_fakes_styles");
}
