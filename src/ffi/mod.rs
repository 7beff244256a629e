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
pub mod support;
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
    let parsed = match log_filter_problem(&filter) {
        Some(why) => Err(why),
        None => tracing_subscriber::EnvFilter::try_new(&filter).map_err(|e| e.to_string()),
    };
    let filter = parsed.unwrap_or_else(|why| {
        eprintln!(
            "mockmapi: MOCKMAPI_LOG='{filter}' is not a valid filter ({why}); using 'debug'. Write a level (error, \
             warn, info, debug, trace) or mockmapi=<level>"
        );
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

/// What the filter parser accepts but cannot mean: a directive with no `=` is a level or a target; a word that
/// is neither a level nor a mockmapi target (`deebug`) would silently log nothing.
fn log_filter_problem(filter: &str) -> Option<String> {
    const LEVELS: [&str; 6] = ["error", "warn", "info", "debug", "trace", "off"];
    filter
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.contains('=') && !d.contains('['))
        .find(|d| {
            !LEVELS.iter().any(|l| d.eq_ignore_ascii_case(l))
                && !d.starts_with("mockmapi")
                && d.parse::<u8>().is_err()
        })
        .map(|d| {
            format!(
                "'{d}' is neither a level nor a mockmapi target, so nothing would be logged for it"
            )
        })
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_misspelt_level_is_a_problem_and_valid_filters_are_not() {
        assert!(super::log_filter_problem("deebug").is_some());
        assert!(super::log_filter_problem("info,verbose").is_some());
        for ok in [
            "debug",
            "mockmapi=trace",
            "WARN",
            "mockmapi::journal=debug,info",
            "",
        ] {
            assert_eq!(super::log_filter_problem(ok), None, "{ok}");
        }
    }
}
