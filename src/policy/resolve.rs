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
}

impl PolicyDecision {
    /// One line saying what the value is and why, for the journal and the trace.
    pub fn summary(&self) -> String {
        match (&self.key, &self.raw) {
            (Some(key), Some(raw)) => format!(
                "FastShutdownBehavior = {} from the {} {key}\\{VALUE_NAME} ({raw})",
                self.behavior,
                self.source.describe()
            ),
            _ => format!(
                "FastShutdownBehavior = {} ({})",
                self.behavior,
                self.source.describe()
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
    }
}

/// Keys of another Office version that hold the value: `(key as written, version)`.
fn other_version_keys(registry: &Registry, office_version: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for key in registry.keys() {
        let written = key.path.to_string();
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
