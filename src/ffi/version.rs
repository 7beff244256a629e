//! The library's version. `Cargo.toml` is its one source: the constants below and `mockmapi_version()` read it
//! at compile time, and the `MOCKMAPI_VERSION_*` macros of `include/mockmapi.h` are written from it when the
//! header is generated (`tests/header.rs`), so a version change that is not carried into the header fails
//! that test.

use std::ffi::c_char;

/// Parse one decimal component of the package version at compile time.
const fn component(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0u32;
    while i < b.len() {
        assert!(b[i].is_ascii_digit(), "version components are decimal");
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    n
}

/// The major version (`MOCKMAPI_VERSION_MAJOR` in the header): changes when the ABI breaks, and with it the
/// shared library's SONAME (`libmockmapi.so.<major>`).
pub const MOCKMAPI_VERSION_MAJOR: u32 = component(env!("CARGO_PKG_VERSION_MAJOR"));
/// The minor version (`MOCKMAPI_VERSION_MINOR`): additions that keep the ABI.
pub const MOCKMAPI_VERSION_MINOR: u32 = component(env!("CARGO_PKG_VERSION_MINOR"));
/// The patch version (`MOCKMAPI_VERSION_PATCH`): fixes.
pub const MOCKMAPI_VERSION_PATCH: u32 = component(env!("CARGO_PKG_VERSION_PATCH"));
/// `major * 1000000 + minor * 1000 + patch` (`MOCKMAPI_VERSION_NUMBER`), for `#if` comparisons.
pub const MOCKMAPI_VERSION_NUMBER: u32 =
    MOCKMAPI_VERSION_MAJOR * 1_000_000 + MOCKMAPI_VERSION_MINOR * 1_000 + MOCKMAPI_VERSION_PATCH;

/// `"major.minor.patch"`, NUL-terminated.
static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of the mockmapi library in use, as `"major.minor.patch"` (UTF-8, NUL-terminated).
///
/// Compare it with `MOCKMAPI_VERSION_STRING` to find a header that does not match the library a program runs
/// with. The string is static: never free it. Callable at any time, from any thread, before `MAPIInitialize` and
/// after `DoFastShutdown`; it touches no MAPI state and never fails.
#[no_mangle]
pub extern "C" fn mockmapi_version() -> *const c_char {
    // No panic boundary: returning a static pointer cannot panic, and the process-wide runtime (its
    // configuration, its journal) is deliberately left uninitialised by a version query.
    VERSION.as_ptr().cast()
}

/// The library's `MOCKMAPI_VERSION_NUMBER` (`major * 1000000 + minor * 1000 + patch`). Never fails; thread-safe.
#[no_mangle]
pub extern "C" fn mockmapi_version_number() -> u32 {
    MOCKMAPI_VERSION_NUMBER
}

/// The `#define`s for the header: the same values as the constants above (see `tests/header.rs`).
pub fn header_defines() -> String {
    format!(
        "/** The major version of these headers: changes when the ABI breaks (and with it the SONAME). */\n\
         #define MOCKMAPI_VERSION_MAJOR {MOCKMAPI_VERSION_MAJOR}\n\
         /** The minor version of these headers: additions that keep the ABI. */\n\
         #define MOCKMAPI_VERSION_MINOR {MOCKMAPI_VERSION_MINOR}\n\
         /** The patch version of these headers. */\n\
         #define MOCKMAPI_VERSION_PATCH {MOCKMAPI_VERSION_PATCH}\n\
         /** The version of these headers as a string; mockmapi_version() gives the library's. */\n\
         #define MOCKMAPI_VERSION_STRING \"{}\"\n\
         /** `MOCKMAPI_VERSION_MAJOR * 1000000 + MOCKMAPI_VERSION_MINOR * 1000 + MOCKMAPI_VERSION_PATCH`, for `#if`. */\n\
         #define MOCKMAPI_VERSION_NUMBER {MOCKMAPI_VERSION_NUMBER}\n",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_cargo_tomls() {
        let s = unsafe { std::ffi::CStr::from_ptr(mockmapi_version()) };
        assert_eq!(s.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(
            format!("{MOCKMAPI_VERSION_MAJOR}.{MOCKMAPI_VERSION_MINOR}.{MOCKMAPI_VERSION_PATCH}"),
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(
            mockmapi_version_number(),
            MOCKMAPI_VERSION_MAJOR * 1_000_000
                + MOCKMAPI_VERSION_MINOR * 1_000
                + MOCKMAPI_VERSION_PATCH
        );
        assert_eq!(component("0"), 0);
        assert_eq!(component("1203"), 1203);
    }
}
