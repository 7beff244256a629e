//! The scenario file of `mockmapi run`: read, checked and turned into expectations, with no runtime involved
//! (so it can be tested and fuzzed on its own). The format is described in `scenario.rs`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use mockmapi::com::{hresult_from_name, HRESULT};
use mockmapi::runtime::expect::{Filter, Mode};
use mockmapi::runtime::{Method, ProviderKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub policy: Option<u32>,
    pub office_version: Option<String>,
    pub client: Client,
    #[serde(default)]
    pub expect: Expect,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum Client {
    Style(String),
    Calls(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub result: Option<String>,
    pub mode: Option<String>,
    pub violations: Option<usize>,
    #[serde(default)]
    pub calls: Vec<ExpectedCall>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedCall {
    pub provider: Option<String>,
    pub kind: Option<String>,
    pub session: Option<u32>,
    pub method: Option<String>,
    pub result: Option<String>,
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

/// A scenario file, checked: everything `run` needs before it starts a runtime.
pub struct Parsed {
    pub scenario: Scenario,
    pub filters: Vec<Filter>,
    pub mode: Mode,
    pub expected_result: Option<HRESULT>,
}

/// Decode and check a scenario file's bytes (`path` names it in errors).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Parsed, String> {
    let text = mockmapi::policy::load::decode(&path.display().to_string(), bytes)
        .map_err(|e| e.to_string())?;
    let scenario: Scenario =
        serde_norway::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
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
        .transpose()
        .map_err(|e| format!("{}: {e}", path.display()))?;

    Ok(Parsed {
        scenario,
        filters,
        mode,
        expected_result,
    })
}
