/*
 * initguid_second.c — a second file of the program in sdk_initguid.c that also defines MAPI IIDs with
 * INITGUID (on Windows, __declspec(selectany) makes that legal; here the weak definitions do).
 */
#include <windows.h>
#include <initguid.h>
#define USES_IID_IMAPIClientShutdown
#define USES_IID_IMAPITable
#include <mapiguid.h>

const GUID *second_file_client_shutdown_iid(void);
const GUID *second_file_client_shutdown_iid(void) { return &IID_IMAPIClientShutdown; }

const GUID *second_file_table_iid(void);
const GUID *second_file_table_iid(void) { return &IID_IMAPITable; }
