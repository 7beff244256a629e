/*
 * quickstart.c — a store provider, a session, a fast shutdown, a journal check.
 *
 * Build by hand:  cc -std=c11 -I include examples/quickstart.c target/debug/libmockmapi.a -lpthread -ldl -lm
 * Or just:        cargo run --example quickstart
 */
#include "mockmapi.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- a minimal store provider, written the way Windows C code writes COM objects ---- */
typedef struct Store {
    const IMSProviderVtbl *lpVtbl;   /* the provider object: IUnknown + Shutdown + ... */
    IMAPIProviderShutdown shutdown;  /* the fast-shutdown interface, same object */
    ULONG refs;
    int saved;                       /* "data on disk" */
} Store;

#define STORE_FROM_SHUTDOWN(p) ((Store *)((char *)(p)-offsetof(Store, shutdown)))

static HRESULT STDMETHODCALLTYPE Store_QueryInterface(IMSProvider *This, REFIID riid, void **ppv) {
    Store *s = (Store *)This;
    if (ppv == NULL) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMSProvider)) {
        *ppv = s;
    } else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown)) {
        *ppv = &s->shutdown;
    } else {
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    s->refs++;
    return S_OK;
}
static ULONG STDMETHODCALLTYPE Store_AddRef(IMSProvider *This) { return ++((Store *)This)->refs; }
static ULONG STDMETHODCALLTYPE Store_Release(IMSProvider *This) { return --((Store *)This)->refs; }
static HRESULT STDMETHODCALLTYPE Store_Shutdown(IMSProvider *This, ULONG *flags) {
    (void)flags;
    ((Store *)This)->saved = 1; /* normal shutdown: save */
    return S_OK;
}
static const IMSProviderVtbl store_vtbl = {Store_QueryInterface, Store_AddRef, Store_Release, Store_Shutdown,
                                           NULL, NULL, NULL};

static HRESULT STDMETHODCALLTYPE SD_QueryInterface(IMAPIProviderShutdown *This, REFIID riid, void **ppv) {
    return Store_QueryInterface((IMSProvider *)STORE_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE SD_AddRef(IMAPIProviderShutdown *This) { return ++STORE_FROM_SHUTDOWN(This)->refs; }
static ULONG STDMETHODCALLTYPE SD_Release(IMAPIProviderShutdown *This) { return --STORE_FROM_SHUTDOWN(This)->refs; }
static HRESULT STDMETHODCALLTYPE SD_QueryFastShutdown(IMAPIProviderShutdown *This) { (void)This; return S_OK; }
static HRESULT STDMETHODCALLTYPE SD_NotifyProcessShutdown(IMAPIProviderShutdown *This) { (void)This; return S_OK; }
static HRESULT STDMETHODCALLTYPE SD_DoFastShutdown(IMAPIProviderShutdown *This) {
    STORE_FROM_SHUTDOWN(This)->saved = 1; /* everything must be on disk before this returns */
    return S_OK;
}
static const IMAPIProviderShutdownVtbl shutdown_vtbl = {SD_QueryInterface,        SD_AddRef,
                                                        SD_Release,               SD_QueryFastShutdown,
                                                        SD_NotifyProcessShutdown, SD_DoFastShutdown};

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "quickstart: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            failed = 1;                                                        \
        }                                                                      \
    } while (0)

int main(void) {
    int failed = 0;
    Store store = {&store_vtbl, {&shutdown_vtbl}, 1, 0};

    /* The client side, as Outlook does it. */
    EXPECT(MAPIInitialize(NULL) == S_OK);
    IMAPISession *session = NULL;
    EXPECT(MAPILogonEx(0, (LPTSTR) "Outlook", NULL, 0, &session) == S_OK);
    EXPECT(mockmapi_session_add_provider(session, MOCKMAPI_PROVIDER_STORE, "my store", (IUnknown *)(void *)&store) == S_OK);

    IMAPIClientShutdown *client = NULL;
    EXPECT(session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, (void **)&client) == S_OK);
    if (client != NULL && client->lpVtbl->QueryFastShutdown(client) == S_OK) {
        EXPECT(client->lpVtbl->NotifyProcessShutdown(client) == S_OK);
        EXPECT(client->lpVtbl->DoFastShutdown(client) == S_OK);
        /* A real client now exits without any further MAPI call. */
    }

    /* What the mock adds: the data was saved, the protocol was kept, and the journal says what happened. */
    EXPECT(store.saved == 1);
    EXPECT(mockmapi_violation_count() == 0);
    size_t calls = 0;
    for (size_t i = 0; i < mockmapi_journal_count(); i++) {
        mockmapi_event e;
        if (mockmapi_journal_get(i, &e) == S_OK && e.event_type == MOCKMAPI_EVENT_PROVIDER_CALL) calls++;
    }
    EXPECT(calls == 3); /* QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown */

    char journal[8192];
    mockmapi_journal_render(journal, sizeof journal);
    printf("%s", journal);
    printf(failed ? "quickstart: FAILED\n" : "quickstart: the store saved its data before DoFastShutdown returned\n");

    mockmapi_reset(); /* a test harness's cleanup: releases the runtime's references */
    return failed;
}
