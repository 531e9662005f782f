//! The one error type of this crate.

use std::path::PathBuf;

use numdesk_client::ClientError;
use numdesk_store::{EndpointScope, StoreError};

/// A row of a draft that blocks sending.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RowProblem {
    /// Position of the row in the draft (0-based).
    pub position: u32,
    /// Line in the source file, if known.
    #[ts(type = "number | null")]
    pub source_line: Option<u64>,
    /// The number as read.
    pub phone_number: String,
    /// What is wrong.
    pub message: String,
}

/// Everything that can go wrong in the outbox.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutboxError {
    /// The database failed or refused.
    #[error(transparent)]
    Store(#[from] StoreError),

    /// A call that has no outbox state of its own failed (DescribeNumbers).
    #[error(transparent)]
    Client(#[from] ClientError),

    /// Another process is sending from the same database.
    #[error(
        "another Number Desk{} is already sending from {}; close it (or wait for it to finish) \
         and try again",
        holder.map(|p| format!(" (process {p})")).unwrap_or_default(),
        path.display()
    )]
    Locked {
        /// The database.
        path: PathBuf,
        /// Process id written by the holder, if readable.
        holder: Option<u32>,
    },

    /// The lock file could not be created or locked.
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// Draft `id` has rows that must be fixed first.
    #[error(
        "draft {draft_id} has {} row(s) with errors; nothing was sent. First: {}",
        rows.len(),
        rows.iter().take(3).map(|r| format!("row {} ({}): {}", r.source_line.map_or(u64::from(r.position) + 1, |l| l), r.phone_number, r.message)).collect::<Vec<_>>().join("; ")
    )]
    DraftHasErrors {
        /// The draft.
        draft_id: i64,
        /// Every blocking row.
        rows: Vec<RowProblem>,
    },

    /// A required header field is missing.
    #[error("{field} is not set: {hint}")]
    MissingSetting {
        /// `SdkAppId`, `SipTrunkId`, …
        field: &'static str,
        /// What to do.
        hint: &'static str,
    },

    /// A setting is out of range.
    #[error("invalid {field}: {reason}")]
    InvalidSetting {
        /// Which.
        field: &'static str,
        /// Why.
        reason: String,
    },

    /// No such draft or application.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// `draft` or `application`.
        what: &'static str,
        /// The id.
        id: i64,
    },

    /// The application belongs to another service than the client's.
    #[error(
        "application {id} was sent to {recorded}, not to {requested}; use the same endpoint \
         (sandbox and real submissions are kept apart)"
    )]
    EndpointMismatch {
        /// The application.
        id: i64,
        /// Where it belongs.
        recorded: EndpointScope,
        /// Where the client points.
        requested: EndpointScope,
    },

    /// Tencent refuses changes to this application (`ErrorApplyStatus`).
    #[error("{explanation}")]
    NotEditable {
        /// The application.
        id: i64,
        /// Its ApplyId.
        apply_id: u64,
        /// What it means and what to do.
        explanation: String,
        /// Tencent's error.
        #[source]
        source: ClientError,
    },

    /// A background task died.
    #[error("an outbox task stopped unexpectedly: {0}")]
    Task(String),
}
