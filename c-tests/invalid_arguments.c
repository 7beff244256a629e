/* CONVENTIONS "The C boundary" and SPEC §1, §6: bad arguments to the control API and to the MAPI entry points get
 * the documented HRESULT, never a crash; each refusal is journaled as a violation; and nothing changes. */
#include "mm_test.h"

#define VALUE "FastShutdownBehavior"

/* A refusal: `expr` returns `want` and records exactly one violation. */
#define CHECK_REFUSED(expr, want)                                                             \
    do {                                                                                      \
        mm_mark m_ = mm_mark_now();                                                           \
        CHECK_HR(expr, want);                                                                 \
        if (!CHECK_VIOLATIONS(m_, 1, NULL)) fprintf(stderr, "    refused call: %s\n", #expr); \
    } while (0)

/* Whether `p` is attached anywhere: a QueryFastShutdown asks every attached provider. */
static int attached(IMAPIClientShutdown *cs, tp_provider *p) {
    int before = atomic_load(&p->n_qi_shutdown);
    cs->lpVtbl->QueryFastShutdown(cs);
    return atomic_load(&p->n_qi_shutdown) != before;
}

static void test_MM_ARGS_add_provider_null_session_or_provider_is_invalidarg(void) {
    tp_provider p;
    tp_init(&p, MOCKMAPI_PROVIDER_TRANSPORT, "p", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("args");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    if (cs) {
        mm_mark m = mm_mark_now();
        CHECK_REFUSED(mockmapi_session_add_provider(NULL, MOCKMAPI_PROVIDER_TRANSPORT, "p", tp_unknown(&p)),
                      E_INVALIDARG);
        CHECK_REFUSED(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, "p", NULL), E_INVALIDARG);
        CHECK_REFUSED(mockmapi_session_add_provider(NULL, MOCKMAPI_PROVIDER_STORE, NULL, NULL), E_INVALIDARG);
        /* Nothing was attached, no reference was kept. */
        CHECK_EQ(atomic_load(&p.refs), 1);
        CHECK(!attached(cs, &p), "a refused provider is not attached");
        CHECK_EQ(tp_log_since(m), 0);
        cs->lpVtbl->Release(cs);
    }
    if (s) s->lpVtbl->Release(s);
    mm_test_end();
    CHECK_EQ(atomic_load(&p.refs), 1);
}

static void test_MM_ARGS_add_provider_unknown_kind_is_invalidarg(void) {
    tp_provider p;
    tp_init(&p, MOCKMAPI_PROVIDER_TRANSPORT, "p", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("kinds");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    if (cs) {
        const uint32_t kinds[] = {0, 4, 5, 0x80000001u, 0xFFFFFFFFu};
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            CHECK_REFUSED(mockmapi_session_add_provider(s, kinds[i], "p", tp_unknown(&p)), E_INVALIDARG);
        CHECK_EQ(atomic_load(&p.refs), 1);
        CHECK(!attached(cs, &p), "a provider of an unknown kind is not attached");
        /* The same provider with a valid kind is accepted. */
        CHECK_HR(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, "p", tp_unknown(&p)), S_OK);
        CHECK_EQ(atomic_load(&p.refs), 2);
        CHECK(attached(cs, &p), "attached with a valid kind");
        cs->lpVtbl->Release(cs);
    }
    if (s) s->lpVtbl->Release(s);
    mm_test_end();
    CHECK_EQ(atomic_load(&p.refs), 1);
}

static void test_MM_ARGS_add_provider_pointer_that_is_not_a_session_is_invalidarg(void) {
    tp_provider p, other;
    tp_init(&p, MOCKMAPI_PROVIDER_STORE, "p", 1);
    tp_init(&other, MOCKMAPI_PROVIDER_STORE, "other", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("not-a-session");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    if (cs) {
        /* A provider object, a plain struct, and the client shutdown interface are not IMAPISession pointers. */
        IMAPISession fake = {NULL};
        CHECK_REFUSED(mockmapi_session_add_provider((IMAPISession *)(void *)&other, MOCKMAPI_PROVIDER_STORE, "p",
                                                       tp_unknown(&p)),
                      E_INVALIDARG);
        CHECK_REFUSED(mockmapi_session_add_provider(&fake, MOCKMAPI_PROVIDER_STORE, "p", tp_unknown(&p)),
                      E_INVALIDARG);
        CHECK_REFUSED(mockmapi_session_add_provider((IMAPISession *)(void *)cs, MOCKMAPI_PROVIDER_STORE, "p",
                                                       tp_unknown(&p)),
                      E_INVALIDARG);
        CHECK_EQ(atomic_load(&p.refs), 1);
        CHECK_EQ(atomic_load(&other.refs), 1);
        CHECK(!attached(cs, &p), "nothing attached");
        cs->lpVtbl->Release(cs);
    }
    if (s) s->lpVtbl->Release(s);
    mm_test_end();
}

/* A session from before mockmapi_reset is no longer one of the runtime's sessions: refused, nothing kept. */
static void test_MM_ARGS_add_provider_stale_session_is_refused(void) {
    tp_provider p;
    tp_init(&p, MOCKMAPI_PROVIDER_STORE, "p", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *stale = mm_logon("stale");
    mockmapi_reset();
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    if (stale) {
        mm_mark m = mm_mark_now();
        HRESULT hr = tp_attach(stale, &p);
        CHECK(FAILED(hr), "a session from before mockmapi_reset is refused");
        CHECK_VIOLATIONS(m, 1, NULL);
        CHECK_EQ(atomic_load(&p.refs), 1);
        stale->lpVtbl->Release(stale);
    }
    mm_test_end();
}

static void test_MM_ARGS_registry_null_key_is_invalidarg(void) {
    uint32_t v = 5;
    CHECK_REFUSED(mockmapi_registry_set_dword(NULL, VALUE, 2), E_INVALIDARG);
    CHECK_REFUSED(mockmapi_registry_delete_value(NULL, VALUE), E_INVALIDARG);
    CHECK_REFUSED(mockmapi_registry_get_dword(NULL, VALUE, &v), E_INVALIDARG);
    CHECK_EQ(v, 5);
    CHECK_REFUSED(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, NULL), E_INVALIDARG);
    /* Nothing was stored anywhere. */
    uint32_t b = 9;
    CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
    CHECK_EQ(b, 0);
    mm_test_end();
}

static void test_MM_ARGS_registry_unknown_hive_is_invalidarg(void) {
    const char *bad[] = {"HKEY_CLASSES_ROOT\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown",
                         "HKXX\\Software", "Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown",
                         "", "\\"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t v = 5;
        CHECK_REFUSED(mockmapi_registry_set_dword(bad[i], VALUE, 2), E_INVALIDARG);
        CHECK_REFUSED(mockmapi_registry_get_dword(bad[i], VALUE, &v), E_INVALIDARG);
        CHECK_REFUSED(mockmapi_registry_delete_value(bad[i], VALUE), E_INVALIDARG);
        CHECK_EQ(v, 5);
    }
    uint32_t b = 9;
    CHECK_HR(mockmapi_policy_get_behavior(&b), S_OK);
    CHECK_EQ(b, 0);
    mm_test_end();
}

/* Deleting a value that is not there: MAPI_E_NOT_FOUND, and the hive is unchanged. */
static void test_MM_ARGS_registry_delete_absent_value_is_not_found(void) {
    mm_set_behavior(MM_POLICY_KEY, 1);
    CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, "NoSuchValue"), MAPI_E_NOT_FOUND);
    CHECK_HR(mockmapi_registry_delete_value(MM_PREFERENCE_KEY, VALUE), MAPI_E_NOT_FOUND);
    CHECK_HR(mockmapi_registry_delete_value("HKCU\\No\\Such\\Key", VALUE), MAPI_E_NOT_FOUND);
    uint32_t v = 0;
    CHECK_HR(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, &v), S_OK);
    CHECK_EQ(v, 1);
    /* Deleting it twice: the second time it is absent. */
    CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, VALUE), S_OK);
    CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, VALUE), MAPI_E_NOT_FOUND);
    v = 7;
    CHECK_HR(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, &v), MAPI_E_NOT_FOUND);
    CHECK_EQ(v, 7);
    mm_test_end();
}

/* value_name NULL and "" both name the key's default value. */
static void test_MM_ARGS_registry_null_value_name_is_the_default_value(void) {
    CHECK_HR(mockmapi_registry_set_dword("HKLM\\Software\\mockmapi-test", NULL, 42), S_OK);
    uint32_t v = 0;
    CHECK_HR(mockmapi_registry_get_dword("HKEY_LOCAL_MACHINE\\Software\\mockmapi-test", "", &v), S_OK);
    CHECK_EQ(v, 42);
    CHECK_HR(mockmapi_registry_delete_value("HKLM\\Software\\mockmapi-test", ""), S_OK);
    CHECK_HR(mockmapi_registry_delete_value("HKLM\\Software\\mockmapi-test", NULL), MAPI_E_NOT_FOUND);
    mm_test_end();
}

/* HKCU and HKLM are distinct hives: the same path under HKLM does not set the (HKCU) policy. */
static void test_MM_ARGS_registry_hives_are_distinct(void) {
    CHECK_HR(mockmapi_registry_set_dword("HKLM\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown",
                                         VALUE, 2),
             S_OK);
    uint32_t v = 9;
    CHECK_HR(mockmapi_registry_get_dword(MM_POLICY_KEY, VALUE, &v), MAPI_E_NOT_FOUND);
    CHECK_EQ(v, 9);
    mm_test_end();
}

static void test_MM_ARGS_logon_null_lppsession_is_invalidarg(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    CHECK_REFUSED(MAPILogonEx(0, (LPTSTR) "x", NULL, 0, NULL), E_INVALIDARG);
    /* No session was created: the next one is still session 1. */
    tp_provider p;
    tp_init(&p, MOCKMAPI_PROVIDER_TRANSPORT, "p", 1);
    IMAPISession *s = mm_logon("first-real");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    if (cs) {
        CHECK_HR(tp_attach(s, &p), S_OK);
        mm_mark q = mm_mark_now();
        CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
        mockmapi_event e;
        if (CHECK_EQ(mm_provider_calls_since(q, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, &e, 1), 1))
            CHECK_EQ(e.session, 1);
        cs->lpVtbl->Release(cs);
    }
    if (s) s->lpVtbl->Release(s);
    mm_test_end();
}

/* A NULL profile name is allowed (documented: "may be NULL"). */
static void test_MM_ARGS_logon_null_profile_name_is_allowed(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = NULL;
    CHECK_HR(MAPILogonEx(0, NULL, NULL, 0, &s), S_OK);
    CHECK(s != NULL, "a session");
    if (s) s->lpVtbl->Release(s);
    CHECK_EQ(mockmapi_violation_count(), 0);
    mm_test_end();
}

static void test_MM_ARGS_allocate_null_out_is_invalidarg(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    mm_mark m = mm_mark_now();
    CHECK_REFUSED(MAPIAllocateBuffer(16, NULL), E_INVALIDARG);
    void *root = NULL;
    CHECK_HR(MAPIAllocateBuffer(16, &root), S_OK);
    void *child = &m;
    CHECK_REFUSED(MAPIAllocateMore(16, root, NULL), E_INVALIDARG);
    CHECK_REFUSED(MAPIAllocateMore(16, NULL, &child), E_INVALIDARG);
    CHECK(child == (void *)&m, "the out-parameter is not written on failure");
    int not_a_buffer = 0;
    CHECK_REFUSED(MAPIAllocateMore(16, &not_a_buffer, &child), E_INVALIDARG);
    CHECK(child == (void *)&m, "the out-parameter is not written on failure");
    CHECK_EQ(MAPIFreeBuffer(root), 0);
    MAPIUninitialize();
    mm_test_end();
}

static void test_MM_ARGS_journal_get_null_or_out_of_range(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK); /* at least one event */
    CHECK_REFUSED(mockmapi_journal_get(0, NULL), E_INVALIDARG);
    size_t n = mockmapi_journal_count();
    mockmapi_event e;
    memset(&e, 0xA5, sizeof e);
    mockmapi_event copy = e;
    CHECK_HR(mockmapi_journal_get(n, &e), MAPI_E_NOT_FOUND);
    CHECK_HR(mockmapi_journal_get(n + 1000, &e), MAPI_E_NOT_FOUND);
    CHECK_HR(mockmapi_journal_get((size_t)-1, &e), MAPI_E_NOT_FOUND);
    CHECK(memcmp(&e, &copy, sizeof e) == 0, "*event is untouched when the index is out of range");
    CHECK_HR(mockmapi_journal_get(0, &e), S_OK);
    CHECK_EQ(e.sequence, 1);
    MAPIUninitialize();
    mm_test_end();
}

static void test_MM_ARGS_policy_functions_null_arguments(void) {
    CHECK_REFUSED(mockmapi_policy_get_behavior(NULL), E_INVALIDARG);
    CHECK_REFUSED(mockmapi_policy_set_office_version(NULL), E_INVALIDARG);
    mm_test_end();
}

/* Invalid UTF-8 where the API takes UTF-8 text: refused, not misread. */
static void test_MM_ARGS_invalid_utf8_is_invalidarg(void) {
    const char bad_key[] = {'H', 'K', 'C', 'U', '\\', (char)0xC3, (char)0x28, 0};
    const char bad_name[] = {(char)0xFF, (char)0xFE, 0};
    CHECK_REFUSED(mockmapi_registry_set_dword(bad_key, VALUE, 1), E_INVALIDARG);
    CHECK_REFUSED(mockmapi_registry_set_dword(MM_POLICY_KEY, bad_name, 1), E_INVALIDARG);
    CHECK_REFUSED(mockmapi_policy_set_office_version(bad_name), E_INVALIDARG);
    tp_provider p;
    tp_init(&p, MOCKMAPI_PROVIDER_STORE, "p", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("utf8");
    if (s) {
        CHECK_REFUSED(mockmapi_session_add_provider(s, MOCKMAPI_PROVIDER_STORE, bad_name, tp_unknown(&p)),
                      E_INVALIDARG);
        CHECK_EQ(atomic_load(&p.refs), 1);
        s->lpVtbl->Release(s);
    }
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_ARGS_add_provider_null_session_or_provider_is_invalidarg);
    MM_RUN(test_MM_ARGS_add_provider_unknown_kind_is_invalidarg);
    MM_RUN(test_MM_ARGS_add_provider_pointer_that_is_not_a_session_is_invalidarg);
    MM_RUN(test_MM_ARGS_add_provider_stale_session_is_refused);
    MM_RUN(test_MM_ARGS_registry_null_key_is_invalidarg);
    MM_RUN(test_MM_ARGS_registry_unknown_hive_is_invalidarg);
    MM_RUN(test_MM_ARGS_registry_delete_absent_value_is_not_found);
    MM_RUN(test_MM_ARGS_registry_null_value_name_is_the_default_value);
    MM_RUN(test_MM_ARGS_registry_hives_are_distinct);
    MM_RUN(test_MM_ARGS_logon_null_lppsession_is_invalidarg);
    MM_RUN(test_MM_ARGS_logon_null_profile_name_is_allowed);
    MM_RUN(test_MM_ARGS_allocate_null_out_is_invalidarg);
    MM_RUN(test_MM_ARGS_journal_get_null_or_out_of_range);
    MM_RUN(test_MM_ARGS_policy_functions_null_arguments);
    MM_RUN(test_MM_ARGS_invalid_utf8_is_invalidarg);
    return mm_finish("invalid_arguments");
}
