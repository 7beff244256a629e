//! Conformance checks of a provider library, as `mockmapi check` runs them: load it as Outlook would, then
//! check the entry point, the IUnknown rules, `IMAPIProviderShutdown`, the documented return values, the
//! behaviour under each policy, the normal shutdown path and the time spent in each call.
//!
//! The provider's code runs in a child process (see `child.rs`: `fork` on POSIX, the program started again on
//! Windows): a provider that crashes, hangs or
//! ends the process fails the check it was in, and the report is still complete. Each check names the rule it
//! checks by its stable identifier (`RULES.md`).

#[cfg(any(unix, windows))]
mod child;
#[cfg(any(unix, windows))]
pub use child::{child_main, CHILD_ARG, EXIT_CHILD_ARG};

use std::ffi::c_void;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::com::{
    hresult_display, mockmapi_provider, succeeded, IID_IMAPIProviderShutdown, IID_IUnknown,
    E_NOINTERFACE, GUID, HRESULT, MAPI_E_NO_SUPPORT, S_FALSE, S_OK,
};
use crate::policy::RegValue;
use crate::rules::{self, Rule};
use crate::runtime::loader::{EntryPoints, Library, LoadError};
use crate::runtime::provider::{ComPtr, ProviderKind};
use crate::runtime::{Config, EventType, Method, Runtime};

/// The result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warning",
            Status::Fail => "FAIL",
        }
    }
}

/// One check: what, the outcome, why, and the rule it checks.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub status: Status,
    pub reason: String,
    pub rule: &'static Rule,
}

/// What `check_library` found.
#[derive(Debug, Clone)]
pub struct Report {
    pub library: PathBuf,
    /// The provider kind checked (`None`: the library exports no provider entry point).
    pub kind: Option<ProviderKind>,
    /// The entry point called (`None`: none was found).
    pub entry: Option<String>,
    pub checks: Vec<Check>,
}

impl Report {
    /// Ready when no check failed (warnings are allowed).
    pub fn ready(&self) -> bool {
        self.checks.iter().all(|c| c.status != Status::Fail)
    }

    /// The report as aligned text for a person.
    pub fn to_text(&self) -> String {
        let mut out = match (self.kind, &self.entry) {
            (Some(kind), Some(entry)) => format!(
                "{} ({} provider, entry point {entry})\n",
                self.library.display(),
                kind.label()
            ),
            _ => format!("{} (no provider entry point)\n", self.library.display()),
        };
        let width = self.checks.iter().map(|c| c.name.len()).max().unwrap_or(0);
        for c in &self.checks {
            let _ = writeln!(
                out,
                "  {:<7} {:<width$}  {}",
                c.status.label(),
                c.name,
                c.reason
            );
            let _ = writeln!(
                out,
                "  {:<7} {:<width$}  rule {}: {}",
                "", "", c.rule.id, c.rule.summary
            );
        }
        let (fails, warns) = (
            self.checks
                .iter()
                .filter(|c| c.status == Status::Fail)
                .count(),
            self.checks
                .iter()
                .filter(|c| c.status == Status::Warn)
                .count(),
        );
        let _ = writeln!(
            out,
            "verdict: {} ({} check(s), {fails} failed, {warns} warning(s))",
            if self.ready() {
                "READY for fast shutdown"
            } else {
                "NOT READY for fast shutdown"
            },
            self.checks.len()
        );
        out
    }

    /// The report as JSON for machines.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "library": self.library.display().to_string(),
            "kind": self.kind.map(ProviderKind::label),
            "entry_point": self.entry,
            "verdict": if self.ready() { "ready" } else { "not ready" },
            "checks": self.checks.iter().map(|c| serde_json::json!({
                "name": c.name,
                "status": match c.status { Status::Pass => "pass", Status::Warn => "warning", Status::Fail => "fail" },
                "reason": c.reason,
                "rule": c.rule.id,
                "rule_summary": c.rule.summary,
            })).collect::<Vec<_>>(),
        })
    }
}

/// What to check.
#[derive(Debug, Clone)]
pub struct Options {
    pub library: PathBuf,
    /// `None`: the kind of the first standard entry point the library exports.
    pub kind: Option<ProviderKind>,
    /// A provider call slower than this is a warning.
    pub call_budget: Duration,
    /// Run the exit test (whether the data survived needs the library to export `mockmapi_exit_verify`).
    pub exit_test: bool,
    /// How long the provider's code may run in all (the checking process is killed then).
    pub timeout: Duration,
}

impl Options {
    pub fn new(library: impl Into<PathBuf>) -> Options {
        Options {
            library: library.into(),
            kind: None,
            call_budget: Duration::from_secs(1),
            exit_test: false,
            timeout: Duration::from_secs(60),
        }
    }
}

/// The checks could not run at all (exit code 2): a missing or unloadable library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouldNotRun(pub String);

const ENTRY_RULE: &str = rules::PROVIDER_ENTRY;
const IUNKNOWN_RULE: &str = rules::COM_QUERY_INTERFACE;
const INTERFACE_RULE: &str = rules::PROVIDER_INTERFACE;
const QUERY_RULE: &str = rules::PROVIDER_QUERY;
const NOTIFY_RULE: &str = rules::NOTIFY_BEFORE_DO;
const DO_RULE: &str = rules::DATA_SAVED_BY_DO;
const POLICY_RULE: &str = rules::POLICY;
const NORMAL_RULE: &str = rules::NORMAL_SHUTDOWN;
const TIME_RULE: &str = rules::CALLS_ARE_QUICK;
const EXIT_RULE: &str = rules::EXIT_TEST;

struct Ctx {
    lib: Arc<Library>,
    kind: ProviderKind,
    entry: String,
    checks: Vec<Check>,
    /// The parent's pipe, when the checks run in a child process: each stage and check is sent at once.
    sink: Option<i32>,
}

impl Ctx {
    fn add(&mut self, name: &str, status: Status, reason: impl Into<String>, rule: &'static str) {
        let check = Check {
            name: name.to_owned(),
            status,
            reason: reason.into(),
            rule: rules::find(rule).expect("every rule the checks cite is defined"),
        };
        #[cfg(any(unix, windows))]
        if let Some(fd) = self.sink {
            child::send(fd, &child::check_msg(&check));
        }
        self.checks.push(check);
    }

    /// The next provider code that runs belongs to this check (a crash or a hang is reported as its failure).
    fn stage(&self, name: &str, rule: &'static str) {
        #[cfg(any(unix, windows))]
        if let Some(fd) = self.sink {
            child::send(
                fd,
                &child::Msg::Stage {
                    name: name.to_owned(),
                    rule: rule.to_owned(),
                },
            );
        }
        #[cfg(not(any(unix, windows)))]
        let _ = (name, rule, self.sink);
    }

    fn init(&self) -> Result<(ComPtr, u32), LoadError> {
        self.lib.init_provider(&self.entry, 0, EntryPoints::PLAIN)
    }
}

/// `check libfoo.so`: a bare file name means the file in the working directory when it exists there (the
/// dynamic loader would search the library path instead).
fn resolve_library(library: &std::path::Path) -> PathBuf {
    let bare = library.components().count() == 1 && library.is_relative();
    if bare && library.exists() {
        std::path::Path::new(".").join(library)
    } else {
        library.to_path_buf()
    }
}

/// Run every check on a provider library. The provider's code runs in a child process, so a crash, a hang
/// (beyond `opts.timeout`) or an exit in the provider fails a check instead of ending the caller. On Windows
/// the child is the calling program started again with a hidden argument: call [`child_main`] first thing in
/// `main` (the `mockmapi` command does).
pub fn check_library(opts: &Options) -> Result<Report, CouldNotRun> {
    let mut opts = opts.clone();
    opts.library = resolve_library(&opts.library);
    if !opts.library.exists() {
        return Err(CouldNotRun(
            LoadError::Missing {
                library: opts.library.clone(),
            }
            .to_string(),
        ));
    }
    #[cfg(any(unix, windows))]
    {
        child::run(&opts)
    }
    #[cfg(not(any(unix, windows)))]
    {
        check_in_process(&opts, None)
    }
}

/// A load failure that is the library's own fault (a symbol nobody provides) rather than a reason the checks
/// cannot run (a missing file, another architecture).
fn unresolved_symbol(e: &LoadError) -> bool {
    matches!(e, LoadError::Open { reason, .. }
        if reason.contains("undefined symbol") || reason.contains("symbol not found") || reason.contains("Symbol not found"))
}

/// Run every check in this process, sending each stage and check to `sink` as it goes (see `child.rs`).
fn check_in_process(opts: &Options, sink: Option<i32>) -> Result<Report, CouldNotRun> {
    let kinds = [
        ProviderKind::Transport,
        ProviderKind::AddressBook,
        ProviderKind::Store,
    ];
    let report_of =
        |kind: Option<ProviderKind>, entry: Option<String>, checks: Vec<Check>| Report {
            library: opts.library.clone(),
            kind,
            entry,
            checks,
        };
    let lib = match Library::open(&opts.library) {
        Ok(lib) => Arc::new(lib),
        Err(e) if unresolved_symbol(&e) => {
            let check = Check {
                name: "library loads".to_owned(),
                status: Status::Fail,
                reason: format!(
                    "{e} (loaded with immediate binding, as Windows resolves every import when it loads a DLL)"
                ),
                rule: rules::find(ENTRY_RULE).expect("defined"),
            };
            #[cfg(any(unix, windows))]
            if let Some(fd) = sink {
                child::send(fd, &child::check_msg(&check));
            }
            return Ok(report_of(None, None, vec![check]));
        }
        Err(e) => return Err(CouldNotRun(e.to_string())),
    };
    let exported: Vec<ProviderKind> = kinds
        .into_iter()
        .filter(|k| lib.has_symbol(k.entry_point()))
        .collect();
    let kind = match opts.kind {
        Some(k) if exported.contains(&k) => Some(k),
        Some(_) => None,
        None => exported.first().copied(),
    };
    #[cfg(any(unix, windows))]
    if let Some(fd) = sink {
        child::send(
            fd,
            &child::Msg::Header {
                kind: kind.map(|k| k.label().to_owned()),
                entry: kind.map(|k| k.entry_point().to_owned()),
            },
        );
    }
    let Some(kind) = kind else {
        let wanted = opts.kind.map_or_else(
            || "XPProviderInit, ABProviderInit or MSProviderInit".to_owned(),
            |k| k.entry_point().to_owned(),
        );
        let exports = if exported.is_empty() {
            "; it exports no provider entry point at all: export the one of your provider's kind with C linkage"
                .to_owned()
        } else {
            let names: Vec<String> = exported
                .iter()
                .map(|k| {
                    format!(
                        "{} ({} provider: run with --kind {})",
                        k.entry_point(),
                        k.label(),
                        k.label()
                    )
                })
                .collect();
            format!("; it exports {}", names.join(", "))
        };
        let check = Check {
            name: "entry point".to_owned(),
            status: Status::Fail,
            reason: format!("the library exports no {wanted}{exports}"),
            rule: rules::find(ENTRY_RULE).expect("defined"),
        };
        #[cfg(any(unix, windows))]
        if let Some(fd) = sink {
            child::send(fd, &child::check_msg(&check));
        }
        return Ok(report_of(None, None, vec![check]));
    };
    let mut ctx = Ctx {
        lib,
        kind,
        entry: kind.entry_point().to_owned(),
        checks: Vec::new(),
        sink,
    };
    let done = |ctx: Ctx| Report {
        library: opts.library.clone(),
        kind: Some(ctx.kind),
        entry: Some(ctx.entry),
        checks: ctx.checks,
    };
    ctx.stage("entry point", ENTRY_RULE);
    let first = match ctx.init() {
        Ok((obj, version)) => {
            ctx.add(
                "entry point",
                Status::Pass,
                format!(
                    "{} returned S_OK and SPI version 0x{version:08X}",
                    ctx.entry
                ),
                ENTRY_RULE,
            );
            obj
        }
        Err(e) => {
            ctx.add("entry point", Status::Fail, e.to_string(), ENTRY_RULE);
            return Ok(done(ctx));
        }
    };
    ctx.stage("new object per init", ENTRY_RULE);
    match ctx.init() {
        Ok((second, _)) => {
            if second == first {
                ctx.add("new object per init", Status::Fail, "two calls returned the same object; each call must return a new provider object", ENTRY_RULE);
            } else {
                ctx.add(
                    "new object per init",
                    Status::Pass,
                    "two calls returned two objects",
                    ENTRY_RULE,
                );
            }
            // SAFETY: the reference the entry point gave us.
            let _ = unsafe { second.release() };
        }
        Err(e) => ctx.add(
            "new object per init",
            Status::Fail,
            format!("the second call failed: {e}"),
            ENTRY_RULE,
        ),
    }
    ctx.stage("incompatible SPI version", ENTRY_RULE);
    check_version(&mut ctx);
    ctx.stage("IUnknown and IMAPIProviderShutdown", IUNKNOWN_RULE);
    // SAFETY: `first` is a live provider object we hold a reference on.
    let shape = unsafe { check_iunknown(&mut ctx, first) };
    if shape == Shape::NoAddRef {
        // Every Release the subsystem makes would free the object early: the rest cannot run safely.
        ctx.add(
            "fast shutdown, policies, normal shutdown",
            Status::Fail,
            "not run: with a QueryInterface that does not AddRef, the subsystem's release of the \
             IMAPIProviderShutdown it holds frees the provider while it is still in use",
            IUNKNOWN_RULE,
        );
        return Ok(done(ctx));
    }
    // SAFETY: releasing the entry point's reference.
    let _ = unsafe { first.release() };
    if shape == Shape::Complete {
        ctx.stage("fast shutdown (policy 0)", DO_RULE);
        check_fast_shutdown(&mut ctx, opts);
        ctx.stage("policies 0/1/2", POLICY_RULE);
        check_policies(&mut ctx);
    }
    ctx.stage("normal shutdown", NORMAL_RULE);
    check_normal_shutdown(&mut ctx);
    #[cfg(any(unix, windows))]
    if opts.exit_test {
        ctx.stage("exit test", EXIT_RULE);
        check_exit(&mut ctx, opts);
    }
    #[cfg(not(any(unix, windows)))]
    if opts.exit_test {
        ctx.add(
            "exit test",
            Status::Warn,
            "the exit test needs child processes, which this platform does not have",
            EXIT_RULE,
        );
    }
    Ok(done(ctx))
}

unsafe fn qi(obj: *mut mockmapi_provider, iid: &GUID) -> (HRESULT, *mut c_void) {
    let mut out: *mut c_void = 0x1 as *mut c_void; // not NULL: the provider must write NULL on failure
    let hr = match (*obj).lpVtbl.as_ref().and_then(|v| v.QueryInterface) {
        Some(f) => f(obj, iid, &mut out),
        None => return (crate::com::E_POINTER, std::ptr::null_mut()),
    };
    (hr, out)
}

unsafe fn count(obj: *mut mockmapi_provider) -> Option<u32> {
    let v = (*obj).lpVtbl.as_ref()?;
    let a = (v.AddRef?)(obj);
    let r = (v.Release?)(obj);
    (a == r + 1).then_some(r)
}

unsafe fn release_raw(p: *mut c_void) {
    if let Some(p) = ComPtr::new(p.cast()) {
        let _ = p.release();
    }
}

/// A subsystem of an incompatible SPI version must be refused with `MAPI_E_VERSION` (a warning otherwise: the
/// provider would run against a MAPI it was not written for).
fn check_version(ctx: &mut Ctx) {
    const ANCIENT: u32 = 0x0000_0001;
    match ctx
        .lib
        .init_provider_as(&ctx.entry, 0, EntryPoints::PLAIN, ANCIENT)
    {
        Err(LoadError::Version { .. }) => ctx.add(
            "incompatible SPI version",
            Status::Pass,
            format!("offered SPI version 0x{ANCIENT:08X}, the entry point returned MAPI_E_VERSION"),
            ENTRY_RULE,
        ),
        Ok((obj, _)) => {
            // SAFETY: the reference the entry point gave us.
            let _ = unsafe { obj.release() };
            ctx.add(
                "incompatible SPI version",
                Status::Warn,
                format!(
                    "offered SPI version 0x{ANCIENT:08X}, the entry point accepted it; compare ulMAPIVer with the \
                     version you were built for and return MAPI_E_VERSION when they do not match"
                ),
                ENTRY_RULE,
            );
        }
        Err(e) => ctx.add(
            "incompatible SPI version",
            Status::Warn,
            format!(
                "offered SPI version 0x{ANCIENT:08X}: {e}; MAPI_E_VERSION is the documented answer"
            ),
            ENTRY_RULE,
        ),
    }
}

/// What `check_iunknown` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// IMAPIProviderShutdown is exposed and QueryInterface counts references.
    Complete,
    /// No IMAPIProviderShutdown.
    NoInterface,
    /// QueryInterface does not AddRef (nothing obtained from it was released: that would free the object).
    NoAddRef,
}

/// IUnknown rules and the presence of IMAPIProviderShutdown.
unsafe fn check_iunknown(ctx: &mut Ctx, obj: ComPtr) -> Shape {
    let obj: *mut mockmapi_provider = obj.as_ptr().cast();
    let unknown_iid = GUID {
        Data1: 0x6d6f_636b,
        Data2: 0x6d61,
        Data3: 0x7069,
        Data4: *b"notthere",
    };
    let (hr, out) = qi(obj, &unknown_iid);
    if hr == E_NOINTERFACE && out.is_null() {
        ctx.add(
            "QueryInterface (unknown IID)",
            Status::Pass,
            "E_NOINTERFACE and *ppv set to NULL",
            IUNKNOWN_RULE,
        );
    } else if succeeded(hr) {
        release_raw(out);
        ctx.add(
            "QueryInterface (unknown IID)",
            Status::Fail,
            format!(
                "returned {} for an interface it cannot have",
                hresult_display(hr)
            ),
            IUNKNOWN_RULE,
        );
    } else if !out.is_null() {
        ctx.add(
            "QueryInterface (unknown IID)",
            Status::Fail,
            format!("returned {} but left *ppv non-NULL", hresult_display(hr)),
            IUNKNOWN_RULE,
        );
    } else {
        ctx.add(
            "QueryInterface (unknown IID)",
            Status::Warn,
            format!("returned {} instead of E_NOINTERFACE", hresult_display(hr)),
            IUNKNOWN_RULE,
        );
    }
    let before = count(obj);
    let (hr, iface) = qi(obj, &IID_IMAPIProviderShutdown);
    if !succeeded(hr) || iface.is_null() {
        ctx.add(
            "IMAPIProviderShutdown",
            Status::Fail,
            format!(
                "QueryInterface(IID_IMAPIProviderShutdown) returned {}: under the default policy 0 the provider is \
                 skipped and the process exits without calling its Shutdown, so unsaved data is lost; under policy \
                 1 it blocks fast shutdown. Implement the interface",
                hresult_display(hr)
            ),
            INTERFACE_RULE,
        );
        return Shape::NoInterface;
    }
    ctx.add(
        "IMAPIProviderShutdown",
        Status::Pass,
        "exposed through QueryInterface",
        INTERFACE_RULE,
    );
    match (before, count(obj)) {
        (Some(b), Some(a)) if a == b + 1 => ctx.add(
            "QueryInterface AddRefs",
            Status::Pass,
            "the reference count grew by one",
            IUNKNOWN_RULE,
        ),
        (Some(b), Some(a)) if a == b => {
            ctx.add(
                "QueryInterface AddRefs",
                Status::Fail,
                "QueryInterface(IID_IMAPIProviderShutdown) did not AddRef (the reference count before and after \
                 is the same): when the subsystem releases the interface it obtained, it drops a reference it was \
                 never given and can free the provider early",
                IUNKNOWN_RULE,
            );
            return Shape::NoAddRef;
        }
        _ => ctx.add(
            "QueryInterface AddRefs",
            Status::Warn,
            "AddRef/Release return values are not consistent enough to tell",
            IUNKNOWN_RULE,
        ),
    }
    let (hr1, u1) = qi(obj, &IID_IUnknown);
    let iface_obj: *mut mockmapi_provider = iface.cast();
    let (hr2, u2) = qi(iface_obj, &IID_IUnknown);
    if succeeded(hr1) && succeeded(hr2) && u1 == u2 && !u1.is_null() {
        ctx.add(
            "IUnknown identity",
            Status::Pass,
            "both interfaces answer IID_IUnknown with the same pointer",
            IUNKNOWN_RULE,
        );
    } else {
        ctx.add("IUnknown identity", Status::Warn, "QueryInterface(IID_IUnknown) differs between the provider object and IMAPIProviderShutdown", IUNKNOWN_RULE);
    }
    for p in [u1, u2, iface] {
        if p != 0x1 as *mut c_void {
            release_raw(p);
        }
    }
    Shape::Complete
}

fn hive(behavior: Option<u32>) -> Config {
    let mut config = Config::default();
    if let Some(b) = behavior {
        let key = crate::policy::resolve::policy_key(crate::policy::DEFAULT_OFFICE_VERSION);
        config
            .registry
            .set_value(&key, "FastShutdownBehavior", RegValue::Dword(b))
            .expect("valid key");
    }
    config
}

/// A runtime with one session holding a freshly initialized provider; the caller's reference is released.
fn session_with_provider(
    ctx: &mut Ctx,
    behavior: Option<u32>,
    what: &'static str,
) -> Option<(Runtime, *mut crate::com::IMAPISession)> {
    let rt = Runtime::new(hive(behavior));
    rt.initialize(std::ptr::null_mut());
    let s = rt.logon(Some("check"), 0).ok()?;
    match ctx.init() {
        Ok((obj, _)) => {
            rt.add_provider(s, ctx.kind as u32, Some("provider"), obj.as_ptr());
            // SAFETY: the runtime holds its own reference now.
            let _ = unsafe { obj.release() };
            Some((rt, s))
        }
        Err(e) => {
            ctx.add(
                what,
                Status::Fail,
                format!("the entry point failed: {e}"),
                ENTRY_RULE,
            );
            None
        }
    }
}

/// Drive the client sequence through the session's IMAPIClientShutdown; returns (query, notify, do).
fn client_sequence(
    s: *mut crate::com::IMAPISession,
) -> (HRESULT, Option<HRESULT>, Option<HRESULT>) {
    // SAFETY: `s` is a live session of the runtime; its vtable is ours.
    unsafe {
        let v = &*(*s).lpVtbl;
        let mut cs: *mut c_void = std::ptr::null_mut();
        (v.QueryInterface.expect("slot"))(s, &crate::com::IID_IMAPIClientShutdown, &mut cs);
        let cs: *mut crate::com::IMAPIClientShutdown = cs.cast();
        let cv = &*(*cs).lpVtbl;
        let q = (cv.QueryFastShutdown.expect("slot"))(cs);
        let (n, d) = if q == S_OK {
            (
                Some((cv.NotifyProcessShutdown.expect("slot"))(cs)),
                Some((cv.DoFastShutdown.expect("slot"))(cs)),
            )
        } else {
            (None, None)
        };
        (cv.Release.expect("slot"))(cs);
        (v.Release.expect("slot"))(s);
        (q, n, d)
    }
}

fn provider_result(rt: &Runtime, method: Method) -> Option<(HRESULT, Duration)> {
    rt.journal()
        .snapshot()
        .into_iter()
        .find(|e| e.event_type == EventType::ProviderCall && e.method == method)
        .map(|e| (e.hresult, e.duration))
}

fn check_fast_shutdown(ctx: &mut Ctx, opts: &Options) {
    let Some((rt, s)) = session_with_provider(ctx, None, "fast shutdown (policy 0)") else {
        return;
    };
    let (client_q, _, client_do) = client_sequence(s);
    let mut times = Vec::new();
    match provider_result(&rt, Method::QueryFastShutdown) {
        Some((S_OK, t)) => {
            times.push(("QueryFastShutdown", t));
            ctx.add("QueryFastShutdown", Status::Pass, "S_OK: the provider takes part in fast shutdown", QUERY_RULE)
        }
        Some((MAPI_E_NO_SUPPORT, _)) => ctx.add(
            "QueryFastShutdown",
            Status::Warn,
            "MAPI_E_NO_SUPPORT: the provider always blocks fast shutdown, so Outlook falls back to the slow normal shutdown",
            QUERY_RULE,
        ),
        Some((S_FALSE, _)) => ctx.add("QueryFastShutdown", Status::Warn, "S_FALSE counts as support; return S_OK", QUERY_RULE),
        Some((hr, _)) if succeeded(hr) => ctx.add("QueryFastShutdown", Status::Warn, format!("{} counts as support; return S_OK", hresult_display(hr)), QUERY_RULE),
        Some((hr, _)) => ctx.add("QueryFastShutdown", Status::Fail, format!("{}: return S_OK, or MAPI_E_NO_SUPPORT to block", hresult_display(hr)), QUERY_RULE),
        None => ctx.add("QueryFastShutdown", Status::Fail, "the provider was not called (see the journal)", QUERY_RULE),
    }
    if client_q == S_OK {
        match provider_result(&rt, Method::NotifyProcessShutdown) {
            Some((S_OK, t)) => {
                times.push(("NotifyProcessShutdown", t));
                ctx.add("NotifyProcessShutdown", Status::Pass, "S_OK", NOTIFY_RULE)
            }
            Some((hr, _)) => ctx.add(
                "NotifyProcessShutdown",
                Status::Warn,
                format!(
                    "{} (ignored by the subsystem; return S_OK)",
                    hresult_display(hr)
                ),
                NOTIFY_RULE,
            ),
            None => ctx.add(
                "NotifyProcessShutdown",
                Status::Fail,
                "the provider was not notified",
                NOTIFY_RULE,
            ),
        }
        match (provider_result(&rt, Method::DoFastShutdown), client_do) {
            (Some((S_OK, t)), _) => {
                times.push(("DoFastShutdown", t));
                ctx.add("DoFastShutdown", Status::Pass, "S_OK", DO_RULE)
            }
            (Some((hr, _)), _) => ctx.add(
                "DoFastShutdown",
                Status::Fail,
                format!(
                    "{}: the client's DoFastShutdown fails and data may be lost",
                    hresult_display(hr)
                ),
                DO_RULE,
            ),
            (None, _) => ctx.add(
                "DoFastShutdown",
                Status::Fail,
                "the provider was not called",
                DO_RULE,
            ),
        }
    }
    let slow: Vec<String> = times
        .iter()
        .filter(|(_, t)| *t > opts.call_budget)
        .map(|(m, t)| format!("{m} took {} ms", t.as_millis()))
        .collect();
    let all: Vec<String> = times
        .iter()
        .map(|(m, t)| format!("{m} {:.1} us", t.as_nanos() as f64 / 1e3))
        .collect();
    if slow.is_empty() {
        ctx.add(
            "time per call",
            Status::Pass,
            if all.is_empty() {
                "no call to time".to_owned()
            } else {
                all.join(", ")
            },
            TIME_RULE,
        );
    } else {
        ctx.add(
            "time per call",
            Status::Warn,
            format!(
                "{} (budget {} ms)",
                slow.join(", "),
                opts.call_budget.as_millis()
            ),
            TIME_RULE,
        );
    }
    rt.reset();
}

fn check_policies(ctx: &mut Ctx) {
    let mut notes = Vec::new();
    let mut status = Status::Pass;
    for behavior in [0u32, 1, 2] {
        let Some((rt, s)) = session_with_provider(ctx, Some(behavior), "policies 0/1/2") else {
            return;
        };
        let (q, _, d) = client_sequence(s);
        let calls = rt
            .journal()
            .snapshot()
            .iter()
            .filter(|e| e.event_type == EventType::ProviderCall)
            .count();
        match behavior {
            2 if q == MAPI_E_NO_SUPPORT && calls == 0 => {
                notes.push("2: disabled, no provider call".to_owned())
            }
            2 => {
                status = Status::Fail;
                notes.push(format!("2: client answer {}", hresult_display(q)));
            }
            _ if q == S_OK && d == Some(S_OK) => {
                notes.push(format!("{behavior}: fast shutdown completes"))
            }
            _ => {
                status = status.max(Status::Warn);
                notes.push(match d {
                    Some(d) => format!(
                        "{behavior}: fast shutdown does not complete (client DoFastShutdown {})",
                        hresult_display(d)
                    ),
                    None => format!(
                        "{behavior}: fast shutdown does not happen (client QueryFastShutdown {})",
                        hresult_display(q)
                    ),
                });
            }
        }
        rt.reset();
    }
    ctx.add("policies 0/1/2", status, notes.join("; "), POLICY_RULE);
}

fn check_normal_shutdown(ctx: &mut Ctx) {
    let Some((rt, s)) = session_with_provider(ctx, None, "normal shutdown") else {
        return;
    };
    // SAFETY: a live session of the runtime.
    let logoff = unsafe { ((*(*s).lpVtbl).Logoff.expect("slot"))(s, 0, 0, 0) };
    // SAFETY: as above.
    unsafe { ((*(*s).lpVtbl).Release.expect("slot"))(s) };
    let events = rt.journal().snapshot();
    let shutdown = events
        .iter()
        .find(|e| e.event_type == EventType::ProviderCall && e.method == Method::Shutdown);
    let release = events
        .iter()
        .find(|e| e.event_type == EventType::ProviderCall && e.method == Method::Release);
    match (logoff, shutdown, release) {
        (S_OK, Some(sh), Some(rel)) if sh.hresult == S_OK => {
            let left = rel
                .message_str()
                .trim_start_matches("reference count now ")
                .to_owned();
            if left == "0" {
                ctx.add(
                    "normal shutdown",
                    Status::Pass,
                    "Logoff: Shutdown(&0) returned S_OK, then the last Release freed the object",
                    NORMAL_RULE,
                );
            } else {
                ctx.add("normal shutdown", Status::Warn, format!("Shutdown returned S_OK but the last Release left a reference count of {left} (a leak?)"), NORMAL_RULE);
            }
        }
        (_, Some(sh), _) => ctx.add(
            "normal shutdown",
            Status::Fail,
            format!("Shutdown returned {}", hresult_display(sh.hresult)),
            NORMAL_RULE,
        ),
        _ => ctx.add(
            "normal shutdown",
            Status::Fail,
            format!("Logoff returned {}", hresult_display(logoff)),
            NORMAL_RULE,
        ),
    }
    rt.uninitialize();
}

/// The optional hooks a provider library exports for `mockmapi check --exit-test`.
pub const EXIT_VERIFY_HOOK: &str = "mockmapi_exit_verify";
pub const EXIT_PREPARE_HOOK: &str = "mockmapi_exit_prepare";

#[cfg(any(unix, windows))]
fn check_exit(ctx: &mut Ctx, opts: &Options) {
    type Hook = unsafe extern "C" fn() -> HRESULT;
    let lib = ctx.lib.clone();
    // Without a verify hook the child still runs: a crash or a hang in DoFastShutdown is still found.
    let verify = lib.symbol::<Hook>(EXIT_VERIFY_HOOK);
    if let Some(prepare) = lib.symbol::<Hook>(EXIT_PREPARE_HOOK) {
        // SAFETY: the library's own hook, documented as taking no arguments.
        let hr = unsafe { prepare() };
        if !succeeded(hr) {
            ctx.add(
                "exit test",
                Status::Fail,
                format!("{EXIT_PREPARE_HOOK} returned {}", hresult_display(hr)),
                EXIT_RULE,
            );
            return;
        }
    }
    // SAFETY: the library's own hook, documented as taking no arguments.
    let mut run_verify = || verify.map_or(S_OK, |v| unsafe { v() });
    #[cfg(unix)]
    let report = {
        let _ = opts;
        let rt = Runtime::new(Config::default());
        let mut setup = || exit_setup(&rt, &lib, ctx.kind, &ctx.entry);
        rt.exit_test(
            &mut setup,
            Some(&mut run_verify),
            crate::runtime::exit_test::ExitOptions::default(),
        )
    };
    // Windows: the child is this program started again ([`exit_child`]).
    #[cfg(windows)]
    let report = child::exit_child_command(opts, ctx.kind, &ctx.entry).and_then(|cmd| {
        Runtime::new(Config::default()).exit_test_spawned(
            cmd,
            Some(&mut run_verify),
            crate::runtime::exit_test::ExitOptions::default(),
        )
    });
    match report {
        Ok(r) if r.passed() && verify.is_none() => ctx.add(
            "exit test",
            Status::Warn,
            format!(
                "the child completed the fast shutdown and exited without a crash or a hang, but the library does not \
                 export `HRESULT {EXIT_VERIFY_HOOK}(void)`, so whether its data survived was not checked"
            ),
            EXIT_RULE,
        ),
        Ok(r) if r.passed() => ctx.add("exit test", Status::Pass, r.summary, EXIT_RULE),
        Ok(r) => ctx.add("exit test", Status::Fail, r.summary, EXIT_RULE),
        Err(e) => ctx.add(
            "exit test",
            Status::Fail,
            format!("could not run: {e}"),
            EXIT_RULE,
        ),
    }
}

/// The exit test's setup, in the child: one session with the provider attached, holding no reference beyond
/// what Outlook would (the runtime's own is the only one), so a store that saves only when its last reference
/// goes is found out.
#[cfg(any(unix, windows))]
fn exit_setup(rt: &Runtime, lib: &Arc<Library>, kind: ProviderKind, entry: &str) -> HRESULT {
    rt.initialize(std::ptr::null_mut());
    let Ok(s) = rt.logon(Some("exit"), 0) else {
        return crate::com::MAPI_E_LOGON_FAILED;
    };
    match lib.init_provider(entry, 0, EntryPoints::PLAIN) {
        Ok((obj, _)) => {
            let hr = rt.add_provider(s, kind as u32, Some("provider"), obj.as_ptr());
            // SAFETY: the reference the entry point gave us.
            let _ = unsafe { obj.release() };
            hr
        }
        Err(_) => crate::com::MAPI_E_LOGON_FAILED,
    }
}

/// Windows: the exit test's child (`mockmapi` started again by the checking process): load the library, run
/// the setup and the client sequence, end the process.
#[cfg(windows)]
fn exit_child(opts: &Options, entry: &str) -> ! {
    let rt = Runtime::new(Config::default());
    let lib = Library::open(&opts.library).map(Arc::new);
    let kind = opts.kind.unwrap_or(ProviderKind::Transport);
    let mut setup = || match &lib {
        Ok(lib) => exit_setup(&rt, lib, kind, entry),
        Err(_) => crate::com::MAPI_E_LOGON_FAILED,
    };
    rt.exit_test_child(&mut setup)
}
