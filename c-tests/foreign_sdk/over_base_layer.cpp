/*
 * The C++ form of over_base_layer.c: the vendored SDK declares the interfaces as classes through the base
 * layer's DECLARE_INTERFACE_ and STDMETHOD_; mockmapi.h, included last, declares none of them again.
 */
#include <windows.h>
#include <mapix.h>
#include <mockmapi.h>

static_assert(sizeof(HRESULT) == 4 && sizeof(ULONG) == 4 && sizeof(LONG) == 4, "32-bit HRESULT, ULONG, LONG");
static_assert(sizeof(GUID) == 16, "GUID is 16 bytes");

class Client {
  public:
    explicit Client(LPMAPISESSION session) : session_(session) {}
    HRESULT FastShutdown() {
        LPMAPICLIENTSHUTDOWN client = NULL;
        HRESULT hr = session_->QueryInterface(IID_IMAPIClientShutdown, (LPVOID *)&client);
        if (FAILED(hr)) return hr;
        hr = client->QueryFastShutdown();
        if (hr == S_OK) {
            client->NotifyProcessShutdown();
            hr = client->DoFastShutdown();
        }
        client->Release();
        return hr;
    }

  private:
    LPMAPISESSION session_;
};

int main() {
    LPMAPISESSION session = NULL;
    TCHAR profile[] = TEXT("Outlook");
    if (FAILED(MAPIInitialize(NULL))) return 1;
    if (FAILED(MAPILogonEx(0, profile, NULL, 0x20, &session))) return 2;
    if (mockmapi_violation_count() != 0) return 3;
    return Client(session).FastShutdown() == S_OK ? 0 : 4;
}
