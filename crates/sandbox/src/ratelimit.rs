//! Sliding-window rate limit: at most `limit` accepted requests per action in any 1-second window.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const WINDOW: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    /// Acceptance times per action, oldest first.
    accepted: HashMap<String, VecDeque<Duration>>,
}

impl RateLimiter {
    /// Accept (and record) a request at `now`, or refuse it. Refused requests are not recorded,
    /// so a client that keeps retrying is never locked out for longer than the window.
    pub fn try_acquire(&mut self, action: &str, now: SystemTime, limit: u32) -> bool {
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        let times = self.accepted.entry(action.to_owned()).or_default();
        // A request exactly one window ago no longer counts: the window is (now - 1 s, now].
        while times.front().is_some_and(|&t| t + WINDOW <= now) {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            return false;
        }
        // Keep the deque ordered even if the system clock stepped backwards.
        let t = times.back().map_or(now, |&last| last.max(now));
        times.push_back(t);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(1_700_000_000_000 + ms)
    }

    #[test]
    fn at_most_limit_in_any_one_second_window() {
        let mut rl = RateLimiter::default();
        for i in 0..20 {
            assert!(
                rl.try_acquire("A", at(i * 10), 20),
                "request {i} is within the limit"
            );
        }
        assert!(
            !rl.try_acquire("A", at(500), 20),
            "the 21st inside one second is refused"
        );
        assert!(rl.try_acquire("B", at(500), 20), "the limit is per action");
        assert!(
            !rl.try_acquire("A", at(999), 20),
            "still inside the first request's window"
        );
        assert!(
            rl.try_acquire("A", at(1000), 20),
            "the first request left the window at +1 s"
        );
        assert!(
            !rl.try_acquire("A", at(1005), 20),
            "the second is still inside at +1.005 s"
        );
        assert!(rl.try_acquire("A", at(1010), 20), "and leaves at +1.010 s");
    }

    #[test]
    fn a_burst_on_top_of_a_steady_rate_is_refused() {
        // The token-bucket trap from API.md: 20 at t=0.9 s then 20 at t=1.1 s is 40 in 0.2 s.
        let mut rl = RateLimiter::default();
        let accepted = (0..20).filter(|_| rl.try_acquire("A", at(900), 20)).count()
            + (0..20)
                .filter(|_| rl.try_acquire("A", at(1100), 20))
                .count();
        assert_eq!(accepted, 20, "no more than 20 in any 1-second window");
    }
}
