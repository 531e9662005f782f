//! Per-attempt records, for the outbox's log. Never contains secrets or signatures.

use std::fmt;
use std::sync::Arc;

use numdesk_model::NetworkKind;
use serde::Serialize;

use crate::error::{ClientError, ErrorClass};

/// One HTTP attempt of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttemptRecord {
    /// `X-TC-Action`.
    pub action: String,
    /// 1 for the first attempt of the call.
    pub attempt: u32,
    /// When the attempt started, by the local clock (Unix milliseconds, uncorrected).
    pub started_at_unix_ms: i64,
    /// The `X-TC-Timestamp` signed (local clock plus the learned offset).
    pub signed_timestamp: i64,
    /// From sending to the end of the response (or the failure), milliseconds; excludes time
    /// spent waiting for the rate limiter.
    pub latency_ms: u64,
    /// Time waited for the rate limiter before sending, milliseconds.
    pub rate_limit_wait_ms: u64,
    /// Tencent's RequestId, when there is one.
    pub request_id: Option<String>,
    /// `None` on success.
    pub error_class: Option<ErrorClass>,
    /// Tencent's error code for API errors.
    pub error_code: Option<String>,
    /// Error message (Tencent's message, or the network failure); never a secret.
    pub error_message: Option<String>,
    /// Which network failure, when the attempt failed on the network.
    pub network_kind: Option<NetworkKind>,
    /// What the client does next.
    pub next: NextStep,
}

impl AttemptRecord {
    /// True when this attempt succeeded.
    pub fn succeeded(&self) -> bool {
        self.error_class.is_none()
    }
}

/// What the client did after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextStep {
    /// The call finished (success or final error).
    Done,
    /// Retry after this backoff.
    RetryAfterBackoff {
        /// Milliseconds.
        delay_ms: u64,
    },
    /// Retry at once, re-signed with the clock offset learned from the response `Date`.
    RetryWithClockCorrection {
        /// Seconds added to the local clock from now on.
        offset_secs: i64,
    },
}

impl AttemptRecord {
    pub(crate) fn from_result(
        base: AttemptBase,
        result: Result<Option<&str>, &ClientError>,
        next: NextStep,
    ) -> Self {
        let network_kind = result.err().and_then(ClientError::network_failure);
        let (request_id, error_class, error_code, error_message) = match result {
            Ok(request_id) => (request_id.map(str::to_owned), None, None, None),
            Err(e) => (
                e.request_id().map(str::to_owned),
                Some(e.class()),
                e.api_code().map(str::to_owned),
                Some(match e.as_api() {
                    Some(api) => api.message.clone(),
                    None => e.to_string(),
                }),
            ),
        };
        Self {
            action: base.action,
            attempt: base.attempt,
            started_at_unix_ms: base.started_at_unix_ms,
            signed_timestamp: base.signed_timestamp,
            latency_ms: base.latency_ms,
            rate_limit_wait_ms: base.rate_limit_wait_ms,
            request_id,
            error_class,
            error_code,
            error_message,
            network_kind,
            next,
        }
    }
}

pub(crate) struct AttemptBase {
    pub action: String,
    pub attempt: u32,
    pub started_at_unix_ms: i64,
    pub signed_timestamp: i64,
    pub latency_ms: u64,
    pub rate_limit_wait_ms: u64,
}

/// Receives every attempt as it finishes.
pub trait AttemptObserver: Send + Sync {
    /// Called once per attempt, after it finished and the next step was decided.
    fn on_attempt(&self, record: &AttemptRecord);
}

impl<F: Fn(&AttemptRecord) + Send + Sync> AttemptObserver for F {
    fn on_attempt(&self, record: &AttemptRecord) {
        self(record)
    }
}

/// A boxed future, for [`AttemptHooks`].
pub type HookFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Durable bookkeeping around each attempt of one call, awaited by the client (the outbox
/// records here, so that after a crash only a request that may really have reached Tencent is
/// left "outcome unknown").
pub trait AttemptHooks: Send + Sync {
    /// Attempt number `attempt` holds its rate-limit slot and leaves as soon as this returns
    /// `true`. `false` withholds it: the call ends at once with
    /// [`ClientError::NotSent`] (detail [`WITHHELD`]) and nothing is sent.
    fn before_send(&self, attempt: u32) -> HookFuture<'_, bool>;

    /// `record` failed without taking effect (a definite rejection, or a failure before
    /// sending) and will be retried (after a backoff, or at once with a corrected clock):
    /// awaited before that.
    fn before_backoff<'a>(&'a self, record: &'a AttemptRecord) -> HookFuture<'a, ()>;
}

/// The detail of the [`ClientError::NotSent`] of a call whose attempt
/// [`AttemptHooks::before_send`] withheld.
pub const WITHHELD: &str = "withheld by the caller before sending";

/// A shareable observer.
#[derive(Clone)]
pub(crate) struct ObserverHandle(pub Arc<dyn AttemptObserver>);

impl fmt::Debug for ObserverHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AttemptObserver")
    }
}

/// An observer that collects records in memory (handy for tests and for one-off calls).
#[derive(Debug, Clone, Default)]
pub struct AttemptLog {
    records: Arc<std::sync::Mutex<Vec<AttemptRecord>>>,
}

impl AttemptLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the records so far.
    pub fn records(&self) -> Vec<AttemptRecord> {
        self.records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Number of records so far.
    pub fn len(&self) -> usize {
        self.records.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forget the records.
    pub fn clear(&self) {
        self.records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

impl AttemptObserver for AttemptLog {
    fn on_attempt(&self, record: &AttemptRecord) {
        self.records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(record.clone());
    }
}
