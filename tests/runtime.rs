//! The runtime through its Rust API, with providers shaped like C ones.

mod common;

use common::*;
use mockmapi::com::*;
use mockmapi::policy::RegValue;
use mockmapi::runtime::{Config, EventType, Method, ProviderKind, Runtime};

const POLICY: &str =
    "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";

#[test]
fn provider_call_events_name_session_provider_kind_and_the_interface_that_answered() {
    let rt = Runtime::default();
    rt.initialize(std::ptr::null_mut());
    let s = rt.logon(Some("p"), 0).unwrap();
    let store = TestProvider::new(true);
    assert_eq!(
        rt.add_provider(s, 3, Some("the store"), store.unknown()),
        S_OK
    );
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(query(cs), S_OK);
        release_cs(cs);
    }
    let events = rt.journal().snapshot();
    let call = events
        .iter()
        .find(|e| e.event_type == EventType::ProviderCall)
        .expect("a provider call");
    assert_eq!(call.session, 1);
    assert_eq!(call.provider_str(), "the store");
    assert_eq!(call.provider_kind, Some(ProviderKind::Store));
    assert_eq!(call.method, Method::QueryFastShutdown);
    assert_eq!(call.object, store.shutdown_ptr() as usize);
    // The client call is journaled before the provider calls it caused, with the policy decision.
    let client = events.iter().position(|e| {
        e.event_type == EventType::ClientCall && e.method == Method::QueryFastShutdown
    });
    let provider = events
        .iter()
        .position(|e| e.event_type == EventType::ProviderCall);
    assert!(client < provider);
    assert!(events[client.unwrap()]
        .message_str()
        .contains("FastShutdownBehavior = 0"));
    rt.reset();
    assert_eq!(
        store.refs.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "reset releases the runtime's reference"
    );
}

#[test]
fn a_session_held_across_reset_is_stale_but_safe_to_release() {
    let rt = Runtime::default();
    rt.initialize(std::ptr::null_mut());
    let s = rt.logon(None, 0).unwrap();
    rt.reset();
    assert_eq!(rt.violation_count(), 0);
    rt.initialize(std::ptr::null_mut());
    let s2 = rt.logon(None, 0).unwrap();
    assert_ne!(s, s2);
    unsafe {
        assert_eq!(logoff(s), MAPI_E_CALL_FAILED);
        assert!(rt.journal().render().contains("from before mockmapi_reset"));
        assert_eq!(release_session(s), 0);
        assert_eq!(logoff(s2), S_OK);
        assert_eq!(release_session(s2), 0);
        // Over-release: a violation, not a crash (the runtime still owns the memory).
        assert_eq!(release_session(s2), 0);
    }
    assert_eq!(rt.violation_count(), 2);
}

#[test]
fn configuration_is_what_reset_returns_to() {
    let mut config = Config::default();
    config
        .registry
        .set_value(POLICY, "FastShutdownBehavior", RegValue::Dword(2))
        .unwrap();
    let rt = Runtime::new(config);
    assert_eq!(rt.policy_decision().behavior, 2);
    assert_eq!(
        rt.registry_set(POLICY, "FastShutdownBehavior", RegValue::Dword(1)),
        S_OK
    );
    assert_eq!(rt.set_office_version("14.0"), S_OK);
    assert_eq!(
        rt.policy_decision().behavior,
        0,
        "the 16.0 value does not apply to 14.0"
    );
    rt.reset();
    assert_eq!(rt.office_version(), "16.0");
    assert_eq!(rt.policy_decision().behavior, 2);
    assert_eq!(rt.set_office_version("sixteen"), E_INVALIDARG);
}

#[test]
fn policy_one_blocks_on_a_provider_without_the_interface_but_queries_everyone() {
    let rt = Runtime::default();
    rt.initialize(std::ptr::null_mut());
    rt.registry_set(POLICY, "FastShutdownBehavior", RegValue::Dword(1));
    let s = rt.logon(None, 0).unwrap();
    let xp = TestProvider::new(false);
    let ms = TestProvider::new(true);
    rt.add_provider(s, 1, None, xp.unknown());
    rt.add_provider(s, 3, None, ms.unknown());
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(query(cs), MAPI_E_NO_SUPPORT);
        assert_eq!(ms.count(0), 1, "the store is still queried");
        assert_eq!(notify(cs), S_OK);
        assert_eq!(ms.count(1), 0, "no notification after a failed query");
        assert_eq!(rt.violation_count(), 1);
        release_cs(cs);
    }
    let text = rt.journal().render();
    assert!(
        text.contains("transport \"transport-1\" QueryInterface -> E_NOINTERFACE"),
        "{text}"
    );
    rt.reset();
}

#[test]
fn do_fast_shutdown_with_a_failing_provider_still_reaches_all_and_exits() {
    let rt = Runtime::default();
    rt.initialize(std::ptr::null_mut());
    let s = rt.logon(None, 0).unwrap();
    let a = TestProvider::new(true);
    let b = TestProvider::new(true);
    a.hr_do.store(E_FAIL, std::sync::atomic::Ordering::SeqCst);
    rt.add_provider(s, 2, None, a.unknown());
    rt.add_provider(s, 2, None, b.unknown());
    unsafe {
        let cs = client_shutdown(s);
        assert_eq!(query(cs), S_OK);
        assert_eq!(do_fast(cs), MAPI_E_NO_SUPPORT);
        assert_eq!((a.count(2), b.count(2)), (1, 1));
        assert!(rt.is_exited());
        assert_eq!(rt.logon(None, 0).unwrap_err(), MAPI_E_CALL_FAILED);
        rt.uninitialize();
        assert_eq!(a.count(3), 0, "no Shutdown after the exit");
        assert_eq!(rt.violation_count(), 2);
        release_cs(cs);
        release_session(s);
    }
    rt.reset();
    assert!(!rt.is_exited());
}
