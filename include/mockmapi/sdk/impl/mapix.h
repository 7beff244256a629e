/*
 * mapix.h — Extended MAPI for clients, for mockmapi's SDK-compatible headers (see ../README.md): the
 * MAPILogonEx and Logoff flags, MAPIINIT_0, the MAPI entry points (implemented by libmockmapi; declared with
 * their SDK typedefs on top of mockmapi.h's declarations), IMAPISession with all its methods, and
 * IMAPIClientShutdown; IAddrBook, IProfAdmin and IMsgServiceAdmin with their MAPI_I*_METHODS macros, in the
 * SDK's method order (declared for providers and clients to implement or call; libmockmapi implements none).
 *
 * In C++ (without CINTERFACE) IMAPISession and IMAPIClientShutdown are abstract classes; in C they are
 * mockmapi.h's lpVtbl structs. Both describe the same vtables.
 */
#ifndef MAPIX_H
#define MAPIX_H

#include "mapidefs.h"
#include "mapicode.h"
#include "mapiguid.h"
#include "mapitags.h"

#ifdef __cplusplus
extern "C" {
#endif

DECLARE_MAPI_INTERFACE_PTR(IProfAdmin, LPPROFADMIN);
DECLARE_MAPI_INTERFACE_PTR(IMsgServiceAdmin, LPSERVICEADMIN);

typedef ULONG FLAGS;

/* MAPILogonEx flags */
#define MAPI_LOGON_UI 0x00000001
#define MAPI_NEW_SESSION 0x00000002
#define MAPI_APP_PROFILE 0x00000004
#define MAPI_ALLOW_OTHERS 0x00000008
#define MAPI_EXPLICIT_PROFILE 0x00000010
#define MAPI_EXTENDED 0x00000020
#define MAPI_FORCE_DOWNLOAD 0x00001000
#define MAPI_SERVICE_UI_ALWAYS 0x00002000
#define MAPI_NO_MAIL 0x00008000
#ifndef MAPI_PASSWORD_UI
#define MAPI_PASSWORD_UI 0x00020000
#endif
#define MAPI_TIMEOUT_SHORT 0x00100000
#define MAPI_SIMPLE_DEFAULT (MAPI_LOGON_UI | MAPI_FORCE_DOWNLOAD | MAPI_ALLOW_OTHERS)
#define MAPI_SIMPLE_EXPLICIT (MAPI_NEW_SESSION | MAPI_FORCE_DOWNLOAD | MAPI_EXPLICIT_PROFILE)

/* MAPIInitialize's argument (mockmapi accepts it, or NULL, and does not retain it) */
typedef struct {
    ULONG ulVersion;
    ULONG ulFlags;
} MAPIINIT_0, *LPMAPIINIT_0;
typedef MAPIINIT_0 MAPIINIT;
typedef MAPIINIT *LPMAPIINIT;
#define MAPI_INIT_VERSION 0
#define MAPI_MULTITHREAD_NOTIFICATIONS 0x00000001

/* The MAPI entry points, as the SDK declares them (the same functions as mockmapi.h's declarations). */
typedef HRESULT(STDAPICALLTYPE MAPIINITIALIZE)(LPVOID lpMapiInit);
typedef MAPIINITIALIZE *LPMAPIINITIALIZE;
typedef void(STDAPICALLTYPE MAPIUNINITIALIZE)(void);
typedef MAPIUNINITIALIZE *LPMAPIUNINITIALIZE;
MAPIINITIALIZE MAPIInitialize;
MAPIUNINITIALIZE MAPIUninitialize;

typedef HRESULT(STDMETHODCALLTYPE MAPILOGONEX)(ULONG_PTR ulUIParam, _In_opt_ LPTSTR lpszProfileName,
                                               _In_opt_ LPTSTR lpszPassword, ULONG ulFlags,
                                               LPMAPISESSION *lppSession);
typedef MAPILOGONEX *LPMAPILOGONEX;
MAPILOGONEX MAPILogonEx;

typedef SCODE(STDMETHODCALLTYPE MAPIALLOCATEBUFFER)(ULONG cbSize, LPVOID *lppBuffer);
typedef SCODE(STDMETHODCALLTYPE MAPIALLOCATEMORE)(ULONG cbSize, LPVOID lpObject, LPVOID *lppBuffer);
typedef ULONG(STDAPICALLTYPE MAPIFREEBUFFER)(LPVOID lpBuffer);
typedef MAPIALLOCATEBUFFER *LPMAPIALLOCATEBUFFER;
typedef MAPIALLOCATEMORE *LPMAPIALLOCATEMORE;
typedef MAPIFREEBUFFER *LPMAPIFREEBUFFER;
MAPIALLOCATEBUFFER MAPIAllocateBuffer;
MAPIALLOCATEMORE MAPIAllocateMore;
MAPIFREEBUFFER MAPIFreeBuffer;

/* IMAPISession::Logoff flags */
#define MAPI_LOGOFF_SHARED 0x00000001
#define MAPI_LOGOFF_UI 0x00000002

/* IMAPISession::SetDefaultStore flags */
#define MAPI_DEFAULT_STORE 0x00000001
#define MAPI_SIMPLE_STORE_TEMPORARY 0x00000002
#define MAPI_SIMPLE_STORE_PERMANENT 0x00000003
#define MAPI_PRIMARY_STORE 0x00000004
#define MAPI_SECONDARY_STORE 0x00000005

/* IMAPISession::ShowForm flags */
#define MAPI_POST_MESSAGE 0x00000001
#define MAPI_NEW_MESSAGE 0x00000002

/* ---- IMAPISession: IUnknown, then these 19 methods (Logoff is vtable slot 17) ------------------------- */
#define MAPI_IMAPISESSION_METHODS(IPURE)                                                                      \
    MAPIMETHOD(GetLastError)(THIS_ HRESULT hResult, ULONG ulFlags, LPMAPIERROR * lppMAPIError) IPURE;         \
    MAPIMETHOD(GetMsgStoresTable)(THIS_ ULONG ulFlags, LPMAPITABLE * lppTable) IPURE;                         \
    MAPIMETHOD(OpenMsgStore)(THIS_ ULONG_PTR ulUIParam, ULONG cbEntryID, LPENTRYID lpEntryID,                 \
                             LPCIID lpInterface, ULONG ulFlags, LPMDB * lppMDB) IPURE;                         \
    MAPIMETHOD(OpenAddressBook)(THIS_ ULONG_PTR ulUIParam, LPCIID lpInterface, ULONG ulFlags,                 \
                                LPADRBOOK * lppAdrBook) IPURE;                                                \
    MAPIMETHOD(OpenProfileSection)(THIS_ LPMAPIUID lpUID, LPCIID lpInterface, ULONG ulFlags,                  \
                                   LPPROFSECT * lppProfSect) IPURE;                                           \
    MAPIMETHOD(GetStatusTable)(THIS_ ULONG ulFlags, LPMAPITABLE * lppTable) IPURE;                            \
    MAPIMETHOD(OpenEntry)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, LPCIID lpInterface, ULONG ulFlags,      \
                          ULONG * lpulObjType, LPUNKNOWN * lppUnk) IPURE;                                     \
    MAPIMETHOD(CompareEntryIDs)(THIS_ ULONG cbEntryID1, LPENTRYID lpEntryID1, ULONG cbEntryID2,               \
                                LPENTRYID lpEntryID2, ULONG ulFlags, ULONG * lpulResult) IPURE;               \
    MAPIMETHOD(Advise)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulEventMask,                         \
                       LPMAPIADVISESINK lpAdviseSink, ULONG_PTR * lpulConnection) IPURE;                      \
    MAPIMETHOD(Unadvise)(THIS_ ULONG_PTR ulConnection) IPURE;                                                 \
    MAPIMETHOD(MessageOptions)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, LPTSTR lpszAdrType,                  \
                               LPMESSAGE lpMessage) IPURE;                                                    \
    MAPIMETHOD(QueryDefaultMessageOpt)(THIS_ LPTSTR lpszAdrType, ULONG ulFlags, ULONG * lpcValues,            \
                                       LPSPropValue * lppOptions) IPURE;                                      \
    MAPIMETHOD(EnumAdrTypes)(THIS_ ULONG ulFlags, ULONG * lpcAdrTypes, LPTSTR * *lpppszAdrTypes) IPURE;       \
    MAPIMETHOD(QueryIdentity)(THIS_ ULONG * lpcbEntryID, LPENTRYID * lppEntryID) IPURE;                       \
    MAPIMETHOD(Logoff)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, ULONG ulReserved) IPURE;                     \
    MAPIMETHOD(SetDefaultStore)(THIS_ ULONG ulFlags, ULONG cbEntryID, LPENTRYID lpEntryID) IPURE;             \
    MAPIMETHOD(AdminServices)(THIS_ ULONG ulFlags, LPSERVICEADMIN * lppServiceAdmin) IPURE;                   \
    MAPIMETHOD(ShowForm)(THIS_ ULONG_PTR ulUIParam, LPMDB lpMsgStore, LPMAPIFOLDER lpParentFolder,            \
                         LPCIID lpInterface, ULONG_PTR ulMessageToken, LPMESSAGE lpMessageSent, ULONG ulFlags, \
                         ULONG ulMessageStatus, ULONG ulMessageFlags, ULONG ulAccess,                         \
                         LPSTR lpszMessageClass) IPURE;                                                       \
    MAPIMETHOD(PrepareForm)(THIS_ LPCIID lpInterface, LPMESSAGE lpMessage, ULONG_PTR * lpulMessageToken) IPURE;

#if defined(MOCKMAPI_SDK_CLASSES)
#undef INTERFACE
#define INTERFACE IMAPISession
DECLARE_MAPI_INTERFACE_(IMAPISession, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPISESSION_METHODS(PURE)
};
#endif


/* ---- IAddrBook: IMAPIProp, then the address book's 18 methods (what IMAPISession::OpenAddressBook and
 * IMAPISupport::OpenAddressBook return) ------------------------------------------------------------------ */
#define MAPI_IADDRBOOK_METHODS(IPURE)                                                                        \
    MAPIMETHOD(OpenEntry)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, LPCIID lpInterface, ULONG ulFlags,     \
                          ULONG * lpulObjType, LPUNKNOWN * lppUnk) IPURE;                                    \
    MAPIMETHOD(CompareEntryIDs)(THIS_ ULONG cbEntryID1, LPENTRYID lpEntryID1, ULONG cbEntryID2,              \
                                LPENTRYID lpEntryID2, ULONG ulFlags, ULONG * lpulResult) IPURE;              \
    MAPIMETHOD(Advise)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulEventMask,                        \
                       LPMAPIADVISESINK lpAdviseSink, ULONG_PTR * lpulConnection) IPURE;                     \
    MAPIMETHOD(Unadvise)(THIS_ ULONG_PTR ulConnection) IPURE;                                                \
    MAPIMETHOD(CreateOneOff)(THIS_ LPTSTR lpszName, LPTSTR lpszAdrType, LPTSTR lpszAddress, ULONG ulFlags,   \
                             ULONG * lpcbEntryID, LPENTRYID * lppEntryID) IPURE;                             \
    MAPIMETHOD(NewEntry)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, ULONG cbEIDContainer,                     \
                         LPENTRYID lpEIDContainer, ULONG cbEIDNewEntryTpl, LPENTRYID lpEIDNewEntryTpl,       \
                         ULONG * lpcbEIDNewEntry, LPENTRYID * lppEIDNewEntry) IPURE;                         \
    MAPIMETHOD(ResolveName)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, LPTSTR lpszNewEntryTitle,              \
                            LPADRLIST lpAdrList) IPURE;                                                      \
    MAPIMETHOD(Address)(THIS_ ULONG_PTR * lpulUIParam, LPADRPARM lpAdrParms, LPADRLIST * lppAdrList) IPURE;  \
    MAPIMETHOD(Details)(THIS_ ULONG_PTR * lpulUIParam, LPFNDISMISS lpfnDismiss, LPVOID lpvDismissContext,    \
                        ULONG cbEntryID, LPENTRYID lpEntryID, LPFNBUTTON lpfButtonCallback,                  \
                        LPVOID lpvButtonContext, LPTSTR lpszButtonText, ULONG ulFlags) IPURE;                \
    MAPIMETHOD(RecipOptions)(THIS_ ULONG_PTR ulUIParam, ULONG ulFlags, LPADRENTRY lpRecip) IPURE;            \
    MAPIMETHOD(QueryDefaultRecipOpt)(THIS_ LPTSTR lpszAdrType, ULONG ulFlags, ULONG * lpcValues,             \
                                     LPSPropValue * lppOptions) IPURE;                                       \
    MAPIMETHOD(GetPAB)(THIS_ ULONG * lpcbEntryID, LPENTRYID * lppEntryID) IPURE;                             \
    MAPIMETHOD(SetPAB)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID) IPURE;                                    \
    MAPIMETHOD(GetDefaultDir)(THIS_ ULONG * lpcbEntryID, LPENTRYID * lppEntryID) IPURE;                      \
    MAPIMETHOD(SetDefaultDir)(THIS_ ULONG cbEntryID, LPENTRYID lpEntryID) IPURE;                             \
    MAPIMETHOD(GetSearchPath)(THIS_ ULONG ulFlags, LPSRowSet * lppSearchPath) IPURE;                         \
    MAPIMETHOD(SetSearchPath)(THIS_ ULONG ulFlags, LPSRowSet lpSearchPath) IPURE;                            \
    MAPIMETHOD(PrepareRecips)(THIS_ ULONG ulFlags, LPSPropTagArray lpPropTagArray, LPADRLIST lpRecipList) IPURE;

#undef INTERFACE
#define INTERFACE IAddrBook
DECLARE_MAPI_INTERFACE_(IAddrBook, IMAPIProp) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMAPIPROP_METHODS(PURE)
    MAPI_IADDRBOOK_METHODS(PURE)
};

/* ---- IProfAdmin: IUnknown, then 9 methods (what MAPIAdminProfiles returns) -------------------------------- */
/* CreateProfile */
#define MAPI_DEFAULT_SERVICES 0x00000001

#define MAPI_IPROFADMIN_METHODS(IPURE)                                                                       \
    MAPIMETHOD(GetLastError)(THIS_ HRESULT hResult, ULONG ulFlags, LPMAPIERROR * lppMAPIError) IPURE;        \
    MAPIMETHOD(GetProfileTable)(THIS_ ULONG ulFlags, LPMAPITABLE * lppTable) IPURE;                          \
    MAPIMETHOD(CreateProfile)(THIS_ LPTSTR lpszProfileName, LPTSTR lpszPassword, ULONG_PTR ulUIParam,        \
                              ULONG ulFlags) IPURE;                                                          \
    MAPIMETHOD(DeleteProfile)(THIS_ LPTSTR lpszProfileName, ULONG ulFlags) IPURE;                            \
    MAPIMETHOD(ChangeProfilePassword)(THIS_ LPTSTR lpszProfileName, LPTSTR lpszOldPassword,                  \
                                      LPTSTR lpszNewPassword, ULONG ulFlags) IPURE;                          \
    MAPIMETHOD(CopyProfile)(THIS_ LPTSTR lpszOldProfileName, LPTSTR lpszOldPassword,                         \
                            LPTSTR lpszNewProfileName, ULONG_PTR ulUIParam, ULONG ulFlags) IPURE;            \
    MAPIMETHOD(RenameProfile)(THIS_ LPTSTR lpszOldProfileName, LPTSTR lpszOldPassword,                       \
                              LPTSTR lpszNewProfileName, ULONG_PTR ulUIParam, ULONG ulFlags) IPURE;          \
    MAPIMETHOD(SetDefaultProfile)(THIS_ LPTSTR lpszProfileName, ULONG ulFlags) IPURE;                        \
    MAPIMETHOD(AdminServices)(THIS_ LPTSTR lpszProfileName, LPTSTR lpszPassword, ULONG_PTR ulUIParam,        \
                              ULONG ulFlags, LPSERVICEADMIN * lppServiceAdmin) IPURE;

#undef INTERFACE
#define INTERFACE IProfAdmin
DECLARE_MAPI_INTERFACE_(IProfAdmin, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IPROFADMIN_METHODS(PURE)
};

/* ---- IMsgServiceAdmin: IUnknown, then 12 methods (what IMAPISession::AdminServices returns) ------------- */
/* PR_RESOURCE_FLAGS in the message service table */
#define SERVICE_DEFAULT_STORE 0x00000001
#define SERVICE_SINGLE_COPY 0x00000002
#define SERVICE_CREATE_WITH_STORE 0x00000004
#define SERVICE_PRIMARY_IDENTITY 0x00000008
#define SERVICE_NO_PRIMARY_IDENTITY 0x00000020

#define MAPI_IMSGSERVICEADMIN_METHODS(IPURE)                                                                 \
    MAPIMETHOD(GetLastError)(THIS_ HRESULT hResult, ULONG ulFlags, LPMAPIERROR * lppMAPIError) IPURE;        \
    MAPIMETHOD(GetMsgServiceTable)(THIS_ ULONG ulFlags, LPMAPITABLE * lppTable) IPURE;                       \
    MAPIMETHOD(CreateMsgService)(THIS_ LPTSTR lpszService, LPTSTR lpszDisplayName, ULONG_PTR ulUIParam,      \
                                 ULONG ulFlags) IPURE;                                                       \
    MAPIMETHOD(DeleteMsgService)(THIS_ LPMAPIUID lpUID) IPURE;                                               \
    MAPIMETHOD(CopyMsgService)(THIS_ LPMAPIUID lpUID, LPTSTR lpszDisplayName, LPCIID lpInterfaceToCopy,      \
                               LPCIID lpInterfaceDst, LPVOID lpObjectDst, ULONG_PTR ulUIParam,               \
                               ULONG ulFlags) IPURE;                                                         \
    MAPIMETHOD(RenameMsgService)(THIS_ LPMAPIUID lpUID, ULONG ulFlags, LPTSTR lpszDisplayName) IPURE;        \
    MAPIMETHOD(ConfigureMsgService)(THIS_ LPMAPIUID lpUID, ULONG_PTR ulUIParam, ULONG ulFlags,               \
                                    ULONG cValues, LPSPropValue lpProps) IPURE;                              \
    MAPIMETHOD(OpenProfileSection)(THIS_ LPMAPIUID lpUID, LPCIID lpInterface, ULONG ulFlags,                 \
                                   LPPROFSECT * lppProfSect) IPURE;                                          \
    MAPIMETHOD(MsgServiceTransportOrder)(THIS_ ULONG cUID, LPMAPIUID lpUIDList, ULONG ulFlags) IPURE;        \
    MAPIMETHOD(AdminProviders)(THIS_ LPMAPIUID lpUID, ULONG ulFlags, LPPROVIDERADMIN * lppProviderAdmin) IPURE; \
    MAPIMETHOD(SetPrimaryIdentity)(THIS_ LPMAPIUID lpUID, ULONG ulFlags) IPURE;                              \
    MAPIMETHOD(GetProviderTable)(THIS_ ULONG ulFlags, LPMAPITABLE * lppTable) IPURE;

#undef INTERFACE
#define INTERFACE IMsgServiceAdmin
DECLARE_MAPI_INTERFACE_(IMsgServiceAdmin, IUnknown) {
    BEGIN_INTERFACE
    MAPI_IUNKNOWN_METHODS(PURE)
    MAPI_IMSGSERVICEADMIN_METHODS(PURE)
};

/* MAPIAdminProfiles: declared as the SDK declares it. libmockmapi does not implement profile administration
 * (it has no profiles to administer): a call compiles, and links only against an implementation of one's own. */
typedef HRESULT(STDMETHODCALLTYPE MAPIADMINPROFILES)(ULONG ulFlags, LPPROFADMIN *lppProfAdmin);
typedef MAPIADMINPROFILES *LPMAPIADMINPROFILES;
MAPIADMINPROFILES MAPIAdminProfiles;

#ifdef __cplusplus
}
#endif

#endif /* MAPIX_H */
