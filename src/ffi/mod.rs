//! The exported C surface, thin: argument checks, the panic boundary, conversion, then one call into the
//! process-wide [`Runtime`]. Declared in `include/mockmapi.h` (generated) and `include/mockmapi_abi.h`.
//!
//! Thread-safety: every function here may be called from any thread, concurrently.

// C names on purpose: identical in Rust and in the header (mockmapi_* types).
#![allow(non_camel_case_types)]

pub mod control;
pub mod harness;
pub mod journal;
pub mod mapi;
pub mod mapiobj;
pub mod mapiutil;
pub mod platform;
pub mod registry;
pub mod version;

use std::sync::LazyLock;

use crate::runtime::{Discovery, Method, Runtime};

/// The one process-wide subsystem, as MAPI has. Its configuration comes from `MOCKMAPI_CONFIG`,
/// `mockmapi.yaml` in the working directory and `MOCKMAPI_REGISTRY` (`config/README.md`).
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    init_tracing();
    let rt = Runtime::discovering(
        Discovery::Process,
        crate::runtime::loader::EntryPoints {
            allocate_buffer: Some(mapi::MAPIAllocateBuffer),
            allocate_more: Some(mapi::MAPIAllocateMore),
            free_buffer: Some(mapi::MAPIFreeBuffer),
        },
    );
    init_journal_file(&rt);
    rt
});

/// The process-wide runtime behind the C ABI.
pub fn runtime() -> &'static Runtime {
    &RUNTIME
}

/// Run an export's body inside the panic boundary of the process-wide runtime.
pub(crate) fn with_runtime<R>(
    method: Method,
    on_panic: R,
    f: impl FnOnce(&'static Runtime) -> R,
) -> R {
    let rt = runtime();
    rt.guard(method, on_panic, || f(rt))
}

/// `MOCKMAPI_LOG=<filter>` (for example `debug` or `mockmapi=trace`) prints the runtime's decisions to stderr.
/// Silent when unset. A subscriber the host program installed first is left alone.
fn init_tracing() {
    let Ok(filter) = std::env::var("MOCKMAPI_LOG") else {
        return;
    };
    if filter.trim().is_empty() {
        return;
    }
    let filter = tracing_subscriber::EnvFilter::try_new(&filter).unwrap_or_else(|e| {
        eprintln!("mockmapi: MOCKMAPI_LOG='{filter}' is not a valid filter ({e}); using 'debug'");
        tracing_subscriber::EnvFilter::new("debug")
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only for a terminal: a redirected log stays plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// `MOCKMAPI_JOURNAL=<path>` writes the journal as JSON Lines at every `mockmapi_reset` (before the journal
/// is cleared) and when the process ends normally. The file is truncated by the first write of the process.
fn init_journal_file(rt: &Runtime) {
    let Some(path) = std::env::var_os("MOCKMAPI_JOURNAL").filter(|p| !p.is_empty()) else {
        return;
    };
    rt.journal().set_file(Some(path.into()));
    extern "C" fn flush_at_exit() {
        let _ = crate::com::boundary::catch(|| runtime().journal().flush_to_file());
    }
    // SAFETY: registering a plain extern "C" function with no captured state.
    unsafe { libc::atexit(flush_at_exit) };
}

/// Copy `text` into a caller's buffer with `snprintf` rules: at most `size - 1` bytes and a NUL when
/// `size > 0`; returns the full length of `text` (without the NUL).
///
/// # Safety
/// `buffer` must be NULL or valid for `size` bytes.
pub(crate) unsafe fn copy_text(text: &str, buffer: *mut std::ffi::c_char, size: usize) -> usize {
    if !buffer.is_null() && size > 0 {
        let n = text.len().min(size - 1);
        std::ptr::copy_nonoverlapping(text.as_ptr(), buffer.cast::<u8>(), n);
        *buffer.add(n) = 0;
    }
    text.len()
}

/// Write an out-parameter if the pointer is not NULL.
///
/// # Safety
/// `p` must be NULL or valid for a write of `T`.
pub(crate) unsafe fn write_out<T>(p: *mut T, value: T) {
    if let Some(slot) = p.as_mut() {
        *slot = value;
    }
}
