//! The sandbox's own clock: the system clock, optionally frozen and/or moved forward so tests of
//! rate limits and approval delays never depend on how fast the machine is.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub(crate) struct Clock {
    inner: Mutex<ClockInner>,
}

#[derive(Debug, Default)]
struct ClockInner {
    /// When set, time stands still at this instant.
    frozen: Option<SystemTime>,
    /// Added to the system clock while not frozen (accumulated `advance` calls).
    skew: Duration,
}

impl Clock {
    fn lock(&self) -> std::sync::MutexGuard<'_, ClockInner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The base time (no clock-offset fault applied).
    pub fn now(&self) -> SystemTime {
        let inner = self.lock();
        match inner.frozen {
            Some(at) => at,
            None => SystemTime::now() + inner.skew,
        }
    }

    pub fn freeze(&self, at: SystemTime) {
        self.lock().frozen = Some(at);
    }

    /// Stop time at the current instant.
    pub fn freeze_now(&self) -> SystemTime {
        let now = self.now();
        self.freeze(now);
        now
    }

    pub fn resume(&self) {
        let mut inner = self.lock();
        if let Some(at) = inner.frozen.take() {
            // Continue from the frozen instant rather than jumping back to the system clock.
            inner.skew = at.duration_since(SystemTime::now()).unwrap_or_default();
        }
    }

    pub fn advance(&self, by: Duration) {
        let mut inner = self.lock();
        match inner.frozen.as_mut() {
            Some(at) => *at += by,
            None => inner.skew += by,
        }
    }
}

/// Unix seconds of `t` (negative before the epoch).
pub(crate) fn unix_secs(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// `t` moved by a signed number of seconds (unchanged if the result is unrepresentable).
pub(crate) fn shift(t: SystemTime, offset_secs: i64) -> SystemTime {
    let by = Duration::from_secs(offset_secs.unsigned_abs());
    if offset_secs >= 0 {
        t.checked_add(by).unwrap_or(t)
    } else {
        t.checked_sub(by).unwrap_or(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_clock_only_moves_when_advanced() {
        let clock = Clock::default();
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        clock.freeze(at);
        assert_eq!(clock.now(), at, "a frozen clock must not move on its own");
        clock.advance(Duration::from_millis(1500));
        assert_eq!(
            clock.now(),
            at + Duration::from_millis(1500),
            "advance moves a frozen clock"
        );
    }

    #[test]
    fn resume_continues_from_the_frozen_instant() {
        let clock = Clock::default();
        let future = SystemTime::now() + Duration::from_secs(3600);
        clock.freeze(future);
        clock.resume();
        assert!(
            clock.now() >= future,
            "resuming must not jump back to the system clock"
        );
    }

    #[test]
    fn shift_handles_both_signs() {
        let t = UNIX_EPOCH + Duration::from_secs(1000);
        assert_eq!(unix_secs(shift(t, 600)), 1600);
        assert_eq!(unix_secs(shift(t, -600)), 400);
        assert_eq!(
            unix_secs(shift(t, -5000)),
            -4000,
            "times before the epoch stay representable"
        );
    }
}
