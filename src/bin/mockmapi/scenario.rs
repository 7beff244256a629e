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

use std::path::Path;

use mockmapi::com::{hresult_display, IMAPISession, HRESULT, S_OK};
use mockmapi::policy::config::{discover, DiscoveryInputs};
use mockmapi::policy::load::read_limited;
use mockmapi::policy::resolve::policy_key;
use mockmapi::policy::RegValue;
use mockmapi::runtime::client::ClientStyle;
use mockmapi::runtime::expect::expect;
use mockmapi::runtime::{Config, Runtime};

use crate::scenario_file::{parse, Client, Parsed};
use crate::table;

/// What went wrong: `Err(message)` means the scenario could not run (exit 2). With `journal`, the journal is
/// also written there as JSON Lines (what `mockmapi report` draws), whatever the verdict.
pub fn run(path: &Path, wide: bool, journal: Option<&Path>) -> Result<bool, String> {
    let bytes = read_limited(path).map_err(|e| format!("cannot read the scenario {e}"))?;
    let Parsed {
        scenario,
        filters,
        mode,
        expected_result,
    } = parse(path, &bytes)?;
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
    println!("{}", table::render(&rt.journal().snapshot(), wide));
    if let Some(out) = journal {
        std::fs::write(out, rt.journal().to_json_lines()).map_err(|e| {
            format!(
                "cannot write the journal to {}: {e}; name a writable file with --journal",
                out.display()
            )
        })?;
    }
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
