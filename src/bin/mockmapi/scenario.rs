//! `mockmapi run SCENARIO.yaml`: replay a client's call sequence over a profile under a policy, and compare the
//! provider calls with the expected ones.
//!
//! ```yaml
//! config: mockmapi.yaml          # optional; relative to this file: registry, profiles
//! profile: Outlook               # optional; the configuration's default_profile otherwise
//! policy: 1                      # optional; FastShutdownBehavior under the policy key
//! office_version: "16.0"         # optional
//! client: documented             # documented | always-notify | no-notify, or a list of client calls:
//!                                #   QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Logoff, MAPIUninitialize
//! expect:
//!   result: S_OK                 # optional: the result of the last client call
//!   mode: exact                  # exact (default) or in-order
//!   violations: 0                # optional
//!   calls:                       # the provider calls, in order
//!     - { provider: My store, method: QueryFastShutdown, result: S_OK }
//!     - { kind: transport, method: DoFastShutdown }
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use mockmapi::com::{hresult_display, hresult_from_name, IMAPISession, HRESULT, S_OK};
use mockmapi::policy::config::{discover, DiscoveryInputs};
use mockmapi::policy::resolve::policy_key;
use mockmapi::policy::RegValue;
use mockmapi::runtime::client::ClientStyle;
use mockmapi::runtime::expect::{expect, Filter, Mode};
use mockmapi::runtime::{Config, Method, ProviderKind, Runtime};

use crate::table;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    config: Option<PathBuf>,
    profile: Option<String>,
    policy: Option<u32>,
    office_version: Option<String>,
    client: Client,
    #[serde(default)]
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Client {
    Style(String),
    Calls(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    result: Option<String>,
    mode: Option<String>,
    violations: Option<usize>,
    #[serde(default)]
    calls: Vec<ExpectedCall>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedCall {
    provider: Option<String>,
    kind: Option<String>,
    session: Option<u32>,
    method: Option<String>,
    result: Option<String>,
}

fn hresult(text: &str, what: &str) -> Result<HRESULT, String> {
    hresult_from_name(text)
        .or_else(|| u32::from_str_radix(text.trim_start_matches("0x"), 16).ok().map(|v| v as HRESULT))
        .ok_or_else(|| format!("{what}: '{text}' is not an HRESULT name (S_OK, MAPI_E_NO_SUPPORT, ...) or hex value"))
}

fn kind(text: &str) -> Result<ProviderKind, String> {
    ProviderKind::from_label(text).ok_or_else(|| {
        format!("unknown provider kind '{text}'; use transport, address-book or store")
    })
}

fn method(text: &str) -> Result<Method, String> {
    Method::from_name(text)
        .ok_or_else(|| format!("unknown method '{text}'; use QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, Shutdown, Release, QueryInterface"))
}

/// What went wrong: `Err(message)` means the scenario could not run (exit 2).
pub fn run(path: &Path) -> Result<bool, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let scenario: Scenario =
        serde_norway::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut config = match &scenario.config {
        Some(c) => {
            let found = discover(&DiscoveryInputs {
                config_env: Some(folder.join(c).into_os_string()),
                registry_env: None,
                cwd: None,
            });
            if let Some(e) = found.errors.first() {
                return Err(format!("the scenario's configuration does not load: {e}"));
            }
            Config::from_discovered(&found)
        }
        None => Config::default(),
    };
    if let Some(v) = &scenario.office_version {
        config.office_version = v.clone();
    }
    let filters = scenario
        .expect
        .calls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ctx = |e: String| format!("{}: expect.calls[{i}]: {e}", path.display());
            Ok(Filter {
                provider_name: c.provider.clone(),
                provider_kind: c.kind.as_deref().map(kind).transpose().map_err(ctx)?,
                session: c.session,
                method: c.method.as_deref().map(method).transpose().map_err(ctx)?,
                hresult: c
                    .result
                    .as_deref()
                    .map(|r| hresult(r, "result"))
                    .transpose()
                    .map_err(ctx)?,
                ..Filter::default()
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mode = match scenario.expect.mode.as_deref() {
        None | Some("exact") => Mode::Exact,
        Some("in-order") => Mode::InOrder,
        Some(other) => {
            return Err(format!(
                "{}: expect.mode '{other}': use exact or in-order",
                path.display()
            ))
        }
    };
    let expected_result = scenario
        .expect
        .result
        .as_deref()
        .map(|r| hresult(r, "expect.result"))
        .transpose()?;

    let rt = Runtime::new(config);
    if let Some(p) = scenario.policy {
        let office = rt.office_version();
        rt.registry_set(
            &policy_key(&office),
            "FastShutdownBehavior",
            RegValue::Dword(p),
        );
    }
    rt.initialize(std::ptr::null_mut());
    let session = rt.logon(scenario.profile.as_deref(), 0).map_err(|hr| {
        format!(
            "MAPILogonEx failed with {}:\n{}",
            hresult_display(hr),
            rt.journal().render()
        )
    })?;
    let last = match &scenario.client {
        Client::Style(s) => {
            let style = match s.as_str() {
                "documented" => ClientStyle::Documented,
                "always-notify" => ClientStyle::AlwaysNotify,
                "no-notify" => ClientStyle::NoNotify,
                other => {
                    return Err(format!(
                    "client '{other}': use documented, always-notify, no-notify or a list of calls"
                ))
                }
            };
            rt.client_fast_shutdown(style)
        }
        Client::Calls(calls) => {
            let mut last = S_OK;
            for c in calls {
                last = client_call(&rt, session, c)?;
            }
            last
        }
    };
    println!("{}", table::render(&rt.journal().snapshot()));
    let mut ok = true;
    if let Some(want) = expected_result {
        if want != last {
            ok = false;
            println!(
                "MISMATCH result: expected {}, the last client call returned {}",
                hresult_display(want),
                hresult_display(last)
            );
        }
    }
    if let Some(want) = scenario.expect.violations {
        let got = rt.violation_count();
        if want != got {
            ok = false;
            println!("MISMATCH violations: expected {want}, observed {got}");
        }
    }
    if !filters.is_empty() || scenario.expect.calls.is_empty() && scenario.expect.result.is_none() {
        if let Err(diff) = expect(&rt.journal().snapshot(), &filters, mode) {
            ok = false;
            println!("MISMATCH provider calls:\n{diff}");
        }
    }
    println!(
        "{}",
        if ok {
            "scenario: PASS"
        } else {
            "scenario: FAIL"
        }
    );
    rt.reset();
    Ok(ok)
}

fn client_call(rt: &Runtime, session: *mut IMAPISession, call: &str) -> Result<HRESULT, String> {
    use mockmapi::com::IID_IMAPIClientShutdown;
    // SAFETY: `session` is a live session of `rt`, called through its vtable as a client does.
    unsafe {
        let v = &*(*session).lpVtbl;
        let cs = || {
            let mut p: *mut std::ffi::c_void = std::ptr::null_mut();
            (v.QueryInterface.expect("slot"))(session, &IID_IMAPIClientShutdown, &mut p);
            p as *mut mockmapi::com::IMAPIClientShutdown
        };
        let with_cs = |f: fn(
            &mockmapi::com::IMAPIClientShutdownVtbl,
        ) -> Option<
            unsafe extern "system" fn(*mut mockmapi::com::IMAPIClientShutdown) -> HRESULT,
        >| {
            let c = cs();
            if c.is_null() {
                return mockmapi::com::MAPI_E_CALL_FAILED;
            }
            let cv = &*(*c).lpVtbl;
            let hr = (f(cv).expect("slot"))(c);
            (cv.Release.expect("slot"))(c);
            hr
        };
        Ok(match call {
            "QueryFastShutdown" => with_cs(|v| v.QueryFastShutdown),
            "NotifyProcessShutdown" => with_cs(|v| v.NotifyProcessShutdown),
            "DoFastShutdown" => with_cs(|v| v.DoFastShutdown),
            "Logoff" => (v.Logoff.expect("slot"))(session, 0, 0, 0),
            "MAPIUninitialize" => {
                rt.uninitialize();
                S_OK
            }
            other => {
                return Err(format!(
                    "unknown client call '{other}'; use QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, \
                     Logoff or MAPIUninitialize"
                ))
            }
        })
    }
}
