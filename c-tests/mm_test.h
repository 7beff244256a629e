/*
 * mm_test.h — shared helpers for the C test programs in c-tests/ (not part of the public API).
 *
 * - CHECK / CHECK_HR / CHECK_EQ: assertions that print file:line, what failed and why, and keep going;
 *   mm_finish() prints the journal if anything failed and gives the exit code.
 * - tp_provider: a provider object written the way Windows C code writes COM objects — a struct whose first
 *   field is lpVtbl, static const vtables, an embedded IMAPIProviderShutdown sharing the reference count —
 *   configurable per test (which HRESULT each method returns, whether it exposes IMAPIProviderShutdown, a hook
 *   called inside each method) and counting every call. Calls are also appended to a process-wide log so a test
 *   can check the order the runtime used, from the providers' side.
 */
#ifndef MM_TEST_H
#define MM_TEST_H

#include "mockmapi.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- assertions --------------------------------------------------------------------------------------- */

static atomic_int mm_failures;

static inline void mm_print_journal(void) {
    size_t n = mockmapi_journal_render(NULL, 0);
    char *text = (char *)malloc(n + 1);
    if (text == NULL) return;
    mockmapi_journal_render(text, n + 1);
    fprintf(stderr, "---- journal (%zu events, %zu violations) ----\n%s----\n", mockmapi_journal_count(),
            mockmapi_violation_count(), text);
    free(text);
}

static inline int mm_check(int ok, const char *expr, const char *why, const char *file, int line) {
    if (!ok) {
        atomic_fetch_add(&mm_failures, 1);
        fprintf(stderr, "%s:%d: CHECK failed: %s -- %s\n", file, line, expr, why);
    }
    return ok;
}

static inline const char *mm_hr_text(HRESULT hr) {
    const char *n = mockmapi_hresult_name(hr);
    return n[0] ? n : "unknown";
}

static inline int mm_check_hr(HRESULT got, HRESULT want, const char *expr, const char *file, int line) {
    if (got != want) {
        atomic_fetch_add(&mm_failures, 1);
        fprintf(stderr, "%s:%d: %s returned %s (0x%08X), expected %s (0x%08X)\n", file, line, expr, mm_hr_text(got),
                (unsigned)got, mm_hr_text(want), (unsigned)want);
        return 0;
    }
    return 1;
}

static inline int mm_check_eq(unsigned long long got, unsigned long long want, const char *expr, const char *file,
                              int line) {
    if (got != want) {
        atomic_fetch_add(&mm_failures, 1);
        fprintf(stderr, "%s:%d: %s is %llu, expected %llu\n", file, line, expr, got, want);
        return 0;
    }
    return 1;
}

#define CHECK(cond, why) mm_check((cond) ? 1 : 0, #cond, (why), __FILE__, __LINE__)
#define CHECK_HR(expr, want) mm_check_hr((HRESULT)(expr), (HRESULT)(want), #expr, __FILE__, __LINE__)
#define CHECK_EQ(expr, want) \
    mm_check_eq((unsigned long long)(expr), (unsigned long long)(want), #expr, __FILE__, __LINE__)

/* Print PASS or the journal; the program's exit code. */
static inline int mm_finish(const char *program) {
    int n = atomic_load(&mm_failures);
    if (n != 0) {
        mm_print_journal();
        fprintf(stderr, "%s: %d check(s) failed\n", program, n);
        return 1;
    }
    printf("%s: PASS\n", program);
    return 0;
}

/* ---- journal helpers ---------------------------------------------------------------------------------- */

/* The index of the n-th (0-based) event of `event_type`, or -1. */
static inline long mm_find_event(uint32_t event_type, size_t nth, mockmapi_event *out) {
    size_t count = mockmapi_journal_count();
    for (size_t i = 0; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) != S_OK) return -1;
        if (e.event_type == event_type && nth-- == 0) {
            if (out) *out = e;
            return (long)i;
        }
    }
    return -1;
}

/* Number of provider calls of one method (MOCKMAPI_METHOD_*). */
static inline size_t mm_count_provider_calls(uint32_t method) {
    size_t count = mockmapi_journal_count(), n = 0;
    for (size_t i = 0; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL && e.method == method)
            n++;
    }
    return n;
}

/* Whether some violation or diagnostic message contains `text`. */
static inline int mm_journal_mentions(uint32_t event_type, const char *text) {
    size_t count = mockmapi_journal_count();
    for (size_t i = 0; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == event_type && strstr(e.message, text) != NULL)
            return 1;
    }
    return 0;
}

/* ---- the test provider -------------------------------------------------------------------------------- */

enum { TP_QI_SHUTDOWN = 1, TP_QUERY, TP_NOTIFY, TP_DO, TP_SHUTDOWN, TP_RELEASE };

struct tp_provider;
typedef void (*tp_hook)(struct tp_provider *self, int method, void *ctx);

typedef struct tp_provider {
    const mockmapi_provider_vtbl *lpVtbl; /* IXPProvider/IABProvider/IMSProvider prefix: IUnknown + Shutdown */
    IMAPIProviderShutdown shutdown;       /* embedded interface, same reference count */
    atomic_long refs;
    uint32_t kind;
    const char *name;
    int has_shutdown;  /* answer QueryInterface(IID_IMAPIProviderShutdown)? */
    HRESULT hr_query, hr_notify, hr_do, hr_shutdown;
    atomic_int n_qi_shutdown, n_query, n_notify, n_do, n_shutdown, n_release;
    tp_hook hook;      /* called inside every method, after counting; may re-enter the runtime */
    void *hook_ctx;
} tp_provider;

typedef struct tp_call {
    const tp_provider *provider;
    int method;
} tp_call;

#define TP_LOG_MAX 65536
static tp_call tp_log[TP_LOG_MAX];
static atomic_int tp_log_len;

static inline void tp_record(tp_provider *p, int method) {
    int i = atomic_fetch_add(&tp_log_len, 1);
    if (i < TP_LOG_MAX) {
        tp_log[i].provider = p;
        tp_log[i].method = method;
    }
    if (p->hook) p->hook(p, method, p->hook_ctx);
}

static inline void tp_log_clear(void) { atomic_store(&tp_log_len, 0); }

/* The i-th logged call with a given method (0-based), or NULL. */
static inline const tp_provider *tp_log_nth(int method, int nth) {
    int n = atomic_load(&tp_log_len);
    for (int i = 0; i < n && i < TP_LOG_MAX; i++)
        if (tp_log[i].method == method && nth-- == 0) return tp_log[i].provider;
    return NULL;
}

static inline int tp_log_count(int method) {
    int n = atomic_load(&tp_log_len), c = 0;
    for (int i = 0; i < n && i < TP_LOG_MAX; i++) c += tp_log[i].method == method;
    return c;
}

#define TP_FROM_SHUTDOWN(s) ((tp_provider *)((char *)(s)-offsetof(tp_provider, shutdown)))

static inline HRESULT STDMETHODCALLTYPE tp_QueryInterface(mockmapi_provider *This, REFIID riid, void **ppv) {
    tp_provider *p = (tp_provider *)This;
    if (ppv == NULL) return E_POINTER;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        atomic_fetch_add(&p->n_qi_shutdown, 1);
        tp_record(p, TP_QI_SHUTDOWN);
        if (!p->has_shutdown) {
            *ppv = NULL;
            return E_NOINTERFACE;
        }
        atomic_fetch_add(&p->refs, 1);
        *ppv = &p->shutdown;
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IUnknown) ||
        (p->kind == MOCKMAPI_PROVIDER_TRANSPORT && IsEqualIID(riid, &IID_IXPProvider)) ||
        (p->kind == MOCKMAPI_PROVIDER_ADDRESS_BOOK && IsEqualIID(riid, &IID_IABProvider)) ||
        (p->kind == MOCKMAPI_PROVIDER_STORE && IsEqualIID(riid, &IID_IMSProvider))) {
        atomic_fetch_add(&p->refs, 1);
        *ppv = p;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static inline ULONG STDMETHODCALLTYPE tp_AddRef(mockmapi_provider *This) {
    return (ULONG)(atomic_fetch_add(&((tp_provider *)This)->refs, 1) + 1);
}

static inline ULONG STDMETHODCALLTYPE tp_Release(mockmapi_provider *This) {
    tp_provider *p = (tp_provider *)This;
    atomic_fetch_add(&p->n_release, 1);
    tp_record(p, TP_RELEASE);
    return (ULONG)(atomic_fetch_sub(&p->refs, 1) - 1);
}

static inline HRESULT STDMETHODCALLTYPE tp_Shutdown(mockmapi_provider *This, ULONG *lpulFlags) {
    tp_provider *p = (tp_provider *)This;
    atomic_fetch_add(&p->n_shutdown, 1);
    if (lpulFlags == NULL || *lpulFlags != 0) {
        fprintf(stderr, "tp_Shutdown(%s): flags pointer NULL or flags not 0\n", p->name);
        atomic_fetch_add(&mm_failures, 1);
    }
    tp_record(p, TP_SHUTDOWN);
    return p->hr_shutdown;
}

static const mockmapi_provider_vtbl tp_provider_vtbl = {tp_QueryInterface, tp_AddRef, tp_Release, tp_Shutdown};

static inline HRESULT STDMETHODCALLTYPE tp_ps_QueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    return tp_QueryInterface((mockmapi_provider *)TP_FROM_SHUTDOWN(This), riid, ppv);
}
static inline ULONG STDMETHODCALLTYPE tp_ps_AddRef(IMAPIProviderShutdown *This) {
    return (ULONG)(atomic_fetch_add(&TP_FROM_SHUTDOWN(This)->refs, 1) + 1);
}
static inline ULONG STDMETHODCALLTYPE tp_ps_Release(IMAPIProviderShutdown *This) {
    /* Releases of the shutdown interface are counted apart from the provider object's own Release. */
    return (ULONG)(atomic_fetch_sub(&TP_FROM_SHUTDOWN(This)->refs, 1) - 1);
}
static inline HRESULT STDMETHODCALLTYPE tp_ps_QueryFastShutdown(IMAPIProviderShutdown *This) {
    tp_provider *p = TP_FROM_SHUTDOWN(This);
    atomic_fetch_add(&p->n_query, 1);
    tp_record(p, TP_QUERY);
    return p->hr_query;
}
static inline HRESULT STDMETHODCALLTYPE tp_ps_NotifyProcessShutdown(IMAPIProviderShutdown *This) {
    tp_provider *p = TP_FROM_SHUTDOWN(This);
    atomic_fetch_add(&p->n_notify, 1);
    tp_record(p, TP_NOTIFY);
    return p->hr_notify;
}
static inline HRESULT STDMETHODCALLTYPE tp_ps_DoFastShutdown(IMAPIProviderShutdown *This) {
    tp_provider *p = TP_FROM_SHUTDOWN(This);
    atomic_fetch_add(&p->n_do, 1);
    tp_record(p, TP_DO);
    return p->hr_do;
}

static const IMAPIProviderShutdownVtbl tp_shutdown_vtbl = {
    tp_ps_QueryInterface,        tp_ps_AddRef,           tp_ps_Release, tp_ps_QueryFastShutdown,
    tp_ps_NotifyProcessShutdown, tp_ps_DoFastShutdown,
};

/* Initialise a provider in caller-owned storage with one reference (the caller's). */
static inline void tp_init(tp_provider *p, uint32_t kind, const char *name, int has_shutdown) {
    memset(p, 0, sizeof *p);
    p->lpVtbl = &tp_provider_vtbl;
    p->shutdown.lpVtbl = &tp_shutdown_vtbl;
    atomic_store(&p->refs, 1);
    p->kind = kind;
    p->name = name;
    p->has_shutdown = has_shutdown;
    p->hr_query = p->hr_notify = p->hr_do = p->hr_shutdown = S_OK;
}

static inline IUnknown *tp_unknown(tp_provider *p) { return (IUnknown *)(void *)p; }

/* Attach to a session under its own name. */
static inline HRESULT tp_attach(IMAPISession *session, tp_provider *p) {
    return mockmapi_session_add_provider(session, p->kind, p->name, tp_unknown(p));
}

/* ---- client helpers ----------------------------------------------------------------------------------- */

/* MAPILogonEx with a profile name; NULL on failure (counted as a failed check). */
static inline IMAPISession *mm_logon(const char *profile) {
    IMAPISession *s = NULL;
    HRESULT hr = MAPILogonEx(0, (LPTSTR)profile, NULL, 0, &s);
    if (!CHECK_HR(hr, S_OK)) return NULL;
    return s;
}

/* The session's IMAPIClientShutdown (one reference); NULL on failure (counted as a failed check). */
static inline IMAPIClientShutdown *mm_client_shutdown(IMAPISession *s) {
    IMAPIClientShutdown *cs = NULL;
    if (!CHECK_HR(s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, (void **)&cs), S_OK)) return NULL;
    return cs;
}

#define MM_POLICY_KEY "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown"
#define MM_PREFERENCE_KEY "HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown"

/* ---- test programs made of several test functions ----------------------------------------------------- */

/* Each test function starts from a reset runtime and an empty provider log, and must call mm_test_end()
 * before it returns (while its providers, which live in its own storage, are still alive): mm_test_end()
 * prints the journal if the test failed, then resets the runtime, which releases the runtime's references. */
static int mm_test_failures_at_start;
static const char *mm_test_current = "";

static inline void mm_test_end(void) {
    if (atomic_load(&mm_failures) != mm_test_failures_at_start) {
        fprintf(stderr, "---- in %s ----\n", mm_test_current);
        mm_print_journal();
    }
    mockmapi_reset();
    tp_log_clear();
}

static inline void mm_run_test(const char *name, void (*test)(void)) {
    mockmapi_reset();
    tp_log_clear();
    mm_test_current = name;
    mm_test_failures_at_start = atomic_load(&mm_failures);
    test();
    int failed = atomic_load(&mm_failures) - mm_test_failures_at_start;
    if (failed != 0)
        fprintf(stderr, "FAIL %s (%d check(s))\n", name, failed);
    else
        printf("ok   %s\n", name);
}

#define MM_RUN(test) mm_run_test(#test, test)

/* A point in the journal, to check what happened after it. */
typedef struct mm_mark {
    size_t events;
    size_t violations;
    size_t diagnostics;
    int tp_log;
} mm_mark;

static inline mm_mark mm_mark_now(void) {
    mm_mark m;
    m.events = mockmapi_journal_count();
    m.violations = mockmapi_violation_count();
    m.diagnostics = mockmapi_journal_count_type(MOCKMAPI_EVENT_DIAGNOSTIC);
    m.tp_log = atomic_load(&tp_log_len);
    return m;
}

/* Events of `event_type` recorded since `m` whose message contains `text` (NULL: any message). */
static inline size_t mm_count_since(mm_mark m, uint32_t event_type, const char *text) {
    size_t count = mockmapi_journal_count(), n = 0;
    for (size_t i = m.events; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == event_type &&
            (text == NULL || strstr(e.message, text) != NULL))
            n++;
    }
    return n;
}

/* Exactly `n` violations since `m`, each mentioning `text` (when not NULL). */
static inline int mm_check_new_violations(mm_mark m, size_t n, const char *text, const char *expr, const char *file,
                                          int line) {
    size_t got = mockmapi_violation_count() - m.violations;
    size_t matching = mm_count_since(m, MOCKMAPI_EVENT_VIOLATION, text);
    if (got != n || (text != NULL && matching != n)) {
        atomic_fetch_add(&mm_failures, 1);
        fprintf(stderr, "%s:%d: since %s: %zu new violation(s), %zu of them mentioning \"%s\"; expected %zu\n", file, line,
                expr, got, matching, text ? text : "", n);
        return 0;
    }
    return 1;
}

/* CHECK_VIOLATIONS(mark, n, text): exactly n violations were recorded since mark, each mentioning text. */
#define CHECK_VIOLATIONS(mark, n, text) mm_check_new_violations((mark), (n), (text), #mark, __FILE__, __LINE__)

/* Provider-call events of `method` since `m`, copied into `out` (at most `max`); returns how many there are. */
static inline size_t mm_provider_calls_since(mm_mark m, uint32_t method, mockmapi_event *out, size_t max) {
    size_t count = mockmapi_journal_count(), n = 0;
    for (size_t i = m.events; i < count; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL &&
            e.method == method) {
            if (n < max) out[n] = e;
            n++;
        }
    }
    return n;
}

/* Whether the provider log, restricted to `method` and to entries logged since `m`, is exactly `expected`. */
static inline int tp_log_order_since(mm_mark m, int method, const tp_provider *const *expected, int n) {
    int len = atomic_load(&tp_log_len), k = 0;
    for (int i = m.tp_log; i < len && i < TP_LOG_MAX; i++) {
        if (tp_log[i].method != method) continue;
        if (k >= n || tp_log[i].provider != expected[k]) return 0;
        k++;
    }
    return k == n;
}

/* Number of provider-log entries since `m`. */
static inline int tp_log_since(mm_mark m) { return atomic_load(&tp_log_len) - m.tp_log; }

/* A copy of a provider's counters. */
typedef struct tp_counts {
    int qi_shutdown, query, notify, do_, shutdown, release;
    long refs;
} tp_counts;

static inline tp_counts tp_counts_of(tp_provider *p) {
    tp_counts c;
    c.qi_shutdown = atomic_load(&p->n_qi_shutdown);
    c.query = atomic_load(&p->n_query);
    c.notify = atomic_load(&p->n_notify);
    c.do_ = atomic_load(&p->n_do);
    c.shutdown = atomic_load(&p->n_shutdown);
    c.release = atomic_load(&p->n_release);
    c.refs = atomic_load(&p->refs);
    return c;
}

static inline int tp_counts_equal(tp_counts a, tp_counts b) {
    return a.qi_shutdown == b.qi_shutdown && a.query == b.query && a.notify == b.notify && a.do_ == b.do_ &&
           a.shutdown == b.shutdown && a.release == b.release && a.refs == b.refs;
}

/* The number of calls a provider received through IMAPIProviderShutdown (QueryInterface for it included). */
static inline int tp_shutdown_iface_calls(tp_provider *p) {
    return atomic_load(&p->n_qi_shutdown) + atomic_load(&p->n_query) + atomic_load(&p->n_notify) +
           atomic_load(&p->n_do);
}

/* Set FastShutdownBehavior under `key` (MM_POLICY_KEY, MM_PREFERENCE_KEY, ...); a failed set is a failed check. */
static inline void mm_set_behavior(const char *key, uint32_t value) {
    CHECK_HR(mockmapi_registry_set_dword(key, "FastShutdownBehavior", value), S_OK);
}

#endif /* MM_TEST_H */
