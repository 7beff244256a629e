/* SPEC §1 (COM rules) and §2.1: QueryInterface on IMAPISession and on IMAPIClientShutdown — NULL ppv → E_POINTER,
 * NULL riid → E_INVALIDARG, an unsupported IID → *ppv = NULL and E_NOINTERFACE, success AddRefs, IUnknown
 * identity — and reference counting of the session (over-release is a violation, not a crash). */
#include "mm_test.h"

/* An IID nobody implements. */
static const IID IID_Unknown_To_Mapi = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};

/* Both interfaces start with the IUnknown slots, so they are exercised through one IUnknown view each. */
typedef struct subject {
    const char *name;
    IUnknown *unk;
} subject;

static IUnknown *as_unknown(void *p) { return (IUnknown *)p; }

/* The reference count of an object, read from AddRef/Release return values. */
static ULONG ref_count(IUnknown *u) {
    u->lpVtbl->AddRef(u);
    return u->lpVtbl->Release(u);
}

typedef struct fixture {
    IMAPISession *s;
    IMAPIClientShutdown *cs;
    subject subjects[2];
} fixture;

static int fixture_setup(fixture *f) {
    memset(f, 0, sizeof *f);
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    f->s = mm_logon("qi");
    if (f->s == NULL) return 0;
    f->cs = mm_client_shutdown(f->s);
    if (f->cs == NULL) return 0;
    f->subjects[0].name = "IMAPISession";
    f->subjects[0].unk = as_unknown(f->s);
    f->subjects[1].name = "IMAPIClientShutdown";
    f->subjects[1].unk = as_unknown(f->cs);
    return 1;
}

static void fixture_end(fixture *f) {
    if (f->cs) f->cs->lpVtbl->Release(f->cs);
    if (f->s) f->s->lpVtbl->Release(f->s);
    mm_test_end();
}

static void test_MM_COM_QI_null_ppv_returns_e_pointer(void) {
    fixture f;
    if (fixture_setup(&f)) {
        for (int i = 0; i < 2; i++) {
            IUnknown *u = f.subjects[i].unk;
            ULONG before = ref_count(u);
            if (!CHECK_HR(u->lpVtbl->QueryInterface(u, &IID_IUnknown, NULL), E_POINTER))
                fprintf(stderr, "    on %s\n", f.subjects[i].name);
            CHECK_HR(u->lpVtbl->QueryInterface(u, &IID_IMAPIClientShutdown, NULL), E_POINTER);
            CHECK_EQ(ref_count(u), before);
        }
        /* Through the typed vtables as well. */
        CHECK_HR(f.s->lpVtbl->QueryInterface(f.s, &IID_IMAPISession, NULL), E_POINTER);
        CHECK_HR(f.cs->lpVtbl->QueryInterface(f.cs, &IID_IMAPIClientShutdown, NULL), E_POINTER);
    }
    fixture_end(&f);
}

static void test_MM_COM_QI_null_riid_returns_e_invalidarg(void) {
    fixture f;
    if (fixture_setup(&f)) {
        for (int i = 0; i < 2; i++) {
            IUnknown *u = f.subjects[i].unk;
            ULONG before = ref_count(u);
            void *p = &f;
            if (!CHECK_HR(u->lpVtbl->QueryInterface(u, NULL, &p), E_INVALIDARG))
                fprintf(stderr, "    on %s\n", f.subjects[i].name);
            CHECK(p == NULL, "*ppv is set to NULL when QueryInterface fails");
            CHECK_EQ(ref_count(u), before);
        }
    }
    fixture_end(&f);
}

static void test_MM_COM_QI_unsupported_iid_sets_null_and_returns_e_nointerface(void) {
    fixture f;
    if (fixture_setup(&f)) {
        const IID *unsupported[] = {&IID_IMAPIProviderShutdown, &IID_IXPProvider, &IID_IABProvider, &IID_IMSProvider,
                                    &IID_Unknown_To_Mapi};
        for (int i = 0; i < 2; i++) {
            IUnknown *u = f.subjects[i].unk;
            ULONG before = ref_count(u);
            for (size_t k = 0; k < sizeof unsupported / sizeof unsupported[0]; k++) {
                void *p = &f;
                if (!CHECK_HR(u->lpVtbl->QueryInterface(u, unsupported[k], &p), E_NOINTERFACE))
                    fprintf(stderr, "    on %s, IID #%zu\n", f.subjects[i].name, k);
                CHECK(p == NULL, "*ppv is set to NULL for an unsupported interface");
            }
            CHECK_EQ(ref_count(u), before);
        }
        /* MAPI_E_INTERFACE_NOT_SUPPORTED is the same code. */
        void *p = NULL;
        CHECK_HR(f.s->lpVtbl->QueryInterface(f.s, &IID_Unknown_To_Mapi, &p), MAPI_E_INTERFACE_NOT_SUPPORTED);
    }
    fixture_end(&f);
}

/* A successful QueryInterface AddRefs the pointer it returns: one more Release is then needed. */
static void test_MM_COM_QI_success_addrefs(void) {
    fixture f;
    if (fixture_setup(&f)) {
        const IID *supported[] = {&IID_IUnknown, &IID_IMAPISession, &IID_IMAPIClientShutdown};
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                IUnknown *u = f.subjects[i].unk;
                void *p = NULL;
                if (!CHECK_HR(u->lpVtbl->QueryInterface(u, supported[k], &p), S_OK) || p == NULL) {
                    fprintf(stderr, "    on %s, IID #%d\n", f.subjects[i].name, k);
                    continue;
                }
                IUnknown *got = as_unknown(p);
                /* The count of the returned interface went up by one, and one Release takes it back. */
                ULONG with_qi = ref_count(got);
                ULONG after_release = got->lpVtbl->Release(got);
                if (!CHECK_EQ(with_qi, after_release + 1)) fprintf(stderr, "    on %s, IID #%d\n", f.subjects[i].name, k);
            }
        }
        /* Concretely, for the session: 1 (logon) + 1 (mm_client_shutdown's QI, same object) → AddRef gives 3. */
        void *p = NULL;
        ULONG before = ref_count(as_unknown(f.s));
        CHECK_HR(f.s->lpVtbl->QueryInterface(f.s, &IID_IMAPISession, &p), S_OK);
        CHECK(p == (void *)f.s, "QueryInterface(IID_IMAPISession) on a session returns that session");
        CHECK_EQ(f.s->lpVtbl->AddRef(f.s), before + 2);
        CHECK_EQ(f.s->lpVtbl->Release(f.s), before + 1);
        CHECK_EQ(f.s->lpVtbl->Release(f.s), before);
        CHECK_EQ(mockmapi_violation_count(), 0);
    }
    fixture_end(&f);
}

/* COM identity: QueryInterface(IID_IUnknown) from either interface gives the same pointer. */
static void test_MM_COM_QI_iunknown_identity(void) {
    fixture f;
    if (fixture_setup(&f)) {
        void *from_session = NULL, *from_client_shutdown = NULL;
        CHECK_HR(f.s->lpVtbl->QueryInterface(f.s, &IID_IUnknown, &from_session), S_OK);
        CHECK_HR(f.cs->lpVtbl->QueryInterface(f.cs, &IID_IUnknown, &from_client_shutdown), S_OK);
        CHECK(from_session != NULL && from_session == from_client_shutdown,
              "IUnknown from IMAPISession and from IMAPIClientShutdown is the same pointer");
        /* Repeated: the same pointer again. */
        void *again = NULL;
        CHECK_HR(f.cs->lpVtbl->QueryInterface(f.cs, &IID_IUnknown, &again), S_OK);
        CHECK(again == from_session, "IUnknown identity is stable");
        if (again) as_unknown(again)->lpVtbl->Release(as_unknown(again));
        if (from_session) as_unknown(from_session)->lpVtbl->Release(as_unknown(from_session));
        if (from_client_shutdown) as_unknown(from_client_shutdown)->lpVtbl->Release(as_unknown(from_client_shutdown));
    }
    fixture_end(&f);
}

/* Reflexive, symmetric and transitive: each interface can be reached from the other and from itself. */
static void test_MM_COM_QI_is_reflexive_symmetric_transitive(void) {
    fixture f;
    if (fixture_setup(&f)) {
        void *cs_from_cs = NULL, *s_from_cs = NULL, *cs_from_s_from_cs = NULL;
        CHECK_HR(f.cs->lpVtbl->QueryInterface(f.cs, &IID_IMAPIClientShutdown, &cs_from_cs), S_OK);
        CHECK_HR(f.cs->lpVtbl->QueryInterface(f.cs, &IID_IMAPISession, &s_from_cs), S_OK);
        if (s_from_cs) {
            IMAPISession *s = (IMAPISession *)s_from_cs;
            CHECK_HR(s->lpVtbl->QueryInterface(s, &IID_IMAPIClientShutdown, &cs_from_s_from_cs), S_OK);
            /* The session reached from the client shutdown interface is a working session. */
            IMAPITable *table = NULL;
            CHECK_HR(s->lpVtbl->GetMsgStoresTable(s, 0, &table), MAPI_E_NO_SUPPORT);
        }
        if (cs_from_s_from_cs) {
            IMAPIClientShutdown *cs = (IMAPIClientShutdown *)cs_from_s_from_cs;
            CHECK_HR(cs->lpVtbl->QueryFastShutdown(cs), S_OK);
            cs->lpVtbl->Release(cs);
        }
        if (s_from_cs) as_unknown(s_from_cs)->lpVtbl->Release(as_unknown(s_from_cs));
        if (cs_from_cs) as_unknown(cs_from_cs)->lpVtbl->Release(as_unknown(cs_from_cs));
    }
    fixture_end(&f);
}

/* Over-release of a session is a violation, not a crash; the object stays released. */
static void test_MM_COM_REF_session_over_release_is_a_violation_not_a_crash(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("over-release");
    if (s) {
        mm_mark m = mm_mark_now();
        CHECK_EQ(s->lpVtbl->Release(s), 0);
        CHECK_VIOLATIONS(m, 0, NULL);
        m = mm_mark_now();
        CHECK_EQ(s->lpVtbl->Release(s), 0);
        CHECK_VIOLATIONS(m, 1, NULL);
        m = mm_mark_now();
        s->lpVtbl->Release(s);
        CHECK_VIOLATIONS(m, 1, NULL);
        /* The subsystem is unaffected. */
        IMAPISession *s2 = mm_logon("still-works");
        if (s2) {
            CHECK_HR(s2->lpVtbl->Logoff(s2, 0, 0, 0), S_OK);
            CHECK_EQ(s2->lpVtbl->Release(s2), 0);
        }
    }
    MAPIUninitialize();
    mm_test_end();
}

/* Over-release through the client shutdown interface too. */
static void test_MM_COM_REF_client_shutdown_over_release_is_a_violation_not_a_crash(void) {
    CHECK_HR(MAPIInitialize(NULL), S_OK);
    IMAPISession *s = mm_logon("over-release-cs");
    IMAPIClientShutdown *cs = s ? mm_client_shutdown(s) : NULL;
    if (cs) {
        CHECK_HR(s->lpVtbl->Logoff(s, 0, 0, 0), S_OK);
        s->lpVtbl->Release(s);
        cs->lpVtbl->Release(cs);
        mm_mark m = mm_mark_now();
        cs->lpVtbl->Release(cs);
        CHECK_VIOLATIONS(m, 1, NULL);
    }
    MAPIUninitialize();
    mm_test_end();
}

int main(void) {
    MM_RUN(test_MM_COM_QI_null_ppv_returns_e_pointer);
    MM_RUN(test_MM_COM_QI_null_riid_returns_e_invalidarg);
    MM_RUN(test_MM_COM_QI_unsupported_iid_sets_null_and_returns_e_nointerface);
    MM_RUN(test_MM_COM_QI_success_addrefs);
    MM_RUN(test_MM_COM_QI_iunknown_identity);
    MM_RUN(test_MM_COM_QI_is_reflexive_symmetric_transitive);
    MM_RUN(test_MM_COM_REF_session_over_release_is_a_violation_not_a_crash);
    MM_RUN(test_MM_COM_REF_client_shutdown_over_release_is_a_violation_not_a_crash);
    return mm_finish("query_interface");
}
