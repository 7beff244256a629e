/* Profiles from the configuration file (MOCKMAPI_CONFIG): MAPILogonEx loads what the profile lists. Fake
 * providers need no library; a missing library makes the logon fail with MAPI_E_LOGON_FAILED and a diagnostic
 * that names it. */
#define _POSIX_C_SOURCE 200809L
#include "mm_portable.h"
#include "mm_test.h"

static const char CONFIG[] =
    "default_profile: Outlook\n"
    "profiles:\n"
    "  Outlook:\n"
    "    - kind: store\n"
    "      name: fake store\n"
    "      fake: {}\n"
    "    - kind: transport\n"
    "      name: blocking transport\n"
    "      fake:\n"
    "        query_fast_shutdown: MAPI_E_NO_SUPPORT\n"
    "  Broken:\n"
    "    - kind: store\n"
    "      name: missing\n"
    "      library: no/such/libstore.so\n";

int main(void) {
    FILE *f = fopen("profiles.yaml", "w");
    CHECK(f != NULL, "write the configuration");
    if (f) {
        fputs(CONFIG, f);
        fclose(f);
    }
    mm_setenv("MOCKMAPI_CONFIG", "profiles.yaml");

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = NULL;
    CHECK_HR(MAPILogonEx(0, NULL, NULL, 0, &s), S_OK); /* NULL: the default profile */
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), MAPI_E_NO_SUPPORT); /* the fake transport opts out */
    mockmapi_event_filter want[] = {
        {0, 1, MOCKMAPI_PROVIDER_TRANSPORT, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "blocking transport", 1, MAPI_E_NO_SUPPORT},
        {0, 1, MOCKMAPI_PROVIDER_STORE, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN, "fake store", 1, S_OK},
    };
    char diff[2048];
    CHECK_HR(mockmapi_journal_expect(want, 2, MOCKMAPI_EXPECT_EXACT, diff, sizeof diff, NULL), S_OK);

    IMAPISession *broken = (IMAPISession *)(void *)&broken;
    CHECK_HR(MAPILogonEx(0, (LPTSTR) "broken", NULL, 0, &broken), MAPI_E_LOGON_FAILED); /* case-insensitive */
    CHECK(broken == (IMAPISession *)(void *)&broken, "*lppSession untouched on failure");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "no/such/libstore.so does not exist"), "names the library");

    IMAPISession *other = NULL;
    CHECK_HR(MAPILogonEx(0, (LPTSTR) "Elsewhere", NULL, 0, &other), S_OK); /* not configured: no providers */
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "profile 'Elsewhere' is not in the configuration"), "said");

    cs->lpVtbl->Release(cs);
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    s->lpVtbl->Release(s);
    other->lpVtbl->Logoff(other, 0, 0, 0);
    other->lpVtbl->Release(other);
    MAPIUninitialize();
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    mockmapi_reset();
    return mm_finish("profiles");
}
