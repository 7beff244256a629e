/*
 * objidl.h — the COM storage interfaces MAPI uses for stream and storage properties, for mockmapi's
 * SDK-compatible headers (see ../README.md): IMalloc, ISequentialStream, IStream, ILockBytes, IEnumSTATSTG,
 * IStorage, with STATSTG and the STGM_*, STGC_*, STREAM_SEEK_*, LOCK_* and STATFLAG_* values, in the order
 * and with the values the Windows SDK documents. The IIDs are declared (define them with initguid.h, as on
 * Windows); no COM runtime function is declared.
 */
#ifndef MOCKMAPI_SDK_OBJIDL_H
#define MOCKMAPI_SDK_OBJIDL_H

#include "unknwn.h"

typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
typedef OLECHAR **SNB;
#define OLESTR(str) L##str

DEFINE_OLEGUID(IID_IMalloc, 0x00000002, 0, 0);
DEFINE_OLEGUID(IID_ILockBytes, 0x0000000a, 0, 0);
DEFINE_OLEGUID(IID_IStorage, 0x0000000b, 0, 0);
DEFINE_OLEGUID(IID_IStream, 0x0000000c, 0, 0);
DEFINE_OLEGUID(IID_IEnumSTATSTG, 0x0000000d, 0, 0);
DEFINE_GUID(IID_ISequentialStream, 0x0c733a30, 0x2a1c, 0x11ce, 0xad, 0xe5, 0x00, 0xaa, 0x00, 0x44, 0x77, 0x3d);

/* ---- IMalloc: the allocator MAPI passes to XPProviderInit/ABProviderInit/MSProviderInit ------------------- */
#undef INTERFACE
#define INTERFACE IMalloc
DECLARE_INTERFACE_(IMalloc, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD_(void *, Alloc)(THIS_ SIZE_T cb) PURE;
    STDMETHOD_(void *, Realloc)(THIS_ void *pv, SIZE_T cb) PURE;
    STDMETHOD_(void, Free)(THIS_ void *pv) PURE;
    STDMETHOD_(SIZE_T, GetSize)(THIS_ void *pv) PURE;
    STDMETHOD_(int, DidAlloc)(THIS_ void *pv) PURE;
    STDMETHOD_(void, HeapMinimize)(THIS) PURE;
    END_INTERFACE
};
typedef IMalloc *LPMALLOC;

/* ---- STATSTG and the storage flags -------------------------------------------------------------------------- */
typedef struct tagSTATSTG {
    LPOLESTR pwcsName;
    DWORD type;
    ULARGE_INTEGER cbSize;
    FILETIME mtime;
    FILETIME ctime;
    FILETIME atime;
    DWORD grfMode;
    DWORD grfLocksSupported;
    CLSID clsid;
    DWORD grfStateBits;
    DWORD reserved;
} STATSTG, *LPSTATSTG;

/* STATSTG.type */
#define STGTY_STORAGE 1
#define STGTY_STREAM 2
#define STGTY_LOCKBYTES 3
#define STGTY_PROPERTY 4

/* Stat's grfStatFlag */
#define STATFLAG_DEFAULT 0
#define STATFLAG_NONAME 1
#define STATFLAG_NOOPEN 2

/* Seek's dwOrigin */
#define STREAM_SEEK_SET 0
#define STREAM_SEEK_CUR 1
#define STREAM_SEEK_END 2

/* LockRegion's dwLockType */
#define LOCK_WRITE 1
#define LOCK_EXCLUSIVE 2
#define LOCK_ONLYONCE 4

/* Commit's grfCommitFlags */
#define STGC_DEFAULT 0
#define STGC_OVERWRITE 1
#define STGC_ONLYIFCURRENT 2
#define STGC_DANGEROUSLYCOMMITMERELYTODISKCACHE 4
#define STGC_CONSOLIDATE 8

/* MoveElementTo's grfFlags */
#define STGMOVE_MOVE 0
#define STGMOVE_COPY 1
#define STGMOVE_SHALLOWCOPY 2

/* Storage access modes */
#define STGM_DIRECT 0x00000000L
#define STGM_TRANSACTED 0x00010000L
#define STGM_SIMPLE 0x08000000L
#define STGM_READ 0x00000000L
#define STGM_WRITE 0x00000001L
#define STGM_READWRITE 0x00000002L
#define STGM_SHARE_DENY_NONE 0x00000040L
#define STGM_SHARE_DENY_READ 0x00000030L
#define STGM_SHARE_DENY_WRITE 0x00000020L
#define STGM_SHARE_EXCLUSIVE 0x00000010L
#define STGM_PRIORITY 0x00040000L
#define STGM_DELETEONRELEASE 0x04000000L
#define STGM_NOSCRATCH 0x00100000L
#define STGM_CREATE 0x00001000L
#define STGM_CONVERT 0x00020000L
#define STGM_FAILIFTHERE 0x00000000L
#define STGM_NOSNAPSHOT 0x00200000L
#define STGM_DIRECT_SWMR 0x00400000L

/* ---- ISequentialStream and IStream -------------------------------------------------------------------------- */
#undef INTERFACE
#define INTERFACE ISequentialStream
DECLARE_INTERFACE_(ISequentialStream, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Read)(THIS_ void *pv, ULONG cb, ULONG *pcbRead) PURE;
    STDMETHOD(Write)(THIS_ const void *pv, ULONG cb, ULONG *pcbWritten) PURE;
    END_INTERFACE
};

typedef interface IStream IStream;
#undef INTERFACE
#define INTERFACE IStream
DECLARE_INTERFACE_(IStream, ISequentialStream) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Read)(THIS_ void *pv, ULONG cb, ULONG *pcbRead) PURE;
    STDMETHOD(Write)(THIS_ const void *pv, ULONG cb, ULONG *pcbWritten) PURE;
    STDMETHOD(Seek)(THIS_ LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition) PURE;
    STDMETHOD(SetSize)(THIS_ ULARGE_INTEGER libNewSize) PURE;
    STDMETHOD(CopyTo)(THIS_ IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten) PURE;
    STDMETHOD(Commit)(THIS_ DWORD grfCommitFlags) PURE;
    STDMETHOD(Revert)(THIS) PURE;
    STDMETHOD(LockRegion)(THIS_ ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) PURE;
    STDMETHOD(UnlockRegion)(THIS_ ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) PURE;
    STDMETHOD(Stat)(THIS_ STATSTG *pstatstg, DWORD grfStatFlag) PURE;
    STDMETHOD(Clone)(THIS_ IStream **ppstm) PURE;
    END_INTERFACE
};
typedef IStream *LPSTREAM;

/* ---- ILockBytes -------------------------------------------------------------------------------------------- */
#undef INTERFACE
#define INTERFACE ILockBytes
DECLARE_INTERFACE_(ILockBytes, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(ReadAt)(THIS_ ULARGE_INTEGER ulOffset, void *pv, ULONG cb, ULONG *pcbRead) PURE;
    STDMETHOD(WriteAt)(THIS_ ULARGE_INTEGER ulOffset, const void *pv, ULONG cb, ULONG *pcbWritten) PURE;
    STDMETHOD(Flush)(THIS) PURE;
    STDMETHOD(SetSize)(THIS_ ULARGE_INTEGER cb) PURE;
    STDMETHOD(LockRegion)(THIS_ ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) PURE;
    STDMETHOD(UnlockRegion)(THIS_ ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType) PURE;
    STDMETHOD(Stat)(THIS_ STATSTG *pstatstg, DWORD grfStatFlag) PURE;
    END_INTERFACE
};
typedef ILockBytes *LPLOCKBYTES;

/* ---- IEnumSTATSTG and IStorage ----------------------------------------------------------------------------- */
typedef interface IEnumSTATSTG IEnumSTATSTG;
#undef INTERFACE
#define INTERFACE IEnumSTATSTG
DECLARE_INTERFACE_(IEnumSTATSTG, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(Next)(THIS_ ULONG celt, STATSTG *rgelt, ULONG *pceltFetched) PURE;
    STDMETHOD(Skip)(THIS_ ULONG celt) PURE;
    STDMETHOD(Reset)(THIS) PURE;
    STDMETHOD(Clone)(THIS_ IEnumSTATSTG **ppenum) PURE;
    END_INTERFACE
};
typedef IEnumSTATSTG *LPENUMSTATSTG;

typedef interface IStorage IStorage;
#undef INTERFACE
#define INTERFACE IStorage
DECLARE_INTERFACE_(IStorage, IUnknown) {
    BEGIN_INTERFACE
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppvObject) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
    STDMETHOD(CreateStream)(THIS_ const OLECHAR *pwcsName, DWORD grfMode, DWORD reserved1, DWORD reserved2,
                            IStream **ppstm) PURE;
    STDMETHOD(OpenStream)(THIS_ const OLECHAR *pwcsName, void *reserved1, DWORD grfMode, DWORD reserved2,
                          IStream **ppstm) PURE;
    STDMETHOD(CreateStorage)(THIS_ const OLECHAR *pwcsName, DWORD grfMode, DWORD reserved1, DWORD reserved2,
                             IStorage **ppstg) PURE;
    STDMETHOD(OpenStorage)(THIS_ const OLECHAR *pwcsName, IStorage *pstgPriority, DWORD grfMode, SNB snbExclude,
                           DWORD reserved, IStorage **ppstg) PURE;
    STDMETHOD(CopyTo)(THIS_ DWORD ciidExclude, const IID *rgiidExclude, SNB snbExclude, IStorage *pstgDest) PURE;
    STDMETHOD(MoveElementTo)(THIS_ const OLECHAR *pwcsName, IStorage *pstgDest, const OLECHAR *pwcsNewName,
                             DWORD grfFlags) PURE;
    STDMETHOD(Commit)(THIS_ DWORD grfCommitFlags) PURE;
    STDMETHOD(Revert)(THIS) PURE;
    STDMETHOD(EnumElements)(THIS_ DWORD reserved1, void *reserved2, DWORD reserved3, IEnumSTATSTG **ppenum) PURE;
    STDMETHOD(DestroyElement)(THIS_ const OLECHAR *pwcsName) PURE;
    STDMETHOD(RenameElement)(THIS_ const OLECHAR *pwcsOldName, const OLECHAR *pwcsNewName) PURE;
    STDMETHOD(SetElementTimes)(THIS_ const OLECHAR *pwcsName, const FILETIME *pctime, const FILETIME *patime,
                               const FILETIME *pmtime) PURE;
    STDMETHOD(SetClass)(THIS_ REFCLSID clsid) PURE;
    STDMETHOD(SetStateBits)(THIS_ DWORD grfStateBits, DWORD grfMask) PURE;
    STDMETHOD(Stat)(THIS_ STATSTG *pstatstg, DWORD grfStatFlag) PURE;
    END_INTERFACE
};
typedef IStorage *LPSTORAGE;

#undef INTERFACE

#endif /* MOCKMAPI_SDK_OBJIDL_H */
