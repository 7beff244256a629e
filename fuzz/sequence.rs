//! Random sequences of C-API calls checked against a small model of SPEC's rules. Shared by the property test
//! `tests/api_sequence.rs` (a bounded number of sequences on every `cargo test`) and the `api_sequence` fuzz
//! target (longer, in the CI fuzz stage).
//!
//! Every call goes through the exported C functions and the COM vtables, as a C client's would. The model
//! keeps what SPEC says the client can observe: the `MAPIInitialize` count, the exited state, each session the
//! client holds (its references, logged on or not, from before a reset or not), the providers attached (as
//! fake providers that misbehave: failing or odd success codes, no `IMAPIProviderShutdown`, re-entering the
//! runtime from inside every method), the policy and whether the latest `QueryFastShutdown` succeeded. After
//! every call the runtime's answer must be the model's, and a refused call must be journaled as a violation.
//! At the end the client releases everything and no leak may be reported.

#![allow(clippy::missing_safety_doc)]

use std::ffi::c_void;
use std::ptr::null_mut;

use mockmapi::com::*;
use mockmapi::ffi::control::*;
use mockmapi::ffi::harness::*;
use mockmapi::ffi::mapi::*;

const POLICY: &std::ffi::CStr =
    c"HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\Outlook\\Options\\Shutdown";
const VALUE: &std::ffi::CStr = c"FastShutdownBehavior";

/// How a fake provider behaves.
#[derive(Debug, Clone, Copy)]
struct Behaviour {
    has_interface: bool,
    query: HRESULT,
    do_: HRESULT,
}

#[derive(Debug)]
struct Session {
    ptr: *mut IMAPISession,
    cs: *mut IMAPIClientShutdown,
    refs: u32,
    logged_on: bool,
    stale: bool,
    providers: Vec<Behaviour>,
}

#[derive(Debug, Default)]
struct Model {
    init: u32,
    exited: bool,
    sessions: Vec<Session>,
    /// The latest client `QueryFastShutdown` returned `S_OK` and still stands: cleared by a failed query, the
    /// last `MAPIUninitialize`, a reset, and (SPEC §4 "No Do without a query") by a logon or an attached
    /// provider after it.
    query_ok: bool,
    /// `FastShutdownBehavior` under the policy key; `u32::MAX` when absent.
    policy: u32,
}

/// Reads the fuzzer's bytes as small numbers; zeros once exhausted.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn pick(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

/// A fake provider's callback: re-enters the runtime from inside every provider method with calls that change
/// nothing the model tracks (a registry read, the journal's size, the violation count).
unsafe extern "C" fn reenter(
    _: *mut c_void,
    _: *mut IUnknown,
    _: u32,
    planned: HRESULT,
) -> HRESULT {
    let mut d = 0u32;
    let _ = mockmapi_registry_get_dword(POLICY.as_ptr(), VALUE.as_ptr(), &mut d);
    let _ = mockmapi::ffi::journal::mockmapi_journal_count();
    let _ = mockmapi_violation_count();
    planned
}

fn failed(hr: HRESULT) -> bool {
    hr < 0
}

impl Model {
    fn gate(&self, s: &Session) -> Option<HRESULT> {
        if s.refs == 0 {
            Some(MAPI_E_INVALID_OBJECT)
        } else if self.exited || s.stale || !s.logged_on {
            Some(MAPI_E_CALL_FAILED)
        } else {
            None
        }
    }

    fn active_providers(&self) -> impl Iterator<Item = &Behaviour> {
        self.sessions
            .iter()
            .filter(|s| s.logged_on && !s.stale)
            .flat_map(|s| s.providers.iter())
    }

    fn query(&self) -> HRESULT {
        let policy = if self.policy <= 2 { self.policy } else { 0 };
        if policy == 2 {
            return MAPI_E_NO_SUPPORT;
        }
        let mut ok = true;
        for p in self.active_providers() {
            if !p.has_interface {
                ok &= policy == 0;
            } else {
                ok &= !failed(p.query);
            }
        }
        if ok {
            S_OK
        } else {
            MAPI_E_NO_SUPPORT
        }
    }
}

/// What one step expects: the answer, and whether a violation must be journaled.
struct Expect {
    hr: HRESULT,
    violation: bool,
    what: String,
    /// The runtime's answer, when the step did not check it itself.
    got: Option<HRESULT>,
}

fn refused(hr: HRESULT) -> bool {
    matches!(
        hr,
        E_INVALIDARG
            | E_POINTER
            | MAPI_E_CALL_FAILED
            | MAPI_E_NOT_INITIALIZED
            | MAPI_E_INVALID_OBJECT
    )
}

unsafe fn vt(s: *mut IMAPISession) -> &'static IMAPISessionVtbl {
    &*(*s).lpVtbl
}

unsafe fn cvt(c: *mut IMAPIClientShutdown) -> &'static IMAPIClientShutdownVtbl {
    &*(*c).lpVtbl
}

/// Run one sequence described by `data`; panics with the sequence so far on any disagreement.
pub fn run(data: &[u8]) {
    // SAFETY: every pointer passed below is one the runtime returned and the model knows to be valid memory
    // (released sessions stay allocated until the next reset, when the model forgets them).
    unsafe { run_inner(data) }
}

const QUERY_RESULTS: [HRESULT; 4] = [S_OK, S_FALSE, MAPI_E_NO_SUPPORT, E_FAIL];

unsafe fn run_inner(data: &[u8]) {
    mockmapi_reset();
    let mut m = Model {
        policy: u32::MAX,
        ..Model::default()
    };
    let mut input = Input(data);
    let mut log: Vec<String> = Vec::new();
    let mut steps = 0;
    while !input.done() && steps < 64 {
        steps += 1;
        let before = mockmapi_violation_count();
        let op = input.pick(14);
        let idx = if m.sessions.is_empty() {
            None
        } else {
            Some(input.pick(m.sessions.len()))
        };
        let e = match (op, idx) {
            (0, _) => {
                let want = if m.exited { MAPI_E_CALL_FAILED } else { S_OK };
                let hr = MAPIInitialize(null_mut());
                if hr == S_OK {
                    m.init += 1;
                }
                check(&log, "MAPIInitialize", hr, want);
                ex(want, refused(want), "MAPIInitialize".into(), None)
            }
            (1, _) => {
                MAPIUninitialize();
                let violation = m.exited || m.init == 0;
                if !violation {
                    m.init -= 1;
                    if m.init == 0 {
                        for s in &mut m.sessions {
                            s.logged_on = false;
                        }
                        m.query_ok = false;
                    }
                }
                ex(S_OK, violation, "MAPIUninitialize".into(), None)
            }
            (2, _) => {
                let want = if m.exited {
                    MAPI_E_CALL_FAILED
                } else if m.init == 0 {
                    MAPI_E_NOT_INITIALIZED
                } else {
                    S_OK
                };
                let mut p = null_mut();
                let hr = MAPILogonEx(0, null_mut(), null_mut(), 0, &mut p);
                check(&log, "MAPILogonEx", hr, want);
                if hr == S_OK {
                    m.sessions.push(Session {
                        ptr: p,
                        cs: null_mut(),
                        refs: 1,
                        logged_on: true,
                        stale: false,
                        providers: Vec::new(),
                    });
                    // SPEC §4 "No Do without a query": a logon after the query invalidates it.
                    m.query_ok = false;
                }
                ex(want, refused(want), "MAPILogonEx".into(), None)
            }
            (3, Some(i)) => {
                let reserved = u32::from(input.pick(4) == 0);
                let s = &m.sessions[i];
                let want = if s.refs == 0 {
                    MAPI_E_INVALID_OBJECT
                } else if reserved != 0 {
                    E_INVALIDARG
                } else {
                    m.gate(s).unwrap_or(S_OK)
                };
                let hr = (vt(s.ptr).Logoff.unwrap())(s.ptr, 0, 0, reserved);
                if hr == S_OK {
                    m.sessions[i].logged_on = false;
                }
                ex(
                    want,
                    refused(want),
                    format!("Logoff(session #{i}, reserved {reserved})"),
                    Some(hr),
                )
            }
            (4, Some(i)) => {
                let kind = [1u32, 2, 3, 1, 2, 3, 0, 4][input.pick(8)];
                let b = Behaviour {
                    has_interface: input.pick(4) != 0,
                    query: QUERY_RESULTS[input.pick(4)],
                    do_: [S_OK, S_OK, E_FAIL][input.pick(3)],
                };
                let mut spec: mockmapi_fake_spec = std::mem::zeroed();
                spec.kind = if (1..=3).contains(&kind) { kind } else { 1 };
                spec.without_provider_shutdown = u32::from(!b.has_interface);
                spec.query_fast_shutdown_result = b.query;
                spec.do_fast_shutdown_result = b.do_;
                spec.callback = Some(reenter);
                let mut p = null_mut();
                assert_eq!(mockmapi_fake_provider_create(&spec, &mut p), S_OK);
                let s = &m.sessions[i];
                let want = if !(1..=3).contains(&kind) || s.refs == 0 {
                    E_INVALIDARG
                } else if m.exited || s.stale || !s.logged_on {
                    MAPI_E_CALL_FAILED
                } else {
                    S_OK
                };
                let hr = mockmapi_session_add_provider(s.ptr, kind, c"fake".as_ptr(), p);
                // The client's own reference: the runtime took its own if it accepted the provider.
                let unk = &*(*p).lpVtbl;
                (unk.Release.unwrap())(p);
                if hr == S_OK {
                    m.sessions[i].providers.push(b);
                    // SPEC §4 "No Do without a query": so does an attached provider.
                    m.query_ok = false;
                }
                ex(
                    want,
                    refused(want),
                    format!("add_provider(session #{i}, kind {kind}, {b:?})"),
                    Some(hr),
                )
            }
            (5, Some(i)) => {
                let which = input.pick(5);
                let iid: *const GUID = match which {
                    0 => &IID_IUnknown,
                    1 => &IID_IMAPISession,
                    2 | 3 => &IID_IMAPIClientShutdown,
                    _ => &IID_IMSProvider,
                };
                let null_ppv = input.pick(8) == 0;
                let s = &m.sessions[i];
                let want = if s.refs == 0 {
                    MAPI_E_INVALID_OBJECT
                } else if null_ppv {
                    E_POINTER
                } else if let Some(hr) = m.gate(s) {
                    hr
                } else if which == 4 {
                    E_NOINTERFACE
                } else {
                    S_OK
                };
                let mut out: *mut c_void = null_mut();
                let ppv = if null_ppv {
                    null_mut()
                } else {
                    &mut out as *mut _
                };
                let hr = (vt(s.ptr).QueryInterface.unwrap())(s.ptr, iid, ppv);
                if hr == S_OK {
                    let s = &mut m.sessions[i];
                    s.refs += 1;
                    if which >= 2 {
                        s.cs = out.cast();
                    }
                } else if !null_ppv {
                    check(
                        &log,
                        "QueryInterface's *ppv on failure",
                        out.is_null() as HRESULT,
                        1,
                    );
                }
                ex(
                    want,
                    refused(want),
                    format!("QueryInterface(session #{i}, iid {which}, null ppv {null_ppv})"),
                    Some(hr),
                )
            }
            (6, Some(i)) => {
                let s = &mut m.sessions[i];
                let n = (vt(s.ptr).AddRef.unwrap())(s.ptr);
                let (want, violation) = if s.refs == 0 {
                    (0, true)
                } else {
                    s.refs += 1;
                    (s.refs, false)
                };
                ex(
                    want as HRESULT,
                    violation,
                    format!("AddRef(session #{i})"),
                    Some(n as HRESULT),
                )
            }
            (7, Some(i)) => {
                let s = &mut m.sessions[i];
                let n = (vt(s.ptr).Release.unwrap())(s.ptr);
                let (want, violation) = if s.refs == 0 {
                    (0, true)
                } else {
                    s.refs -= 1;
                    (s.refs, false)
                };
                ex(
                    want as HRESULT,
                    violation,
                    format!("Release(session #{i})"),
                    Some(n as HRESULT),
                )
            }
            (8..=10, Some(i)) if !m.sessions[i].cs.is_null() => {
                let s = &m.sessions[i];
                let c = s.cs;
                let gate = m.gate(s);
                let (name, want, violation) = match op {
                    8 => {
                        let want = gate.unwrap_or_else(|| m.query());
                        ("QueryFastShutdown", want, refused(want))
                    }
                    9 => match gate {
                        Some(hr) => ("NotifyProcessShutdown", hr, true),
                        None => ("NotifyProcessShutdown", S_OK, !m.query_ok),
                    },
                    _ => match gate {
                        Some(hr) => ("DoFastShutdown", hr, true),
                        None if !m.query_ok => ("DoFastShutdown", MAPI_E_NO_SUPPORT, true),
                        None => {
                            let any_failed = m
                                .active_providers()
                                .any(|p| p.has_interface && failed(p.do_));
                            (
                                "DoFastShutdown",
                                if any_failed { MAPI_E_NO_SUPPORT } else { S_OK },
                                false,
                            )
                        }
                    },
                };
                let f = cvt(c);
                let hr = match op {
                    8 => (f.QueryFastShutdown.unwrap())(c),
                    9 => (f.NotifyProcessShutdown.unwrap())(c),
                    _ => (f.DoFastShutdown.unwrap())(c),
                };
                match op {
                    8 if gate.is_none() => m.query_ok = hr == S_OK,
                    10 if gate.is_none() && m.query_ok => m.exited = true,
                    _ => {}
                }
                ex(want, violation, format!("{name}(session #{i})"), Some(hr))
            }
            (11, _) => {
                let v = [0u32, 1, 2, 2, 1, 7][input.pick(6)];
                let hr = mockmapi_registry_set_dword(POLICY.as_ptr(), VALUE.as_ptr(), v);
                m.policy = v;
                ex(S_OK, false, format!("set policy {v}"), Some(hr))
            }
            (12, _) => {
                let hr = mockmapi_registry_delete_value(POLICY.as_ptr(), VALUE.as_ptr());
                let had = m.policy != u32::MAX;
                let want = if had { S_OK } else { MAPI_E_NOT_FOUND };
                m.policy = u32::MAX;
                ex(want, false, "delete policy".into(), Some(hr))
            }
            (13, _) => {
                mockmapi_reset();
                m.init = 0;
                m.exited = false;
                m.query_ok = false;
                m.policy = u32::MAX;
                // Released sessions are freed by the reset: the client must forget them (the model does).
                m.sessions.retain(|s| s.refs > 0);
                for s in &mut m.sessions {
                    s.stale = true;
                    s.logged_on = false;
                    s.providers.clear();
                }
                ex(S_OK, false, "mockmapi_reset".into(), None)
            }
            _ => continue,
        };
        let journaled = if e.what == "mockmapi_reset" {
            false
        } else {
            mockmapi_violation_count() > before
        };
        log.push(format!(
            "{} -> {}",
            e.what,
            hresult_display(e.got.unwrap_or(e.hr))
        ));
        if let Some(got) = e.got {
            check(&log, &e.what, got, e.hr);
        }
        assert_eq!(
            journaled,
            e.violation,
            "violation journaled: {journaled}, expected {}; sequence:\n{}\njournal:\n{}",
            e.violation,
            log.join("\n"),
            mockmapi::ffi::runtime().journal().render()
        );
    }
    // The end of a test: the client gives back every reference it holds; then nothing may be reported as leaked
    // (unless the runtime exited: a real process ends there without releasing anything).
    for s in &m.sessions {
        for _ in 0..s.refs {
            (vt(s.ptr).Release.unwrap())(s.ptr);
        }
    }
    if !m.exited {
        // ... and balances its MAPIInitialize calls: the last one logs off what is still logged on.
        for _ in 0..m.init {
            MAPIUninitialize();
        }
        let n = mockmapi_leak_report(null_mut(), 0);
        let mut text = vec![0u8; 4096];
        mockmapi_leak_report(text.as_mut_ptr().cast(), text.len());
        assert_eq!(
            n,
            0,
            "leaks after releasing everything: {}\nsequence:\n{}",
            String::from_utf8_lossy(&text).trim_end_matches('\0'),
            log.join("\n")
        );
    }
    mockmapi_reset();
}

fn check(log: &[String], what: &str, got: HRESULT, want: HRESULT) {
    assert!(
        got == want,
        "{what}: the runtime answered {}, the model {}; sequence so far:\n{}\njournal:\n{}",
        hresult_display(got),
        hresult_display(want),
        log.join("\n"),
        mockmapi::ffi::runtime().journal().render()
    );
}

fn ex(hr: HRESULT, violation: bool, what: String, got: Option<HRESULT>) -> Expect {
    Expect {
        hr,
        violation,
        what,
        got,
    }
}
