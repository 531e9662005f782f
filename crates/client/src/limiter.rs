//! Process-wide, per-action sliding-window rate limiter.
//!
//! Tencent allows 20 requests per second per action and counts "at most 20 in any 1-second
//! window". A token bucket with a burst of 20 on top of 20/s refill can put 40 in one second;
//! this limiter cannot.
//!
//! Each request holds a *slot* from the moment it is allowed until one window after its response
//! arrived (or its attempt failed). At most `max` slots exist per action. Whatever moment the server
//! counts a request at lies between those two instants, so any window of the server's clock sees at
//! most `max` requests, whatever the network latency: the guarantee does not depend on requests
//! arriving in the order or at the pace they were sent. (The one exception is a request that
//! timed out on our side yet reaches the server later still; the client never re-sends a Create
//! after a timeout, so this cannot cascade.)
//!
//! No global: create one [`RateLimiter`] and give (clones of) it to every client in the process.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::error::ClientError;

/// Tencent's published limit per action.
pub const TENCENT_MAX_PER_SECOND: u32 = 20;

/// How many requests per action are allowed in any window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    max_per_window: u32,
    window: Duration,
}

impl RateLimit {
    /// At most `n` requests per action in any 1-second window; `n` from 1 to 20 (Tencent's limit).
    pub fn per_second(n: u32) -> Result<Self, ClientError> {
        if n == 0 || n > TENCENT_MAX_PER_SECOND {
            return Err(ClientError::Config {
                setting: "rate limit",
                input: n.to_string(),
                reason: format!(
                    "expected 1 to {TENCENT_MAX_PER_SECOND} requests per second (Tencent allows \
                     {TENCENT_MAX_PER_SECOND} per second per action)"
                ),
            });
        }
        Ok(Self {
            max_per_window: n,
            window: Duration::from_secs(1),
        })
    }

    /// Requests allowed per window.
    pub fn max_per_window(&self) -> u32 {
        self.max_per_window
    }

    /// The window length (one second).
    pub fn window(&self) -> Duration {
        self.window
    }
}

impl Default for RateLimit {
    /// Tencent's limit: 20 in any second.
    fn default() -> Self {
        Self {
            max_per_window: TENCENT_MAX_PER_SECOND,
            window: Duration::from_secs(1),
        }
    }
}

/// The pure bookkeeping for one action, on an abstract clock (time since some origin), so it can
/// be tested with any sequence of instants.
#[derive(Debug, Clone)]
pub struct SlidingWindow {
    max: usize,
    window: Duration,
    next_id: u64,
    in_flight: Vec<u64>,
    /// Release instants, non-decreasing (releases are recorded in time order).
    released: VecDeque<Duration>,
}

/// Result of [`SlidingWindow::try_acquire`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquire {
    /// A slot was taken; give the id back to [`SlidingWindow::release`].
    Granted(u64),
    /// Full: the earliest slot frees at this instant.
    WaitUntil(Duration),
    /// Full of requests still in flight: wait for one to be released.
    WaitForRelease,
}

impl SlidingWindow {
    /// A window allowing `limit.max_per_window` slots.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            max: limit.max_per_window as usize,
            window: limit.window,
            next_id: 0,
            in_flight: Vec::new(),
            released: VecDeque::new(),
        }
    }

    fn prune(&mut self, now: Duration) {
        while self
            .released
            .front()
            .is_some_and(|&t| t + self.window <= now)
        {
            self.released.pop_front();
        }
    }

    /// Take a slot at `now` if one is free.
    pub fn try_acquire(&mut self, now: Duration) -> Acquire {
        self.prune(now);
        if self.in_flight.len() + self.released.len() < self.max {
            let id = self.next_id;
            self.next_id += 1;
            self.in_flight.push(id);
            return Acquire::Granted(id);
        }
        match self.released.front() {
            Some(&t) => Acquire::WaitUntil(t + self.window),
            None => Acquire::WaitForRelease,
        }
    }

    /// The request holding slot `id` finished (response received or attempt failed) at `now`;
    /// the slot stays occupied for one more window.
    pub fn release(&mut self, id: u64, now: Duration) {
        if let Some(pos) = self.in_flight.iter().position(|&x| x == id) {
            self.in_flight.swap_remove(pos);
            // Keep release instants sorted even if a caller passes an older instant.
            let at = self.released.back().map_or(now, |&last| last.max(now));
            self.released.push_back(at);
        }
    }

    /// A request finished at `at` (before this window existed, e.g. in an earlier run of the
    /// program): its slot cools down until `at + window` like any other.
    pub fn note_released(&mut self, at: Duration) {
        let i = self.released.partition_point(|&t| t <= at);
        self.released.insert(i, at);
    }

    /// Slots currently occupied (in flight or cooling down) at `now`.
    pub fn occupied(&mut self, now: Duration) -> usize {
        self.prune(now);
        self.in_flight.len() + self.released.len()
    }
}

struct Inner {
    limit: RateLimit,
    origin: Instant,
    windows: Mutex<HashMap<String, SlidingWindow>>,
    released: Notify,
}

/// Shared per-action limiter. Cloning shares the same state.
#[derive(Clone)]
pub struct RateLimiter {
    inner: Arc<Inner>,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.inner.limit)
            .finish_non_exhaustive()
    }
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(RateLimit::default())
    }
}

impl RateLimiter {
    /// A new limiter; share it (clone) between every client of the process.
    pub fn new(limit: RateLimit) -> Self {
        Self {
            inner: Arc::new(Inner {
                limit,
                origin: Instant::now(),
                windows: Mutex::new(HashMap::new()),
                released: Notify::new(),
            }),
        }
    }

    /// The limit in force.
    pub fn limit(&self) -> RateLimit {
        self.inner.limit
    }

    fn now(&self) -> Duration {
        Instant::now().saturating_duration_since(self.inner.origin)
    }

    fn windows(&self) -> MutexGuard<'_, HashMap<String, SlidingWindow>> {
        // The map stays consistent even if a holder panicked: every operation is a few pushes.
        self.inner
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Wait (asynchronously) until a request for `action` may be sent. Hold the permit until the
    /// response has been received or the attempt has failed, then drop it.
    pub async fn acquire(&self, action: &str) -> Permit {
        loop {
            let mut notified = pin!(self.inner.released.notified());
            notified.as_mut().enable();
            let decision = {
                let mut windows = self.windows();
                let window = windows
                    .entry(action.to_owned())
                    .or_insert_with(|| SlidingWindow::new(self.inner.limit));
                window.try_acquire(self.now())
            };
            match decision {
                Acquire::Granted(id) => {
                    return Permit {
                        limiter: self.clone(),
                        action: action.to_owned(),
                        id,
                    };
                }
                Acquire::WaitUntil(at) => {
                    tokio::time::sleep_until(self.inner.origin + at).await;
                }
                Acquire::WaitForRelease => notified.await,
            }
        }
    }

    /// Requests of `action` that finished `ago` before now, before this limiter existed (the
    /// attempts of the last window, as stored by an earlier process): after a quick restart
    /// they still count, so the restart does not burst into `RequestLimitExceeded`. Ages of a
    /// window or more are ignored.
    pub fn note_past(&self, action: &str, ago: &[Duration]) {
        let now = self.now();
        let window = self.inner.limit.window;
        let mut windows = self.windows();
        let w = windows
            .entry(action.to_owned())
            .or_insert_with(|| SlidingWindow::new(self.inner.limit));
        for &age in ago.iter().filter(|&&a| a < window) {
            // Before the origin (a limiter younger than a second): count from the origin.
            w.note_released(now.saturating_sub(age));
        }
    }

    /// Slots of `action` occupied now (for diagnostics and tests).
    pub fn occupied(&self, action: &str) -> usize {
        let now = self.now();
        self.windows()
            .get_mut(action)
            .map_or(0, |w| w.occupied(now))
    }

    fn release(&self, action: &str, id: u64) {
        let now = self.now();
        if let Some(window) = self.windows().get_mut(action) {
            window.release(id, now);
        }
        self.inner.released.notify_waiters();
    }
}

/// Permission to send one request; dropping it starts the slot's cool-down.
#[must_use = "hold the permit until the response arrives"]
pub struct Permit {
    limiter: RateLimiter,
    action: String,
    id: u64,
}

impl fmt::Debug for Permit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Permit")
            .field("action", &self.action)
            .field("id", &self.id)
            .finish()
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.limiter.release(&self.action, self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng, rngs::StdRng};

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn past_attempts_occupy_their_slots_until_their_window_ends() {
        let mut w = SlidingWindow::new(RateLimit::per_second(3).unwrap());
        w.note_released(ms(900));
        w.note_released(ms(100));
        assert_eq!(
            w.occupied(ms(1000)),
            2,
            "rule: stored attempts count after a restart"
        );
        assert_eq!(w.try_acquire(ms(1000)), Acquire::Granted(0));
        assert_eq!(
            w.try_acquire(ms(1000)),
            Acquire::WaitUntil(ms(1100)),
            "the oldest stored attempt frees its slot one window after it ended"
        );
        assert_eq!(w.occupied(ms(1950)), 1, "only the in-flight one is left");
        let limiter = RateLimiter::new(RateLimit::per_second(20).unwrap());
        limiter.note_past("A", &[ms(10), ms(500), ms(1500)]);
        assert_eq!(
            limiter.occupied("A"),
            2,
            "rule: attempts of the last second (not older) are counted"
        );
    }

    #[test]
    fn per_second_bounds() {
        assert!(RateLimit::per_second(0).is_err());
        assert!(
            RateLimit::per_second(21).is_err(),
            "more than Tencent's 20/s must be refused"
        );
        assert_eq!(RateLimit::per_second(20).unwrap(), RateLimit::default());
        assert_eq!(RateLimit::per_second(5).unwrap().max_per_window(), 5);
    }

    #[test]
    fn instant_responses_allow_exactly_max_per_window_not_a_burst_on_top() {
        // A token bucket (burst 20 + 20/s) lets 40 through in the first second; this must not.
        let mut w = SlidingWindow::new(RateLimit::default());
        let mut granted_in_first_second = 0;
        let mut t = Duration::ZERO;
        while t < ms(1000) {
            while let Acquire::Granted(id) = w.try_acquire(t) {
                w.release(id, t);
                granted_in_first_second += 1;
            }
            t += ms(1);
        }
        assert_eq!(
            granted_in_first_second, 20,
            "at most 20 in any 1-second window"
        );
        assert_eq!(w.try_acquire(ms(999)), Acquire::WaitUntil(ms(1000)));
        assert!(matches!(w.try_acquire(ms(1000)), Acquire::Granted(_)));
    }

    #[test]
    fn in_flight_requests_hold_their_slot_until_released() {
        let mut w = SlidingWindow::new(RateLimit::per_second(2).unwrap());
        let Acquire::Granted(a) = w.try_acquire(ms(0)) else {
            panic!()
        };
        let Acquire::Granted(_b) = w.try_acquire(ms(0)) else {
            panic!()
        };
        assert_eq!(w.try_acquire(ms(5000)), Acquire::WaitForRelease);
        w.release(a, ms(5000));
        assert_eq!(w.try_acquire(ms(5999)), Acquire::WaitUntil(ms(6000)));
        assert!(matches!(w.try_acquire(ms(6000)), Acquire::Granted(_)));
    }

    /// Simulates many callers with random latencies on a fake clock. Whatever instant between
    /// sending and receiving the server counts a request at, no 1-second window of the server may
    /// see more than the limit.
    #[test]
    fn no_window_ever_sees_more_than_the_limit_whatever_the_latency() {
        for (limit, seed) in [(20u32, 1u64), (20, 2), (5, 3), (1, 4)] {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut w = SlidingWindow::new(RateLimit::per_second(limit).unwrap());
            // (release_at, id, server_counts_at)
            let mut in_flight: Vec<(Duration, u64, Duration)> = Vec::new();
            let mut arrivals: Vec<Duration> = Vec::new();
            let mut t = Duration::ZERO;
            while t < Duration::from_secs(20) {
                in_flight.retain(|&(rel, id, arr)| {
                    if rel <= t {
                        w.release(id, t);
                        arrivals.push(arr);
                        false
                    } else {
                        true
                    }
                });
                // Up to 8 callers try each millisecond.
                for _ in 0..rng.random_range(0..8) {
                    if let Acquire::Granted(id) = w.try_acquire(t) {
                        let latency = ms(rng.random_range(0..400));
                        let arrival = t + ms(rng.random_range(0..=latency.as_millis() as u64));
                        in_flight.push((t + latency, id, arrival));
                    }
                }
                t += ms(1);
            }
            arrivals.sort();
            assert!(
                arrivals.len() > limit as usize * 10,
                "the simulation must send plenty"
            );
            for (i, &start) in arrivals.iter().enumerate() {
                let in_window = arrivals[i..]
                    .iter()
                    .take_while(|&&a| a < start + ms(1000))
                    .count();
                assert!(
                    in_window <= limit as usize,
                    "rate-limit rule: {in_window} requests counted in the 1 s window from \
                     {start:?} with limit {limit}"
                );
            }
        }
    }

    #[tokio::test(start_paused = true)]
    async fn async_limiter_spaces_bursts_by_one_window() {
        let limiter = RateLimiter::new(RateLimit::per_second(3).unwrap());
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..7 {
            let permit = limiter.acquire("Create").await;
            times.push(start.elapsed());
            drop(permit);
        }
        assert_eq!(&times[..3], &[Duration::ZERO; 3]);
        assert_eq!(&times[3..6], &[Duration::from_secs(1); 3]);
        assert_eq!(times[6], Duration::from_secs(2));
        // Another action has its own window.
        let other = limiter.clone().acquire("Describe").await;
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        drop(other);
    }

    #[tokio::test(start_paused = true)]
    async fn waiter_wakes_when_an_in_flight_request_is_released() {
        let limiter = RateLimiter::new(RateLimit::per_second(1).unwrap());
        let held = limiter.acquire("A").await;
        let l2 = limiter.clone();
        let waiter = tokio::spawn(async move {
            let _p = l2.acquire("A").await;
            Instant::now()
        });
        tokio::time::sleep(Duration::from_secs(3)).await;
        let released_at = Instant::now();
        drop(held);
        let got = waiter.await.unwrap();
        assert_eq!(
            got - released_at,
            Duration::from_secs(1),
            "slot frees one window after release"
        );
    }
}
