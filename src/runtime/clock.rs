//! The clock of provider-call durations: two reads per provider call, the journal's only clock cost.
//!
//! `quanta` reads the CPU's invariant time-stamp counter where it is usable (calibrated once against the OS
//! monotonic clock) and falls back to the OS monotonic clock elsewhere. A raw read is a single instruction on
//! x86-64; the scaling to nanoseconds is paid once per call, not per read.

use std::sync::LazyLock;
use std::time::Duration;

static CLOCK: LazyLock<quanta::Clock> = LazyLock::new(quanta::Clock::new);

/// A reading of the clock.
#[derive(Debug, Clone, Copy)]
pub struct Stamp(u64);

/// Read the clock.
#[inline]
pub fn now() -> Stamp {
    Stamp(CLOCK.raw())
}

impl Stamp {
    /// The time from this reading to `later`.
    #[inline]
    pub fn until(self, later: Stamp) -> Duration {
        CLOCK.delta(self.0, later.0)
    }

    /// The time from this reading to now (one more read).
    #[inline]
    pub fn elapsed(self) -> Duration {
        self.until(now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_follow_the_os_clock() {
        let t0 = now();
        let os = std::time::Instant::now();
        std::thread::sleep(Duration::from_millis(20));
        let ours = t0.elapsed();
        let theirs = os.elapsed();
        // Not a timing assertion: both clocks measured the same sleep; they must agree on its order of size.
        assert!(ours >= Duration::from_millis(10), "{ours:?}");
        assert!(
            ours <= theirs * 2 + Duration::from_millis(5),
            "{ours:?} vs {theirs:?}"
        );
    }
}
