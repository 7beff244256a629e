//! Fast-shutdown benchmarks (see `benches/README.md` for what each one measures and the numbers).
//!
//! - `fast_shutdown/1000x3/mockmapi`: one client QueryFastShutdown + NotifyProcessShutdown + DoFastShutdown
//!   round over 1,000 sessions × 3 providers through a [`Runtime`], journal on.
//! - `fast_shutdown/1000x3/baseline`: the same 9,000 provider calls as a straight loop: QueryInterface,
//!   the method, Release, two clock reads and one record push into a pre-reserved `Vec`.
//! - `fast_shutdown/1000x3_query_notify/{mockmapi,baseline}`: the repeatable part (Query + Notify) on a warm
//!   runtime, against the same two methods in the straight loop.
//! - `fast_shutdown/providers/{10,100,1000,3000}`: the mockmapi round at several provider counts.
//! - `cycle/mockmapi`: initialize, logon, 3 providers, QueryFastShutdown/Notify/Do, reset.
//!
//! Providers are `#[repr(C)]` COM objects with `extern "system"` vtables, shaped as a C provider is
//! (`lpVtbl` first, an embedded `IMAPIProviderShutdown` sharing one atomic reference count). They are
//! created once, outside every measured loop.
//!
//! Before the criterion groups run, the mockmapi/baseline ratio is also printed from interleaved pairs of
//! rounds (see [`paired`]), which stays stable when other work shares the machine.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_void, CString};
use std::hint::black_box;
use std::mem::{offset_of, size_of};
use std::ptr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};

use mockmapi::com::{
    mockmapi_provider, mockmapi_provider_vtbl, IID_IMAPIClientShutdown, IID_IMAPIProviderShutdown,
    IID_IUnknown, IMAPIClientShutdown, IMAPIProviderShutdown, IMAPIProviderShutdownVtbl,
    IMAPISession, IUnknown, E_INVALIDARG, E_NOINTERFACE, E_POINTER, HRESULT, REFIID, S_OK, ULONG,
};
use mockmapi::runtime::{Config, Event, EventType, Runtime};

// ---- a provider, written the way a C provider is -------------------------------------------------

/// A provider object: `lpVtbl` first (the IXPProvider/IABProvider/IMSProvider prefix: IUnknown + Shutdown),
/// then an embedded `IMAPIProviderShutdown` sharing the same reference count.
#[repr(C)]
struct BenchProvider {
    lpVtbl: *const mockmapi_provider_vtbl,
    shutdown: IMAPIProviderShutdown,
    refs: AtomicU32,
}

impl BenchProvider {
    /// A heap provider holding one reference (the caller's). Freed by [`BenchProvider::free`].
    fn new() -> *mut BenchProvider {
        Box::into_raw(Box::new(BenchProvider {
            lpVtbl: &PROVIDER_VTBL,
            shutdown: IMAPIProviderShutdown {
                lpVtbl: &PROVIDER_SHUTDOWN_VTBL,
            },
            refs: AtomicU32::new(1),
        }))
    }

    /// # Safety
    /// `p` comes from [`BenchProvider::new`] and nobody else holds a reference any more.
    unsafe fn free(p: *mut BenchProvider) {
        let refs = (*p).refs.load(Ordering::Acquire);
        assert_eq!(
            refs, 1,
            "a provider is freed while the runtime still holds it"
        );
        drop(Box::from_raw(p));
    }

    /// # Safety
    /// `p` points at the `shutdown` field of a live `BenchProvider`.
    unsafe fn from_shutdown<'a>(p: *mut IMAPIProviderShutdown) -> &'a BenchProvider {
        &*((p as *mut u8).sub(offset_of!(BenchProvider, shutdown)) as *const BenchProvider)
    }

    fn query_interface(&self, riid: REFIID, ppv: *mut *mut c_void) -> HRESULT {
        if ppv.is_null() {
            return E_POINTER;
        }
        // SAFETY: COM contract: a non-NULL riid points at an IID, a non-NULL ppv is writable.
        unsafe {
            let Some(iid) = riid.as_ref() else {
                *ppv = ptr::null_mut();
                return E_INVALIDARG;
            };
            let out: *mut c_void = if *iid == IID_IMAPIProviderShutdown {
                &self.shutdown as *const IMAPIProviderShutdown as *mut c_void
            } else if *iid == IID_IUnknown {
                self as *const BenchProvider as *mut c_void
            } else {
                *ppv = ptr::null_mut();
                return E_NOINTERFACE;
            };
            self.refs.fetch_add(1, Ordering::Relaxed);
            *ppv = out;
        }
        S_OK
    }

    fn add_ref(&self) -> ULONG {
        self.refs.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn release(&self) -> ULONG {
        // The objects are freed by the benchmark, never at zero, so that they can be reused across resets.
        self.refs.fetch_sub(1, Ordering::AcqRel) - 1
    }
}

unsafe extern "system" fn bp_QueryInterface(
    This: *mut mockmapi_provider,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    (*(This as *const BenchProvider)).query_interface(riid, ppv)
}
unsafe extern "system" fn bp_AddRef(This: *mut mockmapi_provider) -> ULONG {
    (*(This as *const BenchProvider)).add_ref()
}
unsafe extern "system" fn bp_Release(This: *mut mockmapi_provider) -> ULONG {
    (*(This as *const BenchProvider)).release()
}
unsafe extern "system" fn bp_Shutdown(
    _This: *mut mockmapi_provider,
    _flags: *mut ULONG,
) -> HRESULT {
    S_OK
}

static PROVIDER_VTBL: mockmapi_provider_vtbl = mockmapi_provider_vtbl {
    QueryInterface: Some(bp_QueryInterface),
    AddRef: Some(bp_AddRef),
    Release: Some(bp_Release),
    Shutdown: Some(bp_Shutdown),
};

unsafe extern "system" fn ps_QueryInterface(
    This: *mut IMAPIProviderShutdown,
    riid: REFIID,
    ppv: *mut *mut c_void,
) -> HRESULT {
    BenchProvider::from_shutdown(This).query_interface(riid, ppv)
}
unsafe extern "system" fn ps_AddRef(This: *mut IMAPIProviderShutdown) -> ULONG {
    BenchProvider::from_shutdown(This).add_ref()
}
unsafe extern "system" fn ps_Release(This: *mut IMAPIProviderShutdown) -> ULONG {
    BenchProvider::from_shutdown(This).release()
}
unsafe extern "system" fn ps_QueryFastShutdown(_This: *mut IMAPIProviderShutdown) -> HRESULT {
    S_OK
}
unsafe extern "system" fn ps_NotifyProcessShutdown(_This: *mut IMAPIProviderShutdown) -> HRESULT {
    S_OK
}
unsafe extern "system" fn ps_DoFastShutdown(_This: *mut IMAPIProviderShutdown) -> HRESULT {
    S_OK
}

static PROVIDER_SHUTDOWN_VTBL: IMAPIProviderShutdownVtbl = IMAPIProviderShutdownVtbl {
    QueryInterface: Some(ps_QueryInterface),
    AddRef: Some(ps_AddRef),
    Release: Some(ps_Release),
    QueryFastShutdown: Some(ps_QueryFastShutdown),
    NotifyProcessShutdown: Some(ps_NotifyProcessShutdown),
    DoFastShutdown: Some(ps_DoFastShutdown),
};

/// The provider kinds in the order of a session's profile: transport, address book, store.
const KINDS: [(u32, &str); 3] = [(1, "transport"), (2, "address-book"), (3, "store")];

// ---- driving the runtime through its client interfaces -------------------------------------------

/// `session->lpVtbl->QueryInterface(session, &IID_IMAPIClientShutdown, &cs)`.
fn client_shutdown(session: *mut IMAPISession) -> *mut IMAPIClientShutdown {
    let mut out: *mut c_void = ptr::null_mut();
    // SAFETY: `session` came from `Runtime::logon` and the client still holds it.
    let hr = unsafe {
        let qi = (*(*session).lpVtbl)
            .QueryInterface
            .expect("QueryInterface slot");
        qi(session, &IID_IMAPIClientShutdown, &mut out)
    };
    assert_eq!(hr, S_OK, "QueryInterface(IID_IMAPIClientShutdown)");
    out.cast()
}

/// One client round: QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown.
///
/// # Safety
/// `cs` is a live `IMAPIClientShutdown` the caller holds a reference on.
unsafe fn client_round(cs: *mut IMAPIClientShutdown) -> [HRESULT; 3] {
    let v = &*(*cs).lpVtbl;
    [
        v.QueryFastShutdown.expect("slot")(cs),
        v.NotifyProcessShutdown.expect("slot")(cs),
        v.DoFastShutdown.expect("slot")(cs),
    ]
}

/// QueryFastShutdown then NotifyProcessShutdown: the part of a round that leaves the runtime usable.
///
/// # Safety
/// `cs` is a live `IMAPIClientShutdown` the caller holds a reference on.
unsafe fn client_query_notify(cs: *mut IMAPIClientShutdown) -> [HRESULT; 2] {
    let v = &*(*cs).lpVtbl;
    [
        v.QueryFastShutdown.expect("slot")(cs),
        v.NotifyProcessShutdown.expect("slot")(cs),
    ]
}

/// # Safety
/// `p` is a live COM interface pointer the caller holds a reference on; that reference is given up.
unsafe fn release<T>(p: *mut T) {
    let unk = p as *mut IUnknown;
    (*(*unk).lpVtbl).Release.expect("Release slot")(unk);
}

/// A runtime with `n` providers spread over sessions of three (transport, address book, store; the last
/// session may be partial), and the client's `IMAPIClientShutdown`. Provider objects are created once.
struct Fixture {
    rt: Runtime,
    providers: Vec<*mut BenchProvider>,
    sessions: Vec<*mut IMAPISession>,
    cs: *mut IMAPIClientShutdown,
}

impl Fixture {
    fn new(n: usize) -> Fixture {
        let mut f = Fixture {
            rt: Runtime::new(Config::default()),
            providers: (0..n).map(|_| BenchProvider::new()).collect(),
            sessions: Vec::new(),
            cs: ptr::null_mut(),
        };
        f.relogon();
        f
    }

    /// Drop the client's references.
    fn release_client(&mut self) {
        // SAFETY: each pointer is one reference this fixture holds; Release is allowed after DoFastShutdown.
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

    /// Back to a fresh, logged-on runtime: reset (which releases the runtime's provider references and
    /// clears the journal), MAPIInitialize, one logon per three providers, attach, QueryInterface.
    fn relogon(&mut self) {
        self.release_client();
        self.rt.reset();
        assert_eq!(self.rt.initialize(ptr::null_mut()), S_OK);
        for (i, &p) in self.providers.iter().enumerate() {
            if i % 3 == 0 {
                let s = self.rt.logon(Some("bench"), 0).expect("MAPILogonEx");
                self.sessions.push(s);
            }
            let (kind, name) = KINDS[i % 3];
            let s = *self.sessions.last().expect("a session");
            let hr = self
                .rt
                .add_provider(s, kind, Some(name), p as *mut IUnknown);
            assert_eq!(hr, S_OK, "add_provider");
        }
        self.rt.journal().clear();
        self.cs = client_shutdown(self.sessions[0]);
    }

    /// Check once, outside any measurement, that a round does what it should and is journaled.
    fn check_round(&mut self) {
        self.relogon();
        // SAFETY: `cs` is held by the fixture.
        let hrs = unsafe { client_round(self.cs) };
        assert_eq!(hrs, [S_OK; 3], "Query/Notify/Do");
        let calls = self
            .rt
            .journal()
            .snapshot()
            .iter()
            .filter(|e| e.event_type == EventType::ProviderCall)
            .count();
        assert_eq!(
            calls,
            3 * self.providers.len(),
            "one journal record per provider call"
        );
        assert_eq!(self.rt.violation_count(), 0);
        assert!(self.rt.is_exited());
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.release_client();
        self.rt.reset();
        for &p in &self.providers {
            // SAFETY: the reset released every reference the runtime held.
            unsafe { BenchProvider::free(p) };
        }
    }
}

/// Benchmark the full client round over a fixture: setup (not measured) = reset + relogon, measured =
/// QueryFastShutdown + NotifyProcessShutdown + DoFastShutdown.
fn bench_round(f: &mut Fixture) -> impl FnMut(&mut criterion::Bencher<'_>) + '_ {
    move |b| {
        b.iter_batched(
            || {
                f.relogon();
                f.cs
            },
            // SAFETY: `cs` is held by the fixture until the next setup.
            |cs| unsafe { client_round(cs) },
            BatchSize::PerIteration,
        )
    }
}

// ---- the baseline ---------------------------------------------------------------------------------

/// The fields a journal record carries, as plain data.
#[repr(C)]
struct RecordFields {
    sequence: u64,
    session: u32,
    kind: u32,
    method: u32,
    hresult: HRESULT,
    provider: *const c_char,
    duration: Duration,
    object: usize,
}

const RECORD_PAD: usize = size_of::<Event>().saturating_sub(size_of::<RecordFields>());

/// A record of the same size as the journal's [`Event`].
#[repr(C)]
struct Record {
    fields: RecordFields,
    _pad: [u8; RECORD_PAD],
}

const _: () = assert!(size_of::<Record>() == size_of::<Event>());

/// The straight loop the coordinator is measured against.
struct Baseline {
    providers: Vec<*mut BenchProvider>,
    names: Vec<CString>,
    records: Vec<Record>,
}

impl Baseline {
    fn new(n: usize) -> Baseline {
        Baseline {
            providers: (0..n).map(|_| BenchProvider::new()).collect(),
            names: KINDS
                .iter()
                .map(|(_, n)| CString::new(*n).expect("no NUL"))
                .collect(),
            records: Vec::with_capacity(3 * n),
        }
    }

    /// For each method, for each provider: QueryInterface(IID_IMAPIProviderShutdown) through the vtable, the
    /// method, Release, two clock reads and one record.
    fn round(&mut self) -> HRESULT {
        self.methods(3)
    }

    /// The first `n` of QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown over every provider.
    fn methods(&mut self, n: u32) -> HRESULT {
        self.records.clear();
        let providers = black_box(&self.providers[..]);
        let mut sequence = 0u64;
        let mut worst = S_OK;
        for method in 0..n {
            for (i, &p) in providers.iter().enumerate() {
                let obj = p as *mut mockmapi_provider;
                let t0 = Instant::now();
                let mut out: *mut c_void = ptr::null_mut();
                // SAFETY: the baseline holds a reference on every provider; QueryInterface gives one more,
                // released right after the call.
                let (hr, iface) = unsafe {
                    let qi = (*(*obj).lpVtbl).QueryInterface.expect("slot");
                    let hr = qi(obj, &IID_IMAPIProviderShutdown, &mut out);
                    assert!(hr >= 0 && !out.is_null(), "QueryInterface failed");
                    let iface = out as *mut IMAPIProviderShutdown;
                    let v = &*(*iface).lpVtbl;
                    let m = match method {
                        0 => v.QueryFastShutdown,
                        1 => v.NotifyProcessShutdown,
                        _ => v.DoFastShutdown,
                    };
                    let hr = m.expect("slot")(iface);
                    v.Release.expect("slot")(iface);
                    (hr, iface)
                };
                let t1 = Instant::now();
                sequence += 1;
                self.records.push(Record {
                    fields: RecordFields {
                        sequence,
                        session: (i / 3) as u32 + 1,
                        kind: (i % 3) as u32 + 1,
                        method: method + 4,
                        hresult: hr,
                        provider: self.names[i % 3].as_ptr(),
                        duration: t1 - t0,
                        object: iface as usize,
                    },
                    _pad: [0; RECORD_PAD],
                });
                worst = worst.min(hr);
            }
        }
        worst
    }
}

impl Drop for Baseline {
    fn drop(&mut self) {
        for &p in &self.providers {
            // SAFETY: every QueryInterface reference was released in `round`.
            unsafe { BenchProvider::free(p) };
        }
    }
}

// ---- paired rounds ---------------------------------------------------------------------------------

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The target-1 ratio measured in pairs: each mockmapi round is followed at once by a baseline round, so both
/// see the same machine load; the medians of `rounds` pairs are compared. Criterion's separate estimates of the
/// two benchmarks drift apart on a shared machine; this ratio does not. Returns (mockmapi µs, baseline µs)
/// for the full round and for Query + Notify.
fn paired(f: &mut Fixture, base: &mut Baseline, rounds: usize) -> [(f64, f64); 2] {
    let (mut mm, mut bl, mut mm_qn, mut bl_qn) = (vec![], vec![], vec![], vec![]);
    let us = |t: Instant| t.elapsed().as_secs_f64() * 1e6;
    for _ in 0..rounds {
        f.relogon();
        let t = Instant::now();
        // SAFETY: `cs` is held by the fixture.
        black_box(unsafe { client_round(f.cs) });
        mm.push(us(t));
        let t = Instant::now();
        black_box(base.round());
        bl.push(us(t));
    }
    f.relogon();
    for _ in 0..rounds {
        f.rt.journal().clear();
        let t = Instant::now();
        // SAFETY: as above.
        black_box(unsafe { client_query_notify(f.cs) });
        mm_qn.push(us(t));
        let t = Instant::now();
        black_box(base.methods(2));
        bl_qn.push(us(t));
    }
    [
        (median(&mut mm), median(&mut bl)),
        (median(&mut mm_qn), median(&mut bl_qn)),
    ]
}

// ---- benchmarks -----------------------------------------------------------------------------------

fn fast_shutdown(c: &mut Criterion) {
    let mut group = c.benchmark_group("fast_shutdown");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));

    // Target 1: 1,000 sessions × 3 providers, Query + Notify + Do.
    let mut f = Fixture::new(3_000);
    f.check_round();
    let mut base = Baseline::new(3_000);
    assert_eq!(base.round(), S_OK);
    assert_eq!(base.records.len(), 9_000);
    for (what, (mm, bl)) in ["Query+Notify+Do", "Query+Notify"]
        .iter()
        .zip(paired(&mut f, &mut base, 101))
    {
        println!(
            "fast_shutdown/1000x3 paired ({what}, median of 101 interleaved rounds): \
             mockmapi {mm:.0} µs, baseline {bl:.0} µs, ratio {:.2}",
            mm / bl
        );
    }
    group.throughput(Throughput::Elements(9_000));
    group.bench_function(BenchmarkId::new("1000x3", "mockmapi"), bench_round(&mut f));
    group.bench_function(BenchmarkId::new("1000x3", "baseline"), |b| {
        b.iter(|| base.round())
    });

    // The repeatable part on a warm runtime: Query + Notify, no reset or relogon between rounds (setup only
    // clears the journal). Tells the per-call cost apart from the effect of the setup that a full round needs.
    f.relogon();
    let cs = f.cs;
    group.throughput(Throughput::Elements(6_000));
    group.bench_function(BenchmarkId::new("1000x3_query_notify", "mockmapi"), |b| {
        b.iter_batched(
            || f.rt.journal().clear(),
            // SAFETY: `cs` is held by the fixture, which is not touched until this benchmark ends.
            |()| unsafe { client_query_notify(cs) },
            BatchSize::PerIteration,
        )
    });
    group.bench_function(BenchmarkId::new("1000x3_query_notify", "baseline"), |b| {
        b.iter(|| base.methods(2))
    });
    drop(f);
    drop(base);

    // Target 3: cost against the number of providers (throughput = provider calls).
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for n in [10usize, 100, 1_000, 3_000] {
        group.throughput(Throughput::Elements(3 * n as u64));
        let mut f = Fixture::new(n);
        f.check_round();
        group.bench_function(BenchmarkId::new("providers", n), bench_round(&mut f));
    }
    group.finish();
}

/// Target 2: one whole test, as a provider author writes it.
fn cycle(c: &mut Criterion) {
    let mut group = c.benchmark_group("cycle");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let rt = Runtime::new(Config::default());
    let providers: Vec<*mut BenchProvider> = (0..3).map(|_| BenchProvider::new()).collect();
    let one = || {
        assert_eq!(rt.initialize(ptr::null_mut()), S_OK);
        let s = rt.logon(Some("default"), 0).expect("MAPILogonEx");
        for (&p, (kind, name)) in providers.iter().zip(KINDS) {
            assert_eq!(
                rt.add_provider(s, kind, Some(name), p as *mut IUnknown),
                S_OK
            );
        }
        let cs = client_shutdown(s);
        // SAFETY: `cs` and `s` are held until released here.
        let hrs = unsafe { client_round(cs) };
        assert_eq!(hrs, [S_OK; 3]);
        assert_eq!(rt.violation_count(), 0);
        // SAFETY: giving up the references taken above (allowed after DoFastShutdown).
        unsafe {
            release(cs);
            release(s);
        }
        rt.reset();
    };
    one();
    group.bench_function("mockmapi", |b| b.iter(one));
    group.finish();
    drop(rt);
    for p in providers {
        // SAFETY: every cycle ends with a reset, which released the runtime's references.
        unsafe { BenchProvider::free(p) };
    }
}

criterion_group!(benches, fast_shutdown, cycle);
criterion_main!(benches);
