/*
 * targetver.h — what Visual Studio's project templates put in every project: the Windows version macros
 * (SDKDDKVer.h). A project that has its own targetver.h keeps it (it is found first, next to the source);
 * this one serves a project that ships without it. Part of mockmapi's SDK-compatible headers (../README.md).
 */
#ifndef MOCKMAPI_SDK_TARGETVER_H
#define MOCKMAPI_SDK_TARGETVER_H
#include "sdkddkver.h"
#endif
