/*
 * reference_transport.c — a transport provider (XPProviderInit) with a background thread, done right.
 *
 * Transports usually do their work on threads of their own: polling an outbox, talking to a server. At the
 * end of the process those threads are the danger. After IMAPIProviderShutdown::DoFastShutdown returns the
 * client exits at once, with no further call (no Release, no Shutdown), and a thread caught in the middle of
 * a job dies with it: a message half sent, a file half written. So:
 *
 *   QueryFastShutdown      S_OK: this transport can stop its thread quickly, so it takes part. (Returning
 *                          MAPI_E_NO_SUPPORT would block fast shutdown: the client then shuts down normally.)
 *   NotifyProcessShutdown  stop background work and start no new work: tell the poller to stop, wake it,
 *                          and wait (join) until its current pass is over.
 *   DoFastShutdown         make sure the poller is stopped (a client may skip NotifyProcessShutdown), then
 *                          return S_OK. Nothing of this transport's state needs saving.
 *   Shutdown (normal path) stop the poller too. MAPI calls Shutdown(&flags) after Logoff, then Release.
 *
 * The poller counts the files of the outbox folder every 20 ms, standing in for real work. The folder is
 * $MOCKMAPI_DEMO_OUTBOX, or mockmapi-outbox in the temporary folder.
 *
 *   cc -std=c11 -shared -fPIC -pthread -I include/mockmapi/sdk examples/providers/reference_transport.c \
 *      -o libreference_transport.so
 *   cargo run --release -- check libreference_transport.so
 */
#define _POSIX_C_SOURCE 200809L /* pthreads, clock_gettime, mkdir: POSIX functions hidden by -std=c11 */

#include <windows.h>
/* Define the IIDs this library uses in the library itself, the SDK's way: it needs nothing from its host. */
#include <initguid.h>
#define USES_IID_IXPProvider
#define USES_IID_IMAPIProviderShutdown
#include <mapiguid.h>
DEFINE_OLEGUID(IID_IUnknown, 0x00000000, 0, 0);
#include <mapispi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#define PROVIDER_EXPORT __declspec(dllexport)
#else
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#define PROVIDER_EXPORT __attribute__((visibility("default")))
#endif

#define OUTBOX_PATH_MAX 1024
#define POLL_INTERVAL_MS 20

typedef struct Transport {
    const IXPProviderVtbl *lpVtbl;  /* IXPProvider: the first member, as COM requires */
    IMAPIProviderShutdown shutdown; /* the same object seen as IMAPIProviderShutdown */
    LONG cRef;
    char szOutbox[OUTBOX_PATH_MAX];
    volatile LONG cQueued;  /* what the last pass found (a real transport would send it) */
    BOOL fPollerRunning;    /* touched by init, Release and the shutdown calls, which come one after another */
#ifdef _WIN32
    HANDLE hThread, hStop;  /* hStop: an event, set to stop the poller */
#else
    pthread_t thread;
    pthread_mutex_t lock;   /* guards fStop */
    pthread_cond_t wake;    /* signalled to stop the poller without waiting out its interval */
    BOOL fStop;
#endif
} Transport;

#define TRANSPORT_FROM_SHUTDOWN(p) ((Transport *)((char *)(p)-offsetof(Transport, shutdown)))

/* ---- the background work: one short pass over the outbox -------------------------------------------- */

#ifdef _WIN32
static void PollOnce(Transport *t) {
    char szPattern[OUTBOX_PATH_MAX + 4];
    WIN32_FIND_DATAA fd;
    LONG c = 0;
    HANDLE h;
    snprintf(szPattern, sizeof szPattern, "%s\\*", t->szOutbox);
    h = FindFirstFileA(szPattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do c += !(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY);
        while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    InterlockedExchange(&t->cQueued, c);
}
static DWORD WINAPI PollerMain(LPVOID pv) {
    Transport *t = (Transport *)pv;
    do PollOnce(t);
    while (WaitForSingleObject(t->hStop, POLL_INTERVAL_MS) == WAIT_TIMEOUT);
    return 0;
}
static BOOL StartPoller(Transport *t) {
    CreateDirectoryA(t->szOutbox, NULL);
    t->hStop = CreateEventA(NULL, TRUE, FALSE, NULL);
    t->hThread = t->hStop ? CreateThread(NULL, 0, PollerMain, t, 0, NULL) : NULL;
    if (t->hThread == NULL && t->hStop != NULL) CloseHandle(t->hStop);
    return t->fPollerRunning = (t->hThread != NULL);
}
static void StopPoller(Transport *t) {
    if (!t->fPollerRunning) return;
    SetEvent(t->hStop);                       /* signal... */
    WaitForSingleObject(t->hThread, INFINITE); /* ...and join: the current pass ends, no new one starts */
    CloseHandle(t->hThread);
    CloseHandle(t->hStop);
    t->fPollerRunning = FALSE;
}
#else
static void PollOnce(Transport *t) {
    LONG c = 0;
    struct dirent *e;
    DIR *d = opendir(t->szOutbox);
    if (d == NULL) return;
    while ((e = readdir(d)) != NULL) c += e->d_name[0] != '.';
    closedir(d);
    InterlockedExchange(&t->cQueued, c);
}
static void *PollerMain(void *pv) {
    Transport *t = (Transport *)pv;
    struct timespec until;
    pthread_mutex_lock(&t->lock);
    while (!t->fStop) {
        pthread_mutex_unlock(&t->lock);
        PollOnce(t); /* the work runs without the lock, so a stop request never waits on it to be heard */
        pthread_mutex_lock(&t->lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += POLL_INTERVAL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        while (!t->fStop && pthread_cond_timedwait(&t->wake, &t->lock, &until) == 0) {
            /* woken before the interval ended: by StopPoller, or spuriously (then wait on) */
        }
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}
static BOOL StartPoller(Transport *t) {
    mkdir(t->szOutbox, 0700); /* may exist already; if it cannot be made, passes just find nothing */
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    t->fPollerRunning = pthread_create(&t->thread, NULL, PollerMain, t) == 0;
    return t->fPollerRunning;
}
static void StopPoller(Transport *t) {
    if (!t->fPollerRunning) return;
    pthread_mutex_lock(&t->lock);
    t->fStop = TRUE;
    pthread_cond_signal(&t->wake); /* signal... */
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL); /* ...and join: the current pass ends, no new one starts */
    t->fPollerRunning = FALSE;
}
#endif

/* ---- the provider object: IXPProvider and IMAPIProviderShutdown, one reference count ----------------- */

static HRESULT Transport_QueryInterface(Transport *t, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IXPProvider))
        *ppv = t;
    else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown))
        *ppv = &t->shutdown;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&t->cRef); /* what QueryInterface returns, the caller will Release */
    return S_OK;
}

static ULONG Transport_Release(Transport *t) {
    LONG cRef = InterlockedDecrement(&t->cRef);
    if (cRef == 0) {
        StopPoller(t); /* normally stopped already; never free memory a running thread still uses */
#ifndef _WIN32
        pthread_cond_destroy(&t->wake);
        pthread_mutex_destroy(&t->lock);
#endif
        free(t);
    }
    return (ULONG)cRef;
}

static HRESULT STDMETHODCALLTYPE XP_QueryInterface(LPXPPROVIDER This, REFIID riid, LPVOID *ppv) {
    return Transport_QueryInterface((Transport *)This, riid, ppv);
}
static ULONG STDMETHODCALLTYPE XP_AddRef(LPXPPROVIDER This) {
    return (ULONG)InterlockedIncrement(&((Transport *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE XP_Release(LPXPPROVIDER This) { return Transport_Release((Transport *)This); }

/* The normal shutdown: after Logoff, MAPI calls Shutdown(&flags) (flags 0), then Release. */
static HRESULT STDMETHODCALLTYPE XP_Shutdown(LPXPPROVIDER This, ULONG *lpulFlags) {
    UNREFERENCED_PARAMETER(lpulFlags);
    StopPoller((Transport *)This);
    return S_OK;
}

/* Logging on (the IXPLogon object that sends and receives) is beyond this example. */
static HRESULT STDMETHODCALLTYPE XP_TransportLogon(LPXPPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                                   LPTSTR lpszProfileName, ULONG *lpulFlags,
                                                   LPMAPIERROR *lppMAPIError, LPXPLOGON *lppXPLogon) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)lpulFlags;
    (void)lppMAPIError, (void)lppXPLogon;
    return MAPI_E_NO_SUPPORT;
}

static const IXPProviderVtbl vtblTransport = {
    XP_QueryInterface, XP_AddRef, XP_Release, XP_Shutdown, XP_TransportLogon,
};

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppv) {
    return Transport_QueryInterface(TRANSPORT_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This) {
    return (ULONG)InterlockedIncrement(&TRANSPORT_FROM_SHUTDOWN(This)->cRef);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This) {
    return Transport_Release(TRANSPORT_FROM_SHUTDOWN(This));
}

/* "Can you take part?" Yes: stopping the poller takes at most one pass. */
static HRESULT STDMETHODCALLTYPE PS_QueryFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    UNREFERENCED_PARAMETER(This);
    return S_OK;
}

/* "The process is going to exit." Stop background work now, so that no new work starts. */
static HRESULT STDMETHODCALLTYPE PS_NotifyProcessShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    StopPoller(TRANSPORT_FROM_SHUTDOWN(This));
    return S_OK;
}

/* "The process exits as soon as you return." The poller must not be running then. Stopping it again costs
 * nothing if NotifyProcessShutdown already did. */
static HRESULT STDMETHODCALLTYPE PS_DoFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    StopPoller(TRANSPORT_FROM_SHUTDOWN(This));
    return S_OK;
}

static const IMAPIProviderShutdownVtbl vtblShutdown = {
    PS_QueryInterface, PS_AddRef, PS_Release, PS_QueryFastShutdown, PS_NotifyProcessShutdown, PS_DoFastShutdown,
};

/* ---- the entry point: one new object per call, its poller started ------------------------------------ */

PROVIDER_EXPORT HRESULT STDMAPIINITCALLTYPE XPProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                           LPALLOCATEBUFFER lpAllocateBuffer,
                                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                           ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                           LPXPPROVIDER *lppXPProvider) {
    const char *pszOutbox = getenv("MOCKMAPI_DEMO_OUTBOX");
#ifdef _WIN32
    const char *pszTemp = getenv("TEMP");
#else
    const char *pszTemp = getenv("TMPDIR");
#endif
    Transport *t;
    (void)hInstance, (void)lpMalloc, (void)lpAllocateBuffer, (void)lpAllocateMore, (void)lpFreeBuffer;
    (void)ulFlags;
    if (lpulProviderVer == NULL || lppXPProvider == NULL) return E_INVALIDARG;
    *lppXPProvider = NULL;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    t = (Transport *)calloc(1, sizeof *t);
    if (t == NULL) return E_OUTOFMEMORY;
    t->lpVtbl = &vtblTransport;
    t->shutdown.lpVtbl = &vtblShutdown;
    t->cRef = 1;
    if (pszOutbox != NULL && *pszOutbox != '\0')
        snprintf(t->szOutbox, sizeof t->szOutbox, "%s", pszOutbox);
    else
        snprintf(t->szOutbox, sizeof t->szOutbox, "%s/mockmapi-outbox", pszTemp != NULL ? pszTemp : "/tmp");
    if (!StartPoller(t)) {
        Transport_Release(t);
        return MAPI_E_CALL_FAILED;
    }
    *lppXPProvider = (LPXPPROVIDER)t;
    return S_OK;
}
