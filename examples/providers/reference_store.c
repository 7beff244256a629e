/*
 * reference_store.c — a message store provider (MSProviderInit) that gets fast shutdown right.
 *
 * The store keeps its messages in one file. Some of its work lives only in memory until it is saved (here,
 * an open count and a draft, both changed at init), exactly the data fast shutdown puts at risk: after
 * IMAPIProviderShutdown::DoFastShutdown returns, the client process exits at once. No Release, no Shutdown,
 * no destructor, no atexit handler runs after that. So:
 *
 *   QueryFastShutdown      S_OK: "I can save everything inside DoFastShutdown". MAPI_E_NO_SUPPORT is the
 *                          documented way to block fast shutdown (the client then uses the normal shutdown).
 *   NotifyProcessShutdown  stop background work and accept no new work. The exit is near.
 *   DoFastShutdown         make every change durable before returning: write a temporary file, fflush,
 *                          fsync, rename it over the store, fsync the folder. Then return S_OK.
 *   Shutdown (normal path) the same save. MAPI calls Shutdown(&flags) after Logoff, then Release.
 *   Release                frees memory and never saves: after DoFastShutdown no Release ever comes.
 *
 * The file is $MOCKMAPI_STORE_PATH, or mockmapi-reference-store.txt in the temporary folder.
 *
 *   cc -std=c11 -shared -fPIC -I include/mockmapi/sdk examples/providers/reference_store.c -o libreference_store.so
 *   cargo run --release -- check libreference_store.so --exit-test
 *
 * The exit test calls mockmapi_exit_prepare (below) to delete the file, runs the fast shutdown in a child
 * process that exits right after DoFastShutdown, then calls mockmapi_exit_verify to reopen the file.
 */
#define _POSIX_C_SOURCE 200809L /* fsync, fileno, open: POSIX functions hidden by -std=c11 */

#include <windows.h>
/* Define the IIDs this library uses in the library itself, the SDK's way: it needs nothing from its host. */
#include <initguid.h>
#define USES_IID_IMSProvider
#define USES_IID_IMAPIProviderShutdown
#include <mapiguid.h>
DEFINE_OLEGUID(IID_IUnknown, 0x00000000, 0, 0);
#include <mapispi.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <io.h>
#define PROVIDER_EXPORT __declspec(dllexport)
#else
#include <fcntl.h>
#include <unistd.h>
#define PROVIDER_EXPORT __attribute__((visibility("default")))
#endif

#define STORE_PATH_MAX 1024
#define MAX_MESSAGES 64
#define MAX_SUBJECT 128
#define STORE_HEADER "mockmapi-reference-store 1"
#define PENDING_SUBJECT "Draft: written by the store at shutdown"

/* ---- the data and its file -------------------------------------------------------------------------- */

typedef struct StoreData {
    ULONG cOpened; /* how many times the store was opened: every start changes it */
    ULONG c;       /* messages */
    char rgsz[MAX_MESSAGES][MAX_SUBJECT];
} StoreData;

static void GetStorePath(char *psz, size_t cch) {
    const char *pszEnv = getenv("MOCKMAPI_STORE_PATH");
#ifdef _WIN32
    const char *pszTemp = getenv("TEMP");
#else
    const char *pszTemp = getenv("TMPDIR");
#endif
    if (pszEnv != NULL && *pszEnv != '\0')
        snprintf(psz, cch, "%s", pszEnv);
    else
        snprintf(psz, cch, "%s/mockmapi-reference-store.txt", pszTemp != NULL ? pszTemp : "/tmp");
}

/* S_OK, MAPI_E_NOT_FOUND (no file yet) or MAPI_E_CORRUPT_DATA (no header, or the trailer is missing). */
static HRESULT LoadStore(const char *pszPath, StoreData *pd) {
    char szLine[MAX_SUBJECT + 16];
    unsigned long ul;
    HRESULT hr = MAPI_E_CORRUPT_DATA; /* until the trailer proves the file complete */
    FILE *f = fopen(pszPath, "r");
    pd->cOpened = pd->c = 0;
    if (f == NULL) return MAPI_E_NOT_FOUND;
    if (fgets(szLine, sizeof szLine, f) != NULL && strcmp(szLine, STORE_HEADER "\n") == 0) {
        while (fgets(szLine, sizeof szLine, f) != NULL) {
            szLine[strcspn(szLine, "\n")] = '\0';
            if (strncmp(szLine, "message ", 8) == 0 && pd->c < MAX_MESSAGES) {
                snprintf(pd->rgsz[pd->c++], MAX_SUBJECT, "%.*s", MAX_SUBJECT - 1, szLine + 8);
                continue;
            }
            if (sscanf(szLine, "opened %lu", &ul) == 1) {
                pd->cOpened = (ULONG)ul;
                continue;
            }
            if (sscanf(szLine, "end %lu", &ul) == 1 && ul == pd->c) hr = S_OK;
            break;
        }
    }
    fclose(f);
    if (FAILED(hr)) pd->cOpened = pd->c = 0;
    return hr;
}

#ifdef _WIN32
static BOOL FlushFileToDisk(FILE *f) { return _commit(_fileno(f)) == 0; }
static BOOL ReplaceFileAtomically(const char *pszFrom, const char *pszTo) {
    return MoveFileExA(pszFrom, pszTo, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
}
static BOOL SyncFolderOf(const char *pszPath) { (void)pszPath; return TRUE; /* MOVEFILE_WRITE_THROUGH did it */ }
#else
/* fsync asks the kernel to put the file on the disk (on macOS, fcntl(F_FULLFSYNC) goes further still). */
static BOOL FlushFileToDisk(FILE *f) { return fsync(fileno(f)) == 0; }
/* rename replaces the store in one step: a reader sees the old file or the new one, never half of one. */
static BOOL ReplaceFileAtomically(const char *pszFrom, const char *pszTo) { return rename(pszFrom, pszTo) == 0; }
/* A rename changes the folder, not the file: without this fsync a power cut can bring back the old name. */
static BOOL SyncFolderOf(const char *pszPath) {
    char szDir[STORE_PATH_MAX];
    char *pszSlash;
    int fd, rc;
    snprintf(szDir, sizeof szDir, "%s", pszPath);
    pszSlash = strrchr(szDir, '/');
    if (pszSlash == NULL) snprintf(szDir, sizeof szDir, ".");
    else if (pszSlash == szDir) szDir[1] = '\0';
    else *pszSlash = '\0';
    fd = open(szDir, O_RDONLY);
    if (fd < 0) return FALSE;
    rc = fsync(fd);
    close(fd);
    return rc == 0 || errno == EINVAL; /* some file systems cannot sync a folder, and say so */
}
#endif

/* Write everything, durably, or report MAPI_E_DISK_ERROR and leave the previous file untouched. */
static HRESULT SaveStoreDurably(const char *pszPath, const StoreData *pd) {
    char szTemp[STORE_PATH_MAX + 8];
    ULONG i;
    BOOL fOk;
    FILE *f;
    snprintf(szTemp, sizeof szTemp, "%s.tmp", pszPath);
    f = fopen(szTemp, "wb");
    if (f == NULL) return MAPI_E_DISK_ERROR;
    fOk = fprintf(f, "%s\nopened %lu\n", STORE_HEADER, (unsigned long)pd->cOpened) > 0;
    for (i = 0; fOk && i < pd->c; i++) fOk = fprintf(f, "message %s\n", pd->rgsz[i]) > 0;
    fOk = fOk && fprintf(f, "end %lu\n", (unsigned long)pd->c) > 0;
    fOk = fOk && fflush(f) == 0;     /* the C library's buffer -> the operating system */
    fOk = fOk && FlushFileToDisk(f); /* the operating system's cache -> the disk */
    fOk = (fclose(f) == 0) && fOk;
    fOk = fOk && ReplaceFileAtomically(szTemp, pszPath);
    fOk = fOk && SyncFolderOf(pszPath);
    if (!fOk) {
        remove(szTemp);
        return MAPI_E_DISK_ERROR;
    }
    return S_OK;
}

/* ---- the provider object: IMSProvider and IMAPIProviderShutdown, one reference count ------------------ */

/* For brevity this state has no lock: the shutdown calls arrive one after another. MAPI providers must be
 * thread-safe, though: a real store guards its state with a lock, and stops its own threads (a lazy writer,
 * an indexer) the way reference_transport.c stops its poller. */
typedef struct Store {
    const IMSProviderVtbl *lpVtbl;  /* IMSProvider: the first member, as COM requires */
    IMAPIProviderShutdown shutdown; /* the same object seen as IMAPIProviderShutdown */
    LONG cRef;
    BOOL fDirty;        /* memory holds changes the file does not */
    BOOL fShuttingDown; /* NotifyProcessShutdown came: accept no new work */
    char szPath[STORE_PATH_MAX];
    StoreData data;
} Store;

#define STORE_FROM_SHUTDOWN(p) ((Store *)((char *)(p)-offsetof(Store, shutdown)))

static HRESULT AddMessage(Store *s, const char *pszSubject) {
    ULONG i;
    if (s->fShuttingDown) return MAPI_E_CALL_FAILED;
    for (i = 0; i < s->data.c; i++)
        if (strcmp(s->data.rgsz[i], pszSubject) == 0) return S_OK;
    if (s->data.c == MAX_MESSAGES) return MAPI_E_NOT_ENOUGH_MEMORY;
    snprintf(s->data.rgsz[s->data.c++], MAX_SUBJECT, "%s", pszSubject);
    s->fDirty = TRUE;
    return S_OK;
}

static HRESULT SaveIfDirty(Store *s) {
    HRESULT hr = s->fDirty ? SaveStoreDurably(s->szPath, &s->data) : S_OK;
    if (SUCCEEDED(hr)) s->fDirty = FALSE;
    return hr;
}

/* QueryInterface from either interface answers for the whole object, and AddRefs what it returns. */
static HRESULT Store_QueryInterface(Store *s, REFIID riid, LPVOID *ppv) {
    if (ppv == NULL) return E_POINTER;
    *ppv = NULL;
    if (riid == NULL) return E_INVALIDARG;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IMSProvider))
        *ppv = s;
    else if (IsEqualIID(riid, &IID_IMAPIProviderShutdown))
        *ppv = &s->shutdown;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&s->cRef);
    return S_OK;
}

static ULONG Store_Release(Store *s) {
    LONG cRef = InterlockedDecrement(&s->cRef);
    if (cRef == 0) free(s); /* no I/O here: the fast path never gets this far */
    return (ULONG)cRef;
}

static HRESULT STDMETHODCALLTYPE MS_QueryInterface(LPMSPROVIDER This, REFIID riid, LPVOID *ppv) {
    return Store_QueryInterface((Store *)This, riid, ppv);
}
static ULONG STDMETHODCALLTYPE MS_AddRef(LPMSPROVIDER This) {
    return (ULONG)InterlockedIncrement(&((Store *)This)->cRef);
}
static ULONG STDMETHODCALLTYPE MS_Release(LPMSPROVIDER This) { return Store_Release((Store *)This); }

/* The normal shutdown: after Logoff, MAPI calls Shutdown(&flags) (flags 0), then Release. Save here too. */
static HRESULT STDMETHODCALLTYPE MS_Shutdown(LPMSPROVIDER This, ULONG *lpulFlags) {
    UNREFERENCED_PARAMETER(lpulFlags);
    ((Store *)This)->fShuttingDown = TRUE;
    return SaveIfDirty((Store *)This);
}

/* Logging on (opening the message store object) is beyond this example. */
static HRESULT STDMETHODCALLTYPE MS_Logon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                          LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                          ULONG ulFlags, LPCIID lpInterface, ULONG *lpcbSpoolSecurity,
                                          LPBYTE *lppbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                          LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)cbEntryID, (void)lpEntryID;
    (void)ulFlags, (void)lpInterface, (void)lpcbSpoolSecurity, (void)lppbSpoolSecurity, (void)lppMAPIError;
    (void)lppMSLogon, (void)lppMDB;
    return MAPI_E_NO_SUPPORT;
}
static HRESULT STDMETHODCALLTYPE MS_SpoolerLogon(LPMSPROVIDER This, LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam,
                                                 LPTSTR lpszProfileName, ULONG cbEntryID, LPENTRYID lpEntryID,
                                                 ULONG ulFlags, LPCIID lpInterface, ULONG cbSpoolSecurity,
                                                 LPBYTE lpbSpoolSecurity, LPMAPIERROR *lppMAPIError,
                                                 LPMSLOGON *lppMSLogon, LPMDB *lppMDB) {
    (void)This, (void)lpMAPISup, (void)ulUIParam, (void)lpszProfileName, (void)cbEntryID, (void)lpEntryID;
    (void)ulFlags, (void)lpInterface, (void)cbSpoolSecurity, (void)lpbSpoolSecurity, (void)lppMAPIError;
    (void)lppMSLogon, (void)lppMDB;
    return MAPI_E_NO_SUPPORT;
}
static HRESULT STDMETHODCALLTYPE MS_CompareStoreIDs(LPMSPROVIDER This, ULONG cbEntryID1, LPENTRYID lpEntryID1,
                                                    ULONG cbEntryID2, LPENTRYID lpEntryID2, ULONG ulFlags,
                                                    ULONG *lpulResult) {
    (void)This, (void)ulFlags;
    if (lpEntryID1 == NULL || lpEntryID2 == NULL || lpulResult == NULL) return MAPI_E_INVALID_PARAMETER;
    *lpulResult = cbEntryID1 == cbEntryID2 && memcmp(lpEntryID1, lpEntryID2, cbEntryID1) == 0;
    return S_OK;
}

static const IMSProviderVtbl vtblStore = {
    MS_QueryInterface, MS_AddRef, MS_Release, MS_Shutdown, MS_Logon, MS_SpoolerLogon, MS_CompareStoreIDs,
};

static HRESULT STDMETHODCALLTYPE PS_QueryInterface(LPMAPIPROVIDERSHUTDOWN This, REFIID riid, LPVOID *ppv) {
    return Store_QueryInterface(STORE_FROM_SHUTDOWN(This), riid, ppv);
}
static ULONG STDMETHODCALLTYPE PS_AddRef(LPMAPIPROVIDERSHUTDOWN This) {
    return (ULONG)InterlockedIncrement(&STORE_FROM_SHUTDOWN(This)->cRef);
}
static ULONG STDMETHODCALLTYPE PS_Release(LPMAPIPROVIDERSHUTDOWN This) {
    return Store_Release(STORE_FROM_SHUTDOWN(This));
}

/* "Can you take part?" Yes: everything this store holds can be saved within DoFastShutdown. A provider that
 * cannot (say, its data needs a slow round trip to a server) returns MAPI_E_NO_SUPPORT, never E_FAIL. */
static HRESULT STDMETHODCALLTYPE PS_QueryFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    UNREFERENCED_PARAMETER(This);
    return S_OK;
}

/* "The process is going to exit." Stop background work and start nothing new (AddMessage now refuses). A
 * store with a lot to write may start writing here; DoFastShutdown must still finish the job. */
static HRESULT STDMETHODCALLTYPE PS_NotifyProcessShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    STORE_FROM_SHUTDOWN(This)->fShuttingDown = TRUE;
    return S_OK;
}

/* "Save now: the process exits as soon as you return." Everything must be on disk before the return; a
 * failure is reported, not hidden, because the client's answer tells Outlook whether data may be lost. A
 * client may skip NotifyProcessShutdown, so this must not depend on it. */
static HRESULT STDMETHODCALLTYPE PS_DoFastShutdown(LPMAPIPROVIDERSHUTDOWN This) {
    Store *s = STORE_FROM_SHUTDOWN(This);
    s->fShuttingDown = TRUE;
    return SaveIfDirty(s);
}

static const IMAPIProviderShutdownVtbl vtblShutdown = {
    PS_QueryInterface, PS_AddRef, PS_Release, PS_QueryFastShutdown, PS_NotifyProcessShutdown, PS_DoFastShutdown,
};

/* ---- the entry point: one new object per call -------------------------------------------------------- */

PROVIDER_EXPORT HRESULT STDMAPIINITCALLTYPE MSProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc,
                                                           LPALLOCATEBUFFER lpAllocateBuffer,
                                                           LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer,
                                                           ULONG ulFlags, ULONG ulMAPIVer, ULONG *lpulProviderVer,
                                                           LPMSPROVIDER *lppMSProvider) {
    Store *s;
    (void)hInstance, (void)lpMalloc, (void)lpAllocateBuffer, (void)lpAllocateMore, (void)lpFreeBuffer;
    (void)ulFlags;
    if (lpulProviderVer == NULL || lppMSProvider == NULL) return E_INVALIDARG;
    *lppMSProvider = NULL;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    s = (Store *)calloc(1, sizeof *s);
    if (s == NULL) return E_OUTOFMEMORY;
    s->lpVtbl = &vtblStore;
    s->shutdown.lpVtbl = &vtblShutdown;
    s->cRef = 1;
    GetStorePath(s->szPath, sizeof s->szPath);
    (void)LoadStore(s->szPath, &s->data); /* no file (first start) or a bad one: an empty store */
    /* Work accepted but not yet written, as a store always has some: only a save makes it survive. Here,
     * the open count and a draft. */
    s->data.cOpened++;
    s->fDirty = TRUE;
    (void)AddMessage(s, PENDING_SUBJECT);
    *lppMSProvider = (LPMSPROVIDER)s;
    return S_OK;
}

/* ---- hooks for `mockmapi check --exit-test` ---------------------------------------------------------- */

PROVIDER_EXPORT HRESULT mockmapi_exit_prepare(void);
PROVIDER_EXPORT HRESULT mockmapi_exit_verify(void);

/* Before the child runs: start from no file, so only the child's DoFastShutdown can create one. */
HRESULT mockmapi_exit_prepare(void) {
    char szPath[STORE_PATH_MAX];
    GetStorePath(szPath, sizeof szPath);
    return (remove(szPath) == 0 || errno == ENOENT) ? S_OK : MAPI_E_DISK_ERROR;
}

/* After the child exited: the file must be complete and hold what was only in memory: the child's open (the
 * file was deleted before, so the count is 1) and the draft. */
HRESULT mockmapi_exit_verify(void) {
    static StoreData m;
    char szPath[STORE_PATH_MAX];
    ULONG i;
    HRESULT hr;
    GetStorePath(szPath, sizeof szPath);
    hr = LoadStore(szPath, &m);
    if (FAILED(hr)) return hr;
    if (m.cOpened == 0) return MAPI_E_NOT_FOUND;
    for (i = 0; i < m.c; i++)
        if (strcmp(m.rgsz[i], PENDING_SUBJECT) == 0) return S_OK;
    return MAPI_E_NOT_FOUND;
}
