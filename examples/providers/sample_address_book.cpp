/*
 * sample_address_book.cpp — an address book provider (ABProviderInit) written the way the MAPI SDK samples
 * are written: a C++ class per object with its methods declared by the SDK's MAPI_I*_METHODS macros, the
 * directory kept in a table from CreateTable (ITableData) and the provider's own properties in a property bag
 * from CreateIProp (IPropData), PR_* tags from mapitags.h, and a CRITICAL_SECTION around its state.
 *
 * Fast shutdown, the way the SDK's "Best Practices for Fast Shutdown" ask for it:
 *
 *   every change       the directory changes under the lock, and the text that would be saved is prepared at
 *                      once (HrQueryAllRows on a sorted view), so that saving needs no MAPI call later.
 *   QueryFastShutdown  S_OK: "everything can be saved inside DoFastShutdown".
 *   NotifyProcessShutdown  accept no more changes.
 *   DoFastShutdown     write the prepared text durably (temporary file, flush, rename) and return S_OK. It makes
 *                      no MAPI call: from here on the process may end at any moment and MAPI takes no more
 *                      calls.
 *   Shutdown (normal)  the same save; then MAPI releases the provider.
 *   Release            frees memory and never saves: after DoFastShutdown no Release comes.
 *
 * The directory file is $MOCKMAPI_AB_PATH, or mockmapi-sample-address-book.txt in the temporary folder. The
 * exit test hooks (mockmapi_exit_prepare / mockmapi_exit_verify) are at the end.
 *
 *   c++ -std=c++17 -shared -fPIC -pthread -I include/mockmapi/sdk examples/providers/sample_address_book.cpp \
 *       -o libsample_address_book.so
 *   cargo run --release -- check libsample_address_book.so --exit-test
 *
 * On Windows build it against the Windows SDK's MAPI headers; the only platform branch is the lock on other
 * systems (the SDK-compatible headers have no CRITICAL_SECTION yet) and the file calls.
 */
#define INITGUID
#define USES_IID_IABProvider
#define USES_IID_IMAPIProviderShutdown

#include <Windows.h>
#include <MAPIX.h>
#include <MAPISPI.h>
#include <MAPIUtil.h>
#include <MAPITags.h>
#include <MAPIGuid.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <new>
#include <string>

#ifdef _WIN32
#define PROVIDER_EXPORT __declspec(dllexport)
#else
#include <pthread.h>
#include <unistd.h>
#define PROVIDER_EXPORT __attribute__((visibility("default")))
#endif

/* ---- the lock: a CRITICAL_SECTION on Windows ------------------------------------------------------------ */
class CLock
{
public:
#ifdef _WIN32
    CLock() { InitializeCriticalSection(&m_cs); }
    ~CLock() { DeleteCriticalSection(&m_cs); }
    void Enter() { EnterCriticalSection(&m_cs); }
    void Leave() { LeaveCriticalSection(&m_cs); }
private:
    CRITICAL_SECTION m_cs;
#else
    CLock() { pthread_mutex_init(&m_mutex, NULL); }
    ~CLock() { pthread_mutex_destroy(&m_mutex); }
    void Enter() { pthread_mutex_lock(&m_mutex); }
    void Leave() { pthread_mutex_unlock(&m_mutex); }
private:
    pthread_mutex_t m_mutex;
#endif
};

class CAutoLock
{
public:
    explicit CAutoLock(CLock &lock) : m_lock(lock) { m_lock.Enter(); }
    ~CAutoLock() { m_lock.Leave(); }
private:
    CLock &m_lock;
};

/* ---- where the directory lives --------------------------------------------------------------------------- */
#define AB_HEADER "mockmapi-sample-address-book 1"
#define PENDING_NAME "Zoe Pending"

static std::string DirectoryPath()
{
    const char *pszEnv = getenv("MOCKMAPI_AB_PATH");
    if (pszEnv != NULL && *pszEnv != '\0') return pszEnv;
#ifdef _WIN32
    const char *pszTemp = getenv("TEMP");
#else
    const char *pszTemp = getenv("TMPDIR");
#endif
    return std::string(pszTemp != NULL ? pszTemp : "/tmp") + "/mockmapi-sample-address-book.txt";
}

/* The columns of the directory table. PR_ROWID identifies a row. */
static const SizedSPropTagArray(3, sptaDirectory) = {3, {PR_ROWID, PR_DISPLAY_NAME_A, PR_EMAIL_ADDRESS_A}};

/* ---- the provider object ------------------------------------------------------------------------------------ */
class CABProvider : public IABProvider, public IMAPIProviderShutdown
{
public:
    CABProvider(LPALLOCATEBUFFER lpAllocateBuffer, LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer);
    virtual ~CABProvider();

    HRESULT HrInit();

    MAPI_IUNKNOWN_METHODS(IMPL)
    MAPI_IABPROVIDER_METHODS(IMPL)
    MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(IMPL)

private:
    HRESULT HrLoad();
    HRESULT HrAddEntry(LONG lRowID, LPCSTR pszName, LPCSTR pszAddress);
    HRESULT HrPrepareSave();
    HRESULT HrSave();

    LONG m_cRef;
    CLock m_lock;
    LPALLOCATEBUFFER m_lpAllocateBuffer;
    LPALLOCATEMORE m_lpAllocateMore;
    LPFREEBUFFER m_lpFreeBuffer;
    LPTABLEDATA m_lpDirectory; /* the entries */
    LPPROPDATA m_lpProps;      /* the provider's own properties: read-only once set up */
    std::string m_strPrepared; /* the directory file as it must be saved, kept current by every change */
    BOOL m_fClosing;           /* NotifyProcessShutdown came: no more changes */
    LONG m_lNextRowID;
};

CABProvider::CABProvider(LPALLOCATEBUFFER lpAllocateBuffer, LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer)
    : m_cRef(1), m_lpAllocateBuffer(lpAllocateBuffer), m_lpAllocateMore(lpAllocateMore),
      m_lpFreeBuffer(lpFreeBuffer), m_lpDirectory(NULL), m_lpProps(NULL), m_fClosing(FALSE), m_lNextRowID(1)
{
}

CABProvider::~CABProvider()
{
    UlRelease(m_lpDirectory);
    UlRelease(m_lpProps);
}

HRESULT CABProvider::HrInit()
{
    HRESULT hr = CreateTable(NULL, m_lpAllocateBuffer, m_lpAllocateMore, m_lpFreeBuffer, NULL, TBLTYPE_DYNAMIC,
                             PR_ROWID, (LPSPropTagArray)&sptaDirectory, &m_lpDirectory);
    if (FAILED(hr)) return hr;
    hr = CreateIProp(NULL, m_lpAllocateBuffer, m_lpAllocateMore, m_lpFreeBuffer, NULL, &m_lpProps);
    if (FAILED(hr)) return hr;

    SPropValue rgProps[2];
    rgProps[0].ulPropTag = PR_PROVIDER_DISPLAY_A;
    rgProps[0].Value.lpszA = (LPSTR) "Sample Address Book";
    rgProps[1].ulPropTag = PR_DISPLAY_TYPE;
    rgProps[1].Value.l = DT_GLOBAL;
    hr = m_lpProps->SetProps(2, rgProps, NULL);
    if (FAILED(hr)) return hr;
    hr = m_lpProps->HrSetObjAccess(IPROP_READONLY);
    if (FAILED(hr)) return hr;

    hr = HrLoad();
    if (FAILED(hr)) return hr;
    /* A change that exists only in memory until the provider saves it: what fast shutdown puts at risk. */
    return HrAddEntry(1000, PENDING_NAME, "zoe@example.com");
}

/* Read the directory file (if any) into the table. */
HRESULT CABProvider::HrLoad()
{
    FILE *f = fopen(DirectoryPath().c_str(), "r");
    if (f == NULL) return HrAddEntry(1, "Alice Example", "alice@example.com");
    char szLine[512];
    HRESULT hr = S_OK;
    if (fgets(szLine, sizeof szLine, f) == NULL || strncmp(szLine, AB_HEADER, strlen(AB_HEADER)) != 0)
    {
        fclose(f);
        return HrAddEntry(1, "Alice Example", "alice@example.com");
    }
    while (SUCCEEDED(hr) && fgets(szLine, sizeof szLine, f) != NULL)
    {
        long lRowID = 0;
        char szName[200], szAddress[200];
        if (sscanf(szLine, "entry %ld\t%199[^\t]\t%199[^\n]", &lRowID, szName, szAddress) == 3)
            hr = HrAddEntry((LONG)lRowID, szName, szAddress);
    }
    fclose(f);
    return hr;
}

/* Add or replace an entry, then prepare the text the next save writes. */
HRESULT CABProvider::HrAddEntry(LONG lRowID, LPCSTR pszName, LPCSTR pszAddress)
{
    CAutoLock lock(m_lock);
    if (m_fClosing) return MAPI_E_CALL_FAILED;
    SPropValue rgProps[3];
    rgProps[0].ulPropTag = PR_ROWID;
    rgProps[0].Value.l = lRowID;
    rgProps[1].ulPropTag = PR_DISPLAY_NAME_A;
    rgProps[1].Value.lpszA = (LPSTR)pszName;
    rgProps[2].ulPropTag = PR_EMAIL_ADDRESS_A;
    rgProps[2].Value.lpszA = (LPSTR)pszAddress;
    SRow sRow = {0, 3, rgProps};
    HRESULT hr = m_lpDirectory->HrModifyRow(&sRow);
    if (FAILED(hr)) return hr;
    if (lRowID >= m_lNextRowID) m_lNextRowID = lRowID + 1;
    return HrPrepareSave();
}

/* The file's text, sorted by display name, from a view of the table. Called with the lock held. */
HRESULT CABProvider::HrPrepareSave()
{
    static const SizedSSortOrderSet(1, sosByName) = {1, 0, 0, {{PR_DISPLAY_NAME_A, TABLE_SORT_ASCEND}}};
    LPMAPITABLE lpView = NULL;
    LPSRowSet lpRows = NULL;
    LPSPropValue lpName = NULL;
    HRESULT hr = m_lpDirectory->HrGetView(NULL, NULL, 0, &lpView);
    if (SUCCEEDED(hr))
        hr = HrQueryAllRows(lpView, (LPSPropTagArray)&sptaDirectory, NULL, (LPSSortOrderSet)&sosByName, 0, &lpRows);
    if (SUCCEEDED(hr)) hr = HrGetOneProp((LPMAPIPROP)m_lpProps, PR_PROVIDER_DISPLAY_A, &lpName);
    if (SUCCEEDED(hr))
    {
        std::string strText = AB_HEADER "\n";
        strText += std::string("provider ") + lpName->Value.lpszA + "\n";
        for (ULONG i = 0; i < lpRows->cRows; i++)
        {
            LPSPropValue lpProps = lpRows->aRow[i].lpProps;
            ULONG cValues = lpRows->aRow[i].cValues;
            LPSPropValue lpID = PpropFindProp(lpProps, cValues, PR_ROWID);
            LPSPropValue lpDisplay = PpropFindProp(lpProps, cValues, PR_DISPLAY_NAME_A);
            LPSPropValue lpAddress = PpropFindProp(lpProps, cValues, PR_EMAIL_ADDRESS_A);
            if (lpID == NULL || lpDisplay == NULL || lpAddress == NULL) continue;
            char szID[16];
            snprintf(szID, sizeof szID, "%ld", (long)lpID->Value.l);
            strText += std::string("entry ") + szID + "\t" + lpDisplay->Value.lpszA + "\t" + lpAddress->Value.lpszA + "\n";
        }
        strText += "end\n";
        m_strPrepared.swap(strText);
    }
    if (lpName != NULL) m_lpFreeBuffer(lpName);
    FreeProws(lpRows);
    UlRelease(lpView);
    return hr;
}

/* Write the prepared text durably. No MAPI call: safe inside DoFastShutdown. */
HRESULT CABProvider::HrSave()
{
    CAutoLock lock(m_lock);
    std::string strPath = DirectoryPath();
    std::string strTemp = strPath + ".tmp";
    FILE *f = fopen(strTemp.c_str(), "w");
    if (f == NULL) return MAPI_E_DISK_ERROR;
    bool fOK = fwrite(m_strPrepared.data(), 1, m_strPrepared.size(), f) == m_strPrepared.size() && fflush(f) == 0;
#ifndef _WIN32
    fOK = fOK && fsync(fileno(f)) == 0;
#endif
    fOK = fclose(f) == 0 && fOK;
#ifdef _WIN32
    fOK = fOK && MoveFileExA(strTemp.c_str(), strPath.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
#else
    fOK = fOK && rename(strTemp.c_str(), strPath.c_str()) == 0;
#endif
    return fOK ? S_OK : MAPI_E_DISK_ERROR;
}

/* ---- IUnknown ---------------------------------------------------------------------------------------------- */
STDMETHODIMP CABProvider::QueryInterface(REFIID riid, LPVOID FAR *ppvObj)
{
    if (ppvObj == NULL) return E_POINTER;
    *ppvObj = NULL;
    if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IABProvider))
        *ppvObj = static_cast<IABProvider *>(this);
    else if (IsEqualIID(riid, IID_IMAPIProviderShutdown))
        *ppvObj = static_cast<IMAPIProviderShutdown *>(this);
    else
        return E_NOINTERFACE;
    AddRef();
    return S_OK;
}

STDMETHODIMP_(ULONG) CABProvider::AddRef()
{
    return (ULONG)InterlockedIncrement(&m_cRef);
}

STDMETHODIMP_(ULONG) CABProvider::Release()
{
    LONG cRef = InterlockedDecrement(&m_cRef);
    if (cRef == 0) delete this;
    return (ULONG)cRef;
}

/* ---- IABProvider --------------------------------------------------------------------------------------------- */
STDMETHODIMP CABProvider::Shutdown(ULONG FAR *lpulFlags)
{
    (void)lpulFlags;
    return HrSave();
}

/* Opening the directory for a session (an IABLogon with its containers) is beyond this sample. */
STDMETHODIMP CABProvider::Logon(LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName, ULONG ulFlags,
                                ULONG FAR *lpulpcbSecurity, LPBYTE FAR *lppbSecurity, LPMAPIERROR FAR *lppMAPIError,
                                LPABLOGON FAR *lppABLogon)
{
    (void)lpMAPISup;
    (void)ulUIParam;
    (void)lpszProfileName;
    (void)ulFlags;
    (void)lpulpcbSecurity;
    (void)lppbSecurity;
    if (lppMAPIError != NULL) *lppMAPIError = NULL;
    if (lppABLogon != NULL) *lppABLogon = NULL;
    return MAPI_E_NO_SUPPORT;
}

/* ---- IMAPIProviderShutdown ------------------------------------------------------------------------------------ */
STDMETHODIMP CABProvider::QueryFastShutdown()
{
    return S_OK;
}

STDMETHODIMP CABProvider::NotifyProcessShutdown()
{
    CAutoLock lock(m_lock);
    m_fClosing = TRUE;
    return S_OK;
}

STDMETHODIMP CABProvider::DoFastShutdown()
{
    return HrSave();
}

/* ---- the entry point ----------------------------------------------------------------------------------------------- */
extern "C" PROVIDER_EXPORT HRESULT STDMAPIINITCALLTYPE ABProviderInit(
    HINSTANCE hInstance, LPMALLOC lpMalloc, LPALLOCATEBUFFER lpAllocateBuffer, LPALLOCATEMORE lpAllocateMore,
    LPFREEBUFFER lpFreeBuffer, ULONG ulFlags, ULONG ulMAPIVer, ULONG FAR *lpulProviderVer,
    LPABPROVIDER FAR *lppABProvider)
{
    (void)hInstance;
    (void)lpMalloc;
    (void)ulFlags;
    if (lpulProviderVer == NULL || lppABProvider == NULL) return MAPI_E_INVALID_PARAMETER;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION) return MAPI_E_VERSION;
    CABProvider *pProvider = new (std::nothrow) CABProvider(lpAllocateBuffer, lpAllocateMore, lpFreeBuffer);
    if (pProvider == NULL) return MAPI_E_NOT_ENOUGH_MEMORY;
    HRESULT hr = pProvider->HrInit();
    if (FAILED(hr))
    {
        pProvider->Release();
        return hr;
    }
    *lppABProvider = pProvider;
    return S_OK;
}

/* ---- the exit test hooks (mockmapi check --exit-test) ------------------------------------------------------------ */
extern "C" PROVIDER_EXPORT HRESULT mockmapi_exit_prepare(void);
extern "C" PROVIDER_EXPORT HRESULT mockmapi_exit_verify(void);

/* Start from no file: only the fast shutdown in the child can create it. */
HRESULT mockmapi_exit_prepare(void)
{
    remove(DirectoryPath().c_str());
    return S_OK;
}

/* The entry that existed only in memory must be in a complete file. */
HRESULT mockmapi_exit_verify(void)
{
    FILE *f = fopen(DirectoryPath().c_str(), "r");
    if (f == NULL) return MAPI_E_NOT_FOUND;
    std::string strText;
    char rgch[512];
    size_t cb;
    while ((cb = fread(rgch, 1, sizeof rgch, f)) > 0) strText.append(rgch, cb);
    fclose(f);
    bool fComplete = strText.compare(0, strlen(AB_HEADER), AB_HEADER) == 0 &&
                     strText.size() >= 4 && strText.compare(strText.size() - 4, 4, "end\n") == 0;
    return fComplete && strText.find(PENDING_NAME) != std::string::npos ? S_OK : MAPI_E_NOT_FOUND;
}
