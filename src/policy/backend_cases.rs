//! The registry backends' shared cases: the same cases and the same assertions on the emulated hive (every
//! platform) and on the real registry (Windows, only when `MOCKMAPI_TEST_NATIVE_REGISTRY=1`: that test writes
//! under `HKEY_CURRENT_USER\Software\Policies\Microsoft\Office` and `...\Software\Microsoft\Office` and
//! deletes both trees afterwards, so it runs in a throw-away Wine prefix, as `ci/windows.sh` does, never on a
//! person's machine).

use super::hive::{RegValue, Registry};
use super::resolve::{policy_key, preference_key, PolicyDecision, PolicySource, VALUE_NAME};

/// One case: the values present (key, value), and the expected behaviour, source, and a text each
/// diagnostic list must contain (empty: no diagnostic).
pub(crate) struct Case {
    pub name: &'static str,
    pub values: Vec<(String, RegValue)>,
    pub behavior: u32,
    pub source: PolicySource,
    pub diagnostic: &'static str,
}

pub(crate) fn cases() -> Vec<Case> {
    let (pol, pref) = (policy_key("16.0"), preference_key("16.0"));
    let case = |name, values: Vec<(&String, RegValue)>, behavior, source, diagnostic| Case {
        name,
        values: values.into_iter().map(|(k, v)| (k.clone(), v)).collect(),
        behavior,
        source,
        diagnostic,
    };
    let old = policy_key("14.0");
    vec![
        case("nothing set", vec![], 0, PolicySource::Default, ""),
        case(
            "policy 0",
            vec![(&pol, RegValue::Dword(0))],
            0,
            PolicySource::Policy,
            "",
        ),
        case(
            "policy 1",
            vec![(&pol, RegValue::Dword(1))],
            1,
            PolicySource::Policy,
            "",
        ),
        case(
            "policy 2",
            vec![(&pol, RegValue::Dword(2))],
            2,
            PolicySource::Policy,
            "",
        ),
        case(
            "preference 1",
            vec![(&pref, RegValue::Dword(1))],
            1,
            PolicySource::Preference,
            "",
        ),
        case(
            "policy wins over preference",
            vec![(&pol, RegValue::Dword(0)), (&pref, RegValue::Dword(2))],
            0,
            PolicySource::Policy,
            "",
        ),
        case(
            "other Office version",
            vec![(&old, RegValue::Dword(2))],
            0,
            PolicySource::Default,
            "found under 14.0",
        ),
        case(
            "string, not a DWORD",
            vec![(&pol, RegValue::Sz("2".into()))],
            0,
            PolicySource::Policy,
            "not a REG_DWORD",
        ),
        case(
            "QWORD, not a DWORD",
            vec![(&pol, RegValue::Qword(1))],
            0,
            PolicySource::Policy,
            "not a REG_DWORD",
        ),
        case(
            "DWORD out of range",
            vec![(&pol, RegValue::Dword(7))],
            0,
            PolicySource::Policy,
            "not 0, 1 or 2",
        ),
    ]
}

/// The assertions every backend must pass for a case.
pub(crate) fn assert_case(case: &Case, d: &PolicyDecision, backend: &str) {
    let what = format!("{backend}, {}: {d:?}", case.name);
    assert_eq!(
        (d.behavior, d.source),
        (case.behavior, case.source),
        "{what}"
    );
    if case.diagnostic.is_empty() {
        assert!(d.diagnostics.is_empty(), "no diagnostic expected: {what}");
    } else {
        assert!(
            d.diagnostics.iter().any(|m| m.contains(case.diagnostic)),
            "a diagnostic saying {:?}: {what}",
            case.diagnostic
        );
    }
    if let Some((_, value)) = case
        .values
        .first()
        .filter(|_| case.source != PolicySource::Default)
    {
        if case.name != "policy wins over preference" {
            assert_eq!(
                d.raw.as_ref(),
                Some(value),
                "the deciding value as read: {what}"
            );
        }
    }
}

#[test]
fn emulated_hive_cases() {
    for case in cases() {
        let mut r = Registry::new();
        for (k, v) in &case.values {
            r.set_value(k, VALUE_NAME, v.clone()).unwrap();
        }
        let d = super::resolve_fast_shutdown(&r, "16.0");
        assert_case(&case, &d, "emulated hive");
    }
}

#[cfg(windows)]
#[test]
fn native_registry_cases() {
    use windows_sys::Win32::System::Registry::{
        RegDeleteTreeW, RegSetKeyValueW, HKEY_CURRENT_USER, REG_DWORD, REG_QWORD, REG_SZ,
    };
    if std::env::var_os("MOCKMAPI_TEST_NATIVE_REGISTRY").is_none_or(|v| v != "1") {
        eprintln!(
            "native_registry_cases: not run (it writes HKCU; set MOCKMAPI_TEST_NATIVE_REGISTRY=1 in a \
             throw-away Wine prefix or virtual machine, as ci/windows.sh does)"
        );
        return;
    }
    let wide = |s: &str| -> Vec<u16> { s.encode_utf16().chain(std::iter::once(0)).collect() };
    let clear = || {
        for tree in [
            "Software\\Policies\\Microsoft\\Office",
            "Software\\Microsoft\\Office",
        ] {
            // SAFETY: a NUL-terminated UTF-16 subkey of HKCU.
            unsafe { RegDeleteTreeW(HKEY_CURRENT_USER, wide(tree).as_ptr()) };
        }
    };
    for case in cases() {
        clear();
        for (key, value) in &case.values {
            let subkey = wide(key.strip_prefix("HKCU\\").unwrap());
            let (ty, data): (u32, Vec<u8>) = match value {
                RegValue::Dword(v) => (REG_DWORD, v.to_le_bytes().to_vec()),
                RegValue::Qword(v) => (REG_QWORD, v.to_le_bytes().to_vec()),
                RegValue::Sz(s) => (
                    REG_SZ,
                    wide(s).iter().flat_map(|u| u.to_le_bytes()).collect(),
                ),
                other => panic!("no case writes {other:?}"),
            };
            // SAFETY: NUL-terminated UTF-16 strings and a data buffer of the given length.
            let rc = unsafe {
                RegSetKeyValueW(
                    HKEY_CURRENT_USER,
                    subkey.as_ptr(),
                    wide(VALUE_NAME).as_ptr(),
                    ty,
                    data.as_ptr().cast(),
                    data.len() as u32,
                )
            };
            assert_eq!(rc, 0, "{}: writing {key} failed", case.name);
        }
        let d = super::resolve_native("16.0", |subkey, name| {
            super::windows::read_hkcu_value(subkey, name)
                .map_err(|code| format!("Win32 error {code}"))
        });
        assert!(d.native, "read from the registry");
        assert_case(&case, &d, "native registry");
    }
    clear();
}
