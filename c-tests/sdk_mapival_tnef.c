// mockmapi-ctest: sdk
/*
 * mapival.h and tnef.h in C: a provider method that starts with Validate_<interface>_<method> compiles and
 * runs on (mockmapi accepts the arguments; see mapival.h), CheckParameters_ does nothing, the FBad* checks
 * reject what their documentation says they reject and accept the rest, ITnef has its documented vtable, and
 * OpenTnefStream, OpenTnefStreamEx and GetTnefStreamCodepage answer MAPI_E_NO_SUPPORT, journaled, writing
 * nothing.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapival.h>
#include <tnef.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            ++failures;                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* ITnef: IUnknown, then the seven TNEF methods in the documented order. */
_Static_assert(offsetof(ITnefVtbl, AddProps) == 3 * sizeof(void *), "ITnef::AddProps is slot 3");
_Static_assert(offsetof(ITnefVtbl, ExtractProps) == 4 * sizeof(void *), "ITnef::ExtractProps is slot 4");
_Static_assert(offsetof(ITnefVtbl, Finish) == 5 * sizeof(void *), "ITnef::Finish is slot 5");
_Static_assert(offsetof(ITnefVtbl, OpenTaggedBody) == 6 * sizeof(void *), "ITnef::OpenTaggedBody is slot 6");
_Static_assert(offsetof(ITnefVtbl, SetProps) == 7 * sizeof(void *), "ITnef::SetProps is slot 7");
_Static_assert(offsetof(ITnefVtbl, EncodeRecips) == 8 * sizeof(void *), "ITnef::EncodeRecips is slot 8");
_Static_assert(offsetof(ITnefVtbl, FinishComponent) == 9 * sizeof(void *), "ITnef::FinishComponent is slot 9");
_Static_assert(sizeof(ITnefVtbl) == 10 * sizeof(void *), "ITnef has 10 slots");
_Static_assert(sizeof(STnefProblem) == 16 && offsetof(STnefProblemArray, aProblem) == 4, "STnefProblem(Array)");
_Static_assert(sizeof(RENDDATA) == 14 && sizeof(DTR) == 14 && sizeof(TRP) == 8, "packed TNEF structures");
_Static_assert(attSubject == 0x00018004 && attMAPIProps == 0x00069003 && attTnefVersion == 0x00089006, "ATT()");
_Static_assert(TNEF_SIGNATURE == 0x223E9F78 && TNEF_VERSION == 0x00010000, "TNEF_SIGNATURE, TNEF_VERSION");
_Static_assert(TNEF_ENCODE == 2 && TNEF_COMPONENT_ENCODING == 0x80000000 && TNEF_PROP_CONTAINED_TNEF == 0x40, "flags");

/* A provider's IMAPIProp::GetProps written the SDK way. */
static int body_ran;
static HRESULT STDMETHODCALLTYPE Provider_GetProps(LPMAPIPROP This, LPSPropTagArray lpPropTagArray, ULONG ulFlags,
                                                   ULONG *lpcValues, LPSPropValue *lppPropArray) {
    Validate_IMAPIProp_GetProps(This, lpPropTagArray, ulFlags, lpcValues, lppPropArray);
    CheckParameters_IMAPIProp_GetProps(This, lpPropTagArray, ulFlags, lpcValues, lppPropArray);
    ValidateParms(IMAPIProp_GetProps, This);
    body_ran = 1;
    return MAPI_E_NO_SUPPORT;
}
static ULONG STDMETHODCALLTYPE Provider_AddRef(LPMAPIPROP This) {
    UlValidate_IUnknown_AddRef(This);
    return 2;
}

int main(void) {
    /* ---- mapival.h ---- */
    ULONG count = 0;
    LPSPropValue values = NULL;
    CHECK(Provider_GetProps(NULL, NULL, 0, &count, &values) == MAPI_E_NO_SUPPORT && body_ran);
    CHECK(Provider_AddRef(NULL) == 2);
    CHECK(HR_FAILED(MAPI_E_NO_SUPPORT) && HR_SUCCEEDED(S_OK));

    /* ---- FBad*: bad is nonzero ---- */
    CHECK(!FBadPropTag(PR_DISPLAY_NAME) && !FBadPropTag(PR_DISPLAY_NAME_W) && !FBadPropTag(PROP_TAG(PT_MV_LONG, 0x8000)));
    CHECK(!FBadPropTag(MVI_PROP(PR_DISPLAY_NAME)) && !FBadPropTag(PR_NULL));
    CHECK(FBadPropTag(PROP_TAG(0x0099, 0x8000)) && FBadPropTag(PROP_TAG(PT_PTR, 0x8000)));
    char name[] = "Ada";
    BYTE bytes[2] = {1, 2};
    SPropValue good[3];
    memset(good, 0, sizeof good);
    good[0].ulPropTag = PR_DISPLAY_NAME_A;
    good[0].Value.lpszA = name;
    good[1].ulPropTag = PR_ENTRYID;
    good[1].Value.bin.cb = 2;
    good[1].Value.bin.lpb = bytes;
    good[2].ulPropTag = PR_OBJECT_TYPE;
    good[2].Value.l = MAPI_MAILUSER;
    CHECK(!FBadProp(&good[0]) && !FBadProp(&good[1]) && !FBadProp(&good[2]));
    SPropValue bad = good[0];
    bad.Value.lpszA = NULL;
    CHECK(FBadProp(&bad) && FBadProp(NULL));
    bad = good[1];
    bad.Value.bin.lpb = NULL;
    CHECK(FBadProp(&bad));
    bad.Value.bin.cb = 0;
    CHECK(!FBadProp(&bad));
    bad.ulPropTag = PROP_TAG(PT_MV_LONG, 0x8001);
    bad.Value.MVl.cValues = 3;
    bad.Value.MVl.lpl = NULL;
    CHECK(FBadProp(&bad));
    SRow row = {0, 3, good};
    CHECK(!FBadRow(&row) && FBadRow(NULL));
    SRow missing = {0, 2, NULL};
    CHECK(FBadRow(&missing));
    SRowSet rows = {1, {{0, 3, good}}};
    CHECK(!FBadRowSet(&rows) && FBadRowSet(NULL));
    SizedSPropTagArray(2, cols) = {2, {PR_DISPLAY_NAME, PR_ENTRYID}};
    CHECK(!FBadColumnSet((LPSPropTagArray)&cols));
    cols.aulPropTag[1] = CHANGE_PROP_TYPE(PR_ENTRYID, PT_ERROR);
    CHECK(FBadColumnSet((LPSPropTagArray)&cols) && FBadColumnSet(NULL));
    LPSTR strings[2] = {name, NULL};
    CHECK(!FBadRglpszA(strings, 1) && FBadRglpszA(strings, 2) && FBadRglpszA(NULL, 1) && !FBadRglpszA(NULL, 0));
    MAPINAMEID id = {(LPGUID)&IID_IUnknown, MNID_ID, {0}};
    LPMAPINAMEID ids[1] = {&id};
    CHECK(!FBadRglpNameID(ids, 1));
    id.ulKind = MNID_STRING;
    CHECK(FBadRglpNameID(ids, 1));
    SBinary entry = {2, bytes};
    ENTRYLIST list = {1, &entry};
    CHECK(!FBadEntryList(&list) && FBadEntryList(NULL));
    entry.lpb = NULL;
    CHECK(FBadEntryList(&list));

    /* ---- tnef.h: not modelled, answered and journaled ---- */
    CHECK(MAPIInitialize(NULL) == S_OK);
    LPITNEF tnef = (LPITNEF)&failures; /* must stay as it is */
    ULONG cp = 7, sub = 7;
    TCHAR stream_name[] = TEXT("winmail.dat");
    CHECK(OpenTnefStream(NULL, NULL, stream_name, TNEF_DECODE, NULL, 0x0101, &tnef) == MAPI_E_NO_SUPPORT);
    CHECK(OpenTnefStreamEx(NULL, NULL, stream_name, TNEF_ENCODE, NULL, 0x0101, NULL, &tnef) == MAPI_E_NO_SUPPORT);
    CHECK(GetTnefStreamCodepage(NULL, &cp, &sub) == MAPI_E_NO_SUPPORT);
    CHECK(tnef == (LPITNEF)&failures && cp == 7 && sub == 7);
    LPOPENTNEFSTREAM open = OpenTnefStream;
    CHECK(open(NULL, NULL, stream_name, 0, NULL, 0, &tnef) == MAPI_E_NO_SUPPORT);
    /* Journaled as client calls under their own method numbers (found by name, as mockmapi_method_name gives it). */
    uint32_t open_method = 0, codepage_method = 0;
    for (uint32_t m = 1; m < 256; ++m) {
        const char *n = mockmapi_method_name(m);
        if (n != NULL && strcmp(n, "OpenTnefStream") == 0) open_method = m;
        if (n != NULL && strcmp(n, "GetTnefStreamCodepage") == 0) codepage_method = m;
    }
    CHECK(open_method != 0 && codepage_method != 0);
    mockmapi_event_filter filter;
    memset(&filter, 0, sizeof filter);
    filter.event_type = MOCKMAPI_EVENT_CLIENT_CALL;
    filter.check_hresult = 1;
    filter.hresult = MAPI_E_NO_SUPPORT;
    filter.method = open_method;
    CHECK(mockmapi_journal_count_matching(&filter) == 2);
    filter.method = codepage_method;
    CHECK(mockmapi_journal_count_matching(&filter) == 1);
    CHECK(mockmapi_violation_count() == 0);
    MAPIUninitialize();

    if (failures == 0) printf("sdk_mapival_tnef: mapival.h, FBad*, tnef.h behave as documented\n");
    return failures == 0 ? 0 : 1;
}
