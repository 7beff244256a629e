/* Generated from the documented method order of each interface (names, vtable slots, arities); see the
 * program that includes this file. */

#ifndef MM_SDK_INTERFACES_CALLS_H
#define MM_SDK_INTERFACES_CALLS_H
#include <mapiutil.h>

#ifdef __cplusplus
extern "C" {
#endif
/* Called after each method call with the name of the method the C code called. */
typedef void (*mm_seen_fn)(const char *method);
void mm_call_every_IMAPIAdviseSink(IMAPIAdviseSink *p, mm_seen_fn seen);
void mm_call_every_IMAPIProgress(IMAPIProgress *p, mm_seen_fn seen);
void mm_call_every_IMAPIProp(IMAPIProp *p, mm_seen_fn seen);
void mm_call_every_IMAPITable(IMAPITable *p, mm_seen_fn seen);
void mm_call_every_IProfSect(IProfSect *p, mm_seen_fn seen);
void mm_call_every_IMAPIStatus(IMAPIStatus *p, mm_seen_fn seen);
void mm_call_every_IMAPIContainer(IMAPIContainer *p, mm_seen_fn seen);
void mm_call_every_IABContainer(IABContainer *p, mm_seen_fn seen);
void mm_call_every_IMailUser(IMailUser *p, mm_seen_fn seen);
void mm_call_every_IDistList(IDistList *p, mm_seen_fn seen);
void mm_call_every_IMAPIFolder(IMAPIFolder *p, mm_seen_fn seen);
void mm_call_every_IMsgStore(IMsgStore *p, mm_seen_fn seen);
void mm_call_every_IMessage(IMessage *p, mm_seen_fn seen);
void mm_call_every_IAttach(IAttach *p, mm_seen_fn seen);
void mm_call_every_IMAPIControl(IMAPIControl *p, mm_seen_fn seen);
void mm_call_every_IProviderAdmin(IProviderAdmin *p, mm_seen_fn seen);
void mm_call_every_ITableData(ITableData *p, mm_seen_fn seen);
void mm_call_every_IPropData(IPropData *p, mm_seen_fn seen);
void mm_call_every_IMAPISupport(IMAPISupport *p, mm_seen_fn seen);
void mm_call_every_IABLogon(IABLogon *p, mm_seen_fn seen);
void mm_call_every_IXPLogon(IXPLogon *p, mm_seen_fn seen);
void mm_call_every_IMSLogon(IMSLogon *p, mm_seen_fn seen);
void mm_call_every_IAddrBook(IAddrBook *p, mm_seen_fn seen);
void mm_call_every_IProfAdmin(IProfAdmin *p, mm_seen_fn seen);
void mm_call_every_IMsgServiceAdmin(IMsgServiceAdmin *p, mm_seen_fn seen);
void mm_call_every_IXPProvider(IXPProvider *p, mm_seen_fn seen);
void mm_call_every_IABProvider(IABProvider *p, mm_seen_fn seen);
void mm_call_every_IMSProvider(IMSProvider *p, mm_seen_fn seen);
#ifdef __cplusplus
}
#endif
#endif
