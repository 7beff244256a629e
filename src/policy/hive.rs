//! The in-memory registry hive: keys and values, compared case-insensitively, kept in their written case.

use std::collections::BTreeMap;
use std::fmt;

/// A root key (hive) name as registry paths spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RootKey {
    CurrentUser,
    LocalMachine,
}

impl RootKey {
    /// The long name, as `regedit` writes it.
    pub fn long_name(self) -> &'static str {
        match self {
            RootKey::CurrentUser => "HKEY_CURRENT_USER",
            RootKey::LocalMachine => "HKEY_LOCAL_MACHINE",
        }
    }

    /// The short alias.
    pub fn short_name(self) -> &'static str {
        match self {
            RootKey::CurrentUser => "HKCU",
            RootKey::LocalMachine => "HKLM",
        }
    }

    /// Accepts `HKEY_CURRENT_USER`/`HKCU` and `HKEY_LOCAL_MACHINE`/`HKLM`, in any case.
    pub fn parse(s: &str) -> Option<RootKey> {
        let u = s.to_ascii_uppercase();
        match u.as_str() {
            "HKEY_CURRENT_USER" | "HKCU" => Some(RootKey::CurrentUser),
            "HKEY_LOCAL_MACHINE" | "HKLM" => Some(RootKey::LocalMachine),
            _ => None,
        }
    }
}

/// Why a registry request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryError {
    /// The path is empty or does not start with a known hive.
    BadKeyPath(String),
    /// No such value (or key).
    NotFound(String),
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::BadKeyPath(msg) | RegistryError::NotFound(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for RegistryError {}

/// The longest key name component the Windows registry accepts, in UTF-16 code units.
pub const MAX_KEY_NAME_CHARS: usize = 255;
/// The longest value name the Windows registry accepts, in UTF-16 code units.
pub const MAX_VALUE_NAME_CHARS: usize = 16_383;
/// The deepest key the Windows registry allows: 512 levels below the hive root.
pub const MAX_KEY_DEPTH: usize = 512;
/// The longest whole key path accepted (hive name included), in UTF-16 code units: what one registry API call
/// can carry (a `UNICODE_STRING` holds at most 32,767 characters).
pub const MAX_KEY_PATH_CHARS: usize = 32_767;

/// The largest value data accepted, in bytes as the Windows registry stores it (strings in UTF-16 with their
/// terminating NULs): 1 MiB, the limit of the registry's standard hive format (the latest format is limited only
/// by memory, but Microsoft advises storing anything over 2 KB in a file instead).
pub const MAX_VALUE_DATA_BYTES: usize = 1024 * 1024;

/// Length as Windows counts it: UTF-16 code units.
fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A parsed key path: a root key and the `\`-separated subkey path, as written (empty segments removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath {
    pub root: RootKey,
    pub subkey: String,
}

impl KeyPath {
    /// Parse `HKCU\Software\...` (or `HKEY_CURRENT_USER\...`). Empty segments (`\\`, a trailing `\`) are
    /// dropped; anything else is kept as written.
    pub fn parse(path: &str) -> Result<KeyPath, RegistryError> {
        let mut parts = path.split('\\').filter(|p| !p.is_empty());
        let first = parts.next().ok_or_else(|| {
            RegistryError::BadKeyPath(
                "empty registry key path; write it as HKCU\\Software\\... or HKEY_CURRENT_USER\\Software\\...".into(),
            )
        })?;
        let root = RootKey::parse(first.trim()).ok_or_else(|| {
            RegistryError::BadKeyPath(format!(
                "unknown registry hive '{first}' in key '{path}'; use HKEY_CURRENT_USER (HKCU) or HKEY_LOCAL_MACHINE (HKLM)"
            ))
        })?;
        let total = utf16_len(path);
        if total > MAX_KEY_PATH_CHARS {
            return Err(RegistryError::BadKeyPath(format!(
                "registry key path of {total} characters is longer than the {MAX_KEY_PATH_CHARS} the Windows \
                 registry accepts; use a shorter path"
            )));
        }
        let mut components = Vec::new();
        for part in parts {
            let n = utf16_len(part);
            if n > MAX_KEY_NAME_CHARS {
                let shown: String = part.chars().take(40).collect();
                return Err(RegistryError::BadKeyPath(format!(
                    "registry key name '{shown}...' has {n} characters; the Windows registry allows at most \
                     {MAX_KEY_NAME_CHARS} per key name (between two backslashes)"
                )));
            }
            components.push(part);
            if components.len() > MAX_KEY_DEPTH {
                return Err(RegistryError::BadKeyPath(format!(
                    "registry key path is more than {MAX_KEY_DEPTH} keys deep, the Windows registry's limit; \
                     use a shallower path"
                )));
            }
        }
        let subkey = components.join("\\");
        Ok(KeyPath { root, subkey })
    }

    /// The comparison form: short hive name and lowercase subkey.
    pub fn fold(&self) -> String {
        fold_key(self.root, &self.subkey)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.subkey.is_empty() {
            f.write_str(self.root.long_name())
        } else {
            write!(f, "{}\\{}", self.root.long_name(), self.subkey)
        }
    }
}

fn fold_key(root: RootKey, subkey: &str) -> String {
    let mut s = String::with_capacity(5 + subkey.len());
    s.push_str(root.short_name());
    if !subkey.is_empty() {
        s.push('\\');
        s.push_str(&subkey.to_lowercase());
    }
    s
}

/// A value name the Windows registry would accept: at most [`MAX_VALUE_NAME_CHARS`].
pub fn check_value_name(name: &str) -> Result<(), RegistryError> {
    let n = utf16_len(name);
    if n > MAX_VALUE_NAME_CHARS {
        let shown: String = name.chars().take(40).collect();
        return Err(RegistryError::BadKeyPath(format!(
            "registry value name '{shown}...' has {n} characters; the Windows registry allows at most \
             {MAX_VALUE_NAME_CHARS}"
        )));
    }
    Ok(())
}

/// Everything a value must pass to be stored (every way of storing one checks it here).
fn check_value(name: &str, value: &RegValue) -> Result<(), RegistryError> {
    check_value_name(name)?;
    check_value_data(name, value)
}

/// Value data the Windows registry would accept: at most [`MAX_VALUE_DATA_BYTES`] as stored.
pub fn check_value_data(name: &str, value: &RegValue) -> Result<(), RegistryError> {
    let n = value.stored_bytes();
    if n > MAX_VALUE_DATA_BYTES {
        let shown: String = name.chars().take(40).collect();
        return Err(RegistryError::BadKeyPath(format!(
            "registry value '{shown}' holds {n} bytes of {} data; mockmapi accepts at most {MAX_VALUE_DATA_BYTES} \
             (1 MiB, the Windows registry's standard-format limit): keep large data in a file and store its path",
            value.type_name()
        )));
    }
    Ok(())
}

/// A registry value with its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegValue {
    Dword(u32),
    Qword(u64),
    Sz(String),
    ExpandSz(String),
    MultiSz(Vec<String>),
    Binary(Vec<u8>),
}

impl RegValue {
    /// The size of the data as the Windows registry stores it: strings in UTF-16 with a terminating NUL, a
    /// multi-string list with one more NUL at the end.
    pub fn stored_bytes(&self) -> usize {
        let sz = |s: &str| 2 * (utf16_len(s) + 1);
        match self {
            RegValue::Dword(_) => 4,
            RegValue::Qword(_) => 8,
            RegValue::Sz(s) | RegValue::ExpandSz(s) => sz(s),
            RegValue::MultiSz(v) => v.iter().map(|s| sz(s)).sum::<usize>() + 2,
            RegValue::Binary(b) => b.len(),
        }
    }

    /// The registry type name (`REG_DWORD`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            RegValue::Dword(_) => "REG_DWORD",
            RegValue::Qword(_) => "REG_QWORD",
            RegValue::Sz(_) => "REG_SZ",
            RegValue::ExpandSz(_) => "REG_EXPAND_SZ",
            RegValue::MultiSz(_) => "REG_MULTI_SZ",
            RegValue::Binary(_) => "REG_BINARY",
        }
    }
}

impl fmt::Display for RegValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegValue::Dword(v) => write!(f, "REG_DWORD {v} (0x{v:08X})"),
            RegValue::Qword(v) => write!(f, "REG_QWORD {v}"),
            RegValue::Sz(s) => write!(f, "REG_SZ {s:?}"),
            RegValue::ExpandSz(s) => write!(f, "REG_EXPAND_SZ {s:?}"),
            RegValue::MultiSz(v) => write!(f, "REG_MULTI_SZ {v:?}"),
            RegValue::Binary(b) => write!(f, "REG_BINARY ({} bytes)", b.len()),
        }
    }
}

/// One key: its path as written and its values by folded name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub path: KeyPath,
    values: BTreeMap<String, (String, RegValue)>,
}

impl Key {
    /// Set a value of this key unless one of that name (in any case) is there already: `Ok(false)` then, and
    /// nothing changes.
    pub(crate) fn add_value(&mut self, name: &str, value: RegValue) -> Result<bool, RegistryError> {
        check_value(name, &value)?;
        match self.values.entry(name.to_lowercase()) {
            std::collections::btree_map::Entry::Occupied(_) => Ok(false),
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert((name.to_owned(), value));
                Ok(true)
            }
        }
    }

    /// The values as `(name as written, value)`, in name order. The default value's name is empty.
    pub fn values(&self) -> impl Iterator<Item = (&str, &RegValue)> {
        self.values.values().map(|(n, v)| (n.as_str(), v))
    }
}

/// The emulated registry: every key that exists, by folded path.
///
/// Copies share their keys until one of them changes (copy on write): the runtime keeps the configured hive
/// and hands each test a copy at every reset, which costs nothing unless the test edits the hive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    keys: std::sync::Arc<BTreeMap<String, Key>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Create the key if it does not exist (a written case already stored is kept).
    pub fn create_key(&mut self, key: &str) -> Result<&mut Key, RegistryError> {
        let path = KeyPath::parse(key)?;
        Ok(std::sync::Arc::make_mut(&mut self.keys)
            .entry(path.fold())
            .or_insert_with(|| Key {
                path,
                values: BTreeMap::new(),
            }))
    }

    /// Set (create or replace) a value; the key is created as needed. A replaced value takes the new
    /// written case of its name.
    pub fn set_value(
        &mut self,
        key: &str,
        name: &str,
        value: RegValue,
    ) -> Result<(), RegistryError> {
        check_value(name, &value)?;
        let k = self.create_key(key)?;
        k.values
            .insert(name.to_lowercase(), (name.to_owned(), value));
        Ok(())
    }

    /// The value, if both the key and the value exist.
    pub fn get_value(&self, key: &str, name: &str) -> Result<Option<&RegValue>, RegistryError> {
        let path = KeyPath::parse(key)?;
        Ok(self.get_folded(&path.fold(), name))
    }

    /// Lookup by an already folded key path.
    pub fn get_folded(&self, folded_key: &str, name: &str) -> Option<&RegValue> {
        self.keys
            .get(folded_key)
            .and_then(|k| k.values.get(&name.to_lowercase()))
            .map(|(_, v)| v)
    }

    /// Remove a value; `NotFound` if the key or the value does not exist.
    pub fn delete_value(&mut self, key: &str, name: &str) -> Result<RegValue, RegistryError> {
        let path = KeyPath::parse(key)?;
        std::sync::Arc::make_mut(&mut self.keys)
            .get_mut(&path.fold())
            .and_then(|k| k.values.remove(&name.to_lowercase()))
            .map(|(_, v)| v)
            .ok_or_else(|| RegistryError::NotFound(format!("no value '{name}' under {path}")))
    }

    /// Remove a key and every key below it; `NotFound` if none existed. A hive root (`HKEY_CURRENT_USER`
    /// itself) cannot be deleted, as in the real registry: `BadKeyPath`.
    pub fn delete_key(&mut self, key: &str) -> Result<(), RegistryError> {
        let path = KeyPath::parse(key)?;
        if path.subkey.is_empty() {
            return Err(RegistryError::BadKeyPath(format!(
                "{} is a hive root, which cannot be deleted; name a key below it, or use \
                 mockmapi_registry_clear to empty the whole hive",
                path.root.long_name()
            )));
        }
        let folded = path.fold();
        let prefix = format!("{folded}\\");
        let before = self.keys.len();
        std::sync::Arc::make_mut(&mut self.keys)
            .retain(|k, _| k != &folded && !k.starts_with(&prefix));
        if self.keys.len() == before {
            return Err(RegistryError::NotFound(format!("no key {path}")));
        }
        Ok(())
    }

    /// Every key, in folded-path order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.keys.values()
    }

    /// Create the key, or `Ok(None)` if it exists already (in any case).
    pub(crate) fn create_new_key(&mut self, key: &str) -> Result<Option<&mut Key>, RegistryError> {
        let path = KeyPath::parse(key)?;
        match std::sync::Arc::make_mut(&mut self.keys).entry(path.fold()) {
            std::collections::btree_map::Entry::Occupied(_) => Ok(None),
            std::collections::btree_map::Entry::Vacant(v) => Ok(Some(v.insert(Key {
                path,
                values: BTreeMap::new(),
            }))),
        }
    }

    /// Whether the registry holds no key at all.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_names_compare_case_insensitively_and_keep_written_case() {
        let mut r = Registry::new();
        r.set_value(
            "HKEY_CURRENT_USER\\Software\\Foo",
            "MyValue",
            RegValue::Dword(1),
        )
        .unwrap();
        assert_eq!(
            r.get_value("hkcu\\SOFTWARE\\foo\\", "myvalue").unwrap(),
            Some(&RegValue::Dword(1))
        );
        let key = r.keys().next().unwrap();
        assert_eq!(key.path.to_string(), "HKEY_CURRENT_USER\\Software\\Foo");
        assert_eq!(key.values().next().unwrap().0, "MyValue");
    }

    #[test]
    fn hives_are_distinct_and_aliases_agree() {
        let mut r = Registry::new();
        r.set_value("HKLM\\Software\\X", "v", RegValue::Dword(1))
            .unwrap();
        assert_eq!(r.get_value("HKCU\\Software\\X", "v").unwrap(), None);
        assert_eq!(
            r.get_value("HKEY_LOCAL_MACHINE\\Software\\X", "v").unwrap(),
            Some(&RegValue::Dword(1))
        );
    }

    #[test]
    fn unknown_hive_is_an_error_that_names_the_fix() {
        let err = Registry::new()
            .set_value("HKXX\\a", "v", RegValue::Dword(1))
            .unwrap_err();
        assert!(
            err.to_string().contains("HKEY_CURRENT_USER (HKCU)"),
            "{err}"
        );
        assert!(matches!(
            KeyPath::parse(""),
            Err(RegistryError::BadKeyPath(_))
        ));
    }

    #[test]
    fn the_windows_registry_limits_are_refused_with_the_limit_named() {
        let mut r = Registry::new();
        let long = "k".repeat(MAX_KEY_NAME_CHARS);
        r.set_value(&format!("HKCU\\{long}"), "v", RegValue::Dword(1))
            .unwrap();
        let err = r
            .set_value(&format!("HKCU\\{long}x"), "v", RegValue::Dword(1))
            .unwrap_err();
        assert!(err.to_string().contains("at most 255"), "{err}");
        // Counted in UTF-16 units, as Windows counts: 128 characters outside the BMP are 256 units.
        assert!(r
            .create_key(&format!("HKCU\\{}", "\u{1F600}".repeat(128)))
            .is_err());
        let deep = vec!["a"; MAX_KEY_DEPTH].join("\\");
        r.create_key(&format!("HKCU\\{deep}")).unwrap();
        let err = r.create_key(&format!("HKCU\\{deep}\\a")).unwrap_err();
        assert!(err.to_string().contains("512 keys deep"), "{err}");
        let wide = vec!["b".repeat(200); 200].join("\\");
        let err = r.create_key(&format!("HKCU\\{wide}")).unwrap_err();
        assert!(err.to_string().contains("32767"), "{err}");
        r.set_value(
            "HKCU\\A",
            &"n".repeat(MAX_VALUE_NAME_CHARS),
            RegValue::Dword(1),
        )
        .unwrap();
        let before = r.clone();
        let err = r
            .set_value(
                "HKCU\\B",
                &"n".repeat(MAX_VALUE_NAME_CHARS + 1),
                RegValue::Dword(1),
            )
            .unwrap_err();
        assert!(err.to_string().contains("at most 16383"), "{err}");
        // Value data: 1 MiB as Windows stores it (UTF-16 strings with their NULs).
        let mut data = Registry::new();
        let fits = [
            RegValue::Binary(vec![0; MAX_VALUE_DATA_BYTES]),
            RegValue::Sz("s".repeat(MAX_VALUE_DATA_BYTES / 2 - 1)),
            RegValue::ExpandSz("s".repeat(MAX_VALUE_DATA_BYTES / 2 - 1)),
            RegValue::MultiSz(vec!["m".repeat(MAX_VALUE_DATA_BYTES / 2 - 2)]),
        ];
        for v in fits {
            assert_eq!(v.stored_bytes(), MAX_VALUE_DATA_BYTES, "{v}");
            data.set_value("HKCU\\S", "v", v).unwrap();
        }
        let over = [
            RegValue::Binary(vec![0; MAX_VALUE_DATA_BYTES + 1]),
            RegValue::Sz("s".repeat(MAX_VALUE_DATA_BYTES / 2)),
            RegValue::ExpandSz("é".repeat(MAX_VALUE_DATA_BYTES / 2)),
            RegValue::MultiSz(vec!["m".repeat(MAX_VALUE_DATA_BYTES / 4 - 1); 2]),
        ];
        for v in over {
            let err = data.set_value("HKCU\\S", "w", v.clone()).unwrap_err();
            assert!(err.to_string().contains("at most 1048576"), "{err}");
            assert_eq!(data.get_value("HKCU\\S", "w").unwrap(), None);
        }
        assert_eq!(r, before, "a refused value creates no key");
    }

    #[test]
    fn a_hive_root_cannot_be_deleted() {
        let mut r = Registry::new();
        r.set_value("HKCU\\A", "v", RegValue::Dword(1)).unwrap();
        for root in ["HKEY_CURRENT_USER", "HKCU\\", "hklm"] {
            let err = r.delete_key(root).unwrap_err();
            assert!(matches!(err, RegistryError::BadKeyPath(_)), "{root}");
            assert!(err.to_string().contains("hive root"), "{err}");
        }
        assert!(!r.is_empty());
    }

    #[test]
    fn delete_value_and_key() {
        let mut r = Registry::new();
        r.set_value("HKCU\\A\\B", "v", RegValue::Sz("x".into()))
            .unwrap();
        r.set_value("HKCU\\A\\B\\C", "w", RegValue::Dword(2))
            .unwrap();
        assert!(matches!(
            r.delete_value("HKCU\\A\\B", "nope"),
            Err(RegistryError::NotFound(_))
        ));
        assert_eq!(
            r.delete_value("HKCU\\a\\b", "V").unwrap(),
            RegValue::Sz("x".into())
        );
        r.delete_key("HKCU\\A").unwrap();
        assert!(r.is_empty());
        assert!(r.delete_key("HKCU\\A").is_err());
    }
}
