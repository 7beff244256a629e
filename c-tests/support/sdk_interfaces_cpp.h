/* Generated from the documented method order of each interface (names, vtable slots, arities); see the
 * program that includes this file. */

struct Impl_IMAPIAdviseSink final : IMAPIAdviseSink {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIADVISESINK_METHODS(MM_IMPL)
};
struct Impl_IMAPIProgress final : IMAPIProgress {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROGRESS_METHODS(MM_IMPL)
};
struct Impl_IMAPIProp final : IMAPIProp {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
};
struct Impl_IMAPITable final : IMAPITable {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPITABLE_METHODS(MM_IMPL)
};
struct Impl_IProfSect final : IProfSect {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IPROFSECT_METHODS(MM_IMPL)
};
struct Impl_IMAPIStatus final : IMAPIStatus {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAPISTATUS_METHODS(MM_IMPL)
};
struct Impl_IMAPIContainer final : IMAPIContainer {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAPICONTAINER_METHODS(MM_IMPL)
};
struct Impl_IABContainer final : IABContainer {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAPICONTAINER_METHODS(MM_IMPL)
    MAPI_IABCONTAINER_METHODS(MM_IMPL)
};
struct Impl_IMailUser final : IMailUser {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAILUSER_METHODS(MM_IMPL)
};
struct Impl_IDistList final : IDistList {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAPICONTAINER_METHODS(MM_IMPL)
    MAPI_IDISTLIST_METHODS(MM_IMPL)
};
struct Impl_IMAPIFolder final : IMAPIFolder {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMAPICONTAINER_METHODS(MM_IMPL)
    MAPI_IMAPIFOLDER_METHODS(MM_IMPL)
};
struct Impl_IMsgStore final : IMsgStore {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMSGSTORE_METHODS(MM_IMPL)
};
struct Impl_IMessage final : IMessage {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IMESSAGE_METHODS(MM_IMPL)
};
struct Impl_IAttach final : IAttach {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IATTACH_METHODS(MM_IMPL)
};
struct Impl_IMAPIControl final : IMAPIControl {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPICONTROL_METHODS(MM_IMPL)
};
struct Impl_IProviderAdmin final : IProviderAdmin {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IPROVIDERADMIN_METHODS(MM_IMPL)
};
struct Impl_ITableData final : ITableData {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_ITABLEDATA_METHODS(MM_IMPL)
};
struct Impl_IPropData final : IPropData {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IPROPDATA_METHODS(MM_IMPL)
};
struct Impl_IMAPISupport final : IMAPISupport {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPISUPPORT_METHODS1(MM_IMPL)
    MAPI_IMAPISUPPORT_METHODS2(MM_IMPL)
    MAPI_IMAPISUPPORT_METHODS3(MM_IMPL)
};
struct Impl_IABLogon final : IABLogon {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IABLOGON_METHODS(MM_IMPL)
};
struct Impl_IXPLogon final : IXPLogon {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IXPLOGON_METHODS(MM_IMPL)
};
struct Impl_IMSLogon final : IMSLogon {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMSLOGON_METHODS(MM_IMPL)
};

struct Impl_IAddrBook final : IAddrBook {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMAPIPROP_METHODS(MM_IMPL)
    MAPI_IADDRBOOK_METHODS(MM_IMPL)
};
struct Impl_IProfAdmin final : IProfAdmin {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IPROFADMIN_METHODS(MM_IMPL)
};
struct Impl_IMsgServiceAdmin final : IMsgServiceAdmin {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMSGSERVICEADMIN_METHODS(MM_IMPL)
};
struct Impl_IXPProvider final : IXPProvider {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IXPPROVIDER_METHODS(MM_IMPL)
};
struct Impl_IABProvider final : IABProvider {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IABPROVIDER_METHODS(MM_IMPL)
};
struct Impl_IMSProvider final : IMSProvider {
    MAPI_IUNKNOWN_METHODS(MM_IMPL)
    MAPI_IMSPROVIDER_METHODS(MM_IMPL)
};

static void mm_check_every_interface() {
    {
        MM_SLOT(IMAPIAdviseSink, QueryInterface, 0);
        MM_SLOT(IMAPIAdviseSink, AddRef, 1);
        MM_SLOT(IMAPIAdviseSink, Release, 2);
        MM_SLOT(IMAPIAdviseSink, OnNotify, 3);
        Impl_IMAPIAdviseSink object;
        mm_expect_calls("IMAPIAdviseSink", 1);
        mm_call_every_IMAPIAdviseSink(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIProgress, QueryInterface, 0);
        MM_SLOT(IMAPIProgress, AddRef, 1);
        MM_SLOT(IMAPIProgress, Release, 2);
        MM_SLOT(IMAPIProgress, Progress, 3);
        MM_SLOT(IMAPIProgress, GetFlags, 4);
        MM_SLOT(IMAPIProgress, GetMax, 5);
        MM_SLOT(IMAPIProgress, GetMin, 6);
        MM_SLOT(IMAPIProgress, SetLimits, 7);
        Impl_IMAPIProgress object;
        mm_expect_calls("IMAPIProgress", 5);
        mm_call_every_IMAPIProgress(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIProp, QueryInterface, 0);
        MM_SLOT(IMAPIProp, AddRef, 1);
        MM_SLOT(IMAPIProp, Release, 2);
        MM_SLOT(IMAPIProp, GetLastError, 3);
        MM_SLOT(IMAPIProp, SaveChanges, 4);
        MM_SLOT(IMAPIProp, GetProps, 5);
        MM_SLOT(IMAPIProp, GetPropList, 6);
        MM_SLOT(IMAPIProp, OpenProperty, 7);
        MM_SLOT(IMAPIProp, SetProps, 8);
        MM_SLOT(IMAPIProp, DeleteProps, 9);
        MM_SLOT(IMAPIProp, CopyTo, 10);
        MM_SLOT(IMAPIProp, CopyProps, 11);
        MM_SLOT(IMAPIProp, GetNamesFromIDs, 12);
        MM_SLOT(IMAPIProp, GetIDsFromNames, 13);
        Impl_IMAPIProp object;
        mm_expect_calls("IMAPIProp", 11);
        mm_call_every_IMAPIProp(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPITable, QueryInterface, 0);
        MM_SLOT(IMAPITable, AddRef, 1);
        MM_SLOT(IMAPITable, Release, 2);
        MM_SLOT(IMAPITable, GetLastError, 3);
        MM_SLOT(IMAPITable, Advise, 4);
        MM_SLOT(IMAPITable, Unadvise, 5);
        MM_SLOT(IMAPITable, GetStatus, 6);
        MM_SLOT(IMAPITable, SetColumns, 7);
        MM_SLOT(IMAPITable, QueryColumns, 8);
        MM_SLOT(IMAPITable, GetRowCount, 9);
        MM_SLOT(IMAPITable, SeekRow, 10);
        MM_SLOT(IMAPITable, SeekRowApprox, 11);
        MM_SLOT(IMAPITable, QueryPosition, 12);
        MM_SLOT(IMAPITable, FindRow, 13);
        MM_SLOT(IMAPITable, Restrict, 14);
        MM_SLOT(IMAPITable, CreateBookmark, 15);
        MM_SLOT(IMAPITable, FreeBookmark, 16);
        MM_SLOT(IMAPITable, SortTable, 17);
        MM_SLOT(IMAPITable, QuerySortOrder, 18);
        MM_SLOT(IMAPITable, QueryRows, 19);
        MM_SLOT(IMAPITable, Abort, 20);
        MM_SLOT(IMAPITable, ExpandRow, 21);
        MM_SLOT(IMAPITable, CollapseRow, 22);
        MM_SLOT(IMAPITable, WaitForCompletion, 23);
        MM_SLOT(IMAPITable, GetCollapseState, 24);
        MM_SLOT(IMAPITable, SetCollapseState, 25);
        Impl_IMAPITable object;
        mm_expect_calls("IMAPITable", 23);
        mm_call_every_IMAPITable(&object, mm_seen);
    }
    {
        MM_SLOT(IProfSect, QueryInterface, 0);
        MM_SLOT(IProfSect, AddRef, 1);
        MM_SLOT(IProfSect, Release, 2);
        MM_SLOT(IProfSect, GetLastError, 3);
        MM_SLOT(IProfSect, SaveChanges, 4);
        MM_SLOT(IProfSect, GetProps, 5);
        MM_SLOT(IProfSect, GetPropList, 6);
        MM_SLOT(IProfSect, OpenProperty, 7);
        MM_SLOT(IProfSect, SetProps, 8);
        MM_SLOT(IProfSect, DeleteProps, 9);
        MM_SLOT(IProfSect, CopyTo, 10);
        MM_SLOT(IProfSect, CopyProps, 11);
        MM_SLOT(IProfSect, GetNamesFromIDs, 12);
        MM_SLOT(IProfSect, GetIDsFromNames, 13);
        Impl_IProfSect object;
        mm_expect_calls("IProfSect", 11);
        mm_call_every_IProfSect(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIStatus, QueryInterface, 0);
        MM_SLOT(IMAPIStatus, AddRef, 1);
        MM_SLOT(IMAPIStatus, Release, 2);
        MM_SLOT(IMAPIStatus, GetLastError, 3);
        MM_SLOT(IMAPIStatus, SaveChanges, 4);
        MM_SLOT(IMAPIStatus, GetProps, 5);
        MM_SLOT(IMAPIStatus, GetPropList, 6);
        MM_SLOT(IMAPIStatus, OpenProperty, 7);
        MM_SLOT(IMAPIStatus, SetProps, 8);
        MM_SLOT(IMAPIStatus, DeleteProps, 9);
        MM_SLOT(IMAPIStatus, CopyTo, 10);
        MM_SLOT(IMAPIStatus, CopyProps, 11);
        MM_SLOT(IMAPIStatus, GetNamesFromIDs, 12);
        MM_SLOT(IMAPIStatus, GetIDsFromNames, 13);
        MM_SLOT(IMAPIStatus, ValidateState, 14);
        MM_SLOT(IMAPIStatus, SettingsDialog, 15);
        MM_SLOT(IMAPIStatus, ChangePassword, 16);
        MM_SLOT(IMAPIStatus, FlushQueues, 17);
        Impl_IMAPIStatus object;
        mm_expect_calls("IMAPIStatus", 15);
        mm_call_every_IMAPIStatus(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIContainer, QueryInterface, 0);
        MM_SLOT(IMAPIContainer, AddRef, 1);
        MM_SLOT(IMAPIContainer, Release, 2);
        MM_SLOT(IMAPIContainer, GetLastError, 3);
        MM_SLOT(IMAPIContainer, SaveChanges, 4);
        MM_SLOT(IMAPIContainer, GetProps, 5);
        MM_SLOT(IMAPIContainer, GetPropList, 6);
        MM_SLOT(IMAPIContainer, OpenProperty, 7);
        MM_SLOT(IMAPIContainer, SetProps, 8);
        MM_SLOT(IMAPIContainer, DeleteProps, 9);
        MM_SLOT(IMAPIContainer, CopyTo, 10);
        MM_SLOT(IMAPIContainer, CopyProps, 11);
        MM_SLOT(IMAPIContainer, GetNamesFromIDs, 12);
        MM_SLOT(IMAPIContainer, GetIDsFromNames, 13);
        MM_SLOT(IMAPIContainer, GetContentsTable, 14);
        MM_SLOT(IMAPIContainer, GetHierarchyTable, 15);
        MM_SLOT(IMAPIContainer, OpenEntry, 16);
        MM_SLOT(IMAPIContainer, SetSearchCriteria, 17);
        MM_SLOT(IMAPIContainer, GetSearchCriteria, 18);
        Impl_IMAPIContainer object;
        mm_expect_calls("IMAPIContainer", 16);
        mm_call_every_IMAPIContainer(&object, mm_seen);
    }
    {
        MM_SLOT(IABContainer, QueryInterface, 0);
        MM_SLOT(IABContainer, AddRef, 1);
        MM_SLOT(IABContainer, Release, 2);
        MM_SLOT(IABContainer, GetLastError, 3);
        MM_SLOT(IABContainer, SaveChanges, 4);
        MM_SLOT(IABContainer, GetProps, 5);
        MM_SLOT(IABContainer, GetPropList, 6);
        MM_SLOT(IABContainer, OpenProperty, 7);
        MM_SLOT(IABContainer, SetProps, 8);
        MM_SLOT(IABContainer, DeleteProps, 9);
        MM_SLOT(IABContainer, CopyTo, 10);
        MM_SLOT(IABContainer, CopyProps, 11);
        MM_SLOT(IABContainer, GetNamesFromIDs, 12);
        MM_SLOT(IABContainer, GetIDsFromNames, 13);
        MM_SLOT(IABContainer, GetContentsTable, 14);
        MM_SLOT(IABContainer, GetHierarchyTable, 15);
        MM_SLOT(IABContainer, OpenEntry, 16);
        MM_SLOT(IABContainer, SetSearchCriteria, 17);
        MM_SLOT(IABContainer, GetSearchCriteria, 18);
        MM_SLOT(IABContainer, CreateEntry, 19);
        MM_SLOT(IABContainer, CopyEntries, 20);
        MM_SLOT(IABContainer, DeleteEntries, 21);
        MM_SLOT(IABContainer, ResolveNames, 22);
        Impl_IABContainer object;
        mm_expect_calls("IABContainer", 20);
        mm_call_every_IABContainer(&object, mm_seen);
    }
    {
        MM_SLOT(IMailUser, QueryInterface, 0);
        MM_SLOT(IMailUser, AddRef, 1);
        MM_SLOT(IMailUser, Release, 2);
        MM_SLOT(IMailUser, GetLastError, 3);
        MM_SLOT(IMailUser, SaveChanges, 4);
        MM_SLOT(IMailUser, GetProps, 5);
        MM_SLOT(IMailUser, GetPropList, 6);
        MM_SLOT(IMailUser, OpenProperty, 7);
        MM_SLOT(IMailUser, SetProps, 8);
        MM_SLOT(IMailUser, DeleteProps, 9);
        MM_SLOT(IMailUser, CopyTo, 10);
        MM_SLOT(IMailUser, CopyProps, 11);
        MM_SLOT(IMailUser, GetNamesFromIDs, 12);
        MM_SLOT(IMailUser, GetIDsFromNames, 13);
        Impl_IMailUser object;
        mm_expect_calls("IMailUser", 11);
        mm_call_every_IMailUser(&object, mm_seen);
    }
    {
        MM_SLOT(IDistList, QueryInterface, 0);
        MM_SLOT(IDistList, AddRef, 1);
        MM_SLOT(IDistList, Release, 2);
        MM_SLOT(IDistList, GetLastError, 3);
        MM_SLOT(IDistList, SaveChanges, 4);
        MM_SLOT(IDistList, GetProps, 5);
        MM_SLOT(IDistList, GetPropList, 6);
        MM_SLOT(IDistList, OpenProperty, 7);
        MM_SLOT(IDistList, SetProps, 8);
        MM_SLOT(IDistList, DeleteProps, 9);
        MM_SLOT(IDistList, CopyTo, 10);
        MM_SLOT(IDistList, CopyProps, 11);
        MM_SLOT(IDistList, GetNamesFromIDs, 12);
        MM_SLOT(IDistList, GetIDsFromNames, 13);
        MM_SLOT(IDistList, GetContentsTable, 14);
        MM_SLOT(IDistList, GetHierarchyTable, 15);
        MM_SLOT(IDistList, OpenEntry, 16);
        MM_SLOT(IDistList, SetSearchCriteria, 17);
        MM_SLOT(IDistList, GetSearchCriteria, 18);
        MM_SLOT(IDistList, CreateEntry, 19);
        MM_SLOT(IDistList, CopyEntries, 20);
        MM_SLOT(IDistList, DeleteEntries, 21);
        MM_SLOT(IDistList, ResolveNames, 22);
        Impl_IDistList object;
        mm_expect_calls("IDistList", 20);
        mm_call_every_IDistList(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIFolder, QueryInterface, 0);
        MM_SLOT(IMAPIFolder, AddRef, 1);
        MM_SLOT(IMAPIFolder, Release, 2);
        MM_SLOT(IMAPIFolder, GetLastError, 3);
        MM_SLOT(IMAPIFolder, SaveChanges, 4);
        MM_SLOT(IMAPIFolder, GetProps, 5);
        MM_SLOT(IMAPIFolder, GetPropList, 6);
        MM_SLOT(IMAPIFolder, OpenProperty, 7);
        MM_SLOT(IMAPIFolder, SetProps, 8);
        MM_SLOT(IMAPIFolder, DeleteProps, 9);
        MM_SLOT(IMAPIFolder, CopyTo, 10);
        MM_SLOT(IMAPIFolder, CopyProps, 11);
        MM_SLOT(IMAPIFolder, GetNamesFromIDs, 12);
        MM_SLOT(IMAPIFolder, GetIDsFromNames, 13);
        MM_SLOT(IMAPIFolder, GetContentsTable, 14);
        MM_SLOT(IMAPIFolder, GetHierarchyTable, 15);
        MM_SLOT(IMAPIFolder, OpenEntry, 16);
        MM_SLOT(IMAPIFolder, SetSearchCriteria, 17);
        MM_SLOT(IMAPIFolder, GetSearchCriteria, 18);
        MM_SLOT(IMAPIFolder, CreateMessage, 19);
        MM_SLOT(IMAPIFolder, CopyMessages, 20);
        MM_SLOT(IMAPIFolder, DeleteMessages, 21);
        MM_SLOT(IMAPIFolder, CreateFolder, 22);
        MM_SLOT(IMAPIFolder, CopyFolder, 23);
        MM_SLOT(IMAPIFolder, DeleteFolder, 24);
        MM_SLOT(IMAPIFolder, SetReadFlags, 25);
        MM_SLOT(IMAPIFolder, GetMessageStatus, 26);
        MM_SLOT(IMAPIFolder, SetMessageStatus, 27);
        MM_SLOT(IMAPIFolder, SaveContentsSort, 28);
        MM_SLOT(IMAPIFolder, EmptyFolder, 29);
        Impl_IMAPIFolder object;
        mm_expect_calls("IMAPIFolder", 27);
        mm_call_every_IMAPIFolder(&object, mm_seen);
    }
    {
        MM_SLOT(IMsgStore, QueryInterface, 0);
        MM_SLOT(IMsgStore, AddRef, 1);
        MM_SLOT(IMsgStore, Release, 2);
        MM_SLOT(IMsgStore, GetLastError, 3);
        MM_SLOT(IMsgStore, SaveChanges, 4);
        MM_SLOT(IMsgStore, GetProps, 5);
        MM_SLOT(IMsgStore, GetPropList, 6);
        MM_SLOT(IMsgStore, OpenProperty, 7);
        MM_SLOT(IMsgStore, SetProps, 8);
        MM_SLOT(IMsgStore, DeleteProps, 9);
        MM_SLOT(IMsgStore, CopyTo, 10);
        MM_SLOT(IMsgStore, CopyProps, 11);
        MM_SLOT(IMsgStore, GetNamesFromIDs, 12);
        MM_SLOT(IMsgStore, GetIDsFromNames, 13);
        MM_SLOT(IMsgStore, Advise, 14);
        MM_SLOT(IMsgStore, Unadvise, 15);
        MM_SLOT(IMsgStore, CompareEntryIDs, 16);
        MM_SLOT(IMsgStore, OpenEntry, 17);
        MM_SLOT(IMsgStore, SetReceiveFolder, 18);
        MM_SLOT(IMsgStore, GetReceiveFolder, 19);
        MM_SLOT(IMsgStore, GetReceiveFolderTable, 20);
        MM_SLOT(IMsgStore, StoreLogoff, 21);
        MM_SLOT(IMsgStore, AbortSubmit, 22);
        MM_SLOT(IMsgStore, GetOutgoingQueue, 23);
        MM_SLOT(IMsgStore, SetLockState, 24);
        MM_SLOT(IMsgStore, FinishedMsg, 25);
        MM_SLOT(IMsgStore, NotifyNewMail, 26);
        Impl_IMsgStore object;
        mm_expect_calls("IMsgStore", 24);
        mm_call_every_IMsgStore(&object, mm_seen);
    }
    {
        MM_SLOT(IMessage, QueryInterface, 0);
        MM_SLOT(IMessage, AddRef, 1);
        MM_SLOT(IMessage, Release, 2);
        MM_SLOT(IMessage, GetLastError, 3);
        MM_SLOT(IMessage, SaveChanges, 4);
        MM_SLOT(IMessage, GetProps, 5);
        MM_SLOT(IMessage, GetPropList, 6);
        MM_SLOT(IMessage, OpenProperty, 7);
        MM_SLOT(IMessage, SetProps, 8);
        MM_SLOT(IMessage, DeleteProps, 9);
        MM_SLOT(IMessage, CopyTo, 10);
        MM_SLOT(IMessage, CopyProps, 11);
        MM_SLOT(IMessage, GetNamesFromIDs, 12);
        MM_SLOT(IMessage, GetIDsFromNames, 13);
        MM_SLOT(IMessage, GetAttachmentTable, 14);
        MM_SLOT(IMessage, OpenAttach, 15);
        MM_SLOT(IMessage, CreateAttach, 16);
        MM_SLOT(IMessage, DeleteAttach, 17);
        MM_SLOT(IMessage, GetRecipientTable, 18);
        MM_SLOT(IMessage, ModifyRecipients, 19);
        MM_SLOT(IMessage, SubmitMessage, 20);
        MM_SLOT(IMessage, SetReadFlag, 21);
        Impl_IMessage object;
        mm_expect_calls("IMessage", 19);
        mm_call_every_IMessage(&object, mm_seen);
    }
    {
        MM_SLOT(IAttach, QueryInterface, 0);
        MM_SLOT(IAttach, AddRef, 1);
        MM_SLOT(IAttach, Release, 2);
        MM_SLOT(IAttach, GetLastError, 3);
        MM_SLOT(IAttach, SaveChanges, 4);
        MM_SLOT(IAttach, GetProps, 5);
        MM_SLOT(IAttach, GetPropList, 6);
        MM_SLOT(IAttach, OpenProperty, 7);
        MM_SLOT(IAttach, SetProps, 8);
        MM_SLOT(IAttach, DeleteProps, 9);
        MM_SLOT(IAttach, CopyTo, 10);
        MM_SLOT(IAttach, CopyProps, 11);
        MM_SLOT(IAttach, GetNamesFromIDs, 12);
        MM_SLOT(IAttach, GetIDsFromNames, 13);
        Impl_IAttach object;
        mm_expect_calls("IAttach", 11);
        mm_call_every_IAttach(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPIControl, QueryInterface, 0);
        MM_SLOT(IMAPIControl, AddRef, 1);
        MM_SLOT(IMAPIControl, Release, 2);
        MM_SLOT(IMAPIControl, GetLastError, 3);
        MM_SLOT(IMAPIControl, Activate, 4);
        MM_SLOT(IMAPIControl, GetState, 5);
        Impl_IMAPIControl object;
        mm_expect_calls("IMAPIControl", 3);
        mm_call_every_IMAPIControl(&object, mm_seen);
    }
    {
        MM_SLOT(IProviderAdmin, QueryInterface, 0);
        MM_SLOT(IProviderAdmin, AddRef, 1);
        MM_SLOT(IProviderAdmin, Release, 2);
        MM_SLOT(IProviderAdmin, GetLastError, 3);
        MM_SLOT(IProviderAdmin, GetProviderTable, 4);
        MM_SLOT(IProviderAdmin, CreateProvider, 5);
        MM_SLOT(IProviderAdmin, DeleteProvider, 6);
        MM_SLOT(IProviderAdmin, OpenProfileSection, 7);
        Impl_IProviderAdmin object;
        mm_expect_calls("IProviderAdmin", 5);
        mm_call_every_IProviderAdmin(&object, mm_seen);
    }
    {
        MM_SLOT(ITableData, QueryInterface, 0);
        MM_SLOT(ITableData, AddRef, 1);
        MM_SLOT(ITableData, Release, 2);
        MM_SLOT(ITableData, HrGetView, 3);
        MM_SLOT(ITableData, HrModifyRow, 4);
        MM_SLOT(ITableData, HrDeleteRow, 5);
        MM_SLOT(ITableData, HrQueryRow, 6);
        MM_SLOT(ITableData, HrEnumRow, 7);
        MM_SLOT(ITableData, HrNotify, 8);
        MM_SLOT(ITableData, HrInsertRow, 9);
        MM_SLOT(ITableData, HrModifyRows, 10);
        MM_SLOT(ITableData, HrDeleteRows, 11);
        Impl_ITableData object;
        mm_expect_calls("ITableData", 9);
        mm_call_every_ITableData(&object, mm_seen);
    }
    {
        MM_SLOT(IPropData, QueryInterface, 0);
        MM_SLOT(IPropData, AddRef, 1);
        MM_SLOT(IPropData, Release, 2);
        MM_SLOT(IPropData, GetLastError, 3);
        MM_SLOT(IPropData, SaveChanges, 4);
        MM_SLOT(IPropData, GetProps, 5);
        MM_SLOT(IPropData, GetPropList, 6);
        MM_SLOT(IPropData, OpenProperty, 7);
        MM_SLOT(IPropData, SetProps, 8);
        MM_SLOT(IPropData, DeleteProps, 9);
        MM_SLOT(IPropData, CopyTo, 10);
        MM_SLOT(IPropData, CopyProps, 11);
        MM_SLOT(IPropData, GetNamesFromIDs, 12);
        MM_SLOT(IPropData, GetIDsFromNames, 13);
        MM_SLOT(IPropData, HrSetObjAccess, 14);
        MM_SLOT(IPropData, HrSetPropAccess, 15);
        MM_SLOT(IPropData, HrGetPropAccess, 16);
        MM_SLOT(IPropData, HrAddObjProps, 17);
        Impl_IPropData object;
        mm_expect_calls("IPropData", 15);
        mm_call_every_IPropData(&object, mm_seen);
    }
    {
        MM_SLOT(IMAPISupport, QueryInterface, 0);
        MM_SLOT(IMAPISupport, AddRef, 1);
        MM_SLOT(IMAPISupport, Release, 2);
        MM_SLOT(IMAPISupport, GetLastError, 3);
        MM_SLOT(IMAPISupport, GetMemAllocRoutines, 4);
        MM_SLOT(IMAPISupport, Subscribe, 5);
        MM_SLOT(IMAPISupport, Unsubscribe, 6);
        MM_SLOT(IMAPISupport, Notify, 7);
        MM_SLOT(IMAPISupport, ModifyStatusRow, 8);
        MM_SLOT(IMAPISupport, OpenProfileSection, 9);
        MM_SLOT(IMAPISupport, RegisterPreprocessor, 10);
        MM_SLOT(IMAPISupport, NewUID, 11);
        MM_SLOT(IMAPISupport, MakeInvalid, 12);
        MM_SLOT(IMAPISupport, SpoolerYield, 13);
        MM_SLOT(IMAPISupport, SpoolerNotify, 14);
        MM_SLOT(IMAPISupport, CreateOneOff, 15);
        MM_SLOT(IMAPISupport, SetProviderUID, 16);
        MM_SLOT(IMAPISupport, CompareEntryIDs, 17);
        MM_SLOT(IMAPISupport, OpenTemplateID, 18);
        MM_SLOT(IMAPISupport, OpenEntry, 19);
        MM_SLOT(IMAPISupport, GetOneOffTable, 20);
        MM_SLOT(IMAPISupport, Address, 21);
        MM_SLOT(IMAPISupport, Details, 22);
        MM_SLOT(IMAPISupport, NewEntry, 23);
        MM_SLOT(IMAPISupport, DoConfigPropsheet, 24);
        MM_SLOT(IMAPISupport, CopyMessages, 25);
        MM_SLOT(IMAPISupport, CopyFolder, 26);
        MM_SLOT(IMAPISupport, DoCopyTo, 27);
        MM_SLOT(IMAPISupport, DoCopyProps, 28);
        MM_SLOT(IMAPISupport, DoProgressDialog, 29);
        MM_SLOT(IMAPISupport, ReadReceipt, 30);
        MM_SLOT(IMAPISupport, PrepareSubmit, 31);
        MM_SLOT(IMAPISupport, ExpandRecips, 32);
        MM_SLOT(IMAPISupport, UpdatePAB, 33);
        MM_SLOT(IMAPISupport, DoSentMail, 34);
        MM_SLOT(IMAPISupport, OpenAddressBook, 35);
        MM_SLOT(IMAPISupport, Preprocess, 36);
        MM_SLOT(IMAPISupport, CompleteMsg, 37);
        MM_SLOT(IMAPISupport, StoreLogoffTransports, 38);
        MM_SLOT(IMAPISupport, StatusRecips, 39);
        MM_SLOT(IMAPISupport, WrapStoreEntryID, 40);
        MM_SLOT(IMAPISupport, ModifyProfile, 41);
        MM_SLOT(IMAPISupport, IStorageFromStream, 42);
        MM_SLOT(IMAPISupport, GetSvcConfigSupportObj, 43);
        Impl_IMAPISupport object;
        mm_expect_calls("IMAPISupport", 41);
        mm_call_every_IMAPISupport(&object, mm_seen);
    }
    {
        MM_SLOT(IABLogon, QueryInterface, 0);
        MM_SLOT(IABLogon, AddRef, 1);
        MM_SLOT(IABLogon, Release, 2);
        MM_SLOT(IABLogon, GetLastError, 3);
        MM_SLOT(IABLogon, Logoff, 4);
        MM_SLOT(IABLogon, OpenEntry, 5);
        MM_SLOT(IABLogon, CompareEntryIDs, 6);
        MM_SLOT(IABLogon, Advise, 7);
        MM_SLOT(IABLogon, Unadvise, 8);
        MM_SLOT(IABLogon, OpenStatusEntry, 9);
        MM_SLOT(IABLogon, OpenTemplateID, 10);
        MM_SLOT(IABLogon, GetOneOffTable, 11);
        MM_SLOT(IABLogon, PrepareRecips, 12);
        Impl_IABLogon object;
        mm_expect_calls("IABLogon", 10);
        mm_call_every_IABLogon(&object, mm_seen);
    }
    {
        MM_SLOT(IXPLogon, QueryInterface, 0);
        MM_SLOT(IXPLogon, AddRef, 1);
        MM_SLOT(IXPLogon, Release, 2);
        MM_SLOT(IXPLogon, AddressTypes, 3);
        MM_SLOT(IXPLogon, RegisterOptions, 4);
        MM_SLOT(IXPLogon, TransportNotify, 5);
        MM_SLOT(IXPLogon, Idle, 6);
        MM_SLOT(IXPLogon, TransportLogoff, 7);
        MM_SLOT(IXPLogon, SubmitMessage, 8);
        MM_SLOT(IXPLogon, EndMessage, 9);
        MM_SLOT(IXPLogon, Poll, 10);
        MM_SLOT(IXPLogon, StartMessage, 11);
        MM_SLOT(IXPLogon, OpenStatusEntry, 12);
        MM_SLOT(IXPLogon, ValidateState, 13);
        MM_SLOT(IXPLogon, FlushQueues, 14);
        Impl_IXPLogon object;
        mm_expect_calls("IXPLogon", 12);
        mm_call_every_IXPLogon(&object, mm_seen);
    }
    {
        MM_SLOT(IMSLogon, QueryInterface, 0);
        MM_SLOT(IMSLogon, AddRef, 1);
        MM_SLOT(IMSLogon, Release, 2);
        MM_SLOT(IMSLogon, GetLastError, 3);
        MM_SLOT(IMSLogon, Logoff, 4);
        MM_SLOT(IMSLogon, OpenEntry, 5);
        MM_SLOT(IMSLogon, CompareEntryIDs, 6);
        MM_SLOT(IMSLogon, Advise, 7);
        MM_SLOT(IMSLogon, Unadvise, 8);
        MM_SLOT(IMSLogon, OpenStatusEntry, 9);
        Impl_IMSLogon object;
        mm_expect_calls("IMSLogon", 7);
        mm_call_every_IMSLogon(&object, mm_seen);
    }
    {
        MM_SLOT(ISequentialStream, QueryInterface, 0);
        MM_SLOT(ISequentialStream, AddRef, 1);
        MM_SLOT(ISequentialStream, Release, 2);
        MM_SLOT(ISequentialStream, Read, 3);
        MM_SLOT(ISequentialStream, Write, 4);
    }
    {
        MM_SLOT(IStream, QueryInterface, 0);
        MM_SLOT(IStream, AddRef, 1);
        MM_SLOT(IStream, Release, 2);
        MM_SLOT(IStream, Read, 3);
        MM_SLOT(IStream, Write, 4);
        MM_SLOT(IStream, Seek, 5);
        MM_SLOT(IStream, SetSize, 6);
        MM_SLOT(IStream, CopyTo, 7);
        MM_SLOT(IStream, Commit, 8);
        MM_SLOT(IStream, Revert, 9);
        MM_SLOT(IStream, LockRegion, 10);
        MM_SLOT(IStream, UnlockRegion, 11);
        MM_SLOT(IStream, Stat, 12);
        MM_SLOT(IStream, Clone, 13);
    }
    {
        MM_SLOT(ILockBytes, QueryInterface, 0);
        MM_SLOT(ILockBytes, AddRef, 1);
        MM_SLOT(ILockBytes, Release, 2);
        MM_SLOT(ILockBytes, ReadAt, 3);
        MM_SLOT(ILockBytes, WriteAt, 4);
        MM_SLOT(ILockBytes, Flush, 5);
        MM_SLOT(ILockBytes, SetSize, 6);
        MM_SLOT(ILockBytes, LockRegion, 7);
        MM_SLOT(ILockBytes, UnlockRegion, 8);
        MM_SLOT(ILockBytes, Stat, 9);
    }
    {
        MM_SLOT(IEnumSTATSTG, QueryInterface, 0);
        MM_SLOT(IEnumSTATSTG, AddRef, 1);
        MM_SLOT(IEnumSTATSTG, Release, 2);
        MM_SLOT(IEnumSTATSTG, Next, 3);
        MM_SLOT(IEnumSTATSTG, Skip, 4);
        MM_SLOT(IEnumSTATSTG, Reset, 5);
        MM_SLOT(IEnumSTATSTG, Clone, 6);
    }
    {
        MM_SLOT(IStorage, QueryInterface, 0);
        MM_SLOT(IStorage, AddRef, 1);
        MM_SLOT(IStorage, Release, 2);
        MM_SLOT(IStorage, CreateStream, 3);
        MM_SLOT(IStorage, OpenStream, 4);
        MM_SLOT(IStorage, CreateStorage, 5);
        MM_SLOT(IStorage, OpenStorage, 6);
        MM_SLOT(IStorage, CopyTo, 7);
        MM_SLOT(IStorage, MoveElementTo, 8);
        MM_SLOT(IStorage, Commit, 9);
        MM_SLOT(IStorage, Revert, 10);
        MM_SLOT(IStorage, EnumElements, 11);
        MM_SLOT(IStorage, DestroyElement, 12);
        MM_SLOT(IStorage, RenameElement, 13);
        MM_SLOT(IStorage, SetElementTimes, 14);
        MM_SLOT(IStorage, SetClass, 15);
        MM_SLOT(IStorage, SetStateBits, 16);
        MM_SLOT(IStorage, Stat, 17);
    }
    {
        MM_SLOT(IMalloc, QueryInterface, 0);
        MM_SLOT(IMalloc, AddRef, 1);
        MM_SLOT(IMalloc, Release, 2);
        MM_SLOT(IMalloc, Alloc, 3);
        MM_SLOT(IMalloc, Realloc, 4);
        MM_SLOT(IMalloc, Free, 5);
        MM_SLOT(IMalloc, GetSize, 6);
        MM_SLOT(IMalloc, DidAlloc, 7);
        MM_SLOT(IMalloc, HeapMinimize, 8);
    }
    {
        MM_SLOT(IAddrBook, QueryInterface, 0);
        MM_SLOT(IAddrBook, AddRef, 1);
        MM_SLOT(IAddrBook, Release, 2);
        MM_SLOT(IAddrBook, GetLastError, 3);
        MM_SLOT(IAddrBook, SaveChanges, 4);
        MM_SLOT(IAddrBook, GetProps, 5);
        MM_SLOT(IAddrBook, GetPropList, 6);
        MM_SLOT(IAddrBook, OpenProperty, 7);
        MM_SLOT(IAddrBook, SetProps, 8);
        MM_SLOT(IAddrBook, DeleteProps, 9);
        MM_SLOT(IAddrBook, CopyTo, 10);
        MM_SLOT(IAddrBook, CopyProps, 11);
        MM_SLOT(IAddrBook, GetNamesFromIDs, 12);
        MM_SLOT(IAddrBook, GetIDsFromNames, 13);
        MM_SLOT(IAddrBook, OpenEntry, 14);
        MM_SLOT(IAddrBook, CompareEntryIDs, 15);
        MM_SLOT(IAddrBook, Advise, 16);
        MM_SLOT(IAddrBook, Unadvise, 17);
        MM_SLOT(IAddrBook, CreateOneOff, 18);
        MM_SLOT(IAddrBook, NewEntry, 19);
        MM_SLOT(IAddrBook, ResolveName, 20);
        MM_SLOT(IAddrBook, Address, 21);
        MM_SLOT(IAddrBook, Details, 22);
        MM_SLOT(IAddrBook, RecipOptions, 23);
        MM_SLOT(IAddrBook, QueryDefaultRecipOpt, 24);
        MM_SLOT(IAddrBook, GetPAB, 25);
        MM_SLOT(IAddrBook, SetPAB, 26);
        MM_SLOT(IAddrBook, GetDefaultDir, 27);
        MM_SLOT(IAddrBook, SetDefaultDir, 28);
        MM_SLOT(IAddrBook, GetSearchPath, 29);
        MM_SLOT(IAddrBook, SetSearchPath, 30);
        MM_SLOT(IAddrBook, PrepareRecips, 31);
        Impl_IAddrBook object;
        mm_expect_calls("IAddrBook", 29);
        mm_call_every_IAddrBook(&object, mm_seen);
    }
    {
        MM_SLOT(IProfAdmin, QueryInterface, 0);
        MM_SLOT(IProfAdmin, AddRef, 1);
        MM_SLOT(IProfAdmin, Release, 2);
        MM_SLOT(IProfAdmin, GetLastError, 3);
        MM_SLOT(IProfAdmin, GetProfileTable, 4);
        MM_SLOT(IProfAdmin, CreateProfile, 5);
        MM_SLOT(IProfAdmin, DeleteProfile, 6);
        MM_SLOT(IProfAdmin, ChangeProfilePassword, 7);
        MM_SLOT(IProfAdmin, CopyProfile, 8);
        MM_SLOT(IProfAdmin, RenameProfile, 9);
        MM_SLOT(IProfAdmin, SetDefaultProfile, 10);
        MM_SLOT(IProfAdmin, AdminServices, 11);
        Impl_IProfAdmin object;
        mm_expect_calls("IProfAdmin", 9);
        mm_call_every_IProfAdmin(&object, mm_seen);
    }
    {
        MM_SLOT(IMsgServiceAdmin, QueryInterface, 0);
        MM_SLOT(IMsgServiceAdmin, AddRef, 1);
        MM_SLOT(IMsgServiceAdmin, Release, 2);
        MM_SLOT(IMsgServiceAdmin, GetLastError, 3);
        MM_SLOT(IMsgServiceAdmin, GetMsgServiceTable, 4);
        MM_SLOT(IMsgServiceAdmin, CreateMsgService, 5);
        MM_SLOT(IMsgServiceAdmin, DeleteMsgService, 6);
        MM_SLOT(IMsgServiceAdmin, CopyMsgService, 7);
        MM_SLOT(IMsgServiceAdmin, RenameMsgService, 8);
        MM_SLOT(IMsgServiceAdmin, ConfigureMsgService, 9);
        MM_SLOT(IMsgServiceAdmin, OpenProfileSection, 10);
        MM_SLOT(IMsgServiceAdmin, MsgServiceTransportOrder, 11);
        MM_SLOT(IMsgServiceAdmin, AdminProviders, 12);
        MM_SLOT(IMsgServiceAdmin, SetPrimaryIdentity, 13);
        MM_SLOT(IMsgServiceAdmin, GetProviderTable, 14);
        Impl_IMsgServiceAdmin object;
        mm_expect_calls("IMsgServiceAdmin", 12);
        mm_call_every_IMsgServiceAdmin(&object, mm_seen);
    }
    {
        MM_SLOT(IXPProvider, QueryInterface, 0);
        MM_SLOT(IXPProvider, AddRef, 1);
        MM_SLOT(IXPProvider, Release, 2);
        MM_SLOT(IXPProvider, Shutdown, 3);
        MM_SLOT(IXPProvider, TransportLogon, 4);
        Impl_IXPProvider object;
        mm_expect_calls("IXPProvider", 2);
        mm_call_every_IXPProvider(&object, mm_seen);
    }
    {
        MM_SLOT(IABProvider, QueryInterface, 0);
        MM_SLOT(IABProvider, AddRef, 1);
        MM_SLOT(IABProvider, Release, 2);
        MM_SLOT(IABProvider, Shutdown, 3);
        MM_SLOT(IABProvider, Logon, 4);
        Impl_IABProvider object;
        mm_expect_calls("IABProvider", 2);
        mm_call_every_IABProvider(&object, mm_seen);
    }
    {
        MM_SLOT(IMSProvider, QueryInterface, 0);
        MM_SLOT(IMSProvider, AddRef, 1);
        MM_SLOT(IMSProvider, Release, 2);
        MM_SLOT(IMSProvider, Shutdown, 3);
        MM_SLOT(IMSProvider, Logon, 4);
        MM_SLOT(IMSProvider, SpoolerLogon, 5);
        MM_SLOT(IMSProvider, CompareStoreIDs, 6);
        Impl_IMSProvider object;
        mm_expect_calls("IMSProvider", 4);
        mm_call_every_IMSProvider(&object, mm_seen);
    }
}
