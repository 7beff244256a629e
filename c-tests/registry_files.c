/*
 * Registry files (SPEC §3, §6): MOCKMAPI_REGISTRY pointing at a regedit .reg file, mockmapi_registry_load_file
 * with YAML and .reg fixtures, the documented client QueryFastShutdown answer under each policy, load errors
 * that leave the hive untouched, dump -> load round trip, the configuration re-read by mockmapi_reset, and the
 * typed setters and getters.
 *
 * The fixtures are found through MOCKMAPI_SOURCE_DIR, which the test driver (tests/c_suite.rs) defines; the
 * program runs in a temporary working directory of its own.
 */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

#ifndef MOCKMAPI_SOURCE_DIR
#error "compile with -DMOCKMAPI_SOURCE_DIR=\"<repository root>\" (tests/c_suite.rs does)"
#endif
#define FIXTURE(name) MOCKMAPI_SOURCE_DIR "/c-tests/fixtures/" name
#define EXAMPLE(name) MOCKMAPI_SOURCE_DIR "/config/examples/" name

static void set_env(const char *name, const char *value) { mm_setenv(name, value); }

static uint32_t behavior(void) {
    uint32_t b = 99;
    CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
    return b;
}

/* One session with a transport that implements IMAPIProviderShutdown and an address book that does not; the
   client QueryFastShutdown answer, then a normal Logoff. `queried` counts the transport's QueryFastShutdown. */
static HRESULT query_fast_shutdown(int *queried) {
    tp_provider xp, ab;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    tp_init(&ab, MOCKMAPI_PROVIDER_ADDRESS_BOOK, "ab-without-interface", 0);
    HRESULT hr = E_FAIL;
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("registry");
    if (s != NULL) {
        CHECK_HR(tp_attach(s, &xp), S_OK);
        CHECK_HR(tp_attach(s, &ab), S_OK);
        IMAPIClientShutdown *cs = mm_client_shutdown(s);
        if (cs != NULL) {
            hr = cs->lpVtbl->QueryFastShutdown(cs);
            cs->lpVtbl->Release(cs);
        }
        CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
        s->lpVtbl->Release(s);
    }
    MAPIUninitialize();
    if (queried) *queried = atomic_load(&xp.n_query);
    CHECK_EQ(atomic_load(&xp.refs), 1);
    return hr;
}

/* The message of the last client QueryFastShutdown event contains `text`. */
static int decision_mentions(const char *text) {
    size_t count = mockmapi_journal_count();
    for (size_t i = count; i-- > 0;) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_CLIENT_CALL &&
            e.method == MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN)
            return strstr(e.message, text) != NULL;
    }
    return 0;
}

static void last_error(char *buf, size_t size) { (void)mockmapi_registry_last_error(buf, size); }

static void registry_env_selects_a_reg_file_read_at_the_first_MAPIInitialize(void) {
    /* Set before any mockmapi call: the provider author's test is unchanged, only the environment differs. */
    set_env("MOCKMAPI_REGISTRY", EXAMPLE("fast-shutdown-opt-in.reg"));
    int queried = 0;
    CHECK_HR(query_fast_shutdown(&queried), MAPI_E_NO_SUPPORT); /* policy 1: the address book lacks the interface */
    CHECK_EQ(queried, 1);
    CHECK_EQ(behavior(), 1);
    CHECK(decision_mentions("FastShutdownBehavior = 1 from the policy key HKCU\\Software\\Policies\\Microsoft\\"
                            "Office\\16.0\\Outlook\\Options\\Shutdown\\FastShutdownBehavior"),
          "the decision names the key and value that decided it");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_CLIENT_CALL, "policy 1 requires every provider"), "why");
    CHECK_EQ(mockmapi_violation_count(), 0);
    CHECK_EQ(mockmapi_registry_last_error(NULL, 0), 0);
}

static void yaml_fixture_policy_2_calls_no_provider(void) {
    mockmapi_journal_clear();
    CHECK_HR(mockmapi_registry_load_file(FIXTURE("policy-2-disabled.yaml")), S_OK);
    CHECK_EQ(behavior(), 2);
    int queried = -1;
    CHECK_HR(query_fast_shutdown(&queried), MAPI_E_NO_SUPPORT);
    CHECK_EQ(queried, 0);
    CHECK_EQ(mm_count_provider_calls(MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN), 0);
    CHECK(decision_mentions("= 2 from the policy key"), "policy wins over the preference (0)");
}

static void microsoft_snippet_loads_as_written_and_is_reported_under_16_0(void) {
    mockmapi_journal_clear();
    CHECK_HR(mockmapi_registry_load_file(FIXTURE("microsoft-fast-shutdown-user-options.reg")), S_OK);
    CHECK_EQ(behavior(), 0);
    CHECK_HR(query_fast_shutdown(NULL), S_OK); /* policy 0: a provider without the interface does not block */
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "found under 14.0"), "14.0 value reported");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "emulating 16.0"), "14.0 value reported");
    CHECK_HR(mockmapi_policy_set_office_version("14.0"), S_OK);
    CHECK_EQ(behavior(), 1);
    CHECK_HR(query_fast_shutdown(NULL), MAPI_E_NO_SUPPORT);
    char version[16];
    CHECK_EQ(mockmapi_policy_get_office_version(version, sizeof version), 4);
    CHECK(strcmp(version, "14.0") == 0, "office version");
}

static void a_bad_file_leaves_the_hive_untouched_and_says_where(void) {
    mockmapi_journal_clear();
    char before[4096], after[4096], err[1024];
    size_t n = mockmapi_registry_dump(before, sizeof before);
    CHECK(n > 0 && n < sizeof before, "dump fits");
    CHECK_HR(mockmapi_registry_load_file(FIXTURE("bad-dword.yaml")), E_INVALIDARG);
    mockmapi_registry_dump(after, sizeof after);
    CHECK(strcmp(before, after) == 0, "the previous hive stays as it was");
    CHECK_EQ(behavior(), 1);
    last_error(err, sizeof err);
    CHECK(strstr(err, "bad-dword.yaml:4:27: ") != NULL, err);
    CHECK(strstr(err, "4294967295") != NULL, err);
    CHECK_EQ(mockmapi_violation_count(), 1);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "bad-dword.yaml:4:27"), "journaled with its position");

    CHECK_HR(mockmapi_registry_load_file(FIXTURE("no-such-file.yaml")), MAPI_E_NOT_FOUND);
    last_error(err, sizeof err);
    CHECK(strstr(err, "no such file") != NULL, err);
    CHECK_HR(mockmapi_registry_load_file(MOCKMAPI_SOURCE_DIR "/c-tests/fixtures"), E_INVALIDARG);
    last_error(err, sizeof err);
    CHECK(strstr(err, "is a directory") != NULL, err);
    CHECK_HR(mockmapi_registry_load_file(NULL), E_INVALIDARG);
    mockmapi_registry_dump(after, sizeof after);
    CHECK(strcmp(before, after) == 0, "still the same hive");

    /* Truncation follows snprintf. */
    char tiny[8];
    CHECK_EQ(mockmapi_registry_dump(tiny, sizeof tiny), n);
    CHECK_EQ(strlen(tiny), sizeof tiny - 1);
    CHECK_HR(mockmapi_registry_load_file(FIXTURE("microsoft-fast-shutdown-user-options.reg")), S_OK);
    CHECK_EQ(mockmapi_registry_last_error(NULL, 0), 0);
}

static void dump_loads_back_to_the_same_hive(void) {
    const char *multi[] = {"one", "two words", "C:\\path"};
    const uint8_t bytes[] = {0x00, 0x7f, 0xff};
    CHECK_HR(mockmapi_registry_set_string("HKLM\\Software\\Types", "Sz", "quote \" and: colon"), S_OK);
    CHECK_HR(mockmapi_registry_set_expand_string("HKLM\\Software\\Types", "Expand", "%TEMP%\\x"), S_OK);
    CHECK_HR(mockmapi_registry_set_multi_string("HKLM\\Software\\Types", "Multi", multi, 3), S_OK);
    CHECK_HR(mockmapi_registry_set_binary("HKLM\\Software\\Types", "Bin", bytes, sizeof bytes), S_OK);
    CHECK_HR(mockmapi_registry_set_qword("HKLM\\Software\\Types", "Q", 0xFFFFFFFFFFFFFFFFull), S_OK);
    CHECK_HR(mockmapi_registry_set_dword("HKLM\\Software\\Types", NULL, 7), S_OK);
    size_t n = mockmapi_registry_dump(NULL, 0);
    char *text = (char *)malloc(n + 1), *again = (char *)malloc(n + 1);
    if (!CHECK(text != NULL && again != NULL, "malloc")) return;
    CHECK_EQ(mockmapi_registry_dump(text, n + 1), n);
    FILE *f = fopen("dump.yaml", "wb"); /* the working directory is the test's own temporary directory */
    if (CHECK(f != NULL, "create dump.yaml")) {
        fwrite(text, 1, n, f);
        fclose(f);
    }
    mockmapi_registry_clear();
    CHECK_EQ(mockmapi_registry_dump(NULL, 0), 3); /* "{}\n" */
    CHECK_HR(mockmapi_registry_load_file("dump.yaml"), S_OK);
    CHECK_EQ(mockmapi_registry_dump(again, n + 1), n);
    CHECK(strcmp(text, again) == 0, "dump -> load -> dump gives the same text");
    CHECK_EQ(behavior(), 1); /* the 14.0 policy came back too (Office version still 14.0) */
    free(text);
    free(again);
}

static void typed_getters(void) {
    const char *key = "hklm\\SOFTWARE\\types"; /* case-insensitive */
    uint32_t type = 0;
    CHECK_HR(mockmapi_registry_get_type(key, "sz", &type), S_OK);
    CHECK_EQ(type, MOCKMAPI_REG_SZ);
    CHECK_HR(mockmapi_registry_get_type(key, "Multi", &type), S_OK);
    CHECK_EQ(type, MOCKMAPI_REG_MULTI_SZ);
    CHECK_HR(mockmapi_registry_get_type(key, "", &type), S_OK);
    CHECK_EQ(type, MOCKMAPI_REG_DWORD);
    CHECK_HR(mockmapi_registry_get_type(key, "absent", &type), MAPI_E_NOT_FOUND);

    char buf[64];
    size_t len = 0;
    CHECK_HR(mockmapi_registry_get_string(key, "Sz", NULL, 0, &len), S_OK);
    CHECK_EQ(len, strlen("quote \" and: colon"));
    CHECK_HR(mockmapi_registry_get_string(key, "Sz", buf, 6, &len), S_OK);
    CHECK(strcmp(buf, "quote") == 0, "snprintf-style cut");
    CHECK_HR(mockmapi_registry_get_string(key, "Expand", buf, sizeof buf, NULL), S_OK);
    CHECK(strcmp(buf, "%TEMP%\\x") == 0, "REG_EXPAND_SZ is not expanded");

    CHECK_HR(mockmapi_registry_get_multi_string(key, "Multi", NULL, 0, &len), S_OK);
    CHECK_EQ(len, sizeof "one" + sizeof "two words" + sizeof "C:\\path" + 1);
    memset(buf, 'x', sizeof buf);
    CHECK_HR(mockmapi_registry_get_multi_string(key, "Multi", buf, 4, &len), S_OK);
    CHECK(buf[0] == 'x', "a list that does not fit is not written");
    CHECK_HR(mockmapi_registry_get_multi_string(key, "Multi", buf, sizeof buf, &len), S_OK);
    CHECK(strcmp(buf, "one") == 0 && strcmp(buf + 4, "two words") == 0 && buf[len - 1] == 0 && buf[len - 2] == 0,
          "REG_MULTI_SZ layout");

    uint8_t bytes[8] = {0};
    CHECK_HR(mockmapi_registry_get_binary(key, "Bin", bytes, sizeof bytes, &len), S_OK);
    CHECK_EQ(len, 3);
    CHECK(bytes[0] == 0x00 && bytes[1] == 0x7f && bytes[2] == 0xff, "bytes");
    uint64_t q = 0;
    CHECK_HR(mockmapi_registry_get_qword(key, "q", &q), S_OK);
    CHECK_EQ(q, 0xFFFFFFFFFFFFFFFFull);

    size_t violations = mockmapi_violation_count();
    uint32_t d = 0;
    CHECK_HR(mockmapi_registry_get_dword(key, "Sz", &d), E_INVALIDARG); /* wrong type */
    CHECK_HR(mockmapi_registry_get_qword(key, "Sz", &q), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_get_string(key, "Bin", buf, sizeof buf, &len), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_set_string(key, "x", NULL), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_set_multi_string(key, "x", NULL, 2), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_set_binary(key, "x", NULL, 1), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_get_type(NULL, "x", &type), E_INVALIDARG);
    CHECK_HR(mockmapi_registry_get_type("HKCR\\x", "x", &type), E_INVALIDARG);
    CHECK_EQ(mockmapi_violation_count(), violations + 8);
    CHECK_HR(mockmapi_registry_set_multi_string(key, "empty", NULL, 0), S_OK);
    CHECK_HR(mockmapi_registry_set_binary(key, "empty-bin", NULL, 0), S_OK);
    CHECK_HR(mockmapi_registry_delete_key("HKLM\\Software\\Types"), S_OK);
    CHECK_HR(mockmapi_registry_delete_key("HKLM\\Software\\Types"), MAPI_E_NOT_FOUND);
}

static void reset_rereads_the_configuration(void) {
    set_env("MOCKMAPI_REGISTRY", NULL);
    mockmapi_reset(); /* built-in defaults: empty hive, Office 16.0 */
    char version[16];
    mockmapi_policy_get_office_version(version, sizeof version);
    CHECK(strcmp(version, "16.0") == 0, version);
    CHECK_EQ(mockmapi_registry_dump(NULL, 0), 3);
    CHECK_EQ(behavior(), 0);

    FILE *f = fopen("mockmapi.yaml", "wb"); /* found in the working directory */
    if (CHECK(f != NULL, "create mockmapi.yaml")) {
        fputs("office_version: \"14.0\"\n", f);
        fclose(f);
    }
    set_env("MOCKMAPI_REGISTRY", FIXTURE("microsoft-fast-shutdown-user-options.reg"));
    mockmapi_reset();
    mockmapi_policy_get_office_version(version, sizeof version);
    CHECK(strcmp(version, "14.0") == 0, version);
    CHECK_EQ(behavior(), 1);

    /* A configuration that does not load (rule MM-CONFIG): the journal says where, and MAPIInitialize fails
     * until the file loads; the test does not run silently under the defaults. */
    f = fopen("broken.yaml", "wb");
    if (CHECK(f != NULL, "create broken.yaml")) {
        fputs("office_version: \"16.0\"\nregistry:\n\tHKCU: {}\n", f);
        fclose(f);
    }
    set_env("MOCKMAPI_REGISTRY", NULL);
    set_env("MOCKMAPI_CONFIG", "broken.yaml");
    mockmapi_reset();
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "broken.yaml:3:1: a tab in the indentation"),
          "the configuration error is journaled with its position");
    char err[512];
    last_error(err, sizeof err);
    CHECK(strstr(err, "YAML forbids tabs") != NULL, err);
    CHECK_EQ(behavior(), 0);
    mockmapi_policy_get_office_version(version, sizeof version);
    CHECK(strcmp(version, "16.0") == 0, version);
    size_t before = mockmapi_violation_count();
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_EQ(mockmapi_violation_count(), before + 2);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "MAPIInitialize refused: the configuration did not load"),
          "the refusal says why");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "MM-CONFIG"), "and names the rule");
    /* Fixing the file is enough: the next MAPIInitialize reads it again. */
    f = fopen("broken.yaml", "wb");
    if (CHECK(f != NULL, "rewrite broken.yaml")) {
        fputs("office_version: \"15.0\"\n", f);
        fclose(f);
    }
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    mockmapi_policy_get_office_version(version, sizeof version);
    CHECK(strcmp(version, "15.0") == 0, version);
    MAPIUninitialize();
    /* Broken again, then a reset with a valid configuration (none) clears the failure. */
    f = fopen("broken.yaml", "wb");
    if (CHECK(f != NULL, "rewrite broken.yaml")) {
        fputs("bogus: 1\n", f);
        fclose(f);
    }
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_INVALID_PARAMETER);
    set_env("MOCKMAPI_CONFIG", "missing.yaml");
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), MAPI_E_NOT_FOUND);
    set_env("MOCKMAPI_CONFIG", NULL);
    remove("mockmapi.yaml");
    mockmapi_reset();
    CHECK_EQ(mockmapi_registry_last_error(NULL, 0), 0);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    MAPIUninitialize();
}

int main(void) {
    registry_env_selects_a_reg_file_read_at_the_first_MAPIInitialize();
    yaml_fixture_policy_2_calls_no_provider();
    microsoft_snippet_loads_as_written_and_is_reported_under_16_0();
    a_bad_file_leaves_the_hive_untouched_and_says_where();
    dump_loads_back_to_the_same_hive();
    typed_getters();
    reset_rereads_the_configuration();
    return mm_finish("registry_files");
}
