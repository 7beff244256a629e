/* Rule MM-CONFIG (RULES.md), as a test author meets it: a MOCKMAPI_CONFIG or MOCKMAPI_REGISTRY file that does not
 * load is said on stderr — file:line:column and the fix, once, with no MOCKMAPI_LOG set — and MAPIInitialize
 * fails with the documented HRESULT (E_INVALIDARG = MAPI_E_INVALID_PARAMETER) until the file is fixed or
 * mockmapi_reset runs with a valid configuration. A MOCKMAPI_LOG filter that cannot mean anything is reported
 * (checked in a second process of this program, since the filter is read once per process).
 *
 * stderr goes to a file this program reads back; failures are reported on stdout. */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

static const char *read_all(const char *path) {
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f) return "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (CHECK(f != NULL, path)) {
        fputs(text, f);
        fclose(f);
    }
}

static size_t count(const char *haystack, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* Each test's stderr goes to its own file, read back by stderr_now(); on a failure it is copied to stdout. */
static const char *stderr_file = "";

static void capture_stderr(const char *path) {
    fflush(stderr);
    if (!freopen(path, "w", stderr)) {
        printf("cannot redirect stderr to %s\n", path);
        exit(2);
    }
    stderr_file = path;
}

static const char *stderr_now(void) {
    fflush(stderr);
    return read_all(stderr_file);
}

static int check_said_once(const char *err, const char *where, const char *what) {
    int ok = CHECK_EQ(count(err, where), 1) && CHECK_EQ(count(err, "fix it (or unset"), 1);
    ok &= CHECK(strstr(err, what) != NULL, what);
    /* The fix, and the rule's id. */
    ok &= CHECK(strstr(err, "MAPIInitialize fails with E_INVALIDARG") != NULL, "the consequence");
    ok &= CHECK(strstr(err, "fix it (or unset MOCKMAPI_CONFIG / MOCKMAPI_REGISTRY)") != NULL, "the fix");
    ok &= CHECK(strstr(err, "[rule MM-CONFIG]") != NULL, "the rule id");
    if (!ok) printf("    stderr (%s) was:\n%s\n", stderr_file, err);
    return ok;
}

static void test_MM_CONFIG_malformed_config_file_is_said_on_stderr_once_and_fails_initialize(void) {
    capture_stderr("stderr-config.txt");
    write_file("broken.yaml", "office_version: \"16.0\"\nregistry:\n\tHKCU: {}\n");
    mm_setenv("MOCKMAPI_CONFIG", "broken.yaml");
    mockmapi_reset(); /* reads the configuration */
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    mockmapi_reset(); /* the same broken file: refused again, not printed again */
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    check_said_once(stderr_now(), "broken.yaml:3:1:", "a tab in the indentation");
    /* Fixed: the next MAPIInitialize reads it again and succeeds. */
    write_file("broken.yaml", "office_version: \"15.0\"\n");
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    MAPIUninitialize();
    mm_setenv("MOCKMAPI_CONFIG", NULL);
    mockmapi_reset();
    mm_test_end();
}

static void test_MM_CONFIG_malformed_registry_file_is_said_on_stderr_once_until_reset_with_a_valid_one(void) {
    write_file("broken.reg", "Windows Registry Editor Version 5.00\n\n"
                             "[HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown]\n"
                             "\"FastShutdownBehavior\"=dword:nothex\n");
    capture_stderr("stderr-registry.txt");
    mm_setenv("MOCKMAPI_REGISTRY", "broken.reg");
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "MM-CONFIG"), "the refusal names the rule");
    check_said_once(stderr_now(), "broken.reg:4:", "broken.reg:4:");
    /* A reset with a valid configuration (no file at all) clears the failure. */
    mm_setenv("MOCKMAPI_REGISTRY", NULL);
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    MAPIUninitialize();
    mockmapi_reset();
    mm_test_end();
}

/* The second process: MOCKMAPI_LOG is set to a word that is no level and no target. */
static int log_child(void) {
    if (!freopen("log-stderr.txt", "w", stderr)) return 2;
    HRESULT hr = MAPIInitialize(NULL);
    if (hr == S_OK) MAPIUninitialize();
    fflush(stderr);
    return hr == S_OK ? 0 : 3;
}

static void test_MM_CONFIG_invalid_log_filter_is_reported(const char *argv0) {
    mm_setenv("MOCKMAPI_LOG", "deebug");
    int rc = mm_run_self(argv0, "log-child");
    mm_setenv("MOCKMAPI_LOG", NULL);
    CHECK_EQ(rc, 0);
    const char *err = read_all("log-stderr.txt");
    if (!CHECK(strstr(err, "MOCKMAPI_LOG='deebug' is not a valid filter") != NULL, "the bad filter is reported"))
        printf("    stderr was:\n%s\n", err);
    CHECK(strstr(err, "neither a level nor a mockmapi target") != NULL, "and why");
    mm_test_end();
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "log-child") == 0) return log_child();
    mm_setenv("MOCKMAPI_LOG", NULL);
    mm_setenv("MOCKMAPI_CONFIG", NULL);
    mm_setenv("MOCKMAPI_REGISTRY", NULL);
    MM_RUN(test_MM_CONFIG_malformed_config_file_is_said_on_stderr_once_and_fails_initialize);
    MM_RUN(test_MM_CONFIG_malformed_registry_file_is_said_on_stderr_once_until_reset_with_a_valid_one);
    capture_stderr("stderr-log.txt");
    test_MM_CONFIG_invalid_log_filter_is_reported(argv[0]);
    int rc = mm_finish("config_errors_stderr");
    if (rc != 0) {
        const char *files[] = {"stderr-config.txt", "stderr-registry.txt", "stderr-log.txt"};
        for (int i = 0; i < 3; i++) {
            fflush(stderr);
            printf("---- %s ----\n%s", files[i], read_all(files[i]));
        }
    }
    return rc;
}
