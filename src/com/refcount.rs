//! The one reference-count helper every Rust-implemented COM object uses.
//!
//! Counts are atomic. A count never goes below zero: a `Release` on a count that is already zero is
//! reported as [`RefError::OverRelease`] (the caller records a violation) instead of wrapping, and an
//! `AddRef` on a released object is reported as [`RefError::Resurrect`] and does not bring it back.

use core::sync::atomic::{AtomicU32, Ordering};

/// Misuse of a reference count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefError {
    /// `Release` on an object whose count is already zero.
    OverRelease,
    /// `AddRef` on an object whose count already reached zero.
    Resurrect,
}

/// An atomic COM reference count that starts at one.
#[derive(Debug)]
pub struct RefCount(AtomicU32);

impl Default for RefCount {
    fn default() -> Self {
        RefCount(AtomicU32::new(1))
    }
}

impl RefCount {
    /// The current count (informational, as COM's return values are).
    pub fn get(&self) -> u32 {
        self.0.load(Ordering::Acquire)
    }

    /// Increment; fails without changing anything if the object was already released to zero.
    pub fn add_ref(&self) -> Result<u32, RefError> {
        self.0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                if n == 0 {
                    None
                } else {
                    n.checked_add(1)
                }
            })
            .map(|old| old + 1)
            .map_err(|_| RefError::Resurrect)
    }

    /// Decrement; `Ok(0)` means this call released the last reference.
    pub fn release(&self) -> Result<u32, RefError> {
        self.0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .map(|old| old - 1)
            .map_err(|_| RefError::OverRelease)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_up_and_down_and_refuses_to_underflow() {
        let rc = RefCount::default();
        assert_eq!(rc.add_ref(), Ok(2));
        assert_eq!(rc.release(), Ok(1));
        assert_eq!(rc.release(), Ok(0));
        assert_eq!(rc.release(), Err(RefError::OverRelease));
        assert_eq!(rc.add_ref(), Err(RefError::Resurrect));
        assert_eq!(rc.get(), 0);
    }
}
