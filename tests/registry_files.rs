//! Registry files end to end (SPEC §3, §6): value types and round trips, case rules, hive aliases, precedence,
//! Office version switching, every kind of bad file (each with a precise error and the previous hive
//! untouched), configuration discovery and re-reading, and a bounded randomized test of both loaders.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use mockmapi::com::{E_INVALIDARG, MAPI_E_NOT_FOUND, S_OK};
use mockmapi::policy::config::{discover, load_config_file, parse_config, DiscoveryInputs};
use mockmapi::policy::{
    load_registry_file, parse_registry_bytes, yaml, LoadErrorKind, PolicySource, RegValue, Registry,
};
use mockmapi::runtime::loader::EntryPoints;
use mockmapi::runtime::{Config, Discovery, EventType, Runtime};

const POLICY_16: &str =
    "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const PREFERENCE_16: &str = "HKCU\\Software\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const POLICY_14: &str =
    "HKCU\\Software\\Policies\\Microsoft\\Office\\14.0\\Outlook\\Options\\Shutdown";
const VALUE: &str = "FastShutdownBehavior";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("registry-files")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

fn hive(pairs: &[(&str, &str, RegValue)]) -> Registry {
    let mut r = Registry::new();
    for (k, n, v) in pairs {
        r.set_value(k, n, v.clone()).unwrap();
    }
    r
}

// ---- formats ---------------------------------------------------------------------------------------------

#[test]
fn each_value_type_round_trips_through_yaml() {
    let r = hive(&[
        (POLICY_16, VALUE, RegValue::Dword(1)),
        ("HKLM\\Software\\T", "dword-max", RegValue::Dword(u32::MAX)),
        ("HKLM\\Software\\T", "qword", RegValue::Qword(u64::MAX)),
        (
            "HKLM\\Software\\T",
            "sz",
            RegValue::Sz("C:\\Program Files\\\"x\"".into()),
        ),
        ("HKLM\\Software\\T", "empty-sz", RegValue::Sz(String::new())),
        (
            "HKLM\\Software\\T",
            "expand",
            RegValue::ExpandSz("%SystemRoot%\\x".into()),
        ),
        (
            "HKLM\\Software\\T",
            "multi",
            RegValue::MultiSz(vec!["a".into(), "".into(), "b c".into()]),
        ),
        (
            "HKLM\\Software\\T",
            "multi-empty",
            RegValue::MultiSz(vec![]),
        ),
        (
            "HKLM\\Software\\T",
            "binary",
            RegValue::Binary((0..=255).collect()),
        ),
        (
            "HKLM\\Software\\T",
            "binary-empty",
            RegValue::Binary(vec![]),
        ),
        (
            "HKLM\\Software\\T",
            "",
            RegValue::Sz("the default value".into()),
        ),
    ]);
    let text = yaml::dump(&r);
    let dir = temp_dir("round-trip");
    let path = write(&dir, "dump.yaml", &text);
    assert_eq!(load_registry_file(&path).unwrap(), r, "{text}");
}

#[test]
fn the_same_hive_from_yaml_and_from_reg() {
    let dir = temp_dir("yaml-and-reg");
    let y = write(
        &dir,
        "h.yaml",
        r#"
HKCU:
  Software\Vendor:
    "": { type: REG_SZ, data: default }
    D: 16
    Q: { type: REG_QWORD, data: 0x0102030405060708 }
    E: { type: REG_EXPAND_SZ, data: "%TEMP%" }
    M: { type: REG_MULTI_SZ, data: [x, y] }
    B: { type: REG_BINARY, data: "de ad be ef" }
"#,
    );
    let reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\Vendor]\r\n@=\"default\"\r\n\
               \"D\"=dword:00000010\r\n\"Q\"=hex(b):08,07,06,05,04,03,02,01\r\n\
               \"E\"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,00,00\r\n\
               \"M\"=hex(7):78,00,00,00,79,00,00,00,00,00\r\n\"B\"=hex:de,ad,\\\r\n  be,ef\r\n\r\n";
    let r = write(&dir, "h.reg", utf16le_bom(reg));
    assert_eq!(
        load_registry_file(&y).unwrap(),
        load_registry_file(&r).unwrap()
    );
    let utf8 = write(&dir, "utf8.reg", reg);
    assert_eq!(
        load_registry_file(&utf8).unwrap(),
        load_registry_file(&y).unwrap()
    );
}

#[test]
fn case_rules_and_hive_aliases() {
    let a = yaml::parse_hive(
        "a.yaml",
        "hkcu:\n  SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown:\n    fastshutdownbehavior: 2\n",
    )
    .unwrap();
    let b = yaml::parse_hive(
        "b.yaml",
        "HKEY_CURRENT_USER:\n  Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown:\n    FastShutdownBehavior: 2\n",
    )
    .unwrap();
    // Same lookups, but each keeps its written case.
    for r in [&a, &b] {
        assert_eq!(
            r.get_value(POLICY_16, VALUE).unwrap(),
            Some(&RegValue::Dword(2))
        );
        assert_eq!(
            mockmapi::policy::resolve_fast_shutdown(r, "16.0").behavior,
            2
        );
    }
    assert!(
        yaml::dump(&a).contains("SOFTWARE\\Policies"),
        "{}",
        yaml::dump(&a)
    );
    assert!(yaml::dump(&a).contains("fastshutdownbehavior: 2"));
    assert!(yaml::dump(&b).contains("FastShutdownBehavior: 2"));
    let lm = yaml::parse_hive("c.yaml", "HKLM:\n  Software\\X:\n    v: 1\n").unwrap();
    assert_eq!(
        lm.get_value("HKEY_LOCAL_MACHINE\\software\\x", "V")
            .unwrap(),
        Some(&RegValue::Dword(1))
    );
    assert_eq!(lm.get_value("HKCU\\Software\\X", "v").unwrap(), None);
}

#[test]
fn shipped_configuration_and_examples() {
    let config = load_config_file(&root().join("config/mockmapi.yaml")).unwrap();
    assert_eq!(config.office_version.as_deref(), Some("16.0"));
    let registry = config
        .registry
        .expect("the default has a registry: section");
    assert_eq!(
        registry.keys().count(),
        2,
        "both Shutdown keys, without values"
    );
    let d = mockmapi::policy::resolve_fast_shutdown(&registry, "16.0");
    assert_eq!((d.behavior, d.source), (0, PolicySource::Default));

    let opt_in =
        load_registry_file(&root().join("config/examples/fast-shutdown-opt-in.reg")).unwrap();
    assert_eq!(
        mockmapi::policy::resolve_fast_shutdown(&opt_in, "16.0").behavior,
        1
    );
    let bytes = std::fs::read(root().join("config/examples/fast-shutdown-opt-in.reg")).unwrap();
    assert!(
        bytes.starts_with(&[0xFF, 0xFE]),
        "UTF-16LE with BOM, as regedit writes it"
    );
    let disabled =
        load_registry_file(&root().join("config/examples/fast-shutdown-disabled.yaml")).unwrap();
    assert_eq!(
        mockmapi::policy::resolve_fast_shutdown(&disabled, "16.0").behavior,
        2
    );

    let snippet = load_registry_file(
        &root().join("c-tests/fixtures/microsoft-fast-shutdown-user-options.reg"),
    )
    .unwrap();
    assert_eq!(
        snippet.get_value(POLICY_14, VALUE).unwrap(),
        Some(&RegValue::Dword(1))
    );
    let d = mockmapi::policy::resolve_fast_shutdown(&snippet, "16.0");
    assert_eq!(d.behavior, 0);
    assert!(
        d.diagnostics[0].contains("found under 14.0, emulating 16.0")
            || d.diagnostics[0].contains("found under 14.0")
    );
    assert_eq!(
        mockmapi::policy::resolve_fast_shutdown(&snippet, "14.0").behavior,
        1
    );
}

// ---- bad input -------------------------------------------------------------------------------------------

/// A bad file: name, content, the expected (line, column) if the test pins it, text the message contains.
type BadFile = (&'static str, Vec<u8>, Option<(usize, usize)>, &'static str);

fn bad_files() -> Vec<BadFile> {
    let k = "HKCU:\n  Software\\X:\n";
    let reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\X]\r\n";
    let b = |s: String| s.into_bytes();
    vec![
        (
            "tabs.yaml",
            b("HKCU:\n\tSoftware\\X:\n    v: 1\n".into()),
            Some((2, 1)),
            "YAML forbids tabs for indentation",
        ),
        (
            "indent.yaml",
            b(format!("{k}    v: 1\n   w: 2\n")),
            Some((4, 4)),
            "check the indentation",
        ),
        (
            "quote.yaml",
            b(format!("{k}    v: {{type: REG_SZ, data: \"open}}\n")),
            Some((3, 29)),
            "never closed",
        ),
        (
            "string-dword.yaml",
            b(format!("{k}    v: \"1\"\n")),
            Some((3, 8)),
            "remove the quotes",
        ),
        (
            "bool.yaml",
            b(format!("{k}    v: true\n")),
            Some((3, 8)),
            "a boolean",
        ),
        (
            "list.yaml",
            b(format!("{k}    v: [1, 2]\n")),
            Some((3, 8)),
            "a list",
        ),
        (
            "sz-number.yaml",
            b(format!("{k}    v: {{type: REG_SZ, data: 12}}\n")),
            Some((3, 29)),
            "put it in quotes",
        ),
        (
            "negative.yaml",
            b(format!("{k}    v: -1\n")),
            Some((3, 8)),
            "from 0 to 4294967295",
        ),
        (
            "too-large.yaml",
            b(format!("{k}    v: 4294967296\n")),
            Some((3, 8)),
            "from 0 to 4294967295",
        ),
        (
            "long-key-name.yaml",
            b(format!(
                "HKCU:\n  Software\\{}:\n    v: 1\n",
                "k".repeat(256)
            )),
            Some((2, 3)),
            "at most 255 per key name",
        ),
        (
            "long-value-name.yaml",
            // A YAML implicit key is at most 1024 characters: a long name is an explicit key (`? name`).
            b(format!("{k}    ? {}\n    : 1\n", "n".repeat(16_384))),
            Some((3, 5)),
            "at most 16383",
        ),
        (
            "deep.yaml",
            b(format!(
                "HKCU:\n  ? {}\n  :\n    v: 1\n",
                vec!["d"; 513].join("\\")
            )),
            Some((2, 5)),
            "512 keys deep",
        ),
        (
            "long-key-name.reg",
            b(format!(
                "{reg}\"v\"=dword:1\r\n[HKEY_CURRENT_USER\\{}]\r\n",
                "k".repeat(256)
            )),
            Some((5, 2)),
            "at most 255 per key name",
        ),
        (
            "long-value-name.reg",
            b(format!("{reg}\"{}\"=dword:1\r\n", "n".repeat(16_384))),
            Some((4, 1)),
            "at most 16383",
        ),
        (
            "long-string.yaml",
            // 524,288 characters: 1 MiB + 2 bytes in UTF-16 with the NUL, over MOCKMAPI_MAX_REGISTRY_VALUE_BYTES.
            b(format!(
                "{k}    v: {{type: REG_SZ, data: {}}}\n",
                "s".repeat(1 << 19)
            )),
            Some((3, 8)),
            "at most 1048576",
        ),
        (
            "long-binary.yaml",
            b(format!(
                "{k}    w: 1\n    v:\n      type: REG_BINARY\n      data: {}\n",
                "ab".repeat((1 << 20) + 1)
            )),
            Some((5, 7)),
            "holds 1048577 bytes of REG_BINARY data",
        ),
        (
            "long-multi-string.yaml",
            b(format!(
                "{k}    v: {{type: REG_MULTI_SZ, data: [{0}, {0}]}}\n",
                "m".repeat(1 << 18)
            )),
            Some((3, 8)),
            "at most 1048576",
        ),
        (
            "long-string.reg",
            b(format!("{reg}\"v\"=\"{}\"\r\n", "s".repeat(1 << 19))),
            Some((4, 5)),
            "at most 1048576",
        ),
        (
            "long-binary.reg",
            b(format!(
                "{reg}\"w\"=dword:1\r\n\"v\"=hex:{}00\r\n",
                "00,".repeat(1 << 20)
            )),
            Some((5, 5)),
            "holds 1048577 bytes of REG_BINARY data",
        ),
        (
            "delete-root.reg",
            b(format!("{reg}[-HKEY_CURRENT_USER]\r\n")),
            Some((4, 3)),
            "hive root",
        ),
        (
            "qword-negative.yaml",
            b(format!("{k}    v: {{type: REG_QWORD, data: -5}}\n")),
            Some((3, 32)),
            "0 to 18446744073709551615",
        ),
        (
            "duplicate-value.yaml",
            b(format!("{k}    Value: 1\n    value: 2\n")),
            Some((4, 5)),
            "here and at line 3 column 5",
        ),
        (
            "duplicate-key.yaml",
            b("HKCU:\n  Software\\A: {}\n  software\\a: {}\n".into()),
            Some((3, 3)),
            "here and at line 2 column 3",
        ),
        (
            "duplicate-hive.yaml",
            b("HKCU: {}\nHKEY_CURRENT_USER: {}\n".into()),
            Some((2, 1)),
            "same hive",
        ),
        (
            "unknown-hive.yaml",
            b("HKEY_USERS:\n  X: {}\n".into()),
            Some((1, 1)),
            "use HKEY_CURRENT_USER (or HKCU) or HKEY_LOCAL_MACHINE (or HKLM)",
        ),
        (
            "unknown-type.yaml",
            b(format!("{k}    v: {{type: REG_STRING, data: x}}\n")),
            Some((3, 15)),
            "use one of REG_DWORD, REG_QWORD, REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_BINARY",
        ),
        ("empty.yaml", Vec::new(), Some((1, 1)), "the file is empty"),
        (
            "comments.yaml",
            b("# nothing here\n\n".into()),
            Some((1, 1)),
            "the file is empty",
        ),
        (
            "latin1.yaml",
            b"HKCU:\n  Software\\Caf\xe9: {}\n".to_vec(),
            Some((2, 15)),
            "not valid UTF-8",
        ),
        (
            "deep.yaml",
            b(format!("{}{}", "[".repeat(50_000), "]".repeat(50_000))),
            Some((1, 129)),
            "nested more than 128 levels",
        ),
        (
            "deep-block.yaml",
            b((0..400)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect()),
            None,
            "nested more than 128 levels",
        ),
        (
            "bad-header.reg",
            b("Windows Registry Editor Version 6.00\r\n".into()),
            Some((1, 1)),
            "must be 'Windows Registry Editor Version 5.00' or 'REGEDIT4'",
        ),
        (
            "no-header.reg",
            b("[HKEY_CURRENT_USER\\X]\r\n\"v\"=dword:1\r\n".into()),
            Some((1, 1)),
            "bad header",
        ),
        (
            "odd-hex.reg",
            utf16le_bom(&format!("{reg}\"v\"=hex:01,2,03\r\n")),
            Some((4, 12)),
            "odd number of hex digits",
        ),
        (
            "unterminated.reg",
            utf16le_bom(&format!("{reg}\"v\"=\"no end\r\n")),
            Some((4, 5)),
            "never closed",
        ),
        (
            "dword-range.reg",
            b(format!("{reg}\"v\"=dword:100000000\r\n")),
            Some((4, 11)),
            "1 to 8 hex digits",
        ),
        (
            "utf16-no-bom.reg",
            reg.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Some((1, 1)),
            "UTF-16 without a byte-order mark",
        ),
    ]
}

#[test]
fn every_bad_file_gets_a_precise_error_and_the_hive_stays() {
    let dir = temp_dir("bad-files");
    let rt = Runtime::new(Config::default());
    rt.registry_set(POLICY_16, VALUE, RegValue::Dword(1));
    let before = rt.registry_dump();
    for (name, bytes, at, needle) in bad_files() {
        let path = write(&dir, name, &bytes);
        let e = load_registry_file(&path).expect_err(name);
        let shown = e.to_string();
        assert!(shown.contains(needle), "{name}: {shown}");
        assert!(
            shown.starts_with(&path.display().to_string()),
            "{name}: {shown}"
        );
        if let Some((line, column)) = at {
            assert_eq!((e.line, e.column), (line, column), "{name}: {shown}");
            assert!(
                shown.contains(&format!("{name}:{line}:{column}: ")),
                "{shown}"
            );
        }
        assert_eq!(e.kind, LoadErrorKind::Invalid, "{name}");
        let violations = rt.violation_count();
        assert_eq!(rt.registry_load_file(&path), E_INVALIDARG, "{name}");
        assert_eq!(
            rt.registry_dump(),
            before,
            "{name}: the previous hive is untouched"
        );
        assert_eq!(rt.violation_count(), violations + 1, "{name}");
        assert_eq!(rt.registry_last_error().as_deref(), Some(shown.as_str()));
        assert_eq!(rt.policy_decision().behavior, 1);
    }
}

#[test]
fn missing_files_directories_and_huge_files() {
    let dir = temp_dir("whole-file");
    let rt = Runtime::new(Config::default());
    rt.registry_set(POLICY_16, VALUE, RegValue::Dword(2));
    let before = rt.registry_dump();

    let missing = dir.join("missing.yaml");
    let e = load_registry_file(&missing).unwrap_err();
    assert_eq!(e.kind, LoadErrorKind::NotFound);
    assert!(e.to_string().contains("missing.yaml: no such file"), "{e}");
    assert_eq!(rt.registry_load_file(&missing), MAPI_E_NOT_FOUND);

    let e = load_registry_file(&dir).unwrap_err();
    assert!(e.to_string().contains("is a directory"), "{e}");
    assert_eq!(rt.registry_load_file(&dir), E_INVALIDARG);

    // 20 MB of otherwise valid YAML, made here and removed again.
    let big = dir.join("big.yaml");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        f.write_all(b"HKCU:\n  Software\\Big:\n").unwrap();
        let line = format!("    # {}\n", "x".repeat(93));
        for _ in 0..(20 * 1000 * 1000 / line.len()) {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    assert!(std::fs::metadata(&big).unwrap().len() >= 19_900_000);
    let e = load_registry_file(&big).unwrap_err();
    assert!(e.to_string().contains("larger than 16 MiB"), "{e}");
    assert_eq!(rt.registry_load_file(&big), E_INVALIDARG);
    std::fs::remove_file(&big).unwrap();

    assert_eq!(rt.registry_dump(), before);
    assert_eq!(rt.violation_count(), 3);
}

// ---- the runtime: precedence, versions, discovery --------------------------------------------------------

#[test]
fn policy_wins_over_preference_and_office_version_switches() {
    let dir = temp_dir("precedence");
    let path = write(
        &dir,
        "h.yaml",
        format!(
            "HKCU:\n  {}:\n    {VALUE}: 2\n  {}:\n    {VALUE}: 1\n  {}:\n    {VALUE}: 1\n",
            &POLICY_16[5..],
            &PREFERENCE_16[5..],
            &POLICY_14[5..]
        ),
    );
    let rt = Runtime::new(Config::default());
    assert_eq!(rt.registry_load_file(&path), S_OK);
    let d = rt.policy_decision();
    assert_eq!((d.behavior, d.source), (2, PolicySource::Policy));
    assert!(d.summary().contains(POLICY_16), "{}", d.summary());
    rt.registry_delete_value(POLICY_16, VALUE);
    let d = rt.policy_decision();
    assert_eq!((d.behavior, d.source), (1, PolicySource::Preference));
    assert_eq!(rt.set_office_version("14.0"), S_OK);
    let d = rt.policy_decision();
    assert_eq!((d.behavior, d.source), (1, PolicySource::Policy));
    assert!(d.summary().contains(POLICY_14), "{}", d.summary());
    assert_eq!(rt.set_office_version("fourteen"), E_INVALIDARG);
    assert_eq!(rt.set_office_version("14"), E_INVALIDARG);
    rt.reset();
    assert_eq!(
        rt.office_version(),
        "16.0",
        "reset returns to the configured version"
    );
}

fn inputs(cwd: &Path, config: Option<&str>, registry: Option<&Path>) -> DiscoveryInputs {
    DiscoveryInputs {
        config_env: config.map(OsString::from),
        registry_env: registry.map(|p| p.as_os_str().to_owned()),
        cwd: Some(cwd.to_path_buf()),
    }
}

#[test]
fn a_configuration_that_fails_to_load_never_falls_back_to_the_real_registry() {
    let dir = temp_dir("failed-config-is-emulated");
    write(&dir, "broken.yaml", "office_version: 16.0\nbogus: 1\n");
    let d = discover(&inputs(&dir, Some("broken.yaml"), None));
    assert_eq!(d.errors.len(), 1);
    assert!(
        d.emulated,
        "a failed configuration selects the (empty) emulated hive, never the machine's registry"
    );
    let d = discover(&inputs(&dir, None, None));
    assert!(
        d.errors.is_empty() && !d.emulated,
        "no configuration at all: the native registry on Windows"
    );
}

#[test]
fn discovery_order_and_overrides() {
    let dir = temp_dir("discovery");
    // Nothing: built-in defaults.
    let d = discover(&inputs(&dir, None, None));
    assert_eq!((d.office_version.as_str(), d.emulated), ("16.0", false));
    assert!(d.registry.is_empty() && d.errors.is_empty() && d.config_path.is_none());

    // mockmapi.yaml in the working directory.
    write(
        &dir,
        "mockmapi.yaml",
        format!(
            "office_version: \"15.0\"\nregistry:\n  HKCU:\n    {}:\n      {VALUE}: 2\n",
            &POLICY_16[5..]
        ),
    );
    let d = discover(&inputs(&dir, None, None));
    assert_eq!((d.office_version.as_str(), d.emulated), ("15.0", true));
    assert_eq!(d.config_path, Some(dir.join("mockmapi.yaml")));

    // MOCKMAPI_CONFIG wins over the working directory (relative to it).
    write(&dir, "other.yaml", "office_version: 14.0\n");
    let d = discover(&inputs(&dir, Some("other.yaml"), None));
    assert_eq!((d.office_version.as_str(), d.emulated), ("14.0", false));
    assert!(d.registry.is_empty());
    // Set but empty counts as unset.
    let d = discover(&inputs(&dir, Some(""), None));
    assert_eq!(d.office_version, "15.0");

    // MOCKMAPI_REGISTRY replaces the registry: section; the office version stays.
    let reg = root().join("config/examples/fast-shutdown-opt-in.reg");
    let d = discover(&inputs(&dir, None, Some(&reg)));
    assert_eq!(d.office_version, "15.0");
    assert_eq!(
        mockmapi::policy::resolve_fast_shutdown(&d.registry, "16.0").behavior,
        1
    );
    assert_eq!(d.registry_path.as_deref(), Some(reg.as_path()));

    // Failures: reported, and the built-in defaults stand in.
    write(&dir, "broken.yaml", "office_version: 16.0\nbogus: 1\n");
    let d = discover(&inputs(
        &dir,
        Some("broken.yaml"),
        Some(&dir.join("nope.reg")),
    ));
    assert_eq!(d.errors.len(), 2);
    assert!(
        d.errors[0]
            .to_string()
            .contains("broken.yaml:2:1: unknown setting 'bogus'"),
        "{}",
        d.errors[0]
    );
    assert_eq!(d.errors[1].kind, LoadErrorKind::NotFound);
    assert_eq!(d.office_version, "16.0");
    assert!(d.registry.is_empty());
    assert!(
        d.emulated,
        "MOCKMAPI_REGISTRY set selects the emulated hive even when its file fails"
    );
    let rt = Runtime::discovering(
        Discovery::Given(inputs(
            &dir,
            Some("broken.yaml"),
            Some(&dir.join("nope.reg")),
        )),
        EntryPoints::PLAIN,
    );
    let text = rt.registry_last_error().expect("read at first use");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert_eq!(rt.journal().len(), 2, "one diagnostic per file");
}

#[test]
fn configuration_is_read_at_the_first_initialize_and_again_at_reset() {
    let dir = temp_dir("runtime-config");
    let config = write(
        &dir,
        "mockmapi.yaml",
        format!(
            "registry:\n  HKCU:\n    {}:\n      {VALUE}: 2\n",
            &POLICY_16[5..]
        ),
    );
    let rt = Runtime::discovering(
        Discovery::Given(inputs(&dir, None, None)),
        EntryPoints::PLAIN,
    );
    assert_eq!(rt.initialize(std::ptr::null_mut()), S_OK);
    assert_eq!(rt.policy_decision().behavior, 2);

    // A change to the file is seen after reset, not before.
    std::fs::write(
        &config,
        format!(
            "registry:\n  HKCU:\n    {}:\n      {VALUE}: 1\n",
            &POLICY_16[5..]
        ),
    )
    .unwrap();
    assert_eq!(rt.policy_decision().behavior, 2);
    rt.reset();
    assert_eq!(rt.policy_decision().behavior, 1);

    // A control-call change lasts until reset, which returns to the file's contents.
    rt.registry_set(POLICY_16, VALUE, RegValue::Dword(0));
    assert_eq!(rt.policy_decision().behavior, 0);
    rt.reset();
    assert_eq!(rt.policy_decision().behavior, 1);

    // A broken file: a journal diagnostic with the full error, and the built-in defaults.
    std::fs::write(&config, "registry:\n  HKCU:\n    A:\n      v: -1\n").unwrap();
    rt.reset();
    assert_eq!(rt.policy_decision().behavior, 0);
    let diags: Vec<String> = rt
        .journal()
        .snapshot()
        .iter()
        .filter(|e| e.event_type == EventType::Diagnostic)
        .map(|e| e.message_str().to_owned())
        .collect();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].contains("mockmapi.yaml:4:10: value 'v' = -1 is negative"),
        "{diags:?}"
    );
    assert_eq!(rt.violation_count(), 0);
    assert!(rt
        .registry_last_error()
        .unwrap()
        .contains("mockmapi.yaml:4:10"));
}

#[test]
fn a_registry_call_before_initialize_reads_the_configuration_first_and_is_kept() {
    let dir = temp_dir("call-before-init");
    write(&dir, "mockmapi.yaml", "office_version: \"14.0\"\n");
    let rt = Runtime::discovering(
        Discovery::Given(inputs(&dir, None, None)),
        EntryPoints::PLAIN,
    );
    assert_eq!(rt.registry_set(POLICY_14, VALUE, RegValue::Dword(2)), S_OK);
    assert_eq!(rt.initialize(std::ptr::null_mut()), S_OK);
    assert_eq!(rt.office_version(), "14.0");
    assert_eq!(
        rt.policy_decision().behavior,
        2,
        "MAPIInitialize did not re-read over the change"
    );
    assert!(!rt.uses_native_registry());
}

#[test]
fn set_config_stops_file_discovery() {
    let dir = temp_dir("set-config");
    write(&dir, "mockmapi.yaml", "office_version: \"14.0\"\n");
    let rt = Runtime::discovering(
        Discovery::Given(inputs(&dir, None, None)),
        EntryPoints::PLAIN,
    );
    rt.set_config(Config::default());
    rt.reset();
    assert_eq!(rt.office_version(), "16.0");
}

#[test]
fn configuration_errors_are_precise() {
    let cases: &[(&str, (usize, usize), &str)] = &[
        (
            "office_version: \"16.0\"\nregistry: {}\nprofile: []\n",
            (3, 1),
            "unknown setting 'profile'",
        ),
        (
            "office_version: [16]\n",
            (1, 17),
            "office_version is a list",
        ),
        ("office_version: \"16\"\n", (1, 17), "digits, a dot, digits"),
        ("registry: 5\n", (1, 11), "expected the hives"),
        (
            "registry:\n  HKCU:\n    A:\n      v: {type: REG_DWORD, data: x}\n",
            (4, 34),
            "an integer from 0 to 4294967295",
        ),
    ];
    for (text, (line, column), needle) in cases {
        let e = parse_config("mockmapi.yaml", text).unwrap_err();
        assert!(e.message.contains(needle), "{text:?}: {e}");
        assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
    }
    // A profile is a list of providers (a mapping is a mistake the error explains).
    let e = parse_config("m.yaml", "profiles:\n  default:\n    providers: [a, b]\n").unwrap_err();
    assert!(e.message.contains("write a list of providers"), "{e}");
    assert_eq!((e.line, e.column), (3, 5), "{e}");
    assert!(parse_config("m.yaml", "profiles:\n  default: []\n").is_ok());
}

// ---- bounded randomized test -----------------------------------------------------------------------------

/// xorshift64*: a small deterministic generator, so that a failure reproduces from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text pieces chosen to stress YAML quoting: indicators, look-alike scalars, escapes, Unicode.
const PIECES: &[&str] = &[
    "a", "Software", "x y", " lead", "trail ", "1", "0x10", "1.5", "-", "~", "null", "true", "yes",
    "No", "@", ":", ": ", "#", " #", "\"", "'", "\\", "[", "]", "{", "}", ",", "&a", "*a", "!t",
    "%", "|", ">", "?", "\t", "\n", "\r\n", "é", "日本", "🙂", "\u{FEFF}", "\u{7f}", "\u{1}",
    "---", "...", "REG_SZ", "=", "\0",
];

fn text(rng: &mut Rng, max_pieces: usize) -> String {
    (0..rng.below(max_pieces + 1))
        .map(|_| *rng.pick(PIECES))
        .collect()
}

fn key_segment(rng: &mut Rng) -> String {
    // A segment has no backslash and is never empty; the first may not be named like a hive.
    let s: String = text(rng, 3).replace('\\', "/");
    if s.trim().is_empty() {
        "k".to_owned()
    } else {
        format!("k{s}")
    }
}

fn random_value(rng: &mut Rng) -> RegValue {
    match rng.below(6) {
        0 => RegValue::Dword(rng.next() as u32),
        1 => RegValue::Qword(rng.next()),
        2 => RegValue::Sz(text(rng, 6)),
        3 => RegValue::ExpandSz(text(rng, 6)),
        4 => RegValue::MultiSz((0..rng.below(4)).map(|_| text(rng, 3)).collect()),
        _ => RegValue::Binary((0..rng.below(20)).map(|_| rng.next() as u8).collect()),
    }
}

fn random_hive(rng: &mut Rng) -> Registry {
    let mut r = Registry::new();
    for _ in 0..rng.below(6) {
        let root = *rng.pick(&["HKCU", "HKLM", "HKEY_CURRENT_USER"]);
        let segments: Vec<String> = (0..1 + rng.below(4)).map(|_| key_segment(rng)).collect();
        let key = format!("{root}\\{}", segments.join("\\"));
        r.create_key(&key).unwrap();
        for _ in 0..rng.below(5) {
            let name = text(rng, 3);
            r.set_value(&key, &name, random_value(rng)).unwrap();
        }
    }
    r
}

#[test]
fn randomized_hives_round_trip_through_dump_and_load() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..cases() / 4 {
        let r = random_hive(&mut rng);
        let text = yaml::dump(&r);
        match parse_registry_bytes("random.yaml", text.as_bytes()) {
            Ok(back) => assert_eq!(back, r, "case {case}: dump does not load back:\n{text}"),
            Err(e) => panic!("case {case}: {e}\n{text}"),
        }
    }
}

/// Seeds for mutation: valid YAML and .reg files.
fn seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = vec![
        std::fs::read(root().join("config/mockmapi.yaml")).unwrap(),
        std::fs::read(root().join("config/examples/fast-shutdown-opt-in.reg")).unwrap(),
        std::fs::read(root().join("config/examples/fast-shutdown-disabled.yaml")).unwrap(),
        std::fs::read(root().join("c-tests/fixtures/microsoft-fast-shutdown-user-options.reg")).unwrap(),
        b"REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\Software\\A]\n@=\"x\\\\y\"\n\"b\"=hex:01,02,\\\n  03\n\"m\"=hex(7):61,00,62,00,00\n\"q\"=hex(b):01,00,00,00,00,00,00,00\n[-HKEY_LOCAL_MACHINE\\Software\\A]\n".to_vec(),
    ];
    let mut rng = Rng(7);
    for _ in 0..5 {
        v.push(yaml::dump(&random_hive(&mut rng)).into_bytes());
    }
    v
}

const SPLICES: &[&[u8]] = &[
    b"\t",
    b"[",
    b"{",
    b"]",
    b"}",
    b"\"",
    b"'",
    b"\\",
    b":",
    b": ",
    b"- ",
    b"#",
    b"\n",
    b"\r\n",
    b"\xff",
    b"\0",
    b"\xc3",
    b"hex(7):",
    b"hex(b):00",
    b"dword:",
    b"=-",
    b"[-HKCU\\A]",
    b"@=",
    b",",
    b"&x ",
    b"*x",
    b"!!str ",
    b"{type: REG_BINARY, data: 1}",
    b"99999999999999999999999",
    b"\xfe\xff",
    b"\xff\xfe",
    b"---\n",
    b"<<: *x\n",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = if b.is_empty() {
            0
        } else {
            rng.below(b.len() + 1)
        };
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] = rng.next() as u8;
            }
            1 => {
                let piece = rng.pick(SPLICES);
                b.splice(at..at, piece.iter().copied());
            }
            2 if !b.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(b.len());
                b.drain(at.min(end)..end);
            }
            3 => {
                // Duplicate a line.
                let lines: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
                let line = rng.pick(&lines).to_vec();
                let mut with_nl = line;
                with_nl.push(b'\n');
                b.splice(at..at, with_nl);
            }
            4 => b.truncate(at),
            _ => {
                let piece = rng.pick(SPLICES);
                b.splice(at..at, piece.iter().copied());
            }
        }
    }
    b
}

/// How many cases the randomized tests run: 2,000 by default (well under a second), more with
/// `MOCKMAPI_RANDOM_CASES=<n>` for a longer local run.
fn cases() -> usize {
    std::env::var("MOCKMAPI_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

#[test]
fn randomized_mutations_never_panic_either_loader() {
    let seeds = seeds();
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let (mut ok, mut err) = (0, 0);
    let started = std::time::Instant::now();
    let n = cases();
    for case in 0..n {
        let seed = rng.pick(&seeds).clone();
        let bytes = mutate(&mut rng, &seed);
        let result = std::panic::catch_unwind(|| {
            let registry = parse_registry_bytes("mutated", &bytes);
            let config = mockmapi::policy::load::decode("mutated.yaml", &bytes)
                .and_then(|t| parse_config("mutated.yaml", &t));
            (registry, config)
        });
        match result {
            Ok((r, _)) => {
                if let Err(e) = &r {
                    assert!(
                        !e.message.is_empty(),
                        "case {case}: an error without a message"
                    );
                    assert!(e.line == 0 || e.column >= 1, "case {case}: {e}");
                    err += 1;
                } else {
                    ok += 1;
                }
            }
            Err(_) => panic!(
                "case {case}: a loader panicked on {:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(2000)])
            ),
        }
    }
    assert!(
        ok > 50 && err > 50,
        "mutations should give both outcomes: {ok} ok, {err} errors"
    );
    eprintln!(
        "{n} mutated files: {ok} loaded, {err} refused, in {:?}",
        started.elapsed()
    );
}

/// A FIFO, a device or a socket given as a registry or configuration file is refused before it is opened (opening
/// a FIFO would wait for a writer forever), and the previous hive stays.
#[cfg(unix)]
#[test]
fn files_that_are_not_regular_files_are_refused_without_blocking() {
    let dir = temp_dir("not-regular");
    let fifo = dir.join("hive.yaml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let sock_path = dir.join("hive.sock");
    let _sock = std::os::unix::net::UnixListener::bind(&sock_path).unwrap();
    let rt = Runtime::new(Config::default());
    rt.registry_set(POLICY_16, VALUE, RegValue::Dword(2));
    let before = rt.registry_dump();
    for (path, what) in [
        (fifo.as_path(), "is a named pipe (FIFO), not a regular file"),
        (Path::new("/dev/null"), "is a device, not a regular file"),
        (sock_path.as_path(), "is a socket, not a regular file"),
    ] {
        let e = load_registry_file(path).unwrap_err();
        assert!(e.to_string().contains(what), "{e}");
        assert_eq!(e.kind, LoadErrorKind::Unreadable);
        assert_eq!(rt.registry_load_file(path), E_INVALIDARG);
        assert_eq!(rt.registry_dump(), before);
        let e = load_config_file(path).unwrap_err();
        assert!(e.to_string().contains(what), "{e}");
    }
    // Through discovery, as MOCKMAPI_CONFIG and MOCKMAPI_REGISTRY name them.
    let found = discover(&DiscoveryInputs {
        config_env: Some(fifo.clone().into_os_string()),
        registry_env: Some(fifo.clone().into_os_string()),
        cwd: None,
    });
    assert_eq!(found.errors.len(), 2, "{:?}", found.errors);
}
