/* The store provider under test: saves its data when MAPI shuts it down, normally or fast. */
#pragma once

#include <windows.h>
#include <mapix.h>
#include <mapispi.h>

#include "mockmapi.hpp"

class CStore final : public mockmapi::ComObject<IMSProvider, IMAPIProviderShutdown> {
  public:
    explicit CStore(int *saves) : saves_(saves) {}

    /* IMSProvider */
    STDMETHODIMP Shutdown(ULONG *) override;
    STDMETHODIMP Logon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG *, LPBYTE *,
                       LPMAPIERROR *, LPMSLOGON *, LPMDB *) override;
    STDMETHODIMP SpoolerLogon(LPMAPISUP, ULONG_PTR, LPTSTR, ULONG, LPENTRYID, ULONG, LPCIID, ULONG, LPBYTE,
                              LPMAPIERROR *, LPMSLOGON *, LPMDB *) override;
    STDMETHODIMP CompareStoreIDs(ULONG, LPENTRYID, ULONG, LPENTRYID, ULONG, ULONG *) override;

    /* IMAPIProviderShutdown */
    STDMETHODIMP QueryFastShutdown() override;
    STDMETHODIMP NotifyProcessShutdown() override;
    STDMETHODIMP DoFastShutdown() override;

  private:
    HRESULT Save();
    int *saves_;
};
