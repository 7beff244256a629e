/*
 * commctrl.h — for mockmapi's SDK-compatible headers (see ../README.md). Provider sources include it for
 * their configuration dialogs; on Linux and macOS there are no common controls, so this header only makes that
 * include work: it brings windows.h and the control class names and property-sheet types the dialog code
 * declares, no functions. Code that creates windows does not build here; keep it behind #ifdef _WIN32.
 */
#ifndef MOCKMAPI_SDK_COMMCTRL_H
#define MOCKMAPI_SDK_COMMCTRL_H
#include "windows.h"

#define WC_BUTTONA "Button"
#define WC_EDITA "Edit"
#define WC_LISTBOXA "ListBox"
#define WC_COMBOBOXA "ComboBox"
#define WC_STATICA "Static"
#define WC_LISTVIEWA "SysListView32"
#define WC_TREEVIEWA "SysTreeView32"
#define WC_BUTTON WC_BUTTONA
#define WC_EDIT WC_EDITA
#define WC_LISTBOX WC_LISTBOXA
#define WC_COMBOBOX WC_COMBOBOXA
#define WC_STATIC WC_STATICA
#define WC_LISTVIEW WC_LISTVIEWA
#define WC_TREEVIEW WC_TREEVIEWA

DECLARE_HANDLE(HPROPSHEETPAGE);
DECLARE_HANDLE(HIMAGELIST);
DECLARE_HANDLE(HTREEITEM);

#endif /* MOCKMAPI_SDK_COMMCTRL_H */
