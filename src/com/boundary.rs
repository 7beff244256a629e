//! The panic boundary: no Rust panic ever unwinds into C.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Run `f`, turning a panic into `Err(message)`. Callers convert the error into the documented failure
/// value (`E_UNEXPECTED`, 0 or NULL) and record it; see `runtime::Runtime::guard`.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "panic with a non-string payload".to_owned()
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn panic_becomes_message() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<(), String> = super::catch(|| panic!("boom {}", 7));
        std::panic::set_hook(prev);
        assert_eq!(r, Err("boom 7".to_owned()));
        assert_eq!(super::catch(|| 5), Ok(5));
    }
}
