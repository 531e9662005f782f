//! Settings → About → "Check for updates": what the UI receives. The check itself (Tauri's updater
//! plugin fetching the release's `latest.json` and, when asked, downloading the update and
//! verifying its signature) runs in the shell, `src-tauri/src/updates.rs`; here are the answer and
//! the failure reasons, free of Tauri, so both sides share one generated vocabulary.

use serde::Serialize;
use ts_rs::TS;

use crate::error_details::UpdateDetails;
use crate::{ErrorCode, IpcError};

/// The answer of `updates_check`. Nothing is downloaded by the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "status",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum UpdateCheck {
    /// The release the update server announces is not newer than the running version.
    UpToDate { current_version: String },
    /// A newer release; it is downloaded and installed only when the user asks
    /// (`updates_install` with this `version`).
    Available {
        current_version: String,
        version: String,
        /// The release notes from `latest.json` (the release's `CHANGELOG.md` entry).
        notes: Option<String>,
    },
}

/// Why checking for or installing an update failed: `details.reason` of the [`IpcError`], which
/// the UI switches on (never on the English message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UpdateFailure {
    /// Nothing reached the update server: offline, name not found, connection refused, timeout,
    /// or the secure connection failed.
    Offline,
    /// The update server answered without release information (no `latest.json` published, or
    /// an HTTP error).
    NoRelease,
    /// The release information could not be read (not the `latest.json` format).
    BadRelease,
    /// The release has no build for this system and architecture.
    NoBuildForThisSystem,
    /// Downloading the update failed (an HTTP error from the download address).
    DownloadFailed,
    /// The downloaded update's signature was not made by the release key (or for another
    /// version): it is refused and nothing is installed.
    BadSignature,
    /// This build has no update address or key configured.
    NotConfigured,
    /// "Install" without a checked update, or for another version than the one checked.
    NothingToInstall,
    /// The verified update could not be installed (permissions, disk, a cancelled prompt).
    InstallFailed,
    /// Anything else; the message says what.
    Other,
}

impl UpdateFailure {
    /// The envelope's `code`: what kind of failure this is for code that only reads codes.
    pub fn code(self) -> ErrorCode {
        match self {
            // The update server gave no usable answer.
            Self::Offline
            | Self::NoRelease
            | Self::BadRelease
            | Self::DownloadFailed
            | Self::BadSignature => ErrorCode::Network,
            Self::NoBuildForThisSystem | Self::NothingToInstall => ErrorCode::NotFound,
            Self::InstallFailed => ErrorCode::Io,
            Self::NotConfigured | Self::Other => ErrorCode::Internal,
        }
    }

    /// `{code, message, details: {reason}}`.
    pub fn error(self, message: impl Into<String>) -> IpcError {
        IpcError::new(self.code(), message).with_details(UpdateDetails { reason: self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_answer_json_is_pinned() {
        let available = UpdateCheck::Available {
            current_version: "0.1.0".into(),
            version: "0.2.0".into(),
            notes: Some("Fixes".into()),
        };
        assert_eq!(
            serde_json::to_value(&available).unwrap(),
            serde_json::json!({
                "status": "available",
                "currentVersion": "0.1.0",
                "version": "0.2.0",
                "notes": "Fixes",
            }),
            "rule: the About panel switches on `status` and reads camelCase fields"
        );
        let latest = UpdateCheck::UpToDate {
            current_version: "0.1.0".into(),
        };
        assert_eq!(
            serde_json::to_value(&latest).unwrap(),
            serde_json::json!({ "status": "upToDate", "currentVersion": "0.1.0" })
        );
    }

    #[test]
    fn a_failure_carries_its_reason_in_details() {
        let err = UpdateFailure::BadSignature.error("signature mismatch");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "network",
                "message": "signature mismatch",
                "details": { "reason": "bad_signature" },
            }),
            "rule: update failures are {{code, message, details.reason}}; the UI switches on reason"
        );
        assert_eq!(
            UpdateFailure::NoBuildForThisSystem
                .error("x")
                .details_json(),
            serde_json::json!({ "reason": "no_build_for_this_system" })
        );
    }
}
