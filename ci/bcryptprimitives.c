/*
 * A stand-in for bcryptprimitives.dll, which Wine 8.0 lacks: Rust's standard library imports ProcessPrng
 * from it to seed its hash maps. ci/windows.sh builds it with mingw-w64 into the Wine prefix; it is never
 * needed on Windows itself. ProcessPrng fills the buffer from SystemFunction036 (RtlGenRandom, advapi32).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
