//! Typed client for the Tencent Cloud CCC actions Number Desk uses.
//!
//! - [`Client`]: signs every attempt afresh with [`numdesk_sign`], waits for the shared
//!   [`RateLimiter`] (at most 20 per action in any second), sends, and classifies failures by what
//!   is safe to do ([`ErrorClass`]): rate limits and failures before sending are retried with
//!   capped, fully jittered exponential backoff; `AuthFailure.SignatureExpire` is retried once
//!   after correcting the clock from the response `Date`; a Create or Modify whose outcome is
//!   unknown (timeout, dropped connection, `InternalError`) is never retried.
//! - [`models`]: the request and response bodies, in Tencent's JSON names.
//! - [`AttemptObserver`]: one [`AttemptRecord`] per HTTP attempt, for the outbox log.
//!
//! No global state: the code that creates clients creates one [`RateLimiter`] and shares it.
//!
//! ```no_run
//! use numdesk_client::{
//!     AttemptLog, CallType, Client, ClientConfig, CreateOwnNumberApplyRequest, Endpoint,
//!     OwnNumberApplyDetailItem, RateLimiter, credentials,
//! };
//!
//! # async fn demo() -> Result<(), numdesk_client::ClientError> {
//! let limiter = RateLimiter::default(); // one per process, cloned into every client
//! let client = Client::new(ClientConfig::new(Endpoint::International), limiter, credentials::from_env()?)?;
//! let log = AttemptLog::new();
//! let request = CreateOwnNumberApplyRequest::new(
//!     1400000000,
//!     77,
//!     vec![OwnNumberApplyDetailItem::new(CallType::InboundAndOutbound, "02012345678", 10, 2)],
//! );
//! match client.with_observer(log.clone()).create_own_number_apply(&request).await {
//!     Ok(created) => println!("ApplyId {} (RequestId {})", created.apply_id, created.request_id),
//!     Err(e) if e.may_have_taken_effect() => println!("outcome unknown, check the console: {e}"),
//!     Err(e) => println!("rejected ({:?}): {e}", e.class()),
//! }
//! println!("{} attempt(s)", log.len());
//! # Ok(()) }
//! ```

mod attempt;
mod client;
mod clock;
mod config;
pub mod credentials;
mod endpoint;
mod error;
mod limiter;
pub mod models;
mod net;
mod prepare;
mod retry;
pub mod tls;

pub use attempt::{
    AttemptHooks, AttemptLog, AttemptObserver, AttemptRecord, HookFuture, NextStep, WITHHELD,
};
pub use client::{Client, MAX_RESPONSE_BYTES, is_read_only_action};
pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use config::{ClientConfig, Language, ProxySetting};
pub use credentials::{CredentialsProvider, EnvCredentials, StaticCredentials};
pub use endpoint::{CHINA_HOST, Endpoint, INTERNATIONAL_HOST};
pub use error::{
    ApiError, ClientError, ErrorClass, KNOWN_CODES, NetworkErrorKind, UnknownOutcomeKind,
};
pub use limiter::{Acquire, Permit, RateLimit, RateLimiter, SlidingWindow, TENCENT_MAX_PER_SECOND};
pub use models::{
    BuyInfoCallType, CallType, CreateOwnNumberApplyRequest, CreateOwnNumberApplyResponse,
    DescribeCccBuyInfoListRequest, DescribeCccBuyInfoListResponse, DescribeNumbersRequest,
    DescribeNumbersResponse, ModifyOwnNumberApplyRequest, ModifyOwnNumberApplyResponse, NumberInfo,
    OwnNumberApplyDetailItem,
};
pub use numdesk_model::{ConnectionKind, EndpointKind, NetworkKind};
pub use numdesk_sign::{Credentials, SecretKey};
pub use prepare::{PreparedRequest, PreviewHeader, REDACTED, RequestPreview, mask_secret_id};
pub use retry::RetryPolicy;
