// mockmapi-ctest: sdk
/*
 * CreateTable from C, the way providers build their contents and hierarchy tables: rows added with HrModifyRow,
 * an IMAPITable view from HrGetView, and every documented view operation — SetColumns/QueryColumns, QueryRows
 * (forward, backward, TBL_NOADVANCE), GetRowCount, SeekRow/SeekRowApprox/QueryPosition, bookmarks, FindRow,
 * Restrict with each restriction kind, SortTable on one and two keys — then HrQueryAllRows and FreeProws, and
 * ITableData's own HrQueryRow/HrEnumRow/HrInsertRow/HrDeleteRows. Every buffer comes from MAPIAllocateBuffer
 * and is freed, so the leak report (and valgrind in CI) stays empty.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_test.h"

#define PR_KEYWORDS_A PROP_TAG(PT_MV_STRING8, 0x6701)
#define PR_MISSING PROP_TAG(PT_LONG, 0x6702)

static LPTABLEDATA td;

/* How many client calls of this MAPI function the journal holds. */
static size_t client_calls(const char *name) {
    size_t n = 0;
    for (size_t i = 0; i < mockmapi_journal_count(); i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_CLIENT_CALL &&
            strcmp(e.method_name, name) == 0)
            n++;
    }
    return n;
}

typedef struct {
    LONG id;
    const char *name;
    LONG size;
    LONG flags;
} row_spec;

/* The data, in insertion order. Sizes and flags chosen so each restriction below selects a distinct set. */
static const row_spec ROWS[] = {
    {1, "carol", 300, 0x1}, {2, "alice", 100, 0x2}, {3, "Bob", 200, 0x3}, {4, "dave", 100, 0x0}, {5, "Eve", 500, 0x6},
};
#define NROWS (sizeof(ROWS) / sizeof(ROWS[0]))

static void put_row(const row_spec *r, int with_keywords) {
    static char red[] = "red", blue[] = "blue";
    static char *kw[] = {red, blue};
    SPropValue v[5];
    memset(v, 0, sizeof v);
    v[0].ulPropTag = PR_ROWID;
    v[0].Value.l = r->id;
    v[1].ulPropTag = PR_DISPLAY_NAME_A;
    v[1].Value.lpszA = (LPSTR)r->name;
    v[2].ulPropTag = PR_MESSAGE_SIZE;
    v[2].Value.l = r->size;
    v[3].ulPropTag = PR_MESSAGE_FLAGS;
    v[3].Value.l = r->flags;
    v[4].ulPropTag = PR_KEYWORDS_A;
    v[4].Value.MVszA.cValues = 2;
    v[4].Value.MVszA.lppszA = kw;
    SRow row = {0, with_keywords ? 5u : 4u, v};
    CHECK_HR(td->lpVtbl->HrModifyRow(td, &row), S_OK);
}

/* The PR_ROWID of each row of a row set, as a string like "3 2 1", then FreeProws. */
static const char *ids_of(LPSRowSet rows) {
    static char buf[128];
    buf[0] = 0;
    if (rows == NULL) return "(null)";
    for (ULONG i = 0; i < rows->cRows; i++) {
        LPSPropValue id = PpropFindProp(rows->aRow[i].lpProps, rows->aRow[i].cValues, PR_ROWID);
        char one[16];
        snprintf(one, sizeof one, "%s%ld", i ? " " : "", id ? (long)id->Value.l : -1L);
        strcat(buf, one);
    }
    FreeProws(rows);
    return buf;
}

#define CHECK_IDS(rows_expr, want)                                                                           \
    do {                                                                                                     \
        const char *got_ = ids_of(rows_expr);                                                                \
        if (!CHECK(strcmp(got_, (want)) == 0, "row order")) fprintf(stderr, "  got \"%s\", want \"%s\"\n", got_, (want)); \
    } while (0)

static LPSRowSet query(LPMAPITABLE t, LONG n, ULONG flags) {
    LPSRowSet rows = NULL;
    CHECK_HR(t->lpVtbl->QueryRows(t, n, flags, &rows), S_OK);
    return rows;
}

/* All rows of a view that pass `res`, from the beginning. */
static LPSRowSet restricted(LPMAPITABLE t, LPSRestriction res) {
    CHECK_HR(t->lpVtbl->Restrict(t, res, 0), S_OK);
    return query(t, 100, 0);
}

static void restrictions(LPMAPITABLE t) {
    SPropValue v;
    SRestriction r, sub[3];
    memset(&v, 0, sizeof v);
    memset(&r, 0, sizeof r);
    memset(sub, 0, sizeof sub);

    /* RES_PROPERTY, each relational operator. */
    v.ulPropTag = PR_MESSAGE_SIZE;
    v.Value.l = 200;
    r.rt = RES_PROPERTY;
    r.res.resProperty.ulPropTag = PR_MESSAGE_SIZE;
    r.res.resProperty.lpProp = &v;
    r.res.resProperty.relop = RELOP_LT;
    CHECK_IDS(restricted(t, &r), "2 4");
    r.res.resProperty.relop = RELOP_LE;
    CHECK_IDS(restricted(t, &r), "2 3 4");
    r.res.resProperty.relop = RELOP_GT;
    CHECK_IDS(restricted(t, &r), "1 5");
    r.res.resProperty.relop = RELOP_GE;
    CHECK_IDS(restricted(t, &r), "1 3 5");
    r.res.resProperty.relop = RELOP_EQ;
    CHECK_IDS(restricted(t, &r), "3");
    r.res.resProperty.relop = RELOP_NE;
    CHECK_IDS(restricted(t, &r), "1 2 4 5");
    r.res.resProperty.relop = RELOP_RE;
    CHECK_HR(t->lpVtbl->Restrict(t, &r, 0), MAPI_E_TOO_COMPLEX);
    r.res.resProperty.relop = 99;
    CHECK_HR(t->lpVtbl->Restrict(t, &r, 0), MAPI_E_INVALID_PARAMETER);

    /* Strings compare without case; a property the row lacks fails the test. */
    v.ulPropTag = PR_DISPLAY_NAME_A;
    v.Value.lpszA = (LPSTR) "BOB";
    r.res.resProperty.ulPropTag = PR_DISPLAY_NAME_A;
    r.res.resProperty.relop = RELOP_EQ;
    CHECK_IDS(restricted(t, &r), "3");
    v.ulPropTag = PR_MISSING;
    v.Value.l = 0;
    r.res.resProperty.ulPropTag = PR_MISSING;
    r.res.resProperty.relop = RELOP_NE;
    CHECK_IDS(restricted(t, &r), "");

    /* RES_PROPERTY on a multi-valued column: any value matches (only row 5 has keywords). */
    v.ulPropTag = PROP_TAG(PT_STRING8, PROP_ID(PR_KEYWORDS_A));
    v.Value.lpszA = (LPSTR) "Blue";
    r.res.resProperty.ulPropTag = v.ulPropTag;
    r.res.resProperty.relop = RELOP_EQ;
    CHECK_IDS(restricted(t, &r), "5");

    /* RES_CONTENT: full string, substring, prefix, with and without FL_IGNORECASE. */
    memset(&r, 0, sizeof r);
    v.ulPropTag = PR_DISPLAY_NAME_A;
    v.Value.lpszA = (LPSTR) "E";
    r.rt = RES_CONTENT;
    r.res.resContent.ulPropTag = PR_DISPLAY_NAME_A;
    r.res.resContent.lpProp = &v;
    r.res.resContent.ulFuzzyLevel = FL_SUBSTRING;
    CHECK_IDS(restricted(t, &r), "5");
    r.res.resContent.ulFuzzyLevel = FL_SUBSTRING | FL_IGNORECASE;
    CHECK_IDS(restricted(t, &r), "2 4 5");
    r.res.resContent.ulFuzzyLevel = FL_PREFIX | FL_IGNORECASE;
    CHECK_IDS(restricted(t, &r), "5");
    v.Value.lpszA = (LPSTR) "dave";
    r.res.resContent.ulFuzzyLevel = FL_FULLSTRING;
    CHECK_IDS(restricted(t, &r), "4");

    /* RES_BITMASK. */
    memset(&r, 0, sizeof r);
    r.rt = RES_BITMASK;
    r.res.resBitMask.ulPropTag = PR_MESSAGE_FLAGS;
    r.res.resBitMask.ulMask = 0x2;
    r.res.resBitMask.relBMR = BMR_NEZ;
    CHECK_IDS(restricted(t, &r), "2 3 5");
    r.res.resBitMask.relBMR = BMR_EQZ;
    CHECK_IDS(restricted(t, &r), "1 4");

    /* RES_SIZE: the size of PR_DISPLAY_NAME_A with its NUL ("Bob", "Eve": 4 bytes). */
    memset(&r, 0, sizeof r);
    r.rt = RES_SIZE;
    r.res.resSize.ulPropTag = PR_DISPLAY_NAME_A;
    r.res.resSize.relop = RELOP_EQ;
    r.res.resSize.cb = 4;
    CHECK_IDS(restricted(t, &r), "3 5");

    /* RES_EXIST. */
    memset(&r, 0, sizeof r);
    r.rt = RES_EXIST;
    r.res.resExist.ulPropTag = PR_KEYWORDS_A;
    CHECK_IDS(restricted(t, &r), "5");

    /* RES_COMPAREPROPS: size compared with flags * 100. Rows whose size exceeds their own flags: all but none
     * equal; use RELOP_GT between PR_MESSAGE_SIZE and PR_MESSAGE_FLAGS (always true here) and EQ (never). */
    memset(&r, 0, sizeof r);
    r.rt = RES_COMPAREPROPS;
    r.res.resCompareProps.ulPropTag1 = PR_MESSAGE_SIZE;
    r.res.resCompareProps.ulPropTag2 = PR_MESSAGE_FLAGS;
    r.res.resCompareProps.relop = RELOP_GT;
    CHECK_IDS(restricted(t, &r), "1 2 3 4 5");
    r.res.resCompareProps.relop = RELOP_EQ;
    CHECK_IDS(restricted(t, &r), "");
    r.res.resCompareProps.ulPropTag2 = PR_MISSING;
    r.res.resCompareProps.relop = RELOP_NE;
    CHECK_IDS(restricted(t, &r), "");

    /* RES_AND / RES_OR / RES_NOT over size = 100 and flags bit 1. */
    SPropValue hundred;
    memset(&hundred, 0, sizeof hundred);
    hundred.ulPropTag = PR_MESSAGE_SIZE;
    hundred.Value.l = 100;
    sub[0].rt = RES_PROPERTY;
    sub[0].res.resProperty.relop = RELOP_EQ;
    sub[0].res.resProperty.ulPropTag = PR_MESSAGE_SIZE;
    sub[0].res.resProperty.lpProp = &hundred;
    sub[1].rt = RES_BITMASK;
    sub[1].res.resBitMask.relBMR = BMR_NEZ;
    sub[1].res.resBitMask.ulPropTag = PR_MESSAGE_FLAGS;
    sub[1].res.resBitMask.ulMask = 0x1;
    memset(&r, 0, sizeof r);
    r.rt = RES_AND;
    r.res.resAnd.cRes = 2;
    r.res.resAnd.lpRes = sub;
    CHECK_IDS(restricted(t, &r), "");
    r.rt = RES_OR;
    CHECK_IDS(restricted(t, &r), "1 2 3 4");
    sub[2].rt = RES_NOT;
    sub[2].res.resNot.lpRes = &r;
    CHECK_IDS(restricted(t, &sub[2]), "5");

    /* RES_COMMENT: its sub-restriction decides; without one every row passes. */
    SRestriction comment;
    memset(&comment, 0, sizeof comment);
    comment.rt = RES_COMMENT;
    comment.res.resComment.lpRes = &sub[0];
    CHECK_IDS(restricted(t, &comment), "2 4");
    comment.res.resComment.lpRes = NULL;
    CHECK_IDS(restricted(t, &comment), "1 2 3 4 5");

    /* RES_SUBRESTRICTION: a table row has no recipients or attachments, so none of them matches; NOT of it
     * holds for every row. */
    SRestriction subobject, not_subobject;
    memset(&subobject, 0, sizeof subobject);
    subobject.rt = RES_SUBRESTRICTION;
    subobject.res.resSub.ulSubObject = PR_MESSAGE_RECIPIENTS;
    subobject.res.resSub.lpRes = &sub[0];
    CHECK_IDS(restricted(t, &subobject), "");
    subobject.res.resSub.ulSubObject = PR_MESSAGE_ATTACHMENTS;
    memset(&not_subobject, 0, sizeof not_subobject);
    not_subobject.rt = RES_NOT;
    not_subobject.res.resNot.lpRes = &subobject;
    CHECK_IDS(restricted(t, &not_subobject), "1 2 3 4 5");

    /* RES_COUNT: the first ulCount rows, in the view's order, that satisfy its restriction (size = 100: 2, 4). */
    SRestriction counted;
    memset(&counted, 0, sizeof counted);
    counted.rt = RES_COUNT;
    counted.res.resCount.ulCount = 1;
    counted.res.resCount.lpRes = &sub[0];
    CHECK_IDS(restricted(t, &counted), "2");
    CHECK_IDS(restricted(t, &counted), "2"); /* each evaluation counts from zero */
    counted.res.resCount.ulCount = 0;
    CHECK_IDS(restricted(t, &counted), "");
    counted.res.resCount.ulCount = 10;
    CHECK_IDS(restricted(t, &counted), "2 4");
    SizedSSortOrderSet(1, by_name_desc) = {1, 0, 0, {{PR_DISPLAY_NAME_A, TABLE_SORT_DESCEND}}};
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&by_name_desc, 0), S_OK);
    counted.res.resCount.ulCount = 1;
    CHECK_IDS(restricted(t, &counted), "4"); /* sorted by name descending, "dave" (4) comes before "alice" (2) */
    by_name_desc.cSorts = 0; /* back to the data order */
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&by_name_desc, 0), S_OK);
    CHECK_IDS(restricted(t, &comment), "1 2 3 4 5"); /* every row again, for the checks below */

    /* Malformed trees: refused, the view unchanged. */
    size_t violations = mockmapi_violation_count();
    memset(&r, 0, sizeof r);
    r.rt = RES_SUBRESTRICTION;
    r.res.resSub.ulSubObject = PR_DISPLAY_NAME_A; /* neither recipients nor attachments */
    r.res.resSub.lpRes = &sub[0];
    CHECK_HR(t->lpVtbl->Restrict(t, &r, 0), MAPI_E_INVALID_PARAMETER);
    r.rt = RES_AND;
    r.res.resAnd.cRes = 1;
    r.res.resAnd.lpRes = NULL;
    CHECK_HR(t->lpVtbl->Restrict(t, &r, 0), MAPI_E_INVALID_PARAMETER);
    r.rt = 77;
    CHECK_HR(t->lpVtbl->Restrict(t, &r, 0), MAPI_E_INVALID_PARAMETER);
    CHECK(mockmapi_violation_count() == violations + 3, "each malformed restriction is a violation");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_DIAGNOSTIC, "RELOP_RE"), "an unsupported operator is a diagnostic");
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_BEGINNING, 0, NULL), S_OK);
    CHECK_IDS(query(t, 100, 0), "1 2 3 4 5");

    /* NULL removes the restriction. */
    CHECK_HR(t->lpVtbl->Restrict(t, NULL, 0), S_OK);
    ULONG count = 0;
    CHECK_HR(t->lpVtbl->GetRowCount(t, 0, &count), S_OK);
    CHECK_EQ(count, NROWS);
}

static void sorting(LPMAPITABLE t) {
    SizedSSortOrderSet(2, sort) = {1, 0, 0, {{PR_DISPLAY_NAME_A, TABLE_SORT_ASCEND}, {0, 0}}};
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), S_OK);
    CHECK_IDS(query(t, 100, 0), "2 3 1 4 5");
    sort.aSort[0].ulOrder = TABLE_SORT_DESCEND;
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), S_OK);
    CHECK_IDS(query(t, 100, 0), "5 4 1 3 2");
    /* Two keys: size ascending, then name descending among equal sizes (2 "alice" and 4 "dave"). */
    sort.cSorts = 2;
    sort.aSort[0].ulPropTag = PR_MESSAGE_SIZE;
    sort.aSort[0].ulOrder = TABLE_SORT_ASCEND;
    sort.aSort[1].ulPropTag = PR_DISPLAY_NAME_A;
    sort.aSort[1].ulOrder = TABLE_SORT_DESCEND;
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), S_OK);
    CHECK_IDS(query(t, 100, 0), "4 2 3 1 5");
    LPSSortOrderSet back = NULL;
    CHECK_HR(t->lpVtbl->QuerySortOrder(t, &back), S_OK);
    const SSortOrder *back_sorts = back ? back->aSort : NULL; /* a variable index: aSort[MAPI_DIM] is really cSorts long */
    CHECK(back && back->cSorts == 2 && back_sorts[1].ulPropTag == PR_DISPLAY_NAME_A, "QuerySortOrder");
    MAPIFreeBuffer(back);
    /* Categories are not supported; an unknown order is invalid. */
    sort.cCategories = 1;
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), MAPI_E_TOO_COMPLEX);
    sort.cCategories = 0;
    sort.aSort[0].ulOrder = 9;
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), MAPI_E_INVALID_PARAMETER);
    /* An empty sort order: data order again. */
    sort.cSorts = 0;
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet)&sort, 0), S_OK);
    CHECK_IDS(query(t, 100, 0), "1 2 3 4 5");
}

static void positioning(LPMAPITABLE t) {
    LONG sought = 0;
    ULONG row = 0, num = 0, den = 0;
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_BEGINNING, 0, NULL), S_OK);
    CHECK_IDS(query(t, 2, 0), "1 2");
    CHECK_IDS(query(t, 2, TBL_NOADVANCE), "3 4");
    CHECK_IDS(query(t, -2, 0), "1 2");
    CHECK_HR(t->lpVtbl->QueryPosition(t, &row, &num, &den), S_OK);
    CHECK_EQ(row, 0);
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_CURRENT, 3, &sought), S_OK);
    CHECK_EQ(sought, 3);
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_CURRENT, 10, &sought), S_OK);
    CHECK_EQ(sought, 2); /* clamped at the end */
    CHECK_IDS(query(t, 5, 0), "");
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_END, -1, &sought), S_OK);
    CHECK_EQ((ULONG)sought, (ULONG)-1);
    CHECK_HR(t->lpVtbl->QueryPosition(t, &row, &num, &den), S_OK);
    CHECK(row == 4 && num == 4 && den == 5, "QueryPosition at the last row");
    CHECK_HR(t->lpVtbl->SeekRowApprox(t, 2, 5), S_OK);
    CHECK_IDS(query(t, 1, 0), "3");
    CHECK_HR(t->lpVtbl->SeekRowApprox(t, 1, 0), MAPI_E_INVALID_PARAMETER);

    /* Bookmarks. */
    BOOKMARK bk = 0;
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_BEGINNING, 1, NULL), S_OK);
    CHECK_HR(t->lpVtbl->CreateBookmark(t, &bk), S_OK);
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_END, 0, NULL), S_OK);
    CHECK_HR(t->lpVtbl->SeekRow(t, bk, 1, &sought), S_OK);
    CHECK_IDS(query(t, 1, 0), "3");
    CHECK_HR(t->lpVtbl->FreeBookmark(t, bk), S_OK);
    CHECK_HR(t->lpVtbl->SeekRow(t, bk, 0, NULL), MAPI_E_INVALID_BOOKMARK);

    /* FindRow: forward from the beginning, backward from the end, not found. */
    SPropValue v;
    SRestriction r;
    memset(&v, 0, sizeof v);
    memset(&r, 0, sizeof r);
    v.ulPropTag = PR_MESSAGE_SIZE;
    v.Value.l = 100;
    r.rt = RES_PROPERTY;
    r.res.resProperty.relop = RELOP_EQ;
    r.res.resProperty.ulPropTag = PR_MESSAGE_SIZE;
    r.res.resProperty.lpProp = &v;
    CHECK_HR(t->lpVtbl->FindRow(t, &r, BOOKMARK_BEGINNING, 0), S_OK);
    CHECK_IDS(query(t, 1, TBL_NOADVANCE), "2");
    CHECK_HR(t->lpVtbl->FindRow(t, &r, BOOKMARK_END, DIR_BACKWARD), S_OK);
    CHECK_IDS(query(t, 1, TBL_NOADVANCE), "4");
    v.Value.l = 12345;
    CHECK_HR(t->lpVtbl->FindRow(t, &r, BOOKMARK_BEGINNING, 0), MAPI_E_NOT_FOUND);
}

static void columns(LPMAPITABLE t) {
    SizedSPropTagArray(3, cols) = {3, {PR_DISPLAY_NAME_A, PR_MISSING, PR_ROWID}};
    CHECK_HR(t->lpVtbl->SetColumns(t, (LPSPropTagArray)&cols, 0), S_OK);
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_BEGINNING, 0, NULL), S_OK);
    LPSRowSet rows = query(t, 1, 0);
    if (CHECK(rows && rows->cRows == 1 && rows->aRow[0].cValues == 3, "one row of three columns")) {
        LPSPropValue p = rows->aRow[0].lpProps;
        CHECK(p[0].ulPropTag == PR_DISPLAY_NAME_A && strcmp(p[0].Value.lpszA, "carol") == 0, "column 1");
        CHECK(p[1].ulPropTag == CHANGE_PROP_TYPE(PR_MISSING, PT_ERROR) && p[1].Value.err == MAPI_E_NOT_FOUND,
              "a column the row lacks is PT_ERROR / MAPI_E_NOT_FOUND");
        CHECK(p[2].ulPropTag == PR_ROWID && p[2].Value.l == 1, "column 3");
    }
    FreeProws(rows);
    LPSPropTagArray got = NULL;
    CHECK_HR(t->lpVtbl->QueryColumns(t, 0, &got), S_OK);
    const ULONG *got_tags = got ? got->aulPropTag : NULL; /* aulPropTag[MAPI_DIM] is really cValues long */
    CHECK(got && got->cValues == 3 && got_tags[1] == PR_MISSING, "QueryColumns gives the columns set");
    MAPIFreeBuffer(got);
    got = NULL;
    CHECK_HR(t->lpVtbl->QueryColumns(t, TBL_ALL_COLUMNS, &got), S_OK);
    int has_keywords = 0;
    for (ULONG i = 0; got && i < got->cValues; i++) has_keywords |= got->aulPropTag[i] == PR_KEYWORDS_A;
    CHECK(has_keywords, "TBL_ALL_COLUMNS lists every column the rows hold");
    MAPIFreeBuffer(got);
    size_t violations = mockmapi_violation_count();
    CHECK_HR(t->lpVtbl->SetColumns(t, NULL, 0), MAPI_E_INVALID_PARAMETER);
    CHECK(mockmapi_violation_count() == violations + 1, "SetColumns(NULL) is a violation");
    SizedSPropTagArray(4, all) = {4, {PR_ROWID, PR_DISPLAY_NAME_A, PR_MESSAGE_SIZE, PR_MESSAGE_FLAGS}};
    CHECK_HR(t->lpVtbl->SetColumns(t, (LPSPropTagArray)&all, 0), S_OK);
}

static void query_all_rows(LPMAPITABLE t) {
    /* Columns, restriction and sort in one call; the rows come from the beginning whatever the cursor. */
    SizedSPropTagArray(2, cols) = {2, {PR_ROWID, PR_MESSAGE_SIZE}};
    SizedSSortOrderSet(1, sort) = {1, 0, 0, {{PR_MESSAGE_SIZE, TABLE_SORT_DESCEND}}};
    SPropValue v;
    SRestriction r;
    memset(&v, 0, sizeof v);
    memset(&r, 0, sizeof r);
    v.ulPropTag = PR_MESSAGE_SIZE;
    v.Value.l = 200;
    r.rt = RES_PROPERTY;
    r.res.resProperty.relop = RELOP_GE;
    r.res.resProperty.ulPropTag = PR_MESSAGE_SIZE;
    r.res.resProperty.lpProp = &v;
    CHECK_HR(t->lpVtbl->SeekRow(t, BOOKMARK_END, 0, NULL), S_OK);
    LPSRowSet rows = NULL;
    CHECK_HR(HrQueryAllRows(t, (LPSPropTagArray)&cols, &r, (LPSSortOrderSet)&sort, 0, &rows), S_OK);
    if (CHECK(rows && rows->cRows == 3 && rows->aRow[0].cValues == 2, "three rows of two columns"))
        CHECK(rows->aRow[0].lpProps[1].Value.l == 500, "largest first");
    CHECK_IDS(rows, "5 1 3");
    /* crowsMax: enough, and too few. */
    rows = NULL;
    CHECK_HR(HrQueryAllRows(t, NULL, NULL, NULL, 3, &rows), S_OK);
    CHECK_IDS(rows, "5 1 3");
    rows = (LPSRowSet)0x1;
    CHECK_HR(HrQueryAllRows(t, NULL, NULL, NULL, 2, &rows), MAPI_E_TABLE_TOO_BIG);
    CHECK(rows == (LPSRowSet)0x1, "lppRows untouched on failure");
    /* An empty result is a row set with no rows, still freed with FreeProws. */
    v.Value.l = 100000;
    rows = NULL;
    CHECK_HR(HrQueryAllRows(t, NULL, &r, NULL, 0, &rows), S_OK);
    CHECK(rows && rows->cRows == 0, "no rows");
    FreeProws(rows);
    /* Bad input. */
    size_t violations = mockmapi_violation_count();
    CHECK_HR(HrQueryAllRows(NULL, NULL, NULL, NULL, 0, &rows), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(HrQueryAllRows(t, NULL, NULL, NULL, 0, NULL), MAPI_E_INVALID_PARAMETER);
    CHECK(mockmapi_violation_count() == violations + 2, "each is a violation");
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "HrQueryAllRows: lpTable or lppRows is NULL"), "named");
    CHECK_HR(t->lpVtbl->Restrict(t, NULL, 0), S_OK);
    CHECK_HR(t->lpVtbl->SortTable(t, (LPSSortOrderSet) & (SSortOrderSet){0, 0, 0, {{0, 0}}}, 0), S_OK);
}

static void table_data(void) {
    /* HrQueryRow / HrEnumRow: one SRow in one buffer. */
    SPropValue key;
    memset(&key, 0, sizeof key);
    key.ulPropTag = PR_ROWID;
    key.Value.l = 3;
    LPSRow row = NULL;
    ULONG at = 99;
    CHECK_HR(td->lpVtbl->HrQueryRow(td, &key, &row, &at), S_OK);
    CHECK_EQ(at, 2);
    if (CHECK(row != NULL, "HrQueryRow gives the row")) {
        LPSPropValue name = PpropFindProp(row->lpProps, row->cValues, PR_DISPLAY_NAME_A);
        CHECK(name && strcmp(name->Value.lpszA, "Bob") == 0, "its values");
    }
    MAPIFreeBuffer(row);
    key.Value.l = 42;
    CHECK_HR(td->lpVtbl->HrQueryRow(td, &key, &row, &at), MAPI_E_NOT_FOUND);
    CHECK_HR(td->lpVtbl->HrDeleteRow(td, &key), MAPI_E_NOT_FOUND);
    row = NULL;
    CHECK_HR(td->lpVtbl->HrEnumRow(td, 4, &row), S_OK);
    CHECK(row && PpropFindProp(row->lpProps, row->cValues, PR_ROWID)->Value.l == 5, "HrEnumRow(4)");
    MAPIFreeBuffer(row);
    row = (LPSRow)0x1;
    CHECK_HR(td->lpVtbl->HrEnumRow(td, 5, &row), S_OK);
    CHECK(row == NULL, "past the last row: S_OK and NULL");

    /* HrInsertRow at a position; an existing index value is refused. */
    row_spec extra = {6, "frank", 50, 0};
    SPropValue v[2];
    memset(v, 0, sizeof v);
    v[0].ulPropTag = PR_ROWID;
    v[0].Value.l = extra.id;
    v[1].ulPropTag = PR_DISPLAY_NAME_A;
    v[1].Value.lpszA = (LPSTR)extra.name;
    SRow r = {0, 2, v};
    CHECK_HR(td->lpVtbl->HrInsertRow(td, 0, &r), S_OK);
    CHECK_HR(td->lpVtbl->HrInsertRow(td, 0, &r), MAPI_E_INVALID_PARAMETER);
    row = NULL;
    CHECK_HR(td->lpVtbl->HrEnumRow(td, 0, &row), S_OK);
    CHECK(row && row->lpProps[0].Value.l == 6, "inserted first");
    MAPIFreeBuffer(row);
    /* A row without the index column is refused. */
    SRow no_index = {0, 1, &v[1]};
    CHECK_HR(td->lpVtbl->HrModifyRow(td, &no_index), MAPI_E_INVALID_PARAMETER);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "has no value for the index column"), "and says why");

    /* HrDeleteRows: the rows named, then everything. */
    SRowSet one = {1, {{0, 2, v}}};
    ULONG deleted = 0;
    CHECK_HR(td->lpVtbl->HrDeleteRows(td, 0, &one, &deleted), S_OK);
    CHECK_EQ(deleted, 1);
    CHECK_HR(td->lpVtbl->HrDeleteRows(td, 0, &one, &deleted), S_OK);
    CHECK_EQ(deleted, 0);
}

int main(void) {
    MAPIINIT_0 init = {MAPI_INIT_VERSION, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    SizedSPropTagArray(4, cols) = {4, {PR_ROWID, PR_DISPLAY_NAME_A, PR_MESSAGE_SIZE, PR_MESSAGE_FLAGS}};
    CHECK_HR(CreateTable(NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, NULL, TBLTYPE_DYNAMIC, PR_ROWID,
                         (LPSPropTagArray)&cols, &td),
             S_OK);
    for (size_t i = 0; i < NROWS; i++) put_row(&ROWS[i], ROWS[i].id == 5);

    LPMAPITABLE t = NULL;
    CHECK_HR(td->lpVtbl->HrGetView(td, NULL, NULL, 0, &t), S_OK);
    ULONG status = 9, type = 9;
    CHECK_HR(t->lpVtbl->GetStatus(t, &status, &type), S_OK);
    CHECK(status == TBLSTAT_COMPLETE && type == TBLTYPE_DYNAMIC, "GetStatus");
    CHECK_IDS(query(t, 100, 0), "1 2 3 4 5");

    restrictions(t);
    sorting(t);
    positioning(t);
    columns(t);
    query_all_rows(t);
    t->lpVtbl->Release(t);
    table_data();

    ULONG deleted = 0;
    CHECK_HR(td->lpVtbl->HrDeleteRows(td, TAD_ALL_ROWS, NULL, &deleted), S_OK);
    CHECK_EQ(deleted, NROWS);
    CHECK_EQ(td->lpVtbl->Release(td), 0);

    /* The journal has the MAPI calls, and every MAPI buffer was freed. */
    CHECK(client_calls("CreateTable") == 1, "CreateTable is journaled");
    CHECK(client_calls("HrQueryAllRows") == 6, "each HrQueryAllRows is journaled, the refused ones too");
    CHECK(client_calls("FreeProws") > 10, "FreeProws is journaled");
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    MAPIUninitialize();
    return mm_finish("mapiutil_tables");
}
