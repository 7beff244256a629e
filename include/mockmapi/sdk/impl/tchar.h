/*
 * tchar.h — the generic-text mappings of the Microsoft C runtime, ANSI form only (TCHAR is char), for
 * mockmapi's SDK-compatible headers (see ../README.md): _T("text") is "text", _tmain is main, _tprintf is
 * printf, and so on for the common string and stdio functions. Defining _UNICODE is an error (windef.h).
 */
#ifndef MOCKMAPI_SDK_TCHAR_H
#define MOCKMAPI_SDK_TCHAR_H

#include "windef.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

typedef char _TCHAR;
typedef char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef int _TINT;

#define __T(x) x
#define _T(x) __T(x)
#define _TEXT(x) __T(x)
#define _TEOF EOF

#define _tmain main
#define _tprintf printf
#define _ftprintf fprintf
#define _stprintf sprintf
#define _sntprintf snprintf
#define _vtprintf vprintf
#define _vftprintf vfprintf
#define _vstprintf vsprintf
#define _vsntprintf vsnprintf
#define _tscanf scanf
#define _ftscanf fscanf
#define _stscanf sscanf
#define _fgetts fgets
#define _fputts fputs
#define _putts puts
#define _gettchar getchar
#define _puttchar putchar
#define _tfopen fopen
#define _tremove remove
#define _trename rename
#define _tgetenv getenv
#define _tsystem system

#define _tcslen strlen
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcsncat strncat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tcstok strtok
#define _tcsspn strspn
#define _tcscspn strcspn
#define _tcspbrk strpbrk
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstod strtod
#define _ttoi atoi
#define _ttol atol
#define _tstoi atoi
#define _tstol atol
#define _totupper toupper
#define _totlower tolower
#define _istspace isspace
#define _istdigit isdigit
#define _istalpha isalpha
#define _istalnum isalnum

#endif /* MOCKMAPI_SDK_TCHAR_H */
