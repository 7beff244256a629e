/*
 * mapiwin.h — MAPI's portability layer, for mockmapi's SDK-compatible headers (see ../README.md): per-instance
 * globals (PvGetInstanceGlobals and ScSetInstanceGlobals, on the variable pinstX as in the Win32 SDK: a
 * provider may define it, otherwise the weak definition here is used), MULDIV, the Cbtszsize string-size
 * macros and the MNLS_ mappings of mapinls.h.
 */
#ifndef __MAPIWIN_H__
#define __MAPIWIN_H__

#include "mapinls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The process's MAPI instance data: one pointer, as on Win32. */
__attribute__((weak)) LPVOID pinstX;
#define PvGetInstanceGlobals() pinstX
#define ScSetInstanceGlobals(_pv) (pinstX = (_pv), 0)
#define PvGetVerifyInstanceGlobals(_pid) pinstX
#define ScSetVerifyInstanceGlobals(_pv, _pid) (pinstX = (_pv), 0)
#define PvSlowGetInstanceGlobals(_pid) pinstX

/* (x * y) / z with a 64-bit intermediate, rounded to nearest; -1 when z is 0 (Windows' MulDiv). */
static inline int MulDiv(int nNumber, int nNumerator, int nDenominator) {
    if (nDenominator == 0) return -1;
    long long p = (long long)nNumber * nNumerator, d = nDenominator;
    if (d < 0) {
        p = -p;
        d = -d;
    }
    long long q = (p >= 0 ? p + d / 2 : p - d / 2) / d;
    return (q > 2147483647LL || q < -2147483647LL - 1) ? -1 : (int)q;
}
#define MULDIV(x, y, z) MulDiv(x, y, z)

#define szMAPIDLLSuffix "32"
#define Cbtszsize(_a) ((lstrlen(_a) + 1) * sizeof(TCHAR))
#define CbtszsizeA(_a) ((lstrlenA(_a) + 1))
#define CbtszsizeW(_a) ((lstrlenW(_a) + 1) * sizeof(WCHAR))
#define HexCchOf(_s) (sizeof(_s) * 2 + 1)
#define HexSizeOf(_s) (HexCchOf(_s) * sizeof(TCHAR))

#ifdef __cplusplus
}
#endif

#endif /* __MAPIWIN_H__ */
