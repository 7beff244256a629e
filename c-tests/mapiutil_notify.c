// mockmapi-ctest: sdk
/*
 * Table notifications from C: an IMAPIAdviseSink written the SDK way (lpVtbl first, a static vtable) advised on
 * two views of one ITableData. HrModifyRow/HrDeleteRow/HrNotify tell each view what happened to the rows *it*
 * shows (TABLE_ROW_ADDED, TABLE_ROW_MODIFIED with propPrior, TABLE_ROW_DELETED, nothing for a row its
 * restriction hides), the row in the notification has the view's columns, HrModifyRows sends TABLE_CHANGED,
 * Unadvise stops them, a sink may call back into the table from OnNotify, and the views hold references: the
 * sink is released at Unadvise or view release, the view's CALLERRELEASE runs when it goes, and the table
 * lives until its last view is released.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_test.h"

/* ---- an advise sink in C ---------------------------------------------------------------------------------- */
typedef struct {
    const IMAPIAdviseSinkVtbl *lpVtbl;
    LONG refs;
    int count;
    ULONG last_event;
    LONG last_index;
    ULONG last_prior_tag;
    LONG last_prior;
    ULONG last_cvalues;
    char last_name[32];
    LPMAPITABLE reenter; /* if set, OnNotify reads the row count through this view */
    ULONG reentered_count;
} sink_t;

static HRESULT STDMETHODCALLTYPE sink_qi(IMAPIAdviseSink *This, REFIID riid, LPVOID *ppv) {
    (void)This;
    (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE sink_addref(IMAPIAdviseSink *This) { return (ULONG)++((sink_t *)This)->refs; }
static ULONG STDMETHODCALLTYPE sink_release(IMAPIAdviseSink *This) { return (ULONG)--((sink_t *)This)->refs; }
static ULONG STDMETHODCALLTYPE sink_on_notify(IMAPIAdviseSink *This, ULONG cNotif, LPNOTIFICATION lpNotifications) {
    sink_t *s = (sink_t *)This;
    CHECK_EQ(cNotif, 1);
    CHECK_EQ(lpNotifications->ulEventType, fnevTableModified);
    TABLE_NOTIFICATION *tab = &lpNotifications->info.tab;
    s->count++;
    s->last_event = tab->ulTableEvent;
    s->last_index = tab->propIndex.ulPropTag == PR_ROWID ? tab->propIndex.Value.l : -1;
    s->last_prior_tag = tab->propPrior.ulPropTag;
    s->last_prior = tab->propPrior.ulPropTag == PR_ROWID ? tab->propPrior.Value.l : -1;
    s->last_cvalues = tab->row.cValues;
    s->last_name[0] = 0;
    LPSPropValue name = PpropFindProp(tab->row.lpProps, tab->row.cValues, PR_DISPLAY_NAME_A);
    if (name) snprintf(s->last_name, sizeof s->last_name, "%s", name->Value.lpszA);
    if (s->reenter) CHECK_HR(s->reenter->lpVtbl->GetRowCount(s->reenter, 0, &s->reentered_count), S_OK);
    return 0;
}
static const IMAPIAdviseSinkVtbl SINK_VTBL = {sink_qi, sink_addref, sink_release, sink_on_notify};

static void sink_init(sink_t *s) {
    memset(s, 0, sizeof *s);
    s->lpVtbl = &SINK_VTBL;
    s->refs = 1;
}

/* ---- CALLERRELEASE ------------------------------------------------------------------------------------------ */
static ULONG_PTR released_with;
static void STDAPICALLTYPE on_view_release(ULONG_PTR ulCallerData, LPTABLEDATA lpTblData, LPMAPITABLE lpVue) {
    (void)lpTblData;
    (void)lpVue;
    released_with = ulCallerData;
}

static LPTABLEDATA td;

static void modify(LONG id, const char *name) {
    SPropValue v[3];
    memset(v, 0, sizeof v);
    v[0].ulPropTag = PR_ROWID;
    v[0].Value.l = id;
    v[1].ulPropTag = PR_DISPLAY_NAME_A;
    v[1].Value.lpszA = (LPSTR)name;
    v[2].ulPropTag = PR_COMMENT_A;
    v[2].Value.lpszA = (LPSTR) "not a column";
    SRow row = {0, 3, v};
    CHECK_HR(td->lpVtbl->HrModifyRow(td, &row), S_OK);
}

static void delete_row(LONG id) {
    SPropValue key;
    memset(&key, 0, sizeof key);
    key.ulPropTag = PR_ROWID;
    key.Value.l = id;
    CHECK_HR(td->lpVtbl->HrDeleteRow(td, &key), S_OK);
}

int main(void) {
    MAPIINIT_0 init = {MAPI_INIT_VERSION, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    SizedSPropTagArray(2, cols) = {2, {PR_ROWID, PR_DISPLAY_NAME_A}};
    CHECK_HR(CreateTable(NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, NULL, TBLTYPE_DYNAMIC, PR_ROWID,
                         (LPSPropTagArray)&cols, &td),
             S_OK);
    modify(1, "carol");
    modify(2, "alice");

    /* View A: everything, sorted by name. View B: only names starting with "a". */
    SizedSSortOrderSet(1, by_name) = {1, 0, 0, {{PR_DISPLAY_NAME_A, TABLE_SORT_ASCEND}}};
    LPMAPITABLE a = NULL, b = NULL;
    CHECK_HR(td->lpVtbl->HrGetView(td, (LPSSortOrderSet)&by_name, on_view_release, 0xA, &a), S_OK);
    CHECK_HR(td->lpVtbl->HrGetView(td, NULL, on_view_release, 0xB, &b), S_OK);
    SPropValue prefix;
    SRestriction starts_a;
    memset(&prefix, 0, sizeof prefix);
    memset(&starts_a, 0, sizeof starts_a);
    prefix.ulPropTag = PR_DISPLAY_NAME_A;
    prefix.Value.lpszA = (LPSTR) "a";
    starts_a.rt = RES_CONTENT;
    starts_a.res.resContent.ulFuzzyLevel = FL_PREFIX;
    starts_a.res.resContent.ulPropTag = PR_DISPLAY_NAME_A;
    starts_a.res.resContent.lpProp = &prefix;
    CHECK_HR(b->lpVtbl->Restrict(b, &starts_a, 0), S_OK);

    sink_t sa, sb;
    sink_init(&sa);
    sink_init(&sb);
    ULONG_PTR ca = 0, cb = 0;
    CHECK_HR(a->lpVtbl->Advise(a, fnevTableModified, (LPMAPIADVISESINK)&sa, &ca), S_OK);
    CHECK_HR(b->lpVtbl->Advise(b, fnevTableModified, (LPMAPIADVISESINK)&sb, &cb), S_OK);
    CHECK(ca != 0 && cb != 0 && ca != cb, "distinct connections");
    CHECK_EQ(sa.refs, 2); /* the view holds the sink */

    /* A new row "bob": A shows it after "alice" (prior = 2); B's restriction hides it. */
    modify(3, "bob");
    CHECK_EQ(sa.count, 1);
    CHECK_EQ(sa.last_event, TABLE_ROW_ADDED);
    CHECK_EQ(sa.last_index, 3);
    CHECK_EQ(sa.last_prior, 2);
    CHECK_EQ(sa.last_cvalues, 2); /* the view's columns, not the row's three values */
    CHECK(strcmp(sa.last_name, "bob") == 0, "the new row's values");
    CHECK_EQ(sb.count, 0);

    /* "aaron" sorts first in A: propPrior is PR_NULL. B shows it too. */
    modify(4, "aaron");
    CHECK_EQ(sa.last_event, TABLE_ROW_ADDED);
    CHECK_EQ(sa.last_prior_tag, PR_NULL);
    CHECK_EQ(sb.count, 1);
    CHECK_EQ(sb.last_event, TABLE_ROW_ADDED);
    CHECK_EQ(sb.last_index, 4);

    /* Renaming "bob" to "abe": modified in A, added in B. Renaming "alice" to "zed": modified in A, deleted
     * from B (it no longer passes B's restriction). */
    modify(3, "abe");
    CHECK_EQ(sa.last_event, TABLE_ROW_MODIFIED);
    CHECK(strcmp(sa.last_name, "abe") == 0, "the row's new values");
    CHECK_EQ(sa.last_prior, 4);
    CHECK_EQ(sb.last_event, TABLE_ROW_ADDED);
    modify(2, "zed");
    CHECK_EQ(sa.last_event, TABLE_ROW_MODIFIED);
    CHECK_EQ(sb.last_event, TABLE_ROW_DELETED);
    CHECK_EQ(sb.last_index, 2);

    /* HrNotify: a modification notice for a row whose data did not change. */
    int before = sa.count;
    SPropValue key;
    memset(&key, 0, sizeof key);
    key.ulPropTag = PR_ROWID;
    key.Value.l = 1;
    CHECK_HR(td->lpVtbl->HrNotify(td, 0, 1, &key), S_OK);
    CHECK_EQ(sa.count, before + 1);
    CHECK_EQ(sa.last_event, TABLE_ROW_MODIFIED);
    CHECK_EQ(sa.last_index, 1);

    /* A sink may call back into the table from OnNotify (no lock is held). */
    sa.reenter = a;
    delete_row(1);
    CHECK_EQ(sa.last_event, TABLE_ROW_DELETED);
    CHECK_EQ(sa.last_index, 1);
    CHECK_EQ(sa.reentered_count, 3);
    sa.reenter = NULL;

    /* Bulk changes: one TABLE_CHANGED per view. */
    int ca_before = sa.count, cb_before = sb.count;
    SPropValue v[2];
    memset(v, 0, sizeof v);
    v[0].ulPropTag = PR_ROWID;
    v[0].Value.l = 9;
    v[1].ulPropTag = PR_DISPLAY_NAME_A;
    v[1].Value.lpszA = (LPSTR) "ann";
    SRowSet set = {1, {{0, 2, v}}};
    CHECK_HR(td->lpVtbl->HrModifyRows(td, 0, &set), S_OK);
    CHECK_EQ(sa.count, ca_before + 1);
    CHECK_EQ(sa.last_event, TABLE_CHANGED);
    CHECK_EQ(sb.count, cb_before + 1);

    /* Unadvise: no more notifications, the sink is released; an unknown connection is MAPI_E_NOT_FOUND. */
    CHECK_HR(a->lpVtbl->Unadvise(a, ca), S_OK);
    CHECK_EQ(sa.refs, 1);
    CHECK_HR(a->lpVtbl->Unadvise(a, ca), MAPI_E_NOT_FOUND);
    before = sa.count;
    delete_row(9);
    CHECK_EQ(sa.count, before);
    CHECK_EQ(sb.last_event, TABLE_ROW_DELETED);

    /* Bad Advise input. */
    size_t violations = mockmapi_violation_count();
    CHECK_HR(a->lpVtbl->Advise(a, fnevTableModified, NULL, &ca), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(a->lpVtbl->Advise(a, fnevNewMail, (LPMAPIADVISESINK)&sa, &ca), MAPI_E_INVALID_PARAMETER);
    CHECK_EQ(mockmapi_violation_count(), violations + 2);
    CHECK_EQ(sa.refs, 1);

    /* The views keep the table alive; releasing a view releases its sinks and calls its CALLERRELEASE. */
    CHECK_EQ(td->lpVtbl->Release(td), 2);
    CHECK_EQ(a->lpVtbl->Release(a), 0);
    CHECK_EQ(released_with, 0xA);
    CHECK_EQ(sb.refs, 2);
    CHECK_EQ(b->lpVtbl->Release(b), 0);
    CHECK_EQ(released_with, 0xB);
    CHECK_EQ(sb.refs, 1);

    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    MAPIUninitialize();
    return mm_finish("mapiutil_notify");
}
