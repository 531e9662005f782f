//! The crate's one public error type, and the Tencent-style API error a request can end in.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::state::ApplicationState;

/// Errors from starting, controlling or persisting a [`crate::Sandbox`].
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The sandbox only ever listens on loopback (127.0.0.1 / ::1).
    #[error("the sandbox only listens on a loopback address such as 127.0.0.1, not {0}")]
    NonLoopbackAddress(SocketAddr),
    /// Binding the listening socket failed (port in use, permission, ...).
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// A fault rate outside 0.0..=1.0 (or NaN).
    #[error("fault `{name}` must be a probability between 0.0 and 1.0, got {value}")]
    InvalidFaultRate { name: &'static str, value: f64 },
    /// `SandboxConfig::secrets` is empty, so no request could ever authenticate.
    #[error("the sandbox needs at least one (SecretId, SecretKey) pair")]
    NoSecrets,
    /// A configured SecretId or SecretKey is empty or has surrounding whitespace.
    #[error("sandbox secret #{index} is unusable: {reason}")]
    InvalidSecret { index: usize, reason: &'static str },
    /// `rate_limit_per_sec` is 0, which would reject every request.
    #[error("rate_limit_per_sec must be at least 1")]
    ZeroRateLimit,
    /// `max_pending` is 0, which would reject every application.
    #[error("max_pending must be at least 1")]
    ZeroMaxPending,
    /// The state file exists but could not be read.
    #[error("could not read sandbox state file {path}: {source}")]
    StateRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The state file is not the JSON this crate writes.
    #[error("sandbox state file {path} is not valid sandbox state: {source}")]
    StateParse {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// The state file was written by an incompatible version of the sandbox.
    #[error("sandbox state file {path} has format {found}, this sandbox reads format {expected}")]
    StateFormat {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    /// Writing the state file (temp file + rename) failed.
    #[error("could not write sandbox state file {path}: {source}")]
    StateWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A site name other than `intl`/`international` or `china`/`cn`.
    #[error("unknown site `{0}`: expected `intl` (International) or `china`")]
    UnknownSite(String),
    /// No application with this ApplyId exists.
    #[error("no sandbox application has ApplyId {0}")]
    UnknownApplyId(u64),
    /// The application is not in a state that allows this transition.
    #[error("application {apply_id} is {state:?} and cannot be {wanted}")]
    WrongApplicationState {
        apply_id: u64,
        state: ApplicationState,
        wanted: &'static str,
    },
}

/// An error answered to the client as
/// `{"Response":{"Error":{"Code","Message"},"RequestId"}}` with HTTP 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn missing(field: &str) -> Self {
        Self::new(
            "MissingParameter",
            format!("The request is missing a required parameter `{field}`."),
        )
    }

    pub fn unknown(field: &str, action: &str) -> Self {
        Self::new(
            "UnknownParameter",
            format!("The parameter `{field}` is not recognized by {action}."),
        )
    }

    pub fn wrong_type(field: &str, expected: &str, got: &str) -> Self {
        Self::new(
            "InvalidParameter",
            format!("The value of parameter `{field}` must be {expected}, got {got}."),
        )
    }

    pub fn bad_value(field: &str, message: impl std::fmt::Display) -> Self {
        Self::new(
            "InvalidParameterValue",
            format!("Parameter `{field}`: {message}"),
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("InternalError", message)
    }
}
