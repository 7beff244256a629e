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
 * On Windows build it against the Windows SDK's (or mingw-w64's) MAPI headers and link it to mockmapi; the
 * source is the same, and the only platform branches are the file calls (fsync and rename, MoveFileEx):
 *
 *   x86_64-w64-mingw32-g++ -std=c++17 -shared -I include examples/providers/sample_address_book.cpp \
 *       -o sample_address_book.dll -lmockmapi
 *
 * The objects: CABProvider (IABProvider and IMAPIProviderShutdown: what ABProviderInit returns) and CABLogon
 * (IABLogon: what IABProvider::Logon returns for a session).
 */
#define INITGUID
#define USES_IID_IABProvider
#define USES_IID_IMAPIProviderShutdown
#define USES_IID_IABLogon

#include <windows.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapitags.h>
#include <mapiguid.h>
/* After the SDK's headers, mockmapi.h adds only what they lack: with mingw-w64's, IMAPIProviderShutdown. */
#include <mockmapi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <new>
#include <string>

#ifdef _WIN32
#define PROVIDER_EXPORT __declspec(dllexport)
#else
#include <unistd.h>
#define PROVIDER_EXPORT __attribute__((visibility("default")))
#endif

/* mingw-w64's MAPI headers predate 64-bit MAPI: three parameters that Microsoft's SDK declares ULONG_PTR (the
 * UI parameter of IABProvider::Logon, the connection of IABLogon::Advise and Unadvise) are ULONG there. */
#if defined(__MINGW32__)
typedef ULONG AB_UIPARAM;
typedef ULONG AB_CONNECTION;
#else
typedef ULONG_PTR AB_UIPARAM;
typedef ULONG_PTR AB_CONNECTION;
#endif

/* ---- the lock: a CRITICAL_SECTION (windows.h; mockmapi's base layer provides it off Windows) ---------------- */
class CLock
{
public:
    CLock() { InitializeCriticalSection(&m_cs); }
    ~CLock() { DeleteCriticalSection(&m_cs); }
    void Enter() { EnterCriticalSection(&m_cs); }
    void Leave() { LeaveCriticalSection(&m_cs); }
private:
    CRITICAL_SECTION m_cs;
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

/* ---- the logon object: one per session, what IABProvider::Logon returns ---------------------------------- */
class CABLogon : public IABLogon
{
public:
    CABLogon(CABProvider *pProvider, LPMAPISUP lpMAPISup);
    virtual ~CABLogon();

    MAPI_IUNKNOWN_METHODS(IMPL)
    MAPI_IABLOGON_METHODS(IMPL)

private:
    LONG m_cRef;
    CABProvider *m_pProvider; /* AddRef'd: the provider outlives its logons */
    LPMAPISUP m_lpMAPISup;    /* AddRef'd when given */
    BOOL m_fLoggedOff;
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

/* A session's logon object. Opening the directory's containers from it is beyond this sample. */
STDMETHODIMP CABProvider::Logon(LPMAPISUP lpMAPISup, AB_UIPARAM ulUIParam, LPTSTR lpszProfileName, ULONG ulFlags,
                                ULONG FAR *lpulpcbSecurity, LPBYTE FAR *lppbSecurity, LPMAPIERROR FAR *lppMAPIError,
                                LPABLOGON FAR *lppABLogon)
{
    (void)ulUIParam;
    (void)lpszProfileName;
    (void)ulFlags;
    if (lppABLogon == NULL) return MAPI_E_INVALID_PARAMETER;
    if (lpulpcbSecurity != NULL) *lpulpcbSecurity = 0;
    if (lppbSecurity != NULL) *lppbSecurity = NULL;
    if (lppMAPIError != NULL) *lppMAPIError = NULL;
    CABLogon *pLogon = new (std::nothrow) CABLogon(this, lpMAPISup);
    if (pLogon == NULL) return MAPI_E_NOT_ENOUGH_MEMORY;
    *lppABLogon = pLogon;
    return S_OK;
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

/* ---- CABLogon ------------------------------------------------------------------------------------------------- */
CABLogon::CABLogon(CABProvider *pProvider, LPMAPISUP lpMAPISup)
    : m_cRef(1), m_pProvider(pProvider), m_lpMAPISup(lpMAPISup), m_fLoggedOff(FALSE)
{
    m_pProvider->AddRef();
    UlAddRef(m_lpMAPISup);
}

CABLogon::~CABLogon()
{
    UlRelease(m_lpMAPISup);
    m_pProvider->Release();
}

STDMETHODIMP CABLogon::QueryInterface(REFIID riid, LPVOID FAR *ppvObj)
{
    if (ppvObj == NULL) return E_POINTER;
    *ppvObj = NULL;
    if (!IsEqualIID(riid, IID_IUnknown) && !IsEqualIID(riid, IID_IABLogon)) return E_NOINTERFACE;
    *ppvObj = static_cast<IABLogon *>(this);
    AddRef();
    return S_OK;
}

STDMETHODIMP_(ULONG) CABLogon::AddRef()
{
    return (ULONG)InterlockedIncrement(&m_cRef);
}

STDMETHODIMP_(ULONG) CABLogon::Release()
{
    LONG cRef = InterlockedDecrement(&m_cRef);
    if (cRef == 0) delete this;
    return (ULONG)cRef;
}

STDMETHODIMP CABLogon::GetLastError(HRESULT hResult, ULONG ulFlags, LPMAPIERROR FAR *lppMAPIError)
{
    (void)hResult;
    (void)ulFlags;
    if (lppMAPIError == NULL) return MAPI_E_INVALID_PARAMETER;
    *lppMAPIError = NULL; /* no extended information */
    return S_OK;
}

/* MAPI logs the session off: the logon lets go of the support object; the provider keeps its directory. */
STDMETHODIMP CABLogon::Logoff(ULONG ulFlags)
{
    (void)ulFlags;
    if (m_fLoggedOff) return MAPI_E_CALL_FAILED;
    m_fLoggedOff = TRUE;
    UlRelease(m_lpMAPISup);
    m_lpMAPISup = NULL;
    return S_OK;
}

STDMETHODIMP CABLogon::OpenEntry(ULONG cbEntryID, LPENTRYID lpEntryID, LPCIID lpInterface, ULONG ulFlags,
                                 ULONG FAR *lpulObjType, LPUNKNOWN FAR *lppUnk)
{
    (void)cbEntryID;
    (void)lpEntryID;
    (void)lpInterface;
    (void)ulFlags;
    (void)lpulObjType;
    (void)lppUnk;
    return MAPI_E_NO_SUPPORT;
}

/* Entry identifiers are this provider's own bytes: equal when the bytes are. */
STDMETHODIMP CABLogon::CompareEntryIDs(ULONG cbEntryID1, LPENTRYID lpEntryID1, ULONG cbEntryID2,
                                       LPENTRYID lpEntryID2, ULONG ulFlags, ULONG FAR *lpulResult)
{
    (void)ulFlags;
    if (lpulResult == NULL || (cbEntryID1 != 0 && lpEntryID1 == NULL) || (cbEntryID2 != 0 && lpEntryID2 == NULL))
        return MAPI_E_INVALID_PARAMETER;
    *lpulResult = cbEntryID1 == cbEntryID2 && (cbEntryID1 == 0 || memcmp(lpEntryID1, lpEntryID2, cbEntryID1) == 0);
    return S_OK;
}

STDMETHODIMP CABLogon::Advise(ULONG cbEntryID, LPENTRYID lpEntryID, ULONG ulEventMask,
                              LPMAPIADVISESINK lpAdviseSink, AB_CONNECTION FAR *lpulConnection)
{
    (void)cbEntryID;
    (void)lpEntryID;
    (void)ulEventMask;
    (void)lpAdviseSink;
    (void)lpulConnection;
    return MAPI_E_NO_SUPPORT;
}

STDMETHODIMP CABLogon::Unadvise(AB_CONNECTION ulConnection)
{
    (void)ulConnection;
    return MAPI_E_NO_SUPPORT;
}

STDMETHODIMP CABLogon::OpenStatusEntry(LPCIID lpInterface, ULONG ulFlags, ULONG FAR *lpulObjType,
                                       LPMAPISTATUS FAR *lppEntry)
{
    (void)lpInterface;
    (void)ulFlags;
    (void)lpulObjType;
    (void)lppEntry;
    return MAPI_E_NO_SUPPORT;
}

STDMETHODIMP CABLogon::OpenTemplateID(ULONG cbTemplateID, LPENTRYID lpTemplateID, ULONG ulTemplateFlags,
                                      LPMAPIPROP lpMAPIPropData, LPCIID lpInterface, LPMAPIPROP FAR *lppMAPIPropNew,
                                      LPMAPIPROP lpMAPIPropSibling)
{
    (void)cbTemplateID;
    (void)lpTemplateID;
    (void)ulTemplateFlags;
    (void)lpMAPIPropData;
    (void)lpInterface;
    (void)lppMAPIPropNew;
    (void)lpMAPIPropSibling;
    return MAPI_E_NO_SUPPORT;
}

STDMETHODIMP CABLogon::GetOneOffTable(ULONG ulFlags, LPMAPITABLE FAR *lppTable)
{
    (void)ulFlags;
    (void)lppTable;
    return MAPI_E_NO_SUPPORT;
}

/* Nothing to add to the recipients: their entries carry every property this provider has. */
STDMETHODIMP CABLogon::PrepareRecips(ULONG ulFlags, LPSPropTagArray lpPropTagArray, LPADRLIST lpRecipList)
{
    (void)ulFlags;
    (void)lpPropTagArray;
    (void)lpRecipList;
    return S_OK;
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
