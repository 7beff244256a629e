/* SPEC §4 (last rule) and the journal API: every provider call (session, provider name, kind, method, HRESULT,
 * duration) and every violation or diagnostic is journaled, in order; mockmapi_journal_render follows snprintf
 * rules; sequence numbers start at 1 and increase; names of methods and HRESULTs; mockmapi_journal_clear. */
#include "mm_test.h"

/* A small scenario with provider calls, a client error, a violation and a diagnostic. */
typedef struct scenario {
    tp_provider xp, ms;
    IMAPISession *s1, *s2;
    IMAPIClientShutdown *cs;
} scenario;

static int scenario_run(scenario *sc) {
    memset(sc, 0, sizeof *sc);
    tp_init(&sc->xp, MOCKMAPI_PROVIDER_TRANSPORT, "transport-one", 1);
    tp_init(&sc->ms, MOCKMAPI_PROVIDER_STORE, "store-two", 1);
    sc->ms.hr_query = MAPI_E_NO_SUPPORT;
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    sc->s1 = mm_logon("one");
    sc->s2 = mm_logon("two");
    if (sc->s1 == NULL || sc->s2 == NULL) return 0;
    CHECK_HR(tp_attach(sc->s1, &sc->xp), S_OK);
    CHECK_HR(tp_attach(sc->s2, &sc->ms), S_OK);
    sc->cs = mm_client_shutdown(sc->s2);
    if (sc->cs == NULL) return 0;
    CHECK_HR(sc->cs->lpVtbl->QueryFastShutdown(sc->cs), MAPI_E_NO_SUPPORT);
    CHECK_HR(sc->cs->lpVtbl->NotifyProcessShutdown(sc->cs), S_OK); /* a violation */
    mm_set_behavior(MM_POLICY_KEY, 9);
    CHECK_HR(sc->cs->lpVtbl->QueryFastShutdown(sc->cs), MAPI_E_NO_SUPPORT); /* a diagnostic for the 9 */
    return 1;
}

static void scenario_end(scenario *sc) {
    if (sc->cs) sc->cs->lpVtbl->Release(sc->cs);
    if (sc->s1) sc->s1->lpVtbl->Release(sc->s1);
    if (sc->s2) sc->s2->lpVtbl->Release(sc->s2);
    mm_test_end();
}

static void test_journal_sequence_numbers_start_at_1_and_increase(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        size_t n = mockmapi_journal_count();
        CHECK(n >= 10, "the scenario journals its calls");
        for (size_t i = 0; i < n; i++) {
            mockmapi_event e;
            if (!CHECK_HR(mockmapi_journal_get(i, &e), S_OK)) break;
            if (!CHECK_EQ(e.sequence, i + 1)) break;
            CHECK(e.event_type >= MOCKMAPI_EVENT_PROVIDER_CALL && e.event_type <= MOCKMAPI_EVENT_DIAGNOSTIC,
                  "a known event type");
            CHECK(e.provider_name != NULL && e.method_name != NULL && e.message != NULL, "strings are never NULL");
            CHECK_EQ(e.reserved, 0);
        }
        /* The first event is the first call of the test: MAPIInitialize. */
        mockmapi_event first;
        if (CHECK_HR(mockmapi_journal_get(0, &first), S_OK)) {
            CHECK_EQ(first.sequence, 1);
            CHECK_EQ(first.event_type, MOCKMAPI_EVENT_CLIENT_CALL);
            CHECK_EQ(first.method, MOCKMAPI_METHOD_MAPI_INITIALIZE);
            CHECK(strcmp(first.method_name, "MAPIInitialize") == 0, "method name");
            CHECK_HR(first.hresult, S_OK);
        }
        /* The counts by type add up. */
        CHECK_EQ(mockmapi_journal_count_type(MOCKMAPI_EVENT_PROVIDER_CALL) +
                     mockmapi_journal_count_type(MOCKMAPI_EVENT_CLIENT_CALL) +
                     mockmapi_journal_count_type(MOCKMAPI_EVENT_VIOLATION) +
                     mockmapi_journal_count_type(MOCKMAPI_EVENT_DIAGNOSTIC),
                 n);
        CHECK_EQ(mockmapi_journal_count_type(MOCKMAPI_EVENT_VIOLATION), mockmapi_violation_count());
        CHECK_EQ(mockmapi_journal_count_type(0), 0);
        CHECK_EQ(mockmapi_journal_count_type(99), 0);
    }
    scenario_end(&sc);
}

static void test_journal_provider_call_events_carry_session_name_kind_method_hresult(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        mm_mark zero;
        memset(&zero, 0, sizeof zero);
        mockmapi_event ev[8];
        size_t n = mm_provider_calls_since(zero, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, ev, 8);
        /* Two queries, each reaching both providers: session 1's transport, then session 2's store. */
        if (CHECK_EQ(n, 4)) {
            CHECK_EQ(ev[0].event_type, MOCKMAPI_EVENT_PROVIDER_CALL);
            CHECK_EQ(ev[0].session, 1);
            CHECK(strcmp(ev[0].provider_name, "transport-one") == 0, "provider name");
            CHECK_EQ(ev[0].provider_kind, MOCKMAPI_PROVIDER_TRANSPORT);
            CHECK_EQ(ev[0].method, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN);
            CHECK(strcmp(ev[0].method_name, "QueryFastShutdown") == 0, "method name");
            CHECK_HR(ev[0].hresult, S_OK);
            CHECK(ev[0].object != NULL, "the object that answered");

            CHECK_EQ(ev[1].session, 2);
            CHECK(strcmp(ev[1].provider_name, "store-two") == 0, "provider name");
            CHECK_EQ(ev[1].provider_kind, MOCKMAPI_PROVIDER_STORE);
            CHECK_HR(ev[1].hresult, MAPI_E_NO_SUPPORT);
            CHECK(ev[1].sequence > ev[0].sequence, "in order");
            CHECK(strcmp(ev[2].provider_name, "transport-one") == 0 && strcmp(ev[3].provider_name, "store-two") == 0,
                  "the second query, same order");
        }
        /* The client call carries the client's answer, and comes before the provider calls it caused. */
        mockmapi_event c;
        long ci = mm_find_event(MOCKMAPI_EVENT_CLIENT_CALL, 0, NULL);
        int found = 0;
        for (size_t i = ci < 0 ? 0 : (size_t)ci; mockmapi_journal_get(i, &c) == S_OK; i++)
            if (c.event_type == MOCKMAPI_EVENT_CLIENT_CALL && c.method == MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN) {
                found = 1;
                break;
            }
        if (CHECK(found, "the client QueryFastShutdown is journaled")) {
            CHECK_HR(c.hresult, MAPI_E_NO_SUPPORT);
            CHECK_EQ(c.session, 2);
            CHECK(n < 1 || c.sequence < ev[0].sequence, "the client call is journaled before its provider calls");
            CHECK(c.message[0] != '\0', "the client call says why (the policy decision)");
        }
        /* Violations and diagnostics: a message, S_OK, no duration. */
        mockmapi_event v, d;
        int have_v = CHECK(mm_find_event(MOCKMAPI_EVENT_VIOLATION, 0, &v) >= 0, "a violation");
        if (have_v) {
            CHECK(v.message[0] != '\0', "a violation says what happened");
            CHECK_HR(v.hresult, S_OK);
            CHECK_EQ(v.duration_ns, 0);
            CHECK_EQ(v.method, MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN);
        }
        if (CHECK(mm_find_event(MOCKMAPI_EVENT_DIAGNOSTIC, 0, &d) >= 0, "a diagnostic")) {
            CHECK(d.message[0] != '\0', "a diagnostic says what happened");
            CHECK_HR(d.hresult, S_OK);
            CHECK_EQ(d.duration_ns, 0);
            if (have_v) CHECK(d.sequence > v.sequence, "violation then diagnostic, in the order they happened");
        }
    }
    scenario_end(&sc);
}

/* Every event's method_name is mockmapi_method_name(method). */
static void test_journal_method_names_agree(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        mockmapi_event e;
        for (size_t i = 0; mockmapi_journal_get(i, &e) == S_OK; i++)
            if (!CHECK(strcmp(e.method_name, mockmapi_method_name(e.method)) == 0, "method_name matches"))
                fprintf(stderr, "    event #%llu: \"%s\" vs \"%s\"\n", (unsigned long long)e.sequence, e.method_name,
                        mockmapi_method_name(e.method));
    }
    scenario_end(&sc);
}

static void test_journal_render_follows_snprintf_rules(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        size_t n = mockmapi_journal_render(NULL, 0);
        CHECK(n > 0, "NULL/0 gives the length");
        char *full = (char *)malloc(n + 1);
        if (full) {
            memset(full, 'X', n + 1);
            CHECK_EQ(mockmapi_journal_render(full, n + 1), n);
            CHECK_EQ(strlen(full), n);
            CHECK(full[n - 1] == '\n', "the text ends with a newline");
            /* One line per event. */
            size_t lines = 0;
            for (size_t i = 0; i < n; i++) lines += full[i] == '\n';
            CHECK_EQ(lines, mockmapi_journal_count());
            /* The provider names, the violation and the diagnostic are in the text. */
            CHECK(strstr(full, "transport-one") != NULL && strstr(full, "store-two") != NULL, "provider names");
            CHECK(strstr(full, "QueryFastShutdown") != NULL, "method names");
            CHECK(strstr(full, "MAPI_E_NO_SUPPORT") != NULL, "HRESULT names");

            /* size 0 with a buffer: nothing written. */
            char one = 'Q';
            CHECK_EQ(mockmapi_journal_render(&one, 0), n);
            CHECK(one == 'Q', "size 0 writes nothing");
            /* size 1: just the NUL. */
            CHECK_EQ(mockmapi_journal_render(&one, 1), n);
            CHECK(one == '\0', "size 1 writes the NUL");
            /* A small buffer: NUL-terminated, truncated, and a prefix of the whole text. */
            char small[16];
            memset(small, 'Z', sizeof small);
            CHECK_EQ(mockmapi_journal_render(small, 9), n);
            CHECK(small[8] == '\0', "NUL at size - 1");
            CHECK_EQ(strlen(small), 8);
            CHECK(memcmp(small, full, 8) == 0, "the truncated text is a prefix of the whole text");
            CHECK(small[9] == 'Z', "nothing written past size");
            /* Exactly n: one character short. */
            char *exact = (char *)malloc(n + 1);
            if (exact) {
                exact[n] = 'Z';
                CHECK_EQ(mockmapi_journal_render(exact, n), n);
                CHECK_EQ(strlen(exact), n - 1);
                CHECK(exact[n] == 'Z', "nothing written past size");
                CHECK(memcmp(exact, full, n - 1) == 0, "prefix");
                free(exact);
            }
            free(full);
        }
        /* Rendering does not add to the journal. */
        size_t count = mockmapi_journal_count();
        mockmapi_journal_render(NULL, 0);
        CHECK_EQ(mockmapi_journal_count(), count);
    }
    scenario_end(&sc);
}

static void test_journal_render_of_empty_journal(void) {
    mockmapi_journal_clear();
    CHECK_EQ(mockmapi_journal_render(NULL, 0), 0);
    char buf[4] = "abc";
    CHECK_EQ(mockmapi_journal_render(buf, sizeof buf), 0);
    CHECK(buf[0] == '\0', "an empty journal renders as an empty string");
    mm_test_end();
}

/* Strings from mockmapi_journal_get stay valid while the journal grows (until it is cleared). */
static void test_journal_strings_stay_valid_while_journal_grows(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        mockmapi_event v;
        if (CHECK(mm_find_event(MOCKMAPI_EVENT_VIOLATION, 0, &v) >= 0, "a violation")) {
            char copy[512];
            snprintf(copy, sizeof copy, "%s", v.message);
            mockmapi_event p;
            memset(&p, 0, sizeof p);
            p.provider_name = "";
            CHECK(mm_find_event(MOCKMAPI_EVENT_PROVIDER_CALL, 0, &p) >= 0, "a provider call");
            char name_copy[64];
            snprintf(name_copy, sizeof name_copy, "%s", p.provider_name);
            for (int i = 0; i < 2000; i++) sc.cs->lpVtbl->NotifyProcessShutdown(sc.cs); /* 4000 events */
            CHECK(strcmp(copy, v.message) == 0, "the message is still valid and unchanged");
            CHECK(strcmp(name_copy, p.provider_name) == 0, "the provider name is still valid and unchanged");
        }
    }
    scenario_end(&sc);
}

static void test_journal_clear_removes_events_and_violations_only(void) {
    scenario sc;
    if (scenario_run(&sc)) {
        CHECK(mockmapi_violation_count() > 0, "the scenario has a violation");
        mockmapi_journal_clear();
        CHECK_EQ(mockmapi_journal_count(), 0);
        CHECK_EQ(mockmapi_violation_count(), 0);
        mockmapi_event e;
        CHECK_HR(mockmapi_journal_get(0, &e), MAPI_E_NOT_FOUND);
        /* Nothing else changed: the sessions, providers and registry are as they were. */
        CHECK_HR(mockmapi_registry_delete_value(MM_POLICY_KEY, "FastShutdownBehavior"), S_OK);
        sc.ms.hr_query = S_OK;
        CHECK_HR(sc.cs->lpVtbl->QueryFastShutdown(sc.cs), S_OK);
        CHECK_EQ(atomic_load(&sc.xp.n_query), 3);
        CHECK_EQ(atomic_load(&sc.ms.n_query), 3);
        /* Sequence numbers start again at 1. */
        if (CHECK_HR(mockmapi_journal_get(0, &e), S_OK)) CHECK_EQ(e.sequence, 1);
        /* And the session ids are unchanged (they count since the last reset, not since the last clear). */
        mm_mark zero;
        memset(&zero, 0, sizeof zero);
        mockmapi_event ev[4];
        if (CHECK_EQ(mm_provider_calls_since(zero, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, ev, 4), 2))
            CHECK_EQ(ev[1].session, 2);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    scenario_end(&sc);
}

static void test_method_name_and_hresult_name(void) {
    static const struct {
        uint32_t method;
        const char *name;
    } methods[] = {
        {MOCKMAPI_METHOD_QUERY_INTERFACE, "QueryInterface"},
        {MOCKMAPI_METHOD_ADD_REF, "AddRef"},
        {MOCKMAPI_METHOD_RELEASE, "Release"},
        {MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "QueryFastShutdown"},
        {MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN, "NotifyProcessShutdown"},
        {MOCKMAPI_METHOD_DO_FAST_SHUTDOWN, "DoFastShutdown"},
        {MOCKMAPI_METHOD_SHUTDOWN, "Shutdown"},
        {MOCKMAPI_METHOD_LOGOFF, "Logoff"},
        {MOCKMAPI_METHOD_MAPI_INITIALIZE, "MAPIInitialize"},
        {MOCKMAPI_METHOD_MAPI_UNINITIALIZE, "MAPIUninitialize"},
        {MOCKMAPI_METHOD_MAPI_LOGON_EX, "MAPILogonEx"},
        {MOCKMAPI_METHOD_MAPI_ALLOCATE_BUFFER, "MAPIAllocateBuffer"},
        {MOCKMAPI_METHOD_MAPI_ALLOCATE_MORE, "MAPIAllocateMore"},
        {MOCKMAPI_METHOD_MAPI_FREE_BUFFER, "MAPIFreeBuffer"},
        {MOCKMAPI_METHOD_ADD_PROVIDER, "mockmapi_session_add_provider"},
        {MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED, "GetLastError"},
        {MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED + 17, "PrepareForm"},
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (!CHECK(strcmp(mockmapi_method_name(methods[i].method), methods[i].name) == 0, "mockmapi_method_name"))
            fprintf(stderr, "    %u: \"%s\", expected \"%s\"\n", methods[i].method,
                    mockmapi_method_name(methods[i].method), methods[i].name);
    /* Every defined number has a name; unknown numbers give "" (never NULL). */
    for (uint32_t m = MOCKMAPI_METHOD_QUERY_INTERFACE; m <= MOCKMAPI_METHOD_JOURNAL; m++)
        CHECK(mockmapi_method_name(m)[0] != '\0', "every MOCKMAPI_METHOD_* has a name");
    CHECK(mockmapi_method_name(1000) != NULL && mockmapi_method_name(1000)[0] == '\0', "1000 is not a method");
    CHECK(mockmapi_method_name(0xFFFFFFFFu)[0] == '\0', "unknown");

    static const struct {
        HRESULT hr;
        const char *name;
    } hrs[] = {
        {S_OK, "S_OK"},
        {S_FALSE, "S_FALSE"},
        {E_NOTIMPL, "E_NOTIMPL"},
        {E_POINTER, "E_POINTER"},
        {E_UNEXPECTED, "E_UNEXPECTED"},
        {E_INVALIDARG, "E_INVALIDARG"},
        {MAPI_E_NO_SUPPORT, "MAPI_E_NO_SUPPORT"},
        {MAPI_E_INVALID_OBJECT, "MAPI_E_INVALID_OBJECT"},
        {MAPI_E_NOT_FOUND, "MAPI_E_NOT_FOUND"},
        {MAPI_E_VERSION, "MAPI_E_VERSION"},
        {MAPI_E_LOGON_FAILED, "MAPI_E_LOGON_FAILED"},
        {MAPI_E_USER_CANCEL, "MAPI_E_USER_CANCEL"},
        {MAPI_E_TIMEOUT, "MAPI_E_TIMEOUT"},
        {MAPI_E_NOT_INITIALIZED, "MAPI_E_NOT_INITIALIZED"},
    };
    for (size_t i = 0; i < sizeof hrs / sizeof hrs[0]; i++)
        if (!CHECK(strcmp(mockmapi_hresult_name(hrs[i].hr), hrs[i].name) == 0, "mockmapi_hresult_name"))
            fprintf(stderr, "    0x%08X: \"%s\", expected \"%s\"\n", (unsigned)hrs[i].hr,
                    mockmapi_hresult_name(hrs[i].hr), hrs[i].name);
    /* Codes with two SDK names: either name. */
    const char *fail = mockmapi_hresult_name(E_FAIL);
    CHECK(strcmp(fail, "E_FAIL") == 0 || strcmp(fail, "MAPI_E_CALL_FAILED") == 0, "E_FAIL / MAPI_E_CALL_FAILED");
    const char *noif = mockmapi_hresult_name(E_NOINTERFACE);
    CHECK(strcmp(noif, "E_NOINTERFACE") == 0 || strcmp(noif, "MAPI_E_INTERFACE_NOT_SUPPORTED") == 0,
          "E_NOINTERFACE / MAPI_E_INTERFACE_NOT_SUPPORTED");
    const char *oom = mockmapi_hresult_name(E_OUTOFMEMORY);
    CHECK(strcmp(oom, "E_OUTOFMEMORY") == 0 || strcmp(oom, "MAPI_E_NOT_ENOUGH_MEMORY") == 0,
          "E_OUTOFMEMORY / MAPI_E_NOT_ENOUGH_MEMORY");
    CHECK(mockmapi_hresult_name(0x1234) != NULL && mockmapi_hresult_name(0x1234)[0] == '\0', "unknown code");
    CHECK(mockmapi_hresult_name((HRESULT)0x80041234u)[0] == '\0', "unknown code");
    mm_test_end();
}

/* SPEC §1: the HRESULT values and IIDs of the table. */
static void test_abi_constants_match_spec(void) {
    CHECK_EQ((uint32_t)S_OK, 0x00000000u);
    CHECK_EQ((uint32_t)S_FALSE, 0x00000001u);
    CHECK_EQ((uint32_t)E_NOTIMPL, 0x80004001u);
    CHECK_EQ((uint32_t)E_NOINTERFACE, 0x80004002u);
    CHECK_EQ((uint32_t)MAPI_E_INTERFACE_NOT_SUPPORTED, 0x80004002u);
    CHECK_EQ((uint32_t)E_POINTER, 0x80004003u);
    CHECK_EQ((uint32_t)E_FAIL, 0x80004005u);
    CHECK_EQ((uint32_t)MAPI_E_CALL_FAILED, 0x80004005u);
    CHECK_EQ((uint32_t)E_UNEXPECTED, 0x8000FFFFu);
    CHECK_EQ((uint32_t)E_OUTOFMEMORY, 0x8007000Eu);
    CHECK_EQ((uint32_t)MAPI_E_NOT_ENOUGH_MEMORY, 0x8007000Eu);
    CHECK_EQ((uint32_t)E_INVALIDARG, 0x80070057u);
    CHECK_EQ((uint32_t)MAPI_E_INVALID_PARAMETER, 0x80070057u);
    CHECK_EQ((uint32_t)MAPI_E_NO_SUPPORT, 0x80040102u);
    CHECK_EQ((uint32_t)MAPI_E_INVALID_OBJECT, 0x80040108u);
    CHECK_EQ((uint32_t)MAPI_E_NOT_FOUND, 0x8004010Fu);
    CHECK_EQ((uint32_t)MAPI_E_VERSION, 0x80040110u);
    CHECK_EQ((uint32_t)MAPI_E_LOGON_FAILED, 0x80040111u);
    CHECK_EQ((uint32_t)MAPI_E_USER_CANCEL, 0x80040113u);
    CHECK_EQ((uint32_t)MAPI_E_TIMEOUT, 0x80040401u);
    CHECK_EQ((uint32_t)MAPI_E_NOT_INITIALIZED, 0x80040605u);
    CHECK_EQ(CURRENT_SPI_VERSION, 0x00010010u);
    CHECK(FAILED(MAPI_E_NO_SUPPORT) && SUCCEEDED(S_FALSE), "HRESULT is signed 32-bit");
    _Static_assert(sizeof(HRESULT) == 4 && sizeof(ULONG) == 4 && sizeof(GUID) == 16, "ABI sizes");

    static const struct {
        const IID *iid;
        uint32_t data1;
    } iids[] = {
        {&IID_IUnknown, 0x00000000u},         {&IID_IMAPISession, 0x00020300u},
        {&IID_IMSProvider, 0x00020310u},      {&IID_IABProvider, 0x00020311u},
        {&IID_IXPProvider, 0x00020312u},      {&IID_IMAPIClientShutdown, 0x00020397u},
        {&IID_IMAPIProviderShutdown, 0x00020398u},
    };
    static const uint8_t ole_tail[8] = {0xC0, 0, 0, 0, 0, 0, 0, 0x46};
    for (size_t i = 0; i < sizeof iids / sizeof iids[0]; i++) {
        CHECK_EQ(iids[i].iid->Data1, iids[i].data1);
        CHECK(iids[i].iid->Data2 == 0 && iids[i].iid->Data3 == 0 && memcmp(iids[i].iid->Data4, ole_tail, 8) == 0,
              "the OLE form {XXXXXXXX-0000-0000-C000-000000000046}");
        for (size_t k = 0; k < sizeof iids / sizeof iids[0]; k++)
            CHECK(IsEqualIID(iids[i].iid, iids[k].iid) == (i == k), "IsEqualIID");
    }
    mm_test_end();
}

int main(void) {
    MM_RUN(test_journal_sequence_numbers_start_at_1_and_increase);
    MM_RUN(test_journal_provider_call_events_carry_session_name_kind_method_hresult);
    MM_RUN(test_journal_method_names_agree);
    MM_RUN(test_journal_render_follows_snprintf_rules);
    MM_RUN(test_journal_render_of_empty_journal);
    MM_RUN(test_journal_strings_stay_valid_while_journal_grows);
    MM_RUN(test_journal_clear_removes_events_and_violations_only);
    MM_RUN(test_method_name_and_hresult_name);
    MM_RUN(test_abi_constants_match_spec);
    return mm_finish("journal");
}
