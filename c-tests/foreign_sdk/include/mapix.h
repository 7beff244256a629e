/* A vendored SDK's mapix.h, reduced to the constructs that matter to the base layer (see ../README.md). */
#ifndef MAPIX_H
#define MAPIX_H
#ifndef MAPIDEFS_H
#include <mapidefs.h>
#endif
#ifdef __cplusplus
extern "C" {
#endif

DECLARE_MAPI_INTERFACE_PTR(IMAPISession, LPMAPISESSION);

typedef HRESULT(STDAPICALLTYPE MAPIINITIALIZE)(LPVOID lpMapiInit);
typedef void(STDAPICALLTYPE MAPIUNINITIALIZE)(void);
MAPIINITIALIZE MAPIInitialize;
MAPIUNINITIALIZE MAPIUninitialize;
typedef HRESULT(STDMETHODCALLTYPE MAPILOGONEX)(ULONG_PTR ulUIParam, __in_opt LPTSTR lpszProfileName,
                                               __in_opt LPTSTR lpszPassword, ULONG ulFlags,
                                               LPMAPISESSION FAR *lppSession);
MAPILOGONEX MAPILogonEx;
typedef ULONG(STDAPICALLTYPE MAPIFREEBUFFER)(LPVOID lpBuffer);
MAPIFREEBUFFER MAPIFreeBuffer;

/* IMAPISession, up to Logoff (slot 17); the rest is not needed here. */
#define MAPI_IMAPISESSION_METHODS(IPURE)                                                              \
    MAPIMETHOD(GetLastError)(THIS_ HRESULT hResult, ULONG ulFlags, LPVOID FAR * lppMAPIError) IPURE; \
    MAPIMETHOD(GetMsgStoresTable)(THIS_ ULONG ulFlags, LPVOID FAR * lppTable) IPURE;                 \
    MAPIMETHOD(OpenMsgStore)(THIS_ ULONG_PTR ulUIParam, ULONG cbEntryID, LPENTRYID lpEntryID,         \
                             LPCIID lpInterface, ULONG ulFlags, LPVOID FAR * lppMDB) IPURE;           \
    MAPIMETHOD(OpenAddressBook)(THIS_ ULONG_PTR ulUIParam, LPCIID lpInterface, ULONG ulFlags,         \
                                LPVOID FAR * lppAdrBook) IPURE;                                       \
    MAPIMETHOD(OpenProfileSection)(THIS_ LPVOID lpUID, LPCIID lpInterface, ULONG ulFlags,             \
                                   LPVOID FAR * lppProfSect) IPURE;                                   \
    MAPIMETHOD(GetStatusTable)(THIS_ ULONG ulFlags, LPVOID FAR * lppTable) IPURE;                     \
    MAPIMETHOD(OpenEntry)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, LPCIID lpInterface,             \
                          ULONG ulFlags, ULONG FAR * lpulObjType, IUnknown FAR * FAR * lppUnk) IPURE; \
    MAPIMETHOD(CompareEntryIDs)(THIS_ ULONG cb1, LPENTRYID lp1, ULONG cb2, LPENTRYID lp2,             \
                                ULONG ulFlags, ULONG FAR * lpulResult) IPURE;                         \
    MAPIMETHOD(Advise)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulEventMask,                 \
                       LPVOID lpAdviseSink, ULONG_PTR FAR * lpulConnection) IPURE;                    \
    MAPIMETHOD(Unadvise)(THIS_ ULONG_PTR ulConnection) IPURE;                                         \
    MAPIMETHOD(MessageOptions)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, LPTSTR lpszAdrType,          \
                               LPVOID lpMessage) IPURE;                                               \
    MAPIMETHOD(QueryDefaultMessageOpt)(THIS_ LPTSTR lpszAdrType, ULONG ulFlags,                       \
                                       ULONG FAR * lpcValues, LPSPropValue FAR * lppOptions) IPURE;   \
    MAPIMETHOD(EnumAdrTypes)(THIS_ ULONG ulFlags, ULONG FAR * lpcAdrTypes,                            \
                             LPTSTR FAR * FAR * lpppszAdrTypes) IPURE;                                \
    MAPIMETHOD(QueryIdentity)(THIS_ ULONG FAR * lpcbEntryID, LPENTRYID FAR * lppEntryID) IPURE;       \
    MAPIMETHOD(Logoff)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, ULONG ulReserved) IPURE;

#undef INTERFACE
#define INTERFACE IMAPISession
DECLARE_MAPI_INTERFACE_(IMAPISession, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPISESSION_METHODS(PURE)
};

#ifdef __cplusplus
}
#endif
#endif /* MAPIX_H */
