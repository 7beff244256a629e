/*
 * windowsx.h — for mockmapi's SDK-compatible headers (see ../README.md): the message-cracking helpers that
 * need no window system (GET_X_LPARAM, GET_Y_LPARAM, GET_WM_COMMAND_ID/HWND/CMD), on top of windows.h.
 */
#ifndef MOCKMAPI_SDK_WINDOWSX_H
#define MOCKMAPI_SDK_WINDOWSX_H
#include "windows.h"

#define GET_X_LPARAM(lp) ((int)(short)LOWORD(lp))
#define GET_Y_LPARAM(lp) ((int)(short)HIWORD(lp))
#define GET_WM_COMMAND_ID(wp, lp) LOWORD(wp)
#define GET_WM_COMMAND_HWND(wp, lp) ((HWND)(lp))
#define GET_WM_COMMAND_CMD(wp, lp) HIWORD(wp)

#endif /* MOCKMAPI_SDK_WINDOWSX_H */
