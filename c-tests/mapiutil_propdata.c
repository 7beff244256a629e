// mockmapi-ctest: sdk
/*
 * CreateIProp from C, as providers use it for their profile-like and status objects: SetProps/GetProps of
 * every common type, MAPI_W_ERRORS_RETURNED with PT_ERROR values for what is missing, GetPropList, DeleteProps
 * problems, HrGetOneProp/HrSetOneProp, object access (IPROP_READONLY) and property access
 * (HrSetPropAccess/HrGetPropAccess), HrAddObjProps, CopyProps/CopyTo into another IPropData, QueryInterface,
 * and bad input: each is a violation with MAPI_E_INVALID_PARAMETER, nothing changed.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include "mm_test.h"

#define PR_TEST_BIN PROP_TAG(PT_BINARY, 0x6710)
#define PR_TEST_MVL PROP_TAG(PT_MV_LONG, 0x6711)
#define PR_TEST_BOOL PROP_TAG(PT_BOOLEAN, 0x6712)
#define PR_TEST_I8 PROP_TAG(PT_I8, 0x6713)

static LPPROPDATA make(void) {
    LPPROPDATA p = NULL;
    CHECK_HR(CreateIProp(NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, NULL, &p), S_OK);
    return p;
}

static void get_set(LPPROPDATA pd) {
    BYTE bytes[] = {1, 2, 3};
    LONG longs[] = {7, 8, 9};
    SPropValue v[5];
    memset(v, 0, sizeof v);
    v[0].ulPropTag = PR_DISPLAY_NAME_A;
    v[0].Value.lpszA = (LPSTR) "My Store";
    v[1].ulPropTag = PR_TEST_BIN;
    v[1].Value.bin.cb = sizeof bytes;
    v[1].Value.bin.lpb = bytes;
    v[2].ulPropTag = PR_TEST_MVL;
    v[2].Value.MVl.cValues = 3;
    v[2].Value.MVl.lpl = longs;
    v[3].ulPropTag = PR_TEST_BOOL;
    v[3].Value.b = TRUE;
    v[4].ulPropTag = PR_TEST_I8;
    v[4].Value.li.QuadPart = 0x123456789LL;
    LPSPropProblemArray problems = (LPSPropProblemArray)0x1;
    CHECK_HR(pd->lpVtbl->SetProps(pd, 5, v, &problems), S_OK);
    CHECK(problems == NULL, "no problems: *lppProblems is NULL");
    /* The caller's buffers are copied: change them and the object keeps its values. */
    bytes[0] = 99;
    longs[0] = 99;

    SizedSPropTagArray(4, want) = {4, {PR_TEST_BIN, PR_TEST_MVL, PR_ENTRYID, PROP_TAG(PT_UNSPECIFIED, 0x3001)}};
    ULONG c = 0;
    LPSPropValue got = NULL;
    CHECK_HR(pd->lpVtbl->GetProps(pd, (LPSPropTagArray)&want, 0, &c, &got), MAPI_W_ERRORS_RETURNED);
    if (CHECK(c == 4 && got != NULL, "four values, in the order asked")) {
        CHECK(got[0].Value.bin.cb == 3 && got[0].Value.bin.lpb[0] == 1, "the binary, copied");
        CHECK(got[1].Value.MVl.cValues == 3 && got[1].Value.MVl.lpl[0] == 7, "the multi-valued long");
        CHECK(got[2].ulPropTag == CHANGE_PROP_TYPE(PR_ENTRYID, PT_ERROR) && got[2].Value.err == MAPI_E_NOT_FOUND,
              "a missing property is PT_ERROR / MAPI_E_NOT_FOUND");
        CHECK(got[3].ulPropTag == PR_DISPLAY_NAME_A && strcmp(got[3].Value.lpszA, "My Store") == 0,
              "PT_UNSPECIFIED asks for the stored type");
    }
    MAPIFreeBuffer(got); /* one buffer: the strings and arrays are chained to it */

    /* NULL tags: every property. */
    got = NULL;
    CHECK_HR(pd->lpVtbl->GetProps(pd, NULL, 0, &c, &got), S_OK);
    CHECK_EQ(c, 5);
    LPSPropValue i8 = PpropFindProp(got, c, PR_TEST_I8);
    CHECK(i8 && i8->Value.li.QuadPart == 0x123456789LL, "PT_I8");
    MAPIFreeBuffer(got);

    LPSPropTagArray list = NULL;
    CHECK_HR(pd->lpVtbl->GetPropList(pd, 0, &list), S_OK);
    CHECK(list && list->cValues == 5 && list->aulPropTag[0] == PR_DISPLAY_NAME_A, "GetPropList, in order set");
    MAPIFreeBuffer(list);

    /* Replacing a value keeps one property. */
    SPropValue rename;
    memset(&rename, 0, sizeof rename);
    rename.ulPropTag = PR_DISPLAY_NAME_A;
    rename.Value.lpszA = (LPSTR) "Renamed";
    CHECK_HR(HrSetOneProp((LPMAPIPROP)pd, &rename), S_OK);
    LPSPropValue one = NULL;
    CHECK_HR(HrGetOneProp((LPMAPIPROP)pd, PR_DISPLAY_NAME_A, &one), S_OK);
    CHECK(one && strcmp(one->Value.lpszA, "Renamed") == 0, "HrGetOneProp");
    MAPIFreeBuffer(one);
    one = (LPSPropValue)0x1;
    CHECK_HR(HrGetOneProp((LPMAPIPROP)pd, PR_ENTRYID, &one), MAPI_E_NOT_FOUND);
    CHECK(one == (LPSPropValue)0x1, "*lppProp untouched on failure");

    /* DeleteProps: present ones go; a missing one is a MAPI_E_NOT_FOUND problem at its index. */
    SizedSPropTagArray(2, del) = {2, {PR_TEST_BOOL, PR_ENTRYID}};
    problems = NULL;
    CHECK_HR(pd->lpVtbl->DeleteProps(pd, (LPSPropTagArray)&del, &problems), S_OK);
    if (CHECK(problems && problems->cProblem == 1, "one problem"))
        CHECK(problems->aProblem[0].ulIndex == 1 && problems->aProblem[0].scode == MAPI_E_NOT_FOUND, "which");
    MAPIFreeBuffer(problems);
    CHECK_HR(HrGetOneProp((LPMAPIPROP)pd, PR_TEST_BOOL, &one), MAPI_E_NOT_FOUND);
}

static void access(LPPROPDATA pd) {
    /* Property access: read-only PR_DISPLAY_NAME_A refuses a new value, as a problem. */
    SizedSPropTagArray(1, name) = {1, {PR_DISPLAY_NAME_A}};
    ULONG ro = IPROP_READONLY | IPROP_CLEAN;
    CHECK_HR(pd->lpVtbl->HrSetPropAccess(pd, (LPSPropTagArray)&name, &ro), S_OK);
    SPropValue v;
    memset(&v, 0, sizeof v);
    v.ulPropTag = PR_DISPLAY_NAME_A;
    v.Value.lpszA = (LPSTR) "Changed";
    LPSPropProblemArray problems = NULL;
    CHECK_HR(pd->lpVtbl->SetProps(pd, 1, &v, &problems), S_OK);
    CHECK(problems && problems->cProblem == 1 && problems->aProblem[0].scode == MAPI_E_NO_ACCESS,
          "MAPI_E_NO_ACCESS problem");
    MAPIFreeBuffer(problems);
    CHECK_HR(HrSetOneProp((LPMAPIPROP)pd, &v), MAPI_E_NO_ACCESS);
    LPSPropValue one = NULL;
    CHECK_HR(HrGetOneProp((LPMAPIPROP)pd, PR_DISPLAY_NAME_A, &one), S_OK);
    CHECK(one && strcmp(one->Value.lpszA, "Renamed") == 0, "the value did not change");
    MAPIFreeBuffer(one);

    /* HrGetPropAccess lists every property's access. */
    LPSPropTagArray tags = NULL;
    ULONG *acc = NULL;
    CHECK_HR(pd->lpVtbl->HrGetPropAccess(pd, &tags, &acc), S_OK);
    int found = 0;
    for (ULONG i = 0; tags && i < tags->cValues; i++) {
        if (tags->aulPropTag[i] == PR_DISPLAY_NAME_A) found = acc[i] == (IPROP_READONLY | IPROP_CLEAN);
        else if (acc[i] != (IPROP_READWRITE | IPROP_DIRTY)) CHECK(0, "other properties are read-write and dirty");
    }
    CHECK(found, "PR_DISPLAY_NAME_A is read-only and clean");
    MAPIFreeBuffer(tags);
    MAPIFreeBuffer(acc);

    /* Access values need one of READONLY/READWRITE and one of CLEAN/DIRTY. */
    size_t violations = mockmapi_violation_count();
    ULONG bad = IPROP_READONLY;
    CHECK_HR(pd->lpVtbl->HrSetPropAccess(pd, (LPSPropTagArray)&name, &bad), MAPI_E_INVALID_PARAMETER);
    bad = IPROP_READONLY | IPROP_READWRITE | IPROP_DIRTY;
    CHECK_HR(pd->lpVtbl->HrSetPropAccess(pd, (LPSPropTagArray)&name, &bad), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(pd->lpVtbl->HrSetObjAccess(pd, 7), MAPI_E_INVALID_PARAMETER);
    CHECK_EQ(mockmapi_violation_count(), violations + 3);

    /* Object access: a read-only object refuses SetProps and DeleteProps outright. */
    CHECK_HR(pd->lpVtbl->HrSetObjAccess(pd, IPROP_READONLY), S_OK);
    v.ulPropTag = PR_COMMENT_A;
    CHECK_HR(pd->lpVtbl->SetProps(pd, 1, &v, NULL), MAPI_E_NO_ACCESS);
    CHECK_HR(pd->lpVtbl->DeleteProps(pd, (LPSPropTagArray)&name, NULL), MAPI_E_NO_ACCESS);
    CHECK_HR(HrGetOneProp((LPMAPIPROP)pd, PR_COMMENT_A, &one), MAPI_E_NOT_FOUND);
    CHECK_HR(pd->lpVtbl->HrSetObjAccess(pd, IPROP_READWRITE), S_OK);
    ULONG rw = IPROP_READWRITE | IPROP_DIRTY;
    CHECK_HR(pd->lpVtbl->HrSetPropAccess(pd, (LPSPropTagArray)&name, &rw), S_OK);

    /* PT_OBJECT properties are listed, not valued; other types are problems. */
    SizedSPropTagArray(2, objs) = {2, {PR_MESSAGE_RECIPIENTS, PR_COMMENT_A}};
    problems = NULL;
    CHECK_HR(pd->lpVtbl->HrAddObjProps(pd, (LPSPropTagArray)&objs, &problems), S_OK);
    CHECK(problems && problems->cProblem == 1 && problems->aProblem[0].ulIndex == 1, "a non-object tag");
    MAPIFreeBuffer(problems);
    LPSPropTagArray list = NULL;
    CHECK_HR(pd->lpVtbl->GetPropList(pd, 0, &list), S_OK);
    int listed = 0;
    for (ULONG i = 0; list && i < list->cValues; i++) listed |= list->aulPropTag[i] == PR_MESSAGE_RECIPIENTS;
    CHECK(listed, "HrAddObjProps lists the object property");
    MAPIFreeBuffer(list);
}

static void copying(LPPROPDATA src) {
    LPPROPDATA dst = make();
    SizedSPropTagArray(1, only) = {1, {PR_TEST_BIN}};
    CHECK_HR(src->lpVtbl->CopyProps(src, (LPSPropTagArray)&only, 0, NULL, NULL, dst, 0, NULL), S_OK);
    ULONG c = 0;
    LPSPropValue got = NULL;
    CHECK_HR(dst->lpVtbl->GetProps(dst, NULL, 0, &c, &got), S_OK);
    CHECK(c == 1 && got[0].ulPropTag == PR_TEST_BIN && got[0].Value.bin.lpb[2] == 3, "CopyProps copies the one");
    MAPIFreeBuffer(got);

    /* CopyTo with an exclusion, MAPI_NOREPLACE keeps what the destination has. */
    SPropValue keep;
    memset(&keep, 0, sizeof keep);
    keep.ulPropTag = PR_DISPLAY_NAME_A;
    keep.Value.lpszA = (LPSTR) "Destination";
    CHECK_HR(HrSetOneProp((LPMAPIPROP)dst, &keep), S_OK);
    SizedSPropTagArray(1, exclude) = {1, {PR_TEST_MVL}};
    CHECK_HR(src->lpVtbl->CopyTo(src, 0, NULL, (LPSPropTagArray)&exclude, 0, NULL, NULL, dst, MAPI_NOREPLACE, NULL),
             S_OK);
    LPSPropValue one = NULL;
    CHECK_HR(HrGetOneProp((LPMAPIPROP)dst, PR_DISPLAY_NAME_A, &one), S_OK);
    CHECK(one && strcmp(one->Value.lpszA, "Destination") == 0, "MAPI_NOREPLACE");
    MAPIFreeBuffer(one);
    CHECK_HR(HrGetOneProp((LPMAPIPROP)dst, PR_TEST_MVL, &one), MAPI_E_NOT_FOUND);
    CHECK_HR(HrGetOneProp((LPMAPIPROP)dst, PR_TEST_I8, &one), S_OK);
    MAPIFreeBuffer(one);

    /* MAPI_MOVE: the source loses what it copied. */
    SizedSPropTagArray(1, i8) = {1, {PR_TEST_I8}};
    CHECK_HR(src->lpVtbl->CopyProps(src, (LPSPropTagArray)&i8, 0, NULL, NULL, dst, MAPI_MOVE, NULL), S_OK);
    CHECK_HR(HrGetOneProp((LPMAPIPROP)src, PR_TEST_I8, &one), MAPI_E_NOT_FOUND);
    CHECK_EQ(dst->lpVtbl->Release(dst), 0);
}

static void bad_input(LPPROPDATA pd) {
    size_t violations = mockmapi_violation_count();
    ULONG c = 0;
    LPSPropValue got = NULL;
    CHECK_HR(pd->lpVtbl->GetProps(pd, NULL, 0, NULL, &got), MAPI_E_INVALID_PARAMETER);
    SPropValue v;
    memset(&v, 0, sizeof v);
    v.ulPropTag = PR_DISPLAY_NAME_A; /* a NULL string */
    CHECK_HR(pd->lpVtbl->SetProps(pd, 1, &v, NULL), MAPI_E_INVALID_PARAMETER);
    v.ulPropTag = PROP_TAG(0x77, 0x6799); /* an unknown type */
    CHECK_HR(pd->lpVtbl->SetProps(pd, 1, &v, NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(pd->lpVtbl->SetProps(pd, 2, NULL, NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(HrGetOneProp(NULL, PR_DISPLAY_NAME_A, &got), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(HrSetOneProp((LPMAPIPROP)pd, NULL), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(CreateIProp(NULL, NULL, MAPIAllocateMore, MAPIFreeBuffer, NULL, &pd), MAPI_E_INVALID_PARAMETER);
    CHECK_HR(CreateIProp(&IID_IUnknown, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, NULL, &pd),
             MAPI_E_INTERFACE_NOT_SUPPORTED);
    CHECK_EQ(mockmapi_violation_count(), violations + 8);
    CHECK(mm_journal_mentions(MOCKMAPI_EVENT_VIOLATION, "pass MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer"),
          "the message says what to pass");
    /* Nothing changed. */
    got = NULL;
    CHECK_HR(pd->lpVtbl->GetProps(pd, NULL, 0, &c, &got), S_OK);
    CHECK(PpropFindProp(got, c, PROP_TAG(PT_UNSPECIFIED, 0x6799)) == NULL, "no half-set value");
    MAPIFreeBuffer(got);
    /* The unmodelled methods answer MAPI_E_NO_SUPPORT. */
    CHECK_HR(pd->lpVtbl->OpenProperty(pd, PR_MESSAGE_RECIPIENTS, &IID_IUnknown, 0, 0, NULL), MAPI_E_NO_SUPPORT);
}

int main(void) {
    /* As in MAPI, CreateIProp needs no MAPIInitialize (a provider may build its objects in its entry point). */
    LPPROPDATA pd = NULL;
    CHECK_HR(CreateIProp(NULL, MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer, NULL, &pd), S_OK);
    CHECK_EQ(pd->lpVtbl->Release(pd), 0);
    pd = NULL;
    MAPIINIT_0 init = {MAPI_INIT_VERSION, 0};
    CHECK_HR(MAPIInitialize(&init), S_OK);
    pd = make();

    /* QueryInterface: IUnknown and IMAPIProp are the same object; other interfaces are refused. */
    LPUNKNOWN unk = NULL;
    CHECK_HR(pd->lpVtbl->QueryInterface(pd, &IID_IUnknown, (LPVOID *)&unk), S_OK);
    CHECK(unk == (LPUNKNOWN)pd, "same object");
    CHECK_EQ(pd->lpVtbl->Release(pd), 1);
    LPVOID other = (LPVOID)0x1;
    CHECK_HR(pd->lpVtbl->QueryInterface(pd, &IID_IMAPISession, &other), E_NOINTERFACE);
    CHECK(other == NULL, "*ppv = NULL on failure");

    get_set(pd);
    access(pd);
    copying(pd);
    bad_input(pd);
    CHECK_EQ(pd->lpVtbl->Release(pd), 0);
    CHECK_EQ(mockmapi_leak_report(NULL, 0), 0);
    MAPIUninitialize();
    return mm_finish("mapiutil_propdata");
}
