/*
 * mapiutil.h — MAPI's utility objects and functions, for mockmapi's SDK-compatible headers (see ../README.md):
 * ITableData (an in-memory table, CreateTable) and IPropData (an in-memory property bag, CreateIProp) with
 * their MAPI_I*_METHODS macros and access flags, UlAddRef and UlRelease; includes mapix.h and mapispi.h.
 */
#ifndef MAPIUTIL_H
#define MAPIUTIL_H

#include "mapix.h"
#include "mapispi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ITableData: a table kept in memory, handing out IMAPITable views (CreateTable) ----------------------- */
DECLARE_MAPI_INTERFACE_PTR(ITableData, LPTABLEDATA);

/* Called when a view obtained with HrGetView is released. */
typedef void(STDAPICALLTYPE CALLERRELEASE)(ULONG_PTR ulCallerData, LPTABLEDATA lpTblData, LPMAPITABLE lpVue);

#define MAPI_ITABLEDATA_METHODS(IPURE)                                                                       \
    MAPIMETHOD(HrGetView)(THIS_ LPSSortOrderSet lpSSortOrderSet, CALLERRELEASE * lpfCallerRelease,           \
                          ULONG_PTR ulCallerData, LPMAPITABLE * lppMAPITable) IPURE;                         \
    MAPIMETHOD(HrModifyRow)(THIS_ LPSRow) IPURE;                                                             \
    MAPIMETHOD(HrDeleteRow)(THIS_ LPSPropValue lpSPropValue) IPURE;                                          \
    MAPIMETHOD(HrQueryRow)(THIS_ LPSPropValue lpsPropValue, LPSRow * lppSRow, ULONG * lpuliRow) IPURE;       \
    MAPIMETHOD(HrEnumRow)(THIS_ ULONG ulRowNumber, LPSRow * lppSRow) IPURE;                                  \
    MAPIMETHOD(HrNotify)(THIS_ ULONG ulFlags, ULONG cValues, LPSPropValue lpSPropValue) IPURE;               \
    MAPIMETHOD(HrInsertRow)(THIS_ ULONG uliRow, LPSRow lpSRow) IPURE;                                        \
    MAPIMETHOD(HrModifyRows)(THIS_ ULONG ulFlags, LPSRowSet lpSRowSet) IPURE;                                \
    MAPIMETHOD(HrDeleteRows)(THIS_ ULONG ulFlags, LPSRowSet lprowsetToDelete, ULONG * cRowsDeleted) IPURE;

#undef INTERFACE
#define INTERFACE ITableData
DECLARE_MAPI_INTERFACE_(ITableData, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_ITABLEDATA_METHODS(PURE)
};

/* HrDeleteRows: delete every row. */
#define TAD_ALL_ROWS 1

/* ---- IPropData: a property bag kept in memory (CreateIProp) ------------------------------------------------ */
#define MAPI_IPROPDATA_METHODS(IPURE)                                                                     \
    MAPIMETHOD(HrSetObjAccess)(THIS_ ULONG ulAccess) IPURE;                                               \
    MAPIMETHOD(HrSetPropAccess)(THIS_ LPSPropTagArray lpPropTagArray, ULONG * rgulAccess) IPURE;          \
    MAPIMETHOD(HrGetPropAccess)(THIS_ LPSPropTagArray * lppPropTagArray, ULONG * *lprgulAccess) IPURE;    \
    MAPIMETHOD(HrAddObjProps)(THIS_ LPSPropTagArray lppPropTagArray, LPSPropProblemArray * lprgulAccess) IPURE;

#undef INTERFACE
#define INTERFACE IPropData
DECLARE_MAPI_INTERFACE_(IPropData, IMAPIProp) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPIPROP_METHODS(PURE)
    MAPI_IPROPDATA_METHODS(PURE)
};
DECLARE_MAPI_INTERFACE_PTR(IPropData, LPPROPDATA);

/* Object and property access (HrSetObjAccess, HrSetPropAccess) */
#define IPROP_READONLY ((ULONG)0x00000001)
#define IPROP_READWRITE ((ULONG)0x00000002)
#define IPROP_CLEAN ((ULONG)0x00010000)
#define IPROP_DIRTY ((ULONG)0x00020000)

#ifdef __cplusplus
}
#endif

/* AddRef / Release through IUnknown; 0 for NULL. */
static inline ULONG UlAddRef(LPVOID lpunk) {
    LPUNKNOWN unk = (LPUNKNOWN)lpunk;
    if (unk == NULL) return 0;
#if defined(MOCKMAPI_SDK_CLASSES)
    return unk->AddRef();
#else
    return unk->lpVtbl->AddRef(unk);
#endif
}

static inline ULONG UlRelease(LPVOID lpunk) {
    LPUNKNOWN unk = (LPUNKNOWN)lpunk;
    if (unk == NULL) return 0;
#if defined(MOCKMAPI_SDK_CLASSES)
    return unk->Release();
#else
    return unk->lpVtbl->Release(unk);
#endif
}

/* ---- the FBad* checks MAPI exports for providers' own argument checks (nonzero = bad) -------------------
 * Implemented here, inline, from their documented meaning; they look at values, not at whether memory is
 * readable (Windows' IsBadReadPtr has no portable equivalent). */

/* The property type of ulPropTag (multi-valued or not, MV_INSTANCE ignored) is not a MAPI type. */
static inline ULONG FBadPropTag(ULONG ulPropTag) {
    switch (PROP_TYPE(ulPropTag) & ~(ULONG)(MV_FLAG | MV_INSTANCE)) {
    case PT_UNSPECIFIED: case PT_NULL: case PT_I2: case PT_LONG: case PT_R4: case PT_DOUBLE: case PT_CURRENCY:
    case PT_APPTIME: case PT_ERROR: case PT_BOOLEAN: case PT_OBJECT: case PT_I8: case PT_STRING8:
    case PT_UNICODE: case PT_SYSTIME: case PT_CLSID: case PT_BINARY:
        return FALSE;
    default:
        return TRUE;
    }
}

/* NULL, a bad tag, or a value whose pointers its type requires are NULL (strings, GUIDs, a binary's bytes,
 * a multi-valued property's array or one of its strings or binaries). */
static inline ULONG FBadProp(LPSPropValue lpProp) {
    ULONG i;
    if (lpProp == NULL || FBadPropTag(lpProp->ulPropTag)) return TRUE;
    switch (PROP_TYPE(lpProp->ulPropTag) & ~(ULONG)MV_INSTANCE) {
    case PT_STRING8: return lpProp->Value.lpszA == NULL;
    case PT_UNICODE: return lpProp->Value.lpszW == NULL;
    case PT_CLSID: return lpProp->Value.lpguid == NULL;
    case PT_BINARY: return lpProp->Value.bin.cb != 0 && lpProp->Value.bin.lpb == NULL;
    case PT_MV_STRING8:
        if (lpProp->Value.MVszA.cValues != 0 && lpProp->Value.MVszA.lppszA == NULL) return TRUE;
        for (i = 0; i < lpProp->Value.MVszA.cValues; ++i)
            if (lpProp->Value.MVszA.lppszA[i] == NULL) return TRUE;
        return FALSE;
    case PT_MV_UNICODE:
        if (lpProp->Value.MVszW.cValues != 0 && lpProp->Value.MVszW.lppszW == NULL) return TRUE;
        for (i = 0; i < lpProp->Value.MVszW.cValues; ++i)
            if (lpProp->Value.MVszW.lppszW[i] == NULL) return TRUE;
        return FALSE;
    case PT_MV_BINARY:
        if (lpProp->Value.MVbin.cValues != 0 && lpProp->Value.MVbin.lpbin == NULL) return TRUE;
        for (i = 0; i < lpProp->Value.MVbin.cValues; ++i)
            if (lpProp->Value.MVbin.lpbin[i].cb != 0 && lpProp->Value.MVbin.lpbin[i].lpb == NULL) return TRUE;
        return FALSE;
    default:
        /* every other multi-valued array: its pointer is the union's second member, after cValues */
        if ((PROP_TYPE(lpProp->ulPropTag) & MV_FLAG) != 0)
            return lpProp->Value.MVl.cValues != 0 && lpProp->Value.MVl.lpl == NULL;
        return FALSE;
    }
}

/* NULL, values missing, or a bad value. */
static inline ULONG FBadRow(LPSRow lpRow) {
    ULONG i;
    if (lpRow == NULL || (lpRow->cValues != 0 && lpRow->lpProps == NULL)) return TRUE;
    for (i = 0; i < lpRow->cValues; ++i)
        if (FBadProp(&lpRow->lpProps[i])) return TRUE;
    return FALSE;
}

/* NULL, or a bad row. */
static inline ULONG FBadRowSet(LPSRowSet lpRowSet) {
    ULONG i;
    if (lpRowSet == NULL) return TRUE;
    for (i = 0; i < lpRowSet->cRows; ++i)
        if (FBadRow(&lpRowSet->aRow[i])) return TRUE;
    return FALSE;
}

/* NULL, or a column that is a bad tag or of type PT_ERROR (which no column set may ask for). */
static inline ULONG FBadColumnSet(LPSPropTagArray lpptaCols) {
    ULONG i;
    if (lpptaCols == NULL) return TRUE;
    for (i = 0; i < lpptaCols->cValues; ++i)
        if (FBadPropTag(lpptaCols->aulPropTag[i]) || PROP_TYPE(lpptaCols->aulPropTag[i]) == PT_ERROR) return TRUE;
    return FALSE;
}

/* cStrings strings, none NULL. */
static inline ULONG FBadRglpszA(LPSTR *lppszA, ULONG cStrings) {
    ULONG i;
    if (cStrings != 0 && lppszA == NULL) return TRUE;
    for (i = 0; i < cStrings; ++i)
        if (lppszA[i] == NULL) return TRUE;
    return FALSE;
}
static inline ULONG FBadRglpszW(LPWSTR *lppszW, ULONG cStrings) {
    ULONG i;
    if (cStrings != 0 && lppszW == NULL) return TRUE;
    for (i = 0; i < cStrings; ++i)
        if (lppszW[i] == NULL) return TRUE;
    return FALSE;
}

/* cNames names, each with a property set, a known kind, and a name when the kind is MNID_STRING. */
static inline ULONG FBadRglpNameID(LPMAPINAMEID *lppNameId, ULONG cNames) {
    ULONG i;
    if (cNames != 0 && lppNameId == NULL) return TRUE;
    for (i = 0; i < cNames; ++i) {
        LPMAPINAMEID name = lppNameId[i];
        if (name == NULL || name->lpguid == NULL) return TRUE;
        if (name->ulKind != MNID_ID && name->ulKind != MNID_STRING) return TRUE;
        if (name->ulKind == MNID_STRING && name->Kind.lpwstrName == NULL) return TRUE;
    }
    return FALSE;
}

/* NULL, entries missing, or an entry with bytes but no pointer to them. */
static inline ULONG FBadEntryList(LPENTRYLIST lpEntryList) {
    ULONG i;
    if (lpEntryList == NULL || (lpEntryList->cValues != 0 && lpEntryList->lpbin == NULL)) return TRUE;
    for (i = 0; i < lpEntryList->cValues; ++i)
        if (lpEntryList->lpbin[i].cb != 0 && lpEntryList->lpbin[i].lpb == NULL) return TRUE;
    return FALSE;
}

#include "mapiutil_functions.h"

#endif /* MAPIUTIL_H */
