//! The registry control API beyond SPEC §6's DWORD calls: whole-hive files (load, dump, clear, the last
//! load error), typed setters and getters, and the emulated Office version.
//!
//! Every function is thread-safe and changes or reads only the emulated hive: mockmapi never writes the real
//! registry. Text out-parameters follow `snprintf` rules unless a function says otherwise: at most `size - 1`
//! bytes and a NUL are written when `buffer` is not NULL and `size > 0`, and the full length (without the
//! NUL) is returned or stored, so a call with `NULL, 0` tells the size to allocate.

use std::ffi::c_char;
use std::path::Path;

use crate::com::{E_INVALIDARG, E_UNEXPECTED, HRESULT, MAPI_E_NOT_FOUND, S_OK};
use crate::policy::RegValue;
use crate::runtime::{Method, Runtime};

use super::control::registry_args;
use super::{with_runtime, write_out};

/// `REG_SZ`: a string (`mockmapi_registry_set_string`).
pub const MOCKMAPI_REG_SZ: u32 = 1;
/// `REG_EXPAND_SZ`: a string with `%VARIABLE%` references, stored unexpanded (`mockmapi_registry_set_expand_string`).
pub const MOCKMAPI_REG_EXPAND_SZ: u32 = 2;
/// `REG_BINARY`: bytes (`mockmapi_registry_set_binary`).
pub const MOCKMAPI_REG_BINARY: u32 = 3;
/// `REG_DWORD`: a 32-bit number (`mockmapi_registry_set_dword`).
pub const MOCKMAPI_REG_DWORD: u32 = 4;
/// `REG_MULTI_SZ`: a list of strings (`mockmapi_registry_set_multi_string`).
pub const MOCKMAPI_REG_MULTI_SZ: u32 = 7;
/// `REG_QWORD`: a 64-bit number (`mockmapi_registry_set_qword`).
pub const MOCKMAPI_REG_QWORD: u32 = 11;

fn type_code(v: &RegValue) -> u32 {
    match v {
        RegValue::Sz(_) => MOCKMAPI_REG_SZ,
        RegValue::ExpandSz(_) => MOCKMAPI_REG_EXPAND_SZ,
        RegValue::Binary(_) => MOCKMAPI_REG_BINARY,
        RegValue::Dword(_) => MOCKMAPI_REG_DWORD,
        RegValue::MultiSz(_) => MOCKMAPI_REG_MULTI_SZ,
        RegValue::Qword(_) => MOCKMAPI_REG_QWORD,
    }
}

/// Copy `bytes` into a caller buffer by `snprintf` rules; returns `bytes.len()`.
///
/// # Safety
/// `buffer` must be NULL or valid for writes of `size` bytes.
unsafe fn copy_text(buffer: *mut c_char, size: usize, bytes: &[u8]) -> usize {
    if !buffer.is_null() && size > 0 {
        let n = bytes.len().min(size - 1);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), n);
        *buffer.add(n) = 0;
    }
    bytes.len()
}

/// A required UTF-8 string argument: NULL is `E_INVALIDARG`, journaled.
unsafe fn required<'a>(
    rt: &Runtime,
    func: &str,
    what: &str,
    p: *const c_char,
) -> Result<&'a str, HRESULT> {
    rt.c_str_arg(Method::Registry, &format!("{func}: {what}"), p)?
        .ok_or_else(|| {
            rt.reject(
                Method::Registry,
                E_INVALIDARG,
                format!("{func}: {what} is NULL"),
            )
        })
}

/// Set a value of any type, after the common argument checks.
unsafe fn set(
    func: &str,
    key: *const c_char,
    value_name: *const c_char,
    make: impl FnOnce(&Runtime) -> Result<RegValue, HRESULT>,
) -> HRESULT {
    with_runtime(Method::Registry, E_UNEXPECTED, |rt| {
        let (key, name) = match registry_args(rt, func, key, value_name) {
            Ok(x) => x,
            Err(hr) => return hr,
        };
        match make(rt) {
            Ok(value) => rt.registry_set(key, name, value),
            Err(hr) => hr,
        }
    })
}

/// Read a value after the common argument checks, and hand it to `take` (which writes the out-parameters).
/// `null_out` names a required out-parameter that is NULL: refused with `E_INVALIDARG` before any lookup.
unsafe fn get(
    func: &str,
    key: *const c_char,
    value_name: *const c_char,
    null_out: Option<&str>,
    take: impl FnOnce(&Runtime, &str, RegValue) -> HRESULT,
) -> HRESULT {
    with_runtime(Method::Registry, E_UNEXPECTED, |rt| {
        let (key, name) = match registry_args(rt, func, key, value_name) {
            Ok(x) => x,
            Err(hr) => return hr,
        };
        if let Some(what) = null_out {
            return rt.reject(
                Method::Registry,
                E_INVALIDARG,
                format!("{func}: {what} is NULL"),
            );
        }
        match rt.with_registry(|r| r.get_value(key, name).map(|v| v.cloned())) {
            Ok(Some(v)) => take(rt, &format!("{key}\\{name}"), v),
            Ok(None) => MAPI_E_NOT_FOUND,
            Err(e) => rt.reject(Method::Registry, E_INVALIDARG, format!("{func}: {e}")),
        }
    })
}

fn wrong_type(rt: &Runtime, func: &str, at: &str, v: &RegValue, want: &str) -> HRESULT {
    rt.reject(
        Method::Registry,
        E_INVALIDARG,
        format!(
            "{func}: {at} is a {}, not {want}; mockmapi_registry_get_type tells the type",
            v.type_name()
        ),
    )
}

/// Replace the emulated hive with the contents of a file (SPEC §6): a YAML hive file or a `.reg` file as
/// `regedit` exports it (5.00 or REGEDIT4; UTF-8 or UTF-16LE with BOM), told apart by content; the format is
/// described in `config/README.md`.
///
/// - `path`: UTF-8, absolute or relative to the working directory; NULL gives `E_INVALIDARG`.
///
/// Returns `S_OK`; `MAPI_E_NOT_FOUND` if the file does not exist; `E_INVALIDARG` for any other failure (NULL
/// path, a directory, a file over 16 MiB, bad encoding, bad syntax, a wrong type or range). On failure the
/// emulated hive stays exactly as it was, a violation naming `file:line:column` and what to do is journaled, and
/// `mockmapi_registry_last_error` returns the same text. The emulated Office version is unchanged. On Windows, a
/// successful load selects the emulated hive in place of the real registry. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_load_file(path: *const c_char) -> HRESULT {
    with_runtime(Method::Registry, E_UNEXPECTED, |rt| {
        match required(rt, "mockmapi_registry_load_file", "path", path) {
            Ok(p) => rt.registry_load_file(Path::new(p)),
            Err(hr) => hr,
        }
    })
}

/// The error text of the most recent registry load — `mockmapi_registry_load_file`, or the configuration files
/// read at the first `MAPIInitialize` and at `mockmapi_reset` — into `buffer` by `snprintf` rules (NULL/0 asks
/// for the length). Returns the text's length, 0 when that load succeeded (then `""` is written). The text reads
/// `path:line:column: what was wrong; what to do`, one line per file when both configuration files failed.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_last_error(buffer: *mut c_char, size: usize) -> usize {
    with_runtime(Method::Registry, 0, |rt| {
        let text = rt.registry_last_error().unwrap_or_default();
        copy_text(buffer, size, text.as_bytes())
    })
}

/// The emulated hive as YAML into `buffer` by `snprintf` rules (NULL/0 asks for the length); returns the length
/// of the whole text. The text is a YAML hive file: written to a file, `mockmapi_registry_load_file` reads it
/// back to the same hive (key and value names keep their written case). An empty hive is `{}`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_dump(buffer: *mut c_char, size: usize) -> usize {
    with_runtime(Method::Registry, 0, |rt| {
        let text = rt.registry_dump();
        copy_text(buffer, size, text.as_bytes())
    })
}

/// Remove every key and value from the emulated hive (until `mockmapi_reset` restores the configured contents).
/// On Windows it also selects the emulated hive in place of the real registry. Thread-safe.
#[no_mangle]
pub extern "C" fn mockmapi_registry_clear() {
    with_runtime(Method::Registry, (), |rt| rt.registry_clear())
}

/// Delete a key of the emulated hive and every key below it. `key` (UTF-8, required) starts with a hive name.
/// Returns `S_OK`; `MAPI_E_NOT_FOUND` if no such key exists; `E_INVALIDARG` (journaled) for NULL, an unknown hive
/// or invalid UTF-8. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_delete_key(key: *const c_char) -> HRESULT {
    with_runtime(Method::Registry, E_UNEXPECTED, |rt| {
        match required(rt, "mockmapi_registry_delete_key", "key", key) {
            Ok(k) => rt.registry_delete_key(k),
            Err(hr) => hr,
        }
    })
}

/// Set a `REG_QWORD` in the emulated hive, creating the key as needed. `key` and `value_name` as for
/// `mockmapi_registry_set_dword` (NULL `value_name` is the default value). Returns `S_OK`, or `E_INVALIDARG`
/// (journaled) for a NULL key, an unknown hive, invalid UTF-8 or a name over the registry's limits
/// (`MOCKMAPI_MAX_REGISTRY_*`). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_qword(
    key: *const c_char,
    value_name: *const c_char,
    data: u64,
) -> HRESULT {
    set("mockmapi_registry_set_qword", key, value_name, |_| {
        Ok(RegValue::Qword(data))
    })
}

/// Set a `REG_SZ` in the emulated hive, creating the key as needed. `data` (UTF-8, NUL-terminated, required) is
/// copied. Returns `S_OK`, or `E_INVALIDARG` (journaled) for a NULL key or data, an unknown hive, invalid UTF-8,
/// a name over the registry's limits, or data over `MOCKMAPI_MAX_REGISTRY_VALUE_BYTES` (1 MiB as Windows stores
/// it: UTF-16 with the terminating NUL, so at most 524,287 characters). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_string(
    key: *const c_char,
    value_name: *const c_char,
    data: *const c_char,
) -> HRESULT {
    let func = "mockmapi_registry_set_string";
    set(func, key, value_name, |rt| {
        required(rt, func, "data", data).map(|s| RegValue::Sz(s.to_owned()))
    })
}

/// Set a `REG_EXPAND_SZ` in the emulated hive (stored as given: `%VARIABLE%` references are not expanded).
/// Arguments and results as for `mockmapi_registry_set_string`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_expand_string(
    key: *const c_char,
    value_name: *const c_char,
    data: *const c_char,
) -> HRESULT {
    let func = "mockmapi_registry_set_expand_string";
    set(func, key, value_name, |rt| {
        required(rt, func, "data", data).map(|s| RegValue::ExpandSz(s.to_owned()))
    })
}

/// Set a `REG_MULTI_SZ` in the emulated hive: `count` UTF-8 strings from the array `strings`, copied. `strings`
/// may be NULL only when `count` is 0 (an empty list); a NULL element gives `E_INVALIDARG`. Returns `S_OK`, or
/// `E_INVALIDARG` (journaled) for bad arguments, an unknown hive, invalid UTF-8, or a list over
/// `MOCKMAPI_MAX_REGISTRY_VALUE_BYTES` as Windows stores it (each string in UTF-16 with its NUL, one more NUL at
/// the end). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_multi_string(
    key: *const c_char,
    value_name: *const c_char,
    strings: *const *const c_char,
    count: usize,
) -> HRESULT {
    let func = "mockmapi_registry_set_multi_string";
    set(func, key, value_name, |rt| {
        if strings.is_null() && count > 0 {
            return Err(rt.reject(
                Method::Registry,
                E_INVALIDARG,
                format!("{func}: strings is NULL but count is {count}"),
            ));
        }
        let mut out = Vec::with_capacity(count);
        for i in 0..count {
            out.push(required(rt, func, &format!("strings[{i}]"), *strings.add(i))?.to_owned());
        }
        Ok(RegValue::MultiSz(out))
    })
}

/// Set a `REG_BINARY` in the emulated hive: `size` bytes from `data`, copied. `data` may be NULL only when `size`
/// is 0 (an empty value). Returns `S_OK`, or `E_INVALIDARG` (journaled) for bad arguments, an unknown hive, or
/// more than `MOCKMAPI_MAX_REGISTRY_VALUE_BYTES` bytes. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_binary(
    key: *const c_char,
    value_name: *const c_char,
    data: *const u8,
    size: usize,
) -> HRESULT {
    let func = "mockmapi_registry_set_binary";
    set(func, key, value_name, |rt| {
        if data.is_null() {
            if size > 0 {
                return Err(rt.reject(
                    Method::Registry,
                    E_INVALIDARG,
                    format!("{func}: data is NULL but size is {size}"),
                ));
            }
            return Ok(RegValue::Binary(Vec::new()));
        }
        Ok(RegValue::Binary(
            std::slice::from_raw_parts(data, size).to_vec(),
        ))
    })
}

/// The type of a value of the emulated hive into `*value_type` (`MOCKMAPI_REG_*`, the Windows `REG_*` numbers).
/// Returns `S_OK`; `MAPI_E_NOT_FOUND` if the key or value is absent; `E_INVALIDARG` (journaled) for a NULL key or
/// `value_type`, or an unknown hive. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_type(
    key: *const c_char,
    value_name: *const c_char,
    value_type: *mut u32,
) -> HRESULT {
    let func = "mockmapi_registry_get_type";
    let null_out = value_type.is_null().then_some("value_type");
    get(func, key, value_name, null_out, |_, _, v| {
        write_out(value_type, type_code(&v));
        S_OK
    })
}

/// Read a `REG_QWORD` from the emulated hive into `*data` (written only on success). Returns `S_OK`;
/// `MAPI_E_NOT_FOUND` if absent; `E_INVALIDARG` (journaled) for a NULL key or `data`, an unknown hive, or a value
/// of another type. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_qword(
    key: *const c_char,
    value_name: *const c_char,
    data: *mut u64,
) -> HRESULT {
    let func = "mockmapi_registry_get_qword";
    let null_out = data.is_null().then_some("data");
    get(func, key, value_name, null_out, |rt, at, v| match v {
        RegValue::Qword(q) => {
            write_out(data, q);
            S_OK
        }
        other => wrong_type(rt, func, at, &other, "a REG_QWORD"),
    })
}

/// Read a `REG_SZ` or `REG_EXPAND_SZ` (unexpanded) from the emulated hive into `buffer` by `snprintf` rules, and
/// its length in bytes (without the NUL) into `*length` if `length` is not NULL; `buffer` NULL or `size` 0 only
/// asks for the length. Returns `S_OK`; `MAPI_E_NOT_FOUND` if absent; `E_INVALIDARG` (journaled) for a NULL key,
/// an unknown hive, or a value of another type. Nothing is written unless `S_OK` is returned. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_string(
    key: *const c_char,
    value_name: *const c_char,
    buffer: *mut c_char,
    size: usize,
    length: *mut usize,
) -> HRESULT {
    let func = "mockmapi_registry_get_string";
    get(func, key, value_name, None, |rt, at, v| match v {
        RegValue::Sz(s) | RegValue::ExpandSz(s) => {
            write_out(length, copy_text(buffer, size, s.as_bytes()));
            S_OK
        }
        other => wrong_type(rt, func, at, &other, "a REG_SZ or REG_EXPAND_SZ"),
    })
}

/// Read a `REG_MULTI_SZ` from the emulated hive into `buffer` as Windows lays it out: each string followed by a
/// NUL, then one more NUL (an empty list is a single NUL). `*length` (if `length` is not NULL) receives the bytes
/// that layout needs, all NULs included. The list is written only when `size >= *length` (never cut); `buffer`
/// NULL or a smaller `size` only asks for the length. Returns `S_OK`; `MAPI_E_NOT_FOUND` if absent;
/// `E_INVALIDARG` (journaled) for a NULL key, an unknown hive, or a value of another type. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_multi_string(
    key: *const c_char,
    value_name: *const c_char,
    buffer: *mut c_char,
    size: usize,
    length: *mut usize,
) -> HRESULT {
    let func = "mockmapi_registry_get_multi_string";
    get(func, key, value_name, None, |rt, at, v| match v {
        RegValue::MultiSz(list) => {
            let mut bytes = Vec::new();
            for s in &list {
                bytes.extend_from_slice(s.as_bytes());
                bytes.push(0);
            }
            bytes.push(0);
            if !buffer.is_null() && size >= bytes.len() {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer.cast::<u8>(), bytes.len());
            }
            write_out(length, bytes.len());
            S_OK
        }
        other => wrong_type(rt, func, at, &other, "a REG_MULTI_SZ"),
    })
}

/// Read a `REG_BINARY` from the emulated hive: the first `min(size, length)` bytes into `buffer` (NULL allowed
/// when `size` is 0), and the value's length in bytes into `*length` if `length` is not NULL. Returns `S_OK`;
/// `MAPI_E_NOT_FOUND` if absent; `E_INVALIDARG` (journaled) for a NULL key, an unknown hive, or a value of another
/// type. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_binary(
    key: *const c_char,
    value_name: *const c_char,
    buffer: *mut u8,
    size: usize,
    length: *mut usize,
) -> HRESULT {
    let func = "mockmapi_registry_get_binary";
    get(func, key, value_name, None, |rt, at, v| match v {
        RegValue::Binary(b) => {
            if !buffer.is_null() {
                std::ptr::copy_nonoverlapping(b.as_ptr(), buffer, b.len().min(size));
            }
            write_out(length, b.len());
            S_OK
        }
        other => wrong_type(rt, func, at, &other, "a REG_BINARY"),
    })
}

/// The emulated Office version (such as `"16.0"`: from the configuration, or `mockmapi_policy_set_office_version`)
/// into `buffer` by `snprintf` rules; returns its length. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_policy_get_office_version(
    buffer: *mut c_char,
    size: usize,
) -> usize {
    with_runtime(Method::Registry, 0, |rt| {
        copy_text(buffer, size, rt.office_version().as_bytes())
    })
}
