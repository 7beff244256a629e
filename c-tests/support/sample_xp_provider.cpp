/*
 * sample_xp_provider.cpp — a transport provider written the way Windows MAPI providers are written (the shape
 * of Microsoft's sample providers): the XPProviderInit entry point, a class deriving from IXPProvider and
 * IMAPIProviderShutdown with STDMETHODIMP members declared by the SDK's METHODS macros, an IsEqualIID chain in
 * QueryInterface, InterlockedIncrement reference counts, the SDK's spellings of the header names, and the IIDs
 * it uses defined here with INITGUID and USES_IID_*. Nothing in it refers to mockmapi: the C tests compile it
 * unchanged with -I include/mockmapi/sdk.
 *
 * What a test can observe is what a real provider's user would: the HRESULTs, and its log file
 * (sample_xp.log in the current directory), which records each call and the outbound queue being saved on
 * shutdown, fast or normal.
 */
#define INITGUID
#define USES_IID_IXPProvider
#define USES_IID_IMAPIProviderShutdown

#include <Windows.h>
#include <stdio.h>
#include <stdarg.h>
#include <MAPIX.h>
#include <MAPISPI.h>
#include <MAPIUtil.h>
#include <MAPIGuid.h>

static LPALLOCATEBUFFER g_lpAllocateBuffer = NULL;
static LPALLOCATEMORE g_lpAllocateMore = NULL;
static LPFREEBUFFER g_lpFreeBuffer = NULL;

static void Log(LPCSTR szFormat, ...)
{
    FILE *f = fopen("sample_xp.log", "a");
    if (!f) return;
    va_list args;
    va_start(args, szFormat);
    vfprintf(f, szFormat, args);
    va_end(args);
    fputc('\n', f);
    fclose(f);
}

class CXPProvider : public IXPProvider, public IMAPIProviderShutdown
{
public:
    CXPProvider(LPMALLOC lpMalloc);
    virtual ~CXPProvider();

    MAPI_IUNKNOWN_METHODS(IMPL)
    MAPI_IXPPROVIDER_METHODS(IMPL)
    MAPI_IMAPIPROVIDERSHUTDOWN_METHODS(IMPL)

private:
    HRESULT SaveOutbox(LPCSTR szWhy);

    LONG m_cRef;
    LPMALLOC m_lpMalloc;
    ULONG m_cQueued;
    BOOL m_fShuttingDown;
};

CXPProvider::CXPProvider(LPMALLOC lpMalloc)
    : m_cRef(1), m_lpMalloc(lpMalloc), m_cQueued(3), m_fShuttingDown(FALSE)
{
    if (m_lpMalloc) m_lpMalloc->AddRef();
}

CXPProvider::~CXPProvider()
{
    if (m_lpMalloc) m_lpMalloc->Release();
    Log("~CXPProvider");
}

STDMETHODIMP CXPProvider::QueryInterface(REFIID riid, LPVOID FAR *ppvObj)
{
    if (!ppvObj) return MAPI_E_INVALID_PARAMETER;
    *ppvObj = NULL;
    if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IXPProvider))
    {
        *ppvObj = static_cast<IXPProvider *>(this);
    }
    else if (IsEqualIID(riid, IID_IMAPIProviderShutdown))
    {
        *ppvObj = static_cast<IMAPIProviderShutdown *>(this);
    }
    else
    {
        return E_NOINTERFACE;
    }
    AddRef();
    return S_OK;
}

STDMETHODIMP_(ULONG) CXPProvider::AddRef()
{
    return InterlockedIncrement(&m_cRef);
}

STDMETHODIMP_(ULONG) CXPProvider::Release()
{
    LONG cRef = InterlockedDecrement(&m_cRef);
    if (cRef == 0) delete this;
    return cRef;
}

HRESULT CXPProvider::SaveOutbox(LPCSTR szWhy)
{
    Log("%s: saved %lu queued message(s)", szWhy, (unsigned long)m_cQueued);
    m_cQueued = 0;
    return S_OK;
}

STDMETHODIMP CXPProvider::Shutdown(ULONG FAR *lpulFlags)
{
    Log("Shutdown(flags %lu)", lpulFlags ? (unsigned long)*lpulFlags : 0UL);
    return SaveOutbox("Shutdown");
}

STDMETHODIMP CXPProvider::TransportLogon(LPMAPISUP lpMAPISup, ULONG_PTR ulUIParam, LPTSTR lpszProfileName,
                                         ULONG FAR *lpulFlags, LPMAPIERROR FAR *lppMAPIError,
                                         LPXPLOGON FAR *lppXPLogon)
{
    UNREFERENCED_PARAMETER(ulUIParam);
    UNREFERENCED_PARAMETER(lpszProfileName);
    UNREFERENCED_PARAMETER(lpulFlags);
    Log("TransportLogon");
    if (lppMAPIError) *lppMAPIError = NULL;
    if (lppXPLogon) *lppXPLogon = NULL;
    if (!lpMAPISup || !lppXPLogon) return MAPI_E_INVALID_PARAMETER;
    return MAPI_E_NO_SUPPORT;
}

STDMETHODIMP CXPProvider::QueryFastShutdown()
{
    Log("QueryFastShutdown");
    return S_OK;
}

STDMETHODIMP CXPProvider::NotifyProcessShutdown()
{
    Log("NotifyProcessShutdown");
    m_fShuttingDown = TRUE;
    return S_OK;
}

STDMETHODIMP CXPProvider::DoFastShutdown()
{
    Log("DoFastShutdown");
    return SaveOutbox("DoFastShutdown");
}

STDINITMETHODIMP XPProviderInit(HINSTANCE hInstance, LPMALLOC lpMalloc, LPALLOCATEBUFFER lpAllocateBuffer,
                                LPALLOCATEMORE lpAllocateMore, LPFREEBUFFER lpFreeBuffer, ULONG ulFlags,
                                ULONG ulMAPIVer, ULONG FAR *lpulProviderVer, LPXPPROVIDER FAR *lppXPProvider)
{
    UNREFERENCED_PARAMETER(hInstance);
    UNREFERENCED_PARAMETER(ulFlags);
    if (!lppXPProvider || !lpulProviderVer) return MAPI_E_INVALID_PARAMETER;
    *lppXPProvider = NULL;
    *lpulProviderVer = CURRENT_SPI_VERSION;
    if (ulMAPIVer < CURRENT_SPI_VERSION)
    {
        Log("XPProviderInit: MAPI SPI version %lx is too old", (unsigned long)ulMAPIVer);
        return MAPI_E_VERSION;
    }
    g_lpAllocateBuffer = lpAllocateBuffer;
    g_lpAllocateMore = lpAllocateMore;
    g_lpFreeBuffer = lpFreeBuffer;

    CXPProvider *pXPProvider = new CXPProvider(lpMalloc);
    if (!pXPProvider) return MAPI_E_NOT_ENOUGH_MEMORY;
    Log("XPProviderInit");
    *lppXPProvider = pXPProvider;
    return S_OK;
}
