/* MOCKMAPI_JOURNAL=path writes the journal as JSON Lines at every mockmapi_reset (and at process exit). */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

static int count_lines(const char *s) {
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        /* The child run (below): log on and end normally; the runtime writes its journal at exit. */
        MAPIInitialize(NULL);
        IMAPISession *c = NULL;
        MAPILogonEx(0, (LPTSTR) "written-at-exit", NULL, 0, &c);
        exit(0);
    }
    /* Before the first mockmapi call: the runtime reads the variable when it starts. */
    mm_setenv("MOCKMAPI_JOURNAL", "journal.jsonl");
    tp_provider xp;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp \"quoted\"", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("p");
    tp_attach(s, &xp);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK); /* a violation: no query */
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    size_t events = mockmapi_journal_count();
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    mockmapi_reset();

    char *text = slurp("journal.jsonl");
    CHECK(text != NULL, "the journal file exists after mockmapi_reset");
    if (text) {
        CHECK(count_lines(text) >= (int)events, "one line per event (plus the reset's own diagnostics)");
        CHECK(strstr(text, "\"type\":\"violation\"") != NULL, text);
        CHECK(strstr(text, "\"method\":\"QueryFastShutdown\"") != NULL, text);
        CHECK(strstr(text, "\"provider\":\"xp \\\"quoted\\\"\"") != NULL, "names are JSON-escaped");
        CHECK(strstr(text, "\"hresult_name\":\"S_OK\"") != NULL, text);
    }
    /* A second reset appends. */
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    MAPIUninitialize();
    int before = text ? count_lines(text) : 0;
    mockmapi_reset();
    text = slurp("journal.jsonl");
    CHECK(text && count_lines(text) == before + 2, "appended, not rewritten");
    /* When the process ends normally (exit, not _exit), what is left in the journal is written too: a child that
     * logs on and exits appends its events. */
    CHECK(mm_run_self(argv[0], "child") == 0, "the child ran and exited normally");
    text = slurp("journal.jsonl");
    CHECK(text && strstr(text, "profile 'written-at-exit'") != NULL, "the child's journal was written at exit");
    return mm_finish("harness_journal_file");
}
