//! Wall clock used for `X-TC-Timestamp`, replaceable in tests.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Source of the current Unix time in milliseconds.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    fn now_unix_millis(&self) -> i64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix_millis(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
        }
    }
}

/// The system clock shifted by a fixed number of seconds (to simulate a wrong local clock).
#[derive(Debug, Clone, Copy)]
pub struct OffsetClock {
    /// Seconds added to the system time (negative: behind).
    pub offset_secs: i64,
}

impl Clock for OffsetClock {
    fn now_unix_millis(&self) -> i64 {
        SystemClock
            .now_unix_millis()
            .saturating_add(self.offset_secs.saturating_mul(1000))
    }
}

/// A clock that always returns the same instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock {
    /// The instant, Unix milliseconds.
    pub unix_millis: i64,
}

impl Clock for FixedClock {
    fn now_unix_millis(&self) -> i64 {
        self.unix_millis
    }
}
