// mockmapi-ctest: sdk
/*
 * mockmapi_session_logon_provider: a transport, an address book and a store written in C against the SDK are
 * logged on with an IMAPISupport of their own and read their profile section through IProfSect; then
 * - normal shutdown (Logoff): each logon object is logged off (IXPLogon::TransportLogoff, IABLogon::Logoff,
 *   IMSLogon::Logoff) and released before the provider's Shutdown and Release; the support object outlives the
 *   provider and is released last;
 * - fast shutdown: after DoFastShutdown nothing of the logon objects is called (not even Release);
 * - every IMAPISupport slot answers as its own method (journaled under its name, in vtable order), the modelled
 *   ones with their documented results, the others MAPI_E_NO_SUPPORT;
 * - a failed logon is returned and reported, the provider still gets Shutdown and Release.
 */
#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_test.h"

#define PR_TEST_LONG PROP_TAG(PT_LONG, 0x6720)
#define PR_TEST_BOOL PROP_TAG(PT_BOOLEAN, 0x6721)
#define PR_TEST_BIN PROP_TAG(PT_BINARY, 0x6722)
#define PR_TEST_WRITTEN PROP_TAG(PT_LONG, 0x6723)
static const GUID iid_mapisup = {0x0002030F, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
#define SUPPORT(slot) (MOCKMAPI_METHOD_SUPPORT_FIRST + (slot) - 3)

/* ---- the providers' call log ---------------------------------------------------------------------------- */

#define LOG_MAX 256
static char call_log[LOG_MAX][48];
static int log_len;

static void logf_(const char *tag, const char *what) {
    if (log_len < LOG_MAX) snprintf(call_log[log_len++], sizeof call_log[0], "%s.%s", tag, what);
}

/* The position of `entry` in the log at or after `from`, or -1. */
static int log_find(const char *entry, int from) {
    for (int i = from; i < log_len; i++)
        if (strcmp(call_log[i], entry) == 0) return i;
    return -1;
}

/* Whether `entries` appear in the log in this order (other entries may come between them). */
static int log_in_order(const char *const *entries, int n) {
    int at = 0;
    for (int i = 0; i < n; i++) {
        int found = log_find(entries[i], at);
        if (found < 0) {
            fprintf(stderr, "call log: \"%s\" not found in order\n", entries[i]);
            return 0;
        }
        at = found + 1;
    }
    return 1;
}

static void print_log(void) {
    for (int i = 0; i < log_len; i++) fprintf(stderr, "  %s\n", call_log[i]);
}

/* ---- one provider type for the three kinds ---------------------------------------------------------------- */

typedef struct prov prov;

typedef struct ps_obj {
    const IMAPIProviderShutdownVtbl *lpVtbl;
    prov *owner;
} ps_obj;

typedef struct logon_obj {
    const void *lpVtbl; /* IXPLogonVtbl, IABLogonVtbl or IMSLogonVtbl */
    LONG refs;
    prov *owner;
} logon_obj;

typedef struct mdb_obj {
    const IUnknownVtbl *lpVtbl;
    LONG refs;
    prov *owner;
} mdb_obj;

struct prov {
    const void *lpVtbl; /* IXPProviderVtbl, IABProviderVtbl or IMSProviderVtbl */
    ps_obj ps;
    LONG refs;
    const char *tag;
    HRESULT logon_hr;
    LPMAPISUP sup; /* kept (AddRef'd) from logon until the provider's last Release */
    logon_obj logon;
    mdb_obj mdb;
    /* what the provider read at logon */
    char display_name[64];
    LONG test_long;
    int test_bool, bin_ok, written_seen, alloc_ok, uids_distinct;
    ULONG profile_count;
    /* what the support object's Release answered in the provider's last Release (the runtime still holds one) */
    ULONG sup_refs_at_final_release;
};

static ULONG prov_add_ref(prov *p) { return (ULONG)++p->refs; }

static ULONG prov_release(prov *p) {
    ULONG n = (ULONG)--p->refs;
    if (n == 0) {
        logf_(p->tag, "Release(0)");
        if (p->sup) {
            p->sup_refs_at_final_release = p->sup->lpVtbl->Release(p->sup);
            p->sup = NULL;
        }
    }
    return n;
}

/* IUnknown and Shutdown of the provider objects, the same for the three kinds (This is the prov). */
static HRESULT prov_query_interface(prov *p, REFIID riid, LPVOID *ppv) {
    if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        prov_add_ref(p);
        *ppv = &p->ps;
        return S_OK;
    }
    if (IsEqualIID(riid, &IID_IUnknown)) {
        prov_add_ref(p);
        *ppv = p;
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static HRESULT prov_shutdown(prov *p, ULONG *lpulFlags) {
    CHECK(lpulFlags != NULL && *lpulFlags == 0, "Shutdown gets flags 0");
    logf_(p->tag, "Shutdown");
    return S_OK;
}

#define PROV_METHODS(prefix, LP)                                                                   \
    static HRESULT STDMETHODCALLTYPE prefix##_QueryInterface(LP This, REFIID riid, LPVOID *ppv) { \
        return prov_query_interface((prov *)This, riid, ppv);                                      \
    }                                                                                              \
    static ULONG STDMETHODCALLTYPE prefix##_AddRef(LP This) { return prov_add_ref((prov *)This); }  \
    static ULONG STDMETHODCALLTYPE prefix##_Release(LP This) { return prov_release((prov *)This); } \
    static HRESULT STDMETHODCALLTYPE prefix##_Shutdown(LP This, ULONG *lpulFlags) {                \
        return prov_shutdown((prov *)This, lpulFlags);                                             \
    }
PROV_METHODS(XP, LPXPPROVIDER)
PROV_METHODS(AB, LPABPROVIDER)
PROV_METHODS(MS, LPMSPROVIDER)

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppv) {
    prov *p = ((ps_obj *)This)->owner;
    return prov_query_interface(p, riid, ppv);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This) {
    return prov_add_ref(((ps_obj *)This)->owner);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This) {
    return prov_release(((ps_obj *)This)->owner);
}
static HRESULT STDMETHODCALLTYPE PS_Query(LPMAPIPROVIDERSHUTDOWN This) {
    logf_(((ps_obj *)This)->owner->tag, "QueryFastShutdown");
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_Notify(LPMAPIPROVIDERSHUTDOWN This) {
    logf_(((ps_obj *)This)->owner->tag, "NotifyProcessShutdown");
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE PS_Do(LPMAPIPROVIDERSHUTDOWN This) {
    logf_(((ps_obj *)This)->owner->tag, "DoFastShutdown");
    return S_OK;
}
static const IMAPIProviderShutdownVtbl ps_vtbl = {PS_QueryInterface, PS_AddRef, PS_Release,
                                                  PS_Query, PS_Notify, PS_Do};

/* ---- logon objects ------------------------------------------------------------------------------------- */

static ULONG logon_release(logon_obj *l) {
    ULONG n = (ULONG)--l->refs;
    if (n == 0) logf_(l->owner->tag, "logon.Release(0)");
    return n;
}

#define LOGON_IUNKNOWN(prefix, LP)                                                                  \
    static HRESULT STDMETHODCALLTYPE prefix##_QueryInterface(LP This, REFIID riid, LPVOID *ppv) { \
        (void)This;                                                                                 \
        (void)riid;                                                                                 \
        *ppv = NULL;                                                                                \
        return E_NOINTERFACE;                                                                       \
    }                                                                                               \
    static ULONG STDMETHODCALLTYPE prefix##_AddRef(LP This) { return (ULONG)++((logon_obj *)This)->refs; } \
    static ULONG STDMETHODCALLTYPE prefix##_Release(LP This) { return logon_release((logon_obj *)This); }
LOGON_IUNKNOWN(XPL, LPXPLOGON)
LOGON_IUNKNOWN(ABL, LPABLOGON)
LOGON_IUNKNOWN(MSL, LPMSLOGON)

static HRESULT STDMETHODCALLTYPE XPL_TransportLogoff(LPXPLOGON This, ULONG ulFlags) {
    logon_obj *l = (logon_obj *)This;
    CHECK(ulFlags == 0, "TransportLogoff gets flags 0");
    logf_(l->owner->tag, "TransportLogoff");
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE ABL_Logoff(LPABLOGON This, ULONG ulFlags) {
    logon_obj *l = (logon_obj *)This;
    CHECK(ulFlags == 0, "IABLogon::Logoff gets flags 0");
    logf_(l->owner->tag, "Logoff");
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE MSL_Logoff(LPMSLOGON This, ULONG *lpulFlags) {
    logon_obj *l = (logon_obj *)This;
    CHECK(lpulFlags != NULL && *lpulFlags == 0, "IMSLogon::Logoff gets &0");
    logf_(l->owner->tag, "Logoff");
    return S_OK;
}

static IXPLogonVtbl xpl_vtbl;
static IABLogonVtbl abl_vtbl;
static IMSLogonVtbl msl_vtbl;

static ULONG STDMETHODCALLTYPE M_AddRef(LPUNKNOWN This) { return (ULONG)++((mdb_obj *)This)->refs; }
static ULONG STDMETHODCALLTYPE M_Release(LPUNKNOWN This) {
    mdb_obj *m = (mdb_obj *)This;
    ULONG n = (ULONG)--m->refs;
    if (n == 0) logf_(m->owner->tag, "mdb.Release(0)");
    return n;
}
static HRESULT STDMETHODCALLTYPE M_QueryInterface(LPUNKNOWN This, REFIID riid, LPVOID *ppv) {
    (void)This;
    (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static const IUnknownVtbl mdb_vtbl = {M_QueryInterface, M_AddRef, M_Release};

/* ---- what a provider does at logon, through the support object --------------------------------------------- */

static HRESULT provider_logon(prov *p, LPMAPISUP sup, LPTSTR profile, void **logon_out) {
    logf_(p->tag, p->lpVtbl == NULL ? "?" : "Logon");
    CHECK(sup != NULL, "the logon gets a support object");
    CHECK(profile != NULL && strcmp((const char *)profile, "logon") == 0, "the logon gets the session's profile name");
    if (p->logon_hr != S_OK) return p->logon_hr;

    LPALLOCATEBUFFER ab = NULL;
    LPALLOCATEMORE am = NULL;
    LPFREEBUFFER fb = NULL;
    CHECK_HR(sup->lpVtbl->GetMemAllocRoutines(sup, &ab, &am, &fb), S_OK);
    p->alloc_ok = ab == MAPIAllocateBuffer && am == MAPIAllocateMore && fb == MAPIFreeBuffer;

    /* As real providers do: no profile section, no logon. */
    LPPROFSECT ps = NULL;
    HRESULT hr = sup->lpVtbl->OpenProfileSection(sup, NULL, MAPI_MODIFY, &ps);
    if (FAILED(hr)) return hr;
    if (ps != NULL) {
        ULONG c = 0;
        LPSPropValue v = NULL;
        CHECK_HR(ps->lpVtbl->GetProps(ps, NULL, 0, &c, &v), S_OK);
        p->profile_count = c;
        for (ULONG i = 0; v != NULL && i < c; i++) {
            switch (v[i].ulPropTag) {
            case PR_DISPLAY_NAME_A: snprintf(p->display_name, sizeof p->display_name, "%s", v[i].Value.lpszA); break;
            case PR_TEST_LONG: p->test_long = v[i].Value.l; break;
            case PR_TEST_BOOL: p->test_bool = v[i].Value.b ? 1 : 0; break;
            case PR_TEST_BIN:
                p->bin_ok = v[i].Value.bin.cb == 3 && v[i].Value.bin.lpb[0] == 0xDE && v[i].Value.bin.lpb[2] == 0xEF;
                break;
            default: break;
            }
        }
        MAPIFreeBuffer(v);
        /* A write is kept for the logon: the next open sees it. */
        SPropValue w;
        memset(&w, 0, sizeof w);
        w.ulPropTag = PR_TEST_WRITTEN;
        w.Value.l = 42;
        CHECK_HR(ps->lpVtbl->SetProps(ps, 1, &w, NULL), S_OK);
        ps->lpVtbl->Release(ps);
        ps = NULL;
        CHECK_HR(sup->lpVtbl->OpenProfileSection(sup, NULL, 0, &ps), S_OK);
        if (ps != NULL) {
            LPSPropValue got = NULL;
            CHECK_HR(HrGetOneProp((LPMAPIPROP)ps, PR_TEST_WRITTEN, &got), S_OK);
            p->written_seen = got != NULL && got->Value.l == 42;
            MAPIFreeBuffer(got);
            ps->lpVtbl->Release(ps);
        }
    }

    MAPIUID mine = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
    CHECK_HR(sup->lpVtbl->SetProviderUID(sup, &mine, 0), S_OK);
    MAPIUID u1, u2;
    memset(&u1, 0, sizeof u1);
    memset(&u2, 0, sizeof u2);
    CHECK_HR(sup->lpVtbl->NewUID(sup, &u1), S_OK);
    CHECK_HR(sup->lpVtbl->NewUID(sup, &u2), S_OK);
    p->uids_distinct = memcmp(&u1, &u2, sizeof u1) != 0 && memcmp(u1.ab, "mmui", 4) == 0;

    SPropValue row[2];
    memset(row, 0, sizeof row);
    row[0].ulPropTag = PR_DISPLAY_NAME_A;
    row[0].Value.lpszA = (LPSTR) "status";
    row[1].ulPropTag = PR_TEST_LONG;
    row[1].Value.l = 1;
    CHECK_HR(sup->lpVtbl->ModifyStatusRow(sup, 2, row, 0), S_OK);

    sup->lpVtbl->AddRef(sup);
    p->sup = sup;
    p->logon.owner = p;
    p->logon.refs = 1;
    *logon_out = &p->logon;
    return S_OK;
}

static HRESULT STDMETHODCALLTYPE XP_TransportLogon(LPXPPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                                   LPTSTR lpszProfileName, ULONG *lpulFlags,
                                                   LPMAPIERROR *lppMAPIError, LPXPLOGON *lppXPLogon) {
    prov *p = (prov *)This;
    (void)ulUIParam;
    CHECK(lpulFlags != NULL && (*lpulFlags & LOGON_NO_DIALOG), "TransportLogon: no dialog");
    CHECK(lppMAPIError != NULL, "TransportLogon: lppMAPIError is given");
    p->logon.lpVtbl = &xpl_vtbl;
    return provider_logon(p, lpMAPISup, lpszProfileName, (void **)lppXPLogon);
}

static HRESULT STDMETHODCALLTYPE AB_Logon(LPABPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG ulFlags, ULONG *lpulcbSecurity,
                                          LPBYTE *lppbSecurity, LPMAPIERROR *lppMAPIError, LPABLOGON *lppABLogon) {
    prov *p = (prov *)This;
    (void)ulUIParam;
    (void)ulFlags;
    CHECK(lpulcbSecurity != NULL && lppbSecurity != NULL && lppMAPIError != NULL, "Logon: out-parameters given");
    p->logon.lpVtbl = &abl_vtbl;
    return provider_logon(p, lpMAPISup, lpszProfileName, (void **)lppABLogon);
}

static HRESULT STDMETHODCALLTYPE MS_Logon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                          ULONG ulFlags, LPCIID lpInterface, ULONG *lpcbSpoolSecurity,
                                          LPBYTE *lppbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                          LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    prov *p = (prov *)This;
    (void)ulUIParam;
    (void)cbEntryID;
    (void)lpEntryID;
    (void)ulFlags;
    (void)lpInterface;
    CHECK(lpcbSpoolSecurity != NULL && lppbSpoolSecurity != NULL && lppMAPIError != NULL && lppMDB != NULL,
          "IMSProvider::Logon: out-parameters given");
    p->logon.lpVtbl = &msl_vtbl;
    HRESULT hr = provider_logon(p, lpMAPISup, lpszProfileName, (void **)lppMSLogon);
    if (hr == S_OK) {
        p->mdb.lpVtbl = &mdb_vtbl;
        p->mdb.refs = 1;
        p->mdb.owner = p;
        *lppMDB = (LPMDB)&p->mdb;
    }
    return hr;
}

static IXPProviderVtbl xp_vtbl;
static IABProviderVtbl ab_vtbl;
static IMSProviderVtbl ms_vtbl;

static void init_vtables(void) {
    xp_vtbl.QueryInterface = XP_QueryInterface;
    xp_vtbl.AddRef = XP_AddRef;
    xp_vtbl.Release = XP_Release;
    xp_vtbl.Shutdown = XP_Shutdown;
    xp_vtbl.TransportLogon = XP_TransportLogon;
    ab_vtbl.QueryInterface = AB_QueryInterface;
    ab_vtbl.AddRef = AB_AddRef;
    ab_vtbl.Release = AB_Release;
    ab_vtbl.Shutdown = AB_Shutdown;
    ab_vtbl.Logon = AB_Logon;
    ms_vtbl.QueryInterface = MS_QueryInterface;
    ms_vtbl.AddRef = MS_AddRef;
    ms_vtbl.Release = MS_Release;
    ms_vtbl.Shutdown = MS_Shutdown;
    ms_vtbl.Logon = MS_Logon;
    xpl_vtbl.QueryInterface = XPL_QueryInterface;
    xpl_vtbl.AddRef = XPL_AddRef;
    xpl_vtbl.Release = XPL_Release;
    xpl_vtbl.TransportLogoff = XPL_TransportLogoff;
    abl_vtbl.QueryInterface = ABL_QueryInterface;
    abl_vtbl.AddRef = ABL_AddRef;
    abl_vtbl.Release = ABL_Release;
    abl_vtbl.Logoff = ABL_Logoff;
    msl_vtbl.QueryInterface = MSL_QueryInterface;
    msl_vtbl.AddRef = MSL_AddRef;
    msl_vtbl.Release = MSL_Release;
    msl_vtbl.Logoff = MSL_Logoff;
}

static void prov_init(prov *p, const void *vtbl, const char *tag) {
    memset(p, 0, sizeof *p);
    p->lpVtbl = vtbl;
    p->ps.lpVtbl = &ps_vtbl;
    p->ps.owner = p;
    p->refs = 1; /* the test's */
    p->tag = tag;
}

/* The profile properties every provider gets: a string, an integer, a boolean and binary. */
static BYTE bin_bytes[3] = {0xDE, 0xAD, 0xEF};
static SPropValue profile[4];

static void init_profile(void) {
    memset(profile, 0, sizeof profile);
    profile[0].ulPropTag = PR_DISPLAY_NAME_A;
    profile[0].Value.lpszA = (LPSTR) "Team Store";
    profile[1].ulPropTag = PR_TEST_LONG;
    profile[1].Value.l = -7;
    profile[2].ulPropTag = PR_TEST_BOOL;
    profile[2].Value.b = 1;
    profile[3].ulPropTag = PR_TEST_BIN;
    profile[3].Value.bin.cb = sizeof bin_bytes;
    profile[3].Value.bin.lpb = bin_bytes;
}

static HRESULT logon_provider(IMAPISession *s, uint32_t kind, prov *p) {
    return mockmapi_session_logon_provider(s, kind, p->tag, (IUnknown *)p, 4, (const struct _SPropValue *)profile);
}

static void check_read_at_logon(prov *p) {
    CHECK(p->alloc_ok, "GetMemAllocRoutines gives the library's MAPIAllocateBuffer/More/FreeBuffer");
    CHECK_EQ(p->profile_count, 4);
    CHECK(strcmp(p->display_name, "Team Store") == 0, "the string property reads back");
    CHECK_EQ((unsigned long long)(long long)p->test_long, (unsigned long long)(long long)-7);
    CHECK(p->test_bool == 1, "the boolean property reads back");
    CHECK(p->bin_ok, "the binary property reads back");
    CHECK(p->written_seen, "a write to the profile section is seen by the next OpenProfileSection");
    CHECK(p->uids_distinct, "NewUID gives distinct UIDs starting with \"mmui\"");
}

static IMAPISession *start(void) {
    log_len = 0;
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    return mm_logon("logon");
}

/* ---- tests ---------------------------------------------------------------------------------------------- */

static void normal_shutdown_logs_off_logon_objects_before_shutdown(void) {
    prov xp, ab, ms;
    prov_init(&xp, &xp_vtbl, "xp");
    prov_init(&ab, &ab_vtbl, "ab");
    prov_init(&ms, &ms_vtbl, "ms");
    IMAPISession *s = start();
    if (s == NULL) return;
    /* Logged on in the order given; the fan-outs still go transport, address book, store. */
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_STORE, &ms), S_OK);
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, &xp), S_OK);
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, &ab), S_OK);
    /* The test's own references go: each provider's last Release is the runtime's. */
    XP_Release((LPXPPROVIDER)&xp);
    AB_Release((LPABPROVIDER)&ab);
    MS_Release((LPMSPROVIDER)&ms);
    check_read_at_logon(&xp);
    check_read_at_logon(&ab);
    check_read_at_logon(&ms);
    CHECK_EQ(mockmapi_violation_count(), 0);

    /* The journal has the logon calls with their results. */
    mockmapi_event_filter f;
    memset(&f, 0, sizeof f);
    f.event_type = MOCKMAPI_EVENT_PROVIDER_CALL;
    f.method = MOCKMAPI_METHOD_TRANSPORT_LOGON;
    f.provider_name = "xp";
    f.check_hresult = 1;
    f.hresult = S_OK;
    CHECK_EQ(mockmapi_journal_count_matching(&f), 1);
    f.method = MOCKMAPI_METHOD_LOGON;
    f.provider_name = "ms";
    CHECK_EQ(mockmapi_journal_count_matching(&f), 1);
    /* Support calls are client calls carrying the provider: two OpenProfileSection per provider. */
    f.event_type = MOCKMAPI_EVENT_CLIENT_CALL;
    f.method = SUPPORT(9);
    f.provider_name = NULL;
    f.provider_kind = MOCKMAPI_PROVIDER_ADDRESS_BOOK;
    CHECK_EQ(mockmapi_journal_count_matching(&f), 2);
    f.provider_kind = 0;
    CHECK_EQ(mockmapi_journal_count_matching(&f), 6);

    int before = log_len;
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    const char *xp_order[] = {"xp.TransportLogoff", "xp.logon.Release(0)", "xp.Shutdown", "xp.Release(0)"};
    const char *ab_order[] = {"ab.Logoff", "ab.logon.Release(0)", "ab.Shutdown", "ab.Release(0)"};
    const char *ms_order[] = {"ms.Logoff", "ms.mdb.Release(0)", "ms.logon.Release(0)", "ms.Shutdown", "ms.Release(0)"};
    const char *kinds[] = {"xp.TransportLogoff", "ab.Logoff", "ms.Logoff"};
    (void)before;
    CHECK(log_in_order(xp_order, 4), "transport: TransportLogoff, logon released, Shutdown, Release");
    CHECK(log_in_order(ab_order, 4), "address book: Logoff, logon released, Shutdown, Release");
    CHECK(log_in_order(ms_order, 5), "store: Logoff, store and logon released, Shutdown, Release");
    CHECK(log_in_order(kinds, 3), "logoffs go transport, address book, store");
    if (mm_failures) print_log();
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 0);
    mm_test_end();
}

/* Providers' final Release happens in the runtime's release, with the support object still alive. */
static void support_object_outlives_the_provider(void) {
    prov ms;
    prov_init(&ms, &ms_vtbl, "ms");
    IMAPISession *s = start();
    if (s == NULL) return;
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_STORE, &ms), S_OK);
    MS_Release((LPMSPROVIDER)&ms); /* the test's reference: the runtime's is the last */
    mm_mark m = mm_mark_now();
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    CHECK(log_find("ms.Release(0)", 0) >= 0, "the runtime released the provider");
    CHECK_EQ(ms.sup_refs_at_final_release, 1); /* the runtime's reference was still there */
    CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_PROVIDER_CALL, "IMAPISupport: reference count now 0"), 1);
    /* ... and it is the last Release of the logoff. */
    size_t n = mockmapi_journal_count();
    size_t last_release = 0, support_release = 0;
    for (size_t i = m.events; i < n; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) != S_OK || e.method != MOCKMAPI_METHOD_RELEASE) continue;
        last_release = i;
        if (strstr(e.message, "IMAPISupport") != NULL) support_release = i;
    }
    CHECK(support_release != 0 && support_release == last_release, "the support object is released last");
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    mm_test_end();
}

static void fast_shutdown_calls_nothing_of_the_logon_objects(void) {
    prov xp, ab, ms;
    prov_init(&xp, &xp_vtbl, "xp");
    prov_init(&ab, &ab_vtbl, "ab");
    prov_init(&ms, &ms_vtbl, "ms");
    IMAPISession *s = start();
    if (s == NULL) return;
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_TRANSPORT, &xp), S_OK);
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, &ab), S_OK);
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_STORE, &ms), S_OK);
    XP_Release((LPXPPROVIDER)&xp);
    AB_Release((LPABPROVIDER)&ab);
    MS_Release((LPMSPROVIDER)&ms);
    IMAPIClientShutdown *cs = mm_client_shutdown(s);
    if (cs == NULL) return;
    CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->NotifyProcessShutdown(cs), S_OK);
    CHECK_HR(cs->lpVtbl->DoFastShutdown(cs), S_OK);
    const char *fast[] = {"xp.DoFastShutdown", "ab.DoFastShutdown", "ms.DoFastShutdown"};
    CHECK(log_in_order(fast, 3), "DoFastShutdown reached the three providers in order");
    int after_do = log_len;
    /* The client exits here; whatever else it does, the logon objects get nothing. */
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), MAPI_E_CALL_FAILED);
    cs->lpVtbl->Release(cs);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    CHECK_EQ(log_len, after_do);
    if (log_len != after_do) print_log();
    CHECK_EQ(xp.logon.refs, 1);
    CHECK_EQ(ms.mdb.refs, 1);
    /* The harness's teardown gives the references back. */
    mockmapi_reset();
    CHECK_EQ(xp.logon.refs, 0);
    CHECK_EQ(ab.logon.refs, 0);
    CHECK_EQ(ms.logon.refs, 0);
    CHECK_EQ(ms.mdb.refs, 0);
    CHECK(log_find("ms.Shutdown", 0) < 0, "no Shutdown after DoFastShutdown, even at reset");
    mm_test_end();
}

/* Every slot answers as its own method, in vtable order; the unmodelled ones say MAPI_E_NO_SUPPORT. */
static void every_support_slot_is_journaled_under_its_name(void) {
    static const char *const names[] = {
        "GetLastError", "GetMemAllocRoutines", "Subscribe", "Unsubscribe", "Notify", "ModifyStatusRow",
        "OpenProfileSection", "RegisterPreprocessor", "NewUID", "MakeInvalid", "SpoolerYield", "SpoolerNotify",
        "CreateOneOff", "SetProviderUID", "CompareEntryIDs", "OpenTemplateID", "OpenEntry", "GetOneOffTable",
        "Address", "Details", "NewEntry", "DoConfigPropsheet", "CopyMessages", "CopyFolder", "DoCopyTo",
        "DoCopyProps", "DoProgressDialog", "ReadReceipt", "PrepareSubmit", "ExpandRecips", "UpdatePAB",
        "DoSentMail", "OpenAddressBook", "Preprocess", "CompleteMsg", "StoreLogoffTransports", "StatusRecips",
        "WrapStoreEntryID", "ModifyProfile", "IStorageFromStream", "GetSvcConfigSupportObj"};
    prov ms;
    prov_init(&ms, &ms_vtbl, "ms");
    IMAPISession *s = start();
    if (s == NULL) return;
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_STORE, &ms), S_OK);
    LPMAPISUP sup = ms.sup;
    if (!CHECK(sup != NULL, "the store kept its support object")) return;
    mm_mark m = mm_mark_now();
    LPMAPIERROR err = (LPMAPIERROR)(uintptr_t)1;
    LPALLOCATEBUFFER ab;
    LPALLOCATEMORE am;
    LPFREEBUFFER fb;
    ULONG_PTR conn = 0;
    ULONG ul = 0;
    LPENTRYID eid = NULL;
    LPUNKNOWN unk = NULL;
    LPMAPIPROP prop = NULL;
    LPMAPITABLE table = NULL;
    LPADRLIST adr = NULL;
    LPMAPIPROGRESS progress = NULL;
    LPMESSAGE msg = NULL;
    LPADRBOOK adrbook = NULL;
    LPSTORAGE storage = NULL;
    LPMAPISUP sup2 = NULL;
    LPSPropProblemArray problems = NULL;
    LPPROFSECT ps = NULL;
    MAPIUID uid;
    int dummy = 0;
    CHECK_HR(sup->lpVtbl->GetLastError(sup, E_FAIL, 0, &err), S_OK);
    CHECK(err == NULL, "GetLastError: no extended information");
    CHECK_HR(sup->lpVtbl->GetMemAllocRoutines(sup, &ab, &am, &fb), S_OK);
    CHECK_HR(sup->lpVtbl->Subscribe(sup, NULL, 0, 0, NULL, &conn), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->Unsubscribe(sup, 1), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->Notify(sup, NULL, 0, NULL, &ul), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->ModifyStatusRow(sup, 0, NULL, STATUSROW_UPDATE), S_OK);
    CHECK_HR(sup->lpVtbl->OpenProfileSection(sup, NULL, 0, &ps), S_OK);
    if (ps) ps->lpVtbl->Release(ps);
    CHECK_HR(sup->lpVtbl->RegisterPreprocessor(sup, NULL, NULL, NULL, NULL, NULL, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->NewUID(sup, &uid), S_OK);
    CHECK_HR(sup->lpVtbl->MakeInvalid(sup, 0, &dummy, 1, 3), S_OK);
    CHECK_HR(sup->lpVtbl->SpoolerYield(sup, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->SpoolerNotify(sup, NOTIFY_READYTOSEND, NULL), S_OK);
    CHECK_HR(sup->lpVtbl->CreateOneOff(sup, NULL, NULL, NULL, 0, &ul, &eid), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->SetProviderUID(sup, &uid, 0), S_OK);
    CHECK_HR(sup->lpVtbl->CompareEntryIDs(sup, 0, NULL, 0, NULL, 0, &ul), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->OpenTemplateID(sup, 0, NULL, 0, NULL, NULL, &prop, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->OpenEntry(sup, 0, NULL, NULL, 0, &ul, &unk), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->GetOneOffTable(sup, 0, &table), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->Address(sup, &conn, NULL, &adr), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->Details(sup, &conn, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->NewEntry(sup, 0, 0, 0, NULL, 0, NULL, &ul, &eid), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->DoConfigPropsheet(sup, 0, 0, NULL, NULL, NULL, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->CopyMessages(sup, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->CopyFolder(sup, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->DoCopyTo(sup, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, 0, &problems),
             MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->DoCopyProps(sup, NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, &problems), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->DoProgressDialog(sup, 0, 0, &progress), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->ReadReceipt(sup, 0, NULL, &msg), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->PrepareSubmit(sup, NULL, &ul), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->ExpandRecips(sup, NULL, &ul), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->UpdatePAB(sup, 0, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->DoSentMail(sup, 0, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->OpenAddressBook(sup, NULL, 0, &adrbook), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->Preprocess(sup, 0, 0, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->CompleteMsg(sup, 0, 0, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->StoreLogoffTransports(sup, &ul), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->StatusRecips(sup, NULL, NULL), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->WrapStoreEntryID(sup, 0, NULL, &ul, &eid), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->ModifyProfile(sup, 0), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->IStorageFromStream(sup, NULL, NULL, 0, &storage), MAPI_E_NO_SUPPORT);
    CHECK_HR(sup->lpVtbl->GetSvcConfigSupportObj(sup, 0, &sup2), MAPI_E_NO_SUPPORT);

    /* The journal: one client call per slot, in order, each named and numbered as its slot, for the store. */
    size_t n = mockmapi_journal_count(), k = 0;
    for (size_t i = m.events; i < n; i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) != S_OK || e.event_type != MOCKMAPI_EVENT_CLIENT_CALL) continue;
        if (e.method < MOCKMAPI_METHOD_SUPPORT_FIRST) continue; /* the IPropData calls of OpenProfileSection */
        char want[64];
        snprintf(want, sizeof want, "IMAPISupport::%s", k < 41 ? names[k] : "?");
        if (!CHECK(k < 41 && strcmp(e.method_name, want) == 0 && e.method == MOCKMAPI_METHOD_SUPPORT_FIRST + k,
                   "support calls are journaled in slot order under their names"))
            fprintf(stderr, "  event %zu: %s (%u), expected %s\n", i, e.method_name, e.method, want);
        CHECK(e.provider_kind == MOCKMAPI_PROVIDER_STORE && strcmp(e.provider_name, "ms") == 0,
              "support calls carry the provider");
        k++;
    }
    CHECK_EQ(k, 41);
    CHECK_VIOLATIONS(m, 0, NULL);

    /* Bad input: a NULL out-parameter is a violation and E_INVALIDARG. */
    m = mm_mark_now();
    CHECK_HR(sup->lpVtbl->OpenProfileSection(sup, NULL, 0, NULL), E_INVALIDARG);
    CHECK_HR(sup->lpVtbl->NewUID(sup, NULL), E_INVALIDARG);
    CHECK_VIOLATIONS(m, 2, "is NULL");

    /* QueryInterface: IID_IMAPISup and IUnknown give the same object, AddRef'd. */
    LPUNKNOWN same = NULL;
    CHECK_HR(sup->lpVtbl->QueryInterface(sup, &iid_mapisup, (LPVOID *)&same), S_OK);
    CHECK(same == (LPUNKNOWN)sup, "QueryInterface(IID_IMAPISup) is the support object");
    if (same) same->lpVtbl->Release(same);
    CHECK_HR(sup->lpVtbl->QueryInterface(sup, &IID_IMAPISession, (LPVOID *)&same), E_NOINTERFACE);
    CHECK(same == NULL, "E_NOINTERFACE sets *ppv to NULL");

    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    mm_test_end();
}

static void failed_logon_is_returned_and_reported(void) {
    prov ab;
    prov_init(&ab, &ab_vtbl, "ab");
    ab.logon_hr = MAPI_E_LOGON_FAILED;
    IMAPISession *s = start();
    if (s == NULL) return;
    mm_mark m = mm_mark_now();
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, &ab), MAPI_E_LOGON_FAILED);
    CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_DIAGNOSTIC, "the provider is not logged on"), 1);
    AB_Release((LPABPROVIDER)&ab);
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    CHECK(log_find("ab.Logoff", 0) < 0, "no logon object, no Logoff");
    CHECK(log_find("ab.Shutdown", 0) >= 0 && log_find("ab.Release(0)", 0) >= 0,
          "the provider still gets Shutdown and Release");
    CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_PROVIDER_CALL, "IMAPISupport: reference count now 0"), 1);

    /* Bad arguments: nothing attached. */
    m = mm_mark_now();
    IMAPISession *s2 = mm_logon("logon");
    prov xp;
    prov_init(&xp, &xp_vtbl, "xp");
    if (s2 != NULL) {
        CHECK_HR(mockmapi_session_logon_provider(s2, 9, "xp", (IUnknown *)&xp, 0, NULL), E_INVALIDARG);
        CHECK_HR(mockmapi_session_logon_provider(s2, MOCKMAPI_PROVIDER_TRANSPORT, "xp", (IUnknown *)&xp, 2, NULL),
                 E_INVALIDARG);
        CHECK_HR(mockmapi_session_logon_provider(NULL, MOCKMAPI_PROVIDER_TRANSPORT, "xp", (IUnknown *)&xp, 0, NULL),
                 E_INVALIDARG);
        CHECK_EQ(xp.refs, 1);
        CHECK(log_find("xp.Logon", 0) < 0, "no logon on bad input");
        s2->lpVtbl->Logoff(s2, 0, 0, 0);
        s2->lpVtbl->Release(s2);
    }
    CHECK_VIOLATIONS(m, 3, NULL);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    mm_test_end();
}

/* Fault injection on the support object: OpenProfileSection fails for one provider, its logon fails with that
 * error; another provider is not affected; mockmapi_reset clears the setting. */
static void injected_support_failure_fails_the_logon(void) {
    prov ab, ms;
    prov_init(&ab, &ab_vtbl, "ab");
    prov_init(&ms, &ms_vtbl, "ms");
    CHECK_HR(mockmapi_support_set_result("ab", SUPPORT(9), MAPI_E_NOT_ENOUGH_MEMORY), S_OK);
    IMAPISession *s = start();
    if (s == NULL) return;
    mm_mark m = mm_mark_now();
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, &ab), MAPI_E_NOT_ENOUGH_MEMORY);
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_STORE, &ms), S_OK);
    CHECK_EQ(ms.profile_count, 4);
    CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_CLIENT_CALL, "injected by mockmapi_support_set_result"), 1);
    mockmapi_event_filter f;
    memset(&f, 0, sizeof f);
    f.event_type = MOCKMAPI_EVENT_CLIENT_CALL;
    f.method = SUPPORT(9);
    f.provider_name = "ab";
    f.check_hresult = 1;
    f.hresult = MAPI_E_NOT_ENOUGH_MEMORY;
    CHECK_EQ(mockmapi_journal_count_matching(&f), 1);
    /* Not a support method: refused. */
    CHECK_HR(mockmapi_support_set_result(NULL, MOCKMAPI_METHOD_LOGOFF, E_FAIL), E_INVALIDARG);
    CHECK_VIOLATIONS(m, 1, "not an IMAPISupport method");
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    mockmapi_reset();
    /* After a reset the setting is gone. */
    prov ab2;
    prov_init(&ab2, &ab_vtbl, "ab");
    s = start();
    if (s == NULL) return;
    CHECK_HR(logon_provider(s, MOCKMAPI_PROVIDER_ADDRESS_BOOK, &ab2), S_OK);
    CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
    s->lpVtbl->Release(s);
    MAPIUninitialize();
    mm_test_end();
}

int main(void) {
    init_vtables();
    init_profile();
    MM_RUN(normal_shutdown_logs_off_logon_objects_before_shutdown);
    MM_RUN(support_object_outlives_the_provider);
    MM_RUN(fast_shutdown_calls_nothing_of_the_logon_objects);
    MM_RUN(every_support_slot_is_journaled_under_its_name);
    MM_RUN(failed_logon_is_returned_and_reported);
    MM_RUN(injected_support_failure_fails_the_logon);
    return mm_finish("provider_logon");
}
