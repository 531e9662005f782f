//! The built-in sandbox's "simulate problems" switches: [`sandbox_faults_get`] reads them as
//! [`SandboxFaults`], [`sandbox_faults_set`] checks and sets them (until the app closes; nothing
//! here affects Tencent).

use std::time::Duration;

use numdesk_sandbox::Faults;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error_details::ErrorDetails;
use crate::{AppContext, ErrorCode, IpcError};

/// The built-in sandbox's "simulate problems" switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename_all = "camelCase")]
pub struct SandboxFaults {
    /// Percent (0–100) of created applications whose answer is dropped (the application exists,
    /// the app never hears so: "outcome unknown").
    pub drop_percent: u8,
    /// Percent (0–100) of writes answered `InternalError` without creating anything.
    #[serde(default)]
    pub internal_error_percent: u8,
    /// The next N created applications lose their answer (deterministic; counts down).
    #[serde(default)]
    pub drop_next: u32,
    /// Every answer is delayed by this many milliseconds (at most 10,000).
    #[serde(default)]
    pub delay_ms: u32,
}

fn percent(rate: f64) -> u8 {
    (rate * 100.0).round().clamp(0.0, 100.0) as u8
}

/// The built-in sandbox's fault switches now.
pub fn sandbox_faults_get(ctx: &AppContext) -> SandboxFaults {
    let f = ctx.sandbox().faults();
    SandboxFaults {
        drop_percent: percent(f.drop_after_commit_rate),
        internal_error_percent: percent(f.internal_error_rate),
        drop_next: f.drop_next_after_commit,
        delay_ms: u32::try_from(f.delay.as_millis()).unwrap_or(u32::MAX),
    }
}

/// Sets the built-in sandbox's fault switches (until the app closes). Only the sandbox: nothing
/// here affects Tencent.
pub fn sandbox_faults_set(
    ctx: &AppContext,
    faults: &SandboxFaults,
) -> Result<SandboxFaults, IpcError> {
    let bad = |field: &str, message: String| {
        IpcError::new(ErrorCode::InvalidInput, message).with_details(ErrorDetails::field(field))
    };
    if faults.drop_percent > 100 {
        return Err(bad(
            "dropPercent",
            format!("{} % is not a percentage (0 to 100)", faults.drop_percent),
        ));
    }
    if faults.internal_error_percent > 100 {
        return Err(bad(
            "internalErrorPercent",
            format!(
                "{} % is not a percentage (0 to 100)",
                faults.internal_error_percent
            ),
        ));
    }
    if faults.delay_ms > 10_000 {
        return Err(bad(
            "delayMs",
            format!("a delay of {} ms is more than 10 seconds", faults.delay_ms),
        ));
    }
    let current = ctx.sandbox().faults();
    ctx.sandbox().set_faults(Faults {
        delay: Duration::from_millis(u64::from(faults.delay_ms)),
        internal_error_rate: f64::from(faults.internal_error_percent) / 100.0,
        drop_after_commit_rate: f64::from(faults.drop_percent) / 100.0,
        drop_next_after_commit: faults.drop_next,
        ..current
    });
    Ok(sandbox_faults_get(ctx))
}
