/*
 * sal.h — the Windows SDK's source annotations (SAL 2), defined empty: MAPI code carries them on its
 * declarations and they mean nothing to gcc or clang. Part of mockmapi's SDK-compatible headers (README.md).
 *
 * Both generations are defined: SAL 2 (_In_, _Out_, _In_reads_(n), ... and its older _In_count_(n) family)
 * and SAL 1 (__in, __out, __in_opt, __in_ecount(n), ...). libstdc++ uses __in, __out and __success as
 * parameter names in its headers, so in C++ the standard headers that do are included here first, before
 * those three names become annotations; a standard header included later that uses them would not compile
 * (define MOCKMAPI_NO_SAL1_IN_OUT to leave the three undefined in C++). __reserved, __callback and __override
 * are not defined: Linux and C library headers use them as names.
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


/* ---- SAL 2, the older count forms --------------------------------------------------------------------------- */
#define _In_count_(size)
#define _In_opt_count_(size)
#define _In_bytecount_(size)
#define _In_opt_bytecount_(size)
#define _In_count_c_(size)
#define _In_z_count_(size)
#define _Out_cap_(size)
#define _Out_opt_cap_(size)
#define _Out_bytecap_(size)
#define _Out_opt_bytecap_(size)
#define _Out_cap_c_(size)
#define _Out_z_cap_(size)
#define _Out_cap_post_count_(cap, count)
#define _Out_z_cap_post_count_(cap, count)
#define _Out_bytecap_post_bytecount_(cap, count)
#define _Out_bytecapcount_(size)
#define _Out_capcount_(size)
#define _Inout_cap_(size)
#define _Inout_opt_cap_(size)
#define _Inout_bytecap_(size)
#define _Inout_count_(size)
#define _Inout_bytecount_(size)
#define _Inout_z_cap_(size)
#define _Deref_out_z_
#define _Deref_out_opt_z_
#define _Deref_out_range_(lo, hi)
#define _Deref_in_range_(lo, hi)
#define _Deref_pre_z_
#define _Deref_post_z_
#define _Deref_post_opt_z_
#define _Ret_bytecap_(size)
#define _Ret_cap_(size)
#define _Ret_count_(size)
#define _Ret_bytecount_(size)
#define _Ret_writes_(size)
#define _Ret_writes_bytes_(size)
#define _Ret_writes_maybenull_(size)
#define _In_range_(lo, hi)
#define _Out_range_(lo, hi)
#define _Ret_range_(lo, hi)
#define _Field_range_(lo, hi)
#define _Printf_format_string_params_(n)
#define _Scanf_format_string_
#define _Notnull_
#define _Maybenull_
#define _Null_
#define _Valid_
#define _Readable_bytes_(size)
#define _Writable_bytes_(size)
#define _Readable_elements_(size)
#define _Writable_elements_(size)
#define _Outptr_opt_result_z_
#define _Outptr_result_buffer_maybenull_(size)
#define _Outptr_result_bytebuffer_maybenull_(size)
#define _Outptr_result_nullonfailure_
#define _Outptr_opt_result_nullonfailure_
#define _Out_writes_bytes_all_(size)
#define _Out_writes_all_(size)
#define _In_reads_or_z_(size)
#define _Inout_updates_z_(size)
#define _Inout_updates_bytes_opt_(size)
#define _Inout_updates_to_(size, count)
#define _Strict_type_match_
#define _Struct_size_bytes_(size)
#define _At_(target, annotations)
#define _At_buffer_(target, iter, bound, annotations)
#define _On_failure_(annotations)
#define _Always_(annotations)
#define _Post_satisfies_(expr)
#define _Pre_satisfies_(expr)
#define _Post_equal_to_(expr)
#define _Post_readable_size_(size)
#define _Post_writable_byte_size_(size)
#define _Post_notnull_
#define _Post_maybenull_
#define _Post_null_
#define _In_defensive_(annotes)
#define _Out_defensive_(annotes)
#define _Inout_defensive_(annotes)
#define _Translates_Win32_to_HRESULT_(err)
#define _Return_type_success_(expr)
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_
#define _Interlocked_operand_

/* ---- SAL 1 -------------------------------------------------------------------------------------------------- */
#if defined(__cplusplus) && !defined(MOCKMAPI_NO_SAL1_IN_OUT)
/* The standard headers whose declarations name parameters __in, __out or __success (libstdc++). */
#include <algorithm>
#include <atomic>
#include <istream>
#include <locale>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#endif
#if !defined(__cplusplus) || !defined(MOCKMAPI_NO_SAL1_IN_OUT)
#define __in
#define __out
#define __success(expr)
#endif
#define __in_opt
#define __in_z
#define __in_opt_z
#define __in_ecount(size)
#define __in_bcount(size)
#define __in_ecount_opt(size)
#define __in_bcount_opt(size)
#define __in_ecount_z(size)
#define __in_xcount(size)
#define __out_opt
#define __out_z
#define __out_ecount(size)
#define __out_bcount(size)
#define __out_ecount_opt(size)
#define __out_bcount_opt(size)
#define __out_ecount_z(size)
#define __out_ecount_part(size, length)
#define __out_bcount_part(size, length)
#define __out_ecount_full(size)
#define __out_bcount_full(size)
#define __out_xcount(size)
#define __inout
#define __inout_opt
#define __inout_z
#define __inout_ecount(size)
#define __inout_bcount(size)
#define __inout_ecount_opt(size)
#define __inout_bcount_opt(size)
#define __deref_in
#define __deref_out
#define __deref_out_opt
#define __deref_out_z
#define __deref_out_ecount(size)
#define __deref_out_bcount(size)
#define __deref_out_ecount_full(size)
#define __deref_out_bcount_full(size)
#define __deref_out_ecount_opt(size)
#define __deref_out_bcount_opt(size)
#define __deref_out_ecount_part(size, length)
#define __deref_opt_out_opt
#define __deref_opt_out_ecount(size)
#define __deref_opt_out_bcount(size)
#define __deref_in_ecount(size)
#define __deref_in_bcount(size)
#define __deref_in_opt
#define __deref_opt_out
#define __deref_inout
#define __deref_inout_opt
#define __checkReturn
#define __nullterminated
#define __nullnullterminated
#define __format_string
#define __notnull
#define __maybenull
#define __allocator
#define __bcount(size)
#define __ecount(size)
#define __field_ecount(size)
#define __field_bcount(size)
#define __field_ecount_opt(size)
#define __field_bcount_opt(size)
#define __typefix(ctype)
#define __in_range(lo, hi)
#define __out_range(lo, hi)
#define __analysis_assume(expr)

#endif /* MOCKMAPI_SDK_SAL_H */
