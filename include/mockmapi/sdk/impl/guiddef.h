/*
 * guiddef.h — GUID helpers and DEFINE_GUID, for mockmapi's SDK-compatible headers (see ../README.md).
 *
 * GUID, IID, REFIID and IsEqualIID are mockmapi.h's (REFIID is `const IID *` in C and `const IID &` in C++).
 *
 * DEFINE_GUID(name, ...) follows INITGUID as the SDK's does: without it, a declaration `extern const GUID
 * name;`; with it, a definition. The definition is weak (DECLSPEC_SELECTANY), the counterpart of the
 * SDK's __declspec(selectany): a program whose own file defines IID_IMAPIProviderShutdown and the others with
 * INITGUID still links against libmockmapi, which exports strong definitions of the IIDs it models (the
 * linker keeps one, and they are equal), and two files may both define them. Like guiddef.h, the
 * DEFINE_GUID part is outside the include guard: including initguid.h later switches to definitions.
 */
#ifndef MOCKMAPI_SDK_GUIDDEF_H
#define MOCKMAPI_SDK_GUIDDEF_H

#include "windef.h"

typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef IID *LPIID;
typedef GUID CLSID;
typedef CLSID *LPCLSID;
typedef GUID FMTID;

#ifdef __cplusplus
#define REFGUID const GUID &
#define REFCLSID const CLSID &
#define REFFMTID const FMTID &
#else
#define REFGUID const GUID *
#define REFCLSID const CLSID *
#define REFFMTID const FMTID *
#endif

#define IsEqualGUID(a, b) IsEqualIID(a, b)
#define IsEqualCLSID(a, b) IsEqualIID(a, b)
#define IsEqualFMTID(a, b) IsEqualIID(a, b)
#define InlineIsEqualGUID(a, b) IsEqualIID(a, b)

#ifdef __cplusplus
/* `riid == IID_IUnknown`, as C++ COM code writes it against the SDK. */
inline bool operator==(const GUID &a, const GUID &b) { return memcmp(&a, &b, sizeof(GUID)) == 0; }
inline bool operator!=(const GUID &a, const GUID &b) { return !(a == b); }
#endif

#endif /* MOCKMAPI_SDK_GUIDDEF_H */

/* ---- re-evaluated at every inclusion, so that initguid.h can switch DEFINE_GUID to definitions ---------- */
#ifdef DEFINE_GUID
#undef DEFINE_GUID
#endif
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
/* No `extern` here: C compilers warn about an initialized extern declaration. */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) EXTERN_C const GUID name
#endif
#ifndef DEFINE_OLEGUID
#define DEFINE_OLEGUID(name, l, w1, w2) DEFINE_GUID(name, l, w1, w2, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
#endif
