/* Stress (SPEC §4, concurrency and re-entrancy): 16 threads make mixed calls — logon, attach, QueryInterface,
 * AddRef/Release, the client fast-shutdown queries, registry edits, MAPI buffers, Logoff — while every provider
 * re-enters the runtime from inside every one of its methods. A watchdog ends the program if the threads do not
 * finish (a deadlock), so a hang fails instead of stalling CI; the limit is a hang guard, never a pass condition.
 * Afterwards: no reference left behind, every provider logged off exactly once, and the journal's sequence
 * numbers are 1, 2, 3, ... with no gap and no repeat. */
#define _POSIX_C_SOURCE 200809L
#include "mm_test.h"

#include <pthread.h>
#include <time.h>

enum { THREADS = 16, MAX_ITERATIONS = 60, PER_SESSION = 3, WATCHDOG_SECONDS = 240 };

/* Under valgrind (which runs one thread at a time, tens of times slower) fewer iterations keep the same mix. */
static int iterations = MAX_ITERATIONS;

static tp_provider providers[THREADS][MAX_ITERATIONS][PER_SESSION];
static const uint32_t kinds[PER_SESSION] = {MOCKMAPI_PROVIDER_STORE, MOCKMAPI_PROVIDER_TRANSPORT,
                                            MOCKMAPI_PROVIDER_ADDRESS_BOOK};
static pthread_barrier_t start;
static atomic_int reentered;
static atomic_int failures_by_threads;

/* Inside every provider method: calls back into the runtime (reads, registry writes, MAPI buffers). */
static void reenter(tp_provider *self, int method, void *ctx) {
    (void)self;
    (void)ctx;
    atomic_fetch_add(&reentered, 1);
    uint32_t d = 0;
    (void)mockmapi_registry_get_dword(MM_POLICY_KEY, "FastShutdownBehavior", &d);
    if (method == TP_QUERY) (void)mockmapi_registry_set_dword(MM_PREFERENCE_KEY, "Stress", (uint32_t)method);
    uint32_t behavior = 0;
    (void)mockmapi_policy_get_behavior(&behavior);
    (void)mockmapi_journal_count();
    (void)mockmapi_violation_count();
    void *buffer = NULL;
    if (MAPIAllocateBuffer(16, &buffer) == S_OK) (void)MAPIFreeBuffer(buffer);
}

static void fail(const char *what, int t, int i, HRESULT hr) {
    if (atomic_fetch_add(&failures_by_threads, 1) < 10)
        fprintf(stderr, "    thread %d iteration %d: %s returned 0x%08X\n", t, i, what, (unsigned)hr);
}

static void *worker(void *arg) {
    int t = (int)(intptr_t)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < iterations; i++) {
        IMAPISession *s = NULL;
        HRESULT hr = MAPILogonEx(0, (LPTSTR) "stress", NULL, 0, &s);
        if (hr != S_OK || s == NULL) {
            fail("MAPILogonEx", t, i, hr);
            continue;
        }
        for (int k = 0; k < PER_SESSION; k++) {
            hr = mockmapi_session_add_provider(s, kinds[k], "stress", tp_unknown(&providers[t][i][k]));
            if (hr != S_OK) fail("mockmapi_session_add_provider", t, i, hr);
        }
        IMAPIClientShutdown *cs = NULL;
        hr = s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs);
        if (hr != S_OK || cs == NULL) {
            fail("QueryInterface", t, i, hr);
        } else {
            /* Answers depend on the other threads (their providers and policy writes); only the calls matter. */
            (void)cs->lpVtbl->QueryFastShutdown(cs);
            (void)cs->lpVtbl->NotifyProcessShutdown(cs);
            cs->lpVtbl->AddRef(cs);
            cs->lpVtbl->Release(cs);
            cs->lpVtbl->Release(cs);
        }
        (void)mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", (uint32_t)(i % 2));
        void *root = NULL, *more = NULL;
        if (MAPIAllocateBuffer(64, &root) == S_OK) {
            (void)MAPIAllocateMore(32, root, &more);
            (void)MAPIFreeBuffer(root);
        }
        hr = s->lpVtbl->Logoff(s, 0, 0, 0);
        if (hr != S_OK) fail("Logoff", t, i, hr);
        s->lpVtbl->Release(s);
    }
    return NULL;
}

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int done;

static void *watchdog(void *arg) {
    (void)arg;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WATCHDOG_SECONDS;
    pthread_mutex_lock(&done_lock);
    while (!done) {
        if (pthread_cond_timedwait(&done_cond, &done_lock, &until) != 0 && !done) {
            fprintf(stderr, "stress: the threads did not finish within %d s: a deadlock or a hang\n",
                    WATCHDOG_SECONDS);
            fflush(stderr);
            _Exit(3);
        }
    }
    pthread_mutex_unlock(&done_lock);
    return NULL;
}

static void test_sixteen_threads_reentering_providers_no_deadlock_balanced_complete_journal(void) {
    const char *preload = getenv("LD_PRELOAD");
    if (preload != NULL && strstr(preload, "vgpreload") != NULL) iterations = 4;
    for (int t = 0; t < THREADS; t++)
        for (int i = 0; i < iterations; i++)
            for (int k = 0; k < PER_SESSION; k++) {
                tp_provider *p = &providers[t][i][k];
                tp_init(p, kinds[k], "stress", k != 1); /* the transports have no IMAPIProviderShutdown */
                p->hook = reenter;
            }
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    pthread_t dog;
    if (!CHECK(pthread_create(&dog, NULL, watchdog, NULL) == 0, "watchdog thread")) exit(1);
    if (!CHECK(pthread_barrier_init(&start, NULL, THREADS) == 0, "barrier")) exit(1);
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++)
        if (pthread_create(&threads[t], NULL, worker, (void *)(intptr_t)t) != 0) {
            fprintf(stderr, "cannot start thread %d\n", t);
            exit(1);
        }
    for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);
    pthread_mutex_lock(&done_lock);
    done = 1;
    pthread_cond_signal(&done_cond);
    pthread_mutex_unlock(&done_lock);
    pthread_join(dog, NULL);
    pthread_barrier_destroy(&start);

    CHECK_EQ(atomic_load(&failures_by_threads), 0);
    CHECK(atomic_load(&reentered) > 0, "providers re-entered the runtime");

    /* Balanced: each provider got one Shutdown and one Release from the runtime and holds only its creator's
     * reference; the interfaces the runtime obtained were all given back. */
    int bad = 0;
    for (int t = 0; t < THREADS; t++)
        for (int i = 0; i < iterations; i++)
            for (int k = 0; k < PER_SESSION; k++) {
                tp_provider *p = &providers[t][i][k];
                if (atomic_load(&p->refs) != 1 || atomic_load(&p->n_shutdown) != 1 ||
                    atomic_load(&p->n_release) != 1) {
                    if (bad++ < 10)
                        fprintf(stderr, "    thread %d iteration %d provider %d: refs %ld, Shutdown %d, Release %d\n",
                                t, i, k, (long)atomic_load(&p->refs), atomic_load(&p->n_shutdown),
                                atomic_load(&p->n_release));
                }
            }
    CHECK_EQ(bad, 0);
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_SHUTDOWN), (size_t)THREADS * iterations * PER_SESSION);

    /* The journal: sequence numbers 1..n, strictly increasing, none missing, none repeated. */
    size_t n = mockmapi_journal_count();
    CHECK(n > (size_t)THREADS * iterations * 10, "the journal holds every call");
    size_t gaps = 0;
    for (size_t i = 0; i < n; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) != S_OK || e.sequence != (uint64_t)i + 1) {
            if (gaps++ < 5) fprintf(stderr, "    event %zu has sequence %llu\n", i, (unsigned long long)e.sequence);
        }
    }
    CHECK_EQ(gaps, 0);
    /* Nothing was leaked: every session released, every buffer freed. */
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    MAPIUninitialize();
    mm_test_end();
}

int main(void) {
    MM_RUN(test_sixteen_threads_reentering_providers_no_deadlock_balanced_complete_journal);
    return mm_finish("stress");
}
