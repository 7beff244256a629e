/*
 * initguid.h — turns the DEFINE_GUID/DEFINE_OLEGUID that follow into definitions (see guiddef.h), as in the
 * Windows SDK. Typically one file of a program does:
 *     #include <initguid.h>
 *     #define USES_IID_IMAPIProviderShutdown
 *     #include <mapiguid.h>
 */
#ifndef INITGUID
#define INITGUID
#endif
#include "guiddef.h"
