// mockmapi-ctest: sdk
/*
 * mapival.h and tnef.h in C++: provider classes validate their arguments the SDK way (Validate_ with this,
 * UlValidate_ in AddRef/Release, CheckParameters_ in calls from MAPI), ITnef is a class whose slots are the
 * documented ones, and OpenTnefStream answers MAPI_E_NO_SUPPORT without writing its out-parameter.
 */
#include <windows.h>
#include <mapix.h>
#include <mapiutil.h>
#include <mapival.h>
#include <tnef.h>

#include <cstdio>

static int failures;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            ++failures;                                                              \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

class CMailUser final : public IMailUser {
  public:
    STDMETHODIMP QueryInterface(REFIID riid, LPVOID *ppvObj) override {
        Validate_IUnknown_QueryInterface(this, riid, ppvObj);
        if (ppvObj == NULL) return E_INVALIDARG;
        *ppvObj = NULL;
        if (riid != IID_IUnknown) return E_NOINTERFACE;
        *ppvObj = this;
        AddRef();
        return S_OK;
    }
    STDMETHODIMP_(ULONG) AddRef() override {
        UlValidate_IUnknown_AddRef(this);
        return ++refs_;
    }
    STDMETHODIMP_(ULONG) Release() override {
        UlValidate_IUnknown_Release(this);
        return --refs_;
    }
    STDMETHODIMP GetLastError(HRESULT hResult, ULONG ulFlags, LPMAPIERROR *lppMAPIError) override {
        Validate_IMAPIProp_GetLastError(this, hResult, ulFlags, lppMAPIError);
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP SaveChanges(ULONG ulFlags) override {
        CheckParameters_IMAPIProp_SaveChanges(this, ulFlags);
        return S_OK;
    }
    STDMETHODIMP GetProps(LPSPropTagArray tags, ULONG ulFlags, ULONG *lpcValues, LPSPropValue *lppProps) override {
        Validate_IMAPIProp_GetProps(this, tags, ulFlags, lpcValues, lppProps);
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP GetPropList(ULONG, LPSPropTagArray *) override { return MAPI_E_NO_SUPPORT; }
    STDMETHODIMP OpenProperty(ULONG, LPCIID, ULONG, ULONG, LPUNKNOWN *) override { return MAPI_E_NO_SUPPORT; }
    STDMETHODIMP SetProps(ULONG, LPSPropValue, LPSPropProblemArray *) override { return MAPI_E_NO_SUPPORT; }
    STDMETHODIMP DeleteProps(LPSPropTagArray, LPSPropProblemArray *) override { return MAPI_E_NO_SUPPORT; }
    STDMETHODIMP CopyTo(ULONG, LPCIID, LPSPropTagArray, ULONG_PTR, LPMAPIPROGRESS, LPCIID, LPVOID, ULONG,
                        LPSPropProblemArray *) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP CopyProps(LPSPropTagArray, ULONG_PTR, LPMAPIPROGRESS, LPCIID, LPVOID, ULONG,
                           LPSPropProblemArray *) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP GetNamesFromIDs(LPSPropTagArray *, LPGUID, ULONG, ULONG *, LPMAPINAMEID **) override {
        return MAPI_E_NO_SUPPORT;
    }
    STDMETHODIMP GetIDsFromNames(ULONG, LPMAPINAMEID *, ULONG, LPSPropTagArray *) override {
        return MAPI_E_NO_SUPPORT;
    }

  private:
    ULONG refs_ = 1;
};

int main() {
    CMailUser user;
    LPUNKNOWN unknown = NULL;
    CHECK(user.QueryInterface(IID_IUnknown, (LPVOID *)&unknown) == S_OK && unknown == &user);
    CHECK(user.Release() == 1);
    CHECK(user.SaveChanges(0) == S_OK && user.GetProps(NULL, 0, NULL, NULL) == MAPI_E_NO_SUPPORT);

    CHECK(MAPIInitialize(NULL) == S_OK);
    LPITNEF tnef = NULL;
    TCHAR stream_name[] = TEXT("winmail.dat");
    CHECK(OpenTnefStream(NULL, NULL, stream_name, TNEF_DECODE, NULL, 0x0101, &tnef) == MAPI_E_NO_SUPPORT);
    CHECK(tnef == NULL);
    MAPIUninitialize();

    if (failures == 0) std::printf("sdk_mapival_tnef (C++): provider classes validate the SDK way\n");
    return failures == 0 ? 0 : 1;
}
