//! The journal: every client call, provider call, violation and diagnostic, in order.
//!
//! A provider call costs one record: an append that takes no lock and allocates nothing (see [`Journal`]).
//! Events never move once written, and their strings are `CString`s, so a pointer handed to C stays valid
//! until the journal is cleared. Readers walk the events in place under the reader lock; nothing is copied.

use std::ffi::{CStr, CString};
use std::fmt::Write as _;
use std::time::Duration;

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicU8, AtomicUsize, Ordering};

use parking_lot::Mutex;

use crate::com::{hresult_display, HRESULT, S_OK};

use super::method::Method;
use super::provider::ProviderKind;

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum EventType {
    /// The runtime called a provider.
    ProviderCall = 1,
    /// The client called the runtime.
    ClientCall = 2,
    /// The client broke the protocol (SPEC §4, §5).
    Violation = 3,
    /// Something a person should know that is not a violation.
    Diagnostic = 4,
}

impl EventType {
    pub fn label(self) -> &'static str {
        match self {
            EventType::ProviderCall => "provider",
            EventType::ClientCall => "client",
            EventType::Violation => "VIOLATION",
            EventType::Diagnostic => "diagnostic",
        }
    }
}

/// One journal entry.
#[derive(Debug, Clone)]
pub struct Event {
    /// 1-based position in the journal.
    pub sequence: u64,
    pub event_type: EventType,
    /// Session id (1-based, in logon order since the last reset); 0 when not about a session.
    pub session: u32,
    /// The provider's display name, when the event is about a provider (shared with its provider record, or
    /// borrowed from the fan-out order the journal keeps until it is cleared: see [`EventName`]).
    pub provider: Option<EventName>,
    pub provider_kind: Option<ProviderKind>,
    pub method: Method,
    pub hresult: HRESULT,
    pub duration: Duration,
    pub message: Option<CString>,
    /// Address of the object that was called (for provider calls: the interface that answered).
    pub object: usize,
    /// A client call reserved at its start whose result is not known yet (it is still running, or the process
    /// ended inside it).
    pub pending: bool,
}

impl Event {
    /// A blank event of a type, to fill with struct-update syntax.
    pub fn new(event_type: EventType, method: Method) -> Event {
        Event {
            sequence: 0,
            event_type,
            session: 0,
            provider: None,
            provider_kind: None,
            method,
            hresult: S_OK,
            duration: Duration::ZERO,
            message: None,
            object: 0,
            pending: false,
        }
    }

    /// The message as text ("" when none).
    pub fn message_str(&self) -> &str {
        self.message
            .as_deref()
            .and_then(|m| m.to_str().ok())
            .unwrap_or("")
    }

    /// The provider name as text ("" when none).
    pub fn provider_str(&self) -> &str {
        self.provider
            .as_deref()
            .and_then(|m| m.to_str().ok())
            .unwrap_or("")
    }

    /// The event as a JSON object (the JSON Lines form of `MOCKMAPI_JOURNAL`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "sequence": self.sequence,
            "type": self.event_type.label().to_ascii_lowercase(),
            "session": self.session,
            "provider": self.provider.as_ref().map(|_| self.provider_str()),
            "kind": self.provider_kind.map(|k| k.label()),
            "method": self.method.name(),
            "hresult": format!("0x{:08X}", self.hresult as u32),
            "hresult_name": crate::com::hresult_name(self.hresult),
            "duration_ns": u64::try_from(self.duration.as_nanos()).unwrap_or(u64::MAX),
            "message": self.message.as_ref().map(|_| self.message_str()),
        })
    }

    /// One line, as `mockmapi_journal_render` prints it.
    pub fn render(&self, out: &mut String) {
        let _ = write!(out, "#{:<4} {:<10}", self.sequence, self.event_type.label());
        if self.session != 0 {
            let _ = write!(out, " session {}", self.session);
        }
        if let Some(kind) = self.provider_kind {
            let _ = write!(
                out,
                " {} \"{}\"",
                kind.label(),
                super::text::one_line(self.provider_str())
            );
        }
        match self.event_type {
            EventType::ProviderCall | EventType::ClientCall if self.pending => {
                let _ = write!(out, " {} (in progress)", self.method.name());
            }
            EventType::ProviderCall | EventType::ClientCall => {
                let _ = write!(
                    out,
                    " {} -> {}",
                    self.method.name(),
                    hresult_display(self.hresult)
                );
                if !self.duration.is_zero() {
                    let _ = write!(out, " [{}]", format_duration(self.duration));
                }
                if self.message.is_some() {
                    let _ = write!(out, ": {}", super::text::one_line(self.message_str()));
                }
            }
            EventType::Violation | EventType::Diagnostic => {
                if self.method != Method::None {
                    let _ = write!(out, " {}", self.method.name());
                }
                let _ = write!(out, ": {}", super::text::one_line(self.message_str()));
            }
        }
        out.push('\n');
    }
}

/// The diagnostic that follows a provider call over the per-call budget.
fn over_budget(event: &Event, budget_ns: u64) -> Event {
    Event {
        message: Some(c_string(format!(
            "{} took {}, over the provider call budget of {} (provider_call_budget_ms) [rule {}]",
            event.method.name(),
            format_duration(event.duration),
            format_duration(Duration::from_nanos(budget_ns)),
            crate::rules::CALLS_ARE_QUICK
        ))),
        sequence: 0,
        duration: Duration::ZERO,
        hresult: S_OK,
        event_type: EventType::Diagnostic,
        pending: false,
        ..event.clone()
    }
}

/// What the mirror descriptor receives for an event: one JSON object per line, written when the event is
/// reserved and again when it completes (same `sequence`), so a reader that loses the writer knows which calls
/// were still in progress. The text is the event as `render` prints it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MirrorLine {
    pub sequence: u64,
    pub pending: bool,
    /// The event is a provider call.
    pub provider_call: bool,
    /// `<kind> "<name>" <Method>` (provider calls), `<Method>` otherwise.
    pub call: String,
    pub text: String,
}

/// The rendered line for the trace, and (when `mirrored`) the JSON line for the mirror descriptor.
fn mirror_line(event: &Event, mirrored: bool) -> (String, Option<String>) {
    let mut text = String::new();
    event.render(&mut text);
    let text = text.trim_end().to_owned();
    let json = mirrored.then(|| {
        let call = match event.provider_kind {
            Some(kind) => format!(
                "{} \"{}\" {}",
                kind.label(),
                super::text::one_line(event.provider_str()),
                event.method.name()
            ),
            None => event.method.name().to_owned(),
        };
        let line = MirrorLine {
            sequence: event.sequence,
            pending: event.pending,
            provider_call: event.event_type == EventType::ProviderCall,
            call,
            text: text.clone(),
        };
        let mut json = serde_json::to_string(&line).expect("plain data");
        json.push('\n');
        json
    });
    (text, json)
}

fn emit(mirror: i32, text: &str, mirrored: Option<String>) {
    if let Some(json) = mirrored {
        write_all_fd(mirror, json.as_bytes());
    }
    tracing::debug!(target: "mockmapi::journal", "{}", text);
}

/// A duration as a person reads it: ns, us or ms.
pub fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{:.1} us", ns as f64 / 1e3)
    } else {
        format!("{:.1} ms", ns as f64 / 1e6)
    }
}

#[cfg(unix)]
pub(crate) fn write_all_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: writing from a valid buffer to a descriptor the caller owns.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

/// Windows: `fd` is a C runtime descriptor (binary mode; `_write` does not buffer).
#[cfg(windows)]
pub(crate) fn write_all_fd(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        let len = bytes.len().min(1 << 30) as libc::c_uint;
        // SAFETY: writing from a valid buffer to a descriptor the caller owns.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), len) };
        if n <= 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

#[cfg(not(any(unix, windows)))]
pub(crate) fn write_all_fd(_fd: i32, _bytes: &[u8]) {}

/// Ask the processor to start fetching the cache line at `p` (a hint: nothing is read, nothing can fault).
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it does not access memory architecturally, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A provider's display name as a C string, shared by its provider record and every event that names it: an
/// event costs one reference-count increment, and the name is freed with the last record or event that
/// names it, so names take memory only while something alive uses them.
pub type Name = std::sync::Arc<CStr>;

/// A provider name as a [`Name`].
pub fn name(text: &str) -> Name {
    Name::from(c_string(text))
}

/// A provider's name in an event. Events the fan-out records borrow the name from the fan-out order's name
/// list, which the journal keeps (`Journal::pin_names`) until the events are cleared, so a provider call
/// touches no reference count; every other event shares the name by reference count. A clone is always
/// shared (it may outlive the journal's events).
pub struct EventName(NameRepr);

enum NameRepr {
    Shared(Name),
    /// Points into a [`Name`] the journal keeps alive for as long as the event lives in it.
    Pinned(std::ptr::NonNull<CStr>),
}

// SAFETY: the pointee is an immutable C string kept alive by the journal (see `NameRepr::Pinned`).
unsafe impl Send for EventName {}
// SAFETY: as above.
unsafe impl Sync for EventName {}

impl EventName {
    /// A name borrowed from `name`.
    ///
    /// # Safety
    /// `name` must stay alive for as long as the event holding the result lives in the journal: it belongs to
    /// a name list pinned in the journal's current epoch (see [`Pin`]).
    pub(crate) unsafe fn pinned(name: &CStr) -> EventName {
        EventName(NameRepr::Pinned(std::ptr::NonNull::from(name)))
    }
}

impl std::ops::Deref for EventName {
    type Target = CStr;
    fn deref(&self) -> &CStr {
        match &self.0 {
            NameRepr::Shared(n) => n,
            // SAFETY: kept alive by the journal while the event lives (see `NameRepr::Pinned`).
            NameRepr::Pinned(p) => unsafe { p.as_ref() },
        }
    }
}

impl Clone for EventName {
    fn clone(&self) -> EventName {
        match &self.0 {
            NameRepr::Shared(n) => EventName(NameRepr::Shared(n.clone())),
            NameRepr::Pinned(_) => EventName(NameRepr::Shared(Name::from(&**self))),
        }
    }
}

impl Default for EventName {
    fn default() -> EventName {
        EventName(NameRepr::Shared(Name::default()))
    }
}

impl std::fmt::Debug for EventName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq for EventName {
    fn eq(&self, other: &EventName) -> bool {
        **self == **other
    }
}

impl From<Name> for EventName {
    fn from(n: Name) -> EventName {
        EventName(NameRepr::Shared(n))
    }
}

/// A fan-out's name list as pinned in the journal: the epoch it is pinned in. Events recorded with names
/// borrowed from the list are safe while the epoch they land in is one the list is pinned in.
pub(crate) struct Pin<'a> {
    names: &'a std::sync::Arc<Vec<Name>>,
    epoch: u64,
}

/// Make a C string from text, replacing interior NULs so nothing is lost silently.
pub fn c_string(s: impl Into<String>) -> CString {
    let s = s.into();
    CString::new(s).unwrap_or_else(|e| {
        let bytes: Vec<u8> = e
            .into_vec()
            .into_iter()
            .map(|b| if b == 0 { b'?' } else { b })
            .collect();
        CString::new(bytes).expect("NULs replaced")
    })
}

/// The journal itself.
///
/// Events live in segments that never move: segment `k` holds `SEGMENT0 << k` events, allocated the first time
/// an append reaches it (or ahead of a fan-out, by [`Journal::reserve`]) and kept across clears. An append
/// takes no lock: one atomic increment hands out the event's index (its sequence number is the index + 1),
/// the event is written into its cell, and the cell is published with a release store. Readers take the
/// reader lock and see the events up to the first cell not yet published, in sequence order. Completing a
/// reserved event ([`Journal::complete`]) takes no lock either: it marks its cell `COMPLETING` and writes in
/// place unless a reader or a clear is under way (the `reading` flag; the two sides' sequentially consistent
/// store-then-load guarantees that at least one of them sees the other), in which case it takes the reader
/// lock; a reader waits for a cell being completed before it hands the event out. A clear takes the reader
/// lock, closes the index counter, waits for the appends and completions already under way (they run no
/// provider code), and reopens it at 0.
pub struct Journal {
    /// The next index to hand out; [`CLOSED`] is set while a clear is under way.
    next: AtomicUsize,
    segments: [AtomicPtr<Cell>; SEGMENTS],
    /// Bumped by every clear, so a slot reserved before a clear is not completed after it.
    epoch: AtomicU64,
    violations: AtomicUsize,
    readers: Mutex<Readers>,
    /// Set (with the reader lock held) while a reader or a clear uses the events: completions then take the
    /// reader lock instead of writing in place.
    reading: AtomicBool,
    /// Name lists events borrow from (see [`EventName`]), dropped by the clear that drops those events.
    pins: Mutex<Vec<std::sync::Arc<Vec<Name>>>>,
    file: Mutex<Option<JournalFile>>,
    /// `provider_call_budget_ms` in nanoseconds; 0 = off.
    budget_ns: std::sync::atomic::AtomicU64,
    /// A file descriptor every event is also written to as a [`MirrorLine`], at once, when it is reserved and
    /// when it completes (the exit test's child streams its journal to the parent this way, so a crash or a hang
    /// still shows how far it got, and which call was in progress). 0 = none.
    mirror_fd: std::sync::atomic::AtomicI32,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

impl Default for Journal {
    fn default() -> Self {
        Journal {
            next: AtomicUsize::new(0),
            segments: std::array::from_fn(|_| AtomicPtr::new(std::ptr::null_mut())),
            epoch: AtomicU64::new(0),
            violations: AtomicUsize::new(0),
            readers: Mutex::new(Readers::default()),
            reading: AtomicBool::new(false),
            pins: Mutex::new(Vec::new()),
            file: Mutex::new(None),
            budget_ns: std::sync::atomic::AtomicU64::new(0),
            mirror_fd: std::sync::atomic::AtomicI32::new(0),
        }
    }
}

/// Set in `next` while a clear is under way: appends wait on the reader lock and try again.
const CLOSED: usize = 1 << (usize::BITS - 1);
/// Events in the first segment.
const SEGMENT0_BITS: u32 = 10;
const SEGMENT0: usize = 1 << SEGMENT0_BITS;
/// Enough segments for any index below [`CLOSED`].
const SEGMENTS: usize = (usize::BITS - SEGMENT0_BITS) as usize;

/// A cell's state: not published, published, published and being completed in place.
const EMPTY: u8 = 0;
const PUBLISHED: u8 = 1;
const COMPLETING: u8 = 2;

/// One event's place: its state ([`EMPTY`], [`PUBLISHED`], [`COMPLETING`]) and the event.
struct Cell {
    ready: AtomicU8,
    event: UnsafeCell<MaybeUninit<Event>>,
}

impl Cell {
    /// Wait until no completion is writing this published cell (a reader, with `reading` set, before it hands
    /// the event out).
    fn settled(&self) {
        while self.ready.load(Ordering::SeqCst) == COMPLETING {
            std::hint::spin_loop();
        }
    }
}

/// The segment and offset of an index.
fn locate(index: usize) -> (usize, usize) {
    let j = index + SEGMENT0;
    let bit = usize::BITS - 1 - j.leading_zeros();
    ((bit - SEGMENT0_BITS) as usize, j - (1 << bit))
}

fn segment_len(segment: usize) -> usize {
    SEGMENT0 << segment
}

fn segment_layout(segment: usize) -> std::alloc::Layout {
    std::alloc::Layout::array::<Cell>(segment_len(segment))
        .expect("a journal segment fits in memory")
}

/// What readers keep under their lock.
#[derive(Debug, Default)]
struct Readers {
    /// Every cell below this index is published.
    published: usize,
}

// SAFETY: a cell's event is written only by the append that owns its index, before it is published, and
// afterwards read or changed only under the reader lock; every other field is atomic or locked.
unsafe impl Sync for Journal {}
// SAFETY: as above; the events themselves are `Send`.
unsafe impl Send for Journal {}

/// Where the journal is written as JSON Lines before every clear and on `flush_to_file`.
#[derive(Debug)]
struct JournalFile {
    path: std::path::PathBuf,
    /// Whether this process already wrote to it (the first write truncates, later ones append).
    started: bool,
}

/// An event reserved at the start of a call and completed at its end.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    index: usize,
    epoch: u64,
    started: super::clock::Stamp,
}

/// The published events, in sequence order, as a reader sees them under the reader lock.
pub struct Events<'a> {
    journal: &'a Journal,
    len: usize,
}

impl<'a> Events<'a> {
    /// Number of events.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Event `index` (0-based).
    pub fn get(&self, index: usize) -> Option<&'a Event> {
        // SAFETY: below `len`, the cell is published and the reader lock is held for 'a.
        (index < self.len).then(|| unsafe { self.journal.event_ref(index) })
    }

    /// Every event from `start`, in order.
    pub fn iter_from(&self, start: usize) -> impl Iterator<Item = &'a Event> + 'a {
        let journal = self.journal;
        let len = self.len;
        let mut index = start.min(len);
        let mut segment: &'a [Cell] = &[];
        std::iter::from_fn(move || {
            if index >= len {
                return None;
            }
            if segment.is_empty() {
                let (s, off) = locate(index);
                let base = journal.segments[s].load(Ordering::Acquire);
                // SAFETY: a published index lies in an allocated segment of `segment_len(s)` cells.
                let cells = unsafe { std::slice::from_raw_parts(base, segment_len(s)) };
                segment = &cells[off..];
            }
            let cell = &segment[0];
            segment = &segment[1..];
            index += 1;
            cell.settled();
            // SAFETY: published, settled, read under the reader lock with `reading` set.
            Some(unsafe { (*cell.event.get()).assume_init_ref() })
        })
    }

    /// Every event, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a Event> + 'a {
        self.iter_from(0)
    }
}

impl Journal {
    /// Append an event, assigning its sequence number; returns it. A provider call over the per-call budget is
    /// followed by a diagnostic that gives the measured time.
    pub fn record(&self, event: Event) -> u64 {
        let budget = self.budget_ns.load(std::sync::atomic::Ordering::Relaxed);
        if budget == 0
            || event.event_type != EventType::ProviderCall
            || event.duration.as_nanos() <= budget as u128
        {
            return self.push(event).0;
        }
        let over = over_budget(&event, budget);
        let seq = self.push(event).0;
        self.push(over);
        seq
    }

    /// Mirror every new event to this file descriptor as a text line (`None` stops it).
    pub fn set_mirror_fd(&self, fd: Option<i32>) {
        self.mirror_fd.store(
            fd.filter(|f| *f > 0).unwrap_or(0),
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// Set the per-call budget for provider calls (`provider_call_budget_ms`); 0 turns it off.
    pub fn set_call_budget(&self, budget: Duration) {
        let ns = u64::try_from(budget.as_nanos()).unwrap_or(u64::MAX);
        self.budget_ns
            .store(ns, std::sync::atomic::Ordering::Relaxed);
    }

    /// The cells of segment `s`, allocating them if no append reached it yet.
    fn segment(&self, s: usize) -> *mut Cell {
        let p = self.segments[s].load(Ordering::Acquire);
        if !p.is_null() {
            return p;
        }
        let layout = segment_layout(s);
        // SAFETY: a non-zero layout; all-zero bytes are a valid unpublished cell (ready 0, event uninit).
        let fresh = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Cell;
        if fresh.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        match self.segments[s].compare_exchange(
            std::ptr::null_mut(),
            fresh,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => fresh,
            Err(theirs) => {
                // SAFETY: ours, never shared.
                unsafe { std::alloc::dealloc(fresh.cast(), layout) };
                theirs
            }
        }
    }

    fn cell(&self, index: usize) -> &Cell {
        let (s, off) = locate(index);
        // SAFETY: `segment` returns `segment_len(s)` cells and `off` is below it.
        unsafe { &*self.segment(s).add(off) }
    }

    /// # Safety
    /// `index` is published and the reader lock is held while the reference lives.
    unsafe fn event_ref<'a>(&self, index: usize) -> &'a Event {
        let (s, off) = locate(index);
        let base = self.segments[s].load(Ordering::Acquire);
        let cell = &*base.add(off);
        cell.settled();
        (*cell.event.get()).assume_init_ref()
    }

    /// Append without a lock; returns the sequence number and the journal epoch. The text line for the mirror
    /// descriptor and the trace is rendered only when one of them is on, and written after publication.
    fn push(&self, mut event: Event) -> (u64, u64) {
        let index = loop {
            let i = self.next.fetch_add(1, Ordering::AcqRel);
            if i & CLOSED == 0 {
                break i;
            }
            // A clear is under way: it holds the reader lock until it reopens the counter.
            drop(self.readers.lock());
        };
        // Stable until this cell is published: a clear waits for it.
        let epoch = self.epoch.load(Ordering::Acquire);
        event.sequence = index as u64 + 1;
        if event.event_type == EventType::Violation {
            self.violations.fetch_add(1, Ordering::Relaxed);
        }
        let mirror = self.mirror_fd.load(std::sync::atomic::Ordering::Relaxed);
        let line = (mirror > 0 || tracing::enabled!(tracing::Level::DEBUG))
            .then(|| mirror_line(&event, mirror > 0));
        let seq = event.sequence;
        let cell = self.cell(index);
        // SAFETY: this append owns the unpublished cell `index`; nobody reads it before `ready` is set.
        unsafe { (*cell.event.get()).write(event) };
        cell.ready.store(PUBLISHED, Ordering::Release);
        if let Some((text, mirrored)) = line {
            emit(mirror, &text, mirrored);
        }
        (seq, epoch)
    }

    /// Reserve an event now, marked in progress, with its sequence number (so it reads before what it causes,
    /// and a call that never returns still shows). Client calls and provider calls both use it; complete it with
    /// [`Journal::finish`] or [`Journal::complete`].
    pub fn begin(&self, event: Event) -> Slot {
        let started = super::clock::now();
        let (seq, epoch) = self.push(Event {
            pending: true,
            ..event
        });
        Slot {
            index: (seq - 1) as usize,
            epoch,
            started,
        }
    }

    /// Ask the processor to fetch the cell the append `ahead` appends from now will write (when its segment
    /// exists), so that writing an event does not wait for memory.
    #[inline]
    pub(crate) fn prefetch_ahead(&self, ahead: usize) {
        let index = (self.next.load(Ordering::Relaxed) & !CLOSED).wrapping_add(ahead);
        if index >= CLOSED {
            return;
        }
        let (s, off) = locate(index);
        let base = self.segments[s].load(Ordering::Relaxed);
        if !base.is_null() {
            let first = base.wrapping_add(off).cast::<u8>();
            prefetch(first);
            prefetch(first.wrapping_add(64));
            prefetch(first.wrapping_add(std::mem::size_of::<Cell>() - 1));
        }
    }

    /// Keep `names` until the events of the current epoch are cleared, so events may borrow from it.
    pub(crate) fn pin<'a>(&self, names: &'a std::sync::Arc<Vec<Name>>) -> Pin<'a> {
        Pin {
            names,
            epoch: self.pin_names(names),
        }
    }

    fn pin_names(&self, names: &std::sync::Arc<Vec<Name>>) -> u64 {
        let mut pins = self.pins.lock();
        if !pins
            .last()
            .is_some_and(|p| std::sync::Arc::ptr_eq(p, names))
        {
            pins.push(names.clone());
        }
        self.epoch.load(Ordering::Acquire)
    }

    /// [`Journal::begin`] for an event about the provider whose name is `pin`'s entry `at`: the event borrows
    /// the name instead of sharing it.
    pub(crate) fn begin_pinned(&self, pin: &mut Pin<'_>, at: usize, event: Event) -> Slot {
        // SAFETY: the list is alive while `pin` borrows it, and it is pinned in the epoch the event lands in:
        // if a clear came between the pin and this event, it is pinned again below, before the list can go.
        let name = unsafe { EventName::pinned(&pin.names[at]) };
        let slot = self.begin(Event {
            provider: Some(name),
            ..event
        });
        if slot.epoch != pin.epoch {
            pin.epoch = self.pin_names(pin.names);
        }
        slot
    }

    /// Complete a reserved event with its result.
    pub fn finish(&self, slot: Slot, hresult: HRESULT, message: Option<String>) {
        self.complete(slot, |e| {
            e.hresult = hresult;
            if let Some(m) = message {
                e.message = Some(c_string(m));
            }
        });
    }

    /// Complete a reserved event: its duration is measured from [`Journal::begin`], `fill` sets the rest. A
    /// provider call over the per-call budget is followed by a diagnostic that gives the measured time.
    pub fn complete(&self, slot: Slot, fill: impl FnOnce(&mut Event)) {
        let duration = slot.started.elapsed();
        if self.epoch.load(Ordering::Acquire) != slot.epoch {
            return;
        }
        let mirror = self.mirror_fd.load(std::sync::atomic::Ordering::Relaxed);
        let budget = self.budget_ns.load(std::sync::atomic::Ordering::Relaxed);
        let finish = |e: &mut Event| {
            e.pending = false;
            e.duration = duration;
            fill(e);
            let line = (mirror > 0 || tracing::enabled!(tracing::Level::DEBUG))
                .then(|| mirror_line(e, mirror > 0));
            let over = (budget != 0
                && e.event_type == EventType::ProviderCall
                && e.duration.as_nanos() > budget as u128)
                .then(|| over_budget(e, budget));
            (line, over)
        };
        // The cell exists: this epoch's clear has not run (a clear that finds an event still pending keeps the
        // segments), and the cell was published by `begin`.
        let cell = self.cell(slot.index);
        let owned = cell
            .ready
            .compare_exchange(PUBLISHED, COMPLETING, Ordering::SeqCst, Ordering::Relaxed)
            .is_ok();
        let in_place = owned
            && !self.reading.load(Ordering::SeqCst)
            && self.epoch.load(Ordering::Acquire) == slot.epoch;
        if owned && !in_place {
            cell.ready.store(PUBLISHED, Ordering::Release);
        }
        let lock = if in_place {
            None
        } else {
            let r = self.readers.lock();
            if self.epoch.load(Ordering::Acquire) != slot.epoch {
                return;
            }
            Some(r)
        };
        // SAFETY: the cell is this slot's event (same epoch, published by `begin`), and either it is marked
        // COMPLETING by this call (no reader hands it out and no clear drops it until it is PUBLISHED again)
        // or the reader lock is held (no reader, no clear; a completion of another epoch's slot that marked the
        // cell does not touch the event).
        let e = unsafe { (*cell.event.get()).assume_init_mut() };
        let (line, over) = finish(e);
        if in_place {
            cell.ready.store(PUBLISHED, Ordering::Release);
        }
        drop(lock);
        if let Some((text, mirrored)) = line {
            emit(mirror, &text, mirrored);
        }
        if let Some(over) = over {
            self.push(over);
        }
    }

    /// Record a violation (the client broke the protocol).
    pub fn violation(&self, method: Method, session: u32, message: impl Into<String>) {
        let message = message.into();
        tracing::warn!(target: "mockmapi", method = method.name(), session, "violation: {message}");
        self.record(Event {
            session,
            message: Some(c_string(message)),
            ..Event::new(EventType::Violation, method)
        });
    }

    /// Record a diagnostic.
    pub fn diagnostic(&self, method: Method, session: u32, message: impl Into<String>) {
        let message = message.into();
        tracing::info!(target: "mockmapi", method = method.name(), session, "diagnostic: {message}");
        self.record(Event {
            session,
            message: Some(c_string(message)),
            ..Event::new(EventType::Diagnostic, method)
        });
    }

    /// Make room for `additional` more events at once (before a fan-out), so no append allocates.
    pub fn reserve(&self, additional: usize) {
        let next = self.next.load(Ordering::Relaxed) & !CLOSED;
        let last = next.saturating_add(additional).min(CLOSED - 1);
        if additional == 0 {
            return;
        }
        let (first, _) = locate(next);
        let (end, _) = locate(last);
        for s in first..=end {
            self.segment(s);
        }
    }

    /// Run `f` on the published events, under the reader lock (appends go on meanwhile).
    pub fn read<R>(&self, f: impl FnOnce(Events<'_>) -> R) -> R {
        let mut r = self.readers.lock();
        // Completions from now on take the reader lock; the ones already writing are waited for, cell by cell.
        self.reading.store(true, Ordering::SeqCst);
        let next = self.next.load(Ordering::Acquire) & !CLOSED;
        while r.published < next && self.cell(r.published).ready.load(Ordering::Acquire) != EMPTY {
            r.published += 1;
        }
        let events = Events {
            journal: self,
            len: r.published,
        };
        // Cleared even if `f` panics.
        struct Done<'a>(&'a AtomicBool);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::Release);
            }
        }
        let done = Done(&self.reading);
        let out = f(events);
        drop(done);
        drop(r);
        out
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.read(|e| e.len())
    }

    /// Whether the journal is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of violations.
    pub fn violation_count(&self) -> usize {
        self.violations.load(Ordering::Relaxed)
    }

    /// Run `f` on event `index` (0-based) under the reader lock.
    pub fn with_event<R>(&self, index: usize, f: impl FnOnce(&Event) -> R) -> Option<R> {
        self.read(|e| e.get(index).map(f))
    }

    /// A copy of every event.
    pub fn snapshot(&self) -> Vec<Event> {
        self.read(|e| e.iter().cloned().collect())
    }

    /// The whole journal as text, one line per event.
    pub fn render(&self) -> String {
        self.read(|events| {
            let mut out = String::with_capacity(events.len() * 96);
            for e in events.iter() {
                e.render(&mut out);
            }
            out
        })
    }

    /// One JSON object per event, one per line.
    pub fn to_json_lines(&self) -> String {
        self.read(|events| {
            let mut out = String::with_capacity(events.len() * 160);
            for e in events.iter() {
                out.push_str(&e.to_json().to_string());
                out.push('\n');
            }
            out
        })
    }

    /// Write the journal as JSON Lines to `path` before every clear and on [`Journal::flush_to_file`]
    /// (`None` stops it). The first write of the process truncates the file; later writes append.
    pub fn set_file(&self, path: Option<std::path::PathBuf>) {
        *self.file.lock() = path.map(|path| JournalFile {
            path,
            started: false,
        });
    }

    /// Append the current events to the journal file, if one is set. Errors are reported on stderr (there is
    /// nobody else to tell at process exit).
    pub fn flush_to_file(&self) {
        let mut file = self.file.lock();
        let Some(f) = file.as_mut() else { return };
        let text = self.to_json_lines();
        let result = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(f.started)
            .truncate(!f.started)
            .open(&f.path)
            .and_then(|mut w| std::io::Write::write_all(&mut w, text.as_bytes()));
        match result {
            Ok(()) => f.started = true,
            Err(e) => eprintln!(
                "mockmapi: cannot write the journal to {} (MOCKMAPI_JOURNAL): {e}",
                f.path.display()
            ),
        }
    }

    /// Remove every event (written to the journal file first, if one is set).
    pub fn clear(&self) {
        self.flush_to_file();
        self.discard();
    }

    /// Remove every event without writing them anywhere, and stop writing to the journal file.
    pub fn discard_all(&self) {
        *self.file.lock() = None;
        self.discard();
    }

    /// Close the counter, wait for the appends under way, drop every event, reopen at 0. The segments stay
    /// (up to a few megabytes' worth) for the next test.
    fn discard(&self) {
        let mut r = self.readers.lock();
        self.reading.store(true, Ordering::SeqCst);
        let n = self.next.fetch_or(CLOSED, Ordering::AcqRel) & !CLOSED;
        let mut in_flight = false;
        for index in 0..n {
            let cell = self.cell(index);
            // Published, and not being completed (a completion that began before `reading` was set ends soon;
            // a later one sees `reading` and gives the cell back).
            while cell
                .ready
                .compare_exchange_weak(PUBLISHED, EMPTY, Ordering::AcqRel, Ordering::Relaxed)
                .is_err()
            {
                std::hint::spin_loop();
            }
            // SAFETY: published, no reader (the lock is held), no writer (the counter is closed, no completion
            // holds the cell).
            let event = unsafe { (*cell.event.get()).assume_init_read() };
            in_flight |= event.pending;
            drop(event);
        }
        // A call still in progress will complete its slot (finding another epoch, it touches only the cell's
        // state): its segment must stay allocated until a later clear.
        if !in_flight {
            self.free_segments_from(KEPT_SEGMENTS);
        }
        r.published = 0;
        self.violations.store(0, Ordering::Relaxed);
        let pins = {
            let mut pins = self.pins.lock();
            self.epoch.fetch_add(1, Ordering::AcqRel);
            std::mem::take(&mut *pins)
        };
        self.next.store(0, Ordering::Release);
        self.reading.store(false, Ordering::Release);
        drop(r);
        // The events that borrowed these names are gone.
        drop(pins);
    }

    /// Free segments `from..`; only while no append can reach them.
    fn free_segments_from(&self, from: usize) {
        for s in from..SEGMENTS {
            let p = self.segments[s].swap(std::ptr::null_mut(), Ordering::AcqRel);
            if !p.is_null() {
                // SAFETY: allocated by `segment` with this layout; its events were dropped.
                unsafe { std::alloc::dealloc(p.cast(), segment_layout(s)) };
            }
        }
    }
}

/// Segments kept across clears: room for 1,024 × (2^9 − 1) events (about 50 MB of address space, resident only
/// as far as a test used it), so a test that fans out to 100,000 providers after a reset writes into memory
/// that is already mapped instead of taking a page fault every 40 events.
const KEPT_SEGMENTS: usize = 9;

impl Drop for Journal {
    fn drop(&mut self) {
        self.discard();
        self.free_segments_from(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_violation_count_and_clear() {
        let j = Journal::default();
        j.diagnostic(Method::None, 0, "note");
        j.violation(Method::NotifyProcessShutdown, 2, "out of order");
        assert_eq!(j.len(), 2);
        assert_eq!(j.violation_count(), 1);
        assert_eq!(j.with_event(1, |e| (e.sequence, e.session)), Some((2, 2)));
        let text = j.render();
        assert!(
            text.contains("VIOLATION  session 2 NotifyProcessShutdown: out of order"),
            "{text}"
        );
        j.clear();
        assert_eq!((j.len(), j.violation_count()), (0, 0));
    }

    #[test]
    fn a_slot_is_completed_in_place_but_not_after_a_clear() {
        let j = Journal::default();
        let s = j.begin(Event::new(EventType::ClientCall, Method::QueryFastShutdown));
        j.record(Event::new(
            EventType::ProviderCall,
            Method::QueryFastShutdown,
        ));
        j.finish(s, crate::com::MAPI_E_NO_SUPPORT, Some("why".into()));
        assert_eq!(
            j.with_event(0, |e| (e.hresult, e.message_str().to_owned())),
            Some((crate::com::MAPI_E_NO_SUPPORT, "why".to_owned()))
        );
        let s = j.begin(Event::new(EventType::ClientCall, Method::DoFastShutdown));
        j.clear();
        j.record(Event::new(EventType::Diagnostic, Method::None));
        j.finish(s, 5, None);
        assert_eq!(j.with_event(0, |e| e.hresult), Some(S_OK));
    }

    #[test]
    fn json_lines_file_is_truncated_once_then_appended_at_each_clear() {
        let dir =
            std::env::temp_dir().join(format!("mockmapi-journal-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, "stale\n").unwrap();
        let j = Journal::default();
        j.set_file(Some(path.clone()));
        j.violation(Method::DoFastShutdown, 1, "say \"why\"");
        j.clear();
        j.diagnostic(Method::None, 0, "second");
        j.flush_to_file();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0]["type"], "violation");
        assert_eq!(lines[0]["message"], "say \"why\"");
        assert_eq!(lines[0]["method"], "DoFastShutdown");
        assert_eq!(lines[1]["sequence"], 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_provider_call_over_budget_is_followed_by_a_diagnostic() {
        let j = Journal::default();
        let slow = Event {
            duration: Duration::from_millis(30),
            ..Event::new(EventType::ProviderCall, Method::DoFastShutdown)
        };
        j.record(slow.clone());
        assert_eq!(j.len(), 1, "no budget, no diagnostic");
        j.set_call_budget(Duration::from_millis(10));
        j.record(slow);
        j.record(Event {
            duration: Duration::from_millis(5),
            ..Event::new(EventType::ProviderCall, Method::DoFastShutdown)
        });
        assert_eq!(j.len(), 4);
        let text = j.render();
        assert!(
            text.contains("DoFastShutdown took 30.0 ms, over the provider call budget of 10.0 ms"),
            "{text}"
        );
    }

    /// Appends from several threads: every event is kept, sequence numbers are the positions, each thread's
    /// events keep their order, and a reader running meanwhile only ever sees a gapless prefix.
    #[test]
    fn concurrent_appends_keep_a_consistent_order() {
        let j = std::sync::Arc::new(Journal::default());
        const THREADS: usize = 4;
        const EACH: usize = 5_000;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (j, stop) = (j.clone(), stop.clone());
            std::thread::spawn(move || {
                // At least one read, however late this thread starts (the writers may be done by then).
                let mut reads = 0;
                loop {
                    let done = stop.load(Ordering::Relaxed);
                    j.read(|events| {
                        for (i, e) in events.iter().enumerate() {
                            assert_eq!(e.sequence, i as u64 + 1);
                        }
                    });
                    reads += 1;
                    if done {
                        break;
                    }
                }
                reads
            })
        };
        let writers: Vec<_> = (0..THREADS)
            .map(|t| {
                let j = j.clone();
                std::thread::spawn(move || {
                    for k in 0..EACH {
                        j.record(Event {
                            session: t as u32 + 1,
                            object: k,
                            ..Event::new(EventType::ProviderCall, Method::DoFastShutdown)
                        });
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
        let events = j.snapshot();
        assert_eq!(events.len(), THREADS * EACH);
        for t in 1..=THREADS as u32 {
            let mine: Vec<usize> = events
                .iter()
                .filter(|e| e.session == t)
                .map(|e| e.object)
                .collect();
            assert_eq!(mine, (0..EACH).collect::<Vec<_>>());
        }
    }

    /// Clears while other threads append: nothing is lost or torn, and sequence numbers restart at 1.
    #[test]
    fn clear_while_appending() {
        let j = std::sync::Arc::new(Journal::default());
        let writers: Vec<_> = (0..3)
            .map(|_| {
                let j = j.clone();
                std::thread::spawn(move || {
                    for _ in 0..20_000 {
                        j.diagnostic(Method::None, 0, "note");
                    }
                })
            })
            .collect();
        for _ in 0..50 {
            j.clear();
            j.read(|events| {
                for (i, e) in events.iter().enumerate() {
                    assert_eq!(e.sequence, i as u64 + 1);
                    assert_eq!(e.message_str(), "note");
                }
            });
        }
        for w in writers {
            w.join().unwrap();
        }
        let n = j.len();
        assert!(n <= 60_000);
        j.clear();
        assert_eq!(j.len(), 0);
        j.diagnostic(Method::None, 0, "after");
        assert_eq!(j.with_event(0, |e| e.sequence), Some(1));
    }

    #[test]
    fn segments_hold_events_across_boundaries() {
        let j = Journal::default();
        let n = SEGMENT0 * 7 + 3;
        j.reserve(10);
        for k in 0..n {
            j.record(Event {
                object: k,
                ..Event::new(EventType::ProviderCall, Method::QueryFastShutdown)
            });
        }
        j.read(|events| {
            assert_eq!(events.len(), n);
            assert!(events.iter().map(|e| e.object).eq(0..n));
            assert!(events.iter_from(n - 5).map(|e| e.object).eq(n - 5..n));
            assert_eq!(events.get(SEGMENT0).map(|e| e.object), Some(SEGMENT0));
            assert!(events.get(n).is_none());
        });
        assert_eq!(locate(0), (0, 0));
        assert_eq!(locate(SEGMENT0 - 1), (0, SEGMENT0 - 1));
        assert_eq!(locate(SEGMENT0), (1, 0));
        assert_eq!(locate(3 * SEGMENT0), (2, 0));
    }

    #[test]
    fn interior_nul_is_replaced_not_dropped() {
        assert_eq!(c_string("a\0b").to_str().unwrap(), "a?b");
    }
}
