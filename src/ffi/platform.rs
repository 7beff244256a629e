//! The few Windows platform services that MAPI client and sample code calls around the MAPI calls, for the
//! SDK-compatible headers (`include/mockmapi/sdk/`) to forward to off Windows. Implemented here so that the
//! headers need no POSIX feature macros under `-std=c11`.

/// Suspend the calling thread for `milliseconds` (what `Sleep` in `include/mockmapi/sdk/windows.h` calls).
/// `0` gives up the rest of the time slice. Thread-safe; touches no mockmapi state and journals nothing.
#[no_mangle]
pub extern "C" fn mockmapi_thread_sleep(milliseconds: u32) {
    if milliseconds == 0 {
        std::thread::yield_now();
    } else {
        std::thread::sleep(std::time::Duration::from_millis(u64::from(milliseconds)));
    }
}
