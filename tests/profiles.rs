//! Profiles: `MAPILogonEx` loads each provider library of the profile as Outlook does.

mod common;

use std::path::PathBuf;

use common::*;
use mockmapi::com::*;
use mockmapi::runtime::fake::FakeSpec;
use mockmapi::runtime::loader::ProviderSource;
use mockmapi::runtime::{
    Config, EventType, Method, Profile, ProfileProvider, ProviderKind, Runtime,
};

fn provider_library() -> PathBuf {
    common::provider_lib::test_provider(None)
}

fn transport(library: PathBuf, entry: Option<&str>) -> ProfileProvider {
    ProfileProvider::Library(ProviderSource {
        kind: ProviderKind::Transport,
        name: "lib transport".into(),
        library,
        entry: entry.map(str::to_owned),
    })
}

fn runtime_with(providers: Vec<ProfileProvider>) -> Runtime {
    let config = Config {
        profiles: vec![Profile {
            name: "Outlook".into(),
            providers,
            sections: Vec::new(),
        }],
        default_profile: Some("Outlook".into()),
        ..Config::default()
    };
    let rt = Runtime::new(config);
    assert_eq!(rt.initialize(std::ptr::null_mut()), S_OK);
    rt
}

fn diagnostics(rt: &Runtime) -> String {
    rt.journal()
        .snapshot()
        .iter()
        .filter(|e| e.event_type == EventType::Diagnostic)
        .map(|e| e.message_str().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn logon_loads_the_library_and_the_provider_takes_part_in_fast_shutdown() {
    let rt = runtime_with(vec![transport(provider_library(), None)]);
    let s = rt.logon(None, 0).expect("the default profile logs on");
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(query(cs), S_OK);
        assert_eq!(do_fast(cs), S_OK);
        release_cs(cs);
        release_session(s);
    }
    let calls: Vec<_> = rt
        .journal()
        .snapshot()
        .into_iter()
        .filter(|e| e.event_type == EventType::ProviderCall)
        .map(|e| (e.provider_str().to_owned(), e.method, e.hresult))
        .collect();
    assert_eq!(
        calls,
        vec![
            ("lib transport".to_owned(), Method::QueryFastShutdown, S_OK),
            ("lib transport".to_owned(), Method::DoFastShutdown, S_OK),
        ]
    );
    rt.reset();
}

#[test]
fn a_profile_name_is_matched_case_insensitively_and_logoff_runs_the_normal_shutdown() {
    let rt = runtime_with(vec![transport(provider_library(), None)]);
    let s = rt.logon(Some("OUTLOOK"), 0).unwrap();
    unsafe {
        assert_eq!(logoff(s), S_OK);
        release_session(s);
    }
    let text = rt.journal().render();
    assert!(
        text.contains("transport \"lib transport\" Shutdown -> S_OK"),
        "{text}"
    );
    assert!(
        text.contains("transport \"lib transport\" Release"),
        "{text}"
    );
    rt.uninitialize();
}

#[test]
fn each_load_failure_is_logon_failed_with_a_diagnostic_naming_the_library() {
    let lib = provider_library();
    let cases: Vec<(ProfileProvider, &str)> = vec![
        (
            transport(PathBuf::from("/nonexistent/libnope.so"), None),
            "does not exist",
        ),
        (
            transport(lib.clone(), Some("NoSuchInit")),
            "does not export NoSuchInit",
        ),
        (
            transport(lib.clone(), Some("FailingInit")),
            "FailingInit in",
        ),
        (
            transport(lib.clone(), Some("OldVersionInit")),
            "MAPI_E_VERSION",
        ),
        (
            transport(lib.clone(), Some("NoObjectInit")),
            "no provider object",
        ),
    ];
    for (provider, expected) in cases {
        let name = match &provider {
            ProfileProvider::Library(s) => s.library.display().to_string(),
            ProfileProvider::Fake(_) => unreachable!(),
        };
        let rt = runtime_with(vec![provider]);
        assert_eq!(
            rt.logon(Some("Outlook"), 0).unwrap_err(),
            MAPI_E_LOGON_FAILED,
            "{expected}"
        );
        let d = diagnostics(&rt);
        assert!(d.contains(expected), "expected '{expected}' in: {d}");
        assert!(d.contains(&name), "the diagnostic names the library: {d}");
        assert_eq!(rt.session_count(), 0, "no half-made session");
    }
}

#[test]
fn providers_loaded_before_a_failure_are_released() {
    let fake = FakeSpec::new(ProviderKind::Store, "fake store");
    let rt = runtime_with(vec![
        ProfileProvider::Fake(fake),
        transport(PathBuf::from("/nonexistent/libnope.so"), None),
    ]);
    assert_eq!(rt.logon(None, 0).unwrap_err(), MAPI_E_LOGON_FAILED);
    assert!(
        rt.leaks().is_empty(),
        "the fake built for the failed logon was released: {:?}",
        rt.leaks()
    );
}

#[test]
fn fake_providers_in_a_profile_and_unknown_profiles() {
    let mut opt_out = FakeSpec::new(ProviderKind::AddressBook, "opting out");
    opt_out.results[0] = MAPI_E_NO_SUPPORT;
    let rt = runtime_with(vec![ProfileProvider::Fake(opt_out)]);
    let s = rt.logon(Some("Outlook"), 0).unwrap();
    let other = rt.logon(Some("Elsewhere"), 0).unwrap();
    assert!(diagnostics(&rt).contains("profile 'Elsewhere' is not in the configuration"));
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(query(cs), MAPI_E_NO_SUPPORT, "the fake's opt-out blocks");
        release_cs(cs);
        release_session(s);
        release_session(other);
    }
    rt.reset();
}
