//! How the built-in sandbox rehearses the life of an application: how long Tencent's review
//! "takes" there. Kept in the database, so a restart rehearses the same way. Only the sandbox:
//! nothing here affects Tencent.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError, SANDBOX_APPROVE_AFTER};

/// Preference key: seconds, or `never`.
const APPROVE_KEY: &str = "sandbox.approve_after";
/// Preference key: `reject` when reviews end in a refusal.
const OUTCOME_KEY: &str = "sandbox.review_outcome";
/// Longest delay offered: one day.
pub const MAX_APPROVE_AFTER_SECS: u32 = 86_400;

/// The sandbox's review delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SandboxApproval {
    /// Seconds from submission to the review's outcome; `null`: never reviewed by itself.
    pub approve_after_secs: Option<u32>,
    /// The review rejects the application instead of approving it (to rehearse a refusal).
    #[serde(default)]
    pub reject: bool,
}

fn of(after: Option<Duration>, reject: bool) -> SandboxApproval {
    SandboxApproval {
        approve_after_secs: after.map(|d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX)),
        reject,
    }
}

/// Whether the saved rehearsal rejects (applied when the app starts).
pub(crate) fn saved_reject(ctx: &AppContext) -> Result<bool, IpcError> {
    Ok(ctx.store().preference(OUTCOME_KEY)?.as_deref() == Some("reject"))
}

/// The saved delay (default [`SANDBOX_APPROVE_AFTER`]); applied when the app starts.
pub(crate) fn saved_approve_after(ctx: &AppContext) -> Result<Option<Duration>, IpcError> {
    Ok(match ctx.store().preference(APPROVE_KEY)?.as_deref() {
        Some("never") => None,
        Some(secs) => match secs.parse::<u32>() {
            Ok(s) if s <= MAX_APPROVE_AFTER_SECS => Some(Duration::from_secs(u64::from(s))),
            _ => Some(SANDBOX_APPROVE_AFTER),
        },
        None => Some(SANDBOX_APPROVE_AFTER),
    })
}

/// `sandbox_approval_get`: the built-in sandbox's review delay now.
pub fn sandbox_approval_get(ctx: &AppContext) -> SandboxApproval {
    of(ctx.sandbox().approve_after(), ctx.sandbox().rejects())
}

/// `sandbox_approval_set`: how long the built-in sandbox takes to review an application (at
/// most a day, or never) and whether it approves or rejects it; saved for the next start.
pub fn sandbox_approval_set(
    ctx: &AppContext,
    approval: &SandboxApproval,
) -> Result<SandboxApproval, IpcError> {
    if let Some(s) = approval.approve_after_secs
        && s > MAX_APPROVE_AFTER_SECS
    {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            format!("{s} seconds is more than a day ({MAX_APPROVE_AFTER_SECS} seconds)"),
        )
        .with_details(ErrorDetails::field("approveAfterSecs")));
    }
    let saved = approval
        .approve_after_secs
        .map_or_else(|| "never".to_owned(), |s| s.to_string());
    ctx.store().set_preference(APPROVE_KEY, &saved)?;
    ctx.store().set_preference(
        OUTCOME_KEY,
        if approval.reject { "reject" } else { "approve" },
    )?;
    ctx.sandbox().set_reject(approval.reject);
    ctx.sandbox().set_approve_after(
        approval
            .approve_after_secs
            .map(|s| Duration::from_secs(u64::from(s))),
    );
    // The watch checks the Sandbox just after its review delay: start its schedule again.
    crate::watch::reset(ctx);
    Ok(sandbox_approval_get(ctx))
}
