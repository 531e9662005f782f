//! The one error shape that crosses the IPC boundary.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure this is; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A bug or an unexpected state; the message is for support.
    Internal,
    /// The local database could not be read or written.
    Database,
    /// A file or directory could not be read or written.
    Io,
    /// An argument from the UI was rejected; `details` names the field.
    InvalidInput,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// A pasted SecretId, SecretKey or token is malformed; `details.field` names it.
    InvalidCredentials,
    /// Tencent rejected the key (`AuthFailure.*`); `details` says whether the other site
    /// accepts it.
    AuthFailed,
    /// The key works but its CAM policy lacks the permission for the action.
    PermissionDenied,
    /// The computer's clock is more than 5 minutes off.
    ClockSkew,
    /// Nothing reached the server (DNS, refused, timeout) or no usable answer came back.
    Network,
    /// The server's TLS certificate was not accepted (often an intercepting proxy).
    Certificate,
    /// The proxy setting is invalid or the proxy could not be used.
    Proxy,
    /// The OS keychain failed.
    Keychain,
    /// Another error from Tencent Cloud; `details.apiCode` and `details.requestId` say which.
    Tencent,
    /// The Tencent connection is not set up yet (no SecretId or SecretKey saved).
    NotConfigured,
    /// A submission was started from a summary that no longer matches what would be sent
    /// (draft, destination, SdkAppId or SipTrunkId changed): nothing was sent; show the new
    /// summary and ask again. `details.reason`: `changed` or `not_confirmed`.
    PreviewChanged,
}

/// `{code, message, details}`: how every command fails.
///
/// `message` is complete English text for logs and support; the UI shows its own translated
/// text chosen by `code` (and `details`), falling back to `message`.
#[derive(Debug, Clone, PartialEq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub details: Option<serde_json::Value>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }
}

impl From<numdesk_store::StoreError> for IpcError {
    fn from(err: numdesk_store::StoreError) -> Self {
        use numdesk_store::StoreError as E;
        let code = match &err {
            E::Io { .. } => ErrorCode::Io,
            E::Invalid { .. } => ErrorCode::InvalidInput,
            E::NotFound { .. } => ErrorCode::NotFound,
            // The user asked for something the data does not allow: not a database failure.
            E::WrongState { .. } | E::ApplyIdInUse { .. } | E::NumbersInUse(_) => {
                ErrorCode::InvalidInput
            }
            _ => ErrorCode::Database,
        };
        let details = match &err {
            E::TooNew { found, supported } => {
                Some(serde_json::json!({ "found": found, "supported": supported }))
            }
            E::WrongState { id, state, .. } => {
                Some(serde_json::json!({ "reason": "wrong_state", "id": id, "state": state }))
            }
            E::ApplyIdInUse {
                apply_id,
                application_id,
            } => Some(serde_json::json!({
                "reason": "apply_id_in_use",
                "applyId": apply_id,
                "applicationId": application_id,
            })),
            E::NumbersInUse(numbers) => Some(serde_json::json!({
                "reason": "numbers_in_use",
                "numbers": numbers.iter().map(|n| &n.phone_number).collect::<Vec<_>>(),
            })),
            _ => None,
        };
        Self {
            code,
            message: err.to_string(),
            details,
        }
    }
}

impl From<numdesk_outbox::OutboxError> for IpcError {
    /// Outbox failures keep the details the UI needs: the blocking rows of a draft (to link back
    /// to the grid), the setting that is missing, who holds the sender lock.
    fn from(err: numdesk_outbox::OutboxError) -> Self {
        use numdesk_outbox::OutboxError as E;
        let message = err.to_string();
        match err {
            E::Store(e) => e.into(),
            E::Client(e) => crate::settings::client_error(e),
            E::Locked { holder, .. } => IpcError::new(ErrorCode::Io, message)
                .with_details(serde_json::json!({ "reason": "locked", "holder": holder })),
            E::Lock { .. } => IpcError::new(ErrorCode::Io, message),
            E::DraftHasErrors { draft_id, rows } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(serde_json::json!({
                    "reason": "draft_has_errors",
                    "draftId": draft_id,
                    "rows": rows,
                })),
            E::MissingSetting { field, .. } => IpcError::new(ErrorCode::NotConfigured, message)
                .with_details(serde_json::json!({ "field": field })),
            E::InvalidSetting { field, .. } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(serde_json::json!({ "field": field })),
            E::NotFound { what, id } => IpcError::new(ErrorCode::NotFound, message)
                .with_details(serde_json::json!({ "what": what, "id": id })),
            E::EndpointMismatch { id, .. } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(serde_json::json!({ "reason": "endpoint_mismatch", "id": id })),
            E::NotEditable { id, apply_id, .. } => IpcError::new(ErrorCode::Tencent, message)
                .with_details(serde_json::json!({
                    "apiCode": "InvalidParameterValue.ErrorApplyStatus",
                    "id": id,
                    "applyId": apply_id,
                })),
            _ => IpcError::new(ErrorCode::Internal, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_json_is_pinned() {
        let err = IpcError::new(ErrorCode::InvalidInput, "language must be en or zh-CN")
            .with_details(serde_json::json!({ "field": "language" }));
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"code":"invalid_input","message":"language must be en or zh-CN","details":{"field":"language"}}"#,
            "rule: errors cross IPC as {{code, message, details}}; the UI depends on this shape"
        );
        let bare = IpcError::new(ErrorCode::Internal, "boom");
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            serde_json::json!({ "code": "internal", "message": "boom", "details": null }),
            "details is always present, null when empty"
        );
    }

    #[test]
    fn every_code_serialises_in_snake_case() {
        let all = [
            (ErrorCode::Internal, "internal"),
            (ErrorCode::Database, "database"),
            (ErrorCode::Io, "io"),
            (ErrorCode::InvalidInput, "invalid_input"),
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::InvalidCredentials, "invalid_credentials"),
            (ErrorCode::AuthFailed, "auth_failed"),
            (ErrorCode::PermissionDenied, "permission_denied"),
            (ErrorCode::ClockSkew, "clock_skew"),
            (ErrorCode::Network, "network"),
            (ErrorCode::Certificate, "certificate"),
            (ErrorCode::Proxy, "proxy"),
            (ErrorCode::Keychain, "keychain"),
            (ErrorCode::Tencent, "tencent"),
            (ErrorCode::NotConfigured, "not_configured"),
            (ErrorCode::PreviewChanged, "preview_changed"),
        ];
        for (code, text) in all {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(text));
        }
    }

    #[test]
    fn a_newer_database_maps_to_database_with_versions_in_details() {
        let err: IpcError = numdesk_store::StoreError::TooNew {
            found: 9,
            supported: 1,
        }
        .into();
        assert_eq!(err.code, ErrorCode::Database);
        assert_eq!(
            err.details,
            Some(serde_json::json!({ "found": 9, "supported": 1 }))
        );
    }
}
