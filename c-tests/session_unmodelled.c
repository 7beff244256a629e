/* SPEC §1: the mock's IMAPISession fills every vtable slot; the 18 it does not model return MAPI_E_NO_SUPPORT
 * (and do not write their out-parameters, reach providers, or count as violations). */
#include "mm_test.h"

enum { N_UNMODELLED = 18 };

/* The unmodelled slots in vtable order (Logoff, slot 17, is modelled). */
static const char *const slot_names[N_UNMODELLED] = {
    "GetLastError",   "GetMsgStoresTable", "OpenMsgStore",          "OpenAddressBook",  "OpenProfileSection",
    "GetStatusTable", "OpenEntry",         "CompareEntryIDs",       "Advise",           "Unadvise",
    "MessageOptions", "QueryDefaultMessageOpt", "EnumAdrTypes",     "QueryIdentity",    "SetDefaultStore",
    "AdminServices",  "ShowForm",          "PrepareForm",
};

/* Call slot `i` with harmless arguments: valid out-pointers that hold a sentinel, zero flags. */
static HRESULT call_slot(IMAPISession *s, int i, void **out, ULONG *out_ulong) {
    const IMAPISessionVtbl *v = s->lpVtbl;
    char adr_type[] = "SMTP";
    char message_class[] = "IPM.Note";
    ULONG_PTR connection = 0;
    LPTSTR *adr_types = NULL;
    ULONG_PTR token = 0;
    switch (i) {
    /* Each out-pointer is the caller's sentinel slot, typed as the SDK types it. */
    case 0: return v->GetLastError(s, MAPI_E_NO_SUPPORT, 0, (struct _MAPIERROR **)out);
    case 1: return v->GetMsgStoresTable(s, 0, (IMAPITable **)out);
    case 2: return v->OpenMsgStore(s, 0, 0, NULL, NULL, 0, (struct IMsgStore **)out);
    case 3: return v->OpenAddressBook(s, 0, NULL, 0, (struct IAddrBook **)out);
    case 4: return v->OpenProfileSection(s, NULL, NULL, 0, (struct IProfSect **)out);
    case 5: return v->GetStatusTable(s, 0, (IMAPITable **)out);
    case 6: return v->OpenEntry(s, 0, NULL, NULL, 0, out_ulong, (IUnknown **)out);
    case 7: return v->CompareEntryIDs(s, 0, NULL, 0, NULL, 0, out_ulong);
    case 8: return v->Advise(s, 0, NULL, 0, NULL, &connection);
    case 9: return v->Unadvise(s, 1);
    case 10: return v->MessageOptions(s, 0, 0, adr_type, NULL);
    case 11: return v->QueryDefaultMessageOpt(s, adr_type, 0, out_ulong, (struct _SPropValue **)out);
    case 12: return v->EnumAdrTypes(s, 0, out_ulong, &adr_types);
    case 13: return v->QueryIdentity(s, out_ulong, (struct ENTRYID **)out);
    case 14: return v->SetDefaultStore(s, 0, 0, NULL);
    case 15: return v->AdminServices(s, 0, (struct IMsgServiceAdmin **)out);
    case 16: return v->ShowForm(s, 0, NULL, NULL, &IID_IUnknown, 0, NULL, 0, 0, 0, 0, message_class);
    case 17: return v->PrepareForm(s, &IID_IUnknown, NULL, &token);
    default: return E_UNEXPECTED;
    }
}

static void test_unmodelled_session_slots_return_no_support(void) {
    tp_provider xp;
    tp_init(&xp, MOCKMAPI_PROVIDER_TRANSPORT, "xp", 1);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("unmodelled");
    if (s) {
        CHECK_HR(tp_attach(s, &xp), S_OK);
        mm_mark m = mm_mark_now();
        for (int i = 0; i < N_UNMODELLED; i++) {
            void *sentinel = &xp;
            void *out = sentinel;
            ULONG out_ulong = 0xC0FFEEu;
            mm_mark before = mm_mark_now();
            if (!CHECK_HR(call_slot(s, i, &out, &out_ulong), MAPI_E_NO_SUPPORT))
                fprintf(stderr, "    slot %s\n", slot_names[i]);
            if (!CHECK(out == sentinel && out_ulong == 0xC0FFEEu, "out-parameters are not written"))
                fprintf(stderr, "    slot %s\n", slot_names[i]);
            /* The journal names the call: method number in vtable order from SESSION_FIRST_UNMODELLED. */
            mockmapi_event e;
            int found = 0;
            for (size_t k = before.events; mockmapi_journal_get(k, &e) == S_OK; k++)
                if (e.event_type == MOCKMAPI_EVENT_CLIENT_CALL) {
                    found = 1;
                    CHECK_EQ(e.method, MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED + (uint32_t)i);
                    if (!CHECK(strcmp(e.method_name, slot_names[i]) == 0, "journal: the slot's method name"))
                        fprintf(stderr, "    slot %s journaled as \"%s\"\n", slot_names[i], e.method_name);
                    CHECK_HR(e.hresult, MAPI_E_NO_SUPPORT);
                    CHECK_EQ(e.session, 1);
                    break;
                }
            if (!CHECK(found, "the call is journaled")) fprintf(stderr, "    slot %s\n", slot_names[i]);
            CHECK(strcmp(mockmapi_method_name(MOCKMAPI_METHOD_SESSION_FIRST_UNMODELLED + (uint32_t)i), slot_names[i]) ==
                      0,
                  "mockmapi_method_name of the slot");
        }
        CHECK_VIOLATIONS(m, 0, NULL);
        CHECK_EQ(tp_log_since(m), 0);
        CHECK_EQ(mm_count_since(m, MOCKMAPI_EVENT_PROVIDER_CALL, NULL), 0);
        /* The session is still fine afterwards. */
        CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
        CHECK_EQ(atomic_load(&xp.n_shutdown), 1);
        s->lpVtbl->Release(s);
    }
    mm_test_end();
}

/* Slot 17 is Logoff: the struct layout is the ABI. */
static void test_session_vtable_layout(void) {
    _Static_assert(offsetof(IMAPISessionVtbl, Logoff) == 17 * sizeof(void (*)(void)), "Logoff is slot 17");
    _Static_assert(offsetof(IMAPISessionVtbl, GetLastError) == 3 * sizeof(void (*)(void)), "GetLastError is slot 3");
    _Static_assert(sizeof(IMAPISessionVtbl) == 22 * sizeof(void (*)(void)), "22 slots");
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("layout");
    if (s) {
        /* Every slot is filled. */
        for (int i = 0; i < 22; i++) {
            void (*slot)(void);
            memcpy(&slot, (const char *)s->lpVtbl + (size_t)i * sizeof slot, sizeof slot);
            if (!CHECK(slot != NULL, "every IMAPISession slot is filled")) fprintf(stderr, "    slot %d\n", i);
        }
        s->lpVtbl->Release(s);
    }
    mm_test_end();
}

int main(void) {
    MM_RUN(test_unmodelled_session_slots_return_no_support);
    MM_RUN(test_session_vtable_layout);
    return mm_finish("session_unmodelled");
}
