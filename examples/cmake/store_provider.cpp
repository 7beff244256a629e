#include "store_provider.h"

STDMETHODIMP CStore::Shutdown(ULONG *) { return Save(); }
STDMETHODIMP CStore::Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *,
                           LPMAPIERROR *, LPMSLOGON *, LPMDB *) {
    return MAPI_E_NO_SUPPORT;
}
STDMETHODIMP CStore::SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE,
                                  LPMAPIERROR *, LPMSLOGON *, LPMDB *) {
    return MAPI_E_NO_SUPPORT;
}
STDMETHODIMP CStore::CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *) { return MAPI_E_NO_SUPPORT; }

STDMETHODIMP CStore::QueryFastShutdown() { return S_OK; }
STDMETHODIMP CStore::NotifyProcessShutdown() { return S_OK; }
STDMETHODIMP CStore::DoFastShutdown() { return Save(); }

HRESULT CStore::Save() {
    ++*saves_;
    return S_OK;
}
