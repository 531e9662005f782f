//! Retry policy: capped exponential backoff with full jitter.

use std::time::Duration;

use crate::error::ClientError;

/// How often and how patiently retriable failures (rate limits, failures before sending, and for
/// read-only actions timeouts and server faults) are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, including the first (1 = never retry). The single retry after a clock
    /// correction (`AuthFailure.SignatureExpire`) does not count against this.
    pub max_attempts: u32,
    /// Backoff ceiling of the first retry.
    pub base_delay: Duration,
    /// The backoff ceiling never exceeds this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn no_retries() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Check the values.
    pub fn validate(&self) -> Result<(), ClientError> {
        let bad = |input: String, reason: &str| {
            Err(ClientError::Config {
                setting: "retry policy",
                input,
                reason: reason.to_owned(),
            })
        };
        if self.max_attempts == 0 {
            return bad("max_attempts = 0".into(), "at least 1 attempt is needed");
        }
        if self.max_attempts > 20 {
            return bad(
                format!("max_attempts = {}", self.max_attempts),
                "at most 20 attempts (more would hide a persistent failure)",
            );
        }
        if self.base_delay > self.max_delay {
            return bad(
                format!(
                    "base_delay {:?} > max_delay {:?}",
                    self.base_delay, self.max_delay
                ),
                "the base delay must not exceed the cap",
            );
        }
        Ok(())
    }

    /// Upper bound of the wait before retry number `retry` (1 for the first retry):
    /// `min(max_delay, base_delay * 2^(retry-1))`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1).min(31);
        self.base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay)
    }

    /// Full jitter: a wait uniformly spread over `[0, ceiling)`, from `unit` in `[0, 1)`.
    pub fn backoff_delay(&self, retry: u32, unit: f64) -> Duration {
        let unit = if unit.is_finite() {
            unit.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.backoff_ceiling(retry).mul_f64(unit)
    }

    /// [`backoff_delay`](Self::backoff_delay) with a random `unit`.
    pub fn random_backoff(&self, retry: u32) -> Duration {
        self.backoff_delay(retry, rand::random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceiling_doubles_then_caps() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        let ceilings: Vec<u64> = (1..=7)
            .map(|r| p.backoff_ceiling(r).as_millis() as u64)
            .collect();
        assert_eq!(
            ceilings,
            [100, 200, 400, 800, 1000, 1000, 1000],
            "exponential, then capped"
        );
        assert_eq!(
            p.backoff_ceiling(u32::MAX),
            Duration::from_millis(1000),
            "no overflow"
        );
    }

    #[test]
    fn full_jitter_stays_between_zero_and_the_ceiling() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_delay(3, 0.0), Duration::ZERO);
        assert_eq!(p.backoff_delay(3, 0.5), p.backoff_ceiling(3) / 2);
        assert!(p.backoff_delay(3, 1.5) <= p.backoff_ceiling(3));
        assert_eq!(p.backoff_delay(3, f64::NAN), Duration::ZERO);
        for retry in 1..40 {
            for _ in 0..50 {
                let d = p.random_backoff(retry);
                assert!(
                    d <= p.backoff_ceiling(retry) && d <= p.max_delay,
                    "backoff cap rule"
                );
            }
        }
    }

    #[test]
    fn invalid_policies_are_refused() {
        assert!(
            RetryPolicy {
                max_attempts: 0,
                ..Default::default()
            }
            .validate()
            .is_err()
        );
        assert!(
            RetryPolicy {
                base_delay: Duration::from_secs(5),
                max_delay: Duration::from_secs(1),
                ..Default::default()
            }
            .validate()
            .is_err()
        );
        assert!(RetryPolicy::default().validate().is_ok());
        assert!(RetryPolicy::no_retries().validate().is_ok());
    }
}
