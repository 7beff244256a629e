/*
 * imessage.h — IMessage on IStorage, for mockmapi's SDK-compatible headers (see ../README.md): the message
 * session handle, the property attribute arrays (SPropAttrArray, PROPATTR_*) and the declarations of
 * OpenIMsgSession, CloseIMsgSession, OpenIMsgOnIStg, GetAttribIMsgOnIStg, SetAttribIMsgOnIStg and
 * MapStorageSCode. libmockmapi does not implement these functions: code that calls them compiles, and links
 * only against an implementation of its own.
 */
#ifndef _IMESSAGE_H_
#define _IMESSAGE_H_

#include "mapidefs.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _MSGSESS *LPMSGSESS;
typedef void(STDAPICALLTYPE MSGCALLRELEASE)(ULONG ulCallerData, LPMESSAGE lpMessage);

#define IMSG_NO_ISTG_COMMIT ((ULONG)0x00000001)

#define PROPATTR_MANDATORY ((ULONG)0x00000001)
#define PROPATTR_READABLE ((ULONG)0x00000002)
#define PROPATTR_WRITEABLE ((ULONG)0x00000004)
#define PROPATTR_NOT_PRESENT ((ULONG)0x00000008)

typedef struct _SPropAttrArray {
    ULONG cValues;
    ULONG aPropAttr[MAPI_DIM];
} SPropAttrArray, *LPSPropAttrArray;
#define CbNewSPropAttrArray(_cattr) (offsetof(SPropAttrArray, aPropAttr) + (_cattr) * sizeof(ULONG))
#define CbSPropAttrArray(_lparray) (offsetof(SPropAttrArray, aPropAttr) + (UINT)((_lparray)->cValues) * sizeof(ULONG))
#define SizedSPropAttrArray(_cattr, _name) \
    struct _SPropAttrArray_##_name {       \
        ULONG cValues;                     \
        ULONG aPropAttr[_cattr];           \
    } _name

STDAPI_(SCODE) OpenIMsgSession(LPMALLOC lpMalloc, ULONG ulFlags, LPMSGSESS *lppMsgSess);
STDAPI_(void) CloseIMsgSession(LPMSGSESS lpMsgSess);
STDAPI_(SCODE) OpenIMsgOnIStg(LPMSGSESS lpMsgSess, LPALLOCATEBUFFER lpAllocateBuffer, LPALLOCATEMORE lpAllocateMore,
                              LPFREEBUFFER lpFreeBuffer, LPMALLOC lpMalloc, LPVOID lpMapiSup, LPSTORAGE lpStg,
                              MSGCALLRELEASE *lpfMsgCallRelease, ULONG ulCallerData, ULONG ulFlags,
                              LPMESSAGE *lppMsg);
STDAPI GetAttribIMsgOnIStg(LPVOID lpObject, LPSPropTagArray lpPropTagArray, LPSPropAttrArray *lppPropAttrArray);
STDAPI SetAttribIMsgOnIStg(LPVOID lpObject, LPSPropTagArray lpPropTags, LPSPropAttrArray lpPropAttrs,
                           LPSPropProblemArray *lppPropProblems);
STDAPI_(SCODE) MapStorageSCode(SCODE StgSCode);

#ifdef __cplusplus
}
#endif

#endif /* _IMESSAGE_H_ */
