// mockmapi-ctest: sdk
/*
 * A MAPI client written as Windows sample clients are: <Windows.h>, <tchar.h> and the MAPI headers under the
 * SDK's own spellings, _tmain, TCHAR and _T, _tprintf, MAPIINIT_0 with MAPI_MULTITHREAD_NOTIFICATIONS,
 * MAPILogonEx flags, Sleep, SUCCEEDED/FAILED, and the fast-shutdown sequence with the Logoff fallback. It
 * compiles unchanged against the SDK-compatible headers and runs against the mock; the checks at the end use
 * the journal.
 */
#include <Windows.h>
#include <tchar.h>
#include <MAPIX.h>
#include <MAPIUtil.h>
#include <MAPIGuid.h>
#include <MAPICode.h>
#include <MAPIDefS.h>

#include "mockmapi.h"
#include "mm_test.hpp"

static HRESULT ShutdownMAPI(LPMAPISESSION lpSession)
{
    LPMAPICLIENTSHUTDOWN lpClientShutdown = NULL;
    HRESULT hRes = lpSession->QueryInterface(IID_IMAPIClientShutdown, (LPVOID *)&lpClientShutdown);
    if (SUCCEEDED(hRes) && SUCCEEDED(hRes = lpClientShutdown->QueryFastShutdown()))
    {
        hRes = lpClientShutdown->NotifyProcessShutdown();
        if (SUCCEEDED(hRes)) hRes = lpClientShutdown->DoFastShutdown();
        _tprintf(_T("fast shutdown: 0x%08X\n"), (unsigned)hRes);
        UlRelease(lpClientShutdown);
        UlRelease(lpSession);
        return hRes; /* and exit without another MAPI call */
    }
    if (lpClientShutdown) lpClientShutdown->Release();
    _tprintf(_T("no fast shutdown (0x%08X): logging off\n"), (unsigned)hRes);
    hRes = lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);
    lpSession->Release();
    MAPIUninitialize();
    return hRes;
}

static HRESULT RunClient(LPTSTR szProfile)
{
    MAPIINIT_0 MAPIINIT = {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS};
    HRESULT hRes = MAPIInitialize(&MAPIINIT);
    if (FAILED(hRes)) return hRes;

    LPMAPISESSION lpSession = NULL;
    hRes = MAPILogonEx(0, szProfile, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_LOGON_UI | MAPI_NO_MAIL,
                       &lpSession);
    if (FAILED(hRes))
    {
        MAPIUninitialize();
        return hRes;
    }
    Sleep(1); /* "work" */
    return ShutdownMAPI(lpSession);
}

int _tmain(int argc, _TCHAR *argv[])
{
    UNREFERENCED_PARAMETER(argc);
    UNREFERENCED_PARAMETER(argv);
    TCHAR szProfile[cchProfileNameMax + 1] = _T("Outlook");

    /* 1. Default policy: fast shutdown. */
    mockmapi_reset();
    CHECK_HR(RunClient(szProfile), S_OK);
    CHECK(mm_client_called("DoFastShutdown") && !mm_client_called("Logoff"), "took the fast path");
    CHECK(mm_journal_text().find("profile 'Outlook'") != std::string::npos, "the TCHAR profile name arrived");

    /* 2. Policy 2 (disabled by the administrator): the Logoff fallback, then MAPIUninitialize. */
    mockmapi_reset();
    CHECK_HR(mockmapi_registry_set_dword(MM_POLICY_KEY, "FastShutdownBehavior", 2), S_OK);
    CHECK_HR(RunClient(szProfile), S_OK);
    CHECK(!mm_client_called("DoFastShutdown") && mm_client_called("Logoff") && mm_client_called("MAPIUninitialize"),
          "fell back to Logoff");
    CHECK_EQ(mockmapi_violation_count(), 0);
    mockmapi_reset();
    return mm_finish("sdk_client");
}
