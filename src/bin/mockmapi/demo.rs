//! `mockmapi demo`: fast shutdown and normal shutdown over the reference providers, under each policy value,
//! on the shipped configuration, with the journal as a table.

use std::path::{Path, PathBuf};

use mockmapi::com::{hresult_display, MAPI_E_NO_SUPPORT, S_OK};
use mockmapi::policy::config::{
    parse_config, ConfigProfile, ConfigProvider, ConfigProviderSource, Discovered,
};
use mockmapi::policy::resolve::policy_key;
use mockmapi::policy::RegValue;
use mockmapi::runtime::client::ClientStyle;
use mockmapi::runtime::{Config, Runtime};

use crate::table;

/// The shipped configuration, as `config/mockmapi.yaml` documents it.
const SHIPPED_CONFIG: &str = include_str!("../../../config/mockmapi.yaml");

#[cfg(mockmapi_demo_providers)]
const PROVIDERS: [(&str, &str, &str, &[u8]); 3] = [
    (
        "transport",
        "Reference transport",
        "libreference_transport.so",
        include_bytes!(concat!(env!("OUT_DIR"), "/libreference_transport.so")),
    ),
    (
        "address-book",
        "Reference address book",
        "libreference_address_book.so",
        include_bytes!(concat!(env!("OUT_DIR"), "/libreference_address_book.so")),
    ),
    (
        "store",
        "Reference store",
        "libreference_store.so",
        include_bytes!(concat!(env!("OUT_DIR"), "/libreference_store.so")),
    ),
];

#[cfg(not(mockmapi_demo_providers))]
const PROVIDERS: [(&str, &str, &str, &[u8]); 0] = [];

/// Write the embedded reference providers to `dir`; the profile that lists them.
fn install_providers(dir: &Path) -> Result<ConfigProfile, String> {
    if PROVIDERS.is_empty() {
        return Err("this mockmapi was built without a C compiler, so the reference providers the demo runs are \
                    missing; install gcc or clang and rebuild (cargo build)"
            .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut providers = Vec::new();
    for (kind, name, file, bytes) in PROVIDERS {
        let path = dir.join(file);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        providers.push(ConfigProvider {
            kind: kind.to_owned(),
            name: name.to_owned(),
            source: ConfigProviderSource::Library { path, entry: None },
            properties: Vec::new(),
        });
    }
    Ok(ConfigProfile {
        name: "Demo".into(),
        providers,
    })
}

/// Run the demo; the exit code: 0 when every scenario behaved as documented. By default one summary table
/// (policy × outcome); `wide`: every journal in full as well.
pub fn run(keep: Option<PathBuf>, wide: bool) -> Result<bool, String> {
    let file = parse_config("config/mockmapi.yaml (built in)", SHIPPED_CONFIG)
        .map_err(|e| e.to_string())?;
    let dir = keep.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("mockmapi-demo-{}", std::process::id()))
    });
    let profile = install_providers(&dir)?;
    // The reference store and transport keep their files in the demo folder.
    std::env::set_var("MOCKMAPI_STORE_PATH", dir.join("store.dat"));
    std::env::set_var("MOCKMAPI_DEMO_OUTBOX", dir.join("outbox"));
    let found = Discovered {
        office_version: file
            .office_version
            .unwrap_or_else(|| mockmapi::policy::DEFAULT_OFFICE_VERSION.to_owned()),
        registry: file.registry.unwrap_or_default(),
        emulated: true,
        config_path: None,
        registry_path: None,
        errors: Vec::new(),
        profiles: vec![profile],
        default_profile: Some("Demo".into()),
        provider_call_budget_ms: file.provider_call_budget_ms,
    };
    let config = Config::from_discovered(&found);
    let office = config.office_version.clone();
    let rt = Runtime::new(config);
    println!("mockmapi demo: Outlook's fast shutdown over three reference providers (examples/providers/),");
    println!("on the shipped configuration (Office {office}), under each FastShutdownBehavior policy value.\n");
    let scenarios: [(Option<u32>, &str); 4] = [
        (None, "no policy value: Outlook's default, fast shutdown unless a provider opts out"),
        (Some(0), "FastShutdownBehavior = 0: the same, set explicitly"),
        (Some(1), "FastShutdownBehavior = 1: only if every provider opts in"),
        (Some(2), "FastShutdownBehavior = 2: disabled by the administrator; the client falls back to normal shutdown"),
    ];
    let mut all_ok = true;
    let mut summary: Vec<Vec<String>> = Vec::new();
    let mut longest_calls = Vec::new();
    for (behavior, title) in scenarios {
        rt.reset();
        if let Some(b) = behavior {
            rt.registry_set(
                &policy_key(&office),
                "FastShutdownBehavior",
                RegValue::Dword(b),
            );
        }
        if wide {
            println!("== {title}");
        }
        rt.initialize(std::ptr::null_mut());
        let session = rt.logon(None, 0).map_err(|hr| {
            format!(
                "logon to the demo profile failed: {}\n{}",
                hresult_display(hr),
                rt.journal().render()
            )
        })?;
        let hr = rt.client_fast_shutdown(ClientStyle::Documented);
        let fast = hr == S_OK;
        if !fast {
            // The normal shutdown, as a client does after QueryFastShutdown said no.
            // SAFETY: `session` is a live session of `rt`.
            unsafe {
                let v = &*(*session).lpVtbl;
                (v.Logoff.expect("slot"))(session, 0, 0, 0);
                (v.Release.expect("slot"))(session);
            }
            rt.uninitialize();
        }
        let events = rt.journal().snapshot();
        let expected = if behavior == Some(2) {
            MAPI_E_NO_SUPPORT
        } else {
            S_OK
        };
        let ok = hr == expected && rt.violation_count() == 0;
        all_ok &= ok;
        let outcome = if fast {
            "fast shutdown: the process would exit now"
        } else {
            "normal shutdown"
        };
        if wide {
            print!("{}", table::render(&events, true));
            println!(
                "-> {outcome} ({}); {} violation(s){}\n",
                hresult_display(hr),
                rt.violation_count(),
                if ok { "" } else { "  <-- not as documented" }
            );
        }
        let provider_calls: Vec<&mockmapi::runtime::Event> = events
            .iter()
            .filter(|e| e.event_type == mockmapi::runtime::EventType::ProviderCall)
            .collect();
        let longest = provider_calls
            .iter()
            .map(|e| e.duration)
            .max()
            .unwrap_or_default();
        longest_calls.push(longest);
        summary.push(vec![
            behavior.map_or_else(|| "none (default 0)".to_owned(), |b| b.to_string()),
            mockmapi::com::hresult_name(hr).unwrap_or("?").to_owned(),
            if fast {
                "fast".to_owned()
            } else {
                "normal".to_owned()
            },
            provider_calls.len().to_string(),
            rt.violation_count().to_string(),
            String::new(),
            if ok {
                "as documented".to_owned()
            } else {
                "NOT as documented".to_owned()
            },
        ]);
    }
    let unit = table::Unit::for_longest(longest_calls.iter().copied());
    for (row, d) in summary.iter_mut().zip(&longest_calls) {
        row[5] = unit.format(*d);
    }
    let longest = format!("longest ({})", unit.name());
    print!(
        "{}",
        table::columns(
            &[
                "policy",
                "client result",
                "shutdown",
                "calls",
                "violations",
                &longest,
                "verdict"
            ],
            &summary,
            &[3, 4, 5],
            Some(table::WIDTH),
        )
    );
    if !wide {
        println!("\nEvery call of each run, with results and durations: mockmapi demo --wide");
    }
    rt.reset();
    println!("Check your own provider the same way: mockmapi check path/to/libyourprovider.so --exit-test");
    Ok(all_ok)
}
