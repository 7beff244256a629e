//! mockmapi against a straight C coordinator compiled from C (`benches/c/baseline.c`), as ratios of
//! interleaved CPU-time medians. See `benches/README.md` for what each row measures and the figures.
//!
//! ```sh
//! cargo bench --bench vs_c                  # every row
//! cargo bench --bench vs_c -- fanout attach # rows whose name contains one of the words
//! ```
//!
//! Rows: `fanout` (Query+Notify+Do over 1,000 sessions × 3 providers), `percall` (1k, 10k, 100k providers),
//! `attach` (1k, 10k, 100k providers attached to one session), `forgot` (test cycles after tests that forgot a
//! `Release`), `yaml` (a process that loads a 1,000-value hive against one that does not), `reset` (a reset with
//! `MOCKMAPI_REGISTRY` set against one without), `memory` (resident memory over cycles with unique provider
//! names), `journal` (find / count_type / count_matching / expect on a long journal).
//!
//! Every time is the CPU time of the measuring thread (or of the child process), so other work on the machine
//! shows up as spread, not as a shift of one side. The C and the mockmapi side of a row run alternately, round
//! after round; a ratio is the ratio of the two medians, and its spread is the interquartile range of the
//! ratios of the pairs.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void, CString};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::ptr;

use mockmapi::com::{
    IID_IMAPIClientShutdown, IMAPIClientShutdown, IMAPISession, IUnknown, HRESULT, S_OK,
};
use mockmapi::ffi::harness::{
    mockmapi_event_filter, mockmapi_journal_count_matching, mockmapi_journal_expect,
    mockmapi_journal_find, MOCKMAPI_EXPECT_IN_ORDER,
};
use mockmapi::ffi::journal::{
    mockmapi_journal_count_type, MOCKMAPI_EVENT_PROVIDER_CALL, MOCKMAPI_METHOD_DO_FAST_SHUTDOWN,
    MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN, MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN,
};
use mockmapi::policy::DiscoveryInputs;
use mockmapi::runtime::loader::EntryPoints;
use mockmapi::runtime::{Config, Discovery, Runtime};

/// The child process of the `yaml` row: `empty` or `hive` (with `MOCKMAPI_REGISTRY` set by the parent).
const CHILD_ENV: &str = "MOCKMAPI_BENCH_CHILD";

// ---- the C side -------------------------------------------------------------------------------------

type Providers = *mut *mut c_void;

/// One record of the C coordinator (`struct record` in baseline.c).
#[repr(C)]
#[derive(Clone, Copy)]
struct Record {
    sequence: u64,
    session: u32,
    kind: u32,
    method: u32,
    hresult: HRESULT,
    provider: *const c_char,
    duration_ns: u64,
    object: *const c_void,
}

struct CLib {
    _lib: libloading::Library,
    providers_new: unsafe extern "C" fn(usize) -> Providers,
    providers_free: unsafe extern "C" fn(Providers, usize),
    provider_refs: unsafe extern "C" fn(Providers, usize) -> u32,
    round: unsafe extern "C" fn(Providers, usize, u32, *mut Record) -> HRESULT,
    round_tsc: unsafe extern "C" fn(Providers, usize, u32, *mut Record) -> HRESULT,
    attach: unsafe extern "C" fn(Providers, usize),
    find: unsafe extern "C" fn(*const Record, usize, usize, u32, *const c_char) -> usize,
    count: unsafe extern "C" fn(*const Record, usize, u32) -> usize,
}

impl CLib {
    /// Compile `benches/c/baseline.c` with the system C compiler (`CC`, else `cc`) at -O2 and load it.
    fn build() -> CLib {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/c/baseline.c");
        let dir = std::env::temp_dir().join(format!("mockmapi-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let lib = dir.join("libmockmapi_bench_baseline.so");
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let status = std::process::Command::new(&cc)
            .args(["-O2", "-std=c11", "-shared", "-fPIC", "-o"])
            .arg(&lib)
            .arg(&src)
            .status()
            .unwrap_or_else(|e| panic!("cannot run the C compiler '{cc}': {e}"));
        assert!(status.success(), "{cc} failed on {}", src.display());
        // SAFETY: our own library, whose initializers do nothing.
        unsafe {
            let l = libloading::Library::new(&lib).expect("load the C baseline");
            macro_rules! sym {
                ($name:literal) => {
                    *l.get($name.as_bytes()).expect($name)
                };
            }
            let size: unsafe extern "C" fn() -> usize = sym!("bl_record_size");
            assert_eq!(
                size(),
                std::mem::size_of::<Record>(),
                "struct record layout"
            );
            CLib {
                providers_new: sym!("bl_providers_new"),
                providers_free: sym!("bl_providers_free"),
                provider_refs: sym!("bl_provider_refs"),
                round: sym!("bl_round"),
                round_tsc: sym!("bl_round_tsc"),
                attach: sym!("bl_attach"),
                find: sym!("bl_find"),
                count: sym!("bl_count"),
                _lib: l,
            }
        }
    }
}

/// `n` C providers, shared by the C coordinator and mockmapi.
struct CProviders<'a> {
    c: &'a CLib,
    p: Providers,
    n: usize,
}

impl<'a> CProviders<'a> {
    fn new(c: &'a CLib, n: usize) -> Self {
        // SAFETY: plain allocation in C.
        CProviders {
            c,
            p: unsafe { (c.providers_new)(n) },
            n,
        }
    }
    fn get(&self, i: usize) -> *mut IUnknown {
        // SAFETY: i < n.
        unsafe { *self.p.add(i) as *mut IUnknown }
    }
    fn refs(&self, i: usize) -> u32 {
        // SAFETY: i < n.
        unsafe { (self.c.provider_refs)(self.p, i) }
    }
}

impl Drop for CProviders<'_> {
    fn drop(&mut self) {
        for i in 0..self.n {
            assert_eq!(
                self.refs(i),
                1,
                "a provider is freed while someone holds it"
            );
        }
        // SAFETY: nobody holds them any more.
        unsafe { (self.c.providers_free)(self.p, self.n) }
    }
}

/// The C coordinator's round over `n` providers.
struct CRound<'a> {
    prov: CProviders<'a>,
    records: Vec<Record>,
}

impl<'a> CRound<'a> {
    fn new(c: &'a CLib, n: usize) -> Self {
        CRound {
            prov: CProviders::new(c, n),
            records: Vec::with_capacity(3 * n),
        }
    }
    fn run(&mut self, methods: u32) -> HRESULT {
        self.run_with(self.prov.c.round, methods)
    }
    fn run_tsc(&mut self, methods: u32) -> HRESULT {
        self.run_with(self.prov.c.round_tsc, methods)
    }
    fn run_with(
        &mut self,
        round: unsafe extern "C" fn(Providers, usize, u32, *mut Record) -> HRESULT,
        methods: u32,
    ) -> HRESULT {
        // SAFETY: the array has room for `methods * n` records.
        unsafe { round(self.prov.p, self.prov.n, methods, self.records.as_mut_ptr()) }
    }
}

// ---- measuring --------------------------------------------------------------------------------------

/// CPU time of this thread, in nanoseconds.
fn cpu_ns() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e9 + ts.tv_nsec as f64
}

/// CPU time `f` takes on this thread.
fn timed(f: impl FnOnce()) -> f64 {
    let t = cpu_ns();
    f();
    cpu_ns() - t
}

/// Median and interquartile range.
#[derive(Clone, Copy)]
struct Stat {
    med: f64,
    q1: f64,
    q3: f64,
}

fn stat(v: &[f64]) -> Stat {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    Stat {
        med: at(0.5),
        q1: at(0.25),
        q3: at(0.75),
    }
}

impl Stat {
    fn scaled(self, k: f64) -> Stat {
        Stat {
            med: self.med * k,
            q1: self.q1 * k,
            q3: self.q3 * k,
        }
    }
}

impl std::fmt::Display for Stat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let u = |x: f64| {
            if x >= 1e9 {
                format!("{:.2} s", x / 1e9)
            } else if x >= 1e6 {
                format!("{:.2} ms", x / 1e6)
            } else if x >= 1e3 {
                format!("{:.2} µs", x / 1e3)
            } else {
                format!("{x:.1} ns")
            }
        };
        write!(f, "{} [{}–{}]", u(self.med), u(self.q1), u(self.q3))
    }
}

/// Two series measured alternately, and the ratio of their medians with the spread of the pair ratios.
struct Pair {
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Pair {
    fn new() -> Pair {
        Pair {
            a: Vec::new(),
            b: Vec::new(),
        }
    }
    fn push(&mut self, a: f64, b: f64) {
        self.a.push(a);
        self.b.push(b);
    }
    fn ratio(&self) -> (f64, Stat) {
        let r: Vec<f64> = self.a.iter().zip(&self.b).map(|(a, b)| a / b).collect();
        (stat(&self.a).med / stat(&self.b).med, stat(&r))
    }
}

fn ratio_text(p: &Pair) -> String {
    let (r, s) = p.ratio();
    format!("{r:.2}× [{:.2}–{:.2}]", s.q1, s.q3)
}

fn row(name: &str, goal: &str, measured: &str, met: bool) {
    println!(
        "{name:<34} {goal:<30} {measured}  => {}",
        if met { "MET" } else { "NOT MET" }
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

// ---- driving mockmapi ---------------------------------------------------------------------------------

const KINDS: [(u32, &str); 3] = [(1, "transport"), (2, "address-book"), (3, "store")];

/// `session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, &cs)`.
fn client_shutdown(session: *mut IMAPISession) -> *mut IMAPIClientShutdown {
    let mut out: *mut c_void = ptr::null_mut();
    // SAFETY: a session the caller holds.
    let hr = unsafe {
        let qi = (*(*session).lpVtbl).QueryInterface.expect("slot");
        qi(session, &IID_IMAPIClientShutdown, &mut out)
    };
    assert_eq!(hr, S_OK, "QueryInterface(IID_IMAPIClientShutdown)");
    out.cast()
}

/// The first `methods` of Query, Notify, Do through the client's vtable.
///
/// # Safety
/// `cs` is a live `IMAPIClientShutdown` the caller holds.
unsafe fn client_calls(cs: *mut IMAPIClientShutdown, methods: usize) -> HRESULT {
    let v = &*(*cs).lpVtbl;
    let all = [
        v.QueryFastShutdown.expect("slot"),
        v.NotifyProcessShutdown.expect("slot"),
        v.DoFastShutdown.expect("slot"),
    ];
    let mut worst = S_OK;
    for f in &all[..methods] {
        worst = worst.min(f(cs));
    }
    worst
}

/// # Safety
/// `p` is a COM pointer the caller holds a reference on; it is given up.
unsafe fn release<T>(p: *mut T) {
    let unk = p as *mut IUnknown;
    (*(*unk).lpVtbl).Release.expect("slot")(unk);
}

/// A runtime with the providers spread over sessions of three (transport, address book, store).
struct Fixture<'a> {
    rt: Runtime,
    prov: &'a CProviders<'a>,
    sessions: Vec<*mut IMAPISession>,
    cs: *mut IMAPIClientShutdown,
}

impl<'a> Fixture<'a> {
    fn new(rt: Runtime, prov: &'a CProviders<'a>) -> Self {
        let mut f = Fixture {
            rt,
            prov,
            sessions: Vec::new(),
            cs: ptr::null_mut(),
        };
        f.relogon();
        f
    }

    fn release_client(&mut self) {
        // SAFETY: references this fixture holds.
        unsafe {
            if !self.cs.is_null() {
                release(self.cs);
            }
            for s in self.sessions.drain(..) {
                release(s);
            }
        }
        self.cs = ptr::null_mut();
    }

    /// reset, MAPIInitialize, one logon per three providers, attach, QueryInterface; journal cleared.
    fn relogon(&mut self) {
        self.release_client();
        self.rt.reset();
        assert_eq!(self.rt.initialize(ptr::null_mut()), S_OK);
        for i in 0..self.prov.n {
            if i % 3 == 0 {
                self.sessions
                    .push(self.rt.logon(Some("bench"), 0).expect("MAPILogonEx"));
            }
            let (kind, name) = KINDS[i % 3];
            let s = *self.sessions.last().expect("a session");
            assert_eq!(
                self.rt.add_provider(s, kind, Some(name), self.prov.get(i)),
                S_OK
            );
        }
        self.rt.journal().clear();
        self.cs = client_shutdown(self.sessions[0]);
    }

    /// One measured Query+Notify+Do round (after an untimed relogon); checks it is journaled.
    fn round(&mut self) -> f64 {
        self.relogon();
        let mut hr = 0;
        // SAFETY: `cs` is held by the fixture.
        let t = timed(|| hr = unsafe { client_calls(self.cs, 3) });
        assert_eq!(hr, S_OK);
        t
    }

    /// One measured round (after an untimed relogon), each client call timed on its own.
    fn round_phases(&mut self) -> [f64; 3] {
        self.relogon();
        // SAFETY: `cs` is held by the fixture.
        let v = unsafe { &*(*self.cs).lpVtbl };
        let calls = [
            v.QueryFastShutdown.expect("slot"),
            v.NotifyProcessShutdown.expect("slot"),
            v.DoFastShutdown.expect("slot"),
        ];
        let mut t = [0.0; 3];
        for (k, f) in calls.iter().enumerate() {
            let mut hr = 0;
            // SAFETY: `cs` is held by the fixture.
            t[k] = timed(|| hr = unsafe { f(self.cs) });
            assert_eq!(hr, S_OK);
        }
        t
    }

    /// Check once that a round journals one provider-call event per provider call and no violation.
    fn check(&mut self) {
        self.round();
        let calls = mockmapi::runtime::expect::Filter {
            event_type: Some(mockmapi::runtime::EventType::ProviderCall),
            ..Default::default()
        };
        let n = self
            .rt
            .journal()
            .snapshot()
            .iter()
            .filter(|e| calls.matches(e))
            .count();
        assert!(
            n >= 3 * self.prov.n,
            "every provider call is journaled ({n})"
        );
        assert_eq!(self.rt.violation_count(), 0);
    }
}

impl Drop for Fixture<'_> {
    fn drop(&mut self) {
        self.release_client();
        self.rt.reset();
    }
}

// ---- the rows ---------------------------------------------------------------------------------------

fn fanout(c: &CLib) {
    let prov = CProviders::new(c, 3_000);
    let mut f = Fixture::new(Runtime::new(Config::default()), &prov);
    f.check();
    let mut base = CRound::new(c, 3_000);
    let mut p = Pair::new();
    let mut tsc = Pair::new();
    for _ in 0..41 {
        let a = f.round();
        let b = timed(|| assert_eq!(base.run(3), S_OK));
        let c = timed(|| assert_eq!(base.run_tsc(3), S_OK));
        p.push(a, b);
        tsc.push(a, c);
    }
    let (r, _) = p.ratio();
    row(
        "fan-out 1,000×3, Q+N+D, journal on",
        "≤ 1.5× the C loop",
        &format!(
            "mockmapi {} ({:.0} ns/call), C {} ({:.0} ns/call), ratio {}; against C reading the TSC: C {} \
             ({:.0} ns/call), ratio {}",
            stat(&p.a),
            stat(&p.a).med / 9_000.0,
            stat(&p.b),
            stat(&p.b).med / 9_000.0,
            ratio_text(&p),
            stat(&tsc.b),
            stat(&tsc.b).med / 9_000.0,
            ratio_text(&tsc)
        ),
        r <= 1.5,
    );
}

fn percall(c: &CLib) {
    let mut per = Vec::new();
    // `MOCKMAPI_BENCH_PERCALL_ONLY=100000` measures one size (to profile it).
    let only: Option<usize> = std::env::var("MOCKMAPI_BENCH_PERCALL_ONLY")
        .ok()
        .and_then(|v| v.parse().ok());
    for (n, rounds) in [(1_000usize, 41), (10_000, 15), (100_000, 7)] {
        if only.is_some_and(|o| o != n) {
            continue;
        }
        let prov = CProviders::new(c, n);
        let mut f = Fixture::new(Runtime::new(Config::default()), &prov);
        f.check();
        let mut base = CRound::new(c, n);
        let mut p = Pair::new();
        let mut phases: [Vec<f64>; 3] = Default::default();
        for _ in 0..rounds {
            let t = f.round_phases();
            let b = timed(|| assert_eq!(base.run(3), S_OK));
            p.push(t.iter().sum(), b);
            for (v, t) in phases.iter_mut().zip(t) {
                v.push(t / n as f64);
            }
        }
        let k = 1.0 / (3 * n) as f64;
        println!(
            "    {n:>7} providers: per provider call, Query {:.1} ns, Notify {:.1} ns, Do {:.1} ns",
            stat(&phases[0]).med,
            stat(&phases[1]).med,
            stat(&phases[2]).med
        );
        println!(
            "    {n:>7} providers: mockmapi {} per call, C {} per call, ratio {}",
            stat(&p.a).scaled(k),
            stat(&p.b).scaled(k),
            ratio_text(&p)
        );
        per.push(stat(&p.a).med * k);
    }
    if per.len() < 3 {
        return;
    }
    let step =
        per.iter().copied().fold(0.0, f64::max) / per.iter().copied().fold(f64::MAX, f64::min);
    row(
        "per-call cost 1k → 100k providers",
        "flat within 5%",
        &format!(
            "mockmapi {:.0} / {:.0} / {:.0} ns per call, max/min {:.2}",
            per[0], per[1], per[2], step
        ),
        step <= 1.05,
    );
}

fn attach(c: &CLib) {
    let max: usize = std::env::var("MOCKMAPI_BENCH_ATTACH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut per = Vec::new();
    for (n, rounds) in [(1_000usize, 21), (10_000, 9), (100_000, 5)] {
        if n > max {
            continue;
        }
        let prov = CProviders::new(c, n);
        let rt = Runtime::new(Config::default());
        let mut p = Pair::new();
        for _ in 0..rounds {
            rt.reset();
            assert_eq!(rt.initialize(ptr::null_mut()), S_OK);
            let s = rt.logon(Some("bench"), 0).expect("MAPILogonEx");
            let a = timed(|| {
                for i in 0..n {
                    // Unnamed: the runtime names them <kind>-<n>.
                    assert_eq!(rt.add_provider(s, KINDS[i % 3].0, None, prov.get(i)), S_OK);
                }
            });
            // SAFETY: the session from logon.
            unsafe { release(s) };
            rt.reset();
            // SAFETY: the providers are live.
            let b = timed(|| unsafe { (c.attach)(prov.p, n) });
            p.push(a, b);
        }
        let k = 1.0 / n as f64;
        println!(
            "    {n:>7} providers to one session: mockmapi {} (per provider {}), C {} per provider, ratio {}",
            stat(&p.a),
            stat(&p.a).scaled(k),
            stat(&p.b).scaled(k),
            ratio_text(&p)
        );
        per.push((n, stat(&p.a).med * k));
    }
    let (first, last) = (per[0], per[per.len() - 1]);
    row(
        "attach 100k providers, one session",
        "O(1) amortized per provider",
        &format!(
            "{:.0} ns per provider at {}, {:.0} ns at {} (×{:.2})",
            first.1,
            first.0,
            last.1,
            last.0,
            last.1 / first.1
        ),
        last.0 == 100_000 && last.1 / first.1 <= 1.5,
    );
}

/// One test as a provider author writes it; `forget` leaves the session unreleased; `names` gives the
/// providers unique names.
fn test_cycle(rt: &Runtime, prov: &CProviders<'_>, forget: bool, names: Option<usize>) {
    assert_eq!(rt.initialize(ptr::null_mut()), S_OK);
    let s = rt.logon(Some("default"), 0).expect("MAPILogonEx");
    for (i, (kind, name)) in KINDS.iter().enumerate() {
        let unique;
        let name = match names {
            Some(cycle) => {
                unique = format!("{name}-{cycle}");
                unique.as_str()
            }
            None => name,
        };
        assert_eq!(rt.add_provider(s, *kind, Some(name), prov.get(i)), S_OK);
    }
    let cs = client_shutdown(s);
    // SAFETY: held until released below.
    assert_eq!(unsafe { client_calls(cs, 3) }, S_OK);
    assert_eq!(rt.violation_count(), 0);
    // SAFETY: references taken above.
    unsafe {
        release(cs);
        if !forget {
            release(s);
        }
    }
    rt.reset();
}

fn forgot(c: &CLib) {
    let cycles: usize = std::env::var("MOCKMAPI_BENCH_FORGOT_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let prov = CProviders::new(c, 3);
    let leaky = Runtime::new(Config::default());
    let clean = Runtime::new(Config::default());
    const BATCH: usize = 100;
    // Early: the first cycles of the leaky runtime against clean cycles.
    let mut early = Pair::new();
    let mut done = 0;
    for _ in 0..10 {
        let a = timed(|| (0..BATCH).for_each(|_| test_cycle(&leaky, &prov, true, None)));
        let b = timed(|| (0..BATCH).for_each(|_| test_cycle(&clean, &prov, false, None)));
        early.push(a / BATCH as f64, b / BATCH as f64);
        done += BATCH;
    }
    while done < cycles {
        test_cycle(&leaky, &prov, true, None);
        done += 1;
    }
    let mut late = Pair::new();
    for _ in 0..10 {
        let a = timed(|| (0..BATCH).for_each(|_| test_cycle(&leaky, &prov, true, None)));
        let b = timed(|| (0..BATCH).for_each(|_| test_cycle(&clean, &prov, false, None)));
        late.push(a / BATCH as f64, b / BATCH as f64);
    }
    let growth = stat(&late.a).med / stat(&early.a).med;
    row(
        "test cycle after forgotten Release",
        "flat over cycles",
        &format!(
            "first {} cycles: {} per cycle (clean {}); after {done}: {} per cycle (clean {}); growth ×{growth:.2}",
            10 * BATCH,
            stat(&early.a),
            stat(&early.b),
            stat(&late.a),
            stat(&late.b)
        ),
        growth <= 1.2,
    );
    drop(leaky);
    drop(clean);
    // The sessions the leaky runtime handed out are never released (that is the test's mistake); the
    // providers were released by the resets.
    drop(prov);
}

/// A YAML hive with `n` DWORD values under 100 keys.
fn hive_file(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("HKEY_CURRENT_USER:\n");
    for k in 0..100 {
        text.push_str(&format!("  Software\\Vendor\\Bench\\Key{k}:\n"));
        for v in 0..n / 100 {
            text.push_str(&format!("    Value{v}: {}\n", k * 1000 + v));
        }
    }
    let path = dir.join("hive.yaml");
    std::fs::write(&path, text).expect("write the hive");
    path
}

/// The child of the `yaml` row: MAPIInitialize (which reads the configuration), one registry read, exit.
fn child(mode: &str) {
    // SAFETY: plain MAPI calls.
    let hr = unsafe { mockmapi::ffi::mapi::MAPIInitialize(ptr::null_mut()) };
    assert_eq!(hr, S_OK);
    let mut v = 0u32;
    let key = CString::new("HKCU\\Software\\Vendor\\Bench\\Key99").unwrap();
    // SAFETY: valid strings and out-pointer.
    let hr = unsafe {
        mockmapi::ffi::control::mockmapi_registry_get_dword(
            key.as_ptr(),
            c"Value9".as_ptr(),
            &mut v,
        )
    };
    match mode {
        "hive" => assert!(hr == S_OK && v == 99_009, "the hive was loaded"),
        _ => assert_ne!(hr, S_OK, "no hive"),
    }
    // SAFETY: balanced with the MAPIInitialize above.
    unsafe { mockmapi::ffi::mapi::MAPIUninitialize() };
    std::process::exit(0);
}

/// Run this executable as a child in `mode`; its CPU time (user + system) in nanoseconds.
// The child is reaped by `wait4`, which also gives its CPU time.
#[allow(clippy::zombie_processes)]
fn spawn_child(dir: &Path, mode: &str, hive: Option<&Path>) -> f64 {
    let mut cmd = std::process::Command::new(std::env::current_exe().expect("current exe"));
    cmd.env(CHILD_ENV, mode)
        .env_remove("MOCKMAPI_CONFIG")
        .env_remove("MOCKMAPI_REGISTRY")
        .env_remove("MOCKMAPI_LOG")
        .env_remove("MOCKMAPI_JOURNAL")
        .current_dir(dir);
    if let Some(h) = hive {
        cmd.env("MOCKMAPI_REGISTRY", h);
    }
    let child = cmd.spawn().expect("spawn the child");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    assert_eq!(pid, child.id() as i32);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "child {mode} failed"
    );
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1e9 + t.tv_usec as f64 * 1e3;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn yaml(dir: &Path) {
    let hive = hive_file(dir, 1_000);
    let mut p = Pair::new();
    for _ in 0..41 {
        let a = spawn_child(dir, "hive", Some(&hive));
        let b = spawn_child(dir, "empty", None);
        p.push(a, b);
    }
    let (r, _) = p.ratio();
    // In process: the load alone.
    let mut load = Vec::new();
    for _ in 0..21 {
        load.push(timed(|| {
            black_box(mockmapi::policy::load_registry_file(&hive).expect("loads"));
        }));
    }
    row(
        "process with a 1,000-value YAML hive",
        "≤ 1.2× an empty process",
        &format!(
            "with hive {} CPU, empty {} CPU, ratio {}; the load alone {} ({:.0} ns per value)",
            stat(&p.a),
            stat(&p.b),
            ratio_text(&p),
            stat(&load),
            stat(&load).med / 1_000.0
        ),
        r <= 1.2,
    );
}

fn reset(dir: &Path) {
    let hive = hive_file(dir, 1_000);
    let small = {
        let p = dir.join("small.yaml");
        std::fs::write(
            &p,
            "HKEY_CURRENT_USER:\n  Software\\Vendor\\Bench\\Key99:\n    Value9: 99009\n",
        )
        .expect("write");
        p
    };
    // A configuration file is not edited while tests run: date both files an hour back, as files written
    // before the run are. (A file modified in the last 2 s is compared by content at each reset, since
    // file-system clocks are coarse; that path is not what this row measures.)
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in [&hive, &small] {
        std::fs::File::options()
            .write(true)
            .open(f)
            .and_then(|f| f.set_modified(an_hour_ago))
            .expect("date the file");
    }
    let with = Runtime::discovering(
        Discovery::Given(DiscoveryInputs {
            config_env: None,
            registry_env: Some(hive.into_os_string()),
            cwd: Some(dir.to_path_buf()),
        }),
        EntryPoints::PLAIN,
    );
    let without = Runtime::discovering(
        Discovery::Given(DiscoveryInputs {
            config_env: None,
            registry_env: None,
            cwd: Some(dir.to_path_buf()),
        }),
        EntryPoints::PLAIN,
    );
    let one_value = Runtime::discovering(
        Discovery::Given(DiscoveryInputs {
            config_env: None,
            registry_env: Some(small.into_os_string()),
            cwd: Some(dir.to_path_buf()),
        }),
        EntryPoints::PLAIN,
    );
    let cycle = |rt: &Runtime| {
        assert_eq!(rt.initialize(ptr::null_mut()), S_OK);
        rt.reset();
    };
    cycle(&with);
    assert_eq!(
        with.registry_last_error(),
        None,
        "the hive file loads at each reset"
    );
    cycle(&one_value);
    const BATCH: usize = 20;
    let (mut p, mut q) = (Pair::new(), Pair::new());
    for _ in 0..31 {
        let a = timed(|| (0..BATCH).for_each(|_| cycle(&with)));
        let b = timed(|| (0..BATCH).for_each(|_| cycle(&without)));
        let c = timed(|| (0..BATCH).for_each(|_| cycle(&one_value)));
        p.push(a / BATCH as f64, b / BATCH as f64);
        q.push(a / BATCH as f64, c / BATCH as f64);
    }
    let (r, _) = q.ratio();
    row(
        "reset with MOCKMAPI_REGISTRY (1,000 values)",
        "not parsed again: ≈ a 1-value file",
        &format!(
            "with {} per initialize+reset, with a 1-value file {} (ratio {}), without a file {} (ratio {})",
            stat(&p.a),
            stat(&q.b),
            ratio_text(&q),
            stat(&p.b),
            ratio_text(&p)
        ),
        r <= 1.2,
    );
}

/// Resident memory of this process, in bytes.
fn rss() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    // SAFETY: sysconf has no preconditions.
    pages * unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64
}

fn memory(c: &CLib) {
    let cycles: usize = std::env::var("MOCKMAPI_BENCH_MEMORY_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let prov = CProviders::new(c, 3);
    let rt = Runtime::new(Config::default());
    let warm = 20_000;
    for i in 0..warm {
        test_cycle(&rt, &prov, false, Some(i));
    }
    let before = rss();
    for i in warm..warm + cycles {
        test_cycle(&rt, &prov, false, Some(i));
    }
    let after = rss();
    let per = (after - before) / cycles as f64;
    row(
        "memory, cycles with unique names",
        "flat",
        &format!(
            "resident {:.1} MB after {warm} cycles, {:.1} MB after {} more: {per:.1} bytes per cycle",
            before / 1e6,
            after / 1e6,
            cycles
        ),
        per < 8.0,
    );
}

fn journal(c: &CLib) {
    // The process-wide runtime, as C tests read it; 1,000 sessions × 3 providers, Query+Notify rounds until
    // the journal is 670k events long.
    let rt = mockmapi::ffi::runtime();
    let prov = CProviders::new(c, 3_000);
    let f = Fixture::new(rt.clone(), &prov);
    let target = 670_000;
    let mut rounds = 0;
    while rt.journal().len() < target {
        // SAFETY: held by the fixture.
        assert_eq!(unsafe { client_calls(f.cs, 2) }, S_OK);
        rounds += 1;
    }
    let n = rt.journal().len();
    // The same number of C records.
    let mut base = CRound::new(c, 3_000);
    let mut records: Vec<Record> = Vec::with_capacity(n + 6_000);
    while records.len() < n {
        base.run(2);
        // SAFETY: `run` wrote 6,000 records.
        unsafe { base.records.set_len(6_000) };
        records.extend_from_slice(&base.records);
    }
    records.truncate(n);
    let store = CString::new("store").unwrap();
    let filter = mockmapi_event_filter {
        event_type: MOCKMAPI_EVENT_PROVIDER_CALL,
        session: 0,
        provider_kind: 0,
        method: MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN,
        provider_name: store.as_ptr(),
        check_hresult: 0,
        hresult: 0,
    };
    let start = n - 10_000;
    let (mut find, mut count_type, mut count_matching, mut expect) =
        (Pair::new(), Pair::new(), Pair::new(), Pair::new());
    // In order: the last session's store got Query then Notify in every round; matching them all walks the
    // whole journal.
    let last = mockmapi_event_filter {
        session: 1_000,
        ..filter
    };
    let expected: Vec<mockmapi_event_filter> = (0..rounds)
        .flat_map(|_| {
            [
                mockmapi_event_filter {
                    method: MOCKMAPI_METHOD_QUERY_FAST_SHUTDOWN,
                    ..last
                },
                last,
            ]
        })
        .collect();
    for _ in 0..11 {
        let mut at = 0;
        // SAFETY: valid filter and out-pointer.
        let a = timed(|| {
            assert_eq!(
                unsafe { mockmapi_journal_find(&filter, start, &mut at) },
                S_OK
            )
        });
        // SAFETY: the records are initialized.
        let b = timed(|| {
            black_box(unsafe {
                (c.find)(
                    records.as_ptr(),
                    n,
                    start,
                    MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN,
                    store.as_ptr(),
                )
            });
        });
        find.push(a, b);
        let a = timed(|| {
            black_box(mockmapi_journal_count_type(MOCKMAPI_EVENT_PROVIDER_CALL));
        });
        // SAFETY: as above.
        let b = timed(|| {
            black_box(unsafe {
                (c.count)(records.as_ptr(), n, MOCKMAPI_METHOD_NOTIFY_PROCESS_SHUTDOWN)
            });
        });
        count_type.push(a, b);
        // SAFETY: a valid filter.
        let a = timed(|| {
            black_box(unsafe { mockmapi_journal_count_matching(&filter) });
        });
        // SAFETY: as above.
        let b = timed(|| {
            black_box(unsafe { (c.find)(records.as_ptr(), n, 0, u32::MAX, store.as_ptr()) });
        });
        count_matching.push(a, b);
        // SAFETY: valid filters; no diff buffer.
        let a = timed(|| {
            let hr = unsafe {
                mockmapi_journal_expect(
                    expected.as_ptr(),
                    expected.len(),
                    MOCKMAPI_EXPECT_IN_ORDER,
                    ptr::null_mut(),
                    0,
                    ptr::null_mut(),
                )
            };
            assert_eq!(hr, S_OK, "the expectations match");
        });
        // SAFETY: as above.
        let b = timed(|| {
            black_box(unsafe {
                (c.find)(
                    records.as_ptr(),
                    n,
                    0,
                    MOCKMAPI_METHOD_DO_FAST_SHUTDOWN,
                    store.as_ptr(),
                )
            });
        });
        expect.push(a, b);
    }
    for (what, p) in [
        ("find (10k events from the end)", &find),
        ("count_type", &count_type),
        ("count_matching", &count_matching),
        ("expect (in order, walks all)", &expect),
    ] {
        println!(
            "    {what:<32} mockmapi {}, C {}, ratio {}",
            stat(&p.a),
            stat(&p.b),
            ratio_text(p)
        );
    }
    let worst = [&count_type, &count_matching, &expect]
        .iter()
        .map(|p| p.ratio().0)
        .fold(0.0, f64::max);
    let find_ratio = find.ratio().0;
    row(
        &format!("journal readers, {n} events"),
        "no copy: O(events read)",
        &format!(
            "find near the end {} (×{find_ratio:.1} C); whole-journal readers ≤ ×{worst:.1} C",
            stat(&find.a)
        ),
        find_ratio <= 10.0 && worst <= 10.0,
    );
    drop(f);
    rt.journal().clear();
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        child(&mode);
        return;
    }
    // `cargo bench` passes `--bench`; other words select rows.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |name: &str| words.is_empty() || words.iter().any(|w| name.contains(w.as_str()));
    let c = CLib::build();
    let dir = std::env::temp_dir().join(format!("mockmapi-bench-{}", std::process::id()));
    println!("load average at start: {}", load_average());
    if want("fanout") {
        fanout(&c);
    }
    if want("percall") {
        percall(&c);
    }
    if want("attach") {
        attach(&c);
    }
    if want("forgot") {
        forgot(&c);
    }
    if want("yaml") {
        yaml(&dir);
    }
    if want("reset") {
        reset(&dir);
    }
    if want("memory") {
        memory(&c);
    }
    if want("journal") {
        journal(&c);
    }
    println!("load average at end: {}", load_average());
    let _ = std::fs::remove_dir_all(&dir);
}
