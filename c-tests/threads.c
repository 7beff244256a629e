/* SPEC §4 (concurrency): other threads calling the runtime concurrently never deadlock and never break the
 * bookkeeping. 8 threads log on, attach providers and log off, with fixed iteration counts, while another thread
 * runs QueryFastShutdown + NotifyProcessShutdown over and over; DoFastShutdown only once all have joined.
 * Nothing here depends on timing: the checks hold for every interleaving. */
#define _POSIX_C_SOURCE 200809L
#include "mm_test.h"

#include <pthread.h>

enum { WORKERS = 8, ITERATIONS = 40, PER_SESSION = 4, QUERIES = 300 };

static tp_provider worker_providers[WORKERS][ITERATIONS][PER_SESSION];
static tp_provider querier_provider;
static pthread_barrier_t start;

typedef struct worker_result {
    int logon_failures, attach_failures, logoff_failures, qi_failures;
} worker_result;

static worker_result results[WORKERS];

/* Registered out of kind order, with two transports. */
static const uint32_t kinds[PER_SESSION] = {MOCKMAPI_PROVIDER_STORE, MOCKMAPI_PROVIDER_TRANSPORT,
                                            MOCKMAPI_PROVIDER_ADDRESS_BOOK, MOCKMAPI_PROVIDER_TRANSPORT};

static void init_worker_providers(void) {
    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < ITERATIONS; i++)
            for (int k = 0; k < PER_SESSION; k++) tp_init(&worker_providers[w][i][k], kinds[k], "worker", 1);
    memset(results, 0, sizeof results);
}

static void *worker(void *arg) {
    int w = (int)(intptr_t)arg;
    worker_result *r = &results[w];
    pthread_barrier_wait(&start);
    for (int i = 0; i < ITERATIONS; i++) {
        IMAPISession *s = NULL;
        if (MAPILogonEx(0, (LPTSTR) "worker", NULL, 0, &s) != S_OK || s == NULL) {
            r->logon_failures++;
            continue;
        }
        for (int k = 0; k < PER_SESSION; k++) {
            tp_provider *p = &worker_providers[w][i][k];
            if (mockmapi_session_add_provider(s, kinds[k], NULL, tp_unknown(p)) != S_OK) r->attach_failures++;
        }
        /* Some session traffic while others query. */
        IMAPIClientShutdown *cs = NULL;
        if (s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs) != S_OK || cs == NULL)
            r->qi_failures++;
        else
            cs->lpVtbl->Release(cs);
        if (s->lpVtbl->Logoff(s, 0, 0, 0) != S_OK) r->logoff_failures++;
        s->lpVtbl->Release(s);
    }
    return NULL;
}

typedef struct querier_result {
    int query_not_ok, notify_not_ok;
} querier_result;

static void *querier(void *arg) {
    IMAPIClientShutdown *cs = (IMAPIClientShutdown *)arg;
    querier_result *r = (querier_result *)calloc(1, sizeof *r);
    pthread_barrier_wait(&start);
    for (int i = 0; i < QUERIES; i++) {
        if (cs->lpVtbl->QueryFastShutdown(cs) != S_OK) r->query_not_ok++;
        if (cs->lpVtbl->NotifyProcessShutdown(cs) != S_OK) r->notify_not_ok++;
    }
    return r;
}

static void test_concurrent_logons_and_queries_keep_counts_consistent(void) {
    init_worker_providers();
    tp_init(&querier_provider, MOCKMAPI_PROVIDER_STORE, "querier", 1);

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *qs = mm_logon("querier");
    IMAPIClientShutdown *cs = qs ? mm_client_shutdown(qs) : NULL;
    if (cs == NULL) {
        mm_test_end();
        return;
    }
    CHECK_HR(tp_attach(qs, &querier_provider), S_OK);
    mm_mark begin = mm_mark_now();

    if (pthread_barrier_init(&start, NULL, WORKERS + 1) != 0) {
        CHECK(0, "pthread_barrier_init");
        return;
    }
    pthread_t workers[WORKERS], q;
    int started = 0;
    for (int w = 0; w < WORKERS; w++)
        if (CHECK(pthread_create(&workers[w], NULL, worker, (void *)(intptr_t)w) == 0, "pthread_create")) started++;
    int q_started = CHECK(pthread_create(&q, NULL, querier, cs) == 0, "pthread_create");
    if (started != WORKERS || !q_started) {
        fprintf(stderr, "cannot start the threads; giving up\n");
        exit(1);
    }
    void *qr = NULL;
    for (int w = 0; w < WORKERS; w++) pthread_join(workers[w], NULL);
    pthread_join(q, &qr);
    pthread_barrier_destroy(&start);

    for (int w = 0; w < WORKERS; w++) {
        CHECK_EQ(results[w].logon_failures, 0);
        CHECK_EQ(results[w].attach_failures, 0);
        CHECK_EQ(results[w].qi_failures, 0);
        CHECK_EQ(results[w].logoff_failures, 0);
    }
    querier_result *r = (querier_result *)qr;
    if (CHECK(r != NULL, "querier result")) {
        CHECK_EQ(r->query_not_ok, 0);
        CHECK_EQ(r->notify_not_ok, 0);
        free(r);
    }

    /* Every worker provider: logged off exactly once — one Shutdown, then exactly one Release from the runtime —
     * and no reference left behind; no fast-shutdown Do reached it. */
    int bad = 0;
    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < ITERATIONS; i++)
            for (int k = 0; k < PER_SESSION; k++) {
                tp_provider *p = &worker_providers[w][i][k];
                int sh = atomic_load(&p->n_shutdown), rel = atomic_load(&p->n_release);
                long refs = atomic_load(&p->refs);
                if (sh != 1 || rel != 1 || refs != 1 || atomic_load(&p->n_do) != 0) {
                    if (bad++ < 10)
                        fprintf(stderr, "    worker %d iteration %d provider %d: Shutdown %d, Release %d, refs %ld\n", w,
                                i, k, sh, rel, refs);
                }
            }
    CHECK_EQ(bad, 0);
    /* A logon or an attachment between the querier's Query and its Notify invalidates the query (rule
     * MM-FS-QUERY-FIRST): that Notify reaches no provider and is a violation. Nothing else is. */
    size_t invalidated = mm_count_since(begin, MOCKMAPI_EVENT_VIOLATION, "was invalidated");
    CHECK_EQ(mockmapi_violation_count(), invalidated);
    /* Informational: how much the querier actually overlapped with the workers (not a pass condition). */
    printf("    %zu QueryFastShutdown call(s) reached providers (%d of them the querier's)\n",
           mm_count_provider_calls(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), QUERIES);
    printf("    %zu NotifyProcessShutdown call(s) refused after a logon or attachment invalidated the query\n",
           invalidated);
    CHECK_EQ(atomic_load(&querier_provider.n_query), QUERIES);
    CHECK_EQ((size_t)atomic_load(&querier_provider.n_notify) + invalidated, QUERIES);
    /* The test's own reference, the runtime's, and the IMAPIProviderShutdown it holds since the first query. */
    CHECK_EQ(atomic_load(&querier_provider.refs), 3);

    /* The journal agrees: one Shutdown and one Release per worker provider. */
    size_t expected = (size_t)WORKERS * ITERATIONS * PER_SESSION;
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_SHUTDOWN), expected);
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_RELEASE), expected);

    /* Finally, one fast shutdown, with everyone joined. */
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
    CHECK_EQ(atomic_load(&querier_provider.n_do), 1);
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_DO_FAST_SHUTDOWN), 1);
    CHECK_EQ(mockmapi_violation_count(), invalidated);

    cs->lpVtbl->Release(cs);
    qs->lpVtbl->Release(qs);
    mm_test_end();
    CHECK_EQ(atomic_load(&querier_provider.refs), 1);
}

/* The same, with fast shutdown refused by one provider: the querier's answers are consistent (always
 * MAPI_E_NO_SUPPORT) and Notify is always refused as a violation, whatever the interleaving. */
static void *refused_querier(void *arg) {
    IMAPIClientShutdown *cs = (IMAPIClientShutdown *)arg;
    intptr_t bad = 0;
    pthread_barrier_wait(&start);
    for (int i = 0; i < QUERIES; i++) {
        if (cs->lpVtbl->QueryFastShutdown(cs) != MAPI_E_NO_SUPPORT) bad++;
        if (cs->lpVtbl->NotifyProcessShutdown(cs) != S_OK) bad++;
    }
    return (void *)bad;
}

static void test_concurrent_queries_refused_by_a_provider_stay_refused(void) {
    init_worker_providers();
    tp_init(&querier_provider, MOCKMAPI_PROVIDER_STORE, "querier", 1);
    querier_provider.hr_query = MAPI_E_NO_SUPPORT;

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *qs = mm_logon("querier");
    IMAPIClientShutdown *cs = qs ? mm_client_shutdown(qs) : NULL;
    if (cs == NULL) {
        mm_test_end();
        return;
    }
    CHECK_HR(tp_attach(qs, &querier_provider), S_OK);
    if (pthread_barrier_init(&start, NULL, WORKERS + 1) != 0) {
        CHECK(0, "pthread_barrier_init");
        return;
    }
    pthread_t workers[WORKERS], q;
    for (int w = 0; w < WORKERS; w++)
        if (pthread_create(&workers[w], NULL, worker, (void *)(intptr_t)w) != 0) exit(1);
    if (pthread_create(&q, NULL, refused_querier, cs) != 0) exit(1);
    void *bad = NULL;
    for (int w = 0; w < WORKERS; w++) pthread_join(workers[w], NULL);
    pthread_join(q, &bad);
    pthread_barrier_destroy(&start);

    CHECK_EQ((intptr_t)bad, 0);
    CHECK_EQ(mockmapi_violation_count(), QUERIES); /* one refused Notify per iteration, nothing else */
    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < ITERATIONS; i++)
            for (int k = 0; k < PER_SESSION; k++) {
                tp_provider *p = &worker_providers[w][i][k];
                CHECK_EQ(atomic_load(&p->n_notify), 0);
                CHECK_EQ(atomic_load(&p->refs), 1);
            }
    cs->lpVtbl->Release(cs);
    qs->lpVtbl->Release(qs);
    mm_test_end();
}

int main(void) {
    MM_RUN(test_concurrent_logons_and_queries_keep_counts_consistent);
    MM_RUN(test_concurrent_queries_refused_by_a_provider_stay_refused);
    return mm_finish("threads");
}
