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

#include "mapiutil_functions.h"

#endif /* MAPIUTIL_H */
