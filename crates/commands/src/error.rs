//! The one error shape that crosses the IPC boundary.

use numdesk_client::{ClientError, ErrorClass, NetworkErrorKind, NetworkKind};
use numdesk_keychain::KeychainError;
use serde::Serialize;
use ts_rs::TS;

use crate::error_details::{
    ErrorDetails, FieldDetails, KeychainDetails, Missing, NetworkDetails, Refusal, TencentDetails,
    VersionDetails,
};

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
    /// What the failure concerns, in the shape its code carries (see [`ErrorDetails`]).
    // Boxed: the largest shape would triple the size of every `Result` carrying this error.
    pub details: Option<Box<ErrorDetails>>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: impl Into<ErrorDetails>) -> Self {
        self.details = Some(Box::new(details.into()));
        self
    }

    /// `details` as the UI receives it: JSON, `null` when there are none.
    pub fn details_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.details).unwrap_or_default()
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
            E::TooNew { found, supported } => Some(
                VersionDetails {
                    found: *found,
                    supported: *supported,
                }
                .into(),
            ),
            E::WrongState { id, state, .. } => Some(
                Refusal::WrongState {
                    id: *id,
                    state: state.clone(),
                }
                .into(),
            ),
            E::ApplyIdInUse {
                apply_id,
                application_id,
            } => Some(
                Refusal::ApplyIdInUse {
                    apply_id: *apply_id,
                    application_id: *application_id,
                }
                .into(),
            ),
            E::NumbersInUse(numbers) => Some(
                Refusal::NumbersInUse {
                    numbers: numbers.iter().map(|n| n.phone_number.clone()).collect(),
                }
                .into(),
            ),
            _ => None,
        };
        Self {
            code,
            message: err.to_string(),
            details: details.map(Box::new),
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
            E::Client(e) => crate::error::client_error(e),
            E::Locked { holder, .. } => {
                IpcError::new(ErrorCode::Io, message).with_details(Refusal::Locked { holder })
            }
            E::Lock { .. } => IpcError::new(ErrorCode::Io, message),
            E::DraftHasErrors { draft_id, rows } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(Refusal::DraftHasErrors { draft_id, rows }),
            E::MissingSetting { field, .. } => IpcError::new(ErrorCode::NotConfigured, message)
                .with_details(ErrorDetails::field(field)),
            E::InvalidSetting { field, .. } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(ErrorDetails::field(field)),
            E::NotFound { what, id } => {
                let what = if what == "draft" {
                    Missing::Draft
                } else {
                    Missing::Application
                };
                IpcError::new(ErrorCode::NotFound, message)
                    .with_details(ErrorDetails::missing(what, id))
            }
            E::EndpointMismatch { id, .. } => IpcError::new(ErrorCode::InvalidInput, message)
                .with_details(Refusal::EndpointMismatch { id }),
            E::NotEditable { id, apply_id, .. } => IpcError::new(ErrorCode::Tencent, message)
                .with_details(TencentDetails {
                    id: Some(id),
                    apply_id: Some(apply_id),
                    ..TencentDetails::answer("InvalidParameterValue.ErrorApplyStatus", None)
                }),
            _ => IpcError::new(ErrorCode::Internal, message),
        }
    }
}

/// A pasted credential that cannot be used: code `invalid_credentials`, the field and the
/// keychain crate's problem code in `details`; the message never quotes the value.
pub(crate) fn credential_error(err: KeychainError) -> IpcError {
    let field = match err.field() {
        Some(numdesk_keychain::CredentialField::SecretId) => "secretId",
        Some(numdesk_keychain::CredentialField::SecretKey) => "secretKey",
        Some(numdesk_keychain::CredentialField::Token) => "token",
        None => return keychain_error(err),
    };
    IpcError::new(ErrorCode::InvalidCredentials, err.to_string()).with_details(FieldDetails {
        field: field.into(),
        problem: Some(err.code().into()),
    })
}

pub(crate) fn keychain_error(err: KeychainError) -> IpcError {
    IpcError::new(ErrorCode::Keychain, err.to_string()).with_details(KeychainDetails {
        problem: err.code().into(),
    })
}

/// A client failure as `{code, message, details}`: the code says what the user can do.
///
/// `details` (the UI's `explainError` in `ui/src/errors/` reads them):
/// - Tencent answers: [`TencentDetails`] — `apiCode` (e.g. `AuthFailure.SignatureExpire`) and
///   `requestId`; for `AuthFailure.SignatureExpire` also `clockOffsetSeconds` when the caller
///   knows it (`client_error_with_clock`). A rejected key from
///   [`run_test_connection`](crate::run_test_connection) adds `otherSite` and `otherSiteAccepts`
///   (`true`, `false`, or `null` when unknown).
/// - Nothing sent: [`NetworkDetails`] — `kind` `Dns`, `ConnectionRefused`, `Certificate`, `Tls`,
///   `Proxy`, `ConnectTimeout` or `Other` (code `certificate`, `proxy` or `network`).
/// - Sent, no answer: `kind` `Timeout`, `ConnectionDropped` or `ResponseTooLarge`, and
///   `outcomeUnknown: true`.
/// - Not a Tencent answer: `kind` `HttpStatus` (with `status`) or `BadResponse`, and `requestId`
///   when one could be read.
pub fn client_error(err: ClientError) -> IpcError {
    let message = err.to_string();
    match &err {
        ClientError::Api(api) => {
            let code = match api.class() {
                ErrorClass::Auth => ErrorCode::AuthFailed,
                ErrorClass::Permission => ErrorCode::PermissionDenied,
                ErrorClass::ClockSkew => ErrorCode::ClockSkew,
                _ => ErrorCode::Tencent,
            };
            IpcError::new(code, message).with_details(TencentDetails::answer(
                api.code.clone(),
                Some(api.request_id.clone()),
            ))
        }
        ClientError::NotSent { kind, .. } => {
            let code = match kind {
                NetworkErrorKind::Certificate => ErrorCode::Certificate,
                NetworkErrorKind::Proxy => ErrorCode::Proxy,
                _ => ErrorCode::Network,
            };
            IpcError::new(code, message).with_details(NetworkDetails::of(kind.network_kind()))
        }
        ClientError::OutcomeUnknown { kind, .. } => IpcError::new(ErrorCode::Network, message)
            .with_details(NetworkDetails {
                outcome_unknown: true,
                ..NetworkDetails::of(kind.network_kind())
            }),
        ClientError::HttpStatus {
            status, request_id, ..
        } => IpcError::new(ErrorCode::Network, message).with_details(NetworkDetails {
            status: Some(*status),
            request_id: request_id.clone(),
            ..NetworkDetails::of(NetworkKind::HttpStatus)
        }),
        ClientError::BadResponse { request_id, .. } => IpcError::new(ErrorCode::Network, message)
            .with_details(NetworkDetails {
                request_id: request_id.clone(),
                ..NetworkDetails::of(NetworkKind::BadResponse)
            }),
        ClientError::Config { setting, .. } if *setting == "proxy" => {
            IpcError::new(ErrorCode::Proxy, message)
        }
        ClientError::Config { setting, .. } => IpcError::new(ErrorCode::InvalidInput, message)
            .with_details(ErrorDetails::field(*setting)),
        ClientError::Sign(_) | ClientError::MissingCredentials { .. } => {
            IpcError::new(ErrorCode::InvalidCredentials, message)
        }
        _ => IpcError::new(ErrorCode::Internal, message),
    }
}

/// [`client_error`], plus `details.clockOffsetSeconds` for a clock error when the client
/// learned the offset from the server's `Date` header ([`Client::clock_offset_secs`]; seconds
/// the server is ahead of this computer, negative when behind it), so the UI can say "your
/// clock is 7 minutes behind".
pub(crate) fn client_error_with_clock(
    err: ClientError,
    clock_offset_secs: Option<i64>,
) -> IpcError {
    let clock = err.class() == ErrorClass::ClockSkew;
    let mut ipc = client_error(err);
    if let (true, Some(offset), Some(ErrorDetails::Tencent(details))) =
        (clock, clock_offset_secs, ipc.details.as_deref_mut())
    {
        details.clock_offset_seconds = Some(offset);
    }
    ipc
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_envelope_json_is_pinned() {
        let err = IpcError::new(ErrorCode::InvalidInput, "language must be en or zh-CN")
            .with_details(ErrorDetails::field("language"));
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
            err.details_json(),
            serde_json::json!({ "found": 9, "supported": 1 })
        );
    }

    #[test]
    fn certificate_and_proxy_failures_get_their_own_codes() {
        let cert = ClientError::NotSent {
            kind: NetworkErrorKind::Certificate,
            detail: "UnknownIssuer".into(),
        };
        assert_eq!(
            client_error(cert).code,
            ErrorCode::Certificate,
            "rule: certificate errors must read as such"
        );
        let proxy = ClientError::NotSent {
            kind: NetworkErrorKind::Proxy,
            detail: "refused".into(),
        };
        assert_eq!(client_error(proxy).code, ErrorCode::Proxy);
        let dns = ClientError::NotSent {
            kind: NetworkErrorKind::Dns,
            detail: "no such host".into(),
        };
        assert_eq!(client_error(dns).code, ErrorCode::Network);
    }

    #[test]
    fn api_errors_are_classified_by_what_the_user_can_do() {
        let api = |code: &str| {
            ClientError::Api(numdesk_client::ApiError {
                code: code.into(),
                message: "m".into(),
                request_id: "r-1".into(),
            })
        };
        let cases = [
            ("AuthFailure.SecretIdNotFound", ErrorCode::AuthFailed),
            (
                "AuthFailure.UnauthorizedOperation",
                ErrorCode::PermissionDenied,
            ),
            ("AuthFailure.SignatureExpire", ErrorCode::ClockSkew),
            ("InternalError", ErrorCode::Tencent),
        ];
        for (code, expected) in cases {
            let err = client_error(api(code));
            assert_eq!(err.code, expected, "{code}");
            assert_eq!(
                err.details_json(),
                json!({ "apiCode": code, "requestId": "r-1" }),
                "rule: every API error keeps its code and RequestId"
            );
        }
    }

    #[test]
    fn signature_expire_carries_the_clock_offset_for_the_minutes_sentence() {
        let expired = || {
            ClientError::Api(numdesk_client::ApiError {
                code: "AuthFailure.SignatureExpire".into(),
                message: "expired".into(),
                request_id: "r-2".into(),
            })
        };
        let err = client_error_with_clock(expired(), Some(420));
        assert_eq!(err.code, ErrorCode::ClockSkew);
        assert_eq!(
            err.details_json(),
            json!({
                "apiCode": "AuthFailure.SignatureExpire",
                "requestId": "r-2",
                "clockOffsetSeconds": 420,
            }),
            "rule: the UI can say \"your clock is 7 minutes off\""
        );
        let unknown = client_error_with_clock(expired(), None);
        assert_eq!(
            unknown.details_json(),
            json!({ "apiCode": "AuthFailure.SignatureExpire", "requestId": "r-2" }),
            "no offset is invented when the client learned none"
        );
        let other = client_error_with_clock(
            ClientError::Api(numdesk_client::ApiError {
                code: "InternalError".into(),
                message: "m".into(),
                request_id: "r-3".into(),
            }),
            Some(420),
        );
        assert_eq!(
            other.details_json(),
            json!({ "apiCode": "InternalError", "requestId": "r-3" }),
            "the offset belongs to clock errors only"
        );
    }

    #[test]
    fn network_details_say_which_failure_so_the_ui_can_read_it_as_such() {
        let kind_of = |err: ClientError| {
            client_error(err).details_json()["kind"]
                .as_str()
                .map(str::to_owned)
        };
        for (kind, name) in [
            (NetworkErrorKind::Dns, "Dns"),
            (NetworkErrorKind::ConnectionRefused, "ConnectionRefused"),
            (NetworkErrorKind::Certificate, "Certificate"),
            (NetworkErrorKind::Tls, "Tls"),
            (NetworkErrorKind::Proxy, "Proxy"),
            (NetworkErrorKind::ConnectTimeout, "ConnectTimeout"),
            (NetworkErrorKind::Other, "Other"),
        ] {
            let err = ClientError::NotSent {
                kind,
                detail: "d".into(),
            };
            assert_eq!(
                kind_of(err).as_deref(),
                Some(name),
                "rule: UI reads details.kind"
            );
        }
        let dropped = client_error(ClientError::OutcomeUnknown {
            kind: numdesk_client::UnknownOutcomeKind::ConnectionDropped,
            detail: "eof".into(),
        });
        assert_eq!(dropped.code, ErrorCode::Network);
        assert_eq!(
            dropped.details_json(),
            json!({ "kind": "ConnectionDropped", "outcomeUnknown": true }),
            "rule: a dropped response reads as outcome unknown, not as nothing sent"
        );
        let gateway = client_error(ClientError::HttpStatus {
            status: 407,
            request_id: None,
            body: "Proxy Authentication Required".into(),
        });
        assert_eq!(
            gateway.details_json(),
            json!({ "kind": "HttpStatus", "status": 407 })
        );
    }
}
