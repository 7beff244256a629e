/*
 * mapiutil_functions.h — the MAPIUtil.h functions libmockmapi implements, with the SDK's names, parameters and
 * calling convention (STDAPI: __stdcall on 32-bit Windows). Included by mapiutil.h; include that instead.
 *
 * Memory: every buffer these functions (and the objects they create) return comes from the allocators given
 * (MAPIAllocateBuffer for the MAPI calls), with everything it points to chained to it by MAPIAllocateMore, so
 * one MAPIFreeBuffer frees it; row sets are freed with FreeProws, address lists with FreePadrlist.
 *
 * As in MAPI, they need no MAPIInitialize: they work on the objects and allocators they are given (providers
 * build their tables in their entry points and save from them inside DoFastShutdown). CreateIProp,
 * CreateTable, HrGetOneProp, HrSetOneProp, HrQueryAllRows, FreeProws and FreePadrlist are journaled as client
 * calls with their result. Bad input (NULL where a value is required, an unknown property type) is a journal
 * violation and MAPI_E_INVALID_PARAMETER.
 * Thread-safety: every function and every object method may be called from any thread.
 */
#ifndef MOCKMAPI_SDK_MAPIUTIL_FUNCTIONS_H
#define MOCKMAPI_SDK_MAPIUTIL_FUNCTIONS_H

#include "mapidefs.h"

/* The structures and interfaces the prototypes name, by their SDK tags (mapidefs.h and mapiutil.h define them). */
struct _SRestriction;
struct _SSortOrderSet;
struct _MAPINAMEID;
struct IPropData;
struct ITableData;

#ifdef __cplusplus
extern "C" {
#endif

/* ---- objects ------------------------------------------------------------------------------------------ */

/* A new, empty IPropData (one reference: Release it). lpInterface: NULL or &IID_IMAPIPropData (else
 * MAPI_E_INTERFACE_NOT_SUPPORTED). Results of its methods are allocated with the three functions given
 * (normally MAPIAllocateBuffer, MAPIAllocateMore, MAPIFreeBuffer; all three required). GetProps reports a
 * missing value as PT_ERROR/MAPI_E_NOT_FOUND and returns MAPI_W_ERRORS_RETURNED; a read-only object
 * (HrSetObjAccess(IPROP_READONLY)) refuses SetProps/DeleteProps with MAPI_E_NO_ACCESS; a read-only property is
 * a MAPI_E_NO_ACCESS problem. OpenProperty, GetNamesFromIDs and GetIDsFromNames return MAPI_E_NO_SUPPORT. */
SCODE STDAPICALLTYPE CreateIProp(LPCIID lpInterface, ALLOCATEBUFFER *lpAllocateBuffer, ALLOCATEMORE *lpAllocateMore,
                                 FREEBUFFER *lpFreeBuffer, LPVOID lpvReserved, struct IPropData **lppPropData);

/* A new, empty ITableData (one reference: Release it) whose rows are identified by ulPropTagIndexColumn and
 * whose views start with the columns lpSPropTagArrayColumns. lpInterface: NULL or &IID_IMAPITableData;
 * ulTableType: TBLTYPE_SNAPSHOT, TBLTYPE_KEYSET or TBLTYPE_DYNAMIC. Views (HrGetView) support SetColumns,
 * QueryColumns, QueryRows, GetRowCount, SeekRow, SeekRowApprox, QueryPosition, FindRow, Restrict (every
 * restriction kind but RES_SUBRESTRICTION, RES_COUNT and RELOP_RE, which are MAPI_E_TOO_COMPLEX), SortTable
 * (no categories), bookmarks, and Advise/Unadvise with fnevTableModified notifications (TABLE_ROW_ADDED,
 * TABLE_ROW_MODIFIED, TABLE_ROW_DELETED for one row, TABLE_CHANGED for HrModifyRows/HrDeleteRows). Strings
 * compare case-insensitively in restrictions and sorts. */
SCODE STDAPICALLTYPE CreateTable(LPCIID lpInterface, ALLOCATEBUFFER *lpAllocateBuffer, ALLOCATEMORE *lpAllocateMore,
                                 FREEBUFFER *lpFreeBuffer, LPVOID lpvReserved, ULONG ulTableType,
                                 ULONG ulPropTagIndexColumn, LPSPropTagArray lpSPropTagArrayColumns,
                                 struct ITableData **lppTableData);

/* ---- MAPI calls on objects ------------------------------------------------------------------------------ */

/* One property through IMAPIProp::GetProps; *lppProp (MAPIFreeBuffer it) is written only on success. A missing
 * property is MAPI_E_NOT_FOUND. */
HRESULT STDAPICALLTYPE HrGetOneProp(LPMAPIPROP lpMapiProp, ULONG ulPropTag, LPSPropValue *lppProp);

/* One property through IMAPIProp::SetProps; a problem the object reports for it becomes the result. */
HRESULT STDAPICALLTYPE HrSetOneProp(LPMAPIPROP lpMapiProp, LPSPropValue lpProp);

/* Every row of a table: SetColumns(lpPropTags), Restrict(lpRestriction), SortTable(lpSortOrderSet) when given,
 * then from the beginning. crowsMax > 0 caps the rows (a bigger table is MAPI_E_TABLE_TOO_BIG); 0 reads all.
 * *lppRows (FreeProws it) is written only on success. */
HRESULT STDAPICALLTYPE HrQueryAllRows(LPMAPITABLE lpTable, LPSPropTagArray lpPropTags,
                                      struct _SRestriction *lpRestriction, struct _SSortOrderSet *lpSortOrderSet,
                                      LONG crowsMax, LPSRowSet *lppRows);

/* Free each row's lpProps, then the row set, with MAPIFreeBuffer. NULL does nothing. */
void STDAPICALLTYPE FreeProws(LPSRowSet lpRows);

/* Free each entry's rgPropVals, then the list, with MAPIFreeBuffer. NULL does nothing. */
void STDAPICALLTYPE FreePadrlist(LPADRLIST lpAdrlist);

/* ---- property helpers ----------------------------------------------------------------------------------- */

/* The first value in the array with ulPropTag's ID and type (any type when PROP_TYPE(ulPropTag) is
 * PT_UNSPECIFIED); NULL if none. Points into lpPropArray. */
LPSPropValue STDAPICALLTYPE PpropFindProp(LPSPropValue lpPropArray, ULONG cValues, ULONG ulPropTag);

/* *lpcb (optional) receives the bytes ScCopyProps needs to copy the array and everything it points to. */
SCODE STDAPICALLTYPE ScCountProps(int cValues, LPSPropValue lpPropArray, ULONG *lpcb);

/* Copy the array and everything it points to into one block at lpvDst (of the size ScCountProps gave);
 * *lpcb (optional) receives the bytes used. */
SCODE STDAPICALLTYPE ScCopyProps(int cValues, LPSPropValue lpPropArray, LPVOID lpvDst, ULONG *lpcb);

/* Copy one value into *lpSPropValueDest, its strings, binaries and arrays allocated with lpfAllocMore chained
 * to lpvObject. */
SCODE STDAPICALLTYPE PropCopyMore(LPSPropValue lpSPropValueDest, LPSPropValue lpSPropValueSrc,
                                  ALLOCATEMORE *lpfAllocMore, LPVOID lpvObject);

/* Negative, zero or positive as A is less than, equal to or greater than B (strings case-sensitively). Use it
 * on values of the same type; values of different types compare non-zero, consistently. */
LONG STDAPICALLTYPE LPropCompareProp(LPSPropValue lpSPropValueA, LPSPropValue lpSPropValueB);

/* The size of a value: a string with its terminating NUL, a binary's cb, the width of a fixed-size type, the
 * sum over the values of a multi-valued property; 0 for NULL or an unknown type. */
ULONG STDAPICALLTYPE UlPropSize(LPSPropValue lpSPropValue);

/* TRUE when both name the same named property: the same property set GUID (or both none), the same kind, and
 * the same number or the same name (case-sensitive). */
BOOL STDAPICALLTYPE FEqualNames(struct _MAPINAMEID *lpName1, struct _MAPINAMEID *lpName2);

#ifdef __cplusplus
}
#endif

#endif /* MOCKMAPI_SDK_MAPIUTIL_FUNCTIONS_H */
