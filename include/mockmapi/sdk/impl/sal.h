/*
 * sal.h — the Windows SDK's source annotations (SAL 2), defined empty: MAPI code carries them on its
 * declarations and they mean nothing to gcc or clang. Part of mockmapi's SDK-compatible headers (README.md).
 *
 * Only the SAL 2 spellings (_In_, _Out_, ...) are defined. The SAL 1 spellings __in and __out are not: the
 * C++ standard library uses those names for its own parameters.
 */
#ifndef MOCKMAPI_SDK_SAL_H
#define MOCKMAPI_SDK_SAL_H

#define _SAL_VERSION 20

/* parameters */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(size)
#define _In_reads_opt_(size)
#define _In_reads_bytes_(size)
#define _In_reads_bytes_opt_(size)
#define _In_reads_z_(size)
#define _Out_
#define _Out_opt_
#define _Out_writes_(size)
#define _Out_writes_opt_(size)
#define _Out_writes_bytes_(size)
#define _Out_writes_bytes_opt_(size)
#define _Out_writes_z_(size)
#define _Out_writes_to_(size, count)
#define _Out_writes_bytes_to_(size, count)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(size)
#define _Inout_updates_opt_(size)
#define _Inout_updates_bytes_(size)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_z_
#define _Outptr_result_buffer_(size)
#define _Outptr_result_bytebuffer_(size)
#define _COM_Outptr_
#define _COM_Outptr_opt_
#define _COM_Outptr_result_maybenull_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_z_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_valid_
#define _Pre_z_
#define _Pre_writable_size_(size)
#define _Post_valid_
#define _Post_invalid_
#define _Post_z_
#define _Post_ptr_invalid_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Reserved_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Field_size_(size)
#define _Field_size_opt_(size)
#define _Field_size_bytes_(size)
#define _Field_size_bytes_opt_(size)
#define _Field_z_

/* functions and return values */
#define _Ret_
#define _Ret_z_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_opt_
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(expr)
#define _Use_decl_annotations_
#define _Acquires_lock_(lock)
#define _Releases_lock_(lock)
#define _Requires_lock_held_(lock)
#define _Guarded_by_(lock)
#define _When_(expr, annotations)
#define _Analysis_assume_(expr)
#define _Analysis_mode_(mode)
#define _Function_class_(name)
#define _IRQL_requires_(irql)

#endif /* MOCKMAPI_SDK_SAL_H */
