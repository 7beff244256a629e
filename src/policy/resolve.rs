//! The effective `FastShutdownBehavior` (SPEC §3): policy key, then preference key, then 0.

use super::hive::{RegValue, Registry};

/// The Office version emulated unless configured otherwise.
pub const DEFAULT_OFFICE_VERSION: &str = "16.0";
/// The value name both keys use.
pub const VALUE_NAME: &str = "FastShutdownBehavior";

const POLICY_PREFIX: &str = "HKCU\\Software\\Policies\\Microsoft\\Office\\";
const PREFERENCE_PREFIX: &str = "HKCU\\Software\\Microsoft\\Office\\";
const SUFFIX: &str = "\\Outlook\\Options\\Shutdown";

/// Where the effective value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicySource {
    /// `HKCU\Software\Policies\Microsoft\Office\V\Outlook\Options\Shutdown` (administrator policy).
    Policy,
    /// `HKCU\Software\Microsoft\Office\V\Outlook\Options\Shutdown` (user preference).
    Preference,
    /// Neither key holds the value: Outlook's default, 0.
    Default,
}

impl PolicySource {
    pub fn describe(self) -> &'static str {
        match self {
            PolicySource::Policy => "policy key",
            PolicySource::Preference => "preference key",
            PolicySource::Default => "default",
        }
    }
}

/// The decision, with what decided it and anything a person should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDecision {
    /// 0 (fast unless a provider opts out), 1 (only if every provider opts in), 2 (disabled).
    pub behavior: u32,
    pub source: PolicySource,
    /// The key holding the deciding value (`None` for the default).
    pub key: Option<String>,
    /// The value as found (`None` for the default).
    pub raw: Option<RegValue>,
    /// Invalid values, values under another Office version: each a sentence for the journal.
    pub diagnostics: Vec<String>,
    /// The Office version the keys were read for.
    pub office_version: String,
    /// Read from the real Windows registry rather than the emulated hive.
    pub native: bool,
}

impl PolicyDecision {
    /// One line saying what the value is, which key and value decided it, and in which hive, for the journal
    /// and the trace.
    pub fn summary(&self) -> String {
        let hive = if self.native {
            "the Windows registry"
        } else {
            "the emulated hive"
        };
        match (&self.key, &self.raw) {
            (Some(key), Some(raw)) => format!(
                "FastShutdownBehavior = {} from the {} {key}\\{VALUE_NAME} ({raw}) in {hive}",
                self.behavior,
                self.source.describe()
            ),
            _ => format!(
                "FastShutdownBehavior = {} ({}: neither {}\\{VALUE_NAME} nor {}\\{VALUE_NAME} exists in {hive})",
                self.behavior,
                self.source.describe(),
                policy_key(&self.office_version),
                preference_key(&self.office_version)
            ),
        }
    }
}

/// The policy key path for an Office version.
pub fn policy_key(office_version: &str) -> String {
    format!("{POLICY_PREFIX}{office_version}{SUFFIX}")
}

/// The preference key path for an Office version.
pub fn preference_key(office_version: &str) -> String {
    format!("{PREFERENCE_PREFIX}{office_version}{SUFFIX}")
}

/// Resolve the effective value for `office_version` from `registry`.
pub fn resolve_fast_shutdown(registry: &Registry, office_version: &str) -> PolicyDecision {
    let mut diagnostics = Vec::new();
    for (source, key) in [
        (PolicySource::Policy, policy_key(office_version)),
        (PolicySource::Preference, preference_key(office_version)),
    ] {
        let Ok(Some(raw)) = registry.get_value(&key, VALUE_NAME) else {
            continue;
        };
        let behavior = match raw {
            RegValue::Dword(v @ 0..=2) => *v,
            RegValue::Dword(v) => {
                diagnostics.push(format!(
                    "{key}\\{VALUE_NAME} is {v}, which is not 0, 1 or 2; it counts as 0 (set it to 0, 1 or 2)"
                ));
                0
            }
            other => {
                diagnostics.push(format!(
                    "{key}\\{VALUE_NAME} is {}, not a REG_DWORD; it counts as 0 (store it as a REG_DWORD)",
                    other.type_name()
                ));
                0
            }
        };
        return PolicyDecision {
            behavior,
            source,
            key: Some(key),
            raw: Some(raw.clone()),
            diagnostics,
            office_version: office_version.to_owned(),
            native: false,
        };
    }
    for (key, version) in other_version_keys(registry, office_version) {
        diagnostics.push(format!(
            "{VALUE_NAME} found under {version} ({key}), emulating {office_version}: it has no effect; \
             set the emulated Office version to {version} or move the value to the {office_version} key"
        ));
    }
    PolicyDecision {
        behavior: 0,
        source: PolicySource::Default,
        key: None,
        raw: None,
        diagnostics,
        office_version: office_version.to_owned(),
        native: false,
    }
}

/// Office versions whose keys the native backend also reads, so that a value under another version is
/// reported as in the emulated hive (the emulated hive is searched for every version).
pub const KNOWN_OFFICE_VERSIONS: [&str; 3] = ["14.0", "15.0", "16.0"];

/// Resolve from the real registry, through `lookup(subkey below HKEY_CURRENT_USER, value name)`: the policy
/// and preference values of `office_version` and of [`KNOWN_OFFICE_VERSIONS`] are read into a snapshot hive,
/// which is then resolved as usual. A lookup that fails counts as absent and is reported.
pub fn resolve_native(
    office_version: &str,
    mut lookup: impl FnMut(&str, &str) -> Result<Option<RegValue>, String>,
) -> PolicyDecision {
    let mut snapshot = Registry::new();
    let mut failures = Vec::new();
    let mut versions = vec![office_version];
    versions.extend(
        KNOWN_OFFICE_VERSIONS
            .iter()
            .copied()
            .filter(|v| !v.eq_ignore_ascii_case(office_version)),
    );
    for version in versions {
        for key in [policy_key(version), preference_key(version)] {
            let subkey = key.strip_prefix("HKCU\\").expect("HKCU keys");
            match lookup(subkey, VALUE_NAME) {
                Ok(Some(value)) => {
                    let _ = snapshot.set_value(&key, VALUE_NAME, value);
                }
                Ok(None) => {}
                Err(why) => failures.push(format!(
                    "cannot read {key}\\{VALUE_NAME} from the Windows registry ({why}); it counts as absent"
                )),
            }
        }
    }
    let mut decision = resolve_fast_shutdown(&snapshot, office_version);
    decision.native = true;
    failures.append(&mut decision.diagnostics);
    decision.diagnostics = failures;
    decision
}

/// Keys of another Office version that hold the value: `(key as written, version)`.
fn other_version_keys(registry: &Registry, office_version: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for key in registry.keys() {
        let written = key.path.to_string();
        // Compare all-lowercase: `fold()` keeps the hive's short name in capitals.
        let folded = key.path.fold().to_lowercase();
        for prefix in [POLICY_PREFIX, PREFERENCE_PREFIX] {
            let prefix = prefix.to_lowercase();
            let suffix = SUFFIX.to_lowercase();
            let Some(rest) = folded.strip_prefix(&prefix) else {
                continue;
            };
            let Some(version) = rest.strip_suffix(&suffix) else {
                continue;
            };
            if version.contains('\\') || version.eq_ignore_ascii_case(office_version) {
                continue;
            }
            if key
                .values()
                .any(|(n, _)| n.eq_ignore_ascii_case(VALUE_NAME))
            {
                found.push((written.clone(), version.to_owned()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(pairs: &[(&str, RegValue)]) -> Registry {
        let mut r = Registry::new();
        for (k, v) in pairs {
            r.set_value(k, VALUE_NAME, v.clone()).unwrap();
        }
        r
    }

    #[test]
    fn absent_is_zero_from_default() {
        let d = resolve_fast_shutdown(&Registry::new(), "16.0");
        assert_eq!((d.behavior, d.source), (0, PolicySource::Default));
        assert!(d.diagnostics.is_empty());
        let s = d.summary();
        assert!(s.contains(&policy_key("16.0")), "{s}");
        assert!(s.contains(&preference_key("16.0")), "{s}");
        assert!(s.contains("emulated hive"), "{s}");
    }

    #[test]
    fn native_resolution_reads_each_version_and_reports_failures() {
        let mut asked = Vec::new();
        let d = resolve_native("16.0", |subkey, name| {
            asked.push(subkey.to_owned());
            assert_eq!(name, VALUE_NAME);
            if subkey.starts_with("Software\\Policies") && subkey.contains("14.0") {
                Ok(Some(RegValue::Dword(1)))
            } else if subkey.starts_with("Software\\Microsoft") && subkey.contains("15.0") {
                Err("access denied".into())
            } else {
                Ok(None)
            }
        });
        assert_eq!(asked.len(), 6, "{asked:?}");
        assert!(
            asked[0].contains("16.0") && asked[1].contains("16.0"),
            "{asked:?}"
        );
        assert_eq!((d.behavior, d.native), (0, true));
        assert!(d.summary().contains("Windows registry"), "{}", d.summary());
        assert!(
            d.diagnostics[0].contains("access denied"),
            "{:?}",
            d.diagnostics
        );
        assert!(
            d.diagnostics[1].contains("found under 14.0"),
            "{:?}",
            d.diagnostics
        );
        let d = resolve_native("14.0", |subkey, _| {
            Ok(subkey
                .contains("Policies")
                .then_some(RegValue::Dword(2))
                .filter(|_| subkey.contains("14.0")))
        });
        assert_eq!((d.behavior, d.source), (2, PolicySource::Policy));
    }

    #[test]
    fn policy_wins_over_preference() {
        let r = reg(&[
            (&policy_key("16.0"), RegValue::Dword(2)),
            (&preference_key("16.0"), RegValue::Dword(1)),
        ]);
        let d = resolve_fast_shutdown(&r, "16.0");
        assert_eq!((d.behavior, d.source), (2, PolicySource::Policy));
        assert!(d.summary().contains("policy key"), "{}", d.summary());
        assert!(
            d.summary()
                .contains("HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown\\FastShutdownBehavior (REG_DWORD 2"),
            "{}",
            d.summary()
        );
        let r = reg(&[(&preference_key("16.0"), RegValue::Dword(1))]);
        assert_eq!(
            resolve_fast_shutdown(&r, "16.0").source,
            PolicySource::Preference
        );
    }

    #[test]
    fn invalid_values_count_as_zero_with_a_diagnostic() {
        let r = reg(&[
            (&policy_key("16.0"), RegValue::Dword(7)),
            (&preference_key("16.0"), RegValue::Dword(2)),
        ]);
        let d = resolve_fast_shutdown(&r, "16.0");
        assert_eq!((d.behavior, d.source), (0, PolicySource::Policy));
        assert!(
            d.diagnostics[0].contains("not 0, 1 or 2"),
            "{:?}",
            d.diagnostics
        );
        let r = reg(&[(&policy_key("16.0"), RegValue::Sz("2".into()))]);
        let d = resolve_fast_shutdown(&r, "16.0");
        assert_eq!(d.behavior, 0);
        assert!(
            d.diagnostics[0].contains("not a REG_DWORD"),
            "{:?}",
            d.diagnostics
        );
    }

    #[test]
    fn value_under_other_version_is_reported_and_ignored() {
        let r = reg(&[(&policy_key("14.0"), RegValue::Dword(2))]);
        let d = resolve_fast_shutdown(&r, "16.0");
        assert_eq!(d.behavior, 0);
        assert_eq!(d.diagnostics.len(), 1);
        assert!(
            d.diagnostics[0].contains("found under 14.0"),
            "{:?}",
            d.diagnostics
        );
        assert!(
            d.diagnostics[0].contains("emulating 16.0"),
            "{:?}",
            d.diagnostics
        );
        assert_eq!(resolve_fast_shutdown(&r, "14.0").behavior, 2);
    }

    #[test]
    fn office_version_and_paths_compare_case_insensitively() {
        let mut r = Registry::new();
        r.set_value("HKEY_CURRENT_USER\\SOFTWARE\\policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown", "fastshutdownbehavior", RegValue::Dword(1)).unwrap();
        assert_eq!(resolve_fast_shutdown(&r, "16.0").behavior, 1);
    }
}
