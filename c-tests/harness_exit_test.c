/* The exit test (rules MM-EXIT-TEST, MM-FS-SAVED): the data of a store that saves in DoFastShutdown survives the
 * immediate exit; a store that defers its write, or saves only in its destructor (the final Release), loses it;
 * a provider that crashes or hangs in DoFastShutdown is named as the call in progress; a provider that starts a
 * helper process holding the journal pipe does not keep the test from returning. On Windows the child is this
 * program started again (it runs main again up to the same mockmapi_exit_test call), and a crash is an exception
 * or abort()'s exit code 3 instead of a signal. */
#define _POSIX_C_SOURCE 200809L
#include "mm_test.h"
#include "mm_portable.h"

#include <fcntl.h>
#ifndef _WIN32
#include <signal.h>
#endif

enum { GOOD, DEFERRED, CRASH, HANG, DESTRUCTOR, HELPER, HELPER_HANG };

typedef struct store_ctx {
    int mode;
    char path[256];
} store_ctx;

static tp_provider store; /* lives in the child's copy of this program */
static store_ctx *active;
static const char *self_path; /* argv[0] */

static void write_durably(const char *path, const char *data) {
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | MM_O_BINARY, 0600);
    if (fd < 0) return;
    if (write(fd, data, (unsigned)strlen(data)) < 0) { /* reported by verify */ }
    mm_fsync(fd);
    close(fd);
    rename(tmp, path);
}

static void write_at_exit(void) { write_durably(active->path, "saved"); }

/* A helper process that inherits every descriptor (the journal pipe too) and never exits. */
static void start_helper(void) {
#ifdef _WIN32
    _spawnl(_P_NOWAIT, self_path, self_path, "--helper", (const char *)NULL);
#else
    (void)self_path;
    pid_t pid = fork();
    if (pid == 0) mm_hang();
#endif
}

static void store_hook(tp_provider *self, int method, void *ctx) {
    store_ctx *c = (store_ctx *)ctx;
    /* A store whose destructor saves: it runs when the last reference goes. */
    if (c->mode == DESTRUCTOR && method == TP_RELEASE && atomic_load(&self->refs) == 1)
        write_durably(c->path, "saved");
    if (method != TP_DO) return;
    switch (c->mode) {
    case GOOD: write_durably(c->path, "saved"); break;      /* durable before DoFastShutdown returns */
    case DEFERRED: atexit(write_at_exit); break;             /* the classic mistake: save "later" */
    case CRASH: abort();
    case HANG: mm_hang(); break;
    case HELPER:
        start_helper();
        write_durably(c->path, "saved");
        break;
    case HELPER_HANG:
        start_helper();
        mm_hang();
        break;
    }
}

/* The store's display name (one run gives it control characters). */
static const char *store_name = "file store";

static HRESULT setup(void *userdata) {
    store_ctx *c = (store_ctx *)userdata;
    active = c;
    tp_init(&store, MOCKMAPI_PROVIDER_STORE, store_name, 1);
    store.hook = store_hook;
    store.hook_ctx = c;
    HRESULT hr = MAPIInitialize(NULL);
    if (FAILED(hr)) return hr;
    IMAPISession *s = NULL;
    hr = MAPILogonEx(0, (LPTSTR) "exit", NULL, 0, &s);
    if (FAILED(hr)) return hr;
    hr = tp_attach(s, &store);
    /* As in Outlook, MAPI holds the only reference to a provider its entry point created. */
    store.lpVtbl->Release((mockmapi_provider *)&store);
    return hr;
}

static HRESULT verify(void *userdata) {
    store_ctx *c = (store_ctx *)userdata;
    char buf[16] = {0};
    int fd = open(c->path, O_RDONLY | MM_O_BINARY);
    if (fd < 0) return MAPI_E_NOT_FOUND;
    int n = (int)read(fd, buf, sizeof buf - 1);
    close(fd);
    return (n == 5 && strcmp(buf, "saved") == 0) ? S_OK : MAPI_E_INVALID_OBJECT;
}

static HRESULT run(int mode, const char *name, uint32_t timeout_ms, mockmapi_exit_result *r) {
    static store_ctx ctx;
    ctx.mode = mode;
    const char *dir = getenv("MOCKMAPI_CTEST_TMPDIR");
    snprintf(ctx.path, sizeof ctx.path, "%s/%s.store", dir ? dir : ".", name);
    unlink(ctx.path);
    mockmapi_exit_options o = {MOCKMAPI_CLIENT_DOCUMENTED, timeout_ms};
    memset(r, 0, sizeof *r);
    return mockmapi_exit_test(setup, verify, &ctx, &o, r);
}

int main(int argc, char **argv) {
    mockmapi_exit_result r;
    self_path = argv[0];
    if (argc > 1 && strcmp(argv[1], "--helper") == 0) mm_hang();

    CHECK_HR(run(GOOD, "good", 20000, &r), S_OK);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_COMPLETED);
    CHECK_HR(r.shutdown_result, S_OK);
    CHECK_HR(r.verify_result, S_OK);
    CHECK(strstr(r.summary, "verify confirmed the data survived") != NULL, r.summary);
    CHECK(strstr(r.child_journal, "store \"file store\" DoFastShutdown -> S_OK") != NULL, r.child_journal);
    CHECK_EQ(atomic_load(&store.n_do), 0); /* the provider ran in the child only */

    CHECK_HR(run(DEFERRED, "deferred", 20000, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_COMPLETED);
    CHECK_HR(r.verify_result, MAPI_E_NOT_FOUND); /* atexit never ran: the data is lost */
    CHECK(strstr(r.summary, "is lost") != NULL, r.summary);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "exit test failed"), "reported in the parent's journal");

    CHECK_HR(run(CRASH, "crash", 20000, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_CRASHED);
#ifdef _WIN32
    CHECK_EQ(r.signal, 0);
    CHECK(r.exit_code == 3 || (uint32_t)r.exit_code == 0xC0000409u, r.summary); /* abort() */
    CHECK(strstr(r.summary, "died of abort() (exit code 3)") != NULL ||
              strstr(r.summary, "died of exception 0xC0000409") != NULL,
          r.summary);
#else
    CHECK_EQ(r.signal, SIGABRT);
    CHECK(strstr(r.summary, "died of signal") != NULL, r.summary);
#endif
    CHECK(strstr(r.summary, "store \"file store\" DoFastShutdown — in progress when the child died of") != NULL,
          r.summary);
    CHECK(strstr(r.child_journal, "DoFastShutdown (in progress)") != NULL, r.child_journal);
    /* Calls that returned are shown with their result, never as in progress. */
    CHECK(strstr(r.child_journal, "QueryFastShutdown -> S_OK") != NULL, r.child_journal);
    CHECK(strstr(r.child_journal, "NotifyProcessShutdown (in progress)") == NULL, r.child_journal);

    /* A provider name with control characters stays on one line of the summary, escaped as in the journal. */
    store_name = "file\nstore\r\x1b[2J";
    CHECK_HR(run(CRASH, "crash-named", 20000, &r), MAPI_E_CALL_FAILED);
    store_name = "file store";
    CHECK(strstr(r.summary, "store \"file\\nstore\\r\\u{1B}[2J\" DoFastShutdown — in progress when the child died") !=
              NULL,
          r.summary);
    CHECK(strchr(r.summary, '\n') == NULL && strchr(r.summary, '\r') == NULL && strchr(r.summary, '\x1b') == NULL,
          "the summary is one line");
    CHECK(strchr(r.child_journal, '\x1b') == NULL, r.child_journal);

    CHECK_HR(run(HANG, "hang", 1500, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_TIMED_OUT);
#ifndef _WIN32
    CHECK_EQ(r.signal, SIGKILL);
#endif
    CHECK(strstr(r.summary, "store \"file store\" DoFastShutdown — in progress when the child was killed") != NULL,
          r.summary);

    /* The store saves only in its destructor: the final Release never comes, so the data is lost. */
    CHECK_HR(run(DESTRUCTOR, "destructor", 20000, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_COMPLETED);
    CHECK_HR(r.verify_result, MAPI_E_NOT_FOUND);
    CHECK(strstr(r.summary, "is lost") != NULL, r.summary);
    CHECK(strstr(r.child_journal, "Release") == NULL, r.child_journal);

    /* A helper process holding the journal pipe open forever: the test still returns (it stops reading when the
     * child ends, and ends the child's process group), once when the child exits... */
    CHECK_HR(run(HELPER, "helper", 20000, &r), S_OK);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_COMPLETED);
    /* ...and once at the timeout, with the child hanging too. */
    CHECK_HR(run(HELPER_HANG, "helper-hang", 1500, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_TIMED_OUT);
    CHECK(strstr(r.summary, "DoFastShutdown — in progress when the child was killed") != NULL, r.summary);

    /* Policy 2 in the child: no fast shutdown happens at all. */
    CHECK_HR(mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 2), S_OK);
    CHECK_HR(run(GOOD, "policy2", 20000, &r), MAPI_E_CALL_FAILED);
    CHECK_EQ(r.outcome, MOCKMAPI_EXIT_NOT_FAST);
    CHECK_HR(r.shutdown_result, MAPI_E_NO_SUPPORT);

    CHECK_HR(mockmapi_exit_test(NULL, verify, NULL, NULL, &r), E_INVALIDARG);
    CHECK_HR(mockmapi_exit_test(setup, verify, NULL, NULL, NULL), E_INVALIDARG);
    return mm_finish("harness_exit_test");
}
