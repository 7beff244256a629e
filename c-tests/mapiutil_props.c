// mockmapi-ctest: sdk
/*
 * The property helpers of mapiutil.h from C: PpropFindProp, UlPropSize, LPropCompareProp, ScCountProps and
 * ScCopyProps (one self-contained block whose pointers point into itself), PropCopyMore (data chained to the
 * caller's buffer with MAPIAllocateMore, so one MAPIFreeBuffer frees everything), FEqualNames, and FreePadrlist /
 * FreeProws freeing MAPIAllocateBuffer chains — with the leak report (and valgrind in CI) proving it.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_test.h"

#define PR_TEST_MVSZ PROP_TAG(PT_MV_STRING8, 0x6720)
#define PR_TEST_GUID PROP_TAG(PT_CLSID, 0x6721)
#define PR_TEST_W PROP_TAG(PT_UNICODE, 0x6722)

static GUID guid = {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};

static void sample(SPropValue v[6]) {
    static char a[] = "alpha", b[] = "be";
    static LPSTR strings[] = {a, b};
    static BYTE bytes[] = {9, 8, 7, 6};
    static WCHAR wide[] = {'w', 'i', 0};
    memset(v, 0, 6 * sizeof(SPropValue));
    v[0].ulPropTag = PR_DISPLAY_NAME_A;
    v[0].Value.lpszA = (LPSTR) "name";
    v[1].ulPropTag = PR_ENTRYID;
    v[1].Value.bin.cb = sizeof bytes;
    v[1].Value.bin.lpb = bytes;
    v[2].ulPropTag = PR_TEST_MVSZ;
    v[2].Value.MVszA.cValues = 2;
    v[2].Value.MVszA.lppszA = strings;
    v[3].ulPropTag = PR_TEST_GUID;
    v[3].Value.lpguid = &guid;
    v[4].ulPropTag = PR_MESSAGE_SIZE;
    v[4].Value.l = 42;
    v[5].ulPropTag = PR_TEST_W;
    v[5].Value.lpszW = wide;
}

static void find_and_size(SPropValue v[6]) {
    CHECK(PpropFindProp(v, 6, PR_ENTRYID) == &v[1], "by tag");
    CHECK(PpropFindProp(v, 6, PROP_TAG(PT_UNSPECIFIED, 0x0E08)) == &v[4], "PT_UNSPECIFIED matches any type");
    CHECK(PpropFindProp(v, 6, PROP_TAG(PT_STRING8, 0x0E08)) == NULL, "same ID, other type: not found");
    CHECK(PpropFindProp(v, 6, PR_SUBJECT_A) == NULL, "absent");
    CHECK(PpropFindProp(NULL, 0, PR_SUBJECT_A) == NULL, "empty array");

    CHECK_EQ(UlPropSize(&v[0]), 5);             /* "name" and its NUL */
    CHECK_EQ(UlPropSize(&v[1]), 4);             /* cb */
    CHECK_EQ(UlPropSize(&v[2]), 6 + 3);         /* "alpha", "be", each with its NUL */
    CHECK_EQ(UlPropSize(&v[3]), sizeof(GUID));  /* PT_CLSID */
    CHECK_EQ(UlPropSize(&v[4]), sizeof(LONG));  /* PT_LONG */
    CHECK_EQ(UlPropSize(&v[5]), 3 * sizeof(WCHAR));
    size_t violations = mockmapi_violation_count();
    CHECK_EQ(UlPropSize(NULL), 0);
    CHECK_EQ(mockmapi_violation_count(), violations + 1);
}

static void compare(void) {
    SPropValue a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.ulPropTag = b.ulPropTag = PR_MESSAGE_SIZE;
    a.Value.l = 1;
    b.Value.l = 2;
    CHECK(LPropCompareProp(&a, &b) < 0, "1 < 2");
    CHECK(LPropCompareProp(&b, &a) > 0, "2 > 1");
    b.Value.l = 1;
    CHECK(LPropCompareProp(&a, &b) == 0, "1 == 1");
    a.ulPropTag = b.ulPropTag = PR_DISPLAY_NAME_A;
    a.Value.lpszA = (LPSTR) "abc";
    b.Value.lpszA = (LPSTR) "abd";
    CHECK(LPropCompareProp(&a, &b) < 0, "abc < abd");
    b.Value.lpszA = (LPSTR) "ABC";
    CHECK(LPropCompareProp(&a, &b) != 0, "case-sensitive");
    b.Value.lpszA = (LPSTR) "abc";
    CHECK(LPropCompareProp(&a, &b) == 0, "equal strings");
    BYTE x[] = {1, 2}, y[] = {1, 2, 0};
    a.ulPropTag = b.ulPropTag = PR_ENTRYID;
    a.Value.bin.cb = 2;
    a.Value.bin.lpb = x;
    b.Value.bin.cb = 3;
    b.Value.bin.lpb = y;
    CHECK(LPropCompareProp(&a, &b) < 0, "a prefix sorts first");
    a.ulPropTag = PR_MESSAGE_SIZE;
    a.Value.l = 0;
    LONG ab = LPropCompareProp(&a, &b), ba = LPropCompareProp(&b, &a);
    CHECK(ab != 0 && ab == LPropCompareProp(&a, &b) && (ab < 0) != (ba < 0), "different types: non-zero, consistent");
}

static void copy_contiguous(SPropValue v[6]) {
    ULONG cb = 0;
    CHECK_HR(ScCountProps(6, v, &cb), S_OK);
    CHECK(cb >= 6 * sizeof(SPropValue) + 5 + 4 + 9 + sizeof(GUID), "room for the values and their data");
    LPSPropValue copy = NULL;
    CHECK_HR(MAPIAllocateBuffer(cb, (LPVOID *)&copy), S_OK);
    ULONG used = 0;
    CHECK_HR(ScCopyProps(6, v, copy, &used), S_OK);
    CHECK_EQ(used, cb);
    /* Every pointer of the copy points inside the block. */
    const char *lo = (const char *)copy, *hi = lo + cb;
#define INSIDE(p) ((const char *)(p) >= lo && (const char *)(p) < hi)
    CHECK(INSIDE(copy[0].Value.lpszA) && strcmp(copy[0].Value.lpszA, "name") == 0, "string");
    CHECK(INSIDE(copy[1].Value.bin.lpb) && copy[1].Value.bin.lpb[3] == 6, "binary");
    CHECK(INSIDE(copy[2].Value.MVszA.lppszA) && INSIDE(copy[2].Value.MVszA.lppszA[1]) &&
              strcmp(copy[2].Value.MVszA.lppszA[1], "be") == 0,
          "multi-valued strings");
    CHECK(INSIDE(copy[3].Value.lpguid) && memcmp(copy[3].Value.lpguid, &guid, sizeof guid) == 0, "GUID");
    CHECK(INSIDE(copy[5].Value.lpszW) && copy[5].Value.lpszW[1] == 'i', "wide string");
    CHECK(copy[4].Value.l == 42, "long");
#undef INSIDE
    MAPIFreeBuffer(copy);

    size_t violations = mockmapi_violation_count();
    CHECK_HR(ScCountProps(-1, v, &cb), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(ScCountProps(2, NULL, &cb), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(ScCopyProps(6, v, NULL, &cb), MAPI_E_INVALID_PARAMETER);
    CHECK_EQ(mockmapi_violation_count(), violations + 3);
}

static void copy_more(SPropValue v[6]) {
    /* An array of copies in one MAPIAllocateBuffer buffer, each value's data chained to it. */
    LPSPropValue arr = NULL;
    CHECK_HR(MAPIAllocateBuffer(6 * sizeof(SPropValue), (LPVOID *)&arr), S_OK);
    for (int i = 0; i < 6; i++) CHECK_HR(PropCopyMore(&arr[i], &v[i], MAPIAllocateMore, arr), S_OK);
    CHECK(arr[0].Value.lpszA != v[0].Value.lpszA && strcmp(arr[0].Value.lpszA, "name") == 0, "a copy");
    CHECK(strcmp(arr[2].Value.MVszA.lppszA[0], "alpha") == 0, "deep copy");
    CHECK(mockmapi_leak_report(NULL, 0) > 0, "the chain is live");
    MAPIFreeBuffer(arr);
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    size_t violations = mockmapi_violation_count();
    SPropValue out;
    CHECK_HR(PropCopyMore(&out, &v[0], NULL, arr), MAPI_E_INVALID_PARAMETER);
    CHECK_EQ(mockmapi_violation_count(), violations + 1);
}

static void names(void) {
    WCHAR n1[] = {'K', 'e', 'y', 0}, n2[] = {'K', 'e', 'y', 0}, n3[] = {'k', 'e', 'y', 0};
    GUID g2 = guid;
    MAPINAMEID a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.lpguid = &guid;
    b.lpguid = &g2; /* a different pointer to an equal GUID */
    a.ulKind = b.ulKind = MNID_STRING;
    a.Kind.lpwstrName = n1;
    b.Kind.lpwstrName = n2;
    CHECK(FEqualNames(&a, &b), "equal names in equal sets");
    b.Kind.lpwstrName = n3;
    CHECK(!FEqualNames(&a, &b), "case-sensitive");
    a.ulKind = b.ulKind = MNID_ID;
    a.Kind.lID = b.Kind.lID = 0x8501;
    CHECK(FEqualNames(&a, &b), "equal IDs");
    b.Kind.lID = 0x8502;
    CHECK(!FEqualNames(&a, &b), "different IDs");
    b.Kind.lID = 0x8501;
    g2.Data1++;
    CHECK(!FEqualNames(&a, &b), "different property sets");
    b.ulKind = MNID_STRING;
    b.Kind.lpwstrName = n1;
    CHECK(!FEqualNames(&a, &b), "different kinds");
}

static void free_lists(SPropValue v[6]) {
    /* An ADRLIST built the SDK way: the list and each entry's values are separate root buffers. */
    LPADRLIST list = NULL;
    CHECK_HR(MAPIAllocateBuffer(CbNewADRLIST(2), (LPVOID *)&list), S_OK);
    list->cEntries = 2;
    for (ULONG i = 0; i < 2; i++) {
        list->aEntries[i].ulReserved1 = 0;
        list->aEntries[i].cValues = 2;
        CHECK_HR(MAPIAllocateBuffer(2 * sizeof(SPropValue), (LPVOID *)&list->aEntries[i].rgPropVals), S_OK);
        CHECK_HR(PropCopyMore(&list->aEntries[i].rgPropVals[0], &v[0], MAPIAllocateMore,
                              list->aEntries[i].rgPropVals),
                 S_OK);
        CHECK_HR(PropCopyMore(&list->aEntries[i].rgPropVals[1], &v[2], MAPIAllocateMore,
                              list->aEntries[i].rgPropVals),
                 S_OK);
    }
    FreePadrlist(list);
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    FreePadrlist(NULL);
    FreeProws(NULL);

    /* FreeProws on a buffer that is not a live root is a violation, never a crash. */
    LPSRowSet rows = NULL;
    CHECK_HR(MAPIAllocateBuffer(CbNewSRowSet(1), (LPVOID *)&rows), S_OK);
    rows->cRows = 1;
    rows->aRow[0].cValues = 0;
    rows->aRow[0].lpProps = NULL;
    CHECK_HR(MAPIAllocateMore(sizeof(SPropValue), rows, (LPVOID *)&rows->aRow[0].lpProps), S_OK);
    size_t violations = mockmapi_violation_count();
    FreeProws(rows); /* the row's values were chained with MAPIAllocateMore: the SDK frees them separately */
    CHECK_EQ(mockmapi_violation_count(), violations + 1);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "FreeProws: an entry's values are not a live"), "named");
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
}

int main(void) {
    SPropValue v[6];
    sample(v);
    /* The pure helpers work before MAPIInitialize. */
    find_and_size(v);
    compare();
    names();
    MAPIINIT_0 init = {MAPI_INIT_VERSION, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    copy_contiguous(v);
    copy_more(v);
    free_lists(v);
    MAPIUninitialize();
    return mm_finish("mapiutil_props");
}
