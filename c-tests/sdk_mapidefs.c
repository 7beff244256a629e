// mockmapi-ctest: sdk
/*
 * mapidefs.h, mapitags.h and mapiutil.h in C: the structures have the SDK's documented layouts (sizes and
 * offsets written in terms of the pointer size, so the same assertions hold on LP64, 32-bit and 64-bit
 * Windows), every interface's vtable has its methods in the documented slots (support/sdk_interfaces_c.h),
 * the property-tag macros compute what the SDK's do, and objects written in C the SDK way (a static vtable,
 * lpVtbl first) are called through their interfaces.
 */
#include <windows.h>
#include <mapidefs.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapicode.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define P sizeof(void *)
#define WIDE (P == 8)

static int failures;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            ++failures;                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* ---- base types ---- */
_Static_assert(sizeof(FILETIME) == 8 && offsetof(FILETIME, dwHighDateTime) == 4, "FILETIME");
_Static_assert(sizeof(SYSTEMTIME) == 16 && offsetof(SYSTEMTIME, wMilliseconds) == 14, "SYSTEMTIME");
_Static_assert(sizeof(LARGE_INTEGER) == 8 && sizeof(ULARGE_INTEGER) == 8, "LARGE_INTEGER");
_Static_assert(sizeof(CY) == 8 && sizeof(CURRENCY) == 8, "CURRENCY");

/* ---- mapidefs.h structures ---- */
_Static_assert(sizeof(ENTRYID) == 5 && offsetof(ENTRYID, ab) == 4, "ENTRYID: abFlags[4], ab[]");
_Static_assert(CbNewENTRYID(16) == 20, "CbNewENTRYID");
_Static_assert(sizeof(MAPIUID) == 16, "MAPIUID");
_Static_assert(sizeof(SPropTagArray) == 8 && offsetof(SPropTagArray, aulPropTag) == 4, "SPropTagArray");
_Static_assert(CbNewSPropTagArray(3) == 16, "CbNewSPropTagArray");
_Static_assert(sizeof(SBinary) == 2 * P && offsetof(SBinary, lpb) == P, "SBinary");
_Static_assert(sizeof(SBinaryArray) == 2 * P && sizeof(SLPSTRArray) == 2 * P && sizeof(SWStringArray) == 2 * P &&
                   sizeof(SLongArray) == 2 * P && sizeof(SGuidArray) == 2 * P && sizeof(SLargeIntegerArray) == 2 * P,
               "multi-valued arrays: a count and a pointer");
_Static_assert(sizeof(__UPV) == (WIDE ? 16 : 8), "__UPV: the largest member is SBinary / the MV arrays (8 bytes on 32-bit)");
_Static_assert(offsetof(SPropValue, ulPropTag) == 0 && offsetof(SPropValue, dwAlignPad) == 4 &&
                   offsetof(SPropValue, Value) == 8 && sizeof(SPropValue) == (WIDE ? 24 : 16),
               "SPropValue");
_Static_assert(sizeof(SPropProblem) == 12 && sizeof(SPropProblemArray) == 16, "SPropProblem(Array)");
_Static_assert(sizeof(ADRENTRY) == 8 + P && offsetof(ADRENTRY, rgPropVals) == 8, "ADRENTRY");
_Static_assert(sizeof(SRow) == sizeof(ADRENTRY) && offsetof(SRow, lpProps) == offsetof(ADRENTRY, rgPropVals),
               "SRow maps onto ADRENTRY");
_Static_assert(offsetof(SRowSet, aRow) == P && sizeof(SRowSet) == P + sizeof(SRow), "SRowSet");
_Static_assert(offsetof(ADRLIST, aEntries) == P && sizeof(ADRLIST) == P + sizeof(ADRENTRY), "ADRLIST");
_Static_assert(CbNewSRowSet(2) == P + 2 * sizeof(SRow), "CbNewSRowSet");
_Static_assert(sizeof(MAPIERROR) == (WIDE ? 32 : 20) && offsetof(MAPIERROR, lpszError) == P, "MAPIERROR");
_Static_assert(sizeof(FLATENTRY) == 8 && offsetof(FLATENTRY, abEntry) == 4, "FLATENTRY");
_Static_assert(sizeof(FLATENTRYLIST) == 12 && offsetof(FLATENTRYLIST, abEntries) == 8, "FLATENTRYLIST");
_Static_assert(offsetof(MTSID, ab) == 4 && offsetof(FLATMTSIDLIST, abMTSIDs) == 8, "MTSID, FLATMTSIDLIST");
_Static_assert(sizeof(SSortOrder) == 8 && sizeof(SSortOrderSet) == 20 && offsetof(SSortOrderSet, aSort) == 12,
               "SSortOrderSet");
_Static_assert(offsetof(SRestriction, res) == P && sizeof(SRestriction) == P + 3 * P, "SRestriction");
_Static_assert(offsetof(SContentRestriction, lpProp) == 8 && offsetof(SCommentRestriction, lpRes) == P &&
                   offsetof(SCountRestriction, lpRes) == P && sizeof(SAnnotationRestriction) == sizeof(SCommentRestriction),
               "restriction kinds");
_Static_assert(sizeof(MAPINAMEID) == 3 * P && offsetof(MAPINAMEID, ulKind) == P && offsetof(MAPINAMEID, Kind) == 2 * P,
               "MAPINAMEID");
_Static_assert(offsetof(NOTIFICATION, ulAlignPad) == 4 && offsetof(NOTIFICATION, info) == 8, "NOTIFICATION header");
_Static_assert(offsetof(TABLE_NOTIFICATION, propIndex) == 8 &&
                   offsetof(TABLE_NOTIFICATION, propPrior) == 8 + sizeof(SPropValue) &&
                   offsetof(TABLE_NOTIFICATION, row) == 8 + 2 * sizeof(SPropValue),
               "TABLE_NOTIFICATION");
_Static_assert(sizeof(NOTIFICATION) == (WIDE ? 88 : 64), "NOTIFICATION: the largest kind is TABLE_NOTIFICATION");
_Static_assert(sizeof(OBJECT_NOTIFICATION) == (WIDE ? 72 : 40) && sizeof(NEWMAIL_NOTIFICATION) == (WIDE ? 56 : 28) &&
                   sizeof(ERROR_NOTIFICATION) == (WIDE ? 32 : 20) && sizeof(EXTENDED_NOTIFICATION) == 8 + P &&
                   sizeof(STATUS_OBJECT_NOTIFICATION) == 4 * P,
               "notification kinds");
_Static_assert(sizeof(BOOKMARK) == P, "BOOKMARK is pointer-sized");
_Static_assert(sizeof(FlagList) == 8 && sizeof(DTBLRADIOBUTTON) == 20 && sizeof(DTBLPAGE) == 16, "small structures");
_Static_assert(offsetof(ADRPARM, lpszHelpFileName) == (WIDE ? 40 : 20) && sizeof(ADRPARM) == (WIDE ? 136 : 72),
               "ADRPARM");

/* ---- every interface: slots in documented order (generated from the method lists) ---- */
#include "support/sdk_interfaces_c.h"

/* ---- the SPI methods whose parameter types the SDK documents (a value where a pointer is documented, or the
 * reverse, is an ABI break the slot checks cannot see): each vtable member has exactly the documented type ---- */
#define MM_HAS_TYPE(expr, type) _Generic((expr), type: 1, default: 0)
_Static_assert(MM_HAS_TYPE(((IXPProviderVtbl *)0)->TransportLogon, HRESULT(STDMETHODCALLTYPE *)(IXPProvider *, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG *, LPMAPIERROR *, LPXPLOGON *)), "IXPProvider::TransportLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG *, LPMAPIERROR *, LPXPLOGON *)");
_Static_assert(MM_HAS_TYPE(((IABProviderVtbl *)0)->Logon, HRESULT(STDMETHODCALLTYPE *)(IABProvider *, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, ULONG *, LPBYTE *, LPMAPIERROR *, LPABLOGON *)), "IABProvider::Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, ULONG *, LPBYTE *, LPMAPIERROR *, LPABLOGON *)");
_Static_assert(MM_HAS_TYPE(((IMSProviderVtbl *)0)->Logon, HRESULT(STDMETHODCALLTYPE *)(IMSProvider *, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *, LPMAPIERROR *, LPMSLOGON *, LPMDB *)), "IMSProvider::Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *, LPMAPIERROR *, LPMSLOGON *, LPMDB *)");
_Static_assert(MM_HAS_TYPE(((IMSProviderVtbl *)0)->SpoolerLogon, HRESULT(STDMETHODCALLTYPE *)(IMSProvider *, LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE, LPMAPIERROR *, LPMSLOGON *, LPMDB *)), "IMSProvider::SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE, LPMAPIERROR *, LPMSLOGON *, LPMDB *)");
_Static_assert(MM_HAS_TYPE(((IMSProviderVtbl *)0)->CompareStoreIDs, HRESULT(STDMETHODCALLTYPE *)(IMSProvider *, ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *)), "IMSProvider::CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->AddressTypes, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG *, ULONG *, LPTSTR **, ULONG *, LPMAPIUID **)), "IXPLogon::AddressTypes(ULONG *, ULONG *, LPTSTR **, ULONG *, LPMAPIUID **)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->TransportNotify, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG *, LPVOID *)), "IXPLogon::TransportNotify(ULONG *, LPVOID *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->SubmitMessage, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG, LPMESSAGE, ULONG_PTR *, ULONG_PTR *)), "IXPLogon::SubmitMessage(ULONG, LPMESSAGE, ULONG_PTR *, ULONG_PTR *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->EndMessage, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG_PTR, ULONG *)), "IXPLogon::EndMessage(ULONG_PTR, ULONG *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->StartMessage, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG, LPMESSAGE, ULONG_PTR *)), "IXPLogon::StartMessage(ULONG, LPMESSAGE, ULONG_PTR *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->OpenStatusEntry, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, LPCIID, ULONG, ULONG *, LPMAPISTATUS *)), "IXPLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)");
_Static_assert(MM_HAS_TYPE(((IXPLogonVtbl *)0)->FlushQueues, HRESULT(STDMETHODCALLTYPE *)(IXPLogon *, ULONG_PTR, ULONG, LPENTRYID, ULONG)), "IXPLogon::FlushQueues(ULONG_PTR, ULONG, LPENTRYID, ULONG)");
_Static_assert(MM_HAS_TYPE(((IMSLogonVtbl *)0)->Logoff, HRESULT(STDMETHODCALLTYPE *)(IMSLogon *, ULONG *)), "IMSLogon::Logoff(ULONG *)");
_Static_assert(MM_HAS_TYPE(((IMSLogonVtbl *)0)->OpenStatusEntry, HRESULT(STDMETHODCALLTYPE *)(IMSLogon *, LPCIID, ULONG, ULONG *, LPVOID *)), "IMSLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPVOID *)");
_Static_assert(MM_HAS_TYPE(((IABLogonVtbl *)0)->Logoff, HRESULT(STDMETHODCALLTYPE *)(IABLogon *, ULONG)), "IABLogon::Logoff(ULONG)");
_Static_assert(MM_HAS_TYPE(((IABLogonVtbl *)0)->OpenStatusEntry, HRESULT(STDMETHODCALLTYPE *)(IABLogon *, LPCIID, ULONG, ULONG *, LPMAPISTATUS *)), "IABLogon::OpenStatusEntry(LPCIID, ULONG, ULONG *, LPMAPISTATUS *)");
_Static_assert(MM_HAS_TYPE(((IABLogonVtbl *)0)->OpenTemplateID, HRESULT(STDMETHODCALLTYPE *)(IABLogon *, ULONG, LPENTRYID, ULONG, LPMAPIPROP, LPCIID, LPMAPIPROP *, LPMAPIPROP)), "IABLogon::OpenTemplateID(ULONG, LPENTRYID, ULONG, LPMAPIPROP, LPCIID, LPMAPIPROP *, LPMAPIPROP)");
_Static_assert(MM_HAS_TYPE(((IMAPISupportVtbl *)0)->SpoolerNotify, HRESULT(STDMETHODCALLTYPE *)(IMAPISupport *, ULONG, LPVOID)), "IMAPISupport::SpoolerNotify(ULONG, LPVOID)");
_Static_assert(MM_HAS_TYPE(((IMAPISupportVtbl *)0)->SpoolerYield, HRESULT(STDMETHODCALLTYPE *)(IMAPISupport *, ULONG)), "IMAPISupport::SpoolerYield(ULONG)");
_Static_assert(MM_HAS_TYPE(((IMAPISupportVtbl *)0)->StoreLogoffTransports, HRESULT(STDMETHODCALLTYPE *)(IMAPISupport *, ULONG *)), "IMAPISupport::StoreLogoffTransports(ULONG *)");
_Static_assert(MM_HAS_TYPE(((IAddrBookVtbl *)0)->Address, HRESULT(STDMETHODCALLTYPE *)(IAddrBook *, ULONG_PTR *, LPADRPARM, LPADRLIST *)), "IAddrBook::Address(ULONG_PTR *, LPADRPARM, LPADRLIST *)");
_Static_assert(MM_HAS_TYPE(((IMsgServiceAdminVtbl *)0)->CopyMsgService, HRESULT(STDMETHODCALLTYPE *)(IMsgServiceAdmin *, LPMAPIUID, LPTSTR, LPCIID, LPCIID, LPVOID, ULONG_PTR, ULONG)), "IMsgServiceAdmin::CopyMsgService(LPMAPIUID, LPTSTR, LPCIID, LPCIID, LPVOID, ULONG_PTR, ULONG)");
_Static_assert(MM_HAS_TYPE(((IProfAdminVtbl *)0)->AdminServices, HRESULT(STDMETHODCALLTYPE *)(IProfAdmin *, LPTSTR, LPTSTR, ULONG_PTR, ULONG, LPSERVICEADMIN *)), "IProfAdmin::AdminServices(LPTSTR, LPTSTR, ULONG_PTR, ULONG, LPSERVICEADMIN *)");

/* ---- property tags ---- */
_Static_assert(PROP_TAG(PT_TSTRING, 0x3001) == 0x3001001E && PR_DISPLAY_NAME == 0x3001001E, "PR_DISPLAY_NAME");
_Static_assert(PR_DISPLAY_NAME_W == 0x3001001F && PR_DISPLAY_NAME_A == 0x3001001E, "_W and _A spellings");
_Static_assert(PR_ENTRYID == 0x0FFF0102 && PR_RECORD_KEY == 0x0FF90102 && PR_OBJECT_TYPE == 0x0FFE0003, "object ids");
_Static_assert(PR_SUBJECT == 0x0037001E && PR_BODY_W == 0x1000001F && PR_MESSAGE_FLAGS == 0x0E070003, "messages");
_Static_assert(PR_PROVIDER_DLL_NAME == 0x300A001E && PR_RESOURCE_FLAGS == 0x30090003 && PR_SERVICE_UID == 0x3D0C0102,
               "profile sections");
_Static_assert(PR_STORE_SUPPORT_MASK == 0x340D0003 && PR_IPM_SUBTREE_ENTRYID == 0x35E00102, "stores");
_Static_assert(PR_MESSAGE_RECIPIENTS == 0x0E12000D && PR_MESSAGE_ATTACHMENTS == 0x0E13000D, "sub-objects");
_Static_assert(PR_CONVERSATION_ID == 0x30130102, "PR_CONVERSATION_ID");
_Static_assert(PR_BUSINESS_ADDRESS_CITY == PR_LOCALITY, "aliases");
_Static_assert(PROP_TYPE(PR_DISPLAY_NAME_W) == PT_UNICODE && PROP_ID(PR_DISPLAY_NAME_W) == 0x3001, "PROP_TYPE, PROP_ID");
_Static_assert(CHANGE_PROP_TYPE(PR_DISPLAY_NAME, PT_UNICODE) == PR_DISPLAY_NAME_W, "CHANGE_PROP_TYPE");
_Static_assert(CHANGE_PROP_TYPE(PR_DISPLAY_NAME, PT_MV_UNICODE) == 0x3001101F, "CHANGE_PROP_TYPE to multi-valued");
_Static_assert(PT_MV_TSTRING == 0x101E && MVI_PROP(PR_DISPLAY_NAME) == 0x3001301E, "MV_FLAG, MV_INSTANCE");
_Static_assert(PR_NULL == 0x00000001 && PT_ERROR == 10 && PT_I8 == 20 && PT_CLSID == 72 && PT_BINARY == 258, "types");
_Static_assert(FIsTransmittable(PR_SUBJECT) && !FIsTransmittable(PR_ENTRYID) && FIsTransmittable(0x80000003),
               "FIsTransmittable");

/* ---- an advise sink and a progress object written in C ---- */
typedef struct {
    const IMAPIAdviseSinkVtbl *lpVtbl;
    ULONG refs;
    ULONG notified;
    ULONG last_event;
} Sink;

static STDMETHODIMP Sink_QueryInterface(IMAPIAdviseSink *This, REFIID riid, LPVOID *ppv) {
    (void)riid;
    *ppv = This;
    This->lpVtbl->AddRef(This);
    return S_OK;
}
static STDMETHODIMP_(ULONG) Sink_AddRef(IMAPIAdviseSink *This) { return ++((Sink *)This)->refs; }
static STDMETHODIMP_(ULONG) Sink_Release(IMAPIAdviseSink *This) { return --((Sink *)This)->refs; }
static STDMETHODIMP_(ULONG) Sink_OnNotify(IMAPIAdviseSink *This, ULONG cNotif, LPNOTIFICATION lpNotifications) {
    Sink *s = (Sink *)This;
    for (ULONG i = 0; i < cNotif; ++i) {
        s->notified++;
        s->last_event = lpNotifications[i].ulEventType;
    }
    return 0;
}
static const IMAPIAdviseSinkVtbl sink_vtbl = {Sink_QueryInterface, Sink_AddRef, Sink_Release, Sink_OnNotify};

static ULONG progress_value;
static STDMETHODIMP Progress_QueryInterface(IMAPIProgress *This, REFIID riid, LPVOID *ppv) {
    (void)This, (void)riid, (void)ppv;
    return E_NOINTERFACE;
}
static STDMETHODIMP_(ULONG) Progress_AddRef(IMAPIProgress *This) { return (void)This, 1; }
static STDMETHODIMP_(ULONG) Progress_Release(IMAPIProgress *This) { return (void)This, 1; }
static STDMETHODIMP Progress_Progress(IMAPIProgress *This, ULONG ulValue, ULONG ulCount, ULONG ulTotal) {
    (void)This, (void)ulCount, (void)ulTotal;
    progress_value = ulValue;
    return S_OK;
}
static STDMETHODIMP Progress_GetFlags(IMAPIProgress *This, ULONG *lpulFlags) {
    (void)This;
    *lpulFlags = MAPI_TOP_LEVEL;
    return S_OK;
}
static STDMETHODIMP Progress_GetMax(IMAPIProgress *This, ULONG *lpulMax) { return (void)This, *lpulMax = 1000, S_OK; }
static STDMETHODIMP Progress_GetMin(IMAPIProgress *This, ULONG *lpulMin) { return (void)This, *lpulMin = 1, S_OK; }
static STDMETHODIMP Progress_SetLimits(IMAPIProgress *This, LPULONG lpulMin, LPULONG lpulMax, LPULONG lpulFlags) {
    (void)This, (void)lpulMin, (void)lpulMax, (void)lpulFlags;
    return MAPI_E_NO_SUPPORT;
}
static const IMAPIProgressVtbl progress_vtbl = {Progress_QueryInterface, Progress_AddRef,  Progress_Release,
                                               Progress_Progress,       Progress_GetFlags, Progress_GetMax,
                                               Progress_GetMin,         Progress_SetLimits};

int main(void) {
    /* Property values of every kind, as provider code fills them. */
    SPropValue props[6];
    memset(props, 0, sizeof props);
    props[0].ulPropTag = PR_DISPLAY_NAME;
    props[0].Value.LPSZ = (LPSTR) "Store";
    props[1].ulPropTag = PR_MESSAGE_SIZE;
    props[1].Value.l = 42;
    props[2].ulPropTag = PROP_TAG(PT_CURRENCY, 0x6600);
    props[2].Value.cur.int64 = 123456;
    props[3].ulPropTag = PROP_TAG(PT_I8, 0x6601);
    props[3].Value.li.QuadPart = ((LONGLONG)1 << 40) + 5;
    props[4].ulPropTag = PR_LAST_MODIFICATION_TIME;
    props[4].Value.ft.dwHighDateTime = 7;
    props[5].ulPropTag = CHANGE_PROP_TYPE(PR_ENTRYID, PT_ERROR);
    props[5].Value.err = MAPI_E_NOT_FOUND;
    CHECK(strcmp(props[0].Value.lpszA, "Store") == 0);
    CHECK(props[2].Value.cur.Lo == 123456 && props[2].Value.cur.Hi == 0);
    CHECK(props[3].Value.li.LowPart == 5 && props[3].Value.li.HighPart == 256 && props[3].Value.li.u.LowPart == 5);
    CHECK(PROP_TYPE(props[5].ulPropTag) == PT_ERROR && props[5].Value.err == MAPI_E_NOT_FOUND);

    /* Restrictions of each kind, including the three-ULONG static form (resCompareProps comes first). */
    SPropValue match = {PR_DISPLAY_NAME, 0, {0}};
    match.Value.lpszA = (LPSTR) "Inbox";
    SRestriction leaves[3] = {{RES_COMPAREPROPS, {{RELOP_EQ, PR_DISPLAY_NAME, PR_SUBJECT}}}};
    leaves[1].rt = RES_CONTENT;
    leaves[1].res.resContent.ulFuzzyLevel = FL_SUBSTRING | FL_IGNORECASE;
    leaves[1].res.resContent.ulPropTag = PR_DISPLAY_NAME;
    leaves[1].res.resContent.lpProp = &match;
    leaves[2].rt = RES_EXIST;
    leaves[2].res.resExist.ulPropTag = PR_ENTRYID;
    SRestriction all = {RES_AND, {{0, 0, 0}}};
    all.res.resAnd.cRes = 3;
    all.res.resAnd.lpRes = leaves;
    SRestriction top = {RES_COUNT, {{0, 0, 0}}};
    top.res.resCount.ulCount = 10;
    top.res.resCount.lpRes = &all;
    CHECK(leaves[0].res.resCompareProps.ulPropTag2 == PR_SUBJECT && leaves[0].res.resProperty.relop == RELOP_EQ);
    CHECK(top.res.resCount.lpRes->res.resAnd.lpRes[1].res.resContent.lpProp->Value.lpszA == match.Value.lpszA);
    CHECK(RES_ANNOTATION == 12 && RES_COUNT == 11 && RES_COMMENT == 10);

    /* Sort orders and tag arrays of a fixed size. */
    SizedSSortOrderSet(2, sort) = {2, 1, 1, {{PR_DISPLAY_NAME, TABLE_SORT_ASCEND}, {PR_MESSAGE_SIZE, TABLE_SORT_DESCEND}}};
    LPSSortOrderSet lpsort = (LPSSortOrderSet)&sort;
    CHECK(sort.aSort[1].ulOrder == TABLE_SORT_DESCEND && lpsort->cCategories == 1 && CbSSortOrderSet(lpsort) == 12 + 2 * sizeof(SSortOrder));
    SizedSPropTagArray(3, cols) = {3, {PR_ENTRYID, PR_DISPLAY_NAME, PR_INSTANCE_KEY}};
    CHECK(CbSPropTagArray((LPSPropTagArray)&cols) == 16);

    /* An advise sink called through IMAPIAdviseSink with a table notification. */
    Sink sink = {&sink_vtbl, 1, 0, 0};
    LPMAPIADVISESINK lpsink = (LPMAPIADVISESINK)&sink;
    NOTIFICATION notifications[2];
    memset(notifications, 0, sizeof notifications);
    notifications[0].ulEventType = fnevObjectModified;
    notifications[0].info.obj.ulObjType = MAPI_FOLDER;
    notifications[1].ulEventType = fnevTableModified;
    notifications[1].info.tab.ulTableEvent = TABLE_ROW_MODIFIED;
    notifications[1].info.tab.propIndex = props[1];
    CHECK(lpsink->lpVtbl->OnNotify(lpsink, 2, notifications) == 0);
    CHECK(sink.notified == 2 && sink.last_event == fnevTableModified);
    LPUNKNOWN unk = NULL;
    CHECK(lpsink->lpVtbl->QueryInterface(lpsink, &IID_IUnknown, (LPVOID *)&unk) == S_OK && unk == (LPUNKNOWN)lpsink);
    CHECK(UlRelease(unk) == 1 && UlAddRef(lpsink) == 2);

    /* A progress object. */
    IMAPIProgress progress = {&progress_vtbl};
    ULONG flags = 0, max = 0;
    CHECK(progress.lpVtbl->Progress(&progress, 500, 1, 2) == S_OK && progress_value == 500);
    CHECK(progress.lpVtbl->GetFlags(&progress, &flags) == S_OK && flags == MAPI_TOP_LEVEL);
    CHECK(progress.lpVtbl->GetMax(&progress, &max) == S_OK && max == 1000);
    CHECK(progress.lpVtbl->SetLimits(&progress, NULL, NULL, NULL) == MAPI_E_NO_SUPPORT);

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("sdk_mapidefs: layouts, slots, tags and C objects as documented\n");
    return 0;
}
