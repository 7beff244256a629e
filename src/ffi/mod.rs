//! The exported C surface, thin: argument checks, the panic boundary, conversion, then one call into the
//! process-wide [`Runtime`]. Declared in `include/mockmapi.h` (generated) and `include/mockmapi_abi.h`.
//!
//! Thread-safety: every function here may be called from any thread, concurrently.

pub mod control;
pub mod journal;
pub mod mapi;
pub mod registry;

use std::sync::LazyLock;

use crate::runtime::{Discovery, Method, Runtime};

/// The one process-wide subsystem, as MAPI has. Its configuration comes from `MOCKMAPI_CONFIG`,
/// `mockmapi.yaml` in the working directory and `MOCKMAPI_REGISTRY` (`config/README.md`).
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    init_tracing();
    Runtime::discovering(Discovery::Process)
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
        .with_target(false)
        .try_init();
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
