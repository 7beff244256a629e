// mockmapi-ctest: sdk
/*
 * Profile sections from the configuration: a provider entry's `properties:` (PR_* names or tags, with text,
 * whole-number, boolean and hex-binary values) are what IMAPISupport::OpenProfileSection(NULL) returns to a
 * provider logged on with mockmapi_session_logon_provider under that kind and name; the properties the call
 * passes are added to them and replace those with the same tag. Another name gets only its own.
 */
#define _POSIX_C_SOURCE 200809L
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_portable.h"
#include "mm_test.h"

static const char CONFIG[] =
    "profiles:\n"
    "  Outlook:\n"
    "    - kind: store\n"
    "      name: configured store\n"
    "      fake: {}\n"
    "      properties:\n"
    "        PR_DISPLAY_NAME_A: Team Store\n"
    "        PR_PROVIDER_DISPLAY_A: from the configuration\n"
    "        0x67200003: -7\n"
    "        0x6721000B: true\n"
    "        0x67220102: \"DE AD BE EF\"\n"
    "        0x67230014: 9000000000\n";

/* A store provider that reads its profile section at logon and remembers what it found. */
typedef struct store {
    const IMSProviderVtbl *lpVtbl;
    LONG refs;
    ULONG count;
    char display[64], provider_display[64];
    LONG l;
    int b, bin_ok, i8_ok;
    struct {
        const IMSLogonVtbl *lpVtbl;
    } logon;
} store;

static HRESULT STDMETHODCALLTYPE L_QueryInterface(LPMSLOGON This, REFIID riid, LPVOID *ppv) {
    (void)This;
    (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE L_AddRef(LPMSLOGON This) {
    (void)This;
    return 1;
}
static ULONG STDMETHODCALLTYPE L_Release(LPMSLOGON This) {
    (void)This;
    return 1;
}
static int logoffs;
static HRESULT STDMETHODCALLTYPE L_Logoff(LPMSLOGON This, ULONG *lpulFlags) {
    (void)This;
    (void)lpulFlags;
    logoffs++;
    return S_OK;
}
static IMSLogonVtbl logon_vtbl;

static HRESULT STDMETHODCALLTYPE S_QueryInterface(LPMSPROVIDER This, REFIID riid, LPVOID *ppv) {
    (void)This;
    (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE S_AddRef(LPMSPROVIDER This) { return (ULONG)++((store *)This)->refs; }
static ULONG STDMETHODCALLTYPE S_Release(LPMSPROVIDER This) { return (ULONG)--((store *)This)->refs; }
static HRESULT STDMETHODCALLTYPE S_Shutdown(LPMSPROVIDER This, ULONG *lpulFlags) {
    (void)This;
    (void)lpulFlags;
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE S_Logon(LPMSPROVIDER This, LPMAPISUP sup, ULONG_PTR ulUIParam, LPTSTR profile,
                                         ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulFlags, LPCIID lpInterface,
                                         ULONG *lpcbSpoolSecurity, LPBYTE *lppbSpoolSecurity,
                                         LPMAPIERROR *lppMAPIError, LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    store *s = (store *)This;
    (void)ulUIParam;
    (void)profile;
    (void)cbEntryID;
    (void)lpEntryID;
    (void)ulFlags;
    (void)lpInterface;
    (void)lpcbSpoolSecurity;
    (void)lppbSpoolSecurity;
    (void)lppMAPIError;
    (void)lppMDB;
    LPPROFSECT ps = NULL;
    if (!CHECK_HR(sup->lpVtbl->OpenProfileSection(sup, NULL, 0, &ps), S_OK)) return MAPI_E_CALL_FAILED;
    LPSPropValue v = NULL;
    CHECK_HR(ps->lpVtbl->GetProps(ps, NULL, 0, &s->count, &v), S_OK);
    for (ULONG i = 0; v != NULL && i < s->count; i++) {
        switch (v[i].ulPropTag) {
        case PR_DISPLAY_NAME_A: snprintf(s->display, sizeof s->display, "%s", v[i].Value.lpszA); break;
        case PR_PROVIDER_DISPLAY_A:
            snprintf(s->provider_display, sizeof s->provider_display, "%s", v[i].Value.lpszA);
            break;
        case PROP_TAG(PT_LONG, 0x6720): s->l = v[i].Value.l; break;
        case PROP_TAG(PT_BOOLEAN, 0x6721): s->b = v[i].Value.b != 0; break;
        case PROP_TAG(PT_BINARY, 0x6722):
            s->bin_ok = v[i].Value.bin.cb == 4 && v[i].Value.bin.lpb[0] == 0xDE && v[i].Value.bin.lpb[3] == 0xEF;
            break;
        case PROP_TAG(PT_I8, 0x6723): s->i8_ok = v[i].Value.li.QuadPart == 9000000000LL; break;
        default: break;
        }
    }
    MAPIFreeBuffer(v);
    ps->lpVtbl->Release(ps);
    s->logon.lpVtbl = &logon_vtbl;
    *lppMSLogon = (LPMSLOGON)&s->logon;
    return S_OK;
}

static IMSProviderVtbl store_vtbl;

int main(void) {
    FILE *f = fopen("logon.yaml", "w");
    CHECK(f != NULL, "write the configuration");
    if (f) {
        fputs(CONFIG, f);
        fclose(f);
    }
    mm_setenv("MOCKMAPI_CONFIG", "logon.yaml");
    store_vtbl.QueryInterface = S_QueryInterface;
    store_vtbl.AddRef = S_AddRef;
    store_vtbl.Release = S_Release;
    store_vtbl.Shutdown = S_Shutdown;
    store_vtbl.Logon = S_Logon;
    logon_vtbl.QueryInterface = L_QueryInterface;
    logon_vtbl.AddRef = L_AddRef;
    logon_vtbl.Release = L_Release;
    logon_vtbl.Logoff = L_Logoff;

    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("Outlook");
    if (s == NULL) return mm_finish("provider_logon_config");

    /* The configured provider's name: the configuration's section, with the call's property replacing one. */
    store a;
    memset(&a, 0, sizeof a);
    a.lpVtbl = &store_vtbl;
    a.refs = 1;
    SPropValue extra;
    memset(&extra, 0, sizeof extra);
    extra.ulPropTag = PR_PROVIDER_DISPLAY_A;
    extra.Value.lpszA = (LPSTR) "from the test";
    CHECK_HR(mockmapi_session_logon_provider(s, MOCKMAPI_PROVIDER_STORE, "configured store", (IUnknown *)&a, 1,
                                             (const struct _SPropValue *)&extra),
             S_OK);
    CHECK_EQ(a.count, 6);
    CHECK(strcmp(a.display, "Team Store") == 0, "PR_DISPLAY_NAME_A from the configuration");
    CHECK(strcmp(a.provider_display, "from the test") == 0, "the call's property replaces the configured one");
    CHECK_EQ((unsigned long long)(long long)a.l, (unsigned long long)(long long)-7);
    CHECK(a.b == 1, "the boolean from the configuration");
    CHECK(a.bin_ok, "the binary from the configuration (hex)");
    CHECK(a.i8_ok, "the PT_I8 from the configuration");

    /* Another name: only what the call passes. */
    store b;
    memset(&b, 0, sizeof b);
    b.lpVtbl = &store_vtbl;
    b.refs = 1;
    CHECK_HR(mockmapi_session_logon_provider(s, MOCKMAPI_PROVIDER_STORE, "other store", (IUnknown *)&b, 0, NULL),
             S_OK);
    CHECK_EQ(b.count, 0);

    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 0);
    CHECK_EQ(a.refs, 1);
    CHECK_EQ(b.refs, 1);
    CHECK_EQ(logoffs, 2);
    return mm_finish("provider_logon_config");
}
