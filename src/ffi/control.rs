//! The control API of SPEC §6 (fixed names) and the rest of the mock's own surface.

use std::ffi::c_char;

use crate::com::{IMAPISession, IUnknown, E_INVALIDARG, HRESULT, MAPI_E_NOT_FOUND, S_OK};
use crate::policy::RegValue;
use crate::runtime::{Method, Runtime};

use super::{with_runtime, write_out};

/// A transport provider (`XPProviderInit`). Fan-outs visit transports first.
pub const MOCKMAPI_PROVIDER_TRANSPORT: u32 = 1;
/// An address book provider (`ABProviderInit`). Visited after transports.
pub const MOCKMAPI_PROVIDER_ADDRESS_BOOK: u32 = 2;
/// A message store provider (`MSProviderInit`). Visited last.
pub const MOCKMAPI_PROVIDER_STORE: u32 = 3;

/// The longest provider name (`mockmapi_session_add_provider`, `mockmapi_fake_spec.name`) in bytes of UTF-8;
/// a longer one is refused with `E_INVALIDARG`.
pub const MOCKMAPI_MAX_PROVIDER_NAME_BYTES: usize = 1024;
/// The longest registry key name (one component between two backslashes) the emulated hive accepts, in UTF-16
/// code units, as the Windows registry; a longer one is refused with `E_INVALIDARG` (files: file:line:column).
pub const MOCKMAPI_MAX_REGISTRY_KEY_NAME_CHARS: usize = 255;
/// The deepest registry key the emulated hive accepts: keys below the hive root, as the Windows registry.
pub const MOCKMAPI_MAX_REGISTRY_KEY_DEPTH: usize = 512;
/// The longest whole registry key path accepted (hive name included), in UTF-16 code units.
pub const MOCKMAPI_MAX_REGISTRY_KEY_PATH_CHARS: usize = 32_767;
/// The longest registry value name the emulated hive accepts, in UTF-16 code units, as the Windows registry.
pub const MOCKMAPI_MAX_REGISTRY_VALUE_NAME_CHARS: usize = 16_383;
/// The longest profile name `MAPILogonEx` accepts, in characters (MAPI's `cchProfileNameMax`); a longer one is
/// refused with `E_INVALIDARG`, as is a longer profile name in the configuration file (with file:line:column).
pub const MOCKMAPI_MAX_PROFILE_NAME_CHARS: usize = 64;
/// The largest registry value data the emulated hive accepts, in bytes as Windows stores it (strings as UTF-16
/// with their terminating NULs): 1 MiB, the Windows registry's standard-format limit. `mockmapi_registry_set_*`
/// refuse more with `E_INVALIDARG`; YAML and `.reg` files with an error at file:line:column.
pub const MOCKMAPI_MAX_REGISTRY_VALUE_BYTES: usize = 1_048_576;
/// The largest single buffer `MAPIAllocateBuffer`/`MAPIAllocateMore` hand out (256 MiB); a larger `cbSize` is
/// answered `MAPI_E_NOT_ENOUGH_MEMORY` (and a diagnostic).
pub const MOCKMAPI_MAX_BUFFER_BYTES: u32 = 268_435_456;

// The header needs literal values (cbindgen does not evaluate paths); these keep them equal to the limits the
// code enforces.
const _: () = assert!(
    MOCKMAPI_MAX_REGISTRY_KEY_NAME_CHARS as u64 == crate::policy::MAX_KEY_NAME_CHARS as u64
);
const _: () =
    assert!(MOCKMAPI_MAX_REGISTRY_KEY_DEPTH as u64 == crate::policy::MAX_KEY_DEPTH as u64);
const _: () = assert!(
    MOCKMAPI_MAX_REGISTRY_KEY_PATH_CHARS as u64 == crate::policy::MAX_KEY_PATH_CHARS as u64
);
const _: () = assert!(
    MOCKMAPI_MAX_REGISTRY_VALUE_NAME_CHARS as u64 == crate::policy::MAX_VALUE_NAME_CHARS as u64
);
const _: () = assert!(
    MOCKMAPI_MAX_PROFILE_NAME_CHARS as u64 == crate::policy::config::MAX_PROFILE_NAME_CHARS as u64
);
const _: () =
    assert!(MOCKMAPI_MAX_REGISTRY_VALUE_BYTES as u64 == crate::policy::MAX_VALUE_DATA_BYTES as u64);
const _: () = assert!(
    MOCKMAPI_MAX_PROVIDER_NAME_BYTES as u64 == crate::runtime::provider::MAX_NAME_BYTES as u64
);
const _: () =
    assert!(MOCKMAPI_MAX_BUFFER_BYTES as u64 == crate::runtime::alloc::MAX_BUFFER_BYTES as u64);

/// Attach a provider object to a session, as if the session's profile listed it.
///
/// - `session`: an `IMAPISession` returned by `MAPILogonEx`; NULL or a pointer that is not one gives
///   `E_INVALIDARG`; a session that is logged off, or from before the last `mockmapi_reset`, gives
///   `MAPI_E_CALL_FAILED`.
/// - `kind`: `MOCKMAPI_PROVIDER_TRANSPORT`, `MOCKMAPI_PROVIDER_ADDRESS_BOOK` or `MOCKMAPI_PROVIDER_STORE`; anything
///   else gives `E_INVALIDARG`.
/// - `name`: UTF-8 display name for the journal, copied; NULL gives `"<kind>-<n>"`; longer than
///   `MOCKMAPI_MAX_PROVIDER_NAME_BYTES` gives `E_INVALIDARG`.
/// - `provider`: the provider object (as `XPProviderInit`/`ABProviderInit`/`MSProviderInit` return it: slot 3 of its
///   vtable is `Shutdown`); NULL gives `E_INVALIDARG`. The runtime calls `AddRef` and keeps that reference until
///   `Logoff`, the last `MAPIUninitialize` or `mockmapi_reset` (never after a client `DoFastShutdown`).
///
/// Returns `S_OK`; `MAPI_E_NOT_INITIALIZED` before `MAPIInitialize`; `MAPI_E_CALL_FAILED` on a logged-off session or
/// after `DoFastShutdown`. Every refusal is journaled. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_session_add_provider(
    session: *mut IMAPISession,
    kind: u32,
    name: *const c_char,
    provider: *mut IUnknown,
) -> HRESULT {
    with_runtime(
        Method::AddProvider,
        crate::com::E_UNEXPECTED,
        |rt| match rt.c_str_arg(
            Method::AddProvider,
            "mockmapi_session_add_provider: name",
            name,
        ) {
            Ok(name) => rt.add_provider(session, kind, name, provider),
            Err(hr) => hr,
        },
    )
}

/// Attach a provider object to a session and log it on, as MAPI does for the providers of a profile after their
/// entry point: `IXPProvider::TransportLogon`, `IABProvider::Logon` or `IMSProvider::Logon`, with a new
/// `IMAPISupport` of the provider's own, no UI (`LOGON_NO_DIALOG`/`AB_NO_DIALOG`/`MDB_NO_DIALOG`) and the session's
/// profile name.
///
/// - `session`, `kind`, `name`, `provider`: as `mockmapi_session_add_provider` (the runtime's reference to the
///   provider is taken the same way, and kept even when the logon fails).
/// - `prop_count`, `props_array`: the properties of the provider's profile section — what `IMAPISupport::OpenProfileSection`
///   with a NULL `lpUid` returns, as an `IProfSect` (an `IPropData`); copied. When the configuration's profile of
///   the session lists a provider of this kind and name with `properties:` (config/README.md), the section starts
///   with those, and these are added to them (replacing any with the same tag). `props_array` may be NULL when `prop_count`
///   is 0; NULL with a nonzero `prop_count`, or an invalid value, gives `E_INVALIDARG` and attaches nothing.
///
/// The logon object the provider returns (and a store's `IMsgStore`) is kept by the runtime. Normal shutdown
/// (`Logoff`, the last `MAPIUninitialize`) calls `IXPLogon::TransportLogoff(0)`, `IABLogon::Logoff(0)` or
/// `IMSLogon::Logoff(&0)` and releases the logon objects before the provider's `Shutdown` and `Release`; the support
/// object is released last. After a client `DoFastShutdown` nothing of them is called (`mockmapi_reset` releases
/// them afterwards, journaled as the harness's teardown).
///
/// A fake provider (`mockmapi_fake_provider`) has no logon and gives `E_INVALIDARG`, attaching nothing.
///
/// Returns what the provider's logon method returned (`S_OK` when logged on; a failure is also reported as a
/// diagnostic naming the provider), or the errors of `mockmapi_session_add_provider`. Every call, the logon's and
/// the support object's, is journaled. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_session_logon_provider(
    session: *mut IMAPISession,
    kind: u32,
    name: *const c_char,
    provider: *mut IUnknown,
    prop_count: u32,
    props_array: *const crate::com::_SPropValue,
) -> HRESULT {
    with_runtime(Method::LogonProvider, crate::com::E_UNEXPECTED, |rt| {
        let func = "mockmapi_session_logon_provider";
        let name = match rt.c_str_arg(Method::LogonProvider, &format!("{func}: name"), name) {
            Ok(n) => n,
            Err(hr) => return hr,
        };
        let props = if prop_count == 0 {
            Vec::new()
        } else if props_array.is_null() {
            return rt.reject(
                Method::LogonProvider,
                E_INVALIDARG,
                format!("{func}: props_array is NULL but prop_count is {prop_count}; pass the array or 0"),
            );
        } else {
            match crate::mapiutil::cabi::read_props(props_array.cast(), prop_count) {
                Ok(p) => p,
                Err(e) => {
                    return rt.reject(
                        Method::LogonProvider,
                        e,
                        format!("{func}: the profile properties are not valid (a NULL pointer in a value, or an unknown type)"),
                    )
                }
            }
        };
        rt.logon_provider(
            session,
            kind,
            name,
            provider,
            |session, kind, name, mut section| {
                // The configuration's properties first; the caller's add to them and replace those with the same tag.
                for p in props {
                    match section.iter_mut().find(|q| q.tag == p.tag) {
                        Some(q) => *q = p,
                        None => section.push(p),
                    }
                }
                Some(super::support::SupportObject::create(
                    session, kind, name, section,
                ))
            },
        )
    })
}

/// The `key` and `value_name` arguments of the registry functions: key required, NULL name = default value.
pub(super) unsafe fn registry_args<'a>(
    rt: &Runtime,
    func: &str,
    key: *const c_char,
    value_name: *const c_char,
) -> Result<(&'a str, &'a str), HRESULT> {
    let key = rt
        .c_str_arg(Method::Registry, &format!("{func}: key"), key)?
        .ok_or_else(|| {
            rt.reject(
                Method::Registry,
                E_INVALIDARG,
                format!("{func}: key is NULL; pass a path such as HKCU\\Software\\..."),
            )
        })?;
    let name = rt
        .c_str_arg(Method::Registry, &format!("{func}: value_name"), value_name)?
        .unwrap_or("");
    Ok((key, name))
}

/// Set a `REG_DWORD` in the emulated hive, creating the key as needed.
///
/// `key` (UTF-8, required) starts with a hive name — `HKEY_CURRENT_USER`/`HKCU` or `HKEY_LOCAL_MACHINE`/`HKLM` —
/// for example, as a C string, `"HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown"`;
/// paths and value names compare case-insensitively. `value_name` NULL or `""` is the key's default value.
/// Returns `S_OK`, or `E_INVALIDARG` (journaled) for a NULL key, an unknown hive or invalid UTF-8. Never touches
/// the real registry.
/// Thread-safe; the policy is read at each client `QueryFastShutdown`.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_set_dword(
    key: *const c_char,
    value_name: *const c_char,
    data: u32,
) -> HRESULT {
    with_runtime(
        Method::Registry,
        crate::com::E_UNEXPECTED,
        |rt| match registry_args(rt, "mockmapi_registry_set_dword", key, value_name) {
            Ok((key, name)) => rt.registry_set(key, name, RegValue::Dword(data)),
            Err(hr) => hr,
        },
    )
}

/// Read a `REG_DWORD` from the emulated hive into `*data` (written only on success).
///
/// Returns `S_OK`; `MAPI_E_NOT_FOUND` if the key or value is absent; `E_INVALIDARG` for bad arguments (NULL key or
/// `data`, unknown hive) or a value of another type.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_get_dword(
    key: *const c_char,
    value_name: *const c_char,
    data: *mut u32,
) -> HRESULT {
    with_runtime(Method::Registry, crate::com::E_UNEXPECTED, |rt| {
        let (key, name) = match registry_args(rt, "mockmapi_registry_get_dword", key, value_name) {
            Ok(x) => x,
            Err(hr) => return hr,
        };
        if data.is_null() {
            return rt.reject(
                Method::Registry,
                E_INVALIDARG,
                "mockmapi_registry_get_dword: data is NULL",
            );
        }
        match rt.with_registry(|r| r.get_value(key, name).map(|v| v.cloned())) {
            Ok(Some(RegValue::Dword(v))) => {
                write_out(data, v);
                S_OK
            }
            Ok(Some(other)) => rt.reject(
                Method::Registry,
                E_INVALIDARG,
                format!(
                    "mockmapi_registry_get_dword: {key}\\{name} is a {}, not a REG_DWORD",
                    other.type_name()
                ),
            ),
            Ok(None) => MAPI_E_NOT_FOUND,
            Err(e) => rt.reject(Method::Registry, E_INVALIDARG, e.to_string()),
        }
    })
}

/// Remove a value from the emulated hive. Returns `S_OK`; `MAPI_E_NOT_FOUND` if the key or value is absent;
/// `E_INVALIDARG` for a NULL key, unknown hive or invalid UTF-8. `value_name` NULL is the default value.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_registry_delete_value(
    key: *const c_char,
    value_name: *const c_char,
) -> HRESULT {
    with_runtime(
        Method::Registry,
        crate::com::E_UNEXPECTED,
        |rt| match registry_args(rt, "mockmapi_registry_delete_value", key, value_name) {
            Ok((key, name)) => rt.registry_delete_value(key, name),
            Err(hr) => hr,
        },
    )
}

/// Set the emulated Office version (UTF-8, such as `"16.0"`, `"15.0"`, `"14.0"`): the policy and preference
/// keys are read under the `Office` key of that version (`Software\\Microsoft\\Office\\16.0\\...` as a C
/// string). Lasts until `mockmapi_reset`.
/// Returns `S_OK`, or `E_INVALIDARG` for NULL or text that is not a version number.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_policy_set_office_version(version: *const c_char) -> HRESULT {
    with_runtime(Method::Registry, crate::com::E_UNEXPECTED, |rt| {
        match rt.c_str_arg(
            Method::Registry,
            "mockmapi_policy_set_office_version: version",
            version,
        ) {
            Ok(Some(v)) => rt.set_office_version(v),
            Ok(None) => rt.reject(
                Method::Registry,
                E_INVALIDARG,
                "mockmapi_policy_set_office_version: version is NULL",
            ),
            Err(hr) => hr,
        }
    })
}

/// The `FastShutdownBehavior` (0, 1 or 2) a client `QueryFastShutdown` would apply now, into `*behavior`;
/// calls nothing and journals nothing. Returns `S_OK`, or `E_INVALIDARG` if `behavior` is NULL.
#[no_mangle]
pub unsafe extern "C" fn mockmapi_policy_get_behavior(behavior: *mut u32) -> HRESULT {
    with_runtime(Method::Registry, crate::com::E_UNEXPECTED, |rt| {
        if behavior.is_null() {
            return rt.reject(
                Method::Registry,
                E_INVALIDARG,
                "mockmapi_policy_get_behavior: behavior is NULL",
            );
        }
        write_out(behavior, rt.policy_decision().behavior);
        S_OK
    })
}

/// Return the whole runtime to its state before the first `MAPIInitialize`: sessions dropped (the provider
/// references the runtime holds are released), the registry and Office version back to their configured
/// contents, the journal cleared, the exited state cleared. Session pointers the client still holds stay safe
/// to `Release` but every other call on them fails. Call it between tests, not while another thread is inside
/// a MAPI call.
#[no_mangle]
pub extern "C" fn mockmapi_reset() {
    with_runtime(Method::Reset, (), |rt| rt.reset())
}

/// How many violations (SPEC §4, §5: protocol errors and bad input from the client) the journal holds.
#[no_mangle]
pub extern "C" fn mockmapi_violation_count() -> usize {
    with_runtime(Method::Journal, 0, |rt| rt.violation_count())
}
