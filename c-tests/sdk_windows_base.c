// mockmapi-ctest: sdk
/*
 * The Windows base layer of the SDK-compatible headers, in C: critical sections (re-entrant by their owner,
 * exclusive between threads), the Interlocked family, language and locale identifiers, the MSVC platform
 * macros and keyword spellings, SAL 1 and 2 annotations, lstr*, strsafe.h, last-error per thread, MulDiv,
 * the SDKDDKVer.h defaults, and that every header of the set can be included together.
 */
#include <targetver.h>
#include <windows.h>
#include <windowsx.h>
#include <commctrl.h>
#include <ole2.h>
#include <strsafe.h>
#include <mapix.h>
#include <mapispi.h>
#include <mapiutil.h>
#include <mapiwin.h>
#include <mapinls.h>
#include <mspst.h>
#include <imessage.h>
#include <mapi.h>
#include <tchar.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            ++failures;                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* ---- MSVC platform macros and keyword spellings ---- */
#if defined(__x86_64__)
_Static_assert(_M_X64 == 100 && _M_AMD64 == 100, "_M_X64 as MSVC sets it");
#elif defined(__i386__)
_Static_assert(_M_IX86 == 600, "_M_IX86 as MSVC sets it");
#elif defined(__aarch64__)
_Static_assert(_M_ARM64 == 1, "_M_ARM64 as MSVC sets it");
#endif
#if defined(__x86_64__) && !(defined(_AMD64_) && !defined(_X86_))
#error "_AMD64_ (alone) on x86-64, as Windows' windows.h defines it"
#elif defined(__i386__) && !(defined(_X86_) && !defined(_AMD64_))
#error "_X86_ (alone) on x86, as Windows' windows.h defines it"
#endif
#if defined(_WIN64)
_Static_assert(sizeof(void *) == 8, "_WIN64 only on 64-bit targets");
#else
_Static_assert(sizeof(void *) == 4, "_WIN64 on every 64-bit target");
#endif
_Static_assert(sizeof(__int64) == 8 && sizeof(unsigned __int32) == 4 && sizeof(__int16) == 2 && sizeof(__int8) == 1,
               "__intN");
_Static_assert(_WIN32_WINNT == _WIN32_WINNT_WIN10 && WINVER == _WIN32_WINNT && NTDDI_VERSION == NTDDI_WIN10,
               "SDKDDKVer.h defaults");

__declspec(selectany) int selectany_value = 7;
__declspec(thread) int thread_value;
typedef struct {
    __declspec(align(16)) char c;
} aligned_type;
_Static_assert(_Alignof(aligned_type) == 16, "__declspec(align(16))");
static char aligned_buffer[3];
static __forceinline int twice(int x) { return 2 * x; }
static int _stdcall stdcall_function(int x) { return x + 1; }
static int __cdecl cdecl_function(int x) { return x - 1; }
__declspec(noinline) static int not_inlined(void) { return 3; }

/* ---- SAL 1 and SAL 2 on declarations ---- */
static HRESULT annotated(__in LPCSTR in, __out_ecount(cch) LPSTR out, __in ULONG cch, __inout_opt ULONG *count,
                         _In_reads_(cch) const BYTE *bytes, _Out_writes_to_(cch, *count) BYTE *copy,
                         _In_count_(cch) const BYTE *legacy, _Outptr_opt_ LPVOID *ppv) {
    (void)bytes, (void)copy, (void)legacy, (void)ppv;
    if (count != NULL) *count = cch;
    return StringCchCopyA(out, cch, in);
}

/* ---- language identifiers ---- */
_Static_assert(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US) == 0x0409, "en-US is 0x0409");
_Static_assert(MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN) == 0x0407 && LANG_JAPANESE == 0x11, "de-DE, ja");
_Static_assert(PRIMARYLANGID(0x0409) == LANG_ENGLISH && SUBLANGID(0x0409) == SUBLANG_ENGLISH_US, "PRIMARYLANGID");
_Static_assert(MAKELCID(0x0409, SORT_DEFAULT) == 0x0409 && LANGIDFROMLCID(0x00020409) == 0x0409 &&
                   SORTIDFROMLCID(0x00020409) == 2,
               "MAKELCID");
_Static_assert(LANG_USER_DEFAULT == 0x0400 && LANG_SYSTEM_DEFAULT == 0x0800 && LOCALE_USER_DEFAULT == 0x0400 &&
                   LOCALE_SYSTEM_DEFAULT == 0x0800 && LOCALE_NEUTRAL == 0 && LOCALE_INVARIANT == 0x007f,
               "default locales");

/* ---- other headers' values ---- */
_Static_assert(PR_PST_PATH == 0x6700001E && PR_PST_PATH_W == 0x6700001F && PR_PST_ENCRYPTION == 0x67020003,
               "mspst.h");
_Static_assert(MAPI_E_FAILURE == 2 && MAPI_E_NOT_SUPPORTED == 26 && MAPI_UNREAD == 1, "mapi.h");
_Static_assert(PROPATTR_WRITEABLE == 4 && sizeof(SPropAttrArray) == 8, "imessage.h");
_Static_assert(STGM_READWRITE == 2 && STGM_SHARE_EXCLUSIVE == 0x10 && STREAM_SEEK_END == 2, "objidl.h");
_Static_assert(sizeof(STATSTG) == (sizeof(void *) == 8 ? 80 : 72), "STATSTG");
_Static_assert(sizeof(NOTIFKEY) == 8 && offsetof(NOTIFKEY, ab) == 4, "NOTIFKEY");
_Static_assert(STRSAFE_E_INSUFFICIENT_BUFFER == (HRESULT)0x8007007A, "strsafe.h");

/* ---- critical sections between threads ---- */
static CRITICAL_SECTION section;
static long long counter;
static LONG interlocked_counter;

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 20000; ++i) {
        EnterCriticalSection(&section);
        EnterCriticalSection(&section); /* the owner re-enters */
        counter++;
        LeaveCriticalSection(&section);
        LeaveCriticalSection(&section);
        InterlockedIncrement(&interlocked_counter);
    }
    SetLastError(1234);
    return (void *)(uintptr_t)GetLastError();
}

static void *try_enter(void *arg) {
    (void)arg;
    BOOL got = TryEnterCriticalSection(&section);
    if (got) LeaveCriticalSection(&section);
    return (void *)(uintptr_t)got;
}

static INT_PTR WINAPI code_ptr_probe(void) { return 0; }

int main(void) {
    /* IsBad*Ptr: NULL with something to access is bad; anything else passes (memory is not probed). */
    char byte = 0;
    CHECK(IsBadReadPtr(NULL, 1) && !IsBadReadPtr(NULL, 0) && !IsBadReadPtr(&byte, 1));
    CHECK(IsBadWritePtr(NULL, 4) && !IsBadWritePtr(&byte, 1));
    CHECK(IsBadStringPtrA(NULL, 10) && !IsBadStringPtr("x", 10) && !IsBadStringPtrW(L"x", 10));
    CHECK(IsBadCodePtr(NULL) && !IsBadCodePtr(code_ptr_probe));

    /* critical sections */
    InitializeCriticalSection(&section);
    EnterCriticalSection(&section);
    EnterCriticalSection(&section);
    pthread_t t;
    void *result = NULL;
    pthread_create(&t, NULL, try_enter, NULL);
    pthread_join(t, &result);
    CHECK(result == (void *)(uintptr_t)FALSE); /* held by this thread: another cannot enter */
    LeaveCriticalSection(&section);
    pthread_create(&t, NULL, try_enter, NULL);
    pthread_join(t, &result);
    CHECK(result == (void *)(uintptr_t)FALSE); /* still held once */
    LeaveCriticalSection(&section);
    pthread_create(&t, NULL, try_enter, NULL);
    pthread_join(t, &result);
    CHECK(result == (void *)(uintptr_t)TRUE); /* released */

    SetLastError(5);
    pthread_t threads[4];
    for (int i = 0; i < 4; ++i) pthread_create(&threads[i], NULL, worker, NULL);
    for (int i = 0; i < 4; ++i) {
        pthread_join(threads[i], &result);
        CHECK(result == (void *)(uintptr_t)1234);
    }
    CHECK(counter == 80000 && interlocked_counter == 80000);
    CHECK(GetLastError() == 5); /* each thread has its own */
    DeleteCriticalSection(&section);
    CHECK(InitializeCriticalSectionAndSpinCount(&section, 4000) == TRUE);
    DeleteCriticalSection(&section);

    /* Interlocked: each returns what Windows returns */
    LONG v = 10;
    CHECK(InterlockedIncrement(&v) == 11 && InterlockedDecrement(&v) == 10);
    CHECK(InterlockedExchange(&v, 3) == 10 && v == 3);
    CHECK(InterlockedExchangeAdd(&v, 4) == 3 && v == 7);
    CHECK(InterlockedCompareExchange(&v, 9, 1) == 7 && v == 7);
    CHECK(InterlockedCompareExchange(&v, 9, 7) == 7 && v == 9);
    LONGLONG big = (LONGLONG)1 << 40;
    CHECK(InterlockedIncrement64(&big) == ((LONGLONG)1 << 40) + 1);
    PVOID p = NULL;
    CHECK(InterlockedCompareExchangePointer(&p, &v, NULL) == NULL && p == &v);
    CHECK(InterlockedExchangePointer(&p, NULL) == &v && p == NULL);

    /* lstr* */
    char small[6];
    CHECK(lstrcpynA(small, "Outlook", sizeof small) == small && strcmp(small, "Outlo") == 0);
    CHECK(lstrlenA(small) == 5 && lstrlenA(NULL) == 0 && lstrlen("") == 0);
    CHECK(lstrcmpiA("MAPI", "mapi") == 0 && lstrcmpA("a", "b") < 0);
    CHECK(lstrlenW(L"wide") == 4 && lstrcmpiW(L"Wide", L"WIDE") == 0 && lstrcmpiW(L"a", L"B") < 0);
    WCHAR wide[4];
    CHECK(lstrcpynW(wide, L"abcdef", 4) == wide && lstrcmpW(wide, L"abc") == 0);

    /* strsafe.h: truncation is reported and the result terminated */
    char buf[8];
    CHECK(StringCchCopyA(buf, sizeof buf, "short") == S_OK && strcmp(buf, "short") == 0);
    CHECK(StringCchCopyA(buf, sizeof buf, "much too long") == STRSAFE_E_INSUFFICIENT_BUFFER &&
          strcmp(buf, "much to") == 0);
    CHECK(StringCchCopyA(buf, 0, "x") == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchCopy(buf, sizeof buf, "ab") == S_OK && StringCchCat(buf, sizeof buf, "cd") == S_OK &&
          strcmp(buf, "abcd") == 0);
    CHECK(StringCchCatA(buf, sizeof buf, "efghij") == STRSAFE_E_INSUFFICIENT_BUFFER && strcmp(buf, "abcdefg") == 0);
    size_t len = 0;
    CHECK(StringCchLengthA(buf, sizeof buf, &len) == S_OK && len == 7);
    CHECK(StringCchLengthA("123456789", 4, &len) == STRSAFE_E_INVALID_PARAMETER);
    CHECK(StringCchPrintfA(buf, sizeof buf, "%d-%s", 42, "x") == S_OK && strcmp(buf, "42-x") == 0);
    CHECK(StringCbPrintfA(buf, sizeof buf, "%s", "0123456789") == STRSAFE_E_INSUFFICIENT_BUFFER &&
          strcmp(buf, "0123456") == 0);
    WCHAR wbuf[5];
    CHECK(StringCbCopyW(wbuf, sizeof wbuf, L"wide!!") == STRSAFE_E_INSUFFICIENT_BUFFER && lstrcmpW(wbuf, L"wide") == 0);
    CHECK(StringCchPrintfW(wbuf, 5, L"%d", 1234) == S_OK && lstrcmpW(wbuf, L"1234") == 0);

    /* annotated functions, keywords, MulDiv, instance globals */
    ULONG count = 0;
    CHECK(annotated("MAPI", buf, sizeof buf, &count, NULL, NULL, NULL, NULL) == S_OK && count == sizeof buf);
    CHECK(twice(2) == 4 && stdcall_function(1) == 2 && cdecl_function(1) == 0 && not_inlined() == 3);
    CHECK(selectany_value == 7 && thread_value == 0 && aligned_buffer[0] == 0);
    CHECK(MulDiv(7, 3, 2) == 11 && MulDiv(-7, 3, 2) == -11 && MulDiv(1, 2, 0) == -1 && MULDIV(10, 10, 4) == 25);
    CHECK(PvGetInstanceGlobals() == NULL && ScSetInstanceGlobals(&v) == 0 && PvGetInstanceGlobals() == &v);
    CHECK(MAKELONG(1, 2) == 0x00020001 && LOWORD(0x00020001) == 1 && HIWORD(0x00020001) == 2);
    CHECK(GET_X_LPARAM(0xFFFF0005) == 5 && GET_Y_LPARAM(0xFFFF0005) == -1);
    CHECK(GetTickCount64() > 0);

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("sdk_windows_base: critical sections, Interlocked, language ids, keywords, SAL, lstr*, strsafe\n");
    return 0;
}
