/*
 * mapinls.h — the national-language helpers MAPI code names with an MNLS_ prefix, for mockmapi's
 * SDK-compatible headers (see ../README.md), mapped onto the lstr* functions of winbase.h, with the code page
 * constants. Character-set conversions (MultiByteToWideChar) are not provided.
 */
#ifndef _MAPINLS_H_
#define _MAPINLS_H_

#include "windows.h"

#define CP_ACP 0
#define CP_OEMCP 1
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#define CP_SYMBOL 42
#define CP_UTF7 65000
#define CP_UTF8 65001

#define MNLS_lstrlenW(_s) lstrlenW(_s)
#define MNLS_lstrcmpW(_a, _b) lstrcmpW(_a, _b)
#define MNLS_lstrcpyW(_a, _b) lstrcpyW(_a, _b)
#define MNLS_lstrlen(_s) lstrlenA(_s)
#define MNLS_lstrcmp(_a, _b) lstrcmpA(_a, _b)
#define MNLS_lstrcpy(_a, _b) lstrcpyA(_a, _b)

#endif /* _MAPINLS_H_ */
