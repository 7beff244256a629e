// mockmapi-ctest: sdk
// mockmapi-ctest: source support/initguid_second.c
/*
 * A program that defines the MAPI IIDs itself, the Windows way (initguid.h, USES_IID_*, mapiguid.h), including
 * the ones libmockmapi exports (and IID_IUnknown with DEFINE_OLEGUID), in two of its files, links against the
 * staticlib and the cdylib without duplicate symbols, and the IIDs work: the runtime answers QueryInterface
 * for the program's own IID_IMAPIClientShutdown.
 */
#include <windows.h>
#include <initguid.h>
#define USES_IID_IMAPISession
#define USES_IID_IMSProvider
#define USES_IID_IABProvider
#define USES_IID_IXPProvider
#define USES_IID_IMAPIClientShutdown
#define USES_IID_IMAPIProviderShutdown
#define USES_IID_IMAPITable
#define USES_IID_IXPLogon
#include <mapiguid.h>
DEFINE_OLEGUID(IID_IUnknown, 0x00000000, 0, 0);

#include <mapix.h>
#include <mapispi.h>

#include "mm_test.h"

const GUID *second_file_client_shutdown_iid(void);
const GUID *second_file_table_iid(void);

static int is_ole_guid(const GUID *g, uint32_t data1) {
    static const BYTE tail[8] = {0xC0, 0, 0, 0, 0, 0, 0, 0x46};
    return g->Data1 == data1 && g->Data2 == 0 && g->Data3 == 0 && memcmp(g->Data4, tail, 8) == 0;
}

int main(void) {
    CHECK(is_ole_guid(&IID_IUnknown, 0x00000000), "IID_IUnknown");
    CHECK(is_ole_guid(&IID_IMAPISession, 0x00020300), "IID_IMAPISession");
    CHECK(is_ole_guid(&IID_IMSProvider, 0x00020310), "IID_IMSProvider");
    CHECK(is_ole_guid(&IID_IABProvider, 0x00020311), "IID_IABProvider");
    CHECK(is_ole_guid(&IID_IXPProvider, 0x00020312), "IID_IXPProvider");
    CHECK(is_ole_guid(&IID_IMAPIClientShutdown, 0x00020397), "IID_IMAPIClientShutdown");
    CHECK(is_ole_guid(&IID_IMAPIProviderShutdown, 0x00020398), "IID_IMAPIProviderShutdown");
    CHECK(is_ole_guid(&IID_IMAPITable, 0x00020301), "IID_IMAPITable (not one libmockmapi exports)");
    CHECK(is_ole_guid(&IID_IXPLogon, 0x00020315), "IID_IXPLogon");
    CHECK(second_file_client_shutdown_iid() == &IID_IMAPIClientShutdown,
          "both files' definitions became one object");
    CHECK(second_file_table_iid() == &IID_IMAPITable, "likewise for an IID only the program defines");

    /* The runtime compares IIDs by value, whichever definition the linker kept. */
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("initguid");
    if (s != NULL) {
        IMAPIClientShutdown *cs = NULL;
        CHECK_HR(s->lpVtbl->QueryInterface(s, second_file_client_shutdown_iid(), (void **)&cs), S_OK);
        if (cs != NULL) {
            CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
            cs->lpVtbl->Release(cs);
        }
        IUnknown *unk = NULL;
        CHECK_HR(s->lpVtbl->QueryInterface(s, &IID_IUnknown, (void **)&unk), S_OK);
        CHECK(unk == (IUnknown *)s, "IUnknown identity");
        if (unk != NULL) unk->lpVtbl->Release(unk);
        void *table = NULL;
        CHECK_HR(s->lpVtbl->QueryInterface(s, &IID_IMAPITable, &table), E_NOINTERFACE);
        CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
        s->lpVtbl->Release(s);
    }
    MAPIUninitialize();
    CHECK_EQ(mockmapi_violation_count(), 0);
    return mm_finish("sdk_initguid");
}
